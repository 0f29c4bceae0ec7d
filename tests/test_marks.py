"""What is read, as the publisher marks it: `data-audio-edition` skip and read, a
`say` instead of an element's own words, a page that keeps out of the edition,
and site rules (CSS selectors and a lexicon per host) in audio-edition.toml."""
from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest

from audio_edition.pipeline import Reading, make_script
from audio_edition.publish.show import load_sites
from conftest import SESSION_CACHE, run_cli

STORY = ("Tomatoes grow well in pots on a sunny balcony, as long as they get water "
         "every day and a little feed each week.")
WATER = "Water in the morning, before the sun is high, and never on the leaves."
PICK = "Pick the fruit when it is red all over and gives a little when pressed."


def _page(body: str, head: str = "", title: str = "Balcony tomatoes") -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f"{head}</head><body>{body}</body></html>")


def _article(*parts: str, head: str = "", around: str = "") -> str:
    inner = "".join(parts)
    return _page(f"<nav><a href='/'>Home</a> <a href='/garden'>Garden</a></nav>{around}"
                 f"<main><article><h1>Balcony tomatoes</h1>{inner}</article></main>", head)


def _script(tmp_path: Path, html: str, reading: Reading = Reading(), name: str = "page.html"):
    page = tmp_path / name
    page.write_text(html, encoding="utf-8")
    return make_script(str(page), reading)


def _spoken(script) -> list[str]:
    return [u.text for u in script.utterances]


def _shown(script) -> list[str]:
    return [u.source_text for u in script.utterances]


def _said(script) -> str:
    return " ".join(_spoken(script))


# -- skip ---------------------------------------------------------------------------------

def test_skip_leaves_an_element_out(tmp_path: Path) -> None:
    box = ("<div class='promo' data-audio-edition='skip'><p>Our seed catalogue has forty "
           "kinds of tomato, each with notes on taste, height and harvest time.</p></div>")
    plain = _script(tmp_path, _article(f"<p>{STORY}</p>", box.replace(" data-audio-edition='skip'", ""),
                                       f"<p>{WATER}</p>"))
    assert "seed catalogue" in _said(plain)  # extraction alone reads the box: the mark matters
    marked = _script(tmp_path, _article(f"<p>{STORY}</p>", box, f"<p>{WATER}</p>"))
    assert "seed catalogue" not in _said(marked)
    assert STORY in _shown(marked) and WATER in _shown(marked)


def test_skip_on_what_extraction_drops_anyway_changes_nothing(tmp_path: Path) -> None:
    """A near miss: the mark on a menu that is never read is no error and costs nothing."""
    menu = "<nav data-audio-edition='skip'><a href='/a'>Seeds</a> <a href='/b'>Soil</a></nav>"
    marked = _script(tmp_path, _article(f"<p>{STORY}</p>", f"<p>{WATER}</p>", around=menu))
    plain = _script(tmp_path, _article(f"<p>{STORY}</p>", f"<p>{WATER}</p>",
                                       around=menu.replace(" data-audio-edition='skip'", "")))
    assert marked.to_dict()["chapters"] == plain.to_dict()["chapters"]


def test_the_mark_is_not_case_sensitive_and_other_values_are_ignored(tmp_path: Path) -> None:
    marked = _script(tmp_path, _article(f"<p>{STORY}</p>",
                                        f"<p data-audio-edition=' SKIP '>{WATER}</p>",
                                        f"<p data-audio-edition='maybe'>{PICK}</p>"))
    assert WATER not in _shown(marked) and PICK in _shown(marked)


# -- read ---------------------------------------------------------------------------------

def test_read_makes_the_marked_parts_the_only_ones_read_in_page_order(tmp_path: Path) -> None:
    html = _article(f"<p data-audio-edition='read'>{PICK}</p>", f"<p>{STORY}</p>",
                    f"<section data-audio-edition='read'><h2>Watering</h2><p>{WATER}</p></section>")
    script = _script(tmp_path, html)
    assert [u.role for u in script.utterances] == ["title", "paragraph", "heading", "paragraph"]
    assert _shown(script)[1:] == [PICK, "Watering", WATER]
    assert [c.title for c in script.chapters] == ["Balcony tomatoes", "Watering"]


