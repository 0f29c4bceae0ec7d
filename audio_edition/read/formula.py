"""Formulas: the mathematics of a page, read as words.

A page that typesets mathematics usually gives its TeX too: in the MathML's
`annotation` or `alttext` (Wikipedia, KaTeX), or as text between MathJax's
`\\( \\)` and `\\[ \\]`. Extraction keeps a formula as that TeX between those
delimiters (`delimited`, without the style wrapper a renderer adds), so that
both extractors carry it as text. The Script shows it as its author wrote it
(`written`: the TeX, the page's own description of its picture) and says it in
words (`spoken`): latex2mathml
gives the formula's structure (powers, indices, fractions, roots, matrices),
which is read the way a screen reader's speech for mathematics reads it:
"a sub i j equals a sub j i, bar".
"""
from __future__ import annotations

import re
import unicodedata

import lxml.etree

from ..language import primary

#: A formula in a text, inline or displayed.
_DELIMITED = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)
_MATHML = "{http://www.w3.org/1998/Math/MathML}"

#: Symbols as words (English); a Greek letter is said by its name.
SYMBOLS = {
    "=": "equals", "+": "plus", "-": "minus", "\u2212": "minus", "±": "plus or minus",
    "∓": "minus or plus", "×": "times", "⋅": "times", "·": "times", "∗": "star", "*": "star",
    "/": "over", "÷": "divided by", "<": "is less than", ">": "is greater than",
    "≤": "is less than or equal to", "≥": "is greater than or equal to",
    "≠": "is not equal to", "≈": "is approximately", "≡": "is equivalent to",
    "∝": "is proportional to", "∈": "in", "∉": "not in", "⊂": "is a subset of",
    "⊆": "is a subset of or equal to", "∪": "union", "∩": "intersection", "∖": "minus",
    "⟺": "if and only if", "⇔": "if and only if", "⟹": "implies", "⇒": "implies",
    "→": "to", "⟶": "to", "↦": "maps to", "∀": "for all", "∃": "there exists", "¬": "not",
    "∧": "and", "∨": "or", "∑": "the sum", "∏": "the product", "∫": "the integral",
    "∮": "the contour integral", "∂": "partial", "∇": "nabla", "∞": "infinity",
    "′": "prime", "″": "double prime", "†": "dagger", "∘": "composed with", "⊗": "tensor",
    "⊕": "direct sum", "∅": "the empty set", "…": "and so on", "⋯": "and so on",
    "⋮": "and so on", "⟨": "open angle", "⟩": "close angle", "|": "vertical bar",
    "‖": "norm", "!": "factorial", "%": "percent", "°": "degrees", "ℏ": "h bar",
    "⋃": "the union", "⋂": "the intersection", "ℝ": "R", "ℂ": "C", "ℕ": "N", "ℤ": "Z", "ℚ": "Q",
    "(": "open paren", ")": "close paren", "[": "open bracket", "]": "close bracket",
    "{": "open brace", "}": "close brace",
}
#: Accents over a letter, said after it.
ACCENTS = {"\u2015": "bar", "¯": "bar", "‾": "bar", "_": "bar", "^": "hat", "ˆ": "hat",
           "→": "vector", "⃗": "vector", "˙": "dot", "¨": "double dot", "~": "tilde",
           "˜": "tilde"}
#: Each opening bracket's closing one: brackets are said (`SYMBOLS`) when they hold
#: more than one thing.
BRACKETS = {"(": ")", "[": "]", "{": "}"}
_OPENING = {closing: opening for opening, closing in BRACKETS.items()}
_LARGE = ("∑", "∏", "∫", "∮", "⋃", "⋂")
_LIMITS = ("lim", "max", "min", "sup", "inf")


#: The wrapper a renderer puts around the author's TeX: "{\displaystyle x^{2}}".
_STYLE_WRAPPER = re.compile(r"^\{\\(?:displaystyle|textstyle)\s*(.*)\}$", re.S)


