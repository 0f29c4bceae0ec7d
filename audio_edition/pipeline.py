"""The whole flow in one place: each input goes load -> extract -> document ->
script -> speak -> assemble -> encode -> publish, then the feed is written
from every episode that exists. One bad input is reported and never stops
the others.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse

from . import __version__
from .audio.chapters import from_timeline
from .publish import book, player, transcript
from .publish.chapters import json_chapters
from .publish.daisy import write_daisy
from .publish.cover import checked_cover, generated_cover
from .read.document import build_document
from .audio.encode import FORMATS, EncodeOptions, Tags, encode
from .speak.cache import ClipCache
from .check import utterance_record
from .publish.edition import Catalogue, EpisodeFolder, remove_superseded
from .files import write_atomic
from .media import PICTURE_SUFFIXES, media_type
from .publish.episode import Episode, FileRecord, existing_episodes, guid_for
from .engines import FALLBACK_ENGINE
from .errors import EditionError, EngineError, NoArticleError, SettingsError
from .read.extract import extract
from .publish.feed import TRANSCRIPTS, write_feed
from .read.load import (Listed, Page, discover, fetch_bytes, fetched_page, is_url, load,
                   site_listing)
from .publish.lock import build_lock
from .script.normalise import Normaliser
from .script import Script, ScriptOptions, build_script
from .publish.show import FEED_NAME, Show
from .speak import EngineSpec, Speaker
from .audio.timeline import assemble

log = logging.getLogger(__name__)
DESCRIPTION_MAX = 400
SITE_FEED_SUFFIXES = (".xml", ".rss", ".atom")
#: During a batch the feed is rewritten at most this often (and always at the end):
#: rewriting it after every article would cost time growing with the square of the batch.
PUBLISH_EVERY_SECONDS = 5.0
COVER_NAME = re.compile(r"cover-[0-9a-f]{10}\.(?:png|jpg)")


@dataclass(frozen=True)
class Reading:
    """How articles are put into words: structure wording and speech normalisation."""

    options: ScriptOptions = field(default_factory=ScriptOptions)
    normaliser: Normaliser = field(default_factory=Normaliser)
    lang: str = "en"  #: the language of a page that declares none (the show's)


Source = str | Listed | Page


def make_script(source: Source, reading: Reading = Reading()) -> Script:
    """Load, extract and script one input: everything short of audio."""
    return script_of(source if isinstance(source, Page) else load(source), reading)


def script_of(page: Page, reading: Reading) -> Script:
    article = build_document(extract(page, reading.lang))
    if not any(section.blocks for section in article.sections):
        raise NoArticleError(page.source, "no article found (only headings and page furniture "
                                          "such as notices, credits and share buttons)")
    return build_script(article, page.source, reading.options, reading.normaliser)


def scripts(inputs: list[str], reading: Reading = Reading(),
            same_host: bool = False) -> Iterator[Script | EditionError]:
    """The script of every input (folders expanded), or the error that stopped it."""
    for source in _expand(inputs, same_host=same_host):
        if isinstance(source, EditionError):
            yield source
            continue
        try:
            yield make_script(source, reading)
        except EditionError as err:
            yield err
        except Exception as err:  # a bug must not cost the other inputs
            log.exception("unexpected failure on %s", source)
            yield EditionError(_name_of(source), f"internal error: {err!r}")


@dataclass
class BuildReport:
    built: list[Episode] = field(default_factory=list)
    failed: list[EditionError] = field(default_factory=list)
    feed: Path | None = None
    feed_items: int = 0
    audio_seconds: float = 0.0
    wall_seconds: float = 0.0
    synthesised: int = 0  #: sentences synthesised (the rest came from the clip cache)
    articles: list[dict] = field(default_factory=list)  #: one entry per input, for --report


@dataclass
class BuildOptions:
    out: Path
    show: Show = field(default_factory=Show)
    reading: Reading = field(default_factory=Reading)
    encoding: EncodeOptions = field(default_factory=EncodeOptions)
    earcons: bool = False
    daisy: bool = False  #: also write a DAISY 2.02 fileset per episode
    engine: EngineSpec = field(default_factory=EngineSpec)
    jobs: int = 1  #: synthesis worker processes (or Dask workers of a LocalCluster)
    executor: str = "local"  #: "local" (a process pool) or "dask"
    scheduler: str | None = None  #: a Dask scheduler address, e.g. tcp://host:8786
    include: tuple[str, ...] = ()  #: in folders, only files matching one of these globs
    exclude: tuple[str, ...] = ()  #: in folders, never files matching one of these
    same_host: bool = False  #: of a site feed's pages at a URL, only those on its host
    cache: Path | None = None  #: clip cache folder; None: no cache


class OptionsError(SettingsError):
    """Build options that do not go together."""


def build(inputs: list[str], options: BuildOptions,
          on_episode: Callable[[Episode, float], None] | None = None,
          on_error: Callable[[EditionError], None] | None = None,
          on_start: Callable[[str], None] | None = None) -> BuildReport:
    """Build every input into `options.out`, then write the feed."""
    if options.daisy and "mp3" not in options.encoding.formats:
        raise OptionsError("a DAISY book needs the mp3 format (add mp3 to --format)")
    options.out.mkdir(parents=True, exist_ok=True)
    with build_lock(options.out):
        return _build(inputs, options, on_episode, on_error, on_start)


@dataclass
class Assignment:
    """One article of a build: its page and the episode folder that is its own
    (picklable: it may be sent to another machine)."""

    name: str  #: the input, as the user or a site feed named it
    page: Page | None = None
    slug: str | None = None
    previous: Episode | None = None  #: the record of its last build, if any
    error: EditionError | None = None  #: why it cannot be built


def _assignments(inputs: list[str], options: BuildOptions) -> Iterator[Assignment]:
    """Every article the inputs stand for, loaded and given its episode folder, one at
    a time (pages are read in this process, so that two inputs that are one article
    never build into one folder at once)."""
    sources = list(_expand(inputs, options))
    catalogue = Catalogue(options.out, [_name_of(s) for s in sources if not isinstance(s, EditionError)])
    for source in sources:
        name = _name_of(source)
        if isinstance(source, EditionError):
            yield Assignment(name, error=source)
            continue
        try:
            page = source if isinstance(source, Page) else load(source)
            slug, previous = catalogue.claim(page)
        except EditionError as err:
            yield Assignment(name, error=err)
            continue
        yield Assignment(name, page, slug, previous)


@dataclass
class Outcome:
    """What became of one input (picklable: it may come back from another machine)."""

    source: str
    episode: Episode | None = None
    fresh: bool = False  #: built now, rather than found up to date
    problem: str | None = None
    seconds: float = 0.0
    synthesised: int = 0


def _build(inputs, options, on_episode, on_error, on_start) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport()
    out = options.out
    _check_root_files(out)
    _remove_leftovers(out)
    cover = publish_cover(out, options.show)
    # A killed build's feed is made whole at once; then nothing names what its
    # records superseded any more.
    _publish(out, options.show, cover, None)
    work = _assignments(inputs, options)
    run = _run_dask if options.executor == "dask" else _run_local
    unpublished: list[Episode] = []  #: built since the feed was last written
    last_published = time.monotonic()
    for outcome in run(work, options, cover, on_start):
        report.synthesised += outcome.synthesised
        entry = {"source": outcome.source, "seconds": round(outcome.seconds, 2), "episode": None,
                 "duration": None, "chapters": None, "error": outcome.problem}
        if outcome.episode:
            episode = outcome.episode
            report.built.append(episode)
            report.audio_seconds += episode.duration_seconds
            entry.update(status="built" if outcome.fresh else "unchanged", episode=episode.slug,
                         duration=episode.duration_seconds, chapters=len(episode.chapters))
            unpublished.append(episode)
            if time.monotonic() - last_published >= PUBLISH_EVERY_SECONDS:
                _publish(out, options.show, cover, unpublished)
                last_published = time.monotonic()
            on_episode and on_episode(episode, outcome.seconds)
        else:
            error = EditionError(outcome.source, outcome.problem or "failed")
            report.failed.append(error)
            entry["status"] = "failed"
            on_error and on_error(error)
        report.articles.append(entry)
    report.feed, report.feed_items = _publish(out, options.show, cover, unpublished)
    report.wall_seconds = time.perf_counter() - started
    return report


def _check_root_files(out: Path) -> None:
    """The output folder's feed and index page are ours to replace, or the build stops:
    a folder that already holds someone's site is no place for an edition."""
    for name, ours in ((FEED_NAME, _our_feed), (player.PAGE_NAME, _our_page)):
        path = out / name
        if path.is_symlink() or (path.exists() and not (path.is_file() and ours(path))):
            raise EditionError(str(path), "exists and was not written by audio-edition; it is "
                                          "left alone: build into another --out")


