"""The Chinese names a clerk reads for the office's codes, in one place: the actions of a case's history and of the
audit log, the kinds of their targets (``petition:4`` → 信访件 4), the keys and values of their details, the roles,
the states of batches and jobs, where a hand-over date came from, and the model versions (``shipped`` → 随附模型).

The names are data (``corpora/office/labels.tsv``, one line a code): a new action, target or detail key is one more
line there.  The API keeps the codes for programs and adds the Chinese name beside them (an audit event's
``label``); the pages show the names only.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..dates import chinese_date, chinese_time

__all__ = ["labels", "label", "case_name", "action_label", "target_label", "detail_items", "value_words", "model_label",
           "SHIPPED_MODEL"]

SHIPPED_MODEL = "shipped"  # the stored name of the model the software ships with (no version row)
_HIDDEN = "-"
_TRAINED = re.compile(r"v(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a day as a detail stores it (期限, 交办日期, 起始日期 …)


def case_name(receipt_id: str | None, pid) -> str:
    """How a page, a table or a message names a case to a clerk: its 受理编号, else (a table without one) 信访件 <id>."""
    return receipt_id or f"信访件 {pid}"


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    """``{kind: {code: name}}`` from ``corpora/office/labels.tsv``."""
    from ..resources import corpus_path

    out: dict[str, dict[str, str]] = {}
    with open(corpus_path("office", "labels.tsv"), encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            kind, code, name = line.rstrip("\n").split("\t")[:3]
            out.setdefault(kind, {})[code] = name
    return out


def label(kind: str, code, default: str | None = None) -> str:
    """The name of ``code`` among ``kind``'s (``label("role", "viewer")`` → 查看者); ``default`` (else the code as
    it is) when there is none."""
    if code is None:
        return default if default is not None else ""
    return labels().get(kind, {}).get(str(code), default if default is not None else str(code))


def action_label(action: str, target: str | None = None, detail: dict | None = None) -> str:
    """An action of the history or the audit log in Chinese; an action logged without a target (the 专报 handed out)
    or with a target of one kind may have its own name (``report@-``, ``report@petition``); a case given its first
    unit is 交办 (``assign+first``), one whose unit is taken away 收回 (``assign+none``), else 改派."""
    names = labels().get("action", {})
    kind = (target or "").partition(":")[0] or "-"
    unit = (detail or {}).get("unit_id") if action == "assign" else None
    if isinstance(unit, dict):
        phase = "first" if unit.get("old") is None else "none" if unit.get("new") is None else ""
        if phase and names.get(f"{action}+{phase}"):
            return names[f"{action}+{phase}"]
    return names.get(f"{action}@{kind}") or names.get(action) or action


def target_label(target: str | None) -> str:
    """``petition:4`` → 信访件 4, ``batch:3`` → 批次 3, ``model:v20261201-120000`` → 模型 2026年12月1日 12:00 训练的版本."""
    if not target:
        return ""
    kind, sep, rest = target.partition(":")
    if not sep:
        return target
    if kind == "model":
        rest = model_label(rest)
    return f"{label('target', kind)} {rest}"


def model_label(name: str | None) -> str:
    """A model version as a clerk reads it: the shipped model 随附模型, a trained one by when it was trained
    (``v20261201-120000`` → 2026年12月1日 12:00 训练的版本, the office's time), any other name as it is."""
    if not name or name == SHIPPED_MODEL:
        return label("model", SHIPPED_MODEL)
    m = _TRAINED.fullmatch(name)
    if m:
        try:
            return f"{chinese_time(dt.datetime(*map(int, m.groups())))} 训练的版本"
        except ValueError:  # (a name of that shape that is no time: v20261399-…, as it is)
            pass
    return label("model", name)


def value_words(value, key: str | None = None) -> str:
    """A value of a detail as a person reads it: yes/no, lists joined by 、, empty as —, a role, a format or a hand-over
    source by its name, an old → new pair, a nested detail as its items, a day as a page writes it (2026年11月12日:
    the audit page beside a case's history; the API keeps the stored ISO day)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        if set(value) == {"old", "new"}:
            return f"{value_words(value['old'], key)} → {value_words(value['new'], key)}"
        return "，".join(f"{k}：{v}" for k, v in detail_items(value))
    if isinstance(value, (list, tuple)):
        return "、".join(value_words(v, key) for v in value) or "—"
    if key in ("role", "format", "handover_source", "mark", "via") and isinstance(value, str):
        return label(key, value)
    if key == "rate" and isinstance(value, (int, float)) and 0 <= value <= 1:
        return f"{value * 100:g}%"  # 抽查比例 0.5 is 50%
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return chinese_date(value)
    return str(value)


def detail_items(detail: dict | None) -> list[tuple[str, str]]:
    """The items of an audit or history detail as ``(name, words)`` pairs, in their order; internal numbers (a
    unit's id) left out."""
    if not isinstance(detail, dict):
        return []
    names = labels().get("detail", {})
    return [(names.get(k, k), value_words(v, k)) for k, v in detail.items() if names.get(k) != _HIDDEN]
