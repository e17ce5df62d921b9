"""Binding: the rules that read the clauses of the evidence sentence (read/clauses.py) to tell who did what to
whom: which values belong to which names, who does the act and to whom, which clause a claim word is said in,
and which names a reference stands for. Each turns a match into a relation miss or a conflict (never a miss
into a match, but for the converse verb of swapped roles, which the judge's ceiling allows for).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from .analyse import vocabulary
from .analyse.knowledge import FUNCTION_WORDS
from .analyse.tokens import Token, fold
from .match import CONFLICT, MATCH, FactStatus, Settings, compare, compare_entities, counts_same_thing
from .model import (
    CHANGE_CONCEPTS,
    COMPARED_LINKS,
    COMPARED_ROLE,
    COMPARED_WORDS,
    MODIFIER_ROLE,
    SUBJECT_ROLE,
    VALUE_KINDS,
    Fact,
    Kind,
    answered_by_rule,
    compared_after,
)
from .read import clauses as reader
from .window import (
    APPOSITION_OPENERS,
    MISSING,
    PARTICIPLE_ENDINGS,
    Window,
    main_verb,
    name_like,
    named,
    participle,
    relation_miss,
)


def reference(s: FactStatus, w: Window) -> FactStatus:
    """A name from the sentence before stands for the reference that opens a clause here only if that reference
    resolves to it: "Elle" to the sentence before's subject, "Cette dernière" / "the latter" to its last name,
    "the 24-year-old" to the one of that age. "Fontaine wins the final" is not stated by "Léa Fontaine a affronté
    Jade Morel en finale. Cette dernière l'a emporté"."""
    if s.where != "near" or s.status != MATCH or s.span is None or w.before is None:
        return s
    if s.sentence != w.before.index:
        return s
    before = reader.read(w.before.text, w.before.start, w.before.words, w.before.facts)
    for clause in w.reading.clauses:
        meant = reader.antecedent(clause, w.sentence.words, w.sentence.facts, before, w.before.facts)
        same = meant is not None and (
            meant.start <= s.span[0] < meant.end
            or (meant.kind is s.fact.kind is Kind.ENTITY and compare_entities(s.fact, meant, w.knowledge))
        )  # "Moscou ... la Russie. Cette dernière": the capital stands for its state
        if meant is not None and not same:
            return relation_miss(s, f"is not whom the seed's {_opening(w, clause)!r} stands for: {meant.text!r} is")
    return s


def verb_reference(w: Window) -> dict[int, FactStatus]:
    """The claim's verb from the sentence before or after is not the claim's where the clause saying it there has
    a doer of its own: "Scotland led at half-time" is not stated by "Ireland led 17-10 at half-time. ... Scotland
    tries ...", nor "Fontaine wins the final" by "Léa Fontaine a affronté Jade Morel en finale. Cette dernière l'a
    emporté" (the sentence after opens on a reference to another of this sentence's names)."""
    verb = main_verb(w.statuses)
    if verb is None or verb.where != "near" or verb.span is None:
        return {}
    other = next((o for o in (w.before, w.after) if o is not None and verb.sentence == o.index), None)
    subject = next((s for s in sorted(w.statuses, key=lambda s: s.fact.start)
                    if named(s, w) and s.fact.role is None and s.where == "sentence" and s.span), None)
    if other is None or subject is None or subject.span is None:
        return {}
    where = "next" if other is w.after else "previous"
    if other is w.before and not participle(verb.fact.text):
        return {}  # the sentence before may give a topic noun the claim reads as its verb ("17 seats")
    clause = reader.read(other.text, other.start, other.words, other.facts).clause_at(verb.span[0])
    if clause is None:
        return {}
    # (a reference opening the sentence after stands for one of this sentence's names)
    meant = reader.antecedent(clause, other.words, other.facts, w.reading, w.sentence.facts) if other is w.after \
        else None
    if meant is None:
        # no reference: a name of its own before the verb is who does it there ("Police named the cyclist as
        # Owen Price. Dunleavy was charged"), unless it is the claim's subject named again
        # (or the name a relative clause hangs on: "Kelmi, 23, who was seeded fourth, won")
        own = [f for f in clause.actors if f.end <= verb.span[0]]
        said = [f for f in own if _plain_name(f.text) in _plain_name(subject.seed_text or subject.fact.text)
                or _plain_name(subject.fact.text) in _plain_name(f.text)]
        if own and not said:
            return {id(verb): relation_miss(verb, f"is said in the {where} sentence of {own[0].text!r}")}
        return {}
    if meant.start <= subject.span[0] < meant.end:
        return {}
    return {id(verb): relation_miss(verb, f"is said in the {where} sentence of {meant.text!r}")}


def _plain_name(text: str) -> str:
    return " ".join(text.lower().split())


def _opening(w: Window, clause: reader.Clause) -> str:
    return " ".join(t.text for t in w.sentence.words if clause.holds(t.start))[:24]


def binding(w: Window) -> dict[int, FactStatus]:
    """A value belongs to the actors and places of its clause: "Greece sent 120 rescuers" is not stated by
    "Azerbaijan sent 120 rescuers, Greece a team of 45 firefighters", nor "Durand got 38.9%" by "Durand devance la
    liste de Marchetti, qui obtient 38,9 %". Where the claim's name holds a value of the same kind in its own
    clause, the claim is contradicted ("Labour wins 14 seats" against "The Greens won 14 seats and Labour 9");
    where the value's clause names no one, it says nothing against the claim's."""
    names = [s for s in w.statuses if named(s, w) and s.status == MATCH and s.span]
    all_spans = [s.span for s in names if s.where == "sentence" and s.span]
    if not names:
        return {}
    out: dict[int, FactStatus] = {}
    # a conflicting value is bound the same way as a matching one: 38,9 % in Marchetti's clause says nothing
    # against "EELV won with 47.3%"
    stated = [s for s in w.statuses if s.where == "sentence" and s.span and s.status in (MATCH, CONFLICT)]
    for s in stated:
        if s.fact.kind not in VALUE_KINDS or s.fact.kind is Kind.QUOTE or s.span is None:
            continue
        owner = _claim_owner(s, names, w.statuses)
        at = s.span[0]
        clause = w.reading.clause_at(at)
        if owner is not None and owner.span and w.reading.is_place(owner.span[0]) and clause is not None:
            # a place is whose the value is only where no other name of the claim's stands in its clause ("Bordeaux
            # : 19 fautes directes pour Kovacs" against "33 fautes, contre 19 pour Kovacs, à Bordeaux")
            owner = next((n for n in names if n.span and n.where == "sentence" and clause.holds(n.span[0])), owner)
        spans = [owner.span] if owner is not None and owner.where == "sentence" and owner.span else all_spans
        owners: tuple[Fact, ...] = w.reading.paired(at)  # "respectivement": the one name it is paired with
        # the claim gives the age to a name written beside it ("Calloway, 41"; not "Man, 67, killed in Swansea")
        # (a place the seed names as where the person is from is no name of theirs: "a 67-year-old Oshawa man")
        named_owner = owner is not None and owner.fact.kind in reader.NAME_KINDS and (
            0 <= s.fact.start - owner.fact.end <= 2 or 0 <= owner.fact.start - s.fact.end <= 1) and not (
            owner.span is not None and owner.where == "sentence" and w.reading.is_place(owner.span[0]))
        if not owners and s.status == MATCH and named_owner and _unnamed_age(w, s):
            out[id(s)] = relation_miss(s, "is the age of someone the seed describes, not names")
            continue
        if not owners and clause is not None and clause.kind == "coordinate" and clause.inherits and (
                owner is not None and owner.span and w.reading.subject_of(owner.span[0]) == w.reading.subject_of(at)):
            continue  # the clause takes the owner as its subject: "..., to beat Aas and claim his first victory"
        if not owners and clause is not None and not any(clause.holds(lo) for lo, _ in spans):
            # a rival of the owner's kind of name: another doer for a doer, another place for a place (as the
            # seed uses the name the claim's matched)
            whose = [owner] if owner is not None and owner.span else [n for n in names if n.span]
            places = any(n.fact.role == "loc" or w.reading.is_place(n.span[0]) for n in whose if n.span)
            doers = any(n.fact.role != "loc" and not w.reading.is_place(n.span[0]) for n in whose if n.span)
            owners = (clause.places if places else ()) + (clause.actors if doers else ())
        if owners and any(lo <= o.start < hi or o.start <= lo < o.end for o in owners for lo, hi in spans):
            owners = ()
        if owners and any(_surname_of(o, n) for o in owners for n in names):
            owners = ()  # "the Green Tom Ashdown finished fifth ...; Ashdown ... lost his deposit": the same man
        if not owners and clause is not None and not _same_place(w, clause, names):
            owners = clause.places  # "cut Orly flights by 25%" against "40 % à Orly et de 25 % à Marseille"
        # "Port authority: closure will cost 900 jobs": the claim binds the value to the words before its colon,
        # which the seed says in another clause ("the union warned it would cost 900 jobs; the port authority
        # puts it at 250"), though the value's own clause names no one
        apart = (owner is not None and owner.fact.role == SUBJECT_ROLE and owner.where == "sentence"
                 and clause is not None and not any(clause.holds(lo) for lo, _ in spans))
        if not owners and not apart:
            continue
        rival = _own_value(w, s, spans)
        holder = repr(owners[0].text) if owners else "another clause"
        out[id(s)] = w.conflict(s, rival) if rival else relation_miss(s, f"belongs to {holder} in the seed")
    return out


SUBJECT_KINDS = frozenset({Kind.TERM, Kind.WORD, Kind.NAME, Kind.ENTITY})


