"""Directives that carry over (issue 29 item 3, d45): a speech verb before 的 names nobody speaking (不局限于“通报”中提出
的问题), 既要…，又要… are two orders as the later gold sets annotate them, and the fourth news batch
(briefings_news4.jsonl) comes from sites never used nor reserved and is trained on."""

import json
import sys
from pathlib import Path
from urllib.parse import urlparse

from petitionnlp.briefing import extract_briefing

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "briefing" / "gold"


def _directives(text, date="2023-05-10"):
    return extract_briefing(text, date)["directives"]


def test_a_speech_verb_before_的_is_an_attribute_not_a_speaker():
    found = _directives("此次督查发现个别部门没有落实整改工作。各相关职能部门和单位要进一步加大整改力度,同时不局限于“通报”中"
                        "提出的问题,积极“举一反三”,抓好整改。")
    assert [d["action"] for d in found] == ["要进一步加大整改力度,同时不局限于“通报”中提出的问题,积极“举一反三”,抓好整改"]
    assert found[0]["actor"] is None and found[0]["addressee"] == "各相关职能部门和单位"


def test_a_speaker_is_still_read_before_a_speech_verb_that_says_something():
    found = _directives("县长王强指出,督察组指出的问题要立行立改,确保按期销号。")
    assert len(found) == 1 and "王强" in found[0]["actor"]


def test_既要_又要_are_two_orders():
    found = _directives("会议强调,各地既要加快解决群众反映的突出环境问题,又要建立健全长效机制,防止问题反弹。")
    assert [d["action"] for d in found] == ["要加快解决群众反映的突出环境问题", "要建立健全长效机制,防止问题反弹"]


def _rows(name):
    return [json.loads(x) for x in (GOLD / name).read_text(encoding="utf-8").splitlines() if x.strip()]


def test_the_fourth_news_batch_comes_from_sites_never_used_nor_reserved():
    others = {urlparse(json.loads(x)["doc"]["url"]).netloc for f in GOLD.glob("*.jsonl") if f.name != "briefings_news4.jsonl"
              for x in f.read_text(encoding="utf-8").splitlines() if x.strip() and json.loads(x)["doc"].get("url")}
    reserved_file = ROOT.parent / "shared" / "corpora" / "reserved_sources.txt"
    reserved = {x.strip() for x in reserved_file.read_text(encoding="utf-8").splitlines()
                if x.strip() and not x.startswith("#")} if reserved_file.is_file() else set()
    rows = _rows("briefings_news4.jsonl")
    assert len(rows) >= 15
    for d in rows:
        assert urlparse(d["doc"]["url"]).netloc not in others and d["doc"]["url"] not in reserved
        assert all(g["action"] in d["doc"]["text"] for g in d["gold"]["directives"])
        assert all(g["span"] in d["doc"]["text"] for g in d["gold"]["time_expressions"])


def test_the_judge_trains_on_the_fourth_news_batch():
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_briefing_model import training_briefings

    origins = {d["origin"] for d in training_briefings(ROOT.parent / "shared" / "corpora")}
    assert "briefings_news4" in origins


def test_an_order_to_an_addressee_of_its_own_after_a_comma_is_its_own_even_inside_an_item():
    found = _directives("会上,分局负责同志提出整改工作要求,一是要认清形势,保质保量完成整改任务。三是加强沟通,妥善处理好各类"
                        "信访问题,同时要求执法大队加强监管、严格执法,打击各类环境违法行为。")
    assert [(d["addressee"], d["action"]) for d in found][-2:] == [
        (None, "三是加强沟通,妥善处理好各类信访问题"), ("执法大队", "加强监管、严格执法,打击各类环境违法行为")]
