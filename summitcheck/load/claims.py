"""Claim files: YAML with line numbers, read through safe_yaml (libyaml's parser, with bounded nesting and aliases,
and no tags: it never builds Python objects).

Every schema problem of every file is collected, so one run reports them all, each as `path:line:col: what is
wrong; what to do`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import InputError, InputErrors, shown
from ..model import Claim, Location
from .files import MAX_CLAIM_FILE_BYTES, find_files, position, read_text, shown_path
from .safe_yaml import Mapping, Sequence, load_yaml

CLAIM_SUFFIXES = (".yaml", ".yml")
CLAIM_KEYS = ("id", "text", "seed", "tags", "note")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
MAX_CLAIM_CHARS = 2_000  # a claim is a line of a fact sheet, not an article
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # in a claim's text, only tab and line breaks
EMPTY_FILE = "empty claim file; write `claims:` and a list of claims"
NO_CLAIMS = "no claims in this file; add claims or remove the file"


def _loc(path: str, node: Mapping | Sequence, key: Any = None, index: int | None = None,
         value: bool = False) -> Location:
    """Location of a mapping key (or its value), of a sequence item, or of the collection itself."""
    if key is not None:
        key_line, key_col, value_line, value_col = node.at[key]
        return Location(path, value_line, value_col) if value else Location(path, key_line, key_col)
    if index is not None:
        return Location(path, *node.at[index])
    return Location(path, *node.where)


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
    if isinstance(value, dt.date):  # a datetime too
        return "a date"
    return f"a {type(value).__name__}"


def _claim(path: str, node: Any, where: Location, errors: list[InputError]) -> Claim | None:
    if not isinstance(node, Mapping):
        message = f"a claim must be a mapping with id and text, not {_type_name(node)}; write `id:` and `text:` lines"
        errors.append(InputError(where, message))
        return None
    ok = True
    for key in node:
        if key not in CLAIM_KEYS:
            close = difflib.get_close_matches(str(key), CLAIM_KEYS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"a claim takes {', '.join(CLAIM_KEYS)}"
            errors.append(InputError(_loc(path, node, key), f"unknown key {shown(key)}; {hint}"))
            ok = False
    if not ok:
        return None

    cid = node.get("id")
    if "id" not in node:
        errors.append(InputError(where, "claim has no id; add `id: a-short-name`"))
        ok = False
    elif not isinstance(cid, str):
        errors.append(InputError(_loc(path, node, "id", value=True),
                                 f"id must be a string, not {_type_name(cid)}; {_quote_hint(cid)}"))
        ok = False
    elif not ID_PATTERN.match(cid):
        errors.append(
            InputError(_loc(path, node, "id", value=True), f"bad id {shown(cid)}; use lowercase letters, digits, . _ -")
        )
        ok = False

    text = node.get("text")
    if "text" not in node:
        errors.append(InputError(where, "claim has no text; add `text: the claim`"))
        ok = False
    elif not isinstance(text, str):
        errors.append(InputError(_loc(path, node, "text", value=True),
                                 f"text must be a string, not {_type_name(text)}; {_quote_hint(text)}"))
        ok = False
    elif not text.strip():
        errors.append(InputError(_loc(path, node, "text", value=True), "text is empty; write the claim or remove it"))
        ok = False
    elif CONTROL.search(text):
        bad = CONTROL.search(text).group()
        errors.append(InputError(_loc(path, node, "text", value=True),
                                 f"text holds the control character U+{ord(bad):04X}; remove it"))
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
        errors.append(InputError(_loc(path, node, "seed", value=True),
                                 f"seed must be a string, not {_type_name(seed)}; {_quote_hint(seed)}"))
        ok = False

    tags = node.get("tags", [])
    if tags is None:
        tags = []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        where_tags = _loc(path, node, "tags", value=True)
        errors.append(InputError(where_tags, "tags must be a list of strings; write tags: [a, b]"))
        ok = False

    note = node.get("note")
    if note is not None and not isinstance(note, str):
        errors.append(InputError(_loc(path, node, "note", value=True),
                                 f"note must be a string, not {_type_name(note)}; {_quote_hint(note)}"))
        ok = False

    if not ok:
        return None
    return Claim(
        id=str(cid),
        text=str(text).strip(),
        location=where,
        seed=None if seed is None else str(seed),
        tags=tuple(str(t) for t in tags),
        note=None if note is None else str(note),
    )


def _quote_hint(value: Any) -> str:
    """What to do about a value of the wrong type."""
    if isinstance(value, list | dict):
        return "write one string (quote it if it holds [ ] { } : or #)"
    if value is None:
        return "write a value or remove the key"
    return "quote it"


def parse_claims(text: str, path: str) -> tuple[list[Claim], list[InputError]]:
    """Claims of one file's text; problems are returned, never raised."""
    errors: list[InputError] = []
    if not text.strip():
        return [], [InputError(Location(path, 1, 1), EMPTY_FILE)]
    tab = re.search(r"^( *)\t", text, re.MULTILINE)
    if tab:
        line, col = position(text, tab.end() - 1)
        return [], [InputError(Location(path, line, col), "tab used for indentation; use spaces")]
    doc, problems = load_yaml(text, path)
    if problems:
        return [], problems
    if doc is None:
        return [], [InputError(Location(path, 1, 1), EMPTY_FILE)]

    if isinstance(doc, Mapping) and "claims" in doc:
        for key in doc:
            if key != "claims":
                errors.append(InputError(_loc(path, doc, key), f"unknown key {shown(key)} beside `claims`; remove it"))
        items = doc["claims"]
        if not isinstance(items, Sequence):
            where = _loc(path, doc, "claims", value=True)
            message = f"claims must be a list, not {_type_name(items)}; write each claim as `- id: ...`"
            errors.append(InputError(where, message))
            return [], errors
        nodes = [(node, _loc(path, items, index=i)) for i, node in enumerate(items)]
        if not nodes:
            errors.append(InputError(_loc(path, doc, "claims"), NO_CLAIMS))
    elif isinstance(doc, Mapping):
        nodes = [(doc, _loc(path, doc))]
    elif isinstance(doc, Sequence):
        nodes = [(node, _loc(path, doc, index=i)) for i, node in enumerate(doc)]
        if not nodes:
            errors.append(InputError(Location(path, 1, 1), NO_CLAIMS))
    else:
        return [], [InputError(Location(path, 1, 1), f"top level must be a mapping or a list, not {_type_name(doc)}; "
                                                     "write `claims:` and a list of claims")]

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
        found, problems = parse_claims(text, shown_path(file))
        claims += found
        errors += problems

    seen: dict[str, Claim] = {}
    for claim in claims:
        if claim.id in seen:
            first = seen[claim.id].location
            message = f"duplicate id {shown(claim.id)}, first used at {first}; rename one"
            errors.append(InputError(claim.location, message))
        else:
            seen[claim.id] = claim
        if seed_ids is not None and claim.seed is not None and claim.seed not in seed_ids:
            message = f"unknown seed {shown(claim.seed)}; {_seed_hint(claim.seed, seed_ids)}"
            errors.append(InputError(claim.location, message))
    if errors:
        raise InputErrors(errors)
    return claims


def _seed_hint(seed: str, seed_ids: set[str]) -> str:
    close = difflib.get_close_matches(seed, sorted(seed_ids), n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    known = sorted(seed_ids)
    listed = ", ".join(known[:5]) + (f" and {len(known) - 5} more" if len(known) > 5 else "")
    return f"the seeds are {listed}" if known else "there are no seeds"
