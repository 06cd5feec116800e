"""Issue 26, the workbench's half (CONTRACT.md "Outputs fit to print and publish"): every page a clerk can open —
each GET page route of the app, as admin, editor, viewer and unit handler — the error pages (403, 404, 405, 409,
413, 422) and the notices after actions, read for English words; the audit page and API in Chinese; reply days as
working days on the page; briefings (CRLF, standing tasks marked by a clerk, 第N期); lists (official order, headers
over their columns, bulk return, 0 new rows); the search page's notices; a planted person never read by a viewer or
another unit.  In-process over a real data folder made with the command line."""

import csv
import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from conftest import ROOT, run_cli

SAMPLE = ROOT / "corpora" / "samples" / "petitions_sample.csv"
SEED = ROOT / "corpora" / "samples" / "briefing_hunan_2017_15.txt"
# the accounts, named as an office might (Chinese user names are data, not words of the interface)
USERS = {"admin": "管理丙", "editor": "编辑甲", "viewer": "查看乙", "unit": "衡阳经办"}
OTHER_UNIT = "岳阳经办"
NAME, PHONE, ID_NUMBER = "张建国", "13807341234", "43010419800101332X"
PLANTED = (NAME, PHONE, ID_NUMBER)
# a request's address as a server sees it (the test client's default, "testclient", is no address a page shows)
LOCAL = ("127.0.0.1", 50000)

# what may stay in Latin letters on a page: file formats and encodings, units, the name of a standard
ALLOWED = {"CSV", "TSV", "XLSX", "XLS", "JSONL", "JSON", "TXT", "PDF", "PNG", "SVG", "DOCX", "UTF", "GBK", "GB",
           "MB", "KB", "mm", "km", "OpenAPI", "Word", "Excel", "WPS"}
WORD = re.compile(r"(?<![A-Za-z0-9_./@\\])[A-Za-z][A-Za-z]+(?![A-Za-z0-9_])")
SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")


