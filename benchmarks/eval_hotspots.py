"""Hotspot alerts (issue 28) on a planted stream: recall of planted hotspots, false alerts per 100 region-weeks.

A year (52 weeks) of petitions in Hunan's 122 counties (14 cities): each county has its own weekly rate (Gamma,
mean 3 a week, shape 1.5: some counties quiet, a few busy), split over six types (水 .25, 大气 .35, 土壤 .1,
生态 .1, 噪声 .15, 其他 .05); each week's rate varies around it (a Gamma factor of mean 1, shape ``--shape``:
20 ≈ ±22 %, 5 ≈ ±45 %, the overdispersion real petition counts show).  Hotspots are planted in random weeks
and (county, type), from the first week with enough history on (``min_history_days``): "strong" ones add
max(4, 2μ) petitions to that week (about three times usual, μ the county-type's weekly mean), "weak" ones
max(3, μ) (about twice).  Each such week is judged with the settings
(``PETITIONNLP_HOTSPOT_*``, defaults unless set); a county alert is true when it is a planted
(county, type, week), a city alert when one of its counties has a planted hotspot of that type that week.

    .venv/bin/python benchmarks/eval_hotspots.py [--seed 28] [--shape 20] [--planted 80]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from planted import Planter  # noqa: E402

from petitionnlp.hotspots import HotspotRule  # noqa: E402

TYPES = {"水": 0.25, "大气": 0.35, "土壤": 0.10, "生态": 0.10, "噪声": 0.15, "其他": 0.05}
START = dt.date(2024, 1, 1)
WEEKS = 52


def make_stream(seed: int, shape: float, planted: int, first_week: int):
    rng = np.random.default_rng(seed)
    counties = Planter(seed=seed).counties
    rate = rng.gamma(1.5, 3 / 1.5, size=len(counties))
    kinds = list(TYPES)
    share = np.array([TYPES[k] for k in kinds])
    mu = rate[:, None] * share[None, :]                       # county × type weekly mean
    week_factor = rng.gamma(shape, 1 / shape, size=(WEEKS, len(counties), len(kinds)))
    counts = rng.poisson(mu[None] * week_factor)              # week × county × type
    plants = {}
    cells = [(w, c, t) for w in range(first_week, WEEKS) for c in range(len(counties)) for t in range(len(kinds))]
    for k, idx in enumerate(rng.choice(len(cells), size=planted, replace=False)):
        w, c, t = cells[idx]
        strong = k % 2 == 0
        extra = max(4, math.ceil(2 * mu[c, t])) if strong else max(3, math.ceil(mu[c, t]))
        counts[w, c, t] += extra
        plants[(w, c, t)] = "strong" if strong else "weak"
    records, n = [], 0
    for w, c, t in zip(*np.nonzero(counts)):
        for _ in range(counts[w, c, t]):
            n += 1
            day = START + dt.timedelta(days=7 * int(w) + int(rng.integers(7)))
            records.append({"id": f"H{n}", "date": day.isoformat(), "province": "湖南省",
                            "city": counties[c]["city"], "county": counties[c]["name"],
                            "pollution_types": [kinds[t]]})
    return records, plants, counties, kinds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=28)
    ap.add_argument("--shape", type=float, default=20.0)
    ap.add_argument("--planted", type=int, default=80)
    args = ap.parse_args()
    rule = HotspotRule()
    alpha, min_count, min_history = rule._settings()
    first_week = math.ceil(min_history / 7)
    records, plants, counties, kinds = make_stream(args.seed, args.shape, args.planted, first_week)
    cities = sorted({c["city"] for c in counties})
    print(f"{len(records):,} petitions, {len(counties)} counties, {len(cities)} cities, {WEEKS} weeks; "
          f"{len(plants)} planted hotspots; week-to-week shape {args.shape}; "
          f"settings: alpha {alpha}, min_count {min_count}, min_history_days {min_history}")
    found = {"strong": 0, "weak": 0}
    false_county = false_city = 0
    weeks = range(first_week, WEEKS)
    t0 = time.time()
    for w in weeks:
        start = START + dt.timedelta(days=7 * w)
        alerts = rule.alerts(records, start, start + dt.timedelta(days=6))
        for a in alerts:
            parts = a["region"].split("/")
            t = kinds.index(a["type"])
            if len(parts) == 3:
                c = next(i for i, x in enumerate(counties) if x["city"] == parts[1] and x["name"] == parts[2])
                if (w, c, t) in plants:
                    found[plants[(w, c, t)]] += 1
                else:
                    false_county += 1
            elif not any(counties[c]["city"] == parts[1] for (pw, c, pt) in plants if pw == w and pt == t):
                false_city += 1
    took = time.time() - t0
    n = {k: sum(1 for v in plants.values() if v == k) for k in found}
    region_weeks = (len(counties) + len(cities)) * len(weeks)
    print(f"recall: strong (≈3× usual) {found['strong']}/{n['strong']} = {found['strong'] / n['strong']:.2f}; "
          f"weak (≈2× usual) {found['weak']}/{n['weak']} = {found['weak'] / n['weak']:.2f}")
    print(f"false alerts: {false_county} county + {false_city} city in {region_weeks:,} region-weeks = "
          f"{100 * (false_county + false_city) / region_weeks:.3f} per 100 region-weeks "
          f"({100 * false_county / (len(counties) * len(weeks)):.3f} per 100 county-weeks)")
    print(f"time: {took / len(weeks) * 1000:.0f} ms a week judged over the whole stream")


if __name__ == "__main__":
    main()
