"""Review of session 42's change (helper review42): complainants the change had shown, and a place the hint gave."""

import pytest

from petitionnlp.pii import redact_text
from petitionnlp.regions import RegionResolver


@pytest.mark.parametrize("text,name", [
    # a post only ever after the name (会长, 专员, 总工程师: "+" lines of titles.txt) after a complainant's word
    ("举报人张国华会长反映厂区噪声。", "张国华"),
    ("来电人张国华副会长反映砂场扰民。", "张国华"),
    ("投诉人王海涛总工程师称设备噪声大。", "王海涛"),
    ("举报人李四海专员反映。", "李四海"),
    # 向 before a name is the preposition, not an official's surname jieba read apart (市长何 / 洪涛)
    ("镇环保办主任向李秀英了解情况，李秀英称养猪场臭味大。", "李秀英"),
    ("主任向李明了解情况。", "李明"),
    # a list of officials is not walked over commas, nor is a clause after a comma an item
    ("副镇长李明，张伟，王小红，刘大山三户反映房屋开裂。", "王小红"),
    ("副镇长李明带队，王小红、刘大山、张秋菊等三户反映房屋开裂。", "王小红"),
    # a context word before the list, or a complainant's word in brackets after the name, outweighs 等领导 and 县领导
    ("市民刘红梅、王小红等领导来访。", "王小红"),
    ("村民刘红梅、王小红等县领导。", "刘红梅"),
    ("县领导王明、刘红梅（信访人）参加。", "刘红梅"),
    ("村民张国华会长反映厂区噪声。", "张国华"),
    # a pasted row: the caller after the official who handles it, a space between (only a byline lists with spaces)
    ("承办人 王明 刘红梅 13907315566 噪声扰民", "刘红梅"),
    ("副镇长 王明 刘红梅 13907315566 反映噪声", "刘红梅"),
    ("2024-05-01 副镇长王明 刘红梅 13907315566 养猪场臭味", "刘红梅"),
    # a firm's leaders are private persons: 领导 is a post only of a level or a public body, and 等…领导 closes a list of
    # officials only with a level (等县领导) or a body of leaders (等四套班子领导)
    ("该公司领导张建国称已整改。", "张建国"),
    ("企业领导张建国、李卫东拒绝执法人员进入。", "李卫东"),
    ("约谈了该公司张建国、李卫东等负责同志。", "张建国"),
    ("该厂张建国、李卫东等领导拒不整改。", "李卫东"),
])
def test_a_complainant_is_never_read_as_an_official(text, name):
    assert name not in redact_text(text)[0]


@pytest.mark.parametrize("text,expected", [
    # a complainant's name that only begins an official's longer one is not that official
    ("王伟反映小区噪声扰民。副镇长王伟华带队核查。", "【姓名】反映小区噪声扰民。副镇长王伟华带队核查。"),
    ("张建反映养殖场臭味。副镇长张建国带队核查。", "【姓名】反映养殖场臭味。副镇长张建国带队核查。"),
    # (guard) a full name jieba reads with the next character (谭海华来) is still the official's at every mention
    ("6月19日,副市长谭海华来我县调研。谭海华要求,要提高站位。", "6月19日,副市长谭海华来我县调研。谭海华要求,要提高站位。"),
])
def test_a_name_inside_an_officials_longer_name_is_not_his(text, expected):
    assert redact_text(text)[0] == expected


def test_a_complainant_called_huizhang_later_stays_hidden_at_every_mention():
    # 建平 (a county) splits the name for jieba, so the later mentions are found alone, and 罗建平会长 made them an official's
    text = ("来电人罗建平（13807311234）反映石场扬尘。罗建平会长（村老年协会）表示，石场老板曾承诺赔偿。"
            "已电话联系罗建平，罗建平对处理结果表示满意。")
    assert "罗建平" not in redact_text(text)[0]
    assert "罗建平" not in redact_text("来电人罗建平反映石场扬尘。罗建平会长表示感谢。")[0]


@pytest.mark.parametrize("text", [
    # jieba reads 周 / 向东: the name right after the complainant's word is found by jieba and joined to its surname,
    # and a post after a later mention (+会长, 等镇领导) made it an official's at every mention, the first included
    "举报人周向东（13807311234）反映养猪场臭味。周向东会长表示感谢。",
    "投诉人：周向东，反映油烟。周向东等镇领导参加。",
    "举报人周向东（13807311234）反映养猪场臭味。周向东专员反映。",
    # a complainant's name is hidden next to a post too (the same name as a byline's or an official's)
    "来电人罗建平反映石场扬尘。记者|罗建平",
    "信访人王海生反映噪声扰民。本报讯（王海生）",
])
def test_a_complainant_is_hidden_at_every_mention_whatever_stands_next_to_another(text):
    assert "周向东" not in redact_text(text)[0] and "罗建平" not in redact_text(text)[0] \
        and "王海生" not in redact_text(text)[0]


@pytest.mark.parametrize("text,name", [
    ("副镇长李明带队到现场核查。", "李明"),
    ("县领导龚学超、赵明、朱韶出席会议。", "赵明"),
    ("吴振国会长出席会议。", "吴振国"),
    ("市长何 洪涛出席。", "洪涛"),
    ("本报记者 廉伟 赵娜 王芳 报道", "王芳"),
    ("市政府领导张中于讲话。", "张中于"),
    ("胡波、陈双成、李巍等县领导参加会议。", "胡波"),
])
def test_officials_still_shown(text, name):
    assert name in redact_text(text)[0]


def test_a_town_name_many_counties_share_leaves_the_hint_to_answer():
    r = RegionResolver().resolve("开发区某化工厂夜间排放废气", hint="衡阳市")
    assert (r["province"], r["city"]) == ("湖南省", "衡阳市")
    assert RegionResolver().resolve("开发区某化工厂夜间排放废气")["city"] is None


def test_a_complainant_the_office_reaches_is_hidden_though_jieba_reads_a_word_inside_the_name():
    # 罗 / 建平 (建平 a county): after 经与 or 联系 the whole mention is the name (on 43b7b24 too)
    assert "罗建平" not in redact_text("来电人罗建平反映石场扬尘。经与罗建平本人核实，情况属实。")[0]


def test_the_head_of_a_village_group_written_in_full_is_a_villager():
    # 村民小组组长 (村民小组长 written in full): 组长 is a post, but not of a village group's head (on 43b7b24 too)
    assert "罗国庆" not in redact_text("反映人系村民小组组长罗国庆，罗国庆称企业偷排。")[0]


def test_a_complainants_full_name_before_an_adverb_is_hidden_though_jieba_reads_a_word_inside_it():
    # 孙 / 国庆 (a holiday): the full name again before 非常 (name_follow.txt) is the complainant (on 43b7b24 too)
    text = "来电人孙国庆（13611112222）反映车库积水。处理结果：已联系孙国庆，孙国庆非常满意。"
    assert "孙国庆" not in redact_text(text)[0]
