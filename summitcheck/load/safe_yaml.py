"""YAML read safely and at a bounded cost, with every problem at its `path:line:col`.

PyYAML's parser (libyaml's C parser when PyYAML has it: fifteen times faster than the pure-Python reader used
before) turns the text into events; this module builds the document from them in one iterative pass, so it decides
everything a hostile file could abuse:
  - nesting is capped at MAX_NESTING levels before the parser goes deeper, and nothing recurses;
  - an alias is the very object its anchor made, and the values aliases stand for are counted, never expanded, so
    a "billion laughs" file is refused without being built, and so is an alias inside its own anchor;
  - only core tags are accepted (`!!python/...`, `!include` are refused at their line): nothing but str, int, float,
    bool, None, dates, lists and dicts is ever built;
  - scalars are typed as before (ruamel.yaml's reading): YAML 1.2, so `id: no` stays a string, or YAML 1.1 for a
    document that declares `%YAML 1.1`; dates stay dates, as in both.
When libyaml refuses a file, the pure-Python parser reads it again: its messages (and positions) are those users
always saw, and the same as where PyYAML comes without libyaml.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from ..errors import InputError, shown
from ..model import Location
from .files import position

MAX_NESTING = 50  # a claim file needs 5 levels; a glossary a few more
MAX_ALIASED_VALUES = 10_000  # values that aliases may add, beyond those written out
CORE = "tag:yaml.org,2002:"
# The tags a plain value resolves to, and the ones a user may write (`!!str 12`); any other tag is refused.
ALLOWED_TAGS = frozenset(
    CORE + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge", "value")
)
# libyaml's parser, or None where PyYAML was built without it (tests set None to check the pure-Python path).
FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None) if yaml.__with_libyaml__ else None
# A lone surrogate (U+D800 to U+DFFF) is no character: UTF-8 cannot encode it, so no output could show it.
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_INT_DIGITS = 4_000  # below Python's own limit on reading an int (4,300 digits)
# YAML's printable characters; anything else is refused before parsing, at its own place.
NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Line breaks to YAML 1.1 (libyaml, PyYAML) but ordinary characters to YAML 1.2 (and ruamel.yaml before): they are
# swapped for unused private-use characters while parsing, so a pasted U+2028 stays inside its claim text.
BREAKS_1_1 = "\x85\u2028\u2029"


class Mapping(dict):
    """A YAML mapping; `at[key]` is the 1-based (line, col, value line, value col) of a key and its value (for a merged
    key, where the mapping it comes from has them), `where` the mapping's own start."""

    __slots__ = ("at", "where")

    def __init__(self, where: tuple[int, int]) -> None:
        super().__init__()
        self.where = where
        self.at: dict[Any, tuple[int, int, int, int]] = {}


class Sequence(list):
    """A YAML sequence; `at[i]` is the 1-based (line, col) of item i, `where` its own start."""

    __slots__ = ("at", "where")

    def __init__(self, where: tuple[int, int]) -> None:
        super().__init__()
        self.where = where
        self.at: list[tuple[int, int]] = []


# ---------------------------------------------------------------------------------------------------------------
# Plain scalars: which type each spelling stands for, in YAML 1.2 and 1.1 (as ruamel.yaml resolved them).

_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DATE_TIME = (r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
              r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?")
_COMMON = (("null", r"~|null|Null|NULL|"), ("timestamp", f"{_DATE}|{_DATE_TIME}"), ("merge", "<<"))
_RULES = {
    (1, 2): (
        ("bool", r"true|True|TRUE|false|False|FALSE"),
        ("int", r"[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9_]+)"),
        ("float", r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)"
                  r"|\.[0-9_]+(?:[eE][-+][0-9]+)?|\.(?:inf|Inf|INF))|\.(?:nan|NaN|NAN)"),
        *_COMMON,
    ),
    (1, 1): (
        ("bool", r"y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"),
        ("int", r"[-+]?(?:0b[01_]+|0?[0-7_]+|0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)"),
        ("float", r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)"
                  r"|[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|\.(?:inf|Inf|INF))"
                  r"|\.[0-9_]+(?:[eE][-+][0-9]+)?|\.(?:nan|NaN|NAN)"),
        *_COMMON,
    ),
}
# One pattern per version: the name of the alternative that matches is the type.
_RESOLVERS = {version: re.compile("|".join(rf"(?P<{kind}>(?:{rule})\Z)" for kind, rule in rules))
              for version, rules in _RULES.items()}
