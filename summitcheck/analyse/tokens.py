"""Tokens with offsets, and the comparison keys that make French and English words meet.

A token's `key` is its Snowball stem, lowercased and without accents ("travailleurs" -> "travailleur",
"Coréenne" -> "coreen"); short all-capital words keep their case ("UN" is not the French article "un").
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from dataclasses import dataclass

import snowballstemmer

from ..model import pickled_as_call

WORD = re.compile(
    r"(?:[A-Z]\.){2,}"  # dotted acronyms: U.S., U.N.
    r"|\d+(?:/\d+)+(?![\d,.]\d)"  # codes: 2023/512, 833/2014
    r"|[A-Z]{1,4}\d+[A-Z]?\b"  # codes: MH17, A320
    r"|\d+(?:[.,\u00a0\u202f\u2009 ]\d{3})*(?:[.,]\d+)?"  # numbers, with any grouping
    r"|[^\W\d_]+(?:['’\-][^\W\d_]+)*"  # words, with inner hyphens and apostrophes
    r"|[^\w\s]",  # any other single character: punctuation, symbols such as ≈ $ € %
)
ELISIONS = re.compile(r"(?i)(l|d|qu|n|s|j|c|m|t|jusqu|lorsqu|puisqu|quoiqu)['’](?=[^\W\d_])")
POSSESSIVE = re.compile(r"['’]s?\Z")

STEMMERS = {"fr": "french", "en": "english"}


@pickled_as_call
@dataclass(frozen=True, slots=True)  # slots: a long seed holds millions of tokens
class Token:
    text: str
    start: int
    end: int
    key: str  # language-independent comparison key
    norm: str  # lowercase, no accents, not stemmed
    exact: str = ""  # how a proper name's word is compared: folded, except acronyms, which keep their case
    is_word: bool = False
    is_code: bool = False  # an identifier such as 2023/512 or MH17

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase without accents, with typographic apostrophes and ligatures made plain."""
    text = text.replace("’", "'").replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@functools.cache
