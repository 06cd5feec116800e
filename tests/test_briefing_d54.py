"""Directives that carry over (issue 29 item 3, d54): the fourteenth news batch — news of meetings that deploy
rectification and of leaders' supervision visits, of the provinces and years the sets hold least."""

from conftest import ROOT
from test_briefing_d53 import _actions
from test_briefing_timex_dev import _a_new_news_batch, _reported_on_its_own

NEWS14 = ROOT / "corpora" / "briefing" / "gold" / "briefings_news14.jsonl"


# ------------------------------------------------------------------ the fourteenth news batch (briefings_news14.jsonl)

def test_the_fourteenth_news_batch_names_its_sources_and_is_new():
    _a_new_news_batch(NEWS14, range(10, 13), 60)


def test_the_evaluation_reports_the_fourteenth_news_batch_on_its_own_and_not_in_all():
    _reported_on_its_own(NEWS14, "fourteenth development batch of news")


# ------------------------------------------------------------------ kinds of the development sets' misses and extras

def test_an_order_that_opens_with_what_it_follows_goes_on_into_its_next_piece():
    """(a) an order whose first piece names only what it follows (要深入贯彻…思想; 要坚决按照…要求) is not cut before the
    action head after it (认真落实…, 积极做好…). Fails before d54: the study formula was an order of its own and the
    rest another (briefings_news14 nx02, briefings_news12 w10, briefings_carry c01 annotate one)."""
    assert _actions("陈吉宁强调，要深入贯彻习近平生态文明思想，认真落实党中央关于打好污染防治攻坚战的决策部署，"
                    "把督察整改作为一项重大政治任务来抓。") == [
        "要深入贯彻习近平生态文明思想，认真落实党中央关于打好污染防治攻坚战的决策部署，把督察整改作为一项重大政治任务来抓"]
    assert _actions("会议要求，要坚决按照督察工作要求，积极做好资料提供、举报受理、信息报送等配合工作。") == [
        "要坚决按照督察工作要求，积极做好资料提供、举报受理、信息报送等配合工作"]
    # an order whose first piece is a task of its own is still cut at a long action head, as before
    assert _actions("会议要求，要压实各级整改责任，认真开展突出环境问题排查整治工作。") == [
        "要压实各级整改责任", "认真开展突出环境问题排查整治工作"]


def test_a_statement_of_what_a_thing_is_right_after_yaoqiu_is_no_order():
    """(b) a clause right after a speaker's 要求/强调 that says what a thing is (…是…的一项重大改革举措和重大制度安排;
    各乡镇是整改工作的责任主体) is a statement, no order, as the same words after 指出 are. Fails before d54: the
    statement was the meeting's first order (briefings_news14 nx01)."""
    assert _actions("会议要求，中央生态环境保护督察是党中央为加强生态环境保护而采取的一项重大改革举措和重大制度安排。"
                    "要按照中央决策部署，坚决完成好中央环保督察各项工作任务。") == [
        "要按照中央决策部署，坚决完成好中央环保督察各项工作任务"]
    assert _actions("会议要求，各乡镇是整改工作的责任主体，要落实属地责任，按期完成整改。") == [
        "要落实属地责任，按期完成整改"]
    # an order after 要求 that is no statement stays an order
    assert _actions("会议要求，各乡镇加快推进农村生活垃圾治理。") == ["各乡镇加快推进农村生活垃圾治理"]
