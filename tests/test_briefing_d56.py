"""Directives that carry over (issue 29 item 3, d56): where unseen pages lose directives, measured before any rule
was changed (benchmarks/directive_errors.py).  On the batches as they stood before their rules were written, the
largest stage of errors was the boundary: an order after 要 whose list of actions the rules cut into several, where
every annotated set since the first briefings keeps one order (GUIDELINES.md's known difference).  A piece after a
comma that opens with an action starts a new order only where it is longer than ``action_cut_min_piece`` (15,
directive_rules.json), so the long cuts of the first briefings and of d54 stay (…，主动做好配合中央环保督察的各项准备
工作; …，认真开展突出环境问题排查整治工作)."""

import pytest
from test_briefing_d42c import _rules

from petitionnlp.briefing import extract_briefing


@pytest.mark.parametrize("text, order", [
    ("会议要求，要坚持问题导向，聚焦重点领域，全面排查整治各类环境问题，持续巩固生态环境修复成果。",
     "要坚持问题导向，聚焦重点领域，全面排查整治各类环境问题，持续巩固生态环境修复成果"),
    ("要建立健全长效机制，坚持“当下改”与“长久治”相结合，加强建筑垃圾全链条管理。",
     "要建立健全长效机制，坚持“当下改”与“长久治”相结合，加强建筑垃圾全链条管理"),
    ("要多部门联合，科学制定治理方案，明确整改时限、倒排工期推进，全力做好治理修复。",
     "要多部门联合，科学制定治理方案，明确整改时限、倒排工期推进，全力做好治理修复"),
])
def test_the_list_of_actions_after_one_marker_is_one_order(text, order):
    assert _rules(text) == [order]


def test_the_pipeline_gives_the_list_of_actions_as_one_directive():
    text = "市政府召开会议。会议要求，要多部门联合，科学制定治理方案，明确整改时限、倒排工期推进，全力做好治理修复。"
    actions = [d["action"] for d in extract_briefing(text, "2024-05-06")["directives"]]
    assert actions == ["要多部门联合，科学制定治理方案，明确整改时限、倒排工期推进，全力做好治理修复"]


def test_a_long_action_after_a_comma_still_starts_a_new_order():
    text = "会议要求，要进一步强化政治观念和责任意识，主动做好配合中央环保督察的各项准备工作。"
    assert _rules(text) == ["要进一步强化政治观念和责任意识", "主动做好配合中央环保督察的各项准备工作"]
