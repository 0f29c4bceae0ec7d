"""Episode: what the feed needs to know about one built article.

Each episode is recorded beside its audio as `<slug>.episode.json`, so the
feed can be rebuilt from what exists in the output folder: an article that
fails this time never removes or half-writes another's entry.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

RECORD_SUFFIX = ".episode.json"
_SLUG_MAX = 60
#: Namespace of the UUIDv5 guids made for articles without a canonical URL.
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://audio-edition.invalid/episode")


@dataclass
class ChapterRecord:
    title: str
    level: int
    start_ms: int
    end_ms: int


@dataclass
class Episode:
    slug: str
    guid: str
    title: str
    description: str
    source: str
    audio: str  #: file name of the MP3 inside the output folder
    audio_bytes: int
    duration_seconds: float
    pub_date: str  #: ISO 8601 with a time zone
    lang: str
    author: str | None = None
    link: str | None = None
    chapters: list[ChapterRecord] = field(default_factory=list)

    def save(self, folder: Path) -> Path:
        """Write the record atomically."""
        path = folder / f"{self.slug}{RECORD_SUFFIX}"
        write_atomic(path, json.dumps(asdict(self), ensure_ascii=False, indent=2).encode())
        return path

    @classmethod
    def load(cls, path: Path) -> Episode:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["chapters"] = [ChapterRecord(**c) for c in data.get("chapters", [])]
        return cls(**data)


def existing_episodes(folder: Path) -> list[Episode]:
    """Episodes whose record and complete audio file are both in `folder`."""
    found = []
    for record in sorted(folder.glob(f"*{RECORD_SUFFIX}")):
        try:
            episode = Episode.load(record)
        except (OSError, ValueError, TypeError, KeyError):
            continue  # an unreadable record lists nothing rather than something wrong
        audio = folder / episode.audio
        if audio.is_file() and audio.stat().st_size == episode.audio_bytes:
            found.append(episode)
    return found


def slugify(text: str) -> str:
    """A safe file name stem: ASCII letters, digits and dashes, bounded length."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_SLUG_MAX].rstrip("-") or "article"


def guid_for(identity: str) -> str:
    """A guid that stays the same across rebuilds of the same article."""
    return f"urn:uuid:{uuid.uuid5(GUID_NAMESPACE, identity)}"


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over `path`."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    make_readable(Path(temp))
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def make_readable(path: Path) -> None:
    """Give a temporary file the usual permissions (mkstemp makes it private),
    so the published edition can be served."""
    umask = os.umask(0)
    os.umask(umask)
    path.chmod(0o666 & ~umask)
