"""Judging bounded per claim (retrieve.Checker._best_first): a seed with many candidate sentences is judged best
bound first. Forced onto the project's own inputs (every seed judged that way, a sentence per round), it gives
the same results as judging every candidate; with a budget too small to settle anything it may answer less,
never 'supported' where every candidate would not.

The inputs: the bundled claims, the claim texts of the case tables against their seeds (as in
test_performance_equivalence.py), and a seed of forty varied copies of the bundled article (an archive in small).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml

from summitcheck import api, cache, parallel, retrieve
from summitcheck.load.claims import load_claims
from summitcheck.load.seeds import load_seeds, parse_seed
from summitcheck.model import Claim, Location, Result, Seed, Verdict

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
BUNDLED = "000_f05eb49b0d101e5b"


def _archive() -> Seed:
    """Forty copies of the bundled article, numbers scaled, years shifted and a place changed in each but the first."""
    text = (ROOT / "seeds" / f"{BUNDLED}.txt").read_text(encoding="utf-8")
    body = text.split(" ", 2)[2]
    copies = [text.strip()]
    places = ["Khabarovsk", "Irkoutsk", "Omsk", "Magadan"]
    for k in range(1, 40):
        copy = re.sub(r"\b(19[5-9]\d|20[0-4]\d)\b", lambda m, k=k: str(int(m.group()) + k % 5 - 2), body)
        copy = re.sub(r"\b10\.000\b", f"{10 + k}.000", copy)
        copies.append(copy.replace("Vladivostok", places[k % 4]).strip())
    return parse_seed("\n\n".join(copies) + "\n", "<archive>", "archive", None)


@functools.cache
def inputs() -> tuple[list[Seed], list[Claim]]:
    seeds = load_seeds(ROOT / "seeds") + load_seeds(ROOT / "tests" / "seeds") + [_archive()]
    claims = list(load_claims([ROOT / "claims"]))
    claims += [Claim(f"archive-{c.id}", c.text, c.location, seed="archive") for c in claims[:]]
    known = {s.id for s in seeds}
    for path in sorted(CASES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if doc.get("seed") not in known:
            continue
        for n, case in enumerate(doc.get("cases") or []):
            if "claim" in case:
                claims.append(Claim(f"{path.stem}-{n}", case["claim"], Location(path.name, n + 1), seed=doc["seed"]))
    return seeds, claims


@pytest.fixture()
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_enabled", False)  # results are cached by source, not by these limits


@functools.cache
def every_candidate() -> tuple[Result, ...]:
    seeds, claims = inputs()
    enabled, limit = cache.enabled(), retrieve.FOCAL_LIMIT
    cache.set_enabled(False)
    retrieve.FOCAL_LIMIT = 10**9  # every candidate judged, however many
    try:
        return api.check(claims, seeds, jobs=1).results
    finally:
        cache.set_enabled(enabled)
        retrieve.FOCAL_LIMIT = limit


def _forced(monkeypatch: pytest.MonkeyPatch, budget: int, probes: int) -> tuple[Result, ...]:
    monkeypatch.setattr(retrieve, "FOCAL_LIMIT", 0)
    monkeypatch.setattr(retrieve, "FOCAL_STEP", 1)
    monkeypatch.setattr(retrieve, "FOCAL_BUDGET", budget)
    monkeypatch.setattr(retrieve, "WHOLE_SEED_PROBES", probes)
    seeds, claims = inputs()
    return api.check(claims, seeds, jobs=1).results


def test_archive_is_over_the_limit() -> None:
    archive = inputs()[0][-1]
    assert len(archive.sentences) > retrieve.FOCAL_LIMIT  # so its claims go through _best_first by default


def test_best_first_without_a_budget_is_judging_every_candidate(no_cache: None,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    expected = every_candidate()
    seeds, claims = inputs()
    calls = []
    best_first = retrieve.Checker._best_first
    monkeypatch.setattr(retrieve.Checker, "_best_first", lambda self, *a: calls.append(a) or best_first(self, *a))
    default = api.check(claims, seeds, jobs=1).results  # the archive's claims by _best_first, the rest as before
    assert calls, "no claim of the archive went through _best_first"
    assert default == expected
    monkeypatch.setattr(retrieve.Checker, "_best_first", best_first)
    got = _forced(monkeypatch, budget=10**9, probes=10**9)
    wrong = [f"{a.claim.id}: {a.verdict.value} {a.reason!r} became {b.verdict.value} {b.reason!r}"
             for a, b in zip(expected, got, strict=True) if a != b]
    assert not wrong, "\n".join(wrong)


def test_a_small_budget_never_supports_more(no_cache: None, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = every_candidate()
    for budget, probes in ((1, 1), (3, 2)):
        got = _forced(monkeypatch, budget, probes)
        false = [a.claim.id for a, b in zip(expected, got, strict=True)
                 if b.verdict is Verdict.SUPPORTED and a.verdict is not Verdict.SUPPORTED]
        assert not false, (budget, false)
        print(f"budget {budget}: {sum(a != b for a, b in zip(expected, got, strict=True))} of {len(got)} differ")


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_seed_analysed_only_where_claims_can_be_answered(no_cache: None, monkeypatch: pytest.MonkeyPatch,
                                                               jobs: int) -> None:
    """Long seeds are analysed only in the sentences holding most of a claim's anchors (index.select); forced onto
    every seed, that may miss an answer, never add one: nothing supported that every sentence would not support."""
    expected = every_candidate()
    monkeypatch.setattr(api, "LAZY_CHARS", 0)
    monkeypatch.setattr(parallel, "AUTO_SPARSE_CHARS", 0)
    seeds, claims = inputs()
    got = api.check(claims, seeds, jobs=jobs).results
    false = [a.claim.id for a, b in zip(expected, got, strict=True)
             if b.verdict is Verdict.SUPPORTED and a.verdict is not Verdict.SUPPORTED]
    assert not false
    same = sum(a.verdict is b.verdict for a, b in zip(expected, got, strict=True))
    assert same >= 0.9 * len(got), f"only {same} of {len(got)} verdicts kept"
    print(f"every seed analysed in part, {jobs} process(es): {same} of {len(got)} verdicts kept")
    if jobs > 1:
        assert got == api.check(claims, seeds, jobs=1).results  # the same in one process


def test_the_cheap_pass_finds_the_anchors_tokenize_gives() -> None:
    """index.anchor_postings reads words as tokenize() does, without making tokens: the same sentences."""
    from array import array

    from summitcheck.analyse.knowledge import default_knowledge
    from summitcheck.analyse.tokens import tokenize
    from summitcheck.index import anchor_postings, digits_anchor, fact_anchors
    from summitcheck.store import claim_facts

    knowledge, seed = default_knowledge(), inputs()[0][-1]
    wanted = frozenset(a for c in inputs()[1][:40] for f in claim_facts(c.text, seed.language, knowledge)
                       for a in fact_anchors(f, seed.language, knowledge))
    expected: dict[str, array] = {}
    for pos, sentence in enumerate(seed.sentences):
        held = {v for t in tokenize(sentence.text, seed.language)
                for v in (t.key, t.exact, t.norm, digits_anchor(t.text))} & wanted
        for value in sorted(held):
            expected.setdefault(value, array("I")).append(pos)
    got = anchor_postings(seed, 0, len(seed.sentences), wanted)
    assert len(wanted) > 50 and any(a.startswith("#") for a in got) and got == expected


def test_a_claim_no_word_anchors_reads_the_seeds_lede() -> None:
    from summitcheck.analyse.knowledge import default_knowledge
    from summitcheck.index import LAZY_SENTENCES, select
    from summitcheck.store import claim_facts

    knowledge, seed = default_knowledge(), inputs()[0][-1]
    facts = claim_facts("on Thursday", seed.language, knowledge)
    assert select(facts, seed.language, {}, len(seed.sentences), knowledge) == frozenset(range(LAZY_SENTENCES + 1))
