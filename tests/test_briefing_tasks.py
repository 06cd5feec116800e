"""Directives that carry over (issue 29 item 3, d42b), read on corpora/briefing/gold/briefings_tasks.jsonl and the
development sets: a town's or a township's pronoun before 将 or a marker (``subject_pronouns``), what an inspection
will focus on is an announcement (``announcement_words``), a second subject with its own marker after a full order
(``second_subject_max``, ``second_subject_markers``) — grammar of official documents as data in
directive_rules.json."""

import pytest

from petitionnlp.briefing.directives import find_candidates
from petitionnlp.briefing.timex import find_time_expressions


def _rules(text):
    """The clauses the rules take for directives."""
    return [text[c["start"]:c["end"]] for c in find_candidates(text, find_time_expressions(text, None)) if c["rule"]]


@pytest.mark.parametrize("text, clause", [
    ("3月2日，镇里召开了环境整治动员大会，该镇将集中一个月的时间，开展环境综合整治月活动。",
     "将集中一个月的时间，开展环境综合整治月活动"),
    ("会后，我乡将组织各村开展一次拉网式排查。", "将组织各村开展一次拉网式排查"),
])
def test_a_town_or_township_before_jiang_commits(text, clause):
    assert any(clause in c for c in _rules(text))


def test_what_an_inspection_will_focus_on_is_no_directive():
    text = ("督察组于9月7日进驻。此次督察将重点关注落实生态环境保护党政同责情况，"
            "人民群众反映的身边环境问题立行立改情况等。")
    assert _rules(text) == []


def test_a_second_subject_with_its_own_marker_starts_a_new_directive():
    text = "细则提出，除循环硫化床锅炉以外的燃煤机组均应安装脱硝设施，新型干法水泥窑要实施低氮燃烧技术改造并安装脱硝设施。"
    assert _rules(text) == ["细则提出，除循环硫化床锅炉以外的燃煤机组均应安装脱硝设施", "要实施低氮燃烧技术改造并安装脱硝设施"]


@pytest.mark.parametrize("text", [
    # 请 ends a verb (申请, 报请), 应 opens a set phrase, a marker inside the noun phrase, a frame 对… before
    "市级验收责任单位要在时限前完成自行验收工作，并及时提请市政府，按程序申请省级验收。",
    "继续整治拖欠企业工程款问题，确保2020年年底前完成清欠任务，无分歧欠款应清尽清。",
    "刘丰雷要求，要紧扣三个节点，确保应交账任务按期高质验收销号。",
    "对承办单位报送的延期申请，主管领导或督查员应在5个工作日内审核批复。",
])
def test_no_second_subject_where_the_marker_is_no_order_of_its_own(text):
    assert len(_rules(text)) == 1
