"""The days a clerk reads beside a case's history are written as the history writes them (c53's walk after w53):
the 审计 page's details (办理期限：2026-11-12 → 2026-12-27, 起始日期：2026-10-28, 交办 … 办理期限：2026-11-23) and the
notice refusing a past deadline (新的办理期限不能早于今天（2026-12-07），收到的是：2020-01-02)."""
import datetime as dt
import re

from petitionnlp.dates import chinese_date
from petitionnlp.office.clock import office_today
from test_office_integrity import cases, client, login, token, upload  # noqa: F401 — client
from test_office_repeats import office  # noqa: F401 — the repeats fixture
from test_print_w53 import clerk_office, county_office  # noqa: F401 — the walk's office

ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def test_a_detail_writes_its_days_in_chinese():
    from petitionnlp.office.labels import detail_items

    got = dict(detail_items({"due_date": {"old": "2026-11-12", "new": "2026-12-27"}, "from": "2026-10-28",
                             "note": "请于期限内整改到位并报送"}))
    assert got == {"办理期限": "2026年11月12日 → 2026年12月27日", "起始日期": "2026年10月28日",
                   "说明": "请于期限内整改到位并报送"}, got


def test_the_audit_page_and_a_refused_deadline_say_their_days_in_chinese(client):
    ed = token(client, "ed")
    upload(client, ed, handover_date="2024-05-15", reply_days="15")
    pid = cases(client, ed)["C-01"]["id"]
    later = (office_today() + dt.timedelta(days=20)).isoformat()
    r = client.post(f"/api/v1/petitions/{pid}/supervise", json={"due_date": later, "note": "按期报送"}, headers=ed)
    assert r.status_code == 200, r.text
    past = client.post(f"/api/v1/petitions/{pid}/supervise", json={"due_date": "2020-01-02", "note": "x"}, headers=ed)
    assert past.status_code == 422
    assert f"不能早于今天（{chinese_date(office_today())}），收到的是：2020年1月2日" in past.json()["error"], past.text
    login(client, "admin")
    page = client.get("/audit").text
    shown = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page, flags=re.S))
    assert ISO_DAY.findall(shown) == [], ISO_DAY.findall(shown)[:5]
    assert f"→ {chinese_date(later)}" in shown


def test_the_repeats_and_alerts_pages_say_their_days_in_chinese(office):
    """重复举报 (首次/最近) and 热点预警 (起始) showed 2024-05-06 beside every other page's 2024年5月6日."""
    from test_office_repeats import FACTORY, _login, all_cases, as_user

    client, _ = office
    group = [c for c in all_cases(client, token(client, "ed")) if c["text"] == FACTORY[0]][0]["repeat_group"]
    as_user(client, _login(client, "ed"))
    for path in ("/repeats", f"/repeats/{group}", "/alerts", "/progress"):
        page = client.get(path)
        assert page.status_code == 200, path
        shown = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page.text, flags=re.S))
        assert ISO_DAY.findall(shown) == [], (path, ISO_DAY.findall(shown)[:5])
        assert re.search(r"\d{4}年\s*\d{1,2}月\d{1,2}日", shown), path


def test_the_printed_spotcheck_list_breaks_its_period_after_the_year_only(clerk_office, tmp_path):
    """The 抽查复核 list printed (Chromium, A4): its 交办日期 column printed 2026年 / 10月28 / 日 (the period as plain
    words); now 2026年 / 10月28日, as every other day on a page, or the day whole on one line."""
    from test_documents_render import _chromium_pdf, _pngs, _session, _tools
    from test_print_w53 import _lines

    _tools()
    o = clerk_office
    _session(o, "ed")
    pdf = _chromium_pdf(o.get("/spotchecks").text, tmp_path, "spotchecks")
    _pngs(pdf, "c53_spotchecks")
    lines = [line for line in _lines(pdf) if line]
    cut = [line for line in lines if re.search(r"\d月\d{1,2}$", line) or line == "日"]
    assert not cut, (cut, lines[:40])
    # the day whole: broken after its year (10月28日 on a line of its own), or on one line where the column is wide
    # enough (w54's printed lists: names break between their parts, so the 交办日期 column keeps 2026年10月28日 whole)
    assert any(re.fullmatch(r"\d{1,2}月\d{1,2}日", line) or re.search(r"\d{4}年\d{1,2}月\d{1,2}日", line)
               for line in lines), lines[:40]