class _Visible(HTMLParser):
    """The text a person reads on a page: text nodes (not inside script, style, or code — a command, a path or a
    field name shown as it is typed), the title, and the attributes a browser shows (placeholder, tooltip, the
    words a screen reader says, a button's value)."""

    SKIP = {"script", "style", "code", "kbd"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1
        a = dict(attrs)
        self.parts += [a[k] for k in SHOWN_ATTRIBUTES if a.get(k)]
        if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
            self.parts.append(a["value"])

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def visible(page: str) -> str:
    p = _Visible()
    p.feed(page)
    return " ".join(p.parts)


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")  # an address quoted in a document is data, not a word


def english(page: str) -> list[str]:
    """The English words a person would read on this page."""
    return sorted({w for w in WORD.findall(EMAIL.sub(" ", visible(page))) if w not in ALLOWED})


def assert_chinese(page: str, where: str) -> None:
    words = english(page)
    assert not words, f"{where}: English on the page: {words}"


def _cli_ok(*args, stdin=None):
    code, out, err = run_cli(*args, stdin=stdin)
    assert code == 0, err
    return out, err


def _password(name: str) -> str:
    return f"{name}-password-1"


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    data = tmp_path_factory.mktemp("chinese") / "data"
    _cli_ok("unit", "add", "衡阳市雁峰区", "--region", "湖南省/衡阳市/雁峰区", "--data", data)
    _cli_ok("unit", "add", "岳阳市", "--region", "湖南省/岳阳市", "--data", data)
    for role, name in USERS.items():
        unit = ["--unit", "衡阳市雁峰区"] if role == "unit" else []
        _cli_ok("user", "add", name, "--role", role, *unit, "--data", data, stdin=f"{_password(name)}\n".encode())
    _cli_ok("user", "add", OTHER_UNIT, "--role", "unit", "--unit", "岳阳市", "--data", data,
            stdin=f"{_password(OTHER_UNIT)}\n".encode())
    return data


class Clerk:
    """A person at the pages: a logged-in session of the test client, its CSRF token, and a way to post a form
    and read the notice it comes back with."""

    def __init__(self, app, name: str):
        self.client = TestClient(app, headers={"accept": "text/html"}, client=LOCAL)
        self.client.__enter__()
        login = self.client.get("/login")
        csrf = login.text.split('name="csrf_token" value="')[1].split('"')[0]
        r = self.client.post("/login", data={"username": name, "password": _password(name), "csrf_token": csrf},
                             follow_redirects=False)
        assert r.status_code == 303, r.text
        self.start = r.headers["location"]
        self.csrf = self.client.get(self.start).text.split('name="csrf_token" value="')[1].split('"')[0]

    def get(self, path: str, **kw):
        return self.client.get(path, **kw)

    def post(self, path: str, data: dict | None = None, files=None):
        """The page the form comes back to (its notice on it)."""
        return self.client.post(path, data={"csrf_token": self.csrf, **(data or {})}, files=files)

    def close(self):
        self.client.__exit__(None, None, None)


def _api(client, name):
    r = client.post("/api/v1/token", data={"username": name, "password": _password(name)})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def notice(page) -> str:
    got = re.findall(r'<p class="notice[^"]*"[^>]*>(.*?)</p>', page.text, flags=re.S)
    return " ".join(got)


def _running_briefing(today: dt.date) -> str:
    """A briefing of this week (its inspection running through the month), with a complainant named in it."""
    day = today - dt.timedelta(days=2)
    end = day + dt.timedelta(days=28)
    return (f"湖南省生态环境保护督察\n工作简报\n第20期\n湖南省生态环境保护督察办公室        {day.year}年{day.month}月{day.day}日\n\n"
            f"督察期间（{day.year}年{day.month}月{day.day}日至{end.year}年{end.month}月{end.day}日），"
            f"群众{NAME}（电话{PHONE}，身份证号{ID_NUMBER}）反映某化工厂夜间偷排废水。\n"
            f"会议要求，各市州要加强对群众{NAME}举报问题办理情况的调度，及时收集汇总情况，每3天报告一次进展情况。\n")


@pytest.fixture(scope="module")
def day(office):
    """A day at the office, done through the pages and the API; what it made (ids) and the notices it showed."""
    from petitionnlp.office.clock import office_today
    from petitionnlp.web.app import create_app

    app = create_app(office, background=False)
    api = TestClient(app, client=LOCAL)
    api.__enter__()
    ed_api = _api(api, USERS["editor"])
    ed = Clerk(app, USERS["editor"])
    shown: dict[str, str] = {}  # what a notice said, by the action that showed it

    # the day's table, with its hand-over date and 15 reply days (working days)
    r = api.post("/api/v1/batches", files={"file": ("交办表.csv", SAMPLE.read_bytes())},
                 data={"handover_date": "2024-05-15", "reply_days": "15"}, headers=ed_api)
    assert r.status_code == 201, r.text
    sample = r.json()["batch_id"]
    cases = {p["receipt_id"]: p for p in api.get("/api/v1/petitions", params={"batch_id": sample},
                                                 headers=ed_api).json()["petitions"]}
    # a second table: title rows above the header, a planted complainant, cases of several provinces
    rows = [["湖南省环境保护督察组交办信访件（第3批）  交办时间：2024年6月3日"], [],
            ["受理编号", "行政区域", "交办问题基本情况"],
            ["P-1", "岳阳市", f"岳阳市平江县某采石场粉尘污染严重，举报人{NAME}，电话{PHONE}，身份证{ID_NUMBER}"],
            ["P-2", "内江市", "四川省内江市市中区某养猪场臭味扰民，垃圾随意堆放"],
            ["P-3", "十堰市", "湖北省十堰市张湾区某搅拌站夜间噪声扰民"],
            ["P-4", "南昌市", "江西省南昌市青山湖区某餐馆油烟直排"],
            ["P-5", "长沙市", "湖南省长沙市岳麓区某小区旁垃圾堆放发臭"]]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    page = ed.post("/batches", {"reply_days": "10"},
                   files={"file": ("第3批交办表.csv", buf.getvalue().encode("utf-8"))})
    assert page.status_code == 200
    second = int(re.search(r"/batches/(\d+)", str(page.url)).group(1))
    shown["upload"] = notice(page)
    planted = {p["receipt_id"]: p for p in api.get("/api/v1/petitions", params={"batch_id": second},
                                                   headers=ed_api).json()["petitions"]}
    # the same table again: nothing new
    again = api.post("/api/v1/batches", files={"file": ("交办表（重传）.csv", SAMPLE.read_bytes())},
                     data={"handover_date": "2024-05-15"}, headers=ed_api).json()["batch_id"]
    # a PDF where a table was expected
    page = ed.post("/batches", {}, files={"file": ("交办表.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")})
    refused = int(re.search(r"/batches/(\d+)", str(page.url)).group(1))
    shown["pdf"] = page.text
    # briefings: the 2017 seed pasted as a browser sends it (CRLF), and one of this week with a standing task
    seed = SEED.read_text(encoding="utf-8")
    page = ed.post("/briefings", {"text": seed.replace("\n", "\r\n")})
    old_briefing = int(str(page.url).rstrip("/").rsplit("/", 1)[1])
    today = office_today()
    page = ed.post("/briefings", {"text": _running_briefing(today)})
    briefing = int(str(page.url).rstrip("/").rsplit("/", 1)[1])
    deadlines = api.get("/api/v1/deadlines", headers=ed_api).json()
    task = next(d for d in deadlines["standing"] if d["briefing_id"] == briefing)
    page = ed.post(f"/briefings/{briefing}/tasks/{task['task']}", {"mark": "done", "day": task["next_due"]})
    shown["mark"] = notice(page)
    # the lifecycle: a unit reports, the office returns one in bulk (with a reason) and approves another
    hy = Clerk(app, USERS["unit"])
    first, fifth = cases["D2HN202405150001"], cases["D2HN202405150005"]
    ed.post("/cases/bulk", {"action": "assign", "unit": "衡阳市雁峰区", "ids": str(fifth["id"])})
    for case in (first, fifth):
        page = hy.post(f"/cases/{case['id']}/report", {"verified": "属实", "findings": "经现场核查，情况属实。",
                                                       "closure": "已办结", "next": "/cases"})
        shown.setdefault("report", notice(page))
    page = hy.post(f"/cases/{first['id']}/report", {"verified": "属实", "findings": "再报一次", "closure": "已办结"})
    shown["conflict"] = notice(page)  # a second report while one waits for review: the office's 409
    page = ed.post("/cases/bulk", {"action": "return", "ids": str(fifth["id"]), "next": "/review"})
    shown["bulk return without a reason"] = notice(page)
    page = ed.post("/cases/bulk", {"action": "return", "reason": "未写明整改时限", "ids": str(fifth["id"]),
                                   "next": "/review"})
    shown["bulk return"] = notice(page)
    page = ed.post("/cases/bulk", {"action": "approve", "ids": str(first["id"]), "next": "/review"})
    shown["bulk approve"] = notice(page)
    third = cases["D2HN202405150003"]
    page = ed.post(f"/cases/{third['id']}/step", {"step": "accept", "version": "99", "next": f"/cases/{third['id']}"})
    shown["stale"] = notice(page)
    page = ed.post(f"/cases/{third['id']}/step", {"step": "reject", "reason": "不属于生态环境部门职责",
                                                  "next": f"/cases/{third['id']}"})
    shown["reject"] = notice(page)
    page = ed.post(f"/cases/{third['id']}/step", {"step": "reopen", "reason": "群众再次反映",
                                                  "next": f"/cases/{third['id']}"})
    shown["reopen"] = notice(page)
    page = ed.post(f"/petitions/{cases['X2HN202405150004']['id']}",
                   {"pollution_types": ["水", "土壤"], "next": f"/batches/{sample}"})
    shown["correct"] = notice(page)
    page = ed.post(f"/petitions/{cases['X2HN202405150004']['id']}",
                   {"region": "湖南省/没有这个市", "next": f"/batches/{sample}"})
    shown["unknown place"] = notice(page)
    page = ed.post(f"/batches/{sample}/dates", {"handover_date": "2024-05-15", "reply_days": "15"})
    shown["redate"] = notice(page)
    page = ed.post(f"/batches/{again}/withdraw", {"reason": "误传了同一张表"})
    shown["withdraw"] = notice(page)
    for path in (f"/batches/{sample}/download.xlsx", "/progress/report.docx", "/public.xlsx"):
        assert ed.get(path).status_code == 200  # handed out: each an audit event
    assert api.post("/api/v1/token", data={"username": USERS["viewer"], "password": "wrong"}).status_code == 401
    ids = {"batch_id": sample, "petition_id": first["id"], "briefing_id": briefing, "version_id": 1,
           "task_id": task["task"]}
    yield {"app": app, "api": api, "ids": ids, "shown": shown, "cases": cases, "planted": planted,
           "second": second, "again": again, "refused": refused, "briefing": briefing, "old_briefing": old_briefing,
           "task": task, "ed": ed, "hy": hy}
    ed.close()
    hy.close()
    api.__exit__(None, None, None)


def _page_paths(app, ids: dict) -> list[str]:
    """Every GET page of the app (the pages router, the API's documentation page), its path parameters filled
    with records that exist; file downloads left out (they are documents, checked by their own tests)."""
    out = []
    routes = []
    for route in app.routes:  # the app's own, and those of the routers it includes (however FastAPI wraps them)
        inner = getattr(route, "original_router", None) or getattr(route, "router", None)
        routes += list(getattr(inner, "routes", None) or ([] if inner else [route])) if inner else [route]
    for route in routes:
        path = getattr(route, "path", "")
        if "GET" not in (getattr(route, "methods", None) or ()) or path.startswith(("/api/", "/static")) \
                or path in ("/openapi.json", "/healthz") or re.search(r"\.(xlsx|docx|png|svg|csv)$", path):
            continue
        out.append(re.sub(r"\{(\w+)\}", lambda m: str(ids.get(m.group(1), 1)), path))
    return sorted(set(out))


@pytest.mark.parametrize("role", ["admin", "editor", "viewer", "unit"])
def test_every_page_of_every_role_speaks_chinese(day, role):
    clerk = Clerk(day["app"], USERS[role])
    try:
        paths = _page_paths(day["app"], day["ids"])
        assert {"/batches", "/cases", "/review", "/progress", "/public", "/stats", "/briefings", "/search",
                "/models", "/audit", "/docs", "/login"} <= set(paths)
        extra = [f"/batches/{day['second']}", f"/batches/{day['refused']}", f"/batches/{day['again']}",
                 f"/briefings/{day['old_briefing']}", "/search?q=垃圾焚烧", "/search?q=噪音扰民",
                 f"/cases/{day['cases']['D2HN202405150003']['id']}", f"/cases?status=退回",
                 "/stats?level=county", "/progress?from=2024-05-15&to=2024-05-15"]
        seen, opened = 0, set()
        for path in paths + extra:
            page = clerk.get(path)
            assert page.status_code in (200, 403, 404), (role, path, page.status_code)
            if page.status_code == 200:
                opened.add(path)
            assert "text/html" in page.headers["content-type"], (role, path)
            assert_chinese(page.text, f"{role} {path}")
            if role in ("viewer", "unit"):  # a viewer reads no person; a unit no other unit's case
                for secret in PLANTED:
                    assert secret not in page.text, (role, path, secret)
            seen += page.status_code == 200
        assert seen >= (4 if role == "unit" else 12)
        # a record that is not there: the 404 page, in Chinese, with a way back this user may open
        for path in [p for p in paths if re.search(r"/\d+", p) and p in opened]:
            missing = re.sub(r"/\d+", "/999999", path, count=1)
            page = clerk.get(missing, headers={"referer": "http://testserver" + missing})
            assert page.status_code == 404, (role, missing)
            assert_chinese(page.text, f"{role} {missing}")
            home = re.search(r'<a href="([^"]+)" id="home">', page.text).group(1)
            assert clerk.get(home).status_code == 200, (role, home)
            assert 'id="back"' not in page.text  # the page that failed is no way back
    finally:
        clerk.close()


def test_the_error_pages_say_it_once_in_chinese(day):
    viewer = Clerk(day["app"], USERS["viewer"])
    unit = Clerk(day["app"], USERS["unit"])
    try:
        page = viewer.get("/progress", headers={"referer": "http://testserver/batches"})
        assert page.status_code == 403
        assert_chinese(page.text, "403")
        message = re.search(r'<p id="error-message">(.*?)</p>', page.text).group(1)
        assert message == "查看者无权执行此操作" and page.text.count(message) == 1
        back = re.search(r'<a href="([^"]+)" id="back">', page.text).group(1)
        assert back == "/batches" and viewer.get(back).status_code == 200
        page = unit.get("/batches", headers={"referer": "http://testserver/cases"})
        assert page.status_code == 403 and "属地经办人无权执行此操作" in page.text
        home = re.search(r'<a href="([^"]+)" id="home">', page.text).group(1)
        assert home == "/cases" and unit.get(home).status_code == 200  # not 回到批次, which it may not open
        for path, status in (("/batches/abc", 422), ("/cases/999999", 404), ("/logout", 405)):
            page = viewer.get(path)
            assert page.status_code == status, (path, page.status_code)
            assert_chinese(page.text, path)
        # the office's refusal in its words, without the maintainers' code (the API keeps it: [O100] …)
        page = viewer.get("/cases/999999")
        assert re.search(r'<p id="error-message">(.*?)</p>', page.text).group(1) == "没有这件信访件"
        big = viewer.post("/briefings", {"text": "简" * (5 << 20)})  # refused by role before its body is read
        assert big.status_code == 403 and "查看者无权上传" in big.text
        assert_chinese(big.text, "403 upload")
        big = day["ed"].post("/briefings", {"text": "简" * (5 << 20)})
        assert big.status_code == 413 and "请求过大" in big.text
        assert_chinese(big.text, "413")
        page = viewer.post("/cases/bulk", {"action": "approve", "ids": "1"})
        assert page.status_code == 403
        assert_chinese(page.text, "403 form")
    finally:
        viewer.close()
        unit.close()


def test_notices_after_actions_are_chinese(day):
    shown = day["shown"]
    for action, text in shown.items():
        assert text, action
        assert_chinese(text if text.startswith("<") else f"<p>{text}</p>", action)
        # a clerk reads the words; the maintainers' codes ([O300], [E005]) stay in the API
        assert not re.search(r"\[[EO]\d{3}\]", text), (action, re.search(r".{0,40}\[[EO]\d{3}\].{0,40}", text).group(0))
    # the clerk's own file named, not the server's copy
    assert "第3批交办表.csv" in shown["upload"] and "upload" not in shown["upload"]
    assert "表头上方的 1 行标题未作为数据读取" in shown["upload"] and "10个工作日" in shown["upload"]
    assert "不能直接读取" in shown["pdf"] and "PDF" in shown["pdf"] and "交办表.pdf" in shown["pdf"]
    # a file that could not be read offers no filters, downloads or hand-over of rows it does not have
    assert 'id="bulk"' not in shown["pdf"] and 'id="download"' not in shown["pdf"] and 'id="f-q"' not in shown["pdf"]
    assert "当前状态" in shown["conflict"] and "可做" in shown["conflict"]
    assert "此件已被他人修改" in shown["stale"]
    assert "：退回须写明理由" in shown["bulk return without a reason"]
    assert shown["bulk return"] == "已退回 1 件" and shown["bulk approve"] == "已审核通过 1 件"
    assert "地名库中没有" in shown["unknown place"] and "可选" in shown["unknown place"]
    assert "回复期限 15个工作日" in shown["redate"]
    assert shown["mark"].startswith("已记下：") and "下一个报告日" in shown["mark"]


def test_the_api_speaks_chinese_beside_its_codes(day):
    api = day["api"]
    ed, vi, hy = (_api(api, USERS[r]) for r in ("editor", "viewer", "unit"))
    errors = [api.get("/api/v1/audit", headers=vi), api.get("/api/v1/audit"), api.get("/api/v1/petitions/999999",
                                                                                          headers=ed),
              api.post(f"/api/v1/petitions/{day['cases']['D2HN202405150001']['id']}/report",
                       json={"verified": "属实"}, headers=ed),
              api.post(f"/api/v1/petitions/{day['cases']['D2HN202405150002']['id']}/review",
                       json={"decision": "approve"}, headers=ed),
              api.post("/api/v1/batches", files={"file": ("交办表.pdf", b"%PDF-1.4 ...")}, headers=ed)]
    assert [r.status_code for r in errors] == [403, 401, 404, 409, 409, 422]
    for r in errors:
        assert_chinese(f"<p>{r.json()['error']}</p>", r.request.url.path)
    assert errors[3].json()["error"].startswith("[O300] D2HN202405150001：当前状态 已办结 不能报送")  # approved above
    missing = api.post(f"/api/v1/petitions/{day['cases']['D2HN202405150006']['id']}/report",
                       json={"verified": "属实", "closure": "已办结"}, headers=ed)
    assert missing.status_code == 422 and missing.json() == {"error": "[O200] 缺少调查核实情况", "field": "findings"}
    # the audit log: codes for programs, a Chinese label beside each
    admin = _api(api, USERS["admin"])
    events = api.get("/api/v1/audit", headers=admin).json()["events"]
    labels = {e["action"]: e["label"] for e in events if e["target"]}
    assert labels["report"] == "报送办理情况" and labels["return"] == "退回" and labels["upload"] == "上传交办表"
    assert labels["briefing_task"] == "标记简报中的常态任务" and labels["user_added"] == "新建用户"
    assert {e["label"] for e in events if e["action"] == "report" and not (e["target"] or "").startswith(
        "petition:")} <= {"生成专报", "印发专报"}  # a unit's report on a case is 报送办理情况
    assert {e["label"] for e in events if e["action"] == "report" and (e["target"] or "").startswith("report:")} == {
        "印发专报"}  # a 专报 issued as a document, numbered (第N期)
    assert all(re.search(r"[\u4e00-\u9fff]", e["label"]) for e in events), {e["action"] for e in events}
    history = api.get(f"/api/v1/petitions/{day['cases']['D2HN202405150005']['id']}", headers=ed).json()["history"]
    said = [h["label"] for h in history]  # handed over, uploaded again (the same table), given its first unit, reported
    assert said[:4] == ["交办", "重复上传", "交办责任单位", "报送办理情况"], said


def test_the_audit_page_names_actions_targets_and_details_in_chinese(day):
    admin = Clerk(day["app"], USERS["admin"])
    try:
        page = admin.get("/audit")
        rows = re.findall(r"<tr><td>(.*?)</td></tr>", page.text, flags=re.S)
        text = visible(page.text)
        assert_chinese(page.text, "audit")
        for words in ("报送办理情况", "审核通过", "交办", "重复上传", "印发专报", "下载公开表", "下载批次表格",
                      "标记简报中的常态任务", "撤回批次", "不受理", "重新办理", "更正", "登录失败"):
            assert words in text, words
        assert re.search(r"信访件\s+D2HN\d+", text) and re.search(r"批次 \d+", text) and "petition:" not in text  # 受理编号
        # a label and its value are two pieces of text (the label is kept whole in print)
        assert re.search(r"格式：\s*Word 文档", text) and "format" not in text and re.search(r"角色：\s*属地经办人", text)
        assert len(rows) > 20
    finally:
        admin.close()


def test_models_page_in_chinese_with_both_cards(day):
    admin = Clerk(day["app"], USERS["admin"])
    try:
        page = admin.get("/models")
        assert re.search(r'id="active-model">随附模型<', page.text)
        assert "训练时间（北京时间）" in page.text and "UTC" not in page.text
        assert "简报指示判别模型说明" in page.text and "<table>" in page.text  # the cards rendered, tables and all
        card = (ROOT / "models" / "briefing_directives" / "MODEL_CARD.md").read_text(encoding="utf-8")
        assert_chinese(f"<div>{_without_code(card)}</div>", "briefing model card")
    finally:
        admin.close()


def _without_code(markdown: str) -> str:
    """A card's words, without its code spans (file names, libraries, feature names as they are written)."""
    return re.sub(r"`[^`]*`", " ", markdown)


def test_the_models_page_names_versions_in_chinese():
    from petitionnlp.office.labels import model_label, target_label

    assert model_label("shipped") == model_label(None) == "随附模型"
    assert model_label("v20261201-083015") == "2026年12月1日 8:30 训练的版本"  # as every page writes a time
    assert target_label("model:v20261201-083015") == "模型 2026年12月1日 8:30 训练的版本"
    assert target_label("petition:4") == "信访件 4" and target_label("ip:127.0.0.1") == "登录地址 127.0.0.1"


def test_the_office_catalogue_speaks_chinese_only():
    from petitionnlp.office.errors import Messages

    messages = {k: v for k, v in vars(Messages).items() if re.fullmatch(r"O\d{3}", k)}
    assert len(messages) > 40
    allowed = re.compile(r"\{[a-z_0-9!r]+\}|\[O\d{3}\]|--[a-z-]+|YYYY-MM-DD")
    for key, text in messages.items():
        rest = allowed.sub(" ", text)
        assert not re.search(r"[A-Za-z]{2,}", rest), (key, text)
        assert text.startswith(f"[{key}] ") and re.search(r"[\u4e00-\u9fff]", text), key


def test_the_labels_cover_every_action_the_office_logs():
    """Every action code written to the audit log or a history by the office's code has its Chinese name."""
    from petitionnlp.office.labels import labels

    names = labels()["action"]
    # the code that writes the audit log and cases' histories: the office and the web (the CLI calls the office)
    source = "\n".join(p.read_text(encoding="utf-8") for d in ("office", "web")
                       for p in (ROOT / "petitionnlp" / d).rglob("*.py"))
    logged = set(re.findall(r"\.log\([^,]+, \"(\w+)\"", source))
    logged |= set(re.findall(r"action=\"(\w+)\"", source)) | set(re.findall(r"\"action\": \"(\w+)\"", source))
    logged |= set(re.findall(r"return \[\(\"(\w+)\"", source))
    logged |= {"login", "login_failed", "approve", "return", "accept", "reject", "reopen"}
    assert logged - set(names) == set(), logged - set(names)


def _dicts(source: str, start: str) -> list[str]:
    """The dict literals of ``source`` that open right after a match of ``start`` (a regex ending at the brace)."""
    out = []
    for m in re.finditer(start, source):
        depth, i = 0, m.end() - 1
        for j in range(i, min(len(source), i + 3000)):
            depth += {"{": 1, "}": -1}.get(source[j], 0)
            if depth == 0:
                out.append(source[i:j + 1])
                break
    return out


def test_the_labels_cover_every_detail_key_the_office_writes(day):
    """Every key of a detail the office writes to the audit log or a case's history has its Chinese name (the audit
    page and a case's history show the name, never the key: duplicate_receipt, units)."""
    from petitionnlp.office.labels import labels

    names = labels()["detail"]
    source = "\n".join(p.read_text(encoding="utf-8") for d in ("office", "web")
                       for p in (ROOT / "petitionnlp" / d).rglob("*.py"))
    found = _dicts(source, r"\bdetail\s*=\s*\{") + _dicts(source, r"\.log(?:_issue)?\([^{}\n]*\{")
    found += _dicts(source, r"(?:\[|\.append\()\((?:\"\w+\"|step|name), \{")  # a history step: (action, detail)
    keys = {k for d in found for k in re.findall(r"\"(\w+)\":", d)}
    keys |= {k for args in re.findall(r"detail\.update\(([^)]*)\)", source) for k in re.findall(r"(\w+)=", args)}
    keys |= set(re.findall(r"detail\[\"(\w+)\"\]\s*=", source))
    assert {"duplicate_receipt", "units", "reason", "status", "closure"} <= keys  # the scan finds what it should
    assert keys - set(names) == set(), keys - set(names)
    # and what the office wrote in a day's work: every key of every event of the audit log, and of a case's history
    api = day["api"]
    events = api.get("/api/v1/audit", headers=_api(api, USERS["admin"])).json()["events"]
    written = {k for e in events for k in (e.get("detail") or {})}
    assert len(written) > 20 and written - set(names) == set(), written - set(names)


# ------------------------------------------------------------------------------------ working days on the page

def test_reply_days_are_working_days_on_the_page(day):
    ed, api = day["ed"], day["api"]
    batch = api.get(f"/api/v1/batches/{day['second']}", headers=_api(api, USERS["editor"])).json()
    # 10 typed days from 2024-06-03 are working days: 端午 (2024-06-10) does not count → 2024-06-18
    assert batch["working_days"] is True and batch["reply_rule"] == "10个工作日"
    assert {p["due_date"] for p in day["planted"].values() if not p["error"]} == {"2024-06-18"}
    page = ed.get(f"/batches/{day['second']}")
    shown = re.sub(r"<[^>]+>", "", page.text)  # the day as printed: 2024年<wbr>6月18日
    assert '<span id="reply-rule">10个工作日</span>' in page.text and "2024年6月18日" in shown
    form = ed.get("/batches").text
    assert re.search(r'name="reply_days"[^>]*> 个工作日</label>', form) and "改按自然日计" in form
    # a clerk may say calendar days: then 10 days are 10 days
    page = ed.post("/batches", {"reply_days": "10", "handover_date": "2024-06-03", "calendar_days": "1"},
                   files={"file": ("自然日.csv", "受理编号,交办问题基本情况\nN-1,衡阳市雁峰区某砖厂烟尘扰民\n".encode())})
    assert "回复期限 10天（自然日）" in notice(page)
    # a year whose holidays are not recorded yet: calendar days, and the page says so
    page = ed.post("/batches", {"reply_days": "15", "handover_date": "2099-12-20"},
                   files={"file": ("明年.csv", "受理编号,交办问题基本情况\nY-1,衡阳市雁峰区某砖厂烟尘扰民\n".encode())})
    assert re.search(r'<p class="notice" id="deadline-notice">注意：2099年的法定节假日和调休安排尚未收录', page.text)
    assert page.text.count("2099年的法定节假日和调休安排尚未收录") == 1  # said once, where it stays
    assert "15天（自然日）" in page.text


# ----------------------------------------------------------------------------------------------- briefings

def test_a_briefing_pasted_with_crlf_is_the_briefing_with_lf(day):
    from petitionnlp.briefing import extract_briefing

    api, ed_api = day["api"], _api(day["api"], USERS["editor"])
    seed = SEED.read_text(encoding="utf-8")
    stored = api.get(f"/api/v1/briefings/{day['old_briefing']}", headers=ed_api).json()
    assert "\r" not in stored["text"] and stored["text"] == seed
    assert stored["directives"] == extract_briefing(seed)["directives"]
    for text in (seed.replace("\n", "\r\n"), seed.replace("\n", "\r")):
        got = api.post("/api/v1/briefings", json={"text": text}, headers=ed_api).json()
        assert got["directives"] == stored["directives"]


def test_standing_tasks_belong_to_their_briefings_period(day):
    api = day["api"]
    ed_api, vi_api = _api(api, USERS["editor"]), _api(api, USERS["viewer"])
    got = api.get("/api/v1/deadlines", headers=ed_api).json()
    old = [d for d in got["standing"] if d["briefing_id"] == day["old_briefing"]]
    assert old and all(d["ended"] and d["until"] == "2017-06-15" for d in old)  # a 2017 briefing: not due now
    listed = [d for key in ("overdue", "this_week", "later") for d in got[key]]
    assert not [d for d in listed if d["briefing_id"] == day["old_briefing"] and d["standing"]]
    running = next(d for d in got["standing"] if d["briefing_id"] == day["briefing"])
    assert running["label"] == "每3天" and running["stated"] and not running["ended"]
    assert running["done"] == [day["task"]["next_due"]] and running["next_due"] > day["task"]["next_due"]
    assert any(d["task"] == running["task"] for d in listed)
    # the page: in words, with the report days and the marks
    ed = day["ed"]
    page = ed.get("/briefings")
    from petitionnlp.dates import chinese_date

    words = re.sub(r"<[^>]+>", "", page.text)  # a report day in Chinese on the page (the API keeps ISO)
    assert "每3天报告一次" in page.text and f"已报告：{chinese_date(day['task']['next_due'])}" in words
    panel = page.text.split('id="standing"')[0]  # the three lists of deadlines
    ended = len([d for d in got["standing"] if d["ended"]])  # the 2017 seed's two, each time it was stored
    assert ended >= 2 and f"已结束的常态任务（{ended}）" in page.text and "边督边改情况的调度" not in panel and "每3天报告一次" in panel
    assert re.search(r'<td class="issue">2017年第15期</td>', page.text) and "第20期" in page.text
    # undo, then close the whole task: it leaves the lists
    url = f"/briefings/{day['briefing']}/tasks/{running['task']}"
    assert "已撤销" in notice(ed.post(url, {"mark": "done", "day": running["done"][0], "undo": "1"}))
    assert "未标记：报告日应为这项常态任务的报告日之一" in notice(ed.post(url, {"mark": "done", "day": "2017-01-01"}))
    assert "整项任务已办结" in notice(ed.post(url, {"mark": "closed"}))
    again = api.get("/api/v1/deadlines", headers=ed_api).json()
    closed = next(d for d in again["standing"] if d["task"] == running["task"])
    assert closed["ended"] and closed["closed"] and closed["next_due"] is None
    assert not [d for k in ("overdue", "this_week", "later") for d in again[k] if d.get("task") == running["task"]]
    r = api.post(f"/api/v1/briefings/{day['briefing']}/tasks/{running['task']}", json={"mark": "closed", "undo": True},
                 headers=ed_api)
    assert r.status_code == 200 and r.json()["closed"] is False and r.json()["changed"] is True
    # who may mark: editors and admins; a viewer or a unit may not, on the page or the API
    assert api.post(f"/api/v1/briefings/{day['briefing']}/tasks/{running['task']}", json={"mark": "closed"},
                    headers=vi_api).status_code == 403
    assert api.post(f"/api/v1/briefings/{day['briefing']}/tasks/nosuchtask", json={"mark": "closed"},
                    headers=ed_api).status_code == 404
    viewer = Clerk(day["app"], USERS["viewer"])
    try:
        page = viewer.get("/briefings")
        assert "已报告</button>" not in page.text and "整项办结" not in page.text
        assert viewer.post(url, {"mark": "closed"}).status_code == 403
    finally:
        viewer.close()
    # without a CSRF token, nothing
    r = ed.client.post(url, data={"mark": "closed"})
    assert r.status_code == 403


def test_a_planted_person_in_a_briefing_is_read_by_no_viewer(day):
    api = day["api"]
    vi_api = _api(api, USERS["viewer"])
    for path in ("/api/v1/deadlines", "/api/v1/briefings", f"/api/v1/briefings/{day['briefing']}",
                 "/api/v1/search?q=化工厂"):
        text = api.get(path, headers=vi_api).text
        for secret in PLANTED:
            assert secret not in text, (path, secret)
    assert "【姓名】" in api.get("/api/v1/deadlines", headers=vi_api).text
    unit = _api(api, USERS["unit"])
    assert api.get("/api/v1/deadlines", headers=unit).status_code == 403  # units read no briefings
    other = _api(api, OTHER_UNIT)
    planted = day["planted"]["P-1"]
    assert api.get(f"/api/v1/petitions/{planted['id']}", headers=unit).status_code == 404
    assert PHONE in api.get(f"/api/v1/petitions/{planted['id']}", headers=other).text  # its own unit reads it


# --------------------------------------------------------------------------------------------------- lists

def _table(page: str, table_id: str | None = None, cls: str | None = None):
    import lxml.html

    doc = lxml.html.fromstring(page)
    table = doc.get_element_by_id(table_id) if table_id else doc.find_class(cls)[0]
    heads = [th.text_content().strip() for th in table.xpath("./thead/tr/th")]
    rows = table.xpath("./tbody/tr")
    return heads, rows


def test_the_queue_filter_is_in_the_official_order_and_headers_sit_over_their_columns(day):
    ed = day["ed"]
    page = ed.get(f"/batches/{day['second']}").text
    options = re.search(r'<select name="region" id="f-region">(.*?)</select>', page, flags=re.S).group(1)
    cities = re.findall(r"<option[^>]*>([^<]+)</option>", options)[1:]
    assert cities == ["南昌市", "十堰市", "长沙市", "岳阳市", "内江市"]  # 3601, 4203, 4301, 4306, 5110
    for clerk in (ed, Clerk(day["app"], USERS["viewer"])):
        heads, rows = _table(clerk.get(f"/batches/{day['ids']['batch_id']}").text, cls="queue")
        for row in rows:
            cells = row.xpath("./td")
            assert len(cells) == len(heads), (heads, len(cells))
            by_head = dict(zip(heads, cells))
            if by_head["属地"].xpath(".//input"):  # the editor's form: each field under its own header
                assert by_head["属地"].xpath(".//input[@name='city']") and by_head["状态"].xpath(".//select[@name='status']")
                assert by_head["污染类型"].xpath(".//input[@name='pollution_types']")
            else:
                assert by_head["状态"].text_content().strip() in ("待办", "办理中", "待审核", "退回", "已办结",
                                                                 "阶段性办结", "不受理", "")
        if clerk is not ed:
            clerk.close()
    assert '<input type="checkbox" class="select-all" data-form="bulk"' in ed.get(f"/batches/{day['second']}").text


def test_select_all_boxes_and_bulk_return_where_bulk_actions_are(day):
    ed = day["ed"]
    for path in ("/cases", "/review", f"/batches/{day['second']}"):
        page = ed.get(path).text
        assert 'class="select-all" data-form="bulk"' in page, path
    review = ed.get("/review").text
    assert 'id="bulk-return"' in review and 'id="bulk-reason"' in review
    assert review.index('id="bulk-return"') < review.index('id="bulk-approve"')  # Enter in the reason box returns
    fifth = day["cases"]["D2HN202405150005"]
    case = day["api"].get(f"/api/v1/petitions/{fifth['id']}", headers=_api(day["api"], USERS["editor"])).json()
    assert case["status"] == "退回" and case["history"][-1]["detail"]["reason"] == "未写明整改时限"
    assert case["history"][-1]["action"] == "return"


def test_a_reupload_that_added_nothing_says_0_new_rows(day):
    page = day["ed"].get("/batches").text
    _, rows = _table(page, "batches")
    cells = {r.xpath("./td")[0].text_content().strip(): r for r in rows}
    again = cells[str(day["again"])]
    assert again.xpath("./td[contains(@class, 'new-rows')]")[0].text_content().split()[0] == "0"
    assert "12 件已存在" in again.text_content()
    batch = day["api"].get(f"/api/v1/batches/{day['again']}", headers=_api(day["api"], USERS["editor"])).json()
    assert batch["new_rows"] == 0 and batch["rows"] == 12 and batch["existing"] == 12


# -------------------------------------------------------------------------------------------------- search

@pytest.mark.parametrize("role", ["admin", "editor", "viewer"])
def test_search_says_when_words_were_found_only_in_part(day, role):
    clerk = Clerk(day["app"], USERS[role])
    api = day["api"]
    try:
        page = clerk.get("/search", params={"q": "垃圾焚烧"})
        said = re.search(r'<p class="notice" id="search-notice">(.*?)</p>', page.text)
        assert said and "未找到同时包含“垃圾焚烧”的文档" in said.group(1) and "垃圾" in said.group(1)
        hits = api.get("/api/v1/search", params={"q": "垃圾焚烧"}, headers=_api(api, USERS[role])).json()
        assert hits and all("未找到同时包含“垃圾焚烧”" in h["notice"] for h in hits)
        assert_chinese(page.text, f"{role} search")
        page = clerk.get("/search", params={"q": "化工厂"})
        if role == "viewer":  # a placeholder is never marked as a match; the person is not there
            assert "<mark>姓名</mark>" not in page.text and "<mark>【" not in page.text
            for secret in PLANTED:
                assert secret not in page.text
    finally:
        clerk.close()
    unit = _api(api, USERS["unit"])
    r = api.get("/api/v1/search", params={"q": "垃圾焚烧"}, headers=unit)
    assert r.status_code == 403 and r.json()["error"] == "属地经办人无权执行此操作"


def test_a_typo_is_corrected_on_the_page(day):
    page = day["ed"].get("/search", params={"q": "噪音扰民"})
    assert page.status_code == 200
    assert_chinese(page.text, "search typo")


# ------------------------------------------------------------------------------------------- the command line

def _commands(parser, prefix=()):
    import argparse

    yield prefix
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, prefix + (name,))


