"""Relations: the claim's facts may all be in the focal sentence and still not say what the claim says.

Each rule reads one evidence window (the claim's fact statuses against one seed sentence) and turns a status into
a conflict (another place for the same event, another actor for the same act) or into a "relation" miss (the
words are there, in another relation: unsupported, never supported). The judge applies them all, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from .analyse import vocabulary
from .analyse.knowledge import Knowledge
from .analyse.tokens import Token
from .binding import (
    answered,
    attributive,
    background_verb,
    binding,
    compared,
    dated,
    dated_act,
    dated_event,
    described,
    foreign_opposite,
    implied_change,
    neither_here,
    object_as_doer,
    own_object,
    partners,
    predicate,
    reference,
    relative_home,
    respective_phrases,
    roles,
    subject_clause,
    titles,
    verb_elsewhere,
    verb_reference,
)
from .match import CONFLICT, MATCH, FactStatus, SentenceFacts
from .model import SUBJECT_ROLE, VALUE_KINDS, WHEN_KINDS, Fact, Kind, is_negation
from .read import clauses as reader
from .window import (  # the shared helpers, which the judge reads here too
    ACTOR_TYPES,
    APPOSITION_OPENERS,
    ATTACHED_TYPES,
    MISSING,
    PLACE_TYPES,
    Window,
    clause_break,
    comparable,
    main_verb,
    passive,
    relation_miss,
    types,
)

OPPOSITE_ROLES = {"from": ("to", "loc"), "to": ("from",)}

# Concepts under which an event is not asserted ("a demandé la levée des sanctions" does not say they were lifted).
EMBEDDING = frozenset(
    "request expect hope want propose plan threaten deny reject accuse seek promise urge refuse".split()
)


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
    """ "Left Vladivostok for Pyongyang" against "parti de Pyongyang, arrivé à Vladivostok"; "Sochaux loan
    Berrada to Lorient" against "Lorient a prêté Berrada au FC Sochaux": who the claim's act goes to is, in the
    seed, who does it, and the one it goes to there is the claim's doer."""
    seed = s.seed_fact
    if s.fact.role not in OPPOSITE_ROLES or s.status != MATCH or seed is None:
        return s
    if s.fact.role == "to" and seed.role is None and s.span:
        verb = next((v for v in w.verbs if v.span and v.fact.start < s.fact.start and s.span[1] <= v.span[0]), None)
        clause = w.reading.clause_at(s.span[0])
        receiver = next((f for f in (clause.places if clause else ()) if f.role in ("to", "loc") and verb
                         and verb.span and f.start > verb.span[1]), None)
        doer = next((o for o in w.statuses if o.fact.role is None and o.fact.kind in (Kind.NAME, Kind.ENTITY)
                     and o.status == MATCH and o.span and receiver is not None
                     and receiver.start <= o.span[0] < receiver.end), None)
        if verb is not None and receiver is not None and doer is not None:
            return w.conflict(s, receiver)
    if seed.role not in OPPOSITE_ROLES[s.fact.role]:
        return s
    where = "ends, not where it starts" if s.fact.role == "from" else "starts, not where it ends"
    return relation_miss(s, f"is where the seed's journey {where}")


def person_nearby(s: FactStatus, w: Window) -> FactStatus:
    """A person from the next sentence does not stand for the person this one names (a quotation's speaker), nor
    a name from the sentence before for the one this one names ("Dunleavy was charged")."""
    if s.where != "near" or s.fact.role is not None:
        return s
    if "person" in types(s.fact):
        other = next((e for e in w.free if "person" in types(e)), None)
    elif s.fact.kind is Kind.NAME or (s.seed_fact is not None and s.seed_fact.kind is Kind.NAME):
        # a name of no known type (or a claim word the seed writes as one, "Vidal convicted"): any other actor
        # this sentence names itself
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
    kept = _kept_from(w, at, clause)
    if kept is not None:
        return {id(verb): f"is what the seed's {kept!r} is to stop, not said to have happened"}
    return {}


# "keep the oil from reaching", "prevent it from spreading", "empêcher le feu d'atteindre": the act is stopped
PREVENTING = frozenset("keep keeps keeping kept prevent prevents preventing prevented stop stops stopping stopped "
                       "bar barred empecher empeche empechent empechant empeches".split())


