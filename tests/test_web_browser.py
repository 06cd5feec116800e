"""The workbench as users meet it (issue 11): started with `petitionnlp serve` as the README says, accounts made
with `petitionnlp user add`, driven over HTTP on 127.0.0.1 and in a real headless Chromium (Debian's `chromium`
and `chromium-driver`, which `make test` installs when it runs as root).  Screenshots go to tests/artifacts/."""

import csv
import datetime as dt
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import warnings
from pathlib import Path

import httpx
import pytest

from conftest import BIN, ROOT
from petitionnlp.dates import chinese_date

ARTIFACTS = ROOT / "tests" / "artifacts"
SAMPLE = ROOT / "corpora" / "samples" / "petitions_sample.csv"
PHONE = "13807341234"
USERS = {"admin": ("admin", "admin-password-1"), "editor": ("ed", "editor-password-1"),
         "viewer": ("vi", "viewer-password-1")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`petitionnlp serve` in a child process, on a free port of 127.0.0.1."""

    def __init__(self, data: Path):
        self.data = data
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = None
        self.started_in = None

    def start(self) -> "Server":
        t0 = time.perf_counter()
        self.proc = subprocess.Popen([str(BIN / "petitionnlp"), "serve", "--port", str(self.port), "--data",
                                      str(self.data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    self.started_in = time.perf_counter() - t0
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
            if self.proc.poll() is not None:
                raise RuntimeError(self.proc.stderr.read().decode())
        raise RuntimeError("the server did not answer within 60 s")

    def stop(self) -> str:
        self.proc.send_signal(signal.SIGINT)
        try:
            _, err = self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return err.decode()

    def token(self, role: str) -> dict:
        name, password = USERS[role]
        r = httpx.post(self.url + "/api/v1/token", data={"username": name, "password": password})
        assert r.status_code == 200, r.text
        return {"Authorization": f"Bearer {r.json()['access_token']}"}


def add_users(data) -> None:
    """The test's users (USERS: one of each role) added through the command line to the data folder ``data``."""
    for role, (name, password) in USERS.items():
        proc = subprocess.run([str(BIN / "petitionnlp"), "user", "add", name, "--role", role, "--data", str(data)],
                              input=(password + "\n").encode(), capture_output=True)
        assert proc.returncode == 0, proc.stderr.decode()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("workbench") / "petitionnlp-data"
    add_users(data)
    srv = Server(data).start()
    yield srv
    err = srv.stop()
    assert "Traceback" not in err, err


def test_the_server_as_the_contract_says(server):
    assert server.started_in < 30
    assert httpx.get(server.url + "/healthz").status_code == 200
    r = httpx.get(server.url + "/api/v1/audit")
    assert r.status_code == 401 and set(r.json()) == {"error"}
    ed = server.token("editor")
    buf = io.StringIO()
    csv.writer(buf).writerows([["交办问题基本情况"], [f"举报人张建国反映某搅拌站夜间噪声扰民，联系电话{PHONE}"]])
    r = httpx.post(server.url + "/api/v1/batches", files={"file": ("pii.csv", buf.getvalue().encode("gb18030"))},
                   headers=ed, timeout=60)
    assert r.status_code in (200, 201) and r.json()["rows"] == 1
    rows = httpx.get(server.url + f"/api/v1/batches/{r.json()['batch_id']}/petitions", headers=server.token("viewer"))
    assert PHONE not in rows.text
    assert httpx.get(server.url + "/docs").status_code == 200
    assert httpx.get(server.url + "/openapi.json").json()["paths"]["/api/v1/classify"]


def test_a_correction_survives_a_restart(tmp_path):
    data = tmp_path / "petitionnlp-data"
    add_users(data)
    srv = Server(data).start()
    try:
        ed = srv.token("editor")
        batch = httpx.post(srv.url + "/api/v1/batches", files={"file": (SAMPLE.name, SAMPLE.read_bytes())},
                           headers=ed, timeout=60).json()["batch_id"]
        pid = httpx.get(srv.url + f"/api/v1/batches/{batch}/petitions", headers=ed).json()["petitions"][2]["id"]
        r = httpx.patch(srv.url + f"/api/v1/petitions/{pid}", json={"pollution_types": ["其他"]}, headers=ed)
        assert r.status_code == 200
        # a case is closed by its report and the review, never by setting its status (CONTRACT "Case integrity")
        closing = httpx.patch(srv.url + f"/api/v1/petitions/{pid}", json={"status": "已办结"}, headers=ed)
        assert closing.status_code == 409 and "report" in closing.json()["allowed"]
        report = {"verified": "属实", "findings": "经现场核查，情况属实。", "closure": "已办结"}
        assert httpx.post(srv.url + f"/api/v1/petitions/{pid}/report", json=report, headers=ed).status_code == 200
        assert httpx.post(srv.url + f"/api/v1/petitions/{pid}/review", json={"decision": "approve"},
                          headers=ed).status_code == 200
    finally:
        srv.stop()
    srv = Server(data).start()
    try:
        admin = srv.token("admin")
        p = httpx.get(srv.url + f"/api/v1/petitions/{pid}", headers=admin).json()
        assert p["pollution_types"] == ["其他"] and p["status"] == "已办结"
        events = httpx.get(srv.url + "/api/v1/audit", headers=admin).json()["events"]
        assert any(e["action"] == "correct" and e["target"] == f"petition:{pid}" for e in events)
    finally:
        srv.stop()


# ----------------------------------------------------------------------------------------- a real browser

def _chromium():
    binary, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (binary and driver):
        message = ("BROWSER TESTS NOT RUN: Debian's chromium and chromium-driver are missing "
                   "(`make test` installs them with apt when run as root; or: apt-get install chromium chromium-driver)")
        warnings.warn(message)
        print("\n" + "!" * 20 + " " + message + " " + "!" * 20)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=zh-CN"):
        opts.add_argument(a)
    opts.add_argument(f"--user-data-dir={Path(os.environ.get('TMPDIR', '/tmp')) / f'pnlp-chrome-{os.getpid()}'}")
    opts.binary_location = binary
    # Chromium on Linux takes its interface language (date fields, file choosers) from LANGUAGE, not from --lang;
    # Debian's chromium-l10n holds the Chinese (`make test` installs it)
    env = {**os.environ, "LANGUAGE": "zh_CN:zh", "LANG": "zh_CN.UTF-8"}
    return webdriver.Chrome(service=Service(driver, env=env), options=opts)


@pytest.fixture()
def browser():
    drv = _chromium()
    drv.set_page_load_timeout(60)
    ARTIFACTS.mkdir(exist_ok=True)
    yield drv
    drv.quit()


def _login(drv, server, role):
    from selenium.webdriver.common.by import By

    name, password = USERS[role]
    drv.get(server.url + "/login")
    drv.find_element(By.ID, "username").send_keys(name)
    drv.find_element(By.ID, "password").send_keys(password)
    drv.find_element(By.ID, "login").click()
    _wait(drv, lambda d: d.current_url.endswith("/batches"), 30)


def _shot(drv, name):
    drv.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def _wait(drv, condition, seconds=60):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(drv, seconds).until(condition)


def test_an_editor_works_the_day_in_the_browser(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    drv = browser
    _login(drv, server, "editor")
    _shot(drv, "01-editor-batches")
    drv.find_element(By.ID, "file").send_keys(str(SAMPLE))
    drv.find_element(By.ID, "upload").click()
    _wait(drv, lambda d: "/batches/" in d.current_url and "正在分类" not in d.page_source)
    assert "岳阳市" in drv.page_source and "无法分类" in drv.page_source
    _shot(drv, "02-editor-queue")
    # correct the first petition's types: add 水
    row = drv.find_elements(By.CSS_SELECTOR, "table.queue tbody tr")[0]
    row.find_element(By.CSS_SELECTOR, "input[value='水']").click()
    Select(row.find_element(By.NAME, "status")).select_by_visible_text("办理中")
    row.find_element(By.CSS_SELECTOR, "button.save").click()
    _wait(drv, lambda d: "已保存第 1 行的更正" in d.page_source)
    _shot(drv, "03-editor-corrected")
    batch_id = int(drv.current_url.split("/batches/")[1].split("?")[0].split("#")[0])
    got = httpx.get(server.url + f"/api/v1/batches/{batch_id}/petitions", headers=server.token("editor")).json()
    first = got["petitions"][0]
    assert "水" in first["pollution_types"] and first["status"] == "办理中" and first["corrected"]
    # filter by type, then sort by priority
    Select(drv.find_element(By.ID, "f-type")).select_by_visible_text("噪声")
    Select(drv.find_element(By.ID, "f-sort")).select_by_value("priority")
    drv.find_element(By.ID, "apply").click()
    _wait(drv, lambda d: "type=" in d.current_url and "sort=priority" in d.current_url)
    checked = [[b.get_attribute("value") for b in r.find_elements(By.CSS_SELECTOR, "input[type=checkbox]:checked")]
               for r in drv.find_elements(By.CSS_SELECTOR, "table.queue tbody tr")]
    assert checked and all("噪声" in c for c in checked)
    _shot(drv, "04-editor-filtered")
    # the XLSX download is there (fetched with the browser's session)
    href = drv.find_element(By.ID, "download").get_attribute("href")
    cookie = {c["name"]: c["value"] for c in drv.get_cookies()}
    xlsx = httpx.get(href, cookies=cookie)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    # search
    for _ in range(50):  # repeats and the search index are finished in the background after the upload
        drv.get(server.url + "/search?q=扬尘")
        if drv.find_elements(By.CSS_SELECTOR, "#hits li"):
            break
        time.sleep(0.2)
    assert drv.find_elements(By.CSS_SELECTOR, "#hits mark")
    _shot(drv, "05-search")
    # statistics: the chart's labels are text in the page
    drv.get(server.url + "/stats")
    labels = [t.text for t in drv.find_elements(By.CSS_SELECTOR, "svg.chart text")]
    assert "衡阳市" in labels and "大气" in labels
    _shot(drv, "06-stats")
    # a briefing: its directives and deadlines
    drv.get(server.url + "/briefings")
    seed = (ROOT / "corpora/samples/briefing_hunan_2017_15.txt").read_text(encoding="utf-8")
    drv.execute_script("document.getElementById('briefing-text').value = arguments[0];", seed)
    drv.find_element(By.ID, "extract").click()
    _wait(drv, lambda d: d.find_elements(By.CSS_SELECTOR, "#directives tbody tr"))
    assert "杨光荣副省长" in drv.page_source
    _shot(drv, "07-briefing")
    # a briefing of this week with a standing task (每3天报告一次): its report days listed, one marked done by a click
    import datetime as dt

    start = dt.date.today() - dt.timedelta(days=2)
    end = start + dt.timedelta(days=28)
    running = (f"湖南省生态环境保护督察\n工作简报\n第20期\n湖南省生态环境保护督察办公室        "
               f"{start.year}年{start.month}月{start.day}日\n\n督察期间（{start.year}年{start.month}月{start.day}日至"
               f"{end.year}年{end.month}月{end.day}日），会议要求，各市州要加强对信访件办理情况的调度，及时收集汇总情况，"
               "每3天报告一次进展情况。\n")
    r = httpx.post(server.url + "/api/v1/briefings", json={"text": running}, headers=server.token("editor"))
    assert r.status_code in (200, 201), r.text
    drv.get(server.url + "/briefings")
    assert "2017年第15期" in drv.find_element(By.ID, "briefing-list").text
    assert drv.find_element(By.ID, "standing-ended").is_displayed()  # the 2017 seed's tasks: ended, not due
    task = drv.find_element(By.CSS_SELECTOR, "#standing-tasks tbody tr")
    assert "每3天" in task.text
    task.find_element(By.CSS_SELECTOR, "td.due.standing form.mark button").click()
    _wait(drv, lambda d: "已记下：" in d.page_source)
    assert "已报告：" in drv.find_element(By.ID, "standing-tasks").text
    _shot(drv, "08-deadlines")


def test_a_viewer_reads_without_personal_information(server, browser):
    from selenium.webdriver.common.by import By

    ed = server.token("editor")
    buf = io.StringIO()
    csv.writer(buf).writerows([["举报人", "联系电话", "交办问题基本情况"],
                               ["张建国", PHONE, f"举报人张建国反映某砂石厂粉尘扰民，联系电话{PHONE}，身份证43010419800101332X"]])
    batch = httpx.post(server.url + "/api/v1/batches", files={"file": ("个人信息.csv", buf.getvalue().encode("utf-8"))},
                       headers=ed, timeout=60).json()["batch_id"]
    drv = browser
    _login(drv, server, "viewer")
    drv.get(server.url + f"/batches/{batch}")
    source = drv.page_source
    assert PHONE not in source and "43010419800101332X" not in source and "张建国" not in source
    assert "【电话】" in source and not drv.find_elements(By.CSS_SELECTOR, "form.edit")
    _shot(drv, "09-viewer-queue")
    drv.get(server.url + "/audit")
    assert "没有权限" in drv.page_source
    _shot(drv, "10-viewer-no-audit")


def test_an_admin_sees_models_and_the_audit(server, browser):
    from selenium.webdriver.common.by import By

    drv = browser
    _login(drv, server, "admin")
    drv.get(server.url + "/models")
    assert drv.find_element(By.ID, "active-model").text == "随附模型"
    _shot(drv, "11-admin-models")
    drv.get(server.url + "/audit")
    text = drv.find_element(By.ID, "audit").text
    assert "更正" in text and "上传" in text and "登录" in text
    _shot(drv, "12-admin-audit")
    json.dumps(text)


# ------------------------------------------------------------------------ the case cycle, from hand-over to 办结

CYCLE_USERS = {"ed": "editor", "hy": "unit", "yy": "unit", "boss": "admin", "vi": "viewer"}


def _cycle_login(drv, server, name):
    from selenium.webdriver.common.by import By

    drv.delete_all_cookies()
    drv.get(server.url + "/login")
    drv.find_element(By.ID, "username").send_keys(name)
    drv.find_element(By.ID, "password").send_keys(f"{name}-password-1")
    drv.find_element(By.ID, "login").click()
    _wait(drv, lambda d: "/login" not in d.current_url, 30)


def _cycle_token(server, name):
    r = httpx.post(server.url + "/api/v1/token", data={"username": name, "password": f"{name}-password-1"})
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


@pytest.fixture()
def cycle_server(tmp_path):
    data = tmp_path / "petitionnlp-data"
    for args in (["unit", "add", "衡阳市雁峰区", "--region", "湖南省/衡阳市/雁峰区"], ["unit", "add", "岳阳市", "--region", "湖南省/岳阳市"]):
        subprocess.run([str(BIN / "petitionnlp"), *args, "--data", str(data)], check=True, capture_output=True)
    for name, role in CYCLE_USERS.items():
        unit = {"hy": ["--unit", "衡阳市雁峰区"], "yy": ["--unit", "岳阳市"]}.get(name, [])
        proc = subprocess.run([str(BIN / "petitionnlp"), "user", "add", name, "--role", role, *unit, "--data",
                               str(data)], input=f"{name}-password-1\n".encode(), capture_output=True)
        assert proc.returncode == 0, proc.stderr.decode()
    srv = Server(data).start()
    yield srv
    err = srv.stop()
    assert "Traceback" not in err, err


def test_the_case_cycle_in_the_browser(cycle_server, browser):
    from docx import Document
    from openpyxl import load_workbook
    from selenium.webdriver.common.by import By

    server, drv = cycle_server, browser
    # the editor uploads the day's table with its 交办日期 and reply days: the cases are handed over
    _cycle_login(drv, server, "ed")
    drv.find_element(By.ID, "file").send_keys(str(SAMPLE))
    drv.execute_script("document.getElementById('handover-date').value = '2024-05-15';")
    drv.find_element(By.ID, "reply-days").send_keys("15")
    drv.find_element(By.ID, "upload").click()
    _wait(drv, lambda d: "/batches/" in d.current_url and "正在分类" not in d.page_source)
    assert "D2HN202405150001" in drv.page_source and "衡阳市雁峰区" in drv.page_source
    # 15 typed reply days are working days (CONTRACT: hand-over date + N working days when working_days)
    assert drv.find_elements(By.CSS_SELECTOR, "tr.late") and "2024年6月5日" in drv.find_element(By.TAG_NAME, "body").text
    assert drv.find_element(By.ID, "reply-rule").text == "15个工作日"
    _shot(drv, "20-cycle-editor-queue")
    # hand the 株洲 case (no unit of its own here) over to 衡阳市雁峰区 with the bulk form
    ed = _cycle_token(server, "ed")
    cases = {p["receipt_id"]: p for p in httpx.get(server.url + "/api/v1/petitions", headers=ed).json()["petitions"]}
    zhuzhou = cases["D2HN202405150005"]
    assert zhuzhou["unit"] is None
    drv.find_element(By.CSS_SELECTOR, f"#p{zhuzhou['id']} input[name=ids]").click()
    from selenium.webdriver.support.ui import Select

    Select(drv.find_element(By.ID, "bulk-unit")).select_by_visible_text("衡阳市雁峰区")
    drv.find_element(By.ID, "bulk-assign").click()
    _wait(drv, lambda d: "已交办 1 件" in d.page_source)
    _shot(drv, "21-cycle-editor-handed-over")
    # each unit handler sees its own cases only, and reports back
    _cycle_login(drv, server, "hy")
    assert drv.current_url.endswith("/cases") and "我的案件" in drv.page_source
    shown = {a.text for a in drv.find_elements(By.CSS_SELECTOR, "#cases tbody tr td:nth-child(1) a")}
    assert shown == {"D2HN202405150001", "D2HN202405150005"}
    _shot(drv, "22-cycle-unit-hy-my-cases")
    for receipt in ("D2HN202405150001", "D2HN202405150005"):
        form = drv.find_element(By.ID, f"report-{cases[receipt]['id']}")
        if not form.is_displayed():
            drv.find_element(By.CSS_SELECTOR, f"#c{cases[receipt]['id']} summary").click()
        Select(form.find_element(By.NAME, "verified")).select_by_visible_text("属实")
        Select(form.find_element(By.NAME, "closure")).select_by_visible_text("已办结")
        form.find_element(By.NAME, "findings").send_keys(f"经现场核查，反映问题属实。举报人李春华（电话{PHONE}）已回访。")
        form.find_element(By.NAME, "actions").send_keys("已责令停产整改，立案处罚。")
        count = form.find_element(By.NAME, "count_rectify")
        count.clear()
        count.send_keys("1")
        if receipt.endswith("01"):
            _shot(drv, "23-cycle-unit-hy-report-form")
        form.find_element(By.CSS_SELECTOR, "button.send").click()
        _wait(drv, lambda d: "等待审核" in d.page_source)
    _shot(drv, "24-cycle-unit-hy-reported")
    _cycle_login(drv, server, "yy")
    shown = {a.text for a in drv.find_elements(By.CSS_SELECTOR, "#cases tbody tr td:nth-child(1) a")}
    assert shown == {"D2HN202405150002", "D2HN202405150011"}
    drv.get(server.url + f"/cases/{cases['D2HN202405150001']['id']}")
    assert "找不到" in drv.page_source  # another unit's case does not exist for it
    drv.get(server.url + "/cases")
    for receipt, closure in (("D2HN202405150002", "阶段性办结"), ("D2HN202405150011", "已办结")):
        form = drv.find_element(By.ID, f"report-{cases[receipt]['id']}")
        if not form.is_displayed():
            drv.find_element(By.CSS_SELECTOR, f"#c{cases[receipt]['id']} summary").click()
        Select(form.find_element(By.NAME, "verified")).select_by_visible_text("基本属实")
        Select(form.find_element(By.NAME, "closure")).select_by_visible_text(closure)
        form.find_element(By.NAME, "findings").send_keys("经核查，该企业存在夜间偷排行为，基本属实。")
        form.find_element(By.CSS_SELECTOR, "button.send").click()
        _wait(drv, lambda d: "等待审核" in d.page_source)
    _shot(drv, "25-cycle-unit-yy-reported")
    # the editor returns one with a reason and approves the others at once
    _cycle_login(drv, server, "ed")
    drv.get(server.url + "/review")
    assert len(drv.find_elements(By.CSS_SELECTOR, "#review-list tbody tr")) == 4
    _shot(drv, "26-cycle-editor-review")
    back = cases["D2HN202405150005"]["id"]
    row = drv.find_element(By.ID, f"r{back}")
    row.find_element(By.NAME, "reason").send_keys("未写明处罚金额和整改时限")
    row.find_element(By.CSS_SELECTOR, "button.return").click()
    _wait(drv, lambda d: "已退回" in d.page_source)
    drv.find_element(By.CSS_SELECTOR, "#review-list input.select-all").click()  # the page's one script: all rows
    boxes = drv.find_elements(By.CSS_SELECTOR, "#review-list input[name=ids]")
    assert len(boxes) == 3 and all(b.is_selected() for b in boxes)
    drv.find_element(By.ID, "bulk-approve").click()
    _wait(drv, lambda d: "已审核通过 3 件" in d.page_source)
    _shot(drv, "27-cycle-editor-approved")
    # the unit sees the reason
    _cycle_login(drv, server, "hy")
    assert "退回理由：未写明处罚金额和整改时限" in drv.page_source
    _shot(drv, "28-cycle-unit-returned")
    # the case's timeline
    _cycle_login(drv, server, "ed")
    drv.get(server.url + f"/cases/{back}")
    steps = [li.text for li in drv.find_elements(By.CSS_SELECTOR, "#timeline li")]
    # handed over in the batch, then to its first unit (交办责任单位, not 改派: it had none), returned
    names = [b.text for b in drv.find_elements(By.CSS_SELECTOR, "#timeline li b")]
    assert "交办" in names and "交办责任单位" in names and "改派" not in names and "退回" in names, names
    _shot(drv, "29-cycle-case-timeline")
    # progress, the 专报 and the 公开表
    drv.get(server.url + "/progress")
    api = httpx.get(server.url + "/api/v1/progress", headers=ed).json()
    assert drv.find_element(By.ID, "fig-total").text == str(api["total"]) == "11"
    assert drv.find_element(By.ID, "fig-rate").text == f"{api['closure_rate'] * 100:.1f}%" == "27.3%"
    _shot(drv, "30-cycle-progress")
    cookie = {c["name"]: c["value"] for c in drv.get_cookies()}
    docx = httpx.get(drv.find_element(By.ID, "download-report").get_attribute("href"), cookies=cookie,
                     timeout=60)  # the first chart of the server loads matplotlib and its fonts
    assert docx.status_code == 200
    doc = Document(io.BytesIO(docx.content))
    total = [c.text for c in doc.tables[0].rows[-1].cells]
    head = [c.text for c in doc.tables[0].rows[0].cells]  # 序号 first, 合计 over 序号 and 责任单位
    assert [total[head.index(h)] for h in ("责任单位", "交办件数", "已办结", "阶段性办结")] == [
        "合计", str(api["total"]), str(api["closed"]), str(api["staged"])]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"累计受理交办信访件{api['total']}件，已办结{api['closed']}件、阶段性办结{api['staged']}件" in text
    xlsx = httpx.get(drv.find_element(By.ID, "download-public").get_attribute("href"), cookies=cookie, timeout=60)
    ws = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    rows = [[c.value for c in r] for r in ws.iter_rows()][2:]  # under the title and the period
    assert rows[0] == ["序号", "受理编号", "交办问题基本情况", "行政区域", "污染类型", "调查核实情况", "是否属实",
                       "处理和整改情况", "责任人被问责情况"]
    assert sorted(r[1] for r in rows[1:]) == ["D2HN202405150001", "D2HN202405150002", "D2HN202405150011"]
    dump = json.dumps(rows, ensure_ascii=False, default=str)
    assert PHONE not in dump and "李春华" not in dump and "【电话】" in dump
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)
    drv.get(server.url + "/public")
    _shot(drv, "31-cycle-public-table")
    # printed: no navigation, no forms, the figures and tables only
    drv.get(server.url + "/progress")
    drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not drv.find_element(By.CSS_SELECTOR, "header.top").is_displayed()
    assert drv.find_element(By.ID, "by-unit").is_displayed()
    _shot(drv, "32-cycle-progress-printed")
    drv.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    # a case still 待办 offers the steps open now: 签收, 不受理 with a reason, a hand-over; 签收 it
    waiting = cases["D2HN202405150003"]["id"]
    drv.get(server.url + f"/cases/{waiting}")
    assert drv.find_element(By.ID, "accept").is_displayed() and drv.find_element(By.ID, "reject").is_displayed()
    assert not drv.find_elements(By.ID, "reopen") and not drv.find_elements(By.ID, "review")
    _shot(drv, "33-cycle-case-steps")
    drv.find_element(By.CSS_SELECTOR, "#accept button").click()
    _wait(drv, lambda d: "已签收" in d.page_source)
    assert drv.find_element(By.CSS_SELECTOR, "#status .status").text == "办理中"
    assert not drv.find_elements(By.ID, "accept") and not drv.find_elements(By.ID, "assign")
    # the batch page: its dates corrected, or the whole batch withdrawn
    drv.get(server.url + f"/batches/{cases['D2HN202405150003']['batch_id']}")
    drv.find_element(By.CSS_SELECTOR, "#batch-corrections summary").click()
    assert drv.find_element(By.ID, "redate-date").get_attribute("value") == "2024-05-15"
    _shot(drv, "34-cycle-batch-corrections")


# ------------------------------------------------------------- closing the loop: 回访, 督办, 抽查, reminders, rounds

LOOP_PERSON = ("王建国", "13812345678", "430102199003077735")


def _loop_table(today, old: bool) -> bytes:
    """Ten cases of two units handed over on 2024-05-15 (overdue by now; a complainant named with phone and ID
    number in two of 衡阳市雁峰区), or two handed over today."""
    person = f"举报人{LOOP_PERSON[0]}（电话{LOOP_PERSON[1]}，身份证号{LOOP_PERSON[2]}）"
    texts = ["衡阳市雁峰区某搅拌站夜间施工噪声扰民", "衡阳市雁峰区某化工厂偷排废水", "衡阳市雁峰区某餐馆油烟直排",
             "岳阳市岳阳楼区某砖厂烟尘扰民", "岳阳市岳阳楼区某砂石场粉尘污染", "衡阳市雁峰区某养殖场粪污直排",
             "岳阳市岳阳楼区某工地夜间打桩", "衡阳市雁峰区某洗砂场废水排入河道", "岳阳市岳阳楼区某化工厂异味",
             "衡阳市雁峰区某汽修厂喷漆废气"]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["受理编号", "交办问题基本情况"])
    if old:
        for i, text in enumerate(texts, 1):
            w.writerow([f"HB2024051500{i:02d}", (person if i in (1, 3) else "") + text + "。"])
    else:
        for i, text in enumerate(("衡阳市雁峰区某石材厂粉尘扰民", "岳阳市岳阳楼区某酒店锅炉黑烟"), 11):
            w.writerow([f"HB{today:%Y%m%d}00{i:02d}", text + "。"])
    return buf.getvalue().encode("utf-8")


