"""Directives that carry over (issue 29 item 3, d53): the thirteenth news batch, and the kinds the blind sets' misses
and inventions point at — duties numbered after 提出, a body's duty among a meeting's orders, commitments with 将 and
no subject of their own, and a meeting's or an inspection's own programme with 将 that is no directive."""


def _rows(path):
    import json

    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


# ------------------------------------------------------------------ the thirteenth news batch (briefings_news13.jsonl)

def test_the_thirteenth_news_batch_names_its_sources_and_is_new():
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "tests"))
    from test_briefing_timex_dev import _no_copy_of_another_set, _sourced_new_and_in_order

    path = root / "corpora" / "briefing" / "gold" / "briefings_news13.jsonl"
    docs = _sourced_new_and_in_order(path, "*.jsonl")
    assert 10 <= len(docs) <= 14 and len({d["doc"]["id"] for d in docs}) == len(docs)
    assert len({d["doc"]["url"].split("/")[2] for d in docs}) == len(docs)  # one page a site
    assert not any(d["doc"].get("time_only") for d in docs)
    assert sum(len(d["gold"]["directives"]) for d in docs) >= 50
    _no_copy_of_another_set(path, docs)
    others = {d["doc"]["id"] for f in (root / "corpora" / "briefing" / "gold").glob("*.jsonl") if f != path
              for d in _rows(f)}
    assert not others & {d["doc"]["id"] for d in docs}  # no id of another gold file, time_dev and time_dev2 included


def test_the_evaluation_reports_the_thirteenth_news_batch_on_its_own_and_not_in_all():
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "benchmarks"))
    from eval_briefings import sets

    path = root / "corpora" / "briefing" / "gold" / "briefings_news13.jsonl"
    named = dict(sets())
    thirteenth = [docs for name, docs in named.items() if "thirteenth development batch of news" in name]
    assert len(thirteenth) == 1 and [d["doc"]["id"] for d in thirteenth[0]] == [d["doc"]["id"] for d in _rows(path)]
    urls = {d["doc"]["url"] for d in _rows(path)}
    assert not urls & {d["doc"].get("url") for d in named["all of them"]}
