"""A clerk's inspection day walked through again (session 49, helper w49): what the office prints of one day.

- The county map under the 专报 and on the 进度 page named a period of one day twice (2026年11月20日至2026年11月20日),
  where the 专报's own title names it once.
- The pages of a period (热点预警 on 进度 and on its own page, 地图, 重复件, 抽查复核) gave it as ISO dates, one day
  twice (交办日期 2026-11-20 至 2026-11-20), under a heading that says 交办日期 2026年11月20日.
- The printed 督办 and 回访 pages broke a date at its hyphen (2026-12- / 15, 2026-12- / 07 07:39), and the 督办 page
  a unit's name (常德市武 / 陵区)."""

import datetime as dt
import re
import shutil
import subprocess

import pytest
from fastapi.testclient import TestClient

from test_documents_render import _chromium_pdf, _pngs, _tools
from test_office_w48 import _right_edge_cut
from test_office_integrity import REPORT, table, token, upload
from test_web_lifecycle import _session

DAY = "2017-05-15"
ROWS = [["W49HN201705150001", "衡阳市雁峰区", "噪声", "衡阳市雁峰区岳屏镇某村旁的混凝土搅拌站日夜生产，货车来往噪声扰民，扬尘严重，周边居民无法开窗。"],
        ["W49HN201705150002", "衡阳市雁峰区", "大气", "衡阳市雁峰区某汽修厂露天喷漆，气味刺鼻，周边小区居民多次反映未果，要求彻底整治。"],
        ["W49HN201705150003", "衡阳市雁峰区", "水", "岳屏镇某养殖场粪污直排小河，臭气熏天。"],
        ["W49HN201705150004", "衡阳市雁峰区", "水", "衡阳市雁峰区某洗车场废水直排雨水管网。"]]
ISO_PERIOD = re.compile(r"\d{4}-\d{2}-\d{2}\s*至")
BROKEN_DATE = re.compile(r"\d{4}-(?!\d{2}-\d{2})|\d{4}-\d{2}-(?!\d{2})")


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """One unit, an editor; four cases handed over on one day: two approved, the first called back (满意), a spot
    check drawn of them, the third supervised with a new deadline, the fourth left overdue."""
    from petitionnlp.office.accounts import add_user
    from petitionnlp.office.clock import office_today
    from petitionnlp.office.units import add_unit
    from petitionnlp.web.app import create_app

    tmp = tmp_path_factory.mktemp("w49")
    app = create_app(tmp / "data", background=False)
    store = app.state.workbench.store
    add_unit(store, "衡阳市雁峰区", "湖南省/衡阳市/雁峰区")
    add_user(store, "ed", "ed-password-1", "editor", None)
    with TestClient(app) as client:
        ed = token(client, "ed")
        upload(client, ed, table(ROWS), name="第1批.csv", handover_date=DAY, reply_days="15")
        ids = sorted(p["id"] for p in client.get("/api/v1/petitions", headers=ed).json()["petitions"])
        long = {**REPORT, "findings": "经现场核查，反映问题属实，该企业夜间违规生产，周边居民反映强烈。",
                "actions": "责令停产整改，立案处罚，罚款5万元，整改完成后恢复生产。", "accountability": "约谈企业负责人1人。"}
        for pid in ids[:2]:
            assert client.post(f"/api/v1/petitions/{pid}/report", json=long, headers=ed).status_code == 200
            assert client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"},
                               headers=ed).status_code == 200
        assert client.post(f"/api/v1/petitions/{ids[0]}/callback", json={"result": "满意", "note": "群众表示噪声和扬尘已明显改善"},
                           headers=ed).status_code == 200
        sc = client.post("/api/v1/spotchecks", json={"from": DAY, "to": DAY, "rate": 1.0, "seed": 1}, headers=ed)
        assert sc.status_code == 201, sc.text
        due = (office_today() + dt.timedelta(days=20)).isoformat()
        assert client.post(f"/api/v1/petitions/{ids[2]}/supervise", json={"due_date": due, "note": "逾期未报送，请加快办理"},
                           headers=ed).status_code == 200
        client.ed, client.ids, client.spotcheck = ed, ids, sc.json()["id"]
        yield client


def test_the_map_names_a_single_day_once(office):
    """The county map (示意图) of one day — drawn into the 专报 and on the 进度 page — names the day once, as the
    专报's title does; a period of several days keeps both ends."""
    svg = office.get("/api/v1/map", params={"from": DAY, "to": DAY, "format": "svg"}, headers=office.ed).text
    assert "2017年5月15日" in svg and "2017年5月15日至" not in svg
    svg = office.get("/api/v1/map", params={"from": "2017-05-10", "to": DAY, "format": "svg"}, headers=office.ed).text
    assert "2017年5月10日至2017年5月15日" in svg