CLI_ALLOWED = re.compile(r"--?[a-z][a-z-]*|petitionnlp( [a-z]+)*|\$?PETITIONNLP_[A-Z_]+|postgresql(\+psycopg)?://|"
                         r"\{[a-z,]+\}|\b(classify|redact|train|evaluate|extract|index|search|triage|user|unit|report|"
                         r"serve|migrate|worker|stats|add|disable|import|admin|editor|viewer|city|county|pii|make|"
                         r"true|false)\b|[\w/]+\.(csv|tsv|xlsx|jsonl|json|txt|md|py|docx|png)\b|"
                         r"\.(csv|tsv|xlsx|jsonl|json|txt|md|docx|png)\b|\bJSON Lines\b|\bCtrl-C\b|\b(JSON|CSV|PNG|"
                         r"SQLite|PostgreSQL|Word)\b|YYYY-MM-DD")


def test_every_command_helps_in_chinese():
    from petitionnlp.cli import build_parser

    commands = list(_commands(build_parser()))
    assert len(commands) > 18
    for command in commands:
        code, out, err = run_cli(*command, "--help")
        assert code == 0 and out.startswith("用法："), (command, err)
        rest = CLI_ALLOWED.sub(" ", out)
        assert not re.findall(r"[A-Za-z]{2,}", rest), (command, re.findall(r"[A-Za-z]{2,}", rest))
    code, _, err = run_cli("search", "--limit")
    assert code == 2 and err.startswith("petitionnlp: 参数 --limit 后面需要一个值") and err.count("\n") == 1
    code, _, err = run_cli("user", "add", "某人", "--role", "boss")
    assert code == 2 and "不可用" in err and "petitionnlp user add --help" in err
    code, _, err = run_cli("classify")
    assert code == 2 and "缺少必填的参数" in err


