"""Where unseen pages lose directives: leave-one-site-out over the non-blind gold, every miss and false alarm
classified by the stage that lost it (issue 29 item 3, d56).

The pages: what ``make train-briefing`` trains on (``scripts/train_briefing_model.py``: ``training_briefings``) and
the non-blind development batches with directives it never trains on (time_dev, time_dev2, time_dev3,
briefings_duties) — never a blind set (briefings_more, the held-out part of briefings_reports, briefings_fresh, the
blind part of briefings_carry).  Each page is judged by a judge fitted, as the training script fits it (same
features, same C and thresholds as the shipped meta.json, the committee with ``--committee``), on the training pages
of every other site (``--folds K``: K folds of whole sites instead of one site at a time, quicker); and by the rules
alone.  (The rules were written with all of these pages in view: their figure is a seen one; the judge's is unseen.)

Kinds, for a gold directive missed (no predicted span covers half of it, as ``benchmarks/eval_briefings.py``):

* a  boundary — a clause overlaps it but none covers half of it (the sentence/clause cut differs), or the clause
     that covers it was taken by another gold directive (two gold directives in one clause);
* b  never a candidate — no clause of the rules overlaps it;
* c  judge/rules did not choose a candidate that covers it: ``c_removed`` (the rules took it, the judge removed it),
     ``c_no_marker`` (the rules left it out for want of a marker and the judge did not add it);
* d  rule-level veto — the covering candidate was left out for a named reason (announcement, finding, …): by reason;

and for a false alarm (a predicted directive that matches no gold): ``a`` when it overlaps a gold directive
(boundary), else ``e`` invented, by what the rules saw in it (done work / report, announcement, heading or slogan,
finding, other).

``--as-stood`` measures what no fold can: the rules were written with every non-blind page in view, so their own
figure there is a seen one.  Each of the latest batches (``AS_STOOD``) was committed before any rule was written on it;
the tree of that commit (``git archive``, in a temporary folder) gives the rules and the shipped judge as they stood
then, and the same kinds are counted on that batch, then summed.

    python benchmarks/directive_errors.py [--folds K] [--committee] [--C 0.3 --keep 0.6 --add 0.6] [--show KIND]
    python benchmarks/directive_errors.py --as-stood
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
ROOT = Path(os.environ.get("DIRECTIVE_ERRORS_TREE") or HERE)  # --as-stood: the tree of an earlier commit
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402

import train_briefing_model as tbm  # noqa: E402
from petitionnlp.briefing.judge import choose, vote  # noqa: E402
from petitionnlp.briefing.learned import DirectiveModel, fit_committee  # noqa: E402
from petitionnlp.text import unify_newlines  # noqa: E402
from eval_briefings import match  # noqa: E402  (the benchmark's own matching of a directive to gold)

AS_STOOD = ("briefings_news11", "briefings_plan11", "briefings_news12", "briefings_bulletins12", "briefings_news13",
            "briefings_plans13", "briefings_news14", "briefings_plans14", "briefings_carry55")  # d51–d55
DEV_WITH_DIRECTIVES = (("time_dev.jsonl", "briefings_timedev"), ("time_dev2.jsonl", "briefings_timedev2"),
                       ("time_dev3.jsonl", "briefings_timedev3"), ("briefings_duties.jsonl", "briefings_duties"))


def pages(shared: Path) -> list[dict]:
    """``examples`` of the training pages and of the non-blind development pages (``train`` false)."""
    dev = [dict(d, origin=o) for name, o in DEV_WITH_DIRECTIVES for d in tbm._rows(tbm.GOLD / name)
           if not tbm._held(d) and not d["doc"].get("time_only")]
    train = tbm.training_briefings(shared)
    out = tbm.examples(train) + [dict(d, train=False) for d in tbm.examples(dev)]
    for d, src in zip(out, train + dev):
        d["text"] = unify_newlines(src["doc"]["text"])
    return out


def site_folds(docs: list[dict], k: int | None) -> list[list[int]]:
    groups = defaultdict(list)
    for i, d in enumerate(docs):
        groups[d["group"]].append(i)
    if not k:
        return list(groups.values())
    return tbm.grouped_folds(docs, k=k, seed=0)


def out_of_site_probabilities(docs, folds, C, committee=False, fit=None):
    """For each page, the probabilities of its candidates under a judge fitted without its site (per member)."""
    size = tbm.COMMITTEE if committee else 1
    probs = [[None] * len(docs) for _ in range(size)]
    fit = fit or (lambda X, y, groups: fit_committee(X, y, groups, C, tbm.COMMITTEE, tbm.COMMITTEE_SHARE)
                  if committee else [DirectiveModel(C=C).fit(X, y)])
    for test in folds:
        ts = set(test)
        X, y, groups = tbm._rows_of(docs, [i for i in range(len(docs)) if i not in ts and docs[i].get("train", True)])
        members = fit(X, y, groups)
        for i in test:
            feats = [c["features"] for c in docs[i]["cands"]]
            for r, m in enumerate(members):
                probs[r][i] = m.predict_proba(feats)[:, 1] if feats else np.zeros(0)
    return probs


def decisions(docs, probs, keep, add):
    if len(probs) > 1:
        return [vote(d["cands"], [p[i] for p in probs], keep, add, tbm.QUORUM) for i, d in enumerate(docs)]
    return [choose(d["cands"], probs[0][i], keep, add) for i, d in enumerate(docs)]


def _covers(g, c) -> bool:
    return g[0] >= 0 and (min(g[1], c[1]) - max(g[0], c[0])) * 2 >= g[1] - g[0]


def _invented_kind(c: dict) -> str:
    f, reason = c.get("features", {}), c.get("reason")
    if f.get("past") or f.get("report_section") or f.get("report_heading") or f.get("report_time") \
            or f.get("statistics=1") or f.get("statistics=>1"):
        return "e_done_or_report"
    if f.get("doc_announcement") or "announce" in str(reason):
        return "e_announcement"
    if f.get("line_alone") or f.get("name_item") or f.get("short_item"):
        return "e_heading_or_slogan"
    if f.get("findings_list") or f.get("goal_section") or f.get("principle_section"):
        return "e_finding_or_goal"
    return "e_other"


def classify(docs: list[dict], dec: list[list[bool]]) -> tuple[Counter, list[tuple[str, str, str]]]:
    """Counts of kinds (see the module docstring) and (kind, page id, text) of each error."""
    counts, rows = Counter(), []
    for d, keep in zip(docs, dec):
        text = d["text"]
        cands = d["cands"]
        spans = [(c["start"], c["end"]) for c in cands]
        kept = [i for i, k in enumerate(keep) if k]
        got = {gi: kept[pi] for gi, pi in match(d["gold"], [spans[i] for i in kept])}  # one to one, as scored
        used = set(got.values())
        counts["gold"] += len(d["gold"])
        counts["pred"] += len(kept)
        counts["tp"] += len(got)
        for gi, g in enumerate(d["gold"]):
            if gi in got:
                continue
            cover = [i for i, s in enumerate(spans) if _covers(g, s)]
            overlap = [i for i, s in enumerate(spans) if min(g[1], s[1]) > max(g[0], s[0])]
            if not cover:
                kind = "a_boundary_cut" if overlap else "b_no_candidate"
            elif any(keep[i] for i in cover):
                kind = "a_boundary_merged"
            else:
                c = cands[cover[0]]
                if c["rule"]:
                    kind = "c_removed"
                elif (c.get("reason") or "no_marker") == "no_marker":
                    kind = "c_no_marker" if c.get("addable", True) else "c_no_marker_not_addable"
                else:
                    kind = f"d_veto:{c['reason']}"
            counts["miss:" + kind] += 1
            rows.append(("miss:" + kind, d["id"], text[g[0]:g[1]] if g[0] >= 0 else "?"))
        for i in kept:
            if i in used:
                continue
            s = spans[i]
            if any(min(g[1], s[1]) > max(g[0], s[0]) for g in d["gold"] if g[0] >= 0):
                kind = "a_boundary"
            else:
                kind = _invented_kind(cands[i])
            counts["false:" + kind] += 1
            rows.append(("false:" + kind, d["id"], text[s[0]:s[1]]))
    return counts, rows


def table(name: str, counts: Counter) -> str:
    tp, n_pred, n_gold = counts["tp"], counts["pred"], counts["gold"]
    p, r, f = tbm._prf(tp, n_pred, n_gold)
    lines = [f"== {name}: gold {n_gold}, predicted {n_pred}, matched {tp}: P {p:.3f} R {r:.3f} F1 {f:.3f}"]
    misses = sorted((k for k in counts if k.startswith("miss:")), key=lambda k: -counts[k])
    falses = sorted((k for k in counts if k.startswith("false:")), key=lambda k: -counts[k])
    lines.append(f"  misses {n_gold - tp}: " + ", ".join(f"{k[5:]} {counts[k]}" for k in misses))
    lines.append(f"  false alarms {n_pred - tp}: " + ", ".join(f"{k[6:]} {counts[k]}" for k in falses))
    return "\n".join(lines)


def stages(counts: Counter) -> Counter:
    """The kinds folded into the stages a..e."""
    out = Counter()
    for k, v in counts.items():
        if ":" in k:
            side, kind = k.split(":", 1)
            out[f"{side}:{kind[0]}"] += v
    return out


def _batch_as_it_stood(batch: str) -> dict:
    """(In the tree of the commit that added ``batch``) the counts of its kinds, rules alone and with the judge."""
    from petitionnlp.briefing.judge import shipped_judge

    rows = [dict(d, origin=batch) for d in tbm._rows(tbm.GOLD / f"{batch}.jsonl")]
    docs = tbm.examples(rows)
    for d, src in zip(docs, rows):
        d["text"] = unify_newlines(src["doc"]["text"])
    judge = shipped_judge()
    ruled = [[bool(c["rule"]) for c in d["cands"]] for d in docs]
    judged = [judge.decide(d["cands"]) if judge and d["cands"] else k for d, k in zip(docs, ruled)]
    return {name: dict(classify(docs, dec)[0]) for name, dec in (("rules", ruled), ("judge", judged))}


def as_stood() -> None:
    """The kinds of errors on each batch of ``AS_STOOD`` with the code and judge of the commit that added it."""
    totals = {"rules": Counter(), "judge": Counter()}
    for batch in AS_STOOD:
        path = f"corpora/briefing/gold/{batch}.jsonl"
        commit = subprocess.run(["git", "log", "--diff-filter=A", "--format=%H", "-1", "--", path], cwd=HERE,
                                capture_output=True, text=True, check=True).stdout.strip()
        with tempfile.TemporaryDirectory() as old:
            archive = subprocess.run(["git", "archive", commit], cwd=HERE, capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x", "-C", old], input=archive, check=True)
            out = subprocess.run([sys.executable, __file__, "--_batch", batch], capture_output=True, text=True,
                                 env=dict(os.environ, DIRECTIVE_ERRORS_TREE=old, PYTHONPATH=old), cwd=old)
        if out.returncode:
            print(f"{batch} ({commit[:7]}): {out.stderr.strip().splitlines()[-1:]}")
            continue
        got = json.loads(out.stdout.strip().splitlines()[-1])
        for name, counts in got.items():
            totals[name].update(counts)
            print(table(f"{batch} as it stood ({commit[:7]}), {name}", Counter(counts)))
    for name, counts in totals.items():
        print(table(f"all {len(AS_STOOD)} batches as they stood, {name}", counts))
        st = stages(counts)
        print("  by stage: " + ", ".join(f"{k} {st[k]}" for k in sorted(st)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--folds", type=int, default=0, help="K folds of whole sites (0: leave one site out)")
    ap.add_argument("--committee", action="store_true", help="the shipped committee's vote, not one judge")
    ap.add_argument("--C", type=float)
    ap.add_argument("--keep", type=float)
    ap.add_argument("--add", type=float)
    ap.add_argument("--show", help="print the errors whose kind holds this text")
    ap.add_argument("--cache", help="a pickle of the pages' candidates (written when absent)")
    ap.add_argument("--as-stood", action="store_true", help="the latest batches with the code that stood before them")
    ap.add_argument("--_batch", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._batch:
        print(json.dumps(_batch_as_it_stood(args._batch), ensure_ascii=False))
        return
    if args.as_stood:
        as_stood()
        return
    meta = json.loads((ROOT / "models" / "briefing_directives" / "meta.json").read_text(encoding="utf-8"))
    C = args.C if args.C is not None else meta["C"]
    keep = args.keep if args.keep is not None else meta["keep_threshold"]
    add = args.add if args.add is not None else meta["add_threshold"]
    if args.cache and Path(args.cache).is_file():
        docs = pickle.loads(Path(args.cache).read_bytes())
    else:
        docs = pages(Path(args.shared))
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps(docs))
    folds = site_folds(docs, args.folds)
    probs = out_of_site_probabilities(docs, folds, C, args.committee)
    judged = decisions(docs, probs, keep, add)
    ruled = [[bool(c["rule"]) for c in d["cands"]] for d in docs]
    how = f"{'leave one site out' if not args.folds else f'{args.folds} folds of sites'}, " \
          f"{'committee' if args.committee else 'one judge'} at C {C}, keep {keep}, add {add}"
    print(f"{len(docs)} pages of {len({d['group'] for d in docs})} sites ({how})")
    for name, dec in (("rules alone", ruled), ("rules and the judge fitted without the page's site", judged)):
        for part, idx in (("all", range(len(docs))),
                          ("trained-on sets", [i for i, d in enumerate(docs) if d.get("train", True)]),
                          ("development sets never trained on", [i for i, d in enumerate(docs)
                                                                 if not d.get("train", True)])):
            counts, rows = classify([docs[i] for i in idx], [dec[i] for i in idx])
            print(table(f"{name} — {part}", counts))
            st = stages(counts)
            print("  by stage: " + ", ".join(f"{k} {st[k]}" for k in sorted(st)))
            if args.show and part == "all":
                for kind, pid, text in rows:
                    if args.show in kind:
                        print(f"    {kind} [{pid}] {text[:70]!r}")


if __name__ == "__main__":
    main()
