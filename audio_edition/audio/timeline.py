"""Lay out: clips, pauses and earcons become one audio track and its Timeline.

The Timeline is the single source of truth for time: chapter marks,
transcript cues and the feed's duration are all derived from it. Every
position is a sample count at the engine's rate; milliseconds are computed
from samples, never estimated.

The track is never held whole: a `Track` knows where every clip sounds and
reads the samples of one segment at a time from the clip store. Segments are
what the encoder encodes and keeps (encode.py); they meet in a pause, at a
multiple of the encoders' frame grid, so that encoded segments join exactly.
Where a segment starts depends only on the speech around it: at a chapter
(once the segment holds `MIN_RUN_SECONDS`), after `SOFT_RUN_SECONDS` before an
utterance its text picks (a hash, so an edit moves no cut but its own), and at
the latest after `HARD_RUN_SECONDS`: short enough that one segment's samples,
being worked on, are a few megabytes. The pause at a cut is lengthened to reach
the grid (by less than one grid step) and to leave the codecs their margins of
silence, so its segment's sound always starts the same way from its start.
"""
from __future__ import annotations

import bisect
import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from fractions import Fraction
from typing import Protocol

import numpy as np

from ..engines.base import SAMPLE_WIDTH, Clip, Sentence
from ..script import Script

LEAD_IN_MS = 300  #: silence before the first word: players and AAC encoders need a breath
EARCON_MS = 220  #: the tone before a chapter heading
EARCON_GAP_MS = 180  #: silence between the tone and the heading
EARCON_LEVEL = 0.12  #: peak amplitude of the tone (about -18 dBFS): soft
MIN_RUN_SECONDS = 10  #: a chapter starts a segment once the segment is this long
SOFT_RUN_SECONDS = 15  #: from this long, an utterance its text picks starts one
HARD_RUN_SECONDS = 30  #: a segment is never longer than this and an utterance
PICKED_ONE_IN = 4  #: the share of utterances whose text picks them
#: silence at a cut: the codecs' delay and overlapping windows before it, a window after
SILENCE_BEFORE_CUT_MS = 80
SILENCE_AFTER_CUT_MS = 50


@dataclass(frozen=True)
class SentenceSpan:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Span:
    """Where one utterance sits: speech from `start` to `speech_end`, then its pause to `end`."""

    chapter: int
    utterance: int
    start: int
    speech_end: int
    end: int
    sentences: tuple[SentenceSpan, ...] = ()
    voice: str = ""  #: who read it


@dataclass(frozen=True)
class ChapterMark:
    title: str
    level: int
    start: int
    end: int


@dataclass(frozen=True)
class Timeline:
    sample_rate: int
    spans: tuple[Span, ...]
    chapters: tuple[ChapterMark, ...]
    total: int  #: samples in the whole track
    earcons: tuple[tuple[int, int], ...] = ()  #: (start, end) of each earcon
    cuts: tuple[int, ...] = (0,)  #: where each segment starts

    def ms(self, samples: int) -> int:
        """A sample position in whole milliseconds (rounded to nearest)."""
        return (samples * 1000 + self.sample_rate // 2) // self.sample_rate

    def seconds(self, samples: int) -> float:
        """A sample position in seconds, to the millisecond."""
        return self.ms(samples) / 1000

    @property
    def duration_seconds(self) -> float:
        return self.total / self.sample_rate

    @property
    def segments(self) -> list[tuple[int, int]]:
        """(start, end) of each segment, in order, covering the track."""
        return list(zip(self.cuts, [*self.cuts[1:], self.total]))


class Speech(Protocol):
    """One utterance's speech in the clip store (speak.Speech)."""

    sample_rate: int
    sentences: tuple[Sentence, ...]
    samples: int
    pcm: bytes
    identity: str
    voice: str


@dataclass(frozen=True)
class _Music:
    """A sound of the show (sounds.py) where an utterance would speak."""

    pcm: bytes
    sample_rate: int
    identity: str
    voice: str = ""
    sentences: tuple[Sentence, ...] = ()

    @property
    def samples(self) -> int:
        return len(self.pcm) // SAMPLE_WIDTH

    @classmethod
    def of(cls, clip: Clip) -> _Music:
        return cls(clip.pcm, clip.sample_rate, "sound:" + hashlib.sha256(clip.pcm).hexdigest())


@dataclass(frozen=True)
class Sound:
    start: int
    speech: Speech | None  #: None: an earcon


@dataclass(frozen=True)
class Track:
    """The Timeline and what sounds where: the track, read a segment at a time."""

    timeline: Timeline
    sounds: tuple[Sound, ...]

    def samples(self, start: int, end: int) -> np.ndarray:
        """The track from `start` to `end` as floats (full scale 1), read from the clips."""
        out = np.zeros(end - start)
        for sound in self._within(start, end):
            pcm = _earcon(self.timeline.sample_rate) if sound.speech is None else \
                np.frombuffer(sound.speech.pcm, "<i2") / 32768
            out[sound.start - start:sound.start - start + len(pcm)] = pcm
        return out

    def content(self, start: int, end: int) -> str:
        """A digest of what sounds in a segment and where: equal digests, equal samples."""
        rate = self.timeline.sample_rate
        held = [[s.start - start, s.speech.identity if s.speech else _earcon_identity(rate)]
                for s in self._within(start, end)]
        return hashlib.sha256(json.dumps([rate, end - start, held]).encode()).hexdigest()

    def _within(self, start: int, end: int) -> list[Sound]:
        starts = [sound.start for sound in self.sounds]
        return list(self.sounds[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)])