def _kept_from(w: Window, at: int, clause: reader.Clause | None) -> str | None:
    """The preventing verb the claim's verb depends on through "from" / "de", in the verb's clause."""
    words = [t for t in w.sentence.words if t.end <= at and (clause is None or clause.holds(t.start))]
    if not words or words[-1].norm not in ("from", "de", "d'"):
        return None
    return next((t.text for t in reversed(words[-7:-1]) if t.norm in PREVENTING), None)




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


def unreal(w: Window) -> dict[int, str]:
    """A value or the claim's verb in a clause that says what would have been ("The penalty would have been
    £69.4 million, but it was cut by 30%") is not what happened."""
    verb = main_verb(w.statuses)
    problems = {}
    for s in w.here():
        if s.span is None or not (s.fact.kind in VALUE_KINDS or s is verb):
            continue
        clause = w.reading.clause_at(s.span[0])
        if clause is not None and clause.unreal is not None and s.span[0] >= clause.unreal:
            problems[id(s)] = "is what the seed says would have been, not what was"
    return problems


WINDOW_RULES: tuple[Callable[[Window], dict[int, str]], ...] = (word_order, attachment, apposition, asserted, unreal)


def apply(statuses: list[FactStatus], sentence: SentenceFacts, knowledge: Knowledge,
          before: SentenceFacts | None = None, after: SentenceFacts | None = None) -> list[FactStatus]:
    """Every rule, on one window: first the slot of each name, then the relations of the whole claim."""
    window = Window(statuses, sentence, knowledge, before, after)
    out = []
    for s in statuses:
        # the name rules read no other
        # (and a claim word the seed writes as a name: "Vidal convicted")
        if s.fact.kind in (Kind.ENTITY, Kind.NAME) or s.fact.role not in (None, SUBJECT_ROLE) or (
            s.seed_fact is not None and s.seed_fact.kind is Kind.NAME
        ):
            for rule in NAME_RULES:
                changed = rule(s, window)
                if changed is not s:
                    s = changed
                    break
        out.append(s)
    out = answered(out, window)
    if any(a is not b for a, b in zip(out, statuses, strict=True)):
        window = Window(out, sentence, knowledge, before, after)
    problems: dict[int, str] = {}
    for rule in WINDOW_RULES:
        problems.update(rule(window))
    swapped = roles(window)
    said = predicate(window)
    if any(s.status == CONFLICT for s in swapped.values()):
        said = {}  # "Rennes won the final" against "Lens a remporté ..., en battant le Stade rennais": the same
        # act with the roles swapped contradicts it; that the verb is Lens's is what the swap says
    flipped = {**subject_clause(window), **neither_here(window), **binding(window), **compared(window),
               **titles(window), **dated(window), **dated_act(window), **dated_event(window), **partners(window),
               **said,
               **background_verb(window), **verb_elsewhere(window), **verb_reference(window), **swapped,
               **polarity(window), **foreign_opposite(window), **attributive(window), **implied_change(window),
               **relative_home(window), **described(window),
               **own_object(window), **respective_phrases(window), **object_as_doer(window)}
    return [
        flipped.get(id(s)) or (relation_miss(s, problems[id(s)]) if id(s) in problems else s) for s in out
    ]


