"""Batches: an uploaded 交办表 stored (its bytes in the database), read once, its rows classified and stored as cases
through the pipeline's batch runner and :class:`.intake.Intake`, then checked for repeats and indexed; and the
corrections an office makes to a batch afterwards: its hand-over date and reply days (:func:`redate`), or the
whole batch withdrawn (:func:`withdraw`)."""

from __future__ import annotations

import datetime as dt
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import PetitionNLPError
from ..io import open_batch
from ..pipeline import RowJob, run_chunks
from .errors import Conflict, Invalid, Messages, NotFound
from .intake import Intake, due_of
from .lifecycle import OPEN
from .redaction import scrub

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
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not str(value).strip().isdigit() or int(str(value).strip()) > MAX_REPLY_DAYS:
        raise Invalid(Messages.O217.format(value=str(value)[:20]))
    return int(str(value).strip())


def _working(flag) -> bool:
    """Whether typed reply days are working days: as said, else as the triage rules count them (working days)."""
    from ..triage import get_rules

    return bool(get_rules().settings["working_days"]) if flag is None else bool(flag)


def upload(wb, filename: str, data: bytes, user: dict, wait: bool = False, handover_date: str | None = None,
           reply_days: int | None = None, working_days: bool | None = None) -> dict:
    """Store an uploaded file and queue its classification; the batch record and its ``job_id``.  The file is
    read once here: an unreadable one is refused at once (state ``failed``) and not kept.  ``wait``: on SQLite the
    rows are stored when this returns (repeats and the search index follow in the background); on PostgreSQL a
    worker stores them.  ``handover_date`` (else a title row's, a date column's or today) and ``reply_days``
    (working days as China counts them unless ``working_days`` is False, i.e. calendar days; else the triage
    rules') give each case its reply deadline."""
    if not data:
        raise Invalid(Messages.O221)
    store = wb.store
    handover_date, reply_days = _date(handover_date, "交办日期"), _days(reply_days)
    safe = "".join(ch for ch in Path(filename or "batch.csv").name if ch not in "/\\\0") or "batch.csv"
    batch = store.add_batch(name=Path(safe).stem[:200], filename=safe[:255], uploaded_by=user["id"],
                            state="processing", model_version=wb.model_name(), handover_date=handover_date,
                            handover_source="form" if handover_date else None, reply_days=reply_days,
                            working_days=_working(working_days) if reply_days is not None else None)
    file_id = store.add_file(safe, data)
    store.update_batch(batch["id"], file_id=file_id)
    store.log(user["username"], "upload", f"batch:{batch['id']}", {"file": safe, "bytes": len(data)})
    job = store.add_job("batch", user["username"], batch_id=batch["id"])
    if wb.queue.inline:
        wb.run_job(job["id"])
    elif wait and not wb.shared:
        store.start_job(job["id"])
        if store_rows(wb, batch["id"]):
            wb.queue.submit_call(_finish_job, wb, job["id"], batch["id"])
        else:
            store.update_job(job["id"], state="failed", message=store.batch(batch["id"])["message"])
    elif _count_rows(wb, batch["id"]) is not None:
        try:
            wb.queue.submit(job["id"])
        except Exception:
            message = "任务未能排队，请重新上传"
            try:
                store.update_job(job["id"], state="failed", message=message)
                store.update_batch(batch["id"], state="failed", message=message)
            finally:
                raise
    return {**store.batch(batch["id"]), "job_id": job["id"]}


def _finish_job(wb, job_id: int, batch_id: int) -> None:
    finish(wb, batch_id)
    b = wb.store.batch(batch_id)
    wb.store.update_job(job_id, state="done", progress=1.0, message=b["message"],
                        result={"rows": b["rows"], "errors": b["errors"]})


