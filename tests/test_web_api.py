"""The workbench's HTTP API and pages, driven in-process with FastAPI's TestClient over a real data folder
(issue 11): tokens and roles, the CLI's answers, batches in input order, corrections kept and audited,
redaction for viewers, size limits, one error format, CSRF on forms, model versions."""

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from conftest import ROOT, run_cli

SAMPLE = ROOT / "corpora" / "samples" / "petitions_sample.csv"
PHONE = "13807341234"


def make_client(data_dir, db_url=None, **kw):
    from petitionnlp.web.app import create_app
    from petitionnlp.web.auth import Auth

    app = create_app(data_dir, background=False, db_url=db_url)
    auth = Auth(app.state.workbench.store)
    for name, role in (("admin", "admin"), ("ed", "editor"), ("vi", "viewer")):
        if app.state.workbench.store.user(username=name) is None:
            auth.add_user(name, f"{name}-password-1", role)
    return TestClient(app, **kw)


@pytest.fixture()
def client(backend):
    with make_client(backend["data_dir"], backend["db_url"]) as c:
        yield c


def token(client, name):
    r = client.post("/api/v1/token", data={"username": name, "password": f"{name}-password-1"})
    assert r.status_code == 200, r.text
    assert r.json()["token_type"] == "bearer"
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def upload(client, headers, path=SAMPLE, name=None, content=None):
    data = content if content is not None else path.read_bytes()
    return client.post("/api/v1/batches", files={"file": (name or path.name, data)}, headers=headers)


def test_health_and_401_without_a_token(client):
    assert client.get("/healthz").status_code == 200
    for method, url in (("post", "/api/v1/classify"), ("post", "/api/v1/extract"), ("get", "/api/v1/search?q=噪声"),
                        ("post", "/api/v1/batches"), ("get", "/api/v1/batches/1/petitions"),
                        ("patch", "/api/v1/petitions/1"), ("get", "/api/v1/audit")):
        r = getattr(client, method)(url)
        assert r.status_code == 401 and set(r.json()) == {"error"}, (url, r.text)
    r = client.get("/api/v1/audit", headers={"Authorization": "Bearer not-a-token"})
    assert r.status_code == 401


def test_wrong_password_and_login_limit(client):
    r = client.post("/api/v1/token", data={"username": "ed", "password": "wrong"})
    assert r.status_code == 401 and "error" in r.json()
    for _ in range(5):
        client.post("/api/v1/token", data={"username": "vi", "password": "wrong"})
    r = client.post("/api/v1/token", data={"username": "vi", "password": "vi-password-1"})
    assert r.status_code == 429 and "error" in r.json()  # even the right password waits now


def test_classify_and_extract_answer_as_the_cli(client, tmp_path):
    texts = ["衡阳市雁峰区某餐馆油烟扰民", "益陽市赫山區某養豬場糞污直排附近小河", "#VALUE!", "通道县城河边有人非法采砂"]
    r = client.post("/api/v1/classify", json={"texts": texts, "province": None}, headers=token(client, "vi"))
    assert r.status_code == 200
    api = r.json()["results"]
    src = tmp_path / "t.txt"
    src.write_text("\n".join(texts) + "\n", encoding="utf-8")
    code, out, err = run_cli("classify", src)
    cli = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(api) == len(cli) == 4
    for a, c in zip(api, cli):
        for k in ("pollution_types", "pollution_scores", "province", "city", "county", "region_evidence", "error"):
            assert a[k] == c[k], k
    brief = (ROOT / "corpora/samples/briefing_hunan_2017_15.txt").read_text(encoding="utf-8")
    r = client.post("/api/v1/extract", json={"text": brief, "date": "2017-05-15"}, headers=token(client, "vi"))
    src = tmp_path / "b.txt"
    src.write_text(brief, encoding="utf-8")
    code, out, _ = run_cli("extract", src, "--date", "2017-05-15")
    assert r.status_code == 200 and r.json() == json.loads(out)
    # t46: a title given apart (the page's year only in it) anchors the text's month-days, on both ways in
    src.write_text("各县要于3月5日前完成整改。", encoding="utf-8")
    r = client.post("/api/v1/extract", json={"text": "各县要于3月5日前完成整改。", "title": "2019年第一季度整改简报"},
                    headers=token(client, "vi"))
    code, out, _ = run_cli("extract", src, "--title", "2019年第一季度整改简报")
    assert code == 0 and r.status_code == 200 and r.json() == json.loads(out)
    assert [(t["text"], t["value"]) for t in r.json()["time_expressions"]] == [("3月5日前", "2019-03-05")]
    # t46c: without a date both ways take the page's signature, not a law's date in a sentence
    text = "请于7月15日前完成整改。\n2015年1月1日起施行的条例要求落实。\n某县生态环境局\n2019年7月8日"
    src.write_text(text, encoding="utf-8")
    r = client.post("/api/v1/extract", json={"text": text}, headers=token(client, "vi"))
    code, out, _ = run_cli("extract", src)
    assert code == 0 and r.status_code == 200 and r.json() == json.loads(out)
    assert r.json()["date"] == "2019-07-08"


