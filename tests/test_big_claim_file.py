"""A desk's fact sheet of 20,000 plain claims in one 1.5 MB file is read, with every claim at its line; the
16 MiB cap only stops abuse, and the nesting and alias limits hold whatever the file's size."""

from __future__ import annotations

from pathlib import Path

import pytest

from summitcheck.errors import InputErrors
from summitcheck.load.claims import load_claims
from summitcheck.load.files import MAX_CLAIM_FILE_BYTES

CLAIMS = 20_000


def _write_sheet(path: Path, extra: str = "") -> int:
    lines = ["claims:"]
    for k in range(CLAIMS):
        lines += [f"  - id: c{k:05d}", f"    text: \"About {k * 7 + 10:,} North Korean workers were employed in "
                  f"Russia in {1950 + k % 70}, according to source number {k}\"", "    seed: s",
                  "    tags: [labour]"]
    text = "\n".join(lines) + "\n" + extra
    path.write_text(text, encoding="utf-8")
    return len(text.encode())


def test_twenty_thousand_claims_in_one_file_are_read(tmp_path: Path) -> None:
    size = _write_sheet(tmp_path / "sheet.yaml")
    assert 1_400_000 < size < MAX_CLAIM_FILE_BYTES
    claims = load_claims([tmp_path])
    assert len(claims) == CLAIMS
    assert claims[0].id == "c00000" and claims[-1].id == f"c{CLAIMS - 1:05d}"
    assert (claims[-1].location.line, claims[-1].location.col) == (4 * (CLAIMS - 1) + 2, 5)


def test_big_file_still_reports_problems_at_their_place(tmp_path: Path) -> None:
    _write_sheet(tmp_path / "sheet.yaml", extra="  - id: last\n    txt: misspelt\n")
    with pytest.raises(InputErrors) as caught:
        load_claims([tmp_path])
    shown = [str(e) for e in caught.value.errors]
    assert any(f"sheet.yaml:{4 * CLAIMS + 3}:5: unknown key 'txt'" in s for s in shown), shown


def test_big_file_keeps_the_alias_limit(tmp_path: Path) -> None:
    # aliases that stand for more values than the limit allows are refused, in a big file as in a small one
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{k}: &a{k} [*a{k - 1}, *a{k - 1}, *a{k - 1}, *a{k - 1}, *a{k - 1}, *a{k - 1}, *a{k - 1}, *a{k - 1},"
              f" *a{k - 1}, *a{k - 1}]" for k in range(1, 9)]
    padding = "# " + "padding " * 100 + "\n"
    (tmp_path / "laughs.yaml").write_text("\n".join(lines) + "\n" + padding * 3000, encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_claims([tmp_path])
    assert any("aliases" in str(e) for e in caught.value.errors), [str(e) for e in caught.value.errors]
