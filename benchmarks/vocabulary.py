"""How well summitcheck.analyse.vocabulary links French and English words, and whether false friends meet.

    python benchmarks/vocabulary.py [--top 3000] [--sample 200] [--seed 14]

Needs, at benchmark time only (the runtime needs neither):
  - wordfreq (pip) for the most frequent words, lemmatised with simplemma (pip), as tools/build_vocabulary.py
    chooses them: content words only (no stopwords, light verbs, names unknown to the lemmatiser).
  - FreeDict fra-eng and eng-fra (apt-get install dict-freedict-fra-eng dict-freedict-eng-fra), the gold
    reference. FreeDict is GPL-2+ and was NOT used to build the table: it is only read here, from the system copy.

Prints, for each direction:
  - linked: the share of the top words that get any sense at all;
  - coverage: of the top words FreeDict knows, the share linked to one of FreeDict's translations of it;
  - precision: of `--sample` links drawn at random (a top word and one other-language lemma it shares a key
    with), the share FreeDict confirms, in either direction. FreeDict is small (about 8,000 headwords) and gives
    few synonyms, so this is a lower bound: benchmarks/vocabulary_judged.tsv holds a hand-checked sample too.
And the false-friends check: pairs of look-alikes that must not link (the count of links must be 0), split
into those the build's deny-list (summitcheck/data/false_friends.yaml) names and those it does not.
"""

from __future__ import annotations

import argparse
import gzip
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

DICTD = Path("/usr/share/dictd")
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

# Look-alikes that do not translate each other, beyond the deny-list: (French, English). Checked too.
MORE_FALSE_FRIENDS = [
    ("assister", "assist"), ("allègement", "allege"), ("actuellement", "actually"), ("éventuellement", "eventually"),
    ("librairie", "library"), ("sensible", "sensible"), ("achèvement", "achievement"), ("appointements", "appointment"),
    ("bachelier", "bachelor"), ("candide", "candid"), ("cent", "cent"), ("déjection", "dejection"),
    ("fastidieux", "fastidious"), ("fournitures", "furniture"), ("habit", "habit"), ("inconvénient", "inconvenient"),
    ("instance", "instance"), ("intoxication", "intoxication"), ("magasin", "magazine"), ("médecin", "medicine"),
    ("nouvelle", "novel"), ("ostensible", "ostensible"), ("pester", "pester"), ("photographe", "photograph"),
    ("préjudice", "prejudice"), ("rentable", "rentable"), ("ressentir", "resent"), ("sale", "sale"),
    ("sort", "sort"), ("transpirer", "transpire"), ("vacances", "vacancy"), ("versatile", "versatile"),
]  # fmt: skip
# Pairs the brief says are fine: they must link.
TRUE_COGNATES = [("caractère", "character"), ("élection", "election"), ("inflation", "inflation")]


def freedict(name: str) -> dict[str, list[str]]:
    """headword -> single translations, from a dictd database of the Debian package."""
    with gzip.open(DICTD / f"{name}.dict.dz") as handle:
        data = handle.read()

    def num(s: str) -> int:
        n = 0
        for c in s:
            n = n * 64 + B64.index(c)
        return n

    out: dict[str, list[str]] = {}
    for line in (DICTD / f"{name}.index").read_text(encoding="utf-8").splitlines():
        head, off, length = line.split("\t")
        if head.startswith("00-database") or head.startswith("00database"):
            continue
        text = data[num(off) : num(off) + num(length)].decode("utf-8")
        for body in text.splitlines()[1:]:
            body = body.split(". ", 1)[1] if body[:1].isdigit() and ". " in body else body
            for part in body.split(","):
                part = part.strip().replace("’", "'")
                if part:
                    out.setdefault(head.lower(), []).append(part.lower())
    return out


def top_words(lang: str, n: int) -> list[str]:
    import build_vocabulary as bv

    stop = bv.load_stopwords()
    wn_index, _ = bv.load_wordnet()
    lemmas, _ = bv.vocabulary(lang, stop[lang], wn_index)
    return lemmas[:n]


def measure(lang: str, words: list[str], gold: dict, back: dict, sample: int, rng: random.Random) -> None:
    from summitcheck.analyse import vocabulary as v

    other = "en" if lang == "fr" else "fr"
    linked = [w for w in words if v.senses(w, lang)]
    known = [w for w in words if gold.get(w)]
    hits = [w for w in known if any(v.senses(w, lang) & v.senses(t, other) for t in gold[w])]
    print(
        f"{lang}->{other} linked   {len(linked) / len(words):.2f} ({len(linked)}/{len(words)})  "
        "top words with any sense"
    )
    print(
        f"{lang}->{other} coverage {len(hits) / max(1, len(known)):.2f} ({len(hits)}/{len(known)})  "
        f"top words FreeDict knows, linked to one of its translations"
    )
    pairs = sorted({(w, t) for w in known for t in v.translations(w, lang)})
    picked = rng.sample(pairs, min(sample, len(pairs)))
    good = sum(
        1
        for w, t in picked
        if t in gold.get(w, ()) or w in back.get(t, ()) or any(v.senses(t, other) & v.senses(g, other) for g in gold[w])
    )
    print(
        f"{lang}->{other} precision {good / max(1, len(picked)):.2f} on {len(picked)} sampled links "
        f"(FreeDict-confirmed, a lower bound)"
    )


