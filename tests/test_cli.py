"""The command line is documented: every command has help with an example, and
the README names every command and option."""
from __future__ import annotations

import click
from click.testing import CliRunner

from audio_edition.cli import main
from conftest import ROOT, run_cli


def test_python_dash_m_works() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and "audio-edition" in result.stdout


def test_every_command_has_help_with_an_example() -> None:
    for name, command in main.commands.items():
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example:" in result.output, name


def test_readme_documents_every_command_and_option() -> None:
    readme = (ROOT / "README.md").read_text()
    for name, command in main.commands.items():
        assert f"audio-edition {name}" in readme, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert any(opt in readme for opt in param.opts), (name, param.opts)


def test_usage_error_exits_2() -> None:
    result = run_cli("build")
    assert result.returncode == 2
