"""--format html (and `summitcheck report`): one self-contained page for editors.

Left, the claims as cards: verdict colour, text, reason, file:line, tags, and links to their evidence. Right, each
seed in full, every piece of evidence highlighted in the colour of the worst verdict among its claims (conflicting
words underlined twice) and linked to its claims. A filter by verdict and by tag hides claims and switches off the
highlights that belong only to hidden claims; `?verdict=contradicted,unsupported&tag=labour` in the page's address
sets it. No external resources, no timestamps: the page is one deterministic file that can be archived or mailed.
"""

from __future__ import annotations

import itertools
import json
from html import escape
from typing import TextIO

from ..model import Evidence, Report, Result, Seed, Verdict
from ..policy import FAIL, KNOWN, Outcome, fail_on_names
from .common import ORDER, display_path, evidence_by_seed, outcome_of, plural
from .text import block, line

RANK = {Verdict.SUPPORTED: 0, Verdict.UNSUPPORTED: 1, Verdict.CONTRADICTED: 2}
STATUS_TEXT = {FAIL: "fails the run", KNOWN: "known failure (baseline)"}

CSS = """
:root { --supported: #1a7f37; --contradicted: #cf222e; --unsupported: #9a6700;
  --bg-supported: #dafbe1; --bg-contradicted: #ffd8d3; --bg-unsupported: #fff1a8;
  --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; font-family: system-ui, sans-serif; color: var(--fg); }
body { margin: 0; background: #f6f8fa; }
header.top { padding: 12px 20px; background: #fff; border-bottom: 1px solid var(--line); position: sticky; top: 0;
  z-index: 2; }
h1 { font-size: 20px; margin: 0 0 4px; }
.summary { margin: 0 0 8px; }
.summary .n { font-weight: 600; }
form#filters { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; }
fieldset { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; margin: 0; }
legend { font-size: 12px; color: var(--muted); }
label { margin-right: 10px; white-space: nowrap; }
#shown { color: var(--muted); margin: 0; }
main { display: grid; grid-template-columns: minmax(300px, 2fr) 3fr; gap: 20px; padding: 20px; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } }
h2 { font-size: 16px; margin: 0 0 10px; }
.claim { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--muted); border-radius: 6px;
  padding: 8px 12px; margin-bottom: 10px; }
.claim[data-verdict=supported] { border-left-color: var(--supported); }
.claim[data-verdict=contradicted] { border-left-color: var(--contradicted); }
.claim[data-verdict=unsupported] { border-left-color: var(--unsupported); }
.claim:target { box-shadow: 0 0 0 3px #0969da66; }
.claim h3 { font-size: 14px; margin: 0 0 6px; display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.badge { color: #fff; border-radius: 10px; padding: 1px 8px; font-size: 12px; font-weight: 600; }
.badge.supported { background: var(--supported); }
.badge.contradicted { background: var(--contradicted); }
.badge.unsupported { background: var(--unsupported); }
.status { font-size: 12px; color: var(--muted); }
.status.fail { color: var(--contradicted); font-weight: 600; }
.claim-text { font-size: 15px; margin: 4px 0; }
.reason { margin: 4px 0; }
.meta { font-size: 12px; color: var(--muted); margin: 4px 0; }
.tag { background: #eef1f4; border-radius: 4px; padding: 0 5px; }
ul.evidence { margin: 4px 0 0; padding-left: 18px; font-size: 13px; }
.seed { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px; margin-bottom: 16px; }
.seed h3 { font-size: 14px; margin: 0 0 8px; }
.seed-text { white-space: pre-wrap; line-height: 1.6; font-size: 15px; }
.seed-header { color: var(--muted); }
.sentence:target { background: #ddf4ff; }
a.ev { color: inherit; text-decoration: none; border-bottom: 2px solid; border-radius: 2px; padding: 0 1px; }
a.ev[data-verdict=supported] { background: var(--bg-supported); border-color: var(--supported); }
a.ev[data-verdict=unsupported] { background: var(--bg-unsupported); border-color: var(--unsupported); }
a.ev[data-verdict=contradicted] { background: var(--bg-contradicted); border-color: var(--contradicted); }
a.ev.conflict { border-bottom: 4px double var(--contradicted); font-weight: 600; }
a.ev.off { background: none; border-color: transparent; font-weight: inherit; }
.anchor:target + a.ev { outline: 3px solid #0969da; }
.none { color: var(--muted); font-style: italic; }
.claim, .sentence, .anchor, .seed { scroll-margin-top: 150px; }
"""

