"""Fuzzing: the claim loader, the seed loader, every fact extractor and the whole check, on arbitrary input.

Nothing may escape but the tool's own errors (InputError for bad input). The default run is small and derandomised,
so CI is fast and repeatable; `pytest -m slow tests/test_fuzz.py` explores with random examples, many more of them.
"""

from __future__ import annotations

import functools
import re
import tempfile
from pathlib import Path

import pytest
from conftest import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summitcheck.analyse import analyse, claim_language
from summitcheck.analyse.knowledge import default_knowledge
from summitcheck.errors import InputError
from summitcheck.load.claims import ID_PATTERN, parse_claims
from summitcheck.load.files import read_text
from summitcheck.load.seeds import load_seeds, parse_seed
from summitcheck.model import Claim, Kind, Location, PartialDate, Verdict

FAST = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))

# ---------------------------------------------------------------------------------------------------------------
# Strategies: random text, and random text made of the words each extractor looks for, so that examples reach
# past the first test of every extractor.

ODD = ["\ufeff", "\u200b", "\u202e", "\u2028", "\x85", "\r\n", "\r", "\t", "\x0b", "\x1b", "\ud7ff", "\U0001f600",
       "ǅ", "ﬁ", "İ", "ß", "\u0301", "\u00a0", "\u202f", "…", "’", "‘", "«", "»", "“", "”", "≈", "~", "±", "%", "‰"]
DATE_WORDS = ["jeudi", "Thursday", "lundi", "Sunday", "hier", "demain", "yesterday", "today", "aujourd'hui", "le",
              "1er", "31", "29", "février", "February", "décembre", "Dec", "Dec.", "déc.", "2017", "2019", "1000",
              "2199", "9999", "0", "il", "y", "a", "ago", "deux", "mois", "après", "avant", "ans", "years", "months",
              "depuis", "sous", "within", "in", "en", "the", "1990s", "années", "1980", "siècle", "XXe", "21st"]
NUMBER_WORDS = ["10.000", "10,000", "10 000", "10\u202f000", "1,5", "1.5", "-3", "+4", "1e308", "1e999", "0,0001",
                "999999999999999999999", "un", "deux", "trois", "mille", "millions", "milliards", "vingt-et-un",
                "quatre-vingt-dix", "one", "two", "hundred", "thousand", "million", "billion", "dozen", "half",
                "environ", "about", "près", "de", "plus", "more", "than", "up", "to", "jusqu'à", "≈", "~", "%",
                "pour", "cent", "percent", "$", "€", "dollars", "euros", "USD", "2e", "3rd", "deuxième", "second",
                "premier", "first", "res.", "résolution", "resolution", "n°", "No.", "2397", "workers",
                "travailleurs", "personnes", "people"]
PHRASE_WORDS = ["Kim", "Jong-un", "Jong", "Un", "Vladimir", "Poutine", "Putin", "Donald", "Trump", "ONU", "UN",
                "Nations", "unies", "United", "Conseil", "de", "sécurité", "Security", "Council", "Russie", "Russia",
                "Corée", "du", "Nord", "North", "Korea", "Pyongyang", "Moscou", "Vladivostok", "Hanoï", "Hanoi",
                "États-Unis", "US", "USA", "URSS", "USSR", "sanctions", "sommet", "summit", "with", "avec", "à",
                "in", "at", "the", "les", "l'", "d'", "a", "accusé", "accused", "Mr.", "M.", "St.", "É", "Ö"]
QUOTE_WORDS = ['"', "«", "»", "“", "”", "‘", "’", "'", "« ", " »", '""', "''", "«»", "dialogue", "significatif",
               "historiques", "plus stable et solide", "word", "aujourd'hui", "l'on"]

vocab = functools.partial(st.sampled_from)


def words(*vocabularies: list[str], max_size: int = 30) -> st.SearchStrategy[str]:
    """Sentences of the given words, random strings and odd characters, joined by spaces or glued."""
    piece = st.one_of(*(vocab(v) for v in vocabularies), vocab(ODD), st.text(max_size=6))
    return st.lists(piece, max_size=max_size).flatmap(
        lambda parts: st.sampled_from([" ", "", ", ", ". "]).map(lambda sep: sep.join(parts))
    )


ANY_TEXT = st.one_of(st.text(max_size=200), words(DATE_WORDS, NUMBER_WORDS, PHRASE_WORDS, QUOTE_WORDS))


@st.composite
def ref_dates(draw: st.DrawFn) -> PartialDate | None:
    """None, or a publication date of any precision anywhere in the calendar (years 1 and 9999 included)."""
    if draw(st.booleans()):
        return None
    year = draw(st.one_of(st.sampled_from([1, 2, 1000, 2019, 9998, 9999]), st.integers(1, 9999)))
    month = draw(st.one_of(st.none(), st.integers(1, 12)))
    day = None
    if month is not None and draw(st.booleans()):
        day = draw(st.sampled_from([1, 28])) if month == 2 else draw(st.sampled_from([1, 15, 30]))
    return PartialDate(year, month, day)


