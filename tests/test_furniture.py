"""Furniture that survives extraction is not read, recognised by what it is; and
nothing is said twice (the headline, a caption, a teaser). Small pages written
for the project, each with a real article around the furniture."""
from __future__ import annotations

from pathlib import Path

import pytest

from audio_edition.read.furniture import furniture, is_toolbar, strip_credit, strip_declared_credit
from audio_edition.pipeline import make_script

BODY = [
    "The orchard on the hill was planted by the village school forty years ago, and the "
    "pupils still prune it every February with the help of two retired gardeners.",
    "Most of the trees are old pear varieties that grew in the valley before the war, "
    "grafted from the last trees standing beside abandoned farmhouses.",
    "This year the harvest was the largest on record, and the school sold the surplus at "
    "the market to pay for new ladders and a cider press.",
]


def _page(tmp_path: Path, extra: str, title: str = "The School Orchard") -> Path:
    first, *rest = [f"<p>{p}</p>" for p in BODY]
    html = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f"</head><body><main><article><h1>{title}</h1>{first}{extra}{''.join(rest)}"
            "</article></main></body></html>")
    path = tmp_path / "page.html"
    path.write_text(html)
    return path


def _spoken(path: Path) -> list[str]:
    return [u.source_text for u in make_script(str(path)).utterances]


@pytest.mark.parametrize("furniture_html, gone", [
    ('<ul class="tools"><li><a href="#">Share</a></li><li><a href="#">Print Article</a></li>'
     '<li><a href="#">Order Reprints</a></li><li><a href="#">Text size</a></li></ul>',
     ["Share", "Print Article", "Order Reprints"]),
    ('<ul class="viewer"><li>Share on Facebook</li><li>3 of 12</li><li>Close</li>'
     "<li>Fullscreen</li><li>Thumbnails</li></ul>", ["3 of 12", "Fullscreen", "Thumbnails"]),
    ("<p>We've detected you are on Internet Explorer. For the best experience, please update "
     "your browser.</p>", ["Internet Explorer"]),
    ("<p>This copy is for your personal, non-commercial use only.</p>", ["non-commercial"]),
    ("<p>Dein Browser ist leider veraltet. Lade einen neueren herunter.</p>", ["veraltet"]),
    ("<p>Read more: Ten ways to keep a pear tree healthy</p>", ["Ten ways"]),
    ("<p>Lea más: Los mejores huertos escolares del país</p>", ["huertos"]),
    ('<div role="note">Main article: <a href="/wiki/Pear">Pear</a></div>', ["Main article"]),
    ("<p>*Werbung. Dieser Beitrag enthält Werbung für eine Baumschule.</p>", ["Baumschule"]),
    ("<p>This entry was posted in Orchard News and tagged pears, pruning, school by Jo "
     "Smith. Bookmark the permalink.</p>", ["Bookmark"]),
    ("<p>Credit: Getty Images</p>", ["Getty"]),
    ("<p>Advertisement</p>", ["Advertisement"]),
    ("<p>Pupils on ladders in the pear trees. © AFP / Jo Smith</p>", ["Jo Smith"]),
    ("<p>The first blossom of the year | © Valley Gazette/Jo Smith</p>", ["Jo Smith"]),
    ("<h2>Advertisement</h2>", ["Advertisement"]),
    ("<h3>71 Comments</h3>", ["Comments"]),
    ("<p>12 Comments</p>", ["Comments"]),
    ("<p>19.6.2026 9:40 Uhr Jo Smith 71 Kommentare</p>", ["Kommentare", "Jo Smith"]),
    ("<p>View this image ›</p>", ["View this image"]),
    ("<p>Continue reading »</p>", ["Continue reading"]),
    ("<p>Updated: 11.04.2026, 10:27</p>", ["Updated", "10:27"]),
    ("<p>Stand: 5. Februar 2026</p>", ["Stand:", "Februar 2026"]),
    ("<p>Published March 5, 2026 at 9:30 a.m. EST</p>", ["Published"]),
    ("<p>Like Loading...</p>", ["Loading"]),
    ("<p>4.6 out of 5 stars (212 ratings)</p>", ["stars"]),
    ("<p>(No ratings yet)</p>", ["ratings"]),
    ("<p>Follow the Valley Gazette (@valleygazette) on Twitter for more stories like this.</p>",
     ["Twitter"]),
    ("<p>Folgen Sie uns auf Instagram und Facebook.</p>", ["Instagram"]),
    ("<p>Get our newsletter: sign up here and never miss a story from the valley.</p>",
     ["newsletter"]),
    ("<p>Síguenos en Telegram y Facebook para recibir nuestras noticias.</p>", ["Telegram"]),
    ("<p>¡Mira lo que tiene nuestro canal de YouTube!</p>", ["YouTube"]),
    ("<p>Subscribe now to our digital edition for the full story.</p>", ["digital edition"]),
    ("<p>Never miss a story from the valley by signing up to our newsletter today!</p>",
     ["newsletter"]),
    ("<p>Lesen Sie hier: Der Obstgarten der Nachbarschule wird hundert Jahre alt</p>",
     ["Obstgarten"]),
    ("<p>Crédits photos : Jo Smith</p>", ["Jo Smith"]),
    ("<p>(Alle Angaben ohne Gewähr)</p>", ["Gewähr"]),
    ("<p>You are not logged in.</p>", ["logged in"]),
    ('<p><a href="/news">Zurück zur Listenansicht</a></p>', ["Listenansicht"]),
    ('<p><a href="?page=all">Auf einer Seite lesen</a></p>', ["einer Seite"]),
    ('<p><a href="#top">Back to top</a></p>', ["Back to top"]),
    ('<div class="player-settings"><label>Font Size</label><select><option>50%</option>'
     "</select><label>Text Edge Style</label><select><option>None</option></select><label>"
     "Font Family</label><select><option>Serif</option></select></div>", ["Font", "Edge Style"]),
    ('<h2><a href="/pears">Read also: Ten ways to keep a pear tree healthy</a></h2>',
     ["Ten ways"]),
    ('<h3>MIRE: <a href="/huerto">El huerto escolar cumple cien años</a></h3>', ["huerto"]),
    ("<p>Keine Kommentare (Kommentare erscheinen nach unserer Freigabe)</p>", ["Kommentare"]),
    ("<p>Leave a Reply</p>", ["Leave a Reply"]),
    ("<p>This page contains affiliate links. If you buy through them, we may earn a small "
     "commission at no extra cost to you. Our picks are our own and no brand pays for a place "
     "in them.</p>", ["affiliate", "Our picks"]),
    ("<p>© 2026 The Valley Gazette. This article is the property of the Gazette. Written "
     "permission must be obtained before it is reprinted in print or online media, and every "
     "copy must name the Gazette as its source.</p>", ["Written permission"]),
])
def test_furniture_is_not_read(tmp_path: Path, furniture_html: str, gone: list[str]) -> None:
    spoken = " ".join(_spoken(_page(tmp_path, furniture_html)))
    for words in gone:
        assert words not in spoken
    assert all(p[:40] in spoken for p in BODY)  # the article, all of it


