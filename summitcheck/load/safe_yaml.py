"""YAML read safely and at a bounded cost, with every problem at its `path:line:col`.

ruamel.yaml's round-trip loader keeps line numbers and never builds arbitrary Python objects, but on its own it
  - takes time quadratic in the depth of `[[[[...` (the scanner rescans every open flow level for each token);
  - builds an alias bomb ("billion laughs") as a small graph of shared nodes, which anything walking the data
    then expands to billions of values;
  - turns any tag (`!!python/object/apply:os.system`) into a tagged value that only fails later, far from its line;
  - lets a few inputs escape as other exceptions than YAMLError.
So nesting is capped while scanning (flow) and composing (block), the composed node graph is checked for foreign
tags, cycles and alias expansion before anything is constructed, and every failure becomes an InputError.
"""

from __future__ import annotations

import warnings
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scanner import RoundTripScanner

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


class _Refused(YAMLError):
    """Problems found in the node graph, before anything is built from it."""

    def __init__(self, problems: list[tuple[Any, str]]) -> None:
        super().__init__(problems[0][1])
        self.problems = problems


class _TooDeep(MarkedYAMLError):
    """Nesting beyond MAX_NESTING (our own check: YAML().max_depth exists only from ruamel.yaml 0.19.1 on)."""


def _too_deep(mark: Any) -> _TooDeep:
    return _TooDeep(None, None, f"nesting is deeper than {MAX_NESTING} levels", mark)


class _Scanner(RoundTripScanner):
    def fetch_flow_collection_start(self, *args: Any, **kwargs: Any) -> None:
        # Refused here, while cheap: the scanner's work per token grows with the number of open `[` and `{`.
        if self.flow_level >= MAX_NESTING:
            raise _too_deep(self.reader.get_mark())
        super().fetch_flow_collection_start(*args, **kwargs)


class _Composer(Composer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.warn_double_anchors = False  # YAML allows an anchor to be redefined; a warning would garble stderr
        self._nesting = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        # Refused before the recursion goes deeper: block nesting (`- - - - x`) costs a frame per level.
        self._nesting += 1
        try:
            if self._nesting > MAX_NESTING:
                raise _too_deep(self.parser.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._nesting -= 1

    def get_single_node(self) -> Any:
        node = super().get_single_node()
        if node is not None:
            problems = _inspect(node)
            if problems:
                raise _Refused(problems)
        return node


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.Scanner = _Scanner
    yaml.Composer = _Composer
    return yaml


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _inspect(root: Node) -> list[tuple[Any, str]]:
    """Foreign tags, alias cycles and alias bombs, in one walk over the distinct nodes (never the expansion)."""
    problems: list[tuple[Any, str]] = []
    size: dict[int, int] = {}  # node id -> values it stands for, aliases expanded
    uses: dict[int, int] = {}  # node id -> how often it is referred to
    by_id: dict[int, Node] = {}
    open_: set[int] = set()  # the nodes on the path from the root
    stack: list[tuple[Node, bool, str]] = [(root, False, "")]  # node, children done, the key it is the value of
    while stack:
        node, done, key_name = stack.pop()
        key = id(node)
        if done:
            open_.discard(key)
            size[key] = 1 + sum(size.get(id(c), 1) for c in _children(node))
            continue
        uses[key] = uses.get(key, 0) + 1
        if key in size:
            continue
        if key in open_:
            problems.append((node.start_mark, "an alias refers to the collection that holds it; write the values out"))
            return problems
        by_id[key] = node
        tag = str(getattr(node.tag, "value", node.tag))  # a str in ruamel.yaml 0.19, a Tag object in some versions
        if tag not in ALLOWED_TAGS:
            where = f"{key_name}: " if key_name else ""
            problems.append((node.start_mark, f"{where}YAML tag {_short_tag(tag)} is not allowed; remove it"))
        open_.add(key)
        stack.append((node, True, key_name))
        if isinstance(node, MappingNode):
            for k, v in reversed(node.value):
                name = k.value if isinstance(k.value, str) and len(k.value) <= 30 else ""
                stack += [(v, False, name), (k, False, "")]
        else:
            stack += [(c, False, "") for c in reversed(_children(node))]
    extra = size[id(root)] - len(size)
    if extra > MAX_ALIASED_VALUES:
        shared = [k for k, n in uses.items() if n > 1]
        worst = by_id[max(shared, key=lambda k: (size[k] * (uses[k] - 1), -by_id[k].start_mark.index))]
        anchor = f"&{worst.anchor} " if getattr(worst, "anchor", None) else ""
        problems.append(
            (
                worst.start_mark,
                f"aliases of {anchor}expand this file to {size[id(root)]:,} values (at most {MAX_ALIASED_VALUES:,} "
                "may come from aliases: a 'billion laughs' file?); write the values out",
            )
        )
    return problems


def _at(path: str, mark: Any) -> Location:
    if mark is None:
        return Location(path, 1, 1)
    return Location(path, mark.line + 1, mark.column + 1)


def load_yaml(text: str, path: str) -> tuple[Any, list[InputError]]:
    """The document of `text` (ruamel round-trip types, with line numbers), or the problems that stop reading it.

    Never raises for any text: a parser failure of any kind is reported as a problem of the file.
    """
    try:
        with warnings.catch_warnings():  # ruamel.yaml warns on some odd input; our problems are errors or nothing
            warnings.simplefilter("ignore")
            return _yaml().load(text), []
    except _Refused as e:
        return None, [InputError(_at(path, mark), message) for mark, message in e.problems]
    except _TooDeep as e:
        return None, [InputError(_at(path, e.problem_mark), f"nesting is deeper than {MAX_NESTING} levels; flatten it")]
    except DuplicateKeyError as e:
        problem = " ".join(str(e.problem).split())
        return None, [InputError(_at(path, e.problem_mark), f"YAML syntax error: {problem}; keep one of them")]
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = " ".join((e.problem or e.context or "invalid YAML").split())
        if problem.startswith("but ") and e.context:  # "expected a single document ... but found another document"
            problem = f"{' '.join(e.context.split())} {problem}"
        return None, [InputError(_at(path, mark), f"YAML syntax error: {problem}; fix the YAML near here")]
    except ReaderError as e:
        line, col = position(text, e.position) if isinstance(e.position, int) else (1, 1)
        what = f"character U+{e.character:04X}" if isinstance(e.character, int) else "a character"
        return None, [InputError(Location(path, line, col), f"{what} is not allowed in YAML; remove it")]
    except RecursionError:
        return None, [InputError(Location(path, 1, 1), "nesting is too deep to read; flatten it")]
    except Exception as e:  # ruamel.yaml may fail on odd input with any exception: that is still bad input
        detail = shown(" ".join(str(e).split()), 80)
        message = f"YAML that the reader cannot handle ({type(e).__name__}: {detail}); simplify it"
        return None, [InputError(Location(path, 1, 1), message)]
