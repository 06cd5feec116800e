"""Review of session 40's name finder (p40d): a bracket giving a village group with a villager's word or a linking
word in it (汤细毛（5组村民）, 汤细毛、邓梅英（均为5组）); a name right after a village group (5组汤细毛、3组邓梅英反映);
向 before a full name and a verb of asking is the preposition (向王伟了解情况); a bare given name jieba reads as
another proper name after a group word, before a verb of saying (村民建华反映)."""

import pytest

from petitionnlp.pii import redact_text
from tests.test_pii_r40b import names


@pytest.mark.parametrize("text,expected", [
    ("汤细毛（5组村民）反映垃圾堆放。", "【姓名】（5组村民）反映垃圾堆放。"),
    ("汤细毛（五组组员）反映垃圾堆放。", "【姓名】（五组组员）反映垃圾堆放。"),
    ("汤细毛、邓梅英（均为5组）反映垃圾堆放。", "【姓名】、【姓名】（均为5组）反映垃圾堆放。"),
    ("名单：汤细毛（系龙泉村3组农户），彭德怀（1组）。", "名单：【姓名】（系龙泉村3组农户），【姓名】（1组）。"),
])
def test_a_bracket_giving_a_village_group_may_hold_a_villagers_word(text, expected):
    assert redact_text(text)[0] == expected


@pytest.mark.parametrize("text", [
    "垃圾、污水（均为5组）问题突出。", "石桥（5组村民）附近堆满垃圾。",
])
def test_no_name_in_ordinary_words_before_such_a_bracket(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("5组汤细毛、3组邓梅英反映垃圾堆放。", "5组【姓名】、3组【姓名】反映垃圾堆放。"),
    ("龙泉村2组李伟称河水发臭。", "龙泉村2组【姓名】称河水发臭。"),
    ("1组李明、2组张华等人反映噪声。", "1组【姓名】、2组【姓名】等人反映噪声。"),
])
def test_a_name_right_after_a_village_group(text, expected):
    assert redact_text(text)[0] == expected


@pytest.mark.parametrize("text", [
    "5组村民反映垃圾堆放。", "3组组长称已处理。", "2组农田被淹，5组群众反映。", "第3组成员称已处理。",
    "3队伍长称已处理。", "共检测5组数据，3组超标。", "5组长期反映垃圾堆放。",
])
def test_a_village_groups_own_words_stay(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("执法人员当场向王伟了解情况。", "执法人员当场向【姓名】了解情况。"),
    ("群众已向王伟反映村口垃圾堆放。", "群众已向【姓名】反映村口垃圾堆放。"),
    # right after a complainant's word 向 may be the surname (来电人向海燕反映): the whole is hidden, as before
    ("来电人向王伟反映村口垃圾堆放。", "来电人【姓名】反映村口垃圾堆放。"),
    ("来电人向海燕反映村口垃圾堆放。", "来电人【姓名】反映村口垃圾堆放。"),
    ("来电人向东反映村口垃圾堆放。", "来电人【姓名】反映村口垃圾堆放。"),  # 向东 a name: 东反 no full name
])
def test_xiang_before_a_full_name_and_a_verb_of_asking_is_the_preposition(text, expected):
    assert redact_text(text)[0] == expected


@pytest.mark.parametrize("text", [
    "已向公司了解情况。", "来电人向环保局反映噪声。", "来电人多次向上级反映。", "来电人向高新区反映噪声。",
])
def test_xiang_before_ordinary_words_finds_no_name(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("村民建华反映垃圾堆放。", "村民【姓名】反映垃圾堆放。"),
    ("村民春华举报砖厂粉尘。", "村民【姓名】举报砖厂粉尘。"),
])
def test_a_bare_given_name_after_a_group_word_before_saying(text, expected):
    assert redact_text(text)[0] == expected


@pytest.mark.parametrize("text", [
    "村民普遍反映垃圾堆放。", "村民集体反映垃圾堆放。", "村民多次反映垃圾堆放。", "村民代表反映垃圾堆放。",
    "村民小组反映垃圾堆放。", "村民近日反映垃圾堆放。", "村民强烈反映垃圾堆放。", "村民家中反映漏水。", "村民长江反映垃圾堆放。",
])
def test_ordinary_words_after_a_group_word_stay(text):
    assert names(text) == []
