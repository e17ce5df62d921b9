"""Match: compare one claim fact with one seed fact of a compatible kind.

Each comparison answers "match" (the seed states it), "conflict" (the seed states the same kind of fact with
another value) or None (unrelated). Whether a conflict is about the same thing (the same counted noun, the same
event) is decided by the judge, which sees the whole evidence window.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from dataclasses import dataclass, fields
from itertools import pairwise

from rapidfuzz import fuzz

from .analyse import demonyms, quotes, vocabulary
from .analyse.knowledge import Knowledge
from .analyse.quantities import SPACES, parse_digits
from .analyse.tokens import Token, new_token, part_keys, phrasal_parts, tokenize
from .model import Fact, Kind, PartialDate, is_negation

MATCH = "match"
CONFLICT = "conflict"


@dataclass(frozen=True)
class Settings:
    tolerance: float = 0.10  # how far "about N" may stray, as a fraction of N
    cognate_ratio: float = 82.0  # spelling similarity for an unknown word to meet its translation (nucléaire)
    misquote_ratio: float = 60.0  # how close altered words must be to a seed quotation to count as a misquote


def interval(fact: Fact, tolerance: float) -> tuple[float, float]:
    """The values a fact allows. A number claims the precision it is written with: "5.28M" is 5.275M to 5.285M,
    "€12.4bn" 12.35 to 12.45 billion; a whole number without a scale is exact. "About", "≈", "nearly" widen it
    by the tolerance, but no further than rounding at the last non-zero digit written allows: "≈5.28M" is not
    5.08M, "≈42,000" is 41,500 to 42,500, "≈10,000" is 9,000 to 11,000."""
    v = fact.value[0] if fact.kind in (Kind.MONEY, Kind.DURATION) else fact.value
    step, significant = written_precision(fact.text, abs(v))
    if not step and fact.kind is Kind.NUMBER and any(h.startswith("unit:") for h in fact.head):
        step = 1.0  # a measure is rounded, not counted: "38 °C" is 37.5 to 38.5 (100 °F is 37.8 °C)
    if fact.kind is Kind.DURATION and fact.extra and fact.extra[0]:
        # "1 h 12 min", "two hours and 41 minutes": a compound is as precise as its last unit, not as its first
        # figure ("1" would make it 1 h 12 ± 40 min)
        per = abs(v) / fact.extra[0]
        first = DIGITS.search(fact.text)
        if first is not None and parse_digits(first.group()) not in (None, fact.extra[0]):
            step = significant = per
    if fact.qualifier == "approx":
        spread = max(step / 2, min(abs(v) * tolerance, significant / 2))
        return v - spread, v + spread
    if fact.qualifier == "min":
        return v, math.inf
    if fact.qualifier == "max":
        return -math.inf, v
    spread = max(step / 2, abs(v) * 1e-9)
    return v - spread, v + spread


DIGITS = re.compile(r"\d[\d\s\u00a0\u202f\u2009.,]*\d|\d")


@functools.lru_cache(maxsize=16384)
def written_precision(text: str, value: float) -> tuple[float, float]:
    """(step, significant) of a number as written: the unit of its last written digit when it has decimals or a
    scale word ("5.28M": 10,000), else 0 (exact); and the unit of its last non-zero digit ("10,000": 10,000)."""
    digits = DIGITS.search(text)
    if digits is None or value == 0:
        return 0.0, 0.0
    written = digits.group()
    mantissa = parse_digits(written)
    if not mantissa:
        return 0.0, 0.0
    scale = value / mantissa  # 1e6 for "5.28M", 1 for "10.000"
    s = SPACES.sub("", written)
    decimals = 0
    for sep in (",", "."):
        _, found, tail = s.rpartition(sep)
        if found and tail.isdigit() and mantissa != parse_digits(s.replace(sep, "")):
            decimals = len(tail)  # a decimal separator, not a thousands one
            break
    step = 10.0**-decimals * scale if (decimals or round(scale) != 1) else 0.0
    plain = f"{mantissa:.{decimals}f}".replace(".", "").rstrip("0")
    zeros = len(f"{mantissa:.{decimals}f}".replace(".", "")) - len(plain)
    significant = 10.0 ** (zeros - decimals) * scale
    return step, significant


# Durations conflict only within one scale: "three hours" of talks says nothing against "two months" between events.
DURATION_SCALE = {"second": 0, "minute": 0, "hour": 0, "day": 1, "week": 1, "month": 2, "year": 2, "decade": 2,
                  "century": 2}


def compare_amounts(claim: Fact, seed: Fact, settings: Settings) -> str | None:
    """A claim amount is stated when the seed's value lies in the claim's range; ranges that cannot meet conflict."""
    c_lo, c_hi = interval(claim, settings.tolerance)
    s_lo, s_hi = interval(seed, settings.tolerance)
    point = seed.value[0] if seed.kind in (Kind.MONEY, Kind.DURATION) else seed.value
    claimed = claim.value[0] if claim.kind in (Kind.MONEY, Kind.DURATION) else claim.value
    if seed.qualifier in ("min", "max"):
        if c_lo <= s_lo and s_hi <= c_hi:
            return MATCH
    elif c_lo <= point <= c_hi:
        return MATCH
    # ranges that cannot meet, or two figures each outside the other's margin ("nearly 12,000" / "environ 10.000")
    apart = "min" not in (claim.qualifier, seed.qualifier) and "max" not in (claim.qualifier, seed.qualifier) and not (
        s_lo <= claimed <= s_hi
    )
    if c_hi < s_lo or s_hi < c_lo or apart:
        if claim.kind is Kind.DURATION and DURATION_SCALE[claim.value[1]] != DURATION_SCALE[seed.value[1]]:
            return None
        return CONFLICT
    return None


def compare_dates(claim: PartialDate, seed: PartialDate) -> str | None:
    stated = True
    for field in ("year", "month", "day"):
        c, s = getattr(claim, field), getattr(seed, field)
        if c is None:
            continue
        if s is None:
            stated = False  # the claim is more precise than the seed: a day it never gives
        elif c != s:
            return CONFLICT
    return MATCH if stated else None


def compare_entities(claim: Fact, seed: Fact, knowledge: Knowledge) -> bool:
    if set(claim.value) & set(seed.value):
        return True
    if claim.role == "loc":  # a place is itself: "in Beijing" is not stated by "la Chine" (metonymy is for actors)
        return False
    # a capital for its state, a council for its organisation: only what the seed's phrase names, not the words
    # inside it ("Moscow" is not named by the "russe" of "Extrême-Orient russe")
    named = seed.extra[2] if len(seed.extra) > 2 else seed.value
    return any(knowledge.related(a, b) for a in claim.value for b in named)


def words_meet(claim_key: str, seed_key: str, settings: Settings) -> bool:
    """The same stem, or a cognate spelt nearly alike across the languages (international/internationales)."""
    if claim_key == seed_key:
        return True
    if min(len(claim_key), len(seed_key)) < 5 or claim_key[:3] != seed_key[:3]:
        return False
    return fuzz.ratio(claim_key, seed_key) >= settings.cognate_ratio


def compare(claim: Fact, seed: Fact, knowledge: Knowledge, settings: Settings) -> str | None:
    """The answer of one seed fact to one claim fact: MATCH, CONFLICT or None."""
    kind = claim.kind
    # names and concepts first: most comparisons are theirs
    if kind is Kind.ENTITY:
        return MATCH if seed.kind is Kind.ENTITY and compare_entities(claim, seed, knowledge) else None
    if kind is Kind.TERM:  # a term's value is the tuple of concepts its words can mean
        if seed.kind is Kind.TERM:
            opposites = knowledge.opposites  # "lowered" against "raised"; "voted for" against "voted against",
            # though both say "vote": the opposite of what the claim says wins over a meaning they share
            if any(o in seed.value and c not in seed.value for c in claim.value for o in opposites.get(c, ())):
                return CONFLICT
            return MATCH if not set(claim.value).isdisjoint(seed.value) else None
        if seed.kind is Kind.IDENTIFIER:  # "the resolution" is stated by "résolution 2397"
            return MATCH if seed.value[0] in claim.value else None
        if seed.kind is Kind.ENTITY and not knowledge.office_concepts.isdisjoint(claim.value):
            # "the two leaders" is stated by "Kim Jong-un et Vladimir Poutine": people known by an office
            return MATCH if any(getattr(knowledge.entities.get(e), "office", False) for e in seed.value) else None
        return None
    if {kind, seed.kind} == {Kind.DURATION, Kind.ORDINAL}:
        return same_minute(claim, seed)
    if kind is Kind.NUMBER and seed.kind is Kind.DURATION:
        return bare_count(claim, seed, settings)
    if kind in (Kind.NUMBER, Kind.PERCENT, Kind.DURATION):
        return compare_amounts(claim, seed, settings) if seed.kind is kind else None
    if kind is Kind.MONEY:
        if seed.kind is not Kind.MONEY:
            return None
        (_, (c_family, c_country)), (_, (s_family, s_country)) = claim.value, seed.value
        if c_family != s_family or (c_country and s_country and c_country != s_country):
            return CONFLICT
        return compare_amounts(claim, seed, settings)
    if kind in (Kind.ORDINAL, Kind.WEEKDAY):
        if seed.kind is not kind:
            return None
        return MATCH if claim.value == seed.value else CONFLICT
    if kind is Kind.DATE:
        return compare_dates(claim.value, seed.value) if seed.kind is Kind.DATE else None
    if kind is Kind.IDENTIFIER:
        if seed.kind is not Kind.IDENTIFIER or not same_namespace(claim.value[0], seed.value[0]):
            return None
        said, stated = claim.value[1], seed.value[1]
        if claim.value[0].startswith("#time") and "approx" in (claim.qualifier, seed.qualifier):
            return about_the_same_time(said, stated)
        if claim.value[0] == "#score" and "(" not in said:
            stated = stated.partition("(")[0]  # "7-6" is stated by "7-6 (5)"; "7-6(7)" is not
        return MATCH if said == stated else CONFLICT
    return None


def about_the_same_time(said: str, stated: str) -> str:
    """ "Around 3 pm" is 2:30 to 3:30, "vers 3 h 40" a quarter of an hour either side: what a round time said
    approximately allows."""
    (h1, m1), (h2, m2) = (map(int, t.split(":")) for t in (said, stated))
    apart = abs((h1 * 60 + m1) - (h2 * 60 + m2))
    apart = min(apart, 1440 - apart)  # "around midnight"
    return MATCH if apart <= (30 if m1 == 0 else 15) else CONFLICT  # as precise as the claim says it


def bare_count(claim: Fact, seed: Fact, settings: Settings) -> str | None:
    """A count the claim gives no unit or noun may be a duration of the seed's, counted in its unit ("retirement
    age from 62 to 64" / "de 62 à 64 ans"). Only a match: another figure may count something else."""
    if claim.head or not seed.extra:
        return None
    count = Fact(Kind.NUMBER, seed.extra[0], seed.start, seed.end, seed.text, seed.qualifier)
    return MATCH if compare_amounts(claim, count, settings) == MATCH else None


