"""Speech normalisation: a table of written -> spoken cases, one group per rule kind."""
from __future__ import annotations

import pytest

from audio_edition.normalise import normalise

CASES = {
    "currency": [
        ("$150 billion", "one hundred and fifty billion dollars"),
        ("$5", "five dollars"),
        ("$1", "one dollar"),
        ("$1.50", "one dollar and fifty cents"),
        ("$0.99", "ninety-nine cents"),
        ("€20", "twenty euros"),
        ("20 €", "twenty euros"),
        ("€1 million", "one million euros"),
        ("£3.50", "three pounds and fifty pence"),
        ("£3.5bn", "three point five billion pounds"),
        ("£1", "one pound"),
        ("$2.5m", "two point five million dollars"),
        ("$10k", "ten thousand dollars"),
        ("USD 40", "forty dollars"),
        ("40 EUR", "forty euros"),
        ("$1,200", "one thousand, two hundred dollars"),
        ("¥500", "five hundred yen"),
    ],
    "percentages": [
        ("45%", "forty-five percent"),
        ("2.5 %", "two point five percent"),
        ("100%", "one hundred percent"),
        ("-3%", "minus three percent"),
        ("rose 7% in March", "rose seven percent in March"),
    ],
    "years and numbers": [
        ("In 1990 it began.", "In nineteen ninety it began."),
        ("since 2008", "since two thousand and eight"),
        ("in 1905", "in nineteen oh five"),
        ("By 2030, cities grow.", "By twenty thirty, cities grow."),
        ("the 1990s", "the nineteen nineties"),
        ("the '80s", "the eighties"),
        ("the 1800s", "the eighteen hundreds"),
        ("1500 people came", "one thousand, five hundred people came"),
        ("2024 apples", "two thousand and twenty-four apples"),
        ("1,500,000", "one million, five hundred thousand"),
        ("3.5", "three point five"),
        ("0.25", "zero point two five"),
        ("42", "forty-two"),
        ("-7 degrees", "minus seven degrees"),
        ("version 3.11.2", "version three point eleven point two"),
        ("call 0800123456", "call zero eight zero zero one two three four five six"),
        ("COVID-19", "COVID-nineteen"),
    ],
    "dates": [
        ("2026-04-12", "April twelfth, twenty twenty-six"),
        ("12 April 2026", "the twelfth of April twenty twenty-six"),
        ("1st May", "the first of May"),
        ("April 12, 2026", "April twelfth, twenty twenty-six"),
        ("March 3", "March third"),
        ("June 21st", "June twenty-first"),
        ("in April 2026", "in April twenty twenty-six"),
        ("2026-01-05", "January fifth, twenty twenty-six"),
        ("1990 was dry", "nineteen ninety was dry"),
    ],
    "ordinals": [
        ("1st", "first"),
        ("2nd place", "second place"),
        ("the 3rd time", "the third time"),
        ("22nd", "twenty-second"),
        ("101st", "one hundred and first"),
    ],
    "times": [
        ("9:30", "nine thirty"),
        ("10:05 p.m.", "ten oh five p m"),
        ("10:00", "ten o'clock"),
        ("7am", "seven a m"),
        ("6 PM", "six p m"),
        ("at 23:45", "at twenty-three forty-five"),
        ("11:00 AM", "eleven a m"),
    ],
    "ranges": [
        ("10-20", "ten to twenty"),
        ("10–20", "ten to twenty"),
        ("1990–95", "nineteen ninety to ninety-five"),
        ("1914–1918", "nineteen fourteen to nineteen eighteen"),
        ("pp. 5-7", "pages five to seven"),
        ("ages 3 – 5", "ages three to five"),
    ],
    "fractions": [
        ("1/2", "one half"),
        ("3/4 cup", "three quarters cup"),
        ("2 1/2 hours", "two and a half hours"),
        ("1/3", "one third"),
        ("2/3", "two thirds"),
        ("5/8", "five eighths"),
        ("½ teaspoon", "one half teaspoon"),
        ("open 24/7", "open twenty-four seven"),
    ],
    "abbreviations": [
        ("Dr. Lee", "Doctor Lee"),
        ("Mulholland Dr. is long", "Mulholland Drive is long"),
        ("St. Paul", "Saint Paul"),
        ("Baker St. is busy", "Baker Street is busy"),
        ("Mr. and Mrs. Lin", "Mister and Missus Lin"),
        ("Prof. Adams", "Professor Adams"),
        ("e.g. apples", "for example apples"),
        ("i.e. none", "that is none"),
        ("pears, etc.", "pears, et cetera."),
        ("cats vs. dogs", "cats versus dogs"),
        ("approx. 5", "approximately five"),
        ("No. 5", "number five"),
        ("see p. 12", "see page twelve"),
        ("Acme Ltd.", "Acme Limited."),
        ("Smith et al. found", "Smith and others found"),
    ],
    "initialisms": [
        ("FBI", "F B I"),
        ("the BBC", "the B B C"),
        ("NASA", "NASA"),
        ("NATO", "NATO"),
        ("CEOs", "C E O's"),
        ("HTML", "H T M L"),
        ("the EU", "the E U"),
        ("OK", "okay"),
        ("World War II", "World War two"),
        ("Henry VIII", "Henry the eighth"),
        ("Elizabeth II", "Elizabeth the second"),
        ("I said", "I said"),
    ],
    "urls and e-mail": [
        ("https://www.example.com/path?x=1", "example dot com"),
        ("see http://docs.python.org.", "see docs dot python dot org."),
        ("www.bbc.co.uk", "bbc dot co dot uk"),
        ("mail letters@commons.example", "mail letters at commons dot example"),
        ("jane.doe@mail.example.org", "jane dot doe at mail dot example dot org"),
        ("visit example.com today", "visit example dot com today"),
    ],
    "symbols": [
        ("R&D", "R and D"),
        ("salt & pepper", "salt and pepper"),
        ("C++", "C plus plus"),
        ("2 + 2 = 4", "two plus two equals four"),
        ("#3", "number three"),
        ("#tuesday", "hashtag tuesday"),
        ("~50 people", "about fifty people"),
        ("and/or", "and or"),
        ("his/her", "his or her"),
        ("3 × 4", "three times four"),
        ("5 km", "five kilometers"),
        ("1 km", "one kilometer"),
        ("20°C", "twenty degrees Celsius"),
        ("60 mph", "sixty miles per hour"),
        ("2 kg", "two kilograms"),
    ],
    "quotes and dashes": [
        ("\u201cHello,\u201d she said", '"Hello," she said'),
        ("it\u2019s", "it's"),
        ("wait\u2014then go", "wait, then go"),
        ("yes \u2013 no", "yes, no"),
        ("well\u2026", "well..."),
        ("a  lot\nof   space", "a lot of space"),
    ],
}
TABLE = [(kind, written, spoken) for kind, rows in CASES.items() for written, spoken in rows]


def test_the_table_has_at_least_100_cases() -> None:
    assert len(TABLE) >= 100


@pytest.mark.parametrize("kind, written, spoken", TABLE,
                         ids=[f"{k}: {w}" for k, w, _ in TABLE])
def test_written_to_spoken(kind: str, written: str, spoken: str) -> None:
    assert normalise(written) == spoken


def test_other_languages_keep_their_numbers_for_the_engine() -> None:
    assert normalise("Le 12 avril 2026, 45 % des gens\u2026", "fr") == "Le 12 avril 2026, 45 % des gens..."
