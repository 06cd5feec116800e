"""Helper p53 (session 53; probe54): whose a phone line is when a body's line and a person stand together, and a name
found on the way — the kinds, not probe54's records (other bodies, people and numbers).  A leak is the worst error,
hiding a body's published line the cautious one.  Every test but the guards (marked "guard") fails at 11448b9."""

import pytest

from petitionnlp.pii import find_pii, redact_text


def _found(text: str, kind: str) -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == kind]


# --- a leak at 11448b9: the surname 曾 read as the adverb "once" right after a preposition

@pytest.mark.parametrize("text, name", [
    ("据曾国良反映，该厂仍在生产。", "曾国良"),
    ("区环保分局举报电话：0735-2261784，请与曾国良联系", "曾国良"),
    ("执法人员向曾国良了解情况。", "曾国良"),
    ("据曾小红反映，夜里有异味。", "曾小红"),
])
def test_a_surname_jieba_reads_as_an_adverb_after_a_preposition_begins_a_name(text, name):
    assert _found(text, "姓名") == [name]


@pytest.mark.parametrize("text", ["在曾工作过的工厂里闻到异味。", "据曾经在厂里工作的人说，废水直排。",
                                  "与曾多次被处罚的企业签订了协议。"])
def test_guard_the_adverb_zeng_stays(text):
    assert _found(text, "姓名") == []
