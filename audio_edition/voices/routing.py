"""Which Piper voice reads a language: the rule, as data decisions.

For a passage in language L (the page's, or an element's own `lang`):
1. the voice `[voices]` or `--voice L=KEY` names for L's region, else for L;
2. else the engine's own voice, if it speaks L;
3. else the default voice of L's region, else of L (`defaults.py`), if installed;
4. else any installed voice of L's region, else of L;
5. else, with `fetch`, the default voice fetched now; else eSpeak NG reads the
   passage, and the build names the missing voice and the command that installs it.
Never a voice of another language: a mapping that names one is refused before
the build starts.
"""
from __future__ import annotations

import logging
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import langcodes

from .. import language
from ..errors import SettingsError, UserError
from .catalogue import Catalogue, region_first
from .fetch import fetch_voice
from .settings import DEFAULT_SOURCE, VoiceSettings
from .store import bundled_voice, installed_voice, voice_language

log = logging.getLogger(__name__)
PRIMARY, VOICE, FALLBACK = "primary", "voice", "fallback"


@dataclass(frozen=True)
class Route:
    """Who reads a language: a Piper voice (`model`), the engine's own voice, or the
    fallback engine; `missing` names the voice that should have read it."""

    reader: str  #: PRIMARY, VOICE or FALLBACK
    model: Path | None = None
    missing: str | None = None


@dataclass(frozen=True)
class MissingVoice:
    """A language read by another reader because its voice is not installed."""

    lang: str
    key: str
    reader: str  #: who reads it instead, in words
    store: str = ""  #: the options that name the build's store and source, if not the defaults

    @property
    def command(self) -> str:
        return f"audio-edition voices fetch {self.key}{self.store}"

    def line(self) -> str:
        return (f"no {self.key} voice installed for {self.lang}: {self.reader} reads it; "
                f"install it with: {self.command}")


@dataclass(frozen=True)
class VoiceCredit:
    """A voice that read an episode, for its record and credits."""

    name: str  #: a Piper voice's key, or an engine's name ("eSpeak NG")
    licence: str | None  #: the dataset's, as its model card says
    languages: tuple[str, ...]  #: the languages it read
    version: str  #: the engine's version with the voice's digest: another means another sound


@dataclass
class Router:
    """Chooses the Piper voice of each language (see the module's rule)."""

    settings: VoiceSettings = field(default_factory=VoiceSettings)
    _failed: set[str] = field(default_factory=set, repr=False)  #: fetches that failed

    def route(self, lang: str, primary_speaks: bool) -> Route:
        mapped = next((v for tag in region_first(lang) if (v := self.settings.mapped(tag))), None)
        if mapped:
            model = self._model(mapped)
            if model is not None:
                return Route(VOICE, model)
            return Route(PRIMARY if primary_speaks else FALLBACK, missing=mapped)
        if primary_speaks:
            return Route(PRIMARY)
        default = self.catalogue.default(lang)
        installed = self._installed(lang, default.key if default else None)
        if installed is not None:
            return Route(VOICE, installed)
        if default is None:
            return Route(FALLBACK)
        model = self._fetched(default.key) if self.settings.fetch else None
        return Route(VOICE, model) if model else Route(FALLBACK, missing=default.key)

    @property
    def catalogue(self) -> Catalogue:
        return self.settings.store.catalogue()

    @property
    def fetch_options(self) -> str:
        """What `voices fetch` needs to be told to install into this build's store from
        its source (nothing for the defaults): the hint a missing voice gives."""
        options = []
        if self.settings.dir is not None:
            options += ["--voice-dir", str(self.settings.dir)]
        if self.settings.source != DEFAULT_SOURCE:
            options += ["--source", self.settings.source]
        return "".join(f" {shlex.quote(option)}" for option in options)

    def check(self) -> None:
        """Refuse, in one line, a mapping to a voice that does not exist or speaks
        another language: never a voice of another language for a passage."""
        self.catalogue  # a voice store's own catalogue that cannot be read stops the build now
        for tag, voice in self.settings.mapping:
            known = self._language_of(voice)
            where = self.settings.where(tag)
            if known is None:
                raise SettingsError(f"{where}: neither an .onnx file beside its .onnx.json nor "
                                    f"a voice of {self.catalogue.origin}")
            if not _reads(known, tag):
                raise SettingsError(f"{where}: a voice of {known} cannot read {tag}")

    def resolve(self, voice: str) -> Path:
        """The model of a voice given by key or path (the engine's own `--voice`);
        SettingsError when it is neither installed nor a file."""
        model = self._model(voice)
        if model is not None:
            return model
        if self.catalogue.get(voice) is not None:
            raise SettingsError(f"--voice {voice}: not in the voice store {self.settings.store.root}; "
                                f"install it with: audio-edition voices fetch {voice}"
                                f"{self.fetch_options}")
        raise SettingsError(f"--voice {voice}: neither an .onnx file beside its .onnx.json nor "
                            f"a voice of {self.catalogue.origin}")

    def _language_of(self, voice: str) -> str | None:
        if _is_path(voice):
            return voice_language(Path(voice)) if Path(voice).is_file() else None
        model = self.settings.store.model(voice)
        listed = self.catalogue.get(voice)
        return (voice_language(model) if model else None) or (listed.language if listed else None)

    def _model(self, voice: str) -> Path | None:
        """A mapped voice's model: its file, or the store's (fetched with `fetch`)."""
        if _is_path(voice):
            path = Path(voice)
            return path if path.is_file() and Path(f"{path}.json").is_file() else None
        model = self.settings.store.model(voice)
        if model is None and self.settings.fetch:
            model = self._fetched(voice)
        return model

    def _installed(self, lang: str, default: str | None) -> Path | None:
        """The default voice if installed, else an installed voice of the region, else
        of the language."""
        if default and (model := self.settings.store.model(default)):
            return model
        voices = [*self.settings.store.installed(), installed_voice(bundled_voice())]
        for tag in region_first(lang):
            for voice in voices:
                if voice.language.lower() == tag or ("-" not in tag and _reads(voice.language, tag)):
                    return voice.model
        return None

    def _fetched(self, key: str) -> Path | None:
        """A voice fetched now; a failure is said once (one line) and the voice is missing."""
        voice = self.catalogue.get(key)
        if voice is None or key in self._failed:
            return None
        try:
            return fetch_voice(voice, self.settings.store, self.settings.source)
        except UserError as err:
            self._failed.add(key)
            log.error("%s", err)
            return None


def _reads(voice_language: str, tag: str) -> bool:
    """Whether a voice of one language reads another: the same language, or a language
    and its macrolanguage (Bokmål, nb, in the voices the catalogue files under no)."""
    return language.same_language(voice_language, tag) or langcodes.tag_distance(
        language.primary(voice_language), language.primary(tag)) <= 1


def _is_path(voice: str) -> bool:
    return voice.endswith(".onnx") or "/" in voice
