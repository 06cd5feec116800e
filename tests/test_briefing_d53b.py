"""Directives that carry over (issue 29 item 3, d53b): a development batch of the kinds the annotated set lacks
(briefings_plans13.jsonl) — a city's 交办单, a public notice of a rectification task laid out by its labels, acceptance
meetings and rules, a township's check, a subdistrict's river-chief meeting, a region's rectification news and plan, a
provincial rectification office's meeting with dated limits, a county 督查室's bulletin, a weekly supervision report —
pages of sites never used nor reserved, one page a site, annotated blind (directives and time expressions) before the
extractor was run on them; the evaluation reports it on its own and leaves it out of "all of them"."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "briefing" / "gold"
PLANS13 = GOLD / "briefings_plans13.jsonl"


def _rows(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_the_plans13_batch_names_its_sources_and_is_new():
    sys.path.insert(0, str(ROOT / "tests"))
    from test_briefing_timex_dev import _no_copy_of_another_set, _sourced_new_and_in_order

    docs = _sourced_new_and_in_order(PLANS13, "*.jsonl")
    assert len(docs) == 11 and len({d["doc"]["id"] for d in docs}) == len(docs)
    assert len({d["doc"]["url"].split("/")[2] for d in docs}) == len(docs)  # one page a site
    assert not any(d["doc"].get("time_only") for d in docs)
    assert sum(len(d["gold"]["directives"]) for d in docs) >= 20
    _no_copy_of_another_set(PLANS13, docs)


def test_the_plans13_ids_are_no_other_gold_file_s():
    """The judge's development pages are told apart by their ids (tests/test_briefing_removable.py): a new batch
    takes none of another gold file's ids."""
    ours = {d["doc"]["id"] for d in _rows(PLANS13)}
    others = {d["doc"]["id"] for f in GOLD.glob("*.jsonl") if f != PLANS13 for d in _rows(f)}
    assert not ours & others


def test_the_evaluation_reports_the_plans13_batch_on_its_own_and_not_in_all():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from eval_briefings import sets

    named = dict(sets())
    batch = [docs for name, docs in named.items() if name.startswith("plans13")]
    assert len(batch) == 1 and [d["doc"]["id"] for d in batch[0]] == [d["doc"]["id"] for d in _rows(PLANS13)]
    urls = {d["doc"]["url"] for d in _rows(PLANS13)}
    assert not urls & {d["doc"].get("url") for d in named["all of them"]}
