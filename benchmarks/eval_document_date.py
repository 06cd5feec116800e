"""How often the briefing's own date that ``document_date`` reads (what extraction, the CLI, the API and the search index
use when no ``--date`` is given) equals the page's date in the gold (``doc.date``), per gold set and overall.

Every gold set with page dates: corpora/briefing/gold/*.jsonl and the shared briefings_dev.jsonl (read through
tests/devdata.py, without the reserved page).  The pages never read while writing rules — ``held_out``, ``doc.blind``,
the fresh set and issue 21's blind set (briefings_more) — are counted apart as "measured only" and their misses are
never listed; ``--misses`` lists the development pages' misses.

    .venv/bin/python benchmarks/eval_document_date.py [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from devdata import dev_rows  # noqa: E402
from petitionnlp.briefing.timex import document_date  # noqa: E402

BLIND_SETS = {"briefings_fresh", "briefings_more"}  # a fresh blind set; issue 21's blind set


def _sets() -> list[tuple[str, list[dict]]]:
    out = [(p.stem, [json.loads(ln) for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()])
           for p in sorted((ROOT / "corpora" / "briefing" / "gold").glob("*.jsonl"))]
    return out + [("shared/briefings_dev", dev_rows("briefings_dev.jsonl"))]


def _measured_only(name: str, row: dict) -> bool:
    doc = row["doc"]
    return name in BLIND_SETS or bool(row.get("held_out") or doc.get("held_out") or doc.get("blind"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list the development pages' misses")
    args = ap.parse_args(argv)
    totals = {"dev": [0, 0], "measured only": [0, 0]}
    misses = []
    print(f"{'set':28s} {'dev':>9s} {'measured only':>14s}")
    for name, rows in _sets():
        cells = {"dev": [0, 0], "measured only": [0, 0]}
        for row in rows:
            gold = row["doc"].get("date")
            if not gold:
                continue
            part = "measured only" if _measured_only(name, row) else "dev"
            got = document_date(row["doc"]["text"])
            ok = got is not None and got.isoformat() == gold
            cells[part][0] += ok
            cells[part][1] += 1
            if not ok and part == "dev":
                misses.append((name, row["doc"]["id"], gold, got))
        for part in cells:
            totals[part][0] += cells[part][0]
            totals[part][1] += cells[part][1]
        print(f"{name:28s} " + " ".join(f"{c[0]:>{w}d}/{c[1]:<3d}" if c[1] else f"{'-':>{w + 4}s}"
                                        for c, w in ((cells['dev'], 5), (cells['measured only'], 10))))
    for part, (ok, n) in totals.items():
        print(f"overall {part}: {ok}/{n} = {ok / n:.3f}")
    ok = sum(t[0] for t in totals.values()); n = sum(t[1] for t in totals.values())
    print(f"overall: {ok}/{n} = {ok / n:.3f}")
    if args.misses:
        for m in misses:
            print("miss", *m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
