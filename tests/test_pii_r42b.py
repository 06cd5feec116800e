"""Helper p42b's kinds (probe: corpora/pii/probe42c_source.txt; the cases here are other texts of the same kinds): lists
closed by 等 and a count (…、…等3户, …等十余人), one name before a count of a group's people (…等8名村民), a household
named by what it raises (养猪户…), the office reaching a person (与…联系), a name alone in brackets after a phone."""

import pytest

from tests.test_pii_r40b import names


@pytest.mark.parametrize("text,expected", [
    ("孔德顺、孔德利、孔春华等3户的鱼塘死鱼。", ["孔德顺", "孔德利", "孔春华"]),
    ("涉及邵建新、邵玉华等四户，房屋均有裂缝。", ["邵建新", "邵玉华"]),
    ("蒙德华、蒙德明等十余人多次到乡里反映。", ["蒙德华", "蒙德明"]),
    ("鍾麗華、鍾麗萍等兩戶村民反映採石場放炮。", ["鍾麗華", "鍾麗萍"]),
])
def test_a_list_closed_by_deng_and_a_count_is_of_names(text, expected):
    assert names(text) == expected


def test_one_name_before_a_count_of_a_groups_people_is_a_villager():
    assert names("祝细妹等6名村民联名举报河道采砂。") == ["祝细妹"]
    assert names("付秋菊等三位居民反映广场舞噪声。") == ["付秋菊"]
    # a count of officials, or no count, leaves it alone
    assert names("县委书记李建国等5名干部到现场督办。") == []
    assert names("王建华等县领导参加会议。") == []


def test_a_household_named_by_what_it_raises_is_a_private_person():
    assert names("街道办约谈了养猪户柴长根，责令其清运粪污。") == ["柴长根"]
    assert names("种植户岑德旺反映，农药厂废气熏死了果苗。") == ["岑德旺"]


def test_a_name_before_a_verb_of_the_office_reaching_it():
    assert names("请与尹海涛联系，他反映的鱼塘死鱼问题需核实。") == ["尹海涛"]


@pytest.mark.parametrize("text,expected", [
    ("手机号15973102846(涂光明)，要求尽快处理。", ["涂光明"]),
    ("联系电话：１３５　０７３１　６６８８（欧阳海生）", ["欧阳海生"]),
    ("电话：0731-84523367（ 包永红 ）。", ["包永红"]),
])
def test_a_name_alone_in_brackets_after_a_phone_is_its_holders(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "联系电话：0731-84523367（王先生）", "值班电话：0731-84523367（张科长）", "电话：13907312468（兼传真）",
    "举报电话：0731-12369（24小时）",
])
def test_no_name_in_brackets_after_a_phone_stays(text):
    assert names(text) == []


@pytest.mark.parametrize("text", [
    "相关行业主管部门、属地乡镇要压实责任。",  # 行业 / 主管部门: no 业主 there
    "以各部门负责人为成员的领导小组。",  # 为成员: a common noun after a connector
    "抽查重点问题、个性问题和点名道姓问题。",  # 道姓 / 问题
    "引导群众向本级反映，并及时解决问题。",  # 向 a preposition before a pronoun
])
def test_ordinary_words_after_a_context_word_stay(text):
    assert names(text) == []


def test_names_after_a_context_word_still_found():
    assert names("业主高尚反映，小区旁的工地噪声大。") == ["高尚"]
    assert names("来电人向海燕反映，隔壁饭店油烟大。") == ["向海燕"]
    assert names("该项目负责人为卢建明，联系电话13907312468。") == ["卢建明"]
    assert names("人民群众罗建华反映，河水发黑。") == ["罗建华"]


@pytest.mark.parametrize("text", [
    "馮安龍專員領學了規定。馮安龍要求,近期要重點督促。",  # the post after the name
    "中国生态文明研究与促进会会长陈宗兴,时任生态环境部党组书记李干杰出席。",
    "市住房城乡建设局总工程师周光辉,市市政建设事务中心相关负责人参加。",
    "会上,王兆铭对2019年全县生态环境保护工作作了部署。县长提名人选王兆铭出席会议。",
    "市委副书记、市长何洪涛，市委副书记张勇。",  # 市长何 / 洪涛: jieba read the surname apart
])
def test_officials_with_a_post_stay(text):
    assert names(text) == []


@pytest.mark.parametrize("text", [
    "本网讯(邱枫)7月18日，全县召开督察迎检工作会。",
    "本报讯（张晨阳）1月10日，副市长吕娜调研大气污染防治。",
    "提出整改要求。 記者|鄭東巖",
    "本報記者廉偉 趙娜5月7日北京報道",
])
def test_a_journalists_byline_is_public(text):
    assert names(text) == []


def test_a_spaced_list_after_a_post_holds_only_names():
    assert names("村支书 张三 村民 李建国 反映河水发黑。") == ["李建国"]


@pytest.mark.parametrize("text", [
    "深入实施蓝天、碧水、净土保卫战。", "档案材料齐全。", "将“食品经营许可”(预包装食品)和“报关”纳入。",
    "督和举报的整改情况,群众满意率;重点窗口部位脏乱整治情况",
    "依据《中华人民共和国行政许可法》，自公告起五个工作日内。",
])
def test_the_vocabulary_of_environmental_work_is_no_name(text):
    assert names(text) == []


def test_a_complainant_named_as_a_word_still_found():
    assert names("举报人蓝天反映，楼下烧烤店油烟大。") == ["蓝天"]


def test_two_words_joined_by_a_middle_dot_are_no_name():
    assert names("A2:时政·经济总第3111期 >2023-") == []
    assert names("阿不都热依木·买买提反映，村里的石灰窑冒黑烟。") == ["阿不都热依木·买买提"]
    assert names("买买提·艾力的煤场没有围挡。") == ["买买提·艾力"]


def test_zhuanyuan_is_a_post_only_after_the_name():
    """馮安龍專員: the inspection's officer; 客服专员刘建军: a firm's employee, a private person."""
    assert names("投诉人称，物业公司客服专员刘建军多次推诿。") == ["刘建军"]
    assert names("销售专员王海涛称，该厂手续齐全。") == ["王海涛"]
    assert names("督察组彭立新专员听取了汇报。") == []


def test_a_verb_of_complaint_heading_a_count_has_no_subject():
    assert names("一、全國舉報量同比下降30.0%") == []
    assert names("欧阳秀英反映，工地噪声大。") == ["欧阳秀英"]
    assert names("张三举报数次无果。") == ["张三"]


def test_the_head_of_a_villages_association_is_a_villager():
    """会长 is a post (会长陈宗兴), but a village's own association's head is a villager, as a village group's is."""
    assert names("村老年协会会长邓建华反映，石场放炮震裂房屋。") == ["邓建华"]
    assert names("村民理事会会长刘国庆称，河道被倒满垃圾。") == ["刘国庆"]
    assert names("县工商联会长吴振国表示支持。") == []


def test_a_firms_or_a_villages_post_before_the_name_is_no_officials():
    """会长, 总工程师 before a name are an official's only as a public body's (促进会会长, 建设局总工程师)."""
    assert names("该公司总工程师王海涛称，废水已经处理达标。") == ["王海涛"]
    assert names("石料厂总经济师刘建军拒绝检查。") == ["刘建军"]
    assert names("村商会副会长张国华反映，砂场扬尘。") == ["张国华"]
    assert names("市住房城乡建设局总工程师周光辉,市市政建设事务中心相关负责人参加。") == []
