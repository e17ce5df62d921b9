"""The speed-ups never change a result: the index, the cache (cold and warm) and several processes give the same
verdict, reason, evidence and facts as reading every sentence of every seed, on the project's own inputs.

The inputs: the bundled claims (claims/), the claim texts of the case tables (tests/cases/*.yaml) against their
seeds (seeds/, tests/seeds/, and each per-kind case's own seed), and the same texts naming no seed, checked against
every seed at once (the global index and the bound over seeds).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
import yaml

from summitcheck import api, cache, fingerprint, parallel, retrieve, store
from summitcheck.analyse.knowledge import default_knowledge
from summitcheck.index import SeedIndex, sentence_keys
from summitcheck.load.claims import load_claims
from summitcheck.load.seeds import load_seeds, parse_seed
from summitcheck.match import Settings, find_in_sentence
from summitcheck.model import Claim, Location

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"


@functools.cache
def inputs() -> tuple[list, list[Claim], list[Claim]]:
    """(seeds, claims naming their seed, the same texts naming none)."""
    seeds = load_seeds(ROOT / "seeds") + load_seeds(ROOT / "tests" / "seeds")
    claims = list(load_claims([ROOT / "claims"]))
    known = {s.id for s in seeds}
    for path in sorted(CASES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for n, case in enumerate(doc.get("cases") or []):
            if "claim" not in case:
                continue
            where = Location(path.name, n + 1)
            if "seed" in doc and doc["seed"] in known:
                claims.append(Claim(f"{path.stem}-{n}", case["claim"], where, seed=doc["seed"]))
            elif isinstance(case.get("seed"), str):  # a per-kind case brings its own short seed
                sid = f"{path.stem}-{case.get('id', n)}"
                seeds.append(parse_seed(case["seed"], f"<{sid}>", sid, case.get("lang")))
                claims.append(Claim(f"{path.stem}-{n}", case["claim"], where, seed=sid))
    anywhere = [Claim(f"any-{c.id}", c.text, c.location) for c in claims[::2]]  # half keep the full scan quick
    return seeds, claims, anywhere


@pytest.fixture()
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_enabled", True)
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cache folder the reference run fills with seed and claim analyses (read every sentence, its results are
    not stored), for the runs that start from them."""
    return tmp_path_factory.mktemp("shared-cache")


@functools.cache
def reference(folder: Path) -> tuple:
    """Every claim with every sentence read, one process: what the other runs must reproduce. Its analyses go to
    `folder` (the first run of each test below starts without the cache, or from a fresh one)."""
    seeds, claims, anywhere = inputs()
    enabled, before = cache.enabled(), os.environ.get(cache.ENV_DIR)
    cache.set_enabled(True)
    os.environ[cache.ENV_DIR] = str(folder)
    try:
        named = api.check(claims, seeds, use_index=False, jobs=1).results
        # Against every seed: the three articles and a sample of the short case seeds keep the full scan quick.
        cases = [s for s in seeds if s.id.startswith("kinds-")]
        some = [s for s in seeds if not s.id.startswith("kinds-")] + cases[::11]
        free = api.check(anywhere, some, use_index=False, jobs=1).results
    finally:
        cache.set_enabled(enabled)
        if before is None:
            os.environ.pop(cache.ENV_DIR, None)
        else:
            os.environ[cache.ENV_DIR] = before
    assert not any(folder.glob("results*-*.pickle"))
    return named, free, some


def _differences(expected, got) -> list[str]:
    assert len(expected) == len(got)
    return [
        f"{a.claim.id} {a.claim.text!r}: {a.verdict.value} / {a.reason!r} became {b.verdict.value} / {b.reason!r}"
        + (" (same verdict and reason, other evidence or facts)" if (a.verdict, a.reason) == (b.verdict, b.reason)
           else "")
        for a, b in zip(expected, got, strict=True)
        if a != b
    ]