def _our_feed(path: Path) -> bool:
    from lxml import etree

    try:
        generator = etree.parse(str(path), etree.XMLParser(resolve_entities=False,
                                                           no_network=True)).findtext(
            "channel/generator")
    except etree.XMLSyntaxError:
        return False
    return (generator or "").startswith("audio-edition")


def _our_page(path: Path) -> bool:
    head = path.read_bytes()[:4096]
    return player.GENERATOR.encode() in head or (path.parent / FEED_NAME).is_file() and \
        _our_feed(path.parent / FEED_NAME)


def _publish(out: Path, show: Show, cover: str, built: list[Episode] | None) -> tuple[Path, int]:
    """The feed and the index page, of exactly the episodes that exist; then the files
    of earlier builds that the feed named until now and the records of `built` (None:
    of every episode) do not."""
    episodes = existing_episodes(out)
    feed = write_feed(out, show, cover, episodes)
    write_atomic(out / player.PAGE_NAME, player.index_page(episodes, show.title, show.language))
    for episode in episodes if built is None else built:
        remove_superseded(out, episode)
    if built is not None:
        built.clear()
    return feed


def _run_local(work, options: BuildOptions, cover: str, on_start) -> Iterator[Outcome]:
    """The articles one after another, their sentences over a local process pool."""
    with _speaker(options, options.jobs) as speaker:
        for assignment in work:
            on_start and on_start(assignment.name)
            yield _outcome(assignment, speaker, options, cover)


