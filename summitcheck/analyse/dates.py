"""Dates, weekdays and years, with the precision the text gives.

Candidates are found first (month and weekday names from CLDR through babel, four-digit years), and only those
short spans go to dateparser: it is slow on running text and finds false dates in words such as "sa" or "Je".
A seed's relative words ("jeudi", "aujourd'hui") are resolved from its `date` header.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from ..model import Kind, PartialDate
from .scan import Scan
from .tokens import fold

YEAR_WORDS = frozenset(
    "in en since depuis by until till jusqu'en of de d' from to a au aux des annee year fin debut mid early late vs "
    "versus "
    "spring summer autumn fall winter printemps ete automne hiver".split()
)
RELATIVE_DAYS = {"aujourd'hui": 0, "today": 0, "hier": -1, "yesterday": -1, "demain": 1, "tomorrow": 1}
DAY = re.compile(r"(\d{1,2})(?:er|st|nd|rd|th)?\Z")


@functools.cache
def month_names(lang: str) -> dict[str, int]:
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale=lang).items():
            names[fold(name).rstrip(".")] = number
    if lang == "en":
        names["sept"] = 9
    return names


@functools.cache
def weekday_names(lang: str) -> dict[str, int]:
    from babel.dates import get_day_names

    return {fold(name): number for number, name in get_day_names("wide", locale=lang).items()}


@functools.cache
def short_weekday_names(lang: str) -> dict[str, int]:
    """Abbreviated weekday names ("Tue", "Fri"; "mar.", "ven."), which a claim's shorthand uses (a capitalised
    word there: "mer" is also the sea)."""
    from babel.dates import get_day_names

    return {fold(name).rstrip("."): number for number, name in get_day_names("abbreviated", locale=lang).items()}


@functools.lru_cache(maxsize=4096)
def _dateparse(text: str, lang: str) -> tuple[int, int, int] | None:
    """dateparser on one short candidate span, memoised: the same span recurs across seeds and claims."""
    parser = _parser(lang)
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.year, data.date_obj.month, data.date_obj.day


@functools.cache
def _parser(lang: str):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=[lang], settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False})


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1000 <= int(text) <= 2199


@functools.cache
def _any_month_names() -> frozenset[str]:
    """Month names and abbreviations of both languages: the words _month_at looks at."""
    return frozenset(month_names("en")) | frozenset(month_names("fr"))


@functools.cache
def _wide_folded() -> frozenset[str]:
    return frozenset(fold(n) for n in _wide("en") + _wide("fr"))


@functools.cache
def _day_words(lang: str) -> frozenset[str]:
    """Weekday names and relative days ("hier"): the words the second pass of extract() looks at."""
    return frozenset(weekday_names(lang)) | frozenset(RELATIVE_DAYS)


def _dated_after(scan: Scan, i: int) -> bool:
    """Whether a date with its day follows the weekday at i ("Tuesday, Sept. 8", "mardi 14 mars"): that date
    says which day it is, not the weekday's nearest one before the article."""
    starts = {scan.tokens[k].start for k in (i + 1, i + 2) if k < len(scan.tokens)}
    return any(f.kind is Kind.DATE and f.start in starts and f.value.day is not None for f in scan.facts)


def _month_at(scan: Scan, i: int) -> int | None:
    tok = scan.tokens[i]
    if not tok.is_word:
        return None
    month = month_names(scan.lang).get(tok.norm) or month_names("en" if scan.lang == "fr" else "fr").get(tok.norm)
    if month is None:
        return None
    if tok.norm in _wide_folded():
        return None if tok.norm == "may" and not tok.is_capitalised else month
    # an abbreviation ("Dec", "mar.") counts only when written like one and next to a day or a year
    near = [scan.tokens[k].text for k in (i - 1, i + 1, i + 2) if 0 <= k < len(scan.tokens)]
    written = tok.is_capitalised or (i + 1 < len(scan.tokens) and scan.tokens[i + 1].text == ".")
    return month if written and any(DAY.match(t) or _is_year(t) for t in near) else None


