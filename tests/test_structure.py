"""Every structure a listener must hear, on a page written for it."""
from __future__ import annotations


import pytest

from audio_edition.pipeline import Reading, make_script
from audio_edition.script import PAUSE_AFTER_MS, PAUSE_BEFORE_HEADING_MS, ScriptOptions
from conftest import PAGES, run_cli

PAGE = str(PAGES / "structure.html")


@pytest.fixture(scope="module")
def script():
    return make_script(PAGE)


def _by_role(script, role: str) -> list:
    return [u for u in script.utterances if u.role == role]


def test_metadata_from_the_page(script) -> None:
    article = script.about
    assert script.title == "Reading Structure Aloud"
    assert script.lang == "en-US"
    assert article.byline == "Ines Varga"
    assert article.date == "2026-05-02"
    assert article.image == "https://test-desk.example/lead.jpg"


def test_headings_are_chapters_nested_by_level(script) -> None:
    assert [(c.title, c.level) for c in script.chapters] == [
        ("Reading Structure Aloud", 1), ("Lists", 2), ("Definitions", 2),
        ("Quotes and images", 2), ("A table", 3), ("Code", 3), ("Languages and notes", 2)]


def test_headings_have_a_distinct_pause_before_and_after(script) -> None:
    for previous, chapter in zip(script.chapters, script.chapters[1:]):
        assert previous.utterances[-1].pause_after_ms >= PAUSE_BEFORE_HEADING_MS
        assert chapter.utterances[0].role == "heading"
        assert chapter.utterances[0].pause_after_ms == PAUSE_AFTER_MS["heading"]
    assert PAUSE_BEFORE_HEADING_MS > PAUSE_AFTER_MS["paragraph"]


def test_ordered_items_speak_their_number(script) -> None:
    items = [u.text for u in _by_role(script, "list_item")]
    assert items == ["one. Gather the tools.", "two. Read the steps.", "Slowly.", "Twice.",
                     "Aloud.", "three. Begin."]


def test_position_style_keeps_nested_counts() -> None:
    script = make_script(PAGE, Reading(ScriptOptions(list_style="position")))
    items = [u.text for u in _by_role(script, "list_item")]
    assert items == ["Item one of three. Gather the tools.", "Item two of three. Read the steps.",
                     "Item one of three. Slowly.", "Item two of three. Twice.",
                     "Item three of three. Aloud.", "Item three of three. Begin."]


def test_definition_lists_speak_term_then_definition(script) -> None:
    chapter = script.chapters[2]
    assert [(u.role, u.text) for u in chapter.utterances[1:]] == [
        ("term", "Chapter"), ("definition", "A part of an episode that starts at a heading."),
        ("term", "Timeline"), ("definition", "The record of where every utterance sits in time.")]


def test_quotes_are_framed_and_the_wording_is_configurable(script) -> None:
    (quote,) = _by_role(script, "quote")
    assert quote.text == "Quote. Structure is what lets a listener find their way back. End of quote."
    assert quote.source_text == "Structure is what lets a listener find their way back."
    custom = make_script(PAGE, Reading(ScriptOptions(quote_start="Begin quote:", quote_end="")))
    (quote,) = _by_role(custom, "quote")
    assert quote.text == "Begin quote: Structure is what lets a listener find their way back."


def test_images_speak_their_description_once_and_decorative_ones_not_at_all(script) -> None:
    assert [u.text for u in _by_role(script, "image")] == [
        "Image: A reader with headphones at a desk.",
        "Image: A bar chart of listening hours. Listening hours rose every month of the trial."]


def test_tables_are_read_row_by_row(script) -> None:
    assert [u.text for u in _by_role(script, "table")] == [
        "Table: Trial results", "Month; Listeners",
        "Month: March; Listeners: one hundred and twenty",
        "Month: April; Listeners: one hundred and eighty-five"]


def test_code_is_announced_and_skipped_unless_asked(script) -> None:
    (code,) = _by_role(script, "code")
    assert code.text == "Code block skipped."
    assert code.source_text.startswith("for chapter in episode:")
    read = make_script(PAGE, Reading(ScriptOptions(read_code=True)))
    assert _by_role(read, "code")[0].text.startswith("for chapter in episode:")


def test_footnotes_are_utterances_of_their_own(script) -> None:
    chapter = script.chapters[-1]
    roles = [(u.role, u.text) for u in chapter.utterances]
    assert ("paragraph", "The motto of the trial was simple. Everyone could repeat it.") in roles
    assert ("footnote_ref", "Footnote one.") in roles
    assert ("footnote", "The motto was chosen by the listeners themselves.") in roles
    index = roles.index(("footnote_ref", "Footnote one."))
    assert roles[index - 1][0] == "paragraph"  # right after the paragraph that cites it


def test_abbreviation_expanded_once_per_article(script) -> None:
    first = _by_role(script, "paragraph")[0]
    assert "World Health Organization (W-H-O) appears twice" in first.text
    assert first.text.count("World Health Organization") == 1
    assert first.source_text.count("WHO") == 2


def test_lang_is_carried_to_utterances(script) -> None:
    french = [u for u in script.utterances if u.lang]
    assert [(u.lang, u.text) for u in french] == [
        ("fr", "La structure est ce qui permet de retrouver son chemin.")]


def test_hidden_and_clutter_never_spoken(script) -> None:
    spoken = " ".join(u.text for u in script.utterances)
    assert "hidden paragraph" not in spoken and "Copyright" not in spoken and "Home" not in spoken


def test_cli_options_reach_the_script() -> None:
    result = run_cli("script", PAGE, "--format", "json", "--list-style", "position",
                     "--quote-start", "Citation.", "--quote-end", "Fin.", "--read-code")
    assert result.returncode == 0, result.stderr
    assert '"text": "Item one of three. Gather the tools."' in result.stdout
    assert "Citation. Structure is what" in result.stdout and "way back. Fin." in result.stdout
    assert '"lang": "fr"' in result.stdout
    assert "Code block skipped" not in result.stdout


INLINE = """<html lang="en"><head><title>Greetings</title></head><body><article><h1>Greetings</h1>
<p>This page is long enough to count as an article, with words enough for the extractor to keep it.</p>
<p>She greeted us with <span lang="fr">bonjour, mes amis</span> and smiled at everyone.</p>
<ol><li>Say <i lang="cs">dobrý den</i> in Prague.</li><li>Say hello in London.</li></ol>
</article></body></html>"""


def test_a_passage_in_another_language_inside_a_paragraph(tmp_path) -> None:
    from audio_edition.speak import EngineSpec, Speaker

    page = tmp_path / "greetings.html"
    page.write_text(INLINE, encoding="utf-8")
    script = make_script(str(page))
    spoken = [(u.role, u.lang, u.text) for u in script.utterances][2:]
    assert spoken == [
        ("paragraph", None, "She greeted us with"), ("paragraph", "fr", "bonjour, mes amis"),
        ("paragraph", None, "and smiled at everyone."), ("list_item", None, "one. Say"),
        ("list_item", "cs", "dobrý den"), ("list_item", None, "in Prague."),
        ("list_item", None, "two. Say hello in London.")]
    assert script.utterances[2].pause_after_ms < script.utterances[4].pause_after_ms
    with Speaker(EngineSpec("piper")) as speaker:
        speaker.speak(script)
    assert speaker.used["espeak"] == 2  # the French and the Czech passages
