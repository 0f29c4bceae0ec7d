"""Fusion of the two extractors' opinions, block by block (small HTML written for
the project): what trafilatura finds beyond readability's result is added in
its place when it is prose, and what only readability keeps around the
article's edges is dropped."""
from __future__ import annotations

from pathlib import Path

import lxml.html

from audio_edition.read.extract import _main_content, _trafilatura_content
from audio_edition.read.fusion import fuse
from audio_edition.pipeline import make_script

LEAD = ("The river authority opened the new fish ladder on Monday, the first on this stretch "
        "of water in more than a century.")
MIDDLE = ("Salmon were counted passing the weir within hours, which the engineers had not "
          "expected before the autumn rains.")
END = ("The authority plans two more ladders upstream, and it will publish the counts every "
       "month on the notice board at the lock.")


def _texts(html: str) -> list[str]:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [" ".join(e.text_content().split()) for e in root.iter("p", "li", "h2")]


def test_prose_readability_missed_is_added_in_trafilaturas_order():
    base = f"<div><p>{LEAD}</p><p>{MIDDLE}</p></div>"
    second = f"<div><p>{LEAD}</p><p>{MIDDLE}</p><p>{END}</p></div>"
    assert _texts(fuse(base, second)) == [LEAD, MIDDLE, END]
    before = f"<div><p>{END}</p><p>{LEAD}</p><p>{MIDDLE}</p></div>"
    assert _texts(fuse(base, before)) == [END, LEAD, MIDDLE]


def test_when_they_chose_different_parts_of_the_page_trafilaturas_prose_is_taken():
    """readability read a welcome box; trafilatura read the article: they agree on
    nothing, and trafilatura's is prose, as long as readability's. A list of
    links or a slogan in its place is not an article: readability's stays."""
    welcome = ("<div><p>Dear readers, we are glad you found your way to the pages of the "
               "river authority and hope you enjoy your visit.</p><p>Write to us at any time "
               "with questions about the river, the weirs and the locks.</p></div>")
    article = f"<div><p>{LEAD}</p><p>{MIDDLE}</p><p>{END}</p></div>"
    assert _texts(fuse(welcome, article)) == [LEAD, MIDDLE, END]
    links = ("<div><ul><li><a href='/a'>Weirs of the valley</a></li><li><a href='/b'>Locks and "
             "their keepers</a></li><li><a href='/c'>Opening hours</a></li></ul></div>")
    assert _texts(fuse(welcome, links)) == _texts(welcome)
    assert _texts(fuse(welcome, "<div><p>Your river, your authority.</p></div>")) == _texts(welcome)


def test_prose_is_known_by_its_end_in_other_scripts_and_quotes():
    """A sentence ends with "।" in Hindi and Bengali, and a German quotation closes
    with “: such paragraphs readability missed are prose, and added."""
    hindi = ("नदी प्राधिकरण ने सोमवार को नई मछली सीढ़ी खोली और पहले ही दिन कई "
             "मछलियाँ गिनी गईं।")
    german = ("„Wir hatten nicht erwartet, dass die Lachse schon vor dem Herbstregen "
              "kommen“, sagte die Ingenieurin am Wehr: „Das ist ein gutes Zeichen.“")
    base = f"<div><p>{LEAD}</p><p>{MIDDLE}</p></div>"
    second = f"<div><p>{LEAD}</p><p>{hindi}</p><p>{german}</p><p>{MIDDLE}</p></div>"
    assert _texts(fuse(base, second)) == [LEAD, hindi, german, MIDDLE]


def test_a_lead_set_as_a_heading_is_prose():
    """Some pages set the article's lead (sentences, longer than any headline) in a
    heading: readability misses it, trafilatura keeps it; it is added."""
    lead = ("The river authority has built what it calls the most patient fish ladder in the "
            "country. We asked its engineers why the salmon came so early this year.")
    base = f"<div><p>{LEAD}</p><p>{MIDDLE}</p></div>"
    second = f"<div><h2>{lead}</h2><p>{LEAD}</p><p>{MIDDLE}</p></div>"
    fused = fuse(base, second)
    assert _texts(fused) == [lead, LEAD, MIDDLE]
    assert "<h2>" not in fused  # read as the paragraph it is, not as a chapter's title


def test_labels_and_headlines_readability_missed_are_not_added():
    base = f"<div><p>{LEAD}</p><p>{MIDDLE}</p></div>"
    second = (f"<div><p>{LEAD}</p><p>{MIDDLE}</p><h2>More from the valley</h2>"
              "<p>Village fete raises record sum for the new lifeboat station</p>"
              "<p>Posted 3 June</p></div>")
    assert _texts(fuse(base, second)) == [LEAD, MIDDLE]


