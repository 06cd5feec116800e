"""What a person reads of the office's records, as the pages, the API and the exports show them: a petition, a
case (with its unit, deadline, overdue flag, report, history and the steps open to the reader), a batch, a
briefing, a job, a model version.

Whether text is redacted is decided once per request (:func:`.roles.redacts`) and passed in as ``redact``; each
text is redacted once per record (the petition's text serves its row's text cell too), and a batch's row
redactor is built once for all its rows.
"""

from __future__ import annotations

import datetime as dt

from ..pipeline import OUTPUT_FIELDS
from .clock import office_time, office_today, office_zone
from .figures import is_overdue
from .labels import action_label, case_name, label
from .lifecycle import COUNTS, allowed_steps
from .redaction import case_persons, no_paths, redact, redact_message, redacted, redacted_briefing, scrub
from .repeat_groups import repeat_fields
from .roles import unit_scope

__all__ = ["iso_time", "case_name", "petition_view", "single_view", "case_views", "batch_view", "briefing_view", "job_view",
           "model_version_view", "audit_view"]

PETITION_FIELDS = OUTPUT_FIELDS + ["duplicate_of", "duplicate_score", "due_date", "status", "corrected",
                                   "handover_date", "model_types", "types_source"]


def iso_time(value: dt.datetime | None, zone: dt.tzinfo | None = None) -> str | None:
    """A stored time (naive UTC) in the office's zone (``zone``, when the caller looked it up once for many),
    ISO 8601 with its offset."""
    t = office_time(value, zone)
    return None if t is None else t.isoformat(timespec="seconds")


def _ref(value) -> int | None:
    """The stored case a ``duplicate_of`` (or ``same_as``) names by its id, or None."""
    return int(value) if isinstance(value, int) or (isinstance(value, str) and value.isdecimal()) else None


def _receipts(store, rows: list[dict], session=None) -> dict[int, str | None]:
    """The 受理编号 of the cases these rows repeat (``duplicate_of``) or were rejected as repeats of (``same_as``),
    withdrawn ones too: ``{id: receipt_id}``."""
    ids = {i for r in rows for i in (_ref(r.get("same_as")), _ref(r.get("duplicate_of"))) if i is not None}
    if not ids:
        return {}
    return {r["id"]: r["receipt_id"] for r in store.petitions(ids=ids, withdrawn=True, light=True, s=session)}


def _repeat_of(p: dict, receipts: dict) -> dict:
    """What a case shows of the case it repeats: ``duplicate_receipt`` (its 受理编号) and ``duplicate_name``
    (:func:`case_name`); ``duplicate_score`` only on a repeat (a case that repeats none has no similarity)."""
    dup = p.get("duplicate_of")
    if not dup:
        return {"duplicate_of": None, "duplicate_score": None, "duplicate_receipt": None, "duplicate_name": None}
    ref = _ref(dup)
    receipt = receipts.get(ref) if ref is not None else str(dup)
    return {"duplicate_receipt": receipt, "duplicate_name": case_name(receipt, dup)}


class _RowRedactor:
    """A batch's rows for a viewer: the text column is the petition's redacted text; a personal column (举报人,
    联系电话 …) is replaced whole, any other text cell redacted (:class:`petitionnlp.pii.Redactor`'s rules)."""

    def __init__(self, batch: dict | None, columns):
        from ..pii import Redactor

        self.text_column = (batch or {}).get("text_column") or ""
        self.redactor = Redactor(self.text_column, list(columns))

    def __call__(self, row: dict, text: str | None, hidden: str | None, persons: tuple = ()) -> dict:
        """``row`` redacted; its text cell is ``hidden`` (the petition's text, already redacted) when it holds
        ``text``; another text cell with what the case names too (``persons``: a flat 3-1-502 under 住址)."""
        tc, free = self.text_column, self.redactor.personal.keys() | self.redactor.kept
        out = self.redactor({k: v for k, v in row.items() if k != tc})  # every cell but the text, in its rules
        return {k: ((hidden if v == text else redact(v, persons)) if k == tc else
                    redact(v, persons) if persons and isinstance(v, str) and k not in free else out[k])
                for k, v in row.items()}


def petition_view(p: dict, batch: dict | None, redact_: bool, row_redactor: _RowRedactor | None = None,
                  receipts: dict | None = None) -> dict:
    """A petition as the API and the pages show it: ``{"id", "row", "text", the classify and triage fields,
    "status"}``, its ``receipt_id`` and ``case_name`` (:func:`case_name`), and the case it repeats
    (:func:`_repeat_of`, by ``receipts``: :func:`_receipts`); with ``redact_``, text, row, error and evidence carry
    no personal information."""
    view = {"id": p["id"], "batch_id": p["batch_id"], "row_index": p["row_index"], "row": dict(p["row"]),
            "text": p["text"]}
    for k in PETITION_FIELDS:
        view[k] = p.get(k)
    view.update(receipt_id=p.get("receipt_id"), case_name=case_name(p.get("receipt_id"), p["id"]))
    view.update(_repeat_of(p, receipts or {}))
    view.update(repeat_fields(p))
    if redact_:
        persons = case_persons(p)
        hidden = redact(p["text"], persons)
        view["row"] = (row_redactor or _RowRedactor(batch, p["row"]))(p["row"], p["text"], hidden, persons)
        view["text"] = hidden
        for k in ("error", "region_evidence"):
            view[k] = redact(view.get(k), persons)
    return view


