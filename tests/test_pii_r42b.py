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
