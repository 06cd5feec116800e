"""The office core's dates (session 51, helper o51): the one reader of a table's dates reads a day without its year
against the batch's date (5月15日, 5.15) and a day with its part of the day or weekday (2024年5月12日上午,
2024年5月11日（星期六）); ``petitionnlp triage`` dates each row by its own 交办日期 as the workbench does; the
figures agree on a batch of several rows' own dates and after its date is corrected; and the notice naming a date
cell is no unit's to read and a viewer's redacted.  On SQLite and PostgreSQL as the other office tests."""

import datetime
import json

import pytest

from conftest import run_cli
from test_office_integrity import REPORT, agree, cases, client, login, table, token, upload  # noqa: F401

HEAD = ["受理编号", "行政区域", "交办日期", "交办问题基本情况"]
D = datetime.date


def _due(day: str, days: int = 15) -> str:
    from petitionnlp.triage import reply_deadline

    return reply_deadline(datetime.date.fromisoformat(day), days, True).iso


@pytest.mark.parametrize("cell, reference, want", [
    ("5月14日", D(2024, 5, 15), D(2024, 5, 14)),
    ("5月14号", D(2024, 5, 15), D(2024, 5, 14)),
    ("5.13", D(2024, 5, 15), D(2024, 5, 13)),
    ("5/13", D(2024, 5, 15), D(2024, 5, 13)),
    ("５月１３日上午", D(2024, 5, 15), D(2024, 5, 13)),
    ("5月20日", D(2024, 5, 15), D(2024, 5, 20)),        # a few days after the reference: a table made ahead
    ("5月30日", D(2024, 5, 15), D(2023, 5, 30)),        # further on: the year before
    ("12月30日", D(2025, 1, 3), D(2024, 12, 30)),       # across the new year
    ("1月2日", D(2025, 1, 3), D(2025, 1, 2)),
    ("2月29日", D(2025, 3, 1), D(2024, 2, 29)),         # the last such day
    ("5月32日", D(2024, 5, 15), None),
    ("13.5", D(2024, 5, 15), None),
    ("2017年5月15日上午", None, D(2017, 5, 15)),
    ("2017年5月15日下午3时", None, D(2017, 5, 15)),
    ("2017年5月15日（星期一）", None, D(2017, 5, 15)),
    ("2017年5月15日 星期一 上午9:30", None, D(2017, 5, 15)),
    ("5月15日", None, None),                             # no reference: no year to read it by
])
def test_the_one_date_reader_reads_a_day_without_its_year_against_a_reference(cell, reference, want):
    from petitionnlp.io import table_date

    assert table_date(cell, reference=reference) == want


def test_a_number_is_never_a_day_without_its_year():
    """An .xlsx cell 5.1 may be May 1 or May 10: a number is read as an Excel day serial or not at all."""
    from petitionnlp.io import table_date

    assert table_date(5.15, reference=D(2024, 5, 15)) is None and table_date(45426) == D(2024, 5, 14)


ROWS = [["D-1", "衡阳市雁峰区", "5月14日", "衡阳市雁峰区某搅拌站夜间施工噪声扰民，扬尘严重，居民无法入睡。"],
        ["D-2", "衡阳市雁峰区", "5.13", "衡阳市雁峰区某化工厂夜间偷排废水，河水发黑发臭。"],
        ["D-3", "岳阳市", "2024年5月13日上午", "岳阳市岳阳楼区某餐馆油烟直排，气味刺鼻。"],
        ["D-4", "岳阳市", "2024年5月11日（星期六）", "岳阳市平江县某采石场粉尘污染严重，道路扬尘。"],
        ["D-5", "衡阳市雁峰区", "", "衡阳市雁峰区某养殖场粪污直排小河。"],
        ["D-6", "岳阳市", "5月32日", "岳阳市平江县某砖厂烟尘大，周边农田受影响。"]]
OWN = {"D-1": "2024-05-14", "D-2": "2024-05-13", "D-3": "2024-05-13", "D-4": "2024-05-11", "D-5": "2024-05-15",
       "D-6": "2024-05-15"}
