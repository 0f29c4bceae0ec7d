"""Numbers, dates and units for languages other than English, from data rather
than English rules: num2words writes the numbers, Babel's CLDR data gives the
decimal and grouping signs, the unit names and the month names of the locale.

A language num2words does not know keeps its numbers for the voice to read.
"""
from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from babel.units import format_unit
from num2words import CONVERTER_CLASSES, num2words

from .rules import Rule

#: written unit -> CLDR unit id
UNIT_IDS = {
    "km/h": "speed-kilometer-per-hour", "km": "length-kilometer", "cm": "length-centimeter",
    "mm": "length-millimeter", "m": "length-meter", "kg": "mass-kilogram", "mg": "mass-milligram",
    "g": "mass-gram", "ml": "volume-milliliter", "l": "volume-liter", "°C": "temperature-celsius",
    "%": "concentr-percent", "kWh": "energy-kilowatt-hour", "kW": "power-kilowatt",
}
#: languages that read a four-digit year in pairs ("neunzehnhundertneunzig")
_YEARS_IN_PAIRS = {"de", "nl"}
#: German prepositions after which a day's ordinal ends in -en ("am zwölften April")
_DATIVE = re.compile(r"\b(?:am|vom|zum|im|seit dem|bis zum|ab dem|an dem)\s+$", re.I)


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
    spoken = _Spoken(locale, converter)
    rules: list[Rule] = [spoken.units]
    if locale.language == "de":
        rules.append(spoken.german_dates)
    rules.append(spoken.numbers)
    return tuple(rules)


def _converter(locale: Locale) -> str | None:
    for name in (f"{locale.language}_{locale.territory}", locale.language):
        if name in CONVERTER_CLASSES:
            return name
    return None


class _Spoken:
    """Numbers of one locale as words."""

    def __init__(self, locale: Locale, converter: str) -> None:
        self.locale, self.converter = locale, converter
        decimal = re.escape(get_decimal_symbol(locale))
        group = get_group_symbol(locale)
        groups = "[ \u00a0\u202f]" if group.isspace() else re.escape(group)
        self.number = rf"-?(?:\d{{1,3}}(?:{groups}\d{{3}})+|\d+)(?:{decimal}\d+)?"
        self.group, self.decimal = groups, decimal

    def value(self, written: str) -> int | float:
        plain = re.sub(self.group, "", written).replace(get_decimal_symbol(self.locale), ".")
        return float(plain) if "." in plain else int(plain)

    def words(self, written: str) -> str:
        value = self.value(written)
        if (self.locale.language in _YEARS_IN_PAIRS and isinstance(value, int)
                and re.fullmatch(r"1[1-9]\d\d", written)):
            return num2words(value, lang=self.converter, to="year")
        return num2words(value, lang=self.converter)

    def units(self, text: str) -> str:
        """'5 km' -> '5 Kilometer' (then words), '45 %' -> 'fünfundvierzig Prozent'."""
        names = "|".join(re.escape(u) for u in sorted(UNIT_IDS, key=len, reverse=True))

        def spoken(m: re.Match) -> str:
            value = self.value(m.group(1))
            try:
                formatted = format_unit(value, UNIT_IDS[m.group(2)], length="long",
                                        locale=self.locale)
            except (KeyError, ValueError):
                return m.group(0)
            number = format_decimal(value, locale=self.locale)
            return formatted.replace(number, self.words(m.group(1)), 1)

        return re.sub(rf"(?<![\w.,])({self.number})\s?({names})(?![\w/])", spoken, text)

    def german_dates(self, text: str) -> str:
        """'am 12. April' -> 'am zwölften April', '12. April' -> 'zwölfter April':
        the day's full stop is an ordinal, not the end of a sentence."""
        months = "|".join(self.locale.months["format"]["wide"].values())

        def spoken(m: re.Match) -> str:
            ordinal = num2words(int(m.group(1)), lang=self.converter, to="ordinal")
            ending = "n" if _DATIVE.search(m.string[max(0, m.start() - 12):m.start()]) else "r"
            return f"{ordinal}{ending} {m.group(2)}"

        return re.sub(rf"\b([12]?\d|3[01])\.\s+({months})\b", spoken, text)

    def numbers(self, text: str) -> str:
        """Remaining numbers as words, read with the locale's decimal sign."""
        return re.sub(rf"(?<![\w.,]){self.number}(?![\w]|[.,]\d)",
                      lambda m: self.words(m.group(0)), text)
