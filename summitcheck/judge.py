"""Judge: the verdict rules, over every evidence window of a seed, with a reason a person can act on.

A window is one focal sentence; names and concepts may also come from the sentence before or after (where
"le pays" or "cette dernière" stands for them), and background concepts from anywhere in the seed. Values
(numbers, dates, quotes...) must be in the focal sentence itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .analyse.knowledge import Knowledge
from .match import CONFLICT, MATCH, FactStatus, SentenceFacts, Settings, find_in_sentence
from .model import VALUE_KINDS, Fact, Kind, Verdict

MISSING = "missing"
ACTOR_TYPES = frozenset({"state", "org", "person"})
PLACE_TYPES = frozenset({"city", "region", "state", "site", "place"})
OPPOSITE_ROLES = {"from": ("to", "loc"), "to": ("from",)}
ATTACHED_TYPES = frozenset({"city", "region", "state", "site", "org"})


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    focal: int  # 1-based sentence number of the evidence window
    statuses: tuple[FactStatus, ...]
    score: tuple[int, ...]


def _types(fact: Fact) -> frozenset[str]:
    return frozenset(fact.extra[1]) if fact.kind is Kind.ENTITY and len(fact.extra) > 1 else frozenset()


def judge_seed(claim_facts: list[Fact], sentences: list[SentenceFacts], knowledge: Knowledge,
               settings: Settings, candidates: Iterable[int] | None = None) -> Judgement | None:
    """The best window of one seed for a claim: supported, else contradicted, else the closest unsupported one.

    `candidates` (0-based sentence positions) limits the focal sentences tried to those an index found sharing
    something with the claim; their neighbours are read too. It must include every sentence where a claim fact
    could match or conflict, so that the verdict is the same as without it.
    """
    if not claim_facts or not sentences:
        return None
    focals = sorted(set(range(len(sentences)) if candidates is None else candidates))
    read = sorted({k for f in focals for k in (f - 1, f, f + 1) if 0 <= k < len(sentences)})
    table: list[list[FactStatus | None]] = [[None] * len(sentences) for _ in claim_facts]
    for row, fact in zip(table, claim_facts, strict=True):
        for k in read:
            row[k] = find_in_sentence(fact, sentences[k], knowledge, settings)
    for row in table:  # words quoted exactly somewhere in the seed are no misquote of another sentence
        if any(s is not None and s.fact.kind is Kind.QUOTE and s.status == MATCH for s in row):
            row[:] = [s if s is None or s.status == MATCH else None for s in row]
    best: Judgement | None = None
    for focal in focals:
        if not any(row[focal] for row in table):
            continue
        judgement = _judge_window(claim_facts, table, sentences, focal, knowledge)
        if best is None or judgement.score > best.score:
            best = judgement
    return best


def _judge_window(claim_facts: list[Fact], table: list[list[FactStatus | None]], sentences: list[SentenceFacts],
                  focal: int, knowledge: Knowledge) -> Judgement:
    statuses: list[FactStatus] = []
    for fact, row in zip(claim_facts, table, strict=True):
        here = row[focal]
        if here is not None and here.status == MATCH:
            statuses.append(here)
            continue
        found = None
        nearby_ok = fact.role != "loc" or has_place_proform(sentences[focal])
        if fact.kind in (Kind.ENTITY, Kind.NAME, Kind.TERM, Kind.WORD) and nearby_ok:
            for k in (focal - 1, focal + 1):
                if 0 <= k < len(row) and row[k] is not None and row[k].status == MATCH:
                    found = _moved(row[k], "near")
                    break
        if found is None and fact.kind in (Kind.TERM, Kind.WORD):
            # background from elsewhere in the seed: only a topic word, one the seed uses more than once
            hits = [s for s in row if s is not None and s.status == MATCH]
            found = _moved(hits[0], "document") if len(hits) >= 2 else None
        if found is None and here is not None and here.status == CONFLICT:
            found = here
        statuses.append(found or FactStatus(fact, MISSING))
    statuses = _role_conflicts(statuses, sentences[focal], knowledge)
    statuses = _relations(statuses, sentences[focal])

    matched_here = sum(s.status == MATCH and s.where in ("sentence", "implied") for s in statuses)
    matched = sum(s.status == MATCH for s in statuses)
    conflicts = sum(s.status == CONFLICT for s in statuses)
    missing = sum(s.status == MISSING for s in statuses)
    far = sum(s.where == "document" for s in statuses)
    allowance = 1 if len(statuses) >= 3 else 0
    # The focal sentence must carry at least half of the claim (values weigh double: a quotation or a number is
    # what a sentence is about), not one name with the rest gathered from around it.
    here = sum(_weight(s.fact) for s in statuses if s.where in ("sentence", "implied") and s.status != MISSING)
    anchored = matched_here > 0 and 2 * here >= sum(_weight(s.fact) for s in statuses) and far <= allowance
    if missing == 0 and conflicts == 0 and anchored:
        verdict, rank = Verdict.SUPPORTED, 2
    elif missing == 0 and conflicts > 0 and anchored:
        verdict, rank = Verdict.CONTRADICTED, 1
    else:
        verdict, rank = Verdict.UNSUPPORTED, 0
    score = (rank, matched_here, matched, -far, -focal)
    return Judgement(verdict, focal + 1, tuple(statuses), score)


def _relations(statuses: list[FactStatus], sentence: SentenceFacts) -> list[FactStatus]:
    """Names all present but in another relation make a claim unsupported, never supported.

    Two signs are read in the focal sentence: the claim's object stands before the verb where its subject does
    not ("Russia accused the US" against "les Etats-Unis l'ont accusée"), and a name matched far from the claim's
    other words while another name of the same kind stands right by them ("Pyongyang's closest supporter is
    Moscow" against "Pékin, son plus proche soutien, et Moscou").
    """
    here = [s for s in statuses if s.status == MATCH and s.where == "sentence" and s.span]
    verbs = [s for s in here if s.fact.kind in (Kind.TERM, Kind.WORD)]
    names = [s for s in statuses if s.fact.kind is Kind.ENTITY]
    problems: dict[int, str] = {}
    if verbs and names:
        first_name = min(s.fact.start for s in names)
        verb = next((v for v in sorted(verbs, key=lambda v: v.fact.start) if v.fact.start > first_name), None)
        claim_passive = any(s.fact.role == "agent" for s in names)
        if verb is not None and not claim_passive and not _passive(sentence, verb):
            seed_verb = verb.span[0]
            subjects = [s for s in names if s.fact.start < verb.fact.start]
            objects = [s for s in names if s.fact.start > verb.fact.start]
            subject_before = any(s in here and s.span[0] < seed_verb for s in subjects)
            for subj in subjects:  # "Cette dernière a demandé ..., tandis que les Etats-Unis l'ont accusée"
                if subj in here and subj.span[0] > seed_verb and _clause_break(sentence, seed_verb, subj.span[0]):
                    problems[id(subj)] = "belongs to another clause of the seed sentence"
            for o in objects:
                if o in here and o.span[0] < seed_verb and not subject_before:
                    problems[id(o)] = "comes before the verb in the seed: another relation"
    anchors = [s.span[0] for s in here if s.fact.kind is not Kind.ENTITY]
    if anchors:
        used = {id(s.seed_fact) for s in statuses if s.seed_fact is not None}
        free = [f for f in sentence.facts if f.kind is Kind.ENTITY and id(f) not in used]

        def distance(start: int) -> int:
            return min(abs(start - a) for a in anchors)

        for s in here:  # places, states and bodies (a person, the subject, often stands far from the verb)
            if s.fact.kind is Kind.ENTITY and s.seed_fact is not None and s.fact.role is None:
                kinds = _types(s.seed_fact) & ATTACHED_TYPES
                closer = [f for f in free if _types(f) & kinds and distance(f.start) < distance(s.span[0])]
                if closer and distance(s.span[0]) > 2 * distance(closer[0].start) + 20:
                    problems[id(s)] = f"stands apart from the claim's words, where the seed names {closer[0].text!r}"
    problems.update(_not_asserted(statuses, sentence, verbs))
    if not problems:
        return statuses
    return [FactStatus(s.fact, MISSING, "relation", s.seed_fact, s.sentence, s.span, problems[id(s)])
            if id(s) in problems else s for s in statuses]


# Concepts under which an event is not asserted: asked for, hoped, denied, planned... ("a demandé la levée des
# sanctions" does not say the sanctions were lifted).
EMBEDDING = frozenset({"request", "expect", "hope", "want", "propose", "plan", "threaten", "deny", "reject",
                       "oppose", "accuse", "seek", "consider", "promise", "urge", "call-for", "refuse"})
NEGATION = frozenset({"not", "never", "no", "n't", "pas", "jamais", "aucun", "aucune", "ni", "nullement"})


def _not_asserted(statuses: list[FactStatus], sentence: SentenceFacts, verbs: list[FactStatus]) -> dict[int, str]:
    """The claim's main verb stands in the seed under a verb the claim does not have ("a demandé la levée des
    sanctions" for "sanctions were lifted"), or under a negation the claim does not have."""
    verb = _main_verb(statuses)
    if verb is None or verb not in verbs:
        return {}
    claimed = {c for s in statuses if s.fact.kind is Kind.TERM for c in s.fact.value}
    claim_negated = any(s.fact.kind is Kind.WORD and s.fact.text.lower() in NEGATION for s in statuses)
    at = verb.span[0]
    for f in sentence.facts:
        if f.kind is Kind.TERM and 0 < at - f.end <= 40 and set(f.value) & EMBEDDING and not set(f.value) & claimed:
            return {id(verb): f"is only {f.text!r} in the seed, not said to have happened"}
    before = [t.norm for t in sentence.words if at - 30 <= t.start < at]
    if not claim_negated and set(before) & NEGATION:
        return {id(verb): "is negated in the seed"}
    return {}


def _main_verb(statuses: list[FactStatus]) -> FactStatus | None:
    """The claim's predicate, roughly: the first concept after its first name ("Russia asked ..."), or its last
    concept when no name comes first ("International sanctions were lifted")."""
    ordered = sorted(statuses, key=lambda s: s.fact.start)
    names = [s.fact.start for s in ordered if s.fact.kind in (Kind.ENTITY, Kind.NAME)]
    concepts = [s for s in ordered if s.fact.kind in (Kind.TERM, Kind.WORD)]
    if not concepts:
        return None
    if names and names[0] < concepts[-1].fact.start:
        return next(s for s in concepts if s.fact.start > names[0])
    return concepts[-1]


CLAUSE_BREAKS = frozenset("tandis alors mais cependant pourtant while whereas but although however meanwhile".split())


def _clause_break(sentence: SentenceFacts, start: int, end: int) -> bool:
    return any(t.norm in CLAUSE_BREAKS for t in sentence.words if start < t.start < end)


def _passive(sentence: SentenceFacts, verb: FactStatus) -> bool:
    """Whether the seed words after the matched verb say who did it ("définie par la Chine")."""
    after = [t.norm for t in sentence.words if t.start > verb.span[0]][:4]
    return "par" in after or "by" in after


def _weight(fact: Fact) -> int:
    return 2 if fact.kind in VALUE_KINDS else 1


def _moved(status: FactStatus, where: str) -> FactStatus:
    return FactStatus(status.fact, status.status, where, status.seed_fact, status.sentence, status.span,
                      status.seed_text)


PLACE_PROFORMS = frozenset("pays country region ville city territoire territory ile island".split())
DETERMINERS = frozenset("le la l' ce cet cette the this that".split())


def has_place_proform(sentence: SentenceFacts) -> bool:
    """Whether the sentence names a place by a stand-in ("dans le pays"), which the sentence before may resolve."""
    words = sentence.words
    return any(words[k].norm in DETERMINERS and words[k + 1].norm in PLACE_PROFORMS for k in range(len(words) - 1))


def _comparable(knowledge: Knowledge, claim: Fact, rival: Fact) -> bool:
    """Whether two places can be rival answers to "where": same scale, or a city against a state it is not in."""
    a, b = set(_types(claim)) & PLACE_TYPES, set(_types(rival)) & PLACE_TYPES
    if a & b:
        return True
    if {"city", "state"} <= a | b:
        return not any(knowledge.within(x, y) or knowledge.within(y, x) for x in claim.value for y in rival.value)
    return False


def _role_conflicts(statuses: list[FactStatus], sentence: SentenceFacts, knowledge: Knowledge) -> list[FactStatus]:
    """Another place for the same event, another actor for the same act.

    A claim place after in/at, where the focal sentence puts something in another place of the same scale and
    does not put it in the claim's place, conflicts; so does a claim's first actor (before its first concept)
    that the window does not name, where the sentence names another actor of the same type before the words the
    claim matched.
    """
    used = {id(s.seed_fact) for s in statuses if s.seed_fact is not None}
    entities = [f for f in sentence.facts if f.kind is Kind.ENTITY and id(f) not in used]
    first_concept = min((s.fact.start for s in statuses if s.fact.kind in (Kind.TERM, Kind.WORD)), default=None)
    matched_spans = [s.span[0] for s in statuses if s.status == MATCH and s.span and s.where == "sentence"
                     and s.fact.kind in (Kind.TERM, Kind.WORD)]
    anchors = [s.span[0] for s in statuses if s.status == MATCH and s.span and s.where == "sentence"
               and s.fact.kind is not Kind.ENTITY]
    out = []
    for s in statuses:
        fact = s.fact
        rival = None
        if fact.kind is Kind.ENTITY and fact.role == "loc" and _types(fact) & PLACE_TYPES and s.status != CONFLICT:
            rivals = [e for e in entities if e.role == "loc" and _comparable(knowledge, fact, e)]
            here = s.seed_fact if s.status == MATCH and s.where == "sentence" else None
            if here is None:
                rival = rivals[0] if rivals else None
            elif rivals and anchors:
                # both places are in the sentence: the one nearer the claim's other words is where it happened,
                # and the claim's place, named for something else ("né à Varsovie"), says nothing of it
                def distance(f: Fact) -> int:
                    return min(abs(f.start - a) for a in anchors)

                nearest = min(rivals, key=distance)
                if distance(nearest) < distance(here):
                    s = FactStatus(fact, MISSING, "relation", here, s.sentence, s.span,
                                   f"is named for something else; the seed puts it in {nearest.text!r}")
        elif fact.kind is Kind.ENTITY and fact.role in ("with", "agent") and (s.status == MISSING or s.where == "near"):
            # "with Putin" where the sentence says "avec le président américain"; "by Joe Biden" where it says
            # "by António Guterres"
            rival = next((e for e in entities if e.role == fact.role and _types(e) & _types(fact)), None)
        elif fact.kind is Kind.ENTITY and fact.role in ("from", "to") and s.status == MATCH and s.seed_fact is not None \
                and s.seed_fact.role in OPPOSITE_ROLES[fact.role]:
            s = FactStatus(fact, MISSING, "relation", s.seed_fact, s.sentence, s.span,
                           "is where the seed's journey ends, not where it starts" if fact.role == "from"
                           else "is where the seed's journey starts, not where it ends")
        elif s.where == "near" and "person" in _types(fact) and fact.role is None:
            other = next((e for e in entities if "person" in _types(e)), None)
            if other is not None:  # the sentence names its own person: the claim's is someone else's business
                s = FactStatus(fact, MISSING, "relation", s.seed_fact, s.sentence, s.span,
                               f"is in the next sentence; this one is about {other.text!r}")
        elif (s.status == MISSING or s.where == "near") and fact.kind is Kind.ENTITY and _types(fact) & ACTOR_TYPES:
            # only for an act done to a named person ("put Kim Il Sung in power"): one actor can have done it,
            # where "threatened to block the package" may have had several
            if first_concept is not None and fact.start < first_concept and matched_spans and any(
                o.fact.kind is Kind.ENTITY and "person" in _types(o.fact) and o.fact.start > fact.start
                and o.status == MATCH and o.where == "sentence" for o in statuses
            ):
                verb_at = min(matched_spans)
                rival = next((e for e in entities if e.start < verb_at and _types(e) & _types(fact) & ACTOR_TYPES),
                             None)
        if rival is not None:
            s = FactStatus(fact, CONFLICT, "sentence", rival, sentence.index, (rival.start, rival.end), rival.text)
        out.append(s)
    return out


def is_value(fact: Fact) -> bool:
    return fact.kind in VALUE_KINDS



def reason(judgement: Judgement | None) -> str:
    """One line a person can act on: what conflicts, what is missing, or what the seed states."""
    if judgement is None:
        return "the claim has no checkable content"
    at = f"sentence {judgement.focal}"
    statuses = judgement.statuses
    if judgement.verdict is Verdict.CONTRADICTED:
        parts = [f"claim says {_shown(s.fact)}; seed says {s.seed_text!r}" for s in statuses if s.status == CONFLICT]
        return f"{'; '.join(parts)} ({at})"
    if judgement.verdict is Verdict.SUPPORTED:
        values = [s for s in statuses if s.fact.kind not in (Kind.WORD, Kind.TERM)] or list(statuses)
        parts = [f"{_shown(s.fact)} = {s.seed_text!r}" if s.seed_text else _shown(s.fact) for s in values[:4]]
        more = f" and {len(values) - 4} more" if len(values) > 4 else ""
        return f"stated in {at}: {', '.join(parts)}{more}"
    missing = [s for s in statuses if s.status == MISSING]
    if not any(s.status == MATCH for s in statuses):
        return "the seed states none of it"
    if missing:
        names = ", ".join(_shown(s.fact) for s in missing[:5])
        return f"the seed does not state {names} (closest: {at})"
    if any(s.status == CONFLICT for s in statuses):
        parts = [f"{_shown(s.fact)} vs {s.seed_text!r}" for s in statuses if s.status == CONFLICT]
        return f"conflicting values but too little else matches to tell: {'; '.join(parts)} ({at})"
    return f"the matching words are spread too thin to support it (closest: {at})"


def _shown(fact: Fact) -> str:
    if fact.kind in (Kind.WORD, Kind.TERM, Kind.NAME, Kind.ENTITY, Kind.QUOTE):
        return repr(fact.text)
    return f"{fact.text!r} ({fact.shown()})" if fact.shown() != fact.text else repr(fact.text)
