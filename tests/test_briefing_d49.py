"""Directives that carry over (issue 29 item 3, d49): a ninth news batch (briefings_news9.jsonl) of pages of sites never
used nor reserved, one page a site, of the kinds the unseen briefings miss (orders without a marker word after a short
order or under a plan's headings, numbered tasks, duties led by deadlines, a ministry's own measures) and invent
(slogans with a verb, a programme's theme), annotated blind (directives and time expressions) before the extractor was
run on them; the evaluation reports it on its own and leaves it out of "all of them"."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "briefing" / "gold"
NEWS9 = GOLD / "briefings_news9.jsonl"


def _rows(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_the_ninth_news_batch_names_its_sources_and_is_new():
    sys.path.insert(0, str(ROOT / "tests"))
    from test_briefing_timex_dev import _no_copy_of_another_set, _sourced_new_and_in_order

    docs = _sourced_new_and_in_order(NEWS9, "*.jsonl")
    assert len(docs) == 13 and len({d["doc"]["id"] for d in docs}) == len(docs)
    assert len({d["doc"]["url"].split("/")[2] for d in docs}) == len(docs)  # one page a site
    assert not any(d["doc"].get("time_only") for d in docs)
    assert sum(len(d["gold"]["directives"]) for d in docs) >= 40
    _no_copy_of_another_set(NEWS9, docs)


def test_the_evaluation_reports_the_ninth_news_batch_on_its_own_and_not_in_all():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from eval_briefings import sets

    named = dict(sets())
    ninth = [docs for name, docs in named.items() if "ninth development batch of news" in name]
    assert len(ninth) == 1 and [d["doc"]["id"] for d in ninth[0]] == [d["doc"]["id"] for d in _rows(NEWS9)]
    urls = {d["doc"]["url"] for d in _rows(NEWS9)}
    assert not urls & {d["doc"].get("url") for d in named["all of them"]}


# ------------------------------------------------------------------ kinds fixed after the batch stood (d49)

def _actions(text: str, rules_only: bool = False) -> list[str]:
    """The actions the extractor gives (the rules and the learned judge), or the rules' alone."""
    from petitionnlp.briefing import extract_briefing
    from petitionnlp.briefing.directives import find_directives
    from petitionnlp.briefing.timex import find_time_expressions

    if rules_only:
        return [d["action"] for d in find_directives(text, find_time_expressions(text, None))]
    return [d["action"] for d in extract_briefing(text, date="2022-05-01")["directives"]]


def test_a_verb_that_holds_qing_is_no_request():
    """请 inside 邀请, 申请, 聘请, 宴请 or 提请 is part of another verb (an invitation, an application), no request to
    the reader: a TV hearing that invited five heads, a rule that invites deputies to a check (briefings_news9 d12,
    briefings_carry c03 — both annotated as none)."""
    for text in ("市行评办邀请了市环保局等5家单位的“一把手”现场回答群众问题，接受群众评议。",
                 "根据实际需要，邀请党代会代表、人大代表、政协委员参加督查。",
                 "该公司已申请延期验收，目前正在补充材料。"):
        assert _actions(text, rules_only=True) == [], text
        assert _actions(text) == [], text
    # a request stays one
    assert _actions("请各乡镇于6月底前报送整改情况。", rules_only=True)
    assert _actions("请各有关单位研究提出意见，并于2021年9月22日前反馈我部。")


def test_a_marker_inside_the_name_of_a_document_handed_over_is_no_order():
    """责令 or 限期 inside the name of an enforcement document (责令整改通知书, 责令改正违法行为决定书, 限期整改通知书)
    names the document a check handed over — a report, no order (every such name in the gold sets is annotated none)."""
    for text in ("对20家单位下达了责令整改通知书，立案处罚4家，关停取缔8家。",
                 "执法人员对该企业下达责令改正违法行为决定书，并立案调查。",
                 "检查组当场下达限期整改通知书3份。",
                 "县环保局向该厂发出责令停产整治决定书。"):
        assert _actions(text, rules_only=True) == [], text
        assert _actions(text) == [], text
    # the order a news item retells beside the document stays, and so does an order with its limit after 收到
    assert _actions("执法人员当场下达整改通知，责令企业立即停产整改。", rules_only=True) == [
        "执法人员当场下达整改通知，责令企业立即停产整改"]
    assert _actions("责令企业在收到通知书后10日内完成整改。", rules_only=True)


