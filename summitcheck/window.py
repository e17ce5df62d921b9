"""The evidence window the judge's rules read: one focal sentence, the claim's fact statuses against it, its
clauses (read/), and the helpers every rule shares (what a name is, the claim's main verb, a relation miss).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .analyse import vocabulary
from .analyse.knowledge import Knowledge
from .match import CONFLICT, MATCH, FactStatus, SentenceFacts
from .model import SUBJECT_ROLE, Fact, Kind
from .read import clauses as reader

MISSING = "missing"

ACTOR_TYPES = frozenset({"state", "org", "person"})
PLACE_TYPES = frozenset({"city", "region", "state", "site", "place"})
ATTACHED_TYPES = frozenset({"city", "region", "state", "site", "org"})  # names that attach to nearby words
# What opens an apposition after a name and a comma ("Ferrow Rail, the line's operator,")
APPOSITION_OPENERS = frozenset("son sa ses leur leurs le la les l' un une its his her their the a an".split())
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
        sentence = self.sentence
        self.reading = reader.read(sentence.text, sentence.start, sentence.words, sentence.facts)
        used = {id(s.seed_fact) for s in self.statuses if s.seed_fact is not None}
        self.free = [f for f in sentence.facts if f.kind is Kind.ENTITY and id(f) not in used]
        here = self.here()
        self.anchors = [s.span[0] for s in here if s.fact.kind is not Kind.ENTITY and s.span is not None]
        self.verbs = [s for s in here if s.fact.kind in (Kind.TERM, Kind.WORD)]

    def here(self) -> list[FactStatus]:
        return [s for s in self.statuses if s.status == MATCH and s.where == "sentence" and s.span]

    def claimed(self, offset: int) -> bool:
        """Whether a claim fact met in this sentence covers the seed word at `offset`."""
        return any(s.span[0] <= offset < s.span[1] for s in self.here() if s.span is not None)

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


def named(s: FactStatus, w: Window) -> bool:
    """A name of the claim's, or a claim word the seed writes as a name ("Vessel has led ...", "Labour wins ..."
    against "and Labour 9")."""
    if s.fact.kind in reader.NAME_KINDS or (s.seed_fact is not None and s.seed_fact.kind in reader.NAME_KINDS):
        return True
    if s.fact.role == SUBJECT_ROLE and s.where == "sentence":  # "Finance ministry: ..." (store.claim_facts)
        return True
    if name_like(s.fact) and s.status == MATCH and s.seed_text[:1].isupper():
        return True  # "Cyclist Price" against "Owen Price": a name a table also reads as a word
    if not (s.fact.extra and len(s.fact.extra) == 2 and s.fact.extra[1]) or s.span is None or s.where != "sentence":
        return False  # only a claim's first word may be a name the tables read as a word
    lo = s.span[0]
    if any(f.kind is Kind.NAME and f.start <= lo < f.end for f in w.sentence.facts):
        return True
    # both start with it, capitalised: a name as likely as a common word ("Hartley took 41%"), and reading it
    # as a name only binds the claim's values more strictly
    words = w.sentence.words
    return bool(words) and words[0].start == lo and words[0].text[:1].isupper() and s.fact.start == 0


PARTICIPLE_ENDINGS = ("ed", "é", "ée", "és", "ées")


def main_verb(statuses: list[FactStatus]) -> FactStatus | None:
    """The claim's predicate, roughly: the first concept after its first name ("Russia asked ..."), or its last
    concept when no name comes first ("International sanctions were lifted")."""
    ordered = sorted(statuses, key=lambda s: s.fact.start)
    names = [s.fact.start for s in ordered if s.fact.kind in (Kind.ENTITY, Kind.NAME) or name_like(s.fact)]
    concepts = [s for s in ordered if s.fact.kind in (Kind.TERM, Kind.WORD) and not name_like(s.fact)]
    if not concepts:
        return None
    participles = [s for s in concepts if participle(s.fact.text.split()[0])]  # "voted against"
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


def participle(word: str) -> bool:
    """A word with a participle's ending, but not a noun that merely ends so ("top seed", "speed", "need")."""
    word = word.lower()
    if not word.endswith(PARTICIPLE_ENDINGS):
        return False
    return not (word.endswith("ed") and vocabulary.lemmas(word, "en") == (word,)
                and "n" in vocabulary.part_of_speech(word, "en"))


def name_like(fact: Fact) -> bool:
    """A claim word capitalised where the claim does not start: a name that a table also reads as a word
    ("Cyclist Price charged with ..."), never its predicate. The claim's first word, when it may be a name
    ("Lens beat Rennes", "Reform raises ..."), is its subject's place, never its predicate either."""
    if fact.role == SUBJECT_ROLE:
        return True  # "Finance ministry: rise will cost ...": whose the rest is (store.claim_facts)
    if fact.kind is Kind.WORD:
        return fact.start == 0 and len(fact.extra) == 2 and bool(fact.extra[1])
    if fact.kind is not Kind.TERM or not fact.text[:1].isupper() or fact.text.isupper():
        return False
    return fact.start > 0 or (len(fact.extra) == 2 and bool(fact.extra[1]))


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
    return any(t.norm in reader.CONNECTIVES for t in sentence.words if start < t.start < end)


def passive(sentence: SentenceFacts, verb: FactStatus) -> bool:
    """Whether the seed words after the matched verb say who did it ("définie par la Chine")."""
    if verb.span is None:
        return False
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
