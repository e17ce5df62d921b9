"""Judge: the verdict rules, over every evidence window of a seed, with a reason a person can act on.

A window is one focal sentence; names and concepts may also come from the sentence before or after (where
"le pays" or "cette dernière" stands for them), and background concepts from anywhere in the seed. Values
(numbers, dates, quotes...) must be in the focal sentence itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from . import relations
from .analyse import vocabulary
from .analyse.knowledge import Knowledge
from .match import CONFLICT, MATCH, FactStatus, SentenceFacts, Settings, find_in_sentence
from .model import VALUE_KINDS, WHEN_KINDS, Fact, Kind, Verdict, answered_by_rule, is_negation
from .window import MISSING, has_place_proform


@dataclass(frozen=True)
class Judgement:
    verdict: Verdict
    focal: int  # 1-based sentence number of the evidence window
    statuses: tuple[FactStatus, ...]
    score: tuple[int, ...]


def judge_seed(
    claim_facts: list[Fact],
    sentences: list[SentenceFacts],
    knowledge: Knowledge,
    settings: Settings,
    candidates: Iterable[int] | None = None,
    fact_candidates: Sequence[Iterable[int] | None] | None = None,
    floor: tuple[int, ...] = (),
) -> Judgement | None:
    """The best window of one seed for a claim: supported, else contradicted, else the closest unsupported one.

    `candidates` (0-based sentence positions) limits the focal sentences tried to those an index found sharing
    something with the claim; their neighbours are read too. It must include every sentence where a claim fact
    could match or conflict, so that the verdict is the same as without it. `fact_candidates`, one entry per
    claim fact, narrows further: the sentences where that fact can be answered (None: every sentence read).
    `floor`: a score another seed reached; windows that cannot score above it are not judged, and None is returned
    when no window can.
    """
    if not claim_facts or not sentences:
        return None
    focals = sorted(set(range(len(sentences)) if candidates is None else candidates))
    readable = {k for f in focals for k in (f - 1, f, f + 1) if 0 <= k < len(sentences)}
    read = sorted(readable)
    table: list[list[FactStatus | None]] = [[None] * len(sentences) for _ in claim_facts]
    for i, (row, fact) in enumerate(zip(table, claim_facts, strict=True)):
        allowed = None if fact_candidates is None else fact_candidates[i]
        for k in read if allowed is None else sorted(readable.intersection(allowed)):
            row[k] = find_in_sentence(fact, sentences[k], knowledge, settings)
        # words quoted exactly somewhere in the seed are no misquote of another sentence
        if fact.kind is Kind.QUOTE and any(s is not None and s.status == MATCH for s in row):
            row[:] = [s if s is None or s.status == MATCH else None for s in row]
    # A topic word may come from the seed's background: one the seed uses more than once (the first use stands).
    background = [_background(fact, row) for fact, row in zip(claim_facts, table, strict=True)]
    for i, fact in enumerate(claim_facts):  # the article's time frame, set by its lead sentence
        if background[i] is None and _setting(fact):
            background[i] = _set_by_lead(table[i])
    describing = _describing(claim_facts)
    for i, owned in describing.items():  # "LR's Henri Marchetti": where the seed says whose he is
        if background[i] is None:
            background[i] = _described(table[i], table[owned])
    # Every window's ceiling, then the rules and the verdict only for windows whose ceiling can beat the best
    # judgement so far (see _ceiling).
    may_conflict = [relations.may_conflict_unmatched(f, claim_facts) for f in claim_facts]
    windows = []
    for focal in focals:
        if any(row[focal] for row in table):
            statuses = _window_statuses(claim_facts, table, background, sentences, focal, describing)
            windows.append((_ceiling(statuses, focal, may_conflict), focal, statuses))
    windows.sort(key=lambda w: w[:2], reverse=True)
    best: Judgement | None = None
    judged = 0
    for ceiling, focal, statuses in windows:
        if ceiling <= floor or (best is not None and ceiling <= best.score):
            break  # every window left scores at most its ceiling: the best one cannot change
        judgement = _judge_window(statuses, sentences, focal, knowledge)
        judged += 1
        if best is None or judgement.score > best.score:
            best = judgement
    if best is not None and best.verdict is Verdict.SUPPORTED and _assembled(best):
        # support gathered from the sentences around its own loses to a conflict one sentence states whole:
        # "Hammer price of $148.5m" is not stated by "... sold for $148.5 million with fees" with "hammer" from
        # the next sentence, which gives the hammer price as $128m
        for ceiling, focal, statuses in windows[judged:]:
            if ceiling[0] < 1:
                break
            judgement = _judge_window(statuses, sentences, focal, knowledge)
            if judgement.verdict is Verdict.CONTRADICTED and _whole(judgement, sentences[focal]):
                return judgement
    return best


def _assembled(judgement: Judgement) -> bool:
    """Whether a judgement takes one of the claim's words from another sentence than its own."""
    return any(s.fact.kind in (Kind.TERM, Kind.WORD) and s.status == MATCH and s.where in ("near", "document")
               for s in judgement.statuses)


