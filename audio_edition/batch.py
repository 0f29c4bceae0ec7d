"""Many articles: expand the inputs (folders, URLs, site feeds and sitemaps), give
each article its episode folder, build them one after another on a local process
pool or as tasks on a Dask cluster, and keep the feed and the index page whole.
One bad input is reported and never stops the others.
"""
from __future__ import annotations

import hashlib
import logging
import re
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from .audio.sounds import check_sound
from .errors import EditionError
from .ffmpeg import detach_terminal_input
from .files import write_atomic
from .media import PICTURE_SUFFIXES
from .pipeline import (Assignment, Builder, BuildOptions, OptionsError, Outcome, Reading,
                       Source, make_script, speaker_for)
from .progress import Observer
from .publish import player
from .publish.cover import checked_cover, generated_cover
from .publish.edition import Catalogue, read_records, remove_superseded
from .publish.episode import Episode, existing_episodes
from .publish.feed import write_feed
from .publish.lock import build_lock
from .publish.show import FEED_NAME, Show
from .read.load import (Listed, Page, discover, fetch_bytes, fetched_page, is_url, load,
                        site_listing)
from .script import Script
from .voices.routing import MissingVoice

log = logging.getLogger(__name__)
SITE_FEED_SUFFIXES = (".xml", ".rss", ".atom")
#: During a batch the feed is rewritten at most this often (and always at the end):
#: rewriting it after every article would cost time growing with the square of the batch.
PUBLISH_EVERY_SECONDS = 5.0
#: The show's cover as we name it: its hash and a picture's suffix (`publish_cover`).
COVER_NAME = re.compile(r"cover-[0-9a-f]{10}(?:%s)"
                        % "|".join(map(re.escape, PICTURE_SUFFIXES.values())))


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
    skipped: list[str] = field(default_factory=list)  #: pages left out, as their page asks
    feed: Path | None = None
    feed_items: int = 0
    audio_seconds: float = 0.0
    wall_seconds: float = 0.0
    synthesised: int = 0  #: sentences synthesised (the rest came from the clip cache)
    articles: list[dict] = field(default_factory=list)  #: one entry per input, for --report
    #: languages read by another reader because their voice is not installed
    missing_voices: dict[str, MissingVoice] = field(default_factory=dict)


def build(inputs: list[str | Page], options: BuildOptions,
          on_episode: Callable[[Episode, float], None] | None = None,
          on_error: Callable[[EditionError], None] | None = None,
          on_skip: Callable[[EditionError], None] | None = None,
          observer: Observer | None = None) -> BuildReport:
    """Build every input into `options.out`, then write the feed. The `on_` functions
    hear of each article's end; `observer` of how far the build is."""
    if options.daisy and "mp3" not in options.encoding.formats:
        raise OptionsError("a DAISY book needs the mp3 format (add mp3 to --format)")
    art = cover_art(options.show)  # a cover that cannot be one is refused before anything is written
    framing = options.reading.framing
    for sound in filter(None, (framing.intro_audio, framing.outro_audio)):
        check_sound(sound)  # a file ffmpeg cannot read stops the build before it starts
    options.out.mkdir(parents=True, exist_ok=True)
    with build_lock(options.out):
        return _build(inputs, options, art, _Progress(on_episode, on_error, on_skip),
                      observer or Observer())


@dataclass
class _Progress:
    """Whom to tell as the build goes: an article built, failed or left out."""

    built: Callable[[Episode, float], None] | None = None
    failed: Callable[[EditionError], None] | None = None
    skipped: Callable[[EditionError], None] | None = None


def _assignments(inputs: list[str], options: BuildOptions, observer: Observer,
                 each: bool = True) -> Iterator[Assignment]:
    """Every article the inputs stand for, loaded and given its episode folder, one at
    a time (pages are read in this process, so that two inputs that are one article
    never build into one folder at once). The observer hears of them all, and (with
    `each`) of each as its reading starts."""
    sources = list(_expand(inputs, options))
    observer.planned([(_name_of(source), _size_of(source)) for source in sources])
    catalogue = Catalogue(options.out, [_name_of(s) for s in sources
                                        if not isinstance(s, EditionError)])
    for source in sources:
        name = _name_of(source)
        if isinstance(source, EditionError):
            yield Assignment(name, error=source)
            continue
        if each:
            # until it has a title: its name, of a long one the end, which says most of it
            observer.started(name, name if len(name) <= 40 else "…" + name[-39:])
            observer.update(name, stage="reading")
        try:
            page = source if isinstance(source, Page) else load(source)
            slug, previous = catalogue.claim(page)
        except EditionError as err:
            yield Assignment(name, error=err)
            continue
        yield Assignment(name, page, slug, previous)


def _build(inputs: list[str], options: BuildOptions, art: tuple[bytes, str],
           progress: _Progress, observer: Observer) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport()
    out = options.out
    _check_root_files(out)
    _remove_leftovers(out)
    cover = publish_cover(out, art)
    # A killed build's feed is made whole at once; then nothing names what its
    # records superseded any more.
    _publish(out, options.show, cover, None)
    run = _run_dask if options.executor == "dask" else _run_local
    unpublished: list[Episode] = []  #: built since the feed was last written
    warned: set[str] = set()  #: languages whose missing voice was said
    last_published = time.monotonic()
    for outcome in run(inputs, options, cover, observer):
        report.synthesised += outcome.synthesised
        for missing in outcome.missing_voices:
            report.missing_voices.setdefault(missing.lang, missing)
            # said once a language, -v or not, when a build reads it so (an unchanged
            # episode's re-run stays silent; --report still lists it)
            if outcome.fresh and missing.lang not in warned:
                log.warning("%s", missing.line())
                warned.add(missing.lang)
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
            progress.built and progress.built(episode, outcome.seconds)
        elif outcome.skipped:
            report.skipped.append(outcome.source)
            entry.update(status="skipped", error=None, skipped=outcome.skipped)
            if outcome.withdrawn:  # its files go once the feed no longer names them
                unpublished.append(outcome.withdrawn)
            progress.skipped and progress.skipped(EditionError(outcome.source, outcome.skipped))
        else:
            error = EditionError(outcome.source, outcome.problem or "failed")
            report.failed.append(error)
            entry["status"] = "failed"
            progress.failed and progress.failed(error)
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
    every = [e for e in read_records(out).values() if e] if built is None else built
    for episode in every:  # withdrawn ones too
        remove_superseded(out, episode)
    if built is not None:
        built.clear()
    return feed


