"""Table-driven checker tests: claim / seed text / expected verdict, per kind of fact and per test seed.

The tables under tests/cases/ say what a careful fact-checker answers; they were written apart from the
checker. A false "supported" is reported first: it is the worst error a fact checker can make.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import yaml
from conftest import SEEDS, TEST_SEEDS

from summitcheck.analyse.knowledge import default_knowledge
from summitcheck.api import check_claim
from summitcheck.load.seeds import load_seeds, parse_seed
from summitcheck.match import Settings
from summitcheck.model import Claim, Location, Verdict
from summitcheck.store import SeedFacts, analyse_seed

CASES = Path(__file__).resolve().parent / "cases"


def _load(name: str) -> dict:
    return yaml.safe_load((CASES / name).read_text(encoding="utf-8"))


KINDS = _load("kinds.yaml")["cases"]
SEED_TABLES = [_load(p.name) for p in sorted(CASES.glob("*.yaml")) if p.name not in ("kinds.yaml", "known-misses.yaml")]
# Cases the checker gets wrong today, each with why: a documented gap, never a false support.
KNOWN_MISSES = {m["id"]: m for m in _load("known-misses.yaml")["misses"]}
SEED_CASES = [(table["seed"], case) for table in SEED_TABLES for case in table["cases"]]


@functools.cache
def test_seed(seed_id: str) -> SeedFacts:
    seeds = {s.id: s for folder in (SEEDS, TEST_SEEDS) for s in load_seeds(folder)}
    return analyse_seed(seeds[seed_id], default_knowledge())


test_seed.__test__ = False  # a helper, not a test


def verdict_of(claim_text: str, seed: SeedFacts) -> tuple[Verdict, str]:
    claim = Claim("case", claim_text, Location("table"), seed=seed.seed.id)
    result = check_claim(claim, [seed], default_knowledge(), Settings())
    return result.verdict, result.reason


def _check(case_id: str, claim: str, expect: str, seed: SeedFacts) -> None:
    got, reason = verdict_of(claim, seed)
    if got is Verdict.SUPPORTED and expect != "supported":
        pytest.fail(f"FALSE SUPPORT of {claim!r}: {reason}")
    if got.value != expect and case_id in KNOWN_MISSES:
        pytest.xfail(f"known miss ({KNOWN_MISSES[case_id]['why']}): got {got.value}: {reason}")
    assert got.value == expect, f"{claim!r}: expected {expect}, got {got.value}: {reason}"


def test_case_ids_are_unique() -> None:
    """pytest would suffix a repeated id and run both rows, and known-misses.yaml would then name either."""
    ids = [c["id"] for c in KINDS] + [f"{s}:{c['id']}" for s, c in SEED_CASES]
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


def test_known_misses_are_never_false_supports() -> None:
    """A false support is a defect to fix, not a gap to document."""
    assert all(m["got"] != "supported" for m in KNOWN_MISSES.values())


@pytest.mark.parametrize("case", KINDS, ids=[c["id"] for c in KINDS])
def test_kind_table(case: dict) -> None:
    seed = parse_seed(case["seed"], f"<{case['id']}>", case["id"], case.get("lang"))
    _check(case["id"], case["claim"], case["expect"], analyse_seed(seed, default_knowledge()))


@pytest.mark.parametrize(("seed_id", "case"), SEED_CASES, ids=[f"{s}:{c['id']}" for s, c in SEED_CASES])
def test_seed_table(seed_id: str, case: dict) -> None:
    _check(case["id"], case["claim"], case["expect"], test_seed(seed_id))
