"""One shared PostgreSQL database, several servers and workers (issue 20), with real processes: ``petitionnlp
migrate``, two ``petitionnlp serve`` on their own ports with no data folder, ``petitionnlp worker`` killed with
SIGKILL in the middle of a batch and another one started, the batch read back through the other server complete
and in order, the database stopped (503) and started again (200, the same server processes), and a ``pg_dump``
backup restored into a new database."""

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BIN, run_cli
from pgcluster import _free_port

ROWS = 3000
TEXTS = ["衡阳市雁峰区某餐馆油烟扰民，夜间排放严重", "益阳市赫山区某养猪场粪污直排附近小河", "长沙市岳麓区某工地夜间施工噪音扰民",
         "株洲市荷塘区某化工厂废气刺鼻，周边居民头晕", "湘潭市雨湖区某砂石场粉尘污染，道路扬尘"]


def _cmd(*args):
    exe = BIN / "petitionnlp"
    return [str(exe), *args] if exe.exists() else [sys.executable, "-m", "petitionnlp.cli", *args]


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PETITIONNLP_")}
    env.update(PYTHONIOENCODING="utf-8", PETITIONNLP_WORKER_STALLED_SECONDS="3", PETITIONNLP_BATCH_CHUNK_ROWS="200")
    env.update(extra)
    return env


class Proc:
    def __init__(self, *args, cwd, env=None):
        self.log = open(Path(cwd) / f"proc-{time.monotonic_ns()}.log", "wb")
        self.p = subprocess.Popen(_cmd(*args), cwd=cwd, env=_env(**(env or {})), stdout=self.log,
                                  stderr=subprocess.STDOUT)

    def kill(self, sig=signal.SIGKILL):
        if self.p.poll() is None:
            self.p.send_signal(sig)
            try:
                self.p.wait(20)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait(10)
        self.log.close()


def _server(url, cwd, client, *extra):
    port = _free_port()
    proc = Proc("serve", "--port", str(port), "--db-url", url, *extra, cwd=cwd)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert proc.p.poll() is None, Path(proc.log.name).read_text(errors="replace")
        try:
            if client.get(base + "/healthz", timeout=2).status_code == 200:
                return proc, base
        except Exception:  # noqa: BLE001 — not listening yet
            pass
        time.sleep(0.3)
    proc.kill()
    raise AssertionError("the server did not start")


