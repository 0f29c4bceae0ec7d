"""Numbers, dates, times, money, units and short forms in languages other than English.

num2words writes the numbers and Babel's CLDR data gives the decimal and grouping
signs, the month and unit names and the plural forms of the locale; what neither
says (German case endings, the Spanish decimal "coma", Polish genitives, "Mio.",
"z. B.") is data in locale_data.py, written once for every language. Each rule
below is a function of the text and its `Language`, text in and text out; `RULES`
is the one order in which they run. A language num2words does not know keeps its
numbers for the voice to read.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property, lru_cache, partial

from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names
from babel.numbers import (format_decimal, get_currency_name, get_currency_symbol,
                           get_decimal_symbol, get_group_symbol, get_territory_currencies)
from babel.units import format_unit
from num2words import CONVERTER_CLASSES, num2words

from . import locale_data as data
from .rules import ROMAN, Rule, roman_value

#: numbers from here up are read digit by digit: num2words and CLDR's formatting stop
#: somewhere above (a quintillion, or less for some languages)
_LARGEST = 10 ** 15
#: a capitalised word, in any of the languages here
_NAME = r"[A-ZÀ-ÖØ-ÞŁŚŻŹĆŃ][\w'’-]*"


class Language:
    """One language's way with numbers: its CLDR locale, its num2words converter and
    its rows of the tables in locale_data."""

    def __init__(self, locale: Locale, converter: str) -> None:
        self.locale, self.converter, self.code = locale, converter, locale.language
        self.decimal_sign = get_decimal_symbol(locale)
        group = get_group_symbol(locale)
        signs = {" " if group.isspace() else group}
        if self.decimal_sign == ",":  # "1.500" and "1 500" are both written, CLDR's or not
            signs |= {".", " "} | ({"'", "’"} if self.code == "de" else set())  # Swiss "22'027"
        #: a number as this locale writes it: "1.500,25" in German, "1 500,25" in French;
        #: one number groups its digits with one sign ("4.000 150-jährige" is two)
        grouped = "|".join(rf"\d{{1,3}}(?:{re.escape(sign)}\d{{3}})+" for sign in sorted(signs))
        self.number = rf"(?:{grouped}|\d+)(?:{re.escape(self.decimal_sign)}\d+)?"
        self.group = "[" + "".join(re.escape(sign) for sign in signs) + "]"

    def row(self, table: dict, default=None):
        """This language's row of a table of locale_data."""
        return table.get(self.code, {} if default is None else default)

    # --- words for numbers ------------------------------------------------------

    def value(self, written: str) -> int | float:
        plain = re.sub(self.group, "", written).replace(self.decimal_sign, ".")
        return float(plain) if "." in plain else int(plain)

    def words(self, value: int, to: str = "cardinal") -> str:
        """num2words' words, without the commas some languages put inside them; a
        number too large for words is read digit by digit."""
        if value >= _LARGEST:
            return " ".join(self.words(int(digit)) for digit in str(value))
        return num2words(value, lang=self.converter, to=to).replace(",", "")

    def cardinal(self, written: str, gender: str | None = None, case: str | None = None) -> str:
        """'3,05' -> 'drei Komma null fünf', '3,50' -> 'drei Komma fünf' (trailing zeros
        say nothing); '-7' -> 'minus sieben'; with a gender, the
        form that agrees with the noun after it ('eine'); with case "gen", Polish
        genitives ('pięciu')."""
        negative, written = written.startswith("-"), written.lstrip("-")
        whole, _, decimals = written.partition(self.decimal_sign)
        if self.code not in data.DECIMAL_WORDS:  # a language without a row: num2words alone
            value = self.value(written)
            words = self.words(int(value)) if value >= _LARGEST else \
                num2words(value, lang=self.converter).replace(",", "")
            return f"{self._minus()} {words}" if negative else words
        number = int(re.sub(r"\D", "", whole))
        words = self.words(number)
        decimals = decimals.rstrip("0") if self.code not in data.DECIMALS_AS_NUMBER else decimals
        if decimals:
            sign = data.DECIMAL_POINT_WORDS.get(self.code) if self.decimal_sign == "." else None
            words += f" {sign or data.DECIMAL_WORDS[self.code]} {self._decimals(decimals)}"
        elif gender and number < 1_000_000:
            words = self.agree(words, gender)
        if case == "gen" and self.code == "pl" and not decimals:  # "około jeden przecinek trzy"
            words = " ".join(data.POLISH_GENITIVE.get(w, w) for w in words.split())
        return f"{data.MINUS[self.code]} {words}" if negative else words

    def _minus(self) -> str:
        """The minus word of a language without a row: num2words' own, where it has one."""
        try:
            return num2words(-1, lang=self.converter).split()[0]
        except ValueError:
            return "-"

    def _decimals(self, digits: str) -> str:
        if self.code in data.DECIMALS_AS_NUMBER:
            zeros = len(digits) - len(digits.lstrip("0"))
            rest = [self.words(int(digits))] if digits.strip("0") else []
            return " ".join([self.words(0)] * zeros + rest)
        return " ".join(self.words(int(d)) for d in digits)

    def agree(self, words: str, gender: str) -> str:
        for pattern, replacement in self.row(data.AGREEMENT).get(gender, ()):
            words = re.sub(pattern, replacement, words)
        return words

    def year(self, written: str) -> str:
        """'1990' -> 'neunzehnhundertneunzig' where years are read in pairs."""
        if self.code in data.YEARS_IN_PAIRS and re.fullmatch(r"1[1-9]\d\d", written):
            return self.words(int(written), to="year")
        return self.cardinal(written)

    def ordinal(self, value: int, form: str = "m") -> str:
        words = self.words(value, to="ordinal")
        for pattern, replacement in self.row(data.ORDINAL_FORMS).get(form, ()):
            words = re.sub(pattern, replacement, words)
        return words

    def polish_ordinal(self, value: int, case: str) -> str:
        """'8', 'gen' -> 'ósmego'; only the words that differ from the cardinal's are
        ordinals ('dwa tysiące dwudziestego czwartego')."""
        cardinal = set(self.words(value).split())
        words = []
        for word in self.words(value, to="ordinal").split():
            if word not in cardinal:
                for pattern, replacement in data.POLISH_ORDINAL_CASES[case]:
                    word, found = re.subn(pattern, replacement, word)
                    if found:
                        break
            words.append(word)
        return " ".join(words)

    def roman(self, numeral: str, reading: str) -> str:
        """A Roman numeral as `reading` says (see locale_data.ROMAN_AFTER_NAMES)."""
        value = roman_value(numeral)
        if reading == "cardinal" or (reading == "ordinal to ten" and value > 10):
            return self.words(value)
        return self.ordinal(value)

    # --- nouns --------------------------------------------------------------------

    def gender(self, noun: str, after_word: bool = False) -> str | None:
        """The gender of a noun that follows a number, from NOUN_GENDERS. After a
        lower-case word, German nouns not listed count as masculine or neuter ("kurz 1
        Päckchen": "ein"); after a noun the number is a label ("Sky Sport 1 HD")."""
        for gender, nouns in self.row(data.NOUN_GENDERS).items():
            if noun in nouns:
                return gender
        if self.code == "de" and after_word and re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+", noun):
            return "m"
        return None

    def plural(self, forms: data.Forms, count: int | float) -> str:
        """The form of a noun for a count: 'złote' for 2, 'złotych' for 5."""
        if isinstance(forms, str):
            return forms
        category = self.locale.plural_form(count)
        if isinstance(forms, tuple):
            return forms[0] if category == "one" else forms[1]
        return forms.get(category, forms["other"])

    # --- what the locale writes -------------------------------------------------------

    @cached_property
    def months(self) -> list[str]:
        names = list(self.locale.months["format"]["wide"].values())
        return names + (["Jänner"] if self.code == "de" else [])

    @cached_property
    def month_pattern(self) -> str:
        return _either(frozenset({*self.months, *self.row(data.MONTH_ABBREVIATIONS)}))

    def month(self, written: str) -> str:
        return self.row(data.MONTH_ABBREVIATIONS).get(written, written)

    @cached_property
    def weekdays(self) -> set[str]:
        return set(get_day_names("wide", locale=self.locale).values())

    def currency(self, sign: str) -> str:
        """The currency a sign stands for: '$' is the local peso where CLDR says so."""
        if sign == "$" and self.locale.territory:
            local = (get_territory_currencies(self.locale.territory) or ["USD"])[0]
            if get_currency_symbol(local, self.locale) == "$":
                return local
        return data.CURRENCY_SIGNS.get(sign, "USD")

    def money(self, code: str) -> data.Money:
        known = self.row(data.CURRENCIES).get(code)
        if known:
            return known
        name = (get_currency_name(code, 1, self.locale), get_currency_name(code, 2, self.locale))
        return data.Money(name, "m", "")

    @cached_property
    def short_forms(self) -> dict[str, tuple[str, str]]:
        """The short forms always read in full, by their letters and dots without
        spaces ('z.B.'), with a capital first letter too ('Z.B.')."""
        forms = {}
        for short, long in self.row(data.ABBREVIATIONS).items():
            for written in (short, short[0].upper() + short[1:]):
                forms.setdefault(re.sub(r"\s", "", written), (short, long))
        return forms

    @cached_property
    def short_form_pattern(self) -> re.Pattern | None:
        shorts = sorted({s for s, _ in self.short_forms.values()} |
                        {s[0].upper() + s[1:] for s, _ in self.short_forms.values()},
                        key=len, reverse=True)
        if not shorts:
            return None
        return re.compile(rf"(?<![\w.])(?:{'|'.join(_spaced(s) for s in shorts)})(?!\w)")

    @cached_property
    def money_names(self) -> dict[str, str]:
        """Every form of the currency names this language's table knows, and its code
        ('złotych': 'PLN'), longest first."""
        names = {form: code for code, money in self.row(data.CURRENCIES).items()
                 for form in _forms(money.name)}
        return dict(sorted(names.items(), key=lambda item: -len(item[0])))


