"""Directives that carry over (issue 29 item 3, d41), read on corpora/briefing/gold/briefings_duties.jsonl: a list of
things taken up or disclosed is no list of duties, a rule's article and a long frame before its order, goal
sections under a numbered sub-heading, a statement that ranks a task, a numbered heading on a line of its own —
grammar of official documents as data in directive_rules.json (``content_item_ends``, ``content_colon_words``,
``article_heads``, ``framed_order_piece``, ``goal_sections``, ``copula_subject_max``, ``judge_removable_features``,
``judge_not_addable_features``)."""

import pytest

from petitionnlp.briefing.directives import find_candidates
from petitionnlp.briefing.pages import rejoin
from petitionnlp.briefing.timex import find_time_expressions


def _cands(text):
    return find_candidates(text, find_time_expressions(text, None))


def _clause(text, clause):
    found = [c for c in _cands(text) if text[c["start"]:c["end"]] == clause]
    assert found, [text[c["start"]:c["end"]] for c in _cands(text)]
    return found[0]


def test_a_noun_before_and_after_yaoqiu_is_no_order_word():
    text = "二、登记\n（二）督查内容、任务来源、承办单位、办复要求等内容都要认真登记，字迹工整。"
    c = _clause(text, "（二）督查内容、任务来源、承办单位、办复要求等内容都要认真登记，字迹工整")
    assert c["rule"]


@pytest.mark.parametrize("text, items", [
    ("一、立项\n（一）治超领导小组会议议定的事项；\n（二）群众举报的非法超限超载案件。",
     ["（一）治超领导小组会议议定的事项", "（二）群众举报的非法超限超载案件"]),
    ("第三条 行政机关应当主动公开下列政府信息：\n（一）行政法规、规章和规范性文件；\n（二）办理行政许可的依据、条件、程序以及办理结果；",
     ["（一）行政法规、规章和规范性文件", "（二）办理行政许可的依据、条件、程序以及办理结果"]),
])
def test_the_items_of_a_list_of_things_are_contents_not_duties(text, items):
    for item in items:
        c = _clause(text, item)
        assert not c["rule"] and c["reason"] == "contents"


def test_a_numbered_measure_and_a_yishi_item_stay():
    c = _clause("二、承办\n（一）加强市场体系建设。", "（一）加强市场体系建设")
    assert c["reason"] != "contents"
    assert _clause("会议要求：六是紧盯信访案件。", "六是紧盯信访案件")["rule"]


def test_a_numbered_heading_that_an_action_opens_is_no_report_heading():
    text = "二、重点任务\n（一）深入打好蓝天保卫战，提升环境空气质量\n\n以碳中和为统领，实施协同治理战略。"
    c = _clause(text, "（一）深入打好蓝天保卫战，提升环境空气质量")
    assert not c["features"].get("report_heading") and c["reason"] != "heading"
    report = "王市长指出：\n（一）主要指标完成情况。全年优良天数280天。"
    assert _clause(report, "（一）主要指标完成情况")["features"].get("report_heading")


def test_a_line_that_a_numbered_heading_opens_is_not_joined_to_the_next_unless_a_page_number_follows():
    text = ("一、总体要求\n各地要加强监管。\n各部门要落实责任。\n二、重点任务\n\n（一）深入打好蓝天保卫战，提升环境空气质量\n\n"
            "以碳中和为统领，实施协同治理战略。")
    assert rejoin(text).text == text
    paged = "（一）加强监管，三要进一步紧\n- 3 -\n盯环境保护责任落实。"
    assert "紧盯" in rejoin(paged).text


@pytest.mark.parametrize("text, clause", [
    ("第六条  对群众的评议及意见、建议，各成员单位要认真对待。",
     "第六条  对群众的评议及意见、建议，各成员单位要认真对待"),
    ("第二条 对涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，行政机关应当主动公开。",
     "第二条 对涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，行政机关应当主动公开"),
])
def test_the_frame_of_an_order_belongs_to_it_after_an_article_and_however_long(text, clause):
    assert _clause(text, clause)["rule"]


PLAN = ("一、总体要求\n（一）指导思想。以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大精神。\n"
        "（二）目标指标。经过三年努力，大幅减少主要大气污染物排放总量。\n到2020年，全面完成约束性指标。\n"
        "（三）优化产业布局。推进重点行业污染治理升级改造。\n二、工作目标\n2018年底前完成钢铁企业超低排放改造。")


def test_a_numbered_sub_heading_that_names_goals_opens_a_goal_section():
    for clause in ("经过三年努力，大幅减少主要大气污染物排放总量", "到2020年，全面完成约束性指标"):
        assert _clause(PLAN, clause)["features"].get("goal_section")
    assert not _clause(PLAN, "推进重点行业污染治理升级改造")["features"].get("goal_section")


def test_in_a_goal_section_the_judge_adds_nothing_and_may_remove():
    c = _clause(PLAN, "经过三年努力，大幅减少主要大气污染物排放总量")
    assert not c["rule"] and not c["addable"]
    assert _clause(PLAN, "推进重点行业污染治理升级改造")["addable"]


def test_a_year_the_goals_are_reached_by_is_a_target_a_deadline_before_is_a_duty():
    target = _clause(PLAN, "到2020年，全面完成约束性指标")
    assert not target["features"].get("due") and (target["removable"] if target["rule"] else not target["addable"])
    duty = _clause(PLAN, "2018年底前完成钢铁企业超低排放改造")
    assert duty["rule"] and duty["features"].get("due") and not duty["removable"]


