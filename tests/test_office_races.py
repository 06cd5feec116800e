"""Two people at once on one case (issue 30, item 1), on SQLite and PostgreSQL: requests sent at the same moment by
threads to a live server, repeated so that a race shows.  Each step is one atomic change (owner, state, version
and write in one transaction): the loser gets 409 (or, for a unit whose case was handed to another, 404) and
nothing of it is stored — no history step, no audit event, no report."""

import threading

import httpx
import pytest

from test_office_integrity import REPORT, make_office, table
from test_web_security import LiveServer

REPEATS = 5
TEXTS = ["衡阳市雁峰区某搅拌站夜间施工噪声扰民", "衡阳市雁峰区某化工厂偷排废水", "衡阳市雁峰区某餐馆油烟直排",
         "衡阳市雁峰区某工地扬尘严重", "衡阳市雁峰区某养殖场粪污直排"]


@pytest.fixture()
def server(backend):
    """A live server on SQLite or PostgreSQL with the office's units and accounts and a batch of cases of
    衡阳市雁峰区 (a unit 衡阳市珠晖区 beside it)."""
    from petitionnlp.office.accounts import add_user
    from petitionnlp.office.units import add_unit
    from petitionnlp.web.app import create_app

    app = create_app(backend["data_dir"], background=False, db_url=backend["db_url"])
    store = app.state.workbench.store
    make_office(store)
    add_unit(store, "衡阳市珠晖区", "湖南省/衡阳市/珠晖区")
    add_user(store, "zh", "zh-password-1", "unit", store.unit(name="衡阳市珠晖区")["id"])
    with LiveServer(app) as live:
        base = f"http://127.0.0.1:{live.port}"
        with httpx.Client(base_url=base, timeout=60) as client:
            heads = {}
            for name in ("ed", "hy", "admin"):
                r = client.post("/api/v1/token", data={"username": name, "password": f"{name}-password-1"})
                heads[name] = {"Authorization": f"Bearer {r.json()['access_token']}"}
            rows = [[f"R-{i:03d}", "衡阳市雁峰区", "", f"{TEXTS[i % len(TEXTS)]}（第{i}件）"] for i in range(6 * REPEATS)]
            r = client.post("/api/v1/batches", files={"file": ("并发.csv", table(rows))},
                            data={"handover_date": "2024-05-15"}, headers=heads["ed"])
            assert r.status_code == 201, r.text
            got = client.get("/api/v1/petitions", params={"sort": "row"}, headers=heads["ed"]).json()["petitions"]
            assert len(got) == 6 * REPEATS and all(p["unit"] == "衡阳市雁峰区" for p in got)
            yield {"base": base, "heads": heads, "ids": [p["id"] for p in got], "client": client}


