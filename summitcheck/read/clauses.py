"""Clauses: a seed sentence cut into the clauses that bind values to the actors they belong to.

"Azerbaijan sent 120 rescuers, Greece a team of 45 firefighters" has two clauses (the second with its verb left
out), and 120 belongs to Azerbaijan, never to Greece. "la liste d'Henri Marchetti, qui obtient 38,9 %" has a
relative clause whose actor is the name it hangs on. A clause knows its span, its actors (the names it holds,
or the one it inherits) and whether a negation governs it.

The reader works on the tokens and facts the analysers already made, with the signals both languages share:
punctuation, conjunctions, relative pronouns, participles and "respectivement" / "respectively". It is no
parser: where it sees no boundary it keeps one clause, which binds nothing apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..analyse import vocabulary
from ..analyse.knowledge import FUNCTION_WORDS
from ..analyse.tokens import Token
from ..model import VALUE_KINDS, Fact, Kind

# Words that open a new clause, after a comma or not: "tandis que", "while", "mais", "but".
CONNECTIVES = frozenset("tandis alors mais cependant pourtant while whereas but although however meanwhile".split())
# After a comma, in a list of gapped clauses only ("..., et le RN 5"): elsewhere they join names as often as
# clauses ("Pékin, son plus proche soutien, et Moscou")
COMMA_CONNECTIVES = frozenset("et and puis then or ou".split())
# Connectives that are adverbs: set off by commas they are an aside, not a new clause ("Transactions, however,
# fell 5%"; "Le chômage a, pourtant, reculé")
ADVERB_CONNECTIVES = frozenset("cependant pourtant however meanwhile".split())
RELATIVES = frozenset("qui dont lequel laquelle lesquels lesquelles which who whom whose".split())
# Relatives whose antecedent is not their subject: "Leon Marsh, whose co-defendant ... was convicted"
NOT_SUBJECT_RELATIVES = frozenset("dont whom whose".split())
# A relative after a preposition has a subject of its own, comma or not: "a month in which sellers raise them",
# "la réunion au cours de laquelle le maire a démissionné"
OBLIQUE_RELATIVES = frozenset("which whom lequel laquelle lesquels lesquelles duquel desquels desquelles auquel "
                              "auxquels auxquelles".split())
RESPECTIVELY = frozenset({"respectivement", "respectively"})
# Finite auxiliaries and modals: after a comma that closes a relative clause, the main clause's verb resumes
# ("The debt, which stood at €431m, is expected to reach €455m")
FINITE = frozenset(
    "est sont etait etaient a ont avait avaient sera seront serait devrait devraient doit doivent peut peuvent "
    "pourrait pourraient va vont reste restent is are was were will would should could can may might must has "
    "have had remains".split()
)
NEGATIONS = frozenset(
    "not never no n't pas jamais aucun aucune ni nullement plus without sans nobody none nothing neither nor personne "
    "rien".split()
)
# These deny the noun right after them ("sans le moindre accord", "without power"), not the clause's verb
NOUN_NEGATIONS = frozenset("no aucun aucune without sans ni".split())
NOUN_SCOPE = 4  # words
# A name after these is where something happens, not who does it ("killed ... in Swansea", "près de Lyon")
LOCATIVES = frozenset("in at a au aux en dans sur on near pres outside inside hors across throughout off".split())
FAILED = frozenset("failed fails fail failing echoue echouent".split())  # "failed to finish": it did not
# "ne ... plus" is a negation only with "ne"/"n'": "plus" alone is "more"
NEEDS_NE = frozenset({"plus", "personne", "rien"})  # "personne" alone is a person
NAME_KINDS = frozenset({Kind.ENTITY, Kind.NAME})
# What lists and "respectivement" share out between names: amounts, not the dates around them
AMOUNT_KINDS = frozenset({Kind.NUMBER, Kind.MONEY, Kind.PERCENT, Kind.DURATION})
VALUE_FACT_KINDS = VALUE_KINDS - {Kind.QUOTE}  # what a clause owns


@dataclass(frozen=True)
class Clause:
    start: int  # seed offsets
    end: int
    kind: str  # main | coordinate | relative | gapped | participial
    actors: tuple[Fact, ...]  # the names that act in it, or that it inherits (a relative clause: its antecedent)
    negated: tuple[tuple[int, int], ...] = ()  # (offset, end of its reach) of each negation word it holds
    places: tuple[Fact, ...] = ()  # the places it names ("174 mm à Aubenas")
    unreal: int | None = None  # from here on it says what would have been ("the fine would have been £69.4m")
    # its subject is the clause before's: a relative, a participle, or a conjunct that opens on its verb ("and
    # reopened at noon"); a conjunct with a subject of its own ("while the westbound lanes reopened") has none
    inherits: bool = False

    def holds(self, offset: int) -> bool:
        return self.start <= offset < self.end

    @property
    def participants(self) -> tuple[Fact, ...]:
        """Whom and where its values belong to."""
        return self.actors + self.places


@dataclass(frozen=True)
class Reading:
    """A sentence as clauses, with the pairs that "respectivement" makes."""

    clauses: tuple[Clause, ...]
    respective: tuple[tuple[Fact, Fact], ...] = ()  # (actor, value) pairs
    partners: tuple[tuple[Fact, Fact], ...] = ()  # (name, name) pairs of "respectivement"

    def clause_at(self, offset: int) -> Clause | None:
        return next((c for c in self.clauses if c.holds(offset)), None)

    def subject_of(self, offset: int) -> int | None:
        """The clause whose subject the clause at `offset` speaks of (its index): its own, or, for a clause that
        inherits its subject, the nearest one before that does not."""
        k = next((n for n, c in enumerate(self.clauses) if c.holds(offset)), None)
        while k is not None and k > 0 and self.clauses[k].inherits:
            k -= 1
        return k

    def is_place(self, offset: int) -> bool:
        """Whether the name at `offset` is, in this sentence, a place where something happens."""
        return any(f.start <= offset < f.end for c in self.clauses for f in c.places)

    def paired(self, offset: int) -> tuple[Fact, ...]:
        """The actor "respectivement" pairs a value at `offset` with, if any."""
        return tuple(a for a, v in self.respective if v.start <= offset < v.end)

    def partner(self, offset: int) -> tuple[int, Fact] | None:
        """(the side of the name at `offset`, 0 or 1, and the name of the other side it is paired with) where
        "respectivement" pairs it."""
        for a, b in self.partners:
            if a.start <= offset < a.end:
                return 0, b
            if b.start <= offset < b.end:
                return 1, a
        return None


def is_actor(fact: Fact) -> bool:
    """A name that can do something: not a place named as where something happens ("à Lyon")."""
    return fact.kind in NAME_KINDS and fact.role not in ("loc", "from", "to")


def _placed(words: Sequence[Token], fact: Fact) -> bool:
    """A name the analysers gave no slot whose preposition says it is a place ("near Llandeilo")."""
    before = [t for t in words if t.end <= fact.start][-2:]
    return any(t.norm in LOCATIVES for t in before[-1:]) or (
        len(before) == 2 and before[-1].norm in ("le", "la", "les", "l'", "the") and before[0].norm in LOCATIVES
    )


def read(text: str, base: int, words: Sequence[Token], facts: Sequence[Fact]) -> Reading:
    """The clauses of one sentence: `text` starts at offset `base`; `words` are its word tokens."""
    if not words:
        return Reading((Clause(base, base + len(text), "main", ()),))
    named = [f for f in facts if f.kind in NAME_KINDS and not _source(text, base, f)]
    places = sorted((f for f in named if not is_actor(f) or _placed(words, f)), key=lambda f: f.start)
    names = sorted((f for f in named if f not in places), key=lambda f: f.start)
    amounts = [v for v in facts if v.kind in AMOUNT_KINDS]
    # a conjunct may share the verb with a name and a date of its own: "a entendu mardi X, puis son adjoint Y
    # mercredi" (after "et"/"puis" only: a comma alone sets off too much else)
    dates = [v for v in facts if v.kind in (Kind.DATE, Kind.WEEKDAY)]
    cuts: list[tuple[int, str]] = []  # (offset where a clause starts, its kind)
    colons: set[int] = set()  # clauses after a colon: they say more of the subject before it
    nouns: set[int] = set()  # gapped clauses whose subject is a noun, not a name ("and the coastguard 75")
    oblique: set[int] = set()  # relative clauses after a preposition: their antecedent is not their subject
    absolute: set[int] = set()  # absolute clauses ("with Brunner fourth"): a subject of their own
    n = len(words)
    for k in range(1, n):
        gap = text[words[k - 1].end - base : words[k].start - base]
        word = words[k].norm
        comma = "," in DIGIT_COMMA.sub("", gap)  # not the comma of "1,240"
        aside = word in ADVERB_CONNECTIVES and k + 1 < n and "," in text[words[k].end - base : words[k + 1].start
                                                                              - base]
        marks = DIGIT_COLON.sub("", gap)  # not the colon of "2:11:05"
        if any(c in marks for c in ";:—") or " – " in gap or (word in CONNECTIVES and not aside):
            cuts.append((words[k].start, "coordinate"))
            if ":" in marks:
                colons.add(words[k].start)
        elif comma and word in RELATIVES:
            cuts.append((words[k].start, "relative"))
        elif word in OBLIQUE_RELATIVES and (opens := _preposition_before(words, k)) is not None:
            cuts.append((words[opens].start, "relative"))
            oblique.add(words[opens].start)
        elif comma and cuts and cuts[-1][1] == "relative" and _finite_after_clitics(words, k) and _has_verb(
                words, cuts[-1][0], k):
            cuts.append((words[k].start, "resumed"))  # "La dette, qui s'élevait à 431 M, devrait atteindre 455 M"
        elif comma and cuts and cuts[-1][1] == "apposed" and _finite_at(words, k):
            cuts.append((words[k].start, "resumed"))  # "La cueillette, ouverte le 28 août ..., s'est achevée"
        elif comma and not cuts and past_participle(words[k]) and _resumes(text, base, words, k):
            cuts.append((words[k].start, "apposed"))
        elif comma and word in COMMA_CONNECTIVES and _own_verb(text, base, words, k):
            cuts.append((words[k].start, "coordinate"))  # "..., and junior doctors will walk out on Thursday"
        elif comma and word in ("with", "avec") and _absolute(words, k):
            cuts.append((words[k].start, "coordinate"))  # "..., with Brunner fourth and Aas failing to finish"
            absolute.add(words[k].start)
        elif word in ("et", "and") and _absolute(words, k) and _has_verb(
                words, max(cuts[-1][0] if cuts else base, base + text.rfind(",", 0, words[k].start - base)), k):
            # "... ayant voté contre et la Belgique s'étant abstenue" (not "la Suède et le Danemark ayant voté")
            cuts.append((words[k].start, "coordinate"))
            absolute.add(words[k].start)
        elif not comma and word in ("et", "and") and (_conjugated(words, k + 1) or (
                word == "and" and k + 1 < n and words[k + 1].text.lower() in ENGLISH_FINITE
                and _has_verb(words, cuts[-1][0] if cuts else base, k))
        ) and cuts[-1:] != [(words[k].start, "coordinate")]:
            # "... closed 6.4% lower on Wednesday and were up 1.1% on Thursday": the subject's second act
            cuts.append((words[k].start, "coordinate"))  # "doit revoir la direction mardi et appelle à une grève"
        elif (comma or _gerund(words, k)) and _participle(words, k):
            cuts.append((words[k].start, "participial"))
        elif comma and word in SET_AGAINST and any(_soon_after(text, base, words[k].end, f.start) for f in amounts):
            cuts.append((words[k].start, "gapped"))  # "45 cm in Belleville, against 38 cm in Kingston"
            after = next((t for t in words[k + 1 :] if "," in text[t.start - base - 2 : t.start - base]), None)
            if after is not None:  # "..., contre 8,10 euros l'an dernier, soit la première baisse": the main again
                cuts.append((after.start, "resumed"))
        elif (comma or word in COMMA_CONNECTIVES) and (gap_kind := _gapped(
                text, base, words, k, [*names, *places], amounts, cuts[-1][0] if cuts else base) or (
                word in COMMA_CONNECTIVES and _gapped(text, base, words, k, names, dates, cuts[-1][0] if cuts else base)
                == "name")):
            cuts.append((_after_comma(text, base, words, k), "gapped"))
            if gap_kind == "noun":
                nouns.add(cuts[-1][0])
    bounds = [(base, "main"), *cuts, (base + len(text), "")]
    clauses: list[Clause] = []
    for (lo, kind), (hi, _) in pairwise(bounds):
        own = tuple(f for f in names if lo <= f.start < hi)
        negated = tuple(_negations(words, lo, hi))
        if kind == "relative" and word_at(words, lo) not in NOT_SUBJECT_RELATIVES and lo not in oblique:
            # "la liste d'Henri Marchetti, candidat des Républicains (LR), qui obtient 38,9 %": the name it hangs
            # on, past the names in brackets and the complements of an apposition, which it keeps too
            own = (*_antecedents(text, base, words, [f for f in names if f.end <= lo]), *own)
        elif kind in ("participial", "resumed", "apposed") and clauses:
            own = (*clauses[0].actors, *own)  # ", en battant X": the main clause's subject acts
        elif not own and clauses and kind == "coordinate" and words_in(words, lo, hi) <= 3:
            own = clauses[-1].actors  # a short tail ("..., et prend effet mercredi") keeps its subject
        elif clauses and kind == "coordinate" and _verb_opens(words, lo):
            # "La CGT a dénoncé un plan ... et appelé à un débrayage": the verb's subject is the clause before's
            own = (*clauses[-1].actors, *own)
        where = tuple(f for f in places if lo <= f.start < hi)
        # a gapped clause with no doer of its own says more of the one before ("14 morts et 230 blessés à Madagascar")
        inherits = lo not in absolute and (
            (kind in ("relative", "participial", "resumed", "apposed") and lo not in oblique) or lo in colons
            or (kind == "gapped" and not own and lo not in nouns)
            or (kind == "coordinate" and (
                words_in(words, lo, hi) <= 3 or _verb_opens(words, lo) or _subjectless(words, lo))))
        clauses.append(Clause(lo, hi, kind, own, negated, where, _unreal(words, lo, hi), inherits))
    # "respectivement deuxième", "attaqués respectivement le 9 janvier et le 21 février"
    shared = [v for v in facts if v.kind in AMOUNT_KINDS or v.kind in (Kind.ORDINAL, Kind.DATE, Kind.WEEKDAY)]
    return Reading(tuple(clauses), *_respective(text, base, words, names, shared))


# Prepositions a relative pronoun may follow ("in which", "au cours de laquelle", "pendant lequel")
RELATIVE_PREPOSITIONS = frozenset(
    "in on at during for with by from under after before through dans sur pendant avec par pour sous lors apres "
    "avant selon vers entre de".split()
)


ENGLISH_FINITE = frozenset("is are was were will would should could can may might must has have had".split())
# Pronouns a French finite verb may carry before it: "qui avait voté contre, l'a soutenu mardi", "n'a pas"
CLITICS = frozenset("l' le la les lui leur y en se s' ne n' me m' te t' nous vous".split())


def _finite_after_clitics(words: Sequence[Token], k: int) -> bool:
    """Whether word k is a finite auxiliary or modal, after the pronouns French sets before one ("l'a")."""
    while k < len(words) - 1 and words[k].norm in CLITICS:
        k += 1
    return words[k].norm in FINITE


# Participles that make an absolute clause of a name: "la Belgique s'étant abstenue", "Aas failing to finish"
ABSOLUTE_PARTICIPLES = frozenset("etant ayant being having".split())


def _absolute(words: Sequence[Token], k: int) -> bool:
    """Whether the words after "et"/"and"/"with" at k are a name and a predicate of its own, no finite verb: an
    absolute clause ("et la Belgique s'étant abstenue", ", with Brunner fourth"). The name comes within two
    words (after a determiner), then a participle of being or having, or an ordinal, or an -ing verb."""
    j = k + 1
    while j < len(words) and words[j].norm in ("la", "le", "les", "l'", "the"):
        j += 1
    if j >= len(words) or not words[j].is_capitalised:
        return False
    while j + 1 < len(words) and words[j + 1].is_capitalised:
        j += 1  # the rest of the name
    nxt = words[j + 1 : j + 3]
    if not nxt:
        return False
    first = nxt[0].norm if nxt[0].norm not in ("s'", "se") or len(nxt) < 2 else nxt[1].norm
    return first in ABSOLUTE_PARTICIPLES or first.endswith(("ing",)) or bool(PLACES.fullmatch(first))


# A place in a ranking, as an absolute clause says it: ", with Marsh second", "avec Dupont 3e"
PLACES = re.compile(r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(st|nd|rd|th|e|er)")


def _preposition_before(words: Sequence[Token], k: int) -> int | None:
    """The index of the preposition a relative pronoun at `k` follows, through "au cours de", or None."""
    j = k - 1
    if j < 1 or words[j].norm not in RELATIVE_PREPOSITIONS:
        return None
    if words[j].norm == "de" and j >= 2 and words[j - 1].norm == "cours" and words[j - 2].norm in ("au", "en"):
        return j - 2  # "au cours de laquelle"
    return j


SOURCE_MARKERS = ("selon", "according to", "d'apres", "d'après", "per")


def _source(text: str, base: int, fact: Fact) -> bool:
    """ "Selon Lee Hsien Loong, ...", "according to the ministry": who says it, not who does it."""
    before = text[max(0, fact.start - base - 14) : fact.start - base].lower()
    before = before.rstrip(" ").removesuffix("the").removesuffix("le").removesuffix("la").rstrip(" ")
    return before.endswith(SOURCE_MARKERS)


def _antecedents(text: str, base: int, words: Sequence[Token], before: Sequence[Fact]) -> tuple[Fact, ...]:
    """The names a relative clause hangs on: the last one before it, or, where that one stands in brackets or
    after "des"/"du"/"of the" (a complement), back to the first that does not, with those passed."""
    chain: list[Fact] = []
    for f in reversed(before):
        chain.append(f)
        in_brackets = text[max(0, f.start - base - 1) : f.start - base] == "("
        complement = _words_before(words, f) in (("des",), ("du",), ("of", "the"))
        if not (in_brackets or complement):
            break
    return tuple(reversed(chain))


def _words_before(words: Sequence[Token], f: Fact) -> tuple[str, ...]:
    """The word before a name, or the two of "of the" ("candidat des Républicains", "leader of the Greens")."""
    before = tuple(t.norm for t in words if t.end <= f.start)[-2:]
    return before if before == ("of", "the") else before[-1:]


def word_at(words: Sequence[Token], offset: int) -> str:
    """The word that starts at `offset` (a clause's first: "qui", "whose")."""
    return next((t.norm for t in words if t.start == offset), "")


SET_AGAINST = frozenset("against contre versus vs".split())


def _soon_after(text: str, base: int, end: int, offset: int) -> bool:
    """Whether `offset` comes a word or two after `end`, no punctuation between ("against 38 cm", "contre
    près de 40 %")."""
    between = text[end - base : offset - base] if end <= offset else ","
    return len(between.split()) <= 2 and not any(c in between for c in ",;:.")


def words_in(words: Sequence[Token], lo: int, hi: int) -> int:
    return sum(1 for t in words if lo <= t.start < hi)


def _own_verb(text: str, base: int, words: Sequence[Token], k: int) -> bool:
    """Whether the conjunct opened by word k ("et", "and") has a subject and a finite verb of its own within a few
    words, before any comma: "..., and junior doctors will walk out", "..., et les syndicats ont appelé"."""
    for j in range(k + 2, min(len(words), k + 6)):
        if "," in text[words[j - 1].end - base : words[j].start - base]:
            return False
        if words[j].norm in FINITE:
            return True
    return False


def _verb_opens(words: Sequence[Token], lo: int) -> bool:
    """Whether a clause opens on "et"/"and" and a verb with no subject between ("et appelé à", "et appelle",
    "and called for")."""
    k = next((n for n, t in enumerate(words) if t.start >= lo), None)
    if k is None or words[k].norm not in ("et", "and") or k + 1 >= len(words):
        return False
    nxt = words[k + 1]
    if nxt.norm in FINITE or _conjugated(words, k + 1):
        return True
    text = nxt.text.lower()
    return not nxt.is_capitalised and text.endswith(("é", "ée", "és", "ées", "ed")) and vocabulary.may_be_verb(nxt.text)


OPENERS = CONNECTIVES | COMMA_CONNECTIVES | {"que", "qu'"}  # "tandis que", "alors qu'"
MODALS = frozenset("will would shall should can could may might must to".split())
# References that stand for a name of the sentence before: a subject pronoun stands for its subject, "cette
# dernière" / "the latter" for the last name it gave, "the 24-year-old" / "le quadragénaire" for the one of that age.
SUBJECT_PRONOUNS = frozenset("il elle ils elles he she they".split())
# Within a sentence, a conjunct whose subject is one of these speaks of the subject before ("while he was in the
# sin bin"), "it" too ("The board did not approve the merger, but it raised the dividend")
CONJUNCT_PRONOUNS = SUBJECT_PRONOUNS | {"it"}


def _subjectless(words: Sequence[Token], lo: int) -> bool:
    """Whether a conjunct goes on with a verb right after its conjunctions, its subject left to the clause before
    ("but was released on Friday", "mais a été libéré"), or with a pronoun that stands for it ("while he was")."""
    k = next((n for n, t in enumerate(words) if t.start >= lo), None)
    while k is not None and k < len(words) and words[k].norm in OPENERS:
        k += 1
    if k is None or k >= len(words):
        return False
    # "will cut household bills by 3%, but raise charges ...": a bare verb under the modal before
    word = words[k]
    bare = word.is_word and not word.is_capitalised and "v" in vocabulary.part_of_speech(word.text, "en") and (
        vocabulary.lemmas(word.text, "en") == (word.text.lower(),)) and any(t.norm in MODALS for t in words[:k])
    # "..., to beat Norway's Sindre Aas": an infinitive of purpose is the subject's act too
    infinitive = word.norm in ("to", "pour", "afin") and k + 1 < len(words) and words[k + 1].is_word and (
        not words[k + 1].is_capitalised and vocabulary.may_be_verb(words[k + 1].text))
    return bare or infinitive or _finite_at(words, k) or past_participle(word) or word.norm in CONJUNCT_PRONOUNS


def _conjugated(words: Sequence[Token], k: int) -> bool:
    """Whether word k is a French verb in a finite form ("appelle", "prévoient"): a form of an infinitive,
    not a participle, lower case; its clause then shares the subject before "et" but has its own complements."""
    if k >= len(words) or not words[k].is_word or words[k].is_capitalised:
        return False
    word = words[k].norm
    if word.endswith(("e", "é", "ee", "es", "ees", "ant", "er", "ir")) and not word.endswith(("ent", "le")):
        return False  # participles, infinitives, and the -e forms nouns share ("une grève", "la liste")
    lemmas = vocabulary.lemmas(words[k].text, "fr")
    return any(lemma.endswith(("er", "ir", "re", "oir")) and lemma != words[k].text.lower() for lemma in lemmas)


def _has_verb(words: Sequence[Token], start: int, k: int) -> bool:
    """Whether the words from `start` to word k hold a verb the open vocabulary knows ("qui s'élevait à 431 M"),
    not only names and nouns ("whose co-defendant, Gary Pike, was convicted": the relative goes on)."""
    inside = [t for t in words[:k] if t.start > start and t.is_word and not t.is_capitalised]
    return any(vocabulary.may_be_verb(t.text) for t in inside)


DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d)")
DIGIT_COLON = re.compile(r"\d+(?::\d+)+")  # a clock time or a race time inside a gap
# Endings of past participles ("ouverte", "élu", "lancées", "construit", "opened", "built", "chosen")
PAST_PARTICIPLE_ENDS = ("é", "ée", "és", "ées", "u", "ue", "us", "ues", "i", "ie", "is", "ies", "it", "ite", "its",
                        "ites", "ert", "erte", "erts", "ertes", "ed", "en", "wn")


