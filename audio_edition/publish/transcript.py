"""Transcripts from the Timeline: WebVTT and SRT captions, and an HTML transcript.

Cues start where the Timeline says each sentence starts; a sentence longer
than a cue allows is split at word boundaries, its time shared out by
characters.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
from lxml.html import builder as E

from ..script import Chapter, Script, Utterance
from ..audio.timecode import timecode
from ..audio.timeline import Span, Timeline
from .labels import foreign, labels

CUE_MAX_CHARS = 65


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str


def cues(timeline: Timeline) -> list[Cue]:
    found: list[Cue] = []
    for span in timeline.spans:
        for sentence in span.sentences:
            found += _split(sentence.text, timeline.ms(sentence.start), timeline.ms(sentence.end))
    return found


def _split(text: str, start: int, end: int) -> list[Cue]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= CUE_MAX_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    total = sum(len(line) for line in lines) or 1
    result, position, done = [], start, 0
    for line in lines:
        done += len(line)
        stop = start + round((end - start) * done / total)
        result.append(Cue(position, stop, line))
        position = stop
    return result


def _cue_time(ms: int, separator: str) -> str:
    """A cue's time: "00:01:02.500" in WebVTT, "00:01:02,500" in SRT."""
    return timecode(ms, hours=True, fraction=separator)


def _vtt_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("-->", "--&gt;")


def webvtt(timeline: Timeline) -> bytes:
    blocks = ["WEBVTT"]
    for cue in cues(timeline):
        blocks.append(f"{_cue_time(cue.start_ms, '.')} --> {_cue_time(cue.end_ms, '.')}\n"
                      f"{_vtt_text(cue.text)}")
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def srt(timeline: Timeline) -> bytes:
    blocks = [f"{n}\n{_cue_time(c.start_ms, ',')} --> {_cue_time(c.end_ms, ',')}\n{c.text}"
              for n, c in enumerate(cues(timeline), 1)]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Heading:
    tag: str  #: h2 to h6: the page's h1 is the title
    title: str


@dataclass(frozen=True)
class Passage:
    """An utterance of the article and when it is heard: from its first word until the
    next passage begins (its pause included), so that one passage is always current."""

    utterance: Utterance
    span: Span
    start: float  #: seconds
    end: float  #: seconds


@dataclass(frozen=True)
class Spoken:
    """An utterance of the Script, its chapter (and that chapter's index), and where
    it is heard."""

    index: int
    chapter: Chapter
    utterance: Utterance
    span: Span


def spoken_order(script: Script, timeline: Timeline, sounds: bool = False) -> Iterator[Spoken]:
    """Every utterance in the order it is heard: the one walk behind the transcripts,
    the player page, the EPUB and the timing record; with `sounds`, the show's
    sounds too (they have no words to show)."""
    for span in timeline.spans:
        chapter = script.chapters[span.chapter]
        utterance = chapter.utterances[span.utterance]
        if sounds or not utterance.sound:
            yield Spoken(span.chapter, chapter, utterance, span)


def heading_tag(chapter: Chapter) -> str:
    """The HTML heading of a chapter under the h1 title: its level, h2 to h6."""
    return f"h{min(max(chapter.level, 2), 6)}"


def reading_order(script: Script, timeline: Timeline) -> Iterator[Heading | Passage]:
    """The article as a page under an h1 title shows it: a Heading where a heading is
    said, and a Passage for every utterance that is neither the title nor a heading
    (the show's intro and outro are passages: their chapters have no heading)."""
    for item in spoken_order(script, timeline):
        if item.utterance.role == "heading":
            yield Heading(heading_tag(item.chapter), item.chapter.title)
        elif item.utterance.role != "title":
            span = item.span
            yield Passage(item.utterance, span, timeline.seconds(span.start),
                          timeline.seconds(span.end))


def html(script: Script, timeline: Timeline) -> bytes:
    """The article's words as read, under its headings, each with its start time; the
    page's own words are the episode's language's (else English, and the article's
    words are marked as in their language)."""
    words = labels(script.lang)
    lang = words.page_lang(script.lang)
    body = [E.H1(script.title)]
    for item in reading_order(script, timeline):
        if isinstance(item, Heading):
            body.append(lxml.html.Element(item.tag))
            body[-1].text = item.title
        else:
            utterance, start = item.utterance, item.start
            paragraph = E.P(E.CLASS(f"utterance {utterance.role}"),
                            E.A(timecode(int(start) * 1000, pad=False), href=f"#t={start:.3f}",
                                title=words.start_time,
                                **foreign(lang, utterance.lang or script.lang)),
                            " ", utterance.source_text)
            paragraph.set("data-start", f"{start:.3f}")
            paragraph.set("data-end", f"{item.end:.3f}")
            if utterance.lang:
                paragraph.set("lang", utterance.lang)
            body.append(paragraph)
    page = E.HTML(E.HEAD(E.META(charset="utf-8"),
                         E.TITLE(words.transcript_title.format(title=script.title))),
                  E.BODY(*body, **foreign(script.lang, lang)), lang=lang)
    return lxml.html.tostring(page, doctype="<!DOCTYPE html>", encoding="utf-8", pretty_print=True)


def chapters_webvtt(chapters) -> bytes:
    """A WebVTT chapters track (for `<track kind="chapters">`), one cue a chapter."""
    blocks = ["WEBVTT"]
    for number, chapter in enumerate(chapters, 1):
        blocks.append(f"chapter-{number}\n{_cue_time(chapter.start_ms, '.')} --> "
                      f"{_cue_time(chapter.end_ms, '.')}\n{_vtt_text(chapter.title)}")
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def utterance_record(script: Script, timeline: Timeline) -> bytes:
    """Where each utterance sits in the episode and what it says: what the check
    needs to place the words it hears."""
    rows = []
    for index, item in enumerate(spoken_order(script, timeline)):
        utterance, span = item.utterance, item.span
        rows.append({"index": index, "role": utterance.role, "lang": utterance.lang or script.lang,
                     "voice": span.voice,
                     "start": round(timeline.seconds(span.start), 3),
                     "speech_end": round(timeline.seconds(span.speech_end), 3),
                     "end": round(timeline.seconds(span.end), 3),
                     "text": utterance.text, "source_text": utterance.source_text})
    return json.dumps({"lang": script.lang, "utterances": rows}, ensure_ascii=False,
                      indent=1).encode("utf-8")