def test_the_image_is_described_once_and_its_credit_is_not_read(tmp_path: Path) -> None:
    figure = ('<figure><img src="a.jpg" alt="Pupils on ladders in the pear trees">'
              "<figcaption>Pupils on ladders in the pear trees. Photo: Jo Smith/AP</figcaption></figure>")
    spoken = _spoken(_page(tmp_path, figure * 3))
    images = [s for s in spoken if "Pupils on ladders" in s]
    assert images == ["Pupils on ladders in the pear trees."]
    assert not any("Jo Smith" in s for s in spoken)


def test_a_picture_in_a_link_beside_its_caption_is_described(tmp_path: Path) -> None:
    """A wiki's thumbnail: the picture sits in a link to its file page, its caption in a
    block beside it; both are read, the description first, as the page shows them."""
    thumb = ('<div class="thumb"><div class="thumbinner"><a href="/wiki/File:Orchard.jpg" '
             'class="image"><img src="orchard.jpg" alt="Rows of pear trees on a grassy slope">'
             '</a><div class="thumbcaption">The orchard in its fortieth spring.</div></div></div>')
    spoken = _spoken(_page(tmp_path, thumb))
    at = spoken.index("Rows of pear trees on a grassy slope.")
    assert spoken[at + 1] == "The orchard in its fortieth spring."