@lru_cache(maxsize=256)
def _either(words: tuple[str, ...] | frozenset[str]) -> str:
    """Words as the alternatives of a pattern, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _forms(forms: data.Forms) -> list[str]:
    return [forms] if isinstance(forms, str) else list(forms) if isinstance(forms, tuple) \
        else list(forms.values())


def _is_roman(numeral: str) -> bool:
    return bool(numeral) and bool(ROMAN.match(numeral))


def _before(text: str, start: int, words: int = 1) -> list[str]:
    """The last `words` words before `start`, without punctuation."""
    return re.findall(r"[\w'’.-]+", text[max(0, start - 60):start])[-words:]


def _ends_sentence(text: str, end: int) -> bool:
    after = text[end:end + 3]
    return not after.strip() or bool(re.match(r"\s+[A-ZÀ-Þ]", after))


def _spaced(short: str) -> str:
    """A short form as a pattern in which the spaces after its dots may be left out."""
    return r"\.\s?".join(re.escape(part) for part in short.split(". ")) if ". " in short \
        else re.escape(short)


# --- rules ------------------------------------------------------------------------

def web_addresses(text: str, lang: Language) -> str:
    """A web address is said as its site in the language's words ('https://www.spiegel.de
    /politik/2016/07/' -> 'spiegel Punkt de'), an e-mail address as 'info ät verein
    Punkt de': the numbers of a path are not for listening, and no later rule reads
    them. Known limit: a path that matters is not read."""
    dot, at = lang.row(data.DOT_WORDS, ""), lang.row(data.AT_WORDS, "")
    if not dot:
        return text

    def site(host: str) -> str:
        return re.sub(r"^www\.", "", host, flags=re.I).replace(".", f" {dot} ")

    text = re.sub(r"(?<![\w.@])([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b",
                  lambda m: f"{m.group(1).replace('.', f' {dot} ')} {at} {site(m.group(2))}", text)
    text = re.sub(r"\b(?:https?://|www\.)([\w-]+(?:\.[\w-]+)+)(?::\d+)?(?:[/?#]\S*)?(?<![.,;:!?)\]])",
                  lambda m: site(m.group(1)), text, flags=re.I)
    endings = _either(data.DOMAIN_ENDINGS)
    return re.sub(rf"(?<![\w.@])([a-z][a-z0-9-]*\.(?:{endings}))\b(?![.\w])(?:/\S*(?<![.,;:!?)\]]))?",
                  lambda m: site(m.group(1)), text)


def abbreviations(text: str, lang: Language) -> str:
    """'z. B.' -> 'zum Beispiel', 'EE. UU.' -> 'Estados Unidos'; 'Nr. 5' -> 'Nummer 5'
    (only before a number); 'Dr. Weber' -> 'Doktor Weber', 'M. Dupont' -> 'Monsieur
    Dupont', 'Sra. López' -> 'señora López' (only before a name; a one-letter title
    right after a capitalised word is an initial: 'Jean M. Dupont' stays, but not
    after a word that opens sentences: 'Selon M. Dupont'); 'S. 35 ff.' -> 'S. 35
    folgende' (only after a number); 'Hauptstr.' -> 'Hauptstraße'. A short form that may end a list ('usw.', 'etc.') keeps its full
    stop where the sentence ends. Known limit: words that decline after an article
    ('sog.', 'o. g.') are left to the voice."""
    def full(m: re.Match) -> str:
        short, long = lang.short_forms[re.sub(r"\s", "", m.group(0))]
        said = long[0].upper() + long[1:] if m.group(0)[0].isupper() and \
            not short[0].isupper() else long
        keep = short in data.SENTENCE_ENDS and _ends_sentence(m.string, m.end())
        return said + ("." if keep else "")

    if lang.short_form_pattern:
        text = lang.short_form_pattern.sub(full, text)
    for short, long in lang.row(data.BEFORE_NUMBERS).items():
        text = re.sub(rf"(?<![\w.]){re.escape(short)}\s?(?=\d)", long + " ", text)
    openers = lang.row(data.SENTENCE_OPENERS, set())
    for short, long in lang.row(data.BEFORE_NAMES).items():
        def title(m: re.Match, short: str = short, long: str = long) -> str:
            before = _before(m.string, m.start())
            initial = len(short.rstrip(".")) == 1 and before and before[0][:1].isupper() \
                and before[0] not in openers and m.string[:m.start()].rstrip()[-1:].isalpha()
            return m.group(0) if initial else long
        text = re.sub(rf"(?<![\w.]){re.escape(short)}(?=[\s-]+{_NAME})", title, text)
    for short, long in lang.row(data.AFTER_NUMBERS).items():
        text = re.sub(rf"(?<=\d)\s?{re.escape(short)}(?!\w)",
                      lambda m, long=long: f" {long}" + ("." if _ends_sentence(m.string, m.end())
                                                        else ""), text)
    for ending, long in lang.row(data.WORD_ENDINGS).items():
        text = re.sub(rf"(?<=\w){re.escape(ending)}(?=[\s,;)]|$)", long, text)
    return text


def numeric_dates(text: str, lang: Language) -> str:
    """'8.1.2024', '08/01/2024' and '2024-01-08' are written with the month's name as
    the language writes a date ('8. Januar 2024', '8 de enero de 2024'), so that
    `dates` reads them. The day comes first in every locale here (CLDR's short
    date patterns); only a four-digit year makes a date, so '3.11.2' stays a version."""
    pattern = lang.row(data.DATE_PATTERNS, "")
    if not pattern:
        return text

    def written(day: str, month: str, year: str, whole: str) -> str:
        if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
            return whole
        return pattern.format(day=int(day), month=lang.months[int(month) - 1], year=year)

    text = re.sub(r"(?<![\w.,/-])(\d{4})-(\d\d)-(\d\d)(?![\w-]|[.,/]\d)",
                  lambda m: written(m.group(3), m.group(2), m.group(1), m.group(0)), text)
    return re.sub(r"(?<![\w.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\w-]|[.,/]\d)",
                  lambda m: written(m.group(1), m.group(3), m.group(4), m.group(0)), text)


def dates(text: str, lang: Language) -> str:
    """A day before a month's name. German days are ordinals that decline: 'am 8.
    Januar' -> 'am achten Januar', 'der 3. Oktober' -> 'der dritte Oktober', '8.
    Januar' -> 'achter Januar', 'vom 1. bis 3. Mai' -> 'vom ersten bis dritten Mai'.
    Polish days and years are genitive ordinals: '8 stycznia 2024 r.' -> 'ósmego
    stycznia dwa tysiące dwudziestego czwartego roku'. The first of a month is an
    ordinal in French, Italian and Portuguese ('1 maggio' -> 'primo maggio'); other
    days are cardinals there and in Spanish and Dutch, read by `numbers`."""
    months = lang.month_pattern
    if lang.code == "de":
        return _german_ordinals(text, lang, months)
    if lang.code == "pl":
        return _polish_dates(text, lang, months)
    first = lang.row(data.FIRST_DAY, "")
    if first:
        text = re.sub(rf"(?<![\w.,])1(?:º|er)?(?=\s+(?:de\s+)?(?:{months})\b)", first, text)
    return text


def _polish_dates(text: str, lang: Language, months: str) -> str:
    """'8 stycznia 2024 r.' -> 'ósmego stycznia dwa tysiące dwudziestego czwartego
    roku'; 'w 2020 r.' -> 'w dwa tysiące dwudziestym roku' (locative after 'w')."""
    def date(m: re.Match) -> str:
        nominative = set(w.lower() for w in _before(m.string, m.start())) & \
            data.POLISH_NOMINATIVE_BEFORE
        day = lang.polish_ordinal(int(m.group(1)), "nom" if nominative else "gen")
        return f"{day} {m.group(2)}"

    def year(m: re.Match) -> str:
        case = "loc" if _before(m.string, m.start()) in (["w"], ["we"], ["W"], ["We"]) else "gen"
        stop = "." if m.group(2) == "r." and _ends_sentence(m.string, m.end()) else ""
        return f"{lang.polish_ordinal(int(m.group(1)), case)} roku{stop}"

    text = re.sub(rf"(?<![\w.,])([12]\d|3[01]|0?[1-9])\s+({months})(?!\w)", date, text)
    text = re.sub(r"(?<![\w.,])(1\d\d\d|20\d\d)\s+(r\.|roku)(?!\w)", year, text)
    return re.sub(r"(?<=[a-ząćęłńóśźż] )(1\d\d\d|20\d\d)(?![\w.,]\w)",
                  lambda m: lang.polish_ordinal(int(m.group(1)), "gen")
                  if re.search(rf"(?:{months})\s$", m.string[:m.start()]) else m.group(0), text)


