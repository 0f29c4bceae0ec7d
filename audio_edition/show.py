"""The show: what the feed says about the podcast as a whole, from `audio-edition.toml`.

Every field has a sensible default, so a build works without a config file;
command-line options override the file.
"""
from __future__ import annotations

import sys
import uuid
from dataclasses import dataclass, fields, replace
from pathlib import Path
from urllib.parse import quote, urljoin

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAME = "audio-edition.toml"
#: The Podcasting 2.0 namespace's UUIDv5 namespace for podcast:guid.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
FEED_NAME = "feed.xml"


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the file and field."""


@dataclass(frozen=True)
class Show:
    """The podcast as a whole: the feed's channel. Fields name what listeners see."""

    title: str = "Audio Edition"
    description: str = "Articles read aloud, with chapters for every heading."
    author: str = "audio-edition"
    owner_name: str = "audio-edition"
    owner_email: str = "podcast@example.org"
    language: str = "en"
    category: str = "News"
    subcategory: str | None = None
    explicit: bool = False
    image: str | None = None  #: path of the cover image; None draws one from the title
    base_url: str = "http://localhost:8000/"
    link: str | None = None  #: the show's web page; default: base_url
    locked: bool = True  #: podcast:locked: other hosts may not import the feed

    def url(self, name: str) -> str:
        """The absolute URL of a file in the output folder."""
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return urljoin(base, quote(name))

    @property
    def feed_url(self) -> str:
        return self.url(FEED_NAME)

    @property
    def podcast_guid(self) -> str:
        """UUIDv5 of the feed URL without scheme and trailing slashes (Podcasting 2.0)."""
        return podcast_guid(self.feed_url)


def podcast_guid(feed_url: str) -> str:
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def load_show(path: Path | None, **overrides) -> Show:
    """The show from `path` (or ./audio-edition.toml when present), then `overrides`."""
    show = Show()
    if path is None and Path(CONFIG_NAME).is_file():
        path = Path(CONFIG_NAME)
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise ConfigError(f"{path}: cannot read the show config ({err})") from err
        table = data.get("show", data)
        known = {f.name: f for f in fields(Show)}
        unknown = sorted(set(table) - set(known))
        if unknown:
            raise ConfigError(f"{path}: unknown field(s) {', '.join(unknown)}; "
                              f"known: {', '.join(known)}")
        for name, value in table.items():
            expected = bool if name in ("explicit", "locked") else str
            if not isinstance(value, expected):
                raise ConfigError(f"{path}: {name} must be {'true or false' if expected is bool else 'text'}")
        if table.get("image"):
            table = {**table, "image": str((Path(path).parent / table["image"]))}
        show = replace(show, **table)
    return replace(show, **{k: v for k, v in overrides.items() if v is not None})
