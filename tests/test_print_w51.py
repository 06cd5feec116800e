"""Documents fit to print (w51), each rendered as a clerk prints it and read back: the ``triage`` XLSX on pages side
by side at 8 pt or more (as the office's whole batch table, w50), a bracketed header whole (县（区）, not 县（区 /
）), a printed list's right border inside the margin, and a batch placed to cities only mapped by city instead of
a county map of zeros.  The PNGs are saved in tests/artifacts/ to be looked at."""

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import ROOT, run_cli
from test_documents_render import (DAY, _calc_fonts, _chromium_pdf, _libreoffice, _pdf_facts, _pngs,  # noqa: F401
                                   _printed_headers, _session, _tools, _word_sizes, office)

SAMPLE = ROOT / "corpora" / "samples" / "petitions_sample.csv"
SVG = "{http://www.w3.org/2000/svg}"
PAGE_MARGIN_MM = 12  # app.css: @page { margin: 15mm 12mm }


def _pages_text(pdf: Path) -> list[str]:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.split("\f")


def test_the_triage_xlsx_prints_on_pages_side_by_side_at_8_pt(tmp_path):
    """``triage -o x.xlsx`` (the sample: 序号, 受理编号 and 21 more columns) printed by LibreOffice: A4 landscape on
    two pages side by side, a row's pages one after the other, the header on every page and 序号, 受理编号 at the
    left of each, every column on paper, no text under 8 pt.  Before, the sheet was fitted to one page's width and
    printed at about 6 pt."""
    soffice, _ = _tools()
    _calc_fonts()
    out = tmp_path / "triage_queue.xlsx"
    assert run_cli("triage", SAMPLE, "--date", "2017-05-15", "-o", out)[0] == 0
    ws = load_workbook(out).worksheets[0]
    head = [c.value for c in ws[1]]
    setup = ws.page_setup
    assert head[:2] == ["序号", "受理编号"]
    assert int(setup.fitToWidth) >= 2 and int(setup.fitToHeight) == 0 and setup.pageOrder == "overThenDown"
    assert ws.print_title_rows == "$1:$1" and ws.print_title_cols == "$A:$B"
    pdf = _libreoffice(soffice, out, tmp_path)
    sizes, _ = _pdf_facts(pdf)
    assert sizes and all(s == (297, 210) for s in sizes), sizes
    printed = _printed_headers(pdf, receipt=r"D2HN\d+")
    assert set(head) <= printed, [h for h in head if h not in printed]  # every column, none cut off
    pages = _pages_text(pdf)[:len(sizes)]
    assert all("受理编号" in p for p in pages)
    receipt = ws.cell(row=2, column=2).value
    assert sum(receipt in p for p in pages) == int(setup.fitToWidth)  # on each part of its row
    body = [(s, w) for s, w, y in _word_sizes(pdf, with_y=True) if y < 0.92]  # above the page number
    assert body and min(s for s, _ in body) >= 8 - 0.05, sorted(body)[:5]
    _pngs(pdf, "xlsx_triage_w51")


def test_the_columns_repeated_on_each_page_run_through_the_receipt_number():
    """A sheet on pages side by side repeats its columns through its 受理编号 when that is among its first three
    (序号, 受理编号), else its first column; the pages counted with what is repeated."""
    from petitionnlp.io._xlsx import pages_wide, repeated_columns

    assert repeated_columns(["序号", "受理编号", "交办问题基本情况"]) == 2
    assert repeated_columns(["受理编号", "责任单位"]) == 1
    assert repeated_columns(["序号", "行政区域", "交办日期", "受理编号"]) == 1
    widths = [6, 18] + [12] * 14
    assert pages_wide(widths, 8, 2) >= pages_wide(widths, 8, 1) >= 2


def test_a_bracketed_header_prints_whole(office, tmp_path):
    """The batch's whole table printed: 县（区） on one line in its header (the column had 7 units, the header
    printed 县（区 / ）), and a sheet's bracketed header as wide as it is written."""
    from petitionnlp.io import write_table_xlsx

    soffice, _ = _tools()
    _calc_fonts()
    data = write_table_xlsx(None, [{"市": "长沙市"}], ["市", "县（区）", "污染类型（自动识别）"],
                            widths={"县（区）": 7, "污染类型（自动识别）": 8})
    ws = load_workbook(__import__("io").BytesIO(data)).worksheets[0]
    assert ws.column_dimensions["B"].width >= 10 and ws.column_dimensions["C"].width >= 22
    batch = office.get("/api/v1/batches", headers=office.ed).json()["batches"][0]["batch_id"]
    path = tmp_path / "batch_full_w51.xlsx"
    path.write_bytes(office.get(f"/api/v1/batches/{batch}/export.xlsx", headers=office.ed).content)
    pdf = _libreoffice(soffice, path, tmp_path)
    words = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    found = re.findall(r">([^<]*县[^<]*)</word>", words)
    assert "县（区）" in found, found  # one word on one line, not 县（区 and ） under it
    _pngs(pdf, "xlsx_batch_full_w51")


