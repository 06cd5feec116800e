"""Classify against plain jieba, start-up against jieba's, and peak memory (issues 2, 13 and 29).

In ONE run, over the same N petition rows (default 20,000, every row different: the real dev petitions and the
shipped synthetic ones, cut and joined at random into texts of the length real petitions have):

1. baseline: ``python -c "import jieba; [jieba.lcut(t) for t in rows]"`` as a child process — jieba's import
   and dictionary load included, as a user would run it;
2. ``petitionnlp classify ROWS.csv -o out.jsonl`` as a user runs it (start-up included), with ``--jobs 1`` and
   ``--jobs 2``; the two outputs are compared;
3. start-up: a one-line ``classify`` against ``python -c "import jieba; jieba.lcut('…')"``, and
   ``python -c "import sklearn.base"`` alone (what classify no longer imports: its light predictors), best of 5;
4. ``--million``: 1,000,000 rows through ``classify --jobs 2``, peak memory of the whole process tree;
5. ``--profile``: instead, one ``classify --jobs 1`` of the rows in this process under cProfile timed by the
   process's processor clock (start-up included; the wall clock of a shared machine measures the neighbours): its
   processor seconds and the 25 functions first by their own time and by cumulative time.

    python benchmarks/bench_classify.py [--rows 20000] [--million] [--profile]

Session 56's profile (HEAD beside 766d0d4, top 25 by own and cumulative time) is in the README, after
"classify predicts without importing scikit-learn".
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = Path(sys.executable).parent / "petitionnlp"


def source_texts() -> list[str]:
    texts = [json.loads(x)["text"] for x in open(ROOT / "corpora/train/synthetic_petitions.jsonl", encoding="utf-8")]
    texts += [json.loads(x)["text"] for x in open(ROOT / "corpora/train/real_petitions.jsonl", encoding="utf-8")]
    return [t for t in texts if t]


def make_rows(n: int, path: Path, seed: int = 7, mean_chars: int = 110) -> list[str] | None:
    """``n`` distinct petitions of about ``mean_chars`` characters; returns them unless ``n`` is large."""
    base = source_texts()
    rng = random.Random(seed)
    keep = n <= 100_000
    texts = [] if keep else None
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["序号", "交办问题基本情况"])
        for i in range(n):
            parts, size = [], 0
            target = rng.randint(mean_chars // 2, mean_chars * 3 // 2)
            while size < target:
                t = rng.choice(base)
                a = rng.randrange(len(t))
                piece = t[a:a + rng.randint(15, 60)]
                parts.append(piece)
                size += len(piece)
            text = "，".join(parts) + f"（第{i + 1}件）"
            if keep:
                texts.append(text)
            w.writerow([i + 1, text])
    return texts


CPU: dict[str, float] = {}  # processor seconds (user + system) of the last run of each command, children included


def timed(cmd: list[str], name: str | None = None, **kw) -> float:
    """Wall seconds of one run of ``cmd``; its processor seconds go to ``CPU[name]`` (on a busy machine the wall
    clock measures the neighbours too, processor time much less so)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if name:
        CPU[name] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall


def best_of(cmd: list[str], n: int = 5, name: str | None = None) -> float:
    walls = []
    for _ in range(n):
        walls.append(timed(cmd, name + "?" if name else None))
        if name:
            CPU[name] = min(CPU.get(name, float("inf")), CPU.pop(name + "?"))
    return min(walls)


