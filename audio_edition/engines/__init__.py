"""Engines behind one small protocol, found by name in a registry.

The built-in engines (piper, espeak, gtts) and any a third-party package adds
are entry points of the `audio_edition.engines` group, each naming a class
or factory that takes `voice=`, `rate=` and its own keyword options.
"""
from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

from .base import Clip, Engine

GROUP = "audio_edition.engines"
#: Used when the package runs without its metadata (e.g. from a source tree).
BUILTIN = {
    "piper": "audio_edition.engines.piper:PiperEngine",
    "espeak": "audio_edition.engines.espeak:EspeakEngine",
    "gtts": "audio_edition.engines.gtts:GttsEngine",
}
DEFAULT_ENGINE = "piper"
FALLBACK_ENGINE = "espeak"


def available() -> list[str]:
    """Names of every engine: built-in ones and those that packages register."""
    return sorted(set(BUILTIN) | {ep.name for ep in entry_points(group=GROUP)})


def get_engine(name: str = DEFAULT_ENGINE, **options: Any) -> Engine:
    """Create the engine called `name`; unknown names raise a ValueError listing the known ones."""
    found = [ep for ep in entry_points(group=GROUP) if ep.name == name]
    if found:
        factory = found[0].load()
    elif name in BUILTIN:
        module, _, attr = BUILTIN[name].partition(":")
        factory = getattr(import_module(module), attr)
    else:
        raise ValueError(f"unknown engine {name!r}; choose from {', '.join(available())}")
    return factory(**options)


__all__ = ["Clip", "Engine", "available", "get_engine", "DEFAULT_ENGINE", "FALLBACK_ENGINE"]
