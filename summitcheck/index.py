"""Which seed sentences can answer a claim: an index of every analysed seed by fact kind and normalised value.

The judge reads only the candidate sentences an index finds (and their neighbours), so the candidates must include
every sentence where `match.find_in_sentence` could answer MATCH or CONFLICT for a claim fact. Then no verdict,
reason or evidence changes; tests/test_performance_equivalence.py checks that on the project's own inputs. The
keys mirror match.py, kind by kind:

    claim fact   a seed sentence is a candidate when it has (key)
    ----------   --------------------------------------------------------------------------------------------
    number,      a fact of the same kind counting the same thing, or one that does not say what it counts
    percent,     (`v:number:h:<head>`, `v:number:-`); a claim fact without a head: any fact of the kind
    ordinal      (`v:number:*`). Any two amounts of a kind may conflict, so the value itself is no key.
    money, date, any fact of the kind (`v:date` ...): any two of them match or conflict
    weekday,
    duration
    identifier   an identifier of the same kind, or a bare code (`v:identifier:resolution`, `...:code`, `...:*`)
    entity       the entity itself (`e:<id>`); for an actor, the state a capital stands for and the bodies that
                 stand for it, among what the seed's phrase names (`r:<id>`); for a place ("in Russia"), the
                 places inside it the seed puts an event in (`l:<id>`). Expanded on the claim side from the
                 knowledge tables, like compare_entities and the 'inside' rule of find_in_sentence.
    term         one of its concepts, of the concepts that imply it or say its opposite, an identifier of that
                 kind (`c:<concept>`, from SentenceFacts.concepts); for an office concept, a person known by an office
    name         its first word (`w:<norm>`, for the run of words), or a name or entity spelt alike
                 (`n:<plain text>`, found with rapidfuzz under a lower cut-off than the matcher's)
    word         the same key (`k:<key>`), or a cognate: same first three letters and a close spelling
    quote        at least half of its distinct words (what a misquote needs), or one of the words of a seed
                 quotation (`w:<norm>` counted, `q:<norm>`)
    other kinds  every sentence (a kind this module does not know is never guessed at)

A rule added to `match.compare` or `find_in_sentence` needs its key here.

Values also have narrower keys (`m:...`) for the sentences that can MATCH them, not only conflict: the same date at
the claim's precision, the same weekday, ordinal or identifier, an amount in the claim's range (by buckets of about
9 %), all the words of a quotation. They bound what a seed can support (api.Checker._bounded), never which
sentences are read.

Claims that name no seed are looked up in a global index (key -> the seeds that have it), then in each of those
seeds' own index (key -> its sentences), so the cost follows the seeds that share something with the claim, not
every seed.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import heapq
import math
import pickle
import weakref
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .analyse import KIND_VALUE, analyse, demonyms, names_of, tokens
from .analyse.knowledge import Knowledge
from .analyse.tokens import part_keys, phrasal_parts, tokenize
from .match import NAME_ARTICLES, SentenceFacts, Settings, _plain, interval, name_meanings, word_senses
from .model import COMPARED_WORDS, Fact, Kind, Seed, Sentence, answered_by_rule
from .read import clauses as reader

# The matcher's own cut-offs, lowered a little: a looser candidate search costs a few sentences, never a verdict.
NAME_CUTOFF = 80.0  # find_in_sentence: fuzz.ratio(name, other) >= 88
COGNATE_SLACK = 4.0  # words_meet: fuzz.ratio(key, other) >= settings.cognate_ratio
COGNATE_MIN = 5  # words_meet: both keys at least this long, and the same first three characters
HEADED = (Kind.NUMBER, Kind.PERCENT, Kind.ORDINAL)  # match.counts_same_thing
AMOUNTS = (Kind.NUMBER, Kind.PERCENT, Kind.DURATION, Kind.MONEY)  # match.compare_amounts
BUCKETS_PER_DOUBLING = 8
MAX_BUCKETS = 64  # a claim range wider than this many buckets looks for every amount
MASK_LIMIT = 4096  # seeds with more sentences keep positions instead of bit masks


# ---------------------------------------------------------------------------------------------------------------
# Seed side: a seed's analysis, the keys of one sentence, and one seed's index.

# What the on-disk cache holds for a seed (api._seed_key hashes this module, the analysers and their data): bump
# FORMAT when the shape of analysed() changes without this module changing.
FORMAT = 12


BLOCK = 512  # sentences per pickled block: a claim against a long seed unpickles the blocks it reads, not all


def analyse_sentence(seed: Seed, sentence: Sentence, knowledge: Knowledge,
                     names: frozenset[str] | None = None) -> SentenceFacts:
    """One sentence of a seed analysed: its facts and word tokens. `names`: names_of(seed.text), made once a seed."""
    if names is None:
        names = names_of(seed.text)
    analysis = analyse(sentence.text, seed.language, knowledge, seed.date, base=sentence.start, names=names)
    words = tuple([t for t in analysis.tokens if t.is_word])
    return SentenceFacts(sentence.index, analysis.facts, words, seed.language, sentence.text, sentence.start)


def analyse_sentences(seed: Seed, knowledge: Knowledge) -> list[SentenceFacts]:
    """Every sentence of a seed analysed."""
    names = names_of(seed.text)
    return [analyse_sentence(seed, sentence, knowledge, names) for sentence in seed.sentences]


def analysed(seed: Seed, knowledge: Knowledge) -> tuple[SeedIndex, tuple[bytes, ...], int]:
    """A seed's index, its sentence analyses packed (SentenceFacts.packed) and pickled by blocks, and the number of
    sentences in a block: what the cache holds for it. The analyses stay pickled until a claim needs them; the
    index costs as much to build as they do to read. A block at a time is in memory while a long seed is
    analysed."""
    with no_gc():
        return _analysed(seed, knowledge)


def _analysed(seed: Seed, knowledge: Knowledge) -> tuple[SeedIndex, tuple[bytes, ...], int]:
    builder = SeedIndex.builder(len(seed.sentences))
    blocks: list[bytes] = []
    block: list[tuple] = []
    names = names_of(seed.text)
    for pos, sentence in enumerate(seed.sentences):
        facts = analyse_sentence(seed, sentence, knowledge, names)
        builder.add(pos, facts, knowledge)
        block.append(facts.packed())
        if len(block) == BLOCK:
            blocks.append(pickle.dumps(block, protocol=pickle.HIGHEST_PROTOCOL))
            block = []
    if block or not blocks:
        blocks.append(pickle.dumps(block, protocol=pickle.HIGHEST_PROTOCOL))
    return builder.done(), tuple(blocks), BLOCK


# A long seed (an archive) is analysed in pieces of whole blocks, in parallel (api.analyse_seeds), then merged into
# the value analysed() gives for it, byte for byte: its sentences are analysed one by one, independently.
PIECE_SENTENCES = 8 * BLOCK  # sentences per piece, about 600 KB of text; seeds longer than MASK_LIMIT only


def pieces(seed: Seed) -> list[tuple[int, int]]:
    """The (first, end) sentence ranges a seed is analysed in: one for most seeds, several for a long one."""
    size = len(seed.sentences)
    if size <= MASK_LIMIT or size <= PIECE_SENTENCES:
        return [(0, size)]
    return [(start, min(size, start + PIECE_SENTENCES)) for start in range(0, size, PIECE_SENTENCES)]


Piece = tuple[dict[str, "int | array"], tuple[bytes, ...]]  # a piece's postings (positions in the seed), its blocks


def analysed_piece(seed: Seed, first: int, end: int, knowledge: Knowledge) -> Piece:
    """Sentences first..end of a long seed (a range from pieces()) analysed: their postings and pickled blocks."""
    with no_gc():
        builder = SeedIndex.builder(len(seed.sentences))  # positions, not bit masks: the seed's size decides
        blocks: list[bytes] = []
        block: list[tuple] = []
        for pos in range(first, end):
            facts = analyse_sentence(seed, seed.sentences[pos], knowledge)
            builder.add(pos, facts, knowledge)
            block.append(facts.packed())
            if len(block) == BLOCK:
                blocks.append(pickle.dumps(block, protocol=pickle.HIGHEST_PROTOCOL))
                block = []
        if block:
            blocks.append(pickle.dumps(block, protocol=pickle.HIGHEST_PROTOCOL))
        return builder.postings, tuple(blocks)


def merged(seed: Seed, parts: Sequence[Piece]) -> tuple[SeedIndex, tuple[bytes, ...], int]:
    """The pieces of a seed, in order, as analysed() gives it: keys in the order they first appear, positions in
    order (each piece's follow the one's before)."""
    postings: dict[str, int | array] = {}
    for part, _ in parts:
        for key, found in part.items():
            held = postings.get(key)
            if held is None:
                postings[key] = found
            else:
                held.extend(found)  # type: ignore[union-attr,arg-type]
    blocks = tuple(b for _, bs in parts for b in bs)
    return SeedIndex(len(seed.sentences), postings), blocks, BLOCK


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Without the cycle collector while many objects are made at once and kept (a seed's analysis, analyses
    unpickled): they are hardly ever in a cycle, and the collector would scan them over and over (a tenth of an
    analysis, two thirds of loading a thousand analyses); restored after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def is_analysed(value: object) -> bool:
    """Whether a value read from the cache has the shape analysed() gives."""
    return (
        isinstance(value, tuple)
        and len(value) == 3
        and isinstance(value[0], SeedIndex)
        and isinstance(value[1], tuple)
        and all(isinstance(b, bytes) for b in value[1])
        and isinstance(value[2], int)
        and value[2] > 0
    )


def sentence_keys(sentence: SentenceFacts, knowledge: Knowledge) -> set[str]:
    words = sentence.words
    keys: set[str] = set()  # filled in a fixed order: the postings keep it, and so the pickled index
    add = keys.add
    for t in words:
        add("w:" + t.norm)
        add("k:" + t.key)
        for base in demonyms.bases_of(t.norm):  # "rennais": a name of a place "Renn(es)" may find it
            add("b:" + base)
        for part in part_keys(t.norm, sentence.lang):  # "high-altitude": a claim's "altitude" may find it
            add("k:" + part)
        if t.is_word:
            for sense in word_senses(t.text, sentence.lang):  # the open vocabulary (match.find_in_sentence)
                add("s:" + sense)
    for concept in sentence.concepts:
        add(f"c:{concept}")
    for f in sentence.facts:
        kind = f.kind
        if kind is _ENTITY:
            for eid in f.value:
                keys.add(f"e:{eid}")
                if getattr(knowledge.entities.get(eid), "office", False):
                    keys.add("e:@office")
            keys.update([f"r:{eid}" for eid in (f.extra[2] if len(f.extra) > 2 else f.value)])
            if f.role == "loc":
                keys.update([f"l:{eid}" for eid in f.value])
            keys.add(_name_key(f.text))
        elif kind is _NAME:
            keys.add(_name_key(f.text))
        elif kind is _TERM:
            keys.update([f"c:{c}" for c in f.value])
        elif kind is _IDENTIFIER:
            namespace = f.value[0]  # and its family: "#time" for "#time:utc", which a time with no zone meets
            keys.update(("v:identifier:*", f"v:identifier:{namespace}", f"v:identifier:{namespace.partition(':')[0]}",
                         f"c:{namespace}"))
            keys.add(f"m:identifier:{f.value[1]}")
        elif kind is _QUOTE:
            keys.update("q:" + t.norm for t in words if f.start <= t.start and t.end <= f.end)
        elif kind in HEADED:
            value = KIND_VALUE[kind]
            keys.add(f"v:{value}:*")
            if f.head:
                keys.update(f"v:{value}:h:{h}" for h in f.head)
            else:
                keys.add(f"v:{value}:-")
        else:
            keys.add("v:" + KIND_VALUE[kind])
            if kind is _DURATION and f.extra:  # match.compare: a bare count may mean it ("from 62 to 64")
                keys.update(("v:number:*", "v:number:-", f"m:number:{_bucket(f.extra[0])}"))
        if kind in MATCHED:
            keys.update(_match_keys(f))
    return keys


MATCHED = frozenset({*AMOUNTS, Kind.WEEKDAY, Kind.ORDINAL, Kind.DATE})  # the kinds _match_keys gives keys for
# Kinds read once: an enum member read off its class (Kind.TERM) takes ten times as long as a global, per fact
_ENTITY, _NAME, _TERM, _IDENTIFIER = Kind.ENTITY, Kind.NAME, Kind.TERM, Kind.IDENTIFIER
_QUOTE, _DATE, _DURATION = Kind.QUOTE, Kind.DATE, Kind.DURATION
_COUNTED = frozenset({Kind.WEEKDAY, Kind.ORDINAL})
_WITH_UNIT = frozenset({Kind.MONEY, Kind.DURATION})


@functools.lru_cache(maxsize=16384)
def _name_key(text: str) -> str:
    """The key of a name as written (memoised: names recur in a seed and across seeds)."""
    return "n:" + _plain(text)


def _match_keys(f: Fact) -> list[str] | tuple[str, ...]:
    """The keys under which a seed fact can MATCH a claim fact of its kind (see _match_query)."""
    kind = f.kind
    if kind in AMOUNTS:
        if f.qualifier in ("min", "max"):
            return [f"m:{KIND_VALUE[kind]}:open"]
        return [f"m:{KIND_VALUE[kind]}:{_bucket(_point(f))}"]
    if kind in _COUNTED:
        return [f"m:{KIND_VALUE[kind]}:{f.value}"]
    if kind is _DATE:
        return _date_keys(f.value)
    return []


@functools.lru_cache(maxsize=4096)
def _date_keys(value: object) -> tuple[str, ...]:
    """A date's keys at every precision a claim may give (memoised: a seed repeats its dates)."""
    fields = [getattr(value, name, None) for name in ("year", "month", "day")]
    present = [k for k, v in enumerate(fields) if v is not None]
    out = []
    for subset in range(1, 1 << len(present)):
        shown = ["-"] * 3
        for bit, k in enumerate(present):
            if subset >> bit & 1:
                shown[k] = str(fields[k])
        out.append("m:date:" + ":".join(shown))
    return tuple(out)


