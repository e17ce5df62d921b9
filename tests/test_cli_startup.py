"""Start-up: the plain help keeps every command, option and help text; values coerced without pydantic are the
values typer's own adapters give, and typer still words every error; --help and the common runs import neither
pydantic nor typer's rich help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLAIMS, SEEDS
from typer.main import get_command
from typer.testing import CliRunner

from summitcheck import cli_typer
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
        assert "[default: 1; x>=0]" in text
        assert "[default: contradicted,unsupported]" in text  # rich help took this for markup and dropped it


def test_no_arguments_prints_the_help_and_exits_2() -> None:
    result = runner.invoke(app, [], prog_name="summitcheck")
    assert result.exit_code == 2
    assert "Usage: summitcheck" in result.stdout and "show-claims" in result.stdout


def _coerce_both(command_name: str, args: list[str]) -> tuple[dict, dict]:
    """The parameters as parsed through cli_typer's coercion and through typer's own adapters alone."""
    def parse(fast: bool) -> dict:
        group = get_command(app)
        command = group.commands[command_name]  # type: ignore[attr-defined]
        if fast:
            ctx = command.make_context(command_name, list(args))
        else:
            base = cli_typer.TyperCommand.parse_args
            ctx = command.context_class(command, info_name=command_name)
            with ctx.scope(cleanup=False):
                base(command, ctx, list(args))
        return dict(ctx.params)

    return parse(True), parse(False)


@pytest.mark.parametrize(
    "command_name, args",
    [
        ("verify", []),
        ("verify", ["-f", "json", "--seeds", "seeds", "claims", "claims/a.yaml"]),
        ("verify", ["--jobs", "2", "--tolerance", "0.2", "--fail-on", "contradicted", "--fail-on", "none"]),
        ("verify", ["--progress", "--no-cache", "-o", "out.json", "--baseline", "b.json", "--language", "fr"]),
        ("report", []),
        ("report", ["-o", "x.html", "--glossary", "g.yaml", "--aliases", "a.yaml"]),
        ("coverage", ["--all", "--fail-under", "50", "-f", "plain"]),
        ("explain", ["some-id", "claims"]),
        ("show-claims", ["--facts", "--seeds", "seeds"]),
    ],
)
def test_coerced_values_are_typers(command_name: str, args: list[str], tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    fast, slow = _coerce_both(command_name, args)
    assert fast == slow
    assert {k: type(v) for k, v in fast.items()} == {k: type(v) for k, v in slow.items()}


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
def test_common_runs_import_neither_pydantic_nor_rich_help(args: list[str]) -> None:
    modules = _imported(*args)
    assert "pydantic" not in modules
    assert "typer.rich_utils" not in modules
    if "--help" in args:
        assert not {m for m in modules if m == "rich" or m.startswith("rich.")}
        assert not {m for m in modules if m.startswith("summitcheck.") and m not in
                    {"summitcheck.cli", "summitcheck.cli_typer"}}
