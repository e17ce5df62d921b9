"""--format markdown: a summary fit for a pull-request comment (or $GITHUB_STEP_SUMMARY).

A headline with the outcome, the counts, a table of the claims that fail the policy with their reason and evidence,
then the other claims folded in a <details> block. Long reports are cut well below GitHub's 65,536-character limit
for a comment.
"""

from __future__ import annotations

from typing import TextIO

from ..model import Report, Result, Verdict
from ..policy import FAIL, KNOWN, Outcome, fail_on_names
from .common import ORDER, display_path, excerpt, outcome_of, plural
from .text import line as safe

ICON = {Verdict.SUPPORTED: "✅", Verdict.CONTRADICTED: "❌", Verdict.UNSUPPORTED: "⚠️"}
MAX_CHARS = 60_000  # GitHub refuses a comment over 65,536 characters
MAX_CELL = 300  # characters of an evidence excerpt


def escape(text: str) -> str:
    """Text safe inside a table cell: no pipes, no raw HTML, no emphasis markers of its own, no line breaks, no
    control characters (shown as escapes)."""
    text = safe(text)
    for char in "\\|*_`[]":
        text = text.replace(char, "\\" + char)
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def cell(text: str) -> str:
    return " ".join(escape(text).split())


def evidence_cell(result: Result) -> str:
    """The evidence sentence with its matched words in bold and its conflicting words in bold italics."""
    text, spans = excerpt(result, MAX_CELL)
    if not text:
        return "—"
    merged: list[list] = []
    for start, end, status in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2] = "conflict" if "conflict" in (status, merged[-1][2]) else status
        else:
            merged.append([start, end, status])
    parts, at = [], 0
    for start, end, status in merged:
        if not text[start:end].strip():
            continue
        mark = "***" if status == "conflict" else "**"
        parts += [escape(text[at:start]), mark, escape(text[start:end].strip()), mark]
        at = end
    parts.append(escape(text[at:]))
    return f"{escape(result.seed or '')} §{result.sentence.index}: " + " ".join("".join(parts).split())


def where(result: Result) -> str:
    loc = result.claim.location
    shown = safe(f"{display_path(loc.path)}:{loc.line}" if loc.line else display_path(loc.path))
    if "`" in shown or "|" in shown:  # a code span cannot hold its own backtick, nor a table cell a pipe
        return escape(shown)
    return f"`{shown}`"


def table(rows: list[Result], outcome: Outcome, with_verdict: bool, budget: list[int]) -> list[str]:
    """A table of claims, its rows cut where the comment would grow past its budget (shared by every table)."""
    columns = ["claim", "verdict", "text", "reason"] if with_verdict else ["claim", "text"]
    head = "| " + " | ".join([*columns, "evidence", "where"]) + " |"
    lines = [head, "|" + "---|" * (len(columns) + 2)]
    shown = 0
    for result in rows:
        verdict = f"{ICON[result.verdict]} {result.verdict.value}"
        if outcome.status(result) == KNOWN:
            verdict += " (baseline)"
        cells = [f"`{result.claim.id}`"]
        if with_verdict:
            cells += [verdict, cell(result.claim.text), cell(result.reason)]
        else:
            cells += [cell(result.claim.text)]
        cells += [evidence_cell(result), where(result)]
        row = "| " + " | ".join(cells) + " |"
        if len(row) + 1 > budget[0]:
            break
        budget[0] -= len(row) + 1
        lines.append(row)
        shown += 1
    if shown < len(rows):
        lines += ["", f"… and {len(rows) - shown} more, left out to keep this comment short: see the full report."]
    return lines


def render(report: Report, out: TextIO, outcome: Outcome | None = None) -> None:
    outcome = outcome_of(report, outcome)
    results = list(report.results)
    failing = [r for r in results if outcome.status(r) == FAIL]
    others_bad = [r for r in results if outcome.status(r) != FAIL and r.verdict is not Verdict.SUPPORTED]
    supported = [r for r in results if r.verdict is Verdict.SUPPORTED]

    n = len(results)
    if outcome.failed:
        head = f"## ❌ summitcheck: {len(failing)} of {plural(n, 'claim')} fail"
    else:
        head = f"## ✅ summitcheck: {plural(n, 'claim')} checked, none fails"
    lines = [head, ""]
    lines.append(" · ".join(f"{ICON[v]} {report.count(v)} {v.value}" for v in ORDER))
    policy = ", ".join(fail_on_names(outcome.fail_on)) or "nothing"
    note = f"Failing verdicts: {policy}."
    if outcome.baseline is not None:
        note += f" Baseline: {outcome.count(KNOWN)} known failure{'s' if outcome.count(KNOWN) != 1 else ''} tolerated."
        if outcome.stale:
            stale = len(outcome.stale)
            note += f" {stale} baseline {'entry no longer fails' if stale == 1 else 'entries no longer fail'}."
    lines += ["", note]
    budget = [MAX_CHARS - 2_000]  # room for the headings and notes around the tables
    if failing:
        lines += ["", "### Failing claims", "", *table(failing, outcome, True, budget)]
    if others_bad:
        title = plural(len(others_bad), "claim") + " not supported but not failing"
        lines += ["", f"<details><summary>{title}</summary>", ""]
        lines += [*table(others_bad, outcome, True, budget), "", "</details>"]
    if supported:
        lines += ["", f"<details><summary>{plural(len(supported), 'supported claim')}</summary>", ""]
        lines += [*table(supported, outcome, False, budget), "", "</details>"]
    out.write("\n".join(lines) + "\n")
