"""Personal-information detection on the gold sets (corpora/pii/gold.jsonl, and the hostile probes of session 39:
corpora/pii/probe39.jsonl; probe39b.jsonl, written after the first one's fixes; probe39c.jsonl, an independent
probe by another hand; probe39d.jsonl, written after probe39c's fixes; session 41's probe41.jsonl and session 42's
probe42.jsonl, each written before its session's changes, and probe42b.jsonl, written blind after them; probe42c.jsonl, written by helper p42b before its changes; probe43.jsonl, written by helper p43 before its changes; probe43b.jsonl, by helper p43b before its changes; probe44.jsonl, by helper p44 before its changes, and probe44b.jsonl, written blind after them; probe44c.jsonl, by helper p44b blind after its changes; probe45.jsonl, real public pages' excerpts gathered by helper p45 before its changes; probe45b.jsonl, other pages' excerpts gathered by helper p45b before its changes; … probe49.jsonl, narrative excerpts of public pages gathered by helper p48 before its changes; probe50.jsonl, excerpts of other public pages gathered by helper p49 before its changes; probe51.jsonl, by helper p50 before its changes; probe52.jsonl, by helper p51 before its changes; probe53.jsonl, complaint replies, judgments, penalty notices and report-backs gathered by helper p52 before its changes; probe54.jsonl, bodies' lines beside the people named around them, written by helper p53 before its changes; probe55.jsonl, private persons whose surname jieba reads as another word, and the look-alike words of the same frames, written by review r53 before its changes; probe56.jsonl, a person after 由, a name with 老板/厂长/经理/站长, one-character given names, two mobiles written together, a landline with an extension, an ID with a space, a WeChat or QQ account, and their harmless twins, written by helper p54 before its changes; probe57.jsonl, public pages' excerpts (a penalty notice's 当事人 and 法定代表人, judgments' parties, villagers in reports) and records in complaint shapes (a name after 举报人/来电人/业主/户主/承包人/法人, names in a list, 由欧阳负责, a firm's 副站长, two landlines after a space, ext., IDs with x or spaces, plates, a home's door, QQ号:/Q号/WeChat/e-mail) with their twins, by helper p55 before its changes; probe57r.jsonl, the neighbours of p55's shapes a hostile review found leaking (a pair after 由, a firm's 副站长 after a comma or 和, a third short landline, Q: alone) and the look-alikes p55's change hid (a date after a landline and a space), by review r55 before its changes; probe58.jsonl, public pages' excerpts naming private persons in narrative without a cue word (a sentence's subject, after 的, before 说/告诉/家, after a preposition, opening an indented paragraph, villagers in a list) with their twins (officials with posts, bylines, villages and streets, 高明, 金山银山, 文明城区), by helper p56 before its changes): precision and recall per type, exact spans
(type, start and end all equal) and overlapping ones; the look-alikes that were redacted; and the gold numbers
whose digits are still in the redacted text.  Each set is reported on its own.

    .venv/bin/python benchmarks/eval_pii.py [--show] [--gold corpora/pii/heldout.jsonl ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from petitionnlp.pii import PII_TYPES, find_pii, redact_text  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", nargs="+", default=[str(ROOT / "corpora/pii" / f"{n}.jsonl")
                                                  for n in ("gold", "probe39", "probe39b", "probe39c", "probe39d", "probe41", "probe42",
                                                                  "probe42b", "probe42c", "probe43", "probe43b", "probe44", "probe44b", "probe44c", "probe45", "probe45b", "probe46", "probe47", "probe48", "probe49", "probe50", "probe51", "probe52", "probe53", "probe54", "probe55", "probe56", "probe57", "probe57r", "probe58")])
    ap.add_argument("--show", action="store_true", help="print every miss and every false alarm")
    args = ap.parse_args()
    for n, path in enumerate(args.gold):
        if n:
            print()
        print(f"== {Path(path).name}")
        report(path, args.show)


def report(path: str, show: bool) -> None:
    records = [json.loads(x) for x in open(path, encoding="utf-8")]
    counts = {t: {"tp": 0, "fp": 0, "fn": 0, "tp_overlap": 0} for t in PII_TYPES}
    left = 0
    for r in records:
        gold = {(s["type"], s["start"], s["end"]) for s in r["spans"]}
        found = find_pii(r["text"])
        got = {(s["type"], s["start"], s["end"]) for s in found}
        redacted = "".join(redact_text(r["text"], found)[0].split())
        for s in r["spans"]:
            digits = "".join(c for c in s["text"] if c.isdigit())
            if s["type"] != "姓名" and len(digits) >= 5 and digits in "".join(c for c in redacted if c.isdigit() or c == "【"):
                left += 1
                if show:
                    print(f"left in the redacted text: {s['text']!r} in {r['text'][:50]}")
        for t, a, b in got:
            if (t, a, b) in gold:
                counts[t]["tp"] += 1
            else:
                counts[t]["fp"] += 1
                if show:
                    print(f"false alarm {t} {r['text'][a:b]!r} in {r['text'][:50]}")
            if any(gt == t and ga < b and a < gb for gt, ga, gb in gold):
                counts[t]["tp_overlap"] += 1
        for t, a, b in gold - got:
            counts[t]["fn"] += 1
            if show:
                print(f"missed {t} {r['text'][a:b]!r} in {r['text'][:50]}")
    print(f"{len(records)} petitions, {sum(len(r['spans']) for r in records)} gold spans; "
          f"{sum(1 for r in records if not r['spans'])} petitions with look-alikes only")
    print("type     gold  precision  recall   (overlap: precision)")
    for t, c in counts.items():
        n = c["tp"] + c["fn"]
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        rec = c["tp"] / n if n else 1.0
        po = c["tp_overlap"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        print(f"{t:<6} {n:>5}  {p:>9.3f}  {rec:>6.3f}   ({po:.3f})")
    print(f"gold numbers whose digits are left in the redacted text: {left}")


if __name__ == "__main__":
    main()
