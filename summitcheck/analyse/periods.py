"""Quarters and halves of a year: "Q3", "third quarter", "troisième trimestre", "H1", "first half", "premier
semestre", and "Q3 2025" with its year.

A period is an identifier in the namespace `#quarter` or `#half` whose value is its number, with the year when
the text gives one right after it ("3/2025"). Read before ordinals, which would take "troisième" alone.
"""

from __future__ import annotations

import re

from ..model import Kind
from .scan import Scan
from .units import ORDINAL_WORDS

CODE = re.compile(r"([QqHhTtSs])([1-4])\Z")  # Q3, H1, T3 (trimestre), S1 (semestre)
CODE_NAMESPACE = {"q": "#quarter", "t": "#quarter", "h": "#half", "s": "#half"}
NOUNS = {
    "quarter": "#quarter",
    "trimestre": "#quarter",
    "half": "#half",
    "semestre": "#half",
    "half-year": "#half",
}
MOST = {"#quarter": 4, "#half": 2}


def extract(scan: Scan) -> None:
    for i in range(len(scan.tokens)):
        if scan.taken[i]:
            continue
        found = _code(scan, i) or _named(scan, i)
        if found is None:
            continue
        namespace, number, end = found
        scan.add(Kind.IDENTIFIER, (namespace, str(number)), i, end)


def _code(scan: Scan, i: int) -> tuple[str, int, int] | None:
    """ "Q3", "H1": only capitalised, and "T3"/"S1" only in French, where they abbreviate trimestre/semestre."""
    match = CODE.match(scan.tokens[i].text)
    if match is None or not match.group(1).isupper():
        return None
    letter = match.group(1).lower()
    if letter in "ts" and scan.lang != "fr":
        return None
    return CODE_NAMESPACE[letter], int(match.group(2)), i + 1


def _named(scan: Scan, i: int) -> tuple[str, int, int] | None:
    """ "third quarter", "troisième trimestre", "first half" (of a year: the noun must follow the ordinal)."""
    number = ORDINAL_WORDS.get(scan.tokens[i].norm)
    namespace = NOUNS.get(scan.norm(i + 1))
    if number is None or namespace is None or number > MOST[namespace] or not scan.free(i + 1):
        return None
    return namespace, number, i + 2
