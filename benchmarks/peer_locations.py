"""The region resolver on peers' public location test cases (issue 29, item 5).

``benchmarks/data/peer_locations.jsonl``: the address strings of other Chinese address parsers' own public tests
(JioNLP, cpca, a Java port of cpca, ricco), each with the province, city and county those tests expect, in the
gazetteer's current names, and its source.  Prints, per level, the share of cases whose answer is the expected one
(a county is scored where the case expects one; None expected counts as right only when we also say None), and
lists the misses.

    python benchmarks/peer_locations.py
"""

from __future__ import annotations

import json
from pathlib import Path

from petitionnlp.regions import RegionResolver
from petitionnlp.text import normalize

DATA = Path(__file__).resolve().parent / "data" / "peer_locations.jsonl"


def main() -> None:
    cases = [json.loads(x) for x in DATA.read_text(encoding="utf-8").splitlines() if x.strip()]
    got = RegionResolver().resolve_many([normalize(c["text"]) for c in cases])
    right = {"city": 0, "county": 0, "all": 0}
    misses = []
    for c, g in zip(cases, got):
        ok = {level: g[level] == c[level] for level in ("city", "county")}
        right["city"] += ok["city"]
        right["county"] += ok["county"]
        right["all"] += all(ok.values()) and g["province"] == c["province"]
        if not all(ok.values()):
            misses.append(f"  {c['text']}: expected {c['city']}/{c['county']}, got {g['city']}/{g['county']}")
    n = len(cases)
    print(f"{n} peer cases ({len({c['source'] for c in cases})} sources): city {right['city'] / n:.3f}, "
          f"county {right['county'] / n:.3f}, province+city+county {right['all'] / n:.3f}")
    print("\n".join(misses))


if __name__ == "__main__":
    main()
