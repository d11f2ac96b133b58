"""The named-event fast path (``SSEDecoder.feed_named``, one ``event: X\\ndata: ...\\n\\n`` per
read, as the Responses API sends) gives exactly what the general decoder gives, or declines."""

from __future__ import annotations

from typing import List, Optional, Tuple

from hypothesis import given
from hypothesis import strategies as st

from portkey._sse import SSEDecoder


def started() -> SSEDecoder:
    """A decoder past the start of the stream (the fast paths wait for the first read: it
    may begin with a byte order mark)."""
    decoder = SSEDecoder()
    assert decoder.feed(b": comment\n\n") == []
    return decoder


def general(chunks: List[bytes]) -> List[Tuple[str, str, str]]:
    decoder = started()
    return [(e.event, e.data, e.id) for c in chunks for e in decoder._feed(c)]


def fast(chunks: List[bytes]) -> Optional[List[Tuple[str, str, str]]]:
    decoder = started()
    out = []
    for chunk in chunks:
        named = decoder.feed_named(chunk)
        if named is None:
            return None
        out.append((named[0], named[1], decoder.last_event_id))
    return out


def test_responses_event() -> None:
    chunk = b'event: response.output_text.delta\ndata: {"type":"x","delta":"Hi"}\n\n'
    assert (
        fast([chunk])
        == general([chunk])
        == [("response.output_text.delta", '{"type":"x","delta":"Hi"}', "")]
    )


def test_declines_what_it_does_not_handle() -> None:
    for chunk in [
        b"event:\ndata: x\n\n",  # no name: the type is "message"
        b"event: a\r\ndata: x\r\n\r\n",
        b"event: a\ndata: x\ndata: y\n\n",  # two data lines
        b"event: a\nid: 1\ndata: x\n\n",
        b"event: a\ndata: x\n",  # not finished
        b"data: x\n\n",
        b"event: a\ndata: x\n\nevent: b\ndata: y\n\n",  # two events
    ]:
        assert fast([chunk]) is None, chunk


@given(
    st.lists(
        st.tuples(
            st.text(
                st.characters(blacklist_characters="\r\n\x00", blacklist_categories=("Cs",)),
                max_size=12,
            ),
            st.text(
                st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)),
                max_size=20,
            ),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_fast_path_equals_general_decoder(events: List[Tuple[str, str]]) -> None:
    chunks = [f"event: {name}\ndata: {data}\n\n".encode() for name, data in events]
    got = fast(chunks)
    if all(name for name, _ in events):
        assert got is not None  # every named single event takes the fast path
    if got is not None:
        assert got == general(chunks)