def subject_clause(w: Window) -> dict[int, FactStatus]:
    """A value belongs to the subject of its clause, whatever the words that name it: "Core inflation eased to
    3.8%" is not stated by "Core inflation ... eased to 2.9%, while services inflation dropped to 3.8%", nor
    "Eastbound lanes reopened at 2 am" by "... while the westbound lanes reopened at 2 am". Where the clauses that
    hold all of the claim's subject (its words before its first value) have another subject than the value's,
    the value is not bound to it; a value of the kind in the subject's own clauses contradicts the claim.
    Clauses that take their subject from the one before (relatives, participles, "and reopened") count as that
    one."""
    values = [s for s in w.statuses if s.fact.kind in reader.VALUE_FACT_KINDS]
    if not values:
        return {}
    # the claim's words before its first value, its predicate among them where it has one before: the words
    # main_verb guesses at say less ("Levy on bicycles of 12%", "Tarif plein à 1,80 euro")
    opens = min(s.fact.start for s in values)
    subject = [s for s in w.statuses if s.fact.start < opens and s.fact.kind in SUBJECT_KINDS
               and s.fact.role not in ("loc", "from", "to", COMPARED_ROLE)]
    # "Brenmouth Water: business charges +5%": the words before the colon say whose the claim is, those after
    # it whose value this is
    subject = [s for s in subject if s.fact.role != SUBJECT_ROLE] or subject
    here = [s for s in subject if s.status == MATCH and s.where == "sentence" and s.span]
    verb = main_verb(w.statuses)
    nouns = [s for s in subject if s is not verb]
    if nouns and all(s.status == MATCH and s.where != "sentence" and not named(s, w) for s in nouns):
        return _subject_elsewhere(w, nouns, values)
    if not here or (len(here) < len(subject) and any(s.status == MATCH and s.where != "sentence" for s in subject)):
        return {}  # a subject the sentence only partly names: the clause rules on names decide
    if any(_speaker(w, s.span[0]) for s in here if s.span):
        return {}  # who says it: the whole quotation or report is theirs, whatever its clauses
    # where the sentence names the subject again in another clause ("Tom Ashdown finished fifth ...; Ashdown and
    # the three others lost their deposits"), that clause is the subject's too; a clause is the subject's where
    # all its words are ("Core inflation ..., while services inflation dropped": "inflation" alone is not)
    homes = set.intersection(*({w.reading.subject_of(at) for at in _written_at(w, s)} for s in here))
    words = sorted((s for s in w.statuses if s.fact.kind in (Kind.TERM, Kind.WORD) and s.fact.start >= opens),
                   key=lambda s: s.fact.start)
    first = min(values, key=lambda s: s.fact.start)
    out: dict[int, FactStatus] = {}
    for s in values:
        if s.where != "sentence" or s.span is None or s.status not in (MATCH, CONFLICT):
            continue
        home = w.reading.subject_of(s.span[0])
        if home is None or home in homes or _opens_clause(w, s.span[0]):
            continue
        # past the claim's first value, the words right around a value say a second predicate of the claim's,
        # which binds the value where the seed says them ("Runway reopened at 8:45 pm, capped at eight movements
        # an hour" against "..., though operations were limited to eight movements an hour"; "... lost his £500
        # deposit with 1,480 votes")
        before = [x for x in words if first.fact.end <= x.fact.start and x.fact.end <= s.fact.start][-1:]
        after = [x for x in words if x.fact.start >= s.fact.end][:1]
        if s is not first and any(x.status == MATCH and x.span and x.where == "sentence"
                                  and w.reading.subject_of(x.span[0]) == home for x in before + after):
            continue
        # the rival value: in the subject's clauses, or where the subject spreads over several, its first word's
        owner = homes or ({w.reading.subject_of(here[0].span[0])} if here[0].span else set())
        rival = next((f for f in w.sentence.facts if f.kind is s.fact.kind and f is not s.seed_fact
                      and w.reading.subject_of(f.start) in owner and _counts_as(w, s.fact, f)
                      and compare(s.fact, f, w.knowledge, Settings()) == CONFLICT), None)
        out[id(s)] = w.conflict(s, rival) if rival else relation_miss(s, "is said of another subject in the seed")
    return out


def _subject_elsewhere(w: Window, subject: list[FactStatus], values: list[FactStatus]) -> dict[int, FactStatus]:
    """The claim's subject met only in another sentence, while the clause of its verb and values here names a
    subject of its own: "Unions counted 16,000 marchers in Marseille" is not stated by "À Marseille, la
    préfecture a compté 16 000 manifestants", the unions being named a sentence later."""
    verb = main_verb(w.statuses)
    if verb is None or verb not in w.here() or verb.span is None:
        return {}
    clause = w.reading.clause_at(verb.span[0])
    if clause is None:
        return {}
    before = [t for t in w.sentence.words if clause.start <= t.start < verb.span[0]]
    while before and before[-1].norm in reader.FINITE:
        before.pop()  # "la préfecture a compté": the auxiliary
    own = before[-1] if before else None
    gap = w.sentence_text_between(own.end, verb.span[0]).split() if own is not None else []
    if any(fold(g) not in reader.FINITE for g in gap):
        own = None  # something stands between them ("Norland will pay €38.50 a share"): not subject and verb
    if own is None or not own.is_word or own.is_capitalised or w.claimed(own.start) or (
        w.knowledge.is_stopword(own, w.sentence.lang) or "n" not in vocabulary.part_of_speech(own.text, w.sentence.lang)
        or participle(own.text)
    ):
        own = None  # the verb's subject here is no plain noun of its own (a name may be the claim's, described)
    if own is None:
        return {}
    home = w.reading.subject_of(verb.span[0])
    return {id(s): relation_miss(s, f"is said of {own.text!r} in the seed, not of {subject[0].fact.text!r}")
            for s in values if s in w.here() and s.span and w.reading.subject_of(s.span[0]) == home}


def neither_here(w: Window) -> dict[int, FactStatus]:
    """A sentence that says neither the claim's subject nor its predicate, both taken from around it, nor any of
    its figures, does not state the claim, whatever else of it it holds: "Painting sold below its estimate"
    against "... a bronze by Otto Freiberg, which fetched $32.6 million, below its low estimate", "painting" and
    "sale" from elsewhere."""
    verb = main_verb(w.statuses)
    if verb is None or verb.status != MATCH or verb.where == "sentence":
        return {}
    subject = [s for s in w.statuses if s.fact.start < verb.fact.start and s.fact.kind in SUBJECT_KINDS]
    if not subject or any(s.where == "sentence" or s.status != MATCH for s in subject):
        return {}
    if any(s.fact.kind in VALUE_KINDS and s.where == "sentence" for s in w.statuses):
        return {}  # the claim's figures or dates are this sentence's: it is the claim's sentence
    return {id(verb): relation_miss(verb, "is from another sentence, as the claim's subject is")}


def _counts_as(w: Window, claim: Fact, f: Fact) -> bool:
    """Whether a seed value counts what the claim's does: the same noun, or the figure of a gapped clause, which
    counts what its verb counted before ("Greece a team of 45", "et la préfecture 65")."""
    clause = w.reading.clause_at(f.start)
    return counts_same_thing(claim, f) or (clause is not None and clause.kind == "gapped")


def _opens_clause(w: Window, offset: int) -> bool:
    """Whether the value at `offset` is the first thing its clause says, after its conjunctions: then it is the
    clause's subject itself ("..., où 45 000 personnes ont été déplacées"), not a value of another's."""
    clause = w.reading.clause_at(offset)
    if clause is None:
        return False
    before = [t for t in w.sentence.words if clause.start <= t.start < offset]
    return all(t.norm in reader.OPENERS or t.norm in FUNCTION_WORDS for t in before)


QUOTE_CLOSERS = ("»", "”", '"')


def _speaker(w: Window, offset: int) -> bool:
    """Whether the name at `offset` is who says the sentence: right after a closing quotation mark ("», a justifié
    M. Mercadier") or next to a verb of saying ("the mine's owner, Calder Resources, said")."""
    before = w.sentence_text_between(max(w.sentence.start, offset - 30), offset)
    if any(q in before for q in QUOTE_CLOSERS) and not any(o in before for o in ("«", "“")):
        return True
    return any(f.kind is Kind.TERM and "say" in f.value and -30 <= f.start - offset <= 40 for f in w.sentence.facts)


def _written_at(w: Window, s: FactStatus) -> list[int]:
    """Where the sentence writes what a matched claim fact met: its span, and the other facts of the sentence
    that name the same (the surname of the name, the same concept)."""
    at = [s.span[0]] if s.span else []
    seed = s.seed_fact
    if s.span and (s.fact.kind is Kind.WORD or s.seed_fact is None or s.seed_fact.kind is Kind.WORD):
        # a word (or what met one): the same word written again
        met = reader.word_at(w.sentence.words, s.span[0])
        at += [t.start for t in w.sentence.words if met and t.norm == met and t.start != s.span[0]]
    if seed is None:
        return at
    for f in w.sentence.facts:
        if f is seed:
            continue
        if seed.kind in reader.NAME_KINDS and f.kind in reader.NAME_KINDS:
            if set(f.value) & set(seed.value) or _surname_of(f, s):
                at.append(f.start)
        elif seed.kind is Kind.TERM and f.kind is Kind.TERM and f.text.casefold() == seed.text.casefold():
            at.append(f.start)  # the same word: a concept it shares with another ("petrol" / "diesel") is not
    return at


