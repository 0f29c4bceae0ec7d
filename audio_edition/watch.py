"""Watch: `build` on a schedule, remembering what it fetched and what it published.

Each round holds the output folder's lock from its first request to its last line,
so a second watch or build of the same folder ends at once with one line. It asks
again for every source at a URL with a conditional request (the ETag and
Last-Modified of the last answer, kept in the output folder): an unchanged feed or
sitemap costs one 304, and its pages are not asked for; a changed one is read, and
each page it lists is asked for in turn, conditionally too, so an unchanged page is
not downloaded again. A sitemap index is read whole each round and each sitemap it
names is asked for conditionally (a site adds its new pages to one of them, not to
the index). The pages that came back are built: a new article becomes an episode,
an edited one is rebuilt under its guid when what is spoken changed (the pipeline
compares scripts, not HTML), or never with `--on-edit keep`. Files and folders are
built as `build` builds them.

What is remembered is input, not a trusted record (`Memory`): it only ever decides
whether a request is conditional, never what is asked for. A page is remembered once
it was built (or found unchanged, or left out as its page asks); one that failed, or
whose episode is gone, is asked for again, and so is every page once the settings
that episodes are made with change. A source that cannot be fetched is one line and
the round goes on; while the network is away the next round comes after a wait that
doubles up to the interval. SIGTERM or Ctrl-C abandon the article in hand (its files
are removed; the feed is only ever replaced whole) and end the watch with 0. Each
round appends one JSON line to the log, which is bounded: past MAX_LOG_BYTES it
becomes `.1` (replacing the one before) and a new one begins.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from .batch import build, listed_pages
from .errors import EditionError, InputError, UserError
from .files import append_regular, open_regular, read_regular, write_atomic
from .pipeline import BuildOptions
from .printable import printable
from .progress import Observer, display
from .publish.episode import existing_episodes
from .publish.lock import BuildLocked, build_lock
from .read.load import (MAX_SITEMAP_DEPTH, Fetched, Page, fetch_if_changed,
                        fetched_page, indexed_sitemaps, is_url, listed_page, site_listing,
                        usable_validators)

log = logging.getLogger(__name__)
STATE_NAME = ".audio-edition-watch.json"  #: what each URL answered last, in the output folder
LOG_NAME = ".audio-edition-watch.log"  #: one JSON line per round, in the output folder
#: The log's size before it becomes LOG_NAME.1: about 4,000 rounds (six weeks every 15
#: minutes); the two files together stay under twice this.
MAX_LOG_BYTES = 1024 * 1024
#: A state file larger than this is no state of ours (50,000 pages take about 10 MB).
MAX_STATE_BYTES = 64 * 1024 * 1024
#: The first wait after a round that could not reach a source; it doubles up to the interval.
FIRST_RETRY_SECONDS = 30.0
MAX_INTERVAL_SECONDS = 366 * 86400
_INTERVAL = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds of an interval written `90s`, `15m`, `1h`, `1d` or as seconds, more than
    none and at most a year."""
    found = _INTERVAL.fullmatch(text)
    if not found or float(found.group(1)) <= 0:
        raise ValueError(f"{text!r} is not an interval such as 30s, 15m or 1h")
    seconds = float(found.group(1)) * _UNITS[(found.group(2) or "s").lower()]
    if seconds > MAX_INTERVAL_SECONDS:
        raise ValueError(f"{text!r} is longer than a year (366d)")
    return seconds


@dataclass
class Round:
    """What one round did: the JSON line it leaves in the log."""

    round: int
    started: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(
        timespec="seconds"))
    new: int = 0
    rebuilt: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    not_modified: int = 0  #: answers 304: asked for, not sent again
    requests: int = 0  #: requests made for sources and their pages
    offline: bool = False  #: a source could not be fetched
    stopped: bool = False  #: SIGTERM or Ctrl-C ended it before its end
    seconds: float = 0.0

    def line(self) -> str:
        return (f"round {self.round}: {self.new} new, {self.rebuilt} rebuilt, {self.unchanged} "
                f"unchanged, {self.failed} failed; {self.requests} requests, "
                f"{self.not_modified} not modified")