def test_an_os_error_and_an_interrupt_are_told_in_chinese(tmp_path):
    out = tmp_path / "只读"
    out.mkdir()
    out.chmod(0o500)
    try:
        code, _, err = run_cli("classify", SAMPLE, "-o", out / "结果.csv")
    finally:
        out.chmod(0o700)
    if code == 0:
        pytest.skip("running as root: a read-only folder is writable")
    assert code == 2 and "没有权限" in err and "Permission" not in err
    from petitionnlp import _entry, cli

    assert "已中断" in (ROOT / "petitionnlp" / "_entry.py").read_text(encoding="utf-8")
    assert "(interrupted)" not in (ROOT / "petitionnlp" / "cli.py").read_text(encoding="utf-8") + \
        (ROOT / "petitionnlp" / "_entry.py").read_text(encoding="utf-8")
    assert _entry and cli


def test_a_period_box_with_no_date_or_a_reversed_period_is_said_on_the_page(office):
    """进度 with 从 2017-13-01 shows every day as before, and says the box was no date; 从 later than 到 says so —
    never a silent 全部 or an unexplained empty page; on 进度, 热点预警 and 地图 (whose figures the office refuses for
    such a period) above the page's form again, as typed, to be corrected there."""
    from petitionnlp.web.app import create_app

    ed = Clerk(create_app(office, background=False), USERS["editor"])
    page = ed.get("/progress?from=2017-13-01").text
    assert "“2017-13-01”不是有效日期" in page
    assert "不是有效日期" not in ed.get("/progress?from=2024-05-01").text
    # 进度, 热点预警, 地图, 统计 (the office refuses a period without a day: O281, as the API does): the page again, not
    # the error page nor a table of zeros — its form with the dates as typed, the refusal above it said once, 422
    for path in ("/progress", "/alerts", "/map", "/stats"):
        page = ed.get(f"{path}?from=2024-05-20&to=2024-05-01")
        said = re.sub(r"<[^>]+>", "", page.text)
        assert page.status_code == 422 and "[O281]" not in said, (path, said[-800:])
        assert said.count("统计期间的起始日期不能晚于截止日期：2024年5月20日 晚于 2024年5月1日") == 1, (path, said[-800:])
        assert "起始日期 2024年5月20日 晚于截止日期 2024年5月1日" not in said, said[-800:]  # the notice beside it, no more
        assert 'id="error-message"' not in page.text, (path, said[-800:])
        form = re.search(rf'<form class="filters noprint" method="get" action="{path}">.*?</form>', page.text, re.S)
        assert form and 'name="from" id="from" value="2024-05-20"' in form.group(0) \
            and 'name="to" id="to" value="2024-05-01"' in form.group(0), (path, page.text[-1500:])
        notice_at, form_at = page.text.find("统计期间的起始日期不能晚于截止日期"), page.text.find(form.group(0))
        assert 0 <= notice_at < form_at, path  # above the form
        assert_chinese(page.text, path)
        heading = re.search(r"<h1>.*?</h1>", page.text, re.S)
        assert heading and "2024-05-20" not in heading.group(0), (path, heading and heading.group(0))  # not drawn
    # 统计's 下载图表 PNG of that period: refused in words, not a chart of zeros
    png = ed.get("/stats.png?from=2024-05-20&to=2024-05-01")
    assert png.status_code == 422 and "统计期间的起始日期不能晚于截止日期" in png.text, png.headers.get("content-type")


