"""Episode: what the feed needs to know about one built article.

Each episode lives in a folder of its own, `<slug>/`, with its record
`<slug>/episode.json` beside its audio, chapters and transcripts. The feed
is rebuilt from the records whose files all exist, so an article that fails
this time never removes or half-writes another's entry.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path, PurePosixPath

from ..audio.chapters import Chapter
from ..audio.loudness import Level
from ..files import read_regular, write_atomic

RECORD_NAME = "episode.json"
_SLUG_MAX = 60
#: A record's own size limit: one with 255 chapters and long texts is under 1 MB.
RECORD_MAX_BYTES = 8 * 1024 * 1024
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: Namespace of the UUIDv5 guids made for articles without a canonical URL.
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://audio-edition.invalid/episode")


@dataclass
class FileRecord:
    """A published file, its path relative to the output folder, size and type."""

    path: str
    bytes: int
    mime: str


@dataclass
class Episode:
    slug: str
    guid: str
    title: str
    description: str
    source: str
    duration_seconds: float
    pub_date: str  #: ISO 8601 with a time zone
    lang: str
    media: dict[str, FileRecord]  #: by format: mp3, m4a, m4b; the first is the enclosure
    author: str | None = None
    link: str | None = None
    chapters: list[Chapter] = field(default_factory=list)
    chapters_json: FileRecord | None = None
    transcripts: dict[str, FileRecord] = field(default_factory=dict)  #: vtt, srt, html
    image: str | None = None  #: cover image path, relative to the output folder
    fingerprint: str = ""  #: hash of the page and settings it was built from
    #: hash of what is spoken and shown of it (its script) and the settings: a page
    #: edited only where nobody hears or reads (an ad slot, a token) keeps its episode
    spoken: str = ""
    extras: dict[str, FileRecord] = field(default_factory=dict)  #: e.g. the chapters track
    #: the source this episode belongs to for ever (see `Page.identity`); empty in
    #: records written before identities were recorded
    identity: str = ""
    #: files of the previous build that this record replaced, removed once the feed
    #: no longer names them (paths relative to the output folder)
    superseded: list[str] = field(default_factory=list)
    #: its article asks to be left out: the record keeps the folder and guid the
    #: article's, names no file, and is in no feed
    withdrawn: bool = False
    #: who read it: each voice's name, dataset licence, languages and version
    voices: list[dict] = field(default_factory=list)
    #: the gain (dB) that brought its audio to the loudness target, and the loudness
    #: (LUFS) it gave: an edit keeps the gain while the loudness stays, so that the
    #: untouched segments are not encoded again
    gain_db: float | None = None
    lufs: float | None = None

    @property
    def level(self) -> Level | None:
        return None if self.gain_db is None or self.lufs is None else Level(self.gain_db, self.lufs)

    @property
    def enclosure(self) -> FileRecord:
        return next(iter(self.media.values()))

    def complete(self, out: Path) -> bool:
        """Whether every file the record names is in `out` with its recorded size."""
        return bool(self.media) and all(_complete(out, f) for f in self.files())

    def files(self) -> list[FileRecord]:
        extra = [self.chapters_json] if self.chapters_json else []
        return [*self.media.values(), *extra, *self.transcripts.values(), *self.extras.values()]

    def save(self, out: Path) -> Path:
        """Write the record atomically, after every file it names is in place."""
        path = out / self.slug / RECORD_NAME
        write_atomic(path, json.dumps(asdict(self), ensure_ascii=False, indent=2).encode())
        return path

    @classmethod
    def load(cls, path: Path) -> Episode:
        """The record at `path` (`<out>/<slug>/episode.json`), checked as the input it
        is: an output folder may be shared or synced, so its names are never trusted
        paths. A RecordError (a ValueError) says what is wrong in one line."""
        raw = record_bytes(path, RECORD_MAX_BYTES)
        if len(raw) > RECORD_MAX_BYTES:
            raise RecordError(f"{path}: larger than {RECORD_MAX_BYTES} bytes")
        data = record_json(raw, str(path))
        try:
            return cls._checked(data, path.parent.name)
        except (TypeError, KeyError) as err:
            raise RecordError(f"{path}: not an episode record ({err!r})") from err
        except RecordError as err:
            raise RecordError(f"{path}: {err}") from err

    @classmethod
    def _checked(cls, data: object, folder: str) -> Episode:
        """The episode a record's JSON describes, once every name and type in it is one
        that audio-edition writes: the slug is the record's own folder, and every file
        it names lies inside that folder (the cover: in the output folder)."""
        _require(isinstance(data, dict), "not a JSON object")
        known = {f.name for f in fields(cls)}
        data = {key: value for key, value in data.items() if key in known}
        slug = data.get("slug")
        _require(isinstance(slug, str) and _SLUG.fullmatch(slug) is not None and slug == folder,
                 f"its slug {slug!r} is not the name of its folder {folder!r}")
        for name in ("guid", "title", "description", "source", "pub_date", "lang",
                     "fingerprint", "spoken", "identity"):
            _require(isinstance(data.get(name, ""), str), f"{name} is not text")
        for name in ("author", "link"):
            _require(isinstance(data.get(name), (str, type(None))), f"{name} is not text")
        duration = data.get("duration_seconds")
        _require(_number(duration) and duration >= 0, "duration_seconds is not a duration")
        for name in ("gain_db", "lufs"):
            _require(data.get(name) is None or _number(data[name]), f"{name} is not a number")
        image = data.get("image")
        _require(image is None or (isinstance(image, str) and _plain(PurePosixPath(image))
                                   and "/" not in image), "image is not a file of the output folder")
        data["media"] = _file_records(data["media"], slug)
        _require(isinstance(data.get("withdrawn", False), bool), "withdrawn is not true or false")
        _require(bool(data["media"]) or data.get("withdrawn", False), "it names no audio")
        data["transcripts"] = _file_records(data.get("transcripts", {}), slug)
        data["extras"] = _file_records(data.get("extras", {}), slug)
        if data.get("chapters_json") is not None:
            data["chapters_json"] = _file_record(data["chapters_json"], slug)
        superseded = data.get("superseded", [])
        _require(isinstance(superseded, list) and all(_own_path(p, slug) for p in superseded),
                 "superseded names a file outside its folder")
        chapters = data.get("chapters", [])
        _require(isinstance(chapters, list), "chapters is not a list")
        data["chapters"] = [_chapter(c) for c in chapters]
        _require(all(_voice(v) for v in _list(data.get("voices", []))), "voices is not a list "
                 "of voices (name, licence, languages, version)")
        return cls(**data)


def _list(value: object) -> list:
    _require(isinstance(value, list), "voices is not a list")
    return value


def _voice(voice: object) -> bool:
    """A voice of the record as audio-edition writes it (see `VoiceCredit`)."""
    return (isinstance(voice, dict) and isinstance(voice.get("name"), str)
            and isinstance(voice.get("licence"), (str, type(None)))
            and isinstance(voice.get("version"), str)
            and isinstance(voice.get("languages"), list)
            and all(isinstance(lang, str) for lang in voice["languages"]))


class RecordError(ValueError):
    """An episode record that audio-edition would not have written."""


def record_bytes(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a record in an output folder, read as the input
    it is: a regular file, never a link, a pipe or a device (`read_regular`)."""
    try:
        return read_regular(path, limit)
    except OSError as err:
        raise RecordError(str(err)) from None


