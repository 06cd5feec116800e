"""Issue 12: briefings outside the first seven — the kinds of time expressions and directives they hold, the
spaCy spans, and the grown gold set (corpora/briefing/gold) read with the benchmark's own scoring."""

import datetime as dt
import json
import sys

import pytest

from conftest import ROOT
from petitionnlp.briefing import extract_briefing, find_time_expressions
from petitionnlp.briefing.spans import briefing_doc
from petitionnlp.briefing.timex import interval

D = dt.date(2021, 6, 14)  # a Monday
GOLD = ROOT / "corpora" / "briefing" / "gold" / "briefings_new.jsonl"


def first(text, date=D):
    found = find_time_expressions(text, date)
    assert found, text
    return found[0]["text"], found[0]["type"], found[0]["value"]


@pytest.mark.parametrize("text,expected", [
    # the many ways of writing a day
    ("2019/04/19", ("2019/04/19", "date", "2019-04-19")),
    ("2019.9.6", ("2019.9.6", "date", "2019-09-06")),
    ("2020-05-26", ("2020-05-26", "date", "2020-05-26")),
    ("20240307", ("20240307", "date", "2024-03-07")),
    ("12月9号", ("12月9号", "date", "2021-12-09")),
    ("二〇〇六年十二月", ("二〇〇六年十二月", "date", "2006-12")),
    ("15年3月2日", ("15年3月2日", "date", "2015-03-02")),
    ("91年5月", ("91年5月", "date", "1991-05")),
    # spans, open spans, half years
    ("2017年8月15日至2018年3月29日", ("2017年8月15日至2018年3月29日", "date", "2017-08-15/2018-03-29")),
    ("从2015年1月至12月", ("从2015年1月至12月", "date", "2015-01/2015-12")),
    ("2018年2——4月", ("2018年2——4月", "date", "2018-02/2018-04")),
    ("5月9日8时至20时", ("5月9日8时至20时", "date", "2021-05-09T08:00/2021-05-09T20:00")),
    ("2024年5月9日至2024年6月9日", ("2024年5月9日至2024年6月9日", "date", "2024-05-09/2024-06-09")),
    ("2019年6月中旬至12月31日", ("2019年6月中旬至12月31日", "date", "2019-06-11/2019-12-31")),
    ("2020年1月以后", ("2020年1月以后", "date", "2020-01/..")),
    ("从11月起", ("从11月起", "date", "2021-11/..")),
    ("2024年上半年", ("2024年上半年", "date", "2024-H1")),
    ("9月10号，11号，12号，13号", ("9月10号", "date", "2021-09-10")),  # each day listed is one expression
    # relative to the document date
    ("上个月15号", ("上个月15号", "date", "2021-05-15")),
    ("下月九号", ("下月九号", "date", "2021-07-09")),
    ("本月9日", ("本月9日", "date", "2021-06-09")),
    ("上一个月", ("上一个月", "date", "2021-05")),
    ("本季度", ("本季度", "date", "2021-Q2")),
    ("上个季度", ("上个季度", "date", "2021-Q1")),
    ("今年前三季度", ("今年前三季度", "date", "2021-01/2021-09")),
    ("2022年首季度", ("2022年首季度", "date", "2022-Q1")),
    ("前十一个月", ("前十一个月", "date", "2021-01/2021-11")),
    ("二零二一年后三月", ("二零二一年后三月", "date", "2021-10/2021-12")),
    # a year's end, whatever writes the year; a year with 内 is a deadline, not a duration of 2017 years
    ("19年底前完成", ("19年底前", "deadline", "2019-12-31")),
    ("次年年末", ("次年年末", "deadline", "2022-12-31")),
    ("2017年内完成", ("2017年内", "deadline", "2017-12-31")),
    ("二〇二〇年内", ("二〇二〇年内", "deadline", "2020-12-31")),
    ("三年内完成", ("三年内", "duration", "P3Y")),  # t47: the length without the action
    # windows without 近/未来, and a month·day date
    ("今后三年内", ("今后三年内", "date", "2021-06-14/2024-06-13")),
    ("三个多月以来", ("三个多月以来", "date", "2021-03-14/2021-06-14")),
    ("“7·20”特大暴雨", ("7·20", "date", "2021-07-20")),
    ("下周六", ("下周六", "date", "2021-06-26")),
    ("上周", ("上周", "date", "2021-06-07/2021-06-13")),
    ("后天", ("后天", "date", "2021-06-16")),
    ("三年前", ("三年前", "date", "2018")),
    ("上世纪80年代", ("上世纪80年代", "date", "1980/1989")),
    # deadlines, durations, recurrences, urgency
    ("到今年年底", ("到今年年底", "deadline", "2021-12-31")),
    ("2025年前", ("2025年前", "deadline", "2025-12-31")),
    ("15個工作日內", ("15個工作日內", "duration", None)),
    ("定期调度整改进展情况", ("定期", "recurrence", None)),
    ("不定期明察暗访", ("不定期", "recurrence", None)),
    ("日常巡查", ("日常", "recurrence", None)),
    ("每月调度一次", ("每月调度一次", "recurrence", "P1M")),
    ("第一时间处置", ("第一时间", "vague", None)),
    ("短期内难以完成", ("短期内", "vague", None)),
    ("按期完成", ("按期", "vague", None)),
])
def test_time_kinds_of_unseen_briefings(text, expected):
    assert first(text) == expected


