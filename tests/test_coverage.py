"""`summitcheck coverage`: the checkable facts of each seed that no claim covers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summitcheck.cli import app
from summitcheck.coverage import seed_coverage
from summitcheck.model import Evidence, Fact, Kind
from summitcheck.report.sample import FR

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED_ID = "000_f05eb49b0d101e5b"


def fact(kind: Kind, words: str, value: object, nth: int = 0) -> Fact:
    start = -1
    for _ in range(nth + 1):
        start = FR.text.index(words, start + 1)
    return Fact(kind, value, start, start + len(words), words)


def evidence(words: str) -> Evidence:
    start = FR.text.index(words)
    return Evidence(FR.id, 1, start, start + len(words), words, words, "x", "match")


def test_value_facts_count_at_each_place_and_names_once() -> None:
    facts = [
        (1, [fact(Kind.ENTITY, "Kim Jong-un", ("kim-jong-un",)), fact(Kind.ENTITY, "Vladimir Poutine", ("putin",)),
             fact(Kind.TERM, "sommet", "meeting"), fact(Kind.WEEKDAY, "jeudi", 3), fact(Kind.DATE, "jeudi", "2019-04"),
             fact(Kind.ENTITY, "Vladivostok", ("vladivostok",))]),
        (2, [fact(Kind.NUMBER, "10.000", 10000.0), fact(Kind.ENTITY, "Russie", ("RU",))]),
        (3, [fact(Kind.IDENTIFIER, "résolution 2397", ("resolution", "2397")),
             fact(Kind.DATE, "décembre 2017", "2017-12"), fact(Kind.ENTITY, "Poutine", ("putin",))]),
    ]
    # "Poutine" in sentence 3 is a second mention of the same person (the seed does not say it: the test does).
    cov = seed_coverage(FR, facts, [evidence("Vladimir Poutine"), evidence("Environ 10.000")])
    by_text = {i.text: i for i in cov.items}
    assert "sommet" not in by_text  # concepts are not checkable facts
    assert by_text["jeudi"].kind == "date"  # one item per span, shown as its most specific kind
    assert by_text["Vladimir Poutine"].covered and by_text["Vladimir Poutine"].mentions == 2
    assert by_text["10.000"].covered
    assert not by_text["résolution 2397"].covered and by_text["résolution 2397"].kind == "identifier"
    assert cov.total == 8 and cov.covered == 2
    assert [i.text for i in cov.gaps] == ["Kim Jong-un", "jeudi", "Vladivostok", "Russie", "résolution 2397",
                                          "décembre 2017"]
    gap = by_text["résolution 2397"]
    line = FR.text.splitlines()[gap.line - 1]
    assert line[gap.col - 1 :].startswith("résolution 2397") and gap.sentence == 3


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.yaml").write_text(f'id: workers\ntext: "≈10,000 workers"\nseed: {SEED_ID}\n', encoding="utf-8")
    return tmp_path


def test_coverage_command_lists_uncovered_facts(work: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["coverage", "c.yaml", "--seeds", str(SEEDS), "-f", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    (seed,) = doc["seeds"]
    text = (SEEDS / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    assert 0 < seed["covered"] < seed["facts"]
    kinds = {item["kind"] for item in seed["uncovered"]}
    assert {"number", "date", "name", "quote"} <= kinds
    for item in seed["uncovered"]:
        assert text[item["start"] : item["end"]] == item["text"]
        assert text.splitlines()[item["line"] - 1][item["col"] - 1 :].startswith(item["text"].split("\n")[0])
    assert "Environ 10.000" not in {item["text"] for item in seed["uncovered"]}  # the claim covers it

    everything = runner.invoke(app, ["coverage", "c.yaml", "--seeds", str(SEEDS), "-f", "json", "--all"])
    items = json.loads(everything.stdout)["seeds"][0]["items"]
    assert any(i["covered"] and i["text"] == "Environ 10.000" for i in items)

    plain = runner.invoke(app, ["coverage", "c.yaml", "--seeds", str(SEEDS), "-f", "plain"])
    assert all(line.startswith(f"{Path('seeds')}") or ":" in line for line in plain.stdout.splitlines())
    assert all(" uncovered " in line for line in plain.stdout.splitlines())

    table = runner.invoke(app, ["coverage", "c.yaml", "--seeds", str(SEEDS)])
    assert table.exit_code == 0 and "checkable facts covered by a claim" in table.stdout

    strict = runner.invoke(app, ["coverage", "c.yaml", "--seeds", str(SEEDS), "-f", "json", "--fail-under", "90"])
    assert strict.exit_code == 1 and "under --fail-under" in strict.stderr