def lay_out(script: Script, clips: list[Speech], earcons: bool = False,
            grid: Fraction = Fraction(0), sounds: Mapping[str, Clip] | None = None) -> Track:
    """Place clips with their pauses and record where everything lands, cutting the
    track into segments that start at multiples of `grid` seconds (0: one segment).

    With `earcons`, a short soft tone opens every chapter after the first; the
    chapter starts with its tone. An utterance that is a sound (the show's intro
    music) is heard from `sounds`, by its file, where its clip would be.
    """
    if not clips:
        raise ValueError("nothing to lay out")
    rate = clips[0].sample_rate
    if any(clip.sample_rate != rate for clip in clips):
        raise ValueError("clips of one episode must share a sample rate")
    step = round(grid * rate)
    tone = len(_earcon(rate)) if earcons else 0
    items = [(c, u, utterance) for c, chapter in enumerate(script.chapters)
             for u, utterance in enumerate(chapter.utterances)]
    if len(items) != len(clips):
        raise ValueError("one clip an utterance")
    position = _samples(LEAD_IN_MS, rate)
    spans: list[Span] = []
    placed: list[Sound] = []
    cues: list[tuple[int, int]] = []
    starts: list[int] = []  #: where each chapter starts
    cuts = [0]
    music = {path: _Music.of(clip) for path, clip in (sounds or {}).items()}
    for index, ((chapter, _, utterance), clip) in enumerate(zip(items, clips)):
        if utterance.sound:
            clip = music[utterance.sound]
        if items[index][1] == 0:
            starts.append(0 if chapter == 0 else position)
            if tone and chapter > 0:
                placed.append(Sound(position, None))
                cues.append((position, position + _samples(EARCON_MS, rate)))
                position += tone
        start, speech_end = position, position + clip.samples
        placed.append(Sound(start, clip))
        position = speech_end + _samples(utterance.pause_after_ms, rate)
        following = items[index + 1] if index + 1 < len(items) else None
        if step and following and _cut_before(following, position - cuts[-1], rate):
            cut = _up_to(max(speech_end + _samples(SILENCE_BEFORE_CUT_MS, rate),
                             position - _samples(SILENCE_AFTER_CUT_MS, rate)), step)
            cuts.append(cut)
            position = cut + _samples(SILENCE_AFTER_CUT_MS, rate)
        words = () if utterance.sound else _sentence_spans(clip, start, utterance.text)
        spans.append(Span(chapter, items[index][1], start, speech_end, position, words,
                          clip.voice))
    ends = [*starts[1:], position]
    marks = tuple(ChapterMark(chapter.title, chapter.level, start, end)
                  for chapter, start, end in zip(script.chapters, starts, ends))
    timeline = Timeline(rate, tuple(spans), marks, position, tuple(cues), tuple(cuts))
    return Track(timeline, tuple(placed))


def _cut_before(item, run: int, rate: int) -> bool:
    """Whether a segment that has run `run` samples ends before this utterance."""
    _, utterance_index, utterance = item
    seconds = run / rate
    if utterance_index == 0 and seconds >= MIN_RUN_SECONDS:
        return True
    if seconds >= HARD_RUN_SECONDS:
        return True
    digest = hashlib.sha256(utterance.text.encode("utf-8")).digest()
    return seconds >= SOFT_RUN_SECONDS and digest[0] % PICKED_ONE_IN == 0


def _up_to(position: int, step: int) -> int:
    return math.ceil(position / step) * step


def _samples(ms: int, rate: int) -> int:
    return round(ms * rate / 1000)


def _sentence_spans(clip: Speech, start: int, text: str) -> tuple[SentenceSpan, ...]:
    if not clip.sentences:
        return (SentenceSpan(text, start, start + clip.samples),)
    spans, position = [], start
    for sentence in clip.sentences:
        spans.append(SentenceSpan(sentence.text, position, position + sentence.samples))
        position += sentence.samples
    return tuple(spans)


@cache
def _earcon(rate: int) -> np.ndarray:
    """A soft two-partial chime with a smooth rise and fall, then a short gap."""
    n = _samples(EARCON_MS, rate)
    t = np.arange(n) / rate
    envelope = np.sin(np.pi * np.arange(n) / n) ** 2
    wave = (0.7 * np.sin(2 * np.pi * 660 * t) + 0.3 * np.sin(2 * np.pi * 990 * t)) * envelope
    pcm = np.round(wave * EARCON_LEVEL * 32767) / 32768
    return np.concatenate([pcm, np.zeros(_samples(EARCON_GAP_MS, rate))])


def _earcon_identity(rate: int) -> str:
    return f"earcon:{EARCON_MS}:{EARCON_GAP_MS}:{EARCON_LEVEL}:{len(_earcon(rate))}"
