"""Speech normalisation: written forms become what a voice should say.

Each rule is a small function, text in and text out, with a docstring that
says why it exists and where it is known to fail. `ENGLISH_RULES` is the one
visible order in which they run for English text; other languages get the
language-neutral `NEUTRAL_RULES` and numbers, units and dates from data
(localised.py), or leave numbers to the engine when num2words does not know
the language. A user lexicon (see lexicon.py) is applied last.
Numbers become words through num2words.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from num2words import num2words

from ..language import primary
from .lexicon import Lexicon
from .localised import rules_for
from .rules import ROMAN, Rule, roman_value
from .speech_data import (ABBREVIATIONS, AGENCIES, CURRENCY_CODES, CURRENCY_SYMBOLS,
                          FRACTION_DENOMINATORS, FRACTION_NAMES, INITIALISMS_ALSO_WORDS,
                          KNOWN_INITIALISMS, MONTH_ABBREVIATIONS, MONTHS,
                          PARTIES, ROMAN_CARDINAL_CONTEXT, SAID_AS_WORDS, SCALES,
                          SPECIAL_INITIALISMS, STATES, UNITS, AMBIGUOUS_STATES)

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                         "\u00bb": '"', "\u00a0": " ", "\u2009": " ", "\u202f": " ",
                         "\u2212": "-"})
_MONTHS = "|".join(MONTHS)
_NUM = r"\d{1,3}(?:,\d{3})+|\d+"


# --- numbers as words ---------------------------------------------------------

def cardinal(number: str) -> str:
    """'1,500' -> 'one thousand, five hundred'; '3.05' -> 'three point zero five'."""
    number = number.replace(",", "")
    negative = number.startswith("-")
    number = number.lstrip("-")
    whole, _, decimals = number.partition(".")
    words = num2words(int(whole or "0"))
    if decimals:
        words += " point " + " ".join(num2words(int(d)) for d in decimals)
    return f"minus {words}" if negative else words


def ordinal(number: int) -> str:
    return num2words(number, to="ordinal")


def year(number: int) -> str:
    """Years are read in pairs: 1905 -> 'nineteen oh-five', 2026 -> 'twenty twenty-six'."""
    return num2words(number, to="year").replace("oh-", "oh ")


def _plural_words(words: str) -> str:
    """'nineteen ninety' -> 'nineteen nineties'."""
    return words[:-1] + "ies" if words.endswith("y") else words + "s"


# --- rules --------------------------------------------------------------------

def plain_quotes(text: str) -> str:
    """Curly quotes and guillemets to plain ones, odd spaces to plain spaces, the
    minus sign to a hyphen: the later rules then need to know one form only."""
    return text.translate(_QUOTES)


def ellipsis(text: str) -> str:
    """The ellipsis character as three dots, which voices read as a pause."""
    return text.replace("\u2026", "...")


def separators(text: str) -> str:
    """Rules of underscores, stars, dashes or equals signs ("___", "* * *", "---")
    separate parts of a text: a pause, never words or symbols for the voice."""
    text = re.sub(r"\s*(?:(?:^|(?<=\s))(?:[_*=~#\-•·]\s?){3,}(?=\s|$)"
                  r"|(?<!\w)(?:_{3,}|\*{3,}|={3,}|~{3,})(?!\w))\s*", "\0", text)
    if "\0" not in text:
        return text
    text = re.sub(r"(?<=[.!?;:,])\0+", " ", text)  # a stop is pause enough
    return re.sub(r"\0+", ", ", text).strip(" ,")


def datelines(text: str) -> str:
    """"WASHINGTON (AP) — The..." is a place and an agency, then a pause:
    "Washington, AP. The...". The place is in capitals; a state may follow it."""
    agencies = "|".join(AGENCIES)

    def spoken(m: re.Match) -> str:
        place = m.group("place").title()
        state = f", {m.group('state')}" if m.group("state") else ""
        return f"{place}{state}, {m.group('agency')}. "

    return re.sub(rf"^\s*(?P<place>[A-Z][A-Z.'\- ]{{1,40}}?)(?:,\s+(?P<state>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?))?"
                  rf"\s+\((?P<agency>{agencies})\)\s*[\u2014\u2013-]+\s*", spoken, text)


_CAPS_WORD = r"[A-Z][A-Z'\-]*[A-Z]|[A-Z]"
_CAPS_RUN = re.compile(rf"\b(?:{_CAPS_WORD})\b(?:[\s,:;!?.\-\"]+\b(?:{_CAPS_WORD})\b)+")
_ROMAN_SMALL = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")


def shouting(text: str) -> str:
    """Text set in capitals is words: "IT WAS A SHOCK" -> "It Was A Shock", not
    letters. A run of capitalised words counts when one of them is not a known
    initialism; inside it, initialisms (FBI, NGO, and AP: "JANE DOE, AP WRITER")
    and roman numerals stay; a short one that is also a word ("US") is that word.
    Known limit: an unlisted initialism inside such a run is read as a word."""
    def words(m: re.Match) -> str:
        found = re.findall(_CAPS_WORD, m.group(0))
        if all(w in KNOWN_INITIALISMS or len(w) == 1 or _ROMAN_SMALL.match(w) for w in found):
            return m.group(0)
        return re.sub(_CAPS_WORD, lambda w: _word_case(w.group(0)), m.group(0))

    return _CAPS_RUN.sub(words, text)


def _word_case(word: str) -> str:
    known = word in KNOWN_INITIALISMS and (len(word) > 2 or word not in INITIALISMS_ALSO_WORDS)
    if known or (len(word) > 1 and _ROMAN_SMALL.match(word)):
        return word
    return word if len(word) == 1 else word.capitalize()


_PHONE_CONTEXT = re.compile(r"(?:call|phone|tel|telephone|fax|dial|hotline|number|text|"
                            r"line|contact|at)\W{0,3}$", re.I)


def phone_numbers(text: str) -> str:
    """'(202) 555-0134', '1-800-555-0199' and '555-0134' after 'call' or with a
    leading zero are read in groups of digits: 'five five five, zero one three
    four', not as a range. Known limit: a bare '555-1234' with no such sign
    reads as a range."""
    def groups(m: re.Match) -> str:
        parts = re.findall(r"\d+", m.group(0))
        return ", ".join(" ".join(cardinal(d) for d in part) for part in parts)

    text = re.sub(r"(?<![\w-])(?:\+?1[-. ])?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\w-])",
                  groups, text)

    def local(m: re.Match) -> str:
        first, second = m.group(1), m.group(2)
        before = m.string[max(0, m.start() - 12):m.start()]
        if second.startswith("0") or int(second) < int(first) or _PHONE_CONTEXT.search(before):
            return groups(m)
        return m.group(0)

    return re.sub(r"(?<![\w.,/-])(\d{3})-(\d{4})(?![\w-]|\.\d)", local, text)


def states(text: str) -> str:
    """AP style states after a city or in a party tag: "Fresno, Calif." ->
    "Fresno, California"; "(D-Ind.)" -> "(Democrat, Indiana)"; in running text
    too, "served in Colo. and Mass." -> "served in Colorado and Massachusetts",
    where a state that is also a word ("Mass.", "Miss.", "Ind.", "Ill.") counts
    only in a list with another state: "after Mass. on Sunday" is the service."""
    names = "|".join(re.escape(k) for k in sorted(STATES, key=len, reverse=True))

    def party(m: re.Match) -> str:
        state = STATES.get(m.group(2), m.group(2))
        return f"({PARTIES[m.group(1)]}, {state})"

    text = re.sub(rf"\(([DRI])-({names}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\)", party, text)
    text = re.sub(rf"(?<=, )([DRI])-({names}|[A-Z][a-z]+(?: [A-Z][a-z]+)?(?=[,;)]|$))",
                  lambda m: f"{PARTIES[m.group(1)]}, {STATES.get(m.group(2), m.group(2))}", text)

    text = _listed_states(text, names)
    text = re.sub(rf"([A-Z][\w.'-]*,\s)({names})(?!\w)",
                  lambda m: f"{m.group(1)}{_state(m.group(2), m.end(), m.string)}", text)
    return re.sub(rf"(?<![\w.])({names})(?![\w-])", lambda m: m.group(0)
                  if m.group(1) in AMBIGUOUS_STATES else _state(m.group(1), m.end(), m.string),
                  text)


def _listed_states(text: str, names: str) -> str:
    """A list of states ("Colo., Ariz. and Mass."), each said in full."""
    single = re.compile(rf"(?<![\w.])({names})(?![\w-])")

    def in_list(m: re.Match) -> str:
        return single.sub(lambda s: _state(s.group(1), m.start() + s.end(), m.string), m.group(0))

    return re.sub(rf"(?<![\w.])(?:{names})(?:(?:,\s|,?\s(?:and|or|&)\s)(?:{names}))+(?![\w-])",
                  in_list, text)


def _state(short: str, end: int, text: str) -> str:
    """A state in full; it keeps the period of its short form when that ends a sentence."""
    after = text[end:end + 3]
    ends = not after.strip() or re.match(r"\s+[A-Z\"']", after)
    return f"{STATES[short]}{'.' if ends else ''}"


def urls_and_emails(text: str) -> str:
    """A web address is spoken as its site ('example dot com'), an e-mail address
    as 'name at example dot org'; reading them letter by letter helps nobody.
    Known limit: a path that matters ('example.com/donate') is not read."""
    def site(match: re.Match) -> str:
        host = re.sub(r"^www\.", "", match.group("host"), flags=re.I)
        return host.replace(".", " dot ")

    def mail(match: re.Match) -> str:
        return f"{match.group(1).replace('.', ' dot ')} at {match.group(2).replace('.', ' dot ')}"

    text = re.sub(r"\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b", mail, text)
    text = re.sub(r"\b(?:https?://|www\.)(?P<host>[\w-]+(?:\.[\w-]+)+)(?::\d+)?(?:[/?#][^\s]*)?"
                  r"(?<![.,;:!?)\]])", site, text, flags=re.I)
    return re.sub(r"\b(?P<host>[a-z][\w-]*\.(?:com|org|net|io|gov|edu|co\.uk|dev|app))\b",
                  site, text)


def currency(text: str) -> str:
    """'$150 billion' -> 'one hundred and fifty billion dollars', '€20' -> 'twenty euros',
    '£3.50' -> 'three pounds and fifty pence'; also '20 €', 'USD 5' and '5 EUR', and
    a ticker's prices run together, '$476.98EUR527.92'."""
    scale = r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?"

    def spoken(names: tuple[str, str, str, str], match: re.Match) -> str:
        whole, cents = match.group("num").replace(",", ""), match.group("cents")
        unit = SCALES.get((match.group("scale") or "").lower())
        if unit:
            amount = cardinal(whole + (f".{cents}" if cents else ""))
            return f"{amount} {unit} {names[1]}"
        major = int(whole)
        minor = int((cents or "0").ljust(2, "0")) if cents else 0
        parts = []
        if major or not minor:
            parts.append(f"{cardinal(whole)} {names[0] if major == 1 else names[1]}")
        if minor:
            parts.append(f"{cardinal(str(minor))} {names[2] if minor == 1 else names[3]}")
        return " and ".join(parts)

    number = rf"(?P<num>{_NUM})(?:\.(?P<cents>\d{{1,2}}))?(?!\d)"
    symbols = "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
    codes = "|".join(CURRENCY_CODES)
    # a ticker's prices run together ("$476.98EUR527.92") are prices one after another
    text = re.sub(rf"(?<=\d)(?=(?:{codes})\s?\d|(?:{symbols})\d)", " ", text)
    text = re.sub(rf"(?P<sym>{symbols})\s?{number}{scale}",
                  lambda m: spoken(CURRENCY_SYMBOLS[m.group("sym")], m), text)
    text = re.sub(rf"(?<![\w.]){number}{scale}\s?(?P<sym>€|£|¥)",
                  lambda m: spoken(CURRENCY_SYMBOLS[m.group("sym")], m), text)
    text = re.sub(rf"\b(?P<code>{codes})\s?{number}{scale}",
                  lambda m: spoken(CURRENCY_CODES[m.group("code")], m), text)
    return re.sub(rf"(?<![\w.]){number}{scale}\s(?P<code>{codes})\b",
                  lambda m: spoken(CURRENCY_CODES[m.group("code")], m), text)


