"""Directives that carry over (issue 29 item 3, d52b): a development batch of bulletins, notices and reports of issuers
the sets lack (briefings_bulletins12.jsonl) — a county government office's 督办 notice, river-chief offices' rules,
reporting duties, meetings, checks and a campaign, 边督边改 progress reports, an entry announcement, a public notice of a
problem rectified, reports of what was done — pages of sites never used nor reserved, one page a site, annotated blind
(directives and time expressions) before the extractor was run on them; the evaluation reports it on its own and
leaves it out of "all of them"."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "briefing" / "gold"
BULLETINS12 = GOLD / "briefings_bulletins12.jsonl"


def _rows(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_the_bulletins12_batch_names_its_sources_and_is_new():
    sys.path.insert(0, str(ROOT / "tests"))
    from test_briefing_timex_dev import _no_copy_of_another_set, _sourced_new_and_in_order

    docs = _sourced_new_and_in_order(BULLETINS12, "*.jsonl")
    assert len(docs) == 15 and len({d["doc"]["id"] for d in docs}) == len(docs)
    assert len({d["doc"]["url"].split("/")[2] for d in docs}) == len(docs)  # one page a site
    assert not any(d["doc"].get("time_only") for d in docs)
    assert sum(len(d["gold"]["directives"]) for d in docs) >= 30
    _no_copy_of_another_set(BULLETINS12, docs)


def test_the_evaluation_reports_the_bulletins12_batch_on_its_own_and_not_in_all():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from eval_briefings import sets

    named = dict(sets())
    batch = [docs for name, docs in named.items() if name.startswith("bulletins12")]
    assert len(batch) == 1 and [d["doc"]["id"] for d in batch[0]] == [d["doc"]["id"] for d in _rows(BULLETINS12)]
    urls = {d["doc"]["url"] for d in _rows(BULLETINS12)}
    assert not urls & {d["doc"].get("url") for d in named["all of them"]}


# ------------------------------------------------------------ kinds of false directives removed (d52b)

def _actions(text: str, rules_only: bool = False) -> list[str]:
    """The actions the extractor gives (the rules and the learned judge), or the rules' alone (d51b's helper)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_briefing_d51b import _actions as actions

    return actions(text, rules_only)


def _both(text: str) -> list[list[str]]:
    return [_actions(text, True), _actions(text)]


def test_figures_of_what_was_done_are_no_directive():
    """A clause whose comma pieces end in counts of what was done (约谈30余人，处罚企业120余家; 其中，责令整改9家，…)
    reports figures, no directive, whatever marker word (督促, 责令) opens it; a count inside an order, or one a
    deadline bounds, stays (GUIDELINES.md, d52b)."""
    assert _both("督察进驻期间，各督察组督促6个县区立行立改，办理群众举报问题410余个，约谈30余人，处罚企业120余家。") == [[], []]
    assert _both("截至目前，已办结40件。其中，责令整改9家，立案处罚3家，问责4人。") == [[], []]
    assert len(_actions("各县区要确保完成整改任务32项。", True)) == 1
    assert len(_actions("各县区要在9月底前完成燃煤锅炉改造30台，淘汰黄标车200辆。", True)) == 1


def test_a_string_of_political_attitudes_is_a_slogan():
    """An order whose every piece names a political attitude (树牢“四个意识”，坚定“四个自信”，做到“两个维护”;
    增强责任感和使命感) names no task: slogans, none; a piece with a task keeps it an order, and an order of the other
    attitudes alone (提高政治站位，把思想和行动统一到…上来) stays as the gold files annotate it (d52b)."""
    assert _both("会议要求，各级各部门要树牢“四个意识”，坚定“四个自信”，坚决做到“两个维护”。") == [[], []]
    assert _actions("他强调，要统一思想，不断增强做好生态环境保护工作的责任感和使命感。", True) == []
    assert len(_actions("要增强责任感和使命感，全力做好迎接省督察组进驻的各项准备工作。", True)) == 1
    assert len(_actions("会议要求，各乡镇要提高政治站位，切实把思想和行动统一到县委的部署上来。", True)) == 1


