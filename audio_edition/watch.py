"""Watch: `build` on a schedule, remembering what it fetched and what it published.

Each round asks again for every source at a URL with a conditional request (the
ETag and Last-Modified of the last answer, kept in the output folder): an
unchanged feed or sitemap costs one 304, and its pages are not asked for; a
changed one is read, and each page it lists is asked for in turn, conditionally
too, so an unchanged page is not downloaded again. The pages that came back are
built: a new article becomes an episode, an edited one is rebuilt under its guid
when what is spoken changed (the pipeline compares scripts, not HTML), or never
with `--on-edit keep`. Files and folders are built as `build` builds them.

An answer is remembered only once everything it stands for was dealt with, so a
page that failed is asked for again next round. A source that cannot be fetched
is one line and the round goes on; while the network is away the next round
comes after a wait that doubles up to the interval. SIGTERM or Ctrl-C abandon the
article in hand (its files are removed; the feed is only ever replaced whole)
and end the watch with 0. Each round appends one JSON line to the log.
"""
from __future__ import annotations

import json
import logging
import re
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .batch import build, listed_pages
from .errors import EditionError, UserError
from .files import write_atomic
from .pipeline import BuildOptions
from .printable import printable
from .progress import Observer, display
from .publish.episode import existing_episodes
from .read.load import Fetched, Page, fetch_if_changed, fetched_page, is_url, listed_page, \
    site_listing

