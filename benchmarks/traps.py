#!/usr/bin/env python3
"""Score the installed checker on the binding traps (tests/binding/traps.yaml) and print one summary line:
accuracy (verdict and evidence), verdict accuracy, support recall, false supports, and passes per kind.

Usage: python benchmarks/traps.py [--show-misses] [--write-lists]
  --show-misses   one line per failing row (false supports first)
  --write-lists   rewrite tests/binding/known_failures.txt and false_supports.txt from this run
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

BINDING = Path(__file__).resolve().parent.parent / "tests" / "binding"
sys.path.insert(0, str(BINDING))
import harness  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--write-lists", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        os.environ.setdefault("SUMMITCHECK_CACHE_DIR", cache)
        rows = harness.load_rows()
        outcomes = harness.run_rows(rows)
    failing = [o for o in outcomes.values() if not o.passed]
    if a.show_misses:
        claims = {r["id"]: r["claim"] for r in rows}
        for o in sorted(failing, key=lambda o: (not o.false_support, o.kind, o.id)):
            tag = "FALSE SUPPORT" if o.false_support else "miss"
            print(f"  {tag} {o.id} [{o.kind}, {o.lang}] {claims[o.id]!r}: {o.describe()}")
    if a.write_lists:
        head = "# Binding-trap rows the checker fails today, one id a line (benchmarks/traps.py --write-lists).\n"
        fs = sorted(o.id for o in failing if o.false_support)
        kn = sorted(o.id for o in failing if not o.false_support)
        harness.KNOWN_FAILURES.write_text(head + "".join(i + "\n" for i in kn), encoding="utf-8")
        harness.FALSE_SUPPORTS.write_text(
            head.replace("fails today", "judges supported although they are not (false supports)")
            + "".join(i + "\n" for i in fs),
            encoding="utf-8",
        )
    print(harness.summary(outcomes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
