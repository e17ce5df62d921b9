"""Numbers and what they count: plain quantities, money, percentages, durations, identifiers, ordinals.

Digits are read in any locale's grouping (10,000 / 10.000 / 10 000 with plain, no-break or thin spaces); number
words go through text2num ("dix mille", "twenty-four"); a word before a number says how it is stated (≈, about,
environ, plus de, up to); the words after it say what it counts ("10.000 travailleurs" counts workers).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..model import Kind
from . import clock, dates, vocabulary
from .scan import Scan
from .tokens import Token, fold, key, tokenize
from .units import (  # the words of quantities
    AFFINE,
    ARTICLE_NUMBERS,
    BASIS_POINTS,
    COMPOUND_UNITS,
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    DEFINITE,
    DOLLAR_PREFIXES,
    FRENCH_SCALES,
    IDENTIFIER_KEYWORDS,
    IN_BASE,
    ORDINAL_SUFFIX,
    ORDINAL_WORDS,
    PERCENT_WORDS,
    POINT_FRACTIONS,
    QUALIFIERS_BY_LAST,
    SCALES,
    TIME_UNITS,
    UNITS,
)

SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")


def parse_digits(text: str) -> float | None:
    """A digit string in any grouping: 10,000 / 10.000 / 10 000 / 1,5 / 1.5 / 1,234.5 / 1.234,5."""
    s = SPACES.sub("", text)
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        group = "." if decimal == "," else ","
        s = s.replace(group, "").replace(decimal, ".")
    else:
        for sep in (",", "."):
            if sep in s:
                parts = s.split(sep)
                if len(parts) > 2 or len(parts[-1]) == 3:  # grouping: 10.000, 1,000,000
                    s = s.replace(sep, "")
                else:
                    s = s.replace(sep, ".")
    try:
        return float(s)
    except ValueError:
        return None


@functools.lru_cache(maxsize=16384)
def word_value(words: str, lang: str) -> float | None:
    """text2num on a run of number words, or None."""
    from text_to_num import text2num

    try:
        return float(text2num(words, lang))
    except (ValueError, IndexError, KeyError, AssertionError):
        return None


def _is_number_word(word: str, lang: str) -> bool:
    w = fold(word)
    return w not in ARTICLE_NUMBERS and word_value(w, lang) is not None


@functools.lru_cache(maxsize=16384)
def _may_start_number(text: str, lang: str) -> bool:
    """Whether _number_at can read a number from a word token written so: a number word ("dix"), or one glued to
    what it counts ("two-year"). Its tests, on the word's norm (its text folded)."""
    norm = fold(text)
    return _is_number_word(text, lang) or ("-" in norm and word_value(norm.partition("-")[0], lang) is not None)


def _qualifier(scan: Scan, i: int) -> tuple[str, int]:
    """How the number starting at token i is stated, and where its qualifier begins."""
    if i == 0:
        return "exact", i
    for words, qualifier in QUALIFIERS_BY_LAST.get(scan.tokens[i - 1].norm, ()):  # longest first, like QUALIFIERS
        n = len(words)
        lo = i - n
        if lo >= 0 and tuple(scan.tokens[k].norm for k in range(lo, i)) == words:
            return qualifier, lo
    return "exact", i


SCALE_ABBREVIATIONS = frozenset({"k", "m", "mn", "bn", "md", "mds"})


def _decimal_before_scale(digits: str, lang: str, scale: str) -> bool:
    """Whether one separator before three digits is a decimal mark, which parse_digits reads as grouping: before
    a scale, where it is the language's decimal mark or the scale an English abbreviation ("€1.826bn", "1,826
    milliard"); not "1,500 million" in English, nor "1.250 millions" in French (1,250 million)."""
    s = SPACES.sub("", digits)
    seps = [c for c in s if c in ",."]
    if len(seps) != 1:
        return False
    whole, _, tail = s.partition(seps[0])
    if len(tail) != 3 or not 1 <= len(whole) <= 3:
        return False
    decimal_mark = "," if lang == "fr" else "."
    return seps[0] == decimal_mark or (seps[0] == "." and scale in SCALE_ABBREVIATIONS)


