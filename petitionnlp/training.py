"""Training and evaluation: an office's own labeled petitions turned into a model folder of its own.

``train_model`` reads corpora in any format ``classify`` reads (the label column found by its header:
``corpora/io/label_columns.txt``), adds them to the shipped training data (``corpora/train/``: generated
records and real published ones) unless ``base=False``, and fits

- the type model: every record weighs 1 if generated and ``real_weight`` if real, so that a few hundred real
  records are not drowned by eight thousand generated ones; the real records are also remembered, so a repeat
  of an earlier petition gets the types the office gave it (:class:`~petitionnlp.classify.RepeatMemory`);
- the decision rule (threshold, at most how many types): chosen on out-of-fold predictions of the office's own
  records when there are enough of them, kept only when it beats the default there;
- the learned region fallback, from the records that carry a city (a ``city`` column, or 行政区域).

The folder gets the models (skops), ``manifest.json`` (their SHA-256, checked on every load), the card
(``pollution_type.json``, ``MODEL_CARD.md``): data, counts, date, cross-validated figures, the base it built on.
``evaluate_model`` scores any folder on labeled records, and compares two.
"""

from __future__ import annotations

import datetime as _dt
import json
import platform
from pathlib import Path

import numpy as np

from .classify import (KeywordClassifier, PollutionTypeClassifier, evaluate_predictions, file_sha256, load_model,
                       save_model, write_manifest)
from .errors import Errors, InputError, os_reason
from .io import ROW_ERROR, find_column, open_batch
from .resources import corpus_path, models_dir
from .taxonomy import TYPES, normalize_label
from .text import normalize

__all__ = ["read_corpus", "train_model", "evaluate_model", "fit_type_model", "record_weights", "BASE_CORPORA",
           "DECISION_GRID", "BLIND_SEED", "BLIND_SHARE", "choose_blind_pages", "read_blind_split", "blind_pages",
           "cv_folds"]

BASE_CORPORA = (("train", "synthetic_petitions.jsonl"), ("train", "real_petitions.jsonl"))
DECISION_GRID = [(t, m) for t in (0.3, 0.4, 0.5, 0.6, 0.7) for m in (1, 2, 3)]
MIN_RECORDS_TO_TUNE = 20     # fewer office records than this: the shipped decision rule is kept
TUNE_MARGIN = 0.02           # a tuned decision rule must beat the default by this much on the office's records
CV_FOLDS = 5
BLIND_SEED = 21              # the seed that chose the blind pages of the real records (corpora/train/blind_split.json)
BLIND_SHARE = 1 / 3          # the share of each file's typed real records that is blind


def choose_blind_pages(rows: list[dict], share: float = BLIND_SHARE, seed: int = BLIND_SEED) -> list[str]:
    """Whole pages (``url``) of ``rows`` drawn at random (fixed ``seed``) until they hold ``share`` of the rows
    with a type: a blind set that shares no page with what the model is trained or tuned on."""
    typed: dict[str, int] = {}
    for r in rows:
        if r.get("types"):
            typed[r["url"]] = typed.get(r["url"], 0) + 1
    pages = sorted(typed)
    order = np.random.default_rng(seed).permutation(len(pages))
    target, picked, n = share * sum(typed.values()), [], 0
    for i in order:
        if n >= target:
            break
        picked.append(pages[i])
        n += typed[pages[i]]
    return picked


def read_blind_split(path) -> dict:
    """The blind split as data: ``{"seed", "share", "files": {file name: [page url, ...]}}``."""
    try:
        split = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(split.get("files"), dict):
            raise ValueError("no files")
    except FileNotFoundError:
        raise InputError(Errors.E001.format(path=path)) from None
    except (OSError, ValueError, AttributeError) as exc:
        raise InputError(Errors.E090.format(path=path, reason=f"不是盲测划分 (not a blind split: {exc})")) from None
    return split


def blind_pages(split: dict) -> set[str]:
    return {url for urls in split["files"].values() for url in urls}


def _region_of(cell, resolver) -> dict | None:
    """Standard province/city/county of a 行政区域 cell (衡阳市, 雁峰区 …), or None."""
    if not isinstance(cell, str) or not cell.strip():
        return None
    got = resolver.resolve(normalize(cell))
    return got if got.get("city") else None


def _standard_province(record: dict) -> str | None:
    from .regions import get_gazetteer

    gaz = get_gazetteer()
    prov = record.get("province")
    if isinstance(prov, str) and prov:
        return next((p for p in gaz.provinces if p.startswith(prov[:2])), prov)
    return None