def test_read_bypasses_extraction(tmp_path: Path) -> None:
    """A near miss: a part extraction would drop (a complementary box, set as a
    sidebar beside the article) is read when the publisher marks it."""
    tip = "Keep a saucer under every pot, so that the water the roots miss stays near them."
    box = f"<aside role='complementary' class='sidebar'><p>{tip}</p></aside>"
    plain = _script(tmp_path, _article(f"<p>{STORY}</p>", f"<p>{WATER}</p>", around=box))
    assert tip not in _shown(plain)  # extraction leaves the box out
    marked_box = box.replace("<aside ", "<aside data-audio-edition='read' ")
    html = _article(f"<p data-audio-edition='read'>{STORY}</p>", f"<p>{WATER}</p>",
                    around=marked_box)
    assert _shown(_script(tmp_path, html))[1:] == [tip, STORY]  # page order: the box comes first


def test_a_skip_inside_a_read_part_is_left_out(tmp_path: Path) -> None:
    html = _article(f"<div data-audio-edition='read'><p>{STORY}</p>"
                    f"<p data-audio-edition='skip'>{WATER}</p><p>{PICK}</p>"
                    "<script>document.write('tracking')</script>"
                    "<p style='display: none'>Hidden from every reader.</p></div>")
    assert _shown(_script(tmp_path, html))[1:] == [STORY, PICK]


def test_read_parts_without_words_are_an_input_error(tmp_path: Path) -> None:
    page = tmp_path / "empty-read.html"
    page.write_text(_article(f"<p>{STORY}</p>", "<div data-audio-edition='read'><img src='x.png' "
                             "alt=''></div>"), encoding="utf-8")
    result = run_cli("script", str(page))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f'audio-edition: error: {page}: the parts marked to be read (data-audio-edition="read") '
        "hold no text"]


def test_skip_on_the_whole_page_is_one_line_not_ignored(tmp_path: Path) -> None:
    """A near miss: skip on <html> (which has no parent to leave) was ignored and the
    whole page read; on <body> it said 'no article found ... page chrome'. Both say
    what the page asks, and how a page keeps out of the edition."""
    for tag in ("html", "body"):
        html = _article(f"<p>{STORY}</p>", f"<p>{WATER}</p>").replace(
            f"<{tag}", f"<{tag} data-audio-edition='skip'", 1)
        page = tmp_path / f"{tag}.html"
        page.write_text(html, encoding="utf-8")
        result = run_cli("script", str(page))
        assert result.returncode == 1 and result.stdout == "", (tag, result.stdout)
        assert result.stderr.count("\n") == 1, result.stderr
        assert (f"{page}: the whole page is marked data-audio-edition=\"skip\"" in result.stderr
                and '<meta name="audio-edition" content="none">' in result.stderr), result.stderr


# -- say ----------------------------------------------------------------------------------

def test_say_on_a_heading_keeps_the_chapters_name(tmp_path: Path) -> None:
    html = _article(f"<p>{STORY}</p>",
                    "<h2 data-audio-edition-say='Watering, the part that matters most'>Watering</h2>",
                    f"<p>{WATER}</p>")
    script = _script(tmp_path, html)
    assert [c.title for c in script.chapters] == ["Balcony tomatoes", "Watering"]
    heading = script.chapters[1].utterances[0]
    assert (heading.role, heading.source_text) == ("heading", "Watering")
    assert heading.text == "Watering, the part that matters most"


def test_say_on_the_headline_is_said_for_the_title(tmp_path: Path) -> None:
    """The page's h1 is its title (said once, as the title): its say is what the title
    says, and the title is shown as the page writes it. The say was lost: the title
    came from <title>, and the h1 that repeats it was left out."""
    html = _article(f"<p>{STORY}</p>", f"<p>{WATER}</p>").replace(
        "<h1>Balcony tomatoes</h1>",
        "<h1 data-audio-edition-say='Tomatoes on the balcony, a beginner guide'>Balcony tomatoes</h1>")
    script = _script(tmp_path, html)
    title = script.utterances[0]
    assert (title.role, title.source_text) == ("title", "Balcony tomatoes")
    assert title.text == "Tomatoes on the balcony, a beginner guide"
    assert script.title == script.chapters[0].title == "Balcony tomatoes"
    assert [u.role for u in script.utterances].count("title") == 1
    plain = _script(tmp_path, _article(f"<p>{STORY}</p>", f"<p>{WATER}</p>"))
    assert plain.utterances[0].text == "Balcony tomatoes"  # no say: the title as before


def test_say_on_a_word_is_said_there_only(tmp_path: Path) -> None:
    html = _article("<p>Give each plant one <abbr data-audio-edition-say='litre'>l</abbr> a day "
                    "in July, and half a l in May, when the nights are cold.</p>", f"<p>{WATER}</p>")
    paragraph = _script(tmp_path, html).utterances[1]
    assert paragraph.source_text == ("Give each plant one l a day in July, and half a l in May, "
                                     "when the nights are cold.")
    assert paragraph.text.startswith("Give each plant one litre a day in July, and half a l in May")


