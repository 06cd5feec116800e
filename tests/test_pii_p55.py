"""Helper p55 (session 55): the leaks probe57 and session 54's open list show — a QQ account after Q号 alone, an
extension written ext.316, a second landline written short after a space (0731-84561234 84561235), a compound surname
alone after 由 before a verb of doing (由欧阳负责), a private person after 由 before 处理/担任, a firm's deputy head
named after its head in a list (加油站站长罗建军、副站长刘红梅均称).  Every test but the
guards (marked "guard") fails at 7fe168b."""

import json

import pytest

from petitionnlp.pii import redact_text
from test_office_integrity import _sheet, cases, client, login, table, token, upload  # noqa: F401 — client
from test_pii_p54 import _found


# --- a QQ account after Q号 alone (patterns.jsonl: QQ)

@pytest.mark.parametrize("text, account", [
    ("举报人Q号3141592653，说砖厂晚上偷偷开工。", "3141592653"),
    ("联系人Q号：2876451093", "2876451093"),
    ("加Q号 2876451093 联系", "2876451093"),
])
def test_a_qq_account_after_q_hao_is_hidden(text, account):
    assert _found(text, "账号") == [account]
    assert account not in redact_text(text)[0]


@pytest.mark.parametrize("text", ["该厂Q235钢材堆放在河边。", "IQ号称很高", "第Q号仓库"])
def test_guard_a_q_that_is_no_account_word_stays(text):
    assert _found(text, "账号") == []


# --- an extension written ext. (patterns.jsonl: the landlines)

@pytest.mark.parametrize("text, phone", [
    ("举报人称可拨打其单位电话0731-88862201 ext.316找他本人。", "0731-88862201 ext.316"),
    ("来电人座机0735-2261784 EXT 316", "0735-2261784 EXT 316"),
    ("来电人座机0735-2261784ext316，反映冶炼厂废气。", "0735-2261784ext316"),
])
def test_an_extension_after_ext_is_hidden_with_its_line(text, phone):
    assert _found(text, "电话") == [phone]
    assert "316" not in redact_text(text)[0]


# --- a second landline written short after one with its area code (patterns.jsonl)

@pytest.mark.parametrize("text, phones", [
    ("业主龙志刚（电话：0731-84561234 84561235）反映小区旁搅拌站夜间施工。", ["0731-84561234", "84561235"]),
    ("联系电话：0735-2261784 2261785，反映冶炼厂废气。", ["0735-2261784", "2261785"]),
    # (a third written short, a second written with a dash: review r55, probe57r)
    ("来电人电话0731-84561234 84561235 84561236，反映搅拌站夜间施工。", ["0731-84561234", "84561235", "84561236"]),
    ("业主龙志刚（电话：0731-84561234 8456-1235）反映餐馆油烟扰民。", ["0731-84561234", "8456-1235"]),
])
def test_a_second_landline_written_short_is_hidden(text, phones):
    assert _found(text, "电话") == phones
    redacted = redact_text(text)[0]
    assert not any(p in redacted for p in phones), redacted


@pytest.mark.parametrize("text, phones", [
    ("县生态环境局举报电话：0731-84561234 84561235", []),  # a body's published lines stay
    ("电话0731-84561234 2024年5月反映", ["0731-84561234"]),  # a year after the space is no number
    # (review r55, probe57r: a date written yyyymmdd, a receipt word before the first, a body's three lines)
    ("来电人电话0731-84561234 20240501来电反映搅拌站夜间施工。", ["0731-84561234"]),
    ("案号0731-84561234 20250101，该案已办结。", []),
    ("设备编号0731-84561234 84561235已登记在册。", []),
    ("县生态环境局举报电话：0731-84561234 84561235 84561236", []),
])
def test_guard_a_body_s_second_line_or_a_year_after_a_landline(text, phones):
    assert _found(text, "电话") == phones


# --- a compound surname alone after 由, a person after 由 before 处理/担任 (rules.py, agent_verbs.txt)