def _report_view(r: dict | None, redact_: bool, zone: dt.tzinfo | None = None, persons: tuple = ()) -> dict | None:
    if r is None:
        return None
    out = {k: r[k] for k in ("verified", "findings", "actions", "accountability", "closure")}
    out["counts"] = {k: (r["counts"] or {}).get(k, 0) for k in COUNTS}
    out.update(user=r["user"], time=iso_time(r["time"], zone), review=r["review"], review_reason=r["review_reason"],
               reviewed_by=r["reviewed_by"], reviewed_at=iso_time(r["reviewed_at"], zone), round=r.get("round") or 1)
    if redact_:  # with what its case names (persons: :func:`.redaction.case_persons`)
        for k in ("findings", "actions", "accountability", "review_reason"):
            out[k] = redact(out[k], persons)
    return out


def _loop_fields(p: dict, extras: dict, redact_: bool, scope: int | None, receipts: dict,
                 zone: dt.tzinfo | None = None) -> dict:
    """What closing the loop adds to a case as the API shows it: every round's report (``reports``), the calls to
    the complainant (``callbacks``), 督办, how often it was reopened, its 不受理 (kind, reason, the case it repeats)
    and the cases rejected as repeats of it, and the spot checks that drew it."""
    persons = case_persons(p) if redact_ else ()
    hide = (lambda v: redact(v, persons)) if redact_ else (lambda v: v)
    pid = p["id"]
    rejection = None
    if p["status"] == "不受理":
        rejection = {"kind": p.get("reject_kind"), "reason": hide(p.get("reject_reason")),
                     "duplicate_of": p.get("same_as"), "duplicate_receipt": receipts.get(p.get("same_as"))}
    return {
        "reports": [_report_view(r, redact_, zone, persons) for r in extras["reports"].get(pid, [])],
        "callbacks": [{"time": iso_time(c["time"], zone), "user": c["user"], "result": c["result"],
                       "note": hide(c["note"])} for c in extras["callbacks"].get(pid, [])],
        "supervised": bool(p.get("supervised")), "supervised_at": iso_time(p.get("supervised_at"), zone),
        "supervise_note": hide(p.get("supervise_note")), "reopened": p.get("reopened") or 0,
        "round": (p.get("reopened") or 0) + 1, "rejection": rejection,
        "repeats": [{"id": r["id"], "receipt_id": r["receipt_id"]} for r in extras["repeats"].get(pid, [])
                    if scope is None or r["unit_id"] == scope],
        "spotchecks": [{"spotcheck": i["spotcheck_id"], "passed": i["passed"], "note": hide(i["note"]),
                        "checked_by": i["checked_by"], "checked_at": iso_time(i["checked_at"], zone)}
                       for i in extras["spotchecks"].get(pid, [])]}


def _rounds(events: list[dict]) -> list[int]:
    """The round of each history step: 1 until the first reopening, then 2 …"""
    out, n = [], 1
    for e in events:
        n += e["action"] == "reopen"
        out.append(n)
    return out


def single_view(store, p: dict, batch: dict | None, redact_: bool) -> dict:
    """One petition as :func:`petition_view` shows it, the cases it repeats named by their 受理编号."""
    return petition_view(p, batch, redact_, receipts=_receipts(store, [p]))