def _number_at(scan: Scan, i: int) -> tuple[float, int, str | None] | None:
    """(value, end token, glued unit) of a number starting at token i: digits or number words, with a scale."""
    tokens, lang = scan.tokens, scan.lang
    tok = tokens[i]
    unit = None
    if tok.text[:1].isdigit():
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if after is not None and after.start == tok.end and ORDINAL_SUFFIX.match(after.norm.partition("-")[0]):
            return None  # "2nd", "14e", "87th-minute": an ordinal, read by _ordinals
        value = parse_digits(tok.text)
        j = i + 1
    elif tok.is_word:
        first, _, rest = tok.norm.partition("-")
        if "-" in tok.norm and word_value(tok.norm, lang) is None and word_value(first, lang) is not None:
            return word_value(first, lang), i + 1, rest  # "two-year", "four-point"
        j = i
        while j < len(tokens) and (
            _is_number_word(tokens[j].text, lang)
            or (
                j > i
                and tokens[j].norm in {"et", "and"}
                and j + 1 < len(tokens)
                and _is_number_word(tokens[j + 1].text, lang)
            )
        ):
            j += 1
        if j == i:
            return None
        while j > i:
            value = word_value(" ".join(t.norm for t in tokens[i:j]), lang)
            if value is not None:
                break
            j -= 1
        else:
            return None
    else:
        return None
    if value is None:
        return None
    if (
        j < len(tokens)
        and tokens[j].norm in SCALES
        and (tokens[j].norm not in SCALE_ABBREVIATIONS or tokens[j].start == tokens[j - 1].end
             or _symbol_glued(tokens, j + 1))  # "4,2 M€", "3 Md€": the scale glued to the currency
    ):
        scale = FRENCH_SCALES.get(tokens[j].norm) if lang == "fr" else None
        if tok.text[:1].isdigit() and _decimal_before_scale(tok.text, lang, tokens[j].norm):
            value /= 1000  # "€1.826bn", "1,826 milliard": a decimal, not 1,826 billion
        value *= scale or SCALES[tokens[j].norm]
        j += 1
    if j + 1 < len(tokens) and tokens[j].text == "-" and tokens[j].start == tokens[j - 1].end and tokens[j + 1].is_word:
        unit, j = tokens[j + 1].norm, j + 2  # "24-hour"
    return value, j, unit


def _currency_before(scan: Scan, i: int) -> tuple[tuple[str, str | None], int] | None:
    tokens = scan.tokens
    if i >= 1 and tokens[i - 1].text in CURRENCY_SYMBOLS:
        family = CURRENCY_SYMBOLS[tokens[i - 1].text]
        if i >= 2 and tokens[i - 2].text in DOLLAR_PREFIXES and tokens[i - 2].end == tokens[i - 1].start:
            return (family, DOLLAR_PREFIXES[tokens[i - 2].text]), i - 2
        return (family, None), i - 1
    if i >= 1 and tokens[i - 1].text in CURRENCY_CODES:
        return CURRENCY_CODES[tokens[i - 1].text], i - 1
    return None


def _symbol_glued(tokens: Sequence[Token], k: int) -> bool:
    return 0 < k < len(tokens) and tokens[k].text in CURRENCY_SYMBOLS and tokens[k].start == tokens[k - 1].end


def _currency_after(scan: Scan, j: int) -> tuple[tuple[str, str | None], int] | None:
    """A currency named after the number: "20 millions de dollars singapouriens", "5 US dollars", "3 EUR",
    "15 €", "4,2 M€" (French writes the symbol after)."""
    tokens = scan.tokens
    if j < len(tokens) and tokens[j].text in CURRENCY_SYMBOLS:
        return (CURRENCY_SYMBOLS[tokens[j].text], None), j + 1
    k = j + 1 if j < len(tokens) and tokens[j].norm in {"de", "d'", "of"} else j
    country = None
    if k < len(tokens) and tokens[k].text in CURRENCY_CODES:
        return CURRENCY_CODES[tokens[k].text], k + 1
    if k + 1 < len(tokens) and tokens[k + 1].norm in CURRENCY_WORDS:  # "US dollars", "Singapore dollars"
        country = _state_of(scan, k, k + 1)
        if country:
            k += 1
    if k >= len(tokens) or tokens[k].norm not in CURRENCY_WORDS:
        return None
    family = CURRENCY_WORDS[tokens[k].norm]
    end = k + 1
    if country is None and end < len(tokens):  # "dollars singapouriens", "dollars de Singapour"
        for lo, hi in ((end, end + 1), (end + 1, end + 2), (end + 1, end + 3)):
            if hi <= len(tokens) and (lo == end or tokens[end].norm in {"de", "du", "des", "d'"}):
                country = _state_of(scan, lo, hi)
                if country:
                    end = hi
                    break
    return (family, country), end


