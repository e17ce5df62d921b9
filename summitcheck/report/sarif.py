"""--format sarif: SARIF 2.1.0 for code scanning (GitHub's upload-sarif action and other SARIF viewers).

One rule per verdict that is not "supported"; one result per claim that is not supported, located on the claim's
line in its YAML file, with the seed words it conflicts with (or the closest ones) as related locations. A claim
that fails the policy is an error; one the policy allows is a warning; a failure the baseline knows is a warning
with baselineState "unchanged" (new failures are "new" when a baseline is in use).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..model import Report, Result, Seed, Verdict
from ..policy import FAIL, KNOWN, Outcome
from .common import LineIndex, display_path, outcome_of, seeds_by_id
from .text import json_text

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

RULES = [
    {
        "id": "contradicted",
        "name": "ContradictedClaim",
        "shortDescription": {"text": "The seed states the same fact with another value."},
        "fullDescription": {
            "text": "The source document states the claim's fact with another value (number, date, duration, "
            "identifier, place, actor or quoted words): the claim cannot be true if the source is."
        },
        "defaultConfiguration": {"level": "error"},
        "help": {"text": "Correct the claim to what the seed says, or point it at the right seed."},
        "properties": {"tags": ["fact-check"]},
    },
    {
        "id": "unsupported",
        "name": "UnsupportedClaim",
        "shortDescription": {"text": "The seed neither states the claim nor conflicts with it."},
        "fullDescription": {
            "text": "Some checkable part of the claim (a number, date, name, quotation or how they relate) is not "
            "stated by the source document."
        },
        "defaultConfiguration": {"level": "error"},
        "help": {"text": "Rephrase the claim to what the seed states, or add the source that states it."},
        "properties": {"tags": ["fact-check"]},
    },
]
RULE_INDEX = {rule["id"]: i for i, rule in enumerate(RULES)}


def artifact(path: str) -> dict[str, str]:
    """A URI relative to %SRCROOT% (the checkout) when the file is below the working folder, else a file: URI."""
    shown = display_path(path)
    p = Path(shown)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(shown), "uriBaseId": "%SRCROOT%"}


def region(seed: Seed, start: int, end: int, lines: LineIndex) -> dict[str, Any]:
    start_line, start_col = lines.position(start)
    end_line, end_col = lines.position(end)
    return {
        "startLine": start_line, "startColumn": start_col, "endLine": end_line, "endColumn": end_col,
        "charOffset": start, "charLength": end - start, "snippet": {"text": seed.text[start:end]},
    }


def _index(lines: dict[str, LineIndex], seed: Seed) -> LineIndex:
    if seed.id not in lines:
        lines[seed.id] = LineIndex(seed.text)
    return lines[seed.id]


def fingerprint(result: Result) -> str:
    return hashlib.sha256(f"{result.claim.id}\0{result.claim.text}".encode()).hexdigest()[:32]


def sarif_result(result: Result, outcome: Outcome, seeds: dict[str, Seed],
                 lines: dict[str, LineIndex]) -> dict[str, Any]:
    status = outcome.status(result)
    loc = result.claim.location
    physical: dict[str, Any] = {"artifactLocation": artifact(loc.path)}
    if loc.line:
        physical["region"] = {"startLine": loc.line, "startColumn": loc.col or 1}
    out: dict[str, Any] = {
        "ruleId": result.verdict.value,
        "ruleIndex": RULE_INDEX[result.verdict.value],
        "level": "error" if status == FAIL else "warning",
        "message": {"text": f"{result.claim.id}: {result.reason}"},
        "locations": [{"physicalLocation": physical, "logicalLocations": [
            {"name": result.claim.id, "kind": "member"}]}],
        "partialFingerprints": {"summitcheckClaim/v1": fingerprint(result)},
        "properties": {"claim": result.claim.text, "tags": list(result.claim.tags), "status": status},
    }
    related = []
    for i, ev in enumerate(result.evidence):
        seed = seeds.get(ev.seed)
        if seed is None:
            continue
        related.append({
            "id": i,
            "message": {"text": f"{ev.status}: {ev.text!r} for {ev.claim_text!r} ({ev.kind}, sentence {ev.sentence})"},
            "physicalLocation": {
                "artifactLocation": artifact(seed.path),
                "region": region(seed, ev.start, ev.end, _index(lines, seed)),
            },
        })
    if related:
        out["relatedLocations"] = related
    if outcome.baseline is not None:
        out["baselineState"] = "unchanged" if status == KNOWN else "new"
    return out


def document(report: Report, outcome: Outcome | None = None) -> dict[str, Any]:
    outcome = outcome_of(report, outcome)
    seeds = seeds_by_id(report)
    lines: dict[str, LineIndex] = {}
    results = [sarif_result(r, outcome, seeds, lines) for r in report.results if r.verdict is not Verdict.SUPPORTED]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "summitcheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": RULES,
                    }
                },
                "automationDetails": {"id": "summitcheck/"},
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "claims": len(report.results),
                    "supported": report.count(Verdict.SUPPORTED),
                    "contradicted": report.count(Verdict.CONTRADICTED),
                    "unsupported": report.count(Verdict.UNSUPPORTED),
                    "passed": not outcome.failed,
                },
            }
        ],
    }


def render(report: Report, out: TextIO, outcome: Outcome | None = None) -> None:
    out.write(json_text(json.dumps(document(report, outcome), ensure_ascii=False, indent=2)) + "\n")