def test_closing_the_loop_in_the_browser(cycle_server, browser):
    """回访 (one case and many at once), 督办 (many at once), 抽查 (a draw and its checks, one failed), reminders on
    the unit's and the office's first pages, the rounds of a reopened case, 进度 with the loop's figures and the
    ranking — each page as a clerk sees it; a viewer and another unit read the new pages without the person."""
    import datetime as dt

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    server, drv = cycle_server, browser
    ed, hy, yy = (_cycle_token(server, n) for n in ("ed", "hy", "yy"))
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()
    for old, name, form in ((True, "第5批.csv", {"handover_date": "2024-05-15", "reply_days": "15"}),
                            (False, "第9批.csv", {"handover_date": today.isoformat(), "reply_days": "2"})):
        r = httpx.post(server.url + "/api/v1/batches", files={"file": (name, _loop_table(today, old))}, data=form,
                       headers=ed, timeout=120)
        assert r.status_code == 201, r.text
    cases = {p["receipt_id"]: p for p in httpx.get(server.url + "/api/v1/petitions", headers=ed).json()["petitions"]}
    assert len(cases) == 12 and cases["HB202405150001"]["unit"] == "衡阳市雁峰区"
    report = {"verified": "属实", "findings": "经现场核查，情况属实，已责令整改。", "actions": "已责令停产整改。",
              "closure": "已办结", "counts": {"rectify": 1}}
    for key in [f"HB2024051500{i:02d}" for i in range(1, 9)]:
        unit = hy if cases[key]["unit"] == "衡阳市雁峰区" else yy
        assert httpx.post(server.url + f"/api/v1/petitions/{cases[key]['id']}/report", json=report,
                          headers=unit).status_code == 200
        assert httpx.post(server.url + f"/api/v1/petitions/{cases[key]['id']}/review", json={"decision": "approve"},
                          headers=ed).status_code == 200
    # the office's first page: the reminders (overdue, due in two days)
    _cycle_login(drv, server, "ed")
    box = drv.find_element(By.ID, "reminders")
    assert "逾期" in box.text and "临期" in box.text
    _shot(drv, "40-loop-office-reminders")
    # 回访: the list with the complainant's contact; one case, then several ticked with one result
    drv.get(server.url + "/callbacks")
    rows = drv.find_elements(By.CSS_SELECTOR, "#callback-list tbody tr")
    assert len(rows) == 8 and LOOP_PERSON[1] in drv.page_source  # the office sees whom to call
    first, fourth = cases["HB202405150001"]["id"], cases["HB202405150004"]["id"]
    Select(drv.find_element(By.NAME, f"result_{first}")).select_by_visible_text("满意")
    drv.find_element(By.NAME, f"note_{first}").send_keys("噪声已消除，群众表示满意")
    _shot(drv, "41-loop-callbacks")
    drv.find_element(By.CSS_SELECTOR, f"#cb{first} button.save").click()
    _wait(drv, lambda d: "已记录回访 1 件" in d.page_source)
    Select(drv.find_element(By.NAME, f"result_{fourth}")).select_by_visible_text("不满意")
    drv.find_element(By.NAME, f"note_{fourth}").send_keys("群众反映烟尘仍然很大")
    drv.find_element(By.ID, "save-all").click()
    _wait(drv, lambda d: "已记录回访 1 件" in d.page_source and f"cb{fourth}" not in d.page_source)
    for key in ("HB202405150002", "HB202405150003", "HB202405150005"):
        drv.find_element(By.CSS_SELECTOR, f"#cb{cases[key]['id']} input[name=pick]").click()
    Select(drv.find_element(By.ID, "bulk-result")).select_by_visible_text("基本满意")
    drv.find_element(By.ID, "bulk-callback").click()
    _wait(drv, lambda d: "已记录回访 3 件" in d.page_source)
    _shot(drv, "42-loop-callbacks-recorded")
    got = httpx.get(server.url + f"/api/v1/petitions/{fourth}", headers=ed).json()
    assert got["status"] == "办理中" and got["history"][-1]["detail"]["reason"] == "群众反映烟尘仍然很大"
    # 督办: the overdue and the due-soon cases, several at once with one deadline
    drv.get(server.url + "/supervision")
    assert drv.find_element(By.ID, "fig-late").text != "0"
    new_due = (today + dt.timedelta(days=10)).isoformat()
    for key in ("HB202405150009", "HB202405150010"):
        drv.find_element(By.CSS_SELECTOR, f"#rm{cases[key]['id']} input[name=ids]").click()
    drv.execute_script("document.getElementById('bulk-due').value = arguments[0];", new_due)
    drv.find_element(By.ID, "bulk-note").send_keys("请于十日内办结并报送")
    _shot(drv, "43-loop-supervision")
    drv.find_element(By.ID, "bulk-supervise-button").click()
    _wait(drv, lambda d: "已督办 2 件" in d.page_source)
    assert "请于十日内办结并报送" in drv.find_element(By.ID, "supervised-list").text
    _shot(drv, "44-loop-supervised")
    # 抽查: draw half of the approved cases with a seed; pass one, fail one (it is reopened)
    drv.get(server.url + "/spotchecks")
    drv.execute_script("document.getElementById('draw-from').value = '2024-05-01';"
                       "document.getElementById('draw-to').value = '2024-05-31';")
    percent = drv.find_element(By.ID, "draw-percent")
    percent.clear()
    percent.send_keys("50")
    drv.find_element(By.ID, "draw-seed").send_keys("20240515")
    _shot(drv, "45-loop-spotcheck-draw")
    drv.find_element(By.ID, "draw-button").click()
    _wait(drv, lambda d: "随机种子 20240515" in d.page_source and "/spotchecks/" in d.current_url)
    items = [e.get_attribute("id")[1:] for e in drv.find_elements(By.CSS_SELECTOR, "#spot-items tbody tr")]
    assert len(items) == 4  # half of the 7 approved cases, rounded up
    drv.find_element(By.CSS_SELECTOR, f"input[name='passed_{items[0]}'][value='1']").click()
    drv.find_element(By.CSS_SELECTOR, f"input[name='passed_{items[1]}'][value='0']").click()
    drv.find_element(By.NAME, f"note_{items[1]}").send_keys("未附整改前后照片，处罚决定书缺失")
    _shot(drv, "46-loop-spotcheck-items")
    drv.find_element(By.ID, "save-checks").click()
    _wait(drv, lambda d: "已记录复核 2 件，其中未通过 1 件已重新办理" in d.page_source)
    _shot(drv, "47-loop-spotcheck-checked")
    spot_id = drv.current_url.split("/spotchecks/")[1].split("?")[0]
    # the reopened case (回访不满意): its timeline in rounds, and 第一轮 kept
    drv.get(server.url + f"/cases/{fourth}")
    assert "第一轮办理情况（已重新办理）" in drv.page_source and "第二轮办理" in drv.page_source
    assert drv.find_element(By.ID, "supervise").is_displayed() and not drv.find_elements(By.ID, "callback")
    _shot(drv, "48-loop-case-rounds")
    drv.execute_script("document.getElementById('timeline').scrollIntoView();")
    assert "第二轮办理" in drv.find_element(By.ID, "timeline").text
    _shot(drv, "48b-loop-case-timeline")
    # the unit's first page: its reminders (the supervised case with its new deadline)
    _cycle_login(drv, server, "hy")
    box = drv.find_element(By.ID, "reminders")
    assert "督办" in box.text and chinese_date(new_due) in box.text and "HB202405150009" not in box.text  # as pages say it
    _shot(drv, "49-loop-unit-reminders")
    # 进度: the loop's figures and the ranking agree with the API
    _cycle_login(drv, server, "ed")
    drv.get(server.url + "/progress")
    api = httpx.get(server.url + "/api/v1/progress", headers=ed).json()
    assert drv.find_element(By.ID, "fig-satisfaction").text == f"{api['satisfaction']['rate'] * 100:.1f}%"
    assert drv.find_element(By.ID, "fig-reopened").text == str(api["reopened"]) == "2"
    assert drv.find_element(By.ID, "fig-supervised").text == str(api["supervised"]) == "2"
    assert api["spotcheck"] == {"drawn": 4, "checked": 2, "passed": 1, "pass_rate": 0.5}
    _shot(drv, "50-loop-progress")
    ranking = [r.text.split()[1] for r in drv.find_elements(By.CSS_SELECTOR, "#ranking tbody tr")]
    assert ranking == [u["unit"] for u in sorted((u for u in api["by_unit"] if u["rank"]), key=lambda u: u["rank"])]
    drv.execute_script("document.getElementById('by-unit').scrollIntoView();")
    _shot(drv, "51-loop-progress-ranking")
    # a viewer and another unit: the new pages without the person
    _cycle_login(drv, server, "vi")
    for url, shot in (("/callbacks?show=all", "52-loop-viewer-callbacks"), (f"/spotchecks/{spot_id}", None),
                      (f"/cases/{first}", "53-loop-viewer-case")):
        drv.get(server.url + url)
        assert all(secret not in drv.page_source for secret in LOOP_PERSON), url
        if shot:
            _shot(drv, shot)
    _cycle_login(drv, server, "yy")
    for url in ("/cases", "/callbacks", f"/spotchecks/{spot_id}"):
        drv.get(server.url + url)
        assert "HB202405150001" not in drv.page_source and LOOP_PERSON[1] not in drv.page_source, url
    # the 专报 with the loop's sections, rendered as it prints (LibreOffice → PDF → PNG in tests/artifacts/)
    _render_report(httpx.get(server.url + "/api/v1/report", params={"format": "docx"}, headers=ed, timeout=120),
                   "loop_report")


