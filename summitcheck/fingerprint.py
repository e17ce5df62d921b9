"""Cache fingerprints: the names summitcheck.cache stores a seed's analysis, a claim file's analyses and a claim
file's results under.

Each name hashes everything its value depends on (the code, the knowledge tables, the settings, the input), so a
change to any of them misses the cache instead of reading a stale entry.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import sys
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import cache
from .analyse.knowledge import Knowledge, default_knowledge
from .index import FORMAT
from .match import Settings
from .model import Seed

# Everything an analysis depends on besides its input: the analysers and their tables, the types they produce,
# and the libraries they call (by the installed file, which an upgrade replaces).
CODE = ("analyse/*.py", "data/*.yaml", "data/*.json.gz", "model.py", "match.py", "index.py",
        "load/seeds.py")
LIBRARIES = ("dateparser", "babel", "text_to_num", "snowballstemmer", "Stemmer", "py3langid", "regex")
PACKAGE = Path(__file__).resolve().parent


@functools.cache
def code_fingerprint() -> str:
    digest = hashlib.sha256(f"python {sys.version_info[:2]}".encode())
    for pattern in CODE:
        for path in sorted(PACKAGE.glob(pattern)):
            digest.update(f"\0{path.relative_to(PACKAGE).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec else None
            stat = os.stat(origin) if origin else None
            digest.update(f"\0{name}={origin}:{stat.st_size if stat else 0}:{stat.st_mtime_ns if stat else 0}".encode())
        except (ImportError, OSError, ValueError):
            digest.update(f"\0{name}=?".encode())
    return digest.hexdigest()


@functools.cache
def results_fingerprint() -> str:
    """Every source file of the package: a result depends on the analysers, the matcher, the judge and its rules."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".yaml", ".yml", ".json", ".txt") and "__pycache__" not in path.parts:
            digest.update(f"\0{path.relative_to(PACKAGE).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


_fingerprints: dict[int, tuple[weakref.ref[Knowledge], str]] = {}


def knowledge_fingerprint(knowledge: Knowledge) -> str:
    """'default' for the bundled tables (their files are in code_fingerprint), else a hash of the tables' content
    that does not depend on the order of sets or on the process."""
    try:
        if default_knowledge.cache_info().currsize and knowledge is default_knowledge():
            return "default"
    except AttributeError:
        pass
    held = _fingerprints.get(id(knowledge))
    if held is None or held[0]() is not knowledge:
        held = (weakref.ref(knowledge), hashlib.sha256(stable(knowledge).encode()).hexdigest())
        _fingerprints[id(knowledge)] = held
    return held[1]


def stable(value: Any) -> str:
    """A text form of a value that is the same in every process (sets sorted, objects by their fields)."""
    if isinstance(value, dict):
        return "{" + ",".join(sorted(f"{stable(k)}:{stable(v)}" for k, v in value.items())) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(stable(v) for v in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(stable(v) for v in value) + "]"
    if isinstance(value, (str, int, float, bool, type(None))):
        return repr(value)
    fields = getattr(value, "__dict__", None)
    if fields is None and hasattr(value, "__slots__"):
        fields = {s: getattr(value, s, None) for s in value.__slots__}
    return f"{type(value).__name__}({stable(fields) if fields is not None else repr(value)})"


def seed_key(seed: Seed, knowledge: Knowledge) -> str:
    """The name of a seed's analysis (its index and pickled sentences, store.stored)."""
    spans = ",".join(f"{s.start}:{s.end}" for s in seed.sentences)
    parts = [code_fingerprint(), knowledge_fingerprint(knowledge), seed.language, repr(seed.date), spans, seed.text]
    return cache.key(f"seed{FORMAT}", parts)


def claims_key(pairs: Sequence[tuple[str, str]], knowledge: Knowledge) -> str:
    """The name of the analyses of one claim file's (text, seed language) pairs."""
    parts = [code_fingerprint(), knowledge_fingerprint(knowledge), *(f"{lang}\0{text}" for text, lang in pairs)]
    return cache.key(f"claims{FORMAT}", parts)


def results_key(claims: Sequence[str], knowledge: Knowledge, settings: Settings) -> str:
    """The name of one claim file's results; `claims`: each claim's seed, its seeds' keys and its text."""
    return cache.key(f"results{FORMAT}", [results_fingerprint(), knowledge_fingerprint(knowledge), repr(settings),
                                          *claims])