def at_once(base: str, *calls):
    """Send the requests of ``calls`` ((method, url, headers, json)) at the same moment; their answers."""
    barrier = threading.Barrier(len(calls))
    answers = [None] * len(calls)

    def send(i, method, url, headers, body):
        with httpx.Client(base_url=base, timeout=60) as c:
            c.get("/healthz")  # the connection is open before the barrier
            barrier.wait()
            answers[i] = c.request(method, url, headers=headers, json=body)

    threads = [threading.Thread(target=send, args=(i, *call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return answers


def history(srv, pid):
    return srv["client"].get(f"/api/v1/petitions/{pid}", headers=srv["heads"]["ed"]).json()


def audited(srv, pid, *actions):
    events = srv["client"].get("/api/v1/audit", params={"limit": 5000}, headers=srv["heads"]["admin"]).json()["events"]
    return [e for e in events if e["target"] == f"petition:{pid}" and e["action"] in actions]


def test_two_people_at_once_on_one_case(server):
    srv, ed, hy = server, server["heads"]["ed"], server["heads"]["hy"]
    client, ids = srv["client"], iter(srv["ids"])
    for _ in range(REPEATS):
        # an editor hands the case to another unit while its unit reports: the report never lands on B's case
        pid = next(ids)
        move, report = at_once(srv["base"], ("PATCH", f"/api/v1/petitions/{pid}", ed, {"unit": "衡阳市珠晖区"}),
                               ("POST", f"/api/v1/petitions/{pid}/report", hy, REPORT))
        case = history(srv, pid)
        assert sorted([move.status_code, report.status_code]) in ([200, 404], [200, 409]), (move.text, report.text)
        if move.status_code == 200:
            assert case["unit"] == "衡阳市珠晖区" and case["report"] is None and case["status"] == "待办"
            assert [h["action"] for h in case["history"]] == ["handover", "assign"]
            assert not audited(srv, pid, "report")
        else:
            assert move.status_code == 409 and move.json()["status"] == "待审核"
            assert case["unit"] == "衡阳市雁峰区" and case["status"] == "待审核" and case["report"]["user"] == "hy"
            assert not audited(srv, pid, "assign")

        # approve and return at once: one wins, the other is 409 and leaves no trace
        pid = next(ids)
        assert client.post(f"/api/v1/petitions/{pid}/report", json=REPORT, headers=hy).status_code == 200
        approve, back = at_once(srv["base"],
                                ("POST", f"/api/v1/petitions/{pid}/review", ed, {"decision": "approve"}),
                                ("POST", f"/api/v1/petitions/{pid}/review", ed, {"decision": "return", "reason": "补"}))
        assert sorted([approve.status_code, back.status_code]) == [200, 409], (approve.text, back.text)
        case = history(srv, pid)
        steps = [h["action"] for h in case["history"] if h["action"] in ("approve", "return")]
        assert len(steps) == 1 and len(audited(srv, pid, "approve", "return")) == 1
        assert case["status"] == ("已办结" if approve.status_code == 200 else "退回")
        assert (case["report"]["review_reason"] is None) == (approve.status_code == 200)
        loser = back if approve.status_code == 200 else approve
        assert loser.json()["status"] == case["status"] and "allowed" in loser.json()

        # two approvals of one report: one 200, one 409, one approval in the history and the audit log
        pid = next(ids)
        client.post(f"/api/v1/petitions/{pid}/report", json=REPORT, headers=hy)
        first, second = at_once(srv["base"], *[("POST", f"/api/v1/petitions/{pid}/review", ed,
                                                {"decision": "approve"})] * 2)
        assert sorted([first.status_code, second.status_code]) == [200, 409]
        assert [h["action"] for h in history(srv, pid)["history"]].count("approve") == 1
        assert len(audited(srv, pid, "approve")) == 1

        # two PATCHes read at the same version: one change lands, the other is refused, nothing is lost silently
        pid = next(ids)
        version = history(srv, pid)["version"]
        a, b = at_once(srv["base"],
                       ("PATCH", f"/api/v1/petitions/{pid}", ed, {"pollution_types": ["海洋"], "version": version}),
                       ("PATCH", f"/api/v1/petitions/{pid}", ed, {"pollution_types": ["辐射"], "version": version}))
        assert sorted([a.status_code, b.status_code]) == [200, 409], (a.text, b.text)
        case = history(srv, pid)
        winner = a if a.status_code == 200 else b
        assert case["version"] == version + 1 and case["pollution_types"] == winner.json()["pollution_types"]
        assert len(audited(srv, pid, "correct")) == 1

        # two reports sent with the same version: one report, one 409
        pid = next(ids)
        version = history(srv, pid)["version"]
        a, b = at_once(srv["base"], ("POST", f"/api/v1/petitions/{pid}/report", hy, {**REPORT, "version": version}),
                       ("POST", f"/api/v1/petitions/{pid}/report", ed,
                        {**REPORT, "findings": "编辑代报", "version": version}))
        assert sorted([a.status_code, b.status_code]) == [200, 409], (a.text, b.text)
        case = history(srv, pid)
        assert [h["action"] for h in case["history"]].count("report") == 1 and len(audited(srv, pid, "report")) == 1
        assert case["version"] == version + 1 and case["status"] == "待审核"

        # accept twice at once (the unit and an editor): one 签收
        pid = next(ids)
        a, b = at_once(srv["base"], ("POST", f"/api/v1/petitions/{pid}/accept", hy, None),
                       ("POST", f"/api/v1/petitions/{pid}/accept", ed, None))
        assert sorted([a.status_code, b.status_code]) == [200, 409]
        assert [h["action"] for h in history(srv, pid)["history"]].count("accept") == 1


def test_two_people_at_once_closing_the_loop(server):
    """回访 不满意 twice at once, 回访 against a reopening, and two checks of one drawn case: one wins, the other is
    409 and leaves no callback, no check, no history step and no audit event of its own."""
    srv, ed, hy = server, server["heads"]["ed"], server["heads"]["hy"]
    client, ids = srv["client"], iter(srv["ids"])
    closed = [next(ids) for _ in range(3 * REPEATS)]
    for pid in closed:
        assert client.post(f"/api/v1/petitions/{pid}/report", json=REPORT, headers=hy).status_code == 200
        assert client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"}, headers=ed).status_code == 200
    sc = client.post("/api/v1/spotchecks", json={"from": "2024-05-15", "to": "2024-05-15", "rate": 1, "seed": 5},
                     headers=ed).json()
    assert sorted(sc["petitions"]) == sorted(closed)
    closed = iter(closed)
    for _ in range(REPEATS):
        # two clerks record 不满意 on one case at once: one callback, one reopening
        pid = next(closed)
        a, b = at_once(srv["base"], *[("POST", f"/api/v1/petitions/{pid}/callback", ed,
                                       {"result": "不满意", "note": "仍有噪声"})] * 2)
        assert sorted([a.status_code, b.status_code]) == [200, 409], (a.text, b.text)
        case = history(srv, pid)
        assert len(case["callbacks"]) == 1 and case["status"] == "办理中" and case["reopened"] == 1
        assert [h["action"] for h in case["history"]].count("reopen") == 1
        assert len(audited(srv, pid, "callback")) == 1 and len(audited(srv, pid, "reopen")) == 1

        # a callback 满意 while an editor reopens the case: either the call lands on the closed case, or it is 409
        pid = next(closed)
        call, reopen = at_once(srv["base"], ("POST", f"/api/v1/petitions/{pid}/callback", ed, {"result": "满意"}),
                               ("POST", f"/api/v1/petitions/{pid}/reopen", ed, {"reason": "群众再次来电"}))
        case = history(srv, pid)
        assert reopen.status_code == 200 and case["status"] == "办理中", reopen.text
        assert call.status_code in (200, 409) and len(case["callbacks"]) == (call.status_code == 200)
        assert len(audited(srv, pid, "callback")) == (call.status_code == 200)

        # a drawn case checked twice at once (passed and failed): one check, and a reopening only if it failed
        pid = next(closed)
        ok, bad = at_once(srv["base"],
                          ("POST", f"/api/v1/spotchecks/{sc['id']}/items/{pid}", ed, {"passed": True}),
                          ("POST", f"/api/v1/spotchecks/{sc['id']}/items/{pid}", ed, {"passed": False, "note": "缺"}))
        assert sorted([ok.status_code, bad.status_code]) == [200, 409], (ok.text, bad.text)
        case = history(srv, pid)
        assert len(case["spotchecks"]) == 1 and case["spotchecks"][0]["passed"] is (ok.status_code == 200)
        assert case["status"] == ("已办结" if ok.status_code == 200 else "办理中")
        assert len(audited(srv, pid, "spotcheck")) == 1
        assert [h["action"] for h in case["history"]].count("reopen") == (bad.status_code == 200)
    one = client.get(f"/api/v1/spotchecks/{sc['id']}", headers=ed).json()
    assert one["checked"] == REPEATS
