"""Stage 3 — the eight pollution types and the normalizer of historical labels.

The types and the raw-term map are data (``corpora/taxonomy/``).  :func:`normalize_label` turns a raw
label cell (``扬尘污染``, ``大氣,其他污染``, ``噪声大气``, ``群众身边的生态环境问题``) into a list of types
in the order they are named, or ``None`` when the cell names no medium.
"""

from __future__ import annotations

import csv
from functools import lru_cache

from .resources import corpus_path, read_list
from .text import normalize

__all__ = ["TYPES", "TYPE_COLORS", "LabelNormalizer", "normalize_label", "get_label_normalizer", "in_order"]


TYPES: tuple[str, ...] = tuple(read_list("taxonomy", "types.txt"))
# one colour per type, the same in every chart (the page's SVG, the statistics PNG, the 专报's picture)
TYPE_COLORS = {"水": "#2b6cb0", "大气": "#718096", "土壤": "#975a16", "海洋": "#00838f", "生态": "#2f855a",
               "辐射": "#e0a800", "噪声": "#c53030", "其他": "#6b46c1"}


def in_order(types) -> list[str]:
    """A case's types as every table shows them: in the taxonomy's order (水, 大气 … 其他), each once; a name
    outside the taxonomy after them, as given.  Types are stored as the model ranks them or a person ticks them."""
    got = list(dict.fromkeys(str(t) for t in types or ()))
    return sorted(got, key=lambda t: (_ORDER.get(t, len(_ORDER)), got.index(t)))


_ORDER = {t: i for i, t in enumerate(TYPES)}


class LabelNormalizer:
    """Longest-match scanner over a term → type map (``""`` = maps to nothing)."""

    def __init__(self, mapping: dict[str, str]):
        unknown = {t for t in mapping.values() if t and t not in TYPES}
        if unknown:
            raise ValueError(f"label map names types outside the taxonomy: {sorted(unknown)}")
        self.mapping = mapping
        self._maxlen = max(map(len, mapping)) if mapping else 0

    @classmethod
    def from_tsv(cls, path) -> "LabelNormalizer":
        with open(path, encoding="utf-8", newline="") as fh:
            rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
            return cls({r["term"].strip(): (r["type"] or "").strip() for r in rows if r["term"]})

    def __call__(self, raw) -> list[str] | None:
        if raw is None:
            return None
        if isinstance(raw, (list, tuple)):
            raw = "、".join(str(x) for x in raw)
        text = normalize(str(raw))
        found: list[str] = []
        i, n = 0, len(text)
        while i < n:
            for size in range(min(self._maxlen, n - i), 0, -1):
                kind = self.mapping.get(text[i:i + size])
                if kind is not None:
                    if kind and kind not in found:
                        found.append(kind)
                    i += size
                    break
            else:
                i += 1
        return found or None


@lru_cache(maxsize=1)
def get_label_normalizer() -> LabelNormalizer:
    return LabelNormalizer.from_tsv(corpus_path("taxonomy", "label_map.tsv"))


def normalize_label(raw) -> list[str] | None:
    """``"大氣,其他污染"`` → ``["大气", "其他"]``; ``"畜禽养殖"`` → ``None``."""
    return get_label_normalizer()(raw)
