"""--format plain: one line per claim, `path:line:col: verdict id: reason`, for editors' quickfix lists and grep.

A failure the baseline knows ends with `[baseline]`; nothing else is printed (the summary goes to stderr).
"""

from __future__ import annotations

from typing import TextIO

from ..model import Report, Result
from ..policy import KNOWN, Outcome
from .common import outcome_of
from .text import line as safe


def line(result: Result, outcome: Outcome) -> str:
    loc = result.claim.location
    reason = " ".join(result.reason.split())
    tail = " [baseline]" if outcome.status(result) == KNOWN else ""
    where = f"{loc.path}:{loc.line or 1}:{loc.col or 1}"
    return safe(f"{where}: {result.verdict.value} {result.claim.id}: {reason}{tail}")


def render(report: Report, out: TextIO, outcome: Outcome | None = None) -> None:
    outcome = outcome_of(report, outcome)
    for result in report.results:
        out.write(line(result, outcome) + "\n")
