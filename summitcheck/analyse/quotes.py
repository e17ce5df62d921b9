"""Quoted words: "…", «…», “…”, and '…' in claims."""

from __future__ import annotations

import re

from .tokens import fold

QUOTED = re.compile(r"\"([^\"]+)\"|«\s*([^»]+?)\s*»|“([^”]+)”|(?<![\w])['‘]([^'‘’]+)['’](?![\w])")


def normalise(text: str) -> str:
    """Quote text as compared: folded, punctuation-light, single-spaced (typographic quotes and spacing vary)."""
    return " ".join(re.sub(r"[^\w'\-]+", " ", fold(text)).split())


def find(text: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of each quotation; start/end include the quote marks."""
    out = []
    for m in QUOTED.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        if inner.strip():
            out.append((m.start(), m.end(), inner))
    return out
