"""A clerk's inspection day walked through (session 48, helper w48): what the office publishes and prints.

- A complainant's home given in brackets after 住 (举报人刘芳（住…幸福小区3栋502室）) was published in the 公开表 and
  shown to viewers: the door and room numbers are hidden as after ，住.
- The 抽查复核 and 审核 pages printed: the report of each case squeezed into a column four characters wide, and the
  table wider than the page (its last column cut at the margin).
- An editor's queue printed: a column of eight check boxes a row, the place in input boxes, the 保存本行 buttons, and
  the 状态 column cut at the margin.
- A derived 受理编号 (D2HN202405150001-2) wrapped across two lines in the 公开表 and a batch's XLSX.
- The 简报与期限 page printed with its paste-and-upload form, the browser's English on it (No file chosen)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from test_documents_render import _chromium_pdf, _pngs, _tools
from test_office_integrity import REPORT, table, token, upload
from test_web_lifecycle import _session

from petitionnlp.pii import redact_text

DAY = "2017-05-15"
FLAT = "3栋502室"


@pytest.mark.parametrize("text,kept", [
    ("衡阳市雁峰区某KTV噪声扰民至凌晨三点，举报人刘芳（住雁峰区白沙洲街道幸福小区3栋502室）。", "幸福小区【住址】"),
    ("来电人（住幸福小区3栋2单元501）反映楼下餐馆油烟", "幸福小区【住址】"),
    ("来电人(住幸福小区3栋2单元501)反映楼下餐馆油烟", "幸福小区【住址】"),
])
def test_a_home_in_brackets_after_zhu_is_hidden(text, kept):
    """（住…）after a complainant is where he lives, as ，住… is: the door and room numbers hidden, the estate kept."""
    out = redact_text(text)[0]
    assert kept in out and "502" not in out and "501" not in out, out


def test_a_building_without_a_home_word_stays_beside_brackets():
    text = "某小区（东区）5栋楼下烧烤店油烟扰民，住户反映多次"
    assert redact_text(text)[0] == text


ROWS = [["W48HN201705150001", "衡阳市雁峰区", "噪声", f"衡阳市雁峰区某KTV噪声扰民至凌晨三点，举报人刘芳（住雁峰区白沙洲街道幸福小区{FLAT}）。"],
        ["W48HN201705150002", "衡阳市雁峰区", "大气", "衡阳市雁峰区某汽修厂露天喷漆，气味刺鼻。"],
        ["W48HN201705150003", "衡阳市雁峰区", "水", "衡阳市雁峰区某养殖场粪污直排小河。"]]


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """One unit, an editor and a viewer; three cases handed over on one day, reported and approved; a spot check of
    all three, the third's failed (reopened), reported again and waiting for review."""
    from petitionnlp.office.accounts import add_user
    from petitionnlp.office.units import add_unit
    from petitionnlp.web.app import create_app

    tmp = tmp_path_factory.mktemp("w48")
    app = create_app(tmp / "data", background=False)
    store = app.state.workbench.store
    add_unit(store, "衡阳市雁峰区", "湖南省/衡阳市/雁峰区")
    add_user(store, "ed", "ed-password-1", "editor", None)
    add_user(store, "vi", "vi-password-1", "viewer", None)
    long = {**REPORT, "findings": "经现场核查，反映问题属实，该企业夜间违规生产。", "actions": "责令停产整改，立案处罚。"}
    with TestClient(app) as client:
        ed = token(client, "ed")
        upload(client, ed, table(ROWS), name="第1批.csv", handover_date=DAY, reply_days="15")
        ids = sorted(p["id"] for p in client.get("/api/v1/petitions", headers=ed).json()["petitions"])
        for pid in ids:
            assert client.post(f"/api/v1/petitions/{pid}/report", json=long, headers=ed).status_code == 200
            assert client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"},
                               headers=ed).status_code == 200
        sc = client.post("/api/v1/spotchecks", json={"from": DAY, "to": DAY, "rate": 1.0, "seed": 1}, headers=ed).json()
        again = ids[-1]  # the third fails its check; the first stays in the 公开表
        for pid in sc["petitions"]:
            client.post(f"/api/v1/spotchecks/{sc['id']}/items/{pid}",
                        json={"passed": pid != again, "note": "复核发现整改不到位" if pid == again else "复核通过"},
                        headers=ed)
        assert client.post(f"/api/v1/petitions/{again}/report", json=long, headers=ed).status_code == 200
        client.ed, client.vi, client.ids, client.spotcheck = ed, token(client, "vi"), ids, sc["id"]
        yield client


def test_the_public_table_and_the_viewer_hide_a_home_in_brackets(office):
    """The 公开表 (JSON and XLSX page) and a viewer's case list: the flat given in （住…） is not there."""
    rows = office.get("/api/v1/public", params={"from": DAY, "to": DAY, "format": "json"},
                      headers=office.ed).json()["rows"]
    first = [r for r in rows if r["受理编号"] == "W48HN201705150001"]
    assert first and FLAT not in first[0]["交办问题基本情况"] and "幸福小区" in first[0]["交办问题基本情况"]
    seen = office.get("/api/v1/petitions", headers=office.vi).json()["petitions"]
    assert not [p for p in seen if FLAT in (p.get("text") or "")]