def past_participle(word: Token) -> bool:
    """A lower-case word with a past participle's ending, not an auxiliary or a function word."""
    text = word.text.lower()
    return word.is_word and not word.is_capitalised and len(text) > 3 and text.endswith(PAST_PARTICIPLE_ENDS) and (
        word.norm not in FINITE and word.norm not in FUNCTION_WORDS
    )


def _finite_at(words: Sequence[Token], k: int) -> bool:
    """A finite verb at word k, after a reflexive pronoun or not ("s'est achevée", "a démissionné", "collapsed")."""
    if words[k].norm in ("s'", "se") and k + 1 < len(words):
        k += 1
    return words[k].norm in FINITE or _conjugated(words, k) or (
        words[k].norm.endswith("ed") and not words[k].is_capitalised and vocabulary.may_be_verb(words[k].text)
    )


def _resumes(text: str, base: int, words: Sequence[Token], k: int) -> bool:
    """Whether, after an apposition opened at word k, a comma and a finite verb take up the sentence's subject
    again: "La cueillette, ouverte le 28 août dans la Côte des Bar, s'est achevée le 22 septembre"."""
    for m in range(k + 1, len(words)):
        if "," in text[words[m - 1].end - base : words[m].start - base]:
            return _finite_at(words, m)
    return False


