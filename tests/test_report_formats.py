"""Each machine format read back: JUnit with an XML parser, SARIF for its required structure, GitHub annotations,
markdown, plain and JSON, under the default policy and with a baseline."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from summitcheck.model import Verdict
from summitcheck.policy import DEFAULT_FAIL_ON, Baseline, BaselineEntry, Policy
from summitcheck.report import formats, renderer
from summitcheck.report.sample import sample_report

FAILING = {"putin-pyongyang", "workers-count", "odd-chars"}


def render(name: str, outcome=None, report=None) -> str:
    out = io.StringIO()
    renderer(name)(report or sample_report(), out, outcome)
    return out.getvalue()


def known_outcome():
    report = sample_report()
    claim = next(r.claim for r in report.results if r.claim.id == "workers-count")
    baseline = Baseline("baseline.json", (BaselineEntry(claim.id, claim.text, "contradicted"),))
    return Policy(DEFAULT_FAIL_ON, baseline).apply(report)


def test_registry_lists_every_format_and_each_module_renders() -> None:
    assert formats()[0] == "table"
    assert set(formats()) == {"table", "plain", "json", "markdown", "junit", "github", "sarif", "html"}
    for name in formats():
        assert render(name).endswith("\n")


# ------------------------------------------------------------------------------------------------- JUnit


def test_junit_parses_with_one_testcase_per_claim_and_a_failure_per_failing_claim() -> None:
    root = ET.fromstring(render("junit"))
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [r.claim.id for r in sample_report().results]
    failed = {c.get("name") for c in cases if c.find("failure") is not None}
    assert failed == FAILING
    assert root.get("tests") == "6" and root.get("failures") == "3"
    for suite in root.findall("testsuite"):
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
    failure = next(c for c in cases if c.get("name") == "workers-count").find("failure")
    assert failure.get("type") == "contradicted"
    assert "Environ 10.000" in failure.get("message")
    assert next(c for c in cases if c.get("name") == "workers-count").get("file") == "claims/labour.yaml"


def test_junit_known_failure_is_skipped() -> None:
    root = ET.fromstring(render("junit", known_outcome()))
    case = next(c for c in root.iter("testcase") if c.get("name") == "workers-count")
    assert case.find("failure") is None and case.find("skipped") is not None
    assert root.get("failures") == "2" and root.get("skipped") == "1"


def test_junit_survives_characters_xml_cannot_hold() -> None:
    import dataclasses

    report = sample_report()
    first = report.results[0]
    odd = dataclasses.replace(first, reason="bell \x07 and escape \x1b", verdict=Verdict.UNSUPPORTED)
    root = ET.fromstring(render("junit", report=dataclasses.replace(report, results=(odd,))))
    assert "bell" in root.find(".//failure").get("message")


# ------------------------------------------------------------------------------------------------- SARIF


def test_sarif_has_the_required_structure() -> None:
    doc = json.loads(render("sarif"))
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "summitcheck"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
    results = run["results"]
    assert {r["properties"]["claim"] for r in results} == {
        r.claim.text for r in sample_report().results if r.verdict is not Verdict.SUPPORTED}
    for result in results:
        assert result["message"]["text"]
        assert result["level"] in ("none", "note", "warning", "error")
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert not physical["artifactLocation"]["uri"].startswith("/")
        assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1
        assert result["partialFingerprints"]


def test_sarif_related_locations_point_at_the_seed_words() -> None:
    report = sample_report()
    seeds = {s.path: s for s in report.seeds}
    doc = json.loads(render("sarif"))
    related = [loc for r in doc["runs"][0]["results"] for loc in r.get("relatedLocations", [])]
    assert related
    for loc in related:
        seed = seeds[loc["physicalLocation"]["artifactLocation"]["uri"]]
        region = loc["physicalLocation"]["region"]
        lines = seed.text.split("\n")
        line = lines[region["startLine"] - 1]
        words = region["snippet"]["text"]
        assert line[region["startColumn"] - 1 : region["startColumn"] - 1 + len(words)] == words
        assert seed.text[region["charOffset"] : region["charOffset"] + region["charLength"]] == words


def test_sarif_levels_follow_the_policy_and_baseline() -> None:
    doc = json.loads(render("sarif", known_outcome()))
    by_id = {r["locations"][0]["logicalLocations"][0]["name"]: r for r in doc["runs"][0]["results"]}
    assert by_id["workers-count"]["level"] == "warning" and by_id["workers-count"]["baselineState"] == "unchanged"
    assert by_id["odd-chars"]["level"] == "error" and by_id["odd-chars"]["baselineState"] == "new"


SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-2.1.0.json"  # OASIS's schema; see schemas/README.md


@pytest.mark.parametrize("outcome", ["default", "baseline"])
def test_sarif_is_valid_against_the_sarif_2_1_0_schema(outcome: str) -> None:
    import jsonschema  # in the test extras: this check never skips

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    doc = json.loads(render("sarif", known_outcome() if outcome == "baseline" else None))
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_the_schema_catches_a_broken_sarif_document() -> None:
    """The schema is the real one, not a stub that accepts anything."""
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    doc = json.loads(render("sarif"))
    doc["runs"][0]["results"][0]["level"] = "fatal"
    del doc["runs"][0]["tool"]["driver"]["name"]
    assert len(list(jsonschema.Draft4Validator(schema).iter_errors(doc))) >= 2


# ------------------------------------------------------------------------------------------------- GitHub

ANNOTATION = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def parse_annotations(text: str) -> list[dict[str, str]]:
    out = []
    for line in text.splitlines():
        m = ANNOTATION.match(line)
        if m:
            props = dict(p.split("=", 1) for p in m.group("props").split(","))
            props = {k: v.replace("%3A", ":").replace("%2C", ",").replace("%25", "%") for k, v in props.items()}
            out.append({"level": m.group(1), **props, "message": m.group("message")})
    return out


def test_github_annotations_are_errors_for_failing_claims_grouped_per_file() -> None:
    text = render("github")
    notes = parse_annotations(text)
    assert {n["title"].split(": ")[1] for n in notes if n["level"] == "error"} == FAILING
    groups = re.findall(r"^::group::(\S+):", text, re.MULTILINE)
    assert groups == ["claims/summit.yaml", "claims/labour.yaml"]
    assert text.count("::group::") == text.count("::endgroup::")
    # Nothing the claim says can start a workflow command of its own.
    assert all(line.startswith(("::", "summitcheck:", "  ")) for line in text.splitlines())
    assert "%0A" in notes[0]["message"] and "50%25" in text
    # The summary after the groups lists every failing claim, for when GitHub shows only the first annotations.
    summary = text.split("::endgroup::")[-1]
    for claim_id in FAILING:
        assert claim_id in summary


def test_github_known_failures_are_warnings() -> None:
    notes = parse_annotations(render("github", known_outcome()))
    levels = {n["title"].split(": ")[1].split(" ")[0]: n["level"] for n in notes}
    assert levels["workers-count"] == "warning" and levels["odd-chars"] == "error"


def test_github_paths_are_relative_to_the_workspace(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import dataclasses

    from summitcheck.model import Location

    report = sample_report()
    moved = tuple(
        dataclasses.replace(r, claim=dataclasses.replace(
            r.claim, location=Location(str(tmp_path / r.claim.location.path), r.claim.location.line, 5)))
        for r in report.results
    )
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    notes = parse_annotations(render("github", report=dataclasses.replace(report, results=moved)))
    assert {n["file"] for n in notes} == {"claims/summit.yaml", "claims/labour.yaml"}


# ------------------------------------------------------------------------------------------------- others


def test_plain_is_one_grep_friendly_line_per_claim() -> None:
    lines = render("plain").splitlines()
    assert len(lines) == len(sample_report().results)
    pattern = re.compile(r"^[^:]+:\d+:\d+: (supported|contradicted|unsupported) [a-z0-9._-]+: .+$")
    assert all(pattern.match(line) for line in lines), lines
    assert lines[3].startswith("claims/labour.yaml:2:5: contradicted workers-count: claim says")
    assert render("plain", known_outcome()).splitlines()[3].endswith("[baseline]")


def test_markdown_lists_failing_claims_and_folds_the_rest() -> None:
    text = render("markdown")
    assert text.startswith("## ❌ summitcheck: 3 of 6 claims fail")
    failing = text.split("### Failing claims")[1].split("<details>")[0]
    for claim_id in FAILING:
        assert f"`{claim_id}`" in failing
    assert "<details><summary>3 supported claims</summary>" in text
    assert "***Environ 10.000***" in text  # the conflicting words
    assert "a \\| b &lt;b&gt;" in text  # a pipe cannot break the table, HTML cannot get in
    # every table row has as many cells as its header
    for block in re.findall(r"(\| claim .*?)(?:\n\n|\Z)", text, re.DOTALL):
        rows = block.splitlines()
        width = rows[0].count(" | ")
        assert all(re.sub(r"\\\|", "", row).count(" | ") == width for row in rows[2:])


def test_markdown_when_nothing_fails() -> None:
    text = render("markdown", Policy(frozenset()).apply(sample_report()))
    assert text.startswith("## ✅ summitcheck: 6 claims checked, none fails")
    assert "not supported but not failing" in text


def test_json_keeps_the_contract_and_adds_the_policy() -> None:
    doc = json.loads(render("json", known_outcome()))
    assert len(doc["results"]) == 6
    for row in doc["results"]:
        assert {"id", "verdict", "seed", "evidence", "reason"} <= set(row)
    statuses = {row["id"]: row["status"] for row in doc["results"]}
    assert statuses["workers-count"] == "known" and statuses["odd-chars"] == "fail"
    assert doc["summary"]["passed"] is False and doc["summary"]["known"] == 1
    assert doc["summary"]["fail_on"] == ["contradicted", "unsupported"]


def test_markdown_stays_under_githubs_comment_limit() -> None:
    import dataclasses

    report = sample_report()
    bad = report.results[3]
    many = tuple(
        dataclasses.replace(bad, claim=dataclasses.replace(bad.claim, id=f"claim-{i}", text="≈20,000 workers " * 10))
        for i in range(2000)
    )
    text = render("markdown", report=dataclasses.replace(report, results=many))
    assert len(text) < 65_536
    assert "more, left out to keep this comment short" in text
    assert text.startswith("## ❌ summitcheck: 2000 of 2000 claims fail")


@pytest.mark.parametrize("outcome", [None, "known"])
@pytest.mark.parametrize("empty", [False, True])
def test_json_is_written_a_result_at_a_time_as_the_whole_document_would_be(outcome, empty) -> None:
    from summitcheck.model import Report
    from summitcheck.report import json_report

    report = Report((), ()) if empty else sample_report()
    applied = known_outcome() if outcome and not empty else None
    text = render("json", applied, report)
    doc = json.loads(text)
    rows = []
    for result in report.results:
        row = json_report.result_dict(result)
        row["status"] = json_report.outcome_of(report, applied).status(result)
        rows.append(row)
    whole = {"results": rows, "summary": json_report.summary(report, applied)}
    assert text == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    assert len(doc["results"]) == len(report.results)
