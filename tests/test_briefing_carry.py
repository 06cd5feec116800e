"""Directives that carry over (issue 29 item 3): duties without a marker in meeting news, office rules and plans —
a 由-assignment after the phrase that frames it, a 纳入/移交 duty, a deadline duty without a subject, an order that
goes on after its frame — and what stays no directive (a plan's preamble, strings of short slogans).  The sentences
are written for the tests, after the kinds the annotated pages show; the pages of gold/briefings_carry.jsonl are
checked for their sources and their spans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from petitionnlp.briefing import extract_briefing
from petitionnlp.briefing.directives import find_candidates
from petitionnlp.briefing.judge import choose
from petitionnlp.briefing.timex import find_time_expressions

ROOT = Path(__file__).resolve().parent.parent
CARRY = ROOT / "corpora" / "briefing" / "gold" / "briefings_carry.jsonl"


def actions(text: str) -> list[str]:
    return [d["action"] for d in extract_briefing(text, "2019-03-01")["directives"]]


@pytest.mark.parametrize("text,action", [
    ("按照属地管理原则,由各县区政府负责整改落实。", "按照属地管理原则,由各县区政府负责整改落实"),
    ("对发现的问题,由市生态环境局建立台账,纳入督办事项,跟踪问效。", "对发现的问题,由市生态环境局建立台账,纳入督办事项,跟踪问效"),
    ("对整改不到位的问题,纳入年度目标考核。", "对整改不到位的问题,纳入年度目标考核"),
    ("涉嫌违纪违法的问题线索,移交纪检监察机关依法处理。", "涉嫌违纪违法的问题线索,移交纪检监察机关依法处理"),
    ("2019年底前完成整改销号。", "2019年底前完成整改销号"),
    ("能立即解决的,要立即解决。", "能立即解决的,要立即解决"),
    ("王强要求,各级各部门要加快推进整改。对已完成整改的问题,开展“回头看”,防止反弹。",
     "对已完成整改的问题,开展“回头看”,防止反弹"),
    ("整改结果定期向社会公布,接受群众监督。", "整改结果定期向社会公布,接受群众监督"),
])
def test_duties_without_a_marker_are_directives(text, action):
    assert action in actions(text)


@pytest.mark.parametrize("text", [
    "为加快解决突出环境问题,推动生态环境质量持续改善,结合我市实际,制定本方案。",
    "为深入贯彻落实省委部署要求,进一步夯实工作基础,结合全市实际,制定全市专项整治三年行动方案(2024—2026年)。",
    "会议强调,要追根溯源、严查细究。",
    "会议记录(纪要)等材料一并归档。",
    "已对整改完成的问题开展了“回头看”。",
])
def test_preambles_slogan_strings_and_reports_are_no_directives(text):
    assert actions(text) == []


def test_the_judge_adds_only_what_the_rules_left_out_for_want_of_a_marker():
    text = "谭海华要求,要应急谋远,标本兼治。市生态环境局定期对企业开展抽查。"
    cands = find_candidates(text, find_time_expressions(text, None))
    p = [0.99] * len(cands)
    chosen = [c["action"] for c, k in zip(cands, choose(cands, p, 0.0, 0.5)) if k]
    assert "要应急谋远,标本兼治" not in chosen  # a string of slogans: the rules know it is none
    assert [c["reason"] for c in cands if c["action"] == "要应急谋远,标本兼治"] == ["slogans"]
    low = choose([dict(c, rule=True) for c in cands], [0.0] * len(cands), 0.0, 0.5)
    assert all(low)  # keep 0: what the rules take stays


def test_the_carry_pages_name_their_sources_and_their_blind_part_is_never_trained_on():
    import sys

    rows = [json.loads(x) for x in CARRY.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(rows) >= 10 and sum(bool(d["doc"]["blind"]) for d in rows) >= 4
    reserved_file = ROOT.parent / "shared" / "corpora" / "reserved_sources.txt"
    reserved = {x.strip() for x in reserved_file.read_text(encoding="utf-8").splitlines()
                if x.strip() and not x.startswith("#")} if reserved_file.is_file() else set()
    gold = ROOT / "corpora" / "briefing" / "gold"
    old = {json.loads(x)["doc"]["url"] for f in gold.glob("*.jsonl") if f != CARRY
           for x in f.read_text(encoding="utf-8").splitlines() if x.strip()}
    urls = [d["doc"]["url"] for d in rows]
    assert all(urls) and len(set(urls)) == len(urls) and not set(urls) & (reserved | old)
    for d in rows:
        text = d["doc"]["text"]
        assert all(g["action"] in text for g in d["gold"]["directives"])
        assert all(g["span"] in text for g in d["gold"]["time_expressions"])
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_briefing_model import training_briefings

    ids = {d["doc"]["id"] for d in training_briefings(ROOT.parent / "shared" / "corpora")}
    assert {d["doc"]["id"] for d in rows if not d["doc"]["blind"]} <= ids
    assert not ids & {d["doc"]["id"] for d in rows if d["doc"]["blind"]}
