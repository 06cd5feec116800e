"""Redaction speed: 10,000 petition rows through `petitionnlp redact` and through `petitionnlp classify`, as a user
runs them (start-up included), in one run; prints rows/s of each and the ratio redact rate ÷ classify rate
(the goal: at least 0.5).  A quarter of the rows carry personal information (written into generated petitions
from the gold set's patterns), the rest are as tables publish them.

    .venv/bin/python benchmarks/bench_redact.py [--rows 10000]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "petitionnlp"

ADDED = ["举报人{name}反映，联系电话{phone}。", "来电人{name}（{phone}）称", "村民{name}、{name2}等反映",
         "车牌{plate}的货车夜间倾倒，", "举报人QQ号{qq}，", "老板{name}拒不整改，"]
NAMES = ["张建国", "李秀英", "王志强", "陈桂兰", "刘德华", "周玉梅", "黄建华", "孙立新", "欧阳晓峰", "郑丽华"]


def rows(n: int) -> list[list[str]]:
    rng = random.Random(3)
    texts = [json.loads(x)["text"] for x in (ROOT / "corpora/train/synthetic_petitions.jsonl").open(encoding="utf-8")]
    texts += [json.loads(x)["text"] for x in (ROOT / "corpora/train/real_petitions.jsonl").open(encoding="utf-8")]
    out = []
    for i in range(n):
        text = rng.choice(texts)
        if i % 4 == 0:
            text = rng.choice(ADDED).format(name=rng.choice(NAMES), name2=rng.choice(NAMES),
                                            phone=f"13{rng.randint(0, 9)}{rng.randint(10**7, 10**8 - 1)}",
                                            plate=f"湘A{rng.randint(10000, 99999)}",
                                            qq=str(rng.randint(10**6, 10**9))) + text
        out.append([str(i + 1), text])
    return out


def timed(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([str(BIN), *args], check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "rows.csv"
        with open(src, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["序号", "交办问题基本情况"])
            w.writerows(rows(args.rows))
        timed(["redact", str(src), "-o", str(Path(tmp) / "warm.jsonl")])  # warm the disk cache and jieba's
        t_classify = timed(["classify", str(src), "-o", str(Path(tmp) / "c.jsonl")])
        t_redact = timed(["redact", str(src), "-o", str(Path(tmp) / "r.jsonl")])
        spans = sum(len(json.loads(x)["pii"]) for x in (Path(tmp) / "r.jsonl").open(encoding="utf-8"))
    print(f"{args.rows} rows ({spans} spans found): classify {args.rows / t_classify:,.0f} rows/s "
          f"({t_classify:.1f} s), redact {args.rows / t_redact:,.0f} rows/s ({t_redact:.1f} s)")
    print(f"redact rate ÷ classify rate = {t_classify / t_redact:.2f}  (goal ≥ 0.5)")


if __name__ == "__main__":
    main()
