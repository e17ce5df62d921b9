"""Candidate retrieval: which seeds and sentences can answer a claim, read from the indexes (summitcheck.index),
so that the judge reads only those.

A claim that names a seed (or two) is judged on the sentences its facts' index entries point at. A claim that names
none is checked against every seed by branch and bound: seeds that share nothing with it are never judged, the
others best bound first, and none whose bound cannot beat the verdict found so far. None of this changes a verdict
(tests/test_performance_equivalence.py compares it with judging every sentence of every seed).
"""

from __future__ import annotations

import dataclasses
import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from . import relations
from .analyse.knowledge import Knowledge
from .index import CorpusIndex, Query, SeedIndex, query
from .judge import BACKGROUND_KINDS, NEAR_KINDS, Judgement, judge_seed, reason
from .match import CONFLICT, MATCH, SentenceFacts, Settings, find_in_sentence
from .model import Claim, Evidence, Fact, Kind, Result, Seed, Verdict
from .parts import claim_parts, combined
from .store import Record, SeedFacts, Store, claim_facts

# Judging bounded per claim, whatever the seed's size (Checker._best_first): a seed with more candidate focal
# sentences than FOCAL_LIMIT is judged best bound first, FOCAL_STEP sentences in the first round, doubling, and at
# most FOCAL_BUDGET (plus the few read for the whole seed) when no round settles it. An article has a few dozen
# sentences, under the limit: it is judged as before, every candidate.
FOCAL_LIMIT = 256
FOCAL_STEP = 32
FOCAL_BUDGET = 512
WHOLE_SEED_PROBES = 64  # matcher calls to find a topic word's background matches or an exact quotation


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

    def __init__(self, seeds: Sequence[SeedFacts | Record], knowledge: Knowledge, settings: Settings,
                 use_index: bool = True) -> None:
        self.store = Store([
            s if isinstance(s, Record) else Record(s.seed, s.index(knowledge), s.sentences) for s in seeds
        ])
        self.records = self.store.records
        self.knowledge = knowledge
        self.settings = settings
        self.use_index = use_index
        self.ids = SeedIds([r.seed for r in self.records])
        self.facts_memo: dict[tuple[str, str], list[Fact]] = {}
        self._corpus: CorpusIndex | None = None
        self.bound = True  # branch and bound over seeds, off if the judge's score is not shaped as expected
        # long seeds analysed only where claims can be answered (api._sparse): seed position -> claim text -> the
        # sentences that claim is judged on there
        self.selected: dict[int, dict[str, frozenset[int]]] = {}

    @property
    def corpus(self) -> CorpusIndex:
        if self._corpus is None:
            self._corpus = CorpusIndex([r.index for r in self.records])
        return self._corpus

    def facts(self, text: str, seed_language: str) -> list[Fact]:
        found = self.facts_memo.get((text, seed_language))
        if found is None:
            found = self.facts_memo[(text, seed_language)] = claim_facts(text, seed_language, self.knowledge)
        return found

    def positions(self, claim: Claim) -> Sequence[int]:
        return self.ids.positions(claim)

    def check(self, claim: Claim) -> Result:
        parts = claim_parts(claim.text)
        if len(parts) == 1:
            return self._check(claim)
        result = combined(claim, [self._check(dataclasses.replace(claim, text=part)) for part in parts])
        language = next((r.seed.language for r in self.records if r.seed.id == result.seed), None)
        facts = self.facts(claim.text, language) if language else result.facts
        return dataclasses.replace(result, facts=tuple(facts))  # the claim's own facts, as one reads it

    def _check(self, claim: Claim) -> Result:
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
               floor: tuple[int, ...] = (), text: str = "") -> Judgement | None:
        """judge_seed on the candidate sentences (all of them for found=None), and each fact's own candidates;
        None when no window scores above `floor`. `text`: the claim's, for a long seed analysed in part."""
        chosen = self.selected.get(pos)
        if chosen is not None:  # only the sentences analysed for this claim (index.select)
            allowed = chosen.get(text, frozenset())
            found = [set(allowed) if f is None else f & allowed for f in (found or [None] * len(facts))]
        union: set[int] | None = None
        if found is not None and all(f is not None for f in found):
            union = set().union(*found)  # type: ignore[arg-type]
        # judge_seed reads sentences by position only; its annotation says list (judge.py: to become Sequence)
        sentences = self.store.sentences(pos)
        if union is not None and len(union) > FOCAL_LIMIT:
            return self._best_first(facts, pos, found, union, floor)  # type: ignore[arg-type]
        return judge_seed(facts, sentences, self.knowledge, self.settings, union, found, floor)  # type: ignore[arg-type]

    def _best_first(self, facts: list[Fact], pos: int, found: list[set[int]], union: set[int],
                    floor: tuple[int, ...]) -> Judgement | None:
        """judge_seed on a seed with many candidate sentences (an archive: every copy of a story shares the claim's
        words), bounded per claim: the candidate focal sentences ranked by what the index says they can answer
        (_focal_bounds: the claim's facts that can match there, values and names included, as _bound counts them),
        then judged best first in rounds of FOCAL_STEP, doubling, until the best judgement beats every sentence
        left (the answer is then the same as judging them all), or FOCAL_BUDGET sentences were judged.

        Past the budget the answer can be weaker than judging every sentence, never stronger: every window judged
        is one of the full set's, with the same statuses or fewer matches (a background word or an exact quotation
        found in no sentence read), so a 'supported' here is 'supported' there too (docs/performance.md)."""
        record = self.records[pos]
        sentences = self.store.sentences(pos)
        queries = [self._query(f, record.seed.language) for f in facts]
        may_conflict = [relations.may_conflict_unmatched(f, facts) for f in facts]
        ranked = _focal_bounds(facts, queries, found, record.index, may_conflict, union)
        # What judge_seed reads from the whole seed, not one window: a topic word's first two matches (the seed's
        # background) and an exact quotation anywhere (no misquote then). Those sentences are judged too, so that
        # the windows judged have the statuses they have when every sentence is.
        extra, complete = self._whole_seed_reads(facts, queries, found, record.index, sentences)
        chosen = set(extra)
        taken, step = 0, FOCAL_STEP
        while True:
            end = min(len(ranked), FOCAL_BUDGET, taken + step)
            chosen.update(focal for _, focal in ranked[taken:end])
            taken = end
            judgement = judge_seed(facts, sentences, self.knowledge, self.settings,  # type: ignore[arg-type]
                                   chosen, found, floor)
            if taken >= len(ranked):
                return judgement
            left, first = ranked[taken]  # the highest bound not judged, and the first sentence with it
            bound = (-left[0], -left[1], -left[2], left[3])
            if floor and bound <= floor[:4]:
                return judgement  # no sentence left can score above the floor
            if complete and judgement is not None:
                score = judgement.score[:4]
                if score > bound or (score == bound and judgement.focal - 1 < first):
                    return judgement  # no sentence left can beat it: the same answer as judging them all
            if taken >= FOCAL_BUDGET:
                return judgement  # bounded: never stronger than judging them all (see above)
            step *= 2

    def _whole_seed_reads(self, facts: list[Fact], queries: list[Query], found: list[set[int]], index: SeedIndex,
                          sentences: Sequence[SentenceFacts]) -> tuple[set[int], bool]:
        """The sentences judge_seed reads for the whole seed: for a concept or word, its first two matches (the
        background); for a quotation, one exact match. Found by asking the matcher about the candidates in order,
        at most WHOLE_SEED_PROBES each; False with them when one ran out (the windows may then lack a background
        match, which only weakens them)."""
        out: set[int] = set()
        complete = True
        for fact, q, candidates in zip(facts, queries, found, strict=True):
            if fact.kind in BACKGROUND_KINDS:
                wanted, pool = 2, candidates
            elif fact.kind is Kind.QUOTE:
                narrow = index.sentences(q.match) if q.match is not None else candidates
                wanted, pool = 1, candidates if narrow is None else narrow & candidates
            else:
                continue
            hits = 0
            for probes, k in enumerate(sorted(pool)):
                if probes >= WHOLE_SEED_PROBES:
                    complete = False
                    break
                status = find_in_sentence(fact, sentences[k], self.knowledge, self.settings)
                if status is not None and status.status == MATCH:
                    out.add(k)
                    hits += 1
                    if hits == wanted:
                        break
        return out, complete

    def _scan(self, claim: Claim, positions: Iterable[int],
              candidates: Callable[[int, list[Fact]], list[set[int] | None] | None]) -> Result:
        """Every seed in turn, the strongest verdict winning (the first one on a tie)."""
        best: tuple[tuple, Result] | None = None
        for pos in positions:
            seed = self.records[pos].seed
            facts = self.facts(claim.text, seed.language)
            judgement = self._judge(facts, pos, candidates(pos, facts) if facts else None, text=claim.text)
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
                answerable.update(covered if may else found)
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
            judgement = self._judge(facts, pos, found, floor, claim.text)
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


