"""Closing the loop (issue 27; CONTRACT.md "Closing the loop"), on SQLite and PostgreSQL: 不受理 with its kind and the
case it repeats, reopening in rounds, 回访 and 满意度 (不满意 reopens in the same step), 督办 and the reminders of
deadlines, 抽查复核 drawn by a recorded seed (a failed check reopens), the units' ranking, the figures of 进度 and the
专报, every new path read by a viewer and by another unit with a planted person, and the schema migrated from 0004
with its rows."""

import datetime as dt
import io
import re

import pytest

from petitionnlp.dates import chinese_date
from petitionnlp.office.clock import office_today
from test_office_integrity import REPORT, agree, cases, client, login, table, token, upload  # noqa: F401 — client
from test_web_lifecycle import PLANTED, _clean

LATER = (office_today() + dt.timedelta(days=30)).isoformat()  # a 督办 deadline: never before today

PERIOD = {"from": "2024-05-01", "to": "2024-05-31"}


def approve(client, pid, ed, unit=None, closure="已办结"):
    r = client.post(f"/api/v1/petitions/{pid}/report", json={**REPORT, "closure": closure}, headers=unit or ed)
    assert r.status_code == 200, r.text
    r = client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"}, headers=ed)
    assert r.status_code == 200, r.text
    return r.json()


def audit(client, admin, action):
    return [e for e in client.get("/api/v1/audit", params={"limit": 5000}, headers=admin).json()["events"]
            if e["action"] == action]


# ------------------------------------------------------------------------------------------------- 不受理

@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)  # SQLite: a write holds the whole database
def test_a_case_held_by_another_clerk_at_that_moment_is_said_not_waited_for(client):
    """The case a 不受理 names as the one it repeats, or a repeat a corrected place must agree with, held at that
    moment by another clerk's transaction: 409 O243 at once and nothing saved — not a wait that two clerks linking
    two cases to each other would turn into a deadlock; sent again once it is free, the step is done."""
    ed = token(client, "ed")
    upload(client, ed, handover_date="2024-05-15", reply_days="15")
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    store = client.app.state.workbench.store
    with store.locked_petition(ids["C-01"]):  # another clerk's step on C-01, not yet written
        got = client.post(f"/api/v1/petitions/{ids['C-05']}/reject", json={"reason": "同", "duplicate_of": ids["C-01"]},
                          headers=ed)
    assert got.status_code == 409 and got.json()["error"].startswith("[O243] 与本件关联的C-01此刻正由他人办理"), got.text
    assert cases(client, ed)["C-05"]["status"] == "待办"
    got = client.post(f"/api/v1/petitions/{ids['C-05']}/reject", json={"reason": "同", "duplicate_of": ids["C-01"]},
                      headers=ed)
    assert got.status_code == 200, got.text
    with store.locked_petition(ids["C-05"]):  # the repeat held while C-01's place is corrected
        got = client.patch(f"/api/v1/petitions/{ids['C-01']}", json={"city": "岳阳市", "county": "平江县"}, headers=ed)
    assert got.status_code == 409 and "[O243] 与本件关联的C-05此刻" in got.json()["error"], got.text
    assert cases(client, ed)["C-01"]["city"] == "衡阳市"


def test_rejection_by_kind_with_the_duplicate_linked_and_counted_apart(client):
    ed, hy, vi = token(client, "ed"), token(client, "hy"), token(client, "vi")
    upload(client, ed, handover_date="2024-05-15", reply_days="15")
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    # a kind alone is its own reason; a duplicate names the case in hand, and both show the link
    r = client.post(f"/api/v1/petitions/{ids['C-02']}/reject", json={"kind": "非生态环境问题"}, headers=ed)
    assert r.status_code == 200, r.text
    assert r.json()["rejection"] == {"kind": "非生态环境问题", "reason": "非生态环境问题", "duplicate_of": None,
                                     "duplicate_receipt": None}
    r = client.post(f"/api/v1/petitions/{ids['C-06']}/reject", json={"reason": "同一工地夜间施工", "duplicate_of": ids["C-01"]},
                    headers=ed)
    assert r.status_code == 200, r.text
    assert r.json()["rejection"] == {"kind": "与在办件重复", "reason": "同一工地夜间施工", "duplicate_of": ids["C-01"],
                                     "duplicate_receipt": "C-01"}
    assert r.json()["history"][-1]["detail"]["duplicate_receipt"] == "C-01"
    original = client.get(f"/api/v1/petitions/{ids['C-01']}", headers=ed).json()
    assert original["repeats"] == [{"id": ids["C-06"], "receipt_id": "C-06"}] and original["rejection"] is None
    # refused: 与在办件重复 without the case, a duplicate of a case itself not handled, of itself, unknown kinds
    for body in ({"kind": "与在办件重复", "reason": "重复"}, {"reason": "x", "duplicate_of": ids["C-02"]},
                 {"reason": "x", "duplicate_of": ids["C-05"]}, {"kind": "不想办", "reason": "x"}, {}):
        got = client.post(f"/api/v1/petitions/{ids['C-05']}/reject", json=body, headers=ed)
        assert got.status_code == 422 and got.json()["error"], (body, got.text)
    assert cases(client, ed)["C-05"]["status"] == "待办"
    # a repeat is the same complaint, about one place: a case of another city is refused, said in words with a code
    # (accepted without a word before), and the case is unchanged
    got = client.post(f"/api/v1/petitions/{ids['C-05']}/reject", json={"reason": "同一搅拌站", "duplicate_of": ids["C-03"]},
                      headers=ed)
    assert got.status_code == 422 and got.json()["field"] == "duplicate_of", got.text
    assert got.json()["error"].startswith("[O241] 重复件应为同一地方反映的问题：C-03属岳阳市，本件属衡阳市"), got.text
    assert "请先更正行政区域" in got.json()["error"] and cases(client, ed)["C-05"]["status"] == "待办"
    # nor can a place corrected afterwards break the link, either way (C-06 is C-01's repeat, both 衡阳市): O242,
    # nothing changed; a county inside the same city is a correction like any other
    for pid in (ids["C-01"], ids["C-06"]):
        got = client.patch(f"/api/v1/petitions/{pid}", json={"city": "岳阳市", "county": "平江县"}, headers=ed)
        assert got.status_code == 422 and got.json()["error"].startswith("[O242] 更正后本件属湖南省岳阳市"), got.text
        assert "请先对该不受理件重新办理" in got.json()["error"]
    assert {cases(client, ed)[k]["city"] for k in ("C-01", "C-06")} == {"衡阳市"}
    got = client.patch(f"/api/v1/petitions/{ids['C-06']}", json={"county": "珠晖区"}, headers=ed)
    assert got.status_code == 200 and got.json()["county"] == "珠晖区", got.text
    assert client.post(f"/api/v1/petitions/{ids['C-05']}/reject", json={"reason": "x"}, headers=hy).status_code == 403
    assert client.post(f"/api/v1/petitions/{ids['C-05']}/reject", json={"reason": "x"}, headers=vi).status_code == 403
    r = client.post(f"/api/v1/petitions/{ids['C-04']}/reject", json={"kind": "不属于本机关职责", "reason": "属林业部门"},
                    headers=ed)
    assert r.json()["rejection"]["kind"] == "不属于本机关职责"
    pr = agree(client, ed, "three rejected", ("2024-05-01", "2024-05-31"))
    assert pr["rejected"] == 3 and pr["total"] == 3 and pr["by_status"]["不受理"] == 3
    # reopened, a 不受理 no longer holds (its history keeps it), and the case counts again
    bad = client.post(f"/api/v1/petitions/{ids['C-06']}/reopen", json={"reason": "x", "due_date": "下周"}, headers=ed)
    assert bad.status_code == 422 and bad.json()["field"] == "due_date" and "新的办理期限" in bad.json()["error"]
    # a deadline already past would make the new round overdue the day it opens: refused, the case unchanged
    past = client.post(f"/api/v1/petitions/{ids['C-06']}/reopen", headers=ed,
                       json={"reason": "并非同一工地", "due_date": (office_today() - dt.timedelta(days=1)).isoformat()})
    assert past.status_code == 422 and past.json()["field"] == "due_date" and "不能早于今天" in past.json()["error"]
    assert client.get(f"/api/v1/petitions/{ids['C-06']}", headers=ed).json()["status"] == "不受理"
    r = client.post(f"/api/v1/petitions/{ids['C-06']}/reopen", json={"reason": "并非同一工地", "due_date": LATER},
                    headers=ed)
    assert r.json()["status"] == "办理中" and r.json()["rejection"] is None and r.json()["reopened"] == 1
    assert r.json()["due_date"] == LATER  # the deadline the office gives the new round
    # the old deadline: 15 working days from 2024-05-15
    assert r.json()["history"][-1]["detail"]["due_date"] == {"old": "2024-06-05", "new": LATER}
    assert client.get(f"/api/v1/petitions/{ids['C-01']}", headers=ed).json()["repeats"] == []
    assert agree(client, ed, "a rejection reopened")["rejected"] == 2
    # the case page: the form offers the kinds; the rejected case links to the case it repeats
    csrf = login(client, "ed")
    page = client.get(f"/cases/{ids['C-05']}").text
    assert 'id="reject-kind"' in page and "<option>与在办件重复</option>" in page
    r = client.post(f"/cases/{ids['C-05']}/step", data={"csrf_token": csrf, "step": "reject", "kind": "与在办件重复",
                                                        "duplicate_of": str(ids["C-01"]), "reason": ""})
    assert "已作不受理处理" in r.text
    page = client.get(f"/cases/{ids['C-05']}").text
    assert f'<a href="/cases/{ids["C-01"]}">C-01</a> 重复' in page
    assert "C-05" in client.get(f"/cases/{ids['C-01']}").text  # 重复来件
    # reopened from its page with the deadline the office gives the new round
    assert 'id="reopen-due"' in page
    r = client.post(f"/cases/{ids['C-05']}/step", data={"csrf_token": csrf, "step": "reopen", "reason": "并非重复",
                                                        "due_date": LATER})
    assert "已重新办理" in r.text
    got = client.get(f"/api/v1/petitions/{ids['C-05']}", headers=ed).json()
    assert (got["status"], got["due_date"]) == ("办理中", LATER)