def percentages(text: str) -> str:
    """'45%' -> 'forty-five percent'; '2.5 %' -> 'two point five percent'."""
    return re.sub(r"(?<![\w.])(-?(?:" + _NUM + r")(?:\.\d+)?)\s?%",
                  lambda m: f"{cardinal(m.group(1))} percent", text)


def dates(text: str) -> str:
    """'2026-04-12' and 'April 12, 2026' -> 'April twelfth, twenty twenty-six';
    '12 April 2026' -> 'the twelfth of April twenty twenty-six'; news style's
    'Jan. 5' -> 'January fifth'. Numeric dates like 4/12/2026 are left alone: their order is ambiguous."""
    def iso(m: re.Match) -> str:
        month = int(m.group(2))
        if not 1 <= month <= 12 or not 1 <= int(m.group(3)) <= 31:
            return m.group(0)
        return f"{MONTHS[month - 1]} {ordinal(int(m.group(3)))}, {year(int(m.group(1)))}"

    def day_first(m: re.Match) -> str:
        tail = f" {year(int(m.group(3)))}" if m.group(3) else ""
        return f"the {ordinal(int(m.group(1)))} of {m.group(2)}{tail}"

    def month_first(m: re.Match) -> str:
        tail = f", {year(int(m.group(3)))}" if m.group(3) else ""
        return f"{m.group(1)} {ordinal(int(m.group(2)))}{tail}"

    abbreviated = "|".join(MONTH_ABBREVIATIONS)
    text = re.sub(rf"\b({abbreviated})\.?\s+(?=(?:[12]?\d|3[01])(?:st|nd|rd|th)?\b(?!:))",
                  lambda m: MONTH_ABBREVIATIONS[m.group(1)] + " ", text)
    text = re.sub(r"\b(1[1-9]\d\d|20\d\d)-(\d\d)-(\d\d)\b", iso, text)
    text = re.sub(rf"\b([12]?\d|3[01])(?:st|nd|rd|th)?\s+({_MONTHS})\b(?:,?\s+(\d{{4}})\b)?",
                  day_first, text)
    return re.sub(rf"\b({_MONTHS})\s+([12]?\d|3[01])(?:st|nd|rd|th)?\b(?!:)(?:,?\s+(\d{{4}})\b)?",
                  month_first, text)