def _point(f: Fact) -> float:
    return f.value[0] if f.kind in _WITH_UNIT else f.value


def _bucket(value: float) -> str:
    try:
        if value > 0 and math.isfinite(value):
            return str(math.floor(math.log2(value) * BUCKETS_PER_DOUBLING))
    except (TypeError, ValueError):
        pass
    return "z"


class SeedIndex:
    """One seed's keys, each with the sentences (0-based positions) that have it, as a bit mask."""

    __slots__ = ("postings", "size")

    def __init__(self, size: int, postings: dict[str, int | array]) -> None:
        self.size = size
        self.postings = postings

    def __reduce__(self) -> tuple:
        return (SeedIndex, (self.size, self.postings))

    @classmethod
    def builder(cls, size: int) -> _Builder:
        return _Builder(size)

    @classmethod
    def build(cls, sentences: Sequence[SentenceFacts], knowledge: Knowledge) -> SeedIndex:
        builder = _Builder(len(sentences))
        for pos, sentence in enumerate(sentences):
            builder.add(pos, sentence, knowledge)
        return builder.done()

    def keys(self) -> Iterable[str]:
        return self.postings.keys()

    def sentences(self, query: Query) -> set[int] | None:
        """The sentences that may answer a claim fact; None for every sentence."""
        if query.everything:
            return None
        get = self.postings.get
        mask = 0
        out: set[int] = set()
        for key in query.keys:
            found = get(key)
            if isinstance(found, int):
                mask |= found
            elif found is not None:
                out.update(found)
        if mask:
            out |= _bits(mask)
        if query.counted:
            counts: Counter[int] = Counter()
            for key in query.counted:
                value = get(key)
                if value is not None:
                    counts.update(_bits(value) if isinstance(value, int) else value)
            out.update(pos for pos, n in counts.items() if n >= query.least)
        return out


