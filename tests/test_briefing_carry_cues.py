"""Directives that carry over (issue 29 item 3, d39): a report's numbered heading ((一)…完成情况, (二)督查方式：) is no
directive; the judge may also take away an aim (为…，确保…，X局开展…), a clause under a section that reports what
was done (一、…推进情况) and any directive in a document that reports to a body (…报告如下, 请予审议), and adds no clause
in such a section or document nor one with a time word of a report (截至目前, 近日) — ``report_heading_ends``, ``report_section_ends``, ``report_document``,
``judge_removable_features``, ``judge_not_addable_features`` in directive_rules.json; under a section of what is to be
done, and when the marker gives the order, nothing changes."""

import json
import sys

import pytest

from conftest import ROOT
from petitionnlp.briefing.directives import find_candidates
from petitionnlp.briefing.judge import choose
from petitionnlp.briefing.timex import find_time_expressions

REPORT = "会议听取了工作汇报。王市长指出：\n（一）主要指标完成情况。全年优良天数280天。\n（二）督查方式：\n1.自查。各单位逐项自查。"
SECTIONS = "一、整改工作推进情况\n市政府要求各部门切实加强监管。\n二、下一步工作安排\n市政府要求各部门切实加强监管。"


def _cands(text):
    return find_candidates(text, find_time_expressions(text, None))


def _clause(text, clause, nth=0):
    return [c for c in _cands(text) if text[c["start"]:c["end"]] == clause][nth]


@pytest.mark.parametrize("clause", ["（一）主要指标完成情况", "（二）督查方式："])
def test_a_numbered_heading_of_a_report_is_no_directive(clause):
    c = _clause(REPORT, clause)
    assert not c["rule"] and c["reason"] == "heading" and c["features"].get("report_heading")


def test_a_numbered_item_under_a_speaker_stays():
    assert _clause(REPORT, "1.自查")["rule"]


def test_an_aim_then_a_report_is_no_order_an_aim_then_an_order_is():
    text = "为进一步加强大气污染防治，确保空气质量持续改善，近日，市生态环境局开展夜间专项检查。"
    c = _clause(text, text[:-1])
    assert not c["rule"]  # d42c: the purpose's 确保 is no order (purpose_pieces); before, the judge removed it
    text = "为确保整改到位，各地要加强监管。"
    assert not any(c["removable"] or c["features"].get("purpose_marker") for c in _cands(text))


def test_a_clause_under_a_section_of_what_was_done_is_removable_under_what_is_to_be_done_not():
    done, todo = _clause(SECTIONS, "切实加强监管", 0), _clause(SECTIONS, "切实加强监管", 1)
    assert done["rule"] and done["removable"] and done["features"].get("report_section")
    assert todo["rule"] and not todo["removable"] and not todo["features"].get("report_section")


def test_in_a_document_that_reports_to_a_body_the_judge_may_remove_and_adds_nothing():
    head = "现将我市整改情况报告如下：\n"
    body = "市政府要求各部门切实加强监管。市生态环境局对企业进行了检查。"
    plain, reported = _cands(body), _cands(head + body)
    assert [c["rule"] for c in plain] == [c["rule"] for c in reported[1:]] and reported[1]["rule"]
    assert not plain[0]["removable"] and all(c["addable"] for c in plain if not c["features"].get("report_section"))
    assert all(c["removable"] and not c["addable"] for c in reported)
    assert choose(reported[1:], [0.0, 1.0], 0.5, 0.6) == [False, False]
    assert choose(plain, [0.0, 1.0], 0.5, 0.6) == [True, plain[1]["reason"] == "no_marker"]


def test_under_a_section_of_what_was_done_nothing_is_added():
    text = "一、整改工作推进情况\n各部门对企业开展专项检查。\n二、下一步工作安排\n各部门对企业开展专项检查。"
    done, todo = [c for c in _cands(text) if text[c["start"]:c["end"]] == "各部门对企业开展专项检查"]
    assert not done["addable"] and todo["addable"]


def test_a_clause_with_a_time_word_of_a_report_is_not_added():
    text = "截至目前，各部门对企业开展专项检查。各部门对企业开展专项检查。"
    then, plain = [c for c in _cands(text) if not c["rule"]][:2]
    assert then["features"].get("report_time") and not then["addable"]
    assert not plain["features"].get("report_time") and plain["addable"]


def test_the_shipped_judge_on_the_development_pages_of_new_kinds():
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_briefing_model import development_briefings

    meta = json.loads((ROOT / "models" / "briefing_directives" / "meta.json").read_text(encoding="utf-8"))
    assert meta["grouped_cv"]["macro_f1"]["rules_and_learned"] >= 0.852  # 0.835 before d39
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from eval_briefings import prf, score

    dev = development_briefings()
    for origin, bar in (("briefings_timedev", 0.855), ("briefings_timedev2", 0.65)):  # 0.793 and 0.603 before d39
        c = score([dict(d, origin=None) for d in dev if d["origin"] == origin])
        assert prf(c["d_tp"], c["d_pred"], c["d_gold"])[2] >= bar