@pytest.mark.parametrize("image_html, credit", [
    ('<img src="a.jpg" alt="Pupils pick pears on the hill. Foto: Jo Smith/cc by sa 2.0">',
     "Jo Smith"),
    ("<figure><img src='a.jpg' alt=''><figcaption>Pupils pick pears on the hill. | "
     "© Jo Smith/Getty Images</figcaption></figure>", "Getty"),
    ("<figure><img src='a.jpg' alt=''><figcaption>Pupils pick pears on the hill "
     "(REUTERS/Jo Smith).</figcaption></figure>", "REUTERS"),
    ("<figure><img src='a.jpg' alt=''><figcaption>Pupils pick pears on the hill. "
     "(Quelle: Jo Smith/Unsplash).</figcaption></figure>", "Unsplash"),
    ("<figure><img src='a.jpg' alt='Pupils pick pears on the hill.'>"
     "<figcaption>iStock.com</figcaption></figure>", "iStock"),
])
def test_a_credit_in_an_images_text_is_not_read(tmp_path: Path, image_html: str,
                                                credit: str) -> None:
    """Credits end captions and alternative texts alike, in several forms."""
    spoken = _spoken(_page(tmp_path, image_html))
    assert "Pupils pick pears on the hill." in spoken
    assert not any(credit in s for s in spoken)


def test_a_captioned_picture_between_parts_of_the_article_is_described(tmp_path: Path) -> None:
    """A picture set between two columns of the article (lazy, no image yet) is part of
    it, though it scores nothing as text; a picture after the article's last part is not."""
    def column(texts: list[str]) -> str:
        return '<div class="body-column"><div>' + "".join(f"<p>{t} {t}</p>" for t in texts) + \
            "</div></div>"

    def picture(caption: str) -> str:
        return ('<div class="viewer"><figure><span>Image</span><div class="lazy"></div>'
                f"<figcaption>{caption}<span>Credit: Jo Smith</span></figcaption></figure></div>")

    section = (column(BODY) + picture("Pupils pruning the pear trees in February.")
               + column(BODY[::-1]) + picture("The Gazette on paper, every Saturday."))
    path = _document(tmp_path / "columns.html", f'<h1>Orchard</h1><section class="s1">{section}'
                     '</section><div class="footer">About the Gazette</div>', title="Orchard")
    spoken = _spoken(path)
    assert spoken.count("Pupils pruning the pear trees in February.") == 1
    assert spoken.index("Pupils pruning the pear trees in February.") == 4  # in its place
    assert not any("Jo Smith" in s or "every Saturday" in s for s in spoken)


def test_a_picture_in_a_list_item_is_described_once(tmp_path: Path) -> None:
    """A list item may hold a picture: its description is read after the item's text,
    and not when the item says it already."""
    items = ('<ul><li>Prune the pears in February.<ul><li><img src="a.jpg" alt="A pear tree '
             'cut back to five branches"><p>Five branches are enough.</p></li></ul></li>'
             '<li><img src="b.jpg" alt="Grafting tape"> Grafting tape</li></ul>')
    spoken = _spoken(_page(tmp_path, items))
    at = spoken.index("Five branches are enough.")
    assert spoken[at + 1] == "A pear tree cut back to five branches."
    assert sum("Grafting tape" in s for s in spoken) == 1


def test_a_linked_gloss_is_part_of_its_sentence(tmp_path: Path) -> None:
    """A link whose class sounds like page chrome ("popup", "sidebar") inside a
    sentence is words of the sentence: only blocks are chrome."""
    gloss = ('<p>The oldest tree is a <a class="popup" href="#n1">Williams pear</a> that '
             'the first pupils planted by the gate, and it still gives a full crop.</p>')
    assert ("The oldest tree is a Williams pear that the first pupils planted by the gate, "
            "and it still gives a full crop.") in _spoken(_page(tmp_path, gloss))


def test_where_a_link_opens_is_not_read(tmp_path: Path) -> None:
    """A link's hint for screen readers ("Opens a new window", "(opens in new tab)")
    says where it opens, not what the sentence says; a link whose words only mention
    a window is read."""
    hints = ('<p>The gardeners <a href="/r">said<span class="icon">Opens a new window</span>'
             '</a> that the pears were <a href="/p">ripe early (opens in new tab)</a> this '
             'year, and the <a href="/w">new window of the barn</a> let the apples dry.</p>')
    assert ("The gardeners said that the pears were ripe early this year, and the new window "
            "of the barn let the apples dry.") in _spoken(_page(tmp_path, hints))


def test_a_wikis_edit_link_is_not_part_of_the_heading(tmp_path: Path) -> None:
    """"Pruning[edit]" would name a chapter "Pruning edit"; words in brackets that
    are not only links stay ("Harvest [1990]")."""
    headings = ('<h2>Pruning<span class="editsection"><span>[</span><a href="?action=edit">'
                'edit</a><span>]</span></span></h2><p>' + BODY[1] + '</p>'
                '<h2>Harvest <span>[1990]</span></h2>')
    script = make_script(str(_page(tmp_path, headings)))
    assert [c.title for c in script.chapters][1:] == ["Pruning", "Harvest [1990]"]


