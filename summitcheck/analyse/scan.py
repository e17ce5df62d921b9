"""The shared state of one analysis: the tokens of a text, which of them a fact already took, the facts so far."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Fact, Kind, PartialDate
from .knowledge import Knowledge
from .tokens import Token

CONJUNCT_OPENERS = frozenset("et and ou or mais but per selon according".split())


@dataclass
class Scan:
    text: str  # the analysed text; token offsets are relative to `base`
    base: int
    lang: str
    tokens: list[Token]
    knowledge: Knowledge
    ref_date: PartialDate | None = None  # the seed's publication date, for "jeudi", "aujourd'hui"
    is_claim: bool = False  # a claim is read strictly: "the North Korean leader" names a person, not the state
    names: frozenset[str] = frozenset()  # words the whole text writes as names where no sentence starts
    taken: list[bool] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.taken = [False] * len(self.tokens)

    def span_text(self, i: int, j: int) -> str:
        """The original text of tokens i..j-1."""
        return self.text[self.tokens[i].start - self.base : self.tokens[j - 1].end - self.base]

    def add(self, kind: Kind, value: object, i: int, j: int, take: bool = True, **extra: object) -> Fact:
        tokens = self.tokens
        start, end = tokens[i].start, tokens[j - 1].end
        fact = Fact(kind, value, start, end, self.text[start - self.base : end - self.base], **extra)
        self.facts.append(fact)
        if take:
            self.taken[i:j] = [True] * (j - i)
        return fact

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and not self.taken[i]

    def norm(self, i: int) -> str:
        return self.tokens[i].norm if 0 <= i < len(self.tokens) else ""

    def is_stop(self, i: int) -> bool:
        return self.knowledge.is_stopword(self.tokens[i], self.lang)

    def content_after(self, j: int, count: int = 3, window: int = 5) -> list[int]:
        """Indices of up to `count` content words within `window` tokens after position j (stops at punctuation,
        but not at a hyphen or apostrophe, and at a word that opens another conjunct or names a source: "17 et le
        RN 5", "87,000 per police")."""
        end = min(len(self.tokens), j + window)
        stop = next((k for k in range(j, end) if self.tokens[k].norm in CONJUNCT_OPENERS), end)
        return self._content(range(j, stop), count, passing={"-", "'"})

    def content_before(self, i: int, count: int = 3, window: int = 5) -> list[int]:
        """Indices of up to `count` content words within `window` tokens before position i."""
        return self._content(range(i - 1, max(-1, i - 1 - window), -1), count, passing=set())

    def _content(self, positions: range, count: int, passing: set[str]) -> list[int]:
        found: list[int] = []
        for k in positions:
            tok = self.tokens[k]
            if not tok.is_word:
                if tok.text in passing:
                    continue
                break
            if not self.is_stop(k):
                found.append(k)
                if len(found) == count:
                    break
        return found