# d39b (review39 finding 1): an order with a deadline or an assignment is never the judge's to take away, and the
# cues of a report count only where they read as one (``judge_kept_*``, ``report_section_ends``/``_not``,
# ``report_document_*`` in directive_rules.json).
DUE = "生态环境分局要求涉事企业于2025年3月31日前完成污泥清运并报送验收材料。"


def _rule(text, needle):
    return next(c for c in _cands(text) if c["rule"] and needle in text[c["start"]:c["end"]])


@pytest.mark.parametrize("heading", ["一、交办问题办理情况", "一、基本情况", "二、整改工作开展情况"])
def test_an_order_with_a_deadline_under_a_section_of_what_was_done_stays(heading):
    text = f"督察简报\n{heading}\n{DUE}\n"
    c = _rule(text, "污泥清运")
    assert c["deadline"]["value"] == "2025-03-31" and not c["removable"]
    assert choose([c], [0.0], 0.55, 0.6) == [True]


@pytest.mark.parametrize("sentence, needle", [("由县水利局负责督促养殖场拆除排污暗管。", "排污暗管"),
                                              ("县政府责成镇政府清理河道垃圾。", "河道垃圾"),
                                              ("县政府要求将该企业违法线索移交公安机关依法处理。", "公安机关")])
def test_an_assignment_in_a_document_that_reports_to_a_body_stays(sentence, needle):
    text = f"关于环境信访件办理情况的报告\n现将有关情况报告如下：\n一、办理情况\n{sentence}\n"
    assert not _rule(text, needle)["removable"]


def test_what_was_done_by_a_deadline_stays_removable():
    text = "一、整改工作推进情况\n市政府要求各区已于2024年5月31日前完成排查。\n"
    assert _rule(text, "排查")["removable"]


def test_the_shipped_pipeline_keeps_the_order_and_its_deadline():
    from petitionnlp.briefing import extract_briefing

    heading = "督察简报（第10期）\n2024年5月20日\n一、交办问题办理情况\n省督察组要求衡阳市生态环境局于2024年6月30日前办结全部交办件并报送办理结果。\n"
    quoted = ("督察简报（第13期）\n2024年5月20日\n衡阳市报送的整改报告称：“现将有关情况报告如下：已关停3家企业。”\n"
              "省督察组要求衡阳市生态环境局于2024年6月30日前办结全部交办件并报送办理结果。\n")
    for text in (heading, quoted, f"督察简报\n一、基本情况\n{DUE}\n"):
        got = [(d["deadline"] or {}).get("value") for d in extract_briefing(text, None)["directives"]]
        assert got and got[0] in ("2024-06-30", "2025-03-31")


@pytest.mark.parametrize("head, own", [
    ("现将我市整改情况报告如下：\n", True),
    ("市环保局转来的材料写明“现将我市整改情况报告如下”。\n", False),
    ("《关于整改情况的报告（现将有关情况汇报如下）》已收悉。\n", False),
    ("该区整改报告称：现将有关情况报告如下，已关停3家企业。\n", False),
])
def test_a_report_to_a_body_counts_only_in_the_documents_own_voice(head, own):
    body = "市政府要求各部门切实加强监管。"
    c = _rule(head + body, "加强监管")
    assert c["removable"] == own


def test_a_closing_request_for_review_counts_one_in_the_middle_does_not():
    order = "市政府要求各部门切实加强监管。\n"
    filler = "".join(f"{k}.市生态环境局开展第{k}轮巡查。\n" for k in range(1, 9))
    closing = "一、整改工作\n" + order + filler + "以上报告，请予审议。\n"
    middle = "一、整改工作\n" + order + "会上有代表提出“请予审议”的程序问题。\n" + filler
    assert _rule(closing, "加强监管")["removable"] and not _rule(middle, "加强监管")["removable"]


@pytest.mark.parametrize("heading, report", [
    ("一、整改工作总体推进情况", True), ("二、主要做法和成效", True), ("一、基本情况：", True),
    ("一、存在问题及整改要求情况", False), ("二、工作开展情况及下一步打算", False), ("三、存在问题及整改情况要求", False),
    ("二、下步工作安排情况", False), ("一、情况通报与整改任务", False),
])
def test_a_section_reports_what_was_done_only_when_its_heading_reads_so(heading, report):
    c = _rule(f"{heading}\n市政府要求各部门切实加强监管。\n", "加强监管")
    assert bool(c["features"].get("report_section")) == report and c["removable"] == report