def delimited(tex: str, display: bool = False) -> str:
    """A formula's TeX as extraction keeps it in the text, without the style
    wrapper a renderer added to the author's."""
    tex = " ".join(tex.split())
    wrapped = _STYLE_WRAPPER.match(tex)
    if wrapped and _balanced(wrapped.group(1)) and wrapped.group(1).strip():
        tex = wrapped.group(1).strip()
    return f"\\[{tex}\\]" if display else f"\\({tex}\\)"


def _balanced(tex: str) -> bool:
    """Whether every brace of `tex` closes within it (escaped ones aside)."""
    depth = 0
    for brace in re.findall(r"(?<!\\)[{}]", tex):
        depth += 1 if brace == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def written(text: str) -> str:
    """The text as the page gives it: each formula as its TeX."""
    return _DELIMITED.sub(lambda m: (m.group(1) or m.group(2)).strip(), text)


def spoken(text: str, lang: str = "en") -> str:
    """The text with each formula in words (for English; in other languages the
    formula's symbols, which the voice reads as it can)."""
    english = primary(lang) == "en"

    def words(m: re.Match) -> str:  # a space where a word would touch them, none before a comma
        before = " " if m.start() and not text[m.start() - 1].isspace() else ""
        after = " " if m.end() < len(text) and text[m.end()].isalnum() else ""
        return f"{before}{said(m.group(1) or m.group(2), english)}{after}"

    return _DELIMITED.sub(words, text)


def said(tex: str, english: bool = True) -> str:
    """One formula in words."""
    from latex2mathml.converter import convert

    try:
        root = lxml.etree.fromstring(convert(tex.strip()).encode("utf-8"))
        words = _node(root) if english else " ".join(t.strip() for t in root.itertext()
                                                     if t.strip())
    except Exception:  # noqa: BLE001 (TeX it cannot parse, or nested past Python's
        # recursion limit: its letters and numbers)
        return " ".join(re.findall(r"[^\W_]+", re.sub(r"\\[a-zA-Z]+", " ", tex)))
    words = re.sub(r"\s+", " ", words)
    return re.sub(r"(\s*,)+", ",", words).strip(" ,;")


def _name(element) -> str:
    return element.tag.replace(_MATHML, "") if isinstance(element.tag, str) else ""