def same_minute(a: Fact, b: Fact) -> str | None:
    """ "Put Rennes ahead on 34 minutes" is "à la 34e minute": a duration in minutes and the ordinal of a minute
    name one moment of a match. Only a match: another minute is another moment, no conflict."""
    duration, ordinal = (a, b) if a.kind is Kind.DURATION else (b, a)
    if duration.value[1] != "minute" or "minute" not in ordinal.head or not duration.extra:
        return None
    return MATCH if duration.extra[0] == ordinal.value else None


def same_namespace(claim: str, seed: str) -> bool:
    """Whether two identifiers can name the same thing: the same namespace, a bare code against any, or a time
    without a zone against a time in any zone ("at 20:02" / "20 h 02 UTC"; "UTC" and "heure locale" never meet)."""
    if claim == seed:
        return True
    if "code" in (claim, seed):  # a bare code ("Q3", "MH17") may be any identifier but a score or a time
        return "#" not in claim + seed
    family, _, zone = claim.partition(":")
    seed_family, _, seed_zone = seed.partition(":")
    return family == seed_family == "#time" and not (zone and seed_zone)


# The kinds of seed fact compare() can answer a claim fact of each kind with.
COMPARABLE: dict[Kind, frozenset[Kind]] = {
    **{kind: frozenset({kind}) for kind in Kind},
    Kind.TERM: frozenset({Kind.TERM, Kind.IDENTIFIER, Kind.ENTITY}),
    Kind.DURATION: frozenset({Kind.DURATION, Kind.ORDINAL}),  # same_minute
    Kind.NUMBER: frozenset({Kind.NUMBER, Kind.DURATION}),  # bare_count
    Kind.ORDINAL: frozenset({Kind.ORDINAL, Kind.DURATION}),
}