def test_batches_roles_corrections_audit_and_restart(backend):
    data, url = backend["data_dir"], backend["db_url"]
    with make_client(data, url) as client:
        ed, vi, admin = token(client, "ed"), token(client, "vi"), token(client, "admin")
        assert upload(client, vi).status_code == 403  # viewers do not upload
        r = upload(client, ed)
        assert r.status_code == 201, r.text
        got = r.json()
        assert got["rows"] == 12 and got["errors"] == 1
        job = client.get(f"/api/v1/jobs/{got['job_id']}", headers=vi).json()
        assert set(job) >= {"id", "kind", "state", "progress", "message"}
        assert job["kind"] == "batch" and job["state"] == "done" and job["progress"] == 1.0
        assert client.get("/api/v1/jobs/99999", headers=vi).status_code == 404
        petitions = client.get(f"/api/v1/batches/{got['batch_id']}/petitions", headers=ed).json()["petitions"]
        assert [p["row"]["序号"] for p in petitions] == [str(i) for i in range(1, 13)]  # input order
        first = petitions[0]
        assert {"id", "row", "text", "pollution_types", "city", "priority", "department", "due_date", "status"} <= set(first)
        assert first["status"] == "待办" and first["due_date"] == "2024-06-05"
        pid = first["id"]
        assert client.patch(f"/api/v1/petitions/{pid}", json={"status": "已办结"}, headers=vi).status_code == 403
        r = client.patch(f"/api/v1/petitions/{pid}", json={"pollution_types": ["水", "噪声"], "county": "珠晖区",
                                                            "status": "办理中"}, headers=ed)
        assert r.status_code == 200 and r.json()["pollution_types"] == ["水", "噪声"]
        bad = client.patch(f"/api/v1/petitions/{pid}", json={"pollution_types": ["毒气"]}, headers=ed)
        assert bad.status_code == 422 and "error" in bad.json()
        assert client.get("/api/v1/audit", headers=vi).status_code == 403
        assert client.get("/api/v1/audit", headers=ed).status_code == 403
    with make_client(data, url) as client:  # a new server process on the same folder or database
        admin = token(client, "admin")
        p = client.get(f"/api/v1/petitions/{pid}", headers=admin).json()
        assert p["pollution_types"] == ["水", "噪声"] and p["county"] == "珠晖区" and p["status"] == "办理中"
        events = client.get("/api/v1/audit", headers=admin).json()["events"]
        assert set(events[0]) >= {"time", "user", "action", "target"}
        assert any(e["action"] == "correct" and e["user"] == "ed" and e["target"] == f"petition:{pid}" for e in events)
        assert any(e["action"] == "upload" for e in events) and any(e["action"] == "login" for e in events)
        records = client.app.state.workbench.store.training_records()
        assert [r["types"] for r in records] == [["水", "噪声"]]  # the correction is a training record