def case_views(store, rows: list[dict], redact_: bool, user: dict | None = None, history: bool = True,
               session=None) -> list[dict]:
    """Petitions as the API shows them: the workbench's fields and receipt_id, unit, due_date, overdue, status,
    report (the latest round's), version, history (each step with its ``round``), ``allowed`` (the steps open to
    ``user``) and what closing the loop adds (:func:`_loop_fields`).  ``redact_``: text, row, reports, notes and
    history carry no personal information (viewers).  ``session``: read inside that transaction (a change's
    answer)."""
    if not rows:
        return []
    units = {u["id"]: u["name"] for u in store.units(session)}
    reports, events = store.case_extras([r["id"] for r in rows], with_events=history, s=session)
    extras = store.followup_extras([r["id"] for r in rows], s=session)
    scope = unit_scope(user) if user else None
    receipts = _receipts(store, rows, session)
    batches: dict[int, tuple] = {}
    today, zone = office_today().isoformat(), office_zone()  # looked up once, not once a row
    out = []
    for p in rows:
        if p["batch_id"] not in batches:
            b = store.batch(p["batch_id"], session)
            batches[p["batch_id"]] = (b, _RowRedactor(b, (b or {}).get("columns") or p["row"]) if redact_ else None)
        batch, rows_redactor = batches[p["batch_id"]]
        view = petition_view(p, batch, redact_, rows_redactor, receipts)
        persons = case_persons(p) if redact_ else ()  # what the case names, hidden in its every text
        view.update(receipt_id=p.get("receipt_id"), unit=units.get(p.get("unit_id")), due_date=p.get("due_date"),
                    overdue=is_overdue(p, today), status=p["status"], version=p.get("version") or 1,
                    withdrawn=bool(p.get("withdrawn")), report=_report_view(reports.get(p["id"]), redact_, zone, persons),
                    allowed=allowed_steps(user, p) if user else [])
        view.update(_loop_fields(p, extras, redact_, scope, receipts, zone))
        if history:  # a return's reason or a report's words can name a person: the detail is redacted too
            steps = events.get(p["id"], [])
            view["history"] = [{"time": iso_time(e["time"], zone), "user": e["user"], "action": e["action"],
                                "label": action_label(e["action"], f"petition:{p['id']}", e["detail"]),
                                "detail": redacted(e["detail"], persons) if redact_ else e["detail"], "round": n}
                               for e, n in zip(steps, _rounds(steps))]
        out.append(view)
    return out


def batch_view(b: dict, redact_: bool) -> dict:
    """A batch as the pages and the API show it: its message without server paths; for viewers redacted."""
    view = dict(b)
    view["message"] = redact_message(b["message"]) if redact_ else scrub(b["message"])
    view["handover_from"] = label("handover_source", b.get("handover_source")) or None
    rows = b["rows"] if b["state"] != "processing" else b["done_rows"]
    view["new_rows"] = max(0, (rows or 0) - (b.get("existing") or 0))  # a receipt stored before is no new row
    if redact_:
        view["filename"], view["name"] = redact(b["filename"]), redact(b["name"])
        view["withdrawn_reason"] = redact(b.get("withdrawn_reason"))
    return view


def briefing_view(b: dict, redact_: bool) -> dict:
    """A briefing as the pages and the API show it; for viewers its title, text, directives, times and keywords
    redacted with what the briefing names (:func:`.redaction.redacted_briefing`; offsets are then into the
    original text)."""
    return redacted_briefing(b) if redact_ else b


def job_view(store, job: dict, redact_: bool) -> dict:
    """A job as the API shows it: ``{"id", "kind", "state", "progress", "message"}`` (and what it made); its
    message, a batch's notice or error, as :func:`batch_view` shows it (no server path; for viewers redacted)."""
    progress = job["progress"]
    if job["kind"] == "batch" and job["state"] in ("queued", "running") and job["batch_id"]:
        b = store.batch(job["batch_id"])
        progress = round(b["done_rows"] / b["rows"], 4) if b and b["rows"] else 0.0
    return {"id": job["id"], "kind": job["kind"], "state": job["state"], "progress": progress,
            "message": redact_message(job["message"]) if redact_ else scrub(job["message"]),
            "batch_id": job["batch_id"], "created_by": job["created_by"],
            "attempts": job["attempts"], "worker": job["worker"], "result": job["result"]}


def model_version_view(m: dict) -> dict:
    """A model version as the API and the models page show it: no server path; ``created_at`` in the office's time
    with its offset (:func:`iso_time`, as every time of a view); ``summary`` holds the comparison's figures as the
    page prints them, each None when the stored comparison (of any age or shape) lacks it."""
    comparison = no_paths(m.get("comparison")) if isinstance(m.get("comparison"), dict) else None

    def get(d, *keys):
        for k in keys:
            d = d.get(k) if isinstance(d, dict) else None
        return d

    summary = None
    if comparison and get(comparison, "types", "micro_f1") is not None:
        summary = {"micro_f1": get(comparison, "types", "micro_f1"), "n": get(comparison, "types", "n"),
                   "against_micro_f1": get(comparison, "against", "types", "micro_f1"),
                   "difference": get(comparison, "difference", "micro_f1")}
    return {"id": m["id"], "name": m["name"], "created_at": iso_time(m["created_at"]),
            "created_by": m["created_by"], "active": m["active"], "card": no_paths(m.get("card")) if isinstance(m.get("card"), dict) else None,
            "comparison": comparison, "summary": summary}


def audit_view(e: dict) -> dict:
    """An audit event as the API shows it: ``action`` stays a code for programs, ``label`` is its Chinese name;
    its time in the office's zone with the offset, as every time of the API (:func:`iso_time`)."""
    return {"time": iso_time(e["time"]), "user": e["user"], "action": e["action"],
            "label": action_label(e["action"], e["target"], e["detail"]), "target": e["target"],
            "detail": e["detail"]}
