"""The case lifecycle (issue 19; CONTRACT.md "Case lifecycle"), driven in-process over a real data folder whose units
and handlers are made with the command line: hand-over to the most specific unit, isolation between units (404),
report-back (422 without findings), review (approve / return with a reason), versions (409), progress figures and
办结率, a re-upload counted once, the round trip of a returned table, the 专报 (DOCX) and the 公开表 (XLSX) with the
same numbers as the API, the queue's export in the table's own columns, the office's clock, the audit log."""

import csv
import datetime as dt
import io
import json
import re

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from conftest import ROOT, run_cli

SAMPLE = ROOT / "corpora" / "samples" / "petitions_sample.csv"
PHONE = "13807341234"
REPORT = {"verified": "属实", "findings": "经现场核查，该搅拌站夜间生产噪声超标，情况属实。",
          "actions": "已责令停产整改，立案处罚并罚款2万元。", "accountability": "约谈企业负责人。", "closure": "已办结",
          "counts": {"rectify": 1, "penalty": 1, "fine_wan": 2.0, "interviewed": 1}}


def _cli_ok(*args, stdin=None):
    code, out, err = run_cli(*args, stdin=stdin)
    assert code == 0, err
    return out, err


def make_office(data):
    """Units and accounts as an office makes them: with the command line."""
    _cli_ok("unit", "add", "衡阳市雁峰区", "--region", "湖南省/衡阳市/雁峰区", "--data", data)
    _cli_ok("unit", "add", "岳阳市", "--region", "湖南省/岳阳市", "--data", data)
    _cli_ok("unit", "add", "省生态环境厅", "--data", data)
    for name, role, unit in (("ed", "editor", None), ("vi", "viewer", None), ("admin", "admin", None),
                             ("hy", "unit", "衡阳市雁峰区"), ("yy", "unit", "岳阳市")):
        _cli_ok("user", "add", name, "--role", role, *(["--unit", unit] if unit else []), "--data", data,
                stdin=f"{name}-password-1\n".encode())


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    data = tmp_path_factory.mktemp("office") / "data"
    make_office(data)
    return data


@pytest.fixture()
def client(office, tmp_path):
    import shutil

    from petitionnlp.web.app import create_app

    data = tmp_path / "data"
    shutil.copytree(office, data)
    with TestClient(create_app(data, background=False)) as c:
        yield c


