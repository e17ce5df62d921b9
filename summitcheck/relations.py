"""Relations: the claim's facts may all be in the focal sentence and still not say what the claim says.

Each rule reads one evidence window (the claim's fact statuses against one seed sentence) and turns a status into
a conflict (another place for the same event, another actor for the same act) or into a "relation" miss (the
words are there, in another relation: unsupported, never supported). The judge applies them all, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from .analyse import vocabulary
from .analyse.knowledge import Knowledge
from .analyse.tokens import Token
from .match import CONFLICT, MATCH, FactStatus, SentenceFacts, Settings, compare, compare_entities, counts_same_thing
from .model import VALUE_KINDS, Fact, Kind
from .read import clauses as reader

MISSING = "missing"

ACTOR_TYPES = frozenset({"state", "org", "person"})
PLACE_TYPES = frozenset({"city", "region", "state", "site", "place"})
ATTACHED_TYPES = frozenset({"city", "region", "state", "site", "org"})  # names that attach to nearby words
OPPOSITE_ROLES = {"from": ("to", "loc"), "to": ("from",)}

# Concepts under which an event is not asserted ("a demandé la levée des sanctions" does not say they were lifted).
EMBEDDING = frozenset(
    "request expect hope want propose plan threaten deny reject accuse seek promise urge refuse".split()
)
NEGATION = frozenset("not never no n't pas jamais aucun aucune ni nullement".split())
CLAUSE_BREAKS = frozenset("tandis alors mais cependant pourtant while whereas but although however meanwhile".split())
PLACE_PROFORMS = frozenset("pays country region ville city territoire territory ile island".split())
DETERMINERS = frozenset("le la l' ce cet cette the this that".split())


def types(fact: Fact) -> frozenset[str]:
    """The kinds of thing an entity fact names (person, state, city...)."""
    return frozenset(fact.extra[1]) if fact.kind is Kind.ENTITY and len(fact.extra) > 1 else frozenset()


@dataclass
class Window:
    """One focal sentence as the rules see it."""

    statuses: list[FactStatus]
    sentence: SentenceFacts
    knowledge: Knowledge
    before: SentenceFacts | None = None  # the sentence before, whose names this one's references stand for
    after: SentenceFacts | None = None  # the sentence after, whose references may stand for this one's names
    free: list[Fact] = field(init=False)  # the sentence's names that no claim fact matched
    anchors: list[int] = field(init=False)  # seed offsets of the claim's other matched words (not names)
    verbs: list[FactStatus] = field(init=False)  # the claim's concepts and words matched in this sentence
    reading: reader.Reading = field(init=False)  # the sentence's clauses

    def __post_init__(self) -> None:
        s = self.sentence
        self.reading = reader.read(s.text, s.start, s.words, s.facts)
        used = {id(s.seed_fact) for s in self.statuses if s.seed_fact is not None}
        self.free = [f for f in self.sentence.facts if f.kind is Kind.ENTITY and id(f) not in used]
        here = self.here()
        self.anchors = [s.span[0] for s in here if s.fact.kind is not Kind.ENTITY]
        self.verbs = [s for s in here if s.fact.kind in (Kind.TERM, Kind.WORD)]

    def here(self) -> list[FactStatus]:
        return [s for s in self.statuses if s.status == MATCH and s.where == "sentence" and s.span]

    def sentence_text_between(self, start: int, end: int) -> str:
        """The seed text between two offsets of this sentence (punctuation is not among the words)."""
        return self.sentence.text[start - self.sentence.start : end - self.sentence.start]

    def distance(self, start: int) -> int:
        return min(abs(start - a) for a in self.anchors)

    def conflict(self, status: FactStatus, rival: Fact) -> FactStatus:
        return FactStatus(
            status.fact, CONFLICT, "sentence", rival, self.sentence.index, (rival.start, rival.end), rival.text
        )


def relation_miss(status: FactStatus, why: str) -> FactStatus:
    return FactStatus(status.fact, MISSING, "relation", status.seed_fact, status.sentence, status.span, why)


# ---------------------------------------------------------------------------------------------------------------
# Rules on one claim name: its slot (in/at, with, by, from/to) against the sentence's names in the same slot.


def place(s: FactStatus, w: Window) -> FactStatus:
    """ "Held in Beijing" where the sentence puts the event "à Vladivostok": another place of the same scale.
    When both places are in the sentence, the one nearer the claim's other words is where it happened, and the
    claim's place, named there for something else ("né à Varsovie"), says nothing of it."""
    fact = s.fact
    if fact.role != "loc" or not types(fact) & PLACE_TYPES or s.status == CONFLICT:
        return s
    rivals = [e for e in w.free if e.role == "loc" and comparable(w.knowledge, fact, e)]
    here = s.seed_fact if s.status == MATCH and s.where == "sentence" else None
    if here is None:
        return w.conflict(s, rivals[0]) if rivals else s
    if rivals and w.anchors:
        nearest = min(rivals, key=lambda e: w.distance(e.start))
        if w.distance(nearest.start) < w.distance(here.start):
            return relation_miss(s, f"is named for something else; the seed puts it in {nearest.text!r}")
    return s


