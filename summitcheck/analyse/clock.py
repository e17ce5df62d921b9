"""Times of day, scores and durations written as clocks: "20:02 UTC", "17 h 02 heure locale", "5:02 p.m.",
"2-1", "6-4 3-6", "1 h 12 min", "M6.8".

They are read before plain numbers, which would otherwise take their digits one by one ("2-1" as the number 1).
A time of day is an identifier in the namespace of its time zone (`#time:utc`, `#time:local`, or `#time` when the
text names none), so that "17:02 UTC" conflicts with "20 h 02 UTC" and says nothing of "17 h 02 heure locale";
a score is an identifier in the namespace `#score` (namespaces with "#" are no concept a word can name).
"""

from __future__ import annotations

from ..model import Kind
from .scan import Scan
from .tokens import tokenize
from .units import QUALIFIERS_BY_LAST

# Time zones written after a time; "local" is the place's own time.
ZONES: dict[tuple[str, ...], str] = {
    ("utc",): "utc",
    ("gmt",): "utc",
    ("temps", "universel"): "utc",
    ("heure", "locale"): "local",
    ("heures", "locales"): "local",
    ("local", "time"): "local",
    ("local",): "local",
    ("heure", "de", "paris"): "paris",
    ("heure", "francaise"): "paris",
    ("paris", "time"): "paris",
    ("cet",): "paris",
    ("cest",): "paris",
}
MERIDIEM = {"am": 0, "pm": 12}
# a bare "13 h" is a time after these
AT = frozenset("a at vers around des from depuis jusqu'a until avant apres before after".split())
SCORE_DASHES = frozenset({"-", "–", "—"})
# After these, "2 h 41" is how long something took, not when: "lasted 2h41", "a duré 2 h 41", "won in 2h41"
HOW_LONG = frozenset("lasted last lasts lasting took take takes taking in en dure durait duré durée pendant "
                     "during".split())


def extract(scan: Scan) -> None:
    """Clock times, compound durations, scores and magnitudes, taking their tokens."""
    tokens = scan.tokens
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if scan.taken[i] or not (tok.text[:1].isdigit() or tok.is_code):
            i += 1
            continue
        i = (_magnitude(scan, i) or _race_time(scan, i) or _clock_duration(scan, i) or _duration(scan, i)
             or _time(scan, i) or _score(scan, i) or _match_minute(scan, i) or i + 1)
    _tallies(scan)


RACE_UNITS = {"h": 3600, "m": 60, "min": 60, "s": 1}


AGE_GROUP = {"under": "max", "over": "min"}  # "the under-26s": those under 26 years old


def _age_group(scan: Scan, i: int) -> int | None:
    """ "over-65s", "under-2s": people of an age, as "plus de 65 ans" and "moins de 2 ans" say; not 65 seconds."""
    years = _small(scan, i, 120, 3)
    if years is None or scan.norm(i + 1) != "s" or not _glued(scan, i + 1) or i < 2 or scan.norm(i - 1) != "-":
        return None
    qualifier = AGE_GROUP.get(scan.norm(i - 2))
    if qualifier is None or not (_glued(scan, i - 1) and _glued(scan, i)):
        return None
    scan.add(Kind.DURATION, (years * 365.25, "year"), i - 2, i + 2, qualifier=qualifier, extra=(float(years),))
    return i + 2


def _race_time(scan: Scan, i: int) -> int | None:
    """ "4h31m12s", "1m46s", "38s": a time in hours, minutes and seconds written glued, as sport reports do; one
    duration in seconds. Not "the 1990s", "les années 80s"."""
    age = _age_group(scan, i)
    if age is not None:
        return age
    total, k, parts, last = 0, i, 0, None
    while k + 1 < len(scan.tokens) and not scan.taken[k]:
        figure = _small(scan, k, 999, 3)
        unit = scan.norm(k + 1)
        if figure is None or unit not in RACE_UNITS or not _glued(scan, k + 1) or (parts and not _glued(scan, k)):
            break
        if last is not None and RACE_UNITS[unit] >= last:
            break
        total, k, parts, last = total + figure * RACE_UNITS[unit], k + 2, parts + 1, RACE_UNITS[unit]
    if parts == 0 or last != 1 or scan.norm(i - 1) in ("the", "les", "annees"):
        return None  # ends on seconds: "1m46s"; "4h31m" is _duration's, "95m" a scale
    scan.add(Kind.DURATION, (total / 86400, "second"), i, k, extra=(float(total),))
    return k