def _gerund(words: Sequence[Token], k: int) -> bool:
    """ "en battant": a French gerund opens a clause on the main subject, comma or not."""
    return words[k].norm == "en" and k + 1 < len(words) and words[k + 1].norm.endswith("ant")


def _participle(words: Sequence[Token], k: int) -> bool:
    """ ", en battant X", ", beating X": a participle that opens a clause on the main subject."""
    word = words[k].norm
    if word == "en" and k + 1 < len(words) and words[k + 1].norm.endswith("ant"):
        return True
    return len(word) > 5 and word.endswith("ing") and not words[k].is_capitalised


def _after_comma(text: str, base: int, words: Sequence[Token], k: int) -> int:
    """Where the conjunct after the gap before word k starts: right after its comma ("212 mm à Privas, 174 mm"
    starts on the figure, which is no word), else on word k."""
    gap_start = words[k - 1].end
    comma = text.rfind(",", gap_start - base, words[k].start - base)
    if comma < 0:
        return words[k].start
    at = comma + 1
    while at < len(text) and text[at].isspace():
        at += 1
    return base + at


def _gapped(text: str, base: int, words: Sequence[Token], k: int, names: Sequence[Fact], amounts: Sequence[Fact],
            since: int) -> str:
    """A list of clauses that share one verb: "Azerbaijan sent 120 rescuers, Greece a team of 45 firefighters",
    "The Greens won 14 seats and Labour 9", "212 mm à Privas, 174 mm à Aubenas". After a comma or "and"/"et",
    a conjunct with an amount and a name of its own, where the conjunct before has an amount and a name too
    ("name"), or a noun and an amount ("noun", _noun_and_amount); "" where it is none."""
    at = _after_comma(text, base, words, k)
    previous = max(since, base + text.rfind(",", 0, words[k - 1].end - base) + 1)
    if previous >= at or not _holds(amounts, previous, at):
        return ""
    comma = text.find(",", at - base)
    end = base + len(text) if comma < 0 else base + comma
    joined = next((t.start for t in words[k + 1 :] if t.norm in COMMA_CONNECTIVES), end)
    end = min(end, joined)
    if _holds(names, previous, at) and _holds(amounts, at, end) and _holds(names, at, end):
        return "name"
    return "noun" if _noun_and_amount(words, at, end, amounts) else ""


