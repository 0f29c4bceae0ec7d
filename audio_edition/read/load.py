"""Load: find the inputs and turn each into decoded HTML text with its identity.

Inputs are files, folders of them, and http(s) URLs: fetched with a timeout,
a size limit and at most a few redirects. A site's own RSS/Atom feed or
sitemap, given as a file or a URL, stands for the pages it lists, each with
the title and date the feed gives it.

The encoding is decided here, once: a byte-order mark wins; then bytes that
are valid UTF-8 with some non-ASCII text are UTF-8; then the charset the page
declares; then Windows-1252 (what browsers assume for undeclared pages).
"""
from __future__ import annotations

import codecs
import hashlib
import html as html_escapes
import re
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urljoin, urlparse, urlunparse

from bs4.dammit import EncodingDetector

from ..errors import InputError
from ..printable import without_controls

#: Pages larger than this are refused rather than allowed to eat the machine.
MAX_PAGE_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FETCH_TIMEOUT = (5.0, 20.0)  #: connect, read: seconds
#: A whole fetch ends by then, however slowly the server sends its bytes.
FETCH_DEADLINE = 60.0
MAX_REDIRECTS = 5

#: How far into a page its declared charset is looked for.
_PRESCAN = 4096


@dataclass(frozen=True)
class Page:
    """One input page: where it came from and its text."""

    source: str  #: the input as the user gave it (path or URL)
    html: str
    encoding: str
    path: Path | None = None
    #: what a site feed said of this page (title, date), preferred to the page's own
    hints: dict[str, str] = field(default_factory=dict)

    @cached_property
    def canonical_url(self) -> str | None:
        """The page's own URL as it declares it (`<link rel=canonical>`, else `og:url`)."""
        return canonical_url(self.html, self.source if is_url(self.source) else None)

    @cached_property
    def identity(self) -> str:
        """What makes this article this article, for ever: its canonical URL, else
        its URL, else its file's resolved path (as a digest: the path itself is
        nobody's business once the edition is published)."""
        if self.canonical_url:
            return self.canonical_url
        if is_url(self.source):
            return normal_url(self.source)
        resolved = str(Path(self.source).resolve())
        return "file-sha256:" + hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()


@dataclass(frozen=True)
class Listed:
    """A page named by a site feed or sitemap, with what the feed says of it."""

    url: str
    title: str | None = None
    date: str | None = None


def is_url(source: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source))


def normal_url(url: str) -> str:
    """A URL without its fragment, with scheme and host in lower case."""
    parts = urlparse(url.strip())
    return urlunparse(parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower(),
                                     fragment=""))


_HEAD_TAG = re.compile(r"<(link|meta)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")


def canonical_url(html: str, base: str | None = None) -> str | None:
    """The URL a page declares for itself: `<link rel="canonical">`, else `og:url`.

    Relative URLs count only for a fetched page (resolved against `base`). A
    canonical URL that is a site's home page is ignored: sites that set it on
    every article are common, and it would make all their articles one.
    """
    window = html[:300_000]
    body = window.lower().find("<body")
    head = window[:body] if body >= 0 else window
    found: dict[str, str] = {}
    for tag, attributes in _HEAD_TAG.findall(head):
        values = {name.lower(): html_escapes.unescape(value.strip("\"'")).strip()
                  for name, value in _ATTRIBUTE.findall(attributes)}
        if tag.lower() == "link" and "canonical" in values.get("rel", "").lower().split():
            found.setdefault("canonical", values.get("href", ""))
        elif tag.lower() == "meta" and values.get("property", values.get("name", "")).lower() == "og:url":
            found.setdefault("og", values.get("content", ""))
    for candidate in (found.get("canonical"), found.get("og")):
        if not candidate:
            continue
        url = urljoin(base, candidate) if base else candidate
        parts = urlparse(url)
        if parts.scheme in ("http", "https") and parts.hostname and parts.path.strip("/"):
            return normal_url(url)
    return None


