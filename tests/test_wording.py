"""The words that make structure audible are said in the passage's language: a German
voice reading a German article says "Zitat", not "Quote" in a German accent."""
from __future__ import annotations

from pathlib import Path

from audio_edition.pipeline import Reading, make_script
from audio_edition.script import ScriptOptions

GERMAN = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Der Stadtgarten</title></head><body><main><article><h1>Der Stadtgarten</h1>
<p>Im Frühjahr pflanzten die Nachbarn zwanzig Apfelbäume entlang der alten Mauer.
Die Stadt stellte das Wasser, der Verein die Werkzeuge und viele Hände.</p>
<blockquote><p>Wir wollten einen Ort, an dem sich alle begegnen können.</p></blockquote>
<blockquote lang="fr"><p>Un jardin est une promesse faite au printemps.</p></blockquote>
<p>Die Pflege übernehmen drei Schulklassen, die sich jede Woche abwechseln.
Im Herbst soll es die erste Ernte geben, wenn das Wetter mitspielt.</p>
<ul><li>Äpfel für die Schule</li><li>Saft für das Stadtfest</li>
<li lang="es">Manzanas para todos</li></ul>
<figure><img src="baum.jpg" alt="Ein junger Apfelbaum an der Mauer"></figure>
</article></main></body></html>"""


def _utterances(tmp_path: Path, options: ScriptOptions = ScriptOptions()) -> list:
    page = tmp_path / "garten.html"
    page.write_text(GERMAN, encoding="utf-8")
    script = make_script(str(page), Reading(options=options))
    return [u for chapter in script.chapters for u in chapter.utterances]


def test_a_german_quote_is_framed_in_german_and_a_french_one_in_french(tmp_path: Path):
    quotes = [u for u in _utterances(tmp_path) if u.role == "quote"]
    assert quotes[0].text.startswith("Zitat. Wir wollten") and quotes[0].text.endswith("Zitat Ende.")
    assert quotes[1].lang == "fr"
    assert quotes[1].text.startswith("Citation. Un jardin")
    assert quotes[1].text.endswith("Fin de citation.")
    assert not any("Quote" in u.text for u in _utterances(tmp_path))


def test_an_image_and_list_positions_are_said_in_their_language(tmp_path: Path):
    said = _utterances(tmp_path, ScriptOptions(list_style="position"))
    (image,) = [u for u in said if u.role == "image"]
    assert image.text.startswith("Bild: Ein junger Apfelbaum")
    items = [u for u in said if u.role == "list_item"]
    assert items[0].text.startswith("Eintrag eins von drei.")
    assert items[2].lang == "es" and items[2].text.startswith("Elemento tres de tres.")


def test_the_words_a_user_chose_are_said_in_every_language(tmp_path: Path):
    """The near miss: --quote-start and --quote-end, empty ones too, are the user's."""
    chosen = ScriptOptions(quote_start="Anfang.", quote_end="")
    quotes = [u for u in _utterances(tmp_path, chosen) if u.role == "quote"]
    assert quotes[0].text == "Anfang. Wir wollten einen Ort, an dem sich alle begegnen können."
    assert quotes[1].text.startswith("Anfang. Un jardin") and quotes[1].text.endswith("printemps.")


def test_english_articles_keep_their_words(tmp_path: Path):
    page = tmp_path / "en.html"
    page.write_text(GERMAN.replace('lang="de"', 'lang="en"'), encoding="utf-8")
    said = [u for c in make_script(str(page)).chapters for u in c.utterances]
    quote = next(u for u in said if u.role == "quote")
    assert quote.text.startswith("Quote.") and quote.text.endswith("End of quote.")
    assert next(u for u in said if u.role == "image").text.startswith("Image: ")