def _german_ordinals(text: str, lang: Language, nouns: str) -> str:
    """German ordinals before `nouns`, with a second one joined by 'bis' or 'und'
    ('1. und 2. Mai'); the ending comes from the word before (Duden's declension)."""
    def spoken(m: re.Match) -> str:
        noun = lang.month(m.group(4))
        ending = _german_ending(m.string, m.start(), _german_gender(noun, lang))
        if ending is None:
            return m.group(0)
        first = lang.words(int(m.group(1)), to="ordinal")[:-1] + ending
        if not m.group(2):
            return f"{first} {noun}"
        second_ending = ending if m.group(2) != "bis" and m.group(2) not in "–-" or \
            ending in ("er", "e", "es") else "en"
        second = lang.words(int(m.group(3)), to="ordinal")[:-1] + second_ending
        link = {"&": "und", "/": "und", "oder": "oder", "und": "und"}.get(m.group(2), "bis")
        return f"{first} {link} {second} {noun}"

    return re.sub(rf"(?<![\w.,])(\d{{1,4}})\.(?:\s*(bis|und|oder|&|/|–|-)\s*(\d{{1,4}})\.)?\s+({nouns})(?![\w])",
                  spoken, text)


def _german_gender(noun: str, lang: Language) -> str | None:
    lowered = noun.lower()
    if noun in lang.months or noun in data.MONTH_ABBREVIATIONS["de"]:
        return "m"
    for gender, heads in data.GERMAN_ORDINAL_NOUNS.items():
        if lowered in heads or any(lowered.endswith(h) and len(h) > 3 and len(lowered) - len(h) > 2
                                   for h in heads):  # "Bundesliga", not "Erstelle"
            return gender
    return None


