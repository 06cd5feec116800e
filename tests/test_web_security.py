"""The hostile probe of issue 18 as tests: redaction on every path a viewer reaches (search snippets and matches,
batch notices, briefings, deadlines, pages and API), sessions and tokens revoked, the login limit under a race,
the models page after a retrain, body limits chunked and not with authentication first, odd inputs (NUL, lone
surrogates, ids beyond 64 bits), security headers on every answer, the Host allow-list and trusted proxies, XSS,
CSRF, and the role check of every route of the OpenAPI schema (generated from it: a new route is covered)."""

import http.client
import json
import re
import socket
import threading
import time

import pytest
from fastapi.testclient import TestClient

from conftest import run_cli
from test_web_api import _login, as_user, make_client, token, upload

NAME, PHONE, IDNO = "王建国", "13812345678", "430102199003077735"
NAME2, PHONE2, PHONE3 = "周海涛", "13755550123", "13875123456"
SECRETS = (NAME, PHONE, IDNO, NAME2, PHONE2, PHONE3)
XSS = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
BATCH = ("湖南省交办件（举报人周海涛，电话13755550123）\n"
         "序号,举报人,联系电话,交办问题基本情况\n"
         f"1,{NAME},{PHONE},举报人{NAME}反映衡阳市雁峰区某化工厂夜间偷排刺鼻废气，联系电话{PHONE}，身份证号{IDNO}。\n"
         f"2,,,衡阳市珠晖区某搅拌站扬尘严重{XSS}\n"
         f"3,李某某,{PHONE3},举报人反映衡阳市蒸湘区某养猪场粪污直排小河，联系电话{PHONE3}，请尽快处理。\n")
BRIEFING = (f"督察简报（第5期）\n2024年5月20日\n举报人{NAME}（电话{PHONE}，身份证号{IDNO}）反映的化工厂偷排问题，"
            "杨副省长要求衡阳市生态环境局于2024年6月30日前查明情况并向督察组报告。\n")


def _plain(text: str) -> str:
    """A page or JSON answer without the highlighting marks, so that a number split by them is whole again."""
    return re.sub(r"</?mark>|[【】]|\\u3010|\\u3011", "", text)


def _no_secret(text: str, where: str = "") -> None:
    for s in SECRETS:
        assert s not in text and s not in _plain(text), (where, s)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """A workbench with the planted batch and briefing; (client, data folder, ids)."""
    data = tmp_path_factory.mktemp("sec") / "data"
    with make_client(data) as client:
        ed = token(client, "ed")
        r = upload(client, ed, name="planted.csv", content=BATCH.encode("utf-8"))
        assert r.status_code == 201, r.text
        batch = r.json()["batch_id"]
        petitions = client.get(f"/api/v1/batches/{batch}/petitions", headers=ed).json()["petitions"]
        r = client.post("/api/v1/briefings", json={"text": BRIEFING, "title": f"{NAME}举报件督办"}, headers=ed)
        assert r.status_code == 201, r.text
        ids = {"batch": batch, "petition": petitions[0]["id"], "xss": petitions[1]["id"],
               "briefing": r.json()["briefing_id"]}
        yield client, data, ids


# ------------------------------------------------------------------------------ 1, 2: search

def test_an_index_made_before_redacted_copies_gets_them_at_start(tmp_path):
    import sqlite3

    data = tmp_path / "data"
    with make_client(data) as client:
        ed = token(client, "ed")
        assert upload(client, ed, name="planted.csv", content=BATCH.encode("utf-8")).status_code == 201
    db = sqlite3.connect(data / "search.db")  # as an index of the previous version: the full copies only
    rows = [r[0] for r in db.execute("SELECT rowid FROM docs WHERE kind LIKE '%_redacted'")]
    assert rows
    db.executemany("DELETE FROM docs_fts WHERE rowid = ?", [(r,) for r in rows])
    db.executemany("DELETE FROM docs WHERE rowid = ?", [(r,) for r in rows])
    db.commit()
    db.close()
    with make_client(data) as client:
        hits = client.get("/api/v1/search", params={"q": "化工厂"}, headers=token(client, "vi")).json()
        assert hits and hits[0]["id"].startswith("petition:")
        _no_secret(json.dumps(hits, ensure_ascii=False))


