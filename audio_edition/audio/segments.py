"""Segments: a track's parts, encoded once, kept, and joined without encoding again.

A segment starts at a multiple of every chosen format's frame (see
timeline.py), so its frames are the frames a whole-track encode would have
there. Fed from its first sample, an encoder begins with its delay (LAME's
1105 samples, AAC's 1024 of priming): decoded, a segment's first frames stand
for the silence just before it, and its last samples lie in frames that the
next segment's first frames replace. Of every segment but the last, exactly
its length in frames is kept; both sides of a cut are silence, so the
overlapping windows of the two encodings add up as one encoding's would.
Each new encoding starts with an empty bit reservoir, so no frame reaches back
into a frame of another encoding.

ffmpeg resamples and encodes each segment (its resampler, libmp3lame and AAC
encoder) in a process of its own, two segments at a time; its frames are
stored by a digest of what went into them (the segment's sound, gain, length,
format, bit rate, channels and ffmpeg's version) in the segment store, with
each segment's loudness `Energy`: an edit encodes only the segments it
changed. Joining copies the stored frames into one file with PyAV (FFmpeg's
muxers as a library): MP3 with a LAME tag that tells decoders the encoder
delay and the padding of the whole, MP4 with an edit list; both decode to
exactly the track's samples.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import struct
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path

import numpy as np

from ..ffmpeg import run_ffmpeg
from ..files import write_atomic
from .loudness import Energy

SAMPLE_RATE = 44100  #: every format's sample rate
#: bumped when what a stored segment holds changes meaning
STORE_VERSION = 2
#: LAME counts the decoder's delay of 529 samples apart from its own
_DECODER_DELAY = 529


@dataclass(frozen=True)
class AudioFormat:
    name: str
    suffix: str
    codec: str  #: FFmpeg's encoder
    container: str  #: FFmpeg's muxer of the joined file
    frame: int  #: samples a frame
    raw: tuple[str, ...]  #: ffmpeg's output options for bare frames of one segment

    @property
    def mime(self) -> str:
        from ..media import media_type

        return media_type(self.suffix)


_BARE_MP3 = ("-f", "mp3", "-write_xing", "0", "-id3v2_version", "0")
FORMATS = {
    "mp3": AudioFormat("mp3", ".mp3", "libmp3lame", "mp3", 1152, _BARE_MP3),
    "m4a": AudioFormat("m4a", ".m4a", "aac", "ipod", 1024, ("-f", "adts")),
    "m4b": AudioFormat("m4b", ".m4b", "aac", "ipod", 1024, ("-f", "adts")),
}
#: LAME's quality 7 ("fast, good enough for speech") halves the encoding time
_CODEC_OPTIONS = {"libmp3lame": ("-compression_level", "7"), "aac": ()}
#: the encoders' delay, in samples before the first one fed: LAME's 576 and the
#: 529 of the decoder it counts apart; AAC's one frame of priming (as FFmpeg
#: reports them; tests/test_segments.py decodes joins to check them)
_DELAY = {"libmp3lame": 1105, "aac": 1024}
#: frames of silence an encoder hears before a segment, whose frames are then
#: dropped. FFmpeg's AAC encoder spends its first frames finding its level and
#: overshoots speech that starts within them (+3 dB at 100 ms); AAC frames stand
#: alone, so dropping some costs nothing. An MP3 frame may keep its data in the
#: frames before it (the bit reservoir), so none is dropped there: LAME starts well.
_PRE_ROLL = {"libmp3lame": 0, "aac": 16}


@dataclass(frozen=True)
class Frames:
    """One segment's kept frames in one format."""

    first_pts: int  #: the first frame's time, negative by the encoder's delay
    durations: tuple[int, ...]
    sizes: tuple[int, ...]
    data: bytes