def _field(page: str, name: str) -> str:
    """The value a page's input ``name`` of the 不受理 form holds."""
    form = page.split('id="reject"', 1)[1].split("</form>", 1)[0]
    m = re.search(rf'<input name="{name}"[^>]*value="([^"]*)"', form)
    return m.group(1) if m else ""


def test_a_rejection_names_its_duplicate_by_receipt_keeps_what_was_typed_and_says_it_once(client):
    """The clerk sees 受理编号, never internal numbers: the 不受理 form takes the other case's 受理编号; a refusal shows
    the page again with the kind, the number and the reason typed; the duplicate's reason reads once."""
    ed = token(client, "ed")
    upload(client, ed, handover_date="2024-05-15", reply_days="15")
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    csrf = login(client, "ed")
    typed = {"csrf_token": csrf, "step": "reject", "kind": "与在办件重复", "duplicate_of": "C-99", "reason": "同一搅拌站"}
    r = client.post(f"/cases/{ids['C-05']}/step", data=typed)
    assert r.status_code == 422 and "重复件应为另一件未撤回、未作不受理的信访件" in r.text and "[O229]" not in r.text and "C-99" in r.text
    assert (_field(r.text, "duplicate_of"), _field(r.text, "reason")) == ("C-99", "同一搅拌站")
    assert "<option selected>与在办件重复</option>" in r.text  # nothing typed is lost
    assert "O222" not in client.post(f"/cases/{ids['C-05']}/step", data={**typed, "duplicate_of": "C-01"}).text
    got = client.get(f"/api/v1/petitions/{ids['C-05']}", headers=ed).json()
    assert got["status"] == "不受理" and got["rejection"]["duplicate_of"] == ids["C-01"]
    assert got["rejection"]["duplicate_receipt"] == "C-01" and got["rejection"]["reason"] == "同一搅拌站"
    # a case of another city (C-04 岳阳市平江县) is no repeat of C-01 (衡阳市): the page again, with what was typed
    r = client.post(f"/cases/{ids['C-04']}/step", data={**typed, "duplicate_of": "c-01", "reason": ""})
    assert r.status_code == 422 and "重复件应为同一地方反映的问题" in r.text and "[O241]" not in r.text, r.text[-600:]
    assert "C-01属衡阳市，本件属岳阳市" in r.text
    assert _field(r.text, "duplicate_of") == "c-01" and cases(client, ed)["C-04"]["status"] == "待办"
    # a kind alone: the reason is the kind, and the page says it once
    r = client.post(f"/cases/{ids['C-06']}/step", data={**typed, "duplicate_of": "c-01", "reason": ""})
    assert "C-06 已作不受理处理" in r.text and "已作不受理处理（不受理）" not in r.text  # said once
    page = client.get(f"/cases/{ids['C-06']}").text
    said = re.sub(r"<[^>]+>", "", page.split('<dd id="rejection">', 1)[1].split("</dd>", 1)[0])
    assert said == "与已受理的 C-01 重复", said  # 已受理: the case it repeats may be closed by now
    timeline = re.sub(r"<[^>]+>", "", page.split('id="timeline"', 1)[1])
    assert "与在办件重复" not in timeline and "与 C-01 重复" in timeline
    # the audit page names every key of the detail, the 受理编号 among them, and no internal number
    login(client, "admin")
    audit_page = client.get("/audit").text
    audit_text = re.sub(r"<[^>]+>", "", audit_page)  # a label is kept whole in print by its own span
    assert "重复件受理编号：C-01" in audit_text and "duplicate_receipt" not in audit_page
    # and the case each event is about by its 受理编号, a link to its page (信访件 5 before)
    assert f'信访件 <a href="/cases/{ids["C-06"]}">C-06</a>' in audit_page
    assert not re.search(r"<td>信访件 \d+</td>", audit_page)


def test_a_second_round_report_refused_shows_what_was_typed_with_the_field_in_chinese(client):
    ed, hy = token(client, "ed"), token(client, "hy")
    upload(client, ed, handover_date="2024-05-15", reply_days="15")
    pid = cases(client, ed)["C-01"]["id"]
    assert client.post(f"/api/v1/petitions/{pid}/report", json=REPORT, headers=hy).status_code == 200
    r = client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "return", "reason": "未写明整改时限"},
                    headers=ed)
    assert r.json()["status"] == "退回"
    csrf = login(client, "hy")
    second = {"csrf_token": csrf, "verified": "基本属实", "findings": "第二轮：已于6月1日前整改完毕。", "closure": "已办结",
              "actions": "责令停产整改。", "count_rectify": "99999999999", "count_detained": "2"}
    r = client.post(f"/cases/{pid}/report", data=second)
    assert r.status_code == 422 and "未报送" in r.text
    form = r.text.split('id="report-', 1)[1].split("</form>", 1)[0]
    assert second["findings"] in form and REPORT["findings"] not in form and second["actions"] in form
    assert "<option selected>基本属实</option>" in form and 'value="99999999999"' in form and 'value="2"' in form
    notice = re.search(r'<p class="notice"[^>]*>(.*?)</p>', r.text, flags=re.S).group(1)
    assert "责令整改（家）应为 0 到 100000 之间的整数" in notice, notice
    assert "counts" not in notice and "9223372036854775807" not in notice
    assert client.get(f"/api/v1/petitions/{pid}", headers=ed).json()["status"] == "退回"  # nothing stored
    # the API keeps the field's code beside its name
    bad = client.post(f"/api/v1/petitions/{pid}/report", json={**REPORT, "counts": {"rectify": 10 ** 12}}, headers=hy)
    assert bad.status_code == 422 and "（counts.rectify）应为 0 到 100000" in bad.json()["error"]


# --------------------------------------------------------------------------------------- reopening in rounds

