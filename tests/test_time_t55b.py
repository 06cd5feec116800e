"""Issue 29, item 3 (t55b): four time-expression kinds a directive helper (d55, briefings_carry55) and t55 left read
wrongly — a cut-off at a month's end after a news report's dateline (it anchored the report's bare days), a cadence
of 月/周/旬 before a verb noun after a noun or a verb the rules did not list (工作月督查制度, 开展周调度, 旬调度), an
urgency word negated by 不能 in a conditional frame ending in 的 (不能立即整改的, traditional pages through the one
folding) and a clock span ending at 24:00 (the day's end).  Sentences are written for the tests, not copied from any
page."""

import datetime as dt

import pytest

from petitionnlp.briefing import extract_briefing, find_time_expressions

D = dt.date(2018, 5, 16)


def found(text, day=D):
    return [(t["text"], t["type"], t["value"]) for t in find_time_expressions(text, day)]


# ------------------------------------------------------------ a cut-off at a month's end does not anchor bare days

def test_a_cutoff_at_a_months_end_keeps_the_datelines_month():
    text = "本报讯 据新华社北京5月15日电截至2018年4月底,各地已完成整改任务357项。\n有关负责人15日介绍,其余正在推进中。"
    assert found(text) == [("5月15日", "date", "2018-05-15"), ("截至2018年4月底", "date", "2018-04-30"),
                           ("15日", "date", "2018-05-15")]
    # no dateline: the page's month
    assert found("截至2022年底,全市已关停企业12家。记者15日获悉,…") == [
        ("截至2022年底", "date", "2022-12-31"), ("15日", "date", "2018-05-15")]
    # a cut-off day still anchors the days after it, and a month written without 截至 too
    assert found("截至3月10日,已完成12项。11日,召开推进会。") == [
        ("截至3月10日", "date", "2018-03-10"), ("11日", "date", "2018-03-11")]
    assert found("2017年4月完成督察反馈,15日召开会议。") == [
        ("2017年4月", "date", "2017-04"), ("15日", "date", "2017-04-15")]


# ------------------------------------------------------------------------ a cadence of 月/周/旬 before a verb noun

@pytest.mark.parametrize("text,spans", [
    ("进一步建立健全环保重点工作月督查制度。", [("月督查", "recurrence", "P1M")]),
    ("建立环境问题周调度机制。", [("周调度", "recurrence", "P1W")]),
    ("实行整改任务旬通报制度。", [("旬通报", "recurrence", "P10D")]),
    ("建立旬调度机制，", [("旬调度", "recurrence", "P10D")]),
    ("实行旬报告制度。", [("旬报告", "recurrence", "P10D")]),
    ("严格执行月通报、旬调度。", [("月通报", "recurrence", "P1M"), ("旬调度", "recurrence", "P10D")]),
    ("各地要开展周调度，", [("周调度", "recurrence", "P1W")])])
def test_a_cadence_before_a_verb_noun_is_a_recurrence(text, spans):
    assert found(text) == spans
    # the end of another word stays none, and 年度 after a verb of doing stays an assessment's name (t40)
    assert found("建立健全工作日督查机制。") == []
    assert found("假日督查制度") == []
    assert found("开展日督查、夜巡查，") == []  # 日 of the day against the night (time_dev4)
    assert found("进行年度考核。") == []
    assert found("本月调度会议") == [("本月", "date", "2018-05")]


# --------------------------------------------------------- 不能 + an urgency word + a verb + 的: a conditional frame

@pytest.mark.parametrize("text", [
    "对于群众反映的问题，不能立即解决的要做好解释。",
    "對於群眾反映的問題，不能立即解決的要做好解釋。",
    "對(duì)不能立即解決的問(wèn)題要制定方案、限時(shí)整改。"])
def test_an_urgency_word_negated_in_a_conditional_frame_is_none(text):
    assert [t for t in found(text) if t[0].startswith("立即")] == []


def test_the_urgency_word_of_the_positive_frame_and_of_a_bare_bu_neng_stays_on_both_scripts():
    simplified = "能立即整改的要立即整改，不能立即整改的要制定方案。"
    traditional = "能立即整改的要立即整改，不能立即整改的要制定方案並限時辦結。"
    assert found(simplified) == [("立即", "vague", None), ("立即", "vague", None)]
    assert found(traditional)[:2] == [("立即", "vague", None), ("立即", "vague", None)]
    assert found("若不能第一时间掌握情况，") == [("第一时间", "vague", None)]  # t41: no 的, the word stays
    assert found("不能及时处理。") == [("及时", "vague", None)]
    for text in (simplified, traditional):  # what a briefing's reader gets: two urgencies, not three
        res = extract_briefing(text, "2018-05-16")
        assert [t["text"] for t in res["time_expressions"] if t["text"] == "立即"] == ["立即", "立即"]


# ---------------------------------------------------------------------------- 24:00 after a day is the day's end

@pytest.mark.parametrize("text,spans", [
    ("6月1日6:00至24:00实行交通管制。", [("6月1日6:00至24:00", "date", "2018-06-01T06:00/2018-06-02T00:00")]),
    ("2023年2月5日(正月十五)6:00至24:00为可燃放时间。",
     [("2023年2月5日(正月十五)6:00至24:00", "date", "2023-02-05T06:00/2023-02-06T00:00"), ("正月十五", "date", None)]),
    ("6月1日 8:00-24:00开放。", [("6月1日 8:00-24:00", "date", "2018-06-01T08:00/2018-06-02T00:00")])])
def test_a_clock_span_ending_at_24_is_the_days_end(text, spans):
    assert found(text) == spans
    assert found("6月1日6:00至24:30") == [("6月1日6:00", "date", "2018-06-01T06:00")]  # no clock time: unchanged