def discover(inputs: list[str], include: tuple[str, ...] = (),
             exclude: tuple[str, ...] = (), skip: Path | None = None) -> list[str]:
    """Expand folders into the HTML files they hold, in a stable order; `include`
    and `exclude` are globs matched against paths relative to the folder, and
    nothing below `skip` (the output folder, when it lies inside an input) is taken.

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
                and _selected(p.relative_to(path).as_posix(), include, exclude)
                and not (skip and p.resolve().is_relative_to(skip.resolve()))
            )
            if not pages:
                raise InputError(given, "folder holds no .html files")
            found.extend(str(p) for p in pages)
        else:
            found.append(given)
    return found


def _selected(relative: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    from fnmatch import fnmatch

    if include and not any(fnmatch(relative, pattern) for pattern in include):
        return False
    return not any(fnmatch(relative, pattern) for pattern in exclude)


def load(source: str | Listed) -> Page:
    """Read one HTML file, or fetch one page, and decode it."""
    if isinstance(source, Listed):
        return listed_page(source, fetch(source.url))
    if is_url(source):
        return fetch(source)
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]+):(?!\\)", source)
    if scheme and not Path(source).exists():
        raise InputError(source, f"a {scheme.group(1).lower()}: address is not a page to read "
                         "(give a file, a folder or an http(s) URL)")
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


#: Leading bytes of files that are not web pages, and what they are
_MAGIC = (
    (b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "gzip-compressed data"), (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"7z\xbc\xaf", "a 7-Zip archive"), (b"Rar!", "a RAR archive"),
    (b"%!PS", "a PostScript document"), (b"ID3", "MP3 audio"), (b"OggS", "Ogg audio"),
    (b"fLaC", "FLAC audio"), (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"), (b"\x7fELF", "a program"),
    (b"wOFF", "a web font"), (b"wOF2", "a web font"),
)
#: Media types that may hold a web page
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml",
               "text/xml", "application/octet-stream", "")


def sniff(data: bytes, source: str) -> None:
    """Refuse bytes that are plainly not a web page, saying what they are."""
    head = data[:16]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise InputError(source, f"this is {kind}, not a web page")
    if head[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        kind = {b"WEBP": "a WebP image", b"WAVE": "WAV audio", b"AVI ": "an AVI video"}
        raise InputError(source, f"this is {kind[data[8:12]]}, not a web page")
    if data[4:8] == b"ftyp":
        raise InputError(source, "this is an MP4 or QuickTime file, not a web page")
    start = data[:4096].lstrip()
    if start[:1] in (b"{", b"[") and b"<" not in start[:200]:
        raise InputError(source, "this is JSON data, not a web page")
    sample = data[:8192]
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    if sample and controls * 10 > len(sample):  # text has a stray one, binary files many
        raise InputError(source, "binary file, not HTML text")


def refuse_media_type(content_type: str | None, source: str) -> None:
    """Refuse what a server says is not a web page (an image, a PDF, JSON)."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media not in _PAGE_TYPES and not media.endswith("+xml"):
        raise InputError(source, f"the server says this is {media}, not a web page")


def decode(data: bytes, source: str) -> tuple[str, str]:
    """Decode page bytes, deciding the encoding once (see module docstring).
    Control characters (a stray NUL, an escape) are dropped from the text."""
    html, encoding = _decoded(data, source)
    return without_controls(html), encoding


def _decoded(data: bytes, source: str) -> tuple[str, str]:
    rest, encoding = EncodingDetector.strip_byte_order_mark(data)
    if encoding:
        return rest.decode(encoding, errors="replace"), encoding
    sniff(data, source)
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
    """The charset named near the top (a <meta> tag, an XML declaration), if it is a
    real one; bs4's sniffer finds it."""
    name = EncodingDetector.find_declared_encoding(data[:_PRESCAN], is_html=True,
                                                   search_entire_document=True)
    if not name:
        return None
    try:
        codec = codecs.lookup(name)
    except LookupError:
        raise InputError(source, f"page declares an unknown encoding {name!r}") from None
    # A page that declares UTF-16 but was read as ASCII-compatible bytes is UTF-8
    # in practice (the HTML standard says the same).
    return "utf-8" if codec.name.startswith("utf-16") else codec.name


@dataclass(frozen=True)
class Fetched:
    """What a conditional request brought: the body and its charset, or None when the
    server says it has not changed; and what to send next time to ask again."""

    data: bytes | None
    charset: str | None = None
    validators: dict[str, str] = field(default_factory=dict)  #: etag, last_modified


