"""Coverage: the checkable facts of each seed that no claim covers, so an editor sees what the fact sheet misses.

A seed's checkable facts are what the analysers read in it: numbers (and amounts of money, percentages, ordinals),
dates and weekdays, durations, identifiers, names of people, places and organisations, and quotations. A fact is
covered when the evidence of some claim (whatever its verdict: a contradicted claim still addresses the fact)
overlaps its words. A number or a date is counted at each place it occurs, since the same value can state two
different things; a name is counted once per seed, covered as soon as one of its mentions is.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

from .model import Evidence, Fact, Kind, Report, Seed
from .report.common import LineIndex
from .report.text import json_text
from .report.text import line as safe

KIND_NAMES = {
    Kind.NUMBER: "number",
    Kind.MONEY: "money",
    Kind.PERCENT: "percent",
    Kind.ORDINAL: "ordinal",
    Kind.DATE: "date",
    Kind.WEEKDAY: "weekday",
    Kind.DURATION: "duration",
    Kind.IDENTIFIER: "identifier",
    Kind.ENTITY: "name",
    Kind.NAME: "name",
    Kind.QUOTE: "quote",
}
NAME_KINDS = frozenset({Kind.ENTITY, Kind.NAME})
# When several facts share one span ("jeudi" is a weekday and a date), the item is shown as the first of these.
PRIORITY = [Kind.QUOTE, Kind.IDENTIFIER, Kind.MONEY, Kind.PERCENT, Kind.DURATION, Kind.DATE, Kind.WEEKDAY,
            Kind.NUMBER, Kind.ORDINAL, Kind.ENTITY, Kind.NAME]


@dataclass(frozen=True)
class Item:
    """One checkable fact of a seed (or, for a name, all its mentions) and whether a claim covers it."""

    seed: str
    path: str
    kind: str
    text: str
    value: str
    sentence: int
    start: int
    end: int
    line: int
    col: int
    covered: bool
    mentions: int = 1


@dataclass(frozen=True)
class SeedCoverage:
    seed: Seed
    items: tuple[Item, ...]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def covered(self) -> int:
        return sum(1 for i in self.items if i.covered)

    @property
    def gaps(self) -> list[Item]:
        return [i for i in self.items if not i.covered]

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / self.total if self.total else 100.0


def _overlaps(fact: Fact, spans: Sequence[tuple[int, int]], longest: int) -> bool:
    """Whether an evidence span (sorted by start; none longer than `longest`) overlaps the fact's words: a binary
    search, then a walk back over the spans that start close enough to reach it."""
    i = bisect.bisect_left(spans, (fact.end, -1))
    while i > 0:
        i -= 1
        start, end = spans[i]
        if end > fact.start:
            return True
        if start < fact.start - longest:
            return False
    return False


def seed_coverage(seed: Seed, sentence_facts: Iterable[tuple[int, Sequence[Fact]]],
                  evidence: Iterable[Evidence]) -> SeedCoverage:
    """Coverage of one seed from its sentences' facts (index, facts) and the evidence of every claim."""
    spans = sorted({(e.start, e.end) for e in evidence if e.seed == seed.id})
    longest = max((end - start for start, end in spans), default=0)
    by_span: dict[tuple[int, int], tuple[int, list[Fact]]] = {}
    for index, facts in sentence_facts:
        for fact in facts:
            if fact.kind in KIND_NAMES:
                by_span.setdefault((fact.start, fact.end), (index, []))[1].append(fact)

    lines = LineIndex(seed.text)
    items: list[Item] = []
    names: dict[tuple, list[tuple[int, Fact]]] = {}
    for (_start, _end), (index, facts) in sorted(by_span.items()):
        fact = min(facts, key=lambda f: PRIORITY.index(f.kind))
        if fact.kind in NAME_KINDS:
            key = tuple(fact.value) if fact.kind is Kind.ENTITY else (str(fact.value),)
            names.setdefault(key, []).append((index, fact))
            continue
        items.append(_item(seed, index, fact, _overlaps(fact, spans, longest), lines))
    for mentions in names.values():
        index, first = mentions[0]
        covered = any(_overlaps(f, spans, longest) for _, f in mentions)
        items.append(_item(seed, index, first, covered, lines, len(mentions)))
    items.sort(key=lambda i: (i.start, i.end))
    return SeedCoverage(seed, tuple(items))


def _item(seed: Seed, index: int, fact: Fact, covered: bool, lines: LineIndex, mentions: int = 1) -> Item:
    line, col = lines.position(fact.start)
    return Item(seed.id, seed.path, KIND_NAMES[fact.kind], fact.text, fact.shown(), index, fact.start, fact.end,
                line, col, covered, mentions)


