"""The pages speak the episode's language: a German article's player page, embed,
transcript and book have German controls, names and seek-bar words, and say `lang="de"`;
a language the pages have no words for (Swedish here) gets English ones, with
`lang="en"` on the page and the article's own words marked as Swedish. The index of
all episodes is in the feed's language.

Built end to end and read in Debian's Chromium. The German voice is a tiny test voice
(tests/tiny_voice.py), a model of Piper's shape standing in for a trained voice that
cannot be fetched on these machines; the Swedish article is read by eSpeak NG."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import feedparser
import lxml.html
import pytest
from lxml import etree

from audio_edition.publish.labels import LABELS, labels
from conftest import run_cli
from tiny_voice import install
from web import browser, served  # noqa: F401 (fixtures: pytest finds them by their names)
from web import NO_CHROMIUM, axe, console_errors, in_words, until

GERMAN = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Der Garten im Herbst</title></head><body><main><article>
<h1>Der Garten im Herbst</h1>
<p>Im Oktober werden die Beete für den Winter vorbereitet. Die Blätter bleiben liegen,
denn sie schützen den Boden vor Frost.</p>
<h2>Die Tulpen</h2>
<p>Die Zwiebeln kommen jetzt in die Erde, zehn Zentimeter tief und mit etwas Sand.</p>
<h2>Der Kompost</h2>
<p>Was übrig bleibt, wandert auf den Kompost und wird im Frühling wieder zu Erde.</p>
</article></main></body></html>"""

