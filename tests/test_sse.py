"""Tests for portkey._sse, the event-stream (Server-Sent Events) decoder."""

from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path
from typing import Any, AsyncIterator, Dict, Iterable, List, Optional, Tuple

import pytest
from httpx_sse._decoders import SSEDecoder as HttpxSSEDecoder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portkey._sse import ServerSentEvent, SSEDecoder, aiter_sse, iter_sse

FIXTURES = Path(__file__).parent / "fixtures"
VECTORS_FILE = FIXTURES / "sse" / "sse-test-vectors.json"
RECORDED = sorted((FIXTURES / "recorded").glob("*.sse"))

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


# --------------------------------------------------------------------------- helpers


def decode(
    chunks: Iterable[bytes],
) -> Tuple[List[ServerSentEvent], SSEDecoder]:
    dec = SSEDecoder()
    events: List[ServerSentEvent] = []
    for chunk in chunks:
        events.extend(dec.feed(chunk))
    assert dec.close() == []
    return events, dec


def whole(data: bytes) -> List[ServerSentEvent]:
    return decode([data])[0]


def bytewise(data: bytes) -> List[ServerSentEvent]:
    return decode([data[i : i + 1] for i in range(len(data))])[0]


def split_at(data: bytes, cuts: Iterable[int]) -> List[bytes]:
    points = sorted(set(c for c in cuts if 0 < c < len(data)))
    out = []
    prev = 0
    for p in points:
        out.append(data[prev:p])
        prev = p
    out.append(data[prev:])
    return out


