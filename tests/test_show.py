"""The show's settings and cover: bounded, fit for a feed line, refused in one line
when they cannot be published (small files written for each test)."""
from __future__ import annotations

import io
import re
from pathlib import Path

import feedparser
import lxml.html
import pytest
from PIL import Image

from audio_edition.printable import bidi_balanced
from audio_edition.publish.cover import CoverError, checked_cover
from audio_edition.publish.show import ConfigError, load_show
from conftest import article, run_cli

SENTENCE = "The ferry leaves the harbour at seven and returns before the evening tide."
RLO, PDF = "\u202e", "\u202c"


def _tree(folder: Path) -> list[str]:
    """Every file and folder below `folder`, links included, as relative paths."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _refused(tmp_path: Path, config: str, *args: str) -> str:
    """Build with `config`: the one line of the refusal, after checking that the
    build exited 2 and wrote nothing anywhere in the temporary tree."""
    page = tmp_path / "page.html"
    page.write_text(article("Ferries", SENTENCE))
    path = tmp_path / "audio-edition.toml"
    path.write_text(config, encoding="utf-8")
    before = _tree(tmp_path)
    result = run_cli("build", str(page), "--out", str(tmp_path / "out"), "--config", str(path),
                     *args)
    assert result.returncode == 2, result.stderr
    assert _tree(tmp_path) == before
    (line,) = result.stderr.strip().splitlines()
    return line


@pytest.mark.parametrize("config, args, message", [
    ('[show]\nbase_url = "https://maren:s3cret@greenstep.example/audio/"\n', (),
     "base_url must not hold a user name or password"),
    ('[show]\nlink = "https://maren@greenstep.example/"\n', (), "link must not hold a user name"),
    ("", ("--base-url", "https://greenstep.example/audio?token=1"),
     "--base-url: base_url must not have a query or fragment"),
    ('[show]\nbase_url = "https://greenstep.example/audio/#top"\n', (),
     "base_url must not have a query or fragment"),
    ('[show]\nbase_url = "https://[greenstep.example/"\n', (), "must be an absolute http(s) URL"),
    (f'[show]\ndescription = "{"Tides. " * 600}"\n', (),
     "description is 4,200 characters long; at most 4,000 are taken"),
    (f'[show]\ntitle = "{"T" * 256}"\n', (), "title is 256 characters long; at most 255"),
    ("", ("--title", "Ferries\x1b[2J"), "--title: title holds a control character (\\x1b)"),
])
def test_a_show_that_cannot_be_published_is_one_line(tmp_path: Path, config: str, args,
                                                     message: str) -> None:
    """Credentials in a URL would be published in every enclosure (and the feed's
    guid derived from them); a query on the base URL lost its path silently; a
    50 MB description made a 100 MB feed. None of these builds anything."""
    line = _refused(tmp_path, config, *args)
    assert message in line and "s3cret" not in line, line


def test_near_misses_of_refused_settings_are_kept_whole(tmp_path: Path) -> None:
    """The show's web page may have a query and a fragment (published as given); a
    base URL without a trailing slash or with a port is a folder; 4,000
    characters of description and 255 of title are taken."""
    path = tmp_path / "audio-edition.toml"
    path.write_text('[show]\nlink = "https://greenstep.example/?page=audio#latest"\n'
                    'base_url = "http://127.0.0.1:8080/audio"\n'
                    f'description = "{"x" * 4000}"\ntitle = "{"T" * 255}"\n', encoding="utf-8")
    show = load_show(path)
    assert show.link == "https://greenstep.example/?page=audio#latest"
    assert show.url("feed.xml") == "http://127.0.0.1:8080/audio/feed.xml"
    assert (len(show.description), len(show.title)) == (4000, 255)


def test_a_wrapped_title_is_one_line_and_closes_its_overrides(tmp_path: Path) -> None:
    """A title written over two lines in the config is one title (its line break
    reached the feed's and the pages' <title> raw); a description keeps its
    paragraphs; each line closes the right-to-left override it opens."""
    path = tmp_path / "audio-edition.toml"
    path.write_text(f'[show]\ntitle = """Greenstep\n  Audio {RLO}Live"""\n'
                    f'description = """First {RLO}line.\n\nSecond line."""\n', encoding="utf-8")
    show = load_show(path)
    assert show.title == f"Greenstep Audio {RLO}Live{PDF}"
    assert show.description == f"First {RLO}line.{PDF}\n\nSecond line."
    with pytest.raises(ConfigError, match="owner_email holds a control character"):
        path.write_text('[show]\nowner_email = "a@b.example\\u0007"\n', encoding="utf-8")
        load_show(path)


@pytest.mark.parametrize("text, balanced", [
    (f"Title {RLO}reversed", f"Title {RLO}reversed{PDF}"),
    (f"Closed {RLO}here{PDF} and on", f"Closed {RLO}here{PDF} and on"),  # near miss: as it is
    (f"Stray{PDF} close", "Stray close"),
    ("Isolate \u2067x\u202ey\u2069 z", "Isolate \u2067x\u202ey\u202c\u2069 z"),
    ("Plain title", "Plain title"),
])
def test_directional_controls_are_balanced(text: str, balanced: str) -> None:
    assert bidi_balanced(text) == balanced


@pytest.mark.slow
def test_titles_reach_the_feed_and_pages_as_one_balanced_line(tmp_path: Path) -> None:
    """The configured title's line break and the article title's unclosed
    right-to-left override never reach a <title> as they were: the override of
    the article's title turned the show's name after it around in the player
    page's <title>."""
    page = tmp_path / "page.html"
    page.write_text(article(f"Ferries {RLO}at dawn", SENTENCE), encoding="utf-8")
    path = tmp_path / "audio-edition.toml"
    path.write_text('[show]\ntitle = """Greenstep\nAudio"""\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", str(page), "--out", str(out), "--config", str(path))
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse(str(out / "feed.xml"))
    assert feed.feed.title == "Greenstep Audio"
    assert feed.entries[0].title == f"Ferries {RLO}at dawn{PDF}"
    player = next(out.glob("*/index.html"))
    titles = [lxml.html.parse(str(p)).findtext(".//title") for p in (out / "index.html", player)]
    assert titles[0] == "Greenstep Audio"
    assert titles[1].startswith(f"Ferries {RLO}at dawn{PDF}") and "Greenstep Audio" in titles[1]
    assert not any(re.search(r"[\n\r]", t) for t in titles)


def _image(kind: str, size: int, mode: str = "RGB") -> bytes:
    image = Image.new(mode, (size, size))
    if mode == "RGB":
        image.putdata([(x % 251, x % 241, x % 239) for x in range(size * size)])
    data = io.BytesIO()
    image.save(data, kind)
    return data.getvalue()


def test_a_truncated_cover_is_refused_in_one_line(tmp_path: Path) -> None:
    """Pillow reads a JPEG's header happily when the rest is missing: the cover
    is decoded whole before it is published (no decoder could finish it)."""
    whole = _image("JPEG", 1400)
    (tmp_path / "cut.jpg").write_bytes(whole[:len(whole) // 2])
    line = _refused(tmp_path, '[show]\nimage = "cut.jpg"\n')
    assert "cut.jpg: not an image that can be decoded whole" in line, line
    (tmp_path / "whole.jpg").write_bytes(whole)  # near miss: the same picture, whole
    assert checked_cover(tmp_path / "whole.jpg") == (whole, "image/jpeg")
    (tmp_path / "cut.png").write_bytes(_image("PNG", 1400)[:-2000])
    with pytest.raises(CoverError, match="decoded whole"):
        checked_cover(tmp_path / "cut.png")


def test_a_very_large_cover_is_one_line_without_pillows_warning(tmp_path: Path) -> None:
    """100 million pixels (a 12 kB PNG) made Pillow print its warning and the line
    of its source before our refusal."""
    (tmp_path / "large.png").write_bytes(_image("PNG", 10_000, mode="1"))
    line = _refused(tmp_path, '[show]\nimage = "large.png"\n')
    assert "large.png: the image is far larger than a cover" in line, line
