"""The command line: parse options, call the library, pick a reporter, map the outcome to an exit code.

Exit codes: 0 no claim fails the policy (by default: every claim supported); 1 a claim fails it (by default:
contradicted or unsupported); 2 bad input or usage, or a report that cannot be written; 3 an internal error (a bug:
never mistaken for an unsupported claim); 141 stdout's reader went away. Options come from the command line, then
`[tool.summitcheck]` of pyproject.toml (or summitcheck.toml). Only typer's public interface is used.
"""

from __future__ import annotations

import contextlib
import inspect
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
from typer.core import TyperGroup

from . import __version__

if TYPE_CHECKING:
    from .config import Options
    from .model import Report, Result
    from .policy import Outcome
    from .read.clauses import ClauseView

EXIT_OK, EXIT_FAILED, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a writer whose reader went away
DEFAULT_CLAIMS = Path("claims")
DEFAULT_SEEDS = Path("seeds")
DEFAULT_HTML = Path("summitcheck-report.html")


class Group(TyperGroup):
    """The command list with each command's whole first paragraph (click would cut it to the width)."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                text = inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0]
                rows.append((name, " ".join(text.split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


# rich_markup_mode=None: help and usage errors laid out by click, as plain text. typer's rich help imports rich's
# console, tables and markdown parser, which was half of a `--help`.
app = typer.Typer(
    cls=Group,
    rich_markup_mode=None,
    add_completion=False,
    no_args_is_help=True,
    help="Check short editorial claims against source articles, across French and English.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

Paths = Annotated[
    list[Path] | None,
    typer.Argument(help="Claim files or folders of them (default: config `claims`, else claims/).", show_default=False),
]
SeedsOpt = Annotated[
    Path | None, typer.Option("--seeds", help="Folder of seed articles (.txt) (default: config, else seeds/).")
]
FormatOpt = Annotated[
    str | None,
    typer.Option("--format", "-f", help="table, plain, json, markdown, junit, github, sarif or html (default: table)."),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the report to FILE instead of stdout.", dir_okay=False)
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="A summitcheck.toml or pyproject.toml (default: the nearest one).", dir_okay=False),
]
FailOnOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--fail-on",
        help="Verdicts that fail the run, comma-separated or repeated; `none` for report only "
        "[default: contradicted,unsupported].",
        show_default=False,
    ),
]
BaselineOpt = Annotated[
    Path | None, typer.Option("--baseline", help="Known failures (JSON) that do not fail the run.", dir_okay=False)
]
WriteBaselineOpt = Annotated[
    Path | None,
    typer.Option("--write-baseline", help="Write the claims that fail now to FILE as the baseline, and pass.",
                  dir_okay=False),
]
LanguageOpt = Annotated[str | None, typer.Option("--language", help="Seed language: auto, fr or en (default: auto).")]
ToleranceOpt = Annotated[
    float | None, typer.Option("--tolerance", help="How far 'about N' may stray, as a fraction of N (default: 0.1).")
]
GlossaryOpt = Annotated[
    list[Path] | None,
    typer.Option("--glossary", help="Extra concepts (YAML shaped like data/lexicon.yaml); repeatable.", dir_okay=False),
]
AliasesOpt = Annotated[
    list[Path] | None,
    typer.Option("--aliases", help="Extra entities (YAML shaped like data/entities.yaml); repeatable.", dir_okay=False),
]
ProgressOpt = Annotated[
    bool | None,
    typer.Option("--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal).",
                 show_default=False),
]

NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the cache of seed and claim analyses.")
]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", "-v", help="table: the full evidence of every claim, nothing cut to the width.")
]
JobsOpt = Annotated[
    int,
    typer.Option("--jobs", "-j", min=0,
                 help="Processes: 0 (the default) uses every CPU where the work is large enough to gain, 1 forces "
                      "one process; the output is the same."),
]


def _performance(no_cache: bool, jobs: int) -> None:
    """--no-cache and --jobs: process-wide settings of the cache and of api.check."""
    from . import api, cache

    if no_cache:
        cache.set_enabled(False)
    api.set_jobs(jobs)


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
    seeds: SeedsOpt = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    fail_on: FailOnOpt = None,
    baseline: BaselineOpt = None,
    write_baseline: WriteBaselineOpt = None,
    config: ConfigOpt = None,
    language: LanguageOpt = None,
    tolerance: ToleranceOpt = None,
    glossary: GlossaryOpt = None,
    aliases: AliasesOpt = None,
    progress: ProgressOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = 0,
    verbose: VerboseOpt = False,
) -> None:
    """Check every claim against its seed; exit 1 when a claim fails the policy (contradicted or unsupported)."""
    from .report import formats

    _performance(no_cache, jobs)
    options = _options(config, paths=paths, seeds=seeds, format=format, language=language, tolerance=tolerance,
                       fail_on=fail_on, baseline=baseline, glossary=glossary, aliases=aliases)
    _check_format(options.format, formats())
    _check_targets(options, (output, "--output"), (write_baseline, "--write-baseline"))
    report = _run_options(options, progress)
    outcome = _outcome(report, options, write_baseline)
    _emit(report, outcome, options.format, output, verbose)
    raise typer.Exit(EXIT_FAILED if outcome.failed else EXIT_OK)


@app.command()
def report(
    paths: Paths = None,
    seeds: SeedsOpt = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The HTML file to write.", dir_okay=False)
    ] = DEFAULT_HTML,
    fail_on: FailOnOpt = None,
    baseline: BaselineOpt = None,
    config: ConfigOpt = None,
    language: LanguageOpt = None,
    tolerance: ToleranceOpt = None,
    glossary: GlossaryOpt = None,
    aliases: AliasesOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """Write the HTML report: every seed with its evidence highlighted and linked to the claims, with filters."""
    options = _options(config, paths=paths, seeds=seeds, language=language, tolerance=tolerance, fail_on=fail_on,
                       baseline=baseline, glossary=glossary, aliases=aliases)
    _check_targets(options, (output, "--output"))
    result = _run_options(options, progress)
    outcome = _outcome(result, options, None)
    _emit(result, outcome, "html", output)
    raise typer.Exit(EXIT_FAILED if outcome.failed else EXIT_OK)


@app.command()
def coverage(
    paths: Paths = None,
    seeds: SeedsOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, plain or json.")] = "table",
    output: OutputOpt = None,
    show_all: Annotated[bool, typer.Option("--all", help="List covered facts too.")] = False,
    fail_under: Annotated[
        float | None, typer.Option("--fail-under", help="Exit 1 when less than this percentage of facts is covered.")
    ] = None,
    config: ConfigOpt = None,
    language: LanguageOpt = None,
    tolerance: ToleranceOpt = None,
    glossary: GlossaryOpt = None,
    aliases: AliasesOpt = None,
    progress: ProgressOpt = None,
) -> None:
    """The checkable facts of each seed (numbers, dates, durations, identifiers, names, quotes) no claim covers."""
    from . import coverage as cov

    _check_format(format, list(cov.FORMATS))
    options = _options(config, paths=paths, seeds=seeds, language=language, tolerance=tolerance, glossary=glossary,
                       aliases=aliases)
    _check_targets(options, (output, "--output"))
    result = _run_options(options, progress)
    seeds_coverage = cov.coverage(result, _knowledge(options))
    with _writing(output) as out:
        cov.render(seeds_coverage, format, out, show_all)
    total = cov.summary(seeds_coverage)
    if output is not None:
        _note(f"wrote {_shown(output)}: {total['covered']} of {total['facts']} facts covered ({total['percent']}%)")
    failed = fail_under is not None and total["percent"] < fail_under
    if failed:
        _note(f"coverage {total['percent']}% is under --fail-under {fail_under:g}%")
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


@app.command()
def explain(
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The id of the claim to explain.")],
    paths: Paths = None,
    seeds: SeedsOpt = None,
    config: ConfigOpt = None,
    language: LanguageOpt = None,
    tolerance: ToleranceOpt = None,
    glossary: GlossaryOpt = None,
    aliases: AliasesOpt = None,
) -> None:
    """Show how one claim was read and judged: each typed fact, its value, and the seed words it met."""
    from .show import render_explanation

    options = _options(config, paths=paths, seeds=seeds, language=language, tolerance=tolerance,
                       glossary=glossary, aliases=aliases)
    report = _run_options(options, progress=False, only=claim_id)
    result = report.results[0]
    with _writing(None) as out:
        render_explanation(result, out, _reading(options, result))
    raise typer.Exit(EXIT_OK if report.all_supported else EXIT_FAILED)


def _reading(options: Options, result: Result) -> list[ClauseView]:
    """The clauses of the evidence sentence, as the judge read them (explain)."""
    from .analyse.knowledge import load
    from .index import analyse_sentence
    from .load.seeds import load_seeds
    from .read.clauses import view

    if result.sentence is None or result.seed is None:
        return []
    seed = next((s for s in load_seeds(options.seeds, options.language) if s.id == result.seed), None)
    if seed is None:
        return []
    sentence = analyse_sentence(seed, result.sentence, load(list(options.knowledge_files)))
    met = [(e.start, e.claim_text) for e in result.evidence if e.sentence == result.sentence.index]
    return view(sentence.text, sentence.start, sentence.words, sentence.facts, met)


@app.command("show-claims")
def show_claims(
    paths: Paths = None,
    seeds: Annotated[
        Path | None, typer.Option("--seeds", help="Seed folder, to check that claims name existing seeds.")
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    facts: Annotated[bool, typer.Option("--facts", help="Show the typed facts read from each claim.")] = False,
    config: ConfigOpt = None,
) -> None:
    """List the claims: id, text, seed, tags and where each is written."""
    from .errors import SummitcheckError
    from .load.claims import load_claims
    from .show import render_claims

    _check_format(format, ["table", "json"])
    options = _options(config, paths=paths)
    try:
        seed_ids = None
        if seeds is not None:
            from .load.seeds import load_seeds

            seed_ids = {s.id for s in load_seeds(seeds)}
        claims = load_claims(list(options.claims), seed_ids)
    except SummitcheckError as e:
        _fail_input(str(e).splitlines())
    with _writing(None) as out:
        render_claims(claims, format, facts, out)


# ---------------------------------------------------------------------------------------------------------------
# The steps every command shares: options, the run, the policy, the output.


def _options(config_path: Path | None, **flags: object) -> Options:
    """Flags over the config file over the defaults; any problem is an input error (exit 2)."""
    from .config import load_config, resolve
    from .errors import SummitcheckError
    from .report import formats

    try:
        return resolve(load_config(config_path, formats=formats()), **flags)  # type: ignore[arg-type]
    except SummitcheckError as e:
        _fail_input(str(e).splitlines())
        raise  # unreachable: _fail_input exits


def _knowledge(options: Options):  # -> Knowledge | None, imported lazily
    if not options.knowledge_files:
        return None
    from .analyse import knowledge

    load = getattr(knowledge, "load", knowledge.build)
    return load(list(options.knowledge_files))


def _run_options(options: Options, progress: bool | None, only: str | None = None) -> Report:
    """Load seeds and claims (every problem reported at once, exit 2), then check them."""
    import dataclasses

    from . import cache
    from .analyse import knowledge
    from .errors import SummitcheckError
    from .load.claims import load_claims
    from .load.seeds import load_seeds
    from .match import Settings
    from .report.progress import check

    try:
        cache.check_settings()
    except cache.SettingError as e:
        _fail_input([str(e)])
    knowledge.prefetch(list(options.knowledge_files))  # built meanwhile, where the cache does not hold them
    errors: list[str] = []
    seeds = []
    try:
        seeds = load_seeds(options.seeds, options.language)
    except SummitcheckError as e:
        errors += str(e).splitlines()
    if options.seed_languages and not errors:
        known = {s.id for s in seeds}
        where = options.config.where("languages")
        errors += [f"{where}: languages: unknown seed {sid!r}" for sid in options.seed_languages if sid not in known]
        seeds = [dataclasses.replace(s, language=options.seed_languages.get(s.id, s.language)) for s in seeds]
    try:
        claims = load_claims(list(options.claims), {s.id for s in seeds} if not errors else None)
    except SummitcheckError as e:
        errors += str(e).splitlines()
    if not errors and only is not None:
        claims = [c for c in claims if c.id == only]
        if not claims:
            errors.append(f"no claim has the id {only!r} (see summitcheck show-claims)")
    if errors:
        _fail_input(errors)
    settings = Settings() if options.tolerance is None else dataclasses.replace(Settings(), tolerance=options.tolerance)
    return check(claims, seeds, settings, _knowledge(options), show=progress)


def _outcome(report: Report, options: Options, write_baseline: Path | None) -> Outcome:
    """The fail policy applied to the report; --write-baseline records today's failures and so passes."""
    from .errors import SummitcheckError
    from .policy import Policy, read_baseline
    from .policy import write_baseline as write_baseline_file

    try:
        if write_baseline is not None:
            n = write_baseline_file(report, options.fail_on, write_baseline)
            _note(f"wrote {n} known failure{'s' if n != 1 else ''} to {_shown(write_baseline)}")
            baseline = read_baseline(write_baseline)
        else:
            baseline = read_baseline(options.baseline) if options.baseline is not None else None
    except SummitcheckError as e:
        _fail_input(str(e).splitlines())
    outcome = Policy(options.fail_on, baseline).apply(report)
    if outcome.stale and write_baseline is None and options.baseline is not None:
        ids = ", ".join(e.id for e in outcome.stale[:5]) + (", …" if len(outcome.stale) > 5 else "")
        _note(f"note: {len(outcome.stale)} baseline entr{'y' if len(outcome.stale) == 1 else 'ies'} no longer "
              f"fail ({ids}); refresh it with --write-baseline {_shown(options.baseline)}")
    return outcome


