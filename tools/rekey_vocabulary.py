"""Redo only the WordNet steps of tools/build_vocabulary.py (English keys, irregular forms) on a built table.

The French <-> English links come from the encoders and take 25 minutes to rebuild; the English sense keys and
the irregular forms come from WordNet alone. This recomputes them from WordNet 3.0 (/usr/share/wordnet, with
cntlist.rev and the *.exc files) with the build's functions, keeps the links, and unlinks the deny-listed false
friends again against the new keys. Running it twice with the same settings gives the same table.

Usage: python tools/rekey_vocabulary.py [--table PATH] [--out PATH] [--share 0.33] [--no-exceptions] [--any-synonym]
  --share inf gives first-synset keys (the build before these steps), --no-exceptions leaves the forms alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_vocabulary as bv


def rekey(
    table: dict,
    share: float = bv.SENSE_SHARE,
    min_count: int = bv.SENSE_MIN_COUNT,
    most: int = bv.SENSE_MAX,
    exceptions: bool = True,
    primary: bool = True,
) -> dict[str, int]:
    """In place: the table's English keys and forms, recomputed from WordNet. Returns counts of what changed."""
    wn_index, synsets = bv.load_wordnet()
    counts = bv.load_sense_counts()
    en_set = set(table["pos"])  # every English lemma of the table, linked or not
    en_senses = {
        lemma: bv.sense_keys(lemma, wn_index, synsets, en_set, counts, share, min_count, most, primary)
        for lemma in sorted(en_set)
    }
    forms = table["forms"]["en"]
    added: dict[str, str] = {}
    merged: dict[str, str] = {}
    if exceptions:
        added, merged = bv.exception_forms(en_senses, forms, bv.load_exceptions(), wn_index, counts)
        bv.merge_keys(en_senses, merged)
    fr_links = {f: es.split("|") if es else [] for f, es in table["fr"].items()}
    bv.unlink_false_friends(fr_links, table["forms"]["fr"], en_senses, bv.load_false_friends())

    new_en = {k: "|".join(v) for k, v in sorted(en_senses.items()) if v}
    new_fr = {k: "|".join(v) for k, v in sorted(fr_links.items())}
    changed = {
        "en_keys_changed": sum(1 for k, v in new_en.items() if table["en"].get(k) != v),
        "forms_added": sum(1 for f in added if f not in forms),
        "forms_changed": sum(1 for f in added if f in forms),
        "lemmas_merged": len(merged),
        "fr_unlinked": sum(1 for k, v in new_fr.items() if table["fr"][k] != v),
    }
    table["en"] = new_en
    table["fr"] = new_fr
    table["forms"]["en"] = {**forms, **added}
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", type=Path, default=bv.DATA / "vocabulary.json.gz")
    parser.add_argument("--out", type=Path, help="default: overwrite --table")
    parser.add_argument("--share", type=float, default=bv.SENSE_SHARE)
    parser.add_argument("--min-count", type=int, default=bv.SENSE_MIN_COUNT)
    parser.add_argument("--most", type=int, default=bv.SENSE_MAX, help="synsets looked at per part of speech")
    parser.add_argument("--no-exceptions", action="store_true", help="leave the forms and lemma keys alone")
    parser.add_argument("--any-synonym", action="store_true", help="a further synset lends all its lemmas' keys")
    args = parser.parse_args()
    table = json.loads(gzip.decompress(args.table.read_bytes()))
    changed = rekey(table, args.share, args.min_count, args.most, not args.no_exceptions, not args.any_synonym)
    out = args.out or args.table
    raw = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB): " + ", ".join(f"{k} {v}" for k, v in changed.items()))


if __name__ == "__main__":
    main()