def read_corpus(paths: list[str], text_column: str | None = None, require_label: bool = True,
                stats: dict | None = None) -> list[dict]:
    """Records ``{"text", "types", "province", "city", "county", "real", "file"}`` from any input format.

    The type label column is found by its header (污染类型, 问题类型, types, label …) and normalized to the eight
    types; a row whose label names no type keeps ``types=None`` (its region may still teach the region model).
    Region labels come from ``city``/``county`` columns, else from a 行政区域 column.  A record is real unless
    its ``source`` says ``synthetic``.  ``stats`` (a dict) receives, per file, how many rows were read, labeled,
    and skipped (empty text, no usable label, unreadable).
    """
    from .regions import RegionResolver

    records = []
    resolver = None
    for path in paths:
        batch = open_batch(str(path), text_column)
        label_col = find_column(batch.columns, "label")
        if label_col is None and require_label:
            batch.close()
            raise InputError(Errors.E020.format(path=path, columns="、".join(batch.columns)[:200]))
        region_col = find_column(batch.columns, "region")
        counts = {"rows": 0, "labeled": 0, "no_label": 0, "no_text": 0, "unreadable": 0}
        for chunk in batch.chunks():
            for row in chunk:
                counts["rows"] += 1
                if row.get(ROW_ERROR):
                    counts["unreadable"] += 1
                    continue
                raw = row.get(batch.text_column)
                text = normalize(raw) if isinstance(raw, str) else ""
                if not text:
                    counts["no_text"] += 1
                    continue
                label = row.get(label_col) if label_col else None
                types = normalize_label(label) if isinstance(label, (str, list, tuple)) else None
                types = [t for t in types if t in TYPES] if types else None
                counts["labeled" if types else "no_label"] += 1
                page = row.get("url")
                rec = {"text": text, "types": types or None, "file": Path(path).name,
                       "page": page if isinstance(page, str) and page else None,
                       "real": str(row.get("source") or "").lower() != "synthetic",
                       "province": row.get("province") if isinstance(row.get("province"), str) else None,
                       "city": row.get("city") if isinstance(row.get("city"), str) and row.get("city") else None,
                       "county": row.get("county") if isinstance(row.get("county"), str) and row.get("county")
                       else None}
                if rec["city"] is None and region_col:
                    resolver = resolver or RegionResolver()
                    got = _region_of(row.get(region_col), resolver)
                    if got:
                        rec.update(province=got["province"], city=got["city"], county=got["county"])
                rec["province"] = _standard_province(rec)
                records.append(rec)
        if stats is not None:
            stats[str(path)] = counts
    return records


def record_weights(records: list[dict], real_share: float = 0.5, cap: float = 50.0) -> np.ndarray:
    """1 for a generated record; for a real one, as much as makes all real records weigh ``real_share`` of the
    generated ones (at least 1, at most ``cap``)."""
    real = np.array([bool(r.get("real")) for r in records])
    n_real, n_gen = int(real.sum()), int((~real).sum())
    w_real = min(cap, max(1.0, real_share * n_gen / n_real)) if n_real else 1.0
    return np.where(real, w_real, 1.0)


CV_SCHEMES = ("page", "province", "random")  # the first that can be cut is the one the decision rule is chosen on


def cv_folds(records: list[dict], scheme: str, folds: int = CV_FOLDS, seed: int = 0):
    """(train, held) index arrays into ``records`` for ``scheme``: ``page`` and ``province`` never split a page
    (``page``, the source url) or a province between training and held-out records (GroupKFold); ``random`` is
    plain shuffled k-fold.  Empty when the records cannot be cut that way (fewer than two groups)."""
    from sklearn.model_selection import GroupKFold, KFold

    n = len(records)
    if scheme == "random":
        return list(KFold(min(folds, n), shuffle=True, random_state=seed).split(np.arange(n))) if n >= 2 else []
    keys = [r.get(scheme) for r in records]
    if any(k is None for k in keys):
        keys = [k if k is not None else f"#{i}" for i, k in enumerate(keys)]  # no page: a group of its own
    groups = {k: j for j, k in enumerate(dict.fromkeys(keys))}
    if len(groups) < 2:
        return []
    # groups shuffled with the seed first, so that GroupKFold's balancing does not follow the file's order
    perm = np.random.default_rng(seed).permutation(len(groups))
    g = np.array([perm[groups[k]] for k in keys])
    return list(GroupKFold(min(folds, len(groups))).split(np.arange(n), groups=g))


