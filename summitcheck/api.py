"""check(claims, seeds) -> Report: the library entry point. No printing, no exit codes.

How a run goes, and what makes it fast (docs/performance.md has the figures):

1. Every seed is analysed once, or read from the on-disk cache when the same text was analysed by the same code
   with the same knowledge before (summitcheck.cache); missing ones are analysed by `jobs` processes. A seed's
   analysis stays pickled in memory, by blocks of sentences (a tenth of its size as objects), until a claim needs
   it; its index is loaded.
2. Each claim is analysed once per seed language (its quotations are verbatim only in the seed's language), the
   analyses of a claim file cached together; so are the results of a claim file, for claims, seeds, code,
   knowledge and settings that have not changed since.
3. An index of every seed's facts by kind and normalised value (summitcheck.index) gives the sentences that can
   answer a claim; the judge reads only those. Claims are checked seed by seed, so each analysis is unpickled
   once. A claim that names no seed is looked up in a global index, and a seed that cannot beat the best verdict
   found so far is not judged (branch and bound on the judge's score). With `jobs` > 1, claims are judged by
   several processes and the results put back in claim order.

None of this changes a verdict: tests/test_performance_equivalence.py compares runs with and without the index,
the cache and several processes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import heapq
import operator
import os
import pickle
import sys
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import relations
from .analyse import analyse, claim_language
from .analyse.knowledge import Knowledge, default_knowledge
from .index import FORMAT, CorpusIndex, Query, SeedIndex, analysed, is_analysed, no_gc, query
from .judge import BACKGROUND_KINDS, NEAR_KINDS, Judgement, judge_seed, reason
from .match import CONFLICT, MATCH, SentenceFacts, Settings
from .model import Claim, Evidence, Fact, Report, Result, Seed, Verdict

Progress = Callable[[str, int, int], None]  # (stage, done, total): "analysing seeds" / "checking claims"
LOADED_BYTES = 8 << 20  # pickled size of the analyses kept unpickled at once in a run (about ten times as much
# memory as objects); the others stay pickled until a claim needs them


@dataclass
class SeedFacts:
    """A seed analysed once: the facts of every sentence, and (built on first use) their index."""

    seed: Seed
    sentences: list[SentenceFacts] = field(default_factory=list)
    _index: SeedIndex | None = field(default=None, repr=False, compare=False)

    def index(self, knowledge: Knowledge) -> SeedIndex:
        if self._index is None:
            self._index = SeedIndex.build(self.sentences, knowledge)
        return self._index


# ---------------------------------------------------------------------------------------------------------------
# Analysis, cached on disk.


def _stored(seed: Seed, knowledge: Knowledge) -> tuple[SeedIndex, tuple[bytes, ...], int]:
    """A seed's index and pickled analysis by blocks (index.analysed), from the cache, or computed and stored."""
    from . import cache

    name = _seed_key(seed, knowledge)
    value = cache.load(name)
    if not is_analysed(value):
        value = analysed(seed, knowledge)
        cache.store(name, value)
    return value


def analyse_seed(seed: Seed, knowledge: Knowledge) -> SeedFacts:
    """A seed's facts and their index, from the cache when this text was analysed before by the same code and
    knowledge."""
    index, blocks, _ = _stored(seed, knowledge)
    with no_gc():
        return SeedFacts(seed, [SentenceFacts.unpacked(s) for block in blocks for s in pickle.loads(block)], index)


def claim_facts(claim: Claim, seed: Seed, knowledge: Knowledge) -> list[Fact]:
    """A claim's facts as read against one seed (its quotations are verbatim only in the seed's language)."""
    return _claim_facts(claim.text, seed.language, knowledge)


def _claim_facts(text: str, seed_language: str, knowledge: Knowledge) -> list[Fact]:
    # cached by claim file (_claims_key): bump index.FORMAT when this changes without the analysers changing
    lang = claim_language(text, knowledge)
    return list(analyse(text, lang, knowledge, verbatim_lang=seed_language).facts)


# Everything an analysis depends on besides its input: the analysers and their tables, the types they produce,
# and the libraries they call (by the installed file, which an upgrade replaces).
CODE = ("analyse/*.py", "data/*.yaml", "model.py", "match.py", "index.py", "load/seeds.py")
LIBRARIES = ("dateparser", "babel", "text_to_num", "snowballstemmer", "Stemmer", "py3langid", "regex")


