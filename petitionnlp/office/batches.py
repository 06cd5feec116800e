"""Batches: an uploaded 交办表 stored (its bytes in the database), read once, its rows classified and stored as cases
through the pipeline's batch runner and :class:`.intake.Intake`, then grouped with their repeats and indexed; and the
corrections an office makes to a batch afterwards: its hand-over date and reply days (:func:`redate`), or the
whole batch withdrawn (:func:`withdraw`)."""

from __future__ import annotations

import datetime as dt
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import PetitionNLPError, internal_error
from ..io import open_batch
from ..pipeline import RowJob, run_chunks
from . import inputs
from .errors import Conflict, Invalid, Messages, NotFound
from .intake import Intake, deadlines, in_working_days
from .lifecycle import batch_deadline
from .redaction import scrub
from .store import BatchMoved

__all__ = ["upload", "store_rows", "finish", "redate", "withdraw", "batch_or_404", "MAX_REPLY_DAYS"]

MAX_REPLY_DAYS = 3650


def batch_or_404(store, batch_id: int) -> dict:
    b = store.batch(batch_id)
    if b is None:
        raise NotFound(Messages.O101)
    return b


def _date(value, name: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise Invalid(Messages.O216.format(name=name, value=str(value)[:20])) from None


def _days(value) -> int | None:
    """Reply days: a number (the API), or digits (a form); :data:`MAX_REPLY_DAYS` at most."""
    try:
        return inputs.whole(value, "reply_days", hi=MAX_REPLY_DAYS)
    except Invalid:
        raise Invalid(Messages.O217.format(value=str(value)[:20])) from None


def upload(wb, filename: str, data: bytes, user: dict, wait: bool = False, handover_date: str | None = None,
           reply_days: int | None = None, working_days: bool | None = None) -> dict:
    """Store an uploaded file and queue its classification; the batch record as stored and its ``job_id``.

    The upload is one transaction (:meth:`.store.Store.add_upload`): the file, the batch, its audit event and its
    job are stored together or not at all.  The file is read through first (before anything is stored), on SQLite
    and PostgreSQL alike: an unreadable one is refused at once (state ``failed``, the file not kept), its audit
    event ``upload_failed`` with the reason.  ``wait``: on
    SQLite the rows are stored when this returns (repeats and the search index follow in the background); on
    PostgreSQL a worker stores them.  Once the upload is stored, the answer says so even when the database goes
    away afterwards: the job stays queued and is carried out when it is back (the sweepers: the job thread's
    retry on SQLite, every worker's :func:`.worker.requeue` on PostgreSQL), after the rows already stored.
    ``handover_date`` (else a title row's, a date column's or today) and ``reply_days`` (working days as China
    counts them unless ``working_days`` is False, i.e. calendar days; else the triage rules') give each case its reply
    deadline."""
    from .database import database_unreachable, queue_unreachable

    if not data:
        raise Invalid(Messages.O221)
    store = wb.store
    handover_date, reply_days = _date(handover_date, "交办日期"), _days(reply_days)
    safe = "".join(ch for ch in Path(inputs.cell(filename or "batch.csv")).name if ch not in "/\\\0\ufffd")
    safe = safe.strip() or "batch.csv"
    queued = not wb.queue.inline and not (wait and not wb.shared)
    read = _read_through(wb, safe, data)  # on every path: a refusal is known, audited and said before anything is kept
    fields = dict(name=Path(safe).stem[:200], filename=safe[:255], uploaded_by=user["id"], state="processing",
                  model_version=wb.model_name(), handover_date=handover_date,
                  handover_source="form" if handover_date else None, reply_days=reply_days,
                  working_days=in_working_days(working_days) if reply_days is not None else None)
    if "refused" in read:  # not kept: the batch says why, its job failed with it
        fields.update(state="failed", message=read["refused"])
    else:
        fields.update(read)
    refused = {"reason": read["refused"]} if "refused" in read else {}
    batch, job = store.add_upload(safe, None if refused else data,
                                  {"user": user["username"], "action": "upload_failed" if refused else "upload",
                                   "detail": {"file": safe, "bytes": len(data), **refused}}, **fields)
    stored = {**batch, "job_id": job["id"]}
    if batch["state"] == "failed":
        return stored
    if wb.queue.inline:
        wb.run_job(job["id"])
    elif not queued:  # SQLite, waiting for the rows
        try:
            store.start_job(job["id"])
            ok = store_rows(wb, batch["id"])
        except Exception as exc:
            if not database_unreachable(exc):
                message = internal_error(exc, f"batch {batch['id']}")  # said on its records, as run_job does
                store.update_job(job["id"], state="failed", message=message)
                store.update_batch(batch["id"], state="failed", message=message)
                raise
            wb.queue.submit(job["id"])  # the job thread goes on after the stored rows once the database is back
            return {**stored, "message": Messages.O400}
        if ok:
            wb.queue.submit_call(_finish_job, wb, job["id"], batch["id"])
        else:
            store.update_job(job["id"], state="failed", message=store.batch(batch["id"])["message"])
    else:
        try:
            wb.queue.submit(job["id"])
        except Exception as exc:
            if queue_unreachable(exc):
                # stored with its job queued: a worker's sweeper sends the job (worker.requeue)
                return {**stored, "message": Messages.O400}
            message = "任务未能排队，请重新上传"
            try:
                store.update_job(job["id"], state="failed", message=message)
                store.update_batch(batch["id"], state="failed", message=message)
            finally:
                raise
    try:
        return {**store.batch(batch["id"]), "job_id": job["id"]}
    except Exception as exc:
        if not database_unreachable(exc):
            raise
        return {**stored, "message": Messages.O400}  # stored; how far it got cannot be read now


def _read_through(wb, filename: str, data: bytes) -> dict:
    """An uploaded file read through before it is stored (no classification): ``{"rows", "columns",
    "text_column"}``, or ``{"refused": why}`` (the reason as a clerk reads it, without a server path)."""
    with _as_file(wb, filename, data, "upload-") as path:
        try:
            source = open_batch(str(path))
            try:
                n = sum(len(chunk) for chunk in source.chunks())
            finally:
                source.close()
        except PetitionNLPError as exc:
            return {"refused": scrub(str(exc), path, wb.data_dir, filename)[:2000]}
    return {"rows": n, **_columns(source)}


@contextmanager
def _as_file(wb, filename: str, data: bytes, prefix: str):
    """Uploaded bytes as a local temporary file with the upload's suffix (open_batch reads paths), removed
    after use."""
    with tempfile.TemporaryDirectory(dir=wb.data_dir, prefix=prefix) as tmp:
        path = Path(tmp) / f"upload{Path(filename).suffix.lower()}"
        path.write_bytes(data)
        yield path


def _finish_job(wb, job_id: int, batch_id: int) -> None:
    """In the job thread, after the rows were stored while the upload waited: repeats and the index, then the
    job done.  Interrupted by the database, the whole job runs again later (its rows are all stored: it only
    finishes)."""
    from .database import database_unreachable

    try:
        finish(wb, batch_id)
        b = wb.store.batch(batch_id)
        wb.store.update_job(job_id, state="done", progress=1.0, message=b["message"],
                            result={"rows": b["rows"], "errors": b["errors"]})
    except Exception as exc:
        if not database_unreachable(exc):
            raise
        wb.queue.later(job_id)


@contextmanager
def _uploaded(wb, batch: dict):
    """A stored batch's uploaded file as a local temporary file, removed after use."""
    data = wb.store.file_data(batch["file_id"]) if batch.get("file_id") else None
    if data is None:
        raise PetitionNLPError("上传的文件已不在数据库中，请重新上传")
    with _as_file(wb, batch["filename"], data, f"batch-{batch['id']}-") as path:
        yield path


def _refuse(wb, batch: dict, exc: Exception, path: Path) -> None:
    wb.store.update_batch(batch["id"], state="failed",
                          message=inputs.cell(scrub(str(exc), path, wb.data_dir, batch["filename"])))
    if batch.get("file_id"):
        wb.store.drop_file(batch["file_id"])  # a refused file is not kept on the server


def _columns(source) -> dict:
    """A file's headers as the batch keeps them: cleaned as its cells are (:func:`.inputs.cell`)."""
    return {"columns": [inputs.cell(c) for c in source.columns], "text_column": inputs.cell(source.text_column)}


def store_rows(wb, batch_id: int) -> bool:
    """Read, classify and store every row of a batch as cases, in input order, through the pipeline's batch
    runner; each chunk's cases, their first history steps and the batch's progress are one transaction, so a run
    that is interrupted goes on after the stored rows when run again (every row once).  False when the batch
    failed (it says why)."""
    from ..settings import get_settings

    store = wb.store
    batch = store.batch(batch_id)
    if batch["state"] == "failed":
        return False
    chunk_rows = get_settings().batch_chunk_rows
    with _uploaded(wb, batch) as path:
        try:
            source = open_batch(str(path), chunksize=chunk_rows)
        except PetitionNLPError as exc:
            _refuse(wb, batch, exc, path)
            return False
        try:
            job = RowJob("classify")
            job.pipeline = wb.pipeline()
            store.update_batch(batch_id, **_columns(source))
            while True:
                batch = store.batch(batch_id)
                start = batch["done_rows"]
                intake = Intake(store, batch, source.columns, source.titles)
                if start:  # stored by an earlier run: their report columns and renumbered rows read again
                    _replay(wb, intake, path, chunk_rows, start)
                at = start  # the rows done so far, as this run knows them
                try:
                    for raw_rows, rows in run_chunks([source], job, skip=start):
                        at = _store_chunk(wb, intake, batch_id, at, raw_rows, rows, source.text_column)
                    break
                except BatchMoved as moved:
                    if moved.done_rows == at:  # read again MAX_REREADS times, never stored: said as it stands
                        raise PetitionNLPError(Messages.O283.format(done=moved.done_rows)) from None
                    # another worker of this batch stored rows meanwhile (its job sent twice): go on after them
                    source.close()
                    source = open_batch(str(path), chunksize=chunk_rows)
            n = at
            if intake.hand_over is None:  # a file of no rows: its date is decided all the same
                store.update_batch(batch_id, **{k: v for k, v in intake._decide([]).items() if k != "due_date"})
            b = store.batch(batch_id)
            notices = "；".join(scrub(x, path, wb.data_dir, batch["filename"])
                               for x in [*source.notices, *intake.notices])
            store.update_batch(batch_id, rows=n, message=inputs.cell(notices[:2000]) or None,
                               changed=intake.changed[:1000] or b["changed"] or None)
            filled, refused = intake.finish()
            store.update_batch(batch_id, filled_reports=filled, refused_reports=refused or None)
            return True
        except PetitionNLPError as exc:
            _refuse(wb, batch, exc, path)
            return False
        finally:
            source.close()


def _replay(wb, intake: Intake, path: Path, chunk_rows: int, start: int) -> None:
    """The first ``start`` rows of a batch, stored by an earlier run, read again (not classified) into the intake
    (:meth:`.intake.Intake.replay`)."""
    stored = {p["row_index"]: p for p in wb.store.petitions(intake.batch["id"], withdrawn=True, light=True)}
    cases = {i for i, p in stored.items() if not p["error"]}
    stored = {i: p["receipt_id"] for i, p in stored.items()}
    source = open_batch(str(path), chunksize=chunk_rows)
    try:
        done = 0
        for chunk in source.chunks():
            part = chunk[:start - done]
            intake.replay(done, part, stored, cases)
            done += len(part)
            if done >= start:
                break
    finally:
        source.close()


MAX_REREADS = 20  # a chunk read again at most this often while other uploads store its receipts


def _store_chunk(wb, intake: Intake, batch_id: int, n: int, raw_rows: list[dict], rows: list[dict],
                 text_column: str) -> int:
    """One chunk's rows taken by the intake and stored (:meth:`.store.Store.add_chunk`); the input rows done now.
    Another upload storing some of its receipts meanwhile (several clerks sending one table at once), or another
    clerk withdrawing the batch of cases its rows were counted as (BatchMoved, the batch's rows where they were) undoes what the intake took of the chunk and reads it again — its rows are
    now that upload's cases — until it is stored (:data:`MAX_REREADS` at most), the clerk told ([O411]).
    BatchMoved when another worker went on with this batch (its stored rows elsewhere), or the rereads ran out."""
    tries = 0
    while True:
        undo = intake.mark()
        before, met = intake.existing, len(intake.events)
        new, steps = intake.take(n, raw_rows, rows, text_column)
        decided = {k: v for k, v in intake.hand_over.items() if k != "due_date"}
        try:
            with wb.grouping.at_intake(wb.store) as group:  # grouped in the chunk's transaction
                return wb.store.add_chunk(batch_id, n, new, sum(1 for r in new if r["error"]),
                                          consumed=len(raw_rows), existing=intake.existing - before,
                                          events=steps, group=group,
                                          met=[e["petition_id"] for e in intake.events[met:]], **decided)
        except BatchMoved as moved:
            if moved.done_rows != n or tries == MAX_REREADS:
                raise
            intake.undo(undo)
            intake.reread += 1
            tries += 1


def finish(wb, batch_id: int) -> None:
    """After a batch is stored (its cases grouped with their repeats as each chunk was stored: :mod:`.repeat_groups`;
    a case left ungrouped is grouped now), the search index."""
    from .database import database_unreachable

    store = wb.store
    try:
        wb.grouping.run(store)  # cases a failed intake left ungrouped
        store.update_petitions([], follow_batch=batch_id)  # the index's outbox row for the batch's cases
        wb.index.follow(store, [("batch", batch_id)])
        store.update_batch(batch_id, state="done")
    except Exception as exc:  # noqa: BLE001
        if database_unreachable(exc):
            raise
        # the cases are stored; the index's outbox row (when written) is retried by the follower
        store.update_batch(batch_id, state="done",
                           message=f"查重或检索索引未完成（{type(exc).__name__}），稍后自动补齐")


def _stored_whole(b: dict, what: str) -> None:
    """A correction of a whole batch waits until its rows are all stored: the rows stored after it would carry the
    batch as it was (the old hand-over date and deadline; a case of a withdrawn batch in every list).  A batch no
    longer processing, or with every row stored (its repeats and index may follow), has no row to store any more."""
    if b["state"] == "processing" and (b["done_rows"] or 0) < (b["rows"] or 0):
        raise Conflict(Messages.O307.format(done=b["done_rows"] or 0, rows=b["rows"] or 0, what=what))


def redate(store, user: dict, batch_id: int, handover_date=None, reply_days=None, working_days=None) -> dict:
    """A batch's hand-over date and reply days corrected: its cases take the hand-over date when one is given (reply
    days alone leave each case its own) and those still open a new deadline (by the one due-date rule); each change
    in the cases' history and the audit log."""
    b = batch_or_404(store, batch_id)
    if b["withdrawn"]:
        raise Conflict(Messages.O304)
    _stored_whole(b, "更正交办日期与回复期限")
    fields = {}
    if handover_date not in (None, ""):
        fields["handover_date"], fields["handover_source"] = _date(handover_date, "交办日期"), "form"
    if reply_days not in (None, ""):
        fields["reply_days"] = _days(reply_days)
    if working_days is not None:
        fields["working_days"] = bool(working_days)
    if not fields:
        raise Invalid(Messages.O212.format(fields="交办日期或回复期限"))
    if "reply_days" in fields and "working_days" not in fields and b["working_days"] is None:
        fields["working_days"] = in_working_days(None)  # days given by a person count as the rules count them, as at upload
    return store.redate_batch(batch_id, user, fields, deadlines, batch_deadline)


def withdraw(wb, user: dict, batch_id: int, reason: str | None) -> dict:
    """Withdraw a batch none of whose cases has a report: its cases leave every list, figure, export and search;
    the batch stays listed, marked; the same table can be uploaded again; nothing is deleted."""
    if not (reason := inputs.text(reason, "reason", limit=2000)):
        raise Invalid(Messages.O214.format(what="撤回批次"))
    _stored_whole(batch_or_404(wb.store, batch_id), "撤回")
    b, reported = wb.store.withdraw_batch(batch_id, user, reason)
    if reported:
        raise Conflict(Messages.O303.format(n=reported))
    return b  # its cases leave the search: the index's outbox row was written with the withdrawal
