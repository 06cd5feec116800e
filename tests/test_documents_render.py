"""What leaves the office, rendered as it prints (issue 26; CONTRACT.md "Outputs fit to print and publish"): the
办理情况专报 (Word) and the 公开表 (XLSX) rendered by LibreOffice headless to PDF and PNG, the 进度 and 公开表 pages
printed by Chromium to PDF and PNG; the PNGs are saved in tests/artifacts/ to be looked at.

The office here is a day of the 2017 Hunan inspection: cases in all fourteen 市州, handed over on one day, some
closed.  Each rendering is read back (pdfinfo, pdftotext) and checked as a clerk checks a print: A4, the form of
the head, Chinese only, every city on paper, the figures the 进度 page gives."""

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from test_office_integrity import REPORT, table, token, upload
from test_web_lifecycle import _session

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
FONTS = ROOT / "tests" / "render" / "fonts.conf"
DAY = "2017-05-15"
CITIES = ["长沙市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "岳阳市", "常德市", "张家界市", "益阳市", "郴州市", "永州市",
          "怀化市", "娄底市", "湘西土家族苗族自治州"]
PROBLEMS = [("水", "某化工厂夜间偷排废水，河水发黑发臭，鱼虾死亡。"), ("大气", "某搅拌站粉尘污染严重，周边居民无法开窗。"),
            ("噪声、水", "某工地夜间打桩噪声扰民，泥浆水直排雨水管网。"), ("土壤", "某冶炼厂废渣随意堆放，周边农田受到污染。"),
            ("生态", "某采石场无证开采，山体植被破坏严重。"), ("大气、噪声", "某餐馆油烟直排，风机噪声扰民。")]


def _tools():
    soffice, pdftoppm = shutil.which("soffice") or shutil.which("libreoffice"), shutil.which("pdftoppm")
    if not (soffice and pdftoppm and shutil.which("pdftotext") and shutil.which("pdfinfo")):
        pytest.skip("DOCUMENT RENDERING NOT TESTED: LibreOffice (soffice) or poppler (pdftoppm) missing "
                    "(`make render` installs them as root)")
    return soffice, pdftoppm


def _pdf_facts(pdf: Path) -> tuple[list[tuple[float, float]], str]:
    """(each page's size in mm, the text) of a PDF."""
    info = subprocess.run(["pdfinfo", "-l", "99", str(pdf)], capture_output=True, text=True, check=True).stdout
    sizes = [(round(float(w) * 25.4 / 72), round(float(h) * 25.4 / 72))
             for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return sizes, text


def _imprint_place(pdf: Path) -> tuple[int, int, float]:
    """(the page of the 版记's 印发 line, the number of pages, how far down that page it is: 0 top … 1 bottom)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = re.split(r"<page ", html)[1:]
    for k, page in enumerate(pages, 1):
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        for y, word in re.findall(r'yMax="([\d.]+)">([^<]*)</word>', page):
            if word.endswith("印发"):
                return k, len(pages), float(y) / height
    return 0, len(pages), 0.0


def _pngs(pdf: Path, name: str) -> list[Path]:
    """The PDF's pages as PNGs in tests/artifacts/ (``{name}-1.png`` …), at 100 dpi."""
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "100", str(pdf), str(ARTIFACTS / name)], check=True, timeout=300)
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))


def _libreoffice(soffice: str, path: Path, tmp: Path) -> Path:
    env = {"HOME": str(tmp), "PATH": "/usr/bin:/bin", "FONTCONFIG_FILE": str(FONTS), "LANG": "C.UTF-8"}
    proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to", "pdf",
                           "--outdir", str(tmp), str(path)], capture_output=True, text=True, timeout=300, env=env)
    pdf = tmp / (path.stem + ".pdf")
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    return pdf


