"""The XLSX written for people (petitionnlp.io, one styled cell at a time) against the CSV of the same rows, in one
run: ``python benchmarks/bench_xlsx.py [N]`` prints both times and their ratio (XLSX ÷ CSV).

The rows are classify/triage output rows (texts of one to three sentences, every added field filled), so the
figure is what ``classify -o x.xlsx`` spends on writing beside ``-o x.csv``.
"""

import random
import sys
import tempfile
import time
from pathlib import Path

from petitionnlp.io import BatchWriter

TEXT = "岳阳市经开区一家化工企业夜间偷排废水，附近水塘发黑发臭，出现大量死鱼。"


def rows(n: int) -> list[dict]:
    rnd = random.Random(0)
    return [{"序号": str(i), "交办日期": "2017-05-15", "交办问题基本情况": TEXT * rnd.randint(1, 3),
             "pollution_types": ["水", "大气"], "pollution_scores": {"水": 0.9, "大气": 0.5, "土壤": 0.01},
             "province": "湖南省", "city": "岳阳市", "county": None, "region_confidence": 0.85,
             "region_evidence": "岳阳市", "error": None, "priority": "高",
             "priority_reasons": [{"reason": "规模较大", "words": ["大量"]}], "department": "生态环境局",
             "duplicate_of": None, "duplicate_score": 0.02, "due_date": "2017-06-06"} for i in range(n)]


def timed(path: Path, data: list[dict]) -> float:
    start = time.perf_counter()
    with BatchWriter(str(path), list(data[0])) as writer:
        for k in range(0, len(data), 1000):
            writer.write(data[k:k + 1000])
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    data = rows(n)
    with tempfile.TemporaryDirectory() as tmp:
        csv_s = timed(Path(tmp) / "o.csv", data)
        xlsx_s = timed(Path(tmp) / "o.xlsx", data)
    print(f"{n} rows: CSV {csv_s:.2f} s, XLSX {xlsx_s:.2f} s; XLSX ÷ CSV = {xlsx_s / csv_s:.1f}")


if __name__ == "__main__":
    main()
