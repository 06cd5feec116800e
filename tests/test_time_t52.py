"""Issue 29, item 3 (t52): time expressions of the kinds corpora/briefing/gold/time_dev28.jsonl (annotated before the
extractor was run on it) shows, each a kind that recurs on unseen pages (GUIDELINES.md, decisions of t52): a limit before
a holiday the page does not name (节前, “双节”前) and after it (节后), the limits and periods of the year that hang on the
lunar new year, winter and the flood season (年前, 年后, 入冬前, “七下八上”), the halves of a month, a holiday's length
(放八天假), a recurrence on holidays (每逢节假日), a time limit set (限定时限, 在限定时间内).  Sentences are written for the
tests, not copied from the pages."""

import datetime as dt

import pytest

from petitionnlp.briefing import find_time_expressions

D = dt.date(2023, 6, 15)


def found(text, day=D):
    return [(t["text"], t["type"], t["value"]) for t in find_time_expressions(text, day)]


# ------------------------------------------------------------- a holiday the page does not name (time_dev28's i08, i09)

@pytest.mark.parametrize("text,span", [
    ("市生态环境局开展节前安全专项检查。", "节前"),
    ("全面开展节前环境卫生综合整治。", "节前"),
    ("节前，各乡镇要完成隐患排查。", "节前"),
    ("城管局开展“双节”前大扫除。", "“双节”前"),
    ("确保双节前整改到位。", "双节前"),
    ("在节日前完成清扫保洁。", "节日前")])
def test_a_limit_before_a_holiday_the_page_does_not_name_is_a_deadline_without_value(text, span):
    assert found(text) == [(span, "deadline", None)]


@pytest.mark.parametrize("text,span", [("节后，企业陆续复工。", "节后"), ("两节后开展“回头看”。", "两节后"),
                                       ("双节过后开展复查。", "双节过后")])
def test_after_a_holiday_the_page_does_not_name_is_a_date_without_value(text, span):
    assert found(text)[0] == (span, "date", None)


@pytest.mark.parametrize("text", ["在关键环节前把关。", "换季节前检修锅炉。", "按照章节前后顺序排列。",
                                  "在调节后重新监测。", "迎接“双节”的到来。", "中秋、国庆“双节”将至。"])
def test_a_word_that_ends_in_jie_is_no_holiday(text):
    assert found(text) == []


# ------------------------------------------- the new year, winter and the flood season (the brief's kinds, time_dev28's i07)

@pytest.mark.parametrize("text,spans", [
    ("确保年前完成整改销号。", [("年前", "deadline", None)]),
    ("要在年前全部拆除到位。", [("年前", "deadline", None)]),
    ("力争年后开工建设。", [("年后", "date", None)]),
    ("入冬前完成清洁取暖改造。", [("入冬前", "deadline", None)]),
    ("为“七下八上”防汛关键期做好准备。", [("七下八上", "date", None)])])
def test_limits_and_periods_of_the_year_without_a_fixed_day(text, spans):
    assert found(text) == spans


@pytest.mark.parametrize("text", ["两年前已关停。", "多年前建成的污水厂。", "今年前7个月优良天数增加。", "三年后再评估。",
                                  "该厂十年前投产。"])
def test_years_counted_back_or_forth_are_not_the_new_year(text):
    assert not [x for x in found(text) if x[0] in ("年前", "年后")]


# --------------------------------------------------------------------------------------- halves of a month, a holiday

def test_the_halves_of_a_month_are_dates_without_value():
    assert found("上半月巡查一次，下半月复查。") == [("上半月", "date", None), ("下半月", "date", None)]
    assert found("《廉政瞭望·下半月》刊文。") == []


def test_a_holidays_length_is_a_duration():
    assert found("今年春节放八天假。") == [("今年", "date", "2023"), ("八天", "duration", "P8D")]
    assert found("国庆放假7天。")[-1] == ("7天", "duration", "P7D")


def test_every_holiday_is_a_recurrence_without_value():
    assert found("每逢节假日开展夜查。") == [("每逢节假日", "recurrence", None)]
    assert found("每逢周末加密巡查。") == [("每逢周末", "recurrence", None)]


# ----------------------------------------------------------------------------- a time limit set (time_dev28's i12)

@pytest.mark.parametrize("text,span", [("限定时限必须拆。", "限定时限"), ("在限定时间内完成整改。", "限定时间内"),
                                       ("按限定期限办结。", "按限定期限")])
def test_a_time_limit_set_is_vague(text, span):
    assert found(text) == [(span, "vague", None)]


def test_a_time_limit_not_kept_is_none():
    assert found("未在限定时间内完成整改。") == []