def test_a_copy_redacted_by_other_rules_is_never_shown_to_a_viewer_and_is_made_again(tmp_path):
    """A viewer copy made by rules that missed a name — before an upgrade (the kind of 4303a14's copies), or by a
    server or worker of another version still running, at any time — is never found nor shown by a viewer's
    search; at the next start the copies are made again by the rules of now (p43's and review43's findings)."""
    from petitionnlp.office.index import viewer_kind
    from petitionnlp.search import SearchIndex

    data = tmp_path / "data"
    with make_client(data) as client:
        ed = token(client, "ed")
        assert upload(client, ed, name="planted.csv", content=BATCH.encode("utf-8")).status_code == 201
    shown = f"举报人{NAME}反映化工厂偷排，电话{PHONE}"

    def older_rules(kind):  # every viewer copy as older rules would have made it: the name and phone shown
        with SearchIndex(str(data / "search.db")) as ix:
            for doc_id in ix.ids(("petition",)):
                ix.add(doc_id.replace(":", "_redacted:", 1), shown, title=f"举报人{NAME}", kind=kind)

    older_rules("petition_redacted")  # an index of the version before
    with make_client(data) as client:
        vi = token(client, "vi")
        for q in (NAME, PHONE, "化工厂"):
            _no_secret(client.get("/api/v1/search", params={"q": q}, headers=vi).text, q)
        hits = client.get("/api/v1/search", params={"q": "化工厂"}, headers=vi).json()
        assert hits and hits[0]["id"].startswith("petition:")  # made again at start, by the rules of now
        older_rules("petition@0123456789abcdef_redacted")  # a server of other rules writes while this one runs
        for q in (NAME, PHONE, "化工厂", "举报人"):
            _no_secret(client.get("/api/v1/search", params={"q": q}, headers=vi).text, q)
        assert viewer_kind("petition") != "petition@0123456789abcdef_redacted"
    with make_client(data) as client:  # and at the next start they are made again
        hits = client.get("/api/v1/search", params={"q": "化工厂"}, headers=token(client, "vi")).json()
        assert hits and hits[0]["id"].startswith("petition:")
        _no_secret(json.dumps(hits, ensure_ascii=False))


SEARCHES = ["联系电话 0 1 2 3 4 5 6 7 8 9", "王", "建国", "138", PHONE, IDNO, NAME, PHONE3, "举报人", "身份证号",
            "1 3 8 1 2 3 4 5 6 7 8", "4301", "化工厂", f'"{PHONE}"', NAME2]


def test_a_viewers_search_shows_and_matches_no_personal_information(planted):
    client, data, ids = planted
    vi, ed = token(client, "vi"), token(client, "ed")
    for q in SEARCHES:
        r = client.get("/api/v1/search", params={"q": q, "limit": 50}, headers=vi)
        assert r.status_code == 200, (q, r.text)
        _no_secret(r.text, q)
    # nobody can be looked up: a query of a person's data finds nothing for a viewer, the petition for an editor
    for q in (PHONE, IDNO, NAME, PHONE3):
        assert client.get("/api/v1/search", params={"q": q}, headers=vi).json() == [], q
        hits = client.get("/api/v1/search", params={"q": q}, headers=ed).json()
        assert hits and hits[0]["id"].startswith("petition:"), q
    # what is not personal is still found, as the document it is a copy of
    hits = client.get("/api/v1/search", params={"q": "化工厂"}, headers=vi).json()
    assert hits and hits[0]["id"] in (f"petition:{ids['petition']}", f"briefing:{ids['briefing']}")
    assert {h["id"].split(":")[0] for h in hits} <= {"petition", "briefing"}
    assert any("【姓名】" in h["snippet"] or "姓名" in h["snippet"] for h in hits)
    # the search page the same
    cookie = _login(client, "vi")
    as_user(client, cookie)
    for q in SEARCHES:
        page = client.get("/search", params={"q": q})
        assert page.status_code == 200, q
        _no_secret(page.text.split('id="hits"')[1], q)  # (the query box holds what the viewer typed)
    page = client.get("/search", params={"q": "化工厂"})
    assert f'href="/petitions/{ids["petition"]}"' in page.text
    client.cookies.clear()


# ---------------------------------------------------------------------- 3: batch notices and messages

def test_batch_notices_carry_no_server_path_and_no_personal_information_for_viewers(planted):
    client, data, ids = planted
    vi, ed = token(client, "vi"), token(client, "ed")
    for headers in (vi, ed):
        for url in ("/api/v1/batches", f"/api/v1/batches/{ids['batch']}"):
            r = client.get(url, headers=headers)
            assert r.status_code == 200 and str(data) not in r.text and "uploads/" not in r.text, r.text
    one = client.get(f"/api/v1/batches/{ids['batch']}", headers=ed).json()
    assert "表头上方" in one["message"] and PHONE2 in one["message"]  # the editor reads the notice as written
    for url in ("/api/v1/batches", f"/api/v1/batches/{ids['batch']}"):
        r = client.get(url, headers=vi)
        _no_secret(r.text, url)
    assert "【电话】" in client.get(f"/api/v1/batches/{ids['batch']}", headers=vi).json()["message"]
    as_user(client, _login(client, "vi"))
    for url in ("/batches", f"/batches/{ids['batch']}", f"/petitions/{ids['petition']}"):
        page = client.get(url)
        assert page.status_code == 200 and str(data) not in page.text and "uploads/" not in page.text, url
        _no_secret(page.text, url)
    client.cookies.clear()


