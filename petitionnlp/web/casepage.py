"""The case page as its reader may see it, shown by the case list's link and again after a refused form (what was
typed kept): one function for the pages of the case (routes/cases.py) and of closing the loop (routes/followup.py)."""

from __future__ import annotations

from fastapi import Request

from ..office.lifecycle import CLOSURES, COUNTS, VERIFIED
from ..office.roles import allowed
from .render import render_form

__all__ = ["show_case", "case_again"]


def show_case(request: Request, wb, session: dict, petition_id: int, next_: str, message: str | None,
              typed: dict | None = None):
    """The case page; after a refused form (``typed``: the form's name and what was typed in it) the same page with
    the refusal and the typed values in that form, its 'next' the page the form was to return to."""
    user = session["user"]
    view = wb.case(user, petition_id)
    return render_form(request, "case.html", session, typed, p=view,
                       batch=wb.batch(user, view["batch_id"]) if allowed(user, "read") else None,
                       units=wb.units() if "assign" in view["allowed"] else [], verified=VERIFIED, closures=CLOSURES,
                       places=wb.place_choices([view["province"]]) if allowed(user, "correct") else None,
                       counts=COUNTS, here=next_, message=message)


def case_again(request: Request, wb, session: dict, petition_id: int, to: str, typed: dict):
    """What :func:`.render.outcome` shows on a refusal of a typed form: the case page with the message and what
    was typed."""
    return lambda message: show_case(request, wb, session, petition_id, to, message, typed)