GAP_DETERMINERS = frozenset("the its their le la les l' son sa ses leur leurs".split())


def _noun_and_amount(words: Sequence[Token], at: int, end: int, amounts: Sequence[Fact]) -> bool:
    """A conjunct that is a noun and an amount, its verb left out: "The charity ship took 112 survivors on board
    and the coastguard 75", "la CGT en compte 500 000 et la police 220 000"."""
    inside = [t for t in words if at <= t.start < end]
    first = next((f for f in amounts if at <= f.start < end), None)
    if first is None or len(inside) < 3 or inside[0].norm not in ("and", "et") or inside[1].norm not in GAP_DETERMINERS:
        return False
    noun = [t for t in inside[2:] if t.end <= first.start]
    rest = [t for t in inside if t.start >= first.end]
    return 1 <= len(noun) <= 3 and len(rest) <= 1 and not any(
        t.norm in FINITE or past_participle(t) or not t.is_word for t in noun)


def _holds(facts: Sequence[Fact], lo: int, hi: int) -> bool:
    return any(lo <= f.start < hi for f in facts)


def _negations(words: Sequence[Token], lo: int, hi: int) -> list[tuple[int, int]]:
    """(where, how far) of each negation of a clause: a verb's negation reaches the clause's end, one that
    denies a noun ("sans", "without", "no") only the words right after it."""
    inside = [t for t in words if lo <= t.start < hi]
    found = []
    for i, t in enumerate(inside):
        if t.norm in NEEDS_NE:
            if any(u.norm in ("ne", "n'") for u in inside[max(0, i - 4) : i]):
                found.append((t.start, hi))
        elif t.norm in NOUN_NEGATIONS:
            reach = inside[min(len(inside) - 1, i + NOUN_SCOPE)]
            found.append((t.start, reach.end))
        elif t.norm in NEGATIONS or (t.norm in FAILED and i + 1 < len(inside) and inside[i + 1].norm in ("to", "a")):
            found.append((t.start, hi))  # "failed to finish", "n'a pas réussi à"
    return found


