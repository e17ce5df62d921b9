"""French or English: the language of a seed, or of a quotation inside a claim.

Here, below load/, because the analysers need it too (a quotation is verbatim only in the seed's language): load/
imports analyse/, never the other way round.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from .knowledge import function_words
from .tokens import fold

LANGUAGES = ("fr", "en")
LANGUAGE_SAMPLE = 5000  # characters read to detect a language

WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@functools.cache
def _language_identifier() -> Any:  # py3langid's LanguageIdentifier (it has no public type)
    # Imported here, and kept in the cache once decompressed: loading its model costs half a second.
    from importlib.metadata import version

    from .. import cache

    def build() -> Any:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
        identifier.set_languages(list(LANGUAGES))
        return identifier

    return cache.cached(cache.key("langid", [version("py3langid"), ",".join(LANGUAGES)]), build)


def detect_language(text: str) -> str:
    """French or English: by their function words where a text has enough of them (instant, and reliable on
    articles), else by py3langid restricted to the languages the analysers know (its model takes a while to load)."""
    stopwords = function_words()
    words = WORDS.findall(text[:5000].lower())
    counts = Counter(words)
    for word in [w for w in counts if not w.isascii()]:  # fold() of a plain ASCII word is the word lowercased
        folded = fold(word)
        if folded != word:
            counts[folded] += counts.pop(word)
    votes = {lang: sum(counts[w] for w in stopwords.get(lang, frozenset()).intersection(counts)) for lang in LANGUAGES}
    ranked = sorted(LANGUAGES, key=lambda lang: -votes[lang])
    top, second = votes[ranked[0]], votes[ranked[1]]
    if top > 0 and top >= 2 * second and (top >= 3 or len(words) <= 8):
        return ranked[0]
    lang, _ = _language_identifier().classify(text[:LANGUAGE_SAMPLE])
    return lang if lang in LANGUAGES else LANGUAGES[0]
