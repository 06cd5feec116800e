"""Directives of news of meetings and inspections (issue 29 item 3, d43): a narrative of what officials did, whose
确保 says what the act was for and whose 督促 ends a piece without its object, holds no order; an order in two parts
(既要…，又要…) stays one — grammar as data in directive_rules.json (narrative_purpose, markers_with_object,
paired_marker_heads)."""

import pytest

from petitionnlp.briefing.directives import find_candidates, rules
from petitionnlp.briefing.timex import find_time_expressions


def _rules(text):
    """The clauses the rules take for directives."""
    return [text[c["start"]:c["end"]] for c in find_candidates(text, find_time_expressions(text, None)) if c["rule"]]


@pytest.mark.parametrize("text", [
    "6月13日，县领导深入现场调度，确保件件有落实。",
    "县委县政府分管领导具体抓、现场督促，确保件件有落实、见成效。",
    "当天，市长带队到企业查看整改情况，确保问题按期整改到位。",
])
def test_a_narrative_of_officials_acts_with_a_purpose_is_no_order(text):
    assert _rules(text) == []


@pytest.mark.parametrize("text, clause", [
    ("会议要求，县领导要深入现场调度，确保件件有落实。", "要深入现场调度"),  # an order with its marker
    ("加强现场调度，确保件件有落实。", "确保件件有落实"),  # a plan's measure: no one narrated
    ("县委书记强调，深入现场调度，确保件件有落实。", "确保件件有落实"),  # under a speaker
    ("各县区加强巡查，确保问题整改到位。", "确保问题整改到位"),  # a body's duty, not a person's act
])
def test_a_purpose_after_an_order_or_a_measure_still_orders(text, clause):
    assert any(clause in c for c in _rules(text))


@pytest.mark.parametrize("text", [
    "局领导带队检查，并现场督促。",
    "分管领导具体抓、现场督促。",
])
def test_a_piece_that_ends_in_the_marker_without_its_object_is_no_order(text):
    assert _rules(text) == []


def test_a_marker_with_its_object_still_orders():
    assert any("督促整改到位" in c for c in _rules("各乡镇要加强巡查，督促整改到位。"))
    assert _rules("督促各地加快整改。")


def test_the_pair_heads_are_data():
    assert "既" in rules()["paired_marker_heads"]
    text = "刘丰雷强调，要严格整改责任单位的整改主体责任，既要协作配合，又要各司其职，实事求是，严格履责。"
    assert len([c for c in _rules(text) if "又要" in c and "既要" in c]) == 1