def _german_ending(text: str, start: int, gender: str | None) -> str | None:
    """The ending of a German ordinal from the words before it: 'e' after 'der'
    (nominative), 'en' after 'am' or 'in der' (dative), 'er' with no article before
    a masculine noun; None when it cannot be told (then it is no ordinal)."""
    words = _before(text, start, 4)
    weekday = False
    while len(words) >= 2 and words[-1].rstrip(",") in _GERMAN_WEEKDAYS:  # "am Montag, 3. Mai"
        words, weekday = words[:-1], True
    previous = words[-1].lower() if words else ""
    if weekday and (previous in data.GERMAN_ENDINGS or previous in data.GERMAN_PREPOSITION_ENDINGS):
        return "en"  # "seit Mittwoch, 2. Februar": "dem zweiten", its article left out
    if previous in data.GERMAN_PREPOSITION_ENDINGS:
        return data.GERMAN_PREPOSITION_ENDINGS[previous] if gender else None
    if previous in data.GERMAN_ENDINGS:
        ending = data.GERMAN_ENDINGS[previous]
        if previous == "der" and len(words) >= 2:
            earlier = words[-2]
            if earlier.lower() in data.GERMAN_DATIVE_BEFORE_ARTICLE or (
                    earlier[:1].isupper() and len(words) >= 3 and not earlier.endswith(".")):
                return "en"  # "in der 3. Klasse", "Beginn der 2. Halbzeit"
        return ending
    return None if gender is None else data.GERMAN_STRONG[gender]


_GERMAN_WEEKDAYS = {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag",
                    "Sonntag"}


