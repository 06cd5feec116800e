"""Session 41's probe (corpora/pii/probe41_source.txt) and the three cases session 40 left undecided: the head of a
village group is a villager (5组组长王伟称, 村民小组长冉茂林); a complainant's given name that is also a district's
is hidden where the office reaches him or he speaks (已同建华沟通, 建华表示满意), the district stays (建华区); a name
ending in 乡 or 镇 after a complainant's word and before a verb of saying is a person's (居民宁乡称)."""

import pytest

from petitionnlp.pii import find_pii, redact_text
from tests.test_pii_r40b import names


@pytest.mark.parametrize("text,expected", [
    ("5组组长彭建军称，该养猪场是去年年底建成的。", "5组组长【姓名】称，该养猪场是去年年底建成的。"),
    ("3组组长王伟称，该厂夜间偷排。", "3组组长【姓名】称，该厂夜间偷排。"),
    ("三组小组长谢国华反映，渠道被堵。", "三组小组长【姓名】反映，渠道被堵。"),
    ("村民小组长冉茂林陪同执法人员查看了排污口。", "村民小组长【姓名】陪同执法人员查看了排污口。"),
    ("生产队长刘满仓说，这条河以前很清。", "生产队长【姓名】说，这条河以前很清。"),
])
def test_the_head_of_a_village_group_is_a_villager(text, expected):
    assert redact_text(text)[0] == expected


@pytest.mark.parametrize("text", [
    "核查组组长刘卫东、副组长陈亮带队进行了现场核查。", "督察组组长张建国同志带队下沉督察。",
    "第三督察组组长李明带队。", "专案组副组长陈亮、组长王强到现场。", "3组组长称已处理。",
])
def test_the_head_of_an_inspection_team_stays_an_official(text):
    assert names(text) == []


def test_a_given_name_that_is_a_districts_is_hidden_where_the_office_reaches_it():
    text = "来电人王建华反映，已同建华沟通，建华表示满意。"
    assert redact_text(text)[0] == "来电人【姓名】反映，已同【姓名】沟通，【姓名】表示满意。"
    assert redact_text("信访人刘永定反映砂场噪声，经与永定本人沟通，同意延期办理。")[0] == \
        "信访人【姓名】反映砂场噪声，经与【姓名】本人沟通，同意延期办理。"
    # the district itself, and a hamlet before a verb that starts as a place's ending does (王家沟通往)
    assert names("齐齐哈尔市建华区某供热站烟囱冒黑烟，已向建华区生态环境分局反映。") == []
    assert names("来电人王建华反映，到建华区办事的群众多。") == ["王建华"]
    assert names("王家沟通往镇上的路被渣土车压坏。") == []


def test_a_name_ending_in_a_townships_character_that_speaks():
    assert names("居民宁乡称，宁乡市一家屠宰场污水直排。") == ["宁乡"]
    assert names("宁乡市花明楼镇的石材厂粉尘大。") == []
    assert names("村民宁乡镇反映，砖厂冒烟。") == []


@pytest.mark.parametrize("text,expected", [
    ("蒙桂芳、韦秀英和覃德光等村民反映，石场放炮震裂房屋。", ["蒙桂芳", "韦秀英", "覃德光"]),
    ("龚德胜与龚德利兄弟二人经营的采砂场夜间作业。", ["龚德胜", "龚德利"]),
    ("由秦玉珍提供的视频显示，该厂凌晨通过暗管排污。", ["秦玉珍"]),
])
def test_names_the_probe_found_missed(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "毕业生反映宿舍旁工地噪声大。", "由环保部门提供的数据显示，该厂超标排放。", "县长陪同省领导视察。",
    "惠民小区居民反映，翁源县某厂排污。", "湛江市某养殖场污水直排。", "村民房屋颜色发黑。",
    "开矿时在山上挖了一个容积高达500多万立方米的大深坑。",
])
def test_new_surnames_and_follow_words_make_no_name_of_ordinary_words(text):
    assert names(text) == []