def test_a_list_readability_missed_inside_the_article_is_added_not_a_list_of_links():
    """A list of short items (materials, ingredients, key points) before the first
    block both keep or between two is part of the article; the same list after the
    article, a list of links, or a list with the story's date or comment count (the
    line of facts about it) is not. An item "Weir" is not readability's because a
    sentence of readability's mentions the weir: it was lost, and the rest of its list
    was read after that sentence."""
    base = f"<div><p>{LEAD}</p><p>{MIDDLE}</p></div>"
    items = ["Waders", "Weir", "A tally counter"]
    listed = "".join(f"<li>{item}</li>" for item in items)
    inside = f"<div><p>{LEAD}</p><ul>{listed}</ul><p>{MIDDLE}</p></div>"
    assert _texts(fuse(base, inside)) == [LEAD, *items, MIDDLE]
    leading = f"<div><ul>{listed}</ul><p>{LEAD}</p><p>{MIDDLE}</p></div>"
    assert _texts(fuse(base, leading)) == [*items, LEAD, MIDDLE]
    at_the_end = f"<div><p>{LEAD}</p><p>{MIDDLE}</p><ul>{listed}</ul></div>"
    assert _texts(fuse(base, at_the_end)) == [LEAD, MIDDLE]
    links = "".join(f'<li><a href="/{n}">{item}</a></li>' for n, item in enumerate(items))
    linked = f"<div><p>{LEAD}</p><ul>{links}</ul><p>{MIDDLE}</p></div>"
    assert _texts(fuse(base, linked)) == [LEAD, MIDDLE]
    two = f"<div><p>{LEAD}</p><ul>{listed.replace('<li>Waders</li>', '')}</ul><p>{MIDDLE}</p></div>"
    assert _texts(fuse(base, two)) == [LEAD, MIDDLE]  # two labels are not a list
    facts = "".join(f"<li>{item}</li>" for item in ("24 July 2026", "From the section Rivers",
                                                     "12 comments"))
    meta = f"<div><ul>{facts}</ul><p>{LEAD}</p><p>{MIDDLE}</p></div>"
    assert _texts(fuse(base, meta)) == [LEAD, MIDDLE]


def test_a_slideshow_only_trafilatura_keeps_is_not_added_nor_counted_as_the_article():
    """A gallery of other stories ("1/3 Harbour wall repaired ...") beside the article
    is not what readability's result lacks, however many words its captions have;
    items that merely begin with a number are."""
    from audio_edition.read.fusion import slideshow_words

    base = f"<div><p>{LEAD}</p><p>{MIDDLE}</p></div>"
    show = "".join(f"<li><h2>{n}/3 Pictures</h2><p>{END}</p></li>" for n in (1, 2, 3))
    second = f"<div><p>{LEAD}</p><ul>{show}</ul><p>{MIDDLE}</p></div>"
    assert _texts(fuse(base, second)) == [LEAD, MIDDLE]
    assert slideshow_words(second) > 3 * len(END.split())  # its captions are prose
    counted = "".join(f"<li><h2>{n}/{n + 4} Pictures</h2><p>{END}</p></li>" for n in (1, 2, 3))
    assert slideshow_words(f"<ul>{counted}</ul>") == 0  # no one show: not a slideshow
    added = _texts(fuse(base, f"<div><p>{LEAD}</p><ul>{counted}</ul><p>{MIDDLE}</p></div>"))
    assert added == [LEAD, END, END, END, MIDDLE]


def test_a_block_readability_has_but_for_a_few_words_is_not_added_again():
    """trafilatura keeps a link's hidden "Opens a new window" that readability drops:
    the paragraph is the same one, said once, kept at the edge, and it still places
    the prose only trafilatura has after it."""
    long = f"{END} {MIDDLE}"
    linked = long.replace("passing the weir", "passing Opens a new window the weir")
    base = f"<div><p>{LEAD}</p><p>{MIDDLE}</p><p>{long}</p></div>"
    other = "Salmon were seen below the weir within days, which nobody had expected this year."
    second = f"<div><p>{LEAD}</p><p>{MIDDLE}</p><p>{linked}</p><p>{other}</p></div>"
    assert _texts(fuse(base, second)) == [LEAD, MIDDLE, long, other]


