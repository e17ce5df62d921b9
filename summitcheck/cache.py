"""An on-disk cache of expensive, pure results (the indexed knowledge tables, seed and claim analyses).

Entries are pickles named by a hash of everything they depend on, the summitcheck version included, so a stale
entry is never read: it is simply never asked for again. Writes go to a temporary file renamed into place, so two
runs sharing the folder (or the processes of one run) never see half an entry; the last writer of the same name
wins, with the same content. Any cache failure (unreadable, corrupt, full or read-only disk) falls back to
computing the value.

The folder is the user's cache folder (platformdirs: ~/.cache/summitcheck on Linux), or SUMMITCHECK_CACHE_DIR.
SUMMITCHECK_NO_CACHE=1 or `--no-cache` turn it off; deleting the folder is always safe. It is kept under 2 GiB
(SUMMITCHECK_CACHE_MAX_MB) by deleting the least recently used entries.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import math
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from . import __version__

T = TypeVar("T")
ENV_DIR = "SUMMITCHECK_CACHE_DIR"
ENV_OFF = "SUMMITCHECK_NO_CACHE"
ENV_MAX_MB = "SUMMITCHECK_CACHE_MAX_MB"
DEFAULT_MAX_BYTES = 2 << 30
MAX_MB = 1 << 30  # a petabyte: beyond it a setting is a typo
TOUCH_AFTER = 86400.0  # seconds: a hit older than a day marks its entry as used (one utime a day at most)
STALE_TEMPORARY = 3600.0  # seconds: a temporary file this old belongs to a run that was killed
MISSING: Any = object()  # what load() returns for an entry that is absent or unreadable

_enabled = os.environ.get(ENV_OFF, "") in ("", "0")
_pruned = False  # prune() runs once per process, after its first store


def set_enabled(enabled: bool) -> None:
    """Turn the cache off (or on) for this process (--no-cache)."""
    global _enabled
    _enabled = enabled


def enabled() -> bool:
    return _enabled


def directory() -> Path:
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    return _user_directory()


@functools.cache
def _user_directory() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("summitcheck"))


def key(kind: str, parts: Iterable[bytes | str]) -> str:
    digest = hashlib.sha256(f"{kind}\0{__version__}\0".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return f"{kind}-{digest.hexdigest()[:32]}"


def load(name: str) -> Any:
    """The value stored under `name` (from key()), or MISSING when it is absent, unreadable, or not of the type its
    kind stores (another program's file, a truncated or tampered entry): a run never fails on its cache."""
    if not _enabled:
        return MISSING
    path = directory() / f"{name}.pickle"
    try:
        with path.open("rb") as f:
            value = pickle.load(f)
            if not _expected(name, value):
                return MISSING
            if time.time() - os.fstat(f.fileno()).st_mtime > TOUCH_AFTER:
                os.utime(path)  # in use: the last entries prune() removes are the ones read lately
            return value
    except Exception:  # absent, unreadable or corrupt: computed again, never a failed run
        return MISSING


# ---------------------------------------------------------------------------------------------------------------
# What each kind of entry holds (the kind is the name's prefix, before its version digits and hash). A check is
# cheap beside the unpickling it follows, and catches what would otherwise fail later, far from the cache.


def _is_knowledge(value: Any) -> bool:
    from .analyse.knowledge import Knowledge

    return isinstance(value, Knowledge)


def _is_seed_analysis(value: Any) -> bool:
    from .index import is_analysed

    return is_analysed(value)


def _is_facts(value: Any) -> bool:
    from .model import Fact, Kind

    return isinstance(value, list) and all(
        isinstance(f, Fact) and isinstance(f.kind, Kind) and type(f.start) is int and type(f.end) is int
        and isinstance(f.text, str) for f in value)


def _is_claim_facts(value: Any) -> bool:
    return isinstance(value, list) and all(_is_facts(facts) for facts in value)


def _is_results(value: Any) -> bool:
    from .model import Claim, Evidence, Result, Sentence, Verdict

    def result(r: Any) -> bool:
        return (isinstance(r, Result) and isinstance(r.claim, Claim) and isinstance(r.verdict, Verdict)
                and isinstance(r.reason, str) and (r.seed is None or isinstance(r.seed, str))
                and (r.sentence is None or isinstance(r.sentence, Sentence))
                and isinstance(r.evidence, tuple) and all(isinstance(e, Evidence) for e in r.evidence)
                and isinstance(r.facts, tuple) and _is_facts(list(r.facts)))

    return isinstance(value, list) and all(result(r) for r in value)


def _is_language_identifier(value: Any) -> bool:
    # by name: importing py3langid's class to compare with would import numpy, which the cache is there to spare
    return type(value).__name__ == "LanguageIdentifier" and callable(getattr(value, "classify", None))


CHECKS: dict[str, Callable[[Any], bool]] = {
    "knowledge": _is_knowledge,
    "langid": _is_language_identifier,
    "seed": _is_seed_analysis,
    "claims": _is_claim_facts,
    "results": _is_results,
}


def _expected(name: str, value: Any) -> bool:
    kind = name.split("-", 1)[0].rstrip("0123456789")
    check = CHECKS.get(kind)
    return check(value) if check is not None else value is not None


def has(name: str) -> bool:
    """Whether an entry is stored under `name` (it may still be unreadable: load() says)."""
    return _enabled and (directory() / f"{name}.pickle").is_file()


def store(name: str, value: Any) -> None:
    """Store `value` under `name`, atomically; a failure costs speed, never a result."""
    if not _enabled:
        return
    folder = directory()
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{name}.pickle")
        tmp = None
    except Exception:  # a read-only or full disk, a value that cannot be pickled
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    _prune_once(folder)


class SettingError(ValueError):
    """An environment setting out of range: one line for the user (exit 2)."""


def max_bytes() -> int:
    """SUMMITCHECK_CACHE_MAX_MB in bytes (default 2 GiB); SettingError when it is not a size."""
    text = os.environ.get(ENV_MAX_MB, "").strip()
    if not text:
        return DEFAULT_MAX_BYTES
    try:
        megabytes = float(text)
    except ValueError:
        megabytes = math.nan
    if not math.isfinite(megabytes) or megabytes < 0 or megabytes > MAX_MB:
        raise SettingError(f"{ENV_MAX_MB}={text[:40]!r} is not a size in megabytes; give a number from 0 to "
                           f"{MAX_MB:,} (0 keeps nothing), or unset it for the default of 2,048")
    return int(megabytes * 1024 * 1024)


def check_settings() -> None:
    """Every environment setting of the cache, checked once at start-up (SettingError), not deep inside a run."""
    max_bytes()


def _prune_once(folder: Path) -> None:
    global _pruned
    if not _pruned:
        _pruned = True
        try:
            prune(folder)
        except SettingError:  # the CLI refuses it at start-up (check_settings); a library caller keeps the default
            prune(folder, DEFAULT_MAX_BYTES)


def prune(folder: Path | None = None, limit: int | None = None) -> int:
    """Delete the least recently used entries while the folder holds more than `limit` bytes (default
    SUMMITCHECK_CACHE_MAX_MB, else 2 GiB), and temporary files a killed run left behind; returns the bytes freed.
    Every code change makes new entries and leaves the old ones unread: this keeps them from piling up. Safe while
    another run uses the folder: an entry deleted under it is computed again."""
    folder = folder or directory()
    if limit is None:
        limit = max_bytes()
    entries = []
    freed = 0
    now = time.time()
    try:
        with os.scandir(folder) as found:
            for entry in found:
                if not entry.name.endswith(".pickle"):
                    continue
                with contextlib.suppress(OSError):
                    stat = entry.stat()
                    if entry.name.startswith(".tmp-"):
                        if now - stat.st_mtime > STALE_TEMPORARY:
                            os.unlink(entry.path)
                            freed += stat.st_size
                        continue
                    entries.append((stat.st_mtime, stat.st_size, entry.path))
    except OSError:
        return freed
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= limit:
            break
        with contextlib.suppress(OSError):
            os.unlink(path)
            total -= size
            freed += size
    return freed


def cached(name: str, compute: Callable[[], T]) -> T:
    """The cached value named `name` (from key()), computing and storing it when absent or unreadable."""
    if not _enabled:
        return compute()
    value = load(name)
    if value is MISSING:
        value = compute()
        store(name, value)
    return value
