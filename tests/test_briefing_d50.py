"""Directives that carry over (issue 29 item 3, d50): a tenth news batch (briefings_news10.jsonl) of pages of sites never
used nor reserved, one page a site, of the kinds the sets hold least (meetings' numbered duties under short headings,
conditional sanctions framed by 对…的, orders parted by semicolons, standing duties without a marker), annotated blind
(directives and time expressions) before the extractor was run on them; the evaluation reports it on its own and leaves
it out of "all of them"."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "briefing" / "gold"
NEWS10 = GOLD / "briefings_news10.jsonl"


sys.path.insert(0, str(ROOT / "tests"))
from test_briefing_d49 import _actions, _rows  # noqa: E402  (the extractor's actions, a gold file's rows)


def test_the_tenth_news_batch_names_its_sources_and_is_new():
    sys.path.insert(0, str(ROOT / "tests"))
    from test_briefing_timex_dev import _no_copy_of_another_set, _sourced_new_and_in_order

    docs = _sourced_new_and_in_order(NEWS10, "*.jsonl")
    assert len(docs) == 11 and len({d["doc"]["id"] for d in docs}) == len(docs)
    assert len({d["doc"]["url"].split("/")[2] for d in docs}) == len(docs)  # one page a site
    assert not any(d["doc"].get("time_only") for d in docs)
    assert sum(len(d["gold"]["directives"]) for d in docs) >= 40
    _no_copy_of_another_set(NEWS10, docs)


def test_the_evaluation_reports_the_tenth_news_batch_on_its_own_and_not_in_all():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from eval_briefings import sets

    named = dict(sets())
    tenth = [docs for name, docs in named.items() if "tenth development batch of news" in name]
    assert len(tenth) == 1 and [d["doc"]["id"] for d in tenth[0]] == [d["doc"]["id"] for d in _rows(NEWS10)]
    urls = {d["doc"]["url"] for d in _rows(NEWS10)}
    assert not urls & {d["doc"].get("url") for d in named["all of them"]}


# ------------------------------------------------------------------ kinds fixed after the batch stood (d50)

def test_the_sentences_after_a_short_numbered_duty_are_its_orders():
    """A speaker's numbered duty that is a short heading closed by a full stop (一是提高认识，认清形势。 二要加强社会监督。)
    is followed by its orders, whatever word opens them (下大功夫…; 以铁腕…打击…; 充分发挥…) — briefings_news10 d01, d05,
    GUIDELINES.md: a numbered measure is one, the measures after it one sentence each."""
    text = ("区长要求,一是提高认识,认清形势。下大功夫尽快扭转落后局面,圆满完成各项目标任务;二是严格执法。"
            "以铁腕精神打击各类环境违法现象。")
    want = ["一是提高认识,认清形势", "下大功夫尽快扭转落后局面,圆满完成各项目标任务", "二是严格执法",
            "以铁腕精神打击各类环境违法现象"]
    assert _actions(text, rules_only=True) == want
    text = ("会议指出,一要加强日常管理。加大综合执法检查。二要加强社会监督。充分发挥举报平台的监督作用,"
            "对违反规定的行为依法进行处罚。")
    assert _actions(text, rules_only=True)[-1] == "充分发挥举报平台的监督作用,对违反规定的行为依法进行处罚"
    # commas keep its pieces together (no cut at 明确), and a sentence of figures or of what was done is none
    assert _actions("会议要求,一要严格准入。完成清单编制工作,明确禁止发展的行业目录。", rules_only=True)[-1] == \
        "完成清单编制工作,明确禁止发展的行业目录"
    assert len(_actions("他强调:一要清醒忧患,迅速行动。本月我县优良天数12天,排全市第2名。", rules_only=True)) == 1
    assert _actions("会议要求,一要压实责任。各单位已制定了整改方案。", rules_only=True) == ["一要压实责任"]


def test_a_sanction_under_a_condition_in_de_is_a_directive_without_a_marker():
    """…的，依法依纪追究责任: a condition that ends in 的, then a sanction (briefings_news9 d09; GUIDELINES.md: a topic
    that ends in 的 before its order belongs to it) — a directive with no marker; a sanction reported done is none."""
    text = "会议要求,各地要加强监管。篡改、伪造环境空气质量监测数据的,依法依纪追究责任。"
    assert _actions(text, rules_only=True)[-1] == "篡改、伪造环境空气质量监测数据的,依法依纪追究责任"
    assert _actions(text)[-1] == "篡改、伪造环境空气质量监测数据的,依法依纪追究责任"
    assert _actions("违规排污的,已依法依规查处。", rules_only=True) == []


def test_a_modal_marker_inside_what_a_task_is_called_is_no_order():
    """…整改是必须扛牢的政治任务, 按期完成任务是必须坚守的底线: a modal marker after 是 with a 的 after it names what the
    task is — a statement (GUIDELINES.md's rhetorical statements; briefings_news10 d02); the order after it stays."""
    text = "会议强调,问题整改是必须扛牢的政治任务。各级各部门要牢固树立“交账”意识。"
    assert _actions(text, rules_only=True) == ["要牢固树立“交账”意识"]
    assert _actions(text) == ["要牢固树立“交账”意识"]
    assert _actions("会议指出,这是一项必须长期坚持的工作。", rules_only=True) == []
    assert _actions("会议要求,各地必须按期完成整改任务。", rules_only=True) == ["必须按期完成整改任务"]
