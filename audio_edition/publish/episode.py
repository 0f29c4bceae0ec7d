"""Episode: what the feed needs to know about one built article.

Each episode lives in a folder of its own, `<slug>/`, with its record
`<slug>/episode.json` beside its audio, chapters and transcripts. The feed
is rebuilt from the records whose files all exist, so an article that fails
this time never removes or half-writes another's entry.
"""
from __future__ import annotations

import json
import re
import unicodedata
import uuid
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ..audio.chapters import Chapter
from ..files import write_atomic

RECORD_NAME = "episode.json"
_SLUG_MAX = 60
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
        data = json.loads(path.read_text(encoding="utf-8"))
        known = {f.name for f in fields(cls)}
        data = {key: value for key, value in data.items() if key in known}
        data["chapters"] = [Chapter(**c) for c in data.get("chapters", [])]
        data["media"] = {k: FileRecord(**v) for k, v in data["media"].items()}
        data["transcripts"] = {k: FileRecord(**v) for k, v in data.get("transcripts", {}).items()}
        data["extras"] = {k: FileRecord(**v) for k, v in data.get("extras", {}).items()}
        if data.get("chapters_json"):
            data["chapters_json"] = FileRecord(**data["chapters_json"])
        return cls(**data)


def existing_episodes(out: Path) -> list[Episode]:
    """Episodes whose record and every file it names are complete in `out`."""
    found = []
    for record in sorted(out.glob(f"*/{RECORD_NAME}")):
        if record.parent.is_symlink():
            continue  # a folder that leads out of the output is nobody's episode
        try:
            episode = Episode.load(record)
        except (OSError, ValueError, TypeError, KeyError, StopIteration):
            continue  # an unreadable record lists nothing rather than something wrong
        if episode.complete(out):
            found.append(episode)
    return found


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
