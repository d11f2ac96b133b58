"""``portkey._audio_duration.audio_duration_ms``: the x-portkey-audio-file-duration value.

Every sample is built here from the format's layout (``wave`` for WAV; MP3 frames, Ogg pages,
FLAC metadata blocks and MP4 boxes by hand). ``OFFICIAL`` holds what the official SDK's
``portkey_ai.api_resources.get_audio_duration.get_audio_file_duration`` (portkey-ai 2.3.4,
CPython 3.11.7) returned for the very same bytes: each ``SAMPLES`` entry was written to a file
of its name and measured once by the official function; the values are kept here as data so
the test does not need the official package. Its quirks are part of the value (a Xing header
missed in a mono MPEG-1 frame, a granule of -1 counted, an mvhd of version 1 misread, FLAC
rounding half to even), since the gateway receives whatever the official SDK computes.
"""

from __future__ import annotations

import io
import os
import struct
import sys
import wave
from pathlib import Path
from typing import IO, Any, Callable, Dict, Iterator, List, Optional, Tuple

import httpx
import pytest
import respx

from portkey import AsyncPortkey, Portkey
from portkey._audio_duration import audio_duration_ms

# --- WAV ---------------------------------------------------------------------------------


def wav(channels: int, width: int, rate: int, frames: int) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(b"\x00" * (channels * width * frames))
    return out.getvalue()


def wav_with_list_chunk() -> bytes:
    """A WAV whose ``fmt `` and ``data`` chunks are separated by a ``LIST`` chunk."""
    data = wav(1, 2, 16000, 8000)
    fmt_end = 12 + 8 + 16
    chunk = b"LIST" + struct.pack("<I", 10) + b"INFOxxxxxx"
    body = data[12:fmt_end] + chunk + data[fmt_end:]
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WAVE" + body


# --- MP3 ---------------------------------------------------------------------------------


def id3v2(body_size: int) -> bytes:
    size = bytes((body_size >> shift) & 0x7F for shift in (21, 14, 7, 0))
    return b"ID3\x04\x00\x00" + size + b"\x00" * body_size


ID3V1 = b"TAG" + b"\x20" * 125


def frames(header: bytes, size: int, count: int, first: bytes = b"") -> bytes:
    """``count`` frames of ``size`` bytes; the first one's side data is ``first``."""
    one = header + first
    out = one + b"\x00" * (size - len(one))
    return out + (header + b"\x00" * (size - 4)) * (count - 1)


MPEG1_L3_128K_44K_STEREO = b"\xff\xfb\x90\x00"  # 417-byte frames
MPEG1_L3_128K_44K_MONO = b"\xff\xfb\x90\xc0"
MPEG2_L3_64K_22K_MONO = b"\xff\xf3\x80\xc0"  # 208-byte frames
MPEG25_L3_32K_8K_STEREO = b"\xff\xe3\x48\x00"  # 288-byte frames
MPEG1_L1_384K_44K = b"\xff\xff\xc0\x00"


def xing(tag: bytes, flags: int, count: int) -> bytes:
    return tag + struct.pack(">III", flags, count, 123456)


def vbri(count: int) -> bytes:
    return b"VBRI" + struct.pack(">HHHII", 1, 1000, 75, 200000, count)


def side(offset: int, data: bytes) -> bytes:
    """Side data putting ``data`` at ``offset`` from the frame's start."""
    return b"\x00" * (offset - 4) + data


# --- Ogg ---------------------------------------------------------------------------------


def _crc_table() -> List[int]:
    table = []
    for i in range(256):
        crc = i << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
        table.append(crc & 0xFFFFFFFF)
    return table


CRC = _crc_table()