def ranges(text: str, lang: Language) -> str:
    """'2020–2022' -> '2020 bis 2022', '10-20 %' -> '10 à 20 %' (the numbers are read
    later, by the rules for what they count); Polish ranges are 'od ... do ...' with
    both ends in the genitive, years as ordinals. A hyphen joins only numbers of up
    to four digits without a leading zero, so '030-1234' stays a telephone number;
    a chain of them ('978-3-16-1') and a number with its year ('188-2021') are
    codes. A range rises: '2022 – 9' is two
    numbers and a dash."""
    pattern = lang.row(data.RANGES, "")
    if not pattern:
        return text
    number = lang.number

    def spoken(m: re.Match) -> str:
        first, second = m.group(1), m.group(3)
        if m.group(2) == "-" and not all(re.fullmatch(r"[1-9]\d{0,3}|0", n) for n in (first, second)):
            return m.group(0)
        if m.group(2) == "-" and re.fullmatch(r"19\d\d|20\d\d", second) and len(first) < 4:
            return m.group(0)  # "Resolución 188-2021": a number and its year
        low, high = lang.value(first), lang.value(second)
        if re.fullmatch(r"1\d{3}|20\d\d", first) and re.fullmatch(r"\d\d", second):
            low = low % 100  # "1990–95"
        if high <= low:
            return m.group(0)  # "20.12.2022 – 9 AZR 266/20": a dash, not a range
        if lang.code == "pl" and re.fullmatch(r"1\d{3}|20\d\d", first) and \
                re.fullmatch(r"1\d{3}|20\d\d|\d\d", second):  # years: "2008–16"
            first, second = (lang.polish_ordinal(int(n), "gen") for n in (first, second))
        return pattern.format(first, second)

    return re.sub(rf"(?<![\w.,:/-])({number})\s?([–-])\s?({number})(?![\w/]|[.,:]\d|[–-]\d)",
                  spoken, text)


def times(text: str, lang: Language) -> str:
    """'18:30 Uhr' -> 'achtzehn Uhr dreißig', '18 h 30' -> 'dix-huit heures trente',
    '1 Uhr' -> 'ein Uhr', 'o 18:30' -> 'o osiemnastej trzydzieści'. A time needs two
    digits of minutes ('3:2' is a score) or the language's hour mark ('18 Uhr',
    '18h'); a dot between hours and minutes ('18.30') only with the mark, or after
    a Polish preposition. A colon after a word of scores ('Endstand 1:21', 'gewann
    21:19') makes a score, read by `scores`; an hour with a leading zero and no
    word of clocks before it ('Kamera 02:46') is a place in a video. Known limit: a bare score with no such
    word ('Bayern 21:19') reads as a time."""
    if lang.code not in data.TIMES:
        return text
    mark = lang.row(data.HOUR_MARKS, "")
    polish = lang.code == "pl"
    prepositions = data.POLISH_LOCATIVE_AFTER | data.POLISH_GENITIVE_AFTER
    word = r"(?P<word>godz\.\s?)?" if polish else r"(?P<word>)"
    hours = r"[01]?\d|2[0-4]"
    hour = rf"(?P<hour>{hours})"

    not_times = lang.row(data.SCORE_CONTEXT, set()) | lang.row(data.DURATION_WORDS, set())
    clock_words = lang.row(data.CLOCK_WORDS, set()) | prepositions
    durations = _either(frozenset(lang.row(data.DURATION_WORDS, set())))

    def clock(m: re.Match) -> str:
        minute = m.groupdict().get("minute") or m.groupdict().get("after")
        if m.groupdict().get("sep") == ":" and (
                set(_before(m.string, m.start(), 8)) & not_times or
                durations and re.match(rf"\s?(?:{durations})(?!\w)", m.string[m.end():])):
            return m.group(0)  # "Endstand 8:4; 1:21" is a score, "1:50 Minuten" a time taken
        after_preposition = bool(set(_before(m.string, m.start())) & prepositions)
        if m.groupdict().get("sep") == "." and not (polish and (m.group("word") or after_preposition)):
            return m.group(0)
        if m.groupdict().get("sep") and m.group("hour").startswith("0") and \
                not set(_before(m.string, m.start())) & clock_words:
            return m.group(0)  # "Kamera 02:46": a place in a video, not a time of day
        noun = not re.match(r"\s?(?:horas?|heures?|h\b|[ap]\.?\s?m\b)", m.string[m.end():], re.I)
        said = _time(lang, int(m.group("hour")), int(minute or 0), after_preposition, noun)
        return m.group(0) if said is None else _hour_word(m.group("word"), after_preposition) + said

    between = lang.row(data.RANGES, "{0} {1}")
    if mark:  # "9.30–17.30 Uhr", "9.30 bis 17.30 Uhr": both are times
        word_between = between.split("}", 1)[1].split("{")[0].strip()
        text = re.sub(rf"(?<![\w.,:])((?:{hours})[:.][0-5]\d)\s?(?:{word_between}|–|-)\s?"
                      rf"((?:{hours})[:.][0-5]\d\s?{re.escape(mark)}(?!\w))",
                      lambda m: between.format(f"{m.group(1)} {mark}", m.group(2)), text)
    text = re.sub(rf"(?<![\w.,:])((?:{hours}):[0-5]\d)\s?[–-]\s?((?:{hours}):[0-5]\d)(?![\w:]|[.,]\d)",
                  lambda m: between.format(m.group(1), m.group(2)), text)  # "10:00 - 17:00"
    if mark:
        after = r"(?:\s?(?P<after>[0-5]\d)(?!\d))?" if mark == "h" else ""
        text = re.sub(rf"(?<![\w.,:]){word}{hour}(?:\s?[:.]\s?(?P<minute>[0-5]\d))?"
                      rf"\s?{re.escape(mark)}{after}(?!\w)", clock, text)
    text = re.sub(rf"(?<![\w.,:]){word}{hour}(?P<sep>[:.])(?P<minute>[0-5]\d)(?![\w:]|[.,]\d)",
                  clock, text)
    if polish:
        text = re.sub(rf"(?<![\w.,:])(?P<word>godz\.\s?){hour}(?![\w:.]|,\d)", clock, text)
    return text