def test_a_file_without_a_known_header_shows_a_viewer_none_of_its_first_row(planted):
    client, data, ids = planted
    ed, vi = token(client, "ed"), token(client, "vi")
    content = f"{NAME},{PHONE},衡阳市某厂夜间偷排\n张三,13900001111,另一条\n".encode("utf-8")
    r = upload(client, ed, name="noheader.csv", content=content)
    assert r.status_code == 422 and str(data) not in r.text and "uploads/" not in r.text, r.text
    failed = next(b for b in client.get("/api/v1/batches", headers=ed).json()["batches"]
                  if b["filename"] == "noheader.csv")
    seen = client.get(f"/api/v1/batches/{failed['batch_id']}", headers=vi)
    assert seen.status_code == 200 and seen.json()["state"] == "failed"
    assert "13900001111" not in seen.text and "张三" not in seen.text
    _no_secret(seen.text)
    as_user(client, _login(client, "vi"))
    page = client.get(f"/batches/{failed['batch_id']}")
    assert page.status_code == 200 and "13900001111" not in page.text and str(data) not in page.text
    _no_secret(page.text)
    client.cookies.clear()


# ---------------------------------------------------------------------------------- 4: briefings

def test_briefings_are_redacted_for_viewers_everywhere(planted):
    client, data, ids = planted
    vi, ed = token(client, "vi"), token(client, "ed")
    bid = ids["briefing"]
    for url in ("/api/v1/briefings", f"/api/v1/briefings/{bid}", "/api/v1/deadlines"):
        r = client.get(url, headers=vi)
        assert r.status_code == 200, url
        _no_secret(r.text, url)
    full = client.get(f"/api/v1/briefings/{bid}", headers=ed).json()
    assert PHONE in full["text"] and NAME in full["title"]
    hidden = client.get(f"/api/v1/briefings/{bid}", headers=vi).json()
    assert "【电话】" in hidden["text"] and hidden["directives"]
    deadlines = client.get("/api/v1/deadlines", headers=vi).json()
    assert sum(len(v) for v in deadlines.values()) >= 1
    as_user(client, _login(client, "vi"))
    for url in ("/briefings", f"/briefings/{bid}", "/search?q=督察简报"):
        page = client.get(url)
        assert page.status_code == 200, url
        _no_secret(page.text, url)
    client.cookies.clear()


def test_exports_redacted_hold_no_personal_information(planted):
    from io import BytesIO

    from openpyxl import load_workbook

    client, data, ids = planted
    ed = token(client, "ed")
    r = client.get(f"/api/v1/batches/{ids['batch']}/export.xlsx?redacted=1", headers=ed)
    assert r.status_code == 200
    cells = " ".join(str(c.value) for row in load_workbook(BytesIO(r.content)).active.iter_rows() for c in row)
    _no_secret(cells)


# ----------------------------------------------------------------------------------------- XSS, CSRF

def test_planted_markup_is_escaped_everywhere(planted):
    client, data, ids = planted
    for name in ("ed", "vi"):
        as_user(client, _login(client, name))
        for url in (f"/batches/{ids['batch']}", f"/petitions/{ids['xss']}", "/search?q=搅拌站",
                    "/search?q=" + XSS, "/login?m=" + XSS, "/no-such-page?x=" + XSS):
            page = client.get(url, headers={"accept": "text/html"})
            assert "<script>alert" not in page.text and "<img src=x" not in page.text, (name, url)
    client.cookies.clear()


def test_forms_need_the_sessions_csrf_token(planted):
    client, data, ids = planted
    as_user(client, _login(client, "ed"))
    for data_ in ({}, {"csrf_token": "forged"}):
        r = client.post(f"/petitions/{ids['petition']}", data={**data_, "status": "已办结"}, follow_redirects=False)
        assert r.status_code == 403, r.text
    client.cookies.clear()
    as_user(client, _login(client, "vi"))
    r = client.post(f"/petitions/{ids['petition']}", data={"status": "已办结"}, follow_redirects=False)
    assert r.status_code == 403
    client.cookies.clear()


# -------------------------------------------------------------------------------- 12: login page

def test_the_login_page_shows_no_text_from_its_address_and_other_pages_only_their_own(planted):
    client, data, ids = planted
    page = client.get("/login", params={"m": "系统升级，请拨打 400-123-4567 重置密码"})
    assert page.status_code == 200 and "400-123-4567" not in page.text
    assert "已退出登录" in client.get("/login?m=out").text
    as_user(client, _login(client, "ed"))
    assert "请拨打" not in client.get("/batches", params={"m": "请拨打 400-123-4567"}).text
    r = client.post(f"/petitions/{ids['petition']}", follow_redirects=False,
                    data={"csrf_token": client.get("/batches").text.split('name="csrf_token" value="')[1]
                          .split('"')[0], "status": "办理中", "next": f"/batches/{ids['batch']}"})
    assert r.status_code == 303
    assert "已保存第 1 行的更正" in client.get(r.headers["location"]).text  # the server's own notice is shown
    client.cookies.clear()


def test_the_error_pages_back_link_needs_no_script(planted):
    client, data, ids = planted
    as_user(client, _login(client, "vi"))
    page = client.get("/batches/999999", headers={"accept": "text/html", "referer": "http://testserver/stats?from=x"})
    assert page.status_code == 404 and "javascript:" not in page.text and 'href="/stats?from=x"' in page.text
    page = client.get("/batches/999999", headers={"accept": "text/html", "referer": "http://evil.example/phish"})
    # another site is no way back: the page offers this user's own start page instead
    assert "evil.example" not in page.text and 'id="back"' not in page.text and 'id="home"' in page.text
    client.cookies.clear()