def test_the_maps_hover_hint_is_not_printed(office):
    """鼠标停在县（市、区）上… is for the screen: on 进度 and 地图 it is left out when printed (paper has no mouse);
    the note that the unplaced cases are listed under the map stays."""
    from petitionnlp.web.app import create_app

    ed = Clerk(create_app(office, background=False), USERS["editor"])
    for path in ("/progress", "/map"):
        page = ed.get(path).text
        hint = re.search(r'<span class="noprint"[^>]*>(鼠标停在[^<]*)</span>', page)
        assert hint and "未定到县的案件" not in hint.group(1), (path, page[page.find("鼠标停在") - 120:][:300])
        assert "未定到县的案件、有案件而无边界数据的县（市、区）列在图下" in page


def test_the_stats_page_names_the_cases_handed_over_with_one_word(office):
    """统计's region × type table and its 办结率 table count the same cases: both say 交办件数 (as 进度 and the 专报
    do), never 移交件数 beside it; the API keeps its key."""
    from petitionnlp.web.app import create_app

    ed = Clerk(create_app(office, background=False), USERS["editor"])
    page = ed.get("/stats").text
    heads = re.findall(r"<th>(交办件数|移交件数)</th>", page)
    assert heads == ["交办件数", "交办件数"] and "移交件数" not in page, heads


def test_a_search_snippet_on_a_page_shows_a_placeholder_as_every_page_does():
    """The snippet keeps a redaction's placeholder apart from its matches (［姓名］); the page shows it 【姓名】 as the
    case, the export and the 公开表 do, and the matches marked."""
    from petitionnlp.web.render import _highlight

    assert str(_highlight("举报人［姓名］反映【噪声】扰民<b>")) == "举报人【姓名】反映<mark>噪声</mark>扰民&lt;b&gt;"
