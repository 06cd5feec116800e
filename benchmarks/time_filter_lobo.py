"""A learned filter over the time rules' candidates, evaluated leave-one-batch-out (issue 29 item 3, t42).

Each development batch of annotated briefings is a group.  For each group held out, a logistic regression is trained
on the other groups' candidates (every expression :func:`find_time_expressions` returns, labelled by whether it
matches a gold span as ``eval_briefings.py`` matches them) and drops the held-out group's candidates it scores below
0.5; the held-out group's time F1 is reported with and without it.  Features: the candidate's type, whether it has a
value, its length, its first and last characters, and the two characters on each side.

What the figure means: the candidates come from the rules as they stand now, and those rules were written on every
one of these batches (the rules before each batch was available are not kept), so the rules' own F1 here is the
development figure, not a blind one; the filter's gain is measured honestly against it (it never sees the held-out
group's labels), but it can only remove candidates, never add a missed one.  The blind and held-out sets are not used.

    python benchmarks/time_filter_lobo.py [--balanced]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from eval_briefings import held, load, locate, match, prf  # noqa: E402

from petitionnlp.briefing import document_date, find_time_expressions  # noqa: E402


def groups() -> list[tuple[str, list[dict]]]:
    """The development batches, one group each (never the blind or held-out parts)."""
    gold = ROOT / "corpora" / "briefing" / "gold"
    out = [(f"time_dev{n}", load(gold / f"time_dev{n if n > 1 else ''}.jsonl")) for n in range(1, 8)]
    out += [("duties", [d for d in load(gold / "briefings_duties.jsonl") if not held(d)]),
            ("reports", [d for d in load(gold / "briefings_reports.jsonl") if not held(d)]),
            ("carry", [d for d in load(gold / "briefings_carry.jsonl") if not d["doc"].get("blind")]),
            ("new", [d for d in load(gold / "briefings_new.jsonl") if not held(d)]),
            ("added", load(gold / "briefings_added.jsonl"))]
    return [(name, docs) for name, docs in out if docs]


def candidates(docs: list[dict]) -> list[tuple[dict, int, int]]:
    """(features, label, gold count of its document or 0) for every candidate of ``docs``; the gold count is carried
    on the first candidate of each document so that recall can be computed."""
    import datetime as dt

    rows = []
    for d in docs:
        text = d["doc"]["text"]
        base = dt.date.fromisoformat(d["doc"]["date"]) if d["doc"].get("date") else document_date(text)
        found = find_time_expressions(text, base)
        g = d["gold"]["time_expressions"]
        g_spans = locate(text, [x["span"] for x in g], [x.get("start") for x in g])
        hit = {pi for _, pi in match(g_spans, [(x["start"], x["end"]) for x in found])}
        rows.append(({}, -1, len(g_spans)))  # the document's gold count
        for i, x in enumerate(found):
            a, b = x["start"], x["end"]
            f = {"type=" + x["type"]: 1, "valued": int(x["value"] is not None), "len": min(len(x["text"]), 12) / 12,
                 "first=" + x["text"][0]: 1, "last=" + x["text"][-1]: 1,
                 "before=" + text[max(0, a - 2):a]: 1, "before1=" + text[max(0, a - 1):a]: 1,
                 "after=" + text[b:b + 2]: 1, "after1=" + text[b:b + 1]: 1}
            rows.append((f, int(i in hit), 0))
    return rows


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--balanced", action="store_true", help="weigh the few wrong candidates as much as the right ones")
    weight = "balanced" if ap.parse_args().balanced else None
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    data = [(name, candidates(docs)) for name, docs in groups()]
    tot = {"rules": [0, 0, 0], "filter": [0, 0, 0]}
    print(f"{'held-out batch':<12} {'rules F1':>9} {'with filter':>12} {'dropped':>8} {'of them wrong':>14}")
    for k, (name, rows) in enumerate(data):
        train = [r for j, (_, rs) in enumerate(data) if j != k for r in rs if r[1] >= 0]
        vec = DictVectorizer()
        model = LogisticRegression(max_iter=2000, C=1.0, class_weight=weight).fit(vec.fit_transform([r[0] for r in train]),
                                                               [r[1] for r in train])
        test = [r for r in rows if r[1] >= 0]
        n_gold = sum(r[2] for r in rows if r[1] < 0)
        keep = model.predict_proba(vec.transform([r[0] for r in test]))[:, 1] >= 0.5
        tp = sum(r[1] for r in test)
        tp_f = sum(r[1] for r, kp in zip(test, keep) if kp)
        for key, (t, p) in (("rules", (tp, len(test))), ("filter", (tp_f, int(keep.sum())))):
            tot[key][0] += t
            tot[key][1] += p
            tot[key][2] += n_gold
        dropped = len(test) - int(keep.sum())
        print(f"{name:<12} {prf(tp, len(test), n_gold)[2]:>9.3f} {prf(tp_f, int(keep.sum()), n_gold)[2]:>12.3f} "
              f"{dropped:>8} {dropped - (tp - tp_f):>14}")
    for key, (t, p, g) in tot.items():
        pr, rc, f1 = prf(t, p, g)
        print(f"pooled {key}: P {pr:.3f} R {rc:.3f} F1 {f1:.3f}")


if __name__ == "__main__":
    main()