def ogg_page(packets: List[bytes], granule: int, seq: int, flags: int = 0) -> bytes:
    """One page ending each packet (lacing values: 255s, then the remainder)."""
    lacing = b""
    for packet in packets:
        lacing += b"\xff" * (len(packet) // 255) + bytes([len(packet) % 255])
    return ogg_raw_page(lacing, b"".join(packets), granule, seq, flags)


def ogg_raw_page(lacing: bytes, data: bytes, granule: int, seq: int, flags: int = 0) -> bytes:
    head = b"OggS\x00" + bytes([flags]) + struct.pack("<QII", granule, 0x1234, seq)
    page = head + b"\x00\x00\x00\x00" + bytes([len(lacing)]) + lacing + data
    crc = 0
    for byte in page:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ CRC[(crc >> 24) ^ byte]
    return page[:22] + struct.pack("<I", crc) + page[26:]


def vorbis_id(rate: int, channels: int = 2) -> bytes:
    return (
        b"\x01vorbis"
        + struct.pack("<IBIiii", 0, channels, rate, 0, 128000, 0)
        + b"\xb8\x01"  # blocksizes, framing bit
    )


def ogg_vorbis(rate: int, granules: List[int], packets: Tuple[int, ...] = (300, 200)) -> bytes:
    out = ogg_page([vorbis_id(rate)], 0, 0, flags=0x02)
    out += ogg_page([b"\x03vorbis" + b"\x00" * 20, b"\x05vorbis" + b"\x00" * 40], 0, 1)
    for seq, granule in enumerate(granules, 2):
        last = 0x04 if seq == len(granules) + 1 else 0
        out += ogg_page([b"\x11" * size for size in packets], granule, seq, flags=last)
    return out


def ogg_vorbis_continued() -> bytes:
    """A comment packet spanning two pages: the first page ends no packet (granule -1)."""
    out = ogg_page([vorbis_id(48000)], 0, 0, flags=0x02)
    out += ogg_raw_page(b"\xff" * 4, b"\x03vorbis" + b"\x00" * 1013, 2**64 - 1, 1)
    out += ogg_raw_page(b"\x0a", b"\x00" * 10, 0, 2, flags=0x01)
    return out + ogg_page([b"\x11" * 100], 96000, 3, flags=0x04)


def ogg_opus() -> bytes:
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 2, 312, 48000, 0, 0)
    out = ogg_page([head], 0, 0, flags=0x02)
    out += ogg_page([b"OpusTags" + struct.pack("<I", 4) + b"test" + b"\x00" * 4], 0, 1)
    return out + ogg_page([b"\x11" * 120] * 3, 48000 + 312, 2, flags=0x04)


# --- FLAC --------------------------------------------------------------------------------


def streaminfo(rate: int, samples: int, channels: int = 2, bits: int = 16) -> bytes:
    packed = (rate << 44) | ((channels - 1) << 41) | ((bits - 1) << 36) | samples
    return struct.pack(">HHII", 4096, 4096, 0, 0)[:10] + packed.to_bytes(8, "big") + b"\0" * 16


def flac_block(kind: int, data: bytes, last: bool = False) -> bytes:
    return bytes([kind | (0x80 if last else 0)]) + len(data).to_bytes(3, "big") + data


def flac(*blocks: bytes) -> bytes:
    return b"fLaC" + b"".join(blocks) + b"\xff\xf8" + b"\x00" * 30


# --- MP4 ---------------------------------------------------------------------------------


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mvhd(scale: int, duration: int, version: int = 0) -> bytes:
    if version == 1:
        times = struct.pack(">QQIQ", 0, (1 << 32) | 3000, scale, duration)
    else:
        times = struct.pack(">IIII", 0, 0, scale, duration)
    return box(b"mvhd", bytes([version, 0, 0, 0]) + times + b"\x00" * 80)


FTYP = box(b"ftyp", b"M4A \x00\x00\x00\x00M4A isom")

