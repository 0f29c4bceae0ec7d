"""The talking book: an EPUB 3 with Media Overlays, whose text and audio play
together, navigable by heading.

Every spoken element of the content document has an id; one SMIL document
pairs each id with its clip of the audio (clipBegin/clipEnd from the
Timeline); the navigation document nests the headings by level, exactly as
the episode's chapters. XML is built with lxml; the package is a zip with
an uncompressed `mimetype` first, as the EPUB container requires.
"""
from __future__ import annotations

import shutil
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from ..media import media_type
from ..script import Script
from ..audio.timecode import timecode
from ..audio.timeline import Timeline
from .labels import foreign, labels
from .transcript import heading_tag, spoken_order

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
SMIL = "http://www.w3.org/ns/SMIL"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ACTIVE_CLASS = "-epub-media-overlay-active"
_COPY_CHUNK = 1 << 20
CSS = f"""body {{ font-family: serif; line-height: 1.5; margin: 1em; }}
.{ACTIVE_CLASS} {{ background-color: #fff1a8; color: #000; }}
.role-quote {{ font-style: italic; margin-left: 1.5em; }}
.role-image, .role-code, .role-table {{ font-family: sans-serif; }}
.role-footnote {{ font-size: 0.9em; }}
"""


def _clock(seconds: float) -> str:
    return f"{seconds:.3f}s"


def _duration(seconds: float) -> str:
    """A Media Overlay's duration, "0:01:02.500"."""
    return timecode(round(seconds * 1000), hours=True, pad=False, fraction=".")


def _tostring(root: etree._Element, doctype: str | None = None) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True,
                          doctype=doctype)


def _content(script: Script, timeline: Timeline, heading_ids: list[str]) -> tuple[bytes, list[tuple[str, int, int]]]:
    """The content document and, in reading order, (id, start, end) of each element."""
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": EPUB})
    html.set("lang", script.lang)
    html.set(XML_LANG, script.lang)
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}title").text = script.title
    etree.SubElement(head, f"{{{XHTML}}}link", rel="stylesheet", type="text/css", href="book.css")
    body = etree.SubElement(html, f"{{{XHTML}}}body")
    section = etree.SubElement(body, f"{{{XHTML}}}section", id="article")
    clips: list[tuple[str, int, int]] = []
    anchored: set[int] = set()  #: chapters whose first element carries the chapter's id
    for number, item in enumerate(spoken_order(script, timeline, sounds=True), 1):
        utterance, span = item.utterance, item.span
        if utterance.sound and (item.index in anchored
                                or any(not u.sound for u in item.chapter.utterances)):
            continue  # music has no words: only a chapter of music alone is shown, by its title
        own_id = heading_ids[item.index] if item.index not in anchored else f"u{number}"
        anchored.add(item.index)
        if utterance.role in ("title", "heading"):
            tag = "h1" if utterance.role == "title" else heading_tag(item.chapter)
            element = etree.SubElement(section, f"{{{XHTML}}}{tag}", id=own_id)
        elif utterance.role == "quote":
            quote = etree.SubElement(section, f"{{{XHTML}}}blockquote")
            element = etree.SubElement(quote, f"{{{XHTML}}}p", id=own_id)
        else:
            element = etree.SubElement(section, f"{{{XHTML}}}p", id=own_id)
            element.set("class", f"role-{utterance.role}")
        element.text = utterance.source_text or item.chapter.title
        if utterance.lang:
            element.set("lang", utterance.lang)
            element.set(XML_LANG, utterance.lang)
        clips.append((element.get("id"), span.start, span.speech_end))
    return _tostring(html, "<!DOCTYPE html>"), clips


def _smil(clips: list[tuple[str, int, int]], timeline: Timeline, audio: str) -> bytes:
    smil = etree.Element(f"{{{SMIL}}}smil", nsmap={None: SMIL, "epub": EPUB}, version="3.0")
    body = etree.SubElement(smil, f"{{{SMIL}}}body")
    seq = etree.SubElement(body, f"{{{SMIL}}}seq", id="seq1")
    seq.set(f"{{{EPUB}}}textref", "content.xhtml#article")
    for number, (element_id, start, end) in enumerate(clips, 1):
        par = etree.SubElement(seq, f"{{{SMIL}}}par", id=f"par{number}")
        etree.SubElement(par, f"{{{SMIL}}}text", src=f"content.xhtml#{element_id}")
        etree.SubElement(par, f"{{{SMIL}}}audio", src=audio, clipBegin=_clock(timeline.seconds(start)),
                         clipEnd=_clock(timeline.seconds(end)))
    return _tostring(smil)


