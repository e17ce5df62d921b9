"""What the analysers know: entities with their aliases, the bilingual concept lexicon, stopwords.

All of it is data (summitcheck/data/*.yaml, plus CLDR country names from babel), indexed by token keys so that
a phrase is found in running text by a longest-match scan. Users extend it with their own files of the same shape.
"""

from __future__ import annotations

import dataclasses
import functools
import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .tokens import Token, fold, phrase_keys, phrase_norms, tokenize

DATA = Path(__file__).resolve().parent.parent / "data"
LANGS = ("en", "fr")


@dataclass(frozen=True)
class Entity:
    id: str
    type: str  # person | state | city | region | site | org
    metonym_for: str | None = None
    part_of: str | None = None
    inside: str | None = None  # the state a city, site or region lies in
    office: bool = False  # a person the table knows by an office ("président russe"): a leader


@dataclass(frozen=True)
class Entry:
    """One phrase of the index: what it stands for, and for titles, the years it held."""

    keys: tuple[str, ...]
    kind: str  # "entity" | "term" | "stop"
    target: str
    form: str = "name"  # name | short | title | adjective | word
    years: tuple[int | None, int | None] = (None, None)
    words: tuple[str, ...] = ()  # a concept's words as written (folded), which a stem match must resemble
    # the languages whose texts may write it (a concept's word: its list's; empty: any, as names): English
    # "report" is no French "report" (postponement), nor "court" French "court" (short)
    langs: frozenset[str] = frozenset()