# name -> (file name, bytes)
SAMPLES: Dict[str, Tuple[str, bytes]] = {
    "wav_8k_mono_8bit": ("a.wav", wav(1, 1, 8000, 2000)),
    "wav_44k_stereo_16bit": ("a.wav", wav(2, 2, 44100, 12345)),
    "wav_upper_case_ext": ("A.WAV", wav(1, 2, 22050, 22050 * 3 + 7)),
    "wav_list_chunk": ("a.wav", wav_with_list_chunk()),
    "mp3_cbr": ("a.mp3", frames(MPEG1_L3_128K_44K_STEREO, 417, 20)),
    "mp3_cbr_id3v2_junk_id3v1": (
        "a.mp3",
        id3v2(300) + b"\x00" * 5 + frames(MPEG1_L3_128K_44K_STEREO, 417, 30) + ID3V1,
    ),
    "mpga_cbr": ("a.mpga", frames(MPEG1_L3_128K_44K_STEREO, 417, 11)),
    "mp3_mpeg2_cbr": ("a.mp3", frames(MPEG2_L3_64K_22K_MONO, 208, 40)),
    "mp3_mpeg25_cbr": ("a.mp3", frames(MPEG25_L3_32K_8K_STEREO, 288, 25)),
    "mp3_layer1_cbr": ("a.mp3", frames(MPEG1_L1_384K_44K, 417, 9)),
    "mp3_xing": (
        "a.mp3",
        id3v2(50) + frames(MPEG1_L3_128K_44K_STEREO, 417, 8, side(36, xing(b"Xing", 0xF, 500))),
    ),
    "mp3_info_mpeg2_mono": (
        "a.mp3",
        frames(MPEG2_L3_64K_22K_MONO, 208, 8, side(21, xing(b"Info", 0x1, 250))),
    ),
    "mp3_xing_without_frame_count": (
        "a.mp3",
        frames(MPEG1_L3_128K_44K_STEREO, 417, 8, side(36, xing(b"Xing", 0x2, 500))),
    ),
    "mp3_xing_mono_mpeg1_missed": (
        "a.mp3",
        frames(MPEG1_L3_128K_44K_MONO, 417, 8, side(21, xing(b"Xing", 0xF, 500))),
    ),
    "mp3_vbri": ("a.mp3", frames(MPEG1_L3_128K_44K_STEREO, 417, 8, side(36, vbri(777)))),
    "ogg_vorbis": ("a.ogg", ogg_vorbis(44100, [44100, 88200, 132300 + 4410])),
    "ogg_vorbis_unordered_granules": ("a.ogg", ogg_vorbis(22050, [22050, 99225, 44100])),
    "ogg_vorbis_continued_page": ("a.ogg", ogg_vorbis_continued()),
    "ogg_opus": ("a.ogg", ogg_opus()),
    "flac": ("a.flac", flac(flac_block(0, streaminfo(44100, 123456), last=True))),
    "flac_more_blocks": (
        "a.flac",
        flac(
            flac_block(0, streaminfo(48000, 96000)),
            flac_block(4, b"\x00" * 40),
            flac_block(1, b"\x00" * 1000, last=True),
        ),
    ),
    "flac_36bit_samples": (
        "a.flac",
        flac(flac_block(0, streaminfo(96000, 2**33 + 5), last=True)),
    ),
    "flac_half_ms_rounds_to_even": (
        "a.flac",
        flac(flac_block(0, streaminfo(2000, 1), last=True)),
    ),
    "mp4": ("a.mp4", FTYP + box(b"moov", mvhd(600, 3000)) + box(b"mdat", b"\x00" * 64)),
    "m4a_moov_last": (
        "a.m4a",
        FTYP
        + box(b"free", b"")
        + box(b"mdat", b"\x00" * 5000)
        + box(b"moov", box(b"iods", b"\x00" * 16) + mvhd(44100, 123456) + box(b"trak", b"")),
    ),
    "m4a_mvhd_version1": ("a.m4a", FTYP + box(b"moov", mvhd(44100, 441000, version=1))),
}

# What the official get_audio_file_duration returned for each sample (see the docstring).
OFFICIAL: Dict[str, Optional[str]] = {
    "wav_8k_mono_8bit": "250",
    "wav_44k_stereo_16bit": "279",
    "wav_upper_case_ext": "3000",
    "wav_list_chunk": "500",
    "mp3_cbr": "521",
    "mp3_cbr_id3v2_junk_id3v1": "782",
    "mpga_cbr": "286",
    "mp3_mpeg2_cbr": "1040",
    "mp3_mpeg25_cbr": "1800",
    "mp3_layer1_cbr": "78",
    "mp3_xing": "13061",
    "mp3_info_mpeg2_mono": "6530",
    "mp3_xing_without_frame_count": "208",
    "mp3_xing_mono_mpeg1_missed": "208",
    "mp3_vbri": "20297",
    "ogg_vorbis": "3100",
    "ogg_vorbis_unordered_granules": "4500",
    "ogg_vorbis_continued_page": "384307168202282304",
    "ogg_opus": None,
    "flac": "2799",
    "flac_more_blocks": "2000",
    "flac_36bit_samples": "89478485",
    "flac_half_ms_rounds_to_even": "0",
    "mp4": "5000",
    "m4a_moov_last": "2799",
    "m4a_mvhd_version1": "3000000",
}


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_same_value_as_the_official_sdk(name: str, tmp_path: Path) -> None:
    filename, data = SAMPLES[name]
    path = _write(tmp_path, filename, data)
    assert audio_duration_ms(str(path)) == OFFICIAL[name]
    assert audio_duration_ms(path) == OFFICIAL[name]  # os.PathLike too


def test_every_sample_has_an_official_value() -> None:
    assert OFFICIAL.keys() == SAMPLES.keys()