JS = """
(function () {
  var RANK = {supported: 0, unsupported: 1, contradicted: 2};
  var claims = Array.prototype.slice.call(document.querySelectorAll('article.claim'));
  var marks = Array.prototype.slice.call(document.querySelectorAll('a.ev'));
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[name=verdict]'));
  var tagSelect = document.getElementById('tag');
  function apply() {
    var verdicts = {};
    boxes.forEach(function (b) { if (b.checked) verdicts[b.value] = true; });
    var tag = tagSelect.value;
    var visible = {}, shown = 0;
    claims.forEach(function (c) {
      var tags = JSON.parse(c.getAttribute('data-tags'));
      var show = !!verdicts[c.dataset.verdict] && (!tag || tags.indexOf(tag) >= 0);
      c.hidden = !show;
      if (show) { visible[c.dataset.id] = c.dataset.verdict; shown += 1; }
    });
    marks.forEach(function (m) {
      var ids = m.dataset.claims.split(' ').filter(function (id) { return id in visible; });
      var worst = '', first = '';
      ids.forEach(function (id) {
        if (!worst || RANK[visible[id]] > RANK[worst]) { worst = visible[id]; first = id; }
      });
      m.classList.toggle('off', ids.length === 0);
      m.dataset.verdict = worst;
      m.dataset.shown = ids.join(' ');
      if (first) m.setAttribute('href', '#claim-' + first);
    });
    document.getElementById('shown').textContent = 'showing ' + shown + ' of ' + claims.length + ' claims';
  }
  var params = new URLSearchParams(window.location.search);
  if (params.get('verdict') !== null) {
    var wanted = params.get('verdict').split(',');
    boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
  }
  if (params.get('tag') !== null) tagSelect.value = params.get('tag');
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  tagSelect.addEventListener('change', apply);
  apply();
})();
"""


def e(text: object) -> str:
    """Text for the page: control characters (which HTML forbids) shown as escapes, then HTML-escaped."""
    return escape(block(str(text)), quote=True)


def worst(verdicts: list[Verdict]) -> Verdict:
    return max(verdicts, key=lambda v: RANK[v])


def seed_anchor(index: int) -> str:
    return f"seed-{index}"


def evidence_anchor(seed_index: int, ev: Evidence) -> str:
    return f"ev-{seed_index}-{ev.start}-{ev.end}"


def claim_card(result: Result, outcome: Outcome, seed_index: dict[str, int]) -> str:
    claim, verdict = result.claim, result.verdict.value
    status = outcome.status(result)
    tags = json.dumps([line(t) for t in claim.tags], ensure_ascii=False)  # as the tag filter's options show them
    status_html = ""
    if status in STATUS_TEXT:
        status_html = f' <span class="status {status}">{STATUS_TEXT[status]}</span>'
    elif result.verdict is not Verdict.SUPPORTED:
        status_html = ' <span class="status">allowed by the policy</span>'
    loc = claim.location
    where = display_path(loc.path) + (f":{loc.line}:{loc.col}" if loc.line else "")
    meta = [f"<code>{e(where)}</code>"]
    if result.seed is not None:
        n = seed_index.get(result.seed)
        seed_link = f'<a href="#{seed_anchor(n)}">{e(result.seed)}</a>' if n else e(result.seed)
        if result.sentence is not None and n:
            seed_link += f' <a href="#s-{n}-{result.sentence.index}">§{result.sentence.index}</a>'
        meta.append(f"seed {seed_link}")
    if claim.tags:
        meta.append(" ".join(f'<span class="tag">{e(t)}</span>' for t in claim.tags))
    items = []
    for ev in result.evidence:
        n = seed_index.get(ev.seed)
        words = f'<a href="#{evidence_anchor(n, ev)}">{e(ev.text)}</a>' if n else e(ev.text)
        items.append(f'<li class="{e(ev.status)}">{words} for “{e(ev.claim_text)}” '
                     f'<span class="meta">({e(ev.kind)}, {e(ev.status)}, sentence {ev.sentence})</span></li>')
    evidence = f'<ul class="evidence">{"".join(items)}</ul>' if items else '<p class="meta none">no evidence</p>'
    note = f'<p class="meta">note: {e(claim.note)}</p>' if claim.note else ""
    return (
        f'<article class="claim" id="claim-{e(claim.id)}" data-id="{e(claim.id)}" data-verdict="{verdict}" '
        f'data-status="{status}" data-tags="{e(tags)}">\n'
        f'<h3><span class="badge {verdict}">{verdict}</span> <code>{e(claim.id)}</code>{status_html}</h3>\n'
        f'<p class="claim-text">{e(claim.text)}</p>\n<p class="reason">{e(result.reason)}</p>\n'
        f'<p class="meta">{" · ".join(meta)}</p>\n{note}{evidence}\n</article>'
    )


def seed_text(seed: Seed, n: int, evidence: list[tuple[Evidence, Result]]) -> str:
    """The seed's text with every evidence span wrapped in a link; overlapping spans are cut into segments."""
    text = seed.text
    parts: list[str] = []
    at = 0
    first = seed.sentences[0].start if seed.sentences else len(text)
    if first:
        parts.append(f'<span class="seed-header">{e(text[:first])}</span>')
        at = first
    by_sentence: dict[int, list[tuple[Evidence, Result]]] = {}
    for ev, r in evidence:
        by_sentence.setdefault(ev.sentence, []).append((ev, r))
    for sentence in seed.sentences:
        parts.append(e(text[at : sentence.start]))
        inside = [(ev, r) for ev, r in by_sentence.get(sentence.index, ())
                  if ev.start < sentence.end and ev.end > sentence.start]
        parts.append(f'<span class="sentence" id="s-{n}-{sentence.index}" title="sentence {sentence.index}">')
        parts.append(_segments(text, sentence.start, sentence.end, inside, n))
        parts.append("</span>")
        at = sentence.end
    parts.append(e(text[at:]))
    return "".join(parts)


