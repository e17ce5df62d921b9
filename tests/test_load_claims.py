"""Claim files: what loads, and every schema problem reported as path:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from summitcheck.errors import InputErrors
from summitcheck.load.claims import load_claims, parse_claims

GOOD = [
    ("list under claims", "claims:\n  - id: a\n    text: one\n  - id: b\n    text: two\n", ["a", "b"]),
    ("one mapping", "id: solo\ntext: '≈10,000 workers'\nseed: s\n", ["solo"]),
    ("top-level list", "- id: x1\n  text: one\n- id: x2\n  text: two\n", ["x1", "x2"]),
    ("all keys", "claims:\n  - {id: a.b_c-1, text: t, seed: s, tags: [x, y], note: why}\n", ["a.b_c-1"]),
    ("empty tags", "claims:\n  - id: a\n    text: t\n    tags:\n", ["a"]),
]

# (name, file text, expected "line:col" and a piece of the message, for each problem)
BAD = [
    ("misspelt key", "claims:\n  - id: a\n    txt: one\n", [("3:5", "unknown key 'txt'; did you mean 'text'?")]),
    ("missing text", "claims:\n  - id: a\n", [("2:5", "no text")]),
    ("empty text", "claims:\n  - id: a\n    text: '  '\n", [("3:11", "text is empty")]),
    ("id not a string", "claims:\n  - id: 12\n    text: t\n", [("2:9", "id must be a string")]),
    ("bad id", "claims:\n  - id: Bad Id\n    text: t\n", [("2:9", "bad id 'Bad Id'")]),
    ("text a list", "claims:\n  - id: a\n    text: [a, b]\n", [("3:11", "text must be a string")]),
    ("tags a string", "claims:\n  - id: a\n    text: t\n    tags: x\n", [("4:11", "tags must be a list")]),
    ("claims a string", "claims: x\n", [("1:9", "claims must be a list")]),
    ("claim a string", "claims:\n  - just text\n", [("2:5", "a claim must be a mapping")]),
    ("syntax error", "claims:\n  - id: a\n    text: [unclosed\n", [("4:1", "YAML syntax error")]),
    ("duplicate key", "claims:\n  - id: a\n    id: b\n    text: t\n", [("3:5", "YAML syntax error")]),
    ("tab indent", "claims:\n\t- id: a\n", [("2:1", "tab")]),
    ("scalar top level", "just words\n", [("1:1", "top level must be a mapping or a list")]),
    ("empty file", "", [("1:1", "empty claim file")]),
    ("python tag", "claims:\n  - id: a\n    text: !!python/object/apply:os.system [ls]\n", [("3:11", "text")]),
    ("extra top key", "claims: []\nversion: 2\n", [("2:1", "unknown key 'version'"), ("1:1", "no claims")]),
]


@pytest.mark.parametrize(("name", "text", "ids"), GOOD, ids=[g[0] for g in GOOD])
def test_good_files_load(name: str, text: str, ids: list[str]) -> None:
    claims, errors = parse_claims(text, "c.yaml")
    assert errors == []
    assert [c.id for c in claims] == ids


@pytest.mark.parametrize(("name", "text", "problems"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_name_every_problem(name: str, text: str, problems: list[tuple[str, str]]) -> None:
    _, errors = parse_claims(text, "c.yaml")
    found = [(f"{e.location.line}:{e.location.col}", e.message) for e in errors]
    assert len(found) == len(problems), found
    for (where, piece), (got_where, got_message) in zip(sorted(problems), sorted(found), strict=True):
        assert got_where == where, found
        assert piece in got_message, found


def test_claim_location_is_its_line(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("# facts\nclaims:\n  - id: first\n    text: one\n  - id: second\n    text: two\n")
    claims = load_claims([tmp_path])
    assert [(c.id, c.location.line, c.location.col) for c in claims] == [("first", 3, 5), ("second", 5, 5)]


def test_duplicate_ids_across_files_and_unknown_seed(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("claims:\n  - id: same\n    text: one\n")
    (tmp_path / "b.yml").write_text("claims:\n  - id: same\n    text: two\n    seed: nowhere\n")
    with pytest.raises(InputErrors) as caught:
        load_claims([tmp_path], seed_ids={"known"})
    lines = str(caught.value).splitlines()
    assert any(line.startswith(f"{tmp_path / 'b.yml'}:2:5: duplicate id 'same'") for line in lines), lines
    assert any("unknown seed 'nowhere'" in line for line in lines), lines


def test_all_problems_of_all_files_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("claims:\n  - id: a\n    txt: one\n")
    (tmp_path / "b.yaml").write_text("claims:\n  - id: 7\n    text: two\n")
    with pytest.raises(InputErrors) as caught:
        load_claims([tmp_path])
    assert [str(e).split(": ", 1)[0].rsplit("/", 1)[1] for e in caught.value.errors] == ["a.yaml:3:5", "b.yaml:2:9"]
