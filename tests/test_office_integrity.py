"""Case integrity (issue 25; CONTRACT.md "Case integrity"), on SQLite and PostgreSQL: one lifecycle table for every
path (409 with the steps allowed now, nothing written), accept / reject / reopen, a batch's dates corrected and a
batch withdrawn, the hand-over date of a title row in CSV, TSV and XLSX alike, the table's own types as the types
of record, places from the gazetteer only, and — after every path that changes a status — progress, the 专报
(JSON and Word), the 公开表 and the statistics giving the same numbers."""

import csv
import datetime
import io
import json
import re

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook

from conftest import run_cli
from test_web_lifecycle import _csrf, _session

from petitionnlp.office.clock import office_today

LATER = (office_today() + datetime.timedelta(days=30)).isoformat()  # a 督办 deadline: never before today

REPORT = {"verified": "属实", "findings": "经现场核查，情况属实。", "actions": "已责令整改。", "closure": "已办结",
          "counts": {"rectify": 1}}
HEAD = ["受理编号", "行政区域", "污染类型", "交办问题基本情况"]
ROWS = [["C-01", "衡阳市雁峰区", "噪声、扬尘", "衡阳市雁峰区某搅拌站夜间施工噪声扰民，扬尘严重，居民无法入睡。"],
        ["C-02", "衡阳市雁峰区", "", "衡阳市雁峰区某化工厂夜间偷排废水，河水发黑发臭。"],
        ["C-03", "岳阳市", "水", "岳阳市岳阳楼区某餐馆油烟直排，气味刺鼻。"],
        ["C-04", "岳阳市", "", "岳阳市平江县某采石场粉尘污染严重，道路扬尘。"],
        ["C-05", "衡阳市雁峰区", "", "衡阳市雁峰区某养殖场粪污直排小河。"],
        ["C-06", "衡阳市雁峰区", "", "衡阳市雁峰区某工地夜间打桩噪声扰民。"]]
USERS = (("ed", "editor", None), ("vi", "viewer", None), ("admin", "admin", None), ("hy", "unit", "衡阳市雁峰区"),
         ("yy", "unit", "岳阳市"))


def make_office(store):
    """Units and accounts, through the office's own functions (as the command line makes them)."""
    from petitionnlp.office.accounts import add_user
    from petitionnlp.office.units import add_unit

    add_unit(store, "衡阳市雁峰区", "湖南省/衡阳市/雁峰区")
    add_unit(store, "岳阳市", "湖南省/岳阳市")
    for name, role, unit in USERS:
        unit_id = store.unit(name=unit)["id"] if unit else None
        add_user(store, name, f"{name}-password-1", role, unit_id)


@pytest.fixture()
def client(backend):
    from petitionnlp.web.app import create_app

    app = create_app(backend["data_dir"], background=False, db_url=backend["db_url"])
    make_office(app.state.workbench.store)
    with TestClient(app) as c:
        c.backend = backend
        yield c