def test_a_batch_interrupted_mid_way_ends_with_every_row_once_in_order(backend, monkeypatch):
    """A worker dies after some chunks are stored (here: the database write of the third chunk fails as if the
    process had died); the job run again goes on after the stored rows."""
    from petitionnlp.settings import get_settings
    from petitionnlp.office.workbench import Workbench

    monkeypatch.setattr(get_settings(), "batch_chunk_rows", 7)
    wb = Workbench(backend["data_dir"], background=False, db_url=backend["db_url"])
    user = wb.store.add_user("ed", "x", "editor")
    rows = [["受理编号", "交办问题基本情况"]] + [[f"R{i:03d}", f"衡阳市某餐馆油烟扰民第{i}件"] for i in range(30)]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    batch = wb.store.add_batch(name="b", filename="b.csv", uploaded_by=user["id"], state="processing")
    wb.store.update_batch(batch["id"], file_id=wb.store.add_file("b.csv", buf.getvalue().encode()))
    job = wb.store.add_job("batch", "ed", batch_id=batch["id"])
    real, calls = wb.store.add_chunk, []

    def dies_at_the_third(*args, **kw):
        calls.append(1)
        if len(calls) == 3:
            raise SystemExit("killed")
        return real(*args, **kw)

    monkeypatch.setattr(wb.store, "add_chunk", dies_at_the_third)
    with pytest.raises(SystemExit):
        wb.run_job(job["id"])
    assert wb.store.batch(batch["id"])["done_rows"] == 14 and wb.store.job(job["id"])["state"] == "running"
    done = wb.run_job(job["id"])  # another worker takes the job over
    assert done["state"] == "done" and done["attempts"] == 2
    got = wb.store.petitions(batch["id"])
    assert [p["row"]["受理编号"] for p in got] == [f"R{i:03d}" for i in range(30)]
    assert [p["row_index"] for p in got] == list(range(30))
    assert wb.store.batch(batch["id"])["rows"] == 30 and wb.run_job(job["id"]) is None  # finished jobs stay so
    wb.close()


def test_viewers_never_see_a_petitioners_phone(client):
    rows = [["序号", "举报人", "联系电话", "交办问题基本情况"],
            ["1", "张建国", PHONE, f"举报人张建国反映某搅拌站夜间噪声扰民，联系电话{PHONE}。"]]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    ed, vi = token(client, "ed"), token(client, "vi")
    batch = upload(client, ed, name="pii.csv", content=buf.getvalue().encode("gb18030")).json()["batch_id"]
    as_viewer = client.get(f"/api/v1/batches/{batch}/petitions", headers=vi)
    assert PHONE not in as_viewer.text and "张建国" not in as_viewer.text
    p = as_viewer.json()["petitions"][0]
    assert "【电话】" in p["text"] and p["row"]["联系电话"] == "【电话】" and p["pollution_types"] == ["噪声"]
    assert PHONE in client.get(f"/api/v1/batches/{batch}/petitions", headers=ed).text  # editors work on the text
    search = client.get("/api/v1/search", params={"q": "搅拌站"}, headers=vi)
    assert search.status_code == 200 and PHONE not in search.text
    page = as_user(client, _login(client, "vi")).get(f"/petitions/{p['id']}")
    assert page.status_code == 200 and PHONE not in page.text and "【电话】" in page.text


def test_a_gb18030_upload_of_1000_rows_comes_back_complete_and_in_order(client):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["受理编号", "交办问题基本情况"])
    for i in range(1000):
        w.writerow([f"D{i:05d}", f"第{i}号 衡阳市雁峰区某{'餐馆油烟' if i % 2 else '工厂污水'}扰民"])
    ed = token(client, "ed")
    r = upload(client, ed, name="千行.csv", content=buf.getvalue().encode("gb18030"))
    assert r.status_code == 201 and r.json()["rows"] == 1000 and r.json()["errors"] == 0
    got = client.get(f"/api/v1/batches/{r.json()['batch_id']}/petitions", headers=ed).json()["petitions"]
    assert [p["row"]["受理编号"] for p in got] == [f"D{i:05d}" for i in range(1000)]
    assert got[1]["pollution_types"][0] == "大气" and got[2]["pollution_types"][0] == "水"