def _borders_beyond_margin(pdf: Path, margin_mm: float) -> list[tuple[int, float, float]]:
    """(page, the drawing's left or right edge in pt, the content box's edge) of every filled shape of a
    Chromium PDF — a table's borders and cell backgrounds — that reaches into the page's left or right margin."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    margin = margin_mm * 72 / 25.4
    out = []
    for k in range(1, pages + 1):
        svg = pdf.parent / f"{pdf.stem}-{k}.svg"
        subprocess.run(["pdftocairo", "-svg", "-f", str(k), "-l", str(k), str(pdf), str(svg)], check=True,
                       capture_output=True)
        root = ET.parse(svg).getroot()
        width = float(re.match(r"[\d.]+", root.get("width"))[0])
        for path in root.iter(SVG + "path"):
            style = path.get("style") or ""
            if "fill:rgb" not in style or "stroke:none" not in style or path.get("transform"):
                continue  # glyphs are drawn by <use>; only a page's own shapes here
            xs = [float(x) for x in re.findall(r"[ML] (-?[\d.]+) -?[\d.]+", path.get("d") or "")]
            if not xs or ("fill:rgb(100%,100%,100%)" in style):
                continue  # the white page
            if max(xs) > width - margin + 0.3:
                out.append((k, max(xs), width - margin))
            if min(xs) < margin - 0.3:
                out.append((k, min(xs), margin))
    return out


@pytest.mark.parametrize("page", ["callbacks", "cases"])
def test_a_printed_list_keeps_its_right_border_inside_the_margin(office, tmp_path, page):
    """The 回访 list (and the case list) printed by Chromium: A4, the table's right border drawn inside the page's
    12 mm margin.  Before, a page-wide table's collapsed border stood half a pixel past its box: Chromium cut it at
    the margin, and the table's right edge was missing on paper."""
    _tools()
    _session(office, "ed")
    pdf = _chromium_pdf(office.get(f"/{page}").text, tmp_path, page)
    sizes, text = _pdf_facts(pdf)
    assert sizes and all(s == (210, 297) for s in sizes), sizes
    assert "受理编号" in text
    beyond = _borders_beyond_margin(pdf, PAGE_MARGIN_MM)
    assert not beyond, beyond[:4]
    _pngs(pdf, f"printed_{page}_w51")


def test_a_batch_placed_to_cities_only_is_mapped_by_city(office, tmp_path):
    """The test office's cases name their cities and no county (as a batch of city units does): the map is drawn
    by city — titled 各市州, every county in its city's colour and value, a line saying the cases are placed to
    cities — not a county map of zeros with all 41 cases listed under it; the /map page printed says the same.
    A batch placed to counties keeps its county map."""
    from petitionnlp.maps import BY_CITY_NOTE, county_values, map_level, render_svg, unplaced_counts

    _tools()
    r = office.get("/api/v1/map", params={"from": DAY, "to": DAY}, headers=office.ed)
    assert r.status_code == 200
    root = ET.fromstring(r.text)
    texts = [t.text or "" for t in root.iter(SVG + "text")]
    assert "湖南省各市州案件数示意图" in texts, texts[:3]
    assert BY_CITY_NOTE in texts and not any("未定到县（市、区）的案件" in t for t in texts), texts
    counts = {}
    for row in office.rows:
        counts[row[1]] = counts.get(row[1], 0) + 1
    paths = [p for p in root.iter(SVG + "path") if p.get("data-region")]
    assert len(paths) >= 100  # every county still one element (the contract), in its city's colour
    for p in paths:
        city = p.get("data-region").split("/")[1]
        assert float(p.get("data-value")) == counts.get(city, 0), (p.get("data-region"), p.get("data-value"))
    changsha = [p for p in paths if p.get("data-region").startswith("湖南省/长沙市/")]
    assert len({p.get("fill") for p in changsha}) == 1 and changsha[0].get("fill") != "#f7f7f7"
    png = office.get("/api/v1/map", params={"from": DAY, "to": DAY, "format": "png"}, headers=office.ed)
    assert png.status_code == 200 and png.content[:4] == b"\x89PNG"
    (ROOT / "tests" / "artifacts").mkdir(exist_ok=True)
    (ROOT / "tests" / "artifacts" / "map_by_city_w51.png").write_bytes(png.content)
    _session(office, "ed")
    pdf = _chromium_pdf(office.get("/map", params={"from": DAY, "to": DAY}).text, tmp_path, "map")
    sizes, text = _pdf_facts(pdf)
    flat = re.sub(r"\s+", "", text)
    assert sizes and all(s == (210, 297) for s in sizes), sizes
    assert "湖南省各市州案件数示意图" in flat and "本期案件多只定到市州" in flat and "各县（市、区）" not in flat
    _pngs(pdf, "printed_map_by_city_w51")
    # placed to counties (and a few to a city only): the county map, those few listed under it
    records = [{"province": "湖南省", "city": "长沙市", "county": "岳麓区", "status": "办理中"}] * 3 + [
        {"province": "湖南省", "city": "衡阳市", "county": None, "status": "办理中"}]
    assert map_level(records, "湖南省") == "county"
    assert map_level(records + [{"province": "湖南省", "city": "株洲市", "county": None}] * 3, "湖南省") == "city"
    svg = render_svg(county_values(records, "湖南省"), "湖南省", unplaced=unplaced_counts(records, "湖南省"))
    assert "湖南省各县（市、区）案件数示意图" in svg and "衡阳市 1 件" in svg and BY_CITY_NOTE not in svg