def test_a_short_command_in_its_wrapper_is_kept(tmp_path: Path) -> None:
    """Documentation wraps each code block in divs for its highlighter; a command of
    a few characters is not "too short" to be part of the article."""
    steps = "".join(f"<p>{p} {p}</p>" for p in BODY)
    body = (f'<div class="docs">{steps}<div class="highlight-shell"><div class="highlight">'
            f"<pre>$ orchard init</pre></div></div>{steps}</div>")
    path = _document(tmp_path / "docs.html", f"<h1>Orchard</h1>{body}", title="Orchard")
    assert [u.source_text for u in make_script(str(path)).utterances
            if u.role == "code"] == ["$ orchard init"]


def test_a_file_name_beside_a_caption_is_not_read(tmp_path: Path) -> None:
    """An image whose alternative text is its file name and that has a caption is
    described by the caption alone."""
    figure = ("<figure><img src='a.jpg' alt='IMG_0042_pears.JPG'><figcaption>Pupils sorting "
              "the pears by size</figcaption></figure>")
    spoken = _spoken(_page(tmp_path, figure))
    assert "Pupils sorting the pears by size." in spoken
    assert not any("IMG_0042" in s for s in spoken)


def test_a_caption_about_copyright_is_read(tmp_path: Path) -> None:
    figure = ("<figure><img src='a.jpg' alt=''><figcaption>A copyright notice painted on the "
              "orchard gate</figcaption></figure>")
    assert "A copyright notice painted on the orchard gate." in _spoken(_page(tmp_path, figure))


def test_a_label_that_opens_links_to_other_pages_is_not_read(tmp_path: Path) -> None:
    """"Read more" and "Lesen Sie auch:" open links to other pages: neither the
    label nor its list of links is read, and the label opens no chapter."""
    related = ('<h2>Related</h2><ul><li><a href="/a">Rain returns to the valley</a></li>'
               '<li><a href="/b">The old bridge reopens</a></li></ul>'
               '<p>Lesen Sie auch die folgenden Beiträge:</p>'
               '<ul><li><a href="/c">Church choir wins a prize</a></li></ul>'
               '<p>Zum Weiterlesen:</p><ul><li><a href="/d">Obstbäume im Winter</a></li></ul>'
               '<h3>Most read</h3><ul><li><a href="/e">Ferry timetable changes</a></li></ul>')
    script = make_script(str(_page(tmp_path, related)))
    spoken = " ".join(u.source_text for u in script.utterances)
    for gone in ("Related", "Rain returns", "bridge", "Lesen Sie", "choir", "Weiterlesen",
                 "Obstbäume", "Most read", "Ferry"):
        assert gone not in spoken
    assert all(p[:40] in spoken for p in BODY)
    assert [c.title for c in script.chapters if c.title == "Related"] == []


def test_what_follows_a_related_label_that_is_not_links_is_read(tmp_path: Path) -> None:
    """A label whose links were cleaned away leaves the article's prose after it."""
    near = ("<h2>More stories</h2><p>Next spring the pupils will plant a row of quince trees "
            "along the lane.</p><h2>Watch the birds</h2><p>Blackbirds eat the windfalls.</p>"
            "<ul><li>Related to the pear, the quince is hardier.</li></ul>")
    spoken = " ".join(_spoken(_page(tmp_path, near)))
    assert "More stories" not in spoken
    assert "a row of quince trees" in spoken
    assert "Watch the birds" in spoken and "Blackbirds eat the windfalls." in spoken
    assert "Related to the pear" in spoken


def test_an_image_whose_alternative_text_describes_nothing_is_not_announced(tmp_path: Path) -> None:
    """"line" or "image" says only that there is an image; a real description
    that starts with such a word is read."""
    images = ('<img src="rule.png" alt="line"><img src="x.jpg" alt="---">'
              '<img src="p.jpg" alt="Image">'
              '<img src="q.jpg" alt="A line of pupils under the trees">')
    spoken = _spoken(_page(tmp_path, images))
    assert [s for s in spoken if "line" in s.casefold() or "-" in s] == [
        "A line of pupils under the trees."]
    assert "Image" not in spoken and "Image." not in spoken


def test_the_headline_is_not_read_again(tmp_path: Path) -> None:
    spoken = _spoken(_page(tmp_path, "<p>The School Orchard</p>"))
    assert spoken.count("The School Orchard") == 1  # the title, once


