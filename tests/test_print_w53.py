"""A clerk's walk through every print of a city office (w53): cases in every state — closed and called back, overdue,
supervised, drawn for a spot check, waiting for review, rejected — and every list page printed by Chromium (A4) and
every document rendered by LibreOffice read back as a clerk reads paper: dates in Chinese (2017年6月6日, never
2017-06-06), times in Beijing time written so, no English word, no line of the 专报 that starts with 。 ， ） or
ends with （ (避头尾), a date cell wide enough to show its date (it printed ###), a 受理编号 clear of its border,
a place or a unit not broken with one character alone (长沙市岳麓 / 区), no row cut short of its last words.  The PNGs
are saved in tests/artifacts/ (``walk_w53_*``); the rules behind them are tested first, without rendering."""

import re

import pytest

from test_office_integrity import REPORT
from test_documents_render import (_chromium_pdf, _english, _libreoffice, _pdf_facts, _pngs, _session,  # noqa: F401
                                   _tools, county_office)

# ------------------------------------------------------------------------------ the rules, without rendering

def test_a_page_writes_days_and_times_in_chinese_in_beijing_time():
    """The pages' one way of writing a day (2026-11-12 → 2026年11月12日) and a time: a stored time (naive UTC) in
    Beijing time, an API time (already with its offset) as it says, 2026年12月7日 21:20; both kept whole."""
    import datetime as dt

    from petitionnlp.dates import chinese_time
    from petitionnlp.web.render import templates

    day, when = templates.env.filters["day"], templates.env.filters["when"]
    assert str(day("2026-11-12")) == '<span class="day">2026年<wbr>11月12日</span>' and day(None) == "" == day("")
    assert str(when(dt.datetime(2026, 12, 7, 13, 20))) == '<span class="when">2026年12月7日 21:20</span>'  # UTC → +8
    assert str(when("2026-12-07T21:20:05+08:00")) == '<span class="when">2026年12月7日 21:20</span>'
    assert str(when(dt.datetime(2026, 12, 7, 13, 20, 5), True)) == '<span class="when">2026年12月7日 21:20:05</span>'
    assert chinese_time("2017-05-15T09:05:00") == "2017年5月15日 9:05" and chinese_time("2017-05-15") == "2017年5月15日"
    assert chinese_time(None) == "" and chinese_time("不是时间") == "不是时间"
    assert "2026年12月8日" in str(templates.env.filters["step_words"]({"unit": "衡阳市", "due_date": "2026-12-08"}))


def test_a_wrapped_cell_is_counted_in_the_lines_chinese_line_breaking_gives_it():
    """A row as tall as its wrapped cell's lines where a spreadsheet keeps 避头尾 (Chinese characters two units, 12
    units a line): a comma that would start a line takes the character before it down, one line more."""
    from petitionnlp.io._xlsx import wrapped_lines

    assert wrapped_lines("一二三四五六，", 12) == 2 and wrapped_lines("一二三四五六", 12) == 1
    assert wrapped_lines("张家界市武陵源区某餐馆油烟直排，风机噪声扰民。", 14) == 4


def test_the_office_xlsx_holds_the_text_as_it_came(tmp_path):
    """The text of a wrapped cell is written as it is, nothing invisible put into it (a program reading the 公开表 or
    classify's output with openpyxl or pandas reads the petition's own text), and reads back as written."""
    from openpyxl import load_workbook

    from petitionnlp.io import open_batch, write_table_xlsx

    text = "长沙市岳麓区某工地夜间打桩噪声扰民，泥浆水直排雨水管网。" * 3
    path = tmp_path / "t.xlsx"
    write_table_xlsx(path, [{"受理编号": "X3HN202405010001", "交办问题基本情况": text}], ["受理编号", "交办问题基本情况"])
    assert load_workbook(path).worksheets[0]["B2"].value == text
    batch = open_batch(str(path))
    rows = [r for chunk in batch.chunks() for r in chunk]
    assert rows[0]["交办问题基本情况"] == text


