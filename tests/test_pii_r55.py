"""Review r55 (session 55, a hostile review of helper p55's change): the neighbours of p55's shapes that still leaked
and the look-alikes p55's change hid (corpora/pii/probe57r.jsonl) — two persons after 由 joined by 和 or 、, a firm's
副站长 after its 站长 with a comma, 和 or 及, a third landline written short or a short second one with a dash, a QQ
account after Q: alone; a date written yyyymmdd after a landline and a space, a case's or a device's second number
after a receipt word.  Every test but the guards fails at 57bb705; so do five of the six cases added to
tests/test_pii_p55.py's tests of a second landline written short (a third, a dashed one; a date, a case's and a
device's number, which p55 hid; a body's three lines stay at both)."""

import pytest

from test_office_integrity import client  # noqa: F401 — client
from test_pii_p54 import _found
from test_pii_p55 import viewer_reads_none


# --- two persons after 由 joined by a list's mark (rules.py: NameRules._agent_item)

@pytest.mark.parametrize("text, names", [
    ("经查，该砂场由张建华和李红梅负责看管，二人均为承包人的亲戚。", ["张建华", "李红梅"]),
    ("现场核实，该养殖场由欧阳和诸葛负责，二人系合伙人。", ["欧阳", "诸葛"]),
    ("据了解，该废品站由欧阳、上官负责日常经营。", ["欧阳", "上官"]),
])
def test_two_persons_after_you_are_hidden(text, names):
    assert _found(text, "姓名") == names


@pytest.mark.parametrize("text", ["此事由县生态环境局和住建局负责。", "由东方和南方负责。", "由市生态环境局负责。"])
def test_guard_bodies_after_you_stay(text):
    assert _found(text, "姓名") == []


# --- a firm's deputy head after a comma, 和 or 及 (deputy_marks.txt, name_follow.txt)

@pytest.mark.parametrize("text", [
    "该加油站站长罗建军，副站长刘红梅均称油气回收设备运行正常。",
    "该加油站站长罗建军和副站长刘红梅均表示不清楚夜间卸油情况。",
    "检查时该加油站站长罗建军及副站长刘红梅均在场。",
])
def test_a_firm_s_deputy_after_a_comma_or_and_is_hidden(text):
    assert _found(text, "姓名") == ["罗建军", "刘红梅"]


def test_guard_a_body_s_head_and_deputy_after_a_comma_stay():
    assert _found("该镇环保站站长罗建军，副站长刘红梅均称已督促整改。", "姓名") == []


# --- landlines written short after the first: a third, a dashed second, and the date, the code and the body's lines
# that stay, are cases of tests/test_pii_p55.py's two tests of a second landline (review r55)


# --- a QQ account after Q: alone (patterns.jsonl)

@pytest.mark.parametrize("text, account", [("举报人Q:3141592653，称砖厂晚上偷偷开工。", "3141592653"),
                                           ("举报人留下Q：2876451093，希望回复。", "2876451093")])
def test_a_qq_account_after_q_colon_is_hidden(text, account):
    assert _found(text, "账号") == [account]


# --- through the workbench: what a viewer reads, on SQLite and PostgreSQL

def test_a_viewer_reads_none_of_r55_s_leaks_and_a_clerk_keeps_the_date(client):
    text = ("衡阳市雁峰区某砂场由张建华和李红梅负责看管，夜间开采噪声扰民；旁边加油站站长罗建军，副站长刘红梅均称听到炮声。"
            "举报人Q:3141592653，电话0731-84561234 84561235 84561236，20240501来电；受理编号0731-22334455 22334456。")
    viewer_reads_none(client, "R-55r", text, ("李红梅", "刘红梅", "3141592653", "84561236"),
                      kept=("20240501", "22334456"))  # the date a clerk reads, the receipt number's second part