TALLY_WORDS = frozenset("voix votes vote suffrages".split())
AGAINST = frozenset("contre against to".split())


def _tallies(scan: Scan) -> None:
    """ "34 voix contre 17", "by 289 votes to 257": a tally, the score "34-17" a claim writes for it (the figures
    stay counts of their own)."""
    tokens = scan.tokens
    for i in range(len(tokens) - 3):
        a = _tally_figure(scan, i)
        if a is None or scan.norm(i + 1) not in TALLY_WORDS or scan.norm(i + 2) not in AGAINST:
            continue
        b = _tally_figure(scan, i + 3)
        if b is None:
            continue
        scan.add(Kind.IDENTIFIER, ("#score", f"{a}-{b}"), i, i + 4, take=False)


def _tally_figure(scan: Scan, i: int) -> int | None:
    """A count of votes in digits or words ("by five votes to two")."""
    if scan.tokens[i].text[:1].isdigit():
        return _small(scan, i, 99999, 5) if scan.tokens[i].text[:1] != "0" else None
    from .quantities import word_value  # (quantities reads clocks first: imported here, not at the top)

    if not scan.tokens[i].is_word or (i and (scan.norm(i - 1) in ("et", "and") or word_value(scan.norm(i - 1),
                                                                                        scan.lang) is not None)):
        return None  # one word only: not the "une" of "trente et une voix"
    value = word_value(scan.norm(i), scan.lang)
    return int(value) if value is not None and value.is_integer() else None


def _glued(scan: Scan, i: int) -> bool:
    """Whether token i touches the one before it."""
    return 0 < i < len(scan.tokens) and scan.tokens[i - 1].end == scan.tokens[i].start


def _small(scan: Scan, i: int, most: int, digits: int = 2) -> int | None:
    if not (0 <= i < len(scan.tokens)) or scan.taken[i]:
        return None
    text = scan.tokens[i].text
    if not (text.isascii() and text.isdigit()) or len(text) > digits or int(text) > most:
        return None
    return int(text)


def _time(scan: Scan, i: int) -> int | None:
    """ "20:02", "20 h 02", "20h", "5:02 p.m.", "3.20pm", with the zone after it; "0117 GMT" with a zone only."""
    hours = _small(scan, i, 23)
    if hours is None:
        return _dotted_time(scan, i) or _four_digit_time(scan, i)
    k = i + 1
    sep = scan.norm(k)
    minutes = None
    if sep == ":" and _glued(scan, k) and _glued(scan, k + 1):
        minutes = _small(scan, k + 1, 59)
        if minutes is None or len(scan.tokens[k + 1].text) != 2:
            return None
        k += 2
        if scan.norm(k) == ":" and _glued(scan, k) and _glued(scan, k + 1) and _small(scan, k + 1, 59) is not None:
            k += 2  # "20:02:15 UTC": the minute is what a report's times are compared to
    elif sep == "h":
        minutes = _small(scan, k + 1, 59)
        if minutes is not None:
            k += 2
            if scan.norm(k) in ("min", "mn", "minutes"):
                return None  # "1 h 12 min": a duration (_duration)
        else:
            k += 1
            if scan.norm(k) in ("min", "mn") or not (
                scan.norm(i - 1) in AT or _zone(scan, k)[0] or _approximate(scan, i) is not None
            ):
                return None  # a bare "13 h" is a time only where it says when ("à 13 h", "13 h GMT")
            minutes = 0
    elif _meridiem(scan, k)[1] is not None and hours <= 12:
        minutes = 0  # "6pm", "3 p.m."
    else:
        return None
    k, half = _meridiem(scan, k)
    if half is not None:
        if hours > 12:
            return None
        hours = hours % 12 + half
    return _time_of_day(scan, i, k, hours, minutes)


def _time_of_day(scan: Scan, i: int, k: int, hours: int, minutes: int) -> int:
    """The time read from token i, with the zone written at token k and the approximation before i, if any."""
    zone, k = _zone(scan, k)
    first = _approximate(scan, i)
    scan.add(Kind.IDENTIFIER, (f"#time:{zone}" if zone else "#time", f"{hours:02d}:{minutes:02d}"),
             i if first is None else first, k, qualifier="exact" if first is None else "approx")
    return k