def _symbol(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    if text in SYMBOLS:
        return SYMBOLS[text]
    if len(text) == 1 and not text.isascii():
        name = unicodedata.name(text, "")
        for prefix in ("MATHEMATICAL ", "DOUBLE-STRUCK "):
            name = name.replace(prefix, "")
        greek = re.match(r"(?:\w+ )*?GREEK (CAPITAL|SMALL) LETTER (\w+)", name)
        if greek:
            return ("capital " if greek.group(1) == "CAPITAL" else "") + greek.group(2).lower()
        variant = re.match(r"GREEK (\w+) SYMBOL$", name)  # ϕ, ϑ: a letter's other shape
        if variant:
            return variant.group(1).lower()
        letter = re.search(r"(CAPITAL|SMALL) ([A-Z])$", name)
        if letter:
            return letter.group(2) if letter.group(1) == "CAPITAL" else letter.group(2).lower()
    return text


def _leaf(element):
    """The one element a row of one element holds."""
    while _name(element) in ("mrow", "mstyle") and len(element) == 1:
        element = element[0]
    return element


def _simple(element) -> bool:
    """Whether an element says one thing (a letter, a number), which needs no
    words to mark where it ends."""
    element = _leaf(element)
    return _name(element) in ("mi", "mn", "mo", "mtext") or (
        _name(element) in ("mrow", "mstyle") and len(element) == 0)


def _node(element) -> str:
    name = _name(element)
    children = [child for child in element if _name(child)]
    if name in ("mi", "mn", "mo"):
        return _symbol(element.text or "")
    if name == "mtext":
        return " ".join((element.text or "").split())
    if name in ("annotation", "annotation-xml", "mphantom", "none", "mprescripts"):
        return ""
    if name == "mspace":
        return "," if "em" in (element.get("width") or "") else ""
    if name == "semantics":
        return _node(children[0]) if children else ""
    if name in ("msup", "msub", "msubsup", "munder", "mover", "munderover") and children:
        return _scripted(name, children)
    if name == "mfrac" and len(children) == 2:
        top, bottom = (_node(child) for child in children)
        if all(_simple(child) for child in children):
            return f"{top} over {bottom}"
        return f", the fraction {top}, over {bottom}, end fraction,"
    if name == "msqrt":
        inner = _row(children)
        return (f"the square root of {inner}" if len(children) == 1 and _simple(children[0])
                else f", the square root of {inner}, end root,")
    if name == "mroot" and len(children) == 2:
        return f", the root of order {_node(children[1])} of {_node(children[0])}, end root,"
    if name == "mtable":  # a matrix between brackets, else lines of equations
        previous = element.getprevious()
        if previous is not None and _name(previous) == "mo" and \
                (previous.text or "").strip() in (*BRACKETS, "|", "‖"):
            rows = [", ".join(_row(list(cell)) for cell in row if _name(cell) == "mtd")
                    for row in children]
            return ", the matrix with rows: " + "; ".join(rows) + ", end matrix,"
        return "; ".join(" ".join(_row(list(cell)) for cell in row if _name(cell) == "mtd")
                         for row in children) + ";"
    return _row(children)


def _scripted(name: str, children: list) -> str:
    base = children[0]
    said_base = _node(base)
    symbol = (_leaf(base).text or "").strip()
    if name in ("msubsup", "munderover") and len(children) == 3:
        low, high = _node(children[1]), _node(children[2])
        if symbol in _LARGE:
            return f"{said_base} from {low} to {high} of"
        return f"{said_base} sub {low}, {_power(children[2], high)}"
    script = children[1] if len(children) > 1 else None
    said_script = _node(script) if script is not None else ""
    if name == "mover":
        accent = (_leaf(script).text or "").strip() if script is not None else ""
        if accent in ACCENTS:
            return f"{said_base} {ACCENTS[accent]}" if _simple(base) else \
                f"{said_base}, {ACCENTS[accent]},"
    if name in ("msub", "munder"):
        if symbol in _LIMITS:
            return f"the {'limit' if symbol == 'lim' else symbol} as {said_script} of"
        if symbol in _LARGE:
            return f"{said_base} over {said_script} of"
        return f"{said_base} sub {said_script}" + ("" if _simple(script) else ",")
    return f"{said_base} {_power(script, said_script)}"


def _power(script, words: str) -> str:
    text = (_leaf(script).text or "").strip() if _simple(script) else ""
    if text == "2":
        return "squared"
    if text == "3":
        return "cubed"
    if text and not text.isalnum() and text in SYMBOLS:  # A†, A*, f′
        return words
    return f"to the power {words}" + ("" if _simple(script) else ",")


def _row(children: list) -> str:
    """A row of a formula: brackets around one thing are not said."""
    pieces = [(_name(child), (child.text or "").strip(), _node(child)) for child in children]
    words = []
    for index, (name, text, said_) in enumerate(pieces):
        if name == "mo" and _around_one(pieces, children, index):
            continue
        words.append((text if text != "." else ",") if name == "mo" and text in ",;." else said_)
    return " ".join(word for word in words if word).replace(" ,", ",").replace(" ;", ";")


def _around_one(pieces: list, children: list, index: int) -> bool:
    """Whether the bracket at `index` and its partner two places on (or back) hold
    one simple thing between them: "(x)" is said "x"."""
    text = pieces[index][1]
    if text in BRACKETS:
        partner, inner = index + 2, index + 1
        wanted = BRACKETS[text]
    elif text in _OPENING:
        partner, inner = index - 2, index - 1
        wanted = _OPENING[text]
    else:
        return False
    return (0 <= partner < len(pieces) and pieces[partner][:2] == ("mo", wanted)
            and _simple(children[inner]))
