"""Intake under pressure (session 48, helper a48), on SQLite and PostgreSQL: an upload that meets other clerks' uploads
of the same receipts chunk after chunk finishes (each row once, the report columns of every chunk recorded, the
clerk told), and one interrupted keeps the report columns of the rows stored before; a corrected slip — the
receipt a table now gives a petition once kept under a derived receipt — is recognised as that petition and named,
not stored twice."""

from test_office_integrity import cases, client, table, token, upload  # noqa: F401

HEAD = ["受理编号", "行政区域", "污染类型", "交办问题基本情况"]
A = ["Z-1", "衡阳市雁峰区", "", "衡阳市雁峰区某化工厂夜间排放废气"]
B = ["Z-1", "岳阳市", "", "岳阳市平江县某养殖场粪污直排小河"]
FINDINGS = ["经核查部分属实，已限期整改。", "部分属实"]


def _rows(n):
    return [[f"Q-{i:03d}", "岳阳市", "", f"岳阳市某厂夜间噪声扰民（第{i}件）"] for i in range(n)]


def test_an_upload_meeting_other_uploads_chunk_after_chunk_finishes(client, monkeypatch):
    """Another clerk's upload stores the same receipts while this one reads them, chunk after chunk (several clerks
    sending large tables at once): each chunk's transaction finds its receipts stored meanwhile (BatchMoved) and the
    chunk is read again.  After the third such collision in one upload the batch failed ("批次被多个进程同时处理，
    已停止"), its file dropped, its later rows never stored and the report columns of its first chunks never
    recorded.  Now each chunk is read again until it is stored (the intake's state of the chunk undone first): the
    upload finishes, every row once, every report recorded, and the clerk is told why the rows count as existing."""
    from petitionnlp.office.store import Store
    from petitionnlp.settings import get_settings

    monkeypatch.setattr(get_settings(), "batch_chunk_rows", 4)
    ed = token(client, "ed")
    rows = _rows(16)
    upload(client, ed, table(rows), name="先传.csv", handover_date="2024-05-15")  # the other clerk's, stored
    real, asked = Store.known_receipts, set()
    chunks = {tuple(r[0] for r in rows[i:i + 4]) for i in range(0, 16, 4)}

    def read_before_the_other_upload_stored(self, receipts):
        key = tuple(sorted(r for r in receipts if r))
        if key in chunks and key not in asked:
            asked.add(key)
            return {}  # read before the other clerk's chunk was committed
        return real(self, receipts)

    monkeypatch.setattr(Store, "known_receipts", read_before_the_other_upload_stored)
    returned = [r + FINDINGS if i in (1, 14) else r + ["", ""] for i, r in enumerate(rows)]
    got = upload(client, ed, table(returned, head=HEAD + ["调查核实情况", "是否属实"]), name="后传.csv")
    assert len(asked) == 4, asked  # every chunk met the other upload
    assert got["state"] != "failed" and got["done_rows"] == 16 and got["existing"] == 16, got
    assert got["reports"] == 2, got
    assert "[O411]" in (got["message"] or ""), got
    now = cases(client, ed)
    assert len(now) == 16
    assert now["Q-001"]["status"] == "待审核" and now["Q-014"]["status"] == "待审核"


def test_a_corrected_slip_is_the_petition_kept_under_the_derived_receipt(client):
    """A table gave Z-1 to two petitions; the second was kept under Z-1-2.  The clerk corrects the slip and uploads
    the table again with the second petition's own receipt Z-5: it was stored a second time (Z-5 beside Z-1-2, one
    petition two cases, two units working on it) without a word.  Now the row is recognised as the petition kept under
    Z-1-2 (counted as existing, its report columns reporting on Z-1-2) and the clerk is told which row and why."""
    ed = token(client, "ed")
    first = upload(client, ed, table([A, B]), name="同号.csv", handover_date="2024-05-15")
    assert "Z-1→Z-1-2" in first["message"], first
    fixed = ["Z-5"] + B[1:]
    got = upload(client, ed, table([A, fixed]), name="更正.csv")
    assert got["existing"] == 2 and not got["changed"], got
    assert "[O412]" in (got["message"] or "") and "Z-5" in got["message"] and "Z-1-2" in got["message"], got
    assert sorted(cases(client, ed)) == ["Z-1", "Z-1-2"]
    # the unit returns its row under the corrected receipt: the report is the case's
    got = upload(client, ed, table([fixed + FINDINGS], head=HEAD + ["调查核实情况", "是否属实"]), name="回复.csv")
    assert got["reports"] == 1 and got["existing"] == 1, got
    now = cases(client, ed)
    assert sorted(now) == ["Z-1", "Z-1-2"] and now["Z-1-2"]["status"] == "待审核", now