def slot(s: FactStatus, w: Window) -> FactStatus:
    """ "With Putin" where the sentence says "avec le président américain"; "by Joe Biden" where it says "by
    António Guterres"."""
    if s.fact.role not in ("with", "agent") or not (s.status == MISSING or s.where == "near"):
        return s
    rival = next((e for e in w.free if e.role == s.fact.role and types(e) & types(s.fact)), None)
    return w.conflict(s, rival) if rival else s


def route(s: FactStatus, w: Window) -> FactStatus:
    """ "Left Vladivostok for Pyongyang" against "parti de Pyongyang, arrivé à Vladivostok"."""
    seed = s.seed_fact
    if s.fact.role not in OPPOSITE_ROLES or s.status != MATCH or seed is None:
        return s
    if seed.role not in OPPOSITE_ROLES[s.fact.role]:
        return s
    where = "ends, not where it starts" if s.fact.role == "from" else "starts, not where it ends"
    return relation_miss(s, f"is where the seed's journey {where}")


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
    """The claim's verb from the sentence after, where the clause saying it opens on a reference to another of
    this sentence's names: "Fontaine wins the final" is not stated by "Léa Fontaine a affronté Jade Morel en
    finale. Cette dernière l'a emporté"."""
    verb = main_verb(w.statuses)
    if verb is None or verb.where != "near" or verb.span is None or w.after is None or verb.sentence != w.after.index:
        return {}
    subject = next((s for s in sorted(w.statuses, key=lambda s: s.fact.start)
                    if _named(s, w) and s.fact.role is None and s.where == "sentence" and s.span), None)
    if subject is None or subject.span is None:
        return {}
    after = reader.read(w.after.text, w.after.start, w.after.words, w.after.facts)
    clause = after.clause_at(verb.span[0])
    if clause is None:
        return {}
    meant = reader.antecedent(clause, w.after.words, w.after.facts, w.reading, w.sentence.facts)
    if meant is None or meant.start <= subject.span[0] < meant.end:
        return {}
    return {id(verb): relation_miss(verb, f"is said in the next sentence of {meant.text!r}")}


def _opening(w: Window, clause: reader.Clause) -> str:
    return " ".join(t.text for t in w.sentence.words if clause.holds(t.start))[:24]


def person_nearby(s: FactStatus, w: Window) -> FactStatus:
    """A person from the next sentence does not stand for the person this one names (a quotation's speaker), nor
    a name from the sentence before for the one this one names ("Dunleavy was charged")."""
    if s.where != "near" or s.fact.role is not None:
        return s
    if "person" in types(s.fact):
        other = next((e for e in w.free if "person" in types(e)), None)
    elif s.fact.kind is Kind.NAME:  # a name of no known type: any other actor this sentence names itself
        used = {id(o.seed_fact) for o in w.statuses if o.seed_fact is not None}
        other = next((f for f in w.sentence.facts
                      if (f.kind is Kind.NAME or types(f) & ACTOR_TYPES) and id(f) not in used and f.role is None
                      and not w.reading.is_place(f.start)), None)
    else:
        return s
    return relation_miss(s, f"is in the next sentence; this one is about {other.text!r}") if other else s


