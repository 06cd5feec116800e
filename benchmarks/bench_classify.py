"""Classify throughput against plain jieba, and peak memory (issue 2).

Builds N petition rows by varying the shipped synthetic corpus, then in ONE run:
  1. baseline: plain ``jieba.lcut`` over the same texts (default dictionary, loaded before timing);
  2. ``petitionnlp`` classify of the same rows as a CSV batch (normalize, tokenize, type model, regions,
     write JSON Lines), in a child process so its peak RSS is its own.
Prints rows/s, classify ÷ jieba time, and peak memory.  ``--million`` also streams 1,000,000 rows
through ``petitionnlp classify`` and reports that run's peak memory.

    python benchmarks/bench_classify.py [--rows 20000] [--million]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_rows(n: int, path: Path, seed: int = 7) -> list[str]:
    base = [json.loads(x)["text"] for x in open(ROOT / "corpora/train/synthetic_petitions.jsonl", encoding="utf-8")]
    rng = random.Random(seed)
    texts = []
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["序号", "交办问题基本情况"])
        for i in range(n):
            a, b = rng.choice(base), rng.choice(base)
            t = a if rng.random() < 0.5 else a[: len(a) // 2] + b[len(b) // 2:]
            texts.append(t)
            w.writerow([i + 1, t])
    return texts


def run_classify(path: Path, out: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KB) of one `petitionnlp classify` child process."""
    exe = Path(sys.executable).parent / "petitionnlp"
    t = time.perf_counter()
    subprocess.run([str(exe), "classify", str(path), "-o", str(out), "-q"], check=True,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, peak


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--million", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pnlp-bench-"))
    src = tmp / "rows.csv"
    texts = make_rows(args.rows, src)

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    t = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    jieba_time = time.perf_counter() - t

    # classify in-process (same rows, model loaded before timing) — the stage cost the ratio is about
    from petitionnlp.pipeline import RowJob, run_files

    job = RowJob("classify").setup()
    t = time.perf_counter()
    run_files([str(src)], str(tmp / "inproc.jsonl"), job)
    inproc = time.perf_counter() - t

    wall, peak = run_classify(src, tmp / "out.jsonl")
    chars = sum(map(len, texts))
    print(f"rows: {args.rows}, characters: {chars}")
    print(f"jieba.lcut baseline: {args.rows / jieba_time:,.0f} rows/s")
    print(f"classify (in-process, models loaded): {args.rows / inproc:,.0f} rows/s; "
          f"classify time / jieba time = {inproc / jieba_time:.2f}")
    print(f"classify CLI (incl. start-up, reading and writing): {args.rows / wall:,.0f} rows/s; "
          f"CLI time / jieba time = {wall / jieba_time:.2f}; peak RSS {peak / 1024:.0f} MB")
    if args.million:
        big = tmp / "million.csv"
        make_rows(1_000_000, big)
        wall_m, peak_m = run_classify(big, Path(os.devnull).with_suffix(".jsonl") if False else tmp / "m.jsonl")
        print(f"1,000,000 rows: {1_000_000 / wall_m:,.0f} rows/s, peak RSS {peak_m / 1024:.0f} MB "
              f"(ratio to the {args.rows}-row run's peak: {peak_m / peak:.2f})")


if __name__ == "__main__":
    main()
