"""Issue 29, item 3 (t53): time expressions of seasonal, holiday and farming-season deadlines that the unseen briefings
hold and the rules did not read (GUIDELINES.md, decisions of t53): a weekend of a named week (本周末, 本周末前), a time
limit with its length (限期一周整改: only 限期 was read, the length's value lost), a limit before a harvest or a farming
season (夏收前, 秋收前, 三夏前), the middle of the year (年中, 年中前), and a holiday's eve (国庆节前夕, 春节前夕: read as
the limit 国庆节前).  Sentences are written for the tests, not copied from any page."""

import datetime as dt

import pytest

from petitionnlp.briefing import find_time_expressions

D = dt.date(2023, 6, 15)  # a Thursday


def found(text, day=D):
    return [(t["text"], t["type"], t["value"]) for t in find_time_expressions(text, day)]


# ------------------------------------------------------------------------------------- a weekend of a named week

@pytest.mark.parametrize("text,spans", [
    ("本周末开展联合执法检查。", [("本周末", "date", "2023-06-17/2023-06-18")]),
    ("下周末组织“回头看”。", [("下周末", "date", "2023-06-24/2023-06-25")]),
    ("上周末，督查组暗访了三家企业。", [("上周末", "date", "2023-06-10/2023-06-11")]),
    ("这个周末安排专人值守。", [("这个周末", "date", "2023-06-17/2023-06-18")])])
def test_the_weekend_of_a_named_week_is_its_saturday_and_sunday(text, spans):
    assert found(text) == spans


@pytest.mark.parametrize("text,spans", [
    ("要求本周末前完成整改。", [("本周末前", "deadline", "2023-06-18")]),
    ("各乡镇须于下周末之前上报排查台账。", [("下周末之前", "deadline", "2023-06-25")])])
def test_a_limit_before_the_weekend_of_a_named_week_is_its_sunday(text, spans):
    assert found(text) == spans


def test_a_weekend_without_a_named_week_stays_a_date_without_value():
    assert found("周末加密巡查频次。") == [("周末", "date", None)]
    assert found("本周末开展检查。", None) == [("本周末", "date", None)]  # no page date: no value


# ------------------------------------------------------------------------------------- a time limit with its length

@pytest.mark.parametrize("text,spans", [
    ("责令该企业限期一周整改。", [("限期一周", "duration", "P1W")]),
    ("限期三天整改到位。", [("限期三天", "duration", "P3D")]),
    ("对发现的问题限期两周完成整改。", [("限期两周", "duration", "P2W")]),
    ("责令限期一个月整改到位。", [("限期一个月", "duration", "P1M")]),
    ("限期10日整改，逾期将依法处罚。", [("限期10日", "duration", "P10D")]),
    ("限时48小时办结。", [("限时48小时", "duration", "PT48H")])])
def test_a_time_limit_with_its_length_is_one_duration(text, spans):
    assert found(text) == spans


@pytest.mark.parametrize("text,spans", [
    ("限期15日内整改。", [("限期15日内", "duration", "P15D")]),
    ("责令限期整改。", [("限期", "vague", None)]),
    ("限期6月底前完成整改。", [("限期", "vague", None), ("6月底前", "deadline", "2023-06-30")]),
    ("限期10日前报送整改报告。", [("限期", "vague", None), ("10日前", "deadline", "2023-06-10")])])
def test_a_time_limit_before_a_day_or_without_a_length_stays_as_it_was(text, spans):
    assert found(text) == spans


# ------------------------------------------------------------------------- a limit before a harvest or farming season

@pytest.mark.parametrize("text,span", [
    ("确保夏收前完成秸秆禁烧宣传。", "夏收前"),
    ("秋收前全面清理沟渠秸秆。", "秋收前"),
    ("要在三夏前完成隐患排查。", "三夏前"),
    ("“三秋”前组建禁烧巡查队伍。", "“三秋”前"),
    ("麦收之前完成农机检修。", "麦收之前"),
    ("力争春耕前完成高标准农田建设。", "春耕前")])
def test_a_limit_before_a_harvest_or_a_farming_season_is_a_deadline_without_value(text, span):
    assert found(text) == [(span, "deadline", None)]


@pytest.mark.parametrize("text", ["秋收前期准备工作有序推进。", "三夏期间实行24小时值班。", "夏收夏种工作会议召开。",
                                  "未在秋收前完成清运的，予以通报。"])
def test_a_farming_season_alone_its_period_or_a_negated_limit_is_no_deadline(text):
    assert not [x for x in found(text) if x[1] == "deadline"]


# ------------------------------------------------------------------------------------------- the middle of the year

@pytest.mark.parametrize("text,spans", [
    ("确保年中前完成整改销号。", [("年中前", "deadline", None)]),
    ("力争今年年中以前建成投运。", [("今年", "date", "2023"), ("年中以前", "deadline", None)]),
    ("年中，市督查组将开展“回头看”。", [("年中", "date", None)]),
    ("计划于年中开展第三方评估。", [("年中", "date", None)])])
def test_the_middle_of_the_year_is_a_date_and_a_limit_without_value(text, spans):
    assert found(text) == spans


@pytest.mark.parametrize("text", ["一年中空气质量最差的季节。", "今年中央环保督察进驻我省。", "2023年中国生态环境状况公报。",
                                  "今年中秋节期间加强值守。", "年中期评估报告已上报。"])
