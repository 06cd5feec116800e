"""t45 (issue 29; session 44's leftover): a run of numerals costs a briefing's extraction what a run of other
characters of the same length costs.  extract_briefing("一" * 10000) took about 10 s (so did "1", "十", "〇"): the
number class of the time rules (NUM), the enumerators of the directive rules ([一…十]+是/要) and the directive
features' count of statistics ([0-9]+家/件/…) were tried from every position inside the run, each attempt reading to
the run's end (quadratic).  A number now starts where its run starts (NUM, the statistics), an enumerator's numeral
is at most three characters (九十九是); spans, types, values and directives are unchanged on every text of the repo's
and the shared corpora.

The check compares CPU time with a run of a character no rule reads as a number, in the same process (best of three,
a generous factor): a pattern that is quadratic in the run's length fails it by far (before the change, 3,000
numerals took 41–48 times as long as 3,000 full stops; now 1.0–1.2)."""

from __future__ import annotations

import time

import pytest

from petitionnlp.briefing import extract_briefing, find_time_expressions

N = 3000


def _cpu(f, text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t = time.process_time()
        f(text)
        best = min(best, time.process_time() - t)
    return best


@pytest.mark.parametrize("unit,length", [("一", N), ("1", N), ("〇", N), ("０", N), ("十", N), ("二十", N),
                                         ("1、", 2 * N), ("，", 2 * N)])
def test_a_run_of_numerals_costs_what_a_run_of_other_characters_costs(unit, length):
    """Also a list of numbers sharing a unit (1、1、…: the lookahead of months listed with one 月 read the whole list
    from each item) and a run of commas (a clause's cuts looked back over every comma before each one)."""
    extract_briefing("预热。")  # the pipeline is built once, outside the measure
    run = unit * (length // len(unit))
    baseline = _cpu(extract_briefing, "。" * len(run))
    assert _cpu(extract_briefing, run) < 8 * baseline + 0.05
    assert _cpu(find_time_expressions, run) < 8 * _cpu(find_time_expressions, "。" * len(run)) + 0.05
