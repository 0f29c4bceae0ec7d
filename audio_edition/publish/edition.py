"""The output folder's episodes: which folder belongs to which article, and
which files a build may write and delete there.

An episode's folder, slug and guid belong to one source for ever. The source
is known by its identity (`Page.identity`: canonical URL, else URL, else
resolved path), recorded in `episode.json`; a later build of the same source
finds its folder by that identity, whatever else it builds, and a build never
writes into a folder whose record belongs to another source, nor into a
symlink or a folder that holds an input. A new article takes the plain slug
of its name when nobody else has it or wants it in the same build, and
otherwise the slug with a digest of its identity.

Files: a build writes only through an `EpisodeFolder`, which remembers what
it wrote, so that a failed attempt removes exactly that and a finished one
lists the previous record's files that it no longer names (`superseded`),
deleted once the feed stops naming them. Nothing else in a folder is ever
deleted.

One episode's files: `publish_episode` writes, beside the encoded audio, the
chapters, transcripts, timing record, EPUB, DAISY book, the pages' script and
styles, each under a name that carries a hash of its content, then the player
page, the embed and its oEmbed response (names that embedding pages keep), and
the record last.
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..audio.encode import FORMATS, Recording
from ..errors import EditionError
from ..files import temporary_beside, write_atomic
from ..media import media_type
from ..read.load import Page, is_url
from ..script import Script
from . import book, controls, embed, player, transcript
from .chapters import json_chapters
from .cover import cover_size
from .daisy import write_daisy
from .episode import RECORD_NAME, Episode, FileRecord, guid_for, slugify
from .feed import TRANSCRIPTS
from .labels import labels
from .show import Show
from ..voices.routing import VoiceCredit

log = logging.getLogger(__name__)

#: File stems that name a folder's page rather than the article: the folder names it.
_INDEX_STEMS = {"index", "default", "home", "page"}


def base_slug(name: str) -> str:
    """The slug an input's name suggests: the file or URL path's last part (the
    folder's name for `index.html`), with a URL's query, which is what tells
    `article.php?id=1` from `?id=2`."""
    if is_url(name):
        parsed = urlparse(name)
        parts = [unquote(p) for p in parsed.path.split("/") if p]
        stem = Path(parts[-1]).stem if parts else (parsed.hostname or "")
        if stem.lower() in _INDEX_STEMS and len(parts) > 1:
            stem = parts[-2]
        return slugify(f"{stem} {parsed.query}" if parsed.query else stem)
    path = Path(name)
    stem = path.stem
    if stem.lower() in _INDEX_STEMS:
        stem = path.resolve().parent.name or stem
    return slugify(stem)


def read_records(out: Path) -> dict[str, Episode | None]:
    """Every episode folder's record by slug (None: a record that cannot be read,
    whose folder is nobody's to take). Symlinked folders are not looked into."""
    found: dict[str, Episode | None] = {}
    if not out.is_dir():
        return found
    for folder in sorted(out.iterdir()):
        record = folder / RECORD_NAME
        if folder.is_symlink() or not folder.is_dir() or not record.exists():
            continue
        try:
            found[folder.name] = Episode.load(record)
        except (OSError, ValueError, TypeError, KeyError, StopIteration):
            found[folder.name] = None
    return found


class Catalogue:
    """Which folder of one output belongs to which source, for one build."""

    def __init__(self, out: Path, names: Iterable[str]) -> None:
        self.out = out
        self.records = read_records(out)
        self.by_identity = {e.identity: slug for slug, e in self.records.items() if e and e.identity}
        names = list(names)
        wanted = Counter(base_slug(name) for name in names)
        self.contested = {slug for slug, count in wanted.items() if count > 1}
        self.inputs = [Path(n).resolve() for n in names if not is_url(n)]
        self.claims: dict[str, str] = {}  #: identity -> the input that claimed it in this build
        self.taken: set[str] = set()  #: slugs claimed in this build

    def claim(self, page: Page) -> tuple[str, Episode | None]:
        """The slug of `page`'s episode and the record it had, if any; an EditionError
        when another input of this build is the same article or the folder is unsafe."""
        identity = page.identity
        if identity in self.claims:
            raise EditionError(page.source, f"the same article as {self.claims[identity]} "
                                            f"(both are {identity}); built once")
        slug = self.by_identity.get(identity) or self._legacy(page) or self._new_slug(page)
        previous = self.records.get(slug)
        self._check_folder(page, self.out / slug)
        self.claims[identity] = page.source
        self.taken.add(slug)
        return slug, previous

    def _legacy(self, page: Page) -> str | None:
        """A record written before identities were recorded, made from this source."""
        resolved = None if is_url(page.source) else Path(page.source).resolve()
        for slug, episode in self.records.items():
            if episode is None or episode.identity or slug in self.taken:
                continue
            same = (episode.source == page.source
                    or (resolved is not None and not is_url(episode.source)
                        and Path(episode.source).resolve() == resolved)
                    or (page.canonical_url is not None and episode.link == page.canonical_url))
            if same:
                return slug
        return None

    def _new_slug(self, page: Page) -> str:
        base = base_slug(page.source)
        if base not in self.contested and self._free(base):
            return base
        for length in (8, 16, 32):
            slug = f"{base}-{hashlib.sha256(page.identity.encode()).hexdigest()[:length]}"
            if self._free(slug):
                return slug
        raise EditionError(page.source, f"no free folder for this article in {self.out}")

    def _free(self, slug: str) -> bool:
        """Nobody's folder: absent, or an empty real folder (temporary leftovers aside)."""
        if slug in self.taken or slug in self.records:
            return False
        folder = self.out / slug
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            return False
        return not folder.exists() or all(p.name.startswith(".") and ".partial" in p.name
                                          for p in folder.iterdir())

    def _check_folder(self, page: Page, folder: Path) -> None:
        if folder.is_symlink():
            raise EditionError(page.source, f"the episode folder {folder} is a symbolic link; "
                                            "nothing is written through it")
        if folder.exists() and folder.resolve().parent != self.out.resolve():
            raise EditionError(page.source, f"the episode folder {folder} lies outside {self.out}")
        if folder.exists():
            inside = folder.resolve()
            held = [p for p in self.inputs if p.is_relative_to(inside)]
            if held:
                raise EditionError(page.source, f"the episode folder {folder} holds an input "
                                                f"({held[0].name}); build into another --out")


class EpisodeFolder:
    """One episode's folder during one build: every file written is remembered."""

    def __init__(self, out: Path, slug: str, previous: Episode | None = None) -> None:
        self.out = out
        self.path = out / slug
        self.previous = previous
        self.created = not self.path.exists()
        self.path.mkdir(parents=True, exist_ok=True)
        self.written: list[Path] = []
        self.replaced: dict[Path, bytes] = {}  #: fixed-name files overwritten, their old bytes

    def record(self, path: Path) -> FileRecord:
        return FileRecord(path.relative_to(self.out).as_posix(), path.stat().st_size,
                          media_type(path))

    def write(self, name: str, data: bytes) -> Path:
        """Write a file of this episode atomically; an older file of that name is
        kept in memory until the build of the episode has succeeded."""
        path = self.path / name
        if path.is_file() and not path.is_symlink() and path not in self.written:
            self.replaced[path] = path.read_bytes()
        write_atomic(path, data)
        self.written.append(path)
        return path

    def place_hashed(self, temp: Path, suffix: str, stem: str | None = None) -> FileRecord:
        """Rename a finished file (made in this folder) to a name that carries its
        content hash, so podcast apps download it again whenever the audio changes."""
        digest = hashlib.sha256()
        with temp.open("rb") as file:
            for block in iter(lambda: file.read(1 << 20), b""):
                digest.update(block)
        name = f"{stem or self.path.name}-{digest.hexdigest()[:10]}{suffix}"
        return self.record(self.place(temp, name))

    def temporary(self, suffix: str) -> Path:
        """A hidden file in this folder to write into, then `place` or `place_hashed`."""
        path = temporary_beside(self.path, ".build.", suffix)
        self.written.append(path)
        return path

    def write_hashed(self, stem: str, suffix: str, data: bytes) -> FileRecord:
        """Chapters and transcripts also carry a content hash: the previous build's
        record keeps naming complete files until the new record replaces it."""
        name = f"{stem}-{hashlib.sha256(data).hexdigest()[:10]}{suffix}"
        return self.record(self.write(name, data))

    def place(self, temp: Path, name: str) -> Path:
        """Move a finished temporary file (made in this folder) into place."""
        self.written.append(temp)
        path = self.path / name
        os.replace(temp, path)
        self.written.append(path)
        return path

    def track(self, path: Path) -> None:
        """A file made here by someone else on this episode's behalf (the encoder)."""
        self.written.append(path)

    def discard(self) -> None:
        """Undo a failed attempt: remove what it wrote that the previous record does not
        name, put back the fixed-name files it replaced, and the folder if it made it."""
        keep = {self.out / f.path for f in self.previous.files()} if self.previous else set()
        for path in self.written:
            if path not in keep and path not in self.replaced:
                _unlink_own(path, self.path)
        for path, data in self.replaced.items():
            write_atomic(path, data)
        if self.created:
            try:
                self.path.rmdir()
            except OSError:
                pass  # not empty: someone else's file is there, so the folder stays

    def superseded(self, episode: Episode) -> list[str]:
        """Files the previous record named (or still had to remove) that `episode` does not."""
        if not self.previous:
            return []
        now = {f.path for f in episode.files()}
        now |= {p.relative_to(self.out).as_posix() for p in self.written}  # its page, too
        before = [f.path for f in self.previous.files()] + list(self.previous.superseded)
        return sorted({p for p in before if p not in now})


def remove_superseded(out: Path, episode: Episode) -> None:
    """Delete the files of earlier builds that `episode`'s record lists as superseded."""
    folder = out / episode.slug
    for relative in episode.superseded:
        _unlink_own(out / relative, folder)


def withdraw(out: Path, previous: Episode, fingerprint: str) -> Episode:
    """Take an episode out of the edition, its article having asked to be left out.
    Its record stays, naming no file (so the folder and the guid stay the
    article's, should it come back), with the files of its last build as
    superseded: removed once the feed no longer names them. Its player page goes
    too, and its DAISY book; other files in the folder stay."""
    folder = out / previous.slug
    gone = {f.path for f in previous.files()} | set(previous.superseded)
    page = folder / player.PAGE_NAME
    if page.is_file() and not page.is_symlink() and player.GENERATOR.encode() in page.read_bytes()[:4096]:
        gone.add(page.relative_to(out).as_posix())
    _remove_daisy(folder)
    record = replace(previous, media={}, chapters=[], chapters_json=None, transcripts={},
                     extras={}, duration_seconds=0.0, fingerprint=fingerprint,
                     superseded=sorted(gone), withdrawn=True)
    record.save(out)
    return record


def _remove_daisy(folder: Path) -> None:
    """The DAISY fileset a build wrote into `folder` (never through a symlink)."""
    daisy = folder / "daisy"
    if folder.is_symlink() or daisy.is_symlink() or not (daisy / "ncc.html").is_file():
        return
    if b"audio-edition" in (daisy / "ncc.html").read_bytes()[:8192]:
        shutil.rmtree(daisy, ignore_errors=True)


def _unlink_own(path: Path, folder: Path) -> None:
    """Delete a file of an episode folder: never through a symlink, never elsewhere."""
    if folder.is_symlink() or path.is_symlink() or path.parent != folder:
        log.warning("%s: not removed (not a file of the episode folder %s)", path, folder)
        return
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        log.warning("%s: not removed (a folder)", path)


@dataclass(frozen=True)
class Publication:
    """What one episode's files say beyond its script and its audio."""

    show: Show
    cover: str  #: the cover's file name in the output folder
    cover_art: bytes  #: its bytes, read once for the tags and the book
    description: str
    identity: str  #: the article's `Page.identity`, which its guid is made from
    fingerprint: str  #: a hash of everything the episode is made from
    daisy: bool = False  #: a DAISY book is wanted
    voices: tuple[VoiceCredit, ...] = ()  #: who read it
    spoken: str = ""  #: a hash of its script and the settings (`Episode.spoken`)


def publish_episode(folder: EpisodeFolder, script: Script, recording: Recording,
                    publication: Publication) -> Episode:
    """Every file of one episode beside its audio, then its record (last, so the
    record only ever names complete files)."""
    timeline, chapters, article = recording.timeline, recording.chapters, script.about
    for temp in recording.files.values():
        folder.track(temp)
    media = {name: folder.place_hashed(temp, FORMATS[name].suffix)
             for name, temp in recording.files.items()}
    side = {
        ("chapters", ".json"): json_chapters(chapters, script.title),
        ("transcript", ".vtt"): transcript.webvtt(timeline),
        ("transcript", ".srt"): transcript.srt(timeline),
        ("transcript", ".html"): transcript.html(script, timeline),
        ("chapters", ".vtt"): transcript.chapters_webvtt(chapters),
        ("utterances", ".json"): transcript.utterance_record(script, timeline),
        ("player", ".js"): controls.asset(controls.SCRIPT),  # the pages' own script and
        ("player", ".css"): controls.asset(controls.STYLE),  # styles, beside them
    }
    placed = {f"{stem}{suffix}": folder.write_hashed(stem, suffix, data)
              for (stem, suffix), data in side.items()}
    enclosure = next(iter(media.values()))
    guid = folder.previous.guid if folder.previous else guid_for(publication.identity)
    pub_date = _pub_date(article.date, folder.previous)
    cover = publication.cover
    voices = [asdict(voice) for voice in publication.voices]
    words = labels(script.lang)
    talking_book = folder.temporary(".epub")
    book.epub(script, timeline, folder.out / enclosure.path, talking_book, guid,
              publication.cover_art, cover, modified=datetime.fromisoformat(pub_date),
              narrators=[words.voice(voice) for voice in voices])
    placed["book.epub"] = folder.place_hashed(talking_book, ".epub")
    downloads = [(words.audio_file.format(format=name.upper()), _file_name(record))
                 for name, record in media.items()]
    downloads += [(label, _file_name(placed[name])) for label, name in (
        (words.epub, "book.epub"), (words.transcript_page, "transcript.html"),
        (words.captions, "transcript.vtt"))]
    if publication.daisy:
        downloads.append((words.daisy, "daisy/ncc.html"))
        write_daisy(folder.path / "daisy", script, timeline, folder.out / media["mp3"].path, guid,
                    publication.show.author, words.credit(voices), pub_date)
    placed.update(_pages(folder, script, recording, publication, placed, _file_name(enclosure),
                         downloads, voices))
    episode = Episode(
        slug=folder.path.name,
        guid=guid,
        title=script.title,
        description=publication.description,
        source=script.source,
        duration_seconds=round(timeline.duration_seconds, 3),
        pub_date=pub_date,
        lang=script.lang,
        media=media,
        author=article.byline,
        link=article.url,
        chapters=chapters,
        chapters_json=placed["chapters.json"],
        transcripts={kind: placed[f"transcript.{kind}"] for kind in TRANSCRIPTS},
        extras={"chapters.vtt": placed["chapters.vtt"], "epub": placed["book.epub"],
                **{name: placed[name] for name in ("utterances.json", "player.js", "player.css",
                                                   "embed.html", "oembed.json")}},
        image=cover,
        fingerprint=publication.fingerprint,
        spoken=publication.spoken,
        identity=publication.identity,
        voices=voices,
        gain_db=recording.level.gain_db if recording.level else None,
        lufs=recording.level.lufs if recording.level else None,
    )
    episode.superseded = folder.superseded(episode)
    episode.save(folder.out)
    return episode


def _pages(folder: EpisodeFolder, script: Script, recording: Recording, publication: Publication,
           placed: dict[str, FileRecord], audio_file: str, downloads: list[tuple[str, str]],
           voices: list[dict]) -> dict[str, FileRecord]:
    """The player page, the embed and its oEmbed response, which share the script and
    styles of `placed` (`voices`: the records of the voices that read it); what an
    embedding page needs is an absolute URL (base_url)."""
    show, slug, title = publication.show, folder.path.name, script.title
    assets = controls.Assets(_file_name(placed["player.js"]), _file_name(placed["player.css"]))
    frame = embed.snippet(show.url(f"{slug}/{embed.EMBED_NAME}"), title, script.lang)
    folder.write(player.PAGE_NAME, player.episode_page(
        script, recording.timeline, recording.chapters, audio_file,
        _file_name(placed["transcript.vtt"]), _file_name(placed["chapters.vtt"]),
        (show.title, show.language), assets,
        embed.Embedding(frame, show.url(f"{slug}/{embed.OEMBED_NAME}")), downloads, voices))
    compact = embed.embed_page(title, script.lang, recording.timeline.duration_seconds,
                               recording.chapters, audio_file,
                               _file_name(placed["transcript.html"]), (show.title, show.language),
                               assets)
    response = embed.oembed(frame, title, script.about.byline, show.title, show.link or show.base_url,
                            (show.url(publication.cover), cover_size(publication.cover_art)))
    return {"embed.html": folder.record(folder.write(embed.EMBED_NAME, compact)),
            "oembed.json": folder.record(folder.write(embed.OEMBED_NAME, response))}


def _file_name(record: FileRecord) -> str:
    return record.path.rsplit("/", 1)[-1]


def _pub_date(article_date: str | None, previous: Episode | None) -> str:
    """The article's own date; else the date first given to this episode; else now."""
    if article_date:
        try:
            parsed = datetime.fromisoformat(article_date)
        except ValueError:
            parsed = None
        if parsed:
            return (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)).isoformat()
    if previous is not None:
        return previous.pub_date
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
