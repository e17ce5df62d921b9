"""Several processes for a large run: forked workers that analyse seeds, analyse claims or judge claims, chunk by
chunk, with the results given back in the order of the work.

Workers are forked, so they inherit what the parent has built (the analysed seeds, the indexes, the knowledge
tables) through `_work`, set just before the pool starts, instead of receiving it pickled. Where fork is not
available, one process does it all.
"""

from __future__ import annotations

import dataclasses
import operator
from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from .analyse.knowledge import Knowledge
from .index import Piece, analyse_sentence, analysed_piece, anchor_postings
from .model import Claim, Evidence, Fact, Result, Seed, Verdict
from .retrieve import Checker
from .store import Stored, claim_facts, stored

T = TypeVar("T")
R = TypeVar("R")

AUTO = 0  # jobs=0, the default: one process per CPU, for the stages of a run with work enough to gain from them

# Below these, a stage stays in this process when the number of processes is left to summitcheck (AUTO): a pool
# costs its start, and each worker its first loads (py3langid's model for quotations, dateparser's locales), half a
# second or more on 2 cores, more on a busy machine. Told a number (jobs >= 2), a stage uses workers for any work
# but a token amount. Figures on 2 cores: 1,000 claims vs 1 seed, no cache, 2.3 s in one process and 3.4 s in two
# (benchmarks/bench.py --quick); 10,000 claims 9.6 s and 6.6 s, 283 KB of seeds analysed in 1.8 s and 1.2 s
# (docs/performance.md).
AUTO_SEED_CHARS = 500_000  # seed text left to analyse: about 2.5 s in one process
AUTO_CLAIM_TEXTS = 1_000  # claim analyses left to do (one per claim text and seed language): about 4 s
AUTO_SPARSE_CHARS = 250_000  # text of a long seed's sentences that claims can be answered in (api._sparse): 1.5 s
AUTO_CLAIMS = 2_000  # claims left to judge, one naming no seed counting for a tenth of the seeds: about 1.5 s


@dataclasses.dataclass(frozen=True)
class Processes:
    """How many processes a run may use, and whether only for stages with work enough to gain from them."""

    count: int
    auto: bool = False

    def worth(self, enough: bool, plenty: bool) -> bool:
        """Whether a stage runs in workers: it has `enough` work for them at all, and when the number was left to
        summitcheck, `plenty` (more than their start-up costs)."""
        return self.count > 1 and enough and (plenty or not self.auto)


ONE = Processes(1)  # this process only: what a stage meanwhile gets while workers run
_default_jobs = AUTO


def set_jobs(jobs: int) -> None:
    """The number of processes check() uses when not told (--jobs): 1 for this one only, AUTO (0) to let the size
    of the run decide."""
    global _default_jobs
    _default_jobs = jobs


def processes(jobs: int | None) -> Processes:
    """The processes a run given `jobs` uses: None for set_jobs()'s number, 0 (or less) for AUTO."""
    jobs = _default_jobs if jobs is None else jobs
    auto = jobs <= 0
    count = _cpus() if auto else jobs
    if count == 1:
        return Processes(1, auto)  # without importing multiprocessing (a twentieth of a second of start-up)
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return Processes(1, auto)  # workers inherit the analysed seeds by fork; elsewhere one process does it all
    return Processes(count, auto)


def _cpus() -> int:
    """The CPUs this process may run on (a container or taskset may allow fewer than the machine has)."""
    import os

    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not on every system
        return os.cpu_count() or 1


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


Task = tuple[int, int, int]  # a seed's position and the range of its sentences to analyse (all of them: (0, -1))


def analyse_in_worker(tasks: Sequence[Task]) -> list[Stored | Piece]:
    """Whole seeds (stored in the cache by the worker) or pieces of long ones (merged and stored by the parent)."""
    seeds, knowledge = _work["seeds"], _work["knowledge"]
    return [stored(seeds[p], knowledge) if end < 0 else analysed_piece(seeds[p], first, end, knowledge)
            for p, first, end in tasks]


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


def analyse_in_worker_here(task: Task, seeds: Sequence[Seed], knowledge: Knowledge) -> Stored | Piece:
    """One task of analyse_in_worker, in this process."""
    pos, first, end = task
    return stored(seeds[pos], knowledge) if end < 0 else analysed_piece(seeds[pos], first, end, knowledge)


def anchors_in_worker(ranges: Sequence[tuple[int, int]]) -> list[dict[str, array]]:
    """The cheap pass of a long seed (index.anchor_postings), a range of its sentences at a time."""
    seed, wanted = _work["seed"], _work["wanted"]
    return [anchor_postings(seed, first, end, wanted) for first, end in ranges]


def sentences_in_worker(positions: Sequence[int]) -> list[tuple]:
    """Sentences of a long seed analysed (packed: SentenceFacts.packed)."""
    seed, knowledge = _work["seed"], _work["knowledge"]
    return [analyse_sentence(seed, seed.sentences[p], knowledge).packed() for p in positions]