def test_nian_zhong_inside_other_words_is_no_time(text):
    assert not [x for x in found(text) if "年中" in x[0]]


# ------------------------------------------------------------------------------------------------- a holiday's eve

@pytest.mark.parametrize("text,span", [
    ("国庆节前夕，局长带队检查重点企业。", "国庆节前夕"),
    ("春节前夕，县长检查环保工作。", "春节前夕"),
    ("在“五一”前夕开展安全检查。", "“五一”前夕"),
    ("中秋节来临前夕，执法人员开展夜查。", "中秋节来临前夕"),
    ("节日前夕，开展环境卫生大扫除。", "节日前夕")])
def test_a_holidays_eve_is_a_date_without_value_not_a_limit(text, span):
    assert found(text) == [(span, "date", None)]


def test_the_limit_before_a_holiday_stays_a_limit():
    assert found("国庆节前完成整改。") == [("国庆节前", "deadline", "2023-10-01")]
    assert found("春节前完成清理。") == [("春节前", "deadline", None)]


# -------------------------------------------- kinds read on time_dev29 (annotated before the extractor was run on it)

@pytest.mark.parametrize("text,span", [
    ("县长带队检查节前安全生产工作。", "节前"),
    ("市领导督查节前市场环境卫生。", "节前"),
    ("对辖区企业排查节前环境安全隐患。", "节前")])
def test_a_check_before_a_holiday_the_page_does_not_name_is_a_limit_without_value(text, span):
    assert found(text) == [(span, "deadline", None)]


@pytest.mark.parametrize("text", ["检查环节前后的衔接。", "检查季节前的准备。"])
def test_a_check_of_a_word_that_ends_in_jie_is_no_holiday(text):
    assert found(text) == []


@pytest.mark.parametrize("text,spans", [
    ("09-30 08:10   www.example.gov.cn\n\n9月29日，市领导检查环保工作。",
     [("09-30 08:10", "date", "2023-09-30T08:10"), ("9月29日", "date", "2023-09-29")]),
    ("发布时间：08-23 11:23\n为部署秋季秸秆禁烧工作。", [("08-23 11:23", "date", "2023-08-23T11:23")])])
def test_a_sites_month_day_and_clock_time_without_a_year_is_one_date(text, spans):
    assert found(text) == spans


def test_a_sites_month_day_and_clock_time_without_a_page_date_has_no_value():
    assert found("09-30 08:10   www.example.gov.cn", None) == [("09-30 08:10", "date", None)]


@pytest.mark.parametrize("text", ["编号2023-09-30 08:10", "型号AB09-30 08:10"])
def test_digits_glued_to_a_month_day_and_clock_are_no_sites_date(text):
    assert not [x for x in found(text) if x[0].startswith("09-30")]


@pytest.mark.parametrize("text,span", [("大年初一晚上，执法人员开展禁放督导。", "大年初一"),
                                       ("大年初三，局长带队检查企业。", "大年初三")])
def test_a_lunar_new_years_day_named_da_nian_is_a_lunar_day(text, span):
    assert found(text)[0] == (span, "date", None)


@pytest.mark.parametrize("text", ["严格执行“五个第一时间”工作要求。", "落实“三个第一时间”要求。"])
def test_a_count_of_first_moments_names_a_set_of_rules_no_urgency(text):
    assert found(text) == []


def test_first_moment_alone_stays_urgency():
    assert found("第一时间赶赴现场处置。") == [("第一时间", "vague", None)]


# ---------------------------------- second step: limits before other seasons and events, and within this week or month

@pytest.mark.parametrize("text,span", [
    ("确保供暖季前完成燃煤锅炉改造。", "供暖季前"),
    ("采暖期前完成清洁取暖改造。", "采暖期前"),
    ("雨季前完成河道清淤。", "雨季前"),
    ("上冻之前完成管网铺设。", "上冻之前"),
    ("要在开学前完成校园周边噪声整治。", "开学前"),
    ("高考前完成考点周边工地排查。", "高考前"),
    ("“五一”小长假前开展安全检查。", "“五一”小长假前"),
    ("节假日前开展环境安全检查。", "节假日前"),
    ("枯水期前完成排污口整治。", "枯水期前")])
def test_a_limit_before_a_season_or_an_event_of_the_year_is_a_deadline_without_value(text, span):
    assert found(text) == [(span, "deadline", None)]


@pytest.mark.parametrize("text", ["雨季前期准备工作已就绪。", "开学前后加强巡查。", "假期前三天客流较大。",
                                  "未在供暖季前完成改造的，予以通报。"])
def test_a_season_before_qianqi_qianhou_a_count_or_after_a_negation_is_no_deadline(text):
    assert not [x for x in found(text) if x[1] == "deadline"]


@pytest.mark.parametrize("text,spans", [
    ("本周内完成整改。", [("本周内", "deadline", "2023-06-18")]),
    ("下周内上报整改情况。", [("下周内", "deadline", "2023-06-25")]),
    ("本月内完成整改销号。", [("本月内", "deadline", "2023-06-30")]),
    ("各县市区这个月内完成排查。", [("这个月内", "deadline", "2023-06-30")])])
def test_within_this_week_or_month_is_a_limit_its_last_day(text, spans):
    assert found(text) == spans


def test_within_this_month_without_a_page_date_has_no_value():
    assert found("本月内各县市区完成整改。", None) == [("本月内", "deadline", None)]