JUDGED = ROOT / "benchmarks" / "vocabulary_judged.tsv"


def table_digest() -> str:
    import hashlib

    from summitcheck.analyse import vocabulary as v

    return hashlib.sha1(v.DATA_FILE.read_bytes()).hexdigest()[:12]


def sample_links(words: list[str], n: int, seed: int) -> list[tuple[str, str]]:
    """`n` (French top word, English lemma it is linked to) pairs, drawn at random."""
    from summitcheck.analyse import vocabulary as v

    pairs = sorted({(w, t) for w in words for t in v.translations(w, "fr")})
    return random.Random(seed).sample(pairs, min(n, len(pairs)))


def hand_checked(words: list[str], n: int, seed: int) -> None:
    """Precision on the hand-checked sample: its links that the table still makes (it may have been rebuilt)."""
    from summitcheck.analyse import vocabulary as v

    if not JUDGED.exists():
        print("fr->en hand-checked precision: no judged sample (write one with --dump-sample)")
        return
    lines = JUDGED.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines[1:] if line and not line.startswith("#")]
    held = [row for row in rows if row[1] in v.translations(row[0], "fr")]
    good = sum(1 for row in held if row[2] == "1")
    print(
        f"fr->en precision {good / max(1, len(held)):.2f} on {len(held)} sampled links, hand-checked "
        f"({JUDGED.name}: {len(rows)} judged, {len(rows) - len(held)} no longer made)"
    )


def false_friends() -> int:
    import yaml

    from summitcheck.analyse import vocabulary as v

    listed = yaml.safe_load((ROOT / "summitcheck" / "data" / "false_friends.yaml").read_text(encoding="utf-8"))
    deny = sorted({(fr, en) for fr, ens in listed["pairs"].items() for en in ens})
    more = sorted(set(MORE_FALSE_FRIENDS) - set(deny))
    bad = 0
    for label, pairs in (("deny-listed", deny), ("not deny-listed", more)):
        met = [(fr, en) for fr, en in pairs if v.link(fr, "fr", en, "en")]
        bad += len(met)
        print(f"false friends ({label}) linked {len(met)}/{len(pairs)}" + (f": {met}" if met else ""))
    missing = [(fr, en) for fr, en in TRUE_COGNATES if not v.link(fr, "fr", en, "en")]
    print(
        f"true cognates linked {len(TRUE_COGNATES) - len(missing)}/{len(TRUE_COGNATES)}"
        + (f": missing {missing}" if missing else "")
    )
    return bad


def memory() -> int:
    """Bytes the loaded table holds, measured in a fresh process (tracemalloc slows the load itself)."""
    code = (
        "import tracemalloc; tracemalloc.start(); from summitcheck.analyse import vocabulary as v; "
        "v.senses('participation', 'fr'); print(tracemalloc.get_traced_memory()[0])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return int(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=3000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--dump-sample", action="store_true", help=f"write links to judge by hand to {JUDGED.name}")
    args = parser.parse_args()
    if args.dump_sample:
        rows = sample_links(top_words("fr", args.top), args.sample, args.seed)
        text = f"# French\tEnglish\tright (1/0), judged by hand; table {table_digest()}\n"
        JUDGED.write_text(text + "".join(f"{f}\t{e}\t?\n" for f, e in rows), encoding="utf-8")
        print(f"wrote {len(rows)} links to {JUDGED}")
        return 0

    from summitcheck.analyse import vocabulary as v

    start = time.perf_counter()
    v.senses("participation", "fr")
    elapsed = time.perf_counter() - start
    current = memory()
    size = v.DATA_FILE.stat().st_size
    print(
        f"table {v.DATA_FILE.name} {size / 1e6:.2f} MB on disk, first call {elapsed:.3f} s "
        f"(load {v.load_seconds:.3f} s), {current / 1e6:.1f} MB in memory"
    )
    s = v.stats()
    print(
        f"lemmas fr {s['fr_lemmas']} ({s['fr_linked']} linked) en {s['en_lemmas']}; keys per linked lemma "
        f"fr {s['fr_keys_per_lemma']:.2f} "
        f"en {s['en_keys_per_lemma']:.2f}; English lemmas with antonyms {s['en_with_antonyms']}"
    )

    fe, ef = freedict("freedict-fra-eng"), freedict("freedict-eng-fra")
    rng = random.Random(args.seed)
    for lang, gold, back in (("fr", fe, ef), ("en", ef, fe)):
        words = top_words(lang, args.top)
        keys = [len(v.senses(w, lang)) for w in words]
        print(f"{lang} top {len(words)}: {sum(keys) / len(keys):.2f} sense keys per word on average")
        measure(lang, words, gold, back, args.sample, rng)
        if lang == "fr":
            hand_checked(words, args.sample, args.seed)
    return 1 if false_friends() else 0


if __name__ == "__main__":
    raise SystemExit(main())
