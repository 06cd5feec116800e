"""Issue 29 item 6 (k50): the batch runner's workers take pieces of a chunk, and the chunk comes back whole — what
a caller does per chunk (an upload stores each chunk's cases and progress in one transaction) is the same with
one process or two."""

from conftest import ROOT
from petitionnlp import pipeline
from petitionnlp.io import open_batch
from petitionnlp.pipeline import RowJob, run_chunks

SAMPLE = ROOT / "corpora" / "samples" / "petitions_sample.csv"


def _run(jobs, chunksize, finish=None, skip=0):
    batch = open_batch(str(SAMPLE), None, chunksize)
    try:
        return [(list(rows_in), out) for rows_in, out in
                run_chunks([batch], RowJob("classify").setup(), jobs, skip=skip, finish=finish)]
    finally:
        batch.close()


def test_two_workers_give_back_whole_chunks(monkeypatch):
    monkeypatch.setattr(pipeline, "POOL_ROWS", 3)
    one, two = _run(1, 8), _run(2, 8)
    assert [len(rows) for rows, _ in one] == [len(rows) for rows, _ in two] == [8, 4]  # 12 rows: two chunks
    assert one == two
    assert all(len(rows) == len(out) for rows, out in two)


def test_the_workers_still_take_pieces(monkeypatch):
    monkeypatch.setattr(pipeline, "POOL_ROWS", 3)
    assert [out for _, out in _run(2, 8, finish=len)] == [[3, 3, 2], [3, 1]]  # a finish a piece, where it ran
    assert [out for _, out in _run(1, 8, finish=len)] == [[8], [4]]


def test_a_resumed_run_starts_after_the_stored_rows_in_whole_chunks(monkeypatch):
    monkeypatch.setattr(pipeline, "POOL_ROWS", 3)
    full = _run(1, 8)
    resumed = _run(2, 8, skip=5)  # 5 rows stored by an interrupted run: the rest of the first chunk, then the next
    assert [len(rows) for rows, _ in resumed] == [3, 4]
    assert [r for _, out in resumed for r in out] == [r for _, out in full for r in out][5:]
