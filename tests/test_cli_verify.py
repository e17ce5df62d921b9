"""End-to-end: `summitcheck verify`, `report` and the fail policy through the command line, against the bundled
seed. These assert structure and exit codes, never the checker's wording, so they survive changes to its reasons."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summitcheck.cli import app

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED_ID = "000_f05eb49b0d101e5b"

CLAIMS = f"""\
claims:
  - id: nk-workers
    text: "≈10,000 workers"
    seed: {SEED_ID}
    tags: [labour]

  - id: nk-workers-wrong
    text: "≈20,000 workers"
    seed: {SEED_ID}
    tags: [labour, numbers]

  - id: putin-cat
    text: "Putin owns a cat named Tiger"
    seed: {SEED_ID}
"""
SUPPORTED_ONLY = f"""\
- id: nk-workers
  text: "≈10,000 workers"
  seed: {SEED_ID}
"""


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch folder as the working folder (so no config of the repository applies), with claim files."""
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_WORKSPACE", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "mixed.yaml").write_text(CLAIMS, encoding="utf-8")
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "ok.yaml").write_text(SUPPORTED_ONLY, encoding="utf-8")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def verdicts(stdout: str) -> dict[str, str]:
    return {r["id"]: r["verdict"] for r in json.loads(stdout)["results"]}


def test_exit_codes_follow_the_policy(work: Path) -> None:
    ok = run("verify", "good", "--seeds", SEEDS, "-f", "json")
    assert ok.exit_code == 0, ok.output
    assert verdicts(ok.stdout) == {"nk-workers": "supported"}

    mixed = run("verify", "claims", "--seeds", SEEDS, "-f", "json")
    assert mixed.exit_code == 1
    got = verdicts(mixed.stdout)
    assert got["nk-workers"] == "supported" and got["nk-workers-wrong"] == "contradicted"
    assert got["putin-cat"] != "supported"

    assert run("verify", "claims", "--seeds", SEEDS, "-f", "json", "--fail-on", "none").exit_code == 0
    only_unsupported = run("verify", "claims", "--seeds", SEEDS, "-f", "json", "--fail-on", "unsupported")
    assert only_unsupported.exit_code == (1 if got["putin-cat"] == "unsupported" else 0)
    assert run("verify", "claims", "--seeds", SEEDS, "--fail-on", "contradicted", "-f", "plain").exit_code == 1


def test_bad_usage_and_bad_input_exit_2(work: Path) -> None:
    assert run("verify", "claims", "--seeds", SEEDS, "-f", "yaml").exit_code == 2
    bad = run("verify", "claims", "--seeds", SEEDS, "--fail-on", "wrong")
    assert bad.exit_code == 2 and "--fail-on: unknown verdict 'wrong'" in bad.stderr
    (work / "claims" / "broken.yaml").write_text("- id: x\n  txt: oops\n", encoding="utf-8")
    broken = run("verify", "claims", "--seeds", SEEDS)
    assert broken.exit_code == 2 and re.search(r"broken\.yaml:2:3: ", broken.stderr)


def test_json_stdout_is_the_report_and_nothing_else() -> None:
    """The real console script in a subprocess: stdout parses whole, stderr stays empty (no progress bar)."""
    env = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}
    bin_dir = Path(sys.executable).parent
    claims = REPO / "tests" / "golden" / "cli-claims.yaml"
    proc = subprocess.run(
        [str(bin_dir / "summitcheck"), "verify", str(claims), "--seeds", str(SEEDS), "-f", "json"],
        capture_output=True, text=True, env=env, cwd=REPO / "tests", timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert {r["id"] for r in doc["results"]} == {"nk-workers", "nk-workers-wrong"}
    assert proc.stderr == ""


def test_every_format_from_the_command_line(work: Path) -> None:
    for fmt in ("table", "plain", "json", "markdown", "junit", "github", "sarif", "html"):
        result = run("verify", "claims", "--seeds", SEEDS, "-f", fmt)
        assert result.exit_code == 1, (fmt, result.output)
        assert result.stdout.strip(), fmt
    junit = ET.fromstring(run("verify", "claims", "--seeds", SEEDS, "-f", "junit").stdout)
    assert len(list(junit.iter("testcase"))) == 3
    assert {c.get("name") for c in junit.iter("testcase") if c.find("failure") is not None} >= {"nk-workers-wrong"}
    sarif = json.loads(run("verify", "claims", "--seeds", SEEDS, "-f", "sarif").stdout)
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "claims/mixed.yaml")


def test_github_annotations_point_at_the_claim_in_its_yaml(work: Path) -> None:
    result = run("verify", "claims", "--seeds", SEEDS, "-f", "github")
    annotations = re.findall(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=[^:]*%3A ([^: ]+)",
                             result.stdout, re.MULTILINE)
    assert annotations
    for _level, file, line, col, claim_id in annotations:
        yaml_line = (work / file).read_text(encoding="utf-8").splitlines()[int(line) - 1]
        assert yaml_line[int(col) - 1 :].startswith(f"id: {claim_id}"), (file, line, yaml_line)
    assert "nk-workers-wrong" in {a[4] for a in annotations if a[0] == "error"}


