"""Build corpora/gazetteer/scenic_areas.tsv from scenic_areas_source.tsv (4A scenic areas as the provinces announced them).

Each row names the area after the city and county it lies in, as the announcement writes them (宜昌市兴山县昭君村古汉文化
游览区, 株洲茶陵县花湖谷景区, 柳州市三江程阳侗族八寨景区).  The place names at the row's start — the gazetteer's own
mentions of provinces, cities and counties, one right after the other from the first character (a town's or a scenic
area's name is the area's own: 十堰武当山欢乐谷 keeps 武当山欢乐谷) — are read inside the row's province by the
resolver, as scripts/build_reserves.py reads a reserve's divisions (one reading of a place): a county gives the county
(how=county), a city alone the city (how=city).  A row whose start names no place of its province, or none finer than
the province, is left out (三峡湿地杨守敬书院: 三峡 is no division).

names: what texts call the area before a landmark word (景区, 风景区, 旅游区 … landmark_words.txt) — the row without its
place names and without its last landmark word or area word (landmark_words.txt, area_words.txt: 昭君村古汉文化 of
昭君村古汉文化游览区, 花果山 of 花果山国家森林公园; 吴敬梓纪念馆 as it is), and each part joined by · or - (桑园小镇·太极图
→ 桑园小镇, 太极图), kept when three characters or more (a two-character name — 马湖, 尧山, 关山 — names too many places)
and not made only of words of sight_words.txt (动物园, 古城文化: what kind of sight, no name).  The gazetteer reads a name only followed by a landmark word, and the area's own
title (name: the row without its place names, left empty when the name it starts with is no name) as it is.

    python scripts/build_scenic_areas.py        # writes corpora/gazetteer/scenic_areas.tsv
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_reserves import _place, _read, _write  # noqa: E402  one reading of a place inside its province; the tables

from petitionnlp.regions import RegionResolver  # noqa: E402
from petitionnlp.resources import read_list  # noqa: E402
from petitionnlp.text import normalize  # noqa: E402

MIN_NAME = 3
HEADER = """\
# 4A scenic areas of scenic_areas_source.tsv (the provinces' announcements; sources there) placed within their province
# by scripts/build_scenic_areas.py — not typed by hand.  Read by the gazetteer as landmarks.tsv is: the title (name) as
# it is, and each of names followed by a word of landmark_words.txt.  target: the county or city the row's place names
# give; how: county or city.  {kept} of the source's {total} rows; {dropped} left out (no place of the province at the
# row's start).
"""


def _prefix_end(resolver: RegionResolver, row: str, province: str) -> int:
    """Where the place names at the start of ``row`` end: the gazetteer's mentions of provinces, cities and counties of
    ``province``, each starting where the one before ends, from the first character, each inside the one before
    (麻城市孝感乡: 孝感 is no place of 麻城市, but the start of its 孝感乡) (0: none)."""
    end, within = 0, None
    for m in resolver.gazetteer.find(row):
        places = [p for p in m.places if p.province == province and p.level in ("province", "city", "county")
                  and (within is None or p.level != within.level and (within.level == "province" or p.city == within.city))]
        if m.start != end or not places:
            break
        end, within = m.end, places[0]
    return end


def _names(core: str, words: list[str], kinds: re.Pattern) -> list[str]:
    core = re.sub(r"[（(][^）)]*[）)]", "", core)  # 华谊兄弟(长沙)电影小镇: a bracketed place repeated
    for word in words:  # longest first
        if core.endswith(word) and len(core) > len(word):
            core = core[:-len(word)]
            break
    out = [core] + [part for part in re.split(r"[·\-－—]", core) if part != core]
    for name in list(out):  # 梦里水乡 of 梦里水乡生态, 谢鲁温泉 of 谢鲁温泉休闲: without the sight words it ends in
        while (m := kinds.search(name, 1)) and m.end() == len(name):
            name = name[:m.start()]
            out.append(name)
    return [n for n in dict.fromkeys(out) if len(n) >= MIN_NAME and not kinds.fullmatch(n)]


def main() -> None:
    resolver = RegionResolver()
    words = sorted(set(read_list("gazetteer", "landmark_words.txt")) | set(read_list("gazetteer", "area_words.txt")),
                   key=len, reverse=True)
    kinds = re.compile("(?:" + "|".join(map(re.escape, read_list("gazetteer", "sight_words.txt"))) + ")+")
    rows = _read("scenic_areas_source.tsv")
    out, dropped = [], 0
    for r in rows:
        province, row = r["province"], normalize(r["row"])
        end = _prefix_end(resolver, row, province)
        place = _place(resolver, province, row[:end]) if end else None
        if place is None:
            dropped += 1
            continue
        city, county = place
        target, how = (f"{province}/{city}/{county}", "county") if county else (f"{province}/{city}", "city")
        names = _names(row[end:], words, kinds)
        title = row[end:] if names and row[end:].startswith(names[0]) else ""  # the area's own title, its name a name
        out.append({"name": title, "target": target, "how": how, "names": "|".join(names),
                    "source": r["source"]})
    _write("scenic_areas.tsv", HEADER, ["name", "target", "how", "names", "source"], out, len(rows), dropped)


if __name__ == "__main__":
    main()