def _english(text: str) -> list[str]:
    """Latin words in a text (a clerk's documents are Chinese only; 受理编号 such as X3HN201705150001 are codes)."""
    return re.findall(r"[A-Za-z]{2,}", re.sub(r"\b[A-Z0-9]*\d[A-Z0-9]{6,}\b", "", text))


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """A day of the inspection: 14 units (one per 市州), 2–4 cases each handed over on 2017-05-15, a third closed."""
    from petitionnlp.office.accounts import add_user
    from petitionnlp.office.units import add_unit
    from petitionnlp.web.app import create_app

    tmp = tmp_path_factory.mktemp("render")
    app = create_app(tmp / "data", background=False)
    store = app.state.workbench.store
    for city in CITIES:
        add_unit(store, city, f"湖南省/{city}")
    add_user(store, "ed", "ed-password-1", "editor", None)
    rows, k = [], 0
    for i, city in enumerate(CITIES):
        for j in range(2 + i % 3):
            types, problem = PROBLEMS[(i + j) % len(PROBLEMS)]
            k += 1
            rows.append([f"X3HN2017051500{k:02d}", city, types, f"{city}{problem}举报人张三，电话13812345678。"])
    with TestClient(app) as client:
        ed = token(client, "ed")
        upload(client, ed, table(rows), name="第3批.csv", handover_date=DAY, reply_days="15")
        ids = [p["id"] for p in client.get("/api/v1/petitions", params={"limit": 500},
                                           headers=ed).json()["petitions"]]
        for n, pid in enumerate(sorted(ids)):
            if n % 3 == 0:
                client.post(f"/api/v1/petitions/{pid}/report", json=REPORT, headers=ed)
                client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"}, headers=ed)
        client.tmp, client.ed, client.rows = tmp, ed, rows
        yield client


def test_the_report_renders_as_a_government_briefing_on_a4(office, tmp_path):
    """The 专报 of one day, rendered by LibreOffice: A4 pages, the head (office, 第1期, the Chinese date), the
    period said once, 件, the 报/送 lines, page numbers, every city in the chart's picture at print size, the
    figures of 进度, Chinese only."""
    from docx import Document
    from docx.shared import Mm

    soffice, _ = _tools()
    q = {"from": DAY, "to": DAY}
    pr = office.get("/api/v1/progress", params=q, headers=office.ed).json()
    r = office.get("/api/v1/report", params={**q, "format": "docx"}, headers=office.ed)
    assert r.status_code == 200
    disposition = r.headers["content-disposition"]
    assert "filename*=UTF-8''" in disposition and "%E4%B8%93%E6%8A%A5" in disposition  # 专报, RFC 5987
    doc = Document(io.BytesIO(r.content))
    section = doc.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    picture = doc.inline_shapes[0]
    assert round(picture.width / Mm(1)) == 156  # the chart as wide as the 版心, drawn at that size (stats.MIN_FONT)
    path = tmp_path / "report.docx"
    path.write_bytes(r.content)
    sizes, text = _pdf_facts(_libreoffice(soffice, path, tmp_path))
    assert sizes and all(s == (210, 297) for s in sizes), sizes
    flat = re.sub(r"\s+", "", text)
    assert "办理情况专报" in flat and "第1期" in flat and "2017年5月15日" in flat
    assert "2017年5月15日至" not in flat and "（2017年5月15日）" in flat  # one day, named once
    assert f"累计受理交办信访件{pr['total']}件，已办结{pr['closed']}件" in flat
    assert "个" not in flat.split("按污染类型分")[1].split("。")[0]  # 件, not 个
    assert "报：" in flat and "送：" in flat and "印发" in flat
    page, pages, down = _imprint_place(tmp_path / "report.pdf")
    assert page == pages and down > 0.8, (page, pages, down)  # the 版记 at the foot of the last page (GB/T 9704)
    assert "—1—" in flat and (len(sizes) == 1 or "—2—" in flat)  # page numbers
    assert not _english(text), _english(text)
    pngs = _pngs(tmp_path / "report.pdf", "docx_report")
    assert len(pngs) == len(sizes)


def test_a_draft_report_uses_up_no_issue_number(office):
    """专报送审稿 (?draft=1): marked 送审稿 where the number stands, named so, logged as generated and not issued —
    reading drafts of three periods leaves the next issue's number where it was; it is dated today."""
    from docx import Document

    def text(r):
        return "".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)

    def get(day, **extra):
        return office.get("/api/v1/report", params={"from": day, "to": day, "format": "docx", **extra},
                          headers=office.ed)

    first = get("2017-05-20")
    n = int(re.search(r"第(\d+)期", text(first)).group(1))
    for day in ("2017-05-21", "2017-05-22", "2017-05-23"):
        draft = get(day, draft="true")
        assert draft.status_code == 200 and "送审稿" in text(draft) and not re.search(r"第\d+期", text(draft))
        assert "%E9%80%81%E5%AE%A1%E7%A8%BF" in draft.headers["content-disposition"]  # 送审稿 in the file's name
    assert f"第{n + 1}期" in text(get("2017-05-24"))  # no number used up by the drafts
    from petitionnlp.dates import chinese_date
    from petitionnlp.office.clock import office_today

    assert chinese_date(office_today()) in text(first)  # dated today, the day its figures are counted


