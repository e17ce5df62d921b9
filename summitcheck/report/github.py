"""--format github: GitHub Actions workflow commands, so each failing claim is annotated on its line of YAML.

Per claim file, in a collapsible ::group::, an `::error` for each claim that fails the policy and a `::warning` for
each other claim that is not supported (a failure the baseline knows, or a verdict the policy allows). Then a
plain summary that lists every failing claim by file and line: GitHub shows only the first few annotations of a
step, and the log keeps the rest.

Paths are made relative to $GITHUB_WORKSPACE (else the working folder) so that annotations land on the diff.
"""

from __future__ import annotations

import os
from typing import TextIO

from ..model import Report, Result, Verdict
from ..policy import FAIL, KNOWN, Outcome
from .common import display_path, outcome_of, summary_text
from .text import line as safe


def escape_data(text: str) -> str:
    """A message: control characters shown as escapes (a line break of the message itself is %0A)."""
    return "%0A".join(safe(part).replace("%", "%25") for part in text.split("\n"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def path_of(result: Result) -> str:
    return safe(display_path(result.claim.location.path, os.environ.get("GITHUB_WORKSPACE") or None))


def annotation(result: Result, outcome: Outcome) -> str | None:
    status = outcome.status(result)
    if result.verdict is Verdict.SUPPORTED and status != FAIL:
        return None
    level = "error" if status == FAIL else "warning"
    loc = result.claim.location
    title = f"{result.verdict.value}: {result.claim.id}"
    if status == KNOWN:
        title += " (known, in baseline)"
    props = [f"file={escape_property(path_of(result))}"]
    if loc.line:
        props += [f"line={loc.line}", f"col={loc.col or 1}"]
    props.append(f"title={escape_property(title)}")
    message = f"{result.claim.text}\n{result.reason}"
    if result.sentence is not None:
        message += f"\nseed {result.seed}, sentence {result.sentence.index}: {result.sentence.text}"
    return f"::{level} {','.join(props)}::{escape_data(message)}"


def render(report: Report, out: TextIO, outcome: Outcome | None = None) -> None:
    outcome = outcome_of(report, outcome)
    by_file: dict[str, list[Result]] = {}
    for result in report.results:
        by_file.setdefault(path_of(result), []).append(result)
    lines: list[str] = []
    for path, results in by_file.items():
        notes = [a for a in (annotation(r, outcome) for r in results) if a]
        if not notes:
            continue
        failing = sum(1 for r in results if outcome.status(r) == FAIL)
        lines.append(f"::group::{escape_data(path)}: {failing} failing of {len(results)}")
        lines += notes
        lines.append("::endgroup::")
    lines.append(f"summitcheck: {summary_text(report, outcome)}")
    for result in report.results:
        status = outcome.status(result)
        if status in (FAIL, KNOWN):
            loc = result.claim.location
            # the verdict first: a line that starts with a file's name (`::warning ...`) would be a command
            mark = "  " if status == FAIL else "  (baseline) "
            where = f"{path_of(result)}:{loc.line}"
            lines.append(f"{mark}{result.verdict.value} {result.claim.id} at {escape_data(where)}")
    out.write("\n".join(lines) + "\n")