def _state_of(scan: Scan, lo: int, hi: int) -> str | None:
    """The state named by tokens lo..hi-1 (name or adjective), if that is all they are."""
    index = scan.knowledge.index
    if lo >= len(scan.tokens):
        return None
    entries, end = index.longest(scan.tokens, lo, [False] * len(scan.tokens))
    for entry in entries:
        entity = scan.knowledge.entities.get(entry.target)
        if entry.kind == "entity" and entity and entity.type == "state" and end == hi:
            return entity.id
    return None


def _match_words(scan: Scan, j: int, phrases: tuple[tuple[str, ...], ...]) -> int | None:
    first = scan.norm(j)
    for words in phrases:
        if words[0] == first and tuple(scan.norm(k) for k in range(j, j + len(words))) == words:
            return j + len(words)
    return None


def extract(scan: Scan) -> None:
    """Identifiers, money, percentages, durations and counts; runs after dates have taken their years."""
    tokens, lang = scan.tokens, scan.lang
    clock.extract(scan)  # "20:02", "2-1", "1 h 12 min", "M6.8": before their digits are read one by one
    _codes(scan)
    # only digits, number words and articles ("a year") can start a quantity (_number_at reads words only)
    starts = [
        k for k, tok in enumerate(tokens)
        if tok.text[:1].isdigit() or tok.norm in ARTICLE_NUMBERS or (tok.is_word and _may_start_number(tok.text, lang))
    ]
    i = 0  # the first token not yet read: a quantity read skips the tokens it took
    for at in starts:
        if at >= i:
            i = at + 1 if scan.taken[at] else _quantity(scan, at)
            i = _rate(scan, i)
    _ranges(scan)
    _halves(scan)
    _for_how_long(scan)
    _compound_durations(scan)
    _point_fractions(scan)
    _fractions(scan)
    _ordinals(scan)
    _currency_ellipsis(scan)
    _currency_ranges(scan)


def _currency_ranges(scan: Scan) -> None:
    """A range with its currency before the first figure and its scale after the second: "€180-210m" is €180m
    to €210m (the second figure names no currency: it takes the first's)."""
    facts = scan.facts
    for n, first in enumerate(facts):
        if first.kind is not Kind.MONEY or SCALED.search(first.text) or n + 1 >= len(facts):
            continue
        second = facts[n + 1]
        between = scan.text[first.end - scan.base : second.start - scan.base]
        if between not in ("-", "–", " - ", " – ", " to ", " à ") or second.kind not in (Kind.NUMBER, Kind.MONEY):
            continue
        amount = second.value[0] if second.kind is Kind.MONEY else second.value
        digits = LEADING_DIGITS.match(second.text)
        written = parse_digits(digits.group().strip()) if digits else None
        if not written or amount / written < 1000 or first.value[0] >= written:
            continue
        scale = amount / written
        facts[n] = replace(first, value=(first.value[0] * scale, first.value[1]))
        if second.kind is Kind.NUMBER:
            facts[n + 1] = replace(second, kind=Kind.MONEY, value=(amount, first.value[1]), head=(), extra=())


SCALED = re.compile(r"(?i)\b(millions?|milliards?|billions?|trillions?|bn|mn|m)\b|\d(bn|m|k)\b")
ELLIPSIS_TIMES = frozenset("fin end year earlier later before avant auparavant an mi debut".split())
ELLIPSIS_REACH = 60  # characters from the amount that gives the currency


def _counts_nothing(tok: Token, lang: str) -> bool:
    """A word after a figure that is no noun it counts: a time ("fin 2027", "a year earlier") or a participle
    ("215 millions consacrés aux transports", "€2m earmarked")."""
    if tok.norm in ELLIPSIS_TIMES:
        return True
    text = tok.text.lower()
    if lang == "fr":
        return text.endswith(("é", "és", "ée", "ées")) and vocabulary.may_be_verb(tok.text)
    return text.endswith("ed") and vocabulary.may_be_verb(tok.text)


