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