def _render_report(response, name: str) -> None:
    """A 专报 DOCX rendered to tests/artifacts/<name>-N.png: A4 portrait, the loop's sections in it.  Rendering is
    skipped without LibreOffice, except under CI."""
    import re
    import tempfile

    assert response.status_code == 200 and response.content[:2] == b"PK", response.text[:200]
    soffice, pdftoppm = shutil.which("soffice") or shutil.which("libreoffice"), shutil.which("pdftoppm")
    if not (soffice and pdftoppm):
        if os.environ.get("CI"):
            pytest.fail("LibreOffice or poppler missing under CI (make render installs them)")
        warnings.warn("专报 NOT RENDERED: LibreOffice (soffice) or poppler (pdftoppm) missing")
        return
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / f"{name}.docx"
        docx.write_bytes(response.content)
        proc = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to", "pdf",
                               "--outdir", tmp, str(docx)], capture_output=True, timeout=240)
        pdf = Path(tmp) / f"{name}.pdf"
        assert pdf.is_file(), proc.stderr.decode(errors="replace")
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
        assert size and abs(float(size[1]) - 595.3) < 2 and abs(float(size[2]) - 841.9) < 2, info  # A4 portrait
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "责任单位排名" in text and "回访与抽查复核" in text and "逾期及督办信访件" in text, text[:500]
        for old in ARTIFACTS.glob(f"{name}-*.png"):
            old.unlink()
        subprocess.run([pdftoppm, "-r", "80", "-png", str(pdf), str(ARTIFACTS / name)], check=True)


