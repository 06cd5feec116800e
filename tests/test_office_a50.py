"""The office core (session 50, helper a50): nothing an upload holds is lost (each row's own 交办日期), one rule in
one place, and two clerks at once never both "win"; on SQLite and PostgreSQL as the other office tests."""

import datetime

import pytest

from test_office_integrity import cases, client, table, token, upload  # noqa: F401

HEAD = ["受理编号", "行政区域", "交办日期", "交办问题基本情况"]
DATED = [["R-01", "衡阳市雁峰区", "2024-05-10", "衡阳市雁峰区某搅拌站夜间施工噪声扰民，扬尘严重，居民无法入睡。"],
         ["R-02", "衡阳市雁峰区", "2024年5月12日", "衡阳市雁峰区某化工厂夜间偷排废水，河水发黑发臭。"],
         ["R-03", "岳阳市", "", "岳阳市岳阳楼区某餐馆油烟直排，气味刺鼻。"],
         ["R-04", "岳阳市", "2024-13-45", "岳阳市平江县某采石场粉尘污染严重，道路扬尘。"],
         ["R-05", "衡阳市雁峰区", "45426", "衡阳市雁峰区某养殖场粪污直排小河。"]]  # an Excel day serial: 2024-05-14


def _due(day: str, days: int = 15) -> str:
    from petitionnlp.triage import reply_deadline

    return reply_deadline(datetime.date.fromisoformat(day), days, True).iso


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_each_rows_own_handover_date_is_kept_and_a_bad_one_is_named(client, fmt):
    """A 交办表 whose rows carry their own 交办日期 (one sheet gathering several days' hand-overs) gave every case one
    date — the form's, else the first row's — and the deadline counted from it: the dates the clerk typed were lost,
    and a case handed over on the 10th was shown due five days late.  Now each row's own date (read by the one date
    parser: ISO, 2024年5月12日, an Excel day serial) gives its case's hand-over date and deadline; a row without one
    takes the batch's (the form's); a date that names no day is one line naming the row and why, that row no case,
    the others stored — and once corrected and uploaded again, that row becomes its case."""
    ed = token(client, "ed")
    rows = [list(r) for r in DATED]
    if fmt == "xlsx":
        rows[0][2] = datetime.date(2024, 5, 10)  # a date cell
        rows[4][2] = 45426                        # a day number without a date format
    got = upload(client, ed, table(rows, head=HEAD, fmt=fmt), name=f"各行日期.{fmt}", handover_date="2024-05-15",
                 reply_days="15")
    assert got["rows"] == 5 and got["errors"] == 1, got
    assert "[O409]" in got["message"] and "3 件" in got["message"] and "第1条 2024-05-10" in got["message"], got
    stored = cases(client, ed)
    want = {"R-01": "2024-05-10", "R-02": "2024-05-12", "R-03": "2024-05-15", "R-05": "2024-05-14"}
    assert {k: stored[k]["handover_date"] for k in want} == want, stored
    assert {k: stored[k]["due_date"] for k in want} == {k: _due(d) for k, d in want.items()}
    assert "R-04" not in stored
    listed = client.get(f"/api/v1/batches/{got['batch_id']}/petitions", headers=ed).json()["petitions"]
    bad = [p for p in listed if p["error"]]
    assert len(bad) == 1 and bad[0]["row"]["受理编号"] == "R-04", bad
    why = bad[0]["error"]
    assert "\n" not in why and "第4条" in why and "交办日期" in why and "2024-13-45" in why, why
    assert listed[3]["row"]["交办日期"] == "2024-13-45"  # the row as it came, nothing of it lost
    # corrected and uploaded again: that row is its case now, the others are not stored twice
    rows[3][2] = "2024-05-11"
    again = upload(client, ed, table(rows, head=HEAD, fmt=fmt), name=f"各行日期更正.{fmt}",
                   handover_date="2024-05-15", reply_days="15")
    assert again["existing"] == 4 and again["errors"] == 0, again
    fixed = cases(client, ed)["R-04"]
    assert (fixed["handover_date"], fixed["due_date"]) == ("2024-05-11", _due("2024-05-11"))