def _distinct(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """Entries in order, one per meaning and language (phrases filters them by the text's language)."""
    return distinct(entries, by_language=True)


def distinct(entries: Iterable[Entry], by_language: bool = False) -> tuple[Entry, ...]:
    """Entries in order, one per meaning: an English and a French word of one concept with the same stem
    ("reform", "réforme") are one reading."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for e in entries:
        k = (e.keys, e.kind, e.target, e.form, e.years, e.langs if by_language else ())
        if k not in seen:
            seen.add(k)
            out.append(e)
    return tuple(out)


# Function words the stopword list keeps for what they say ("contre", "sans", "avant"): a lexicon word they are
# not, whatever its stem ("contre" is no "contrée", "plus" no "plusieurs")
FUNCTION_WORDS = frozenset(
    "contre pour sans avant apres depuis pendant selon vers entre sous sur plus moins tres tout tous toute toutes "
    "against without before after since during until over under more less".split()
)


def written_alike(token: str, word: str) -> bool:
    """Whether a word whose stem is a lexicon word's is an inflection or derivation of it, not another word the
    stemmer cuts to the same stem: "manifestants", "condamné", "évacuation" are, "département" is not "départ",
    nor "communes" "communiste". The common start must reach within three letters of the lexicon word's end,
    and the word be at most four letters longer and at most two shorter ("moyen" / "moyenne"), and four letters
    long at least ("del" is no "délai")."""
    if token == word:
        return True
    if token in FUNCTION_WORDS:
        return False
    common = 0
    for a, b in zip(token, word, strict=False):
        if a != b:
            break
        common += 1
    return common >= len(word) - 3 and min(len(word), max(4, len(word) - 2)) <= len(token) <= len(word) + 4


EXACT_FORMS = frozenset({"name", "short"})  # proper names are compared unstemmed: "Lee" is not "les"
NO_GAPS: frozenset[str] = frozenset()
INSIDE_MEMO = 16384  # spans whose inner phrases PhraseIndex.inside keeps


def exact_key(token: Token) -> str:
    """How a name's word is compared: folded, except acronyms, which keep their case ("UN" is not "un")."""
    return token.key if token.key.isupper() else token.norm


@dataclass
class PhraseIndex:
    """Phrases by their first key. Names are keyed by folded words, common words by stems."""

    by_first: dict[str, list[Entry]] = field(default_factory=dict)
    # Names and titles of two words or more, by their first two keys: "président" alone starts 180 titles.
    by_pair: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)
    # Set by freeze(), to try at a token only the entries that can be written there: the one-word entries of a first
    # key (all, those compared by key, those compared by spelling), the second keys of its longer entries (concepts),
    # and the first keys of by_pair.
    one_word: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    one_word_by_key: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    one_word_exact: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    seconds: dict[str, frozenset[str]] = field(default_factory=dict)
    pair_firsts: frozenset[str] = frozenset()
    # first key -> the second keys of every entry of two words or more starting with it (by_first's and by_pair's)
    longer: dict[str, frozenset[str]] = field(default_factory=dict)
    # keys that an English and a French word of different concepts share ("court": a court, "court": short): a
    # text meets only its own language's entries of them
    split: frozenset[tuple[str, ...]] = frozenset()
    _inside: dict[tuple[tuple[str, str, str], ...], tuple[Entry, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_inside": {}}  # a memo: not worth storing

    def add(self, entry: Entry) -> None:
        if entry.keys:
            self.by_first.setdefault(entry.keys[0], []).append(entry)

    def freeze(self) -> None:
        """Longest phrases first, without duplicates, in a fixed order; fixed phrases also by their first pair."""
        order = lambda e: (-len(e.keys), e.kind != "entity", e.target, e.form)  # noqa: E731
        loose: dict[str, list[Entry]] = {}
        for first, bucket in self.by_first.items():
            for entry in set(bucket):
                if len(entry.keys) > 1 and entry.kind != "term":  # no gaps: its second word comes next
                    self.by_pair.setdefault(entry.keys[:2], []).append(entry)
                else:
                    loose.setdefault(first, []).append(entry)
        self.by_first = {k: sorted(v, key=order) for k, v in loose.items()}
        targets: dict[tuple[str, ...], dict[str, set[str]]] = {}
        for bucket in self.by_first.values():
            for e in bucket:
                for lang in e.langs:
                    targets.setdefault(e.keys, {}).setdefault(lang, set()).add(e.target)
        self.split = frozenset(k for k, by_lang in targets.items() if len(by_lang) > 1 and
                               not set.intersection(*by_lang.values()))
        self.by_pair = {k: sorted(v, key=order) for k, v in self.by_pair.items()}
        self.one_word = {k: tuple([e for e in v if len(e.keys) == 1]) for k, v in self.by_first.items()}
        self.one_word_by_key = {k: tuple([e for e in v if e.form not in EXACT_FORMS]) for k, v in self.one_word.items()}
        self.one_word_exact = {k: tuple([e for e in v if e.form in EXACT_FORMS]) for k, v in self.one_word.items()}
        self.seconds = {k: frozenset(e.keys[1] for e in v if len(e.keys) > 1) for k, v in self.by_first.items()}
        self.pair_firsts = frozenset(first for first, _ in self.by_pair)
        longer: dict[str, set[str]] = {first: set(seconds) for first, seconds in self.seconds.items() if seconds}
        for first, second in self.by_pair:
            longer.setdefault(first, set()).add(second)
        self.longer = {first: frozenset(seconds) for first, seconds in longer.items()}

    def _end(
        self,
        entry: Entry,
        tokens: Sequence[Token],
        i: int,
        limit: int,
        taken: Sequence[bool] | None,
        skippable: frozenset[str],
    ) -> int | None:
        """Where `entry` ends if it is written from token i on, or None. A concept's words may have up to two
        function words between them ("send them home", "put him in power"); a name's may not."""
        exact = entry.form in EXACT_FORMS
        k, gaps = i, 0
        for j, wanted in enumerate(entry.keys):
            while True:
                if k >= limit or (taken is not None and taken[k]):
                    return None
                if (tokens[k].exact if exact else tokens[k].key) == wanted and (
                    not entry.words or written_alike(tokens[k].norm, entry.words[j])
                ):
                    break
                if j == 0 or exact or entry.kind != "term" or gaps == 2 or tokens[k].norm not in skippable:
                    return None
                k, gaps = k + 1, gaps + 1
            k += 1
        return k

    def _phrases(self, tokens: Sequence[Token], i: int, end: int) -> list[Entry]:
        """Entries of two words or more that may start at token i and end by `end`, longest first (then in the
        order of by_first and by_pair)."""
        token = tokens[i]
        lists = [self._longer(tokens, i, end, token.key)]
        if token.exact != token.key:
            lists.append(self._longer(tokens, i, end, token.exact))
        if i + 1 < end and (token.key in self.pair_firsts or token.exact in self.pair_firsts):
            after = tokens[i + 1]
            lists.append(self.by_pair.get((token.key, after.key), []))
            if token.exact != token.key or after.exact != after.key:
                lists.append(self.by_pair.get((token.exact, after.exact), []))
        found = [entries for entries in lists if entries]
        if len(found) <= 1:
            return found[0] if found else []
        return sorted((e for entries in found for e in entries), key=lambda e: -len(e.keys))

    def _longer(self, tokens: Sequence[Token], i: int, end: int, first: str) -> list[Entry]:
        """The entries of by_first[first] of two words or more whose second word is among the three tokens after
        token i (at most two words come between a concept's first and second; the only such entries are
        concepts, compared by key: names and titles are in by_pair)."""
        seconds = self.seconds.get(first)
        if not seconds:
            return []
        near = {tokens[k].key for k in range(i + 1, min(end, i + 4))}
        if seconds.isdisjoint(near):
            return []
        return [e for e in self.by_first[first] if len(e.keys) > 1 and e.keys[1] in near]

    def may_be_longer(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether an entry of two words or more may start at token i: one starts with its key or spelling, and
        has its second word among the three tokens after (the test _phrases makes, in short)."""
        token = tokens[i]
        seconds = self.longer.get(token.key)
        if token.exact != token.key:
            spelled = self.longer.get(token.exact)
            if spelled is not None:
                seconds = spelled if seconds is None else seconds | spelled
        if seconds is None:  # most words
            return False
        return any(after.key in seconds or after.exact in seconds for after in tokens[i + 1 : i + 4])

    def one_word_at(self, token: Token) -> tuple[Entry, ...]:
        """The one-word entries written as `token`, in by_first's order: a name's is compared with the token's
        spelling (exact), any other with its key."""
        if token.exact == token.key:
            found = self.one_word.get(token.key, ())
        else:
            found = self.one_word_by_key.get(token.key, ()) + self.one_word_exact.get(token.exact, ())
        if any(e.words for e in found):
            found = _distinct(e for e in found if not e.words or written_alike(token.norm, e.words[0]))
        return found

    def starting(self, tokens: Sequence[Token], i: int, end: int) -> Sequence[Entry]:
        """Every entry, of any length, written from token i and ending by token `end` (without gaps), longest
        first."""
        if i >= end:
            return []
        if end - i == 1 or not self.may_be_longer(tokens, i):  # one word: no phrase of two can end by `end`
            return self.one_word_at(tokens[i])
        found = [e for e in self._phrases(tokens, i, end) if self._end(e, tokens, i, end, None, NO_GAPS) is not None]
        return _distinct([*found, *self.one_word_at(tokens[i])])

    def inside(self, tokens: Sequence[Token], i: int, j: int) -> tuple[Entry, ...]:
        """Every entry written from one of the tokens i..j-1 and ending by j, as starting() finds them token after
        token. Memoised by the words of the span (what starting() reads of them): a text repeats its phrases."""
        span = tuple([(t.key, t.exact, t.norm) for t in tokens[i:j]])
        found = self._inside.get(span)
        if found is None:
            if len(self._inside) >= INSIDE_MEMO:
                self._inside.clear()
            found = self._inside[span] = tuple([e for k in range(i, j) for e in self.starting(tokens, k, j)])
        return found

    def longest(
        self, tokens: Sequence[Token], i: int, taken: Sequence[bool], skippable: frozenset[str] = frozenset()
    ) -> tuple[Sequence[Entry], int]:
        """The entries with the most words written from token i on free tokens, and the token where they end."""
        best: list[Entry] = []
        best_end = i
        for entry in self._phrases(tokens, i, len(tokens)) if self.may_be_longer(tokens, i) else ():
            if best and len(entry.keys) < len(best[0].keys):
                break
            end = self._end(entry, tokens, i, len(tokens), taken, skippable)
            if end is None:
                continue
            if best and end != best_end:
                continue  # same length, another reach: keep the first (entities sort first)
            best.append(entry)
            best_end = end
        if best or taken[i]:
            return _distinct(best), best_end
        one_word = self.one_word_at(tokens[i])  # no longer phrase: the one-word entries, all ending at the next token
        return one_word, i + 1 if one_word else i


@dataclass
class Knowledge:
    entities: dict[str, Entity]
    index: PhraseIndex
    implied_by: dict[str, frozenset[str]]  # concept -> concepts or fact kinds whose presence implies it
    opposites: dict[str, frozenset[str]]  # concept -> concepts that say the opposite
    stopwords: dict[str, frozenset[str]]  # language -> folded words
    office_concepts: frozenset[str] = frozenset()  # concepts a person known by an office stands for ("leaders")

    def is_stopword(self, token: Token, lang: str) -> bool:
        return token.norm in self.stopwords.get(lang, frozenset())

    def related(self, a: str, b: str) -> bool:
        """Whether two entity ids can name the same actor: the same, a capital standing for its state, or a body
        of an organisation standing for it (the Security Council for the UN)."""
        if a == b:
            return True
        ea, eb = self.entities.get(a), self.entities.get(b)
        return bool((ea and ea.metonym_for == b) or (eb and (eb.metonym_for == a or eb.part_of == a)))

    def within(self, place: str, area: str) -> bool:
        """Whether `place` lies in `area` (Vladivostok in Russia)."""
        seen = set()
        while place and place not in seen:
            seen.add(place)
            entity = self.entities.get(place)
            place = entity.inside if entity else None
            if place == area:
                return True
        return False

    def word_ids(self, tokens: Sequence[Token], i: int) -> list[str]:
        """Concepts or entities a single word stands for ("points" -> point), else its key."""
        ids = [e.target for e in self.starting_one(tokens, i) if e.kind in ("term", "entity")]
        return ids or [tokens[i].key]

    def starting_one(self, tokens: Sequence[Token], i: int) -> list[Entry]:
        return [e for e in self.index.starting(tokens, i, i + 1) if len(e.keys) == 1]


def _read_yaml(path: Path) -> Any:
    import yaml  # PyYAML with libyaml: ten times faster than a pure-Python loader on these tables

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _add_entity_phrases(index: PhraseIndex, eid: str, phrases: Iterable[str], form: str, years=(None, None)) -> None:
    for phrase in phrases:
        if form in EXACT_FORMS:
            index.add(
                Entry(
                    tuple(exact_key(t) for t in tokenize(phrase, "en") if t.is_word or t.norm not in ".,"),
                    "entity",
                    eid,
                    form,
                    years,
                )
            )
            continue
        for lang in LANGS:  # adjectives and titles carry no language: index them as both would stem them
            index.add(Entry(phrase_keys(phrase, lang), "entity", eid, form, years))


def _cldr_countries() -> dict[str, list[str]]:
    """Country names in English and French from CLDR, by ISO code."""
    from babel import Locale

    names: dict[str, list[str]] = {}
    for lang in LANGS:
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha() and code not in {"ZZ", "EU", "EZ", "UN", "QO"}:
                names.setdefault(code, []).append(name)
    return names


def build(extra_files: Sequence[Path] = (), data: Path = DATA) -> Knowledge:
    entities: dict[str, Entity] = {}
    index = PhraseIndex()
    implied: dict[str, set[str]] = {}
    office: set[str] = set()

    entity_docs = [_read_yaml(data / "entities.yaml")]
    lexicon_docs = [_read_yaml(data / "lexicon.yaml")]
    for path in extra_files:
        doc = _read_yaml(path) or {}
        if "entities" in doc:
            entity_docs.append(doc)
        if "concepts" in doc:
            lexicon_docs.append(doc)

    capitals: dict[str, str] = {}
    cldr = _cldr_countries()
    for code, names in cldr.items():
        entities.setdefault(code, Entity(code, "state"))
        _add_entity_phrases(index, code, names, "name")
    for doc in entity_docs:
        for item in (doc or {}).get("entities", []) or []:
            eid = str(item["id"])
            entities[eid] = Entity(
                eid,
                str(item.get("type", "region")),
                item.get("metonym_for"),
                item.get("part_of"),
                item.get("in"),
                office=bool(item.get("titles")),
            )
            if item.get("capital"):
                capitals[str(item["capital"])] = eid
            _add_entity_phrases(index, eid, _as_list(item.get("names")), "name")
            _add_entity_phrases(index, eid, _as_list(item.get("short")), "short")
            _add_entity_phrases(index, eid, _as_list(item.get("adjectives")), "adjective")
            for title in item.get("titles") or []:
                years = (title.get("from"), title.get("to"))
                _add_entity_phrases(index, eid, _as_list(title.get("names")), "title", years)

    for doc in lexicon_docs:
        for item in (doc or {}).get("concepts", []) or []:
            cid = str(item["id"])
            for lang in LANGS:
                for phrase in _as_list(item.get(lang)):
                    index.add(Entry(phrase_keys(phrase, lang), "term", cid, "word", words=phrase_norms(phrase, lang),
                                    langs=frozenset({lang})))
            if item.get("office"):
                office.add(cid)
            if item.get("implied_by"):
                implied.setdefault(cid, set()).update(_as_list(item["implied_by"]))

    stop_doc = _read_yaml(data / "stopwords.yaml") or {}
    for lang in LANGS:
        for word in _as_list(stop_doc.get(lang)):
            if " " in word.strip():  # a light phrase ("take place") is consumed whole, like a concept
                index.add(Entry(phrase_keys(word, lang), "stop", "", "word"))
    stopwords = function_words(data)

    for city, state in capitals.items():  # a capital lies in its state even where the table does not say so
        if city in entities and entities[city].inside is None:
            e = entities[city]
            entities[city] = dataclasses.replace(e, inside=state)
    opposites: dict[str, set[str]] = {}
    for a, b in (_read_yaml(data / "opposites.yaml") or {}).get("opposites", []):
        opposites.setdefault(a, set()).add(b)
        opposites.setdefault(b, set()).add(a)
    index.freeze()
    return Knowledge(
        entities=entities,
        index=index,
        implied_by={k: frozenset(v) for k, v in implied.items()},
        opposites={k: frozenset(v) for k, v in opposites.items()},
        office_concepts=frozenset(office),
        stopwords=stopwords,
    )


@functools.cache
def function_words(data: Path = DATA) -> dict[str, frozenset[str]]:
    """Each language's stopwords (single words, folded), read from stopwords.yaml alone: what telling a seed's
    language needs, without building the other tables."""
    doc = _read_yaml(data / "stopwords.yaml") or {}
    return {lang: frozenset(fold(w) for w in _as_list(doc.get(lang)) if " " not in w.strip()) for lang in LANGS}


def _cache_name(extra_files: Sequence[Path]) -> str:
    from .. import cache

    code = [Path(__file__), Path(__file__).with_name("tokens.py")]  # how the tables are indexed is part of them
    tables = [DATA / name for name in ("entities.yaml", "lexicon.yaml", "stopwords.yaml", "opposites.yaml")]
    return cache.key("knowledge", [p.read_bytes() for p in [*code, *tables, *extra_files]])


def load(extra_files: Sequence[Path] = ()) -> Knowledge:
    """The knowledge tables with a user's glossary and alias files, from the cache when nothing changed (else from
    the child prefetch() started, else built here)."""
    from .. import cache

    name = _cache_name(extra_files)
    return cache.cached(name, lambda: _from_child(name) or build(extra_files))


# Tables being built by a child process: cache name -> (its pid, the read end of the pipe it writes them to).
_building: dict[str, tuple[int, int]] = {}


def prefetch(extra_files: Sequence[Path] = ()) -> None:
    """Start building the tables in a forked child when they are not in the cache (a first run, a new version,
    --no-cache: about a second), so that the caller reads its claims and seeds meanwhile; load() takes them from
    the child. Only where fork is safe (Linux); anywhere else, or if the child fails, load() builds them itself."""
    import os
    import sys

    from .. import cache

    if sys.platform != "linux" or (not extra_files and default_knowledge.cache_info().currsize):
        return
    name = _cache_name(extra_files)
    if name in _building or cache.has(name):
        return
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return
    if pid == 0:  # the child: build, hand over, and leave without running the parent's exit handlers
        code = 1
        try:
            os.close(read)
            with os.fdopen(write, "wb") as pipe:
                pickle.dump(build(extra_files), pipe, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    _building[name] = (pid, read)


def _from_child(name: str) -> Knowledge | None:
    import contextlib
    import os

    held = _building.pop(name, None)
    if held is None:
        return None
    pid, read = held
    knowledge = None
    try:
        with os.fdopen(read, "rb") as pipe:
            knowledge = pickle.load(pipe)
    except Exception:  # the child failed: the caller builds the tables itself
        knowledge = None
    finally:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    return knowledge if isinstance(knowledge, Knowledge) else None


@functools.cache
def default_knowledge() -> Knowledge:
    return load()
