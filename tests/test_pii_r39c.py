"""Review 39's personal-information findings (p39c): a name found once is a name at every mention; the pasted-table
name rule reads the next cell with the one set of number patterns; measured series and IP addresses are no phones;
ordinary words are no names; middle-dot names whole; a briefing's directive pieces redacted one way everywhere."""

import pytest

from petitionnlp.pii import find_pii, redact_text


def spans(text):
    got = find_pii(text)
    for s in got:
        assert text[s["start"]:s["end"]] == s["text"]
    return [(s["type"], s["text"]) for s in got]


@pytest.mark.parametrize("text,expected", [
    ("举报人覃海燕反映化工厂偷排。要求雁峰区政府于2024年6月30日前向覃海燕反馈处理结果。",
     "举报人【姓名】反映化工厂偷排。要求雁峰区政府于2024年6月30日前向【姓名】反馈处理结果。"),
    ("来电人彭丽君反映油烟扰民。经查属实，已电话告知彭丽君处理结果。",
     "来电人【姓名】反映油烟扰民。经查属实，已电话告知【姓名】处理结果。"),
    ("举报人张某反映噪声。张某某称夜间施工。", "举报人张某反映噪声。张某某称夜间施工。"),  # masked: nothing
])
def test_a_name_found_once_is_redacted_at_every_mention(text, expected):
    assert redact_text(text)[0] == expected


@pytest.mark.parametrize("number,kind", [
    ("13975188888", "电话"), ("1 3 9 7 5 1 8 8 8 8 8", "电话"), ("139.7518.8888", "电话"),
    ("+86 139 7518 8888", "电话"), ("0731-8456 1234", "电话"), ("43110219860619001X", "证件号"),
    ("４３１１０２１９８６０６１９００１Ｘ", "证件号"), ("１３９７５１８８８８８", "电话")])
def test_a_spaced_name_before_a_number_cell_in_any_writing_the_patterns_know(number, kind):
    text = f"X43000020230506001　邹　平　{number}　废气"
    assert spans(text) == [("姓名", "邹　平"), (kind, number)]


def test_a_spaced_pair_before_a_number_that_is_no_phone_is_no_name():
    assert spans("X43000020230506001　邹　平　20230506　废气") == []


@pytest.mark.parametrize("text", [
    "监测点位PM2.5浓度（微克/立方米）：17.6 15.3 16.8 14.2 13.9",
    "COD 18.5 16.2 15.7 19.3 mg/L",
    "服务器地址192.168.10.100无法访问。",
    "噪声监测值 15.3 18.1 16.2 13.5 分贝",
])
def test_measured_series_and_ip_addresses_are_no_phones(text):
    assert spans(text) == []


@pytest.mark.parametrize("phone", ["138.0731.5566", "1.3.8.0.7.3.1.5.5.6.6", "138 0731 5566", "138-0731-5566"])
def test_phones_with_dots_or_spaces_stay_phones(phone):
    assert spans(f"手机：{phone}，反映噪声") == [("电话", phone)]


@pytest.mark.parametrize("text", [
    "我是岳阳人，家门口河道发黑。", "我是江西人，在长沙打工，反映工地噪声。", "我是常德人，反映河道污染。",
    "责任人应当承担相应责任。", "落款单位：长沙县生态环境分局", "落款时间：2023年6月1日",
    "柏林的工厂排放废气。", "通过抖音 Douyin 发布视频。", "在小红书 Xiaohongshu 上发帖。",
])
def test_ordinary_words_are_no_names_nor_accounts(text):
    assert spans(text) == []


@pytest.mark.parametrize("text,name", [
    ("来电人 王强 时间 2023-05-06 区域 雨花区", "王强"), ("来电人 王强 单位 某公司 方式 电话", "王强"),
    ("来电人 刘洋 方式 电话", "刘洋"), ("来电人 李强 程度 紧急", "李强"),
])
def test_a_form_field_after_a_spaced_name_is_no_second_name(text, name):
    assert spans(text) == [("姓名", name)]


def test_an_account_after_a_platform_stays_one():
    assert spans("微博 weibo123 上有视频。") == [("账号", "weibo123")]
    assert spans("抖音号：douyin_88123 发布视频") == [("账号", "douyin_88123")]


@pytest.mark.parametrize("text,name", [
    ("村民帕丽达·阿不都热合曼反映砖厂冒黑烟。", "帕丽达·阿不都热合曼"),
    ("村民阿不都热依木·阿不都克力木反映砖厂黑烟。", "阿不都热依木·阿不都克力木"),
    ("买买提·艾力牧场的牛粪堆积。", "买买提·艾力"),
    ("热合曼·买买提的煤场粉尘大。", "热合曼·买买提"),
    ("艾力·买买提江反映噪声。", "艾力·买买提江"),
])
def test_middle_dot_names_whole_and_no_more(text, name):
    assert spans(text) == [("姓名", name)]


@pytest.mark.parametrize("text,expected", [
    ("举报人司马晓东反映化工厂偷排。要求晓东所在村的村委会配合核查。",
     "举报人【姓名】反映化工厂偷排。要求【姓名】所在村的村委会配合核查。"),
    ("信访人欧阳晓峰反映化工厂偷排，晓峰称已多次举报。", "信访人【姓名】反映化工厂偷排，【姓名】称已多次举报。"),
    ("举报人王建国反映，建国以来该厂一直排污。", "举报人【姓名】反映，建国以来该厂一直排污。"),
    ("投诉人张新华称，新华路上噪声大。", "投诉人【姓名】称，新华路上噪声大。"),
    ("来电人陈光明反映，夜间光明小区噪声。", "来电人【姓名】反映，夜间光明小区噪声。"),
])
def test_the_given_name_alone_at_another_mention_unless_it_reads_as_a_word(text, expected):
    assert redact_text(text)[0] == expected
