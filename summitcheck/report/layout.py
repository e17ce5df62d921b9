"""Terminal output that a person reads at 80 columns: rows of columns that shrink by meaning.

Like ruff or pytest, a row is one line where it can be: ids, paths and verdicts keep their width (they are what a
reader searches for), free text (a claim, a quotation) wraps onto a bounded number of lines, and anything still too
long is cut with an ellipsis. No borders: a box costs a line per row at 80 columns. Cells are rich Text, so colours
and highlights survive the cut; every string from an input goes through report.text.line first.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from rich.console import Console
from rich.text import Text

from .text import line as safe_line

GAP = "  "
ELLIPSIS = "…"


class ReportConsole(Console):
    """A rich Console whose closed pipe is a BrokenPipeError for report.output to handle: rich's own answer is to
    exit 1, which would say that a claim failed."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError()


def console(out: TextIO, width: int | None = None) -> Console:
    """A console writing to `out`: the terminal's width when it is one, else $COLUMNS, else 80."""
    return ReportConsole(file=out, width=width, highlight=False, soft_wrap=False, emoji=False,
                         markup=False, legacy_windows=False, stderr=out is sys.stderr)


def cell(value: str | Text, style: str | None = None) -> Text:
    """A cell from an input's text (made safe) or a Text already built from safe pieces."""
    if isinstance(value, Text):
        return value
    return Text(safe_line(value), style=style or "")


def cut(text: Text, width: int) -> Text:
    """`text` on one line of at most `width` cells, ending with an ellipsis when it was longer."""
    text = text.copy()
    if text.cell_len > width:
        text.truncate(max(width, 1), overflow="ellipsis")
    return text


def wrapped(console: Console, text: Text, width: int, max_lines: int | None) -> list[Text]:
    """`text` wrapped at `width`, on at most `max_lines` lines (the last cut with an ellipsis), each at most `width`."""
    width = max(width, 1)
    lines = [piece.copy() for piece in text.wrap(console, width, overflow="fold")] or [Text("")]
    for piece in lines:
        piece.rstrip()
    if max_lines is not None and len(lines) > max_lines:
        last = lines[max_lines - 1]
        if last.cell_len + 1 > width:
            last.truncate(width - 1)
        last.append(ELLIPSIS)
        lines = lines[:max_lines]
    return lines


@dataclass(frozen=True)
class Column:
    """How a column gives way when the row is too wide: short values first (cut with an ellipsis), then `wrap`
    columns (free text, onto at most `lines` lines), never below `min` cells; `keep` columns (ids, paths) last."""

    name: str
    min: int = 6
    wrap: bool = False
    keep: bool = False
    lines: int | None = 2
    style: str | None = None
    right: bool = False


def widths(columns: Sequence[Column], rows: Sequence[Sequence[Text]], width: int) -> list[int]:
    """Each column's width: its longest cell, shrunk by meaning until the row fits `width` (in the group that gives
    way first, the widest column loses a cell at a time, down to its minimum; then the next group)."""
    sizes = [max([len(c.name), *(row[i].cell_len for row in rows)]) for i, c in enumerate(columns)]
    excess = sum(sizes) + len(GAP) * (len(columns) - 1) - width
    for gives_way in (lambda c: not c.wrap and not c.keep, lambda c: c.wrap, lambda c: c.keep):
        members = [i for i, c in enumerate(columns) if gives_way(c)]
        while excess > 0:
            spare = [i for i in members if sizes[i] > columns[i].min]
            if not spare:
                break
            widest = max(spare, key=lambda i: sizes[i])
            sizes[widest] -= 1
            excess -= 1
    return sizes


def table(console: Console, columns: Sequence[Column], rows: Sequence[Sequence[Text]], width: int | None = None,
          header: bool = True, sizes: Sequence[int] | None = None) -> list[Text]:
    """The lines of a borderless table of `rows` (one Text per column) at `width` (default: the console's), or
    with the column `sizes` given (several tables that line up)."""
    if sizes is None:
        sizes = widths(columns, rows, width or console.width)
    out: list[Text] = []
    if header:
        out.append(_join([cut(Text(c.name, style="bold"), w) for c, w in zip(columns, sizes, strict=True)],
                         sizes, columns))
    for row in rows:
        cells = []
        for column, size, text in zip(columns, sizes, row, strict=True):
            cells.append(wrapped(console, text, size, column.lines) if column.wrap else [cut(text, size)])
        height = max(len(c) for c in cells)
        for k in range(height):
            out.append(_join([c[k] if k < len(c) else Text("") for c in cells], sizes, columns))
    return out


def _join(cells: Sequence[Text], sizes: Sequence[int], columns: Sequence[Column]) -> Text:
    joined = Text()
    last = len(cells) - 1
    for i, (text, size) in enumerate(zip(cells, sizes, strict=True)):
        pad = " " * max(0, size - text.cell_len)
        if columns[i].right:
            joined.append(pad)
            joined.append_text(text)
        else:
            joined.append_text(text)
            if i < last:
                joined.append(pad)
        if i < last:
            joined.append(GAP)
    joined.rstrip()
    return joined


def print_lines(console: Console, lines: Sequence[Text]) -> None:
    """Each line as it is: no wrapping, no cropping by rich (the lines are already laid out to fit). Without colours
    (not a terminal) the plain text is the output: rendering line by line took seconds for 10,000 claims."""
    if not lines:
        return
    if console.color_system is None:
        console.file.write("".join(text.plain + "\n" for text in lines))
        return
    console.print(Text("\n").join(lines), no_wrap=True, overflow="ignore", crop=False)