def _surname_of(o: Fact, name: FactStatus) -> bool:
    """Whether a seed name repeats the last words of the name a claim name matched ("Ashdown" after "Tom
    Ashdown")."""
    if o.kind not in reader.NAME_KINDS or not name.seed_text or name.fact.kind not in reader.NAME_KINDS:
        return False
    short, full = o.text.casefold().split(), name.seed_text.casefold().split()
    return len(short) < len(full) and full[-len(short):] == short


INDEFINITE = frozenset("a an un une".split())


def _unnamed_age(w: Window, s: FactStatus) -> bool:
    """An age the seed gives to someone it describes rather than names: "the suspect, a 41-year-old man, was
    arrested" says nothing of the age of the detective named before ("Calloway, 41"). An age after an
    indefinite article ("a 41-year-old", "un homme de 41 ans") describes that noun, unless a name stands right
    before it as the noun it is apposed to ("Ruth Calloway, a 41-year-old detective")."""
    seed = s.seed_fact
    if seed is None or "age" not in seed.head or "age" not in s.fact.head:
        return False
    before = [t for t in w.sentence.words if t.end <= seed.start][-3:]
    norms = [t.norm for t in before]
    if norms[-1:] and norms[-1] in INDEFINITE:  # "a 41-year-old"
        article = before[-1]
    elif len(norms) >= 3 and norms[-1] == "de" and norms[-3] in INDEFINITE:  # "un homme de 41 ans"
        article = before[-3]
    else:
        return False
    gap = w.sentence_text_between(
        max((t.end for t in w.sentence.words if t.end <= article.start), default=article.start), article.start)
    named_before = "," in gap and any(f.kind in reader.NAME_KINDS and 0 <= article.start - f.end <= 3
                                       for f in w.sentence.facts)
    return not named_before


def answered(statuses: list[FactStatus], w: Window) -> list[FactStatus]:
    """One seed value answers one claim value. A claim value in conflict with a seed value that another of the
    claim's values matches ("from 62 to 64" against "de 62 à 64 ans": 64 against the 62 that the claim's 62 is)
    conflicts instead with a free value of the sentence, else is not answered."""
    used = {s.span for s in statuses if s.status == MATCH and s.where == "sentence" and s.span}
    out = []
    for s in statuses:
        if s.status == CONFLICT and s.where == "sentence" and s.span in used and s.fact.kind in VALUE_KINDS:
            rival = next((f for f in w.sentence.facts if (f.start, f.end) not in used and f is not s.seed_fact
                          and compare(s.fact, f, w.knowledge, Settings()) == CONFLICT
                          and counts_same_thing(s.fact, f)), None)
            other = next(o for o in statuses if o.status == MATCH and o.span == s.span)
            s = w.conflict(s, rival) if rival else relation_miss(
                s, f"meets only {s.seed_text!r}, which is the seed's {other.fact.text!r}")
        out.append(s)
    return out


def relative_home(w: Window) -> dict[int, FactStatus]:
    """A value in a relative clause belongs to what the clause hangs on: "Les urgences comptent 48 lits" is not
    stated by "Parti des urgences, le mouvement s'est étendu à la réanimation et à la gériatrie, qui comptent
    respectivement 48 et 260 lits". Where a claim that names no one has its first word in the clause before,
    ahead of that clause's verb (its subject's side, not the noun the relative hangs on), its value there is
    not the claim's."""
    if any(named(s, w) for s in w.statuses):
        return {}  # the names' rules read whose a value is
    words = [s for s in sorted(w.statuses, key=lambda s: s.fact.start) if s.fact.kind in (Kind.TERM, Kind.WORD)]
    first = words[0] if words else None
    if first is None or first.status != MATCH or first.where != "sentence" or first.span is None:
        return {}
    out: dict[int, FactStatus] = {}
    for v in w.here():
        if v.fact.kind not in reader.AMOUNT_KINDS or v.span is None:
            continue
        clause = w.reading.clause_at(v.span[0])
        if clause is None or clause.kind != "relative" or reader.word_at(w.sentence.words, clause.start) in (
            reader.NOT_SUBJECT_RELATIVES
        ):
            continue
        before = next((c for c in reversed(w.reading.clauses) if c.end <= clause.start), None)
        if before is None or not before.holds(first.span[0]):
            continue
        if any(t.norm in STAND_INS for t in w.sentence.words if before.holds(t.start) and t.start > first.span[1]):
            continue  # "par rapport à celui de 2026, qui s'élevait à ...": the budget again
        verb = next((t.start for t in w.sentence.words if before.holds(t.start) and t.start > first.span[1]
                     and t.norm in reader.FINITE), None)
        if verb is not None:
            out[id(v)] = relation_miss(v, f"belongs to what the seed's relative clause hangs on, not to "
                                          f"{first.seed_text or first.fact.text!r}")
    return out


STAND_INS = frozenset("celui celle ceux celles that those".split())  # a noun named before, taken up again


def titles(w: Window) -> dict[int, FactStatus]:
    """Words a claim writes right before a name are its title ("Line operator Kestin Signals"): where the seed says
    them in the apposition of another name ("Ferrow Rail, the line's operator, blamed Kestin Signals"), they
    describe that other one."""
    names = [s for s in w.statuses if s.fact.kind in reader.NAME_KINDS and s.status == MATCH
             and s.where == "sentence" and s.span]
    out: dict[int, FactStatus] = {}
    for name in names:
        assert name.span is not None
        title: list[FactStatus] = []
        start = name.fact.start
        for s in sorted(w.statuses, key=lambda s: -s.fact.start):
            if s.fact.kind in (Kind.TERM, Kind.WORD) and 0 <= start - s.fact.end <= 1:
                if " " in s.fact.text or vocabulary.may_be_verb(s.fact.text):
                    break  # "The summit cost Singapore ...": a verb and its object, no title
                title.append(s)
                start = s.fact.start
        for t in title:
            if t.status != MATCH or t.where != "sentence" or t.span is None:
                continue
            other = _apposed_to(w, t.span[0])
            if other is not None and not other.start <= name.span[0] < other.end:
                out[id(t)] = relation_miss(t, f"describes {other.text!r} in the seed")
    return out


def _apposed_to(w: Window, offset: int) -> Fact | None:
    """The name whose apposition, set off by commas right after it, holds the seed word at `offset`."""
    words = w.sentence.words
    names = [f for f in w.sentence.facts if f.kind in reader.NAME_KINDS]
    for f in names:
        if f.end > offset or w.reading.is_place(f.start):
            continue
        after = [t for t in words if t.start >= f.end][:8]
        opened = bool(after) and "," in w.sentence_text_between(f.end, after[0].start)
        if not opened or after[0].norm not in APPOSITION_OPENERS:
            continue  # "Ferrow Rail, the line's operator,"; not "the Lunar Office, whose director, Eke"
        end = next((t.end for t, nxt in pairwise(after) if "," in w.sentence_text_between(t.end, nxt.start)), None)
        if end is None or not after[0].start <= offset < end:
            continue
        if any(after[0].start <= g.start < end for g in names):
            continue  # "..., le maire sortant Aubanel,": the title of the name inside it
        return f
    return None


def compared(w: Window) -> dict[int, FactStatus]:
    """A seed figure after "from", "contre", "against", "vs" is the one the seed compares with: "carried 7.4
    million passengers last year, down from 8.1 million in 2024" does not state "carried 8.1m passengers last
    year", nor "Halse earns 2.4 million euros, against 1.2 million for the runner-up" that Halse earns €1.2m.
    Unless the claim compares too ("Turnout 41.2%, up from 38.6%")."""
    out: dict[int, FactStatus] = {}
    names = [n for n in w.statuses if named(n, w)]
    for s in w.here():
        seed = s.seed_fact
        if seed is None or s.fact.kind not in reader.AMOUNT_KINDS or s.fact.role == COMPARED_ROLE:
            continue
        if any(0 <= s.fact.start - n.fact.end <= 2 and n.fact.role != SUBJECT_ROLE for n in names):
            continue  # "14 shots to Lens' nine": whose the compared figure is, binding reads (not "Museum: 1.2m")
        words = [t for t in w.sentence.words if t.end <= seed.start]
        marker = words[-1].norm if words else ""
        if marker in COMPARED_LINKS and len(words) > 1 and words[-2].norm in COMPARED_WORDS:
            marker = words[-2].norm  # "compared with 2.9%", "par rapport à 2025"
        if marker == "from" and not (len(words) > 1 and words[-2].norm in CHANGED):
            continue  # "delegates from 198 countries": where from, not compared with
        if compared_after([t.norm for t in words[-3:]]) and not _given_to_claim_name(w, seed, names):
            out[id(s)] = relation_miss(s, "is the figure the seed compares with, not the one it gives")
    return out


def _given_to_claim_name(w: Window, seed: Fact, names: list[FactStatus]) -> bool:
    """Whether the seed gives the compared figure to a name the claim matched, in the clause the comparison opens:
    "33 fautes directes, contre 19 pour Kovacs" states Kovacs' 19, "7,4 % à Lille, contre 6,1 % à Rennes" the
    rate of Rennes."""
    clause = w.reading.clause_at(seed.start)
    return clause is not None and clause.kind == "gapped" and any(
        n.span is not None and n.where == "sentence" and clause.holds(n.span[0]) for n in names)


