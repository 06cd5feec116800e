"""Issue 29 item 6 (k54): what a row of a batch need not do again — a table's 行政区域 cell, the same on row after
row, is read once a distinct cell, and every row still gets what reading it afresh gives."""

from petitionnlp.regions import RegionResolver
from petitionnlp.text import normalize

TEXTS = ["鼓楼区某小区楼下餐馆油烟扰民", "城关镇一家养猪场粪污直排河道", "某化工厂夜间偷排废水，气味刺鼻",
         "衡阳市珠晖区某厂夜间排放废气", "开发区工地夜间施工噪声大"]
HINTS = ["福州市", "福州市", "南京市", "江苏省南京市", None, "", "衡陽市", "福州市"]


def test_a_repeated_region_cell_is_read_once(monkeypatch):
    resolver = RegionResolver()
    read = []
    mentions = RegionResolver._mentions

    def counted(self, text, *rest):
        read.append(text)
        return mentions(self, text, *rest)

    monkeypatch.setattr(RegionResolver, "_mentions", counted)
    rows = [(normalize(t), h) for h in HINTS for t in TEXTS]
    got = resolver.resolve_many([t for t, _ in rows], [h for _, h in rows])
    cells = [normalize(h) for h in HINTS if h]
    assert sorted(t for t in read if t in cells) == sorted(set(cells))  # each distinct cell once (5 rows each)
    # and every row as a resolver that never saw another row reads it
    assert got == [RegionResolver().resolve(t, h) for t, h in rows]
