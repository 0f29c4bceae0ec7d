"""Writing files so that nobody ever reads half of one: every file of an edition
and of the clip cache is written beside its final name and renamed into place."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import SettingsError


def write_atomic(path: Path, *chunks: bytes, durable: bool = True) -> None:
    """Write `chunks` to a temporary file in `path`'s folder, flush them to disk,
    then rename the file over `path`: a reader sees the old file or the new one.
    Not `durable`, the flush is left to the system (a cache whose reader checks each
    file: after a power cut one may be empty, read as damaged and made again)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    make_readable(Path(temp))
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(chunk)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def read_regular(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of the regular file at `path`, read as the input an
    output folder's records are (it may be shared or synced): never through a
    symbolic link (a record of one folder that reads another's file, or any file),
    and never from a pipe or a device (a FIFO that waits for ever, /dev/zero that
    never ends). OSError, in words, for what is not such a file."""
    with os.fdopen(open_regular(path), "rb") as stream:
        return stream.read(limit + 1)


def append_regular(path: Path, data: bytes) -> None:
    """Add `data` at the end of the regular file at `path` (made if missing), never
    through a symbolic link, nor into a pipe or a device (OSError, in words)."""
    with os.fdopen(open_regular(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT), "ab") as stream:
        stream.write(data)


def open_regular(path: Path, flags: int = os.O_RDONLY) -> int:
    """A descriptor of the regular file at `path`, opened with `flags` without
    following a link or waiting on a pipe. Anything else is an OSError whose text is
    "PATH: problem" (and whose `strerror` is the problem)."""
    try:
        handle = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK, 0o666)
    except OSError as err:
        if os.path.islink(path):
            raise _problem(path, "a symbolic link, which is never followed") from None
        if os.path.exists(path) and not os.path.isfile(path):
            raise _problem(path, "not a regular file") from None
        raise _problem(path, f"cannot be opened ({err.strerror})") from None
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise _problem(path, "not a regular file")
    return handle


def _problem(path: Path, problem: str) -> OSError:
    error = OSError(f"{path}: {problem}")
    error.strerror = problem
    return error


def temporary_beside(folder: Path, prefix: str, suffix: str) -> Path:
    """An empty hidden file in `folder` for a tool to write into, renamed into place
    later (or removed) by its caller. Its path is `folder`'s, relative if that is (mkstemp
    gives an absolute one, which the episode folder's own paths would not match)."""
    handle, name = tempfile.mkstemp(prefix=prefix, suffix=f".partial{suffix}", dir=folder)
    os.close(handle)
    made = folder / Path(name).name
    make_readable(made)
    return made


def make_readable(path: Path) -> None:
    """Give a temporary file the usual permissions (mkstemp makes it private),
    so the published edition can be served."""
    umask = os.umask(0)
    os.umask(umask)
    path.chmod(0o666 & ~umask)


def data_home(variable: str, under_home: str, option: str) -> Path:
    """The folder an XDG variable names, else `under_home` in the home folder; when
    neither is known, a SettingsError naming the `option` that says where instead."""
    if os.environ.get(variable):
        return Path(os.environ[variable])
    try:
        return Path.home() / under_home
    except RuntimeError:  # no HOME, and no home in the password database
        raise SettingsError(f"no home folder is known for this user and {variable} is not set: "
                            f"give {option}") from None
