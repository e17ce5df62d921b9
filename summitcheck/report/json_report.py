"""--format json: the contract of DESIGN.md, one document on stdout and nothing else.

Beyond the contract: each result's `status` under the fail policy (pass, fail, or known from the baseline), and
the policy's counts in the summary; `summary.passed` follows the policy (by default: every claim supported).
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..model import Report, Result, Verdict
from ..policy import FAIL, KNOWN, Outcome, fail_on_names
from .common import outcome_of
from .text import json_text


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


def summary(report: Report, outcome: Outcome | None = None) -> dict[str, Any]:
    outcome = outcome_of(report, outcome)
    out: dict[str, Any] = {
        "claims": len(report.results),
        "supported": report.count(Verdict.SUPPORTED),
        "contradicted": report.count(Verdict.CONTRADICTED),
        "unsupported": report.count(Verdict.UNSUPPORTED),
        "passed": not outcome.failed,
        "failing": outcome.count(FAIL),
        "known": outcome.count(KNOWN),
        "fail_on": fail_on_names(outcome.fail_on),
    }
    if outcome.baseline is not None:
        out["baseline"] = outcome.baseline
        out["stale_baseline_entries"] = [e.id for e in outcome.stale]
    return out


def render(report: Report, out: TextIO, outcome: Outcome | None = None) -> None:
    """The document json.dumps(doc, indent=2) would give, written a result at a time: for 10,000 claims the
    whole document as one object took about 140 MB."""
    outcome = outcome_of(report, outcome)
    out.write('{\n  "results": [')
    for k, result in enumerate(report.results):
        row = result_dict(result)
        row["status"] = outcome.status(result)
        out.write(("," if k else "") + "\n    " + json_text(_indented(row, "    ")))
    out.write("\n  ]" if report.results else "]")
    out.write(',\n  "summary": ' + json_text(_indented(summary(report, outcome), "  ")) + "\n}\n")


def _indented(value: Any, margin: str) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2), each line after the first starting with `margin`. json's
    own indented output goes through its pure-Python encoder (five times slower for 10,000 results); here only
    the layout is Python, every string is encoded by json's C function, and plain values by the encoder."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is dict:
        if not value:
            return "{}"
        inner = margin + "  "
        items = [f"{inner}{_string(str(k))}: {_indented(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{margin}}}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = margin + "  "
        return "[\n" + ",\n".join([inner + _indented(v, inner) for v in value]) + f"\n{margin}]"
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    return _scalar(value)  # booleans, floats, and subclasses of str and int, as json writes them


_scalar = json.JSONEncoder(ensure_ascii=False).encode
_string = json.encoder.encode_basestring  # json's own (C) string encoder, the one _scalar calls for a str