_BOOL = re.compile(rf"(?:{_RULES[(1, 1)][0][1]})\Z")  # an explicit !!bool takes the spellings of either version
# A plain scalar whose first character is none of these is a string: the common case needs no regex.
_TYPED_FIRST = frozenset("-+.0123456789~nNtTfFyYoO<")


def _resolve(value: str, version: tuple[int, int]) -> str:
    """The tag of a plain scalar."""
    if value and value[0] not in _TYPED_FIRST:
        return CORE + "str"
    found = _RESOLVERS[version].match(value)
    return CORE + (found.lastgroup if found else "str")


_TIMESTAMP = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?"
    r"(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?\Z"
)


def _sexagesimal(text: str, number: type) -> Any:
    """`1:30` is 90 in YAML 1.1."""
    total = number(0)
    for part in text.split(":"):
        total = total * 60 + number(part)
    return total


def _int(text: str, version: tuple[int, int]) -> int:
    digits = text.replace("_", "")
    if len(digits) > MAX_INT_DIGITS:  # Python refuses to read it, with advice for programmers: say it plainly
        raise ValueError(f"{len(digits):,} digits, more than a number may have")
    sign, digits = (-1, digits[1:]) if digits[:1] == "-" else (1, digits.lstrip("+"))
    if digits[:2] in ("0b", "0o", "0x"):
        return sign * int(digits[2:], {"b": 2, "o": 8, "x": 16}[digits[1]])
    if ":" in digits:
        return sign * _sexagesimal(digits, int)
    octal = version == (1, 1) and digits[:1] == "0" and len(digits) > 1  # 012 is 10 in YAML 1.1, 12 in 1.2
    return sign * int(digits, 8 if octal else 10)


def _float(text: str) -> float:
    digits = text.replace("_", "").lower()
    if digits.lstrip("+-") in (".inf", ".nan"):
        return float(digits.replace(".", ""))
    if ":" in digits:
        return (-1 if digits[:1] == "-" else 1) * _sexagesimal(digits.lstrip("+-"), float)
    return float(digits)


def _timestamp(text: str) -> dt.date:
    found = _TIMESTAMP.match(text)
    if not found:
        raise ValueError("not a date")
    year, month, day, hour, minute, second, fraction, zone, sign, zone_hours, zone_minutes = found.groups()
    if hour is None:
        return dt.date(int(year), int(month), int(day))
    tz = None
    if zone == "Z":
        tz = dt.timezone.utc
    elif zone:
        offset = dt.timedelta(hours=int(zone_hours), minutes=int(zone_minutes or 0))
        tz = dt.timezone(-offset if sign == "-" else offset)
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    return dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tz)


def _construct(tag: str, text: str, version: tuple[int, int]) -> Any:
    """The value of a scalar of a core type; ValueError when the text is not one (`!!int abc`, `2019-02-30`)."""
    kind = tag[len(CORE) :]
    if kind == "int":
        return _int(text, version)
    if kind == "float":
        return _float(text)
    if kind == "bool":
        if not _BOOL.match(text):
            raise ValueError("not true or false")
        return text.lower() in ("true", "yes", "on", "y")
    if kind == "null":
        return None
    if kind == "timestamp":
        return _timestamp(text)
    return text  # str, and the merge (`<<`) and value (`=`) tags once they are not keys


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag


def _kind(value: Any) -> str:
    """A value as YAML names its kind, for messages about merge keys."""
    return "mapping" if isinstance(value, dict) else "sequence" if isinstance(value, list) else "scalar"


# ---------------------------------------------------------------------------------------------------------------
# Building the document from events.

_NO_KEY = object()  # a mapping waiting for its next key


class _Anchor:
    """What an anchor names, and how many values it stands for, for the alias count."""

    __slots__ = ("index", "name", "open", "size", "uses", "value", "where")

    def __init__(self, name: str, value: Any, where: tuple[int, int], index: int) -> None:
        self.name, self.value, self.where, self.index = name, value, where, index
        self.size = 1
        self.uses = 1
        self.open = False


class _Open:
    """A collection whose end has not been read yet."""

    __slots__ = ("anchor", "key", "key_at", "key_text", "merges", "size", "value")

    def __init__(self, value: Mapping | Sequence, anchor: _Anchor | None) -> None:
        self.value = value
        self.anchor = anchor
        self.size = 1  # values it stands for, aliases expanded
        self.key: Any = _NO_KEY
        self.key_at = (1, 1)
        self.key_text = ""
        self.merges: list[tuple[Any, tuple[int, int]]] = []


