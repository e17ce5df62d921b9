"""Output that cannot be turned against a terminal or CI, and is never half written.

- Every format of every command, on seeds, claims and file names holding terminal escapes (tests/hostile/), writes
  no control character raw: no ESC, BEL, C1 CSI, bidi override.
- A closed pipe ends quietly with 141, a full disk is a one-line error (2): never 1 (a claim failed) nor 3 (a bug).
- `-o` is the whole new report or the old file, whatever happens meanwhile (SIGKILL included), and never one of
  the run's inputs.
- The default table of the bundled claims fits 80 columns, one line a claim; show-claims two.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import BUNDLED_SEED, CLAIMS, ROOT, SEEDS
from rich.cells import cell_len
from typer.testing import CliRunner

from summitcheck.cli import app

HOSTILE = Path(__file__).resolve().parent / "hostile"
RAW = [b"\x1b", b"\x07", b"\xc2\x9b", b"\xe2\x80\xae", b"\xe2\x80\xa8", b"\x08"]  # ESC BEL CSI RLO LS BS
FILE_NAME = "\x1b]0;pwned by a file name\x07.yaml"
EVIL_CLAIMS = (
    "claims:\n"
    '  - id: evil-workers\n    text: "≈10,000 workers"\n    seed: evil\n'
    '  - id: evil-wrong\n    text: "≈20,000 workers"\n    seed: evil\n    note: "\\e[2J"\n'
)

runner = CliRunner()


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """seeds/ with the bundled seed and one full of escapes (evil); claims/ with escapes in tags, notes, file names."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEEDS / f"{BUNDLED_SEED}.txt", tmp_path / "seeds")
    shutil.copy(HOSTILE / "seed-escapes.txt", tmp_path / "seeds" / "evil.txt")
    (tmp_path / "claims").mkdir()
    shutil.copy(HOSTILE / "claims-escapes.yaml", tmp_path / "claims" / "escapes.yaml")
    (tmp_path / "claims" / FILE_NAME).write_text(EVIL_CLAIMS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def raw_controls(data: bytes) -> list[bytes]:
    return [c for c in RAW if c in data]


COMMANDS = [
    *([["verify", "claims", "-f", fmt], 1] for fmt in
      ("table", "plain", "json", "markdown", "junit", "github", "sarif", "html")),
    [["verify", "claims", "--verbose"], 1],
    [["show-claims", "claims"], 0],
    [["show-claims", "claims", "-f", "json"], 0],
    [["show-claims", "claims", "--facts"], 0],
    [["coverage", "claims"], 0],
    [["coverage", "claims", "--all", "-f", "plain"], 0],
    [["coverage", "claims", "-f", "json"], 0],
    [["explain", "evil-wrong", "claims"], 1],
]


@pytest.mark.parametrize(("args", "code"), COMMANDS, ids=[" ".join(a[1:] if a[0] == "verify" else a)
                                                          for a, _ in COMMANDS])
@pytest.mark.parametrize("columns", ["80", "200"])
def test_no_control_character_reaches_the_output(hostile: Path, args: list[str], code: int, columns: str) -> None:
    result = runner.invoke(app, args, env={"COLUMNS": columns, "FORCE_COLOR": None, "NO_COLOR": None})
    assert result.exit_code == code, result.output
    assert not raw_controls(result.stdout_bytes), raw_controls(result.stdout_bytes)
    assert not raw_controls(result.stderr_bytes)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "junit", "github", "sarif", "html"])
def test_no_control_character_reaches_a_report_file(hostile: Path, fmt: str) -> None:
    result = runner.invoke(app, ["verify", "claims", "-f", fmt, "-o", f"report.{fmt}"])
    assert result.exit_code == 1, result.output
    data = (hostile / f"report.{fmt}").read_bytes()
    assert data and not raw_controls(data)
    assert not raw_controls(result.stderr_bytes)


def test_the_escapes_are_shown_not_dropped(hostile: Path) -> None:
    """A reader sees that the seed holds an escape sequence: it is written out, not silently removed."""
    plain = runner.invoke(app, ["verify", "claims", "-f", "github"]).stdout
    assert "\\x1b]0;pwned by a seed\\x07" in plain
    shown = runner.invoke(app, ["show-claims", "claims"], env={"COLUMNS": "200"}).stdout
    assert "\\x1b[2J" in shown and "\\x1b]0;pwned by a file name\\x07.yaml" in shown
    doc = json.loads(runner.invoke(app, ["verify", "claims", "-f", "json"]).stdout)
    [evil] = [r for r in doc["results"] if r["id"] == "evil-wrong"]
    assert "\x1b[2J" in evil["sentence_text"]  # JSON keeps the exact text, escaped by JSON itself


