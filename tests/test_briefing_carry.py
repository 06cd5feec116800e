"""Directives that carry over (issue 29 item 3): the learned judge adds only what the rules left out for want of a
marker and keeps what they take; the pages of gold/briefings_carry.jsonl name their sources, hold their spans, and
their blind part is never trained on.  (The kinds of sentence — a framed 由-assignment, 纳入/移交, a deadline duty
without a subject, a plan's preamble — are tested with the other kinds of issue 29 in test_briefing_issue29.py.)
The judge's cues for a plan's measures (a numbered measure that opens with an action, a clause under the goals
heading) and the plan pages added to train it (i33b2) are tested here too."""

from __future__ import annotations

import json
from pathlib import Path


from petitionnlp.briefing.directives import find_candidates
from petitionnlp.briefing.judge import choose
from petitionnlp.briefing.timex import find_time_expressions

ROOT = Path(__file__).resolve().parent.parent
CARRY = ROOT / "corpora" / "briefing" / "gold" / "briefings_carry.jsonl"


def test_the_judge_adds_only_what_the_rules_left_out_for_want_of_a_marker():
    text = "谭海华要求,要应急谋远,标本兼治。市生态环境局定期对企业开展抽查。"
    cands = find_candidates(text, find_time_expressions(text, None))
    p = [0.99] * len(cands)
    chosen = [c["action"] for c, k in zip(cands, choose(cands, p, 0.0, 0.5)) if k]
    assert "要应急谋远,标本兼治" not in chosen  # a string of slogans: the rules know it is none
    assert [c["reason"] for c in cands if c["action"] == "要应急谋远,标本兼治"] == ["slogans"]
    low = choose([dict(c, rule=True) for c in cands], [0.0] * len(cands), 0.0, 0.5)
    assert all(low)  # keep 0: what the rules take stays