@functools.cache
def code_fingerprint() -> str:
    import hashlib
    import importlib.util

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"python {sys.version_info[:2]}".encode())
    for pattern in CODE:
        for path in sorted(package.glob(pattern)):
            digest.update(f"\0{path.relative_to(package).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec else None
            stat = os.stat(origin) if origin else None
            digest.update(f"\0{name}={origin}:{stat.st_size if stat else 0}:{stat.st_mtime_ns if stat else 0}".encode())
        except (ImportError, OSError, ValueError):
            digest.update(f"\0{name}=?".encode())
    return digest.hexdigest()


_fingerprints: dict[int, tuple[Any, str]] = {}


def knowledge_fingerprint(knowledge: Knowledge) -> str:
    """'default' for the bundled tables (their files are in code_fingerprint), else a hash of the tables' content
    that does not depend on the order of sets or on the process."""
    import weakref

    try:
        if default_knowledge.cache_info().currsize and knowledge is default_knowledge():  # type: ignore[attr-defined]
            return "default"
    except AttributeError:
        pass
    held = _fingerprints.get(id(knowledge))
    if held is None or held[0]() is not knowledge:
        import hashlib

        held = (weakref.ref(knowledge), hashlib.sha256(_stable(knowledge).encode()).hexdigest())
        _fingerprints[id(knowledge)] = held
    return held[1]


def _stable(value: Any) -> str:
    """A text form of a value that is the same in every process (sets sorted, objects by their fields)."""
    if isinstance(value, dict):
        return "{" + ",".join(sorted(f"{_stable(k)}:{_stable(v)}" for k, v in value.items())) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_stable(v) for v in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_stable(v) for v in value) + "]"
    if isinstance(value, (str, int, float, bool, type(None))):
        return repr(value)
    fields = getattr(value, "__dict__", None)
    if fields is None and hasattr(value, "__slots__"):
        fields = {s: getattr(value, s, None) for s in value.__slots__}
    return f"{type(value).__name__}({_stable(fields) if fields is not None else repr(value)})"


def _seed_key(seed: Seed, knowledge: Knowledge) -> str:
    from . import cache

    spans = ",".join(f"{s.start}:{s.end}" for s in seed.sentences)
    parts = [code_fingerprint(), knowledge_fingerprint(knowledge), seed.language, repr(seed.date), spans, seed.text]
    return cache.key(f"seed{FORMAT}", parts)


def _claims_key(pairs: Sequence[tuple[str, str]], knowledge: Knowledge) -> str:
    from . import cache

    parts = [code_fingerprint(), knowledge_fingerprint(knowledge), *(f"{lang}\0{text}" for text, lang in pairs)]
    return cache.key(f"claims{FORMAT}", parts)


# ---------------------------------------------------------------------------------------------------------------
# Judging.


def _result(claim: Claim, seed: Seed | None, judgement: Judgement | None, facts: Sequence[Fact]) -> Result:
    if seed is None or judgement is None:
        why = "no seed to check it against" if seed is None else "the claim has no checkable content"
        return Result(claim, Verdict.UNSUPPORTED, why, seed.id if seed else None, facts=tuple(facts))
    evidence = tuple(
        Evidence(
            seed.id,
            s.sentence,
            s.span[0],
            s.span[1],
            seed.text[s.span[0] : s.span[1]],
            s.fact.text,
            s.fact.kind.value,
            s.status,
        )
        for s in judgement.statuses
        if s.status in (MATCH, CONFLICT) and s.span is not None and s.sentence is not None
    )
    sentence = seed.sentences[judgement.focal - 1]
    return Result(claim, judgement.verdict, reason(judgement), seed.id, sentence, evidence, tuple(facts))


RANK = {Verdict.SUPPORTED: 2, Verdict.CONTRADICTED: 1, Verdict.UNSUPPORTED: 0}


def _strength(result: Result, judgement: Judgement | None) -> tuple:
    """How strongly a seed answers a claim, to choose among seeds: the verdict, then the judge's score without
    its last part (where the window stands in its seed, which only orders windows within one seed); the first
    seed wins a tie."""
    return RANK[result.verdict], judgement.score[:-1] if judgement else ()


class _Record:
    """One seed of a run: its index in memory, its analysis either as objects or pickled (by blocks of sentences)
    until a claim needs it."""

    __slots__ = ("block_size", "blocks", "index", "key", "seed", "sentences")

    def __init__(self, seed: Seed, index: SeedIndex, sentences: list[SentenceFacts] | None = None,
                 blocks: tuple[bytes, ...] = (), block_size: int = 1, key: str = "") -> None:
        self.seed = seed
        self.index = index
        self.sentences = sentences
        self.blocks = blocks
        self.block_size = block_size  # sentences per block
        self.key = key  # the cache key of its analysis: a hash of everything it depends on