def _dotted_time(scan: Scan, i: int) -> int | None:
    """ "3.20 p.m.", "10.45am": British wires write the minutes after a dot, and only with am / pm."""
    hours, dot, minutes = scan.tokens[i].text.partition(".")
    if not (dot and hours.isdigit() and len(minutes) == 2 and minutes.isdigit() and 1 <= int(hours) <= 12
            and int(minutes) <= 59):
        return None
    k, half = _meridiem(scan, i + 1)
    return None if half is None else _time_of_day(scan, i, k, int(hours) % 12 + half, int(minutes))


def _approximate(scan: Scan, i: int) -> int | None:
    """Where the words that make the time at token i approximate start ("around 3:40am", "vers 3 h 40", "aux
    alentours de 15 h"), if any."""
    if scan.norm(i - 1) in ("vers", "toward", "towards"):
        return i - 1
    for words, qualifier in QUALIFIERS_BY_LAST.get(scan.norm(i - 1), ()):
        first = i - len(words)
        if qualifier == "approx" and first >= 0 and all(scan.free(first + n) and scan.norm(first + n) == w
                                                         for n, w in enumerate(words)):
            return first
    return None


def _four_digit_time(scan: Scan, i: int) -> int | None:
    """ "0117 GMT", "1430 UTC": four digits are a time of day only where a time zone follows them."""
    text = scan.tokens[i].text
    if len(text) != 4 or not (text.isascii() and text.isdigit()) or int(text[:2]) > 23 or int(text[2:]) > 59:
        return None
    zone, k = _zone(scan, i + 1)
    if zone is None or zone == "local":  # "1430 local" is rare; "2019 local elections" is a year
        return None
    scan.add(Kind.IDENTIFIER, (f"#time:{zone}", f"{text[:2]}:{text[2:]}"), i, k)
    return k


def _meridiem(scan: Scan, k: int) -> tuple[int, int | None]:
    """ "p.m.", "pm", "a.m." after a time: where reading goes on, and the hours it adds."""
    word = scan.norm(k)
    if word in MERIDIEM:
        return k + 1, MERIDIEM[word]
    if word in ("a", "p") and scan.norm(k + 1) == "." and scan.norm(k + 2) == "m":
        end = k + 4 if scan.norm(k + 3) == "." else k + 3
        return end, MERIDIEM[word + "m"]
    return k, None


def _zone(scan: Scan, k: int) -> tuple[str | None, int]:
    j = k + 1 if scan.norm(k) == "(" else k
    for words, zone in sorted(ZONES.items(), key=lambda z: -len(z[0])):
        if tuple(scan.norm(j + n) for n in range(len(words))) == words:
            end = j + len(words)
            return zone, end + 1 if j > k and scan.norm(end) == ")" else end
    # "9.14 pm Luxembourg time", "heure de Montréal": a place's own time
    if j + 1 < len(scan.tokens) and scan.tokens[j].is_capitalised and scan.tokens[j].is_word and (
            scan.norm(j + 1) == "time"):
        return "local", j + 2
    if scan.norm(j) in ("heure", "heures") and scan.norm(j + 1) in ("de", "d'") and j + 2 < len(scan.tokens) and (
            scan.tokens[j + 2].is_capitalised):
        return "local", j + 3
    return None, k


SECONDS = frozenset("s sec secs secondes seconds".split())
PRIMES = frozenset({"'", "’", "′"})  # "2h09'05": minutes, then seconds


def _clock_duration(scan: Scan, i: int) -> int | None:
    """ "2:07:42": hours, minutes and seconds as a race clock shows them, one duration in seconds; a time of day
    only with a time zone after it ("20:02:15 UTC", which _time reads without its seconds)."""
    hours = _small(scan, i, 99)
    if hours is None or scan.norm(i + 1) != ":" or scan.norm(i + 3) != ":" or not all(
        _glued(scan, k) for k in range(i + 1, i + 5)
    ):
        return None
    minutes, seconds = _small(scan, i + 2, 59), _small(scan, i + 4, 59)
    if minutes is None or seconds is None or len(scan.tokens[i + 4].text) != 2 or _zone(scan, i + 5)[0]:
        return None
    return _seconds(scan, i, i + 5, hours * 3600 + minutes * 60 + seconds)


def _seconds(scan: Scan, i: int, end: int, total: int) -> int:
    scan.add(Kind.DURATION, (total / 86400, "second"), i, end, extra=(float(total),))
    return end


