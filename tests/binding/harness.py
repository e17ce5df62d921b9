"""Binding traps: load tests/binding/traps.yaml, check every row with the library in one run, grade each row.

Shared by tests/test_binding_traps.py and benchmarks/traps.py. A row is graded on two things:
- its verdict;
- for supported and contradicted rows, that its evidence is found: every listed evidence substring (an exact
  substring of the seed) must have an occurrence whose letters and digits all lie inside the result's evidence
  spans (seed-relative character offsets, header included). Unsupported rows list the seed words their note rests
  on for the reader; their evidence is not graded (the checker need not point at what is absent).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
TRAPS = HERE / "traps.yaml"
KNOWN_FAILURES = HERE / "known_failures.txt"
FALSE_SUPPORTS = HERE / "false_supports.txt"
VERDICTS = ("supported", "contradicted", "unsupported")
KINDS = (
    "swap",
    "neighbour",
    "role",
    "direction",
    "namesake",
    "negation",
    "precision",
    "two-sentences",
    "reference",
    "clause",
    "multipart",
    "quantity",
    "date",
)


def load_rows(path: Path = TRAPS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["traps"]


def read_ids(path: Path) -> list[str]:
    """One id a line; '#' starts a comment."""
    if not path.exists():
        return []
    ids = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            ids.append(line)
    return ids


def seed_text(row: dict) -> str:
    """The seed file's text: the row's seed, one line, as written to <id>.txt."""
    return row["seed"].strip() + "\n"


@dataclass(frozen=True)
class Outcome:
    id: str
    kind: str
    lang: str
    expect: str
    got: str
    reason: str
    missing_evidence: tuple[str, ...]  # listed substrings the result's evidence does not cover

    @property
    def verdict_ok(self) -> bool:
        return self.got == self.expect

    @property
    def passed(self) -> bool:
        return self.verdict_ok and not self.missing_evidence

    @property
    def false_support(self) -> bool:
        return self.got == "supported" and self.expect != "supported"

    def describe(self) -> str:
        if not self.verdict_ok:
            return f"expected {self.expect}, got {self.got}: {self.reason}"
        return f"{self.got} as expected, but evidence does not cover {list(self.missing_evidence)}: {self.reason}"


def _covered(text: str, needle: str, spans: list[tuple[int, int]]) -> bool:
    start = text.find(needle)
    while start != -1:
        if all(any(a <= k < b for a, b in spans) for k in range(start, start + len(needle)) if text[k].isalnum()):
            return True
        start = text.find(needle, start + 1)
    return False


def run_rows(rows: list[dict], jobs: int = 1) -> dict[str, Outcome]:
    """Every row's seed as <tmp>/<lang>/<id>.txt (language declared by the row), every claim in one claims
    file, one call of summitcheck.api.check for all of them."""
    from summitcheck import api
    from summitcheck.load.claims import load_claims
    from summitcheck.load.seeds import load_seeds

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for lang in sorted({r["lang"] for r in rows}):
            (root / "seeds" / lang).mkdir(parents=True)
        for r in rows:
            (root / "seeds" / r["lang"] / f"{r['id']}.txt").write_text(seed_text(r), encoding="utf-8")
        seeds = [s for lang in sorted({r["lang"] for r in rows}) for s in load_seeds(root / "seeds" / lang, lang)]
        lines = ["claims:"]
        for r in rows:  # JSON strings are YAML scalars
            lines += [
                f"  - id: {json.dumps(r['id'])}",
                f"    text: {json.dumps(r['claim'], ensure_ascii=False)}",
                f"    seed: {json.dumps(r['id'])}",
            ]
        (root / "claims.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        claims = load_claims([root / "claims.yaml"], {s.id for s in seeds})
        report = api.check(claims, seeds, jobs=jobs)
    by_id = {r["id"]: r for r in rows}
    out: dict[str, Outcome] = {}
    for result in report.results:
        row = by_id[result.claim.id]
        text = seed_text(row)
        missing: tuple[str, ...] = ()
        if row["expect"] != "unsupported":
            spans = [(e.start, e.end) for e in result.evidence if e.seed == row["id"]]
            missing = tuple(s for s in row.get("evidence") or () if not _covered(text, s, spans))
        out[row["id"]] = Outcome(
            row["id"], row["kind"], row["lang"], row["expect"], result.verdict.value, result.reason, missing
        )
    return out


def summary(outcomes: dict[str, Outcome]) -> str:
    """One line: accuracy (verdict and evidence), verdict accuracy, support recall, false supports, per kind."""
    rows = list(outcomes.values())
    n = len(rows)
    passed = sum(o.passed for o in rows)
    verdicts = sum(o.verdict_ok for o in rows)
    sup = [o for o in rows if o.expect == "supported"]
    recall = sum(o.got == "supported" for o in sup) / max(len(sup), 1)
    fs = sum(o.false_support for o in rows)
    kinds = []
    for kind in KINDS:
        ks = [o for o in rows if o.kind == kind]
        if ks:
            kinds.append(f"{kind} {sum(o.passed for o in ks)}/{len(ks)}")
    return (
        f"traps {n}  accuracy {passed / n:.3f} ({passed})  verdict accuracy {verdicts / n:.3f}  "
        f"support recall {recall:.3f}  false supports {fs}  |  " + ", ".join(kinds)
    )
