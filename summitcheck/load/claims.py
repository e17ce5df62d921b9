"""Claim files: YAML with line numbers (ruamel.yaml round-trip loader, which never builds Python objects).

Every schema problem of every file is collected, so one run reports them all.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..errors import InputError, InputErrors
from ..model import Claim, Location
from .files import MAX_CLAIM_FILE_BYTES, find_files, read_text

CLAIM_SUFFIXES = (".yaml", ".yml")
CLAIM_KEYS = ("id", "text", "seed", "tags", "note")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
MAX_CLAIM_CHARS = 2_000  # a claim is a line of a fact sheet, not an article
MAX_NESTING = 50


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def _loc(path: str, node: Any, key: Any = None, index: int | None = None, value: bool = False) -> Location:
    """1-based location of a mapping key (or its value) or a sequence item, from ruamel's 0-based marks."""
    try:
        if key is not None:
            line, col = node.lc.value(key) if value else node.lc.key(key)
        elif index is not None:
            line, col = node.lc.item(index)
        else:
            line, col = node.lc.line, node.lc.col
        return Location(path, line + 1, col + 1)
    except (AttributeError, KeyError, TypeError, IndexError):
        return Location(path, 1, 1)


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    return f"a {type(value).__name__}"


def _depth(node: Any, limit: int) -> int:
    """Nesting depth, stopping at `limit` so that a hostile file costs nothing to measure."""
    stack = [(node, 1)]
    deepest = 0
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack += [(v, depth + 1) for v in item.values()]
        elif isinstance(item, list):
            stack += [(v, depth + 1) for v in item]
    return deepest


def _is_tagged(value: Any) -> bool:
    tag = getattr(value, "tag", None)
    name = getattr(tag, "value", tag)
    return isinstance(name, str) and bool(name) and not name.startswith("tag:yaml.org,2002:")


