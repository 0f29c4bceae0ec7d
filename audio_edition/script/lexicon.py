"""The user's pronunciation lexicon: word -> spoken form, per language, applied last.

Entries match the text as on the page (so "SQL" = "sequel" works although the
rules would spell SQL out), and what they say is final: `protect` swaps each
match for a private-use placeholder that no rule touches, and `restore` puts
the user's spoken form in its place after the rules have run.

Two formats are read:
- TOML: a table per language ("en", "fr-CA", or "*" for every language), each
  key a word (matched as a whole word, case as written) or a /regex/, each
  value what to say (a regex replacement may use \\1 for its groups);
- W3C PLS (Pronunciation Lexicon Specification 1.0): each lexeme's graphemes
  are said as its first <alias>. Lexemes with only a <phoneme> are skipped
  and logged, since not every engine takes phonemes.
"""
from __future__ import annotations

import hashlib
import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SettingsError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

log = logging.getLogger(__name__)
PLS_NS = "http://www.w3.org/2005/01/pronunciation-lexicon"
#: placeholders are characters of the Unicode private use area
PLACEHOLDER_BASE = 0xF0000
PLACEHOLDER_LIMIT = 0xFFFD
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class LexiconError(SettingsError):
    """A lexicon file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Entry:
    lang: str  #: "*" or a language tag; "en" covers "en-GB"
    pattern: re.Pattern
    replacement: str


@dataclass
class Lexicon:
    entries: list[Entry] = field(default_factory=list)
    #: changes whenever an entry changes; part of clip cache keys
    version: str = "none"

    @classmethod
    def load(cls, *paths: Path) -> Lexicon:
        entries: list[Entry] = []
        digest = hashlib.sha256()
        for path in paths:
            try:
                data = Path(path).read_bytes()
            except OSError as err:
                problem = err.strerror or err
                raise LexiconError(f"{path}: cannot read the lexicon ({problem})") from err
            digest.update(data)
            loader = _load_pls if Path(path).suffix.lower() in (".pls", ".xml") else _load_toml
            entries += loader(data, str(path))
        return cls(entries, digest.hexdigest()[:16] if paths else "none")

    @classmethod
    def from_table(cls, table: object, source: str) -> Lexicon:
        """A lexicon written inline in the settings: the tables of a lexicon file."""
        if not isinstance(table, dict):
            raise LexiconError(f"{source}: a lexicon must be a table of languages")
        entries = _entries(table, source)
        digest = hashlib.sha256(repr(sorted((e.lang, e.pattern.pattern, e.replacement)
                                            for e in entries)).encode())
        return cls(entries, digest.hexdigest()[:16] if entries else "none")

    def then(self, other: Lexicon) -> Lexicon:
        """This lexicon first (its entries win), then `other`."""
        if not self.entries:
            return other
        return Lexicon(self.entries + other.entries, f"{self.version}+{other.version}")

    def protect(self, text: str, lang: str) -> tuple[str, list[str]]:
        """Replace every match by a placeholder; return the text and the spoken forms."""
        spoken: list[str] = []

        def hold(match: re.Match, entry: Entry) -> str:
            spoken.append(match.expand(entry.replacement))
            return chr(PLACEHOLDER_BASE + len(spoken) - 1)

        for entry in self.entries:
            if _covers(entry.lang, lang) and len(spoken) < PLACEHOLDER_LIMIT:
                text = entry.pattern.sub(lambda m, e=entry: hold(m, e), text)
        return text, spoken

    @staticmethod
    def restore(text: str, spoken: list[str]) -> str:
        for index, words in enumerate(spoken):
            text = text.replace(chr(PLACEHOLDER_BASE + index), words)
        return text

    def apply(self, text: str, lang: str) -> str:
        """The lexicon alone, without the rules in between."""
        return self.restore(*self.protect(text, lang))


def _covers(entry_lang: str, lang: str) -> bool:
    if entry_lang == "*":
        return True
    entry_lang, lang = entry_lang.lower(), lang.lower()
    return lang == entry_lang or lang.startswith(entry_lang + "-")


def _entry(lang: str, key: str, value: str, source: str) -> Entry:
    if len(key) > 2 and key.startswith("/") and key.endswith("/"):
        try:
            return Entry(lang, re.compile(key[1:-1]), value)
        except re.error as err:
            raise LexiconError(f"{source}: bad regex {key!r}: {err}") from err
    return Entry(lang, re.compile(rf"(?<!\w){re.escape(key)}(?!\w)"), value.replace("\\", r"\\"))


def _load_toml(data: bytes, source: str) -> list[Entry]:
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise LexiconError(f"{source}: not a TOML lexicon ({err})") from err
    return _entries(table, source)


def _entries(table: dict, source: str) -> list[Entry]:
    entries = []
    for lang, words in table.items():
        if not isinstance(words, dict):
            raise LexiconError(f"{source}: [{lang}] must be a table of word = \"spoken form\"")
        for key, value in words.items():
            if not isinstance(value, str):
                raise LexiconError(f"{source}: [{lang}] {key!r} must map to a string")
            entries.append(_entry(lang, key, value, source))
    return entries


def _load_pls(data: bytes, source: str) -> list[Entry]:
    import lxml.etree

    try:
        root = lxml.etree.fromstring(data)
    except lxml.etree.XMLSyntaxError as err:
        raise LexiconError(f"{source}: not a PLS lexicon ({err})") from err
    if root.tag != f"{{{PLS_NS}}}lexicon":
        raise LexiconError(f"{source}: the root element is not a PLS <lexicon>")
    lang = root.get(XML_LANG) or "*"
    entries = []
    for lexeme in root.iter(f"{{{PLS_NS}}}lexeme"):
        graphemes = [g.text.strip() for g in lexeme.iter(f"{{{PLS_NS}}}grapheme") if g.text]
        aliases = [a.text.strip() for a in lexeme.iter(f"{{{PLS_NS}}}alias") if a.text]
        if not aliases:
            log.info("%s: lexeme %s has no <alias>; skipped", source, graphemes)
            continue
        entries += [_entry(lang, g, aliases[0], source) for g in graphemes]
    return entries
