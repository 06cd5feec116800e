"""A clerk's inspection day walked through (session 48, helper w48): what the office publishes and prints.

- A complainant's home given in brackets after 住 (举报人刘芳（住…幸福小区3栋502室）) was published in the 公开表 and
  shown to viewers: the door and room numbers are hidden as after ，住.
- A derived 受理编号 (D2HN202405150001-2) wrapped across two lines in the 公开表 and a batch's XLSX.
"""

import pytest
from fastapi.testclient import TestClient

from test_office_integrity import REPORT, table, token, upload

from petitionnlp.pii import redact_text

DAY = "2017-05-15"
FLAT = "3栋502室"


@pytest.mark.parametrize("text,kept", [
    ("衡阳市雁峰区某KTV噪声扰民至凌晨三点，举报人刘芳（住雁峰区白沙洲街道幸福小区3栋502室）。", "幸福小区【住址】"),
    ("来电人（住幸福小区3栋2单元501）反映楼下餐馆油烟", "幸福小区【住址】"),
    ("来电人(住幸福小区3栋2单元501)反映楼下餐馆油烟", "幸福小区【住址】"),
])
def test_a_home_in_brackets_after_zhu_is_hidden(text, kept):
    """（住…）after a complainant is where he lives, as ，住… is: the door and room numbers hidden, the estate kept."""
    out = redact_text(text)[0]
    assert kept in out and "502" not in out and "501" not in out, out


def test_a_building_without_a_home_word_stays_beside_brackets():
    text = "某小区（东区）5栋楼下烧烤店油烟扰民，住户反映多次"
    assert redact_text(text)[0] == text


ROWS = [["W-01", "衡阳市雁峰区", "噪声", f"衡阳市雁峰区某KTV噪声扰民至凌晨三点，举报人刘芳（住雁峰区白沙洲街道幸福小区{FLAT}）。"],
        ["W-02", "衡阳市雁峰区", "大气", "衡阳市雁峰区某汽修厂露天喷漆，气味刺鼻。"],
        ["W-03", "衡阳市雁峰区", "水", "衡阳市雁峰区某养殖场粪污直排小河。"]]


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """One unit, an editor and a viewer; three cases handed over on one day, reported and approved; a spot check of
    all three, W-03's failed (reopened), reported again and waiting for review."""
    from petitionnlp.office.accounts import add_user
    from petitionnlp.office.units import add_unit
    from petitionnlp.web.app import create_app

    tmp = tmp_path_factory.mktemp("w48")
    app = create_app(tmp / "data", background=False)
    store = app.state.workbench.store
    add_unit(store, "衡阳市雁峰区", "湖南省/衡阳市/雁峰区")
    add_user(store, "ed", "ed-password-1", "editor", None)
    add_user(store, "vi", "vi-password-1", "viewer", None)
    long = {**REPORT, "findings": "经现场核查，反映问题属实，该企业夜间违规生产。", "actions": "责令停产整改，立案处罚。"}
    with TestClient(app) as client:
        ed = token(client, "ed")
        upload(client, ed, table(ROWS), name="第1批.csv", handover_date=DAY, reply_days="15")
        ids = sorted(p["id"] for p in client.get("/api/v1/petitions", headers=ed).json()["petitions"])
        for pid in ids:
            assert client.post(f"/api/v1/petitions/{pid}/report", json=long, headers=ed).status_code == 200
            assert client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"},
                               headers=ed).status_code == 200
        sc = client.post("/api/v1/spotchecks", json={"from": DAY, "to": DAY, "rate": 1.0, "seed": 1}, headers=ed).json()
        again = ids[-1]  # W-03 fails its check; W-01 stays in the 公开表
        for pid in sc["petitions"]:
            client.post(f"/api/v1/spotchecks/{sc['id']}/items/{pid}",
                        json={"passed": pid != again, "note": "复核发现整改不到位" if pid == again else "复核通过"},
                        headers=ed)
        assert client.post(f"/api/v1/petitions/{again}/report", json=long, headers=ed).status_code == 200
        client.ed, client.vi, client.ids, client.spotcheck = ed, token(client, "vi"), ids, sc["id"]
        yield client


def test_the_public_table_and_the_viewer_hide_a_home_in_brackets(office):
    """The 公开表 (JSON and XLSX page) and a viewer's case list: the flat given in （住…） is not there."""
    rows = office.get("/api/v1/public", params={"from": DAY, "to": DAY, "format": "json"},
                      headers=office.ed).json()["rows"]
    first = [r for r in rows if r["受理编号"] == "W-01"]
    assert first and FLAT not in first[0]["交办问题基本情况"] and "幸福小区" in first[0]["交办问题基本情况"]
    seen = office.get("/api/v1/petitions", headers=office.vi).json()["petitions"]
    assert not [p for p in seen if FLAT in (p.get("text") or "")]


def test_a_long_receipt_is_never_broken_in_a_written_table():
    """A derived 受理编号 (D2HN202405150001-2, 18 characters) in the 公开表 (its column given 18) and in a queue's
    export (given 17) was wrapped across two lines on paper: a short value — a code, a unit's name — makes its column
    as wide as it needs; long texts still wrap at the width given."""
    import io

    from openpyxl import load_workbook

    from petitionnlp.io import write_table_xlsx
    from petitionnlp.office.documents import PUBLIC_COLUMNS, public_xlsx

    long_text = "某化工厂夜间偷排废水，河水发黑发臭，鱼虾死亡，周边居民多次反映未果。" * 3
    rows = [{c: "" for c in PUBLIC_COLUMNS} | {"序号": 1, "受理编号": "D2HN202405150001-2", "交办问题基本情况": long_text}]
    ws = load_workbook(io.BytesIO(public_xlsx(rows, "湖南省群众信访举报件办理情况公开表", "2017年5月15日"))).worksheets[0]
    head = [c.value for c in ws[3]]
    receipt, text = head.index("受理编号") + 1, head.index("交办问题基本情况") + 1
    letter = ws.cell(row=4, column=receipt).column_letter
    assert ws.column_dimensions[letter].width >= 19 and not ws.cell(row=4, column=receipt).alignment.wrap_text
    assert ws.column_dimensions[ws.cell(row=4, column=text).column_letter].width == 40  # the text wraps as before
    data = write_table_xlsx(None, [{"受理编号": "D2HN202405150001-2", "责任单位": "怀化市通道侗族自治县"}],
                            ["受理编号", "责任单位"], widths={"受理编号": 17, "责任单位": 14})
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    assert ws.column_dimensions["A"].width >= 19 and ws.column_dimensions["B"].width >= 21
    assert not ws["A2"].alignment.wrap_text and not ws["B2"].alignment.wrap_text

