"""The duration of an audio file on disk, for the ``x-portkey-audio-file-duration`` header.

The official SDK sends that header on transcriptions and translations, with a value computed by
its own header parsers. The gateway may bill or route on it, so ours computes the same value for
the same file, quirks included (noted where they are not what the format says):

* ``.wav``: the stdlib ``wave`` module (frames / rate).
* ``.mp3``/``.mpga``: the first frame header after an ID3v2 tag; the frame count of a Xing/Info
  header (looked for at the stereo MPEG-1 / mono MPEG-2 offset only, 1152 or 576 samples a
  frame whatever the layer) or of a VBRI header; otherwise the file size (less the ID3 tags)
  over the first frame's bitrate.
* ``.ogg``: the largest granule position of any page over the Vorbis sample rate (Opus streams
  carry no Vorbis header: no duration, as in the official SDK).
* ``.flac``: STREAMINFO's samples over its rate (rounded, where the others truncate).
* ``.mp4``/``.m4a``: the version-0 layout of ``moov/mvhd`` (duration over timescale).

Only headers are read (an Ogg file's page headers, skipping the pages' data), never the audio
itself. Any file it cannot measure (unknown extension, corrupt, truncated, unreadable) gives
None, never an exception: the header is a hint and must not fail an upload. Where the official
parser raises or never returns (a truncated ID3 tag, an MP3 file without a frame), ours gives
None; it stops looking for the first MP3 frame after 1 MiB.
"""

from __future__ import annotations

import os
from typing import BinaryIO, Callable, Dict, Optional, Tuple, Union

__all__ = ["audio_duration_ms"]

_SYNC_SCAN = 1 << 20  # how far past the ID3 tag an MP3's first frame is looked for
_CHUNK = 1 << 16

# Bitrates (kbit/s) by bitrate index: MPEG-1 layers 1-3, then MPEG-2/2.5 layer 1 and layers 2-3.
_V1_BITRATES = {
    1: (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448, 0),
    2: (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 0),
    3: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0),
}
_V2_LAYER1 = (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256, 0)
_V2_LAYERS23 = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0)
_V2_BITRATES = {1: _V2_LAYER1, 2: _V2_LAYERS23, 3: _V2_LAYERS23}
# Sample rates by the header's two version bits (0: MPEG-2.5, 2: MPEG-2, 3: MPEG-1).
_SAMPLE_RATES = {0: (11025, 12000, 8000), 2: (22050, 24000, 16000), 3: (44100, 48000, 32000)}
_LAYERS = {1: 3, 2: 2, 3: 1}  # the header's two layer bits -> layer


def audio_duration_ms(path: Union[str, os.PathLike[str]]) -> Optional[str]:
    """The duration of the audio file at ``path`` in whole milliseconds, as a str (the
    official SDK's value), or None when it cannot be told."""
    try:
        name = os.fspath(path)
        if not isinstance(name, str):
            return None
        extension = os.path.splitext(name)[1].lower()
        if extension == ".wav":
            return _str(_wav(name))
        reader = _READERS.get(extension)
        if reader is None:
            return None
        # Unbuffered: the page and box walks read a few bytes between seeks, and a buffer
        # would read the audio data in between.
        with open(name, "rb", buffering=0) as f:
            return _str(reader(f))
    except Exception:  # a hint only: no file, however broken, may fail the upload
        return None


def _str(ms: Optional[int]) -> Optional[str]:
    return None if ms is None else str(ms)


def _be(data: bytes) -> int:
    return int.from_bytes(data, "big")


def _le(data: bytes) -> int:
    return int.from_bytes(data, "little")


def _wav(name: str) -> Optional[int]:
    import wave

    with wave.open(name, "rb") as w:
        return int(w.getnframes() / float(w.getframerate()) * 1000)


# --- MP3 ---------------------------------------------------------------------------------


def _mp3(f: BinaryIO) -> Optional[int]:
    head = f.read(10)
    start = 0
    if head[:3] == b"ID3":
        if len(head) < 10:
            return None
        # The tag's size: four 7-bit bytes, not counting its 10-byte header.
        size = 0
        for byte in head[6:10]:
            size = size << 7 | (byte & 0x7F)
        start = 10 + size
    found = _first_frame(f, start)
    if found is None:
        return None
    at, frame = found
    version_bits = (frame[1] >> 3) & 0x03
    layer = _LAYERS.get((frame[1] >> 1) & 0x03)
    rates = _SAMPLE_RATES.get(version_bits)
    if layer is None or rates is None:
        return None
    table = _V1_BITRATES if version_bits == 3 else _V2_BITRATES
    bitrate = table[layer][frame[2] >> 4]
    rate_index = (frame[2] >> 2) & 0x03
    rate = rates[rate_index] if rate_index < 3 else 0
    if bitrate == 0 or rate == 0:
        return None

    samples = 1152 if version_bits == 3 else 576
    f.seek(at + 4)
    side = f.read(52)  # what follows the frame header: room for either VBR header
    xing = 32 if version_bits == 3 else 17
    # A Xing/Info header counts the frames when its flag bit 0 is set (the official parser
    # wants a byte after the count too).
    tag = side[xing : xing + 4]
    if tag in (b"Xing", b"Info") and len(side) > xing + 12 and _be(side[xing + 4 : xing + 8]) & 1:
        return int(_be(side[xing + 8 : xing + 12]) * samples / rate * 1000)
    if len(side) > 50 and side[32:36] == b"VBRI":
        return int(_be(side[46:50]) * samples / rate * 1000)

    # Constant bitrate: the whole file less its ID3 tags (v2 at the start, v1 at the end),
    # at the first frame's bitrate. A file under 128 bytes has no room for the v1 probe.
    size = os.fstat(f.fileno()).st_size
    if size < 128:
        return None
    f.seek(size - 128)
    id3v1 = 128 if f.read(3) == b"TAG" else 0
    return int((size - start - id3v1) * 8 / (bitrate * 1000) * 1000)


