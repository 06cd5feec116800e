"""A briefing's header: its issue number (``2017年第15期``, ``(第六期)``), read from the first lines with the
patterns of ``corpora/briefing/header_rules.json`` (its date is :func:`.timex.document_date`)."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from ..resources import corpus_path
from .view import fold_view

__all__ = ["issue_number", "compile_rules", "default_rules_data", "rules"]


def default_rules_data() -> dict:
    """The shipped header patterns, as JSON data."""
    return json.loads(corpus_path("briefing", "header_rules.json").read_text(encoding="utf-8"))


def compile_rules(data: dict) -> dict:
    pd = data.get("page_date") or default_rules_data()["page_date"]  # header rules saved before it take the shipped
    first_year = pd.get("first_year") or default_rules_data()["page_date"]["first_year"]  # (and before first_year)
    date = pd["date"] if "(?P<written>" in pd["date"] else default_rules_data()["page_date"]["date"]  # (and before the
    # group that names a date written with 年月日)
    return {"data": data, "header_chars": int(data.get("header_chars", 400)),
            "issue": [re.compile(p) for p in data["issue"]],
            "page_date": {"tail_lines": int(pd["tail_lines"]), "first_year": re.compile(first_year),
                          "date": re.compile(date),
                          **{k: re.compile(pd[k]) for k in ("signature_prefix", "issuer", "label", "line_rest",
                                                             "not_after", "not_before")}}}


@lru_cache(maxsize=1)
def rules() -> dict:
    return compile_rules(default_rules_data())


def issue_number(text: str, rules_: dict | None = None) -> str | None:
    """The issue the header names, as written there without spaces (``2017年第15期``), or None."""
    r = rules_ if rules_ is not None else rules()
    head = fold_view(text[:r["header_chars"]]).text
    for rx in r["issue"]:
        m = rx.search(head)
        if m:
            return re.sub(r"\s+", "", m.group(0)).strip("()（）")
    return None
