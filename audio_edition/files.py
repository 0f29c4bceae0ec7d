"""Writing files so that nobody ever reads half of one: every file of an edition
and of the clip cache is written beside its final name and renamed into place."""
from __future__ import annotations

import os
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