@pytest.mark.parametrize(
    ("name", "expected_ms"),
    [  # what the format itself says, for the samples without a quirk
        ("wav_8k_mono_8bit", 2000 / 8000 * 1000),
        ("mp3_cbr", 20 * 417 * 8 / 128),
        ("mp3_xing", 500 * 1152 / 44100 * 1000),
        ("mp3_info_mpeg2_mono", 250 * 576 / 22050 * 1000),
        ("mp3_vbri", 777 * 1152 / 44100 * 1000),
        ("ogg_vorbis", (132300 + 4410) / 44100 * 1000),
        ("flac", 123456 / 44100 * 1000),
        ("m4a_moov_last", 123456 / 44100 * 1000),
    ],
)
def test_values_follow_the_format(name: str, expected_ms: float, tmp_path: Path) -> None:
    filename, data = SAMPLES[name]
    assert audio_duration_ms(_write(tmp_path, filename, data)) == str(int(expected_ms))


def _wav_header(rate: int, fmt: int = 1, data_size: int = 0) -> bytes:
    fmt_chunk = b"fmt " + struct.pack("<IHHIIHH", 16, fmt, 1, rate, rate * 2, 2, 16)
    body = b"WAVE" + fmt_chunk + b"data" + struct.pack("<I", data_size)
    return b"RIFF" + struct.pack("<I", len(body) + data_size) + body


VORBIS_FIRST_PAGE = ogg_page([vorbis_id(44100)], 0, 0, flags=0x02)
MP4_MOOV = box(b"moov", mvhd(600, 3000))

# Files that cannot be measured: the official parser returns None, raises or never returns.
UNMEASURABLE: Dict[str, Tuple[str, bytes]] = {
    **{f"empty{ext}": ("a" + ext, b"") for ext in (".wav", ".mp3", ".ogg", ".flac", ".m4a")},
    **{f"text{ext}": ("a" + ext, b"not audio\n" * 50) for ext in (".wav", ".ogg", ".flac")},
    "wav_cut_in_fmt": ("a.wav", _wav_header(8000)[:30]),
    "wav_rate_0": ("a.wav", _wav_header(0, data_size=100) + b"\x00" * 100),
    "wav_float_format": ("a.wav", _wav_header(8000, fmt=3, data_size=100) + b"\x00" * 100),
    "mp3_id3_cut": ("a.mp3", id3v2(100)[:7]),
    "mp3_id3_longer_than_file": (
        "a.mp3",
        id3v2(100)[:10] + frames(MPEG1_L3_128K_44K_STEREO, 40, 1),
    ),
    "mp3_no_frame_sync": ("a.mp3", b"\x00" * 5000),
    "mp3_frame_only_no_id3v1_room": ("a.mp3", MPEG1_L3_128K_44K_STEREO + b"\x00" * 100),
    "mp3_reserved_version": ("a.mp3", b"\xff\xeb\x90\x00" + b"\x00" * 500),
    "mp3_bad_bitrate": ("a.mp3", b"\xff\xfb\xf0\x00" + b"\x00" * 500),
    "ogg_signature_only": ("a.ogg", b"OggS"),
    "ogg_first_page_only": ("a.ogg", VORBIS_FIRST_PAGE),
    "ogg_segment_table_cut": ("a.ogg", VORBIS_FIRST_PAGE[:27]),
    "ogg_not_ogg": ("a.ogg", b"RIFF" + b"\x00" * 100),
    "flac_signature_only": ("a.flac", b"fLaC"),
    "flac_streaminfo_cut": ("a.flac", flac(flac_block(0, streaminfo(44100, 99), True))[:20]),
    "flac_rate_0": ("a.flac", flac(flac_block(0, streaminfo(0, 99), last=True))),
    "mp4_no_moov": ("a.mp4", FTYP + box(b"mdat", b"\x00" * 100)),
    "mp4_moov_without_mvhd": ("a.mp4", FTYP + box(b"moov", box(b"trak", b"\x00" * 30))),
    "mp4_mvhd_cut_before_timescale": ("a.mp4", FTYP + MP4_MOOV[: 8 + 8 + 12]),
    "unknown_extension": ("a.aac", SAMPLES["mp3_cbr"][1]),
    "no_extension": ("wav", SAMPLES["wav_8k_mono_8bit"][1]),
}


@pytest.mark.parametrize("name", sorted(UNMEASURABLE))
def test_unmeasurable_files_give_none(name: str, tmp_path: Path) -> None:
    filename, data = UNMEASURABLE[name]
    assert audio_duration_ms(_write(tmp_path, filename, data)) is None


