"""Places, session 56 (issue 29 item 5): a bare name that a district of one city and a county-level division of
another share names the county (pages write a district with its 区: bare_district_endings.txt), and a town named
after its county (栖霞街道 of 栖霞区) is no town of it named when the county's name comes again."""

import pytest
from test_regions_g47 import place, resolver  # noqa: F401  (the module's resolver fixture; province, city, county)


@pytest.mark.parametrize("text,expected", [
    # a bare name a district and an autonomous county, a county or a county-level city share
    ("宽城一家选矿厂尾矿库扬尘严重", ("河北省", "承德市", "宽城满族自治县")),
    ("大通一家洗煤厂污水直排北川河", ("青海省", "西宁市", "大通回族土族自治县")),
    ("昌江一家水泥厂粉尘扰民", ("海南省", "昌江黎族自治县", "昌江黎族自治县")),
    ("象山一家水产加工厂臭气扰民", ("浙江省", "宁波市", "象山县")),
    # a county named after its people alone (东乡族自治县): the people's name bare (short_forms.tsv), shared with the
    # district 抚州's 东乡区 was made of
    ("东乡一家养殖场臭气扰民", ("甘肃省", "临夏回族自治州", "东乡族自治县")),
    # the county's name twice: 栖霞区's 栖霞街道 is its own name again, not a town of it named
    ("栖霞的果园很多,栖霞一家冷库噪声扰民", ("山东省", "烟台市", "栖霞市")),
])
def test_a_bare_name_a_district_shares_names_the_county(resolver, text, expected):
    assert place(resolver, text) == expected


@pytest.mark.parametrize("text,expected", [
    # guards (pass before too): the district where its 区, its city or its province is written
    ("宽城区一家饭店油烟扰民", ("吉林省", "长春市", "宽城区")),
    ("长春宽城一家饭店油烟扰民", ("吉林省", "长春市", "宽城区")),
    ("淮南大通一家洗煤厂粉尘扰民", ("安徽省", "淮南市", "大通区")),
    ("上海长宁一家工地夜间施工噪声扰民", ("上海市", "上海市", "长宁区")),
    ("南京栖霞一家化工厂异味扰民", ("江苏省", "南京市", "栖霞区")),
    ("抚州东乡一家化工厂异味扰民", ("江西省", "抚州市", "东乡区")),
    ("江西东乡县一家化工厂异味扰民", ("江西省", "抚州市", "东乡区")),
    # two districts share the name: no county to prefer, the prior says nothing
    ("江苏省鼓楼区一家饭店油烟扰民", ("江苏省", None, None)),
])
def test_the_district_where_the_text_says_so(resolver, text, expected):
    assert place(resolver, text) == expected


@pytest.mark.parametrize("text,expected", [
    # a landmark's bare name (landmarks.tsv, reserves.tsv, scenic_areas.tsv) once the text has named its city
    ("紫金山上有很多垃圾,紫金山是我们南京的母亲山", ("江苏省", "南京市", "玄武区")),
    ("石嘴山市高度重视,沙湖水质问题列为整改事项", ("宁夏回族自治区", "石嘴山市", "平罗县")),
])
def test_a_landmarks_bare_name_in_the_city_named_gives_its_county(resolver, text, expected):
    assert place(resolver, text) == expected


@pytest.mark.parametrize("text,expected", [
    # guards (pass before too): the name inside the city's own (黄山市 is no 黄山风景区), before a village's word
    ("黄山市一家工厂废气扰民", ("安徽省", "黄山市", None)),
    ("石嘴山市沙湖村一家养殖场臭气扰民", ("宁夏回族自治区", "石嘴山市", None)),
])
def test_no_landmark_where_the_name_is_part_of_another(resolver, text, expected):
    assert place(resolver, text) == expected