def test_a_reopened_case_reports_again_and_keeps_its_first_round(client):
    ed, hy = token(client, "ed"), token(client, "hy")
    upload(client, ed, handover_date="2024-05-15", reply_days="15")
    pid = cases(client, ed)["C-01"]["id"]
    approve(client, pid, ed, hy)
    pub = client.get("/api/v1/public", params=PERIOD, headers=ed).json()["rows"]
    assert [r["受理编号"] for r in pub] == ["C-01"]
    r = client.post(f"/api/v1/petitions/{pid}/reopen", json={"reason": "群众反映夜间仍在施工"}, headers=ed)
    case = r.json()
    assert case["status"] == "办理中" and case["round"] == 2 and case["allowed"] == ["report", "supervise"]
    # no deadline given: the batch's 15 reply days counted again from today, so not overdue the day it reopens
    from petitionnlp.triage import reply_deadline

    again = reply_deadline(office_today(), 15).iso  # 15 typed days are working days
    assert case["due_date"] == again and not case["overdue"]
    assert case["history"][-1]["detail"]["due_date"] == {"old": "2024-06-05", "new": again}
    assert [x["round"] for x in case["reports"]] == [1] and case["reports"][0]["review"] == "approve"
    assert client.get("/api/v1/public", params=PERIOD, headers=ed).json()["rows"] == []  # not until approved again
    agree(client, ed, "reopened")
    second = {**REPORT, "findings": "复查：已停止夜间施工。"}
    assert client.post(f"/api/v1/petitions/{pid}/report", json=second, headers=hy).status_code == 200
    assert client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"}, headers=ed).status_code == 200
    case = client.get(f"/api/v1/petitions/{pid}", headers=ed).json()
    assert [(x["round"], x["findings"]) for x in case["reports"]] == [(1, REPORT["findings"]), (2, second["findings"])]
    assert case["report"]["findings"] == second["findings"]
    rounds = [(h["action"], h["round"]) for h in case["history"]]
    assert rounds == [("handover", 1), ("report", 1), ("approve", 1), ("reopen", 2), ("report", 2), ("approve", 2)]
    pub = client.get("/api/v1/public", params=PERIOD, headers=ed).json()["rows"]
    assert [r["调查核实情况"] for r in pub] == [second["findings"]]
    assert agree(client, ed, "approved again")["reopened"] == 1
    login(client, "ed")
    page = client.get(f"/cases/{pid}").text
    assert "第一轮办理情况（已重新办理）" in page and REPORT["findings"] in page and "第二轮办理" in page


# ----------------------------------------------------------------------------------------------------- 回访

def test_callbacks_satisfaction_and_an_unsatisfied_complainant_reopens_the_case(client):
    ed, hy, yy, vi, admin = (token(client, n) for n in ("ed", "hy", "yy", "vi", "admin"))
    rows = [["K-01", "衡阳市雁峰区", "噪声", "举报人李春华（电话13907340001）反映衡阳市雁峰区某搅拌站夜间噪声扰民。"],
            ["K-02", "衡阳市雁峰区", "水", "衡阳市雁峰区某化工厂偷排废水。"],
            ["K-03", "岳阳市", "大气", "岳阳市某餐馆油烟直排。"],
            ["K-04", "岳阳市", "大气", "岳阳市某砖厂烟尘扰民。"],
            ["K-05", "衡阳市雁峰区", "噪声", "衡阳市雁峰区某工地夜间打桩。"]]
    head = ["受理编号", "行政区域", "污染类型", "交办问题基本情况", "举报人", "联系电话"]
    rows = [r + (["张三丰", "13807340002"] if r[0] == "K-02" else ["", ""]) for r in rows]
    upload(client, ed, table(rows, head=head), handover_date="2024-05-15", reply_days="15")
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    # only on an approved case; office only
    r = client.post(f"/api/v1/petitions/{ids['K-01']}/callback", json={"result": "满意"}, headers=ed)
    assert r.status_code == 409 and "callback" not in r.json()["allowed"]
    for key, unit, closure in (("K-01", hy, "已办结"), ("K-02", hy, "阶段性办结"), ("K-03", yy, "已办结"),
                               ("K-04", yy, "已办结")):
        approve(client, ids[key], ed, unit, closure)
    assert client.post(f"/api/v1/petitions/{ids['K-01']}/callback", json={"result": "满意"}, headers=hy).status_code == 403
    assert client.post(f"/api/v1/petitions/{ids['K-01']}/callback", json={"result": "满意"}, headers=vi).status_code == 403
    assert client.post(f"/api/v1/petitions/{ids['K-01']}/callback", json={"result": "很好"}, headers=ed).status_code == 422
    # the list of the approved cases not yet called back, with the complainant's contact for the office only
    due = client.get("/api/v1/callbacks", params={"due": "true"}, headers=ed).json()
    listed = {c["receipt_id"]: c for c in due["callbacks"]}
    assert set(listed) == {"K-01", "K-02", "K-03", "K-04"} and due["petitions"] == due["callbacks"]
    assert listed["K-01"]["contact"] == {"name": "李春华", "phone": "13907340001"}  # from the text
    assert listed["K-02"]["contact"] == {"name": "张三丰", "phone": "13807340002"}  # from the row's columns
    assert listed["K-03"]["contact"] is None and listed["K-02"]["closure"] == "阶段性办结"
    seen = client.get("/api/v1/callbacks", params={"due": "true"}, headers=vi).json()["callbacks"]
    assert all(c["contact"] is None for c in seen) and "13907340001" not in str(seen) and "李春华" not in str(seen)
    assert {c["receipt_id"] for c in client.get("/api/v1/callbacks", headers=hy).json()["callbacks"]} == {"K-01", "K-02"}
    # 满意 keeps the case closed; 不满意 reopens it at once, the note as the reason, one change
    version = client.get(f"/api/v1/petitions/{ids['K-03']}", headers=ed).json()["version"]
    r = client.post(f"/api/v1/petitions/{ids['K-01']}/callback", json={"result": "满意", "note": "噪声已消除"}, headers=ed)
    assert r.status_code == 200 and r.json()["status"] == "已办结"
    assert r.json()["callbacks"] == [{"time": r.json()["callbacks"][0]["time"], "user": "ed", "result": "满意",
                                      "note": "噪声已消除"}]
    r = client.post(f"/api/v1/petitions/{ids['K-03']}/callback", json={"result": "不满意", "note": "油烟仍然直排"},
                    headers=ed)
    case = r.json()
    assert r.status_code == 200 and case["status"] == "办理中" and case["version"] == version + 1
    assert [h["action"] for h in case["history"]][-2:] == ["callback", "reopen"]
    assert case["history"][-1]["detail"]["reason"] == "油烟仍然直排" and case["history"][-1]["detail"]["via"] == "callback"
    assert case["allowed"] == ["report", "supervise"] and case["round"] == 2
    assert {e["target"] for e in audit(client, admin, "callback")} == {f"petition:{ids['K-01']}", f"petition:{ids['K-03']}"}
    assert any(e["target"] == f"petition:{ids['K-03']}" for e in audit(client, admin, "reopen"))
    # many at once (the API's list; one refused leaves the others done)
    r = client.post("/api/v1/callbacks", json={"items": [{"petition": ids["K-02"], "result": "基本满意"},
                                                         {"petition": ids["K-04"], "result": "未联系上"},
                                                         {"petition": ids["K-05"], "result": "满意"}]}, headers=ed)
    assert r.json()["done"] == [ids["K-02"], ids["K-04"]] and r.json()["failed"][0]["id"] == ids["K-05"]
    # the office's list (one library function for every bulk path): an item that is no item refuses the whole
    # list before any is recorded, not after the items before it
    from petitionnlp.office.errors import Invalid

    wb = client.app.state.workbench
    with pytest.raises(Invalid, match="O234"):
        wb.record_callbacks(wb.store.user("ed"), [{"petition": ids["K-01"], "result": "不满意"}, {"petition": "K-02"}])
    assert len(client.get(f"/api/v1/petitions/{ids['K-01']}", headers=ed).json()["callbacks"]) == 1
    assert client.get("/api/v1/callbacks", params={"due": "true"}, headers=ed).json()["callbacks"] == []
    assert {c["receipt_id"] for c in client.get("/api/v1/callbacks", params={"result": "未联系上"},
                                                headers=ed).json()["callbacks"]} == {"K-04"}
    pr = agree(client, ed, "callbacks")
    assert pr["satisfaction"] == {"called": 4, "满意": 1, "基本满意": 1, "不满意": 1, "未联系上": 1, "rate": 2 / 3}
    assert pr["reopened"] == 1
    units = {u["unit"]: u for u in pr["by_unit"]}
    assert units["衡阳市雁峰区"]["satisfaction_rate"] == 1.0 and units["岳阳市"]["satisfaction_rate"] == 0.0
    js = client.get("/api/v1/report", params={**PERIOD, "format": "json"}, headers=ed).json()
    assert "回访群众4件，其中满意1件、基本满意1件、不满意1件、未联系上1件，满意度66.7%" in js["sentences"][-1]
    # approved again, the case is due for a call again
    approve(client, ids["K-03"], ed, yy)
    assert [c["receipt_id"] for c in client.get("/api/v1/callbacks", params={"due": "true"},
                                                headers=ed).json()["callbacks"]] == ["K-03"]


