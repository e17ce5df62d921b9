"""Configuration: `[tool.summitcheck]` in pyproject.toml, or the top level of a summitcheck.toml.

The file is looked for in the working folder and then in each parent (a summitcheck.toml wins over a pyproject.toml
in the same folder; a pyproject.toml without a [tool.summitcheck] table is skipped), or named with `--config`.
Paths in it are relative to the folder that holds it. Command-line flags override it. An unknown key, a value of the
wrong type or a file that does not exist is an input error at `file:line:col` of the key.

    [tool.summitcheck]
    claims = ["claims"]                        # claim files or folders
    seeds = "seeds"                            # the seed folder
    languages = "auto"                         # or "fr", "en", or a table: {000_f05eb49b0d101e5b = "fr"}
    tolerance = 0.10                           # how far "about N" may stray, as a fraction of N
    fail-on = ["contradicted", "unsupported"]  # verdicts that fail the run ([] or ["none"]: report only)
    baseline = "summitcheck-baseline.json"     # known failures that do not fail the run
    glossary = ["terms.yaml"]                  # extra concepts, the shape of summitcheck/data/lexicon.yaml
    aliases = ["names.yaml"]                   # extra entities, the shape of summitcheck/data/entities.yaml
    format = "table"                           # the default output format
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, InputErrors
from .model import Location, Verdict

CONFIG_NAME = "summitcheck.toml"
PYPROJECT = "pyproject.toml"
LANGUAGES = ("fr", "en")
KEYS = ("claims", "seeds", "languages", "tolerance", "fail-on", "baseline", "glossary", "aliases", "format")


def _toml():  # -> the tomllib module, or tomli on Python 3.10, or None
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib
        except ModuleNotFoundError:
            return None
    return tomllib


@dataclass(frozen=True)
class Config:
    """Settings read from a file; None (or empty) where the file says nothing."""

    path: Path | None = None
    claims: tuple[Path, ...] = ()
    seeds: Path | None = None
    languages: str | dict[str, str] | None = None
    tolerance: float | None = None
    fail_on: frozenset[Verdict] | None = None
    baseline: Path | None = None
    glossary: tuple[Path, ...] = ()
    aliases: tuple[Path, ...] = ()
    format: str | None = None
    locations: dict[str, Location] = field(default_factory=dict)

    def where(self, key: str) -> Location:
        """Where a key is written, for messages about its value found later (an unknown seed, say)."""
        return self.locations.get(key, Location(str(self.path) if self.path else "<config>", 1, 1))


def find_config(start: Path | None = None) -> Path | None:
    """The nearest summitcheck.toml, or pyproject.toml with a [tool.summitcheck] table, from `start` upwards."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAME
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return bool(re.search(r"^\s*\[\s*tool\s*\.\s*summitcheck\s*[\].]", text, re.MULTILINE)) or bool(
        re.search(r"^\s*tool\s*\.\s*summitcheck\s*[.=]", text, re.MULTILINE)
    )


def load_config(path: Path | None = None, *, search: bool = True, formats: list[str] | None = None) -> Config:
    """Read the named file, else the nearest one (when `search`); an empty Config when there is none."""
    if path is None:
        path = find_config() if search else None
        if path is None:
            return Config()
    return parse_config(path, formats=formats)


def parse_config(path: Path, formats: list[str] | None = None) -> Config:
    shown = _shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputErrors([InputError(Location(shown), "config file does not exist")]) from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputErrors([InputError(Location(shown), f"cannot read config file: {e}")]) from None
    toml = _toml()
    if toml is None:
        raise InputErrors([InputError(Location(shown), "reading TOML on Python 3.10 needs `pip install tomli`")])
    try:
        doc = toml.loads(text)
    except toml.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        if m:
            where = Location(shown, int(m.group(1)), int(m.group(2)))
        elif "end of document" in str(e):
            where = Location(shown, text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1)
        else:
            where = Location(shown, 1, 1)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(e)) or "invalid TOML"
        raise InputErrors([InputError(where, f"TOML syntax error: {message}")]) from None

    in_pyproject = path.name == PYPROJECT
    if in_pyproject:
        table = doc.get("tool", {}).get("summitcheck")
        if table is None:
            return Config(path=path)
        prefix: tuple[str, ...] = ("tool", "summitcheck")
    else:
        table, prefix = doc, ()
    finder = _KeyFinder(text, shown, prefix)
    if not isinstance(table, dict):
        raise InputErrors([InputError(finder.table_location(), "[tool.summitcheck] must be a table")])
    return _build(path, table, finder, formats)


