"""A complainant named once with a cue (信访人王芳说…) is hidden again where he is the subject of an adverb
(王芳很失望, 张伟非常着急, 李红一直在等): a name of two characters found once ends before such an adverb
(corpora/pii/name_follow.txt), as it ends before 也 or 多次; a word that is a name only by chance stays
(白雪覆盖, 田野里)."""

import pytest

from petitionnlp.pii import redact_text
from tests.test_pii_r40b import names


@pytest.mark.parametrize("text,hidden", [
    ("信访人王芳说，镇长李强答应整改，但李强一直没来。王芳很失望。", 2),
    ("来电人张伟反映，张伟非常着急，希望尽快处理。", 2),
    ("举报人李红称，厂里一直排烟，李红一直在等答复。", 2),
    ("投诉人赵敏反映噪声扰民，回访时赵敏仍然不满意。", 2),
])
def test_a_name_found_once_is_hidden_before_an_adverb(text, hidden):
    shown, spans = redact_text(text)
    assert sum(s["type"] == "姓名" for s in spans) == hidden, shown
    assert shown.count("【姓名】") == hidden


@pytest.mark.parametrize("text", ["举报人白雪称，白雪覆盖了垃圾。", "村民田野反映，田野里堆满了建筑垃圾。"])
def test_a_word_that_is_a_name_by_chance_stays_after_an_adverb_rule(text):
    assert len(names(text)) == 1


@pytest.mark.parametrize("text,kept", [
    ("反映人：陈志强，身份证430102198801011234，住长沙市岳麓区某小区5栋302室", "住长沙市岳麓区某小区【住址】"),
    ("来电人：李梅，住幸福小区3栋2单元501，反映楼下餐馆油烟", "住幸福小区【住址】"),
])
def test_a_home_after_zhu_opening_a_clause_is_hidden(text, kept):
    """住 opening a clause of a complainant's particulars (…，住…5栋302室) is a word of where one lives, as 家住 is:
    the door and room numbers hidden, the estate kept so the case can be placed."""
    assert kept in redact_text(text)[0]


def test_a_building_number_without_a_home_word_stays():
    assert redact_text("某小区5栋楼下烧烤店油烟扰民，住户反映多次")[0] == "某小区5栋楼下烧烤店油烟扰民，住户反映多次"


@pytest.mark.parametrize("text", ["镇长王强向周向东了解情况。", "工作人员向村民周向东了解情况。", "村民周向东同意拆除。",
                                  "经与周向东确认，其家中水井已受污染。"])
def test_a_name_jieba_splits_before_a_verb_of_being_asked_is_hidden(text):
    """周 / 向东 (a given name that is a direction): the name ends before 了解, 同意, 确认 … as before 反映
    (name_follow.txt); the review's 镇长王强向周向东了解情况 was shown, also at 43b7b24."""
    assert "周向东" not in redact_text(text)[0]


@pytest.mark.parametrize("text", ["经调查了解情况属实。", "向群众说明情况。", "企业负责人确认签字。"])
def test_the_verbs_of_being_asked_make_no_name(text):
    assert redact_text(text)[0] == text