# A past conditional says what would have been, not what was: "would have been £69.4m", "aurait atteint 3 M€"
# (in French also the press's hedge, "reportedly": not stated as a fact either)
UNREAL_MODALS = frozenset("would could might should aurait auraient".split())


# (not after a relative: "an initiative that would have capped rents at 2%" says what the initiative was)
UNREAL_NOT_AFTER = frozenset("that which who qui qu'".split())


def _unreal(words: Sequence[Token], lo: int, hi: int) -> int | None:
    inside = [t for t in words if lo <= t.start < hi]
    for k, t in enumerate(inside):
        after = inside[k + 1].norm if k + 1 < len(inside) else ""
        if t.norm in UNREAL_MODALS and (after in ("have", "'ve") or t.norm.startswith("aur")) and (
            k == 0 or inside[k - 1].norm not in UNREAL_NOT_AFTER
        ):
            return t.start
    return None


def _respective(
    text: str, base: int, words: Sequence[Token], names: Sequence[Fact], values: Sequence[Fact]
) -> tuple[tuple[tuple[Fact, Fact], ...], tuple[tuple[Fact, Fact], ...]]:
    """What "respectivement" / "respectively" pairs, the n-th of one list with the n-th of the other: (name,
    value) pairs ("A et B ont obtenu respectivement 12 et 8 sièges", "a 34-year-old and a 58-year-old, named as
    A and B respectively") and (name, name) pairs ("A and B are advised by C and D respectively")."""
    at = next((t.start for t in words if t.norm in RESPECTIVELY), None)
    if at is None:
        return (), ()
    lists = _lists(text, base, words, sorted([*names, *values], key=lambda f: f.start), set(map(id, values)))
    later = [li for li in lists if li[0][0].start > at and _words_between(words, at, li[0][0].start) <= 1]
    earlier = [li for li in lists if li[-1][-1].end <= at]
    if later and len(later[0]) >= 2 and id(later[0][0][0]) in set(map(id, values)):
        # "38 secondes sur Lemaire et 52 secondes sur Quintero, respectivement deuxième et troisième": the names
        # before it, whatever stands between them
        before = [f for f in names if f.end <= at and text[f.start - base - 1 : f.start - base] != "("]
        before = before[-len(later[0]):]  # not a name in brackets: "Hugo Lemaire (Cofidis)"
        if len(before) == len(later[0]):
            return tuple((a, v[0]) for a, v in zip(before, later[0], strict=True)), ()
    if later and earlier:  # French: "ont obtenu respectivement 12 et 8"
        first, second = earlier[-1], later[0]
    elif len(earlier) >= 2:  # English puts the word last: "won 12 and 8 seats respectively"
        first, second = earlier[-2], earlier[-1]
    else:
        return (), ()
    if len(first) < 2 or len(second) < 2:
        return (), ()
    count = min(len(first), len(second))
    pairs = list(zip(first[-count:], second[:count], strict=True))
    is_value = [id(li[0][0]) in set(map(id, values)) for li in (first, second)]
    if is_value == [False, True]:
        return tuple((a[0], v[0]) for a, v in pairs), ()
    if is_value == [True, False]:
        return tuple((a[0], v[0]) for v, a in pairs), ()
    if is_value == [False, False]:
        return (), tuple((a[0], b[0]) for a, b in pairs)
    return (), ()