def _out_of_fold(records, X, Y, w, real, tune, splits, params, progress=None, label=""):
    """Probabilities of each tune record from a model trained on everything but its fold."""
    oof = np.zeros((len(records), len(TYPES)))
    for k, (_, held) in enumerate(splits):
        held_out = set(tune[held].tolist())
        train = [i for i in range(len(records)) if i not in held_out]
        m = PollutionTypeClassifier(**params).fit([X[i] for i in train], [Y[i] for i in train],
                                                  sample_weight=w[train], memorize=real[train])
        idx = sorted(held_out)
        oof[idx] = m.predict_proba([X[i] for i in idx])
        if progress:
            progress(f"交叉验证 cross-validation {label} {k + 1}/{len(splits)}")
    return oof


def fit_type_model(records: list[dict], params: dict | None = None, tune_mask=None, folds: int = CV_FOLDS,
                   seed: int = 0, progress=None, schemes=CV_SCHEMES) -> tuple[PollutionTypeClassifier, dict | None]:
    """Fit the type model on typed ``records``; with ``tune_mask`` (the office's own records), first cross-
    validate over them, with folds by page, by province and at random (:func:`cv_folds`): out-of-fold figures for
    the card, and the decision rule that suits the office, chosen on the first scheme of ``schemes`` that can be
    cut (folds that never split a page: records of one page are written alike, and would flatter a random cut).

    Returns (model, cv) where cv is None when there were too few records to cross-validate.
    """
    params = dict(params or {})
    X = [r["text"] for r in records]
    Y = [r["types"] for r in records]
    w = record_weights(records)
    real = np.array([bool(r.get("real")) for r in records])
    cv = None
    tune = np.flatnonzero(np.asarray(tune_mask, dtype=bool)) if tune_mask is not None else np.array([], int)
    if len(tune) >= 10:
        gold = [Y[i] for i in tune]
        defaults = PollutionTypeClassifier().get_params()
        default = (params.get("threshold", defaults["threshold"]), params.get("max_types", defaults["max_types"]))
        by_scheme = {}
        for scheme in schemes:
            splits = cv_folds([records[i] for i in tune], scheme, folds, seed)
            if splits and (scheme == "random" or any(records[i].get(scheme) for i in tune)):
                by_scheme[scheme] = (len(splits), _out_of_fold(records, X, Y, w, real, tune, splits, params,
                                                               progress, scheme))
        main = next(iter(by_scheme))
        n_folds, oof = by_scheme[main]
        scores = {rule: evaluate_predictions(gold, _decide_rows(oof[tune], *rule)) for rule in DECISION_GRID}
        scores.setdefault(default, evaluate_predictions(gold, _decide_rows(oof[tune], *default)))
        best = max(scores, key=lambda rule: (scores[rule]["micro_f1"], scores[rule]["top1_accuracy"], rule == default))
        chosen = default
        if len(tune) >= MIN_RECORDS_TO_TUNE and scores[best]["micro_f1"] >= scores[default]["micro_f1"] + TUNE_MARGIN:
            chosen = best
            params["threshold"], params["max_types"] = best
        base = evaluate_predictions(gold, KeywordClassifier().fit().predict([X[i] for i in tune]))
        cv = {"folds": n_folds, "n": len(tune), "scheme": main,
              "decision": {"threshold": chosen[0], "max_types": chosen[1]},
              **scores[chosen], "default_rule": {k: scores[default][k] for k in ("micro_f1", "top1_accuracy")},
              "baseline_keywords": {k: base[k] for k in ("micro_f1", "macro_f1", "top1_accuracy")},
              "schemes": {s: {"folds": nf, **evaluate_predictions(gold, _decide_rows(o[tune], *chosen))}
                          for s, (nf, o) in by_scheme.items()}}
    model = PollutionTypeClassifier(**params).fit(X, Y, sample_weight=w, memorize=real)
    return model, cv


def _decide_rows(proba, threshold, max_types):
    from .classify import _decide

    return _decide(proba, threshold, max_types)


def _files_card(paths) -> list[dict]:
    return [{"file": Path(p).name, "sha256": file_sha256(p)[:16]} for p in paths]


