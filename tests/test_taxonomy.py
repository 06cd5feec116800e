import pytest

from petitionnlp.taxonomy import TYPES, normalize_label


def test_types_in_contract_order():
    assert TYPES == ("水", "大气", "土壤", "海洋", "生态", "辐射", "噪声", "其他")


@pytest.mark.parametrize("raw,expected", [
    ("扬尘污染", ["大气"]), ("噪音", ["噪声"]), ("大氣,其他污染", ["大气", "其他"]), ("固废", ["土壤"]),
    ("油烟", ["大气"]), ("粉尘", ["大气"]), ("异味", ["大气"]), ("散煤", ["大气"]), ("黑臭水体", ["水"]),
    ("废水", ["水"]), ("交通噪声", ["噪声"]), ("垃圾", ["土壤"]), ("尾矿", ["土壤"]), ("生态破坏", ["生态"]),
    ("矿山开发", ["生态"]), ("电磁辐射", ["辐射"]), ("其他污染", ["其他"]), ("噪声大气", ["噪声", "大气"]),
    ("工业企业噪声 异味污染", ["噪声", "大气"]), ("水\n揚塵", ["水", "大气"]), ("水, 生態(tài)", ["水", "生态"]),
    ("畜禽养殖", None), ("群众身边的生态环境问题", None), ("群眾身邊的生態(tài)環(huán)境問題", None), (None, None), ("", None),
])
def test_historical_labels(raw, expected):
    assert normalize_label(raw) == expected


def test_every_dev_label_maps_as_annotated(dev_petitions):
    for r in dev_petitions:
        got = normalize_label(r["label_raw"])
        assert (set(got) if got else None) == (set(r["types"]) if r["types"] else None), r["label_raw"]
