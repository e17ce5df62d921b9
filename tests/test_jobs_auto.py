"""jobs=AUTO, the library's default: one process per CPU for the stages with work enough to gain from them, one
process for small runs, and the same report, byte for byte, as jobs=1."""

from __future__ import annotations

import io
import multiprocessing
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import CLAIMS, SEEDS, TEST_SEEDS

from summitcheck import api, cache, parallel
from summitcheck.load.claims import load_claims
from summitcheck.load.seeds import load_seeds
from summitcheck.model import Claim, Report
from summitcheck.report import renderer

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers need fork")


def _inputs() -> tuple[list, list[Claim]]:
    """The bundled claims, and the same texts naming no seed, against the bundled and the test seeds."""
    seeds = load_seeds(SEEDS) + load_seeds(TEST_SEEDS)
    claims = list(load_claims([CLAIMS]))
    anywhere = [Claim(f"any-{c.id}", c.text, c.location) for c in claims]
    # more claim texts than a token amount, so that their analysis may go to workers too
    later = [Claim(f"{c.id}-{n}", f"{c.text} in {2019 + n}", c.location, seed=c.seed) for n in range(2)
             for c in claims]
    return seeds, claims + anywhere + later


def _json(report: Report) -> str:
    out = io.StringIO()
    renderer("json")(report, out)
    return out.getvalue()


@pytest.fixture()
def pools(monkeypatch: pytest.MonkeyPatch) -> list[Callable[..., Any]]:
    """The workers each run started pools for, and no cache: every run computes everything itself."""
    started: list[Callable[..., Any]] = []
    in_workers = parallel.in_workers

    def counted(worker: Callable[..., Any], *args: Any, **kwargs: Any) -> Iterator[Any]:
        started.append(worker)
        return in_workers(worker, *args, **kwargs)

    monkeypatch.setattr(parallel, "in_workers", counted)
    monkeypatch.setattr(cache, "_enabled", False)
    monkeypatch.setattr(parallel, "_default_jobs", parallel.AUTO)  # as in a fresh process (the CLI sets its own)
    return started


def test_auto_is_the_default_and_one_forces_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = subprocess.run([sys.executable, "-c", "from summitcheck import parallel; print(parallel._default_jobs)"],
                           capture_output=True, text=True, check=True)
    assert int(fresh.stdout) == parallel.AUTO == api.AUTO == 0
    monkeypatch.setattr(parallel, "_default_jobs", parallel.AUTO)
    assert parallel.processes(None).auto and parallel.processes(0).auto
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    auto = parallel.processes(None)
    assert auto.count in (1, 2)  # 1 where fork is not available
    assert parallel.processes(1) == parallel.Processes(1, auto=False)
    assert parallel.processes(3).count in (1, 3) and not parallel.processes(3).auto
    api.set_jobs(1)
    assert parallel.processes(None) == parallel.Processes(1)


def test_told_a_number_a_stage_uses_workers_for_any_real_work() -> None:
    told, auto = parallel.Processes(2), parallel.Processes(2, auto=True)
    assert told.worth(enough=True, plenty=False) and not auto.worth(enough=True, plenty=False)
    assert auto.worth(enough=True, plenty=True)
    assert not parallel.ONE.worth(enough=True, plenty=True)
    assert not parallel.Processes(1, auto=True).worth(enough=True, plenty=True)


def test_a_small_run_stays_in_one_process(pools: list, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    seeds, claims = _inputs()
    api.check(claims, seeds, jobs=parallel.AUTO)
    assert pools == []


@needs_fork
def test_auto_gives_the_report_of_one_process_byte_for_byte(pools: list, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds, claims = _inputs()
    one = _json(api.check(claims, seeds, jobs=1))
    assert pools == []
    # every stage large enough for workers, on a machine of two CPUs or more
    monkeypatch.setattr(parallel, "_cpus", lambda: 2)
    for name in ("AUTO_SEED_CHARS", "AUTO_CLAIM_TEXTS", "AUTO_CLAIMS"):
        monkeypatch.setattr(parallel, name, 0)
    auto = _json(api.check(claims, seeds))  # the default
    assert set(pools) == {parallel.analyse_in_worker, parallel.check_in_worker}  # claims: analysed meanwhile
    assert auto == one
    pools.clear()
    # little seed text left to analyse: the seeds in this process, then the claims' analysis gets the workers
    monkeypatch.setattr(parallel, "AUTO_SEED_CHARS", 1 << 40)
    assert _json(api.check(claims, seeds)) == one
    assert set(pools) == {parallel.claim_facts_in_worker, parallel.check_in_worker}
