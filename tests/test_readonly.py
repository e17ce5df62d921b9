"""Read-only: no command changes claims/ or seeds/ (content, names, modes, times), whether it passes, fails or
refuses its input; outputs go only where they are asked to go."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from conftest import CLAIMS, SEEDS
from typer.testing import CliRunner

from summitcheck.cli import app

COMMANDS = [
    ["--version"],
    ["--help"],
    ["verify", "--help"],
    ["verify"],  # the defaults: claims/ and seeds/ of the working folder
    ["verify", "claims", "--seeds", "seeds", "--format", "json"],
    ["verify", "claims", "--seeds", "seeds", "--format", "html", "--output", "out/report.html"],
    ["verify", "claims", "--seeds", "seeds", "--write-baseline", "out/baseline.json"],
    ["verify", "claims", "--seeds", "seeds", "--baseline", "out/baseline.json", "--format", "sarif"],
    ["verify", "claims", "--seeds", "seeds", "--no-cache", "--jobs", "2", "--format", "plain"],
    ["report", "claims", "--seeds", "seeds", "--output", "out/full.html"],
    ["coverage", "claims", "--seeds", "seeds", "--format", "json"],
    ["show-claims"],
    ["show-claims", "claims", "--seeds", "seeds", "--facts", "--format", "json"],
    ["verify", "claims/broken.yaml", "--seeds", "seeds"],  # refused input
    ["verify", "claims", "--seeds", "seeds", "--format", "nonsense"],  # a usage error
]


def snapshot(*folders: Path) -> dict[str, tuple]:
    """Every entry below the folders: kind, mode, size, modification time and a hash of the content."""
    state: dict[str, tuple] = {}
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            for name in sorted(dirs + files):
                path = Path(root) / name
                info = path.lstat()
                digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
                state[str(path.relative_to(folder.parent))] = (info.st_mode, info.st_size, info.st_mtime_ns, digest)
    return state


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(CLAIMS, tmp_path / "claims")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "claims" / "zz-unsupported.yaml").write_text(
        "claims:\n  - id: zz-unsupported\n    text: 3 million tonnes of wheat were shipped in 2031\n", encoding="utf-8"
    )
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    # --no-cache and --jobs set process-wide state: put it back for the tests that run after this one
    from summitcheck import cache, parallel

    monkeypatch.setattr(parallel, "_default_jobs", parallel._default_jobs)
    monkeypatch.setattr(cache, "_enabled", cache._enabled)
    return tmp_path


def test_no_command_writes_to_claims_or_seeds(workspace: Path) -> None:
    runner = CliRunner()
    before = snapshot(workspace / "claims", workspace / "seeds")
    assert len(before) > 5
    for args in COMMANDS:
        if args[1:2] == ["claims/broken.yaml"]:
            (workspace / "claims" / "broken.yaml").write_text("claims:\n  - id: a\n    text: [unclosed\n")
            before = snapshot(workspace / "claims", workspace / "seeds")
        result = runner.invoke(app, args)
        assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
        assert "Traceback" not in result.output
        after = snapshot(workspace / "claims", workspace / "seeds")
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        assert not changed, f"`summitcheck {' '.join(args)}` changed {changed}"
        (workspace / "claims" / "broken.yaml").unlink(missing_ok=True)
        before = snapshot(workspace / "claims", workspace / "seeds")
    written = sorted(p.name for p in (workspace / "out").iterdir())
    assert written == ["baseline.json", "full.html", "report.html"]
    assert sorted(p.name for p in workspace.iterdir()) == ["claims", "out", "seeds"]


@pytest.mark.parametrize("args", [["verify"], ["verify", "--format", "json"], ["show-claims", "--facts"]])
def test_the_project_folders_are_untouched(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The same on the project's own claims/ and seeds/, with the project's configuration."""
    monkeypatch.chdir(CLAIMS.parent)
    before = snapshot(CLAIMS, SEEDS)
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    assert snapshot(CLAIMS, SEEDS) == before