class _Stop(Exception):
    """A problem that ends reading (too deep, an alias loop, a second document): `problems` are reported."""


class _Builder:
    """One document built from parser events, checked as it is built (see the module's docstring)."""

    def __init__(self, show: dict[int, str] | None) -> None:
        self.show = show  # the characters BREAKS_1_1 stand for, if any were swapped
        self.version = (1, 2)
        self.documents = 0
        self.stack: list[_Open] = []
        self.root: tuple[Any] | None = None  # (the document,) once read: a document may be None
        self.refused: list[tuple[tuple[int, int], str]] = []  # foreign tags, aliases: nothing is built from the file
        self.invalid: list[tuple[tuple[int, int], str]] = []  # values that cannot be built (a bad date, a dup key)
        self.anchors: dict[str, _Anchor] = {}  # by name: the latest node of that name
        self.anchored: list[_Anchor] = []  # every anchored node, for the alias count
        self.distinct = 0  # values written out (an alias is not one)
        self.aliased = 0  # values aliases stand for, so far

    def read(self, loader: Any) -> Any:
        handlers = {ScalarEvent: self._scalar, MappingStartEvent: self._start, SequenceStartEvent: self._start,
                    MappingEndEvent: self._end, SequenceEndEvent: self._end, AliasEvent: self._alias,
                    DocumentStartEvent: self._document}
        get = loader.get_event
        while True:
            event = get()
            if event.__class__ is StreamEndEvent:
                break
            handler = handlers.get(event.__class__)
            if handler is not None:
                handler(event)
        if self.root is None:
            return None
        self._check_aliases()
        return self.root[0]

    def _document(self, event: DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _Stop([(_where(event), "YAML syntax error: expected a single document in the stream but found "
                                         "another document; fix the YAML near here")])
        self.version = (1, 1) if event.version == (1, 1) else (1, 2)

    def _scalar(self, event: ScalarEvent) -> None:
        where = _where(event)
        if len(self.stack) >= MAX_NESTING:
            self._check_depth(where)
        text = event.value if self.show is None else event.value.translate(self.show)
        if event.style == '"' and _SURROGATE.search(text):  # only a \\u escape of a quoted scalar makes one
            half = ord(_SURROGATE.search(text).group())
            self.invalid.append((where, f"{shown(text)} holds \\u{half:04x}, half of a UTF-16 pair and not a "
                                        "character; write the character itself, or its \\U escape"))
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolve(text, self.version) if event.implicit[0] else CORE + "str"
        elif not self._tag_allowed(tag, where, "scalar"):
            tag = CORE + "str"
        if tag == CORE + "str":
            value: Any = text
        elif tag == CORE + "merge" and self._expects_key():
            value = _MERGE
        else:
            try:
                value = _construct(tag, text, self.version)
            except (ValueError, OverflowError) as e:
                self.invalid.append((where, f"{shown(text)} is not a valid {_short_tag(tag)} ({e}); "
                                            "fix it, or quote it to make it text"))
                value = text
        self.distinct += 1
        if event.anchor is not None:  # an alias of a `<<` key is the text `<<`: only a key written so merges
            self._anchor(_Anchor(event.anchor, text if value is _MERGE else value, where, event.start_mark.index))
        self._add(value, where, 1, text)

    def _start(self, event: MappingStartEvent | SequenceStartEvent) -> None:
        where = _where(event)
        if len(self.stack) >= MAX_NESTING:
            self._check_depth(where)
        is_map = event.__class__ is MappingStartEvent
        if event.tag is not None and event.tag != "!":
            self._tag_allowed(event.tag, where, "mapping" if is_map else "sequence")
        value = Mapping(where) if is_map else Sequence(where)
        anchor = None
        if event.anchor is not None:
            anchor = self._anchor(_Anchor(event.anchor, value, where, event.start_mark.index))
            anchor.open = True  # an alias to it before its end would make it hold itself
        self.distinct += 1
        self.stack.append(_Open(value, anchor))

    def _end(self, event: MappingEndEvent | SequenceEndEvent) -> None:
        done = self.stack.pop()
        if done.merges:
            self._merge(done)
        if done.anchor is not None:
            done.anchor.open = False
            done.anchor.size = done.size
        self._add(done.value, done.value.where, done.size, None)

    def _alias(self, event: AliasEvent) -> None:
        where = _where(event)
        anchor = self.anchors.get(event.anchor)
        if anchor is None:
            raise _Stop([(where, f"YAML syntax error: found undefined alias {event.anchor!r}; fix the YAML near here")])
        if anchor.open:
            raise _Stop([*self.refused, (anchor.where, "an alias refers to the collection that holds it; "
                                                       "write the values out")])
        anchor.uses += 1
        self.aliased += anchor.size
        self._add(anchor.value, where, anchor.size, None)  # the same object: counted, never copied

    def _expects_key(self) -> bool:
        return bool(self.stack) and self.stack[-1].key is _NO_KEY and isinstance(self.stack[-1].value, dict)

    def _check_depth(self, where: tuple[int, int]) -> None:
        """Refuse a value below MAX_NESTING collections (a key is not a level of its own: its value is)."""
        if len(self.stack) >= MAX_NESTING and not self._expects_key():
            raise _Stop([(where, f"nesting is deeper than {MAX_NESTING} levels; flatten it")])

    def _add(self, value: Any, where: tuple[int, int], size: int, text: str | None) -> None:
        """Put a finished value where it belongs: the document, a sequence item, a mapping key or value."""
        if not self.stack:
            self.root = (value,)
            return
        top = self.stack[-1]
        top.size += size
        container = top.value
        if isinstance(container, list):
            container.append(value)
            container.at.append(where)
        elif top.key is _NO_KEY:
            top.key, top.key_at = value, where
            top.key_text = text if text is not None else value if isinstance(value, str) else ""
        else:
            key, key_at = top.key, top.key_at
            top.key = _NO_KEY
            if key is _MERGE:
                if top.merges:
                    self.invalid.append((key_at, 'YAML syntax error: found duplicate merge key "<<"; '
                                                 "keep one of them"))
                top.merges.append((value, where))
            elif isinstance(key, list | dict):
                what = "a mapping" if isinstance(key, dict) else "a list"
                self.invalid.append((key_at, f"{what} cannot be a key; write a plain word before the colon"))
            elif key in container:
                self.invalid.append((key_at, f'YAML syntax error: found duplicate key "{_brief(key)}" with value '
                                             f'"{_brief(value)}" (original value: "{_brief(container[key])}"); '
                                             "keep one of them"))
            else:
                container[key] = value
                container.at[key] = (*key_at, *where)

    def _merge(self, done: _Open) -> None:
        """`<<: *base` (or a list of them): the keys of each mapping that the mapping lacks, the first one first."""
        if self.aliased > MAX_ALIASED_VALUES:  # the file is refused: copying keys could take time squared
            return
        mapping = done.value
        for value, where in done.merges:
            sources = [(value, where)]
            if isinstance(value, list):
                sources = list(zip(value, value.at, strict=True))
            elif not isinstance(value, dict):
                self.invalid.append((where, "YAML syntax error: expected a mapping or list of mappings for merging, "
                                            f"but found {_kind(value)}; fix the YAML near here"))
                continue
            for source, at in sources:
                if not isinstance(source, dict):
                    self.invalid.append((at, "YAML syntax error: expected a mapping for merging, but found "
                                             f"{_kind(source)}; fix the YAML near here"))
                    continue
                for key, item in source.items():
                    if key not in mapping:
                        mapping[key] = item
                        mapping.at[key] = source.at[key]

    def _tag_allowed(self, tag: str, where: tuple[int, int], kind: str) -> bool:
        if tag not in ALLOWED_TAGS:
            top = self.stack[-1] if self.stack else None
            name = top.key_text if top is not None and top.key is not _NO_KEY else ""
            prefix = f"{name}: " if name and len(name) <= 30 else ""
            self.refused.append((where, f"{prefix}YAML tag {_short_tag(tag)} is not allowed; remove it"))
            return False
        expected = {CORE + "map": "mapping", CORE + "seq": "sequence"}.get(tag)
        if expected and expected != kind:
            self.invalid.append((where, f"YAML syntax error: expected a {expected} node, but found {kind}; "
                                        "fix the YAML near here"))
        return True

    def _anchor(self, anchor: _Anchor) -> _Anchor:
        self.anchors[anchor.name] = anchor
        self.anchored.append(anchor)
        return anchor

    def _check_aliases(self) -> None:
        """Refuse a file whose aliases stand for more than MAX_ALIASED_VALUES values beyond those written out."""
        if self.aliased <= MAX_ALIASED_VALUES:
            return
        total = self.distinct + self.aliased
        shared = [a for a in self.anchored if a.uses > 1]
        worst = max(shared, key=lambda a: (a.size * (a.uses - 1), -a.index))
        self.refused.append((worst.where, f"aliases of &{worst.name} expand this file to {total:,} values (at most "
                                          f"{MAX_ALIASED_VALUES:,} may come from aliases: a 'billion laughs' file?); "
                                          "write the values out"))


def _where(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


_MERGE = object()  # the `<<` key of a mapping, until the mapping ends


def _brief(value: Any, limit: int = 60) -> str:
    """str(value) cut to `limit` characters, built piece by piece: an aliased structure (a billion laughs) is never
    expanded beyond what is shown."""
    text = ""
    for piece in _pieces(value, top=True):
        text += piece
        if len(text) > limit:
            return text[: limit - 1] + "…"
    return text


def _pieces(value: Any, top: bool = False) -> Iterator[str]:
    """The text of str(value), lazily (nesting is bounded by MAX_NESTING)."""
    if isinstance(value, dict):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield ", " if i else ""
            yield from _pieces(key)
            yield ": "
            yield from _pieces(item)
        yield "}"
    elif isinstance(value, list):
        yield "["
        for i, item in enumerate(value):
            yield ", " if i else ""
            yield from _pieces(item)
        yield "]"
    else:
        yield str(value) if top else repr(value)


def _read(text: str, loader_class: Any) -> tuple[Any, list[tuple[tuple[int, int], str]]]:
    show = None
    if any(c in text for c in BREAKS_1_1):
        used = set(text)
        private = itertools.chain(range(0xE000, 0xF900), range(0xF0000, 0xFFFFE))
        spare = list(itertools.islice((chr(c) for c in private if chr(c) not in used), len(BREAKS_1_1)))
        if len(spare) == len(BREAKS_1_1):  # else the file holds every private character: its breaks stay breaks
            show = {ord(s): b for s, b in zip(spare, BREAKS_1_1, strict=True)}
            text = text.translate({ord(b): s for s, b in zip(spare, BREAKS_1_1, strict=True)})
    builder = _Builder(show)
    loader = loader_class(text)
    try:
        doc = builder.read(loader)
    except _Stop as e:
        return None, e.args[0]
    except yaml.MarkedYAMLError as e:
        if show is not None:  # a message may quote a swapped character
            e.problem, e.context = (None if m is None else m.translate(show) for m in (e.problem, e.context))
        raise
    finally:
        loader.dispose()
    problems = builder.refused or builder.invalid
    return (None if problems else doc), problems


def load_yaml(text: str, path: str) -> tuple[Any, list[InputError]]:
    """The document of `text` (Mapping, Sequence and plain values, with line numbers), or the problems that stop
    reading it.

    Never raises for any text: a parser failure of any kind is reported as a problem of the file.
    """
    bad = NOT_PRINTABLE.search(text)
    if bad:
        line, col = position(text, bad.start())
        return None, [InputError(Location(path, line, col), f"character U+{ord(bad.group()):04X} is not allowed in "
                                                            "YAML; remove it")]
    # libyaml takes tabs (and a BOM) in places where the pure-Python parser, as the reader before it, refuses them:
    # such rare files are read by the pure-Python parser, so a file means the same with or without libyaml.
    fast = FAST_LOADER if "\t" not in text and "\ufeff" not in text else None
    try:
        try:
            doc, problems = _read(text, fast or yaml.SafeLoader)
        except yaml.YAMLError:
            if fast is None:
                raise
            doc, problems = _read(text, yaml.SafeLoader)  # libyaml refused it: the pure-Python parser says why
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = Location(path, 1, 1) if mark is None else Location(path, mark.line + 1, mark.column + 1)
        problem = " ".join((e.problem or e.context or "invalid YAML").split())
        return None, [InputError(where, f"YAML syntax error: {problem}; fix the YAML near here")]
    except Exception as e:  # a parser may fail on odd input with any exception: that is still bad input
        detail = shown(" ".join(str(e).split()), 80)
        message = f"YAML that the reader cannot handle ({type(e).__name__}: {detail}); simplify it"
        return None, [InputError(Location(path, 1, 1), message)]
    return doc, [InputError(Location(path, *where), message) for where, message in problems]