def all_ways(data: bytes) -> List[ServerSentEvent]:
    """Decode whole, byte by byte and in a few fixed splits; all must agree."""
    expected, dec = decode([data])
    for chunks in (
        [data[i : i + 1] for i in range(len(data))],
        [data[i : i + 2] for i in range(0, len(data), 2)],
        [data[i : i + 3] for i in range(0, len(data), 3)],
        [data[i : i + 7] for i in range(0, len(data), 7)],
        [b""] + [data[: len(data) // 2], b"", data[len(data) // 2 :], b""],
    ):
        got, dec2 = decode(chunks)
        assert got == expected, chunks
        assert (dec2.last_event_id, dec2.retry, dec2.truncated) == (
            dec.last_event_id,
            dec.retry,
            dec.truncated,
        )
    return expected


def ev(
    data: str, event: str = "message", id: str = "", retry: Optional[int] = None
) -> ServerSentEvent:
    return ServerSentEvent(event=event, data=data, id=id, retry=retry)


_LINE_END = re.compile(r"\r\n|\r|\n")


def reference(data: bytes) -> Tuple[List[ServerSentEvent], str, Optional[int], bool]:
    """A plain, line-at-a-time transcription of the spec, used as an oracle."""
    if data.startswith(BOM):
        data = data[3:]
    lines = _LINE_END.split(data.decode("utf-8", "replace"))
    incomplete = lines.pop()  # text after the last line end (maybe "")
    events: List[ServerSentEvent] = []
    data_buf: List[str] = []
    event_type = ""
    id_buf = ""
    last_event_id = ""
    retry: Optional[int] = None
    block_retry: Optional[int] = None
    for line in lines:
        if line == "":
            last_event_id = id_buf
            if data_buf:
                events.append(ev("\n".join(data_buf), event_type or "message", id_buf, block_retry))
            data_buf = []
            event_type = ""
            block_retry = None
            continue
        if line.startswith(":"):
            continue
        if ":" in line:
            name, _, value = line.partition(":")
            if value.startswith(" "):
                value = value[1:]
        else:
            name, value = line, ""
        if name == "event":
            event_type = value
        elif name == "data":
            data_buf.append(value)
        elif name == "id":
            if "\0" not in value:
                id_buf = value
        elif name == "retry":
            if value and all(c in "0123456789" for c in value):
                retry = block_retry = int(value)
    truncated = bool(incomplete) or bool(data_buf)
    return events, last_event_id, retry, truncated


def httpx_sse_events(data: bytes) -> List[ServerSentEvent]:
    """httpx-sse's event decoder fed lines split only on CRLF / CR / LF."""
    dec = HttpxSSEDecoder()
    lines = _LINE_END.split(data.decode("utf-8", "replace"))
    lines.pop()  # unterminated last line: not a line
    out = []
    for line in lines:
        sse = dec.decode(line)
        if sse is not None:
            out.append(ev(sse.data, sse.event, sse.id, sse.retry))
    return out


# --------------------------------------------------------------------------- the model


def test_event_model() -> None:
    e = ServerSentEvent()
    assert (e.event, e.data, e.id, e.retry) == ("message", "", "", None)
    e = ServerSentEvent("update", '{"a": [1, 2]}', "7", 1500)
    assert e.json() == {"a": [1, 2]}
    assert e == ServerSentEvent(event="update", data='{"a": [1, 2]}', id="7", retry=1500)
    assert e != ServerSentEvent(event="update", data='{"a": [1, 2]}', id="8", retry=1500)
    assert e != ("update", '{"a": [1, 2]}', "7", 1500)
    assert hash(e) == hash(ServerSentEvent("update", '{"a": [1, 2]}', "7", 1500))
    assert "update" in repr(e) and "1500" in repr(e)
    with pytest.raises(AttributeError):
        e.other = 1  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- vectors


VECTORS: Dict[str, Dict[str, Any]] = {
    v["id"]: v for v in json.loads(VECTORS_FILE.read_text("utf-8"))["vectors"]
}

# Vectors whose server script was not read give the message parameter only. The
# framing assumed here: the server terminates the message with a blank line
# (default newline), as the expected dispatch counts require.
ASSUMED_SUFFIX = {
    "wpt-field-data": "\n\n",  # default newline
    "wpt-comments": "\n",  # message ends in "\n"; one more makes the blank line
    "wpt-double-bom": "\n\n",  # default newline
    "wpt-always-utf8": "\n\n",
}


def _check_expect(events: List[ServerSentEvent], expect: List[Dict[str, str]]) -> None:
    assert len(events) == len(expect), events
    for got, want in zip(events, expect):
        assert got.data == want["data"]
        if "type" in want:
            assert got.event == want["type"]
        if "lastEventId" in want:
            assert got.id == want["lastEventId"]


def test_every_vector_is_covered() -> None:
    covered = {
        "spec-1",
        "spec-2",
        "spec-3",
        "spec-4",
        "wpt-null-character",
        "wpt-field-event-empty",
        "wpt-field-event",
        "wpt-field-retry-bogus",
        "wpt-field-data",
        "wpt-comments",
        "wpt-data-before-final-empty-line",
        "wpt-double-bom",
        "wpt-always-utf8",
        "ld-id-with-null-ignored",
    }
    assert set(VECTORS) == covered


@pytest.mark.parametrize(
    "vid", [k for k, v in VECTORS.items() if "stream" in v and isinstance(v.get("expect"), list)]
)
def test_vector_with_known_stream(vid: str) -> None:
    v = VECTORS[vid]
    events = all_ways(v["stream"].encode("utf-8"))
    _check_expect(events, v["expect"])


def test_vector_spec_3_last_block_discarded_is_truncated() -> None:
    _, dec = decode([VECTORS["spec-3"]["stream"].encode()])
    assert dec.truncated  # "data:" without its blank line


def test_vector_ld_id_with_null_ignored() -> None:
    events, dec = decode([VECTORS["ld-id-with-null-ignored"]["stream"].encode()])
    assert events == [ev("Hello")]
    assert dec.last_event_id == ""


def test_vector_retry_bogus() -> None:
    v = VECTORS["wpt-field-retry-bogus"]
    events, dec = decode([v["stream"].encode()])
    assert dec.retry == v["expect_reconnection_time_ms"] == 2000
    assert events == [ev("x", retry=2000)]


@pytest.mark.parametrize("vid", sorted(ASSUMED_SUFFIX))
def test_vector_with_assumed_framing(vid: str) -> None:
    v = VECTORS[vid]
    if "message_bytes_hex" in v:
        body = bytes.fromhex(v["message_bytes_hex"])
    else:
        body = v["message_param"].encode("utf-8")
    body += ASSUMED_SUFFIX[vid].encode()
    events = all_ways(body)
    if isinstance(v["expect"], list):
        _check_expect(events, v["expect"])
    else:
        assert vid == "wpt-double-bom"
        # only one BOM stripped: the second makes the field name "\ufeffdata"
        assert [e.data for e in events] == ["2", "3"]


def test_vector_data_before_final_empty_line() -> None:
    # newline=none: the stream ends right after "data:test2"
    body = VECTORS["wpt-data-before-final-empty-line"]["message_param"].encode()
    assert body.endswith(b"data:test2")
    events, dec = decode([body])
    assert events == [ev("test1", retry=1000)]
    # the unterminated block (with its id) is discarded...
    assert dec.last_event_id == ""
    # ...and reported
    assert dec.truncated
    assert dec.retry == 1000
    assert all_ways(body) == events


def test_vector_comments_exact_bytes() -> None:
    body = VECTORS["wpt-comments"]["message_param"].encode()
    assert b"\r:\x00\n:\r\n" in body and body.count(b"x" * 2048) == 2
    assert whole(body + b"\n") == [ev("1\n2\n3\n4")]
    assert whole(body) == []  # no blank line yet


# --------------------------------------------------------------------------- line ends


@pytest.mark.parametrize("eol", [b"\n", b"\r", b"\r\n"])
def test_line_ends(eol: bytes) -> None:
    body = eol.join([b"event: a", b"data: 1", b"data: 2", b"", b"data: 3", b"", b""])
    assert all_ways(body) == [ev("1\n2", "a"), ev("3")]


def test_mixed_line_ends() -> None:
    body = b"data: 1\rdata: 2\r\ndata: 3\n\r\ndata: 4\r\r"
    assert all_ways(body) == [ev("1\n2\n3"), ev("4")]


def test_crlf_split_across_reads_is_one_line_end() -> None:
    # the CR ends a read, the LF starts the next: one line end, not two
    events, _ = decode([b"data: a\r", b"\ndata: b\r", b"\n\r", b"\n"])
    assert events == [ev("a\nb")]
    # whereas CR, CR is two line ends
    events, _ = decode([b"data: a\r", b"\rdata: b\r", b"\r"])
    assert events == [ev("a"), ev("b")]


def test_cr_at_end_of_read_dispatches_without_waiting() -> None:
    dec = SSEDecoder()
    assert dec.feed(b"data: a\r") == []
    assert dec.feed(b"\r") == [ev("a")]  # lone CR is a line end right away
    assert dec.feed(b"\n") == []  # ...and this LF pairs with that CR
    assert dec.feed(b"data: b\n\n") == [ev("b")]


def test_lf_after_cr_is_only_swallowed_once() -> None:
    dec = SSEDecoder()
    assert dec.feed(b"data: a\r") == []
    assert dec.feed(b"") == []  # an empty read changes nothing
    assert dec.feed(b"\n") == []
    assert dec.feed(b"\n") == [ev("a")]


# every character other than CR and LF at which str.splitlines() breaks
SPLITLINES_BREAKS = [
    chr(i) for i in range(0x110000) if len(f"a{chr(i)}b".splitlines()) > 1 and chr(i) not in "\r\n"
]


def test_splitlines_breaks_known() -> None:
    assert SPLITLINES_BREAKS == list("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


@pytest.mark.parametrize("eol", ["\n", "\r", "\r\n"])
@pytest.mark.parametrize("sep", SPLITLINES_BREAKS)
def test_unicode_line_separators_are_data(sep: str, eol: str) -> None:
    body = f"data: a{sep}b\n\nevent: x{sep}y\ndata: 1\n\nid{sep}: 3\ndata: 2\n\n"
    body = body.replace("\n", eol).encode()
    assert all_ways(body) == [ev(f"a{sep}b"), ev("1", f"x{sep}y"), ev("2")]
    body = f"data: {sep}\n\ndata: {sep}{sep}\n\n".replace("\n", eol).encode()
    assert all_ways(body) == [ev(sep), ev(sep * 2)]


# --------------------------------------------------------------------------- BOM


def test_bom_stripped() -> None:
    assert all_ways(BOM + b"data: a\n\n") == [ev("a")]


def test_bom_stripped_only_once() -> None:
    # second BOM is part of the field name "\ufeffdata": unknown field
    assert all_ways(BOM + BOM + b"data: a\n\ndata: b\n\n") == [ev("b")]


def test_bom_only_at_start_of_stream() -> None:
    events, _ = decode([b"data: a\n\n", BOM + b"data: b\n\n"])
    assert events == [ev("a")]
    events, _ = decode([b"data: a\n\n" + BOM + b"data: b\n\n"])
    assert events == [ev("a")]
    # inside a value it is data
    assert all_ways(b"data: " + BOM + b"x\n\n") == [ev("\ufeffx")]


@pytest.mark.parametrize("cut", [1, 2, 3])
def test_bom_split_across_reads(cut: int) -> None:
    body = BOM + b"data: a\n\n"
    assert decode([body[:cut], body[cut:]])[0] == [ev("a")]
    assert decode([body[:1], body[1:2], body[2:3], body[3:]])[0] == [ev("a")]


def test_partial_bom_is_not_a_bom() -> None:
    assert all_ways(b"\xef\xbbdata: a\n\ndata: b\n\n") == [ev("b")]
    assert all_ways(b"\xefdata: a\n\ndata: b\n\n") == [ev("b")]
    events, dec = decode([b"\xef\xbb"])
    assert events == [] and dec.truncated
    events, dec = decode([BOM])
    assert events == [] and not dec.truncated


# --------------------------------------------------------------------------- fields


def test_comments_ignored() -> None:
    assert all_ways(b": hello\ndata: a\n:\n: data: b\n\n") == [ev("a")]


def test_field_without_colon() -> None:
    assert all_ways(b"data\n\n") == [ev("")]
    assert all_ways(b"data\ndata\n\n") == [ev("\n")]
    assert all_ways(b"event\ndata: a\n\n") == [ev("a")]  # event type "" -> "message"
    assert all_ways(b"id: 3\ndata: a\n\nid\ndata: b\n\n") == [ev("a", id="3"), ev("b")]


def test_exactly_one_space_removed() -> None:
    assert all_ways(b"data:a\n\ndata: a\n\ndata:  a\n\ndata:\ta\n\n") == [
        ev("a"),
        ev("a"),
        ev(" a"),
        ev("\ta"),
    ]
    assert all_ways(b"event:  x\ndata: a \n\n") == [ev("a ", " x")]


def test_colon_in_value_kept() -> None:
    assert all_ways(b'data: {"a": "b:c"}\n\n') == [ev('{"a": "b:c"}')]
    assert all_ways(b"data:: x\n\n") == [ev(": x")]


def test_field_names_case_sensitive_and_unknown_ignored() -> None:
    assert all_ways(b"Data: a\nDATA: b\nfoo: c\ndata : d\ndata: e\n\n") == [ev("e")]


def test_multiline_data_joined() -> None:
    assert all_ways(b"data: a\ndata:\ndata: b\ndata\n\n") == [ev("a\n\nb\n")]


def test_events_without_data_not_dispatched() -> None:
    assert all_ways(b"event: ping\n\n") == []
    assert all_ways(b"id: 5\n: keepalive\n\n") == []
    assert all_ways(b"retry: 10\n\n\n\n") == []
    assert all_ways(b"\n\n\n") == []


def test_event_type_reset_on_every_blank_line() -> None:
    assert all_ways(b"event: ping\n\ndata: a\n\n") == [ev("a")]
    assert all_ways(b"event: a\ndata: 1\n\ndata: 2\n\nevent: b\nevent: c\ndata: 3\n\n") == [
        ev("1", "a"),
        ev("2"),
        ev("3", "c"),
    ]


def test_event_split_across_many_reads() -> None:
    body = b"event: update\nid: 42\ndata: first\ndata: second\n\n"
    for cut in range(len(body) + 1):
        assert decode([body[:cut], body[cut:]])[0] == [ev("first\nsecond", "update", "42")]


# --------------------------------------------------------------------------- id


def test_last_event_id_kept_across_events() -> None:
    body = b"id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\nid:\ndata: d\n\n"
    events, dec = decode([body])
    assert events == [ev("a", id="1"), ev("b", id="1"), ev("c", id="2"), ev("d")]
    assert dec.last_event_id == ""


def test_id_with_nul_ignored() -> None:
    events, dec = decode([b"id: 1\ndata: a\n\nid: x\x00y\ndata: b\n\n"])
    assert events == [ev("a", id="1"), ev("b", id="1")]
    assert dec.last_event_id == "1"


def test_id_without_data_still_sets_last_event_id() -> None:
    events, dec = decode([b"id: 5\n: keepalive\n\n"])
    assert events == []
    assert dec.last_event_id == "5"
    events, dec = decode([b"id: 5\n\ndata: a\n\n"])
    assert events == [ev("a", id="5")]


def test_id_in_unterminated_block_not_committed() -> None:
    dec = SSEDecoder()
    assert dec.feed(b"id: 1\ndata: a\n\nid: 2\ndata: b\n") == [ev("a", id="1")]
    assert dec.last_event_id == "1"
    dec.close()
    assert dec.last_event_id == "1"
    assert dec.truncated


def test_id_applies_to_event_of_its_own_block() -> None:
    assert all_ways(b"data: a\nid: 9\n\n") == [ev("a", id="9")]


# --------------------------------------------------------------------------- retry


def test_retry_digits_only() -> None:
    events, dec = decode([b"retry: 1500\ndata: a\n\ndata: b\n\n"])
    assert events == [ev("a", retry=1500), ev("b")]
    assert dec.retry == 1500


@pytest.mark.parametrize(
    "value",
    [
        b"-1",
        b"+1",
        b"1.5",
        b"",
        b" 10",
        b"10 ",
        b"1_000",
        b"1e3",
        b"0x10",
        "\u0661\u0662".encode(),  # Arabic-Indic digits: not ASCII digits
        "\u00b2".encode(),  # superscript two
        "\uff11".encode(),  # fullwidth one
    ],
)
def test_retry_invalid_ignored(value: bytes) -> None:
    events, dec = decode([b"retry: 7\n\nretry: " + value + b"\ndata: a\n\n"])
    assert events == [ev("a")]
    assert dec.retry == 7


def test_retry_without_colon_ignored() -> None:
    events, dec = decode([b"retry\ndata: a\n\n"])
    assert events == [ev("a")] and dec.retry is None


def test_retry_leading_zeros_and_huge() -> None:
    events, dec = decode([b"retry: 007\ndata: a\n\n"])
    assert events == [ev("a", retry=7)]
    big = b"9" * 5000  # more digits than int() accepts by default: ignored
    events, dec = decode([b"retry: 10\n\nretry: " + big + b"\ndata: a\n\n"])
    assert dec.retry == 10
    events, dec = decode([b"retry: " + b"0" * 5000 + b"12\ndata: a\n\n"])
    assert dec.retry == 12


def test_retry_without_data_still_sets_reconnection_time() -> None:
    events, dec = decode([b"retry: 3000\n\n"])
    assert events == [] and dec.retry == 3000
    # and takes effect immediately, even without the blank line
    events, dec = decode([b"retry: 3000\n"])
    assert events == [] and dec.retry == 3000 and not dec.truncated


# --------------------------------------------------------------------------- UTF-8


def test_always_utf8_invalid_replaced() -> None:
    assert all_ways(b"data: a\xffb\xc3\n\n") == [ev("a\ufffdb\ufffd")]
    assert all_ways(b"data: \xe2\x82\n\n") == [ev("\ufffd")]
    assert all_ways(b"da\xffta: x\n\ndata: y\n\n") == [ev("y")]
    assert all_ways(b"data: \xed\xa0\x80\n\n") == [ev("\ufffd\ufffd\ufffd")]  # surrogate


def test_latin1_bytes_are_not_latin1() -> None:
    assert whole("data: café\n\n".encode("latin-1")) == [ev("caf\ufffd")]


@pytest.mark.parametrize("char", ["é", "€", "🦊", "\u2028"])
def test_multibyte_split_across_reads(char: str) -> None:
    body = f"data: {char}{char}\n\n".encode()
    for cut in range(len(body) + 1):
        assert decode([body[:cut], body[cut:]])[0] == [ev(char * 2)]
    assert bytewise(body) == [ev(char * 2)]


def test_nul_in_data() -> None:
    assert all_ways(b"data: a\x00b\n\n") == [ev("a\x00b")]


# --------------------------------------------------------------------------- EOF


def test_close_discards_incomplete_event_and_reports_it() -> None:
    for body in [b"data: a", b"data: a\n", b"data: a\r", b"data: a\ndata: b", b"data: a\n\nda"]:
        events, dec = decode([body])
        assert events == ([ev("a")] if body.endswith(b"da") else []), body
        assert dec.truncated, body


def test_close_clean_streams_not_truncated() -> None:
    for body in [
        b"",
        b"data: a\n\n",
        b"data: a\r\n\r\n",
        b"data: a\r\r",
        b"data: a\n\n: bye\n",
        b"data: a\n\nevent: x\n",
        b"data: a\n\nid: 3\n",
    ]:
        events, dec = decode([body])
        assert not dec.truncated, body


def test_close_partial_comment_line_is_truncated() -> None:
    events, dec = decode([b"data: a\n\n: keep"])
    assert events == [ev("a")] and dec.truncated


def test_truncated_false_before_close() -> None:
    dec = SSEDecoder()
    dec.feed(b"data: a")
    assert not dec.truncated
    assert dec.close() == []
    assert dec.truncated
    assert dec.close() == []  # idempotent
    assert dec.truncated


def test_feed_after_close_raises() -> None:
    dec = SSEDecoder()
    dec.close()
    with pytest.raises(RuntimeError):
        dec.feed(b"data: a\n\n")


# --------------------------------------------------------------------------- iter / aiter


def test_iter_sse() -> None:
    chunks = [b"data: a\n", b"\nid: 1\ndata: b\n\nda", b"ta: c"]
    assert list(iter_sse(chunks)) == [ev("a"), ev("b", id="1")]
    dec = SSEDecoder()
    assert list(iter_sse(iter(chunks), dec)) == [ev("a"), ev("b", id="1")]
    assert dec.truncated and dec.last_event_id == "1"
    dec = SSEDecoder()
    assert list(iter_sse([b"data: a\n\n"], decoder=dec)) == [ev("a")]
    assert not dec.truncated


def test_iter_sse_is_lazy() -> None:
    seen = []

    def gen() -> Iterable[bytes]:
        for c in [b"data: 1\n\n", b"data: 2\n\n"]:
            seen.append(c)
            yield c

    it = iter_sse(gen())
    assert next(it) == ev("1")
    assert len(seen) == 1


@pytest.mark.anyio
async def test_aiter_sse() -> None:
    async def agen() -> AsyncIterator[bytes]:
        for c in [BOM[:2], BOM[2:] + b"data: a\r", b"\n\r\nevent: e\ndata: b\n\ndata: c"]:
            yield c

    assert [e async for e in aiter_sse(agen())] == [ev("a"), ev("b", "e")]
    dec = SSEDecoder()
    assert [e async for e in aiter_sse(agen(), dec)] == [ev("a"), ev("b", "e")]
    assert dec.truncated


# --------------------------------------------------------------------------- big input


def test_huge_single_line_in_small_reads_is_linear() -> None:
    # 5 MB data line delivered in reads of 1..64 bytes (~160k reads). A decoder
    # that re-joins or re-scans the pending line on each read is quadratic here
    # (~10^11 byte copies) and would not finish.
    payload = b"x" * (5 * 1024 * 1024)
    body = b"data: " + payload + b"\n\n"
    rng = random.Random(1)
    chunks = []
    i = 0
    while i < len(body):
        n = rng.randint(1, 64)
        chunks.append(body[i : i + n])
        i += n
    t0 = time.perf_counter()
    events, dec = decode(chunks)
    elapsed = time.perf_counter() - t0
    assert len(events) == 1 and events[0].data == payload.decode()
    assert not dec.truncated
    assert elapsed < 60  # generous; quadratic would take far longer


def test_huge_line_in_one_byte_reads() -> None:
    payload = "é" * (256 * 1024)  # 512 KiB, multi-byte chars split on every read
    body = ("data: " + payload + "\r").encode() + b"\r"
    events = bytewise(body)
    assert len(events) == 1 and events[0].data == payload


def test_many_events_in_one_read() -> None:
    body = b"".join(b'data: {"i": %d}\n\n' % i for i in range(20000))
    events = whole(body)
    assert [e.json()["i"] for e in events] == list(range(20000))


# --------------------------------------------------------------------------- fast path edges


@pytest.mark.parametrize(
    "body, expected",
    [
        (b"data: \n\n", [ev("")]),
        (b"data: \n\ndata: \n\n", [ev(""), ev("")]),
        (b"data: a\n\n\n\n", [ev("a")]),
        (b"data: a\n\n\ndata: b\n\n", [ev("a"), ev("b")]),
        (b"data: a\ndata: b\n\n", [ev("a\nb")]),
        (b"data: a\n\ndata: b\n\ndata: c\n", [ev("a"), ev("b")]),
        (b"data: a\n\n: c\n\ndata: b\n\n", [ev("a"), ev("b")]),
        (b"data: a\n\ndata: data: b\n\n", [ev("a"), ev("data: b")]),
        (b"data: a\n\ndata:b\n\n", [ev("a"), ev("b")]),
        (b"data: a\r\n\r\ndata: b\r\n\r\n", [ev("a"), ev("b")]),
    ],
)
def test_fast_path_edges(body: bytes, expected: List[ServerSentEvent]) -> None:
    assert all_ways(body) == expected


def test_fast_path_after_pending_state() -> None:
    dec = SSEDecoder()
    assert dec.feed(b"event: x\n") == []
    assert dec.feed(b"data: a\n\ndata: b\n\n") == [ev("a", "x"), ev("b")]
    dec = SSEDecoder()
    assert dec.feed(b"data: 0\n") == []
    assert dec.feed(b"data: a\n\ndata: b\n\n") == [ev("0\na"), ev("b")]
    dec = SSEDecoder()
    assert dec.feed(b"retry: 5\n") == []
    assert dec.feed(b"data: a\n\ndata: b\n\n") == [ev("a", retry=5), ev("b")]
    dec = SSEDecoder()
    assert dec.feed(b"id: 5\n") == []
    assert dec.last_event_id == ""
    assert dec.feed(b"data: a\n\ndata: b\n\n") == [ev("a", id="5"), ev("b", id="5")]
    assert dec.last_event_id == "5"
    dec = SSEDecoder()
    assert dec.feed(b"id: 5\n") == []
    assert dec.feed(b"event: e\ndata: a\n\n") == [ev("a", "e", id="5")]
    assert dec.last_event_id == "5"
    dec = SSEDecoder()
    assert dec.feed(b"id: 5\r\n") == []
    assert dec.feed(b"data: a\r\n\r\n") == [ev("a", id="5")]
    assert dec.last_event_id == "5"
    dec = SSEDecoder()
    assert dec.feed(b"data: 1\r\n") == []
    assert dec.feed(b"\r\ndata: a\r\n\r\nevent: e\n") == [ev("1"), ev("a")]
    assert dec.feed(b"data: b\n\n") == [ev("b", "e")]
    dec = SSEDecoder()
    assert dec.feed(b"event: e\n") == []
    assert dec.feed(b"data: a\r\n\ndata: b\n\n") == [ev("a", "e"), ev("b")]


def test_feed_single_takes_exactly_one_plain_data_event() -> None:
    dec = SSEDecoder()
    assert dec.feed_single(b"data: a\n\n") is None  # nothing consumed yet (a BOM may come)
    assert dec.feed(b"data: a\n\n") == [ev("a")]
    assert dec.feed_single(b'data: {"x": 1}\n\n') == '{"x": 1}'
    assert dec.feed_single(b"data: \n\n") == ""
    assert dec.feed_single(b"data: \xff\n\n") == "\ufffd"
    for other in (
        b"data: a\n\ndata: b\n\n",  # two events
        b"data: a\ndata: b\n\n",  # two data lines
        b"data: a\r\n\r\n",  # CR line ends
        b"data: a\rb\n\n",  # a CR inside is a line end
        b"data: a\n",  # no blank line yet
        b"data: a\n\n\n",  # an extra blank line
        b"data:a\n\n",  # no space: the general path
        b"event: e\ndata: a\n\n",
        b": comment\n\n",
        b"",
    ):
        assert dec.feed_single(other) is None, other
    assert dec.feed(b"data: b") == []  # a pending partial line
    assert dec.feed_single(b"data: c\n\n") is None
    assert dec.feed(b"\n\n") == [ev("b")]
    assert dec.feed_single(b"data: c\n\n") == "c"
    dec = SSEDecoder()
    assert dec.feed(BOM) == []  # a whole BOM alone in the first read: stripped, done with
    assert dec.feed_single(b"data: a\n\n") == "a"
    assert dec.feed_single(BOM + b"data: a\n\n") is None  # a later BOM is not stripped


@pytest.mark.parametrize(
    "before, expected",
    [
        (b"event: x\n", [ev("a", "x")]),
        (b"data: 0\n", [ev("0\na")]),
        (b"retry: 5\n", [ev("a", retry=5)]),
        (b"data: 0\r", [ev("0\na")]),  # a CR at the end of a read: its LF may follow
        (b"\xef\xbb", []),  # maybe a BOM split across reads: here, not one
    ],
)
def test_single_event_read_after_pending_state(
    before: bytes, expected: List[ServerSentEvent]
) -> None:
    dec = SSEDecoder()
    if not before.startswith(b"\xef"):
        dec.feed(b"data: first\n\n")
    dec.feed(before)
    assert dec.feed_single(b"data: a\n\n") is None  # the general path must take it
    assert dec.feed(b"data: a\n\n") == expected
    assert dec.feed(b"data: b\n\n") == [ev("b")]


def test_single_event_reads_commit_the_id() -> None:
    dec = SSEDecoder()
    assert dec.feed(b"data: a\n\n") == [ev("a")]
    assert dec.feed(b"id: 7\n") == []
    assert dec.last_event_id == ""
    assert dec.feed_single(b"data: b\n\n") == "b"
    assert dec.last_event_id == "7"
    assert dec.feed(b"data: c\n\n") == [ev("c", id="7")]


def test_feed_single_after_close() -> None:
    dec = SSEDecoder()
    dec.feed(b"data: a\n\n")
    dec.close()
    assert dec.feed_single(b"data: a\n\n") is None
    with pytest.raises(RuntimeError):
        dec.feed(b"data: a\n\n")


# --------------------------------------------------------------------------- recorded streams


@pytest.mark.parametrize("path", RECORDED, ids=[p.name for p in RECORDED])
def test_recorded_stream(path: Path) -> None:
    assert path.with_suffix(".meta.json").exists()
    raw = path.read_bytes()
    events, dec = decode([raw])
    assert not dec.truncated
    assert events
    assert bytewise(raw) == events
    rng = random.Random(path.name)
    assert decode(split_at(raw, [rng.randrange(len(raw)) for _ in range(40)]))[0] == events
    assert events == reference(raw)[0]
    assert events == httpx_sse_events(raw)
    if b"data: [DONE]" in raw:
        assert events[-1].data == "[DONE]"
        body = events[:-1]
    else:
        body = events
    for e in body:
        assert e.event == "message"
        assert isinstance(e.json(), dict)


def test_recorded_streams_present() -> None:
    assert len(RECORDED) >= 6


# --------------------------------------------------------------------------- properties

_value_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
    max_size=12,
)
_simple_text = st.text(alphabet="abc :\x00\u2028\u0085é🦊\ufeff ", max_size=8)


@st.composite
def field_lines(draw: Any, *, httpx_safe: bool = False) -> str:
    kind = draw(
        st.sampled_from(
            ["data", "data", "data", "event", "id", "retry", "comment", "other", "bare"]
        )
    )
    sep = draw(st.sampled_from([":", ": ", ":  "]))
    if kind == "data":
        return "data" + sep + draw(_value_text)
    if kind == "event":
        return "event" + sep + draw(_simple_text)
    if kind == "id":
        return "id" + sep + draw(_simple_text)
    if kind == "retry":
        digits = st.from_regex(r"\A[0-9]{1,6}\Z")
        if httpx_safe:  # httpx-sse accepts "-1", "+1", " 1", "1_0" etc.
            return "retry:" + draw(st.one_of(digits, st.sampled_from(["x", "1.5", ""])))
        bad = st.sampled_from(["-1", "1.5", "1 ", "\u0661"])
        return "retry" + sep + draw(st.one_of(digits, _simple_text, bad))
    if kind == "comment":
        return ":" + draw(_value_text)
    if kind == "other":
        names = ["foo", "Data", "dat", "data "] + ([] if httpx_safe else ["\ufeffdata"])
        return draw(st.sampled_from(names)) + sep + "x"
    return draw(st.sampled_from(["data", "event", "id", "retry", "x"]))


@st.composite
def streams(draw: Any, *, httpx_safe: bool = False) -> bytes:
    """Random blocks of field lines with random line ends, as bytes."""
    out: List[str] = []
    prev_eol = ""
    n_blocks = draw(st.integers(0, 6))
    for _ in range(n_blocks):
        lines = draw(st.lists(field_lines(httpx_safe=httpx_safe), max_size=5))
        if httpx_safe and not any(x == "data" or x.startswith("data:") for x in lines):
            lines.append("data: " + draw(_simple_text))  # httpx-sse dispatches data-less events
        for line in lines + [""]:
            eol = draw(st.sampled_from(["\n", "\r", "\r\n"]))
            if line == "" and prev_eol == "\r" and eol == "\n":
                eol = "\r\n"  # keep the blank line (CR + LF would be one line end)
            out.append(line + eol)
            prev_eol = eol
        if not httpx_safe and draw(st.booleans()):
            out.append(draw(st.sampled_from(["", "\n", "\r\n", "\r"])))  # extra blank line(s)
            prev_eol = ""
    if not httpx_safe and draw(st.booleans()):
        out.append(draw(field_lines()))  # unterminated tail
    raw = "".join(out).encode("utf-8")
    if not httpx_safe and draw(st.integers(0, 4)) == 0:
        raw = BOM + raw
    return raw


@st.composite
def splits(draw: Any, data: bytes) -> List[bytes]:
    cuts = draw(st.lists(st.integers(0, len(data)), max_size=min(len(data), 30)))
    return split_at(data, cuts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_split_gives_same_events(data: Any) -> None:
    raw = data.draw(streams())
    events, dec = decode([raw])
    chunks = data.draw(splits(raw))
    events2, dec2 = decode(chunks)
    assert events2 == events
    assert (dec2.last_event_id, dec2.retry, dec2.truncated) == (
        dec.last_event_id,
        dec.retry,
        dec.truncated,
    )
    assert bytewise(raw) == events


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_matches_reference_on_generated_streams(data: Any) -> None:
    raw = data.draw(streams())
    chunks = data.draw(splits(raw))
    events, dec = decode(chunks)
    ref_events, ref_id, ref_retry, ref_truncated = reference(raw)
    assert events == ref_events
    assert (dec.last_event_id, dec.retry, dec.truncated) == (ref_id, ref_retry, ref_truncated)


_noisy_bytes = st.lists(
    st.one_of(
        st.binary(max_size=8),
        st.sampled_from(
            [b"\r", b"\n", b"\r\n", b":", b" ", b"data", b"data: ", b"id: ", b"event:", b"retry: 1"]
            + [b"\xef\xbb\xbf", b"\xef", b"\xc3", b"\xe2\x80\xa8", b"\x00", b"\xff"]
        ),
    ),
    max_size=40,
).map(b"".join)


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_arbitrary_bytes_never_raise_and_match_reference(data: Any) -> None:
    raw = data.draw(st.one_of(st.binary(max_size=200), _noisy_bytes))
    chunks = data.draw(splits(raw))
    events, dec = decode(chunks)
    assert isinstance(dec.truncated, bool)
    for e in events:
        assert isinstance(e.data, str) and isinstance(e.event, str) and isinstance(e.id, str)
    ref_events, ref_id, ref_retry, ref_truncated = reference(raw)
    assert events == ref_events
    assert (dec.last_event_id, dec.retry, dec.truncated) == (ref_id, ref_retry, ref_truncated)


def _at_line_ends(raw: bytes) -> List[bytes]:
    """``raw`` cut after every LF: one read per line, so one read per one-line event of
    ``data: ...`` + blank line only when a whole event ends a read (the single-event path)."""
    pieces = raw.split(b"\n")
    return [p + b"\n" for p in pieces[:-1]] + [pieces[-1]]


def _at_blank_lines(raw: bytes) -> List[bytes]:
    pieces = raw.split(b"\n\n")
    return [p + b"\n\n" for p in pieces[:-1]] + [pieces[-1]]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_event_sized_reads_match_reference(data: Any) -> None:
    raw = data.draw(streams())
    ref_events, ref_id, ref_retry, ref_truncated = reference(raw)
    for chunks in (_at_blank_lines(raw), _at_line_ends(raw)):
        events, dec = decode(chunks)
        assert events == ref_events
        assert (dec.last_event_id, dec.retry, dec.truncated) == (ref_id, ref_retry, ref_truncated)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_matches_httpx_sse(data: Any) -> None:
    # Restricted to inputs where httpx-sse follows the spec: every block has data
    # and ends in exactly one blank line, retry values are digits or non-numbers,
    # no BOM, no unterminated tail.
    raw = data.draw(streams(httpx_safe=True))
    expected = httpx_sse_events(raw)
    assert whole(raw) == expected
    assert decode(data.draw(splits(raw)))[0] == expected


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"),
            max_size=300,
        ),
        min_size=1,
        max_size=30,
    ),
    st.integers(1, 300),
)
def test_openai_like_streams(values: List[str], read_size: int) -> None:
    raw = b"".join(b"data: " + v.encode() + b"\n\n" for v in values)
    chunks = [raw[i : i + read_size] for i in range(0, len(raw), read_size)]
    events, dec = decode(chunks)
    assert events == [ev(v) for v in values]
    assert not dec.truncated


