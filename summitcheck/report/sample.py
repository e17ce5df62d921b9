"""A small hand-made Report: two seeds, six claims, every verdict, overlapping evidence and awkward characters.

The golden tests of every output format render it, so they change only when a format changes, never when the
checker's reasoning does. `python -m summitcheck.report.sample FORMAT` prints it in any format, to preview one.
"""

from __future__ import annotations

import sys

from ..model import Claim, Evidence, Location, PartialDate, Report, Result, Seed, Sentence, Verdict

FR_TEXT = (
    "date 2019-04 Kim Jong-un et Vladimir Poutine ont entamé leur sommet jeudi à Vladivostok.\n"
    "Environ 10.000 travailleurs nord-coréens sont employés en Russie.\n"
    "La résolution 2397 du Conseil de sécurité, adoptée en décembre 2017, exige leur renvoi sous deux ans.\n"
)
EN_TEXT = "The summit lasted two days. It ended on a Friday.\n"


def _sentences(text: str, bounds: list[tuple[str, str]]) -> tuple[Sentence, ...]:
    """Sentences from their first and last words."""
    out = []
    for i, (first, last) in enumerate(bounds, 1):
        start = text.index(first)
        end = text.index(last, start) + len(last)
        out.append(Sentence(i, start, end, text[start:end]))
    return tuple(out)


FR = Seed(
    id="sample-fr",
    path="seeds/sample-fr.txt",
    text=FR_TEXT,
    language="fr",
    date=PartialDate(2019, 4),
    sentences=_sentences(
        FR_TEXT, [("Kim Jong-un", "Vladivostok."), ("Environ", "en Russie."), ("La résolution", "deux ans.")]
    ),
)
EN = Seed(
    id="sample-en",
    path="seeds/sample-en.txt",
    text=EN_TEXT,
    language="en",
    date=None,
    sentences=_sentences(EN_TEXT, [("The summit", "two days."), ("It ended", "Friday.")]),
)


def _ev(seed: Seed, words: str, claim_words: str, kind: str, status: str = "match", nth: int = 0) -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = seed.text.index(words, start + 1)
    end = start + len(words)
    sentence = next(s for s in seed.sentences if s.start <= start and end <= s.end)
    return Evidence(seed.id, sentence.index, start, end, words, claim_words, kind, status)


def _claim(cid: str, text: str, path: str, line: int, seed: str | None, tags: tuple[str, ...] = (),
           note: str | None = None) -> Claim:
    return Claim(cid, text, Location(path, line, 5), seed, tags, note)


def sample_report() -> Report:
    summit, labour = "claims/summit.yaml", "claims/labour.yaml"
    results = (
        Result(
            _claim("summit-vladivostok", "Kim and Putin met in Vladivostok", summit, 2, "sample-fr", ("summit",)),
            Verdict.SUPPORTED,
            "stated in sentence 1: 'Kim' = 'Kim Jong-un', 'Vladivostok' = 'Vladivostok'",
            "sample-fr",
            FR.sentences[0],
            (
                _ev(FR, "Kim Jong-un", "Kim", "entity"),
                _ev(FR, "Vladimir Poutine", "Putin", "entity"),
                _ev(FR, "sommet", "met", "term"),
                _ev(FR, "Vladivostok", "Vladivostok", "entity"),
            ),
        ),
        Result(
            _claim("putin-pyongyang", "Putin visited Pyongyang in April 2019", summit, 6, "sample-fr", ("summit",)),
            Verdict.UNSUPPORTED,
            "the seed does not state 'Pyongyang' (closest: sentence 1)",
            "sample-fr",
            FR.sentences[0],
            (_ev(FR, "Vladimir Poutine", "Putin", "entity"), _ev(FR, "Poutine ont entamé", "visited", "term")),
        ),
        Result(
            _claim("summit-length", "a two-day summit", summit, 10, "sample-en", ("summit",), note="from the wire"),
            Verdict.SUPPORTED,
            "stated in sentence 1: 'two-day' = 'two days'",
            "sample-en",
            EN.sentences[0],
            (_ev(EN, "summit", "summit", "term"), _ev(EN, "two days", "two-day", "duration")),
        ),
        Result(
            _claim("workers-count", "≈20,000 workers", labour, 2, "sample-fr", ("labour",)),
            Verdict.CONTRADICTED,
            "claim says '≈20,000'; seed says 'Environ 10.000' (sentence 2)",
            "sample-fr",
            FR.sentences[1],
            (_ev(FR, "Environ 10.000", "≈20,000", "number", "conflict"), _ev(FR, "travailleurs", "workers", "term")),
        ),
        Result(
            _claim("un-deadline", "UN res. 2397, Dec 2017, two-year deadline", labour, 6, "sample-fr",
                   ("labour", "un")),
            Verdict.SUPPORTED,
            "stated in sentence 3: 'res. 2397' = 'résolution 2397', 'Dec 2017' = 'décembre 2017'",
            "sample-fr",
            FR.sentences[2],
            (
                _ev(FR, "résolution 2397", "res. 2397", "identifier"),
                _ev(FR, "décembre 2017", "Dec 2017", "date"),
                _ev(FR, "sous deux ans", "two-year deadline", "duration"),
            ),
        ),
        Result(
            _claim("odd-chars", 'He said "a | b <b>50%</b>, c: d" *twice*', labour, 10, None, ("quotes & marks",)),
            Verdict.UNSUPPORTED,
            "the seed does not state '\"a | b <b>50%</b>, c: d\"'",
            None,
        ),
    )
    return Report(results, (FR, EN))


def main(argv: list[str] | None = None) -> None:
    from . import formats, renderer

    args = sys.argv[1:] if argv is None else argv
    name = args[0] if args else "plain"
    if name not in formats():
        raise SystemExit(f"usage: python -m summitcheck.report.sample [{'|'.join(formats())}]")
    renderer(name)(sample_report(), sys.stdout)


if __name__ == "__main__":
    main()
