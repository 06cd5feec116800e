"""Probe51's kinds through the server (helper p50, session 50): the speaker right after a quotation whom jieba reads
apart (“…。”黄显荣说), a villager whose name jieba reads as a place (村民唐彬山来到…), a donor after 先后 (王建国先后
捐款), a person who answers the press (刘小平接受记者采访时说), a worker named by his trade (学徒工杜传旺) and the
one an appeal helps (爱心助力李剑娇).  At 23d0cfc a viewer and another unit's handler read 黄显荣, 唐彬山, 王建国,
刘小平, 杜传旺 and 李剑娇 in a case's text and a briefing's (the API, the pages, the search hits and snippets):
none of them shows now, and the words around them stay, with the one spoken to (负责人向来访群众解释, hidden as
向来访 at 23d0cfc) and a brand that donates (金龙鱼捐款, hidden at 23d0cfc)."""

import pytest

from test_office_integrity import client, token  # noqa: F401 — client
from test_redaction_r47 import planted_leaks

PROBE51 = ("“以前我们都吃水库的水。”黄显荣说，猪场建成后污水直排水库。村民唐彬山来到督察组驻地反映猪场排污。"
           "王建国先后捐款3000元。刘小平接受记者采访时说，猪场晚上偷排。该猪场负责人向来访群众解释了情况。"
           "金龙鱼捐款100万元用于救灾。学徒工杜传旺在猪场打工。爱心助力李剑娇的行动一下子火了起来。",
           ("黄显荣", "唐彬山", "王建国", "刘小平", "杜传旺", "李剑娇"),
           ("猪场建成后污水直排水库", "来到督察组驻地", "向来访群众解释", "金龙鱼捐款"))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_probe51s_kinds_stay_hidden_from_a_viewer_and_another_unit(client):
    text, secrets, kept = PROBE51
    bid, leaks, read = planted_leaks(client, text, "衡阳市雁峰区某猪场偷排污水。", "猪场排污问题督办", "猪场", secrets)
    assert read >= 4 and not leaks, leaks
    shown = client.get(f"/api/v1/briefings/{bid}", headers=token(client, "vi")).json()["text"]
    assert all(w in shown for w in kept), shown  # the words around stay