def _right_edge_cut(pdf: Path) -> list[int]:
    """The pages whose table runs past the printed width: the header row's shading (#edf1f7) runs into the page's
    margin with no border closing it (a table that fits ends with its border)."""
    from PIL import Image

    out = Path(str(pdf) + "-edge")
    subprocess.run(["pdftoppm", "-png", "-r", "100", str(pdf), str(out)], check=True, timeout=300)
    cut = []
    for k, png in enumerate(sorted(out.parent.glob(out.name + "-*.png")), 1):
        im = Image.open(png).convert("RGB")
        px = im.load()
        for y in range(0, im.height, 2):
            shaded = [x for x in range(im.width) if all(abs(a - b) < 4 for a, b in zip(px[x, y], (237, 241, 247)))]
            if len(shaded) > im.width // 5:
                last = shaded[-1]
                if last + 1 < im.width and min(px[last + 1, y]) > 246:
                    cut.append(k)
                break
    return cut


@pytest.mark.parametrize("page", ["spotcheck", "review"])
def test_the_reports_in_a_printed_list_are_readable_and_the_table_fits(office, tmp_path, page):
    """The 抽查复核 and 审核 pages printed (A4): each report's findings on lines of a readable width (经现场核查，反映问题属实
    whole on one line, not four characters a line) and the table within the page (its last column not cut)."""
    _tools()
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        pytest.skip("PRINTED PAGES NOT TESTED: chromium missing")
    _session(office, "ed")
    url = f"/spotchecks/{office.spotcheck}" if page == "spotcheck" else "/review"
    html = office.get(url).text
    assert "经现场核查" in html
    pdf = _chromium_pdf(html, tmp_path, page)
    _pngs(pdf, f"printed_{page}_w48")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "经现场核查，反映问题" in text, "a report squeezed into a narrow column"
    assert "衡阳市雁峰区" in text  # a unit's name never broken, nor a date:
    broken = re.search(r"\d{4}-(?!\d{2}-\d{2})|\d{4}-\d{2}-(?!\d{2})", text)
    assert not broken, f"a date broken in print: {text[broken.start() - 40:broken.end() + 20]!r}"
    assert not _right_edge_cut(pdf), "the table is wider than the page"


def test_an_editors_printed_queue_shows_values_not_form_fields_and_fits(office, tmp_path):
    """A batch's queue printed by an editor: the types and the place as text (no check boxes, input boxes or 保存本行
    buttons on paper), every column within the page."""
    _tools()
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        pytest.skip("PRINTED PAGES NOT TESTED: chromium missing")
    _session(office, "ed")
    batch = office.get("/api/v1/batches", headers=office.ed).json()["batches"][0]["batch_id"]
    html = office.get(f"/batches/{batch}").text
    pdf = _chromium_pdf(html, tmp_path, "queue")
    _pngs(pdf, "printed_queue_w48")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert "保存" not in flat
    assert "海洋" not in flat and "辐射" not in flat  # the eight types' check boxes are not printed, only the case's
    assert "雁峰区" in flat and "已办结" in flat
    assert not _right_edge_cut(pdf), "the table is wider than the page"


def test_a_long_receipt_is_never_broken_in_a_written_table():
    """A derived 受理编号 (D2HN202405150001-2, 18 characters) in the 公开表 (its column given 18) and in a queue's
    export (given 17) was wrapped across two lines on paper: a short value — a code, a unit's name — makes its column
    as wide as it needs; long texts still wrap at the width given."""
    import io

    from openpyxl import load_workbook

    from petitionnlp.io import write_table_xlsx
    from petitionnlp.office.documents import PUBLIC_COLUMNS, public_xlsx

    long_text = "某化工厂夜间偷排废水，河水发黑发臭，鱼虾死亡，周边居民多次反映未果。" * 3
    rows = [{c: "" for c in PUBLIC_COLUMNS} | {"序号": 1, "受理编号": "D2HN202405150001-2", "交办问题基本情况": long_text}]
    ws = load_workbook(io.BytesIO(public_xlsx(rows, "湖南省群众信访举报件办理情况公开表", "2017年5月15日"))).worksheets[0]
    head = [c.value for c in ws[3]]
    receipt, text = head.index("受理编号") + 1, head.index("交办问题基本情况") + 1
    letter = ws.cell(row=4, column=receipt).column_letter
    assert ws.column_dimensions[letter].width >= 19 and not ws.cell(row=4, column=receipt).alignment.wrap_text
    assert ws.column_dimensions[ws.cell(row=4, column=text).column_letter].width == 40  # the text wraps as before
    data = write_table_xlsx(None, [{"受理编号": "D2HN202405150001-2", "责任单位": "怀化市通道侗族自治县"}],
                            ["受理编号", "责任单位"], widths={"受理编号": 17, "责任单位": 14})
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    assert ws.column_dimensions["A"].width >= 19 and ws.column_dimensions["B"].width >= 21
    assert not ws["A2"].alignment.wrap_text and not ws["B2"].alignment.wrap_text


def test_the_printed_briefings_page_carries_no_form(office, tmp_path):
    """The 简报与期限 page printed: its deadlines and tasks, not the paste-and-upload form (whose file and date boxes
    the browser labels in English: Choose File, No file chosen, mm/dd/yyyy)."""
    from test_documents_render import _english

    _tools()
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        pytest.skip("PRINTED PAGES NOT TESTED: chromium missing")
    _session(office, "ed")
    pdf = _chromium_pdf(office.get("/briefings").text, tmp_path, "briefings")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "期限" in text and "粘贴正文" not in text
    assert not _english(text), _english(text)