def train_model(corpora: list[str], out_dir, base: bool = True, eval_corpora: list[str] | None = None,
                region_corpora: list[str] | None = None, text_column: str | None = None, progress=None,
                blind=None, **params) -> dict:
    """Train a complete model folder at ``out_dir`` from ``corpora`` (an office's labeled records) on top of the
    shipped training data (``base=False``: from ``corpora`` alone).  ``eval_corpora`` are scored into the card
    (with ``blind``, a blind split file: only their records on its blind pages).  Returns the card."""
    import sklearn

    stats: dict = {}
    base_paths = [corpus_path(*p) for p in BASE_CORPORA] if base else []
    base_records = read_corpus([str(p) for p in base_paths], stats=stats) if base else []
    own = read_corpus(corpora, text_column, stats=stats)
    for r in own:
        r["office"] = True
    records = [r for r in base_records + own if r["types"]]
    if not records:
        raise InputError(Errors.E021)
    tune_mask = [bool(r.get("office")) and r["real"] for r in records]
    model, cv = fit_type_model(records, params, tune_mask=tune_mask, progress=progress)
    real = [r for r in records if r["real"]]
    weights = record_weights(records)
    card = {
        "model": "pollution_type", "estimator": "petitionnlp.classify.PollutionTypeClassifier",
        "params": model.get_params(),
        "trained": _dt.date.today().isoformat(),
        "base": ({"data": _files_card(base_paths), "note": "the shipped training data (corpora/train/)"}
                 if base else None),
        "data": _files_card(corpora),
        "rows": stats,
        "n_train": len(records), "n_real": len(real), "n_generated": len(records) - len(real),
        "real_weight": float(weights[[i for i, r in enumerate(records) if r["real"]]].max()) if real else None,
        "label_counts": {t: sum(t in r["types"] for r in records) for t in TYPES},
        "missing_types": model.missing_types_,
        "cross_validation": cv,
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__},
    }
    if eval_corpora:
        held = _blind_records(read_corpus(eval_corpora, require_label=False), blind)
        card["evaluation"] = {"data": [Path(p).name for p in eval_corpora],
                              **({"blind_split": Path(blind).name} if blind else {}),
                              **_type_metrics(model, held)}
    from .regions import train_region_model

    region_records = base_records + own + (read_corpus(region_corpora, require_label=False) if region_corpora else [])
    with model_folder(out_dir) as out:
        save_model(model, out)
        card["region"] = train_region_model(region_records, out)
        write_manifest(out, card)
        (out / "pollution_type.json").write_text(json.dumps(card, ensure_ascii=False, indent=2, default=str) + "\n",
                                                 encoding="utf-8")
        _write_card_md(out, card)
    return card