def polarity(w: Window) -> dict[int, FactStatus]:
    """The claim and the seed disagree on whether it happened: "Kim did not meet Putin" against "Kim a
    rencontré Poutine", or "The decision was unanimous" against "The decision was not unanimous"."""
    negations = [s for s in w.statuses if is_negation(s.fact)]
    if any(s.status == MATCH for s in negations):
        return {}
    verb = main_verb([s for s in w.statuses if s not in negations])
    if negations:  # a claim's negation denies the words right after it: "nobody hurt", "gave no figure"
        first = min(s.fact.start for s in negations)
        verb = next((s for s in sorted(w.statuses, key=lambda s: s.fact.start)
                     if s.fact.start > first and s.fact.kind in (Kind.TERM, Kind.WORD) and s not in negations), verb)
    if verb is not None and verb not in w.verbs:
        verb = None
    seed_negated = negated(w, verb) if verb is not None else None
    if seed_negated != "direct" and not negations:
        # the claim's predicate may be another of its words than the one main_verb guesses: a claim word right
        # after a verb's negation in the seed is what the seed denies ("Holm to join the combined group's
        # board" against "Holm will not join the enlarged group's board"). Not after "sans"/"without"/"no",
        # which the claim may say too ("homes without power").
        denied = next((s for s in w.verbs if s is not verb and s.span and negated(w, s, verbal=True) == "direct"),
                      None)
        if denied is not None:
            verb, seed_negated = denied, "direct"
    if verb is None:
        return {}
    if seed_negated == "governed":  # "did not comment on the talks": neither says the talks were, nor weren't
        return {id(verb): relation_miss(verb, "stands under a negated verb of the seed")}
    if negations and seed_negated == "direct":
        # both deny it ("nobody hurt" / "aucun blessé"): the claim's negation is the seed's
        word = _negation_word(w, verb)
        if word is None:
            return {}
        narrower = _qualifier(w, word, verb)
        if narrower is not None:  # "Nobody was hurt" against "sans faire de blessé grave": only the serious ones
            why = f"is more than the seed denies (only what is {narrower.text!r})"
            return {id(s): relation_miss(s, why) for s in negations}
        return {
            id(s): FactStatus(s.fact, MATCH, "sentence", None, w.sentence.index, (word.start, word.end), word.text)
            for s in negations
        }
    if bool(negations) == bool(seed_negated):
        return {}
    if negations:
        s = negations[0]
        return {id(s): FactStatus(s.fact, CONFLICT, "sentence", verb.seed_fact, w.sentence.index, verb.span,
                                  verb.seed_text or w.sentence.words[0].text)}
    return {id(verb): FactStatus(verb.fact, CONFLICT, "sentence", verb.seed_fact, w.sentence.index, verb.span,
                                 f"{verb.seed_text} (negated)")}


def _qualifier(w: Window, negation: Token, verb: FactStatus) -> Token | None:
    """A word of the seed's denied phrase that the claim does not say and that narrows what is denied: between
    the negation and the denied word ("no serious injuries"), or right after it ("aucun blessé grave")."""
    assert verb.span is not None
    lo, hi = verb.span
    words = w.sentence.words
    after = next((t for t in words if t.start >= hi), None)
    inside = [t for t in words if negation.end <= t.start and t.end <= lo]
    if after is not None and not w.sentence_text_between(hi, after.start).strip():
        inside.append(after)  # no punctuation between: "blessé grave", not "blessé, dit-il"
    said = [s.span for s in w.statuses if s.span and s.where == "sentence"]
    for t in inside:
        if any(a <= t.start < b for a, b in said) or t.norm in NOT_QUALIFIERS or w.knowledge.is_stopword(
                t, w.sentence.lang) or not vocabulary.senses(t.text, w.sentence.lang) or any(
                f.start <= t.start < f.end for f in w.sentence.facts if f.kind in VALUE_KINDS):
            continue  # (nor a figure: "aucun des deux skieurs" denies of both)
        return t
    return None


NOT_QUALIFIERS = reader.NEGATIONS | {"ne", "n'"}  # "aucun enfant ne garde": the negation's own words


def _negation_word(w: Window, verb: FactStatus) -> Token | None:
    """The seed's negation word that denies the word a claim's verb matched (the last before it in its clause)."""
    assert verb.span is not None
    at = verb.span[0]
    clause = w.reading.clause_at(at)
    starts = [n for n, reach in (clause.negated if clause is not None else ()) if n < at < reach]
    return next((t for t in w.sentence.words if starts and t.start == max(starts)), None)


def _bracketed_verb(w: Window, n: int, verb: FactStatus) -> bool:
    """French "ne ... pas" brackets the verb it denies: in "ne publie pas de marge" the verb between is what is
    denied, and the margin only stands under it."""
    words = w.sentence.words
    k = next((k for k, t in enumerate(words) if t.start == n), None)
    if k is None or words[k].norm not in FRENCH_NEGATIONS:
        return False
    ne = next((m for m in range(k - 1, max(-1, k - 4), -1) if words[m].norm in ("ne", "n'")), None)
    # (not an auxiliary or a pronoun: in "n'a pas adopté", the verb comes after "pas")
    return ne is not None and verb.span is not None and any(
        t.norm not in reader.FINITE and t.norm not in CLITICS and t.norm not in BRACKETED_ADVERBS
        and t.start != verb.span[0] for t in words[ne + 1 : k]
    )