def _currency_ellipsis(scan: Scan) -> None:
    """A scaled figure that names no currency right after an amount that does is in that currency: "742
    millions d'euros, dont 215 millions consacrés aux transports", "€12.4bn, against 11.9bn". Only a figure that
    counts nothing of its own (no noun, or only a verb after it)."""
    money = None
    for n, fact in enumerate(scan.facts):
        if fact.kind is Kind.MONEY:
            money = fact
            continue
        if (money is None or fact.kind is not Kind.NUMBER or fact.start - money.end > ELLIPSIS_REACH
                or not SCALED.search(fact.text) or fact.head or fact.extra[:1] != ("head-tokens",)):
            continue
        after = scan.content_after(fact.extra[1], count=1)
        if after and not _counts_nothing(scan.tokens[after[0]], scan.lang):
            continue  # "3 million members", "3 millions de personnes": it counts something
        scan.facts[n] = replace(fact, kind=Kind.MONEY, value=(fact.value, money.value[1]), extra=())


RANGE_WORDS = frozenset({"a", "to", "-", "–", "au"})  # "de 62 à 64 ans", "50-100k", "from 3 to 5%"
BETWEEN = (frozenset({"entre", "between"}), frozenset({"et", "and"}))  # "entre 2 et 3 milliards"
LEADING_DIGITS = re.compile(r"^\d[\d\s\u00a0\u202f.,]*")


COARSE_TO_FINE = ("year", "month", "week", "day", "hour", "minute", "second")


def _coarser(a: str, b: str) -> bool:
    return a in COARSE_TO_FINE and b in COARSE_TO_FINE and COARSE_TO_FINE.index(a) < COARSE_TO_FINE.index(b)


FOR_HOW_LONG = frozenset("pendant durant during".split())  # "pendant deux jours": what "for two days" says


def _for_how_long(scan: Scan) -> None:
    """The preposition before a duration says only that it is one: taken with it, as "for" is a stopword."""
    starts = {t.start: k for k, t in enumerate(scan.tokens)}
    for fact in scan.facts:
        k = starts.get(fact.start)
        if fact.kind is Kind.DURATION and k and scan.norm(k - 1) in FOR_HOW_LONG:
            scan.taken[k - 1] = True


HALVES = (("and", "a", "half"), ("et", "demi"), ("et", "demie"))


def _halves(scan: Scan) -> None:
    """ "a year and a half", "un an et demi", "une heure et demie": half a unit more; "two and a half years" too
    (the count, then the unit after the half)."""
    facts, tokens = scan.facts, scan.tokens
    ends = {t.end: k for k, t in enumerate(tokens)}
    for n, fact in enumerate(facts):
        j = ends.get(fact.end)
        if j is None or fact.kind not in (Kind.DURATION, Kind.NUMBER):
            continue
        half = next((len(h) for h in HALVES if tuple(scan.norm(j + 1 + m) for m in range(len(h))) == h), 0)
        if not half:
            continue
        end = j + 1 + half
        if fact.kind is Kind.DURATION and fact.extra and fact.extra[0]:
            per = fact.value[0] / fact.extra[0]
            unit = fact.value[1]
        elif fact.kind is Kind.NUMBER and not fact.head and scan.norm(end) in TIME_UNITS:
            unit, per = TIME_UNITS[scan.norm(end)]
            end += 1
        else:
            continue
        count = (fact.extra[0] if fact.kind is Kind.DURATION else fact.value) + 0.5
        text = scan.text[fact.start - scan.base : tokens[end - 1].end - scan.base]
        facts[n] = replace(fact, kind=Kind.DURATION, value=(count * per, unit), end=tokens[end - 1].end, text=text,
                           extra=(count,), head=())
        for k in range(j + 1, end):
            scan.taken[k] = True
    scan.facts[:] = [f for f in facts if not any(f is not g and g.start <= f.start and f.end <= g.end
                                                   and g.kind is Kind.DURATION and g.end > f.end for g in facts)]