def _time(lang: Language, hour: int, minute: int, after_preposition: bool,
          noun: bool = True) -> str | None:
    """A clock time in words, as locale_data.TIMES writes it; without the word for
    hours where the page writes it after the time ('a las 13:00 horas')."""
    if hour > 24 or minute > 59:
        return None
    with_minutes, full_hour = data.TIMES[lang.code]
    gender = lang.row(data.TIME_GENDERS, "") or None
    if lang.code == "pl":
        said_hour = lang.polish_ordinal(hour, "loc f" if after_preposition else "nom f") \
            if hour else "zero"
    else:
        said_hour = lang.cardinal(str(hour), gender)
    nouns = lang.row(data.HOUR_NOUNS, "")
    hours = lang.plural(nouns, hour) if nouns and noun else ""
    if not minute:
        return full_hour.format(hour=said_hour, hours=hours).strip()
    said_minute = lang.cardinal(str(minute), gender if lang.code == "fr" else None)
    if minute < 10 and lang.code in data.MINUTE_ZERO:
        said_minute = f"{data.MINUTE_ZERO[lang.code]} {said_minute}"
    return with_minutes.format(hour=said_hour, minute=said_minute, hours=hours)


def _hour_word(written: str | None, after_preposition: bool) -> str:
    """Polish 'godz.' before an hour: 'godzina', or 'godzinie' after 'o'."""
    if not written:
        return ""
    return data.POLISH_HOUR_WORDS["loc f" if after_preposition else "nom f"] + " "


def scores(text: str, lang: Language) -> str:
    """'3:2' -> 'drei zu zwei', '1:100' -> 'un à cent': two numbers around a colon
    that are no time (times run first) are a score or a ratio; a colon followed but
    not preceded by a space ends a label ('1990: 5 km'), and minutes and seconds
    ('2:30,62 min') are a time taken, left as written."""
    word = lang.row(data.SCORE_WORDS, "")
    if not word:
        return text
    return re.sub(r"(?<![\w.,:])([1-9]\d*|0)(?::|\s:\s)(\d+)(?![\w:]|[.,]\d|\s?(?:min|Min|sec|Sek|s\b|h\b))",
                  lambda m: f"{m.group(1)} {word} {m.group(2)}", text)


def scales(text: str, lang: Language) -> str:
    """'3,5 Mio.' -> '3,5 Millionen', '2 M€' -> '2 millions €', '5 mln' -> '5 milionów':
    short scale words after a number, in the form the number asks for."""
    for short, (forms, _gender) in sorted(lang.row(data.SCALES).items(), key=lambda i: -len(i[0])):
        def full(m: re.Match, forms=forms) -> str:
            space = " " if m.string[m.end():m.end() + 1] not in ("", " ", ",", ";", ".", ")") else ""
            return f"{m.group(1)} {lang.plural(forms, lang.value(m.group(1)))}{space}"  # "2 M€"
        text = re.sub(rf"(?<![\w.,])({lang.number})\s?{re.escape(short)}(?!\w)", full, text)
    return text


def currency(text: str, lang: Language) -> str:
    """'3,50 €' and '3,50 Euro' -> 'drei Euro fünfzig', '0,50 €' -> 'fünfzig Cent',
    '1 €' -> 'ein Euro', '3,50 €' in Spanish -> 'tres euros con cincuenta', '2 zł' ->
    'dwa złote', '3,5 Millionen €' -> 'drei Komma fünf Millionen Euro', '2 millions
    €' -> 'deux millions d'euros'. The currency's name agrees with the count (CLDR
    plural rules); a sign the table does not know is named by CLDR."""
    if lang.code not in data.AMOUNTS:
        return text
    signs = _either(tuple(data.CURRENCY_SIGNS))
    names = _either(tuple(lang.money_names))
    scale = _either(data.SCALE_WORDS.get(lang.code, ()))
    link = r"(?:\s(?:de|di)\s|\sd['’]|\s)"
    amount = rf"(?P<num>{lang.number})(?:{re.escape(lang.decimal_sign)}(?P<nocents>[–—-]))?" \
             rf"(?:\s(?P<scale>{scale}))?"

    def spoken(m: re.Match) -> str:
        sign = m.group("sign")
        code = lang.currency(sign) if sign in data.CURRENCY_SIGNS or sign == "$" \
            else lang.money_names.get(sign)
        return _amount(lang, m.group("num"), m.group("scale"), lang.money(code or "EUR"),
                       _before(m.string, m.start()))

    text = re.sub(rf"(?P<sign>{signs}|\$)\s?{amount}(?!\w)", spoken, text)
    text = re.sub(rf"(?<![\w.,]){amount}(?:{link}|\s?)(?P<sign>{signs})(?!\w)", spoken, text)
    if names:
        text = re.sub(rf"(?<![\w.,]){amount}{link}(?P<sign>{names})(?!\w)", spoken, text)
    return text