def test_every_truncation_gives_none_or_a_str(tmp_path: Path) -> None:
    """No prefix of any sample raises (the official parser raises or hangs on many)."""
    for name, (filename, data) in SAMPLES.items():
        path = tmp_path / name / filename
        path.parent.mkdir()
        for size in range(0, min(len(data), 200)):
            path.write_bytes(data[:size])
            value = audio_duration_ms(path)
            assert value is None or value.isdigit(), (name, size, value)


def test_paths_that_are_not_audio_files(tmp_path: Path) -> None:
    (tmp_path / "dir.wav").mkdir()
    assert audio_duration_ms(tmp_path / "dir.wav") is None
    assert audio_duration_ms(tmp_path / "missing.wav") is None
    assert audio_duration_ms(str(tmp_path / "missing.mp3")) is None
    _write(tmp_path, "a.wav", SAMPLES["wav_8k_mono_8bit"][1])
    assert audio_duration_ms(os.fsencode(tmp_path / "a.wav")) is None  # type: ignore[arg-type]


def _bytes_read() -> int:
    with open("/proc/self/io") as f:
        return int(next(line for line in f if line.startswith("rchar:")).split()[1])


HUGE = 1 << 30


def _sparse(path: Path, head: bytes, size: int, tail: bytes = b"") -> Path:
    """A file of ``size`` bytes: ``head``, a hole, ``tail`` (no disk space used)."""
    with open(path, "wb") as f:
        f.write(head)
        f.truncate(size - len(tail))
        f.seek(size - len(tail))
        f.write(tail)
    return path


