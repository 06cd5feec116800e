"""Issue 29, item 3 (t56): time expressions of the kinds t55 left (GUIDELINES.md, decisions of t56): a span of days
before 前 (5月1日(周一)至5月5日(周五)前: its limit was lost), a season's end before 前 (采暖期结束前, 汛期结束前: not read),
当月 of a recurrence's report (每个月30日报送当月进展: read as the page's month) and 次年 outside a span (次年3月底前 in a
standing rule: read as the year after the page's).  An event's end with 后 (汛期结束后, 应急响应结束后) and a season's or
campaign's period (秋冬季攻坚期间) stay none.  Sentences are written for the tests, not copied from any page."""

import datetime as dt

import pytest

from petitionnlp.briefing import extract_briefing, find_time_expressions

D = dt.date(2023, 3, 1)


def found(text, day=D):
    return [(t["text"], t["type"], t["value"]) for t in find_time_expressions(text, day)]


# --------------------------------------------------------------------------------- a span of days before 前

@pytest.mark.parametrize("text,spans", [
    ("请各单位于5月1日(周一)至5月5日(周五)前报送自查报告。", [("5月1日(周一)至5月5日(周五)前", "deadline", "2023-05-05")]),
    ("请各单位于5月1日（星期一）至5月5日（星期五）前报名。", [("5月1日（星期一）至5月5日（星期五）前", "deadline", "2023-05-05")]),
    ("各乡镇于4月24日至26日前完成自查。", [("4月24日至26日前", "deadline", "2023-04-26")]),
    ("2023年12月20日至2024年1月10日之前完成整改。", [("2023年12月20日至2024年1月10日之前", "deadline", "2024-01-10")]),
])
def test_a_span_of_days_before_qian_is_a_limit_its_last_day(text, spans):
    assert found(text) == spans
    # not before 前往, nor without 前: the span stays a span
    assert found("5月1日至5日前往各县区开展督查。") == [("5月1日至5日", "date", "2023-05-01/2023-05-05")]
    assert found("5月1日至5月5日，督查组分赴各县区。") == [("5月1日至5月5日", "date", "2023-05-01/2023-05-05")]


def test_a_span_of_days_before_qian_without_a_document_date_is_a_limit_without_a_value():
    assert found("各乡镇于4月24日至26日前完成自查。", None) == [("4月24日至26日前", "deadline", None)]


def test_the_span_limit_reaches_the_briefing():
    times = extract_briefing("请各单位于5月1日(周一)至5月5日(周五)前报送自查报告。", "2023-03-01")["time_expressions"]
    assert [(t["text"], t["type"], t["value"]) for t in times] == [
        ("5月1日(周一)至5月5日(周五)前", "deadline", "2023-05-05")]


# --------------------------------------------------------------------------------- a season's end before 前

@pytest.mark.parametrize("text,span", [
    ("各地须于采暖期结束前完成燃煤锅炉整改。", "采暖期结束前"),
    ("供暖季结束前完成改造任务。", "供暖季结束前"),
    ("要在汛期结束前完成水毁工程修复。", "汛期结束前"),
    ("主汛期结束之前完成排查。", "主汛期结束之前"),
])
def test_a_seasons_end_before_qian_is_a_limit_without_a_fixed_day(text, span):
    assert found(text) == [(span, "deadline", None)]
    # its end after 后, a season's or a campaign's period, an event's end and a negated limit stay none
    for other in ("汛期结束后开展复查。", "采暖期结束后，各地要对锅炉进行检修。", "秋冬季攻坚期间，各地要加强巡查。",
                  "应急响应结束后，各地要做好以下工作。", "采暖期未结束前不得停运。"):
        assert found(other) == [], other


# --------------------------------------------------------------------------------- 当月 of a recurrence's report

@pytest.mark.parametrize("text,cadences", [
    ("各帮扶组应每个月15日报送半月进展，每个月30日报送当月进展。", 2),
    ("按月报送当月整改进展情况。", 1),
])
def test_dangyue_in_a_recurrences_report_is_none(text, cadences):
    times = found(text)
    assert not [x for x in times if x[0] == "当月"]
    assert len([x for x in times if x[1] == "recurrence" and x[2] == "P1M"]) == cadences
    # 当月 outside a recurrence's clause stays the page's month
    assert found("当月，省整改工作组开展现场监督。") == [("当月", "date", "2023-03")]
    assert found("每月10日前报送。当月，省整改工作组开展现场监督。") == [
        ("每月10日前报送", "recurrence", "P1M"), ("当月", "date", "2023-03")]


# --------------------------------------------------------------------------------- 次年 outside a span

@pytest.mark.parametrize("text,spans", [
    ("每年12月底前报送年度报告，次年3月底前完成考核。",
     [("每年12月底前", "recurrence", "P1Y"), ("次年3月底前", "deadline", None)]),
    ("考核工作于次年7月底前完成。", [("次年7月底前", "deadline", None)]),
])
def test_cinian_outside_a_span_has_no_value(text, spans):
    assert found(text) == spans
    # at a span's second end 次年 counts from the first end's year; 明年 keeps the page's next year
    assert found("10月-次年3月实行错峰生产。") == [("10月-次年3月", "date", "2023-10/2024-03")]
    assert found("2023年11月15日至次年3月15日为采暖期。") == [
        ("2023年11月15日至次年3月15日", "date", "2023-11-15/2024-03-15")]
    assert found("明年3月底前完成。") == [("明年3月底前", "deadline", "2024-03-31")]


# --------------------------------------------------------------------------------- lengths that lost a character

@pytest.mark.parametrize("text,spans", [
    ("急件在3天内办毕，一般件在天内办毕。", [("3天内", "duration", "P3D"), ("天内", "duration", None)]),
    ("县区必须在3个工作内办理完成。", [("3个工作内", "duration", None)]),
])
def test_a_length_that_lost_its_number_or_its_ri_is_a_length_without_a_value(text, spans):
    assert found(text) == spans
    assert found("该企业存在天内排放超标问题。") == []  # 存在 is no 在 before a lost number
