"""Golden output of every format, rendered from the hand-made sample report (summitcheck.report.sample).

The sample is fixed model objects, so these files change only when a format changes. After a deliberate change:
    SUMMITCHECK_UPDATE_GOLDEN=1 pytest tests/test_report_golden.py
and review the diff of tests/golden/.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from summitcheck.report import formats, renderer
from summitcheck.report.sample import sample_report

GOLDEN = Path(__file__).parent / "golden"
SUFFIX = {
    "table": "table.txt", "plain": "plain.txt", "json": "json", "markdown": "md", "junit": "junit.xml",
    "github": "github.txt", "sarif": "sarif", "html": "html",
}
UPDATE = os.environ.get("SUMMITCHECK_UPDATE_GOLDEN") == "1"


@pytest.fixture
def stable_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No colour, a fixed width, no CI workspace, a fixed version: output that depends on nothing outside."""
    for name in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "GITHUB_WORKSPACE", "CLICOLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("LINES", "50")
    import summitcheck.report.sarif as sarif

    monkeypatch.setattr(sarif, "__version__", "0.0.0-golden")


def render(name: str) -> str:
    out = io.StringIO()
    renderer(name)(sample_report(), out)
    return out.getvalue()


def test_every_format_has_a_golden_file() -> None:
    assert set(SUFFIX) == set(formats())


@pytest.mark.parametrize("name", sorted(SUFFIX))
def test_golden(name: str, stable_env: None) -> None:
    path = GOLDEN / f"sample.{SUFFIX[name]}"
    got = render(name)
    if UPDATE:
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"missing {path}; create it with SUMMITCHECK_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert got == expected, f"{name} differs from {path.name}; if intended, update with SUMMITCHECK_UPDATE_GOLDEN=1"


@pytest.mark.parametrize(("columns", "verbose"), [(80, False), (200, False), (80, True)])
def test_table_golden_at_a_terminal_width(columns: int, verbose: bool, stable_env: None,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The default table as a person reads it in a default terminal (80 columns) and a wide one; --verbose too."""
    from summitcheck.report.table import render as render_table

    monkeypatch.setenv("COLUMNS", str(columns))
    out = io.StringIO()
    render_table(sample_report(), out, verbose=verbose)
    got = out.getvalue()
    check_golden(GOLDEN / f"sample.table-{columns}{'-verbose' if verbose else ''}.txt", got)
    assert max(len(line) for line in got.splitlines()) <= columns


@pytest.mark.parametrize("columns", [80, 200])
def test_show_claims_golden_at_a_terminal_width(columns: int, stable_env: None,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from summitcheck.show import render_claims

    monkeypatch.setenv("COLUMNS", str(columns))
    out = io.StringIO()
    render_claims([r.claim for r in sample_report().results], "table", False, out)
    got = out.getvalue()
    check_golden(GOLDEN / f"sample.show-claims-{columns}.txt", got)
    assert max(len(line) for line in got.splitlines()) <= columns


def check_golden(path: Path, got: str) -> None:
    if UPDATE:
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"missing {path}; create it with SUMMITCHECK_UPDATE_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8"), f"differs from {path.name}; if intended, update with " \
        "SUMMITCHECK_UPDATE_GOLDEN=1"


@pytest.mark.parametrize("name", sorted(SUFFIX))
def test_deterministic_and_free_of_local_paths(name: str, stable_env: None) -> None:
    first, second = render(name), render(name)
    assert first == second
    assert "/tmp" not in first and str(Path.cwd()) not in first
    assert "\r" not in first


def test_sample_is_consistent() -> None:
    """Each evidence span of the sample is the seed's words at its offsets, inside its sentence."""
    report = sample_report()
    seeds = {s.id: s for s in report.seeds}
    for result in report.results:
        for ev in result.evidence:
            seed = seeds[ev.seed]
            assert seed.text[ev.start : ev.end] == ev.text
            sentence = seed.sentences[ev.sentence - 1]
            assert sentence.start <= ev.start and ev.end <= sentence.end
        if result.sentence is not None:
            seed = seeds[result.seed]
            assert seed.text[result.sentence.start : result.sentence.end] == result.sentence.text
