"""DAISY 2.02 (`--daisy`): the talking-book format many reading devices and
libraries for blind readers still use. An `ncc.html` lists every heading in
order, each linking to a SMIL 1.0 file whose `par`s play the chapter's
utterances from the audio, with clip-begin/clip-end from the Timeline.
The fileset is written to a temporary folder and swapped in whole.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from lxml import etree

from .. import __version__
from ..script import Chapter, Script
from ..audio.timecode import timecode
from ..audio.timeline import Timeline

AUDIO_NAME = "audio.mp3"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NCC_DOCTYPE = ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
               '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">')
SMIL_DOCTYPE = '<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 1.0//EN" "http://www.w3.org/TR/REC-smil/SMIL10.dtd">'


def _clock(seconds: float, fraction: str = "") -> str:
    """DAISY's clock values: "00:01:02", "00:01:02.500"."""
    return timecode(round(seconds * 1000), hours=True, fraction=fraction)


def levels(chapters: list[Chapter]) -> list[int]:
    """Heading levels for the NCC: the first is the title (h1); a level never
    jumps more than one below the one before it, as DAISY 2.02 requires."""
    found, previous = [], 0
    for index, chapter in enumerate(chapters):
        level = 1 if index == 0 else max(2, min(chapter.level, previous + 1))
        found.append(level)
        previous = level
    return found


def _entries(script: Script) -> list[list[int]]:
    """The chapters of each NCC heading: one each, but a chapter of the show's intro
    before the title is heard in the title's entry (the NCC opens with the title)."""
    entries = [[index] for index in range(len(script.chapters))]
    if len(entries) > 1 and all(u.role == "intro" for u in script.chapters[0].utterances):
        entries[:2] = [[0, 1]]
    return entries


def write_daisy(folder: Path, script: Script, timeline: Timeline, audio: Path, identifier: str,
                publisher: str, narrator: str, date: str) -> Path:
    """Write the DAISY 2.02 fileset into `folder` (replacing an earlier one)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=".daisy.", suffix=".partial", dir=folder.parent))
    try:
        _write(temp, script, timeline, audio, identifier, publisher, narrator, date)
        old = folder.with_name(f".{folder.name}.old")
        if folder.exists():
            os.replace(folder, old)
        os.replace(temp, folder)
        shutil.rmtree(old, ignore_errors=True)
        folder.chmod(0o755)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return folder / "ncc.html"


def _write(target: Path, script: Script, timeline: Timeline, audio: Path, identifier: str,
           publisher: str, narrator: str, date: str) -> None:
    try:  # the episode's own file, not a copy of it, where the file system allows
        os.link(audio, target / AUDIO_NAME)
    except OSError:
        shutil.copyfile(audio, target / AUDIO_NAME)
    entries = _entries(script)
    named = [script.chapters[group[-1]] for group in entries]  #: the chapter naming each entry
    heading_levels = levels(named)
    total = timeline.duration_seconds
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML})
    html.set("lang", script.lang)
    html.set(XML_LANG, script.lang)
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}meta", **{"http-equiv": "Content-type",
                                                  "content": "text/html; charset=utf-8"})
    etree.SubElement(head, f"{{{XHTML}}}title").text = script.title
    author = script.about.byline or publisher
    meta = [("dc:title", script.title, None), ("dc:creator", author, None),
            ("dc:date", date[:10], "yyyy-mm-dd"), ("dc:format", "Daisy 2.02", None),
            ("dc:identifier", identifier, None), ("dc:language", script.lang, "ISO 639"),
            ("dc:publisher", publisher, None), ("ncc:charset", "utf-8", None),
            ("ncc:generator", f"audio-edition {__version__}", None),
            ("ncc:multimediaType", "audioNcc", None), ("ncc:narrator", narrator, None),
            ("ncc:pageFront", "0", None), ("ncc:pageNormal", "0", None),
            ("ncc:pageSpecial", "0", None), ("ncc:tocItems", str(len(entries)), None),
            ("ncc:totalTime", _clock(total), None), ("ncc:depth", str(max(heading_levels)), None),
            ("ncc:files", str(len(entries) + 2), None), ("ncc:setInfo", "1 of 1", None)]
    for name, content, scheme in meta:
        element = etree.SubElement(head, f"{{{XHTML}}}meta", name=name, content=content)
        if scheme:
            element.set("scheme", scheme)
    body = etree.SubElement(html, f"{{{XHTML}}}body")
    spans = list(timeline.spans)
    elapsed = 0.0
    for index, (group, chapter) in enumerate(zip(entries, named)):
        smil_name = f"s{index + 1:03d}.smil"
        heading = etree.SubElement(body, f"{{{XHTML}}}h{heading_levels[index]}", id=f"h{index}")
        if index == 0:
            heading.set("class", "title")
        etree.SubElement(heading, f"{{{XHTML}}}a", href=f"{smil_name}#par{index}").text = chapter.title
        clips = [s for s in spans if s.chapter in group]
        first, last = timeline.chapters[group[0]], timeline.chapters[group[-1]]
        duration = timeline.seconds(last.end) - timeline.seconds(first.start)
        (target / smil_name).write_bytes(_smil(script.title, index, clips, timeline, elapsed, duration))
        elapsed += duration
    (target / "ncc.html").write_bytes(etree.tostring(html, xml_declaration=True, encoding="utf-8",
                                                     pretty_print=True, doctype=NCC_DOCTYPE))


def _smil(title: str, index: int, clips, timeline: Timeline, elapsed: float, duration: float) -> bytes:
    smil = etree.Element("smil")
    head = etree.SubElement(smil, "head")
    for name, content in (("dc:format", "Daisy 2.02"), ("dc:title", title),
                          ("ncc:totalElapsedTime", _clock(elapsed, fraction=".")),
                          ("ncc:timeInThisSmil", _clock(duration, fraction="."))):
        etree.SubElement(head, "meta", name=name, content=content)
    layout = etree.SubElement(head, "layout")
    etree.SubElement(layout, "region", id="txtView")
    body = etree.SubElement(smil, "body")
    seq = etree.SubElement(body, "seq", dur=f"{duration:.3f}s")
    par = etree.SubElement(seq, "par", endsync="last", id=f"par{index}")
    etree.SubElement(par, "text", src=f"ncc.html#h{index}", id=f"text{index}")
    audio_seq = etree.SubElement(par, "seq")
    for number, span in enumerate(clips):
        etree.SubElement(audio_seq, "audio", src=AUDIO_NAME, id=f"audio{index}_{number}",
                         **{"clip-begin": f"npt={timeline.seconds(span.start):.3f}s",
                            "clip-end": f"npt={timeline.seconds(span.end):.3f}s"})
    return etree.tostring(smil, xml_declaration=True, encoding="utf-8", pretty_print=True,
                          doctype=SMIL_DOCTYPE)
