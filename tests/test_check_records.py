"""The records of an output folder are input, not trusted paths (the second red
team's findings 1, 2, 5 and 9): `check` reads and writes only inside the episode's
own folder, never through a symbolic link, and a tampered record is refused in one
line, in time and memory bounded by the audio it describes."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from audio_edition import check
from conftest import article, run_cli

pytest.importorskip("faster_whisper", reason="the listening check needs the [check] extra")
pytestmark = pytest.mark.slow

PARAGRAPHS = ["The lighthouse keeper painted the stairs blue every spring.",
              "Visitors climb them on Sundays to watch the boats come home."]


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    """One built episode, copied by each test before it tampers with it."""
    root = tmp_path_factory.mktemp("edition")
    page = root / "keeper.html"
    page.write_text(article("The Keeper's Stairs", *PARAGRAPHS))
    out = root / "out"
    built = run_cli("build", str(page), "--out", str(out), "--quiet")
    assert built.returncode == 0, built.stderr
    return out


@pytest.fixture
def tree(tmp_path: Path, edition: Path) -> Path:
    """A temporary tree: the edition in `out/`, and a bystander's folder beside it."""
    shutil.copytree(edition, tmp_path / "out")
    (tmp_path / "victim").mkdir()
    (tmp_path / "victim" / "notes.txt").write_text("mine\n")
    return tmp_path


def _files(root: Path) -> dict[str, bytes]:
    """Every file and link of a tree with what it holds (a link: where it points)."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            found[str(path.relative_to(root))] = f"-> {path.readlink()}".encode()
        elif path.is_file():
            found[str(path.relative_to(root))] = path.read_bytes()
    return found


def _record(tree: Path) -> tuple[Path, dict]:
    path = tree / "out" / "keeper" / "episode.json"
    return path, json.loads(path.read_text())


def _timing(tree: Path) -> tuple[Path, dict]:
    _, record = _record(tree)
    path = tree / "out" / record["extras"]["utterances.json"]["path"]
    return path, json.loads(path.read_text())


def _tamper_timing(tree: Path, timing: dict) -> None:
    """Write a timing record and make the episode record agree on its size, as a
    careful attacker would (else the episode is merely incomplete)."""
    path, _ = _timing(tree)
    path.write_text(json.dumps(timing))
    record_path, record = _record(tree)
    record["extras"]["utterances.json"]["bytes"] = path.stat().st_size
    record_path.write_text(json.dumps(record))


def _refused(tree: Path, before: dict[str, bytes], *words: str) -> str:
    """Check the edition: one error line saying why, exit 1, no file written anywhere."""
    result = run_cli("check", str(tree / "out"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stdout.splitlines() + result.stderr.splitlines() if line]
    assert len(lines) == 1, lines
    assert all(word in lines[0] for word in words), lines[0]
    assert _files(tree) == before
    return lines[0]


def test_a_slug_that_leads_out_of_its_folder_is_refused(tree: Path):
    path, record = _record(tree)
    record["slug"] = "../victim"
    path.write_text(json.dumps(record))
    line = _refused(tree, _files(tree), "episode.json", "slug", "'../victim'")
    assert "victim" not in {p.name for p in (tree / "victim").iterdir()} - {"notes.txt"}
    assert line.startswith("audio-edition: error: ")


def test_a_file_path_that_leads_out_of_its_folder_is_refused(tree: Path):
    """An `extras` path of `../x.json` would be read from outside the folder."""
    (tree / "out" / "x.json").write_text(json.dumps({"lang": "en", "utterances": []}))
    path, record = _record(tree)
    record["extras"]["utterances.json"]["path"] = "../x.json"
    path.write_text(json.dumps(record))
    _refused(tree, _files(tree), "episode.json", "'../x.json'", "not a file of its folder")


@pytest.mark.parametrize("name", ["check.html", "check.json"])
def test_a_report_name_that_is_a_link_is_never_written_through(tree: Path, name: str):
    (tree / "out" / "keeper" / name).symlink_to(tree / "victim" / "notes.txt")
    _refused(tree, _files(tree), "check keeper: refused", "symbolic link")
    assert (tree / "victim" / "notes.txt").read_text() == "mine\n"


def test_a_faithful_episode_is_heard_and_its_reports_replace_old_ones(tree: Path):
    """The near miss of the tests above: real folders and real files are written."""
    folder = tree / "out" / "keeper"
    (folder / "check.html").write_text("an old report")
    result = run_cli("check", str(tree / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "check keeper: passed" in result.stdout
    assert "Listening check" in (folder / "check.html").read_text()
    assert json.loads((folder / "check.json").read_text())["status"] == "passed"
    assert (tree / "victim" / "notes.txt").read_text() == "mine\n"


def test_a_timing_record_of_repeated_rows_is_refused_before_it_is_read(tree: Path):
    """The red team's 145 MB record ran for minutes at 2.8 GB; a few MB make the point:
    the record is larger than one of this audio can be."""
    _, timing = _timing(tree)
    timing["utterances"] = timing["utterances"] * 20000
    _tamper_timing(tree, timing)
    _refused(tree, _files(tree), "check keeper: refused", "larger than a timing record")


@pytest.mark.parametrize("change, words", [
    (lambda rows: rows[1].update(text=42), "text is not text"),
    (lambda rows: rows[1].update(text=None), "text is not text"),
    (lambda rows: rows.append(dict(rows[-1], index=len(rows))), "do not follow"),
    (lambda rows: rows[1].update(start="soon"), "not numbers"),
    (lambda rows: rows[1].update(end=10_000.0, speech_end=9_000.0), "do not follow"),
    (lambda rows: rows.__setitem__(1, ["a", "list"]), "not a JSON object"),
])
def test_a_timing_record_of_the_wrong_shape_is_refused(tree: Path, change, words: str):
    _, timing = _timing(tree)
    change(timing["utterances"])
    _tamper_timing(tree, timing)
    _refused(tree, _files(tree), "check keeper: refused", words)


def test_a_timing_record_whose_utterances_are_a_string_is_refused(tree: Path):
    _, timing = _timing(tree)
    timing["utterances"] = "many"
    _tamper_timing(tree, timing)
    _refused(tree, _files(tree), "check keeper: refused", "no list of utterances")


def test_a_record_whose_duration_is_not_its_audios_is_refused(tree: Path):
    path, record = _record(tree)
    record["duration_seconds"] = 36_000.0
    path.write_text(json.dumps(record))
    _refused(tree, _files(tree), "check keeper: refused", "its record says 36000.0 s")


# Re-test of the same findings by other roads: a record or a file it names that is no
# regular file of its own folder (a link out of it, a pipe, a device), JSON nested past
# Python's parser, an enclosure that is no audio, or a list ffmpeg follows to more.

def _link_out(tree: Path, path: Path) -> None:
    """Replace `path` by a link to a copy of it in the bystander's folder."""
    copy = tree / "victim" / path.name
    copy.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(copy)


