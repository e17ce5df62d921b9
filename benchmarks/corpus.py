"""A synthetic corpus made from the project's real seeds and claims, for benchmarks.

Seeds: a real article (seeds/, tests/seeds/) with its paragraphs reshuffled, sentences of the per-kind case seeds
(tests/cases/kinds.yaml) of the same language added until the seed is about 3 KB, and then varied: numbers scaled,
years shifted (the `date` header too), fictional names swapped. Claims: the real claims written for that article and
for the added case sentences, most with the same variation (so a supported claim stays supported), some with
another one (a changed number, year or name: contradicted or unsupported), some left as they were.

Everything is drawn from a seeded random generator: the same arguments always give the same files.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
NUMBER = re.compile(r"(?<![\w/])(\d{1,3}(?:([.,\u00a0\u202f ])\d{3})+|\d+)(?:([.,])(\d+))?(?![\w/]|[.,]\d)")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
HEADER = re.compile(r"\A\s*date\s+(\d{4})(-\d{2}(?:-\d{2})?)?\s*")
# Fictional people of the test seeds, swapped for others of the same shape (first name, surname).
NAMES = {
    "Anton Vessel": "Vessel", "Mira Sokol": "Sokol", "Elena Varga": "Varga", "Tamás Kertész": "Kertész",
}
OTHER_NAMES = ["Ivo Darden", "Lena Markov", "Piet Ostrova", "Nadia Kell", "Oskar Brenn", "Ilse Varo",
               "Jonas Tamm", "Vera Lind", "Marek Sobel", "Anja Rusk"]


@dataclass
class Article:
    lang: str
    header: str  # "date 2019-04" or ""
    paragraphs: list[str]
    claims: list[str]


@dataclass
class Snippet:
    lang: str
    text: str
    claims: list[str] = field(default_factory=list)


def _real_articles() -> list[Article]:
    from summitcheck.load.seeds import load_seeds

    claims: dict[str, list[str]] = {}
    for path in sorted((ROOT / "claims").glob("**/*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for c in doc.get("claims", [doc] if "text" in doc else []):
            claims.setdefault(str(c.get("seed")), []).append(str(c["text"]))
    for path in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "seed" in doc:
            claims.setdefault(str(doc["seed"]), []).extend(str(c["claim"]) for c in doc["cases"])
    articles = []
    for folder in (ROOT / "seeds", ROOT / "tests" / "seeds"):
        for seed in load_seeds(folder):
            m = HEADER.match(seed.text)
            header = m.group(0).strip() if m else ""
            body = seed.text[m.end():] if m else seed.text
            paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
            articles.append(Article(seed.language, header, paragraphs, claims.get(seed.id, [])))
    return articles


def _snippets() -> list[Snippet]:
    doc = yaml.safe_load((ROOT / "tests" / "cases" / "kinds.yaml").read_text(encoding="utf-8"))
    out = []
    for case in doc["cases"]:
        text = HEADER.sub("", case["seed"]).strip()  # the article's header stands for the whole seed
        out.append(Snippet(case.get("lang", "en"), text, [case["claim"]]))
    return out


@dataclass
class Variation:
    """One consistent rewrite: numbers scaled, years shifted, names swapped."""

    factor: int = 1
    years: int = 0
    names: dict[str, str] = field(default_factory=dict)
    keep: frozenset[str] = frozenset()  # digit strings left alone (identifiers such as 2397)

    def apply(self, text: str) -> str:
        for old, new in self.names.items():
            text = text.replace(old, new)
        if self.years:
            text = YEAR.sub(lambda m: str(int(m.group()) + self.years), text)
        if self.factor != 1:
            text = NUMBER.sub(self._number, text)
        return text

    def _number(self, m: re.Match[str]) -> str:
        whole, group, dec_sep, decimals = m.group(1), m.group(2), m.group(3), m.group(4)
        digits = whole.replace(group, "") if group else whole
        if YEAR.fullmatch(digits) or (len(digits) == 1 and not decimals) or m.group() in self.keep:
            return m.group()  # years are shifted apart; "5th", "3 %" of one digit stay readable
        value = int(digits) * self.factor
        out = f"{value:,}".replace(",", group) if group else str(value)
        return out + (dec_sep + decimals if decimals else "")


def _variation(rng: random.Random) -> Variation:
    names = {}
    for full, surname in NAMES.items():
        if rng.random() < 0.5:
            other = rng.choice(OTHER_NAMES)
            names[full] = other
            names[surname] = other.split()[1]
    return Variation(rng.choice([1, 1, 2, 3]), rng.choice([0, 0, -1, 1, 2]), names)


def _changed(v: Variation, rng: random.Random) -> Variation:
    """Another variation for a claim that should no longer be supported: one thing changed."""
    what = rng.choice(["factor", "years", "names"])
    if what == "factor":
        return Variation(v.factor + rng.choice([1, 2]), v.years, v.names)
    if what == "years":
        return Variation(v.factor, v.years + rng.choice([-3, 1, 4]), v.names)
    return Variation(v.factor, v.years, {**v.names, **{k: rng.choice(OTHER_NAMES) for k in NAMES}})


def make_seed(rng: random.Random, articles: list[Article], snippets: list[Snippet], size: int = 3000
              ) -> tuple[str, list[tuple[str, str]]]:
    """(seed text, [(claim text, how it was made)]) for one synthetic seed of about `size` characters."""
    article = rng.choice(articles)
    paragraphs = article.paragraphs[:1] + rng.sample(article.paragraphs[1:], len(article.paragraphs) - 1)
    claims = [(c, "article") for c in article.claims]
    same_lang = [s for s in snippets if s.lang == article.lang]
    while sum(len(p) + 2 for p in paragraphs) < size * 0.9 and same_lang:
        snippet = rng.choice(same_lang)
        paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), snippet.text)
        claims += [(c, "snippet") for c in snippet.claims]
    while sum(len(p) + 2 for p in paragraphs) > size * 1.3 and len(paragraphs) > 2:
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    v = _variation(rng)
    header = article.header
    if header and v.years:
        year = int(header.split()[1][:4])
        header = header.replace(str(year), str(year + v.years), 1)
    text = (header + " " if header else "") + v.apply("\n\n".join(paragraphs)) + "\n"
    out = []
    for claim, origin in claims:
        r = rng.random()
        if r < 0.6:
            out.append((v.apply(claim), origin + ":same"))
        elif r < 0.85:
            out.append((_changed(v, rng).apply(claim), origin + ":changed"))
        else:
            out.append((claim, origin + ":as-written"))
    return text, out


def write_corpus(out: Path, seeds: int, claims: int, global_share: float = 0.01, seed: int = 2019,
                 size: int = 3000) -> dict:
    """Write out/seeds/*.txt and out/claims/*.yaml; return a summary. `global_share` of the claims name no seed."""
    rng = random.Random(seed)
    articles, snippets = _real_articles(), _snippets()
    (out / "seeds").mkdir(parents=True, exist_ok=True)
    (out / "claims").mkdir(parents=True, exist_ok=True)
    pools: list[list[tuple[str, str]]] = []
    total_bytes = 0
    for k in range(seeds):
        text, pool = make_seed(rng, articles, snippets, size)
        path = out / "seeds" / f"s{k:05d}.txt"
        path.write_text(text, encoding="utf-8")
        total_bytes += len(text.encode("utf-8"))
        pools.append(pool)
    per_file: dict[int, list[dict]] = {}
    anywhere = 0
    for n in range(claims):
        k = n % seeds  # every seed gets its share of the claims
        text, how = rng.choice(pools[k])
        claim = {"id": f"c{n:06d}", "text": text}
        if rng.random() >= global_share:
            claim["seed"] = f"s{k:05d}"
        else:
            anywhere += 1
        claim["tags"] = [how.replace(":", "-")]
        per_file.setdefault(n // 250, []).append(claim)
    for f, items in per_file.items():
        (out / "claims" / f"c{f:04d}.yaml").write_text(
            yaml.safe_dump({"claims": items}, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return {"seeds": seeds, "claims": claims, "global": anywhere, "seed_bytes": total_bytes,
            "claim_files": len(per_file)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seeds", type=int, default=100)
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--global-share", type=float, default=0.01)
    parser.add_argument("--random-seed", type=int, default=2019)
    args = parser.parse_args()
    print(write_corpus(args.out, args.seeds, args.claims, args.global_share, args.random_seed))


if __name__ == "__main__":
    main()
