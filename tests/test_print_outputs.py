"""Outputs fit to print and publish (issue 26, the pipeline's part): XLSX written for people by one writer, working
days as China counts them, CRLF read as LF, office documents refused with what to do, the chart's labels, and
messages in Chinese only.  One XLSX is rendered with LibreOffice to PDF and PNG (tests/artifacts/)."""

import csv
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from conftest import ROOT, run_cli

from petitionnlp.dates import (UnknownHolidayYear, add_working_days, chinese_date, duration_words, holiday_years,
                               is_working_day, time_words)
from petitionnlp.errors import Errors
from petitionnlp.io import BatchWriter, write_table_xlsx, xlsx_text
from petitionnlp.triage import due_date, reply_deadline

SAMPLE = ROOT / "corpora" / "samples" / "petitions_sample.csv"
BRIEFING = ROOT / "corpora" / "samples" / "briefing_hunan_2017_15.txt"
ARTIFACTS = ROOT / "tests" / "artifacts"
CONTROL = "".join(map(chr, [*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20)]))


def _sheet(path):
    wb = load_workbook(path)
    return wb, wb.worksheets[0]


def _rows(ws, header_row=1):
    values = list(ws.iter_rows(min_row=header_row, values_only=True))
    head = list(values[0])
    return head, [dict(zip(head, r)) for r in values[1:]]


def _check_print_layout(ws, header_row=1, wide=1, repeated="$A:$A"):
    """Frozen under the header, the header on every printed page, A4 landscape fitted to ``wide`` pages' width
    (more than one: side by side, a row's pages one after the other, the 受理编号 repeated on each)."""
    assert ws.freeze_panes == f"A{header_row + 1}"
    assert ws.print_title_rows == f"${header_row}:${header_row}"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert int(ws.page_setup.fitToWidth) == wide and int(ws.page_setup.fitToHeight) == 0
    if wide > 1:
        assert ws.page_setup.pageOrder == "overThenDown" and ws.print_title_cols == repeated
    assert "&P" in ws.oddFooter.center.text  # page numbers


# ------------------------------------------------------------------------------------------ XLSX for people

def test_classify_xlsx_is_written_for_people(tmp_path):
    out = tmp_path / "分类结果.xlsx"
    code, _, err = run_cli("classify", SAMPLE, "-o", out)
    assert code == 0, err
    assert "无法处理原因" in err  # the message names the column as the file names it
    wb, ws = _sheet(out)
    assert ws.title == "信访件"
    head, rows = _rows(ws)
    with open(SAMPLE, encoding="gb18030", newline="") as fh:
        inputs = next(csv.reader(fh))
    assert head[:len(inputs)] == inputs  # the input columns as they came
    assert head[len(inputs):] == ["污染类型", "各类型概率", "省", "市", "县（区）", "属地置信度", "属地依据",
                                  "无法处理原因", "紧急程度", "紧急理由", "承办部门"]
    assert not [h for h in head if re.search(r"[a-z]{3}", str(h))]  # no field names
    cells = [v for r in rows for v in r.values() if isinstance(v, str)]
    assert not [v for v in cells if v.startswith(("{", "["))]  # no JSON in a cell
    by_id = {r["受理编号"]: r for r in rows}
    hengyang = by_id["D2HN202405150001"]
    assert hengyang["污染类型"] == "大气、噪声"  # the taxonomy's order, 、-joined
    shares = re.findall(r"([^\s；]+) (\d+)%", hengyang["各类型概率"])  # 噪声 97%；大气 97%；水 3%: most probable first
    assert "；".join(f"{t} {p}%" for t, p in shares) == hengyang["各类型概率"]
    assert {t for t, _ in shares[:2]} == {"大气", "噪声"} and [int(p) for _, p in shares] == sorted(
        (int(p) for _, p in shares), reverse=True)
    assert hengyang["市"] == "衡阳市" and hengyang["县（区）"] == "雁峰区"
    assert "（" in by_id["D2HN202405150002"]["紧急理由"]  # reasons as words: 已造成可见损害（死鱼）；…
    empty = by_id["D2HN202405150007"]
    assert empty["无法处理原因"] == "正文为空" and empty["污染类型"] is None
    # dates as date cells in a Chinese format, confidence as a percentage
    col = {h: i + 1 for i, h in enumerate(head)}
    day = ws.cell(row=2, column=col["交办日期"])
    assert day.is_date and day.value.date() == dt.date(2024, 5, 15) and "年" in day.number_format
    conf = ws.cell(row=2, column=col["属地置信度"])
    assert isinstance(conf.value, float) and conf.number_format == "0%"
    text = ws.cell(row=2, column=col["交办问题基本情况"])
    assert text.alignment.wrap_text and 20 <= ws.column_dimensions[text.column_letter].width <= 40
    assert ws.cell(row=1, column=1).font.b  # a bold header
    _check_print_layout(ws, wide=2, repeated="$A:$B")  # 序号 and 受理编号 on each of its two pages' width


