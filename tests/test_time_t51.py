"""Issue 29, item 3 (t51): time expressions of the kinds corpora/briefing/gold/time_dev27.jsonl (annotated before the
extractor was run on it) and time_dev26.jsonl show, each a kind that recurs on unseen pages (GUIDELINES.md, decisions of
t51): a duty's frequency with a count, lunar days listed after a lunar day, a year before a lunar day, a festival's folk
name, limits of each level written as bare days, a meeting's half day, a bare hour with its half before the event, the
hours of a standing ban with 晨, a list of standing duties of checking and reporting, a ratio written with a colon.
Sentences are written for the tests, not copied from the pages."""

import datetime as dt

import pytest

from petitionnlp.briefing import find_time_expressions

D = dt.date(2023, 6, 15)


def found(text, day=D):
    return [(t["text"], t["type"], t["value"]) for t in find_time_expressions(text, day)]


@pytest.mark.parametrize("text,spans", [
    ("网格员一天两次巡查辖区。", [("一天两次", "recurrence", "P1D")]),
    ("监测人员一日三次测量水温。", [("一日三次", "recurrence", "P1D")]),
    ("执法队一周两次夜查。", [("一周两次", "recurrence", "P1W")]),
    ("每天两次清扫路面。", [("每天", "recurrence", "P1D")])])
def test_a_count_per_period_is_a_recurrence_of_the_period(text, spans):
    assert found(text) == spans


@pytest.mark.parametrize("text", ["第一天两次出现超标。", "活动持续一天。"])
def test_a_count_in_a_named_day_is_no_recurrence(text):
    assert [x for x in found(text) if x[1] == "recurrence"] == []


def test_lunar_days_listed_after_a_lunar_day_are_dates_each():
    assert found("除夕、正月初一及十五三天可以燃放。") == [
        ("除夕", "date", None), ("正月初一", "date", None), ("十五", "date", None)]
    assert found("正月初三、初六、初八、初十、十三夜间开展夜查。") == [
        ("正月初三", "date", None), ("初六", "date", None), ("初八", "date", None), ("初十", "date", None),
        ("十三夜间", "date", None)]
    assert found("每逢农历初一、十五，寺庙周边加强巡查。") == [("农历初一", "date", None), ("十五", "date", None)]


@pytest.mark.parametrize("text", ["初一、初二年级学生参加活动。", "第九、十、十一条作出规定。", "共十、十五人参加。"])
def test_numbers_listed_without_a_lunar_day_before_them_are_none(text):
    assert found(text) == []


def test_a_year_before_a_lunar_day_is_one_date_without_a_value():
    assert found("取消2022年农历四月初八庙会。") == [("2022年农历四月初八", "date", None)]


@pytest.mark.parametrize("text", ["中元节(七月半)期间严禁焚烧纸钱。", "俗称“7月半”，市民在路口祭祀。"])
def test_a_festivals_folk_name_is_none(text):
    assert found(text) == []


def test_limits_of_each_level_written_as_bare_days_are_lengths():
    assert found("转送、交办时限一般为:国家信访局5日、省级信访工作机构3日、县级信访工作机构4日。") == [
        ("5日", "duration", "P5D"), ("3日", "duration", "P3D"), ("4日", "duration", "P4D")]
    assert found("市环保局5日召开会议,省生态环境厅6日通报进展。") == [
        ("5日", "date", "2023-06-05"), ("6日", "date", "2023-06-06")]


def test_a_meetings_half_day_is_a_length_without_a_value():
    assert found("会议时间半天。") == [("半天", "duration", None)]
    assert found("会期半天,不安排住宿。") == [("半天", "duration", None)]
    assert found("等了半天也没人来。") == []


def test_a_bare_hour_with_its_half_before_the_event_is_that_hour():
    assert found("6月14日,各单位于11点半召开部署会。") == [("6月14日", "date", "2023-06-14"),
                                                    ("11点半", "date", "2023-06-14T11:30")]
    assert found("定于明天下午两点半召开会议。") == [("明天下午两点半", "date", "2023-06-16T14:30")]
    assert found("问题分为11点意见。") == []


def test_the_hours_of_a_standing_ban_with_chen_are_one_span_without_a_value():
    assert found("禁止在晚上的二十二点至晨六点之间施工。") == [("二十二点至晨六点", "date", None)]


def test_a_list_of_standing_duties_of_checking_and_reporting_is_daily():
    assert found("实行日排查、日上报制和回访巡查制度。") == [("日排查", "recurrence", "P1D"), ("日上报", "recurrence", "P1D")]


def test_a_ratio_written_with_a_colon_is_no_clock_time():
    assert found("按照1:15的比例确定被查单位。") == []
    assert found("会议于9:30开始。")[0][:2] == ("9:30", "date")


def test_a_sites_day_with_its_hours_is_one_span_of_that_day():
    assert found("访谈时间:2022-08-10 09:00-11:00\n") == [
        ("2022-08-10 09:00-11:00", "date", "2022-08-10T09:00/2022-08-10T11:00")]
    assert found("发布时间:2022-08-09 11:32:56") == [("2022-08-09 11:32:56", "date", "2022-08-09T11:32")]


@pytest.mark.parametrize("text,spans", [
    ("督查组用半个月时间完成排查。", [("半个月", "duration", "P15D")]),
    ("经过半个月的整治，河道明显改善。", [("半个月", "duration", "P15D")]),
    ("计划利用半年时间完成改造。", [("半年", "duration", "P6M")])])
def test_half_a_month_or_a_year_that_a_task_takes_is_a_length(text, spans):
    assert found(text) == spans


def test_jinqi_before_a_body_and_yejiang_is_of_what_is_to_come():
    assert found("近期市里也将出台实施方案。") == [("近期", "vague", None)]
    assert found("近期市里开展了检查，也将继续推进。") == []


def test_a_bare_hour_before_the_place_of_the_event_is_that_hour():
    assert found("6月14日，定于9时在县政府三楼会议室召开会议。") == [("6月14日", "date", "2023-06-14"),
                                                           ("9时", "date", "2023-06-14T09:00")]
    assert found("6月14日，于十点半在县会议室召开推进会。")[1] == ("十点半", "date", "2023-06-14T10:30")


@pytest.mark.parametrize("text,spans", [
    ("五一前后加强巡查。", [("五一前后", "vague", None)]),
    ("清明前后是山火高发期。", [("清明前后", "vague", None)]),
    ("清明节前完成整改。", [("清明节前", "deadline", None)]),
    ("重阳节前完成清理。冬至前完成验收。", [("重阳节前", "deadline", None), ("冬至前", "deadline", None)]),
    ("劳动节前报送材料。", [("劳动节前", "deadline", "2023-05-01")])])
def test_the_days_around_and_before_other_holidays(text, spans):
    assert found(text) == spans


@pytest.mark.parametrize("text,spans", [
    ("实行“日巡查、周督查、月通报”制度。",
     [("日巡查", "recurrence", "P1D"), ("周督查", "recurrence", "P1W"), ("月通报", "recurrence", "P1M")]),
    ("做到每日一巡、每周一查。", [("每日一巡", "recurrence", "P1D"), ("每周一查", "recurrence", "P1W")]),
    ("一年两次开展监测，一个月两次抽查。", [("一年两次", "recurrence", "P1Y"), ("一个月两次", "recurrence", "P1M")])])
def test_more_standing_duties_and_counts_per_period(text, spans):
    assert found(text) == spans


def test_a_patrol_word_is_no_cadence_inside_another_word():
    assert found("每日一巡视组到达。")[0][0] == "每日"
