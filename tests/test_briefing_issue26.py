"""Issue 26, briefings (library side): Windows and old Mac line ends read as LF on every path into the briefing
pipeline (the library, `extract` on a file and on stdin, the API's /extract); actions without line breaks; standing
tasks within their briefing's period, with an id a clerk's marks can be kept by and cadences in words; the
issue number of the header."""

import datetime as dt
import json

import pytest

from conftest import ROOT, run_cli
from petitionnlp.briefing import duration_words, extract_briefing, issue_number, next_due_dates, standing_tasks
from petitionnlp.briefing.spans import briefing_doc

SAMPLE_PATH = ROOT / "corpora" / "samples" / "briefing_hunan_2017_15.txt"
SAMPLE = SAMPLE_PATH.read_text(encoding="utf-8")
GOLD = ROOT / "corpora" / "briefing" / "gold"


def crlf(text):
    return text.replace("\n", "\r\n")


def lone_cr(text):
    return text.replace("\n", "\r")


# ---------------------------------------------------------------------------------------------- line ends

@pytest.mark.parametrize("convert", [crlf, lone_cr], ids=["CRLF", "CR"])
def test_windows_and_mac_line_ends_read_exactly_as_lf(convert):
    lf = extract_briefing(SAMPLE)
    assert extract_briefing(convert(SAMPLE)) == lf
    split = next(d for d in lf["directives"] if d["action"].startswith("三要进一步紧"))
    assert "长效机制" in split["action"]  # the directive a page break splits keeps its second half
    doc = briefing_doc(convert(SAMPLE))
    assert "\r" not in doc.text and len(doc.spans["directives"]) == len(lf["directives"])


def test_the_extract_command_reads_a_windows_file_and_stdin_as_lf(tmp_path):
    lf_file, crlf_file = tmp_path / "lf.txt", tmp_path / "crlf.txt"
    lf_file.write_bytes(SAMPLE.encode("utf-8"))
    crlf_file.write_bytes(crlf(SAMPLE).encode("utf-8"))
    outs = [run_cli("extract", lf_file), run_cli("extract", crlf_file),
            run_cli("extract", "-", stdin=crlf(SAMPLE).encode("utf-8")),
            run_cli("extract", "-", stdin=lone_cr(SAMPLE).encode("gb18030"))]
    assert all(code == 0 for code, _, _ in outs), [err for _, _, err in outs]
    results = [json.loads(out) for _, out, _ in outs]
    assert all(r == results[0] for r in results[1:])
    assert any(d["action"].startswith("三要进一步紧盯环境保护") for d in results[0]["directives"])


def test_the_api_reads_a_pasted_briefing_with_crlf_as_lf(tmp_path):
    from fastapi.testclient import TestClient

    from petitionnlp.web.app import create_app
    from petitionnlp.web.auth import Auth

    app = create_app(tmp_path / "data", background=False)
    Auth(app.state.workbench.store).add_user("vi", "vi-password-1", "viewer")
    with TestClient(app) as client:
        r = client.post("/api/v1/token", data={"username": "vi", "password": "vi-password-1"})
        headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
        got = [client.post("/api/v1/extract", json={"text": t}, headers=headers) for t in (SAMPLE, crlf(SAMPLE))]
    assert [r.status_code for r in got] == [200, 200]
    assert got[0].json() == got[1].json() == json.loads(json.dumps(extract_briefing(SAMPLE), ensure_ascii=False))


# ------------------------------------------------------------------------------------------------- actions

@pytest.mark.parametrize("page_break", ["\n", "\r\n\r\n", "\n\n- 3 -\n\n", "\r\n－ 12 －\r\n", "\n第3页\n", "\n\n3\n\n"])
def test_an_action_holds_no_line_break_and_no_page_number(page_break):
    text = f"会议指出，三要进一步紧{page_break}盯环境保护责任落实，健全责任体系、常抓不懈。\n\n报：省政府"
    (d,) = extract_briefing(text, "2017-05-15")["directives"]
    assert d["action"] == "三要进一步紧盯环境保护责任落实，健全责任体系、常抓不懈"
    start = text.replace("\r\n", "\n").index("三要")
    assert d["start"] == start


def test_a_line_that_stops_on_a_comma_goes_on():
    # a page that set a figure on a line of its own: the sentence goes on across both breaks
    text = "會議要求,市督查組要抽調專人,\n\n每2周\n\n開展一次現場核查,督促各縣區及時整改。"
    d = extract_briefing(text, "2019-05-06")["directives"][0]
    assert d["action"].startswith("要抽調專人,每2周開展一次現場核查")
    assert d["cadence"] == "P2W" and d["addressee"] == "市督查組"


def test_no_action_of_the_annotated_briefings_holds_a_line_break():
    for name in ("briefings_new.jsonl", "briefings_more.jsonl", "briefings_reports.jsonl"):
        for line in (GOLD / name).read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)["doc"]
            for d in extract_briefing(doc["text"], doc.get("date"))["directives"]:
                assert "\n" not in d["action"] and "\r" not in d["action"], (doc["id"], d["action"])