def _huge_files(tmp_path: Path) -> List[Tuple[Path, Callable[[int], str]]]:
    frame = frames(MPEG1_L3_128K_44K_STEREO, 417, 1)
    m4a_head = FTYP + struct.pack(">I", HUGE) + b"mdat"
    return [
        (
            _sparse(tmp_path / "a.mp3", frame, HUGE, ID3V1),
            lambda size: str(int((size - 128) * 8 / 128)),
        ),
        (
            _sparse(tmp_path / "a.wav", _wav_header(16000, data_size=HUGE - 44), HUGE),
            lambda size: str(int((HUGE - 44) // 2 / 16000 * 1000)),
        ),
        (
            _sparse(tmp_path / "a.m4a", m4a_head, len(FTYP) + HUGE + len(MP4_MOOV), MP4_MOOV),
            lambda size: "5000",
        ),
    ]


@pytest.mark.skipif(not os.path.exists("/proc/self/io"), reason="needs Linux's /proc/self/io")
def test_only_headers_are_read(tmp_path: Path) -> None:
    """1 GiB files (sparse: the audio is a hole) are measured reading a few KiB."""
    for path, expected in _huge_files(tmp_path):
        before = _bytes_read()
        assert audio_duration_ms(path) == expected(path.stat().st_size)
        assert _bytes_read() - before < 256 * 1024, path.name


@pytest.mark.skipif(not os.path.exists("/proc/self/io"), reason="needs Linux's /proc/self/io")
def test_an_ogg_file_is_walked_by_its_page_headers(tmp_path: Path) -> None:
    """Every page's granule counts (as for the official parser), but not its data."""
    granules = [1024 * i for i in range(1, 400)]
    path = _write(tmp_path, "long.ogg", ogg_vorbis(44100, granules, (400,) * 10))  # 4 KB pages
    before = _bytes_read()
    assert audio_duration_ms(path) == str(int(granules[-1] / 44100 * 1000))
    assert _bytes_read() - before < path.stat().st_size // 3


def test_no_import_cost_until_used() -> None:
    code = "import sys, portkey.resources.audio; print('portkey._audio_duration' in sys.modules)"
    import subprocess

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- wired into audio.transcriptions / audio.translations ----------------------------------

HEADER = "x-portkey-audio-file-duration"
TEXT = {"text": "hi"}


@pytest.fixture
def audio_mock() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        router.post(path__regex=r"/audio/(transcriptions|translations)$").mock(
            return_value=httpx.Response(200, json=TEXT)
        )
        yield router


@pytest.fixture
def wav_path(tmp_path: Path) -> Path:
    return _write(tmp_path, "speech.wav", SAMPLES["wav_8k_mono_8bit"][1])  # 250 ms


def _sent(router: respx.MockRouter) -> httpx.Headers:
    return router.calls.last.request.headers


def _forms(path: Path, opened: List[IO[bytes]]) -> Dict[str, Tuple[Callable[[], object], Any]]:
    """Each file argument form, and the header it sends."""
    data = path.read_bytes()

    def open_file() -> IO[bytes]:
        opened.append(open(path, "rb"))
        return opened[-1]

    def named_bytesio() -> io.BytesIO:
        named = io.BytesIO(data)
        named.name = str(path)  # names an existing file, but holds its own bytes
        return named

    return {
        "path": (lambda: path, "250"),
        "open file in a tuple": (lambda: ("x.wav", open_file()), "250"),
        "open file": (open_file, "250"),
        "path in a tuple": (lambda: ("x.wav", path, "audio/wav"), "250"),
        "bytes": (lambda: data, None),
        "bytes in a tuple": (lambda: ("speech.wav", data), None),
        "named BytesIO": (named_bytesio, None),
    }


FORMS = ("path", "open file in a tuple", "open file", "path in a tuple", "bytes")
FORMS += ("bytes in a tuple", "named BytesIO")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("route", ["transcriptions", "translations"])
def test_the_header_for_a_file_on_disk(
    audio_mock: respx.MockRouter, wav_path: Path, form: str, route: str
) -> None:
    opened: List[IO[bytes]] = []
    make, expected = _forms(wav_path, opened)[form]
    client = Portkey(api_key="pk", base_url="http://gw/v1")
    try:
        getattr(client.audio, route).create(file=make(), model="whisper-1")
        assert _sent(audio_mock).get(HEADER) == expected
        client.with_options(calculate_audio_duration=False).audio.transcriptions.create(
            file=make(), model="whisper-1"
        )
        assert HEADER not in _sent(audio_mock)
    finally:
        for f in opened:
            f.close()


@pytest.mark.anyio
@pytest.mark.parametrize("route", ["transcriptions", "translations"])
async def test_the_header_on_the_async_client(
    audio_mock: respx.MockRouter, wav_path: Path, route: str
) -> None:
    client = AsyncPortkey(api_key="pk", base_url="http://gw/v1")
    await getattr(client.audio, route).create(file=wav_path, model="whisper-1")
    assert _sent(audio_mock)[HEADER] == "250"
    off = AsyncPortkey(api_key="pk", base_url="http://gw/v1", calculate_audio_duration=False)
    await getattr(off.audio, route).create(file=wav_path, model="whisper-1")
    assert HEADER not in _sent(audio_mock)


def test_the_option_is_kept_by_with_options_and_never_sent(
    audio_mock: respx.MockRouter, wav_path: Path
) -> None:
    client = Portkey(api_key="pk", base_url="http://gw/v1", calculate_audio_duration=False)
    assert client.calculate_audio_duration is False
    copy = client.with_options(trace_id="t")
    assert copy.calculate_audio_duration is False
    copy.audio.transcriptions.create(file=wav_path, model="whisper-1")
    assert HEADER not in _sent(audio_mock)
    assert client.with_options(calculate_audio_duration=True).calculate_audio_duration is True
    assert not [k for k in _sent(audio_mock) if "calculate" in k]


def test_the_callers_header_wins_and_is_not_mutated(
    audio_mock: respx.MockRouter, wav_path: Path
) -> None:
    client = Portkey(api_key="pk", base_url="http://gw/v1")
    mine = {"X-Portkey-Audio-File-Duration": "1", "x-custom": "1"}
    client.audio.transcriptions.create(file=wav_path, model="whisper-1", extra_headers=mine)
    assert _sent(audio_mock).get_list(HEADER) == ["1"]
    other = {"x-custom": "2"}
    client.audio.translations.create(file=wav_path, model="whisper-1", extra_headers=other)
    assert _sent(audio_mock)[HEADER] == "250"
    assert _sent(audio_mock)["x-custom"] == "2"
    assert other == {"x-custom": "2"}


def test_no_header_for_a_file_it_cannot_measure(
    audio_mock: respx.MockRouter, tmp_path: Path
) -> None:
    # WAV bytes under an .m4a name: the official sends no header either (its capture)
    path = _write(tmp_path, "speech.m4a", SAMPLES["wav_8k_mono_8bit"][1])
    Portkey(api_key="pk", base_url="http://gw/v1").audio.transcriptions.create(
        file=path, model="whisper-1"
    )
    assert HEADER not in _sent(audio_mock)
    assert audio_mock.calls.last.response.status_code == 200
