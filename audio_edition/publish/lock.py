"""The build lock: one build at a time writes an output folder.

An advisory `flock` on `.audio-edition.lock`, which the OS releases when the
build ends, however it ends. Three rules keep it from doing harm:
- the lock file is opened without following a symlink, is never truncated
  unless it holds nothing but a lock record of ours, and a hard link to some
  other file is refused;
- the lock belongs to the building process alone: a forked child (a pool
  worker) closes its copy at once, so a killed build's workers cannot keep
  the folder locked;
- a lock still held although the build named in it is gone (its workers
  outlived it) is taken over with a warning: the file is replaced by a new
  one and the old one's holders keep a lock on nothing.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import UserError

log = logging.getLogger(__name__)

LOCK_NAME = ".audio-edition.lock"
_RECORD = re.compile(r"^pid (\d+)(?: started (\d+))?\s*$")
#: Descriptors of the locks this process holds; a forked child closes them.
_HELD: set[int] = set()
#: The output folders this process holds, by their resolved path (a watch holds its
#: folder for a whole round, and the build it runs in it finds it held already).
_FOLDERS: set[str] = set()


class BuildLocked(UserError):
    """Another build is writing the same output folder, or the lock cannot be used."""


def _close_in_child() -> None:
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()
    _FOLDERS.clear()


os.register_at_fork(after_in_child=_close_in_child)


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name; None where there is none."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _started(pid: int) -> str | None:
    """When a process started (clock ticks since boot), to tell it from a later
    process that reuses its pid."""
    stat = _stat(pid)
    return stat[19] if stat else None


def _alive(pid: int, started: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = _stat(pid)
    if stat is None:  # no /proc here: the pid is all we know
        return True
    return stat[0] not in ("Z", "X") and (started is None or stat[19] == started)


def _record() -> str:
    started = _started(os.getpid())
    return f"pid {os.getpid()}" + (f" started {started}" if started else "")


def _open(path: Path) -> int:
    """Open (or create) the lock file, never through a symlink, never a hard link."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise BuildLocked(f"{path} is a symbolic link; remove it (the lock file is "
                              "never opened through a link)") from None
        raise BuildLocked(f"{path}: cannot open the lock file ({err.strerror})") from None
    info = os.fstat(fd)
    if not (info.st_mode & 0o170000 == 0o100000) or info.st_nlink != 1:
        os.close(fd)
        raise BuildLocked(f"{path} is not a lock file of ours (a special file or a hard link); "
                          "remove it")
    return fd


def _read(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 256).decode("utf-8", "replace")


def _same_file(fd: int, path: Path) -> bool:
    try:
        here = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold the lock of output folder `out` for the duration of a build (at once if
    this process holds it already)."""
    folder = str(out.resolve())
    if folder in _FOLDERS:
        yield
        return
    path = out / LOCK_NAME
    for _ in range(5):  # another build may replace the file between open and lock
        fd = _open(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            content = _read(fd)
            found = _RECORD.match(content)
            if found and not _alive(int(found.group(1)), found.group(2)):
                log.warning("%s: the build that held this folder (pid %s) is gone; taking over "
                            "its lock", out, found.group(1))
                if _same_file(fd, path):  # not already replaced by another taker
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(path)
                os.close(fd)
                continue
            os.close(fd)
            holder = content.strip() if found else "another process"
            raise BuildLocked(f"{out}: another build ({holder}) is writing this folder; "
                              "wait for it to finish") from None
        if not _same_file(fd, path):  # replaced while we waited: lock the new one
            os.close(fd)
            continue
        content = _read(fd)
        if content.strip() and not _RECORD.match(content):
            os.close(fd)
            raise BuildLocked(f"{path} holds something other than a lock record; it is left "
                              "alone: remove it or build into another folder")
        break
    else:
        raise BuildLocked(f"{out}: the lock file keeps changing; is another build starting?")
    _HELD.add(fd)
    _FOLDERS.add(folder)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, _record().encode(), 0)
        yield
    finally:
        _FOLDERS.discard(folder)
        _HELD.discard(fd)
        os.close(fd)
