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