def test_what_only_readability_keeps_at_the_edges_is_dropped_not_in_the_middle():
    aside = "Follow us for more stories from the riverbank and the towns along it"
    base = (f"<div><p>{aside}</p><p>{LEAD}</p><p>A short remark.</p><p>{MIDDLE}</p>"
            f"<ul><li>Subscribe</li><li>Archive</li></ul></div>")
    second = f"<div><p>{LEAD}</p><p>{MIDDLE}</p></div>"
    assert _texts(fuse(base, second)) == [LEAD, "A short remark.", MIDDLE]


def test_a_standfirst_only_readability_keeps_just_before_the_article_is_read():
    """A lead paragraph set apart from the body (trafilatura often skips it) is the
    article's first sentences; prose beyond a label before it is not."""
    standfirst = ("Engineers say the ladder could bring salmon back to the upper river "
                  "within five years.")
    teaser = "Elsewhere in the valley, the new ferry timetable starts on Sunday morning."
    base = (f"<div><p>{teaser}</p><p>Advertisement</p><p>{standfirst}</p><p>{LEAD}</p>"
            f"<p>{MIDDLE}</p></div>")
    second = f"<div><p>{LEAD}</p><p>{MIDDLE}</p></div>"
    assert _texts(fuse(base, second)) == [standfirst, LEAD, MIDDLE]


def test_spacing_differences_between_extractors_are_not_new_text():
    base = f"<div><p>{LEAD}</p><p>The <a href='#'>fish</a> <b>ladder</b> cost {MIDDLE}</p></div>"
    second = f"<div><p>{LEAD}</p><p>The fishladder cost {MIDDLE}</p></div>"
    assert _texts(fuse(base, second)) == _texts(base)


def test_when_the_extractors_disagree_readability_is_kept_whole():
    """They agree on a part of readability's result, less than half of it."""
    base = f"<div><p>{LEAD}</p><p>{MIDDLE}</p><p>{MIDDLE.upper()}</p></div>"
    second = f"<div><p>{LEAD}</p><p>{END}</p></div>"
    assert fuse(base, second) == base


def test_an_article_inside_a_paywall_container_is_read(tmp_path: Path):
    body = "".join(f"<p>{text} {text}</p>" for text in (LEAD, MIDDLE, END))
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>The fish ladder</title></head>'
                    '<body><div class="post tag-newsletter paywall-container">'
                    f"<h1>The fish ladder</h1>{body}</div>"
                    '<div class="newsletter-box"><p>Sign up for our weekly letter.</p></div>'
                    "</body></html>")
    spoken = " ".join(u.source_text for u in make_script(str(page)).utterances)
    assert LEAD in spoken and END in spoken
    assert "weekly letter" not in spoken


def _scripted_page(tmp_path: Path, shown: str, data: dict | str) -> Path:
    """A page that a script fills in the browser: the HTML shows little, and the
    article is in the schema.org data the page gives search engines."""
    import json

    ld = data if isinstance(data, str) else json.dumps(data)
    page = tmp_path / "scripted.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>The fish ladder</title>'
                    f'<script type="application/ld+json">{ld}</script></head>'
                    f'<body><div id="root"></div>{shown}</body></html>')
    return page


def test_an_article_only_declared_in_structured_data_is_read(tmp_path: Path):
    warning = "<p>Your browser is out of date. Download a newer one for a better experience.</p>"
    data = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "The fish ladder"},
        {"@type": "NewsArticle", "headline": "The fish ladder",
         "articleBody": f"{LEAD}\n{MIDDLE}\n\n{END}"}]}
    spoken = [u.source_text for u in make_script(str(_scripted_page(tmp_path, warning, data)))
              .utterances]
    assert spoken == ["The fish ladder", LEAD, MIDDLE, END]


def test_the_steps_of_a_declared_how_to_are_read_in_order(tmp_path: Path):
    data = {"@type": "HowTo", "name": "Build a fish ladder", "step": [
        {"@type": "HowToStep", "text": f"<p>{LEAD}</p>"},
        {"@type": "HowToSection", "itemListElement": [
            {"@type": "HowToDirection", "text": f"<p>{MIDDLE}</p>"},
            {"@type": "HowToTip", "text": f"<p>{END}</p>"}]}]}
    shown = "<p>Turn on JavaScript in your settings to follow this guide step by step.</p>"
    spoken = [u.source_text for u in make_script(str(_scripted_page(tmp_path, shown, data)))
              .utterances]
    assert spoken[1:] == [LEAD, MIDDLE, END]


