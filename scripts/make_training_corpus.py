"""Generate the synthetic petition corpus corpora/train/synthetic_petitions.jsonl.

Each record is assembled from data files in corpora/synth/ (reviewed complaint phrases by type, sources
with the types their complaints concern, local place patterns, closing phrases) and from the gazetteer
(corpora/gazetteer/: real province/city/county/town names).  A source draws its phrases from the lists of its
types (phrases.tsv `type`); the labels are the types the phrases used are filed under (``mentioned``: `filed`
where a phrase has one — a smell from garbage, drawn with the garbage complaints, is filed under 大气 — else its
`type`); ``types`` is what a published table would record: in a share of the records that
name several pollutants (``--main-only``, default 0: off) only the first, main one, as officials often do.  Deterministic for a given --seed.

    python scripts/make_training_corpus.py [--n 8000] [--seed 13] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYNTH = ROOT / "corpora" / "synth"
GAZ = ROOT / "corpora" / "gazetteer"
OUT = ROOT / "corpora" / "train" / "synthetic_petitions.jsonl"

TYPES = [ln.strip() for ln in open(ROOT / "corpora" / "taxonomy" / "types.txt", encoding="utf-8")
         if ln.strip() and not ln.startswith("#")]
# how often each type is the first-named problem: rarer types are over-sampled so the model sees them
PRIMARY_WEIGHT = {"水": 3, "大气": 4, "土壤": 2, "海洋": 1, "生态": 2, "辐射": 1, "噪声": 3, "其他": 1}
OPENERS = ["", "", "", "反映", "群众反映", "投诉人反映：", "来信人反映", "市民反映", "村民反映"]
TIMES = ["夜间", "凌晨", "每天晚上", "早上6点", "中午", "晚上10点后", "周末", "每天24小时"]
RIVERS = ["附近河道", "{name}河", "小溪", "水库", "村里的池塘", "排水沟", "江里", "附近小河", "水渠", "湖里", "雨水井"]


def _tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))


def _lines(path: Path) -> list[str]:
    return [ln.strip() for ln in open(path, encoding="utf-8") if ln.strip() and not ln.startswith("#")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=8000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--main-only", type=float, default=0.0,
                    help="share of multi-pollutant records labeled with their main type only")
    ap.add_argument("--out", type=Path, default=OUT, help=f"where to write (default {OUT.relative_to(ROOT)})")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    phrases = defaultdict(list)  # the list a phrase is drawn from -> (phrase, the type it is filed under)
    for row in _tsv(SYNTH / "phrases.tsv"):
        phrases[row["type"]].append((row["phrase"], row.get("filed") or row["type"]))
    sources = [(r["source"], r["types"].split("|")) for r in _tsv(SYNTH / "sources.tsv")]
    by_type = defaultdict(list)
    for src, kinds in sources:
        for k in kinds:
            by_type[k].append((src, kinds))
    closings = _lines(SYNTH / "complaints.txt")
    places = _lines(SYNTH / "places.txt")
    names = _lines(SYNTH / "names.txt")
    divisions = _tsv(GAZ / "divisions.tsv")
    counties = [d for d in divisions if d["level"] == "county" and d["city"]
                and d["adcode"][:2] not in ("71", "81", "82")]
    towns = defaultdict(list)
    for t in _tsv(GAZ / "towns.tsv"):
        towns[t["parent_adcode"]].append(t["name"])

    def fill(s: str) -> str:
        return (s.replace("{river}", rng.choice(RIVERS)).replace("{time}", rng.choice(TIMES))
                .replace("{name2}", rng.choice(names)).replace("{name}", rng.choice(names))
                .replace("{n}", str(rng.randint(2, 30))))

    kinds, weights = zip(*PRIMARY_WEIGHT.items())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for i in range(args.n):
            primary = rng.choices(kinds, weights)[0]
            src, src_types = rng.choice(by_type[primary])
            labels = [primary]
            extra = [k for k in src_types if k != primary]
            if extra and rng.random() < 0.45:
                labels.append(rng.choice(extra))
                if len(extra) > 1 and rng.random() < 0.2:
                    labels.append(rng.choice([k for k in extra if k not in labels]))
            county = rng.choice(counties)
            form = rng.random()
            if form < 0.3:
                where = county["city"] + county["name"]
            elif form < 0.55:
                where = county["name"]
            elif form < 0.7:
                where = county["short"] + ("县" if county["name"].endswith("县") else "")
            else:
                where = ""
            if towns.get(county["adcode"]) and rng.random() < 0.6:
                where += rng.choice(towns[county["adcode"]])
            where += fill(rng.choice(places))
            parts, filed = [], []
            for k in labels:
                phrase, kind = rng.choice(phrases[k])
                parts.append(fill(phrase))
                if kind not in filed:
                    filed.append(kind)
            body = "，".join(parts)
            if rng.random() < 0.5:
                body = f"{where}的{src}{body}"
            else:
                body = f"{where}有{src}，{body}"
            text = rng.choice(OPENERS) + body + "，" + fill(rng.choice(closings))
            # published tables often record only the main pollutant of a petition that names several:
            # drop the secondary labels of a share of multi-pollutant records, as officials do (drawn on the
            # phrases' count, as before `filed`, so that a phrase filed anew relabels its records, not redraws them)
            recorded = filed[:1] if len(labels) > 1 and rng.random() < args.main_only else filed
            rec = {"id": f"syn{i:05d}", "text": text, "types": recorded, "mentioned": filed, "province": county["province"],
                   "city": county["city"] if where.startswith((county["city"], county["name"], county["short"]))
                   else None,
                   "county": county["name"] if where.startswith((county["city"], county["name"], county["short"]))
                   else None,
                   "source": "synthetic"}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {args.n} records to {args.out}")


if __name__ == "__main__":
    main()
