"""Briefing extraction: time expressions and their values, directives, keywords, the extract command."""

import json

import pytest

from conftest import ROOT, SHARED, run_cli
from petitionnlp.briefing import extract_briefing, find_time_expressions
from petitionnlp.briefing.keywords import keywords
from petitionnlp.briefing.timex import document_date, parse_number

import datetime as dt

SEED = (ROOT / "corpora" / "samples" / "briefing_hunan_2017_15.txt").read_text(encoding="utf-8")
D = dt.date(2017, 5, 15)


def values(text, date=D):
    return [(t["text"], t["type"], t["value"]) for t in find_time_expressions(text, date)]


@pytest.mark.parametrize("text,expected", [
    ("2017年5月15日", ("2017年5月15日", "date", "2017-05-15")),
    ("5月14日上午", ("5月14日上午", "date", "2017-05-14")),
    ("5月底前完成", ("5月底前", "deadline", "2017-05-31")),
    ("7月15日前完成整改", ("7月15日前", "deadline", "2017-07-15")),
    ("年底前", ("年底前", "deadline", "2017-12-31")),
    ("10天内反馈", ("10天内", "duration", "P10D")),  # t47: the length without the action
    ("15个工作日内", ("15个工作日内", "duration", None)),
    ("三个月", ("三个月", "duration", "P3M")),
    ("24小时保持畅通", ("24小时", "duration", "PT24H")),
    ("每3天一报告", ("每3天一报告", "recurrence", "P3D")),
    ("每周", ("每周", "recurrence", "P1W")),
    ("每月报送", ("每月报送", "recurrence", "P1M")),
    ("立行立改", ("立行立改", "vague", None)),
    ("尽快", ("尽快", "vague", None)),
    ("限期整改", ("限期", "vague", None)),
    ("2019年第三季度", ("2019年第三季度", "date", "2019-Q3")),
    ("2024年上半年", ("2024年上半年", "date", "2024-H1")),
    ("2017年6月中旬", ("2017年6月中旬", "date", "2017-06-11/2017-06-20")),
    ("2019年左右", ("2019年左右", "date", "2019")),
    ("本月底前完成", ("本月底前", "deadline", "2017-05-31")),
    ("2019年底前", ("2019年底前", "deadline", "2019-12-31")),
    ("半年内完成", ("半年内", "duration", "P6M")),
    ("三季度", ("三季度", "date", "2017-Q3")),
    ("明年3月", ("明年3月", "date", "2018-03")),
    ("9月份", ("9月份", "date", "2017-09")),
    ("2019年5月6日至6月14日", ("2019年5月6日至6月14日", "date", "2019-05-06/2019-06-14")),
    ("2021年2月24日起", ("2021年2月24日起", "date", "2021-02-24/..")),
    ("下午5时30分", ("下午5时30分", "date", "2017-05-15T17:30")),
])
def test_time_expression_values(text, expected):
    assert values(text)[0] == expected


def test_relative_and_bare_day_resolve_against_context():
    got = values("4月24日下午召开会议，下午5时结束，当天下午各市州召开动员会。14日", dt.date(2017, 4, 27))
    assert ("下午5时", "date", "2017-04-24T17:00") in got
    assert ("当天下午", "date", "2017-04-24") in got
    assert ("14日", "date", "2017-04-14") in got
    assert values("昨日", dt.date(2017, 4, 25))[0][2] == "2017-04-24"


def test_offsets_index_the_input():
    for t in find_time_expressions(SEED, D):
        assert SEED[t["start"]:t["end"]] == t["text"]


def test_document_date_from_header():
    assert document_date(SEED) == D
    assert parse_number("十五") == 15 and parse_number("二十") == 20


def test_seed_directives_with_actors_addressees_and_deadlines():
    result = extract_briefing(SEED)
    assert result["date"] == "2017-05-15"
    dirs = result["directives"]
    for d in dirs:
        # the span's text, but for the page break inside 三要进一步紧|盯… (CONTRACT: no line breaks in an action)
        assert SEED[d["start"]:d["end"]].replace("\n", "") == d["action"]
    report = next(d for d in dirs if "每3天一报告" in d["action"])
    assert report["actor"] == "杨光荣副省长" and report["addressee"] == "综合协调组"
    assert report["deadline"]["value"] == "P3D" and report["deadline"]["type"] == "recurrence"
    first = dirs[0]
    assert first["actor"] == "许达哲省长" and "督促市州抓好即知即改" in first["action"]
    assert any(d["actor"] == "会议" and d["action"].startswith("一要") for d in dirs)
    assert any(d["action"].startswith("六是建立机制") for d in dirs)


def test_keywords_use_domain_idf():
    words = [k["word"] for k in keywords(SEED, top=30)]
    assert "工作" not in words and "情况" not in words
    assert "信访件" in words or "办结率" in words or "边督边改" in words


def test_dev_briefings_quality():
    path = SHARED / "briefings_dev.jsonl"
    if not path.is_file():
        pytest.skip("shared dev corpus not present")
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from eval_briefings import locate, match

    tp = n_pred = n_gold = 0
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        text = d["doc"]["text"]
        res = extract_briefing(text, d["doc"].get("date"))
        gold = locate(text, [g["span"] for g in d["gold"]["time_expressions"]])
        pred = [(t["start"], t["end"]) for t in res["time_expressions"]]
        tp += len(match(gold, pred))
        n_pred += len(pred)
        n_gold += len(gold)
    p, r = tp / n_pred, tp / n_gold
    assert 2 * p * r / (p + r) >= 0.85


def test_extract_command(tmp_path):
    code, out, err = run_cli("extract", ROOT / "corpora" / "samples" / "briefing_hunan_2017_15.txt")
    assert code == 0, err
    result = json.loads(out)
    # the contract's keys, and the issue number its header gives (issue 21: an additive key)
    assert set(result) == {"date", "issue", "keywords", "directives", "time_expressions"}
    assert result["issue"] == "2017年第15期"
    code, out, _ = run_cli("extract", "-", "--date", "2020-03-01", stdin="5月底前完成整改".encode("gb18030"))
    assert json.loads(out)["time_expressions"][0]["value"] == "2020-05-31"
    code, _, err = run_cli("extract", "-", "--date", "2020-13-01", stdin=b"x")
    assert code == 2 and "Traceback" not in err and "YYYY-MM-DD" in err
