"""The show: what the feed says about the podcast as a whole, from `audio-edition.toml`.

Every field has a sensible default, so a build works without a config file;
command-line options override the file.
"""
from __future__ import annotations

import hashlib
import re
import sys
import uuid
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ..errors import SettingsError
from ..printable import bidi_balanced, printable
from ..read.sites import ReadRules, checked_selector
from ..script.framing import Framing, PlaceholderError, checked_template
from ..script.lexicon import Lexicon

CONFIG_NAME = "audio-edition.toml"
#: The Podcasting 2.0 namespace's UUIDv5 namespace for podcast:guid.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
FEED_NAME = "feed.xml"


class ConfigError(SettingsError):
    """A config file that cannot be used; the message names the file and field."""


#: The show's fields that are true or false.
_FLAGS = ("explicit", "locked", "credit_voice", "intro_chapter")
#: The config's tables beside [show] (a file without [show] holds the show's fields alone).
_OTHER_TABLES = ("check", "sites", "voices")


#: Apple Podcasts' categories and their subcategories (the list of 2019)
APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": ("Careers", "Entrepreneurship", "Investing", "Management", "Marketing",
                 "Non-Profit"),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": ("Alternative Health", "Fitness", "Medicine", "Mental Health",
                         "Nutrition", "Sexuality"),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": ("Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
                "Home & Garden", "Video Games"),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": ("Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
             "Sports News", "Tech News"),
    "Religion & Spirituality": ("Buddhism", "Christianity", "Hinduism", "Islam", "Judaism",
                                "Religion", "Spirituality"),
    "Science": ("Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
                "Natural Sciences", "Nature", "Physics", "Social Sciences"),
    "Society & Culture": ("Documentary", "Personal Journals", "Philosophy", "Places & Travel",
                          "Relationships"),
    "Sports": ("Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf",
               "Hockey", "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball",
               "Wilderness", "Wrestling"),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}


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
    credit_voice: bool = False  #: each episode's description in the feed says who read it
    #: said before and after every episode in its voice ({title}, {show}, {author}, {date})
    intro: str = ""
    outro: str = ""
    intro_audio: str | None = None  #: an audio file (any format ffmpeg reads) heard first
    outro_audio: str | None = None  #: ... and last
    intro_chapter: bool = False  #: the intro and the outro are chapters of their own

    def url(self, name: str) -> str:
        """The absolute URL of a file in the output folder."""
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return urljoin(base, quote(name))

    @property
    def framing(self) -> Framing:
        """The intro and outro of every episode, the sounds known by their bytes."""
        sounds = [self.intro_audio, self.outro_audio]
        digests = tuple(hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in sounds if p)
        return Framing(self.title, self.intro, self.outro, self.intro_audio, self.outro_audio,
                       self.intro_chapter, digests)

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
        table = data.get("show", {k: v for k, v in data.items() if k not in _OTHER_TABLES})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [show] must be a table of fields, not "
                              f"{type(table).__name__} {table!r}")
        known = {f.name: f for f in fields(Show)}
        unknown = sorted(set(table) - set(known))
        if unknown:
            raise ConfigError(f"{path}: unknown field(s) {', '.join(unknown)}; "
                              f"known: {', '.join(known)}")
        for name, value in table.items():
            expected = bool if name in _FLAGS else str
            if not isinstance(value, expected):
                raise ConfigError(f"{path}: {name} must be {'true or false' if expected is bool else 'text'}")
        for name in ("image", "intro_audio", "outro_audio"):  # beside the config file
            if table.get(name):
                table = {**table, name: str(Path(path).parent / table[name])}
        show = replace(show, **table)
    given = {k: v for k, v in overrides.items() if v is not None}
    show = replace(show, **given)
    origin = lambda name: f"--{name.replace('_', '-')}" if name in given else str(path)  # noqa: E731
    show = tidied(show, origin)
    checked(show, origin)
    return show


#: The most characters each text of the show may have: Apple's 4,000 for a
#: description, 255 for the other values of its feed, what HTTP servers commonly
#: take for a URL, and what a file system takes for a path.
TEXT_LIMITS = {"description": 4000, "title": 255, "author": 255, "owner_name": 255,
               "owner_email": 255, "language": 255, "category": 255, "subcategory": 255,
               "base_url": 2000, "link": 2000, "image": 4096}
#: Control characters, which no feed or page can carry (line breaks and tabs aside).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def tidied(show: Show, origin=lambda name: "the show") -> Show:
    """The show's texts bounded and made fit for a feed line: each within its
    limit (`TEXT_LIMITS`), with no control character; in a one-line value a line
    break or tab is a space (a title wrapped in the config is one title), and
    every value closes the directional overrides it opens (`bidi_balanced`), so
    that none turns around the text a page or app writes after it."""
    changes = {}
    for name, limit in TEXT_LIMITS.items():
        value = getattr(show, name)
        if value is None:
            continue
        if len(value) > limit:
            raise ConfigError(f"{origin(name)}: {name} is {len(value):,} characters long; "
                              f"at most {limit:,} are taken")
        control = _CONTROL.search(value)
        if control:
            raise ConfigError(f"{origin(name)}: {name} holds a control character "
                              f"({printable(control.group())}), which a feed cannot carry")
        if name == "description":
            changes[name] = "\n".join(bidi_balanced(line) for line in value.split("\n"))
        elif name != "image":
            changes[name] = bidi_balanced(" ".join(value.split()))
    return replace(show, **changes)


