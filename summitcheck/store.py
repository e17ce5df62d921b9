"""Analyses as a run keeps them: each seed's index in memory, its sentences' facts pickled by blocks (from the
on-disk cache, or computed and stored there) and unpickled only when a claim reads them; a claim's facts as read
against a seed's language.

A seed's analysis pickled is a tenth of its size as objects: a run over a thousand seeds keeps them pickled and
unpickles at most LOADED_BYTES of them at once.
"""

from __future__ import annotations

import gc
import pickle
import re
import sys
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import overload

from . import cache
from .analyse import analyse, claim_language
from .analyse.knowledge import Knowledge
from .analyse.phrases import OPPONENT
from .fingerprint import seed_key
from .index import SeedIndex, analysed, is_analysed, no_gc
from .match import SentenceFacts
from .model import COMPARED_LINKS, COMPARED_ROLE, COMPARED_WORDS, SUBJECT_ROLE, Fact, Kind, Seed, compared_after
from .parts import SUBJECT
from .read.clauses import AMOUNT_KINDS

LOADED_BYTES = 8 << 20  # pickled size of the analyses kept unpickled at once in a run (about ten times as much
# memory as objects); the others stay pickled until a claim needs them

Stored = tuple[SeedIndex, tuple[bytes, ...], int]  # a seed's index, pickled blocks of sentences, sentences per block


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


def stored(seed: Seed, knowledge: Knowledge) -> Stored:
    """A seed's index and pickled analysis by blocks (index.analysed), from the cache, or computed and stored."""
    name = seed_key(seed, knowledge)
    value = cache.load(name)
    if not is_analysed(value):
        value = analysed(seed, knowledge)
        cache.store(name, value)
    return value


def analyse_seed(seed: Seed, knowledge: Knowledge) -> SeedFacts:
    """A seed's facts and their index, from the cache when this text was analysed before by the same code and
    knowledge."""
    index, blocks, _ = stored(seed, knowledge)
    with no_gc():
        return SeedFacts(seed, [SentenceFacts.unpacked(s) for block in blocks for s in pickle.loads(block)], index)


def _compared(fact: Fact, text: str) -> Fact:
    """A claim figure after "from", "vs", "contre" is the one the claim compares with ("up from 38.6%"), and so
    is the first of a French change "passé de 112 à 140"."""
    if fact.kind not in AMOUNT_KINDS or fact.role is not None:
        return fact
    before = [w for w in (w.lower().strip(".,:(+-−±") for w in text[: fact.start].split()) if w]  # "vs +2.9%"
    if compared_after(before) or _changed_from(before, text[fact.end :]):
        return replace(fact, role=COMPARED_ROLE)
    return fact


# "passer de X à Y" goes from X to Y (where "augmenter de 3 à 5 %" rises by 3 to 5 %, a range)
PASSER = frozenset("passer passé passée passés passées passe passent passera passeront passait passaient "
                   "passerait".split())


OPPONENT_LINKS = frozenset("à a the le la les l'".split())  # between the word and its name: "face à", "against the"


def _changed_from(before: list[str], after: str) -> bool:
    return len(before) >= 2 and before[-1] == "de" and before[-2] in PASSER and bool(
        re.match(r"\s*(?:à|au)\s+\d", after)
    )



def claim_facts(text: str, seed_language: str, knowledge: Knowledge) -> list[Fact]:
    """A claim's facts as read against a seed in `seed_language` (its quotations are verbatim only in the seed's
    language)."""
    # cached by claim file (fingerprint.claims_key): bump index.FORMAT when this changes without the analysers
    lang = claim_language(text, knowledge)
    facts = [_compared(f, text) for f in analyse(text, lang, knowledge, verbatim_lang=seed_language).facts]
    # the word that sets a figure against another ("contre 35", "from 38.6%") says only that: the figures say it
    # (and "passer" in "passé de 112 à 140": from, to)
    marked = [next((f for f in facts if f.role == COMPARED_ROLE and f.start > w.end), None) for w in facts]
    facts = [f for f, m in zip(facts, marked, strict=True) if not (m is not None and (
        (f.kind is Kind.WORD and f.text.lower() in COMPARED_WORDS and text[f.end : m.start].strip()
         in {"", *COMPARED_LINKS})
        or (f.kind in (Kind.WORD, Kind.TERM) and f.text.lower() in PASSER and text[f.end : m.start].strip() == "de")
    ))]
    # and the word that names an opponent ("won against Rennes", "perdu contre Fenwick") says only the name's
    # role, which the name carries
    opponents = {f.start for f in facts if f.role == "against"}
    facts = [f for f in facts if not (f.kind is Kind.WORD and f.text.lower() in OPPONENT and any(
        f.end < o and set(text[f.end : o].lower().split()) <= OPPONENT_LINKS for o in opponents))]
    subject = SUBJECT.match(text)
    if subject is None:
        return facts
    # "Finance ministry: rise will cost 1.1bn": the words before the colon say whose the rest is, as a name
    # would (binding reads them as the claim's actor)
    end = subject.end(1)
    return [replace(f, role=SUBJECT_ROLE) if f.end <= end and f.kind in (Kind.TERM, Kind.WORD)
            and f.role is None else f for f in facts]


