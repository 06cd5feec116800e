"""A city unit and the county units under it (CONTRACT.md "Case lifecycle": "A unit user sees and acts on the
petitions assigned to its own unit only … any other unit's petition by id is 404 for it"), on SQLite and
PostgreSQL.  The contract as it stands: a city-level unit (市级) receives the cases of its city that no county unit
answers for, and reads nothing of its counties' cases; a county reads nothing of a sibling county's or of its city's.
Session 45 left "a city unit follows its counties" open because the contract says this; when the contract changes,
this test is the one to turn round (the city reads its counties' cases, read-only; the counties stay as here)."""

import datetime as dt

from test_office_integrity import REPORT, cases, client, table, token, upload  # noqa: F401 — client


def test_a_city_unit_and_its_counties_each_read_their_own_cases_only(client):
    from petitionnlp.office.accounts import add_user
    from petitionnlp.office.clock import office_today
    from petitionnlp.office.units import add_unit

    store = client.app.state.workbench.store
    add_unit(store, "衡阳市", "湖南省/衡阳市")
    add_unit(store, "衡阳市衡南县", "湖南省/衡阳市/衡南县")
    for name, unit in (("hs", "衡阳市"), ("hn", "衡阳市衡南县")):
        add_user(store, name, f"{name}-password-1", "unit", store.unit(name=unit)["id"])
    ed, hy, hs, hn = (token(client, n) for n in ("ed", "hy", "hs", "hn"))
    overdue = (office_today() - dt.timedelta(days=20)).isoformat()
    upload(client, ed, table([["U-01", "衡阳市雁峰区", "", "衡阳市雁峰区某厂噪声扰民"],
                              ["U-02", "衡阳市衡南县", "", "衡阳市衡南县某砂场粉尘"],
                              ["U-03", "衡阳市", "", "衡阳市某化工厂异味扰民"]]), name="衡阳.csv",
           handover_date=overdue, reply_days="15", working_days="false")
    got = cases(client, ed)
    ids = {k: v["id"] for k, v in got.items()}
    # hand-over: the most specific unit whose region holds the case
    assert {k: v["unit"] for k, v in got.items()} == {"U-01": "衡阳市雁峰区", "U-02": "衡阳市衡南县", "U-03": "衡阳市"}
    own = {"hy": "U-01", "hn": "U-02", "hs": "U-03"}
    for name, headers in (("hy", hy), ("hn", hn), ("hs", hs)):
        listed = client.get("/api/v1/petitions", headers=headers).json()["petitions"]
        assert [p["receipt_id"] for p in listed] == [own[name]], name
        reminded = client.get("/api/v1/reminders", headers=headers).json()["reminders"]
        assert [r["receipt_id"] for r in reminded] == [own[name]], name
        for key, pid in ids.items():
            if key == own[name]:
                continue
            # another unit's case, the city's included, is none of this unit's: 404 on reading and on every step
            assert client.get(f"/api/v1/petitions/{pid}", headers=headers).status_code == 404, (name, key)
            for step, body in (("report", REPORT), ("accept", {})):
                r = client.post(f"/api/v1/petitions/{pid}/{step}", json=body, headers=headers)
                assert r.status_code == 404, (name, key, step, r.text)
    assert {k: v["status"] for k, v in cases(client, ed).items()} == {"U-01": "待办", "U-02": "待办", "U-03": "待办"}
