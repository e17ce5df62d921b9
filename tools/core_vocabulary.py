"""Apply the reviewed core vocabulary (tools/vocabulary_core/*.tsv) over the encoder-derived links of the table.

The encoders miss or confuse many of the most frequent words ("hear" had no French link, "cup" went to "cul",
"shut" to "open"): a word alone, without context, embeds by its spelling as much as by its meaning. The core
lists give, for the 3,000 most frequent French and English lemmas of the table, their usual translations, written
and reviewed for summitcheck (MIT). How they apply:

- fr-en.tsv, a French lemma's translations, replaces that lemma's links: a reviewed word keeps no machine guess;
- en-fr.tsv, an English lemma's translations, adds that lemma to each French word's links;
- a translation is mapped to the table's lemma (an inflected form to its lemma: "won" -> "win"); one the table
  lacks becomes a lemma of its own, with its own key and its stem in the stem index (never merged with a lemma
  by the stem they share: "assurément" is not "assurer");
- a participle the table keeps as a lemma of its own ("entendu", "fermé") and no list reviews takes the links of
  its reviewed verb ("entendre", "fermer");
- the deny-listed false friends (summitcheck/data/false_friends.yaml) are never linked, nor through a synonym
  whose keys hold the look-alike.

Applying it twice gives the same table. tools/build_vocabulary.py applies it as its last step; this script applies
it to the shipped table alone (the encoders' links of a reviewed word are then gone from that table until the
next full build).

Usage: python tools/core_vocabulary.py [--table PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import snowballstemmer
import yaml

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "tools" / "vocabulary_core"
DATA = ROOT / "summitcheck" / "data"
TABLE = DATA / "vocabulary.json.gz"
sys.path.insert(0, str(ROOT))
from summitcheck.analyse.vocabulary import fold  # noqa: E402  (the runtime's folding, which the stems must match)


def load_false_friends() -> set[tuple[str, str]]:
    data = yaml.safe_load((DATA / "false_friends.yaml").read_text(encoding="utf-8"))
    return {(fr, en) for fr, ens in data["pairs"].items() for en in ens}


def read_core(path: Path) -> dict[str, list[str]]:
    """lemma -> translations, from a core list (comments and blank lines skipped)."""
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, translations = line.partition("\t")
        out[word.strip()] = [t for t in translations.split("|") if t]
    return out


class _Lemmas:
    """The table's lemma for a word of one language: itself, or its lemma as an inflected form."""

    def __init__(self, table: dict, lang: str):
        self.entries = table["en"] if lang == "en" else table["fr"]
        self.forms = table["forms"][lang]
        self.stems = table["stems"][lang]
        self.lang = lang
        self.stemmer = snowballstemmer.stemmer("english" if lang == "en" else "french")

    def stem(self, word: str) -> str:
        return fold(self.stemmer.stemWord(word))

    def of(self, word: str) -> str | None:
        if word in self.forms and self.lang == "en":
            return self.forms[word]  # "won" is the verb's past before the currency
        if word in self.entries:
            return word
        # not by its stem: "assurément" is no form of "assurer", though both stem to "assur"
        return self.forms.get(word)

    def add(self, word: str, value: str) -> None:
        """A new lemma, with its stem indexed so that its inflected forms find it."""
        self.entries[word] = value
        key = self.stem(word)
        known = self.stems.get(key, "")
        self.stems[key] = "|".join(dict.fromkeys([*known.split("|"), word])) if known else word


# A French past participle's masculine ending and the infinitive endings it may come from: "fermé" fermer,
# "entendu" entendre, "choisi" choisir (feminine forms are often nouns of their own: "jetée", "revue")
PARTICIPLES = (("é", ("er",)), ("u", ("re", "oir")), ("i", ("ir",)))


def _verb_of(lemma: str, reviewed: dict[str, list[str]]) -> str | None:
    """The reviewed French verb a participle lemma is a form of, if one is."""
    for ending, infinitives in PARTICIPLES:
        if lemma.endswith(ending) and len(lemma) > len(ending) + 3:
            stem = lemma[: -len(ending)]
            return next((stem + i for i in infinitives if stem + i in reviewed), None)
    return None


def apply(table: dict, fr_en: dict[str, list[str]], en_fr: dict[str, list[str]],
          banned: set[tuple[str, str]]) -> dict[str, int]:
    """In place: the core lists over the table's links. Returns counts of what changed."""
    en, fr = _Lemmas(table, "en"), _Lemmas(table, "fr")
    links = {f: es.split("|") if es else [] for f, es in table["fr"].items()}
    counts = {"fr_replaced": 0, "fr_added": 0, "en_added": 0, "links_added": 0, "participles": 0}

    def english(word: str) -> str:
        lemma = en.of(word)
        if lemma is None:
            en.add(word, word)
            table["pos"].setdefault(word, "")
            counts["en_added"] += 1
            lemma = word
        return lemma

    for word, translations in fr_en.items():
        lemma = fr.of(word) or word
        new = [e for e in dict.fromkeys(english(t) for t in translations) if (lemma, e) not in banned]
        if links.get(lemma) != new:
            counts["fr_replaced"] += 1
        links[lemma] = new
    added: dict[str, list[str]] = {}  # what the English lists gave each French lemma
    for word, translations in en_fr.items():
        target = english(word)
        for t in translations:
            lemma = fr.of(t)
            if lemma is None:
                lemma = t
                links[lemma] = []
                fr.add(lemma, "")
                counts["fr_added"] += 1
            if (lemma, target) in banned or (lemma, word) in banned:
                continue
            added.setdefault(lemma, []).append(target)
            if target not in links[lemma]:
                links[lemma].append(target)
                counts["links_added"] += 1
    # a faux ami stays apart through the other words of its meaning too: "assister" may not link to "help",
    # whose keys hold "assist"
    for lemma, word in banned:
        if lemma in links:
            links[lemma] = [e for e in links[lemma] if word != e and word not in table["en"].get(e, "").split("|")]
    # a participle the table keeps as a lemma of its own ("entendu", "fermé") and no French list reviews means
    # what its reviewed verb means, and what the English lists gave it
    for lemma in list(links):
        verb = _verb_of(lemma, fr_en)
        if verb is not None and lemma not in fr_en:
            links[lemma] = [*links[verb], *(e for e in added.get(lemma, ()) if e not in links[verb])]
            counts["participles"] += 1
    table["fr"] = {k: "|".join(v) for k, v in sorted(links.items())}
    table["en"] = dict(sorted(table["en"].items()))
    return counts


def apply_core(table: dict) -> dict[str, int]:
    """The shipped core lists over `table`, in place."""
    return apply(table, read_core(CORE / "fr-en.tsv"), read_core(CORE / "en-fr.tsv"), load_false_friends())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--table", type=Path, default=TABLE)
    ap.add_argument("--out", type=Path, default=TABLE)
    a = ap.parse_args()
    table = json.loads(gzip.decompress(a.table.read_bytes()))
    print(apply_core(table))
    data = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    a.out.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


if __name__ == "__main__":
    main()
