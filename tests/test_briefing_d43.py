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
    """d45: the pair heads are empty — 既要…，又要… are two orders, as the later sets annotate them (a head in the
    data keeps them one)."""
    assert rules()["paired_marker_heads"] == []
    text = "刘丰雷强调，要严格整改责任单位的整改主体责任，既要协作配合，又要各司其职，实事求是，严格履责。"
    assert len([c for c in _rules(text) if "又要" in c and "既要" in c]) == 0
    assert any(c.startswith("又要各司其职") or c.startswith("要各司其职") for c in _rules(text))


@pytest.mark.parametrize("text", [
    "环境保护督察工作是一项时间要求非常严格的政治任务。",
    "环保督察的工作要求与时间节点已经明确。",
    "部分乡镇对督察组要求提供的相关资料没有引起高度重视。",
])
def test_a_requirement_named_as_a_thing_is_no_order(text):
    assert _rules(text) == []


@pytest.mark.parametrize("text, clause", [
    ("督察组要求及时整改到位。", "及时整改到位"),
    ("对发现的问题，督察组要求立即整改。", "立即整改"),
    ("县环保局要求和平村立即清理垃圾。", "立即清理垃圾"),
])
def test_an_order_with_its_demand_still_orders(text, clause):
    assert any(clause in c for c in _rules(text))


def test_an_item_that_names_its_addressees_keeps_its_object_phrase_and_order():
    text = "二、几点要求 1.市直相关部门、各乡镇，对以上各项工作，要主动认领，尽快开展相关工作。"
    got = _rules(text)
    assert not any(c.rstrip("，,") in ("1.市直相关部门、各乡镇",) for c in got)
    assert any("要主动认领" in c and "市直相关部门" in c for c in got)


def test_a_second_subject_listed_with_a_pause_mark_starts_its_own_order():
    text = "会议强调，要加快推进污水管网建设和雨污分流改造，部门、乡镇之间要建立健全沟通协调机制，形成齐抓共管的良好局面。"
    got = _rules(text)
    assert any(c.startswith("要加快推进污水管网建设") and "要建立" not in c for c in got)
    assert any(c.startswith("要建立健全沟通协调机制") for c in got)


@pytest.mark.parametrize("text, clause", [
    ("李干杰表示，将继续开展各类专项督察。计划在京津冀及周边地区开展专项督察。", "计划在京津冀及周边地区开展专项督察"),
    ("生态环境部准备用三年时间，开展新一轮中央生态环保督察。", "准备用三年时间"),
])
def test_a_body_s_plan_after_jihua_or_zhunbei_is_a_commitment(text, clause):
    assert any(clause in c for c in _rules(text))


@pytest.mark.parametrize("text", [
    "当年计划退出村的指标已经下达。",
    "三年行动计划于去年印发。",
    "各乡镇已做好迎检准备工作。",
])
def test_a_plan_named_as_a_thing_is_no_commitment(text):
    assert _rules(text) == []


@pytest.mark.parametrize("text", [
    "接下来，各督察组将开展下沉督察，重点对工业园、畜禽养殖等领域进行现场检查。",
    "进驻以来，各督察组还将开展下沉督察，直奔基层一线、问题现场。",
])
def test_what_an_inspection_s_teams_will_do_at_its_next_stage_is_an_announcement(text):
    assert _rules(text) == []


def test_a_body_s_commitment_beside_an_inspection_still_orders():
    text = "各督察组将把推动解决群众反映突出的生态环境问题作为重中之重，及时转办督办。"
    assert _rules(text)