def times(text: str) -> str:
    """'9:30' -> 'nine thirty', '10:05 p.m.' -> 'ten oh five p m', '10:00' ->
    "ten o'clock", '7am' -> 'seven a m'."""
    def clock(m: re.Match) -> str:
        hour, minute, half = int(m.group(1)), int(m.group(2)), m.group(3)
        suffix = f" {half.lower()} m" if half else ""
        if minute == 0:
            spoken = cardinal(str(hour)) + ("" if half else " o'clock")
        elif minute < 10:
            spoken = f"{cardinal(str(hour))} oh {cardinal(str(minute))}"
        else:
            spoken = f"{cardinal(str(hour))} {cardinal(str(minute))}"
        return spoken + suffix

    text = re.sub(r"\b([01]?\d|2[0-3]):([0-5]\d)(?!\d)(?:\s?([AaPp])\.?\s?[Mm]\b\.?)?", clock, text)
    return re.sub(r"\b(1[0-2]|0?[1-9])\s?([AaPp])\.?\s?[Mm]\b\.?",
                  lambda m: f"{cardinal(m.group(1))} {m.group(2).lower()} m", text)


def ranges(text: str) -> str:
    """'10-20' and '10–20' -> '10 to 20'; '1990–95' -> 'nineteen ninety to ninety-five'.
    Known limit: a seven-digit phone number written 555-1234 reads as a range."""
    def spoken(m: re.Match) -> str:
        first, second = m.group(1), m.group(2)
        if _looks_like_year(first) and (_looks_like_year(second) or len(second) == 2):
            tail = year(int(second)) if len(second) == 4 else cardinal(second)
            return f"{year(int(first))} to {tail}"
        return f"{first} to {second}"

    return re.sub(r"(?<![\w.,/-])(\d+(?:\.\d+)?)\s?[-–]\s?(\d+(?:\.\d+)?)(?![\w.,/-]|\.\d)",
                  spoken, text)