class model_folder:
    """``with model_folder(target) as tmp:`` — build a model version in a new folder beside ``target``; on success
    it takes ``target``'s place in one rename (an earlier folder there is removed after), on failure it is
    removed and ``target`` is as it was: a model folder is always complete."""

    def __init__(self, target):
        import tempfile

        self.target = Path(target)
        if self.target.exists() and not self.target.is_dir():
            raise InputError(Errors.E030.format(path=target, reason="不是文件夹 (not a folder)"))
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.", dir=self.target.parent))
        except OSError as exc:
            raise InputError(Errors.E030.format(path=target, reason=os_reason(exc))) from None

    def __enter__(self) -> Path:
        return self.tmp

    def __exit__(self, kind, exc, tb):
        import os
        import shutil

        if kind is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            return False
        os.chmod(self.tmp, 0o755)
        old = None
        if self.target.exists():
            old = self.target.with_name(f".{self.target.name}.old-{os.getpid()}")
            os.replace(self.target, old)
        os.replace(self.tmp, self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return False


def _pct(x) -> str:
    return "—" if x is None else f"{x:.3f}"


def _write_card_md(out: Path, card: dict) -> None:
    cv = card.get("cross_validation")
    base = card.get("base")
    lines = [
        "# Model card — petitionnlp models", "",
        f"Trained {card['trained']} by `petitionnlp train` (Python {card['versions']['python']}, scikit-learn "
        f"{card['versions']['scikit-learn']}); saved with skops, no pickle; `manifest.json` records the SHA-256 of "
        "every model file, checked whenever the folder is loaded.", "",
        "## pollution_type.skops", "",
        "Multi-label pollution type (水 大气 土壤 海洋 生态 辐射 噪声 其他): hashed TF-IDF of jieba words and of "
        "character 1–3-grams, plus per-type sums of domain-lexicon hits (corpora/lexicon/pollution_terms.tsv) and "
        "the first-named type (a term only mentioned in passing — negated, or a landmark as in 水库旁的工厂 — does not "
        "count: corpora/lexicon/mention_rules.tsv) → one logistic regression a type, with sample weights (a real "
        "record weighs "
        f"{card['real_weight'] or 1:.1f}, a generated one 1). The real records are remembered: a petition whose "
        f"character-bigram similarity to one of them is ≥ {card['params']['memory_threshold']} takes its types "
        "(blended with the model). The published tables' conventions (corpora/taxonomy/conventions.tsv: garbage "
        "that stinks → 土壤 and 大气, waste water on farmland → 水 and 土壤, a site's dust and noise → 大气 and 噪声 …) "
        f"give the types they name a probability of at least {card['params'].get('convention_floor')}. "
        "Decision: every type at probability ≥ "
        f"{card['params']['threshold']}, at most {card['params']['max_types']}, always the best one.", "",
        "### Data", "",
        f"- Base: {', '.join(d['file'] + ' (sha256 ' + d['sha256'] + ')' for d in base['data'])} — {base['note']}."
        if base else "- Base: none (trained on the corpora below alone).",
        f"- Corpora: {', '.join(d['file'] + ' (sha256 ' + d['sha256'] + ')' for d in card['data'])}.",
        f"- {card['n_train']} typed records: {card['n_real']} real, {card['n_generated']} generated.",
    ]
    for path, c in card["rows"].items():
        lines.append(f"  - {Path(path).name}: {c['rows']} rows, {c['labeled']} with a type; skipped "
                     f"{c['no_label']} without a usable label, {c['no_text']} without text, {c['unreadable']} "
                     "unreadable.")
    lines += [f"- Label counts: {json.dumps(card['label_counts'], ensure_ascii=False)}"]
    if card["missing_types"]:
        lines.append(f"- Never predicted (no example): {'、'.join(card['missing_types'])}.")
    lines += ["- Real records of `corpora/train/real_petitions.jsonl`: the project's dev petitions and labelled rows "
              "of published disclosure tables (each with its page `url`), without the pages reserved for hidden "
              "evaluation and without the blind pages of `corpora/train/blind_split.json`; see "
              "corpora/train/README.md."
              if base or any(d["file"] == "real_petitions.jsonl" for d in card["data"]) else ""]
    ev = card.get("evaluation")
    schemes = (cv or {}).get("schemes") or ({cv.get("scheme", "random"): cv} if cv else {})
    if cv:
        names = {"page": "by page (GroupKFold: no page split)", "province": "by province (GroupKFold)",
                 "random": "random (shuffled KFold)"}
        lines += ["", "### Cross-validated and blind figures", "",
                  f"Out-of-fold over the {cv['n']} real typed records of the corpora (each fold: a model trained on "
                  "everything else, scored on the held-out records), folds cut three ways; the decision rule is "
                  f"chosen on the folds {names.get(cv.get('scheme', 'random'), '')}."
                  + (" Blind: the records of the pages that `corpora/train/blind_split.json` sets aside (seed "
                     "21, a third of each file's typed records, whole pages), never trained on and never read "
                     "to write a rule or choose a threshold." if ev and ev.get("blind_split") else ""), "",
                  "| records | n | micro-F1 | macro-F1 | top-1 |", "|---|---|---|---|---|"]
        lines += [f"| folds {names.get(s, s)} | {cv['n']} | {_pct(m['micro_f1'])} | {_pct(m['macro_f1'])} | "
                  f"{_pct(m['top1_accuracy'])} |" for s, m in schemes.items()]
        if ev:
            lines.append(f"| {'blind' if ev.get('blind_split') else 'held out'}: {', '.join(ev['data'])} | "
                         f"{ev['n']} | {_pct(ev['micro_f1'])} | {_pct(ev['macro_f1'])} | {_pct(ev['top1_accuracy'])} |")
        lines += [f"| keyword list, same records as the folds | {cv['n']} | "
                  f"{_pct(cv['baseline_keywords']['micro_f1'])} | {_pct(cv['baseline_keywords']['macro_f1'])} | "
                  f"{_pct(cv['baseline_keywords']['top1_accuracy'])} |", "",
                  f"Decision rule: threshold {cv['decision']['threshold']}, at most {cv['decision']['max_types']} "
                  f"types (default rule: micro-F1 {_pct(cv['default_rule']['micro_f1'])}).", "",
                  "Per type (precision / recall / support):", "",
                  "| type | " + " | ".join(f"folds {s}" for s in schemes) + (" | blind |" if ev else " |"),
                  "|---|" + "---|" * (len(schemes) + bool(ev))]
        shown = [t for t in TYPES if any(t in m["per_type"] for m in schemes.values()) or (ev and t in ev["per_type"])]

        def cell(m, t):
            v = m["per_type"].get(t)
            return f"{v['precision']:.2f} / {v['recall']:.2f} / {v['support']}" if v else "—"

        lines += [f"| {t} | " + " | ".join(cell(m, t) for m in schemes.values()) + (f" | {cell(ev, t)} |" if ev else " |")
                  for t in shown]
    elif ev:
        lines += ["", f"Held-out evaluation on {', '.join(ev['data'])} (n={ev['n']}): micro-F1 {ev['micro_f1']}, "
                      f"top-1 {ev['top1_accuracy']}; keyword list micro-F1 {ev['baseline_keywords']['micro_f1']}."]
    if card.get("region"):
        lines += ["", "## region.skops", "", card["region"]["summary"]]
    lines += ["", "Limits: published labels are noisy (one label where several pollutants are named; 其他 for what "
              "another table calls 大气); an expert re-labeling real records blind agrees with them at micro-F1 "
              "0.82. Generated records: corpora/train/README.md.", ""]
    (out / "MODEL_CARD.md").write_text("\n".join(ln for ln in lines if ln is not None), encoding="utf-8")


def _blind_records(records: list[dict], blind) -> list[dict]:
    """The records on the blind pages of the split file ``blind`` (all of them when ``blind`` is None)."""
    if blind is None:
        return records
    pages = blind_pages(read_blind_split(blind))
    return [r for r in records if r.get("page") in pages]


def _type_metrics(model, records: list[dict]) -> dict:
    typed = [r for r in records if r["types"]]
    if not typed:
        raise InputError(Errors.E021)
    X, Y = [r["text"] for r in typed], [r["types"] for r in typed]
    metrics = evaluate_predictions(Y, model.predict(X))
    base = evaluate_predictions(Y, KeywordClassifier().fit().predict(X))
    metrics["baseline_keywords"] = {k: base[k] for k in ("micro_f1", "macro_f1", "top1_accuracy")}
    return metrics


def _folder_metrics(records: list[dict], model_dir: Path) -> dict:
    from .regions import RegionResolver, evaluate_regions

    out = {"model": str(model_dir), "types": _type_metrics(load_model(model_dir), records)}
    region = evaluate_regions(RegionResolver.default(model_dir=model_dir), records)
    if region:
        out["regions"] = region
    return out


def _card_cv(model_dir: Path) -> dict | None:
    """The cross-validated figures of a folder's card: the scheme the rule was chosen on, and every scheme."""
    try:
        cv = json.loads((model_dir / "pollution_type.json").read_text(encoding="utf-8")).get("cross_validation")
    except (OSError, ValueError):
        return None
    if not cv:
        return None
    keys = ("micro_f1", "macro_f1", "top1_accuracy")
    return {"n": cv["n"], "scheme": cv.get("scheme", "random"), **{k: cv[k] for k in keys},
            "schemes": {s: {"folds": m["folds"], **{k: m[k] for k in keys}} for s, m in cv.get("schemes", {}).items()}}


def evaluate_model(corpora: list[str], model_dir=None, against=None, text_column: str | None = None,
                   blind=None) -> dict:
    """Type metrics (and region accuracy where the corpus has city/county) of a model folder; with ``against``,
    of a second folder too, and the differences (first minus second).  With ``blind`` (a blind split file, e.g.
    ``corpora/train/blind_split.json``) only the records on its blind pages are scored, and the folder's
    cross-validated figures are reported beside them."""
    model_dir = Path(model_dir) if model_dir else models_dir()
    records = _blind_records(read_corpus(corpora, text_column), blind)
    result = {"corpus": [str(p) for p in corpora], **_folder_metrics(records, model_dir)}
    if blind is not None:
        result["blind_split"] = str(blind)
        result["cross_validation"] = _card_cv(model_dir)
    if against:
        other = _folder_metrics(records, Path(against))
        result["against"] = other
        diff = {k: round(result["types"][k] - other["types"][k], 4) for k in ("micro_f1", "macro_f1", "top1_accuracy")}
        for k in ("city_accuracy", "county_accuracy"):
            a, b = result.get("regions", {}).get(k), other.get("regions", {}).get(k)
            if a is not None and b is not None:
                diff[k] = round(a - b, 4)
        result["difference"] = diff
    return result
