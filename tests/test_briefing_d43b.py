"""Directives of news of meetings and inspections, second batch (issue 29 item 3, d43b, read on
corpora/briefing/gold/briefings_news2.jsonl): a speaker's orders that go on after a semicolon stay orders when a 已
in them opens an attribute ending in 的 (…和已通过核查公司的信息) — a thing named, not a report of what was done;
grammar as data in directive_rules.json (past_attribute)."""

import pytest

from petitionnlp.briefing.directives import find_candidates, rules
from petitionnlp.briefing.timex import find_time_expressions


def _rules(text):
    """The clauses the rules take for directives."""
    return [text[c["start"]:c["end"]] for c in find_candidates(text, find_time_expressions(text, None)) if c["rule"]]


@pytest.mark.parametrize("text, clause", [
    ("环保部要求，今年进一步完善环保核查制度；全面推进环保核查信息公开，各省级环保部门应及时公开正在核查和已通过核查公司的信息。",
     "全面推进环保核查信息公开"),
    ("会议要求，各地要加强督查；进一步强化问题整改，对已完成整改的问题开展“回头看”。",
     "进一步强化问题整改"),
])
def test_an_order_that_goes_on_with_a_past_word_inside_an_attribute_stays_an_order(text, clause):
    assert any(c.startswith(clause) for c in _rules(text)), _rules(text)


@pytest.mark.parametrize("text, clause", [
    ("会议要求，各地要加强督查；进一步强化问题整改，已完成整改销号12个。", "进一步强化问题整改"),
    ("会议要求，各地要加强督查；进一步强化问题整改，我县已建立了分管领导负责推进的工作机制。", "进一步强化问题整改"),
])
def test_an_order_that_goes_on_into_a_report_of_what_was_done_is_none(text, clause):
    assert not any(c.startswith(clause) for c in _rules(text)), _rules(text)


def test_the_attribute_words_are_data():
    r = rules()
    assert r["past_attribute"]["end"] == "的" and "和" in r["past_attribute"]["before"]


@pytest.mark.parametrize("text", [
    "从7月11日起，各督查组将再次深入各县（市、区）整治一线进行交叉督查。",
    "下一步，各督察组将分赴各地开展交叉督察，重点对问题整改情况进行核查。",
])
def test_what_check_teams_will_do_in_a_round_of_cross_checks_is_an_announcement(text):
    """d43b (briefings_news2 j04): a round of cross checks the teams will make is an announcement, as d43's 下沉督察."""
    assert _rules(text) == []


def test_an_order_to_make_cross_checks_still_orders():
    assert _rules("会议要求，各乡镇要开展交叉督查，确保问题整改到位。")
