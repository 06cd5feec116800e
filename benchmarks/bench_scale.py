"""The workbench on one shared PostgreSQL database with 2 server processes and 2 workers against the embedded
SQLite workbench in one process, on this machine, in one run (issue 20):

1. a ROWS-row upload until every row is classified and stored (seconds, rows/s);
2. CLIENTS concurrent clients reading a queue (a batch's petitions), reading one petition and sending a
   correction, for SECONDS seconds: requests/s, p95 latency, errors;
3. a fault run on PostgreSQL: a worker killed with SIGKILL in the middle of a FAULT_ROWS-row batch (another
   worker takes it over), then the database restarted while clients read: rows in = rows out, in order, no
   duplicates, and no 5xx other than the 503s while the database was down.

    .venv/bin/python benchmarks/bench_scale.py [--rows 20000] [--seconds 60] [--clients 20] [--fault-rows 20000]

PostgreSQL is a throw-away cluster of our own (tests/pgcluster.py: installed PostgreSQL, 127.0.0.1).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "petitionnlp"
sys.path.insert(0, str(ROOT / "tests"))


def make_csv(n: int, seed: int = 20) -> bytes:
    rng = random.Random(seed)
    texts = [json.loads(x)["text"] for x in (ROOT / "corpora/train/synthetic_petitions.jsonl").open(encoding="utf-8")]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["受理编号", "交办日期", "交办问题基本情况"])
    for i in range(n):
        w.writerow([f"B{seed}-{i:06d}", "2024-05-15", rng.choice(texts)])
    return buf.getvalue().encode("utf-8")


class Processes:
    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.procs: list[subprocess.Popen] = []
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("PETITIONNLP_")}
        self.env.update(PETITIONNLP_WORKER_STALLED_SECONDS="5")

    def run(self, *args, stdin: bytes | None = None) -> None:
        subprocess.run([str(BIN), *args], input=stdin, check=True, capture_output=True, env=self.env, cwd=self.tmp)

    def start(self, *args) -> subprocess.Popen:
        log = open(self.tmp / f"{args[0]}-{len(self.procs)}.log", "wb")
        p = subprocess.Popen([str(BIN), *args], env=self.env, cwd=self.tmp, stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(p)
        return p

    def server(self, *args) -> str:
        from pgcluster import _free_port

        port = _free_port()
        p = self.start("serve", "--port", str(port), *args)
        url = f"http://127.0.0.1:{port}"
        for _ in range(600):
            if p.poll() is not None:
                raise SystemExit(f"server did not start: see {self.tmp}")
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    return url
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise SystemExit("server did not start")

    def stop_all(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGINT)
        for p in self.procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()


def token(url: str) -> dict:
    r = httpx.post(url + "/api/v1/token", data={"username": "bench", "password": "bench-password-1"}, timeout=30)
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def wait_batch(url: str, h: dict, batch_id: int, timeout: float = 3600) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            b = httpx.get(f"{url}/api/v1/batches/{batch_id}", headers=h, timeout=30).json()
            if b.get("state") in ("done", "failed"):
                return b
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.5)
    raise SystemExit("batch did not finish")


def upload_until_classified(urls: list[str], h: dict, data: bytes, name: str) -> tuple[float, dict]:
    t0 = time.perf_counter()
    r = httpx.post(urls[0] + "/api/v1/batches", files={"file": (name, data)}, headers=h, timeout=3600)
    r.raise_for_status()
    done = wait_batch(urls[-1], h, r.json()["batch_id"])
    return time.perf_counter() - t0, done


def load(urls: list[str], h: dict, batch_id: int, seconds: float, clients: int, outage=None) -> dict:
    """``clients`` threads: read the queue, read a petition, correct its status; latencies and status counts."""
    ids = [p["id"] for p in httpx.get(f"{urls[0]}/api/v1/batches/{batch_id}/petitions", headers=h,
                                      timeout=120).json()["petitions"]]
    lat: list[float] = []
    codes: dict[int, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        rng = random.Random(k)
        with httpx.Client(timeout=60) as c:
            i = 0
            while time.monotonic() < stop:
                url = urls[(k + i) % len(urls)]
                pid = rng.choice(ids)
                for method, path, body in (("GET", f"/api/v1/batches/{batch_id}/petitions?status=待办", None),
                                           ("GET", f"/api/v1/petitions/{pid}", None),
                                           ("PATCH", f"/api/v1/petitions/{pid}",
                                            {"status": rng.choice(["待办", "办理中"])})):
                    t = time.perf_counter()
                    try:
                        code = c.request(method, url + path, json=body, headers=h).status_code
                    except httpx.HTTPError:
                        code = 0  # no answer at all
                    with lock:
                        lat.append(time.perf_counter() - t)
                        codes[code] = codes.get(code, 0) + 1
                i += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    if outage:
        outage()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat.sort()
    n = len(lat)
    return {"requests": n, "rps": round(n / wall, 1), "p50_ms": round(lat[n // 2] * 1000, 1) if n else None,
            "p95_ms": round(lat[int(n * 0.95)] * 1000, 1) if n else None,
            "errors": sum(v for k, v in codes.items() if k == 0 or (k >= 400 and k != 503)),
            "503_database_down": codes.get(503, 0), "codes": codes}


def upload_and_clients(urls: list[str], h: dict, args) -> tuple[dict, dict, dict]:
    """The queue batch first (it also warms every process), then the timed upload, then the clients."""
    _, q = upload_until_classified(urls, h, make_csv(args.queue_rows, 2), "queue.csv")
    secs, b = upload_until_classified(urls, h, make_csv(args.rows, 1), "batch.csv")
    upload = {"seconds": round(secs, 1), "rows_per_s": round(args.rows / secs), "state": b["state"],
              "done_rows": b["done_rows"]}
    return upload, load(urls, h, q["batch_id"], args.seconds, args.clients), q


def check_rows(url: str, h: dict, batch_id: int, n: int, seed: int) -> dict:
    got = httpx.get(f"{url}/api/v1/batches/{batch_id}/petitions", headers=h, timeout=300).json()["petitions"]
    ids = [p["row"]["受理编号"] for p in got]
    return {"rows_in": n, "rows_out": len(got), "in_order": ids == [f"B{seed}-{i:06d}" for i in range(n)],
            "duplicates": len(ids) - len(set(ids))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--fault-rows", type=int, default=20000)
    ap.add_argument("--queue-rows", type=int, default=200, help="rows of the batch the clients read as a queue")
    args = ap.parse_args()
    from pgcluster import Cluster

    out: dict = {"rows": args.rows, "seconds": args.seconds, "clients": args.clients}
    cluster = Cluster().start()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        procs = Processes(tmp)
        try:
            # ------------------------------------------------------------------ PostgreSQL: 2 servers, 2 workers
            db = cluster.new_database("bench")
            procs.run("migrate", "--db-url", db)
            procs.run("user", "add", "bench", "--role", "editor", "--db-url", db, stdin=b"bench-password-1\n")
            pg = [procs.server("--db-url", db), procs.server("--db-url", db)]
            workers = [procs.start("worker", "--db-url", db), procs.start("worker", "--db-url", db)]
            h = token(pg[0])
            out["postgresql_upload"], out["postgresql_clients"], q = upload_and_clients(pg, h, args)

            # ------------------------------------------------------------------ SQLite: one process
            data = tmp / "data"
            procs.run("user", "add", "bench", "--role", "editor", "--data", str(data), stdin=b"bench-password-1\n")
            lite = [procs.server("--data", str(data))]
            out["sqlite_upload"], out["sqlite_clients"], _ = upload_and_clients(lite, token(lite[0]), args)

            # ------------------------------------------------------------------ faults (PostgreSQL)
            seed = 3
            r = httpx.post(pg[0] + "/api/v1/batches", files={"file": ("fault.csv", make_csv(args.fault_rows, seed))},
                           headers=h, timeout=600)
            fault_batch = r.json()["batch_id"]
            job_url = f"{pg[1]}/api/v1/jobs/{r.json()['job_id']}"
            while httpx.get(f"{pg[1]}/api/v1/batches/{fault_batch}", headers=h).json()["done_rows"] == 0:
                time.sleep(0.2)
            running = int(httpx.get(job_url, headers=h).json()["worker"].rsplit(":", 1)[1])
            victim = next(w for w in workers if w.pid == running)  # the worker that runs the batch
            victim.send_signal(signal.SIGKILL)
            killed_at = httpx.get(f"{pg[1]}/api/v1/batches/{fault_batch}", headers=h).json()["done_rows"]
            workers.append(procs.start("worker", "--db-url", db))
            t0 = time.perf_counter()
            b = wait_batch(pg[1], h, fault_batch)
            job = httpx.get(job_url, headers=h).json()
            out["fault_worker_killed"] = {"killed_at_row": killed_at, "finished_after_s": round(
                time.perf_counter() - t0, 1), "state": b["state"], "attempts": job["attempts"],
                **check_rows(pg[1], h, fault_batch, args.fault_rows, seed)}

            down: dict = {}

            def restart():
                time.sleep(min(5, args.seconds / 4))
                t = time.perf_counter()
                cluster.stop()
                time.sleep(2)
                cluster.start()
                down["restart_s"] = round(time.perf_counter() - t, 1)

            reads = load(pg, h, q["batch_id"], max(10, args.seconds / 2), args.clients, outage=restart)
            reads["5xx_other_than_503"] = sum(v for k, v in reads["codes"].items() if k >= 500 and k != 503)
            out["fault_database_restart"] = {**down, **reads,
                                             **check_rows(pg[1], h, fault_batch, args.fault_rows, seed)}
        finally:
            procs.stop_all()
            cluster.destroy()
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