def test_the_report_chart_has_every_city_legibly(office):
    """The chart of the 专报 carries each city with cases (its name, its 件) and is drawn at the width it is printed
    (156 mm) — the PNG is saved to look at."""
    from PIL import Image

    from petitionnlp.office.charts import TEXT_WIDTH_MM, progress_chart_png
    from petitionnlp.stats import cjk_font

    if not cjk_font():
        pytest.skip("no CJK font: the chart numbers its regions")
    data = office.get("/api/v1/progress", params={"from": DAY, "to": DAY}, headers=office.ed).json()
    png = progress_chart_png(data)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "docx_report_chart.png").write_bytes(png)
    im = Image.open(io.BytesIO(png))
    dpi = im.info.get("dpi", (200, 200))[0]
    assert abs(im.width / dpi * 25.4 - TEXT_WIDTH_MM) < 2  # drawn at its printed width: its points are points
    # every text of the figure, at that size, 8 pt or more; every city with cases named on its axis
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    from petitionnlp.office.charts import city_table
    from petitionnlp.stats import chart_figure

    fig = chart_figure(city_table(data), horizontal=True, width=TEXT_WIDTH_MM / 25.4)
    fig.canvas.draw()
    texts = [t for t in fig.findobj(Text) if t.get_text().strip() and t.get_visible()]
    assert min(t.get_fontsize() for t in texts) >= 8
    assert set(CITIES) <= {t.get_text() for t in texts}
    plt.close(fig)


def test_the_public_table_renders_on_a4_landscape(office, tmp_path):
    """The 公开表 XLSX rendered by LibreOffice: A4 landscape, its title and period, the header, types in the
    taxonomy's order, nothing personal, Chinese only; the file named in Chinese."""
    soffice, _ = _tools()
    _session(office, "ed")  # a browser session: the page's download
    r = office.get("/public.xlsx", params={"from": DAY, "to": DAY})
    assert r.status_code == 200
    disposition = r.headers["content-disposition"]
    assert "filename*=UTF-8''%E5%85%AC%E5%BC%80%E8%A1%A8" in disposition  # 公开表_…
    assert "2017%E5%B9%B45%E6%9C%8815%E6%97%A5.xlsx" in disposition      # …2017年5月15日.xlsx
    ws = load_workbook(io.BytesIO(r.content)).worksheets[0]
    assert ws.cell(row=1, column=1).value == "湖南省群众信访举报件办理情况公开表"
    assert ws.cell(row=2, column=1).value == "交办日期：2017年5月15日"
    types = [row[4] for row in ws.iter_rows(min_row=4, values_only=True)]
    assert "水、噪声" in types and "噪声、水" not in types and "大气、噪声" in types
    path = tmp_path / "public.xlsx"
    path.write_bytes(r.content)
    sizes, text = _pdf_facts(_libreoffice(soffice, path, tmp_path))
    assert sizes and all(s == (297, 210) for s in sizes), sizes
    flat = re.sub(r"\s+", "", text)
    assert "湖南省群众信访举报件办理情况公开表" in flat and "责任人被问责情况" in flat
    assert "13812345678" not in flat and "张三" not in flat
    assert not _english(text), _english(text)
    _pngs(tmp_path / "public.pdf", "xlsx_public")