def actor(s: FactStatus, w: Window) -> FactStatus:
    """ "The United States put Kim Il Sung in power" where the sentence says "l'URSS qui avait placé ... Kim Il
    Sung": the claim's first actor, not named here, against an actor of the same type before the matched verb.
    Only for an act done to a named person, which one actor can have done ("threatened to block the package"
    may have had several)."""
    fact = s.fact
    if fact.kind is not Kind.ENTITY or fact.role is not None or not types(fact) & ACTOR_TYPES:
        return s
    if not (s.status == MISSING or s.where == "near"):
        return s
    concepts = [o.fact.start for o in w.statuses if o.fact.kind in (Kind.TERM, Kind.WORD)]
    verbs = [v.span[0] for v in w.verbs]
    if not concepts or not verbs or fact.start > min(concepts):
        return s
    done_to_person = any(
        o.fact.kind is Kind.ENTITY
        and "person" in types(o.fact)
        and o.fact.start > fact.start
        and o.status == MATCH
        and o.where == "sentence"
        for o in w.statuses
    )
    if not done_to_person:
        return s
    rival = next((e for e in w.free if e.start < min(verbs) and types(e) & types(fact) & ACTOR_TYPES), None)
    return w.conflict(s, rival) if rival else s


# Each reads a status only if its fact is a name or has a role (in/at, with, by, from/to): apply() gives them no
# other.
NAME_RULES: tuple[Callable[[FactStatus, Window], FactStatus], ...] = (
    place, slot, route, reference, person_nearby, actor
)


# ---------------------------------------------------------------------------------------------------------------
# Rules on the whole window: word order, attachment, assertion.


def word_order(w: Window) -> dict[int, str]:
    """The claim's object stands before the seed's verb where its subject does not ("Russia accused the US"
    against "les Etats-Unis l'ont accusée"); the claim's subject stands in another clause ("Cette dernière a
    demandé ..., tandis que les Etats-Unis ...")."""
    names = [s for s in w.statuses if s.fact.kind is Kind.ENTITY]
    if not w.verbs or not names:
        return {}
    first_name = min(s.fact.start for s in names)
    verb = next((v for v in sorted(w.verbs, key=lambda v: v.fact.start) if v.fact.start > first_name), None)
    if verb is None or any(s.fact.role == "agent" for s in names) or passive(w.sentence, verb):
        return {}
    at, here = verb.span[0], w.here()
    subjects = [s for s in names if s.fact.start < verb.fact.start]
    objects = [s for s in names if s.fact.start > verb.fact.start]
    problems = {}
    for subject in subjects:
        if subject in here and subject.span[0] > at and clause_break(w.sentence, at, subject.span[0]):
            problems[id(subject)] = "belongs to another clause of the seed sentence"
    if not any(s in here and s.span[0] < at for s in subjects):
        for obj in objects:
            if obj in here and obj.span[0] < at:
                problems[id(obj)] = "comes before the verb in the seed: another relation"
    return problems


def attachment(w: Window) -> dict[int, str]:
    """A place, state or body matched far from the claim's other words while another of its kind stands right by
    them ("Pyongyang's closest supporter is Moscow" against "Pékin, son plus proche soutien, et Moscou"). People
    are left out: a sentence's subject often stands far from its verb."""
    if not w.anchors:
        return {}
    problems = {}
    for s in w.here():
        if s.fact.kind is not Kind.ENTITY or s.seed_fact is None or s.fact.role is not None:
            continue
        kinds = types(s.seed_fact) & ATTACHED_TYPES
        closer = [f for f in w.free if types(f) & kinds and w.distance(f.start) < w.distance(s.span[0])]
        if closer and w.distance(s.span[0]) > 2 * w.distance(closer[0].start) + 20:
            problems[id(s)] = f"stands apart from the claim's words, where the seed names {closer[0].text!r}"
    return problems