def test_a_case_history_says_each_step_once_and_starts_with_no_comma(client):
    """The timeline of a case page: a 督办 with its note reads 督办 ed 请于…，期限 … → … (not 督办 ed ，请于…);
    a 不满意 回访 without a note reopens with the reason 回访不满意 said once, not 回访不满意（回访不满意）."""
    ed, hy = token(client, "ed"), token(client, "hy")
    upload(client, ed, table([["H-01", "衡阳市雁峰区", "噪声", "衡阳市雁峰区某搅拌站夜间噪声扰民。"],
                              ["H-02", "衡阳市雁峰区", "水", "衡阳市雁峰区某化工厂偷排废水。"]]),
           handover_date="2024-05-15", reply_days="15")
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    approve(client, ids["H-01"], ed, hy)
    r = client.post(f"/api/v1/petitions/{ids['H-01']}/callback", json={"result": "不满意"}, headers=ed)
    assert r.status_code == 200 and r.json()["status"] == "办理中", r.text
    r = client.post(f"/api/v1/petitions/{ids['H-02']}/supervise", json={"due_date": LATER, "note": "请尽快办结"},
                    headers=ed)
    assert r.status_code == 200, r.text
    login(client, "ed")

    def steps(pid):
        page = client.get(f"/cases/{pid}").text
        timeline = page.split('id="timeline"', 1)[1].split("</ol>", 1)[0]
        return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", li)).strip()
                for li in re.findall(r"<li>(.*?)</li>", timeline, flags=re.S)]

    reopened = [s for s in steps(ids["H-01"]) if " 重新办理 " in s]
    assert len(reopened) == 1 and reopened[0].count("回访不满意") == 1, reopened
    assert "已办结 → 办理中，理由：回访不满意" in reopened[0], reopened
    supervised = [s for s in steps(ids["H-02"]) if " 督办 " in s]
    assert len(supervised) == 1 and supervised[0].endswith(f"督办 ed 请尽快办结，期限 2024年6月5日 → {chinese_date(LATER)}"), supervised
    assert not any(" ，" in s or s.endswith("，") for s in steps(ids["H-01"]) + steps(ids["H-02"]))


def test_the_callback_page_records_one_or_many(client):
    ed = token(client, "ed")
    upload(client, ed, handover_date="2024-05-15", reply_days="15")
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    for key in ("C-01", "C-03", "C-04", "C-05"):
        approve(client, ids[key], ed)
    csrf = login(client, "ed")
    page = client.get("/callbacks").text
    assert page.count('name="pick"') == 4 and 'id="bulk-callback"' in page
    rows = [str(ids[k]) for k in ("C-01", "C-03", "C-04", "C-05")]
    # a refused row comes back with its result and its note as typed (nothing typed is lost)
    r = client.post("/callbacks?show=due", data={"csrf_token": csrf, "row": rows[1:2], "next": "/callbacks?show=due",
                                                 f"result_{ids['C-03']}": "很满意", f"note_{ids['C-03']}": "下午再拨一次"})
    assert r.status_code == 422 and "已记录回访 0 件，1 件未记录" in r.text, r.text[-800:]
    assert 'value="下午再拨一次"' in r.text and cases(client, ed)["C-03"]["callbacks"] == []
    # every refused row named with its reason, the rows refused for the same reason together
    r = client.post("/callbacks", data={"csrf_token": csrf, "row": [rows[1], rows[2], "99999"],
                                        f"result_{ids['C-03']}": "很满意", f"result_{ids['C-04']}": "很满意",
                                        "result_99999": "满意"})
    said = re.search(r"已记录回访 0 件，3 件未记录：[^<]*", r.text).group(0)
    assert r.status_code == 422 and said.startswith("已记录回访 0 件，3 件未记录：C-03、C-04："), said
    assert said.count("很满意") == 1 and said.endswith("；信访件 99999：没有这件信访件"), said
    # one row's own button
    r = client.post("/callbacks", data={"csrf_token": csrf, "row": rows, "only": str(ids["C-01"]),
                                        f"result_{ids['C-01']}": "满意", f"result_{ids['C-03']}": "不满意"})
    assert "已记录回访 1 件" in r.text
    assert cases(client, ed)["C-03"]["status"] == "已办结"  # the other row's choice was not sent
    # ticked rows with one result, each with its own note
    r = client.post("/callbacks", data={"csrf_token": csrf, "row": rows[1:], "bulk": "1", "bulk_result": "基本满意",
                                        "pick": [str(ids["C-04"]), str(ids["C-05"])], f"note_{ids['C-04']}": "基本解决"})
    assert "已记录回访 2 件" in r.text
    assert cases(client, ed)["C-04"]["callbacks"][0]["note"] == "基本解决"
    # every filled row: 不满意 reopens
    r = client.post("/callbacks", data={"csrf_token": csrf, "row": rows[1:2], f"result_{ids['C-03']}": "不满意",
                                        f"note_{ids['C-03']}": "仍有油烟"})
    assert "已记录回访 1 件" in r.text and cases(client, ed)["C-03"]["status"] == "办理中"
    assert "其中不满意 1 件已重新办理" in r.text  # said, as the spot check's page says a failed check's reopening
    assert "没有待回访的信访件" in client.get("/callbacks").text
    done = client.get("/callbacks?show=done").text
    assert "基本解决" in done and "C-03" not in done  # reopened: off the list until approved again
    assert "仍有油烟" in client.get(f"/cases/{ids['C-03']}").text
    r = client.post("/callbacks", data={"csrf_token": "wrong", "row": rows, "only": rows[0]})
    assert r.status_code == 403


# -------------------------------------------------------------------------------------------- 督办, reminders

