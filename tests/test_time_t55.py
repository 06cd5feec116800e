"""Issue 29, item 3 (t55): time expressions the rules read wrongly, found on time_dev31 (annotated before the extractor
was run on it) and the kinds t54 left (GUIDELINES.md, decisions of t55): a span of months before a month's 底前 (1月至6月
底前: its limit was lost), every odd month (每单月), a lunar day whose month is written in numerals without 农历 (八月十五:
read as August), a lunar month alone (腊月), every N working days (每5个工作日: read as a length), every flood season
(每逢汛期), the flood season's limit after a year's 年度 (2021年度汛前), monthly days listed after 每月 (每个月 14 日、29 日:
the second read as a day of the page's month) and a lunar day in brackets after a solar day, a date of its own too.
Sentences are written for the tests, not copied from any page."""

import datetime as dt

import pytest

from petitionnlp.briefing import extract_briefing, find_time_expressions

D = dt.date(2023, 6, 15)


def found(text, day=D):
    return [(t["text"], t["type"], t["value"]) for t in find_time_expressions(text, day)]


# ------------------------------------------------------------------ a span of months before the second month's 底前

@pytest.mark.parametrize("text,spans", [
    ("1月至6月底前完成全部整改任务。", [("1月至6月底前", "deadline", "2023-06-30")]),
    ("2024年10月—2025年3月底前完成燃煤锅炉淘汰。", [("2024年10月—2025年3月底前", "deadline", "2025-03-31")]),
    ("3月至5月底开展河道清淤。", [("3月至5月底", "date", "2023-03/2023-05-31")])])
def test_a_span_of_months_keeps_the_second_months_end(text, spans):
    assert found(text) == spans
    assert found("10月至12月开展专项检查。") == [("10月至12月", "date", "2023-10/2023-12")]  # without an end: unchanged


# ------------------------------------------------------------------------------------------------ every odd month

@pytest.mark.parametrize("text,spans", [
    ("各县区每单月报送一次进展。", [("每单月", "recurrence", "P2M")]),
    ("按单月通报考核结果。", [("按单月", "recurrence", "P2M")]),
    ("每单月10日前报送整改台账。", [("每单月10日前", "recurrence", "P2M")])])
def test_every_odd_month_is_every_two_months(text, spans):
    assert found(text) == spans
    assert found("单月最高浓度出现在冬季。") == []  # a single month is no recurrence


# ------------------------------------------------------------------------------- lunar days and months without 农历

@pytest.mark.parametrize("text,spans", [
    ("八月十五前后加强秸秆禁烧巡查。", [("八月十五", "date", None)]),
    ("十月初一祭扫期间禁止焚烧纸钱。", [("十月初一", "date", None)]),
    ("腊月期间加强烟花爆竹禁放巡查。", [("腊月", "date", None)])])
def test_a_lunar_day_or_month_without_nongli_has_no_solar_value(text, spans):
    assert found(text) == spans
    # a solar day in numerals stays solar: with its 日, after its year, 月初 (days 1–5), a month alone
    assert found("八月十五日召开推进会。") == [("八月十五日", "date", "2023-08-15")]
    assert found("二〇二三年八月十五日") == [("二〇二三年八月十五日", "date", "2023-08-15")]
    assert found("十月初开展专项检查。") == [("十月初", "date", "2023-10-01/2023-10-05")]
    assert found("八月份完成验收。") == [("八月份", "date", "2023-08")]


# ------------------------------------------------------------------------------------------ every N working days

def test_every_n_working_days_is_a_recurrence():
    assert found("每5个工作日报送一次进展。") == [("每5个工作日", "recurrence", None)]
    assert found("5个工作日内办结。") == [("5个工作日内", "duration", None)]


# ------------------------------------------------------------------------------------------------ the flood season

def test_every_flood_season_is_a_recurrence_and_the_season_alone_none():
    assert found("每逢汛期，部分河湖水质反弹。") == [("每逢汛期", "recurrence", None)]
    assert found("汛期水质明显反弹。") == []


def test_the_flood_seasons_limit_after_a_years_niandu():
    assert found("启动2021年度汛前河湖水质排查整治专项行动。") == [("2021年度", "date", "2021"), ("汛前", "deadline", None)]
    assert found("确保安全度汛前完成。") == []


# ------------------------------------------------------------------------------- monthly days listed after 每月

@pytest.mark.parametrize("text,span", [("在每个月 14 日、29 日向帮扶组反馈进展。", "每个月 14 日、29 日"),
                                       ("每月10日、25日前报送整改情况。", "每月10日、25日前报送")])
def test_days_listed_after_meiyue_are_one_recurrence(text, span):
    assert [x for x in found(text)] == [(span, "recurrence", "P1M")]


# ---------------------------------------------------------------------- a lunar day in brackets after a solar day

def test_a_lunar_day_in_brackets_is_a_date_of_its_own_too():
    text = "2023年1月21日(除夕)至1月26日(正月初五)可燃放烟花爆竹。"
    assert found(text, dt.date(2023, 1, 19)) == [
        ("2023年1月21日(除夕)至1月26日(正月初五)", "date", "2023-01-21/2023-01-26"), ("除夕", "date", None),
        ("正月初五", "date", None)]
    assert found("1月22日(腊月二十三)早7时至23时可燃放。", dt.date(2023, 1, 19))[:2] == [
        ("1月22日(腊月二十三)", "date", "2023-01-22"), ("腊月二十三", "date", None)]
    assert found("2017年5月3日（星期三）召开会议。") == [("2017年5月3日（星期三）", "date", "2017-05-03")]  # a weekday: inside


@pytest.mark.parametrize("text,span", [("各地要在3月5日(星期五)前完成排查。", "3月5日(星期五)前"),
                                       ("3月5日（周五）前报送自查报告。", "3月5日（周五）前")])
def test_a_day_with_its_weekday_in_brackets_before_qian_is_a_limit(text, span):
    assert found(text, dt.date(2023, 2, 1)) == [(span, "deadline", "2023-03-05")]
    assert found("3月5日(周五)前往现场核查。", dt.date(2023, 2, 1)) == [("3月5日(周五)", "date", "2023-03-05")]


def test_a_lunar_day_in_brackets_before_qian_keeps_the_days_limit_in_a_briefing():
    res = extract_briefing("各地要在3月5日(正月十五)前完成排查。", "2023-02-01")
    assert [(t["text"], t["type"], t["value"]) for t in res["time_expressions"]] == [
        ("3月5日(正月十五)前", "deadline", "2023-03-05"), ("正月十五", "date", None)]
    assert [d["deadline"]["value"] for d in res["directives"]] == ["2023-03-05"]


def test_a_quarters_first_months_day_is_the_quarterly_limit():
    assert found("每季度首月10日前报送上季度进展。") == [("每季度首月10日前报送", "recurrence", "P3M"),
                                                  ("上季度", "date", "2023-Q1")]
    assert found("今年首月空气质量优良。") == [("今年首月", "date", "2023-01")]  # the year's first month stays January
