"""What will be said: the Script of real pages, without audio."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from audio_edition.pipeline import make_script
from conftest import INPUT, PAGES, run_cli

SAMPLES = sorted(INPUT.glob("*.html"))
#: Words from the clutter around the sample articles; none may ever be spoken.
CLUTTER = ["cookie", "Accept", "Cart", "Basket", "Sign in", "My account", "SPRING20",
           "Spring sale", "Post comment", "Reply", "Copyright", "©", "newsletter",
           "Sign up", "Popular guides", "You might also like", "Free delivery",
           "Members get", "print edition", "Privacy"]


def _spoken(path: Path) -> list[dict]:
    script = make_script(str(path)).to_dict()
    return [u for chapter in script["chapters"] for u in chapter["utterances"]]


def test_there_are_at_least_three_samples() -> None:
    assert len(SAMPLES) >= 3


@pytest.mark.parametrize("page", SAMPLES, ids=lambda p: p.name)
def test_samples_speak_the_article_and_no_clutter(page: Path) -> None:
    script = make_script(str(page)).to_dict()
    spoken = " ".join(u["text"] for c in script["chapters"] for u in c["utterances"])
    for word in CLUTTER:
        assert word.lower() not in spoken.lower(), word
    levels = {c["level"] for c in script["chapters"]}
    assert {1, 2, 3} <= levels
    roles = [u["role"] for c in script["chapters"] for u in c["utterances"]]
    assert roles[0] == "title"
    assert {"heading", "paragraph", "list_item", "quote", "image"} <= set(roles)
    numbered = [u for c in script["chapters"] for u in c["utterances"]
                if u["role"] == "list_item" and u["text"].startswith("one. ")]
    assert numbered, "ordered items speak their number"


def test_structure_of_a_known_article() -> None:
    script = make_script(str(INPUT / "roadside-puncture.html")).to_dict()
    assert script["title"] == "Fixing a Puncture at the Roadside"
    assert script["lang"] == "en-GB"
    assert [(c["title"], c["level"]) for c in script["chapters"]] == [
        ("Fixing a Puncture at the Roadside", 1), ("What to carry", 2), ("The repair", 2),
        ("Taking the wheel out", 3), ("Changing the tube", 3), ("Before riding on", 2)]
    tube = script["chapters"][4]["utterances"]
    items = [u["text"] for u in tube if u["role"] == "list_item"]
    assert [t.split(".")[0] for t in items] == ["one", "two", "three", "four", "one", "two",
                                                "three", "five"]
    assert items[4].startswith("one. run your fingertips")  # the nested list keeps its own count
    source = [u["source_text"] for u in tube if u["role"] == "list_item"]
    assert source[0] == "Let out any air that is left and push the valve up into the tyre."
    image = next(u for u in tube if u["role"] == "image")
    assert image["text"] == "Image: Two blue tyre levers holding the edge of a tyre away from the wheel rim."
    quote = next(u for u in tube if u["role"] == "quote")
    assert quote["text"].startswith("Quote. If you need a lever") and quote["text"].endswith("End of quote.")


def test_json_format_is_one_object_per_input_per_line() -> None:
    pages = [str(PAGES / "short.html"), str(INPUT / "book-swap.html")]
    result = run_cli("script", *pages, "--format", "json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    objects = [json.loads(line) for line in lines]
    assert [o["source"] for o in objects] == pages
    for obj in objects:
        assert set(obj) == {"source", "title", "lang", "chapters"}
        for chapter in obj["chapters"]:
            assert set(chapter) == {"title", "level", "utterances"}
            assert isinstance(chapter["level"], int)
            for utterance in chapter["utterances"]:
                assert set(utterance) - {"lang"} == {"role", "text", "source_text"}
                assert utterance["text"] and utterance["source_text"]


def test_text_format_lists_chapters() -> None:
    result = run_cli("script", str(PAGES / "short.html"))
    assert result.returncode == 0, result.stderr
    assert "2. Brewing" in result.stdout
    assert "list_item: one. Boil fresh water." in result.stdout


def _script_of(tmp_path: Path, body: str, head: str = "") -> dict:
    page = tmp_path / "page.html"
    filler = "<p>" + "This sentence is here so that the page counts as an article. " * 4 + "</p>"
    page.write_text(f"<html lang='en'><head><title>Test page</title>{head}</head><body><article>"
                    f"<h1>Test page</h1>{filler}{body}</article></body></html>")
    return make_script(str(page)).to_dict()


def test_hidden_content_is_never_spoken(tmp_path: Path) -> None:
    script = _script_of(tmp_path, """
        <p hidden>Secret one.</p><p aria-hidden="true">Secret two.</p>
        <p style="display: none">Secret three.</p><div style="visibility:hidden">Secret four.</div>
        <p>Visible words.</p><script>var secret = 'five';</script><style>.secret{}</style>""")
    spoken = " ".join(u["text"] for c in script["chapters"] for u in c["utterances"])
    assert "Visible words." in spoken
    assert "Secret" not in spoken and "secret" not in spoken


def test_list_numbering_follows_start_value_and_reversed(tmp_path: Path) -> None:
    script = _script_of(tmp_path, """
        <ol start="4"><li>Four.</li><li>Five.</li></ol>
        <ol reversed><li>Three.</li><li>Two.</li><li>One.</li></ol>
        <ol><li>One.</li><li value="7">Seven.</li><li>Eight.</li></ol>""")
    items = [u["text"] for c in script["chapters"] for u in c["utterances"] if u["role"] == "list_item"]
    assert items == ["four. Four.", "five. Five.", "three. Three.", "two. Two.", "one. One.",
                     "one. One.", "seven. Seven.", "eight. Eight."]


def test_a_list_set_straight_inside_a_list_is_the_item_befores_sublist(tmp_path: Path) -> None:
    """`<ol><li>..</li><ol>..</ol></ol>` is not valid HTML, but browsers show the inner
    list under the item before it, and pages write it: its items are read there."""
    script = _script_of(tmp_path, """<ol><li>Pick a cell at random.</li><li>Find places for
        it:</li><ol><li>Look in the other half of the chip.</li><li>If none is free, look
        anywhere.</li></ol><li>Move the cell there.</li></ol>""")
    items = [u["text"] for c in script["chapters"] for u in c["utterances"]
             if u["role"] == "list_item"]
    assert items == [
        "one. Pick a cell at random.", "two. Find places for it:",
        "one. Look in the other half of the chip.", "two. If none is free, look anywhere.",
        "three. Move the cell there."], items


def test_a_sentence_between_blocks_of_a_div_is_one_paragraph(tmp_path: Path) -> None:
    """A step written straight into a div, after its counter and before its picture,
    with the ingredients marked up inline: one sentence, read as one paragraph, not
    cut at its first inline element."""
    step = ('<div class="step"><div class="counter">3 of 17</div>Mix in <span class="tool">a '
            'large bowl</span> <span class="ingredient">150 g of flour</span> with <span '
            'class="ingredient">2 teaspoons of baking powder</span>.<div class="picture"><img '
            'src="step3.jpg" alt=""></div></div>')
    script = _script_of(tmp_path, step)
    texts = [u["source_text"] for c in script["chapters"] for u in c["utterances"]]
    assert "Mix in a large bowl 150 g of flour with 2 teaspoons of baking powder." in texts, texts
    assert "Mix in" not in texts


def test_an_embedded_post_the_article_quotes_is_read_as_a_quote(tmp_path: Path) -> None:
    """A post quoted in the article, embedded as the social network's blockquote (its
    class names the network): the author quotes it, it is read as a quotation."""
    script = _script_of(tmp_path, """<blockquote class="twitter-tweet"><p>Drinking game for
        gardeners: name a fruit, search for its variety list, drink if it has more than a
        hundred.</p>— Jo Bloggs (@jobloggs) <a href="/status/1">August 22, 2026</a></blockquote>
        <p>The pupils found eleven pear varieties in the old orchard alone.</p>""")
    quotes = [u["source_text"] for c in script["chapters"] for u in c["utterances"]
              if u["role"] == "quote"]
    assert len(quotes) == 1 and quotes[0].startswith("Drinking game for gardeners"), quotes


def test_a_list_of_no_items_that_indents_a_paragraph_is_read(tmp_path: Path) -> None:
    """`<ul>(text)</ul>`: old pages indent a paragraph with a list that has no item;
    browsers show the text, so it is read, as a paragraph."""
    script = _script_of(tmp_path, """<ul> (Really my aim is to <i>graft</i> the trees
        myself, but I started by learning to prune them.) </ul><p>Pruning came first.</p>""")
    texts = [(u["role"], u["source_text"]) for c in script["chapters"] for u in c["utterances"]]
    assert ("paragraph", "(Really my aim is to graft the trees myself, but I started by "
                         "learning to prune them.)") in texts, texts


def test_a_quotes_text_between_its_paragraphs_is_read(tmp_path: Path) -> None:
    """An old page's blockquote holding a paragraph, then text of its own with a line
    break and a link, then another paragraph: every part is read, in order."""
    script = _script_of(tmp_path, """<blockquote><p>The orchard was planted in 1986.</p>
        As much as I like old pears, the<br>grafting took <a href="/g">three winters</a>.
        <p>Now the pupils prune it each February.</p></blockquote>""")
    quotes = [u["source_text"] for c in script["chapters"] for u in c["utterances"]
              if u["role"] == "quote"]
    assert quotes == ["The orchard was planted in 1986. As much as I like old pears, the "
                      "grafting took three winters. Now the pupils prune it each February."]


def test_a_figure_without_a_picture_is_read_as_what_it_holds(tmp_path: Path) -> None:
    """A quote with its attribution, or a table, set as a figure: there is no picture
    to describe, and what the figure holds is read as it is."""
    script = _script_of(tmp_path, """<figure><blockquote><p>Prune in February, before the
        sap rises.</p></blockquote><figcaption>Ana Lopez, head gardener</figcaption></figure>
        <figure><table><tr><th>Tree</th><th>Age</th></tr><tr><td>Pear</td><td>40</td></tr>
        </table></figure>""")
    said = [(u["role"], u["source_text"]) for c in script["chapters"] for u in c["utterances"]]
    assert ("quote", "Prune in February, before the sap rises.") in said, said
    assert ("paragraph", "Ana Lopez, head gardener") in said
    assert ("table", "Pear; 40") in said


def test_blocks_inside_a_list_item_are_runs_of_words_not_one(tmp_path: Path) -> None:
    """Minified pages put no space between blocks: a heading and the paragraph after
    it inside one item are two runs of words, and the heading ends as a sentence does
    (a pause), not "repairedMasons"."""
    script = _script_of(tmp_path, "<ul><li><h3>Harbour wall repaired</h3><p>Masons finished "
                                  "the repair.</p></li><li><h3>Bakery wins?</h3><p>It did."
                                  "</p><div>Twice</div></li></ul>")
    items = [u["text"] for c in script["chapters"] for u in c["utterances"]
             if u["role"] == "list_item"]
    assert items == ["Harbour wall repaired. Masons finished the repair.",
                     "Bakery wins? It did. Twice"]


def test_an_entity_a_page_escaped_twice_is_its_character(tmp_path: Path) -> None:
    """"400&amp;percnt;" shows "400&percnt;" in a browser: the author meant "400%".
    Code keeps its text, and "AT&T" or "R&D;" are no entities."""
    script = _script_of(tmp_path, "<p>Sales rose 400&amp;percnt; at the caf&amp;eacute; "
                                  "&amp;amp; bar, said AT&amp;T and R&amp;D;.</p>"
                                  "<pre>&amp;lt;p&amp;gt;</pre>")
    said = {u["role"]: u["source_text"] for c in script["chapters"] for u in c["utterances"]}
    assert "Sales rose 400% at the café & bar, said AT&T and R&D;." in said["paragraph"]
    assert said["code"] == "&lt;p&gt;"


def test_prose_set_in_fixed_width_is_read_code_is_announced(tmp_path: Path) -> None:
    """A plain-text document in <pre> (an RFC, a mailing-list post) is prose to read;
    a shell session, with words but no sentences, and a program are code."""
    memo = ("Internet-Draft    Orchard Protocol    May 2026\n\n"
            "   The orchard server keeps one record per tree.  A client MAY ask for\n"
            "   the record of any tree it knows.  The server answers with the record,\n"
            "   or with an error when the tree is unknown.  Records are kept for five\n"
            "   years after a tree is felled.\n")
    shell = "$ orchard clone trees\nupdating to branch default\n3 files updated, 0 merged\n"
    program = "for tree in trees:\n    if tree.age > 40:\n        prune(tree)  # every year.\n"
    script = _script_of(tmp_path, "".join(f"<pre>{text}</pre>" for text in (memo, shell, program)))
    roles = [(u["role"], u["source_text"][:20]) for c in script["chapters"]
             for u in c["utterances"] if u["role"] in ("paragraph", "code")][1:]
    assert roles == [("paragraph", "Internet-Draft Orcha"), ("code", "$ orchard clone tree"),
                     ("code", "for tree in trees: i")]


def test_h1_repeating_the_title_is_not_a_second_chapter(tmp_path: Path) -> None:
    script = _script_of(tmp_path, "<h2>Part two</h2><p>Words of part two, spoken in full.</p>")
    assert [c["title"] for c in script["chapters"]] == ["Test page", "Part two"]
    assert [u["role"] for u in script["chapters"][0]["utterances"]][:2] == ["title", "paragraph"]


@pytest.mark.parametrize("title, said", [
    ("Rain returns to the valley | The Valley Gazette", "Rain returns to the valley"),
    ("The Valley Gazette - Rain returns to the valley", "Rain returns to the valley"),
    ("Why The Valley Gazette moved to the old mill", "Why The Valley Gazette moved to the old mill"),
])
def test_the_title_is_said_without_the_sites_name(tmp_path: Path, title: str, said: str) -> None:
    """The name the site declares (og:site_name) after or before a separator is the
    show's, not the episode's; in the middle of a title it is part of it."""
    body = " ".join(["The first rain since June fell on the valley on Monday night."] * 3)
    page = tmp_path / "page.html"
    page.write_text(f'<html lang="en"><head><title>{title}</title>'
                    f'<meta property="og:title" content="{title}">'
                    '<meta property="og:site_name" content="The Valley Gazette"></head>'
                    f"<body><article><p>{body}</p><p>{body}</p></article></body></html>")
    assert make_script(str(page)).title == said


def test_tables_read_row_by_row_with_headers(tmp_path: Path) -> None:
    """The header row is read once, as the page shows it; each cell after it is
    said with its column's header, which the row's text (the page's) leaves out."""
    script = _script_of(tmp_path, """<table><tr><th>Herb</th><th>Sun</th></tr>
        <tr><td>Thyme</td><td>Full</td></tr><tr><td>Mint</td><td>Partial</td></tr></table>""")
    rows = [u for c in script["chapters"] for u in c["utterances"] if u["role"] == "table"]
    assert [u["text"] for u in rows] == ["Herb; Sun", "Herb: Thyme; Sun: Full",
                                         "Herb: Mint; Sun: Partial"]
    assert [u["source_text"] for u in rows] == ["Herb; Sun", "Thyme; Full", "Mint; Partial"]


def test_a_list_in_a_table_cell_is_that_cells_value(tmp_path: Path) -> None:
    """A fact box with one value a list of links to other pages: the
    list is what the row says, not a menu to clean away (Readability.js keeps what
    is inside a data table)."""
    rows = "".join(f'<tr><th scope="row">{name}</th><td>{value}</td></tr>'
                   for name, value in (("Capital", "Harbourton"), ("Largest city", "Northport"),
                                       ("Currency", "Island dollar"), ("Area", "4,120 km2"),
                                       ("Population", "1,204,000 (the census of 2024)"),
                                       ("Time zone", "UTC+3 (Island Standard Time)")))
    languages = "".join(f'<li><a href="/{name}">{name}</a></li>'
                        for name in ("English", "Island Creole", "Sign Language"))
    script = _script_of(tmp_path, f"""<table class="infobox"><tr><th scope="row">
        Official languages</th><td><div class="plainlist"><ul>{languages}</ul></div></td></tr>
        {rows}</table><p>The island lies off the coast, a day's sail from the mainland.</p>""")
    said = [u["text"] for c in script["chapters"] for u in c["utterances"] if u["role"] == "table"]
    assert said[0] == "Official languages; English Island Creole Sign Language", said[0]


def test_script_reads_a_folder() -> None:
    result = run_cli("script", str(INPUT), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert sorted(json.loads(line)["source"] for line in result.stdout.splitlines()) == \
        [str(p) for p in SAMPLES]


def test_a_list_an_item_introduces_is_read_even_when_it_is_all_links(tmp_path: Path) -> None:
    """An item that says "In progress:" and a list of linked bug titles under it: the
    links are the item's content. A list whose only lead-in is a link (a menu's
    submenu) is still judged by its links."""
    bugs = "".join(f'<li><a href="/bug/{n}">Bug {n}: the player stalls when a tab '
                   f"is moved to another window number {n}</a></li>" for n in range(1, 4))
    script = _script_of(tmp_path, f"""<ul><li>The team met on Tuesday and agreed on the
        plan for the next release of the player.</li>
        <li>In progress:<ul>{bugs}</ul></li></ul>
        <ul><li><a href="/products">Products</a><ul>{bugs.replace("Bug", "Item")}</ul></li>
        </ul><p>The next meeting is on Friday, when the team will look at the bugs again.</p>""")
    items = [u["source_text"] for c in script["chapters"] for u in c["utterances"]
             if u["role"] == "list_item"]
    assert "Bug 2: the player stalls when a tab is moved to another window number 2" in items
    assert not any(item.startswith("Item") for item in items)


def test_a_short_paragraph_in_a_wrapper_of_its_own_is_read(tmp_path: Path) -> None:
    """A story whose paragraphs each sit in a div of their own: a line of dialogue
    is "too short" for readability-lxml, but it is a paragraph of the story. Labels
    set on a chart's picture, each in a div of its own, are still not read."""
    line = ("<div><div><span>“I can take the early train if you want to come along,” "
            "said Ana, who had been waiting by the door for an hour.</span></div></div>")
    chart = ('<div class="chart"><img src="debt.png" alt="">'
             + "".join(f"<div><p>{year}</p></div>" for year in ("’90", "’00", "’10"))
             + "</div>")
    script = _script_of(tmp_path, f"{line * 3}<div><div><span>“Gotcha.”</span></div></div>"
                                  f"{chart}{line.replace('Ana', 'Ben')}")
    texts = [u["source_text"] for c in script["chapters"] for u in c["utterances"]]
    assert "“Gotcha.”" in texts
    assert not any(year in texts for year in ("’90", "’00", "’10"))
