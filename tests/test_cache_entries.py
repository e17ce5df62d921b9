"""The cache is never a reason for a run to fail: an entry of the wrong type is a miss, like an unreadable one, and
a setting out of range is a one-line error before anything runs."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLAIMS, SEEDS
from typer.testing import CliRunner

from summitcheck import cache
from summitcheck.cli import app
from summitcheck.model import Claim, Location, Result, Verdict

runner = CliRunner()
KINDS = ["knowledge", "langid", "seed", "claims", "results"]
BAD = {
    "a string": "oops",
    "None": None,
    "a list of numbers": [1, 2, 3],
    "a list of None": [None] * 40,
    "a dict": {"a": 1},
    "a verdict": Verdict.SUPPORTED,
    "a result with a string verdict": [Result(Claim("x", "y", Location("c.yaml", 1, 1)), "supported", "r", None)],
}


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A cache folder filled by one run of the bundled claims, and that run's JSON."""
    folder = tmp_path_factory.mktemp("filled-cache")
    done = fresh_process(folder)  # a fresh process: this one may hold the tables in memory, and not store them
    assert done.returncode == 0, done.stderr
    return folder, done.stdout


def fresh_process(folder: Path) -> subprocess.CompletedProcess:
    code = (f"import sys\nfrom summitcheck.cli import main\nsys.argv = ['summitcheck', 'verify', {str(CLAIMS)!r}, "
            f"'--seeds', {str(SEEDS)!r}, '-f', 'json']\nmain()\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, cache.ENV_DIR: str(folder)})


def test_a_run_fills_every_kind_of_entry(filled: tuple[Path, str]) -> None:
    folder, _ = filled
    kinds = {p.name.split("-", 1)[0].rstrip("0123456789") for p in folder.glob("*.pickle")}
    assert kinds == set(KINDS)
    assert set(cache.CHECKS) == set(KINDS), "each kind of entry has its check"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("bad", list(BAD), ids=list(BAD))
def test_an_entry_of_the_wrong_type_is_a_miss(filled: tuple[Path, str], kind: str, bad: str, tmp_path: Path) -> None:
    folder, expected = filled
    broken = tmp_path / "cache"
    broken.mkdir()
    for entry in folder.glob("*.pickle"):
        data = entry.read_bytes()
        if entry.name.split("-", 1)[0].rstrip("0123456789") == kind:
            data = pickle.dumps(BAD[bad])
        (broken / entry.name).write_bytes(data)
    result = runner.invoke(app, ["verify", str(CLAIMS), "--seeds", str(SEEDS), "-f", "json"],
                           env={cache.ENV_DIR: str(broken)})
    assert result.exit_code == 0, result.output
    assert result.stdout == expected


def test_every_kind_loads_what_it_stores(filled: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    folder, _ = filled
    monkeypatch.setenv(cache.ENV_DIR, str(folder))
    for entry in folder.glob("*.pickle"):
        assert cache.load(entry.stem) is not cache.MISSING, entry.name


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "-1", "abc", "1e30", "10 MB"])
def test_a_cache_size_out_of_range_is_a_one_line_error(value: str) -> None:
    result = runner.invoke(app, ["verify", str(CLAIMS), "--seeds", str(SEEDS), "-f", "json"],
                           env={cache.ENV_MAX_MB: value})
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {cache.ENV_MAX_MB}=") and "megabytes" in line


@pytest.mark.parametrize(("value", "size"), [("", cache.DEFAULT_MAX_BYTES), ("0", 0), ("1.5", 1572864),
                                             (" 100 ", 100 << 20)])
def test_a_cache_size_in_range_is_read(value: str, size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_MAX_MB, value)
    assert cache.max_bytes() == size


def test_a_library_caller_with_a_bad_setting_keeps_the_default(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_MAX_MB, "inf")
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path))
    monkeypatch.setattr(cache, "_pruned", False)
    cache.store("seed4-" + "0" * 32, "a value")  # prunes once, with the default: no exception
    assert cache.load("seed4-" + "0" * 32) is cache.MISSING  # stored, but not what a seed entry holds


@pytest.mark.parametrize("kind", ["knowledge", "langid"])
def test_a_table_of_the_wrong_type_is_a_miss_in_a_fresh_process(filled: tuple[Path, str], kind: str,
                                                                 tmp_path: Path) -> None:
    """The knowledge tables and the language model are kept in memory once read: a new process reads the entry."""
    folder, expected = filled
    broken = tmp_path / "cache"
    broken.mkdir()
    for entry in folder.glob("*.pickle"):
        wrong = entry.name.split("-", 1)[0].rstrip("0123456789") == kind
        (broken / entry.name).write_bytes(pickle.dumps(["not", "a", "table"]) if wrong else entry.read_bytes())
    done = fresh_process(broken)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected
