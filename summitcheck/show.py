"""show-claims: the claims as a table or JSON, optionally with the typed facts read from each."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from .model import Claim, Fact, Result

if TYPE_CHECKING:
    from .read.clauses import ClauseView

MIN_TEXT = 40  # cells the claim text needs beside the other columns, else each claim takes two lines


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
        rows: list[dict[str, object]] = []
        for c in claims:
            row: dict[str, object] = {"id": c.id, "text": c.text, "seed": c.seed, "tags": list(c.tags),
                                      "file": c.location.path, "line": c.location.line, "col": c.location.col}
            if c.note:
                row["note"] = c.note
            if with_facts:
                row["facts"] = [fact_dict(f) for f in _facts(c)]
            rows.append(row)
        from .report.text import json_text

        out.write(json_text(json.dumps({"claims": rows}, ensure_ascii=False, indent=2)) + "\n")
        return

    from rich.text import Text

    from .report import layout
    from .report.common import display_path, plural
    from .report.text import line as safe

    console = layout.console(out)
    lines: list[Text] = []
    if with_facts:  # one small table per claim: its typed facts do not fit beside the claim's other columns
        columns = [layout.Column("kind", keep=True), layout.Column("words", wrap=True, min=12),
                   layout.Column("value", wrap=True, min=12), layout.Column("counts / role", min=8)]
        for c in claims:
            head = Text.assemble((safe(c.id), "cyan"), "  ", (safe(f"{display_path(c.location.path)}:"
                                                                      f"{c.location.line}"), "dim"))
            lines += [head, *layout.wrapped(console, Text("  " + safe(c.text)), console.width, 2)]
            facts: list[list[Text]] = []
            for f in _facts(c):
                extra = ", ".join(f.head) if f.head else (f.role or "")
                if f.qualifier != "exact":
                    extra = f"{f.qualifier} {extra}".strip()
                facts.append([layout.cell(f.kind.value, "dim"), layout.cell(f.text), layout.cell(f.shown()),
                              layout.cell(extra)])
            lines += [Text("  ") + piece for piece in layout.table(console, columns, facts, console.width - 2)]
            lines.append(Text(""))
        lines.append(Text(plural(len(claims), "claim")))
        layout.print_lines(console, lines)
        return
    columns = [layout.Column("id", min=12, keep=True), layout.Column("text", min=20, wrap=True, lines=2),
               layout.Column("seed", min=8), layout.Column("tags", min=6), layout.Column("file:line", keep=True)]
    cells: list[list[Text]] = [[layout.cell(c.id, "cyan"), layout.cell(c.text), layout.cell(c.seed or "(every seed)"),
             layout.cell(", ".join(c.tags)), layout.cell(f"{display_path(c.location.path)}:{c.location.line}", "dim")]
            for c in claims]
    sizes = layout.widths(columns, cells, console.width)
    if sizes[1] >= min(MIN_TEXT, max((row[1].cell_len for row in cells), default=0)):
        lines += layout.table(console, columns, cells, sizes=sizes)
        lines.append(Text(plural(len(claims), "claim")))
    else:  # too narrow for the text beside the rest: each claim on two lines, where it is, then its text and tags;
        # nothing else, so that the listing is two lines a claim (the count would be the one line over)
        heads = layout.table(console, [columns[0], columns[4], columns[2]], [[row[0], row[4], row[2]] for row in cells],
                             header=False)
        for head, cell_row in zip(heads, cells, strict=True):
            text = Text("    ") + cell_row[1]
            if cell_row[3]:
                text += Text("  [", style="dim") + cell_row[3] + Text("]", style="dim")
            lines += [head, layout.cut(text, console.width)]
    layout.print_lines(console, [layout.cut(piece, console.width) for piece in lines])


def claim_reading(facts: Sequence[Fact]) -> str:
    """The claim as the binding rules read it: its predicate (window.main_verb's guess), who acts (its names
    before it), on whom (after it), where, and its values."""
    from .match import FactStatus
    from .model import VALUE_KINDS, Kind
    from .window import MISSING, main_verb, name_like

    verb = main_verb([FactStatus(f, MISSING) for f in facts])
    names = [f for f in facts if f.kind in (Kind.NAME, Kind.ENTITY) or name_like(f)]
    at = verb.fact.start if verb is not None else None
    parts = []
    if verb is not None:
        parts.append(f"predicate {verb.fact.text!r}")
    places = [f.text for f in names if f.role in ("loc", "from", "to")]
    actors = [f.text for f in names if f.role not in ("loc", "from", "to") and (at is None or f.start < at)]
    objects = [f.text for f in names if f.role not in ("loc", "from", "to") and at is not None and f.start > at]
    values = [f.text for f in facts if f.kind in VALUE_KINDS]
    for label, items in (("actor", actors), ("object", objects), ("place", places), ("values", values)):
        if items:
            parts.append(f"{label} {', '.join(items)}")
    return " · ".join(parts)


def render_explanation(result: Result, out: TextIO, reading: Sequence[ClauseView] = ()) -> None:
    """One claim's typed facts, each with what the seed said of it, the evidence sentence read as clauses (who
    acts, where, the values they own, what the claim met there), then the verdict and its reason."""
    from rich.text import Text

    from .report import layout
    from .report.text import line as safe

    console = layout.console(out)
    claim = result.claim
    lines = [Text.assemble((safe(claim.id), "cyan"), "  ", (safe(str(claim.location)), "dim"))]
    lines += layout.wrapped(console, Text("  " + safe(claim.text)), console.width, None)
    read_as = claim_reading(result.facts)
    if read_as:
        lines += layout.wrapped(console, Text.assemble(("  read as: ", "dim"), safe(read_as)), console.width, None)
    answers = {e.claim_text: e for e in result.evidence}
    columns = [layout.Column("kind", keep=True), layout.Column("claim words", wrap=True, min=11),
               layout.Column("value", wrap=True, min=10), layout.Column("seed words", wrap=True, min=10),
               layout.Column("where", keep=True)]
    rows = []
    for fact in result.facts:
        e = answers.get(fact.text)
        if e is None:
            seed_words = Text("not found", style="yellow")
        else:
            seed_words = Text(safe(e.text), style="green" if e.status == "match" else "red")
        seed = "" if e is None or e.seed == result.seed else f"{e.seed} "  # the evidence sentence names its seed
        where = layout.cell(f"{seed}§{e.sentence} [{e.start}:{e.end}]" if e else "", "dim")
        rows.append([layout.cell(fact.kind.value), layout.cell(fact.text), layout.cell(fact.shown()), seed_words,
                     where])
    lines += layout.table(console, columns, rows)
    if result.sentence is not None:
        sentence = Text.assemble((safe(f"evidence: {result.seed} sentence {result.sentence.index}: "), "dim"),
                                 safe(result.sentence.text))
        lines += layout.wrapped(console, sentence, console.width, None)
    if reading:
        columns = [layout.Column("clause", keep=True), layout.Column("text", wrap=True, min=16, lines=3),
                   layout.Column("actors / places", wrap=True, min=10), layout.Column("values", wrap=True, min=8),
                   layout.Column("claim met", wrap=True, min=8)]
        cells = [[layout.cell(c.kind + " (negated)" * c.negated + " (would have)" * c.unreal, "dim"),
                  layout.cell(c.text),
                  layout.cell(", ".join([*c.actors, *(f"@{p}" for p in c.places)])), layout.cell(", ".join(c.values)),
                  layout.cell(", ".join(c.met), "green")] for c in reading]
        lines += layout.table(console, columns, cells)
    verdict = Text.assemble((result.verdict.value, "bold"), ": " + safe(result.reason))
    lines += layout.wrapped(console, verdict, console.width, None)
    layout.print_lines(console, [layout.cut(piece, console.width) for piece in lines])
