"""Directives that carry over (issue 29 item 3, d54): the fourteenth news batch — news of meetings that deploy
rectification and of leaders' supervision visits, of the provinces and years the sets hold least."""

from conftest import ROOT
from test_briefing_timex_dev import _a_new_news_batch, _reported_on_its_own

NEWS14 = ROOT / "corpora" / "briefing" / "gold" / "briefings_news14.jsonl"


# ------------------------------------------------------------------ the fourteenth news batch (briefings_news14.jsonl)

def test_the_fourteenth_news_batch_names_its_sources_and_is_new():
    _a_new_news_batch(NEWS14, range(10, 13), 60)


def test_the_evaluation_reports_the_fourteenth_news_batch_on_its_own_and_not_in_all():
    _reported_on_its_own(NEWS14, "fourteenth development batch of news")
