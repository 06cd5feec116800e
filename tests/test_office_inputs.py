"""What a person or a file brings in (issue 30, items 2–4), on SQLite and PostgreSQL: one cleaning of text at the
door — control characters through every input path (API report, the page's report form, PATCH corrections,
reasons, an uploaded CSV and XLSX 交办表, a returned table) come out of every export (公开表 XLSX from the API and the
page, the batch's export.xlsx, the 专报 from the API, the page and the command line, CSV) without failing and with
nothing illegal stored —; NUL and lone surrogates refused on the pages and the API alike, naming the field; strict
numbers in bodies, query strings and forms."""

import io
import re
import zipfile

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from conftest import run_cli
from test_office_integrity import HEAD, REPORT, ROWS, agree, cases, client, login, table, token, upload  # noqa: F401

# the characters openpyxl and lxml refuse, and what else is never kept (DEL, U+FFFE, U+FFFF, surrogates)
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
CTRL = "\x01\x07\x08\x0b\x1b\x0c\x7f\x1f"


def _dirty(text: str) -> str:
    """``text`` with a control character after every third character and a Windows line end in the middle."""
    out = "".join(ch + (CTRL[i % len(CTRL)] if i % 3 == 2 else "") for i, ch in enumerate(text))
    return out[: len(out) // 2] + "\r\n" + out[len(out) // 2:]


def _stored_texts(store):
    """Every text the office keeps of its cases: petitions (text, row, evidence, receipts), reports, history
    details, audit details, batches (names, columns, messages)."""
    from sqlalchemy import select

    from petitionnlp.office.tables import AuditEvent, Batch, CaseEvent, Petition, Report

    def walk(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for k, v in value.items():
                yield from walk(k)
                yield from walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                yield from walk(v)

    with store.session() as s:
        for table_, fields in ((Petition, ("text", "row", "region_evidence", "receipt_id", "error")),
                               (Report, ("findings", "actions", "accountability", "verified", "closure",
                                         "review_reason")),
                               (CaseEvent, ("detail",)), (AuditEvent, ("detail", "target")),
                               (Batch, ("name", "filename", "columns", "text_column", "message", "withdrawn_reason"))):
            for obj in s.scalars(select(table_)):
                for f in fields:
                    yield from ((f"{table_.__name__}.{f}", t) for t in walk(getattr(obj, f)))


def _xlsx_with_escapes(rows, head) -> bytes:
    """An XLSX 交办表 as Excel writes control characters in cells: as ``_xHHHH_`` escapes (openpyxl cannot write
    the characters themselves)."""
    marks = {}
    wb = Workbook()
    ws = wb.active
    ws.append(head)
    for row in rows:
        out = []
        for value in row:
            if isinstance(value, str) and ILLEGAL.search(value.replace("\r", "")):
                key = f"MARK{len(marks)}END"
                marks[key] = "".join(f"_x{ord(ch):04X}_" if ILLEGAL.match(ch) or ch == "\r" else ch for ch in value)
                value = key
            out.append(value)
        ws.append(out)
    buf = io.BytesIO()
    wb.save(buf)
    src, out = zipfile.ZipFile(io.BytesIO(buf.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            for key, value in marks.items():
                data = data.replace(key.encode(), value.replace("&", "&amp;").replace("<", "&lt;").encode())
            dst.writestr(item, data)
    return out.getvalue()


def _cells(content: bytes) -> str:
    wb = load_workbook(io.BytesIO(content))
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)


def test_control_characters_in_at_every_door_and_out_of_every_export(client, tmp_path):
    ed, hy, vi = token(client, "ed"), token(client, "hy"), token(client, "vi")
    period = {"from": "2024-05-01", "to": "2024-05-31"}
    # an uploaded CSV 交办表: cells, a header and the title row carry control characters and Windows line ends
    rows = [[r[0] + ("\x07" if i == 1 else ""), r[1], r[2], _dirty(r[3])] for i, r in enumerate(ROWS)]
    head = HEAD + ["备注\x1b"]
    rows = [r + [_dirty("请尽快处理")] for r in rows]
    got = upload(client, ed, table(rows, head=head, titles=[["交办时间：2024年5月15日\x07"]]), name="交办表\x01.csv")
    assert got["rows"] == len(ROWS) and got["handover_date"] == "2024-05-15", got
    # an XLSX 交办表 with the escapes Excel writes for them (_x0007_): read as the characters, then cleaned
    xrows = [[f"X-0{i}", "衡阳市雁峰区", "", _dirty(f"衡阳市雁峰区某砖厂烟尘直排（第{i}件），居民反映强烈。")]
             for i in range(1, 3)]
    got_x = upload(client, ed, _xlsx_with_escapes(xrows, HEAD), name="交办表.xlsx", handover_date="2024-05-16")
    assert got_x["rows"] == 2
    byr = cases(client, ed)
    assert set(byr) >= {"C-01", "C-02", "X-01", "X-02"}, sorted(byr)  # the receipt's BEL is gone: C-02 as written
    # what was typed is kept: the line ends as LF (VT and FF were line breaks), the other controls gone
    assert byr["C-01"]["text"].replace("\n", "") == ROWS[0][3] and "\r" not in byr["C-01"]["text"]
    assert byr["X-01"]["text"].replace("\n", "") == "衡阳市雁峰区某砖厂烟尘直排（第1件），居民反映强烈。"
    assert byr["C-01"]["row"]["备注"].replace("\n", "") == "请尽快处理"
    ids = {k: v["id"] for k, v in byr.items()}

    # the API's report, with controls in every text and nested counts as numbers
    dirty = {**REPORT, "findings": _dirty("经现场核查，该搅拌站夜间生产噪声超标，情况属实。"),
             "actions": _dirty("已责令停产整改。"), "accountability": "约谈\x1b[0m企业负责人\x07。"}
    r = client.post(f"/api/v1/petitions/{ids['C-01']}/report", json=dirty, headers=hy)
    assert r.status_code == 200, r.text
    assert not ILLEGAL.search(r.json()["report"]["findings"]) and "\n" in r.json()["report"]["findings"]
    assert r.json()["report"]["accountability"] == "约谈[0m企业负责人。"
    # the page's report form, the same (a browser sends CR LF; the counts as digits)
    csrf = login(client, "hy")
    page = client.post(f"/cases/{ids['C-02']}/report", follow_redirects=False,
                       data={"csrf_token": csrf, "verified": "属实", "findings": _dirty("经核查属实，已整改。"),
                             "actions": "已\x08整改", "closure": "已办结", "count_rectify": "2", "count_fine_wan": "1.5"})
    assert page.status_code == 303, page.text
    rep = client.get(f"/api/v1/petitions/{ids['C-02']}", headers=ed).json()["report"]
    assert rep["actions"] == "已整改" and rep["counts"]["rectify"] == 2 and rep["counts"]["fine_wan"] == 1.5, rep
    client.cookies.clear()
    # a correction and reasons through the API
    r = client.patch(f"/api/v1/petitions/{ids['C-05']}", json={"county": "雁峰\x07区", "pollution_types": ["水\x1b"]},
                     headers=ed)
    assert r.status_code == 200 and r.json()["county"] == "雁峰区" and r.json()["pollution_types"] == ["水"], r.text
    r = client.post(f"/api/v1/petitions/{ids['C-01']}/review", json={"decision": "return", "reason": _dirty("请补充监测数据")},
                    headers=ed)
    assert r.status_code == 200, r.text
    assert client.post(f"/api/v1/petitions/{ids['C-01']}/report", json=dirty, headers=hy).status_code == 200
    for pid in (ids["C-01"], ids["C-02"]):
        r = client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"}, headers=ed)
        assert r.status_code == 200, r.text
    r = client.post(f"/api/v1/petitions/{ids['C-06']}/reject", json={"reason": "重复\x07件\x1b"}, headers=ed)
    assert r.status_code == 200 and r.json()["history"][-1]["detail"]["reason"] == "重复件"
    # a returned table (CSV) whose report columns carry them too
    returned = table([["X-01", "衡阳市雁峰区", "", xrows[0][3], _dirty("经核查属实，已责令停产整改。"), "属实"]],
                     head=HEAD + ["调查核实情况", "是否属实"])
    assert upload(client, ed, returned, name="回复表.csv")["reports"] == 1
    r = client.post(f"/api/v1/petitions/{ids['X-01']}/review", json={"decision": "approve"}, headers=ed)
    assert r.status_code == 200, r.text

    # nothing illegal is kept anywhere
    store = client.app.state.workbench.store
    bad = [(where, t) for where, t in _stored_texts(store) if ILLEGAL.search(t) or "\r" in t]
    assert not bad, bad[:5]

    # every export: 公开表 (API, page), the batch's XLSX (API, page; full and redacted), the 专报 (API, page, CLI)
    pub = client.get("/api/v1/public", params={**period, "format": "xlsx"}, headers=ed)
    assert pub.status_code == 200, pub.text
    text = _cells(pub.content)
    assert "经现场核查" in text and "约谈[0m企业负责人" in text and not ILLEGAL.search(text)
    numbered = [c.value for c in load_workbook(io.BytesIO(pub.content)).active["A"] if isinstance(c.value, int)]
    assert len(numbered) == 3 and len(client.get("/api/v1/public", params=period, headers=ed).json()["rows"]) == 3
    for batch in (got["batch_id"], got_x["batch_id"]):
        for redacted in ("0", "1"):
            r = client.get(f"/api/v1/batches/{batch}/export.xlsx", params={"redacted": redacted}, headers=ed)
            assert r.status_code == 200, r.text
            assert not ILLEGAL.search(_cells(r.content))
    doc = client.get("/api/v1/report", params={**period, "format": "docx"}, headers=ed)
    assert doc.status_code == 200 and Document(io.BytesIO(doc.content)).paragraphs
    csrf = login(client, "ed")
    for url in ("/public.xlsx", f"/batches/{got['batch_id']}/download.xlsx", "/progress/report.docx", "/public",
                f"/cases/{ids['C-01']}", f"/batches/{got['batch_id']}", "/review", "/cases"):
        r = client.get(url, params=period if "batches" not in url and "cases" not in url else None)
        assert r.status_code == 200, (url, r.status_code, r.text[:300])
        if url.endswith(".xlsx"):
            assert not ILLEGAL.search(_cells(r.content))
    client.cookies.clear()
    args = ["--db-url", client.backend["db_url"]] if client.backend["db_url"] else \
        ["--data", client.app.state.workbench.data_dir]
    code, _, err = run_cli("report", "--from", period["from"], "--to", period["to"], "-o", tmp_path / "专报.docx", *args)
    assert code == 0 and (tmp_path / "专报.docx").stat().st_size > 0, err
    # the figures agree, and a viewer reads the cleaned texts too
    agree(client, ed, "after control characters")
    seen = client.get(f"/api/v1/petitions/{ids['C-01']}", headers=vi)
    assert seen.status_code == 200 and not ILLEGAL.search(seen.json()["report"]["findings"])


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl"])
def test_the_command_lines_outputs_take_any_text(tmp_path, fmt):
    """classify / redact / triage / extract -o: CSV, XLSX and JSON Lines written whatever the input's characters."""
    text = _dirty("衡阳市雁峰区某化工厂偷排废水，举报人王建国电话13812345678。")
    src = tmp_path / "in.csv"
    src.write_text("受理编号,交办问题基本情况\nA-1," + '"' + text.replace('"', '""') + '"\n', encoding="utf-8")
    for command in ("classify", "redact", "triage"):
        out = tmp_path / f"{command}.{fmt}"
        code, _, err = run_cli(command, src, "-o", out)
        assert code == 0 and out.stat().st_size > 0, (command, err)
        if fmt == "xlsx":
            assert not ILLEGAL.search(_cells(out.read_bytes()))
    brief = tmp_path / "b.txt"
    brief.write_text(_dirty("督察简报\n2024年5月20日\n杨副省长要求衡阳市生态环境局于2024年6月30日前查明情况。"), encoding="utf-8")
    code, _, err = run_cli("extract", brief, "-o", tmp_path / "extract.xlsx")
    assert code == 0 and not ILLEGAL.search(_cells((tmp_path / "extract.xlsx").read_bytes())), err


def test_nul_and_lone_surrogates_are_refused_on_the_pages_and_the_api_alike(client):
    ed, hy = token(client, "ed"), token(client, "hy")
    upload(client, ed, handover_date="2024-05-15")
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    pid = ids["C-01"]
    before = client.get(f"/api/v1/petitions/{pid}", headers=ed).json()
    raw = {"content-type": "application/json"}
    for body, field in (('{"verified": "属实", "findings": "经核查\\u0000属实", "closure": "已办结"}', "findings"),
                        ('{"verified": "属实", "findings": "经核查\\ud800属实", "closure": "已办结"}', "findings"),
                        ('{"verified": "属实", "findings": "经核查", "actions": "\\udfff", "closure": "已办结"}', "actions"),
                        ('{"verified": "属实", "findings": "x", "closure": "已办结", "counts": {"rec\\u0000tify": 1}}',
                         "counts")):
        r = client.post(f"/api/v1/petitions/{pid}/report", content=body.encode(), headers={**hy, **raw})
        assert r.status_code == 422 and field in r.json()["error"], (body, r.text)
    for url, method, body, field in (
            (f"/api/v1/petitions/{pid}", "PATCH", '{"county": "雁峰\\u0000区"}', "county"),
            (f"/api/v1/petitions/{pid}", "PATCH", '{"pollution_types": ["\\ud800"]}', "pollution_types"),
            (f"/api/v1/petitions/{pid}/reject", "POST", '{"reason": "重复\\u0000"}', "reason"),
            ("/api/v1/petitions/bulk", "POST", f'{{"ids": [{pid}], "action": "return", "reason": "\\u0000"}}', "reason"),
            ("/api/v1/briefings", "POST", '{"text": "简报\\u0000正文"}', "text")):
        r = client.request(method, url, content=body.encode(), headers={**ed, **raw})
        assert r.status_code == 422 and field in r.json()["error"] and "无效字符" in r.json()["error"], (url, r.text)
    for q in ("/api/v1/petitions?q=a%00b", "/api/v1/search?q=%01", "/api/v1/petitions?unit=%1b",
              "/api/v1/progress?from=%00"):
        r = client.get(q, headers=ed)
        assert r.status_code == 422 and r.json()["error"], (q, r.text)
    # the page's report form: %00 refused as the API refuses it, naming the field; nothing stored
    csrf = login(client, "hy")
    r = client.post(f"/cases/{pid}/report", content=f"csrf_token={csrf}&verified=%E5%B1%9E%E5%AE%9E&findings="
                    "%E7%BB%8F%E6%A0%B8%E6%9F%A5%00%E5%B1%9E%E5%AE%9E&closure=%E5%B7%B2%E5%8A%9E%E7%BB%93".encode(),
                    headers={"content-type": "application/x-www-form-urlencoded", "accept": "text/html"},
                    follow_redirects=False)
    assert r.status_code == 422 and "findings" in r.text, r.status_code
    client.cookies.clear()
    csrf = login(client, "ed")
    r = client.post(f"/cases/{pid}/step", data={"csrf_token": csrf, "step": "reject", "reason": "重复\x00"},
                    follow_redirects=False)
    assert r.status_code == 422
    client.cookies.clear()
    after = client.get(f"/api/v1/petitions/{pid}", headers=ed).json()
    assert after["version"] == before["version"] and after["status"] == "待办" and after["report"] is None
    assert not [t for _, t in _stored_texts(client.app.state.workbench.store) if "\x00" in t]


BAD_COUNTS = [("rectify", "2"), ("fine_wan", "1e3"), ("rectify", True), ("penalty", None), ("rectify", -1),
              ("rectify", 2.5), ("detained", 10 ** 9), ("fine_wan", 1e12), ("fine_wan", [1]), ("interviewed", {})]


def test_numbers_are_numbers(client):
    ed, hy = token(client, "ed"), token(client, "hy")
    upload(client, ed, handover_date="2024-05-15")
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    pid = ids["C-01"]
    for name, value in BAD_COUNTS:
        r = client.post(f"/api/v1/petitions/{pid}/report", json={**REPORT, "counts": {name: value}}, headers=hy)
        assert r.status_code == 422 and f"counts.{name}" in r.json()["error"], (name, value, r.text)
    raw = {**hy, "content-type": "application/json"}
    for token_ in ("NaN", "Infinity", "-Infinity", "1e400"):
        body = '{"verified": "属实", "findings": "经核查", "closure": "已办结", "counts": {"fine_wan": %s}}' % token_
        r = client.post(f"/api/v1/petitions/{pid}/report", content=body.encode(), headers=raw)
        assert r.status_code == 422 and "counts.fine_wan" in r.json()["error"], (token_, r.text)
    for version in ("1", True, 0, -1, 1.5, 2 ** 40):
        r = client.post(f"/api/v1/petitions/{pid}/report", json={**REPORT, "version": version}, headers=hy)
        assert r.status_code == 422 and "version" in r.json()["error"], (version, r.text)
    assert client.get(f"/api/v1/petitions/{pid}", headers=ed).json()["report"] is None  # nothing stored
    # what is right is taken: whole counts (2.0 is a whole number, as JSON Schema counts it), 万元 with decimals
    r = client.post(f"/api/v1/petitions/{pid}/report", headers=hy, json={
        **REPORT, "version": 1, "counts": {"rectify": 2.0, "fine_wan": 12.5, "detained": 0}})
    assert r.status_code == 200 and r.json()["report"]["counts"]["rectify"] == 2, r.text
    assert r.json()["report"]["counts"]["fine_wan"] == 12.5
    # ids, duplicate_of, reply days, flags, limits: in bodies JSON numbers, in query strings ASCII digits
    other = ids["C-02"]
    for body in ({"ids": [str(other)], "action": "accept"}, {"ids": [True], "action": "accept"},
                 {"ids": [0], "action": "accept"}, {"ids": [2 ** 63], "action": "accept"},
                 {"ids": [other], "action": "accept", "role": "admin"}):
        r = client.post("/api/v1/petitions/bulk", json=body, headers=ed)
        assert r.status_code == 422 and r.json()["error"], (body, r.text)
    for body in ({"reason": "重复", "duplicate_of": str(other)}, {"reason": "重复", "duplicate_of": True}):
        r = client.post(f"/api/v1/petitions/{ids['C-03']}/reject", json=body, headers=ed)
        assert r.status_code == 422 and "duplicate_of" in r.json()["error"], (body, r.text)
    batch = client.get("/api/v1/batches", headers=ed).json()["batches"][0]["batch_id"]
    for body in ({"reply_days": "30"}, {"reply_days": True}, {"reply_days": 3651}, {"reply_days": 1.5},
                 {"working_days": "yes"}, {"working_days": 1}, {"reply_days": 10, "unit": "x"}):
        r = client.patch(f"/api/v1/batches/{batch}", json=body, headers=ed)
        assert r.status_code == 422 and r.json()["error"], (body, r.text)
    for url in ("/api/v1/petitions?batch_id=%C2%B2", "/api/v1/petitions?batch_id=1e1", "/api/v1/petitions?batch_id=-1",
                "/api/v1/petitions?batch_id=+1", "/api/v1/search?q=x&limit=1e1", "/api/v1/search?q=x&limit=%D9%A3",
                "/api/v1/search?q=x&limit=0", "/api/v1/audit?limit=5.0"):
        r = client.get(url, headers=token(client, "admin"))
        assert r.status_code == 422 and r.json()["error"], (url, r.text)
    assert client.get(f"/api/v1/petitions?batch_id={batch}", headers=ed).status_code == 200
    # the page's form: digits only; anything else is the page's notice and nothing is stored
    csrf = login(client, "hy")
    for name, value in (("count_rectify", "1e3"), ("count_rectify", "²"), ("count_fine_wan", "nan"),
                        ("count_fine_wan", "1e3"), ("count_detained", "-1"), ("count_rectify", "1_0"),
                        ("version", "²")):
        r = client.post(f"/cases/{ids['C-05']}/report", follow_redirects=False,  # a case of hy's unit
                        data={"csrf_token": csrf, "verified": "属实", "findings": "经核查属实", "closure": "已办结",
                              name: value})
        # refused (未报送), the case page shown again with what was typed (nothing typed is lost)
        assert r.status_code == 422 and "未报送" in r.text and "经核查属实" in r.text, (name, value)
    client.cookies.clear()
    assert client.get(f"/api/v1/petitions/{ids['C-05']}", headers=ed).json()["report"] is None
    csrf = login(client, "ed")
    for path, data in ((f"/batches/{batch}/dates", {"reply_days": "²"}), ("/cases/bulk", {"action": "accept",
                                                                                          "ids": ["²"]}),
                       (f"/cases/{ids['C-03']}/step", {"step": "reject", "reason": "重复", "duplicate_of": "²"})):
        r = client.post(path, data={"csrf_token": csrf, **data}, follow_redirects=False)
        assert r.status_code in (303, 422), (path, r.status_code, r.text[:200])
    client.cookies.clear()


def test_texts_kept_from_before_the_door_do_not_break_an_export(client, tmp_path):
    """A database written before the door cleaned its texts (control characters in a report, a receipt, a unit's
    name, a cell): every export escapes them (U+FFFD), none fails."""
    from sqlalchemy import select, update

    from petitionnlp.office.tables import Petition, Report, Unit

    ed, hy = token(client, "ed"), token(client, "hy")
    got = upload(client, ed, handover_date="2024-05-15")
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    assert client.post(f"/api/v1/petitions/{ids['C-01']}/report", json=REPORT, headers=hy).status_code == 200
    assert client.post(f"/api/v1/petitions/{ids['C-01']}/review", json={"decision": "approve"},
                       headers=ed).status_code == 200
    store = client.app.state.workbench.store
    with store.session() as s:
        s.execute(update(Report).where(Report.petition_id == ids["C-01"])
                  .values(findings="经核查\x07属实\x1b[0m", actions="已\x08整改\x0b完毕\x7f"))
        pet = s.scalars(select(Petition).where(Petition.id == ids["C-01"])).one()
        s.execute(update(Petition).where(Petition.id == pet.id)
                  .values(receipt_id="C-01\x01", text=pet.text + "\x0c", row={**pet.row, "备注": "\x1f说明"}))
        unit = s.scalars(select(Unit).order_by(Unit.id)).first()
        s.execute(update(Unit).where(Unit.id == unit.id).values(name=unit.name + "\x07"))
        s.commit()
    period = {"from": "2024-05-01", "to": "2024-05-31"}
    pub = client.get("/api/v1/public", params={**period, "format": "xlsx"}, headers=ed)
    assert pub.status_code == 200, pub.text
    text = _cells(pub.content)
    assert "经核查\ufffd属实" in text and not ILLEGAL.search(text)
    for redacted in ("0", "1"):
        r = client.get(f"/api/v1/batches/{got['batch_id']}/export.xlsx", params={"redacted": redacted}, headers=ed)
        assert r.status_code == 200 and not ILLEGAL.search(_cells(r.content)), r.text[:300]
    doc = client.get("/api/v1/report", params={**period, "format": "docx"}, headers=ed)
    assert doc.status_code == 200 and Document(io.BytesIO(doc.content)).paragraphs, doc.text[:300]
    for url in (f"/api/v1/petitions/{ids['C-01']}", "/api/v1/public", "/api/v1/petitions"):
        r = client.get(url, params=period if "public" in url else None, headers=ed)
        assert r.status_code == 200, (url, r.text[:300])