TITLE = [["交办时间：2024年5月15日"]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_upload_reads_each_rows_day_without_its_year_and_with_its_part_of_the_day(client, fmt):
    """A 交办表 dated by its title row (2024年5月15日) whose rows give their own days as clerks write them — 5月14日 and
    5.13 (no year), 2024年5月13日上午, 2024年5月11日（星期六）: each case keeps its day, its deadline counted from it
    ([O409]); before, the one reader read none of them and every such row took the batch's date with an [O408]."""
    ed = token(client, "ed")
    got = upload(client, ed, table(ROWS, head=HEAD, titles=TITLE, fmt=fmt), name=f"各行日期.{fmt}", reply_days="15")
    assert (got["handover_date"], got["handover_source"], got["errors"]) == ("2024-05-15", "title", 0), got
    stored = cases(client, ed)
    assert {k: stored[k]["handover_date"] for k in OWN} == OWN, stored
    assert {k: stored[k]["due_date"] for k in OWN} == {k: _due(d) for k, d in OWN.items()}
    message = got["message"]
    o409, o408 = (message.split(code)[1].split("[O")[0] for code in ("[O409]", "[O408]"))
    # one style: how many, then the rows with their cells in brackets
    assert "交办表中有 4 件" in o409 and "第1条（2024年5月14日）、第2条（2024年5月13日）" in o409, message
    assert "交办表中有 1 件" in o408 and "第6条（5月32日）" in o408 and "2024年5月15日" in o408, message


def test_the_notices_name_five_rows_then_say_more_in_one_style(client):
    """[O409] and [O408] list their first five rows and say 等 when there are more, the same way."""
    ed = token(client, "ed")
    rows = [[f"M-{i}", "岳阳市", cell, f"岳阳市平江县某砖厂第{i}号窑烟尘大，周边农田受影响。"]
            for i, cell in enumerate(["2024-05-15"] + ["5月1日"] * 6 + ["5月32日"] * 6)]
    got = upload(client, ed, table(rows, head=HEAD), name="多行.csv")
    o409, o408 = (got["message"].split(code)[1].split("[O")[0] for code in ("[O409]", "[O408]"))
    assert "交办表中有 6 件" in o409 and "第6条（2024年5月1日）等）" in o409 and "第7条" not in o409, o409
    assert "交办表中有 6 件" in o408 and "第12条（5月32日）等）" in o408 and "第13条" not in o408, o408


def test_triage_on_the_command_line_dates_each_row_by_its_own_date(tmp_path):
    """``petitionnlp triage`` without ``--date`` gave every row the first row's date (and deadline); now each row's
    own 交办日期 is its date, by the workbench's rule (a day without its year against the table's date, an empty cell
    the table's); ``--date`` is every row's; a title row dates the table as on the workbench."""
    rows = [["T-1", "衡阳市雁峰区", "2024-05-10", "衡阳市雁峰区某搅拌站夜间施工噪声扰民，扬尘严重。"],
            ["T-2", "衡阳市雁峰区", "2024年5月13日上午", "衡阳市雁峰区某化工厂夜间偷排废水，河水发黑发臭。"],
            ["T-3", "岳阳市", "5月14日", "岳阳市岳阳楼区某餐馆油烟直排，气味刺鼻。"],
            ["T-4", "岳阳市", "", "岳阳市平江县某采石场粉尘污染严重，道路扬尘。"],
            ["T-5", "岳阳市", "5月32日", "岳阳市平江县某砖厂烟尘大，周边农田受影响。"]]
    said = []

    def triage(content: bytes, *options) -> dict:
        src, out = tmp_path / "交办表.csv", tmp_path / "队列.jsonl"
        src.write_bytes(content)
        code, _, err = run_cli("triage", src, "-o", out, *options)
        assert code == 0, err
        said.append(err)
        got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        return {r["受理编号"]: r["due_date"] for r in got}

    assert triage(table(rows, head=HEAD)) == {"T-1": _due("2024-05-10"), "T-2": _due("2024-05-13"),
                                              "T-3": _due("2024-05-14"), "T-4": _due("2024-05-10"),
                                              "T-5": _due("2024-05-10")}
    assert "交办日期无法识别" in said[-1] and "（第5条）" in said[-1] and "2024-05-10" in said[-1], said[-1]
    assert set(triage(table(rows, head=HEAD), "--date", "2024-05-20").values()) == {_due("2024-05-20")}
    assert "交办日期无法识别" not in said[-1], said[-1]  # the date given is every row's: no cell is read
    titled = triage(table(rows[2:4], head=HEAD, titles=[["交办时间：2024年5月16日"]]))
    assert titled == {"T-3": _due("2024-05-14"), "T-4": _due("2024-05-16")}, titled


def test_the_figures_agree_on_a_batch_of_several_rows_dates_and_after_its_date_is_corrected(client):
    """进度, the 专报, the 公开表 and 统计 agree — for the month and for each day — on a batch whose rows give their own
    hand-over days (5月14日, 5.13, 2024年5月13日上午, …), through reports and approvals, and after PATCH
    /api/v1/batches/{id} gives the batch a new hand-over date (every case's, the contract): the cases leave the days
    they had and are counted on the new one, each once."""
    ed, hy, yy = token(client, "ed"), token(client, "hy"), token(client, "yy")
    got = upload(client, ed, table(ROWS, head=HEAD, titles=TITLE), name="多日.csv", reply_days="15")
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    assert agree(client, ed, "after the upload")["total"] == 6
    by_day = {day: sum(1 for d in OWN.values() if d == day) for day in set(OWN.values())}
    for day, n in sorted(by_day.items()):
        assert agree(client, ed, f"the day {day}", (day, day))["total"] == n, day
    for key, who, closure in (("D-1", hy, "已办结"), ("D-2", hy, "阶段性办结"), ("D-3", yy, "已办结"),
                              ("D-4", yy, "已办结")):
        r = client.post(f"/api/v1/petitions/{ids[key]}/report", json={**REPORT, "closure": closure}, headers=who)
        assert r.status_code == 200, r.text
    for key in ("D-1", "D-2", "D-3"):
        r = client.post(f"/api/v1/petitions/{ids[key]}/review", json={"decision": "approve"}, headers=ed)
        assert r.status_code == 200, r.text
    month = agree(client, ed, "approvals")
    assert (month["total"], month["closed"], month["staged"]) == (6, 2, 1), month
    day = agree(client, ed, "approvals, 05-13", ("2024-05-13", "2024-05-13"))
    assert (day["total"], day["closed"], day["staged"]) == (2, 1, 1), day  # D-2 and D-3, each on its own day
    assert agree(client, ed, "approvals, 05-14", ("2024-05-14", "2024-05-14"))["closed"] == 1
    r = client.patch(f"/api/v1/batches/{got['batch_id']}", json={"handover_date": "2024-05-20"}, headers=ed)
    assert r.status_code == 200, r.text
    stored = cases(client, ed)
    assert {(p["handover_date"]) for p in stored.values()} == {"2024-05-20"}, stored
    assert stored["D-4"]["due_date"] == _due("2024-05-20"), stored["D-4"]  # open: its deadline recounted
    after = agree(client, ed, "after the correction")
    assert {k: after[k] for k in ("total", "closed", "staged")} == {k: month[k] for k in ("total", "closed", "staged")}
    for day in by_day:
        assert agree(client, ed, f"the day {day} after", (day, day))["total"] == 0, day
    moved = agree(client, ed, "the new day", ("2024-05-20", "2024-05-20"))
    assert (moved["total"], moved["closed"], moved["staged"]) == (6, 2, 1), moved


def test_the_notice_naming_a_date_cell_is_no_units_to_read_and_a_viewers_redacted(client):
    """The [O408] notice quotes the date cell a clerk mistyped — here a complainant's name and phone number put into the
    交办日期 column of a row of 衡阳市雁峰区.  Another unit's handler (岳阳市) reads neither the notice nor the cell by any
    route a hostile handler would try (the API's batch, batch list, batch rows, jobs, cases, export, audit, search,
    the pages); the row's own unit reads its case as written but no batch's notice either (it lists other units'
    rows); a viewer reads the notice with the cell redacted wherever it is shown."""
    ed = token(client, "ed")
    secret = "张三丰13812345678"
    rows = [["P-1", "衡阳市雁峰区", secret, "衡阳市雁峰区某厂噪声扰民，夜间尤甚。"],
            ["P-2", "岳阳市", "2024-05-15", "岳阳市平江县某采石场粉尘污染严重，道路扬尘。"]]
    got = upload(client, ed, table(rows, head=HEAD), name="错填日期.csv")
    bid, job = got["batch_id"], got["job_id"]
    mine = client.get(f"/api/v1/batches/{bid}", headers=ed).json()["message"]
    assert "[O408]" in mine and f"第1条（{secret}）" in mine, mine  # the editor reads it as written
    p1 = cases(client, ed)["P-1"]["id"]
    leaks = ("13812345678", "张三丰", "[O408]")
    batch_routes = (f"/api/v1/batches/{bid}", "/api/v1/batches", f"/api/v1/batches/{bid}/petitions",
                    f"/api/v1/jobs/{job}", "/api/v1/jobs", f"/api/v1/batches/{bid}/export", "/api/v1/audit")
    for unit, routes in (("yy", (*batch_routes, f"/api/v1/petitions?batch_id={bid}", f"/api/v1/petitions/{p1}",
                                 "/api/v1/petitions", "/api/v1/search?q=张三丰", "/api/v1/reminders")),
                         ("hy", batch_routes)):
        h = token(client, unit)
        for path in routes:
            r = client.get(path, headers=h)
            assert not any(x in r.text for x in leaks), (unit, path, r.status_code, r.text[:300])
        login(client, unit)
        for path in (f"/batches/{bid}", "/batches", "/jobs", *((f"/cases/{p1}", "/cases") if unit == "yy" else ())):
            r = client.get(path)
            assert not any(x in r.text for x in leaks), (unit, path, r.status_code)
    vi = token(client, "vi")
    for path, pick in ((f"/api/v1/batches/{bid}", lambda j: [j["message"]]),
                       ("/api/v1/batches", lambda j: [b["message"] for b in j["batches"] if b["batch_id"] == bid]),
                       (f"/api/v1/jobs/{job}", lambda j: [j["message"]])):
        r = client.get(path, headers=vi)
        assert r.status_code == 200, (path, r.text)
        shown = pick(r.json())
        assert shown and all("[O408]" in m and "第1条" in m for m in shown), (path, shown)
        assert not any(x in r.text for x in leaks[:2]), (path, r.text[:300])
    login(client, "vi")
    page = client.get(f"/batches/{bid}")
    assert page.status_code == 200 and "交办日期无法识别" in page.text and not any(x in page.text for x in leaks[:2])