def interned(index: SeedIndex) -> SeedIndex:
    """The same index with its keys shared with every other seed's (a thousand seeds repeat most keys)."""
    index.postings = {sys.intern(k): v for k, v in index.postings.items()}
    return index


class Record:
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


class _Lazy(Sequence[SentenceFacts]):
    """Sentence analyses read one at a time (`at`), as the judge reads them; slices only for the Sequence contract."""

    __slots__ = ()

    @overload
    def __getitem__(self, k: int) -> SentenceFacts: ...
    @overload
    def __getitem__(self, k: slice) -> Sequence[SentenceFacts]: ...

    def __getitem__(self, k: int | slice) -> SentenceFacts | Sequence[SentenceFacts]:
        if isinstance(k, slice):  # the judge reads no slices
            return [self.at(i) for i in range(*k.indices(len(self)))]
        return self.at(k)

    def at(self, k: int) -> SentenceFacts:
        raise NotImplementedError


class Packed(_Lazy):
    """One block of a seed's sentence analyses, read from its pickle as plain values, each sentence unpacked when
    the judge first reads it (most claims read a few sentences of a seed)."""

    __slots__ = ("packed", "unpacked")

    def __init__(self, packed: list[tuple]) -> None:
        self.packed = packed
        self.unpacked: list[SentenceFacts | None] = [None] * len(packed)

    def __len__(self) -> int:
        return len(self.packed)

    def at(self, k: int) -> SentenceFacts:
        found = self.unpacked[k]
        if found is None:
            found = self.unpacked[k] = SentenceFacts.unpacked(self.packed[k])
        return found


class Store:
    """The seeds of a run, by position, and the blocks of their analyses unpickled so far."""

    def __init__(self, records: list[Record]) -> None:
        self.records = records
        self._loaded: OrderedDict[tuple[int, int], Packed] = OrderedDict()  # (seed, block)
        self._loaded_bytes = 0
        self.frozen = False  # while claims are judged: what is loaded is kept out of the cycle collector's passes

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
                found = Packed(pickle.loads(blob))
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


class _Sentences(_Lazy):
    """A long seed's sentence analyses, each block unpickled when one of its sentences is read."""

    def __init__(self, store: Store, pos: int) -> None:
        self.store, self.pos = store, pos
        self.size = store.records[pos].index.size

    def __len__(self) -> int:
        return self.size

    def at(self, k: int) -> SentenceFacts:
        if k < 0:
            k += self.size
        if not 0 <= k < self.size:
            raise IndexError(k)
        size = self.store.records[self.pos].block_size
        return self.store.block(self.pos, k // size)[k % size]


class Sparse(_Lazy):
    """A long seed analysed only where claims can be answered (index.select): the other sentences read as
    sentences with nothing in them, which no claim is judged on (Checker.selected)."""

    def __init__(self, seed: Seed, analysed: dict[int, SentenceFacts]) -> None:
        self.seed = seed
        self.analysed = analysed

    def __len__(self) -> int:
        return len(self.seed.sentences)

    def at(self, k: int) -> SentenceFacts:
        if k < 0:
            k += len(self)
        found = self.analysed.get(k)
        if found is None:
            s = self.seed.sentences[k]  # IndexError past the end
            found = SentenceFacts(s.index, (), (), self.seed.language, s.text, s.start)
        return found
