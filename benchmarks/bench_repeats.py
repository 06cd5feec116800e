"""Time and memory to group a province's petitions into repeat groups (issue 28).

Generates N petitions (default 1,000,000) in Hunan's 122 counties over a year (benchmarks/planted.py: complaints
from the synthetic corpus's phrase, source and place data, 30 % of them repeated), with the places an office
stores (a tenth without a county, 3 % without a city), and adds them to one RepeatIndex week by week, as the
workbench would.  Prints the time per 100,000 petitions as the index grows (with the pairwise precision and recall so far and the
largest group: groups that chain show as precision falling while the index grows), the total, the peak memory of the
process, the size of the saved state and the time to load it; with ``--compare`` also a MinHash LSH index
(datasketch, if installed: ``pip install datasketch``) on the first 100,000 petitions, against RepeatIndex on the
same petitions, in the same run.

    nice .venv/bin/python benchmarks/bench_repeats.py [--n 1000000] [--compare]
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from planted import Planter, pair_scores  # noqa: E402

from petitionnlp.repeats import RepeatIndex, case_text, place_key  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def weekly(records):
    weeks: dict = {}
    for r in records:
        weeks.setdefault(dt.date.fromisoformat(r["date"]).isocalendar()[:2], []).append(r)
    return list(weeks.values())


def minhash_groups(records, threshold=0.5, num_perm=64):
    """MinHash LSH over the same case texts (bigram sets), candidates verified by estimated Jaccard, blocked by
    county as RepeatIndex is: the alternative the issue names."""
    from datasketch import MinHash, MinHashLSH

    lsh: dict = {}
    groups, sigs = [], {}
    for r in records:
        place = place_key(r)
        text = case_text(r["text"], place)
        m = MinHash(num_perm=num_perm)
        m.update_batch([text[i:i + 2].encode("utf-8") for i in range(len(text) - 1)])
        index = lsh.setdefault(place, MinHashLSH(threshold=threshold, num_perm=num_perm))
        best, group = 0.0, r["id"]
        for other in index.query(m):
            j = m.jaccard(sigs[other][0])
            if j > best:
                best, group = j, sigs[other][1]
        sigs[r["id"]] = (m, group if best >= threshold else r["id"])
        index.insert(r["id"], m)
        groups.append(sigs[r["id"]][1])
    return groups


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--compare", action="store_true")
    args = ap.parse_args()
    t0 = time.time()
    planter = Planter(seed=1000)
    records = planter.stream(int(args.n / 1.55), dt.date(2024, 1, 1), 52, place="noisy")[:args.n]
    print(f"generated {len(records):,} petitions in {time.time() - t0:.0f} s (peak memory {peak_mb():.0f} MB)")
    base_mb = peak_mb()

    if args.compare:
        sample = records[:100_000]
        truth = [r["complaint"] for r in sample]
        t = time.time()
        ix = RepeatIndex()
        got = []
        for batch in weekly(sample):
            got += ix.add(batch)
        ours = time.time() - t
        s = pair_scores(truth, got)
        print(f"RepeatIndex, first 100,000: {ours:.1f} s; P {s['precision']:.3f} R {s['recall']:.3f}")
        try:
            t = time.time()
            mh = minhash_groups(sample)
            theirs = time.time() - t
            s = pair_scores(truth, mh)
            print(f"MinHash LSH (datasketch, 64 permutations, Jaccard 0.5), same 100,000: {theirs:.1f} s "
                  f"({theirs / ours:.1f}× RepeatIndex); P {s['precision']:.3f} R {s['recall']:.3f}")
        except ImportError:
            print("datasketch is not installed: no MinHash comparison")

    ix = RepeatIndex()
    t = time.time()
    done, mark = 0, 100_000
    seen_truth, seen_got = [], []
    for batch in weekly(records):
        seen_got += ix.add(batch)
        seen_truth += [r["complaint"] for r in batch]
        done += len(batch)
        if done >= mark:
            t_score = time.time()
            s = pair_scores(seen_truth, seen_got)
            largest = max(Counter(seen_got).values())
            t += time.time() - t_score  # scoring is not grouping: left out of the time
            print(f"  {done:>9,} petitions grouped: {time.time() - t:6.1f} s, peak memory {peak_mb():.0f} MB; "
                  f"so far P {s['precision']:.3f} R {s['recall']:.3f}, largest group {largest}",
                  flush=True)
            mark += 100_000
    total = time.time() - t
    sizes = [len(m) for m in ix.groups(min_size=2).values()]
    truth = [r["complaint"] for r in records]
    s = pair_scores(truth, [ix.group_of(r["id"]) for r in records])
    print(f"grouped {len(records):,} petitions in {total:.0f} s ({total / len(records) * 1e6:.0f} µs each), "
          f"peak memory {peak_mb():.0f} MB ({peak_mb() - base_mb:.0f} MB above the generated records); "
          f"{len(sizes):,} groups of 2 or more; P {s['precision']:.3f} R {s['recall']:.3f}")
    t = time.time()
    blob = ix.to_bytes()
    saved = time.time() - t
    t = time.time()
    again = RepeatIndex.from_bytes(blob)
    loaded = time.time() - t
    assert again.group_of(records[-1]["id"]) == ix.group_of(records[-1]["id"])
    print(f"state: {len(blob) / 2 ** 20:.0f} MB, saved in {saved:.1f} s, loaded in {loaded:.1f} s")


if __name__ == "__main__":
    main()