def _chromium_pdf(html: str, tmp: Path, name: str) -> Path:
    """A page printed by Chromium headless (A4, as a clerk's browser prints it) — its stylesheet read from the
    package, as the server sends it."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("PRINTED PAGES NOT TESTED: chromium missing (`make browser` installs it as root)")
    css = ROOT / "petitionnlp" / "web" / "static" / "app.css"
    page = tmp / f"{name}.html"
    page.write_text(html.replace('href="/static/app.css"', f'href="file://{css}"'), encoding="utf-8")
    pdf = tmp / f"{name}.pdf"
    proc = subprocess.run([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           f"--user-data-dir={tmp / 'chrome'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                           "--lang=zh-CN", page.as_uri()], capture_output=True, text=True, timeout=300)
    assert pdf.exists(), proc.stderr[-2000:]
    return pdf


@pytest.mark.parametrize("page", ["progress", "public"])
def test_the_printed_pages_fit_a4(office, tmp_path, page):
    """The 进度 and 公开表 pages printed: A4, no navigation, every city's name on paper (the chart fitted to the
    page's width, not cut), the 进度 page's figures."""
    _tools()
    _session(office, "ed")
    html = office.get(f"/{page}", params={"from": DAY, "to": DAY}).text
    sizes, text = _pdf_facts(_chromium_pdf(html, tmp_path, page))
    a4 = (297, 210) if page == "public" else (210, 297)  # the 公开表 across the sheet, as offices print it
    assert sizes and all(s == a4 for s in sizes), sizes
    flat = re.sub(r"\s+", "", text)
    assert "退出" not in flat  # the navigation is not printed
    if page == "public":  # every column on paper, the last one's header whole (a table is never cut to scroll)
        assert "责任人被问责情况" in flat and "处理和整改情况" in flat
        ids = re.findall(r'<td class="receipt">([^<]+)</td>', html)
        assert ids and all(i in text for i in ids), [i for i in ids if i not in text]  # each 受理编号 on one line
    if page == "progress":
        pr = office.get("/api/v1/progress", params={"from": DAY, "to": DAY}, headers=office.ed).json()
        assert f"累计受理交办信访件{pr['total']}件" in flat
        chart = text.split("各市州与污染类型")[1].split("市州")[0]  # the chart's labels, before the table under it
        missing = [c for c in CITIES if c not in re.sub(r"\s+", "", chart)]
        assert not missing, f"cut off in print: {missing}"
        # a 受理编号 or a date is never broken across lines in the printed tables
        assert not re.search(r"\d{4}-(?!\d{2}-\d{2})|\d{4}-\d{2}-(?!\d{2})", text), "a date broken in print"
        ids = [p["receipt_id"] for p in office.get("/api/v1/petitions", params={"limit": 500},
                                                    headers=office.ed).json()["petitions"]]
        broken = [i for i in ids if text.count(i) != html.count(f">{i}</a>")]
        assert not broken, f"receipt ids broken in print: {broken[:3]}"
    _pngs(tmp_path / f"{page}.pdf", f"printed_{page}")


def test_the_batch_table_and_its_public_version(office):
    """A batch's table as XLSX: the office's Chinese headers, 交办日期 and 办理期限 as date cells, the file named in
    Chinese (RFC 5987); the 脱敏版 (供公开) carries the public columns only — none of the office's own working
    columns (紧急程度, 属地置信度, 重复相似度, 是否逾期 …) — and nothing personal."""
    import datetime as dt

    batch = office.get("/api/v1/batches", headers=office.ed).json()["batches"][0]["batch_id"]
    full = office.get(f"/api/v1/batches/{batch}/export.xlsx", headers=office.ed)
    red = office.get(f"/api/v1/batches/{batch}/export.xlsx", params={"redacted": 1}, headers=office.ed)
    assert full.status_code == red.status_code == 200
    assert "filename*=UTF-8''%E4%BA%A4%E5%8A%9E%E8%A1%A8" in full.headers["content-disposition"]  # 交办表_…
    assert "%E8%84%B1%E6%95%8F%E7%89%88" in red.headers["content-disposition"]  # …_脱敏版.xlsx
    ws = load_workbook(io.BytesIO(full.content)).worksheets[0]
    head = [c.value for c in ws[1]]
    assert {"受理编号", "交办日期", "办理期限", "是否逾期", "紧急程度", "属地置信度", "办理状态"} <= set(head), head
    assert not _english(" ".join(map(str, head))), head
    for name in ("交办日期", "办理期限"):
        cell = ws.cell(row=2, column=head.index(name) + 1)
        assert isinstance(cell.value, dt.datetime) and "年" in cell.number_format, (name, cell.value)
    ws = load_workbook(io.BytesIO(red.content)).worksheets[0]
    head = [c.value for c in ws[1]]
    internal = {"紧急程度", "紧急理由", "属地置信度", "属地依据", "重复件", "重复相似度", "是否逾期", "办理期限", "承办部门"}
    assert not internal & set(head), internal & set(head)
    assert {"受理编号", "交办日期", "污染类型", "行政区域", "调查核实情况"} <= set(head), head
    cells = " ".join(str(c.value) for row in ws.iter_rows() for c in row)
    assert "13812345678" not in cells and "张三" not in cells


# ------------------------------------------------------------------ a 专报 of county units, overdue and supervised

COUNTY_REGIONS = {"长沙市岳麓区": "长沙市/岳麓区", "衡阳市雁峰区": "衡阳市/雁峰区", "衡阳市石鼓区": "衡阳市/石鼓区",
                  "岳阳市平江县": "岳阳市/平江县", "张家界市武陵源区": "张家界市/武陵源区",
                  "湘西土家族苗族自治州吉首市": "湘西土家族苗族自治州/吉首市"}
COUNTY_UNITS = list(COUNTY_REGIONS)


@pytest.fixture(scope="module")
def county_office(tmp_path_factory):
    """Six county-level units (the longest 湘西土家族苗族自治州吉首市), three cases each handed over 40 days ago with
    15 days to reply: a third closed, the rest overdue, three of them supervised with a note."""
    import datetime as dt

    from petitionnlp.office.accounts import add_user
    from petitionnlp.office.clock import office_today
    from petitionnlp.office.units import add_unit
    from petitionnlp.web.app import create_app

    tmp = tmp_path_factory.mktemp("county")
    app = create_app(tmp / "data", background=False)
    store = app.state.workbench.store
    for unit, region in COUNTY_REGIONS.items():
        add_unit(store, unit, f"湖南省/{region}")
    add_user(store, "ed", "ed-password-1", "editor", None)
    today = office_today()
    rows = [[f"X3HN2024050100{3 * i + j + 1:02d}", unit, "", f"{unit}{PROBLEMS[(i + j) % len(PROBLEMS)][1]}"]
            for i, unit in enumerate(COUNTY_UNITS) for j in range(3)]
    day = (today - dt.timedelta(days=40)).isoformat()
    with TestClient(app) as client:
        ed = token(client, "ed")
        upload(client, ed, table(rows), name="第3批.csv", handover_date=day, reply_days="15", working_days="false")
        ids = sorted(p["id"] for p in client.get("/api/v1/petitions", params={"limit": 500},
                                                 headers=ed).json()["petitions"])
        later = (today + dt.timedelta(days=20)).isoformat()
        for n, pid in enumerate(ids):
            if n % 3 == 0:
                client.post(f"/api/v1/petitions/{pid}/report", json=REPORT, headers=ed)
                client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"}, headers=ed)
            elif n % 3 == 1 and n % 2:
                client.post(f"/api/v1/petitions/{pid}/supervise", json={"due_date": later, "note": "请于期限内整改到位并报送"},
                            headers=ed)
        client.tmp, client.ed, client.day = tmp, ed, day
        yield client


def _word_sizes(pdf: Path, with_y: bool = False) -> list[tuple]:
    """(size in pt, word) of each word of a PDF that LibreOffice wrote — its box's height over 1.3 (the height
    pdftotext gives its fonts' words, as the 16 pt headings of the 专报 show) — and with ``with_y`` how far down
    its page it is (0 top … 1 bottom)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = []
    for page in re.split(r"<page ", out)[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        for y0, y1, w in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page):
            size = (float(y1) - float(y0)) / 1.3
            words.append((size, w, float(y1) / height) if with_y else (size, w))
    return words


