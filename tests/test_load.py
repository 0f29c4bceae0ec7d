"""Load: encodings decided once, bad files refused with a clear reason."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from audio_edition.errors import InputError
from audio_edition.read.load import discover, load


def test_declared_windows_1252(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_bytes('<meta charset="windows-1252"><p>café – “quoted”</p>'.encode("cp1252"))
    loaded = load(str(page))
    assert "café – “quoted”" in loaded.html and loaded.encoding == "cp1252"


def test_utf16_with_bom(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_bytes(codecs.BOM_UTF16_LE + "<p>Grüße</p>".encode("utf-16-le"))
    assert "Grüße" in load(str(page)).html


def test_a_charset_declared_after_a_long_script_is_found(tmp_path: Path) -> None:
    """The declaration is looked for in the first 4 KiB, as far as a page's head
    scripts may push it (a news page declares windows-1250 after 2 KiB of script)."""
    script = "<script>" + "var x = 1;" * 250 + "</script>"
    page = tmp_path / "polski.html"
    page.write_bytes(f'<html><head>{script}<meta http-equiv="Content-Type" '
                     f'content="text/html; charset=windows-1250"></head><body>'
                     "<p>Zażółć gęślą jaźń.</p></body></html>".encode("windows-1250"))
    loaded = load(str(page))
    assert loaded.encoding == "cp1250" and "Zażółć gęślą jaźń." in loaded.html


def test_undeclared_legacy_bytes_fall_back_to_windows_1252(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_bytes("<p>naïve</p>".encode("latin-1"))
    loaded = load(str(page))
    assert "naïve" in loaded.html and loaded.encoding == "windows-1252"


@pytest.mark.parametrize("content, problem", [
    (b"", "file is empty"),
    (b"   \n\t ", "only whitespace"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a PNG image, not a web page"),
    (b'<meta charset="no-such-charset"><p>x</p>', "unknown encoding 'no-such-charset'"),
])
def test_bad_files(tmp_path: Path, content: bytes, problem: str) -> None:
    page = tmp_path / "bad.html"
    page.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load(str(page))
    assert str(caught.value).startswith(f"{page}: ") and problem in str(caught.value)


def test_missing_file_is_named_as_given() -> None:
    with pytest.raises(InputError, match=r"^no/such/page\.html: no such file$"):
        load("no/such/page.html")


def test_discover_expands_folders_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.html").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.htm").write_text("x")
    (tmp_path / "notes.txt").write_text("x")
    assert discover([str(tmp_path), "other.html"]) == [
        str(tmp_path / "b.html"), str(tmp_path / "sub" / "a.htm"), "other.html"]
