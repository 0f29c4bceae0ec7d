"""The clip cache: synthesised sentences stored by a hash of everything that
decides their sound (engine, engine version, voice, rate, language and the
exact spoken text, after the lexicon).

Entries are WAV files written atomically (temporary file, then rename), so a
cache folder can be shared between runs, processes and machines; a killed
run never leaves a half-written clip that a later run would trust. Nor is a
clip trusted when read: anything but the exact WAV this cache writes (16-bit
mono PCM at the engine's rate, with as many bytes as its header says) is a
miss, logged once with its path, and replaced by a fresh synthesis. So clips
are not flushed to disk one by one (a clip a power cut left empty is made again).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import struct
from pathlib import Path

from ..engines.base import SAMPLE_WIDTH, Clip
from ..files import data_home, write_atomic

log = logging.getLogger(__name__)

_HEADER = struct.Struct("<4sI4s4sIHHIIHH4sI")
_RATES = range(8000, 192001)


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/audio-edition/clips, else under ~/.cache (a SettingsError when
    no home folder is known)."""
    return data_home("XDG_CACHE_HOME", ".cache", "--cache-dir DIR (or --no-cache)") / \
        "audio-edition" / "clips"


def wav_header(sample_rate: int, samples: int) -> bytes:
    """The 44-byte header of a 16-bit mono PCM WAV file."""
    data = samples * SAMPLE_WIDTH
    return _HEADER.pack(b"RIFF", 36 + data, b"WAVE", b"fmt ", 16, 1, 1, sample_rate,
                        sample_rate * SAMPLE_WIDTH, SAMPLE_WIDTH, 8 * SAMPLE_WIDTH, b"data", data)


def read_clip(data: bytes, sample_rate: int | None = None) -> Clip:
    """The clip in a cache entry; ValueError saying what is wrong when it is not one."""
    if len(data) < _HEADER.size:
        raise ValueError(f"only {len(data)} bytes")
    rate = _HEADER.unpack_from(data)[7]
    if rate not in _RATES or (sample_rate is not None and rate != sample_rate):
        raise ValueError(f"sample rate {rate}, expected {sample_rate or 'a usual one'}")
    samples = (len(data) - _HEADER.size) // SAMPLE_WIDTH
    if data[:_HEADER.size] != wav_header(rate, samples):
        raise ValueError("not 16-bit mono PCM, or a header that does not match its length")
    if (len(data) - _HEADER.size) % SAMPLE_WIDTH:
        raise ValueError(f"{len(data) - _HEADER.size} bytes of samples")
    return Clip(pcm=data[_HEADER.size:], sample_rate=rate)

#: The key's fourth field held the lexicon's version, which the spoken text already
#: reflects; it stays "none", as it was without a lexicon, so those caches stay warm.
_RETIRED = "none"

class ClipCache:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.hits = 0
        self.misses = 0
        self._reported: set[Path] = set()

    @staticmethod
    def key(engine: str, version: str, voice: str, lang: str, text: str) -> str:
        """The key of a sentence: `text` is what the voice says, after the lexicon, so an
        edit of the lexicon misses only for the sentences whose words it changes."""
        identity = json.dumps([engine, version, voice, _RETIRED, lang.lower(), text],
                              ensure_ascii=False)
        return hashlib.sha256(identity.encode("utf-8")).hexdigest()

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.wav"

    def get(self, key: str, sample_rate: int | None = None) -> Clip | None:
        """The cached clip, or None: absent, or damaged (then logged once)."""
        return self._found(key, lambda path: read_clip(path.read_bytes(), sample_rate))

    def samples(self, key: str, sample_rate: int) -> int | None:
        """How many samples the cached clip holds, or None (absent or damaged, as
        `get`), read from its header and size alone: a build learns where every clip
        sits without holding their samples."""
        return self._found(key, lambda path: _samples_of(path, sample_rate))

    def _found(self, key: str, read):
        """What `read` makes of the entry of `key`, or None: absent, or damaged."""
        path = self.path(key)
        try:
            found = read(path)
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError) as err:
            self.misses += 1
            self._report(path, err)
            return None
        self.hits += 1
        return found

    def _report(self, path: Path, err: Exception) -> None:
        if path not in self._reported:
            self._reported.add(path)
            log.warning("clip cache: %s is damaged (%s); synthesising it again", path, err)

    def put(self, key: str, clip: Clip) -> Path:
        path = self.path(key)
        write_atomic(path, wav_header(clip.sample_rate, clip.samples),
                     clip.pcm[:clip.samples * SAMPLE_WIDTH], durable=False)
        return path


def _samples_of(path: Path, sample_rate: int) -> int:
    """The samples in a clip file, from its header and size; ValueError if it is not
    one this cache wrote at `sample_rate`."""
    with path.open("rb") as file:
        header, size = file.read(_HEADER.size), os.fstat(file.fileno()).st_size
    samples = (size - _HEADER.size) // SAMPLE_WIDTH
    if size < _HEADER.size or (size - _HEADER.size) % SAMPLE_WIDTH:
        raise ValueError(f"{size} bytes")
    if header != wav_header(sample_rate, samples):
        raise ValueError(f"not 16-bit mono PCM at {sample_rate} Hz of its length")
    return samples


def read_samples(path: Path) -> bytes:
    """The samples of a clip file this cache wrote (its 16-bit PCM, header left out)."""
    with path.open("rb") as file:
        file.seek(_HEADER.size)
        return file.read()
