"""The talking books: EPUB 3 with Media Overlays (checked by EPUBCheck) and DAISY
2.02; every heading is one chapter, one nav entry and one NCC heading, at the same
level and in the same order."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import PAGES, decoded_seconds, run_cli

NS = {"x": "http://www.w3.org/1999/xhtml", "s": "http://www.w3.org/ns/SMIL",
      "o": "http://www.idpf.org/2007/opf", "e": "http://www.idpf.org/2007/ops"}


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("book") / "out"
    result = run_cli("build", str(PAGES / "structure.html"), "--out", str(out), "--daisy")
    assert result.returncode == 0, result.stderr
    return out / "structure"


def _record(edition: Path) -> dict:
    return json.loads((edition / "episode.json").read_text())


def _epub(edition: Path) -> zipfile.ZipFile:
    (path,) = edition.glob("*.epub")
    return zipfile.ZipFile(path)


def _seconds(clock: str) -> float:
    return float(clock.rstrip("s"))


def _epubcheck() -> list[str] | None:
    """The command that runs EPUBCheck: $EPUBCHECK (its jar or a command), else
    `epubcheck` on PATH; a jar (Debian installs one as the command) runs with java."""
    found = os.environ.get("EPUBCHECK") or shutil.which("epubcheck")
    if not found or not Path(found).is_file():
        return None
    with open(found, "rb") as stream:
        is_jar = stream.read(2) == b"PK"
    if not is_jar:
        return [found]
    return ["java", "-jar", found] if shutil.which("java") else None


@pytest.mark.slow
def test_epubcheck_finds_nothing(edition: Path) -> None:
    command = _epubcheck()
    if command is None:
        pytest.skip("EPUBCheck is not installed (Debian package epubcheck; .ci/run installs it "
                    "where apt runs as root; or set EPUBCHECK to its jar)")
    (path,) = edition.glob("*.epub")
    result = subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in output, output


def test_epub_container_and_overlay(edition: Path) -> None:
    book = _epub(edition)
    first = book.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert book.read("mimetype") == b"application/epub+zip"
    opf = etree.fromstring(book.read("EPUB/package.opf"))
    durations = opf.xpath("//o:meta[@property='media:duration']", namespaces=NS)
    assert {d.get("refines") for d in durations} == {"#overlay", None}
    total = sum(float(part) * 60 ** i for i, part in enumerate(reversed(durations[0].text.split(":"))))
    assert abs(total - _record(edition)["duration_seconds"]) < 0.01
    assert opf.xpath("//o:meta[@property='media:active-class']", namespaces=NS)[0].text in \
        book.read("EPUB/book.css").decode()
    content = etree.fromstring(book.read("EPUB/content.xhtml"))
    smil = etree.fromstring(book.read("EPUB/content.smil"))
    pars = smil.xpath("//s:par", namespaces=NS)
    ids = content.xpath("//x:section//*[@id]/@id", namespaces=NS)
    assert [p.find("s:text", NS).get("src").split("#")[1] for p in pars] == ids  # every element, in order
    (mp3,) = edition.glob("*.mp3")
    length = decoded_seconds(mp3)
    clips = [(_seconds(p.find("s:audio", NS).get("clipBegin")), _seconds(p.find("s:audio", NS).get("clipEnd")))
             for p in pars]
    assert all(a < b for a, b in clips) and clips == sorted(clips) and clips[-1][1] <= length + 0.05
    french = content.xpath("//*[@lang='fr']", namespaces=NS)
    assert len(french) == 1


def _nav_entries(book: zipfile.ZipFile) -> list[tuple[str, int]]:
    nav = etree.fromstring(book.read("EPUB/nav.xhtml"))
    return [(a.text, len(a.xpath("ancestor::x:ol", namespaces=NS)))
            for a in nav.xpath("//x:nav[@e:type='toc']//x:a", namespaces=NS)]


def test_headings_chapters_nav_and_ncc_agree(edition: Path) -> None:
    chapters = [(c["title"], c["level"]) for c in _record(edition)["chapters"]]
    nav = _nav_entries(_epub(edition))
    ncc = etree.parse(str(edition / "daisy" / "ncc.html")).getroot()
    headings = [(h.xpath("string(.)").strip(), int(h.tag[-1]))
                for h in ncc.xpath("//x:body/*[starts-with(local-name(), 'h')]", namespaces=NS)]
    assert [t for t, _ in chapters] == [t for t, _ in nav] == [t for t, _ in headings]
    assert [lvl for _, lvl in chapters] == [lvl for _, lvl in nav] == [lvl for _, lvl in headings] \
        == [1, 2, 2, 2, 3, 3, 2]


def test_daisy_ncc(edition: Path) -> None:
    daisy = edition / "daisy"
    ncc = etree.parse(str(daisy / "ncc.html")).getroot()
    meta = {m.get("name"): m.get("content") for m in ncc.xpath("//x:meta[@name]", namespaces=NS)}
    for name in ("dc:title", "dc:identifier", "dc:language", "dc:creator", "dc:date", "dc:publisher",
                 "ncc:charset", "ncc:tocItems", "ncc:totalTime", "ncc:depth", "ncc:pageFront",
                 "ncc:pageNormal", "ncc:pageSpecial"):
        assert meta.get(name), name
    assert meta["dc:format"] == "Daisy 2.02"
    headings = ncc.xpath("//x:body/*[starts-with(local-name(), 'h')]", namespaces=NS)
    assert int(meta["ncc:tocItems"]) == len(headings) == 7
    assert int(meta["ncc:depth"]) == max(int(h.tag[-1]) for h in headings) == 3
    assert headings[0].tag.endswith("h1") and headings[0].get("class") == "title"
    hours, minutes, seconds = map(int, meta["ncc:totalTime"].split(":"))
    assert abs(hours * 3600 + minutes * 60 + seconds - decoded_seconds(daisy / "audio.mp3")) <= 1
    for heading in headings:  # every link resolves, and its SMIL points back
        target, fragment = heading.find("x:a", NS).get("href").split("#")
        smil = etree.parse(str(daisy / target)).getroot()
        (par,) = smil.xpath(f"//par[@id='{fragment}']")
        assert par.find("text").get("src") == f"ncc.html#{heading.get('id')}"
        for audio in par.iter("audio"):
            assert (daisy / audio.get("src")).is_file()
            begin, end = (float(re.search(r"npt=([\d.]+)s", audio.get(k)).group(1))
                          for k in ("clip-begin", "clip-end"))
            assert begin < end


def test_daisy_without_mp3_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("build", str(PAGES / "short.html"), "--out", str(tmp_path), "--daisy",
                     "--format", "m4a")
    assert result.returncode == 2 and "DAISY book needs the mp3 format" in result.stderr
    assert not list(tmp_path.glob("*/*.m4a"))  # refused before any work
