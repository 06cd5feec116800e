"""Probe50's kinds through the server (helper p49, session 49): a donation appeal's card after a verb of sending money
to it (捐款请汇至6222…), the last name of a list before a verb (秦立华、曹永利、欧永辉负责…), a volunteer (志愿者魏玲玲),
the speaker right after a quoted speech (“…。”龙春花说) and the sick person a donation is for (为姜贺春捐款).  At
ac90aa2 a viewer and another unit's handler read the card, 欧永辉, 魏玲玲, 龙春花 and 姜贺春 in a case's text and a
briefing's (the API, the pages, the search hits and snippets): none of them shows now.  Review r49 adds their near
forms (a card after 转帐至, the last name after 和, 通江男子刘德胜, "…。"龙春花说 with a straight quote,
严月琴向本报记者…, 村民李明和县长王建国: 李明), read by the same users at cb67881."""

import pytest

from test_office_integrity import client, token  # noqa: F401 — client
from test_redaction_r47 import planted_leaks

CARD = "6222021903001234560"
PROBE50 = (f"捐款请汇至{CARD}，谢谢大家。秦立华、曹永利、欧永辉负责运输废渣。周日上午志愿者魏玲玲带着儿子来到河边。"
           "“河水太臭了。”龙春花说，晚上不敢开窗。已接到为姜贺春捐款12700余元。",
           (CARD, "欧永辉", "魏玲玲", "龙春花", "姜贺春"), ("负责运输废渣", "志愿者【姓名】"))
NEAR = (f"爱心捐款请转帐至{CARD}，谢谢大家。秦立华、曹永利和欧永辉负责运输废渣。通江男子刘德胜来到河边。"
        "\"河水太臭了。\"龙春花说，晚上不敢开窗。严月琴向本报记者介绍，废渣堆了半年。村民李明和县长王建国交谈。",
        (CARD, "欧永辉", "刘德胜", "龙春花", "严月琴", "李明"),
        ("负责运输废渣", "通江男子【姓名】", "向本报记者介绍", "和县长王建国交谈"))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("text, secrets, kept", [PROBE50, NEAR], ids=["probe50", "near_forms_r49"])
def test_probe50s_kinds_stay_hidden_from_a_viewer_and_another_unit(client, text, secrets, kept):
    bid, leaks, read = planted_leaks(client, text, "衡阳市雁峰区某河道倾倒废渣。", "倾倒废渣问题督办", "废渣", secrets)
    assert read >= 4 and not leaks, leaks
    shown = client.get(f"/api/v1/briefings/{bid}", headers=token(client, "vi")).json()["text"]
    assert all(w in shown for w in kept)  # the words around stay