def test_the_carry_pages_name_their_sources_and_their_blind_part_is_never_trained_on():
    import sys

    rows = [json.loads(x) for x in CARRY.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(rows) >= 10 and sum(bool(d["doc"]["blind"]) for d in rows) >= 4
    reserved_file = ROOT.parent / "shared" / "corpora" / "reserved_sources.txt"
    reserved = {x.strip() for x in reserved_file.read_text(encoding="utf-8").splitlines()
                if x.strip() and not x.startswith("#")} if reserved_file.is_file() else set()
    gold = ROOT / "corpora" / "briefing" / "gold"
    old = {json.loads(x)["doc"]["url"] for f in gold.glob("*.jsonl") if f != CARRY
           for x in f.read_text(encoding="utf-8").splitlines() if x.strip()}
    urls = [d["doc"]["url"] for d in rows]
    assert all(urls) and len(set(urls)) == len(urls) and not set(urls) & (reserved | old)
    for d in rows:
        text = d["doc"]["text"]
        assert all(g["action"] in text for g in d["gold"]["directives"])
        assert all(g["span"] in text for g in d["gold"]["time_expressions"])
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_briefing_model import training_briefings

    ids = {d["doc"]["id"] for d in training_briefings(ROOT.parent / "shared" / "corpora")}
    assert {d["doc"]["id"] for d in rows if not d["doc"]["blind"]} <= ids
    assert not ids & {d["doc"]["id"] for d in rows if d["doc"]["blind"]}


def _features(text: str) -> dict[str, dict]:
    return {text[c["start"]:c["end"]]: c["features"] for c in find_candidates(text, find_time_expressions(text, None))}


def test_a_numbered_measure_opens_with_its_action_with_or_without_a_space_after_the_number():
    for text, head in (("二、主要任务\n1. 强化土壤污染源头控制。加强监管。", "1. 强化土壤污染源头控制"),
                       ("二、主要任务\n1.强化土壤污染源头控制。加强监管。", "1.强化土壤污染源头控制"),
                       ("二、重点任务\n（一）开展“净城”行动\n重点对集镇开展整治。", "（一）开展“净城”行动")):
        f = _features(text)[head]
        assert f.get("enum") and f.get("duty_head") and f.get("enum_duty_head"), (head, f)
    f = _features("一、总体要求\n（二）工作目标\n全市水质稳定向好。")["（二）工作目标"]
    assert f.get("enum") and not f.get("enum_duty_head")  # a heading that names no task


def test_the_judge_reads_whether_a_clause_stands_under_a_plans_goals():
    text = ("一、工作目标\n到2020年，全市土壤环境质量总体保持稳定。2018年底前完成前期工作。\n"
            "二、主要任务\n（一）开展土壤污染调查。2019年底前查明污染面积。")
    f = _features(text)
    assert f["到2020年，全市土壤环境质量总体保持稳定"].get("goal_section")
    assert f["2018年底前完成前期工作"].get("goal_section")
    assert not f["二、主要任务"].get("goal_section") and not f["（一）开展土壤污染调查"].get("goal_section")
    assert not f["2019年底前查明污染面积"].get("goal_section")


def test_the_plan_pages_added_for_measures_without_a_marker_are_in_the_training_part():
    rows = [json.loads(x) for x in CARRY.read_text(encoding="utf-8").splitlines() if x.strip()]
    plans = [d for d in rows if "plan measures without a marker" in (d["doc"]["note"] or "")]
    assert len(plans) >= 8 and not any(d["doc"]["blind"] for d in plans)
    assert len({d["doc"]["url"].split("/")[2] for d in plans}) >= 7  # sites, for folds grouped by site


def test_a_bracketed_note_of_who_answers_for_the_measures_is_never_added_by_the_judge():
    text = ("二、主要任务\n深入开展土壤污染状况调查。认真落实定期调查制度。（责任单位：市环保局、市财政局，各镇街区）\n"
            "推进数据共享。〔牵头单位：省发展改革委按职责分工负责。具体任务均涉及各市人民政府，不再做分工，下同。〕\n"
            "（二）优化市场准入环境。实施改革试点。")
    cands = find_candidates(text, find_time_expressions(text, None))
    notes = [c for c in cands if c["action"].startswith(("（责任单位", "〔牵头单位"))]
    notes += [c for c in cands if c["action"].startswith("具体任务")]  # still inside the note
    assert len(notes) == 3 and all(c["reason"] == "responsibility_note" and not c["rule"] for c in notes)
    assert not any(k for c, k in zip(cands, choose(cands, [0.99] * len(cands), 0.0, 0.5)) if c in notes)
    measure = [c for c in cands if c["action"].startswith("认真落实")]
    assert measure and measure[0]["reason"] == "no_marker"  # the measure itself may still be added
    after = [c for c in cands if c["action"].startswith("实施改革试点")]
    assert after and after[0]["reason"] == "no_marker"  # the note is closed


def test_the_judge_reads_a_plan_by_its_name_and_the_first_clause_under_a_numbered_heading():
    assert _features("2018年行动计划\n加强监管。")["加强监管"].get("doc_plan")
    assert _features("水污染防治攻坚三年作战方案\n加强监管。")["加强监管"].get("doc_plan")
    assert not _features("全市召开调度会。会议要求加强监管。")["加强监管"].get("doc_plan")
    f = _features("二、重点任务\n（一）开展“净城”行动\n重点对集镇开展整治。加强环卫设施建设。\n")
    assert f["重点对集镇开展整治"].get("under_heading")  # the first measure under (一)…
    assert not f["加强环卫设施建设"].get("under_heading")
    assert not f["（一）开展“净城”行动"].get("under_heading")
    g = _features("（一）开展“净城”行动。重点对集镇开展整治。\n加强环卫设施建设。")
    assert not g["加强环卫设施建设"].get("under_heading")  # the line before is a measure, not a heading alone


def test_the_judge_reads_whether_an_official_is_the_subject_before_any_marker():
    f = _features("顾贵鹏县长现场调度，逐项分析。市政府分管副市长多次组织召开调度会。会议要求，各县区要加快整改。")
    assert f["顾贵鹏县长现场调度，逐项分析"].get("official_subject")  # an account of what an official did
    assert f["市政府分管副市长多次组织召开调度会"].get("official_subject")
    assert not f["要加快整改"].get("official_subject")  # 各县区 is its addressee (d40c)
    g = _features("张三市长强调，要加快整改。")  # the official speaks: the order after the speaker has no such subject
    assert g["要加快整改"].get("spoken") and not g["要加快整改"].get("official_subject")


def test_what_a_plan_is_guided_by_is_never_added_by_the_judge():
    text = ("一、总体要求\n（一）指导思想\n全面贯彻党的十九大精神，以新时代中国特色社会主义思想为指导，深入推进污染防治。\n"
            "对照督察反馈意见，以问题为导向，逐一细化整改措施。")
    cands = find_candidates(text, find_time_expressions(text, None))
    guided = [c for c in cands if "为指导" in c["action"]]
    assert guided and all(c["reason"] == "guiding_thought" for c in guided)
    duty = [c for c in cands if "细化整改措施" in c["action"]]
    assert duty and duty[0]["reason"] != "guiding_thought"  # 以问题为导向 is a way of working, under the same heading


def _reasons(text: str) -> dict[str, str | None]:
    return {c["action"]: c["reason"] for c in find_candidates(text, find_time_expressions(text, None))}


def test_a_note_that_what_follows_is_meant_alike_is_no_directive():
    r = _reasons("1.严格环境准入。落实行业准入条件。(市生态环境局牵头，县(市、区)政府负责落实。以下均需县(市、区)政府落实，"
                 "不再列出)\n2.严控新增产能。")
    assert [v for k, v in r.items() if "不再列出" in k] == ["responsibility_note"]
    r = _reasons("各县区要加快整改(市生态环境局牵头)。")  # a bracket that names no note: the order stays
    assert [v for k, v in r.items() if "加快整改" in k] == [None]


def test_a_numbered_section_name_on_its_own_line_is_no_directive_and_a_numbered_task_is_kept():
    r = _reasons("一、总体要求\n(一)总体要求\n全面推进整改。\n(二)主要目标\n水质稳定向好。\n(三)严禁露天焚烧\n1、要加强监管\n")
    assert r["(一)总体要求"] == "heading" and r["(二)主要目标"] == "heading"
    assert r.get("(三)严禁露天焚烧") != "heading" and r.get("1、要加强监管") is None


def test_chemical_oxygen_demand_is_no_marker_of_an_order():
    r = _reasons("到2020年，化学需氧量、氨氮排放量比2015年减少1%。")
    assert all(v is not None for v in r.values()), r


def test_a_numbered_item_that_lists_what_an_inspection_covers_is_contents_and_a_measure_is_not():
    r = _reasons("2.检查企业执行有关环境保护政策规定情况,主要包括:企业是否按规定进行排放污染物申报登记;\n"
                 "3.加强工业企业监管,严格执行排放标准。\n")
    assert [v for k, v in r.items() if k.startswith("2.检查")] == ["contents"]  # never added by the judge
    assert [v for k, v in r.items() if k.startswith("3.加强")] != ["contents"]


def test_what_the_focus_of_the_work_is_is_a_statement_the_judge_never_adds():
    r = _reasons("下阶段的工作重点是信访交办件的办结。督察工作的重点是提高办结率，更早更多更好地整改问题。"
                 "检查重点是否落实到位。")
    assert r["下阶段的工作重点是信访交办件的办结"] == "copula"
    assert r["督察工作的重点是提高办结率，更早更多更好地整改问题"] == "copula"
    assert r.get("检查重点是否落实到位") != "copula"  # 是否 asks, it states no focus


def test_a_plans_guiding_thought_without_yi_wei_zhidao_is_never_added_by_the_judge():
    r = _reasons("一、总体要求\n全面贯彻落实党的十九大精神,按照总体布局,牢固树立创新、协调、绿色的发展理念。"
                 "实施分类别治理,形成土壤污染防治体系,为建设美丽乡村而奋斗。\n二、主要任务\n开展土壤污染状况调查。\n")
    assert {v for k, v in r.items() if "贯彻" in k or "奋斗" in k} == {"guiding_thought"}
    assert r["开展土壤污染状况调查"] == "no_marker"  # a measure: the judge may add it


def test_a_bracketed_note_opened_by_the_body_that_leads_is_a_responsibility_note():
    r = _reasons("落实高耗能行业准入条件。(市生态环境局牵头,市发改委等参与,县区政府负责落实)\n"
                 "用水总量控制在47亿立方米。[市水务局牵头,市工信委配合,各县区政府负责落实]\n")
    assert [v for k, v in r.items() if "牵头" in k] == ["responsibility_note", "responsibility_note"]
    assert r["落实高耗能行业准入条件"] == "no_marker"


def test_an_obligation_whose_sentence_ends_with_yaoqiu_is_a_directive_not_a_speaker():
    r = _reasons("煤矿矿井水达标后回用或排放。排入城市污水管网废水必须达到排放标准要求。\n")
    assert r.get("必须达到排放标准要求", "missing") is None  # 城市…要求 is no speaker who says nothing
    f = find_candidates("会议强调：\n要加快整改。\n", [])
    assert f[-1]["actor"] == "会议"  # a speaker whose words follow on the next line is still one


def test_things_before_jun_ying_belong_to_the_action_and_a_body_stays_the_addressee():
    from petitionnlp.briefing import extract_briefing

    got = extract_briefing("2014年6月底前,除循环流化床锅炉以外的燃煤机组均应安装脱硝设施。", None)["directives"]
    assert [d["action"] for d in got] == ["2014年6月底前,除循环流化床锅炉以外的燃煤机组均应安装脱硝设施"]
    got = extract_briefing("所有企业均要安装在线监测设施。", None)["directives"]
    assert [d["action"] for d in got] == ["要安装在线监测设施"]


def test_a_monthly_report_with_its_day_limit_and_jiang_as_ba_is_a_standing_task():
    text = "确保整改落实到位。每月25日前将包抓领导对整改工作的批示、要求及现场调研情况进行汇总,对整改不到位的将严格问责。"
    r = _reasons(text)
    assert r.get("每月25日前将包抓领导对整改工作的批示、要求及现场调研情况进行汇总", "missing") is None


def test_a_condition_that_ends_in_de_belongs_to_the_order_after_it():
    from petitionnlp.briefing import extract_briefing

    text = "如因主观原因没有完成整改任务的,由局党组追究责任单位和相关责任人的责任,并限期整改。"
    assert [d["action"] for d in extract_briefing(text, None)["directives"]] == [text[:-1]]


def test_documents_and_files_before_the_marker_are_the_topic_of_the_order():
    from petitionnlp.briefing import extract_briefing

    got = extract_briefing("督查事项形成的文件、资料必须齐全。", None)["directives"]
    assert [d["action"] for d in got] == ["督查事项形成的文件、资料必须齐全"]