def _compound_durations(scan: Scan) -> None:
    """ "two hours and 41 minutes", "deux heures et 41 minutes", "1 year 3 months": one duration, in the finer
    unit (161 minutes), as "2h41" is."""
    facts = scan.facts
    for n in range(len(facts) - 1, 0, -1):
        a, b = facts[n - 1], facts[n]
        if a.kind is not Kind.DURATION or b.kind is not Kind.DURATION or not _coarser(a.value[1], b.value[1]):
            continue
        gap = scan.text[a.end - scan.base : b.start - scan.base].strip().lower()
        if gap not in ("", "and", "et", ","):
            continue
        days = a.value[0] + b.value[0]
        per = b.value[0] / b.extra[0] if b.extra and b.extra[0] else None
        if per is None:
            continue
        text = scan.text[a.start - scan.base : b.end - scan.base]
        merged = replace(a, value=(days, b.value[1]), end=b.end, text=text, extra=(round(days / per, 6),))
        facts[n - 1 : n + 1] = [merged]


def _ranges(scan: Scan) -> None:
    """The first figure of a range takes the unit, currency and scale written once after the second: "de 62 à
    64 ans" is 62 years, "entre 2 et 3 milliards d'euros" starts at €2bn, "50-100k protesters" at 50,000. The
    scale goes over only to a figure below the second's digits ("from 800 to 1.2 million" stays 800)."""
    facts = scan.facts
    starts = {t.start: k for k, t in enumerate(scan.tokens)}
    ends = {t.end: k for k, t in enumerate(scan.tokens)}
    for n, first in enumerate(facts):
        if first.kind is not Kind.NUMBER or first.head or first.extra[:1] != ("head-tokens",):
            continue
        j = ends.get(first.end)
        if j is None or j + 1 >= len(scan.tokens):
            continue
        i = starts.get(first.start, -1)
        link = scan.norm(j + 1)
        ranged = link in RANGE_WORDS or (link in BETWEEN[1] and scan.norm(i - 1) in BETWEEN[0])
        second = next((f for f in facts if f.start == scan.tokens[j + 1].end or (
            j + 2 < len(scan.tokens) and f.start == scan.tokens[j + 2].start)), None) if ranged else None
        if second is None or second.kind not in (Kind.MONEY, Kind.PERCENT, Kind.DURATION, Kind.NUMBER):
            continue
        digits = LEADING_DIGITS.match(second.text)
        written = parse_digits(digits.group().strip()) if digits else None
        if not written:
            continue
        amount = second.value[0] if second.kind in (Kind.MONEY, Kind.DURATION) else second.value
        scale = amount / written if second.kind is not Kind.DURATION else 1.0
        value = first.value * (scale if first.value < written and scale >= 1000 else 1.0)
        if second.kind is Kind.MONEY:
            shared = replace(first, kind=Kind.MONEY, value=(value, second.value[1]), extra=())
        elif second.kind is Kind.PERCENT:
            shared = replace(first, kind=Kind.PERCENT, value=value, extra=())
        elif second.kind is Kind.DURATION:
            per_unit = second.value[0] / second.extra[0] if second.extra and second.extra[0] else None
            if per_unit is None:
                continue
            shared = replace(first, kind=Kind.DURATION, value=(value * per_unit, second.value[1]), extra=(value,))
        elif second.head or scale != 1.0:
            shared = replace(first, value=value, head=second.head, extra=second.extra)
        else:
            continue
        facts[n] = shared


def _free_phrases(scan: Scan, table: dict[tuple[str, ...], float]) -> Iterator[tuple[int, int, tuple[str, ...], float]]:
    """(start, end, words, value) of each phrase of `table` the scan writes on tokens no fact has taken."""
    for i in range(len(scan.tokens)):
        if not scan.free(i):
            continue
        for words, value in table.items():
            end = i + len(words)
            if tuple(scan.norm(k) for k in range(i, end)) == words and all(scan.free(k) for k in range(i, end)):
                yield i, end, words, value
                break


def _point_fractions(scan: Scan) -> None:
    for i, end, _, basis in _free_phrases(scan, POINT_FRACTIONS):
        lo = i - 1 if scan.norm(i - 1) in ("un", "une", "a", "one") else i
        scan.add(Kind.NUMBER, basis, lo, end, head=("unit:bp",))


