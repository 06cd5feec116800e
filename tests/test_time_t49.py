"""Issue 29, item 3 (t49): time expressions of the kinds unseen briefings hold and the rules missed — read on
corpora/briefing/gold/time_dev25.jsonl (annotated before the extractor was run on it) and time_dev24's leftovers: a
limit before an event (试生产前, 调试前, 销号前), a bare day closing a registration before an event of the next month,
a day's limit at an hour, the length of a pollution episode, a day in brackets after a relative day, 日常 in a body's
name, a day then 后, an hour span into the next day written with 时/点, a monthly part of the month before 前, a span's
end that has only a day, 廿/卅 in a day, a length in brackets after 共."""
import datetime as dt

import pytest

from petitionnlp.briefing import find_time_expressions


def found(text, day=None):
    return [(t["text"], t["type"], t["value"]) for t in find_time_expressions(text, day)]


# --------------------------------------------------------------------------- a limit before an event (t49, kind 1)

@pytest.mark.parametrize("text,span", [
    ("建设单位应当在试生产前向环境保护行政主管部门报告。", "试生产前"),
    ("对配套建设的环境保护设施进行调试前,公开调试的起止日期。", "调试前"),
    ("確保垃圾填埋場在問題整改銷號前規范作業。", "銷號前"),
    ("项目开工前须取得环评批复。", "开工前"),
    ("竣工验收前不得投入生产。", "验收前"), ("在项目投入运营前完成。", "投入运营前"), ("整改到位前停止生产。", "整改到位前"),
    ("施工前须设置围挡。", "施工前"), ("拆除前应当报告。", "拆除前")])
def test_a_limit_before_an_event_is_a_deadline_without_a_fixed_day(text, span):
    assert (span, "deadline", None) in found(text)


@pytest.mark.parametrize("text", ["做好开工前期准备。", "对比整改前后的变化。", "项目未验收前擅自投产。", "审批前公示。",
                                  "建设项目建设前应该让周围群众知道。", "运营前后对比。"])
def test_an_early_stage_a_comparison_a_negation_or_another_event_is_no_limit(text):
    assert [x for x in found(text) if x[1] == "deadline"] == []


# ------------------------------------------------- a bare day closing before an event of the next month (kind 2)

def test_a_bare_day_closing_a_registration_before_an_event_of_the_next_month_is_in_the_pages_month():
    text = "省环保厅初定于12月1日举行听证会,现征集听证代表。报名截止时间为26日17时。"
    assert found(text, dt.date(2015, 11, 18))[-1] == ("26日17时", "date", "2015-11-26T17:00")
    assert found("定于12月1日召开座谈会,请于25日前报送回执。", dt.date(2015, 11, 18))[-1] == \
        ("25日前", "deadline", "2015-11-25")


@pytest.mark.parametrize("text,span,value", [
    ("会议定于12月1日召开,请于28日17:00前报名。", "28日17:00", "2015-11-28T17:00"),
    ("定于12月1日召开。于28日下班前报送。", "28日", "2015-11-28")])
def test_a_bare_day_then_a_clock_time_or_xiaban_and_qian_is_a_limit_before_the_event_too(text, span, value):
    assert found(text, dt.date(2015, 11, 18))[-1] == (span, "date", value)


def test_a_bare_day_of_the_events_own_programme_or_before_the_event_stays_in_the_events_month():
    text = "2010年3月20日-21日(会期二天,19日全天报到,22日返程)。"
    assert [x[2] for x in found(text, dt.date(2010, 2, 25)) if x[1] == "date"][1:] == ["2010-03-19", "2010-03-22"]
    assert found("定于12月20日召开座谈会,请于15日前报送回执。", dt.date(2015, 11, 18))[-1] == \
        ("15日前", "deadline", "2015-12-15")
    assert found("定于12月1日召开,28日前往现场。", dt.date(2015, 11, 18))[-1] == ("28日", "date", "2015-12-28")


# ---------------------------------------------------------------------------------- a day's limit at an hour

def test_a_days_limit_at_an_hour_keeps_the_hour():
    assert found("请在10月18日17时前办理预约。", dt.date(2016, 10, 17)) == [("10月18日17时前", "deadline", "2016-10-18T17:00")]
    assert found("6月30日24时前完成。", dt.date(2016, 6, 1)) == [("6月30日24时前", "deadline", "2016-07-01T00:00")]


# ---------------------------------------------------------------------------- the length of a pollution episode

def test_days_in_a_row_before_a_grade_of_pollution_are_the_episodes_length():
    text = "可能连续4天达到重度及以上污染,且可能出现2天以上的严重污染。"
    assert found(text, dt.date(2016, 12, 30)) == [("4天", "duration", "P4D"), ("2天", "duration", "P2D")]
    assert found("连续两年获评。重度污染2天。", dt.date(2016, 12, 30)) == []


