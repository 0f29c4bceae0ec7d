"""The extraction benchmark's measure: the words of Readability's expected HTML are
read as a page shows them, so that markup alone never counts as a word boundary."""
from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction import rendered_text, scores  # noqa: E402


def words(html: str) -> list[str]:
    return rendered_text(html).split()


def test_inline_elements_run_on_with_their_neighbours() -> None:
    assert words('<p><span class="dropcap">Z</span>imbabwe’s H<sub>ij</sub> '
                 '<span class="visually-hidden">Credit</span>Jo Bloggs</p>') == \
        ["Zimbabwe’s", "Hij", "CreditJo", "Bloggs"]


def test_blocks_line_breaks_and_cells_stand_apart() -> None:
    assert words("<div><h2>Title</h2><p>One.</p><p>Two<br>three</p>"
                 "<ul><li>a</li><li>b</li></ul><table><tr><td>c</td><td>d</td></tr></table>"
                 "</div>") == ["Title", "One.", "Two", "three", "a", "b", "c", "d"]


def test_images_give_their_alt_text_in_place() -> None:
    assert words('<p>before<img src="x.png" alt="A red kite">after<img src="y.png"></p>') == \
        ["before", "A", "red", "kite", "after"]


def test_a_drop_cap_is_one_word_to_the_score() -> None:
    page = "<p><span>Z</span>imbabwe’s president spoke on Sunday evening.</p>"
    assert scores("Zimbabwe’s president spoke on Sunday evening.", rendered_text(page)) == \
        (1.0, 1.0, 1.0)
