"""--format table (the default): what a person reads in a terminal or a CI log, at 80 columns or more.

One line per claim: its verdict (coloured), its id and a short reason, like ruff or pytest print a finding. Claims
that fail the policy come first, each with its evidence beneath: the reason in full (two lines at most), the seed
sentence cut around its highlighted words (green where they match, red where they conflict), and the claim's text
at its file:line. Then the other claims, one line each, and the summary. `--verbose` gives every claim its full
evidence, nothing cut.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text

from ..model import Report, Result, Verdict
from ..policy import FAIL, KNOWN, Outcome
from . import layout
from .common import display_path, outcome_of
from .text import line as safe

STYLE = {Verdict.SUPPORTED: "bold green", Verdict.CONTRADICTED: "bold red", Verdict.UNSUPPORTED: "bold yellow"}
INDENT = "    "  # the evidence beneath a failing claim
CONTEXT = 24  # characters of the sentence kept before its first highlighted word


def _rank(result: Result, outcome: Outcome) -> int:
    """Failing claims first, then the others that are not supported, then the supported ones."""
    status = outcome.status(result)
    if status == FAIL:
        return 0
    return 2 if result.verdict is Verdict.SUPPORTED else 1


def reason_cell(result: Result, outcome: Outcome) -> Text:
    """The reason; a failure the baseline knows, or a verdict the policy lets pass, says so first."""
    cell = Text()
    status = outcome.status(result)
    if status == KNOWN:
        cell.append("(baseline) ", style="dim")
    elif status != FAIL and result.verdict is not Verdict.SUPPORTED:
        cell.append("(allowed) ", style="dim")
    cell.append(safe(result.reason))
    return cell


def highlighted(result: Result, verbose: bool = False) -> Text:
    """The evidence sentence with its evidence words highlighted; unless verbose, it starts a little before the
    first of them (the caller cuts the end to the width)."""
    sentence = result.sentence
    if sentence is None:
        return Text("no evidence sentence", style="dim")
    text = sentence.text
    spans = sorted((max(0, e.start - sentence.start), min(len(text), e.end - sentence.start), e.status)
                   for e in result.evidence if sentence.start <= e.start and e.end <= sentence.end)
    lo = 0
    if spans and not verbose and spans[0][0] > CONTEXT:
        lo = text.rfind(" ", 0, spans[0][0] - CONTEXT) + 1
    out = Text("…" if lo else "")
    at = lo
    for start, end, status in spans:
        start = max(start, at)
        if end <= start:
            continue
        out.append(safe(text[at:start]))
        out.append(safe(text[start:end]), style="bold green" if status == "match" else "bold red reverse")
        at = end
    out.append(safe(text[at:]))
    return out


def _evidence_lines(console: Console, result: Result, width: int, verbose: bool) -> list[Text]:
    loc = result.claim.location
    # Text.assemble, not `+`: a sum takes the style of its first part for the whole (all of it dim)
    claim = Text.assemble((safe(f"{display_path(loc.path)}:{loc.line or 1}:{loc.col or 1}"), "dim"), ": ",
                          safe(result.claim.text))
    seed = safe(f"{result.seed} §{result.sentence.index}: ") if result.sentence else ""
    evidence = Text.assemble((seed, "dim"), highlighted(result, verbose))
    room = max(width - len(INDENT), 20)
    if verbose:
        lines = layout.wrapped(console, evidence, room, None) + layout.wrapped(console, claim, room, None)
    else:
        lines = [layout.cut(evidence, room), layout.cut(claim, room)]
    return [Text(INDENT) + piece for piece in lines]


def lines(report: Report, console: Console, outcome: Outcome | None = None, verbose: bool = False) -> list[Text]:
    outcome = outcome_of(report, outcome)
    width = console.width
    ordered = sorted(report.results, key=lambda r: _rank(r, outcome))  # stable: file and line order within each
    columns = [
        layout.Column("verdict", keep=True),
        layout.Column("id", min=12, keep=True),
        layout.Column("reason", min=20, wrap=True),
    ]
    rows = [[Text(r.verdict.value, style=STYLE[r.verdict]), Text(safe(r.claim.id), style="cyan"),
             reason_cell(r, outcome)] for r in ordered]
    sizes = layout.widths(columns, rows, width)
    out: list[Text] = []
    previous = None
    for result, row in zip(ordered, rows, strict=True):
        rank = _rank(result, outcome)
        if previous is not None and rank != previous and (rank == 2 or previous == 0):
            out.append(Text(""))  # the failing claims, the others not supported, the supported ones
        previous = rank
        detailed = verbose or rank == 0
        head = Text()
        for text, size in zip(row[:2], sizes[:2], strict=True):
            piece = layout.cut(text, size)
            piece.pad_right(size - piece.cell_len)
            head.append_text(piece)
            head.append(layout.GAP)
        room = width - head.cell_len
        if detailed:
            reasons = layout.wrapped(console, row[2], max(room, 20), None if verbose else 2)
            out.append(head + reasons[0])
            out += [Text(" " * head.cell_len) + piece for piece in reasons[1:]]
            out += _evidence_lines(console, result, width, verbose)
        else:
            out.append(head + layout.cut(row[2], max(room, 20)))
    if out:
        out.append(Text(""))
    out.append(summary_line(report, outcome))
    return [layout.cut(piece, width) for piece in out]


def render(report: Report, out: TextIO, outcome: Outcome | None = None, verbose: bool = False) -> None:
    console = layout.console(out)
    layout.print_lines(console, lines(report, console, outcome, verbose))


def summary_line(report: Report, outcome: Outcome | None = None) -> Text:
    outcome = outcome_of(report, outcome)
    n = len(report.results)
    line = Text(f"{n} claim{'s' if n != 1 else ''}: ")
    for verdict in Verdict:
        line.append(f"{report.count(verdict)} {verdict.value}", style=STYLE[verdict])
        line.append(", " if verdict is not Verdict.UNSUPPORTED else "")
    failing, known = outcome.count(FAIL), outcome.count(KNOWN)
    if known:
        line.append(f"; {failing} failing, {known} known from the baseline")
    line.append(" — failed" if outcome.failed else " — passed", style="bold")
    return line
