"""Load: find the inputs and turn each into decoded HTML text with its identity.

The encoding is decided here, once: a byte-order mark wins; then bytes that
are valid UTF-8 with some non-ASCII text are UTF-8; then the charset the page
declares; then Windows-1252 (what browsers assume for undeclared pages).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

#: Pages larger than this are refused rather than allowed to eat the machine.
MAX_PAGE_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE
)


@dataclass(frozen=True)
class Page:
    """One input page: where it came from and its text."""

    source: str  #: the input as the user gave it (path or URL)
    html: str
    encoding: str
    path: Path | None = None


def discover(inputs: list[str]) -> list[str]:
    """Expand folders into the HTML files they hold, in a stable order.

    Files and missing paths are passed through unchanged, so a missing file
    is reported by `load` with the name the user typed.
    """
    found: list[str] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            pages = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in HTML_SUFFIXES
            )
            if not pages:
                raise InputError(given, "folder holds no .html files")
            found.extend(str(p) for p in pages)
        else:
            found.append(given)
    return found


def load(source: str) -> Page:
    """Read one HTML file and decode it."""
    path = Path(source)
    if not path.exists():
        raise InputError(source, "no such file")
    if not path.is_file():
        raise InputError(source, "not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(source, "file is empty")
    if size > MAX_PAGE_BYTES:
        raise InputError(source, f"file is too large ({size} bytes; limit {MAX_PAGE_BYTES})")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(source, f"cannot read file ({err.strerror})") from err
    html, encoding = decode(data, source)
    if not html.strip():
        raise InputError(source, "file holds only whitespace")
    return Page(source=source, html=html, encoding=encoding, path=path)


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode page bytes, deciding the encoding once (see module docstring)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), encoding
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file, not HTML text")
    declared = _declared_charset(data, source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    # Bytes that are valid UTF-8 and not plain ASCII are UTF-8 whatever the page
    # claims: pages saved from the web keep their old declaration after being
    # re-encoded, and legacy multi-byte text almost never forms valid UTF-8.
    if text is not None and (not declared or not data.isascii()):
        return text, "utf-8"
    if declared:
        return data.decode(declared, errors="replace"), declared
    return data.decode("windows-1252", errors="replace"), "windows-1252"


def _declared_charset(data: bytes, source: str) -> str | None:
    """The charset named by a <meta> tag near the top, if it is a real one."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", errors="replace")
    try:
        codec = codecs.lookup(name)
    except LookupError:
        raise InputError(source, f"page declares an unknown encoding {name!r}") from None
    # A page that declares UTF-16 but was read as ASCII-compatible bytes is UTF-8
    # in practice (the HTML standard says the same).
    return "utf-8" if codec.name.startswith("utf-16") else codec.name