def _amount(lang: Language, written: str, scale: str | None, money: data.Money,
            before: list[str]) -> str:
    case = "gen" if lang.code == "pl" and before and before[-1].lower() in \
        data.POLISH_GENITIVE_AFTER else None
    whole, _, cents = written.partition(lang.decimal_sign)
    if scale or (cents and len(cents) != 2):  # "3,5 Millionen Euro", "2,5 €"
        number = lang.cardinal(written, lang.gender(scale) if scale else None, case)
        count = 5 if lang.code == "pl" and (scale or case) else 2 if scale else lang.value(written)
        return _named(lang, " ".join(filter(None, (number, scale))), money.name, count)
    major, minor = int(re.sub(r"\D", "", whole)), int(cents or "0")
    said_major = _named(lang, lang.cardinal(whole, money.gender, case), money.name,
                        5 if case else major)
    if not minor:
        return said_major
    if not major:
        return _named(lang, lang.cardinal(str(minor), money.cents_gender, case), money.cents,
                      5 if case else minor)
    return data.AMOUNTS[lang.code].format(major=said_major, minor=lang.cardinal(str(minor), case=case))


def _named(lang: Language, number: str, name: data.Forms, count: int | float) -> str:
    """A count and a currency's name in its form for the count, with the word some
    languages put after millions ('un million d'euros', 'un millón de dólares')."""
    said = lang.plural(name, count)
    if not said:
        return number
    link, scales = data.SCALE_LINKS.get(lang.code, ("", set()))
    if link and number.split()[-1] in scales:
        if link == "de" and lang.code == "fr" and re.match(r"[aeiouéh]", said):
            return f"{number} d'{said}"
        return f"{number} {link} {said}"
    return f"{number} {said}"


def ordinals(text: str, lang: Language) -> str:
    """Written ordinals: German '3.' before a noun with an article or a known noun
    ('der 3. Platz' -> 'der dritte Platz', 'im 19. Jahrhundert' -> 'im neunzehnten
    Jahrhundert'; 'Es waren 12. Dann' stays a number at a sentence's end); French
    '1er', '1re', '2e', '2nd' ('premier', 'première', 'deuxième', 'second') and Roman
    'XIXe' ('dix-neuvième'); Spanish, Italian and Portuguese '1.º', '1.ª', '3.er'
    ('primero', 'primera', 'tercer'); Dutch '3e', '1ste' ('derde', 'eerste')."""
    if lang.code == "de":
        return _german_ordinals(text, lang, _NAME)
    marks = lang.row(data.ORDINAL_MARKS)
    if not marks:
        return text
    pattern = _either(tuple(marks))

    def spoken(m: re.Match) -> str:
        number, mark = m.group(1), m.group(2)
        if not number.isdigit() and (not _is_roman(number) or number in ("C", "L")
                                     or not mark.islower()):
            return m.group(0)  # "Ce", "Le" and "LE" are words
        value = int(number) if number.isdigit() else roman_value(number)
        form = marks[mark]
        if form in ("second", "seconde"):
            return form if value == 2 else m.group(0)
        return lang.ordinal(value, form)

    roman = "|[IVXLC]{1,6}" if lang.code == "fr" else ""
    return re.sub(rf"(?<![\w.,])(\d+{roman})({pattern})(?![\w])", spoken, text)


def roman_numerals(text: str, lang: Language) -> str:
    """A Roman numeral after a name or a century word: 'Louis XIV' -> 'Louis quatorze',
    'Felipe VI' -> 'Felipe sexto', 'Alfonso XIII' -> 'Alfonso trece', 'siglo XIX' ->
    'siglo diecinueve', 'Pio XII' -> 'Pio dodicesimo', 'Friedrich II.' -> 'Friedrich
    der Zweite', 'XIX wieku' -> 'dziewiętnastego wieku' (Polish: locative after 'w').
    A lone 'I' is left alone (it is also a letter and a word); 'Teil II' is 'Teil zwei'."""
    reading = lang.row(data.ROMAN_AFTER_NAMES, "")
    centuries = lang.row(data.CENTURIES, ())
    cardinal_after = lang.row(data.ROMAN_CARDINAL_AFTER, set())

    def after_name(m: re.Match) -> str:
        name, numeral = m.group(1), m.group(2)
        if not _is_roman(numeral) or numeral == "I":
            return m.group(0)
        if name in cardinal_after:
            return f"{name} {lang.words(roman_value(numeral))}"
        if reading in ("der", "de"):
            ordinal = lang.ordinal(roman_value(numeral))
            if reading == "der":
                dative = set(w.lower() for w in _before(m.string, m.start())) & \
                    {"von", "unter", "mit", "bei", "nach", "zu", "seit", "vor"}
                ordinal = ordinal[:-1] + ("en" if dative else "e")
                article = "dem" if dative else "der"
            else:
                article = "de"
            return f"{name} {article} {ordinal[0].upper()}{ordinal[1:]}"
        return f"{name} {lang.roman(numeral, reading)}"

    for short, word in lang.row(data.CENTURY_SHORT).items():
        text = re.sub(rf"(?<![\w.]){re.escape(short)}\s?(?=[IVXL]+\b)", word + " ", text)
    if centuries:
        words = "|".join(centuries)
        text = re.sub(rf"\b({words})\s([IVXL]{{1,6}})\b",
                      lambda m: f"{m.group(1)} {lang.roman(m.group(2), reading)}"
                      if _is_roman(m.group(2)) else m.group(0), text)
        text = re.sub(rf"\b([IVXL]{{1,6}})\s({words})\b",
                      lambda m: f"{lang.roman(m.group(1), reading)} {m.group(2)}"
                      if _is_roman(m.group(1)) else m.group(0), text)
    if lang.code == "pl":
        def century(m: re.Match) -> str:
            if not _is_roman(m.group(1)):
                return m.group(0)
            case = data.POLISH_CENTURY_WORDS[m.group(2)]
            if case == "gen" and _before(m.string, m.start()) in (["w"], ["we"]):
                case = "loc"
            word = "wieku" if m.group(2) == "w." else m.group(2)
            if case == "nom":
                return f"{lang.words(roman_value(m.group(1)), to='ordinal')} {word}"
            return f"{lang.polish_ordinal(roman_value(m.group(1)), case)} {word}"
        text = re.sub(r"\b([IVXL]{1,6})\s(wieku|wieków|wiek|w\.)(?!\w)", century, text)
    if reading:
        dot = r"\." if reading == "der" else ""
        text = re.sub(rf"(?<![\w.])({_NAME})\s([IVX]{{1,6}}){dot}(?![\w])", after_name, text)
    return text