def fractions(text: str) -> str:
    """'1/2' -> 'one half', '3/4' -> 'three quarters', '2 1/2' -> 'two and a half',
    '½' -> 'one half'. Only a part of a whole with a denominator fractions are
    written with is a fraction: '9/11' and '50/50' are read as their numbers.
    Dates such as 4/12/2026 are left alone (no third part)."""
    for char, (num, den) in {"½": (1, 2), "¼": (1, 4), "¾": (3, 4), "⅓": (1, 3),
                             "⅔": (2, 3), "⅛": (1, 8)}.items():
        text = re.sub(rf"(\d)\s?{char}", rf"\1 {num}/{den}", text).replace(char, f"{num}/{den}")
    text = re.sub(r"\b24/7\b", "twenty-four seven", text)

    def mixed(m: re.Match) -> str:
        return f"{cardinal(m.group(1))} and {_fraction(int(m.group(2)), int(m.group(3)), mixed=True)}"

    def simple(m: re.Match) -> str:
        numerator, denominator = int(m.group(1)), int(m.group(2))
        if numerator < denominator and denominator in FRACTION_DENOMINATORS:
            return _fraction(numerator, denominator)
        return f"{cardinal(m.group(1))} {cardinal(m.group(2))}"  # 9/11, 50/50: a name, a split

    text = re.sub(r"(?<![\w/.])(\d+) (\d)/(\d{1,2})(?![\w/])", mixed, text)
    return re.sub(r"(?<![\w/.])(\d{1,2})/(\d{1,2})(?![\w/])", simple, text)


