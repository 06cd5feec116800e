"""Issue 29, item 3 (t54): time expressions of rectification reports and inspection news that the rules read wrongly,
found on time_dev30 and on the misses and extras of every development set (GUIDELINES.md, decisions of t54): a year's
end written 年年底 after 截至 (截至2023年年底: read as the year 2023), a limit that closes a span of years (2025年—2026年
底前: a date span, its limit lost), a length of half a month or half a year after 为期 (missed), a day that lost its 月 written
with two digits (77日下午: no value), and a month-day after a relative year's month (去年4月…到12月底前: in the page's
year).  Sentences are written for the tests, not copied from any page."""

import datetime as dt

import pytest

from petitionnlp.briefing import find_time_expressions

D = dt.date(2023, 6, 15)


def found(text, day=D):
    return [(t["text"], t["type"], t["value"]) for t in find_time_expressions(text, day)]


# ------------------------------------------------------------------- a year's end written 年年底 after 截至/截止

@pytest.mark.parametrize("text,spans", [
    ("截至2022年年底，群众举报件已办结1468件。", [("截至2022年年底", "date", "2022-12-31")]),
    ("截止2021年年末，已完成整改36项。", [("截止2021年年末", "date", "2021-12-31")]),
    ("截至去年年底，累计完成治理面积513公顷。", [("截至去年年底", "date", "2022-12-31")])])
def test_a_years_end_written_twice_after_jiezhi_is_its_last_day(text, spans):
    assert found(text) == spans


def test_a_years_end_after_jiezhi_written_once_is_unchanged():
    assert found("截至2022年底，已完成整改17项。") == [("截至2022年底", "date", "2022-12-31")]


# --------------------------------------------------------------------------- a limit that closes a span of years

@pytest.mark.parametrize("text,spans", [
    ("2024年—2025年底前需完成2项整改任务。", [("2024年—2025年底前", "deadline", "2025-12-31")]),
    ("2023年至2025年底前完成历史遗留矿山治理。", [("2023年至2025年底前", "deadline", "2025-12-31")]),
    ("2024年到2025年底以前完成管网改造。", [("2024年到2025年底以前", "deadline", "2025-12-31")])])
def test_a_limit_that_closes_a_span_is_a_deadline_its_last_day(text, spans):
    assert found(text) == spans


@pytest.mark.parametrize("text,spans", [
    ("2023年至2025年开展专项整治。", [("2023年至2025年", "date", "2023/2025")]),
    ("10月初至11月底开展巡查。", [("10月初至11月底", "date", "2023-10-01/2023-11-30")])])
def test_a_span_without_a_limit_stays_a_date_span(text, spans):
    assert found(text) == spans


# ------------------------------------------------------------------------ half a month or a year after 为期

@pytest.mark.parametrize("text,spans", [
    ("督察组对昆明市开展了为期半个月的环境保护督察。", [("半个月", "duration", "P15D")]),
    ("开展为期半年的扬尘专项整治。", [("半年", "duration", "P6M")]),
    ("全市开展为期半月的集中清查。", [("半月", "duration", "P15D")])])
def test_half_a_month_or_a_year_after_weiqi_is_a_length(text, spans):
    assert found(text) == spans


# -------------------------------------------------------------- a day that lost its 月, written with two digits

@pytest.mark.parametrize("text,spans", [
    ("77日下午,市生态环境保护委员会召开会议。", [("77日下午", "date", "2023-07-07")]),
    ("58日，督察组进驻。", [("58日", "date", "2023-05-08")])])
def test_a_two_digit_day_that_lost_its_month_opening_a_clause_has_its_one_reading(text, spans):
    assert found(text) == spans


@pytest.mark.parametrize("text", ["25日，督察组进驻。", "30日上午，召开会议。"])
def test_a_bare_day_of_the_month_stays_a_day(text):
    assert found(text)[0][2] in ("2023-06-25", "2023-06-30")


@pytest.mark.parametrize("text", ["连续45日，空气质量优良。", "为期45日，分三个阶段。", "40日，督察组进驻。"])
def test_a_count_of_days_or_a_zero_day_is_no_lost_month(text):
    assert not [x for x in found(text) if x[1] == "date" and x[2] and x[2].startswith("2023-04")]


# -------------------------------------------------------- a relative year's month anchors the month-days after it

@pytest.mark.parametrize("text,spans", [
    ("去年4月，中央督察组进驻。到12月底前，交办的信访件已全部办结。",
     [("去年4月", "date", "2017-04"), ("12月底前", "deadline", "2017-12-31")]),
    ("去年11月，省督察组反馈意见。12月5日，县里召开整改推进会。",
     [("去年11月", "date", "2017-11"), ("12月5日", "date", "2017-12-05")])])
def test_a_relative_years_month_anchors_the_month_days_after_it(text, spans):
    assert found(text, dt.date(2018, 8, 3)) == spans


def test_a_month_day_after_this_years_month_stays_in_the_page_year():
    assert found("今年3月，督察组进驻。5月10日，召开推进会。", dt.date(2018, 8, 3)) == [
        ("今年3月", "date", "2018-03"), ("5月10日", "date", "2018-05-10")]
