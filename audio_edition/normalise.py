"""Speech normalisation: written forms become what a voice should say.

Each rule is a small function, text in and text out. `DEFAULT_RULES` is the
one visible order in which they run; callers can pass their own list.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

Rule = Callable[[str], str]

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                         "\u00bb": '"', "\u00a0": " ", "\u2009": " ", "\u202f": " "})


def plain_quotes(text: str) -> str:
    """Curly quotes and guillemets to plain ones, odd spaces to plain spaces.

    The voice's phonemiser treats both alike; plain forms keep the rest of the
    rules simple.
    """
    return text.translate(_QUOTES)


def dashes(text: str) -> str:
    """A spaced or em dash is a pause; an en dash between numbers is "to"."""
    text = re.sub(r"(?<=\d)\s*\u2013\s*(?=\d)", " to ", text)
    return re.sub(r"\s*[\u2014\u2013]\s*|\s+-{1,2}\s+", ", ", text)


def ellipsis(text: str) -> str:
    """The ellipsis character as three dots, which the voice reads as a pause."""
    return text.replace("\u2026", "...")


def whitespace(text: str) -> str:
    """Collapse runs of whitespace; engines may read a newline as a sentence end."""
    return " ".join(text.split())


DEFAULT_RULES: tuple[Rule, ...] = (plain_quotes, ellipsis, dashes, whitespace)


def normalise(text: str, rules: Sequence[Rule] = DEFAULT_RULES) -> str:
    """Apply the rules in order."""
    for rule in rules:
        text = rule(text)
    return text
