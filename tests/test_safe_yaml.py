"""The YAML reader: how plain scalars are typed, where problems are reported, what is refused, and the same result
with libyaml's parser and with the pure-Python one."""

from __future__ import annotations

import datetime as dt
import math
import time
from pathlib import Path

import pytest
from test_load_claims import BAD, GOOD

from summitcheck.load import safe_yaml
from summitcheck.load.claims import parse_claims
from summitcheck.load.safe_yaml import Mapping, Sequence, load_yaml

HOSTILE = Path(__file__).resolve().parent / "hostile"
MINUS_5 = dt.timezone(dt.timedelta(hours=-5))

# (the value as written after `k: `, what it is by default (YAML 1.2), what it is under `%YAML 1.1`): the typing
# ruamel.yaml gave before, so that a claim means what it meant.
TYPED = [
    ("no", "no", False),
    ("yes", "yes", True),
    ("On", "On", True),
    ("y", "y", True),
    ("true", True, True),
    ("TRUE", True, True),
    ("tRue", "tRue", "tRue"),
    ("~", None, None),
    ("null", None, None),
    ("", None, None),
    ("2397", 2397, 2397),
    ("-12", -12, -12),
    ("012", 12, 10),
    ("0o17", 15, "0o17"),
    ("0x1F", 31, 31),
    ("1_000", 1000, 1000),
    ("10,000", "10,000", "10,000"),
    ("1:30", "1:30", 90),
    ("1.5", 1.5, 1.5),
    ("-.5", -0.5, "-.5"),
    ("1e3", 1000.0, 1000.0),
    ("-.Inf", -math.inf, -math.inf),
    ("2019-04-25", dt.date(2019, 4, 25), dt.date(2019, 4, 25)),
    ("2019-4-25", "2019-4-25", "2019-4-25"),
    ("2001-12-14t21:59:43.10-05:00", dt.datetime(2001, 12, 14, 21, 59, 43, 100000, MINUS_5),
     dt.datetime(2001, 12, 14, 21, 59, 43, 100000, MINUS_5)),
    ("'yes'", "yes", "yes"),
    ('"12"', "12", "12"),
    ("|\n  yes\n", "yes\n", "yes\n"),
    ("!!str 12", "12", "12"),
    ("!!int '12'", 12, 12),
    ("!!bool yes", True, True),
    ("=", "=", "="),
    ("<<", "<<", "<<"),
    ("one\u2028two", "one\u2028two", "one\u2028two"),  # a line break to YAML 1.1 parsers, a character to YAML 1.2
]


@pytest.mark.parametrize(("written", "default", "yaml_1_1"), TYPED, ids=[t[0] for t in TYPED])
def test_plain_scalars_are_typed_as_before(written: str, default: object, yaml_1_1: object) -> None:
    for prefix, expected in (("", default), ("%YAML 1.1\n---\n", yaml_1_1)):
        doc, problems = load_yaml(f"{prefix}k: {written}\n", "x.yaml")
        assert problems == []
        assert doc["k"] == expected and type(doc["k"]) is type(expected), (prefix, doc["k"])


