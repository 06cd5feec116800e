"""Issue 29, item 3 (t50): time expressions of the kinds corpora/briefing/gold/time_dev26.jsonl (annotated before the
extractor was run on it) and earlier development batches hold — weekly office hours (GUIDELINES.md's decision: the
weekdays a body keeps are one recurrence, 工作日 before hours a recurrence without a value, the hours a date without a
value), 早 before an hour, a bare clock time in an afternoon named before it, a length of days and a half, a year in
Chinese numerals written with the letter O, 廿 in a century.  Each test failed before t50's change."""
import datetime as dt

import pytest

from petitionnlp.briefing import find_time_expressions

D = dt.date(2021, 6, 15)


def found(text, day=D):
    return [(t["text"], t["type"], t["value"]) for t in find_time_expressions(text, day)]


# ------------------------------------------------------------------ weekly office hours (time_dev2's u12, time_dev25's
# k04, time_dev26's u02 and u04): the days of the week are a recurrence, never the dates of the document's week

@pytest.mark.parametrize("text,expected", [
    ("接待时间为每周一至周五上午9:00-12:00。", [("每周一至周五", "recurrence", "P1W"), ("上午9:00-12:00", "date", None)]),
    ("热线每周周一至周五的8点至20点由工作人员接听。", [("每周周一至周五", "recurrence", "P1W"), ("8点至20点", "date", None)]),
    ("局长接待日为每周一、三、五。", [("每周一、三、五", "recurrence", "P1W")]),
    ("每星期二、四上午接待来访。", [("每星期二、四", "recurrence", "P1W")]),
    ("办公时间:周一至周五上午9:00-12:00,周一至周四下午14:00-18:00。",
     [("周一至周五", "recurrence", "P1W"), ("上午9:00-12:00", "date", None),
      ("周一至周四", "recurrence", "P1W"), ("下午14:00-18:00", "date", None)]),
    ("工作时间(如周一至周五上午8:00至下午5:00)开放。",
     [("周一至周五", "recurrence", "P1W"), ("上午8:00至下午5:00", "date", None)]),
    ("星期一至星期五接待群众来访。", [("星期一至星期五", "recurrence", "P1W")])])
def test_the_weekdays_of_office_hours_are_one_weekly_recurrence_and_their_hours_have_no_day(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("热线工作日8:30—17:30接听。", [("工作日", "recurrence", None), ("8:30—17:30", "date", None)]),
    ("受理时间(工作日上午9时至12时)。", [("工作日", "recurrence", None), ("上午9时至12时", "date", None)])])
