"""CPU of find_pii on long texts that repeat one name pattern (review44's slow inputs and their kin), for this
checkout and, with --base, for another one (a folder holding an older petitionnlp/ and corpora/, e.g. made with
``git archive 94ae027 petitionnlp corpora | tar -x -C /tmp/base``), each in its own process, then new ÷ old.  The
counts of spans must agree: a speed change must not change what is found.

    .venv/bin/python benchmarks/pii_cpu.py [--base /tmp/base]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

INPUTS = {
    "'傣族村民岩温和玉香反映。'*1666": ("傣族村民岩温和玉香反映。", 1666),
    "'关于蔡国华举报'*714": ("关于蔡国华举报", 714),
    "'覃国柱（男，56岁）'*500": ("覃国柱（男，56岁）", 500),
    "'关于蔡国华举报'*2856": ("关于蔡国华举报", 2856),
    "'覃国柱（男，56岁）'*2000": ("覃国柱（男，56岁）", 2000),
    "'5组汤细毛、3组邓梅英反映，'*1000": ("5组汤细毛、3组邓梅英反映，", 1000),
    "'13907315566(涂光明)，'*1000": ("13907315566(涂光明)，", 1000),
    # helper p48: a list of names jieba finds, each read with its neighbours (71 s before it read them once each)
    "'童安平、'*3000": ("童安平、", 3000),
    "'村民买买提·艾力、'*1000": ("村民买买提·艾力、", 1000),
    "'爱心捐款：张三账号…，李四反映'*3000": ("爱心捐款：张三账号6222021001067890123，李四反映", 3000),
}


def measure(root: str) -> dict:
    """{input: (CPU seconds, spans)} of the code under ``root``, in this process."""
    sys.path.insert(0, root)
    from petitionnlp.pii import find_pii

    find_pii("举报人王伟反映")  # the pipeline loaded first
    out = {}
    for name, (unit, n) in INPUTS.items():
        t0 = time.process_time()
        spans = len(find_pii(unit * n))
        out[name] = (time.process_time() - t0, spans)
    return out


def run(root: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--measure", root], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", help="a folder with an older petitionnlp/ and corpora/ to compare with")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    old = run(args.base) if args.base else None
    new = run(str(ROOT))
    for name, (cpu, spans) in new.items():
        line = f"{name}: {cpu:.3f} s, {spans} spans"
        if old:
            line += f"; base {old[name][0]:.3f} s, {old[name][1]} spans; new/old {cpu / old[name][0]:.3f}"
            if old[name][1] != spans:
                line += "  SPANS DIFFER"
        print(line)


if __name__ == "__main__":
    main()