@functools.cache
def knowledge():
    return default_knowledge()


def check_analysis(text: str, lang: str, ref: PartialDate | None, base: int, verbatim: str | None) -> None:
    result = analyse(text, lang, knowledge(), ref, base=base, verbatim_lang=verbatim)
    for fact in result.facts:
        assert isinstance(fact.kind, Kind)
        assert base <= fact.start <= fact.end <= base + len(text), (fact, text)
        fact.shown()  # every value can be printed


# ---------------------------------------------------------------------------------------------------------------
# Every extractor, through analyse (quotes, dates, quantities, phrases run there in that order).


@FAST
@given(text=ANY_TEXT, lang=st.sampled_from(["fr", "en"]), ref=ref_dates(), base=st.sampled_from([0, 7, 10**6]),
       verbatim=st.sampled_from([None, "fr", "en"]))
def test_analyse_never_fails(text: str, lang: str, ref: PartialDate | None, base: int, verbatim: str | None) -> None:
    check_analysis(text, lang, ref, base, verbatim)


EXTRACTORS = {
    "dates": [DATE_WORDS],
    "quantities": [NUMBER_WORDS, DATE_WORDS],
    "phrases": [PHRASE_WORDS],
    "quotes": [QUOTE_WORDS, PHRASE_WORDS],
}


@pytest.mark.parametrize("extractor", sorted(EXTRACTORS))
def test_each_extractor_never_fails(extractor: str) -> None:
    @FAST
    @given(text=words(*EXTRACTORS[extractor]), lang=st.sampled_from(["fr", "en"]), ref=ref_dates())
    def run(text: str, lang: str, ref: PartialDate | None) -> None:
        check_analysis(text, lang, ref, 0, "fr")
        claim_language(text, knowledge())

    run()


CALENDAR_EDGES = [  # each crashed the date extractor (OverflowError or ValueError) before it was bounded
    ("jeudi", PartialDate(1, 1, 1)),
    ("hier", PartialDate(1, 1, 1)),
    ("demain", PartialDate(9999, 12, 31)),
    ("il y a 3000 ans", PartialDate(2019, 4)),
    ("il y a 3 000 000 000 ans", PartialDate(2019, 4)),
    ("three billion years ago", PartialDate(2019, 4, 1)),
    ("le 29 février", PartialDate(2019, 3, 1)),
    ("le 31 décembre", PartialDate(1, 1, 1)),
    ("le 2 janvier", PartialDate(9999, 12, 31)),
]


@pytest.mark.parametrize(("text", "ref"), CALENDAR_EDGES, ids=[t for t, _ in CALENDAR_EDGES])
def test_dates_at_the_edges_of_the_calendar(text: str, ref: PartialDate) -> None:
    check_analysis(text, "en" if "ago" in text else "fr", ref, 0, None)


@pytest.mark.slow
@SLOW
@given(text=ANY_TEXT, lang=st.sampled_from(["fr", "en"]), ref=ref_dates(), verbatim=st.sampled_from([None, "fr"]))
def test_analyse_never_fails_long(text: str, lang: str, ref: PartialDate | None, verbatim: str | None) -> None:
    check_analysis(text, lang, ref, 0, verbatim)


# ---------------------------------------------------------------------------------------------------------------
# The claim loader: any text gives claims or located problems, never an exception.

YAML_PIECES = ["claims:", "\n", "  ", "    ", "- ", "id: ", "text: ", "seed: ", "tags: ", "note: ", "a", "b-1",
               "Bad Id", "12", "1.5", "yes", "~", "null", "2017-12-01", "&a ", "*a", "&b ", "*b", "<<: ", "[", "]",
               "{", "}", ", ", ": ", "? ", "'", '"', "\\", "# c", "---", "...", "|", ">-", "!!str ", "!!binary ",
               "!!python/object/apply:os.system ", "!x ", "%TAG !e! tag:e,2000:\n", "%YAML 1.1\n", "\t", "\ufeff",
               "\x85", "\u2028", "≈10,000 workers", "é", "\x07", "\\e", "\\x00", "=", "-", ":"]
YAML_TEXT = st.one_of(st.text(max_size=120), st.lists(vocab(YAML_PIECES), max_size=60).map("".join))


def check_claims_text(text: str) -> None:
    claims, errors = parse_claims(text, "c.yaml")
    for e in errors:
        assert isinstance(e, InputError)
        assert e.location.path == "c.yaml" and e.location.line >= 1 and e.location.col >= 1
        assert "\n" not in str(e) and str(e).startswith("c.yaml:")
    for c in claims:
        assert ID_PATTERN.match(c.id) and c.text and c.location.line >= 1
    assert claims or errors  # an empty result is always explained