def test_a_file_name_cannot_start_a_github_workflow_command(hostile: Path) -> None:
    name = "::warning title=X::Y.yaml"
    (hostile / name).write_text(EVIL_CLAIMS.replace("evil-", "gh-"), encoding="utf-8")
    result = runner.invoke(app, ["verify", name, "-f", "github"])
    assert result.exit_code == 1
    for line in result.stdout.splitlines():
        stripped = line.strip()
        if stripped.startswith("::"):
            command = stripped[2:].split(" ", 1)[0].split("::", 1)[0]
            assert command in ("error", "warning", "group", "endgroup"), line
            assert "title=X::Y" not in stripped.split("::", 2)[1], line  # the name is escaped in properties
        assert not stripped.startswith("::warning title=X"), line


# ---------------------------------------------------------------------------------------------------------------
# Pipes and full disks, in a real process (the runner has no pipe to close).


def summitcheck(*args: str, **kwargs) -> subprocess.Popen:
    code = f"import sys\nfrom summitcheck.cli import main\nsys.argv = ['summitcheck', *{list(args)!r}]\nmain()\n"
    return subprocess.Popen([sys.executable, "-c", code], **kwargs)


@pytest.mark.parametrize("args", [["verify", "-f", "plain"], ["verify", "-f", "json"], ["verify"],
                                  ["show-claims"], ["verify", "-f", "html"], ["--help"], ["verify", "--help"]])
def test_a_closed_pipe_ends_quietly_with_141(args: list[str]) -> None:
    """`summitcheck verify -f plain | true`: the reader is gone before anything is written."""
    read, write = os.pipe()
    os.close(read)
    try:
        proc = summitcheck(*args, cwd=ROOT, stdout=write, stderr=subprocess.PIPE)
    finally:
        os.close(write)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode in (0, 141), (proc.returncode, stderr.decode())
    assert b"Traceback" not in stderr and b"internal error" not in stderr and b"Exception ignored" not in stderr


def test_a_pipe_closed_after_one_byte_ends_quietly() -> None:
    """`summitcheck verify -f json | head -c1`."""
    proc = summitcheck("verify", "-f", "json", cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.read(1) == b"{"
    proc.stdout.close()
    stderr = proc.stderr.read()
    assert proc.wait(timeout=120) in (0, 141), stderr.decode()
    assert b"Traceback" not in stderr and b"internal error" not in stderr and b"Exception ignored" not in stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [["verify", "-f", "json"], ["verify"], ["show-claims"], ["--help"]])