def test_errors_are_json_and_bodies_are_limited(client):
    ed = token(client, "ed")
    r = client.post("/api/v1/classify", content=b"{not json", headers={**ed, "content-type": "application/json"})
    assert r.status_code == 422 and set(r.json()) == {"error"}
    r = client.post("/api/v1/classify", content=b"x" * (5 << 20), headers={**ed, "content-type": "application/json"})
    assert r.status_code == 413 and "error" in r.json()
    r = client.get("/api/v1/batches/999/petitions", headers=ed)
    assert r.status_code == 404 and "error" in r.json()
    r = upload(client, ed, name="bad.xlsx", content=b"PK\x03\x04 not a workbook")
    assert r.status_code == 422 and "Traceback" not in r.text and "error" in r.json()
    assert "/tmp" not in r.text  # no server path in the answer
    r = upload(client, ed, name="tool.exe", content=b"MZ\x00\x00" * 100)
    assert r.status_code == 422 and "E005" in r.json()["error"]
    store = client.app.state.workbench.store
    for b in store.batches():  # refused files are not kept on the server
        assert b["state"] == "failed" and b["file_id"] is None and b["message"]
    jobs = store.jobs()
    assert len(jobs) == 2 and all(j["state"] == "failed" and j["message"] for j in jobs)  # each says why
    assert not [p for p in client.app.state.workbench.data_dir.rglob("*") if p.is_file() and "upload" in p.name]


def test_a_period_whose_start_is_after_its_end_is_refused_by_every_list_figure_and_map(client):
    """from > to is a period without a day: 422 with the office's words (O281) from every API answer that takes a
    period — not 200 with zeros from some (进度, 专报, 公开表, 统计, 重复件, 回访, 案件, 检索) and 422 from others
    (热点, 地图), so a program's mistake is never read as an office with nothing to report."""
    ed = token(client, "ed")
    period = {"from": "2024-05-20", "to": "2024-05-01"}
    for path in ("/api/v1/progress", "/api/v1/report", "/api/v1/public", "/api/v1/stats", "/api/v1/repeats",
                 "/api/v1/callbacks", "/api/v1/petitions", "/api/v1/search", "/api/v1/alerts", "/api/v1/map"):
        r = client.get(path, params={**period, "q": "噪声"} if path.endswith("search") else period, headers=ed)
        assert r.status_code == 422, (path, r.status_code, r.text[:200])
        assert r.json()["error"] == "[O281] 统计期间的起始日期不能晚于截止日期：2024年5月20日 晚于 2024年5月1日", path
    # 抽查 draws from a period too: the same words, not "no approved cases in the period" (O233)
    r = client.post("/api/v1/spotchecks", json={**period, "rate": 0.5}, headers=ed)
    assert r.status_code == 422 and r.json()["error"].startswith("[O281] "), r.text[:200]
    ok = client.get("/api/v1/progress", params={"from": "2024-05-01", "to": "2024-05-01"}, headers=ed)
    assert ok.status_code == 200 and ok.json()["total"] == 0  # one day is a period


def test_export_xlsx_with_corrections_and_redacted(client):
    ed, vi = token(client, "ed"), token(client, "vi")
    rows = [["交办问题基本情况"], [f"举报人张建国反映某砂石厂粉尘污染，电话{PHONE}"]]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    batch = upload(client, ed, name="x.csv", content=buf.getvalue().encode("utf-8")).json()["batch_id"]
    pid = client.get(f"/api/v1/batches/{batch}/petitions", headers=ed).json()["petitions"][0]["id"]
    client.patch(f"/api/v1/petitions/{pid}", json={"pollution_types": ["土壤"]}, headers=ed)
    assert client.get(f"/api/v1/batches/{batch}/export.xlsx", headers=vi).status_code == 403
    full = client.get(f"/api/v1/batches/{batch}/export.xlsx", headers=ed)
    sheet = list(load_workbook(io.BytesIO(full.content)).active.iter_rows(values_only=True))
    head = list(sheet[0])
    assert sheet[1][head.index("污染类型")] == "土壤" and PHONE in sheet[1][head.index("交办问题基本情况")]
    red = client.get(f"/api/v1/batches/{batch}/export.xlsx?redacted=1", headers=ed)
    sheet = list(load_workbook(io.BytesIO(red.content)).active.iter_rows(values_only=True))
    assert PHONE not in json.dumps(sheet, ensure_ascii=False, default=str) and "【电话】" in sheet[1][0]


