"""A day in words has one definition (w56): what :func:`petitionnlp.dates.chinese_date` writes is what
:data:`petitionnlp.dates.CHINESE_DAY` finds, and the pages keep whole the days that writer wrote (the audit log's
办理期限：2026年12月18日 → 2026年12月28日) by that definition, not by a second regex of their own."""
import datetime as dt

from petitionnlp.dates import CHINESE_DAY, chinese_date, parse_date


def test_what_the_writer_writes_is_what_the_marking_finds():
    day = dt.date(1999, 1, 1)
    while day < dt.date(2031, 1, 1):
        words = chinese_date(day)
        assert CHINESE_DAY.fullmatch(words) and parse_date(words) == day, (day, words)
        day += dt.timedelta(days=37)
    for other in ("2026-12-18", "12月18日", "2026年12月", "二〇二六年十二月十八日", "2026/12/18"):
        assert not CHINESE_DAY.fullmatch(other), other


def test_a_page_keeps_whole_the_days_the_writer_wrote():
    from petitionnlp.web import render

    assert render._WRITTEN_DAY.pattern.endswith(CHINESE_DAY.pattern)  # one definition, the writer's
    words = f"办理期限：{chinese_date('2026-12-18')} → {chinese_date('2027-01-05')}"
    assert str(render._days_kept(words)) == ('办理期限<span class="day">：2026年12月18日</span>'
                                             ' <span class="day">→ 2027年1月5日</span>')
