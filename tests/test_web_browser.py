"""The workbench as users meet it (issue 11): started with `petitionnlp serve` as the README says, accounts made
with `petitionnlp user add`, driven over HTTP on 127.0.0.1 and in a real headless Chromium (Debian's `chromium`
and `chromium-driver`, which `make test` installs when it runs as root).  Screenshots go to tests/artifacts/."""

import csv
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


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("workbench") / "petitionnlp-data"
    for role, (name, password) in USERS.items():
        proc = subprocess.run([str(BIN / "petitionnlp"), "user", "add", name, "--role", role, "--data", str(data)],
                              input=(password + "\n").encode(), capture_output=True)
        assert proc.returncode == 0, proc.stderr.decode()
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
    for role, (name, password) in USERS.items():
        subprocess.run([str(BIN / "petitionnlp"), "user", "add", name, "--role", role, "--data", str(data)],
                       input=(password + "\n").encode(), check=True, capture_output=True)
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
    # the browser of a clerk in China: its own words (选择文件, 年/月/日) in Chinese, as the screenshots show them
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

CYCLE_USERS = {"ed": "editor", "hy": "unit", "yy": "unit", "boss": "admin"}


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
    assert drv.find_elements(By.CSS_SELECTOR, "tr.late") and "2024-06-05" in drv.page_source
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
    assert any("交办" in s for s in steps) and any("改派" in s for s in steps) and any("退回" in s for s in steps)
    _shot(drv, "29-cycle-case-timeline")
    # progress, the 专报 and the 公开表
    drv.get(server.url + "/progress")
    api = httpx.get(server.url + "/api/v1/progress", headers=ed).json()
    assert drv.find_element(By.ID, "fig-total").text == str(api["total"]) == "11"
    assert drv.find_element(By.ID, "fig-rate").text == f"{api['closure_rate'] * 100:.1f}%" == "27.3%"
    _shot(drv, "30-cycle-progress")
    cookie = {c["name"]: c["value"] for c in drv.get_cookies()}
    docx = httpx.get(drv.find_element(By.ID, "download-report").get_attribute("href"), cookies=cookie, timeout=120)
    assert docx.status_code == 200
    doc = Document(io.BytesIO(docx.content))
    total = [c.text for c in doc.tables[0].rows[-1].cells]
    assert total[:4] == ["合计", str(api["total"]), str(api["closed"]), str(api["staged"])]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"累计受理交办信访件{api['total']}件，已办结{api['closed']}件、阶段性办结{api['staged']}件" in text
    xlsx = httpx.get(drv.find_element(By.ID, "download-public").get_attribute("href"), cookies=cookie, timeout=120)
    ws = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
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