def record_json(raw: bytes, label: str) -> object:
    """A record's JSON; RecordError, naming `label`, when it is none (or is nested
    deeper than Python's parser goes)."""
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise RecordError(f"{label}: not JSON ({err})") from err
    except RecursionError:
        raise RecordError(f"{label}: not JSON a record holds (nested too deep)") from None


def _require(condition: bool, problem: str) -> None:
    if not condition:
        raise RecordError(problem)


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _plain(path: PurePosixPath) -> bool:
    """A relative path of plain names: no root, no `..`, no `.`, no backslash or NUL."""
    return (bool(path.parts) and not path.is_absolute()
            and all(part not in (".", "..") and "\\" not in part and "\0" not in part
                    for part in path.parts))


def _own_path(path: object, slug: str) -> bool:
    """Whether `path` (relative to the output folder) is a file inside `slug`'s folder."""
    if not isinstance(path, str) or not path:
        return False
    parts = PurePosixPath(path)
    return _plain(parts) and len(parts.parts) >= 2 and parts.parts[0] == slug


def _file_record(value: object, slug: str) -> FileRecord:
    _require(isinstance(value, dict), "a file entry is not a JSON object")
    record = FileRecord(**value)
    _require(_own_path(record.path, slug), f"{str(record.path)[:80]!r} is not a file of its folder")
    _require(isinstance(record.bytes, int) and not isinstance(record.bytes, bool)
             and record.bytes >= 0, f"{record.path}: its size is not a number of bytes")
    _require(isinstance(record.mime, str), f"{record.path}: its media type is not text")
    return record


def _file_records(value: object, slug: str) -> dict[str, FileRecord]:
    _require(isinstance(value, dict), "a list of files is not a JSON object")
    return {str(key): _file_record(entry, slug) for key, entry in value.items()}


def _chapter(value: object) -> Chapter:
    _require(isinstance(value, dict), "a chapter is not a JSON object")
    chapter = Chapter(**value)
    _require(isinstance(chapter.title, str) and isinstance(chapter.level, int)
             and isinstance(chapter.start_ms, int) and isinstance(chapter.end_ms, int),
             "a chapter's title, level or times have the wrong type")
    return chapter


def existing_episodes(out: Path) -> list[Episode]:
    """Episodes whose record and every file it names are complete in `out`."""
    return [found for _, found in read_episodes(out)
            if isinstance(found, Episode) and found.complete(out)]


def read_episodes(out: Path) -> Iterator[tuple[Path, Episode | ValueError | OSError]]:
    """Every record in a real folder of `out` (a folder that leads out of the output
    is nobody's episode), and the episode it holds or why it cannot be read."""
    for record in sorted(out.glob(f"*/{RECORD_NAME}")):
        if record.parent.is_symlink():
            continue
        try:
            yield record, Episode.load(record)
        except (OSError, ValueError) as err:
            yield record, err


def _complete(out: Path, record: FileRecord) -> bool:
    path = out / record.path
    return path.is_file() and path.stat().st_size == record.bytes


def slugify(text: str) -> str:
    """A safe file name stem: ASCII letters, digits and dashes, bounded length."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_SLUG_MAX].rstrip("-") or "article"


def guid_for(identity: str) -> str:
    """A guid that stays the same across rebuilds of the same article."""
    return f"urn:uuid:{uuid.uuid5(GUID_NAMESPACE, identity)}"
