"""check(claims, seeds) -> Report: the library entry point. No printing, no exit codes.

It reads top to bottom as a run goes (docs/performance.md has the figures):

1. Results of earlier runs are reused for claim files whose claims, seeds, code, knowledge and settings have not
   changed (the cache names: summitcheck.fingerprint).
2. Every seed is analysed once, or read from the on-disk cache; missing ones are analysed by `jobs` processes
   (summitcheck.parallel: by default one per CPU when there is work enough to gain from them). A seed's analysis
   stays pickled in memory, by blocks of sentences, until a claim needs it; its index is loaded
   (summitcheck.store).
3. Meanwhile each claim is analysed once per seed language (its quotations are verbatim only in the seed's
   language), the analyses of a claim file cached together.
4. A long seed (over index.LAZY_CHARS: an archive, a transcript) is analysed only then, and only where the claims
   can be answered: a cheap pass over its words finds the claims' anchors, each claim gets the sentences holding
   most of them (index.select), and only those are analysed and judged for it (_sparse). A seed of more than 4,096
   sentences analysed whole is analysed in pieces, in parallel.
5. Claims are checked seed by seed, so that each analysis is unpickled once, by `jobs` processes for many claims;
   the index of every seed's facts gives the sentences and seeds that can answer a claim (summitcheck.retrieve),
   and the judge reads only those, best first and at most a budget of them in a seed with very many
   (Checker._best_first). Results come back in claim order.

None of this changes a verdict on a seed under both limits (an article): tests/test_performance_equivalence.py
compares runs with and without the index, the cache and several processes. Above them a claim may be answered
less, never more (no false support: tests/test_bounded_judging.py, docs/performance.md).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
from collections.abc import Callable, Collection, Iterator, Sequence

from . import cache, parallel
from .analyse.knowledge import Knowledge, default_knowledge
from .fingerprint import claims_key, results_key, seed_key
from .index import (
    LAZY_CHARS,
    PIECE_SENTENCES,
    Piece,
    SeedIndex,
    analyse_sentence,
    anchor_postings,
    fact_anchors,
    is_analysed,
    merged,
    merged_postings,
    no_gc,
    pieces,
    select,
)
from .match import SentenceFacts, Settings
from .model import Claim, Fact, Report, Result, Seed
from .parallel import AUTO, Processes, set_jobs
from .retrieve import Checker, SeedIds
from .store import Record, SeedFacts, Sparse, Stored, claim_facts, interned

__all__ = ["AUTO", "analyse_seeds", "check", "check_claim", "set_jobs"]

Progress = Callable[[str, int, int], None]  # (stage, done, total): "analysing seeds" / "checking claims"
Meanwhile = Callable[[Processes], Iterator[None]]  # a run's other work, given the processes it may use; yields often


def check(
    claims: Sequence[Claim],
    seeds: Sequence[Seed],
    settings: Settings | None = None,
    knowledge: Knowledge | None = None,
    *,
    jobs: int | None = None,
    use_index: bool = True,
    progress: Progress | None = None,
) -> Report:
    """Every claim against its seed (or every seed). `jobs`: the processes to use (None: set_jobs()'s number, by
    default AUTO, which uses one per CPU for the stages large enough to gain from them; 1: this one only); any
    number gives the same report. `use_index=False` reads every sentence (for tests of the index).
    `progress(stage, done, total)` is called as seeds are analysed and claims checked."""
    knowledge = knowledge or default_knowledge()
    settings = settings or Settings()
    processes = parallel.processes(jobs)
    ids = SeedIds(seeds)
    results: list[Result | None] = [None] * len(claims)
    keys = [seed_key(seed, knowledge) for seed in seeds]
    groups = _cached_results(ids, keys, claims, results, knowledge, settings) if use_index else {}
    todo = [k for k, r in enumerate(results) if r is None]
    memo: dict[tuple[str, str], list[Fact]] = {}
    # long seeds (an archive) are analysed after the claims, only where a claim can be answered (index.select)
    lazy = [p for p, seed in enumerate(seeds) if use_index and len(seed.text) > LAZY_CHARS]
    records = analyse_seeds(
        seeds, knowledge, jobs, progress, keys=keys, skip=lazy,
        meanwhile=lambda given: _prepare_claim_facts(ids, [claims[k] for k in todo], knowledge, memo, given),
    )
    selected: dict[int, dict[str, frozenset[int]]] = {}
    for pos in lazy:
        texts = sorted({claims[k].text for k in todo if pos in ids.positions(claims[k])})
        records[pos], selected[pos] = _sparse(seeds[pos], keys[pos], texts, memo, knowledge, processes)
    checker = Checker(records, knowledge, settings, use_index)
    checker.facts_memo = memo
    checker.selected = selected
    if use_index:
        checker.corpus  # noqa: B018 - built once here, before workers are forked, not in each of them
    # Seed by seed, so that each analysis is unpickled once (claims that name no seed with the first seed: the
    # longest to judge, started first so that other workers fill in behind them); results in claim order.
    first = {k: min(checker.positions(claims[k]), default=len(records)) for k in todo}
    order = sorted(todo, key=lambda k: (first[k], k))
    if progress:
        progress("checking claims", len(claims) - len(todo), len(claims))
    with _long_lived(checker):
        _check_all(checker, claims, order, results, processes, progress)
    for name, members in groups.items():
        cache.store(name, [results[k] for k in members])
    return Report(tuple(results), tuple(seeds))  # type: ignore[arg-type]


def _cached_results(ids: SeedIds, keys: Sequence[str], claims: Sequence[Claim], results: list[Result | None],
                    knowledge: Knowledge, settings: Settings) -> dict[str, list[int]]:
    """Results of earlier runs for claims whose text, seed (or every seed, for a claim naming none), code,
    knowledge and settings are all the same, by claim file; returns the cache names of the files to store."""
    if not cache.enabled():
        return {}
    every = hashlib.sha256("\0".join(keys).encode()).hexdigest()
    members: dict[str, list[int]] = {}
    for k, claim in enumerate(claims):
        members.setdefault(claim.location.path, []).append(k)
    missing: dict[str, list[int]] = {}
    with no_gc():
        for group in members.values():
            parts = []
            for k in group:
                claim = claims[k]
                positions = ids.positions(claim)
                seeds = every if claim.seed is None else ",".join(keys[p] for p in positions)
                parts.append(f"{claim.seed}\0{seeds}\0{claim.text}")
            name = results_key(parts, knowledge, settings)
            value = cache.load(name)
            if isinstance(value, list) and len(value) == len(group) and all(isinstance(r, Result) for r in value):
                for k, result in zip(group, value, strict=True):
                    results[k] = dataclasses.replace(result, claim=claims[k])
            else:
                missing[name] = group
    return missing


def analyse_seeds(seeds: Sequence[Seed], knowledge: Knowledge, jobs: int | None = None,
                  progress: Progress | None = None, meanwhile: Meanwhile | None = None,
                  keys: Sequence[str] | None = None, skip: Collection[int] = ()) -> list[Record]:
    """Every seed's index and pickled analysis, from the cache where possible, the rest computed by `jobs`
    processes (as for check(); each storing what it computes). `meanwhile(processes)` runs in this process: a step
    at a time while workers analyse seeds (given parallel.ONE: this one), else after the seeds (given them all).
    `keys`: the seeds' cache keys (fingerprint.seed_key), when the caller has them. The seeds at positions `skip`
    are left out (None), for the caller to analyse (check(): long seeds, only where claims can be answered)."""
    processes = parallel.processes(jobs)
    records: list[Record | None] = [None] * len(seeds)
    keys = keys or [seed_key(seed, knowledge) for seed in seeds]

    def keep(pos: int, value: Stored) -> None:
        index, blocks, size = value
        records[pos] = Record(seeds[pos], interned(index), blocks=blocks, block_size=size, key=keys[pos])

    missing: list[int] = []
    skipped = set(skip)
    with no_gc():
        for pos in range(len(seeds)):
            if pos in skipped:
                continue
            value = cache.load(keys[pos])
            if is_analysed(value):
                keep(pos, value)
            else:
                missing.append(pos)
    done = len(seeds) - len(missing) - len(skipped)
    if progress:
        progress("analysing seeds", done, len(seeds))
    left = sum(len(seeds[p].text) for p in missing)
    # the work: whole seeds, and long seeds (archives) in pieces, merged here once every piece is in
    tasks: list[parallel.Task] = []
    parts: dict[int, list[Piece | None]] = {}
    for pos in missing:
        ranges = pieces(seeds[pos])
        if len(ranges) == 1:
            tasks.append((pos, 0, -1))
        else:
            parts[pos] = [None] * len(ranges)
            tasks.extend((pos, first, end) for first, end in ranges)

    def got(task: parallel.Task, value: Stored | Piece) -> int:
        """Keeps a task's result; the number of seeds it completes (a piece completes its seed when it is the last
        of them to come in)."""
        pos, first, end = task
        if end < 0:
            keep(pos, value)  # type: ignore[arg-type]
            return 1
        held = parts[pos]
        held[first // PIECE_SENTENCES] = value  # type: ignore[assignment]
        if any(p is None for p in held):
            return 0
        whole = merged(seeds[pos], held)  # type: ignore[arg-type]
        cache.store(keys[pos], whole)
        keep(pos, whole)
        return 1

    if processes.worth(len(tasks) > 1, left >= parallel.AUTO_SEED_CHARS):
        # the first one here: the analysers' libraries and tables (dateparser's locales) are then loaded before
        # the fork, once, not in every worker
        first = tasks.pop(0)
        done += got(first, parallel.analyse_in_worker_here(first, seeds, knowledge))
        # this process's own work meanwhile (given one process: this one), rather than a core left idle
        count = processes.count
        per_job = 16 if not parts else 4  # pieces are large: fewer per worker, so the workers end together
        work = parallel.in_workers(parallel.analyse_in_worker, tasks, count, {"seeds": seeds, "knowledge": knowledge},
                                   per_job=per_job, pool_size=min(count, len(tasks)),
                                   meanwhile=meanwhile(parallel.ONE) if meanwhile else None)
        for chunk, values in work:
            for task, value in zip(chunk, values, strict=True):
                done += got(task, value)
            if progress:
                progress("analysing seeds", done, len(seeds))
        return records  # type: ignore[return-value]
    for task in tasks:
        done += got(task, parallel.analyse_in_worker_here(task, seeds, knowledge))
        if progress:
            progress("analysing seeds", done, len(seeds))
    for _ in meanwhile(processes) if meanwhile else ():
        pass
    return records  # type: ignore[return-value]


def _sparse(seed: Seed, key: str, texts: Sequence[str], memo: dict[tuple[str, str], list[Fact]],
            knowledge: Knowledge, processes: Processes) -> tuple[Record, dict[str, frozenset[int]]]:
    """A long seed analysed only where the claims `texts` can be answered: the cheap pass over every sentence (by
    pieces, in workers for a long one), each claim's sentences (index.select), then the analysis of those, with
    the index over them; and each claim's sentences, the only ones it is judged on (Checker.selected). Not cached:
    it depends on the claims (their results are)."""
    lang = seed.language
    size = len(seed.sentences)
    if not texts:  # every claim's result came from the cache: nothing to read
        return Record(seed, SeedIndex(size, {}), sentences=Sparse(seed, {}), key=key), {}  # type: ignore[arg-type]
    facts = {t: memo.get((t, lang)) or claim_facts(t, lang, knowledge) for t in texts}
    wanted = frozenset(a for found in facts.values() for f in found for a in fact_anchors(f, lang, knowledge))
    ranges = [(first, min(size, first + PIECE_SENTENCES)) for first in range(0, size, PIECE_SENTENCES)]
    if processes.worth(len(ranges) > 1, len(seed.text) >= parallel.AUTO_SEED_CHARS):
        work = parallel.in_workers(parallel.anchors_in_worker, ranges, processes.count,
                                   {"seed": seed, "wanted": wanted})
        parts = [part for _, values in work for part in values]
    else:
        parts = [anchor_postings(seed, first, end, wanted) for first, end in ranges]
    postings = merged_postings(parts)
    chosen = {t: select(found, lang, postings, size, knowledge) for t, found in facts.items()}
    todo = sorted(set().union(*chosen.values()))
    packed: list[tuple] = []
    with no_gc():
        if todo and processes.worth(len(todo) > 64, sum(len(seed.sentences[p].text) for p in todo)
                                    >= parallel.AUTO_SPARSE_CHARS):
            # the first one here: the analysers' libraries and tables are then loaded before the fork
            packed.append(analyse_sentence(seed, seed.sentences[todo[0]], knowledge).packed())
            analyses = parallel.in_workers(parallel.sentences_in_worker, todo[1:], processes.count,
                                           {"seed": seed, "knowledge": knowledge})
            packed.extend(p for _, values in analyses for p in values)
        else:
            packed = [analyse_sentence(seed, seed.sentences[p], knowledge).packed() for p in todo]
        analysed: dict[int, SentenceFacts] = {}
        builder = SeedIndex.builder(size)
        for pos, value in zip(todo, packed, strict=True):
            sentence = analysed[pos] = SentenceFacts.unpacked(value)
            builder.add(pos, sentence, knowledge)
    return Record(seed, interned(builder.done()), sentences=Sparse(seed, analysed), key=key), chosen  # type: ignore[arg-type]


def _prepare_claim_facts(ids: SeedIds, claims: Sequence[Claim], knowledge: Knowledge,
                         memo: dict[tuple[str, str], list[Fact]], processes: Processes) -> Iterator[None]:
    """Every (claim, seed language) analysis the run needs into `memo`, from the cache by claim file, the rest
    computed (by several processes for many); yields after each one this process computes."""
    groups: dict[str, dict[tuple[str, str], None]] = {}
    for claim in claims:
        group = groups.setdefault(claim.location.path, {})
        for lang in ids.needed(claim):
            group[(claim.text, lang)] = None
    missing: dict[str, list[tuple[str, str]]] = {}
    with no_gc():
        for path, pairs in groups.items():
            ordered = sorted(pairs)
            value = cache.load(claims_key(ordered, knowledge))
            if isinstance(value, list) and len(value) == len(ordered):
                memo.update(zip(ordered, value, strict=True))
            else:
                missing[path] = ordered
    todo = sorted({pair for pairs in missing.values() for pair in pairs} - memo.keys())
    if processes.worth(len(todo) >= 64, len(todo) >= parallel.AUTO_CLAIM_TEXTS):
        first = todo.pop(0)  # the analysers loaded before the fork (see analyse_seeds)
        memo[first] = claim_facts(*first, knowledge)
        work = parallel.in_workers(parallel.claim_facts_in_worker, todo, processes.count, {"knowledge": knowledge})
        for chunk, facts in work:
            memo.update(zip(chunk, facts, strict=True))
    else:
        for text, lang in todo:
            memo[(text, lang)] = claim_facts(text, lang, knowledge)
            yield
    for ordered in missing.values():
        cache.store(claims_key(ordered, knowledge), [memo[p] for p in ordered])


@contextlib.contextmanager
def _long_lived(checker: Checker) -> Iterator[None]:
    """What is in memory now (indexes, pickled analyses, claim facts), and each analysis unpickled while claims
    are judged, lives until the run ends or the analysis leaves memory: out of the cycle collector's passes
    meanwhile (gc.freeze; they hold no cycles, so reference counts free them; fork's workers share those pages
    too), and back in them after (gc.unfreeze: nothing is kept from the collector for good). The collector
    otherwise scans every unpickled analysis again and again, which costs more than unpickling it."""
    gc.freeze()
    checker.store.frozen = True
    try:
        yield
    finally:
        checker.store.frozen = False
        gc.unfreeze()


def _check_all(checker: Checker, claims: Sequence[Claim], order: list[int], results: list[Result | None],
               processes: Processes, progress: Progress | None) -> None:
    """The claims at positions `order`, judged in that order, by several processes for many claims."""
    done = len(claims) - len(order)
    # a claim that names no seed is judged against the seeds that share something with it: more work
    spread = max(1, len(checker.records) // 10)
    size = sum(1 if claims[k].seed is not None else spread for k in order)
    if processes.worth(len(order) >= 32, size >= parallel.AUTO_CLAIMS):
        work = parallel.in_workers(parallel.check_in_worker, order, processes.count,
                                   {"checker": checker, "claims": claims}, per_job=16)
        for chunk, found in work:
            for pos, sent in zip(chunk, found, strict=True):
                results[pos] = parallel.received(checker, claims[pos], sent)
            done += len(chunk)
            if progress:
                progress("checking claims", done, len(claims))
    else:
        for pos in order:
            results[pos] = checker.check(claims[pos])
            done += 1
            if progress:
                progress("checking claims", done, len(claims))


_checkers: list[tuple[tuple, Checker, tuple]] = []


def _checker(seeds: Sequence[SeedFacts], knowledge: Knowledge, settings: Settings) -> Checker:
    """The Checker of a list of seeds, kept while the same seeds are checked claim after claim."""
    key = (tuple(map(id, seeds)), id(knowledge), settings)
    for held_key, checker, _ in _checkers:
        if held_key == key:
            return checker
    checker = Checker(seeds, knowledge, settings)
    # the entry holds the seed objects themselves, so that their ids cannot be reused by other seeds while it lives
    _checkers[:] = [(key, checker, (tuple(seeds), knowledge)), *_checkers[:3]]
    return checker


def check_claim(claim: Claim, seeds: Sequence[SeedFacts], knowledge: Knowledge, settings: Settings) -> Result:
    """A claim against its seed, or against every seed when it names none: the strongest verdict wins."""
    return _checker(seeds, knowledge, settings).check(claim)
