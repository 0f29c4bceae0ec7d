"""Assemble: clips and pauses become one audio track and its Timeline.

The Timeline is the single source of truth for time: chapter marks,
transcript cues and the feed's duration are all derived from it. Every
position is a sample count at the engine's rate; milliseconds are computed
from samples, never estimated.
"""
from __future__ import annotations

from dataclasses import dataclass

from .engines import Clip
from .engines.base import SAMPLE_WIDTH
from .script import Script
from .tools import AudioSegment


@dataclass(frozen=True)
class Span:
    """Where one utterance sits: speech from `start` to `speech_end`, then its pause to `end`."""

    chapter: int
    utterance: int
    start: int
    speech_end: int
    end: int


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

    def ms(self, samples: int) -> int:
        """A sample position in whole milliseconds (rounded to nearest)."""
        return (samples * 1000 + self.sample_rate // 2) // self.sample_rate

    @property
    def duration_seconds(self) -> float:
        return self.total / self.sample_rate


def assemble(script: Script, clips: list[Clip]) -> tuple[Timeline, AudioSegment]:
    """Stitch clips with their pauses (pydub) and record where everything lands."""
    if not clips:
        raise ValueError("nothing to assemble")
    rate = clips[0].sample_rate
    if any(clip.sample_rate != rate for clip in clips):
        raise ValueError("clips of one episode must share a sample rate")
    pieces: list[AudioSegment] = []
    spans: list[Span] = []
    marks: list[ChapterMark] = []
    position = 0
    clip_iter = iter(clips)
    for chapter_index, chapter in enumerate(script.chapters):
        chapter_start = position
        for utterance_index, utterance in enumerate(chapter.utterances):
            speech = _segment(next(clip_iter).pcm, rate)
            pause = _silence(round(utterance.pause_after_ms * rate / 1000), rate)
            pieces += [speech, pause]
            start, speech_end = position, position + _samples(speech)
            position = speech_end + _samples(pause)
            spans.append(Span(chapter_index, utterance_index, start, speech_end, position))
        marks.append(ChapterMark(chapter.title, chapter.level, chapter_start, position))
    audio = _segment(b"".join(piece.raw_data for piece in pieces), rate)
    timeline = Timeline(rate, tuple(spans), tuple(marks), position)
    if _samples(audio) != timeline.total:
        raise RuntimeError("timeline and audio disagree")  # a bug, not user input
    return timeline, audio


def _segment(pcm: bytes, rate: int) -> AudioSegment:
    return AudioSegment(data=pcm, sample_width=SAMPLE_WIDTH, frame_rate=rate, channels=1)


def _silence(samples: int, rate: int) -> AudioSegment:
    return _segment(b"\x00" * (samples * SAMPLE_WIDTH), rate)


def _samples(segment: AudioSegment) -> int:
    return len(segment.raw_data) // SAMPLE_WIDTH