def units(text: str, lang: Language) -> str:
    """'5 km' -> 'fünf Kilometer', '45 %' -> 'quarante-cinq pour cent', '1 h' -> 'eine
    Stunde', '2 h' -> 'duas horas': CLDR names the unit in the count's plural form, and
    the number agrees with it. Only after a number, so 'm' and 'h' elsewhere stay."""
    names = _either(tuple(u for u in data.UNIT_IDS
                          if lang.code in data.UNIT_LANGUAGES.get(u, {lang.code})))

    def spoken(m: re.Match) -> str:
        value = lang.value(m.group(1).lstrip("-")) * (-1 if m.group(1).startswith("-") else 1)
        if abs(value) >= _LARGEST:
            return m.group(0)
        try:
            formatted = format_unit(value, data.UNIT_IDS[m.group(2)], length="long",
                                    locale=lang.locale).replace("\u00a0", " ")
        except (KeyError, ValueError):
            return m.group(0)
        number = format_decimal(value, locale=lang.locale).replace("\u00a0", " ")
        noun = formatted.replace(number, "", 1).split()
        gender = lang.gender(noun[0], after_word=True) if noun else None
        return formatted.replace(number, lang.cardinal(m.group(1), gender), 1)

    return re.sub(rf"(?<![\w.,])(-?{lang.number})\s?({names})(?![\w/²])", spoken, text)


def numbers(text: str, lang: Language) -> str:
    """Every number left, as words with the locale's decimal sign ('3,5' -> 'drei
    Komma fünf'), agreeing with the noun after it ('1 Jahr' -> 'ein Jahr', '2 horas'
    -> 'duas horas'), with its minus sign ('-5' -> 'minus fünf'), in the genitive
    after Polish prepositions ('około 5' -> 'około pięciu'). A number with a leading
    zero and three digits or more (with the groups after it: '030 1234567') or of
    seven digits or more is read digit by digit ('07' is seven); French telephone
    numbers are read in pairs;
    a number in a word, a version ('2.0.1') or a product code ('A4') stays."""
    def digits(m: re.Match) -> str:
        return ", ".join(" ".join(lang.words(int(d)) for d in group)
                         for group in re.findall(r"\d+", m.group(0)))

    if lang.code in data.PHONE_IN_PAIRS:  # "01 23 45 67 89": "zéro un, vingt-trois, ..."
        text = re.sub(r"(?<![\w.,])0(\d)((?:[ .]\d\d){4})(?![\w]|[.,]\d)",
                      lambda m: ", ".join([f"{lang.words(0)} {lang.words(int(m.group(1)))}"] +
                                          [lang.words(int(p)) for p in re.findall(r"\d\d", m.group(2))]),
                      text)
    text = re.sub(r"(?<![\w.,:'’])(?<!\d\s)(?:0\d{2,}(?:[ /-]\d{2,})*|\d{7,})(?![\w,]|\.\d)",
                  digits, text)

    def spoken(m: re.Match) -> str:
        written = m.group(0)
        after = re.match(r"\s+([\w’'-]+)", m.string[m.end():])
        before = _before(m.string, m.start())
        case = "gen" if lang.code == "pl" and before and before[-1].lower() in \
            data.POLISH_GENITIVE_AFTER else None
        if re.fullmatch(r"\d{4}", written) and not case:
            return lang.year(written)
        spaced = m.start() == 0 or m.string[m.start() - 1].isspace()  # not "10-in-1"
        gender = lang.gender(after.group(1), after_word=bool(before) and before[-1].islower()) \
            if after and spaced else None
        return lang.cardinal(written, gender, case)

    return re.sub(rf"(?<![\w.,])-?{lang.number}(?![\w]|[.,]\d)", spoken, text)


#: the order in which the rules run: web addresses first (their dots and digits are no
#: numbers), then short forms (so that 'Nr. 5' is a label and
#: 'Mio.' a scale), dates before ranges and times, money and units before the plain
#: numbers that are left
RULES: tuple[Callable[[str, Language], str], ...] = (
    web_addresses, abbreviations, numeric_dates, dates, ranges, times, scores, scales, currency, ordinals,
    roman_numerals, units, numbers,
)


@lru_cache(maxsize=64)
def rules_for(lang: str) -> tuple[Rule, ...]:
    """The rules for `lang`, or none when num2words or CLDR do not know it."""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return ()
    converter = _converter(locale)
    if converter is None or locale.language == "en":
        return ()
    language = Language(locale, converter)
    return tuple(partial(rule, lang=language) for rule in RULES)


def _converter(locale: Locale) -> str | None:
    territory = locale.territory or data.DEFAULT_TERRITORIES.get(locale.language)
    for name in (f"{locale.language}_{territory}", locale.language):
        if name in CONVERTER_CLASSES:
            return name
    return None