# Fractions said in words, as the share they are ("cuts capacity by a quarter", "les deux tiers des sièges"); what
# a word for a fraction says is approximate
FRACTIONS = {
    ("a", "quarter"): 25.0, ("one", "quarter"): 25.0, ("un", "quart"): 25.0, ("three", "quarters"): 75.0,
    ("trois", "quarts"): 75.0, ("a", "third"): 100 / 3, ("one", "third"): 100 / 3, ("un", "tiers"): 100 / 3,
    ("two", "thirds"): 200 / 3, ("deux", "tiers"): 200 / 3, ("la", "moitie"): 50.0, ("half", "of"): 50.0,
}
NOT_A_SHARE = frozenset("hour hours heure heures d'heure century siecle mile miles".split())  # "a quarter of an hour"


SHARE_OF = frozenset("of de des du d'".split())  # "a quarter of the budget", "les deux tiers des sièges"
SHARE_BY = frozenset("by de d' than que to nearly almost about some over more".split())  # "cut by a quarter"


def _fractions(scan: Scan) -> None:
    tokens = scan.tokens
    for i, end, words, share in _free_phrases(scan, FRACTIONS):
        after = {scan.norm(k) for k in range(end, min(end + 3, len(tokens)))}
        # a share where "of" follows, or "by" comes before, or nothing follows: not "for a third straight year"
        shared = words[-1] == "of" or scan.norm(end) in SHARE_OF or scan.norm(i - 1) in SHARE_BY or (
            end >= len(tokens) or not tokens[end].is_word)
        if shared and not after & NOT_A_SHARE:
            scan.add(Kind.PERCENT, share, i, end - 1 if words[-1] == "of" else end, qualifier="approx")


RATES = (("a", "year"), ("per", "year"), ("per", "annum"), ("a", "month"), ("per", "month"), ("par", "an"),
         ("par", "annee"), ("par", "mois"), ("/", "yr"), ("/", "year"), ("/", "an"), ("annually",), ("y", "/", "y"),
         ("yoy",), ("a", "day"), ("per", "day"), ("par", "jour"))


AGO = frozenset("ago earlier before later plus auparavant".split())


def _rate(scan: Scan, j: int) -> int:
    """ "€17.7bn a year", "100 milliards de dollars par an", "$100bn/yr": a rate says how often an amount comes,
    not a duration of its own; its words are taken (both sides say the amount)."""
    if j == 0 or not scan.facts or scan.facts[-1].end != scan.tokens[j - 1].end:
        return j
    if scan.facts[-1].kind not in (Kind.MONEY, Kind.NUMBER, Kind.PERCENT):
        return j
    end = _match_words(scan, j, RATES)
    if end is None or scan.norm(end) in AGO:
        return j  # "12,400 a year ago": a time, not a rate
    for k in range(j, end):
        scan.taken[k] = True
    return end


