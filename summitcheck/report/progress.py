"""A Rich progress bar on stderr while seeds are analysed and claims checked: only when stderr is a terminal.

With no terminal (CI logs, pipes, tests) there is no bar, so machine output and logs never carry progress noise. On a
terminal api.check reports each stage to the bar (same caches, same --jobs, same results); the bar is transient and
leaves nothing behind.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO

from ..model import Claim, Report, Seed

MIN_CLAIMS = 1  # below this many claims a bar is not worth drawing


def wanted(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stderr
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def check(claims: Sequence[Claim], seeds: Sequence[Seed], settings=None, knowledge=None,
          show: bool | None = None, stream: TextIO | None = None) -> Report:
    """api.check, with a progress bar on `stream` (stderr) when `show` (default: when it is a terminal)."""
    from .. import api

    show = wanted(stream) if show is None else show
    if not show or len(claims) < MIN_CLAIMS:
        return api.check(claims, seeds, settings, knowledge)

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=stream or sys.stderr)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("analysing seeds", total=len(seeds))

        def advance(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        return api.check(claims, seeds, settings, knowledge, progress=advance)