def _claim(path: str, node: Any, where: Location, errors: list[InputError]) -> Claim | None:
    if not isinstance(node, CommentedMap):
        errors.append(InputError(where, f"a claim must be a mapping with id and text, not {_type_name(node)}"))
        return None
    ok = True
    for key in node:
        if key not in CLAIM_KEYS:
            close = difflib.get_close_matches(str(key), CLAIM_KEYS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"a claim takes {', '.join(CLAIM_KEYS)}"
            errors.append(InputError(_loc(path, node, key), f"unknown key {key!r}; {hint}"))
            ok = False
    for key in CLAIM_KEYS:
        if key in node and _is_tagged(node[key]):
            errors.append(InputError(_loc(path, node, key, value=True), f"{key}: YAML tags are not allowed here"))
            ok = False
    if not ok:
        return None

    cid = node.get("id")
    if "id" not in node:
        errors.append(InputError(where, "claim has no id"))
        ok = False
    elif not isinstance(cid, str):
        errors.append(InputError(_loc(path, node, "id", value=True), f"id must be a string, not {_type_name(cid)}"))
        ok = False
    elif not ID_PATTERN.match(cid):
        errors.append(
            InputError(_loc(path, node, "id", value=True), f"bad id {cid!r}: use lowercase letters, digits, . _ -")
        )
        ok = False

    text = node.get("text")
    if "text" not in node:
        errors.append(InputError(where, "claim has no text"))
        ok = False
    elif not isinstance(text, str):
        errors.append(InputError(_loc(path, node, "text", value=True), f"text must be a string, not {_type_name(text)}"))
        ok = False
    elif not text.strip():
        errors.append(InputError(_loc(path, node, "text", value=True), "text is empty"))
        ok = False
    elif len(text) > MAX_CLAIM_CHARS:
        errors.append(
            InputError(
                _loc(path, node, "text", value=True),
                f"text is {len(text):,} characters; a claim is at most {MAX_CLAIM_CHARS:,}: split it",
            )
        )
        ok = False

    seed = node.get("seed")
    if seed is not None and not isinstance(seed, str):
        errors.append(InputError(_loc(path, node, "seed", value=True), f"seed must be a string, not {_type_name(seed)}"))
        ok = False

    tags = node.get("tags", [])
    if tags is None:
        tags = []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        errors.append(InputError(_loc(path, node, "tags", value=True), "tags must be a list of strings"))
        ok = False

    note = node.get("note")
    if note is not None and not isinstance(note, str):
        errors.append(InputError(_loc(path, node, "note", value=True), f"note must be a string, not {_type_name(note)}"))
        ok = False

    if not ok:
        return None
    return Claim(
        id=cid, text=text.strip(), location=where, seed=seed, tags=tuple(str(t) for t in tags), note=note
    )


def parse_claims(text: str, path: str) -> tuple[list[Claim], list[InputError]]:
    """Claims of one file's text; problems are returned, never raised."""
    errors: list[InputError] = []
    if not text.strip():
        return [], [InputError(Location(path, 1, 1), "empty claim file; write `claims:` and a list of claims")]
    tab = re.search(r"^( *)\t", text, re.MULTILINE)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        return [], [InputError(Location(path, line, len(tab.group(1)) + 1), "tab used for indentation; use spaces")]
    try:
        doc = _yaml().load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path, 1, 1)
        problem = (e.problem or e.context or "invalid YAML").strip()
        return [], [InputError(where, f"YAML syntax error: {problem}")]
    except (YAMLError, RecursionError, ValueError) as e:
        message = "nesting is too deep" if isinstance(e, RecursionError) else str(e).splitlines()[0]
        return [], [InputError(Location(path, 1, 1), f"YAML error: {message}")]

    if doc is None:
        return [], [InputError(Location(path, 1, 1), "empty claim file; write `claims:` and a list of claims")]
    if _depth(doc, MAX_NESTING) > MAX_NESTING:
        return [], [InputError(Location(path, 1, 1), f"nesting is deeper than {MAX_NESTING} levels")]

    if isinstance(doc, CommentedMap) and "claims" in doc:
        for key in doc:
            if key != "claims":
                errors.append(InputError(_loc(path, doc, key), f"unknown key {key!r} beside `claims`"))
        items = doc["claims"]
        if not isinstance(items, CommentedSeq):
            where = _loc(path, doc, "claims", value=True)
            errors.append(InputError(where, f"claims must be a list, not {_type_name(items)}"))
            return [], errors
        nodes = [(node, _loc(path, items, index=i)) for i, node in enumerate(items)]
        if not nodes:
            errors.append(InputError(_loc(path, doc, "claims"), "no claims in this file"))
    elif isinstance(doc, CommentedMap):
        nodes = [(doc, _loc(path, doc))]
    elif isinstance(doc, CommentedSeq):
        nodes = [(node, _loc(path, doc, index=i)) for i, node in enumerate(doc)]
        if not nodes:
            errors.append(InputError(Location(path, 1, 1), "no claims in this file"))
    else:
        return [], [InputError(Location(path, 1, 1), f"top level must be a mapping or a list, not {_type_name(doc)}")]

    claims = []
    for node, where in nodes:
        claim = _claim(path, node, where, errors)
        if claim is not None:
            claims.append(claim)
    return claims, errors


def load_claims(paths: Iterable[Path], seed_ids: set[str] | None = None) -> list[Claim]:
    """All claims below `paths`, in file and line order; raises InputErrors listing every problem."""
    files, errors = find_files(list(paths), CLAIM_SUFFIXES, "claim files")
    claims: list[Claim] = []
    for file in files:
        try:
            text = read_text(file, MAX_CLAIM_FILE_BYTES, "claim file")
        except InputError as e:
            errors.append(e)
            continue
        found, problems = parse_claims(text, str(file))
        claims += found
        errors += problems

    seen: dict[str, Claim] = {}
    for claim in claims:
        if claim.id in seen:
            errors.append(InputError(claim.location, f"duplicate id {claim.id!r}, first used at {seen[claim.id].location}"))
        else:
            seen[claim.id] = claim
        if seed_ids is not None and claim.seed is not None and claim.seed not in seed_ids:
            known = ", ".join(sorted(seed_ids)) or "none"
            errors.append(InputError(claim.location, f"unknown seed {claim.seed!r} (seeds: {known})"))
    if errors:
        raise InputErrors(errors)
    return claims