def settings_digest(options: BuildOptions) -> str:
    """A digest of what every episode is made with apart from its page: the show, the
    reading and encoding options, the engine and its voices, the site rules. When it
    changes, every page is asked for whole again, so that each episode is rebuilt as
    `build` would rebuild it (a 304 would otherwise keep the old one for ever)."""
    reading, engine = options.reading, options.engine
    sites = sorted((host, repr(site.read), site.lexicon.version)
                   for host, site in reading.sites.items())
    parts = [__version__, repr(options.show), repr(reading.options), reading.lang,
             reading.normaliser.lexicon.version, sites, repr(reading.framing), engine.name,
             sorted(engine.options.items()), repr(engine.router), repr(options.encoding),
             options.earcons, options.daisy, options.on_edit]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


class Memory:
    """What each URL answered the last time all it stood for was dealt with: its
    validators; for a feed or sitemap the pages it listed, for a sitemap index its
    sitemaps; for a page its episode (None: left out, as the page asks).

    The file is input: it is forgotten whole when it is not ours (too large, not
    JSON of our shape, made with other settings); only validators that can be sent
    back are used; a page whose episode is no longer complete is forgotten; and the
    URLs it names are only ever looked up, never asked for because it names them."""

    def __init__(self, out: Path, settings: str) -> None:
        self.path = out / STATE_NAME
        self.settings = settings
        self.entries = self._read()

    def _read(self) -> dict[str, dict]:
        try:  # never through a link, nor from a pipe or a device (a FIFO waits for ever)
            data = read_regular(self.path, MAX_STATE_BYTES)
            state = json.loads(data) if len(data) <= MAX_STATE_BYTES else None
        except (OSError, ValueError, RecursionError):
            return {}
        if not (isinstance(state, dict) and isinstance(state.get("urls"), dict)):
            log.info("%s is not a state of ours: every source is asked for whole", self.path)
            return {}
        if state.get("settings") != self.settings:
            log.info("the settings changed since the last round: every source is asked for whole")
            return {}
        return {url: entry for url, entry in state["urls"].items() if isinstance(entry, dict)}

    def validators(self, url: str) -> dict[str, str]:
        return usable_validators(self.entries.get(url, {}))

    def listed(self, url: str, kind: str = "pages") -> list[str] | None:
        """The pages a remembered feed or sitemap listed (`kind` "sitemaps": the
        sitemaps of an index); None if it was no such thing."""
        urls = self.entries.get(url, {}).get(kind)
        return [u for u in urls if isinstance(u, str)] if isinstance(urls, list) else None

    def was_listing(self, url: str) -> bool:
        return self.listed(url) is not None or self.listed(url, "sitemaps") is not None

    def settled(self, url: str) -> bool:
        """Whether a 304 for `url` would say all there is: a page's, or a feed's or
        sitemap's every page of which is remembered (a sitemap index never: a site
        adds its pages to its sitemaps, not to the index)."""
        if self.listed(url, "sitemaps") is not None:
            return False
        return all(page in self.entries for page in self.listed(url) or ())

    def forget_gone(self, episodes: set[str]) -> None:
        """Forget the pages whose episode is no longer complete in the output folder."""
        self.entries = {url: entry for url, entry in self.entries.items()
                        if not isinstance(entry.get("episode"), str)
                        or entry["episode"] in episodes}

    def save(self, sources: list[str], fresh: dict[str, dict], failed: set[str]) -> None:
        """Keep what this round learnt (`fresh`), and of the rest what the sources
        still lead to and did not fail (so that a feed holding a page that failed is
        read again next round)."""
        known = {**{url: entry for url, entry in self.entries.items() if url not in failed},
                 **fresh}
        kept: dict[str, dict] = {}
        waiting = [source for source in sources if is_url(source)]
        while waiting:
            url = waiting.pop()
            if url in kept or url not in known:
                continue
            kept[url] = known[url]
            for kind in ("pages", "sitemaps"):
                urls = kept[url].get(kind)
                waiting += [u for u in urls if isinstance(u, str)] if isinstance(urls, list) else []
        self.entries = kept
        write_atomic(self.path, json.dumps({"settings": self.settings, "urls": kept}, indent=1,
                                           sort_keys=True).encode())


