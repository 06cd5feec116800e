"""Helper p44b's kinds (the misses of probe44b, written blind after p44's fixes; the cases here are other texts of the
same kinds): the other parties procedural law names (被不起诉人, 被执行人, 申请执行人, 被处罚人, 自诉人, 案外人, 法定代理人);
a chat line's speaker at a line's start whose surname jieba reads as a noun (季 / 红霞：…), and a name never kept
inside another (季红霞说: not 红霞 too); a numbered roster of residents with their flats; surnames of Yunnan's peoples
(排, 勒排, 普) and a compound surname jieba reads as a side (东方); a reply's addressee whose given name is a word
(尤建设同志：); the note-taker of an agency's record (记录人：), who stays; the farm seasons' words (夏收时, 秋收后)."""

import pytest

from petitionnlp.pii import find_pii
from tests.test_pii_r40b import names


@pytest.mark.parametrize("text,expected", [
    ("检察院决定对被不起诉人邢长来不起诉。", ["邢长来"]),
    ("被执行人谢国华名下无可供执行的财产。", ["谢国华"]),
    ("申请执行人：冉春来，女，1970年出生。", ["冉春来"]),
    ("被处罚人汤建军对处罚决定无异议。", ["汤建军"]),
    ("自诉人龙秀英诉称，被告人在其田边倾倒废渣。", ["龙秀英"]),
    ("案外人柏德林提出执行异议。", ["柏德林"]),
    ("法定代理人：宋长来（系其父亲）。", ["宋长来"]),
    ("监护人邢长来代为签收。", ["邢长来"]),
])
def test_the_other_parties_of_procedural_law_are_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "执法人员在执行人员陪同下进入厂区。",
    "向人民法院申请强制执行。",
])
def test_words_of_execution_name_no_one(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("季红霞：楼下那家又在烧垃圾了", ["季红霞"]),
    ("邻居群：\n季海燕：臭得没法开窗\n侯建平：我去打12345", ["季海燕", "侯建平"]),
])
def test_a_chat_lines_speaker_shows_no_surname(text, expected):
    assert names(text) == expected


def test_a_name_is_not_kept_inside_another():
    found = find_pii("季红霞说楼下又在烧垃圾。")
    assert [(s["start"], s["end"]) for s in found] == [(0, 3)]


def test_a_numbered_roster_of_residents_with_their_flats_is_hidden():
    found = [(s["type"], s["text"]) for s in find_pii("联名签字：\n1. 邵德福 3-2-601\n2. 丁春兰 5栋1单元302\n3. 柯建新 6-1-1102")]
    assert found == [("姓名", "邵德福"), ("住址", "3-2-601"), ("姓名", "丁春兰"), ("住址", "5栋1单元302"),
                     ("姓名", "柯建新"), ("住址", "6-1-1102")]


def test_a_numbered_list_of_dates_is_no_roster():
    assert find_pii("整改节点：\n1. 完成时间 2024-3-15\n2. 验收时间 2024-4-30") == []


@pytest.mark.parametrize("text,expected", [
    ("傣族村民排腊、勒排干反映，橡胶加工厂废水流进田里。", ["排腊", "勒排干"]),
    ("（来电人普建华）", ["普建华"]),
    ("经与养殖户东方建国核实，死鱼系上游来水所致。", ["东方建国"]),
])
def test_surnames_of_yunnans_peoples_and_a_compound_surname_read_as_a_side(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", ["居民排队反映办事慢。", "群众普遍反映噪声大。", "村民夏收后在田里焚烧秸秆。",
                                  "邻居麦收时在门口晒粮。"])
def test_words_starting_with_those_surnames_and_the_farm_seasons_name_no_one(text):
    assert names(text) == []


def test_a_replys_addressee_whose_given_name_is_a_word_is_hidden():
    assert names("佘建设同志：\n你反映的养猪场臭气问题，经核查属实。") == ["佘建设"]


@pytest.mark.parametrize("text", ["党员同志：\n你们要带头遵守禁烧规定。", "全体同志：你们辛苦了。"])
def test_a_body_of_comrades_addressed_names_no_one(text):
    assert names(text) == []


def test_the_note_taker_of_an_agencys_record_stays():
    assert names("检查人：周立新、贺敏（执法证号：43050122011），记录人：贺敏。现场检查笔录") == []


# probe44c's kinds (written blind by p44b after the changes above; the cases here are other texts of the same kinds)

@pytest.mark.parametrize("text,expected", [
    ("互助群记录：\n时建伟：厂里又冒黑烟了\n尚小兵：我去拍照", ["时建伟", "尚小兵"]),
    ("群聊：\n柏玉珍：味道太冲了\n洪亮：我也闻到了", ["柏玉珍"]),
])
def test_a_chat_transcripts_speakers_are_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", ["时间：2024年6月\n地点：县生态环境局\n单位：某某化工厂", "分区：\n华东：10家\n华南：5家"])
def test_a_form_and_its_fields_are_no_chat(text):
    assert names(text) == []


def test_a_numbered_relief_list_with_counts_and_amounts_is_hidden():
    text = "五保户名单：\n1. 滕满囤　1人　每月发放600元\n2. 滕二妹　2人　每月发放900元"
    assert names(text) == ["滕满囤", "滕二妹"]


def test_numbered_measures_are_no_roster():
    assert names("整改措施：\n1. 加强巡查　2次每周\n2. 严格执法　3项") == []


def test_a_circled_row_number_before_a_resident_and_his_flat():
    found = [(s["type"], s["text"]) for s in find_pii("参会业主：\n①邝春来 5-2-701\n②邵晓玲 7-1-302")]
    assert found == [("姓名", "邝春来"), ("住址", "5-2-701"), ("姓名", "邵晓玲"), ("住址", "7-1-302")]


@pytest.mark.parametrize("text,expected", [
    ("被拆迁人邬长水对评估结果有异议。", ["邬长水"]),
    ("低保户滕满囤反映，村里的垃圾站离他家太近。", ["滕满囤"]),
])
def test_the_households_of_demolition_and_relief_lists_are_hidden(text, expected):
    assert names(text) == expected


def test_a_demolished_houses_door_number_is_hidden():
    found = [(s["type"], s["text"]) for s in find_pii("被征收房屋坐落：某镇某村5组22号，建筑面积120平方米。")]
    assert found == [("住址", "5组22号")]


@pytest.mark.parametrize("text", ["刘姐说楼下的烧烤摊太吵。", "联系人：陈工，电话另告。", "检查人：邓建平、彭丽，被检查单位：某厂。"])
def test_a_surname_with_jie_ge_gong_and_an_agencys_inspectors_stay(text):
    assert names(text) == []


def test_gu_is_a_surname():
    assert names("签名：\n1. 古春林 13907318826") == ["古春林"]


@pytest.mark.parametrize("text,expected", [
    ("傣族村民岩温和玉兰反映，糖厂的废水流进了稻田。", ["岩温", "玉兰"]),
    ("傣族村民玉罕和家人一起反映，糖厂的废水流进了稻田。", ["玉罕"]),
])
def test_minority_names_listed_after_a_nationality_and_a_group_word(text, expected):
    assert names(text) == expected
