"""Start-up: the plain help keeps every command, option and help text; typer words every error; --help imports
neither pydantic nor rich, and no run imports typer's rich help. The CLI uses typer's public interface only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLAIMS, SEEDS
from typer.main import get_command
from typer.testing import CliRunner

from summitcheck.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def test_help_lists_every_command_with_its_whole_help() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    group = get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert name in text
        assert " ".join(command.help.split()) in text, name
    assert "--version" in text and "-h, --help" in text


@pytest.mark.parametrize("name", ["verify", "report", "coverage", "explain", "show-claims"])
def test_command_help_shows_every_option_help_and_default(name: str) -> None:
    result = runner.invoke(app, [name, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    command = get_command(app).commands[name]  # type: ignore[attr-defined]
    for param in command.params:
        for opt in param.opts if param.param_type_name == "option" else []:
            assert opt in text, (name, opt)
        help_text = getattr(param, "help", None)
        if help_text:
            assert " ".join(help_text.split()) in text, (name, param.name)
    if name == "verify":
        assert "[default: 0; x>=0]" in text
        assert "[default: contradicted,unsupported]" in text  # rich help took this for markup and dropped it


def test_no_arguments_prints_the_help_and_exits_2() -> None:
    result = runner.invoke(app, [], prog_name="summitcheck")
    assert result.exit_code == 2
    assert "Usage: summitcheck" in result.output and "show-claims" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--jobs", "-1"], "greater than or equal to 0"),
        (["--jobs", "x"], "valid integer"),
        (["--tolerance", "abc"], "valid number"),
        (["-o", "."], "is a directory"),
    ],
)
def test_bad_values_are_typers_errors(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["verify", str(CLAIMS), "--seeds", str(SEEDS), *args], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert message in result.output


def _imported(*args: str) -> set[str]:
    code = ("import sys\nsys.argv = ['summitcheck', *sys.argv[1:]]\nfrom summitcheck.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('\\0' + ' '.join(sorted(sys.modules)))\n")
    env = {**os.environ, "COLUMNS": "120"}
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    return set(out.stderr.rsplit("\0", 1)[1].split())


@pytest.mark.parametrize("args", [["--help"], ["verify", "--help"], ["verify", "-f", "json"], ["show-claims"]])
def test_help_imports_no_rich_and_the_top_help_no_pydantic(args: list[str]) -> None:
    modules = _imported(*args)
    assert "typer.rich_utils" not in modules
    if "--help" in args:
        assert not {m for m in modules if m == "rich" or m.startswith("rich.")}
        light = {"summitcheck.cli", "summitcheck.report", "summitcheck.report.output", "summitcheck.report.text"}
        assert not {m for m in modules if m.startswith("summitcheck.") and m not in light}
    if args == ["--help"]:  # typer coerces the group's own options through pydantic as soon as a command is named
        assert "pydantic" not in modules


def test_the_cli_uses_no_private_part_of_typer() -> None:
    source = (ROOT / "summitcheck" / "cli.py").read_text(encoding="utf-8")
    assert "typer._" not in source and "_runtime_param" not in source and "TYPER_RICH" not in source
