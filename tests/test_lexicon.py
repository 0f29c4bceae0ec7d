"""The user's pronunciation lexicon, in TOML and W3C PLS, applied after the rules."""
from __future__ import annotations

from pathlib import Path

import pytest

from audio_edition.script.lexicon import Lexicon, LexiconError
from audio_edition.script.normalise import Normaliser
from audio_edition.pipeline import Reading, make_script
from conftest import PAGES, run_cli

TOML = """
["*"]
"Kettle" = "kettle"

[en]
"nginx" = "engine x"
"/\\\\bv(\\\\d+)\\\\b/" = "version \\\\1"
"SQL" = "sequel"

[fr]
"SNCF" = "esse enne cé effe"
"""
PLS = """<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
         alphabet="ipa" xml:lang="en-US">
  <lexeme><grapheme>GIF</grapheme><alias>jif</alias></lexeme>
  <lexeme><grapheme>Aotearoa</grapheme><grapheme>NZ</grapheme><alias>New Zealand</alias></lexeme>
  <lexeme><grapheme>tomato</grapheme><phoneme>təˈmɑːtoʊ</phoneme></lexeme>
</lexicon>
"""


@pytest.fixture
def toml_lexicon(tmp_path: Path) -> Path:
    path = tmp_path / "words.toml"
    path.write_text(TOML, encoding="utf-8")
    return path


def test_toml_words_regex_and_languages(toml_lexicon: Path) -> None:
    speak = Normaliser(lexicon=Lexicon.load(toml_lexicon))
    assert speak("We run nginx and SQL on v3.", "en-GB") == "We run engine x and sequel on version 3."
    assert speak("Le SNCF et nginx", "fr") == "Le esse enne cé effe et nginx"
    assert speak("nginxes stay", "en") == "nginxes stay"  # whole words only


def test_lexicon_has_the_last_word(toml_lexicon: Path) -> None:
    # Entries match the page's text and their spoken form is not normalised again;
    # the rules still read the rest of the sentence.
    speak = Normaliser(lexicon=Lexicon.load(toml_lexicon))
    assert speak("v12 costs $5", "en") == "version 12 costs five dollars"
    assert speak("SQL at 9:30", "en") == "sequel at nine thirty"


def test_pls_aliases(tmp_path: Path) -> None:
    path = tmp_path / "words.pls"
    path.write_text(PLS, encoding="utf-8")
    lexicon = Lexicon.load(path)
    speak = Normaliser(lexicon=lexicon)
    assert speak("A GIF from Aotearoa, NZ.", "en-US") == "A jif from New Zealand, New Zealand."
    assert speak("tomato", "en") == "tomato"  # phoneme-only lexemes are skipped
    assert len(lexicon.version) == 16


def test_version_changes_with_the_entries(tmp_path: Path, toml_lexicon: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text('[en]\n"nginx" = "en jinx"\n', encoding="utf-8")
    assert Lexicon.load(toml_lexicon).version != Lexicon.load(other).version
    assert Lexicon().version == "none"


def test_bad_lexicons_name_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[en\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="broken.toml"):
        Lexicon.load(broken)
    regex = tmp_path / "regex.toml"
    regex.write_text('[en]\n"/(unclosed/" = "x"\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="bad regex"):
        Lexicon.load(regex)


def test_lexicon_keeps_source_text_as_on_the_page(tmp_path: Path) -> None:
    path = tmp_path / "tea.toml"
    path.write_text('[en]\n"Serving" = "Pouring"\n', encoding="utf-8")
    script = make_script(str(PAGES / "short.html"),
                         Reading(normaliser=Normaliser(lexicon=Lexicon.load(path))))
    heading = next(u for u in script.utterances if u.role == "heading" and u.source_text == "Serving")
    assert heading.text == "Pouring"


def test_cli_reports_a_bad_lexicon(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[en\n", encoding="utf-8")
    result = run_cli("script", str(PAGES / "short.html"), "--lexicon", str(broken))
    assert result.returncode == 2
    assert "broken.toml" in result.stderr
