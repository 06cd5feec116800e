"""Composes the stages for one petition and for a batch, on one core or on all of them.

:class:`PetitionPipeline` loads the tokenizer, the type model and the region resolver once; its
:meth:`~PetitionPipeline.classify_rows` adds the output fields of CONTRACT.md to rows; :func:`run_files` streams
the batches of the inputs through a :class:`RowJob` (classify, redact) into a writer, chunk by chunk, in input order.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections import deque
from contextlib import nullcontext
from functools import lru_cache
from itertools import chain
from pathlib import Path

from . import persist
from .errors import Errors, InputError, ModelError, listed
from .io import ROW_ERROR, Batch, BatchWriter, check_not_an_input, find_column, open_batch, reserved_renames
from .resources import models_dir, no_collection
from .predictor import TypePredictor
from .taxonomy import TYPES
from .text import CJK_CHAR, normalize, to_simplified
from .triage import assign_department, get_rules, prioritize

__all__ = ["OUTPUT_FIELDS", "PetitionPipeline", "RowJob", "ChunkMap", "run_chunks", "run_files", "classify_files",
           "output_columns", "redact_files", "triage_file", "default_jobs", "load_type_model"]

_CJK = CJK_CHAR

OUTPUT_FIELDS = ["pollution_types", "pollution_scores", "province", "city", "county", "region_confidence",
                 "region_evidence", "error", "priority", "priority_reasons", "department"]
MAX_CLASSIFY_CHARS = 20_000  # a petition is decided by its head; a 50 MB cell must not cost gigabytes


def _as_text(value) -> tuple[str | None, str | None]:
    """(text, None) for a cell, or (None, reason) when it holds a structure rather than text."""
    if value is None or isinstance(value, str):
        return value, None
    if isinstance(value, (list, dict, tuple, set)):
        return None, Errors.R_NOT_TEXT.format(kind=type(value).__name__)
    return str(value), None


TYPE_MODEL_FILE = "pollution_type.skops"  # petitionnlp.classify.MODEL_FILE
_HERE = Path(__file__).resolve().parent
# the code that builds and runs the light predictor: a change to any of it makes a new pack
_LIGHT_SOURCES = tuple(_HERE / name for name in ("features.py", "predictor.py", "classify.py"))


def load_type_model(model_dir):
    """The type model of ``model_dir`` for prediction: its :class:`~petitionnlp.predictor.TypePredictor` (the same
    probabilities without importing scikit-learn), kept in the user cache after the model file's first load;
    the model itself when it holds something the light predictor does not rebuild."""
    path = Path(model_dir) / TYPE_MODEL_FILE
    if not path.is_file():
        raise ModelError(Errors.E010.format(path=model_dir))
    st = path.stat()
    return _load_type_model(str(path.resolve()), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=8)
def _load_type_model(path: str, size: int, mtime_ns: int):
    return persist.load_light(path, _LIGHT_SOURCES, TypePredictor, _build_type_predictor)


def _build_type_predictor(path):
    from .classify import light_predictor, load_model_file

    model = load_model_file(path)
    return light_predictor(model), model


class PetitionPipeline:
    """Everything a petition goes through, loaded once.

    model_dir : folder with ``pollution_type.skops`` (default: the shipped ``models/``)
    province : default province for ambiguous place names (e.g. ``湖南``), or None
    """

    def __init__(self, model_dir=None, province: str | None = None):
        self.model_dir = Path(model_dir) if model_dir else models_dir()
        self.province = province
        self.type_model = load_type_model(self.model_dir)
        from .regions import RegionResolver

        self.regions = RegionResolver.default(province=province, model_dir=self.model_dir)

    def classify_texts(self, texts: list, hints: list | None = None) -> list[dict]:
        """The output fields for each raw text (``hints``: the 行政区域 cell of each row, if any)."""
        cells = [_as_text(t) for t in texts]
        norm = [normalize(t[:MAX_CLASSIFY_CHARS]) if t else "" for t, _ in cells]
        ok = [i for i, t in enumerate(norm) if _CJK.search(t)]
        out = [dict.fromkeys(OUTPUT_FIELDS) for _ in norm]
        if ok:
            texts = [norm[i] for i in ok]
            proba, main, named = self.type_model.proba_and_main(texts)
            types = self.type_model.predict_from_proba(proba, main, named)
            regions = self.regions.resolve_many([norm[i] for i in ok],
                                                [hints[i] for i in ok] if hints else None)
            rules = get_rules()
            scores = proba.round(4).tolist()  # Python floats, rounded once for the whole chunk
            for k, i in enumerate(ok):
                out[i]["pollution_types"] = types[k]
                out[i]["pollution_scores"] = dict(zip(TYPES, scores[k]))
                out[i].update(regions[k])
                out[i]["region_evidence"] = _as_written(cells[i][0], out[i]["region_evidence"])
                out[i]["priority"], out[i]["priority_reasons"] = prioritize(norm[i], rules)
                out[i]["department"] = assign_department(norm[i], types[k], rules)
        for i, t in enumerate(norm):
            if cells[i][1]:
                out[i]["error"] = cells[i][1]
            elif not t:
                out[i]["error"] = Errors.R_EMPTY
            elif not _CJK.search(t):  # "#VALUE!", a number, a date: a cell that holds no petition
                out[i]["error"] = Errors.R_NO_CHINESE.format(text=t[:20])
        return out

    def classify_rows(self, rows: list[dict], text_column: str, hint_column: str | None = None,
                      reserved=OUTPUT_FIELDS) -> list[dict]:
        """Each row with the output fields added.  Input columns named like a field the output adds (``city``,
        ``error``) are kept as ``input_city``, ``input_error`` (:func:`petitionnlp.io.reserved_renames`)."""
        texts = [None if r.get(ROW_ERROR) else r.get(text_column) for r in rows]
        hints = [r.get(hint_column) for r in rows] if hint_column else None
        fields = self.classify_texts(texts, hints)
        reserved_set = frozenset(reserved)
        result = []
        for row, f in zip(rows, fields):
            read_error = row.get(ROW_ERROR)
            renames = reserved_renames(row, reserved) if not reserved_set.isdisjoint(row) else {}
            row = {renames.get(k, k): v for k, v in row.items() if k is not ROW_ERROR}
            if read_error:
                f["error"] = read_error
            row.update(f)
            result.append(row)
        return result


def _as_written(raw, evidence: str | None) -> str | None:
    """The evidence as the input wrote it (衡陽市珠暉區, not 衡阳市珠晖区) when it can be found there."""
    if not evidence or not isinstance(raw, str) or evidence in raw:
        return evidence
    simplified = to_simplified(raw)
    pos = simplified.find(evidence)
    if pos >= 0 and len(simplified) == len(raw):
        return raw[pos:pos + len(evidence)]
    return evidence


class RowJob:
    """What happens to each chunk of rows of a batch: ``classify`` (with ``redact``: then redacted) or ``redact``
    alone.  Holds nothing heavy until :meth:`setup`, which loads the models once per process."""

    def __init__(self, kind: str = "classify", model_dir=None, province: str | None = None, redact: bool = False,
                 reserved: list[str] | None = None):
        self.kind = kind
        self.model_dir = model_dir
        self.province = province
        self.redact = redact or kind == "redact"
        self.reserved = reserved or OUTPUT_FIELDS  # input columns named so are kept as input_…
        self.pipeline = None

    @property
    def added(self) -> list[str]:
        if self.kind == "redact":
            return ["pii", "error"]
        return OUTPUT_FIELDS + (["pii"] if self.redact else [])

    def setup(self) -> "RowJob":
        with no_collection():
            if self.kind == "classify" and self.pipeline is None:
                self.pipeline = PetitionPipeline(self.model_dir, self.province)
            if self.redact:
                from .pii import get_pii_nlp

                get_pii_nlp()  # loaded before any fork, once
        return self

    def __call__(self, chunk: list[dict], text_column: str, columns: list[str]) -> list[dict]:
        if self.kind == "classify":
            hint = find_column(columns, "region")
            rows = self.setup().pipeline.classify_rows(chunk, text_column, hint, self.reserved)
        else:
            renames = reserved_renames(columns, self.added)
            rows = []
            for row in chunk:
                read_error = row.get(ROW_ERROR)
                row = {renames.get(k, k): v for k, v in row.items() if k is not ROW_ERROR}
                row["error"] = read_error or None
                rows.append(row)
        if self.redact:
            from .pii import Redactor

            renames = reserved_renames(columns, self.added)
            redactor = Redactor(renames.get(text_column, text_column), [renames.get(c, c) for c in columns])
            rows = [redactor(r) for r in rows]
        return rows


def output_columns(batches: list[Batch], output: str | None, added: list[str]) -> list[str]:
    """Every output column: the inputs' (renamed where an added field would overwrite them), then ``added``."""
    full = output is not None and not str(output).lower().endswith(".jsonl")  # CSV/XLSX: all columns up front
    fields: list[str] = []
    for b in batches:
        for c in (b.scan_columns() if full else b.columns):
            if c not in fields:
                fields.append(c)
    renames = reserved_renames(fields, added)
    return [renames.get(c, c) for c in fields] + list(added)


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


