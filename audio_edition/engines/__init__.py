"""Engines behind one small protocol, found by name in a registry.

Third-party packages add engines through the `audio_edition.engines`
entry-point group; each entry point names a class or factory.
"""
from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

from .base import Clip, Engine

BUILTIN = {
    "piper": "audio_edition.engines.piper:PiperEngine",
}
DEFAULT_ENGINE = "piper"


def available() -> list[str]:
    """Names of every engine: built-in ones and those that packages register."""
    names = set(BUILTIN)
    names.update(ep.name for ep in entry_points(group="audio_edition.engines"))
    return sorted(names)


def get_engine(name: str = DEFAULT_ENGINE, **options: Any) -> Engine:
    """Create the engine called `name`; unknown names raise a ValueError listing the known ones."""
    if name in BUILTIN:
        module, _, attr = BUILTIN[name].partition(":")
        factory = getattr(import_module(module), attr)
    else:
        found = [ep for ep in entry_points(group="audio_edition.engines") if ep.name == name]
        if not found:
            raise ValueError(f"unknown engine {name!r}; choose from {', '.join(available())}")
        factory = found[0].load()
    return factory(**options)


__all__ = ["Clip", "Engine", "available", "get_engine", "DEFAULT_ENGINE"]