# ---------------------------------------------------------------------- a day in brackets after a relative day

def test_a_day_in_brackets_after_a_relative_day_is_that_day_not_of_the_date_named_before():
    text = "日期:2018-1-20\n今天(30日)又单双号限行。"
    assert found(text, dt.date(2016, 12, 30))[1:] == [("今天", "date", "2016-12-30"), ("30日", "date", "2016-12-30")]


# ----------------------------------------------------------------------------------- 日常 in a body's name

def test_richang_in_a_bodys_name_is_no_recurrence():
    assert found("将验收报告报送原环评文件审批部门及日常监管部门。") == []
    assert found("加强日常监管。") == [("日常", "recurrence", None)]


# ----------------------------------------------------------------------------------------- a day then 后

def test_a_day_with_its_month_then_hou_opens_a_span_as_yihou_does():
    assert found("2013年1月1日后,新、改、扩建项目未办理环评的,责令停止建设。", dt.date(2013, 12, 4)) == \
        [("2013年1月1日后", "date", "2013-01-01/..")]
    assert found("收到通知3日后", dt.date(2013, 12, 4)) == [("3日", "date", "2013-12-03")]  # not a day with its month
    assert found("5月1日后天气转好", dt.date(2013, 12, 4))[0] == ("5月1日", "date", "2013-05-01")


# ---------------------------------------------------------- an hour span into the next day written with 时 or 点

@pytest.mark.parametrize("text,span,value", [
    ("当日18时至次日6时开展夜间检查。", "当日18时至次日6时", "2020-07-10T18:00/2020-07-11T06:00"),
    ("夜间22时至次日6时禁止施工。", "22时至次日6时", "2020-07-10T22:00/2020-07-11T06:00"),
    ("20时至翌日8时实施管控。", "20时至翌日8时", "2020-07-10T20:00/2020-07-11T08:00"),
    ("7月1日20时至次日8时停水。", "7月1日20时至次日8时", "2020-07-01T20:00/2020-07-02T08:00"),
    ("晚10点至次日早6点禁止施工。", "晚10点至次日早6点", "2020-07-10T22:00/2020-07-11T06:00")])
def test_an_hour_span_into_the_next_day_with_shi_or_dian_is_one_span_to_the_next_days_hour(text, span, value):
    assert found(text, dt.date(2020, 7, 10)) == [(span, "date", value)]


def test_a_relative_day_with_its_hour_and_a_recurring_night_span_stay_as_they_were():
    assert found("次日9时召开。", dt.date(2020, 7, 10)) == [("次日9时", "date", "2020-07-11T09:00")]
    assert found("每晚22时至次日早上6时禁止施工。", dt.date(2020, 7, 10)) == \
        [("每晚", "recurrence", "P1D"), ("22时至次日早上6时", "date", None)]
    assert found("生产3时至次日。", dt.date(2020, 7, 10)) == [("次日", "date", "2020-07-11")]  # no hour after 次日


# ------------------------------------------------------------------------ a monthly part of the month before 前

def test_a_part_of_the_month_after_meiyue_is_one_monthly_limit():
    assert found("每月中旬前报送进展。") == [("每月中旬前报送", "recurrence", "P1M")]


# --------------------------------------------------------------------- a span's end that has only a day

def test_a_spans_end_that_has_only_a_day_is_in_the_first_ends_month_or_the_next():
    day = dt.date(2021, 4, 10)
    assert found("听证会定于5月6日举行。报名时间:即日起至28日17时。", day)[-1] == \
        ("即日起至28日17时", "date", "2021-04-10/2021-04-28T17:00")
    assert found("即日起至5日", day) == [("即日起至5日", "date", "2021-04-10/2021-05-05")]
    assert found("12月30日至2日", day) == [("12月30日至2日", "date", "2021-12-30/2022-01-02")]
    assert found("12月20日至1月20日", day) == [("12月20日至1月20日", "date", "2021-12-20/2022-01-20")]


# ---------------------------------------------------------------------------------------- 廿 and 卅 in a day

def test_nian_and_sa_are_twenty_and_thirty_in_a_day():
    day = dt.date(2021, 3, 1)
    assert found("定于三月廿五日召开。", day) == [("三月廿五日", "date", "2021-03-25")]
    assert found("3月廿日至卅日", day) == [("3月廿日至卅日", "date", "2021-03-20/2021-03-30")]


# ----------------------------------------------------------------------- a length in brackets after 共

def test_a_length_after_gong_in_brackets_is_a_duration():
    assert found("3月5日至7日（共3天）", dt.date(2021, 3, 1))[1:] == [("3天", "duration", "P3D")]
    assert found("（共计5个工作日）") == [("5个工作日", "duration", None)]