LIST_GAP = 6  # words between two items of one list at most ("a 34-year-old electrician and a 58-year-old")


def _lists(text: str, base: int, words: Sequence[Token], items: Sequence[Fact], values: set[int]
           ) -> list[list[list[Fact]]]:
    """Runs of coordinated names, or of values: items of one class joined by a comma, "et" or "and". Names
    joined by "&" or by nothing are one item ("Rothmann & Co")."""
    lists: list[list[list[Fact]]] = []
    for f in items:
        if lists:
            last = lists[-1][-1][-1]
            same = (id(f) in values) == (id(last) in values)
            gap = text[last.end - base : f.start - base]
            between = [t for t in words if last.end <= t.start and t.end <= f.start]
            if same and not between and gap.strip() in ("", "&"):
                lists[-1][-1].append(f)
                continue
            joined = "," in gap or any(t.norm in ("et", "and") for t in between)
            if same and joined and len(between) <= LIST_GAP and ";" not in gap:
                lists[-1].append([f])
                continue
        lists.append([[f]])
    return lists


def _words_between(words: Sequence[Token], start: int, end: int) -> int:
    return sum(1 for t in words if start <= t.start and t.end <= end and t.norm not in RESPECTIVELY)


@dataclass(frozen=True)
class ClauseView:
    """One clause as `summitcheck explain` shows it."""

    kind: str
    text: str
    actors: tuple[str, ...]
    places: tuple[str, ...]
    values: tuple[str, ...]
    negated: bool
    met: tuple[str, ...]  # the claim's words the verdict found in it
    unreal: bool = False  # it says what would have been


