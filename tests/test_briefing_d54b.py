"""Directives that carry over (issue 29 item 3, d54b): a development batch of plans' task lists and progress reports of
the provinces the sets hold least (briefings_plans14.jsonl) — a city plan's task list with its (责任单位:…) notes, a
province's progress items of what was done, a region's progress counts and next step, news of published plans, an audit
office's rectification report, district plans with a standing duty, forwarding notices, a county report's duties on its
outstanding problems, a central team's assessment — pages of sites never used nor reserved, one page a site, annotated
blind (directives and time expressions) before the extractor was run on them; the evaluation reports it on its own and
leaves it out of "all of them"."""

from conftest import ROOT
from test_briefing_timex_dev import _a_new_news_batch, _reported_on_its_own

PLANS14 = ROOT / "corpora" / "briefing" / "gold" / "briefings_plans14.jsonl"


def test_the_plans14_batch_names_its_sources_is_new_and_is_no_copy():
    docs = _a_new_news_batch(PLANS14, range(10, 13), 25)
    assert {d["doc"]["province"] for d in docs} >= {"天津", "西藏", "青海", "海南", "重庆", "广西"}


def test_the_evaluation_reports_the_plans14_batch_on_its_own_and_not_in_all():
    _reported_on_its_own(PLANS14, "plans14")


# ------------------------------------------------ numbered items below a label of progress (d54b, progress_labels)

def _both(text: str) -> list[list[str]]:
    """The actions of the rules alone and of the rules with the learned judge (d51b's helper)."""
    from test_briefing_d51b import _actions

    return [_actions(text, True), _actions(text)]


def test_numbered_items_below_a_label_of_progress_report_what_was_done():
    """A line that opens with a label of progress and its colon (整改进展情况：…, 落实情况：) labels the numbered items
    below it as what was done: no measure of a plan, whatever verb opens them (GUIDELINES.md, d41's 整改落实情况)."""
    texts = [
        "三、河道垃圾清理不及时。\n整改进展情况：已基本完成，并持续巩固。\n1.开展全面排查。5月以来，区城管局组织各街道"
        "对辖区河道开展了排查，建立问题台账。\n2.完善长效机制。由区水务局牵头，各街道配合，负责日常巡查和保洁，"
        "发现问题及时处置。",
        "十二、部分乡镇污水处理设施运行不正常。\n整改落实情况：\n一是加大资金投入。县财政安排专项资金800万元用于设施维修。"
        "\n二是强化运维管理。委托第三方公司统一运营，实行月度考核。",
    ]
    for text in texts:
        assert _both(text) == [[], []], text


def test_items_below_another_label_or_with_a_marker_stay_directives():
    """The label holds only until a top-level heading or another label (下一步工作：); an item there, or one with its
    own marker below the label of progress, is still a measure or an order."""
    text = ("整改进展情况：已取得阶段性进展。\n1.开展全面排查。区城管局对辖区河道开展了排查。\n下一步工作：\n"
            "1.要进一步完善长效机制，确保问题不反弹。\n2.各街道要加强日常巡查。")
    for actions in _both(text):
        assert any(a.startswith("1.要进一步完善长效机制") or a.startswith("要进一步完善长效机制") for a in actions), actions
        assert any("要加强日常巡查" in a for a in actions), actions
        assert not any("开展全面排查" in a for a in actions), actions
