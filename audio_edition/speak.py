"""Speak: every utterance of a Script becomes a Clip through an Engine."""
from __future__ import annotations

import logging

from .engines import Clip, Engine
from .errors import EngineError
from .script import Script

log = logging.getLogger(__name__)


def speak(script: Script, engine: Engine) -> list[Clip]:
    """Synthesize each utterance in order; an engine failure names the input."""
    clips: list[Clip] = []
    for utterance in script.utterances:
        try:
            clips.append(engine.synthesize(utterance.text, utterance.lang or script.lang))
        except Exception as err:  # any engine failure is this input's failure
            raise EngineError(script.source,
                              f"{engine.name} engine failed on {utterance.text[:40]!r}: {err}") from err
    return clips
