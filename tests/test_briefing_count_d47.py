"""d47 (issue 29 item 3; d46b's leftover, GUIDELINES.md: statistics are no directives): a marker inside a count —
the words of an order made a noun by 的 and counted (《整改方案》中要求立行立改的有13项, 其中需要限期整改的问题有5个) —
says how many things were required, not what anyone is to do.  Before d47 each such piece was taken for a directive
(要求立行立改的有8项, 要求限期整改的有24项).  A count before a noun (对要求限期完成的5项任务，…将加强督办), a count
without 的 (要确保完成整改任务32项) and an order beside a count keep their directives."""

from __future__ import annotations

import pytest

from petitionnlp.briefing import extract_briefing


def _actions(text: str) -> list[str]:
    return [d["action"] for d in extract_briefing(text, date="2020-05-01")["directives"]]


@pytest.mark.parametrize("text", [
    "督察反馈问题共32项,其中要求立行立改的有8项,要求限期整改的有24项。",
    "其中需要限期整改的问题有5个。",
    "交办的问题中,要求立即整改的有10件,限期整改的有6件。",
    "反馈问题中要求2018年底前完成的有9项。",
    "《整改方案》中要求立行立改(在2019年12月底前完成)的有13项,应在2019年限期完成的有26项。"])
def test_a_count_of_what_was_required_is_no_directive(text):
    assert _actions(text) == []


@pytest.mark.parametrize("text,action", [
    ("对要求限期完成的5项任务,市督查室将加强督办。", "对要求限期完成的5项任务,市督查室将加强督办"),
    ("会议要求,各县要确保完成整改任务32项。", "要确保完成整改任务32项"),
    ("要求限期整改的有6件,各县要于6月底前全部完成。", "要于6月底前全部完成"),
])
def test_an_order_beside_a_count_stays(text, action):
    assert action in _actions(text)