def _first_frame(f: BinaryIO, start: int) -> Optional[Tuple[int, bytes]]:
    """The position and 4 bytes of the first frame sync (11 set bits) at or after ``start``
    with a whole 4-byte header in the file."""
    pos = start
    while pos - start < _SYNC_SCAN:
        f.seek(pos)
        chunk = f.read(_CHUNK)
        if len(chunk) < 4:
            return None
        i = chunk.find(b"\xff")
        while 0 <= i <= len(chunk) - 4:
            if chunk[i + 1] & 0xE0 == 0xE0:
                return pos + i, chunk[i : i + 4]
            i = chunk.find(b"\xff", i + 1)
        pos += len(chunk) - 3  # a header may start in the last 3 bytes
    return None


# --- Ogg ---------------------------------------------------------------------------------


def _ogg(f: BinaryIO) -> Optional[int]:
    if f.read(4) != b"OggS":
        return None
    pos = 0
    granule = 0
    rate = 0
    while True:
        f.seek(pos)
        head = f.read(27 + 255)  # the page header and its longest segment table
        if len(head) < 27:
            break
        if head[:4] != b"OggS":
            # Lost sync: look for the next page in the 2 KiB after this would-be header
            # (as the official parser, which never looks inside the header itself).
            f.seek(pos + 27)
            chunk = f.read(2048)
            if not chunk:
                break
            found = chunk.find(b"OggS")
            pos += 27 + (len(chunk) if found < 0 else found)
            continue
        granule = max(granule, _le(head[6:14]))  # unsigned: a -1 counts as the largest
        count = head[26]
        table = head[27 : 27 + count]
        if len(table) < count:
            break
        data_at = pos + 27 + count
        size = sum(table)
        if rate == 0 and data_at < 10000:  # the Vorbis identification header, early on
            f.seek(data_at)
            data = f.read(min(size, 100))
            at = data.find(b"\x01vorbis")
            if at != -1 and at + 16 < len(data):
                rate = _le(data[at + 12 : at + 16])
        pos = data_at + size
    if granule > 0 and rate > 0:
        return int(granule / rate * 1000)
    return None


# --- FLAC --------------------------------------------------------------------------------


def _flac(f: BinaryIO) -> Optional[int]:
    if f.read(4) != b"fLaC":
        return None
    pos = 4
    found = False
    samples = rate = 0
    while True:
        f.seek(pos)
        block = f.read(4)
        if len(block) < 4:
            break
        kind = block[0] & 0x7F
        length = _be(block[1:4])
        if kind == 0 and length >= 18:  # STREAMINFO (a later one replaces an earlier)
            info = f.read(18)
            if len(info) == 18:
                rate = _be(info[10:13]) >> 4
                samples = (info[13] & 0x0F) << 32 | _be(info[14:18])
                found = True
        pos += 4 + length
        if block[0] & 0x80:  # the last metadata block
            break
    if found and rate > 0:
        return round(samples / rate * 1000)
    return None


# --- MP4 ---------------------------------------------------------------------------------


def _mp4(f: BinaryIO) -> Optional[int]:
    pos = 0
    while True:
        f.seek(pos)
        head = f.read(8)
        if len(head) < 8:
            return None
        size = _be(head[:4])
        pos += 8
        if head[4:8] == b"moov":
            return _mvhd(f, pos, pos + size - 8)
        if size > 8:  # sizes 0 and 1 (to the end, 64-bit) are not followed: as the official
            pos += size - 8


def _mvhd(f: BinaryIO, pos: int, end: int) -> Optional[int]:
    while pos < end:
        f.seek(pos)
        head = f.read(8)
        if len(head) < 8:
            return None
        size = _be(head[:4])
        pos += 8
        if head[4:8] == b"mvhd":
            # version/flags, then two 32-bit times (the version-0 layout, whatever the version)
            f.seek(pos + 12)
            scale = _be(f.read(4))
            duration = _be(f.read(4))
            return int(duration / scale * 1000) if scale > 0 else None
        if size > 8:
            pos += size - 8
    return None


_READERS: Dict[str, Callable[[BinaryIO], Optional[int]]] = {
    ".mp3": _mp3,
    ".mpga": _mp3,
    ".ogg": _ogg,
    ".flac": _flac,
    ".mp4": _mp4,
    ".m4a": _mp4,
}