# ---------------------------------------------------------------------------------------------------------------
# Sentences: which seed words answer a claim fact.


@dataclass(frozen=True)
class SentenceFacts:
    """One analysed seed sentence, with the lookups the matcher needs."""

    index: int  # 1-based
    facts: tuple[Fact, ...]
    words: tuple[Token, ...]  # its word tokens, for names, quotes and unknown words
    lang: str = "fr"
    text: str = ""  # the sentence as written, and where it starts in the seed
    start: int = 0

    @functools.cached_property
    def concepts(self) -> frozenset[str]:
        """Concepts and kinds of fact present: what can imply an unstated verb (a dated resolution was adopted)."""
        found = {c for f in self.facts if f.kind is Kind.TERM for c in f.value}
        found |= {f.kind.value for f in self.facts}
        found |= {f.value[0] for f in self.facts if f.kind is Kind.IDENTIFIER}
        return frozenset(found)

    def packed(self) -> tuple:
        """This analysis as tuples of plain values, the way a seed's cache entry holds it: unpickling plain values
        is several times faster than unpickling objects, and a sentence no claim reads is never unpacked."""
        words = tuple(zip(*map(_token_fields, self.words), strict=True))  # one tuple per field: fewer objects
        return self.index, tuple(map(_fact_fields, self.facts)), words, self.lang, self.text, self.start

    @classmethod
    def unpacked(cls, packed: tuple) -> SentenceFacts:
        index, facts, words, lang, text, start = packed
        sentence = cls(index, tuple(Fact(*f) for f in facts), (), lang, text, start)
        if words:  # its tokens are made when first read (__getattr__): most sentences a claim reads need none
            del sentence.__dict__["words"]
            sentence.__dict__["packed_words"] = words
        return sentence

    def __getattr__(self, name: str) -> tuple[Token, ...]:
        packed = self.__dict__.get("packed_words") if name == "words" else None
        if packed is None:
            raise AttributeError(name)
        words = tuple(map(new_token, *packed))
        object.__setattr__(self, "words", words)
        del self.__dict__["packed_words"]
        return words


