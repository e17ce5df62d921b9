"""--format junit: JUnit XML, one testsuite per claim file and one testcase per claim.

A claim that fails the policy is a <failure> (type = its verdict, message = the reason); a failure the baseline
knows is <skipped>; a verdict the policy allows passes, with its reason in <system-out>. No timestamps, no host
names: the same report gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from ..model import Report, Result
from ..policy import FAIL, KNOWN, Outcome
from .common import display_path, outcome_of
from .text import block

# Characters XML 1.0 cannot hold at all, even escaped.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Control characters shown as escapes (a CI page or a terminal may show the XML), then anything XML 1.0
    cannot hold replaced."""
    return NOT_XML.sub("\ufffd", block(text))


def classname(path: str) -> str:
    """claims/labour/workers.yaml -> claims.labour.workers: how CI systems group test cases."""
    shown = display_path(path)
    stem = shown.rsplit(".", 1)[0] if shown.endswith((".yaml", ".yml")) else shown
    return stem.strip("/").replace("/", ".") or "claims"


def details(result: Result) -> str:
    loc = result.claim.location
    lines = [f"claim: {result.claim.text}", f"at: {display_path(loc.path)}:{loc.line}:{loc.col}",
             f"verdict: {result.verdict.value}", f"reason: {result.reason}"]
    if result.sentence is not None:
        lines.append(f"seed: {result.seed}, sentence {result.sentence.index}: {result.sentence.text}")
    for ev in result.evidence:
        lines.append(f"evidence ({ev.status}, {ev.kind}): {ev.text!r} for {ev.claim_text!r}")
    return xml_safe("\n".join(lines))


def testcase(result: Result, outcome: Outcome) -> ET.Element:
    loc = result.claim.location
    case = ET.Element("testcase", {
        "classname": xml_safe(classname(loc.path)),
        "name": xml_safe(result.claim.id),
        "file": xml_safe(display_path(loc.path)),
        "line": str(loc.line),
        "time": "0",
    })
    status = outcome.status(result)
    if status == FAIL:
        failure = ET.SubElement(case, "failure", {"type": result.verdict.value, "message": xml_safe(result.reason)})
        failure.text = details(result)
    elif status == KNOWN:
        message = f"known failure (baseline): {result.verdict.value}: {result.reason}"
        ET.SubElement(case, "skipped", {"message": xml_safe(message)})
    else:
        ET.SubElement(case, "system-out").text = details(result)
    return case


def build(report: Report, outcome: Outcome | None = None) -> ET.Element:
    outcome = outcome_of(report, outcome)
    by_file: dict[str, list[Result]] = {}
    for result in report.results:
        by_file.setdefault(display_path(result.claim.location.path), []).append(result)
    root = ET.Element("testsuites", {"name": "summitcheck"})
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for path, results in by_file.items():
        failures = sum(1 for r in results if outcome.status(r) == FAIL)
        skipped = sum(1 for r in results if outcome.status(r) == KNOWN)
        suite = ET.SubElement(root, "testsuite", {
            "name": xml_safe(path), "tests": str(len(results)), "failures": str(failures), "errors": "0",
            "skipped": str(skipped), "time": "0",
        })
        for result in results:
            suite.append(testcase(result, outcome))
        totals["tests"] += len(results)
        totals["failures"] += failures
        totals["skipped"] += skipped
    root.attrib.update({k: str(v) for k, v in totals.items()} | {"errors": "0", "time": "0"})
    return root


def render(report: Report, out: TextIO, outcome: Outcome | None = None) -> None:
    root = build(report, outcome)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode") + "\n")