def test_supervision_and_the_reminders_of_deadlines(client, monkeypatch):
    from petitionnlp.office.clock import office_today

    ed, hy, yy, vi, admin = (token(client, n) for n in ("ed", "hy", "yy", "vi", "admin"))
    today = office_today()
    upload(client, ed, table([["R-01", "衡阳市雁峰区", "", "衡阳市雁峰区某厂噪声扰民"],
                              ["R-02", "岳阳市", "", "岳阳市某厂废水直排"]]), name="逾期.csv",
           handover_date=(today - dt.timedelta(days=20)).isoformat(), reply_days="15", working_days="false")
    upload(client, ed, table([["R-03", "衡阳市雁峰区", "", "衡阳市雁峰区某工地扬尘"]]), name="临期.csv",
           handover_date=today.isoformat(), reply_days="2", working_days="false")
    upload(client, ed, table([["R-04", "衡阳市雁峰区", "", "衡阳市雁峰区某餐馆油烟"],
                              ["R-05", "衡阳市雁峰区", "", "衡阳市雁峰区某砂场粉尘"]]), name="远期.csv",
           handover_date=today.isoformat(), reply_days="30", working_days="false")  # calendar days: days_left exact
    ids = {k: v["id"] for k, v in cases(client, ed).items()}

    def reminders(headers):
        r = client.get("/api/v1/reminders", headers=headers)
        assert r.status_code == 200, r.text
        return {x["receipt_id"]: x for x in r.json()["reminders"]}

    got = reminders(ed)
    assert set(got) == {"R-01", "R-02", "R-03"}
    assert got["R-01"]["kind"] == "逾期" and got["R-01"]["days_left"] == -5 and got["R-01"]["unit"] == "衡阳市雁峰区"
    assert got["R-03"]["kind"] == "临期" and got["R-03"]["days_left"] == 2
    assert set(got["R-01"]) >= {"petition", "unit", "due_date", "days_left", "kind"}
    assert set(reminders(hy)) == {"R-01", "R-03"} and set(reminders(yy)) == {"R-02"}
    assert client.get("/api/v1/reminders", headers=vi).status_code == 403
    # 督办: a new deadline, marked, in the history and the audit log; office only; open cases only
    new_due = (today + dt.timedelta(days=20)).isoformat()
    assert client.post(f"/api/v1/petitions/{ids['R-04']}/supervise", json={"due_date": new_due},
                       headers=hy).status_code == 403
    assert client.post(f"/api/v1/petitions/{ids['R-04']}/supervise", json={"due_date": "2024-13-40"},
                       headers=ed).status_code == 422
    # a new deadline already past would leave the supervised case overdue at once: refused, saying why
    past = client.post(f"/api/v1/petitions/{ids['R-04']}/supervise",
                       json={"due_date": (today - dt.timedelta(days=1)).isoformat(), "note": "限期整改"}, headers=ed)
    assert past.status_code == 422 and past.json()["field"] == "due_date", past.text
    assert "不能早于今天" in past.json()["error"]
    assert cases(client, ed)["R-04"]["supervised"] is False
    r = client.post(f"/api/v1/petitions/{ids['R-04']}/supervise", json={"due_date": new_due, "note": "限期整改到位"},
                    headers=ed)
    case = r.json()
    assert r.status_code == 200 and case["supervised"] is True and case["due_date"] == new_due
    assert case["supervise_note"] == "限期整改到位" and case["status"] == "待办"
    assert case["history"][-1]["action"] == "supervise" and case["history"][-1]["detail"]["due_date"]["new"] == new_due
    assert any(e["target"] == f"petition:{ids['R-04']}" for e in audit(client, admin, "supervise"))
    r = client.post(f"/api/v1/petitions/{ids['R-01']}/supervise", json={"due_date": new_due}, headers=ed)
    assert r.json()["overdue"] is False  # a new deadline ends 逾期
    got = reminders(ed)
    assert got["R-04"]["kind"] == "督办" and got["R-01"]["kind"] == "督办" and got["R-04"]["days_left"] == 20
    approve(client, ids["R-05"], ed)
    r = client.post(f"/api/v1/petitions/{ids['R-05']}/supervise", json={"due_date": new_due}, headers=ed)
    assert r.status_code == 409 and r.json()["allowed"] == ["reopen", "callback"]
    # the setting: PETITIONNLP_REMIND_DAYS
    monkeypatch.setenv("PETITIONNLP_REMIND_DAYS", "1")
    assert "R-03" not in reminders(ed)
    monkeypatch.setenv("PETITIONNLP_REMIND_DAYS", "30")
    assert reminders(ed)["R-05"] if False else "R-03" in reminders(ed)
    monkeypatch.delenv("PETITIONNLP_REMIND_DAYS")
    # figures: 督办 counted, by unit; the 专报's table by unit lists the overdue and the supervised cases
    pr = client.get("/api/v1/progress", headers=ed).json()
    assert pr["supervised"] == 2 and {u["unit"]: u["supervised"] for u in pr["by_unit"]}["衡阳市雁峰区"] == 2
    # 进度, the 专报, the 公开表 and the statistics agree after 督办 moved two deadlines (one of them 逾期 before)
    period = ((today - dt.timedelta(days=30)).isoformat(), today.isoformat())
    assert agree(client, ed, "supervision", period)["supervised"] == 2
    js = client.get("/api/v1/report", params={"format": "json"}, headers=ed).json()
    groups = {g["unit"]: g for g in js["supervision"]}
    assert [c["receipt_id"] for c in groups["岳阳市"]["cases"]] == ["R-02"] and groups["岳阳市"]["overdue"] == 1
    assert {c["receipt_id"]: c["kind"] for c in groups["衡阳市雁峰区"]["cases"]} == {"R-01": "督办", "R-04": "督办"}
    # pages: each unit's first page and the office's; the 督办 page, one case or several at once
    login(client, "hy")
    page = client.get("/cases").text
    assert 'id="reminders"' in page and "R-01" in page.split('id="reminders"')[1].split("</section>")[0]
    assert "R-02" not in page
    csrf = login(client, "ed")
    assert 'id="reminders"' in client.get("/batches").text
    page = client.get("/supervision").text
    assert "R-02" in page and "限期整改到位" in page
    later = (today + dt.timedelta(days=25)).isoformat()
    r = client.post("/supervision", data={"csrf_token": csrf, "ids": [str(ids["R-02"]), str(ids["R-03"])],
                                          "due_date": later, "note": "集中督办"})
    assert "已督办 2 件" in r.text
    assert cases(client, ed)["R-02"]["due_date"] == later and cases(client, ed)["R-03"]["supervised"] is True
    r = client.post(f"/cases/{ids['R-02']}/supervise", data={"csrf_token": csrf, "due_date": "", "note": ""})
    assert "未督办" in r.text
    # a refused 督办 shows the case again with what was typed (nothing typed is lost)
    r = client.post(f"/cases/{ids['R-02']}/supervise", data={"csrf_token": csrf, "due_date": "2024-13-40",
                                                            "note": "请于月底前报送整改照片"})
    assert r.status_code == 422 and "未督办" in r.text and 'value="请于月底前报送整改照片"' in r.text
    # so does a refused 批量督办: its note, its date and the ticked cases are kept
    r = client.post("/supervision", data={"csrf_token": csrf, "ids": [str(ids["R-02"]), str(ids["R-03"])],
                                          "due_date": "2024-13-40", "note": "第二轮集中督办"})
    assert r.status_code == 422 and "未督办" in r.text and 'value="第二轮集中督办"' in r.text
    assert 'value="2024-13-40"' in r.text and f'value="{ids["R-02"]}" form="bulk-supervise" checked' in r.text
    # some refused, the others done (each its own step, in the office): the page again (422), every refused case
    # named with its reason, still ticked, the deadline and the note as typed
    assert client.post(f"/api/v1/petitions/{ids['R-03']}/report", json=REPORT, headers=hy).status_code == 200
    third = (today + dt.timedelta(days=28)).isoformat()
    r = client.post("/supervision", data={"csrf_token": csrf, "ids": [str(ids["R-02"]), str(ids["R-03"]), "99999"],
                                          "due_date": third, "note": "第三轮集中督办"})
    said = re.search(r"已督办 1 件，2 件未督办：[^<]*", r.text).group(0)
    assert r.status_code == 422 and said.startswith("已督办 1 件，2 件未督办：R-03：当前状态 待审核 不能督办"), said
    assert said.endswith("；信访件 99999：没有这件信访件"), said
    assert f'value="{ids["R-03"]}" form="bulk-supervise" checked' in r.text
    assert f'value="{ids["R-02"]}" form="bulk-supervise" checked' not in r.text
    assert 'value="第三轮集中督办"' in r.text and f'value="{third}"' in r.text
    assert cases(client, ed)["R-02"]["due_date"] == third and cases(client, ed)["R-03"]["due_date"] != third
    login(client, "vi")
    assert client.get("/supervision").status_code == 403


# ----------------------------------------------------------------------------------------------- 抽查复核

