"""Progress a person can read: on a terminal (here a pseudo-terminal, its screen
read with pyte), one live display says how many articles there are and how far
the article in hand is; with -q or without a terminal nothing of it appears.
Everything is read as it appears, never waited for by the clock."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pyte
import pytest

from conftest import ROOT, SESSION_CACHE, article, run_cli
from terminal import Terminal

COLUMNS, LINES = 110, 30
#: Escape sequences a terminal acts on: what is left is the text it shows.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]")
#: A long article: 48 sentences and its title, spoken by two workers.
LONG = [" ".join(f"On day {day} of the walk, stretch {stretch} ran past a {sight}."
                 for stretch in range(1, 5))
        for day, sight in enumerate(["mill", "chapel", "ferry", "quarry", "harbour", "barn",
                                     "lighthouse", "orchard", "bridge", "market", "school",
                                     "station"], start=1)]


def _terminal(args: list[str], tmp_path: Path) -> Terminal:
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "TERM": "xterm-256color",
           "HOME": str(tmp_path), "XDG_CACHE_HOME": str(SESSION_CACHE)}
    return Terminal([sys.executable, "-m", "audio_edition", *args], env, tmp_path,
                    columns=COLUMNS, lines=LINES)


def _shown(terminal: Terminal) -> str:
    """Everything the program wrote, as text without the terminal's escape sequences."""
    return _ESCAPES.sub("", terminal.text())


def _screen(terminal: Terminal) -> list[str]:
    """The terminal's screen as a person sees it now, its lines with text."""
    screen = pyte.Screen(COLUMNS, LINES)
    pyte.ByteStream(screen).feed(terminal.output)
    return [line.rstrip() for line in screen.display if line.strip()]


def _counts(text: str, unit: str) -> list[tuple[int, int]]:
    return [(int(done), int(total)) for done, total in re.findall(rf"(\d+)/(\d+) {unit}", text)]


def _pages(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    long = folder / "long-walk.html"
    long.write_text(article("The [bold]Long[/bold] Walk", *LONG))
    short = folder / "short\x1b]0;owned\x07.html"  # a name that would set a terminal's title
    short.write_text(article("A Short Note", "The gate is open again.", "Bring a torch."))
    return [long, short]


@pytest.mark.slow
def test_a_build_on_a_terminal_shows_the_batch_and_the_article_in_hand(tmp_path: Path) -> None:
    # the short page first: the article in hand is shown by its file's name until it is
    # read; a later page is read while the one before is spoken, and shown by its title
    # (named from the terminal's folder, so that an 80-column line holds the name whole)
    pages = [page.relative_to(tmp_path) for page in _pages(tmp_path)[::-1]]
    cache = tmp_path / "cache"
    build = ["build", *map(str, pages), "--engine", "espeak", "--jobs", "2",
             "--cache-dir", str(cache)]
    with _terminal([*build, "--out", str(tmp_path / "cold")], tmp_path) as terminal:
        assert terminal.finish() == 0, terminal.text()
    shown = _shown(terminal)
    assert "0/2 articles" in shown and "1/2 articles" in shown  # the total, once known
    counts = _counts(shown, "sentences")
    whole = max(total for _, total in counts)
    assert whole > 48
    long = [done for done, total in counts if total == whole]
    assert long == sorted(long) and long[-1] == whole
    assert len({done for done in long if 0 < done < whole}) >= 2, long  # it rose as spoken
    assert re.search(rf"The \[bold\]Long\[/bold\] Walk +\d+/{whole} sentences", shown)
    assert "speaking" in shown and "encoding" in shown
    # page text is printed escaped: the file's name while it is read, never its raw bytes
    assert "short\\x1b]0;owned\\x07.html" in shown
    assert "\x1b]0;owned" not in terminal.text()
    screen = _screen(terminal)  # at the end: the lines of each article and the summary
    starts = [line.split()[0] for line in screen if line.startswith(("built ", "2 built"))]
    assert starts == ["built", "built", "2"]
    assert not [line for line in screen if re.search(r"\d+/\d+ (sentences|articles)", line)]

    # from a warm cache every sentence is ready at once: the count starts full
    with _terminal([*build, "--out", str(tmp_path / "warm")], tmp_path) as terminal:
        assert terminal.finish() == 0, terminal.text()
    counts = _counts(_shown(terminal), "sentences")
    assert {done for done, total in counts if total == whole} == {whole}


@pytest.mark.slow
def test_quiet_or_without_a_terminal_there_is_no_display(tmp_path: Path,
                                                         short_page: Path) -> None:
    with _terminal(["build", str(short_page), "--out", str(tmp_path / "quiet"), "-q"],
                   tmp_path) as terminal:
        assert terminal.finish() == 0, terminal.text()
    assert terminal.output == b""
    piped = run_cli("build", str(short_page), "--out", str(tmp_path / "piped"))
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == ""
    assert piped.stdout.startswith("built ") and "1 built, 0 failed" in piped.stdout
    assert "lists 1 episode;" in piped.stdout  # not "1 episodes"
    assert not re.search(r"\d+/\d+ (sentences|articles)", piped.stdout)
    assert "\x1b" not in piped.stdout


@pytest.mark.slow
def test_check_on_a_terminal_shows_the_episodes_and_the_seconds_heard(
        tmp_path: Path, short_page: Path) -> None:
    pytest.importorskip("faster_whisper", reason="the listening check needs the [check] extra")
    out = tmp_path / "out"
    built = run_cli("build", str(short_page), "--out", str(out))
    assert built.returncode == 0, built.stderr
    with _terminal(["check", str(out)], tmp_path) as terminal:
        status = terminal.finish()
    shown = _shown(terminal)
    assert "0/1 episodes" in shown
    heard = _counts(shown, "seconds heard")
    assert heard and heard[0][0] == 0 and heard[-1][0] == heard[-1][1] > 20, heard
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)
    assert "hearing" in shown
    assert any(line.startswith("check tea: ") for line in _screen(terminal)), status


