"""What several reporters share: paths as a CI system wants them, seed lookups, counts and the one-line summary."""

from __future__ import annotations

import bisect
import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from ..model import Evidence, Report, Result, Seed, Verdict
from ..policy import FAIL, KNOWN, Outcome, default_outcome

ORDER = (Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.UNSUPPORTED)


def outcome_of(report: Report, outcome: Outcome | None) -> Outcome:
    return outcome if outcome is not None else default_outcome(report)


def display_path(path: str, root: str | None = None) -> str:
    """A path relative to `root` (default: the working folder) when it lies below it, always with forward slashes.

    Relative paths are kept as the user gave them, so output stays deterministic; only absolute ones are shortened.
    """
    p = Path(path)
    if p.is_absolute():
        base = Path(root) if root else Path.cwd()
        with contextlib.suppress(ValueError):
            p = p.relative_to(base)
    text = str(p)
    return text.replace(os.sep, "/") if os.sep != "/" else text


def seeds_by_id(report: Report) -> dict[str, Seed]:
    return {s.id: s for s in report.seeds}


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset (for one lookup; LineIndex for many)."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


class LineIndex:
    """Line starts of a text, so that each offset -> (line, col) costs a binary search, not a scan of the text."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        at = text.find("\n")
        while at >= 0:
            self.starts.append(at + 1)
            at = text.find("\n", at + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_text(report: Report, outcome: Outcome | None = None) -> str:
    """`3 claims: 1 supported, 1 contradicted, 1 unsupported; 2 fail (contradicted, unsupported) — failed`."""
    outcome = outcome_of(report, outcome)
    counts = ", ".join(f"{report.count(v)} {v.value}" for v in ORDER)
    text = f"{plural(len(report.results), 'claim')}: {counts}"
    failing, known = outcome.count(FAIL), outcome.count(KNOWN)
    parts = []
    if failing:
        parts.append(f"{failing} failing")
    if known:
        parts.append(f"{known} known from the baseline")
    if parts:
        text += "; " + ", ".join(parts)
    return text + (" — failed" if outcome.failed else " — passed")


def excerpt(result: Result, width: int = 200) -> tuple[str, list[tuple[int, int, str]]]:
    """The evidence sentence (cut to about `width` characters around its evidence) and the evidence spans in it."""
    sentence = result.sentence
    if sentence is None:
        return "", []
    spans = sorted(
        (e.start - sentence.start, e.end - sentence.start, e.status)
        for e in result.evidence
        if sentence.start <= e.start and e.end <= sentence.end
    )
    text = sentence.text
    if len(text) <= width or not spans:
        if len(text) > width:
            return text[:width].rstrip() + "…", []
        return text, spans
    lo = max(0, min(s for s, _, _ in spans) - 40)
    hi = min(len(text), max(lo + width, max(e for _, e, _ in spans) + 40))
    cut = [(s - lo, e - lo, st) for s, e, st in spans if lo <= s and e <= hi]
    prefix = "…" if lo else ""
    shifted = [(s + len(prefix), e + len(prefix), st) for s, e, st in cut]
    return prefix + text[lo:hi] + ("…" if hi < len(text) else ""), shifted


def evidence_by_seed(results: Iterable[Result]) -> dict[str, list[tuple[Evidence, Result]]]:
    out: dict[str, list[tuple[Evidence, Result]]] = {}
    for result in results:
        for ev in result.evidence:
            out.setdefault(ev.seed, []).append((ev, result))
    return out