def _stemmer(lang: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(STEMMERS.get(lang, "english"))


@functools.lru_cache(maxsize=65536)
def key(word: str, lang: str) -> str:
    """The comparison key of one word in a language."""
    if word.isupper() and word.replace(".", "").isalpha() and 1 < len(word.replace(".", "")) <= 6:
        return word.replace(".", "")  # acronym: case matters (UN, US, ONU)
    lowered = word.replace("’", "'").lower()
    lowered = POSSESSIVE.sub("", lowered) if lang == "en" and lowered.endswith(("'s", "'")) else lowered
    if "-" in lowered:  # stem only the last part: nord-coréenne -> nord-coréen
        head, _, tail = lowered.rpartition("-")
        return fold(head + "-" + _stemmer(lang).stemWord(tail))
    return fold(_stemmer(lang).stemWord(lowered))


@functools.lru_cache(maxsize=65536)
def part_keys(word: str, lang: str) -> tuple[str, ...]:
    """The keys of the parts of a hyphenated word ("high-altitude" -> high, altitud): a claim may write them
    apart, or join them where the seed does not ("Euro-area" / "euro area")."""
    if "-" not in word:
        return ()
    return tuple(key(part, lang) for part in word.split("-") if len(part) > 2)


# English closes a verb and its particle into a noun: "touchdown" is what "touched down" did, "liftoff",
# "walkout", "sell-off", "shutdown"
PARTICLES = ("down", "off", "out", "up", "over", "away", "back")


@functools.lru_cache(maxsize=16384)
def phrasal_parts(word: str) -> tuple[str, str] | None:
    """(the verb's key, its particle) of an English noun of one word closed from a phrasal verb ("Touchdown" ->
    touch, down; "walkout" -> walk, out), else None. Regular forms only: "sold off" has another key than "sell"."""
    if " " in word:
        return None
    low = word.lower()
    for particle in PARTICLES:
        if low.endswith(particle):
            verb = low[: -len(particle)].rstrip("-")
            if len(verb) >= 3 and verb.isalpha():
                return key(verb, "en"), particle
    return None


def tokenize(text: str, lang: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`, their offsets shifted by `offset` (the text's place in a seed)."""
    tokens: list[Token] = []
    append = tokens.append
    for m in WORD.finditer(text):
        word, start = m.group(), m.start() + offset
        for at, length, key_, norm, exact, is_word, is_code in _pieces(word, lang):
            # each token has a text of its own (so its pickled bytes do not depend on which words came before)
            piece = word if length == len(word) else word[at : at + length]
            key_ = piece if key_ is None else key_
            exact = piece if exact is None else exact
            append(new_token(piece, start + at, start + at + length, key_, norm, exact, is_word, is_code))
    return tokens


# tokenize() makes a token per word of a seed: it fills their slots itself, since a frozen dataclass's __init__ goes
# through object.__setattr__ for each field and takes twice as long.
FIELDS = ("text", "start", "end", "key", "norm", "exact", "is_word", "is_code")
assert tuple(f.name for f in dataclasses.fields(Token)) == FIELDS, "new_token must set every field of Token"
_set_text, _set_start, _set_end, _set_key, _set_norm, _set_exact, _set_is_word, _set_is_code = (
    getattr(Token, name).__set__ for name in FIELDS
)


def new_token(text: str, start: int, end: int, key: str, norm: str, exact: str, is_word: bool, is_code: bool) -> Token:
    """Token(text, start, end, key, norm, exact, is_word, is_code), the same object made faster."""
    token = object.__new__(Token)
    _set_text(token, text)
    _set_start(token, start)
    _set_end(token, end)
    _set_key(token, key)
    _set_norm(token, norm)
    _set_exact(token, exact)
    _set_is_word(token, is_word)
    _set_is_code(token, is_code)
    return token


# A piece's offset and length in its word, then Token's key, norm, exact, is_word and is_code; a key or exact of
# None is the token's text itself.
Piece = tuple[int, int, str | None, str, str | None, bool, bool]


@functools.lru_cache(maxsize=65536)
def _pieces(word: str, lang: str) -> tuple[Piece, ...]:
    """The tokens one match of WORD makes, without their texts and offsets: memoised, since running text repeats
    its words."""
    if lang == "en" and len(word) > 2 and word[-2:] in ("'s", "’s"):  # possessive: "Kim's" is Kim
        return _piece(0, word[:-2], lang), _fields(len(word) - 2, word[-2:], "'s", "'s")
    elided = ELISIONS.match(word)
    if elided and len(word) > elided.end():
        cut = elided.end()
        return _piece(0, word[:cut], lang), _piece(cut, word[cut:], lang)
    return (_piece(0, word, lang),)


def _piece(at: int, word: str, lang: str) -> Piece:
    return _fields(at, word, key(word, lang) if word[:1].isalpha() else None, fold(word))


def _fields(at: int, text: str, key: str | None, norm: str) -> Piece:
    """A piece's place in its word, then the fields of its Token (a key of None: the text)."""
    code = ("/" in text and len(text) > 1) or (text[:1].isupper() and text[-1:].isdigit())  # a lone "/" is none
    exact = key if (text if key is None else key).isupper() else norm
    return at, len(text), key, norm, exact, text[:1].isalpha() and not code, code


def phrase_keys(phrase: str, lang: str) -> tuple[str, ...]:
    """Keys of a lexicon or alias phrase, tokenized exactly like running text."""
    return tuple(t.key for t in tokenize(phrase, lang) if t.key not in {".", ","})


def phrase_norms(phrase: str, lang: str) -> tuple[str, ...]:
    """The folded words of a phrase, aligned with phrase_keys."""
    return tuple(t.norm for t in tokenize(phrase, lang) if t.key not in {".", ","})