def test_working_days_before_hours_are_a_recurrence_without_a_value(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", ["请于5个工作日内回复。", "第二个工作日报送。", "每个工作日更新。", "工作日期间加强巡查。"])
def test_working_days_elsewhere_are_read_as_before(text):
    assert not [x for x in found(text) if x[0] == "工作日"]


@pytest.mark.parametrize("text,expected", [
    ("定于下周一开展检查。", [("下周一", "date", "2021-06-21")]),
    ("6月1日(周一)至6月5日(周五)开展检查。", [("6月1日(周一)至6月5日(周五)", "date", "2021-06-01/2021-06-05")]),
    ("每周一督查、每周五前报送。", [("每周一督查", "recurrence", "P1W"), ("每周五前", "recurrence", "P1W")])])
def test_weekdays_of_a_named_week_or_a_day_and_cadences_stay_as_they_were(text, expected):
    assert found(text) == expected


# ------------------------------------------------------------------ 早 before an hour (the brief's 早8点至晚8点)

@pytest.mark.parametrize("text,expected", [
    ("受理时间:早8点至晚8点。", [("早8点至晚8点", "date", None)]),
    ("受理时间为每天早8点至晚8点。", [("每天", "recurrence", "P1D"), ("早8点至晚8点", "date", None)]),
    ("每天早8:00至晚8:00受理举报。", [("每天", "recurrence", "P1D"), ("早8:00至晚8:00", "date", None)])])
def test_zao_before_an_hour_is_part_of_the_span_and_a_recurrences_hours_have_no_day(text, expected):
    assert found(text) == expected


# ------------------------------------------------------------------ a bare clock time in an afternoon named before it
# (time_dev26's u06 and u07: meeting notices)

def test_a_bare_clock_time_after_an_afternoon_in_its_line_is_in_the_afternoon():
    text = "报到时间为1月11日(周六)下午1:30至4:30;下午3:30召开临时党委会议,4:00召开中共党员会议,4:50召开分组会议。"
    assert [x[2] for x in found(text)][-2:] == ["2021-01-11T16:00", "2021-01-11T16:50"]
    text = "请于1月14日下午1:00在大厅报到,领取会议材料。2:30参加预备会议,3:00参加视察。"
    assert [x[2] for x in found(text)] == ["2021-01-14T13:00", "2021-01-14T14:30", "2021-01-14T15:00"]


@pytest.mark.parametrize("text,values", [
    ("上午9:00开幕,11:30闭幕。", ["2021-06-15T09:00", "2021-06-15T11:30"]),
    ("下午2:30报到,次日9:00开会。", ["2021-06-15T14:30", "2021-06-16T09:00"]),
    ("下午3点召开会议。\n8:30集合。", ["2021-06-15T15:00", "2021-06-15T08:30"])])
def test_a_bare_clock_time_keeps_its_hour_in_a_morning_after_a_day_or_on_another_line(text, values):
    assert [x[2] for x in found(text)] == values


# ------------------------------------------------------------------ lengths with a half, O for zero, 廿 in a century

def test_a_length_of_days_and_a_half_is_one_duration_without_a_value():
    assert found("正式会期三天半。") == [("三天半", "duration", None)]


def test_a_year_in_chinese_numerals_written_with_the_letter_o_is_read():
    assert found("政协天长市委员会\n二OO八年一月七日") == [("二OO八年一月七日", "date", "2008-01-07")]
    assert found("型号OOOO年") == []


def test_nian_one_in_a_century_is_the_twenty_first():
    assert found("进入廿一世纪以来,环境问题日益突出。")[0][:2] == ("廿一世纪以来", "date")
    assert found("进入廿一世纪以来,环境问题日益突出。")[0][2].startswith("2")


# ------------------------------------------------------------------ hours listed after a recurrence's hours, and a
# weekday span of a named week (plain bugs found on my own sentences)

@pytest.mark.parametrize("text,expected", [
    ("接待时间为每周一至周五上午9:00-12:00,下午14:00-17:00。",
     [("每周一至周五", "recurrence", "P1W"), ("上午9:00-12:00", "date", None), ("下午14:00-17:00", "date", None)]),
    ("工作日上午8:30-12:00,下午14:30-17:30接待。",
     [("工作日", "recurrence", None), ("上午8:30-12:00", "date", None), ("下午14:30-17:30", "date", None)])])
def test_hours_listed_after_a_recurrences_hours_have_no_day_either(text, expected):
    assert found(text) == expected


def test_hours_listed_after_a_days_hours_keep_the_day():
    assert found("2017年8月16日上午9:00~11:30,下午3:00~5:30在会议室举行。")[1] == \
        ("下午3:00~5:30", "date", "2017-08-16T15:00/2017-08-16T17:30")


def test_a_weekday_span_of_the_next_week_ends_in_that_week():
    assert found("定于下周一至周五开展检查。") == [("下周一至周五", "date", "2021-06-21/2021-06-25")]


# ------------------------------------------------------------------ misses of the development news batches (d45–d48's
# briefings_news4, news5, news7, news8), each a kind: 为期N日, a news item's day that lost its 月, 不定时间 of the
# 四不两直 formula, 规定时间 before the action it bounds

def test_a_length_in_days_after_weiqi_is_a_duration():
    assert found("将对东丽区开展为期4日左右的统计督察。") == [("4日", "duration", "P4D")]


@pytest.mark.parametrize("text,expected", [
    ("219日,滨海新区组织召开调度会。", [("219日", "date", "2021-02-19")]),
    ("218日上午,区长带队检查。", [("218日上午", "date", "2021-02-18")]),
    ("为加强扬尘污染防治,1026日,市扬尘治理办联合执法。", [("1026日", "date", "2021-10-26")])])
def test_a_news_items_day_that_lost_its_month_is_read_where_one_reading_only_is_possible(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", ["115日,召开会议。", "共计219日,完成任务。", "第219日,完成任务。", "编号426日期"])
def test_an_ambiguous_or_counted_run_of_digits_before_ri_stays_none(text):
    assert found(text) == []


def test_buding_shijian_of_the_unannounced_visit_formula_is_no_recurrence():
    assert found("暗访时做到不定时间、不打招呼、不听汇报、直奔现场。") == []


def test_guiding_shijian_before_the_action_it_bounds_is_a_time_limit():
    assert found("要求企业在規定時間整改到位。") == [("規定時間", "vague", None)]
    assert found("按规定时间和地点报到。") == []


@pytest.mark.parametrize("text,expected", [
    ("已報經市委、市政府審批,將于近期向區縣反饋。", [("近期", "vague", None)]),
    ("督察组拟于近期进驻我市。", [("近期", "vague", None)]),
    ("近期开展了专项督查。", [])])
def test_jinqi_after_jiangyu_or_niyu_is_of_what_is_to_come(text, expected):
    assert found(text) == expected
