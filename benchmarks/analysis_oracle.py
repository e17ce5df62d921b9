"""Digests of every analysis the project can reach, to show that a change to the analysers changes no result.

    python benchmarks/analysis_oracle.py write /tmp/before.json        # before the change
    python benchmarks/analysis_oracle.py compare /tmp/before.json      # after: lists what differs, exit 1 if any
    python benchmarks/analysis_oracle.py time --seeds 300              # seed analysis speed (CPU time, median of
                                                                       # --runs processes)

Seeds: the bundled ones, tests/seeds, the hostile seeds that load, every case table's seed, each claim text read
as a one-sentence seed in both languages (more varied text than the articles), and --corpus (a folder of seeds,
such as benchmarks/corpus.py writes). A seed's digest covers what index.analysed() gives: the repr of every
sentence's facts and tokens (types, values, offsets) and the index postings, and, separately, the pickled bytes.
Claims: the facts of every claim text of claims/, the case tables and --corpus/../claims, read against seeds of
either language. The cache is off: nothing is read from an earlier run.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import pickle
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

os.environ["SUMMITCHECK_NO_CACHE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summitcheck import index, store  # noqa: E402
from summitcheck.analyse.knowledge import default_knowledge  # noqa: E402
from summitcheck.errors import InputError  # noqa: E402
from summitcheck.load.seeds import load_seeds, parse_seed  # noqa: E402
from summitcheck.model import Seed  # noqa: E402

CORPUS = Path("/tmp/bw/corpus-1000-10000/seeds")


def _yaml(path: Path) -> object:
    import yaml

    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:  # a hostile file: not ours to read
        return None


def _items(doc: object, depth: int = 0) -> Iterator[dict]:
    """Every mapping inside a YAML document (not too deep: a hostile file nests aliases)."""
    if depth > 20:
        return
    if isinstance(doc, dict):
        yield doc
        for value in doc.values():
            yield from _items(value, depth + 1)
    elif isinstance(doc, list):
        for value in doc:
            yield from _items(value, depth + 1)


def claim_texts(corpus: Path | None) -> list[str]:
    files = sorted((ROOT / "claims").glob("*.yaml")) + sorted((ROOT / "tests").glob("*/*.yaml"))
    if corpus is not None:
        files += sorted((corpus.parent / "claims").glob("*.yaml"))
    texts: dict[str, None] = {}
    for path in files:
        for item in _items(_yaml(path)):
            for field in ("text", "claim"):
                if isinstance(item.get(field), str):
                    texts[item[field]] = None
    return list(texts)


def seeds(corpus: Path | None, limit: int | None, claims: list[str]) -> list[Seed]:
    found = load_seeds(ROOT / "seeds") + load_seeds(ROOT / "tests" / "seeds")
    for path in sorted((ROOT / "tests" / "hostile").glob("seed-*.txt")):
        with contextlib.suppress(InputError, UnicodeDecodeError):  # a seed the loader rejects has no analysis
            found.append(parse_seed(path.read_text(encoding="utf-8"), str(path), path.stem))
    for path in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        for item in _items(_yaml(path)):
            if isinstance(item.get("seed"), str) and "id" in item and " " in item["seed"]:
                found.append(parse_seed(item["seed"], path.name, str(item["id"]), item.get("lang")))
    for k, text in enumerate(claims):
        for lang, header in (("en", "date 2019-04-25\n"), ("fr", "date 2022-04\n")):
            with contextlib.suppress(InputError):
                found.append(parse_seed(header + text, "claim", f"claim-{k}-{lang}", lang))
    if corpus is not None:
        found += load_seeds(corpus)[:limit]
    return found


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def seed_digest(seed: Seed, knowledge) -> dict[str, str]:
    idx, blocks, size = index.analysed(seed, knowledge)
    sentences = [s for block in blocks for s in pickle.loads(block)]
    facts = repr([(s.index, s.facts, s.words, s.lang, s.text, s.start, sorted(vars(s).get("concepts", ())))
                  for s in sentences])
    postings = repr(sorted((k, v if isinstance(v, int) else list(v)) for k, v in idx.postings.items()))
    return {
        "facts": _digest(facts),
        "index": _digest(f"{idx.size} {size} {postings}"),
        "pickle": hashlib.sha256(b"".join(blocks)).hexdigest()[:16],  # the bytes the cache holds
        "index pickle": hashlib.sha256(pickle.dumps(idx)).hexdigest()[:16],  # with its keys' order
    }


def digests(corpus: Path | None, limit: int | None) -> dict[str, dict[str, str]]:
    knowledge = default_knowledge()
    claims = claim_texts(corpus)
    out: dict[str, dict[str, str]] = {}
    for seed in seeds(corpus, limit, claims):
        path = seed.path.replace(str(ROOT), ".")  # the same names for two checkouts
        out[f"seed {path} {seed.id}"] = seed_digest(seed, knowledge)
    for text in claims:
        out[f"claim {text}"] = {lang: _digest(repr(store.claim_facts(text, lang, knowledge))) for lang in ("en", "fr")}
    return out


def compare(old: dict[str, dict[str, str]], new: dict[str, dict[str, str]]) -> int:
    differ = 0
    for name in sorted(set(old) | set(new)):
        a, b = old.get(name), new.get(name)
        if a != b:
            parts = sorted(k for k in set(a or {}) | set(b or {}) if (a or {}).get(k) != (b or {}).get(k))
            if set(parts) <= {"pickle", "index pickle"}:  # the same values, shared or ordered differently
                print(f"pickled bytes only ({', '.join(parts)}): {name}")
                continue
            differ += 1
            print(f"DIFFERS ({', '.join(parts)}): {name[:150]}")
    print(f"{len(new)} digests, {differ} differ")
    return 1 if differ else 0


def timing(corpus: Path, count: int, runs: int) -> None:
    """Seed analysis CPU time, each run in a process of its own: every memo starts empty, as in a real run."""
    times = []
    for _ in range(runs):
        cmd = [sys.executable, __file__, "time-once", "--corpus", str(corpus), "--seeds", str(count)]
        times.append(float(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout))
    size = sum(len(s.text.encode()) for s in load_seeds(corpus)[:count])
    best = statistics.median(times)
    runs_shown = ", ".join(f"{t:.2f}" for t in times)
    print(f"{count} seeds, {size / 1000:.0f} KB: median {best:.2f} s CPU ({runs_shown}), {size / 1000 / best:.0f} KB/s")


def time_once(corpus: Path, count: int) -> float:
    knowledge = default_knowledge()
    seeds = load_seeds(corpus)
    chosen, others = seeds[:count], seeds[count:] or seeds
    for lang in {seed.language: None for seed in chosen}:  # dateparser, babel, stemmers loaded before the clock
        index.analysed(next(seed for seed in others if seed.language == lang), knowledge)
    start = time.process_time()
    for seed in chosen:
        index.analysed(seed, knowledge)
    return time.process_time() - start


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":  # sets pickle in hash order: the same order in every run
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("write", "compare", "time", "time-once"))
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--corpus", type=Path, default=CORPUS if CORPUS.is_dir() else None)
    parser.add_argument("--seeds", type=int, default=None, help="corpus seeds to read (all by default)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.action.startswith("time"):
        if args.corpus is None:
            parser.error("time needs --corpus")
        if args.action == "time-once":
            print(time_once(args.corpus, args.seeds or 300))
        else:
            timing(args.corpus, args.seeds or 300, args.runs)
        return 0
    if args.file is None:
        parser.error(f"{args.action} needs a file")
    found = digests(args.corpus, args.seeds)
    if args.action == "write":
        args.file.write_text(json.dumps(found, indent=0, ensure_ascii=False), encoding="utf-8")
        print(f"{len(found)} digests written to {args.file}")
        return 0
    return compare(json.loads(args.file.read_text(encoding="utf-8")), found)


if __name__ == "__main__":
    sys.exit(main())