def test_a_say_is_text_and_its_markup_is_not_read(tmp_path: Path) -> None:
    """Markup pasted into a say (`<b>litre</b>`) was read out sign by sign ("less than
    b greater than ...", a second of speech for one word); a lone sign stays."""
    html = _article(f"<p>{STORY}</p>", "<p>Give each plant one <abbr data-audio-edition-say="
                    "'<b>litre</b> of <em class=\"unit\">water</em>'>l</abbr> a day in July, "
                    "and <span data-audio-edition-say='a bit less than 1 &lt; 2'>less</span> "
                    "in May.</p>", f"<p>{WATER}</p>")
    paragraph = _script(tmp_path, html).utterances[2]
    assert paragraph.source_text == "Give each plant one l a day in July, and less in May."
    assert "Give each plant one litre of water a day" in paragraph.text, paragraph.text
    assert "<b>" not in paragraph.text and "<em" not in paragraph.text
    assert paragraph.text.endswith("a bit less than one < two in May.")  # not a tag: kept


def test_say_on_a_chart_says_its_summary(tmp_path: Path) -> None:
    chart = ("<figure data-audio-edition-say='A chart: the harvest doubles from June to August.'>"
             "<svg viewBox='0 0 10 10'><rect width='4' height='8'/></svg>"
             "<figcaption>Harvest by month, in kilograms</figcaption></figure>")
    script = _script(tmp_path, _article(f"<p>{STORY}</p>", chart, f"<p>{WATER}</p>"))
    assert _spoken(script)[2] == "A chart: the harvest doubles from June to August."
    assert "Harvest by month" not in _said(script)


def test_say_on_what_extraction_drops_is_not_said(tmp_path: Path) -> None:
    """A near miss: a say on a cookie notice does not bring the notice into the article."""
    notice = ("<div class='cookie-consent' data-audio-edition-say='We use cookies to count "
              "visits.'><p>Accept cookies?</p></div>")
    script = _script(tmp_path, _article(f"<p>{STORY}</p>", f"<p>{WATER}</p>", around=notice))
    assert "cookies" not in _said(script).lower()


def test_an_empty_say_says_nothing(tmp_path: Path) -> None:
    html = _article(f"<p>{STORY}</p>", f"<p data-audio-edition-say=''>{WATER}</p>")
    assert WATER not in _shown(_script(tmp_path, html))


def test_say_marks_in_the_page_text_are_only_text(tmp_path: Path) -> None:
    """The signs a say is carried in, written on a page without says, stay as written."""
    odd = "Brackets ⸨3⸩like these⸨⸩ are rare in gardening, but a page may show them."
    assert odd in _shown(_script(tmp_path, _article(f"<p>{STORY}</p>", f"<p>{odd}</p>")))


# -- a page that keeps out of the edition -------------------------------------------------

LEFT_OUT = '<meta name="audio-edition" content="none">'


def test_a_page_left_out_is_reported_as_skipped_by_script(tmp_path: Path) -> None:
    page = tmp_path / "private.html"
    page.write_text(_article(f"<p>{STORY}</p>", head=LEFT_OUT), encoding="utf-8")
    result = run_cli("script", str(page))
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr.strip() == (f'skipped {page}: left out: the page says <meta '
                                     f'name="audio-edition" content="none">')