def test_briefings_and_deadlines(client):
    ed = token(client, "ed")
    text = "督察办工作简报\n2024年5月6日\n会议要求，各县市区要在5月10日前完成自查，每3天一报告整改进展。"
    r = client.post("/api/v1/briefings", json={"text": text}, headers=ed)
    assert r.status_code == 201 and r.json()["directives"]
    due = client.app.state.workbench.deadlines(today=__import__("datetime").date(2024, 5, 8))
    assert [d["due"] for d in due["this_week"]] == ["2024-05-10"]
    assert client.app.state.workbench.deadlines(today=__import__("datetime").date(2024, 5, 20))["overdue"]
    # t46: a title given apart from a text without a year (2019年 only in it) dates the text's deadline
    r = client.post("/api/v1/briefings", json={"text": "会议要求，各县要在3月5日前完成整改。", "title": "2019年第一季度整改简报"},
                    headers=ed)
    assert r.status_code == 201 and r.json()["directives"][0]["deadline"]["value"] == "2019-03-05"


def test_models_retrain_activate_rollback(client):
    admin, ed = token(client, "admin"), token(client, "ed")
    assert client.post("/api/v1/models/retrain", headers=ed).status_code == 403
    assert client.post("/api/v1/models/retrain", headers=admin).status_code == 409  # nothing corrected yet
    batch = upload(client, ed).json()["batch_id"]
    for p in client.get(f"/api/v1/batches/{batch}/petitions", headers=ed).json()["petitions"][:6]:
        if p["pollution_types"]:
            client.patch(f"/api/v1/petitions/{p['id']}", json={"pollution_types": p["pollution_types"][:1]}, headers=ed)
    r = client.post("/api/v1/models/retrain", headers=admin)
    assert r.status_code == 202, r.text
    job = client.get(f"/api/v1/jobs/{r.json()['job_id']}", headers=ed).json()
    assert job["kind"] == "retrain" and job["state"] == "done" and job["progress"] == 1.0, job
    versions = client.get("/api/v1/models", headers=admin).json()["versions"]
    shipped_real = sum(1 for ln in (ROOT / "corpora/train/real_petitions.jsonl").open(encoding="utf-8")
                       if json.loads(ln)["types"])  # the shipped real records are the base of every retraining
    assert len(versions) == 1 and versions[0]["card"]["n_real"] > shipped_real
    assert "path" not in versions[0]  # no server path in an answer (issue 18)
    assert versions[0]["created_at"].endswith("+08:00")  # the office's time with its offset, as every time of the API
    stored = client.app.state.workbench.store.model_versions()[0]
    assert stored["file_id"] and stored["path"].startswith("database:")  # the folder is in the database
    r = client.post(f"/api/v1/models/{versions[0]['id']}/activate", headers=admin)
    assert r.status_code == 200 and client.get("/api/v1/models", headers=admin).json()["active"] == versions[0]["name"]
    assert client.post("/api/v1/classify", json={"texts": ["餐馆油烟扰民"]}, headers=ed).status_code == 200
    assert client.post("/api/v1/models/rollback", headers=admin).json()["active"] == "shipped"


