"""Helper p44's kinds (probe: corpora/pii/probe44_source.txt; the cases here are other texts of the same kinds): the
parties of court documents and administrative penalty decisions (被告人, 辩护人 … 律师, 被询问人, 受送达人, 委托员工) beside
the bench, the prosecutor, the process server and a document's sign-off lines (审判长, 书记员, 检察员, 送达人, 审核：), who
stay; a chat group's owner; the addressee of a reply (石玉兰：\\n你于…, …同志：你反映的…); a complaint's subject after
关于/针对 or after 的; a name before a bracket giving a person's sex or age, or saying what he is before 称; married
women's names with 氏; the last of a list joined by 和 before a count; minority names jieba reads as function words or
after a nationality; a given name jieba reads as a day (邓 / 国庆) or ends with an adverb (尹友 / 才)."""

import pytest

from petitionnlp.pii import find_pii
from tests.test_pii_r40b import names


@pytest.mark.parametrize("text,expected", [
    ("被告人龚长福违反国家规定，将废酸倾倒在山坳里。", ["龚长福"]),
    ("辩护人许文亮，湖南某律师事务所律师。", ["许文亮"]),
    ("调查询问笔录（被询问人：邓春花）附卷。", ["邓春花"]),
    ("送达回证：受送达人谭桂英，送达地点：其住所。", ["谭桂英"]),
    ("委托诉讼代理人：梁晓东，该村村民。", ["梁晓东"]),
    ("法定代表人未到场，委托员工罗志强接受询问。", ["罗志强"]),
    ("上诉人（原审被告人）范长庚，男，住益阳市赫山区。", ["范长庚"]),
])
def test_the_parties_of_court_and_penalty_documents_are_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "审判长　张国栋\n审判员　李丽华\n人民陪审员　王德明\n书记员　李小红",
    "县人民检察院指派检察员陈思远出庭支持公诉。",
    "送达人：王斌、李洁。",
    "拟稿：周敏　审核：刘建华　签发：谢文军",
])
def test_the_bench_the_prosecutor_and_a_documents_sign_off_stay(text):
    assert names(text) == []


def test_a_chat_groups_owner_is_hidden():
    assert names("群主钟国强：明天大家一起去环保局反映。") == ["钟国强"]


@pytest.mark.parametrize("text,expected", [
    ("龙春梅：\n您于5月3日来信反映的养鸡场臭气问题，我局已受理。", ["龙春梅"]),
    ("王建军同志：你反映的采石场放炮问题，经调查核实，答复如下。", ["王建军"]),
])
def test_the_addressee_of_a_reply_is_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", ["刘科长：您好，材料已收到。", "王总：你看一下这个方案。"])
def test_a_surname_with_a_post_or_a_form_of_address_as_a_salutation_stays(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("关于邹德明投诉某砂场噪声的答复", ["邹德明"]),
    ("关于何建平举报我公司噪声扰民的情况说明", ["何建平"]),
    ("住在12栋的彭丽华反映，楼下夜宵店营业到凌晨。", ["彭丽华"]),
])
def test_a_complaints_subject_after_an_opener_is_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", ["小区的老人反映，晚上噪声大。", "针对群众的强烈反映，镇政府立即整改。",
                                  "张三有限公司的废水直排河道。"])
def test_words_after_an_opener_stay(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("谭立新（小区业委会主任）称，楼下饭店油烟大。", ["谭立新"]),
    ("贺春生（男，61岁）反映，屋后的砖厂烟尘大。", ["贺春生"]),
])
def test_a_name_before_a_bracket_describing_a_person_is_hidden(text, expected):
    assert names(text) == expected


def test_an_official_with_his_post_in_brackets_before_a_verb_of_saying_stays():
    assert names("张立军（县生态环境局副局长）称，已督促企业整改。") == []


@pytest.mark.parametrize("text,expected", [
    ("张王氏的孙子反映，屋后的石灰窑冒白烟。", ["张王氏"]),
])
def test_a_married_womans_name_with_shi_is_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", ["李氏宗祠门前的水塘发臭。", "陈氏兄弟开的采砂场夜间作业。", "王氏的孙子反映，石灰窑冒白烟。"])
def test_a_surname_with_shi_alone_and_a_kin_word_stay(text):
    assert names(text) == []