SWEDISH = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<title>Trädgården på hösten</title></head><body><main><article>
<h1>Trädgården på hösten</h1>
<p>I oktober förbereds rabatterna för vintern. Löven får ligga kvar och skyddar jorden.</p>
<h2>Tulpanerna</h2>
<p>Lökarna sätts nu i jorden, tio centimeter djupt och med lite sand.</p>
</article></main></body></html>"""

#: English words of the controls, none of which a German page may show or say
#: ("Player", "Position", "Pause" and "Downloads" are German words too).
ENGLISH = re.compile(r"\b(Play|Pause|Back|Forward|seconds?|minutes?|Chapters?|Transcript|Speed|"
                     r"Skip|Embed|Keyboard|Highlight|Listen|Close|Full player|of)\b")


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    """A German and a Swedish article, in a show whose feed is German."""
    root = tmp_path_factory.mktemp("languages")
    install(root / "voices", "de_DE-thorsten-medium", "de", 300)
    (root / "audio-edition.toml").write_text('[show]\ntitle = "Gartenfunk"\nlanguage = "de"\n\n'
                                             '[voices]\ndir = "voices"\n')
    (root / "in").mkdir()
    (root / "in" / "garten.html").write_text(GERMAN, encoding="utf-8")
    (root / "in" / "tradgard.html").write_text(SWEDISH, encoding="utf-8")
    out = root / "out"
    result = run_cli("build", str(root / "in"), "--out", str(out), "--config",
                     str(root / "audio-edition.toml"), "--daisy")
    assert result.returncode == 0, result.stderr
    return out


def german_time(seconds: float) -> str:
    """A time as the German seek bar should say it, written out here on its own."""
    minutes, rest = divmod(int(seconds), 60)
    said = [f"{n} {word if n == 1 else plural}"
            for n, word, plural in ((minutes, "Minute", "Minuten"), (rest, "Sekunde", "Sekunden")) if n]
    return " ".join(said) or "0 Sekunden"


def _open(browser, url: str):
    page = browser.new_page()
    errors = console_errors(page)
    page.goto(url)
    until(page, "document.getElementById('audio').readyState >= 1")
    return page, errors


def _said(page) -> str:
    """Everything the page shows or names in words: its text, its accessible names
    and the seek bar's value, outside the article's own words."""
    return page.evaluate("""() => {
        const parts = [document.title];
        document.querySelectorAll('body *:not(script)').forEach(e => {
            if (e.closest('#article .text, #article h2, h1, .chapters li button, textarea')) return;
            e.childNodes.forEach(n => { if (n.nodeType === 3) parts.push(n.textContent); });
            ['aria-label', 'aria-valuetext', 'title', 'label'].forEach(a => {
                if (e.getAttribute(a)) parts.push(e.getAttribute(a)); });
        });
        return parts.join(' | ');
    }""")


@NO_CHROMIUM
def test_a_german_player_page_is_german_in_every_control(browser, served: str) -> None:
    page, errors = _open(browser, served + "garten/index.html")
    assert page.evaluate("document.documentElement.lang") == "de"
    length = page.evaluate("document.getElementById('audio').duration")
    slider = page.get_by_role("slider", name="Position")
    assert slider.get_attribute("aria-valuetext") == f"0 Sekunden von {german_time(round(length))}"
    for name in ("Abspielen", "Zurück 15 Sekunden", "Vorwärts 15 Sekunden", "Vorheriges Kapitel",
                 "Nächstes Kapitel", "Code kopieren", re.compile(r"^Ab \d\d:\d\d abspielen$")):
        assert page.get_by_role("button", name=name, exact=True).count() >= 1, name
    assert page.get_by_role("combobox", name="Geschwindigkeit").input_value() == "1"
    assert "1,5×" in page.inner_text("#speed")
    assert page.get_by_role("region", name="Player").count() == 1
    assert page.get_by_role("article", name="Transkript").count() == 1
    assert page.get_by_role("navigation", name="Kapitel").count() == 1
    assert page.get_by_role("link", name="Zum Artikel springen").count() == 1
    said = _said(page)
    assert "Geschwindigkeit" in said and " Sekunden von " in said and "Tastenkürzel" in said
    assert ENGLISH.findall(said) == []
    # what the controls say when used
    page.get_by_role("button", name="Abspielen", exact=True).click()
    until(page, "document.getElementById('status').textContent === 'Wiedergabe'")
    assert page.inner_text("#play") == "Pause"  # (the same word in German)
    page.keyboard.press("Alt+Shift+P")
    until(page, "document.getElementById('status').textContent === 'Pausiert'")
    page.get_by_role("button", name="Zurück 15 Sekunden", exact=True).click()
    until(page, "document.getElementById('status').textContent === 'Zurück 15 Sekunden'")
    page.locator(".chapters li:nth-child(2) button").click()
    until(page, "document.getElementById('status').textContent === 'Kapitel 2 von 3: Die Tulpen'")
    page.keyboard.press("Alt+Shift+S")
    until(page, "document.getElementById('status').textContent === 'Geschwindigkeit 1,25-fach'")
    slider.focus()
    page.keyboard.press("Home")
    assert slider.get_attribute("aria-valuetext") == "0 Sekunden, Der Garten im Herbst"
    page.keyboard.press("ArrowRight")
    assert slider.get_attribute("aria-valuetext") == german_time(min(5, int(length)))
    page.keyboard.press("Shift+Tab")  # focus leaves: the whole, in German
    until(page, "document.getElementById('seek').getAttribute('aria-valuetext').includes(' von ')")
    assert ENGLISH.findall(_said(page)) == []
    assert errors == []
    page.close()


@NO_CHROMIUM
def test_the_german_embed_is_german(browser, served: str) -> None:
    page, errors = _open(browser, served + "garten/embed.html")
    assert page.evaluate("document.documentElement.lang") == "de"
    assert page.get_by_role("main", name="Anhören: Der Garten im Herbst").count() == 1
    assert page.get_by_role("link", name="Transkript (öffnet in einem neuen Tab)").count() == 1
    page.get_by_role("button", name="Kapitel", exact=True).click()
    dialog = page.get_by_role("dialog", name="Kapitel")
    dialog.get_by_role("button", name="Schließen").click()
    assert ENGLISH.findall(_said(page)) == []
    assert errors == []
    page.close()


@NO_CHROMIUM
def test_a_language_without_words_gets_english_ones_and_says_so(browser, served: str) -> None:
    page, errors = _open(browser, served + "tradgard/index.html")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_role("button", name="Play", exact=True).count() == 1
    length = page.evaluate("document.getElementById('audio').duration")
    slider = page.get_by_role("slider", name="Position")
    assert slider.get_attribute("aria-valuetext") == f"0 seconds of {in_words(round(length))}"
    # the article's own words say they are Swedish, wherever they are on the English page
    assert page.eval_on_selector("h1", "e => e.lang") == "sv"
    langs = page.eval_on_selector_all("#article .text, #article h2, .chapters ol",
                                      "es => es.map(e => e.lang)")
    assert langs and set(langs) == {"sv"}
    assert page.eval_on_selector("#play", "e => e.closest('[lang]').lang") == "en"
    assert errors == []
    page.close()


@pytest.mark.slow
@NO_CHROMIUM
def test_axe_finds_no_violations_in_either_language(browser, served: str) -> None:
    for name in ("garten/index.html", "garten/embed.html", "tradgard/index.html", "index.html"):
        page = browser.new_page()
        page.goto(served + name)
        results = axe(page)
        assert results.violations_count == 0, (name, results.generate_report())
        page.close()


def test_the_index_is_in_the_feeds_language(edition: Path) -> None:
    index = lxml.html.parse(str(edition / "index.html")).getroot()
    assert index.get("lang") == "de"
    assert index.xpath("string(//main/p/a)") == "Mit dem Podcast-Feed abonnieren"
    titles = {a.text_content(): a.get("lang") for a in index.xpath("//li/h2/a")}
    assert titles == {"Der Garten im Herbst": None, "Trädgården på hösten": "sv"}
    assert all(re.search(r" · etwa \d+ Minuten?$", p.text_content())
               for p in index.xpath("//li/p[1]"))


def test_transcripts_books_and_feed_follow_the_episode(edition: Path) -> None:
    for slug, page_lang, body_lang, title, contents, chapters in (
            ("garten", "de", None, "Transkript: Der Garten im Herbst", "Inhalt", "Kapitel:"),
            ("tradgard", "en", "sv", "Transcript: Trädgården på hösten", "Contents", "Chapters:")):
        folder = edition / slug
        transcript = lxml.html.parse(str(next(folder.glob("transcript-*.html")))).getroot()
        assert (transcript.get("lang"), transcript.find("body").get("lang")) == (page_lang, body_lang)
        assert transcript.findtext("head/title") == title
        with zipfile.ZipFile(next(folder.glob("*.epub"))) as book:
            nav = etree.fromstring(book.read("EPUB/nav.xhtml"))
        xhtml = "{http://www.w3.org/1999/xhtml}"
        assert nav.get("lang") == page_lang and nav.findtext(f"{xhtml}head/{xhtml}title") == contents
        assert nav.find(f".//{xhtml}ol").get("lang") == body_lang
        player = lxml.html.parse(str(folder / "index.html")).getroot()
        downloads = player.xpath("//section[@aria-labelledby='downloads-heading']//a/text()")
        assert ("Transkript (Webseite)" in downloads) == (slug == "garten")
        assert ("Hörbuch (DAISY 2.02)" in downloads) == (slug == "garten")
    entries = {e.title: e.description for e in feedparser.parse(str(edition / "feed.xml")).entries}
    assert "\n\nKapitel:\n" in entries["Der Garten im Herbst"]
    assert "\n\nChapters:\n" in entries["Trädgården på hösten"]


def test_every_table_says_what_the_english_one_says() -> None:
    """Each language fills every text, with the same placeholders as English (a
    translation that lost `{title}` would drop the title)."""
    def placeholders(table) -> dict:
        return {name: sorted(re.findall(r"\{(\w+)\}", text)) for name, text in vars(table).items()}
    english = placeholders(LABELS["en"])
    for lang, table in LABELS.items():
        assert table.lang == lang and all(vars(table).values()), lang
        assert placeholders(table) == english, lang
        assert table.seconds.startswith(" ") and table.new_tab.startswith(" "), lang


@pytest.mark.parametrize("lang, seconds, said", [
    ("en", 3661, "1 hour 1 minute 1 second"), ("de", 250, "4 Minuten 10 Sekunden"),
    ("de", 61, "1 Minute 1 Sekunde"), ("pl", 122, "2 minuty 2 sekundy"), ("pl", 300, "5 minut"),
    ("pl", 1320, "22 minuty"), ("es", 0, "0 segundos"), ("nl", 7200, "2 uur"),
    ("sv", 60, "1 minute"), ("de-AT", 1, "1 Sekunde"), (None, 2, "2 seconds")])
def test_a_time_in_words_in_each_language(lang, seconds: int, said: str) -> None:
    assert labels(lang).time(seconds) == said