def checked(show: Show, origin=lambda name: "the show") -> None:
    """Refuse what a feed must not carry; `origin(field)` names where a field came from."""
    def wrong(name: str, problem: str) -> ConfigError:
        return ConfigError(f"{origin(name)}: {name} {problem}")

    if not show.title.strip():
        raise wrong("title", "is empty: a show needs a title")
    for name in ("base_url", "link"):
        value = getattr(show, name)
        problem = _address_problem(value, folder=name == "base_url") if value else None
        if problem:
            raise wrong(name, problem)
    if show.category not in APPLE_CATEGORIES:
        raise wrong("category", f"{show.category!r} is not one of Apple's categories: "
                    f"{', '.join(APPLE_CATEGORIES)}")
    if show.subcategory and show.subcategory not in APPLE_CATEGORIES[show.category]:
        choices = ", ".join(APPLE_CATEGORIES[show.category]) or "none"
        raise wrong("subcategory", f"{show.subcategory!r} is not one of {show.category}'s: {choices}")
    from ..language import language_tag

    if not language_tag(show.language):
        raise wrong("language", f"{show.language!r} is not a language tag (such as en or en-GB)")
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", show.owner_email):
        raise wrong("owner_email", f"{show.owner_email!r} is not an e-mail address")
    for name in ("intro", "outro"):
        try:
            checked_template(getattr(show, name))
        except PlaceholderError as err:
            raise wrong(name, str(err)) from None
    for name in ("intro_audio", "outro_audio"):
        value = getattr(show, name)
        if value is not None and not Path(value).is_file():
            raise wrong(name, f"{value!r} is not a file")


def _address_problem(value: str, folder: bool) -> str | None:
    """What is wrong with a URL of the show, if anything.

    Credentials are refused: the URL is published (every enclosure of the feed
    starts with the base URL, and the feed's podcast:guid is derived from it), and
    a podcast app sends no password it is given that way. The base URL names the
    folder the files are served from, and each file's URL is made by adding its
    name to the path: a query or fragment there would be cut off (every URL
    wrong) or, kept, would have to be guessed into every file's URL, so it is
    refused. The show's web page (`link`) is published as it is given, query and
    fragment included."""
    try:
        parts = urlsplit(value)
        usable = parts.scheme in ("http", "https") and parts.hostname and (
            parts.port or True)  # a port that is not a number raises
    except ValueError:
        usable = False
    if not usable:
        return f"must be an absolute http(s) URL, not {value!r}"
    if parts.username is not None or parts.password is not None:
        return "must not hold a user name or password: it would be published in every URL"
    if folder and ("?" in value or "#" in value):
        return (f"must not have a query or fragment ({value!r}): each file's URL is "
                "its name added to the path")
    return None


def _config_table(path: Path | None, name: str) -> tuple[Path | None, object]:
    """The config file (given, or ./audio-edition.toml when present) and its table
    `name` (empty when there is none)."""
    if path is None and Path(CONFIG_NAME).is_file():
        path = Path(CONFIG_NAME)
    if path is None:
        return None, {}
    try:
        return path, tomllib.loads(Path(path).read_text(encoding="utf-8")).get(name, {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path}: cannot read the config ({err})") from err


def check_settings(path: Path | None) -> dict:
    """The `[check]` table of the config (model, max_wer), or nothing."""
    path, table = _config_table(path, "check")
    if path is None:
        return {}
    unknown = sorted(set(table) - {"model", "max_wer"}) if isinstance(table, dict) else ["check"]
    if unknown:
        raise ConfigError(f"{path}: [check] knows model and max_wer, not {', '.join(unknown)}")
    return table


#: A host as a page's URL has it: a name (IDN letters too) or an IP address, no port.
_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)*|[0-9A-Fa-f:]+:[0-9A-Fa-f:.]*")


@dataclass(frozen=True)
class Site:
    """What the publisher says of one site's pages (by host): where the article is,
    what is never read, and how words are said there (before the global lexicon)."""

    read: ReadRules = field(default_factory=ReadRules)
    lexicon: Lexicon = field(default_factory=Lexicon)


def load_sites(path: Path | None) -> dict[str, Site]:
    """The `[sites."host"]` tables of the config, every selector compiled: a bad one
    is a settings error before anything is built."""
    path, table = _config_table(path, "sites")
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [sites] must hold one table per host")
    sites = {}
    for host, rules in table.items():
        where = f'{path}: [sites."{host}"]'
        if not _HOST.fullmatch(host.strip().rstrip(".")):  # a URL would never match a page
            raise ConfigError(f"{where}: name a site by its host alone, such as news.example")
        if not isinstance(rules, dict) or set(rules) - {"read", "lexicon"}:
            raise ConfigError(f"{where} holds a read table and a lexicon table, "
                              f"not {rules if not isinstance(rules, dict) else ', '.join(rules)}")
        read = rules.get("read", {})
        if not isinstance(read, dict) or set(read) - {"article", "skip"}:
            raise ConfigError(f"{where}.read knows article and skip (CSS selectors)")
        skip = read.get("skip", [])
        if not isinstance(skip, list):
            raise ConfigError(f"{where}.read skip must be a list of CSS selectors")
        article = read.get("article")
        if article is not None:
            article = checked_selector(article, f"{where}.read article")
        sites[host.strip().lower().rstrip(".")] = Site(
            ReadRules(article,
                      tuple(checked_selector(s, f"{where}.read skip") for s in skip)),
            Lexicon.from_table(rules.get("lexicon", {}), f"{where}.lexicon"))
    return sites
