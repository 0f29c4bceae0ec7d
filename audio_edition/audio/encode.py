"""Encode: the track becomes MP3 and/or M4A/M4B, loudness-normalised, with
chapters, tags and cover art.

The track is encoded a segment at a time (segments.py), from samples read
out of the clip store, so memory does not grow with its length; segments
already in the segment store with the same sound and gain are not encoded
again, so an edit costs the segments it touches. One gain brings the whole
episode to its loudness target (loudness.py): the gain its integrated
loudness asks for, corrected twice for what the limiter takes (speech peaks
of the voice reach full scale, so the limiter takes much of any gain: the
second correction follows the slope the first one found); after
an edit, the previous build's gain while the edited episode's loudness at it
stays within `GAIN_TOLERANCE` of the previous loudness, so that the untouched
segments keep their frames.

PyAV (FFmpeg's libraries: libmp3lame, the AAC encoder, the MP3 and MP4 muxers)
encodes and joins, and writes MP4 chapters (a QuickTime chapter track and a
Nero chpl atom); mutagen writes the ID3 tags (one top-level ordered CTOC listing
every CHAP, child CTOCs for sub-levels, APIC) and the MP4 tags and cover.
"""
from __future__ import annotations

import math
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from mutagen.id3 import (APIC, CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLAN, TPE1,
                         CTOCFlags)
from mutagen.mp4 import MP4, MP4Cover

from .chapters import Chapter, children
from ..files import temporary_beside
from .loudness import (ENCODER_LOSS, GAIN_TOLERANCE, Energy, Level, energy, integrated,
                       limited, target_for)
from .segments import (FORMATS, SAMPLE_RATE, AudioFormat, Frames, SegmentStore,  # noqa: F401
                       codec_versions, digest, encode_frames, join, output_position)
from .timeline import Timeline, Track
from ..language import iso_639_2
from ..media import media_type

#: Offsets in CHAP frames are unused; the spec's "no offset" value.
NO_OFFSET = 0xFFFFFFFF
#: segments encoded at once (ffmpeg's processes): synthesis is over by then, and the
#: machine's cores are free
ENCODERS = 2
#: the track's samples kept between the passes that find the gain, at most this many
#: bytes: an article of a few minutes is read from the clip store once instead of four
#: times; beyond it, segments are read again each pass, so memory stays flat in length
KEPT_SAMPLES_BYTES = 48 << 20


@dataclass(frozen=True)
class Recording:
    """What the audio stages make of one Script: its Timeline, its chapters, the
    encoded files (hidden temporary names in the episode's folder, by format) and
    their Level."""

    timeline: Timeline
    chapters: list[Chapter]
    files: dict[str, Path]
    level: Level | None = None


@dataclass(frozen=True)
class EncodeOptions:
    formats: tuple[str, ...] = ("mp3",)
    bitrate: str = "64k"  #: constant bit rate of every format
    channels: int = 1  #: 1 (mono, -19 LUFS) or 2 (stereo, -16 LUFS)

    @property
    def bits_per_second(self) -> int:
        text = self.bitrate.strip().lower()
        return round(float(text[:-1]) * 1000) if text.endswith("k") else int(text)

    @property
    def frame_step(self) -> int:
        """Samples at SAMPLE_RATE between the places where every format's frames meet."""
        return math.lcm(*(FORMATS[name].frame for name in self.formats))

    @property
    def frame_grid(self) -> Fraction:
        """The same in seconds: where segments may start."""
        return Fraction(self.frame_step, SAMPLE_RATE)


@dataclass(frozen=True)
class Tags:
    title: str
    show: str
    author: str | None = None
    date: str | None = None  #: ISO date
    lang: str | None = None
    description: str | None = None
    cover: bytes | None = None
    cover_mime: str = media_type(".png")


@dataclass(frozen=True)
class _Segment:
    start: int  #: in the track's samples
    end: int
    out_start: int  #: in samples at SAMPLE_RATE
    out_end: int
    content: str  #: a digest of its sound
    last: bool


