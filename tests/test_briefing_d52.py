"""Directives (issue 29 item 3, d52): one rule of a clause led by a deadline, and duty clauses without an order word
proposed as candidates."""


def _actions(text: str, date: str = "2024-05-01") -> list[str]:
    from petitionnlp.briefing import extract_briefing

    return [d["action"] for d in extract_briefing(text, date)["directives"]]


def test_every_deadline_of_the_time_stage_leads_a_clause_as_one_rule():
    """d51's deadline_lead (a regex that wanted a month) and d51b's limit_led_items (a second regex and the time
    stage's deadlines) are one rule now: any deadline the time stage finds — a year's end, a relative year, a quarter —
    leads a second subject's own order after a comma, as 8月7日前 did (briefings_news n10). Fails before d52: the
    year's end, 今年6月底前 and 三季度前 stayed inside the first order."""
    for lead in ("年底前", "今年6月底前", "三季度前"):
        acts = _actions(f"镇长王刚要求，各村要落实专人负责，推进问题整改落实，{lead}金山村要完成河道打捞工作。")
        assert len(acts) == 2 and acts[1] == f"{lead}金山村要完成河道打捞工作", (lead, acts)
    # a deadline and a verb without a marker of its own stay in the order (一项要求的两个时限), as before
    assert len(_actions("市环保局发布通知，要求10月10日前报送整改落实情况，年底前报送行业整治情况。")) == 1
    # the deadline after 于 leads the order it belongs to
    acts = _actions("会议要求，各村要做好整改。于8月6日前，金山村、石门村要向镇政府提交书面检讨。")
    assert acts[-1].startswith("于8月6日前")


def test_the_deadline_lead_is_one_rule_in_the_data():
    from petitionnlp.briefing.directives import default_rules_data

    data = default_rules_data()
    assert "deadline_lead" not in data and "piece" not in data["limit_led_items"]


# ------------------------------------------------------------------ the twelfth news batch (briefings_news12.jsonl)

def _rows(path):
    import json

    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_the_twelfth_news_batch_names_its_sources_and_is_new():
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "tests"))
    from test_briefing_timex_dev import _no_copy_of_another_set, _sourced_new_and_in_order

    path = root / "corpora" / "briefing" / "gold" / "briefings_news12.jsonl"
    docs = _sourced_new_and_in_order(path, "*.jsonl")
    assert len(docs) == 10 and len({d["doc"]["id"] for d in docs}) == len(docs)
    assert len({d["doc"]["url"].split("/")[2] for d in docs}) == len(docs)  # one page a site
    assert not any(d["doc"].get("time_only") for d in docs)
    assert sum(len(d["gold"]["directives"]) for d in docs) >= 50
    _no_copy_of_another_set(path, docs)


def test_the_evaluation_reports_the_twelfth_news_batch_on_its_own_and_not_in_all():
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "benchmarks"))
    from eval_briefings import sets

    path = root / "corpora" / "briefing" / "gold" / "briefings_news12.jsonl"
    named = dict(sets())
    twelfth = [docs for name, docs in named.items() if "twelfth development batch of news" in name]
    assert len(twelfth) == 1 and [d["doc"]["id"] for d in twelfth[0]] == [d["doc"]["id"] for d in _rows(path)]
    urls = {d["doc"]["url"] for d in _rows(path)}
    assert not urls & {d["doc"].get("url") for d in named["all of them"]}


# ------------------------------------------------------------------ duties without an order word proposed (d52, step 3)

def _candidates(text: str, date: str = "2024-05-01") -> list[tuple[str, bool, str | None]]:
    import datetime

    from petitionnlp.briefing.spans import briefing_doc

    doc = briefing_doc(text, datetime.date.fromisoformat(date))
    return [(text[c["start"]:c["end"]], c["rule"], c["reason"]) for c in doc._.directive_candidates]


def _proposed(text: str) -> list[str]:
    return [t for t, rule, _ in _candidates(text) if rule]


def test_an_urgency_word_before_what_is_due_proposes_a_duty():
    """能够整改的问题立即整改到位 / 按期完成整改: urged_limits bound a duty as a deadline does (fails before d52)."""
    assert "能够整改的问题立即整改到位" in _proposed("能够整改的问题立即整改到位；一时改不了的，制定整改方案，人盯人推动。")
    assert "按期完成整改" in _proposed("会议要求各地抓好整改。按期完成整改。")
    # what was done stays a report; a word of urgency far from the clause's head proposes nothing
    assert _proposed("我县高度重视，立即完成了整改。") == []
    assert _proposed("区环保局接到举报后，执法人员立即赶赴现场核查。") == []


def test_a_condition_then_a_duty_head_is_a_duty_and_cannot_is_no_past():
    """一时改不了的，制定整改方案…: a condition ending in 的, then a duty's head (fails before d52: 改不了 read as past)."""
    assert any(t.startswith("一时改不了的") for t in _proposed("能够整改的问题立即整改到位；一时改不了的，制定整改方案，人盯人推动。"))
    assert not any(t.startswith("已经完成的") for t in _proposed("已经完成的，制定了长效机制。"))


def test_a_recurrence_before_a_verb_of_a_periodic_duty_is_a_standing_duty():
    """原则上每月召开领导小组例会…; 每年至少进行一次…监测 (fails before d52: 召开 and 监测 were periodic verbs only)."""
    assert _proposed("原则上每月召开领导小组例会，听取上月工作进展情况。") != []
    assert _proposed("环保重点城市集中式饮用水水源地每年至少进行一次水质全指标监测分析。") != []
    # a team's name before the recurrence, or a verb after its comma, makes no cadence
    assert _proposed("暗访组来到路段，发现未严格落实每2小时洒水降尘的要求。") == []


def test_a_recurrence_alone_after_a_clause_without_a_marker_leads_its_own_duty():
    text = "河西区还专门成立了6个督办组，每个工作小组包保推动责任部门落实整改措施，每天，各小组组长召开联席会，将当天案件督办情况进行汇总。"
    assert [t for t in _proposed(text)] == ["每天，各小组组长召开联席会，将当天案件督办情况进行汇总"]


def test_a_numbered_measure_that_opens_with_a_duty_head_is_a_duty():
    """（一）严格划定饮用水水源保护区; 1.严控“两高”行业产能 (fails before d52: no marker, no duty)."""
    text = "四、加强扬尘治理\n（四）加强对垃圾场、建筑渣土填埋场的扬尘管理\n（五）加强对废品收购站的管理\n"
    assert [t[:3] for t in _proposed(text)] == ["（四）", "（五）"]
    assert _proposed("一、总体要求\n（一）指导思想\n") == []