# -------------------------------------------------------------------------------- 5: revocation

def _session_works(client, cookie) -> bool:
    client.cookies.clear()
    client.cookies.set("pnlp_session", cookie)
    ok = client.get("/batches", follow_redirects=False).status_code == 200
    client.cookies.clear()
    return ok


def test_a_password_reset_a_role_change_and_disabling_end_every_session_and_token(tmp_path):
    data = tmp_path / "data"
    with make_client(data) as client:
        auth = client.app.state.auth
        auth.add_user("clerk", "clerk-password-1", "editor")
        pages = [("clerk", "clerk-password-1")]

        def credentials():
            bearer = {"Authorization": "Bearer " + client.post(
                "/api/v1/token", data={"username": "clerk", "password": pages[-1][1]}).json()["access_token"]}
            page = client.get("/login")
            csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
            r = client.post("/login", data={"username": "clerk", "password": pages[-1][1], "csrf_token": csrf},
                            follow_redirects=False)
            cookie = r.cookies.get("pnlp_session")
            client.cookies.clear()
            assert client.get("/api/v1/me", headers=bearer).status_code == 200 and _session_works(client, cookie)
            return bearer, cookie

        # a reset with `user add NAME` (the command line, as the office does it)
        bearer, cookie = credentials()
        code, _, err = run_cli("user", "add", "clerk", "--role", "editor", "--data", data,
                               stdin=b"clerk-password-2\n")
        assert code == 0, err
        pages.append(("clerk", "clerk-password-2"))
        assert client.get("/api/v1/me", headers=bearer).status_code == 401
        assert not _session_works(client, cookie)
        # a role change
        bearer, cookie = credentials()
        auth.add_user("clerk", "clerk-password-2", "viewer")
        assert client.get("/api/v1/me", headers=bearer).status_code == 401 and not _session_works(client, cookie)
        # disabling
        bearer, cookie = credentials()
        code, _, err = run_cli("user", "disable", "clerk", "--data", data)
        assert code == 0, err
        assert client.get("/api/v1/me", headers=bearer).status_code == 401 and not _session_works(client, cookie)
        assert client.post("/api/v1/token", data={"username": "clerk", "password": "clerk-password-2"}
                           ).status_code == 401
        code, _, err = run_cli("user", "disable", "nobody", "--data", data)
        assert code != 0 and "E058" in err and "Traceback" not in err


# --------------------------------------------------------------------- a real server in this process

class LiveServer:
    """uvicorn serving an app of this process on a free port (so a test can watch inside it)."""

    def __init__(self, app):
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    access_log=False, lifespan="off", proxy_headers=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                return self
            time.sleep(0.05)
        raise RuntimeError("server did not start")

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)

    def post(self, path, body: bytes = b"", headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request("POST", path, body=body, headers=headers or {})
        r = conn.getresponse()
        out = r.status, dict(r.getheaders()), r.read()
        conn.close()
        return out

    def raw(self, head: bytes, chunks, chunk_pause: float = 0.0):
        """Send a request head and chunked body pieces; (status, headers, body text, pieces sent)."""
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=30)
        sock.sendall(head)
        sent = 0
        try:
            for piece in chunks:
                sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
                sent += 1
                if chunk_pause:
                    time.sleep(chunk_pause)
                    sock.setblocking(False)
                    try:
                        peek = sock.recv(1, socket.MSG_PEEK)
                    except BlockingIOError:
                        peek = b""
                    sock.setblocking(True)
                    if peek:
                        break
            else:
                sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = b""
        try:
            while b"\r\n\r\n" not in data or len(data) < data.find(b"\r\n\r\n") + 4 + _length(data):
                got = sock.recv(65536)
                if not got:
                    break
                data += got
        except (ConnectionResetError, TimeoutError):
            pass
        sock.close()
        head_, _, body = data.partition(b"\r\n\r\n")
        lines = head_.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1]) if lines and lines[0] else 0
        hdrs = {ln.split(":", 1)[0].lower(): ln.split(":", 1)[1].strip() for ln in lines[1:] if ":" in ln}
        return status, hdrs, body.decode("utf-8", "replace"), sent


def _length(data: bytes) -> int:
    m = re.search(rb"content-length: *(\d+)", data.split(b"\r\n\r\n")[0], re.IGNORECASE)
    return int(m.group(1)) if m else 0


# ------------------------------------------------------------------------------- 6: the login race

