"""d46 (issue 29 item 3, session 45's leftover): the questions asked at every clause of a briefing about the line or
the sentence around it cost a clause the same on a long line as on a short one.  ``_in_note`` (is the clause inside
an open bracket of its line?) walked back to the line's start for each clause, and ``_in_named_quote`` (is a marker
inside a quotation named as a thing?) walked back up to 200 characters for each marker, so that a page of one long
line cost the square of its length: ``extract_briefing("同时要求执法大队加强监管，" * 2000)`` took about 4.2 s,
``"既要加强，又要" * 2000`` about 2.6 s.  Each is now worked out once per text (the open bracket and the last quotation
mark or sentence end before each position, one pass); the candidates, features and directives are unchanged on every
text of corpora/briefing/gold/*.jsonl and ../shared/corpora/briefings_dev.jsonl (635 texts, compared with the base).

The check compares CPU time, in the same process (best of three, a generous factor), of the questions asked at every
clause of one long line against the same questions on the same clauses cut into short lines or sentences: before
the change the long line took over 100 times as long for ``_in_note`` and over 15 times for ``_in_named_quote``."""

from __future__ import annotations

import time

import pytest

from petitionnlp.briefing import extract_briefing
from petitionnlp.briefing.directives import _in_named_quote, _in_note, rules

N = 3000


def _cpu(f) -> float:
    best = float("inf")
    for _ in range(3):
        t = time.process_time()
        f()
        best = min(best, time.process_time() - t)
    return best


def _ask_every_clause(ask, text: str, unit: str) -> None:
    r = rules()
    for k in range(0, len(text), len(unit)):
        ask(text, k, k + len(unit), r)


@pytest.mark.parametrize("ask,unit,short", [
    (_in_note, "同时要求执法大队加强监管，", "同时要求执法大队加强监管\n"),
    (lambda text, a, b, r: _in_named_quote(text, a + 2, r), "既要加强，又要", "既要加强。又要"),
    (lambda text, a, b, r: _in_named_quote(text, a + 6, r), "既要加强，又要", "既要加强。又要")])
def test_a_question_asked_at_each_clause_costs_the_same_on_a_long_line(ask, unit, short):
    long_line, short_lines = unit * N, short * N
    baseline = _cpu(lambda: _ask_every_clause(ask, short_lines, short))
    assert _cpu(lambda: _ask_every_clause(ask, long_line, unit)) < 5 * baseline + 0.05


def test_a_note_and_a_named_quotation_are_still_read():
    """What the two questions answer is unchanged (the gold sets are compared in full; these are their kinds)."""
    r = rules()
    text = "一、加强监管（责任单位：市生态环境局，各县区政府按职责分工负责）\n二、开展检查"
    a = text.index("各县区")
    assert _in_note(text, a, text.index("）"), r)
    assert not _in_note(text, text.index("二、"), len(text), r)
    quoted = "对上级提出的“要加强监管”理解不深刻。会议强调：“要加强监管”。"
    assert _in_named_quote(quoted, quoted.index("要加强"), r)
    assert not _in_named_quote(quoted, quoted.rindex("要加强"), r)
    ds = extract_briefing(quoted)["directives"]
    assert [d["action"].startswith("要加强监管") for d in ds if "加强监管" in d["action"]] == [True]  # the spoken one