def test_output_file_keeps_stdout_empty(work: Path) -> None:
    result = run("verify", "claims", "--seeds", SEEDS, "-f", "junit", "-o", "out/report.xml")
    assert result.exit_code == 2  # the folder does not exist: an input error, not a crash
    (work / "out").mkdir()
    result = run("verify", "claims", "--seeds", SEEDS, "-f", "junit", "-o", "out/report.xml")
    assert result.exit_code == 1 and result.stdout == ""
    assert "wrote out/report.xml" in result.stderr
    ET.parse(work / "out" / "report.xml")


def test_baseline_lets_known_failures_pass_and_catches_new_ones(work: Path) -> None:
    wrote = run("verify", "claims", "--seeds", SEEDS, "--write-baseline", "baseline.json", "-f", "plain")
    assert wrote.exit_code == 0 and "known failure" in wrote.stderr
    doc = json.loads((work / "baseline.json").read_text(encoding="utf-8"))
    assert "nk-workers-wrong" in {e["id"] for e in doc["failures"]}
    assert all(e["file"] == "claims/mixed.yaml" for e in doc["failures"])

    assert run("verify", "claims", "--seeds", SEEDS, "--baseline", "baseline.json").exit_code == 0

    (work / "claims" / "new.yaml").write_text(
        f"id: new-wrong\ntext: \"≈30,000 workers\"\nseed: {SEED_ID}\n", encoding="utf-8")
    again = run("verify", "claims", "--seeds", SEEDS, "--baseline", "baseline.json", "-f", "github")
    assert again.exit_code == 1
    errors = re.findall(r"^::error .*title=\w+%3A ([\w-]+)", again.stdout, re.MULTILINE)
    assert errors == ["new-wrong"]

    missing = run("verify", "claims", "--seeds", SEEDS, "--baseline", "nope.json")
    assert missing.exit_code == 2 and "--write-baseline" in missing.stderr


def test_stale_baseline_entries_are_noted(work: Path) -> None:
    run("verify", "claims", "--seeds", SEEDS, "--write-baseline", "baseline.json")
    (work / "claims" / "mixed.yaml").write_text(SUPPORTED_ONLY, encoding="utf-8")
    result = run("verify", "claims", "--seeds", SEEDS, "--baseline", "baseline.json", "-f", "json")
    assert result.exit_code == 0
    assert "no longer fail" in result.stderr
    assert json.loads(result.stdout)["summary"]["stale_baseline_entries"]


def test_report_command_writes_the_html_page(work: Path) -> None:
    result = run("report", "claims", "--seeds", SEEDS, "-o", "page.html")
    assert result.exit_code == 1
    page = (work / "page.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'id="claim-nk-workers-wrong"' in page
    assert 'class="ev conflict"' in page
    assert "<link" not in page and "src=" not in page  # self-contained


def test_progress_bar_only_when_asked_or_on_a_terminal(work: Path) -> None:
    import io

    from summitcheck.load.claims import load_claims
    from summitcheck.load.seeds import load_seeds
    from summitcheck.report import progress

    assert progress.wanted(io.StringIO()) is False
    seeds = load_seeds(SEEDS)
    claims = load_claims([work / "claims"])
    stream = io.StringIO()
    shown = progress.check(claims, seeds, show=True, stream=stream)
    plain = progress.check(claims, seeds, show=False)
    assert [(r.claim.id, r.verdict, r.reason) for r in shown.results] == [
        (r.claim.id, r.verdict, r.reason) for r in plain.results]
    quiet = run("verify", "claims", "--seeds", SEEDS, "-f", "json")
    assert quiet.stderr == ""


def test_pre_commit_hooks_run_verify_on_files() -> None:
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"summitcheck", "summitcheck-all"}
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["entry"].startswith("summitcheck verify")
        re.compile(hook["files"])
    assert by_id["summitcheck"]["pass_filenames"] is True and by_id["summitcheck-all"]["pass_filenames"] is False
    assert re.search(by_id["summitcheck"]["files"], "claims/labour/workers.yaml")
    assert not re.search(by_id["summitcheck"]["files"], "seeds/000.txt")


def test_pre_commit_entry_accepts_file_names(work: Path) -> None:
    import shlex

    import yaml

    entry = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]["entry"]
    (work / "more.yaml").write_text(f"id: more\ntext: \"≈10,000 workers\"\nseed: {SEED_ID}\n", encoding="utf-8")
    args = [*shlex.split(entry)[1:], "--seeds", str(SEEDS), "more.yaml", "claims/mixed.yaml"]
    result = run(*args)
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 4
