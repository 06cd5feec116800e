"""Directives that carry over (issue 29 item 3, d51b): a development batch of plans' task lists, 督办 notices and
bulletins (briefings_plan11.jsonl) of pages of sites never used nor reserved, one page a site, of the kinds the issue
says the annotated set lacks (整改方案 with task rows, 督办 demands, 交办 look-backs), annotated blind (directives and
time expressions) before the extractor was run on them; the evaluation reports it on its own and leaves it out of
"all of them"."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "briefing" / "gold"
PLAN11 = GOLD / "briefings_plan11.jsonl"


def _rows(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_the_plan11_batch_names_its_sources_and_is_new():
    sys.path.insert(0, str(ROOT / "tests"))
    from test_briefing_timex_dev import _no_copy_of_another_set, _sourced_new_and_in_order

    docs = _sourced_new_and_in_order(PLAN11, "*.jsonl")
    assert len(docs) == 12 and len({d["doc"]["id"] for d in docs}) == len(docs)
    assert len({d["doc"]["url"].split("/")[2] for d in docs}) == len(docs)  # one page a site
    assert not any(d["doc"].get("time_only") for d in docs)
    assert sum(len(d["gold"]["directives"]) for d in docs) >= 60
    _no_copy_of_another_set(PLAN11, docs)


def test_the_evaluation_reports_the_plan11_batch_on_its_own_and_not_in_all():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from eval_briefings import sets

    named = dict(sets())
    batch = [docs for name, docs in named.items() if name.startswith("plan11")]
    assert len(batch) == 1 and [d["doc"]["id"] for d in batch[0]] == [d["doc"]["id"] for d in _rows(PLAN11)]
    urls = {d["doc"]["url"] for d in _rows(PLAN11)}
    assert not urls & {d["doc"].get("url") for d in named["all of them"]}


# ------------------------------------------------------------ kinds fixed after the batch stood (d51b)

def _actions(text: str, rules_only: bool = False) -> list[str]:
    """The actions the extractor gives (the rules and the learned judge), or the rules' alone."""
    from petitionnlp.briefing import extract_briefing
    from petitionnlp.briefing.directives import find_directives
    from petitionnlp.briefing.timex import find_time_expressions

    if rules_only:
        return [d["action"] for d in find_directives(text, find_time_expressions(text, None))]
    return [d["action"] for d in extract_briefing(text, date="2019-06-01")["directives"]]


def test_a_task_named_by_a_noun_phrase_before_who_answers_for_it_is_a_duty():
    """A task list's row whose measure is a noun phrase (…设施建设, …清理整治) followed by who answers for it and by
    when (责任单位：…, 完成时限：…) names a task: one directive, the note none (GUIDELINES.md, d51b)."""
    text = ("一、整改任务\n1.农村生活污水治理设施建设。\n责任单位：县住建局\n完成时限：2020年12月底前\n"
            "2.城区黑臭水体整治。（责任单位：县住建局；完成时限：长期坚持）\n")
    for rules_only in (True, False):
        assert _actions(text, rules_only) == ["1.农村生活污水治理设施建设", "2.城区黑臭水体整治"]
    # a numbered heading of what was found, followed by who answers for it in a report, stays none
    assert _actions("1、10月9日督查发现，门前垃圾清理不及时，问题已整改。\n责任主体：某幼儿园\n", True) == []


def test_a_numbered_measure_led_by_its_dated_deadline_is_a_duty_whatever_its_verb():
    """A numbered measure that opens with its deadline (1.2018年10月底前，完成…; （二）2018年10月底前，全部拆除) is one
    directive whatever its verb; the number before a year is an enumerator, not a decimal."""
    text = ("三、整改措施\n1.2018年10月底前，完成保护区内与取水无关的清单台账。\n"
            "2.2018年11月底前，集中力量铲除与取水无关的种植植物、清运建筑设施。\n"
            "（三）2018年12月底前，全部拆除违法建筑。\n")
    assert _actions(text, True) == ["1.2018年10月底前，完成保护区内与取水无关的清单台账",
                                    "2.2018年11月底前，集中力量铲除与取水无关的种植植物、清运建筑设施",
                                    "（三）2018年12月底前，全部拆除违法建筑"]
    assert _actions("截至目前，1.2万亩已完成整治。", True) == []