def test_what_the_work_achieved_is_an_assessment():
    """A clause that ends in what the work achieved (…，扎实推进河长制工作，取得一定成效) with no word of obligation or
    aim is an assessment, none; an order to achieve it (…，确保取得明显成效) stays (GUIDELINES.md, d52b)."""
    assert _both("会议指出，各村积极履职尽责，各部门切实发挥协调作用，扎实推进河道保洁工作，取得明显成效。") == [[], []]
    assert len(_actions("要扎实推进秸秆禁烧工作，确保取得明显成效。", True)) == 1


def test_how_the_inspection_runs_is_an_announcement():
    """将 after the inspection itself (督察工作将以…的形式…开展) or after its teams with a round of unannounced checks
    (各督察组将开展暗访暗查) announces how the inspection runs, none; a team's commitment to act on problems stays
    (d43, d52b)."""
    assert _both("本轮督察工作将以省督察组的形式，对各市党委和政府及其有关部门开展。") == [[], []]
    assert _both("下沉督察阶段，各督察组将开展暗访暗查，直奔基层一线、问题现场。") == [[], []]
    assert len(_actions("对整改不到位的问题，督察组将进行专项督办。", True)) == 1


def test_a_numbered_section_name_is_a_heading():
    """A numbered clause that is only a section's name ((一)指导思想。…; (三)督查要求：…) is a heading, none, also after a
    paragraph of orders whose list would go on; the order after its colon is read on its own (d52b)."""
    text = ("县政府办公室要求，各乡镇要高度重视，认真开展自查。\n(二)督查方式:采取明查与暗访相结合的方式开展抽查。\n"
            "(三)督查要求:要求各责任单位于6月27日前将自查情况报送县政府办公室。\n")
    found = _actions(text, True)
    assert "(三)督查要求:" not in found and found[-1] == "于6月27日前将自查情况报送县政府办公室"
    text = "会议要求，各部门要抓好落实。\n一、总体要求\n(一)指导思想。以生态文明思想为指导，全面贯彻省委决策部署。\n"
    assert _actions(text, True) == ["要抓好落实"]


def test_what_stands_under_the_problem_s_heading_is_the_finding():
    """Under a top-level heading that is only the problem's name (一、整改问题), a requirement it quotes and what was
    found are the finding a task answers, none; the measures under the next heading are duties (d52b)."""
    text = ("一、整改问题\n《湿地公园总体规划》要求，恢复区开展湿地恢复活动，不宜开发建设。督察发现，恢复区内存在经营场所。\n"
            "二、重点措施\n2024年底前停止恢复区内的经营活动。\n")
    assert _actions(text, True) == ["2024年底前停止恢复区内的经营活动"]


def test_what_the_work_is_is_a_statement_the_judge_does_not_add():
    """A clause without a marker that says what the work is (推进…是贯彻落实…，创新…体系的有力行动) is a statement: the
    rules leave it out as a copula, which the judge never adds (``judge.ADDABLE``); a duty without a marker stays
    addable (d52b)."""
    from petitionnlp.briefing.directives import find_candidates
    from petitionnlp.briefing.timex import find_time_expressions

    def reasons(text):
        return [c["reason"] for c in find_candidates(text, find_time_expressions(text, None))]

    assert reasons("推进环保设施向公众开放是贯彻落实中央决策部署，创新环境治理体系的有力行动。") == ["copula"]
    assert reasons("开展秸秆禁烧是落实大气污染防治要求，保护群众健康的重要举措。") == ["copula"]
    assert reasons("各乡镇组织开展河道清理，清除沿河垃圾。") == ["no_marker"]


def test_a_plan_s_measure_with_its_figures_stays():
    """The figures rule (d52b) takes no plan's measure: a numbered one, one that an action opens, or one under a
    heading of tasks keeps its counts (实施…改造，全市改造燃煤锅炉30台，淘汰老旧车辆200辆)."""
    for text in ("二、重点任务\n2.实施燃煤锅炉改造，全市改造燃煤锅炉30台，淘汰老旧车辆200辆。\n",
                 "实施燃煤锅炉改造，全市改造燃煤锅炉30台，淘汰老旧车辆200辆。",
                 "二、重点任务\n全市改造燃煤锅炉30台，淘汰老旧车辆200辆。\n"):
        from petitionnlp.briefing.directives import find_candidates
        from petitionnlp.briefing.timex import find_time_expressions

        assert "counts" not in [c["reason"] for c in find_candidates(text, find_time_expressions(text, None))]