class Watch:
    """The watch of `sources` into `options.out`, one round after another."""

    def __init__(self, sources: list[str], options: BuildOptions,
                 lines: Callable[[Observer], dict], quiet: bool = False) -> None:
        self.sources, self.options, self.lines, self.quiet = sources, options, lines, quiet
        self.settings = settings_digest(options)
        self.log_path = options.out / LOG_NAME

    def run(self, every: float, rounds: int | None = None) -> int:
        """Rounds until `rounds` are done or a signal ends them; 1 if the last round
        had failures, else 0 (and 0 when stopped)."""
        previous = signal.signal(signal.SIGTERM, _interrupt)
        done, retry, current = 0, FIRST_RETRY_SECONDS, None
        try:
            while rounds is None or done < rounds:
                if done:
                    wait = min(retry, every) if current.offline else every
                    retry = min(retry * 2, every) if current.offline else FIRST_RETRY_SECONDS
                    threading.Event().wait(wait)
                current = self._locked_round()
                done += 1
            return 1 if current and current.failed else 0
        except KeyboardInterrupt:
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)

    def _locked_round(self) -> Round:
        """One round, holding the output folder; a folder another build or watch holds
        (or that cannot be written) is one line, and the round is left to the next."""
        current = Round(0)
        try:
            self.options.out.mkdir(parents=True, exist_ok=True)
            with build_lock(self.options.out):
                current.round = self._last_round() + 1
                try:
                    self.run_round(current)
                except KeyboardInterrupt:
                    current.stopped = True
                    self._log(current)
                    raise
        except (BuildLocked, OSError) as err:
            current.failed += 1
            where = getattr(err, "filename", None) or self.options.out
            problem = str(err) if isinstance(err, BuildLocked) else \
                f"{where}: cannot write the edition ({err.strerror or err})"
            Observer().say(f"audio-edition: error: {printable(problem)}", err=True)
        return current

    def run_round(self, current: Round) -> None:
        """Ask for every source, build what came back, remember what was dealt with."""
        started = time.perf_counter()
        out = self.options.out
        memory = Memory(out, self.settings)
        memory.forget_gone({episode.slug for episode in existing_episodes(out)})
        asking = _Asking(self, memory, current)
        with display("articles", "sentences", shown=not self.quiet) as shown:
            asking.shown = shown
            inputs: list[str | Page] = []
            for source in self.sources:
                if is_url(source):
                    asking.source(source, 0)
                else:
                    inputs.append(source)
            inputs += asking.pages
            if inputs:
                self._build(inputs, asking)
        memory.save(self.sources, asking.fresh, asking.failed)
        current.seconds = round(time.perf_counter() - started, 3)
        self._log(current)
        if not self.quiet:
            print(current.line(), flush=True)

    def _build(self, inputs: list, asking: _Asking) -> None:
        """Build what came back; remember the pages dealt with."""
        current, shown = asking.current, asking.shown
        before = {episode.slug for episode in existing_episodes(self.options.out)}
        try:
            report = build(inputs, self.options, observer=shown, **self.lines(shown))
        except (UserError, OSError) as err:
            current.failed += 1
            asking.failed.update(page.source if isinstance(page, Page) else page for page in inputs)
            shown.say(f"audio-edition: error: {printable(str(err))}", err=True)
            return
        for entry in report.articles:
            status, source = entry.get("status"), entry["source"]
            if status == "built":
                current.rebuilt += entry["episode"] in before
                current.new += entry["episode"] not in before
            elif status == "unchanged":
                current.unchanged += 1
            elif status == "skipped":
                current.skipped += 1
            else:
                current.failed += 1
                asking.failed.add(source)
                continue
            if source in asking.answers:
                asking.fresh[source] = {**asking.answers[source].validators,
                                        "episode": entry["episode"]}

    def _last_round(self) -> int:
        """The number of the last round logged (in the log, else in the one before)."""
        for path in (self.log_path, self.log_path.with_name(LOG_NAME + ".1")):
            try:
                with os.fdopen(open_regular(path), "rb") as stream:  # no link, no FIFO
                    stream.seek(max(0, stream.seek(0, os.SEEK_END) - 8192))
                    tail = stream.read().decode("utf-8", "replace").splitlines()
            except OSError:
                continue
            for line in reversed(tail):
                try:
                    number = json.loads(line).get("round")
                except (ValueError, AttributeError):
                    continue
                if isinstance(number, int):
                    return number
        return 0

    def _log(self, current: Round) -> None:
        """Append the round's line; a log grown past MAX_LOG_BYTES is set aside first.
        Never through a symbolic link."""
        line = (json.dumps(asdict(current)) + "\n").encode()
        try:
            if self.log_path.lstat().st_size + len(line) > MAX_LOG_BYTES:
                os.replace(self.log_path, self.log_path.with_name(LOG_NAME + ".1"))
        except FileNotFoundError:
            pass
        try:
            append_regular(self.log_path, line)  # nor into a FIFO, which waits for a reader
        except OSError as err:
            Observer().say(f"audio-edition: error: {printable(str(self.log_path))}: the round's "
                           f"line cannot be written ({err.strerror or err})", err=True)