def _nav(script: Script, heading_ids: list[str]) -> bytes:
    """The table of contents, nested by heading level like the chapters, named in the
    book's language (else in English, its entries marked as in the book's)."""
    words = labels(script.lang)
    lang = words.page_lang(script.lang)
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": EPUB})
    html.set("lang", lang)
    html.set(XML_LANG, lang)
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}title").text = words.contents
    body = etree.SubElement(html, f"{{{XHTML}}}body")
    nav = etree.SubElement(body, f"{{{XHTML}}}nav", id="toc")
    nav.set(f"{{{EPUB}}}type", "toc")
    etree.SubElement(nav, f"{{{XHTML}}}h1").text = words.contents
    entries = etree.SubElement(nav, f"{{{XHTML}}}ol")
    for own in foreign(script.lang, lang).values():
        entries.set("lang", own)
        entries.set(XML_LANG, own)
    # (level of the entries in a list, the list); the outermost takes the first level
    stack: list[list] = [[None, entries]]
    last_item = None
    for chapter, heading_id in zip(script.chapters, heading_ids):
        while len(stack) > 1 and chapter.level < stack[-1][0]:
            stack.pop()
        if stack[-1][0] is None:
            stack[-1][0] = chapter.level
        elif chapter.level > stack[-1][0] and last_item is not None:
            nested = last_item.find(f"{{{XHTML}}}ol")
            if nested is None:
                nested = etree.SubElement(last_item, f"{{{XHTML}}}ol")
            stack.append([chapter.level, nested])
        item = etree.SubElement(stack[-1][1], f"{{{XHTML}}}li")
        etree.SubElement(item, f"{{{XHTML}}}a", href=f"content.xhtml#{heading_id}").text = chapter.title
        last_item = item
    return _tostring(html, "<!DOCTYPE html>")


def _package(script: Script, identifier: str, duration: float, audio: str, cover: str | None,
             author: str | None, modified: datetime, narrators: list[str]) -> bytes:
    package = etree.Element(f"{{{OPF}}}package", nsmap={None: OPF}, version="3.0",
                            **{"unique-identifier": "book-id"})
    package.set(XML_LANG, script.lang)
    metadata = etree.SubElement(package, f"{{{OPF}}}metadata", nsmap={"dc": DC})
    etree.SubElement(metadata, f"{{{DC}}}identifier", id="book-id").text = identifier
    etree.SubElement(metadata, f"{{{DC}}}title").text = script.title
    etree.SubElement(metadata, f"{{{DC}}}language").text = script.lang
    if author:
        etree.SubElement(metadata, f"{{{DC}}}creator").text = author
    for prop, value, refines in (
            ("dcterms:modified", modified.strftime("%Y-%m-%dT%H:%M:%SZ"), None),
            ("media:duration", _duration(duration), "#overlay"),
            ("media:duration", _duration(duration), None),
            ("media:active-class", ACTIVE_CLASS, None),
            *(("media:narrator", narrator, None) for narrator in narrators)):
        meta = etree.SubElement(metadata, f"{{{OPF}}}meta", property=prop)
        if refines:
            meta.set("refines", refines)
        meta.text = value
    manifest = etree.SubElement(package, f"{{{OPF}}}manifest")
    items = [("nav", "nav.xhtml", {"properties": "nav"}),
             ("content", "content.xhtml", {"media-overlay": "overlay"}),
             ("overlay", "content.smil", {}),
             ("css", "book.css", {}),
             ("audio", audio, {})]
    if cover:
        items.append(("cover", cover, {"properties": "cover-image"}))
    for item_id, href, extra in items:
        etree.SubElement(manifest, f"{{{OPF}}}item", id=item_id, href=href,
                         **{"media-type": media_type(href), **extra})
    spine = etree.SubElement(package, f"{{{OPF}}}spine")
    etree.SubElement(spine, f"{{{OPF}}}itemref", idref="content")
    return _tostring(package)


CONTAINER = b"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def heading_ids(script: Script) -> list[str]:
    return [f"h{index}" for index in range(len(script.chapters))]


def epub(script: Script, timeline: Timeline, audio: Path, target: Path, identifier: str,
         cover: bytes | None = None, cover_name: str | None = None,
         modified: datetime | None = None, narrators: list[str] = ()) -> None:
    """Write the EPUB 3 file with Media Overlays to `target`, with the episode's
    `audio` (an MP3 or MP4 file) copied in from disk, never held whole.
    `modified` (default: now) dates the book and every entry of its zip; `narrators`
    are the voices that read it (media:narrator)."""
    ids = heading_ids(script)
    content, clips = _content(script, timeline, ids)
    audio_name = f"audio/episode{audio.suffix}"
    author = script.about.byline
    modified = modified or datetime.now(timezone.utc)
    package = _package(script, identifier, timeline.duration_seconds, audio_name,
                       cover_name and f"images/{cover_name}", author, modified, list(narrators))
    stamp = modified.astimezone(timezone.utc).timetuple()[:6]  # the same bytes for the same book

    def entry(name: str, compress: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.compress_type = compress
        return info

    with zipfile.ZipFile(target, "w") as book:
        book.writestr(entry("mimetype", zipfile.ZIP_STORED), media_type(".epub"))
        files = {"META-INF/container.xml": CONTAINER, "EPUB/package.opf": package,
                 "EPUB/nav.xhtml": _nav(script, ids), "EPUB/content.xhtml": content,
                 "EPUB/content.smil": _smil(clips, timeline, audio_name),
                 "EPUB/book.css": CSS.encode()}
        for name, data in files.items():
            book.writestr(entry(name, zipfile.ZIP_DEFLATED), data)
        with audio.open("rb") as source, \
                book.open(entry(f"EPUB/{audio_name}", zipfile.ZIP_STORED), "w") as sink:
            shutil.copyfileobj(source, sink, _COPY_CHUNK)
        if cover and cover_name:
            book.writestr(entry(f"EPUB/images/{cover_name}", zipfile.ZIP_STORED), cover)
