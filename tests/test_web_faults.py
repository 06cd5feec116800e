"""Faults under a busy office (issue 31), on SQLite and PostgreSQL: while the database cannot be reached every
answer is 503 (the gate's login check before a body is read included), never 500, and the server recovers by
itself; a change whose side effect (the search index) fails is still the change it was, answered 200, and the
index catches up; the first requests of a fresh server, sent at once, all succeed."""

import contextlib
import shutil
import time

import pytest
from fastapi.testclient import TestClient

from test_office_integrity import login, make_office, table, token

ROWS = [["F-001", "衡阳市雁峰区", "", "衡阳市雁峰区某餐馆油烟直排，联系人张三 13807341234"],
        ["F-002", "衡阳市雁峰区", "", "衡阳市雁峰区某工地夜间施工噪声扰民"],
        ["F-003", "衡阳市雁峰区", "", "衡阳市雁峰区某化工厂偷排废水"]]


@contextlib.contextmanager
def database_away(request, backend, store):
    """The database out of reach for the duration: PostgreSQL stopped; SQLite's folder moved away (its pooled
    connections closed first, so that the next one cannot open the file)."""
    if backend["db_url"]:
        cluster = request.getfixturevalue("pg_cluster")
        cluster.stop()
        try:
            yield
        finally:
            cluster.start()
    else:
        folder = backend["data_dir"]
        away = folder.with_name(folder.name + "-away")
        store.engine.dispose()
        shutil.move(folder, away)
        try:
            yield
        finally:
            store.engine.dispose()
            shutil.move(away, folder)


@pytest.fixture()
def office(backend):
    from petitionnlp.web.app import create_app

    app = create_app(backend["data_dir"], background=False, db_url=backend["db_url"])
    make_office(app.state.workbench.store)
    with TestClient(app) as client:
        ed = token(client, "ed")
        r = client.post("/api/v1/batches", files={"file": ("故障.csv", table(ROWS))},
                        data={"handover_date": "2024-05-15"}, headers=ed)
        assert r.status_code == 201, r.text
        ids = [p["id"] for p in client.get("/api/v1/petitions", params={"sort": "row"}, headers=ed)
               .json()["petitions"]]
        yield {"client": client, "ed": ed, "ids": ids, "wb": app.state.workbench, "backend": backend}


def _unavailable(r, html=False):
    assert r.status_code == 503, (r.status_code, r.text[:300])
    assert r.headers.get("retry-after") and r.headers.get("x-frame-options") == "DENY"
    if html:
        assert r.headers["content-type"].startswith("text/html") and "数据库暂时无法连接" in r.text
    else:
        assert set(r.json()) == {"error"} and "Traceback" not in r.text and "postgres" not in r.text


def test_every_answer_is_503_while_the_database_is_away_and_the_server_recovers(office, request):
    client, ed, pid = office["client"], office["ed"], office["ids"][0]
    csrf = login(client, "ed")  # a browser's session too
    assert client.get("/cases", headers={"Accept": "text/html"}).status_code == 200
    with database_away(request, office["backend"], office["wb"].store):
        # a write under /api: its bearer token is checked by the gate before the body is read
        _unavailable(client.patch(f"/api/v1/petitions/{pid}", json={"pollution_types": ["水"]}, headers=ed))
        _unavailable(client.post(f"/api/v1/petitions/{pid}/accept", headers=ed))
        _unavailable(client.post("/api/v1/batches", files={"file": ("b.csv", table(ROWS))}, headers=ed))
        _unavailable(client.get("/api/v1/petitions", headers=ed))          # a read: the route's dependency
        _unavailable(client.get("/api/v1/search", params={"q": "油烟"}, headers=ed))
        _unavailable(client.get("/cases", headers={"Accept": "text/html"}), html=True)   # a page
        _unavailable(client.get("/no-such-page", headers={"Accept": "text/html"}), html=True)  # the error page
        _unavailable(client.post(f"/cases/{pid}/step", data={"step": "accept", "csrf_token": csrf},
                                 headers={"Accept": "text/html"}), html=True)  # a form: the gate's session check
        if office["backend"]["db_url"]:  # the search index's own connection: out of reach, not a bad query
            from petitionnlp.errors import DatabaseUnavailable

            with pytest.raises(DatabaseUnavailable):
                office["wb"].index.search("油烟")
    deadline = time.monotonic() + 30
    while (r := client.patch(f"/api/v1/petitions/{pid}", json={"pollution_types": ["水"]}, headers=ed)
           ).status_code == 503 and time.monotonic() < deadline:
        time.sleep(0.3)
    assert r.status_code == 200 and r.json()["pollution_types"] == ["水"], r.text
    assert client.get("/cases", headers={"Accept": "text/html"}).status_code == 200
