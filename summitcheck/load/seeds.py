"""Seeds: the `date` header, sentences with character offsets, and the article's language (analyse.language)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError, InputErrors, shown
from ..model import Location, PartialDate, Seed, Sentence
from .files import MAX_SEED_FILE_BYTES, find_files, path_kind, position, read_text, shown_path

SEED_SUFFIXES = (".txt",)
HEADER = re.compile(r"\s*date\s+(?P<value>[0-9][0-9-]*)(?=\s|\Z)")
HEADER_VALUE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?\Z")

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATED = (
    "m mm mme mlle dr st mr mrs ms prof gen col lt sgt gov sen rep res no nos n° art vol p pp av bd fig etc env "
    "cf ca approx jan feb fév févr mar apr avr jun jul juil aug sep sept oct nov dec déc inc ltd co corp"
)
ABBREVIATIONS = frozenset(_ABBREVIATED.split())
LINE = re.compile(r"[^\n]+")
LAST_WORD = re.compile(r"([\wÀ-ÿ°]+)\Z")
# A real sentence is a few hundred characters. Text without sentence ends (a transcript, an all-lowercase page) is
# cut into pieces of at most this many: the matcher's cost grows with the square of a sentence's length.
MAX_SENTENCE_CHARS = 2_000
ABBREVIATION_WINDOW = 32  # longer than any abbreviation; a longer word is cut but still never one
# A sentence ends with a run of marks, closing quotes or brackets, then space and a capital or a digit. The run and
# what follows it are two patterns, so that no pattern backtracks: a line of 10,000 dots costs linear time.
END_MARKS = re.compile(r"[.!?…]+")
AFTER_END = re.compile(r"[\"»”’)\]]*(?=\s+(?:[\"«“‘(\[][\s\u00a0\u202f]*)?[A-ZÀ-ÖØ-Þ0-9])")  # "ligne. « Un jour"


def parse_header(text: str, path: str) -> tuple[PartialDate | None, int]:
    """The publication date and where the article text starts; a malformed header is an InputError."""
    m = HEADER.match(text)
    if not m:
        return None, 0
    value = m.group("value")
    line, col = position(text, m.start("value"))
    v = HEADER_VALUE.match(value)
    where = Location(path, line, col)
    fix = "write date YYYY, YYYY-MM or YYYY-MM-DD"
    if not v:
        raise InputError(where, f"bad date header {shown(value)}; {fix}")
    year = int(v["y"])
    month = int(v["m"]) if v["m"] else None
    day = int(v["d"]) if v["d"] else None  # never without a month (HEADER_VALUE)
    if year < 1:
        raise InputError(where, f"bad date header {value!r}: there is no year 0; {fix}")
    if month is not None and not 1 <= month <= 12:
        raise InputError(where, f"bad date header {value!r}: month {month} is not 1-12; {fix}")
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise InputError(where, f"bad date header {value!r}: {year}-{month:02d} has no day {day}; {fix}")
    return PartialDate(year, month or None, day or None), m.end()


def split_sentences(text: str, start: int = 0) -> list[Sentence]:
    """Sentences of text[start:], each with its offsets in `text`.

    Lines are always boundaries (headings, paragraphs). Linear in the text, whatever its shape (one 50 MB line,
    10,000 dots in a row): nothing here rescans a line from its start.
    """
    spans: list[tuple[int, int]] = []
    for line in LINE.finditer(text, start):  # no copy of the text: a seed may be tens of megabytes
        lo, hi = line.span()
        cut = lo
        for marks in END_MARKS.finditer(text, lo, hi):
            after = AFTER_END.match(text, marks.end(), hi)
            if after is None or (text[marks.start()] == "." and _is_abbreviation(text, lo, marks.start())):
                continue
            spans.append((cut, after.end()))
            cut = after.end()
        spans.append((cut, hi))
    sentences: list[Sentence] = []
    for lo, hi in spans:
        while lo < hi:
            while lo < hi and text[lo].isspace():
                lo += 1
            end = hi
            if end - lo > MAX_SENTENCE_CHARS:  # no boundary for pages: cut at a space, so the analysis stays linear
                space = text.rfind(" ", lo + MAX_SENTENCE_CHARS // 2, lo + MAX_SENTENCE_CHARS)
                end = space if space > lo else lo + MAX_SENTENCE_CHARS
            stop = end
            while stop > lo and text[stop - 1].isspace():
                stop -= 1
            if lo < stop:
                sentences.append(Sentence(len(sentences) + 1, lo, stop, text[lo:stop]))
            lo = end
    return sentences


def _is_abbreviation(text: str, line_start: int, dot: int) -> bool:
    # Only the few characters before the dot: slicing from the line start costs quadratic time on a long line.
    word = LAST_WORD.search(text, max(line_start, dot - ABBREVIATION_WINDOW), dot)
    if not word:
        return False
    w = word.group(1)
    return w.lower() in ABBREVIATIONS or (len(w) == 1 and w.isupper())


def parse_seed(text: str, path: str, seed_id: str, language: str | None = None) -> Seed:
    # imported here, as before the move: the analysers' package is loaded only once a seed is read
    from ..analyse.language import LANGUAGE_SAMPLE, detect_language

    date, body = parse_header(text, path)
    sentences = split_sentences(text, body)
    if not sentences:
        raise InputError(Location(path, 1, 1), "seed has no text; add the article or remove the file")
    return Seed(
        id=seed_id,
        path=path,
        text=text,
        language=language or detect_language(text[body : body + LANGUAGE_SAMPLE]),
        date=date,
        sentences=tuple(sentences),
    )


def load_seeds(folder: Path, language: str | None = None) -> list[Seed]:
    """Every seed of a folder (and its subfolders), in path order; raises InputErrors listing every problem."""
    where = Location(shown_path(folder))
    kind, problem = path_kind(folder)
    if kind == "file":
        raise InputErrors([InputError(where, "--seeds names a file; name the folder of .txt seeds instead")])
    if kind != "folder":
        if problem.startswith("no such"):
            problem = "seed folder does not exist; check the path, or name the folder with --seeds"
        raise InputErrors([InputError(where, problem)])
    files, errors = find_files([folder], SEED_SUFFIXES, "seeds")
    seeds: list[Seed] = []
    first: dict[str, str] = {}
    for file in files:
        shown_file = shown_path(file)
        if file.stem in first:
            message = f"seed id {shown(file.stem)} is also {first[file.stem]}; rename one (an id is a file stem)"
            errors.append(InputError(Location(shown_file), message))
            continue
        first[file.stem] = shown_file
        try:
            text = read_text(file, MAX_SEED_FILE_BYTES, "seed")
            seeds.append(parse_seed(text, shown_file, file.stem, language))
        except InputError as e:
            errors.append(e)
        finally:
            text = ""  # the seed keeps its own reference; an unreadable one is dropped now, not at the next file
    if errors:
        raise InputErrors(errors)
    return seeds


def seed_ids(seeds: Iterable[Seed]) -> set[str]:
    return {s.id for s in seeds}
