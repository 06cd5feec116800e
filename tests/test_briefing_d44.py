"""Directives of news of meetings, plans and inspections, third batch (issue 29 item 3, d44, read on
corpora/briefing/gold/briefings_news3.jsonl after it was reported as it stood): grammar as data in
directive_rules.json (d44_doc) — 要求 governed by 对标/对表 is a noun; after 要求 a frame (对…, 把…, 在…) names no
addressee; a document's verb before its guiding thought (《方案》要求，以…为指导，…) gives no order.  (d44's reading of
the items after …目标。 as goals was taken out by the lead: it lost an order of the held-out briefings_new.)"""

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