def test_the_last_of_a_list_joined_by_he_before_a_count_is_hidden():
    assert names("欧阳秀兰、司马东和上官海燕三户联名反映猪场臭气。") == ["欧阳秀兰", "司马东", "上官海燕"]


@pytest.mark.parametrize("text,expected", [
    ("牧民其其格说，矿区的粉尘落满了草场。", ["其其格"]),
    ("傣族村民玉罕反映，橡胶加工厂的废水有酸臭味。", ["玉罕"]),
    ("彝族村民阿苏拉则（45岁）反映，选矿厂尾砂库渗漏。", ["阿苏拉则"]),
])
def test_minority_names_are_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", ["彝族群众纷纷反映，选矿厂尾砂库渗漏。", "藏族群众集体反映了这个问题。"])
def test_a_nationality_and_a_group_word_without_a_name_name_no_one(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("邓国庆承认夜里偷排废水。", ["邓国庆"]),
    ("被告人尹友才夜里用罐车倒废油。", ["尹友才"]),
])
def test_a_given_name_jieba_reads_as_a_day_or_with_an_adverb_is_hidden(text, expected):
    assert names(text) == expected


def test_a_day_is_no_name():
    assert names("国庆期间，该厂停产检修。") == []


def test_residents_listed_with_their_flats_are_hidden():
    text = "大家把名字和房号报一下\n汪德明 2-1-302\n饶春兰 2-2-501"
    found = [(s["type"], s["text"]) for s in find_pii(text)]
    assert found == [("姓名", "汪德明"), ("住址", "2-1-302"), ("姓名", "饶春兰"), ("住址", "2-2-501")]


def test_a_name_at_a_lines_start_before_a_phone_is_hidden_an_official_with_his_post_stays():
    assert names("来电登记\n谌桂生 13907314567 反映养猪场臭气") == ["谌桂生"]
    assert names("经办人 刘建新 13907314567") == []


def test_officials_listed_with_their_badge_numbers_in_brackets_stay():
    assert names("执法人员：张卫国（执法证号：43010122015）、李红梅（执法证号：43010122016）到现场检查。") == []


@pytest.mark.parametrize("text", [
    "这家厂还有没有王法？",
    "工资至今没有付清。",
    "这批苗木是他去年种的。",
    "冷清的街道上只有一家烧烤店。",
    "洪亮的喇叭声每天早上六点响起。",
])
def test_vocabulary_jiebas_dictionary_tags_as_a_person_below_frequency_300_stays(text):
    assert names(text) == []


def test_such_a_word_after_a_complainants_word_before_a_verb_of_saying_is_still_a_name():
    assert names("举报人洪亮反映，砂场夜间作业。") == ["洪亮"]


def test_a_surname_that_closes_a_countys_name_in_a_complainants_description_is_none():
    assert names("举报人系双柏农民，称其家鱼塘被污染。") == []
    assert names("举报人系平江农民柏建华，称其家鱼塘被污染。") == ["柏建华"]


def test_the_giver_of_a_discipline_the_nationality_mark_and_the_owners_cues_are_read_from_the_folder(tmp_path):
    """给予, 族 and the home's and kin's cues (possession.txt's lines marked *) were literals of pii/rules.py."""
    import shutil
    from pathlib import Path

    from petitionnlp.pii import make_pii_nlp

    data = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parent.parent / "corpora/pii", data)
    text = "给予谢长春通报批评。哈斯额尔敦（蒙古族）和妻子反映。高明家的养鸭场臭气大。"
    assert names(text) == ["谢长春", "哈斯额尔敦", "高明"]
    (data / "discipline_givers.txt").write_text("予以\n", encoding="utf-8")
    (data / "nationality_marks.txt").write_text("部落\n", encoding="utf-8")
    possession = (data / "possession.txt").read_text(encoding="utf-8")
    (data / "possession.txt").write_text(possession.replace("*家的", "家的"), encoding="utf-8")
    nlp = make_pii_nlp(data)
    doc = nlp(text)
    assert [s.text for s in doc.spans["pii"]] == []
    doc = nlp("予以谢长春通报批评。")
    assert [s.text for s in doc.spans["pii"]] == ["谢长春"]