def test_a_declared_recipe_is_read_ingredients_then_steps(tmp_path: Path):
    """A recipe page whose method sits in a hidden tab shows one line of it; its
    data declares the whole recipe: the ingredients are read as a list, then the
    steps, in sections or not."""
    data = {"@type": "Recipe", "name": "Pear crumble",
            "recipeIngredient": ["4 ripe pears", "100 g flour", "80 g cold butter"],
            "recipeInstructions": [
                {"@type": "HowToStep", "text": "Heat the oven to 180 degrees and butter a dish."},
                {"@type": "HowToSection", "name": "Topping", "itemListElement": [
                    {"@type": "HowToStep", "text": "Rub the butter into the flour until it "
                                                   "looks like breadcrumbs."}]},
                {"@type": "HowToStep", "text": "Slice the pears into the dish, scatter the "
                                               "topping over them and bake for forty "
                                               "minutes, until the juice bubbles at the "
                                               "edges."}]}
    shown = ('<p>Slice the pears into the dish.</p><div style="display:none"><p>Heat the oven '
             "to 180 degrees and butter a dish.</p></div>")
    script = make_script(str(_scripted_page(tmp_path, shown, data)))
    said = [(u.role, u.source_text) for u in script.utterances][1:]
    assert said == [("list_item", "4 ripe pears"), ("list_item", "100 g flour"),
                    ("list_item", "80 g cold butter"),
                    ("paragraph", "Heat the oven to 180 degrees and butter a dish."),
                    ("paragraph", "Rub the butter into the flour until it looks like breadcrumbs."),
                    ("paragraph", "Slice the pears into the dish, scatter the topping over them "
                                  "and bake for forty minutes, until the juice bubbles at the "
                                  "edges.")]


def test_declared_steps_written_as_an_html_list_are_that_list():
    """A recipe's instructions given as one string of HTML (an ordered list) are read
    as that list, not as text with its tags spelt out."""
    import json

    from audio_edition.read.structured import declared_article

    body = declared_article([json.dumps({
        "@type": "Recipe", "recipeIngredient": ["4 ripe pears"],
        "recipeInstructions": "<ol><li>Peel the pears.</li><li>Slice them thinly.</li></ol>"})])
    root = lxml.html.fragment_fromstring(body)
    assert [li.text for li in root.iter("li")] == ["4 ripe pears", "Peel the pears.",
                                                  "Slice them thinly."]
    assert "<ol>" not in root.text_content()


def test_a_page_is_read_as_it_shows_when_it_shows_an_article(tmp_path: Path):
    """Near misses: a page that shows a short article of its own and declares a
    longer one (behind a paywall) is read as it shows; broken data is no article."""
    shown = f"<article><h1>The fish ladder</h1><p>{LEAD} {MIDDLE} {LEAD}</p></article>"
    data = {"@type": "Article", "articleBody": " ".join([END] * 12)}
    spoken = " ".join(u.source_text for u in make_script(
        str(_scripted_page(tmp_path, shown, data))).utterances)
    assert LEAD in spoken and END not in spoken
    for broken in ('{"@type": "Article", "articleBody": "' + END, "[" * 100_000 + "]" * 100_000):
        spoken = " ".join(u.source_text for u in make_script(
            str(_scripted_page(tmp_path, f"<p>{LEAD}</p>", broken))).utterances)
        assert LEAD in spoken and END not in spoken


def _trafilaturas_text(paragraph: str) -> str:
    page = f"<html><body><article><p>{paragraph}</p><p>{MIDDLE}</p><p>{END}</p></article>"
    return " ".join(lxml.html.fromstring(_trafilatura_content(page)).text_content().split())


def test_trafilaturas_opinion_keeps_the_space_between_two_links():
    """trafilatura drops a tail that is only a space, so that two links side by side
    ran together ("Americantelevision"). A page that writes the sign for a space
    (which stands for it meanwhile) keeps the sign."""
    film = ('The film was made as an <a href="/us">American</a> <a href="/tv">television</a> '
            'movie for the <a href="/s">Showtime</a> <i>30-Minute Movie</i> series. ')
    assert ("made as an American television movie for the Showtime 30-Minute Movie series."
            in _trafilaturas_text(film + LEAD))
    assert "Type \u2423 for a space." in _trafilaturas_text(film + "Type \u2423 for a space.")


