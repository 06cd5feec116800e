"""Hotspot alerts (issue 28): planted surges found, steady regions quiet, no alert without enough history."""

import datetime as dt
import random

from petitionnlp.hotspots import HotspotRule, find_hotspots, region_path

START = dt.date(2024, 1, 1)
COUNTIES = [("衡阳市", "衡南县"), ("衡阳市", "耒阳市"), ("长沙市", "岳麓区"), ("岳阳市", "平江县"), ("郴州市", "苏仙区")]


def stream(weeks=16, seed=3, planted=()):
    """Petitions of 大气 and 水 in five counties, about one a week each (Poisson); ``planted``: (county, type,
    week, extra petitions)."""
    rng = random.Random(seed)
    out, n = [], 0
    for week in range(weeks):
        for city, county in COUNTIES:
            for kind in ("大气", "水"):
                count = sum(1 for _ in range(7) if rng.random() < 1 / 7)
                count += sum(k for c, t, w, k in planted if (c, t, w) == (county, kind, week))
                for _ in range(count):
                    n += 1
                    day = START + dt.timedelta(days=7 * week + rng.randrange(7))
                    out.append({"id": f"P{n}", "date": day.isoformat(), "province": "湖南省", "city": city,
                                "county": county, "pollution_types": [kind]})
    return out


def week(k):
    return START + dt.timedelta(days=7 * k), START + dt.timedelta(days=7 * k + 6)


RULE = HotspotRule(alpha=0.001, min_count=3, min_history_days=56)


def test_a_planted_surge_is_found_with_its_petitions_and_the_rest_is_quiet():
    records = stream(planted=[("衡南县", "大气", 12, 6)])
    alerts = RULE.alerts(records, *week(12))
    county = [a for a in alerts if a["region"] == "湖南省/衡阳市/衡南县"]
    assert [a["type"] for a in county] == ["大气"]
    a = county[0]
    assert a["count"] >= 6 and a["expected"] < 2 and a["score"] >= 3
    assert set(a) == {"region", "type", "count", "expected", "since", "score", "petitions"}
    assert len(a["petitions"]) == a["count"] and a["since"] >= week(12)[0].isoformat()
    ids = {r["id"] for r in records if r["county"] == "衡南县" and week(12)[0].isoformat() <= r["date"] <= week(12)[1].isoformat()
           and "大气" in r["pollution_types"]}
    assert set(a["petitions"]) == ids
    # nothing else but the surge's own city
    assert {x["region"] for x in alerts} <= {"湖南省/衡阳市/衡南县", "湖南省/衡阳市"}
    assert all(not RULE.alerts(records, *week(k)) for k in (9, 10, 11, 13, 14))


def test_no_alert_when_the_history_is_too_short():
    records = stream(planted=[("衡南县", "大气", 4, 10)])
    assert RULE.alerts(records, *week(4)) == []  # four weeks of history: < 56 days
    assert RULE.alerts(stream(planted=[("衡南县", "大气", 9, 10)]), *week(9))


def test_small_counts_need_a_quiet_history_to_alarm():
    quiet = stream(weeks=12)
    rare = [dict(r, id=f"R{k}", county="苏仙区", city="郴州市", pollution_types=["噪声"], date=d)
            for k, (r, d) in enumerate(zip(quiet, ["2024-03-26", "2024-03-27", "2024-03-28"]))]
    # three 噪声 petitions where there had been none in twelve weeks: an alert; two are not
    got = RULE.alerts(quiet + rare, "2024-03-25", "2024-03-31")
    assert any(a["type"] == "噪声" and a["region"].endswith("苏仙区") for a in got)
    assert not any(a["type"] == "噪声" for a in RULE.alerts(quiet + rare[:2], "2024-03-25", "2024-03-31"))


def test_settings_are_read_from_the_environment(monkeypatch):
    records = stream(planted=[("衡南县", "大气", 12, 6)])
    monkeypatch.setenv("PETITIONNLP_HOTSPOT_MIN_COUNT", "50")
    assert find_hotspots(records, *week(12)) == []
    monkeypatch.setenv("PETITIONNLP_HOTSPOT_MIN_COUNT", "3")
    assert find_hotspots(records, *week(12))


def test_types_as_written_in_csv_or_json_text_count_the_same():
    records = stream(planted=[("衡南县", "大气", 12, 6)])
    as_text = [dict(r, pollution_types="|".join(r["pollution_types"]) if k % 2 else str(r["pollution_types"]).replace("'", '"'))
               for k, r in enumerate(records)]
    assert RULE.alerts(as_text, *week(12)) == RULE.alerts(records, *week(12))


def test_region_paths():
    r = {"province": "湖南省", "city": "衡阳市", "county": "衡南县"}
    assert region_path(r) == "湖南省/衡阳市/衡南县" and region_path(r, "city") == "湖南省/衡阳市"
    assert region_path(dict(r, county=None)) is None and region_path(dict(r, city=None), "city") is None