# (name, file text, the "line:col" and a piece of the message of each problem, in any order)
PROBLEMS = [
    ("alias of a bad value: at the alias", "x: &a [1]\nclaims:\n  - id: a\n    text: *a\n",
     [("1:1", "unknown key 'x'"), ("4:11", "text must be a string, not a list")]),
    ("aliased claim: its keys where the anchor is", "claims:\n  - &c {id: a, text: t, txt: x}\n  - *c\n",
     [("2:25", "unknown key 'txt'"), ("2:25", "unknown key 'txt'")]),
    ("merged key: where it is written", "claims:\n  - &c {id: a, text: t, tags: [1]}\n  - <<: *c\n    id: b\n",
     [("2:31", "tags must be a list of strings"), ("2:31", "tags must be a list of strings")]),
    ("merge of a scalar", "claims:\n  - <<: 12\n    id: x\n",
     [("2:9", "expected a mapping or list of mappings for merging, but found scalar")]),
    ("merge of a list holding a scalar", "claims:\n  - <<: [12]\n    id: x\n",
     [("2:10", "expected a mapping for merging, but found scalar")]),
    ("two merge keys", "claims:\n  - id: x\n    <<: {text: t}\n    <<: {note: n}\n",
     [("4:5", 'found duplicate merge key "<<"')]),
    ("flow mapping over lines", "claims:\n  - {id: a,\n     text: t,\n     txt: u}\n", [("4:6", "unknown key 'txt'")]),
    ("after a literal block", "claims:\n  - id: a\n    text: |\n      one\n      two\n    seed: 12\n",
     [("6:11", "seed must be a string, not a number")]),
    ("after a folded block", "claims:\n  - id: a\n    text: >\n      one\n      two\n\n    tags: x\n",
     [("7:11", "tags must be a list of strings")]),
    ("after a quoted string over lines", 'claims:\n  - id: a\n    text: "one\n      two"\n    note: [x]\n',
     [("5:11", "note must be a string, not a list")]),
    ("after a plain string over lines", "claims:\n  - id: a\n    text: plain\n      continued\n    idd: x\n",
     [("5:5", "unknown key 'idd'; did you mean 'id'?")]),
    ("columns count characters", 'claims:\n  - {text: "≈≈≈", id: 7}\n', [("2:23", "id must be a string")]),
    ("columns count an emoji as one", 'claims:\n  - {text: "😀😀", id: 7}\n', [("2:22", "id must be a string")]),
    ("a line separator stays in its text", "claims:\n  - id: a\n    text: one\u2028two\n    txt: x\n",
     [("4:5", "unknown key 'txt'")]),
    ("an empty value: after its key", "claims:\n  - id: a\n    text:\n", [("3:10", "not empty")]),
    ("%YAML 1.1: yes is a boolean", "%YAML 1.1\n---\nid: yes\ntext: one\n",
     [("3:5", "id must be a string, not a boolean")]),
    ("a date and time", "id: a\ntext: 2001-12-14 21:59:43\n", [("2:7", "text must be a string, not a date")]),
    ("an impossible date", "id: a\ntext: 2019-02-30\n",
     [("2:7", "'2019-02-30' is not a valid !!timestamp (day is out of range for month); fix it, or quote it")]),
    ("an explicit tag that does not fit", "id: !!int abc\ntext: t\n", [("1:5", "'abc' is not a valid !!int")]),
    ("!!map on a list", "claims: !!map\n  - id: a\n", [("1:9", "expected a mapping node, but found sequence")]),
    ("duplicate key in flow style", "claims:\n  - {id: a, id: b, text: t}\n",
     [("2:13", 'found duplicate key "id" with value "b" (original value: "a"); keep one of them')]),
    ("duplicate keys: each one", "id: a\ntext: t\nid: b\ntext: u\n",
     [("3:1", 'duplicate key "id"'), ("4:1", 'duplicate key "text"')]),
    ("a list as a key", "claims:\n  - id: a\n    text: t\n    [a, b]: v\n", [("4:5", "a list cannot be a key")]),
    ("a foreign tag on a key's value", "id: a\ntext: !!python/name:os.system\n",
     [("2:7", "text: YAML tag !!python/name:os.system is not allowed")]),
    ("an alias inside its anchor", "a: &a [*a]\n", [("1:4", "an alias refers to the collection that holds it")]),
    ("an undefined alias", "id: a\ntext: *nowhere\n", [("2:7", "found undefined alias 'nowhere'")]),
    ("a second document", "id: a\ntext: t\n---\nid: b\n",
     [("3:1", "expected a single document in the stream but found another document")]),
    ("a control character", "id: a\ntext: one\x07\n", [("2:10", "character U+0007 is not allowed in YAML")]),
    ("a syntax error (libyaml refuses: the pure-Python parser says why)", "claims:\n  - id: a\n    text: [x\n",
     [("4:1", "YAML syntax error: expected ',' or ']', but got '<stream end>'")]),
    ("a tab in a plain value (refused, as before)", "id: a\ntext: one\ttwo\n",
     [("2:10", "found character '\\t' that cannot start any token")]),
    ("49 levels and a value", "- " * 49 + "x\n", [("1:3", "a claim must be a mapping with id and text, not a list")]),
    ("50 levels and a value", "- " * 50 + "x\n", [("1:101", "nesting is deeper than 50 levels")]),
    ("a key is not a level of its own", "{a: " * 50 + "x" + "}" * 50 + "\n", [("1:201", "nesting is deeper")]),
]


@pytest.mark.parametrize(("name", "text", "problems"), PROBLEMS, ids=[p[0] for p in PROBLEMS])
def test_problems_are_reported_at_their_place(name: str, text: str, problems: list[tuple[str, str]]) -> None:
    _, errors = parse_claims(text, "c.yaml")
    found = sorted((f"{e.location.line}:{e.location.col}", e.message) for e in errors)
    assert len(found) == len(problems), found
    for (where, piece), (got_where, got_message) in zip(sorted(problems), found, strict=True):
        assert (got_where, piece in got_message) == (where, True), found