def _run_local(inputs: list[str], options: BuildOptions, cover: str,
               observer: Observer) -> Iterator[Outcome]:
    """The articles one after another, their sentences over a local process pool; each
    article's sentences are queued while the one before it is spoken (the next page
    is loaded ahead for that), so the workers do not wait while this process encodes
    and publishes."""
    with speaker_for(options, options.jobs) as speaker:
        builder = Builder(speaker, options, cover, observer)
        work = _assignments(inputs, options, observer, each=False)
        upcoming = next(work, None)
        while upcoming is not None:
            assignment = upcoming
            observer.started(assignment.name, assignment.name)
            observer.update(assignment.name, stage="reading")
            upcoming = next(work, None)
            outcome = builder.build(assignment, upcoming)
            observer.finished(assignment.name, failed=bool(outcome.problem))
            yield outcome


_WORKER_SPEAKERS: dict = {}


def _dask_article(assignment: Assignment, options: BuildOptions, cover: str) -> Outcome:
    """A Dask task: one article, in a worker, with that worker's own engine."""
    key = (repr(options.engine), str(options.cache))
    if key not in _WORKER_SPEAKERS:
        detach_terminal_input()  # a worker of a LocalCluster inherits the terminal
        _WORKER_SPEAKERS[key] = speaker_for(options, 1)
    return Builder(_WORKER_SPEAKERS[key], options, cover).build(assignment)


def _run_dask(inputs: list[str], options: BuildOptions, cover: str,
              observer: Observer) -> Iterator[Outcome]:
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
        # the articles are in hand on the workers, many at once: only their ends are told
        for index, assignment in enumerate(_assignments(inputs, options, observer, each=False)):
            if assignment.error:
                observer.finished(assignment.name, failed=True)
                yield Outcome(assignment.error.source, problem=assignment.error.problem)
                continue
            future = client.submit(_dask_article, assignment, options, cover,
                                   key=f"article-{index}-{assignment.slug}", pure=False)
            names[future] = assignment.name
        for future in as_completed(list(names)):
            try:
                outcome = future.result()
            except Exception as err:  # a worker lost or a task that broke: this article only
                outcome = Outcome(names[future], problem=f"the Dask task failed: {err!r}")
            observer.finished(names[future], failed=bool(outcome.problem))
            yield outcome
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def cover_art(show: Show) -> tuple[bytes, str]:
    """The show's cover and its MIME type: its own image, checked, or one drawn
    from its title."""
    if show.image:
        return checked_cover(Path(show.image))
    return generated_cover(show.title), "image/png"


def publish_cover(out: Path, art: tuple[bytes, str]) -> str:
    """Write the show's cover into `out`; its name is its hash."""
    data, mime = art
    name = f"cover-{hashlib.sha256(data).hexdigest()[:10]}{PICTURE_SUFFIXES[mime]}"
    if not (out / name).is_file():
        write_atomic(out / name, data)
    for old in out.iterdir():  # earlier covers of ours: the name says so, nothing else is touched
        if old.name != name and COVER_NAME.fullmatch(old.name) and not old.is_symlink():
            old.unlink(missing_ok=True)
    return name


def _expand(inputs: list[str | Page], options: BuildOptions | None = None,
            same_host: bool = False) -> Iterator[Source | EditionError]:
    """Every page the inputs stand for: folders' files, URLs, and the pages that a
    site feed or sitemap (a file or a URL) lists; a page already read is itself."""
    include, exclude = (options.include, options.exclude) if options else ((), ())
    skip = options.out if options else None
    for given in inputs:
        if isinstance(given, Page):
            yield given
            continue
        try:
            if is_url(given):
                data, charset = fetch_bytes(given)
                listed = site_listing(data, given)
                if listed is None:
                    yield fetched_page(given, data, charset)
                else:
                    yield from listed_pages(given, listed,
                                            options.same_host if options else same_host)
            elif Path(given).suffix.lower() in SITE_FEED_SUFFIXES and Path(given).is_file():
                listed = site_listing(Path(given).read_bytes(), given)
                yield from ([given] if listed is None else listed_pages(given, listed))
            else:
                yield from discover([given], include, exclude, skip)
        except EditionError as err:
            yield err
        except ValueError as err:  # an unreadable feed or sitemap
            yield EditionError(given, f"not a readable feed or sitemap ({err})")


def listed_pages(given: str, listed: list, same_host: bool = False) -> list:
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


def _size_of(source: Source | EditionError) -> int | None:
    """The size of an input's page, where it is known before it is read."""
    if isinstance(source, Page):
        return len(source.html)
    if isinstance(source, str) and not is_url(source):
        try:
            return Path(source).stat().st_size
        except OSError:
            return None
    return None


def _name_of(source: Source | EditionError) -> str:
    if isinstance(source, EditionError):
        return source.source
    if isinstance(source, Listed):
        return source.url
    return source.source if isinstance(source, Page) else str(source)


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
