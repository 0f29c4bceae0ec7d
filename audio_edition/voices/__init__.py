"""Voices: the catalogue of Piper voices (data), the voice store (files) and the
fetch that fills it, apart from the engine that speaks with them.

The fetch is the only network access a build may make, and only when asked.
"""
from __future__ import annotations

from .catalogue import Catalogue, CatalogueError, CatalogueVoice, region_first
from .settings import DEFAULT_SOURCE, VoiceSettings, load_voice_settings
from .store import InstalledVoice, VoiceStore, default_voice_dir

__all__ = ["Catalogue", "CatalogueError", "CatalogueVoice", "DEFAULT_SOURCE", "InstalledVoice",
           "VoiceSettings", "VoiceStore", "default_voice_dir", "load_voice_settings",
           "region_first"]
