"""Assemble: clips, pauses and earcons become one audio track and its Timeline.

The Timeline is the single source of truth for time: chapter marks,
transcript cues and the feed's duration are all derived from it. Every
position is a sample count at the engine's rate; milliseconds are computed
from samples, never estimated.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..engines import Clip
from ..engines.base import SAMPLE_WIDTH
from ..script import Script
from ..ffmpeg import AudioSegment

LEAD_IN_MS = 300  #: silence before the first word: players and AAC encoders need a breath
EARCON_MS = 220  #: the tone before a chapter heading
EARCON_GAP_MS = 180  #: silence between the tone and the heading
EARCON_LEVEL = 0.12  #: peak amplitude of the tone (about -18 dBFS): soft


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

    def ms(self, samples: int) -> int:
        """A sample position in whole milliseconds (rounded to nearest)."""
        return (samples * 1000 + self.sample_rate // 2) // self.sample_rate

    def seconds(self, samples: int) -> float:
        """A sample position in seconds, to the millisecond."""
        return self.ms(samples) / 1000

    @property
    def duration_seconds(self) -> float:
        return self.total / self.sample_rate


def assemble(script: Script, clips: list[Clip], earcons: bool = False,
             sounds: Mapping[str, Clip] | None = None) -> tuple[Timeline, AudioSegment]:
    """Stitch clips with their pauses (pydub) and record where everything lands.

    With `earcons`, a short soft tone opens every chapter after the first; the
    chapter starts with its tone. An utterance that is a sound (the show's intro
    music) is heard from `sounds`, by its file, where its clip would be.
    """
    if not clips:
        raise ValueError("nothing to assemble")
    rate = clips[0].sample_rate
    if any(clip.sample_rate != rate for clip in clips):
        raise ValueError("clips of one episode must share a sample rate")
    tone = _earcon(rate) if earcons else None
    pieces: list[AudioSegment] = [_silence(round(LEAD_IN_MS * rate / 1000), rate)]
    spans: list[Span] = []
    marks: list[ChapterMark] = []
    cues: list[tuple[int, int]] = []
    position = _samples(pieces[0])
    clip_iter = iter(clips)
    for chapter_index, chapter in enumerate(script.chapters):
        chapter_start = 0 if chapter_index == 0 else position
        if tone is not None and chapter_index > 0:
            pieces.append(tone)
            cues.append((position, position + round(EARCON_MS * rate / 1000)))
            position += _samples(tone)
        for utterance_index, utterance in enumerate(chapter.utterances):
            clip = next(clip_iter)
            if utterance.sound:
                clip = (sounds or {})[utterance.sound]
            speech = _segment(clip.pcm, rate)
            pause = _silence(round(utterance.pause_after_ms * rate / 1000), rate)
            pieces += [speech, pause]
            start, speech_end = position, position + _samples(speech)
            position = speech_end + _samples(pause)
            words = () if utterance.sound else _sentence_spans(clip, start, utterance.text)
            spans.append(Span(chapter_index, utterance_index, start, speech_end, position, words,
                              clip.voice))
        marks.append(ChapterMark(chapter.title, chapter.level, chapter_start, position))
    audio = _segment(b"".join(piece.raw_data for piece in pieces), rate)
    timeline = Timeline(rate, tuple(spans), tuple(marks), position, tuple(cues))
    if _samples(audio) != timeline.total:
        raise RuntimeError("timeline and audio disagree")  # a bug, not user input
    return timeline, audio


def _sentence_spans(clip: Clip, start: int, text: str) -> tuple[SentenceSpan, ...]:
    if not clip.sentences:
        return (SentenceSpan(text, start, start + clip.samples),)
    spans, position = [], start
    for sentence in clip.sentences:
        spans.append(SentenceSpan(sentence.text, position, position + sentence.samples))
        position += sentence.samples
    return tuple(spans)


def _earcon(rate: int) -> AudioSegment:
    """A soft two-partial chime with a smooth rise and fall, then a short gap."""
    n = round(EARCON_MS * rate / 1000)
    t = np.arange(n) / rate
    envelope = np.sin(np.pi * np.arange(n) / n) ** 2
    wave = (0.7 * np.sin(2 * np.pi * 660 * t) + 0.3 * np.sin(2 * np.pi * 990 * t)) * envelope
    pcm = (wave * EARCON_LEVEL * 32767).astype("<i2").tobytes()
    return _segment(pcm + b"\x00" * (round(EARCON_GAP_MS * rate / 1000) * SAMPLE_WIDTH), rate)


def _segment(pcm: bytes, rate: int) -> AudioSegment:
    return AudioSegment(data=pcm, sample_width=SAMPLE_WIDTH, frame_rate=rate, channels=1)


def _silence(samples: int, rate: int) -> AudioSegment:
    return _segment(b"\x00" * (samples * SAMPLE_WIDTH), rate)


def _samples(segment: AudioSegment) -> int:
    return len(segment.raw_data) // SAMPLE_WIDTH
