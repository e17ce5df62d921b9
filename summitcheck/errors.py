"""One family of errors for bad input. Each carries the Location it is about, so the CLI prints `file:line:col: msg`.

Every message is one line (`path:line:col: what is wrong; what to do`): control characters, line breaks and
undecodable bytes of file names or quoted values are escaped, and quoted values are shortened, so a hostile file
can neither forge extra lines on stderr nor flood it.
"""

from __future__ import annotations

import re

from .model import Location

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
SHOWN_CHARS = 60  # how much of a user's value a message quotes


def one_line(text: str) -> str:
    """`text` printable on one line of a UTF-8 stream: control characters and lone surrogates escaped."""
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """repr(value) for a message, cut to `limit` characters (a 10 MB key must not make a 10 MB error line)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SummitcheckError(Exception):
    """Base of every error the tool reports to a user (exit code 2)."""


class InputError(SummitcheckError):
    def __init__(self, location: Location, message: str) -> None:
        super().__init__(one_line(f"{location}: {message}"))
        self.location = location
        self.message = message


class InputErrors(SummitcheckError):
    """Every problem found in one run, so a user fixes them all at once instead of one per run."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.location.path, e.location.line, e.location.col, e.message))
        super().__init__("\n".join(str(e) for e in self.errors))