@functools.cache
def _wide(lang: str) -> tuple[str, ...]:
    from babel.dates import get_month_names

    return tuple(get_month_names("wide", locale=lang).values())


def extract(scan: Scan) -> None:
    tokens = scan.tokens
    n = len(tokens)
    months = _any_month_names()
    i = 0  # the first token not yet read: a date read skips the tokens it took
    for at in [k for k, tok in enumerate(tokens) if tok.norm in months]:  # the only tokens _month_at can take
        if at < i:
            continue
        i = at
        month = _month_at(scan, i) if scan.free(i) else None
        if month is None:
            continue
        lo, hi = i, i + 1
        day = year = None
        if i >= 1 and scan.free(i - 1) and DAY.match(tokens[i - 1].text):
            day, lo = int(DAY.match(tokens[i - 1].text).group(1)), i - 1
        elif i >= 2 and tokens[i - 1].norm in {"er", "st", "nd", "rd", "th"} and DAY.match(tokens[i - 2].text):
            day, lo = int(tokens[i - 2].text), i - 2
        if day is None and hi < n and DAY.match(tokens[hi].text) and not _is_year(tokens[hi].text):
            day, hi = int(DAY.match(tokens[hi].text).group(1)), hi + 1
        elif day is None and hi + 1 < n and tokens[hi].text == "." and DAY.match(tokens[hi + 1].text) and (
            not _is_year(tokens[hi + 1].text)
        ):  # "Sept. 8", "Feb. 24": the abbreviation's full stop
            day, hi = int(DAY.match(tokens[hi + 1].text).group(1)), hi + 2
        k = hi + 1 if hi < n and tokens[hi].text in {",", "."} else hi
        if k < n and _is_year(tokens[k].text):
            year, hi = int(tokens[k].text), k + 1
        if day is not None and not 1 <= day <= 31:
            day, lo = None, i
        if year is None and scan.ref_date is not None and scan.ref_date.year is not None:
            # "last July", "en juillet dernier": the one before the article; "next March", "mars prochain": after
            way = MONTH_WAYS.get(scan.norm(lo - 1)) or MONTH_WAYS.get(scan.norm(hi))
            year = _year_before(scan.ref_date, month, day, way)  # "le 22 décembre" in an article of 2017-12
        if day is not None:  # a full date goes to dateparser, which knows every way of writing one
            span = scan.span_text(lo, hi)
            # without a year, dateparser would take today's: give it a leap year, so that the answer for
            # "29 février" does not depend on the day the tool runs
            parsed = _dateparse(span if year is not None and _is_year(str(year)) and str(year) in span
                                else f"{span} 2000", scan.lang)
            if parsed is None:  # "32 décembre": keep the month, drop the impossible day
                day, lo = None, i
            else:
                month, day = parsed[1], parsed[2]
        when = _calendar_day(year, month, day) if year is not None and month is not None and day is not None else None
        if when is None and year is not None and day is not None:
            day = None  # "29 février 2019": the month and year stand, the day does not exist
        scan.add(Kind.DATE, PartialDate(year, month, day), lo, hi)
        if when is not None:  # not for "29 février 2019", nor a year the calendar lacks
            scan.add(Kind.WEEKDAY, when.weekday(), lo, hi, take=False, extra=("derived",))
        i = hi

    days = _day_words(scan.lang)
    short = short_weekday_names(scan.lang) if scan.is_claim else {}
    for i in [k for k, tok in enumerate(tokens) if tok.norm in days or (tok.norm in short and tok.is_capitalised)]:
        tok = tokens[i]
        if not scan.free(i) or not tok.is_word:
            continue
        if tok.norm not in days and i + 1 < len(tokens) and tokens[i + 1].is_capitalised and (
            _month_at(scan, i + 1) is None
        ):
            continue  # "Sun Yat-sen", "Mon Valley": a name's word; not "Tue Sept 8"
        weekday = weekday_names(scan.lang).get(tok.norm, short.get(tok.norm))
        if weekday is not None:
            scan.add(Kind.WEEKDAY, weekday, i, i + 1)
            resolved = None if _dated_after(scan, i) else _resolve_weekday(scan.ref_date, weekday)
            if resolved is not None:
                scan.add(Kind.DATE, resolved, i, i + 1, take=False, extra=("relative",))
        elif tok.norm in RELATIVE_DAYS and scan.ref_date is not None:
            shifted = _shift(scan.ref_date, RELATIVE_DAYS[tok.norm])
            if shifted is not None:
                scan.add(Kind.DATE, shifted, i, i + 1, extra=("relative",))

    _neighbour_days(scan)
    _relative_years(scan)
    for i in [k for k, tok in enumerate(tokens) if len(tok.text) == 4]:
        tok = tokens[i]
        if scan.free(i) and _is_year(tok.text) and _looks_like_year(scan, i):
            scan.add(Kind.DATE, PartialDate(int(tok.text)), i, i + 1)