def _whole(judgement: Judgement, sentence: SentenceFacts) -> bool:
    """Whether one sentence answers every fact of the claim, each matched or in conflict, with no word of its own
    that makes another thing of a claim word ("a lower offer of €33" is another offer than the €38.50 one)."""
    if not all(s.status in (MATCH, CONFLICT) and s.where in ("sentence", "implied") for s in judgement.statuses):
        return False
    said = [s.span for s in judgement.statuses if s.span]
    for lo, _ in said:
        before = [t for t in sentence.words if t.end <= lo][-1:]
        if before and not sentence.text[before[0].end - sentence.start : lo - sentence.start].strip() and not any(
                a <= before[0].start < b for a, b in said) and vocabulary.senses(before[0].text, sentence.lang):
            return False
    return True


NEAR_KINDS = frozenset({Kind.ENTITY, Kind.NAME, Kind.TERM, Kind.WORD})  # may come from the sentence before or after
BACKGROUND_KINDS = frozenset({Kind.TERM, Kind.WORD})  # may come from anywhere in the seed


def _background(fact: Fact, row: list[FactStatus | None]) -> FactStatus | None:
    if fact.kind not in BACKGROUND_KINDS:
        return None
    hits = [s for s in row if s is not None and s.status == MATCH]
    return _moved(hits[0], "document") if len(hits) >= 2 else None


NAMES = frozenset({Kind.ENTITY, Kind.NAME})


def _describing(facts: Sequence[Fact]) -> dict[int, int]:
    """Claim names that say whose the next name is ("LR's Henri Marchetti"): position -> the next name's."""
    out = {}
    for i, (fact, after) in enumerate(pairwise(facts)):
        if fact.role == "possessor" and after.kind in NAMES and 0 <= after.start - fact.end <= 3:
            out[i] = i + 1
    return out


PERIODS = ("#quarter", "#half")


def _setting(fact: Fact) -> bool:
    """A period the claim gives ("in Q3", "H1"): an article sets it once, in its lead, for what follows."""
    return fact.kind is Kind.IDENTIFIER and fact.value[0] in PERIODS


def _set_by_lead(row: list[FactStatus | None]) -> FactStatus | None:
    """The claim's period as the seed's first sentence states it: "Vernet sold 540,000 vehicles in Q3" is stated
    by "... au troisième trimestre" in the lead and "Le groupe a vendu 540 000 véhicules" after it, and "in Q2"
    contradicted. Not where the focal sentence gives a period of its own (_window_statuses)."""
    lead = row[0] if row else None
    if lead is None or lead.status not in (MATCH, CONFLICT):
        return None
    return _moved(lead, "document")  # a conflict too: the lead's "deuxième trimestre" frames the figure


def _described(row: list[FactStatus | None], owned: list[FactStatus | None]) -> FactStatus | None:
    """A possessor the seed states of the possessed name in a sentence of its own ("Henri Marchetti, candidat
    des Républicains (LR)"): the claim's "LR's Henri Marchetti: 17 seats" may take it from there, as a topic word
    is taken from the seed's background."""
    for here, there in zip(row, owned, strict=True):
        if here is not None and there is not None and here.status == MATCH == there.status and here.span and (
            there.span and abs(here.span[0] - there.span[0]) <= DESCRIBED_REACH
        ):
            return _moved(here, "document")
    return None


DESCRIBED_REACH = 80  # characters between the two names: an apposition or a title, not another clause far off


