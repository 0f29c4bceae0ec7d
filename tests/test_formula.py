"""Formulas: a page's mathematics is shown as the TeX the page gives and said
in words (small pages written for the project, in the shapes that Wikipedia,
KaTeX and MathJax give them)."""
from __future__ import annotations

from pathlib import Path

import pytest

from audio_edition.read.formula import delimited, said
from audio_edition.pipeline import make_script

PROSE = ("A matrix that equals its own conjugate transpose is called Hermitian, after the "
         "mathematician who showed that its eigenvalues are always real numbers. ")


@pytest.mark.parametrize("tex, words", [
    (r"{\displaystyle a_{ij}={\overline {a_{ji}}}}", "a sub i j, equals a sub j i, bar"),
    (r"A^{\mathsf {H}}=A^{\dagger }", "A to the power H equals A dagger"),
    (r"x^{2}+y^{3}", "x squared plus y cubed"),
    (r"\sum_{k=1}^{n} \alpha_k", "the sum from k equals 1 to n of alpha sub k"),
    (r"\frac{a}{b}", "a over b"),
    (r"x = \frac{-b}{2a}", "x equals, the fraction minus b, over 2 a, end fraction"),
    (r"\sqrt{2}", "the square root of 2"),
    (r"(A+B)^{-1}", "open paren A plus B close paren to the power minus 1"),
    (r"\begin{bmatrix}1&0\\0&1\end{bmatrix}",
     "open bracket, the matrix with rows: 1, 0; 0, 1, end matrix, close bracket"),
    (r"\lim_{x \to 0} \Omega", "the limit as x to 0 of capital omega"),
    (r"\phi + \vartheta", "phi plus theta"),
    (r"\begin{matrix}x & = 1\\y & = 2\end{matrix}", "x equals 1; y equals 2"),  # lines
    (r"1\leq j<k", "1 is less than or equal to j is less than k"),
])
def test_a_formula_is_said_by_its_structure(tex: str, words: str) -> None:
    assert said(tex) == words


def _utterances(tmp_path: Path, body: str) -> list:
    page = tmp_path / "page.html"
    page.write_text(f'<html lang="en"><head><title>Hermitian matrices</title></head><body>'
                    f"<article><h1>Hermitian matrices</h1><p>{PROSE * 2}</p>{body}"
                    f"<p>{PROSE}</p></article></body></html>", encoding="utf-8")
    return [u for u in make_script(str(page)).utterances if u.role != "title"]


def test_a_formula_hidden_behind_its_picture_is_read_once(tmp_path: Path) -> None:
    """Wikipedia hides the MathML and shows a picture whose alt text screen readers
    are told to skip: the formula is read once, in its place in the sentence."""
    formula = (r'<span class="mwe-math-element"><span style="display: none;"><math '
               r'alttext="{\displaystyle A^{\mathsf {H}}}"><semantics><mrow><msup><mi>A</mi>'
               r'<mi>H</mi></msup></mrow><annotation encoding="application/x-tex">'
               r'{\displaystyle A^{\mathsf {H}}}</annotation></semantics></math></span>'
               r'<img src="f.svg" aria-hidden="true" alt="{\displaystyle A^{\mathsf {H}}}">'
               r'</span>')
    (said_,) = [u for u in _utterances(tmp_path, f"<p>Its transpose is written {formula}, "
                                                 "as the books write it.</p>")
                if "transpose" in u.source_text and "written" in u.source_text]
    # shown as its author wrote it, without the style wrapper the renderer added
    assert said_.source_text == r"Its transpose is written A^{\mathsf {H}}, as the books write it."
    assert said_.text == "Its transpose is written A to the power H, as the books write it."


def test_katex_and_mathjax_formulas_are_said_in_words(tmp_path: Path) -> None:
    """KaTeX gives the TeX in the MathML's annotation and hides its drawing from
    screen readers; a MathJax page may carry the TeX itself, between \\( and \\)."""
    katex = ('<span class="katex"><span class="katex-mathml"><math><semantics><mrow><msup>'
             '<mi>x</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">'
             'x^2</annotation></semantics></math></span><span class="katex-html" '
             'aria-hidden="true">x2</span></span>')
    texts = [u.text for u in _utterances(
        tmp_path, f"<p>The area grows as {katex} does.</p>"
                  r"<p>And the volume as \(x^3\) does.</p>")]
    assert "The area grows as x squared does." in texts
    assert "And the volume as x cubed does." in texts