def _speaker(options: BuildOptions, jobs: int) -> Speaker:
    cache = ClipCache(options.cache) if options.cache else None
    return Speaker(options.engine, jobs, cache)


def _outcome(assignment: Assignment, speaker: Speaker, options: BuildOptions,
             cover: str) -> Outcome:
    """One article, its failure contained in the Outcome."""
    started, before = time.perf_counter(), speaker.synthesised
    name = assignment.name
    try:
        if assignment.error:
            raise assignment.error
        episode, fresh = _article(assignment, speaker, options, cover)
        return Outcome(name, episode, fresh, None, time.perf_counter() - started,
                       speaker.synthesised - before)
    except EditionError as err:
        return Outcome(err.source, problem=err.problem, seconds=time.perf_counter() - started)
    except Exception as err:  # a bug must not cost the other articles
        log.exception("unexpected failure on %s", name)
        return Outcome(name, problem=f"internal error: {err!r}", seconds=time.perf_counter() - started)


def _article(assignment: Assignment, speaker: Speaker, options: BuildOptions,
             cover: str) -> tuple[Episode, bool]:
    """The episode of one article: the one already built if nothing changed."""
    page = assignment.page
    fingerprint = _fingerprint(page, speaker, options, cover)
    previous = assignment.previous
    if previous and previous.fingerprint == fingerprint and previous.complete(options.out):
        log.info("%s: unchanged since its last build", page.source)
        return previous, False
    script = script_of(page, options.reading)
    folder = EpisodeFolder(options.out, assignment.slug, assignment.previous)
    try:
        return _build_episode(script, page, speaker, options, folder, cover, fingerprint), True
    except BaseException:
        folder.discard()  # no file of a failed attempt stays behind
        raise


_WORKER_SPEAKERS: dict = {}


def _dask_article(assignment: Assignment, options: BuildOptions, cover: str) -> Outcome:
    """A Dask task: one article, in a worker, with that worker's own engine."""
    key = (repr(options.engine), str(options.cache))
    if key not in _WORKER_SPEAKERS:
        _WORKER_SPEAKERS[key] = _speaker(options, 1)
    return _outcome(assignment, _WORKER_SPEAKERS[key], options, cover)