def test_an_image_or_paragraph_saying_a_heading_again_is_not_read(tmp_path: Path) -> None:
    """A standfirst set as a heading, then as the picture's alternative text (its
    quotes straight, not curly) and as a paragraph: said once, as the heading."""
    heading = "The pupils say the pears were \u201cthe sweetest in years\u201d this autumn"
    again = heading.replace("\u201c", '"').replace("\u201d", '"')
    spoken = _spoken(_page(tmp_path, f'<h2>{heading}</h2><img src="a.jpg" alt=\'{again}\'>'
                                      f"<p>{again}.</p>"))
    assert [s for s in spoken if "sweetest" in s] == [heading]


def test_a_picture_described_by_the_long_step_before_it_is_not_described_again(
        tmp_path: Path) -> None:
    """A recipe's step and its photo, whose alternative text is the whole step again:
    the step is read, the photo not described with it a second time. A long paragraph
    said twice by the author is still read twice (`..._is_the_authors_choice`)."""
    step = ("Heat the oven to 180 degrees, butter the bottom of the tin with a pastry brush "
            "and line it with baking paper so that the cake comes out whole after baking.")
    spoken = _spoken(_page(tmp_path, f'<p>{step}</p><img src="step1.jpg" alt="{step}">'))
    assert spoken.count(step) == 1


def test_what_is_only_seen_is_not_read(tmp_path: Path) -> None:
    """A ruby text's reading aid, an icon font's ligature name and a soft hyphen
    are for the eye: the voice reads the words once and whole."""
    extra = ("<p>The <ruby>果樹園<rp>(</rp><rt>kajuen</rt><rp>)</rp></ruby> "
             "sign came from the twin school in Japan.</p>"
             '<p><i class="material-icons">expand_more</i> Harvest notes of the pupils</p>'
             "<p>The pupils call it the Ap\u00adfel\u00adbaum\u00adwiese.</p>")
    spoken = " ".join(_spoken(_page(tmp_path, extra)))
    assert "The 果樹園 sign came" in spoken and "kajuen" not in spoken
    assert "expand_more" not in spoken and "Harvest notes of the pupils" in spoken
    assert "the Apfelbaumwiese." in spoken


def test_near_misses_are_read(tmp_path: Path) -> None:
    """Prose about the same things is content: only labels are furniture."""
    near = ("<p>Advertisement of the harvest festival was left to the pupils, who painted "
            "posters for every shop window in the village.</p>"
            "<p>Read more books about fruit trees, the head teacher tells every new class.</p>"
            "<ul><li>Share the ladders fairly.</li><li>Print the pruning rota.</li></ul>"
            "<p>On 5 March 2026 the first blossom opened.</p>"
            "<p>The cider got 4 out of 5 stars from the judges.</p>"
            "<p>Our verdict: 4.5 out of 5 stars</p>"
            "<p>The head teacher said she would follow the debate about the orchard on Twitter.</p>"
            "<p>Anna Reed teaches biology at the school. Follow her on Twitter.</p>"
            "<p>The agent who sold the field took a commission of three per cent.</p>"
            "<p>Affiliate links let garden bloggers earn from the tools they recommend.</p>"
            "<h2>More in common than the pupils thought</h2>"
            "<p>Wer nicht eingeloggt ist, sieht nur die Hälfte der Fotos vom Obstgarten.</p>"
            "<p>Back to school</p><p>The pupils return on the first Monday of September.</p>"
            "<p>No comments about the orchard were made by the mayor, who left early.</p>"
            "<ol><li>Download the pruning app from the App Store.</li>"
            "<li>Follow these steps to share your photos on Facebook.</li></ol>"
            "<p>The posters were posted in every shop, and the entry was free.</p>"
            "<p>Lea: Ich pflanze jedes Jahr einen Birnbaum mit meiner Klasse.</p>"
            "<p>Mira cómo crecen los perales del huerto en primavera.</p>"
            "<p>The cider label carries the © sign and the year it was pressed.</p>"
            "<p>On 5 March 2026 the pupils wrote 12 comments.</p>")
    spoken = " ".join(_spoken(_page(tmp_path, near)))
    assert "The posters were posted in every shop" in spoken
    assert "Lea: Ich pflanze jedes Jahr" in spoken  # a name in an interview, not "Read:"
    assert "Mira cómo crecen los perales" in spoken  # no channel of the site's
    assert "On 5 March 2026 the first blossom opened." in spoken
    assert "4 out of 5 stars from the judges" in spoken
    assert "Our verdict: 4.5 out of 5 stars" in spoken  # a review's verdict, not a widget
    assert "follow the debate about the orchard on Twitter" in spoken
    assert "Anna Reed teaches biology" in spoken  # a bio is not a call to follow
    assert "took a commission of three per cent" in spoken
    assert "Affiliate links let garden bloggers" in spoken  # prose about them, not a notice
    assert "More in common than the pupils thought" in spoken
    assert "Wer nicht eingeloggt ist" in spoken
    assert "Back to school" in spoken
    assert "No comments about the orchard" in spoken
    assert "Download the pruning app" in spoken  # instructions, not a call to follow
    assert "Follow these steps" in spoken
    assert "posters for every shop window" in spoken
    assert "Read more books about fruit trees" in spoken
    assert "Share the ladders fairly." in spoken and "Print the pruning rota." in spoken
    assert "carries the © sign and the year it was pressed." in spoken  # a sentence, no credit
    assert "the pupils wrote 12 comments." in spoken  # a sentence, not a line of facts