def implied_change(w: Window) -> dict[int, FactStatus]:
    """The claim's "up" / "down" that the seed says with a figure and the one it compares it with: "Runners up
    from 12,400 a year ago" against "14 820 coureurs ont pris le départ, contre 12 400 l'an dernier" (14,820 is
    more), contradicted where the figure is smaller. The claim must meet one of the two figures; the words of the
    change are then the figures' ("14 820 ... contre 12 400")."""
    changes = [s for s in w.statuses if s.status == MISSING and answered_by_rule(s.fact) == "change"]
    if not changes:
        return {}
    pair = _compared_pair(w, {s.span for s in w.here() if s.fact.kind in reader.AMOUNT_KINDS})
    if pair is None:
        return {}
    given, against = pair
    grew = (given.value > against.value) - (given.value < against.value)
    out: dict[int, FactStatus] = {}
    for s in changes:
        signs = {CHANGE_CONCEPTS[c] for c in s.fact.value if c in CHANGE_CONCEPTS}
        if grew and len(signs) == 1:
            out[id(s)] = FactStatus(s.fact, MATCH if grew in signs else CONFLICT, "sentence", None,
                                    w.sentence.index, (given.start, against.end),
                                    w.sentence_text_between(given.start, against.end))
    return out


def _compared_pair(w: Window, matched: set[tuple[int, int] | None]) -> tuple[Fact, Fact] | None:
    """A number of the sentence and the one it is set against right after ("14 820 ..., contre 12 400"), of
    which the claim met one."""
    numbers = [f for f in w.sentence.facts if f.kind is Kind.NUMBER]
    for given, against in pairwise(numbers):
        before = [t for t in w.sentence.words if given.end <= t.start and t.end <= against.start]
        if not before or before[-1].norm not in COMPARED_WORDS - {"from"}:
            continue
        met = (given.start, given.end) in matched or (against.start, against.end) in matched
        if met and (counts_same_thing(given, against) or not against.head or against.head == given.head):
            return given, against
    return None


CHANGED = frozenset("up down rose fell risen fallen increased decreased climbed dropped grew slipped".split())


DATED = frozenset({Kind.DATE, Kind.WEEKDAY})


def dated(w: Window) -> dict[int, FactStatus]:
    """Two claim values met in two clauses, where the clause of one holds its own value of the other's kind:
    "Debt to reach €431m at end-2027" is not stated by "la dette, qui s'élevait à 431 millions fin 2025,
    devrait atteindre 455 millions fin 2027" (431 million is the figure of 2025)."""
    values = [s for s in w.here() if s.fact.kind in VALUE_KINDS and s.fact.kind is not Kind.QUOTE and s.span]
    out: dict[int, FactStatus] = {}
    for a in values:
        assert a.span is not None
        home = w.reading.clause_at(a.span[0])
        if home is None:
            continue
        for b in values:
            assert b.span is not None
            if b is a or home.holds(b.span[0]) or (b.fact.kind in DATED) == (a.fact.kind in DATED):
                continue  # a date against a figure: each says when, or how much, the other is
            own = next((f for f in w.sentence.facts if home.holds(f.start) and f is not a.seed_fact
                        and compare(b.fact, f, w.knowledge, Settings()) == CONFLICT), None)
            # unless the claim says that one too ("8,10 € l'an dernier, première baisse depuis 2019")
            if own is not None and not any(c.span and c.where == "sentence" and c.span[0] <= own.start < c.span[1]
                                           for c in w.statuses if c is not a):
                out[id(a)] = relation_miss(a, f"is the seed's figure for {own.text!r}, not {b.fact.text!r}")
    return out


def dated_act(w: Window) -> dict[int, FactStatus]:
    """A date belongs to the act of its clause: "MP Olivier votes against the bill on Tuesday" is not stated by
    "Le député Marc Olivier, qui avait voté contre le texte en première lecture, l'a soutenu mardi", where
    Tuesday is the day he backed it. Where the claim's verb is met in one clause and its date in another that has
    a verb of its own, the date is not the verb's."""
    verb = main_verb(w.statuses)
    if verb is None or verb not in w.here() or verb.span is None:
        return {}
    home = w.reading.clause_at(verb.span[0])
    out: dict[int, FactStatus] = {}
    for s in w.here():
        if s.fact.kind not in DATED or s.span is None or home is None or home.holds(s.span[0]):
            continue
        clause = w.reading.clause_at(s.span[0])
        if clause is not None and _own_verb(w, clause):
            out[id(s)] = relation_miss(s, f"is the date of another act than {verb.fact.text!r} in the seed")
    return out


def dated_event(w: Window) -> dict[int, FactStatus]:
    """A claim date met in another clause than the claim's event, whose own clause dates it otherwise: "Strike
    on Tuesday Dec 1" against "doivent revoir la direction le mardi 1er décembre et appellent à une grève le
    lendemain" (the strike is the 2nd's)."""
    verb = main_verb(w.statuses)
    if verb is None or verb.status != MATCH or verb.where != "sentence" or verb.span is None:
        return {}
    event = w.reading.clause_at(verb.span[0])
    if event is None:
        return {}
    out: dict[int, FactStatus] = {}
    for s in w.here():
        if s.fact.kind not in DATED or s.span is None or event.holds(s.span[0]):
            continue
        home = w.reading.clause_at(s.span[0])
        if home is not None and any(o.span and o is not s and o.fact.kind not in DATED and home.holds(o.span[0])
                                    for o in w.here()):
            continue  # the claim says whose date it is too: "nurses strike Monday, junior doctors Thursday"
        own = next((f for f in w.sentence.facts if f.kind is s.fact.kind and event.holds(f.start)
                    and compare(s.fact, f, w.knowledge, Settings()) == CONFLICT), None)
        if own is not None:
            out[id(s)] = w.conflict(s, own)
    return out


def partners(w: Window) -> dict[int, FactStatus]:
    """Names that "respectivement" pairs: "Rothmann advises Maelkegaard" is not stated by "Norland and
    Maelkegaard are advised by Rothmann & Co and Kessler Partners respectively" (Rothmann advises Norland)."""
    names = [s for s in w.statuses if named(s, w) and s.status == MATCH and s.where == "sentence" and s.span]
    out: dict[int, FactStatus] = {}
    for x in names:
        assert x.span is not None
        mine = w.reading.partner(x.span[0])
        if mine is None:
            continue
        for y in names:
            assert y.span is not None
            theirs = w.reading.partner(y.span[0])
            if y is x or theirs is None or theirs[0] == mine[0] or mine[1].start <= y.span[0] < mine[1].end:
                continue
            out[id(y)] = relation_miss(y, f"is paired with {theirs[1].text!r} in the seed, not with {x.seed_text!r}")
    return out


def _same_place(w: Window, clause: reader.Clause, names: list[FactStatus]) -> bool:
    """Whether the places the claim names, as this sentence uses them, allow the value's clause: it names no place
    of its own, or one of the claim's."""
    placed = [n.span for n in names if n.where == "sentence" and n.span and w.reading.is_place(n.span[0])]
    if not placed or not clause.places:
        return True
    return any(lo <= p.start < hi or p.start <= lo < p.end for p in clause.places for lo, hi in placed)


def roles(w: Window) -> dict[int, FactStatus]:
    """Who did it and to whom. Where the claim's subject stands in the seed on the side of what is done to
    (after the matched verb, in a participle that follows it: "..., beating Dunmore United", before a passive's
    agent), and its object, if it has one, on the side of who does it, the roles are swapped: "Dunmore United
    win the cup" against "Kestrel City won the cup, beating Dunmore United" is contradicted. With the opposite
    verb the swap is the same fact: "Adeyemi beats Halvorsen" is stated by "Halvorsen lost to Adeyemi". Names side
    by side ("X et Y ont entamé leur sommet") bind no roles."""
    verb = main_verb(w.statuses)
    if verb is None or verb.where != "sentence" or verb.span is None or verb.status not in (MATCH, CONFLICT):
        return {}
    names = [s for s in w.statuses if named(s, w) and s.fact.role not in ("loc", "from", "to", MODIFIER_ROLE)]
    agent = [s for s in names if s.fact.role == "agent"]
    before = [s for s in names if s.fact.start < verb.fact.start and s.fact.role is None]
    after = [s for s in names if s.fact.start > verb.fact.start and s.fact.role is None]
    if not after:
        # the opponent is the act's object ("Lens won against Rennes", "a perdu contre"), and so is the converse's
        # oblique ("Halvorsen lost to Adeyemi")
        obliques = ("against", "to") if verb.status == CONFLICT else ("against",)
        after = [s for s in w.statuses if named(s, w) and s.fact.role in obliques and s.fact.start > verb.fact.start]
    subjects, objects = (agent, before) if agent else (before, after)
    if len(subjects) > 1 and not objects and not agent and verb.status == MATCH:
        return _coordinated_done_to(w, verb, subjects)
    if len(subjects) != 1 or len(objects) > 1:
        return {}
    subject, obj = subjects[0], (objects[0] if objects else None)
    if subject.where == "near":  # a name from the sentence before, where this one names its own doer
        doers = _seed_doers(w, verb)
        if verb.status == MATCH and obj is not None and obj.span is not None and obj.where == "sentence":
            # the claim's object is who does it here ("Wierzbicki, 23, who ..., won the play-off"): swapped roles
            swapped = next((f for f in doers if f.start <= obj.span[0] < f.end), None)
            if swapped is not None:
                return {id(subject): w.conflict(subject, swapped)}
        doer = next((f for f in doers if clause_names_own(w, verb, f)), None)
        if doer is not None:
            return {id(subject): relation_miss(subject, f"is not who does it in the seed: {doer.text!r} is")}
        return {}
    side = _side(w, verb, subject)
    if side == "object" and subject.span is not None:
        clause = w.reading.clause_at(subject.span[0])
        doer = _object_of_act(w, clause, subject.span[0]) if clause is not None else None
        if doer is not None and verb.status == MATCH:
            return {id(subject): relation_miss(subject, f"is what {doer.text!r} acts on in the seed, not who does it")}
        return {}
    if obj is None and not agent and _headline_passive(w, verb, subject):
        done_to = _done_to(w, verb, subject) if side == "doer" else None
        if done_to is not None:
            return {id(subject): relation_miss(subject, f"does it in the seed; it is done to {done_to.text!r}")}
        return {}  # done to the subject, as the seed has it, or no one the seed names
    if side is None and verb.status == CONFLICT and obj is not None and _side(w, verb, obj) == "doer" and (
        _after_verb(w, verb, subject)
    ):
        side = "done-to"  # "Lindqvist had lost to Halse": the converse verb's oblique, its doer the claim's object
    if side != "done-to":
        return {}
    rival: Fact | None
    if obj is not None:
        if _side(w, verb, obj) != "doer" or obj.span is None:
            return {}
        rival = obj.seed_fact or Fact(Kind.NAME, obj.seed_text, obj.span[0], obj.span[1], obj.seed_text)
    else:
        rival = next((f for f in _seed_doers(w, verb) if not _same(subject, f)), None)
    if rival is None:
        return {}
    if verb.status == CONFLICT:  # the converse: "B lost to A" states "A beat B"
        if obj is None:
            return {}
        return {id(verb): FactStatus(verb.fact, MATCH, "sentence", verb.seed_fact, verb.sentence, verb.span,
                                     verb.seed_text)}
    return {id(subject): w.conflict(subject, rival)}


