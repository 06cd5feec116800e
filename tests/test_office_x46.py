"""Lost rows at the intake of an uploaded 交办表 (session 46's probe for lost data and bad input), on SQLite and
PostgreSQL: every row of the table is a case, a repeat counted and named, or an error row — none vanishes."""

from test_office_integrity import cases, client, table, token, upload  # noqa: F401


def test_two_petitions_of_one_table_with_one_receipt_are_both_kept_the_second_under_a_derived_receipt(client):
    """Two petitions given the same 受理编号 in one table (a clerk's slip): the first is the case; the second was
    counted as a repeat and named in ``changed`` (x46) but its text stored nowhere — a lost petition.  It is a case
    of its own under 受理编号-2 (the next free -3 … when that is taken), handed over like the others, and the clerk
    is told in Chinese which row was renumbered; a third row with the first's text is still a repeat.  The same
    table uploaded again stores nothing twice: each row is a repeat of the case it made."""
    ed = token(client, "ed")
    rows = [["Z-1", "衡阳市雁峰区", "", "衡阳市雁峰区某化工厂夜间排放废气"],
            ["Z-1", "岳阳市", "", "岳阳市平江县某养殖场粪污直排小河"],
            ["Z-1", "衡阳市雁峰区", "", "衡阳市雁峰区某化工厂夜间排放废气"],
            ["Z-2", "岳阳市", "", "岳阳市某厂噪声扰民"],
            ["Z-2", "岳阳市", "", "岳阳市某砖厂烟尘扰民"],
            ["Z-2-2", "岳阳市", "", "岳阳市某采石场粉尘污染严重"]]
    got = upload(client, ed, table(rows), name="同号.csv", handover_date="2024-05-15")
    assert got["rows"] == 6 and got["existing"] == 1 and not got["changed"], got
    assert "[O410]" in got["message"] and "第2条 Z-1→Z-1-2" in got["message"], got["message"]
    assert "第6条 Z-2-2→Z-2-2-2" in got["message"], got["message"]  # a real receipt the slip took: kept apart
    stored = cases(client, ed, batch_id=got["batch_id"])
    assert {k: v["text"] for k, v in stored.items()} == {
        "Z-1": "衡阳市雁峰区某化工厂夜间排放废气", "Z-1-2": "岳阳市平江县某养殖场粪污直排小河",
        "Z-2": "岳阳市某厂噪声扰民", "Z-2-2": "岳阳市某砖厂烟尘扰民", "Z-2-2-2": "岳阳市某采石场粉尘污染严重"}, stored
    assert stored["Z-1-2"]["unit"] == "岳阳市" and stored["Z-1-2"]["status"] == "待办", stored["Z-1-2"]
    # the same table again: every row a repeat of the case it made, nothing renumbered anew, nothing changed
    again = upload(client, ed, table(rows), name="同号2.csv")
    assert again["existing"] == 6 and not again["changed"] and "[O410]" not in (again["message"] or ""), again
    assert len(cases(client, ed)) == 5
    # a table that gives the second petition another text under the slip's receipt: a third case, not a repeat
    third = upload(client, ed, table(rows[:1] + [["Z-1", "岳阳市", "", "岳阳市某洗砂场废水直排"]]), name="同号3.csv")
    assert third["existing"] == 1 and "Z-1→Z-1-3" in third["message"], third
    assert cases(client, ed)["Z-1-3"]["text"] == "岳阳市某洗砂场废水直排"


def test_a_row_without_text_then_the_same_receipt_with_its_text_in_one_table_is_a_case(client):
    """An empty row and, further down the same table, the same 受理编号 with its text: the text is the case (as it
    is when the corrected table comes in a later upload); it was counted as a repeat of the empty row and lost."""
    ed = token(client, "ed")
    got = upload(client, ed, table([["E-9", "岳阳市", "", ""], ["E-8", "岳阳市", "", "岳阳市某厂噪声扰民"],
                                    ["E-9", "岳阳市", "", "岳阳市某砖厂烟尘扰民"]]), name="补在后面.csv",
                 handover_date="2024-05-15")
    assert got["rows"] == 3 and got["existing"] == 0, got
    stored = cases(client, ed, batch_id=got["batch_id"])
    assert stored["E-9"]["text"] == "岳阳市某砖厂烟尘扰民" and "E-8" in stored