TEASERS = [("/valley/rain-returns", "Rain returns to the valley",
            "Farmers welcome the first wet week since June."),
           ("/valley/bridge-reopens", "The old bridge reopens",
            "Repairs took two years and most of the parish budget."),
           ("/valley/choir-prize", "Church choir wins a prize",
            "Forty singers travelled to the city for the final.")]


def test_teaser_cards_of_other_stories_are_not_read(tmp_path: Path) -> None:
    """Cards of other stories (a linked headline and a standfirst), here in the
    middle of the article, are furniture, however the site names them."""
    cards = "".join(f'<div><h3><a href="{href}">{headline}</a></h3><p>{standfirst}</p></div>'
                    for href, headline, standfirst in TEASERS)
    spoken = " ".join(_spoken(_page(tmp_path, f'<div class="x1">{cards}</div>')))
    for _, headline, standfirst in TEASERS:
        assert headline not in spoken and standfirst not in spoken
    assert all(p[:40] in spoken for p in BODY)


def test_linked_headings_that_are_the_article_are_read(tmp_path: Path) -> None:
    """Near misses: a list of items whose headings link to a shop is the page's
    content when the items are most of it, headings too; a heading's anchor to
    itself is no link away."""
    items = "".join(f'<section><h2><a href="/shop/{n}">{name}</a></h2><p>{text}</p></section>'
                    for n, (name, text) in enumerate([
                        ("A pruning saw", "Buy one with a curved blade and a folding handle, "
                         "so it fits in a coat pocket on the ladder."),
                        ("Grafting tape", "The stretchy kind seals a cut for a whole season "
                         "and splits by itself as the branch grows."),
                        ("A picking pole", "A long pole with a cloth bag reaches the pears "
                         "at the top of the tree without a ladder.")]))
    path = tmp_path / "list.html"
    path.write_text('<!DOCTYPE html><html lang="en"><head><title>Three Tools</title></head><body>'
                    f"<article><h1>Three Tools</h1><p>{BODY[0]}</p>{items}</article></body></html>")
    spoken = " ".join(_spoken(path))
    assert all(words in spoken
               for words in ("folding handle", "splits by itself", "without a ladder"))
    assert all(name in spoken for name in ("A pruning saw", "Grafting tape", "A picking pole"))
    anchored = "".join(f'<section><h2><a href="#s{n}">Section {n}</a></h2><p>{p}</p></section>'
                       for n, p in enumerate(BODY))
    path.write_text('<!DOCTYPE html><html lang="en"><head><title>Orchard</title></head><body>'
                    f"<article><h1>Orchard</h1>{anchored}</article></body></html>")
    spoken = " ".join(_spoken(path))
    assert "Section 1" in spoken and all(p[:40] in spoken for p in BODY)
    signs = "".join(f'<h2>Part {n}<a class="headerlink" href="#p{n}">{sign}</a></h2><p>{p}</p>'
                    for n, (sign, p) in enumerate(zip(("¶", "#", "🔗"), BODY)))
    path.write_text('<!DOCTYPE html><html lang="en"><head><title>Orchard</title></head><body>'
                    f"<article><h1>Orchard</h1>{signs}</article></body></html>")
    assert [s for s in _spoken(path) if s.startswith("Part")] == ["Part 0", "Part 1", "Part 2"]


#: The article with paragraphs twice as long: more words than any furniture beside it.
LONG_BODY = "".join(f"<p>{p} {p}</p>" for p in BODY)


def _document(path: Path, body: str, title: str = "The School Orchard") -> Path:
    path.write_text(f'<!DOCTYPE html><html lang="en"><head><title>{title}</title></head>'
                    f"<body>{body}</body></html>")
    return path


