"""The HTML report in a real headless browser (Debian's chromium): highlighted evidence, the verdict and tag
filter, the address's filter parameters, and a screenshot.

Skips when /usr/bin/chromium is missing (.ci/run installs it: apt-get install -y chromium). Set
SUMMITCHECK_SCREENSHOTS=DIR to keep the screenshots.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from summitcheck.report import renderer
from summitcheck.report.sample import sample_report

CHROMIUM = Path(os.environ.get("SUMMITCHECK_CHROMIUM", "/usr/bin/chromium"))

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no headless browser: {CHROMIUM} is missing (install Debian's chromium: apt-get install -y chromium)",
)

# Run after the page's own script: record what a reader sees, click the filter like a reader, record again.
PROBE = """
<script>
(function () {
  function state() {
    var marks = Array.prototype.map.call(document.querySelectorAll('a.ev'), function (m) {
      return {text: m.textContent, off: m.classList.contains('off'), conflict: m.classList.contains('conflict'),
              verdict: m.dataset.verdict, claims: m.dataset.claims, href: m.getAttribute('href'),
              background: getComputedStyle(m).backgroundColor};
    });
    var visible = Array.prototype.filter.call(document.querySelectorAll('article.claim'), function (c) {
      return !c.hidden && c.offsetParent !== null;
    }).map(function (c) { return c.dataset.id; });
    return {marks: marks, visible: visible, shown: document.getElementById('shown').textContent};
  }
  var out = {initial: state()};
  if (%(click)s) {
    var box = document.querySelector('input[name=verdict][value=supported]');
    box.click();
    out.without_supported = state();
    var select = document.getElementById('tag');
    select.value = 'labour';
    select.dispatchEvent(new Event('change'));
    out.labour = state();
  }
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


def chromium(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               f"--user-data-dir={cwd / 'profile'}", "--no-first-run", "--virtual-time-budget=3000", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=90, cwd=cwd,
                          env={**os.environ, "HOME": str(cwd)})


def probe(page: str, tmp_path: Path, query: str = "", click: bool = True) -> dict:
    path = tmp_path / "probe.html"
    path.write_text(page.replace("</body>", PROBE % {"click": "true" if click else "false"} + "</body>"),
                    encoding="utf-8")
    proc = chromium("--dump-dom", path.as_uri() + query, cwd=tmp_path)
    m = re.search(r'<pre id="probe">(.*?)</pre>', proc.stdout, re.DOTALL)
    assert m, f"no probe output; chromium said: {proc.stderr[-2000:]}"
    return json.loads(html.unescape(m.group(1)))


def sample_page() -> str:
    out = io.StringIO()
    renderer("html")(sample_report(), out)
    return out.getvalue()


def on(state: dict) -> list[str]:
    return [m["text"] for m in state["marks"] if not m["off"]]


TRANSPARENT = "rgba(0, 0, 0, 0)"


def test_evidence_is_highlighted_and_linked_to_its_claims(tmp_path: Path) -> None:
    state = probe(sample_page(), tmp_path, click=False)["initial"]
    marks = state["marks"]
    # Every evidence span, cut where two claims' spans overlap ("Vladimir Poutine" / "Poutine ont entamé").
    assert [m["text"] for m in marks] == [
        "Kim Jong-un", "Vladimir ", "Poutine", " ont entamé", "sommet", "Vladivostok",
        "Environ 10.000", "travailleurs", "résolution 2397", "décembre 2017", "sous deux ans",
        "summit", "two days",
    ]
    by_text = {m["text"]: m for m in marks}
    assert by_text["Poutine"]["claims"] == "putin-pyongyang summit-vladivostok"  # the worst verdict first
    assert by_text["Poutine"]["href"] == "#claim-putin-pyongyang"
    assert by_text["Poutine"]["verdict"] == "unsupported"  # the worst verdict among its claims
    assert by_text["Environ 10.000"]["conflict"] and by_text["Environ 10.000"]["verdict"] == "contradicted"
    assert by_text["Kim Jong-un"]["href"] == "#claim-summit-vladivostok"
    assert all(m["background"] != TRANSPARENT for m in marks)  # really painted
    colours = {m["verdict"]: m["background"] for m in marks}
    assert len(set(colours.values())) == 3  # one colour per verdict
    assert state["visible"] == [r.claim.id for r in sample_report().results]
    assert state["shown"] == "showing 6 of 6 claims"


def test_filter_by_verdict_and_tag(tmp_path: Path) -> None:
    result = probe(sample_page(), tmp_path)
    without = result["without_supported"]
    assert without["visible"] == ["putin-pyongyang", "workers-count", "odd-chars"]
    assert on(without) == ["Vladimir ", "Poutine", " ont entamé", "Environ 10.000", "travailleurs"]
    off = [m for m in without["marks"] if m["off"]]
    assert off and all(m["background"] == TRANSPARENT for m in off)
    assert next(m for m in without["marks"] if m["text"] == "Poutine")["href"] == "#claim-putin-pyongyang"

    labour = result["labour"]
    assert labour["visible"] == ["workers-count"]
    assert on(labour) == ["Environ 10.000", "travailleurs"]
    assert labour["shown"] == "showing 1 of 6 claims"


def test_filter_from_the_address(tmp_path: Path) -> None:
    state = probe(sample_page(), tmp_path, query="?verdict=contradicted,unsupported&tag=summit", click=False)
    assert state["initial"]["visible"] == ["putin-pyongyang"]
    assert on(state["initial"]) == ["Vladimir ", "Poutine", " ont entamé"]


def test_screenshot(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(sample_page(), encoding="utf-8")
    shot = tmp_path / "report.png"
    proc = chromium(f"--screenshot={shot}", "--window-size=1280,900", page.as_uri(), cwd=tmp_path)
    assert shot.exists(), proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 900)
    assert len(data) > 20_000  # a rendered page, not a blank one
    keep = os.environ.get("SUMMITCHECK_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / "report-sample.png")


def test_live_report_highlights_the_checkers_evidence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page of a real run: every evidence span the JSON report lists is highlighted, in its words."""
    from typer.testing import CliRunner

    from summitcheck.cli import app

    repo = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.yaml").write_text(
        'claims:\n  - id: ok\n    text: "≈10,000 workers"\n    tags: [labour]\n'
        '  - id: wrong\n    text: "≈20,000 workers"\n', encoding="utf-8")
    runner = CliRunner()
    doc = json.loads(runner.invoke(app, ["verify", "c.yaml", "--seeds", str(repo / "seeds"), "-f", "json"]).stdout)
    assert runner.invoke(app, ["report", "c.yaml", "--seeds", str(repo / "seeds"), "-o", "page.html"]).exit_code == 1
    state = probe((tmp_path / "page.html").read_text(encoding="utf-8"), tmp_path)
    highlighted = "".join(m["text"] for m in state["initial"]["marks"])
    for result in doc["results"]:
        for ev in result["evidence"]:
            assert ev["text"] in highlighted
    assert state["labour"]["visible"] == []  # "ok" is supported, hidden with the supported box unticked
    assert state["without_supported"]["visible"] == ["wrong"]
