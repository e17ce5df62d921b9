"""--format table (the default): a Rich table with coloured verdicts and the evidence words highlighted."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Report, Result, Verdict
from ..policy import FAIL, KNOWN, Outcome
from .common import outcome_of

STYLE = {Verdict.SUPPORTED: "bold green", Verdict.CONTRADICTED: "bold red", Verdict.UNSUPPORTED: "bold yellow"}
EXCERPT = 160  # characters of the evidence sentence shown around the highlighted words


def evidence_text(result: Result) -> Text:
    """The evidence sentence, cut around its highlighted words: green where they match, red where they conflict."""
    sentence = result.sentence
    if sentence is None:
        return Text("—", style="dim")
    text = Text(sentence.text)
    spans = sorted((e.start - sentence.start, e.end - sentence.start, e.status) for e in result.evidence
                   if sentence.start <= e.start and e.end <= sentence.end)
    for start, end, status in spans:
        text.stylize("bold green" if status == "match" else "bold red reverse", start, end)
    if len(sentence.text) > EXCERPT and spans:
        lo = max(0, min(s for s, _, _ in spans) - 30)
        hi = min(len(sentence.text), max(lo + EXCERPT, max(e for _, e, _ in spans) + 30))
        cut = text[lo:hi]
        text = Text("…" if lo else "") + cut + Text("…" if hi < len(sentence.text) else "")
    prefix = Text(f"{result.seed} §{sentence.index}: ", style="dim")
    return prefix + text


def verdict_cell(result: Result, outcome: Outcome) -> Text:
    """The verdict in its colour; a failure the baseline knows, or a verdict the policy lets pass, says so."""
    cell = Text(result.verdict.value, style=STYLE[result.verdict])
    status = outcome.status(result)
    if status == KNOWN:
        cell.append("\n(baseline)", style="dim")
    elif status != FAIL and result.verdict is not Verdict.SUPPORTED:
        cell.append("\n(allowed)", style="dim")
    return cell


def render(report: Report, out: TextIO, outcome: Outcome | None = None) -> None:
    outcome = outcome_of(report, outcome)
    console = Console(file=out, highlight=False, soft_wrap=False)
    table = Table(show_lines=True, expand=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    table.add_column("claim", ratio=2)
    table.add_column("evidence", ratio=4)
    table.add_column("reason", ratio=3)
    for result in report.results:
        table.add_row(
            result.claim.id,
            verdict_cell(result, outcome),
            result.claim.text,
            evidence_text(result),
            result.reason,
        )
    console.print(table)
    console.print(summary_line(report, outcome))


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
