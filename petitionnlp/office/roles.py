"""What each role may do and see, decided here and only here: the web's role check, the lifecycle's "by" column,
the unit a handler is limited to, and whether a user reads personal information or the redacted text."""

from __future__ import annotations

from .labels import label

__all__ = ["ROLES", "PERMISSIONS", "allowed", "denied", "redacts", "unit_scope", "UNASSIGNED"]

ROLES = ("admin", "editor", "viewer", "unit")
UNASSIGNED = "未分配"  # a case without a unit, as lists and filters name it

# what each role may do (least privilege: a viewer reads redacted petitions and never changes anything)
PERMISSIONS = {
    "read": {"viewer", "editor", "admin"},          # queues (redacted for viewers), statistics, briefings, search
    "see_personal": {"editor", "admin", "unit"},    # petitions' text and rows as written (a unit: its own cases)
    "upload": {"editor", "admin"},                  # batches and briefings
    "briefing_tasks": {"editor", "admin"},          # mark a briefing's standing task: a report day done, or all
    "correct": {"editor", "admin"},                 # types, place; a batch's dates; withdrawing a batch
    "export": {"editor", "admin"},                  # XLSX downloads
    "models": {"admin"},                            # retrain, compare, activate, roll back
    "audit": {"admin"},                             # the audit log; a withdrawn batch's cases by id
    # the case lifecycle; a unit handler (role unit) only ever reaches its own unit's cases (unit_scope)
    "cases": {"viewer", "editor", "admin", "unit"}, # the case list and a case with its report and history
    "report": {"unit", "editor", "admin"},          # report back on a case; accept it (签收)
    "review": {"editor", "admin"},                  # approve a report or return it; reject; reopen
    "assign": {"editor", "admin"},                  # hand a case over to a unit, by hand or in bulk
    "progress": {"editor", "admin"},                # progress figures, the 专报, the 公开表
    # closing the loop: the office follows its cases up; a unit reads its own reminders and callbacks
    "callback": {"editor", "admin"},                # call the complainant back and record the result (回访)
    "supervise": {"editor", "admin"},               # 督办: a case supervised, with a new deadline
    "spotcheck": {"editor", "admin"},               # draw approved cases for re-checking, record each check
    "reminders": {"unit", "editor", "admin"},       # cases due soon, overdue or supervised (a unit: its own)
    "followup": {"viewer", "unit", "editor", "admin"},  # the callback and spot-check lists (redacted for viewers,
                                                        # a unit its own cases only)
    # the province at a glance (issue 28): repeat groups name petitions (a unit: its own cases' groups); the
    # alerts and the map name none, so viewers read them too
    "repeats": {"editor", "admin", "unit"},         # 重复件: repeat groups and their cases
    "alerts": {"viewer", "editor", "admin"},        # 热点预警
    "map": {"viewer", "editor", "admin"},           # 地图
}


def allowed(user: dict | None, action: str) -> bool:
    return bool(user) and user["role"] in PERMISSIONS[action]


def denied(user: dict, what: str = "执行此操作") -> str:
    """The one message of a refusal (403), naming the user's role in Chinese: 查看者无权执行此操作."""
    return f"{label('role', user['role'])}无权{what}"


def redacts(user: dict | None) -> bool:
    """Whether this user reads the redacted text (no name, phone, ID number …) everywhere: the one decision."""
    return not allowed(user, "see_personal")


def unit_scope(user: dict) -> int | None:
    """The unit a user is limited to: its own for a unit handler (−1, nothing, when it has none), None (every
    case) for the office's roles."""
    if user["role"] == "unit":
        return user.get("unit_id") or -1
    return None