def test_twelve_simultaneous_wrong_passwords_reach_the_check_at_most_five_times(tmp_path, monkeypatch):
    from petitionnlp.web import auth as auth_module

    app = make_client(tmp_path / "data").app
    app.state.auth.add_user("target", "target-password-1", "editor")
    calls, lock = [], threading.Lock()
    real = auth_module.verify_password

    def counted(hash_, password):
        with lock:
            calls.append(password)
        time.sleep(0.2)  # a slow hash widens the window a racing login would use
        return real(hash_, password)

    monkeypatch.setattr(auth_module, "verify_password", counted)
    with LiveServer(app) as server:
        barrier = threading.Barrier(12)
        statuses = []

        def attempt(i):
            barrier.wait()
            status, _, _ = server.post("/api/v1/token", f"username=target&password=wrong-{i}".encode(),
                                       {"Content-Type": "application/x-www-form-urlencoded"})
            statuses.append(status)

        threads = [threading.Thread(target=attempt, args=(i,)) for i in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert len(calls) <= 5, len(calls)
        assert sorted(statuses) == [401] * len(calls) + [429] * (12 - len(calls)), statuses
        # the right password waits too, and the audit log holds one login_blocked row for the window
        for _ in range(10):
            status, _, _ = server.post("/api/v1/token", b"username=target&password=target-password-1",
                                       {"Content-Type": "application/x-www-form-urlencoded"})
            assert status == 429
    blocked = [e for e in app.state.workbench.store.audit(5000) if e["action"] == "login_blocked"]
    assert len(blocked) == 1, blocked


# ------------------------------------------------------------------- 8: body limits and login first

def test_bodies_over_the_limits_are_413_chunked_or_not_and_uploads_need_a_login_first(tmp_path):
    from petitionnlp.web.app import MAX_BODY, MAX_UPLOAD

    app = make_client(tmp_path / "data").app
    with TestClient(app) as client:
        ed = token(client, "ed")
    with LiveServer(app) as server:
        # without a token, an upload is refused before its body is read: the first piece gets the 401
        head = (b"POST /api/v1/batches HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                b"Content-Type: multipart/form-data; boundary=xyz\r\n\r\n")
        status, hdrs, body, sent = server.raw(head, (b"x" * 65536 for _ in range(2000)), chunk_pause=0.01)
        assert status == 401 and sent < 100 and "error" in json.loads(body), (status, sent, body)
        assert "content-security-policy" in hdrs
        # the page route the same (a browser is sent to the login page)
        page_head = head.replace(b"/api/v1/batches", b"/batches")
        status, hdrs, body, sent = server.raw(page_head, (b"x" * 65536 for _ in range(2000)), chunk_pause=0.01)
        assert status in (401, 303) and sent < 100, (status, sent)
        # a classify body over 4 MB, chunked: 413 JSON with the headers, never 400
        auth = f"Authorization: {ed['Authorization']}\r\n".encode()
        head = (b"POST /api/v1/classify HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                b"Content-Type: application/json\r\n" + auth + b"\r\n")
        pieces = [b'{"texts": ["'] + [b"a" * 65536] * (MAX_BODY // 65536 + 2) + [b'"]}']
        status, hdrs, body, _ = server.raw(head, iter(pieces))
        assert status == 413 and "error" in json.loads(body) and "x-frame-options" in hdrs, (status, body)
        # an upload over 64 MB, chunked: 413 from the API
        head = (b"POST /api/v1/batches HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                b"Content-Type: multipart/form-data; boundary=xyz\r\n" + auth + b"\r\n")
        pieces = ([b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n']
                  + [b"a" * (1 << 20)] * ((MAX_UPLOAD >> 20) + 2))
        status, hdrs, body, _ = server.raw(head, iter(pieces))
        assert status == 413 and "error" in json.loads(body), (status, body[:200])
        # /api/v1/briefings takes 4 MB of JSON, not 64
        status, _, body = server.post("/api/v1/briefings", b'{"text": "' + b"a" * (MAX_BODY + 10) + b'"}',
                                      {"Content-Type": "application/json", **ed})
        assert status == 413 and "error" in json.loads(body)
    with TestClient(app) as client:
        # the page upload over 64 MB, chunked (no Content-Length): the 413 page, never a 500
        cookie = _login(client, "ed")
        as_user(client, cookie)
        csrf = client.get("/batches").text.split('name="csrf_token" value="')[1].split('"')[0]
        boundary = "b0undary"

        def form():
            yield (f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{csrf}\r\n'
                   f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n').encode()
            for _ in range((MAX_UPLOAD >> 20) + 2):
                yield b"a" * (1 << 20)
            yield f"\r\n--{boundary}--\r\n".encode()

        r = client.post("/batches", content=form(), follow_redirects=False,
                        headers={"content-type": f"multipart/form-data; boundary={boundary}", "accept": "text/html"})
        assert r.status_code == 413 and "文件过大" in r.text and "content-security-policy" in r.headers
        # with a Content-Length too
        r = client.post("/api/v1/classify", content=b"x" * (MAX_BODY + 1), headers={**ed, "content-type":
                                                                                 "application/json"})
        assert r.status_code == 413 and "error" in r.json() and "x-content-type-options" in r.headers
        # extraction is bounded: a 4 MB briefing is refused, not worked on for half a minute
        vi = token(client, "vi")
        r = client.post("/api/v1/extract", json={"text": "要求" * 100_001}, headers=vi)
        assert r.status_code == 413 and "error" in r.json()
        r = client.post("/api/v1/briefings", json={"text": "要求" * 100_001}, headers=ed)
        assert r.status_code == 413


# ---------------------------------------------------------------------------- 9: odd inputs

def _path_id_routes(app):
    for path, ops in app.openapi()["paths"].items():
        if "{" in path:
            for method in ops:
                yield method, path


def test_odd_inputs_answer_4xx_with_a_message_never_500(planted):
    client, data, ids = planted
    vi, ed, admin = token(client, "vi"), token(client, "ed"), token(client, "admin")
    for url in ("/api/v1/search?q=a%00b", "/api/v1/search?q=%00"):
        r = client.get(url, headers=vi)
        assert r.status_code == 422 and r.json()["error"], r.text
    as_user(client, _login(client, "vi"))
    page = client.get("/search?q=a%00b", headers={"accept": "text/html"})
    assert page.status_code == 422 and "Traceback" not in page.text
    client.cookies.clear()
    surrogate = '{"texts": ["\\ud800 某厂排污"]}'.encode()
    r = client.post("/api/v1/classify", content=surrogate, headers={**vi, "content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]
    for url, body, who in (("/api/v1/extract", '{"text": "\\udfff要求"}', vi),
                           ("/api/v1/briefings", '{"text": "\\ud83d简报"}', ed),
                           (f"/api/v1/petitions/{ids['petition']}", '{"city": "\\ud800"}', ed)):
        method = client.patch if "petitions" in url else client.post
        r = method(url, content=body.encode(), headers={**who, "content-type": "application/json"})
        assert r.status_code == 422 and r.json()["error"], (url, r.text)
    for url in ("/api/v1/search?q=x&region=%00&type=%00", f"/api/v1/batches/{ids['batch']}/petitions?type=%00&region=%00",
                "/api/v1/stats?from=%00", "/api/v1/search?q=%ED%A0%80", "/api/v1/search?q=" + "噪" * 401,
                "/api/v1/search?q=%22%22%22*%20OR%20NEAR(", "/api/v1/search?q=%E2%80%AE"):
        r = client.get(url, headers=vi)
        assert r.status_code < 500 and "Traceback" not in r.text, (url, r.text)
    r = client.post("/api/v1/token", data={"username": "a\x00b", "password": "\x00"})
    assert r.status_code == 401 and r.json()["error"]
    r = client.patch(f"/api/v1/petitions/{ids['petition']}", content='{"pollution_types": ["\\ud800"]}'.encode(),
                     headers={**ed, "content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]
    r = client.patch(f"/api/v1/petitions/{ids['petition']}", json={"county": "雁峰\x00区"}, headers=ed)
    assert r.status_code == 422 and r.json()["error"]
    # ids beyond 64 bits, on every route with an id of the schema and on the pages
    huge = ["18446744073709551616", "9223372036854775808", "-9223372036854775809", "1" * 40, "0", "-1",
            "9" * 5000, "0" * 30 + "9223372036854775808", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠"]
    for method, path in _path_id_routes(client.app):
        for n in huge:
            url = re.sub(r"\{[^}]+\}", n, path)
            r = client.request(method.upper(), url, headers={**admin, "content-type": "application/json"},
                               content=b"{}" if method != "get" else None)
            assert 400 <= r.status_code < 500 and r.json()["error"], (method, url, r.status_code, r.text)
    as_user(client, _login(client, "admin"))
    for url in ("/batches/{}", "/petitions/{}", "/briefings/{}", "/batches/{}/download.xlsx"):
        for n in huge:
            r = client.get(url.format(n), headers={"accept": "text/html"})
            assert 400 <= r.status_code < 500 and "Traceback" not in r.text, (url, n, r.status_code)
    for page in ("9" * 5000, "٣", "-1", "99999999999"):
        assert client.get(f"/batches/{ids['batch']}?page={page}").status_code == 200, page
    client.cookies.clear()


# ------------------------------------------------------------------------ 7, 11: models

def test_the_models_page_survives_a_retrain_and_any_stored_comparison_and_shows_no_server_path(tmp_path):
    data = tmp_path / "data"
    with make_client(data) as client:
        admin, ed = token(client, "admin"), token(client, "ed")
        batch = upload(client, ed).json()["batch_id"]
        for p in client.get(f"/api/v1/batches/{batch}/petitions", headers=ed).json()["petitions"][:8]:
            if p["pollution_types"]:
                client.patch(f"/api/v1/petitions/{p['id']}", json={"pollution_types": p["pollution_types"][:1]},
                             headers=ed)
        wb = client.app.state.workbench
        user = wb.store.user(username="admin")
        wb.retrain(user, wait=True)  # the shipped model active: the comparison used to lack `against`
        store = wb.store
        for i, comparison in enumerate([None, {}, {"types": {"micro_f1": 0.5}}, {"types": None},
                                        {"types": {"micro_f1": 0.5, "n": 3}, "against": None},
                                        {"against": {"types": None}, "difference": None},
                                        {"types": {"micro_f1": 0.7, "n": 4}, "model": str(data / "models" / "x"),
                                         "corpus": [str(data / "models" / "x.jsonl")],
                                         "against": {"model": str(data), "types": {"micro_f1": 0.6}},
                                         "difference": {"micro_f1": 0.1}}]):
            store.add_model_version(f"odd{i}", str(data / "models" / f"odd{i}"), "admin", None, comparison)
        as_user(client, _login(client, "admin"))
        page = client.get("/models")
        assert page.status_code == 200 and str(data) not in page.text and "odd6" in page.text
        assert "F1（微平均）0.7（启用版本 0.6，差 0.1）" in page.text
        client.cookies.clear()
        r = client.get("/api/v1/models", headers=admin)
        assert r.status_code == 200 and str(data) not in r.text and str(tmp_path) not in r.text
        for v in r.json()["versions"]:
            assert "path" not in v and "model" not in (v["comparison"] or {})
        trained = [v for v in r.json()["versions"] if not v["name"].startswith("odd")][0]
        assert trained["summary"] is None or trained["summary"]["against_micro_f1"] is not None
        r = client.post(f"/api/v1/models/{trained['id']}/activate", headers=admin)
        assert r.status_code == 200
        as_user(client, _login(client, "admin"))
        page = client.get("/models")
        assert page.status_code == 200 and str(tmp_path) not in page.text and trained["name"] in page.text
        client.cookies.clear()
        r = client.get("/api/v1/models", headers=admin)
        assert r.json()["active"] == trained["name"] and str(tmp_path) not in r.text


# -------------------------------------------------------------- 10: headers, hosts, proxies, docs

def test_every_error_answer_carries_the_security_headers(planted, monkeypatch):
    client, data, ids = planted
    vi = token(client, "vi")
    answers = [client.get("/no-such-route"), client.get("/api/v1/audit"), client.get("/api/v1/audit", headers=vi),
               client.get("/api/v1/batches/999999", headers=vi), client.delete("/api/v1/stats", headers=vi),
               client.get("/api/v1/stats?from=x", headers=vi),
               client.post("/api/v1/classify", content=b"x" * (5 << 20), headers=vi),
               client.get("/", headers={"host": "attacker.example"})]
    wb = client.app.state.workbench
    monkeypatch.setattr(wb, "stats", lambda *a, **k: 1 / 0)
    answers.append(client.get("/api/v1/stats", headers=vi))
    as_user(client, _login(client, "vi"))
    answers.append(client.get("/stats", headers={"accept": "text/html"}))
    client.cookies.clear()
    for _ in range(6):
        client.post("/api/v1/token", data={"username": "nobody-here", "password": "x"})
    answers.append(client.post("/api/v1/token", data={"username": "nobody-here", "password": "x"}))
    assert sorted({r.status_code for r in answers}) == [400, 401, 403, 404, 405, 413, 422, 429, 500]
    for r in answers:
        assert "default-src 'self'" in r.headers.get("content-security-policy", ""), (r.status_code, r.text)
        assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
        assert "Traceback" not in r.text and str(data) not in r.text
    crash = [r for r in answers if r.status_code == 500]
    assert all("error" in r.json() or "出错了" in r.text for r in crash[:1])


def test_a_crash_tells_the_clerk_a_reference_not_the_programs_words(planted, monkeypatch, caplog):
    """An error the program did not expect: the page and the API say 内部错误 with a reference (编号) in Chinese —
    never the error's class or message (English to a clerk) — and the log holds that reference beside the
    traceback, so a maintainer finds what the clerk quotes."""
    import logging
    import re

    client, data, ids = planted
    vi = token(client, "vi")
    wb = client.app.state.workbench

    def boom(*a, **k):
        raise KeyError("secret_column_name")

    monkeypatch.setattr(wb, "stats", boom)
    with caplog.at_level(logging.ERROR, logger="petitionnlp"):
        api = client.get("/api/v1/stats", headers=vi)
        as_user(client, _login(client, "vi"))
        page = client.get("/stats", headers={"accept": "text/html"})
        client.cookies.clear()
    for r in (api, page):
        assert r.status_code == 500
        assert "KeyError" not in r.text and "secret_column_name" not in r.text and "Traceback" not in r.text
        ref = re.search(r"内部错误（编号 ([0-9a-f]{8})）", r.text)
        assert ref, r.text[-400:]
        logged = [rec for rec in caplog.records if ref.group(1) in rec.getMessage()]
        assert logged and logged[0].exc_info and logged[0].exc_info[0] is KeyError


def test_only_allowed_host_names_are_answered(tmp_path, monkeypatch):
    from petitionnlp.web.app import create_app

    monkeypatch.setenv("PETITIONNLP_ALLOWED_HOSTS", "petitions.office.lan")
    app = create_app(tmp_path / "data", background=False, allowed_hosts=["10.1.2.3"])
    with TestClient(app) as client:
        for host in ("127.0.0.1:8000", "localhost", "testserver", "[::1]:8000", "petitions.office.lan",
                     "10.1.2.3:8000"):
            assert client.get("/healthz", headers={"host": host}).status_code == 200, host
        for host in ("attacker.example", "127.0.0.1.attacker.example", "10.1.2.4"):
            r = client.get("/login", headers={"host": host})
            assert r.status_code == 400 and "error" in r.json() and "x-frame-options" in r.headers, host


def test_a_trusted_proxy_gives_the_clients_address_and_scheme(tmp_path):
    from petitionnlp.web.app import create_app
    from petitionnlp.web.auth import Auth

    app = create_app(tmp_path / "data", background=False, trusted_proxies=["10.0.0.0/8"])
    Auth(app.state.workbench.store).add_user("ed", "ed-password-1", "editor")
    with TestClient(app, client=("10.0.0.5", 4000), base_url="http://testserver") as client:
        page = client.get("/login", headers={"x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9"})
        csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        r = client.post("/login", data={"username": "ed", "password": "ed-password-1", "csrf_token": csrf},
                        follow_redirects=False, headers={"x-forwarded-proto": "https",
                                                         "x-forwarded-for": "203.0.113.9"})
        assert r.status_code == 303 and "secure" in r.headers["set-cookie"].lower()
        # one address locked out is that address, not the whole office behind the proxy
        for i in range(20):
            client.post("/api/v1/token", data={"username": f"u{i}", "password": "x"},
                        headers={"x-forwarded-for": "203.0.113.66"})
        assert client.post("/api/v1/token", data={"username": "ed", "password": "ed-password-1"},
                           headers={"x-forwarded-for": "203.0.113.66"}).status_code == 429
        assert client.post("/api/v1/token", data={"username": "ed", "password": "ed-password-1"},
                           headers={"x-forwarded-for": "203.0.113.9"}).status_code == 200
        events = app.state.workbench.store.audit(5000)
        assert any(e["target"] == "ip:203.0.113.66" for e in events)
        assert not any("10.0.0.5" in (e["target"] or "") for e in events)
    # from an address that is not a proxy, the headers are not believed
    with TestClient(app, client=("192.0.2.7", 4000)) as client:
        client.post("/api/v1/token", data={"username": "zz", "password": "x"},
                    headers={"x-forwarded-for": "198.51.100.1"})
        assert app.state.workbench.store.audit(1)[0]["target"] == "ip:192.0.2.7"


def test_docs_load_nothing_from_outside(planted):
    client, data, ids = planted
    page = client.get("/docs")
    assert page.status_code == 200 and "/api/v1/search" in page.text
    assert "cdn" not in page.text.lower()
    import re  # the workbench's one script (select-all) is its own, served from /static: nothing from outside

    assert re.findall(r"<script[^>]*>", page.text) == ['<script src="/static/app.js" defer>']
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/openapi.json").status_code == 200


# ------------------------------------------------------- authorization of every route of the schema

VIEWER_WRITES = {("post", "/api/v1/classify"), ("post", "/api/v1/extract")}
ADMIN_ONLY = {("get", "/api/v1/audit"), ("get", "/api/v1/models")}
EDITOR_ONLY = {("get", "/api/v1/batches/{batch_id}/export.xlsx")}
PUBLIC = {("post", "/api/v1/token")}


def test_every_route_of_the_schema_needs_a_token_and_viewers_write_nothing(planted):
    client, data, ids = planted
    vi, ed = token(client, "vi"), token(client, "ed")
    routes = [(m, p) for p, ops in client.app.openapi()["paths"].items() for m in ops]
    assert len(routes) >= 18
    for method, path in routes:
        url = re.sub(r"\{[^}]+\}", "1", path)
        if (method, path) in PUBLIC:
            continue
        r = client.request(method.upper(), url, json={} if method != "get" else None)
        assert r.status_code == 401 and set(r.json()) == {"error"}, (method, path, r.status_code)
        r = client.request(method.upper(), url, headers={**vi}, json={} if method != "get" else None)
        assert r.status_code < 500, (method, path, r.text)
        if method != "get" and (method, path) not in VIEWER_WRITES or (method, path) in ADMIN_ONLY | EDITOR_ONLY:
            assert r.status_code == 403 and "error" in r.json(), (method, path, r.status_code)
        if (method, path) in ADMIN_ONLY:
            assert client.request(method.upper(), url, headers=ed).status_code == 403


def test_every_page_needs_a_session_and_viewers_post_nothing_but_logout(planted):
    from petitionnlp.web.routes import pages as router

    client, data, ids = planted
    public = {"/login", "/"}
    pages = [(m.lower(), r.path) for r in router.routes if r.path not in public for m in r.methods if m != "HEAD"]
    assert len(pages) >= 15
    client.cookies.clear()
    for method, path in pages:
        url = re.sub(r"\{[^}]+\}", "1", path)
        r = client.request(method.upper(), url, headers={"accept": "text/html"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/login", (method, path, r.status_code)
        r = client.request(method.upper(), url, follow_redirects=False)
        assert r.status_code == 401 and "error" in r.json(), (method, path)
    as_user(client, _login(client, "vi"))
    for method, path in pages:
        if method == "post" and path != "/logout":
            r = client.post(re.sub(r"\{[^}]+\}", "1", path), data={}, follow_redirects=False)
            assert r.status_code == 403, (path, r.status_code)
    client.cookies.clear()