def _check_targets(options: Options, *targets: tuple[Path | None, str]) -> None:
    """Refuse, before anything runs, an output file that is one of the run's inputs: summitcheck never writes to
    claims, seeds, its config, glossaries or the baseline it reads."""
    from .load.claims import CLAIM_SUFFIXES
    from .load.files import find_files
    from .report.output import OutputError, check_not_input

    if all(target is None for target, _ in targets):
        return
    inputs: list[Path] = find_files(list(options.claims), CLAIM_SUFFIXES, "claim files")[0]
    inputs += find_files([options.seeds], (".txt",), "seeds")[0]
    inputs += [p for p in (options.config.path, options.baseline, *options.knowledge_files) if p is not None]
    try:
        for target, what in targets:
            if target is not None:
                check_not_input(target, inputs, what)
    except OutputError as e:
        _fail_input([str(e)])


@contextlib.contextmanager
def _writing(path: Path | None) -> Iterator[TextIO]:
    """The report's stream (report.output.open_output), its failures mapped to exit codes: a closed pipe 141, a
    file or stdout that cannot be written 2."""
    from .report.output import OutputError, PipeClosed, open_output

    try:
        with open_output(path) as out:
            yield out
    except PipeClosed:
        raise typer.Exit(EXIT_PIPE) from None
    except OutputError as e:
        _fail_input([str(e)])


