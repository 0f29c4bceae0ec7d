"""Formulas: the mathematics of a page, read as words.

A page that typesets mathematics usually gives its TeX too: in the MathML's
`annotation` or `alttext` (Wikipedia, KaTeX), or as text between MathJax's
`\\( \\)`, `\\[ \\]` and `$$ $$`. Extraction keeps a formula as that TeX
between those delimiters (`delimited`, without the style wrapper a renderer
adds), so that both extractors carry it as text. The Script shows it as its
author wrote it (`written`: the TeX, the page's own description of its
picture) and says it in words (`spoken`): latex2mathml gives the formula's
structure (powers, indices, fractions, roots, matrices), which is read the
way a screen reader's speech for mathematics reads it:
"a sub i j equals a sub j i, bar".
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable

import lxml.etree

from ..language import primary

#: What opens a formula in a text, and what closes it: MathJax's default delimiters.
_CLOSING = {"\\(": "\\)", "\\[": "\\]", "$$": "$$"}
_DELIMITER = re.compile(r"\\[()\[\]]|\$\$")
#: A definition of a macro, up to its body: "\newcommand{\R}[1]{", "\def\a#1{".
_DEFINITION = re.compile(
    r"\\(?:(?:re|provide|new)command\*?\s*(?:\{\s*\\[A-Za-z@]+\s*\}|\\[A-Za-z@]+)\s*"
    r"(?:\[\d\]\s*)?(?:\[[^\]{}]{0,100}\]\s*)?"
    r"|def\s*\\[A-Za-z@]+\s*(?:#\d\s*)*|DeclareMathOperator\*?\s*\{\s*\\[A-Za-z@]+\s*\}\s*)\{")
_COMMAND = re.compile(r"\\[A-Za-z@]+")
_BRACE_OR_ESCAPE = re.compile(r"\\.|[{}]", re.S)
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
    # a delimiter inside the TeX would end the formula early and spell the rest:
    # in TeX it only switches modes, so the bracket stays and the switch goes
    tex = _DELIMITER.sub(lambda m: "$ $" if m.group() == "$$" else m.group()[1],
                         " ".join(tex.split()))
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


def formulas(text: str) -> list[tuple[int, int, str]]:
    """Each formula of `text` as (start, end, its TeX), left to right: from an
    opening delimiter to the first closing one after at least one character, as
    MathJax reads them. One pass over the delimiters, so a page of unclosed ones
    costs what its length does (each opening one looked its closing one up by
    scanning the rest of the text)."""
    tokens = [(m.start(), m.group()) for m in _DELIMITER.finditer(text)]
    places: dict[str, list[int]] = {}
    for start, token in tokens:
        places.setdefault(token, []).append(start)
    found: list[tuple[int, int, str]] = []
    done = 0
    for start, token in tokens:
        if start < done or token not in _CLOSING:
            continue
        closing = places.get(_CLOSING[token], [])
        index = bisect_left(closing, start + 3)
        if index < len(closing):
            done = closing[index] + 2
            found.append((start, done, text[start + 2:closing[index]]))
    return found


def _each_formula(text: str, words: Callable[[int, int, str], str]) -> str:
    """The text with each formula replaced by `words(start, end, tex)`."""
    pieces, done = [], 0
    for start, end, tex in formulas(text):
        pieces += [text[done:start], words(start, end, tex)]
        done = end
    return "".join(pieces) + text[done:]


def written(text: str) -> str:
    """The text as the page gives it: each formula as its TeX."""
    return _each_formula(text, lambda start, end, tex: tex.strip())


def spoken(text: str, lang: str = "en") -> str:
    """The text with each formula in words (for English; in other languages the
    formula's symbols, which the voice reads as it can)."""
    english = primary(lang) == "en"

    def words(start: int, end: int, tex: str) -> str:  # a space where a word would touch
        before = " " if start and not text[start - 1].isspace() else ""
        after = " " if end < len(text) and text[end].isalnum() else ""
        return f"{before}{said(tex, english)}{after}"

    return _each_formula(text, words)


def said(tex: str, english: bool = True) -> str:
    """One formula in words. Macros it defines are expanded; where latex2mathml
    gives up on them (a chain of definitions that doubles at each step), the
    formula is read as written after its definitions, each macro by its name."""
    try:
        root = _mathml(tex)
        words = _node(root) if english else " ".join(_command_name(t.strip()) for t in
                                                     root.itertext() if t.strip())
    except Exception:  # noqa: BLE001 (TeX it cannot parse, or nested past Python's
        # recursion limit: its letters and numbers)
        return " ".join(re.findall(r"[^\W_]+", re.sub(r"\\[a-zA-Z]+", " ", tex)))
    words = re.sub(r"\s+", " ", words)
    return re.sub(r"(\s*,)+", ",", words).strip(" ,;")


def _mathml(tex: str):
    """The formula's MathML tree, from latex2mathml."""
    from latex2mathml.converter import convert

    try:
        return lxml.etree.fromstring(convert(tex.strip()).encode("utf-8"))
    except Exception:  # noqa: BLE001 (any failure: without its definitions, if it has any)
        written_out = _without_definitions(tex)
        if written_out == tex:
            raise
        return lxml.etree.fromstring(convert(written_out.strip()).encode("utf-8"))


def _without_definitions(tex: str) -> str:
    """The TeX without the macros it defines (\\newcommand, \\def and kin)."""
    pieces, done = [], 0
    for definition in _DEFINITION.finditer(tex):
        if definition.start() < done:
            continue
        pieces.append(tex[done:definition.start()])
        done = _group_end(tex, definition.end() - 1)
    return "".join(pieces) + tex[done:]


def _group_end(tex: str, start: int) -> int:
    """Where the brace group opening at `start` ends (escaped braces aside)."""
    depth = 0
    for brace in _BRACE_OR_ESCAPE.finditer(tex, start):
        if brace.group() == "{":
            depth += 1
        elif brace.group() == "}":
            depth -= 1
            if depth == 0:
                return brace.end()
    return len(tex)


def _command_name(text: str) -> str:
    """A command latex2mathml does not know (\\input, a macro defined past its
    limits) by its name, without the backslash no voice should read."""
    return text[1:] if _COMMAND.fullmatch(text) else text


def _name(element) -> str:
    return element.tag.replace(_MATHML, "") if isinstance(element.tag, str) else ""


def _symbol(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    if text in SYMBOLS:
        return SYMBOLS[text]
    if _COMMAND.fullmatch(text):
        return _command_name(text)
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
