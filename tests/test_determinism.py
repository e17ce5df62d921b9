"""Determinism: the same input gives byte-identical output, whatever PYTHONHASHSEED, the cache, or the order of the
paths on the command line; results are ordered by file and line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLAIMS, SEEDS, TEST_SEEDS

# The outputs that carry the report's data and order: JSON (whole), the table (rich layout), markdown (text),
# the JSON again from two processes, the claims with their facts. The other formats render the same Report.
VERIFY = ["verify", "claims", "--seeds", "seeds"]
COMMANDS = [
    [*VERIFY, "--format", "json"],
    [*VERIFY, "--format", "table"],
    [*VERIFY, "--format", "markdown"],
    [*VERIFY, "--format", "json", "--jobs", "2"],
    ["show-claims", "claims", "--seeds", "seeds", "--facts", "--format", "json"],
]
# Run inside a fresh interpreter: every command through typer's runner, the outputs joined with markers.
DRIVER = """
import json, sys
from typer.testing import CliRunner
from summitcheck.cli import app
out = []
for args in json.loads(sys.argv[1]):
    r = CliRunner().invoke(app, args)
    out.append(f"\\0=== {' '.join(args)} -> {r.exit_code}\\n{r.stdout}\\n--- stderr\\n{r.stderr}")
sys.stdout.write("\\n".join(out))
"""

EXTRA = """\
# claims for every seed (no `seed:`), in a file whose name sorts first
claims:
  - id: any-workers
    text: "≈10,000 workers"
  - id: any-summit
    text: Kim Jong-un and Vladimir Putin met in Vladivostok on Thursday
  - id: any-missing
    text: 3 million tonnes of wheat were shipped in 2031
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled claims and seed, an English seed, and claims checked against every seed."""
    root = tmp_path_factory.mktemp("determinism")
    shutil.copytree(CLAIMS, root / "claims")
    shutil.copytree(SEEDS, root / "seeds")
    shutil.copy(TEST_SEEDS / "en-sanctions-2023.txt", root / "seeds")  # a second seed, in English
    (root / "claims" / "0-every-seed.yaml").write_text(EXTRA, encoding="utf-8")
    return root


def run_all(root: Path, hash_seed: str, cache: Path) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "SUMMITCHECK_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(COMMANDS)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_output_is_byte_identical_across_hash_seeds_and_cache_states(workspace: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = run_all(workspace, "0", cache)  # nothing cached yet
    warm = run_all(workspace, "4242", cache)  # analyses read back from the cache, another hash order
    assert "Traceback" not in cold
    parts = cold.split("\0=== ")
    assert parts[1].split("\n", 1)[1] == parts[4].split("\n", 1)[1], "--jobs 2 changed the JSON"
    assert cold.count("\0=== ") == len(COMMANDS)
    if cold != warm:
        import difflib

        diff = "\n".join(difflib.unified_diff(cold.splitlines(), warm.splitlines(), "seed 0", "seed 4242", lineterm=""))
        pytest.fail(f"output differs between runs:\n{diff[:4000]}")


def test_results_are_ordered_by_file_and_line_whatever_the_path_order(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from summitcheck.cli import app

    monkeypatch.chdir(workspace)
    files = sorted(str(p.relative_to(workspace)) for p in (workspace / "claims").glob("*.yaml"))
    outputs = []
    for order in (files, files[::-1]):
        result = CliRunner().invoke(app, ["verify", *order, "--seeds", "seeds", "--format", "json"])
        assert result.exit_code in (0, 1), result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    results = json.loads(outputs[0])["results"]
    places = [(r["file"], r["line"], r["col"]) for r in results]
    assert places == sorted(places) and len(places) == len(set(places))
    assert places[0][0] == "claims/0-every-seed.yaml"