def _build(path: Path, table: dict[str, Any], finder: _KeyFinder, formats: list[str] | None) -> Config:
    base = path.resolve().parent
    errors: list[InputError] = []
    values: dict[str, Any] = {}
    locations = {key: finder.location(key) for key in table}

    def fail(key: str, message: str) -> None:
        errors.append(InputError(locations[key], message))

    for key, value in table.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(KEYS)}"
            fail(key, f"unknown key {key!r}{hint}")
            continue
        try:
            values[key] = _value(key, value, base, formats)
        except ValueError as e:
            fail(key, f"{key}: {e}")
    if errors:
        raise InputErrors(errors)
    return Config(
        path=path,
        claims=values.get("claims", ()),
        seeds=values.get("seeds"),
        languages=values.get("languages"),
        tolerance=values.get("tolerance"),
        fail_on=values.get("fail-on"),
        baseline=values.get("baseline"),
        glossary=values.get("glossary", ()),
        aliases=values.get("aliases", ()),
        format=values.get("format"),
        locations=locations,
    )


def _value(key: str, value: Any, base: Path, formats: list[str] | None) -> Any:
    """A key's value checked and converted; ValueError with a message a person can act on."""
    if key == "claims":
        return tuple(_path(p, base) for p in _strings(value, "a path or a list of paths"))
    if key == "seeds":
        if not isinstance(value, str) or not value:
            raise ValueError(f"must be a folder path (a string), not {_type(value)}")
        return _path(value, base)
    if key in ("glossary", "aliases"):
        paths = tuple(_path(p, base) for p in _strings(value, "a file or a list of files"))
        for p in paths:
            if not p.is_file():
                raise ValueError(f"file {str(p)!r} does not exist")
        return paths
    if key == "baseline":
        if not isinstance(value, str) or not value:
            raise ValueError(f"must be a file path (a string), not {_type(value)}")
        return _path(value, base)
    if key == "tolerance":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1:
            raise ValueError(f"must be a number from 0 to 1 (0.1 = 10%), not {value!r}")
        return float(value)
    if key == "fail-on":
        from .policy import parse_fail_on

        names = _strings(value, "a list of verdicts")
        return parse_fail_on(names or ["none"])
    if key == "languages":
        if isinstance(value, str):
            return check_language(value)
        if isinstance(value, dict):
            return {str(seed): check_language(lang, str(seed)) for seed, lang in value.items()}
        raise ValueError(f'must be "auto", a language ({", ".join(LANGUAGES)}) or a table of seed = language, '
                         f"not {_type(value)}")
    if key == "format":
        if not isinstance(value, str) or (formats is not None and value not in formats):
            raise ValueError(f"must be one of {', '.join(formats or [])}, not {value!r}")
        return value
    raise ValueError("unknown key")  # pragma: no cover - KEYS and this function list the same keys


def check_language(value: Any, what: str = "") -> str:
    if not isinstance(value, str) or value not in ("auto", *LANGUAGES):
        prefix = f"{what}: " if what else ""
        raise ValueError(f"{prefix}{value!r} is not a language summitcheck reads: auto, {', '.join(LANGUAGES)}")
    return value


def _strings(value: Any, what: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ValueError(f"must be {what}, not {_type(value)}")


def _type(value: Any) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def _path(value: str, base: Path) -> Path:
    """A path from the config file, relative to its folder; shown relative to the working folder when below it."""
    p = Path(value).expanduser()
    if not p.is_absolute():
        p = base / p
    return Path(_shown(p))


def _shown(path: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        rel = absolute.relative_to(Path.cwd())
    except ValueError:
        return str(path)
    return str(rel) if str(rel) != "." else "."


def _key_pattern(key: str) -> str:
    """A TOML key written bare, "quoted" or 'quoted'."""
    k = re.escape(key)
    return rf"""(?:"{k}"|'{k}'|{k})"""


class _KeyFinder:
    """Line and column of a key of the summitcheck table, found in the file's text (tomllib keeps no positions)."""

    def __init__(self, text: str, path: str, prefix: tuple[str, ...]) -> None:
        self.lines = text.splitlines()
        self.path = path
        self.prefix = prefix

    def table_location(self) -> Location:
        header = self._header(self.prefix)
        return Location(self.path, header + 1 if header is not None else 1, 1)

    def location(self, key: str) -> Location:
        name = _key_pattern(key)
        dotted = r"\s*\.\s*".join(re.escape(p) for p in self.prefix)
        # 1. `key = ...` inside the table's own section.
        start = self._header(self.prefix)
        begin = start + 1 if start is not None else 0
        if start is not None or not self.prefix:
            for i in range(begin, len(self.lines)):
                line = self.lines[i]
                if re.match(r"\s*\[", line):
                    break
                m = re.match(rf"(\s*){name}\s*[=.]", line)
                if m:
                    return Location(self.path, i + 1, len(m.group(1)) + 1)
        # 2. a sub-table header [tool.summitcheck.key] or [key].
        sub = self._header((*self.prefix, key))
        if sub is not None:
            return Location(self.path, sub + 1, self.lines[sub].index("[") + 1)
        # 3. a dotted key at the top: tool.summitcheck.key = ...
        if self.prefix:
            for i, line in enumerate(self.lines):
                m = re.match(rf"(\s*){dotted}\s*\.\s*{name}\s*=", line)
                if m:
                    return Location(self.path, i + 1, len(m.group(1)) + 1)
        return self.table_location()

    def _header(self, parts: tuple[str, ...]) -> int | None:
        if not parts:
            return None
        pattern = r"\s*\[\s*" + r"\s*\.\s*".join(_key_pattern(p) for p in parts) + r"\s*\]"
        for i, line in enumerate(self.lines):
            if re.match(pattern, line):
                return i
        return None


# ---------------------------------------------------------------------------------------------------------------
# Glossary and alias files: the shape of summitcheck/data/lexicon.yaml and entities.yaml, checked before use so a
# typo is an input error at its line, not a crash inside the analysers.

LIST_KEYS = ("concepts", "entities")
STRING_LIST_FIELDS = ("en", "fr", "names", "short", "adjectives", "implied_by")


@functools.cache
def _bundled_item_keys() -> dict[str, set[str]]:
    """Item keys the bundled tables use, plus those the loader reads: what a user file may use too."""
    import yaml

    from .analyse.knowledge import DATA

    keys = {"concepts": {"id", "en", "fr", "implied_by"},
            "entities": {"id", "type", "names", "short", "adjectives", "titles", "metonym_for", "part_of"}}
    for name, section in (("lexicon.yaml", "concepts"), ("entities.yaml", "entities")):
        try:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            doc = yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=loader) or {}  # a safe loader
        except (OSError, yaml.YAMLError):
            continue
        for item in doc.get(section) or []:
            if isinstance(item, dict):
                keys[section] |= set(item)
    return keys


def check_knowledge_file(path: Path) -> list[InputError]:
    """Problems of one glossary or alias file, each at its line; an empty list when it is usable."""
    from .load.files import read_text
    from .load.safe_yaml import Mapping, Sequence, load_yaml

    shown = str(path)
    try:  # the same bounded, safe reading as claim files: no tags, no alias bombs, no deep nesting
        text = read_text(path, 4 * 1024 * 1024, "glossary or alias file")
    except InputError as e:
        return [e]
    doc, problems = load_yaml(text, shown)
    if problems:
        return problems

    def at(node: Mapping | Sequence, key: Any = None, index: int | None = None) -> Location:
        return Location(shown, *(node.at[key][:2] if key is not None else node.at[index]))

    if not isinstance(doc, Mapping) or not any(k in doc for k in LIST_KEYS):
        return [InputError(Location(shown, 1, 1), "expected `concepts:` (a glossary) or `entities:` (aliases) "
                                                  "with a list, as in summitcheck/data/lexicon.yaml and entities.yaml")]
    allowed = _bundled_item_keys()
    errors: list[InputError] = []
    for key in doc:
        if key not in LIST_KEYS:
            errors.append(InputError(at(doc, key), f"unknown key {key!r}; use concepts or entities"))
    for section in LIST_KEYS:
        if section not in doc:
            continue
        items = doc[section]
        if not isinstance(items, Sequence):
            errors.append(InputError(at(doc, section), f"{section} must be a list"))
            continue
        for i, item in enumerate(items):
            if not isinstance(item, Mapping):
                errors.append(InputError(at(items, index=i), f"{section}[{i}] must be a mapping with an id"))
                continue
            if not isinstance(item.get("id"), str | int) or item.get("id") in ("", None):
                errors.append(InputError(at(items, index=i), f"{section}[{i}] has no id"))
            for key, value in item.items():
                if key not in allowed[section]:
                    close = difflib.get_close_matches(str(key), sorted(allowed[section]), n=1) or [
                        k for k in sorted(allowed[section]) if str(key).startswith(k) or k.startswith(str(key))]
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                    errors.append(InputError(at(item, key), f"unknown key {key!r}{hint}"))
                elif key in STRING_LIST_FIELDS and not (
                    isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
                ):
                    errors.append(InputError(at(item, key), f"{key} must be a string or a list of strings"))
    return errors


# ---------------------------------------------------------------------------------------------------------------
# The effective options of a run: command-line flags over the config file over the defaults.

DEFAULT_CLAIMS = Path("claims")
DEFAULT_SEEDS = Path("seeds")
DEFAULT_FORMAT = "table"


@dataclass(frozen=True)
class Options:
    claims: tuple[Path, ...]
    seeds: Path
    language: str | None  # one declared language for every seed; None: detect
    seed_languages: dict[str, str]  # seed id -> declared language
    tolerance: float | None
    fail_on: frozenset[Verdict]
    baseline: Path | None
    knowledge_files: tuple[Path, ...]
    format: str
    config: Config


def resolve(
    config: Config,
    *,
    paths: list[Path] | None = None,
    seeds: Path | None = None,
    format: str | None = None,
    language: str | None = None,
    tolerance: float | None = None,
    fail_on: list[str] | None = None,
    baseline: Path | None = None,
    glossary: list[Path] | None = None,
    aliases: list[Path] | None = None,
) -> Options:
    """Merge flags (None: not given) over the config; raises InputErrors naming the flag or the config line."""
    from .policy import DEFAULT_FAIL_ON, parse_fail_on

    errors: list[InputError] = []
    chosen_fail_on = config.fail_on if config.fail_on is not None else DEFAULT_FAIL_ON
    if fail_on:
        try:
            chosen_fail_on = parse_fail_on(fail_on)
        except ValueError as e:
            errors.append(InputError(Location("--fail-on"), str(e)))
    if tolerance is not None and not 0 <= tolerance < 1:
        errors.append(InputError(Location("--tolerance"), f"must be from 0 to 1 (0.1 = 10%), not {tolerance}"))

    languages = config.languages
    if language is not None:
        try:
            languages = check_language(language)
        except ValueError as e:
            errors.append(InputError(Location("--language"), str(e)))
    single = languages if isinstance(languages, str) and languages != "auto" else None
    per_seed = {k: v for k, v in languages.items() if v != "auto"} if isinstance(languages, dict) else {}

    files = [*(glossary if glossary is not None else config.glossary),
             *(aliases if aliases is not None else config.aliases)]
    for file in files:
        if not Path(file).is_file():
            errors.append(InputError(Location(str(file)), "glossary or alias file does not exist"))
        else:
            errors += check_knowledge_file(Path(file))
    if errors:
        raise InputErrors(errors)
    return Options(
        claims=tuple(paths) if paths else (config.claims or (DEFAULT_CLAIMS,)),
        seeds=seeds or config.seeds or DEFAULT_SEEDS,
        language=single,
        seed_languages=per_seed,
        tolerance=tolerance if tolerance is not None else config.tolerance,
        fail_on=chosen_fail_on,
        baseline=baseline or config.baseline,
        knowledge_files=tuple(Path(f) for f in files),
        format=format or config.format or DEFAULT_FORMAT,
        config=config,
    )