_fact_fields = operator.attrgetter(*(f.name for f in fields(Fact)))
_token_fields = operator.attrgetter(*(f.name for f in fields(Token)))


@dataclass(frozen=True)
class FactStatus:
    fact: Fact  # the claim fact
    status: str  # match | conflict | missing
    where: str = ""  # sentence | near | document | implied
    seed_fact: Fact | None = None
    sentence: int | None = None
    span: tuple[int, int] | None = None  # seed offsets of the answering words
    seed_text: str = ""


def _run(words: tuple[Token, ...], wanted: list[str]) -> tuple[int, int] | None:
    """Token positions of `wanted` (folded words) as a contiguous run of `words`."""
    n = len(wanted)
    for i in range(len(words) - n + 1):
        if all(words[i + k].norm == wanted[k] for k in range(n)):
            return i, i + n
    return None


def _titled(words: tuple[Token, ...], wanted: list[str], lang: str) -> tuple[int, int] | None:
    """A claim name opening on common words is those words set before the rest of the name: "First Minister
    Morgan" is "First Minister Rhian Morgan", "Green Ashdown" "the Green Tom Ashdown". The words must stand just
    before the name, with only the name's own capitalised words between."""
    for p in range(1, len(wanted)):
        title, rest = wanted[:p], wanted[p:]
        if not all(vocabulary.senses(t, "en") or vocabulary.senses(t, "fr") for t in title):
            return None  # a first name ("Martine Delorme" is not "Claire Delorme")
        run = _run(words, rest)
        if run is None:
            continue
        i, j = run
        k = i - 1
        while k >= 0 and words[k].text[:1].isupper() and i - k <= 3 + len(title):
            k -= 1  # the capitalised stretch before the name
        first = max(0, k + 1 - len(title))  # a title may be written in lower case: "le colonel Xavier Poulain"
        stretch = [t.norm for t in words[first:i]]
        if _in_order(title, stretch):
            return first + stretch.index(title[0]), j
    return None