# "last year", "l'an dernier", "cette année": a year counted from the publication date.
RELATIVE_YEARS = {
    ("last", "year"): -1, ("this", "year"): 0, ("next", "year"): 1, ("cette", "annee"): 0,
    ("l'", "an", "dernier"): -1, ("l'", "annee", "derniere"): -1, ("l'", "an", "passe"): -1,
    ("l'", "annee", "passee"): -1, ("l'", "an", "prochain"): 1, ("l'", "annee", "prochaine"): 1,
    ("a", "year", "ago"): -1, ("a", "year", "earlier"): -1, ("il", "y", "a", "un", "an"): -1,
    ("un", "an", "plus", "tot"): -1,
}


RELATIVE_YEARS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], int]]] = {}
for _words, _shift in RELATIVE_YEARS.items():
    RELATIVE_YEARS_BY_FIRST.setdefault(_words[0], []).append((_words, _shift))


def _relative_years(scan: Scan) -> None:
    """In a seed, "last year" is a year: the one before the article's."""
    if scan.ref_date is None or scan.ref_date.year is None:
        return
    norms = [t.norm for t in scan.tokens]
    for i in [k for k, norm in enumerate(norms) if norm in RELATIVE_YEARS_BY_FIRST]:
        for words, shift in RELATIVE_YEARS_BY_FIRST[norms[i]]:
            j = i + len(words)
            if tuple(norms[i:j]) == words and all(scan.free(k) for k in range(i, j)):
                # the words stay for the lexicon too: a claim's "last year" says it as they do
                scan.add(Kind.DATE, PartialDate(scan.ref_date.year + shift), i, j, take=False, extra=("relative",))


MONTH_WAYS = {"last": -1, "dernier": -1, "derniere": -1, "passe": -1, "passee": -1, "next": 1, "prochain": 1,
              "prochaine": 1}


def _year_before(ref: PartialDate, month: int, day: int | None, way: int | None = None) -> int:
    """The year of a day and month an article names without a year: the one nearest its publication date
    ("le 22 décembre" in December 2017, "on 1 April" in March 2023, "en décembre" in January 2020), or the
    nearest before it (way -1: "last July") or after it (way 1: "next March")."""
    if ref.month is None:
        return ref.year
    here = ref.year * 12 + ref.month - 1 + ((ref.day or 15) - 15) / 31
    years = [y for y in (ref.year - 1, ref.year, ref.year + 1)
             if way is None or (y * 12 + month - 1 - here) * way > 0]
    return min(years, key=lambda y: abs(y * 12 + month - 1 + ((day or 15) - 15) / 31 - here))


def ago(ref: PartialDate | None, days: float, unit: str) -> PartialDate | None:
    """The date a duration before publication names ("il y a deux ans", "three months ago"), to the unit's precision."""
    if ref is None or ref.year is None:
        return None
    then = _calendar_day(ref.year, ref.month or 6, ref.day or 15, -days)
    if then is None:  # "il y a 3000 ans" in 2019: before year 1, out of the calendar
        return None
    if unit in ("year", "decade", "century"):
        return PartialDate(then.year)
    if unit in ("month",) or ref.day is None:
        return PartialDate(then.year, then.month) if ref.month is not None else PartialDate(then.year)
    return PartialDate(then.year, then.month, then.day)


