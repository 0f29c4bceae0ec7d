"""What a person at a terminal sees while long work goes on (rich).

A batch (articles built, episodes heard) tells an `Observer` how it goes. The
`Display` shows it as one live display on standard error: the batch's line
(items done of their total once known, failures so far, time left) and under
it a line for each item in hand (its title, its units done of their total, its
stage). Lines said meanwhile stay above it; the display leaves the screen when
the batch ends. The plain `Observer` shows nothing and prints what is said: it
is what a pipe, a log file, cron or `-q` get.

Time left comes from the work still to do (characters to speak, seconds to
hear), never from the count of items: articles differ a hundredfold in length.
Work counts as done when it is done, so cached sentences count at once and a
warm rebuild shows its true speed. An item's work is estimated from its size
until it is measured (its script written), at the rate of the items measured.

`transfer` shows the bytes of one file as a download brings them.
"""
from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .printable import printable

if TYPE_CHECKING:  # rich is imported when a display is shown: a pipe or cron never needs it
    from rich.progress import TaskID

#: How often the display is drawn again, changed or not (its clocks tick).
REFRESHES_PER_SECOND = 4


class Observer:
    """Whom a batch tells how it goes. This one shows nothing and prints what is
    said as it is; `Display` shows it all on a terminal."""

    def planned(self, items: Sequence[tuple[str, float | None]], exact: bool = False) -> None:
        """The batch's items are known: each one's key and size (None where unknown);
        with `exact`, the sizes are the items' work itself."""

    def started(self, key: str, label: str) -> None:
        """Work on an item begins; `label` names it until it has a title."""

    def update(self, key: str, *, label: str | None = None, stage: str | None = None,
               done: int | None = None, total: int | None = None,
               work: float | None = None, work_done: float | None = None) -> None:
        """An item in hand moved: its title, its stage, its units done of their
        total (sentences, seconds), its work done of all its work."""

    def finished(self, key: str, failed: bool = False) -> None:
        """An item is done with, built or failed (also one never started)."""

    def say(self, line: str, err: bool = False) -> None:
        """Print a line (already printable) on standard output, or error."""
        stream = sys.stderr if err else sys.stdout
        stream.write(line + "\n")
        stream.flush()


@dataclass
class _Item:
    key: str
    size: float | None = None
    work: float | None = None  #: its work, once measured
    work_done: float = 0.0
    task: TaskID | None = None  #: its line, while in hand
    over: bool = False
    failed: bool = False


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"


