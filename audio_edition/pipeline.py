"""The whole flow in one place: each input goes load -> extract -> document ->
script -> speak -> assemble -> encode, then the feed is written from every
episode that exists. One bad input is reported and never stops the others.
"""
from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse

from .document import build_document
from .encode import Tags, export_mp3
from .engines import Engine, get_engine
from .episode import ChapterRecord, Episode, guid_for, slugify, RECORD_SUFFIX
from .errors import EditionError, EngineError
from .extract import extract
from .feed import Show, write_feed
from .load import discover, load
from .normalise import Normaliser
from .script import Script, ScriptOptions, build_script
from .speak import speak
from .timeline import Timeline, assemble

log = logging.getLogger(__name__)
DESCRIPTION_MAX = 400


@dataclass(frozen=True)
class Reading:
    """How articles are put into words: structure wording and speech normalisation."""

    options: ScriptOptions = field(default_factory=ScriptOptions)
    normaliser: Normaliser = field(default_factory=Normaliser)


def make_script(source: str, reading: Reading = Reading()) -> Script:
    """Load, extract and script one input: everything short of audio."""
    page = load(source)
    article = build_document(extract(page))
    return build_script(article, source, reading.options, reading.normaliser)


def scripts(inputs: list[str], reading: Reading = Reading()) -> Iterator[Script | EditionError]:
    """The script of every input (folders expanded), or the error that stopped it."""
    for source in _expand(inputs):
        if isinstance(source, EditionError):
            yield source
            continue
        try:
            yield make_script(source, reading)
        except EditionError as err:
            yield err
        except Exception as err:  # a bug must not cost the other inputs
            log.exception("unexpected failure on %s", source)
            yield EditionError(source, f"internal error: {err!r}")


@dataclass
class BuildReport:
    built: list[Episode] = field(default_factory=list)
    failed: list[EditionError] = field(default_factory=list)
    feed: Path | None = None
    feed_items: int = 0
    audio_seconds: float = 0.0
    wall_seconds: float = 0.0


@dataclass
class BuildOptions:
    out: Path
    show: Show = field(default_factory=Show)
    reading: Reading = field(default_factory=Reading)
    engine: str = "piper"
    engine_options: dict = field(default_factory=dict)


def build(inputs: list[str], options: BuildOptions,
          on_episode: Callable[[Episode, float], None] | None = None,
          on_error: Callable[[EditionError], None] | None = None) -> BuildReport:
    """Build every input into `options.out`, then write the feed."""
    started = time.perf_counter()
    report = BuildReport()
    out = options.out
    out.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out)
    engine: Engine | None = None
    slugs: set[str] = set()
    for source in _expand(inputs):
        article_started = time.perf_counter()
        try:
            if isinstance(source, EditionError):
                raise source
            script = make_script(source, options.reading)
            engine = engine or _start_engine(options, source)
            episode = _build_episode(script, engine, options, _unique_slug(source, slugs))
        except EditionError as err:
            report.failed.append(err)
            on_error and on_error(err)
            continue
        except Exception as err:  # a bug must not cost the other articles
            log.exception("unexpected failure on %s", source)
            wrapped = EditionError(str(source), f"internal error: {err!r}")
            report.failed.append(wrapped)
            on_error and on_error(wrapped)
            continue
        report.built.append(episode)
        report.audio_seconds += episode.duration_seconds
        on_episode and on_episode(episode, time.perf_counter() - article_started)
    report.feed, report.feed_items = write_feed(out, options.show)
    report.wall_seconds = time.perf_counter() - started
    return report


def _expand(inputs: list[str]) -> Iterator[str | EditionError]:
    for given in inputs:
        try:
            yield from discover([given])
        except EditionError as err:
            yield err


def _start_engine(options: BuildOptions, source: str) -> Engine:
    try:
        return get_engine(options.engine, **options.engine_options)
    except Exception as err:
        raise EngineError(source, f"cannot start the {options.engine} engine: {err}") from err


def _build_episode(script: Script, engine: Engine, options: BuildOptions, slug: str) -> Episode:
    clips = speak(script, engine)
    timeline, audio = assemble(script, clips)
    article = script.article
    audio_name = f"{slug}.mp3"
    audio_path = options.out / audio_name
    tags = Tags(title=script.title, show=options.show.title, author=article.byline,
                date=article.date, lang=script.lang, description=_description(script))
    export_mp3(audio, timeline, tags, audio_path)
    episode = Episode(
        slug=slug,
        guid=guid_for(article.url or f"slug:{slug}"),
        title=script.title,
        description=_description(script),
        source=script.source,
        audio=audio_name,
        audio_bytes=audio_path.stat().st_size,
        duration_seconds=timeline.duration_seconds,
        pub_date=_pub_date(article.date, options.out / f"{slug}{RECORD_SUFFIX}"),
        lang=script.lang,
        author=article.byline,
        link=article.url,
        chapters=_chapter_records(timeline),
    )
    episode.save(options.out)
    return episode


def _chapter_records(timeline: Timeline) -> list[ChapterRecord]:
    return [ChapterRecord(m.title, m.level, timeline.ms(m.start), timeline.ms(m.end))
            for m in timeline.chapters]


def _description(script: Script) -> str:
    if script.article.description:
        return script.article.description
    for utterance in script.utterances:
        if utterance.role == "paragraph":
            text = utterance.source_text
            return text if len(text) <= DESCRIPTION_MAX else text[:DESCRIPTION_MAX].rsplit(" ", 1)[0] + "…"
    return script.title


def _pub_date(article_date: str | None, record: Path) -> str:
    """The article's own date; else the date first given to this episode; else now."""
    if article_date:
        try:
            parsed = datetime.fromisoformat(article_date)
        except ValueError:
            parsed = None
        if parsed:
            return (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)).isoformat()
    if record.is_file():
        try:
            return Episode.load(record).pub_date
        except (OSError, ValueError, TypeError, KeyError):
            pass
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _unique_slug(source: str, taken: set[str]) -> str:
    """A file name stem for the article, from its file name or URL path."""
    stem = Path(urlparse(source).path).stem if "://" in source else Path(source).stem
    slug = slugify(stem)
    if slug in taken:
        slug = f"{slug}-{hashlib.sha256(source.encode()).hexdigest()[:8]}"
    taken.add(slug)
    return slug


def _remove_leftovers(out: Path) -> None:
    """Remove temporary files a killed build may have left behind."""
    for leftover in out.glob(".*.partial*"):
        leftover.unlink(missing_ok=True)