@pytest.mark.parametrize("path", ["/progress", "/alerts", "/map", "/repeats", "spotcheck", "/spotchecks"])
def test_a_pages_period_is_named_in_chinese_and_a_single_day_once(office, path):
    """Every page of a period says it as the 进度 page's heading does: 交办日期 2017年5月15日, not 2017-05-15 至
    2017-05-15 (the 热点预警 section of 进度, the 热点预警, 地图 and 重复件 pages, a spot check and the list of them)."""
    _session(office, "ed")
    url = f"/spotchecks/{office.spotcheck}" if path == "spotcheck" else path
    html = office.get(url, params={} if "spotcheck" in path else {"from": DAY, "to": DAY}).text
    assert "2017年5月15日" in re.sub(r"<[^>]+>", "", html), url  # the day as shown: 2017年<wbr>5月15日 in a cell
    found = ISO_PERIOD.search(html)
    assert not found, f"{url}: {html[found.start() - 30:found.end() + 20]!r}"


@pytest.mark.parametrize("page", ["supervision", "callbacks"])
def test_a_date_is_never_broken_on_the_printed_supervision_and_callback_pages(office, tmp_path, page):
    """The 督办 page printed (A4): the supervised cases' new deadline and the time they were supervised; the 回访 page:
    the time each case was approved and called back — each date whole on its line, not 2026-12- / 15."""
    _tools()
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        pytest.skip("PRINTED PAGES NOT TESTED: chromium missing")
    _session(office, "ed")
    html = office.get(f"/{page}", params={"show": "all"} if page == "callbacks" else {}).text
    assert "W49HN201705150003" in html if page == "supervision" else "W49HN201705150001" in html
    pdf = _chromium_pdf(html, tmp_path, page)
    _pngs(pdf, f"printed_{page}_w49")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    if page == "supervision":  # nor the unit's name in the list of supervised cases (衡阳市雁 / 峰区)
        assert "衡阳市雁峰区" in text.split("督办件")[-1], text.split("督办件")[-1]
    broken = BROKEN_DATE.search(text)
    assert not broken, f"a date broken in print: {text[max(broken.start() - 40, 0):broken.end() + 20]!r}"
    assert not _right_edge_cut(pdf), "the table is wider than the page"


def test_a_place_is_never_broken_on_the_printed_public_table(office, tmp_path):
    """The 公开表 page printed (A4 across): each case's 行政区域 whole on its line (衡阳市雁峰区, not 衡阳市雁 / 峰区,
    as the column narrowed to its header broke it); the texts still wrap."""
    _tools()
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        pytest.skip("PRINTED PAGES NOT TESTED: chromium missing")
    _session(office, "ed")
    html = office.get("/public", params={"from": DAY, "to": DAY}).text
    rows = office.get("/api/v1/public", params={"from": DAY, "to": DAY, "format": "json"},
                      headers=office.ed).json()["rows"]
    assert len(rows) == 2
    pdf = _chromium_pdf(html, tmp_path, "public")
    _pngs(pdf, "printed_public_w49")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # each text opens with its place too: two in the texts, two in the 行政区域 column
    assert text.count("衡阳市雁峰区") == 4, [line for line in text.splitlines() if "衡阳市雁" in line]


def test_a_reopened_case_is_not_exported_as_closed(tmp_path):
    """A batch's XLSX for the office: a case reopened (回访 不满意) and not yet reported again showed its first round's
    report — 办结情况 已办结 and 是否属实 beside 办理状态 办理中 — as if closed; its report columns are blank until the
    unit reports the new round, as the case's page says (本轮尚未报送). A case in its first round keeps its report."""
    import io

    from openpyxl import load_workbook

    from petitionnlp.office.accounts import add_user
    from petitionnlp.office.units import add_unit
    from petitionnlp.web.app import create_app

    app = create_app(tmp_path / "data", background=False)
    add_unit(app.state.workbench.store, "衡阳市雁峰区", "湖南省/衡阳市/雁峰区")
    add_user(app.state.workbench.store, "ed", "ed-password-1", "editor", None)
    with TestClient(app) as client:
        ed = token(client, "ed")
        batch = upload(client, ed, table(ROWS[:2]), handover_date=DAY, reply_days="15")["batch_id"]
        ids = sorted(p["id"] for p in client.get("/api/v1/petitions", headers=ed).json()["petitions"])
        for pid in ids:
            assert client.post(f"/api/v1/petitions/{pid}/report", json=REPORT, headers=ed).status_code == 200
            assert client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"},
                               headers=ed).status_code == 200
        assert client.post(f"/api/v1/petitions/{ids[1]}/callback", json={"result": "不满意", "note": "仍在喷漆"},
                           headers=ed).json()["status"] == "办理中"
        ws = load_workbook(io.BytesIO(client.get(f"/api/v1/batches/{batch}/export.xlsx", headers=ed).content)).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    head = rows[0]
    got = {r[head.index("受理编号")]: r for r in rows[1:]}
    first, reopened = got["W49HN201705150001"], got["W49HN201705150002"]
    assert first[head.index("办结情况")] == "已办结" and first[head.index("是否属实")] == "属实"
    assert reopened[head.index("办理状态")] == "办理中"
    assert reopened[head.index("办结情况")] in (None, "") and reopened[head.index("是否属实")] in (None, ""), reopened
