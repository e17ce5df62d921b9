"""A Rich progress bar on stderr while seeds are analysed and claims checked: only when stderr is a terminal.

With no terminal (CI logs, pipes, tests) the run goes straight through api.check, so machine output and logs never
carry progress noise. On a terminal the same steps are taken one by one (api.analyse_seed, api.check_claim) so the
bar can advance; the bar is transient and leaves nothing behind.
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

    from ..analyse.knowledge import default_knowledge
    from ..match import Settings

    knowledge = knowledge or default_knowledge()
    settings = settings or Settings()
    console = Console(file=stream or sys.stderr)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("analysing seeds", total=len(seeds))
        analysed = []
        for seed in seeds:
            analysed.append(api.analyse_seed(seed, knowledge))
            progress.advance(task)
        progress.update(task, description="checking claims", total=len(claims), completed=0)
        results = []
        for claim in claims:
            results.append(api.check_claim(claim, analysed, knowledge, settings))
            progress.advance(task)
    return Report(tuple(results), tuple(seeds))