class _Asking:
    """The requests of one round: what came back to be built, what was remembered
    anew, what failed."""

    def __init__(self, watch: Watch, memory: Memory, current: Round) -> None:
        self.watch, self.memory, self.current = watch, memory, current
        self.shown: Observer = Observer()
        self.pages: list[Page] = []  #: pages that came back, to build
        self.answers: dict[str, Fetched] = {}  #: their answers, remembered once built
        self.fresh: dict[str, dict] = {}  #: what the memory learns this round
        self.failed: set[str] = set()  #: URLs that failed, to fetch or to build
        self.asked: set[str] = set()

    def source(self, url: str, depth: int) -> None:
        """One source at a URL (or a sitemap an index names): unchanged, a page, a
        feed or sitemap of pages to ask for, or a sitemap index."""
        if url in self.asked:
            return
        answer = self.ask(url, self.memory.validators(url) if self.memory.settled(url) else {})
        if answer is None:
            self.current.offline |= depth == 0
            self._keep(url)
            return
        if answer.data is None:  # it and its pages are as they were: not asked for
            listed = self.memory.listed(url)
            self.current.unchanged += len(listed) if listed is not None else 1
            self.fresh[url] = self.memory.entries[url]
            return
        try:
            sitemaps = indexed_sitemaps(answer.data, url)
            listed = site_listing(answer.data, url) if sitemaps is None else None
        except EditionError as err:
            self.fail(err)
            self._keep(url)
            return
        if sitemaps is not None:
            self._index(url, sitemaps, depth)
        elif listed is not None:
            self._listing(url, answer, listed)
        elif self.memory.was_listing(url):
            self.fail(InputError(url, "was a feed or sitemap and is not one any more (a web "
                                      "page answered); nothing of it is built"))
            self._keep(url)
        else:
            self._page(url, answer, None)

    def _keep(self, url: str) -> None:
        """A source that failed this round is remembered as it was (a feed stays a feed)."""
        if url in self.memory.entries:
            self.fresh[url] = self.memory.entries[url]

    def _index(self, url: str, sitemaps: list, depth: int) -> None:
        if depth >= MAX_SITEMAP_DEPTH:
            self.fail(InputError(url, f"sitemap indexes nested deeper than {MAX_SITEMAP_DEPTH}"))
            return
        for sitemap in sitemaps:
            if isinstance(sitemap, EditionError):
                self.fail(sitemap)
            else:
                self.source(sitemap, depth + 1)
        self.fresh[url] = {"sitemaps": [s for s in sitemaps if isinstance(s, str)]}

    def _listing(self, url: str, answer: Fetched, listed: list) -> None:
        pages = listed_pages(url, listed, self.watch.options.same_host)
        for item in pages:
            if isinstance(item, EditionError):
                self.fail(item)
            elif item.url not in self.asked:
                got = self.ask(item.url, self.memory.validators(item.url))
                if got is None:
                    continue
                if got.data is None:
                    self.current.unchanged += 1
                    self.fresh[item.url] = self.memory.entries[item.url]
                    continue
                self._page(item.url, got, item)
        self.fresh[url] = {**answer.validators,
                           "pages": [item.url for item in pages if not isinstance(item, EditionError)]}

    def _page(self, url: str, answer: Fetched, item) -> None:
        try:
            page = fetched_page(url, answer.data, answer.charset)
            self.pages.append(listed_page(item, page) if item is not None else page)
            self.answers[url] = answer
        except EditionError as err:
            self.fail(err)

    def ask(self, url: str, validators: dict[str, str]) -> Fetched | None:
        """A request for `url`, conditional with `validators`; None when it failed
        (said in one line)."""
        self.asked.add(url)
        self.current.requests += 1
        try:
            answer = fetch_if_changed(url, validators)
        except EditionError as err:
            self.fail(err)
            return None
        self.current.not_modified += answer.data is None
        return answer

    def fail(self, err: EditionError) -> None:
        """One line for what failed; its URL is asked for again next round."""
        self.current.failed += 1
        self.failed.add(err.source)
        self.shown.say(f"audio-edition: error: {printable(str(err))}", err=True)


def _interrupt(signum, frame) -> None:
    """SIGTERM ends the watch as Ctrl-C does."""
    raise KeyboardInterrupt