def test_a_full_disk_is_a_one_line_error(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        proc = summitcheck(*args, cwd=ROOT, stdout=full, stderr=subprocess.PIPE)
        _, stderr = proc.communicate(timeout=120)
    lines = stderr.decode().splitlines()
    assert proc.returncode == 2, lines
    assert lines == ["error: cannot write to stdout: No space left on device"]


@pytest.mark.parametrize("args", [["verify"], ["show-claims"], ["verify", "-f", "json"]])
def test_a_stdout_closed_from_the_start_is_a_one_line_error(args: list[str]) -> None:
    """`summitcheck verify >&-`: Python starts without sys.stdout."""
    proc = summitcheck(*args, cwd=ROOT, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 2, stderr.decode()
    assert stderr.decode().splitlines() == ["error: cannot write to stdout: it is closed"]


# ---------------------------------------------------------------------------------------------------------------
# -o: the whole report or the old file; never an input.


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(CLAIMS, tmp_path / "claims")
    (tmp_path / "terms.yaml").write_text("concepts:\n  - {id: sommet-x, en: [summitry x], fr: [sommet x]}\n",
                                         encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _link(project: Path) -> str:
    os.symlink("claims/labour.yaml", project / "link.yaml")
    return "link.yaml"


def _hard_link(project: Path) -> str:
    os.link(project / "seeds" / f"{BUNDLED_SEED}.txt", project / "copy.txt")
    return "copy.txt"


@pytest.mark.parametrize(("target", "extra"), [
    ("claims/labour.yaml", []),
    (f"seeds/{BUNDLED_SEED}.txt", []),
    ("./claims/../claims/summit.yaml", []),
    (_link, []),
    (_hard_link, []),
    ("terms.yaml", ["--glossary", "terms.yaml"]),
], ids=["claim file", "seed", "claim file by another path", "link to a claim file", "hard link to a seed",
        "glossary"])
@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_an_input_is_never_overwritten(project: Path, target, extra: list[str], option: str) -> None:
    name = target(project) if callable(target) else target
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = runner.invoke(app, ["verify", *extra, option, name])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: ") and "would overwrite an input of this run" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_coverage_and_report_refuse_an_input_too(project: Path) -> None:
    for args in (["coverage", "-o", "claims/labour.yaml"], ["report", "-o", "claims/labour.yaml"]):
        before = (project / "claims" / "labour.yaml").read_bytes()
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert (project / "claims" / "labour.yaml").read_bytes() == before


def test_output_is_written_whole_through_a_temporary_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while the report is written (a full disk, a kill) leaves the old file, and no temporary one."""
    from summitcheck.report import output

    (project / "out.json").write_text("old report\n")
    real_replace = os.replace

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", failing_replace)
    result = runner.invoke(app, ["verify", "-f", "json", "-o", "out.json"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: out.json: cannot write: No space left on device; check the path and the " \
                                    "free space"
    assert (project / "out.json").read_text() == "old report\n"
    assert sorted(p.name for p in project.iterdir()) == ["claims", "out.json", "seeds", "terms.yaml"]
    monkeypatch.setattr(output.os, "replace", real_replace)
    assert runner.invoke(app, ["verify", "-f", "json", "-o", "out.json"]).exit_code == 0
    assert json.loads((project / "out.json").read_text())["summary"]["passed"] is True
    assert oct((project / "out.json").stat().st_mode & 0o777) != oct(0o600)  # not mkstemp's private mode


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_run_leaves_the_old_report_or_the_whole_new_one(project: Path, sig: int) -> None:
    old = "old report\n"
    (project / "out.html").write_text(old)
    env = {**os.environ, "SUMMITCHECK_NO_CACHE": "1"}  # a longer run: more moments to be killed at
    for delay in (0.4, 1.2, 2.2):
        proc = summitcheck("verify", "-f", "html", "-o", "out.html", cwd=project, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(sig)
        proc.wait(timeout=120)
        text = (project / "out.html").read_text(encoding="utf-8")
        assert text == old or (text.startswith("<!DOCTYPE html>") and text.endswith("</html>\n")), text[-200:]
        (project / "out.html").write_text(old)
    if sig == signal.SIGTERM:
        assert not [p for p in project.iterdir() if p.name.startswith(".out.html.")], "a temporary file was left"


def test_killed_in_the_middle_of_writing_the_old_report_stays(project: Path) -> None:
    """SIGKILL at the worst moment: the new report half on disk (written, not yet synced nor renamed)."""
    (project / "out.json").write_text("old report\n")
    code = ("import os, signal, sys\n"
            "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)\n"
            "from summitcheck.cli import main\n"
            "sys.argv = ['summitcheck', 'verify', '-f', 'json', '-o', 'out.json']\nmain()\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, timeout=120)
    assert done.returncode == -signal.SIGKILL
    assert (project / "out.json").read_text() == "old report\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_an_output_that_is_a_device_is_written_in_place_never_replaced(project: Path) -> None:
    """`-o /dev/stdout`, `-o /dev/null`, a named pipe: a rename over them would replace the device itself."""
    before = os.stat("/dev/full")
    result = runner.invoke(app, ["verify", "-f", "json", "-o", "/dev/full"])
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    after = os.stat("/dev/full")
    assert (after.st_mode, after.st_rdev, after.st_ino) == (before.st_mode, before.st_rdev, before.st_ino)
    assert runner.invoke(app, ["verify", "-f", "json", "-o", os.devnull]).exit_code == 0
    assert os.path.exists(os.devnull) and not Path(os.devnull).is_file()
    os.mkfifo(project / "pipe")
    reader = subprocess.Popen(["cat", str(project / "pipe")], stdout=subprocess.PIPE)
    assert runner.invoke(app, ["verify", "-f", "json", "-o", "pipe"]).exit_code == 0
    assert json.loads(reader.communicate(timeout=60)[0])["summary"]["passed"] is True


# ---------------------------------------------------------------------------------------------------------------
# 80 columns.


def test_the_bundled_claims_fit_80_columns_one_line_each() -> None:
    result = runner.invoke(app, ["verify", str(CLAIMS), "--seeds", str(SEEDS)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    claims = int(lines[-1].split()[0])
    assert claims >= 30
    assert len(lines) <= claims + 3  # one a claim, a blank line and the summary
    assert max(cell_len(line) for line in lines) <= 80


def test_show_claims_fits_80_columns_in_two_lines_a_claim() -> None:
    claims = len(json.loads(runner.invoke(app, ["show-claims", str(CLAIMS), "-f", "json"]).stdout)["claims"])
    result = runner.invoke(app, ["show-claims", str(CLAIMS)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert claims >= 30 and len(lines) <= 2 * claims
    assert max(cell_len(line) for line in lines) <= 80


@pytest.mark.parametrize("args", [["coverage", str(CLAIMS), "--all"], ["explain", "un-res-2397", str(CLAIMS)],
                                  ["show-claims", str(CLAIMS), "--facts"], ["verify", str(CLAIMS), "--verbose"]])
def test_no_line_is_wider_than_80_columns(args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--seeds", str(SEEDS)] if args[0] != "show-claims" else args,
                           env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80