def _fraction(numerator: int, denominator: int, mixed: bool = False) -> str:
    if denominator == 0:
        return f"{numerator} over {denominator}"
    singular, plural = FRACTION_NAMES.get(denominator, (ordinal(denominator), ordinal(denominator) + "s"))
    if mixed and numerator == 1:
        return f"a {singular}"
    return f"{cardinal(str(numerator))} {singular if numerator == 1 else plural}"


def ordinals(text: str) -> str:
    """'1st' -> 'first', '22nd' -> 'twenty-second'."""
    return re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", lambda m: ordinal(int(m.group(1))), text)


_YEAR_FOLLOWERS = re.compile(r"\s+(?:was|were|saw|brought|marked|marks|is|has|had|will|"
                             r"began|ended|sees|brings)\b")
#: a plural noun after the number makes it an amount: "1500 cases", "2000 people"
_COUNTED = re.compile(r"\s+(?:[a-z]+s|people|men|women|children|feet|staff|sheep|fish)\b")
#: a label before the number makes it a name: "Room 1204", "Flight 1549"
_LABELS = re.compile(r"\b(?:room|flight|route|suite|apartment|apt\.|page|number|highway|"
                     r"interstate|bus|line|platform|gate|unit|model|code|box|exit|about|some|"
                     r"over|than|nearly|almost|roughly|approximately|only|least|of the)\s+$", re.I)


def _looks_like_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1100 <= int(number) <= 2099


def decades_and_years(text: str) -> str:
    """'1990s' -> 'nineteen nineties', "the '80s" -> 'the eighties'; a four-digit
    number from 1100 to 2099 is a year ('the 2020 primary', 'from 2016'), read
    the same way everywhere, unless a plural noun follows it ('1500 cases') or
    a label or an amount word comes before it ('Room 1204', 'about 2000 of').
    Numbers written with a thousands comma are amounts and never get here."""
    text = re.sub(r"\b(1[1-9]\d0|20\d0)s\b", lambda m: _plural_words(year(int(m.group(1)))), text)
    text = re.sub(r"(?<!\w)'([2-9]0)s\b", lambda m: _plural_words(cardinal(m.group(1))), text)

    def maybe_year(m: re.Match) -> str:
        before = text[max(0, m.start() - 20):m.start()]
        if _YEAR_FOLLOWERS.match(text, m.end()):
            return year(int(m.group(1)))
        if _COUNTED.match(text, m.end()) or _LABELS.search(before):
            return m.group(0)
        return year(int(m.group(1)))

    return re.sub(r"(?<![\w.,$€£¥-])(1[1-9]\d\d|20\d\d)(?![\w%]|[.,]\d)", maybe_year, text)


def units(text: str) -> str:
    """'5 km' -> 'five kilometers', '20°C' -> 'twenty degrees Celsius'. Only after a
    number, so 'm' or 'g' elsewhere are untouched; 'in' (inch) is never expanded."""
    names = sorted((u for u in UNITS if u != "in"), key=len, reverse=True)
    pattern = "|".join(re.escape(u) for u in names)

    def spoken(m: re.Match) -> str:
        singular, plural = UNITS[m.group(2)]
        return f"{cardinal(m.group(1))} {singular if m.group(1) == '1' else plural}"

    return re.sub(rf"(?<![\w.])(-?(?:{_NUM})(?:\.\d+)?)\s?({pattern})(?![\w/])", spoken, text)


