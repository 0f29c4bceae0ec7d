"""The user's pronunciation lexicon: word -> spoken form, per language, applied last.

Entries match the text as on the page (so "SQL" = "sequel" works although the
rules would spell SQL out), and what they say is final: `protect` swaps each
match for a private-use placeholder that no rule touches, and `restore` puts
the user's spoken form in its place after the rules have run. However many
entries there are, a text is scanned once (`_Matcher`), and an entry that
cannot work is refused when the file is loaded, naming the file and the entry.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..errors import SettingsError

import tomli  # tomllib's origin, compiled: 3x faster on a lexicon of 200,000 words

log = logging.getLogger(__name__)
PLS_NS = "http://www.w3.org/2005/01/pronunciation-lexicon"
#: placeholders are characters of the Unicode private use area
PLACEHOLDER_BASE = 0xF0000
PLACEHOLDER_LIMIT = 0xFFFD
#: Any of them in a text: a page's own are dropped before the text is protected (no
#: voice says them, and a lexicon's word would be put in their place).
_PLACEHOLDERS = re.compile(f"[{chr(PLACEHOLDER_BASE)}-{chr(PLACEHOLDER_BASE + PLACEHOLDER_LIMIT)}]")
#: How many shared regexes are looked through together when the one that matched at
#: a place is sought (see `_Matcher`).
_CHUNK = 256
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class LexiconError(SettingsError):
    """A lexicon file that cannot be used; the message names the file."""


class Entry(NamedTuple):
    """One entry (a tuple: a lexicon of 200,000 words makes as many, quickly)."""

    lang: str  #: "*" or a language tag; "en" covers "en-GB"
    key: str  #: the word as on the page, or a regular expression's source
    replacement: str  #: what is said: a word's text, or a regex's template (\\1)
    pattern: re.Pattern | None = None  #: a regex entry's pattern; None for a word


@dataclass
class Lexicon:
    entries: list[Entry] = field(default_factory=list)
    #: changes whenever an entry changes; part of clip cache keys
    version: str = "none"
    _matchers: dict[str, _Matcher] = field(default_factory=dict, repr=False, compare=False)

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
        digest = hashlib.sha256(repr(sorted((e.lang, e.key, e.replacement)
                                            for e in entries)).encode())
        return cls(entries, digest.hexdigest()[:16] if entries else "none")

    def then(self, other: Lexicon) -> Lexicon:
        """This lexicon first (its entries win), then `other`."""
        if not self.entries:
            return other
        return Lexicon(self.entries + other.entries, f"{self.version}+{other.version}")

    def protect(self, text: str, lang: str) -> tuple[str, list[str]]:
        """Replace every match by a placeholder; return the text and the spoken forms."""
        if not self.entries:
            return text, []
        if lang not in self._matchers:
            covered = {own for own in {e.lang for e in self.entries} if _covers(own, lang)}
            self._matchers[lang] = _Matcher([e for e in self.entries if e.lang in covered])
        return self._matchers[lang].protect(text)

    @staticmethod
    def restore(text: str, spoken: list[str]) -> str:
        """Each placeholder in `text` as the spoken form it stands for, in one pass (a
        spoken form is never looked into again for placeholders of its own)."""
        if not spoken:
            return text

        def said(found: re.Match) -> str:
            index = ord(found.group()) - PLACEHOLDER_BASE
            return spoken[index] if index < len(spoken) else ""

        return _PLACEHOLDERS.sub(said, text)

    def apply(self, text: str, lang: str) -> str:
        """The lexicon alone, without the rules in between."""
        return self.restore(*self.protect(text, lang))


class _Matcher:
    """The entries for one language, found in one pass over the text, however many
    there are: words are looked up by the text at each place (a dictionary, by
    their first character and length), and the regular expressions that can share
    one pattern are one alternation. At each place the longest word wins, then the
    first regex in the file's order; the scan goes on after what it replaced. A
    regex with flags, named groups or back-references of its own runs alone, after.
    The alternation has no group of its own per regex (Python's engine saves every
    group's place at every try, so 5,000 of them cost 2 s a sentence): the regex that
    matched is found after, among `_CHUNK`s of them tried together, then one by one.
    """

    def __init__(self, entries: list[Entry]) -> None:
        self.words: dict[str, str] = {}
        lengths: dict[str, set[int]] = {}
        shared: list[Entry] = []
        self.alone: list[Entry] = []
        for entry in entries:
            if entry.pattern is None:
                self.words.setdefault(entry.key, entry.replacement)
                lengths.setdefault(entry.key[0], set()).add(len(entry.key))
            elif _shareable(entry.pattern):
                shared.append(entry)
            else:
                self.alone.append(entry)
        #: for each first character, the lengths of its words, longest first
        self.lengths = {first: sorted(found, reverse=True) for first, found in lengths.items()}
        self.shared = shared
        self.alternation = _alternation(shared) if shared else None
        self._chunks: dict[int, re.Pattern] = {}  #: by their first regex's index

    def protect(self, text: str) -> tuple[str, list[str]]:
        text = _PLACEHOLDERS.sub("", text)
        spoken: list[str] = []
        pieces: list[str] = []
        done = place = 0
        found = self._regex(text, 0)
        while place < len(text) and len(spoken) < PLACEHOLDER_LIMIT:
            if found is not None and found[0] < place:
                found = self._regex(text, place)
            word = self._word(text, place)
            if word is None and found is not None and found[0] == place:
                word = found[1:]
            if word is None:  # on to the next place a word or a regex may start
                place = place + 1 if self.words else (found[0] if found else len(text))
                continue
            end, said = word
            pieces += [text[done:place], chr(PLACEHOLDER_BASE + len(spoken))]
            spoken.append(said)
            done = place = end
        text = "".join(pieces) + text[done:]
        for entry in self.alone:
            text = entry.pattern.sub(lambda m, e=entry: _hold(m, e, spoken), text)
        return text, spoken

    def _word(self, text: str, place: int) -> tuple[int, str] | None:
        """The longest word entry at `place` (a whole word: no letter or digit
        touches it on either side), as (end, what is said)."""
        if place and _is_word(text[place - 1]):
            return None
        for length in self.lengths.get(text[place], ()):
            end = place + length
            said = self.words.get(text[place:end])
            if said is not None and not (end < len(text) and _is_word(text[end])):
                return end, said
        return None

    def _regex(self, text: str, place: int) -> tuple[int, int, str] | None:
        """The next match of a shared regex from `place`, as (start, end, what is
        said); an empty match says nothing, so it is passed over."""
        while self.alternation is not None and place <= len(text):
            match = self.alternation.search(text, place)
            if match is None:
                return None
            if match.end() > match.start():
                entry, own = self._first_at(text, match.start())
                return match.start(), own.end(), own.expand(entry.replacement)
            place = match.start() + 1
        return None

    def _first_at(self, text: str, place: int) -> tuple[Entry, re.Match]:
        """The first shared regex in the file's order that matches at `place` (where
        the alternation found one), and its match."""
        for first in range(0, len(self.shared), _CHUNK):
            chunk = self.shared[first:first + _CHUNK]
            if len(self.shared) > _CHUNK:
                if first not in self._chunks:
                    self._chunks[first] = _alternation(chunk)
                if not self._chunks[first].match(text, place):
                    continue
            for entry in chunk:
                own = entry.pattern.match(text, place)
                if own:
                    return entry, own
        raise AssertionError("the alternation matched where none of its regexes does")


def _alternation(entries: list[Entry]) -> re.Pattern:
    """The regexes of `entries` as one, without groups of its own."""
    return re.compile("|".join(f"(?:{entry.pattern.pattern})" for entry in entries))


def _hold(match: re.Match, entry: Entry, spoken: list[str]) -> str:
    """A match of a regex that runs alone, as a placeholder (an empty match, or one
    past the placeholders' limit, is left as it is)."""
    if match.end() == match.start() or len(spoken) >= PLACEHOLDER_LIMIT:
        return match.group()
    spoken.append(match.expand(entry.replacement))
    return chr(PLACEHOLDER_BASE + len(spoken) - 1)


def _is_word(char: str) -> bool:
    """Whether a character is a word character, as `\\w` of a regular expression."""
    return char.isalnum() or char == "_"


def _shareable(pattern: re.Pattern) -> bool:
    """Whether a regex means the same inside one alternation with others: no flags
    of its own, no named groups, no back-references to its group numbers."""
    return (pattern.flags == re.UNICODE and not pattern.groupindex
            and not re.search(r"\\[1-9]|\(\?P=", pattern.pattern))


def _covers(entry_lang: str, lang: str) -> bool:
    if entry_lang == "*":
        return True
    entry_lang, lang = entry_lang.lower(), lang.lower()
    return lang == entry_lang or lang.startswith(entry_lang + "-")


def _entry(lang: str, key: str, value: str, source: str, regex: bool = True) -> Entry:
    """One entry, checked: a word that is empty, or a regex that matches an empty
    text or whose replacement names a group it does not have, is refused here
    rather than failing every article later. `regex`: whether a /key/ is one."""
    where = f"{source}: [{lang}] {key!r}"
    if regex and len(key) > 2 and key.startswith("/") and key.endswith("/"):
        try:
            pattern = re.compile(key[1:-1])
        except re.error as err:
            raise LexiconError(f"{where}: bad regex: {err}") from err
        if pattern.fullmatch(""):
            raise LexiconError(f"{where}: the regex matches an empty text, so it would be "
                               "inserted between every two letters")
        try:
            pattern.sub(value, "")  # compiles the replacement: \\9, \\g<name>
        except (re.error, IndexError) as err:
            raise LexiconError(f"{where}: bad replacement {value!r}: {err}") from err
        return Entry(lang, key, value, pattern)
    if not key.strip():
        raise LexiconError(f"{where}: an empty word, which would be inserted between "
                           "every two words")
    return Entry(lang, key, value)


def _load_toml(data: bytes, source: str) -> list[Entry]:
    try:
        table = tomli.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError) as err:
        raise LexiconError(f"{source}: not a TOML lexicon ({err})") from err
    except RecursionError as err:  # tomli's own limit on nested tables and arrays
        raise LexiconError(f"{source}: not a TOML lexicon ({err})") from None
    return _entries(table, source)


def _entries(table: dict, source: str) -> list[Entry]:
    entries = []
    for lang, words in table.items():
        if not isinstance(words, dict):
            raise LexiconError(f"{source}: [{lang}] must be a table of word = \"spoken form\"")
        for key, value in words.items():
            if not isinstance(value, str):
                raise LexiconError(f"{source}: [{lang}] {key!r} must map to a string")
            if key[:1] != "/" and key.strip():  # a plain word, the common case: as it is
                entries.append(Entry(lang, key, value))
            else:
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
        graphemes = [(g.text or "").strip() for g in lexeme.iter(f"{{{PLS_NS}}}grapheme")]
        aliases = [a.text.strip() for a in lexeme.iter(f"{{{PLS_NS}}}alias") if a.text]
        if not aliases:
            log.info("%s: lexeme %s has no <alias>; skipped", source, graphemes)
            continue
        entries += [_entry(lang, g, aliases[0], source, regex=False) for g in graphemes]
    return entries
