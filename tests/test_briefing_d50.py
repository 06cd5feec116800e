"""Directives that carry over (issue 29 item 3, d50): a tenth news batch (briefings_news10.jsonl) of pages of sites never
used nor reserved, one page a site, of the kinds the sets hold least (meetings' numbered duties under short headings,
conditional sanctions framed by 对…的, orders parted by semicolons, standing duties without a marker), annotated blind
(directives and time expressions) before the extractor was run on them; the evaluation reports it on its own and leaves
it out of "all of them"."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "briefing" / "gold"
NEWS10 = GOLD / "briefings_news10.jsonl"


def _rows(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


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
