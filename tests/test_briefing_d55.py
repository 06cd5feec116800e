"""Directives that carry over (issue 29 item 3, d55): a batch of the kinds the hidden set's misses and inventions point
at — meeting, dispatch and summons news, supervision visits, a town's numbered requirements, a 督查 bulletin, numbered
findings and an announcement without directives — and the kinds it shows, as rules of directive_rules.json."""

from conftest import ROOT
from test_briefing_d53 import _actions
from test_briefing_timex_dev import _a_new_news_batch, _reported_on_its_own

CARRY55 = ROOT / "corpora" / "briefing" / "gold" / "briefings_carry55.jsonl"


# ------------------------------------------------------------------ the batch (briefings_carry55.jsonl)

def test_the_carry55_batch_is_sourced_new_and_reported_on_its_own():
    """Ten pages of sites no other file holds, 30 directives or more, no copy of another set; the benchmark reports
    them apart and leaves them out of "all of them"."""
    _a_new_news_batch(CARRY55, range(10, 12), 30)
    _reported_on_its_own(CARRY55, "carry55")


# ------------------------------------------------------------------ kinds of the batch's misses and extras

def test_numbered_findings_after_a_sentence_that_names_what_is_lacking_are_no_orders():
    """(a) a sentence that says what exists and ends in a noun of shortcomings (…但仍然存在一些薄弱环节。) and the
    numbered items after it (一是…滞后。二是…仍需加大。) are findings, 需 included, as after a colon (d49). Fails before
    d55: the three findings were three orders (briefings_carry55 cq06)."""
    assert _actions("这位负责人表示，整改工作取得阶段性成效，但仍然存在一些薄弱环节。\n一是少量整改任务进度有所滞后。"
                    "二是个别地区整改力度仍需加大。三是一些群众举报环境问题出现反弹。") == []
    # numbered orders after such a sentence stay orders
    assert _actions("会议指出，当前还存在一些问题。一要加快整改进度；二要严肃追责问责。") == [
        "一要加快整改进度", "二要严肃追责问责"]


def test_a_surname_that_is_an_order_word_after_a_post_is_a_name():
    """(b) 应 right after a post and before a given name and a verb of attending (副市长应国君参加会议并讲话) is a
    person's name, no order. Fails before d55: the sentence was an order (briefings_carry55 cq04)."""
    assert _actions("会议通报了近期督查情况。副市长应国君参加会议并讲话。") == []
    # a post followed by 应 and a task stays an order
    assert _actions("市长应亲自抓整改落实。") == ["应亲自抓整改落实"]


def test_a_person_with_his_own_yao_after_a_comma_starts_a_new_order():
    """(c) inside an order, a comma piece that names persons (各部门主要领导, …负责人) and their own 要 starts a new
    order, as a body does (d51). Fails before d55: it stayed in the order before it (briefings_carry55 cq03)."""
    assert _actions("会议要求，要建立灵活机制，全面开展拉网式排查整治，各部门主要领导要带头行动起来，确保整治到位。") == [
        "要建立灵活机制，全面开展拉网式排查整治", "要带头行动起来，确保整治到位"]


def test_a_sentence_opening_with_shizhong_goes_on_the_orders():
    """(d) in a paragraph of orders, a sentence without a marker that opens with 始终 (始终坚持…) is an order of its own,
    as one that opens with 进一步 or 坚持. Fails before d55: it was no directive (briefings_carry55 cq03)."""
    assert _actions("王凯军要求，要烘托氛围。始终坚持问题导向，利用广播、标语等手段进行全方位宣传。") == [
        "要烘托氛围", "始终坚持问题导向，利用广播、标语等手段进行全方位宣传"]
    # what was done stays no order
    assert _actions("会议要求，要加强督查。始终坚持问题导向，开展了全方位宣传。") == ["要加强督查"]


def test_a_bodys_commitment_that_ends_in_an_exclamation_mark_is_a_commitment():
    """(e) a clause that a body's own word and 将 open (该镇将…) is its commitment even where it ends in ！; a slogan
    that ends in ！ stays none. Fails before d55: the commitment was read as an exclaimed slogan (briefings_carry55
    cq09)."""
    assert _actions("会议要求，三是要奖惩到位。该镇将对各村企业环保情况进行排名打分，直接与年底考评挂钩，号召全镇树立绿色理念！") == [
        "三是要奖惩到位", "该镇将对各村企业环保情况进行排名打分，直接与年底考评挂钩，号召全镇树立绿色理念"]
    assert _actions("坚决打赢污染防治攻坚战！") == []