def test_repeats_alerts_and_the_map_in_the_browser(tmp_path, browser):
    """Issue 28 as a clerk sees it: six weekly 交办表 (tests/test_office_repeats.py), then the 重复件 list and a
    group, the 热点预警 and the county map (示意图, a county's name and value on hover) — screenshots 28-*.png."""
    from selenium.webdriver.common.by import By

    from test_office_repeats import MONDAY, weeks

    data = tmp_path / "petitionnlp-data"
    add_users(data)
    srv = Server(data).start()
    try:
        ed = srv.token("editor")
        for week, table in enumerate(weeks()):
            r = httpx.post(srv.url + "/api/v1/batches", files={"file": (f"第{week + 1}周.csv", table)}, headers=ed,
                           timeout=120)
            assert r.status_code in (200, 201), r.text
        drv = browser
        _login(drv, srv, "editor")
        drv.get(srv.url + "/repeats")
        rows = drv.find_elements(By.CSS_SELECTOR, "#repeat-groups tbody tr")
        assert len(rows) == 4 and "多次" in rows[0].text
        _shot(drv, "28-01-editor-repeats")
        rows[-1].find_element(By.TAG_NAME, "a").click()
        _wait(drv, lambda d: "/repeats/" in d.current_url)
        assert len(drv.find_elements(By.CSS_SELECTOR, "#group-cases tbody tr")) == 4 and "新塘村" in drv.page_source
        _shot(drv, "28-02-editor-repeat-group")
        start = (MONDAY + dt.timedelta(weeks=5)).isoformat()
        end = (MONDAY + dt.timedelta(weeks=5, days=6)).isoformat()
        drv.delete_all_cookies()
        _login(drv, srv, "viewer")
        drv.get(srv.url + f"/alerts?from={start}&to={end}")
        assert drv.find_elements(By.CSS_SELECTOR, '#alerts tr[data-region="湖南省/衡阳市/衡南县"]')
        _shot(drv, "28-03-viewer-alerts")
        drv.get(srv.url + f"/map?from={MONDAY.isoformat()}&to={end}")
        county = drv.find_element(By.CSS_SELECTOR, 'path[data-region="湖南省/衡阳市/衡南县"]')
        title = county.find_element(By.TAG_NAME, "title").get_attribute("textContent")
        assert title.startswith("衡阳市衡南县：") and title.endswith("件")
        assert len(drv.find_elements(By.CSS_SELECTOR, "path[data-region]")) >= 100 and "示意图" in drv.page_source
        assert 'href="/repeats"' not in drv.page_source  # not a viewer's
        _shot(drv, "28-04-viewer-map")
    finally:
        srv.stop()
