"""Changes to the learned judge's features or training, measured on the grouped folds of ``make train-briefing`` (d53b,
issue 29 item 3): each variant is trained and scored as the judge is (sites never split between training and test,
the development pages test folds only, the cuts of ``FOLD_SEEDS``), and printed beside the judge as it is — the mean F1
over the annotated sets and the pooled F1 at the shipped setting and at the variant's best cell of the grids, and the
sets whose F1 the variant lowers at the shipped setting.  One judge, not the committee (the committee votes at the
same setting; d47 found it moves the figures by less than 0.001).

Variants (names after ``--variants``): context features the rules do not give — ``list`` (the rules' verdict on the
candidates before and after, whether the one before ends right where this one starts), ``subject`` (the addressee's
kind: 各…, another body, none), ``deadline`` (the kind of the time expression that governs the clause), ``opening`` (its
first character, from a closed list of order and duty openings), ``density`` (the share of the document's candidates
the rules take) and ``interactions`` (the marker crossed with where the clause stands, the document's kind, a speaker,
a deadline, a past); features taken away — ``no-lexical`` (the character after a marker), ``no-length``; training —
``unweighted`` (no class balancing), ``by-site`` and ``by-set`` (each site, each annotated set weighing the same).
Nothing is printed per record.

    python benchmarks/judge_variants.py [--variants list interactions no-lexical ...] [--seeds 0,1,2,3,4]
"""

from __future__ import annotations

import argparse
import copy
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import train_briefing_model as t  # noqa: E402

from petitionnlp.briefing.learned import DirectiveModel  # noqa: E402

OPENINGS = tuple("对對由要将將请請各已在按确確加进進严嚴坚堅切全实實建开開推强強做落把积積")
FEATURE_VARIANTS = ("list", "subject", "deadline", "opening", "density", "interactions", "no-lexical", "no-length")
TRAINING_VARIANTS = ("unweighted", "by-site", "by-set")


def context(cands: list[dict], which: str) -> list[dict]:
    """The extra features of each candidate of one briefing for the feature variant ``which``."""
    out, n = [], len(cands)
    share = sum(bool(c["rule"]) for c in cands) / n if n else 0.0
    for i, c in enumerate(cands):
        f: dict = {}
        if which == "list":
            if i:
                near = c["start"] - cands[i - 1]["end"] <= 2
                f.update(prev_rule=float(bool(cands[i - 1]["rule"])), prev_near=float(near))
                if near and cands[i - 1]["rule"]:
                    f["prev_rule_near"] = 1.0
            else:
                f["first_cand"] = 1.0
            if i + 1 < n:
                f["next_rule"] = float(bool(cands[i + 1]["rule"]))
            else:
                f["last_cand"] = 1.0
        elif which == "subject":
            a = c.get("addressee") or ""
            f["addr=" + ("each" if a.startswith("各") else "body" if a else "none")] = 1.0
        elif which == "deadline":
            f["dl=" + (c["deadline"]["type"] if c.get("deadline") else "none")] = 1.0
        elif which == "opening":
            f["open=" + (c["action"][:1] if c["action"][:1] in OPENINGS else "other")] = 1.0
        elif which == "density":
            f["doc_rule_share=" + ("0" if not share else "<.25" if share < .25 else "<.5" if share < .5 else ">=.5")] = 1.0
        elif which == "interactions":
            cf = c["features"]
            mark = next((k for k in cf if k.startswith("marker=") and cf[k]), "marker=?")
            for k in ("line_start", "sentence_start", "doc_plan", "doc_issue", "spoken", "subject_body",
                      "time=deadline", "past", "actor", "who"):
                if cf.get(k):
                    f[mark + "&" + k] = 1.0
        out.append(f)
    return out