class SegmentStore:
    """Energies and encoded frames of segments, by digest, as files in `root`
    (written atomically, so a store can be shared as the clip cache is, and not
    flushed to disk one by one: a damaged file is found and made again)."""

    def __init__(self, root: Path | None = None) -> None:
        self._temporary = root is None
        self.root = Path(tempfile.mkdtemp(prefix="audio-edition-segments-")) if root is None else root
        self.encoded = 0  #: segments encoded by this store's user (for reports and tests)

    def close(self) -> None:
        """Remove a temporary store."""
        if self._temporary:
            shutil.rmtree(self.root, ignore_errors=True)

    def _path(self, key: str, suffix: str) -> Path:
        return self.root / key[:2] / f"{key}{suffix}"

    def energy(self, key: str) -> Energy | None:
        try:
            data = json.loads(self._path(key, ".energy.json").read_text(encoding="utf-8"))
            return Energy(int(data["samples"]), tuple(float(v) for v in data["cells"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put_energy(self, key: str, energy: Energy) -> None:
        # not dataclasses.asdict, which copies every cell deeply
        record = {"samples": energy.samples, "cells": energy.cells}
        write_atomic(self._path(key, ".energy.json"), json.dumps(record).encode(),
                     durable=False)

    def frames(self, key: str) -> dict[str, Frames] | None:
        """The stored frames of a segment by format, or None (absent or damaged)."""
        try:
            raw = self._path(key, ".frames").read_bytes()
            line = raw.index(b"\n")
            index = json.loads(raw[:line])
            found, offset = {}, line + 1
            for name, item in index.items():
                size = sum(item["sizes"])
                found[name] = Frames(item["first_pts"], tuple(item["durations"]),
                                     tuple(item["sizes"]), raw[offset:offset + size])
                offset += size
            if offset != len(raw):
                return None
            return found
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put_frames(self, key: str, frames: dict[str, Frames]) -> None:
        index = {name: {"first_pts": f.first_pts, "durations": f.durations, "sizes": f.sizes}
                 for name, f in frames.items()}
        write_atomic(self._path(key, ".frames"), json.dumps(index).encode(), b"\n",
                     *(f.data for f in frames.values()), durable=False)


def digest(*parts) -> str:
    return hashlib.sha256(json.dumps([STORE_VERSION, *parts], default=str).encode()).hexdigest()


@cache
def codec_versions() -> str:
    """The encoders' version (ffmpeg's), which a stored segment's key holds."""
    return run_ffmpeg("-version", text=True).stdout.splitlines()[0]


def output_position(position: int, rate: int, step: int) -> int:
    """A cut's place at SAMPLE_RATE: exact for rates that divide into it (22,050 Hz
    voices), else the nearest multiple of the frame grid `step`."""
    exact = Fraction(position * SAMPLE_RATE, rate)
    return round(exact / step) * step if step else round(exact)


def at_output_rate(rate: int, length: int, pre_roll: int = 0) -> str:
    """ffmpeg's filters that bring a segment's samples at `rate` to SAMPLE_RATE (its
    resampler, in the encoder's process), exactly `length` samples long (a cut at a
    rate that does not divide into SAMPLE_RATE gains or loses a sample of its closing
    silence), after `pre_roll` samples of silence."""
    steps = [f"aresample={SAMPLE_RATE}", f"apad=whole_len={length}", f"atrim=end_sample={length}"]
    return ",".join(steps + ([f"adelay=delays={pre_roll}S"] if pre_roll else []))


def resampled(samples: np.ndarray, rate: int, length: int) -> np.ndarray:
    """`samples` at SAMPLE_RATE, `length` long, as the encoders hear them."""
    result = run_ffmpeg("-v", "error", "-f", "f32le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
                        "-af", at_output_rate(rate, length), "-f", "f32le", "pipe:1",
                        input=samples.astype("<f4").tobytes())
    return np.frombuffer(result.stdout, "<f4")


def encode_frames(samples: np.ndarray, rate: int, length: int, fmt: AudioFormat, bitrate: int,
                  channels: int, keep_all: bool) -> Frames:
    """Encode one segment's samples at `rate` with ffmpeg, `length` long at SAMPLE_RATE;
    keep its length in frames, or, for the last segment (`keep_all`), every frame
    that holds sound."""
    pre_roll = _PRE_ROLL[fmt.codec]
    graph = at_output_rate(rate, length, pre_roll * fmt.frame)
    if channels == 2:
        graph += ",pan=stereo|c0=c0|c1=c0"
    result = run_ffmpeg("-v", "error", "-f", "f32le", "-ar", str(rate), "-ac", "1", "-i", "pipe:0",
                        "-af", graph, "-c:a", fmt.codec, *_CODEC_OPTIONS[fmt.codec],
                        "-b:a", str(bitrate), *fmt.raw, "pipe:1",
                        input=samples.astype("<f4").tobytes())
    packets = _mp3_frames(result.stdout) if fmt.name == "mp3" else _adts_frames(result.stdout)
    packets = packets[pre_roll:]
    delay = _DELAY[fmt.codec]
    kept = len(packets) if keep_all else length // fmt.frame
    durations = [fmt.frame] * kept
    if keep_all:  # the last frame holds the rest; frames wholly past the end are dropped
        while kept and (kept - 1) * fmt.frame >= length + delay:
            kept -= 1
        durations = [fmt.frame] * (kept - 1) + [length + delay - (kept - 1) * fmt.frame]
    packets = packets[:kept]
    return Frames(-delay, tuple(durations), tuple(len(p) for p in packets), b"".join(packets))


_BITRATES = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)


def _mp3_frames(data: bytes):
    """The frames of an MPEG-1 Layer III stream at SAMPLE_RATE, one by one."""
    def frame(header: bytes) -> tuple[int, int]:
        if header[0] != 0xFF or header[1] & 0xFE != 0xFA:
            raise ValueError("not an MPEG-1 Layer III frame")  # a bug, not user input
        return 0, 144 * _BITRATES[header[2] >> 4] * 1000 // SAMPLE_RATE + ((header[2] >> 1) & 1)
    return _split(data, frame)


def _adts_frames(data: bytes):
    """The raw AAC frames of an ADTS stream, their headers taken off."""
    def frame(header: bytes) -> tuple[int, int]:
        if header[0] != 0xFF or header[1] & 0xF0 != 0xF0:
            raise ValueError("not an ADTS frame")  # a bug, not user input
        skip = 7 if header[1] & 1 else 9  # protection absent: no CRC
        return skip, ((header[3] & 3) << 11) | (header[4] << 3) | (header[5] >> 5)
    return _split(data, frame)


def _split(data: bytes, frame) -> list[bytes]:
    """A stream cut into its frames; `frame` reads a header (its first 7 bytes) as
    (bytes of header to drop, length of the frame with its header)."""
    frames, position = [], 0
    while position + 7 <= len(data):
        skip, length = frame(data[position:position + 7])
        frames.append(data[position + skip:position + length])
        position += length
    return frames


def join(parts: Iterable[tuple[int, Frames]], fmt: AudioFormat, bitrate: int, channels: int,
         total: int, path: Path, title: str = "", chapters: list[tuple[int, int, str]] = ()) -> None:
    """Write one file of the stored frames of every segment, each (output start,
    Frames), in order, decoding to `total` samples; MP4 files get `chapters`
    ((start ms, end ms, title)) and the title."""
    import av

    options = {"id3v2_version": "0"} if fmt.name == "mp3" else \
        {"movflags": "+faststart", "movie_timescale": str(SAMPLE_RATE)}
    with av.open(str(path), "w", format=fmt.container, options=options) as out:
        stream = out.add_stream(fmt.codec, rate=SAMPLE_RATE,
                                layout="stereo" if channels == 2 else "mono")
        stream.bit_rate = bitrate
        stream.codec_context.format = "fltp"
        stream.time_base = Fraction(1, SAMPLE_RATE)
        if fmt.name != "mp3":
            out.metadata["title"] = title
            out.set_chapters([{"id": number, "start": start, "end": end,
                               "time_base": Fraction(1, 1000), "metadata": {"title": name}}
                              for number, (start, end, name) in enumerate(chapters, 1)])
        delay = None
        for offset, frames in parts:
            delay = -frames.first_pts if delay is None else delay
            pts, position = offset + frames.first_pts, 0
            for duration, size in zip(frames.durations, frames.sizes):
                packet = av.Packet(frames.data[position:position + size])
                packet.pts = packet.dts = pts
                packet.duration = duration
                packet.time_base = stream.time_base
                packet.stream = stream
                out.mux(packet)
                pts += duration
                position += size
    if fmt.name == "mp3":
        _write_lame_delay(path, delay, total)


def _write_lame_delay(path: Path, delay: int, total: int) -> None:
    """Set the encoder delay and padding in the LAME tag of the Info frame that
    FFmpeg's muxer wrote (it leaves them 0 for frames it did not encode itself),
    and the tag's checksum, so that decoders trim them: gapless playback."""
    with path.open("r+b") as file:
        head = file.read(4096)
        info = head.find(b"Info")
        if info < 0:
            info = head.find(b"Xing")
        if info < 0:
            raise RuntimeError(f"{path.name}: no Info frame")  # a bug, not user input
        frames = struct.unpack(">I", head[info + 8:info + 12])[0]
        start = _frame_start(head, info)
        tag = info + 120  # after "Info", flags, frames, bytes, 100 seek points, quality
        padding = frames * 1152 - delay - total
        encoder_delay, encoder_padding = delay - _DECODER_DELAY, padding + _DECODER_DELAY
        patched = bytearray(head[start:start + 192])
        at = tag - start
        patched[at + 21:at + 24] = bytes([encoder_delay >> 4,
                                          ((encoder_delay & 15) << 4) | (encoder_padding >> 8),
                                          encoder_padding & 255])
        patched[at + 34:at + 36] = b"\0\0"
        patched[at + 34:at + 36] = struct.pack(">H", crc16(bytes(patched[:190])))
        file.seek(start)
        file.write(patched)


def _frame_start(head: bytes, info: int) -> int:
    """Where the frame holding the Info tag at `info` starts: its side information
    (17 bytes for mono, 32 for stereo) lies between its header and the tag."""
    for side in (17, 32, 9):
        start = info - 4 - side
        if start >= 0 and head[start] == 0xFF and head[start + 1] & 0xE0 == 0xE0:
            return start
    raise RuntimeError("no frame header before the Info tag")  # a bug, not user input


def _crc_table() -> list[int]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_CRC16 = _crc_table()


def crc16(data: bytes) -> int:
    """CRC-16/ARC, the checksum of the LAME tag (FFmpeg's AV_CRC_16_ANSI_LE)."""
    crc = 0
    for byte in data:
        crc = (crc >> 8) ^ _CRC16[(crc ^ byte) & 0xFF]
    return crc
