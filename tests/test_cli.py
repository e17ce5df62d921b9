"""The command line through typer's runner: exit codes, both formats, the issue's done-when scenarios."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import BUNDLED_SEED, CLAIMS, SEEDS
from typer.testing import CliRunner

from summitcheck.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    """A copy of the bundled claims to add to."""
    target = tmp_path / "claims"
    shutil.copytree(CLAIMS, target)
    return target


def test_bundled_claims_are_all_supported() -> None:
    result = run("verify", str(CLAIMS), "--seeds", str(SEEDS))
    assert result.exit_code == 0, result.output
    assert "supported" in result.output
    assert "passed" in result.output


def test_a_contradicted_claim_fails_with_the_seed_sentence(sheet: Path) -> None:
    extra = f'claims:\n  - id: too-many\n    text: "≈20,000 workers"\n    seed: {BUNDLED_SEED}\n'
    (sheet / "extra.yaml").write_text(extra)
    result = run("verify", str(sheet), "--seeds", str(SEEDS), "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    [bad] = [r for r in doc["results"] if r["id"] == "too-many"]
    assert bad["verdict"] == "contradicted"
    assert "Environ 10.000 travailleurs" in bad["sentence_text"]
    assert "20,000" in bad["reason"] and "Environ 10.000" in bad["reason"]
    assert any(e["text"] == "Environ 10.000" and e["status"] == "conflict" for e in bad["evidence"])
    table = run("verify", str(sheet), "--seeds", str(SEEDS))
    assert table.exit_code == 1 and "contradicted" in table.output and "Environ" in table.output


def test_misspelt_key_exits_2_naming_file_line_col(sheet: Path) -> None:
    (sheet / "typo.yaml").write_text("claims:\n  - id: typo\n    txt: oops\n")
    result = run("verify", str(sheet), "--seeds", str(SEEDS))
    assert result.exit_code == 2
    assert f"{sheet / 'typo.yaml'}:3:5: unknown key 'txt'" in result.output
    assert "Traceback" not in result.output


def test_json_is_the_whole_stdout_and_follows_the_contract() -> None:
    result = run("verify", "--seeds", str(SEEDS), "--format", "json", str(CLAIMS))
    doc = json.loads(result.stdout)
    assert set(doc) >= {"results", "summary"}
    ids = [r["id"] for r in doc["results"]]
    assert len(ids) == len(set(ids)) >= 25
    for r in doc["results"]:
        assert r["verdict"] in ("supported", "contradicted", "unsupported")
        assert r["seed"] == BUNDLED_SEED and r["reason"] and r["evidence"]
        for e in r["evidence"]:
            seed_text = (SEEDS / f"{e['seed']}.txt").read_text(encoding="utf-8")
            assert seed_text[e["start"] : e["end"]] == e["text"]


def test_unknown_format_is_a_usage_error() -> None:
    result = run("verify", str(CLAIMS), "--seeds", str(SEEDS), "--format", "yaml")
    assert result.exit_code == 2


def test_missing_claims_path_exits_2() -> None:
    result = run("verify", "no/such/claims", "--seeds", str(SEEDS))
    assert result.exit_code == 2
    assert "no/such/claims: no such file or folder" in result.output


def test_show_claims_table_and_json() -> None:
    table = run("show-claims", str(CLAIMS))
    assert table.exit_code == 0 and "nk-workers" in table.output and "labour.yaml:3" in table.output
    doc = json.loads(run("show-claims", str(CLAIMS), "--format", "json").stdout)
    first = doc["claims"][0]
    assert set(first) >= {"id", "text", "seed", "tags", "file", "line", "col"}


def test_show_claims_facts_shows_normalised_values(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text('claims:\n  - id: a\n    text: "UN res. 2397, Dec 2017, two-year deadline"\n')
    doc = json.loads(run("show-claims", str(tmp_path), "--facts", "--format", "json").stdout)
    facts = {(f["kind"], f["value"]) for f in doc["claims"][0]["facts"]}
    assert {("identifier", "resolution 2397"), ("date", "2017-12"), ("entity", "un")} <= facts
    assert any(kind == "duration" for kind, _ in facts)


def test_explain_shows_each_fact_and_the_seed_words() -> None:
    result = run("explain", "un-res-2397", str(CLAIMS), "--seeds", str(SEEDS))
    assert result.exit_code == 0, result.output
    for piece in ("identifier", "resolution 2397", "résolution 2397", "décembre 2017", "deux ans", "supported"):
        assert piece in result.output
    assert run("explain", "no-such-claim", str(CLAIMS), "--seeds", str(SEEDS)).exit_code == 2


def test_explain_shows_the_evidence_sentence_as_clauses(tmp_path: Path) -> None:
    """The reading the verdict rests on: each clause with its actors and values, and what the claim met there."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "rescue.txt").write_text(
        "date 2025-03 Norway sent 80 engineers, Chile a team of 35 divers and Peru two aircraft.\n", encoding="utf-8")
    claims = tmp_path / "claims.yaml"
    claims.write_text('claims:\n  - id: chile\n    text: "Chile sent 80 engineers"\n    seed: rescue\n',
                      encoding="utf-8")
    result = run("explain", "chile", str(claims), "--seeds", str(seeds))
    assert result.exit_code == 1, result.output
    assert "gapped" in result.output and "Chile" in result.output
    assert "claim says '80'; seed says '35'" in result.output  # Chile's own figure of the shared verb


def test_explain_shows_how_the_claim_was_read(tmp_path: Path) -> None:
    """The claim's own reading: the predicate the binding rules take, who acts, on whom, and its values."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "cup.txt").write_text(
        "date 2025-05 Le FC Aubrac a battu l'Olympique Ségala 3-1 samedi en finale de la coupe régionale.\n",
        encoding="utf-8")
    claims = tmp_path / "claims.yaml"
    claims.write_text('claims:\n  - id: final\n    text: "Aubrac beat Ségala 3-1 in the final"\n    seed: cup\n',
                      encoding="utf-8")
    result = run("explain", "final", str(claims), "--seeds", str(seeds))
    assert "read as: predicate 'beat' · actor Aubrac · object Ségala · values 3-1" in result.output, result.output
