"""Train the learned judge of briefing directives (petitionnlp/briefing/learned.py) and write its card.

Trains on the annotated briefings that no held-out figure is read on: corpora/briefing/gold/briefings_new.jsonl,
the development part of corpora/briefing/gold/briefings_reports.jsonl, corpora/briefing/gold/briefings_added.jsonl
(issue 29, item 3: pages of sites never used, annotated before the extractor was run on them), the part of
corpora/briefing/gold/briefings_carry.jsonl that is not blind (issue 29 item 3, "directives that carry over"),
corpora/briefing/gold/briefings_notices.jsonl (d42: meetings' numbered orders, forwarding notices, a task table, news
of measures taken; annotated blind and reported as it stood before it was trained on), corpora/briefing/gold/briefings_tasks.jsonl
(d42b: plans' task lists, duties without an order word, rectification plans and a measure's public table, progress
bulletins, a forwarding notice; annotated blind and reported as it stood before it was trained on),
corpora/briefing/gold/briefings_news.jsonl (d43: news of meetings and inspections, a supervision notice, a town's
bulletin, a plan's measures; annotated blind and reported as it stood before it was trained on),
corpora/briefing/gold/briefings_news2.jsonl (d43b: meetings' orders, a warning talk's pledges, cross checks, an
inspection's entry, township and park checks, the ministry's requirements; annotated blind and reported as it stood
before it was trained on), corpora/briefing/gold/briefings_news3.jsonl (d44: provincial leading-group and deployment
meetings' orders, progress notices and reports, news of rectification plans, night checks and a warning talk, a model
bulletin; annotated blind and reported as it stood before it was trained on), corpora/briefing/gold/briefings_news4.jsonl
(d45: a follow-up check's bulletin, warning talks with pledges and commitments, site checks, town meetings against straw
burning, a report of measures taken; annotated blind and reported as it stood before it was trained on),
corpora/briefing/gold/briefings_news5.jsonl (d46b), briefings_news6.jsonl (d47: meetings' and heads' orders, an
inspection's second look, a warning talk, a town's rules with standing duties), briefings_news7.jsonl (n47: a
bureau's reporting deadlines, on-site orders, an inspection's entry, a warning talk, a plan's principles) and
briefings_news8.jsonl (d48: joint and night checks with orders retold, a warning talk with a reporting limit, a task's
measures, a plan's measures with 将 and a period, work points, meetings' orders) and briefings_news9.jsonl (d49:
meetings' and patrols' orders with a bare 要, numbered tasks without a marker word, a bureau's next step and proposal, the
ministry's plan with its duties and deadlines, a request for comments, slogans and themes that are no directive) and
briefings_news10.jsonl (d50: numbered duties under short headings, conditional sanctions framed by 对…的, orders parted by
semicolons, standing duties without a marker, a forwarding notice) and briefings_news11.jsonl (d51: news reports of
meetings and inspections with periodic and deadline duties, announcements and slogans that are no directive, orders
parted by 既要…又要…) and briefings_plan11.jsonl (d51b: rectification tasks laid out by their labels, measures with
their responsible units and deadlines, 督办 orders, a bulletin without directives) and briefings_news12.jsonl (d52: news
of meetings and supervision visits of the provinces the sets held least, duties written without an order word) and
briefings_bulletins12.jsonl (d52b: a county office's 督办 notice, river-chief rules and plans, 边督边改 progress counts,
an entry announcement, reports of what was done) and briefings_news13.jsonl (d53: news of meetings and inspections of
Tianjin, Jilin, Beijing, Ningxia, Hainan and a Xinjiang division-city, opinions numbered after 提出, a body's duty among
a meeting's orders, pledges with 将 and no subject, an inspection's own programme that is no directive) and
briefings_news14.jsonl (d54: news of meetings that deploy rectification and of leaders' supervision visits of
Chongqing, Beijing, Yunnan, Shanghai, Gansu, Anhui, Liaoning and Xinjiang, conditional orders framed by …的, bodies'
duties parted by semicolons, 必须 and 既要…又要…, a retold order and a district's commitment) and
briefings_plans13.jsonl (d53b: a city's 交办单, a task laid out by
its labels, acceptance meetings and rules, a township's check, a river-chief meeting, a region's rectification news and
plan, a rectification office's orders with dated limits, a county 督查室's bulletin, reports without directives) and
briefings_plans14.jsonl (d54b: a city plan's task list with its 责任单位 notes, progress items of what was done, a
region's next step, news of published plans, an audit rectification report, district plans with a standing duty,
forwarding notices, a county report's duties on its outstanding problems, a central team's assessment) and
briefings_carry55.jsonl (d55: meeting, dispatch and summons news of Shaanxi, Hebei and Anhui with short headings with
要, supervision visits with conditional orders framed by …的, a town's numbered requirements and commitment, a 督查
bulletin, numbered findings and an announcement without directives); each
annotated blind and reported as it stood before it was trained on) and, when the
shared corpora are beside the
repo, ../shared/corpora/briefings_dev.jsonl without its pages listed in reserved_sources.txt.  Never the blind sets:
briefings_more.jsonl (issue 21), the held-out part of briefings_reports.jsonl, briefings_fresh.jsonl (issue 29) and the
blind part of briefings_carry.jsonl.

The development pages of new kinds — corpora/briefing/gold/time_dev.jsonl and time_dev2.jsonl, 68 pages of sites never
used, annotated before the extractor was run on them — are never trained on: they are test folds of the grouped
cross-validation only (their sites are dealt into the folds with the others), so that the thresholds are chosen on
pages the rules were not written on as well.  On the training pages the rules' directives are almost always right, so
there alone a threshold that takes one away never pays; on the new kinds most errors are such directives (reports of
what was done, announcements, headings).

The regularisation C and the two thresholds (keep a directive of the rules at p ≥ keep — only a removable one,
of the kinds false on new pages (done work, a heading, a closing formula, an aim 为… whose marker is not the order,
a clause under a section that reports what was done, any in a document that reports to a body), may be taken away;
add a clause the rules (never in a document that reports to a body, under a section that reports what was done or
with a time word of a report: 截至目前, 近日)
leave out at p ≥ add) are chosen on folds grouped by source (a page's site: the briefings of one site are never
split between training and test), by the mean over the annotated sets of each set's directive F1 on the test folds
(ties: the pooled F1), so that the pages of kinds the rules were not written on weigh as much as those they were —
and the shipped setting stays while it is within SETTLE of the best (d42b, ``stable_choice``: the surface is flat and
its single best cell moved with every few pages added);
the rules alone (keep 0, add never) are scored on the same folds.  What ships (d47) is a committee at the chosen
setting: COMMITTEE judges, each fitted without COMMITTEE_SHARE of the training sites; a clause leaves the rules'
decision only when at least QUORUM of them change it (the judge's spread across retrainings came from which sites
train it); its grouped-CV figures are computed on the same folds and decide whether it is enabled.  When the learned judge does not beat the rules alone there, the model is
still written (so that the pipeline and its tests have one), with ``enabled`` false in meta.json, and the pipeline
leaves the rules' directives as they are.

    python scripts/train_briefing_model.py [-o models/briefing_directives] [--shared ../shared/corpora] [--card-only]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from petitionnlp.briefing.directives import find_candidates  # noqa: E402
from petitionnlp.briefing.judge import choose, vote  # noqa: E402
from petitionnlp.briefing.learned import DirectiveModel, fit_committee, match_gold  # noqa: E402
from petitionnlp.briefing.timex import document_date, find_time_expressions  # noqa: E402
from petitionnlp.dates import parse_date  # noqa: E402
from petitionnlp.text import unify_newlines  # noqa: E402

GOLD = ROOT / "corpora" / "briefing" / "gold"
C_GRID = (0.03, 0.1, 0.3, 1.0)
KEEP_GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8)  # applies only to a removable directive
# of the rules (judge_removable_* in directive_rules.json: done work, a heading, a closing formula); 0: none is taken away
ADD_GRID = (0.6, 0.7, 0.8, 0.9, 0.95, 1.01)  # 1.01: never add; d42b: no 0.5 — a clause the rules left out is
# added only when the model is surer than a coin (tests/test_briefing_issue29.py asks add > 0.5 of the shipped judge;
# the grouped CV is flat around there, 0.860–0.867 over C 0.1–1.0 and keep 0.4–0.8, and 0.5 won by noise)
FOLDS = 5
FOLD_SEEDS = (0, 1, 2, 3, 4)  # d43: the setting is chosen on the grouped CV averaged over these cuts of the sites
COMMITTEE, COMMITTEE_SHARE, QUORUM = 8, 0.1, 0.5  # d47: the shipped judge votes — 8 judges, each without a tenth
# of the training sites; a clause leaves the rules' decision when at least half of them change it.  Fixed on the grouped
# folds before any held-out set was read (benchmarks/judge_committee.py, cuts 0 and 1, at the shipped setting): mean F1
# over the sets 0.8711 (one judge) → 0.8704, decisions that differ between two retrainings on other subsets of the
# sites 20.5 → 4.0 (quorum 0.75: 0.8683 / 5.5; 1.0: 0.8636 / 10.0)
SETTLE = 0.005  # d42b: the shipped setting stays while it is within this of the best mean F1 over the sets (about two
# directives of one set; the surface is that flat)


def _rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()] if path.is_file() else []


def _held(d: dict) -> bool:
    return bool(d.get("held_out") or d["doc"].get("held_out") or d["doc"].get("blind"))


def training_briefings(shared: Path) -> list[dict]:
    """The annotated briefings the model may learn from (see the module docstring), each with its ``origin``."""
    reserved_file = shared / "reserved_sources.txt"
    reserved = {x.strip() for x in reserved_file.read_text(encoding="utf-8").splitlines()
                if x.strip() and not x.startswith("#")} if reserved_file.is_file() else set()
    out = [dict(d, origin="briefings_dev") for d in _rows(shared / "briefings_dev.jsonl")
           if d["doc"].get("url") not in reserved]
    out += [dict(d, origin="briefings_new") for d in _rows(GOLD / "briefings_new.jsonl")]
    out += [dict(d, origin="briefings_reports") for d in _rows(GOLD / "briefings_reports.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_added") for d in _rows(GOLD / "briefings_added.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_carry") for d in _rows(GOLD / "briefings_carry.jsonl")
            if not _held(d) and not d["doc"].get("blind")]
    out += [dict(d, origin="briefings_notices") for d in _rows(GOLD / "briefings_notices.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_tasks") for d in _rows(GOLD / "briefings_tasks.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_news") for d in _rows(GOLD / "briefings_news.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_news2") for d in _rows(GOLD / "briefings_news2.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_news3") for d in _rows(GOLD / "briefings_news3.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_news4") for d in _rows(GOLD / "briefings_news4.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_news5") for d in _rows(GOLD / "briefings_news5.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_news6") for d in _rows(GOLD / "briefings_news6.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_news7") for d in _rows(GOLD / "briefings_news7.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_news8") for d in _rows(GOLD / "briefings_news8.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_news9") for d in _rows(GOLD / "briefings_news9.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_news10") for d in _rows(GOLD / "briefings_news10.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_news11") for d in _rows(GOLD / "briefings_news11.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_plan11") for d in _rows(GOLD / "briefings_plan11.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_news12") for d in _rows(GOLD / "briefings_news12.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_bulletins12") for d in _rows(GOLD / "briefings_bulletins12.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_news13") for d in _rows(GOLD / "briefings_news13.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_plans13") for d in _rows(GOLD / "briefings_plans13.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_plans14") for d in _rows(GOLD / "briefings_plans14.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_news14") for d in _rows(GOLD / "briefings_news14.jsonl") if not _held(d)]
    out += [dict(d, origin="briefings_carry55") for d in _rows(GOLD / "briefings_carry55.jsonl") if not _held(d)]
    return out


DEVELOPMENT_SETS = (("time_dev.jsonl", "briefings_timedev"), ("time_dev2.jsonl", "briefings_timedev2"))


def development_briefings() -> list[dict]:
    """The development pages of new kinds, each with its ``origin``: scored in the grouped folds, never trained on."""
    return [dict(d, origin=origin) for name, origin in DEVELOPMENT_SETS for d in _rows(GOLD / name) if not _held(d)]


def _locate(text: str, spans: list[str]) -> list[tuple[int, int]]:
    seen: dict[str, int] = {}
    out = []
    for s in spans:
        pos = text.find(s, seen.get(s, 0))
        if pos < 0:
            pos = text.find(s)
        seen[s] = pos + 1
        out.append((pos, pos + len(s)))
    return out


def examples(briefings: list[dict]) -> list[dict]:
    """Per briefing: its group (the page's site), candidates with features and labels, and its gold spans."""
    out = []
    for d in briefings:
        doc = d["doc"]
        text = unify_newlines(doc["text"])
        day = parse_date(doc.get("date")) or document_date(text)
        cands = find_candidates(text, find_time_expressions(text, day, title=doc.get("title")))  # as eval_briefings
        gold = _locate(text, [g["action"] for g in d["gold"]["directives"]])
        spans = [(c["start"], c["end"]) for c in cands]
        url = doc.get("url")
        out.append({"id": doc.get("id"), "group": urlparse(url).netloc if url else doc.get("id"), "cands": cands,
                    "gold": gold, "labels": match_gold(gold, spans), "origin": d["origin"]})
    return out


def _score(docs: list[dict], decisions: list[list[bool]]) -> tuple[int, int, int]:
    tp = n_pred = n_gold = 0
    for d, keep in zip(docs, decisions):
        spans = [(c["start"], c["end"]) for c, k in zip(d["cands"], keep) if k]
        tp += sum(match_gold(d["gold"], spans))
        n_pred += len(spans)
        n_gold += len(d["gold"])
    return tp, n_pred, n_gold


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def grouped_folds(docs: list[dict], k: int = FOLDS, seed: int = 0) -> list[list[int]]:
    """Indices of the test briefings of each fold: whole sites, the largest first into the smallest fold (seed 0);
    another seed deals the sites in a shuffled order, each into the smallest fold (another cut, as balanced)."""
    groups = defaultdict(list)
    for i, d in enumerate(docs):
        groups[d["group"]].append(i)
    folds: list[list[int]] = [[] for _ in range(k)]
    order = sorted(groups, key=lambda g: (-sum(len(docs[i]["gold"]) + 1 for i in groups[g]), g))
    if seed:
        order = sorted(groups)
        random.Random(seed).shuffle(order)
    for g in order:
        min(folds, key=lambda f: sum(len(docs[i]["gold"]) + 1 for i in f)).extend(groups[g])
    return folds


def cross_validate_seeds(docs: list[dict], seeds: tuple[int, ...] = FOLD_SEEDS) -> dict:
    """``cross_validate`` on the folds of each seed, with ``macro`` and ``pooled`` averaged over the seeds (the
    setting is chosen on those: one cut of the sites into folds moved the chosen cell, and with it the blind sets, by
    about 0.01); ``probs``, ``scores`` and ``folds`` are the first seed's, for the card."""
    runs = [cross_validate(docs, seed) for seed in seeds]
    out = dict(runs[0])
    out["macro"] = {key: sum(r["macro"][key] for r in runs) / len(runs) for key in runs[0]["macro"]}
    out["pooled"] = {key: sum(_prf(*r["scores"][key])[2] for r in runs) / len(runs) for key in runs[0]["scores"]}
    out["rules_macro"] = sum(r["rules_macro"] for r in runs) / len(runs)
    out["seeds"] = list(seeds)
    return out


def cross_validate(docs: list[dict], seed: int = 0) -> dict:
    """Out-of-fold probabilities for each C, and the pooled scores of every (C, keep, add)."""
    folds = grouped_folds(docs, seed=seed)
    probs = {c: [None] * len(docs) for c in C_GRID}
    for test in folds:
        train = [i for i in range(len(docs)) if i not in set(test) and docs[i].get("train", True)]
        X = [c["features"] for i in train for c in docs[i]["cands"]]
        y = [lab for i in train for lab in docs[i]["labels"]]
        for C in C_GRID:
            model = DirectiveModel(C=C).fit(X, y)
            for i in test:
                probs[C][i] = model.predict_proba([c["features"] for c in docs[i]["cands"]])[:, 1] \
                    if docs[i]["cands"] else np.zeros(0)
    scores, macro = {}, {}
    for C in C_GRID:
        for keep in KEEP_GRID:
            for add in ADD_GRID:
                dec = [choose(d["cands"], probs[C][i], keep, add) for i, d in enumerate(docs)]
                scores[(C, keep, add)] = _score(docs, dec)
                macro[(C, keep, add)] = _macro(docs, dec)
    dec_rules = [[c["rule"] for c in d["cands"]] for d in docs]
    return {"folds": folds, "probs": probs, "scores": scores, "macro": macro, "rules": _score(docs, dec_rules),
            "rules_macro": _macro(docs, dec_rules)}


def shipped_setting() -> tuple | None:
    """(C, keep, add) of the judge shipped in ``models/briefing_directives`` (its meta.json), or None."""
    meta = ROOT / "models" / "briefing_directives" / "meta.json"
    if not meta.is_file():
        return None
    m = json.loads(meta.read_text(encoding="utf-8"))
    k = (m.get("C"), m.get("keep_threshold"), m.get("add_threshold"))
    return k if all(v is not None for v in k) else None


def stable_choice(macro: dict, pooled: dict, shipped: tuple | None, grids=None) -> tuple:
    """The (C, keep, add) to ship: among the settings whose mean F1 over the sets (grouped folds) is within
    ``SETTLE`` of the best, the one nearest the shipped judge's on the grids (steps along each, summed) — then the
    higher mean F1, the pooled F1, the lower keep, the higher add, the lower C.  The grouped CV is flat (d42b: 0.860–
    0.867 over C 0.1–1.0 and keep 0.4–0.8) and its single best cell moved with every few pages (C 0.1–1.0, keep
    0.55–0.8, add 0.5–0.7): the judge moves only when the folds say so by more than that noise.  Without a shipped
    judge (or one off the grids), the best cell."""
    grids = grids or (C_GRID, KEEP_GRID, ADD_GRID)
    top = max(round(v, 4) for v in macro.values())
    near = [k for k in macro if round(macro[k], 4) >= top - SETTLE]

    def steps(k):
        if shipped is None or any(v not in g for v, g in zip(shipped, grids)):
            return 0
        return sum(abs(g.index(a) - g.index(b)) for a, b, g in zip(k, shipped, grids))

    return max(near, key=lambda k: (-steps(k), round(macro[k], 4), round(pooled[k], 4), -k[1], k[2], -k[0]))


def _macro(docs: list[dict], decisions: list[list[bool]]) -> float:
    """The mean of the directive F1 of each annotated set (``origin``), each pooled over its test folds: every kind
    of page weighs the same, so the sets the rules were written on (where they score about 0.95) do not decide
    alone whether the judge adds the duties the rules miss on pages of other kinds."""
    by = _by_origin(docs, decisions)
    return sum(f for _, _, f in by.values()) / len(by)


def _by_origin(docs: list[dict], decisions: list[list[bool]]) -> dict:
    out = {}
    for origin in sorted({d["origin"] for d in docs}):
        idx = [i for i, d in enumerate(docs) if d["origin"] == origin]
        out[origin] = _prf(*_score([docs[i] for i in idx], [decisions[i] for i in idx]))
    return out


def _rows_of(docs: list[dict], idx) -> tuple[list[dict], list[bool], list[str]]:
    X = [c["features"] for i in idx for c in docs[i]["cands"]]
    y = [lab for i in idx for lab in docs[i]["labels"]]
    groups = [docs[i]["group"] for i in idx for _ in docs[i]["cands"]]
    return X, y, groups


def committee_cv(docs: list[dict], C: float, keep: float, add: float, seeds: tuple[int, ...] = FOLD_SEEDS) -> dict:
    """The committee's out-of-fold decisions on the grouped folds of each seed (its members fitted on each fold's
    training pages: :func:`.learned.fit_committee`), with the mean F1 over the sets and the pooled scores averaged
    over the seeds; ``decisions`` are the first seed's, for the card."""
    macro, pooled, first = [], [], None
    for seed in seeds:
        probs: list = [[None] * len(docs) for _ in range(COMMITTEE)]
        for test in grouped_folds(docs, seed=seed):
            ts = set(test)
            members = fit_committee(*_rows_of(docs, [i for i in range(len(docs)) if i not in ts
                                                     and docs[i].get("train", True)]), C, COMMITTEE, COMMITTEE_SHARE)
            for i in test:
                feats = [c["features"] for c in docs[i]["cands"]]
                for r, m in enumerate(members):
                    probs[r][i] = m.predict_proba(feats)[:, 1] if feats else np.zeros(0)
        dec = [vote(d["cands"], [p[i] for p in probs], keep, add, QUORUM) for i, d in enumerate(docs)]
        macro.append(_macro(docs, dec))
        pooled.append(_score(docs, dec))
        first = first or dec
    return {"macro": sum(macro) / len(macro), "scores": pooled[0], "decisions": first}


def train(docs: list[dict], seeds: tuple[int, ...] = FOLD_SEEDS,
          shipped: tuple | None | str = "shipped") -> tuple[DirectiveModel, dict]:
    """The judge of ``docs`` (``examples``; those with ``train`` false are test folds only) and its meta: the setting
    chosen on the grouped CV over the cuts of ``seeds`` (``stable_choice``, anchored at ``shipped``: the shipped
    judge's setting unless given), then fitted on all the training pages."""
    cv = cross_validate_seeds(docs, seeds)
    best = stable_choice(cv["macro"], cv["pooled"], shipped_setting() if shipped == "shipped" else shipped)
    learned_f1 = cv["macro"][best]
    rules_f1 = cv["rules_macro"]
    C, keep, add = best
    committee = committee_cv(docs, C, keep, add, seeds)  # what ships: the committee at the chosen setting (d47)
    enabled = committee["macro"] > rules_f1
    dec_rules = [[c["rule"] for c in d["cands"]] for d in docs]
    trained_idx = [i for i, d in enumerate(docs) if d.get("train", True)]
    trained = [docs[i] for i in trained_idx]
    X, y, groups = _rows_of(docs, trained_idx)
    model = DirectiveModel(C=C, keep_threshold=keep, add_threshold=add, enabled=enabled).fit(X, y)
    model.committee_ = fit_committee(X, y, groups, C, COMMITTEE, COMMITTEE_SHARE)
    meta = {"trained": dt.date.today().isoformat(),
            "briefings": len(trained), "sites": len({d["group"] for d in trained}), "candidates": len(X),
            "directives": int(sum(len(d["gold"]) for d in trained)), "folds": FOLDS, "fold_seeds": cv["seeds"],
            "development_briefings": len(docs) - len(trained),
            "committee_share": COMMITTEE_SHARE,
            "grouped_cv": {"rules": dict(zip("prf", _prf(*cv["rules"]))),
                           "rules_and_learned": dict(zip("prf", _prf(*committee["scores"]))),
                           "one_judge": dict(zip("prf", _prf(*cv["scores"][best]))),
                           "macro_f1": {"rules": rules_f1, "rules_and_learned": committee["macro"],
                                        "one_judge": learned_f1}},
            "by_origin": {"rules": _by_origin(docs, dec_rules),
                          "rules_and_learned": _by_origin(docs, committee["decisions"])}}
    return model, meta


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", default=str(ROOT / "models" / "briefing_directives"))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--card-only", action="store_true", help="write the card again from the saved model, no training")
    args = ap.parse_args()
    if args.card_only:
        print(rewrite_card(Path(args.output)))
        return
    docs = examples(training_briefings(Path(args.shared))) + \
        [dict(d, train=False) for d in examples(development_briefings())]
    model, meta = train(docs)
    model.save(args.output, meta, model.committee_, QUORUM)
    weights = model.pipeline_.named_steps["model"].coef_[0]
    names = model.pipeline_.named_steps["features"].feature_names_
    card = _card(meta, model, sorted(zip(weights, names)))
    (Path(args.output) / "MODEL_CARD.md").write_text(card, encoding="utf-8")
    print(card)


