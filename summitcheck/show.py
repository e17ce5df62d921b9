"""show-claims: the claims as a table or JSON, optionally with the typed facts read from each."""

from __future__ import annotations

import json
from typing import TextIO

from .model import Claim, Fact, Result


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

    console = Console(file=out, highlight=False)
    if with_facts:  # one small table per claim: its typed facts do not fit beside the claim's other columns
        for c in claims:
            console.print(f"[cyan]{c.id}[/cyan]  {c.text}  [dim]{c.location.path}:{c.location.line}[/dim]")
            facts = Table(show_header=True, box=None, padding=(0, 2), pad_edge=False)
            for name in ("kind", "words", "value", "counts / role"):
                facts.add_column(name, style="dim" if name == "kind" else None)
            for f in _facts(c):
                extra = ", ".join(f.head) if f.head else (f.role or "")
                if f.qualifier != "exact":
                    extra = f"{f.qualifier} {extra}".strip()
                facts.add_row(f.kind.value, f.text, f.shown(), extra)
            console.print(facts)
            console.print()
        console.print(f"{len(claims)} claim{'s' if len(claims) != 1 else ''}")
        return
    table = Table()
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("text", ratio=3)
    table.add_column("seed", ratio=1, overflow="fold")
    table.add_column("tags", ratio=1)
    table.add_column("file:line", no_wrap=True)
    for c in claims:
        table.add_row(c.id, c.text, c.seed or "(every seed)", ", ".join(c.tags), f"{c.location.path}:{c.location.line}")
    console.print(table)
    console.print(f"{len(claims)} claim{'s' if len(claims) != 1 else ''}")


def render_explanation(result: Result, out: TextIO) -> None:
    """One claim's typed facts, each with what the seed said of it, then the verdict and its reason."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, highlight=False)
    claim = result.claim
    console.print(f"[cyan]{claim.id}[/cyan]  {claim.text}  [dim]{claim.location}[/dim]")
    answers = {e.claim_text: e for e in result.evidence}
    table = Table(show_header=True, box=None, padding=(0, 2), pad_edge=False)
    for name in ("kind", "claim words", "value", "seed words", "where"):
        table.add_column(name)
    for fact in result.facts:
        e = answers.get(fact.text)
        seed_words = f"[green]{e.text}[/green]" if e and e.status == "match" else (
            f"[red]{e.text}[/red]" if e else "[yellow]not found[/yellow]")
        where = f"{e.seed} §{e.sentence} [{e.start}:{e.end}]" if e else ""
        table.add_row(fact.kind.value, fact.text, fact.shown(), seed_words, where)
    console.print(table)
    if result.sentence is not None:
        console.print(f"[dim]evidence sentence {result.sentence.index}:[/dim] {result.sentence.text}")
    console.print(f"[bold]{result.verdict.value}[/bold]: {result.reason}")
