"""An on-disk cache of expensive, pure results (the indexed knowledge tables, seed analyses).

Entries are pickles named by a hash of everything they depend on, the summitcheck version included, so a stale
entry is never read: it is simply never asked for again. Writes go to a temporary file renamed into place, so two
runs sharing the folder never see half an entry. Any cache failure falls back to computing the value.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from . import __version__

T = TypeVar("T")
ENV_DIR = "SUMMITCHECK_CACHE_DIR"
ENV_OFF = "SUMMITCHECK_NO_CACHE"

_enabled = os.environ.get(ENV_OFF, "") in ("", "0")


def set_enabled(enabled: bool) -> None:
    """Turn the cache off for this process (--no-cache)."""
    global _enabled
    _enabled = enabled


def enabled() -> bool:
    return _enabled


def directory() -> Path:
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    import platformdirs

    return Path(platformdirs.user_cache_dir("summitcheck"))


def key(kind: str, parts: Iterable[bytes | str]) -> str:
    digest = hashlib.sha256(f"{kind}\0{__version__}\0".encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return f"{kind}-{digest.hexdigest()[:32]}"


def cached(name: str, compute: Callable[[], T]) -> T:
    """The cached value named `name` (from key()), computing and storing it when absent or unreadable."""
    if not _enabled:
        return compute()
    path = directory() / f"{name}.pickle"
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    value = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only or full disk costs speed, never a result
    return value