def _headline_passive(w: Window, verb: FactStatus, subject: FactStatus) -> bool:
    """ "Helen Ashby jailed for six years", "Oduya dropped for the derby": a claim's name, then right after it a
    participle with no object after it (no name, no word right after it but an article), says the act was done
    to that name."""
    text = verb.fact.text.lower().split()[0]  # "condamné à": the participle opens the phrase
    if not text.endswith(PARTICIPLE_ENDINGS) or not 0 <= verb.fact.start - subject.fact.end <= 1:
        return False
    following = min((s for s in w.statuses if s.fact.start > verb.fact.start), key=lambda s: s.fact.start,
                    default=None)
    if following is None:
        return True
    if following.fact.kind in reader.NAME_KINDS:
        return following.fact.role not in (None, "possessor")  # "installed Kim Jong-un's grandfather": active
    if following.fact.kind in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT):
        return False  # "Aube harvested 8,900 kg/ha", "Vernet sold 540,000 vehicles": what was done, active
    words_between = following.fact.start - verb.fact.end > 4  # "for the derby", not "expected a dialogue"
    return following.fact.kind not in (Kind.TERM, Kind.WORD, Kind.QUOTE) or words_between


def _done_to(w: Window, verb: FactStatus, subject: FactStatus) -> Fact | None:
    """The name the seed's subject acts on in the verb's clause: named after the subject, not after a preposition,
    no place ("Judge Helen Ashby sentenced Daniel Ashby to six years")."""
    if verb.span is None or subject.span is None:
        return None
    clause = w.reading.clause_at(verb.span[0])
    if clause is None:
        return None
    return next((f for f in w.sentence.facts if f.kind in reader.NAME_KINDS and clause.holds(f.start)
                 and f.start >= subject.span[1] and not w.reading.is_place(f.start)
                 and _word_before(w.sentence.words, f.start) not in OBLIQUE
                 and not f.start <= subject.span[0] < f.end), None)


def _same(s: FactStatus, f: Fact) -> bool:
    return s.span is not None and f.start <= s.span[0] < f.end


def _side(w: Window, verb: FactStatus, s: FactStatus) -> str | None:
    """Where the seed puts a claim name matched in the focal sentence, against the matched verb: "doer" (before
    it in its clause, the name a relative or participial clause hangs on, a passive's agent) or "done-to" (right
    after it, after "à"/"to", in a participle that follows), else None."""
    if s.status != MATCH or s.where != "sentence" or s.span is None or verb.span is None:
        return None
    at, end = verb.span
    lo = s.span[0]
    clauses = w.reading.clauses
    home = next((k for k, c in enumerate(clauses) if c.holds(at)), None)
    if home is None:
        return None
    clause = clauses[home]
    words = w.sentence.words
    if w.reading.is_place(lo):
        return None  # "leur sommet ... à Vladivostok": where, not who
    passive_agent = end <= lo <= end + 24 and _word_before(words, lo) in ("by", "par")
    if clause.holds(lo):
        if lo < at:
            if _has_agent(w, clause, end):
                return "done-to"
            return "object" if _object_of_act(w, clause, lo) is not None else "doer"
        if passive_agent:
            return "doer"
        return None if _word_before(words, lo) in OBLIQUE else "done-to"
    if any(f.start <= lo < f.end for f in clause.actors):
        return "doer"  # the name a relative or participial clause hangs on
    for later in clauses[home + 1 :]:
        # "..., beating Dunmore United"; "..., to beat Norway's Sindre Aas" (a clause that takes the subject and
        # says the act again)
        if later.kind != "participial" and not (later.inherits and _says_act(w, later, verb)):
            break
        if later.holds(lo):
            return "done-to"
    return None


def _says_act(w: Window, clause: reader.Clause, verb: FactStatus) -> bool:
    """Whether a clause says the claim verb's act again (a word of its concept)."""
    return verb.fact.kind is Kind.TERM and any(
        f.kind is Kind.TERM and clause.holds(f.start) and set(f.value) & set(verb.fact.value) for f in w.sentence.facts)


def _object_of_act(w: Window, clause: reader.Clause, lo: int) -> Fact | None:
    """The doer of an act with two sides (a verb the lexicon gives an opposite: beat, sell, raise) whose object
    the name at `lo` is, written right after it: "The Bucks beat the Celtics ... to take a 3-2 lead" (the Bucks
    lead, the Celtics are who they beat)."""
    first = min((f for f in clause.actors if clause.holds(f.start) and f.end <= lo), key=lambda f: f.start,
                default=None)
    if first is None or w.reading.is_place(first.start):
        return None
    words = w.sentence.words
    act = next((f for f in w.sentence.facts if f.kind is Kind.TERM and first.end <= f.start and f.end <= lo
                and any(c in w.knowledge.opposites for c in f.value)
                and all(t.norm in OBJECT_OPENERS or t.is_capitalised for t in words if f.end <= t.start < lo)), None)
    return first if act is not None else None


OBJECT_OPENERS = frozenset("the a an le la les l' un une".split())  # "beat the Boston Celtics"


def _coordinated_done_to(w: Window, verb: FactStatus, subjects: list[FactStatus]) -> dict[int, FactStatus]:
    """Several claim subjects ("Croatians Kovač and Perić win the doubles") that the seed puts on the side of
    what is done to, none as its doer, while the verb's clause names a doer of its own ("la paire française ...
    s'est imposée face aux Croates Ivan Kovač et Luka Perić"): the roles are swapped."""
    if participle(verb.fact.text):
        return {}  # "Zable & Partners named administrator" may say it was done to them, as the seed has it
    sides = [_side(w, verb, s) for s in subjects]
    if "done-to" not in sides or "doer" in sides:
        return {}
    doers = [f for f in _seed_doers(w, verb) if not any(_same(s, f) for s in subjects)]
    rival = next((f for f in doers if f.kind is Kind.NAME), doers[0] if doers else None)  # a name over "française"
    if rival is None:
        return {}
    first = subjects[sides.index("done-to")]
    return {id(first): w.conflict(first, rival)}


def _after_verb(w: Window, verb: FactStatus, s: FactStatus) -> bool:
    """Whether a claim name stands after the matched verb in the verb's own clause, behind the preposition of a
    converse verb (a place reading notwithstanding: "lost to Halse" is no trip)."""
    if s.status != MATCH or s.where != "sentence" or s.span is None or verb.span is None:
        return False
    clause = w.reading.clause_at(verb.span[0])
    seed = s.seed_fact
    lo = seed.start if seed is not None and seed.kind is Kind.NAME else s.span[0]  # "to Petra Holm"
    return clause is not None and clause.holds(lo) and verb.span[1] <= lo and (
        _word_before(w.sentence.words, lo) in CONVERSE_MARKERS)


# what sets the other party after a converse verb: "lost to X", "battu par X", "a perdu contre X"
CONVERSE_MARKERS = frozenset("to by against à par contre face".split())


def clause_names_own(w: Window, verb: FactStatus, f: Fact) -> bool:
    """Whether the name f stands itself in the matched verb's clause (not one a relative clause inherits)."""
    clause = w.reading.clause_at(verb.span[0]) if verb.span else None
    return clause is not None and clause.holds(f.start)


def _has_agent(w: Window, clause: reader.Clause, end: int) -> bool:
    """Whether "par"/"by" and a name follow the verb closely: a passive ("were beaten 3-1 by Caldmoor")."""
    return bool(_agents(w, clause, end))


def _agents(w: Window, clause: reader.Clause, end: int) -> list[Fact]:
    """The names after "by"/"par" right after a verb; a capitalised run of words there when the analysis made
    no name of it ("backed by the Social Democratic Party")."""
    found = [
        f for f in w.sentence.facts
        if f.kind in reader.NAME_KINDS and clause.holds(f.start) and end <= f.start <= end + 24
        and _word_before(w.sentence.words, f.start) in ("by", "par")
    ]
    if found:
        return found
    after = [t for t in w.sentence.words if end <= t.start <= end + 24 and clause.holds(t.start)]
    if not after or after[0].norm not in ("by", "par"):
        return []
    run: list[Token] = []
    for t in after[1:]:
        if t.norm in SKIPPED and not run:
            continue
        if not (t.is_word and t.text[:1].isupper()):
            break
        run.append(t)
    if not run:
        return []
    text = w.sentence_text_between(run[0].start, run[-1].end)
    return [Fact(Kind.NAME, text.lower(), run[0].start, run[-1].end, text)]