def test_date_cells_codes_and_names_get_their_room():
    """A date cell as wide as 2026年11月12日 (it was sized for 13 units: LibreOffice printed ###), a 受理编号 two
    units clear (17 units: X3HN202405010001 touched its border), and a wrapped column of places or units widened
    until none leaves one character alone (长沙市岳麓区 beside 湘西土家族苗族自治州吉首市: 12 → 18 units)."""
    import datetime as dt
    import io

    from openpyxl import load_workbook

    from petitionnlp.io import write_table_xlsx
    from petitionnlp.io._xlsx import names_width

    rows = [{"受理编号": "X3HN202405010001", "交办日期": dt.date(2026, 10, 28), "行政区域": place}
            for place in ("长沙市岳麓区", "张家界市武陵源区", "湘西土家族苗族自治州吉首市")]
    data = write_table_xlsx(None, rows, ["受理编号", "交办日期", "行政区域"],
                            widths={"受理编号": 17, "交办日期": 13, "行政区域": 12})
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    widths = [ws.column_dimensions[c].width for c in "ABC"]
    assert widths == [18, 16, 18], widths
    assert names_width([12, 12, 16, 26], 12) == 18 and names_width([10], 12) == 12


# ------------------------------------------------------------------------------ a clerk's walk, printed

ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}")


@pytest.fixture(scope="module")
def clerk_office(county_office):
    """The county office of test_documents_render (closed, overdue and supervised cases) with a callback on a closed
    case, a spot check of the closed ones with one item checked, a report waiting for review and one case rejected."""
    o, ed = county_office, county_office.ed
    petitions = sorted(o.get("/api/v1/petitions", params={"limit": 500}, headers=ed).json()["petitions"],
                       key=lambda p: p["id"])
    closed = [p for p in petitions if p["status"] == "已办结"]
    waiting = [p for p in petitions if p["status"] == "待办" and not p.get("supervised")]
    assert closed and waiting
    r = o.post(f"/api/v1/petitions/{closed[0]['id']}/callback", json={"result": "满意", "note": "群众表示满意"},
               headers=ed)
    assert r.status_code == 200, r.text
    r = o.post("/api/v1/spotchecks", json={"from": o.day, "to": o.day, "rate": 0.5, "seed": 7}, headers=ed)
    assert r.status_code == 201, r.text
    o.spotcheck = r.json()["id"]
    first = r.json()["petitions"][0]
    r = o.post(f"/api/v1/spotchecks/{o.spotcheck}/items/{first}", json={"passed": True, "note": "现场复核属实"},
               headers=ed)
    assert r.status_code == 200, r.text
    r = o.post(f"/api/v1/petitions/{waiting[0]['id']}/report", json=REPORT, headers=ed)  # waits for review
    assert r.status_code == 200, r.text
    r = o.post(f"/api/v1/petitions/{waiting[-1]['id']}/reject", json={"kind": "非生态环境问题", "reason": "邻里纠纷"},
               headers=ed)
    assert r.status_code == 200, r.text
    o.case = closed[0]["id"]
    return o


PAGES = {"cases": ("/cases", {}), "supervision": ("/supervision", {}), "callbacks": ("/callbacks", {}),
         "spotcheck": ("/spotchecks/{spotcheck}", {}), "spotchecks": ("/spotchecks", {}),
         "rejected": ("/cases", {"status": "不受理"}), "overdue": ("/cases", {"overdue": "1"}),
         "review": ("/review", {}), "case": ("/cases/{case}", {}), "batches": ("/batches", {}),
         "progress": ("/progress", {"from": "{day}", "to": "{day}"}), "public": ("/public", {"from": "{day}", "to": "{day}"})}


@pytest.mark.parametrize("name", list(PAGES))
def test_every_printed_list_says_its_dates_in_chinese(clerk_office, tmp_path, name):
    """Each list page printed (Chromium, A4): not one ISO date (2026-11-12) — the 督办 list's deadlines, the 案件
    list's 办理期限, the 回访 list's approval times, a case's history — and no English word."""
    _tools()
    o = clerk_office
    path, params = PAGES[name]
    fill = {"spotcheck": o.spotcheck, "case": o.case, "day": o.day}
    _session(o, "ed")
    r = o.get(path.format(**fill), params={k: v.format(**fill) for k, v in params.items()})
    assert r.status_code == 200, r.text[:300]
    pdf = _chromium_pdf(r.text, tmp_path, name)
    sizes, text = _pdf_facts(pdf)
    _pngs(pdf, f"walk_w53_{name}")
    assert ISO_DAY.findall(text) == [], (name, ISO_DAY.findall(text)[:5])
    words = _english(re.sub(r"\bed\b|第3批\.csv", "", text))  # the account's login name and the uploaded file's
    assert not words, (name, words[:5])
    # its dates are on paper, in Chinese (a narrow column breaks one after its year only: 2026年 / 11月12日)
    assert re.search(r"\d{4}年", text) and re.search(r"(?<!\d)\d{1,2}月\d{1,2}日", text), name


