"""Cases for one user: which ones it may see (a unit handler its own unit's only; any other is "not found"),
the lists by the queue's and the case list's filters, and a person's change of a case (a correction, a step, a
bulk action), checked here and applied by :func:`.lifecycle.apply`."""

from __future__ import annotations

from ..taxonomy import TYPES
from .clock import office_today
from .errors import Invalid, Messages, NotFound
from .figures import is_overdue
from .lifecycle import STATUSES, apply, each_case
from .places import resolve_correction
from .redaction import case_persons, redact
from .roles import UNASSIGNED, redacts, unit_scope

__all__ = ["visible_case", "list_cases", "queue", "case_matches", "update_case", "bulk_action", "EDITABLE",
           "BULK_ACTIONS"]

EDITABLE = ("pollution_types", "city", "county", "region", "status", "unit")
PLACE_FIELDS = ("city", "county", "region")
BULK_ACTIONS = {"assign": "交办", "accept": "签收", "approve": "审核通过", "return": "退回"}


def visible_case(store, user: dict, petition_id: int) -> dict:
    """The stored case, if this user may see it; :class:`NotFound` otherwise (another unit's case, a row that is
    no case for a unit, a case of a withdrawn batch for anyone but an admin)."""
    p = store.petition(petition_id)
    scope = unit_scope(user)
    if p is None or (scope is not None and (p["error"] or p["unit_id"] != scope)) \
            or (p["withdrawn"] and user["role"] != "admin"):
        raise NotFound(Messages.O100)
    return p


def case_matches(p: dict, q: str, redact_: bool = False) -> bool:
    """Whether a 受理编号 or the text holds ``q`` (the filter boxes).  ``redact_`` (a viewer): the text as the
    viewer reads it, so no name or number of a person can be looked up."""
    q = q.strip()
    text = redact(p.get("text"), case_persons(p)) if redact_ else p.get("text")
    return not q or q in (p.get("receipt_id") or "") or q in (text or "")


def list_cases(store, user: dict, status: str | None = None, unit: str | None = None,
               overdue: bool | None = None, batch_id: int | None = None, q: str | None = None,
               date_from: str | None = None, date_to: str | None = None, sort: str = "due",
               supervised: bool | None = None) -> list[dict]:
    """Cases by the list's filters (``supervised``: the 督办件, or the others); a unit handler's are always its
    unit's."""
    if status and status not in STATUSES:
        raise Invalid(Messages.O215.format(statuses=" / ".join(STATUSES)))
    scope = unit_scope(user)
    unit_id, unassigned = scope, False
    if unit and scope is None:
        if unit == UNASSIGNED:
            unassigned = True
        else:
            got = store.unit(name=unit)
            if got is None:
                return []
            unit_id = got["id"]
    q = (q or "").strip()[:100] or None
    hide = redacts(user)  # a viewer's words are matched in the redacted text, here
    rows = store.petitions(cases=True, unit_id=unit_id, status=status, batch_id=batch_id, unassigned=unassigned,
                           q=None if hide else q, date_from=date_from, date_to=date_to, sort=sort)
    if hide and q:
        rows = [r for r in rows if case_matches(r, q, redact_=True)]
    if overdue is not None:
        today = office_today().isoformat()
        rows = [r for r in rows if is_overdue(r, today) == overdue]
    if supervised is not None:
        rows = [r for r in rows if bool(r.get("supervised")) == supervised]
    return rows


def queue(store, user: dict, batch_id: int, type_: str | None = None, region: str | None = None,
          priority: str | None = None, status: str | None = None, q: str | None = None,
          sort: str = "row") -> list[dict]:
    """A batch's rows (its cases and the rows that could not be classified) by the queue's filters, in input
    order or ``sort``; ``q`` matches a 受理编号 or words of the text as this user reads it."""
    rows = store.petitions(batch_id, types=type_, region=region, priority=priority, status=status, sort=sort)
    q = (q or "").strip()[:100]
    return [p for p in rows if case_matches(p, q, redacts(user))] if q else rows


