"""Errors that name the input they concern, so the CLI can print one clear line."""
from __future__ import annotations

from .printable import printable


class EditionError(Exception):
    """Something about one input (or the build) that a user must fix.

    `str()` gives "SOURCE: problem", the single line the CLI prints.
    """

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(printable(f"{source}: {problem}"))
        self.source = source
        self.problem = problem


class InputError(EditionError):
    """The input cannot be read as an HTML article."""


class NoArticleError(InputError):
    """The page was read but holds no article to speak."""


class EngineError(EditionError):
    """The speech engine failed on this input."""
