"""Speak: every utterance of a Script becomes a Clip through an Engine.

Each sentence is synthesised on its own and its length recorded, so the
Timeline knows where every sentence starts (transcript cues need that).
"""
from __future__ import annotations

import logging
import re

from .engines import Clip, Engine
from .engines.base import Sentence
from .errors import EngineError
from .script import Script

log = logging.getLogger(__name__)

#: A sentence ends at . ! or ? followed by a space and what can start a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9\u00c0-\u024f])")


def sentences(text: str) -> list[str]:
    """Split spoken text into sentences (a short text is one sentence). A one-word
    "sentence" such as a list item's number ("two.") stays with what follows."""
    result: list[str] = []
    for part in (p.strip() for p in _SENTENCE_END.split(text)):
        if not part:
            continue
        if result and len(result[-1].split()) == 1:
            result[-1] = f"{result[-1]} {part}"
        else:
            result.append(part)
    return result or [text]


def speak(script: Script, engine: Engine) -> list[Clip]:
    """Synthesize each utterance in order; an engine failure names the input."""
    clips: list[Clip] = []
    for utterance in script.utterances:
        try:
            clips.append(speak_text(engine, utterance.text, utterance.lang or script.lang))
        except Exception as err:  # any engine failure is this input's failure
            raise EngineError(script.source,
                              f"{engine.name} engine failed on {utterance.text[:40]!r}: {err}") from err
    return clips


def speak_text(engine: Engine, text: str, lang: str) -> Clip:
    """One utterance, sentence by sentence, as a single clip that knows its sentences."""
    pieces = [(sentence, engine.synthesize(sentence, lang)) for sentence in sentences(text)]
    rate = pieces[0][1].sample_rate
    return Clip(pcm=b"".join(clip.pcm for _, clip in pieces), sample_rate=rate,
                sentences=tuple(Sentence(text, clip.samples) for text, clip in pieces))
