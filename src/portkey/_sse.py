"""Incremental decoder for ``text/event-stream`` (Server-Sent Events).

Implements the WHATWG "Interpreting an event stream" algorithm:

* the byte stream is always decoded as UTF-8 (``errors="replace"``), whatever
  charset the response claims, after stripping one leading byte-order mark;
* lines end in CRLF, LF or CR -- and *only* those (U+2028, U+0085, form feed,
  vertical tab ... are data). A CR at the end of one read followed by an LF at
  the start of the next is one line end;
* ``:`` lines are comments, a line without a colon is a field name with an empty
  value, exactly one space after the colon is removed;
* ``data`` lines are joined with ``\\n``; a blank line dispatches the event unless
  its data buffer is empty (the event type is reset either way);
* ``id`` sets the last event id unless the value contains NUL; ``retry`` sets the
  reconnection time when the value is ASCII digits only; other fields are ignored;
* at end of stream an unterminated event is discarded (``close()`` returns
  ``[]``) but :attr:`SSEDecoder.truncated` reports that it happened.

Speed: a read that is exactly one ``data: ...`` event (LF line ends, nothing pending
from earlier reads) -- what a gateway that flushes per token sends -- is recognised
with a few C-level checks and becomes one event with one ``bytes.decode``
(:meth:`SSEDecoder.feed_single`, which :meth:`SSEDecoder.feed` tries first).
Otherwise :meth:`SSEDecoder.feed` works on whole reads, never per character. The
complete lines of a read (plus the pending partial line from earlier reads) are
decoded with one ``bytes.decode``. A text made of the usual one-line events --
``data: {...}`` + blank line (OpenAI-style, LF or CRLF), or ``event: x`` +
``data: {...}`` + blank line (Anthropic-style) -- is cut into event values with
one ``str.split`` on the separator (e.g. ``"\\n\\ndata: "``), checked with C-level
loops and turned into events without a per-line Python loop. Anything else goes
through the general line-by-line path. A partial line is kept as a list of byte
pieces joined once, when the line completes, so a huge line arriving in tiny
reads costs linear time.
"""

from __future__ import annotations

import json
import re
from itertools import repeat
from operator import contains
from typing import Any, AsyncIterable, AsyncIterator, Iterable, Iterator, List, Optional, Tuple

__all__ = ["SSEDecoder", "ServerSentEvent", "aiter_sse", "iter_sse"]

_BOM = b"\xef\xbb\xbf"
# Characters other than CR and LF at which str.splitlines() breaks lines.
_OTHER_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _retry_value(value: str) -> Optional[int]:
    """The ``retry`` field value as an int if it is ASCII digits only, else None."""
    if not (value.isascii() and value.isdigit()):
        return None
    value = value.lstrip("0") or "0"
    if len(value) > 4000:  # absurd, and past int()'s default digit limit (4300)
        return None
    return int(value)


def _split_lines(text: str, has_cr: bool) -> List[str]:
    """Split ``text``, which ends in a line end, into lines at CRLF, CR and LF only."""
    if not has_cr:
        lines = text.split("\n")
        lines.pop()  # the text ends in a line end: the last piece is ""
        return lines
    if _OTHER_LINE_BREAKS.search(text) is None:
        # str.splitlines() breaks at CRLF, CR and LF -- and also at the characters
        # in _OTHER_LINE_BREAKS, which are data here: none present.
        return text.splitlines()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines.pop()
    return lines


class ServerSentEvent:
    """One dispatched event.

    ``event`` is the event type (``"message"`` unless an ``event`` field set it),
    ``data`` the data lines joined with ``\\n``, ``id`` the last event id at dispatch
    time (``""`` if none was ever set) and ``retry`` the valid ``retry`` value given
    in this event's block, if any (the stream-wide latest value is
    :attr:`SSEDecoder.retry`).
    """

    __slots__ = ("data", "event", "id", "retry")

    event: str
    data: str
    id: str
    retry: Optional[int]

    def __init__(
        self,
        event: str = "message",
        data: str = "",
        id: str = "",
        retry: Optional[int] = None,
    ) -> None:
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry

    def json(self) -> Any:
        """Parse :attr:`data` as JSON."""
        return json.loads(self.data)

    def _astuple(self) -> tuple[str, str, str, Optional[int]]:
        return (self.event, self.data, self.id, self.retry)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ServerSentEvent):
            return NotImplemented
        return self._astuple() == other._astuple()

    def __hash__(self) -> int:
        return hash(self._astuple())

    def __repr__(self) -> str:
        return (
            f"ServerSentEvent(event={self.event!r}, data={self.data!r}, "
            f"id={self.id!r}, retry={self.retry!r})"
        )


