"""Review r55 (session 55, a hostile review of helper p55's change): the neighbours of p55's shapes that still leaked
and the look-alikes p55's change hid (corpora/pii/probe57r.jsonl) — two persons after 由 joined by 和 or 、, a firm's
副站长 after its 站长 with a comma, 和 or 及, a third landline written short or a short second one with a dash, a QQ
account after Q: alone; a date written yyyymmdd after a landline and a space, a case's or a device's second number
after a receipt word.  Every test fails at 57bb705 (the guards marked "guard" included where p55 hid a look-alike)."""

import json

import pytest

from petitionnlp.pii import redact_text
from test_office_integrity import _sheet, cases, client, login, table, token, upload  # noqa: F401 — client
from test_pii_p54 import _found


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


# --- landlines written short after the first (patterns.jsonl)

@pytest.mark.parametrize("text, phones", [
    ("来电人电话0731-84561234 84561235 84561236，反映搅拌站夜间施工。", ["0731-84561234", "84561235", "84561236"]),
    ("业主龙志刚（电话：0731-84561234 8456-1235）反映餐馆油烟扰民。", ["0731-84561234", "8456-1235"]),
])
def test_a_third_or_dashed_short_landline_is_hidden(text, phones):
    assert _found(text, "电话") == phones
    redacted = redact_text(text)[0]
    assert not any(p in redacted for p in phones), redacted


@pytest.mark.parametrize("text, phones", [
    ("来电人电话0731-84561234 20240501来电反映搅拌站夜间施工。", ["0731-84561234"]),  # a date, not a line
    ("案号0731-84561234 20250101，该案已办结。", []),
    ("设备编号0731-84561234 84561235已登记在册。", []),  # a receipt word keeps the run's second number too
    ("县生态环境局举报电话：0731-84561234 84561235 84561236", []),  # a body's three lines
])
def test_guard_a_date_a_code_or_a_body_s_lines_after_a_landline(text, phones):
    assert _found(text, "电话") == phones


# --- a QQ account after Q: alone (patterns.jsonl)

@pytest.mark.parametrize("text, account", [("举报人Q:3141592653，称砖厂晚上偷偷开工。", "3141592653"),
                                           ("举报人留下Q：2876451093，希望回复。", "2876451093")])
def test_a_qq_account_after_q_colon_is_hidden(text, account):
    assert _found(text, "账号") == [account]


# --- through the workbench: what a viewer reads, on SQLite and PostgreSQL

def test_a_viewer_reads_none_of_r55_s_leaks_and_a_clerk_keeps_the_date(client):
    text = ("衡阳市雁峰区某砂场由张建华和李红梅负责看管，夜间开采噪声扰民；旁边加油站站长罗建军，副站长刘红梅均称听到炮声。"
            "举报人Q:3141592653，电话0731-84561234 84561235 84561236，20240501来电；受理编号0731-22334455 22334456。")
    ed, vi = token(client, "ed"), token(client, "vi")
    got = upload(client, ed, table([["R-55r", "衡阳市雁峰区", "噪声", text]]), handover_date="2024-05-15")
    pid = cases(client, ed)["R-55r"]["id"]
    secrets = ("李红梅", "刘红梅", "3141592653", "84561236")
    kept = ("20240501", "22334456")  # the date a clerk reads and the receipt number's second part
    for url in (f"/api/v1/batches/{got['batch_id']}/petitions", f"/api/v1/petitions/{pid}", "/api/v1/search?q=砂场"):
        r = client.get(url, headers=vi)
        assert r.status_code == 200, (url, r.status_code)
        for secret in secrets:
            assert secret not in r.text, (url, secret)
        for word in kept if "search" not in url else ():  # (the search's snippet is cut before them)
            assert word in r.text, (url, word)
    login(client, "vi")
    for url in (f"/cases/{pid}", f"/batches/{got['batch_id']}"):
        r = client.get(url)
        assert r.status_code == 200, url
        for secret in secrets:
            assert secret not in r.text, (url, secret)
    r = client.get(f"/api/v1/batches/{got['batch_id']}/export.xlsx", params={"redacted": 1}, headers=ed)
    assert r.status_code == 200
    cells = json.dumps(_sheet(r)[1], ensure_ascii=False, default=str)
    for secret in secrets:
        assert secret not in cells, secret
    for word in kept:
        assert word in cells, word