def test_an_article_inside_a_page_wide_form_is_read(tmp_path: Path) -> None:
    """Some sites build the whole page as one form (ASP.NET): the form is a wrapper,
    not a form to fill in; a real form beside the article is still not read."""
    path = _document(tmp_path / "form.html",
                     '<h1>The School Orchard</h1><form id="aspnetForm" method="post">'
                     f'<div class="story">{LONG_BODY}</div></form>'
                     '<form><label>Your e-mail address for our weekly letter</label>'
                     '<input name="email"></form>')
    spoken = " ".join(_spoken(path))
    assert all(p[:40] in spoken for p in BODY)
    assert "weekly letter" not in spoken
    posts = "".join(f'<div class="post">{p} {p} {p} {p}</div>' for p in BODY)  # a forum: no <p>
    _document(path, f'<h1>Pruning</h1><form id="aspnetForm">{posts}</form>', "Pruning")
    assert all(p[:40] in " ".join(_spoken(path)) for p in BODY)


def test_an_article_swallowed_by_a_menu_is_read(tmp_path: Path) -> None:
    """An unclosed element of a menu (or a banner) can hold the whole page: the
    menu is then a wrapper; a menu of teasers beside the article is still not read."""
    path = _document(tmp_path / "menu.html",
                     '<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a>'
                     f'<article><h1>The School Orchard</h1>{LONG_BODY}</article></li></ul></nav>'
                     '<div class="about"><p>The Valley Gazette has reported on the villages of '
                     'the valley since 1921, and is written by volunteers from every parish.</p>'
                     '</div>')
    assert all(p[:40] in " ".join(_spoken(path)) for p in BODY)
    teasers = "".join(f"<p>{p}</p>" for p in BODY[:2])  # fewer words than the article
    _document(path, f'<nav><h1>Our town</h1>{teasers}</nav>'
                    f'<main><h2>The School Orchard</h2>{LONG_BODY}</main>')
    spoken = _spoken(path)
    assert "Our town" not in spoken and BODY[0] not in spoken  # not the menu's copy...
    assert f"{BODY[0]} {BODY[0]}" in spoken  # ...the article's own


def test_a_long_paragraph_said_twice_is_the_authors_choice(tmp_path: Path) -> None:
    spoken = _spoken(_page(tmp_path, f"<p>{BODY[0]}</p>"))
    assert spoken.count(BODY[0]) == 2


def test_a_short_sentence_of_a_story_said_again_is_read_a_caption_is_not(tmp_path: Path) -> None:
    """"He stared at the trees." may come twice in a story; a caption or a line that is
    no sentence said again is a repeat of the page's, not the author's."""
    line = "He stared at the trees."
    caption = "Pupils on ladders in the pear trees"
    spoken = _spoken(_page(tmp_path, f"<p>{line}</p><p>{caption}</p><p>{line}</p>"
                                     f"<figure><figcaption>{caption}.</figcaption></figure>"
                                     f"<p>{caption}</p>"))
    assert spoken.count(line) == 2
    assert [s for s in spoken if s.startswith("Pupils on ladders")] == [caption]


def test_rules() -> None:
    assert furniture("Photo: Ann Lee, AP") == "image credit"
    assert furniture("Lire aussi : Les vergers de Normandie") == "teaser of another page"
    assert furniture("Lesen Sie auch: Wie man Birnen schneidet") == "teaser of another page"
    assert furniture("© 2026 The Valley Gazette. All rights reserved.") == "notice"
    assert furniture("Please enable JavaScript to view the comments.") == "notice"
    assert furniture("Werbung") == "advertising label"
    assert furniture("The photo: a pear tree in bloom, taken at dawn by a pupil.") is None
    assert furniture("Related to the pear, the quince is hardier.") is None
    assert furniture("« Les poires d'abord »") is None  # a French quotation, not a link
    assert furniture("Pears, apples and quinces all ripen in the same week of September »") is None
    assert is_toolbar(["Facebook", "Twitter", "E-mail", "Print"])
    assert not is_toolbar(["Facebook", "Pears grow slowly."])
    assert strip_credit("A pear tree. (Photo: Jo Smith)") == "A pear tree."
    assert strip_credit("Photo: Jo Smith") == "Photo: Jo Smith"


def test_an_xhtml_page_with_an_xml_declaration_is_read(tmp_path: Path) -> None:
    path = tmp_path / "page.xhtml"
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
                    f'lang="en"><head><title>The School Orchard</title></head><body><article>'
                    f"<h1>The School Orchard</h1>{paragraphs}</article></body></html>")
    assert all(p in _spoken(path) for p in BODY)