#: The longest ETag or Last-Modified kept and sent back: a longer one is no server's
#: (servers refuse request headers of a few kilobytes).
MAX_VALIDATOR = 1024


def usable_validators(validators: dict) -> dict[str, str]:
    """The ETag and Last-Modified of `validators` that can be sent back as they are:
    text of printable ASCII, of at most MAX_VALIDATOR characters. What an answer gave
    and what a file remembered are both checked: a line break or a character outside
    Latin-1 would end the request before it is sent, for every round to come."""
    return {key: value for key, value in validators.items()
            if key in ("etag", "last_modified") and isinstance(value, str) and value
            and len(value) <= MAX_VALIDATOR and value.isascii() and value.isprintable()}


def fetch_bytes(url: str) -> tuple[bytes, str | None]:
    """The body of an http(s) URL and the charset its server declared."""
    fetched = fetch_if_changed(url)
    return fetched.data or b"", fetched.charset


def fetch_if_changed(url: str, validators: dict[str, str] | None = None) -> Fetched:
    """The body of an http(s) URL, asked for only if it changed since the response
    whose `validators` (its ETag and Last-Modified) are given: an unchanged one costs
    the server a 304 and no body."""
    import requests

    from .. import __version__

    if urlparse(url).scheme not in ("http", "https"):
        raise InputError(url, "only http and https URLs can be fetched")
    session = requests.Session()
    session.max_redirects = MAX_REDIRECTS
    deadline = time.monotonic() + FETCH_DEADLINE
    headers = {"User-Agent": f"audio-edition/{__version__}"}
    sent = usable_validators(validators or {})
    if "etag" in sent:
        headers["If-None-Match"] = sent["etag"]
    if "last_modified" in sent:
        headers["If-Modified-Since"] = sent["last_modified"]
    try:
        with session.get(url, timeout=FETCH_TIMEOUT, stream=True, headers=headers) as response:
            if response.status_code == 304 and sent:
                return Fetched(None, None, sent)
            if response.status_code >= 400 or response.status_code == 304:
                raise InputError(url, f"the server answered HTTP {response.status_code}")
            if urlparse(response.url).scheme not in ("http", "https"):
                raise InputError(url, "redirected away from http(s)")
            refuse_media_type(response.headers.get("Content-Type"), url)
            data = bytearray()
            while chunk := response.raw.read1(64 * 1024, decode_content=True):  # what has arrived
                data += chunk
                if len(data) > MAX_PAGE_BYTES:
                    raise InputError(url, f"page is too large (over {MAX_PAGE_BYTES} bytes)")
                if time.monotonic() > deadline:
                    raise InputError(url, f"the server took over {FETCH_DEADLINE:.0f} s to send the page")
            charset = response.encoding if "charset" in response.headers.get(
                "Content-Type", "").lower() else None
            kept = usable_validators({"etag": response.headers.get("ETag"),
                                      "last_modified": response.headers.get("Last-Modified")})
            return Fetched(bytes(data), charset, kept)
    except requests.TooManyRedirects:
        raise InputError(url, f"more than {MAX_REDIRECTS} redirects") from None
    except requests.Timeout:
        raise InputError(url, "the server did not answer in time") from None
    except requests.RequestException as err:
        raise InputError(url, f"cannot fetch ({type(err).__name__})") from None
    finally:
        session.close()


def listed_page(listed: Listed, page: Page) -> Page:
    """A page a site feed or sitemap lists, with what the listing says of it."""
    hints = {k: without_controls(v) for k, v in (("title", listed.title), ("date", listed.date))
             if v}
    return Page(page.source, page.html, page.encoding, None, hints)


def fetch(url: str) -> Page:
    return fetched_page(url, *fetch_bytes(url))