@pytest.mark.slow
def test_a_page_left_out_withdraws_its_episode(tmp_path: Path) -> None:
    folder, out, report = tmp_path / "in", tmp_path / "out", tmp_path / "report.json"
    folder.mkdir()
    (folder / "kept.html").write_text(_article(f"<p>{STORY}</p>"), encoding="utf-8")
    going = folder / "going.html"
    going.write_text(_article(f"<p>{WATER}</p>"), encoding="utf-8")
    own = {"XDG_CACHE_HOME": str(SESSION_CACHE)}
    first = run_cli("build", str(folder), "--out", str(out), "--jobs", "1", env=own)
    assert first.returncode == 0, first.stderr
    record = json.loads((out / "going" / "episode.json").read_text())
    audio = out / record["media"]["mp3"]["path"]
    assert audio.is_file()
    (out / "going" / "notes.txt").write_text("the publisher's own file")

    going.write_text(_article(f"<p>{WATER}</p>", head=LEFT_OUT), encoding="utf-8")
    second = run_cli("build", str(folder), "--out", str(out), "--jobs", "1", "--report",
                     str(report), env=own)
    assert second.returncode == 0, second.stderr
    assert f"skipped {going}: left out" in second.stdout
    assert second.stderr == ""
    entries = {Path(e["source"]).name: e for e in json.loads(report.read_text())["articles"]}
    assert entries["going.html"]["status"] == "skipped"
    assert entries["kept.html"]["status"] == "unchanged"
    feed = feedparser.parse(str(out / "feed.xml"))
    assert [e.title for e in feed.entries] == ["Balcony tomatoes"]
    assert len(feed.entries) == 1 and "going" not in feed.entries[0].enclosures[0].href
    left = sorted(p.name for p in (out / "going").iterdir())
    assert left == ["episode.json", "notes.txt"]  # its files gone, the publisher's file kept
    assert "going/" not in (out / "index.html").read_text()

    going.write_text(_article(f"<p>{WATER}</p>"), encoding="utf-8")  # it comes back
    third = run_cli("build", str(folder), "--out", str(out), "--jobs", "1", env=own)
    assert third.returncode == 0, third.stderr
    again = json.loads((out / "going" / "episode.json").read_text())
    assert again["guid"] == record["guid"]
    assert (out / again["media"]["mp3"]["path"]).is_file()
    assert len(feedparser.parse(str(out / "feed.xml")).entries) == 2


# -- site rules ---------------------------------------------------------------------------

#: A template that fools extraction: the story is four short paragraphs set as
#: separate cards, and a long column of reader tips beside it is the page's longest prose.
TIPS = "".join(f"<p>Reader tip {n}: {tip}</p>" for n, tip in enumerate([
    "old bricks under a pot keep the slugs away from the stems for most of the summer",
    "a sheet of fleece over the plants on cold nights in May saves a whole crop of fruit",
    "coffee grounds in the soil do not help tomatoes as much as the forums say they do",
    "rain water from a butt is better than tap water for plants in pots on a balcony",
    "pinch out the side shoots every week, or the plant grows leaves instead of fruit",
    "a little seaweed feed once a week from the first flowers gives sweeter tomatoes",
    "turn the pots a quarter every few days so that every side of the plant gets sun",
    "a windy balcony needs canes tied at three heights, or the stems will snap in June",
], 1))
STORY_CARDS = [
    "Our balcony is small, but it gave us nine kilograms of tomatoes this year.",
    "We grew two kinds, one for salads and one for sauce, in six large pots.",
    "Most of the work was watering, which took ten minutes every morning.",
    "Next year we will try peppers beside them, in the corner that gets the most sun.",
]
FOOLING = _page(
    "<div class='layout'><div class='story'><h1>Nine kilograms from a balcony</h1>"
    + "".join(f"<div class='card'><span>{p}</span></div>" for p in STORY_CARDS)
    + f"</div><div class='column'>{TIPS}</div></div>",
    head='<link rel="canonical" href="https://news.example/garden/nine-kilograms">',
    title="Nine kilograms from a balcony")


def _config(tmp_path: Path, text: str) -> Path:
    config = tmp_path / "audio-edition.toml"
    config.write_text(text, encoding="utf-8")
    return config


def test_a_page_whose_template_fools_extraction_is_read_right_with_a_selector(tmp_path: Path) -> None:
    plain = _script(tmp_path, FOOLING)
    assert "Reader tip" in _said(plain)  # extraction reads the column of tips
    config = _config(tmp_path, '[sites."news.example".read]\narticle = ".story"\n'
                               'skip = ["h1 + .card:empty"]\n')
    script = _script(tmp_path, FOOLING, Reading(sites=load_sites(config)))
    assert _shown(script)[1:] == STORY_CARDS
    assert "Reader tip" not in _said(script)


def test_site_rules_apply_to_their_host_and_its_subdomains_only(tmp_path: Path) -> None:
    config = _config(tmp_path, '[sites."news.example".read]\narticle = ".story"\n')
    sites = load_sites(config)
    other = FOOLING.replace("news.example", "elsewhere.example")
    assert "Reader tip" in _said(_script(tmp_path, other, Reading(sites=sites)))
    sub = FOOLING.replace("news.example", "www.news.example")
    assert "Reader tip" not in _said(_script(tmp_path, sub, Reading(sites=sites)))


