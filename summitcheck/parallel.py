"""Several processes for a large run: forked workers that analyse seeds, analyse claims or judge claims, chunk by
chunk, with the results given back in the order of the work.

Workers are forked, so they inherit what the parent has built (the analysed seeds, the indexes, the knowledge
tables) through `_work`, set just before the pool starts, instead of receiving it pickled. Where fork is not
available, one process does it all.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from .model import Claim, Evidence, Fact, Result, Verdict
from .retrieve import Checker
from .store import Stored, claim_facts, stored

T = TypeVar("T")
R = TypeVar("R")

_default_jobs = 1


def set_jobs(jobs: int) -> None:
    """The number of processes check() uses when not told (--jobs); 0 for one per CPU."""
    global _default_jobs
    _default_jobs = jobs


def processes(jobs: int | None) -> int:
    """How many processes a run given `jobs` (None: set_jobs()'s) uses."""
    jobs = _default_jobs if jobs is None else jobs
    if jobs <= 0:
        import os

        jobs = os.cpu_count() or 1
    if jobs == 1:
        return 1  # without importing multiprocessing (a twentieth of a second of start-up)
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # workers inherit the analysed seeds by fork; elsewhere one process does it all
    return jobs


# What forked workers read: set by the parent just before it starts them.
_work: dict[str, Any] = {}


def chunks(items: Sequence[T], jobs: int, per_job: int = 4) -> list[Sequence[T]]:
    size = max(1, -(-len(items) // (jobs * per_job)))
    return [items[k : k + size] for k in range(0, len(items), size)]


def in_workers(worker: Callable[[Sequence[T]], list[R]], items: Sequence[T], jobs: int, work: dict[str, Any], *,
               per_job: int = 4, pool_size: int | None = None, meanwhile: Iterator[None] | None = None,
               ) -> Iterator[tuple[Sequence[T], list[R]]]:
    """`worker` on chunks of `items` in `pool_size` (default `jobs`) forked processes that see `work`; yields each
    chunk with its results, in order. `meanwhile` is stepped in this process while it waits for a chunk, and run to
    its end after the last one: this process's own work, rather than a core left idle."""
    import concurrent.futures
    import multiprocessing

    _work.update(work)
    try:
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(max_workers=pool_size or jobs, mp_context=context) as pool:
            parts = chunks(items, jobs, per_job)
            futures = [pool.submit(worker, part) for part in parts]
            steps = meanwhile or iter(())
            for part, future in zip(parts, futures, strict=True):
                while not future.done() and next(steps, True) is None:
                    pass
                yield part, future.result()
            for _ in steps:  # what is left of it once every chunk is done
                pass
    finally:
        _work.clear()


def analyse_in_worker(positions: Sequence[int]) -> list[Stored]:
    seeds, knowledge = _work["seeds"], _work["knowledge"]
    return [stored(seeds[p], knowledge) for p in positions]


def claim_facts_in_worker(pairs: Sequence[tuple[str, str]]) -> list[list[Fact]]:
    knowledge = _work["knowledge"]
    return [claim_facts(text, lang, knowledge) for text, lang in pairs]


Sent = tuple[str, str, int | None, int | None, tuple[tuple, ...], tuple[Fact, ...] | None]


def check_in_worker(positions: Sequence[int]) -> list[Sent]:
    checker, claims = _work["checker"], _work["claims"]
    return [_sent(checker, claims[p], checker.check(claims[p])) for p in positions]


_evidence_fields = operator.attrgetter(*(f.name for f in dataclasses.fields(Evidence)))


def _sent(checker: Checker, claim: Claim, result: Result) -> Sent:
    """A worker's result as it is sent to the parent: without what the parent has already (the claim, the seed's
    sentence, the claim's facts), which made unpickling 10,000 results take a second there (see received)."""
    pos = None
    if result.seed is not None:
        pos = next(p for p in checker.positions(claim) if checker.records[p].seed.id == result.seed
                   and (result.sentence is None
                        or checker.records[p].seed.sentences[result.sentence.index - 1] is result.sentence))
    facts: tuple[Fact, ...] | None = result.facts
    if pos is not None and result.facts == tuple(checker.facts(claim.text, checker.records[pos].seed.language)):
        facts = None  # the parent has them, as read against that seed
    evidence = tuple(map(_evidence_fields, result.evidence))
    return result.verdict.value, result.reason, pos, result.sentence.index if result.sentence else None, evidence, facts


def received(checker: Checker, claim: Claim, sent: Sent) -> Result:
    """The Result _sent() describes, the same as the worker's."""
    verdict, why, pos, number, evidence, facts = sent
    seed = checker.records[pos].seed if pos is not None else None
    if facts is None:
        facts = tuple(checker.facts(claim.text, seed.language))  # type: ignore[union-attr]
    sentence = seed.sentences[number - 1] if seed is not None and number is not None else None
    return Result(claim, Verdict(verdict), why, seed.id if seed else None, sentence,
                  tuple(Evidence(*row) for row in evidence), facts)
