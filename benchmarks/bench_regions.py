"""The region resolver against cpca (and JioNLP's parse_location) on the same texts, in one run (issue 3).

Texts: the shared dev petitions (text alone, normalized to simplified characters for every tool), scored
on records whose gold city / county is not null.  Benchmark-only dependencies, in their own venv
(`make bench-regions` builds .venv-bench with cpca, jionlp and setuptools<81, which cpca's pkg_resources needs).

    python benchmarks/bench_regions.py [PATH_TO_petitions_dev.jsonl]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from petitionnlp.regions import RegionResolver
from petitionnlp.text import normalize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from devdata import dev_rows  # noqa: E402  the dev corpora without the pages reserved for the hidden evaluation


def score(gold, pred) -> dict:
    out = {}
    for level in ("city", "county"):
        pairs = [(g[level], p[level]) for g, p in zip(gold, pred) if g[level]]
        out[level] = sum(a == b for a, b in pairs) / len(pairs)
    return out


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", help="petitions_dev.jsonl (default: the shared dev petitions)")
    path = ap.parse_args().path
    gold = ([json.loads(x) for x in open(path, encoding="utf-8")] if path
            else dev_rows("petitions_dev.jsonl"))
    texts = [normalize(r["text"]) for r in gold]

    resolver = RegionResolver()
    resolver.resolve_many(texts)  # what loads on first need (town cores, villages, the scan's codes): before timing
    t = time.perf_counter()
    ours = resolver.resolve_many(texts)
    t_ours = time.perf_counter() - t

    try:
        import cpca
    except ImportError:  # outside .venv-bench: the resolver's own figures only
        acc = score(gold, ours)
        print(f"texts: {len(texts)}; petitionnlp city {acc['city']:.3f}  county {acc['county']:.3f} "
              f"(cpca not installed: `make bench-regions` compares)")
        return
    cpca.transform(["预热"])
    t = time.perf_counter()
    df = cpca.transform(texts)
    t_cpca = time.perf_counter() - t
    theirs = [{"city": r["市"] or None, "county": r["区"] or None} for r in df.to_dict("records")]
    # cpca gives municipalities' city as 市辖区 or the municipality itself
    for p, r in zip(theirs, df.to_dict("records")):
        if r["省"] in ("北京市", "天津市", "上海市", "重庆市") and p["city"] in (None, "市辖区", "县"):
            p["city"] = r["省"]

    rows = [("petitionnlp", score(gold, ours), t_ours), ("cpca", score(gold, theirs), t_cpca)]
    try:
        import jionlp as jio

        jio.parse_location("预热")
        t = time.perf_counter()
        parsed = [jio.parse_location(x) for x in texts]
        t_jio = time.perf_counter() - t
        jl = [{"city": p.get("city"), "county": p.get("county")} for p in parsed]
        rows.append(("jionlp", score(gold, jl), t_jio))
    except ImportError:
        pass
    print(f"texts: {len(texts)} ({sum(1 for g in gold if g['city'])} with gold city, "
          f"{sum(1 for g in gold if g['county'])} with gold county)")
    for name, acc, secs in rows:
        print(f"{name:12s} city {acc['city']:.3f}  county {acc['county']:.3f}  "
              f"time / petitionnlp time = {secs / t_ours:.2f}")


if __name__ == "__main__":
    main()