def test_a_time_limit_not_kept_is_none_with_zai_between():
    assert found("未在规定时间内完成整改。") == []
    assert found("未能在限定时间内办结。") == []
    assert found("须在规定时间内完成整改。") == [("规定时间内", "vague", None)]


# ------------------------------------------------------------- plain bugs of kinds the rules read elsewhere (t52)

@pytest.mark.parametrize("text,spans", [
    ("本月中旬完成排查。", [("本月中旬", "date", "2023-06-11/2023-06-20")]),
    ("下月上旬召开推进会。", [("下月上旬", "date", "2023-07-01/2023-07-10")]),
    ("下月中旬前完成整改。", [("下月中旬前", "deadline", "2023-07-20")]),
    ("这个月底前完成。", [("这个月底前", "deadline", "2023-06-30")]),
    ("本月底前完成。", [("本月底前", "deadline", "2023-06-30")])])
def test_a_relative_month_keeps_its_part(text, spans):
    """下月初 was read (2023-07-01/2023-07-05), 本月中旬 was 本月 alone and 下月中旬前 下月 alone."""
    assert found(text) == spans


@pytest.mark.parametrize("text,spans", [
    ("明晚召开调度会。", [("明晚", "date", "2023-06-16")]),
    ("明晚8时召开调度会。", [("明晚8时", "date", "2023-06-16T20:00")]),
    ("明早开展巡查。", [("明早", "date", "2023-06-16")])])
def test_tomorrow_night_and_morning_are_tomorrow(text, spans):
    """今晚, 今早 and 昨晚 were read; 明晚8时 was 晚8时 of the page's day."""
    assert found(text) == spans


def test_a_span_of_dates_that_lost_their_characters_has_both_ends():
    """time_dev3's w02 and briefings_tasks' k15: the second end lost 月 too (1228日 is 12月28日, 528日 5月28日)."""
    assert found("督察组于20161128日-1228日进驻。") == [("20161128日-1228日", "date", "2016-11-28/2016-12-28")]
    assert found("2017515日至528日,督察组进驻。") == [("2017515日至528日", "date", "2017-05-15/2017-05-28")]
    assert found("2021528日至63日进驻。") == [("2021528日至63日", "date", "2021-05-28/2021-06-03")]
    assert found("20161128日召开。") == [("20161128日", "date", "2016-11-28")]


@pytest.mark.parametrize("text,span", [("两个多月的时间里,全县完成任务。", "两个多月"), ("经过一个多月的整治。", "一个多月"),
                                       ("历时10多天完成清理。", "10多天")])
def test_a_length_with_duo_is_a_duration_without_value(text, span):
    """briefings_news9's d04: 两个多月 names no one length."""
    assert found(text) == [(span, "duration", None)]


def test_a_window_with_duo_stays_a_window():
    assert found("一个多月来,全县完成任务。")[0][0] == "一个多月来"


def test_soon_before_a_body_that_will_also_come_is_of_what_is_to_come():
    """briefings_news8's j07 (t51's kind, 近期，…也将…, was read only without a comma)."""
    assert found("近期,国家环保部华东督查中心也将来九江市开展环保综合督查。") == [("近期", "vague", None)]
    assert found("近期，省督查组还将对各县进行复查。") == [("近期", "vague", None)]
    assert found("近期,督查组已对各县进行了复查,也将形成报告。") == []


def test_a_length_before_its_dates_in_brackets_is_a_duration():
    """briefings_plan11's q01: 公示期为7天(2019年8月22日—8月28日) lost its 7天 (a length needed a clause's end after it)."""
    assert found("公示期为7天(2019年8月22日—8月28日),如有异议请反馈。") == [
        ("7天", "duration", "P7D"), ("2019年8月22日—8月28日", "date", "2019-08-22/2019-08-28")]
    assert found("公示期为7天（8月22日至28日）。")[0] == ("7天", "duration", "P7D")
    assert found("优良天数达到85%(310天)。") == []


def test_a_part_of_the_day_listed_after_a_days_part_is_that_day():
    """time_dev23's w12: 7月26日中午和傍晚 — 傍晚 was no time."""
    assert found("7月26日中午和傍晚连降大雨。") == [("7月26日中午", "date", "2023-07-26"), ("傍晚", "date", "2023-07-26")]
    assert found("6月5日上午和下午各召开一次会议。")[-1] == ("下午", "date", "2023-06-05")
    assert found("每天上午和下午各巡查一次。") == [("每天", "recurrence", "P1D")]
    assert found("工作日上午和下午接待来访。") == []
