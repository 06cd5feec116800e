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


def test_the_date_given_with_the_upload_is_every_rows_as_the_contract_says(client):
    """The contract: the form's (or the API's) ``handover_date``, when given, is the hand-over date.  The shipped sample
    has a 交办日期 column (2024-05-15 on every row) and clerks upload it with the day they hand it over typed in the
    form: every case takes the form's date and its deadline from it — a row's own date never overrides it (nor does a
    cell that names no day make its row anything but a case)."""
    from pathlib import Path

    ed = token(client, "ed")
    sample = (Path(__file__).resolve().parents[1] / "corpora" / "samples" / "petitions_sample.csv").read_bytes()
    got = upload(client, ed, sample, name="petitions_sample.csv", handover_date="2024-05-20", reply_days="15")
    assert got["handover_date"] == "2024-05-20" and got["handover_source"] == "form", got
    stored = cases(client, ed)
    assert got["rows"] == 12 and len(stored) == 11 and got["errors"] == 1  # its row 7 has no text: no case
    assert {(p["handover_date"], p["due_date"]) for p in stored.values()} == {("2024-05-20", _due("2024-05-20"))}
    got = upload(client, ed, table(DATED, head=HEAD), name="各行日期.csv", handover_date="2024-05-15", reply_days="15")
    assert got["errors"] == 0 and not any(c in (got["message"] or "") for c in ("[O409]", "[O408]")), got
    stored = cases(client, ed)
    assert {(stored[r[0]]["handover_date"], stored[r[0]]["due_date"]) for r in DATED} == {
        ("2024-05-15", _due("2024-05-15"))}, stored


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_without_a_form_date_each_rows_own_date_is_kept_and_an_unread_one_is_still_a_case(client, fmt):
    """Without a date given with the upload (the batch's is the date column's first, here), a row whose 交办日期 names
    its own day keeps it, its deadline counted from it (ISO, 2024年5月12日, a date cell, an Excel day serial); a row
    without one takes the batch's — and so does a row whose cell names no day (2024-13-45): it is a case all the same
    (a50's first version stored it as a row that is no case), the upload's message naming it once, the cell quoted
    ([O408]); a day without its year (5月15日) is read against the batch's date (o51: 2024-05-15); an upload again
    stores nothing twice."""
    ed = token(client, "ed")
    rows = [list(r) for r in DATED] + [["R-06", "岳阳市", "5月15日", "岳阳市平江县某砖厂烟尘大，周边农田受影响。"]]
    if fmt == "xlsx":
        rows[0][2] = datetime.date(2024, 5, 10)  # a date cell
        rows[4][2] = 45426                        # a day number without a date format
    got = upload(client, ed, table(rows, head=HEAD, fmt=fmt), name=f"各行日期.{fmt}", reply_days="15")
    assert got["handover_date"] == "2024-05-10" and got["handover_source"] == "column", got
    assert got["rows"] == 6 and got["errors"] == 0, got
    message = got["message"]
    assert "[O409]" in message and "3 件" in message and "第2条（2024年5月12日）" in message, message
    assert "第6条（2024年5月15日）" in message, message
    assert message.count("[O408]") == 1 and "第4条（2024-13-45）" in message and "（5月15日）" not in message, message
    assert "\n" not in message.split("[O408]")[1].split("[O")[0] and "2024年5月10日" in message.split("[O408]")[1]
    stored = cases(client, ed)
    want = {"R-01": "2024-05-10", "R-02": "2024-05-12", "R-03": "2024-05-10", "R-04": "2024-05-10",
            "R-05": "2024-05-14", "R-06": "2024-05-15"}
    assert {k: stored[k]["handover_date"] for k in want} == want, stored
    assert {k: stored[k]["due_date"] for k in want} == {k: _due(d) for k, d in want.items()}
    again = upload(client, ed, table(rows, head=HEAD, fmt=fmt), name=f"各行日期再传.{fmt}", reply_days="15")
    assert again["existing"] == 6 and again["errors"] == 0, again
    assert len(cases(client, ed)) == 6


def _meanwhile(monkeypatch, store, change):
    """``change()`` committed by another clerk (another thread, its own transaction) after a change of a case has
    read the case but before it has locked it."""
    from test_office_a49 import by_another_clerk

    real, done = store.locked_petition, []

    def locked(petition_id):
        if not done:
            done.append(1)
            by_another_clerk(change)
        return real(petition_id)

    monkeypatch.setattr(store, "locked_petition", locked)
    return done


def test_a_place_correction_is_compared_with_the_case_as_locked(client, monkeypatch):
    """Two clerks correct C-01's place at once: one moves it to 平江县 (its city 岳阳市 with it), the other sets its city
    to 岳阳市.  The second compared its city with the case as read before the lock (衡阳市), so it "changed" the city
    to the one it already had and, a city without the county, cleared the county 平江县 the first had just set — both
    answered 200, the first clerk's correction silently undone.  Now the comparison (and the place resolved from the
    case) is made on the case as locked: the city is the one asked for already, nothing is changed, 平江县 stays."""
    ed, admin_h = token(client, "ed"), token(client, "admin")
    upload(client, ed, handover_date="2024-05-15", reply_days="15")
    pid = cases(client, ed)["C-01"]["id"]
    wb = client.app.state.workbench
    other = wb.store.user(username="admin")
    done = _meanwhile(monkeypatch, wb.store, lambda: wb.change_case(other, pid, {"county": "平江县"}))
    r = client.patch(f"/api/v1/petitions/{pid}", json={"city": "岳阳市"}, headers=ed)
    assert done and r.status_code == 200, r.text
    got = client.get(f"/api/v1/petitions/{pid}", headers=admin_h).json()
    assert (got["city"], got["county"]) == ("岳阳市", "平江县"), got
    corrections = [h for h in got["history"] if h["action"] == "correct"]
    assert len(corrections) == 1 and corrections[0]["user"] == "admin", got["history"]


