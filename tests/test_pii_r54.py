"""Review r54 (session 54), a hostile reading of p54's change (two mobiles run together, 由X负责, a firm's station head,
extensions): variants of the same shapes it left in the clear — two mobiles with a dash between, three run together, a
mobile glued to a landline; an extension in brackets or after 分机号：, 转内线, 内线号; a name after 由 before a verb of
doing not listed (养殖, 开采) or with an adverb between (具体负责, 一人看守); the head of a farm or a buying station.
Every test but the guards (marked "guard") fails at da459fe (and at bffd3d3)."""

import json

import pytest

from petitionnlp.pii import redact_text
from test_office_integrity import _sheet, cases, client, login, table, token, upload  # noqa: F401 — client
from test_pii_p54 import _found


# --- two numbers written together: each hidden, whatever stands between

@pytest.mark.parametrize("text, numbers", [
    ("举报人电话15922317851-13677418802，反映采石场放炮。", ["15922317851", "13677418802"]),
    ("联系方式：18673120459—18974436215", ["18673120459", "18974436215"]),
    ("电话159223178511367741880213973100264", ["15922317851", "13677418802", "13973100264"]),
    ("举报人电话159223178510735-2261784，反映采石场放炮。", ["15922317851", "0735-2261784"]),
    ("举报人电话0735-226178415922317851", ["0735-2261784", "15922317851"]),
    ("举报人电话+86159223178518613677418802", ["+8615922317851", "8613677418802"]),
    ("举报人电话861592231785113677418802", ["8615922317851", "13677418802"]),
    ("举报人电话159-2231-7851-136-7741-8802", ["159-2231-7851", "136-7741-8802"]),
    ("举报人电话0735-2261784-15922317851", ["0735-2261784", "15922317851"]),
    ("举报人电话15922317851-0735-2261784", ["15922317851", "0735-2261784"]),
])
def test_two_numbers_written_together_are_each_hidden(text, numbers):
    assert _found(text, "电话") == numbers
    redacted = redact_text(text)[0]
    assert not any(n in redacted for n in numbers), redacted


@pytest.mark.parametrize("text, phones", [
    ("订单号15922317851-13677418802", []),  # a kept number (kept_columns.txt)
    ("订单号861592231785113677418802", []),
    ("电话138-1234-5678", ["138-1234-5678"]),  # one number in groups
    ("6222 0212 1345 6789 012", []),
])
def test_guard_a_kept_number_or_one_in_groups_is_no_two(text, phones):
    assert _found(text, "电话") == phones


# --- a landline's extension written otherwise than p54's: hidden with it

@pytest.mark.parametrize("text, phone", [
    ("来电人座机0735-2261784（分机316），反映冶炼厂废气。", "0735-2261784（分机316）"),
    ("来电人座机0735-2261784(分机316)", "0735-2261784(分机316)"),
    ("来电人座机0735-2261784 分机号：316", "0735-2261784 分机号：316"),
    ("来电人座机0735-2261784转内线316", "0735-2261784转内线316"),
    ("来电人座机0735-2261784内线号316", "0735-2261784内线号316"),
    ("来电人座机0735-2261784转分机号316", "0735-2261784转分机号316"),
    ("来电人座机+86-735-2261784 分机316", "+86-735-2261784 分机316"),
])
def test_an_extension_written_otherwise_is_hidden_with_its_line(text, phone):
    assert _found(text, "电话") == [phone]
    assert "316" not in redact_text(text)[0]


# --- a name after 由 before a verb of doing not in p54's list, or with an adverb between (agent_verbs.txt,
# agent_adverbs.txt)

@pytest.mark.parametrize("text, name", [
    ("该鱼塘由陈志刚养殖，塘里天天投放鸡粪。", "陈志刚"),
    ("该砂场由邓国强开采。", "邓国强"),
    ("该厂由邓国强实际控制。", "邓国强"),
    ("现场由邓国强一人看守。", "邓国强"),
    ("该砂场由邓国强具体负责。", "邓国强"),
    ("该养猪场由邓国强个人经营。", "邓国强"),
    ("该厂由邓国强出面租地。", "邓国强"),
    ("养殖户由建军养殖了三百头猪。", "由建军"),
])
def test_a_person_after_you_before_another_verb_of_doing_is_hidden(text, name):
    assert _found(text, "姓名") == [name]


@pytest.mark.parametrize("text", [
    "由县长王建国具体负责。", "此事由村委会具体负责。", "由专人一人看守。", "该厂由县里实际控制。", "由周边群众出面。",
])
def test_guard_a_body_or_an_official_after_you_stays(text):
    assert _found(text, "姓名") == []


# --- the head of a private farm or buying station is a firm's officer (name_context.txt)

@pytest.mark.parametrize("text, name", [
    ("养殖场场长邓国强称粪污已经处理。", "邓国强"),
    ("养猪场场长邓国强称粪污已经处理。", "邓国强"),
    ("废品收购站站长邓国强称没有焚烧电线。", "邓国强"),
    ("律师事务所所长邓国强说", "邓国强"),
])
def test_the_head_of_a_farm_or_a_private_station_is_hidden(text, name):
    assert _found(text, "姓名") == [name]


@pytest.mark.parametrize("text", ["派出所所长邓国强说", "镇农技站站长邓国强说", "监测站站长邓国强说"])
def test_guard_a_bodys_head_stays(text):
    assert _found(text, "姓名") == []


# --- through the workbench: what a viewer reads of such a petition

def test_a_viewer_reads_neither_a_mobile_glued_to_a_landline_nor_an_extension_nor_a_farm_s_head(client):
    mobile, line, ext, name = "15922317851", "0735-2261784", "0735-2271784（分机316）", "邓国强"
    text = f"衡阳市雁峰区某养猪场由{name}具体负责，粪水直排。举报人电话{mobile}{line}，单位座机{ext}。"
    ed, vi = token(client, "ed"), token(client, "vi")
    got = upload(client, ed, table([["R-54", "衡阳市雁峰区", "水", text]]), handover_date="2024-05-15")
    pid = cases(client, ed)["R-54"]["id"]
    for url in (f"/api/v1/batches/{got['batch_id']}/petitions", "/api/v1/petitions", f"/api/v1/petitions/{pid}",
                "/api/v1/search?q=养猪场"):
        r = client.get(url, headers=vi)
        assert r.status_code == 200, (url, r.status_code)
        for secret in (mobile, line, "2261784", "2271784", "分机316", name):
            assert secret not in r.text, (url, secret)
    login(client, "vi")
    for url in ("/cases", f"/cases/{pid}", f"/batches/{got['batch_id']}"):
        r = client.get(url)
        assert r.status_code == 200, url
        for secret in (mobile, "2261784", "分机316", name):
            assert secret not in r.text, (url, secret)
    # the batch's public version (脱敏版)
    r = client.get(f"/api/v1/batches/{got['batch_id']}/export.xlsx", params={"redacted": 1}, headers=ed)
    assert r.status_code == 200
    cells = json.dumps(_sheet(r)[1], ensure_ascii=False, default=str)
    for secret in (mobile, line, "2261784", "2271784", "分机316", name):
        assert secret not in cells, secret