def token(client, name):
    r = client.post("/api/v1/token", data={"username": name, "password": f"{name}-password-1"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def upload(client, headers, content=None, name="交办表.csv", **form):
    data = content if content is not None else SAMPLE.read_bytes()
    return client.post("/api/v1/batches", files={"file": (name, data)}, data=form, headers=headers)


def by_receipt(client, headers, **params):
    r = client.get("/api/v1/petitions", params=params, headers=headers)
    assert r.status_code == 200, r.text
    return {p["receipt_id"]: p for p in r.json()["petitions"]}


def test_units_and_handlers_from_the_command_line(tmp_path):
    data = tmp_path / "data"
    out, err = _cli_ok("unit", "import", "--province", "湖南省", "--data", data)
    assert "新添加 137 个" in err
    out, err = _cli_ok("unit", "import", "--province", "湖南省", "--data", data)
    assert "新添加 0 个" in err  # existing units are kept
    code, _, err = run_cli("unit", "add", "某区", "--region", "湖南省/长沙市/没有这个区", "--data", data)
    assert code == 2 and "E062" in err and "Traceback" not in err
    code, _, err = run_cli("user", "add", "x", "--role", "unit", "--unit", "没有这个单位", "--data", data,
                           stdin=b"x-password-1\n")
    assert code == 2 and "E061" in err
    code, _, err = run_cli("user", "add", "x", "--role", "unit", "--data", data, stdin=b"x-password-1\n")
    assert code == 2 and "E050" in err  # a unit handler needs its unit
    _, err = _cli_ok("user", "add", "yl", "--role", "unit", "--unit", "长沙市岳麓区", "--data", data,
                     stdin=b"yl-password-1\n")
    assert "已创建用户 yl（属地经办人，责任单位 长沙市岳麓区）" in err, err  # the role in Chinese, not its code
    from petitionnlp.office.store import Store

    store = Store(data)
    names = [u["name"] for u in store.units()]
    assert names[:3] == ["长沙市", "长沙市芙蓉区", "长沙市天心区"] and "湘西土家族苗族自治州吉首市" in names
    assert names.index("株洲市") < names.index("湘潭市") < names.index("衡阳市")  # the official order
    user = store.user(username="yl")
    assert user["role"] == "unit" and store.unit(unit_id=user["unit_id"])["name"] == "长沙市岳麓区"


def test_hand_over_isolation_report_review_and_audit(client):
    ed, vi, hy, yy, admin = (token(client, n) for n in ("ed", "vi", "hy", "yy", "admin"))
    r = upload(client, ed, handover_date="2024-05-15", reply_days="15")
    assert r.status_code == 201, r.text
    assert r.json()["rows"] == 12 and r.json()["existing"] == 0
    cases = by_receipt(client, ed)
    assert len(cases) == 11  # the row without text is no case
    first = cases["D2HN202405150001"]
    # typed reply days count working days (CONTRACT: hand-over date + N working days when working_days; a typed
    # number counts as the rules count, working days as China counts them): 15 working days from 2024-05-15
    assert first["unit"] == "衡阳市雁峰区" and first["due_date"] == "2024-06-05" and first["status"] == "待办"
    assert first["overdue"] is True and first["version"] == 1 and first["history"][0]["action"] == "handover"
    assert first["history"][0]["time"].endswith("+08:00")  # the office's clock
    assert cases["D2HN202405150002"]["unit"] == "岳阳市" and cases["D2HN202405150011"]["unit"] == "岳阳市"
    assert cases["D2HN202405150005"]["unit"] is None  # 株洲市 has no unit here: left for an editor
    assert set(by_receipt(client, ed, unit="未分配")) == set(cases) - {"D2HN202405150001", "D2HN202405150002",
                                                                    "D2HN202405150011"}
    # a unit handler sees its own cases only, whatever it asks for
    assert set(by_receipt(client, hy)) == {"D2HN202405150001"}
    assert set(by_receipt(client, hy, unit="岳阳市")) == {"D2HN202405150001"}
    assert set(by_receipt(client, yy)) == {"D2HN202405150002", "D2HN202405150011"}
    mine, theirs = first["id"], cases["D2HN202405150002"]["id"]
    assert client.get(f"/api/v1/petitions/{theirs}", headers=hy).status_code == 404
    assert client.post(f"/api/v1/petitions/{theirs}/report", json=REPORT, headers=hy).status_code == 404
    assert client.get(f"/api/v1/petitions/{mine}", headers=hy).json()["text"].startswith("衡阳市雁峰区")
    for route in ("/api/v1/batches", "/api/v1/stats", "/api/v1/search?q=噪声", "/api/v1/progress", "/api/v1/audit",
                  f"/api/v1/batches/{first['batch_id']}/petitions"):
        assert client.get(route, headers=hy).status_code == 403, route  # nothing of the whole office
    # hand-over by hand, and back
    other = cases["D2HN202405150005"]["id"]
    r = client.patch(f"/api/v1/petitions/{other}", json={"unit": "省生态环境厅"}, headers=ed)
    assert r.status_code == 200 and r.json()["unit"] == "省生态环境厅" and r.json()["version"] == 2
    assert client.patch(f"/api/v1/petitions/{other}", json={"unit": "没有这个单位"}, headers=ed).status_code == 422
    assert client.patch(f"/api/v1/petitions/{other}", json={"unit": "岳阳市"}, headers=hy).status_code == 403
    assert client.patch(f"/api/v1/petitions/{other}", json={"unit": "岳阳市", "version": 1},
                        headers=ed).status_code == 409
    # report-back: the required fields, the rules
    for missing in ("verified", "findings", "closure"):
        bad = client.post(f"/api/v1/petitions/{mine}/report", json={k: v for k, v in REPORT.items() if k != missing},
                          headers=hy)
        assert bad.status_code == 422 and bad.json()["field"] == missing, bad.text  # the words Chinese, the field named apart
    for field, value in (("verified", "大概属实"), ("closure", "办完了"), ("counts", {"fine_wan": -1}),
                         ("counts", {"rectify": 1.5}), ("counts", {"bribes": 1})):
        bad = client.post(f"/api/v1/petitions/{mine}/report", json={**REPORT, field: value}, headers=hy)
        assert bad.status_code == 422 and set(bad.json()) <= {"error", "field"}, (field, bad.text)
    assert client.post(f"/api/v1/petitions/{mine}/report", json=REPORT, headers=vi).status_code == 403
    r = client.post(f"/api/v1/petitions/{mine}/report", json={**REPORT, "counts": {"rectify": 1}, "version": 1},
                    headers=hy)
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["status"] == "待审核" and got["version"] == 2 and got["report"]["findings"] == REPORT["findings"]
    assert got["report"]["counts"] == {"rectify": 1, "penalty": 0, "fine_wan": 0, "investigation": 0,
                                       "detained": 0, "interviewed": 0, "accountable": 0}
    # review: editors only; a return needs its reason and goes back to the unit
    assert client.post(f"/api/v1/petitions/{mine}/review", json={"decision": "approve"}, headers=hy).status_code == 403
    assert client.post(f"/api/v1/petitions/{mine}/review", json={"decision": "approve"}, headers=vi).status_code == 403
    assert client.post(f"/api/v1/petitions/{mine}/review", json={"decision": "return"}, headers=ed).status_code == 422
    assert client.post(f"/api/v1/petitions/{mine}/review", json={"decision": "approve", "version": 1},
                       headers=ed).status_code == 409
    r = client.post(f"/api/v1/petitions/{mine}/review", json={"decision": "return", "reason": "未写明罚款金额"},
                    headers=ed)
    assert r.status_code == 200 and r.json()["status"] == "退回"
    assert client.post(f"/api/v1/petitions/{mine}/review", json={"decision": "approve"}, headers=ed).status_code == 409
    back = client.get(f"/api/v1/petitions/{mine}", headers=hy).json()
    assert any(h["action"] == "return" and h["detail"]["reason"] == "未写明罚款金额" for h in back["history"])
    r = client.post(f"/api/v1/petitions/{mine}/report", json=REPORT, headers=hy)
    assert r.status_code == 200 and r.json()["status"] == "待审核"
    r = client.post(f"/api/v1/petitions/{mine}/review", json={"decision": "approve"}, headers=ed)
    assert r.status_code == 200 and r.json()["status"] == "已办结" and r.json()["overdue"] is False
    assert client.post(f"/api/v1/petitions/{mine}/report", json=REPORT, headers=hy).status_code == 409  # closed
    # a staged closure, and 未办结 goes back to 办理中
    yy_cases = by_receipt(client, yy)
    staged, open_ = yy_cases["D2HN202405150002"]["id"], yy_cases["D2HN202405150011"]["id"]
    client.post(f"/api/v1/petitions/{staged}/report", json={**REPORT, "closure": "阶段性办结"}, headers=yy)
    client.post(f"/api/v1/petitions/{open_}/report", json={**REPORT, "closure": "未办结", "counts": {}}, headers=yy)
    r = client.post("/api/v1/petitions/bulk", json={"ids": [staged, open_], "action": "approve"}, headers=ed)
    assert r.status_code == 200 and r.json() == {"done": [staged, open_], "failed": []}
    assert client.post("/api/v1/petitions/bulk", json={"ids": [staged], "action": "approve"},
                       headers=yy).status_code == 403
    statuses = {k: v["status"] for k, v in by_receipt(client, ed).items()}
    assert statuses["D2HN202405150002"] == "阶段性办结" and statuses["D2HN202405150011"] == "办理中"
    # progress: each case once, 办结率 = (closed + staged) / total
    pr = client.get("/api/v1/progress", headers=ed).json()
    assert pr["total"] == 11 and pr["closed"] == 1 and pr["staged"] == 1
    assert pr["closure_rate"] == (1 + 1) / 11 and pr["overdue"] == 9
    assert pr["by_status"]["已办结"] == 1 and pr["by_status"]["办理中"] == 1 and sum(pr["by_status"].values()) == 11
    assert list(pr["by_city"])[:3] == ["长沙市", "株洲市", "湘潭市"] or list(pr["by_city"]).index("衡阳市") < list(
        pr["by_city"]).index("岳阳市")
    assert pr["counts"]["rectify"] == 1 + 1 + 0 and pr["counts"]["fine_wan"] == 2.0 * 2  # the reports counted once each
    units = [u["unit"] for u in pr["by_unit"]]
    assert units == ["衡阳市雁峰区", "岳阳市", "省生态环境厅", None]
    yueyang = pr["by_unit"][1]
    assert yueyang == {"unit": "岳阳市", "total": 2, "closed": 0, "staged": 1, "overdue": 1, "closure_rate": 0.5,
                       "satisfaction_rate": None, "rank": 2, "supervised": 0}  # (closing the loop adds the last three)
    assert [u["rank"] for u in pr["by_unit"]] == [1, 2, 3, None]  # by 办结率; unassigned cases are not ranked
    assert client.get("/api/v1/progress", headers=vi).status_code == 403
    none = client.get("/api/v1/progress?from=2030-01-01", headers=ed).json()
    assert none["total"] == 0 and none["closure_rate"] == 0
    assert client.get("/api/v1/progress?from=2024-13-01", headers=ed).status_code == 422
    # filters
    assert set(by_receipt(client, ed, status="已办结")) == {"D2HN202405150001"}
    assert len(by_receipt(client, ed, overdue="true")) == 9 and len(by_receipt(client, ed, overdue="false")) == 2
    assert set(by_receipt(client, ed, q="D2HN202405150008")) == {"D2HN202405150008"}  # the 受理编号 is searchable
    assert client.get("/api/v1/petitions?status=完成", headers=ed).status_code == 422
    assert len(by_receipt(client, ed, status="", unit="", overdue="", batch_id="")) == 11  # empty filters
    assert set(by_receipt(client, ed, batch_id=str(first["batch_id"]))) == set(cases)
    assert client.get("/api/v1/petitions?overdue=maybe", headers=ed).status_code == 422
    hits = client.get("/api/v1/search?q=D2HN202405150008", headers=ed).json()
    assert hits and hits[0]["id"] == f"petition:{cases['D2HN202405150008']['id']}"  # search finds the 受理编号
    # a viewer reads redacted cases and never changes one
    client.post(f"/api/v1/petitions/{staged}/report", json={**REPORT, "findings": f"举报人李春华，电话{PHONE}，反映属实"},
                headers=yy)
    v = client.get(f"/api/v1/petitions/{mine}", headers=vi)
    assert v.status_code == 200 and v.json()["report"]["closure"] == "已办结"
    v = client.get(f"/api/v1/petitions/{staged}", headers=vi).json()
    assert PHONE not in json.dumps(v, ensure_ascii=False) and "【电话】" in v["report"]["findings"]
    assert PHONE in client.get(f"/api/v1/petitions/{staged}", headers=yy).text  # its own unit reads it in full
    # every step is in the audit log
    events = client.get("/api/v1/audit", headers=admin).json()["events"]
    actions = {(e["action"], e["user"]) for e in events}
    assert {("report", "hy"), ("return", "ed"), ("approve", "ed"), ("assign", "ed"), ("handover", "ed"),
            ("report", "yy")} <= actions
    assert any(e["action"] == "return" and e["detail"]["reason"] == "未写明罚款金额" for e in events)


def test_a_reupload_is_the_same_case_counted_once(client):
    ed, admin = token(client, "ed"), token(client, "admin")
    first = upload(client, ed).json()
    before = client.get("/api/v1/progress", headers=ed).json()
    stats_before = client.get("/api/v1/stats", headers=ed).json()
    again = upload(client, ed, name="交办表-重传.csv")
    assert again.status_code == 201 and again.json()["existing"] == 12 and again.json()["changed"] == []
    after = client.get("/api/v1/progress", headers=ed).json()
    assert after["total"] == before["total"] == 11 and after["by_city"] == before["by_city"]
    assert client.get("/api/v1/stats", headers=ed).json()["table"] == stats_before["table"]
    # a changed text does not silently overwrite the stored case: it is kept, and the upload says so
    text = SAMPLE.read_bytes().decode("gb18030").replace("无法开窗", "无法开窗，夜里两点还在施工")
    changed = upload(client, ed, content=text.encode("utf-8"), name="改过的.csv").json()
    assert changed["existing"] == 12 and changed["changed"] == ["D2HN202405150001"]
    case = by_receipt(client, ed)["D2HN202405150001"]
    assert "夜里两点" not in case["text"] and case["batch_id"] == first["batch_id"]
    assert any(h["action"] == "reupload" and h["detail"]["text_changed"] for h in case["history"])
    batch = client.get(f"/api/v1/batches/{again.json()['batch_id']}", headers=ed).json()
    assert batch["existing"] == 12
    # and within one file, a receipt given twice is one case
    rows = [["受理编号", "交办问题基本情况"], ["R-1", "长沙市岳麓区某工地夜间施工噪声扰民"], ["R-1", "长沙市岳麓区某工地夜间施工噪声扰民"]]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    r = upload(client, ed, content=buf.getvalue().encode("utf-8"), name="twice.csv").json()
    assert r["rows"] == 2 and r["existing"] == 1 and len(by_receipt(client, ed, q="R-1")) == 1
    assert any(e["action"] == "reupload" for e in client.get("/api/v1/audit", headers=admin).json()["events"])


def test_a_title_rows_handover_time_and_the_office_clock(client, monkeypatch):
    ed = token(client, "ed")
    rows = [["中央生态环境保护督察组交办信访件（第3批）  交办时间：2024年6月3日"], [],
            ["受理编号", "行政区域", "交办问题基本情况"], ["T-1", "岳阳市", "岳阳市平江县某采石场粉尘污染严重"]]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    r = upload(client, ed, content=buf.getvalue().encode("utf-8"), name="第3批.csv", reply_days="10")
    assert r.json()["handover_date"] == "2024-06-03"
    case = by_receipt(client, ed, q="T-1")["T-1"]
    # 10 working days from 2024-06-03: 端午 (2024-06-10) is not one, so 2024-06-18 (typed days count working
    # days, CONTRACT "Case integrity": hand-over date + N working days when working_days)
    assert case["due_date"] == "2024-06-18" and case["unit"] == "岳阳市"

    from petitionnlp.office import clock

    monkeypatch.setenv("PETITIONNLP_TZ", "Asia/Shanghai")
    utc = dt.datetime.now(dt.timezone.utc)
    assert clock.office_now().utcoffset() == dt.timedelta(hours=8)
    assert clock.office_today() == (utc + dt.timedelta(hours=8)).date()
    monkeypatch.setenv("PETITIONNLP_TZ", "America/New_York")
    assert clock.office_now().utcoffset() in (dt.timedelta(hours=-5), dt.timedelta(hours=-4))
    assert clock.office_time(dt.datetime(2024, 1, 1, 12, 0)).strftime("%Y-%m-%d %H:%M") == "2024-01-01 07:00"


def _approve_all(client, ed, heads):
    for receipt, p in by_receipt(client, ed).items():
        if p["unit"] is None:
            continue
        unit = p["unit"]
        body = {**REPORT, "findings": f"经核查，{p['text'][:20]}情况属实。举报人李春华（电话{PHONE}）所述属实。"}
        if receipt.endswith("11"):
            body = {**body, "findings": "=HYPERLINK(\"http://x\")经核查属实", "closure": "阶段性办结"}
        assert client.post(f"/api/v1/petitions/{p['id']}/report", json=body, headers=heads[unit]).status_code == 200
        assert client.post(f"/api/v1/petitions/{p['id']}/review", json={"decision": "approve"},
                           headers=ed).status_code == 200


def test_the_report_and_the_public_table_carry_the_apis_numbers(client, tmp_path):
    from docx import Document

    ed, hy, yy = token(client, "ed"), token(client, "hy"), token(client, "yy")
    upload(client, ed, handover_date="2024-05-15", reply_days="15")
    _approve_all(client, ed, {"衡阳市雁峰区": hy, "岳阳市": yy})
    pr = client.get("/api/v1/progress?from=2024-05-01&to=2024-05-31", headers=ed).json()
    js = client.get("/api/v1/report?from=2024-05-01&to=2024-05-31&format=json", headers=ed).json()
    assert {k: js[k] for k in pr} == pr  # the same numbers
    assert js["sentences"][0].startswith("2024年5月1日至2024年5月31日，累计受理交办信访件11件，已办结2件、阶段性办结1件，办结率27.3%")
    assert "责令整改3家" in js["sentences"][2] and "罚款6万元" in js["sentences"][2]
    assert [c["receipt_id"] for c in js["overdue_cases"]][:1] and len(js["overdue_cases"]) == pr["overdue"] == 8
    r = client.get("/api/v1/report?from=2024-05-01&to=2024-05-31&format=docx", headers=ed)
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert "attachment" in r.headers["content-disposition"]
    doc = Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    for sentence in js["sentences"]:
        assert sentence in text
    table = doc.tables[0]
    head = [c.text for c in table.rows[0].cells]
    assert head == ["序号", "责任单位", "交办件数", "已办结", "阶段性办结", "尚在办理", "办结率", "逾期"]  # 序号 first
    col = {h: i for i, h in enumerate(head)}
    total = [c.text for c in table.rows[-1].cells]
    assert total[col["责任单位"]] == "合计" and [total[col[h]] for h in ("交办件数", "已办结", "阶段性办结")] == [
        str(pr["total"]), str(pr["closed"]), str(pr["staged"])]
    assert total[col["办结率"]] == "27.3%"
    assert [r.cells[col["责任单位"]].text for r in table.rows[1:-1]] == ["衡阳市雁峰区", "岳阳市", "未分配"]
    assert len(doc.tables[1].rows) == 1 + pr["overdue"] and doc.inline_shapes  # the overdue list and the chart
    assert client.get("/api/v1/report?format=docx", headers=token(client, "vi")).status_code == 403
    # the command line writes the same document
    data = client.app.state.workbench.data_dir
    out = tmp_path / "专报.docx"
    stdout, _ = _cli_ok("report", "--from", "2024-05-01", "--to", "2024-05-31", "-o", out, "--data", data)
    assert stdout.splitlines() == js["sentences"]
    cli_total = [c.text for c in Document(str(out)).tables[0].rows[-1].cells]
    assert cli_total == total
    # the public table: approved cases only, official columns in order, nothing personal, no formula
    pub = client.get("/api/v1/public?from=2024-05-01&to=2024-05-31&format=json", headers=ed).json()["rows"]
    assert [r["受理编号"] for r in pub] == ["D2HN202405150001", "D2HN202405150002", "D2HN202405150011"]
    assert list(pub[0]) == ["序号", "受理编号", "交办问题基本情况", "行政区域", "污染类型", "调查核实情况", "是否属实",
                            "处理和整改情况", "责任人被问责情况"]
    assert pub[0]["行政区域"] == "衡阳市雁峰区" and pub[0]["是否属实"] == "属实" and pub[1]["行政区域"] == "岳阳市"
    dump = json.dumps(pub, ensure_ascii=False)
    assert PHONE not in dump and "李春华" not in dump and "【电话】" in dump and "pii" not in dump
    x = client.get("/api/v1/public?from=2024-05-01&to=2024-05-31&format=xlsx", headers=ed)
    assert x.status_code == 200
    book = load_workbook(io.BytesIO(x.content))
    ws = book.worksheets[0]
    # issue 26: a title row and the period above the header
    assert ws.title == "2024年5月1日至31日" and ws.freeze_panes == "A4"
    sheet = [[c.value for c in row] for row in ws.iter_rows()]
    assert sheet[0][0] == "湖南省群众信访举报件办理情况公开表" and sheet[1][0] == "交办日期：2024年5月1日至31日"
    assert sheet[2] == list(pub[0]) and len(sheet) == 3 + len(pub)
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)  # no formula
    assert sheet[5][5].startswith("=HYPERLINK") and ws.cell(row=6, column=6).data_type == "s"
    assert ws.column_dimensions["C"].width > 30 and ws.cell(row=4, column=3).alignment.wrap_text
    assert PHONE not in json.dumps(sheet, ensure_ascii=False, default=str)
    assert client.get("/api/v1/public?format=xlsx", headers=hy).status_code == 403


def test_a_returned_table_fills_the_reports_it_names(client):
    ed, admin = token(client, "ed"), token(client, "admin")
    upload(client, ed)
    # the units return the table with the report columns filled (the headers of a published 公开表)
    rows = [["受理编号", "交办问题基本情况", "调查核实情况", "是否属实", "处理和整改情况", "责任人被问责情况"],
            ["D2HN202405150001", "衡阳市雁峰区岳屏镇某村旁的混凝土搅拌站日夜生产，货车来往噪声扰民，扬尘严重，周边居民无法开窗。",
             "经现场核查，该搅拌站夜间生产，基本属实。", "", "已责令夜间停产。", "无"],
            ["D2HN202405150002", "岳阳市经开区一家化工企业夜间偷排废水，附近水塘发黑发臭，出现大量死鱼。", "", "", "", ""]]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    r = upload(client, ed, content=buf.getvalue().encode("utf-8"), name="回复表.csv").json()
    assert r["existing"] == 2 and r["reports"] == 1 and r["changed"] == []
    cases = by_receipt(client, ed)
    got = cases["D2HN202405150001"]
    assert got["status"] == "待审核" and got["report"]["verified"] == "基本属实"
    assert got["report"]["actions"] == "已责令夜间停产。" and got["report"]["closure"] == "已办结"
    assert cases["D2HN202405150002"]["report"] is None and cases["D2HN202405150002"]["status"] == "待办"
    # another report for the case that waits for review: the lifecycle refuses it, and the batch names it by its
    # 受理编号 with why (as the bulk notices do), in the API (the code kept) and on its page (in words)
    # and a row whose report columns are filled but say no 是否属实 (nor its words): no report, said too
    other = [row[:] for row in rows]
    other[1][2:4] = ["复查：搅拌站已停止夜间生产。", "属实"]
    other[2][2] = "已派员现场查看。"
    buf2 = io.StringIO()
    csv.writer(buf2).writerows(other)
    r2 = upload(client, ed, content=buf2.getvalue().encode("utf-8"), name="回复表二.csv").json()
    second = cases["D2HN202405150002"]["id"]
    assert r2["reports"] == 0 and {(f["id"], f["name"]) for f in r2["refused_reports"]} == {
        (got["id"], "D2HN202405150001"), (second, "D2HN202405150002")}, r2["refused_reports"]
    why = {f["name"]: f["error"] for f in r2["refused_reports"]}
    assert why["D2HN202405150001"].startswith("[O300] D2HN202405150001：当前状态 待审核 不能报送"), why
    assert why["D2HN202405150002"].startswith("[O") and "是否属实" in why["D2HN202405150002"], why
    assert client.get(f"/api/v1/batches/{r2['batch_id']}", headers=ed).json()["refused_reports"] == r2["refused_reports"]
    assert by_receipt(client, ed)["D2HN202405150001"]["report"] == got["report"]  # nothing changed
    _session(client, "ed")
    page = client.get(f"/batches/{r2['batch_id']}").text
    said = page.split('<p class="notice" id="existing">', 1)[1].split("</p>", 1)[0]
    assert "表中 2 件的办理情况未记入：" in said and "D2HN202405150001：当前状态 待审核 不能报送" in said, said
    assert "D2HN202405150002：" in said and not re.search(r"\[O\d{3}\]", said), said
    assert "交办日期" in page and "））" not in page  # 交办日期 …（上传当天，表中没有交办日期）, no bracket in a bracket
    # the same table again records nothing new
    again = upload(client, ed, content=buf.getvalue().encode("utf-8"), name="回复表.csv").json()
    assert again["reports"] == 0 and again["refused_reports"] == []  # the report it has already: not refused
    # the round trip of the public table itself: the reviewed cases' own published rows
    client.post(f"/api/v1/petitions/{got['id']}/review", json={"decision": "approve"}, headers=ed)
    pub = client.get("/api/v1/public?format=xlsx", headers=ed).content
    r = upload(client, ed, content=pub, name="公开表.xlsx").json()
    assert r["existing"] == 1 and r["reports"] == 0  # the case is closed: nothing changes silently
    assert any(e["action"] == "reupload" for e in client.get("/api/v1/audit", headers=admin).json()["events"])


def test_the_queue_export_speaks_the_tables_language(client):
    ed = token(client, "ed")
    rows = [["受理编号", "行政区域", "污染类型", "交办问题基本情况"], ["E-1", "", "", "衡阳市雁峰区某餐馆油烟扰民，噪声也大"]]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    batch = upload(client, ed, content=buf.getvalue().encode("utf-8"), name="e.csv").json()["batch_id"]
    pid = by_receipt(client, ed, q="E-1")["E-1"]["id"]
    client.patch(f"/api/v1/petitions/{pid}", json={"pollution_types": ["大气", "噪声"]}, headers=ed)
    x = client.get(f"/api/v1/batches/{batch}/export.xlsx", headers=ed)
    sheet = list(load_workbook(io.BytesIO(x.content)).active.iter_rows(values_only=True))
    head = list(sheet[0])
    assert head[:4] == ["受理编号", "行政区域", "污染类型", "交办问题基本情况"]
    assert sheet[1][2] == "大气、噪声" and sheet[1][1] == "衡阳市雁峰区"  # the table's own columns filled
    assert all(not h.isascii() for h in head)  # added columns named in Chinese
    assert {"责任单位", "办理期限", "办理状态", "紧急程度"} <= set(head)
    assert sheet[1][head.index("责任单位")] == "衡阳市雁峰区"


def _session(client, name):
    client.cookies.clear()
    page = client.get("/login")
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    r = client.post("/login", data={"username": name, "password": f"{name}-password-1", "csrf_token": csrf},
                    follow_redirects=False)
    assert r.status_code == 303
    return r.headers["location"]


def _csrf(html):
    return html.split('name="csrf_token" value="')[1].split('"')[0]


def test_the_pages_of_the_cycle_per_role(client):
    ed = token(client, "ed")
    upload(client, ed, handover_date="2024-05-15", reply_days="15")
    cases = by_receipt(client, ed)
    mine, theirs = cases["D2HN202405150001"]["id"], cases["D2HN202405150002"]["id"]
    # a unit handler starts at 我的案件: its own cases only, the report form, nothing of the office
    assert _session(client, "hy") == "/cases"
    page = client.get("/cases")
    assert page.status_code == 200 and "我的案件" in page.text and "D2HN202405150001" in page.text
    assert "D2HN202405150002" not in page.text and "逾期" in page.text and 'name="findings"' in page.text
    assert client.get(f"/cases/{theirs}").status_code == 404
    for url in ("/batches", "/stats", "/review", "/progress", "/public", "/search?q=噪声", "/audit"):
        assert client.get(url).status_code == 403, url
    csrf = _csrf(page.text)
    r = client.post(f"/cases/{mine}/report", data={"csrf_token": csrf, "verified": "属实", "findings": "",
                                                   "closure": "已办结"}, follow_redirects=False)
    # 未报送 (no findings): the case page again, with what was typed in its form
    assert r.status_code == 422 and "未报送" in r.text and "<option selected>属实</option>" in r.text
    r = client.post(f"/cases/{mine}/report", data={"csrf_token": csrf, "verified": "属实", "findings": "经核查属实",
                                                   "closure": "已办结", "count_rectify": "2"})
    assert r.status_code == 200 and "等待审核" in r.text
    assert client.post(f"/cases/{theirs}/report", data={"csrf_token": csrf, "verified": "属实", "findings": "x",
                                                        "closure": "已办结"}).status_code == 404
    assert client.post(f"/cases/{mine}/report", data={"verified": "属实"}).status_code == 403  # no CSRF token
    # the editor reviews on the page, sees the timeline and the progress
    assert _session(client, "ed") == "/batches"
    page = client.get("/review")
    assert page.status_code == 200 and "D2HN202405150001" in page.text and "经核查属实" in page.text
    r = client.post(f"/cases/{mine}/review", data={"csrf_token": _csrf(page.text), "decision": "return", "reason": ""})
    assert "%E6%9C%AA%E5%AE%8C%E6%88%90" in str(r.url)  # 未完成: a return needs its reason
    r = client.post(f"/cases/{mine}/review", data={"csrf_token": _csrf(page.text), "decision": "approve"})
    assert r.status_code == 200 and "已审核通过" in r.text
    case = client.get(f"/cases/{mine}")
    assert "审核通过" in case.text and "报送" in case.text and "交办" in case.text and "责令整改 2 家" in case.text
    queue = client.get(f"/batches/{cases['D2HN202405150001']['batch_id']}?q=D2HN202405150001")
    assert queue.status_code == 200 and queue.text.count('class="receipt"') == 1 and "衡阳市雁峰区" in queue.text
    r = client.post("/cases/bulk", data={"csrf_token": _csrf(queue.text), "action": "assign", "unit": "省生态环境厅",
                                         "ids": [str(cases["D2HN202405150005"]["id"])]})
    assert "已交办 1 件" in r.text
    assert by_receipt(client, ed)["D2HN202405150005"]["unit"] == "省生态环境厅"
    progress = client.get("/progress")
    api = client.get("/api/v1/progress", headers=ed).json()
    assert progress.status_code == 200 and f'id="fig-total">{api["total"]}<' in progress.text
    assert "合计" in progress.text and "27.3%" not in progress.text and "9.1%" in progress.text  # 1 of 11
    assert progress.text.index("衡阳市") < progress.text.index("岳阳市")  # the official order
    docx = client.get("/progress/report.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    public = client.get("/public")
    assert public.status_code == 200 and "D2HN202405150001" in public.text and "D2HN202405150002" not in public.text
    assert client.get("/public.xlsx").content[:2] == b"PK"
    # a viewer reads the office's pages but not the progress or the review
    _session(client, "vi")
    assert client.get("/cases").status_code == 200 and client.get("/review").status_code == 403
    assert client.get("/progress").status_code == 403


def test_statistics_in_the_official_order_with_a_total(client):
    ed = token(client, "ed")
    upload(client, ed, handover_date="2024-05-15", reply_days="15")
    stats = client.get("/api/v1/stats", headers=ed).json()
    regions = [r["region"] for r in stats["table"]]
    assert regions[-1] == "合计" and regions[:4] == ["长沙市", "株洲市", "衡阳市", "岳阳市"]  # by code, not by count
    closure = stats["closure"]
    assert [c["region"] for c in closure][:-1] == [r for r in regions[:-1]] and closure[-1]["region"] == "合计"
    total = closure[-1]
    assert total["total"] == 11 and total["overdue"] == 11 and total["in_progress"] == 11 and total["rate"] == 0


def test_a_workbench_of_the_first_schema_is_migrated_with_its_rows(tmp_path):
    """0002 on a database that has users, batches and petitions: columns added in place, rows kept."""
    from pathlib import Path

    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    import petitionnlp.office.store as st

    store = st.Store(tmp_path / "data")
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(st.__file__).parent / "migrations"))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with store.engine.begin() as c:
        c.execute(sa.text("insert into users(username, password_hash, role, active, created_at) "
                          "values ('a', 'x', 'editor', 1, '2024-01-01')"))
        c.execute(sa.text("insert into batches(name, filename, uploaded_by, uploaded_at, state, rows, errors, "
                          "done_rows) values ('b', 'b.csv', 1, '2024-01-01', 'done', 1, 0, 1)"))
        c.execute(sa.text("insert into petitions(batch_id, row_index, row, text, status, corrected, updated_at) "
                          "values (1, 0, '{}', '衡阳市某厂噪声扰民', '待办', 0, '2024-01-01')"))
    store.migrate()
    p = store.petition(1)
    assert p["text"] == "衡阳市某厂噪声扰民" and p["version"] == 1 and p["receipt_id"] is None
    assert store.batch(1)["existing"] == 0 and store.user(username="a")["unit_id"] is None


