"""Demonyms and adjectives of places, by their morphology: "Rennes" / "rennais", "Lens" / "Lensois",
"Lyon" / "lyonnais", "Paris" / "parisien", "Chile" / "Chilean".

No table: a place's name and the word derived from it share a base, which is the name without a final e, es or s
(and a doubled consonant undone), and the derived word is that base with one of the suffixes both languages use.
CLDR and entities.yaml name states and their adjectives; this reaches the towns, regions and clubs a seed names.
"""

from __future__ import annotations

import functools

from .tokens import fold

# longest first: "ienne" before "ien" before "in"
SUFFIXES = tuple(sorted(
    {s + plural for s in ("ais", "aise", "ois", "oise", "ien", "ienne", "ain", "aine", "een", "eenne", "in", "ine",
                          "ian", "ean", "ese", "ish")
     for plural in ("", "s")},
    key=len, reverse=True,
))
MIN_BASE = 3


@functools.lru_cache(maxsize=16384)
def bases(name: str) -> frozenset[str]:
    """The bases a place's name can derive words from: "rennes" -> {rennes, renne, renn}."""
    word = fold(name)
    if " " in word or "-" in word or len(word) < MIN_BASE + 1 or not word.isalpha():
        return frozenset()
    out = {word}
    for ending in ("es", "e", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_BASE:
            out.add(word[: -len(ending)])
    return frozenset(out)


@functools.lru_cache(maxsize=65536)
def bases_of(word: str) -> frozenset[str]:
    """The bases a word built as a demonym may stand on: "rennais" -> {renn, ren}, "lyonnais" -> {lyonn, lyon}."""
    word = fold(word)
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_BASE:
            base = word[: -len(suffix)]
            if base[-1] == base[-2]:
                return frozenset({base, base[:-1]})  # lyonn-ais, marseill-ais
            return frozenset({base})
    return frozenset()


def derived_from(word: str, name: str) -> bool:
    """Whether `word` is a demonym or adjective of the place `name`."""
    return not bases_of(word).isdisjoint(bases(name))