CLITICS = frozenset("se s' l' le la les lui leur y en me m' te t' nous vous".split())
# Adverbs French sets inside "ne ... pas" beside the auxiliary: "n'a toujours pas de distributeur" denies the
# distributor as "n'a pas de distributeur" does
BRACKETED_ADVERBS = frozenset("toujours encore meme vraiment deja guere absolument donc pourtant alors".split())
FRENCH_NEGATIONS = frozenset("pas plus jamais point rien".split())  # what closes "ne ..."


def _between_ne_and_pas(w: Window, verb: FactStatus) -> bool:
    """Whether the seed word a claim's verb matched stands between "ne" and "pas" (or "plus", "jamais"), with
    only pronouns or an auxiliary beside it: "ne signera pas", "ne l'a jamais dit"; or after "ni ... ni ... n'a"."""
    assert verb.span is not None
    words = w.sentence.words
    k = next((k for k, t in enumerate(words) if t.start == verb.span[0]), None)
    if k is None:
        return False
    before = next((m for m in range(k - 1, max(-1, k - 4), -1) if words[m].norm not in CLITICS), None)
    after = next((m for m in range(k + 1, min(len(words), k + 3)) if words[m].norm not in reader.FINITE), None)
    if before is None:
        return False
    if words[before].norm in ("ne", "n'"):
        return after is not None and words[after].norm in FRENCH_NEGATIONS
    # "Ni le maire ni son adjoint n'ont assisté": after "ni ... ni", "ne" and the auxiliary need no "pas"
    if words[before].norm in reader.FINITE and before >= 1 and words[before - 1].norm in ("ne", "n'"):
        return any(t.norm == "ni" for t in words[max(0, before - 9) : before - 1])
    return False


def negated(w: Window, verb: FactStatus, verbal: bool = False) -> str | None:
    """Whether a negation of its own clause stands before the seed word a claim's verb matched: "direct" with
    no other concept of the seed between ("n'a pas adopté"), "governed" with one ("did not comment on the
    talks": the talks are neither said to have happened nor not), else None. `verbal`: only a verb's negation
    counts, not "sans"/"without"/"no"."""
    assert verb.span is not None
    at = verb.span[0]
    clause = w.reading.clause_at(at)
    if _between_ne_and_pas(w, verb):
        return "direct"  # "ne signera pas": French brackets the verb it denies
    found = None
    quotes = [f for f in w.sentence.facts if f.kind is Kind.QUOTE]
    for n, reach in clause.negated if clause is not None else ():
        if n >= at or at >= reach:
            continue
        if verbal and any(t.start == n and t.norm in reader.NOUN_NEGATIONS for t in w.sentence.words):
            continue  # only a verb's negation (verbal=True)
        quoted = next((q for q in quotes if q.start <= n < q.end), None)
        if quoted is not None and not quoted.start <= at < quoted.end:
            continue  # a negation in a quotation is its speaker's, for the words quoted with it
        # (a light verb between says nothing of its own: "sans donner de montant" denies the amount)
        between = any(
            f.kind is Kind.TERM and n < f.start and f.end <= at and f is not verb.seed_fact
            and vocabulary.senses(f.text, w.sentence.lang) for f in w.sentence.facts
        )
        found = "governed" if between or _bracketed_verb(w, n, verb) else "direct"
    return found


# ---------------------------------------------------------------------------------------------------------------
# Helpers the judge uses too.


def may_conflict_unmatched(fact: Fact, facts: Sequence[Fact]) -> bool:
    """Whether the relation rules can make a claim fact conflict in a window where no sentence answers it (the rules
    above): a negation the seed's verb lacks (polarity), a rival place or partner (place, slot), a rival
    actor of an act done to a named person (actor); or whose being unmatched does not stop a conflict from winning
    (judge._filler: a word no table links, a word written after a date or weekday). Such a fact does not bound a
    seed's verdict to 'unsupported'."""
    role = None if fact.role == SUBJECT_ROLE else fact.role
    if fact.kind is Kind.WORD:
        return True
    if fact.kind is Kind.TERM and any(f.kind in WHEN_KINDS and 0 <= fact.start - f.end <= 1 for f in facts):
        return True
    if fact.kind is not Kind.ENTITY or role is not None:
        return role is not None
    concepts = [f.start for f in facts if f.kind in (Kind.TERM, Kind.WORD)]
    return (
        bool(types(fact) & ACTOR_TYPES)
        and bool(concepts)
        and fact.start <= min(concepts)
        and any(f.kind is Kind.ENTITY and "person" in types(f) and f.start > fact.start for f in facts)
    )
