"""Review r53 (session 53) of helper p53's changes (probe54) and probe55's kind: leaks that p53's loosening of a body's
line opened — a person's landline shown that 11448b9 hid — and the names of persons whose surname jieba reads as
another word.  Other bodies, people and numbers than probe54's and probe55's records.  Every test but the guards
(marked "guard") fails at 1b55ad2."""

import pytest

from petitionnlp.pii import find_pii, redact_text


def _found(text: str, kind: str) -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == kind]


# --- leaks at 1b55ad2 (hidden at 11448b9): a person's line shown

@pytest.mark.parametrize("text, number", [
    # the sentence after the number says the line is someone's own (corpora/pii/patterns.jsonl: owned_line)
    ("区环保分局举报电话：0735-2261784，邓国强说这是他家的座机。", "0735-2261784"),
    ("区环保分局举报电话：0735-2261784，实为居民邓国强家里的座机。", "0735-2261784"),
    ("区环保分局举报电话：0735-2261784，是邓国强家的电话。", "0735-2261784"),
    ("区环保分局举报电话：0735-2261784，邓国强私人电话。", "0735-2261784"),
    ("据区城管局工作人员孙丽华介绍，监督电话：0735-2261784是她家的。", "0735-2261784"),
    # a clause that only names someone: his note in brackets, or 的
    ("区环保分局举报电话：0735-2261784，邓国强（居民）。", "0735-2261784"),
    ("区环保分局举报电话：0735-2261784，邓国强的。", "0735-2261784"),
    # a body's staff no longer in role (former)
    ("原区城管局工作人员孙丽华，举报电话：0735-2261784，她早已退休。", "0735-2261784"),
    ("据原区环保分局工作人员邓国强介绍，举报电话：0735-2261784", "0735-2261784"),
])
def test_a_persons_line_beside_a_bodys_word_stays_hidden(text, number):
    assert number in _found(text, "电话")


# --- guards: a body's line stays (p53's kinds, other words)

@pytest.mark.parametrize("text", [
    "区环保分局举报电话：0735-2261784，居民邓秋菊反映的噪声已停止。",
    "据区城管局工作人员孙丽华介绍，监督电话：0735-2261784，全天有人接听。",
    "区环保分局举报电话：0735-2261784，家里有老人的可以请子女代为拨打。",
    "区环保分局举报电话：0735-2261784，欢迎社会各界监督。",
])
def test_guard_a_bodys_line_stays(text):
    assert "0735-2261784" in redact_text(text)[0]


# --- probe55's kind: a surname jieba reads as another word after a preposition (names shown at 1b55ad2)

@pytest.mark.parametrize("text, name", [
    # jieba's HMM glues the preposition to the surname (据林海涛 nr, 据于 v): corpora/pii/name_glue_before.txt
    ("据林海涛反映，石场天天放炮。", "林海涛"),
    ("据于文华反映，猪场废水外溢。", "于文华"),
    ("据余丽娟反映，河里的鱼死了。", "余丽娟"),
    # the surname read as a count, a noun, a preposition or an adverb right after a preposition
    ("据万志强反映，夜里噪声很大。", "万志强"),
    ("请与向建华联系。", "向建华"),
    ("与马海涛沟通后，他同意停产。", "马海涛"),
    ("执法人员把占建华叫到了村部。", "占建华"),
])
def test_a_surname_read_as_another_word_after_a_preposition_begins_a_name(text, name):
    assert name in _found(text, "姓名")


@pytest.mark.parametrize("text", [
    "据常年观察，河水发黑。", "对全市砖厂进行了排查。", "请与向阳村委会联系。", "执法人员把白天拍的照片存了档。",
    "据马路对面的商户反映，油烟很大。", "由于设备老化，废水外溢。", "据林业站反映，山上有人砍树。", "与万达广场物业沟通后，噪声停了。",
])
def test_guard_a_word_after_a_preposition_stays(text):
    assert _found(text, "姓名") == []


# --- a leak at 11448b9 and 1b55ad2: a person addressed by 大爷, 大妈 … as his line's holder (patterns.jsonl: addressed,
# persons)

@pytest.mark.parametrize("text", [
    "居委会刘大爷举报电话：0735-2261784", "街道办周大妈举报电话：0735-2261784", "区环保分局举报电话：0735-2261784，刘大爷",
])
def test_a_person_addressed_by_an_elders_form_holds_the_line(text):
    assert _found(text, "电话") == ["0735-2261784"]


def test_guard_a_bodys_line_to_the_elders_stays():
    assert "0735-2261784" in redact_text("区环保分局举报电话：0735-2261784，大爷大妈们有事可以打。")[0]


@pytest.mark.parametrize("text, name", [
    ("牛志强师傅说，厂里半夜开工。", "牛志强"),
    ("于志强师傅说，夜里的噪声很大。", "于志强"),
])
def test_a_surname_read_as_another_word_before_a_form_of_address_begins_a_name(text, name):
    assert name in _found(text, "姓名")


@pytest.mark.parametrize("text", ["于是师傅说不修了。", "对方师傅不同意。", "同时师傅也说了。", "把白天师傅拍的照片存档。"])
def test_guard_a_word_before_a_form_of_address_stays(text):
    assert _found(text, "姓名") == []