@pytest.mark.parametrize("make, words", [
    (lambda tree, path: _link_out(tree, path), "a symbolic link, which is never followed"),
    (lambda tree, path: (path.unlink(), os.mkfifo(path)), "not a regular file"),
    (lambda tree, path: (path.unlink(), path.symlink_to("/dev/zero")), "symbolic link"),
    (lambda tree, path: path.write_text('{"slug": ' + "[" * 100_000 + "]" * 100_000 + "}"),
     "nested too deep"),
], ids=["link", "fifo", "device", "nested"])
def test_a_record_that_is_no_file_of_its_folder_is_refused(tree: Path, make, words: str):
    """A FIFO kept check waiting for ever, a link was read, JSON nested past Python's
    parser was a traceback."""
    path, _ = _record(tree)
    make(tree, path)
    _refused(tree, _files(tree), "episode.json", words)


@pytest.mark.parametrize("name", ["audio", "timing"])
def test_a_file_of_the_episode_that_links_out_of_its_folder_is_refused(tree: Path, name: str):
    """The audio and the timing record were read through a link from anywhere."""
    _, record = _record(tree)
    path = (tree / "out" / record["media"]["mp3"]["path"] if name == "audio"
            else _timing(tree)[0])
    _link_out(tree, path)
    _refused(tree, _files(tree), "check keeper: refused", path.name, "symbolic link")


def _enclosure(tree: Path, text: str) -> None:
    """The episode's audio replaced by `text`, the record made to agree on its size."""
    record_path, record = _record(tree)
    audio = tree / "out" / record["media"]["mp3"]["path"]
    shutil.copy(audio, audio.parent / "part.mp3")
    audio.write_text(text)
    record["media"]["mp3"]["bytes"] = audio.stat().st_size
    record_path.write_text(json.dumps(record))


def test_an_enclosure_that_is_no_audio_is_refused_in_one_line(tree: Path):
    _enclosure(tree, "not audio " * 11_000)
    _refused(tree, _files(tree), "check keeper: refused", "not audio that can be decoded")


def test_an_enclosure_that_lists_more_audio_than_its_bytes_hold_is_not_decoded(tree: Path):
    """A concat list of 28 KB naming one file 2,000 times was decoded whole (5.6 hours
    of audio, 1.5 GB) before its length was compared with the record's; here 4 KB
    that name 33 minutes."""
    _enclosure(tree, "ffconcat version 1.0\n" + "file part.mp3\n" * 200)
    _refused(tree, _files(tree), "check keeper: refused", "bytes of audio hold")


def test_an_enclosure_longer_than_its_record_is_decoded_no_further(tree: Path):
    """The near miss: bytes enough for its length (a list padded with a comment), so it
    is decoded, but only as far as the record says and a little more."""
    _enclosure(tree, "ffconcat version 1.0\n" + "# padding\n" * 3_000 + "file part.mp3\n" * 6)
    line = _refused(tree, _files(tree), "check keeper: refused", "its audio lasts")
    _, record = _record(tree)
    lasts = float(line.split("its audio lasts ")[1].split(" s")[0])
    assert lasts <= record["duration_seconds"] + 4 * check.DURATION_TOLERANCE, line
