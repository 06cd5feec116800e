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


def _score(cases, got) -> tuple[dict, list[str]]:
    right = {"city": 0, "county": 0, "all": 0}
    misses = []
    for c, g in zip(cases, got):
        ok = {level: g[level] == c[level] for level in ("city", "county")}
        right["city"] += ok["city"]
        right["county"] += ok["county"]
        right["all"] += all(ok.values()) and g["province"] == c["province"]
        if not all(ok.values()):
            misses.append(f"  {c['text']}: expected {c['city']}/{c['county']}, got {g['city']}/{g['county']}")
    return {k: v / len(cases) for k, v in right.items()}, misses


def _peers(texts) -> dict[str, list[dict]]:
    """cpca's and JioNLP's answers where they are installed (``make bench-regions`` builds ``.venv-bench``)."""
    out = {}
    try:
        import cpca

        df = cpca.transform(texts)
        rows = []
        for r in df.to_dict("records"):
            city = r["市"] or None
            if r["省"] in ("北京市", "天津市", "上海市", "重庆市") and city in (None, "市辖区", "县"):
                city = r["省"]
            rows.append({"province": r["省"] or None, "city": city, "county": r["区"] or None})
        out["cpca"] = rows
    except ImportError:
        pass
    try:
        import jionlp as jio

        out["jionlp"] = [{k: p.get(k) for k in ("province", "city", "county")}
                         for p in (jio.parse_location(t) for t in texts)]
    except ImportError:
        pass
    return out


def main() -> None:
    cases = [json.loads(x) for x in DATA.read_text(encoding="utf-8").splitlines() if x.strip()]
    texts = [normalize(c["text"]) for c in cases]
    results = {"petitionnlp": RegionResolver().resolve_many(texts), **_peers(texts)}
    print(f"{len(cases)} peer cases ({len({c['source'] for c in cases})} sources)")
    for name, got in results.items():
        acc, misses = _score(cases, got)
        print(f"{name:12s} city {acc['city']:.3f}  county {acc['county']:.3f}  province+city+county {acc['all']:.3f}")
        if name == "petitionnlp" and misses:
            print("\n".join(misses))


if __name__ == "__main__":
    main()