def encode(track: Track, chapters: list[Chapter], tags: Tags, folder: Path,
           options: EncodeOptions = EncodeOptions(), store: SegmentStore | None = None,
           previous: Level | None = None) -> tuple[dict[str, Path], Level]:
    """Encode every format into hidden temporary files in `folder`, which the caller
    renames into place, and say their Level; on failure nothing is left behind.
    `store` keeps encoded segments between builds (default: for this call only);
    `previous` is the Level of the episode's last build."""
    folder.mkdir(parents=True, exist_ok=True)
    own = store is None
    store = store or SegmentStore()
    made: dict[str, Path] = {}
    try:
        mastering = _Mastering(track, options, store)
        gain = mastering.gain(previous)
        keys = mastering.encode(gain)
        for name in options.formats:
            made[name] = _file(mastering, keys, FORMATS[name], chapters, tags, folder)
        return made, Level(gain, round(mastering.loudness(gain), 2))
    except BaseException:
        for path in made.values():
            path.unlink(missing_ok=True)
        raise
    finally:
        if own:
            store.close()


class _Mastering:
    """One track's segments: their energies, their gain, their frames."""

    def __init__(self, track: Track, options: EncodeOptions, store: SegmentStore) -> None:
        self.track, self.options, self.store = track, options, store
        self.rate = track.timeline.sample_rate
        losses = [ENCODER_LOSS[FORMATS[name].codec] for name in options.formats]
        self.target = target_for(options.channels) + sum(losses) / len(losses)
        self.segments = []
        bounds = track.timeline.segments
        for index, (start, end) in enumerate(bounds):
            last = index == len(bounds) - 1
            self.segments.append(_Segment(
                start, end, output_position(start, self.rate, options.frame_step),
                output_position(end, self.rate, 0 if last else options.frame_step),
                track.content(start, end), last))
        self.settings = [options.formats, options.bits_per_second, options.channels,
                         codec_versions()]
        self._kept: dict[int, np.ndarray] = {}  #: samples by segment start, the first that fit
        self._kept_bytes = 0

    def _samples(self, segment: _Segment) -> np.ndarray:
        """A segment's samples as the voice made them: kept from an earlier pass, or
        read (and kept while `KEPT_SAMPLES_BYTES` allows: the first segments, never
        swapped for others, as every pass reads them all in order)."""
        found = self._kept.get(segment.start)
        if found is None:
            found = self.track.samples(segment.start, segment.end)
            if self._kept_bytes + found.nbytes <= KEPT_SAMPLES_BYTES:
                self._kept[segment.start] = found
                self._kept_bytes += found.nbytes
        return found

    def gain(self, previous: Level | None) -> float:
        """The episode's gain in dB (see the module's doc)."""
        if previous is not None and \
                abs(self.loudness(previous.gain_db) - previous.lufs) <= GAIN_TOLERANCE:
            return previous.gain_db
        level = self.loudness(None)
        if not math.isfinite(level):
            return 0.0  # silence: nothing to bring up
        first = round(self.target - level, 2)
        found = self.loudness(first)
        second = round(first + self.target - found, 2)
        if second == first:
            return first
        louder = self.loudness(second)
        # the limiter takes a share of every decibel (half of it, with speech peaks at
        # full scale): the last step is along the line through the two gains tried
        slope = min(1.0, max(0.1, (louder - found) / (second - first)))
        return round(second + (self.target - louder) / slope, 2)

    def loudness(self, gain: float | None) -> float:
        """The integrated loudness of the track as the voice made it (`gain` None) or
        mastered at `gain`."""
        return integrated((self._energy(s, gain) for s in self.segments), self.rate,
                          self.options.channels)

    def _energy(self, segment: _Segment, gain: float | None, mastered=None) -> Energy:
        """A segment's energy as it comes from the voice (`gain` None) or mastered
        at `gain` (its `mastered` samples, when at hand)."""
        key = digest("energy", segment.content, gain)
        found = self.store.energy(key)
        if found is None:
            if mastered is None:
                mastered = self._samples(segment)
                if gain is not None:
                    mastered = self._mastered(mastered, gain)
            found = energy(mastered, self.rate)
            self.store.put_energy(key, found)
        return found

    def _mastered(self, samples, gain: float):
        return limited(samples * 10 ** (gain / 20), self.rate)

    def encode(self, gain: float) -> list[str]:
        """Every segment's frames in the store at `gain` (encoding those not there
        yet); their keys, in order. This thread prepares a segment's samples while
        ffmpeg encodes the one before (`ENCODERS` at a time, in their processes)."""
        keys = [digest("frames", segment.content, gain, segment.out_end - segment.out_start,
                       segment.last, *self.settings) for segment in self.segments]
        missing = [(segment, key) for segment, key in zip(self.segments, keys)
                   if self.store.frames(key) is None]
        with ThreadPoolExecutor(ENCODERS) as pool:
            running: list[Future] = []
            for segment, key in missing:
                samples = self._prepared(segment, gain)
                if len(running) >= ENCODERS:
                    running.pop(0).result()
                running.append(pool.submit(self._encode_one, segment, key, samples))
            for future in running:
                future.result()
        return keys

    def _prepared(self, segment: _Segment, gain: float):
        """A segment's samples, mastered, as the encoders take them (they resample)."""
        mastered = self._mastered(self._samples(segment), gain)
        self._energy(segment, gain, mastered)
        return mastered

    def _encode_one(self, segment: _Segment, key: str, samples) -> None:
        length = segment.out_end - segment.out_start
        self.store.put_frames(key, {
            name: encode_frames(samples, self.rate, length, FORMATS[name],
                                self.options.bits_per_second, self.options.channels, segment.last)
            for name in self.options.formats})
        self.store.encoded += 1

    @property
    def total(self) -> int:
        return self.segments[-1].out_end


