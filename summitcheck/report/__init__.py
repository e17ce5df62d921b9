"""Report: one module per output format, found through this registry. Adding a format touches only REPORTERS."""

from __future__ import annotations

import importlib
from typing import Protocol, TextIO

from ..model import Report

# format name -> module that defines render(report, out)
REPORTERS: dict[str, str] = {
    "table": "summitcheck.report.table",
    "json": "summitcheck.report.json_report",
}


class Renderer(Protocol):
    def __call__(self, report: Report, out: TextIO) -> None: ...


def formats() -> list[str]:
    return list(REPORTERS)


def renderer(name: str) -> Renderer:
    """The render function of a format; its module is imported only when that format is asked for."""
    return importlib.import_module(REPORTERS[name]).render
