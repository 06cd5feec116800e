"""What a case names itself is hidden in every text of the case (session 45's probe, x45): a person the detector
finds in a petition's text (傣族群众岩温扁反映…) or that stands in its personal columns (举报人 刘建国) is hidden where
a report, a return or 不受理 reason, a callback, 督办 or spot-check note, the history, another cell of its row or the
公开表 name that person again in words the detector alone does not read as a name (情况与岩温扁所述一致, 该件为刘建国重复举报;
since helper p46 the detector reads 经现场核查，岩温扁所述属实 and 刘建国重复举报 itself).
On SQLite and PostgreSQL, through the application as the web tests start it."""

from test_office_closed_loop import LATER, PERIOD
from test_office_integrity import cases, client, token, upload  # noqa: F401 — client

from petitionnlp.office.redaction import redact

NAME, OTHER, FLAT = "岩温扁", "刘建国", "3-1-502"
HEAD = "受理编号,行政区域,污染类型,举报人,联系电话,小区,交办问题基本情况\n"
ROWS = (f"X-01,衡阳市雁峰区,水,,,幸福小区{FLAT},傣族群众{NAME}反映衡阳市雁峰区某养殖场粪污直排，住幸福小区{FLAT}。\n"
        f"X-02,衡阳市雁峰区,大气,{OTHER},13975123456,,举报人反映衡阳市雁峰区某化工厂夜间偷排废气。\n"
        f"X-03,衡阳市雁峰区,大气,,,,衡阳市雁峰区某化工厂夜间偷排废气，气味刺鼻。\n")


def test_a_person_the_case_names_is_hidden_in_its_reports_reasons_notes_and_the_public_table(client):
    ed, hy, vi = (token(client, n) for n in ("ed", "hy", "vi"))
    # the words the case's other texts use: the detector alone does not find the person in them
    said = {"findings": f"经现场核查，情况与{NAME}所述一致。", "actions": f"对{NAME}反映的问题已整改。",
            "reason": f"该件为{OTHER}重复举报", "callback": f"已回访，{NAME}本人表示满意", "check": f"复核时{NAME}称已整改",
            "return": f"请补充{NAME}所述情况"}
    assert all(NAME in redact(t) or OTHER in redact(t) for t in said.values()) and FLAT in redact(f"幸福小区{FLAT}")
    upload(client, ed, (HEAD + ROWS).encode("utf-8"), handover_date="2024-05-15", reply_days="15")
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    one = ids["X-01"]
    report = {"verified": "属实", "findings": said["findings"], "actions": said["actions"], "closure": "已办结"}
    assert client.post(f"/api/v1/petitions/{one}/report", json=report, headers=hy).status_code == 200
    assert client.post(f"/api/v1/petitions/{one}/review", json={"decision": "return", "reason": said["return"]},
                       headers=ed).status_code == 200
    assert client.post(f"/api/v1/petitions/{one}/report", json=report, headers=hy).status_code == 200
    assert client.post(f"/api/v1/petitions/{one}/review", json={"decision": "approve"}, headers=ed).status_code == 200
    assert client.post(f"/api/v1/petitions/{one}/callback", json={"result": "满意", "note": said["callback"]},
                       headers=ed).status_code == 200
    sc = client.post("/api/v1/spotchecks", json={**PERIOD, "rate": 1, "seed": 1}, headers=ed).json()
    assert client.post(f"/api/v1/spotchecks/{sc['id']}/items/{one}", json={"passed": True, "note": said["check"]},
                       headers=ed).status_code == 200
    assert client.post(f"/api/v1/petitions/{ids['X-02']}/supervise", headers=ed,
                       json={"due_date": LATER, "note": f"督促答复{OTHER}"}).status_code == 200
    assert client.post(f"/api/v1/petitions/{ids['X-02']}/reject", headers=ed,
                       json={"reason": said["reason"], "duplicate_of": None}).status_code == 200
    full = client.get(f"/api/v1/petitions/{one}", headers=ed).text
    assert NAME in full and said["findings"] in full  # the office reads it all
    shown = {f"/api/v1/petitions/{i}": client.get(f"/api/v1/petitions/{i}", headers=vi) for i in ids.values()}
    shown["/api/v1/petitions"] = client.get("/api/v1/petitions", headers=vi)
    shown["/api/v1/callbacks"] = client.get("/api/v1/callbacks", headers=vi)
    shown["/api/v1/spotchecks/N"] = client.get(f"/api/v1/spotchecks/{sc['id']}", headers=vi)
    shown["public (editor)"] = client.get("/api/v1/public", params={**PERIOD, "format": "json"}, headers=ed)
    for where, r in shown.items():
        assert r.status_code == 200, (where, r.status_code)
        for secret in (NAME, OTHER, FLAT):
            assert secret not in r.text, (where, secret, r.text[max(0, r.text.find(secret) - 80):][:160])
    got = shown[f"/api/v1/petitions/{one}"].json()
    assert got["report"]["findings"] == "经现场核查，情况与【姓名】所述一致。" \
        and got["callbacks"][0]["note"] == "已回访，【姓名】本人表示满意"
    assert got["row"]["小区"] == "幸福小区【住址】"
    assert shown[f"/api/v1/petitions/{ids['X-02']}"].json()["rejection"]["reason"] == "该件为【姓名】重复举报"
    row = next(r for r in shown["public (editor)"].json()["rows"] if r["受理编号"] == "X-01")
    assert row["调查核实情况"] == "经现场核查，情况与【姓名】所述一致。" and row["处理和整改情况"] == "对【姓名】反映的问题已整改。"
    # a case names only its own people: another case's text keeps its words
    assert "衡阳市雁峰区某化工厂夜间偷排废气，气味刺鼻。" in shown[f"/api/v1/petitions/{ids['X-03']}"].text