def _seed_doers(w: Window, verb: FactStatus) -> list[Fact]:
    """The seed's doers of the matched verb: a passive's agent, else its own names before the verb in its clause
    (or the name its clause hangs on)."""
    assert verb.span is not None
    at = verb.span[0]
    clause = w.reading.clause_at(at)
    if clause is None:
        return []
    agents = _agents(w, clause, verb.span[1])
    if agents:
        return agents  # a passive's doer is its agent: "backed by the Social Democratic Party"
    own = [f for f in clause.actors if clause.holds(f.start) and f.end <= at]
    return own or [f for f in clause.actors if not clause.holds(f.start)]


# After these a name is whose or where the act is, not what it is done to ("le vote de l'Assemblée"); "à",
# "au", "to" keep the receiver ("a prêté Berrada au FC Sochaux", "lost to Adeyemi")
OBLIQUE = frozenset("de d' du des of in at for pour with avec sur on by par from depuis chez dans".split())
SKIPPED = frozenset("le la les l' the".split())


def _word_before(words: Sequence[Token], start: int) -> str:
    """The word before the one at `start`, articles skipped ("par la Belge" -> "par")."""
    before = [t.norm for t in words if t.end <= start][-3:]
    while before and before[-1] in SKIPPED:
        before.pop()
    return before[-1] if before else ""


def verb_elsewhere(w: Window) -> dict[int, FactStatus]:
    """The claim's verb from the sentence before or after, and its date or weekday from this one: the date is of
    this sentence's act. "Suspect filmed near the bank on Thursday" is not stated by "Le suspect a été interpellé
    jeudi à Tours. La veille, il avait été filmé près de la banque"."""
    verb = main_verb(w.statuses)
    if verb is None or verb.status != MATCH or verb.where != "near":
        return {}
    if any(s.fact.kind in DATED and s.status == MATCH and s.where == "sentence" for s in w.statuses):
        return {id(verb): relation_miss(verb, "is said in another sentence than the claim's date")}
    # nor a figure that this sentence gives to an act of its own: "Rate cut to 2.5%" is not stated by "The bank
    # cut its rate to 2.25%. ... voting to keep the rate at 2.5%"
    used = {id(s.seed_fact) for s in w.statuses if s.seed_fact is not None}
    for s in w.here():
        if s.span is None or s.fact.kind not in reader.AMOUNT_KINDS:
            continue
        at = s.span[0]
        clause = w.reading.clause_at(at)
        if clause is None:
            continue
        own = next((f for f in w.sentence.facts if f.kind is Kind.TERM and clause.holds(f.start) and f.end <= at
                    and id(f) not in used and vocabulary.may_be_verb(f.text.split()[0])), None)
        if own is not None:
            return {id(verb): relation_miss(verb, f"is said in another sentence; the seed's figure here goes with "
                                                  f"{own.text!r}")}
    return {}


def background_verb(w: Window) -> dict[int, FactStatus]:
    """The claim's verb may not come from elsewhere in the seed: a topic word may ("the final"), but "Ardiles
    beats Kerridge" is not stated by "Ardiles plays Kerridge on Sunday" because the seed says "won" of others."""
    verb = main_verb(w.statuses)
    if verb is None or verb.status != MATCH or verb.where != "document" or not any(
        named(s, w) and s.where == "sentence" for s in w.statuses
    ):
        return {}
    if any(s.fact.kind is Kind.QUOTE and s.status == MATCH for s in w.statuses):
        return {}  # a quotation is what its speaker says; the verb of saying may be any
    return {id(verb): relation_miss(verb, "is said elsewhere in the seed, not of these names")}


# What opens a noun phrase whose figure describes its noun: "the 80 km/h limit", "a €25m fund"
ATTRIBUTIVE_OPENERS = frozenset("the a an its their his her this that le la les un une son sa ses leur".split())


def attributive(w: Window) -> dict[int, FactStatus]:
    """A figure set before a noun describes that noun: "Train was doing 80 km/h" is not stated by "at 64 km/h,
    below the 80 km/h limit", which gives the limit's figure. Where the sentence holds another figure of the
    kind, the claim must name the noun too."""
    out: dict[int, FactStatus] = {}
    words = w.sentence.words
    said = [s.span for s in w.statuses if s.span and s.where == "sentence" and s.status == MATCH]
    used = {id(s.seed_fact) for s in w.statuses if s.seed_fact is not None}
    for s in w.here():
        seed = s.seed_fact
        if seed is None or s.fact.kind not in reader.AMOUNT_KINDS or "age" in seed.head:
            continue  # (an age describes its person: "a 34-year-old electrician", which binding reads)
        before = [t for t in words if t.end <= seed.start]
        noun = next((t for t in words if t.start >= seed.end), None)
        if not before or before[-1].norm not in ATTRIBUTIVE_OPENERS or noun is None or noun.start - seed.end > 1:
            continue
        if not noun.is_word or not vocabulary.senses(noun.text, w.sentence.lang):
            continue  # "the 80 km/h, ...": no noun follows
        phrase = [t for t in words if t.start >= noun.start][:3]  # "the 5.52 million registered voters"
        phrase = phrase[: next((k for k, t in enumerate(phrase) if not t.is_word), len(phrase))]
        if any(lo <= t.start < hi for t in phrase for lo, hi in said):
            continue  # the claim names it: "€25m emergency fund"
        if not any(f.kind is seed.kind and id(f) not in used and compare(s.fact, f, w.knowledge, Settings()) == CONFLICT
                   for f in w.sentence.facts):
            continue  # no figure of the claim's own beside it: the noun is likely what the claim means too
        out[id(s)] = relation_miss(s, f"is the figure of the seed's {noun.text!r}, which the claim does not name")
    return out


def foreign_opposite(w: Window) -> dict[int, FactStatus]:
    """An opposite verb is the claim's contradiction only where it is said of the claim's subject: "Reform won
    Wellingborough North" is not contradicted by "the second [seat] lost by the Conservatives, after
    Wellingborough North", a sentence that does not name Reform (which the seed names elsewhere, or in the
    sentence before while this one's verb has its own agent)."""
    verb = main_verb(w.statuses)
    if verb is None or verb.status != CONFLICT or verb.where != "sentence" or verb.span is None:
        return {}
    subject = next((s for s in sorted(w.statuses, key=lambda s: s.fact.start)
                    if s.fact.start < verb.fact.start and (named(s, w) or name_like(s.fact))
                    and s.fact.role not in ("loc", "from", "to")), None)
    if subject is None or subject.status != MATCH or subject.where not in ("document", "near"):
        return {}  # the subject in this sentence, or nowhere (a word no table links): the conflict holds
    clause = w.reading.clause_at(verb.span[0])
    if subject.where == "near" and not (clause is not None and _has_agent(w, clause, verb.span[1])):
        return {}  # beside it, where this sentence's verb names no doer of its own ("lost by the Conservatives")
    return {id(verb): relation_miss(verb, f"is the opposite said in the seed of others than {subject.fact.text!r}")}


def predicate(w: Window) -> dict[int, FactStatus]:
    """The claim's words must be said of its names and values, in their clause (or the clause a gapped one
    borrows its verb from): "Solva sales fell 12%" is not stated by "Les ventes de Solva ont progressé de 12 %,
    tandis que la marque Vernet a vu ses volumes reculer". A claim word matched in another clause while the
    anchors' clause holds its opposite is contradicted; the claim's main verb matched only elsewhere is a miss."""
    held = [s for s in w.here() if s.span and (s.fact.kind in VALUE_KINDS or named(s, w))]
    if not held:  # no figure, no name: the words that say who, before the verb ("Green councillors voted for")
        first = main_verb(w.statuses)
        held = [s for s in w.here() if first is not None and s is not first and s.span
                and s.fact.start < first.fact.start and s.fact.kind in (Kind.TERM, Kind.WORD)]
    anchors = [s.span[0] for s in held if s.span]
    if not anchors:
        return {}
    # a word the sentence writes twice is at home where the other anchors are: "Green councillors" against "Les 12
    # élus de la majorité ont voté pour, tandis que les 4 élus écologistes se sont abstenus"
    sets = [{id(c) for a in (_written_at(w, s) if s.fact.kind in (Kind.TERM, Kind.WORD) else [s.span[0]])
             if (c := w.reading.clause_at(a)) is not None} for s in held if s.span]
    shared = set.intersection(*sets) if sets else set()
    homes = {id(c) for a in anchors for c in (_verb_clause(w, a), w.reading.clause_at(a)) if c is not None
             and (not shared or id(w.reading.clause_at(a)) in shared)} or shared
    # and the clauses that inherit an anchor: "le FMI, qui a accordé ... un prêt"
    homes |= {id(c) for c in w.reading.clauses if any(f.start <= a < f.end for f in c.participants for a in anchors)}
    verb = main_verb(w.statuses)
    figures = any(s.fact.kind in VALUE_KINDS for s in w.statuses)
    amounts = any(s.fact.kind in reader.AMOUNT_KINDS for s in w.here())

    out: dict[int, FactStatus] = {}
    for s in w.here():
        if s.fact.kind is not Kind.TERM or s.span is None:
            continue
        clause = w.reading.clause_at(s.span[0])
        if clause is not None and CHANGE_CONCEPTS.keys() & set(s.fact.value) and (
                rival := _opposite_by_figure(w, s, clause)) is not None:
            out[id(s)] = w.conflict(s, rival)  # "closed 3% lower on Monday and were up 0.8% on Tuesday"
            continue
        if s is verb and clause is not None and (doer := _other_doer(w, verb, clause)) is not None:
            out[id(s)] = relation_miss(s, f"is said of {doer.text!r} in the seed")
            continue
        if clause is None or id(clause) in homes or _said_in(w, s, homes):
            continue
        rival = _opposite_term(w, s, lambda at: id(w.reading.clause_at(at)) in homes)
        if rival is not None:
            out[id(s)] = w.conflict(s, rival)
        elif s is verb and clause.participants:  # the verb's own clause says it of another name
            out[id(s)] = relation_miss(s, f"is said of {clause.participants[0].text!r} in the seed")
        elif not figures and (doer := _own_doer(w, clause, s)) is not None:
            # a claim with no figure binds by its words only, so they must be said of its names: "The EU called
            # the vote free" is not stated by "Washington a salué « un scrutin ... libre », tandis que l'UE a
            # appelé ...", where another name does what the words say
            out[id(s)] = relation_miss(s, f"is said of {doer.text!r} in the seed")
        elif s is verb and any(id(c) in homes and ((c.kind == "gapped" and _own_participle(w, c)) or _own_verb(w, c))
                               for c in w.reading.clauses):
            # the clause of the claim's names and figures has a verb of its own: "Deux randonneurs ont été tués et
            # trois autres personnes blessées" does not say three were killed, nor "Les 31 élus ... ont voté
            # contre, tandis que les 3 élus du RN se sont abstenus" that the RN voted against
            out[id(s)] = relation_miss(s, "is said in another clause than the claim's names and figures, which has "
                                          "its own verb")
        elif CHANGE_CONCEPTS.keys() & set(s.fact.value) and amounts:
            # a rise or fall is of the figure it is said with: "asking prices had slipped 0.3% in September, a
            # month in which sellers usually raise them" does not say they rose 0.3%
            out[id(s)] = relation_miss(s, "is said in another clause than the claim's figure")
    return out