def asserted(w: Window) -> dict[int, str]:
    """The claim's main verb stands in the seed under a verb the claim does not have ("a demandé la levée des
    sanctions" for "sanctions were lifted"), in its own clause. (A negation there is polarity's.)"""
    verb = main_verb(w.statuses)
    if verb is None or verb not in w.verbs:
        return {}
    claimed = {c for s in w.statuses if s.fact.kind is Kind.TERM for c in s.fact.value}
    at = verb.span[0]
    clause = w.reading.clause_at(at)
    for f in w.sentence.facts:
        if (
            f.kind is Kind.TERM
            and f.end < at
            and (clause is None or clause.holds(f.start))
            and set(f.value) & EMBEDDING
            and not set(f.value) & claimed
            and not any(
                (reader.is_actor(n) or n.kind is Kind.TERM) and f.end <= n.start and n.end <= at
                for n in w.sentence.facts
                if n is not verb.seed_fact
            )
        ):  # "a demandé la levée des sanctions"; not "cherche des soutiens ... entre Pékin, son plus proche soutien"
            return {id(verb): f"is only {f.text!r} in the seed, not said to have happened"}
    return {}


def binding(w: Window) -> dict[int, FactStatus]:
    """A value belongs to the actors and places of its clause: "Greece sent 120 rescuers" is not stated by
    "Azerbaijan sent 120 rescuers, Greece a team of 45 firefighters", nor "Durand got 38.9%" by "Durand devance la
    liste de Marchetti, qui obtient 38,9 %". Where the claim's name holds a value of the same kind in its own
    clause, the claim is contradicted ("Labour wins 14 seats" against "The Greens won 14 seats and Labour 9");
    where the value's clause names no one, it says nothing against the claim's."""
    names = [s for s in w.statuses if _named(s, w) and s.status == MATCH and s.span]
    all_spans = [s.span for s in names if s.where == "sentence" and s.span]
    if not names:
        return {}
    out: dict[int, FactStatus] = {}
    for s in w.here():
        if s.fact.kind not in VALUE_KINDS or s.fact.kind is Kind.QUOTE:
            continue
        owner = _claim_owner(s, names)
        spans = [owner.span] if owner is not None and owner.where == "sentence" and owner.span else all_spans
        at = s.span[0]
        clause = w.reading.clause_at(at)
        owners: tuple[Fact, ...] = w.reading.paired(at)  # "respectivement": the one name it is paired with
        if not owners and clause is not None and not any(clause.holds(lo) for lo, _ in spans):
            # a rival of the owner's kind of name: another doer for a doer, another place for a place (as the
            # seed uses the name the claim's matched)
            whose = [owner] if owner is not None and owner.span else [n for n in names if n.span]
            places = any(n.fact.role == "loc" or w.reading.is_place(n.span[0]) for n in whose if n.span)
            doers = any(n.fact.role != "loc" and not w.reading.is_place(n.span[0]) for n in whose if n.span)
            owners = (clause.places if places else ()) + (clause.actors if doers else ())
        if owners and any(lo <= o.start < hi or o.start <= lo < o.end for o in owners for lo, hi in spans):
            owners = ()
        if not owners and clause is not None and not _same_place(w, clause, names):
            owners = clause.places  # "cut Orly flights by 25%" against "40 % à Orly et de 25 % à Marseille"
        if not owners:
            continue
        rival = _own_value(w, s, spans)
        out[id(s)] = w.conflict(s, rival) if rival else relation_miss(s, f"belongs to {owners[0].text!r} in the seed")
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
    names = [s for s in w.statuses if _named(s, w) and s.fact.role not in ("loc", "from", "to")]
    agent = [s for s in names if s.fact.role == "agent"]
    before = [s for s in names if s.fact.start < verb.fact.start and s.fact.role is None]
    after = [s for s in names if s.fact.start > verb.fact.start and s.fact.role is None]
    subjects, objects = (agent, before) if agent else (before, after)
    if len(subjects) != 1 or len(objects) > 1:
        return {}
    subject, obj = subjects[0], (objects[0] if objects else None)
    if subject.where == "near":  # a name from the sentence before, where this one names its own doer
        doer = next((f for f in _seed_doers(w, verb) if clause_names_own(w, verb, f)), None)
        if doer is not None:
            return {id(subject): relation_miss(subject, f"is not who does it in the seed: {doer.text!r} is")}
        return {}
    if _side(w, verb, subject) != "done-to":
        return {}
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
    passive_agent = end <= lo <= end + 24 and _word_at_offset(words, lo) in ("by", "par")
    if clause.holds(lo):
        if lo < at:
            return "done-to" if _has_agent(w, clause, end) else "doer"
        if passive_agent:
            return "doer"
        return None if _word_at_offset(words, lo) in OBLIQUE else "done-to"
    if any(f.start <= lo < f.end for f in clause.actors):
        return "doer"  # the name a relative or participial clause hangs on
    for later in clauses[home + 1 :]:
        if later.kind != "participial":
            break
        if later.holds(lo):
            return "done-to"  # "..., beating Dunmore United"
    return None