def test_a_statement_that_ranks_a_task_is_no_directive_and_the_order_after_it_is_one():
    text = "蒋胜雄指出，落实中央生态环境保护督察反馈问题整改是一项重要政治任务，要切实增强紧迫感和责任感，进一步解放思想。"
    statement = _clause(text, "落实中央生态环境保护督察反馈问题整改是一项重要政治任务")
    assert not statement["rule"] and statement["reason"] == "copula"
    assert _clause(text, "要切实增强紧迫感和责任感，进一步解放思想")["rule"]
    text = "会议要求，积极做好配合第二轮中央生态环境保护督察工作是一项重要的政治任务，各级各部门要提高政治站位。"
    c = _clause(text, "积极做好配合第二轮中央生态环境保护督察工作是一项重要的政治任务")
    assert not c["rule"] and c["reason"] == "copula"


def test_a_statement_with_a_comma_before_shi_is_never_added():
    text = "杜家毫表示，开展环境保护督察工作，是党中央、国务院关于推进生态文明建设的一项重要制度安排。"
    c = _clause(text, "开展环境保护督察工作，是党中央、国务院关于推进生态文明建设的一项重要制度安排")
    assert not c["rule"] and c["reason"] == "copula"


def test_a_purpose_before_an_order_word_is_no_order():
    text = "连日来，为督促各单位落实反馈问题整改政治责任，区委6个专项督查组分三轮开展督查工作。"
    assert not any(c["rule"] for c in _cands(text))
    order = _clause("为确保整改到位，各地要加强监管。", "要加强监管")
    assert order["rule"] and order["addressee"] == "各地"


def test_a_day_before_qian_is_no_time_word_of_a_report():
    text = "推进重点行业污染治理升级改造，其中窑炉提标改造9月30日前完成。"
    assert not any(c["features"].get("report_time") for c in _cands(text))
    assert all(c["features"].get("report_time") for c in _cands("日前，市生态环境局开展了专项检查。"))


def test_a_row_of_a_task_list_that_names_who_answers_or_by_when_is_no_duty():
    text = "各县区要于6月底前完成整改。\n责任单位：市生态环境局，各县区政府。\n完成时限：2019年12月底前。"
    for row in ("责任单位：市生态环境局，各县区政府", "完成时限：2019年12月底前"):
        c = _clause(text, row)
        assert not c["rule"] and c["reason"] == "responsibility_note"


@pytest.mark.parametrize("text, clause", [
    ("督察组进驻期间设立专门值班电话和专门邮政信箱，受理生态环境保护方面来电来信举报，受理时间为进驻期间每天9:00至17:30。",
     "督察组进驻期间设立专门值班电话和专门邮政信箱，受理生态环境保护方面来电来信举报，受理时间为进驻期间每天9:00至17:30"),
    ("生态环境部将于6月11日启动强化督查，将持续到2019年4月28日结束。", "将持续到2019年4月28日结束"),
])
def test_an_inspections_hotline_start_and_period_are_an_announcement(text, clause):
    c = _clause(text, clause)
    assert not c["rule"] and c["reason"] == "announcement"


def test_an_order_to_set_up_a_hotline_is_no_announcement():
    text = "各县区要设立举报电话，及时受理群众投诉。"
    assert any(c["rule"] for c in _cands(text))


def test_in_a_report_to_a_body_the_numbered_yishi_items_of_a_section_of_what_was_done_are_no_duties():
    text = ("现将整改情况汇报如下：\n一、整改落实情况\n一是及时调整工作分工，成立两个工作小组，对乡镇进行业务督导。"
            "三是创新整改机制。\n二、下一步工作打算\n一是县直单位及乡镇要抓好各领域信息及时公开。")
    for clause in ("一是及时调整工作分工，成立两个工作小组，对乡镇进行业务督导", "三是创新整改机制"):
        c = _clause(text, clause)
        assert not c["rule"] and c["reason"] == "report_item"
    plan = text.replace("现将整改情况汇报如下：\n", "")
    assert _clause(plan, "一是及时调整工作分工，成立两个工作小组，对乡镇进行业务督导")["rule"]


def test_what_is_due_then_a_time_limit_and_a_verb_of_reporting_is_a_duty_of_a_rule():
    text = "三、市政府领导批办件及临时交办事项等有关工作承办落实情况，在区政府督查室规定的期限内上报。"
    c = _clause(text, text[:-1])
    assert c["rule"] and c["features"].get("due")
    text = "三、群众反映的问题较多，在规定的期限内办结率达到95%。"
    assert not any(c["rule"] for c in _cands(text))


def test_a_running_paragraph_that_a_numbered_heading_opens_is_joined_across_a_line_break():
    """Review of session 41: （一）加强工业污染治理。…依法责令|停产整治 is one paragraph wrapped, joined as before; a bare
    heading line ((一)深入打好蓝天保卫战,提升环境空气质量) still ends there."""
    around = "各地要高度重视，认真落实。\n市生态环境局负责牵头。\n各县区按要求报送。\n"  # paragraphs that end with 。
    text = around + "（一）加强工业污染治理。全面排查涉气企业，对不达标的，各县区要依法责令\n停产整治，2018年底前完成。\n" + around
    assert "依法责令停产整治" in rejoin(text).text
    heading = around + "（一）深入打好蓝天保卫战，提升环境空气质量\n各县区要加强对重点企业的监管。\n" + around
    assert "环境空气质量\n各县区" in rejoin(heading).text
