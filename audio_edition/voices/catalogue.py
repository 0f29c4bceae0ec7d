"""The catalogue: every Piper voice the piper-voices repository offers, as data.

A snapshot of the repository's `voices.json` ships in this package; `audio-edition
voices update` keeps a newer copy in the voice store, which is read instead when
it is there. Each entry names its files with their size and md5 (a fetch checks
both) under the repository's own layout (`de/de_DE/thorsten/medium/...`).
`licences.json` beside it holds each voice's dataset licence as its model card
states it: the catalogue itself names none.

A catalogue may come from the network, so it is checked like page content: a
key or file name that could step out of the voice store is refused.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from .. import language
from ..errors import SettingsError
from .defaults import DEFAULT_VOICES

#: Where the shipped snapshot comes from and when it was taken: the copy of the
#: repository's voices.json in the wyoming-piper 2.5.2 wheel on PyPI, unchanged.
SNAPSHOT_SOURCE = "voices.json of the wyoming-piper 2.5.2 wheel (PyPI)"
SNAPSHOT_DATE = "2026-09-11"
CATALOGUE_NAME = "voices.json"
#: The qualities a default voice may have: the lower ones are fast but sound poor.
GOOD_QUALITIES = ("medium", "high")
_KEY = re.compile(r"[^\W_][\w.-]{0,99}")
_MD5 = re.compile(r"[0-9a-f]{32}")


class CatalogueError(SettingsError):
    """A catalogue that cannot be read; the message names it."""


@dataclass(frozen=True)
class VoiceFile:
    """One file of a voice: its path under the catalogue's base, size and md5."""

    path: str
    size: int
    md5: str

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class CatalogueVoice:
    """A voice as the catalogue describes it."""

    key: str  #: "de_DE-thorsten-medium"
    language: str  #: a BCP 47 tag: "de-DE"
    quality: str  #: x_low, low, medium or high
    speakers: int
    files: tuple[VoiceFile, ...]
    licence: str | None = None  #: the dataset's, as its model card says; None: not read

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)

    @property
    def family(self) -> str:
        return language.primary(self.language)


class Catalogue:
    """The voices of one catalogue, by key."""

    def __init__(self, voices: dict[str, CatalogueVoice], origin: str) -> None:
        self.voices = voices
        self.origin = origin  #: where it was read from, for messages and listings

    @classmethod
    def parse(cls, data: bytes, origin: str) -> Catalogue:
        """A catalogue from the bytes of a voices.json; CatalogueError names `origin`."""
        try:
            entries = json.loads(data)
            if not isinstance(entries, dict):
                raise ValueError("not an object of voices")
            voices = {key: _voice(key, entry) for key, entry in entries.items()}
        except (ValueError, TypeError, KeyError, AttributeError) as err:
            raise CatalogueError(f"{origin}: not a Piper voice catalogue ({err})") from None
        if not voices:
            raise CatalogueError(f"{origin}: the catalogue lists no voices")
        return cls(voices, origin)

    @classmethod
    def load(cls, store_root: Path | None = None) -> Catalogue:
        """The store's catalogue (from `voices update`) when there is one, else the snapshot."""
        if store_root is not None and (store_root / CATALOGUE_NAME).is_file():
            path = store_root / CATALOGUE_NAME
            return _read(str(path), path.stat().st_mtime_ns)
        return _snapshot()

    def get(self, key: str) -> CatalogueVoice | None:
        return self.voices.get(key)

    def available(self, lang: str | None = None) -> list[CatalogueVoice]:
        """The voices of a language (all regions) or of one region, or all, by key."""
        found = sorted(self.voices.values(), key=lambda v: v.key)
        if not lang:
            return found
        wanted = lang.lower()
        return [v for v in found if wanted in (v.family, v.language.lower())]

    def default(self, lang: str) -> CatalogueVoice | None:
        """The built-in default voice of a language: of its region first, then of the
        language; None when the table names none or the catalogue lacks it."""
        for tag in region_first(lang):
            if tag in DEFAULT_VOICES:
                return self.voices.get(DEFAULT_VOICES[tag])
        return None

    def named(self, name: str) -> CatalogueVoice | None:
        """A voice by its key, or a language's default voice by the language's tag."""
        if name in self.voices:
            return self.voices[name]
        tag = language.language_tag(name)
        return self.default(tag) if tag else None


def region_first(lang: str) -> list[str]:
    """What a language tag is looked up under in a table of voices: its language
    and region first, then its language ("pt-BR" -> "pt-br", "pt"; "sr-Latn-RS"
    -> "sr-rs", "sr")."""
    parts = lang.lower().replace("_", "-").split("-")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    return [f"{parts[0]}-{region}", parts[0]] if region else [parts[0]]


def _voice(key: str, entry: dict) -> CatalogueVoice:
    if not _KEY.fullmatch(key) or entry.get("key", key) != key:
        raise ValueError(f"{key!r} is not a voice key")
    code = entry["language"]["code"]
    family = entry["language"].get("family") or code.split("_")[0]
    tag = language.language_tag(code) or language.language_tag(family)
    if not tag:
        raise ValueError(f"{key}: {code!r} is not a language")
    found = []
    for path, about in entry["files"].items():
        name = path.rsplit("/", 1)[-1]
        if path.startswith("/") or ".." in path.split("/") or not _KEY.fullmatch(name):
            raise ValueError(f"{key}: file {path!r} is not a plain relative path")
        size, md5 = about["size_bytes"], str(about["md5_digest"]).lower()
        if not isinstance(size, int) or size < 0 or not _MD5.fullmatch(md5):
            raise ValueError(f"{key}: {path} has no valid size and md5")
        found.append(VoiceFile(path, size, md5))
    if not any(f.name == f"{key}.onnx" for f in found) or \
            not any(f.name == f"{key}.onnx.json" for f in found):
        raise ValueError(f"{key}: no {key}.onnx and {key}.onnx.json among its files")
    return CatalogueVoice(key, tag, str(entry.get("quality", "")), int(entry.get("num_speakers", 1)),
                          tuple(found), known_licence(key))


def known_licence(key: str) -> str | None:
    """A voice's dataset licence from the shipped table (its model card's words)."""
    return _licences().get(key)


@lru_cache(maxsize=1)
def _licences() -> dict[str, str]:
    data = files(__package__).joinpath("licences.json").read_text(encoding="utf-8")
    return json.loads(data)["licences"]


@lru_cache(maxsize=1)
def _snapshot() -> Catalogue:
    data = files(__package__).joinpath(CATALOGUE_NAME).read_bytes()
    return Catalogue.parse(data, f"the shipped catalogue ({SNAPSHOT_DATE})")


@lru_cache(maxsize=4)
def _read(path: str, _mtime: int) -> Catalogue:
    """A store's catalogue, read once for each version of the file."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise CatalogueError(f"{path}: cannot read the voice catalogue ({err.strerror})") from None
    try:
        return Catalogue.parse(data, path)
    except CatalogueError as err:  # a copy cut short, or edited by hand
        raise CatalogueError(f"{err}; remove it to use the shipped catalogue, or fetch it "
                             f"again with: audio-edition voices update") from None
