"""Choose the linking threshold, margin and count of tools/build_vocabulary.py on a development set.

    python tools/tune_vocabulary.py

The development words are French lemmas ranked past the benchmark's first 3,000 (benchmarks/vocabulary.py
measures on the first 3,000, so they are held out), judged against FreeDict fra-eng read from the Debian
package. Only three numbers come out of this; no FreeDict entry goes into the table.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import build_vocabulary as bv  # noqa: E402
import vocabulary as bench  # noqa: E402

WEIGHTS = [float(x) for x in sys.argv[1].split(",")] if len(sys.argv) > 1 else [1.0, 2.0]
THRESHOLDS = [float(x) for x in sys.argv[2].split(",")] if len(sys.argv) > 2 else [3.0, 4.0, 5.0]


def main() -> None:
    stop = bv.load_stopwords()
    banned = bv.load_false_friends()
    wn_index, synsets = bv.load_wordnet()
    fr, _ = bv.vocabulary("fr", stop["fr"], wn_index)
    en, _ = bv.vocabulary("en", stop["en"], wn_index)
    components = bv.component_scores(fr, en, bv.glosses(en, wn_index, synsets), Path("/tmp/summitcheck-vocab-build"))
    gold = bench.freedict("freedict-fra-eng")
    back = bench.freedict("freedict-eng-fra")
    en_set = set(en)
    dev = [w for w in fr[3000:] if any(t in en_set for t in gold.get(w, ()))]
    print(f"{len(dev)} development words")
    dev_set = set(dev)
    for weight in WEIGHTS:
        cands = bv.candidates(bv.combine(components, weight))
        best = np.sort(cands[0][1][:, 0])
        print(f"weight {weight}: French words' best score, quartiles {np.percentile(best, [25, 50, 75]).round(2)}")
        for threshold in THRESHOLDS:
            for margin in (0.5, 1.0):
                for top in (2, 3):
                    for mutual in (0, 5):
                        table = bv.links(cands, fr, en, banned, threshold, margin, top, mutual)
                        linked = [w for w in dev if table.get(w)]
                        right = [w for w in linked if set(table[w]) & set(gold[w])]
                        pairs = [(w, e) for w in dev_set for e in table.get(w, ())]
                        good = [p for p in pairs if p[1] in gold[p[0]] or p[0] in back.get(p[1], ())]
                        print(
                            f"weight {weight} threshold {threshold} margin {margin} top {top} mutual {mutual}: "
                            f"linked {len(linked) / len(dev):.2f} "
                            f"right {len(right) / len(dev):.2f} link precision {len(good) / max(1, len(pairs)):.2f} "
                            f"({len(pairs) / max(1, len(linked)):.2f} links a word)"
                        )


if __name__ == "__main__":
    main()