def _token(client, base, name):
    r = client.post(base + "/api/v1/token", data={"username": name, "password": f"{name}-password-1"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _csv(n):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["受理编号", "交办问题基本情况"])
    for i in range(n):
        w.writerow([f"S{i:05d}", f"{TEXTS[i % len(TEXTS)]}（第{i}件）"])
    return buf.getvalue().encode("utf-8")


def _wait(predicate, seconds, what, every=0.3):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        got = predicate()
        if got:
            return got
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")


def test_two_servers_and_workers_on_one_database(pg_cluster, pg_url, tmp_path):
    import httpx

    procs: list[Proc] = []
    client = httpx.Client(timeout=30)
    try:
        # an old (here: empty) schema is refused with one line, before anything listens
        refused = subprocess.run(_cmd("serve", "--port", str(_free_port()), "--db-url", pg_url), cwd=tmp_path,
                                 env=_env(), capture_output=True, timeout=120)
        err = refused.stderr.decode()
        assert refused.returncode == 2 and "petitionnlp migrate" in err and len(err.strip().splitlines()) == 1, err
        code, _, err = run_cli("migrate", "--db-url", pg_url)
        assert code == 0, err
        for name, role in (("admin", "admin"), ("ed", "editor"), ("vi", "viewer")):
            code, _, err = run_cli("user", "add", name, "--role", role, "--db-url", pg_url,
                                   stdin=f"{name}-password-1\n".encode())
            assert code == 0, err

        a, base_a = _server(pg_url, tmp_path, client)
        b, base_b = _server(pg_url, tmp_path, client, "--workers", "2")  # two processes on one port
        procs += [a, b]
        # the first worker stores 10 rows a transaction: on an idle machine too it is still at work when killed
        first = Proc("worker", "--db-url", pg_url, cwd=tmp_path, env={"PETITIONNLP_BATCH_CHUNK_ROWS": "10"})
        procs.append(first)
        ed_a, ed_b = _token(client, base_a, "ed"), _token(client, base_b, "ed")

        r = client.post(base_a + "/api/v1/batches", files={"file": ("全省.csv", _csv(ROWS))}, headers=ed_a)
        assert r.status_code == 201, r.text
        up = r.json()
        assert up["rows"] == ROWS and up["job_id"]
        job_url = f"{base_b}/api/v1/jobs/{up['job_id']}"

        def stored():
            got = client.get(f"{base_b}/api/v1/batches/{up['batch_id']}", headers=ed_b).json()
            return got["done_rows"] if got["done_rows"] > 0 else None

        before_kill = _wait(stored, 120, "the first worker's first rows", every=0.02)
        assert client.get(job_url, headers=ed_b).json()["worker"].endswith(f":{first.p.pid}")
        first.kill(signal.SIGKILL)  # in the middle of the batch
        killed_at = client.get(f"{base_b}/api/v1/batches/{up['batch_id']}", headers=ed_b).json()["done_rows"]
        assert killed_at < ROWS, "the batch finished before the worker could be killed"
        second = Proc("worker", "--db-url", pg_url, cwd=tmp_path)
        procs.append(second)

        job = _wait(lambda: (j := client.get(job_url, headers=ed_b).json())["state"] in ("done", "failed") and j,
                    240, "the batch's job")
        assert job["state"] == "done" and job["kind"] == "batch" and job["progress"] == 1.0, job
        assert job["attempts"] >= 2 and not job["worker"].endswith(f":{first.p.pid}")  # taken over
        assert 0 < before_kill <= killed_at < ROWS

        got = client.get(f"{base_b}/api/v1/batches/{up['batch_id']}/petitions", headers=ed_b).json()["petitions"]
        assert [p["row"]["受理编号"] for p in got] == [f"S{i:05d}" for i in range(ROWS)]  # once each, in order
        assert len({p["id"] for p in got}) == ROWS and all(p["pollution_types"] for p in got)
        assert got[0]["pollution_types"][0] == "大气" and got[2]["pollution_types"][0] == "噪声"

        # a correction through one server is seen through the other, and audited
        pid = got[1]["id"]
        r = client.patch(f"{base_a}/api/v1/petitions/{pid}", json={"pollution_types": ["土壤", "水"]}, headers=ed_a)
        assert r.status_code == 200
        assert client.get(f"{base_b}/api/v1/petitions/{pid}", headers=ed_b).json()["pollution_types"] == ["土壤", "水"]
        if "version" in r.json():  # the lifecycle's version column: a change on a stale read is refused
            stale = client.patch(f"{base_b}/api/v1/petitions/{pid}",
                                 json={"pollution_types": ["生态"], "version": r.json()["version"] - 1}, headers=ed_b)
            assert stale.status_code == 409 and "error" in stale.json()
        admin = _token(client, base_b, "admin")
        events = client.get(f"{base_b}/api/v1/audit", headers=admin).json()["events"]
        assert any(e["action"] == "correct" and e["target"] == f"petition:{pid}" for e in events)
        second.kill(signal.SIGTERM)

        # the database goes away: 503 with one JSON error, then back without restarting the servers
        pg_cluster.stop()
        try:
            down = client.get(f"{base_b}/api/v1/batches", headers=ed_b)
            assert down.status_code == 503 and set(down.json()) == {"error"}, down.text
            assert "Traceback" not in down.text and "postgres" not in down.text
        finally:
            pg_cluster.start()
        back = _wait(lambda: (x := client.get(f"{base_b}/api/v1/batches", headers=ed_b)).status_code == 200 and x,
                     30, "the server's recovery")
        assert back.json()["batches"][0]["batch_id"] == up["batch_id"]
        assert client.get(f"{base_a}/api/v1/batches/{up['batch_id']}", headers=ed_a).status_code == 200
        assert a.p.poll() is None and b.p.poll() is None  # the same processes
    finally:
        client.close()
        for p in procs:
            p.kill(signal.SIGTERM)  # uvicorn's supervisor stops its server processes


def test_pg_dump_backup_restores_into_a_new_database(pg_cluster, pg_url, tmp_path):
    from petitionnlp.office.workbench import Workbench
    from petitionnlp.office.store import Store

    Store(url=pg_url).migrate()
    wb = Workbench(tmp_path / "scratch", background=False, db_url=pg_url)
    user = wb.store.add_user("ed", "x", "editor")
    batch = wb.upload("b.csv", _csv(40), user)
    assert batch["state"] == "done" and batch["rows"] == 40
    wb.close()
    dump = tmp_path / "workbench.dump"
    libpq = pg_url.replace("+psycopg", "")
    subprocess.run([pg_cluster.tool("pg_dump"), "-Fc", "-f", str(dump), libpq], check=True, timeout=120,
                   capture_output=True)
    restored = pg_cluster.new_database("restored")
    subprocess.run([pg_cluster.tool("pg_restore"), "--no-owner", "-d", restored.replace("+psycopg", ""), str(dump)],
                   check=True, timeout=120, capture_output=True)
    again = Store(url=restored)
    again.check_schema()  # the restored database is current: no migrate needed
    rows = again.petitions(batch["id"])
    assert [r["row"]["受理编号"] for r in rows] == [f"S{i:05d}" for i in range(40)]
    assert again.file_data(again.batch(batch["id"])["file_id"]) == _csv(40)  # the uploaded file itself


def test_a_change_on_a_stale_read_is_refused_by_the_store():
    from types import SimpleNamespace

    from petitionnlp.office.errors import Stale as StaleVersion
    from petitionnlp.office.lifecycle import check_version

    record = SimpleNamespace(version=3)
    check_version(record, 3)
    check_version(record, None)  # without a version, changes apply in arrival order
    with pytest.raises(StaleVersion) as got:
        check_version(record, 2)
    assert got.value.current == 3 and "409" not in str(got.value)
