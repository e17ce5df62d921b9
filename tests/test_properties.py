"""Metamorphic properties over real seed sentences (hypothesis picks the sentence and the change).

- A seed sentence taken as a claim is supported by its seed.
- The same sentence with one number, month, weekday or name changed is never supported.
"""

from __future__ import annotations

import functools
import re

import pytest
from conftest import SEEDS, TEST_SEEDS
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from summitcheck.analyse.knowledge import default_knowledge
from summitcheck.api import check_claim
from summitcheck.load.seeds import load_seeds
from summitcheck.match import Settings
from summitcheck.model import Claim, Kind, Location, Verdict
from summitcheck.store import SeedFacts, analyse_seed

FOLDERS = [p for p in (SEEDS, TEST_SEEDS) if p.is_dir() and any(p.glob("*.txt"))]


@functools.cache
def analysed() -> list[SeedFacts]:
    return [analyse_seed(seed, default_knowledge()) for folder in FOLDERS for seed in load_seeds(folder)]


def sentences() -> list[tuple[int, int]]:
    """(seed, sentence) positions of sentences that carry at least two facts beyond plain words."""
    out = []
    for s, seed in enumerate(analysed()):
        for k, sentence in enumerate(seed.sentences):
            checkable = [f for f in sentence.facts if f.kind not in (Kind.WORD,)]
            if len(checkable) >= 2 and len(seed.seed.sentences[k].text) > 40:
                out.append((s, k))
    return out


def verdict(seed: SeedFacts, text: str) -> Verdict:
    claim = Claim("p", text, Location("property"), seed=seed.seed.id)
    return check_claim(claim, [seed], default_knowledge(), Settings()).verdict


MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre", "January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "Monday", "Tuesday",
            "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
STRANGERS = {"person": "Angela Merkel", "city": "Lisbonne", "state": "Portugal", "org": "OTAN"}


def change_number(text: str, seed: SeedFacts, k: int) -> str | None:
    m = re.search(r"\d+(?:[.,\s]\d{3})*", text)
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group())
    bigger = str(int(digits) * 3 + 7)
    return text[: m.start()] + bigger + text[m.end() :]


def _swap_word(text: str, words: list[str]) -> str | None:
    for i, word in enumerate(words):
        m = re.search(rf"\b{re.escape(word)}\b", text)
        if m:
            other = words[(i + 3) % 7 + (i // 7) * 7] if len(words) == 14 else words[(i + 5) % 12 + (i // 12) * 12]
            return text[: m.start()] + other + text[m.end() :]
    return None


def change_month(text: str, seed: SeedFacts, k: int) -> str | None:
    return _swap_word(text, MONTHS)


def change_weekday(text: str, seed: SeedFacts, k: int) -> str | None:
    return _swap_word(text, WEEKDAYS)


def change_name(text: str, seed: SeedFacts, k: int) -> str | None:
    sentence = seed.sentences[k]
    base = seed.seed.sentences[k].start
    for fact in sentence.facts:
        if fact.kind is Kind.ENTITY and fact.extra and "name" in fact.extra[0]:
            for kind in fact.extra[1]:
                if kind in STRANGERS and STRANGERS[kind] not in seed.seed.text:
                    start, end = fact.start - base, fact.end - base
                    return text[:start] + STRANGERS[kind] + text[end:]
    return None


CHANGES = [change_number, change_month, change_weekday, change_name]


@pytest.mark.parametrize("position", sentences(), ids=lambda p: f"{p[0]}-{p[1] + 1}")
def test_a_seed_sentence_supports_itself(position: tuple[int, int]) -> None:
    s, k = position
    seed = analysed()[s]
    assert verdict(seed, seed.seed.sentences[k].text) is Verdict.SUPPORTED


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(position=st.sampled_from(sentences()), change=st.sampled_from(CHANGES))
def test_one_changed_value_is_never_supported(position: tuple[int, int], change) -> None:
    s, k = position
    seed = analysed()[s]
    original = seed.seed.sentences[k].text
    changed = change(original, seed, k)
    assume(changed is not None and changed != original)
    assert verdict(seed, changed) is not Verdict.SUPPORTED, changed