def _looks_like_year(scan: Scan, i: int) -> bool:
    before = scan.norm(i - 1)
    after = scan.tokens[i + 1] if i + 1 < len(scan.tokens) else None
    if after is not None and after.norm in ("gmt", "utc"):
        return False  # "(2014 GMT)": a time of day (clock.py reads it)
    if before in YEAR_WORDS or (i >= 2 and before in {"le", "la", "l'", "the"} and scan.norm(i - 2) in YEAR_WORDS):
        return True
    if after is None or not after.is_word or scan.is_stop(i + 1):
        return True
    # "2027 growth forecast", "its 2025 margin goal": a year before a noun in the singular; "2000 jobs" counts
    return not after.norm.endswith(("s", "x")) and 1900 <= int(scan.tokens[i].text) <= 2100


def _resolve_weekday(ref: PartialDate | None, weekday: int) -> PartialDate | None:
    """A weekday in an article is the one of its week: the last such day on or before the publication date."""
    if ref is None or ref.year is None:
        return None
    if ref.day is None:
        return ref
    published = _calendar_day(ref.year, ref.month, ref.day)
    back = 0 if published is None else (published.weekday() - weekday) % 7
    day = None if published is None else _calendar_day(ref.year, ref.month, ref.day, -back)
    return None if day is None else PartialDate(day.year, day.month, day.day)


# The day before or after another: "le lendemain", "la veille", "the next day", "the day before"; as word runs
NEIGHBOUR_DAYS: dict[tuple[str, ...], int] = {
    ("lendemain",): 1, ("veille",): -1, ("next", "day"): 1, ("following", "day"): 1, ("day", "after"): 1,
    ("day", "before"): -1, ("previous", "day"): -1, ("day", "earlier"): -1, ("day", "later"): 1,
}


def _neighbour_days(scan: Scan) -> None:
    """"Le lendemain" is the day after the last dated day before it in the sentence ("le mardi 1er décembre ...
    une grève le lendemain": 2 December); "la veille" the day before. Without a day dated before it in the
    sentence it is left unread."""
    tokens = scan.tokens
    for i, tok in enumerate(tokens):
        if not tok.is_word or not scan.free(i):
            continue
        for words, days in NEIGHBOUR_DAYS.items():
            j = i + len(words)
            if j > len(tokens) or tuple(t.norm for t in tokens[i:j]) != words:
                continue
            if not all(scan.free(k) for k in range(i, j)):
                continue
            if words[0] == "day" and (i == 0 or tokens[i - 1].norm not in ("the", "a")):
                continue  # "the day after", not "every day after"
            anchors = [f for f in scan.facts if f.kind is Kind.DATE and f.end <= tok.start and f.value.day is not None
                       and "relative" not in f.extra]
            if not anchors:
                continue  # the day before what? The sentence before may say; the article's date would guess
            shifted = _shift(anchors[-1].value, days)
            if shifted is None:
                continue
            scan.add(Kind.DATE, shifted, i, j, extra=("relative",))
            when = _calendar_day(shifted.year, shifted.month, shifted.day) if shifted.year and shifted.month else None
            if when is not None:
                scan.add(Kind.WEEKDAY, when.weekday(), i, j, take=False, extra=("derived",))
            break


def _shift(ref: PartialDate, days: int) -> PartialDate | None:
    if ref.day is None or ref.year is None:
        return ref  # only as precise as the header
    day = _calendar_day(ref.year, ref.month, ref.day, days)
    return None if day is None else PartialDate(day.year, day.month, day.day)


def _calendar_day(year: int, month: int, day: int, shift_days: float = 0) -> dt.date | None:
    """The day `shift_days` after year-month-day; None for a day the month lacks or one outside years 1-9999."""
    try:
        return dt.date(year, month, day) + dt.timedelta(days=shift_days)
    except (ValueError, OverflowError):
        return None