class _Builder:
    """A SeedIndex, one sentence at a time: bit masks for most seeds, arrays of positions for a long one (an
    archive), where a bit mask per key would grow with the seed and a list of ints take ten times the room."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.postings: dict[str, int | array] = {}

    def add(self, pos: int, sentence: SentenceFacts, knowledge: Knowledge) -> None:
        postings = self.postings
        if self.size <= MASK_LIMIT:
            bit = 1 << pos
            get = postings.get
            for key in sentence_keys(sentence, knowledge):
                postings[key] = get(key, 0) | bit  # type: ignore[operator]
        else:
            for key in sentence_keys(sentence, knowledge):
                found = postings.get(key)
                if found is None:
                    found = postings[key] = array("I")
                found.append(pos)  # type: ignore[union-attr]

    def done(self) -> SeedIndex:
        return SeedIndex(self.size, self.postings)


def _bits(mask: int) -> set[int]:
    out = set()
    while mask:
        low = mask & -mask
        out.add(low.bit_length() - 1)
        mask ^= low
    return out


# ---------------------------------------------------------------------------------------------------------------
# Claim side: what each claim fact looks for.


@dataclass(frozen=True)
class Query:
    """Sentences having any of `keys`, or at least `least` of `counted`; or every sentence."""

    keys: frozenset[str] = frozenset()
    counted: tuple[str, ...] = ()
    least: int = 0
    everything: bool = False
    match: Query | None = None  # the narrower lookup of the sentences that can MATCH; None: the same as this one


EVERYTHING = Query(everything=True)


class _Relations:
    """Entity ids a claim entity can be answered by (match.compare_entities and the 'inside' rule), per knowledge:
    as an actor (`related`: Knowledge.related), as a place (`inside`: every place Knowledge.within puts in it)."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.metonyms: dict[str, set[str]] = {}
        self.parts: dict[str, set[str]] = {}
        self.children: dict[str, set[str]] = {}
        for eid, e in knowledge.entities.items():
            if e.metonym_for:
                self.metonyms.setdefault(e.metonym_for, set()).add(eid)
            if e.part_of:
                self.parts.setdefault(e.part_of, set()).add(eid)
            if e.inside:
                self.children.setdefault(e.inside, set()).add(eid)
        self._related: dict[str, frozenset[str]] = {}
        self._inside: dict[str, frozenset[str]] = {}

    def related(self, a: str) -> frozenset[str]:
        found = self._related.get(a)
        if found is None:
            out = {a} | self.metonyms.get(a, set()) | self.parts.get(a, set())
            entity = self.knowledge.entities.get(a)
            if entity is not None and entity.metonym_for:
                out.add(entity.metonym_for)
            found = self._related[a] = frozenset(out)
        return found

    def inside(self, a: str) -> frozenset[str]:
        found = self._inside.get(a)
        if found is None:
            out: set[str] = set()
            todo = [a]  # every place that lies in `a`, however deep
            while todo:
                for child in self.children.get(todo.pop(), ()):
                    if child not in out and child != a:
                        out.add(child)
                        todo.append(child)
            found = self._inside[a] = frozenset(out)
        return found


