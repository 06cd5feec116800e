"""Helper p54 (session 54), probe56's kinds: personal information the redaction still showed — a caller's two mobiles
written together without a separator, a landline's extension after 内线, a person named after 由 before a verb of
doing (此事由…负责), the head of a firm's station (加油站站长…).  Other people and numbers than probe56's records.
Every test but the guards (marked "guard") fails at bffd3d3."""

import json

import pytest

from petitionnlp.pii import find_pii, redact_text
from test_office_integrity import REPORT, cases, client, login, table, token, upload  # noqa: F401 — client


def _found(text: str, kind: str) -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == kind]


# --- two mobiles written together: each one a number (patterns.jsonl: mobile), never one run shown

@pytest.mark.parametrize("text, first, second", [
    ("举报人电话1592231785113677418802，反映采石场放炮。", "15922317851", "13677418802"),
    ("联系方式：1867312045918974436215", "18673120459", "18974436215"),
    ("请回电1397310026415200783341。", "13973100264", "15200783341"),
])
def test_two_mobiles_written_together_are_two_numbers_hidden(text, first, second):
    assert _found(text, "电话") == [first, second]
    redacted = redact_text(text)[0]
    assert first not in redacted and second not in redacted and "【电话】【电话】" in redacted


@pytest.mark.parametrize("text", [
    "订单号159223178511367741880，已作废。",  # 21 digits: no two mobiles
    "快递单号15922317851136774188029",  # 23 digits
    "受理编号1592231785113677418802",  # the case's number (kept_columns.txt)
])
def test_guard_a_longer_or_a_kept_run_of_digits_is_no_two_mobiles(text):
    assert _found(text, "电话") == []


@pytest.mark.parametrize("text, first, second", [
    # a second number after one written in groups and a space: the guard against a number's inner group let a number
    # start after a space only where seven digits or more stood before it
    ("联系电话：159 2231 7851 136 7741 8802，反映采石场放炮。", "159 2231 7851", "136 7741 8802"),
    ("电话159-2231-7851 136-7741-8802", "159-2231-7851", "136-7741-8802"),
    ("座机0735 2261 7840 0735 2261 7841", "0735 2261 7840", "0735 2261 7841"),
    ("电话159 2231 7851 0735-2261784", "159 2231 7851", "0735-2261784"),
])
def test_a_second_number_after_one_written_in_groups_is_hidden(text, first, second):
    assert _found(text, "电话") == [first, second]


@pytest.mark.parametrize("text, phones", [
    ("6222 0212 1345 6789 012", []), ("9143 0100 1234 5678", []),  # no piece of a longer number in groups
    ("电话0746 8223 561", ["0746 8223 561"]), ("电话138 1234 5678", ["138 1234 5678"]),  # one number, whole
])
def test_guard_a_number_in_groups_is_not_cut_into_phones(text, phones):
    assert _found(text, "电话") == phones


@pytest.mark.parametrize("text, phone", [
    ("来电人的座机0735-2261784内线316，反映冶炼厂废气。", "0735-2261784内线316"),
    ("联系电话0735-2261784分机号316", "0735-2261784分机号316"),
    ("联系电话0735-2261784转分机316", "0735-2261784转分机316"),
])
def test_a_landline_s_extension_is_hidden_with_it(text, phone):
    assert _found(text, "电话") == [phone]


# --- a person named after 由 before a verb of doing (agent_verbs.txt): jieba reads 由 alone, glues it to the
# surname (由何 r, 由张 q, 由林华 nr) or reads the name as a place it does not know

@pytest.mark.parametrize("text, name", [
    ("该砂场由邓国强看守，夜里装船。", "邓国强"),
    ("此事由何秀英负责联系。", "何秀英"),
    ("该鱼塘由张红梅承包，塘里天天投放鸡粪。", "张红梅"),
    ("由林华带路，执法人员找到了暗管。", "林华"),
    ("现场由马建国看管。", "马建国"),
    ("现场由曹志刚负责。", "曹志刚"),
    ("村民由王建国负责看管。", "王建国"),  # after a person's word: the preposition, then the name
])
def test_a_person_after_you_before_a_verb_of_doing_is_hidden(text, name):
    assert _found(text, "姓名") == [name]


