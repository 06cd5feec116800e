"""A busy office for a few minutes (issue 31), against one `petitionnlp serve` process on SQLite, measured in one
run for this version and for a baseline revision of the repository (default: the commit where issue 31's work
began), each on its own fresh data folder with the same 2,000 stored cases:

    nice .venv/bin/python benchmarks/bench_soak.py [--seconds 300] [--clients 20] [--baseline REV]

Every client logs in once, then loops over a mix of the office's requests: the case list, the progress figures,
one case, a correction of one of its own cases (the clients correct disjoint cases), a search, and now and then
a small upload.  Printed: requests/s and p50/p95 by kind for each server and their ratios (baseline / this),
and the checks a soak makes — every answer one of the promised statuses (no 500), every acknowledged correction
the case's final state, every acknowledged upload stored with every row once, the progress total equal to a
recount of the list.  The baseline runs from ``git archive`` of that revision with this virtualenv."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from bench_scale import make_csv

ROOT = Path(__file__).resolve().parent.parent
TYPES = [["大气"], ["水"], ["噪声"], ["生态"], ["土壤"], ["大气", "噪声"]]
QUERIES = ["油烟", "噪声扰民", "废水 偷排", "粉尘", "养殖 粪污"]
PROMISED = {200, 201, 409, 422}


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A `petitionnlp serve` of the given source tree (None: this one) on a fresh data folder."""

    def __init__(self, tmp: Path, source: Path | None):
        self.data = tmp / "data"
        self.env = dict(os.environ, PYTHONIOENCODING="utf-8")
        self.cwd = ROOT
        if source is not None:
            self.env["PYTHONPATH"] = str(source)
            self.cwd = source
        self.cli([*"user add ed --role editor".split(), "--data", str(self.data)], b"ed-password-1\n")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(tmp / "server.log", "wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "petitionnlp.cli", "serve", "--port", str(self.port),
                                      "--data", str(self.data)], cwd=self.cwd, env=self.env, stdout=self.log,
                                     stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise SystemExit("the server did not start: " + (tmp / "server.log").read_text(errors="replace")[-2000:])

    def cli(self, args, stdin: bytes) -> None:
        subprocess.run([sys.executable, "-m", "petitionnlp.cli", *args], input=stdin, cwd=self.cwd, env=self.env,
                       check=True, capture_output=True, timeout=300)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def soak(server: Server, seconds: float, clients: int, cases: int) -> dict:
    login = httpx.post(server.url + "/api/v1/token", data={"username": "ed", "password": "ed-password-1"}, timeout=60)
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    setup = httpx.Client(base_url=server.url, headers=headers, timeout=600)
    r = setup.post("/api/v1/batches", files={"file": ("底数.csv", make_csv(cases, 1))})
    assert r.status_code == 201, r.text
    deadline = time.monotonic() + 600
    while setup.get(f"/api/v1/jobs/{r.json()['job_id']}").json()["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, "the first batch did not finish"
        time.sleep(0.5)
    ids = [p["id"] for p in setup.get("/api/v1/petitions", params={"sort": "row"}).json()["petitions"]]
    times: dict[str, list[float]] = {}
    statuses: dict[int, int] = {}
    acked: dict[int, list[str]] = {}  # case → the types of its last acknowledged correction
    uploads: list[tuple[int, int]] = []
    odd: dict[str, str] = {}  # the first answer of each kind and status but 200/201
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(k: int) -> None:
        rng = random.Random(k)
        mine = ids[k::clients][:20]
        c = httpx.Client(base_url=server.url, headers=headers, timeout=120)
        n = 0
        while time.monotonic() < stop_at:
            n += 1
            pid = rng.choice(mine)
            roll = rng.random()
            if roll < 0.25:
                kind, call = "list", lambda: c.get("/api/v1/petitions")
            elif roll < 0.45:
                kind, call = "progress", lambda: c.get("/api/v1/progress")
            elif roll < 0.65:
                kind, call = "case", lambda: c.get(f"/api/v1/petitions/{rng.choice(ids)}")
            elif roll < 0.85:
                types = rng.choice(TYPES)
                kind, call = "correct", lambda: c.patch(f"/api/v1/petitions/{pid}", json={"pollution_types": types})
            elif roll < 0.99:
                kind, call = "search", lambda: c.get("/api/v1/search", params={"q": rng.choice(QUERIES)})
            else:
                data = make_csv(20, 1000 + k * 100000 + n)  # receipt ids of its own
                kind, call = "upload", lambda: c.post("/api/v1/batches", files={"file": (f"c{k}-{n}.csv", data)})
            t0 = time.perf_counter()
            try:
                resp = call()
                status = resp.status_code
            except httpx.HTTPError:
                status = 0  # not answered
            took = time.perf_counter() - t0
            with lock:
                times.setdefault(kind, []).append(took)
                statuses[status] = statuses.get(status, 0) + 1
                if status not in (200, 201):
                    odd.setdefault(f"{kind} {status}", (resp.text[:200] if status else ""))
                if status == 200 and kind == "correct":
                    acked[pid] = sorted(resp.json()["pollution_types"])
                if status == 201 and kind == "upload":
                    uploads.append((resp.json()["batch_id"], 20))

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    time.sleep(5)  # the uploads' repeats and index in the job thread
    checks = {"no status but the promised ones": set(statuses) <= PROMISED,
              "every acknowledged correction is the final state": all(
                  sorted(setup.get(f"/api/v1/petitions/{pid}").json()["pollution_types"]) == types
                  for pid, types in acked.items()),
              "every acknowledged upload stored, every row once": all(
                  len(setup.get(f"/api/v1/batches/{b}/petitions").json()["petitions"]) == n and
                  len({p["id"] for p in setup.get(f"/api/v1/batches/{b}/petitions").json()["petitions"]}) == n
                  for b, n in uploads)}
    listed = len(setup.get("/api/v1/petitions").json()["petitions"])
    progress = setup.get("/api/v1/progress").json()
    total = progress.get("total", progress.get("summary", {}).get("total"))
    checks["progress total equals a recount"] = total == listed
    return {"wall": wall, "times": times, "statuses": statuses, "checks": checks, "uploads": len(uploads),
            "odd": odd}


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else (values[0] if values else 0.0)


def report(name: str, got: dict) -> None:
    n = sum(len(v) for v in got["times"].values())
    print(f"\n{name}: {n} requests in {got['wall']:.0f} s = {n / got['wall']:.1f} requests/s; statuses "
          f"{dict(sorted(got['statuses'].items()))}; uploads acknowledged {got['uploads']}")
    for kind, ts in sorted(got["times"].items()):
        print(f"  {kind:9s} n={len(ts):5d}  p50 {p(ts, 50) * 1000:7.0f} ms  p95 {p(ts, 95) * 1000:7.0f} ms  "
              f"max {max(ts) * 1000:7.0f} ms")
    for what, text in sorted(got["odd"].items()):
        print(f"  answered {what}: {text}")
    for check, ok in got["checks"].items():
        print(f"  {'OK  ' if ok else 'FAIL'} {check}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--baseline", default="f56b8f2", help="the revision to compare with ('' for none)")
    args = ap.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        runs = [("this version", None)]
        if args.baseline:
            base = Path(tmp) / "baseline-src"
            base.mkdir()
            archive = subprocess.run(["git", "archive", args.baseline], cwd=ROOT, check=True, capture_output=True)
            subprocess.run(["tar", "-x", "-C", str(base)], input=archive.stdout, check=True)
            runs.insert(0, (f"baseline {args.baseline}", base))
        for name, source in runs:
            where = Path(tmp) / name.replace(" ", "-")
            where.mkdir()
            server = Server(where, source)
            try:
                results[name] = soak(server, args.seconds, args.clients, args.cases)
            finally:
                server.stop()
            report(name, results[name])
    if len(results) == 2:
        (bn, b), (tn, t) = results.items()
        rate = lambda g: sum(len(v) for v in g["times"].values()) / g["wall"]  # noqa: E731
        print(f"\nratios ({tn} / {bn}): requests/s {rate(t) / rate(b):.2f}; p95 by kind (lower is better): " +
              ", ".join(f"{k} {p(t['times'][k], 95) / p(b['times'][k], 95):.2f}"
                        for k in sorted(t["times"]) if k in b["times"] and p(b["times"][k], 95)))


if __name__ == "__main__":
    main()