def _note(message: str) -> None:
    """A line for stderr; a stderr that is gone is no reason to fail a run that has said what it had to."""
    with contextlib.suppress(OSError, ValueError):
        typer.echo(message, err=True)


def _emit(report: Report, outcome: Outcome, fmt: str, output: Path | None, verbose: bool = False) -> None:
    from .report import renderer
    from .report.common import summary_text

    with _writing(output) as out:
        if fmt == "table":  # the one format with a level of detail
            from .report.table import render

            render(report, out, outcome, verbose=verbose)
        else:
            renderer(fmt)(report, out, outcome)
    if output is not None:
        _note(f"wrote {_shown(output)}: {summary_text(report, outcome)}")
    elif fmt == "plain":
        _note(summary_text(report, outcome))


def _shown(path: Path) -> str:
    from .load.files import shown_path

    return shown_path(path)


def main() -> None:
    """Console entry point: typer's app, with any unexpected error turned into a short report request.

    Bad input never gets here: it is an InputError, printed as `error: path:line:col: ...` with exit code 2. What
    does get here is a bug, reported in two lines with exit code 3 (never 1, which means a claim failed) and no
    traceback, unless SUMMITCHECK_DEBUG is set.
    """
    from .report.output import install_stdout

    install_stdout()
    try:
        app()
    except SystemExit:
        _flush_stdout()
        raise
    except KeyboardInterrupt:
        _note("interrupted")
        sys.exit(130)
    except BrokenPipeError:  # the reader went away outside a report (a help text, an error): nothing left to say
        from .report.output import silence_stdout

        silence_stdout()
        sys.exit(EXIT_PIPE)
    except Exception as e:  # the last line of defence: never a traceback, never exit 1
        import os

        from .errors import one_line

        if os.environ.get("SUMMITCHECK_DEBUG"):
            import traceback

            traceback.print_exc()
        detail = one_line(f"{type(e).__name__}: {e}")
        detail = detail if len(detail) <= 300 else detail[:299] + "…"
        _note(
            f"internal error: {detail}\n"
            f"This is a bug in summitcheck {__version__}; please report it with the command and the input that caused "
            "it (run again with SUMMITCHECK_DEBUG=1 to see the traceback)."
        )
        sys.exit(EXIT_INTERNAL)


def _flush_stdout() -> None:
    """Flush now, so that a closed pipe or a full disk is noticed here and not as a warning (exit 120) while Python
    shuts down; whatever could not be written goes to the null device."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError, AttributeError):  # AttributeError: no stdout at all (started with `>&-`)
        from .report.output import silence_stdout

        silence_stdout()