def clause_names_own(w: Window, verb: FactStatus, f: Fact) -> bool:
    """Whether the name f stands itself in the matched verb's clause (not one a relative clause inherits)."""
    clause = w.reading.clause_at(verb.span[0]) if verb.span else None
    return clause is not None and clause.holds(f.start)


def _has_agent(w: Window, clause: reader.Clause, end: int) -> bool:
    """Whether "par"/"by" and a name follow the verb closely: a passive ("were beaten 3-1 by Caldmoor")."""
    return any(
        f.kind in reader.NAME_KINDS and clause.holds(f.start) and end <= f.start <= end + 24
        and _word_at_offset(w.sentence.words, f.start) in ("by", "par")
        for f in w.sentence.facts
    )


def _seed_doers(w: Window, verb: FactStatus) -> list[Fact]:
    """The seed's own names before the matched verb in its clause (or that its clause hangs on)."""
    assert verb.span is not None
    at = verb.span[0]
    clause = w.reading.clause_at(at)
    if clause is None or _has_agent(w, clause, verb.span[1]):
        return []
    own = [f for f in clause.actors if clause.holds(f.start) and f.end <= at]
    return own or [f for f in clause.actors if not clause.holds(f.start)]


# After these a name is whose or where the act is, not what it is done to ("le vote de l'Assemblée"); "à",
# "au", "to" keep the receiver ("a prêté Berrada au FC Sochaux", "lost to Adeyemi")
OBLIQUE = frozenset("de d' du des of in at for pour with avec sur on by par from depuis chez dans".split())
SKIPPED = frozenset("le la les l' the".split())


def _word_at_offset(words: Sequence[Token], start: int) -> str:
    """The word before the one at `start`, articles skipped ("par la Belge" -> "par")."""
    before = [t.norm for t in words if t.end <= start][-3:]
    while before and before[-1] in SKIPPED:
        before.pop()
    return before[-1] if before else ""


def background_verb(w: Window) -> dict[int, FactStatus]:
    """The claim's verb may not come from elsewhere in the seed: a topic word may ("the final"), but "Ardiles
    beats Kerridge" is not stated by "Ardiles plays Kerridge on Sunday" because the seed says "won" of others."""
    verb = main_verb(w.statuses)
    if verb is None or verb.status != MATCH or verb.where != "document" or not any(
        _named(s, w) and s.where == "sentence" for s in w.statuses
    ):
        return {}
    if any(s.fact.kind is Kind.QUOTE and s.status == MATCH for s in w.statuses):
        return {}  # a quotation is what its speaker says; the verb of saying may be any
    return {id(verb): relation_miss(verb, "is said elsewhere in the seed, not of these names")}


