"""Stage 5 — regions: the national gazetteer, the resolver and the learned fallback classifier.

The fallback's estimator (:class:`~petitionnlp.regions.model.RegionClassifier`, scikit-learn) is imported only
when it is asked for (training); prediction runs on its :class:`~petitionnlp.regions.memory.RegionMemory`.
"""

from .evaluate import evaluate_regions
from .gazetteer import Gazetteer, find_province, get_gazetteer, province_divisions
from .memory import RegionMemory, load_region_model
from .resolver import EMPTY_REGION, RegionResolver

__all__ = ["Gazetteer", "get_gazetteer", "province_divisions", "find_province", "RegionResolver", "RegionClassifier", "EMPTY_REGION",
           "RegionMemory", "load_region_model", "train_region_model", "evaluate_regions"]


def __getattr__(name):  # the estimator and its training import scikit-learn: only when asked for
    if name in ("RegionClassifier", "train_region_model"):
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