CLOSING = "。，、；：？！）】》」』”’"  # never the first character of a printed line (避头)
OPENING = "（【《「『“‘"                 # never the last (避尾)


def _lines(pdf) -> list[str]:
    """The printed lines of a PDF, each as its words joined (pdftotext -bbox-layout: a table cell's lines apart)."""
    import subprocess

    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return ["".join(re.findall(r">([^<]*)</word>", line)) for line in re.findall(r"<line[^>]*>(.*?)</line>", out, re.S)]


def _documents(o, tmp_path):
    """Every document the office hands out for the period: the 专报 (DOCX), the 公开表 and the batch's table and its
    脱敏版 (XLSX), as (name, path)."""
    q = {"from": o.day, "to": o.day}
    batch = o.get("/api/v1/batches", headers=o.ed).json()["batches"][0]["batch_id"]
    got = {"report.docx": o.get("/api/v1/report", params={**q, "format": "docx"}, headers=o.ed),
           "public.xlsx": o.get("/api/v1/public", params={**q, "format": "xlsx"}, headers=o.ed),
           "batch_full.xlsx": o.get(f"/api/v1/batches/{batch}/export.xlsx", headers=o.ed),
           "batch_public.xlsx": o.get(f"/api/v1/batches/{batch}/export.xlsx", params={"redacted": 1}, headers=o.ed)}
    for name, r in got.items():
        assert r.status_code == 200, (name, r.text[:200])
        (tmp_path / name).write_bytes(r.content)
    return [(name, tmp_path / name) for name in got]


def test_every_document_prints_chinese_dates_and_breaks_lines_as_chinese(clerk_office, tmp_path):
    """Each document rendered by LibreOffice: no ISO date, no English word, and — in the DOCX, which Writer breaks
    by 避头尾 — no printed line that starts with a closing mark (。 】 ） ，) or ends with an opening one (【 （).
    The XLSX tables keep their cells' text as it is: LibreOffice Calc may start a line of a cell with ，."""
    soffice, _ = _tools()
    o = clerk_office
    for name, path in _documents(o, tmp_path):
        pdf = _libreoffice(soffice, path, tmp_path)
        _pngs(pdf, f"walk_w53_{path.stem}")
        _, text = _pdf_facts(pdf)
        assert ISO_DAY.findall(text) == [], (name, ISO_DAY.findall(text)[:5])
        if path.suffix == ".docx":
            lines = [line for line in _lines(pdf) if line]
            bad = [line for line in lines if line[0] in CLOSING or line[-1] in OPENING]
            assert not bad, (name, bad[:5])


@pytest.mark.parametrize("name", ["spotcheck", "case"])
def test_a_printed_report_keeps_its_labels_whole_and_prints_no_button(clerk_office, tmp_path, name):
    """A report printed in the 抽查复核 list and on a case's page: its labels broken only between their words
    (处理和 / 整改情况, not 处理和整 / 改情况; 责任人 / 被问责情况, not 责任人被问责情 / 况), and no form's button or hint
    on paper (the rows still to check printed 保存 and a cut 复核意见（未通过必)."""
    _tools()
    o = clerk_office
    _session(o, "ed")
    html = o.get(f"/spotchecks/{o.spotcheck}" if name == "spotcheck" else f"/cases/{o.case}").text
    pdf = _chromium_pdf(html, tmp_path, name)
    _pngs(pdf, f"walk_w53_labels_{name}")
    lines = [line for line in _lines(pdf) if line]
    broken = [line for line in lines if line.endswith(("处理和整", "责任人被问责情", "责任人被", "调查核实情", "问责情"))]
    assert not broken, broken
    _, text = _pdf_facts(pdf)
    flat = re.sub(r"\s+", "", text)
    assert "保存" not in flat and "未通过必" not in flat, flat[-400:]