def _near(fact: Fact, row: list[FactStatus | None], sentences: Sequence[SentenceFacts], focal: int,
          elsewhere: bool = False) -> FactStatus | None:
    """The match of a name or concept in the sentence before or after the focal one (for a place, only where the
    focal sentence names a place by a stand-in, "dans le pays")."""
    if fact.kind not in NEAR_KINDS:
        return None
    if elsewhere:
        return None  # "À Soissons, la direction a proposé ...": not the Brévalor plant of the sentence before
    for k in (focal - 1, focal + 1):
        if 0 <= k < len(row) and row[k] is not None and row[k].status == MATCH:  # type: ignore[union-attr]
            if fact.role == "loc" and not has_place_proform(sentences[focal]):
                return None
            if fact.kind not in NAMES and _fronted(sentences[k], row[k].span):  # type: ignore[union-attr]
                return None
            return row[k]
    return None


def _set_elsewhere(sentence: SentenceFacts, table: list[list[FactStatus | None]], focal: int) -> bool:
    """Whether a sentence opens on a place of its own that the claim does not name, set off by a comma ("À
    Soissons, ...", "In Lyon, ..."): what it says happens there, so the names of the sentence next to it are not
    its actors, nor its words theirs (where the claim names that place, "En France, le groupe investira ...",
    they may be)."""
    first = min((f for f in sentence.facts if f.kind in NAMES), key=lambda f: f.start, default=None)
    if first is None or first.role != "loc" or not _fronted(sentence, (first.start, first.end)):
        return False
    return not any((s := row[focal]) is not None and s.status == MATCH and s.span is not None
                   and s.span[0] <= first.start < s.span[1] for row in table)


def _fronted(sentence: SentenceFacts, span: tuple[int, int] | None) -> bool:
    """Whether a concept's match opens its sentence as an adverbial set off by a comma ("Inland, temperatures fell
    to 9C", "Dans le Nord, ..."): it says where or when of that sentence only, not of the one next to it (a name
    so set off is the sentence's subject: "Solheim, tête de série numéro 3, ...")."""
    if span is None:
        return False
    before = sentence.text[: span[0] - sentence.start]
    after = sentence.text[span[1] - sentence.start :]
    return len(before.split()) <= 2 and "," not in before and after.lstrip().startswith(",")


def _window_statuses(
    claim_facts: list[Fact],
    table: list[list[FactStatus | None]],
    background: list[FactStatus | None],
    sentences: Sequence[SentenceFacts],
    focal: int,
    describing: dict[int, int],
) -> list[FactStatus]:
    """Each claim fact's status in one window, before the relation rules: matched in the focal sentence, near it
    (names, concepts), in the seed's background (topic words), in conflict there, or missing."""
    statuses: list[FactStatus] = []
    elsewhere = _set_elsewhere(sentences[focal], table, focal)
    for i, (fact, row, far) in enumerate(zip(claim_facts, table, background, strict=True)):
        here = row[focal]
        # what the focal sentence itself says of the fact, a match or a conflict ("Arnoult ... a été acquitté"),
        # wins over a match near it or in the background ("a condamné ... Gérald Maurin")
        if here is not None and here.status in (MATCH, CONFLICT):
            statuses.append(here)
            continue
        # whose the next name is, the seed must say of it (_described), not merely nearby
        near = None if i in describing else _near(fact, row, sentences, focal, elsewhere)
        if _setting(fact) and here is not None and here.status == CONFLICT:
            far = None  # the focal sentence's own period, not the lead's, is what its figures are of
        found = _moved(near, "near") if near is not None else far
        if found is None and here is not None and here.status == CONFLICT:
            found = here
        statuses.append(found or FactStatus(fact, MISSING))
    return statuses


