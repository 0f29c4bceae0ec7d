"""What the English rules (normalise.py) and the rules of other languages
(localised.py) share: the shape of a rule, written text in and text to say out,
and the value of a Roman numeral. A module of its own so that the two share it
without importing each other: the normaliser uses the localised rules, never the
other way round.
"""
from __future__ import annotations

import re
from collections.abc import Callable

Rule = Callable[[str], str]

#: a well-formed Roman numeral
ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(numeral: str) -> int:
    """'XIV' -> 14: a smaller letter before a larger one is taken away."""
    total = 0
    for char, following in zip(numeral, numeral[1:] + " "):
        value = _VALUES[char]
        total += -value if following != " " and _VALUES[following] > value else value
    return total
