"""Hostile probe of intake's derived receipts (session 47, helper r47b), on SQLite and PostgreSQL: after a table gave
one 受理编号 to two petitions (the second kept under 受理编号-2), a later table whose rows name that 受理编号 in
another order, or only the second petition's row (a unit returning its own row with its report), reaches the case
each row's petition is — never the other petition's case."""

import pytest

from test_office_integrity import cases, client, table, token, upload  # noqa: F401

HEAD = ["受理编号", "行政区域", "污染类型", "交办问题基本情况"]
A = ["Z-1", "衡阳市雁峰区", "", "衡阳市雁峰区某化工厂夜间排放废气"]
B = ["Z-1", "岳阳市", "", "岳阳市平江县某养殖场粪污直排小河"]
C = ["Z-1", "岳阳市", "", "岳阳市某洗砂场废水直排"]


def _first(client, ed, rows):
    got = upload(client, ed, table(rows), name="同号.csv", handover_date="2024-05-15")
    assert "Z-1→Z-1-2" in got["message"], got
    return got


def test_the_same_table_with_its_rows_reordered_names_no_text_changed(client):
    """The two rows under Z-1 uploaded again in the other order: the second petition's row came first, was taken as
    Z-1 (the first petition's case) with its text changed — ``changed`` named Z-1 and the case's history got a
    re-upload step "text changed" for a text it never had.  Each row is now the case it made: nothing changed."""
    ed = token(client, "ed")
    _first(client, ed, [A, B])
    again = upload(client, ed, table([B, A]), name="同号-重排.csv")
    assert again["existing"] == 2 and not again["changed"] and "[O410]" not in (again["message"] or ""), again
    assert sorted(cases(client, ed)) == ["Z-1", "Z-1-2"]


def test_a_returned_row_of_the_second_petition_reports_on_its_own_case(client):
    """A unit returns only its own row (the receipt Z-1 as the table it was given says, its petition's text, its
    report): the report went to Z-1 — the first petition's case, another unit's — and Z-1-2 never got one."""
    ed = token(client, "ed")
    _first(client, ed, [A, B])
    returned = table([B + ["经核查部分属实，已限期整改。", "部分属实"]], head=HEAD + ["调查核实情况", "是否属实"])
    got = upload(client, ed, returned, name="回复表.csv")
    assert got["reports"] == 1 and not got["changed"], got
    now = cases(client, ed)
    assert now["Z-1"]["status"] == "待办", now["Z-1"]
    assert now["Z-1-2"]["status"] == "待审核" and now["Z-1-2"]["report"]["verified"] == "部分属实", now["Z-1-2"]


def test_a_real_receipt_the_slip_took_gets_its_own_report(client):
    """A table gave Z-1 to two petitions and also has a real Z-1-2: the slip's second petition took Z-1-2 and the
    real one was kept under Z-1-2-2.  The unit of the real Z-1-2 returns its row: its report went to the slip's
    petition (the case stored under Z-1-2), not to its own."""
    ed = token(client, "ed")
    real = ["Z-1-2", "岳阳市", "", "岳阳市某采石场粉尘污染严重"]
    got = _first(client, ed, [A, B, real])
    assert "Z-1-2→Z-1-2-2" in got["message"], got
    returned = table([real + ["经核查属实，已责令停产整改。", "属实"]], head=HEAD + ["调查核实情况", "是否属实"])
    got = upload(client, ed, returned, name="回复表.csv")
    assert got["reports"] == 1 and not got["changed"], got
    now = cases(client, ed)
    assert now["Z-1-2"]["status"] == "待办", now["Z-1-2"]
    assert now["Z-1-2-2"]["status"] == "待审核", now["Z-1-2-2"]


def test_three_petitions_under_one_receipt_reordered_and_a_new_one_among_them(client):
    """Three petitions under Z-1 (Z-1, Z-1-2, Z-1-3), then a table with the third, the second and a fourth new
    petition under Z-1: the known ones are their cases, the fourth a case of its own (Z-1-4), none lost."""
    ed = token(client, "ed")
    _first(client, ed, [A, B, C])
    D = ["Z-1", "衡阳市雁峰区", "", "衡阳市雁峰区某搅拌站夜间施工噪声扰民"]
    got = upload(client, ed, table([C, B, D]), name="同号-再.csv")
    assert got["existing"] == 2 and not got["changed"] and "Z-1→Z-1-4" in got["message"], got
    assert {k: v["text"] for k, v in cases(client, ed).items()}["Z-1-4"] == D[3]


