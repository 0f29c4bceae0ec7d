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
#: What opens a directional embedding or override (LRE, RLE, LRO, RLO) or an
#: isolate (LRI, RLI, FSI), and what closes each (PDF, PDI).
_EMBEDDINGS, _ISOLATES, _PDF, _PDI = "\u202a\u202b\u202d\u202e", "\u2066\u2067\u2068", "\u202c", "\u2069"
_BIDI = re.compile(f"[{_EMBEDDINGS}{_ISOLATES}{_PDF}{_PDI}]")


def without_controls(text: str) -> str:
    """The text with control characters removed (tab and line breaks kept)."""
    return _CONTROLS.sub("", text)


def bidi_balanced(text: str) -> str:
    """The text with every directional embedding, override and isolate it opens
    closed at its end, and closings without an opening dropped: a title whose
    right-to-left override is never closed otherwise turns around whatever is
    written after it on the same line (the show's name beside it in a page title)."""
    if not _BIDI.search(text):
        return text
    out: list[str] = []
    opened: list[str] = []  # the closing character each open one needs
    for char in text:
        if char in _EMBEDDINGS or char in _ISOLATES:
            opened.append(_PDF if char in _EMBEDDINGS else _PDI)
        elif char == _PDF and not (opened and opened[-1] == _PDF):
            continue  # nothing of its own to close
        elif char == _PDI:
            if _PDI not in opened:
                continue
            while opened[-1] != _PDI:  # an isolate's end closes what was opened inside it
                out.append(opened.pop())
            opened.pop()
        elif char == _PDF:
            opened.pop()
        out.append(char)
    return "".join(out + opened[::-1])


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