STEPS = [
    ("Cut each graft in spring, when the buds are swelling but have not yet opened, and keep "
     "the cut ends wrapped in damp cloth until you are ready to join them.", "Cutting the graft"),
    ("Make a sloping cut on the rootstock the same length as the cut on the graft, so that the "
     "two green layers under the bark meet along the whole of their length.", "The sloping cut"),
    ("Bind the two pieces together firmly with grafting tape, starting below the join and "
     "winding upwards, and seal the top of the graft against the rain.", "Binding the join"),
]


def test_a_steps_picture_beside_its_text_is_described_without_its_credit(tmp_path: Path) -> None:
    """A how-to sets each step's text and picture side by side in a wrapper of its own;
    the steps' texts are joined as one article, and each picture comes with its step,
    its caption (set apart from its figure) said once, without the credit the picture
    declares. A picture in a box beside the article is still not read."""
    steps = "".join(
        f'<div class="step"><div class="step-body"><div class="content"><p>Step {n}</p>'
        f"<p>{text}</p></div>"
        f'<figure class="thumb"><img src="{n}.jpg" alt="{alt}" data-credit="Jo Smith"></figure>'
        f'<figcaption class="caption">{alt} (Jo Smith)</figcaption></div></div>'
        for n, (text, alt) in enumerate(STEPS, 1))
    path = _document(tmp_path / "steps.html",
                     f'<h1>Grafting a pear tree</h1><div class="article-content">{steps}</div>'
                     '<div class="sidebar"><figure><img src="shop.jpg" alt="Our garden shop">'
                     "</figure></div>", title="Grafting a pear tree")
    spoken = _spoken(path)
    for n, (text, alt) in enumerate(STEPS, 1):
        assert spoken[spoken.index(text) + 1] == f"{alt}."
    assert not any("Jo Smith" in s or "garden shop" in s for s in spoken)


@pytest.mark.parametrize("caption, kept", [
    ("Binding the join (Jo Smith)", "Binding the join"),
    ("Credit Jo Smith", ""),
    ("Binding the join. Photo: Jo Smith", "Binding the join."),
    # near miss: the photographer named in the caption's sentence is a word of it
    ("Jo Smith binds the join", "Jo Smith binds the join"),
])
def test_the_credit_a_picture_declares_is_left_out_of_its_caption(caption: str,
                                                                   kept: str) -> None:
    assert strip_declared_credit(caption, ["Jo  Smith"]) == kept


RELEASES = "".join(f'<tr><td><a href="/releases/{v}.html">{v}</a></td><td>{month} 2025</td></tr>'
                   for v, month in (("4.2.3", "April"), ("4.2.4", "May"), ("4.3.0", "July"),
                                    ("4.3.1", "August")))


def test_a_data_table_whose_first_column_links_its_rows_is_read(tmp_path: Path) -> None:
    """A table with header cells whose first cell of every row is a link (a version,
    a name) is data, as Readability.js keeps it; a table of other stories' linked
    headlines under a header is not read."""
    table = f'<table><tr><th>Release</th><th>Date</th></tr>{RELEASES}</table>'
    others = ('<table><tr><th>More from the Gazette</th></tr>' + "".join(
        f'<tr><td><a href="/story/{n}.html">{headline}</a></td></tr>' for n, headline in
        enumerate(("Bridge repairs start in May", "School choir tours the coast",
                   "New bus timetable announced", "Library extends opening hours"))) + "</table>")
    spoken = _spoken(_page(tmp_path, f"<p>The orchard's records list every release:</p>"
                                     f"{table}{others}"))
    start = spoken.index("The orchard's records list every release:")
    assert spoken[start + 1:start + 4] == ["Release; Date", "4.2.3; April 2025", "4.2.4; May 2025"]
    assert not any("Bridge repairs" in s or "More from the Gazette" in s for s in spoken)


def test_a_heading_named_after_its_own_words_is_read(tmp_path: Path) -> None:
    """A heading's anchor spelled from its text says nothing of what it is: "tool" in
    it is a word of the heading, not a tool bar's name. A heading whose id says what
    it is (comments) is still not read."""
    heading = "Pruning tools for small hands"
    extra = (f'<h2 id="{heading.lower().replace(" ", "-")}">{heading}</h2><p>{BODY[1]}</p>'
             '<h2 id="comments">Leave a reply</h2>')
    spoken = _spoken(_page(tmp_path, extra))
    assert heading in spoken
    assert "Leave a reply" not in spoken