def _ceiling(statuses: list[FactStatus], focal: int, may_conflict: Sequence[bool]) -> tuple[int, ...]:
    """The highest score _judge_window can give a window, from its statuses before the relation rules. The rules
    only turn a match into a miss or a conflict, or a miss into a conflict (relations.may_conflict_unmatched
    says which facts can be): the matches only fall, and while their count holds they are the same ones, so the
    facts matched from the background too. 'Supported' needs the window supported already; 'contradicted' a
    match in the focal sentence, and every fact missing there one that can turn into a conflict. One rule turns a
    conflict into a match: the converse verb of swapped roles (binding.roles, "B lost to A" states "A beat B"),
    so a verb in conflict counts here as matched; and one a miss into a match: the claim's negation that the
    seed's negation answers (relations.polarity), or a change its compared figures say, so these count as matched."""
    optimistic = [_moved(s, s.where, MATCH) if s.status == CONFLICT and s.fact.kind is Kind.TERM
                  else FactStatus(s.fact, MATCH, "sentence", None, focal + 1) if _denial(s) else s
                  for s in statuses]
    rank, score = _scored(optimistic, focal)
    if rank < 2 and score[0] > 0:  # matched in the focal sentence: a rule may still make it a contradiction
        missing = [m or _filler(s, optimistic, CONFLICT_OR_NOT) for s, m in zip(optimistic, may_conflict, strict=True)
                   if s.status == MISSING]
        rank = max(rank, 1 if all(missing) else 0)
    return (rank, *score)


def _denial(status: FactStatus) -> bool:
    """A claim word no word of the seed matched that a rule may still answer: a negation, by the seed's own
    (relations.polarity); a change, by two figures the seed compares (binding.implied_change)."""
    return status.status == MISSING and answered_by_rule(status.fact) is not None


def _judge_window(
    statuses: list[FactStatus],
    sentences: list[SentenceFacts],
    focal: int,
    knowledge: Knowledge,
) -> Judgement:
    # the sentences before and after, for references between them: read only where a fact came from one
    before = focal and any(s.where == "near" and s.sentence == focal for s in statuses)  # 1-based: the one before
    after = focal + 1 < len(sentences) and any(s.where == "near" and s.sentence == focal + 2 for s in statuses)
    statuses = relations.apply(statuses, sentences[focal], knowledge, sentences[focal - 1] if before else None,
                               sentences[focal + 1] if after else None)
    rank, score = _scored(statuses, focal)
    verdict = (Verdict.UNSUPPORTED, Verdict.CONTRADICTED, Verdict.SUPPORTED)[rank]
    return Judgement(verdict, focal + 1, tuple(statuses), (rank, *score))


def _scored(statuses: Sequence[FactStatus], focal: int) -> tuple[int, tuple[int, int, int, int]]:
    """A window's rank (2 supported, 1 contradicted, 0 unsupported) and the rest of its score: facts matched in
    the focal sentence, facts matched, -facts matched from the seed's background, -focal."""
    matched_here = matched = conflicts = missing = fillers = far = here = total = 0
    # values_here: a quotation of the claim's in the focal sentence, or a count that names nothing it counts
    words = words_here = values_here = False
    for s in statuses:
        status, where, kind = s.status, s.where, s.fact.kind
        weight = 2 if kind in VALUE_KINDS else 1
        total += weight
        in_sentence = where == "sentence" or where == "implied"
        if status == MATCH:
            matched += 1
            matched_here += in_sentence
        elif status == CONFLICT:
            conflicts += 1
        elif status == MISSING:
            missing += 1
            fillers += _filler(s, statuses, (CONFLICT,))
        far += where == "document"
        if in_sentence and status != MISSING:
            here += weight
        if kind is Kind.TERM or kind is Kind.WORD:
            words = True
            words_here = words_here or in_sentence
        elif kind is Kind.QUOTE and where == "sentence" and status != MISSING:
            values_here = True  # a quotation is what its sentence says; its speaker may be named before
        elif kind is Kind.NUMBER and where == "sentence" and status == MATCH and s.seed_fact is not None:
            # a count whose noun the sentence leaves to the one before ("Celle d'Henri Marchetti en obtient 17")
            values_here = values_here or not s.seed_fact.head
        if kind is Kind.NUMBER and where == "sentence" and status in (MATCH, CONFLICT) and s.seed_fact is not None:
            # a measure in the claim's unit says what it measures as a word would ("11 m³/s" against "1,9 m³/s")
            values_here = values_here or any(h.startswith("unit:") and h in s.seed_fact.head for h in s.fact.head)
    allowance = 1 if len(statuses) >= 3 else 0
    # The focal sentence must carry at least half of the claim (values weigh double: a quotation or a number is
    # what a sentence is about), not one name with the rest gathered from around it,
    anchored = matched_here > 0 and 2 * here >= total and far <= allowance
    # and it must say something of what the claim says: one of its words, or its quotation (whose speaker the
    # sentence before may name), not only its names and figures with every word gathered from elsewhere
    # ("Revenue up 18%" is not "18 % des ventes" between a revenue and a rise of other sentences)
    if words and not values_here and not words_here:
        anchored = False
    # A conflict the seed states wins over a claim word nothing links ("Liftoff at 17:02 UTC" against "20 h 02
    # GMT"): the claim cannot be true if the seed is, whatever that word says.
    rank = 0 if (missing and not (conflicts and missing == fillers)) or not anchored else 2 if conflicts == 0 else 1
    return rank, (matched_here, matched, -far, -focal)