@pytest.mark.parametrize("text", [
    "此事由村委会负责联系。", "由县长王建国负责。", "由王某负责联系。", "由李书记带领检查组。", "由常德市负责。",
    "由于设备老化，废水外溢。", "由专人负责看管。", "由万科物业负责。", "由周边群众提供线索。", "由刘家湾村民小组统一承包。",
])
def test_guard_a_body_an_official_or_a_word_after_you_stays(text):
    assert _found(text, "姓名") == []


# --- 由 right after a person's word and before a given name and a verb of doing is the person's surname (由 is one:
# surnames.txt); jieba reads it as the preposition and the given name as a noun

@pytest.mark.parametrize("text, name", [
    ("居民由建军负责看管。", "由建军"),
    ("养殖户由建军看守鱼塘。", "由建军"),
    ("联系人由红梅带路。", "由红梅"),
])
def test_you_as_a_surname_after_a_persons_word_begins_a_name(text, name):
    assert _found(text, "姓名") == [name]


@pytest.mark.parametrize("text", [
    "村民由其负责看管。", "村民由大家负责看管。", "村民由村委会负责联系。", "居民由社区负责安置。",
])
def test_guard_you_after_a_persons_word_before_a_pronoun_or_a_body(text):
    assert _found(text, "姓名") == []


# --- the head of a firm's station is a firm's officer (name_context.txt), a public body's station head a post

@pytest.mark.parametrize("text, name", [
    ("加气站站长邓国强说储罐没有泄漏。", "邓国强"),
    ("搅拌站站长何秀英称夜里没有开工。", "何秀英"),
])
def test_the_head_of_a_firms_station_is_hidden(text, name):
    assert _found(text, "姓名") == [name]


def test_guard_a_bodys_station_head_stays():
    assert _found("镇环保站站长邓国强说会派人去查。", "姓名") == []


# --- through the workbench: what a viewer reads of such a petition, and the editor's callback list

def test_a_viewer_reads_neither_of_two_mobiles_written_together_nor_a_name_after_you(client):
    first, second, name = "15922317851", "13677418802", "邓国强"
    text = f"衡阳市雁峰区某砂场由{name}看守，夜里装船，粉尘刺鼻。举报人电话{first}{second}。"
    ed, vi = token(client, "ed"), token(client, "vi")
    got = upload(client, ed, table([["P-54", "衡阳市雁峰区", "大气", text]]), handover_date="2024-05-15")
    pid = cases(client, ed)["P-54"]["id"]
    for url in (f"/api/v1/batches/{got['batch_id']}/petitions", "/api/v1/petitions", f"/api/v1/petitions/{pid}",
                "/api/v1/search?q=砂场"):
        r = client.get(url, headers=vi)
        assert r.status_code == 200, (url, r.status_code)
        for secret in (first, second, name, first[-6:] + second[:5]):
            assert secret not in r.text, (url, secret)
    viewed = client.get(f"/api/v1/petitions/{pid}", headers=vi).json()["text"]
    assert "由【姓名】看守" in viewed and "举报人电话【电话】【电话】。" in viewed
    login(client, "vi")
    for url in ("/cases", f"/cases/{pid}", f"/batches/{got['batch_id']}"):
        r = client.get(url)
        assert r.status_code == 200 and first not in r.text and second not in r.text and name not in r.text, url
    # the callback list gives the editor the caller's first mobile, a number to dial (not the 22 digits run together)
    hy = token(client, "hy")
    assert client.post(f"/api/v1/petitions/{pid}/report", json=REPORT, headers=hy).status_code == 200
    assert client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"}, headers=ed).status_code == 200
    row = next(c for c in client.get("/api/v1/callbacks", headers=ed).json()["callbacks"] if c["id"] == pid)
    assert row["contact"]["phone"] == first
    assert first not in json.dumps(client.get("/api/v1/callbacks", headers=vi).json(), ensure_ascii=False)