def test_spot_checks_drawn_by_a_recorded_seed_and_a_failed_check_reopens(client):
    from petitionnlp.office.followup import choose, draw_count

    ed, hy, vi, admin = (token(client, n) for n in ("ed", "hy", "vi", "admin"))
    rows = [[f"S-{i:02d}", "衡阳市雁峰区", "噪声", f"衡阳市雁峰区某工地夜间施工噪声扰民（第{i}件）"] for i in range(1, 13)]
    upload(client, ed, table(rows), handover_date="2024-05-15", reply_days="15")
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    assert client.post("/api/v1/spotchecks", json={**PERIOD, "rate": 0.1}, headers=ed).status_code == 422  # none yet
    for key in sorted(ids)[:10]:
        approve(client, ids[key], ed, hy)
    approved = sorted(ids[k] for k in sorted(ids)[:10])
    assert draw_count(10, 0.1) == 1 and draw_count(10, 0.25) == 3 and draw_count(3, 0.1) == 1
    assert draw_count(30, 0.1) == 3  # not 4: the share of 30 is 3
    assert client.post("/api/v1/spotchecks", json={**PERIOD, "rate": 0.3, "seed": 7}, headers=hy).status_code == 403
    for bad in ({"rate": 0}, {"rate": 1.5}, {"rate": -0.1}, {"seed": -1}, {"seed": 2 ** 60}, {"from": "2024-13-01"}):
        r = client.post("/api/v1/spotchecks", json={**PERIOD, "rate": 0.3, **bad}, headers=ed)
        assert r.status_code == 422, (bad, r.text)
    # a seed refused is said in a clerk's words (digits), not as a programmer's bound (9007199254740991 before)
    csrf = login(client, "ed")
    r = client.post("/spotchecks", data={"csrf_token": csrf, "from": PERIOD["from"], "to": PERIOD["to"],
                                         "percent": "30", "seed": str(10 ** 15)})
    assert "至多 15 位数字" in r.text and "9007199254740991" not in r.text, r.text
    # the draw form comes back with its period, share and seed as typed (422), not empty
    assert r.status_code == 422 and f'value="{10 ** 15}"' in r.text and 'value="30"' in r.text, r.text[-800:]
    assert f'value="{PERIOD["from"]}"' in r.text and f'value="{PERIOD["to"]}"' in r.text
    a = client.post("/api/v1/spotchecks", json={**PERIOD, "rate": 0.3, "seed": 20240515}, headers=ed)
    assert a.status_code == 201, a.text
    a = a.json()
    assert a["seed"] == 20240515 and len(a["petitions"]) == 3 and set(a["petitions"]) <= set(approved)
    assert a["petitions"] == choose(approved, 0.3, 20240515)  # candidates ascending, seeded RNG
    b = client.post("/api/v1/spotchecks", json={**PERIOD, "rate": 0.3, "seed": 20240515}, headers=ed).json()
    assert b["petitions"] == a["petitions"] and b["id"] != a["id"]  # the same period, rate and seed: the same cases
    c = client.post("/api/v1/spotchecks", json={**PERIOD, "rate": 0.01}, headers=ed).json()
    assert len(c["petitions"]) == 1 and isinstance(c["seed"], int)  # at least one; a seed chosen and recorded
    assert {e["target"] for e in audit(client, admin, "spotcheck_draw")} == {f"spotcheck:{x['id']}" for x in (a, b, c)}
    assert any(e["detail"]["seed"] == 20240515 for e in audit(client, admin, "spotcheck_draw"))
    # the drawn cases wait for their check (the step is open on them only)
    drawn, other = a["petitions"][0], next(i for i in approved if i not in a["petitions"] + c["petitions"])
    assert "spotcheck" in client.get(f"/api/v1/petitions/{drawn}", headers=ed).json()["allowed"]
    assert "spotcheck" not in client.get(f"/api/v1/petitions/{other}", headers=ed).json()["allowed"]
    assert client.post(f"/api/v1/spotchecks/{a['id']}/items/{other}", json={"passed": True},
                       headers=ed).status_code == 404
    assert client.post(f"/api/v1/spotchecks/9999/items/{drawn}", json={"passed": True}, headers=ed).status_code == 404
    assert client.post(f"/api/v1/spotchecks/{a['id']}/items/{drawn}", json={"passed": False},
                       headers=ed).status_code == 422  # a failed check says why
    r = client.post(f"/api/v1/spotchecks/{a['id']}/items/{drawn}", json={"passed": True, "note": "材料齐全"}, headers=ed)
    assert r.status_code == 200 and r.json()["status"] == "已办结" and r.json()["spotchecks"][0]["passed"] is True
    again = client.post(f"/api/v1/spotchecks/{a['id']}/items/{drawn}", json={"passed": False, "note": "x"}, headers=ed)
    assert again.status_code == 409
    failed = a["petitions"][1]
    r = client.post(f"/api/v1/spotchecks/{a['id']}/items/{failed}", json={"passed": False, "note": "未见整改照片"},
                    headers=ed)
    case = r.json()
    assert case["status"] == "办理中" and case["history"][-1]["detail"]["reason"] == "未见整改照片"
    assert [h["action"] for h in case["history"]][-3:] == ["spotcheck_draw", "spotcheck", "reopen"]
    one = client.get(f"/api/v1/spotchecks/{a['id']}", headers=ed).json()
    assert (one["drawn"], one["checked"], one["passed"]) == (3, 2, 1)
    listed = {x["id"]: x for x in client.get("/api/v1/spotchecks", headers=ed).json()["spotchecks"]}
    assert (listed[a["id"]]["checked"], listed[a["id"]]["passed"], listed[a["id"]]["seed"]) == (2, 1, 20240515)
    pr = agree(client, ed, "spot checks")
    assert pr["spotcheck"] == {"drawn": 7, "checked": 2, "passed": 1, "pass_rate": 0.5} and pr["reopened"] == 1
    assert "抽查复核7件，已复核2件、通过1件，通过率50.0%" in client.get(
        "/api/v1/report", params={**PERIOD, "format": "json"}, headers=ed).json()["sentences"][-1]
    # the pages: draw, check one row or several
    csrf = login(client, "ed")
    r = client.post("/spotchecks", data={"csrf_token": csrf, "from": "2024-05-01", "to": "2024-05-31", "percent": "20",
                                         "seed": "99"})
    assert "已从 9 件中抽取 2 件（随机种子 99）" in r.text
    new = max(x["id"] for x in client.get("/api/v1/spotchecks", headers=ed).json()["spotchecks"])
    items = client.get(f"/api/v1/spotchecks/{new}", headers=ed).json()["petitions"]
    # rows refused (a version read before a change, a 未通过 with no note) come back named by their 受理编号, with the
    # choice and the note typed in them (422); nothing is recorded for them
    receipt = {v: k for k, v in ids.items()}
    r = client.post(f"/spotchecks/{new}", data={"csrf_token": csrf, "row": [str(i) for i in items],
                                                f"passed_{items[0]}": "0", f"note_{items[0]}": "整改照片不清",
                                                f"version_{items[0]}": "1", f"passed_{items[1]}": "0"})
    assert r.status_code == 422 and "已记录复核 0 件；2 件未记录：" in r.text, r.text[-800:]
    assert f"{receipt[items[0]]}：" in r.text and f"{receipt[items[1]]}：" in r.text
    assert 'value="整改照片不清"' in r.text
    assert len(re.findall(r'name="passed_\d+" value="0" checked', r.text)) == 2
    assert client.get(f"/api/v1/spotchecks/{new}", headers=ed).json()["checked"] == 0
    r = client.post(f"/spotchecks/{new}", data={"csrf_token": csrf, "row": [str(i) for i in items],
                                                f"passed_{items[0]}": "1", f"passed_{items[1]}": "0",
                                                f"note_{items[1]}": "处罚决定书缺失"})
    assert "已记录复核 2 件，其中未通过 1 件已重新办理" in r.text
    assert "处罚决定书缺失" in client.get(f"/spotchecks/{new}").text
    assert "第 1 次" in client.get("/spotchecks").text
    r = client.post("/spotchecks", data={"csrf_token": csrf, "from": "2030-01-01", "percent": "12.5", "seed": "42"})
    assert r.status_code == 422 and "未抽取" in r.text
    assert 'value="2030-01-01"' in r.text and 'value="12.5"' in r.text and 'value="42"' in r.text
    # the audit page names the drawn cases by their 受理编号 (信访件数：1、13 before), as it names a case event's target
    login(client, "admin")
    page = client.get("/audit").text
    text = re.sub(r"<[^>]+>", "", page)  # a label is kept whole in print by its own span
    assert f"受理编号：{'、'.join(receipt[i] for i in a['petitions'])}" in text
    assert not re.search(r"信访件(数|编号)：\d+、", text)


