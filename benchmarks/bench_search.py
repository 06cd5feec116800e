"""Index 100,000 generated documents and time queries, against a linear scan of the same texts (issue 5).

Documents vary the shipped corpora: synthetic petitions and sentences of the sample briefings, recombined.
Queries: two-character words, longer words, two-term queries and quoted phrases drawn from the corpora.
The baseline scans every folded text with `in` for each term (the same matches the index must return).
Prints index time, p50/p95 latency of both, their ratio, and the share of queries whose top 10 begin with as
many literal matches as the scan finds (up to 10): recall@10 of the literal matches.

    python benchmarks/bench_search.py [--docs 100000] [--queries 200]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from petitionnlp.search import SearchIndex, parse_query
from petitionnlp.text import normalize

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["噪声", "油烟", "扬尘", "搅拌站", "养猪场 污水", "水", "垃圾", "每3天一报告", '"油烟直排"', "采砂",
           "信访件", "办结率", "边督边改", "辐射", "基站", "黑臭", "废水 河道", "夜间施工", "立行立改", "尾矿"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    rng = random.Random(5)
    base = [json.loads(x)["text"] for x in open(ROOT / "corpora/train/synthetic_petitions.jsonl", encoding="utf-8")]
    for p in (ROOT / "corpora/samples").glob("*.txt"):
        base += [s for s in p.read_text(encoding="utf-8").replace("\n", "。").split("。") if len(s) > 8]
    docs = []
    for i in range(args.docs):
        parts = rng.sample(base, rng.randint(1, 3))
        docs.append((f"d{i}", "。".join(parts), f"2020-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"))
    db = Path(tempfile.mkdtemp()) / "bench.db"
    t = time.perf_counter()
    with SearchIndex(db) as ix:
        for doc_id, text, date in docs:
            ix.add(doc_id, text, date=date)
    index_time = time.perf_counter() - t
    folded = [(d, normalize(text)) for d, text, _ in docs]
    texts = dict(folded)
    queries = [rng.choice(QUERIES) for _ in range(args.queries)]
    ours, scan, agree = [], [], 0
    with SearchIndex(db) as ix:
        ix.search("预热")
        for q in queries:
            t = time.perf_counter()
            hits = ix.search(q, limit=10)
            ours.append(time.perf_counter() - t)
            terms = [x.lower() for x in parse_query(q)]
            t = time.perf_counter()
            matches = [d for d, text in folded if all(term in text.lower() for term in terms)]
            scan.append(time.perf_counter() - t)
            # the literal matches (up to 10) must fill the head of the top 10; variants (噪音 for 噪声) and
            # word-split matches may follow them
            k = min(10, len(matches))
            head = [h["id"] for h in hits[:k]]
            agree += len(head) == k and all(all(term in texts[d].lower() for term in terms) for d in head)

    def pct(xs, p):
        return statistics.quantiles(xs, n=100)[p - 1] * 1000

    print(f"documents: {args.docs}; index time {index_time:.1f} s ({args.docs / index_time:,.0f} docs/s); "
          f"index file {db.stat().st_size / 2 ** 20:.0f} MB")
    print(f"query latency p50 {pct(ours, 50):.1f} ms, p95 {pct(ours, 95):.1f} ms; "
          f"linear scan p50 {pct(scan, 50):.1f} ms, p95 {pct(scan, 95):.1f} ms; "
          f"scan / index at p50 = {pct(scan, 50) / pct(ours, 50):.1f}")
    print(f"queries whose top 10 begin with all their literal matches (up to 10): {agree}/{len(queries)}")


if __name__ == "__main__":
    main()
