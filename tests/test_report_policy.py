"""Fail policy and baseline: which claims fail a run, and how known failures stop failing it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summitcheck.errors import InputError
from summitcheck.model import Verdict
from summitcheck.policy import (
    DEFAULT_FAIL_ON,
    FAIL,
    KNOWN,
    PASS,
    Policy,
    parse_fail_on,
    read_baseline,
    write_baseline,
)
from summitcheck.report.sample import sample_report


def test_parse_fail_on() -> None:
    assert parse_fail_on(["contradicted,unsupported"]) == DEFAULT_FAIL_ON
    assert parse_fail_on(["contradicted", " Unsupported "]) == DEFAULT_FAIL_ON
    assert parse_fail_on(["none"]) == frozenset()
    assert parse_fail_on(["contradicted"]) == {Verdict.CONTRADICTED}
    with pytest.raises(ValueError, match="unknown verdict 'refuted'"):
        parse_fail_on(["refuted"])
    with pytest.raises(ValueError):
        parse_fail_on([""])


def test_default_policy_fails_on_contradicted_and_unsupported() -> None:
    report = sample_report()
    outcome = Policy().apply(report)
    assert outcome.failed
    assert {r.claim.id for r in report.results if outcome.status(r) == FAIL} == {
        "putin-pyongyang", "workers-count", "odd-chars"}
    assert outcome.count(PASS) == 3


def test_fail_on_contradicted_only() -> None:
    report = sample_report()
    outcome = Policy(frozenset({Verdict.CONTRADICTED})).apply(report)
    assert [r.claim.id for r in report.results if outcome.status(r) == FAIL] == ["workers-count"]
    assert not Policy(frozenset()).apply(report).failed


def test_baseline_round_trip_makes_known_failures_pass(tmp_path: Path) -> None:
    report = sample_report()
    path = tmp_path / "sub" / "baseline.json"
    assert write_baseline(report, DEFAULT_FAIL_ON, path) == 3
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert [e["id"] for e in doc["failures"]] == sorted(["putin-pyongyang", "workers-count", "odd-chars"])
    assert all(e["file"].startswith("claims/") for e in doc["failures"])

    outcome = Policy(DEFAULT_FAIL_ON, read_baseline(path)).apply(report)
    assert not outcome.failed
    assert outcome.count(KNOWN) == 3
    assert outcome.stale == ()


def test_only_new_failures_fail(tmp_path: Path) -> None:
    """A baseline written when only one claim failed tolerates that one, not the others."""
    report = sample_report()
    path = tmp_path / "baseline.json"
    write_baseline(report, {Verdict.CONTRADICTED}, path)
    outcome = Policy(DEFAULT_FAIL_ON, read_baseline(path)).apply(report)
    statuses = {r.claim.id: outcome.status(r) for r in report.results}
    assert statuses["workers-count"] == KNOWN
    assert statuses["putin-pyongyang"] == FAIL and statuses["odd-chars"] == FAIL
    assert outcome.failed


def test_edited_claim_text_is_a_new_claim_and_fixed_claims_are_stale(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"summitcheck-baseline": 1, "failures": [
        {"id": "workers-count", "text": "≈30,000 workers", "verdict": "contradicted"},
        {"id": "summit-vladivostok", "text": "Kim and Putin met in Vladivostok", "verdict": "unsupported"},
    ]}), encoding="utf-8")
    report = sample_report()
    outcome = Policy(DEFAULT_FAIL_ON, read_baseline(path)).apply(report)
    assert outcome.status(next(r for r in report.results if r.claim.id == "workers-count")) == FAIL
    assert {e.id for e in outcome.stale} == {"workers-count", "summit-vladivostok"}


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("{\n  \"failures\": [\n", "not valid JSON", 3),
        ('{"failures": []}', "not a summitcheck baseline", 1),
        ('{\n  "summitcheck-baseline": 1,\n  "failures": [\n    {\n      "id": 3\n    }\n  ]\n}', "needs an id", 4),
    ],
)
def test_bad_baseline_files(tmp_path: Path, text: str, message: str, line: int) -> None:
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        read_baseline(path)
    assert info.value.location.line == line


def test_missing_baseline_says_how_to_write_one(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--write-baseline"):
        read_baseline(tmp_path / "nope.json")
