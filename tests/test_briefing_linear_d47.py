"""d47 (issue 29 item 3, session 46's leftover): the judge's questions about the sections of a plan — does a clause
stand under a heading of tasks (``_in_task_section``), of goals (``_in_goal_section``), under one that reports what
was done (``_carry_features``' ``report_section``)? — read every top-level heading (一、…) and goal sub-heading
(（二）…) from the text's start for each clause, so that a long plan cost the square of its length.  The headings are
now found once a text and the last one before a clause by bisection; the candidates, features and directives are
unchanged on every text of corpora/briefing/gold/*.jsonl and ../shared/corpora/briefings_dev.jsonl.

The check compares CPU time, in the same process (best of three, a generous factor), of the questions asked at each
clause of one long text of many headings against the same questions on the same clauses as texts of their own:
before the change the long text took well over a hundred times as long."""

from __future__ import annotations

import pytest
from test_briefing_linear_d46 import _ask_every_clause, _cpu

from petitionnlp.briefing.directives import _carry_features, _in_goal_section, _in_task_section, rules

N = 2000


def _ask_each_alone(ask, unit: str) -> None:
    r = rules()
    for k in range(N):
        ask(unit, 0, len(unit) - 1, r)


@pytest.mark.parametrize("ask,unit", [
    (lambda text, a, b, r: _in_task_section(text, a + 3, r), "三、主要任务\n（一）加强监管。\n"),
    (lambda text, a, b, r: _in_goal_section(text, a + 3, r), "一、工作目标\n（二）目标指标。\n"),
    (lambda text, a, b, r: _carry_features(text, a + 7, b, r, None, None), "二、主要做法和成效\n（一）加强监管。\n")])
def test_a_question_about_sections_costs_the_same_on_a_long_plan(ask, unit):
    baseline = _cpu(lambda: _ask_each_alone(ask, unit))
    assert _cpu(lambda: _ask_every_clause(ask, unit * N, unit)) < 5 * baseline + 0.05


def test_the_sections_are_still_read():
    """What the three questions answer is unchanged (the gold sets are compared in full; these are their kinds)."""
    r = rules()
    plan = ("一、工作目标\n到2020年，水质达到Ⅲ类。\n（二）目标指标。经过三年努力，基本消除黑臭水体。\n（三）工作要求。各县区要加强监管。\n"
            "二、重点任务\n以源头治理为统领，实施截污纳管。\n三、主要做法和成效\n一是加强监管。")
    assert _in_goal_section(plan, plan.index("到2020年"), r)
    assert _in_goal_section(plan, plan.index("经过三年"), r)
    assert not _in_goal_section(plan, plan.index("各县区"), r)  # a sub-heading that names no goal closes it
    assert not _in_goal_section(plan, plan.index("以源头"), r)
    assert _in_task_section(plan, plan.index("以源头"), r)
    assert not _in_task_section(plan, plan.index("到2020年"), r)
    assert not _in_task_section("以源头治理为统领", 0, r)
    a = plan.index("一是")
    assert _carry_features(plan, a, len(plan), r, None, None).get("report_section") == 1.0
    assert "report_section" not in _carry_features(plan, plan.index("以源头"), plan.index("三、"), r, None, None)


def test_the_counts_the_judge_reads_are_data():
    """d47: the units of a count (``statistic`` in directive_rules.json; was a pattern in the code) are read from the
    data: a unit added there is counted, and the shipped units count as before."""
    from petitionnlp.briefing.directives import compile_rules, default_rules_data
    data = default_rules_data()
    data["statistic"] = dict(data["statistic"], units=list(data["statistic"]["units"]) + ["辆"])
    assert compile_rules(data)["_statistic"].findall("查扣渣土车12辆") == ["12辆"]
    shipped = rules()["_statistic"]
    assert shipped.findall("查扣渣土车12辆") == []
    assert shipped.findall("已办结7件、阶段性办结17件，罚款251542.71元，问责2人，整改率85%，300余家") == [
        "7件", "17件", "251542.71元", "2人", "85%", "300余家"]