def name_meanings(text: str) -> list[tuple[str, frozenset[str]]]:
    """Each word of a claim name with its senses, where every word has some (a name made of common words);
    else empty: a word of no vocabulary makes it a proper name ("Banque Delorme", "Kim Jong Un")."""
    out = []
    for t in tokenize(text, "en"):
        if t.is_word:
            senses = vocabulary.senses(t.text.lower(), "en")
            if not senses:
                return []
            out.append((t.norm, senses))
    return out


def _described_name(words: tuple[Token, ...], text: str, lang: str) -> tuple[int, int] | None:
    """A name made of common words says what it names, and another language says it with its own words:
    "Interior Ministry" is "le ministère de l'Intérieur", "Coast Guard" "les garde-côtes". Every word must meet
    a word of the seed, all of them within a short stretch."""
    meanings = name_meanings(text)
    if not meanings or lang not in vocabulary.LANGS:
        return None
    width = 2 * len(meanings) + 1  # room for "de l'", "des"
    for i in range(len(words)):
        found = []
        for norm, senses in meanings:
            k = next((k for k in range(i, min(len(words), i + width))
                      if words[k].norm == norm or not senses.isdisjoint(vocabulary.senses(words[k].text, lang))), None)
            if k is None:
                break
            found.append(k)
        if len(found) == len(meanings) and min(found) == i:
            return i, max(found) + 1
    return None


def _in_order(title: list[str], stretch: list[str]) -> bool:
    at = 0
    for t in title:
        if t not in stretch[at:]:
            return False
        at = stretch.index(t, at) + 1
    return True


def _answer(
    claim: Fact, status: str, sentence: SentenceFacts, start: int, end: int, seed: Fact | None = None, text: str = ""
) -> FactStatus:
    return FactStatus(
        claim, status, "sentence", seed, sentence.index, (start, end), text or (seed.text if seed else "")
    )


