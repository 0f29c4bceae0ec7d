"""The engine protocol: text in, 16-bit mono PCM out."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

SAMPLE_WIDTH = 2  #: bytes per sample: signed 16-bit little-endian


@dataclass(frozen=True)
class Sentence:
    """One sentence of a clip and how many samples it lasts."""

    text: str
    samples: int


@dataclass(frozen=True)
class Clip:
    """Speech for one utterance: mono 16-bit PCM at `sample_rate`.

    Engines return plain clips; the speak stage adds `sentences`, so transcript
    cues can start exactly where each sentence starts.
    """

    pcm: bytes
    sample_rate: int
    sentences: tuple[Sentence, ...] = ()
    voice: str = ""  #: who read it (set by the speak stage): a voice's key, or an engine's name

    @property
    def samples(self) -> int:
        return len(self.pcm) // SAMPLE_WIDTH


@runtime_checkable
class Engine(Protocol):
    """What every text-to-speech engine provides.

    An engine is made with a voice and a rate (`Engine(voice=..., rate=...)`,
    plus its own options) and then speaks text. `version` goes into clip cache
    keys, so it must change whenever the same text could come out differently
    (engine release, voice file, rate).
    """

    name: str
    version: str
    voice: str
    sample_rate: int

    def languages(self) -> set[str]:
        """Lower-case language tags (and primary subtags) the engine can speak."""
        ...

    def speaks(self, lang: str) -> bool:
        ...

    def synthesize(self, text: str, lang: str | None = None) -> Clip:
        """Speak `text` (already normalised) and return its audio."""
        ...