log = logging.getLogger(__name__)
STATE_NAME = ".audio-edition-watch.json"  #: what each URL answered last, in the output folder
LOG_NAME = ".audio-edition-watch.log"  #: one JSON line per round, in the output folder
#: The first wait after a round that could not reach a source; it doubles up to the interval.
FIRST_RETRY_SECONDS = 30.0
_INTERVAL = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds of an interval written `90s`, `15m`, `1h`, `1d` or as seconds."""
    found = _INTERVAL.fullmatch(text)
    if not found or float(found.group(1)) <= 0:
        raise ValueError(f"{text!r} is not an interval such as 30s, 15m or 1h")
    return float(found.group(1)) * _UNITS[(found.group(2) or "s").lower()]


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


class Memory:
    """What each URL answered the last time everything it stood for was dealt with:
    its validators, and for a feed or sitemap how many pages it listed."""

    def __init__(self, out: Path) -> None:
        self.path = out / STATE_NAME
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = {}
        self.entries: dict[str, dict] = entries if isinstance(entries, dict) else {}

    def validators(self, url: str) -> dict[str, str]:
        entry = self.entries.get(url)
        return {k: v for k, v in entry.items() if k in ("etag", "last_modified")
                and isinstance(v, str)} if isinstance(entry, dict) else {}

    def pages(self, url: str) -> int:
        pages = self.entries.get(url, {}).get("pages", 0)
        return pages if isinstance(pages, int) else 0

    def remember(self, url: str, answer: Fetched, pages: int) -> None:
        self.entries[url] = {**answer.validators, "pages": pages}

    def save(self) -> None:
        write_atomic(self.path, json.dumps(self.entries, indent=1, sort_keys=True).encode())


@dataclass
class _Asked:
    """An answer that came back, and the URLs whose success it waits for."""

    answer: Fetched
    pages: int
    needs: list[str]


class Watch:
    """The watch of `sources` into `options.out`, one round after another."""

    def __init__(self, sources: list[str], options: BuildOptions,
                 lines: Callable[[Observer], dict], quiet: bool = False) -> None:
        self.sources, self.options, self.lines, self.quiet = sources, options, lines, quiet
        self.memory = Memory(options.out)
        self.log_path = options.out / LOG_NAME
        self._last_logged = 0  #: the number of the last round written to the log

    def run(self, every: float, rounds: int | None = None) -> int:
        """Rounds until `rounds` are done or a signal ends them; 1 if the last round
        had failures, else 0 (and 0 when stopped)."""
        previous = signal.signal(signal.SIGTERM, _interrupt)
        number, done, retry, current = self._rounds_logged(), 0, FIRST_RETRY_SECONDS, None
        try:
            while rounds is None or done < rounds:
                if done:
                    wait = min(retry, every) if current.offline else every
                    retry = min(retry * 2, every) if current.offline else FIRST_RETRY_SECONDS
                    threading.Event().wait(wait)
                current = Round(number + done + 1)
                self.run_round(current)
                done += 1
            return 1 if current and current.failed else 0
        except KeyboardInterrupt:
            if current is not None and self._last_logged != current.round:
                current.stopped = True
                self._log(current)
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)

    def run_round(self, current: Round) -> None:
        """Ask for every source, build what came back, remember what was dealt with."""
        started = time.perf_counter()
        self.options.out.mkdir(parents=True, exist_ok=True)
        failed: set[str] = set()  #: URLs that failed, to fetch or to build
        inputs: list[str | Page] = []
        asked: dict[str, _Asked] = {}
        shown = display("articles", "sentences", shown=not self.quiet)
        with shown:
            for source in self.sources:
                if is_url(source):
                    self._source(source, current, inputs, asked, failed, shown)
                else:
                    inputs.append(source)
            if inputs:
                self._build(inputs, current, failed, shown)
        for url, entry in asked.items():
            if not failed.intersection(entry.needs):
                self.memory.remember(url, entry.answer, entry.pages)
        self.memory.save()
        current.seconds = round(time.perf_counter() - started, 3)
        self._log(current)
        if not self.quiet:
            print(current.line(), flush=True)

    def _source(self, source: str, current: Round, inputs: list, asked: dict,
                failed: set[str], shown: Observer) -> None:
        """One source at a URL: unchanged, a page, or a listing of pages to ask for."""
        answer = self._ask(source, current, failed, shown)
        if answer is None:
            current.offline = True
            return
        if answer.data is None:  # its pages are as they were: not asked for
            current.unchanged += self.memory.pages(source)
            return
        try:
            listed = site_listing(answer.data, source)
            if listed is None:
                inputs.append(fetched_page(source, answer.data, answer.charset))
                asked[source] = _Asked(answer, 0, [source])
                return
        except EditionError as err:
            self._failed(err, current, failed, shown)
            return
        needs = [source]
        pages = listed_pages(source, listed, self.options.same_host)
        for item in pages:
            if isinstance(item, EditionError):
                self._failed(item, current, failed, shown)
                needs.append(item.source)
                continue
            needs.append(item.url)
            got = self._ask(item.url, current, failed, shown)
            if got is None:
                continue
            if got.data is None:
                current.unchanged += 1
                continue
            try:
                inputs.append(listed_page(item, fetched_page(item.url, got.data, got.charset)))
                asked[item.url] = _Asked(got, 0, [item.url])
            except EditionError as err:
                self._failed(err, current, failed, shown)
        asked[source] = _Asked(answer, len(pages), needs)

    def _ask(self, url: str, current: Round, failed: set[str],
             shown: Observer) -> Fetched | None:
        """A conditional request for `url`; None when it failed (said in one line)."""
        current.requests += 1
        try:
            answer = fetch_if_changed(url, self.memory.validators(url))
        except EditionError as err:
            self._failed(err, current, failed, shown)
            return None
        current.not_modified += answer.data is None
        return answer

    def _failed(self, err: EditionError, current: Round, failed: set[str],
                shown: Observer) -> None:
        """One line for what failed; its URL (and so what needs it) is asked again."""
        current.failed += 1
        failed.add(err.source)
        shown.say(f"audio-edition: error: {printable(str(err))}", err=True)

    def _build(self, inputs: list, current: Round, failed: set[str], shown: Observer) -> None:
        """Build what came back; a build that cannot start (another holds the folder)
        is one line, and everything is asked for again next round."""
        before = {episode.slug for episode in existing_episodes(self.options.out)}
        try:
            report = build(inputs, self.options, observer=shown, **self.lines(shown))
        except (UserError, OSError) as err:
            current.failed += 1
            failed.update(page.source if isinstance(page, Page) else page for page in inputs)
            shown.say(f"audio-edition: error: {printable(str(err))}", err=True)
            return
        for entry in report.articles:
            status = entry.get("status")
            if status == "built":
                current.rebuilt += entry["episode"] in before
                current.new += entry["episode"] not in before
            elif status == "unchanged":
                current.unchanged += 1
            elif status == "skipped":
                current.skipped += 1
            else:
                current.failed += 1
                failed.add(entry["source"])

    def _rounds_logged(self) -> int:
        try:
            return sum(1 for line in self.log_path.read_text(encoding="utf-8").splitlines()
                       if line.strip())
        except OSError:
            return 0

    def _log(self, current: Round) -> None:
        with open(self.log_path, "a", encoding="utf-8") as stream:
            stream.write(json.dumps(asdict(current)) + "\n")
        self._last_logged = current.round


def _interrupt(signum, frame) -> None:
    """SIGTERM ends the watch as Ctrl-C does."""
    raise KeyboardInterrupt