def test_yaoqiu_before_its_predicate_is_the_noun_requirement():
    """要求 before an adverb of all or still or a judgement of strictness (要求均…, 要求不严格, 要求具体到位) is the noun,
    the subject of a finding or a headline's summary — no order (briefings_news7 h08, briefings_news9 d04 and d12)."""
    for text in ("全市空气质量明显下滑，与党中央、国务院和自治区党委、政府要求均存在较大差距。",
                 "反映问题逐一对接，整改要求具体到位。",
                 "工作中要求不严格，工作不达标。"):
        assert _actions(text, rules_only=True) == [], text
        assert _actions(text) == [], text
    assert _actions("会议要求各地加快整改进度。", rules_only=True) == ["各地加快整改进度"]


def test_a_list_of_what_was_found_lacking_holds_no_directive():
    """Enumerated items after a colon that closes a piece naming problems or shortcomings (还存在以下问题：一是…；二是…)
    are findings of a meeting or a check, no orders (briefings_news9 d04); the order after the list stays, and so do a
    speaker's numbered orders (会议要求：一是…) and a list an order takes as its object."""
    for text in ("张乾山指出，工作中还存在一些不足亟需解决完善：一是群众没能够充分发动；二是工作中要求不严格，工作不达标；"
                 "三是长效机制还没有真正建立起来。",
                 "张乾山指出，成绩明显。但同时，工作中还存在一些不足亟需解决完善：一是群众没能够充分发动；二是工作不达标。",
                 "会议指出，当前存在的主要问题：一是部分企业环保设施运行不正常；二是部分乡镇监管不到位。"):
        assert _actions(text, rules_only=True) == [], text
        assert _actions(text) == [], text
    text = "督察组指出，该县还存在以下问题：一是思想认识不到位；二是整改推进缓慢。三是长效机制不健全。要求该县立即整改。"
    assert _actions(text, rules_only=True) == ["要求该县立即整改"]
    assert _actions("会议要求：一是加强组织领导；二是强化督查问责；三是建立长效机制。", rules_only=True) == [
        "一是加强组织领导", "二是强化督查问责", "三是建立长效机制"]


def test_the_findings_list_reads_a_long_text_once():
    """Many problem lists in one text are read in one pass (no quadratic reading; the time is the benchmark's)."""
    from petitionnlp.briefing.directives import find_directives

    text = "存在问题：一是裸土未覆盖；" * 2000
    assert find_directives(text, []) == []


def test_a_length_of_hours_and_minutes_is_one_expression():
    """节目时间长2小时45分钟 is one length, PT2H45M (briefings_news9 d12: 2小时 and 45分钟 were two, the second PT45M)."""
    from petitionnlp.briefing.timex import find_time_expressions

    def found(text):
        return [(t["text"], t["type"], t["value"]) for t in find_time_expressions(text, "2020-01-01")]

    assert found("节目时间长2小时45分钟，期间热线电话不断。") == [("2小时45分钟", "duration", "PT2H45M")]
    assert found("历时1小时零5分完成。") == [("1小时零5分", "duration", "PT1H5M")]
    assert found("用时两小时三十分钟。") == [("两小时三十分钟", "duration", "PT2H30M")]
    assert found("持续2小时。") == [("2小时", "duration", "PT2H")]


def test_the_turn_of_the_year_is_a_season_no_time():
    """岁末年初 names the season a campaign is held in (关于加强岁末年初安全生产工作的要求), as 秋冬季 does: no time
    expression (its 年初 was a date; briefings_news9 d05); 年初 alone stays a date without a value."""
    from petitionnlp.briefing.timex import find_time_expressions

    def found(text):
        return [(t["text"], t["type"], t["value"]) for t in find_time_expressions(text, "2020-12-30")]

    assert found("根据市安委会办公室关于加强岁末年初安全生产工作的要求。") == []
    assert found("關於加強歲末年初安全生產工作。") == []
    assert found("年初，全市召开会议。") == [("年初", "date", None)]


def test_a_list_of_problems_and_the_measures_for_them_stays_a_list_of_measures():
    """A lead that names the problems and what is to be done about them (存在的问题及整改措施：; 问题的整改要求：;
    发现的问题及下一步打算：) opens a list of measures, as before the findings rule."""
    for text in ("针对存在的问题及整改措施：一是加强组织领导；二是建立长效机制。",
                 "检查中发现的问题及下一步打算：一是加强巡查；二是严格执法。"):
        assert len(_actions(text, rules_only=True)) == 2, text
    assert "一是立即整改" in _actions("针对督察反馈问题的整改要求：一是立即整改；二是举一反三。", rules_only=True)
