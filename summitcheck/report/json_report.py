"""--format json: the contract of DESIGN.md, one document on stdout and nothing else."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..model import Report, Result, Verdict


def result_dict(result: Result) -> dict[str, Any]:
    claim = result.claim
    return {
        "id": claim.id,
        "verdict": result.verdict.value,
        "seed": result.seed,
        "evidence": [
            {
                "seed": e.seed,
                "sentence": e.sentence,
                "start": e.start,
                "end": e.end,
                "text": e.text,
                "claim_text": e.claim_text,
                "kind": e.kind,
                "status": e.status,
            }
            for e in result.evidence
        ],
        "reason": result.reason,
        "text": claim.text,
        "file": claim.location.path,
        "line": claim.location.line,
        "col": claim.location.col,
        "tags": list(claim.tags),
        "sentence": result.sentence.index if result.sentence else None,
        "sentence_text": result.sentence.text if result.sentence else None,
    }


def summary(report: Report) -> dict[str, Any]:
    return {
        "claims": len(report.results),
        "supported": report.count(Verdict.SUPPORTED),
        "contradicted": report.count(Verdict.CONTRADICTED),
        "unsupported": report.count(Verdict.UNSUPPORTED),
        "passed": report.all_supported,
    }


def render(report: Report, out: TextIO) -> None:
    doc = {"results": [result_dict(r) for r in report.results], "summary": summary(report)}
    out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