def predicate(w: Window) -> dict[int, FactStatus]:
    """The claim's words must be said of its names and values, in their clause (or the clause a gapped one
    borrows its verb from): "Solva sales fell 12%" is not stated by "Les ventes de Solva ont progressé de 12 %,
    tandis que la marque Vernet a vu ses volumes reculer". A claim word matched in another clause while the
    anchors' clause holds its opposite is contradicted; the claim's main verb matched only elsewhere is a miss."""
    anchors = [s.span[0] for s in w.here() if s.span and (s.fact.kind in VALUE_KINDS or _named(s, w))]
    if not anchors:
        return {}
    homes = {id(c) for a in anchors for c in (_verb_clause(w, a), w.reading.clause_at(a)) if c is not None}
    # and the clauses that inherit an anchor: "le FMI, qui a accordé ... un prêt"
    homes |= {id(c) for c in w.reading.clauses if any(f.start <= a < f.end for f in c.participants for a in anchors)}
    opposite = w.knowledge.opposites
    verb = main_verb(w.statuses)
    out: dict[int, FactStatus] = {}
    for s in w.here():
        if s.fact.kind is not Kind.TERM or s.span is None:
            continue
        clause = w.reading.clause_at(s.span[0])
        if clause is None or id(clause) in homes or _said_in(w, s, homes):
            continue
        rival = next(
            (f for f in w.sentence.facts
             if f.kind is Kind.TERM and id(w.reading.clause_at(f.start)) in homes
             and any(o in f.value for c in s.fact.value for o in opposite.get(c, ()))),
            None,
        )
        if rival is not None:
            out[id(s)] = w.conflict(s, rival)
        elif s is verb and clause.participants:  # the verb's own clause says it of another name
            out[id(s)] = relation_miss(s, f"is said of {clause.participants[0].text!r} in the seed")
    return out


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
    while k > 0 and clauses[k].kind == "gapped":
        k -= 1
    return clauses[k]


def _named(s: FactStatus, w: Window) -> bool:
    """A name of the claim's, or a claim word the seed writes as a name ("Vessel has led ...", "Labour wins ..."
    against "and Labour 9")."""
    if s.fact.kind in reader.NAME_KINDS or (s.seed_fact is not None and s.seed_fact.kind in reader.NAME_KINDS):
        return True
    if not (s.fact.extra and len(s.fact.extra) == 2 and s.fact.extra[1]) or s.span is None or s.where != "sentence":
        return False  # only a claim's first word may be a name the tables read as a word
    lo = s.span[0]
    return any(f.kind is Kind.NAME and f.start <= lo < f.end for f in w.sentence.facts)


def _claim_owner(value: FactStatus, names: list[FactStatus]) -> FactStatus | None:
    """Whose the claim says a value is: the name written right before it ("Labour 9", "Pellar 39.8C", "Lens'
    nine", "Imany: 14 dead"), else the claim's subject, its first name that is no place ("Ferrat beats Aubanel
    with 52.4%": Ferrat's), else its place ("174 mm of rain in Privas")."""
    ordered = sorted(names, key=lambda n: n.fact.start)
    adjacent = [n for n in ordered if 0 <= value.fact.start - n.fact.end <= 2]
    if adjacent:
        return adjacent[-1]
    actors = [n for n in ordered if n.fact.role not in ("loc", "from", "to")]
    if actors:
        return actors[0]
    return ordered[0] if ordered else None


def _own_value(w: Window, s: FactStatus, spans: list[tuple[int, int]]) -> Fact | None:
    """The value of the claim's kind that the clause of the claim's name holds, where it conflicts."""
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
                and counts_same_thing(s.fact, f)
            ):
                return f
    return None


APPOSITION_OPENERS = frozenset("son sa ses leur leurs le la les l' un une its his her their the a an".split())