def fetched_page(url: str, data: bytes, charset: str | None) -> Page:
    """A fetched page, decoded: the server's charset unless the bytes say otherwise."""
    if not data.strip():
        raise InputError(url, "the server sent an empty page")
    has_bom = EncodingDetector.strip_byte_order_mark(data)[1] is not None
    if charset and not has_bom and _plausible(charset, data):
        sniff(data, url)  # decode() sniffs the other cases itself
        try:
            html = data.decode(codecs.lookup(charset).name)
            return Page(source=url, html=without_controls(html), encoding=charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong header: decide from the bytes as for a file
    html, encoding = decode(data, url)
    return Page(source=url, html=html, encoding=encoding)


def _plausible(charset: str, data: bytes) -> bool:
    """A server's charset is believed unless the bytes contradict it: UTF-16 (or 32)
    claimed for bytes that read as ASCII-compatible text (the same rule as for a
    page's own declaration)."""
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return False
    return not (name.startswith(("utf-16", "utf-32")) and b"\x00" not in data[:4096])


#: How deep sitemap indexes may nest, and how many pages a site listing may name
MAX_SITEMAP_DEPTH = 3
MAX_LISTED_PAGES = 50_000


def site_listing(data: bytes, source: str = "site listing", depth: int = 0,
                 visited: set[str] | None = None) -> list[Listed | InputError] | None:
    """The pages an RSS/Atom feed or a sitemap lists, or None if `data` is neither.
    A sitemap index's sitemaps are fetched and read in turn (at most
    `MAX_SITEMAP_DEPTH` deep, each once); one that cannot be read is an error
    in the list, in place of its pages. Malformed XML is an InputError."""
    head = data[:2048].lstrip().lower()
    if not (head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<urlset",
                                                           b"<sitemapindex"))):
        return None
    if b"<urlset" in data[:4096] or b"<sitemapindex" in data[:4096]:
        root = _xml(data, source)
        if root.tag.rpartition("}")[2] == "sitemapindex":
            return _sitemap_index(root, source, depth, visited if visited is not None else {source})
        found: list[Listed | InputError] = []
        for entry in root.iter("{*}url"):
            loc = entry.findtext("{*}loc")
            if loc and len(found) < MAX_LISTED_PAGES:
                found.append(Listed(loc.strip(), None, (entry.findtext("{*}lastmod") or None)))
        return found
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.feed:
            raise InputError(source, "not a readable feed or sitemap (malformed XML)")
        return [] if parsed.feed else None
    found = []
    for entry in parsed.entries:
        if entry.get("link"):
            stamp = entry.get("published_parsed") or entry.get("updated_parsed")
            date = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}" if stamp else None
            found.append(Listed(entry.link, entry.get("title"), date))
    return found


def _xml(data: bytes, source: str):
    """Parsed XML, with no entity expansion (billion laughs) and no network."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.LxmlError as err:
        raise InputError(source, f"not a readable feed or sitemap ({_first_line(err)})") from None


def _first_line(err: Exception) -> str:
    return str(err).splitlines()[0][:160] if str(err) else type(err).__name__


def indexed_sitemaps(data: bytes, source: str) -> list[str | InputError] | None:
    """The sitemaps a sitemap index names, each once (its http(s) URL, or the error
    in its place), or None if `data` is no sitemap index. Malformed XML is an
    InputError."""
    if b"<sitemapindex" not in data[:4096]:
        return None
    root = _xml(data, source)
    return _sitemap_locs(root, {source}) if root.tag.rpartition("}")[2] == "sitemapindex" \
        else None


def _sitemap_locs(root, visited: set[str]) -> list[str | InputError]:
    """The sitemaps of a sitemap index not in `visited` (which gains them)."""
    found: list[str | InputError] = []
    for entry in root.iter("{*}sitemap"):
        loc = (entry.findtext("{*}loc") or "").strip()
        if not loc or loc in visited or len(found) >= MAX_LISTED_PAGES:
            continue
        visited.add(loc)
        found.append(loc if is_url(loc) else InputError(
            loc, "a sitemap index names something other than an http(s) URL"))
    return found


def _sitemap_index(root, source: str, depth: int, visited: set[str]) -> list[Listed | InputError]:
    if depth >= MAX_SITEMAP_DEPTH:
        return [InputError(source, f"sitemap indexes nested deeper than {MAX_SITEMAP_DEPTH}")]
    found: list[Listed | InputError] = []
    for loc in _sitemap_locs(root, visited):
        if len(found) >= MAX_LISTED_PAGES:
            break
        try:
            if isinstance(loc, InputError):
                raise loc
            listed = site_listing(fetch_bytes(loc)[0], loc, depth + 1, visited)
            if listed is None:
                raise InputError(loc, "a sitemap index names something that is not a sitemap")
            found.extend(listed[:MAX_LISTED_PAGES - len(found)])
        except InputError as err:
            found.append(err)
    return found