WARM_ROWS = 64  # rows run before the workers are forked
# rows a worker takes at a time (a batch's chunk is cut into pieces so): each piece pays the batch's fixed costs
# (its sparse matrices, scans and sums), 10,000 rows in pieces of 250 took 8 % more processor time than in 500s
POOL_ROWS = 500
QUEUED_ROWS = 1000  # rows a worker has queued behind the oldest chunk in flight (ChunkMap)
YOUNG_GC = 20_000  # objects made between two young collections while a batch runs (ChunkMap._freeze)
_WORKER_JOB: "RowJob | None" = None  # the job a worker process runs: set before the fork, inherited
_WORKER_FINISH = None  # what a worker makes of the job's rows before sending them back (inherited likewise)


def _work(item):
    chunk, text_column, columns = item
    rows = _WORKER_JOB(chunk, text_column, columns)
    return rows if _WORKER_FINISH is None else _WORKER_FINISH(rows)


class ChunkMap:
    """``job`` over chunks, in order: in this process, or — from the second chunk of a large input on, with
    ``jobs`` > 1 — in ``jobs`` worker processes forked after the models are loaded (they share them).  A worker
    takes :data:`POOL_ROWS` rows at a time, :data:`QUEUED_ROWS` each are queued, so memory stays flat however long
    the input is, and no worker waits long at the end for the other's last piece (with whole chunks of 1,000 rows
    one of two workers idled up to a chunk's time, 0.3 s, at the end of every run; a piece is half that).

    ``finish`` (rows → anything): applied to each piece's rows where the job ran, and its results (one a piece)
    yielded instead of the rows — e.g. the encoded lines of the output, so that the process that writes neither
    receives nor encodes row dicts one by one (that serial work capped the speed-up of two workers)."""

    def __init__(self, job: RowJob, jobs: int = 1, finish=None):
        self.job = job
        self.jobs = max(1, int(jobs))
        self.finish = finish
        self.pool = None
        self._froze = False
        self._threshold = None

    def _freeze(self, collect: bool) -> None:
        """The loaded models out of the collector's reach until :meth:`close`: its full collections, which a run's
        rows set off now and then, no longer walk them (0.1 s of 20,000 rows on one core), and forked workers keep
        their pages shared.  ``collect``: garbage collected first (before a fork, so that none is inherited).  A
        freeze made elsewhere (an outer run) is left as it is."""
        if self._froze or gc.get_freeze_count():
            return
        if collect:
            gc.collect()
        gc.freeze()
        self._froze = True
        # a chunk's rows make hundreds of thousands of short-lived objects and hardly a cycle: a young collection
        # every 700 new objects (the default) ran 220 times in 8,000 rows, 2 % of their processor time; every
        # YOUNG_GC, a few times (the workers inherit the setting; close puts the default back)
        self._threshold = gc.get_threshold()
        gc.set_threshold(max(YOUNG_GC, self._threshold[0]), *self._threshold[1:])

    def _run(self, item):
        rows = self.job(*item)
        return rows if self.finish is None else self.finish(rows)

    def _start(self) -> bool:
        global _WORKER_JOB, _WORKER_FINISH
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            return False  # no fork (Windows, macOS defaults): the models would load again in each worker
        _WORKER_JOB, _WORKER_FINISH = self.job, self.finish
        self._freeze(collect=True)  # the workers inherit the loaded models outside the collector's reach
        self.pool = multiprocessing.get_context("fork").Pool(self.jobs)
        return True

    def __call__(self, items):
        """Yield ``(rows, parts)`` for each item ``(rows, *rest)``, in the items' order: ``parts`` the results of
        ``job(piece, *rest)`` (through ``finish``) for the pieces of the item's rows in order — one piece, the whole
        item, in this process; :data:`POOL_ROWS` rows each in the workers (one item alone never starts them).
        Each item comes back whole however the workers cut it, so what a caller does per item (an upload's
        transaction per chunk) does not depend on the number of processes."""
        items = iter(items)
        first = next(items, None)
        if first is None:
            return
        second = next(items, None)
        if second is not None and self.jobs > 1:
            # a few rows in this process first: what each process would build on its first rows (the lexicon's
            # automata, compiled rules, the tokens' columns) is built once and the workers inherit it
            with no_collection():
                self.job(first[0][:WARM_ROWS], *first[1:])
        if second is None:  # a small input (a one-line classify): what its rows build stays; no collection finds garbage
            with no_collection() if len(first[0]) <= POOL_ROWS * 4 else nullcontext():
                done = self._run(first)
            yield first[0], [done]
            return
        if self.jobs == 1 or not self._start():
            self._freeze(collect=False)
            for item in chain((first, second), items):
                yield item[0], [self._run(item)]
            return
        pending: deque = deque()  # (rows, the pieces' results to come) of each item sent, in order
        in_flight, most = 0, QUEUED_ROWS * self.jobs  # rows sent and not yet taken back
        for item in chain((first, second), items):
            rows, rest = item[0], item[1:]
            parts = [self.pool.apply_async(_work, ((rows[i:i + POOL_ROWS], *rest),))
                     for i in range(0, len(rows), POOL_ROWS)]
            pending.append((rows, parts))
            in_flight += len(rows)
            # the oldest item is waited for only when `most` rows stay queued behind it: the workers never run dry
            # while this process writes it and reads the next
            while in_flight - len(pending[0][0]) >= most:
                rows, parts = pending.popleft()
                in_flight -= len(rows)
                yield rows, [p.get() for p in parts]
        while pending:
            rows, parts = pending.popleft()
            yield rows, [p.get() for p in parts]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
        if self._froze:
            gc.unfreeze()  # this process (a library caller may run many batches) collects as before
            gc.set_threshold(*self._threshold)
            self._froze = False

    def __enter__(self) -> "ChunkMap":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def run_chunks(batches: list[Batch], job: RowJob, jobs: int = 1, skip: int = 0, finish=None):
    """The batch runner: yield ``(input rows, output rows)`` for each chunk of the batches, in input order, the rows
    through ``job`` (in ``jobs`` processes for large inputs, :class:`ChunkMap`: the workers take pieces of a chunk,
    the chunk comes back whole — an upload stores each chunk in one transaction whatever ``jobs`` is).  ``skip``:
    the first rows are read and left out (a batch resumed after the rows already stored).  ``finish``: what is
    yielded instead of the output rows is the list of ``finish(output rows of a piece)`` for the chunk's pieces in
    order, each made where the job ran (:class:`ChunkMap`)."""

    def items():
        left = skip
        for b in batches:
            for chunk in b.chunks():
                if left:
                    if left >= len(chunk):
                        left -= len(chunk)
                        continue
                    chunk, left = chunk[left:], 0
                yield chunk, b.text_column, b.columns

    with ChunkMap(job, jobs, finish) as mapper:
        for rows, parts in mapper(items()):
            yield rows, parts if finish is not None else [r for part in parts for r in part]


