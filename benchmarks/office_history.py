"""The office-history effect: how much half of an office's labelled records improve the model on its other half.

Measured as the issue asks.  An office is a group of real typed records of one source: a province (the records of
its pages; `--group province`, groups with at least `--min-records`) — the records of one office's published
tables.  For each office and seed:

- the SHIPPED model is trained as `make train` trains it (generated corpus + every real record), but without
  any record of this office: what an office gets when it installs the package;
- the office's pages are cut in two halves (by page, at random with the seed); for each half, the OFFICE model is
  trained as `petitionnlp train --corpus HALF` trains it (the half added to the shipped training data, which is
  the generated corpus and the real records of the other offices), and both models are scored on the other half.

Printed: per office and overall (weighted by records scored) micro-F1 and top-1 of the shipped and the office
model, and the gain.  `--relabel one-type` gives the office a convention of its own (only its first published
type a petition, as some offices' tables do) while the other records keep theirs; `--relabel no-soil-odour` is
the issue's own example (an office that files a smell as 大气, never garbage odour as 土壤 nor a smell from sewage
as 水: ``no_soil_odour``).  Fold scheme inside training:
folds by page (`--schemes`).  Slow: every model is a full training (each with its own cross-validation).

`--calibration-only` is the quick experiment the office's calibration strength was chosen with: the real
records' held-out probabilities are computed once (folds by page), the shipped calibration is fitted on all of them
(published labels); then, for each seed, the pages are cut in halves, each half is an office of its own
convention (`--relabel`, or all of them) whose calibration is fitted over the shipped one with each of
`--strengths` (the secondary-type prior's weight) and `--convention-strengths` (the shipped convention floors'
weight), scored on the other half against the shipped calibration (decision rule: the default): micro-F1 and top-1
gain a labelling convention, and their mean.

    .venv/bin/python benchmarks/office_history.py [--seeds 1] [--group province] [--min-records 8]
        [--relabel published|one-type|secondary-main|no-soil-odour] [--folds 5]
    .venv/bin/python benchmarks/office_history.py --calibration-only [--seeds 10] [--strengths 1,2,5]
        [--convention-strengths -,2]
    .venv/bin/python benchmarks/office_history.py --pooled [--seeds 6] [--shipped-share 0.25]
        [--relabel one-type] [--fit-cache /tmp/office_fits]

`--pooled` measures the acceptance check with an office of the size the issue means (a few dozen records): the
typed real records are pooled into one office, grouped by page.  For each seed the pages are shuffled; whole pages
holding `--shipped-share` of the records stay the shipped real records (the SHIPPED model: generated corpus + them,
trained as `make train` trains it, `fit_type_model` with no office records); the other pages are the office, cut
into two halves of about equal size (by page: no page is in both).  For each labelling (`--relabel`, or all four)
and each half, the OFFICE model is what `petitionnlp train --corpus HALF` fits (`train_model`'s call:
`fit_type_model` on generated + shipped real records + the half, relabelled, as the office's records, its seed 0,
its folds; only the page scheme of the card's cross-validation, which is the one its rule is chosen on), scored
with its shipped counterpart on the other half.  Printed: the gain in micro-F1 and top-1 per seed (both halves
pooled), and over the seeds their mean, standard deviation and range.  `--fit-cache DIR` keeps every fitted
type model under a digest of its inputs (texts, labels, weights, parameters and the data files the features
read), so that a change after the logistic regressions (calibration, decision rule) is measured again without
refitting; clear it after changing the features or the regressions (the calibration functions of features.py,
AFTER_THE_FIT, are not part of the key).  `--best-type-strength S` (`-`: none) and `--choice-by exact|micro_f1`
measure the office's calibration and choice with other settings than the shipped ones, on the same fits;
`--office-secondary-rule keep|drop|choose` whether a chosen office candidate keeps the shipped secondary-type rule
(classify.SECONDARY_RULE), or `choose` it on its records (training.OFFICE_SECONDARY_RULE); `--office-secondary-alpha A`
(`-`: never) the chance under which an office's types are no longer given after the first
(training.OFFICE_SECONDARY_ALPHA).  The decision rule's own parameters are not part of a fit's key (DECISION_ONLY).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from petitionnlp import training  # noqa: E402
from petitionnlp.classify import PollutionTypeClassifier, _decide, evaluate_predictions  # noqa: E402
from petitionnlp.training import (OFFICE_BEST_TYPE_STRENGTH, OFFICE_CERTAINTY_STRENGTH,  # noqa: E402
                                  OFFICE_CONVENTION_STRENGTH, OFFICE_STRENGTH, fit_type_model, held_out_proba,
                                  read_corpus)

# `no-soil-odour`, issue 29's own example of an office's convention: an office that files a smell as 大气 and never
# files its source's medium — garbage that stinks (uncovered bins, scrap heaps) is not 土壤, a smell from a sewage
# works or from standing waste water is not 水 (unless the same sentence has the water discharged into something,
# a river, the ground water: then the water itself is the complaint).  Decided from the taxonomy (label_map.tsv: 垃圾/固废 → 土壤,
# 污水/废水 → 水, 异味/恶臭/臭气 → 大气), before any figure: where a sentence names a smell and a source, the source's
# type is replaced by 大气 (at its place; dropped when 大气 is there already).
ODOUR = {"smell": ("臭", "异味", "气味", "熏"),
         "source": {"土壤": ("垃圾", "废弃物", "固废", "固体废物", "废品", "杂物", "粪便"),
                    "水": ("污水处理厂", "污水厂", "污水处理站", "污水", "废水", "粪水")},
         "water reached": {"水": ("排入", "排到", "排进", "流入", "流进", "入河", "入江", "地下水", "饮用水")}}
_SENTENCE_END = "。！？；!?;\n"


def no_soil_odour(text: str, types: list[str]) -> list[str]:
    """The types an office of the `no-soil-odour` convention files (see ODOUR)."""
    import re

    out = list(types)
    for sentence in re.split(f"[{_SENTENCE_END}]", text):
        if not any(c in sentence for c in ODOUR["smell"]):
            continue
        for kind, cues in ODOUR["source"].items():
            if kind not in out or not any(c in sentence for c in cues):
                continue
            if any(c in sentence for c in ODOUR["water reached"].get(kind, ())):
                continue
            out = [t for t in out if t != "大气"]
            out[out.index(kind)] = "大气"
    return out


# an office's labelling convention (text, published types → the office's types): as published; only the first type;
# no secondary 大气 or 噪声 (the smell and the noise beside the main complaint left out, as many tables do); a smell
# filed as 大气, not under its source's medium (no_soil_odour)
RELABEL = {"published": lambda text, types: types, "one-type": lambda text, types: types[:1],
           "secondary-main": lambda text, types: [t for i, t in enumerate(types)
                                                  if i == 0 or t not in ("大气", "噪声")],
           "no-soil-odour": no_soil_odour}


def halves(records: list[dict], rng) -> tuple[list[dict], list[dict]]:
    pages = sorted({r.get("page") or r["text"] for r in records})
    order = [pages[i] for i in rng.permutation(len(pages))]
    first = set(order[:len(order) // 2])
    a = [r for r in records if (r.get("page") or r["text"]) in first]
    return a, [r for r in records if (r.get("page") or r["text"]) not in first]


def score(model, records: list[dict]) -> dict:
    return evaluate_predictions([r["types"] for r in records], model.predict([r["text"] for r in records]))


def calibration_only(generated: list[dict], real: list[dict], args) -> None:
    """The office's calibration alone, on held-out probabilities computed once (see the module's docstring)."""
    model, proba = held_out_proba(generated + real, "page", args.folds)
    proba = proba[len(generated):]
    texts = [r["text"] for r in real]
    shipped = model.fit_calibrator(texts, [r["types"] for r in real], proba)
    fired = model.conventions_.fired_rules(texts)
    main = model.main_types(texts)
    main = np.full(len(texts), -1) if main is None else main
    pages = np.array([r.get("page") or r["text"] for r in real])
    floats = lambda text: [float(x) if x != "-" else None for x in text.split(",")]  # noqa: E731
    settings = [(s, c, b) for s in floats(args.strengths) for c in floats(args.convention_strengths)
                for b in floats(args.best_type_strengths)]
    conventions = [args.relabel] if args.relabel_given else list(RELABEL)
    print(f"{len(real)} real records, held-out probabilities from folds by page; offices: page halves, "
          f"{args.seeds} seeds × 2; default rule; office strength now {OFFICE_STRENGTH}, "
          f"convention strength {OFFICE_CONVENTION_STRENGTH}, best-type strength {OFFICE_BEST_TYPE_STRENGTH}")
    table = {}
    for name in conventions:
        labels = [RELABEL[name](r["text"], r["types"]) for r in real]
        gains = {s: [] for s in settings}
        for seed in range(args.seeds):
            order = np.random.default_rng(seed).permutation(sorted(set(pages)))
            first = np.isin(pages, order[:len(order) // 2])
            for a, b in ((np.flatnonzero(first), np.flatnonzero(~first)), (np.flatnonzero(~first), np.flatnonzero(first))):
                gold = [labels[i] for i in b]
                ship = evaluate_predictions(gold, _decide(shipped.predict_proba(proba[b], fired[b], main[b]), 0.5, 3))
                for setting in settings:
                    strength, conv, best = setting
                    office = model.fit_calibrator([texts[i] for i in a], [labels[i] for i in a], proba[a],
                                                  prior=shipped, strength=strength,
                                                  certainty_strength=OFFICE_CERTAINTY_STRENGTH,
                                                  best_type_strength=best,
                                                  **({} if conv is None else {"convention_strength": conv}))
                    got = evaluate_predictions(gold, _decide(office.predict_proba(proba[b], fired[b], main[b]), 0.5,
                                                             3))
                    gains[setting].append((got["micro_f1"] - ship["micro_f1"],
                                           got["top1_accuracy"] - ship["top1_accuracy"]))
        for setting, g in gains.items():
            table.setdefault(setting, {})[name] = np.mean(g, axis=0)
    shown = lambda v: "—" if v is None else f"{v:g}"  # noqa: E731
    print("strength  conv.strength  best-type strength  " + "  ".join(f"{c:>22s}" for c in conventions)
          + "   mean F1 gain")
    for setting, got in sorted(table.items(), key=lambda kv: -np.mean([v[0] for v in kv[1].values()])):
        print(f"{shown(setting[0]):>8s}  {shown(setting[1]):>13s}  {shown(setting[2]):>18s}  "
              + "  ".join(f"F1 {got[c][0]:+.4f} top1 {got[c][1]:+.4f}" for c in conventions)
              + f"   {np.mean([v[0] for v in got.values()]):+.4f}", flush=True)


# functions of features.py that run after the regressions: the calibration, the decision rule and the keyword list's
# types it reads
AFTER_THE_FIT = ("calibration_design", "calibrate", "decide", "keyword_found", "keyword_hits", "keyword_named")
# parameters of the type model that only the decision rule reads (not part of a fit's key: a fit kept before they
# existed is the same fit)
DECISION_ONLY = ("named_threshold", "unnamed_threshold")


def _fit_source(path) -> str:
    """The code of ``path`` as far as a fit reads it: its syntax tree (comments and layout do not count) without
    its docstring, its ``__all__`` and the functions AFTER_THE_FIT (the calibration, fitted and applied after the
    logistic regressions; the decision rule), so that a change there is measured again on the fits kept."""
    import ast

    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    tree.body = [n for i, n in enumerate(tree.body)
                 if not (isinstance(n, ast.FunctionDef) and n.name in AFTER_THE_FIT)
                 and not (i == 0 and isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))
                 and not (isinstance(n, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in n.targets))]
    return ast.dump(tree)


def fit_cache(directory) -> None:
    """Keep every fitted type model of this process in ``directory`` under a digest of the fit's inputs (the
    texts, labels, weights, which records the memory keeps, the parameters, and the code and data files the
    features read): a later run with the same inputs loads it instead of fitting (see ``--fit-cache``)."""
    import hashlib
    import os

    from petitionnlp import persist

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    inputs = hashlib.sha256()
    inputs.update(_fit_source(ROOT / "petitionnlp/features.py").encode())
    for path in ("corpora/lexicon/pollution_terms.tsv", "corpora/lexicon/mention_rules.tsv",
                 "corpora/taxonomy/conventions.tsv"):
        inputs.update((ROOT / path).read_bytes())
    fit = PollutionTypeClassifier.fit

    def cached_fit(self, X, Y, sample_weight=None, memorize=None):
        X = list(X)
        h = inputs.copy()
        params = {k: v for k, v in self.get_params().items() if k not in DECISION_ONLY}
        h.update(json.dumps([params, X, [list(y) for y in Y]], ensure_ascii=False, default=str).encode())
        for a in (sample_weight, memorize):
            h.update(b"-" if a is None else np.asarray(a, dtype=np.float64).tobytes())
        key = directory / h.hexdigest()[:40]
        if key.with_suffix(".npz").exists():
            with np.load(key.with_suffix(".npz")) as arrays:
                got = persist.unpack(json.loads(key.with_suffix(".json").read_text(encoding="utf-8")), dict(arrays))
            decision = {k: v for k, v in vars(self).items() if k in DECISION_ONLY}  # this model's, not the kept one's
            self.__dict__.update(vars(got))
            self.__dict__.update(decision)
            return self
        fit(self, X, Y, sample_weight, memorize)
        try:
            structure, arrays = persist.pack(self)
        except persist.NotPackable:
            return self
        tmp = key.with_name(f"{key.name}.{os.getpid()}.tmp.npz")
        key.with_suffix(".json").write_text(json.dumps(structure), encoding="utf-8")
        np.savez(tmp, **arrays)
        os.replace(tmp, key.with_suffix(".npz"))  # written last: its presence means the entry is complete
        return self

    PollutionTypeClassifier.fit = cached_fit


def pooled_split(real: list[dict], seed: int, shipped_share: float) -> tuple[list[dict], list[dict], list[dict]]:
    """(shipped real records, the office's first half, its second half): whole pages, shuffled with ``seed``; the
    first pages until they hold ``shipped_share`` of the records are the shipped ones, each later page goes to the
    half that has fewer records so far."""
    pages: dict[str, list[dict]] = {}
    for r in real:
        pages.setdefault(r.get("page") or r["text"], []).append(r)
    names = sorted(pages)
    shipped, halves_ = [], ([], [])
    for i in np.random.default_rng(seed).permutation(len(names)):
        group = pages[names[i]]
        if len(shipped) < shipped_share * len(real):
            shipped += group
        else:
            min(halves_, key=len).extend(group)
    return shipped, halves_[0], halves_[1]


def pooled(generated: list[dict], real: list[dict], args) -> None:
    """The acceptance check on an office pooled from real pages (see the module's docstring)."""
    schemes = tuple(args.schemes.split(","))
    conventions = [args.relabel] if args.relabel_given else list(RELABEL)
    print(f"{len(real)} typed real records pooled by page; shipped share {args.shipped_share}; labels: "
          f"{', '.join(conventions)}; folds {args.folds}; seeds {args.first_seed}..{args.first_seed + args.seeds - 1}; "
          f"office best-type strength {training.OFFICE_BEST_TYPE_STRENGTH}; chosen by {training.OFFICE_CHOICE_BY}; "
          f"secondary-type rule {PollutionTypeClassifier().named_threshold, PollutionTypeClassifier().unnamed_threshold}"
          f", by the office: {getattr(training, 'OFFICE_SECONDARY_RULE', None)}; types after the first by the "
          f"office's counts: alpha {training.OFFICE_SECONDARY_ALPHA}",
          flush=True)
    rows, t0 = [], time.time()
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        ship_real, first, second = pooled_split(real, seed, args.shipped_share)
        base = [dict(r, office=False) for r in ship_real]
        # the shipped model as `make train` fits it (--no-base: every record its own, the real ones tuned on)
        shipped, _ = fit_type_model(generated + base, tune_mask=[False] * len(generated) + [True] * len(base),
                                    folds=args.folds, schemes=schemes)
        for name in conventions:
            relabel = RELABEL[name]
            gold, got_ship, got_office, halves_info = [], [], [], []
            for a, b in ((first, second), (second, first)):
                own = [dict(r, types=relabel(r["text"], r["types"]), office=True) for r in a]
                # `train --corpus A`: the shipped data, then the office's records (train_model's records and mask)
                office, cv = fit_type_model(generated + base + own,
                                            tune_mask=[False] * (len(generated) + len(base)) + [True] * len(own),
                                            folds=args.folds, schemes=schemes)
                texts = [r["text"] for r in b]
                gold += [relabel(r["text"], r["types"]) for r in b]
                got_ship += shipped.predict(texts)
                got_office += office.predict(texts)
                halves_info.append({"trained_on": len(own), "scored": len(b),
                                    "rule": [office.threshold, office.max_types],
                                    "chosen": ((cv or {}).get("choice") or {}).get("chosen"),
                                    "no_secondary": [t for t, row in (((cv or {}).get("choice") or {}).get(
                                        "secondary_types") or {"types": {}})["types"].items() if row["dropped"]],
                                    "office_folds": None if cv is None else
                                    [cv["before"]["micro_f1"], cv["micro_f1"]]})
            before, after = evaluate_predictions(gold, got_ship), evaluate_predictions(gold, got_office)
            row = {"seed": seed, "labels": name, "shipped_real": len(ship_real), "halves": halves_info,
                   "shipped": [before["micro_f1"], before["top1_accuracy"]],
                   "office_model": [after["micro_f1"], after["top1_accuracy"]]}
            rows.append(row)
            print(f"  seed {seed} {name}: shipped real {len(ship_real)}, office {len(first)}+{len(second)}: micro-F1 "
                  f"{before['micro_f1']:.3f} → {after['micro_f1']:.3f} ({after['micro_f1'] - before['micro_f1']:+.3f}), "
                  f"top-1 {before['top1_accuracy']:.3f} → {after['top1_accuracy']:.3f}; rules "
                  f"{[h['rule'] for h in halves_info]}, kept {[h['chosen'] for h in halves_info]}, not after the first "
                  f"{[h['no_secondary'] for h in halves_info]}  "
                  f"({time.time() - t0:.0f} s)", flush=True)
    print("labels          seeds  shipped F1  office F1  gain mean ± sd [min, max]        top-1 gain mean ± sd")
    for name in conventions:
        got = [r for r in rows if r["labels"] == name]
        gain = np.array([np.subtract(r["office_model"], r["shipped"]) for r in got])
        print(f"{name:15s} {len(got):5d}  {np.mean([r['shipped'][0] for r in got]):10.4f}  "
              f"{np.mean([r['office_model'][0] for r in got]):9.4f}  {gain[:, 0].mean():+.4f} ± {gain[:, 0].std():.4f} "
              f"[{gain[:, 0].min():+.4f}, {gain[:, 0].max():+.4f}]   {gain[:, 1].mean():+.4f} ± {gain[:, 1].std():.4f}")
    print(json.dumps({"office_history_pooled": rows}, ensure_ascii=False))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--group", default="province", help="record field that names an office (province, page …)")
    ap.add_argument("--min-records", type=int, default=8, help="offices with fewer typed records are left out")
    ap.add_argument("--calibration-only", action="store_true", help="the quick experiment on the calibration alone")
    ap.add_argument("--strengths", default=f"1,{OFFICE_STRENGTH:g},5",
                    help="office calibration strengths (--calibration-only)")
    ap.add_argument("--convention-strengths", default=f"{OFFICE_CONVENTION_STRENGTH:g}",
                    help="office convention strengths, '-' = the shipped one (--calibration-only)")
    ap.add_argument("--best-type-strengths", default=f"-,{OFFICE_BEST_TYPE_STRENGTH:g}",
                    help="office best-type strengths, '-' = no best-type bias of each type (--calibration-only)")
    ap.add_argument("--relabel", choices=sorted(RELABEL), default=None,
                    help="the office's own labelling convention (the other records keep the published labels)")
    ap.add_argument("--schemes", default="page", help="fold schemes inside each training (the first is used)")
    ap.add_argument("--folds", type=int, default=5, help="folds of the cross-validation inside each training")
    ap.add_argument("--pooled", action="store_true",
                    help="one office of a few dozen records pooled from the real pages (see the docstring)")
    ap.add_argument("--shipped-share", type=float, default=0.25,
                    help="the share of the real records (whole pages) kept as the shipped ones (--pooled)")
    ap.add_argument("--first-seed", type=int, default=0, help="the first seed (--pooled): seeds first..first+seeds-1")
    ap.add_argument("--fit-cache", default=None, help="folder keeping every fitted type model by its inputs")
    ap.add_argument("--best-type-strength", default=None,
                    help="the office's best-type strength instead of OFFICE_BEST_TYPE_STRENGTH, '-' = no best-type "
                         "bias of each type (the calibration before it)")
    ap.add_argument("--choice-by", default=None, choices=("micro_f1", "exact"),
                    help="what the office's candidates are chosen by, instead of OFFICE_CHOICE_BY")
    ap.add_argument("--office-secondary-rule", default=None, choices=("keep", "drop", "choose"),
                    help="whether an office candidate keeps the shipped secondary-type rule (classify.SECONDARY_RULE)"
                         ", drops it or chooses on the office's records, instead of OFFICE_SECONDARY_RULE")
    ap.add_argument("--office-secondary-alpha", default=None,
                    help="the chance under which an office's types are no longer given after the first, instead of "
                         "OFFICE_SECONDARY_ALPHA ('-': never)")
    args = ap.parse_args()
    if args.office_secondary_alpha is not None:
        training.OFFICE_SECONDARY_ALPHA = None if args.office_secondary_alpha == "-" else float(
            args.office_secondary_alpha)
    if args.office_secondary_rule:
        training.OFFICE_SECONDARY_RULE = args.office_secondary_rule
    if args.choice_by:
        training.OFFICE_CHOICE_BY = args.choice_by
    if args.best_type_strength is not None:
        training.OFFICE_BEST_TYPE_STRENGTH = None if args.best_type_strength == "-" else float(args.best_type_strength)
    if args.fit_cache:
        fit_cache(args.fit_cache)
    args.relabel_given = args.relabel is not None
    args.relabel = args.relabel or "published"
    schemes = tuple(args.schemes.split(","))
    generated = [r for r in read_corpus([str(ROOT / "corpora/train/synthetic_petitions.jsonl")]) if r["types"]]
    real = [r for r in read_corpus([str(ROOT / "corpora/train/real_petitions.jsonl")], require_label=False)
            if r["types"]]
    if args.calibration_only:
        return calibration_only(generated, real, args)
    if args.pooled:
        return pooled(generated, real, args)
    offices: dict[str, list[dict]] = {}
    for r in real:
        offices.setdefault(r.get(args.group) or "?", []).append(r)
    offices = {k: v for k, v in offices.items() if len(v) >= args.min_records and k != "?"}
    print(f"{len(real)} typed real records; offices by {args.group} with ≥ {args.min_records}: "
          + ", ".join(f"{k} ({len(v)})" for k, v in offices.items()) + f"; labels: {args.relabel}", flush=True)
    relabel = RELABEL[args.relabel]
    rows, t0 = [], time.time()
    for seed in range(args.seeds):
        rng = np.random.default_rng(seed)
        for name, members in offices.items():
            own = [dict(r, types=relabel(r["text"], r["types"])) for r in members]
            rest = [dict(r, office=True) for r in real if r not in members]
            shipped, _ = fit_type_model(generated + rest, tune_mask=[False] * len(generated) + [True] * len(rest),
                                        seed=seed, schemes=schemes, folds=args.folds)
            base = [dict(r, office=False) for r in rest]
            first, second = halves(own, rng)
            for a, b in ((first, second), (second, first)):
                if not a or not b:
                    continue
                office, _ = fit_type_model(generated + base + [dict(r, office=True) for r in a],
                                           tune_mask=[False] * (len(generated) + len(base)) + [True] * len(a),
                                           seed=seed, schemes=schemes, folds=args.folds)
                before, after = score(shipped, b), score(office, b)
                rows.append({"office": name, "seed": seed, "trained_on": len(a), "scored": len(b),
                             "shipped": [before["micro_f1"], before["top1_accuracy"]],
                             "office_model": [after["micro_f1"], after["top1_accuracy"]]})
                print(f"  {name} seed {seed}: {len(a)} records → scored on {len(b)}: micro-F1 "
                      f"{before['micro_f1']:.3f} → {after['micro_f1']:.3f}, top-1 {before['top1_accuracy']:.3f} → "
                      f"{after['top1_accuracy']:.3f}  ({time.time() - t0:.0f} s)", flush=True)
    n = np.array([r["scored"] for r in rows], dtype=float)
    ship = np.array([r["shipped"] for r in rows])
    off = np.array([r["office_model"] for r in rows])
    mean = lambda a: (a * n[:, None]).sum(0) / n.sum()  # noqa: E731
    s, o = mean(ship), mean(off)
    print(f"overall ({len(rows)} halves, {int(n.sum())} records scored): micro-F1 {s[0]:.4f} → {o[0]:.4f} "
          f"(gain {o[0] - s[0]:+.4f}), top-1 {s[1]:.4f} → {o[1]:.4f} (gain {o[1] - s[1]:+.4f})")
    print(json.dumps({"office_history": {"labels": args.relabel, "group": args.group, "halves": rows,
                                         "micro_f1": [round(s[0], 4), round(o[0], 4)],
                                         "top1": [round(s[1], 4), round(o[1], 4)]}}, ensure_ascii=False))


if __name__ == "__main__":
    main()
