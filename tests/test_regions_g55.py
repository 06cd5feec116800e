"""Places, session 55 (issue 29 item 5): the short forms of banners and autonomous counties by rule from the
gazetteer's official names, and a county named after its city read as the city when its name stands bare."""

import pytest
from test_regions_g47 import place, resolver  # noqa: F401  (the module's resolver fixture; province, city, county)

from petitionnlp.regions import get_gazetteer
from petitionnlp.resources import corpus_path


@pytest.mark.parametrize("text,expected", [
    # a banner whose name has no 左/右/前/中/后: its first character and 旗 (short_forms.tsv), as 准旗, 伊旗
    ("杭旗一家煤矿粉尘扰民", ("内蒙古自治区", "鄂尔多斯市", "杭锦旗")),
    ("敖旗某选矿厂尾矿库渗漏", ("内蒙古自治区", "赤峰市", "敖汉旗")),
    ("乌旗一家化工厂夜间排放废气", ("内蒙古自治区", "鄂尔多斯市", "乌审旗")),
    # before a town of another province (城关镇, 新华街道 are everywhere): the banner, not the town elsewhere
    ("库旗城关镇一家养殖场臭气扰民", ("内蒙古自治区", "通辽市", "库伦旗")),
    ("奈旗新华街道一家饭店油烟扰民", ("内蒙古自治区", "通辽市", "奈曼旗")),
    # guards (pass before too): once listed by hand in aliases.tsv, now the rule's
    ("翁旗一家养殖场臭气扰民", ("内蒙古自治区", "赤峰市", "翁牛特旗")),
    ("太旗一家选矿厂粉尘扰民", ("内蒙古自治区", "锡林郭勒盟", "太仆寺旗")),
    # an autonomous county's name before its ethnic groups, three characters or more, bare
    ("塔什库尔干一家砂石厂粉尘扰民", ("新疆维吾尔自治区", "喀什地区", "塔什库尔干塔吉克自治县")),
])
def test_short_forms_of_banners_and_autonomous_counties_by_rule(resolver, text, expected):
    assert place(resolver, text) == expected


def test_banner_short_forms_are_not_listed_by_hand():
    import csv

    with open(corpus_path("gazetteer", "aliases.tsv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))
    assert [r["alias"] for r in rows if r["kind"] == "short" and r["target"].endswith("旗")] == []


def test_the_rule_leaves_out_what_names_no_banner():
    g = get_gazetteer()
    # a numeral counts banners (东部四旗), a direction is a part of a name (东乌旗 keeps it), a colour is the banner's
    # name (正蓝旗, 镶黄旗), and 阿旗 would be 阿鲁科尔沁旗 of 赤峰 as much as 阿巴嘎旗 of 锡林郭勒盟
    for form in ("四旗", "东旗", "西旗", "正旗", "镶旗"):
        assert form not in g.exact and form not in g.short, form
    assert "阿鲁科尔沁旗" not in {p.county for p in g.exact.get("阿旗", []) + g.short.get("阿旗", [])}


@pytest.mark.parametrize("text,expected", [
    # a county named after its city (阜新蒙古族自治县 of 阜新市, 承德县 of 承德市): the bare name is the city's
    ("在阜新某企业排污", ("辽宁省", "阜新市", None)),
    ("本溪某钢厂夜间排放废气", ("辽宁省", "本溪市", None)),
    ("承德一家化工厂夜间排污", ("河北省", "承德市", None)),
    ("安阳某焦化厂粉尘扰民", ("河南省", "安阳市", None)),
    # the county by its own forms still (阜新县, 阜蒙县, 承德县)
    ("阜新县一家养殖场臭气扰民", ("辽宁省", "阜新市", "阜新蒙古族自治县")),
    ("阜蒙县一家养殖场臭气扰民", ("辽宁省", "阜新市", "阜新蒙古族自治县")),
    ("承德县一家化工厂夜间排污", ("河北省", "承德市", "承德县")),
    # a county that is its own city (海南's, 兵团's) keeps its bare name
    ("乐东一家养殖场污水直排", ("海南省", "乐东黎族自治县", "乐东黎族自治县")),
])
def test_a_county_named_after_its_city_is_the_city_when_bare(resolver, text, expected):
    assert place(resolver, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a city's bare short name before a landform's word (黄石崖: a cliff) is no city that would contradict the scenic
    # area the text names (白云山景区, shared by 广州 and 洛阳, decided by the province the text names)
    ("白云山景区管理人员在黄石崖巡查时发现有人售卖河南省保护动物", ("河南省", "洛阳市", "嵩县")),
    # 生态旅游区 after a scenic area's name, as 旅游区: 沙湖 of 石嘴山 (other 沙湖 elsewhere), its city named
    ("石嘴山市沙湖生态旅游区附近一家养殖场臭气扰民", ("宁夏回族自治区", "石嘴山市", "平罗县")),
    # guard (passes before too): the bare short name alone is still the city
    ("黄石一家化工厂夜间排污", ("湖北省", "黄石市", None)),
])
def test_landmarks_a_landform_after_a_short_name_and_an_ecotourism_area(resolver, text, expected):
    assert place(resolver, text) == expected