@contextmanager
def _uploaded(wb, batch: dict):
    """The uploaded file as a local temporary file (open_batch reads paths), removed after use."""
    data = wb.store.file_data(batch["file_id"]) if batch.get("file_id") else None
    if data is None:
        raise PetitionNLPError("上传的文件已不在数据库中，请重新上传")
    suffix = Path(batch["filename"]).suffix.lower()
    with tempfile.TemporaryDirectory(dir=wb.data_dir, prefix=f"batch-{batch['id']}-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        del data
        yield path


def _refuse(wb, batch: dict, exc: Exception, path: Path) -> None:
    wb.store.update_batch(batch["id"], state="failed", message=scrub(str(exc), path, wb.data_dir, batch["filename"]))
    if batch.get("file_id"):
        wb.store.drop_file(batch["file_id"])  # a refused file is not kept on the server


def _count_rows(wb, batch_id: int) -> int | None:
    """Read the uploaded file through (no classification): its rows, or None when it is refused."""
    batch = wb.store.batch(batch_id)
    with _uploaded(wb, batch) as path:
        try:
            source = open_batch(str(path))
            n = sum(len(chunk) for chunk in source.chunks())
            source.close()
        except PetitionNLPError as exc:
            _refuse(wb, batch, exc, path)
            return None
    wb.store.update_batch(batch_id, rows=n, columns=source.columns, text_column=source.text_column)
    return n


def store_rows(wb, batch_id: int) -> bool:
    """Read, classify and store every row of a batch as cases, in input order, through the pipeline's batch
    runner; each chunk's cases, their first history steps and the batch's progress are one transaction, so a run
    that is interrupted goes on after the stored rows when run again (every row once).  False when the batch
    failed (it says why)."""
    from ..settings import get_settings
    from .store import BatchMoved

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
            store.update_batch(batch_id, columns=source.columns, text_column=source.text_column)
            for _attempt in range(3):
                batch = store.batch(batch_id)
                start = n = batch["done_rows"]
                intake = Intake(store, batch, source.columns, source.titles)
                try:
                    for raw_rows, rows in run_chunks([source], job, skip=start):
                        before = intake.existing
                        new, steps = intake.take(n, raw_rows, rows, source.text_column)
                        decided = {k: v for k, v in intake.hand_over.items() if k != "due_date"}
                        n = store.add_chunk(batch_id, n, new, sum(1 for r in new if r["error"]),
                                            consumed=len(raw_rows), existing=intake.existing - before,
                                            events=steps, **decided)
                    break
                except BatchMoved:  # another worker stored rows meanwhile: go on after them
                    source.close()
                    source = open_batch(str(path), chunksize=chunk_rows)
            else:
                raise PetitionNLPError("批次被多个进程同时处理，已停止")
            if intake.hand_over is None:  # a file of no rows: its date is decided all the same
                store.update_batch(batch_id, **{k: v for k, v in intake._decide([]).items() if k != "due_date"})
            b = store.batch(batch_id)
            notices = "；".join(scrub(x, path, wb.data_dir, batch["filename"]) for x in source.notices)
            store.update_batch(batch_id, rows=n, message=notices[:2000] or None,
                               changed=intake.changed[:1000] or b["changed"] or None)
            store.update_batch(batch_id, filled_reports=intake.finish())
            return True
        except PetitionNLPError as exc:
            _refuse(wb, batch, exc, path)
            return False
        finally:
            source.close()


def finish(wb, batch_id: int) -> None:
    """After a batch is stored: repeats of earlier petitions and of each other, the search index."""
    from ..triage import DuplicateFinder
    from .database import database_unreachable

    store = wb.store
    try:
        petitions = store.petitions(batch_id)
        texts = [p["text"] or "" for p in petitions]
        ids = [str(p["id"]) for p in petitions]
        found = DuplicateFinder().fit(*store.petition_history(batch_id)).find(texts, ids)
        updates = []
        for p, (dup, sim) in zip(petitions, found):
            updates.append({"id": p["id"], "duplicate_of": dup, "duplicate_score": sim})
            if dup and p["priority"] == "低":
                updates[-1]["priority"] = "中"
        store.update_petitions(updates)
        wb.index.add_petitions(petitions)
        store.update_batch(batch_id, state="done")
    except Exception as exc:  # noqa: BLE001
        if database_unreachable(exc):
            raise
        store.update_batch(batch_id, state="done",
                           message=f"查重或检索索引未完成（{type(exc).__name__}），可由管理员重建索引")


def redate(store, user: dict, batch_id: int, handover_date=None, reply_days=None, working_days=None) -> dict:
    """A batch's hand-over date and reply days corrected: its cases take the hand-over date and those still open
    a new deadline (by the one due-date rule); each change in the cases' history and the audit log."""
    b = batch_or_404(store, batch_id)
    if b["withdrawn"]:
        raise Conflict(Messages.O304)
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
        fields["working_days"] = _working(None)  # days given by a person count as the rules count them, as at upload
    return store.redate_batch(batch_id, user, fields, due_of, OPEN)


def withdraw(wb, user: dict, batch_id: int, reason: str | None) -> dict:
    """Withdraw a batch none of whose cases has a report: its cases leave every list, figure, export and search;
    the batch stays listed, marked; the same table can be uploaded again; nothing is deleted."""
    reason = (reason or "").strip()[:2000]
    if not reason:
        raise Invalid(Messages.O214.format(what="撤回批次"))
    batch_or_404(wb.store, batch_id)
    b, reported = wb.store.withdraw_batch(batch_id, user, reason)
    if reported:
        raise Conflict(Messages.O303.format(n=reported))
    wb.index.remove_petitions(p["id"] for p in wb.store.petitions(batch_id, withdrawn=True))
    return b