def test_the_audit_log_names_the_rows_kept_under_a_derived_receipt(client):
    """The batch's message named the rows renumbered (O410, the first five) but the audit log did not: its handover
    event gave counts only, so who changed which receipt of which row was in no log.  It now names each row."""
    ed, admin = token(client, "ed"), token(client, "admin")
    got = _first(client, ed, [A, B, C])
    events = client.get("/api/v1/audit", params={"limit": 500}, headers=admin).json()["events"]
    ours = [e for e in events if e["action"] == "handover" and e["target"] == f"batch:{got['batch_id']}"]
    assert len(ours) == 1 and ours[0]["detail"]["renumbered"] == [
        {"row": 2, "receipt": "Z-1", "kept_as": "Z-1-2"}, {"row": 3, "receipt": "Z-1", "kept_as": "Z-1-3"}], ours


def test_two_clerks_uploading_one_table_at_once_store_each_petition_once(backend):
    """Two clerks upload the same 交办表 at the same moment (a live server, threads): each petition is stored once.
    Each upload reads which receipts are stored before it stores its rows, outside the transaction that stores
    them — both found Z-1 new and stored it (and Z-1-2) twice (84 cases of 42 rows on SQLite, r47b).  Now the
    transaction that stores a chunk checks, under the intake lock, that none of its receipts was stored meanwhile
    by another upload, and the chunk is read again if one was (Store.add_chunk)."""
    import threading

    import httpx

    from petitionnlp.office.accounts import add_user
    from petitionnlp.web.app import create_app
    from test_office_integrity import make_office
    from test_web_security import LiveServer

    app = create_app(backend["data_dir"], background=False, db_url=backend["db_url"])
    make_office(app.state.workbench.store)
    add_user(app.state.workbench.store, "ed2", "ed2-password-1", "editor", None)
    rows = [A, B] + [[f"Q-{i:03d}", "岳阳市", "", f"岳阳市某厂噪声扰民（第{i}件）"] for i in range(40)]
    with LiveServer(app) as live:
        base = f"http://127.0.0.1:{live.port}"
        with httpx.Client(base_url=base, timeout=120) as c:
            heads = []
            for name in ("ed", "ed2"):
                r = c.post("/api/v1/token", data={"username": name, "password": f"{name}-password-1"})
                heads.append({"Authorization": f"Bearer {r.json()['access_token']}"})
            barrier = threading.Barrier(2)
            answers = [None, None]

            def send(i):
                with httpx.Client(base_url=base, timeout=120) as cc:
                    cc.get("/healthz")
                    barrier.wait()
                    answers[i] = cc.post("/api/v1/batches", files={"file": (f"同号{i}.csv", table(rows))},
                                         data={"handover_date": "2024-05-15"}, headers=heads[i])

            threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(240)
            assert all(a is not None and a.status_code == 201 for a in answers), answers
            got = c.get("/api/v1/petitions", headers=heads[0]).json()["petitions"]
            receipts = sorted(p["receipt_id"] for p in got)
            assert len(receipts) == len(set(receipts)) == 42, [r for r in receipts if receipts.count(r) > 1][:6]


def test_a_placeholder_receipt_on_every_row_is_not_quadratic():
    """A table whose every row carries one placeholder receipt (无) keeps each petition under 无-2, 无-3 …: finding the
    next free derived receipt went through every one taken before (3,000 rows 3 s of CPU, session 47's last read);
    now it goes on from the last one looked at, and a row met again finds its own by its text."""
    import time

    from petitionnlp.office.intake import Intake

    class Store:
        def known_receipts(self, receipts):
            return {}

    intake = Intake.__new__(Intake)
    intake.store, intake.seen, intake.first, intake.derived = Store(), {"无": None}, {"无": {"text": "首条", "error": None}}, {}
    texts = [f"某化工厂夜间偷排废水，河水发黑发臭（第{i}条）" for i in range(3000)]
    started = time.process_time()
    for i, text in enumerate(texts):
        cand, known = intake._second("无", {"text": text, "error": None})
        assert (cand, known) == (f"无-{i + 2}", False)
        intake.seen[cand], intake.first[cand] = None, {"text": text, "error": None}
    assert intake._second("无", {"text": texts[1234], "error": None}, free=False) == ("无-1236", None)
    assert time.process_time() - started < 0.5