_llm_value = st.lists(
    st.sampled_from(list('ab {}":,\\') + ["data: ", "event: ", "é", "\u2028", "\x00"]),
    max_size=12,
).map("".join)


@st.composite
def llm_streams(draw: Any) -> bytes:
    """Mostly uniform one-line events (what the fast paths take), with some noise."""
    style = draw(st.sampled_from(["data", "named", "mixed"]))
    eol = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    out: List[str] = []
    for _ in range(draw(st.integers(0, 25))):
        kind = draw(
            st.sampled_from(["uniform"] * 8 + ["named", "noise"])
            if style == "mixed"
            else st.sampled_from(["uniform"] * 12 + ["noise"])
        )
        value = draw(_llm_value)
        if kind == "uniform" and style != "named":
            block = ["data: " + value]
        elif kind in ("uniform", "named"):
            block = [
                "event: " + draw(st.sampled_from(["", "delta", "ping", "x:y"])),
                "data: " + value,
            ]
        else:
            block = draw(
                st.sampled_from(
                    [
                        [": keepalive"],
                        ["id: 7", "data: " + value],
                        ["id: 8"],
                        ["data: " + value, "data: " + value],
                        ["retry: 250", "data: " + value],
                        ["event: e"],
                        ["event: e", "data: " + value, "id: 9"],
                        ["data:" + value],
                        ["event:x", "data: " + value],
                        [],
                        ["data"],
                    ]
                )
            )
        text = "".join(line + eol for line in block) + eol
        if kind == "noise" and draw(st.integers(0, 3)) == 0:
            # lines that belong to the next event (no blank line after them)
            prefix = draw(st.sampled_from(["id: 5", "retry: 9", ": c", "event: e", "data: p"]))
            text = prefix + eol
        if draw(st.integers(0, 30)) == 0:
            text = text.replace(eol, draw(st.sampled_from(["\n", "\r\n", "\r"])), 1)
        out.append(text)
    if draw(st.integers(0, 4)) == 0:
        out.append(draw(st.sampled_from(["data: x", "data: x" + eol, "event: y" + eol, ": c"])))
    return "".join(out).encode("utf-8")


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fast_paths_match_reference(data: Any) -> None:
    raw = data.draw(llm_streams())
    ref_events, ref_id, ref_retry, ref_truncated = reference(raw)
    read_size = data.draw(st.integers(1, 120))
    for chunks in (
        [raw],
        [raw[i : i + read_size] for i in range(0, len(raw), read_size)],
        data.draw(splits(raw)),
    ):
        events, dec = decode(chunks)
        assert events == ref_events
        assert (dec.last_event_id, dec.retry, dec.truncated) == (ref_id, ref_retry, ref_truncated)