def test_mathml_without_tex_and_code_are_read_as_they_stand(tmp_path: Path) -> None:
    """Near misses: MathML that gives no TeX is read as its text, as before; a
    regular expression in a code block is code, not a formula."""
    utterances = _utterances(
        tmp_path, "<p>The sum is <math><mi>a</mi><mo>+</mo><mi>b</mi></math> here.</p>"
                  r"<pre><code>pattern = re.compile(r'\(\d+\)')</code></pre>")
    assert "The sum is a+b here." in [u.source_text for u in utterances]
    (code,) = [u for u in utterances if u.role == "code"]
    assert code.source_text == r"pattern = re.compile(r'\(\d+\)')"


def test_only_a_wrapper_around_the_whole_formula_is_taken_off() -> None:
    assert delimited(r"{\displaystyle \{x\}}") == r"\(\{x\}\)"
    assert delimited(r"{\displaystyle {a}}{b}") == r"\({\displaystyle {a}}{b}\)"
    assert delimited("x^2", display=True) == r"\[x^2\]"


def test_tex_that_cannot_be_read_as_a_formula_is_read_as_its_letters() -> None:
    """Broken TeX, and TeX nested past Python's recursion limit, are no error."""
    assert said(r"\frac{a}{") == "a"
    assert said("x^{" * 3000 + "y" + "}" * 3000).startswith("x x x")


def test_unclosed_delimiters_cost_what_their_length_does() -> None:
    """20,000 unclosed \\( once took quadratic time (each looked for its closing one
    to the end of the text): four times as many now cost about four times as much
    (sixteen if quadratic), each the best of three runs timed here, and the formula
    after them is still found."""
    import time

    from audio_edition.read.formula import spoken

    def cost(count: int) -> tuple[float, str]:
        text = r"Text \( more " * count + r"and \[x^2\] at last"
        times = []
        for _ in range(3):
            started = time.perf_counter()
            said_ = spoken(text)
            times.append(time.perf_counter() - started)
        return min(times), said_

    many, words = cost(20_000)
    fewer, _ = cost(5_000)
    assert many < 8 * fewer, (many, fewer)
    assert words.endswith(r"Text \( more and x squared at last")


@pytest.mark.parametrize("text, shown, words", [
    ("The area is $$x^2$$ here.", "The area is x^2 here.", "The area is x squared here."),
    (r"Pairs \(a\) and \[b^3\] too.", "Pairs a and b^3 too.", "Pairs a and b cubed too."),
    # near misses: prices, a lone $$, an empty pair, and an unclosed opener stay text
    ("It costs $5, or $10 for two.", "It costs $5, or $10 for two.", "It costs $5, or $10 for two."),
    ("A lone $$ sign.", "A lone $$ sign.", "A lone $$ sign."),
    ("Empty $$$$ pair.", "Empty $$$$ pair.", "Empty $$$$ pair."),
    (r"Unclosed \( here.", r"Unclosed \( here.", r"Unclosed \( here."),
])
def test_mathjax_delimiters_mark_formulas(text: str, shown: str, words: str) -> None:
    """`$$...$$` is MathJax's default display delimiter, beside \\[ \\] and \\( \\)."""
    from audio_edition.read.formula import spoken, written

    assert (written(text), spoken(text)) == (shown, words)


def test_a_delimiter_inside_a_formulas_tex_cannot_end_it(tmp_path: Path) -> None:
    """An annotation holding \\) ended its formula early and the rest of its TeX was
    spelled as prose, backslashes and all: the TeX stays one formula."""
    formula = ('<math><semantics><mrow><mi>a</mi></mrow><annotation encoding="application/x-tex">'
               r'a\) b \(c $$d</annotation></semantics></math>')
    (said_,) = [u for u in _utterances(tmp_path, f"<p>The value {formula} is small.</p>")
                if u.source_text.startswith("The value")]
    assert said_.source_text == "The value a) b (c $ $d is small."
    assert "\\" not in said_.text and said_.text.startswith("The value a close paren b")
    assert said_.text.endswith(" is small.")


def test_a_formula_of_macros_is_still_said() -> None:
    """A chain of \\newcommand doubling at each step is past what latex2mathml
    expands: the formula is said as written after its definitions, not as a few
    stray letters; a short definition is expanded as before (near miss)."""
    names = ["\\m" + "z" * index for index in range(10)]
    tex = ("\\newcommand{%s}{x}" % names[0]
           + "".join("\\newcommand{%s}{%s%s}" % (names[i], names[i - 1], names[i - 1])
                     for i in range(1, 10)) + names[-1] + "+1=y")
    assert said(tex) == "mzzzzzzzzz plus 1 equals y"
    assert said(r"\newcommand{\R}{x}\R^2") == "x squared"
    assert said(r"\def\f#1{#1^2}\f{y}") == "y squared"


def test_a_command_it_does_not_know_is_said_without_its_backslash() -> None:
    """\\input reads no file, rightly, and no voice should say a backslash either."""
    assert said(r"x + \input{file}") == "x plus input f i l e"
    assert said(r"\input{file}", english=False) == "input f i l e"
