"""Text from a page never reaches a terminal, a log or a file raw.

Pages carry control characters (a stray NUL, a backspace, an escape
sequence that would set a terminal's title or colour, a newline in an
attribute that would forge a log line). They are dropped from what is read,
and escaped in anything printed or logged.
"""
from __future__ import annotations

import logging
import re
import unicodedata

#: C0 and C1 control characters other than tab, newline and carriage return
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    """The text with control characters removed (tab and line breaks kept)."""
    return _CONTROLS.sub("", text)


def printable(text: str, keep_newlines: bool = False) -> str:
    """The text with every character a terminal would act on escaped (`\\x1b`,
    `\\n`, bidirectional overrides), so it prints as one line of plain text."""
    out = []
    for char in str(text):
        if char.isprintable() or (keep_newlines and char == "\n"):
            out.append(char)
        elif unicodedata.category(char) == "Zs":  # a no-break or thin space: a space
            out.append(" ")
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)


class PrintableFormatter(logging.Formatter):
    """A log formatter whose every record is one printable line."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record), keep_newlines=bool(record.exc_info))
