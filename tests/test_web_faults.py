"""Faults under a busy office (issue 31), on SQLite and PostgreSQL: while the database cannot be reached every
answer is 503 (the gate's login check before a body is read included), never 500, and the server recovers by
itself; a change whose side effect (the search index) fails is still the change it was, answered 200, and the
index catches up; the first requests of a fresh server, sent at once, all succeed."""

import contextlib
import shutil
import time

import pytest
from fastapi.testclient import TestClient

from test_office_integrity import login, make_office, table, token

ROWS = [["F-001", "衡阳市雁峰区", "", "衡阳市雁峰区某餐馆油烟直排，联系人张三 13807341234"],
        ["F-002", "衡阳市雁峰区", "", "衡阳市雁峰区某工地夜间施工噪声扰民"],
        ["F-003", "衡阳市雁峰区", "", "衡阳市雁峰区某化工厂偷排废水"]]


@contextlib.contextmanager
def database_away(request, backend, store):
    """The database out of reach for the duration: PostgreSQL stopped; SQLite's folder moved away (its pooled
    connections closed first, so that the next one cannot open the file)."""
    if backend["db_url"]:
        cluster = request.getfixturevalue("pg_cluster")
        cluster.stop()
        try:
            yield
        finally:
            cluster.start()
    else:
        folder = backend["data_dir"]
        away = folder.with_name(folder.name + "-away")
        store.engine.dispose()
        shutil.move(folder, away)
        try:
            yield
        finally:
            store.engine.dispose()
            shutil.move(away, folder)


@pytest.fixture()
def office(backend):
    from petitionnlp.web.app import create_app

    app = create_app(backend["data_dir"], background=False, db_url=backend["db_url"])
    make_office(app.state.workbench.store)
    with TestClient(app) as client:
        ed = token(client, "ed")
        r = client.post("/api/v1/batches", files={"file": ("故障.csv", table(ROWS))},
                        data={"handover_date": "2024-05-15"}, headers=ed)
        assert r.status_code == 201, r.text
        ids = [p["id"] for p in client.get("/api/v1/petitions", params={"sort": "row"}, headers=ed)
               .json()["petitions"]]
        yield {"client": client, "ed": ed, "ids": ids, "wb": app.state.workbench, "backend": backend}


def _unavailable(r, html=False):
    assert r.status_code == 503, (r.status_code, r.text[:300])
    assert r.headers.get("retry-after") and r.headers.get("x-frame-options") == "DENY"
    if html:
        assert r.headers["content-type"].startswith("text/html") and "数据库暂时无法连接" in r.text
    else:
        assert set(r.json()) == {"error"} and "Traceback" not in r.text and "postgres" not in r.text


def test_every_answer_is_503_while_the_database_is_away_and_the_server_recovers(office, request):
    client, ed, pid = office["client"], office["ed"], office["ids"][0]
    csrf = login(client, "ed")  # a browser's session too
    assert client.get("/cases", headers={"Accept": "text/html"}).status_code == 200
    with database_away(request, office["backend"], office["wb"].store):
        # a write under /api: its bearer token is checked by the gate before the body is read
        _unavailable(client.patch(f"/api/v1/petitions/{pid}", json={"pollution_types": ["水"]}, headers=ed))
        _unavailable(client.post(f"/api/v1/petitions/{pid}/accept", headers=ed))
        _unavailable(client.post("/api/v1/batches", files={"file": ("b.csv", table(ROWS))}, headers=ed))
        _unavailable(client.get("/api/v1/petitions", headers=ed))          # a read: the route's dependency
        _unavailable(client.get("/api/v1/search", params={"q": "油烟"}, headers=ed))
        _unavailable(client.get("/cases", headers={"Accept": "text/html"}), html=True)   # a page
        _unavailable(client.get("/no-such-page", headers={"Accept": "text/html"}), html=True)  # the error page
        _unavailable(client.post(f"/cases/{pid}/step", data={"step": "accept", "csrf_token": csrf},
                                 headers={"Accept": "text/html"}), html=True)  # a form: the gate's session check
        if office["backend"]["db_url"]:  # the search index's own connection: out of reach, not a bad query
            from petitionnlp.errors import DatabaseUnavailable

            with pytest.raises(DatabaseUnavailable):
                office["wb"].index.search("油烟")
    deadline = time.monotonic() + 30
    while (r := client.patch(f"/api/v1/petitions/{pid}", json={"pollution_types": ["水"]}, headers=ed)
           ).status_code == 503 and time.monotonic() < deadline:
        time.sleep(0.3)
    assert r.status_code == 200 and r.json()["pollution_types"] == ["水"], r.text
    assert client.get("/cases", headers={"Accept": "text/html"}).status_code == 200