def find_in_sentence(
    claim: Fact, sentence: SentenceFacts, knowledge: Knowledge, settings: Settings
) -> FactStatus | None:
    """The best answer of one sentence to one claim fact: a match, else a conflict, else None."""
    if claim.kind is Kind.NAME:
        words = sentence.words
        wanted = claim.value.split()
        run = _run(words, wanted)
        if run is None and len(wanted) > 1 and wanted[0] in NAME_ARTICLES:
            # "Le Havre" is "au Havre", "du Havre"; "Le Mans" "au Mans": French folds the article in
            run = _run(words, wanted[1:])
            if run is not None and (run[0] == 0 or words[run[0] - 1].norm not in FOLDED_ARTICLES):
                run = None
        if run is None and len(wanted) > 1:
            run = _titled(words, wanted, sentence.lang) or _described_name(words, claim.text, sentence.lang)
        if run:
            i, j = run
            lo, hi = words[i].start, words[j - 1].end
            # the seed's name there, with its slot ("from Calgary to Winnipeg"): the rules read its role
            named = next((f for f in sentence.facts if f.kind in (Kind.NAME, Kind.ENTITY) and f.start <= lo
                          and hi <= f.end), None)
            return _answer(claim, MATCH, sentence, lo, hi, named, text=_join(words[i:j]))
        for f in sentence.facts:  # a spelling variant: Kim Il-sung / Kim Il Sung
            if f.kind in (Kind.NAME, Kind.ENTITY) and fuzz.ratio(claim.value, _plain(f.text)) >= 88:
                return _answer(claim, MATCH, sentence, f.start, f.end, f)
        if demonyms.bases(claim.value):  # "Rennes" is named by "le Stade rennais", "Lens" by "les Lensois"
            for tok in words:
                if demonyms.derived_from(tok.norm, claim.value):
                    return _answer(claim, MATCH, sentence, tok.start, tok.end, text=tok.text)
        return _phrasal(claim, sentence)  # "Liftoff at ..." opening a claim
    if claim.kind is Kind.WORD:
        if is_negation(claim):
            return next((_answer(claim, MATCH, sentence, t.start, t.end, text=t.text) for t in sentence.words
                         if t.key == claim.value), None)  # the same word; else the seed's negation (polarity)
        for tok in sentence.words:
            if words_meet(claim.value, tok.key, settings) or claim.value in part_keys(tok.norm, sentence.lang):
                # a claim's first word the seed writes inside a name ("Lens beat ..." / "le RC Lens") is that name
                named = _name_holding(sentence, tok) if claim.extra and claim.extra[1] else None
                return _answer(claim, MATCH, sentence, tok.start, tok.end, named, tok.text)
        return _phrasal(claim, sentence) or _by_name_or_sense(claim, sentence)
    if claim.kind is Kind.QUOTE:
        return _find_quote(claim, sentence, settings)
    conflict = None
    comparable = COMPARABLE.get(claim.kind, ())
    facts = [f for f in sentence.facts if f.kind in comparable]  # compare() answers None for any other kind
    if claim.kind is Kind.IDENTIFIER and claim.value[0].startswith("#time:") and any(
        f.kind is Kind.IDENTIFIER and f.value[0] == claim.value[0] for f in facts
    ):
        # the sentence gives the time in the claim's zone: its other times are other zones' ("03:14 GMT (04:14 in
        # the Netherlands)"), not a time without one
        facts = [f for f in facts if not (f.kind is Kind.IDENTIFIER and f.value[0] == "#time")]
    if claim.kind is Kind.ENTITY:  # the same name before a capital standing for its state
        same = next((f for f in facts if not set(claim.value).isdisjoint(f.value)), None)
        if same is not None:  # compare_entities: MATCH
            return _answer(claim, MATCH, sentence, same.start, same.end, same)
    for f in facts:
        answer = compare(claim, f, knowledge, settings)
        inside = claim.role == "loc" and f.kind is Kind.ENTITY and f.role == "loc"
        if answer is None and inside and any(knowledge.within(b, a) for a in claim.value for b in f.value):
            answer = MATCH  # "held in Russia" is stated by "à Vladivostok"
        if answer == MATCH and counts_same_thing(claim, f):
            return _answer(claim, MATCH, sentence, f.start, f.end, f)
        if answer == CONFLICT and conflict is None and counts_same_thing(claim, f) and not _unheaded(claim, f):
            conflict = _answer(claim, CONFLICT, sentence, f.start, f.end, f)
    if conflict is None and claim.kind is Kind.ENTITY and claim.role != "loc" and demonyms.bases(claim.text):
        for tok in sentence.words:  # "Toulouse beat Nantes" against "le club toulousain"
            if demonyms.derived_from(tok.norm, claim.text):
                return _answer(claim, MATCH, sentence, tok.start, tok.end, text=tok.text)
    if claim.kind is Kind.TERM and conflict is None and claim.extra:
        # the name it may be, else a seed word with the claim word's own vocabulary sense, which its concept may
        # lack ("closed" / "fermé", the lexicon reading "close" as nearness); the claim carries only the word's
        # own keys, not its WordNet synonyms' (analyse.phrases._own_senses): "beat" meets no "round"
        found = _by_name_or_sense(claim, sentence)
        if found is not None:
            return found
    if claim.kind is Kind.TERM and conflict is None:
        found = _phrasal(claim, sentence)  # "walkout" / "walked out"
        if found is not None:
            return found
    if claim.kind is Kind.TERM and any(
        knowledge.implied_by.get(c, frozenset()) & sentence.concepts for c in claim.value
    ):
        return FactStatus(claim, MATCH, "implied", None, sentence.index)
    return conflict


def _phrasal(claim: Fact, sentence: SentenceFacts) -> FactStatus | None:
    """A claim's English noun closed from a phrasal verb, met by that verb and its particle: "Touchdown at 20:14
    GMT" against "touched down ... (2014 GMT)", "walkout" against "walked out"."""
    phrasal = phrasal_parts(claim.text) if sentence.lang == "en" else None
    if phrasal is None:
        return None
    words = sentence.words
    for tok, after in pairwise(words):
        if tok.key == phrasal[0] and after.norm == phrasal[1]:
            return _answer(claim, MATCH, sentence, tok.start, after.end, text=f"{tok.text} {after.text}")
    return None


NAME_ARTICLES = frozenset({"le", "les"})
FOLDED_ARTICLES = frozenset({"au", "aux", "du", "des"})


def _name_holding(sentence: SentenceFacts, tok: Token) -> Fact | None:
    return next((f for f in sentence.facts if f.kind is Kind.NAME and f.start <= tok.start < f.end), None)


