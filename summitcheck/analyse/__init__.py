"""Analyse: turn a text (a claim, or a seed sentence) into typed facts with spans and normalised values.

Claims and seeds go through the same extractors, so matching compares language-independent values.
Order matters: quotes, then dates (which take their years), then numbers and what they count, then phrases
(entities and concepts), then the names and words left over.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from ..model import Fact, Kind, PartialDate
from . import dates, periods, phrases, quantities, quotes, vocabulary
from .knowledge import Knowledge
from .phrases import names_of
from .scan import Scan
from .tokens import Token, fold, key, tokenize
from .units import ORDINAL_WORDS as ORDINAL_NAMES

__all__ = ["Analysis", "analyse", "claim_language", "names_of", "quote_language"]

KIND_VALUE = {kind: kind.value for kind in Kind}  # an enum's .value is a property, slow in a sort key
NAMING = frozenset({Kind.TERM, Kind.ENTITY, Kind.WORD, Kind.NAME})  # what a count's head can be
IDS = frozenset({Kind.ENTITY, Kind.TERM})  # kinds whose value is a tuple of ids


@dataclass(frozen=True)
class Analysis:
    lang: str
    tokens: tuple[Token, ...]
    facts: tuple[Fact, ...]

    def of(self, *kinds: Kind) -> list[Fact]:
        return [f for f in self.facts if f.kind in kinds]


def analyse(
    text: str,
    lang: str,
    knowledge: Knowledge,
    ref_date: PartialDate | None = None,
    base: int = 0,
    verbatim_lang: str | None = None,
    names: frozenset[str] = frozenset(),
) -> Analysis:
    """Facts of `text` (offsets shifted by `base`).

    With `verbatim_lang` (claims), a quotation written in that language is a verbatim quote to be found in the
    seed; a quotation in another language is a paraphrase and is analysed like the rest of the claim. `names`
    (phrases.names_of) are the words a seed writes as names elsewhere: at the start of a sentence too they are
    names ("Halse, 22, seeded ninth").
    """
    scan = Scan(text, base, lang, tokenize(text, lang, base), knowledge, ref_date, is_claim=verbatim_lang is not None,
                names=names)
    for start, end, inner in quotes.find(text):
        inside = [k for k, t in enumerate(scan.tokens) if start + base <= t.start and t.end <= end + base]
        if not inside:
            continue
        verbatim = verbatim_lang is None or quote_language(inner) == verbatim_lang
        if verbatim:
            fact = Fact(Kind.QUOTE, quotes.normalise(inner), start + base, end + base, text[start:end])
            scan.facts.append(fact)
            if verbatim_lang is not None:
                for k in inside:
                    scan.taken[k] = True
    dates.extract(scan)
    periods.extract(scan)  # "Q3", "troisième trimestre": before the codes and ordinals take their words
    quantities.extract(scan)
    phrases.extract(scan)
    facts = _resolve_heads(scan)
    if scan.is_claim:  # "six votes to four" is one tally; its counts are no claims of their own
        tallies = [f for f in facts if f.kind is Kind.IDENTIFIER and f.value[0] == "#score"]
        facts = [f for f in facts if f.kind is not Kind.NUMBER or not any(
            t.start <= f.start and f.end <= t.end for t in tallies)]
    facts.sort(key=lambda f: (f.start, f.end, KIND_VALUE[f.kind]))
    return Analysis(lang, tuple(scan.tokens), tuple(facts))


def _resolve_heads(scan: Scan) -> list[Fact]:
    """Replace the head tokens of numbers and ordinals with the concepts, entities or word keys found there."""
    if not any(fact.extra[:1] == ("head-tokens",) for fact in scan.facts):
        return list(scan.facts)  # most sentences
    ids_at: dict[int, list[str]] = {}
    for fact in scan.facts:
        if fact.kind in NAMING:
            values = list(fact.value) if fact.kind in IDS else [str(fact.value)]
            if fact.kind is Kind.WORD and scan.lang in vocabulary.LANGS:
                # a plain word counts the same thing as its translation: "62,000 visitors" / "62 000 visiteurs"
                values += sorted(vocabulary.senses(fact.text, scan.lang))
            ids_at.setdefault(fact.start, []).extend(values)
    out: list[Fact] = []
    for fact in scan.facts:
        if fact.extra[:1] == ("head-tokens",) and fact.kind in (Kind.NUMBER, Kind.ORDINAL):
            if fact.kind is Kind.NUMBER:
                fact = _elliptic_head(scan, fact, out)
                if fact.kind is not Kind.NUMBER:  # an amount of the currency or percent beside it
                    out.append(fact)
                    continue
            _, j = fact.extra
            head: list[str] = list(fact.head)
            around = scan.content_after(j)
            if fact.kind is Kind.ORDINAL:
                around = around or scan.content_after(_coordinated_ordinal(scan, j))  # "le 2e et le 6e arrondissement"
                if not around and scan.is_claim:
                    # "came second", "the Hanoi meeting was their second": a claim is short, and what its
                    # ordinal ranks is among its own words; a seed's ordinal ranks only the noun after it
                    around = [k for k, t in enumerate(scan.tokens) if t.is_word and not scan.is_stop(k)]
            for k in around:
                if scan.tokens[k].norm in TIME_WORDS or any(t.norm in BENEFICIARY for t in scan.tokens[j:k]):
                    break  # "48,000 readers last year", "41 pour Solheim": what it counts ends there
                head += ids_at.get(scan.tokens[k].start, [scan.tokens[k].key])
            if around and scan.tokens[around[0]].norm in GENERIC_COUNTS:
                head += _done_to_them(scan, _token_at(scan, fact.start), around[0], ids_at)
            if around and fact.kind is Kind.NUMBER:
                head += _event_ids(scan, _token_at(scan, fact.start), around[0], ids_at)
            fact = dataclasses.replace(fact, head=tuple(dict.fromkeys(head)), extra=())
        out.append(fact)
    return out


TIME_WORDS = frozenset("last next year years month months week weeks day days today yesterday tomorrow ago "
                       "an ans annee annees mois semaine semaines jour jours hier demain dernier derniere prochain "
                       "prochaine".split())
BENEFICIARY = frozenset("pour for".split())  # "41 pour Solheim": whose the count is, not what it counts
BEFORE_WORDS = frozenset("auparavant precedemment avant before earlier previously".split())  # "contre 50 auparavant"
# Nouns that count people without saying which: what the clause's verb does to them says it ("killed four
# people" counts the dead, "23 personnes ont été blessées" the injured)
GENERIC_COUNTS = frozenset("people persons personnes gens individus individuals".split())
PASSIVE_AUX = frozenset("ont été sont a is are was were have has had been be".split())


def _done_to_them(scan: Scan, at: int, noun: int, ids_at: dict[int, list[str]]) -> list[str]:
    """The meaning of the verb next to a generic count: the content word just before the number, or just after
    its noun past auxiliaries, when it can be a verb."""
    near = [] if _after_conjunction(scan, at) else scan.content_before(at, count=1, window=2)
    after = noun + 1
    while after < len(scan.tokens) and scan.tokens[after].norm in PASSIVE_AUX:
        after += 1
    if after < len(scan.tokens) and scan.tokens[after].is_word:
        near.append(after)
    ids: list[str] = []
    for k in near:
        tok = scan.tokens[k]
        if tok.start in ids_at and vocabulary.may_be_verb(tok.text):
            ids += ids_at[tok.start]
    return ids


EVENT = "event:"  # a head key for what happened to what a number counts, not what it counts
PARTICIPLE_ENDS = ("ed", "é", "és", "ée", "ées")


def _event_ids(scan: Scan, at: int, noun: int, ids_at: dict[int, list[str]]) -> list[str]:
    """What happened to what a count counts, as head keys of their own: the count's word itself when it is a
    participle ("~1,400 evacuated", "23 blessés"), else the concept just before the number ("the evacuation of
    about 1,400 residents") or the verb after its noun ("1,400 residents were evacuated"). A claim that counts
    an event meets a seed count of that event whatever noun the seed counts; a claim that names its noun ("1,400
    homes evacuated") still needs the seed's noun, which plain head keys hold."""
    first = scan.tokens[noun]
    if first.text.lower().endswith(PARTICIPLE_ENDS) and vocabulary.may_be_verb(first.text) and first.start in ids_at:
        return [EVENT + i for i in ids_at[first.start]]
    # after "from" / "contre" the word before is the change, not what happened ("up from 12,400")
    near = [] if (at and scan.tokens[at - 1].norm in SHARING) or _after_conjunction(scan, at) else (
        scan.content_before(at, count=1, window=3))
    after = noun + 1
    while after < len(scan.tokens) and scan.tokens[after].norm in PASSIVE_AUX:
        after += 1
    ids: list[str] = []
    for k in near:
        if scan.tokens[k].start in ids_at and scan.tokens[k].norm not in SHARING:  # "contre 12 400": no event
            ids += [EVENT + i for i in ids_at[scan.tokens[k].start] if not i.startswith(vocabulary.PREFIX)]
    if after > noun + 1 and after < len(scan.tokens) and scan.tokens[after].start in ids_at and (
        vocabulary.may_be_verb(scan.tokens[after].text)
    ):
        ids += [EVENT + i for i in ids_at[scan.tokens[after].start]]
    return ids


def _after_conjunction(scan: Scan, at: int) -> bool:
    """Whether the number opens a conjunct: the verb before "et"/"and" is another count's ("Deux randonneurs ont
    été tués et trois autres personnes blessées": the three were hurt, not killed)."""
    return at > 0 and scan.tokens[at - 1].norm in CONJUNCTIONS


CONJUNCTIONS = frozenset("et and ou or mais but puis".split())
SHARING = frozenset("contre against versus vs compared from".split())  # "87 sièges, contre 64": 64 seats
PART_OF = frozenset("des of sur".split())  # "87 des 150 sièges": 87 seats


def _elliptic_head(scan: Scan, fact: Fact, earlier: list[Fact]) -> Fact:
    """A number that names no noun of its own counts what a number beside it counts."""
    _, j = fact.extra
    at = _token_at(scan, fact.start)
    tokens = scan.tokens
    if at >= 1 and tokens[at - 1].norm in SHARING:  # it counts what the number it is set against counts
        nearest = earlier[-1] if earlier else None
        after = scan.content_after(j)
        # "60 euros, contre 50 (auparavant)", "41.2%, up from 38.6": the same currency or percent
        if nearest is not None and nearest.kind in (Kind.MONEY, Kind.PERCENT) and not (
            after and tokens[after[0]].norm not in TIME_WORDS | BEFORE_WORDS
        ):
            value = (fact.value, nearest.value[1]) if nearest.kind is Kind.MONEY else fact.value
            return dataclasses.replace(fact, kind=nearest.kind, value=value, extra=())
        previous = next((f for f in reversed(earlier) if f.kind is Kind.NUMBER and f.head), None)
        if previous is not None:
            return dataclasses.replace(fact, head=previous.head, extra=("head-tokens", j))
    if (
        not scan.content_after(j)
        and j + 1 < len(tokens)
        and tokens[j].norm in PART_OF
        and tokens[j + 1].text[:1].isdigit()
    ):
        return dataclasses.replace(fact, extra=("head-tokens", j + 2))
    return fact


def _coordinated_ordinal(scan: Scan, j: int) -> int:
    """Where the noun of "le 2e et le 6e arrondissement" stands for its first ordinal: after the second one."""
    k = j
    if scan.norm(k) not in ("et", "and", "ou", "or"):
        return j
    k += 1
    while scan.norm(k) in ("le", "la", "les", "l'", "the"):
        k += 1
    tokens = scan.tokens
    if k < len(tokens) and tokens[k].text[:1].isdigit():
        k += 1
        if k < len(tokens) and tokens[k].start == tokens[k - 1].end:
            k += 1  # the suffix of "6e"
        return k
    return k + 1 if k < len(tokens) and tokens[k].norm in ORDINAL_NAMES else j


def _token_at(scan: Scan, start: int) -> int:
    return next(k for k, t in enumerate(scan.tokens) if t.start == start)


def claim_language(text: str, knowledge: Knowledge) -> str:
    """English or French, by which language's function words the claim (outside quotations) uses more."""
    bare = quotes.QUOTED.sub(" ", text)
    # lowercase words only (and the first word): "Kim Il Sung" says nothing of French, nor "UN" of the article "un"
    found = re.findall(r"[^\W\d_]+'?", bare)
    words = [fold(w) for k, w in enumerate(found) if w.islower() or (k == 0 and not w.isupper())]
    # A function word of one language that the lexicon knows as a word of meaning ("met": French "puts", English
    # "meet") says nothing of the language: counting it made "Kim met Putin" French, and dropped its verb.
    meaningful = {
        w
        for w in words
        for lang in ("en", "fr")
        if any(e.kind == "term" and len(e.keys) == 1 for e in knowledge.index.by_first.get(key(w, lang), ()))
    }
    fr = sum(w in knowledge.stopwords.get("fr", ()) and w not in meaningful for w in words)
    en = sum(w in knowledge.stopwords.get("en", ()) and w not in meaningful for w in words)
    return "fr" if fr > en else "en"


@functools.lru_cache(maxsize=1024)
def quote_language(text: str) -> str:
    from .language import detect_language

    return detect_language(text)
