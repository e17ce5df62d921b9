"""Report: one module per output format, found through this registry. Adding a format touches only REPORTERS.

Each module defines `render(report, out, outcome=None)`: it writes the whole report to `out` (a text stream) and
nothing else; `outcome` is the fail policy applied to the report (default: contradicted and unsupported fail).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:  # the package itself stays light: the console entry point imports report.output first thing
    from ..model import Report
    from ..policy import Outcome

# format name -> module that defines render(report, out, outcome=None)
REPORTERS: dict[str, str] = {
    "table": "summitcheck.report.table",
    "plain": "summitcheck.report.plain",
    "json": "summitcheck.report.json_report",
    "markdown": "summitcheck.report.markdown",
    "junit": "summitcheck.report.junit",
    "github": "summitcheck.report.github",
    "sarif": "summitcheck.report.sarif",
    "html": "summitcheck.report.html",
}


class Renderer(Protocol):
    def __call__(self, report: Report, out: TextIO, outcome: Outcome | None = None) -> None: ...


def formats() -> list[str]:
    return list(REPORTERS)


def renderer(name: str) -> Renderer:
    """The render function of a format; its module is imported only when that format is asked for."""
    return importlib.import_module(REPORTERS[name]).render
