"""Old rules vs new on every text of the repository's and the shared corpora (issue 29: "every changed span read").

Extracts ``REF``'s tree (a commit, default the branch's base) into a temporary folder, runs the time expressions
(``--extract``: the whole of ``extract_briefing``) of both trees on the same texts — the ``text``, ``doc.text``,
``findings`` and ``handling`` fields of corpora/**/*.jsonl, benchmarks/data/*.jsonl and ../shared/corpora/*.jsonl,
deduplicated — each in its own process, and prints the number of texts that change and every span that moved.

    python benchmarks/compare_time_rules.py [REF] [--extract]
"""

from __future__ import annotations

import glob
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_RUN = """
import json, sys
sys.path.insert(0, sys.argv[1])
from petitionnlp.briefing import extract_briefing
from petitionnlp.briefing.timex import document_date, find_time_expressions
texts = json.load(open(sys.argv[2], encoding="utf-8"))
whole = sys.argv[4] == "1"
out = [extract_briefing(t) if whole else [[x["start"], x["end"], x["type"], x["value"]]
       for x in find_time_expressions(t, document_date(t))] for t in texts]
json.dump(out, open(sys.argv[3], "w", encoding="utf-8"), ensure_ascii=False, sort_keys=True)
"""


def texts() -> list[str]:
    files = sorted(glob.glob(str(ROOT / "corpora" / "**" / "*.jsonl"), recursive=True)) \
        + sorted(glob.glob(str(ROOT / "benchmarks" / "data" / "*.jsonl"))) \
        + sorted(glob.glob(str(ROOT.parent / "shared" / "corpora" / "*.jsonl")))
    seen: dict[str, None] = {}
    for f in files:
        for line in Path(f).read_text(encoding="utf-8").splitlines():
            try:
                r = json.loads(line) if line.strip() else {}
            except ValueError:
                continue
            doc = r.get("doc") if isinstance(r.get("doc"), dict) else {}
            for t in (r.get("text"), doc.get("text"), r.get("findings"), r.get("handling")):
                if isinstance(t, str) and t.strip():
                    seen.setdefault(t)
    return list(seen)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    ref, whole = (args[0] if args else "94ae027"), "--extract" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        corpus = texts()
        src = Path(tmp) / "texts.json"
        src.write_text(json.dumps(corpus, ensure_ascii=False), encoding="utf-8")
        results = []
        for tree, name in ((old, "old.json"), (ROOT, "new.json")):
            subprocess.run([sys.executable, "-c", _RUN, str(tree), str(src), str(Path(tmp) / name), "1" if whole else "0"],
                           check=True, cwd=tree)
            results.append(json.loads((Path(tmp) / name).read_text(encoding="utf-8")))
    changed = [i for i, (a, b) in enumerate(zip(*results)) if a != b]
    print(f"{len(corpus)} texts, {len(changed)} change ({ref} vs the working tree)")
    for i in changed:
        a, b = results[0][i], results[1][i]
        if whole:
            print(f"  text {i}: {corpus[i][:40]!r}")
            continue
        for sign, rows in (("-", [x for x in a if x not in b]), ("+", [x for x in b if x not in a])):
            for s, e, kind, value in rows:
                print(f"  text {i} {sign} {corpus[i][s:e]!r} {kind} {value}  …{corpus[i][max(0, s - 12):e + 8]!r}")


if __name__ == "__main__":
    main()