def _quantity(scan: Scan, i: int) -> int:
    """Reads the quantity starting at token i, if any; returns the token where reading goes on."""
    tokens = scan.tokens
    found = _number_at(scan, i)
    if found is None and tokens[i].norm in ARTICLE_NUMBERS and scan.norm(i + 1) in TIME_UNITS and (
        scan.norm(i + 2) not in AGO  # "a year ago", "a year earlier": last year, which the lexicon reads
    ):
        found = (1.0, i + 1, None)  # "a year", "un an": one unit, written with an article
    if found is None:
        return i + 1
    value, j, glued = found
    if any(scan.taken[i:j]):
        return i + 1
    at_least = j < len(tokens) and tokens[j].text == "+" and tokens[j].start == tokens[j - 1].end
    if at_least:  # "200+ aftershocks": at least 200
        j += 1
    if _in_name(scan, i, j, value):
        scan.taken[i] = True  # "Spoutnik 1", "Apollo 11": part of a name, not a count
        return j
    # identifier: "résolution 2397", "res. 2397", "n° 12"
    k = i - 1
    while k >= 0 and tokens[k].text in {".", ":"}:
        k -= 1
    if tokens[i].text[:1].isdigit() and k >= 0 and tokens[k].norm in IDENTIFIER_KEYWORDS:
        scan.add(Kind.IDENTIFIER, (IDENTIFIER_KEYWORDS[tokens[k].norm], tokens[i].text), k, i + 1)
        return i + 1
    qualifier, lo = _qualifier(scan, i)
    if at_least:
        qualifier = "min"
    if _age(scan, lo, i, j, glued):  # "Camille Durand, 52 ans", "Durand, 52,", "the 41-year-old"
        end = j + 1 if glued is None and scan.norm(j) in AGE_UNITS else j
        scan.add(Kind.NUMBER, value, lo, end, qualifier=qualifier, head=("age",))
        return end
    currency = _currency_before(scan, i)
    if currency:
        (code, lo_c) = currency
        qualifier, lo = _qualifier(scan, lo_c)
        scan.add(Kind.MONEY, (value, code), lo, j, qualifier=qualifier)
        return j
    currency = _currency_after(scan, j)
    if currency:
        code, end = currency
        scan.add(Kind.MONEY, (value, code), lo, end, qualifier=qualifier)
        return end
    end = _match_words(scan, j, PERCENT_WORDS)
    if end:
        scan.add(Kind.PERCENT, value, lo, end, qualifier=qualifier)
        return end
    unit_word = glued if glued is not None else (tokens[j].norm if j < len(tokens) else None)
    if unit_word in TIME_UNITS:
        unit, days = TIME_UNITS[unit_word]
        end = j if glued is not None else j + 1
        scan.add(Kind.DURATION, (value * days, unit), lo, end, qualifier=qualifier, extra=(value,))
        before = tuple(scan.norm(k) for k in (lo - 3, lo - 2, lo - 1))
        if before == ("il", "y", "a") or scan.norm(end) in ("ago", "earlier", "auparavant"):
            when = dates.ago(scan.ref_date, value * days, unit)  # "il y a deux ans": a date, in a seed
            if when is not None:
                scan.add(Kind.DATE, when, lo, end, take=False, extra=("relative",))
        return end
    if glued is None and not tokens[i].text[:1].isdigit() and value == 1:
        return j  # "un", "one" alone: an article more often than a count
    if value == 2 and j == i + 1 and scan.norm(i - 1) in DEFINITE and not tokens[i].text[:1].isdigit():
        scan.taken[i] = True  # "the two leaders", "les deux pays": the two already named, not a count
        return j
    if scan.norm(lo - 1) == "magnitude" or glued == "magnitude":  # "de magnitude 6,8", "a 6.8-magnitude quake"
        scan.add(Kind.NUMBER, value, lo, j, qualifier=qualifier, head=("magnitude",))
        return j
    basis = _match_words(scan, j, BASIS_POINTS)
    if basis:  # "25 basis points", "25 points de base"
        scan.add(Kind.NUMBER, value, lo, basis, qualifier=qualifier, head=("unit:bp",))
        return basis
    compound = None if glued else next(((unit, j + len(words)) for words, unit in COMPOUND_UNITS.items()
                                        if tuple(scan.norm(k) for k in range(j, j + len(words))) == words), None)
    if compound is not None:  # "140 km/h", "9 °C", "94 mph" (151 km/h)
        unit, end = compound
        if unit in AFFINE:
            unit, offset, factor = AFFINE[unit]
            value = (value + offset) * factor
        else:
            unit, factor = IN_BASE.get(unit, (unit, 1.0))
            value *= factor
        scan.add(Kind.NUMBER, value, lo, end, qualifier=qualifier, head=(f"unit:{unit}",))
        return end
    unit_name = UNITS.get(glued or "") or (UNITS.get(tokens[j].norm) if j < len(tokens) else None)
    if unit_name:  # "680 km", "680-kilometre": a measure, whatever the spelling
        end = j if glued else j + 1
        base, factor = IN_BASE.get(unit_name, (unit_name, 1.0))
        scan.add(Kind.NUMBER, value * factor, lo, end, qualifier=qualifier, head=(f"unit:{base}",))
        return end
    if glued:  # "four-point": what it counts is glued to it
        unit = tokenize(glued, scan.lang)
        head = tuple(scan.knowledge.word_ids(unit, 0)) if unit else (key(glued, scan.lang),)
        scan.add(Kind.NUMBER, value, lo, j, qualifier=qualifier, head=head)
    else:
        scan.add(Kind.NUMBER, value, lo, j, qualifier=qualifier, extra=("head-tokens", j))
    return j


AGE_UNITS = frozenset({"ans", "an", "years", "year"})
AGE_WORDS = frozenset({"age", "aged", "agee", "agees", "ages"})