# -------------------------------------------------------------------------------------------- the ranking

def test_units_ranked_by_closure_rate_then_fewer_overdue(client):
    from petitionnlp.office.figures import rank_units

    rows = [{"unit": "甲", "closure_rate": 0.5, "overdue": 2}, {"unit": "乙", "closure_rate": 0.5, "overdue": 1},
            {"unit": "丙", "closure_rate": 1.0, "overdue": 3}, {"unit": None, "closure_rate": 1.0, "overdue": 0},
            {"unit": "丁", "closure_rate": 0.5, "overdue": 1}]
    rank_units(rows)
    assert [r["rank"] for r in rows] == [4, 2, 1, None, 2]
    ed, hy, yy = token(client, "ed"), token(client, "hy"), token(client, "yy")
    upload(client, ed, handover_date="2024-05-15", reply_days="15")
    got = cases(client, ed)
    approve(client, got["C-03"]["id"], ed, yy)  # 岳阳市: 1 of 2
    pr = client.get("/api/v1/progress", params=PERIOD, headers=ed).json()
    ranks = {u["unit"]: u["rank"] for u in pr["by_unit"]}
    assert ranks == {"衡阳市雁峰区": 2, "岳阳市": 1}
    js = client.get("/api/v1/report", params={**PERIOD, "format": "json"}, headers=ed).json()
    assert [u["unit"] for u in js["ranking"]] == ["岳阳市", "衡阳市雁峰区"]
    login(client, "ed")
    page = client.get("/progress?from=2024-05-01&to=2024-05-31").text
    assert 'id="ranking"' in page and 'id="supervision"' in page and 'id="fig-satisfaction"' in page
    from docx import Document

    doc = Document(io.BytesIO(client.get("/api/v1/report", params={**PERIOD, "format": "docx"}, headers=ed).content))
    heads = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert ["排名", "责任单位", "交办件数", "办结率", "逾期", "督办", "满意度"] in heads
    ranking = doc.tables[heads.index(["排名", "责任单位", "交办件数", "办结率", "逾期", "督办", "满意度"])]
    assert [r.cells[1].text for r in ranking.rows[1:]] == ["岳阳市", "衡阳市雁峰区"]
    # 逾期及督办: each unit on a row across the table, its cases under it (岳阳市's cases name their county)
    supervision = doc.tables[heads.index(["受理编号", "行政区域", "办理期限", "状态", "情形", "督办意见"])]
    groups = [r.cells[0].text for r in supervision.rows[1:] if len({id(c._tc) for c in r.cells}) == 1]
    assert [g.split("（")[0] for g in groups] == [g["unit"] for g in js["supervision"]], groups


# --------------------------------------------------------------------------- a planted person on every new path

def test_every_new_path_hides_a_planted_person_from_viewers_and_other_units(client):
    """A name, a phone and an ID number in a petition, in a callback note, a 督办 note, a check's note and a
    rejection's reason: a viewer reads the callback list, the spot checks, the case and its history without them
    (pages and API); another unit never sees the case; the case's own unit and the office read them."""
    ed, hy, yy, vi = (token(client, n) for n in ("ed", "hy", "yy", "vi"))
    person = f"举报人{PLANTED[0]}（电话{PLANTED[1]}，身份证号{PLANTED[2]}）"
    rows = [["P-01", "衡阳市雁峰区", "大气", f"{person}反映衡阳市雁峰区某化工厂夜间偷排刺鼻废气。"],
            ["P-02", "衡阳市雁峰区", "大气", f"{person}再次反映衡阳市雁峰区某化工厂夜间偷排废气。"],
            ["P-03", "衡阳市雁峰区", "水", f"{person}反映衡阳市雁峰区某厂废水直排。"]]
    upload(client, ed, table(rows), handover_date="2024-05-15", reply_days="15")
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    approve(client, ids["P-01"], ed, hy)
    approve(client, ids["P-03"], ed, hy)
    note = f"已电话联系{PLANTED[0]}（{PLANTED[1]}）"
    assert client.post(f"/api/v1/petitions/{ids['P-03']}/callback", json={"result": "基本满意", "note": note},
                       headers=ed).status_code == 200
    assert client.post(f"/api/v1/petitions/{ids['P-02']}/reject",
                       json={"reason": f"举报人{PLANTED[0]}（{PLANTED[1]}）重复举报", "duplicate_of": ids["P-01"]}, headers=ed).status_code == 200
    sc = client.post("/api/v1/spotchecks", json={**PERIOD, "rate": 1, "seed": 1}, headers=ed).json()
    assert client.post(f"/api/v1/spotchecks/{sc['id']}/items/{ids['P-03']}",
                       json={"passed": True, "note": f"已电话核实（{PLANTED[1]}）"}, headers=ed).status_code == 200
    client.post(f"/api/v1/petitions/{ids['P-01']}/reopen", json={"reason": "复查"}, headers=ed)
    client.post(f"/api/v1/petitions/{ids['P-01']}/supervise", json={"due_date": LATER,
                                                                   "note": f"督促联系举报人{PLANTED[0]}"}, headers=ed)
    # the office reads them all, and the complainant's contact on the callback list
    assert PLANTED[1] in client.get("/api/v1/callbacks", headers=ed).text
    assert PLANTED[0] in client.get(f"/api/v1/petitions/{ids['P-02']}", headers=ed).text
    # the viewer: API and pages
    for url in ("/api/v1/callbacks", "/api/v1/callbacks?due=true", "/api/v1/spotchecks", f"/api/v1/spotchecks/{sc['id']}",
                f"/api/v1/petitions/{ids['P-01']}", f"/api/v1/petitions/{ids['P-02']}",
                f"/api/v1/petitions/{ids['P-03']}", "/api/v1/petitions"):
        r = client.get(url, headers=vi)
        assert r.status_code == 200, (url, r.text)
        _clean(r.text, url)
    assert client.get("/api/v1/callbacks", headers=vi).json()["callbacks"]
    login(client, "vi")
    for url in ("/callbacks", "/callbacks?show=all", "/spotchecks", f"/spotchecks/{sc['id']}",
                f"/cases/{ids['P-01']}", f"/cases/{ids['P-02']}", f"/cases/{ids['P-03']}", "/cases"):
        r = client.get(url)
        assert r.status_code == 200, url
        _clean(r.text, url)
    assert client.get("/supervision").status_code == 403 and client.get("/api/v1/reminders", headers=vi).status_code == 403
    # the lists shown again after refused rows (回访, 批量督办) are not theirs to post: refused, none of it shown
    forms = {"/callbacks": {"row": str(ids["P-01"]), f"result_{ids['P-01']}": "很满意", f"note_{ids['P-01']}": "再拨"},
             "/supervision": {"ids": str(ids["P-01"]), "due_date": "2024-13-40", "note": "集中督办"}}
    for who in ("vi", "yy"):  # a viewer, and another unit
        csrf = login(client, who)
        for url, data in forms.items():
            r = client.post(url, data={**data, "csrf_token": csrf})
            assert r.status_code == 403, (who, url, r.status_code)
            _clean(r.text, f"{who} posting {url}")
            assert "P-01" not in r.text
    # nor the other pages a refusal shows again with what was typed (the 抽查 rows and draw, the bulk form back to
    # the review list or the case list, a place correction): refused, or only the poster's own cases, none of it
    forms = {f"/spotchecks/{sc['id']}": {"row": str(ids["P-01"]), f"passed_{ids['P-01']}": "0", f"note_{ids['P-01']}": ""},
             "/spotchecks": {"from": "2024-05-01", "to": "2024-05-31", "percent": "500", "seed": "1"},
             "/cases/bulk?review": {"action": "return", "ids": str(ids["P-01"]), "reason": "", "next": "/review"},
             "/cases/bulk?cases": {"action": "accept", "ids": str(ids["P-01"]), "next": "/cases"},
             f"/petitions/{ids['P-01']}": {"region": "湖南省/衡阳市/雁峰去", "next": f"/cases/{ids['P-01']}"}}
    for who in ("vi", "yy"):
        csrf = login(client, who)
        for url, data in forms.items():
            r = client.post(url.split("?")[0], data={**data, "csrf_token": csrf}, follow_redirects=False)
            assert r.status_code in (303, 403, 404, 422), (who, url, r.status_code)
            _clean(r.text, f"{who} posting {url}")
            assert "P-01" not in r.text and "P-03" not in r.text, (who, url, r.status_code)
    # another unit: none of it
    for url in ("/api/v1/callbacks", f"/api/v1/spotchecks/{sc['id']}", "/api/v1/reminders", "/api/v1/petitions"):
        r = client.get(url, headers=yy)
        assert r.status_code == 200, (url, r.text)
        _clean(r.text, url)
        assert "P-01" not in r.text and "P-03" not in r.text
    for pid in ids.values():
        assert client.get(f"/api/v1/petitions/{pid}", headers=yy).status_code == 404
    assert client.post(f"/api/v1/spotchecks/{sc['id']}/items/{ids['P-01']}", json={"passed": True},
                       headers=yy).status_code == 403
    login(client, "yy")
    for url in ("/cases", "/callbacks", f"/spotchecks/{sc['id']}"):
        r = client.get(url)
        assert r.status_code == 200, url
        _clean(r.text, url)
    assert client.get(f"/cases/{ids['P-01']}").status_code == 404
    # the published documents hold none of it
    _clean(client.get("/api/v1/report", params={**PERIOD, "format": "json"}, headers=ed).text, "专报")
    _clean(client.get("/api/v1/public", params=PERIOD, headers=ed).text, "公开表")
    # the case's own unit reads its case in full
    assert PLANTED[1] in client.get(f"/api/v1/petitions/{ids['P-03']}", headers=hy).text