def with_features(docs: list[dict], which: str) -> list[dict]:
    docs = copy.deepcopy(docs)
    for d in docs:
        for c, extra in zip(d["cands"], context(d["cands"], which)):
            base = c["features"]
            if which == "no-lexical":
                base = {k: v for k, v in base.items() if "_after=" not in k}
            elif which == "no-length":
                base = {k: v for k, v in base.items() if not k.startswith("length=")}
            c["features"] = dict(base, **extra)
    return docs


def weighted_model(which: str, docs: list[dict]):
    """A DirectiveModel whose fit weighs the candidates as the training variant ``which`` says."""

    class Weighted(DirectiveModel):
        def fit(self, X, y):
            from sklearn.feature_extraction import DictVectorizer
            from sklearn.linear_model import LogisticRegression
            from sklearn.pipeline import Pipeline

            cw = None if which == "unweighted" else "balanced"
            self.pipeline_ = Pipeline([("features", DictVectorizer(sparse=True)),
                                       ("model", LogisticRegression(C=self.C, max_iter=2000, class_weight=cw))])
            w = None
            if which in ("by-site", "by-set"):
                key = {id(c["features"]): d["group" if which == "by-site" else "origin"]
                       for d in docs for c in d["cands"]}
                keys = [key[id(x)] for x in X]
                n = Counter(keys)
                w = np.asarray([1.0 / n[k] for k in keys])
                w *= len(w) / w.sum()
            self.pipeline_.fit(X, np.asarray(y, dtype=int), model__sample_weight=w)
            self.classes_ = self.pipeline_.classes_
            return self

    return Weighted


def grouped(docs: list[dict], setting: tuple, seeds) -> tuple[dict, dict, dict]:
    """Over the cuts of ``seeds``: the mean F1 over the sets and the pooled F1 of every cell of the grids, and each
    set's F1 at ``setting``."""
    runs = [t.cross_validate(docs, seed) for seed in seeds]
    macro = {k: sum(r["macro"][k] for r in runs) / len(runs) for k in runs[0]["macro"]}
    pooled = {k: sum(t._prf(*r["scores"][k])[2] for r in runs) / len(runs) for k in runs[0]["scores"]}
    sets: dict = {}
    for r in runs:
        dec = [t.choose(d["cands"], r["probs"][setting[0]][i], setting[1], setting[2]) for i, d in enumerate(docs)]
        for origin, prf in t._by_origin(docs, dec).items():
            sets[origin] = sets.get(origin, 0.0) + prf[2] / len(runs)
    return macro, pooled, sets


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variants", nargs="*", default=list(FEATURE_VARIANTS + TRAINING_VARIANTS))
    ap.add_argument("--seeds", default=",".join(map(str, t.FOLD_SEEDS)))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "corpora"))
    args = ap.parse_args()
    seeds = tuple(int(s) for s in args.seeds.split(","))
    docs = t.examples(t.training_briefings(Path(args.shared))) + \
        [dict(d, train=False) for d in t.examples(t.development_briefings())]
    shipped = t.shipped_setting()
    original = t.DirectiveModel
    rows = []
    for name in ["as it is"] + args.variants:
        vdocs = with_features(docs, name) if name in FEATURE_VARIANTS else docs
        t.DirectiveModel = weighted_model(name, vdocs) if name in TRAINING_VARIANTS else original
        try:
            macro, pooled, sets = grouped(vdocs, shipped, seeds)
        finally:
            t.DirectiveModel = original
        top = max(macro, key=lambda k: (round(macro[k], 4), round(pooled[k], 4)))
        rows.append((name, macro[shipped], pooled[shipped], top, macro[top], pooled[top], sets))
        base = rows[0][6]
        lower = {o[len("briefings_"):]: round(f - base[o], 3) for o, f in sets.items() if f < base[o] - 5e-4}
        print(f"{name:13} shipped {shipped}: mean over sets {rows[-1][1]:.4f}, pooled {rows[-1][2]:.4f}; best {top}: "
              f"{rows[-1][4]:.4f}, {rows[-1][5]:.4f}; sets lowered at the shipped setting: {lower or 'none'}", flush=True)


if __name__ == "__main__":
    main()