def test_the_slip_corrected_on_the_first_petition_is_recognised_too(client):
    """The slip corrected the other way: the first petition (stored under Z-1 itself) gets its own receipt Z-7 and
    the second keeps Z-1.  Z-7's row was stored again beside Z-1; now it is that case, named."""
    ed = token(client, "ed")
    upload(client, ed, table([A, B]), name="同号.csv", handover_date="2024-05-15")
    got = upload(client, ed, table([["Z-7"] + A[1:], B]), name="更正.csv")
    assert got["existing"] == 2 and "[O412]" in (got["message"] or "") and "Z-7" in got["message"], got
    assert sorted(cases(client, ed)) == ["Z-1", "Z-1-2"]


def test_a_new_receipt_with_the_text_of_an_ordinary_case_is_a_case_of_its_own(client):
    """A repeat complaint under a receipt of its own with the very text of a stored case (no slip: the stored case's
    receipt was never given to two petitions) stays a case of its own — the repeat groups join them."""
    ed = token(client, "ed")
    upload(client, ed, table([["R-1"] + A[1:]]), name="一.csv", handover_date="2024-05-15")
    got = upload(client, ed, table([["R-2"] + A[1:]]), name="二.csv")
    assert got["existing"] == 0 and "[O412]" not in (got["message"] or ""), got
    assert sorted(cases(client, ed)) == ["R-1", "R-2"]


def test_a_returned_table_interrupted_after_its_first_rows_records_every_report(tmp_path, monkeypatch):
    """SQLite, the database away after a returned table's first chunk is stored: the job thread goes on after the
    stored rows — with an intake that never saw them, so the report columns (and the rows kept under a derived
    receipt, O410) of the chunks stored before the interruption were dropped without a word: the batch said
    1 report recorded of 3, the first chunk's cases stayed 待办.  A resumed run now reads the stored rows' report
    columns and receipts again (no row stored twice)."""
    import time

    from fastapi.testclient import TestClient

    from test_web_faults import away_at_chunks

    app = away_at_chunks(monkeypatch, tmp_path / "data", (2,))  # the second chunk: the database away
    rows = [A, B] + _rows(4)
    returned = [r + FINDINGS if i in (0, 1, 5) else r + ["", ""] for i, r in enumerate(rows)]
    with TestClient(app) as c:
        ed = token(c, "ed")
        sent = table(returned, head=HEAD + ["调查核实情况", "是否属实"])
        r = c.post("/api/v1/batches", files={"file": ("回复.csv", sent)}, data={"handover_date": "2024-05-15"}, headers=ed)
        assert r.status_code == 201, r.text
        up = r.json()
        deadline = time.monotonic() + 60
        while (job := c.get(f"/api/v1/jobs/{up['job_id']}", headers=ed).json())["state"] not in (
                "done", "failed") and time.monotonic() < deadline:
            time.sleep(0.3)
        assert job["state"] == "done", job
        b = c.get(f"/api/v1/batches/{up['batch_id']}", headers=ed).json()
        assert b["reports"] == 3 and "Z-1→Z-1-2" in (b["message"] or ""), b
        now = cases(c, ed)
        assert len(now) == 6 and all(now[k]["status"] == "待审核" for k in ("Z-1", "Z-1-2", "Q-003")), now