def _age(scan: Scan, lo: int, i: int, j: int, glued: str | None) -> bool:
    """Whether the number at i..j is someone's age: "41-year-old", "âgé de 67 ans", "aged 67", or set off by
    commas after a name ("Camille Durand, 52 ans,", "Durand, 52, will ..."), where a claim may leave out "ans"."""
    tokens = scan.tokens
    if glued in ("year-old", "year-olds", "years-old"):
        return True
    unit = glued is None and scan.norm(j) in AGE_UNITS
    after = j + 1 if unit else j
    if scan.norm(lo - 1) in AGE_WORDS or (scan.norm(lo - 1) == "de" and scan.norm(lo - 2) in AGE_WORDS):
        return unit or scan.is_claim
    if glued is not None or not tokens[i].text.isdigit() or not 0 < int(tokens[i].text) < 120:
        return False
    if not (lo >= 2 and tokens[lo - 1].text == "," and tokens[lo - 2].is_capitalised and tokens[lo - 2].is_word):
        return False
    closes = after >= len(tokens) or tokens[after].text in {",", ")", ";", "."}
    # English writes an age bare ("Ivo Hahn, 24, passed him"), French with "ans"; a claim either way
    return closes and (unit or scan.is_claim or scan.lang == "en")


def _in_name(scan: Scan, i: int, j: int, value: float) -> bool:
    """A small number right after a capitalised word that is no keyword, month or sentence start ("Apollo 11")."""
    if i < 1 or j != i + 1 or not scan.tokens[i].text.isdigit() or value >= 100:
        return False
    before = scan.tokens[i - 1]
    # where a sentence starts a capital says nothing, but a claim is shorthand that opens on its subject
    opens = scan.is_claim if i == 1 else scan.tokens[i - 2].text not in {".", "!", "?"}
    if i >= 2 and scan.tokens[i - 2].norm in ("and", "et", ","):
        return False  # "The Greens won 14 seats and Labour 9 on ...": a list's count, not "Apollo 11"
    return (
        before.is_word
        and before.is_capitalised
        and before.norm not in IDENTIFIER_KEYWORDS
        and opens
        and not before.text.isupper()
    )


def _codes(scan: Scan) -> None:
    """Identifiers written as codes (Regulation 2023/512, flight MH17), with the word that says what they are."""
    tokens = scan.tokens
    for i in [k for k, tok in enumerate(tokens) if tok.is_code]:
        tok = tokens[i]
        if not scan.free(i):
            continue
        k = i - 1
        while k >= max(0, i - 4) and (tokens[k].text in {".", ":", "(", ")"} or tokens[k].text.isupper()):
            k -= 1  # "Regulation (EU) 2023/512", "Reg. 2023/512"
        kind = IDENTIFIER_KEYWORDS.get(tokens[k].norm, "code") if k >= 0 else "code"
        lo = k if kind != "code" else i
        scan.add(Kind.IDENTIFIER, (kind, tok.text), lo, i + 1, take=False)
        scan.taken[lo] = scan.taken[i] = True  # "(UE)" between them stays free: it names the EU


def _ordinals(scan: Scan) -> None:
    tokens = scan.tokens
    for i in [k for k, tok in enumerate(tokens) if tok.norm in ORDINAL_WORDS or tok.text.isdigit()]:
        tok = tokens[i]
        if not scan.free(i):
            continue
        value = ORDINAL_WORDS.get(tok.norm)
        end = i + 1
        glued = i + 1 < len(tokens) and tokens[i + 1].start == tok.end
        if value is None and tok.text.isdigit() and glued and ORDINAL_SUFFIX.match(tokens[i + 1].norm):
            value, end = int(tok.text), i + 2
        suffix, _, noun = tokens[i + 1].norm.partition("-") if glued else ("", "", "")
        if value is None and tok.text.isdigit() and noun and ORDINAL_SUFFIX.match(suffix):
            # "87th-minute": the ordinal and what it ranks in one word
            head = tuple(scan.knowledge.word_ids(tokenize(noun, scan.lang), 0))
            scan.add(Kind.ORDINAL, int(tok.text), i, i + 2, head=head)
            continue
        if value is None:
            continue
        if tok.norm in {"second", "seconde"} and scan.lang == "en" and scan.norm(i - 1) in {"a", "one", "per"}:
            continue  # "a second" is a unit of time
        scan.add(Kind.ORDINAL, value, i, end, extra=("head-tokens", end))