def _opposite_by_figure(w: Window, change: FactStatus, clause: reader.Clause) -> Fact | None:
    """The opposite change the seed says in the clause of the claim's figure, where the claim's change word met
    another clause: "Veltro shares fell 0.8% on Tuesday" against "... closed 3% lower on Monday and were up 0.8%
    on Tuesday"."""
    for v in w.here():
        if v.fact.kind not in reader.AMOUNT_KINDS or v.span is None or clause.holds(v.span[0]):
            continue
        home = w.reading.clause_at(v.span[0])
        rival = _opposite_term(w, change, home.holds) if home is not None else None
        if rival is not None:
            return rival
    return None


def _opposite_term(w: Window, s: FactStatus, where: Callable[[int], bool]) -> Fact | None:
    """The sentence's first concept, at an offset `where` accepts, that says the opposite of the claim word's."""
    opposite = w.knowledge.opposites
    return next((f for f in w.sentence.facts if f.kind is Kind.TERM and where(f.start)
                 and any(o in f.value for c in s.fact.value for o in opposite.get(c, ()))), None)


def _own_doer(w: Window, clause: reader.Clause, s: FactStatus) -> Fact | None:
    """The name that acts in a clause, before the claim's word, where no claim fact met it and the clause takes
    its subject from no other."""
    if clause.inherits or s.span is None:
        return None
    return next((a for a in clause.actors if clause.holds(a.start) and a.start < s.span[0]
                 and not w.claimed(a.start)), None)


def _other_doer(w: Window, verb: FactStatus, clause: reader.Clause) -> Fact | None:
    """The name that does the claim's verb in the seed where the claim's subject stands in another clause: "Bellandi
    beat Masson" against "Ferrand avait éliminé ... Bellandi, ..., tandis que Solheim avait battu ... Hugo
    Masson", where Solheim beat Masson."""
    if verb.span is None:
        return None
    subject = next((s for s in sorted(w.statuses, key=lambda s: s.fact.start) if s.fact.start < verb.fact.start
                    and s.fact.kind in reader.NAME_KINDS and s.fact.role not in ("loc", "from", "to")), None)
    if subject is None or subject not in w.here() or subject.span is None or clause.holds(subject.span[0]):
        return None
    if w.reading.subject_of(subject.span[0]) == w.reading.subject_of(verb.span[0]):
        return None  # the verb's clause takes its subject from the subject's ("..., en battant X")
    if _verb_clause(w, subject.span[0]) is clause:
        return None  # a gapped clause borrows the verb: "Azerbaijan sent 120 rescuers, Greece a team of 45"
    own = w.reading.clause_at(subject.span[0])
    if own is not None and _said_in(w, verb, {id(own)}):
        return None  # the seed says the verb of the subject too ("..., while Harwick Steel laid off 85")
    return next((a for a in clause.actors if clause.holds(a.start) and a.start < verb.span[0]
                 and not w.claimed(a.start) and not _surname_of(a, subject)
                 and not (subject.seed_fact is not None and _same_name(a, subject.seed_fact))), None)


def _same_name(a: Fact, b: Fact) -> bool:
    """Whether two seed names name one actor: a name's value is its text, an entity's a tuple of ids."""
    if isinstance(a.value, tuple) and isinstance(b.value, tuple):
        return bool(set(a.value) & set(b.value))
    return a.value == b.value


def _said_in(w: Window, s: FactStatus, homes: set[int]) -> bool:
    """Whether the seed also says the claim's word in one of the anchors' clauses (a sentence may say it twice,
    and the matcher cites the first)."""
    return any(
        f.kind is Kind.TERM and not set(f.value).isdisjoint(s.fact.value) and id(w.reading.clause_at(f.start)) in homes
        for f in w.sentence.facts
    )


def _verb_clause(w: Window, offset: int) -> reader.Clause | None:
    """The clause whose verb a word at `offset` goes with: its own, or for a gapped clause ("..., Greece a team of
    45") the one it borrows its verb from."""
    clauses = w.reading.clauses
    k = next((n for n, c in enumerate(clauses) if c.holds(offset)), None)
    if k is None:
        return None
    while k > 0 and clauses[k].kind == "gapped" and not _own_participle(w, clauses[k]):
        k -= 1
    return clauses[k]


def _own_verb(w: Window, clause: reader.Clause) -> bool:
    """Whether a clause says a verb of its own, an auxiliary and its participle ("se sont abstenus", "had
    slipped"), which no claim word met."""
    words = [t for t in w.sentence.words if clause.holds(t.start)]
    for k, t in enumerate(words[:-1]):
        if t.norm not in reader.FINITE:
            continue
        nxt = words[k + 1] if words[k + 1].norm not in ("se", "s'") or k + 2 >= len(words) else words[k + 2]
        if words[k + 1].norm in ("ete", "been") and k + 2 < len(words):
            nxt = words[k + 2]  # "ont été tués"
        if reader.past_participle(nxt) and not w.claimed(nxt.start):
            return True
    return False


def _own_participle(w: Window, clause: reader.Clause) -> bool:
    """Whether a clause read as gapped has a verb of its own after all, after its figure: "et trois autres
    personnes blessées" (not "of which the agency contributed €48m and ESA €36m", whose verb comes first)."""
    figure = next((f.end for f in w.sentence.facts if f.kind in reader.AMOUNT_KINDS and clause.holds(f.start)), None)
    return figure is not None and any(
        clause.holds(t.start) and t.start >= figure and not t.is_capitalised and participle(t.text)
        and vocabulary.may_be_verb(t.text) for t in w.sentence.words)


def _claim_owner(value: FactStatus, names: list[FactStatus], statuses: Sequence[FactStatus] = ()
                 ) -> FactStatus | None:
    """Whose the claim says a value is: the name written right before it ("Labour 9", "Pellar 39.8C", "Lens'
    nine", "Imany: 14 dead"), else the claim's subject, its first name that is no place ("Ferrat beats Aubanel
    with 52.4%": Ferrat's), else its place ("174 mm of rain in Privas"). In a claim that lists conjuncts ("Lemaire
    2nd at 38s, Quintero 3rd at 52s"), a value after another of its kind is the nearest name's before it."""
    ordered = sorted(names, key=lambda n: n.fact.start)
    # a name among a claim's colon subject is whose it is, not the concepts around it ("Helsinki base: 30%")
    if any(n.fact.role != SUBJECT_ROLE for n in ordered):
        ordered = [n for n in ordered if n.fact.role != SUBJECT_ROLE]
    adjacent = [n for n in ordered if 0 <= value.fact.start - n.fact.end <= 2]
    if adjacent:
        return adjacent[-1]
    actors = [n for n in ordered if n.fact.role not in ("loc", "from", "to")]
    earlier = [s.fact.end for s in statuses if s.fact.kind is value.fact.kind and s.fact.end <= value.fact.start]
    if actors and earlier:
        after = [n for n in actors if max(earlier) <= n.fact.start < value.fact.start]
        if after:
            return after[-1]
    if actors:
        return actors[0]
    return ordered[0] if ordered else None


def _own_value(w: Window, s: FactStatus, spans: list[tuple[int, int]]) -> Fact | None:
    """The value of the claim's kind that the clause of the claim's name holds, or that "respectivement" pairs
    it with, where it conflicts."""
    for name, paired in w.reading.respective:
        if any(name.start <= lo < name.end for lo, _ in spans) and paired.kind is s.fact.kind and paired is not (
            s.seed_fact
        ) and compare(s.fact, paired, w.knowledge, Settings()) == CONFLICT:
            return paired
    for lo, _ in spans:
        clause = w.reading.clause_at(lo)
        if clause is None:
            continue
        for f in w.sentence.facts:
            if (
                f.kind is s.fact.kind
                and clause.holds(f.start)
                and f is not s.seed_fact
                and compare(s.fact, f, w.knowledge, Settings()) == CONFLICT
                and _counts_as(w, s.fact, f)
            ):
                return f
    return None


