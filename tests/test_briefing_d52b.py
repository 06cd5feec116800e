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