def _types(value) -> list[str]:
    if isinstance(value, str):
        value = [v for v in value.replace("，", ",").replace("|", ",").replace("、", ",").split(",") if v]
    value = list(dict.fromkeys(str(v).strip() for v in value or ()))
    bad = [v for v in value if v not in TYPES]
    if bad or not value:
        raise Invalid(Messages.O207.format(types=" ".join(TYPES), bad="、".join(bad) or "空"))
    return value


def _assigned(store, name) -> dict:
    """The assign step's body for a unit's name (null, empty or 未分配: none); an unknown name is refused [O208]."""
    if name in (None, "", UNASSIGNED):
        return {"unit_id": None, "unit": None}
    unit = store.unit(name=str(name).strip())
    if unit is None:
        raise Invalid(Messages.O208.format(name=str(name)[:64]), field="unit")
    return {"unit_id": unit["id"], "unit": unit["name"]}


def update_case(store, user: dict, petition_id: int, changes: dict, version: int | None = None, then=None):
    """A person's change of a case (``PATCH``, the queue's form): its types (among the eight), its place (a
    ``county``, ``city`` or ``region`` the gazetteer resolves to one path; a value equal to the stored one is no
    change), its ``unit`` (a unit's name, or null to take it back: the assign step) and a ``status`` (only as the
    step that leads there: 办理中 from 待办 is accept); all in one change of :func:`.lifecycle.apply`.  The place is
    compared with, and resolved from, the case as locked (what another clerk committed meanwhile is what it
    changes, so two clerks at once cannot both win); it is checked on the case as read first, so that a name the
    gazetteer does not know is refused before anything waits for the lock."""
    unknown = [k for k in changes if k not in EDITABLE]
    if unknown:
        raise Invalid(Messages.O213.format(field=unknown[0]))
    current = visible_case(store, user, petition_id)
    types = _types(changes["pollution_types"]) if "pollution_types" in changes else None

    def fields_of(case: dict) -> dict:
        fields = {"pollution_types": types} if types is not None else {}
        asked = {k: changes[k] for k in PLACE_FIELDS
                 if k in changes and (k == "region" or (changes[k] or None) != case.get(k))}
        if asked:
            place = resolve_correction(case, **asked)
            fields.update({k: place[k] for k in ("province", "city", "county")})
        return fields

    fields_of(current)
    step, body = ("assign", _assigned(store, changes["unit"])) if "unit" in changes else (None, None)
    status = changes.get("status") or None
    if status is not None and status not in STATUSES:
        raise Invalid(Messages.O215.format(statuses=" / ".join(STATUSES)))
    return apply(store, user, petition_id, step, body, changes=fields_of, status=status, version=version, then=then)


def bulk_action(store, user: dict, ids: list[int], action: str, unit: str | None = None,
                reason: str | None = None) -> dict:
    """One action on a selection of cases (assign to a unit, accept, approve, return): ``{"done": [ids],
    "failed": [{"id", "name", "error"}]}``; each case is its own change, one refused leaves the others done
    (:func:`.lifecycle.each_case`).  What is wrong with the request itself — an unknown action or unit, a return
    without a reason — refuses the whole, before any case is touched (as :func:`.followup.supervise_many`)."""
    if action not in BULK_ACTIONS:
        raise Invalid(Messages.O223.format(actions="、".join(BULK_ACTIONS.values())), field="action")
    if action == "return" and not (reason or "").strip():
        raise Invalid(Messages.O214.format(what="退回"))
    if action == "assign":
        _assigned(store, unit)

    def step(pid: int, _) -> None:
        if action == "assign":
            update_case(store, user, pid, {"unit": unit})
        elif action == "accept":
            apply(store, user, pid, "accept")
        else:
            apply(store, user, pid, "review", {"decision": action, "reason": reason})

    return each_case(store, user, ((pid, None) for pid in dict.fromkeys(ids)), step)