def test_a_rectification_target_under_its_label_is_no_directive():
    """What a rectification task's 整改目标 says — under a heading 二、整改目标 or after the label 整改目标： — is its
    target, none even when a deadline leads it (GUIDELINES.md: a row reads as its label says); the measures after
    三、整改措施 are duties."""
    text = ("二、整改目标\n2018年底前，大安市完成保护区内与取水无关的设施清理。\n"
            "三、整改措施\n2018年9月底前，完成排查。\n")
    for rules_only in (True, False):
        assert _actions(text, rules_only) == ["2018年9月底前，完成排查"]


def test_a_cell_in_square_brackets_reads_as_its_label_says():
    """An exposure's or a hand-over's cells labelled in 【】: a limit cell that holds a duty led by its deadline
    (【整改期时限】3月16日前整改完毕) and a requirement cell (【整改要求】…) are directives, their action after the label
    (the 要求 of 整改要求 is no marker); a cell of what was found (【存在问题】…) is none."""
    text = ("【存在问题】工地未严格落实渣土覆盖要求，裸露场地未覆盖。\n【整改期时限】3月16日前整改完毕\n"
            "【整改要求】工地严格落实渣土堆放百分百覆盖要求，及时采用防尘网苫盖完全。\n"
            "请三山区开展现场调查，并将处理情况在群里报告。")
    found = _actions(text, True)
    assert found[:2] == ["3月16日前整改完毕", "工地严格落实渣土堆放百分百覆盖要求，及时采用防尘网苫盖完全"]
    assert len(found) == 3 and found[2].endswith("开展现场调查，并将处理情况在群里报告")



def test_a_deadline_that_leads_an_order_or_a_duty_belongs_to_it():
    """A deadline that opens an order before its addressee and marker (8月6日前，…村要…) belongs to the order's
    action, as the topic before a marker does; a sentence its deadline leads (2021年6月底前，全面淘汰…) is a duty
    whatever its verb, except in a plan's section of goals, where it sets a target (GUIDELINES.md)."""
    assert _actions("5月20日前，各乡镇要将整改情况书面报县督查室。", True) == ["5月20日前，各乡镇要将整改情况书面报县督查室"]
    assert _actions("2021年6月底前，全面淘汰城区燃煤小锅炉。", True) == ["2021年6月底前，全面淘汰城区燃煤小锅炉"]
    assert _actions("一、工作目标\n2020年底前，全县空气优良天数比例达到80%以上。\n", True) == []


def test_numbered_items_under_a_label_of_measures_are_duties():
    """Numbered items on lines of their own under a heading or label of measures or plans (二、具体整改措施：;
    整改措施：1、…; 三、下一步工作打算) are duties whatever their first verb; items under a heading of what was found
    (一、存在的主要问题：) and measures reported with their effect (整改措施及成效 | 措施：1、…) are not."""
    text = ("一、存在的主要问题：\n1、政策解读方面，解读形式单一。\n二、具体整改措施：\n1、上传文本附件，完善下载功能。\n"
            "2、政策解读形式多样，增加文字解读。\n三、下一步工作打算\n1、持续加强业务学习。\n")
    assert _actions(text, True) == ["1、上传文本附件，完善下载功能", "2、政策解读形式多样，增加文字解读",
                                    "1、持续加强业务学习"]
    assert _actions("整改措施及成效 | 措施：1、按照方案的要求，落实部门职责，完成目标任务。成效：浓度同比下降。", True) == []
