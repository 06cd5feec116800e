"""Directives that carry over (issue 29 item 3, d42), read on corpora/briefing/gold/briefings_notices.jsonl and the
development sets: a body's duty after 负责 without 由 (``body_duty``), an enumerated item that repeats its marker stays
whole (``item_keeps_markers``), an adverb before a marker after a comma starts a new order
(``cut_marker_adverbs``) — grammar of official documents as data in directive_rules.json."""

import pytest

from petitionnlp.briefing.directives import find_candidates
from petitionnlp.briefing.timex import find_time_expressions


def _rules(text):
    """The clauses the rules take for directives, with their addressees."""
    return [(text[c["start"]:c["end"]], c["addressee"])
            for c in find_candidates(text, find_time_expressions(text, None)) if c["rule"]]


@pytest.mark.parametrize("text, clause, who", [
    ("会议明确了分工。市住建局负责城市黑臭水体整治。", "市住建局负责城市黑臭水体整治", "市住建局"),
    ("区财政局具体负责村庄环境整治专项经费的落实，监督资金的使用情况。",
     "区财政局具体负责村庄环境整治专项经费的落实，监督资金的使用情况", "区财政局"),
    ("县生态环境局负责组织开展全县突出环境问题排查整治。", "县生态环境局负责组织开展全县突出环境问题排查整治", "县生态环境局"),
])
def test_a_body_then_fuze_and_a_verb_is_a_duty_of_that_body(text, clause, who):
    assert (clause, who) in _rules(text)


@pytest.mark.parametrize("text", [
    "会上，县生态环境局负责人通报了当前全县水污染防治工作中存在的突出问题。",
    "县环保局负责同志介绍了整改情况。",
    "市环保局负责组织了三次专项检查。",
])
def test_a_person_in_charge_or_what_was_done_is_no_duty(text):
    assert _rules(text) == []


def test_an_enumerated_item_that_repeats_its_marker_stays_whole():
    text = ("王苏龙要求：一是要提高政治敏感性，要以习近平生态文明思想为统领，加强政治敏感性，加大环境问题整改力度。"
            "二是各职能部门和乡镇人民政府对照督办事项清单，要明确专班专人负责，采取得力措施。")
    assert [c for c, _ in _rules(text)] == [
        "一是要提高政治敏感性，要以习近平生态文明思想为统领，加强政治敏感性，加大环境问题整改力度",
        "二是各职能部门和乡镇人民政府对照督办事项清单，要明确专班专人负责，采取得力措施"]


def test_inside_an_item_an_object_phrase_with_its_own_marker_is_a_new_order():
    text = "二要进一步加大督察督办力度，保持尺度不松，对环境信访交办件和突出环境问题，要认真办结和整改到位。"
    assert "对环境信访交办件和突出环境问题，要认真办结和整改到位" in [c for c, _ in _rules(text)]


def test_an_adverb_before_the_marker_after_a_comma_starts_a_new_order_and_so_does_the_half_of_jiyao_youyao():
    text = "书记批示，要求更要解决今后工作中的不规范，还要防止再发问题，不能年年审年年有。"
    assert any(c.startswith("要防止再发问题") or c.startswith("还要防止再发问题") for c, _ in _rules(text))
    # d45: 既要…，又要… are two orders, as the later sets annotate them (one page of the reports keeps it as one)
    text = "刘丰雷强调，要严格整改责任单位的整改主体责任，既要协作配合，又要各司其职，实事求是，严格履责。"
    assert any(c.startswith(("要各司其职", "又要各司其职")) for c, _ in _rules(text))


def test_under_a_heading_of_tasks_a_guide_phrase_leads_a_measure_elsewhere_it_is_a_guiding_thought():
    task = ("建湖县2021年工作方案\n一、工作目标\n环境空气质量持续改善。\n二、重点任务\n（一）深入打好蓝天保卫战\n"
            "以碳中和、碳达峰为统领，以源头治理为根本策略，实施协同治理臭氧和PM2.5污染，持续改善空气质量。")
    assert any(c.startswith("以碳中和、碳达峰为统领") for c, _ in _rules(task))
    guide = ("建湖县2021年工作方案\n一、指导思想\n"
             "以碳中和、碳达峰为统领，以源头治理为根本策略，实施协同治理臭氧和PM2.5污染，持续改善空气质量。")
    assert not any(c.startswith("以碳中和") for c, _ in _rules(guide))


def test_four_or_more_short_actions_under_one_marker_are_an_order_two_are_slogans():
    text = "曹拥军强调，要严格考核。要进一步改进作风，加强沟通，相互配合，通力协作，合力整改。"
    assert "要进一步改进作风，加强沟通，相互配合，通力协作，合力整改" in [c for c, _ in _rules(text)]
    text = "曹拥军强调，要严格考核。要应急谋远，标本兼治。"
    assert not any(c.startswith("要应急谋远") for c, _ in _rules(text))


def test_a_subject_in_its_role_before_a_marker_starts_a_new_order():
    text = "王超强调，要全面落实生态环境保护领导责任制，主要负责人作为第一责任人，要亲自研究部署，督促落实。"
    found = [c for c, _ in _rules(text)]
    assert "要全面落实生态环境保护领导责任制" in found
    assert any(c.startswith("主要负责人作为第一责任人，要亲自研究部署") for c in found)


@pytest.mark.parametrize("text, clause", [
    ("据介绍，此次督查由市政府督查室组织协调并实施，督查工作结束后，督查室负责第一时间对各部门整改落实情况进行督查通报。",
     "督查室负责第一时间对各部门整改落实情况进行督查通报"),
    ("领导小组办公室设在局办公室，负责统筹、推动、督办相关工作落实，承担领导小组日常工作。",
     "负责统筹、推动、督办相关工作落实，承担领导小组日常工作"),
])
def test_a_bodys_duty_after_a_comma_is_a_directive_of_its_own(text, clause):
    assert clause in [c for c, _ in _rules(text)]


def test_a_duty_after_fuze_under_its_own_marker_stays_with_the_order():
    text = "区委农办要结合全区“三新”建设任务，负责指导督查新社区按康居示范村标准建设新社区。"
    assert [c for c, _ in _rules(text)] == ["要结合全区“三新”建设任务，负责指导督查新社区按康居示范村标准建设新社区"]


def test_the_years_of_effort_a_plan_names_lead_a_target_the_judge_never_adds():
    text = "一、主要思路\n强化主体责任。通过一年努力，河长制体系全面建立，高效运转的工作机制基本形成。"
    cands = find_candidates(text, find_time_expressions(text, None))
    target = [c for c in cands if text[c["start"]:c["end"]].startswith("通过一年努力")]
    assert target and not target[0]["rule"] and not target[0]["addable"]