def _login(client, name):
    page = client.get("/login")
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    r = client.post("/login", data={"username": name, "password": f"{name}-password-1", "csrf_token": csrf},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/batches"
    assert "httponly" in r.headers["set-cookie"].lower() and "samesite=lax" in r.headers["set-cookie"].lower()
    return r.cookies.get("pnlp_session")


def as_user(client, cookie):
    """The client with this session's cookie (and no other)."""
    client.cookies.clear()
    client.cookies.set("pnlp_session", cookie)
    return client


def test_pages_need_a_session_and_forms_need_their_csrf_token(client):
    r = client.get("/batches", follow_redirects=False, headers={"accept": "text/html"})
    assert r.status_code == 303 and r.headers["location"] == "/login"
    ed, vi, admin = _login(client, "ed"), _login(client, "vi"), _login(client, "admin")
    page = as_user(client, ed).get("/batches")
    assert page.status_code == 200 and "上传" in page.text and "csrf_token" in page.text
    r = client.post("/batches", files={"file": ("a.csv", SAMPLE.read_bytes())}, follow_redirects=False)
    assert r.status_code == 403 and "表单已过期或来源不明" in r.text and "Traceback" not in r.text
    csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    r = client.post("/batches", files={"file": ("a.csv", SAMPLE.read_bytes())}, data={"csrf_token": csrf},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/batches/")
    batch = as_user(client, vi).get(r.headers["location"])
    assert batch.status_code == 200 and 'class="edit"' not in batch.text  # viewers get no edit forms
    assert client.get("/audit", headers={"accept": "text/html"}).status_code == 403
    as_user(client, admin)
    assert client.get("/audit").status_code == 200
    for path in ("/stats", "/briefings", "/search?q=噪声", "/models"):
        assert client.get(path).status_code == 200, path
    headers = as_user(client, vi).get("/batches").headers
    assert "default-src 'self'" in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"


def test_the_schema_is_the_migrations(backend):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from petitionnlp.office.store import Store
    from petitionnlp.office.tables import Base

    store = Store(backend["data_dir"], url=backend["db_url"])
    store.migrate()
    store.check_schema()

    def ours(obj, name, type_, reflected, compare_to):  # the job queue's tables are procrastinate's
        return not (type_ == "table" and name.startswith("procrastinate_"))

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": ours})
        assert compare_metadata(context, Base.metadata) == []


def test_user_add_reads_the_password_from_stdin(tmp_path):
    code, _, err = run_cli("user", "add", "新同事", "--role", "editor", "--data", tmp_path, stdin=b"secret-pass-1\n")
    assert code == 0, err
    code, _, err = run_cli("user", "add", "x", "--role", "editor", "--data", tmp_path, stdin=b"short\n")
    assert code == 2 and "E050" in err and len(err.strip().splitlines()) == 1
    with make_client(tmp_path) as client:
        r = client.post("/api/v1/token", data={"username": "新同事", "password": "secret-pass-1"})
        assert r.status_code == 200
        from petitionnlp.office.store import Store

        h = Store(tmp_path).user(username="新同事")["password_hash"]
        assert h.startswith("$argon2") and "secret-pass-1" not in h


def test_standing_tasks_of_a_briefing_are_among_the_deadlines(client):
    """The seed briefing's one recurring duty (每3天一报告) reaches the deadlines panel, due on its next report day
    counted from the briefing's date (2017-05-15: the 18th, the 21st, …)."""
    import datetime as dt

    seed = next((ROOT.parent / "shared" / "seeds").glob("*.txt"), None)
    if seed is None:
        pytest.skip("the shared seed briefing is not beside this checkout")
    ed = token(client, "ed")
    assert client.post("/api/v1/briefings", json={"text": seed.read_text(encoding="utf-8")}, headers=ed).status_code == 201
    due = client.app.state.workbench.deadlines(today=dt.date(2017, 5, 19))
    standing = [d for d in due["this_week"] + due["later"] if d["standing"]]
    assert standing and all(d["cadence"] == "P3D" for d in standing), due
    assert standing[0]["due"] == "2017-05-21" and "报告" in standing[0]["action"]


def test_a_job_left_unfinished_by_a_stopped_server_is_taken_up_at_start(tmp_path):
    """SQLite, the server running its own jobs: a batch queued (or half done) when the server stopped is finished
    when it starts again, every row once and in order."""
    from petitionnlp.office.workbench import Workbench

    data = tmp_path / "data"
    wb = Workbench(data, background=False)
    user = wb.store.add_user("ed", "x", "editor")
    batch = wb.store.add_batch(name="s", filename="s.csv", uploaded_by=user["id"], state="processing")
    wb.store.update_batch(batch["id"], file_id=wb.store.add_file("s.csv", SAMPLE.read_bytes()))
    job = wb.store.add_job("batch", "ed", batch_id=batch["id"])  # queued, then the server stopped
    wb.close()
    wb = Workbench(data, background=True)  # the job thread takes it up
    wb.close()  # waits for the job in progress
    assert wb.store.job(job["id"])["state"] == "done"
    rows = wb.store.petitions(batch["id"])
    assert [p["row_index"] for p in rows] == list(range(12)) and wb.store.batch(batch["id"])["state"] == "done"


def _times(value, key=None):
    """Every time-like value of a JSON answer (a key ``time`` or ending in ``_at``), with its key."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _times(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _times(v, key)
    elif isinstance(value, str) and key is not None and (key == "time" or key.endswith("_at")):
        yield key, value


def test_every_time_in_the_api_is_the_offices_with_its_offset(client, monkeypatch):
    """A batch's ``uploaded_at`` was UTC with no zone (2026-12-05T09:53:59) beside the audit's …Z and a case
    history's +08:00: a program could not tell which zone it was in.  Every time is the office's (Beijing time by
    default) with its offset, and the batch's time is its upload event's."""
    import datetime as dt
    import re

    monkeypatch.setenv("PETITIONNLP_TZ", "Asia/Shanghai")
    admin, ed = token(client, "admin"), token(client, "ed")
    batch = upload(client, ed).json()["batch_id"]
    assert client.post("/api/v1/briefings", json={"text": "督察办工作简报\n2024年5月6日\n会议要求，各县市区要在5月10日前"
                                                          "完成自查。"}, headers=ed).status_code == 201
    pid = client.get(f"/api/v1/batches/{batch}/petitions", headers=ed).json()["petitions"][0]["id"]
    client.patch(f"/api/v1/petitions/{pid}", json={"pollution_types": ["水"]}, headers=ed)
    wb = client.app.state.workbench
    wb.store.add_model_version("v20261205-120000", "database:0", "admin", {"n_real": 1})  # a version, as stored
    answers = {url: client.get(url, headers=admin).json() for url in (
        f"/api/v1/batches/{batch}", "/api/v1/batches", "/api/v1/audit", f"/api/v1/petitions/{pid}",
        "/api/v1/briefings", "/api/v1/models")}
    # a model version's time is the view's, whoever reads it (the API, the models page, any caller of the office)
    created = answers["/api/v1/models"]["versions"][0]["created_at"]
    assert wb.model_versions()[0]["created_at"] == created
    _login(client, "admin")
    # shown as the office reads it, kept whole on paper (w49: a printed list broke 2026-12- / 07 at its hyphen)
    from petitionnlp.dates import chinese_time

    assert f'<td><span class="when">{chinese_time(created)}</span></td>' in client.get("/models").text  # in Chinese
    found = [(url, k, v) for url, got in answers.items() for k, v in _times(got)]
    assert {url for url, _, _ in found} >= {f"/api/v1/batches/{batch}", "/api/v1/batches", "/api/v1/audit",
                                            f"/api/v1/petitions/{pid}"}
    bad = [(url, k, v) for url, k, v in found if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", v)]
    assert not bad, bad
    uploaded = dt.datetime.fromisoformat(answers[f"/api/v1/batches/{batch}"]["uploaded_at"])
    logged = next(dt.datetime.fromisoformat(e["time"]) for e in answers["/api/v1/audit"]["events"]
                  if e["action"] == "upload" and e["target"] == f"batch:{batch}")
    now = dt.datetime.now(dt.timezone.utc)
    assert abs((uploaded - logged).total_seconds()) < 60 and abs((now - uploaded).total_seconds()) < 600