def _by_name_or_sense(claim: Fact, sentence: SentenceFacts) -> FactStatus | None:
    """A claim word's other readings (its fact's extra: its senses, and the name it may be): a name the seed
    writes ("Vessel has led ..." against "Anton Vessel"), else a seed word sharing a sense of the open
    vocabulary ("turnout" / "participation")."""
    meanings, name = claim.extra
    if name:
        named = next((f for f in sentence.facts if f.kind is Kind.NAME and name in f.value.split()), None)
        if named is not None:
            return _answer(claim, MATCH, sentence, named.start, named.end, named)
    if meanings:
        wanted = frozenset(meanings)
        for tok in sentence.words:
            if tok.is_word and not wanted.isdisjoint(word_senses(tok.text, sentence.lang)):
                return _answer(claim, MATCH, sentence, tok.start, tok.end, text=tok.text)
    return None


def word_senses(word: str, lang: str) -> frozenset[str]:
    """A seed word's senses in the open vocabulary (none for a language it lacks)."""
    return vocabulary.senses(word, lang) if lang in vocabulary.LANGS else frozenset()


def counts_same_thing(claim: Fact, seed: Fact) -> bool:
    """A number or ordinal answers only one that counts the same thing: "19 banks" is not stated by "19
    companies", "20,000 workers" not contradicted by "deux dirigeants". Where either side does not say what it
    counts, assume it may."""
    if claim.kind not in (Kind.NUMBER, Kind.ORDINAL, Kind.PERCENT):
        return True
    return not claim.head or not seed.head or bool(set(claim.head) & set(seed.head))


def _unheaded(claim: Fact, seed: Fact) -> bool:
    """A claim figure that says what it counts against a seed figure that says nothing of it: it may count the
    same thing (a match stands), but it does not state another value of it ("Winner, 23" is not contradicted by
    a rating of 2,731)."""
    return claim.kind in (Kind.NUMBER, Kind.PERCENT) and bool(claim.head) and not seed.head


def _plain(text: str) -> str:
    return " ".join(quotes.normalise(text).split())


def _join(tokens: tuple[Token, ...]) -> str:
    return " ".join(t.text for t in tokens)


def _quoted_tokens(sentence: SentenceFacts) -> tuple[Token, ...]:
    """A sentence's words and figures, which a quotation is compared with (quotations are rare: made anew)."""
    return tuple(t for t in tokenize(sentence.text, sentence.lang, sentence.start) if t.is_word or t.text[:1].isdigit())


def _find_quote(claim: Fact, sentence: SentenceFacts, settings: Settings) -> FactStatus | None:
    """Quoted words must be the seed's words; a near miss of about the same length is a misquote."""
    # the quotation's words and its figures: "we saw in 2012" is not "we saw in 2020"
    wanted = [t.norm for t in tokenize(claim.text, sentence.lang) if t.is_word or t.text[:1].isdigit()]
    words = _quoted_tokens(sentence)
    if not wanted:
        return None
    run = _run(words, wanted)
    if run:
        i, j = run
        return _answer(claim, MATCH, sentence, words[i].start, words[j - 1].end, text=_join(words[i:j]))
    n = len(wanted)
    target = " ".join(wanted)
    best, best_score = None, 0.0
    for size in sorted({max(1, n - 1), n, n + 1}):
        for i in range(len(words) - size + 1):
            score = fuzz.ratio(target, " ".join(t.norm for t in words[i : i + size]))
            if score > best_score:
                best, best_score = (i, i + size), score
    for f in sentence.facts:  # the same length of words in a seed quotation, sharing some: altered words
        if f.kind is Kind.QUOTE:
            quoted = [t for t in words if f.start <= t.start and t.end <= f.end]
            if abs(len(quoted) - n) <= 1 and {t.norm for t in quoted} & set(wanted) and quoted:
                return _answer(claim, CONFLICT, sentence, quoted[0].start, quoted[-1].end, text=_join(tuple(quoted)))
    if best and best_score >= settings.misquote_ratio:
        i, j = best
        shared = {t.norm for t in words[i:j]} & set(wanted)
        if len(shared) < max(1, (n + 1) // 2):
            return None  # alike in letters only: not the same quotation
        return _answer(claim, CONFLICT, sentence, words[i].start, words[j - 1].end, text=_join(words[i:j]))
    return None
