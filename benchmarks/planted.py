"""Planted petition streams for the repeat, hotspot and map benchmarks (issue 28).

A *complaint* is a place (a real county of the province from the gazetteer, often one of its towns, and a local
site such as 和平村 or 幸福小区 built from ``corpora/synth``), a source (餐馆, 搅拌站 …), one to three complaint
phrases of its types and a closing.  A petition renders a complaint; a *repeat* renders the same complaint again,
reworded as complainants do: another opener (再次反映 …), the place written another way (with or without the
city, the county's short name, the county left out), the phrases reordered, words replaced by variants, a phrase
dropped or a detail added, another closing.  Two kinds of different complaint look alike and are planted on
purpose: *another matter at the same site* (the same village, another source and problem) and *a twin at
another site* (the same county, source and problems, another village or estate).

Everything is deterministic for a seed.  Used by ``eval_repeats.py``, ``bench_repeats.py``, ``eval_hotspots.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYNTH = ROOT / "corpora" / "synth"
GAZ = ROOT / "corpora" / "gazetteer"

OPENERS = ["", "", "", "反映", "群众反映", "投诉人反映：", "来信人反映", "市民反映", "村民反映"]
REPEAT_OPENERS = ["再次反映", "此前反映过，", "群众再次投诉：", "之前已经反映，", "又有群众反映", "", "来电反映"]
DETAILS = ["最近更严重了", "已经持续{n}个月", "晚上尤其明显", "周边群众意见很大", "之前处理后又反弹",
           "白天晚上都这样", "附近还有学校"]
TIMES = ["夜间", "凌晨", "每天晚上", "早上6点", "中午", "晚上10点后", "周末", "每天24小时"]
RIVERS = ["附近河道", "{name}河", "小溪", "水库", "村里的池塘", "排水沟", "附近小河", "水渠"]
SWAPS = [("反映", "投诉"), ("严重", "十分严重"), ("居民", "群众"), ("扰民", "影响周边居民"), ("直排", "直接排放"),
         ("附近", "周边"), ("无人", "没有人"), ("要求", "希望"), ("村民", "当地村民"), ("噪声", "噪音"),
         ("异味", "臭味"), ("污水", "废水"), ("粉尘", "灰尘"), ("很大", "特别大"), ("排入", "排进")]


def _tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))


def _lines(path: Path) -> list[str]:
    return [ln.strip() for ln in open(path, encoding="utf-8") if ln.strip() and not ln.startswith("#")]


class Planter:
    """Complaints and their petitions in one province (default 湖南省: its 122 county-level divisions)."""

    def __init__(self, seed: int = 28, province: str = "湖南省"):
        self.rng = random.Random(seed)
        self.phrases = defaultdict(list)
        for row in _tsv(SYNTH / "phrases.tsv"):
            self.phrases[row["type"]].append(row["phrase"])
        self.sources = [(r["source"], r["types"].split("|")) for r in _tsv(SYNTH / "sources.tsv")]
        self.by_type = defaultdict(list)
        for src, kinds in self.sources:
            for k in kinds:
                self.by_type[k].append((src, kinds))
        self.closings = _lines(SYNTH / "complaints.txt")
        self.sites = [p for p in _lines(SYNTH / "places.txt") if "{name2}" not in p]
        self.names = _lines(SYNTH / "names.txt")
        zone = ("开发区", "高新技术", "产业园区", "经济区", "管理区", "示范区", "保税区")
        self.counties = [d for d in _tsv(GAZ / "divisions.tsv") if d["level"] == "county" and d["province"] == province
                         and not (any(k in d["name"] for k in zone) and not d["name"].endswith(("县", "市", "旗")))]
        codes = {d["adcode"] for d in self.counties}
        self.towns = defaultdict(list)
        for t in _tsv(GAZ / "towns.tsv"):
            if t["parent_adcode"] in codes:
                self.towns[t["parent_adcode"]].append(t["name"])
        self.province = province

    # -- complaints
    def fill(self, s: str) -> str:
        rng = self.rng
        return (s.replace("{river}", rng.choice(RIVERS)).replace("{time}", rng.choice(TIMES))
                .replace("{name}", rng.choice(self.names)).replace("{n}", str(rng.randint(2, 30))))

    def complaint(self, county: dict | None = None, kind: str | None = None, town=..., site=None,
                  source=None) -> dict:
        rng = self.rng
        county = county or rng.choice(self.counties)
        kind = kind or rng.choices(["水", "大气", "土壤", "生态", "噪声", "其他"], [3, 4, 2, 2, 3, 1])[0]
        src, src_types = source or rng.choice(self.by_type[kind])
        labels = [kind] + ([rng.choice([k for k in src_types if k != kind])]
                           if len(src_types) > 1 and rng.random() < 0.4 else [])
        if town is ...:
            town = rng.choice(self.towns[county["adcode"]]) if self.towns.get(county["adcode"]) and rng.random() < 0.7 \
                else None
        site = site or self.fill(rng.choice(self.sites))
        phrases = [self.fill(rng.choice(self.phrases[k])) for k in labels]
        return {"county": county, "town": town, "site": site, "source": src, "types": labels, "phrases": phrases,
                "closing": self.fill(rng.choice(self.closings))}

    def other_matter(self, c: dict) -> dict:
        """Another complaint at the same site: another source, of another type."""
        kinds = [k for k in self.by_type if k not in c["types"] and k in ("水", "大气", "土壤", "生态", "噪声")]
        kind = self.rng.choice(kinds)
        pool = [s for s in self.by_type[kind] if s[0] != c["source"] and not set(s[1]) & set(c["types"])] \
            or [s for s in self.by_type[kind] if s[0] != c["source"]]
        return self.complaint(c["county"], kind, c["town"], c["site"], self.rng.choice(pool))

    def twin(self, c: dict) -> dict:
        """A complaint of the same county, source and types at another site."""
        new = self.complaint(c["county"], c["types"][0], source=(c["source"], c["types"]))
        while new["site"] == c["site"]:
            new["site"] = self.fill(self.rng.choice(self.sites))
        new["types"] = list(c["types"])
        new["phrases"] = [self.fill(self.rng.choice(self.phrases[k])) for k in c["types"]]
        return new

    # -- petitions
    def _where(self, c: dict, repeat: bool) -> str:
        rng, county = self.rng, c["county"]
        form = rng.random()
        short = county["short"] + ("县" if county["name"].endswith("县") and len(county["short"]) == 1 else "")
        if form < 0.3:
            where = county["city"] + county["name"]
        elif form < 0.6:
            where = county["name"]
        elif form < 0.75:
            where = short
        else:
            where = "" if c["town"] else county["name"]
        if c["town"] and (not repeat or rng.random() < 0.8):
            where += c["town"]
        return where + c["site"]

    def render(self, c: dict, repeat: bool = False) -> str:
        rng = self.rng
        where = self._where(c, repeat)
        phrases = list(c["phrases"])
        if repeat:
            rng.shuffle(phrases)
            if len(phrases) > 1 and rng.random() < 0.3:
                phrases = phrases[:1]
            if rng.random() < 0.4:
                phrases.append(self.fill(rng.choice(DETAILS)))
        body = "，".join(phrases)
        src = c["source"]
        form = rng.random()
        if form < 0.45:
            body = f"{where}的{src}{body}"
        elif form < 0.9:
            body = f"{where}有{src}，{body}"
        else:
            body = f"{where}附近一{src if src.startswith('家') else '家' + src}，{body}"
        closing = self.fill(rng.choice(self.closings)) if repeat else c["closing"]
        text = rng.choice(REPEAT_OPENERS if repeat else OPENERS) + body + "，" + closing
        if repeat:
            for a, b in SWAPS:
                if rng.random() < 0.35:
                    text = text.replace(a, b) if a in text else text.replace(b, a)
        return re.sub("，，", "，", text)

    def record(self, c: dict, text: str, pid: str, date: dt.date, complaint_id: int, place: str = "true",
               relation: tuple = (None, None)) -> dict:
        """A petition record; ``place``: the true county, or as a resolver may leave it (county or city unknown)."""
        county = c["county"]
        rec = {"id": pid, "text": text, "date": date.isoformat(), "province": self.province, "city": county["city"],
               "county": county["name"], "pollution_types": list(c["types"]), "complaint": complaint_id,
               "relation": relation[0], "parent": relation[1]}
        if place == "noisy":
            r = self.rng.random()
            if r < 0.10:
                rec["county"] = None
            elif r < 0.13:
                rec["city"] = rec["county"] = None
        return rec

    def stream(self, complaints: int, start: dt.date, weeks: int, repeat_share: float = 0.3,
               other_matter_share: float = 0.15, twin_share: float = 0.15, place: str = "true"):
        """Records over ``weeks`` weeks from ``start``: ``complaints`` first petitions (a share of them another
        matter at an earlier complaint's site, or a twin at another site), and repeats of a share of the
        complaints, 1–4 each, from the same week up to six weeks later.  Sorted by date."""
        rng = self.rng
        out, made = [], []
        for k in range(complaints):
            r = rng.random()
            relation = (None, None)
            if made and r < other_matter_share + twin_share:
                parent = rng.randrange(len(made))
                kind = "other_matter" if r < other_matter_share else "twin"
                c = self.other_matter(made[parent]) if kind == "other_matter" else self.twin(made[parent])
                relation = (kind, parent)
            else:
                c = self.complaint()
            made.append(c)
            day = start + dt.timedelta(days=rng.randrange(weeks * 7))
            out.append(self.record(c, self.render(c), f"P{k:07d}", day, k, place, relation))
            if rng.random() < repeat_share:
                for j in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
                    later = day + dt.timedelta(days=rng.randrange(0, 43))
                    out.append(self.record(c, self.render(c, repeat=True), f"P{k:07d}-{j + 1}", later, k, place))
        out.sort(key=lambda r: (r["date"], r["id"]))
        return out


def pair_scores(truth: list, predicted: list) -> dict:
    """Pairwise precision, recall and F1 of a grouping: a pair of petitions is predicted together when they
    share a predicted group, truly together when they are one complaint."""
    from collections import Counter

    def pairs(counter):
        return sum(n * (n - 1) // 2 for n in counter.values())

    both = pairs(Counter(zip(truth, predicted)))
    true_pairs, pred_pairs = pairs(Counter(truth)), pairs(Counter(predicted))
    p = both / pred_pairs if pred_pairs else 1.0
    r = both / true_pairs if true_pairs else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "true_pairs": true_pairs, "predicted_pairs": pred_pairs}
