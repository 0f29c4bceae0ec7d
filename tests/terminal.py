"""A program run on a pseudo-terminal, as a person at a terminal runs it: what it
writes is read as it comes, and waited for by what appears, never by the clock
(the deadline only ends a test that would otherwise hang)."""
from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from pathlib import Path

#: A failing test ends after this long; a passing one never waits for it.
DEADLINE_SECONDS = 600


class Terminal:
    """`argv` on a new pseudo-terminal of `columns` x `lines`, its controlling
    terminal (a shell on it has job control, as in a terminal window)."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path,
                 columns: int = 100, lines: int = 30) -> None:
        self.columns, self.lines = columns, lines
        self.output = b""
        self.chunks: list[bytes] = []  #: what each read returned, in order
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: size its terminal, then become the program
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
                os.chdir(cwd)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.status: int | None = None

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def _read(self, timeout: float) -> bool:
        """Read what is there within `timeout` seconds; False at the end of output."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: every process on the terminal has closed it
            return False
        if not chunk:
            return False
        self.output += chunk
        self.chunks.append(chunk)
        return True

    def text(self) -> str:
        return self.output.decode("utf-8", "replace")

    def wait_for(self, pattern: str, after: int = 0) -> re.Match:
        """The first match of `pattern` in what was written from byte `after` on,
        once it has appeared."""
        end = time.monotonic() + DEADLINE_SECONDS
        while True:
            found = re.search(pattern, self.output[after:].decode("utf-8", "replace"))
            if found:
                return found
            if time.monotonic() > end or not self._read(1.0):
                raise AssertionError(f"never appeared: {pattern!r}; the terminal showed:\n"
                                     f"{self.text()[-3000:]}")

    def finish(self) -> int:
        """Read to the end of the program's output; its exit status."""
        end = time.monotonic() + DEADLINE_SECONDS
        while self._read(1.0):
            if time.monotonic() > end:
                raise AssertionError(f"never ended; the terminal showed:\n{self.text()[-3000:]}")
        _, status = os.waitpid(self.pid, 0)
        self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def close(self) -> None:
        if self.status is None:  # a failed test: end what it started
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.status = -signal.SIGKILL
        os.close(self.fd)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
