"""Directives that carry over (issue 29 item 3, d46b): a fifth news batch (briefings_news5.jsonl) of pages of sites never
used nor reserved, of the provinces the gold set holds least, annotated blind before the extractor was run on them; the
evaluation reports it on its own and leaves it out of "all of them", and the judge was not trained on it until d47
trained it on the fifth and sixth batches (their sources are checked in test_briefing_timex_dev.py with the other
batches'); a prohibition that opens a clause is an order."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "briefing" / "gold"
NEWS5 = GOLD / "briefings_news5.jsonl"


def _rows(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_the_evaluation_reports_the_fifth_news_batch_on_its_own_and_not_in_all():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from eval_briefings import sets

    named = dict(sets())
    fifth = [docs for name, docs in named.items() if "fifth development batch of news" in name]
    assert len(fifth) == 1 and [d["doc"]["id"] for d in fifth[0]] == [d["doc"]["id"] for d in _rows(NEWS5)]
    urls = {d["doc"]["url"] for d in _rows(NEWS5)}
    assert not urls & {d["doc"].get("url") for d in named["all of them"]}


def test_the_judge_trains_on_the_fifth_and_sixth_news_batches_once_reported_as_they_stood():
    """d46b kept the fifth batch out of the judge's training to report it as it stood (0.880); d47 reported the sixth
    as it stood (0.904) and trains the judge on both, as the earlier news batches were once reported."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_briefing_model import training_briefings

    trained = training_briefings(ROOT.parent / "shared" / "corpora")
    for name in ("briefings_news5", "briefings_news6"):
        urls = {d["doc"]["url"] for d in _rows(GOLD / f"{name}.jsonl")}
        assert len(urls) >= 10 and urls <= {d["doc"].get("url") for d in trained if d["origin"] == name}


def test_a_prohibition_that_opens_a_clause_under_a_speaker_is_an_order():
    """d46b: 绝不能/决不能 are markers (directive_rules.json); before the change the prohibition was no directive."""
    from petitionnlp.briefing import extract_briefing

    found = extract_briefing("调研中,县长王强强调,要把督察反馈问题整改作为重要抓手,层层压实责任。绝不能以牺牲生态环境为代价换取"
                             "经济一时的发展。", "2021-05-10")["directives"]
    assert [d["action"] for d in found] == ["要把督察反馈问题整改作为重要抓手,层层压实责任",
                                            "绝不能以牺牲生态环境为代价换取经济一时的发展"]
    assert "王强" in found[1]["actor"]


def test_a_prohibition_inside_an_order_does_not_start_a_new_one():
    from petitionnlp.briefing import extract_briefing

    found = extract_briefing("会议要求,要严格标准要求,决不能降低标准、蒙混过关,确保整改到位。", "2021-05-10")["directives"]
    assert [d["action"] for d in found] == ["要严格标准要求,决不能降低标准、蒙混过关,确保整改到位"]
    assert not extract_briefing("该企业废水不能稳定达标排放。", "2021-05-10")["directives"]