def run_files(inputs: list[str], output: str | None, job: RowJob, text_column: str | None = None,
              progress: bool = False, chunksize: int = 1000, jobs: int = 1) -> dict:
    """Every row of every input through ``job`` into one output (stdout JSON Lines when ``output`` is None), in
    input order.  Returns ``{"rows", "errors", "spans", "notices"}``; the output file appears only when complete,
    and a target that is one of the inputs is refused before any work.  ``jobs`` > 1: large inputs use that
    many processes (:class:`ChunkMap`); the output is the same."""
    check_not_an_input(output, inputs)
    batches = [open_batch(src, text_column, chunksize) for src in inputs]  # fail before any work
    job.setup()
    fields = output_columns(batches, output, job.added)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit=" 行", desc="脱敏 redact" if job.kind == "redact" else "分类 classify", file=sys.stderr,
                   dynamic_ncols=True)
    totals = {"rows": 0, "errors": 0, "spans": 0}
    try:
        with BatchWriter(output, fields, inputs) as writer:

            def finish(rows):  # in the worker that classified the rows: their output text and counts
                return (writer.encode(rows), len(rows), sum(1 for r in rows if r.get("error")),
                        sum(len(r.get("pii") or ()) for r in rows))

            for _, parts in run_chunks(batches, job, jobs, finish=finish):
                for part, n, errors, spans in parts:
                    writer.write_encoded(part)
                    totals["rows"] += n
                    totals["errors"] += errors
                    totals["spans"] += spans
                    if bar is not None:
                        bar.update(n)
    finally:
        for b in batches:
            b.close()
        if bar is not None:
            bar.close()
    totals["notices"] = [n for b in batches for n in b.notices]
    return totals