def _run_dask(work, options: BuildOptions, cover: str, on_start) -> Iterator[Outcome]:
    """Articles as tasks on a Dask cluster: the one at `options.scheduler`, or a
    LocalCluster of `options.jobs` worker processes. The output folder and the clip
    cache must be where every worker sees them."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as err:
        raise EditionError("--executor dask", "needs the distributed package "
                                              "(pip install 'audio-edition[dask]')") from err
    if not log.isEnabledFor(logging.INFO):  # distributed logs every step at INFO
        for name in [n for n in logging.root.manager.loggerDict if n.startswith("distributed")]:
            logging.getLogger(name).setLevel(logging.ERROR)
    cluster = None
    if options.scheduler:
        client = Client(options.scheduler)
    else:
        cluster = LocalCluster(n_workers=options.jobs, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        names = {}  #: task key -> the input it builds
        for index, assignment in enumerate(work):
            if assignment.error:
                yield Outcome(assignment.error.source, problem=assignment.error.problem)
                continue
            on_start and on_start(assignment.name)
            future = client.submit(_dask_article, assignment, options, cover,
                                   key=f"article-{index}-{assignment.slug}", pure=False)
            names[future] = assignment.name
        for future in as_completed(list(names)):
            try:
                yield future.result()
            except Exception as err:  # a worker lost or a task that broke: this article only
                yield Outcome(names[future], problem=f"the Dask task failed: {err!r}")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def publish_cover(out: Path, show: Show) -> str:
    """Write the show's cover into `out` (its own image, or one drawn from its title)."""
    if show.image:
        data, mime = checked_cover(Path(show.image))
    else:
        data, mime = generated_cover(show.title), "image/png"
    name = f"cover-{hashlib.sha256(data).hexdigest()[:10]}{PICTURE_SUFFIXES[mime]}"
    if not (out / name).is_file():
        write_atomic(out / name, data)
    for old in out.iterdir():  # earlier covers of ours: the name says so, nothing else is touched
        if old.name != name and COVER_NAME.fullmatch(old.name) and not old.is_symlink():
            old.unlink(missing_ok=True)
    return name


def _expand(inputs: list[str], options: BuildOptions | None = None,
            same_host: bool = False) -> Iterator[Source | EditionError]:
    """Every page the inputs stand for: folders' files, URLs, and the pages that a
    site feed or sitemap (a file or a URL) lists."""
    include, exclude = (options.include, options.exclude) if options else ((), ())
    skip = options.out if options else None
    for given in inputs:
        try:
            if is_url(given):
                data, charset = fetch_bytes(given)
                listed = site_listing(data, given)
                if listed is None:
                    yield fetched_page(given, data, charset)
                else:
                    yield from _listed(given, listed, options.same_host if options else same_host)
            elif Path(given).suffix.lower() in SITE_FEED_SUFFIXES and Path(given).is_file():
                listed = site_listing(Path(given).read_bytes(), given)
                yield from ([given] if listed is None else _listed(given, listed))
            else:
                yield from discover([given], include, exclude, skip)
        except EditionError as err:
            yield err
        except ValueError as err:  # an unreadable feed or sitemap
            yield EditionError(given, f"not a readable feed or sitemap ({err})")


def _listed(given: str, listed: list, same_host: bool = False) -> list:
    """A site feed's or sitemap's pages (with `same_host`, those on its own host);
    one that lists none is an error of its own."""
    log.info("%s: a site feed listing %d pages", given, len(listed))
    if same_host and listed:
        host = urlparse(given).hostname
        kept = [x for x in listed if not isinstance(x, Listed) or urlparse(x.url).hostname == host]
        if len(kept) < len(listed):
            log.warning("%s: %d listed pages on other hosts left out (--same-host)",
                        given, len(listed) - len(kept))
        listed = kept
    return listed or [EditionError(given, "the feed or sitemap lists no pages")]


def _name_of(source: Source | EditionError) -> str:
    if isinstance(source, EditionError):
        return source.source
    if isinstance(source, Listed):
        return source.url
    return source.source if isinstance(source, Page) else str(source)


def _fingerprint(page: Page, speaker: Speaker, options: BuildOptions, cover: str) -> str:
    """A hash of everything an episode is made from: the page and every setting."""
    try:
        engines = [speaker.engine().version]
    except Exception as err:  # a voice that cannot load is this input's engine failure
        raise EngineError(page.source, f"cannot start the {options.engine.name} engine: {err}") from err
    try:
        engines.append(speaker.engine(FALLBACK_ENGINE).version)
    except Exception:  # noqa: BLE001 (no fallback engine here: nothing to record)
        engines.append("no fallback")
    settings = [__version__, page.html, repr(options.reading.options), options.reading.lang,
                options.reading.normaliser.lexicon.version, options.engine.name,
                sorted(options.engine.options.items()), engines, repr(options.encoding),
                options.earcons, options.daisy, options.show.title, cover]
    return hashlib.sha256(json.dumps(settings, default=str).encode()).hexdigest()


