"""Claims of several parts: "Serrano 41.3C; Pellar 39.8C", "LR's Henri Marchetti: 38.9%, 17 seats".

Each part is judged on its own, where the seed may state it in another sentence, and the verdicts combine as
DESIGN.md says: supported when every part is, contradicted when one part conflicts, else unsupported. A part
keeps the subject the claim sets before a colon ("Paris: 87,000 per police, 400,000 per CGT" is two claims about
Paris). A claim is cut only where every piece still says something checkable: a figure or a name of its own.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from .analyse.quotes import QUOTED
from .model import Claim, Evidence, Result, Verdict

SUBJECT = re.compile(r"\A([^:;,\d]{2,60}?):\s+(\S.*)\Z", re.S)  # "Imany: 14 dead; 230 hurt"
CHECKABLE = re.compile(r"\d|\b[A-ZÀ-Ý][\w'’-]+")


def claim_parts(text: str) -> list[str]:
    """The parts of a claim to judge one by one, or [text] when it is one."""
    if QUOTED.search(text):
        return [text]  # a quotation's punctuation is its own
    subject, rest = "", text
    found = SUBJECT.match(text)
    if found is not None:
        subject, rest = found.group(1).strip(), found.group(2)
    pieces = [p.strip() for p in rest.split(";")]
    if subject:  # after a colon, commas list what the subject has: "38.9%, 17 seats"
        pieces = [q.strip() for p in pieces for q in p.split(", ")]
    pieces = [p for p in pieces if p]
    if len(pieces) < 2 or not all(CHECKABLE.search(p) for p in pieces):
        return [text]
    return [f"{subject}: {p}" if subject else p for p in pieces]


def combined(claim: Claim, results: Sequence[Result]) -> Result:
    """One result for a claim from the results of its parts."""
    conflicts = [r for r in results if r.verdict is Verdict.CONTRADICTED]
    misses = [r for r in results if r.verdict is Verdict.UNSUPPORTED]
    base = (conflicts or misses or list(results))[0]
    evidence: list[Evidence] = []
    for r in results:
        evidence += [e for e in r.evidence if e not in evidence]
    if conflicts or misses:
        verdict = Verdict.CONTRADICTED if conflicts else Verdict.UNSUPPORTED
        why = f"{_part(base)}: {base.reason}"
    else:
        verdict = Verdict.SUPPORTED
        why = "; ".join(f"{_part(r)}: {r.reason}" for r in results)
    return dataclasses.replace(base, claim=claim, verdict=verdict, reason=why, evidence=tuple(evidence))


def _part(result: Result) -> str:
    return f"part {result.claim.text!r}"