def coverage(report: Report, knowledge=None) -> list[SeedCoverage]:
    """Coverage of every seed of a report (the seeds are analysed again: the report keeps only the evidence)."""
    from .analyse.knowledge import default_knowledge
    from .store import analyse_seed

    knowledge = knowledge or default_knowledge()
    evidence = [e for r in report.results for e in r.evidence]
    out = []
    for seed in report.seeds:
        analysed = analyse_seed(seed, knowledge)
        out.append(seed_coverage(seed, ((s.index, s.facts) for s in analysed.sentences), evidence))
    return out


# ---------------------------------------------------------------------------------------------------------------
# Output: table (Rich), plain (path:line:col lines of what is missing) and json.

FORMATS = ("table", "plain", "json")


def summary(seeds: Sequence[SeedCoverage]) -> dict[str, float | int]:
    total = sum(s.total for s in seeds)
    covered = sum(s.covered for s in seeds)
    return {"facts": total, "covered": covered, "uncovered": total - covered,
            "percent": round(100.0 * covered / total, 1) if total else 100.0}


def render(seeds: Sequence[SeedCoverage], fmt: str, out: TextIO, show_covered: bool = False) -> None:
    {"table": render_table, "plain": render_plain, "json": render_json}[fmt](seeds, out, show_covered)


def _mentions(item: Item) -> str:
    return f" ({item.mentions} mentions)" if item.mentions > 1 else ""


def render_plain(seeds: Sequence[SeedCoverage], out: TextIO, show_covered: bool = False) -> None:
    for cov in seeds:
        for item in cov.items:
            if item.covered and not show_covered:
                continue
            state = "covered" if item.covered else "uncovered"
            words = " ".join(item.text.split())
            out.write(safe(f"{item.path}:{item.line}:{item.col}: {state} {item.kind} {words!r} = {item.value} "
                           f"(sentence {item.sentence}){_mentions(item)}") + "\n")


def render_json(seeds: Sequence[SeedCoverage], out: TextIO, show_covered: bool = False) -> None:
    doc = {
        "seeds": [
            {
                "id": cov.seed.id,
                "path": cov.seed.path,
                "facts": cov.total,
                "covered": cov.covered,
                "percent": round(cov.percent, 1),
                "items" if show_covered else "uncovered": [
                    {"kind": i.kind, "text": i.text, "value": i.value, "sentence": i.sentence, "start": i.start,
                     "end": i.end, "line": i.line, "col": i.col, "mentions": i.mentions}
                    | ({"covered": i.covered} if show_covered else {})
                    for i in cov.items
                    if show_covered or not i.covered
                ],
            }
            for cov in seeds
        ],
        "summary": summary(seeds),
    }
    out.write(json_text(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n")


def render_table(seeds: Sequence[SeedCoverage], out: TextIO, show_covered: bool = False) -> None:
    """Per seed, a title and its facts: where (sentence, line:col) and kind keep their width, the seed's words and
    the value wrap onto two lines at most, longer ones cut with an ellipsis."""
    from rich.text import Text

    from .report import layout

    console = layout.console(out)
    columns = [layout.Column("where", keep=True), layout.Column("kind", keep=True),
               layout.Column("words", wrap=True, min=12), layout.Column("value", wrap=True, min=10)]
    if show_covered:
        columns.append(layout.Column("covered", keep=True))
    lines: list[Text] = []
    for cov in seeds:
        title = safe(f"{cov.seed.id}: {cov.covered} of {cov.total} facts covered ({cov.percent:.0f}%)")
        rows = []
        for item in cov.items:
            if item.covered and not show_covered:
                continue
            row = [layout.cell(f"§{item.sentence} {item.line}:{item.col}", "dim"), layout.cell(item.kind),
                   layout.cell(item.text + _mentions(item)), layout.cell(item.value)]
            if show_covered:
                row.append(Text("yes", style="green") if item.covered else Text("no", style="yellow"))
            rows.append(row)
        if rows:
            lines.append(Text(title, style="bold"))
            lines += layout.table(console, columns, rows)
        else:
            lines.append(Text(title + " — nothing missing", style="green"))
    s = summary(seeds)
    lines.append(Text(f"{s['covered']} of {s['facts']} checkable facts covered by a claim ({s['percent']}%); "
                      f"{s['uncovered']} uncovered"))
    layout.print_lines(console, [layout.cut(piece, console.width) for piece in lines])
