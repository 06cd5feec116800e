"""Briefing extraction against the annotated dev briefings, and JioNLP's time extraction on the same gold (issue 4).

A predicted span matches a gold span when it covers at least half of the gold span (offsets; a gold span
string listed twice stands for its successive occurrences); matching is one-to-one, in order.
Reports time-expression P/R/F1, value accuracy on matched gold values, directive P/R/F1, and (when jionlp
is importable — `make bench-briefings` builds .venv-bench) JioNLP's time-expression F1 and time ratio.

    python benchmarks/eval_briefings.py [PATH_TO_briefings_dev.jsonl]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from petitionnlp.briefing import document_date, extract_briefing, find_time_expressions

ROOT = Path(__file__).resolve().parent.parent


def locate(text: str, spans: list[str]) -> list[tuple[int, int]]:
    """Offsets of each gold span string; repeated strings take successive occurrences."""
    seen: dict[str, int] = {}
    out = []
    for s in spans:
        pos = text.find(s, seen.get(s, 0))
        if pos < 0:
            pos = text.find(s)
        seen[s] = pos + 1
        out.append((pos, pos + len(s)))
    return out


def match(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pairs, used = [], set()
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(pred):
            if pi in used:
                continue
            overlap = min(ge, pe) - max(gs, ps)
            if gs >= 0 and overlap * 2 >= (ge - gs):
                pairs.append((gi, pi))
                used.add(pi)
                break
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/corpora/briefings_dev.jsonl"
    docs = [json.loads(x) for x in open(path, encoding="utf-8")]
    t_tp = t_pred = t_gold = v_ok = v_n = d_tp = d_pred = d_gold = addr_ok = actor_ok = 0
    j_tp = j_pred = 0
    t_ours = t_jio = 0.0
    try:
        import jionlp as jio
    except ImportError:
        jio = None
    for d in docs:
        doc, gold = d["doc"], d["gold"]
        text = doc["text"]
        res = extract_briefing(text, doc.get("date"))
        import datetime as _dt

        base = _dt.date.fromisoformat(doc["date"]) if doc.get("date") else document_date(text)
        t = time.perf_counter()
        find_time_expressions(text, base)  # the time-expression stage alone, to compare with JioNLP's
        t_ours += time.perf_counter() - t
        g_times = gold["time_expressions"]
        g_spans = locate(text, [g["span"] for g in g_times])
        p_spans = [(x["start"], x["end"]) for x in res["time_expressions"]]
        pairs = match(g_spans, p_spans)
        t_tp += len(pairs)
        t_pred += len(p_spans)
        t_gold += len(g_spans)
        for gi, pi in pairs:
            if g_times[gi]["normalized"] is not None:
                v_n += 1
                v_ok += res["time_expressions"][pi]["value"] == g_times[gi]["normalized"]
        g_dir = locate(text, [g["action"] for g in gold["directives"]])
        p_dir = [(x["start"], x["end"]) for x in res["directives"]]
        d_pairs = match(g_dir, p_dir)
        d_tp += len(d_pairs)
        for gi, pi in d_pairs:
            g, p = gold["directives"][gi], res["directives"][pi]
            addr_ok += (g["addressee"] or None) == (p["addressee"] or None)
            name = (p["actor"] or "")[:3]
            actor_ok += bool(g["actor"] and name and name in g["actor"]) or (not g["actor"] and not p["actor"])
        d_pred += len(p_dir)
        d_gold += len(g_dir)
        if jio is not None:
            t = time.perf_counter()
            found = jio.ner.extract_time(text, time_base=time.mktime(time.strptime(doc["date"], "%Y-%m-%d"))
                                         if doc.get("date") else time.time(), with_parsing=False)
            t_jio += time.perf_counter() - t
            j_spans = [tuple(x["offset"]) for x in found]
            j_tp += len(match(g_spans, j_spans))
            j_pred += len(j_spans)
    p, r, f = prf(t_tp, t_pred, t_gold)
    print(f"documents: {len(docs)}; gold time expressions {t_gold}, gold directives {d_gold}")
    print(f"time expressions: P {p:.3f} R {r:.3f} F1 {f:.3f}; value accuracy on matched gold values "
          f"{v_ok}/{v_n} = {v_ok / max(v_n, 1):.3f}")
    p, r, f = prf(d_tp, d_pred, d_gold)
    print(f"directives: P {p:.3f} R {r:.3f} F1 {f:.3f}; on the {d_tp} matched: addressee exact {addr_ok}/{d_tp}, "
          f"actor named in the gold actor {actor_ok}/{d_tp}")
    if jio is not None:
        jp, jr, jf = prf(j_tp, j_pred, t_gold)
        print(f"JioNLP extract_time on the same gold: P {jp:.3f} R {jr:.3f} F1 {jf:.3f}; "
              f"JioNLP time / petitionnlp time-expression time = {t_jio / t_ours:.2f}")


if __name__ == "__main__":
    main()
