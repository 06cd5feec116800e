"""A batch's page (its queue) as its reader may see it, shown by the batch list's link and again after a refused form
(what was typed kept): one function for the pages of batches (routes/batches.py: a row's correction) and of cases
(routes/cases.py: the queue's bulk 交办)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import Request

from ..office.errors import NotFound
from ..office.roles import allowed
from .render import render_form

__all__ = ["show_batch", "show_batch_or", "batch_path", "PAGE_SIZE", "SORTS"]

PAGE_SIZE = 200
SORTS = ("row", "priority", "due", "region", "status")


def batch_path(path: str) -> int | None:
    """The batch a page's path names (``/batches/7`` → 7), or None for any other page."""
    rest = path[9:] if path.startswith("/batches/") else ""
    return int(rest) if rest.isdecimal() and len(rest) < 19 else None


def show_batch(request: Request, wb, session: dict, batch_id: int, q, next_: str, message: str | None,
               typed: dict | None = None):
    """A batch's queue (``q``: its filters, sort and page); after a refused form the same queue with the refusal
    and what was typed (``typed``: a row's correction — the row's ``id``, the ``types`` and place typed in it — or
    the bulk 交办 — the ``ids`` ticked, the ``unit`` chosen)."""
    user = session["user"]
    batch_ = wb.batch(user, batch_id)
    filters = {k: q.get(k) or None for k in ("type", "region", "priority", "status", "q")}
    sort = q.get("sort") if q.get("sort") in SORTS else "row"
    number = max(1, int(q.get("page")) if (q.get("page") or "").isdecimal() and len(q.get("page")) < 10 else 1)
    shown, total = wb.queue_rows(user, batch_id, history=False, page=((number - 1) * PAGE_SIZE, PAGE_SIZE),
                                 type_=filters["type"], region=filters["region"], priority=filters["priority"],
                                 status=filters["status"], q=filters["q"], sort=sort)
    query = {k: v for k, v in {**filters, "sort": sort}.items() if v}
    places = wb.place_choices({p["province"] for p in shown}) if allowed(user, "correct") else None
    return render_form(request, "batch.html", session, typed, batch=batch_,
                       petitions=shown, total=total, page=number, places=places,
                       units=wb.units() if allowed(user, "assign") else [], pages=max(1, -(-total // PAGE_SIZE)),
                       filters=filters, sort=sort, regions=wb.batch_places(batch_id), query=urlencode(query),
                       here=next_, message=message)


def show_batch_or(otherwise, request: Request, wb, session: dict, batch_id: int | None, q, next_: str, message: str,
                  typed: dict):
    """:func:`show_batch` again after a refused form; for a 'next' that names no batch, or a batch that is not there
    (a hand-made address), ``otherwise()``: another page with the form, so that what was typed is never lost for
    it."""
    if batch_id is not None:
        try:
            return show_batch(request, wb, session, batch_id, q, next_, message, typed)
        except NotFound:
            pass
    return otherwise()