def _build_episode(script: Script, page: Page, speaker: Speaker, options: BuildOptions,
                   folder: EpisodeFolder, cover: str, fingerprint: str = "") -> Episode:
    """Make every file of one episode in its folder, then its record (last, so the
    record only ever names complete files)."""
    slug = folder.path.name
    clips = speaker.speak(script)
    timeline, audio = assemble(script, clips, earcons=options.earcons)
    chapters = from_timeline(timeline, script.source)
    article = script.article
    description = _description(script)
    cover_art = (options.out / cover).read_bytes()
    tags = Tags(title=script.title, show=options.show.title, author=article.byline,
                date=article.date, lang=script.lang, description=description,
                cover=cover_art,
                cover_mime=media_type(cover))
    encoded = encode(audio, chapters, tags, folder.path, options.encoding)
    for temp in encoded.values():
        folder.track(temp)
    media = {name: _place(folder, temp, slug, FORMATS[name].suffix)
             for name, temp in encoded.items()}
    side = {
        ("chapters", ".json"): json_chapters(chapters, script.title),
        ("transcript", ".vtt"): transcript.webvtt(timeline),
        ("transcript", ".srt"): transcript.srt(timeline),
        ("transcript", ".html"): transcript.html(script, timeline),
        ("chapters", ".vtt"): transcript.chapters_webvtt(chapters),
        ("utterances", ".json"): utterance_record(script, timeline),
    }
    placed = {f"{stem}{suffix}": _write_hashed(folder, stem, suffix, data)
              for (stem, suffix), data in side.items()}
    enclosure = next(iter(media.values()))
    guid = folder.previous.guid if folder.previous else guid_for(page.identity)
    pub_date = _pub_date(article.date, folder.previous)
    talking_book = book.epub(script, timeline, (options.out / enclosure.path).read_bytes(),
                             Path(enclosure.path).suffix, guid, cover_art, cover,
                             modified=datetime.fromisoformat(pub_date))
    placed["book.epub"] = _write_hashed(folder, slug, ".epub", talking_book)
    downloads = [(f"Audio ({name.upper()})", _name(record)) for name, record in media.items()]
    downloads += [("Talking book (EPUB 3 with text and audio together)", _name(placed["book.epub"])),
                  ("Transcript (web page)", _name(placed["transcript.html"])),
                  ("Captions (WebVTT)", _name(placed["transcript.vtt"]))]
    if options.daisy:
        downloads.append(("Talking book (DAISY 2.02)", "daisy/ncc.html"))
        engine = speaker.engine()
        write_daisy(folder.path / "daisy", script, timeline, options.out / media["mp3"].path, guid,
                    options.show.author, f"{engine.name} {engine.voice}", pub_date)
    page_html = player.episode_page(script, timeline, chapters, _name(enclosure),
                                    _name(placed["transcript.vtt"]), _name(placed["chapters.vtt"]),
                                    options.show.title, downloads)
    folder.write(player.PAGE_NAME, page_html)
    episode = Episode(
        slug=slug,
        guid=guid,
        title=script.title,
        description=description,
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
                "utterances.json": placed["utterances.json"]},
        image=cover,
        fingerprint=fingerprint,
        identity=page.identity,
    )
    episode.superseded = folder.superseded(episode)
    episode.save(options.out)
    return episode


def _place(folder: EpisodeFolder, temp: Path, slug: str, suffix: str) -> FileRecord:
    """Rename an encoded file to a name that carries its content hash, so podcast
    apps download it again whenever the audio changes."""
    digest = hashlib.sha256(temp.read_bytes()).hexdigest()[:10]
    return folder.record(folder.place(temp, f"{slug}-{digest}{suffix}"))


def _write_hashed(folder: EpisodeFolder, stem: str, suffix: str, data: bytes) -> FileRecord:
    """Chapters and transcripts also carry a content hash: the previous build's
    record keeps naming complete files until the new record replaces it."""
    name = f"{stem}-{hashlib.sha256(data).hexdigest()[:10]}{suffix}"
    return folder.record(folder.write(name, data))


def _name(record: FileRecord) -> str:
    return record.path.rsplit("/", 1)[-1]


def _description(script: Script) -> str:
    if script.article.description:
        return script.article.description
    for utterance in script.utterances:
        if utterance.role == "paragraph":
            text = utterance.source_text
            return text if len(text) <= DESCRIPTION_MAX else text[:DESCRIPTION_MAX].rsplit(" ", 1)[0] + "…"
    return script.title


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


def _remove_leftovers(out: Path) -> None:
    """Remove temporary files a killed build may have left behind (ours only: hidden
    `.partial` names; symlinked folders are not looked into)."""
    folders = [out] + [f for f in out.iterdir() if f.is_dir() and not f.is_symlink()]
    for folder in folders:
        for leftover in [*folder.glob(".*.partial*"), *folder.glob(".daisy.old")]:
            if leftover.is_symlink():
                continue
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
