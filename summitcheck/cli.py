"""The command line: parse options, call the library, pick a reporter, map the outcome to an exit code.

Exit codes: 0 every claim supported; 1 a claim is contradicted or unsupported; 2 bad input or usage;
3 an internal error (a bug: never mistaken for an unsupported claim).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from . import __version__

EXIT_OK, EXIT_FAILED, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
DEFAULT_CLAIMS = Path("claims")
DEFAULT_SEEDS = Path("seeds")

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Check short editorial claims against source articles, across French and English.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

Paths = Annotated[
    list[Path] | None,
    typer.Argument(help="Claim files or folders of them (default: claims/).", show_default=False),
]
SeedsOpt = Annotated[Path, typer.Option("--seeds", help="Folder of seed articles (.txt).")]


def _fail_input(errors: list[str]) -> None:
    for line in errors:
        typer.echo(f"error: {line}", err=True)
    raise typer.Exit(EXIT_INPUT)


def _check_format(value: str, choices: list[str]) -> str:
    if value not in choices:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}", param_hint="--format")
    return value


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summitcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """summitcheck: a fact checker for editorial claims."""


@app.command()
def verify(
    paths: Paths = None,
    seeds: SeedsOpt = DEFAULT_SEEDS,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Check every claim against its seed; exit 1 when one is not supported."""
    from .report import formats, renderer

    _check_format(format, formats())
    report = _run(paths or [DEFAULT_CLAIMS], seeds)
    renderer(format)(report, sys.stdout)
    raise typer.Exit(EXIT_OK if report.all_supported else EXIT_FAILED)


@app.command("show-claims")
def show_claims(
    paths: Paths = None,
    seeds: Annotated[
        Path | None, typer.Option("--seeds", help="Seed folder, to check that claims name existing seeds.")
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    facts: Annotated[bool, typer.Option("--facts", help="Show the typed facts read from each claim.")] = False,
) -> None:
    """List the claims: id, text, seed, tags and where each is written."""
    from .errors import SummitcheckError
    from .load.claims import load_claims
    from .show import render_claims

    _check_format(format, ["table", "json"])
    try:
        seed_ids = None
        if seeds is not None:
            from .load.seeds import load_seeds

            seed_ids = {s.id for s in load_seeds(seeds)}
        claims = load_claims(paths or [DEFAULT_CLAIMS], seed_ids)
    except SummitcheckError as e:
        _fail_input(str(e).splitlines())
    render_claims(claims, format, facts, sys.stdout)


def _run(paths: list[Path], seeds_dir: Path):  # noqa: ANN202 - Report, imported lazily
    from .api import check
    from .errors import SummitcheckError
    from .load.claims import load_claims
    from .load.seeds import load_seeds

    errors: list[str] = []
    seeds = []
    try:
        seeds = load_seeds(seeds_dir)
    except SummitcheckError as e:
        errors += str(e).splitlines()
    try:
        claims = load_claims(paths, {s.id for s in seeds} if not errors else None)
    except SummitcheckError as e:
        errors += str(e).splitlines()
    if errors:
        _fail_input(errors)
    return check(claims, seeds)


def main() -> None:
    """Console entry point: typer's app, with any unexpected error turned into a short report request."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as e:  # noqa: BLE001 - the last line of defence: never a traceback, never exit 1
        typer.echo(
            f"internal error: {type(e).__name__}: {e}\n"
            "This is a bug in summitcheck; please report it with the command and input that caused it.",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