def test_rows_dates_without_a_form_date_and_the_batch_says_so(client):
    """Without a date typed with the upload the batch's date is the table's first (as before), and every row still
    keeps its own; a row without one takes the batch's."""
    ed = token(client, "ed")
    rows = [r for r in DATED if r[0] != "R-04"]
    rows = [rows[2], *rows[:2], rows[3]]  # the first row has no date of its own
    got = upload(client, ed, table(rows, head=HEAD), name="无表单日期.csv", reply_days="15")
    assert got["handover_date"] == "2024-05-10" and got["handover_source"] == "column" and got["errors"] == 0, got
    stored = cases(client, ed)
    assert [stored[k]["handover_date"] for k in ("R-03", "R-01", "R-02", "R-05")] == [
        "2024-05-10", "2024-05-10", "2024-05-12", "2024-05-14"]


def test_a_bad_date_cells_words_are_hidden_from_a_viewer_as_the_rows_are(client):
    """The error naming a date cell that names no day quotes the cell: a viewer reads it redacted, as the row itself —
    so it is quoted whole or not at all (a cell cut at 20 characters kept 16 digits of an identity number, which the
    redaction no longer knew for one)."""
    ed, vi = token(client, "ed"), token(client, "vi")
    who = "张三丰 430421198805123455"
    rows = [["V-1", "衡阳市雁峰区", who, "衡阳市雁峰区某厂噪声扰民，夜间尤甚。"],
            ["V-2", "衡阳市雁峰区", "请联系举报人张三丰，身份证号码是430421198805123455，电话13812345678",
             "衡阳市雁峰区某厂废气扰民，气味刺鼻。"]]
    got = upload(client, ed, table(rows, head=HEAD), name="错填.csv", handover_date="2024-05-15")
    assert got["errors"] == 2, got
    mine = client.get(f"/api/v1/batches/{got['batch_id']}/petitions", headers=ed).json()["petitions"]
    assert who in mine[0]["error"] and "430421198805123455" not in mine[1]["error"], mine  # the long one not quoted
    assert "第2条" in mine[1]["error"] and "字的文字" in mine[1]["error"]
    seen = client.get(f"/api/v1/batches/{got['batch_id']}/petitions", headers=vi).json()["petitions"]
    for p in seen:
        assert p["error"].startswith("[O244]") and not any(x in p["error"] for x in ("张三丰", "4304211988", "1381234")), p


def test_a_batch_correction_keeps_each_rows_own_date(client):
    """A batch's reply days corrected (PATCH /batches/{id}) gave every case the batch's hand-over date, and a deadline
    counted from it: the dates the rows gave were lost on the first correction.  Now a case whose row gave its own
    date keeps it, its deadline counted from it by the corrected rule; the batch's date, corrected, moves the cases
    that took it."""
    ed = token(client, "ed")
    rows = [r for r in DATED if r[0] != "R-04"]
    got = upload(client, ed, table(rows, head=HEAD), name="更正.csv", handover_date="2024-05-15", reply_days="15")
    r = client.patch(f"/api/v1/batches/{got['batch_id']}", json={"reply_days": 10}, headers=ed)
    assert r.status_code == 200, r.text
    want = {"R-01": "2024-05-10", "R-02": "2024-05-12", "R-03": "2024-05-15", "R-05": "2024-05-14"}
    stored = cases(client, ed)
    assert {k: (stored[k]["handover_date"], stored[k]["due_date"]) for k in want} == {
        k: (d, _due(d, 10)) for k, d in want.items()}, stored
    r = client.patch(f"/api/v1/batches/{got['batch_id']}", json={"handover_date": "2024-05-16"}, headers=ed)
    assert r.status_code == 200 and r.json()["handover_date"] == "2024-05-16", r.text
    want["R-03"] = "2024-05-16"
    stored = cases(client, ed)
    assert {k: (stored[k]["handover_date"], stored[k]["due_date"]) for k in want} == {
        k: (d, _due(d, 10)) for k, d in want.items()}, stored