def test_bulk_handover_to_an_unknown_unit_is_refused_whole_as_bulk_supervision_is(client):
    """A bulk 交办 to a unit that does not exist answered 200 with every ticked case "failed" for the same reason, where
    a bulk 督办 whose deadline the rules refuse is refused as a request (422, before any case is touched): one way
    now — what is wrong with the request itself refuses the request, 422 [O208], nothing changed."""
    ed = token(client, "ed")
    upload(client, ed, handover_date="2024-05-15", reply_days="15")
    before = cases(client, ed)
    ids = [before[k]["id"] for k in ("C-01", "C-03")]
    r = client.post("/api/v1/petitions/bulk", json={"ids": ids, "action": "assign", "unit": "没有这个单位"}, headers=ed)
    assert r.status_code == 422 and r.json()["error"].startswith("[O208]") and "没有这个单位" in r.json()["error"], r.text
    after = cases(client, ed)
    assert all(after[k]["version"] == before[k]["version"] and after[k]["unit"] == before[k]["unit"]
               for k in ("C-01", "C-03"))
    r = client.post("/api/v1/petitions/bulk", json={"ids": ids, "action": "assign", "unit": "岳阳市"}, headers=ed)
    assert r.status_code == 200 and sorted(r.json()["done"]) == sorted(ids) and not r.json()["failed"], r.text
    assert all(v["unit"] == "岳阳市" for k, v in cases(client, ed).items() if k in ("C-01", "C-03"))


def test_a_bad_date_cells_words_are_hidden_from_a_viewer_as_the_rows_are(client):
    """The notice naming a date cell that names no day quotes the cell: a viewer reads the batch's message redacted, as
    the rows themselves — so it is quoted whole or not at all (a cell cut at 20 characters kept 16 digits of an
    identity number, which the redaction no longer knew for one).  Both rows are cases."""
    ed, vi = token(client, "ed"), token(client, "vi")
    who = "张三丰 430421198805123455"
    rows = [["V-1", "衡阳市雁峰区", who, "衡阳市雁峰区某厂噪声扰民，夜间尤甚。"],
            ["V-2", "衡阳市雁峰区", "请联系举报人张三丰，身份证号码是430421198805123455，电话13812345678",
             "衡阳市雁峰区某厂废气扰民，气味刺鼻。"]]
    got = upload(client, ed, table(rows, head=HEAD), name="错填.csv")
    assert got["errors"] == 0 and got["handover_source"] == "today", got
    assert set(cases(client, ed)) == {"V-1", "V-2"}
    mine = client.get(f"/api/v1/batches/{got['batch_id']}", headers=ed).json()["message"]
    assert f"第1条（{who}）" in mine and "第2条（一段" in mine and "字的文字" in mine, mine  # the long one not quoted
    assert mine.count("430421198805123455") == 1 and "1381234" not in mine, mine
    seen = client.get(f"/api/v1/batches/{got['batch_id']}", headers=vi).json()["message"]
    assert "第1条" in seen and not any(x in seen for x in ("张三丰", "4304211988", "1381234")), seen


def test_a_batch_correction_keeps_each_rows_own_date_and_a_new_date_is_every_cases(client):
    """Reply days corrected alone (PATCH /batches/{id}) gave every case the batch's hand-over date, and a deadline
    counted from it: the dates the rows gave were lost on the first correction.  Now each case keeps its own, its
    deadline recounted from it by the corrected rule.  A hand-over date corrected is every case's (the contract: it
    sets its petitions' hand-over date), each deadline counted from it."""
    ed = token(client, "ed")
    rows = [r for r in DATED if r[0] != "R-04"]
    got = upload(client, ed, table(rows, head=HEAD), name="更正.csv", reply_days="15")
    r = client.patch(f"/api/v1/batches/{got['batch_id']}", json={"reply_days": 10}, headers=ed)
    assert r.status_code == 200, r.text
    want = {"R-01": "2024-05-10", "R-02": "2024-05-12", "R-03": "2024-05-10", "R-05": "2024-05-14"}
    stored = cases(client, ed)
    assert {k: (stored[k]["handover_date"], stored[k]["due_date"]) for k in want} == {
        k: (d, _due(d, 10)) for k, d in want.items()}, stored
    r = client.patch(f"/api/v1/batches/{got['batch_id']}", json={"handover_date": "2024-05-16"}, headers=ed)
    assert r.status_code == 200 and r.json()["handover_date"] == "2024-05-16", r.text
    stored = cases(client, ed)
    assert {(stored[k]["handover_date"], stored[k]["due_date"]) for k in want} == {
        ("2024-05-16", _due("2024-05-16", 10))}, stored
