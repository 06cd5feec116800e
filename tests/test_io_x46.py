"""Reading the tables an office sends (session 46's probe for lost data and bad input): the columns found by the
office's own spelling of their headers, merged cells of a spreadsheet read as the clerk sees them, and what the
reader says about a sheet reaching the command line."""

from openpyxl import Workbook

from conftest import run_cli

from petitionnlp.io import find_column, open_batch


def test_known_columns_are_found_under_the_spellings_an_office_uses():
    """受理编号 written in traditional characters, with a colon, a required-field star, spaces inside or full-width
    letters is the id column (and 行政區域 the region, 問題類型 the type column): none was found, so a re-upload of such a
    table stored every case a second time and the table's own types were ignored."""
    for header in ("受理編號", "受理编号：", "*受理编号", "受理 编号", "受理编号:"):
        assert find_column(["序号", header, "内容"], "id") == header, header
    assert find_column(["ＩＤ", "text"], "id") == "ＩＤ"
    assert find_column(["行政區域", "內容"], "region") == "行政區域"
    assert find_column(["問題類型 ", "內容"], "type") == "問題類型 "
    assert find_column(["交辦日期：", "內容"], "date") == "交辦日期："
    # the preference order of the data file still decides between two known headers
    assert find_column(["编号", "受理編號"], "id") == "受理編號"
    assert find_column(["备注", "内容"], "id") is None


def _merged_book(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["湖南省信访件交办表"])
    ws.merge_cells("A1:D2")  # a title over two rows: stays a title, not filled into anything
    ws.append([])
    ws.append(["受理编号", "行政区域", "污染类型", "交办问题基本情况"])
    ws.append(["M-1", "衡阳市雁峰区", "大气", "衡阳市雁峰区某化工厂废气扰民"])
    ws.append(["M-2", None, None, "衡阳市雁峰区某餐馆油烟直排"])
    ws.append(["M-3", None, "噪声", "衡阳市雁峰区某工地夜间施工"])
    ws.append(["M-4", "岳阳市", "水", "岳阳市某厂废水直排"])
    ws.merge_cells("B4:B6")  # one county for three petitions
    ws.merge_cells("C4:C5")  # one type for two
    wb.create_sheet("第二批").append(["信访内容"])
    wb["第二批"].append(["长沙市某厂噪声"])
    wb.save(path)
    return path


def test_cells_merged_over_several_rows_hold_their_value_on_every_row(tmp_path):
    """Excel keeps a merged range's value in its first cell only: 行政区域 or 污染类型 merged over the rows of several
    petitions read as empty on all but the first (the place hint and the table's type lost for the others).  Every
    row of a range below the header now has the value, and the reader says so — also when the workbook has several
    sheets (a notice added while a sheet's rows streamed was dropped there)."""
    book = _merged_book(tmp_path / "合并.xlsx")
    batch = open_batch(str(book))
    rows = [r for chunk in batch.chunks() for r in chunk]
    assert [r["受理编号"] for r in rows[:4]] == ["M-1", "M-2", "M-3", "M-4"]
    assert [r["行政区域"] for r in rows[:4]] == ["衡阳市雁峰区", "衡阳市雁峰区", "衡阳市雁峰区", "岳阳市"]
    assert [r["污染类型"] for r in rows[:4]] == ["大气", "大气", "噪声", "水"]
    assert rows[4]["交办问题基本情况"] == "长沙市某厂噪声" and len(rows) == 5
    assert batch.titles == ["湖南省信访件交办表"]
    assert any("2 处上下合并的单元格" in n for n in batch.notices), batch.notices
    code, out, err = run_cli("classify", book, "--jobs", "1")
    assert code == 0 and len(out.splitlines()) == 5
    assert "上下合并的单元格" in err, err