# ------------------------------------------------------------------------------------------- standing tasks

def test_a_standing_task_belongs_to_its_briefings_period():
    result = extract_briefing(SAMPLE)
    tasks = standing_tasks(result, SAMPLE)
    assert [t.label for t in tasks] == ["每3天", "每3天"] and len({t.id for t in tasks}) == 2
    first = tasks[0]
    assert first.start == dt.date(2017, 5, 15) and first.until == dt.date(2017, 6, 15) and not first.stated
    assert first.due_dates()[:3] == [dt.date(2017, 5, 18), dt.date(2017, 5, 21), dt.date(2017, 5, 24)]
    assert first.due_dates()[-1] <= dt.date(2017, 6, 15)
    # years later it is due no more, and it is no "due" day in the deadlines of today
    assert first.next_due("2026-12-05") is None and first.state("2026-12-05")["ended"]
    every3 = result["directives"][first.directive]["deadline"]
    assert next_due_dates(every3, "2017-05-15", "2026-12-05") == []
    assert next_due_dates(every3, "2017-05-15", "2017-06-13", count=3) == [dt.date(2017, 6, 14)]
    # the same extract gives the same ids: a clerk's marks are kept by them
    assert [t.id for t in standing_tasks(extract_briefing(SAMPLE), SAMPLE)] == [t.id for t in tasks]


def test_a_clerk_marks_a_report_day_or_the_whole_task_done():
    (task, _) = standing_tasks(extract_briefing(SAMPLE), SAMPLE)
    assert task.next_due("2017-05-19") == dt.date(2017, 5, 21)
    assert task.next_due("2017-05-19", done=["2017-05-21"]) == dt.date(2017, 5, 24)
    assert task.missed("2017-05-22") == [dt.date(2017, 5, 18), dt.date(2017, 5, 21)]
    assert task.missed("2017-05-22", done=[dt.date(2017, 5, 18)]) == [dt.date(2017, 5, 21)]
    state = task.state("2017-05-22", done=["2017-05-18"], closed=True)
    assert state["next_due"] is None and state["missed"] == [] and state["ended"]
    assert state["label"] == "每3天" and json.dumps(state, ensure_ascii=False)


def test_the_stated_inspection_period_bounds_a_standing_task():
    text = ("中央第三生态环境保护督察组进驻山东省。进驻期间(2018年11月1日-12月1日)设立专门值班电话。\n"
            "会议要求，各市每周报送边督边改进展情况。")
    result = extract_briefing(text, "2018-11-01")
    (task,) = standing_tasks(result, text)
    assert task.stated and task.until == dt.date(2018, 12, 1) and task.label == "每周"
    assert task.due_dates() == [dt.date(2018, 11, 8), dt.date(2018, 11, 15), dt.date(2018, 11, 22),
                                dt.date(2018, 11, 29)]
    # a monthly task without a stated period runs three reports
    monthly = extract_briefing("会议要求，各县市区每月调度一次整改进展。", "2019-01-10")
    (task,) = standing_tasks(monthly)
    assert task.label == "每月" and task.until == dt.date(2019, 4, 10) and len(task.due_dates()) == 3
    assert standing_tasks(monthly, briefing_date=None) and standing_tasks({"directives": []}) == []


@pytest.mark.parametrize("value,kind,words", [
    ("P3D", "recurrence", "每3天"), ("P1W", "recurrence", "每周"), ("P1M", "recurrence", "每月"),
    ("P2W", "recurrence", "每2周"), ("P3M", "recurrence", "每季度"), ("P1D", "recurrence", "每天"),
    ("P10D", "duration", "10天"), ("P3M", "duration", "3个月"), ("PT24H", "duration", "24小时"),
    ("P6M", "duration", "半年"), ("P1W", "duration", "1周"), (None, "duration", None), ("x", "duration", None),
])
def test_durations_and_cadences_in_words(value, kind, words):
    assert duration_words(value, kind) == words


# --------------------------------------------------------------------------------------------------- header

@pytest.mark.parametrize("header,issue", [
    ("湖南省环境保护督察 工作简报\n\n2017年第15期 总第21期\n\n湖南省环境保护督察工作领导小组办公室", "2017年第15期"),
    ("环境保护督察工作简报\n第15期\n\n省督察办　　2017年5月15日", "第15期"),
    ("督察督办情况简报\n（第 3 期）\n整改督办专项工作组", "第3期"),
    ("中央环保督察整改工作动态第12期", "第12期"),
    ("生态环境保护督察整改简报\n\n第十二期\n\n市整改办 2019年6月3日", "第十二期"),
    ("办理情况专报\n2018年 第 6 期（总第30期）", "2018年第6期"),
    ("许达哲省长就《环境保护督察》第24期作出批示", None),
    ("关于第二批中央环保督察第3期交办件办理情况的报告", None),
])
def test_the_issue_number_of_a_header(header, issue):
    assert issue_number(header) == issue
    assert extract_briefing(header + "\n会议要求，各地要于5月底前完成整改。", "2017-05-15")["issue"] == issue
