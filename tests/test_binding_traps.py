"""Binding traps (tests/binding/traps.yaml): claims whose words are all in the seed but bound to the wrong actor,
value, direction, clause or sentence, each with a mirror claim on the same seed that binds correctly.

All rows are checked in one library call. A row the checker fails today is listed by id either in
tests/binding/known_failures.txt or, when the failure is a false support (a non-supported claim judged
supported), in tests/binding/false_supports.txt. Both are strict: a listed row that passes fails the run until
its id is removed, and a false support listed as an ordinary known failure fails too.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "binding"))
import harness

ROWS = harness.load_rows()
KNOWN = set(harness.read_ids(harness.KNOWN_FAILURES))
FALSE_SUPPORTS = set(harness.read_ids(harness.FALSE_SUPPORTS))


@functools.cache
def outcomes() -> dict[str, harness.Outcome]:
    return harness.run_rows(ROWS)


# --- the table itself ---------------------------------------------------------------------------------------


def test_rows_are_well_formed() -> None:
    keys = {"id", "kind", "lang", "seed", "claim", "expect", "evidence", "note"}
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids)), [i for i, n in collections.Counter(ids).items() if n > 1]
    for r in ROWS:
        assert set(r) <= keys and keys - {"note", "evidence"} <= set(r), r["id"]
        assert re.fullmatch(r"[a-z0-9][a-z0-9._-]*", r["id"]), r["id"]
        assert r["kind"] in harness.KINDS, r["id"]
        assert r["lang"] in ("fr", "en"), r["id"]
        assert r["expect"] in harness.VERDICTS, r["id"]
        if r["expect"] != "supported":
            assert r.get("note"), f"{r['id']}: a non-supported row needs a note saying what the seed says"


def test_evidence_is_an_exact_substring_of_the_seed() -> None:
    bad = [(r["id"], s) for r in ROWS for s in r.get("evidence") or () if s not in harness.seed_text(r)]
    assert not bad, bad
    empty = [r["id"] for r in ROWS if r["expect"] != "unsupported" and not r.get("evidence")]
    assert not empty, f"supported and contradicted rows list their evidence: {empty}"


def test_every_trap_has_a_supported_mirror_on_the_same_seed() -> None:
    supported = {r["seed"].strip() for r in ROWS if r["expect"] == "supported"}
    lonely = [r["id"] for r in ROWS if r["expect"] != "supported" and r["seed"].strip() not in supported]
    assert not lonely, lonely


def test_table_coverage() -> None:
    kinds = collections.Counter(r["kind"] for r in ROWS)
    assert len(ROWS) >= 160
    assert all(kinds[k] >= 12 for k in harness.KINDS), kinds
    langs = collections.Counter(r["lang"] for r in ROWS)
    assert abs(langs["fr"] - langs["en"]) <= len(ROWS) // 5, langs


WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}
MONTHS = {
    m: k + 1
    for k, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
MONTHS |= {
    m: k + 1
    for k, m in enumerate(
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
    )
}


def test_weekdays_with_a_full_date_in_the_seed_are_right() -> None:
    """'mardi 14 mars' / 'Tuesday, March 14' in a seed must be a real weekday of the header's year."""
    bad = []
    pattern = re.compile(
        r"\b(" + "|".join(WEEKDAYS) + r")\W{0,2}(\d{1,2})(?:er)? (" + "|".join(MONTHS) + r")\b"
        r"|\b(" + "|".join(WEEKDAYS) + r")\W{0,2}(" + "|".join(MONTHS) + r") (\d{1,2})\b",
        re.I,
    )
    for r in ROWS:
        head = re.match(r"\s*date (\d{4})", r["seed"])
        if not head:
            continue
        for m in pattern.finditer(r["seed"]):
            wd, day, month = (m[1], m[2], m[3]) if m[1] else (m[4], m[6], m[5])
            date = dt.date(int(head[1]), MONTHS[month.lower()], int(day))
            if date.weekday() != WEEKDAYS[wd.lower()]:
                bad.append((r["id"], m[0], date.strftime("%A")))
    assert not bad, bad


def test_known_failure_lists_name_rows() -> None:
    ids = {r["id"] for r in ROWS}
    assert not (KNOWN | FALSE_SUPPORTS) - ids, sorted((KNOWN | FALSE_SUPPORTS) - ids)
    assert not KNOWN & FALSE_SUPPORTS, sorted(KNOWN & FALSE_SUPPORTS)


# --- the checker on the table -------------------------------------------------------------------------------


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_trap(row: dict) -> None:
    """Strict known failures: a listed row that now passes fails (like xfail(strict=True)), so that the list
    shrinks as the checker improves; pytest.xfail() is called imperatively to keep the run fast."""
    o = outcomes()[row["id"]]
    where = f"{row['id']} [{row['kind']}, {row['lang']}] {row['claim']!r}"
    listed = "false_supports.txt" if row["id"] in FALSE_SUPPORTS else "known_failures.txt" if row["id"] in KNOWN else ""
    if o.false_support and row["id"] not in FALSE_SUPPORTS:
        pytest.fail(
            f"FALSE SUPPORT {where}: {o.reason} (a false support is listed in false_supports.txt, never "
            f"in known_failures.txt)"
        )
    if row["id"] in FALSE_SUPPORTS and not o.false_support and not o.passed:
        pytest.fail(
            f"{where} is no longer a false support but still fails ({o.describe()}): move its id to known_failures.txt"
        )
    if listed and o.passed:
        pytest.fail(f"XPASS(strict) {where} passes now: remove its id from tests/binding/{listed}")
    if listed:
        pytest.xfail(f"listed in {listed}: {o.describe()}")
    assert o.passed, f"{where}: {o.describe()}"


def test_false_support_count_is_reported(capsys: pytest.CaptureFixture) -> None:
    fs = sorted(i for i, o in outcomes().items() if o.false_support)
    with capsys.disabled():
        print(f"\n[binding traps] {harness.summary(outcomes())}")
        if fs:
            print(f"[binding traps] {len(fs)} false supports: {', '.join(fs)}")
    assert set(fs) == FALSE_SUPPORTS & set(fs)