def peak_tree_mb(cmd: list[str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB summed over the process and its children, peak PSS in MB summed the same way).

    Summed RSS counts every page the processes share (the libraries, the models the workers inherit) once per
    process: an upper bound.  PSS splits each shared page between the processes that map it: the sum is the
    physical memory the tree uses."""
    import threading

    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = [0.0, 0.0]

    def tree(pid: int) -> tuple[float, float]:
        rss = pss = 0
        pids = [pid]
        try:
            out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
            pids += [int(x) for x in out.split()]
        except OSError:
            pass
        for p in pids:
            try:
                with open(f"/proc/{p}/smaps_rollup") as fh:
                    for line in fh:
                        if line.startswith("Rss:"):
                            rss += int(line.split()[1])
                        elif line.startswith("Pss:"):
                            pss += int(line.split()[1])
            except OSError:
                pass
        return rss / 1024, pss / 1024

    def watch():
        while proc.poll() is None:
            rss, pss = tree(proc.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.2)

    t = time.perf_counter()
    th = threading.Thread(target=watch, daemon=True)
    th.start()
    proc.wait()
    th.join()
    if proc.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return time.perf_counter() - t, peak[0], peak[1]


def profile(src: Path, out: Path, top: int = 25) -> None:
    """``classify src -o out --jobs 1`` in this process under cProfile; prints its processor seconds and the
    ``top`` functions by own time and by cumulative time."""
    import cProfile
    import pstats

    subprocess.run([str(EXE), "classify", "-", "-q"], input="预热 warm-up 噪声扰民".encode(),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)  # the packs, as in main
    sys.path.insert(0, str(ROOT))
    cpu = time.process_time()
    prof = cProfile.Profile(time.process_time)
    prof.enable()
    from petitionnlp.cli import main as cli_main

    cli_main(["classify", str(src), "-o", str(out), "-q", "--jobs", "1"])
    prof.disable()
    print(f"processor seconds under the profiler (start-up included): {time.process_time() - cpu:.2f}")
    stats = pstats.Stats(prof)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--million", action="store_true")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pnlp-bench-"))
    src = tmp / "rows.csv"
    texts = make_rows(args.rows, src)
    if args.profile:
        profile(src, tmp / "out.jsonl")
        return
    (tmp / "texts.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    py = sys.executable

    # warm the caches a first run builds (jieba's dictionary cache, the model pack), as any second run has them
    subprocess.run([str(EXE), "classify", "-", "-q"], input="预热 warm-up 噪声扰民".encode(),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    jieba_cmd = [py, "-c", "import json, sys, jieba; jieba.setLogLevel(60); "
                 "[jieba.lcut(t) for t in json.load(open(sys.argv[1], encoding='utf-8'))]", str(tmp / "texts.json")]
    jieba_rows = timed(jieba_cmd, "jieba")
    runs = {}
    for jobs in (1, 2):
        out = tmp / f"out{jobs}.jsonl"
        runs[jobs] = timed([str(EXE), "classify", str(src), "-o", str(out), "-q", "--jobs", str(jobs)], f"jobs{jobs}")
    same = (tmp / "out1.jsonl").read_bytes() == (tmp / "out2.jsonl").read_bytes()

    one = tmp / "one.txt"
    one.write_text("衡阳市珠晖区某厂夜间排放废气，气味刺鼻，影响附近居民休息\n", encoding="utf-8")
    start_jieba = best_of([py, "-c", "import jieba; jieba.lcut('衡阳市珠晖区某厂夜间排放废气')"], name="start_jieba")
    start_classify = best_of([str(EXE), "classify", str(one), "-q"], name="start_classify")
    start_sklearn = best_of([py, "-c", "import sklearn.base"])

    chars = sum(map(len, texts))
    print(f"rows: {args.rows} (all different), characters: {chars:,} ({chars / args.rows:.0f} a row)")
    print(f"plain jieba.lcut over the rows (its import and dictionary included): {jieba_rows:.2f} s")
    for jobs, wall in runs.items():
        print(f"petitionnlp classify --jobs {jobs} (start-up, reading, writing included): {wall:.2f} s; "
              f"classify ÷ jieba = {wall / jieba_rows:.2f}")
    print(f"--jobs 2 output identical to --jobs 1: {same}")
    print(f"start-up (best of 5): one-line classify {start_classify:.2f} s; jieba {start_jieba:.2f} s; "
          f"ratio {start_classify / start_jieba:.2f}; `import sklearn.base` alone {start_sklearn:.2f} s "
          f"({start_sklearn / start_jieba:.2f}× jieba; classify no longer imports it)")
    print(f"processor seconds (user + system, children included): jieba {CPU['jieba']:.2f}; classify --jobs 1 "
          f"{CPU['jobs1']:.2f} (÷ jieba {CPU['jobs1'] / CPU['jieba']:.2f}); --jobs 2 {CPU['jobs2']:.2f} "
          f"(÷ jieba {CPU['jobs2'] / CPU['jieba']:.2f}); start-up (best of 5) classify {CPU['start_classify']:.2f}, "
          f"jieba {CPU['start_jieba']:.2f} (÷ {CPU['start_classify'] / CPU['start_jieba']:.2f})")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.million:
        big = tmp / "million.csv"
        make_rows(1_000_000, big)
        wall, rss, pss = peak_tree_mb([str(EXE), "classify", str(big), "-o", str(tmp / "m.jsonl"), "-q",
                                       "--jobs", "2"])
        print(f"1,000,000 rows, --jobs 2: {wall:.0f} s ({1_000_000 / wall:,.0f} rows/s), peak memory of the "
              f"process tree: {pss:.0f} MB physical (PSS summed), {rss:.0f} MB RSS summed (shared pages counted "
              f"in each process)")
        for f in (big, tmp / "m.jsonl"):
            os.unlink(f)


if __name__ == "__main__":
    main()