def test_the_reports_tables_keep_each_unit_on_one_line(county_office, tmp_path):
    """The 专报 of county units, rendered by LibreOffice: A4; every unit's name on one line in every table — the
    units' table, the overdue list (行政区域 left out where it only repeats the unit), the ranking and the 逾期及督办
    table (each unit on a row across the table, its cases under it) — and no text on paper under 9 pt (小五).
    Before, 湘西土家族苗族自治州吉首市 and 长沙市岳麓区（逾期1件…） broke over two to four lines."""
    from docx import Document

    soffice, _ = _tools()
    q = {"from": county_office.day, "to": county_office.day}
    data = county_office.get("/api/v1/report", params={**q, "format": "json"}, headers=county_office.ed).json()
    r = county_office.get("/api/v1/report", params={**q, "format": "docx"}, headers=county_office.ed)
    assert r.status_code == 200 and data["supervision"] and data["overdue_cases"]
    heads = [[c.text for c in t.rows[0].cells] for t in Document(io.BytesIO(r.content)).tables]
    assert ["受理编号", "办理期限", "状态", "情形", "督办意见"] in heads, heads  # the places only repeated the units
    path = tmp_path / "county_report.docx"
    path.write_bytes(r.content)
    pdf = _libreoffice(soffice, path, tmp_path)
    sizes, text = _pdf_facts(pdf)
    assert sizes and all(s == (210, 297) for s in sizes), sizes
    lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
    for unit in COUNTY_UNITS:
        overdue = sum(c["unit"] == unit for c in data["overdue_cases"])
        listed = sum(g["unit"] == unit for g in data["supervision"])
        whole = sum(line.count(unit) for line in lines)
        assert whole >= 2 + overdue + listed, (unit, whole, 2 + overdue + listed)  # by unit, ranking, lists
    group = next(g for g in data["supervision"] if g["unit"] == "湘西土家族苗族自治州吉首市")
    assert any(f"湘西土家族苗族自治州吉首市（逾期{group['overdue']}件、督办{group['supervised']}件）" in line for line in lines)
    small = [(round(s, 1), w) for s, w in _word_sizes(pdf) if s < 9 - 0.2]
    assert not small, small[:5]
    _pngs(pdf, "docx_report_counties")


