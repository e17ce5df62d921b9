"""Fail policy: which verdicts fail a run, and a baseline of known failures so that only new failures fail CI.

A result's status under a policy is one of
  pass   its verdict is not one that fails the run (`--fail-on`);
  fail   its verdict fails the run and the baseline does not list it: a new failure;
  known  its verdict fails the run but the baseline lists it (same claim id and text): tolerated.

A baseline entry matches a claim by id and text, whatever its failing verdict now is: editing a claim's text makes
it a new claim that must pass (or be written into the baseline again).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .model import Location, Report, Result, Verdict

PASS, FAIL, KNOWN = "pass", "fail", "known"
DEFAULT_FAIL_ON = frozenset({Verdict.CONTRADICTED, Verdict.UNSUPPORTED})
BASELINE_VERSION = 1
BASELINE_TAG = "summitcheck-baseline"


def parse_fail_on(values: Iterable[str]) -> frozenset[Verdict]:
    """Verdict names, comma-separated or repeated; `none` fails nothing. Raises ValueError with a readable message."""
    names = [part.strip().lower() for value in values for part in str(value).split(",") if part.strip()]
    if not names:
        raise ValueError("give at least one verdict, or `none`")
    if names == ["none"]:
        return frozenset()
    known = {v.value: v for v in Verdict}
    bad = [n for n in names if n not in known]
    if bad:
        raise ValueError(f"unknown verdict {bad[0]!r}; use {', '.join(known)} or none")
    return frozenset(known[n] for n in names)


def fail_on_names(fail_on: Iterable[Verdict]) -> list[str]:
    """Verdict names in their canonical order (supported, contradicted, unsupported)."""
    chosen = set(fail_on)
    return [v.value for v in Verdict if v in chosen]


@dataclass(frozen=True)
class BaselineEntry:
    id: str
    text: str
    verdict: str
    file: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return self.id, self.text


@dataclass(frozen=True)
class Baseline:
    path: str
    entries: tuple[BaselineEntry, ...] = ()

    def knows(self, result: Result) -> bool:
        return (result.claim.id, result.claim.text) in self._keys

    @property
    def _keys(self) -> frozenset[tuple[str, str]]:
        return frozenset(e.key for e in self.entries)


@dataclass(frozen=True)
class Outcome:
    """The policy applied to one report: a status per claim id, and baseline entries that no longer fail."""

    fail_on: frozenset[Verdict]
    statuses: dict[str, str] = field(default_factory=dict)
    stale: tuple[BaselineEntry, ...] = ()
    baseline: str | None = None  # the baseline file used, if any

    def status(self, result: Result) -> str:
        return self.statuses.get(result.claim.id, FAIL if result.verdict in self.fail_on else PASS)

    def count(self, status: str) -> int:
        return sum(1 for s in self.statuses.values() if s == status)

    @property
    def failed(self) -> bool:
        return FAIL in self.statuses.values()


@dataclass(frozen=True)
class Policy:
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON
    baseline: Baseline | None = None

    def apply(self, report: Report) -> Outcome:
        statuses: dict[str, str] = {}
        for result in report.results:
            if result.verdict not in self.fail_on:
                statuses[result.claim.id] = PASS
            elif self.baseline is not None and self.baseline.knows(result):
                statuses[result.claim.id] = KNOWN
            else:
                statuses[result.claim.id] = FAIL
        stale: tuple[BaselineEntry, ...] = ()
        if self.baseline is not None:
            known = {(r.claim.id, r.claim.text) for r in report.results if statuses[r.claim.id] == KNOWN}
            stale = tuple(e for e in self.baseline.entries if e.key not in known)
        return Outcome(self.fail_on, statuses, stale, self.baseline.path if self.baseline else None)


def default_outcome(report: Report) -> Outcome:
    return Policy().apply(report)


# ---------------------------------------------------------------------------------------------------------------
# The baseline file: JSON, sorted, one entry per failing claim, meant to be committed and reviewed in diffs.


def baseline_document(report: Report, fail_on: Iterable[Verdict]) -> dict:
    chosen = frozenset(fail_on)
    failures = sorted(
        (
            {"id": r.claim.id, "verdict": r.verdict.value, "text": r.claim.text,
             "file": _portable(r.claim.location.path)}
            for r in report.results
            if r.verdict in chosen
        ),
        key=lambda e: e["id"],
    )
    return {BASELINE_TAG: BASELINE_VERSION, "fail_on": fail_on_names(chosen), "failures": failures}


def write_baseline(report: Report, fail_on: Iterable[Verdict], path: Path) -> int:
    """Write every claim that fails under `fail_on`; returns how many. Raises InputError when it cannot write."""
    doc = baseline_document(report, fail_on)
    try:
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True)
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as e:
        raise InputError(Location(str(path)), f"cannot write the baseline: {e.strerror or e}") from None
    return len(doc["failures"])


def read_baseline(path: Path) -> Baseline:
    shown = str(path)
    if not path.is_file():
        raise InputError(
            Location(shown), "baseline file does not exist; write it with `summitcheck verify --write-baseline FILE`"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(Location(shown), f"cannot read the baseline: {getattr(e, 'strerror', None) or e}") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(Location(shown, e.lineno, e.colno), f"baseline is not valid JSON: {e.msg}") from None
    if not isinstance(doc, dict) or doc.get(BASELINE_TAG) != BASELINE_VERSION or not isinstance(
        doc.get("failures"), list
    ):
        raise InputError(
            Location(shown, 1, 1),
            f'not a summitcheck baseline (expected {{"{BASELINE_TAG}": {BASELINE_VERSION}, "failures": [...]}})',
        )
    entries = []
    for i, item in enumerate(doc["failures"]):
        if not (isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("text"), str)):
            raise InputError(Location(shown, _line_of_item(text, i), 1), f"failures[{i}] needs an id and a text")
        entries.append(
            BaselineEntry(item["id"], item["text"], str(item.get("verdict", "")), str(item.get("file", "")))
        )
    return Baseline(shown, tuple(entries))


def _line_of_item(text: str, index: int) -> int:
    """The line of the index-th object in the failures list, for an error message (the file is ours: one per line)."""
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith("{")]
    return lines[index + 1] if index + 1 < len(lines) else 1


def _portable(path: str) -> str:
    """A claim file path as it should appear in a committed file: relative to the working folder, with slashes."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_posix()
    return p.as_posix() if os.sep == "/" else str(p).replace(os.sep, "/")
