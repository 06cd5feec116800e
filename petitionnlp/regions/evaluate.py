"""Region accuracy on labeled records (city and county, each over the records whose gold is not null)."""

from __future__ import annotations

__all__ = ["evaluate_regions"]


def evaluate_regions(resolver, records: list[dict]) -> dict | None:
    gold = [r for r in records if r.get("city") or r.get("county")]
    if not gold:
        return None
    pred = resolver.resolve_many([r["text"] for r in gold])
    out = {}
    for level in ("city", "county"):
        pairs = [(r[level], p[level]) for r, p in zip(gold, pred) if r.get(level)]
        out[f"{level}_accuracy"] = round(sum(g == p for g, p in pairs) / len(pairs), 4) if pairs else None
        out[f"n_{level}"] = len(pairs)
    return out