PLANTED = ("王建国", "13812345678", "430102199003077735")


def _clean(text: str, where: str) -> None:
    for secret in PLANTED:
        assert secret not in text, (where, secret, text[max(0, text.find(secret) - 300):text.find(secret) + 80])


def test_every_path_of_the_cycle_hides_a_planted_person_from_viewers_and_other_units(client):
    """A name, a phone and an ID number in a petition, in its report and in a return reason: a viewer reads every
    new path (case list and case, pages, history, search, queue) without them; another unit gets 404 and never
    sees the case; the public table holds none of them; the case's own unit reads them in full."""
    ed, vi, hy, yy = (token(client, n) for n in ("ed", "vi", "hy", "yy"))
    person = f"举报人{PLANTED[0]}（电话{PLANTED[1]}，身份证号{PLANTED[2]}）"
    table = ("受理编号,交办问题基本情况\n"
             f"P0001,{person}反映衡阳市雁峰区某化工厂夜间偷排刺鼻废气。\n"
             "P0002,岳阳市岳阳楼区某餐馆油烟直排。\n").encode("utf-8")
    assert upload(client, ed, content=table, handover_date="2024-05-15", reply_days="15").status_code == 201
    case = by_receipt(client, ed)["P0001"]
    cid, batch = case["id"], case["batch_id"]
    assert case["unit"] == "衡阳市雁峰区"
    report = {**REPORT, "findings": f"经核查，{person}所反映问题属实。", "actions": f"已回访{PLANTED[0]}。"}
    assert client.post(f"/api/v1/petitions/{cid}/report", json=report, headers=hy).status_code == 200
    r = client.post(f"/api/v1/petitions/{cid}/review", json={"decision": "return",
                                                          "reason": f"请再次联系{PLANTED[0]}（{PLANTED[1]}）"},
                    headers=ed)
    assert r.status_code == 200, r.text
    assert client.post(f"/api/v1/petitions/{cid}/report", json=report, headers=hy).status_code == 200
    assert client.post(f"/api/v1/petitions/{cid}/review", json={"decision": "approve"}, headers=ed).status_code == 200

    # the viewer: API, pages, history, search, the queue — no name, phone or ID number anywhere
    for url in ("/api/v1/petitions", f"/api/v1/petitions/{cid}", f"/api/v1/batches/{batch}/petitions",
                "/api/v1/search?q=化工厂", "/api/v1/search?q=13812345678", "/api/v1/batches"):
        r = client.get(url, headers=vi)
        assert r.status_code == 200, (url, r.text)
        _clean(r.text, url)
    for secret in PLANTED:  # nor can a viewer look a person up in the filter box
        assert client.get("/api/v1/petitions", params={"q": secret}, headers=vi).json()["petitions"] == []
    assert client.get("/api/v1/petitions", params={"q": "化工厂"}, headers=vi).json()["petitions"]
    r = client.get("/api/v1/jobs", headers=vi)
    assert r.status_code == 200 and r.json()["jobs"]
    _clean(r.text, "/api/v1/jobs")
    viewed = client.get(f"/api/v1/petitions/{cid}", headers=vi).json()
    assert "【电话】" in viewed["text"] and viewed["report"] and viewed["history"]
    _session(client, "vi")
    assert "P0001" not in client.get(f"/batches/{batch}", params={"q": PLANTED[1]}).text
    assert "P0001" not in client.get("/cases", params={"q": PLANTED[0]}).text  # (the box shows the query itself)
    for url in ("/cases", f"/cases/{cid}", f"/batches/{batch}", "/search?q=化工厂"):
        r = client.get(url)
        assert r.status_code == 200, url
        _clean(r.text, url)

    # another unit: the case is not there for it, in the list, by id or on its pages
    assert client.get(f"/api/v1/petitions/{cid}", headers=yy).status_code == 404
    theirs = client.get("/api/v1/petitions", headers=yy)
    assert theirs.status_code == 200 and "P0001" not in theirs.text
    _clean(theirs.text, "another unit's list")
    assert client.get("/api/v1/search?q=化工厂", headers=yy).status_code == 403
    _session(client, "yy")
    assert client.get(f"/cases/{cid}").status_code == 404
    _clean(client.get("/cases").text, "another unit's page")
    # nor through a case page's forms: a refused form shows the case again with what was typed (case_again), so
    # each form posted by another unit, then by a viewer, must answer without the case, not the case re-shown
    forms = {"report": {"findings": "已核查", "verified": "属实"}, "step": {"step": "reject", "reason": "重复"},
             "review": {"decision": "return", "reason": "请补充"}, "callback": {"result": "满意"},
             "supervise": {"reason": "逾期", "due_date": "2024-06-30"}}
    for who in ("yy", "vi"):
        _session(client, who)
        csrf = _csrf(client.get("/cases").text)
        for name, fields in forms.items():
            r = client.post(f"/cases/{cid}/{name}", data={**fields, "csrf_token": csrf}, follow_redirects=False)
            assert r.status_code in (403, 404), (who, name, r.status_code, r.text[-600:])
            _clean(r.text, f"{who} posting {name}")
            assert "P0001" not in r.text and "化工厂" not in r.text, (who, name)

    # what is published holds none of it; the case's own unit reads it in full
    public = client.get("/api/v1/public?format=json", headers=ed)
    assert public.status_code == 200 and "P0001" in public.text
    _clean(public.text, "public table")
    assert PLANTED[1] in client.get(f"/api/v1/petitions/{cid}", headers=hy).text