def apposition(w: Window) -> dict[int, str]:
    """Words set off by commas right after a name describe that name: in "Pékin, son plus proche soutien, et
    Moscou", the closest supporter is Beijing, so "Pyongyang's closest supporter is Moscow" is not stated."""
    words = w.sentence.words
    problems = {}
    for name in w.free:
        after = [t for t in words if t.start >= name.end]
        text_after = w.sentence_text_between(name.end, after[0].start) if after else ""
        if not after or "," not in text_after or after[0].norm not in APPOSITION_OPENERS:
            continue
        segment = after[:7]
        closed = [t.end for t, nxt in pairwise(segment) if "," in w.sentence_text_between(t.end, nxt.start)]
        if not closed and len(after) > len(segment):
            continue  # "à Hanoi, le dirigeant nord-coréen cherche ...": the sentence goes on, no apposition closes
        end = closed[0] if closed else segment[-1].end
        described = [a for a in w.anchors if name.end < a < end]
        if not described:
            continue
        for s in w.here():
            if s.fact.kind is Kind.ENTITY and s.seed_fact is not None and types(s.seed_fact) & types(name):
                problems[id(s)] = f"is not what the seed describes so: {name.text!r} is"
    return problems


WINDOW_RULES: tuple[Callable[[Window], dict[int, str]], ...] = (word_order, attachment, apposition, asserted)


def apply(statuses: list[FactStatus], sentence: SentenceFacts, knowledge: Knowledge,
          before: SentenceFacts | None = None, after: SentenceFacts | None = None) -> list[FactStatus]:
    """Every rule, on one window: first the slot of each name, then the relations of the whole claim."""
    window = Window(statuses, sentence, knowledge, before, after)
    out = []
    for s in statuses:
        if s.fact.kind in (Kind.ENTITY, Kind.NAME) or s.fact.role is not None:  # the name rules read no other
            for rule in NAME_RULES:
                changed = rule(s, window)
                if changed is not s:
                    s = changed
                    break
        out.append(s)
    if any(a is not b for a, b in zip(out, statuses, strict=True)):
        window = Window(out, sentence, knowledge, before, after)
    problems: dict[int, str] = {}
    for rule in WINDOW_RULES:
        problems.update(rule(window))
    flipped = {**binding(window), **predicate(window), **background_verb(window), **verb_reference(window),
               **roles(window), **polarity(window)}
    return [
        flipped.get(id(s)) or (relation_miss(s, problems[id(s)]) if id(s) in problems else s) for s in out
    ]


def polarity(w: Window) -> dict[int, FactStatus]:
    """The claim and the seed disagree on whether it happened: "Kim did not meet Putin" against "Kim a
    rencontré Poutine", or "The decision was unanimous" against "The decision was not unanimous"."""
    negations = [s for s in w.statuses if s.fact.kind is Kind.WORD and s.fact.text.lower() in NEGATION]
    verb = main_verb([s for s in w.statuses if s not in negations])
    if verb is None or verb not in w.verbs or any(s.status == MATCH for s in negations):
        return {}
    seed_negated = negated(w, verb)
    if seed_negated == "governed":  # "did not comment on the talks": neither says the talks were, nor weren't
        return {id(verb): relation_miss(verb, "stands under a negated verb of the seed")}
    if bool(negations) == bool(seed_negated):
        return {}
    if negations:
        s = negations[0]
        return {id(s): FactStatus(s.fact, CONFLICT, "sentence", verb.seed_fact, w.sentence.index, verb.span,
                                  verb.seed_text or w.sentence.words[0].text)}
    return {id(verb): FactStatus(verb.fact, CONFLICT, "sentence", verb.seed_fact, w.sentence.index, verb.span,
                                 f"{verb.seed_text} (negated)")}


def negated(w: Window, verb: FactStatus) -> str | None:
    """Whether a negation of its own clause stands before the seed word a claim's verb matched: "direct" with
    no other concept of the seed between ("n'a pas adopté"), "governed" with one ("did not comment on the
    talks": the talks are neither said to have happened nor not), else None."""
    assert verb.span is not None
    at = verb.span[0]
    clause = w.reading.clause_at(at)
    found = None
    quotes = [f for f in w.sentence.facts if f.kind is Kind.QUOTE]
    for n, reach in clause.negated if clause is not None else ():
        if n >= at or at >= reach:
            continue
        quoted = next((q for q in quotes if q.start <= n < q.end), None)
        if quoted is not None and not quoted.start <= at < quoted.end:
            continue  # a negation in a quotation is its speaker's, for the words quoted with it
        between = any(
            f.kind is Kind.TERM and n < f.start and f.end <= at and f is not verb.seed_fact for f in w.sentence.facts
        )
        found = "governed" if between else "direct"
    return found


