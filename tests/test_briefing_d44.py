"""Directives of news of meetings, plans and inspections, third batch (issue 29 item 3, d44, read on
corpora/briefing/gold/briefings_news3.jsonl after it was reported as it stood): grammar as data in
directive_rules.json (d44_doc) — 要求 governed by 对标/对表 is a noun; after 要求 a frame (对…, 把…, 在…) names no
addressee; a document's verb before its guiding thought (《方案》要求，以…为指导，…) gives no order; the items of a
list of goals (…明确了四方面目标。一是…) are read as goals (the judge's goal_section), as under 一、工作目标."""

import pytest

from petitionnlp.briefing import extract_briefing
from petitionnlp.briefing.directives import find_candidates
from petitionnlp.briefing.timex import find_time_expressions


def _rules(text):
    """The clauses the rules take for directives."""
    return [text[c["start"]:c["end"]] for c in find_candidates(text, find_time_expressions(text, None)) if c["rule"]]


# ------------------------------------------------------------------------------------------------ the rules

@pytest.mark.parametrize("text, whole", [
    ("会议强调，要认真编制工作方案，对标对表上级部署要求，逐项细化措施，确保方案切实可行。",
     "要认真编制工作方案，对标对表上级部署要求，逐项细化措施，确保方案切实可行"),
    ("各乡镇要全面排查问题，对表省委工作要求，抓紧建立整改台账。",
     "要全面排查问题，对表省委工作要求，抓紧建立整改台账"),
])
def test_a_demand_governed_by_对标_or_对表_is_a_noun_and_the_order_stays_whole(text, whole):
    assert _rules(text) == [whole]


@pytest.mark.parametrize("text, addressee, action", [
    ("检查组现场检查后，要求对扬尘治理重点单位进行管控。", None, "对扬尘治理重点单位进行管控"),
    ("检查组现场检查后，要求把整改不到位的企业纳入重点监管名单。", None, "把整改不到位的企业纳入重点监管名单"),
    ("检查组现场检查后，要求施工单位立即停止作业。", "施工单位", "立即停止作业"),
])
def test_after_要求_a_frame_names_no_addressee(text, addressee, action):
    got = [(d["addressee"], d["action"]) for d in extract_briefing(text, "2021-05-10")["directives"]]
    assert got == [(addressee, action)]


@pytest.mark.parametrize("text", [
    "《实施方案》要求，以习近平生态文明思想为指导，全面落实中央决策部署，扎实抓好突出环境问题整改。",
    "《工作方案》明确，以改善生态环境质量为核心，以解决突出问题为导向，切实抓好整改落实。",
])
def test_a_documents_guiding_thought_after_its_verb_is_no_directive(text):
    assert _rules(text) == []


def test_an_order_after_a_documents_verb_stays_one():
    text = "《实施方案》要求，各县区要在6月底前完成整改销号。"
    assert _rules(text) and _rules(text)[0].startswith("要在6月底前完成整改销号")


def _goal_items(text):
    """The clauses that open with an enumerator, with whether the judge reads them as goals."""
    return {text[c["start"]:c["start"] + 2]: bool(c["features"].get("goal_section"))
            for c in find_candidates(text, find_time_expressions(text, None)) if c["features"].get("enum")}


@pytest.mark.parametrize("text", [
    "《行动方案》明确了三方面主要目标。一是空气质量持续改善，优良天数比例稳步提高。二是水环境质量明显好转，"
    "劣V类水体基本消除。三是生态系统稳定性不断增强，到2025年底，森林覆盖率达到50%。",
    "方案提出的工作目标：（一）环境质量持续改善，群众满意度不断提升。（二）突出问题整改到位，长效机制基本建立。",
])
def test_the_items_of_a_list_of_goals_are_read_as_goals(text):
    items = _goal_items(text)
    assert len(items) >= 2 and all(items.values()), items


def test_a_list_of_tasks_after_its_goals_is_no_list_of_goals():
    text = ("方案明确了工作目标。一是空气质量持续改善。\n方案提出三项任务。一是要加强扬尘管控。二是各县区于6月底前完成整改销号。"
            "\n会议提出目标。全年完成治理任务。一是加强督查。")
    goals = [c["features"].get("goal_section") for c in find_candidates(text, find_time_expressions(text, None))
             if c["features"].get("enum")]
    assert goals == [1.0, None, None, None]