@pytest.mark.parametrize("text, name", [
    ("经查，该砂场的日常管理由欧阳负责，他是承包人的外甥。", "欧阳"),
    ("现场由司马看守。", "司马"),
    ("该问题由张德胜处理，他是养殖场的场长。", "张德胜"),
    ("护林员一职由胡秋生担任，他多次发现有人夜里烧山。", "胡秋生"),
])
def test_a_person_after_you_is_hidden(text, name):
    assert _found(text, "姓名") == [name]


@pytest.mark.parametrize("text", [
    "灌区的清淤由欧阳海灌区管理局负责。", "此事由东方负责。", "由百里负责。", "后续整改由县生态环境局处理。",
    "由于雨季来临，进度放缓。", "该职务由镇长担任。",
])
def test_guard_a_body_a_place_or_a_word_after_you_stays(text):
    assert _found(text, "姓名") == []


# --- the deputy of a firm's head named after him in a list, a list's last name before 均称/则说 (rules.py,
# name_follow.txt)

@pytest.mark.parametrize("text, names", [
    ("该加油站站长罗建军、副站长刘红梅均称油气回收设备运行正常。", ["罗建军", "刘红梅"]),
    ("搅拌站站长罗建军、副站长刘红梅称没有夜间施工。", ["罗建军", "刘红梅"]),
    ("废品收购站站长罗建军、副站长刘红梅均称没有焚烧电线。", ["罗建军", "刘红梅"]),
])
def test_a_firm_s_deputy_head_in_a_list_is_hidden(text, names):
    assert _found(text, "姓名") == names


@pytest.mark.parametrize("text", ["县环境监测站站长罗建军、副站长刘红梅均称达标。", "县生态环境局局长刘志明、副局长周建平带队。"])
def test_guard_a_body_s_head_and_deputy_stay(text):
    assert _found(text, "姓名") == []


# --- through the workbench: what a viewer reads of such a petition, on SQLite and PostgreSQL

def test_a_viewer_reads_no_q_hao_no_ext_no_short_second_line_no_compound_surname(client):
    qq, line, second, ext, name = "3141592653", "0731-84561234", "84561235", "ext.316", "欧阳"
    text = (f"衡阳市雁峰区某砂场日常管理由{name}负责，夜间开采噪声扰民，旁边加油站站长罗建军、副站长刘红梅均称听到炮声。举报人Q号{qq}，"
            f"电话：{line} {second}，单位座机0731-88862201 {ext}。")
    viewer_reads_none(client, "R-55", text, (qq, line, second, "88862201", ext, "由欧阳", "刘红梅"))


def viewer_reads_none(client, key, text, secrets, kept=()):
    """Upload one petition; a viewer's API, pages and search and the batch's redacted export show none of
    ``secrets`` and each of ``kept`` (but the lists and the search, whose snippets are cut: review r55)."""
    ed, vi = token(client, "ed"), token(client, "vi")
    got = upload(client, ed, table([[key, "衡阳市雁峰区", "噪声", text]]), handover_date="2024-05-15")
    pid = cases(client, ed)[key]["id"]
    for url in (f"/api/v1/batches/{got['batch_id']}/petitions", "/api/v1/petitions", f"/api/v1/petitions/{pid}",
                "/api/v1/search?q=砂场"):
        r = client.get(url, headers=vi)
        assert r.status_code == 200, (url, r.status_code)
        for secret in secrets:
            assert secret not in r.text, (url, secret)
        for word in kept if "/petitions/" in url else ():
            assert word in r.text, (url, word)
    login(client, "vi")
    for url in ("/cases", f"/cases/{pid}", f"/batches/{got['batch_id']}"):
        r = client.get(url)
        assert r.status_code == 200, url
        for secret in secrets:
            assert secret not in r.text, (url, secret)
    # the batch's public version (脱敏版)
    r = client.get(f"/api/v1/batches/{got['batch_id']}/export.xlsx", params={"redacted": 1}, headers=ed)
    assert r.status_code == 200
    cells = json.dumps(_sheet(r)[1], ensure_ascii=False, default=str)
    for secret in secrets:
        assert secret not in cells, secret
    for word in kept:
        assert word in cells, word