def _fmt(prf) -> str:
    return f"精确率 {prf[0]:.3f}，召回率 {prf[1]:.3f}，F1 {prf[2]:.3f}"


SET_NAMES = {"briefings_dev": "共享开发简报", "briefings_new": "新标注简报", "briefings_reports": "报告、通报与方案",
             "briefings_added": "新增的他站文本", "briefings_carry": "可迁移类型的新增文本",
             "briefings_notices": "会议要求、转发通知与任务表", "briefings_tasks": "任务清单与无标志词的职责",
             "briefings_news": "会议与督察新闻、督查通知与通报",
             "briefings_news2": "第二批会议与督察新闻、表态与交叉督查",
             "briefings_news3": "第三批会议、整改方案与督察新闻、进展公示与约谈",
             "briefings_news4": "第四批督查通报、约谈与表态、工地检查、秸秆禁烧会议",
             "briefings_news5": "第五批会议与领导要求、人大调研、督察局检查、任务清单公布",
             "briefings_news6": "第六批会议与领导要求、回头看、约谈、乡镇例会制度",
             "briefings_news7": "第七批报送时限、现场督办、督察进驻、约谈、方案原则",
             "briefings_news8": "第八批联合检查与夜查、约谈报送时限、整改措施、方案措施与频次、工作要点",
             "briefings_news9": "第九批会议与巡查要求、无标志词的任务、下一步与建议、部里方案的职责与时限、征求意见、口号",
             "briefings_news10": "第十批短标题下的编号职责、“对…的”条件处罚、分号分隔的要求、无标志词的常设职责、转发通知",
             "briefings_news11": "第十一批会议与督察的新闻报道、定期与限期职责、不是要求的公告与口号、“既要…又要…”",
             "briefings_plan11": "整改任务表与督办：按标签排列的整改任务、带责任单位和时限的措施、督办要求、无要求的通报",
             "briefings_news12": "第十二批会议与督察的新闻报道：没有要求用语的职责（立即整改到位、一时改不了的…、每月召开…）",
             "briefings_bulletins12": "督办通知与通报：县政府办督办、河长制规定与方案、边督边改进展、进驻公告、已完成工作的报告",
             "briefings_news13": "第十三批会议与督察的新闻报道：“提出”后的编号意见、会议要求中单位的职责、“表示将…”的承诺、不是要求的督察安排",
             "briefings_plans13": "整改清单与督查通报：交办单、按标签排列的整改任务、验收会议与办法、整改办会议的限期要求、整改方案的原则、督查室通报",
             "briefings_plans14": "整改方案与整改进展：带责任单位的任务清单、已完成事项的进展、下一步安排、转发通知、县里对突出问题的分工、督察组的评价",
             "briefings_news14": "第十四批会议部署与领导督导的新闻报道：“…的”引出的条件要求、分号分隔的单位职责、“必须”与“既要…又要…”、转述的要求与承诺",
             "briefings_carry55": "会议、调度与约谈的新闻和领导督导：带“要”的短标题、“…的”引出的条件要求、镇里的编号要求与承诺、督查通报、编号列出的不足与督察公告（没有要求）",
             "briefings_timedev": "新类型开发页面，不训练", "briefings_timedev2": "第二批新类型开发页面，不训练"}


