"""show-claims: the claims as a table or JSON, optionally with the typed facts read from each."""

from __future__ import annotations

import json
from typing import TextIO

from .model import Claim, Fact


def _facts(claim: Claim) -> list[Fact]:
    from .analyse import analyse, claim_language
    from .analyse.knowledge import default_knowledge

    knowledge = default_knowledge()
    lang = claim_language(claim.text, knowledge)
    return list(analyse(claim.text, lang, knowledge, verbatim_lang=None).facts)


def fact_dict(fact: Fact) -> dict[str, object]:
    out: dict[str, object] = {"kind": fact.kind.value, "text": fact.text, "value": fact.shown()}
    if fact.qualifier != "exact":
        out["qualifier"] = fact.qualifier
    if fact.head:
        out["counts"] = list(fact.head)
    if fact.role:
        out["role"] = fact.role
    return out


def render_claims(claims: list[Claim], fmt: str, with_facts: bool, out: TextIO) -> None:
    if fmt == "json":
        rows = []
        for c in claims:
            row: dict[str, object] = {"id": c.id, "text": c.text, "seed": c.seed, "tags": list(c.tags),
                                      "file": c.location.path, "line": c.location.line, "col": c.location.col}
            if c.note:
                row["note"] = c.note
            if with_facts:
                row["facts"] = [fact_dict(f) for f in _facts(c)]
            rows.append(row)
        out.write(json.dumps({"claims": rows}, ensure_ascii=False, indent=2) + "\n")
        return

    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=with_facts)
    for name in ("id", "text", "seed", "tags", "file:line"):
        table.add_column(name, style="cyan" if name == "id" else None, no_wrap=name in ("id", "file:line"))
    if with_facts:
        table.add_column("facts")
    for c in claims:
        row = [c.id, c.text, c.seed or "(every seed)", ", ".join(c.tags), f"{c.location.path}:{c.location.line}"]
        if with_facts:
            row.append("\n".join(f"{f.kind.value}: {f.text} → {f.shown()}" for f in _facts(c)))
        table.add_row(*row)
    console = Console(file=out, highlight=False)
    console.print(table)
    console.print(f"{len(claims)} claim{'s' if len(claims) != 1 else ''}")