def _file(mastering: _Mastering, keys: list[str], fmt: AudioFormat, chapters: list[Chapter],
          tags: Tags, folder: Path) -> Path:
    """One format's file of the stored segments, with its tags."""
    out = temporary_beside(folder, ".encode.", fmt.suffix)
    try:
        parts = ((segment.out_start, mastering.store.frames(key)[fmt.name])
                 for segment, key in zip(mastering.segments, keys))
        join(parts, fmt, mastering.options.bits_per_second, mastering.options.channels,
             mastering.total, out, tags.title,
             [(chapter.start_ms, chapter.end_ms, chapter.title) for chapter in chapters])
        if fmt.name == "mp3":
            write_id3(out, chapters, tags)
        else:
            write_mp4_tags(out, tags, audiobook=fmt.name == "m4b")
        return out
    except BaseException:
        out.unlink(missing_ok=True)
        raise


def write_id3(path: Path, chapters: list[Chapter], tags: Tags) -> None:
    """Episode tags, cover and the chapter table, as ID3v2.3 (what every player reads)."""
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=[tags.title]))
    id3.add(TALB(encoding=3, text=[tags.show]))
    id3.add(TPE1(encoding=3, text=[tags.author or tags.show]))
    id3.add(TCON(encoding=3, text=["Podcast"]))
    if tags.date:
        id3.add(TDRC(encoding=3, text=[tags.date[:10]]))
    if tags.lang:
        id3.add(TLAN(encoding=3, text=[iso_639_2(tags.lang)]))
    if tags.description:
        id3.add(COMM(encoding=3, lang="eng", desc="", text=[tags.description]))
    if tags.cover:
        id3.add(APIC(encoding=3, mime=tags.cover_mime, type=3, desc="Cover", data=tags.cover))
    ids = [f"chp{index}" for index in range(len(chapters))]
    tree = children(chapters)
    top = [i for i in range(len(chapters)) if not any(i in kids for kids in tree.values())]
    id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                 child_element_ids=ids + [f"toc{i}" for i in top if i in tree],
                 sub_frames=[TIT2(encoding=3, text=["Chapters"])]))
    for parent, kids in tree.items():
        id3.add(CTOC(element_id=f"toc{parent}", flags=CTOCFlags.ORDERED,
                     child_element_ids=[ids[k] for k in kids] + [f"toc{k}" for k in kids if k in tree],
                     sub_frames=[TIT2(encoding=3, text=[chapters[parent].title])]))
    for element_id, chapter in zip(ids, chapters):
        id3.add(CHAP(element_id=element_id, start_time=chapter.start_ms, end_time=chapter.end_ms,
                     start_offset=NO_OFFSET, end_offset=NO_OFFSET,
                     sub_frames=[TIT2(encoding=3, text=[chapter.title])]))
    id3.save(path, v2_version=3)


def write_mp4_tags(path: Path, tags: Tags, audiobook: bool = False) -> None:
    """MP4 tags and cover; ffmpeg has already written the chapters."""
    mp4 = MP4(path)
    mp4["\xa9nam"] = [tags.title]
    mp4["\xa9alb"] = [tags.show]
    mp4["\xa9ART"] = [tags.author or tags.show]
    mp4["\xa9gen"] = ["Audiobook" if audiobook else "Podcast"]
    if tags.date:
        mp4["\xa9day"] = [tags.date[:10]]
    if tags.description:
        mp4["desc"] = [tags.description]
    if tags.cover:
        kind = MP4Cover.FORMAT_JPEG if tags.cover_mime == media_type(".jpg") else MP4Cover.FORMAT_PNG
        mp4["covr"] = [MP4Cover(tags.cover, imageformat=kind)]
    mp4.save()