def test_triage_takes_the_hand_over_date_from_a_column_of_excel_day_numbers(tmp_path):
    """``triage`` without ``--date`` counts the reply deadline from the table's date column: a column of Excel day
    numbers (42870 = 2017-05-15) was not read, and the deadline was counted from today."""
    path = tmp_path / "交办.csv"
    path.write_text("受理编号,交办日期,交办问题基本情况\nS-1,42870,岳阳市某厂夜间噪声扰民\n", encoding="utf-8")
    code, out, err = run_cli("triage", path, "--jobs", "1", "-o", tmp_path / "q.jsonl")
    assert code == 0, err
    import json

    row = json.loads((tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert row["due_date"].startswith("2017-0"), row["due_date"]


def test_stats_says_how_many_rows_it_did_not_count(tmp_path):
    """``stats`` over a classify output: the rows classify could not classify (正文为空) have no type and are not in
    the table — they were left out without a word (9 rows in, 7 counted, nothing said)."""
    src = tmp_path / "in.csv"
    src.write_text("交办问题基本情况\n衡阳市某厂废气扰民\n\n岳阳市某厂噪声\n,\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_cli("classify", src, "--jobs", "1", "-o", out)[0] == 0
    code, table, err = run_cli("stats", out)
    total = next(line.split() for line in table.splitlines() if line.startswith("合计"))
    assert code == 0 and total[1] == "2", table
    assert "2 行没有污染类型" in err, err


def test_a_gbk_export_with_a_stray_byte_is_read_and_the_line_named(tmp_path):
    """One damaged byte in a GBK 交办表 (a character cut in half by a copy): the whole file was refused as of an unknown
    encoding, asking the clerk to re-save as GB18030 what was GB18030 already.  It is read now, every row out, the
    byte as �, and the line named; a file with damage on many lines is still refused, naming where it starts."""
    text = "受理编号,交办问题基本情况\n" + "".join(f"G{i},岳阳市某厂夜间噪声扰民第{i}件\n" for i in range(40))
    data = text.encode("gbk")
    at = data.index("G7".encode())
    path = tmp_path / "gbk.csv"
    path.write_bytes(data[:at] + b"\xff" + data[at:])
    code, out, err = run_cli("classify", path, "--jobs", "1")
    assert code == 0, err
    assert len(out.splitlines()) == 40 and "岳阳市某厂夜间噪声扰民第39件" in out
    assert "第 9 行" in err and "GB18030" in err, err
    lines = data.split(b"\n")
    path.write_bytes(b"\n".join(lines[:5] + [b"\xff" + ln for ln in lines[5:]]))
    code, out, err = run_cli("classify", path, "--jobs", "1")
    assert code == 2 and out == "" and err.count("\n") == 1 and "E003" in err and "第 6 行" in err, err


def test_date_cells_come_out_as_their_day_and_a_header_alone_is_said(tmp_path):
    """A spreadsheet's date cell (交办日期) is read as a datetime at midnight: it came out of classify as
    ``2017-05-20 00:00:00`` in JSON Lines and CSV; it is the day now (a time of day is kept).  A table that is a
    header and nothing else was read without a word (rows in 0, out 0: the wrong sheet saved, an export cut short)."""
    import datetime as dt

    wb = Workbook()
    ws = wb.active
    ws.append(["受理编号", "交办日期", "来电时间", "交办问题基本情况"])
    ws.append(["D-1", dt.datetime(2017, 5, 20), dt.datetime(2017, 5, 20, 9, 30), "岳阳市某厂夜间噪声扰民"])
    wb.save(tmp_path / "日期.xlsx")
    code, out, err = run_cli("classify", tmp_path / "日期.xlsx", "--jobs", "1")
    assert code == 0 and '"交办日期": "2017-05-20"' in out and '"来电时间": "2017-05-20 09:30:00"' in out, out
    assert run_cli("classify", tmp_path / "日期.xlsx", "--jobs", "1", "-o", tmp_path / "o.csv")[0] == 0
    assert ",2017-05-20,2017-05-20 09:30:00," in (tmp_path / "o.csv").read_text(encoding="utf-8-sig")
    (tmp_path / "head.csv").write_text("受理编号,交办问题基本情况\n", encoding="utf-8")
    code, out, err = run_cli("classify", tmp_path / "head.csv")
    assert code == 0 and out == "" and "表头下面没有数据行" in err, err


def test_a_header_repeated_under_the_table_is_an_error_row_not_a_petition(tmp_path):
    """Two days' exports pasted one under the other: the second header was read as a petition whose text is
    ``交办问题基本情况`` (classified, and stored by the workbench as a case).  It comes out in its place as a row with
    its read error now, and the reader says where."""
    import json

    path = tmp_path / "两天.csv"
    path.write_text("受理编号,交办问题基本情况\nH1,衡阳市某厂废气扰民\n受理编号,交办问题基本情况\nH2,岳阳市某厂夜间噪声\n",
                    encoding="utf-8")
    code, out, err = run_cli("classify", path, "--jobs", "1")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["受理编号"] for r in rows] == ["H1", "受理编号", "H2"]
    assert rows[1]["pollution_types"] is None and "重复的表头" in rows[1]["error"], rows[1]
    assert rows[0]["error"] is None and rows[2]["error"] is None
    assert "第 2 条记录" in err and "重复了表头" in err, err


def test_a_header_over_two_rows_names_the_columns_by_their_second_row(tmp_path):
    """A 公开表 or 交办表 with a header over two rows (受理编号 and 交办问题基本情况 merged down, 办理情况 across
    调查核实情况 | 是否属实 | 处理和整改情况): the second header row was read as a petition without text (an error
    row), and the report columns were 办理情况, 列6, 列7 — their contents under no name the workbench knows."""
    wb = Workbook()
    ws = wb.active
    ws.append(["某市信访件办理情况公开表"])
    ws.append(["序号", "受理编号", "交办问题基本情况", "办理情况", None, None])
    ws.append([None, None, None, "调查核实情况", "是否属实", "处理和整改情况"])
    ws.append([1, "R-1", "岳阳市某厂夜间噪声扰民", "经查属实", "属实", "已责令整改"])
    ws.append([2, "R-2", "岳阳市某砖厂烟尘扰民", "经查部分属实", "部分属实", "已立案处罚"])
    for ref in ("A2:A3", "B2:B3", "C2:C3", "D2:F2"):
        ws.merge_cells(ref)
    wb.save(tmp_path / "两行表头.xlsx")
    batch = open_batch(str(tmp_path / "两行表头.xlsx"))
    rows = [r for chunk in batch.chunks() for r in chunk]
    assert batch.columns == ["序号", "受理编号", "交办问题基本情况", "调查核实情况", "是否属实", "处理和整改情况"]
    assert [r["受理编号"] for r in rows] == ["R-1", "R-2"] and rows[1]["是否属实"] == "部分属实"
    assert find_column(batch.columns, "findings") == "调查核实情况"


def test_utf16_without_its_bom_is_read_and_binary_still_refused(tmp_path):
    """A CSV in UTF-16 without the byte-order mark (some exports write it so) was refused as binary (E002, "不是文本
    文件"); it is read now, little- and big-endian; NUL-laden bytes that are no text are still refused."""
    import os

    text = "受理编号,交办问题基本情况\nU1,衡阳市某厂废气扰民\nU2,岳阳市某厂夜间噪声\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        code, out, err = run_cli("classify", path, "--jobs", "1")
        assert code == 0 and len(out.splitlines()) == 2 and "衡阳市某厂废气扰民" in out, (encoding, err)
    path = tmp_path / "bin.csv"
    path.write_bytes(os.urandom(3000) + b"\x00" * 100)
    code, out, err = run_cli("classify", path)
    assert code == 2 and "E002" in err and err.count("\n") == 1


def test_a_personal_heading_over_two_rows_names_its_columns_so_redaction_replaces_them(tmp_path):
    """Review r46b: 举报人 merged across 名称 | 地址 named the columns 名称 and 地址 alone (x46's two-row header), so
    redact left the reporter's address and a name its rules do not know (高山) in the clear; at 3eab98a the column
    was 举报人 and replaced whole.  A second-row cell the readers know still names its column alone."""
    import json

    wb = Workbook()
    ws = wb.active
    ws.append(["受理编号", "举报人", None, "办理情况", "问题描述"])
    ws.append([None, "名称", "地址", "调查核实情况", None])
    ws.append(["X001", "高山", "城关镇红旗村三组", "经查属实", "村口养猪场臭味很大，污水直排河道。"])
    for ref in ("A1:A2", "B1:C1", "E1:E2"):
        ws.merge_cells(ref)
    wb.save(tmp_path / "举报人.xlsx")
    batch = open_batch(str(tmp_path / "举报人.xlsx"))
    assert batch.columns == ["受理编号", "举报人名称", "举报人地址", "调查核实情况", "问题描述"]
    code, _, err = run_cli("redact", tmp_path / "举报人.xlsx", "-o", tmp_path / "out.jsonl")
    assert code == 0, err
    row = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert "高山" not in json.dumps(row, ensure_ascii=False) and "红旗村" not in json.dumps(row, ensure_ascii=False)
    assert row["受理编号"] == "X001" and row["调查核实情况"] == "经查属实"


def test_a_receipt_merged_over_two_rows_is_filled_into_the_second(tmp_path):
    """A 受理编号 merged over the rows of two petitions reads on both rows, as the clerk sees it (review r46b kept it
    on the first row only, so the second petition had no receipt and was stored again by every upload of the same
    table); intake keeps the two petitions apart (tests/test_office_x46.py).  A range reaching past the last petition
    into formatted blank rows gave an error row (正文为空) for each of them, carrying the merged value: those rows
    are blank, as in the sheet, and dropped like any blank row under a table."""
    wb = Workbook()
    ws = wb.active
    ws.append(["受理编号", "行政区域", "交办问题基本情况"])
    ws.append(["M-1", "衡阳市雁峰区", "衡阳市雁峰区某化工厂夜间噪声"])
    ws.append([None, None, "衡阳市雁峰区某养殖场粪污直排"])
    ws.append([None, None, None])
    ws.append([None, None, None])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B5")  # past the last petition, into two formatted blank rows
    wb.save(tmp_path / "合并编号.xlsx")
    rows = [r for chunk in open_batch(str(tmp_path / "合并编号.xlsx")).chunks() for r in chunk]
    assert [r["受理编号"] for r in rows] == ["M-1", "M-1"], rows
    assert [r["行政区域"] for r in rows] == ["衡阳市雁峰区", "衡阳市雁峰区"]
    code, out, err = run_cli("classify", tmp_path / "合并编号.xlsx", "--jobs", "1")
    assert code == 0 and len(out.splitlines()) == 2 and "正文为空" not in out, (out, err)
