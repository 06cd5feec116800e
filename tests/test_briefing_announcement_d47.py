"""d47 (issue 29 item 3; the unseen briefings' inventions are announcements, GUIDELINES.md: an inspection's entry and
period are no directives): an inspection team announcing its inspection after 拟于/将于 without the word 进驻
(省委第三生态环境保护督察组拟于2021年6月10日至7月10日对我县开展生态环境保护督察) was taken for a directive; a body's own
commitment to inspect (生态环境部将继续开展各类专项督察; 市督查室将对…开展专项督查) names no team and stays one."""

from __future__ import annotations

import pytest

from petitionnlp.briefing import extract_briefing


def _actions(text: str) -> list[str]:
    return [d["action"] for d in extract_briefing(text, date="2021-06-01")["directives"]]


@pytest.mark.parametrize("text", [
    "根据安排,省委第三生态环境保护督察组拟于2021年6月10日至7月10日对我县开展生态环境保护督察。",
    "经批准,自治区第二巡察组将于6月下旬对我市开展专项巡察。"])
def test_a_team_announcing_its_inspection_is_no_directive(text):
    assert _actions(text) == []


@pytest.mark.parametrize("text,action", [
    ("生态环境部将继续开展各类专项督察。", "将继续开展各类专项督察"),
    ("市督查室将对各县整改情况开展专项督查。", "将对各县整改情况开展专项督查"),
    ("中央环保督察组拟于近期进驻我省,各地要认真做好迎检准备。", "要认真做好迎检准备")])
def test_a_body_committing_to_inspect_and_an_order_beside_an_announcement_stay(text, action):
    assert action in _actions(text)