def test_a_voice_fetched_on_a_terminal_shows_the_bytes_of_each_file(tmp_path: Path) -> None:
    from tiny_voice import VoiceSource

    source = VoiceSource({"de_DE-thorsten-medium": ("de", 300.0)})
    store = tmp_path / "voices"
    store.mkdir()
    (store / "voices.json").write_bytes(source.files["voices.json"])  # its catalogue
    try:
        with _terminal(["voices", "fetch", "de_DE-thorsten-medium", "--voice-dir", str(store),
                        "--source", source.url], tmp_path) as terminal:
            assert terminal.finish() == 0, terminal.text()
    finally:
        source.close()
    shown = _shown(terminal)
    for name, path in source.paths["de_DE-thorsten-medium"].items():
        size = len(source.files[path])
        assert re.search(rf"{re.escape(name)} .*{size}/{size} bytes|{re.escape(name)} .*"
                         rf"{size / 1000:.1f}/{size / 1000:.1f} kB", shown), (name, size, shown)
    assert "fetched into" in "".join(_screen(terminal))  # the line stays; the bars are gone
    assert not re.search(r"\d/\d", "".join(_screen(terminal)))


@pytest.mark.slow
def test_on_a_terminal_of_80_columns_a_long_title_leaves_room_for_the_count(tmp_path: Path) -> None:
    """A news headline is longer than the line: the title took the whole line and the
    count, the bar and the stage were cut to "0/8 s…"; the title is cut instead."""
    title = ("How the village council finally agreed, after eleven years of argument, to mend "
             "the harbour wall before the winter storms")
    page = tmp_path / "wall.html"
    page.write_text(article(title, *LONG[:3]))
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "TERM": "xterm-256color",
           "HOME": str(tmp_path), "XDG_CACHE_HOME": str(SESSION_CACHE)}
    with Terminal([sys.executable, "-m", "audio_edition", "build", str(page), "--out",
                   str(tmp_path / "out"), "--engine", "espeak", "--jobs", "1", "--no-cache"],
                  env, tmp_path, columns=80, lines=LINES) as terminal:
        assert terminal.finish() == 0, terminal.text()
    screen = pyte.Screen(80, LINES)
    stream = pyte.ByteStream(screen)
    seen = set()
    for chunk in terminal.chunks:  # every screen a person saw, as it was drawn
        stream.feed(chunk)
        seen.update(line.rstrip() for line in screen.display if "sentences" in line)
    hand = [line for line in seen if re.search(r"\d+/\d+ sentences .*(speaking|encoding)", line)]
    assert hand, seen
    assert all(line.startswith("  How the village") and "…" in line for line in hand), hand
