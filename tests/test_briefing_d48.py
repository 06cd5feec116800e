"""d48 (issue 29 item 3, directives that carry over; the unseen briefings' inventions): kinds of text that are no
directive and were taken for one — a plan's principles under their heading (二、基本原则 / （二）基本原则: GUIDELINES.md,
like the guiding thought), a marker inside a meeting's name (…督促检查工作会议日前召开), an inspection team's entry with
将 (督察组将入驻…), what an act or a meeting aims at (…旨在…，督促其…) and what a thing will be (…将成为…重点).  Orders
beside them stay: a plan's tasks after its principles, an order to hold a meeting, a body's commitment with 将."""

from __future__ import annotations

import pytest

from petitionnlp.briefing import extract_briefing
from petitionnlp.briefing.directives import find_directives
from petitionnlp.briefing.timex import find_time_expressions


def _actions(text: str, rules_only: bool = False) -> list[str]:
    """The actions the extractor gives (the rules and the learned judge), or the rules' alone."""
    if rules_only:
        return [d["action"] for d in find_directives(text, find_time_expressions(text, None))]
    return [d["action"] for d in extract_briefing(text, date="2022-05-01")["directives"]]


PLAN = ("为切实抓好督察整改，结合本县实际，制定本方案。\n"
        "一、指导思想\n"
        "以习近平生态文明思想为指导，坚决扛起生态环境保护政治责任。\n"
        "二、基本原则\n"
        "（一）统筹兼顾，系统整改。坚持督察整改和污染防治攻坚相结合，加快推进反馈问题的整改，采取有力措施逐条逐项整改，"
        "确保全面覆盖、应改尽改。\n"
        "（二）实事求是，科学整改。坚持问题导向与科学治污相结合，统筹考虑整改目标的可达性、整改措施的可行性，"
        "科学制定整改措施，积极稳妥推进整改工作。\n"
        "三、主要任务\n"
        "（一）加强组织领导。各乡镇要落实属地责任，2022年底前完成问题整改。\n")

SUB_PLAN = ("一、总体要求\n"
            "（一）指导思想。以改善环境质量为核心，坚决打好污染防治攻坚战。\n"
            "（二）基本原则\n"
            "——坚持问题导向、全面整改。对照反馈意见，逐一细化整改措施，确保问题不遗不漏。\n"
            "——坚持属地责任与部门监管相结合。各县区对照问题清单逐项制定整改方案，落实整改措施。\n"
            "（三）工作目标。到2023年，反馈问题全部整改到位。\n"
            "二、重点任务\n"
            "（一）开展排查。各县区要于6月底前完成入河排污口排查。\n")


def test_a_plans_principles_under_their_heading_are_no_directives():
    acts = _actions(PLAN)
    assert not any(a.startswith(("坚持", "（一）统筹兼顾", "（二）实事求是")) for a in acts), acts
    assert any("2022年底前完成问题整改" in a for a in acts), acts


def test_principles_under_a_sub_heading_are_no_directives_and_the_tasks_after_them_stay():
    acts = _actions(SUB_PLAN)
    assert not any("坚持" in a or "逐一细化" in a or "逐项制定整改方案" in a for a in acts), acts
    assert any("6月底前完成入河排污口排查" in a for a in acts), acts


def test_a_phrase_that_names_a_principle_inside_a_measure_is_no_heading():
    acts = _actions("三、工作措施\n（三）按照属地管理原则，由各县区政府负责整改落实，2022年6月底前报送整改情况。\n")
    assert any("由各县区政府负责整改落实" in a for a in acts), acts


@pytest.mark.parametrize("text", [
    "市政府督促检查工作会议日前召开。会议通报了上半年重点工作完成情况。",
    "副县长出席全县切实抓好秸秆禁烧推进会并讲话。"])
def test_a_marker_inside_a_meetings_name_is_no_order(text):
    assert _actions(text) == [] and _actions(text, rules_only=True) == []


def test_an_order_to_hold_a_meeting_stays():
    assert any("召开专题会议" in a for a in _actions("会议要求，各乡镇要于本周内召开专题会议研究部署。"))


def test_an_inspection_teams_entry_with_jiang_is_an_announcement():
    text = "我市于6月20日召开环境保护集中督察动员会。督察组将入驻黔安区、开远县等8个区县。"
    assert _actions(text) == [] and _actions(text, rules_only=True) == []


@pytest.mark.parametrize("text", [
    "此次综合督查行动旨在提升各乡镇对环保工作的认识，督促其履职尽责，认真落实整改工作。",
    "县里召开突出环境问题整改会议，目的是认真贯彻落实省督查组的反馈意见，确保整改到位。"])
def test_what_an_act_or_a_meeting_aims_at_is_no_order(text):
    assert _actions(text, rules_only=True) == []


def test_what_a_thing_will_be_is_no_commitment_and_a_bodys_commitment_stays():
    text = "扬尘治理、违规排污等环保问题将成为督查组重点督办内容。市督查室将对整改情况开展专项督查。"
    acts = _actions(text, rules_only=True)
    assert not any("将成为" in a for a in acts), acts
    assert any("将对整改情况开展专项督查" in a for a in acts), acts


def test_an_invitation_to_the_public_is_never_added_by_the_judge():
    text = ("经自治区党委同意，现将整改任务清单向社会公布。各地要逐项对账销号，确保按期完成整改。"
            "同时，欢迎社会各界监督各地整改工作推进情况。")
    acts = _actions(text)
    assert not any("欢迎" in a for a in acts), acts
    assert any("逐项对账销号" in a for a in acts), acts