def _card(meta: dict, model: DirectiveModel, top: list) -> str:
    """The model card, in Chinese (the workbench's 模型 page shows it to an administrator); names of files,
    libraries and features stay as they are written, in code spans."""
    cv = meta["grouped_cv"]
    rows = "\n".join(f"| {SET_NAMES.get(origin, origin)}（`{origin}`） | {_fmt(meta['by_origin']['rules'][origin])} | "
                     f"{_fmt(meta['by_origin']['rules_and_learned'][origin])} |" for origin in meta["by_origin"]["rules"])
    shown = lambda n: n.replace("\n", "\\n")  # noqa: E731  a feature of a line break on one line of the card
    neg = "，".join(f"`{shown(n)}` {w:+.2f}" for w, n in top[:8])
    pos = "，".join(f"`{shown(n)}` {w:+.2f}" for w, n in reversed(top[-8:]))
    state = "简报流水线**正在使用**它" if model.enabled else \
        "简报流水线**没有使用**它：在分组交叉验证中它没有胜过单用规则，流水线保留规则给出的指示"
    y, m, d = (int(x) for x in meta["trained"].split("-"))
    never = "（即从不增补）" if model.add_threshold > 1 else ""
    return f"""# 简报指示判别模型（`briefing_directives`）说明

一个逻辑回归模型（`scikit-learn` 的 `DictVectorizer` 加 `LogisticRegression`，按类别平衡加权），判断简报中的一个分句是不是一条指示。
它看的是指示规则所依据的线索（`petitionnlp/briefing/directives.py` 的 `find_candidates`）：标志词及其位置、序号、讲话人、
时间表达、是否在叙述过去或统计数字、文件的种类——而不是规则自己的结论：它是依据同样线索的第二意见。
规则认定的指示只有可去掉的几类（已完成的工作、没有句末标点的独立一行、“请予审议”一类结束语、标志词只在“为…”目的里而后面是汇报的分句、标题读作汇报已做工作的一节（一、…推进情况，不含“要求”“下一步”一类词）里的分句、以自己的口吻向上级报告的文件（开头或结尾、引号外的…报告如下、请予审议）里的指示、编号标题的简短名称（（一）指导思想、4、监督检查）：`directive_rules.json` 的 `judge_removable_*`，但带有期限或交办（…前完成、由…负责、责成、移交）的指示从不去掉：`judge_kept_*`）在概率低于 {model.keep_threshold} 时去掉，其余一律保留；规则没有认定的分句在概率不低于 {model.add_threshold} 时增补{never}，但向上级报告的文件里、汇报已做工作的一节里、带有汇报时间词（截至目前、近日、连日来）的分句和编号标题的简短名称从不增补（`judge_not_addable_features`）；
正则化系数 C = {model.C}。
实际判断由 {meta.get('committee_size', 8)} 个同样设置的模型投票：每个模型训练时随机去掉十分之一的网站（`committee_share` {meta.get('committee_share', 0.1)}），
至少一半模型改变规则的判断时才改变，否则保留规则的判断——换几个训练网站就会来回变化的分句，按规则处理（d47）。{state}。

- 训练：{y}年{m}月{d}日，由 `make train-briefing`（`scripts/train_briefing_model.py`）在 {meta['briefings']} 份已标注简报上训练，
  来自 {meta['sites']} 个网站（{meta['directives']} 条指示，{meta['candidates']} 个候选分句）：共享的开发简报（去掉保留页面）、
  `corpora/briefing/gold/briefings_new.jsonl`、`briefings_reports.jsonl` 的开发部分、`briefings_added.jsonl`（问题 29 第 3 项新增的他站文本）
、`briefings_carry.jsonl` 的非盲测部分（会议新闻、督查制度、方案里没有标志词的任务）
  、`briefings_notices.jsonl`（会议的编号要求、转发通知与方案开头、整改任务表、已做工作的报道）
  、`briefings_tasks.jsonl`（方案的任务清单、没有标志词的职责、整改方案与整改措施公示表、进展通报、转发通知）
  、`briefings_news.jsonl`（会议与督察新闻、督查通知与通报、整改方案的措施）
  、`briefings_news2.jsonl`（第二批会议与督察新闻：会议要求、约谈会上的表态、交叉督查、督察进驻、乡镇与园区检查、部委要求）
  、`briefings_news3.jsonl`（第三批：省级领导小组与部署会的要求、整改进展公示与报告、整改方案的新闻、夜查与约谈、迎检通报范本）
  、`briefings_news4.jsonl`（第四批：回头看督查通报、约谈会的要求与企业表态、工地扬尘检查、现场交办、秸秆禁烧会议、已采取措施的报道）
  、`briefings_news5.jsonl`（第五批：会议与领导的要求、人大调研组、督察局检查、任务清单的公布、批示、部里约谈）
  、`briefings_news6.jsonl`（第六批：会议与领导的要求、督察组回头看、公开约谈、活动安排、已做工作的报道、乡镇例会与通报制度、下一步安排）
  、`briefings_news7.jsonl`（第七批：报送时限的通知、现场督办、督察进驻与承诺、督察公告、报告中转述的领导要求、约谈、整改方案的原则）
  、`briefings_news8.jsonl`（第八批：联合检查与夜查中转述的要求与责令、部里约谈与报送时限、整改任务的措施、方案措施与频次、工作要点、督查办的承诺、会议要求）
  、`briefings_news9.jsonl`（第九批：会议与巡查中只用“要”的要求、没有标志词的编号任务、局里的下一步与建议、部里方案中带时限的职责与措施、征求意见的时限、不是要求的口号与主题）
  、`briefings_news10.jsonl`（第十批：短标题下的编号职责及其要求、“对…的”引出的条件处罚、分号分隔的多项要求、没有标志词的常设职责、转发通知的要求）
  、`briefings_news11.jsonl`（第十一批：会议与督察的新闻报道中的定期、限期职责，不是要求的进驻公告与口号，“既要…又要…”的多项要求）
  、`briefings_plan11.jsonl`（整改任务表与督办：按“整改任务/整改目标/整改措施”标签排列的任务、带责任单位和完成时限的措施、督办会议的要求、没有要求的检查通报）
  、`briefings_news12.jsonl`（第十二批：青海、广西、内蒙古等地会议与督察的新闻报道中没有要求用语的职责：立即整改到位、一时改不了的…、每月召开…）
  、`briefings_bulletins12.jsonl`（督办与通报：县政府办督办通知、河长制规定与方案、边督边改进展、督察进驻公告、已完成工作的报告）
  、`briefings_news13.jsonl`（第十三批：天津、吉林、北京、宁夏、海南和兵团师市会议与督察的新闻报道：“提出三点意见”后的编号意见、会议要求中单位的职责、“表示将…”的承诺、不是要求的督察自身安排）
  、`briefings_news14.jsonl`（第十四批：重庆、北京、云南、上海、甘肃、安徽、辽宁、新疆会议部署与领导督导的新闻报道：“该…的”“对于…的”引出的条件要求、分号分隔的单位职责、“必须”与“既要…又要…”、“要求明山区…”的转述与区里“将…”的承诺）
  、`briefings_carry55.jsonl`（陕西、河北、安徽等地会议、调度与约谈的新闻和领导督导：带“要”的短标题及其下的句子、“…的”引出的条件要求、镇里的编号要求、每日上报与“该镇将…”的承诺、区督查通报的一条要求、编号列出的不足与督察公告，这两页没有要求）
  、`briefings_plans13.jsonl`（整改清单与督查通报：市里的交办单、按“整改实施主体/重点措施/完成时限”排列的整改任务、验收会议与验收销号办法、乡镇督查的“由…”分工、街道河长制会议、自治区整改新闻与整改方案的原则、省整改办会议带时限的要求、县督查室的通报、没有要求的督导周报）
  和 `briefings_plans14.jsonl`（整改方案与整改进展：带“责任单位”注的市级任务清单、写已完成事项的整改进展、自治区的下一步安排、整改方案公开的新闻、审计整改报告、区县整改方案新闻中的定期公开、两份转发通知、县里对突出环境问题的分工、督察组对已做工作的评价）。
  不用盲测集（`briefings_more.jsonl`、`briefings_reports.jsonl` 的留出部分、`briefings_fresh.jsonl` 和 `briefings_carry.jsonl` 的盲测部分）训练：它们由 `benchmarks/eval_briefings.py` 评分。
- 保存：用 `skops` 保存（`model.skops`，不用 `pickle`；加载时只信任 `scikit-learn`、`NumPy` 和 `SciPy` 的类型），
  另存一份纯权重（`weights.json`）：流水线用这份权重判断（`petitionnlp/briefing/judge.py`），不必载入 `scikit-learn`；
  两者给出的概率相同（`tests/test_briefing_issue29.py`）。
- 选择：在按网站分组的 {meta['folds']} 折交叉验证上（同一网站的简报不会同时出现在训练和测试两边），
  把网站分入各折的 {len(meta.get('fold_seeds', [0]))} 种分法各做一遍、取平均（只用一种分法时，选定的取值随分法移动），
  按各数据集指示 F1 的平均值选定（每个数据集各自合计其测试折；平均值相同时看全部合计的 F1）；
  平均值与最高值相差不到 0.005 的取值里，取离已发布模型的取值最近的一组（这个平均值在各取值间很平，最高点随新增的几份页面来回移动），
  这样规则已写得很好的数据集不会单独决定判别模型是否增补规则漏掉的任务。
  `time_dev.jsonl` 和 `time_dev2.jsonl` 的 {meta.get('development_briefings', 0)} 份新类型开发页面只作测试折参与选择，从不训练：
  规则是在训练页面上写成的，那里规则认定的指示几乎都对，只有在新类型页面上才看得出何时该去掉规则认定的指示（已完成工作的报道、公告、标题）。
  各数据集 F1 的平均值（各种分法的平均）：单用规则 {cv.get('macro_f1', {}).get('rules', 0):.3f}，规则加判别模型 {cv.get('macro_f1', {}).get('rules_and_learned', 0):.3f}。全部合计（第一种分法）：

| 做法 | 分组交叉验证中的指示 |
|---|---|
| 单用规则 | {_fmt(tuple(cv['rules'].values()))} |
| 规则加判别模型 | {_fmt(tuple(cv['rules_and_learned'].values()))} |

各数据集（同一组折外判断）：

| 数据集 | 单用规则 | 规则加判别模型 |
|---|---|---|
{rows}

- 最能降低“是指示”几率的特征：{neg}。
- 最能提高这一几率的特征：{pos}。
- 局限：可学的已标注指示只有 {meta['directives']} 条，且有两种标注习惯（最早的开发简报把一个“要”字下的一串措施拆成几条指示，
  后来的数据集保留为一条：见 `corpora/briefing/GUIDELINES.md`）。特征只是规则的线索（标志词、位置、序号、讲话人、时间表达、
  过去时、统计数字、文件种类、是否在方案的目标一节、是否是一行独立的编号标题之后的第一句、标志词之前是否有职务名作主语、是否在汇报已做工作的一节、是否是编号的简短名称、是否是编号标题的名称（不多于 4 个字）、标志词是否只在“为…”目的里、是否有汇报时间词），不含分句本身的字词：分句开头的一两个字（问题 29 第 3 项以前的特征）记住的是训练网站的字串
  （如镜像网页留下的拼音），在按网站分组的交叉验证上并不更好，还会丢掉能迁移的类型（`市生态环境局对…实施定期检查`）。
- 盲测：`benchmarks/eval_briefings.py` 在从未训练、也未用来写规则的四组简报上评分（`briefings_more.jsonl`、
  `briefings_reports.jsonl` 的留出部分、`briefings_fresh.jsonl`、`briefings_carry.jsonl` 的盲测部分）；数字见问题 29 的说明。
"""


def rewrite_card(folder: Path) -> str:
    """The card of a saved model written again from its ``meta.json`` and ``weights.json`` (no training)."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    weights = json.loads((folder / "weights.json").read_text(encoding="utf-8"))["weights"]
    model = DirectiveModel(C=meta["C"], keep_threshold=meta["keep_threshold"], add_threshold=meta["add_threshold"],
                           enabled=meta["enabled"])
    top = sorted((w, n) for n, w in weights.items())
    card = _card(meta, model, top)
    (folder / "MODEL_CARD.md").write_text(card, encoding="utf-8")
    return card


if __name__ == "__main__":
    main()
