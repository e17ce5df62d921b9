"""Bad input never crashes and nothing is lost: the corpus of tests/hostile/, each case with the outcome it must give.

Broken input exits 2 with one `error: path:line:col: what is wrong; what to do` line per problem and no traceback;
valid input in odd shapes (a BOM, CRLF, no header, a non-UTF-8 file name) works as usual. The real process is used
where it matters: the exit code of main() on an internal error, and the peak memory of a 50 MB seed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import BUNDLED_SEED, SEEDS
from typer.testing import CliRunner

from summitcheck.cli import app

HOSTILE = Path(__file__).resolve().parent / "hostile"
CASES = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))["cases"]
OK_CLAIM = f'claims:\n  - id: workers\n    text: "≈10,000 workers"\n    seed: {BUNDLED_SEED}\n'
ANY_SEED_CLAIM = 'claims:\n  - id: workers\n    text: "≈10,000 workers"\n'
SENTINEL = "pwned-by-summitcheck"  # what the python tags of the corpus would create if they ever ran

runner = CliRunner()


# ---------------------------------------------------------------------------------------------------------------
# Large or odd files, written at test time (never committed).


def billion_laughs(path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path.write_text("\n".join(lines) + "\nid: x\ntext: *a9\n", encoding="utf-8")


def deep_flow(path: Path) -> None:
    path.write_text("[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")


def deep_block(path: Path) -> None:
    path.write_text("- " * 10_000 + "x\n", encoding="utf-8")


def deep_flow_mapping(path: Path) -> None:
    path.write_text("{a: " * 10_000 + "}" * 10_000 + "\n", encoding="utf-8")


def twenty_megabyte_text(path: Path) -> None:
    """Over the 16 MiB cap of a claim file: refused before it is parsed."""
    with path.open("w", encoding="utf-8") as f:
        f.write("claims:\n  - id: big\n    text: ")
        f.write("word " * (4 * 1024 * 1024))
        f.write("\n")


def huge_integer(path: Path) -> None:
    """A number past what Python reads (4,300 digits) where the text should be."""
    path.write_text("claims:\n  - id: big\n    text: " + "1" * 5000 + "\n", encoding="utf-8")


def one_line_seed(path: Path) -> None:
    """30 KB with no sentence end: all lower case, commas only (a transcript, a scraped page)."""
    clause = "environ 10.000 travailleurs nord-coréens sont employés en russie, selon moscou, "
    path.write_text(clause * (30_000 // len(clause)) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------------
# Folder set-ups for the path cases; each starts from seeds/ (the bundled seed) and claims/ok.yaml.


def plain(root: Path) -> None:
    (root / "seeds").mkdir()
    shutil.copy(SEEDS / f"{BUNDLED_SEED}.txt", root / "seeds")
    (root / "claims").mkdir()
    (root / "claims" / "ok.yaml").write_text(OK_CLAIM, encoding="utf-8")


def no_claims(root: Path) -> None:
    (root / "claims" / "ok.yaml").unlink()
    (root / "claims" / "notes.txt").write_text("not a claim file\n")
    (root / "claims" / ".hidden.yaml").write_text(OK_CLAIM)
    (root / "claims" / "sub").mkdir()


def no_seeds(root: Path) -> None:
    (root / "empty").mkdir()
    (root / "empty" / "README.md").write_text("no seeds here\n")


def link_loop(root: Path) -> None:
    os.symlink("loop", root / "loop")


def link_loop_inside(root: Path) -> None:
    os.symlink("loop.yaml", root / "claims" / "loop.yaml")


def dangling_link_inside(root: Path) -> None:
    os.symlink("nowhere.yaml", root / "claims" / "gone.yaml")


def folder_link_loop(root: Path) -> None:
    os.symlink("..", root / "claims" / "up")


def fifo(root: Path) -> None:
    os.mkfifo(root / "pipe.yaml")


def fifo_inside(root: Path) -> None:
    os.mkfifo(root / "claims" / "pipe.yaml")


def duplicate_seed_ids(root: Path) -> None:
    (root / "seeds" / "sub").mkdir()
    shutil.copy(SEEDS / f"{BUNDLED_SEED}.txt", root / "seeds" / "sub")


def broken_for_show(root: Path) -> None:
    shutil.copy(HOSTILE / "python-tag.yaml", root / "claims" / "bad.yaml")


def undecodable_file_name(root: Path) -> None:
    (root / "claims" / "ok.yaml").unlink()
    name = os.fsdecode(b"caf\xe9.yaml")
    (root / "claims" / name).write_text(OK_CLAIM, encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------------


def prepare(case: dict, root: Path) -> tuple[list[str], str]:
    """The command line of a case, and the path its error lines name as {file}."""
    plain(root)
    if case["kind"] == "path":
        if case["setup"] != "plain":
            globals()[case["setup"]](root)
        return list(case["args"]), ""
    name = case.get("file") or f"{case['generate']}.{'yaml' if case['kind'] == 'claims' else 'txt'}"
    if case["kind"] == "claims":
        target = root / "claims" / name
        args = ["verify", f"claims/{name}", "--seeds", "seeds"]
    else:
        (root / "s").mkdir()
        target = root / "s" / name
        (root / "claims" / "ok.yaml").write_text(ANY_SEED_CLAIM, encoding="utf-8")
        args = ["verify", "claims/ok.yaml", "--seeds", "s"]
    if "generate" in case:
        globals()[case["generate"]](target)
    else:
        shutil.copy(HOSTILE / name, target)
    return args, str(target.relative_to(root))


def check_outcome(case: dict, code: int, stdout: str, stderr: str, file: str) -> None:
    shown = f"exit {code}\n--- stdout\n{stdout[-2000:]}\n--- stderr\n{stderr[-2000:]}"
    assert code == case["exit"], shown
    assert "Traceback" not in stdout + stderr and "internal error" not in stderr, shown
    lines = [line for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("error: ")]
    expected = [e.replace("{file}", file) for e in case.get("errors", [])]
    assert len(errors) == len(expected), shown
    if code == 2:
        assert errors == lines, f"every stderr line is an error line\n{shown}"
    unmatched = list(errors)
    for piece in expected:
        hits = [line for line in unmatched if line.startswith(f"error: {piece}")]  # the place first, then the what
        assert hits, f"no error line starts with {piece!r}\n{shown}"
        unmatched.remove(hits[0])
        assert "; " in hits[0], f"no `; what to do` in {hits[0]!r}"
    if "stdout" in case:
        assert case["stdout"] in stdout, shown


def test_corpus_is_large_and_well_formed() -> None:
    assert len(CASES) >= 40
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
    for case in CASES:
        assert case["kind"] in ("claims", "seeds", "path"), case
        assert case["exit"] in (0, 1, 2), case
        assert ("file" in case) + ("generate" in case) + ("setup" in case) == 1, case
        if "file" in case:
            assert (HOSTILE / case["file"]).is_file(), case
        assert case["exit"] != 2 or case.get("errors"), case
    committed = {p.name for p in HOSTILE.iterdir()} - {"cases.yaml"}
    used = {c["file"] for c in CASES if "file" in c} | {"python-tag.yaml"}
    assert committed == used, f"files without a case: {committed - used}; cases without a file: {used - committed}"
    assert max(p.stat().st_size for p in HOSTILE.iterdir()) < 50_000, "large inputs are generated, not committed"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_input(case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    args, file = prepare(case, tmp_path)
    started = time.monotonic()
    result = runner.invoke(app, args)
    elapsed = time.monotonic() - started
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    check_outcome(case, result.exit_code, result.stdout, result.stderr, file)
    assert not (tmp_path / SENTINEL).exists(), "a YAML tag ran a command"
    assert elapsed < 20, f"{case['name']} took {elapsed:.1f} s"


@pytest.mark.parametrize(
    ("shape", "unit"),
    [("sentences on one line", "Il vient. Elle part. "), ("abbreviations", "M. Abc "), ("dots", "."),
     ("marks and quotes", "?!»”) "), ("white space", " \t"), ("no sentence end", "mot, "),
     ("quotes opening on spaces", ". «    "), ("a mark before a long run of spaces", "." + " " * 5000 + "x")],
)
def test_sentence_splitting_is_linear_and_bounded(shape: str, unit: str) -> None:
    """300 KB of each shape in well under a second (several were quadratic: minutes), in bounded pieces."""
    from summitcheck.load.seeds import MAX_SENTENCE_CHARS, split_sentences

    text = unit * (300_000 // len(unit))
    started = time.monotonic()
    sentences = split_sentences(text)
    assert time.monotonic() - started < 5, shape
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences[:1000])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Ils ont inauguré la ligne. « Un jour historique », a déclaré M. Delorme.",
      ["Ils ont inauguré la ligne.", "« Un jour historique », a déclaré M. Delorme."]),
     ('He left. "We won," he said.', ["He left.", '"We won," he said.']),
     ("M. Delorme est arrivé. Il a parlé.", ["M. Delorme est arrivé.", "Il a parlé."])],
)
def test_sentences_end_before_an_opening_quotation(text: str, expected: list[str]) -> None:
    """French guillemets open on a space ("« Un"): the sentence before still ends there."""
    from summitcheck.load.seeds import split_sentences

    assert [s.text for s in split_sentences(text)] == expected


# ---------------------------------------------------------------------------------------------------------------
# The real process: main()'s exit codes, and what only a process can show.


def run_process(
    args: list[str], cwd: Path, prelude: str = "", env: dict | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """`summitcheck ARGS` in a fresh interpreter, through main(); `prelude` runs first (to plant a bug)."""
    code = f"import sys\n{prelude}\nfrom summitcheck.cli import main\nsys.argv = ['summitcheck', *{args!r}]\nmain()\n"
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("name", ["python-tag.yaml", "several-problems.yaml", "latin1.yaml"])
def test_real_process_exits_2_without_traceback(name: str, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.get("file") == name)
    args, file = prepare(case, tmp_path)
    done = run_process(args, tmp_path)
    check_outcome(case, done.returncode, done.stdout, done.stderr, file)
    assert not (tmp_path / SENTINEL).exists()


def test_internal_error_exits_3_with_a_short_request_for_a_report(tmp_path: Path) -> None:
    plain(tmp_path)
    bug = "import summitcheck.api as api\ndef check(*a, **k): raise KeyError('planted bug')\napi.check = check"
    bug += "\nimport summitcheck.report.progress as p\np.check = check"
    done = run_process(["verify", "claims", "--seeds", "seeds"], tmp_path, prelude=bug)
    assert done.returncode == 3, done
    assert "Traceback" not in done.stderr and done.stdout == ""
    first, second = done.stderr.strip().splitlines()
    assert first == "internal error: KeyError: 'planted bug'"
    assert "bug in summitcheck" in second and "report it" in second and "SUMMITCHECK_DEBUG=1" in second


def test_internal_error_shows_the_traceback_when_asked(tmp_path: Path) -> None:
    plain(tmp_path)
    bug = "import summitcheck.report.progress as p\ndef check(*a, **k): raise KeyError('planted bug')\np.check = check"
    done = run_process(["verify", "claims", "--seeds", "seeds"], tmp_path, prelude=bug, env={"SUMMITCHECK_DEBUG": "1"})
    assert done.returncode == 3 and "Traceback" in done.stderr and "planted bug" in done.stderr


def test_closed_stdout_is_not_an_internal_error(tmp_path: Path) -> None:
    plain(tmp_path)
    for i in range(40):
        (tmp_path / "claims" / f"c{i:02d}.yaml").write_text(OK_CLAIM.replace("id: workers", f"id: w{i:02d}"))
    code = "import sys\nfrom summitcheck.cli import main\nsys.argv = ['summitcheck', 'show-claims', 'claims']\nmain()"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()  # the reader goes away, as `| head -1` does
    stderr = proc.stderr.read().decode()
    # click exits 1 on a broken pipe, quietly; main() turns one that escapes click into 141, as a shell would
    assert proc.wait(timeout=60) in (0, 1, 141), stderr
    assert "internal error" not in stderr and "Traceback" not in stderr and "Exception ignored" not in stderr


# ---------------------------------------------------------------------------------------------------------------
# A 50 MB seed: read through the CLI in bounded memory. Verifying against it analyses only the sentences its claim
# can be answered in (about 7 s and 300 MB, docs/performance.md, "One big seed"); writing the seed takes a while
# too, so that run stays marked slow.

BIG_SEED_BYTES = 50 * 1024 * 1024
MAX_RSS_MB = 1024


def write_big_seed(folder: Path) -> Path:
    folder.mkdir()
    body = (SEEDS / f"{BUNDLED_SEED}.txt").read_text(encoding="utf-8").split(" ", 2)[2]  # without "date 2019-04"
    path = folder / "big.txt"
    with path.open("w", encoding="utf-8") as f:
        f.write("date 2019-04 ")
        written = 0
        while written < BIG_SEED_BYTES:
            f.write(body)
            f.write("\n")
            written += len(body.encode()) + 1
    return path


def peak_rss_run(
    args: list[str], cwd: Path, timeout: float = 120
) -> tuple[subprocess.CompletedProcess, float, float]:
    """Exit code, output, peak resident memory (MB) and wall time of `summitcheck ARGS` in its own process."""
    measure = (
        "import atexit, resource\n"
        "atexit.register(lambda: print('PEAK_RSS_KB=%d' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
        " file=sys.stderr))"
    )
    started = time.monotonic()
    done = run_process(args, cwd, prelude=measure, timeout=timeout)
    elapsed = time.monotonic() - started
    peak = next(int(line.split("=")[1]) for line in done.stderr.splitlines() if line.startswith("PEAK_RSS_KB="))
    return done, peak / 1024, elapsed


def test_fifty_megabyte_seed_is_read_in_bounded_memory(tmp_path: Path) -> None:
    plain(tmp_path)
    write_big_seed(tmp_path / "big")
    (tmp_path / "claims" / "ok.yaml").write_text(OK_CLAIM.replace(BUNDLED_SEED, "big"), encoding="utf-8")
    done, peak_mb, elapsed = peak_rss_run(["show-claims", "claims", "--seeds", "big"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "workers" in done.stdout
    print(f"50 MB seed via show-claims --seeds: {elapsed:.1f} s, peak RSS {peak_mb:.0f} MB")
    assert peak_mb < MAX_RSS_MB, f"peak RSS {peak_mb:.0f} MB for a 50 MB seed"


@pytest.mark.slow
def test_fifty_megabyte_seed_verifies(tmp_path: Path) -> None:
    plain(tmp_path)
    write_big_seed(tmp_path / "big")
    (tmp_path / "claims" / "ok.yaml").write_text(OK_CLAIM.replace(BUNDLED_SEED, "big"), encoding="utf-8")
    done, peak_mb, elapsed = peak_rss_run(["verify", "claims", "--seeds", "big"], tmp_path, timeout=3600)
    print(f"50 MB seed via verify: {elapsed:.0f} s, peak RSS {peak_mb:.0f} MB")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "1 supported" in done.stdout