def test_a_short_text_under_a_new_receipt_names_no_petition(client):
    """A text too short to name one petition (同上, 见附件) under a receipt given twice is no evidence that a row with a
    new receipt and the same words is that petition: it is a case of its own."""
    ed = token(client, "ed")
    upload(client, ed, table([A, ["Z-1", "岳阳市", "", "同上"]]), name="同号.csv", handover_date="2024-05-15")
    got = upload(client, ed, table([["Z-9", "岳阳市", "", "同上"]]), name="新.csv")
    assert got["existing"] == 0 and "[O412]" not in (got["message"] or ""), got


def test_a_table_uploaded_again_while_its_first_batch_is_withdrawn_loses_no_petition(client, monkeypatch):
    """One clerk withdraws a batch (a wrong hand-over date, say) while another uploads the same table again: the
    upload read the receipts as stored (cases of the batch not yet withdrawn) and counted its rows as existing; the
    withdrawal then took those cases out of every list — the petitions were in no list at all.  The chunk's
    transaction now checks, under the intake lock the withdrawal takes too, that the cases its rows were counted as
    are still there; if not, the chunk is read again and its rows are new cases."""
    from petitionnlp.office.store import Store

    ed = token(client, "ed")
    first = upload(client, ed, table([["W-1", "岳阳市", "", "岳阳市某厂夜间噪声扰民，居民无法入睡"],
                                      ["W-2", "岳阳市", "", "岳阳市某洗砂场废水直排河道"]]), name="错.csv")
    wb, real, done = client.app.state.workbench, Store.add_chunk, []

    def add_chunk(self, batch_id, *args, **kwargs):
        if batch_id != first["batch_id"] and not done:
            done.append(1)  # the other clerk's withdrawal, committed between the intake's read and this chunk
            wb.withdraw_batch({"id": 1, "username": "ed", "role": "editor"}, first["batch_id"], "交办日期有误")
        return real(self, batch_id, *args, **kwargs)

    monkeypatch.setattr(Store, "add_chunk", add_chunk)
    again = upload(client, ed, table([["W-1", "岳阳市", "", "岳阳市某厂夜间噪声扰民，居民无法入睡"],
                                      ["W-2", "岳阳市", "", "岳阳市某洗砂场废水直排河道"]]), name="对.csv")
    assert done and again["existing"] == 0 and "[O411]" in (again["message"] or ""), again
    assert sorted(cases(client, ed)) == ["W-1", "W-2"]


def test_a_batch_is_not_redated_or_withdrawn_while_its_rows_are_being_stored(client, monkeypatch):
    """A clerk corrects a batch's hand-over date (or withdraws it) while its rows are still being stored: the cases
    stored before the correction took the new date, those stored after it the old one (a live server, 3,000 rows:
    350 cases 2024-07-01, 2,650 cases 2024-06-01 under a batch saying 2024-07-01; a withdrawn batch's later cases in
    every list).  Both are now refused while rows are being stored ([O307]: how far it got), nothing changed."""
    from petitionnlp.office.errors import Conflict
    from petitionnlp.office.store import Store
    from petitionnlp.settings import get_settings

    monkeypatch.setattr(get_settings(), "batch_chunk_rows", 4)
    ed = token(client, "ed")
    wb, real, tried = client.app.state.workbench, Store.add_chunk, []
    user = wb.store.user(username="ed")

    def add_chunk(self, batch_id, start, *args, **kwargs):
        if start == 4 and not tried:  # between the first chunk and the second, another clerk corrects the batch
            for change in (lambda: wb.redate_batch(user, batch_id, handover_date="2024-07-01"),
                           lambda: wb.withdraw_batch(user, batch_id, "交办日期有误")):
                try:
                    change()
                    tried.append("done")
                except Conflict as exc:
                    tried.append(exc.message)
        return real(self, batch_id, start, *args, **kwargs)

    monkeypatch.setattr(Store, "add_chunk", add_chunk)
    got = upload(client, ed, table(_rows(12)), name="改期.csv", handover_date="2024-06-01")
    assert len(tried) == 2 and all("[O307]" in t and "4/12" in t for t in tried), tried
    now = cases(client, ed)
    assert len(now) == 12 and {c["handover_date"] for c in now.values()} == {"2024-06-01"}, got
