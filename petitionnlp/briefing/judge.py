"""The learned judge of directives at work: its weights read from plain JSON, no scikit-learn at run time.

:mod:`.learned` trains the judge (a logistic regression over the clauses the rules weigh) and saves it twice: the
fitted scikit-learn pipeline with skops (``model.skops``) and its weights as data (``weights.json``: one weight a
feature, the intercept).  A briefing is judged with the weights alone — a sum and a logistic — so that ``extract``
and the workbench do not import scikit-learn for it; the test of :mod:`.learned` checks that both give the same
probabilities.  A directive of the rules is kept at p ≥ ``keep_threshold``, a clause the rules leave out is added at
p ≥ ``add_threshold`` (``meta.json``).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

__all__ = ["Judge", "choose", "vote", "apply", "shipped_judge", "shipped_model_dir", "MODEL_FILE", "META_FILE",
           "WEIGHTS_FILE"]

MODEL_FILE = "model.skops"
META_FILE = "meta.json"
WEIGHTS_FILE = "weights.json"


def shipped_model_dir() -> Path:
    """``models/briefing_directives`` of the checkout or of the installed package."""
    from ..resources import corpora_dir

    return corpora_dir().parent / "models" / "briefing_directives"


def _probabilities(weights: dict[str, float], intercept: float, features: list[dict]) -> list[float]:
    out = []
    for f in features:
        z = intercept + sum(weights.get(k, 0.0) * v for k, v in f.items())
        out.append(1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0)
    return out


class Judge:
    """A fitted judge: ``weights`` (feature name → weight), ``intercept``, the two thresholds and whether its
    training enabled it (it beat the rules alone on the grouped folds).

    ``committee`` (d47), when given: the (weights, intercept) of judges each fitted without a tenth of the training
    sites; then a candidate leaves the rules' decision only when at least ``quorum`` of them would change it
    (:func:`vote`) — a clause that one cut of the sites adds and another does not stays as the rules have it.  The
    main ``weights`` still give :meth:`probabilities`."""

    def __init__(self, weights: dict[str, float], intercept: float, keep_threshold: float, add_threshold: float,
                 enabled: bool = True, meta: dict | None = None,
                 committee: list[tuple[dict[str, float], float]] | None = None, quorum: float = 0.5):
        self.weights, self.intercept = weights, intercept
        self.keep_threshold, self.add_threshold, self.enabled = keep_threshold, add_threshold, enabled
        self.meta = meta or {}
        self.committee, self.quorum = list(committee or []), quorum

    def probabilities(self, features: list[dict]) -> list[float]:
        """P(directive) of each candidate's ``features``."""
        return _probabilities(self.weights, self.intercept, features)

    def decide(self, candidates: list[dict]) -> list[bool]:
        """Whether each candidate (``rule``, ``features``) is a directive."""
        features = [c["features"] for c in candidates]
        if self.committee:
            return vote(candidates, [_probabilities(w, b, features) for w, b in self.committee],
                        self.keep_threshold, self.add_threshold, self.quorum)
        return choose(candidates, self.probabilities(features), self.keep_threshold, self.add_threshold)

    @classmethod
    def load(cls, folder: str | Path) -> "Judge":
        folder = Path(folder)
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        w = json.loads((folder / WEIGHTS_FILE).read_text(encoding="utf-8"))
        committee = [(m["weights"], m["intercept"]) for m in w.get("committee", ())]
        return cls(w["weights"], w["intercept"], meta["keep_threshold"], meta["add_threshold"],
                   meta.get("enabled", True), meta, committee, meta.get("committee_quorum", 0.5))

    def save(self, folder: str | Path) -> None:
        """``weights.json`` and ``meta.json`` in ``folder`` (what :meth:`load` reads)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        weights = {"intercept": self.intercept, "weights": self.weights}
        if self.committee:
            weights["committee"] = [{"intercept": b, "weights": w} for w, b in self.committee]
        (folder / WEIGHTS_FILE).write_text(json.dumps(weights, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                                           encoding="utf-8")
        meta = dict(self.meta, keep_threshold=self.keep_threshold, add_threshold=self.add_threshold,
                    enabled=self.enabled)
        if self.committee:
            meta.update(committee_size=len(self.committee), committee_quorum=self.quorum)
        (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def shipped_judge() -> Judge | None:
    """The shipped judge when it is there and its training enabled it, else None."""
    folder = shipped_model_dir()
    if not (folder / WEIGHTS_FILE).is_file():
        return None
    judge = Judge.load(folder)
    return judge if judge.enabled else None


ADDABLE = frozenset({"no_marker"})  # what the rules left out only for want of a marker (a duty of a plan, 对…进行…)


def choose(candidates: list[dict], p, keep_threshold: float, add_threshold: float) -> list[bool]:
    """Keep a directive of the rules unless it is ``removable`` (of a kind that is often false on pages of new
    kinds: done work, a heading, a closing formula, an aim whose marker is not the order, a section that reports what
    was done — :func:`.directives.find_candidates`) and p < ``keep_threshold``
    (an order that carries a deadline or an assignment — 于…前办结, 由…负责, 责成, 移交…处理 — is never removable, in a
    document that reports to a body too: ``judge_kept_*``); add a clause they left out for want of a marker (``reason`` in
    :data:`ADDABLE`) at p ≥ ``add_threshold`` unless it is not ``addable`` (in a document that reports to a body, under
    a section that reports what was done) — never one they found to be an announcement, a slogan, a headline or a
    list of contents: the judge adds the duties the rules miss, it does not undo what they know is no directive."""
    return [(not c.get("removable") or bool(pi >= keep_threshold)) if c["rule"]
            else bool(pi >= add_threshold and c.get("reason", "no_marker") in ADDABLE and c.get("addable", True))
            for c, pi in zip(candidates, p)]


def vote(candidates: list[dict], probabilities: list, keep_threshold: float, add_threshold: float,
         quorum: float) -> list[bool]:
    """The decisions of a committee (d47): each member's :func:`choose` at the same thresholds (``probabilities``: one
    list a member); a candidate leaves the rules' decision (``rule``) only when at least ``quorum`` of the members
    change it, else the rules' decision stands."""
    members = [choose(candidates, p, keep_threshold, add_threshold) for p in probabilities]
    need = quorum * len(members)
    return [(not bool(c["rule"])) if sum(m[j] != bool(c["rule"]) for m in members) >= need else bool(c["rule"])
            for j, c in enumerate(candidates)]


def apply(candidates: list[dict], judge: Judge | None) -> list[dict]:
    """The directives among ``candidates`` (:func:`.directives.find_candidates`): the rules' own without a judge,
    else the judge's decision; without the candidates' ``rule``/``reason``/``features``."""
    keep = judge.decide(candidates) if judge is not None and candidates else [c["rule"] for c in candidates]
    drop = ("rule", "reason", "features", "removable", "addable")
    return [{k: v for k, v in c.items() if k not in drop} for c, k in zip(candidates, keep) if k]
