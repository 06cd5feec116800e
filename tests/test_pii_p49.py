"""Helper p49 (session 49; probe50): the firm words a name is read as part of are data (firm_words.txt, review
leftover of r48), not literals of pii/rules.py."""

import shutil
from pathlib import Path

import pytest

from petitionnlp.errors import ModelError
from petitionnlp.pii import find_pii, make_pii_nlp

ROOT = Path(__file__).resolve().parent.parent


def _found(text: str, kind: str = "姓名") -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == kind]


def test_the_firm_words_are_read_from_the_rules_folder(tmp_path):
    data = tmp_path / "rules"
    shutil.copytree(ROOT / "corpora/pii", data)
    text = "村民刘德胜养殖专业合作社的猪粪直排河道。"
    assert _found(text) == []  # the firm's name, not a person's
    (data / "firm_words.txt").write_text("有限\t6\n", encoding="utf-8")
    doc = make_pii_nlp(data)(text)
    assert [s.text for s in doc.spans["pii"]] == ["刘德胜"]  # the folder's words, not the shipped ones


def test_a_firm_word_line_without_its_gap_is_a_one_line_error(tmp_path):
    data = tmp_path / "rules"
    shutil.copytree(ROOT / "corpora/pii", data)
    (data / "firm_words.txt").write_text("有限\t6\n公司\n", encoding="utf-8")
    with pytest.raises(ModelError, match="firm_words.txt.*公司"):
        make_pii_nlp(data)


# --- kinds of probe50 (corpora/pii/probe50_source.txt), each failing at ac90aa2


@pytest.mark.parametrize("text", [
    "捐款请汇至6222021903001234560，谢谢大家。",
    "爱心捐款请汇至农行卡6228480213987654323。",
    "善款请汇款至6222021903001234560。",
    "爱心捐款可转账至6222021903001234560。",
])
def test_a_card_a_donation_is_sent_to_is_hidden(text):
    """A card number after a donation word and a verb of sending money to it (汇至, 汇款至, 转账至, as 汇入 and 转至 were):
    the money moves to someone's own card, no charity named as its holder."""
    assert len(_found(text, "账号")) == 1


@pytest.mark.parametrize("text", [
    "请将捐款汇至县慈善总会账户：6222021903001234560。",
    "爱心捐款账号：6222021234567890123，开户行：中国工商银行。",
])
def test_a_charitys_account_stays_after_a_verb_of_sending(text):
    assert _found(text, "账号") == []


@pytest.mark.parametrize("text, names", [
    ("周日上午志愿者魏玲玲带着读初三的儿子来到红十字会。", ["魏玲玲"]),
    ("记者见到七岁血癌患者付瑞雪的父亲。", ["付瑞雪"]),
    ("通江女子严月琴和丈夫唐彬山从通江县泥溪镇出发。", ["严月琴", "唐彬山"]),
    ("江镜镇酒店村企业家何坤华也是团队的成员。", ["何坤华"]),
])
def test_a_volunteer_a_patient_a_woman_and_a_businessman_are_private(text, names):
    """志愿者, 患者, 女子, 企业家 before a name: no post, a private person (name_context.txt)."""
    assert _found(text) == names


@pytest.mark.parametrize("text", [
    "癌症患者名单已报县卫健局。", "女子学院的学生参加了植树。", "志愿者服务队队长刘强介绍了活动安排。",
    "市领导王新会、李征出席会议。", "张家界、王家湾开展整治。", "“这事不好办。”王书记说。", "“十四五”期间河道整治完成。",
])
def test_no_post_holder_body_or_place_is_hidden(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, names", [
    ("秦立华、曹永利、欧永辉负责运输。", ["秦立华", "曹永利", "欧永辉"]),
    ("王建国、李强调查发现猪场偷排。", ["王建国", "李强"]),
])
def test_the_last_name_of_a_list_before_a_verb_is_found(text, names):
    """The last item of a list with 、 before a word jieba reads as a verb, which starts right after it."""
    assert _found(text) == names


def test_a_name_right_after_a_quoted_speech_is_found():
    """A closing quote ends a clause as a full stop does: the speaker named right after it (“…。”龙春花说)."""
    assert _found("“河水太臭了。”龙春花说，晚上不敢开窗。") == ["龙春花"]


@pytest.mark.parametrize("text, names", [
    ("淮南市红十字会已接到为姜贺春捐款12700余元。", ["姜贺春"]),
    ("为刘建华捐款的人络绎不绝。", ["刘建华"]),
    ("为王小明筹款治病。", ["王小明"]),
    ("发起了为患白血病女孩何丽华募捐的活动。", ["何丽华"]),
    ("王建国捐款1000元。", ["王建国"]),
])
def test_a_donor_and_the_person_a_donation_is_for_are_private(text, names):
    """Before 捐款, 募捐, 筹款, 捐助, 捐赠 (person_cues.txt) a name jieba reads is a private person's: the sick person a
    donation appeal names, or a donor."""
    assert _found(text) == names


@pytest.mark.parametrize("text", ["县长王建国带头捐款。", "副市长李明捐款500元。", "县委书记刘强为灾区捐款。", "为灾区捐款。"])
def test_an_official_who_donates_stays(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, names", [
    ("严月琴向记者介绍，自己是通江县唱歌乡人。", ["严月琴"]),
    ("莫海生告诉记者，猪场天天排污。", ["莫海生"]),
])
def test_a_person_who_tells_a_reporter_is_found(text, names):
    """At a clause's start, a surname and given-name characters before 向记者, 对记者, 告诉记者 (subject_verbs.txt)."""
    assert _found(text) == names


@pytest.mark.parametrize("text", [
    "镇长王强向记者介绍，整改已完成。", "清新县环保局局长欧建锋表示整改。欧建锋告诉记者，猪场已停产。", "刘科长向记者介绍。",
])
def test_an_official_who_tells_a_reporter_stays(text):
    assert _found(text) == []
