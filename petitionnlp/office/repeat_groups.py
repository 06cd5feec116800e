"""Repeat groups in the office: the petitions that are the same complaint, across batches and time (CONTRACT.md
"Repeats, hotspots and the map").  Each stored case's group is decided when its batch is stored (the batch job,
on whichever worker runs it) by the pipeline's one near-duplicate search, :class:`petitionnlp.repeats.RepeatIndex`.

Every process keeps a copy of the groups (:class:`RepeatGroups`, one per :class:`~.workbench.Workbench`): built
once from the groups stored in the database (``RepeatIndex.extend``: no search), then, at the start of each run,
brought up to date from the rows that other processes' runs placed or released since.  A run
(:meth:`RepeatGroups.run`) holds the store's repeat lock (a PostgreSQL advisory lock, SQLite's write lock) from
reading those rows to writing its own groups (:meth:`.store.Store.group_repeats`), so two workers storing batches
at once cannot split one complaint into two groups or lose an assignment: the second waits, then groups against
the first's.  Cases not grouped yet (stored before this feature, or by a run that failed) are grouped by the next
run, oldest first.  A withdrawn batch's cases leave their groups in the withdrawal's own transaction.

A group's id is the id of its first case, kept when that case leaves; a case alone has no group
(``repeat_group`` null, ``repeat_count`` 1).
"""

from __future__ import annotations

import threading
from collections import Counter
from contextlib import contextmanager

from ..repeats import RepeatIndex
from ..taxonomy import TYPES
from .errors import Messages, NotFound
from .places import region_path
from .roles import unit_scope

__all__ = ["RepeatGroups", "repeat_fields", "list_groups", "group_cases", "group_summary", "MANY"]

MANY = 3  # a complaint reported this many times or more is named in the 专报 (多次重复举报)


def _record(row: dict) -> dict:
    """A stored case as the repeat index reads it."""
    return {"id": str(row["id"]), "text": row["text"], "province": row["province"], "city": row["city"],
            "county": row["county"], "pollution_types": row["pollution_types"], "receipt": row["receipt_id"]}


def repeat_fields(p: dict) -> dict:
    """``repeat_group`` (null for a case alone, or not a case any more) and ``repeat_count`` of a stored case."""
    count = p.get("repeat_count") or 1
    alone = count < 2 or p.get("withdrawn") or p.get("repeat_group") is None
    return {"repeat_group": None if alone else p["repeat_group"], "repeat_count": 1 if alone else count}


class RepeatGroups:
    """This process's copy of the repeat groups and the grouping run (see the module's note)."""

    def __init__(self):
        self.index: RepeatIndex | None = None
        self.known_run = 0
        self._lock = threading.Lock()  # one run at a time in this process (the copy is not thread-safe)

    def _build(self, store) -> None:
        index = RepeatIndex()
        known = store.repeat_run()
        for rows in store.grouped_petitions(known):
            index.extend([_record(r) for r in rows], [str(r["repeat_group"]) for r in rows])
        self.index, self.known_run = index, known

    def _catch_up(self, changed: list[dict]) -> None:
        """The rows other runs placed or released since this copy's run."""
        self.index.discard(r["id"] for r in changed if r["withdrawn"] or r["error"])
        new = [r for r in changed if not (r["withdrawn"] or r["error"]) and r["repeat_group"] is not None
               and str(r["id"]) not in self.index]
        self.index.extend([_record(r) for r in new], [str(r["repeat_group"]) for r in new])

    def _decider(self, got: dict):
        def decide(changed: list[dict], pending: list[dict]) -> dict:
            self._catch_up(changed)
            placed = {}
            threshold = self.index.threshold
            for r, m in zip(pending, self.index.add_matches(_record(r) for r in pending)):
                joined = m.nearest is not None and m.score >= threshold
                placed[r["id"]] = (int(m.group), m.nearest if joined else None, m.score if joined else None)
                got["repeats"] = got.get("repeats", 0) + joined
            got["grouped"] = got.get("grouped", 0) + len(placed)
            return placed
        return decide

    def run(self, store) -> dict:
        """Group every case not grouped yet, in a transaction of its own (cases a failed intake left
        ungrouped, or stored before groups were kept); ``{"grouped": n, "repeats": n joining a group, "run"}``."""
        with self._lock:
            if self.index is None:
                self._build(store)  # the long part (a province's history), before the lock is taken
            got = {"grouped": 0, "repeats": 0}
            try:
                run, _ = store.group_repeats(self.known_run, self._decider(got))
            except BaseException:
                self.index = None  # it may hold what was not written: rebuilt at the next run
                raise
            self.known_run = run
            return {**got, "run": run}

    @contextmanager
    def at_intake(self, store):
        """``with groups.at_intake(store) as group: store.add_chunk(..., group=group)``: a chunk's cases placed
        in their groups in the transaction that stores them (this copy's lock held throughout, taken before the
        database's, as :meth:`run` takes them).  Should the transaction fail, the copy is rebuilt at next use."""
        with self._lock:
            if self.index is None:
                self._build(store)
            used, result = [], {}

            def group(s) -> None:
                used.append(True)
                result["run"] = store.group_repeats_in(s, self.known_run, self._decider(result))[0]

            try:
                yield group
            except BaseException:
                if used:
                    self.index = None
                raise
            if "run" in result:
                self.known_run = result["run"]

    def forget(self) -> None:
        with self._lock:
            self.index = None


