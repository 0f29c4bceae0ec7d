"""Errors a user can fix. Each says in one line what is wrong and where (the input,
the file, the option); the CLI catches `UserError` once, prints that line and exits
with the error's code."""
from __future__ import annotations

from .printable import printable


class UserError(Exception):
    """Something the user must fix: its `str()` is the one line the CLI prints."""

    #: 1: an input or the build failed; 2: a setting cannot be used.
    exit_code = 1


class SettingsError(UserError, ValueError):
    """A setting the user gave cannot be used: a config file, an option, a lexicon,
    the show's image; the message names it."""

    exit_code = 2


class EditionError(UserError):
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