def test_declared_text_is_read_as_the_page_would_show_it(tmp_path: Path):
    """A step's inline markup was spelt out ("<b>"), and a form's label inside an
    articleBody was read, though labels are never read on a page: declared HTML
    is parsed and cleaned by the page's own rules. Near misses: a "<" in plain
    text is text, and a plain step stays a paragraph of its own."""
    data = {"@graph": [
        {"@type": "HowTo", "step": [
            {"@type": "HowToStep", "text": f"Press <b>Start</b> and wait. {LEAD}"},
            {"@type": "HowToStep", "text": f"Keep the level a < b at all times. {MIDDLE}"},
            {"@type": "HowToStep", "text": END}]}]}
    shown = "<p>Turn on JavaScript in your settings to follow this guide step by step.</p>"
    spoken = [u.source_text for u in make_script(str(_scripted_page(tmp_path, shown, data)))
              .utterances]
    assert spoken[1:] == [f"Press Start and wait. {LEAD}",
                          f"Keep the level a < b at all times. {MIDDLE}", END]
    body = (f"<p>{LEAD}</p><form><label for='q'>Search the archive</label><input id='q'></form>"
            f"<p>{MIDDLE}</p><label>Your e-mail address</label><p>{END}</p>")
    data = {"@type": "NewsArticle", "articleBody": body}
    spoken = [u.source_text for u in make_script(str(_scripted_page(tmp_path, shown, data)))
              .utterances]
    assert spoken[1:] == [LEAD, MIDDLE, END]


def test_trafilaturas_opinion_keeps_a_list_an_item_introduces():
    """trafilatura drops a list of links, also when an item of the article introduces
    it in words ("In progress:" and the linked bugs); the list is put back from the
    page under that item. A submenu under a link is still left out."""
    bugs = "".join(f'<li><a href="/bug/{n}">Bug {n}: the counter stalls when the gate '
                   f"is opened twice, case {n}</a></li>" for n in range(1, 4))
    menu = "".join(f'<li><a href="/{n}">Section {n}</a></li>' for n in range(1, 4))
    page = (f"<html><body><article><p>{LEAD}</p><ul><li>{MIDDLE}</li><li>In progress:"
            f'<ul>{bugs}</ul></li><li><a href="/weirs">Weirs</a><ul>{menu}</ul></li></ul>'
            f"<p>{END}</p></article></body></html>")
    content = lxml.html.fragment_fromstring(_trafilatura_content(page))
    introducing = next(li for li in content.iter("li") if li.text.strip() == "In progress:")
    assert [" ".join(li.text_content().split()) for li in introducing.iter("li")][1:] == [
        f"Bug {n}: the counter stalls when the gate is opened twice, case {n}" for n in (1, 2, 3)]
    assert "Section" not in content.text_content()


def test_the_standfirst_the_page_declares_opens_readabilitys_article():
    """A standfirst between the headline and the story (its class name a hash) is the
    paragraph that says the page's declared description: readability-lxml's opinion
    holds it, first, also when the story's longest part, which it starts from, is not
    its first. A paragraph beside it that is not the description is left out."""
    lead = "The new ladder lets salmon pass the old weir for the first time in a century."
    parts = (f'<div class="p4"><p>{LEAD}, {LEAD}</p><p>{END}, {LEAD}</p></div>'
             f'<div class="p4"><p>{MIDDLE}, {END}</p><p>{END}, {MIDDLE}</p>'
             f"<p>{MIDDLE}, {LEAD}, {END}</p></div>")
    page = (f'<html><head><meta property="og:description" content="{lead}"></head><body>'
            f'<article><header><h1>A ladder for salmon</h1><p class="x1">{lead}</p>'
            '<p class="y2">Sign up for the river letter and read the news first.</p></header>'
            f'<div class="k9">{parts}</div></article></body></html>')
    content, _ = _main_content(page, "page.html")
    assert _texts(content)[:2] == [lead, f"{LEAD}, {LEAD}"]
    assert "river letter" not in content


def test_a_standfirst_the_description_opens_is_read_from_a_header_above_the_article():
    """A page's description is often its standfirst cut short, and a page may set the
    standfirst in a header above the article's own <article>, a header readability-lxml
    drops as unlikely content: the standfirst is set aside and read first; the
    article is still read whole."""
    cut = "The new ladder lets salmon pass the old weir for the first time."
    lead = f"{cut} Counting starts in spring."
    body = "".join(f"<p>{text}, {other}</p>" for text, other in
                   ((LEAD, MIDDLE), (MIDDLE, END), (END, LEAD)))
    page = (f'<html><head><meta name="description" content="{cut}"></head><body>'
            '<main class="site-main"><header class="entry-header"><h1>A ladder for salmon</h1>'
            f'<div class="intro"><p>{lead}</p></div></header>'
            f'<article class="post"><div class="article-body">{body}</div></article>'
            "</main></body></html>")
    content, _ = _main_content(page, "page.html")
    assert _texts(content) == [lead, f"{LEAD}, {MIDDLE}", f"{MIDDLE}, {END}", f"{END}, {LEAD}"]