def classify_files(inputs: list[str], output: str | None = None, text_column: str | None = None,
                   model_dir=None, province: str | None = None, progress: bool = False,
                   chunksize: int = 1000, redact: bool = False, jobs: int = 1) -> dict:
    """Classify every input into one output (stdout JSON Lines when ``output`` is None); with ``redact``, the
    rows are classified on their text, then written with personal information redacted (:mod:`.pii`)."""
    return run_files(inputs, output, RowJob("classify", model_dir, province, redact), text_column, progress,
                     chunksize, jobs)


def redact_files(inputs: list[str], output: str | None = None, text_column: str | None = None,
                 progress: bool = False, chunksize: int = 1000, jobs: int = 1) -> dict:
    """Personal information out of every input (``redact``): every row once, in order, its text column redacted
    and a ``pii`` field with the spans."""
    return run_files(inputs, output, RowJob("redact"), text_column, progress, chunksize, jobs)


# ------------------------------------------------------------------------------------------------ triage

TRIAGE_FIELDS = ["duplicate_of", "duplicate_score", "due_date"]


def triage_file(source: str, text_column: str | None = None, handover=None, history_db: str | None = None,
                model_dir=None, province: str | None = None, redact: bool = False,
                jobs: int = 1, chunksize: int = 1000) -> tuple[list[dict], list[str]]:
    """Classify one day's batch and add triage fields; rows come back sorted by priority, then input order,
    with the reader's notices.

    handover : the hand-over date (``datetime.date``, ``--date``) of every row; default: each row's own, by the
        workbench's rule (:func:`petitionnlp.triage.batch_handover`, :func:`~petitionnlp.triage.own_handover`): the
        row's 交办日期 cell, else the table's (a title row's, the date column's first, today)
    history_db : a search index whose petitions are the history for repeat detection
    """
    from .search import SearchIndex
    from .triage import PRIORITY_ORDER, batch_handover, own_handover, triage_rows

    batch = open_batch(source, text_column, chunksize)
    history = None
    if history_db:
        if not Path(history_db).is_file():
            raise InputError(Errors.E001.format(path=history_db))
        with SearchIndex(history_db, readonly=True) as ix:
            history = ix.petitions()
    reserved = OUTPUT_FIELDS + TRIAGE_FIELDS
    renames = reserved_renames(batch.columns, reserved)
    job = RowJob("classify", model_dir, province, reserved=reserved).setup()
    rows = [r for _, part in run_chunks([batch], job, jobs) for r in part]
    text_column = renames.get(batch.text_column, batch.text_column)
    id_column = find_column(batch.columns, "id")
    id_column = renames.get(id_column, id_column)
    date_column = find_column(batch.columns, "date")
    date_column = renames.get(date_column, date_column)
    cells = [r.get(date_column) for r in rows] if date_column and handover is None else [None] * len(rows)
    day, source = batch_handover(handover, batch.titles, cells, dt.date.today())
    owns = [own_handover(c, day, source) for c in cells]
    days = [own or day for own, _ in owns]  # each row's hand-over date
    if unread := [i + 1 for i, (_, bad) in enumerate(owns) if bad and not rows[i].get("error")]:  # rows as the workbench's [O408] names them
        batch.notices.append(Errors.N_UNREAD_DATES.format(
            path=batch.name, n=len(unread), date=day.isoformat(),
            rows=listed(f"第{i}条" for i in unread)))
    triaged = triage_rows(rows, text_column, days, history, id_column, notices=batch.notices)
    order = sorted(range(len(triaged)), key=lambda i: (triaged[i]["error"] is not None,
                                                       PRIORITY_ORDER.get(triaged[i]["priority"], 3), i))
    out = [triaged[i] for i in order]
    if redact:  # after the repeats are found on the full text
        from .pii import Redactor

        out = [Redactor(text_column, [renames.get(c, c) for c in batch.columns])(r) for r in out]
    return out, batch.notices