def token(client, name):
    r = client.post("/api/v1/token", data={"username": name, "password": f"{name}-password-1"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def table(rows=ROWS, head=HEAD, titles=(), fmt="csv") -> bytes:
    lines = [list(t) for t in titles] + [head] + [list(r) for r in rows]
    if fmt == "xlsx":
        wb = Workbook()
        ws = wb.active
        for line in lines:
            ws.append(line)
        if titles:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(head))
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()
    buf = io.StringIO()
    csv.writer(buf, delimiter="\t" if fmt == "tsv" else ",").writerows(lines)
    return buf.getvalue().encode("utf-8")


def upload(client, headers, content=None, name="交办表.csv", **form):
    r = client.post("/api/v1/batches", files={"file": (name, content if content is not None else table())},
                    data=form, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()


def cases(client, headers, **params):
    r = client.get("/api/v1/petitions", params=params, headers=headers)
    assert r.status_code == 200, r.text
    return {p["receipt_id"]: p for p in r.json()["petitions"]}


def login(client, name):
    """A browser session of ``name``; the CSRF token of its forms."""
    return _csrf(client.get(_session(client, name)).text)


def agree(client, ed, where: str, period=("2024-05-01", "2024-05-31")):
    """进度, the 专报 (JSON and Word), the 公开表 and the statistics give the same numbers for the period."""
    from docx import Document

    q = {"from": period[0], "to": period[1]}
    pr = client.get("/api/v1/progress", params=q, headers=ed).json()
    js = client.get("/api/v1/report", params={**q, "format": "json"}, headers=ed).json()
    pub = client.get("/api/v1/public", params={**q, "format": "json"}, headers=ed).json()["rows"]
    st = client.get("/api/v1/stats", params=q, headers=ed).json()
    doc = Document(io.BytesIO(client.get("/api/v1/report", params={**q, "format": "docx"}, headers=ed).content))
    total = [c.text for c in doc.tables[0].rows[-1].cells]
    assert {k: js[k] for k in pr if k != "today"} == {k: v for k, v in pr.items() if k != "today"}, where
    assert pr["closed"] + pr["staged"] == len(pub), where
    assert len({r["受理编号"] for r in pub}) == len(pub), where  # each case once
    whole = st["closure"][-1]
    assert whole["region"] == "合计", where
    assert (whole["total"], whole["closed"], whole["staged"], whole["overdue"]) == (
        pr["total"], pr["closed"], pr["staged"], pr["overdue"]), where
    assert st["table"][-1]["移交件数"] == pr["total"] and st["rejected"] == pr["rejected"], where
    head = [c.text for c in doc.tables[0].rows[0].cells]  # issue 26: 序号 first, 合计 over 序号 and 责任单位
    assert [total[head.index(h)] for h in ("责任单位", "交办件数", "已办结", "阶段性办结", "尚在办理", "逾期")] == [
        "合计", str(pr["total"]), str(pr["closed"]), str(pr["staged"]), str(pr["in_progress"]), str(pr["overdue"])], where
    assert sum(pr["by_status"].values()) == pr["total"] + pr["rejected"], where
    return pr


# ------------------------------------------------------------------------------------------ the lifecycle

def test_one_lifecycle_table_with_409_and_the_steps_allowed_now(client):
    ed, hy, yy, vi, admin = (token(client, n) for n in ("ed", "hy", "yy", "vi", "admin"))
    upload(client, ed, handover_date="2024-05-15", reply_days="15")
    got = cases(client, ed)
    c1, c2, c3 = got["C-01"], got["C-02"], got["C-03"]
    assert c1["status"] == "待办" and c1["unit"] == "衡阳市雁峰区"
    assert c1["allowed"] == ["assign", "accept", "report", "reject", "supervise"]
    assert cases(client, hy)["C-01"]["allowed"] == ["accept", "report"]
    assert cases(client, vi)["C-01"]["allowed"] == []
    pid = c1["id"]

    def refused(r, allowed, status):
        assert r.status_code == 409, r.text
        body = r.json()
        assert body["allowed"] == allowed and body["status"] == status and body["error"], body

    before = client.get(f"/api/v1/petitions/{pid}", headers=ed).json()
    # a PATCH that sets a closing status itself is refused, and nothing of it is written
    for status in ("已办结", "阶段性办结", "待审核", "不受理"):
        refused(client.patch(f"/api/v1/petitions/{pid}", json={"status": status, "pollution_types": ["水"]},
                             headers=ed), ["assign", "accept", "report", "reject", "supervise"], "待办")
    after = client.get(f"/api/v1/petitions/{pid}", headers=ed).json()
    assert after == before  # not the types either: one change, all or nothing
    refused(client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"}, headers=ed),
            ["assign", "accept", "report", "reject", "supervise"], "待办")
    refused(client.post(f"/api/v1/petitions/{pid}/reopen", json={"reason": "x"}, headers=ed),
            ["assign", "accept", "report", "reject", "supervise"], "待办")
    # accept (签收) by its own unit; another unit does not find the case at all
    assert client.post(f"/api/v1/petitions/{pid}/accept", headers=yy).status_code == 404
    r = client.post(f"/api/v1/petitions/{pid}/accept", json={"version": 1}, headers=hy)
    assert r.status_code == 200 and r.json()["status"] == "办理中" and r.json()["version"] == 2
    refused(client.post(f"/api/v1/petitions/{pid}/accept", headers=hy), ["report"], "办理中")
    refused(client.patch(f"/api/v1/petitions/{pid}", json={"unit": "岳阳市"}, headers=ed), ["report", "supervise"],
            "办理中")
    r = client.post(f"/api/v1/petitions/{pid}/report", json={**REPORT, "version": 1}, headers=hy)
    assert r.status_code == 409 and r.json()["version"] == 2  # stale
    assert client.post(f"/api/v1/petitions/{pid}/report", json=REPORT, headers=hy).json()["status"] == "待审核"
    refused(client.post(f"/api/v1/petitions/{pid}/report", json=REPORT, headers=hy), [], "待审核")
    assert client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"}, headers=ed).status_code == 200
    refused(client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"}, headers=ed),
            ["reopen", "callback"],
            "已办结")
    # reopen (editor, with a reason) → 办理中, and the unit reports again
    assert client.post(f"/api/v1/petitions/{pid}/reopen", json={}, headers=ed).status_code == 422
    assert client.post(f"/api/v1/petitions/{pid}/reopen", json={"reason": "回访不满意"}, headers=hy).status_code == 403
    r = client.post(f"/api/v1/petitions/{pid}/reopen", json={"reason": "回访不满意"}, headers=ed)
    assert r.status_code == 200 and r.json()["status"] == "办理中" and r.json()["allowed"] == ["report", "supervise"]
    history = [h["action"] for h in r.json()["history"]]
    assert history == ["handover", "accept", "report", "approve", "reopen"]
    # reject (不受理) from 待办 only, with a reason; counted apart from the 办结率
    r = client.post(f"/api/v1/petitions/{c2['id']}/reject", json={"reason": "重复件", "duplicate_of": pid}, headers=ed)
    assert r.status_code == 200 and r.json()["status"] == "不受理" and r.json()["allowed"] == ["reopen"]
    assert r.json()["history"][-1]["detail"]["duplicate_of"] == pid
    client.post(f"/api/v1/petitions/{c3['id']}/accept", headers=yy)
    refused(client.post(f"/api/v1/petitions/{c3['id']}/reject", json={"reason": "x"}, headers=ed),
            ["report", "supervise"], "办理中")
    bad = client.post(f"/api/v1/petitions/{got['C-04']['id']}/reject", json={"reason": "x", "duplicate_of": 10 ** 9},
                      headers=ed)
    assert bad.status_code == 422 and cases(client, ed)["C-04"]["status"] == "待办"
    pr = client.get("/api/v1/progress", headers=ed).json()
    assert pr["rejected"] == 1 and pr["total"] == len(ROWS) - 1 and pr["by_status"]["不受理"] == 1
    events = {e["action"] for e in client.get("/api/v1/audit", headers=admin).json()["events"]}
    assert {"accept", "report", "approve", "reopen", "reject"} <= events
    # the queue's page offers only the steps open now: no status box that closes a case
    csrf = login(client, "ed")
    page = client.get(f"/batches/{c1['batch_id']}").text
    assert 'value="已办结"' not in page and "<option>已办结</option>" not in page and "<option>阶段性办结</option>" not in page
    assert page.count('title="签收"') == 3  # the cases still 待办: C-04, C-05, C-06
    r = client.post(f"/petitions/{pid}", data={"csrf_token": csrf, "status": "已办结", "next": "/batches"})
    assert "未保存" in r.text and cases(client, ed)["C-01"]["status"] == "办理中"
    # the case page: 签收 and 不受理 where open, the report form only where a report is
    page = client.get(f"/cases/{got['C-04']['id']}").text
    assert 'value="accept"' in page and 'value="reject"' in page and 'value="reopen"' not in page
    r = client.post(f"/cases/{got['C-04']['id']}/step", data={"csrf_token": csrf, "step": "reject", "reason": "非环境问题"})
    assert "已作不受理处理" in r.text and cases(client, ed)["C-04"]["status"] == "不受理"
    r = client.post(f"/cases/{got['C-04']['id']}/step", data={"csrf_token": csrf, "step": "reopen", "reason": ""})
    assert "未完成" in r.text and cases(client, ed)["C-04"]["status"] == "不受理"


# ------------------------------------------------------------------------------------- batch corrections

@pytest.mark.parametrize("fmt", ["csv", "tsv", "xlsx"])
def test_a_title_rows_handover_date_in_every_table_format(client, fmt):
    ed = token(client, "ed")
    titles = [["中央生态环境保护督察组交办信访件（第3批）"], ["交办时间：2017年5月15日"]]
    got = upload(client, ed, table(ROWS[:2], titles=titles, fmt=fmt), name=f"第3批.{fmt}")
    assert got["handover_date"] == "2017-05-15" and got["handover_source"] == "title", got
    assert "标题行" in got["handover_from"]
    assert all(p["handover_date"] == "2017-05-15" for p in cases(client, ed).values())
    other = upload(client, ed, table([["D-1", "岳阳市", "", "岳阳市某厂噪声"]], titles=[["交办日期：2017-05-16"]],
                                     fmt=fmt), name=f"b.{fmt}", handover_date="2017-06-01")
    assert other["handover_date"] == "2017-06-01" and other["handover_source"] == "form"


def test_a_row_without_text_uploaded_again_with_its_text_becomes_a_case(client):
    """A row of the 交办表 with no text cannot be read (无法分类：正文为空) and is no case; the table corrected and
    uploaded again must store it — it was counted as already there and stayed out of every list and figure."""
    ed = token(client, "ed")
    first = upload(client, ed, table([["E-1", "岳阳市", "", ""], ["E-2", "岳阳市", "", "岳阳市某厂噪声扰民"]]),
                   name="缺正文.csv", handover_date="2024-05-15")
    assert "E-1" not in cases(client, ed) and "E-2" in cases(client, ed)
    login(client, "ed")  # its page says what to do with the row
    page = client.get(f"/batches/{first['batch_id']}").text
    assert 'id="unreadable-rows"' in page and "1 行无法分类" in page and "重新上传同一张表" in page
    before = client.get("/api/v1/progress", headers=ed).json()["total"]
    again = upload(client, ed, table([["E-1", "岳阳市", "", "岳阳市某砖厂烟尘扰民"], ["E-2", "岳阳市", "", "岳阳市某厂噪声扰民"]]),
                   name="补正文.csv", handover_date="2024-05-15")
    assert again["existing"] == 1  # E-2 only
    got = cases(client, ed)
    assert "E-1" in got and got["E-1"]["text"] == "岳阳市某砖厂烟尘扰民"
    assert client.get("/api/v1/progress", headers=ed).json()["total"] == before + 1


def test_a_batch_corrected_keeps_the_deadline_a_case_was_given_by_supervision(client):
    """督办 gives a case its own deadline; correcting the batch's hand-over date afterwards moves the other open
    cases' deadlines and the 督办 case's hand-over date, never its 督办 deadline (it was lost before), and says so."""
    ed = token(client, "ed")
    first = upload(client, ed, table(ROWS[2:]), name="督办批.csv", handover_date="2024-05-15", reply_days="15")
    got = cases(client, ed, batch_id=first["batch_id"])
    pid = got["C-03"]["id"]
    r = client.post(f"/api/v1/petitions/{pid}/supervise", json={"due_date": LATER, "note": "限期办结"},
                    headers=ed)
    assert r.status_code == 200 and r.json()["due_date"] == LATER
    r = client.patch(f"/api/v1/batches/{first['batch_id']}", json={"handover_date": "2024-05-20"}, headers=ed)
    assert r.status_code == 200 and r.json()["deadlines_kept"] == 1, r.json()
    after = cases(client, ed, batch_id=first["batch_id"])
    assert after["C-03"]["due_date"] == LATER and after["C-03"]["handover_date"] == "2024-05-20"
    others = [k for k in after if k != "C-03" and after[k]["status"] == "待办"]
    assert others and all(after[k]["due_date"] != got[k]["due_date"] for k in others)  # the batch's rule moved them
    token_ = login(client, "ed")
    page = client.post(f"/batches/{first['batch_id']}/dates", data={
        "handover_date": "2024-05-21", "reply_days": "15", "csrf_token": token_}, follow_redirects=True)
    assert "1 件督办或重新办理的信访件保留其办理期限" in page.text
    assert cases(client, ed, batch_id=first["batch_id"])["C-03"]["due_date"] == LATER


def test_a_batchs_dates_corrected_and_a_batch_withdrawn(client):
    ed, hy, admin, vi = (token(client, n) for n in ("ed", "hy", "admin", "vi"))
    today = upload(client, ed, table(ROWS[:2]), name="no-date.csv")
    assert today["handover_source"] == "today" and today["reply_days"] == 15 and today["working_days"] is True
    first = upload(client, ed, table(ROWS[2:]), name="第一批.csv", handover_date="2024-05-15", reply_days="15")
    batch = client.get(f"/api/v1/batches/{first['batch_id']}", headers=ed).json()
    assert {"batch_id", "filename", "rows", "handover_date", "reply_days", "working_days", "state",
            "withdrawn"} <= set(batch)
    # typed reply days count working days unless the upload says calendar days (CONTRACT: hand-over date + N working
    # days when working_days; the number typed counts as the rules count)
    assert (batch["handover_date"], batch["reply_days"], batch["working_days"], batch["withdrawn"]) == (
        "2024-05-15", 15, True, False)
    assert batch["reply_rule"] == "15个工作日" and batch["deadline_notice"] is None
    got = cases(client, ed, batch_id=first["batch_id"])
    closed = got["C-04"]["id"]
    client.post(f"/api/v1/petitions/{closed}/report", json=REPORT, headers=ed)
    client.post(f"/api/v1/petitions/{closed}/review", json={"decision": "approve"}, headers=ed)
    assert client.patch(f"/api/v1/batches/{first['batch_id']}", json={"reply_days": 10}, headers=hy).status_code == 403
    assert client.patch(f"/api/v1/batches/{first['batch_id']}", json={"handover_date": "2024-13-01"},
                        headers=ed).status_code == 422
    r = client.patch(f"/api/v1/batches/{first['batch_id']}", json={"handover_date": "2024-03-04", "reply_days": 10},
                     headers=ed)
    assert r.status_code == 200 and r.json()["handover_date"] == "2024-03-04" and r.json()["reply_days"] == 10
    after = cases(client, ed, batch_id=first["batch_id"])
    assert after["C-03"]["due_date"] == "2024-03-18" and after["C-03"]["handover_date"] == "2024-03-04"  # 10 working days
    assert after["C-04"]["due_date"] == got["C-04"]["due_date"] and after["C-04"]["handover_date"] == "2024-03-04"
    assert after["C-03"]["history"][-1]["action"] == "redate" and after["C-03"]["version"] == 2
    r = client.patch(f"/api/v1/batches/{first['batch_id']}", json={"working_days": False}, headers=ed)
    assert r.json()["reply_rule"] == "10天（自然日）"
    assert cases(client, ed, batch_id=first["batch_id"])["C-03"]["due_date"] == "2024-03-14"  # 10 calendar days
    assert any(e["action"] == "redate" and e["target"] == f"batch:{first['batch_id']}"
               for e in client.get("/api/v1/audit", headers=admin).json()["events"])
    # a batch with a report is not withdrawn; one without is, and its cases leave every list and figure
    r = client.post(f"/api/v1/batches/{first['batch_id']}/withdraw", json={"reason": "误传"}, headers=ed)
    assert r.status_code == 409 and "error" in r.json()
    before = client.get("/api/v1/progress", headers=ed).json()
    second = upload(client, ed, table([["W-1", "衡阳市雁峰区", "", "衡阳市雁峰区某砖厂烟尘扰民"]]), name="误传.csv",
                    handover_date="2024-05-15")
    wid = cases(client, ed)["W-1"]["id"]
    assert client.post(f"/api/v1/batches/{second['batch_id']}/withdraw", json={"reason": "误传"},
                       headers=vi).status_code == 403
    r = client.post(f"/api/v1/batches/{second['batch_id']}/withdraw", json={"reason": "误传了上一批的表"}, headers=ed)
    assert r.status_code == 200 and r.json()["withdrawn"] is True
    assert "W-1" not in cases(client, ed) and "W-1" not in cases(client, hy)
    assert client.get("/api/v1/progress", headers=ed).json()["total"] == before["total"]
    assert client.get(f"/api/v1/petitions/{wid}", headers=ed).status_code == 404
    assert client.get(f"/api/v1/petitions/{wid}", headers=hy).status_code == 404
    seen = client.get(f"/api/v1/petitions/{wid}", headers=admin)
    assert seen.status_code == 200 and seen.json()["withdrawn"] is True and seen.json()["allowed"] == []
    assert client.post(f"/api/v1/petitions/{wid}/accept", headers=admin).status_code == 409
    assert client.get(f"/api/v1/batches/{second['batch_id']}/petitions", headers=ed).json()["petitions"] == []
    assert not client.get("/api/v1/search", params={"q": "砖厂"}, headers=ed).json()
    assert not client.get("/api/v1/search", params={"q": "砖厂"}, headers=vi).json()
    x = client.get(f"/api/v1/batches/{second['batch_id']}/export.xlsx", headers=ed)
    assert len(list(load_workbook(io.BytesIO(x.content)).active.iter_rows())) == 1  # the header only
    listed = {b["batch_id"]: b for b in client.get("/api/v1/batches", headers=ed).json()["batches"]}
    assert listed[second["batch_id"]]["withdrawn"] and listed[second["batch_id"]]["withdrawn_reason"] == "误传了上一批的表"
    assert any(e["action"] == "withdraw" and e["detail"]["reason"] == "误传了上一批的表"
               for e in client.get("/api/v1/audit", headers=admin).json()["events"])
    # the same table again is stored anew
    again = upload(client, ed, table([["W-1", "衡阳市雁峰区", "", "衡阳市雁峰区某砖厂烟尘扰民"]]), name="误传.csv")
    assert again["existing"] == 0 and cases(client, ed)["W-1"]["id"] != wid
    assert client.get("/api/v1/search", params={"q": "砖厂"}, headers=ed).json()
    # the batch page offers both corrections to an editor, and says a withdrawn batch is withdrawn
    login(client, "ed")
    assert 'id="redate"' in client.get(f"/batches/{first['batch_id']}").text
    assert 'id="withdrawn"' in client.get(f"/batches/{second['batch_id']}").text


# --------------------------------------------------------------------------------------- types and places

def test_the_tables_own_types_are_the_record(client):
    ed, vi = token(client, "ed"), token(client, "vi")
    upload(client, ed, handover_date="2024-05-15")
    got = cases(client, ed)
    c1, c3, c2 = got["C-01"], got["C-03"], got["C-02"]
    assert c1["pollution_types"] == ["大气", "噪声"] and c1["types_source"] == "交办表"  # 噪声、扬尘, taxonomy order
    assert c1["model_types"] and all(t in ("水", "大气", "土壤", "海洋", "生态", "辐射", "噪声", "其他")
                                     for t in c1["model_types"])
    assert c3["pollution_types"] == ["水"] and c3["types_source"] == "交办表" and c3["model_types"] != ["水"]
    assert c2["types_source"] == "模型" and c2["pollution_types"] == c2["model_types"]
    r = client.patch(f"/api/v1/petitions/{c2['id']}", json={"pollution_types": ["土壤"]}, headers=ed)
    assert r.json()["types_source"] == "更正" and r.json()["model_types"] == c2["model_types"]
    pr = client.get("/api/v1/progress", headers=ed).json()
    counted = {t: 0 for t in pr["by_type"]}
    for p in cases(client, ed).values():
        for t in p["pollution_types"]:
            counted[t] += 1
    assert pr["by_type"] == counted  # the record, not the model's guess
    stats = client.get("/api/v1/stats", headers=ed).json()
    assert stats["table"][-1]["水"] == counted["水"]
    x = client.get(f"/api/v1/batches/{c1['batch_id']}/export.xlsx", headers=ed)
    sheet = list(load_workbook(io.BytesIO(x.content)).active.iter_rows(values_only=True))
    assert sheet[1][sheet[0].index("污染类型")] == "大气、噪声"
    login(client, "ed")
    assert "模型判断" in client.get(f"/cases/{c3['id']}").text  # shown where they differ


def test_places_come_from_the_gazetteer_only(client):
    ed = token(client, "ed")
    upload(client, ed, handover_date="2024-05-15")
    pid = cases(client, ed)["C-03"]["id"]
    r = client.patch(f"/api/v1/petitions/{pid}", json={"county": "常宁"}, headers=ed)
    assert r.status_code == 200
    assert (r.json()["province"], r.json()["city"], r.json()["county"]) == ("湖南省", "衡阳市", "常宁市")
    r = client.patch(f"/api/v1/petitions/{pid}", json={"city": "邵阳市"}, headers=ed)
    assert (r.json()["province"], r.json()["city"], r.json()["county"]) == ("湖南省", "邵阳市", None)
    r = client.patch(f"/api/v1/petitions/{pid}", json={"region": "湖北省/武汉市/江岸区"}, headers=ed)
    assert (r.json()["province"], r.json()["city"], r.json()["county"]) == ("湖北省", "武汉市", "江岸区")
    for bad in ({"county": "常宁县城"}, {"city": "衡杨市"}, {"region": "湖南省/长沙市/没有这个区"}):
        r = client.patch(f"/api/v1/petitions/{pid}", json=bad, headers=ed)
        assert r.status_code == 422 and set(r.json()) == {"error", "suggestions"}, r.text
        assert len(r.json()["suggestions"]) <= 5
    r = client.patch(f"/api/v1/petitions/{pid}", json={"city": "衡杨市"}, headers=ed)
    assert "湖南省/衡阳市" in r.json()["suggestions"]
    r = client.patch(f"/api/v1/petitions/{pid}", json={"county": "鼓楼区"}, headers=ed)  # four of them in China
    assert r.status_code == 422 and len(r.json()["suggestions"]) == 4
    assert client.get(f"/api/v1/petitions/{pid}", headers=ed).json()["county"] == "江岸区"  # nothing half-done
    csrf = login(client, "ed")
    page = client.get(f"/cases/{pid}").text
    assert '<datalist id="paths">' in page and "湖北省/武汉市/江岸区" in page  # the choice list
    r = client.post(f"/petitions/{pid}", data={"csrf_token": csrf, "region": "湖南省/衡阳市/没有县",
                                              "next": f"/cases/{pid}"})
    assert "可选" in r.text and "湖南省/衡阳市/" in r.text


def _ticked(page: str) -> set[int]:
    return {int(i) for i in re.findall(r'name="ids" value="(\d+)" form="bulk" checked', page)}


def test_a_refused_bulk_form_or_place_correction_gives_the_page_back_with_what_was_typed(client):
    """The review list's 退回 with its reason, the case list's 交办 and a place corrected (from the case page and
    from the batch's queue): on a refusal the same page at once (422), the message, and what was typed."""
    ed, hy = token(client, "ed"), token(client, "hy")
    batch_id = upload(client, ed, handover_date="2024-05-15")["batch_id"]
    got = cases(client, ed)
    c1, c5, c2 = got["C-01"]["id"], got["C-05"]["id"], got["C-02"]["id"]
    for pid in (c1, c5):
        assert client.post(f"/api/v1/petitions/{pid}/report", json=REPORT, headers=hy).status_code == 200
    csrf = login(client, "ed")
    assert _ticked(client.get("/review").text) == set()
    reason = "未附整改前后对比照片，请补充后重新报送。" * 120  # longer than a reason may be
    r = client.post("/cases/bulk", data={"csrf_token": csrf, "action": "return", "reason": reason,
                                         "ids": [str(c1), str(c5)], "next": "/review"})
    assert r.status_code == 422 and "已退回 0 件，2 件未完成：" in r.text and "超过 2000 字" in r.text, r.text[-600:]
    assert f'value="{reason}"' in r.text and _ticked(r.text) == {c1, c5}
    assert {p["status"] for p in cases(client, ed).values() if p["id"] in (c1, c5)} == {"待审核"}
    # a reason left out: the whole form refused, the cases still ticked
    r = client.post("/cases/bulk", data={"csrf_token": csrf, "action": "return", "reason": " ",
                                         "ids": [str(c1)], "next": "/review"})
    assert r.status_code == 422 and "未退回：退回须写明理由" in r.text and _ticked(r.text) == {c1}
    # the case list's 交办: the case that may no longer be handed over stays ticked, the unit chosen kept
    r = client.post("/cases/bulk", data={"csrf_token": csrf, "action": "assign", "unit": "岳阳市",
                                         "ids": [str(c1), str(c2)], "next": "/cases?status="})
    assert r.status_code == 422 and "已交办 1 件，1 件未完成：" in r.text and _ticked(r.text) == {c1}
    assert "<option selected>岳阳市</option>" in r.text.replace("<option selected >", "<option selected>")
    assert cases(client, ed)["C-02"]["unit"] == "岳阳市"
    # a place the gazetteer does not know, from the case page: the page again with the place as typed
    r = client.post(f"/petitions/{c2}", data={"csrf_token": csrf, "region": "湖南省/衡阳市/雁峰去",
                                              "next": f"/cases/{c2}"})
    assert r.status_code == 422 and "未保存：地名库中没有" in r.text and "[O209]" not in r.text and 'value="湖南省/衡阳市/雁峰去"' in r.text
    # from the batch's queue: that row with the types and the place as typed, nothing half-saved
    r = client.post(f"/petitions/{c2}", data={"csrf_token": csrf, "pollution_types": ["水", "土壤"], "city": "衡阳市",
                                              "county": "雁峰去", "next": f"/batches/{batch_id}?sort=row#p{c2}"})
    assert r.status_code == 422 and "未保存：地名库中没有" in r.text and "[O209]" not in r.text and "可选" in r.text, r.text[-600:]
    row = r.text[r.text.index(f'id="e{c2}"'):r.text.index(f'id="p{c5}"')]
    assert 'value="雁峰去"' in row and 'value="土壤" checked' in row and 'value="水" checked' in row
    assert f'value="/batches/{batch_id}?sort=row#p{c2}"' in row  # and it goes back to the same place
    assert cases(client, ed)["C-02"]["pollution_types"] != ["水", "土壤"]
    # a unit handler naming /review as the page to come back to does not get the review list (its GET is the
    # office's): the message goes back by redirect, to a page the unit may not open
    csrf = login(client, "hy")
    assert client.get("/review").status_code == 403
    r = client.post("/cases/bulk", data={"csrf_token": csrf, "action": "accept", "ids": [str(c1)], "next": "/review"},
                    follow_redirects=False)
    assert r.status_code == 303 and 'id="bulk-approve"' not in r.text, (r.status_code, r.text[-300:])


def test_a_refused_place_correction_whose_next_names_no_batch_shows_the_case_form_with_what_was_typed(client):
    """A hand-made 'next' (a batch that is not there, a page that shows no form) does not turn a refused correction
    into the 404 page or a redirect: the case page's form again (422), what was typed in it, its CSRF token, and a
    way back that opens."""
    ed = token(client, "ed")
    upload(client, ed, handover_date="2024-05-15")
    c2 = cases(client, ed)["C-02"]["id"]
    csrf = login(client, "ed")
    for nxt in ("/batches/99999?sort=row", "/batches", "/cases?status="):
        r = client.post(f"/petitions/{c2}", data={"csrf_token": csrf, "region": "湖南省/衡阳市/雁峰去", "next": nxt},
                        follow_redirects=False)
        assert r.status_code == 422 and "未保存：地名库中没有" in r.text and "[O209]" not in r.text, (nxt, r.status_code, r.text[-300:])
        form = r.text[r.text.index('id="place"'):]
        form = form[:form.index("</form>")]
        assert 'value="湖南省/衡阳市/雁峰去"' in form and f'value="{csrf}"' in form and f'value="/cases/{c2}"' in form
    # a queue row's form (types, city, county) sent with a batch that is not there: the types and place as typed
    r = client.post(f"/petitions/{c2}", data={"csrf_token": csrf, "pollution_types": ["水", "土壤"], "city": "衡阳市",
                                              "county": "雁峰去", "next": f"/batches/99999?sort=row#p{c2}"},
                    follow_redirects=False)
    assert r.status_code == 422 and "未保存：地名库中没有" in r.text and "[O209]" not in r.text, (r.status_code, r.text[-300:])
    form = r.text[r.text.index('id="place"'):]
    form = form[:form.index("</form>")]
    assert 'value="雁峰去"' in form and 'value="衡阳市"' in form and f'value="{csrf}"' in form
    assert 'value="水" checked' in form and 'value="土壤" checked' in form and 'value="大气" checked' not in form
    assert cases(client, ed)["C-02"]["pollution_types"] != ["水", "土壤"]  # nothing half-saved


def test_the_batch_pages_bulk_handover_refused_gives_the_queue_back_ticked_with_the_unit_chosen(client):
    """The batch page's 批量交办 (its page rendered by the batches' routes, the form posted to the cases'): a case
    that may no longer be handed over comes back on the same queue at once (422), still ticked, the unit chosen
    kept, the others handed over; a 'next' naming no batch gives the case list, ticked the same."""
    ed, hy = token(client, "ed"), token(client, "hy")
    batch_id = upload(client, ed, handover_date="2024-05-15")["batch_id"]
    got = cases(client, ed)
    c1, c2, c6 = got["C-01"]["id"], got["C-02"]["id"], got["C-06"]["id"]
    assert client.post(f"/api/v1/petitions/{c1}/accept", headers=hy).status_code == 200  # 办理中: not to hand over
    csrf = login(client, "ed")
    page = client.get(f"/batches/{batch_id}?sort=row").text
    assert _ticked(page) == set() and 'id="bulk-assign"' in page
    r = client.post("/cases/bulk", data={"csrf_token": csrf, "action": "assign", "unit": "岳阳市",
                                         "ids": [str(c1), str(c2)], "next": f"/batches/{batch_id}?sort=row"},
                    follow_redirects=False)
    assert r.status_code == 422 and "已交办 1 件，1 件未完成：" in r.text, (r.status_code, r.text[-300:])
    assert 'id="bulk-assign"' in r.text and f'id="p{c6}"' in r.text and _ticked(r.text) == {c1}  # the queue
    assert "<option selected>岳阳市</option>" in r.text.replace("<option selected >", "<option selected>")
    assert f'name="next" value="/batches/{batch_id}?sort=row"' in r.text and f'value="{csrf}"' in r.text
    now = cases(client, ed)
    assert now["C-02"]["unit"] == "岳阳市" and now["C-01"]["unit"] == "衡阳市雁峰区"
    # a batch that is not there: the case list, ticked, the unit kept (not the 404 page)
    r = client.post("/cases/bulk", data={"csrf_token": csrf, "action": "assign", "unit": "岳阳市", "ids": [str(c1)],
                                         "next": "/batches/99999"}, follow_redirects=False)
    assert r.status_code == 422 and "已交办 0 件，1 件未完成" in r.text and _ticked(r.text) == {c1}, r.status_code
    assert "<option selected>岳阳市</option>" in r.text.replace("<option selected >", "<option selected>")


def test_the_pages_a_refusal_shows_again_hide_a_planted_person_from_viewers_and_other_units(client):
    """The pages this session shows again after a refusal — the batch page's bulk 交办, a place correction whose
    'next' names no batch, the bulk notices naming each refused case — posted by a viewer and by another unit
    (with its own session and token): never the planted name, phone or ID number, nor the case's 受理编号 for a
    case that is not its own."""
    name, phone, pid = "司马建国", "13912345678", "430102199003077735"
    rows = [["S-01", "衡阳市雁峰区", "大气", f"举报人{name}（电话{phone}，身份证号{pid}）反映衡阳市雁峰区某化工厂夜间偷排废气。"]]
    ed = token(client, "ed")
    batch_id = upload(client, ed, table(rows), handover_date="2024-05-15")["batch_id"]
    c1 = cases(client, ed)["S-01"]["id"]
    for who in ("vi", "yy"):
        csrf = login(client, who)
        answers = [client.post("/cases/bulk", data={"csrf_token": csrf, "action": action, "unit": "岳阳市",
                                                    "ids": [str(c1)], "next": nxt})
                   for action in ("assign", "accept") for nxt in (f"/batches/{batch_id}?sort=row", "/batches/99999",
                                                                  "/cases")]
        answers.append(client.post(f"/petitions/{c1}", data={"csrf_token": csrf, "region": "湖南省/衡阳市/雁峰去",
                                                             "next": "/batches/99999"}))
        answers.append(client.post("/api/v1/petitions/bulk", json={"ids": [c1], "action": "accept"},
                                   headers=token(client, who)))
        for r in answers:
            assert r.status_code in (200, 403, 404, 422), r.status_code
            for planted in (name, phone, pid, "S-01"):
                assert planted not in r.text, (who, r.request.url, planted)


def test_a_bulk_notice_names_every_refused_case_and_its_reason_once(client):
    """Every refused case of a bulk form is named (by its 受理编号) with its reason, the cases refused for the same
    reason together; an id typed for another unit's case, or for none, is named by that id only."""
    ed, hy = token(client, "ed"), token(client, "hy")
    upload(client, ed, handover_date="2024-05-15")
    got = cases(client, ed)
    c1, c2, c3, c5, c6 = (got[k]["id"] for k in ("C-01", "C-02", "C-03", "C-05", "C-06"))
    for pid in (c1, c5):
        assert client.post(f"/api/v1/petitions/{pid}/accept", headers=hy).status_code == 200
    assert client.post(f"/api/v1/petitions/{c6}/report", json=REPORT, headers=hy).status_code == 200
    csrf = login(client, "ed")
    r = client.post("/cases/bulk", data={"csrf_token": csrf, "action": "assign", "unit": "岳阳市", "next": "/cases",
                                         "ids": [str(c1), str(c2), str(c5), str(c6), "99999"]})
    assert r.status_code == 422, r.status_code
    said = re.search(r"已交办 1 件，4 件未完成：[^<]*", r.text).group(0)
    assert said.startswith("已交办 1 件，4 件未完成：C-01、C-05：当前状态 办理中 不能"), said
    assert "；C-06：当前状态 待审核 不能" in said and said.endswith("；信访件 99999：没有这件信访件"), said
    assert said.count("办理中") == 1 and "C-02" not in said
    # the API's answer names them too
    r = client.post("/api/v1/petitions/bulk", json={"ids": [c1, c5], "action": "accept"}, headers=ed)
    assert [(f["id"], f["name"]) for f in r.json()["failed"]] == [(c1, "C-01"), (c5, "C-05")]
    # a unit handler's ids of another unit's case: named by the id it typed, never by that case's 受理编号
    csrf = login(client, "hy")
    r = client.post("/cases/bulk", data={"csrf_token": csrf, "action": "accept", "next": "/cases",
                                         "ids": [str(c3), str(c1)]})
    said = re.search(r"已签收 0 件，2 件未完成：[^<]*", r.text).group(0)
    assert r.status_code == 422 and f"信访件 {c3}：没有这件信访件" in said and "C-03" not in said and "C-01：" in said, said
    # many refused for one reason: the first ten named, the rest counted (the notice may travel in an address)
    csrf = login(client, "ed")
    many = [str(90000 + i) for i in range(40)]
    r = client.post("/cases/bulk", data={"csrf_token": csrf, "action": "assign", "unit": "岳阳市", "next": "/cases",
                                         "ids": many})
    said = re.search(r"已交办 0 件，40 件未完成：[^<]*", r.text).group(0)
    assert said.endswith("信访件 90009等共40件：没有这件信访件") and "90010" not in said, said


# ------------------------------------------------------------------------------------ figures that agree

def test_the_figures_agree_after_every_path_that_changes_a_status(client, tmp_path):
    ed, hy, yy = token(client, "ed"), token(client, "hy"), token(client, "yy")
    upload(client, ed, handover_date="2024-05-15", reply_days="5")
    got = cases(client, ed)
    ids = {k: v["id"] for k, v in got.items()}
    agree(client, ed, "after the upload")
    # the API's steps
    client.post(f"/api/v1/petitions/{ids['C-01']}/accept", headers=hy)
    agree(client, ed, "accept")
    client.post(f"/api/v1/petitions/{ids['C-01']}/report", json=REPORT, headers=hy)
    client.post(f"/api/v1/petitions/{ids['C-01']}/review", json={"decision": "approve"}, headers=ed)
    assert agree(client, ed, "approve")["closed"] == 1
    client.post(f"/api/v1/petitions/{ids['C-03']}/report", json={**REPORT, "closure": "阶段性办结"}, headers=yy)
    client.post(f"/api/v1/petitions/{ids['C-03']}/review", json={"decision": "return", "reason": "补充"}, headers=ed)
    agree(client, ed, "return")
    client.post(f"/api/v1/petitions/{ids['C-03']}/report", json={**REPORT, "closure": "阶段性办结"}, headers=yy)
    client.post(f"/api/v1/petitions/{ids['C-03']}/review", json={"decision": "approve"}, headers=ed)
    assert agree(client, ed, "staged")["staged"] == 1
    client.post(f"/api/v1/petitions/{ids['C-02']}/reject", json={"reason": "不属于环保范围"}, headers=ed)
    assert agree(client, ed, "reject")["rejected"] == 1
    client.post(f"/api/v1/petitions/{ids['C-01']}/reopen", json={"reason": "回访不满意"}, headers=ed)
    assert agree(client, ed, "reopen")["closed"] == 0
    # a PATCH that tries to close a case changes nothing
    client.patch(f"/api/v1/petitions/{ids['C-05']}", json={"status": "已办结"}, headers=ed)
    agree(client, ed, "refused patch")
    # bulk: approve and return
    for key in ("C-05", "C-06"):
        client.post(f"/api/v1/petitions/{ids[key]}/report", json=REPORT, headers=hy)
    r = client.post("/api/v1/petitions/bulk", json={"ids": [ids["C-05"], ids["C-06"], ids["C-02"]],
                                                     "action": "approve"}, headers=ed)
    assert r.json()["done"] == [ids["C-05"], ids["C-06"]] and r.json()["failed"][0]["id"] == ids["C-02"]
    assert agree(client, ed, "bulk approve")["closed"] == 2
    # the pages: a report, a return, an approval, 签收
    csrf = login(client, "hy")
    client.post(f"/cases/{ids['C-01']}/report", data={"csrf_token": csrf, "verified": "属实", "findings": "复查属实",
                                                      "closure": "已办结"})
    agree(client, ed, "page report")
    csrf = login(client, "ed")
    client.post(f"/cases/{ids['C-01']}/review", data={"csrf_token": csrf, "decision": "approve"})
    assert agree(client, ed, "page approve")["closed"] == 3
    client.post("/cases/bulk", data={"csrf_token": csrf, "action": "accept", "ids": [str(ids["C-04"])]})
    assert cases(client, ed)["C-04"]["status"] == "办理中"
    agree(client, ed, "page bulk accept")
    # a returned table: its report columns reach the case it names, as a report waiting for review
    returned = table([["C-04", "岳阳市", "", "岳阳市平江县某采石场粉尘污染严重，道路扬尘。"]],
                     head=["受理编号", "行政区域", "污染类型", "交办问题基本情况"])
    text = returned.decode("utf-8").splitlines()
    text[0] += ",调查核实情况,是否属实"
    text[1] += ",经核查属实，已责令停产整改。,属实"
    r = upload(client, ed, "\n".join(text).encode("utf-8"), name="回复表.csv")
    assert r["reports"] == 1 and cases(client, ed)["C-04"]["status"] == "待审核"
    pr = agree(client, ed, "returned table")
    # closing the loop: a duplicate rejected, a callback 不满意 and a failed spot check reopen, a 督办 — the figures
    # follow, and a reopened case leaves the 公开表 until it is approved again
    r = client.post(f"/api/v1/petitions/{ids['C-02']}/reopen", json={"reason": "属环保范围"}, headers=ed)
    assert r.json()["status"] == "办理中"
    pr = agree(client, ed, "reopen of a rejected case")
    assert pr["rejected"] == 0 and pr["reopened"] == 2
    client.post(f"/api/v1/petitions/{ids['C-02']}/report", json=REPORT, headers=hy)
    client.post(f"/api/v1/petitions/{ids['C-02']}/review", json={"decision": "approve"}, headers=ed)
    before = agree(client, ed, "reopened case approved")
    r = client.post(f"/api/v1/petitions/{ids['C-05']}/callback", json={"result": "不满意", "note": "仍有异味"}, headers=ed)
    assert r.json()["status"] == "办理中"
    pr = agree(client, ed, "callback 不满意")
    assert pr["closed"] == before["closed"] - 1 and pr["satisfaction"]["不满意"] == 1 and pr["reopened"] == 3
    assert "C-05" not in {x["受理编号"] for x in client.get("/api/v1/public", params={"from": "2024-05-01",
                                                                                 "to": "2024-05-31"},
                                                           headers=ed).json()["rows"]}
    client.post(f"/api/v1/petitions/{ids['C-06']}/callback", json={"result": "满意"}, headers=ed)
    assert agree(client, ed, "callback 满意")["satisfaction"]["rate"] == 0.5
    sc = client.post("/api/v1/spotchecks", json={"from": "2024-05-01", "to": "2024-05-31", "rate": 1, "seed": 3},
                     headers=ed).json()
    drawn = sc["petitions"]
    r = client.post(f"/api/v1/spotchecks/{sc['id']}/items/{drawn[0]}", json={"passed": False, "note": "材料不全"},
                    headers=ed)
    assert r.json()["status"] == "办理中"
    pr = agree(client, ed, "failed spot check")
    assert pr["spotcheck"]["checked"] == 1 and pr["spotcheck"]["passed"] == 0
    client.post(f"/api/v1/spotchecks/{sc['id']}/items/{drawn[1]}", json={"passed": True}, headers=ed)
    assert agree(client, ed, "passed spot check")["spotcheck"]["passed"] == 1
    r = client.post(f"/api/v1/petitions/{ids['C-05']}/supervise", json={"due_date": LATER}, headers=ed)
    assert r.status_code == 200, r.text
    assert agree(client, ed, "supervise")["supervised"] == 1
    # the batch's dates corrected: the open cases take the new deadline, the supervised one keeps its own
    r = client.patch(f"/api/v1/batches/{cases(client, ed)['C-05']['batch_id']}",
                     json={"handover_date": "2024-05-10", "reply_days": 5}, headers=ed)
    assert r.status_code == 200 and r.json()["deadlines_kept"] >= 1, r.text  # C-05 and the reopened ones
    assert cases(client, ed)["C-05"]["due_date"] == LATER
    assert agree(client, ed, "batch dates corrected")["supervised"] == 1
    r = upload(client, ed, table([["C-07", "衡阳市雁峰区", "", "衡阳市雁峰区某搅拌站夜间施工噪声扰民。"]]),
               name="重复.csv", handover_date="2024-05-16")
    dup = cases(client, ed)["C-07"]["id"]
    client.post(f"/api/v1/petitions/{dup}/reject", json={"reason": "同一搅拌站", "duplicate_of": ids["C-01"]}, headers=ed)
    pr = agree(client, ed, "duplicate rejected")
    assert pr["rejected"] == 1
    # a place corrected (统计's cities follow), and one refused because it would part a repeat from its case
    r = client.patch(f"/api/v1/petitions/{ids['C-01']}", json={"city": "岳阳市", "county": "平江县"}, headers=ed)
    assert r.status_code == 422 and "[O242]" in r.json()["error"], r.text
    agree(client, ed, "place correction refused")
    r = client.patch(f"/api/v1/petitions/{ids['C-03']}", json={"city": "衡阳市", "county": "雁峰区"}, headers=ed)
    assert r.status_code == 200 and r.json()["city"] == "衡阳市", r.text
    agree(client, ed, "place corrected")
    # the pages: a callback and a spot check from their own pages
    csrf = login(client, "ed")
    client.post(f"/cases/{ids['C-06']}/callback", data={"csrf_token": csrf, "result": "不满意", "note": "又有噪声"})
    assert cases(client, ed)["C-06"]["status"] == "办理中"
    agree(client, ed, "page callback")
    closed = {p["id"] for p in cases(client, ed).values() if p["status"] in ("已办结", "阶段性办结")}
    left = [i for i in drawn[2:] if i in closed]
    assert left, (drawn, closed)
    client.post(f"/spotchecks/{sc['id']}", data={"csrf_token": csrf, "row": [str(left[0])],
                                                 f"passed_{left[0]}": "0", f"note_{left[0]}": "未整改"})
    pr = agree(client, ed, "page spot check")
    assert pr["spotcheck"]["checked"] == 3 and pr["spotcheck"]["passed"] == 1
    # the command line's 专报 says the same
    args = ["--db-url", client.backend["db_url"]] if client.backend["db_url"] else \
        ["--data", client.app.state.workbench.data_dir]
    out, err = tmp_path / "专报.docx", None
    code, stdout, err = run_cli("report", "--from", "2024-05-01", "--to", "2024-05-31", "-o", out, *args)
    assert code == 0, err
    assert f"累计受理交办信访件{pr['total']}件，已办结{pr['closed']}件、阶段性办结{pr['staged']}件" in stdout
    assert f"另有不受理{pr['rejected']}件" in stdout
    page = client.get("/progress?from=2024-05-01&to=2024-05-31").text
    assert f'id="fig-total">{pr["total"]}<' in page and f'id="fig-closed">{pr["closed"]}<' in page
    assert json.dumps(pr, ensure_ascii=False)
    # the 督办 page's bulk form (the one loop of bulk steps, lifecycle.each_case) and the bulk 回访 of the API: the
    # figures follow each case's step
    now = cases(client, ed)
    open_ = [p["id"] for k, p in now.items() if p["status"] in ("待办", "办理中", "退回") and k != "C-05"]
    assert open_, now
    client.post("/supervision", data={"csrf_token": csrf, "ids": [str(open_[0])], "due_date": LATER,
                                      "note": "请加快办理"})
    after = agree(client, ed, "page bulk 督办")
    assert after["supervised"] == pr["supervised"] + 1
    done = [p["id"] for p in cases(client, ed).values() if p["status"] == "已办结"]
    r = client.post("/api/v1/callbacks", json={"items": [{"petition": done[0], "result": "不满意", "note": "仍有"}]},
                    headers=ed)
    assert r.status_code == 200 and r.json()["done"] == [done[0]], r.text
    assert agree(client, ed, "bulk 回访")["closed"] == after["closed"] - 1


def _merged_table() -> bytes:
    """A 交办表 in .xlsx with intake's harder paths (session 46): a 受理编号 merged over two petitions' rows, one
    receipt given to two petitions, an empty row whose receipt has its text further down, an exact repeat."""
    wb = Workbook()
    ws = wb.active
    ws.append(HEAD)
    for row in (["N-1", "衡阳市雁峰区", "", "衡阳市雁峰区某搅拌站夜间施工噪声扰民，居民无法入睡。"],
                [None, "岳阳市", "", "岳阳市平江县某养殖场粪污直排小河，河水发臭。"],
                ["N-2", "衡阳市雁峰区", "", "衡阳市雁峰区某化工厂夜间偷排废水，河水发黑发臭。"],
                ["N-2", "岳阳市", "", "岳阳市岳阳楼区某砖厂烟尘扰民。"],
                ["N-3", "岳阳市", "", ""],
                ["N-4", "衡阳市雁峰区", "噪声", "衡阳市雁峰区某工地夜间打桩噪声扰民。"],
                ["N-3", "岳阳市", "", "岳阳市岳阳楼区某餐馆油烟直排，气味刺鼻。"],
                ["N-4", "衡阳市雁峰区", "噪声", "衡阳市雁峰区某工地夜间打桩噪声扰民。"]):
        ws.append(row)
    ws.merge_cells("A2:A3")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_figures_agree_after_an_upload_through_every_path_of_intake(client):
    """进度, the 专报, the 公开表 and 统计 agree after an upload that takes intake's harder paths — a receipt merged
    over two petitions' rows, one receipt given to two petitions (the second kept under 受理编号-2), an empty row whose
    receipt has its text further down, an exact repeat — then hand-over, reports, a return and approvals, and the
    same table uploaded again: every petition counted once, none lost."""
    ed, hy, yy = token(client, "ed"), token(client, "hy"), token(client, "yy")
    got = upload(client, ed, _merged_table(), name="交办表.xlsx", handover_date="2024-05-15", reply_days="5")
    assert got["rows"] == 8 and got["errors"] == 1 and got["existing"] == 1 and not got["changed"], got
    assert "N-1→N-1-2" in got["message"] and "N-2→N-2-2" in got["message"], got["message"]
    now = cases(client, ed)
    assert sorted(now) == ["N-1", "N-1-2", "N-2", "N-2-2", "N-3", "N-4"], now
    assert now["N-3"]["text"].startswith("岳阳市岳阳楼区某餐馆") and now["N-1-2"]["text"].startswith("岳阳市平江县")
    ids = {k: v["id"] for k, v in now.items()}
    pr = agree(client, ed, "after the upload")
    assert pr["total"] == 6 and pr["closed"] == pr["staged"] == 0, pr
    # 交办: the second petition of the merged receipt handed to another unit
    r = client.patch(f"/api/v1/petitions/{ids['N-1-2']}", json={"unit": "衡阳市雁峰区"}, headers=ed)
    assert r.status_code == 200 and r.json()["unit"] == "衡阳市雁峰区", r.text
    agree(client, ed, "hand-over")
    # 反馈: reports from the units, one returned
    for key, who, closure in (("N-1-2", hy, "已办结"), ("N-2-2", yy, "阶段性办结"), ("N-3", yy, "已办结"),
                              ("N-1", hy, "已办结")):
        r = client.post(f"/api/v1/petitions/{ids[key]}/report", json={**REPORT, "closure": closure}, headers=who)
        assert r.status_code == 200 and r.json()["status"] == "待审核", r.text
    agree(client, ed, "reports")
    r = client.post(f"/api/v1/petitions/{ids['N-3']}/review", json={"decision": "return", "reason": "补充"}, headers=ed)
    assert r.json()["status"] == "退回", r.text
    # 办结: approvals, by the report's closure
    for key in ("N-1-2", "N-2-2", "N-1"):
        r = client.post(f"/api/v1/petitions/{ids[key]}/review", json={"decision": "approve"}, headers=ed)
        assert r.status_code == 200, r.text
    pr = agree(client, ed, "approvals")
    assert (pr["total"], pr["closed"], pr["staged"]) == (6, 2, 1), pr
    public = client.get("/api/v1/public", params={"from": "2024-05-01", "to": "2024-05-31", "format": "json"},
                        headers=ed).json()["rows"]
    assert sorted(r["受理编号"] for r in public) == ["N-1", "N-1-2", "N-2-2"], public
    login(client, "ed")  # the 进度 page says the same
    page = client.get("/progress?from=2024-05-01&to=2024-05-31").text
    assert f'id="fig-total">{pr["total"]}<' in page and f'id="fig-closed">{pr["closed"]}<' in page
    # the same table again: nothing stored twice, nothing renumbered anew, the figures as they were
    again = upload(client, ed, _merged_table(), name="交办表.xlsx", handover_date="2024-05-15")
    assert again["existing"] == 8 and "[O410]" not in (again["message"] or ""), again
    assert not again["changed"], again  # N-3's empty row is no text that differs (it named N-3 before)
    assert len(cases(client, ed)) == 6
    assert agree(client, ed, "the same table again") == pr
    # a returned table whose rows give one receipt to the two petitions: each report reaches its own case
    returned = table([["N-2", "衡阳市雁峰区", "", "衡阳市雁峰区某化工厂夜间偷排废水，河水发黑发臭。", "经核查属实，已责令停产整改。",
                       "属实"],
                      ["N-2", "岳阳市", "", "岳阳市岳阳楼区某砖厂烟尘扰民。", "经核查部分属实，已限期整改。", "部分属实"]],
                     head=HEAD + ["调查核实情况", "是否属实"])
    r = upload(client, ed, returned, name="回复表.csv")
    assert r["reports"] == 2 and r["existing"] == 2 and not r["changed"], r
    now = cases(client, ed)
    assert now["N-2"]["status"] == now["N-2-2"]["status"] == "待审核", now
    assert now["N-2-2"]["report"]["verified"] == "部分属实", now["N-2-2"]["report"]
    pr = agree(client, ed, "returned table")
    assert (pr["total"], pr["closed"], pr["staged"]) == (6, 2, 0), pr


SLIP = [["S-1", "衡阳市雁峰区", "", "衡阳市雁峰区某化工厂夜间排放废气，气味刺鼻。"],
        ["S-1", "岳阳市", "", "岳阳市平江县某养殖场粪污直排小河，河水发臭。"],
        ["S-2", "岳阳市", "", "岳阳市岳阳楼区某砖厂烟尘扰民，窗台积灰。"]]
FOUND = ["经核查属实，已责令停产整改。", "属实"]


def test_the_figures_agree_after_a_corrected_slip_and_an_interrupted_upload_resumed(client, monkeypatch):
    """进度, the 专报, the 公开表 and 统计 agree on intake's two remaining paths (session 49): a table whose slip is
    corrected — the petition kept under S-1-2 sent again under its own receipt S-9, with its report — is that case
    ([O412]), reported on and approved once, never a second case; and an upload the database interrupted after its
    first chunk, taken up again (the job run anew: :meth:`.intake.Intake.replay`), stores every row once and records
    the report columns of the rows stored before the interruption."""
    from test_web_faults import _away

    from petitionnlp.office.store import Store
    from petitionnlp.settings import get_settings

    ed, yy = token(client, "ed"), token(client, "yy")
    first = upload(client, ed, table(SLIP), name="同号.csv", handover_date="2024-05-15")
    assert "S-1→S-1-2" in first["message"], first
    pr = agree(client, ed, "a receipt given twice")
    assert pr["total"] == 3, pr
    # the corrected slip, its report filled in by the unit: the case kept under S-1-2, reported on
    fixed = table([["S-9"] + SLIP[1][1:] + FOUND], head=HEAD + ["调查核实情况", "是否属实"])
    got = upload(client, ed, fixed, name="更正回复.csv")
    assert got["existing"] == 1 and got["reports"] == 1 and "[O412]" in got["message"], got
    now = cases(client, ed)
    assert sorted(now) == ["S-1", "S-1-2", "S-2"] and now["S-1-2"]["status"] == "待审核", now
    assert agree(client, ed, "the corrected slip")["total"] == 3
    r = client.post(f"/api/v1/petitions/{now['S-1-2']['id']}/review", json={"decision": "approve"}, headers=ed)
    assert r.status_code == 200 and r.json()["status"] == "已办结", r.text
    pr = agree(client, ed, "the corrected slip approved")
    assert (pr["total"], pr["closed"]) == (3, 1), pr
    public = client.get("/api/v1/public", params={"from": "2024-05-01", "to": "2024-05-31", "format": "json"},
                        headers=ed).json()["rows"]
    assert [r["受理编号"] for r in public] == ["S-1-2"], public
    # an upload interrupted after its first chunk (the database away), then its job run again
    monkeypatch.setattr(get_settings(), "batch_chunk_rows", 2)
    real, calls = Store.add_chunk, []

    def away_at_the_second_chunk(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise _away("INSERT INTO petitions")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "add_chunk", away_at_the_second_chunk)
    rows = [["T-1", "岳阳市", "", "岳阳市平江县某采石场粉尘污染严重，道路扬尘。"] + FOUND,
            ["T-1", "岳阳市", "", "岳阳市岳阳楼区某餐馆油烟直排，气味刺鼻。"] + FOUND,
            ["S-2"] + SLIP[2][1:] + FOUND,
            ["T-3", "岳阳市", "", "岳阳市岳阳楼区某洗砂场废水直排河道。"] + ["", ""]]
    r = client.post("/api/v1/batches", files={"file": ("中断.csv", table(rows, head=HEAD + ["调查核实情况", "是否属实"]))},
                    data={"handover_date": "2024-05-20"}, headers=ed)
    assert r.status_code == 503 and "Traceback" not in r.text, r.text
    wb = client.app.state.workbench
    batch = max(wb.store.batches(limit=100), key=lambda b: b["id"])
    assert batch["done_rows"] == 2 and batch["state"] == "processing", batch
    agree(client, ed, "an upload interrupted")
    monkeypatch.setattr(Store, "add_chunk", real)
    job = wb.run_job(wb.store.batch_job(batch["id"])["id"])
    assert job["state"] == "done", job
    b = client.get(f"/api/v1/batches/{batch['id']}", headers=ed).json()
    assert b["rows"] == 4 and b["reports"] == 3 and b["existing"] == 1, b
    assert "T-1→T-1-2" in (b["message"] or ""), b
    now = cases(client, ed)
    assert sorted(now) == ["S-1", "S-1-2", "S-2", "T-1", "T-1-2", "T-3"], now
    assert {k: now[k]["status"] for k in ("T-1", "T-1-2", "S-2", "T-3")} == {
        "T-1": "待审核", "T-1-2": "待审核", "S-2": "待审核", "T-3": "待办"}, now
    pr = agree(client, ed, "the interrupted upload resumed")
    assert (pr["total"], pr["closed"]) == (6, 1), pr
    for key in ("T-1", "T-1-2"):
        assert client.post(f"/api/v1/petitions/{now[key]['id']}/review", json={"decision": "approve"},
                           headers=ed).status_code == 200
    pr = agree(client, ed, "the resumed upload's reports approved")
    assert (pr["total"], pr["closed"]) == (6, 3), pr
    # the unit's own list has the resumed batch's cases once
    assert sorted(k for k in cases(client, yy) if k.startswith("T-")) == ["T-1", "T-1-2", "T-3"]


# ------------------------------------------------------------------- what a batch's 脱敏版 publishes (session 35)

def _sheet(response) -> tuple[list, list[dict]]:
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    head = list(rows[0])
    return head, [dict(zip(head, r)) for r in rows[1:]]


def test_a_batchs_public_version_publishes_what_the_public_table_does(client):
    """The 脱敏版 (供公开) of a batch shows a report only where the 公开表 does — the current round approved — and
    nothing of a returned, a pending or a reopened case's report; the table's personal columns (举报人, 联系电话)
    are left out, not masked.  The office's own export keeps every report."""
    ed, hy, yy = token(client, "ed"), token(client, "hy"), token(client, "yy")
    head = HEAD + ["举报人", "联系电话", "办结情况"]
    rows = [r + ["王建国", "13812345678", ""] for r in ROWS]
    upload(client, ed, table(rows, head), handover_date="2024-05-15")
    got = cases(client, ed)
    ids = {k: v["id"] for k, v in got.items()}
    batch = got["C-01"]["batch_id"]

    def step(key, who, decision=None, closure="已办结", findings=None):
        r = client.post(f"/api/v1/petitions/{ids[key]}/report", headers=who,
                        json={**REPORT, "closure": closure, "findings": findings or f"{key}经现场核查属实。"})
        assert r.status_code == 200, r.text
        if decision:
            r = client.post(f"/api/v1/petitions/{ids[key]}/review", headers=ed,
                            json={"decision": decision, "reason": "材料不全"})
            assert r.status_code == 200, r.text

    step("C-01", hy, "approve")                          # 已办结: published
    step("C-03", yy, "approve", closure="阶段性办结")       # 阶段性办结: published
    step("C-05", hy, "return")                           # 退回: not
    step("C-06", hy)                                     # 待审核: not
    step("C-02", hy, "approve")                          # approved, then reopened (办理中): not
    assert client.post(f"/api/v1/petitions/{ids['C-02']}/reopen", json={"reason": "回访不满意"},
                       headers=ed).json()["status"] == "办理中"

    public = client.get("/api/v1/public", params={"from": "2024-05-15", "to": "2024-05-15"}, headers=ed).json()["rows"]
    assert {r["受理编号"] for r in public} == {"C-01", "C-03"}
    # types as a person ticked them (or the model ranked them) are published in the taxonomy's order, as the
    # batch's XLSX gives them and the case's page shows them (the 公开表 printed 噪声、水 before)
    r = client.patch(f"/api/v1/petitions/{ids['C-01']}", json={"pollution_types": ["噪声", "水"]}, headers=ed)
    assert r.status_code == 200 and r.json()["pollution_types"] == ["噪声", "水"], r.text
    public = client.get("/api/v1/public", params={"from": "2024-05-15", "to": "2024-05-15"}, headers=ed).json()["rows"]
    assert {r["受理编号"]: r["污染类型"] for r in public}["C-01"] == "水、噪声"
    login(client, "ed")
    assert '<dd id="types">水、噪声 ' in client.get(f"/cases/{ids['C-01']}").text
    r = client.get(f"/api/v1/batches/{batch}/export.xlsx", params={"redacted": 1}, headers=ed)
    assert r.status_code == 200
    head, sheet = _sheet(r)
    assert not {"举报人", "联系电话"} & set(head), head      # left out, not 【姓名】/【电话】
    cells = json.dumps(sheet, ensure_ascii=False, default=str)
    assert "【姓名】" not in cells and "【电话】" not in cells and "13812345678" not in cells
    by_id = {row["受理编号"]: row for row in sheet}
    assert set(by_id) == {k for k, *_ in ROWS}
    report_columns = ("办结情况", "调查核实情况", "是否属实", "处理和整改情况")
    filled = {k for k, row in by_id.items() if any(row.get(c) for c in report_columns)}
    assert filled == {r["受理编号"] for r in public}, filled
    for r in public:  # the same words as the 公开表's
        assert by_id[r["受理编号"]]["调查核实情况"] == r["调查核实情况"]
        assert by_id[r["受理编号"]]["是否属实"] == r["是否属实"]
    assert by_id["C-01"]["办结情况"] == "已办结" and by_id["C-03"]["办结情况"] == "阶段性办结"
    assert by_id["C-02"]["办理状态"] == "办理中"
    # the office's working copy keeps the reports it works on, and the personal columns
    head, sheet = _sheet(client.get(f"/api/v1/batches/{batch}/export.xlsx", headers=ed))
    assert {"举报人", "联系电话"} <= set(head)
    by_id = {row["受理编号"]: row for row in sheet}
    assert by_id["C-05"]["调查核实情况"] == "C-05经现场核查属实。" and by_id["C-06"]["办结情况"] == "已办结"


def test_a_repeat_is_named_by_its_receipt_number_and_only_a_repeat_has_a_similarity(client):
    """The queue (API, page, XLSX) names the case a petition repeats by its 受理编号, not the internal id; a
    petition that repeats none has no 重复相似度; a petition's page is titled by its 受理编号."""
    ed = token(client, "ed")
    upload(client, ed, handover_date="2024-05-15")
    upload(client, ed, table([["C-07", "衡阳市雁峰区", "", "衡阳市雁峰区某化工厂夜间偷排废水，河水发黑发臭。"],
                              ["C-08", "岳阳市", "", "岳阳市君山区某造纸厂排放刺鼻气体。"]]),
           name="第二批.csv", handover_date="2024-05-16")
    got = cases(client, ed)
    batch = got["C-07"]["batch_id"]
    first = got["C-02"]
    rows = client.get(f"/api/v1/batches/{batch}/petitions", headers=ed).json()["petitions"]
    rows += client.get(f"/api/v1/batches/{first['batch_id']}/petitions", headers=ed).json()["petitions"]
    for p in rows:
        assert (p["duplicate_score"] is None) == (p["duplicate_of"] is None), p
    repeat = next(p for p in rows if p["receipt_id"] == "C-07")
    assert repeat["duplicate_of"] == str(first["id"]) and repeat["duplicate_receipt"] == "C-02"
    assert repeat["duplicate_score"] > 0
    assert next(p for p in rows if p["receipt_id"] == "C-08")["duplicate_score"] is None
    head, sheet = _sheet(client.get(f"/api/v1/batches/{batch}/export.xlsx", headers=ed))
    by_id = {row["受理编号"]: row for row in sheet}
    assert by_id["C-07"]["重复件"] == "C-02" and by_id["C-08"]["重复件"] is None
    assert by_id["C-08"]["重复相似度"] is None
    login(client, "ed")
    page = client.get(f"/batches/{batch}").text
    assert f'<a href="/petitions/{first["id"]}">C-02</a>' in page and f"信访件 {first['id']}" not in page
    page = client.get(f"/petitions/{repeat['id']}").text
    assert "<title>C-07" in page and f"信访件 {repeat['id']}" not in page
    assert f'<a href="/petitions/{first["id"]}">C-02</a>' in page