def test_a_home_address_column_is_personal_for_a_viewer_and_left_out_of_the_redacted_export(client):
    """A column of home addresses (住址, 家庭住址, 联系地址: ``corpora/pii/personal_columns.tsv``) is replaced whole for a
    viewer and left out of the batch's 脱敏版, as 举报人 and 联系电话 are: a flat written without a cue word
    (雁峰区先锋路18号3栋1单元502室) is found by no rule in the cell alone."""
    import io

    from openpyxl import load_workbook

    ed, vi = token(client, "ed"), token(client, "vi")
    home, contact = "雁峰区先锋路18号3栋1单元502室", "衡阳市雁峰区黄茶岭街道7栋2单元301"
    assert home in redact(home) and contact in redact(contact)
    table = ("受理编号,行政区域,家庭住址,联系地址,问题地址,交办问题基本情况\n"
             f"H-01,衡阳市雁峰区,{home},{contact},白沙洲工业园,衡阳市雁峰区白沙洲工业园某化工厂夜间偷排废气。\n")
    batch = upload(client, ed, table.encode("utf-8"), handover_date="2024-05-15")["batch_id"]
    r = client.get(f"/api/v1/batches/{batch}/petitions", headers=vi)
    row = r.json()["petitions"][0]["row"]
    assert row["家庭住址"] == row["联系地址"] == "【住址】" and row["问题地址"] == "白沙洲工业园"
    assert home not in r.text and "7栋2单元301" not in r.text
    x = client.get(f"/api/v1/batches/{batch}/export.xlsx", params={"redacted": "true"}, headers=ed)
    assert x.status_code == 200
    cells = [str(c.value) for ws in load_workbook(io.BytesIO(x.content)).worksheets for line in ws.iter_rows()
             for c in line if c.value is not None]
    assert "家庭住址" not in cells and "联系地址" not in cells and "问题地址" in cells
    assert not any("502室" in c or "2单元301" in c for c in cells)


def test_a_name_in_the_complainant_column_is_hidden_in_the_text_the_list_and_the_search_of_a_viewer(client):
    """The 举报人 column names the person the text names in words the detector misses (据岩温扁所述…): the
    viewer's text, its filter and its search hide the person too; a cell naming no one (匿名) changes nothing."""
    ed, vi = token(client, "ed"), token(client, "vi")
    assert NAME in redact(f"据{NAME}所述")
    table = ("受理编号,行政区域,举报人,交办问题基本情况\n"
             f"N-01,衡阳市雁峰区,{NAME},据{NAME}所述，衡阳市雁峰区某砖厂粉尘污染严重。\n"
             "N-02,衡阳市雁峰区,匿名,匿名举报衡阳市雁峰区某工地夜间施工噪声扰民。\n")
    upload(client, ed, table.encode("utf-8"), handover_date="2024-05-15")
    seen = cases(client, vi)
    assert seen["N-01"]["text"] == "据【姓名】所述，衡阳市雁峰区某砖厂粉尘污染严重。"
    assert seen["N-02"]["text"] == "匿名举报衡阳市雁峰区某工地夜间施工噪声扰民。"
    assert cases(client, vi, q=NAME) == {} and set(cases(client, ed, q=NAME)) == {"N-01"}
    hits = client.get("/api/v1/search", params={"q": "砖厂"}, headers=vi)
    assert hits.status_code == 200 and hits.json() and NAME not in hits.text
    assert not [h for h in client.get("/api/v1/search", params={"q": NAME}, headers=vi).json() if "N-01" in h["title"]]