class Display(Observer):
    """The live display of a batch of `noun` ("articles") whose items are done in
    `unit` ("sentences"), on standard error."""

    def __init__(self, noun: str, unit: str) -> None:
        from rich.console import Console, Group
        from rich.live import Live
        from rich.progress import (BarColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn)
        from rich.table import Column

        self.noun, self.unit = noun, unit
        self.console = Console(file=sys.stderr, highlight=False, emoji=False)
        wide = Column(ratio=1, no_wrap=True, overflow="ellipsis")
        self._batch = Progress(SpinnerColumn(), TextColumn("{task.description}", markup=False),
                               BarColumn(), TimeElapsedColumn(),
                               TextColumn("{task.fields[left]}", markup=False),
                               console=self.console)
        self._hand = Progress(TextColumn("  {task.description}", markup=False, table_column=wide),
                              TextColumn("{task.fields[count]}", markup=False), BarColumn(20),
                              TextColumn("{task.fields[stage]}", markup=False,
                                         table_column=Column(min_width=10)),
                              TimeElapsedColumn(), console=self.console,
                              expand=True)  # the title takes what the others leave
        self._task = self._batch.add_task("", total=None, left="")
        self._live = Live(Group(self._batch, self._hand), console=self.console, transient=True,
                          refresh_per_second=REFRESHES_PER_SECOND, redirect_stdout=False,
                          redirect_stderr=False)
        self._lock = threading.RLock()
        self._items: dict[str, list[_Item]] = {}  #: by key (two inputs may share a name)
        self._known = False  #: whether the batch's items are known
        self._done = self._failed = 0
        self._began: float | None = None  #: when the first item started

    def __enter__(self) -> Display:
        from rich.file_proxy import FileProxy

        self._live.start()
        # log lines to the terminal go above the display too, not through it
        self._logs = [(handler, handler.setStream(FileProxy(self.console, sys.stderr)))
                      for handler in logging.getLogger().handlers
                      if type(handler) is logging.StreamHandler and handler.stream is sys.stderr]
        self._show()
        return self

    def __exit__(self, *exc) -> None:
        for handler, stream in self._logs:
            handler.setStream(stream)
        self._live.stop()

    def planned(self, items: Sequence[tuple[str, float | None]], exact: bool = False) -> None:
        with self._lock:
            for key, size in items:
                self._items.setdefault(key, []).append(
                    _Item(key, size, work=size if exact else None))
            self._known = True
            self._show()

    def started(self, key: str, label: str) -> None:
        with self._lock:
            item = self._item(key)
            self._began = self._began or time.monotonic()
            item.task = self._hand.add_task(printable(label), total=None, count="",
                                            stage="starting")
            self._show()
            self._live.refresh()

    def update(self, key: str, *, label: str | None = None, stage: str | None = None,
               done: int | None = None, total: int | None = None,
               work: float | None = None, work_done: float | None = None) -> None:
        with self._lock:
            item = self._item(key)
            if work is not None:
                item.work = work
            if work_done is not None:
                item.work_done = work_done
            if item.task is None:
                return
            changes: dict = {}
            if label is not None:
                changes["description"] = printable(label)
            if stage is not None:
                changes["stage"] = stage
            if total is not None:
                changes["total"] = total
            if done is not None:
                changes["completed"] = done
            self._hand.update(item.task, **changes)
            task = self._hand.tasks[self._hand.task_ids.index(item.task)]
            if task.total is not None:
                self._hand.update(item.task, count=f"{int(task.completed)}/{int(task.total)} "
                                                   f"{self.unit}")
            self._show()
            if done is not None:
                self._live.refresh()  # every count a person could see is drawn

    def finished(self, key: str, failed: bool = False) -> None:
        with self._lock:
            item = self._item(key)
            item.over, item.failed = True, failed
            if failed:
                self._failed += 1
            else:
                self._done += 1
                item.work_done = item.work or 0.0
            if item.task is not None:
                self._hand.remove_task(item.task)
                item.task = None
            self._show()
            self._live.refresh()

    def say(self, line: str, err: bool = False) -> None:
        stream = sys.stderr if err else sys.stdout
        if stream.isatty():  # the display's terminal: the line goes above the display
            from rich.text import Text

            self.console.print(Text(line), soft_wrap=True)
        else:
            super().say(line, err)

    def _item(self, key: str) -> _Item:
        """The first item of `key` not over (one the plan did not know is added)."""
        for item in self._items.setdefault(key, []):
            if not item.over:
                return item
        item = _Item(key)
        self._items[key].append(item)
        return item

    def _show(self) -> None:
        """The batch's line: items done of their total, failures, work, time left."""
        items = [item for group in self._items.values() for item in group]
        count = f"{self._done + self._failed}/{len(items)}" if self._known else \
            f"{self._done + self._failed}"
        failed = f", {self._failed} failed" if self._failed else ""
        done, whole = self._work(items)
        left = ""
        if whole is not None and self._began is not None and 0 < done < whole:
            speed = done / max(time.monotonic() - self._began, 1e-6)
            left = f"{_clock((whole - done) / speed)} left"
        self._batch.update(self._task, description=f"{count} {self.noun}{failed}",
                           total=whole, completed=done, left=left)

    def _work(self, items: list[_Item]) -> tuple[float, float | None]:
        """The work done, and all the work (None while nothing tells): each item's
        as measured, else estimated from its size at the rate of the measured ones,
        else as much as a measured one on average."""
        done = sum(item.work_done for item in items)
        measured = [item for item in items if item.work is not None and not item.failed]
        if not self._known or not measured:
            return done, None
        sized = [item for item in measured if item.size]
        rate = sum(i.work for i in sized) / sum(i.size for i in sized) if sized else None
        typical = sum(item.work for item in measured) / len(measured)

        def work(item: _Item) -> float:
            if item.over and (item.failed or item.work is None):
                return item.work_done  # what it did not do is no longer to do
            if item.work is not None:
                return item.work
            return rate * item.size if rate is not None and item.size else typical

        return done, sum(work(item) for item in items)


def display(noun: str, unit: str, shown: bool) -> Observer:
    """A live display of a batch when `shown` and standard error is a terminal;
    else the plain Observer."""
    return Display(noun, unit) if shown and sys.stderr.isatty() else _Plain()


class _Plain(Observer):
    def __enter__(self) -> Observer:
        return self

    def __exit__(self, *exc) -> None:
        pass


@contextmanager
def transfer(name: str, size: int | None, shown: bool = True) -> Iterator[Callable[[int], None]]:
    """The bytes of one file as they arrive, on standard error when it is a
    terminal and `shown`: use the function given to count each chunk. The bar
    leaves the screen when the file is done."""
    if not (shown and sys.stderr.isatty()):
        yield lambda count: None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn,
                               TimeRemainingColumn, TransferSpeedColumn)

    bar = Progress(TextColumn("{task.description}", markup=False), BarColumn(), DownloadColumn(),
                   TransferSpeedColumn(), TimeRemainingColumn(),
                   console=Console(file=sys.stderr, highlight=False, emoji=False),
                   transient=True, refresh_per_second=REFRESHES_PER_SECOND)
    with bar:
        task = bar.add_task(printable(name), total=size)
        yield lambda count: bar.advance(task, count)
