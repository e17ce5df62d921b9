"""A long seed is analysed in pieces, in parallel, and merged into exactly what analysing it whole gives: the same
index, byte for byte, and the same sentence analyses (pickled, their bytes may share memoised words differently)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from summitcheck import api, cache, index
from summitcheck.analyse.knowledge import default_knowledge
from summitcheck.load.seeds import parse_seed

ROOT = Path(__file__).resolve().parent.parent


def _archive(copies: int = 6):
    text = (ROOT / "seeds" / "000_f05eb49b0d101e5b.txt").read_text(encoding="utf-8")
    body = text.split(" ", 2)[2].strip()
    return parse_seed("\n\n".join([text.strip()] + [body.replace("10.000", f"{10 + k}.000")
                                                     for k in range(1, copies)]) + "\n", "<archive>", "archive", None)


@pytest.fixture()
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    # pieces of 2 blocks of 4 sentences, positions (not bit masks) from 16 sentences on
    monkeypatch.setattr(index, "BLOCK", 4)
    monkeypatch.setattr(index, "PIECE_SENTENCES", 8)
    monkeypatch.setattr(index, "MASK_LIMIT", 16)
    monkeypatch.setattr(api, "PIECE_SENTENCES", 8)
    monkeypatch.setattr(cache, "_enabled", False)


def _bytes(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _sentences(blocks: tuple[bytes, ...]) -> list[list[tuple]]:
    return [pickle.loads(b) for b in blocks]


def test_pieces_merge_into_the_whole_analysis(small_pieces: None) -> None:
    seed, knowledge = _archive(), default_knowledge()
    ranges = index.pieces(seed)
    assert len(ranges) > 3 and ranges[0] == (0, 8) and ranges[-1][1] == len(seed.sentences)
    parts = [index.analysed_piece(seed, first, end, knowledge) for first, end in ranges]
    (got, got_blocks, got_size), (idx, blocks, size) = index.merged(seed, parts), index.analysed(seed, knowledge)
    assert _bytes(got) == _bytes(idx) and got_size == size
    assert len(got_blocks) == len(blocks) and _sentences(got_blocks) == _sentences(blocks)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_long_seed_in_pieces_gives_the_same_analysis(small_pieces: None, jobs: int) -> None:
    seeds, knowledge = [_archive(), _archive(3)], default_knowledge()
    whole = [index.analysed(seed, knowledge) for seed in seeds]
    records = api.analyse_seeds(seeds, knowledge, jobs=jobs)
    for record, (idx, blocks, size) in zip(records, whole, strict=True):
        assert _sentences(record.blocks) == _sentences(blocks) and record.block_size == size
        assert _bytes(record.index) == _bytes(idx)
