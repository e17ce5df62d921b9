"""One family of errors for bad input. Each carries the Location it is about, so the CLI prints `file:line:col: msg`."""

from __future__ import annotations

from .model import Location


class SummitcheckError(Exception):
    """Base of every error the tool reports to a user (exit code 2)."""


class InputError(SummitcheckError):
    def __init__(self, location: Location, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message


class InputErrors(SummitcheckError):
    """Every problem found in one run, so a user fixes them all at once instead of one per run."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.location.path, e.location.line, e.location.col, e.message))
        super().__init__("\n".join(str(e) for e in self.errors))
