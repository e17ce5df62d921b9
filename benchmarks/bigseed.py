"""One big seed: an archive, a long report or a transcript. Times 30 claims (half naming the seed, half naming
none) against a single seed of 1, 5 and 50 MB, cold (a fresh cache folder), default options.

    python benchmarks/bigseed.py                      # 1, 5 and 50 MB, 3 runs each (median)
    python benchmarks/bigseed.py --sizes 1 5 --runs 1 --timeout 300

The seed is made of varied copies of seeds/000_f05eb49b0d101e5b.txt: in each copy numbers are scaled, years shifted
and places swapped, so that the copies state different facts (a copy that repeats the claim's facts exactly is the
first one; the others hold near misses: the same words with another number, year or place). The claims are the
bundled ones (claims/), the first 15 naming the seed, the others none. Every figure is the median of --runs runs,
each a fresh `summitcheck verify --format json` process timed from outside; peak memory is the largest resident
set of the process (the wrapper's resource.getrusage of its children). Not a test: nothing here runs under pytest.
The JSON of each size is kept in --work (out-<MB>.json), to compare two versions byte for byte.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import MEASURE, machine  # noqa: E402
from corpus import HEADER, Variation  # noqa: E402

SEED = ROOT / "seeds" / "000_f05eb49b0d101e5b.txt"
# Places of the article and others of the same kind (French spellings), swapped per copy.
PLACES = {
    "Vladivostok": ["Khabarovsk", "Irkoutsk", "Novossibirsk", "Iakoutsk", "Magadan", "Tchita", "Omsk"],
    "Hanoi": ["Singapour", "Bangkok", "Manille", "Djakarta", "Séoul", "Tokyo"],
    "Pékin": ["Tokyo", "Séoul", "Hanoi", "Bangkok"],
    "Moscou": ["Minsk", "Kiev", "Varsovie", "Prague"],
}


def make_seed(megabytes: float, seed: int = 15) -> str:
    """A seed of about `megabytes` MB: the bundled article, then varied copies of its body."""
    rng = random.Random(seed)
    text = SEED.read_text(encoding="utf-8")
    m = HEADER.match(text)
    header, body = (m.group(0), text[m.end():]) if m else ("", text)
    parts = [header + body.strip()]
    size = len(parts[0].encode())
    target = int(megabytes * 1_000_000)
    while size < target:
        names = {old: rng.choice(new) for old, new in PLACES.items() if rng.random() < 0.6}
        variation = Variation(rng.choice([1, 2, 3, 4, 5, 7]), rng.choice([-3, -2, -1, 0, 1, 2, 5]), names,
                              frozenset({"2397"}))
        part = variation.apply(body.strip())
        parts.append(part)
        size += len(part.encode()) + 2
    return "\n\n".join(parts) + "\n"


def write_claims(folder: Path, seed_id: str) -> int:
    """The bundled claims as one file: the first 15 naming the seed, the others none."""
    import yaml

    claims = []
    for path in sorted((ROOT / "claims").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        claims.extend(doc.get("claims", []))
    out = []
    for k, c in enumerate(claims[:30]):
        item = {"id": c["id"], "text": c["text"]}
        if k < 15:
            item["seed"] = seed_id
        out.append(item)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "big.yaml").write_text(yaml.safe_dump({"claims": out}, allow_unicode=True, sort_keys=False,
                                                    width=1000), encoding="utf-8")
    return len(out)


def timed(cmd: list[str], env: dict[str, str], cwd: Path, timeout: float | None) -> tuple[float, float, int] | None:
    """(wall seconds, peak MB, exit code) of one command, or None when it ran past `timeout` seconds."""
    with tempfile.TemporaryFile() as stderr:
        proc = subprocess.Popen([sys.executable, "-S", "-c", MEASURE, *cmd], env=env, cwd=cwd,
                                stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True)
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)  # the wrapper and summitcheck (and its workers): their own process group
            proc.wait()
            return None
        stderr.seek(0)
        err = stderr.read().decode(errors="replace")
    if code not in (0, 1) or "\0peak " not in err:
        raise SystemExit(f"{' '.join(cmd)} failed ({code}):\n{err[-3000:]}")
    peak, wall = err.rsplit("\0peak ", 1)[1].split()[:2]
    return float(wall), int(peak) / 1024, code


def main() -> None:
    parser = argparse.ArgumentParser(description="summitcheck: one big seed, 30 claims, cold")
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 50], help="seed sizes in MB")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run is given up")
    parser.add_argument("--work", type=Path, help="folder for the seeds, claims and JSON (default: temporary)")
    beside = Path(sys.executable).parent / "summitcheck"
    default = str(beside) if beside.exists() else shutil.which("summitcheck") or "summitcheck"
    parser.add_argument("--cmd", default=default, help="the summitcheck command (split like a shell line)")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="summitcheck-bigseed-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}", file=sys.stderr)
    subprocess.call([sys.executable, "-m", "compileall", "-q", str(ROOT / "summitcheck")], stdout=subprocess.DEVNULL)
    rows = []
    per_mb: dict[float, float] = {}
    for mb in args.sizes:
        label = f"{mb:g}"
        folder = work / f"seed-{label}"
        seed_id = "big"
        if not (folder / "seeds" / f"{seed_id}.txt").exists():
            (folder / "seeds").mkdir(parents=True, exist_ok=True)
            (folder / "seeds" / f"{seed_id}.txt").write_text(make_seed(mb), encoding="utf-8")
        n = write_claims(folder / "claims", seed_id)
        size = (folder / "seeds" / f"{seed_id}.txt").stat().st_size
        out = work / f"out-{label}.json"
        walls, peaks = [], []
        for _ in range(args.runs):
            cache = folder / "cache"
            shutil.rmtree(cache, ignore_errors=True)  # cold: nothing analysed before
            env = {**os.environ, "SUMMITCHECK_CACHE_DIR": str(cache)}
            env.pop("SUMMITCHECK_NO_CACHE", None)
            cmd = [*shlex.split(args.cmd), "verify", str(folder / "claims"), "--seeds", str(folder / "seeds"),
                   "-f", "json", "-o", str(out)]
            got = timed(cmd, env, work, args.timeout)  # not in the project: `python -m` would import it from there
            if got is None:
                walls.append(float("inf"))
                print(f"  {label} MB: no answer in {args.timeout:.0f} s", file=sys.stderr, flush=True)
                break
            walls.append(got[0])
            peaks.append(got[1])
            print(f"  {label} MB: {got[0]:.1f} s, {got[1]:.0f} MB", file=sys.stderr, flush=True)
        wall = statistics.median(walls)
        peak = max(peaks) if peaks else float("nan")
        per_mb[mb] = wall / (size / 1e6)
        shown = f"{wall:.1f} s" if wall != float("inf") else f"> {args.timeout:.0f} s"
        rows.append((f"{n} claims vs one seed of {size / 1e6:.1f} MB, cold", shown,
                     f"{per_mb[mb]:.2f} s/MB", f"{peak:.0f} MB", len(walls)))
    print(f"\nMachine: {machine()}\n")
    print("| measure | median | cost per MB | peak memory | runs |")
    print("|---|---|---|---|---|")
    for name, value, cost, peak, runs in rows:
        print(f"| {name} | {value} | {cost} | {peak} | {runs} |")
    if 5 in per_mb and 50 in per_mb and per_mb[5] not in (0, float("inf")):
        ratio = per_mb[50] * 50 / (per_mb[5] * 5)
        print(f"\n50 MB / 5 MB time: {ratio:.1f} (linear: 10; target <= 12)")
    print(json.dumps({"work": str(work)}), file=sys.stderr)


if __name__ == "__main__":
    main()
