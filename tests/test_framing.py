"""The show's intro and outro: texts spoken in the episode's voice and sounds heard as
they are, placed by the Timeline, so that chapters, captions, the EPUB's overlay,
the DAISY book and the player page keep the times the decoded audio has."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest
from lxml import etree, html as lxml_html

from audio_edition.audio.loudness import pcm_loudness
from audio_edition.ffmpeg import run_ffmpeg
from audio_edition.pipeline import Reading, make_script
from audio_edition.script.framing import Framing
from conftest import PAGES, SESSION_CACHE, only, run_cli

RATE = 44100  #: the rate the episodes are decoded at to be measured
SHOW = "Greenstep Audio"


def _page(tmp_path: Path, title: str = "Tea in Five Steps", author: str = "") -> Path:
    page = tmp_path / "tea.html"
    html = (PAGES / "short.html").read_text().replace("<h1>Tea in Five Steps</h1>", f"<h1>{title}</h1>")
    html = html.replace("<title>Tea in Five Steps | Kettle Notes</title>", f"<title>{title}</title>")
    if author:
        html = html.replace("</head>", f'<meta name="author" content="{author}"></head>')
    page.write_text(html, encoding="utf-8")
    return page


def _tone(path: Path, seconds: float, amplitude: float) -> Path:
    """A sound file made for the test: a sine tone, in whatever format the suffix names."""
    run_ffmpeg("-v", "error", "-y", "-f", "lavfi", "-i",
               f"aevalsrc={amplitude}*sin(2*PI*330*t):s=48000:d={seconds}", "-ac", "2", str(path))
    return path


def _config(tmp_path: Path, **fields) -> Path:
    lines = [f'title = "{SHOW}"'] + [f"{k} = {json.dumps(v)}" for k, v in fields.items()]
    config = tmp_path / "audio-edition.toml"
    config.write_text("[show]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return config


# -- the Script -----------------------------------------------------------------------------

def test_the_intro_and_outro_open_and_close_the_first_and_last_chapters(tmp_path: Path) -> None:
    framing = Framing(SHOW, intro="Welcome to {show}.", outro="That was {title}.")
    script = make_script(str(_page(tmp_path)), Reading(framing=framing))
    plain = make_script(str(_page(tmp_path)))
    assert [c.title for c in script.chapters] == [c.title for c in plain.chapters]
    first, last = script.chapters[0].utterances, script.chapters[-1].utterances
    assert (first[0].role, first[0].source_text) == ("intro", "Welcome to Greenstep Audio.")
    assert first[1].role == "title"
    assert (last[-1].role, last[-1].source_text) == ("outro", "That was Tea in Five Steps.")
    assert last[-2].pause_after_ms >= 900  # a breath before the outro, as before a heading


def test_with_intro_chapter_they_are_chapters_of_their_own(tmp_path: Path) -> None:
    framing = Framing(SHOW, intro="Welcome.", outro="Goodbye.", intro_audio="jingle.flac",
                      intro_chapter=True)
    script = make_script(str(_page(tmp_path)), Reading(framing=framing))
    assert [c.title for c in script.chapters][:2] == ["Intro", "Tea in Five Steps"]
    assert script.chapters[-1].title == "Outro"
    intro = script.chapters[0].utterances
    assert [(u.role, u.sound, u.text) for u in intro] == [("intro", "jingle.flac", ""),
                                                          ("intro", None, "Welcome.")]
    assert json.loads(script.to_json())["chapters"][0]["utterances"][0]["sound"] == "jingle.flac"


def test_the_intro_and_outro_chapters_are_named_in_the_episodes_language(tmp_path: Path) -> None:
    """A German episode's chapters are named in German ('Intro' in every language
    before), from the structure words of script/wording.py."""
    page = tmp_path / "tee.html"
    page.write_text('<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Tee in '
                    'fünf Schritten</title></head><body><article><h1>Tee in fünf Schritten</h1>'
                    '<p>Das Wasser wird gekocht und danach eine Minute lang abgekühlt, bevor es '
                    'über die Blätter gegossen wird.</p><h2>Ziehen lassen</h2><p>Drei Minuten '
                    'sind genug für schwarzen Tee, grüner Tee braucht weniger Zeit.</p>'
                    '</article></body></html>', encoding="utf-8")
    framing = Framing(SHOW, intro="Willkommen.", outro="Bis bald.", intro_chapter=True)
    german = make_script(str(page), Reading(framing=framing))
    assert [c.title for c in german.chapters] == ["Einleitung", "Tee in fünf Schritten",
                                                  "Ziehen lassen", "Schluss"]
    english = make_script(str(_page(tmp_path)), Reading(framing=framing))
    assert (english.chapters[0].title, english.chapters[-1].title) == ("Intro", "Outro")


def test_placeholders_are_filled_with_the_pages_words_as_data(tmp_path: Path) -> None:
    """A title that looks like a placeholder is said as it is written; a field the
    page lacks (here the author) is empty."""
    framing = Framing(SHOW, intro="{title}, by {author}, on {show}.")
    page = _page(tmp_path, title="Why {show} and {author} matter")
    intro = make_script(str(page), Reading(framing=framing)).chapters[0].utterances[0]
    assert intro.source_text == "Why {show} and {author} matter, by , on Greenstep Audio."


def test_the_author_and_date_fill_their_placeholders(tmp_path: Path) -> None:
    framing = Framing(SHOW, intro="By {author}, {date}.")
    page = _page(tmp_path, author="Mira Holt")
    intro = make_script(str(page), Reading(framing=framing)).chapters[0].utterances[0]
    assert intro.source_text == "By Mira Holt, 2026-03-14."
    assert "March" in intro.text and "2026" not in intro.text  # the date is said in words


@pytest.mark.parametrize("fields, problem", [
    ({"intro": "Welcome to {podcast}."}, "intro names {podcast}, but only {title}, {show}, "
                                          "{author}, {date} exist"),
    ({"outro": "That was {title!r}."}, "outro names {title!r}"),
    ({"intro": "{title.upper}"}, "intro names {title.upper}"),
    ({"intro": "An open { brace"}, "intro is not a text with placeholders"),
    ({"intro_audio": "missing.mp3"}, "intro_audio"),
    ({"intro_chapter": "yes"}, "intro_chapter must be true or false"),
])
def test_bad_framing_settings_are_one_line_before_anything_is_built(
        tmp_path: Path, fields: dict, problem: str) -> None:
    config, out = _config(tmp_path, **fields), tmp_path / "out"
    result = run_cli("build", str(_page(tmp_path)), "--out", str(out), "--config", str(config))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and problem in lines[0] and str(config) in lines[0], lines
    assert not out.exists()


def test_a_sound_ffmpeg_cannot_read_is_a_settings_error(tmp_path: Path) -> None:
    (tmp_path / "jingle.mp3").write_text("not audio at all")
    config, out = _config(tmp_path, intro_audio="jingle.mp3"), tmp_path / "out"
    result = run_cli("build", str(_page(tmp_path)), "--out", str(out), "--config", str(config))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "jingle.mp3: cannot be read as audio" in lines[0], lines
    assert not (out / "feed.xml").exists()


# -- the episode, its companions and the decoded audio ----------------------------------------

def _decoded(path: Path) -> np.ndarray:
    result = run_ffmpeg("-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(RATE),
                        "-")
    return np.frombuffer(result.stdout, dtype="<i2").astype(np.float64)


def _rms(samples: np.ndarray, start: float, end: float) -> float:
    part = samples[int(start * RATE):int(end * RATE)]
    return float(np.sqrt(np.mean(part ** 2))) if part.size else 0.0


def _loudness(samples: np.ndarray, start: float, end: float) -> float:
    pcm = samples[int(start * RATE):int(end * RATE)].astype("<i2").tobytes()
    return pcm_loudness(pcm, RATE)


def _build(tmp_path: Path, **fields) -> Path:
    out = tmp_path / "out"
    config = _config(tmp_path, **fields)
    result = run_cli("build", str(_page(tmp_path)), "--out", str(out), "--config", str(config),
                     "--jobs", "1", "--daisy", env={"XDG_CACHE_HOME": str(SESSION_CACHE)})
    assert result.returncode == 0, result.stderr
    return out / "tea"


def _in_step(folder: Path) -> dict:
    """Check that every companion keeps the times of the Timeline (as the utterance
    record writes them) and that the decoded audio has speech and silence there."""
    record = json.loads(only(folder, "utterances-*.json").read_text())["utterances"]
    chapters = json.loads(only(folder, "chapters-*.json").read_text())["chapters"]
    audio = _decoded(only(folder, "tea-*.mp3"))
    assert abs(len(audio) / RATE - json.loads((folder / "episode.json").read_text())
               ["duration_seconds"]) < 0.05
    # each utterance is heard where the Timeline says, and its pause is silent
    for row in record:
        speech = _rms(audio, row["start"] + 0.03, row["speech_end"] - 0.03)
        assert speech > 300, row
        if row["end"] - row["speech_end"] >= 0.25:
            assert _rms(audio, row["speech_end"] + 0.06, row["end"] - 0.06) < speech / 30, row
    # chapters start where their first utterance starts (the first at 0)
    starts = {row["start"] for row in record}
    assert chapters[0]["startTime"] == 0
    assert all(c["startTime"] in starts for c in chapters[1:] if c["title"] != "Intro")
    # captions: every cue lies inside an utterance's speech
    cues = re.findall(r"(\d\d):(\d\d):(\d\d\.\d{3}) --> (\d\d):(\d\d):(\d\d\.\d{3})",
                      only(folder, "transcript-*.vtt").read_text())
    spans = [(row["start"], row["speech_end"]) for row in record]
    for cue in cues:
        begin = int(cue[0]) * 3600 + int(cue[1]) * 60 + float(cue[2])
        end = int(cue[3]) * 3600 + int(cue[4]) * 60 + float(cue[5])
        assert any(s - 0.0005 <= begin and end <= e + 0.0005 for s, e in spans), cue
    # the EPUB's overlay pairs each element with the Timeline's clip
    with zipfile.ZipFile(only(folder, "tea-*.epub")) as book:
        smil = etree.fromstring(book.read("EPUB/content.smil"))
        nav = etree.fromstring(book.read("EPUB/nav.xhtml"))
        content = etree.fromstring(book.read("EPUB/content.xhtml"))
    clips = [(float(a.get("clipBegin")[:-1]), float(a.get("clipEnd")[:-1]))
             for a in smil.iter("{http://www.w3.org/ns/SMIL}audio")]
    ids = {e.get("id"): e for e in content.iter() if e.get("id")}
    targets = [a.get("href").split("#")[1] for a in nav.iter("{http://www.w3.org/1999/xhtml}a")]
    assert len(targets) == len(chapters) and all(t in ids for t in targets)
    # the player page: passages and chapter buttons at the Timeline's times
    page = lxml_html.parse(str(folder / "index.html")).getroot()
    passages = [float(d.get("data-start")) for d in page.find_class("utterance")]
    buttons = [float(b.get("data-start")) for b in page.xpath("//nav//button[@data-start]")]
    assert buttons == [c["startTime"] for c in chapters]
    assert set(passages) <= starts
    return {"record": record, "chapters": chapters, "clips": clips, "audio": audio,
            "ids": ids, "targets": targets, "passages": passages,
            "ncc": (folder / "daisy" / "ncc.html").read_text(),
            "smil": (folder / "daisy" / "s001.smil").read_text()}


@pytest.mark.slow
def test_a_spoken_intro_and_outro_keep_every_time_exact(tmp_path: Path) -> None:
    found = _in_step(_build(tmp_path, intro="Welcome to {show}. Today: {title}.",
                            outro="That was {title}, on {show}."))
    record, chapters = found["record"], found["chapters"]
    assert [r["role"] for r in record][:2] == ["intro", "title"]
    assert record[0]["source_text"] == "Welcome to Greenstep Audio. Today: Tea in Five Steps."
    assert record[-1]["role"] == "outro"
    assert [c["title"] for c in chapters] == ["Tea in Five Steps", "Brewing", "Timing", "Serving"]
    assert chapters[-1]["endTime"] == pytest.approx(record[-1]["end"], abs=0.001)
    title = record[1]
    assert [(round(b, 3), round(e, 3)) for b, e in found["clips"]] == [
        (r["start"], r["speech_end"]) for r in record]
    assert found["passages"][0] == record[0]["start"]  # the intro is a passage of the page
    assert title["start"] > record[0]["speech_end"]
    assert re.search(r'<h1 id="h0" class="title">\s*<a href="s001.smil#par0">Tea in Five Steps<',
                     found["ncc"])


@pytest.mark.slow
def test_intro_music_and_chapters_of_their_own(tmp_path: Path) -> None:
    """A loud stereo tone as the intro (brought down to the speech's loudness), a
    spoken outro and a quiet tone after it, each chapter named Intro and Outro."""
    _tone(tmp_path / "jingle.ogg", 1.5, 0.9)
    _tone(tmp_path / "closing.flac", 1.0, 0.05)
    found = _in_step(_build(tmp_path, intro_audio="jingle.ogg", outro="Goodbye from {show}.",
                            outro_audio="closing.flac", intro_chapter=True))
    record, chapters, audio = found["record"], found["chapters"], found["audio"]
    assert [c["title"] for c in chapters] == ["Intro", "Tea in Five Steps", "Brewing", "Timing",
                                              "Serving", "Outro"]
    assert record[0]["role"] == "title"  # the sounds have no words: not in the record
    intro, outro = chapters[0], chapters[-1]
    assert intro["endTime"] == record[0]["start"]
    assert outro["startTime"] == record[-1]["start"] and record[-1]["role"] == "outro"
    # the tone lasts as long as its file, from the lead-in on, and is heard there
    tone_end = intro["endTime"] - 0.8  # the pause after the intro
    assert tone_end - 0.3 == pytest.approx(1.5, abs=0.002)
    music = _loudness(audio, 0.35, tone_end - 0.05)
    speech = _loudness(audio, record[0]["start"], record[3]["speech_end"])
    assert abs(music - speech) < 2.5, (music, speech)
    closing = _loudness(audio, outro["endTime"] - 1.0, outro["endTime"] - 0.05)
    assert abs(closing - speech) < 2.5, (closing, speech)
    # no caption while the music plays; the EPUB names the music's chapter and plays it
    assert found["ids"][found["targets"][0]].text == "Intro"
    assert found["clips"][0] == pytest.approx((0.3, tone_end), abs=0.001)
    # DAISY opens with the title, whose entry plays the intro first
    assert re.search(r'<h1 id="h0" class="title">\s*<a href="s001.smil#par0">Tea in Five Steps<',
                     found["ncc"])
    assert 'clip-begin="npt=0.300s"' in found["smil"]
