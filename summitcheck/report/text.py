"""Text from claims, seeds, file names and notes, made safe for a report: nothing in an input can drive the reader's
terminal or CI system.

A seed may hold `ESC ] 0 ; title BEL` or `ESC [ 2 J`, a file name any byte: printed raw, they would set the window
title or clear the screen of whoever reads the report. Every reporter passes such text through one of these
functions, which show control characters as visible escapes (`\\x1b`, `\\u202e`):

- `line(text)`: one line (a table cell, an annotation, a summary line): tabs and line breaks become spaces.
- `block(text)`: several lines (a seed in the HTML page, a JUnit message): tabs and line breaks stay.

Besides C0 and C1 control characters (ESC, BEL, CSI, ...), this covers the Unicode line separators, the bidi
embedding, override and isolate controls (which make a terminal show a line in another order than it is written),
and lone surrogates (from an undecodable file name: not text, and not encodable as UTF-8).
"""

from __future__ import annotations

import re

# Everything shown escaped; tab, line feed and carriage return are decided by line() and block().
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_BREAKS = re.compile("[\t\n\r]+")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def block(text: str) -> str:
    """`text` with every unsafe character escaped; tabs and line breaks kept (\\r as a line break)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def line(text: str) -> str:
    """`text` on one line: runs of tabs and line breaks become one space, every unsafe character is escaped."""
    text = _BREAKS.sub(" ", text)
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def is_safe(text: str) -> bool:
    """Whether `text` holds nothing that line() would change (for tests and assertions)."""
    return not _UNSAFE.search(text) and not _BREAKS.search(text)


# In encoded JSON these can only stand inside strings (its structure is ASCII): written as \u escapes they keep
# their value for a JSON reader and are nothing to a terminal. json.dumps escapes C0 itself, not C1, the line
# separators or bidi controls, and writes a lone surrogate raw (which UTF-8 cannot encode).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_text(encoded: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with every character unsafe for a terminal escaped."""
    if not _JSON_UNSAFE.search(encoded):
        return encoded
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
