"""Issue 29 item 6 (k49): the batch runner's workers take small pieces of a chunk, so that neither waits long at
the end for the other's last piece, and the collector is left as it was found (what a batch and its loading change
of it is put back)."""

import gc

from conftest import ROOT
from petitionnlp import pipeline
from petitionnlp.io import open_batch
from petitionnlp.pipeline import POOL_ROWS, RowJob, run_chunks
from petitionnlp.resources import no_collection

SAMPLE = ROOT / "corpora" / "samples" / "petitions_sample.csv"


def _run(jobs, chunksize):
    batch = open_batch(str(SAMPLE), None, chunksize)
    try:
        return [(list(rows_in), out) for rows_in, out in run_chunks([batch], RowJob("classify").setup(), jobs)]
    finally:
        batch.close()


def test_workers_take_pieces_and_the_rows_come_back_in_order(monkeypatch):
    monkeypatch.setattr(pipeline, "POOL_ROWS", 3)
    one, two = _run(1, 8), _run(2, 8)
    assert [len(rows) for rows, _ in one] == [8, 4]  # one process: whole chunks (12 rows)
    assert [len(rows) for rows, _ in two] == [8, 4]  # two workers: pieces of a chunk, given back whole (k50)
    assert [r for rows, _ in one for r in rows] == [r for rows, _ in two for r in rows]
    assert [r for _, out in one for r in out] == [r for _, out in two for r in out]
    assert all(len(rows) == len(out) for rows, out in two)


def test_pieces_are_small():
    assert 100 <= POOL_ROWS <= 500  # a piece is a fraction of a second of a worker's time; 1,000 rows took 0.3 s


def test_the_collector_is_left_as_it_was():
    before = gc.get_threshold(), gc.isenabled(), gc.get_freeze_count()
    _run(2, 8)
    _run(1, 8)
    assert (gc.get_threshold(), gc.isenabled(), gc.get_freeze_count()) == before
    with no_collection():
        assert not gc.isenabled()
        with no_collection():
            pass
        assert not gc.isenabled()
    assert gc.isenabled() == before[1]