# (name, file text, the "line:col" of each claim)
PLACES = [
    ("an aliased claim is where the alias is", "claims:\n  - &c {id: a, text: t}\n  - *c\n", ["2:5", "3:5"]),
    ("a claim with merged keys", "base: &b {text: t}\nclaims:\n  - <<: *b\n    id: a\n", None),
    ("one claim as the document", "%YAML 1.1\n---\nid: a\ntext: t\n", ["3:1"]),
]


@pytest.mark.parametrize(("name", "text", "places"), PLACES, ids=[p[0] for p in PLACES])
def test_claims_are_where_they_are_written(name: str, text: str, places: list[str] | None) -> None:
    claims, errors = parse_claims(text, "c.yaml")
    if places is None:  # the merged claim is read, and the unknown key `base` reported
        assert [c.text for c in claims] == ["t"] and [e.message for e in errors] == [
            "unknown key 'base' beside `claims`; remove it"]
        return
    assert errors == [] and [f"{c.location.line}:{c.location.col}" for c in claims] == places


def test_values_are_plain_with_their_places() -> None:
    doc, problems = load_yaml("a: &x [1, {b: c}]\nd: *x\n", "x.yaml")
    assert problems == [] and doc == {"a": [1, {"b": "c"}], "d": [1, {"b": "c"}]}
    assert isinstance(doc, Mapping) and isinstance(doc["a"], Sequence) and isinstance(doc["a"][1], Mapping)
    assert doc["d"] is doc["a"]  # an alias is its anchor's object, never a copy
    assert doc.at["d"] == (2, 1, 2, 4) and doc["a"].at == [(1, 8), (1, 11)] and doc["a"][1].at["b"] == (1, 12, 1, 15)


def _laughs(levels: int) -> list[str]:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    return lines + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]


def test_alias_bombs_are_counted_not_built() -> None:
    doc, problems = load_yaml("\n".join(_laughs(9)) + "\nid: x\ntext: *a9\n", "x.yaml")
    assert doc is None and [(p.location.line, p.location.col) for p in problems] == [(10, 5)]
    assert "aliases of &a9 expand this file to 8,335,593,970 values" in problems[0].message


BOMBS = [  # (name, file text, the place and a piece of the one problem): each read in well under a second
    ("a duplicate key holding a bomb", "\n".join(_laughs(9)) + "\nx: 1\nx: *a9\n", "10:5", "aliases of &a9 expand"),
    ("a merge bomb", "b: &b {" + ", ".join(f"k{i}: {i}" for i in range(5000)) + "}\nl:\n" + "  - <<: *b\n" * 5000,
     "1:4", "aliases of &b expand this file to 50,025,005 values"),
    ("a bomb in a key", "\n".join(_laughs(9)) + "\n? *a9\n: x\n", "10:5", "aliases of &a9 expand"),
]


@pytest.mark.parametrize(("name", "text", "where", "piece"), BOMBS, ids=[b[0] for b in BOMBS])
def test_alias_bombs_cost_nothing_before_they_are_refused(name: str, text: str, where: str, piece: str) -> None:
    started = time.process_time()
    doc, problems = load_yaml(text, "x.yaml")
    assert time.process_time() - started < 2
    assert doc is None and [(f"{p.location.line}:{p.location.col}", piece in p.message) for p in problems] == [
        (where, True)], problems


def _cases() -> list[str]:
    texts = [t for _, t, _ in GOOD] + [t for _, t, _ in BAD] + [t for _, t, _ in PROBLEMS] + [t for _, t, _ in PLACES]
    texts += [f"{prefix}k: {written}\n" for written, _, _ in TYPED for prefix in ("", "%YAML 1.1\n---\n")]
    for path in sorted(HOSTILE.glob("*.yaml")):
        try:
            texts.append(path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
        except UnicodeDecodeError:
            continue
    texts += ["[" * 2000 + "]" * 2000, "- " * 2000 + "x", "{a: " * 2000 + "}" * 2000]  # libyaml stops at 1000
    return texts


@pytest.mark.skipif(safe_yaml.FAST_LOADER is None, reason="PyYAML without libyaml: there is one parser only")
def test_the_pure_python_parser_gives_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    def read_all() -> list[object]:
        results = []
        for text in _cases():
            claims, errors = parse_claims(text, "c.yaml")
            results.append((claims, [str(e) for e in errors]))
        return results

    with_libyaml = read_all()
    monkeypatch.setattr(safe_yaml, "FAST_LOADER", None)
    assert read_all() == with_libyaml