def _duration(scan: Scan, i: int) -> int | None:
    """ "1 h 12 min", "2 h 30": one duration in minutes; "58 min" too. With seconds after the minutes ("2 h 07 min
    42 s", "2h09'05"), one duration in seconds."""
    first = _small(scan, i, 999, 3)
    if first is None:
        return None
    if scan.norm(i + 1) == "h" and (scan.norm(i + 3) in ("min", "mn", "minutes") or scan.norm(i + 3) in PRIMES):
        minutes = _small(scan, i + 2, 59)
        if minutes is None:
            return None
        total, end = first * 60 + minutes, i + 4
        seconds = _small(scan, end, 59)
        if seconds is not None and (scan.norm(end + 1) in SECONDS or scan.norm(i + 3) in PRIMES):
            after = end + 2 if scan.norm(end + 1) in SECONDS else end + 1
            while scan.norm(after) in PRIMES or scan.norm(after) == '"':
                after += 1  # "2 h 09' 05''"
            return _seconds(scan, i, after, total * 60 + seconds)
        if scan.norm(i + 3) in PRIMES:
            return None  # "2h09'" with no seconds: read as "2 h 09" below
    elif scan.norm(i + 1) in ("min", "mn") and not _glued(scan, i + 2):
        total, end = first, i + 2
    elif scan.norm(i + 1) == "h" and scan.norm(i - 1) in HOW_LONG and _small(scan, i + 2, 59) is not None:
        total, end = first * 60 + (_small(scan, i + 2, 59) or 0), i + 3  # "lasted 2h41", "en 2 h 41"
    else:
        return None
    scan.add(Kind.DURATION, (total / 1440, "minute"), i, end, extra=(float(total),))
    return end


def _score(scan: Scan, i: int) -> int | None:
    """ "2-1", "6-4", "7-6(5)": two small numbers joined by a dash with no space (a range has units or years)."""
    a = _small(scan, i, 199, 3)
    if a is None or scan.tokens[i + 1 : i + 2] == [] or scan.tokens[i + 1].text not in SCORE_DASHES:
        return None
    if not (_glued(scan, i + 1) and _glued(scan, i + 2)):
        return None
    b = _small(scan, i + 2, 199, 3)
    if b is None:
        return None
    after = scan.norm(i + 3)
    if after in ("%", "percent", "pour", "ans", "years", "km", "h", "heures", "hours", "jours", "days", "million",
                 "millions", "milliards", "billion", "bn", "m", "k"):
        return None  # "3-4 %", "5-10 ans": a range
    end, score = i + 3, f"{a}-{b}"
    if scan.norm(end) == "(" and _small(scan, end + 1, 99) is not None and scan.norm(end + 2) == ")":
        score += f"({scan.tokens[end + 1].text})"  # a tie-break: "7-6(5)", "7-6 (5)"
        end += 3
    scan.add(Kind.IDENTIFIER, ("#score", score), i, end)
    return end


def _magnitude(scan: Scan, i: int) -> int | None:
    """ "M6.8": an earthquake's magnitude, the number seeds write after "magnitude"."""
    tok = scan.tokens[i]
    if not (tok.is_code and len(tok.text) == 2 and tok.text[0] == "M" and tok.text[1].isdigit()):
        return None
    end, value = i + 1, float(tok.text[1])
    decimal = scan.norm(i + 1) == "." and _glued(scan, i + 1) and _glued(scan, i + 2)
    if decimal and _small(scan, i + 2, 9, 1) is not None:
        value += int(scan.tokens[i + 2].text) / 10
        end = i + 3
    scan.add(Kind.NUMBER, value, i, end, head=("magnitude",))
    return end


def _match_minute(scan: Scan, i: int) -> int | None:
    """ "(72')": a match's minute, as sports reports write it; the ordinal of "à la 72e minute"."""
    minute = _small(scan, i, 130, 3)
    if minute is None or not _glued(scan, i + 1) or scan.tokens[i + 1].text not in ("'", "’"):
        return None
    after = scan.tokens[i + 2] if i + 2 < len(scan.tokens) else None
    if after is not None and after.start == scan.tokens[i + 1].end and after.is_word:
        return None  # "72's", an elision
    head = tuple(scan.knowledge.word_ids(tokenize("minute", scan.lang), 0))
    scan.add(Kind.ORDINAL, minute, i, i + 2, head=head)
    return i + 2
