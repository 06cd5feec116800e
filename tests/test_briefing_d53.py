"""Directives that carry over (issue 29 item 3, d53): the thirteenth news batch, and the kinds the blind sets' misses
and inventions point at — duties numbered after 提出, a body's duty among a meeting's orders, commitments with 将 and
no subject of their own, and a meeting's or an inspection's own programme with 将 that is no directive."""

from conftest import ROOT
from test_briefing_timex_dev import _a_new_news_batch, _reported_on_its_own

NEWS13 = ROOT / "corpora" / "briefing" / "gold" / "briefings_news13.jsonl"


# ------------------------------------------------------------------ the thirteenth news batch (briefings_news13.jsonl)

def test_the_thirteenth_news_batch_names_its_sources_and_is_new():
    _a_new_news_batch(NEWS13, range(10, 15), 50)


def test_the_evaluation_reports_the_thirteenth_news_batch_on_its_own_and_not_in_all():
    _reported_on_its_own(NEWS13, "thirteenth development batch of news")


# ------------------------------------------------------------------ the kinds of the blind sets' misses and inventions

def _actions(text: str, date: str = "2024-05-01") -> list[str]:
    from petitionnlp.briefing import extract_briefing

    return [d["action"] for d in extract_briefing(text, date)["directives"]]


def test_a_duty_right_after_tichu_is_an_order_without_an_order_word():
    """(a) 提出 with a comma after a meeting, a body or an official gives orders as 要求 does. Fails before d53: the
    clauses after 提出 without 要/确保 were no directive."""
    assert _actions("会议提出，各乡镇加快推进农村生活垃圾治理，年底前实现全覆盖。") == [
        "各乡镇加快推进农村生活垃圾治理，年底前实现全覆盖"]
    assert _actions("调研组提出，加强饮用水水源地保护，完善长效管护机制。") == ["加强饮用水水源地保护，完善长效管护机制"]
    # the numbered requirements after 提出三点要求 stay one each, as before
    assert _actions("会议提出三点要求：一是压实整改责任；二是加快整改进度；三是严肃追责问责。") == [
        "一是压实整改责任", "二是加快整改进度", "三是严肃追责问责"]


def test_a_bodys_duty_with_qiantou_among_a_meetings_orders():
    """(b) a body that 牵头负责 a task among a meeting's orders has a duty. Fails before d53: only 负责 and its
    adverbs (具体, 统一 …) made a body's duty."""
    acts = _actions("会议要求，要加快推进整改。市住建局牵头负责城区黑臭水体整治，市水利局配合。")
    assert acts == ["要加快推进整改", "市住建局牵头负责城区黑臭水体整治，市水利局配合"]


def test_a_pledge_after_biaoshi_is_a_commitment_and_yaoqiu_before_luodaoshichu_a_noun():
    """(c) 将 right after 表示/承诺 is a pledge of the future, its clause a commitment; 要求 before 落到实处 is a noun.
    Fails before d53: 会上…，表示将深刻反省… was no directive and …要求落到实处 made 落到实处 an order of 市政府."""
    text = "会上通报了考核约谈情况，被约谈的区政府负责人逐一作了表态发言，表示将深刻反省，狠抓整改，坚决把市委、市政府要求落到实处。"
    acts = _actions(text)
    assert len(acts) == 1 and acts[0].startswith("将深刻反省") and acts[0].endswith("落到实处")
    assert _actions("该公司承诺将于6月底前完成整改。") == ["将于6月底前完成整改"]
    # a commitment with 将 and no subject of its own after what was done stays one (as before)
    assert _actions("目前已责令企业停产整改，将于6月底前完成整改。")[-1] == "将于6月底前完成整改"


def test_a_meetings_programme_and_an_inspections_own_feedback_with_jiang_are_no_directives():
    """(d) what a meeting will hear or a leader will say at it, and an inspection team's own feedback, are announced,
    not ordered. Fails before d53: 还将作重要讲话 and 将于近期向区县反馈督察意见 were directives."""
    assert _actions("会议由市长主持，市委书记还将作重要讲话。") == []
    assert _actions("市委书记张华将出席会议并讲话。") == []
    assert _actions("会议将传达学习全国生态环境保护大会精神，并听取各县区汇报。") == []
    assert _actions("督察组将于近期向区县反馈督察意见。") == []
    # a body that reports to the team, and a body's own next step, stay commitments
    assert _actions("各县区将于月底前向督察组反馈整改进展。") == ["将于月底前向督察组反馈整改进展"]
    assert _actions("下一步，区生态环境局将持续跟踪督促，确保整改到位。") == ["将持续跟踪督促，确保整改到位"]


def test_jiang_before_a_measures_verb_is_a_commitment_without_a_subject_of_its_own():
    """(c) 将 before a measure's verb that never opens the object of a 把-将 (建立, 做好, 加强…) is of the future, after a
    comma or an adverb. Fails before d53: …，将建立“黑名单”制度 and 分局也将做好服务 were no directive."""
    acts = _actions("在“三车”整治工作中，将建立“黑名单”制度，与招投标资格挂钩。")
    assert len(acts) == 1 and "将建立“黑名单”制度" in acts[0]
    acts = _actions("分局也将做好服务，积极向上对接。")
    assert len(acts) == 1 and "将做好服务" in acts[0]


def test_a_bodys_own_order_after_a_slogan_is_its_own():
    """(b) after an order that is a slogan (要坚持问题导向，…), a body that opens the next comma piece with its own 要
    gives its own order. Fails before d53: 要坚持问题导向，各县市区要对照清单逐项销号 was one order."""
    from petitionnlp.briefing import extract_briefing

    found = extract_briefing("会议强调，要坚持问题导向，各县市区要对照清单逐项销号，市生态环境局要加强督导。",
                             "2024-05-01")["directives"]
    assert [(d["addressee"], d["action"]) for d in found][:2] == [(None, "要坚持问题导向"), ("各县市区", "要对照清单逐项销号")]
    assert found[-1]["action"] == "要加强督导"
    # a slogan that leads into the words of its own order stays one (as before)
    assert _actions("会议要求，要掌握信息，提前预警，妥善处置。") == _actions("会议要求，要掌握信息，提前预警，妥善处置。")[:1]