def test_index_cache_and_processes_change_no_result(shared_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds, claims, anywhere = inputs()
    named, free, some = reference(shared_cache)
    monkeypatch.setenv(cache.ENV_DIR, str(shared_cache))
    monkeypatch.setattr(cache, "_enabled", True)
    articles = [s for s in seeds if not s.id.startswith("kinds-")]
    mine = [(c, r) for c, r in zip(claims, named, strict=True) if c.seed in {s.id for s in articles}]
    got = _without_cache(lambda: api.check([c for c, _ in mine], articles, jobs=1)).results
    assert not _differences([r for _, r in mine], got), "index, no cache (the articles' claims)"
    runs = {
        "index, analyses from the cache, results computed": lambda: api.check(claims, seeds, jobs=1),
        "index, results of the run before": lambda: api.check(claims, seeds, jobs=1),
    }
    for name, run in runs.items():
        assert not _differences(named, run().results), name
    for kind in ("seed", "claims", "results"):
        assert any(shared_cache.glob(f"{kind}*-*.pickle")), kind
    assert not _differences(free, api.check(anywhere, some, jobs=1).results), "claims naming no seed"


def test_several_processes_give_the_same_report(fresh_cache: Path, shared_cache: Path) -> None:
    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("processes inherit the analysed seeds by fork")
    seeds, claims, anywhere = inputs()
    named, free, some = reference(shared_cache)
    assert not _differences(named, api.check(claims, seeds, jobs=2).results), "jobs=2, cold cache"
    assert not _differences(named, _forget_results(fresh_cache, lambda: api.check(claims, seeds, jobs=2)).results), \
        "jobs=2, analyses from the cache"
    assert not _differences(free, api.check(anywhere, some, jobs=2).results), "jobs=2, claims naming no seed"


def test_long_seeds_by_blocks_and_positions_give_the_same_results(fresh_cache: Path, shared_cache: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A long seed keeps positions instead of bit masks and is unpickled by blocks: the same results."""
    from summitcheck import index

    seeds, claims, _ = inputs()
    named, _, _ = reference(shared_cache)
    articles = [s for s in seeds if not s.id.startswith("kinds-")]
    ids = {s.id for s in articles}
    mine = [(c, r) for c, r in zip(claims, named, strict=True) if c.seed in ids]
    monkeypatch.setattr(index, "BLOCK", 4)
    monkeypatch.setattr(index, "MASK_LIMIT", 8)
    for run in ("cold", "analyses from the cache"):
        got = _forget_results(fresh_cache, lambda: api.check([c for c, _ in mine], articles, jobs=1)).results
        assert not _differences([r for _, r in mine], got), run
    stored = [cache.load(p.stem) for p in fresh_cache.glob("seed*-*.pickle")]
    assert stored and all(len(v[1]) > 1 and v[2] == 4 for v in stored)
    assert all(not isinstance(p, int) for v in stored for p in v[0].postings.values())


def test_candidates_hold_every_sentence_that_answers() -> None:
    """Stronger than equal verdicts: wherever the matcher answers a claim fact, the index lists that sentence."""
    seeds, claims, _ = inputs()
    knowledge, settings = default_knowledge(), Settings()
    enabled = cache.enabled()
    cache.set_enabled(False)
    try:
        analysed = {s.id: store.analyse_seed(s, knowledge) for s in seeds}
    finally:
        cache.set_enabled(enabled)
    checker = retrieve.Checker(list(analysed.values()), knowledge, settings)
    misses = []
    for claim in claims:
        seed_facts = analysed[claim.seed]
        facts = checker.facts(claim.text, seed_facts.seed.language)
        found = checker._candidates(list(analysed).index(claim.seed), facts)
        for fact, allowed in zip(facts, found, strict=True):
            for k, sentence in enumerate(seed_facts.sentences):
                answer = find_in_sentence(fact, sentence, knowledge, settings)
                if answer is not None and allowed is not None and k not in allowed:
                    misses.append(f"{claim.text!r}: {fact.kind.value} {fact.text!r} {answer.status} in sentence "
                                  f"{k + 1} of {claim.seed}, which the index does not list")
    assert not misses, "\n".join(misses[:20])


def test_no_window_scores_above_its_ceiling(monkeypatch: pytest.MonkeyPatch) -> None:
    """The judge skips windows whose ceiling (their score before the relation rules) cannot beat the best one: every
    window, judged with the rules, scores at most its ceiling."""
    from summitcheck import judge

    seeds, claims, _ = inputs()
    knowledge, settings = default_knowledge(), Settings()
    by_id = {s.id: s for s in seeds}
    ceilings: dict[int, tuple] = {}
    over: list[str] = []
    real_ceiling, real_window = judge._ceiling, judge._judge_window

    def every_window(statuses, focal, may_conflict):  # the real ceiling, kept; every window judged
        ceilings[focal] = real_ceiling(statuses, focal, may_conflict)
        return (9,)

    def window(statuses, sentences, focal, knowledge_):
        judgement = real_window(statuses, sentences, focal, knowledge_)
        if judgement.score > ceilings[focal]:
            over.append(f"{claim.text!r}, sentence {focal + 1} of {claim.seed}: {judgement.score} > {ceilings[focal]}")
        return judgement

    monkeypatch.setattr(judge, "_ceiling", every_window)
    monkeypatch.setattr(judge, "_judge_window", window)
    windows = 0
    for claim in claims:
        seed = by_id[claim.seed]
        ceilings.clear()
        facts = store.claim_facts(claim.text, seed.language, knowledge)
        judge.judge_seed(facts, store.analyse_seed(seed, knowledge).sentences, knowledge, settings)
        windows += len(ceilings)
    assert windows > 1000
    assert not over, "\n".join(over[:20])


def test_the_index_is_selective() -> None:
    """Candidates are a small part of the seed for a value: the index does more than list every sentence."""
    seeds, _, _ = inputs()
    bundled = store.analyse_seed(next(s for s in seeds if s.id == "000_f05eb49b0d101e5b"), default_knowledge())
    index = SeedIndex.build(bundled.sentences, default_knowledge())
    workers = [k for k in index.postings if k.startswith("v:number")]
    assert workers and len(index.postings) > 100
    assert all(sentence_keys(s, default_knowledge()) for s in bundled.sentences)


def test_cache_survives_corrupt_and_foreign_entries(fresh_cache: Path) -> None:
    seeds, _, _ = inputs()
    knowledge = default_knowledge()
    first = store.analyse_seed(seeds[0], knowledge)
    entries = list(fresh_cache.glob("seed*-*.pickle"))
    assert len(entries) == 1 and cache.load(entries[0].stem) is not cache.MISSING
    entries[0].write_bytes(b"not a pickle")
    (fresh_cache / ".tmp-half-written.pickle").write_bytes(b"\x80\x05")
    again = store.analyse_seed(seeds[0], knowledge)
    assert again.sentences == first.sentences
    assert cache.load("seed-" + "0" * 32) is cache.MISSING


def test_cache_prunes_the_least_recently_used_entries(tmp_path: Path) -> None:
    import time

    now = time.time()
    for k, age in enumerate((5, 1, 3)):  # days since last use
        entry = tmp_path / f"seed1-{k}.pickle"
        entry.write_bytes(b"x" * 1000)
        os.utime(entry, (now - age * 86400, now - age * 86400))
    stale = tmp_path / ".tmp-killed.pickle"
    stale.write_bytes(b"x" * 10)
    os.utime(stale, (now - 7200, now - 7200))
    assert cache.prune(tmp_path, limit=2000) == 1010
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seed1-1.pickle", "seed1-2.pickle"]


def test_cache_keys_follow_code_knowledge_and_text(monkeypatch: pytest.MonkeyPatch) -> None:
    seeds, _, _ = inputs()
    knowledge = default_knowledge()
    key = fingerprint.seed_key(seeds[0], knowledge)
    assert fingerprint.seed_key(seeds[0], knowledge) == key
    other = parse_seed(seeds[0].text + " Fin.", seeds[0].path, seeds[0].id)
    assert fingerprint.seed_key(other, knowledge) != key
    monkeypatch.setattr(fingerprint, "code_fingerprint", lambda: "another version of the analysers")
    assert fingerprint.seed_key(seeds[0], knowledge) != key
    assert fingerprint.knowledge_fingerprint(knowledge) == "default"
    assert fingerprint.stable({"b", "a", "c"}) == fingerprint.stable({"c", "b", "a"})


def _forget_results(folder: Path, run):
    for entry in folder.glob("results*-*.pickle"):
        entry.unlink()
    return run()


def _without_cache(run):
    enabled = cache.enabled()
    cache.set_enabled(False)
    try:
        return run()
    finally:
        cache.set_enabled(enabled)


def test_no_cache_flag_and_jobs_flag_reach_the_library(monkeypatch: pytest.MonkeyPatch) -> None:
    from summitcheck import cli

    monkeypatch.setattr(cache, "_enabled", True)
    monkeypatch.setattr(parallel, "_default_jobs", 1)
    cli._performance(True, 3)
    assert not cache.enabled() and parallel._default_jobs == 3
    assert parallel.processes(None).count in (1, 3) and parallel.processes(0).count >= 1
    monkeypatch.setattr(parallel, "_default_jobs", 1)
    assert os.environ.get(cache.ENV_DIR)  # conftest: tests never touch the user's cache


# Claims whose verdict can come from a relation rule turning a fact no sentence answers into a conflict (a negation
# the seed's verb lacks, a rival actor, place or partner): the bound over seeds must leave such seeds in, or another
# seed's verdict is given for the first one's (seen with the benchmark's corpus).
RULED = [
    "Kim Jong-un did not meet Vladimir Putin",
    "Kim and Putin did not hold a summit in Vladivostok",
    "The summit was not held in Vladivostok",
    "The United States put Kim Il Sung in power",
    "Kim met Putin in Beijing",
]


def test_claims_naming_no_seed_keep_the_seeds_a_relation_rule_can_contradict(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from corpus import write_corpus
    finally:
        sys.path.pop(0)
    write_corpus(tmp_path, seeds=60, claims=0)
    seeds = load_seeds(ROOT / "seeds") + load_seeds(tmp_path / "seeds")
    claims = [Claim(f"ruled-{n}", text, Location("ruled.yaml", n + 1)) for n, text in enumerate(RULED)]
    expected = _without_cache(lambda: api.check(claims, seeds, use_index=False, jobs=1)).results
    assert sum(r.verdict.value == "contradicted" for r in expected) >= 2
    assert not _differences(expected, _without_cache(lambda: api.check(claims, seeds, jobs=1)).results)


def test_knowledge_built_by_a_child_is_the_same(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """prefetch() builds the tables in a forked child while claims and seeds load; load() gets the same tables as
    building them here, and builds them itself when the child fails."""
    import sys

    from summitcheck.analyse import knowledge

    if sys.platform != "linux":
        pytest.skip("prefetch forks only on Linux")
    monkeypatch.setattr(cache, "_enabled", False)
    glossary = tmp_path / "glossary.yaml"  # a glossary: default_knowledge() may be loaded in this process already
    glossary.write_text("concepts:\n  - id: widget\n    en: widget\n    fr: bidule\n", encoding="utf-8")
    expected = fingerprint.stable(knowledge.build([glossary]))
    parent, real_build = os.getpid(), knowledge.build
    built_here: list[int] = []

    def build(extra_files=(), fail_in_child=False):
        if os.getpid() == parent:
            built_here.append(1)
        elif fail_in_child:
            raise RuntimeError("the child fails")
        return real_build(extra_files)

    monkeypatch.setattr(knowledge, "build", build)
    knowledge.prefetch([glossary])
    assert knowledge._building, "no child started"
    assert fingerprint.stable(knowledge.load([glossary])) == expected
    assert not knowledge._building and not built_here, "the tables were not the child's"

    monkeypatch.setattr(knowledge, "build", lambda extra_files=(): build(extra_files, fail_in_child=True))
    knowledge.prefetch([glossary])
    assert fingerprint.stable(knowledge.load([glossary])) == expected
    assert built_here == [1], "a failed child: built here"