@FAST
@given(text=YAML_TEXT)
def test_claim_loader_never_fails(text: str) -> None:
    check_claims_text(text)


@pytest.mark.slow
@SLOW
@given(text=YAML_TEXT)
def test_claim_loader_never_fails_long(text: str) -> None:
    check_claims_text(text)


# ---------------------------------------------------------------------------------------------------------------
# Bytes on disk: read_text decodes or names the problem; then the claim and seed loaders take over.

_DISK = Path(tempfile.mkdtemp(prefix="summitcheck-fuzz-"))
BYTES = st.one_of(
    st.binary(max_size=200),
    YAML_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"]),
              st.text(max_size=60), st.sampled_from(["utf-8", "utf-16-le", "latin-1", "cp1252"]))
    .map(lambda t: t[0] + t[1].encode(t[2], "replace")),
)


def check_bytes(data: bytes) -> None:
    path = _DISK / "c.yaml"
    path.write_bytes(data)
    try:
        text = read_text(path, 1 << 20, "claim file")
    except InputError as e:
        assert str(e).startswith(str(path)) and "\n" not in str(e)
        return
    assert "\r" not in text and "\0" not in text
    check_claims_text(text)
    check_seed_text(text)


@FAST
@given(data=BYTES)
def test_files_never_fail(data: bytes) -> None:
    check_bytes(data)


@pytest.mark.slow
@SLOW
@given(data=BYTES)
def test_files_never_fail_long(data: bytes) -> None:
    check_bytes(data)


# ---------------------------------------------------------------------------------------------------------------
# The seed loader: a header, sentences with exact offsets, a language; or an InputError.

SEED_TEXT = st.one_of(
    st.text(max_size=300),
    st.tuples(st.sampled_from(["", " ", "\n", "date 2019", "date 2019-04 ", "date 2019-13 ", "date 0000 ",
                               "date 2019-02-29 ", "date 9999-12-31 ", "date 12 ", "  date\t2020-02-29\n"]),
              words(PHRASE_WORDS, DATE_WORDS, NUMBER_WORDS, [".", "!", "?", "…", "\n", "M.", "etc.", "»", ")"],
                    max_size=60))
    .map("".join),
)


def check_seed_text(text: str) -> None:
    try:
        seed = parse_seed(text, "s.txt", "s")
    except InputError as e:
        assert str(e).startswith("s.txt") and "\n" not in str(e)
        return
    assert seed.language in ("fr", "en")
    previous = -1
    for i, s in enumerate(seed.sentences, 1):
        assert s.index == i and previous <= s.start < s.end <= len(text)
        assert seed.text[s.start : s.end] == s.text == s.text.strip() != ""
        previous = s.end
    if seed.date is not None:
        assert 1 <= seed.date.year <= 9999


@FAST
@given(text=SEED_TEXT)
def test_seed_loader_never_fails(text: str) -> None:
    check_seed_text(text)


@pytest.mark.slow
@SLOW
@given(text=SEED_TEXT)
def test_seed_loader_never_fails_long(text: str) -> None:
    check_seed_text(text)


# ---------------------------------------------------------------------------------------------------------------
# The whole check (analyse, match, judge) of any claim text against the bundled seed: one verdict, with a reason.


@functools.cache
def bundled():
    from summitcheck.store import analyse_seed

    return analyse_seed(load_seeds(SEEDS)[0], knowledge())


def check_claim_text(text: str) -> None:
    from summitcheck.api import check_claim
    from summitcheck.match import Settings

    if not text.strip():
        return  # the loader refuses an empty text
    claim = Claim("fuzz", text.strip(), Location("c.yaml", 1, 1))
    result = check_claim(claim, [bundled()], knowledge(), Settings())
    assert isinstance(result.verdict, Verdict) and result.reason
    seed = bundled().seed
    for e in result.evidence:
        assert seed.text[e.start : e.end] == e.text


CLAIM_TEXT = st.one_of(st.text(max_size=80), words(DATE_WORDS, NUMBER_WORDS, PHRASE_WORDS, QUOTE_WORDS, max_size=12))


@FAST
@given(text=CLAIM_TEXT)
def test_check_never_fails(text: str) -> None:
    check_claim_text(text)


@pytest.mark.slow
@SLOW
@given(text=CLAIM_TEXT)
def test_check_never_fails_long(text: str) -> None:
    check_claim_text(text)


def test_strategies_reach_the_extractors() -> None:
    """The word strategies are not dead: an example of each yields facts of the kinds its extractor makes."""
    kinds = {f.kind for f in analyse("Environ 10.000 travailleurs, jeudi 12 décembre 2017, « dialogue » à Moscou",
                                     "fr", knowledge(), PartialDate(2019, 4)).facts}
    assert {Kind.NUMBER, Kind.DATE, Kind.QUOTE, Kind.ENTITY} <= kinds, kinds
    assert re.search(r"\d", " ".join(NUMBER_WORDS))