class _Packed(Sequence):
    """One block of a seed's sentence analyses, read from its pickle as plain values, each sentence unpacked when
    the judge first reads it (most claims read a few sentences of a seed)."""

    __slots__ = ("packed", "unpacked")

    def __init__(self, packed: list[tuple]) -> None:
        self.packed = packed
        self.unpacked: list[SentenceFacts | None] = [None] * len(packed)

    def __len__(self) -> int:
        return len(self.packed)

    def __getitem__(self, k):  # a position (the judge reads no slices)
        found = self.unpacked[k]
        if found is None:
            found = self.unpacked[k] = SentenceFacts.unpacked(self.packed[k])
        return found


class _Sentences(Sequence):
    """A long seed's sentence analyses, each block unpickled when one of its sentences is read."""

    def __init__(self, checker: Checker, pos: int) -> None:
        self.checker, self.pos = checker, pos
        self.size = checker.records[pos].index.size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, k):  # a position (or a slice, which the judge does not use)
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(self.size))]
        if k < 0:
            k += self.size
        if not 0 <= k < self.size:
            raise IndexError(k)
        size = self.checker.records[self.pos].block_size
        return self.checker.block(self.pos, k // size)[k % size]


class SeedIds:
    """Which seeds each claim is checked against (the one it names, or every seed), known before any is analysed."""

    def __init__(self, seeds: Sequence[Seed]) -> None:
        self.seeds = seeds
        self.by_id: dict[str, list[int]] = {}
        for pos, seed in enumerate(seeds):
            self.by_id.setdefault(seed.id, []).append(pos)

    def positions(self, claim: Claim) -> Sequence[int]:
        return self.by_id.get(claim.seed, []) if claim.seed is not None else range(len(self.seeds))

    def needed(self, claim: Claim) -> list[str]:
        """The seed languages a claim is read in."""
        return sorted({self.seeds[p].language for p in self.positions(claim)})


class Checker:
    """Claims against one list of analysed seeds, with the index over them and each claim's facts memoised."""

    def __init__(self, seeds: Sequence[SeedFacts | _Record], knowledge: Knowledge, settings: Settings,
                 use_index: bool = True) -> None:
        self.records = [
            s if isinstance(s, _Record) else _Record(s.seed, s.index(knowledge), s.sentences) for s in seeds
        ]
        self.knowledge = knowledge
        self.settings = settings
        self.use_index = use_index
        self.ids = SeedIds([r.seed for r in self.records])
        self.facts_memo: dict[tuple[str, str], list[Fact]] = {}
        self._corpus: CorpusIndex | None = None
        self._loaded: OrderedDict[tuple[int, int], _Packed] = OrderedDict()  # (seed, block)
        self._loaded_bytes = 0
        self.frozen = False  # within _long_lived(): what is loaded is kept out of the cycle collector's passes
        self.bound = True  # branch and bound over seeds, off if the judge's score is not shaped as expected

    @property
    def corpus(self) -> CorpusIndex:
        if self._corpus is None:
            self._corpus = CorpusIndex([r.index for r in self.records])
        return self._corpus

    def sentences(self, pos: int) -> Sequence[SentenceFacts]:
        record = self.records[pos]
        if record.sentences is not None:
            return record.sentences
        if len(record.blocks) == 1:
            return self.block(pos, 0)
        return _Sentences(self, pos)

    def block(self, pos: int, number: int) -> Sequence[SentenceFacts]:
        """One block of a seed's sentence analyses, unpickled. Over LOADED_BYTES, the most recently used one is let
        go: claims that name no seed read their seeds one after another in much the same order, and letting the
        least recently used go would keep none of those the next claim reads first."""
        key = (pos, number)
        found = self._loaded.get(key)
        if found is None:
            blob = self.records[pos].blocks[number]
            with no_gc():
                found = _Packed(pickle.loads(blob))
                if self.frozen:
                    gc.freeze()  # out of the collector's passes too (no cycles: freed by reference count)
            while self._loaded and self._loaded_bytes + len(blob) > LOADED_BYTES:
                (gone, gone_block), _ = self._loaded.popitem(last=True)
                self._loaded_bytes -= len(self.records[gone].blocks[gone_block])
            self._loaded[key] = found
            self._loaded_bytes += len(blob)
        else:
            self._loaded.move_to_end(key)
        return found

    def facts(self, text: str, seed_language: str) -> list[Fact]:
        found = self.facts_memo.get((text, seed_language))
        if found is None:
            found = self.facts_memo[(text, seed_language)] = _claim_facts(text, seed_language, self.knowledge)
        return found

    def positions(self, claim: Claim) -> Sequence[int]:
        return self.ids.positions(claim)

    def check(self, claim: Claim) -> Result:
        positions = self.positions(claim)
        if not positions:
            return _result(claim, None, None, ())
        if not self.use_index:
            return self._scan(claim, positions, lambda pos, facts: None)
        if len(positions) <= 2:
            return self._scan(claim, positions, self._candidates)
        return self._bounded(claim, positions)

    def _candidates(self, pos: int, facts: list[Fact]) -> list[set[int] | None]:
        """For each claim fact, the sentences of a seed that may answer it (None: every sentence)."""
        index, lang = self.records[pos].index, self.records[pos].seed.language
        return [index.sentences(self._query(fact, lang)) for fact in facts]

    def _query(self, fact: Fact, lang: str) -> Query:
        return query(fact, lang, self.knowledge, self.settings, self.corpus.vocabulary)

    def _judge(self, facts: list[Fact], pos: int, found: list[set[int] | None] | None,
               floor: tuple[int, ...] = ()) -> Judgement | None:
        """judge_seed on the candidate sentences (all of them for found=None), and each fact's own candidates;
        None when no window scores above `floor`."""
        union: set[int] | None = None
        if found is not None and all(f is not None for f in found):
            union = set().union(*found)  # type: ignore[arg-type]
        return judge_seed(facts, self.sentences(pos), self.knowledge, self.settings, union, found, floor)

    def _scan(self, claim: Claim, positions: Iterable[int],
              candidates: Callable[[int, list[Fact]], list[set[int] | None] | None]) -> Result:
        """Every seed in turn, the strongest verdict winning (the first one on a tie)."""
        best: tuple[tuple, Result] | None = None
        for pos in positions:
            seed = self.records[pos].seed
            facts = self.facts(claim.text, seed.language)
            judgement = self._judge(facts, pos, candidates(pos, facts) if facts else None)
            result = _result(claim, seed, judgement, facts)
            rank = _strength(result, judgement)
            if best is None or rank > best[0]:
                best = (rank, result)
        assert best is not None
        return best[1]

    def _coarse(self, claim: Claim, positions: Sequence[int]
                ) -> list[tuple[tuple, int, list[Fact], list[Query], list[bool]]]:
        """The seeds that share something with a claim, each with a coarse bound read from the corpus index alone:
        (rank, (rank, facts that can match there, the same, 0, 0)), 'supported' only if every fact can match
        there, 'contradicted' only if every fact can be answered or conflicted with; (3,) when a fact reads
        every sentence. It is never below the seed's own bound (_bound)."""
        corpus = self.corpus
        languages: dict[str, list[int]] = {}
        for pos in positions:
            languages.setdefault(self.records[pos].seed.language, []).append(pos)
        entries: list[tuple[tuple, int, list[Fact], list[Query], list[bool]]] = []
        for lang, members in languages.items():
            facts = self.facts(claim.text, lang)
            if not facts:
                continue  # judge_seed gives None for every seed of this language
            queries = [self._query(f, lang) for f in facts]
            may_conflict = [relations.may_conflict_unmatched(f, facts) for f in facts]
            member_set = set(members)
            answering = [corpus.seeds(q) for q in queries]
            if any(a is None for a in answering) or not self.bound:
                covered = member_set
                entries.extend(((3,), pos, facts, queries, may_conflict) for pos in sorted(covered))
                continue
            covered = set().union(*answering) & member_set  # type: ignore[arg-type]
            matchable: Counter[int] = Counter()
            answerable: Counter[int] = Counter()
            for q, found, may in zip(queries, answering, may_conflict, strict=True):
                narrow = corpus.seeds(q.match) if q.match is not None else found
                matchable.update(found & narrow if narrow is not None else found)  # type: ignore[operator]
                answerable.update(covered if may else found)  # type: ignore[arg-type]
            n = len(facts)
            for pos in sorted(covered):
                m = matchable[pos]
                rank = 2 if m == n else 1 if answerable[pos] == n and m else 0
                entries.append(((rank, (rank, m, m, 0)), pos, facts, queries, may_conflict))
        return entries

    def _bounded(self, claim: Claim, positions: Sequence[int]) -> Result:
        """Many seeds: the same answer as _scan, judging only seeds that share something with the claim, best
        bound first, and none whose bound cannot beat the verdict found so far.

        The bound of a seed: 'supported' only if every claim fact has a sentence there that can match it,
        'contradicted' only if every fact no rival can conflict with has a candidate; a seed's strength (rank,
        facts matched in the focal sentence, facts matched, -far) is at most (rank, facts that can match in that
        sentence, facts that can match in the seed, 0) for the best candidate focal sentence.
        """
        entries = sorted(self._coarse(claim, positions), key=lambda e: (_Descending(e[0]), e[1]))
        # Best bound first; a seed's own bound (its index read) only for seeds whose coarse bound (the corpus
        # index read) could still come first: a bound is at most its coarse one.
        heap: list[tuple[_Descending, int, list[Fact], list[set[int] | None]]] = []
        taken = 0
        best: tuple[tuple, int, Result] | None = None
        while True:
            while taken < len(entries) and (not heap or not entries[taken][0] < heap[0][0].value):
                coarse, pos, facts, queries, may_conflict = entries[taken]
                if best is not None and self.bound and not (coarse > best[0] or (coarse == best[0] and pos < best[1])):
                    taken = len(entries)  # neither this seed nor any after it (lower or equal bounds) can beat it
                    break
                taken += 1
                index = self.records[pos].index
                found = [index.sentences(q) for q in queries]
                bound = _bound(facts, queries, found, index, may_conflict) if self.bound else None
                if bound is not None or any(f is None or f for f in found):
                    heapq.heappush(heap, (_Descending(bound or (3,)), pos, facts, found))
            if not heap:
                break
            ordered, pos, facts, found = heapq.heappop(heap)
            bound = ordered.value
            if best is not None and self.bound and not (bound > best[0] or (bound == best[0] and pos < best[1])):
                if bound < best[0]:
                    break  # the bounds only fall from here
                continue
            floor: tuple[int, ...] = ()
            if best is not None and self.bound:  # the score to beat: a seed before the best one wins a tie
                # a window's score is its strength and -focal (at most 0): strength s is beaten by scores
                # above (*s, 0), or from a seed before the best one, equalled by those above (*s minus 1, 0)
                strength = best[0][1]
                floor = (*strength, 0) if pos > best[1] else (*strength[:-1], strength[-1] - 1, 0)
            judgement = self._judge(facts, pos, found, floor)
            if judgement is None:
                continue
            if len(judgement.score) != 5 or any(x > 0 for x in judgement.score[3:]):
                self.bound = False  # the judge's score changed shape: judge every seed rather than guess
            seed = self.records[pos].seed
            result = _result(claim, seed, judgement, facts)
            rank = _strength(result, judgement)
            if best is None or rank > best[0] or (rank == best[0] and pos < best[1]):
                best = (rank, pos, result)
        if best is not None:
            return best[2]
        first = self.records[positions[0]].seed  # no seed had anything to say: the first one answers, as in _scan
        return _result(claim, first, None, self.facts(claim.text, first.language))


# How the judge can count a claim fact as matched in a window: in the focal sentence, in the sentence before or
# after (judge.NEAR_KINDS: names and concepts), or anywhere in a seed that has it twice (judge.BACKGROUND_KINDS).


def _bound(facts: list[Fact], queries: list[Query], found: list[set[int] | None], index: SeedIndex,
           may_conflict: Sequence[bool]) -> tuple | None:
    """The best (rank, score) one seed can reach, or None when a fact reads every sentence (see Checker._bounded).

    For each candidate focal sentence: a fact can be matched there if a sentence that can match it is the focal one
    (it then counts in the focal sentence), the one before or after (names and concepts), or any two (concepts and
    words: from the background, which counts as far); the window is 'supported' only if every fact can be matched
    and one is in the focal sentence, 'contradicted' only if every other fact can conflict there (a candidate in the
    focal sentence, or a name a rival can conflict with: `may_conflict`, relations.may_conflict_unmatched).
    """
    if any(f is None for f in found):
        return None
    focals = set().union(*found)  # type: ignore[arg-type]
    if not focals:
        return None
    # per fact: the sentences that can match it, those that can answer it, and how else it can count as matched
    ways: list[tuple[set[int], set[int], bool, bool, bool]] = []
    for fact, q, f, may in zip(facts, queries, found, may_conflict, strict=True):
        narrow = index.sentences(q.match) if q.match is not None else f
        can_match: set[int] = f if narrow is None else narrow & f  # type: ignore[assignment,operator]
        background = fact.kind in BACKGROUND_KINDS and len(can_match) >= 2
        ways.append((can_match, f, fact.kind in NEAR_KINDS, background, may))  # type: ignore[arg-type]
    n = len(facts)
    best: tuple | None = None
    for focal in focals:
        here = matched = far = 0
        conflictable = True
        for can_match, can_answer, near, background, may in ways:
            if focal in can_match:
                here += 1
                matched += 1
            elif near and (focal - 1 in can_match or focal + 1 in can_match):
                matched += 1
            elif background:
                matched += 1
                far += 1
            elif not may and focal not in can_answer:
                conflictable = False
        rank = 0 if here == 0 else 2 if matched == n else 1 if conflictable else 0
        bound = (rank, (rank, here, matched, -far))
        if best is None or bound > best:
            best = bound
            if here == n:
                break  # every fact can match in this sentence: no sentence can do better
    return best


class _Descending:
    """A bound in a heap that pops the highest first (ties: the lowest seed position, the next item)."""

    __slots__ = ("value",)

    def __init__(self, value: tuple) -> None:
        self.value = value

    def __lt__(self, other: _Descending) -> bool:
        return self.value > other.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and self.value == other.value

    __hash__ = None  # type: ignore[assignment]


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


# ---------------------------------------------------------------------------------------------------------------
# The whole run, with the cache and several processes.

_default_jobs = 1


def set_jobs(jobs: int) -> None:
    """The number of processes check() uses when not told (--jobs); 0 for one per CPU."""
    global _default_jobs
    _default_jobs = jobs


def _jobs(jobs: int | None) -> int:
    jobs = _default_jobs if jobs is None else jobs
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    if jobs == 1:
        return 1  # without importing multiprocessing (a twentieth of a second of start-up)
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # workers inherit the analysed seeds by fork; elsewhere one process does it all
    return jobs


# What forked workers read: set by the parent just before it starts them.
_work: dict[str, Any] = {}


def _pool(jobs: int):  # -> concurrent.futures.ProcessPoolExecutor
    import concurrent.futures
    import multiprocessing

    return concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))


