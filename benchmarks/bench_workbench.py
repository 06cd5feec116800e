"""The workbench's speed, measured in one run on this machine (issue 11):

1. start-up: `petitionnlp serve` started → first answer of /healthz (and of a first classify);
2. single-text `POST /api/v1/classify` latency with the server warm: p50 and p95 over 300 requests;
3. a 20,000-row upload (`POST /api/v1/batches`, answered once the rows are stored) against `petitionnlp classify`
   of the same file (start-up included): rows/s of each and the ratio (goal ≥ 0.8); and how long the repeats
   and the search index take after that, in the background.

    .venv/bin/python benchmarks/bench_workbench.py [--rows 20000]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "petitionnlp"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_rows(path: Path, n: int) -> None:
    rng = random.Random(11)
    texts = [json.loads(x)["text"] for x in (ROOT / "corpora/train/synthetic_petitions.jsonl").open(encoding="utf-8")]
    with open(path, "w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["序号", "交办日期", "交办问题基本情况"])
        for i in range(n):
            w.writerow([i + 1, "2024-05-15", rng.choice(texts)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=20000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        subprocess.run([str(BIN), "user", "add", "bench", "--role", "editor", "--data", str(data)],
                       input=b"bench-password-1\n", check=True, capture_output=True)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        t0 = time.perf_counter()
        proc = subprocess.Popen([str(BIN), "serve", "--port", str(port), "--data", str(data)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=0.5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.02)
        started = time.perf_counter() - t0
        try:
            token = httpx.post(url + "/api/v1/token", data={"username": "bench", "password": "bench-password-1"}
                               ).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            client = httpx.Client(headers=headers, timeout=600)
            r = client.post(url + "/api/v1/classify", json={"texts": ["衡阳市雁峰区某餐馆油烟扰民"]})
            first_classify = time.perf_counter() - t0
            assert r.status_code == 200, r.text
            texts = [json.loads(x)["text"] for x in (ROOT / "corpora/train/real_petitions.jsonl").open(encoding="utf-8")]
            for t in texts[:20]:
                client.post(url + "/api/v1/classify", json={"texts": [t]})
            latencies = []
            for i in range(300):
                t = time.perf_counter()
                r = client.post(url + "/api/v1/classify", json={"texts": [texts[i % len(texts)]]})
                latencies.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200
            latencies.sort()
            p50, p95 = statistics.median(latencies), latencies[int(0.95 * len(latencies)) - 1]

            src = Path(tmp) / "rows.csv"
            make_rows(src, args.rows)
            t = time.perf_counter()
            r = client.post(url + "/api/v1/batches", files={"file": ("rows.csv", src.read_bytes())})
            upload = time.perf_counter() - t
            assert r.status_code == 201 and r.json()["rows"] == args.rows, r.text
            batch = r.json()["batch_id"]
            while client.get(url + f"/api/v1/batches/{batch}").json()["state"] != "done":
                time.sleep(0.2)
            finished = time.perf_counter() - t
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=60)
        t = time.perf_counter()
        subprocess.run([str(BIN), "classify", str(src), "-o", str(Path(tmp) / "cli.jsonl"), "-q"], check=True)
        cli = time.perf_counter() - t
    print(f"start-up: /healthz answers {started:.2f} s after `petitionnlp serve` starts; first classify after "
          f"{first_classify:.2f} s")
    print(f"single-text POST /api/v1/classify, warm, 300 requests: p50 {p50:.1f} ms, p95 {p95:.1f} ms (goal p95 ≤ 50)")
    print(f"{args.rows} rows: upload answered (rows classified and stored) in {upload:.1f} s = {args.rows / upload:,.0f} "
          f"rows/s; `petitionnlp classify` {cli:.1f} s = {args.rows / cli:,.0f} rows/s")
    print(f"upload rate ÷ CLI rate = {cli / upload:.2f} (goal ≥ 0.8); repeats and search index done "
          f"{finished - upload:.1f} s later, in the background")


if __name__ == "__main__":
    main()