# ------------------------------------------------------------------------------------------- the schema

def test_a_database_of_0004_is_migrated_with_its_reopened_cases(backend):
    """0006 on a database at 0004 holding a reopened case and a report: columns added in place, rows kept,
    reopenings counted from the history, reports in round 1."""
    import sqlalchemy as sa
    from alembic import command

    import petitionnlp.office.store as st

    store = st.Store(backend["data_dir"], url=backend["db_url"])
    cfg = st._migrations_config(store.url)
    if backend["db_url"]:
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0004")
    else:
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0004")
    true = "true" if backend["db_url"] else "1"
    false = "false" if backend["db_url"] else "0"
    with store.engine.begin() as c:
        c.execute(sa.text("insert into users(username, password_hash, role, active, created_at) "
                          f"values ('a', 'x', 'editor', {true}, '2024-01-01')"))
        c.execute(sa.text("insert into batches(name, filename, uploaded_by, uploaded_at, state, rows, errors, "
                          f"done_rows, existing, filled_reports, withdrawn) values ('b', 'b.csv', 1, '2024-01-01', "
                          f"'done', 1, 0, 1, 0, 0, {false})"))
        c.execute(sa.text("insert into petitions(batch_id, row_index, row, text, status, corrected, updated_at, "
                          f"version, withdrawn) values (1, 0, '{{}}', '衡阳市某厂噪声扰民', '办理中', {false}, "
                          f"'2024-01-01', 3, {false})"))
        c.execute(sa.text("insert into reports(petition_id, \"user\", time, verified, findings, closure, review) "
                          "values (1, 'a', '2024-01-02', '属实', '属实', '已办结', 'approve')"))
        for action in ("handover", "reopen"):
            c.execute(sa.text("insert into case_events(petition_id, time, \"user\", action) "
                              f"values (1, '2024-01-03', 'a', '{action}')"))
    applied = store.migrate()  # 0006 first, then any later revision (0005_perf follows it)
    assert applied[0] == "0006" and applied == store.schema_revisions()[1][-len(applied):]
    p = store.petition(1)
    assert (p["reopened"], p["supervised"], p["spotcheck_pending"], p["same_as"]) == (1, False, 0, None)
    assert p["text"] == "衡阳市某厂噪声扰民" and p["version"] == 3
    assert store.followup_extras([1])["reports"][1][0]["round"] == 1


def test_supervision_callback_and_check_answer_from_their_own_transaction(client, monkeypatch):
    """督办, 回访 and a spot check's check answer with the case read inside the change's own transaction: were the
    database unreachable the moment after the commit, the answer is still the change (never a 503 for a change
    made, which a clerk would make again)."""
    ed, hy = token(client, "ed"), token(client, "hy")
    rows = [[f"T-{i:02d}", "衡阳市雁峰区", "噪声", f"衡阳市雁峰区某工地夜间施工噪声扰民（第{i}件）"] for i in range(1, 4)]
    upload(client, ed, table(rows), handover_date="2024-05-15", reply_days="15")
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    for key in ("T-02", "T-03"):
        approve(client, ids[key], ed, hy)
    drawn = client.post("/api/v1/spotchecks", json={**PERIOD, "rate": 0.5, "seed": 3}, headers=ed).json()
    store = client.app.state.workbench.store
    outside = []

    def only_inside(name):
        real = getattr(store, name)

        def read(*args, **kw):
            if (kw.get("s") or kw.get("session") or next((a for a in args if hasattr(a, "execute")), None)) is None:
                outside.append(name)
                raise RuntimeError(f"{name} read outside the change's transaction")
            return real(*args, **kw)
        monkeypatch.setattr(store, name, read)

    for name in ("case_extras", "followup_extras", "units", "batch"):
        only_inside(name)
    r = client.post(f"/api/v1/petitions/{ids['T-01']}/supervise", json={"due_date": LATER, "note": "限期"},
                    headers=ed)
    assert r.status_code == 200, r.text
    assert r.json()["due_date"] == LATER and r.json()["supervised"]
    r = client.post(f"/api/v1/petitions/{ids['T-02']}/callback", json={"result": "满意"}, headers=ed)
    assert r.status_code == 200, r.text
    assert r.json()["callbacks"][-1]["result"] == "满意"
    pid = drawn["petitions"][0]
    r = client.post(f"/api/v1/spotchecks/{drawn['id']}/items/{pid}", json={"passed": True}, headers=ed)
    assert r.status_code == 200, r.text
    assert r.json()["spotchecks"][0]["passed"] is True
    assert outside == []


def test_a_sentence_without_a_reached_complainant_says_so_in_words():
    """Every complainant called was 未联系上: the 专报's sentence says there is no 满意度 yet, never a bare dash."""
    from petitionnlp.office.figures import loop_sentence

    said = loop_sentence({"satisfaction": {"called": 1, "满意": 0, "基本满意": 0, "不满意": 0, "未联系上": 1,
                                           "rate": None}})
    assert "均未联系上，暂无满意度" in said and "—" not in said


def test_the_public_table_publishes_in_simplified_characters():
    """A petition written in traditional characters is published in simplified ones, redacted as ever."""
    from petitionnlp.office.figures import _public_text

    got = _public_text("益陽市赫山區某養豬場糞污直排，舉報人電話13974712345")
    assert "益阳市赫山区某养猪场粪污直排" in got and "13974712345" not in got and "【电话】" in got


def test_an_audit_detail_gives_a_share_as_a_percentage():
    # a spot check's 抽查比例 0.5 is read 50% on the audit page, not 0.5
    from petitionnlp.office.labels import detail_items

    assert dict(detail_items({"rate": 0.5}))["抽查比例"] == "50%"
    assert dict(detail_items({"rate": 0.125}))["抽查比例"] == "12.5%"