def _chunks(items: Sequence[Any], jobs: int, per_job: int = 4) -> list[Sequence[Any]]:
    size = max(1, -(-len(items) // (jobs * per_job)))
    return [items[k : k + size] for k in range(0, len(items), size)]


def _analyse_in_worker(positions: Sequence[int]) -> list[tuple[SeedIndex, tuple[bytes, ...], int]]:
    seeds, knowledge = _work["seeds"], _work["knowledge"]
    return [_stored(seeds[p], knowledge) for p in positions]


def _claim_facts_in_worker(pairs: Sequence[tuple[str, str]]) -> list[list[Fact]]:
    knowledge = _work["knowledge"]
    return [_claim_facts(text, lang, knowledge) for text, lang in pairs]


def _check_in_worker(positions: Sequence[int]) -> list[tuple]:
    checker, claims = _work["checker"], _work["claims"]
    return [_sent(checker, claims[p], checker.check(claims[p])) for p in positions]


_evidence_fields = operator.attrgetter(*(f.name for f in dataclasses.fields(Evidence)))


def _sent(checker: Checker, claim: Claim, result: Result) -> tuple:
    """A worker's result as it is sent to the parent: without what the parent has already (the claim, the seed's
    sentence, the claim's facts), which made unpickling 10,000 results take a second there (see _received)."""
    pos = None
    if result.seed is not None:
        pos = next(p for p in checker.positions(claim) if checker.records[p].seed.id == result.seed
                   and (result.sentence is None
                        or checker.records[p].seed.sentences[result.sentence.index - 1] is result.sentence))
    facts: tuple | None = result.facts
    if pos is not None and result.facts == tuple(checker.facts(claim.text, checker.records[pos].seed.language)):
        facts = None  # the parent has them, as read against that seed
    evidence = tuple(map(_evidence_fields, result.evidence))
    return result.verdict.value, result.reason, pos, result.sentence.index if result.sentence else None, evidence, facts


def _received(checker: Checker, claim: Claim, sent: tuple) -> Result:
    """The Result _sent() describes, the same as the worker's."""
    verdict, why, pos, number, evidence, facts = sent
    seed = checker.records[pos].seed if pos is not None else None
    if facts is None:
        facts = tuple(checker.facts(claim.text, seed.language))  # type: ignore[union-attr]
    sentence = seed.sentences[number - 1] if seed is not None and number is not None else None
    return Result(claim, Verdict(verdict), why, seed.id if seed else None, sentence,
                  tuple(Evidence(*row) for row in evidence), facts)


def _interned(index: SeedIndex) -> SeedIndex:
    """The same index with its keys shared with every other seed's (a thousand seeds repeat most keys)."""
    index.postings = {sys.intern(k): v for k, v in index.postings.items()}
    return index


Meanwhile = Callable[[int], Iterator[None]]  # a run's other work, given the processes it may use; yields often


def analyse_seeds(seeds: Sequence[Seed], knowledge: Knowledge, jobs: int = 1, progress: Progress | None = None,
                  meanwhile: Meanwhile | None = None, keys: Sequence[str] | None = None) -> list[_Record]:
    """Every seed's index and pickled analysis, from the cache where possible, the rest computed by `jobs`
    processes (each storing what it computes). `meanwhile(jobs)` runs in this process: a step at a time while
    workers analyse seeds (given 1 process: this one), else after the seeds (given `jobs`). `keys`: the seeds'
    cache keys (_seed_key), when the caller has them."""
    from . import cache

    records: list[_Record | None] = [None] * len(seeds)
    keys = keys or [_seed_key(seed, knowledge) for seed in seeds]

    def keep(pos: int, value: tuple[SeedIndex, tuple[bytes, ...], int]) -> None:
        index, blocks, size = value
        records[pos] = _Record(seeds[pos], _interned(index), blocks=blocks, block_size=size, key=keys[pos])

    missing: list[int] = []
    with no_gc():
        for pos in range(len(seeds)):
            value = cache.load(keys[pos])
            if is_analysed(value):
                keep(pos, value)
            else:
                missing.append(pos)
    done = len(seeds) - len(missing)
    if progress:
        progress("analysing seeds", done, len(seeds))
    if jobs > 1 and len(missing) > 1:
        # the first one here: the analysers' libraries and tables (dateparser's locales) are then loaded before
        # the fork, once, not in every worker
        first = missing.pop(0)
        keep(first, _stored(seeds[first], knowledge))
        done += 1
        _work.update(seeds=seeds, knowledge=knowledge)
        try:
            with _pool(min(jobs, len(missing))) as pool:
                chunks = _chunks(missing, jobs, per_job=16)
                futures = [pool.submit(_analyse_in_worker, chunk) for chunk in chunks]
                # this process's own work meanwhile, rather than a core left idle while it waits
                steps = meanwhile(1) if meanwhile else iter(())
                for chunk, future in zip(chunks, futures, strict=True):
                    while not future.done() and next(steps, True) is None:
                        pass
                    for pos, value in zip(chunk, future.result(), strict=True):
                        keep(pos, value)
                    done += len(chunk)
                    if progress:
                        progress("analysing seeds", done, len(seeds))
                for _ in steps:  # what is left of it once every seed is analysed
                    pass
        finally:
            _work.clear()
        return records  # type: ignore[return-value]
    for pos in missing:
        keep(pos, _stored(seeds[pos], knowledge))
        done += 1
        if progress:
            progress("analysing seeds", done, len(seeds))
    for _ in meanwhile(jobs) if meanwhile else ():
        pass
    return records  # type: ignore[return-value]


def _prepare_claim_facts(ids: SeedIds, claims: Sequence[Claim], knowledge: Knowledge,
                         memo: dict[tuple[str, str], list[Fact]], jobs: int) -> Iterator[None]:
    """Every (claim, seed language) analysis the run needs into `memo`, from the cache by claim file, the rest
    computed (by `jobs` processes for many); yields after each one this process computes."""
    from . import cache

    groups: dict[str, dict[tuple[str, str], None]] = {}
    for claim in claims:
        group = groups.setdefault(claim.location.path, {})
        for lang in ids.needed(claim):
            group[(claim.text, lang)] = None
    missing: dict[str, list[tuple[str, str]]] = {}
    with no_gc():
        for path, pairs in groups.items():
            ordered = sorted(pairs)
            value = cache.load(_claims_key(ordered, knowledge))
            if isinstance(value, list) and len(value) == len(ordered):
                memo.update(zip(ordered, value, strict=True))
            else:
                missing[path] = ordered
    todo = sorted({pair for pairs in missing.values() for pair in pairs} - memo.keys())
    if jobs > 1 and len(todo) >= 64:
        first = todo.pop(0)  # the analysers loaded before the fork (see analyse_seeds)
        memo[first] = _claim_facts(*first, knowledge)
        _work.update(knowledge=knowledge)
        try:
            with _pool(jobs) as pool:
                chunks = _chunks(todo, jobs)
                for chunk, facts in zip(chunks, pool.map(_claim_facts_in_worker, chunks), strict=True):
                    memo.update(zip(chunk, facts, strict=True))
        finally:
            _work.clear()
    else:
        for text, lang in todo:
            memo[(text, lang)] = _claim_facts(text, lang, knowledge)
            yield
    for pairs in missing.values():
        cache.store(_claims_key(pairs, knowledge), [memo[p] for p in pairs])


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
    """Every claim against its seed (or every seed). `jobs` processes (default 1, or set_jobs(); 0 for one per
    CPU) give the same report as one. `use_index=False` reads every sentence (for tests of the index).
    `progress(stage, done, total)` is called as seeds are analysed and claims checked."""
    knowledge = knowledge or default_knowledge()
    settings = settings or Settings()
    jobs = _jobs(jobs)
    ids = SeedIds(seeds)
    results: list[Result | None] = [None] * len(claims)
    keys = [_seed_key(seed, knowledge) for seed in seeds]
    groups = _cached_results(ids, keys, claims, results, knowledge, settings) if use_index else {}
    todo = [k for k, r in enumerate(results) if r is None]
    memo: dict[tuple[str, str], list[Fact]] = {}
    records = analyse_seeds(
        seeds, knowledge, jobs, progress, keys=keys,
        meanwhile=lambda jobs: _prepare_claim_facts(ids, [claims[k] for k in todo], knowledge, memo, jobs),
    )
    checker = Checker(records, knowledge, settings, use_index)
    checker.facts_memo = memo
    if use_index:
        checker.corpus  # noqa: B018 - built once here, before workers are forked, not in each of them
    # Seed by seed, so that each analysis is unpickled once (claims that name no seed with the first seed: the
    # longest to judge, started first so that other workers fill in behind them); results in claim order.
    first = {k: min(checker.positions(claims[k]), default=len(records)) for k in todo}
    order = sorted(todo, key=lambda k: (first[k], k))
    if progress:
        progress("checking claims", len(claims) - len(todo), len(claims))
    with _long_lived(checker):
        _check_all(checker, claims, order, results, jobs, progress)
    from . import cache

    for name, members in groups.items():
        cache.store(name, [results[k] for k in members])
    return Report(tuple(results), tuple(seeds))  # type: ignore[arg-type]


# Every source file of the package: a result depends on the analysers, the matcher, the judge and its rules.
@functools.cache
def _results_fingerprint() -> str:
    import hashlib

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(code_fingerprint().encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".yml", ".json", ".txt") and "__pycache__" not in path.parts:
            digest.update(f"\0{path.relative_to(package).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _cached_results(ids: SeedIds, keys: Sequence[str], claims: Sequence[Claim], results: list[Result | None],
                    knowledge: Knowledge, settings: Settings) -> dict[str, list[int]]:
    """Results of earlier runs for claims whose text, seed (or every seed, for a claim naming none), code,
    knowledge and settings are all the same, by claim file; returns the cache names of the files to store."""
    import hashlib

    from . import cache

    if not cache.enabled():
        return {}
    every = hashlib.sha256("\0".join(keys).encode()).hexdigest()
    fixed = [_results_fingerprint(), knowledge_fingerprint(knowledge), repr(settings)]
    members: dict[str, list[int]] = {}
    for k, claim in enumerate(claims):
        members.setdefault(claim.location.path, []).append(k)
    missing: dict[str, list[int]] = {}
    with no_gc():
        for group in members.values():
            parts = list(fixed)
            for k in group:
                claim = claims[k]
                positions = ids.positions(claim)
                seeds = every if claim.seed is None else ",".join(keys[p] for p in positions)
                parts.append(f"{claim.seed}\0{seeds}\0{claim.text}")
            name = cache.key(f"results{FORMAT}", parts)
            value = cache.load(name)
            if isinstance(value, list) and len(value) == len(group) and all(isinstance(r, Result) for r in value):
                for k, result in zip(group, value, strict=True):
                    results[k] = dataclasses.replace(result, claim=claims[k])
            else:
                missing[name] = group
    return missing


@contextlib.contextmanager
def _long_lived(checker: Checker) -> Iterator[None]:
    """What is in memory now (indexes, pickled analyses, claim facts), and each analysis unpickled while claims
    are judged, lives until the run ends or the analysis leaves memory: out of the cycle collector's passes
    meanwhile (gc.freeze; they hold no cycles, so reference counts free them; fork's workers share those pages
    too), and back in them after (gc.unfreeze: nothing is kept from the collector for good). The collector
    otherwise scans every unpickled analysis again and again, which costs more than unpickling it."""
    gc.freeze()
    checker.frozen = True
    try:
        yield
    finally:
        checker.frozen = False
        gc.unfreeze()


def _check_all(checker: Checker, claims: Sequence[Claim], order: list[int], results: list[Result | None],
               jobs: int, progress: Progress | None) -> None:
    """The claims at positions `order`, judged in that order, by `jobs` processes for many claims."""
    done = len(claims) - len(order)
    if jobs > 1 and len(order) >= 32:
        _work.update(checker=checker, claims=claims)
        try:
            with _pool(jobs) as pool:
                chunks = _chunks(order, jobs, per_job=16)
                for chunk, found in zip(chunks, pool.map(_check_in_worker, chunks), strict=True):
                    for pos, sent in zip(chunk, found, strict=True):
                        results[pos] = _received(checker, claims[pos], sent)
                    done += len(chunk)
                    if progress:
                        progress("checking claims", done, len(claims))
        finally:
            _work.clear()
    else:
        for pos in order:
            results[pos] = checker.check(claims[pos])
            done += 1
            if progress:
                progress("checking claims", done, len(claims))