def _adjective(w: Window, token: Token) -> bool:
    """Whether a word is a place's adjective ("Irish", "russe"), as the entity tables write them."""
    return any(e.kind == "entity" and e.form == "adjective" for e in w.knowledge.index.one_word_at(token))


def _noun_phrase(w: Window, at: int, lang: str) -> list[Token]:
    """The words a place's adjective at word `at` describes: the next ones in English ("Irish singles chart"),
    the one before in French ("le chanteur irlandais"); up to the first word that is not a content word."""
    words = w.sentence.words
    around = words[at + 1 : at + 4] if lang == "en" else words[max(0, at - 2) : at][::-1]
    out = []
    for t in around:
        if not t.is_word or t.text[:1].isupper() or w.knowledge.is_stopword(t, lang):
            break
        out.append(t)
    return out


def described(w: Window) -> dict[int, FactStatus]:
    """A place's adjective belongs to the noun it describes: "'Lanterns' tops the Irish chart" is not stated by
    "Irish singer Niamh Carrick ... on the Official Singles Chart", where "Irish" is the singer's. The claim's
    adjective and its noun must meet one noun phrase of the seed."""
    out: dict[int, FactStatus] = {}
    words = w.sentence.words
    claim = sorted(w.statuses, key=lambda s: s.fact.start)
    here = w.here()
    said = [s.span for s in here if s.fact.kind is not Kind.ENTITY and s.span is not None]
    verb = main_verb(w.statuses)
    for k, s in enumerate(claim):
        if s.fact.kind is not Kind.ENTITY or s not in here or s.span is None or " " in s.fact.text:
            continue
        at = next((n for n, t in enumerate(words) if t.start == s.span[0] and t.end == s.span[1]), None)
        if at is None or not _adjective(w, words[at]):
            continue
        # the claim's noun: the word right after a capitalised adjective ("Irish chart"), before a lowercase one
        english = s.fact.text[:1].isupper()
        near = claim[k + 1] if english and k + 1 < len(claim) else claim[k - 1] if not english and k else None
        if near is None or near.fact.kind not in (Kind.TERM, Kind.WORD) or name_like(near.fact):
            continue
        if near is verb and near.seed_text and participle(near.seed_text.split()[-1]):
            continue  # "Swiss reject ..." (seed: "Swiss voters ... rejected"): the adjective stands for the people
        gap = near.fact.start - s.fact.end if english else s.fact.start - near.fact.end
        if not 0 <= gap <= 1 or near not in here or near.span is None:
            continue
        # any of the sentence's words for that place will do: a seed may write it twice
        same = [n for n, t in enumerate(words) if t.norm == words[at].norm]
        phrases = [p for n in same if (p := _noun_phrase(w, n, w.sentence.lang))]
        if len(phrases) < len(same) or any(
            _means(w, near, t) or any(lo <= t.start < hi for lo, hi in said) for p in phrases for t in p
        ):
            continue  # the seed's adjective describes the claim's noun, or another word the claim names
        out[id(s)] = relation_miss(s, f"describes the seed's {phrases[0][0].text!r}, not {near.fact.text!r}")
    return out


def _means(w: Window, claim: FactStatus, token: Token) -> bool:
    """Whether a seed word can mean the claim's word ("cinéma" for "film")."""
    if claim.fact.kind is Kind.TERM and set(claim.fact.value) & set(w.knowledge.word_ids([token], 0)):
        return True
    return any(vocabulary.link(claim.fact.text, lang, token.text, w.sentence.lang) for lang in vocabulary.LANGS)


POSSESSIVES = frozenset("his her its their our my your son sa ses leur leurs notre nos votre vos".split())


def own_object(w: Window) -> dict[int, FactStatus]:
    """A verb's object is the one its clause writes after it: "Quiroga won the Madrid title last year" is not
    stated by "Quiroga ... had won their only previous meeting, in Madrid last year", "title" coming from another
    sentence. Where a claim word of its object is not met in this sentence and the seed's verb is followed by a
    noun phrase with a word no claim word met ("son record personnel" for "the national record"), that claim word
    is not said of the verb's object here."""
    verb = main_verb(w.statuses)
    if verb is None or verb not in w.here() or verb.span is None or verb.fact.kind is not Kind.TERM:
        return {}
    if not any(c in w.knowledge.opposites for c in verb.fact.value):
        return {}  # an act with two sides (win, beat, sell, raise): what it is done to is its object
    # the claim's object: its words after the verb, up to its next figure ("the national record", "the Madrid
    # title")
    after = sorted((s for s in w.statuses if s.fact.start > verb.fact.end), key=lambda s: s.fact.start)
    stop = next((k for k, s in enumerate(after) if s.fact.kind in VALUE_KINDS), len(after))
    here = w.here()
    targets = [s for s in after[:stop] if s.fact.kind in (Kind.TERM, Kind.WORD) and not name_like(s.fact)
               and s not in here and s.status == MATCH]
    if not targets:
        return {}
    words = [t for t in w.sentence.words if t.start >= verb.span[1]]
    phrase: list[Token] = []
    for t in words[:6]:
        if not phrase and (t.norm in OBJECT_OPENERS or t.norm in POSSESSIVES):
            continue
        if not t.is_word or t.is_capitalised or w.knowledge.is_stopword(t, w.sentence.lang):
            break
        phrase.append(t)
    if not phrase or w.sentence_text_between(verb.span[1], phrase[-1].end).count(",") > 0:
        return {}
    free = [t for t in phrase if not w.claimed(t.start)]
    if not free:
        return {}  # the seed's object is all the claim's words
    said = w.sentence_text_between(phrase[0].start, phrase[-1].end)
    return {id(s): relation_miss(s, f"is not what the seed's {verb.seed_text!r} is said of here ({said!r})")
            for s in targets}


CONJUNCTS = re.compile(r"\s(?:et|and)\s")


def respective_phrases(w: Window) -> dict[int, FactStatus]:
    """"Respectivement" pairs values with noun phrases too, not only with names: "Private partners fund 30%" is
    contradicted by "est financé respectivement à 55 % et à 30 % par des partenaires privés et par la ville de
    Deauville". The phrases are the conjuncts after the values, up to the next comma, one per value; a claim
    value met in the list whose other claim words stand in another conjunct is that conjunct's value."""
    words = w.sentence.words
    at = next((t for t in words if t.norm in reader.RESPECTIVELY), None)
    if at is None:
        return {}
    values = sorted((f for f in w.sentence.facts if f.kind in reader.AMOUNT_KINDS and f.start > at.end),
                    key=lambda f: f.start)
    if len(values) < 2 or w.sentence.text[at.end - w.sentence.start : values[0].start - w.sentence.start].count(","):
        return {}
    rest = w.sentence.text[values[-1].end - w.sentence.start :].split(",")[0]
    base = values[-1].end
    bounds = [0, *(m.start() for m in CONJUNCTS.finditer(rest)), len(rest)]
    parts = [(base + lo, base + hi) for lo, hi in pairwise(bounds)]
    if len(parts) != len(values):
        return {}
    out: dict[int, FactStatus] = {}
    said = [s for s in w.here() if s.fact.kind in (Kind.TERM, Kind.WORD) and s.span is not None]
    for s in w.here():
        if s.seed_fact not in values:
            continue
        k = values.index(s.seed_fact)
        owners = {n for s2 in said for n, (lo, hi) in enumerate(parts) if s2.span and lo <= s2.span[0] < hi}
        if owners and k not in owners and len(owners) == 1:
            other = values[owners.pop()]
            out[id(s)] = w.conflict(s, other) if compare(s.fact, other, w.knowledge, Settings()) == CONFLICT else (
                relation_miss(s, f"is the figure of another of the seed's {at.text!r} list"))
    return out


def object_as_doer(w: Window) -> dict[int, FactStatus]:
    """The claim's subject met only in another sentence, its object the doer here: "Strand leads Verbeke by 48
    seconds" is not stated by "Verbeke, qui ... comptait 48 secondes d'avance sur le Danois", where Verbeke
    leads (the Dane being Strand, named a sentence before)."""
    ordered = sorted(w.statuses, key=lambda s: s.fact.start)
    verb = main_verb(w.statuses)
    if verb is None or verb not in w.here() or verb.span is None:
        return {}
    if verb.fact.kind is Kind.TERM and any(c in w.knowledge.opposites for c in verb.fact.value):
        return {}  # an act with two sides (beat, win): roles reads who did it to whom, and its converse
    names = [s for s in ordered if (s.fact.kind in reader.NAME_KINDS or name_like(s.fact))
             and s.fact.role not in ("loc", "from", "to")]
    if len(names) < 2 or names[0].fact.start > verb.fact.start or names[0] in w.here():
        return {}
    if names[0].status != MATCH or not any(o.fact.start > verb.fact.start for o in names[1:]):
        return {}
    here = w.here()
    clause = w.reading.clause_at(verb.span[0])
    if clause is None or not clause.actors:
        return {}
    doer = clause.actors[0]
    for o in names[1:]:
        if o.fact.role == "agent" or (o.seed_fact is not None and o.seed_fact.role == "agent"):
            continue  # "built by Thales Alenia Space": the passive's doer is the claim's too
        if o in here and o.fact.start > verb.fact.start and o.span is not None and doer.start <= o.span[0] < doer.end:
            return {id(o): relation_miss(o, "does the act in the seed; the claim has it done to them")}
    return {}
