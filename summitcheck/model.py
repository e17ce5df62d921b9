"""The values that flow through the pipeline: load -> analyse -> match -> judge -> report.

Every type here is a frozen dataclass, so a result can be shared, cached and compared without copying.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any


def pickled_as_call(cls: type) -> type:
    """Pickle a frozen slots dataclass as a call of the class with its fields. dataclasses' own
    __getstate__/__setstate__ look the fields up again for every object: pickling and unpickling seed analyses
    (millions of tokens and facts) takes half the time this way."""
    values = operator.attrgetter(*(f.name for f in fields(cls)))

    def __reduce__(self: object) -> tuple:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    return cls


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file, 1-based like every linter (yamllint, ruff)."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path


@dataclass(frozen=True)
class Claim:
    id: str
    text: str
    location: Location
    seed: str | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None


@pickled_as_call
@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A calendar date known to a precision: a year, a month of a year, or a day."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def __str__(self) -> str:
        parts = [f"{self.year:04d}" if self.year is not None else "????"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True)
class Sentence:
    index: int  # 1-based, in reading order
    start: int  # character offsets into Seed.text
    end: int
    text: str


@dataclass(frozen=True)
class Seed:
    id: str
    path: str
    text: str  # the whole decoded file; offsets everywhere refer to it
    language: str
    date: PartialDate | None
    sentences: tuple[Sentence, ...]


class Kind(str, Enum):
    """What a fact is about; a claim fact is only ever compared with seed facts of a compatible kind."""

    NUMBER = "number"
    MONEY = "money"
    PERCENT = "percent"
    ORDINAL = "ordinal"
    DATE = "date"
    WEEKDAY = "weekday"
    DURATION = "duration"
    IDENTIFIER = "identifier"
    ENTITY = "entity"
    NAME = "name"
    QUOTE = "quote"
    TERM = "term"
    WORD = "word"


WHEN_KINDS = frozenset({Kind.DATE, Kind.WEEKDAY})  # values saying when: a word after one qualifies it

# Kinds whose value must be stated in the evidence sentence itself; the rest (names, concepts) may come from
# the sentence before or after, where a pronoun or "le pays" stands for them.
VALUE_KINDS = frozenset(
    {
        Kind.NUMBER,
        Kind.MONEY,
        Kind.PERCENT,
        Kind.ORDINAL,
        Kind.DATE,
        Kind.WEEKDAY,
        Kind.DURATION,
        Kind.IDENTIFIER,
        Kind.QUOTE,
    }
)


# The role of a claim's words before its colon ("Finance ministry: ..."): whose the rest is (store.claim_facts)
SUBJECT_ROLE = "subject"
# The role of a figure set against another, after "from", "vs", "contre", "against" ("up from 38.6%")
COMPARED_ROLE = "compared"
MODIFIER_ROLE = "mod"  # a claim name set before the noun it modifies ("in Calder Resources copper mine")
COMPARED_WORDS = frozenset("from vs versus against contre compared compare rapport".split())
COMPARED_LINKS = frozenset("with to à au aux".split())  # between a comparing word and its figure: "compared with"
COMPARED_PHRASES = (("au", "lieu", "de"), ("au", "lieu", "d'"), ("instead", "of"))  # "15 € au lieu de 20 €"


def compared_after(words: list[str]) -> bool:
    """Whether folded words ending right before a figure set it against another ("from", "compared with", "au
    lieu de")."""
    if any(tuple(words[-len(p):]) == p for p in COMPARED_PHRASES):
        return True
    if words and words[-1] in COMPARED_LINKS and len(words) > 1:
        words = words[:-1]
    return bool(words) and words[-1] in COMPARED_WORDS


@pickled_as_call
@dataclass(frozen=True, slots=True)  # slots: a long seed holds millions of facts
class Fact:
    """One checkable piece of a text, with its normalised, language-independent value.

    `start`/`end` are offsets in the analysed text. `head` holds the concepts, entities or word keys that a
    number or ordinal belongs to ("10,000 workers" -> worker). `role` marks the slot a name fills, from the
    preposition before it: loc (in/at/à/en), with, from, to, agent (by/par).
    `qualifier` says how a number is stated: exact, approx, min (more than), max (up to).
    """

    kind: Kind
    value: Any
    start: int
    end: int
    text: str
    qualifier: str = "exact"
    head: tuple[str, ...] = ()
    role: str | None = None
    extra: tuple[Any, ...] = ()

    def shown(self) -> str:
        """The normalised value as a person reads it."""
        return show_value(self)


# The lexicon's concepts of a change and their direction: a claim's "up" / "down" that the seed may say with two
# figures it sets against each other (binding.implied_change)
CHANGE_CONCEPTS = {"increase": 1, "decrease": -1}

# A claim's words of negation: what only a negation of the seed answers (relations.polarity), never a word the
# vocabulary links ("nobody" is no "uninhabited")
CLAIM_NEGATIONS = frozenset(
    "not never no n't pas jamais aucun aucune ni nullement nobody none nothing neither nor".split()
)


def is_negation(fact: Fact) -> bool:
    """A claim's word of negation ("no", "nobody", "pas")."""
    return fact.kind is Kind.WORD and fact.text.lower() in CLAIM_NEGATIONS


def answered_by_rule(fact: Fact) -> str | None:
    """What may answer a claim fact where no seed word of its own does: "negation" (the seed's negation,
    relations.polarity), "change" (two figures the seed sets against each other, binding.implied_change)."""
    if is_negation(fact):
        return "negation"
    if fact.kind is Kind.TERM and not CHANGE_CONCEPTS.keys().isdisjoint(fact.value):
        return "change"
    return None


def show_value(fact: Fact) -> str:
    v = fact.value
    if fact.kind in (Kind.NUMBER, Kind.PERCENT):
        s = f"{v:,.10g}"
        s = f"{s}%" if fact.kind is Kind.PERCENT else s
        return {"approx": "≈", "min": ">", "max": "≤"}.get(fact.qualifier, "") + s
    if fact.kind is Kind.MONEY:
        amount, currency = v
        return {"approx": "≈", "min": ">", "max": "≤"}.get(fact.qualifier, "") + f"{amount:,.10g} {currency}"
    if fact.kind is Kind.DURATION:  # the value is in days, to compare any units; show it in the text's unit
        days, unit = v
        count = fact.extra[0] if fact.extra else days
        shown = f"{count:g} {unit}{'s' if count != 1 else ''}"
        seconds = round(days * 86400)
        if unit in ("second", "minute", "hour"):  # a clock's reading, not a fraction of a day
            h, m, sec = seconds // 3600, seconds // 60 % 60, seconds % 60
            return f"{shown} ({h}:{m:02d}:{sec:02d})" if seconds >= 60 and unit != "hour" else shown
        return f"{shown} ({days:g} days)"
    if fact.kind is Kind.WEEKDAY:
        return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[v]
    if fact.kind is Kind.ORDINAL:
        return f"#{v}"
    if fact.kind is Kind.IDENTIFIER:
        return f"{v[0]} {v[1]}"
    if fact.kind in (Kind.ENTITY, Kind.TERM):
        return "/".join(v)
    return str(v)


class Verdict(str, Enum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True)
class Evidence:
    """A span of a seed that matched or conflicted with a claim fact."""

    seed: str
    sentence: int
    start: int
    end: int
    text: str  # the seed words at start:end
    claim_text: str  # the claim words they answer
    kind: str
    status: str  # "match" | "conflict"


@dataclass(frozen=True)
class Result:
    claim: Claim
    verdict: Verdict
    reason: str
    seed: str | None
    sentence: Sentence | None = None
    evidence: tuple[Evidence, ...] = ()
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Report:
    results: tuple[Result, ...]
    seeds: tuple[Seed, ...] = field(default=())

    def count(self, verdict: Verdict) -> int:
        return sum(1 for r in self.results if r.verdict is verdict)

    @property
    def all_supported(self) -> bool:
        return all(r.verdict is Verdict.SUPPORTED for r in self.results)
