"""Shared fixtures: the project's paths, and a cache folder of the test run's own."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CLAIMS = ROOT / "claims"
TEST_SEEDS = Path(__file__).resolve().parent / "seeds"
BUNDLED_SEED = "000_f05eb49b0d101e5b"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or write the user's cache."""
    import os

    os.environ["SUMMITCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