def test_a_seven_digit_landline_in_groups_of_four_and_three():
    assert [(s["type"], s["text"]) for s in find_pii("家里座机0746 8223 561，白天没人接。")] == \
        [("电话", "0746 8223 561")]
    assert find_pii("2023 0746 123") == []


@pytest.mark.parametrize("text,expected", [
    ("来电人王和平反映，经与和平路社区核实，情况属实。", ["王和平"]),
    ("来电人刘向阳反映，已通知向阳村村委会清理垃圾。", ["刘向阳"]),
    ("举报人刘向东反映，砖厂冒烟。", ["刘向东"]),
])
def test_a_given_name_whose_first_character_is_a_function_words(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "举报人张和李某反映，砖厂冒烟。", "业主李和王反映楼上噪声。", "举报人李向我们反映，砖厂冒烟。", "群众王在家反映噪声。",
    "投诉人曾于11月5日反映噪声。", "举报人王已向环保局反映。", "村民张也称，河水发臭。",
])
def test_no_name_of_a_surname_and_a_function_word(text):
    assert names(text) == []


@pytest.mark.parametrize("text", [
    "附近村民房屋被震裂，村民要求赔偿。", "村民房屋也被损坏。", "村民庄稼被毁，要求赔偿。", "群众车辆被堵在路口。",
    "村民农田被污水淹没。", "居民门窗被震坏。",
])
def test_what_a_group_owns_after_its_word_is_no_name(text):
    """村民房屋被震裂: the villagers' houses (房 + 屋 read as a surname and a given name) — group_belongings.txt."""
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("村民金花被狗咬伤。", ["金花"]), ("村民王伟被打伤。", ["王伟"]), ("村民房建国反映，石场放炮。", ["房建国"]),
])
def test_a_villagers_name_stays_hidden_beside_the_belongings(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "村民林木森反映，该厂废水直排河道。", "村民管道明反映，石场放炮。", "居民林木生称，夜间噪声大。", "5组张明说，河水发黑。",
    "龙泉村2组李明说，河水发黑。", "3组组长王伟称，2组组长李明说。",
])
def test_a_name_that_opens_with_a_belonging_or_ends_before_a_glued_verb_stays_hidden(text):
    """Review of session 41: a name glued to a belonging's word (林木 + 森) or to its verb of saying (张明说: jieba reads
    明说) was shown after the first rules of this session; hidden as before them."""
    shown = redact_text(text)[0]
    assert "【姓名】" in shown and not any(n in shown for n in ("林木森", "管道明", "林木生", "张明", "李明")), shown


@pytest.mark.parametrize("text", [
    "执法二队队长王刚现场检查。", "市生态环境局执法3队队长李强现场检查。", "督察一组组长李强带队检查。",
    "村民费用被挪用。", "村民翁婿二人经营的养殖场。",
])
def test_a_bodys_numbered_team_head_and_words_of_the_new_surnames_are_no_private_names(text):
    """执法二队队长 is an official (no village group after a body's word: village_group_words.txt ``!``); 费用, 翁婿."""
    assert names(text) == []


@pytest.mark.parametrize("text,shown", [
    ("来电人王常德反映河水发黑，已告知常德，常德表示满意。常德市环保局已处理。", "常德市环保局"),
    ("来电人张海淀反映噪声，经与海淀沟通，海淀表示满意。", ""),
])
def test_a_bare_given_name_of_characters_names_seldom_use_is_hidden_where_the_office_reaches_him(text, shown):
    """A complainant's given name that is a city's or district's (常德, 海淀) and not of given-name characters was shown
    alone after 告知 / before 表示; hidden there like a town's (only where reached or speaking: 常德市 stays)."""
    red = redact_text(text)[0]
    assert red.count("【姓名】") == 3 and shown in red, red