# --------------------------------------------------------------------------------- first requests at once

COLD_SERVER = """
import sys, uvicorn
from petitionnlp.web.app import create_app
app = create_app(sys.argv[1])
# no start-up: nothing warmed, every shared object built by the first request that needs it
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), lifespan="off", log_level="warning", access_log=False)
"""


def _fresh_server(tmp_path, data, warm: bool):
    import subprocess
    import sys

    import httpx

    from conftest import BIN
    from pgcluster import _free_port
    from test_web_shared import _env

    port = _free_port()
    exe = BIN / "petitionnlp"
    cmd = [str(exe), "serve", "--port", str(port), "--data", str(data)] if warm and exe.exists() else \
        [sys.executable, "-c", COLD_SERVER, str(data), str(port)]
    log = open(tmp_path / f"server-{port}.log", "wb")
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=_env(), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, (tmp_path / f"server-{port}.log").read_text(errors="replace")
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise AssertionError("the server did not start")


def test_the_first_requests_of_a_fresh_server_sent_at_once(tmp_path):
    """A fresh server process (warmed at start, as ``petitionnlp serve``; and one without its start-up, so that
    the first requests build the tokenizer, the models, the personal-information pipeline and the search's tables
    themselves, at the same moment): sixteen first requests of different kinds at once, none answered 500."""
    import threading

    import httpx

    from petitionnlp.office.workbench import Workbench
    from test_web_lifecycle import _session

    data = tmp_path / "data"
    wb = Workbench(data, background=False)
    make_office(wb.store)
    batch = wb.upload("首批.csv", table(ROWS), wb.store.user("ed"), handover_date="2024-05-15")
    pid = wb.store.petitions(batch["id"])[0]["id"]
    wb.close()
    wb.store.engine.dispose()

    for warm in (True, False):
        proc, base = _fresh_server(tmp_path, data, warm)
        try:
            with httpx.Client(base_url=base, timeout=120) as c:
                heads = {n: {"Authorization": "Bearer " + c.post("/api/v1/token", data={
                    "username": n, "password": f"{n}-password-1"}).json()["access_token"]} for n in ("ed", "vi")}
                _session(c, "vi")
                cookies = dict(c.cookies)
            calls = [("GET", f"/batches/{batch['id']}", None, None),      # a viewer's page: every cell redacted
                     ("GET", f"/petitions/{pid}", None, None),
                     ("GET", "/search?q=油烟", None, None),
                     ("GET", f"/api/v1/batches/{batch['id']}/petitions", "vi", None),
                     ("GET", "/api/v1/search?q=噪声", "vi", None),
                     ("GET", "/api/v1/search?q=油咽", "ed", None),           # a typo: the typo tables
                     ("POST", "/api/v1/classify", "ed", {"texts": ["长沙市岳麓区某工地夜间施工噪声扰民"]}),
                     ("POST", "/api/v1/classify", "vi", {"texts": ["株洲市荷塘区某化工厂废气刺鼻"]}),
                     ("POST", "/api/v1/extract", "ed", {"text": "各地要在5月20日前完成整改。"}),
                     ("GET", "/api/v1/petitions", "ed", None),
                     ("GET", "/api/v1/petitions", "vi", None),
                     ("GET", f"/api/v1/petitions/{pid}", "vi", None),
                     ("PATCH", f"/api/v1/petitions/{pid}", "ed", {"region": "湖南省/衡阳市/珠晖区"}),
                     ("GET", "/api/v1/progress", "ed", None),
                     ("GET", "/cases", None, None),
                     ("GET", "/api/v1/public", "ed", None)]
            barrier = threading.Barrier(len(calls))
            answers = [None] * len(calls)

            def send(i, method, path, who, body):
                with httpx.Client(base_url=base, timeout=120, cookies=None if who else cookies) as c:
                    c.get("/healthz")  # connected before the barrier
                    barrier.wait()
                    r = c.request(method, path, json=body, headers=heads[who] if who else {"Accept": "text/html"})
                    answers[i] = (r.status_code, r.text[:200])

            threads = [threading.Thread(target=send, args=(i, *call)) for i, call in enumerate(calls)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(300)
            failed = [(calls[i][1], a) for i, a in enumerate(answers) if a is None or a[0] != 200]
            assert not failed, (warm, failed)
        finally:
            proc.terminate()
            proc.wait(30)


THREADS_AT_ONCE = """
import threading
from petitionnlp.pii import redact_text
from petitionnlp.search.analysis import analyze
from petitionnlp.tokenize import get_tokenizer
barrier, errors = threading.Barrier(8), []
text = "衡阳市雁峰区某餐馆油烟扰民，联系人张三，电话13807341234，夜间排放严重。" * 100
def run(i):
    barrier.wait()
    try:
        for _ in range(3):
            get_tokenizer().cut(text)
            if i % 2:
                redact_text(text[:300])
            else:
                analyze("油烟扰民 噪声")
    except Exception as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
print(errors[:3])
"""


def test_the_shared_tokenizer_is_built_once_while_other_threads_cut():
    """Eight threads of a fresh process asking for the tokenizer (and redaction, and the search's analysis) at the
    same moment: one builds it, the others wait; none meets rjieba's segmenter half-built (``Already borrowed``,
    in 3 of 3 runs before the tokenizer was built under a lock)."""
    import subprocess
    import sys

    got = subprocess.run([sys.executable, "-c", THREADS_AT_ONCE], capture_output=True, text=True, timeout=300)
    assert got.returncode == 0 and got.stdout.strip() == "[]", (got.stdout, got.stderr[-2000:])


# ------------------------------------------------------------------------------ a change and its side effect

def test_a_correction_whose_index_update_fails_is_stored_answered_200_and_the_index_catches_up(office):
    """The search index out of reach for a moment (its database or file gone) while a correction is made: the
    correction is stored and answered 200 with the case as stored; the index's outbox keeps what it has still to
    follow, and the server's follower brings the index up to date once it can."""
    client, ed, wb = office["client"], office["ed"], office["wb"]
    pid = office["ids"][1]  # 噪声扰民
    search = {"q": "施工噪声", "type": "土壤"}
    assert client.get("/api/v1/search", params=search, headers=ed).json() == []
    real = wb.index.target
    pg = office["backend"]["db_url"]
    wb.index.target = pg.replace(pg.split("@", 1)[1].split("/", 1)[0], "127.0.0.1:9") if pg else \
        str(wb.data_dir / "gone" / "search.db")   # a port nobody listens on; a folder that is not there
    try:
        r = client.patch(f"/api/v1/petitions/{pid}", json={"pollution_types": ["土壤"]}, headers=ed)
        assert r.status_code == 200, r.text
        assert r.json()["pollution_types"] == ["土壤"] and r.json()["history"][-1]["action"] == "correct"
        assert wb.store.to_follow([("petition", pid)])   # kept for the follower
        time.sleep(2.5)  # the follower tries too, and fails as long as the index is away
        assert wb.store.to_follow([("petition", pid)])
    finally:
        wb.index.target = real
    got = client.get(f"/api/v1/petitions/{pid}", headers=ed).json()
    assert got["pollution_types"] == ["土壤"] and got["version"] == r.json()["version"]
    deadline = time.monotonic() + 30
    while not (hits := client.get("/api/v1/search", params=search, headers=ed).json()) and time.monotonic() < deadline:
        time.sleep(0.3)
    assert [h["id"] for h in hits] == [f"petition:{pid}"]
    assert not wb.store.to_follow([("petition", pid)])
    audit = client.get("/api/v1/audit", headers=token(client, "admin")).json()["events"]
    assert sum(e["action"] == "correct" and e["target"] == f"petition:{pid}" for e in audit) == 1


# ------------------------------------------------------------------------ an upload: all of it, or nothing

def _counts(store) -> dict:
    """How many batches, stored files, jobs and upload audit events the database holds."""
    from sqlalchemy import func, select

    from petitionnlp.office.tables import AuditEvent, Batch, Job, StoredFile

    with store.session() as s:
        return {"batches": s.scalar(select(func.count()).select_from(Batch)),
                "files": s.scalar(select(func.count()).select_from(StoredFile)),
                "jobs": s.scalar(select(func.count()).select_from(Job)),
                "uploads": s.scalar(select(func.count()).select_from(AuditEvent)
                                    .where(AuditEvent.action.in_(("upload", "upload_failed"))))}


def _away(what: str):
    """The error a database that went away raises (as SQLAlchemy wraps the driver's)."""
    from sqlalchemy.exc import OperationalError

    return OperationalError(what, {}, Exception("server closed the connection unexpectedly"))


def away_at_chunks(monkeypatch, data_dir, failing):
    """A SQLite workbench with its job thread, chunks of two rows, the database away at the calls of add_chunk
    numbered in ``failing`` (1 is the first)."""
    from petitionnlp.web.app import create_app

    monkeypatch.setenv("PETITIONNLP_BATCH_CHUNK_ROWS", "2")
    app = create_app(data_dir, background=True)
    wb = app.state.workbench
    make_office(wb.store)
    real, calls = wb.store.add_chunk, []

    def add_chunk(*args, **kwargs):
        calls.append(1)
        if len(calls) in failing:
            raise _away("INSERT INTO petitions")
        return real(*args, **kwargs)

    monkeypatch.setattr(wb.store, "add_chunk", add_chunk)
    return app


def test_an_upload_is_stored_whole_or_not_at_all(office):
    """The database goes away at the upload's last insert (its job, after its file, batch and audit event): the
    answer is 503, and none of them is stored; uploaded again once it is back, the batch is stored once, whole."""
    from sqlalchemy import event

    from petitionnlp.office.tables import Job

    client, ed, wb = office["client"], office["ed"], office["wb"]
    before = _counts(wb.store)

    def fail_at_the_job(session, *_):
        if any(isinstance(o, Job) for o in session.new):
            raise _away("INSERT INTO jobs")

    event.listen(wb.store.writing, "before_flush", fail_at_the_job)
    try:
        r = client.post("/api/v1/batches", files={"file": ("半截.csv", table(ROWS))}, headers=ed)
    finally:
        event.remove(wb.store.writing, "before_flush", fail_at_the_job)
    _unavailable(r)
    assert "数据库" in r.json()["error"]
    assert _counts(wb.store) == before  # no batch without its file, job or audit event: nothing at all
    r = client.post("/api/v1/batches", files={"file": ("半截.csv", table(ROWS))}, headers=ed)
    assert r.status_code == 201 and r.json()["rows"] == len(ROWS) and r.json()["state"] == "done", r.text
    assert _counts(wb.store) == {k: v + 1 for k, v in before.items()}


@pytest.mark.parametrize("background", [True, False], ids=["job-thread", "inline"])
def test_an_unreadable_upload_is_refused_with_its_record_and_without_its_file(backend, tmp_path, background):
    """On every path (a job thread, the request itself, a worker) the file is read through before anything is
    stored: an unreadable one is answered 422 with the reason (no server path), the batch and its job stored
    failed, in the audit log as a failed upload with its reason, its bytes not kept."""
    from petitionnlp.web.app import create_app

    app = create_app(backend["data_dir"], background=background, db_url=backend["db_url"])
    make_office(app.state.workbench.store)
    wb = app.state.workbench
    wb.queue.submit = lambda job_id: None  # nothing is to be sent: the file is refused before
    with TestClient(app) as client:
        ed = token(client, "ed")
        before = _counts(wb.store)
        r = client.post("/api/v1/batches", files={"file": ("坏表.xlsx", b"PK\x03\x04 not a workbook")}, headers=ed)
        assert r.status_code == 422 and set(r.json()) == {"error"}, r.text
        assert "/" not in r.json()["error"].replace("YYYY-MM-DD", "") and "Traceback" not in r.text
        after = _counts(wb.store)
        assert after == {**{k: v + 1 for k, v in before.items()}, "files": before["files"]}
        batch = wb.store.batches(limit=1)[0]
        job = wb.store.batch_job(batch["id"])
        assert batch["state"] == "failed" and batch["file_id"] is None and batch["message"]
        assert job["state"] == "failed" and job["message"] == batch["message"]
        # its audit line says the upload failed, and why, on both backends (上传交办表 with no reason on SQLite before)
        admin = token(client, "admin")
        event = next(e for e in client.get("/api/v1/audit", headers=admin).json()["events"]
                     if e["target"] == f"batch:{batch['id']}")
        assert (event["action"], event["label"]) == ("upload_failed", "上传交办表（未成功）"), event
        assert event["detail"]["reason"] == batch["message"] and event["detail"]["file"] == "坏表.xlsx"
        login(client, "admin")
        line = next(tr for tr in client.get("/audit").text.split("<tr>") if "坏表.xlsx" in tr)
        assert "上传交办表（未成功）" in line and "理由：" in line, line
        # a table without a text column: what to do says a clerk's words, not the command line's option
        r = client.post("/api/v1/batches", files={"file": ("无正文.csv", "编号,地址\n1,长沙\n".encode())}, headers=ed)
        assert r.status_code == 422 and "找不到正文列" in r.json()["error"] and "交办问题基本情况" in r.json()["error"]
        assert "--" not in r.json()["error"], r.text


def test_a_batch_interrupted_by_the_database_is_answered_stored_and_finished_by_the_job_thread(tmp_path,
                                                                                               monkeypatch):
    """SQLite, a server waiting for the rows: the database goes away after the first rows are stored.  The
    answer tells what is true — the batch is stored and will be finished (201, state processing, O400) — and
    the job thread's sweeper goes on after the stored rows once it is back (and once more when the database
    goes away while it looks for repeats): every row once, in order, the batch done."""
    app = away_at_chunks(monkeypatch, tmp_path / "data", (2, 3))  # the second chunk fails, and its first retry too
    wb = app.state.workbench
    real_updates, update_calls = wb.store.update_petitions, []

    def update_petitions(*args, **kwargs):  # the repeats after the rows: away once more
        update_calls.append(1)
        if len(update_calls) == 1:
            raise _away("UPDATE petitions")
        return real_updates(*args, **kwargs)

    monkeypatch.setattr(wb.store, "update_petitions", update_petitions)
    with TestClient(app) as client:
        ed = token(client, "ed")
        r = client.post("/api/v1/batches", files={"file": ("中断.csv", table(ROWS))}, headers=ed)
        assert r.status_code == 201, r.text
        up = r.json()
        assert up["state"] == "processing" and up["message"].startswith("[O400]") and up["job_id"]
        deadline = time.monotonic() + 60
        while (job := client.get(f"/api/v1/jobs/{up['job_id']}", headers=ed).json())["state"] not in (
                "done", "failed") and time.monotonic() < deadline:
            time.sleep(0.3)
        assert job["state"] == "done" and len(update_calls) == 2, job
        got = client.get(f"/api/v1/batches/{up['batch_id']}/petitions", headers=ed).json()["petitions"]
        assert [p["row"]["受理编号"] for p in got] == [row[0] for row in ROWS]  # once each, in order
        assert client.get(f"/api/v1/batches/{up['batch_id']}", headers=ed).json()["state"] == "done"
        audit = client.get("/api/v1/audit", headers=token(client, "admin")).json()["events"]
        assert sum(e["action"] == "upload" and e["target"] == f"batch:{up['batch_id']}" for e in audit) == 1


def test_an_upload_whose_job_could_not_be_sent_is_answered_stored_and_a_worker_sweeps_it(pg_cluster, pg_url,
                                                                                          tmp_path):
    """PostgreSQL: the server stores an upload, then loses the database before it can send the job to the queue.
    The answer says the batch is stored (201, O400: do not upload it again), a re-indexing likewise (202, O401);
    a worker started afterwards finds the jobs the queue has no message for and runs them: every row once, in
    order."""
    import signal

    from procrastinate.exceptions import ConnectorException

    from petitionnlp.office.store import Store
    from petitionnlp.web.app import create_app
    from test_web_shared import Proc

    Store(url=pg_url).migrate()
    app = create_app(tmp_path / "scratch", background=True, db_url=pg_url)
    wb = app.state.workbench
    make_office(wb.store)

    def submit(job_id):
        raise ConnectorException("could not send the job: connection refused")

    wb.queue.submit = submit
    worker = None
    with TestClient(app) as client:
        ed = token(client, "ed")
        r = client.post("/api/v1/batches", files={"file": ("未排队.csv", table(ROWS))}, headers=ed)
        assert r.status_code == 201, r.text
        up = r.json()
        assert up["state"] == "processing" and up["rows"] == len(ROWS) and up["message"].startswith("[O400]")
        assert client.get(f"/api/v1/jobs/{up['job_id']}", headers=ed).json()["state"] == "queued"
        admin = token(client, "admin")
        r = client.post("/api/v1/index/rebuild", headers=admin)  # a re-indexing, the same way
        assert r.status_code == 202 and r.json()["state"] == "queued" and r.json()["message"].startswith("[O401]")
        rebuild = r.json()["id"]
        audit = client.get("/api/v1/audit", headers=admin).json()["events"]
        assert [e["target"] for e in audit if e["action"] == "reindex"] == [f"job:{rebuild}"]
        try:
            worker = Proc("worker", "--db-url", pg_url, cwd=tmp_path)  # its sweeper: jobs older than 10 s
            deadline = time.monotonic() + 180
            while {client.get(f"/api/v1/jobs/{j}", headers=ed).json()["state"] for j in (up["job_id"], rebuild)} - {
                    "done", "failed"} and time.monotonic() < deadline:
                time.sleep(0.5)
        finally:
            if worker is not None:
                worker.kill(signal.SIGTERM)
        job = client.get(f"/api/v1/jobs/{up['job_id']}", headers=ed).json()
        assert job["state"] == "done", (job, open(worker.log.name, errors="replace").read()[-2000:])
        assert client.get(f"/api/v1/jobs/{rebuild}", headers=ed).json()["state"] == "done"
        got = client.get(f"/api/v1/batches/{up['batch_id']}/petitions", headers=ed).json()["petitions"]
        assert [p["row"]["受理编号"] for p in got] == [row[0] for row in ROWS]