def abbreviations(text: str) -> str:
    """'Dr. Lee' -> 'Doctor Lee' but 'Mulholland Dr.' -> 'Mulholland Drive'; 'St.' is
    Saint before a name and Street after one; 'e.g.', 'etc.', 'No. 5', 'pp. 4' and kin.
    A sentence that ends with 'etc.' keeps its full stop."""
    text = re.sub(r"\b([A-Z][a-z]+\s)St\.(?=\s+[a-z]|\s*$|[,;])", r"\1Street", text)
    text = re.sub(r"\b([A-Z][a-z]+\s)Dr\.(?=\s+[a-z]|\s*$|[,;])", r"\1Drive", text)
    text = re.sub(r"\bSt\.\s?(?=[A-Z])", "Saint ", text)
    text = re.sub(r"\bSt\.", "Street", text)
    text = re.sub(r"\bNo\.\s?(?=\d)", "number ", text)
    text = re.sub(r"\bpp\.\s?(?=\d)", "pages ", text)
    text = re.sub(r"\bp\.\s?(?=\d)", "page ", text)
    for short in sorted(ABBREVIATIONS, key=len, reverse=True):
        if short in ("p.", "pp."):
            continue
        pattern = rf"(?<![\w.]){re.escape(short)}(?![\w])"
        if short.endswith("."):
            def expand(m: re.Match, long=ABBREVIATIONS[short]) -> str:
                after = text_after(m)
                ends_sentence = not after.strip() or re.match(r"\s+[A-Z]", after)
                keeps_stop = ends_sentence and long in ("et cetera", "and others", "Limited",
                                                        "Incorporated", "Company", "Corporation",
                                                        "Junior", "Senior")
                return long + ("." if keeps_stop else "")

            def text_after(m: re.Match) -> str:
                return m.string[m.end():m.end() + 3]

            text = re.sub(pattern, expand, text)
        else:
            text = re.sub(pattern, ABBREVIATIONS[short], text)
    return text


def roman_numerals(text: str) -> str:
    """'World War II' -> 'World War two', 'Henry VIII' -> 'Henry the eighth'.
    Only after a capitalised word; a lone 'I' counts only after 'War', 'Part' and kin."""
    def spoken(m: re.Match) -> str:
        word, numeral = m.group(1), m.group(2)
        if not ROMAN.match(numeral) or (numeral == "I" and word not in ROMAN_CARDINAL_CONTEXT):
            return m.group(0)
        value = roman_value(numeral)
        if word in ROMAN_CARDINAL_CONTEXT:
            return f"{word} {cardinal(str(value))}"
        return f"{word} the {ordinal(value)}"

    return re.sub(r"\b([A-Z][a-z]+) ([IVXLC]{1,6})\b(?!\.\w)", spoken, text)


def initialisms(text: str) -> str:
    """'FBI' -> 'F-B-I', 'CEOs' -> "C-E-O's"; words that are said as words (NASA, NATO)
    stay. Short forms of up to four capitals are spelled; longer ones are left to
    the voice. The letters are joined by hyphens: apart, "A" and "I" are read as
    the words they also are ("using A I" was heard "using it, I"); the listening
    check heard 49 of 56 initialisms in two sentences right spelled so, 42 with
    spaces. One with an "A" after its first letter is spelled with dots and no
    final dot ("E.P.A"): between hyphens the voice says that A as the article
    ("I-A-B" is said "I-uh-B"), and in capitals it reads some as words (EPA as
    "eppa", FAA, TSA, UAE, DEA, IAB), while with dots it says every letter's
    name and makes no stop. Known limit: an unlisted four-letter acronym said
    as a word."""
    def spoken(m: re.Match) -> str:
        letters, plural = m.group(1), m.group(2) or ""
        if letters in SPECIAL_INITIALISMS:
            return SPECIAL_INITIALISMS[letters] + plural
        if letters in SAID_AS_WORDS or len(letters) > 4 or ROMAN.match(letters):
            return m.group(0)
        spelled = ".".join(letters) if "A" in letters[1:] else "-".join(letters)
        return spelled + ("'s" if plural else "")

    return re.sub(r"\b([A-Z]{2,6})(s)?\b", spoken, text)


