"""Stage 5 — regions: the national gazetteer, the resolver and the learned fallback classifier."""

from .evaluate import evaluate_regions
from .gazetteer import Gazetteer, find_province, get_gazetteer, province_divisions
from .model import RegionClassifier, load_region_model, train_region_model
from .resolver import EMPTY_REGION, RegionResolver

__all__ = ["Gazetteer", "get_gazetteer", "province_divisions", "find_province", "RegionResolver", "RegionClassifier", "EMPTY_REGION",
           "load_region_model", "train_region_model", "evaluate_regions"]