def test_site_skip_and_lexicon(tmp_path: Path) -> None:
    config = _config(tmp_path, """
[sites."news.example".read]
skip = ["p.aside-note", "figure:has(> svg)"]

[sites."news.example".lexicon.en]
"GBG" = "Green Balcony Gazette"
""")
    head = '<link rel="canonical" href="https://news.example/garden/gbg-tomatoes">'
    html = _article(f"<p>The GBG asked readers how they grow tomatoes. {STORY}</p>",
                    "<p class='aside-note'>This note is only for the eye of the reader who "
                    "scrolls past it on the page.</p>", f"<p>{WATER}</p>", head=head)
    script = _script(tmp_path, html, Reading(sites=load_sites(config)))
    assert "The Green Balcony Gazette asked readers" in _said(script)
    assert "The GBG asked readers" in _shown(script)[1]  # the page's words stay as written
    assert "only for the eye" not in _said(script)
    elsewhere = _script(tmp_path, html.replace("news.example", "other.example"),
                        Reading(sites=load_sites(config)))
    assert "Green Balcony Gazette" not in _said(elsewhere)


@pytest.mark.parametrize("rules, named", [
    ('[sites."news.example".read]\nskip = ["div["]\n', "'div['"),
    ('[sites."news.example".read]\narticle = "main >> p"\n', "'main >> p'"),
    ('[sites."news.example".read]\narticle = ""\n', "''"),
    ('[sites."news.example".read]\nskip = ".one"\n', "skip must be a list"),
    ('[sites."news.example".read]\nselector = ".one"\n', "knows article and skip"),
])
def test_an_invalid_selector_is_a_settings_error_before_anything_is_built(
        tmp_path: Path, rules: str, named: str) -> None:
    config = _config(tmp_path, rules)
    page = tmp_path / "page.html"
    page.write_text(_article(f"<p>{STORY}</p>"), encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", str(page), "--out", str(out), "--config", str(config))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f'audio-edition: error: {config}: [sites."news.example"]')
    assert named in lines[0]
    assert not out.exists()


@pytest.mark.parametrize("host", ["https://news.example/", "news.example:8080", "news example"])
def test_a_site_named_by_anything_but_its_host_is_a_settings_error(tmp_path: Path,
                                                                   host: str) -> None:
    """A site named by its URL never matched a page's host: its rules were silently
    never applied."""
    config = _config(tmp_path, f'[sites."{host}".read]\nskip = [".promo"]\n')
    page = tmp_path / "page.html"
    page.write_text(_article(f"<p>{STORY}</p>"), encoding="utf-8")
    result = run_cli("script", str(page), "--config", str(config))
    assert result.returncode == 2 and result.stdout == "" and result.stderr.count("\n") == 1
    assert f'{config}: [sites."{host}"]: name a site by its host alone' in result.stderr


@pytest.mark.slow
def test_a_selector_soupsieve_warns_about_is_taken_without_a_warning(tmp_path: Path) -> None:
    """`:contains()` works but is deprecated: soupsieve's FutureWarning (two lines naming
    its own source file) reached stderr; a rule is taken, or refused in one line."""
    config = _config(tmp_path, '[sites."news.example".read]\nskip = ["span:contains(nowhere)"]\n')
    page = tmp_path / "page.html"
    page.write_text(FOOLING, encoding="utf-8")
    result = run_cli("script", str(page), "--config", str(config))
    assert result.returncode == 0 and result.stderr == "", result.stderr


def test_a_change_of_site_rules_rebuilds_only_that_sites_pages(tmp_path: Path) -> None:
    folder, out, report = tmp_path / "in", tmp_path / "out", tmp_path / "report.json"
    folder.mkdir()
    head = '<link rel="canonical" href="https://news.example/garden/{}">'
    (folder / "ours.html").write_text(_article(f"<p>The GBG says: {STORY}</p>",
                                               head=head.format("ours")), encoding="utf-8")
    (folder / "theirs.html").write_text(
        _article(f"<p>The GBG says: {WATER}</p>",
                 head=head.format("theirs").replace("news.example", "other.example")),
        encoding="utf-8")
    config = _config(tmp_path, '[sites."news.example".lexicon.en]\n"GBG" = "the gazette"\n')
    own = {"XDG_CACHE_HOME": str(SESSION_CACHE)}
    build = ("build", str(folder), "--out", str(out), "--jobs", "1", "--config", str(config),
             "--report", str(report))
    assert run_cli(*build, env=own).returncode == 0
    config.write_text('[sites."news.example".lexicon.en]\n"GBG" = "our gazette"\n')
    assert run_cli(*build, env=own).returncode == 0
    status = {Path(e["source"]).name: e["status"] for e in json.loads(report.read_text())["articles"]}
    assert status == {"ours.html": "built", "theirs.html": "unchanged"}
    spoken = json.loads(next((out / "ours").glob("utterances-*.json")).read_text())
    assert any("our gazette says" in u["text"] for u in spoken["utterances"])