# ---------------------------------------------------------------------------------------------------------------
# Helpers the judge uses too.


def may_conflict_unmatched(fact: Fact, facts: Sequence[Fact]) -> bool:
    """Whether the relation rules can make a claim fact conflict in a window where no sentence answers it (the rules
    above): a negation the seed's verb lacks (polarity), a rival place or partner (place, slot), a rival
    actor of an act done to a named person (actor). Such a fact does not bound a seed's verdict to 'unsupported'."""
    if fact.kind is Kind.WORD:
        return fact.text.lower() in NEGATION or fact.role is not None
    if fact.kind is not Kind.ENTITY or fact.role is not None:
        return fact.role is not None
    concepts = [f.start for f in facts if f.kind in (Kind.TERM, Kind.WORD)]
    return (
        bool(types(fact) & ACTOR_TYPES)
        and bool(concepts)
        and fact.start <= min(concepts)
        and any(f.kind is Kind.ENTITY and "person" in types(f) and f.start > fact.start for f in facts)
    )


PARTICIPLE_ENDINGS = ("ed", "é", "ée", "és", "ées")


def main_verb(statuses: list[FactStatus]) -> FactStatus | None:
    """The claim's predicate, roughly: the first concept after its first name ("Russia asked ..."), or its last
    concept when no name comes first ("International sanctions were lifted")."""
    ordered = sorted(statuses, key=lambda s: s.fact.start)
    names = [s.fact.start for s in ordered if s.fact.kind in (Kind.ENTITY, Kind.NAME)]
    concepts = [s for s in ordered if s.fact.kind in (Kind.TERM, Kind.WORD)]
    if not concepts:
        return None
    participles = [s for s in concepts if s.fact.text.lower().endswith(PARTICIPLE_ENDINGS)]
    if len(participles) == 1:  # "the peak has been reached", "Sanctions levées": the one verb form there is
        return participles[0]
    after = [s for s in concepts if not names or s.fact.start > names[0]] or concepts
    # the first word after the subject that can only be a verb ("Solva sales fell 12%", "board approves")
    verbs = [s for s in after if _verb_only(s.fact.text)]
    if verbs:
        return verbs[0]
    if names and names[0] < concepts[-1].fact.start:
        return next(s for s in concepts if s.fact.start > names[0])
    return concepts[-1]


def _verb_only(word: str) -> bool:
    """Whether the open vocabulary knows a word as a verb and nothing else."""
    if " " in word:
        return False
    for lang in vocabulary.LANGS:
        pos = vocabulary.part_of_speech(word, lang)
        if pos:
            return pos == {"v"}
    return False


def clause_break(sentence: SentenceFacts, start: int, end: int) -> bool:
    return any(t.norm in CLAUSE_BREAKS for t in sentence.words if start < t.start < end)


def passive(sentence: SentenceFacts, verb: FactStatus) -> bool:
    """Whether the seed words after the matched verb say who did it ("définie par la Chine")."""
    after = [t.norm for t in sentence.words if t.start > verb.span[0]][:4]
    return "par" in after or "by" in after


def has_place_proform(sentence: SentenceFacts) -> bool:
    """Whether the sentence names a place by a stand-in ("dans le pays"), which the sentence before may resolve."""
    words = sentence.words
    return any(words[k].norm in DETERMINERS and words[k + 1].norm in PLACE_PROFORMS for k in range(len(words) - 1))


def comparable(knowledge: Knowledge, claim: Fact, rival: Fact) -> bool:
    """Whether two places can be rival answers to "where": same scale, or a city against a state it is not in."""
    a, b = types(claim) & PLACE_TYPES, types(rival) & PLACE_TYPES
    if a & b:
        return True
    if {"city", "state"} <= a | b:
        return not any(knowledge.within(x, y) or knowledge.within(y, x) for x in claim.value for y in rival.value)
    return False
