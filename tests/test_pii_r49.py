"""Review r49 (session 49) of helper p49's personal-information changes (probe50's kinds): the near forms of each kind
p49 added that its rules left shown — a card after 转账给, 汇款给 or 转帐至 (the other spelling of 账), a person who
tells 本报记者 or 笔者 rather than 记者, a man a story introduces (男子, as p49's 女子) and a patient named 病人 (as
患者), a donor before 捐出, 捐资 or 捐献 (as 捐款), the speaker after a straight closing quote ("…。"龙春花说, as
“…。”), and the last name of a list after 和, 与 or 及 before a verb (as after 、); and a private person before 和 and an
official (村民李明和县长王建国: 李明 shown, read as 李明和 named before a post) — and the look-alikes that stay."""

import pytest

from petitionnlp.pii import find_pii


def _found(text: str, kind: str = "姓名") -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == kind]


CARD = "6222021903001234560"


@pytest.mark.parametrize("text", [
    f"捐款请转账给{CARD}，谢谢大家。", f"捐款请汇款给{CARD}。", f"爱心捐款请转帐至{CARD}。", f"善款可转帐到{CARD}。",
])
def test_a_card_a_donation_is_sent_to_is_hidden_after_the_other_verbs(text):
    """转账给, 汇款给, 转帐至 / 转帐到 (帐 for 账) are verbs of sending money to the card, as p49's 转账至 and 汇款至."""
    assert _found(text, "账号") == [CARD]


@pytest.mark.parametrize("text", [
    f"请将捐款转帐至县慈善总会账户{CARD}。", f"爱心捐款账号：{CARD}，开户行：中国工商银行。",
])
def test_a_charitys_account_stays_after_the_other_verbs(text):
    assert _found(text, "账号") == []


@pytest.mark.parametrize("text, names", [
    ("严月琴向本报记者介绍，自己是通江县唱歌乡人。", ["严月琴"]),
    ("莫海生告诉本报记者，猪场天天排污。", ["莫海生"]),
    ("莫海生对本报记者说，猪场天天排污。", ["莫海生"]),
    ("莫海生向笔者介绍，猪场天天排污。", ["莫海生"]),
])
def test_a_person_who_tells_the_papers_reporter_is_found(text, names):
    """向本报记者, 对本报记者, 告诉本报记者, 向笔者 … at a clause's start, as p49's 向记者 (subject_verbs.txt)."""
    assert _found(text) == names


@pytest.mark.parametrize("text", [
    "县环保局局长王建国向本报记者介绍，整改已完成。", "王建国局长向本报记者介绍。", "县长王建国到场。王建国告诉本报记者，已立案。",
    # (a unit's spokesman before the preposition 向: no name, 向本报 no person)
    "该局负责人向本报记者介绍，整改已完成。", "项目负责人向笔者介绍。",
])
def test_an_official_or_a_spokesman_who_tells_the_paper_stays(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, names", [
    ("通江男子唐彬山从通江县出发。", ["唐彬山"]),
    ("病人付瑞雪的父亲说，钱不够。", ["付瑞雪"]),
])
def test_a_man_and_a_patient_a_story_introduces_are_private(text, names):
    """男子 (as p49's 女子) and 病人 (as 患者) before a name (name_context.txt)."""
    assert _found(text) == names


@pytest.mark.parametrize("text", ["男子篮球队队长王建国介绍。", "一男子王某被查处。", "病人家属反映医院排污。"])
def test_no_post_holder_or_masked_name_is_hidden_after_a_man_or_a_patient(text):
    assert _found(text) == []


@pytest.mark.parametrize("text", ["王建国捐出一万元。", "王建国捐资5000元。", "王建国捐献2000元。"])
def test_a_donor_before_the_other_verbs_of_giving_is_private(text):
    """捐出, 捐资, 捐献 after a name (person_cues.txt), as p49's 捐款."""
    assert _found(text) == ["王建国"]


@pytest.mark.parametrize("text", ["县长王建国捐出一万元。", "县长王建国带头捐资5000元。", "比亚迪捐出1亿元。",
                                  "万达集团捐资5000万元。"])
def test_an_official_or_a_firm_that_gives_stays(text):
    assert _found(text) == []


@pytest.mark.parametrize("text", [
    "\"河水太臭了。\"龙春花说，晚上不敢开窗。", "＂河水太臭了。＂龙春花说，晚上不敢开窗。",
    "‘河水太臭了。’龙春花说，晚上不敢开窗。",
])
def test_the_speaker_after_a_straight_or_single_closing_quote_is_found(text):
    """A straight double quote (" or ＂, folded to ") and a closing single quote ’ end a clause as ” does."""
    assert _found(text) == ["龙春花"]


@pytest.mark.parametrize("text", [
    "\"这事不好办。\"王局长说。", "\"河长制\"全面推行，县河长王建国巡河。", "开展\"清河行动\"，王家湾村整治完成。",
    "\"整改已完成。\"县环保局局长王建国告诉记者。",
])
def test_an_official_a_slogan_or_a_place_after_a_straight_quote_stays(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, names", [
    ("秦立华、曹永利和欧永辉负责运输。", ["秦立华", "曹永利", "欧永辉"]),
    ("秦立华、曹永利及欧永辉负责运输。", ["秦立华", "曹永利", "欧永辉"]),
    ("秦立华、曹永利与欧永辉负责运输。", ["秦立华", "曹永利", "欧永辉"]),
])
def test_the_last_name_of_a_list_after_and_before_a_verb_is_found(text, names):
    """The last item after 和, 与, 及 (list_marks.txt) before a verb, as p49's last item after 、."""
    assert _found(text) == names


@pytest.mark.parametrize("text, names", [
    ("秦立华、曹永利和王局长负责督办。", ["秦立华", "曹永利"]),
    ("秦立华、曹永利和县环保局负责。", ["秦立华", "曹永利"]),
    ("秦立华、曹永利和王家湾村负责。", ["秦立华", "曹永利"]),
    ("县长王建国和李强负责督办。", []),
    ("市领导王新会、李征和刘强出席会议。", []),
])
def test_a_post_a_unit_or_a_place_after_and_stays(text, names):
    assert _found(text) == names


@pytest.mark.parametrize("text, names", [
    ("村民李明和县长王建国交谈。", ["李明"]),
    ("村民李明和县委书记王建国出席。", ["李明"]),
    ("志愿者李明和县委书记王建国出席。", ["李明"]),
    ("企业家李明和副县长王建国出席。", ["李明"]),
    ("村民李明和王建国反映。", ["李明", "王建国"]),
])
def test_a_private_person_before_and_and_an_official_is_found(text, names):
    """After a context word, a two-character name jieba reads as a person and 和 (a conjunction) then a post: the
    name is the two characters, not 李明和 followed by a post (taken for an official named before his post, 王建国局长);
    the official after 和 stays."""
    assert _found(text) == names


@pytest.mark.parametrize("text, names", [
    ("村民刘德胜和县长王建国交谈。", ["刘德胜"]), ("村民李明和妻子来到河边。", ["李明"]),
])
def test_a_three_character_name_before_and_is_found_as_it_was(text, names):
    assert _found(text) == names