def _calc_fonts() -> None:
    """LibreOffice sizes a sheet's columns by its default font (Calibri): without a font of Calibri's widths
    (Carlito, `make render`) it draws DejaVu Sans, a third wider, and prints every sheet smaller than Excel does."""
    match = subprocess.run(["fc-match", "Calibri"], capture_output=True, text=True).stdout
    if "Carlito" not in match:
        pytest.skip(f"XLSX PRINT SIZE NOT TESTED: no Carlito for Calibri (fc-match: {match.strip()}); `make render`")


def _printed_headers(pdf: Path, receipt: str = r"X3HN\d+") -> set[str]:
    """The column headers a printed sheet shows: on each page the words above its first 受理编号's row (a word
    matching ``receipt``), those one above the other in a column (a header wrapped in a narrow column: 是否 /
    逾期) read as one."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = set()
    for page in re.split(r"<page ", out)[1:]:
        words = [(float(x0), float(y0), float(x1), w) for x0, y0, x1, w in
                 re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page)]
        first = min((y for _, y, _, w in words if re.fullmatch(receipt, w)), default=None)
        if first is None:
            continue
        columns: list[list] = []
        for x0, y0, x1, w in sorted(words, key=lambda t: (t[1], t[0])):
            if y0 >= first - 1:
                continue
            col = next((c for c in columns if x0 < c[1] and x1 > c[0]), None)
            if col is None:
                columns.append([x0, x1, w])
            else:
                col[0], col[1], col[2] = min(col[0], x0), max(col[1], x1), col[2] + w
        found |= {c[2] for c in columns}
    return found


def test_the_full_batch_table_prints_readably_on_a4(office, tmp_path):
    """The batch's whole table (27 columns) printed: A4 landscape over two pages side by side, a row's two halves
    one after the other, the header row on every page and the 受理编号 at the left of each, no text under 8 pt, every
    column on paper and no data left out of the file; the 脱敏版 (12 columns) still one page wide.  Before, the
    whole table was fitted to one page's width and printed at 4 pt."""
    soffice, _ = _tools()
    _calc_fonts()
    batch = office.get("/api/v1/batches", headers=office.ed).json()["batches"][0]["batch_id"]
    full = office.get(f"/api/v1/batches/{batch}/export.xlsx", headers=office.ed).content
    red = office.get(f"/api/v1/batches/{batch}/export.xlsx", params={"redacted": 1}, headers=office.ed).content
    ws = load_workbook(io.BytesIO(full)).worksheets[0]
    head = [c.value for c in ws[1]]
    assert len(head) >= 27 and ws.max_row == 1 + len(office.rows)  # every column and row in the file
    setup = ws.page_setup
    assert (setup.orientation, int(setup.paperSize), int(setup.fitToHeight)) == ("landscape", 9, 0)
    assert int(setup.fitToWidth) >= 2 and setup.pageOrder == "overThenDown"  # pages side by side
    assert ws.print_title_rows == "$1:$1" and ws.print_title_cols == "$A:$A" and head[0] == "受理编号"
    assert int(load_workbook(io.BytesIO(red)).worksheets[0].page_setup.fitToWidth) == 1
    for name, content in (("batch_full", full), ("batch_public", red)):
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(content)
        pdf = _libreoffice(soffice, path, tmp_path)
        sizes, text = _pdf_facts(pdf)
        assert sizes and all(s == (297, 210) for s in sizes), sizes
        columns = [c.value for c in load_workbook(io.BytesIO(content)).worksheets[0][1]]
        printed = _printed_headers(pdf)
        assert set(columns) <= printed, [c for c in columns if c not in printed]  # every column, none cut off
        pages = text.split("\f")[:len(sizes)]
        assert all("受理编号" in p for p in pages)  # the header on every page
        if name == "batch_full":
            receipt = office.rows[0][0]
            assert sum(receipt in p for p in pages) == int(setup.fitToWidth)  # on each part of its row
            body = [(s, w) for s, w, y in _word_sizes(pdf, with_y=True) if y < 0.92]  # above the page number
            assert body and min(s for s, _ in body) >= 8 - 0.05, sorted(body)[:5]
        _pngs(pdf, f"xlsx_{name}")