def test_look_alikes_of_the_new_kinds_are_not_misread():
    assert [t["text"] for t in find_time_expressions("按第3·4条规定", D)] == []
    assert [(t["text"], t["value"]) for t in find_time_expressions("2017年来", D)] == [("2017年", "2017")]


def test_values_are_readable_intervals():
    assert interval("2024-H1") == (dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    assert interval("2020-01/..") == (dt.date(2020, 1, 1), dt.date.max)
    assert interval("../2021-06-12") == (dt.date.min, dt.date(2021, 6, 12))


def test_mirror_page_offsets_slice_back():
    text = "要求各地務(wù)必于9月底前(qián)完成整改。"
    for t in find_time_expressions(text, D):
        assert text[t["start"]:t["end"]] == t["text"]
    got = extract_briefing(text, D)
    (d,) = got["directives"]
    assert text[d["start"]:d["end"]] == d["action"]
    assert d["deadline"]["value"] == "2021-09-30"


@pytest.mark.parametrize("text,action", [
    ("会议指出，各县区应于2017年底前整改完成。", "应于2017年底前整改完成"),
    ("市政府要求，各责任单位必须于今年12月31日前完成销号。", "必须于今年12月31日前完成销号"),
    ("国家环境保护督察办公室将每月调度一次督察整改工作情况。", "将每月调度一次督察整改工作情况"),
    ("该区首先将整改任务落实到人头；二是将整改方案报环保部门备案。", "首先将整改任务落实到人头"),
])
def test_obligations_commitments_and_standing_tasks_are_directives(text, action):
    assert action in [d["action"] for d in extract_briefing(text, D)["directives"]]


def test_reports_and_statements_are_not_directives():
    text = ("会议传达学习了省委书记关于做好整改工作的重要批示，副省长出席会议并讲话。"
            "黄成强调，抓好整改工作，是贯彻落实十九大精神的重要举措。")
    assert extract_briefing(text, D)["directives"] == []


def test_actor_from_a_bare_name_and_a_traditional_page():
    text = "於國安強調，各級各有關部門要全面貫徹黨的十九大精神，扎扎實實把問題整改到位。"
    (d,) = extract_briefing(text, D)["directives"]
    assert d["actor"] == "于国安"
    assert d["addressee"] == "各級各有關部門"


def test_spacy_spans_carry_the_extraction():
    text = "杨光荣副省长要求，综合协调组要加强对边督边改情况的调度，每3天一报告。"
    doc = briefing_doc(text, dt.date(2017, 5, 15))
    (span,) = doc.spans["directives"]
    assert span.text.startswith("要加强") and span._.actor == "杨光荣副省长" and span._.addressee == "综合协调组"
    assert span._.deadline is not None and span._.deadline.text == "每3天一报告"
    assert span._.deadline in list(doc.spans["time_expressions"])
    assert [(s.text, s.label_, s._.value) for s in doc.spans["time_expressions"]] == \
        [("每3天一报告", "recurrence", "P3D")]
    rec = extract_briefing(text, "2017-05-15")
    assert rec["directives"][0]["action"] == span.text
    assert rec["directives"][0]["deadline"]["value"] == "P3D"


def test_grown_gold_set_is_documented_and_meets_the_bars():
    docs = [json.loads(x) for x in GOLD.open(encoding="utf-8")]
    assert len(docs) >= 18 and all(d["doc"].get("url") for d in docs)
    reserved = (ROOT.parent / "shared" / "corpora" / "reserved_sources.txt")
    if reserved.is_file():
        banned = {ln.strip() for ln in reserved.read_text(encoding="utf-8").splitlines() if ln.strip()}
        assert not banned & {d["doc"]["url"] for d in docs}
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from eval_briefings import prf, score

    c = score(docs)
    t_f1 = prf(c["t_tp"], c["t_pred"], c["t_gold"])[2]
    d_f1 = prf(c["d_tp"], c["d_pred"], c["d_gold"])[2]
    assert t_f1 >= 0.90 and c["v_ok"] / c["v_n"] >= 0.95 and d_f1 >= 0.72
