"""Micro-benchmark: portkey._sse.SSEDecoder vs httpx-sse's line + event decoders.

Input: N typical OpenAI ``chat.completion.chunk`` events (``data: {...}\\n\\n``,
~200 bytes of JSON each) followed by ``data: [DONE]``, delivered in fixed-size
reads (16 KiB by default), as an HTTP body would arrive.

The httpx-sse side reproduces what ``httpx_sse.EventSource.iter_sse`` does per
response: httpx's incremental UTF-8 text decoding (``iter_text``), then
``httpx_sse._decoders.SSELineDecoder`` (splits on CR/LF/CRLF only), then
``httpx_sse._decoders.SSEDecoder.decode`` per line -- without any network or
httpx.Response overhead, so only parsing is measured on both sides.

Usage:
    .venv/bin/python benchmarks/sse_micro.py [--events 10000] [--read-size 16384] [--repeat 7]
        [--style openai|named|crlf]
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
import time
from pathlib import Path
from typing import Callable, Iterator, List

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from httpx_sse._decoders import SSEDecoder as HttpxSSEDecoder  # noqa: E402
from httpx_sse._decoders import SSELineDecoder  # noqa: E402

from portkey._sse import SSEDecoder  # noqa: E402

WORDS = ["Hello", " world", ",", " the", " quick", " brown", " fox", " jumps", "é", " 🦊"]


def make_body(n_events: int, style: str = "openai") -> bytes:
    out: List[bytes] = []
    for i in range(n_events):
        chunk = {
            "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
            "object": "chat.completion.chunk",
            "created": 1741569952,
            "model": "gpt-4o-2024-08-06",
            "system_fingerprint": "fp_eb9dce56a8",
            "choices": [
                {
                    "index": 0,
                    "delta": {"content": WORDS[i % len(WORDS)]},
                    "logprobs": None,
                    "finish_reason": None,
                }
            ],
        }
        line = b"data: " + json.dumps(chunk, separators=(",", ":")).encode() + b"\n\n"
        if style == "named":  # Anthropic-style: every event has an `event:` line
            line = b"event: content_block_delta\n" + line
        elif style == "crlf":
            line = line.replace(b"\n", b"\r\n")
        out.append(line)
    out.append(b"data: [DONE]\n\n")
    return b"".join(out)


def split_reads(body: bytes, size: int) -> List[bytes]:
    return [body[i : i + size] for i in range(0, len(body), size)]


def run_portkey(reads: List[bytes], parse_json: bool) -> int:
    dec = SSEDecoder()
    feed = dec.feed
    n = 0
    for r in reads:
        for ev in feed(r):
            if parse_json and ev.data != "[DONE]":
                json.loads(ev.data)
            n += 1
    dec.close()
    return n


def _httpx_sse_lines(reads: List[bytes]) -> Iterator[str]:
    # == httpx Response.iter_text() (incremental UTF-8 decode) + httpx_sse._iter_sse_lines
    text_decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    line_decoder = SSELineDecoder()
    for r in reads:
        text = text_decoder.decode(r)
        if text:
            yield from line_decoder.decode(text)
    text = text_decoder.decode(b"", True)
    if text:
        yield from line_decoder.decode(text)
    yield from line_decoder.flush()


def run_httpx_sse(reads: List[bytes], parse_json: bool) -> int:
    dec = HttpxSSEDecoder()
    n = 0
    for line in _httpx_sse_lines(reads):
        line = line.rstrip("\n")  # as httpx_sse.EventSource.iter_sse does
        ev = dec.decode(line)
        if ev is not None:
            if parse_json and ev.data != "[DONE]":
                json.loads(ev.data)
            n += 1
    return n


def bench(
    fn: Callable[[List[bytes], bool], int], reads: List[bytes], parse_json: bool, repeat: int
) -> float:
    best = float("inf")
    n = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = fn(reads, parse_json)
        best = min(best, time.perf_counter() - t0)
    return n / best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--read-size", type=int, default=16 * 1024)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument(
        "--style",
        choices=["openai", "named", "crlf"],
        default="openai",
        help="openai: `data: {...}` events (the fast path); named: `event: x` + `data: {...}`; "
        "crlf: openai with CRLF line ends",
    )
    args = ap.parse_args()

    body = make_body(args.events, args.style)
    reads = split_reads(body, args.read_size)
    n_expected = args.events + 1
    assert run_portkey(reads, False) == n_expected
    assert run_httpx_sse(reads, False) == n_expected
    print(
        f"{n_expected} events, {len(body)} bytes (~{len(body) // n_expected} B/event), "
        f"{len(reads)} reads of {args.read_size} B, style {args.style}, best of {args.repeat}"
    )
    print(f"python {sys.version.split()[0]}")
    for parse_json in (False, True):
        label = "parse + json.loads" if parse_json else "parse only        "
        ours = bench(run_portkey, reads, parse_json, args.repeat)
        theirs = bench(run_httpx_sse, reads, parse_json, args.repeat)
        print(
            f"{label}: portkey._sse {ours:>12,.0f} events/s | httpx-sse {theirs:>12,.0f} events/s"
            f" | speedup x{ours / theirs:.2f}"
        )


if __name__ == "__main__":
    main()