def _segments(text: str, lo: int, hi: int, evidence: list[tuple[Evidence, Result]], n: int) -> str:
    cuts = sorted({lo, hi} | {max(lo, min(hi, x)) for ev, _ in evidence for x in (ev.start, ev.end)})
    out: list[str] = []
    anchored: set[str] = set()
    for a, b in itertools.pairwise(cuts):
        covering = [(ev, r) for ev, r in evidence if ev.start <= a and b <= ev.end]
        words = e(text[a:b])
        if not covering:
            out.append(words)
            continue
        for ev, _ in covering:
            anchor = evidence_anchor(n, ev)
            if ev.start == a and anchor not in anchored:
                anchored.add(anchor)
                out.append(f'<span class="anchor" id="{anchor}"></span>')
        # Its claims, the worst verdict first: the link leads to the claim a reader most needs to see.
        ranked = sorted(covering, key=lambda item: -RANK[item[1].verdict])
        ids = list(dict.fromkeys(r.claim.id for _, r in ranked))
        verdict = worst([r.verdict for _, r in covering]).value
        status = "conflict" if any(ev.status == "conflict" for ev, _ in covering) else "match"
        title = "; ".join(dict.fromkeys(f"{r.claim.id}: {r.verdict.value} ({ev.status})" for ev, r in covering))
        out.append(
            f'<a class="ev {status}" href="#claim-{e(ids[0])}" data-claims="{e(" ".join(ids))}" '
            f'data-verdict="{verdict}" title="{e(title)}">{words}</a>'
        )
    return "".join(out)


def page(report: Report, outcome: Outcome | None = None) -> str:
    outcome = outcome_of(report, outcome)
    seed_index = {seed.id: i for i, seed in enumerate(report.seeds, 1)}
    tags = sorted({line(t) for r in report.results for t in r.claim.tags})
    failing, known = outcome.count(FAIL), outcome.count(KNOWN)
    status = f"{failing} failing" if failing else "none failing"
    if known:
        status += f", {known} known from the baseline"

    boxes = "".join(
        f'<label><input type="checkbox" name="verdict" value="{v.value}" checked> '
        f'<span class="badge {v.value}">{v.value}</span> {report.count(v)}</label>'
        for v in ORDER
    )
    tag_counts = {t: sum(1 for r in report.results if t in map(line, r.claim.tags)) for t in tags}
    options = '<option value="">all tags</option>' + "".join(
        f'<option value="{e(t)}">{e(t)} ({tag_counts[t]})</option>' for t in tags
    )
    counts = " · ".join(
        f'<span class="n" style="color: var(--{v.value})">{report.count(v)} {v.value}</span>' for v in ORDER
    )
    policy = ", ".join(fail_on_names(outcome.fail_on)) or "nothing"

    cards = "\n".join(claim_card(r, outcome, seed_index) for r in report.results) or '<p class="none">no claims</p>'
    by_seed = evidence_by_seed(report.results)
    seeds = []
    for seed in report.seeds:
        n = seed_index[seed.id]
        info = [e(display_path(seed.path)), e(seed.language)]
        if seed.date is not None:
            info.append(f"published {e(seed.date)}")
        spans = len({(ev.start, ev.end) for ev, _ in by_seed.get(seed.id, [])})
        info.append(plural(spans, "evidence span"))
        seeds.append(
            f'<section class="seed" id="{seed_anchor(n)}" data-seed="{e(seed.id)}">\n'
            f'<h3>{e(seed.id)} <span class="meta">{" · ".join(info)}</span></h3>\n'
            f'<div class="seed-text">{seed_text(seed, n, by_seed.get(seed.id, []))}</div>\n</section>'
        )
    seeds_html = "\n".join(seeds) or '<p class="none">no seeds</p>'
    verdict_word = "failed" if outcome.failed else "passed"

    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="summitcheck">
<title>summitcheck: {plural(len(report.results), "claim")}, {verdict_word}</title>
<style>{CSS}</style>
</head>
<body>
<header class="top">
<h1>summitcheck report: {verdict_word}</h1>
<p class="summary">{plural(len(report.results), "claim")}: {counts} — <span id="outcome">{e(status)}</span>.
Failing verdicts: {e(policy)}.</p>
<form id="filters" onsubmit="return false">
<fieldset><legend>verdict</legend>{boxes}</fieldset>
<fieldset><legend>tag</legend><select id="tag" name="tag">{options}</select></fieldset>
<p id="shown">showing {len(report.results)} of {len(report.results)} claims</p>
</form>
</header>
<main>
<section id="claims">
<h2>Claims</h2>
{cards}
</section>
<section id="seeds">
<h2>Seeds</h2>
{seeds_html}
</section>
</main>
<script>{JS}</script>
</body>
</html>
"""


def render(report: Report, out: TextIO, outcome: Outcome | None = None) -> None:
    out.write(page(report, outcome))