def symbols(text: str) -> str:
    """'&' -> 'and', 'C++' -> 'C plus plus', ' + ' -> 'plus', '#3' -> 'number 3',
    'his/her' -> 'his or her', '~50' -> 'about 50', '×' -> 'times'."""
    text = text.replace("C++", "C plus plus")
    text = re.sub(r"\s*&\s*", " and ", text)
    text = re.sub(r"(?<=\s)\+(?=\s)|(?<=\d)\s?\+\s?(?=\d)", " plus ", text)
    text = re.sub(r"(?<![\w+])\+(?=\d)", "plus ", text)
    text = re.sub(r"\s=\s", " equals ", text)
    text = re.sub(r"#(?=\d)", "number ", text)
    text = re.sub(r"(?<!\w)#(?=[A-Za-z])", "hashtag ", text)
    text = re.sub(r"(?<!\w)@(?=\w)", "at ", text)
    text = re.sub(r"\band/or\b", "and or", text)
    text = re.sub(r"(?<=[a-z])/(?=[a-z])", " or ", text)
    text = re.sub(r"~\s?(?=\d)", "about ", text)
    for symbol, word in (("×", " times "), ("÷", " divided by "), ("±", " plus or minus "),
                         ("→", " to "), ("§", " section "), ("°", " degrees ")):
        text = text.replace(symbol, word)
    text = re.sub(r"\s*[•·|]\s*", ", ", text)
    return text.replace("*", "")


def numbers(text: str) -> str:
    """Remaining numbers as words: '1,500' -> 'one thousand, five hundred', '3.5' ->
    'three point five', version numbers '3.11.2' -> 'three point eleven point two';
    long digit strings and those with a leading zero are read digit by digit."""
    def version(m: re.Match) -> str:
        return " point ".join(cardinal(part) for part in m.group(0).split("."))

    def digits(m: re.Match) -> str:
        return " ".join(cardinal(d) for d in m.group(0))

    text = re.sub(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w.]|\.\d)", version, text)
    text = re.sub(r"(?<![\w.,])(?:0\d+|\d{7,})(?![\w,]|\.\d)", digits, text)
    return re.sub(r"(?<![\w.,])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w]|[.,]\d)",
                  lambda m: cardinal(m.group(0)), text)


def dashes(text: str) -> str:
    """A spaced hyphen, an en or em dash is a pause (a comma to the voice)."""
    return re.sub(r"\s*[\u2014\u2013]\s*|\s+-{1,2}\s+", ", ", text)


def whitespace(text: str) -> str:
    """Collapse runs of whitespace; engines may read a newline as a sentence end."""
    return " ".join(text.split())


ENGLISH_RULES: tuple[Rule, ...] = (
    plain_quotes, ellipsis, separators, datelines, shouting, urls_and_emails, currency,
    percentages, dates, times, phone_numbers, ranges, fractions, ordinals, decades_and_years,
    units, states, abbreviations, roman_numerals, initialisms, symbols, numbers, dashes,
    whitespace,
)
NEUTRAL_RULES: tuple[Rule, ...] = (plain_quotes, ellipsis, separators, dashes, whitespace)


@dataclass
class Normaliser:
    """Applies the rules for the text's language, then the user's lexicon."""

    english_rules: Sequence[Rule] = ENGLISH_RULES
    neutral_rules: Sequence[Rule] = NEUTRAL_RULES
    lexicon: Lexicon = field(default_factory=Lexicon)

    def __call__(self, text: str, lang: str = "en") -> str:
        english = primary(lang) == "en"
        text, spoken = self.lexicon.protect(text, lang)
        rules = self.english_rules if english else (  # ranges before dashes: "2020–2022"
            *self.neutral_rules[:-2], *rules_for(lang), *self.neutral_rules[-2:])
        for rule in rules:
            text = rule(text)
        return whitespace(self.lexicon.restore(text, spoken))


def normalise(text: str, lang: str = "en") -> str:
    """Normalise with the default rules and no lexicon."""
    return Normaliser()(text, lang)
