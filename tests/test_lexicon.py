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


def _lexicon(tmp_path: Path, text: str, name: str = "words.toml") -> Lexicon:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return Lexicon.load(path)


def test_the_longest_word_wins_and_regexes_share_the_pass(tmp_path: Path) -> None:
    """Entries are found in one pass: at each place the longest word, then the first
    regex; a regex with flags or back-references of its own still applies."""
    lexicon = _lexicon(tmp_path, '[en]\n"New" = "new"\n"New York" = "the big apple"\n'
                                 '"/\\\\bv(\\\\d+)\\\\b/" = "version \\\\1"\n'
                                 '"/(?i)\\\\bgif\\\\b/" = "jif"\n"/(\\\\w)\\\\1z/" = "double \\\\1"\n'
                                 '"/\\\\d+ ?km/" = "\\\\g<0> (kilometres)"\n')
    assert lexicon.apply("New York, New Jersey, v2, a GIF, aaz, 5 km.", "en") == (
        "the big apple, new Jersey, version 2, a jif, double a, 5 km (kilometres).")
    assert lexicon.apply("Newark and NewYork", "en") == "Newark and NewYork"  # whole words


@pytest.mark.parametrize("entry, few, many, most", [('"w{}x"', 10, 20_000, 10),
                                                  ('"/w{}x/"', 1_000, 5_000, 12)],
                         ids=["words", "regexes"])
def test_a_big_lexicon_costs_no_more_per_sentence_than_a_small_one(
        tmp_path: Path, entry: str, few: int, many: int, most: int) -> None:
    """20,000 words are looked up, not tried one after another: a sentence costs
    about what it costs with ten words (each entry's pattern ran on every
    sentence: 2,000 times slower). Regexes share one alternation without a group
    each, tried one after another at each place: five times as many cost about five
    times as much (with a group each, Python's engine saved every group's place at
    every try: 38 times as much, 2 s a sentence for 5,000, and 200,000 never finished
    an article). Both sizes are timed in this run; the regex that applies is the
    first in the file's order that matches."""
    import time

    def cost(count: int) -> float:
        words = "".join(f'{entry.format(index)} = "word {index}"\n' for index in range(count))
        lexicon = _lexicon(tmp_path, f'[en]\n{words}"/\\\\bv(\\\\d+)/" = "version \\\\1"\n'
                                     '"/v\\\\d/" = "never: the one before matches first"\n',
                           f"{count}.toml")
        sentence = f"The ferry w{count - 1}x leaves the harbour at v7 and returns before dusk. "
        assert lexicon.apply(sentence, "en") == (
            f"The ferry word {count - 1} leaves the harbour at version 7 and returns before dusk. ")
        started = time.perf_counter()
        for _ in range(20):
            lexicon.apply(sentence * 5, "en")
        return time.perf_counter() - started

    small, big = min(cost(few) for _ in range(3)), min(cost(many) for _ in range(3))
    assert big < most * small, (big, small)


def test_a_pages_own_placeholders_and_a_spoken_forms_are_left_alone(tmp_path: Path) -> None:
    """Entries are held in private-use characters while the rules run: the page's own
    such characters were each replaced by a lexicon entry (200 of them said 'harbor'
    200 times), and a spoken form holding one was expanded again (four entries of 100
    such characters made an utterance of a million)."""
    own = chr(0xF0000)
    held = chr(0xF0001)
    lexicon = _lexicon(tmp_path, f'[en]\n"ferry" = "{held * 100}"\n"harbour" = "harbor"\n')
    assert lexicon.apply(f"The harbour {own * 200} and the ferry.", "en") == \
        f"The harbor  and the {held * 100}."
    assert lexicon.apply("The ferry and the harbour.", "en") == f"The {held * 100} and the harbor."


def test_a_lexicon_nested_past_its_parser_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("[en]\nx = " + "{a = " * 100_000 + "1" + "}" * 100_000 + "\n")
    result = run_cli("script", str(PAGES / "short.html"), "--lexicon", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "deep.toml" in line and "nested" in line, line


@pytest.mark.parametrize("text, name, entry", [
    ('[en]\n"/\\\\bv(\\\\d+)/" = "version \\\\9"\n', "group.toml", "'/\\\\bv(\\\\d+)/'"),
    ('[en]\n"/\\\\bv(\\\\d+)/" = "version \\\\g<zz>"\n', "named.toml", "'/\\\\bv(\\\\d+)/'"),
    ('[en]\n"" = "EMPTY"\n', "empty.toml", "''"),
    ('[en]\n"  " = "EMPTY"\n', "blank.toml", "'  '"),
    ('[en]\n"/x*/" = "EMPTY"\n', "nothing.toml", "'/x*/'"),
    ('<?xml version="1.0"?><lexicon version="1.0" '
     'xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" xml:lang="en">'
     '<lexeme><grapheme> </grapheme><alias>EMPTY</alias></lexeme></lexicon>', "empty.pls", "''"),
])
def test_an_entry_that_cannot_work_is_refused_at_load(tmp_path: Path, text: str, name: str,
                                                      entry: str) -> None:
    """A replacement naming a group its regex lacks failed every article at
    synthesis; an empty word or a regex matching an empty text was said between
    every two words. Each is refused at load, naming the file and the entry."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as refused:
        Lexicon.load(path)
    assert name in str(refused.value) and entry in str(refused.value), refused.value


def test_the_command_line_refuses_a_bad_entry_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "group.toml"
    path.write_text('[en]\n"/\\\\bv(\\\\d+)/" = "version \\\\9"\n', encoding="utf-8")
    result = run_cli("script", str(PAGES / "short.html"), "--lexicon", str(path))
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "group.toml" in line and "'/\\\\bv(\\\\d+)/'" in line and "\\\\9" in line, line


def test_near_misses_of_refused_entries_load(tmp_path: Path) -> None:
    """A group the regex has, the whole match, a one-letter word and a grapheme
    with spaces around it are all fine; a PLS grapheme is a word even when it is
    written between slashes."""
    lexicon = _lexicon(tmp_path, '[en]\n"/\\\\bv(\\\\d+)/" = "version \\\\1"\n'
                                 '"/(?P<n>\\\\d+)%/" = "\\\\g<n> per cent"\n"x" = "ex"\n')
    assert lexicon.apply("v2 at 5% for x", "en") == "version 2 at 5 per cent for ex"
    pls = _lexicon(tmp_path, '<?xml version="1.0"?><lexicon version="1.0" '
                             'xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" '
                             'xml:lang="en"><lexeme><grapheme> GIF </grapheme>'
                             '<grapheme>/etc/</grapheme><alias>jif</alias></lexeme></lexicon>',
                   "words.pls")
    assert pls.apply("A GIF in /etc/ and etc", "en") == "A jif in jif and etc"