def _moved(status: FactStatus, where: str, as_status: str | None = None) -> FactStatus:
    return FactStatus(
        status.fact, as_status or status.status, where, status.seed_fact, status.sentence, status.span,
        status.seed_text,
    )


CONFLICT_OR_NOT = (CONFLICT, MATCH, MISSING)  # _ceiling's bound: whatever the rules make of the value


def _filler(status: FactStatus, statuses: Sequence[FactStatus], conflicting: tuple[str, ...]) -> bool:
    """A claim word that does not stop a conflict the seed states from winning: a word no table or vocabulary
    links, or a word written against a value in conflict ("on Wednesday night" against "late on Thursday": no
    night can be Wednesday's if the day is Thursday)."""
    fact = status.fact
    if fact.kind is Kind.WORD:
        return True
    return fact.kind is Kind.TERM and any(
        s.status in conflicting and s.fact.kind in WHEN_KINDS and (0 <= fact.start - s.fact.end <= 1)
        for s in statuses
    )


def reason(judgement: Judgement | None) -> str:
    """One line a person can act on: what conflicts, what is missing, or what the seed states."""
    if judgement is None:
        return "the claim has no checkable content"
    at = f"sentence {judgement.focal}"
    statuses = judgement.statuses
    if judgement.verdict is Verdict.CONTRADICTED:
        parts = [_conflict(s) for s in statuses if s.status == CONFLICT]
        return f"{'; '.join(parts)} ({at})"
    if judgement.verdict is Verdict.SUPPORTED:
        values = [s for s in statuses if s.fact.kind not in (Kind.WORD, Kind.TERM)] or list(statuses)
        parts = [f"{_shown(s.fact)} = {s.seed_text!r}" if s.seed_text else _shown(s.fact) for s in values[:4]]
        more = f" and {len(values) - 4} more" if len(values) > 4 else ""
        return f"stated in {at}: {', '.join(parts)}{more}"
    missing = [s for s in statuses if s.status == MISSING and s.where != "relation"]
    related = [s for s in statuses if s.status == MISSING and s.where == "relation"]
    if not any(s.status == MATCH for s in statuses) and not related:
        return "the seed states none of it"
    if related:  # the words are there, in another relation
        first = related[0]
        rest = f"; nor does it state {', '.join(_shown(s.fact) for s in missing[:3])}" if missing else ""
        return f"{_shown(first.fact)} {first.seed_text} ({at}){rest}"
    if missing:
        names = ", ".join(_shown(s.fact) for s in missing[:5])
        return f"the seed does not state {names} (closest: {at})"
    if any(s.status == CONFLICT for s in statuses):
        parts = [f"{_shown(s.fact)} vs {s.seed_text!r}" for s in statuses if s.status == CONFLICT]
        return f"conflicting values but too little else matches to tell: {'; '.join(parts)} ({at})"
    return f"the matching words are spread too thin to support it (closest: {at})"


def _conflict(status: FactStatus) -> str:
    if is_negation(status.fact):
        return f"claim says {status.fact.text!r}; seed says {status.seed_text!r} without a negation"
    return f"claim says {_shown(status.fact)}; seed says {status.seed_text!r}"


def _shown(fact: Fact) -> str:
    if fact.kind in (Kind.WORD, Kind.TERM, Kind.NAME, Kind.ENTITY, Kind.QUOTE):
        return repr(fact.text)
    return f"{fact.text!r} ({fact.shown()})" if fact.shown() != fact.text else repr(fact.text)