def test_triage_and_redact_xlsx(tmp_path):
    out = tmp_path / "q.xlsx"
    code, _, err = run_cli("triage", SAMPLE, "--date", "2017-05-15", "-o", out)
    assert code == 0, err
    wb, ws = _sheet(out)
    head, rows = _rows(ws)
    assert head[-4:] == ["承办部门", "重复件", "重复相似度", "期限"]
    col = head.index("期限") + 1
    due = ws.cell(row=2, column=col)
    assert due.is_date and due.value.date() == dt.date(2017, 6, 6)  # 15 working days past 端午
    assert ws.cell(row=2, column=head.index("重复相似度") + 1).number_format == "0%"
    _check_print_layout(ws, wide=2, repeated="$A:$B")  # 序号 and 受理编号 on each of its two pages' width

    src = tmp_path / "pii.csv"
    src.write_text("受理编号,交办问题基本情况\nA1,举报人张建国反映搅拌站噪声扰民，电话13807341234\n", encoding="utf-8")
    out = tmp_path / "r.xlsx"
    assert run_cli("redact", src, "-o", out)[0] == 0
    _, ws = _sheet(out)
    head, rows = _rows(ws)
    assert head == ["受理编号", "交办问题基本情况", "脱敏内容", "无法处理原因"]
    assert rows[0]["脱敏内容"] == "姓名 1处、电话 1处"  # counted, never repeated
    with zipfile.ZipFile(out) as z:
        assert not [n for n in z.namelist() if b"13807341234" in z.read(n) or "张建国".encode() in z.read(n)]
    # CSV and JSON Lines keep the field names: programs read them
    assert run_cli("redact", src, "-o", tmp_path / "r.csv")[0] == 0
    with open(tmp_path / "r.csv", encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh)) == ["受理编号", "交办问题基本情况", "pii", "error"]