def test_a_table_with_the_office_own_spelling_of_its_headers_uploaded_twice_is_counted_once(client):
    """受理編號 (traditional, as a Hong Kong–style input method or a converted file writes it) with a colon: the id
    column was not found, so the same table uploaded again stored every case a second time; and 問題類型 (the
    table's own types) was ignored for the model's."""
    ed = token(client, "ed")
    head = ["受理編號：", "行政区域", "問題類型", "交辦問題基本情況"]
    rows = [["T-1", "岳阳市", "噪声", "岳阳市某厂夜间噪声扰民"], ["T-2", "岳阳市", "", "岳阳市某砖厂烟尘扰民"]]
    first = upload(client, ed, table(rows, head=head), name="繁体表头.csv", handover_date="2024-05-15")
    again = upload(client, ed, table(rows, head=head), name="繁体表头.csv", handover_date="2024-05-15")
    assert first["existing"] == 0 and again["existing"] == 2, again
    got = cases(client, ed)
    assert sorted(k for k in got if k and k.startswith("T-")) == ["T-1", "T-2"]
    assert got["T-1"]["pollution_types"] == ["噪声"] and got["T-1"]["types_source"] == "交办表"


def test_a_date_column_of_excel_day_numbers_gives_the_hand_over_date(client):
    """A 交办日期 column without a date format holds Excel's day numbers (42870 is 2017-05-15) — as numbers in an
    .xlsx, as five digits when the sheet is saved as CSV: the hand-over date was today instead (and the reply
    deadline with it)."""
    ed = token(client, "ed")
    head = ["受理编号", "交办日期", "交办问题基本情况"]
    for fmt, day in (("csv", "42870"), ("xlsx", 42870)):
        got = upload(client, ed, table([[f"S-{fmt}", day, "岳阳市某厂夜间噪声扰民"]], head=head, fmt=fmt),
                     name=f"日期序号.{fmt}")
        assert got["handover_date"] == "2017-05-15" and got["handover_source"] == "column", got


def test_a_password_typed_on_a_gbk_console_is_its_characters_and_bad_bytes_are_one_line(tmp_path):
    """``user add`` reads the password from stdin: bytes from a Chinese Windows console (GBK) or bytes of no encoding
    ended in an internal error (E099, UnicodeDecodeError or, under surrogateescape, UnicodeEncodeError at hashing).
    GBK is read as the characters typed — the same password logs in through the API —, bytes of no encoding are a
    one-line refusal."""
    from fastapi.testclient import TestClient

    from conftest import run_cli
    from petitionnlp.web.app import create_app

    data = tmp_path / "data"
    code, _, err = run_cli("user", "add", "gbk", "--role", "editor", "--data", data,
                           stdin="中文口令也可以用的".encode("gbk") + b"\n")
    assert code == 0, err
    code, _, err = run_cli("user", "add", "bad", "--role", "editor", "--data", data, stdin=b"\xff\xfe\xfdpassword-1\n")
    assert code == 2 and err.count("\n") == 1 and "E050" in err and "E099" not in err, err
    with TestClient(create_app(data, background=False)) as client:
        r = client.post("/api/v1/token", data={"username": "gbk", "password": "中文口令也可以用的"})
        assert r.status_code == 200, r.text


def test_a_receipt_merged_over_two_rows_keeps_both_petitions(client):
    """review r46b: a 受理编号 merged over two rows of an .xlsx (two petitions) was filled into the second row, which
    intake then took as a repeat of the first — named in ``changed`` and its text never stored; r46b then left the
    second row without a receipt, so every upload of the same table stored it again.  Both are cases, the second
    under 受理编号-2 (the clerk told), and the same table uploaded again stores nothing twice."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["受理编号", "行政区域", "污染类型", "交办问题基本情况"])
    ws.append(["MR-1", "衡阳市雁峰区", "", "衡阳市雁峰区某化工厂夜间噪声扰民"])
    ws.append([None, "岳阳市", "", "岳阳市平江县某养殖场粪污直排小河"])
    ws.merge_cells("A2:A3")
    buf = io.BytesIO()
    wb.save(buf)
    ed = token(client, "ed")
    got = upload(client, ed, buf.getvalue(), name="合并编号.xlsx", handover_date="2024-05-15")
    assert got["rows"] == 2 and got["existing"] == 0 and not got["changed"], got
    assert "MR-1→MR-1-2" in got["message"], got["message"]
    texts = {k: p["text"] for k, p in cases(client, ed, batch_id=got["batch_id"]).items()}
    assert texts == {"MR-1": "衡阳市雁峰区某化工厂夜间噪声扰民", "MR-1-2": "岳阳市平江县某养殖场粪污直排小河"}, texts
    again = upload(client, ed, buf.getvalue(), name="合并编号.xlsx", handover_date="2024-05-15")
    assert again["existing"] == 2 and len(cases(client, ed)) == 2, again
