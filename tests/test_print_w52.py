"""The office's prints a clerk reads (w52): the 回访 list's caller's phone in the size of the name beside it and its
header broken between its words (举报人 / 及联系方式, not 举报人及联系方 / 式), the batch's 脱敏版 on one page's width
at 8 pt or more (it printed at 7.7 pt) with no header leaving one character alone (办理状 / 态).  The PNGs are saved in
tests/artifacts/."""

import io
import re
import subprocess
from pathlib import Path

from openpyxl import load_workbook

from test_documents_render import (_calc_fonts, _chromium_pdf, _libreoffice, _pdf_facts, _pngs,  # noqa: F401
                                   _printed_headers, _session, _tools, _word_sizes, office)


def _words(pdf: Path) -> list[tuple[float, float, float, str]]:
    """(x0, y0, height in pt, word) of each word of a PDF Chromium printed."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [(float(x0), float(y0), float(y1) - float(y0), w) for x0, y0, y1, w in
            re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', out)]


def test_the_printed_callback_list_sets_the_phone_as_the_name_and_its_header_whole(office, tmp_path):
    """The 回访 list printed (Chromium, A4): the caller's phone no larger than the name above it (a 14px monospace
    printed it larger than the 9.5 pt of the list), and the header 举报人及联系方式 on one line or broken between
    举报人 and 及联系方式 — never with 式 alone."""
    _tools()
    _session(office, "ed")
    html = office.get("/callbacks").text
    pdf = _chromium_pdf(html, tmp_path, "callbacks")
    sizes, text = _pdf_facts(pdf)
    assert sizes and all(s == (210, 297) for s in sizes), sizes
    lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
    assert any("及联系方式" in line for line in lines), [line for line in lines if "联系" in line]  # not …方 / 式
    words = _words(pdf)
    names = [h for _, _, h, w in words if w == "张三"]
    phones = [h for _, _, h, w in words if w == "13812345678"]
    assert names and phones, (len(names), len(phones))
    assert max(phones) <= max(names) + 0.1, (max(phones), max(names))
    _pngs(pdf, "printed_callbacks_w52")


def test_the_batch_public_version_prints_on_one_page_width_at_8_pt(office, tmp_path):
    """The batch's 脱敏版 (供公开, a dozen columns) printed by LibreOffice: A4 landscape, one page wide, every column's
    header on paper, no text under 8 pt (it was fitted at 7.7 pt), and 办理状态 and 办结情况 each whole or in even
    halves (they printed 办理状 / 态, 办结情 / 况)."""
    soffice, _ = _tools()
    _calc_fonts()
    batch = office.get("/api/v1/batches", headers=office.ed).json()["batches"][0]["batch_id"]
    red = office.get(f"/api/v1/batches/{batch}/export.xlsx", params={"redacted": 1}, headers=office.ed).content
    ws = load_workbook(io.BytesIO(red)).worksheets[0]
    assert int(ws.page_setup.fitToWidth) == 1
    path = tmp_path / "batch_public.xlsx"
    path.write_bytes(red)
    pdf = _libreoffice(soffice, path, tmp_path)
    sizes, text = _pdf_facts(pdf)
    assert sizes and all(s == (297, 210) for s in sizes), sizes
    columns = [c.value for c in ws[1]]
    printed = _printed_headers(pdf)
    assert set(columns) <= printed, [c for c in columns if c not in printed]
    body = [(s, w) for s, w, y in _word_sizes(pdf, with_y=True) if y < 0.92]  # above the page number
    assert body and min(s for s, _ in body) >= 8 - 0.05, sorted(body)[:5]
    heads = [w for s, w, y in _word_sizes(pdf, with_y=True) if y < 0.2]
    for name in ("办理状态", "办结情况"):
        assert name in heads or (name[:2] in heads and name[2:] in heads), (name, heads[:40])
    _pngs(pdf, "xlsx_batch_public_w52")


def test_a_header_never_leaves_one_character_alone_and_long_text_narrows_to_fit():
    """The layout rules behind it: a header is widened until its last line is not one character alone; a sheet a
    little too wide for one page at 8 pt narrows its wrapped columns (not below seven characters a line) to fit,
    and one far too wide is left to print on pages side by side."""
    from petitionnlp.io._xlsx import WRAP_FLOOR, fit_wrapped, header_width, pages_wide

    assert header_width("办理状态", 7) == 9 and header_width("办结情况", 8) == 9
    assert header_width("是否属实", 6) == 6 and header_width("受理编号", 17) == 17
    widths = [17, 21, 11, 36, 21, 14, 9, 6, 30, 30, 20, 9]
    wrapped = [False, False, False, True, False, False, False, False, True, True, True, False]
    assert pages_wide(widths, 8) == 2
    fitted = fit_wrapped(widths, wrapped, 8)
    assert pages_wide(fitted, 8) == 1 and all(f >= min(w, WRAP_FLOOR) for f, w in zip(fitted, widths))
    assert [f for f, w in zip(fitted, wrapped) if not w] == [w for w, x in zip(widths, wrapped) if not x]
    wide = [17] + [12] * 26
    assert fit_wrapped(wide, [True] * 27, 8) == [float(w) for w in wide]


def test_the_printed_list_of_rejected_cases_keeps_places_units_and_kinds_whole(office, tmp_path):
    """The 案件 list of the 不受理 cases printed (Chromium, A4): each place and unit on one line (长沙市 printed
    长沙 / 市 in its narrow column), the kind of rejection whole (非生态环境问 / 题), and the headers whole (行政区 / 域,
    责任单 / 位)."""
    _tools()
    ids = sorted(p["id"] for p in office.get("/api/v1/petitions", params={"status": "待办", "limit": 500},
                                             headers=office.ed).json()["petitions"])[:3]
    for pid in ids:
        r = office.post(f"/api/v1/petitions/{pid}/reject", json={"kind": "非生态环境问题", "reason": "反映的是邻里纠纷"},
                        headers=office.ed)
        assert r.status_code == 200, r.text
    rejected = [p for p in office.get("/api/v1/petitions", params={"status": "不受理", "limit": 500},
                                      headers=office.ed).json()["petitions"]]
    assert len(rejected) == 3
    _session(office, "ed")
    html = office.get("/cases", params={"status": "不受理"}).text
    pdf = _chromium_pdf(html, tmp_path, "cases_rejected")
    sizes, text = _pdf_facts(pdf)
    assert sizes and all(s == (210, 297) for s in sizes), sizes
    lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
    for p in rejected:
        row = [line for line in lines if p["receipt_id"] in line]
        assert row and row[0].count(p["city"]) >= 2 and p["unit"] in row[0], (p["city"], row)
    assert sum("非生态环境问题" in line for line in lines) == 3, [line for line in lines if "非生态" in line]
    head = next(line for line in lines if "受理编号" in line)
    assert "行政区域" in head and "责任单位" in head, head  # not 行政区 / 域, 责任单 / 位
    _pngs(pdf, "printed_cases_rejected_w52")
