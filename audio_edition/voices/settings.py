"""Which voices a build may use and where they come from: the `[voices]` table of
`audio-edition.toml` and the command line's `--voice`, `--voice-dir` and
`--fetch-voices`.

    [voices]
    dir = "/srv/voices"          # the voice store (default: $XDG_DATA_HOME/audio-edition/voices)
    source = "https://mirror.example/piper-voices/"   # laid out as the piper-voices repository
    fetch = true                 # fetch a missing voice before it is needed
    de = "de_DE-thorsten-medium" # a language, or language-region, and its voice:
    pt-BR = "pt_BR-faber-medium" #   a catalogue key, or an .onnx beside its .onnx.json
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .. import language
from ..errors import SettingsError
from .store import VoiceStore, default_voice_dir

#: The piper-voices repository: voices.json at its root, each file at its catalogue path.
DEFAULT_SOURCE = "https://huggingface.co/rhasspy/piper-voices/resolve/main/"
_FIELDS = ("dir", "source", "fetch")


@dataclass(frozen=True)
class VoiceSettings:
    dir: Path | None = None  #: the voice store; None: the default (`default_voice_dir`)
    source: str = DEFAULT_SOURCE
    fetch: bool = False  #: fetch a missing voice rather than read its passages with eSpeak NG
    #: (language tag in lower case, catalogue key or path of an .onnx), most specific first
    mapping: tuple[tuple[str, str], ...] = ()
    #: (language tag, where its voice was named: "--voice de=KEY", "FILE: [voices] de = KEY")
    named_in: tuple[tuple[str, str], ...] = ()

    @property
    def store(self) -> VoiceStore:
        return VoiceStore(self.dir or default_voice_dir())

    def mapped(self, tag: str) -> str | None:
        return dict(self.mapping).get(tag.lower())

    def where(self, tag: str) -> str:
        """Where a language's voice was named, for a message about it."""
        return dict(self.named_in).get(tag) or f"[voices] {tag} = {self.mapped(tag)}"


def load_voice_settings(config: Path | None, voice_dir: Path | None = None,
                        source: str | None = None, fetch: bool = False,
                        voices: tuple[str, ...] = ()) -> VoiceSettings:
    """The `[voices]` table of `config` (if any), then the command line's options:
    `voices` are its `LANG=VOICE` values (a bare voice is not a mapping: see `bare_voice`)."""
    settings = VoiceSettings()
    if config is not None:
        settings = _from_table(_table(config), config)
    mapping, named_in = dict(settings.mapping), dict(settings.named_in)
    for value in voices:
        tag, voice = split_voice_option(value)
        if tag:
            mapping[tag], named_in[tag] = voice, f"--voice {value}"
    settings = replace(settings, mapping=tuple(mapping.items()), named_in=tuple(named_in.items()),
                       fetch=settings.fetch or fetch,
                       **({"dir": voice_dir} if voice_dir else {}),
                       **({"source": _checked_source(source, "--source")} if source else {}))
    return settings


def split_voice_option(value: str) -> tuple[str | None, str]:
    """`--voice LANG=VOICE` -> ("lang", "VOICE"); a bare `--voice VOICE` -> (None, "VOICE")."""
    head, sep, tail = value.partition("=")
    tag = language.language_tag(head.strip()) if sep else None
    if tag and tail.strip():
        return tag.lower(), tail.strip()
    return None, value


def bare_voice(voices: tuple[str, ...]) -> str | None:
    """The one `--voice` without a language (the engine's own voice), or None."""
    bare = [value for value in voices if split_voice_option(value)[0] is None]
    if len(bare) > 1:
        raise SettingsError(f"--voice: {bare[0]!r} and {bare[1]!r}: give one voice without a "
                            f"language, and LANG=VOICE for the others")
    return bare[0] if bare else None


def _table(config: Path) -> dict:
    try:
        table = tomllib.loads(Path(config).read_text(encoding="utf-8")).get("voices", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise SettingsError(f"{config}: cannot read the config ({err})") from None
    if not isinstance(table, dict):
        raise SettingsError(f"{config}: [voices] must be a table")
    return table


def _from_table(table: dict, config: Path) -> VoiceSettings:
    settings, mapping, named_in = VoiceSettings(), {}, {}
    for name, value in table.items():
        where = f"{config}: [voices] {name}"
        if name == "fetch":
            if not isinstance(value, bool):
                raise SettingsError(f"{where} must be true or false")
            settings = replace(settings, fetch=value)
        elif not isinstance(value, str) or not value.strip():
            raise SettingsError(f"{where} must be text, and not empty")
        elif name == "dir":
            settings = replace(settings, dir=Path(config).parent / Path(value).expanduser())
        elif name == "source":
            settings = replace(settings, source=_checked_source(value, where))
        elif language.language_tag(name):
            voice = value.strip()
            if voice.endswith(".onnx"):  # a path, relative to the config file
                voice = str(Path(config).parent / Path(voice).expanduser())
            tag = language.language_tag(name).lower()
            mapping[tag], named_in[tag] = voice, f"{where} = {value.strip()}"
        else:
            raise SettingsError(f"{where}: neither {', '.join(_FIELDS)} nor a language tag "
                                f"(such as de or pt-BR)")
    return replace(settings, mapping=tuple(mapping.items()), named_in=tuple(named_in.items()))


def _checked_source(value: str, where: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingsError(f"{where}: {value!r} is not an http(s) address")
    return value if value.endswith("/") else value + "/"