# ------------------------------------------------------------------------------------------ reading groups

def _place(members: list[dict]) -> str | None:
    """A group's place: the most specific place its cases name, the most common of those."""
    paths = Counter(region_path(m) for m in members if m.get("province") or m.get("city"))
    if not paths:
        return None
    return max(paths, key=lambda p: (p.count("/"), paths[p]))


def group_summary(group: int, members: list[dict], shown: list[dict] | None = None) -> dict:
    """``{"group", "petitions", "count", "first", "last", "place", "types"}`` of a group's cases (oldest first);
    ``shown``: the cases the reader may list (a unit's own), when not all of them."""
    dates = [m["handover_date"] for m in members if m.get("handover_date")]
    types = {t for m in members for t in (m.get("pollution_types") or ())}
    return {"group": group, "petitions": [m["id"] for m in (members if shown is None else shown)],
            "count": len(members), "first": min(dates) if dates else None, "last": max(dates) if dates else None,
            "place": _place(members), "types": [t for t in TYPES if t in types]}


def list_groups(store, user: dict, date_from: str | None = None, date_to: str | None = None,
                min_count: int = 2) -> list[dict]:
    """The repeat groups of which a case was handed over in the period, largest first, each with all its cases
    (a unit: the groups of its own cases, listing those only; ``count`` is the whole group's)."""
    scope = unit_scope(user)
    rows = store.petitions(cases=True, date_from=date_from, date_to=date_to, unit_id=scope)
    groups = {r["repeat_group"] for r in rows if r["repeat_group"] is not None and (r["repeat_count"] or 0) >= min_count}
    members: dict[int, list[dict]] = {}
    for m in store.repeat_members(groups):
        members.setdefault(m["repeat_group"], []).append(m)
    out = []
    for g, ms in members.items():
        if len(ms) < min_count:
            continue
        shown = None if scope is None else [m for m in ms if m["unit_id"] == scope]
        summary = group_summary(g, ms, shown)
        summary["in_period"] = sum(1 for m in ms if (not date_from or (m["handover_date"] or "") >= date_from)
                                   and (not date_to or (m["handover_date"] or "") <= date_to))
        out.append(summary)
    out.sort(key=lambda s: s["group"])
    out.sort(key=lambda s: s["last"] or "", reverse=True)
    out.sort(key=lambda s: s["count"], reverse=True)  # largest first, then the latest, then the oldest group
    return out


def group_cases(store, user: dict, group: int) -> tuple[dict, list[dict]]:
    """(a group's summary, the cases of it this user may read, oldest hand-over first); not found when the group
    has fewer than two cases or none the user may read."""
    members = store.repeat_members([group])
    scope = unit_scope(user)
    shown = members if scope is None else [m for m in members if m["unit_id"] == scope]
    if len(members) < 2 or not shown:
        raise NotFound(Messages.O180)
    return group_summary(group, members, None if scope is None else shown), shown