class SSEDecoder:
    """Incremental event-stream decoder: bytes in arbitrary reads -> events.

    Call :meth:`feed` with each read and :meth:`close` at end of stream. One
    decoder is one stream; it cannot be fed after :meth:`close`.

    Attributes:
        last_event_id: the last event id string as of the latest blank line (what
            a reconnecting client sends as ``Last-Event-ID``). An ``id`` field in
            an event that never got its terminating blank line is not applied.
        retry: the latest valid ``retry`` value (reconnection time in ms) seen.
        truncated: set by :meth:`close`: ``True`` if the stream ended with a
            partial line pending or with ``data`` of an event whose terminating
            blank line never came (the event that the spec says to discard).
    """

    __slots__ = (
        "_at_start",
        "_block_retry",
        "_bom_buf",
        "_clean",
        "_closed",
        "_data",
        "_event",
        "_id",
        "_pending",
        "_skip_lf",
        "last_event_id",
        "retry",
        "truncated",
    )

    def __init__(self) -> None:
        self.last_event_id: str = ""
        self.retry: Optional[int] = None
        self.truncated: bool = False
        # Bytes of the current partial line (never contain CR or LF).
        self._pending: List[bytes] = []
        # Nothing consumed yet: a leading BOM may still come (or be completing).
        self._at_start = True
        self._bom_buf = b""
        # The previous read ended in CR: an LF starting the next read is its pair.
        self._skip_lf = False
        self._closed = False
        # Per-event buffers.
        self._data: List[str] = []
        self._event = "message"
        self._id = ""  # the last event ID *buffer*
        self._block_retry: Optional[int] = None
        # Between events: nothing pending, no BOM or CR pair to watch, per-event buffers
        # empty, not closed (what feed_single() needs). Updated after each general feed.
        self._clean = False

    def feed_single(self, chunk: bytes) -> Optional[str]:
        """The data of a read that is exactly one plain ``data: ...`` event, else None.

        The fast path for streams that send one event per read (``data: {...}\n\n``, LF
        line ends, nothing pending from earlier reads): the event is consumed and its data
        returned, with the same result :meth:`feed` would give (event type ``"message"``,
        id :attr:`last_event_id`, no retry). Anything else returns None and consumes
        nothing: call :meth:`feed` with the same read.
        """
        if (
            self._clean
            and chunk.startswith(b"data: ")
            and chunk.find(b"\n") == len(chunk) - 2
            and chunk[-1] == 10  # the read ends in the blank line: "\n\n"
            and b"\r" not in chunk
        ):
            self.last_event_id = self._id  # the blank line commits the id buffer
            return chunk[6:-2].decode("utf-8", "replace")
        return None

    def feed_named(self, chunk: bytes) -> Optional[Tuple[str, str]]:
        """The event type and data of a read that is exactly one ``event: NAME\ndata: ...\n\n``
        event (how the Responses API sends every event), else None.

        The same fast path as :meth:`feed_single`, with the same result :meth:`feed` would
        give; anything else returns None and consumes nothing.
        """
        if not (
            self._clean
            and chunk.startswith(b"event: ")
            and chunk[-2:] == b"\n\n"
            and b"\r" not in chunk
        ):
            return None
        end = chunk.find(b"\n")
        if end <= 7 or not chunk.startswith(b"data: ", end + 1):
            return None  # no name (the type would be "message"), or not one data line next
        if chunk.find(b"\n", end + 1) != len(chunk) - 2:
            return None
        self.last_event_id = self._id  # the blank line commits the id buffer
        return chunk[7:end].decode("utf-8", "replace"), chunk[end + 7 : -2].decode(
            "utf-8", "replace"
        )

    def feed(self, chunk: bytes) -> List[ServerSentEvent]:
        """Consume one read; return the events it completed (often several)."""
        data = self.feed_single(chunk)
        if data is not None:
            return [ServerSentEvent("message", data, self._id, None)]
        events = self._feed(chunk)
        self._clean = not (
            self._closed
            or self._at_start
            or self._skip_lf
            or self._pending
            or self._data
            or self._event != "message"
            or self._block_retry is not None
        )
        return events

    def _feed(self, chunk: bytes) -> List[ServerSentEvent]:
        """The general :meth:`feed`."""
        if self._closed:
            raise RuntimeError("SSEDecoder.feed() called after close()")
        if not chunk:
            return []
        if self._at_start:
            if self._bom_buf:
                chunk = self._bom_buf + chunk
                self._bom_buf = b""
            if len(chunk) < 3 and _BOM.startswith(chunk):
                self._bom_buf = chunk  # maybe a BOM split across reads
                return []
            self._at_start = False
            if chunk.startswith(_BOM):
                chunk = chunk[3:]
                if not chunk:
                    return []
        if self._skip_lf:
            self._skip_lf = False
            if chunk[0] == 10:  # b"\n" completing a CRLF split across reads
                chunk = chunk[1:]
                if not chunk:
                    return []

        cr = chunk.rfind(b"\r")
        end = chunk.rfind(b"\n")
        if cr > end:
            end = cr
            if cr == len(chunk) - 1:
                self._skip_lf = True
        if end < 0:
            self._pending.append(chunk)
            return []
        if end == len(chunk) - 1:
            region = chunk
            tail = b""
        else:
            region = chunk[: end + 1]
            tail = chunk[end + 1 :]
        pending = self._pending
        if pending:
            pending.append(region)
            region = b"".join(pending)
            pending.clear()
        if tail:
            pending.append(tail)
        text = region.decode("utf-8", "replace")
        has_cr = cr >= 0
        events: List[ServerSentEvent] = []
        if self._data or self._event != "message" or self._block_retry is not None:
            # An event begun in an earlier read goes on here: take the lines up
            # to its blank line the general way, then try the fast paths. (An LF
            # starting the text or an LF pair always makes a blank line, whatever
            # the line ends around it.)
            if text[0] == "\n":
                end = 1
            else:
                end = text.find("\n\n") + 2
                if end == 1:  # no blank line at all
                    self._process(_split_lines(text, has_cr), events)
                    return events
            self._process(_split_lines(text[:end], has_cr), events)
            text = text[end:]
            if not text:
                return events
        if not self._fast_path(text, has_cr, events):
            self._process(_split_lines(text, has_cr), events)
        return events

    def _fast_path(self, text: str, has_cr: bool, events: List[ServerSentEvent]) -> bool:
        """Fast paths for texts of uniform one-line events.

        ``text`` holds complete lines and starts a new event (the per-event
        buffers are empty). If it is made of the usual one-line events (possibly
        followed by an unfinished one), append its events and return True; else
        change nothing and return False.
        """
        head = text[:6]
        if head == "data: ":
            # `data: ...` + blank line events (OpenAI-style streams). The text is
            # "data: " d1 SEP d2 SEP ... dk END [rest], SEP = END + "data: ", END =
            # "\n\n" (or "\r\n\r\n"), with no CR/LF in any d: exactly k one-line
            # events. One split gets the d's (one copy each); then C-level loops.
            end = "\r\n\r\n" if has_cr else "\n\n"
            values = text.split(end + "data: ")
            last = values.pop()
            rest = ""
            if last.endswith(end):
                values.append(last[: -len(end)])
            else:  # an event still going on at the end of the text
                rest = "data: " + last if values else last
            if values:
                values[0] = values[0][6:]
                if any(map(contains, values, repeat("\n"))) or (
                    has_cr and any(map(contains, values, repeat("\r")))
                ):
                    return False
                id_buf = self._id
                self.last_event_id = id_buf
                events.extend(
                    map(ServerSentEvent, repeat("message"), values, repeat(id_buf), repeat(None))
                )
            if rest:
                self._process(_split_lines(rest, has_cr), events)
            return True
        if head == "event:" and text[6:7] == " " and not has_cr:
            # `event: ...` + `data: ...` + blank line events (Anthropic-style).
            blocks = text.split("\n\nevent: ")
            last = blocks.pop()
            rest = ""
            if last.endswith("\n\n"):
                blocks.append(last[:-2])
            else:
                rest = "event: " + last if blocks else last
            if blocks:
                blocks[0] = blocks[0][7:]
                id_buf = self._id
                new: List[ServerSentEvent] = []
                append = new.append
                for block in blocks:
                    etype, sep, value = block.partition("\ndata: ")
                    if not sep or "\n" in value or "\n" in etype:
                        return False
                    append(ServerSentEvent(etype or "message", value, id_buf, None))
                self.last_event_id = id_buf
                events.extend(new)
            if rest:
                self._process(_split_lines(rest, has_cr), events)
            return True
        return False

    def _process(self, lines: List[str], events: List[ServerSentEvent]) -> None:
        """General path: process complete ``lines``, appending events to ``events``."""
        data = self._data
        etype = self._event
        id_buf = self._id
        block_retry = self._block_retry
        committed_id = self.last_event_id
        for line in lines:
            if line:
                if line[:6] == "data: ":
                    data.append(line[6:])
                    continue
                colon = line.find(":")
                if colon == 0:
                    continue  # comment
                if colon > 0:
                    name = line[:colon]
                    value = line[colon + 1 :]
                    if value[:1] == " ":
                        value = value[1:]
                else:
                    name = line
                    value = ""
                if name == "data":
                    data.append(value)
                elif name == "event":
                    etype = value or "message"
                elif name == "id":
                    if "\0" not in value:
                        id_buf = value
                elif name == "retry":
                    ms = _retry_value(value)
                    if ms is not None:
                        block_retry = self.retry = ms
                # any other field is ignored
            else:
                committed_id = id_buf
                if data:
                    events.append(ServerSentEvent(etype, "\n".join(data), id_buf, block_retry))
                    data = []
                etype = "message"
                block_retry = None
        self._data = data
        self._event = etype
        self._id = id_buf
        self._block_retry = block_retry
        self.last_event_id = committed_id

    def close(self) -> List[ServerSentEvent]:
        """Signal end of stream.

        Per the spec an event without its terminating blank line is discarded, so
        this always returns ``[]``; :attr:`truncated` tells whether anything was
        pending (a partial line, or data of an unterminated event).
        """
        if self._closed:
            return []
        self._closed = True
        self._clean = False
        self.truncated = bool(self._pending or self._bom_buf or self._data)
        self._pending = []
        self._bom_buf = b""
        self._data = []
        self._event = "message"
        self._block_retry = None
        self._id = self.last_event_id
        return []


def iter_sse(
    chunks: Iterable[bytes], decoder: Optional[SSEDecoder] = None
) -> Iterator[ServerSentEvent]:
    """Decode an iterable of byte reads into events.

    Pass your own ``decoder`` to inspect :attr:`SSEDecoder.truncated`,
    :attr:`SSEDecoder.last_event_id` or :attr:`SSEDecoder.retry` afterwards.
    ``close()`` is called only when ``chunks`` is exhausted.
    """
    if decoder is None:
        decoder = SSEDecoder()
    feed = decoder.feed
    for chunk in chunks:
        yield from feed(chunk)
    yield from decoder.close()


async def aiter_sse(
    chunks: AsyncIterable[bytes], decoder: Optional[SSEDecoder] = None
) -> AsyncIterator[ServerSentEvent]:
    """Async version of :func:`iter_sse`."""
    if decoder is None:
        decoder = SSEDecoder()
    feed = decoder.feed
    async for chunk in chunks:
        for event in feed(chunk):
            yield event
    for event in decoder.close():
        yield event