def test_the_printed_callback_list_and_map_carry_no_screen_words(office, tmp_path):
    """The 回访 list printed: A4, its count and its cases, not the instruction for the screen (逐件选择回访结果后点
    “保存”…, which it carried on paper), its record column whole (未回访 was printed a character a line); the 地图
    page printed: A4, the map's notes without 衡阳综合保税区 0 件 (a
    county with neither a boundary nor cases)."""
    _tools()
    _session(office, "ed")
    html = office.get("/callbacks").text
    assert "逐件选择回访结果后点" in html  # on screen
    sizes, text = _pdf_facts(_chromium_pdf(html, tmp_path, "callbacks"))
    flat = re.sub(r"\s+", "", text)
    assert sizes and all(s == (210, 297) for s in sizes), sizes
    assert re.search(r"共\d+件。", flat) and "逐件选择回访结果" not in flat, flat[:300]
    lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
    assert any("回访记录" in line for line in lines) and any("未回访" in line for line in lines)  # not 未 / 回 / 访
    _pngs(tmp_path / "callbacks.pdf", "printed_callbacks")
    html = office.get("/map", params={"from": DAY, "to": DAY}).text
    sizes, text = _pdf_facts(_chromium_pdf(html, tmp_path, "map"))
    flat = re.sub(r"\s+", "", text)
    assert sizes and all(s == (210, 297) for s in sizes), sizes
    assert "示意图" in flat and "衡阳综合保税区" not in flat, flat[-300:]
    _pngs(tmp_path / "map.pdf", "printed_map")


def test_a_unit_stays_whole_beside_a_place_that_must_wrap():
    """The overdue list of city units whose cases name their counties (湘西土家族苗族自治州 beside
    湘西土家族苗族自治州吉首市): six columns that fit on one line each at no size down to 小五. The unit's column
    keeps its name whole (it took two lines) and the 行政区域 beside it wraps instead."""
    from docx.shared import Mm

    from petitionnlp.office.documents import CELL_MARGIN_MM, _Briefing, _text_mm

    rows = [(1, "X3HN202405010011", "湘西土家族苗族自治州", "湘西土家族苗族自治州吉首市", "2026年11月12日", "待办"),
            (2, "X3HN202405010017", "张家界市", "张家界市武陵源区", "2026年11月12日", "待办")]
    b = _Briefing()
    table = b.table(["序号", "受理编号", "责任单位", "行政区域", "办理期限", "状态"], rows, [11, 38, 30, 29, 32, 16],
                    size=10.5, left={2, 3}, wrap=set(), wrap_last={3})
    widths = [c.width / Mm(1) for c in table.rows[1].cells]
    assert abs(sum(widths) - 156) < 0.5
    for j in (1, 2, 4):  # 受理编号, the unit, the deadline: whole
        assert widths[j] >= _text_mm(rows[0][j], 10.5) + 2 * CELL_MARGIN_MM, (j, widths)
