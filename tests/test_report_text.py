"""report.text and report.layout: what every reporter relies on to make input text safe and to fit a terminal."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text

from summitcheck.report import layout
from summitcheck.report.text import block, is_safe, json_text, line


@pytest.mark.parametrize(("raw", "one_line", "lines"), [
    ("plain words", "plain words", "plain words"),
    ("a\x1b[2Jb", "a\\x1b[2Jb", "a\\x1b[2Jb"),
    ("\x1b]0;title\x07", "\\x1b]0;title\\x07", "\\x1b]0;title\\x07"),
    ("csi \x9b31m", "csi \\x9b31m", "csi \\x9b31m"),
    ("two\nlines\r\nhere\ttab", "two lines here tab", "two\nlines\nhere\ttab"),
    ("back\x08space del\x7f", "back\\x08space del\\x7f", "back\\x08space del\\x7f"),
    ("rlo \u202eevil\u202c", "rlo \\u202eevil\\u202c", "rlo \\u202eevil\\u202c"),
    ("sep\u2028arator", "sep\\u2028arator", "sep\\u2028arator"),
    ("lone \ud800 half", "lone \\ud800 half", "lone \\ud800 half"),
    ("accents é ≈ 世界 🙂", "accents é ≈ 世界 🙂", "accents é ≈ 世界 🙂"),
])
def test_unsafe_characters_are_shown_as_escapes(raw: str, one_line: str, lines: str) -> None:
    assert line(raw) == one_line and is_safe(one_line)
    assert block(raw) == lines
    assert block(raw).encode("utf-8")  # encodable, whatever the input


@pytest.mark.parametrize("value", ["\x1b[2J", "\x9b", "\u202e", "\u2028", "\ud800", "é ≈ plain", "\x00"])
def test_json_text_keeps_the_value_and_drops_the_raw_character(value: str) -> None:
    encoded = json_text(json.dumps({"v": value}, ensure_ascii=False))
    assert json.loads(encoded) == {"v": value}
    assert all(ch not in encoded for ch in "\x1b\x9b\u202e\u2028\ud800\x00")
    encoded.encode("utf-8")


def _console(width: int):
    return layout.console(io.StringIO(), width=width)


@pytest.mark.parametrize("width", [20, 40, 80, 200])
def test_a_table_never_exceeds_its_width_and_keeps_ids_whole(width: int) -> None:
    console = _console(width)
    columns = [layout.Column("id", keep=True), layout.Column("text", wrap=True, min=8, lines=2),
               layout.Column("seed", min=6)]
    rows = [[Text("an-id"), Text("a claim text long enough to wrap over several lines " * 3), Text("seed-" * 8)],
            [Text("another-id"), Text("short"), Text("s")]]
    lines = layout.table(console, columns, rows, width)
    cut = [layout.cut(piece, width) for piece in lines]
    assert all(piece.cell_len <= width for piece in cut)
    if width >= 40:
        assert all(piece.cell_len <= width for piece in lines)
        assert lines[1].plain.startswith("an-id") and lines[-1].plain.startswith("another-id")
    if 40 <= width < 150:
        assert len(lines) == 1 + 2 + 1  # a header, two lines for the long text (cut with …), one for the short
        assert "…" in lines[2].plain


@pytest.mark.parametrize(("natural", "width", "expected"), [
    ([10, 50, 20], 200, [10, 50, 20]),  # room for all: natural widths
    ([10, 50, 20], 70, [10, 50, 6]),  # the short values give way first (seed down to its minimum)
    ([10, 50, 20], 40, [10, 20, 6]),  # then the free text
    ([30, 50, 20], 30, [12, 8, 6]),  # the id last, when nothing else can give
])
def test_columns_give_way_by_meaning(natural: list[int], width: int, expected: list[int]) -> None:
    columns = [layout.Column("id", keep=True, min=4), layout.Column("text", wrap=True, min=8),
               layout.Column("seed", min=6)]
    rows = [[Text("x" * n) for n in natural]]
    assert layout.widths(columns, rows, width) == expected


def test_wrapped_text_is_cut_with_an_ellipsis_on_its_last_line() -> None:
    lines = layout.wrapped(_console(80), Text("one two three four five six seven"), 10, 2)
    assert [piece.plain for piece in lines] == ["one two", "three fou…"] or lines[-1].plain.endswith("…")
    assert all(piece.cell_len <= 10 for piece in lines)


@settings(max_examples=150, deadline=None)
@given(st.text(), st.text(min_size=1))
def test_any_text_comes_out_safe_and_encodable(text: str, other: str) -> None:
    assert is_safe(line(text + other))
    block(text).encode("utf-8")
    assert json.loads(json_text(json.dumps(text, ensure_ascii=False))) == text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=40), st.text(max_size=300), st.text(max_size=30)), min_size=1,
                max_size=6), st.integers(min_value=24, max_value=220))
def test_any_row_fits_any_width(rows: list[tuple[str, str, str]], width: int) -> None:
    console = _console(width)
    columns = [layout.Column("id", keep=True, min=4), layout.Column("text", wrap=True, min=8, lines=2),
               layout.Column("seed", min=6)]
    cells = [[layout.cell(a), layout.cell(b), layout.cell(c)] for a, b, c in rows]
    for piece in layout.table(console, columns, cells, width):
        assert layout.cut(piece, width).cell_len <= width
        assert is_safe(piece.plain)


def test_only_the_labels_of_the_evidence_lines_are_dim() -> None:
    """The seed's words and the claim's text in the normal colour; the seed id and file:line dimmed."""
    from summitcheck.report import table
    from summitcheck.report.sample import sample_report

    console = _console(120)
    lines = table.lines(sample_report(), console)
    evidence = next(piece for piece in lines if "sample-fr §2:" in piece.plain)
    claim = next(piece for piece in lines if piece.plain.strip().startswith("claims/labour.yaml:2:5"))

    def style_at(text: Text, words: str) -> str:
        at = text.plain.index(words)
        return " ".join(str(span.style) for span in text.spans if span.start <= at < span.end) or str(text.style)

    assert "dim" in style_at(evidence, "sample-fr")
    assert "dim" not in style_at(evidence, "nord-coréens")
    assert "red" in style_at(evidence, "Environ 10.000") and "green" in style_at(evidence, "travailleurs")
    assert "dim" in style_at(claim, "claims/labour.yaml") and "dim" not in style_at(claim, "≈20,000 workers")
