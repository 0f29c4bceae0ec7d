"""The clip cache: synthesised sentences stored by a hash of everything that
decides their sound (engine, engine version, voice, rate, lexicon version,
language and the exact spoken text).

Entries are WAV files written atomically (temporary file, then rename), so a
cache folder can be shared between runs, processes and machines; a killed
run never leaves a half-written clip that a later run would trust.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import wave
from pathlib import Path

from .engines.base import SAMPLE_WIDTH, Clip


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "audio-edition" / "clips"


class ClipCache:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(engine: str, version: str, voice: str, lang: str, text: str,
            lexicon_version: str = "none") -> str:
        identity = json.dumps([engine, version, voice, lexicon_version, lang.lower(), text],
                              ensure_ascii=False)
        return hashlib.sha256(identity.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.wav"

    def get(self, key: str) -> Clip | None:
        path = self._path(key)
        try:
            with wave.open(str(path), "rb") as stored:
                clip = Clip(pcm=stored.readframes(stored.getnframes()),
                            sample_rate=stored.getframerate())
        except (FileNotFoundError, EOFError, wave.Error):
            self.misses += 1
            return None
        self.hits += 1
        return clip

    def put(self, key: str, clip: Clip) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".", suffix=".partial", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream, wave.open(stream, "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(SAMPLE_WIDTH)
                out.setframerate(clip.sample_rate)
                out.writeframes(clip.pcm)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