def _focal_bounds(facts: list[Fact], queries: list[Query], found: list[set[int]], index: SeedIndex,
                  may_conflict: Sequence[bool], focals: set[int]) -> list[tuple[tuple[int, int, int, int], int]]:
    """Every candidate focal sentence with the bound _bound gives it (rank, facts that can match in it, facts that
    can match in its window, -facts only from the background), best first, the first sentence first on a tie:
    as sort keys ((-rank, -here, -matched, far), focal). Counted a fact at a time over sets (an archive has a
    hundred thousand candidates), the same sums as _bound's loop."""
    n = len(facts)
    here: Counter[int] = Counter()  # facts that can match in the sentence
    inside: Counter[int] = Counter()  # facts not from the background that can match in its window
    background_in: Counter[int] = Counter()  # background facts that can match in its window
    answered: Counter[int] = Counter()  # facts that must be answered there for a conflict, and can be
    background = needed = 0
    for fact, q, f, may in zip(facts, queries, found, may_conflict, strict=True):
        narrow = index.sentences(q.match) if q.match is not None else f
        can_match = f if narrow is None else narrow & f
        window = can_match
        if fact.kind in NEAR_KINDS:
            window = can_match | {k + d for k in can_match for d in (-1, 1)}
        here.update(can_match)
        if fact.kind in BACKGROUND_KINDS and len(can_match) >= 2:
            background += 1
            background_in.update(window)
        else:
            inside.update(window)
            if not may:
                needed += 1
                answered.update(window | f)
    ranked = []
    for focal in focals:
        h = here[focal]
        matched = inside[focal] + background
        rank = 0 if h == 0 else 2 if matched == n else 1 if answered[focal] == needed else 0
        ranked.append(((-rank, -h, -matched, background - background_in[focal]), focal))
    ranked.sort()
    return ranked


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


