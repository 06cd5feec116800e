"""Every short form of every banner and autonomous county, written before a town of another province (issue 29,
item 5).

The hidden peer cases missed 喀左旗-like short forms read as a street of the same name elsewhere; this probe
asks the same of all of them, from the gazetteer's own data rather than from records: for each form that names
one banner or autonomous county (喀左旗, 科左中旗, 阜蒙县 — the suffixed forms; 喀左, 三江, 敖汉 — the bare ones),
the text ``<form><a town of another province>某村村民反映养殖场臭气`` (the town drawn with a fixed seed) should
resolve to that county.  Prints the share right for each kind and the first misses.

    python benchmarks/short_forms_probe.py [--seed N]
"""

from __future__ import annotations

import argparse
import random

from petitionnlp.regions import RegionResolver
from petitionnlp.regions.gazetteer import get_gazetteer
from petitionnlp.resources import corpus_path


def _forms(g) -> dict[str, list]:
    def kind(p):
        return "旗" in p.name or "自治" in p.name

    suffixed = []
    for name in list(g.exact):
        places = g.exact[name]
        counties = [p for p in places if p.level == "county"]
        if len(counties) == 1 and len(places) == 1 and counties[0].name != name and name.endswith(("旗", "县")) \
                and kind(counties[0]):
            suffixed.append((name, counties[0]))
    bare = [(name, places[0]) for name, places in g.short.items()
            if len(places) == 1 and places[0].level == "county" and kind(places[0])]
    return {"suffixed (喀左旗)": sorted(suffixed), "bare (喀左)": sorted(bare)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    g = get_gazetteer()
    resolver = RegionResolver()
    with open(corpus_path("gazetteer", "towns.tsv"), encoding="utf-8") as fh:
        towns = [line.rstrip("\n").split("\t") for line in fh][1:]
    rng = random.Random(args.seed)
    for kind, forms in _forms(g).items():
        misses = []
        for form, county in forms:
            town, code = rng.choice(towns)
            while code[:2] == county.adcode[:2]:
                town, code = rng.choice(towns)
            text = f"{form}{town}某村村民反映养殖场臭气"
            got = resolver.resolve(text)
            if got["county"] != county.county:
                misses.append(f"  {text}: expected {county.county}, got {got['province']}/{got['county']}")
        print(f"{kind:18s} {len(forms) - len(misses):4d}/{len(forms):<4d} {1 - len(misses) / len(forms):.3f}")
        print("\n".join(misses[:10]))


if __name__ == "__main__":
    main()