def view(text: str, base: int, words: Sequence[Token], facts: Sequence[Fact],
         met: Sequence[tuple[int, str]]) -> list[ClauseView]:
    """The reading of one sentence, clause by clause; `met` gives (seed offset, claim words) of the evidence."""
    reading = read(text, base, words, facts)
    out = []
    for c in reading.clauses:
        values = tuple(f.text for f in facts if f.kind in VALUE_FACT_KINDS and c.holds(f.start))
        out.append(ClauseView(
            c.kind, text[c.start - base : c.end - base].strip(), tuple(f.text for f in c.actors),
            tuple(f.text for f in c.places), values, bool(c.negated),
            tuple(words_ for at, words_ in met if c.holds(at)), c.unreal is not None,
        ))
    return out


LATTER = (("cette", "derniere"), ("ce", "dernier"), ("the", "latter"), ("celle-ci",), ("celui-ci",))


def antecedent(clause: Clause, words: Sequence[Token], facts: Sequence[Fact], before: Reading | None,
               before_facts: Sequence[Fact]) -> Fact | None:
    """The name of the sentence before that the reference opening `clause` stands for, if one opens it."""
    opening = [t for t in words if clause.holds(t.start)][:3]
    if before is None or not opening:
        return None
    first = [t.norm for t in opening]
    actors = [a for c in before.clauses for a in c.actors if c.holds(a.start)]
    if not actors:
        return None
    if first[0] in SUBJECT_PRONOUNS:
        return actors[0]  # "Elle a promis ...": the sentence before's subject
    if any(tuple(first[: len(w)]) == w for w in LATTER):
        return max(actors, key=lambda a: a.start)  # "Cette dernière l'a emporté"
    age = next((f for f in facts if f.kind is Kind.NUMBER and "age" in f.head and clause.holds(f.start)
                and f.start <= opening[-1].end), None)
    if age is not None and first[0] in ("the", "le", "la", "l'"):  # "The 24-year-old won"
        aged = [f for f in before_facts if f.kind is Kind.NUMBER and "age" in f.head and f.value == age.value]
        if aged:
            return max((a for a in actors if a.end <= aged[0].start), key=lambda a: a.start, default=None)
    return None