T = TypeVar("T")
_relations: dict[int, tuple[weakref.ref, _Relations]] = {}


def relations(knowledge: Knowledge) -> _Relations:
    return per_knowledge(_relations, knowledge, _Relations)


def per_knowledge(memo: dict[int, tuple[weakref.ref, T]], knowledge: Knowledge, make: Callable[[Knowledge], T]) -> T:
    """What `make` builds from a knowledge, memoised while that knowledge lives."""
    held = memo.get(id(knowledge))
    if held is None or held[0]() is not knowledge:
        held = (weakref.ref(knowledge), make(knowledge))
        memo[id(knowledge)] = held
    return held[1]


class Vocabulary:
    """The distinct word keys and names of a set of seeds, for the fuzzy parts of a lookup (memoised)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.words: dict[str, list[str]] = {}  # first three characters -> keys long enough for a cognate
        self.names: list[str] = []
        for key in keys:
            if key.startswith("k:") and len(key) - 2 >= COGNATE_MIN:
                self.words.setdefault(key[2:5], []).append(key[2:])
            elif key.startswith("n:"):
                self.names.append(key[2:])
        self._cognates: dict[tuple[str, float], tuple[str, ...]] = {}
        self._names: dict[str, tuple[str, ...]] = {}

    def cognates(self, word: str, ratio: float) -> tuple[str, ...]:
        found = self._cognates.get((word, ratio))
        if found is None:
            from rapidfuzz import fuzz, process

            bucket = self.words.get(word[:3], [])
            hits = process.extract(word, bucket, scorer=fuzz.ratio, score_cutoff=ratio - COGNATE_SLACK,
                                   limit=None)
            found = self._cognates[(word, ratio)] = tuple(h[0] for h in hits)
        return found

    def alike(self, name: str) -> tuple[str, ...]:
        found = self._names.get(name)
        if found is None:
            from rapidfuzz import fuzz, process

            hits = process.extract(name, self.names, scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF, limit=None)
            found = self._names[name] = tuple(h[0] for h in hits)
        return found


def query(fact: Fact, lang: str, knowledge: Knowledge, settings: Settings, vocabulary: Vocabulary) -> Query:
    """What a claim fact looks for in seeds of language `lang` (quotations are tokenized in the seed's language)."""
    found = _query(fact, lang, knowledge, settings, vocabulary)
    answered_by = _rule_keys(fact, lang)
    if answered_by:  # a rule may answer it where no word of its own is: any such sentence can match it
        return Query(found.keys | answered_by, found.counted, found.least, found.everything)
    narrow = _match_query(fact, found, settings)
    minute = _minute_keys(fact)  # match.same_minute: "on 34 minutes" / "à la 34e minute"
    if minute:
        found = Query(found.keys | minute, found.counted, found.least, found.everything)
        narrow = None if narrow is None else Query(narrow.keys | minute)
        if fact.kind is Kind.ORDINAL:
            narrow = None  # a duration's match keys are buckets of days: read every sentence with one
    return found if narrow is None else Query(found.keys, found.counted, found.least, found.everything, narrow)


@functools.cache
def _word_keys(words: frozenset[str], lang: str) -> frozenset[str]:
    return frozenset("k:" + t.key for w in words for t in tokenize(w, lang) if t.is_word)


def _rule_keys(fact: Fact, lang: str) -> frozenset[str]:
    """The words of the sentences where a relation rule can match a claim fact no word of its own answers: a
    claim's negation is met by the seed's (relations.polarity), a change by a figure set against another
    (binding.implied_change)."""
    answered = answered_by_rule(fact)
    if answered is None:
        return frozenset()
    return _word_keys(reader.NEGATIONS if answered == "negation" else COMPARED_WORDS, lang)



def _minute_keys(fact: Fact) -> frozenset[str]:
    if fact.kind is Kind.DURATION and fact.value[1] == "minute" and fact.extra:
        return frozenset({"v:ordinal:*", f"m:ordinal:{fact.extra[0]:g}"})
    if fact.kind is Kind.ORDINAL and "minute" in fact.head:
        return frozenset({"v:duration"})
    return frozenset()


def _match_query(fact: Fact, found: Query, settings: Settings) -> Query | None:
    """The sentences where a value can MATCH (not only conflict): None where they are all the candidates."""
    kind = fact.kind
    if found.everything:
        return None
    if kind in AMOUNTS:
        try:
            lo, hi = interval(fact, settings.tolerance)
        except (TypeError, ValueError, IndexError):
            return None
        if not (math.isfinite(lo) and math.isfinite(hi)) or lo <= 0:
            return None
        first, last = int(_bucket(lo)) - 1, int(_bucket(hi)) + 1  # a bucket either side: rounding in log2
        if last - first > MAX_BUCKETS:
            return None
        keys = {f"m:{kind.value}:{b}" for b in range(first, last + 1)} | {f"m:{kind.value}:open"}
        return Query(frozenset(keys))
    if kind in (Kind.WEEKDAY, Kind.ORDINAL):
        return Query(frozenset({f"m:{kind.value}:{fact.value}"}))
    if kind is Kind.IDENTIFIER:
        return Query(frozenset({f"m:identifier:{fact.value[1]}"}))
    if kind is Kind.DATE:
        fields = [getattr(fact.value, name, None) for name in ("year", "month", "day")]
        if all(v is None for v in fields):
            return None
        return Query(frozenset({"m:date:" + ":".join("-" if v is None else str(v) for v in fields)}))
    if kind is Kind.QUOTE and found.counted:  # an exact quotation has every one of its words
        return Query(counted=found.counted, least=len(found.counted))
    return None


def _other_readings(fact: Fact) -> set[str]:
    """Keys of a claim word's senses and of the name it may be (match._by_name_or_sense)."""
    if not fact.extra:
        return set()
    meanings, name = fact.extra
    return {"s:" + sense for sense in meanings} | ({"w:" + name} if name else set())


def _query(fact: Fact, lang: str, knowledge: Knowledge, settings: Settings, vocabulary: Vocabulary) -> Query:
    kind = fact.kind
    if kind in HEADED:
        if fact.head:
            return Query(frozenset({f"v:{kind.value}:-", *(f"v:{kind.value}:h:{h}" for h in fact.head)}))
        return Query(frozenset({f"v:{kind.value}:*"}))
    if kind in (Kind.MONEY, Kind.DATE, Kind.WEEKDAY, Kind.DURATION):
        return Query(frozenset({f"v:{kind.value}"}))
    if kind is Kind.IDENTIFIER:
        if fact.value[0] == "code":
            return Query(frozenset({"v:identifier:*"}))
        family = fact.value[0].partition(":")[0]
        return Query(frozenset({f"v:identifier:{fact.value[0]}", f"v:identifier:{family}", "v:identifier:code"}))
    if kind is Kind.ENTITY:
        rel = relations(knowledge)
        keys = {f"e:{a}" for a in fact.value}
        if fact.role == "loc":  # a place is itself, or holds the place the seed names (no metonymy)
            keys.update(f"l:{b}" for a in fact.value for b in rel.inside(a))
        else:
            keys.update(f"r:{b}" for a in fact.value for b in rel.related(a))
            keys.update("b:" + b for b in demonyms.bases(fact.text))  # match.find_in_sentence: demonyms
        return Query(frozenset(keys))
    if kind is Kind.TERM:
        keys = set()
        for c in fact.value:
            keys.add(f"c:{c}")
            keys.update(f"c:{y}" for y in knowledge.implied_by.get(c, ()))
            keys.update(f"c:{o}" for o in getattr(knowledge, "opposites", {}).get(c, ()))
        if knowledge.office_concepts & set(fact.value):
            keys.add("e:@office")
        return Query(frozenset(keys | _other_readings(fact) | _closed_verb(fact)))  # match: a word's own senses too
    if kind is Kind.NAME:
        words = str(fact.value).split()
        if not words:
            return EVERYTHING
        bases = {"b:" + b for b in demonyms.bases(fact.value)}  # match.find_in_sentence: demonyms
        first = {"w:" + words[0]}
        if len(words) > 1 and words[0] in NAME_ARTICLES:  # "Le Havre" / "au Havre"
            first.add("w:" + words[1])
        described = name_meanings(fact.text)  # match._described_name: "Interior Ministry"
        meant = {"s:" + sense for sense in described[0][1]} if described else set()
        alike = {"n:" + n for n in vocabulary.alike(fact.value)}
        return Query(frozenset({*first, *bases, *meant, *alike} | _closed_verb(fact)))
    if kind is Kind.WORD:
        keys = {"k:" + fact.value} | _other_readings(fact) | _closed_verb(fact)
        if len(fact.value) >= COGNATE_MIN:
            keys.update("k:" + w for w in vocabulary.cognates(fact.value, settings.cognate_ratio))
        return Query(frozenset(keys))
    if kind is Kind.QUOTE:
        wanted = [t.norm for t in tokenize(fact.text, lang) if t.is_word]
        if not wanted:
            return Query()
        distinct = sorted(set(wanted))
        least = min(max(1, (len(wanted) + 1) // 2), len(distinct))
        return Query(frozenset("q:" + w for w in distinct), tuple("w:" + w for w in distinct), least)
    return EVERYTHING


# ---------------------------------------------------------------------------------------------------------------
# Many seeds: which of them have a key.


class CorpusIndex:
    """Key -> the positions of the seeds that have it, over a list of seed indexes."""

    def __init__(self, indexes: Sequence[SeedIndex]) -> None:
        self.indexes = indexes
        seeds_with: dict[str, list[int]] = {}
        for pos, index in enumerate(indexes):
            for key in index.postings:
                found = seeds_with.get(key)
                if found is None:
                    seeds_with[key] = [pos]
                else:
                    found.append(pos)
        self.seeds_with = seeds_with
        self.vocabulary = Vocabulary(seeds_with)

    def seeds(self, query: Query) -> set[int] | None:
        """The seeds that may answer a claim fact; None for every seed. Counted keys are counted per seed, which
        lets through every seed whose sentences could reach the count."""
        if query.everything:
            return None
        get = self.seeds_with.get
        out: set[int] = set()
        for key in query.keys:
            out.update(get(key, ()))
        if query.counted:
            counts: Counter[int] = Counter()
            for key in query.counted:
                counts.update(get(key, ()))
            out.update(pos for pos, n in counts.items() if n >= query.least)
        return out


# ---------------------------------------------------------------------------------------------------------------
# Long seeds (an archive, a transcript): a cheap pass over every sentence, the costly analysis only where a claim
# can be answered. The cheap pass tokenizes each sentence (a fifth of an analysis) and notes where the claims'
# anchors are: the words their facts can be written with in the seed (a concept's or a name's phrases from the
# knowledge tables, a word's key, a quotation's words, the concept a number counts, a year, an identifier's
# number). Each claim is then analysed and judged on the LAZY_SENTENCES sentences holding most of its anchors
# (rarer anchors, values and names weighing more; the earliest sentence first on a tie) and the sentences either
# side. It reads fewer sentences than the whole seed, so it can miss an answer, never invent one: every window it
# judges is a window of the whole seed with the same statuses or fewer matches, so its 'supported' is the whole
# seed's 'supported' too (docs/performance.md).

LAZY_CHARS = 2_000_000  # seeds longer than this (in characters) are analysed only where a claim can be answered
LAZY_SENTENCES = 64  # per claim and seed: the sentences with most of its anchors, judged with their neighbours
LAZY_SAME = 8  # of those, at most this many holding anchors of the same facts
COMMON_SHARE = 2  # an anchor in more than 1 / COMMON_SHARE of the sentences tells none of them apart: not counted


class _Phrases:
    """Per knowledge: an entity's or concept's id -> the first keys of the phrases that write it."""

    def __init__(self, knowledge: Knowledge) -> None:
        firsts: dict[str, set[str]] = {}
        for bucket in (*knowledge.index.by_first.values(), *knowledge.index.by_pair.values()):
            for entry in bucket:
                if entry.keys and entry.kind in ("term", "entity"):
                    firsts.setdefault(entry.target, set()).add(entry.keys[0])
        self.firsts = {target: frozenset(keys) for target, keys in firsts.items()}


_phrases: dict[int, tuple[weakref.ref, _Phrases]] = {}


def _phrases_of(knowledge: Knowledge) -> _Phrases:
    return per_knowledge(_phrases, knowledge, _Phrases)


def _closed_verb(fact: Fact) -> set[str]:
    """The key of the verb an English noun closed from a phrasal verb meets (match._phrasal: "touchdown" /
    "touched down"), if the claim word is one."""
    parts = phrasal_parts(fact.text)
    return {"k:" + parts[0]} if parts else set()


def fact_anchors(fact: Fact, lang: str, knowledge: Knowledge) -> frozenset[str]:
    """The token keys, spellings or folded words (Token.key, .exact, .norm) a seed sentence that can answer a
    claim fact is likely to hold; empty for a fact no word anchors (a weekday, a bare amount)."""
    kind = fact.kind
    firsts = _phrases_of(knowledge).firsts
    out: set[str] = set()
    if kind in (Kind.WORD, Kind.NAME, Kind.TERM):
        out.update(k.removeprefix("k:") for k in _closed_verb(fact))
    if kind is Kind.WORD:
        out.add(str(fact.value))
    elif kind is Kind.NAME:
        out.update(str(fact.value).split()[:1])
    elif kind is Kind.QUOTE:
        out.update(t.norm for t in tokenize(fact.text, lang) if t.is_word)
    elif kind is Kind.TERM:
        for c in fact.value:
            for concept in (c, *knowledge.implied_by.get(c, ()), *getattr(knowledge, "opposites", {}).get(c, ())):
                out.update(firsts.get(concept, ()))
    elif kind is Kind.ENTITY:
        rel = relations(knowledge)
        for a in fact.value:
            for b in (rel.related(a) | rel.inside(a)) | {a}:
                out.update(firsts.get(b, ()))
    if kind in HEADED:
        for h in fact.head:
            out.update(firsts.get(h, (h,)))
    if kind in AMOUNTS:  # the amount as its digits, where it is a whole number ('≈10,000': '#10000')
        try:
            point = float(_point(fact))
            if 0 < point < 1e15 and point == int(point):
                out.add(f"#{int(point)}")
        except (TypeError, ValueError, IndexError):
            pass
    if kind is Kind.DATE:
        year = getattr(fact.value, "year", None)
        if year is not None:
            out.add(str(year))
    elif kind is Kind.IDENTIFIER:
        out.add(str(fact.value[1]))
    return frozenset(out)


def anchor_postings(seed: Seed, first: int, end: int, wanted: frozenset[str]) -> dict[str, array]:
    """The cheap pass over sentences first..end of a seed: for each anchor in `wanted`, the sentences holding it.
    The words are those tokenize() finds (tokens.WORD, then each match's pieces), each distinct word looked up
    once: no Token is made (tests/test_bounded_judging.py checks it against tokenize)."""
    out: dict[str, array] = {}
    lang = seed.language
    sentences = seed.sentences
    memo: dict[str, tuple[str, ...]] = {}
    findall = tokens.WORD.findall
    for pos in range(first, end):
        seen: set[str] = set()
        for word in findall(sentences[pos].text):
            hits = memo.get(word)
            if hits is None:
                hits = memo[word] = _anchors_in(word, lang, wanted)
            for value in hits:
                if value not in seen:
                    seen.add(value)
                    found = out.get(value)
                    if found is None:
                        found = out[value] = array("I")
                    found.append(pos)
    return out


def _anchors_in(word: str, lang: str, wanted: frozenset[str]) -> tuple[str, ...]:
    """The anchors among the keys, spellings and folded forms of the tokens one match of tokens.WORD makes."""
    out: list[str] = []
    for at, length, key, norm, exact, _, _ in tokens._pieces(word, lang):
        text = word[at : at + length]
        for value in (text if key is None else key, text if exact is None else exact, norm, digits_anchor(text)):
            if value in wanted and value not in out:
                out.append(value)
    return tuple(out)


def digits_anchor(text: str) -> str:
    """A number as written, by its digits alone ('10.000', '10 000', '10,000': '#10000'); '' for a word."""
    return "#" + "".join(c for c in text if c.isdigit()) if text[:1].isdigit() else ""


def merged_postings(parts: Sequence[dict[str, array]]) -> dict[str, array]:
    """Pieces of anchor_postings, in order, as one."""
    out: dict[str, array] = {}
    for part in parts:
        for key, found in part.items():
            held = out.get(key)
            if held is None:
                out[key] = found
            else:
                held.extend(found)
    return out


def select(facts: Sequence[Fact], lang: str, postings: dict[str, array], size: int, knowledge: Knowledge
           ) -> frozenset[int]:
    """The sentences of a long seed one claim is judged on: the LAZY_SENTENCES holding most of its anchors (a
    fact's weight: 3 for values, names and quotations, 1 for words, times how rare its anchors are), the earliest
    on a tie, at most LAZY_SAME of them with the same facts (a story an archive repeats must not crowd out the
    sentences that answer other parts of the claim), and the sentences either side (names and concepts may come
    from there)."""
    scores: dict[int, float] = {}
    signature: dict[int, int] = {}  # the facts a sentence holds anchors of, as bits
    get, has = scores.get, signature.get
    for bit, fact in enumerate(facts):
        anchors = fact_anchors(fact, lang, knowledge)
        flag = 1 << bit
        if fact.kind is Kind.QUOTE:
            # a quotation by the share of its words a sentence has, squared: the exact words (what supports it) far
            # above a sentence with some of them (what may misquote it)
            held: Counter[int] = Counter()
            for anchor in anchors:
                held.update(postings.get(anchor, ()))
            if held:
                weight = 3.0 * (1.0 + math.log(size / len(held)))
                for pos, n in held.items():
                    scores[pos] = get(pos, 0.0) + weight * (n / len(anchors)) ** 2
                    signature[pos] = has(pos, 0) | flag
            continue
        where: set[int] = set()
        for anchor in anchors:
            found = postings.get(anchor, ())
            if len(found) * COMMON_SHARE <= size:  # 'et', 'plus': in most sentences, they tell none apart
                where.update(found)
        if not where:
            continue
        weight = (3.0 if fact.kind in _STRONG else 1.0) * (1.0 + math.log(size / len(where)))
        for pos in where:
            scores[pos] = get(pos, 0.0) + weight
            signature[pos] = has(pos, 0) | flag
        # an amount written with the claim's very digits counts again, and apart from the sentences with another
        # amount (what matches it, not only what may conflict with it)
        exact: set[int] = set()
        for anchor in anchors:
            if anchor.startswith("#"):
                exact.update(postings.get(anchor, ()))
        if exact:
            weight = 3.0 * (1.0 + math.log(size / len(exact)))
            for pos in exact:
                scores[pos] = get(pos, 0.0) + weight
                signature[pos] = has(pos, 0) | flag << len(facts)
    alike: dict[int, list[tuple[float, int]]] = {}  # the sentences holding the same facts
    for pos, score in scores.items():
        group = alike.get(signature[pos])
        if group is None:
            group = alike[signature[pos]] = []
        group.append((-score, pos))
    kept = [item for group in alike.values() for item in heapq.nsmallest(LAZY_SAME, group)]
    taken = [pos for _, pos in heapq.nsmallest(LAZY_SENTENCES, kept)]
    if not taken:  # no word anchors the claim (a weekday, a bare amount): the seed's first sentences, its lede
        taken = list(range(min(size, LAZY_SENTENCES)))
    return frozenset(k for pos in taken for k in (pos - 1, pos, pos + 1) if 0 <= k < size)


_STRONG = frozenset({*AMOUNTS, Kind.DATE, Kind.ORDINAL, Kind.IDENTIFIER, Kind.QUOTE, Kind.NAME, Kind.ENTITY,
                     Kind.WEEKDAY})