def test_an_office_column_of_the_same_name_keeps_its_name(tmp_path):
    src = tmp_path / "own.jsonl"
    src.write_text(json.dumps({"交办问题基本情况": "小区旁饭店油烟直排扰民", "污染类型": "大气污染", "city": "长沙"},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "o.xlsx"
    assert run_cli("classify", src, "-o", out)[0] == 0
    head, rows = _rows(_sheet(out)[1])
    assert head[:3] == ["交办问题基本情况", "污染类型", "city"]  # the office's own, as they came
    assert "污染类型（自动识别）" in head and "市" in head
    assert rows[0]["污染类型"] == "大气污染" and rows[0]["污染类型（自动识别）"] == "大气" and rows[0]["city"] == "长沙"
    # and stats reads the pipeline's columns back by their Chinese headers
    code, table, err = run_cli("stats", out)
    assert code == 0 and "大气" in table and "移交件数" in table, err


def test_stats_reads_the_xlsx_as_the_jsonl(tmp_path):
    for suffix in (".jsonl", ".xlsx"):
        assert run_cli("classify", SAMPLE, "-o", tmp_path / f"c{suffix}")[0] == 0
    tables = [run_cli("stats", tmp_path / f"c{s}", "--level", "county")[1] for s in (".jsonl", ".xlsx")]
    assert tables[0] == tables[1] and "衡阳市 雁峰区" in tables[0]


def test_write_table_xlsx_title_dates_and_safety(tmp_path):
    rows = [{"序号": 1, "受理编号": "=HYPERLINK(\"http://x\",\"点我\")", "交办日期": "2017-05-15",
             "办结日期": dt.date(2017, 6, 2), "情况": "第一行\n第二行" + CONTROL, "属实": True},
            {"序号": 2, "受理编号": "D2HN2017", "交办日期": "待定", "情况": None}]
    columns = ["序号", "受理编号", "交办日期", "办结日期", "情况", "属实"]
    target = tmp_path / "公开表.xlsx"
    target.write_bytes(b"earlier")
    assert write_table_xlsx(target, rows, columns, title="湖南省信访举报件办理情况公开表",
                            subtitle="2017年5月10日至2017年5月15日", sheet="公开表[第1期]", date_columns={"交办日期"},
                            widths={"情况": 30}) is None
    wb = load_workbook(target)
    ws = wb.worksheets[0]
    assert ws.title == "公开表-第1期-"  # what Excel allows in a sheet name
    assert ws["A1"].value == "湖南省信访举报件办理情况公开表" and ws["A1"].font.b and "A1:F1" in ws.merged_cells
    assert ws["A2"].value == "2017年5月10日至2017年5月15日" and "A2:F2" in ws.merged_cells
    head, got = _rows(ws, header_row=3)
    assert head == columns and len(got) == 2
    _check_print_layout(ws, header_row=3)
    assert ws.auto_filter.ref == "A3:F5"
    link = ws["B4"]
    assert link.data_type == "s" and link.value.startswith("=HYPERLINK") and link.quotePrefix  # text, never run
    assert ws["C4"].is_date and ws["C4"].value.date() == dt.date(2017, 5, 15) and "年" in ws["C4"].number_format
    assert ws["C5"].value == "待定" and not ws["C5"].is_date  # a text that is no date stays text
    assert ws["D4"].is_date
    assert ws["E4"].value == "第一行\n第二行" + "\ufffd" * len(CONTROL) and ws["E4"].alignment.wrap_text
    assert ws.column_dimensions["E"].width == 30 and ws["F4"].value == "是"
    assert ws.row_dimensions[4].height and ws.row_dimensions[4].height >= 30  # two lines: the row is as high
    data = write_table_xlsx(None, [], ["序号", "情况"])  # bytes for a download; an empty table still has its header
    assert data[:2] == b"PK" and len(data) > 1000


def test_every_writer_escapes_what_a_spreadsheet_cannot_store(tmp_path):
    assert xlsx_text("a\x00b\x0bc\x1fd\ufffe") == "a\ufffdb\ufffdc\ufffdd\ufffd" and xlsx_text("a\tb\nc") == "a\tb\nc"
    row = {"信访内容" + CONTROL[:3]: "油烟" + CONTROL, "pollution_types": ["大气"], "error": CONTROL}
    with BatchWriter(str(tmp_path / "b.xlsx"), list(row)) as w:
        w.write([row])
    _, ws = _sheet(tmp_path / "b.xlsx")
    values = [c.value for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
    assert values and not [v for v in values if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", v)]
    write_table_xlsx(tmp_path / "t.xlsx", [[CONTROL, "x"]], ["a" + CONTROL, "b"], title=CONTROL, subtitle="\x01")
    assert load_workbook(tmp_path / "t.xlsx").worksheets[0]["A4"].value == "\ufffd" * len(CONTROL)


# --------------------------------------------------------------------------------------------- extract -o

def test_extract_xlsx_is_a_workbook_in_words(tmp_path):
    out = tmp_path / "简报.xlsx"
    code, _, err = run_cli("extract", BRIEFING, "-o", out)
    assert code == 0, err
    wb = load_workbook(out)
    assert wb.sheetnames == ["指示", "时间表达", "关键词"]
    head, rows = _rows(wb["指示"], header_row=3)
    assert head == ["序号", "指示人", "承办对象", "指示内容", "期限", "期限日期", "报告频次"]
    assert "每3天" in [r["报告频次"] for r in rows] and wb["指示"]["A2"].value == "简报日期：2017年5月15日"
    head, rows = _rows(wb["时间表达"], header_row=3)
    assert {"日期", "周期", "模糊时间"} <= {r["类型"] for r in rows}
    assert [r["含义"] for r in rows if r["原文"] == "每3天一报告"] == ["每3天"]
    day = next(r for r in rows if r["原文"] == "2017年5月15日")
    assert day["含义"] == "2017年5月15日" and day["日期"].date() == dt.date(2017, 5, 15)
    for ws in wb.worksheets:
        _check_print_layout(ws, header_row=3)
        words = " ".join(str(c.value) for r in ws.iter_rows() for c in r if c.value is not None)
        assert not re.search(r"\bP\d|T\d\d:|\bnull\b|None|recurrence|vague", words)  # no raw values
    code, _, err = run_cli("extract", BRIEFING, "-o", tmp_path / "x.csv")
    assert code == 2 and "E031" in err and ".xlsx" in err and not (tmp_path / "x.csv").exists()
    assert run_cli("extract", BRIEFING, "-o", tmp_path / "x.json")[0] == 0
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["date"] == "2017-05-15"


def test_durations_and_times_in_words():
    assert [duration_words(v, every=True) for v in ("P3D", "P1D", "P1W", "P1M", "P2W", "P1Y")] == \
        ["每3天", "每天", "每周", "每月", "每2周", "每年"]
    assert [duration_words(v) for v in ("P10D", "P3M", "PT24H", "P1Y6M", "PT30M")] == \
        ["10天", "3个月", "24小时", "1年6个月", "30分钟"]
    assert time_words("P3D", "recurrence") == "每3天" and time_words("P3D", "duration") == "3天"
    assert [time_words(v) for v in ("2017-05-31", "2017-06", "2017", "2019-Q3", "2024-H1", "2024-05-09T08:00",
                                     "2019-05-06/2019-06-14", "2021-02-24/..")] == \
        ["2017年5月31日", "2017年6月", "2017年", "2019年第三季度", "2024年上半年", "2024年5月9日8时",
         "2019年5月6日至2019年6月14日", "2021年2月24日起"]
    assert time_words(None) == "" and duration_words("soon") == "soon"
    assert chinese_date(dt.date(2017, 5, 5)) == "2017年5月5日" and chinese_date("2017-05-15") == "2017年5月15日"


# ------------------------------------------------------------------------------------------- working days

def test_working_days_as_china_counts_them():
    assert is_working_day(dt.date(2017, 5, 27))  # a Saturday worked before 端午
    assert not is_working_day(dt.date(2017, 5, 29)) and not is_working_day(dt.date(2017, 5, 30))  # 端午
    assert add_working_days(dt.date(2017, 5, 15), 15) == dt.date(2017, 6, 6)  # Mon–Fri alone would say June 5
    assert add_working_days(dt.date(2017, 5, 26), 1) == dt.date(2017, 5, 27)
    assert add_working_days(dt.date(2017, 9, 29), 1) == dt.date(2017, 9, 30)  # a Saturday worked before 国庆
    assert add_working_days(dt.date(2017, 9, 29), 2) == dt.date(2017, 10, 9)  # 国庆 and 中秋, Oct 1–8
    assert not any(is_working_day(dt.date(2017, 10, d)) for d in range(1, 9))
    deadline = reply_deadline(dt.date(2017, 5, 15))  # the shipped rule: 15 working days
    assert (deadline.due, deadline.working_days, deadline.notice, deadline.words) == \
        (dt.date(2017, 6, 6), True, None, "15个工作日")
    assert due_date(dt.date(2017, 5, 15)) == "2017-06-06"
    assert due_date(dt.date(2017, 9, 25), 10) == "2017-10-13"  # a number typed: working days too (Sep 30 worked)
    assert due_date(dt.date(2017, 9, 25), 10, working_days=False) == "2017-10-05"
    assert reply_deadline(dt.date(2017, 5, 15), 15, False).words == "15天（自然日）"


def test_a_year_without_holidays_falls_back_to_calendar_days():
    year = holiday_years().stop + 3  # a year the library does not record, whatever its version
    with pytest.raises(UnknownHolidayYear) as exc:
        add_working_days(dt.date(year, 3, 2), 5)
    assert exc.value.year == year
    deadline = reply_deadline(dt.date(year, 3, 2), 15)
    assert deadline.due == dt.date(year, 3, 17) and deadline.working_days is False
    assert f"{year}年" in deadline.notice and "自然日" in deadline.notice and "尚未收录" in deadline.notice
    assert reply_deadline(dt.date(9999, 12, 20)).due is None  # past the calendar: no deadline, no crash
    code, out, err = run_cli("triage", SAMPLE, "--date", f"{year}-03-02")
    assert code == 0 and err.count("尚未收录") == 1 and f"期限 {year}-03-17" in out, err


# ----------------------------------------------------------------------------------------- CRLF and CR

@pytest.mark.parametrize("command", ["classify", "redact", "triage"])
def test_windows_and_old_mac_line_ends_read_as_lf(tmp_path, command):
    table = ('序号,交办问题基本情况,备注\n1,"某化工厂夜间偷排废水，\n附近水塘发黑发臭",第一行\n'
             '2,小区旁饭店油烟直排，联系人张建国13807341234,"两行\n备注"\n3,,\n')
    lines = "某化工厂夜间偷排废水\n小区旁饭店油烟直排\n\n噪声扰民\n"
    outputs = {}
    for name, end in (("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")):
        (tmp_path / f"{name}.csv").write_bytes(table.replace("\n", end).encode("utf-8"))
        (tmp_path / f"{name}.txt").write_bytes(lines.replace("\n", end).encode("gb18030"))
        extra = ["--date", "2017-05-15"] if command == "triage" else []
        got = []
        for src in (tmp_path / f"{name}.csv", tmp_path / f"{name}.txt"):
            target = tmp_path / f"{name}{src.suffix}.out.jsonl"
            code, _, err = run_cli(command, src, "-o", target, *extra)
            assert code == 0, err
            got.append(target.read_text(encoding="utf-8"))
        code, out, err = run_cli(command, "-", *extra, stdin=lines.replace("\n", end).encode("utf-8"))
        assert code == 0, err
        got.append(out if command != "triage" else out.split("\n", 1)[1])
        outputs[name] = got
    assert outputs["crlf"] == outputs["lf"] and outputs["cr"] == outputs["lf"]
    assert "\\r" not in "".join(outputs["crlf"]) and "废水，\\n附近" in outputs["lf"][0]


# ------------------------------------------------------------------------------ refusals and messages

@pytest.mark.parametrize("name,content,words", [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ["另存为", ".xlsx"]),
    ("renamed.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ["旧版 Excel", "另存为", ".xlsx"]),
    ("table.docx", b"PK\x03\x04", ["Word", "另存为", ".xlsx", ".txt"]),
    ("scan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", ["PDF", ".txt"]),
    ("scan.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", ["PDF", ".txt"]),
])
def test_office_documents_are_refused_with_what_to_do(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    code, _, err = run_cli("classify", path)
    assert code == 2 and "E005" in err and len(err.strip().splitlines()) == 1 and name in err, err
    assert all(w in err for w in words) and "无法识别文字编码" not in err and "二进制" not in err, err


def test_a_pdf_given_to_extract_is_called_a_pdf(tmp_path):
    pdf = tmp_path / "简报.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xb5\xb5\xb5\xb5\n1 0 obj\n<</Type/Catalog>>\nendobj\n" + bytes(range(256)) * 4)
    for args, stdin in (((pdf,), None), (("-",), pdf.read_bytes()), ((tmp_path / "b.txt",), None)):
        if args[0] == tmp_path / "b.txt":
            shutil.copy(pdf, args[0])
        code, _, err = run_cli("extract", *args, stdin=stdin)
        assert code == 2 and "PDF" in err and "另存为 .txt" in err.replace("”", "").replace("“", "") \
            and "无法识别文字编码" not in err and "二进制" not in err, err
    docx = tmp_path / "简报.docx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    code, _, err = run_cli("extract", docx)
    assert code == 2 and "Word 文档" in err and ".txt" in err, err


ALLOWED = re.compile(r"\{[a-z_0-9!r]+\}|\[E\d{3}\]|--[a-z-]+|\.[a-z]+\b|petitionnlp \w+( \w+)?|PETITIONNLP_DEBUG=1|"
                     r"UTF-8|GB18030|YYYY-MM-DD|JSON Lines|JSON|CSV|Excel|WPS|PDF|Word|MB|nlp\.initialize\(\)|"
                     r"spacy\.load|pollution_types|classify|stats|\(\)")


def test_the_error_catalogue_speaks_chinese_only():
    messages = {k: v for k, v in vars(Errors).items() if re.fullmatch(r"[ERN](\d{3}|_)\w*", k)}
    assert len(messages) > 50
    for key, text in messages.items():
        rest = ALLOWED.sub(" ", text)
        assert not re.search(r"[A-Za-z]{2,}", rest), (key, text)  # no English words beside the Chinese
        assert re.search(r"[\u4e00-\u9fff]", text) or key == "E090", key  # E090: a path and its reason
    assert Errors.E005.startswith("[E005] ") and "不支持的文件格式" in Errors.E005


# ---------------------------------------------------------------------------------------------- the chart

def test_the_chart_says_what_its_bars_count(tmp_path):
    from petitionnlp.stats import chart_figure, cjk_font, region_type_table

    out = tmp_path / "c.jsonl"
    assert run_cli("classify", SAMPLE, "-o", out)[0] == 0
    table = region_type_table(out)
    fig = chart_figure(table)
    ax = fig.axes[0]
    labels = {t.get_text() for t in ax.texts}
    yueyang = table.loc["岳阳市"]
    if cjk_font():
        assert ax.get_ylabel() == "涉及污染类型（件次）" and "件数" not in ax.get_ylabel()
        assert f"{yueyang['移交件数']}件" in labels  # the cases above the bar, not the type mentions
        assert any("件次" in t.get_text() for t in fig.texts)
    heights = {round(p.get_x() + p.get_width() / 2): 0 for p in ax.patches}
    for p in ax.patches:
        heights[round(p.get_x() + p.get_width() / 2)] += p.get_height()
    row = list(table.index).index("岳阳市")
    assert heights[row] == sum(yueyang[t] for t in ("水", "大气", "土壤", "海洋", "生态", "辐射", "噪声", "其他"))


# ------------------------------------------------------------------------------------- looked at, printed

def test_a_cli_xlsx_rendered_on_a4(tmp_path):
    """Render triage's XLSX with LibreOffice to PDF and PNG (tests/artifacts/xlsx_triage-1.png): A4 landscape, the
    whole width on two pages side by side (tests/test_print_w51.py: at 8 pt or more, every column on paper).
    Skipped without LibreOffice, except under CI."""
    soffice, pdftoppm = shutil.which("soffice") or shutil.which("libreoffice"), shutil.which("pdftoppm")
    if not (soffice and pdftoppm):
        if os.environ.get("CI"):
            pytest.fail("LibreOffice or poppler missing under CI (make render installs them)")
        pytest.skip("DOCUMENT RENDERING NOT TESTED: LibreOffice (soffice) or poppler (pdftoppm) missing")
    out = tmp_path / "xlsx_triage.xlsx"
    assert run_cli("triage", SAMPLE, "--date", "2017-05-15", "-o", out)[0] == 0
    proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                           "pdf", "--outdir", str(tmp_path), str(out)], capture_output=True, timeout=240)
    pdf = tmp_path / "xlsx_triage.pdf"
    assert pdf.is_file(), proc.stderr.decode(errors="replace")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    assert size and abs(float(size[1]) - 841.9) < 2 and abs(float(size[2]) - 595.3) < 2, info  # A4 landscape
    assert int(re.search(r"Pages:\s+(\d+)", info)[1]) % 2 == 0  # two pages' width: every row on both
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "紧急理由" in text and "期限" in text and "2017年6月6日" in text and "第 1 页" in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run([pdftoppm, "-r", "110", "-png", str(pdf), str(ARTIFACTS / "xlsx_triage")], check=True)
    assert (ARTIFACTS / "xlsx_triage-1.png").stat().st_size > 20_000
