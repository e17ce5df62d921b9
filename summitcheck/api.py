"""check(claims, seeds) -> Report: the library entry point. No printing, no exit codes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .analyse import analyse, claim_language
from .analyse.knowledge import Knowledge, default_knowledge
from .judge import Judgement, judge_seed, reason
from .match import CONFLICT, MATCH, SentenceFacts, Settings
from .model import Claim, Evidence, Fact, Report, Result, Seed, Verdict


@dataclass
class SeedFacts:
    """A seed analysed once: the facts of every sentence."""

    seed: Seed
    sentences: list[SentenceFacts] = field(default_factory=list)


def analyse_seed(seed: Seed, knowledge: Knowledge) -> SeedFacts:
    out = SeedFacts(seed)
    for sentence in seed.sentences:
        analysis = analyse(sentence.text, seed.language, knowledge, seed.date, base=sentence.start)
        words = tuple(t for t in analysis.tokens if t.is_word)
        out.sentences.append(SentenceFacts(sentence.index, analysis.facts, words, seed.language))
    return out


def claim_facts(claim: Claim, seed: Seed, knowledge: Knowledge) -> list[Fact]:
    """A claim's facts as read against one seed (its quotations are verbatim only in the seed's language)."""
    lang = claim_language(claim.text, knowledge)
    return list(analyse(claim.text, lang, knowledge, verbatim_lang=seed.language).facts)


def _result(claim: Claim, seed: Seed | None, judgement: Judgement | None, facts: Sequence[Fact]) -> Result:
    if seed is None or judgement is None:
        why = "no seed to check it against" if seed is None else "the claim has no checkable content"
        return Result(claim, Verdict.UNSUPPORTED, why, seed.id if seed else None, facts=tuple(facts))
    evidence = tuple(
        Evidence(
            seed.id,
            s.sentence,
            s.span[0],
            s.span[1],
            seed.text[s.span[0] : s.span[1]],
            s.fact.text,
            s.fact.kind.value,
            s.status,
        )
        for s in judgement.statuses
        if s.status in (MATCH, CONFLICT) and s.span is not None and s.sentence is not None
    )
    sentence = seed.sentences[judgement.focal - 1]
    return Result(claim, judgement.verdict, reason(judgement), seed.id, sentence, evidence, tuple(facts))


RANK = {Verdict.SUPPORTED: 2, Verdict.CONTRADICTED: 1, Verdict.UNSUPPORTED: 0}


def check_claim(claim: Claim, seeds: Sequence[SeedFacts], knowledge: Knowledge, settings: Settings) -> Result:
    """A claim against its seed, or against every seed when it names none: the strongest verdict wins."""
    candidates = [s for s in seeds if claim.seed is None or s.seed.id == claim.seed]
    best: tuple[tuple, Result] | None = None
    for seed_facts in candidates:
        facts = claim_facts(claim, seed_facts.seed, knowledge)
        judgement = judge_seed(facts, seed_facts.sentences, knowledge, settings)
        result = _result(claim, seed_facts.seed, judgement, facts)
        rank = (RANK[result.verdict], judgement.score if judgement else ())
        if best is None or rank > best[0]:
            best = (rank, result)
    if best is None:
        return _result(claim, None, None, ())
    return best[1]


def check(
    claims: Sequence[Claim],
    seeds: Sequence[Seed],
    settings: Settings | None = None,
    knowledge: Knowledge | None = None,
) -> Report:
    knowledge = knowledge or default_knowledge()
    settings = settings or Settings()
    analysed = [analyse_seed(seed, knowledge) for seed in seeds]
    results = tuple(check_claim(claim, analysed, knowledge, settings) for claim in claims)
    return Report(results, tuple(seeds))
