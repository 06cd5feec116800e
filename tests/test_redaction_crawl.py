"""Every GET path of the API schema and of the pages, crawled as a viewer and as another unit over a workbench where
a person is planted in every place one can be written (the table's text and its personal columns, a briefing, a
unit's report, a return reason, a 不受理 reason, a callback note, a 督办 note, a spot check's note): none of them
shows the person's name, phone or ID number, in any format the path gives (JSON, HTML, XLSX, DOCX, CSV, SVG).
The list of paths comes from the application, so a path added later is crawled too (session 39)."""

import html
import io
import re
import zipfile

import pytest

from test_office_closed_loop import LATER, PERIOD, approve
from test_office_integrity import cases, client, login, token, upload  # noqa: F401 — client

# written the ways the session-39 probe found hardest: a spaced name in a table, a phone typed digit by digit,
# a full-width ID number, a plate and a WeChat account
NAME, PHONE, IDNO = "司马晓东", "13807315566", "43110219860619001X"
SPACED, DIGITS, WIDE = "司马　晓　东", "1 3 8 0 7 3 1 5 5 6 6", "４３１１０２１９８６０６１９００１Ｘ"
PLATE, WECHAT = "湘A·D12345", "wxid_k2j3h4g5f6"
SECRETS = (NAME, PHONE, IDNO, PLATE, WECHAT, "晓东", "1380731", "19860619")
STATUS = {}
PERSON = f"举报人{NAME}（电话{PHONE}，身份证号{IDNO}）"


def _plain(text: str) -> str:
    """Text without the marks that could split a secret (highlighting, spaces, full width)."""
    import unicodedata

    text = unicodedata.normalize("NFKC", re.sub(r"</?mark>|<[^>]+>", "", text))
    return "".join(text.split())


def _text_of(r) -> str:
    kind = r.headers.get("content-type", "")
    body = r.content
    if body[:2] == b"PK":  # xlsx, docx: every XML part's text
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            return html.unescape(" ".join(re.sub(r"<[^>]+>", "", z.read(n).decode("utf-8", "replace"))
                                          for n in z.namelist() if n.endswith(".xml")))
    if kind.startswith("image/png"):
        return ""
    return html.unescape(r.content.decode("utf-8", "replace"))  # (a secret written as &#...; entities is read)


def _clean(r, where) -> None:
    text = _text_of(r)
    if where.split()[-1].startswith("/search?"):
        text = text.split('id="hits"')[-1]  # (the query box and the heading hold what the viewer typed)
    text = _plain(text)
    import json

    try:  # JSON escapes: read it back
        text += _plain(json.dumps(r.json(), ensure_ascii=False))
    except Exception:  # noqa: BLE001 - not JSON
        pass
    for s in SECRETS:
        assert _plain(s) not in text, (where, s, text[max(0, text.find(_plain(s)) - 200):text.find(_plain(s)) + 60])


def _urls(client, ids: dict) -> list[tuple[str, str]]:
    """(kind, url) of every GET path: the API's from its schema (each value of an enum query parameter, the period),
    the pages' from their router; path parameters filled from ``ids``."""
    from petitionnlp.web.routes import pages as router

    def fill(path):
        return re.sub(r"\{([^}]+)\}", lambda m: str(ids.get(m.group(1), 1)), path)

    out = []
    for path, ops in client.app.openapi()["paths"].items():
        if "get" not in ops or path.endswith(("/token", "/me")):
            continue
        variants = [{}]
        for p in ops["get"].get("parameters", []):
            enum = p.get("schema", {}).get("enum") or next((a.get("enum") for a in p.get("schema", {}).get("anyOf", [])
                                                            if a.get("enum")), None)
            if p["in"] == "query" and enum:
                variants = [{**v, p["name"]: e} for v in variants for e in enum]
        for v in variants:
            q = {**PERIOD, **v} if any(p["name"] == "from" for p in ops["get"].get("parameters", [])) else v
            q = {**q, "redacted": "1"} if path.endswith("export.xlsx") else q
            out.append(("api", fill(path) + ("?" + "&".join(f"{k}={e}" for k, e in q.items()) if q else "")))
    for route in router.routes:
        if "GET" in getattr(route, "methods", ()) and route.path not in ("/login", "/logout"):
            out.append(("page", fill(route.path)))
            if "report" in route.path or route.path in ("/progress", "/public", "/public.xlsx", "/stats", "/map"):
                out.append(("page", fill(route.path) + "?from=2024-05-01&to=2024-05-31"))
    out += [("page", "/search?q=化工厂"), ("page", "/search?q=晓东"), ("api", "/api/v1/search?q=化工厂&limit=50"),
            ("api", "/api/v1/petitions?q=化工厂"), ("page", "/cases?q=化工厂"), ("page", "/callbacks?show=all"),
            # a query no document holds whole: the documents holding most of it (search's last stage, session 41)
            ("page", "/search?q=化工厂打鱼船漏油"), ("api", "/api/v1/search?q=化工厂打鱼船漏油&limit=50")]
    return out


def _get(client, who: str, headers: dict, kind: str, url: str):
    """``url`` read by ``who``: an API path with his token, a page in his browser session (logged in once); never
    a server error."""
    if kind == "api":
        got = client.get(url, headers=headers)
    else:
        if not client.cookies:
            login(client, who)
        got = client.get(url)
    assert got.status_code < 500, (who, url, got.status_code)
    return got


def _leaks_to_readers(client, urls, secrets, readers=("vi", "yy")) -> tuple[list, int]:
    """(the (reader, url, secret) of every secret a viewer or another unit's handler reads as written on ``urls``
    — (kind, url) pairs; a search page read from its hits on —, how many of the urls answered 200)."""
    leaks, read = [], 0
    for who in readers:
        headers = token(client, who)
        client.cookies.clear()
        for kind, url in urls:
            got = _get(client, who, headers, kind, url)
            if got.status_code != 200:
                continue
            read += 1
            text = _text_of(got)
            if url.startswith("/search?"):
                text = text.split('id="hits"')[-1]
            leaks += [(who, url, s) for s in secrets if s in _plain(text)]
        client.cookies.clear()
    return leaks, read


def test_no_get_path_shows_a_planted_person_to_a_viewer_or_another_unit(client):
    ed, hy, vi, yy = (token(client, n) for n in ("ed", "hy", "vi", "yy"))
    head = "受理编号,行政区域,污染类型,举报人,联系电话,身份证号,交办问题基本情况\n"
    rows = [f"P-01,衡阳市雁峰区,大气,{NAME},{PHONE},{IDNO},{PERSON}反映衡阳市雁峰区某化工厂夜间偷排刺鼻废气。\n",
            f"P-02,衡阳市雁峰区,大气,{SPACED},{DIGITS},{WIDE},举报人　{SPACED}　手机{DIGITS}身份证{WIDE}再次反映衡阳市雁峰区"
            f"某化工厂夜间偷排废气，车牌{PLATE}的槽罐车夜里运走废液，微信号{WECHAT}有视频。\n",
            f"P-03,衡阳市雁峰区,水,,,,{PERSON}反映衡阳市雁峰区某化工厂废水直排，车牌{PLATE}。\n"]
    batch = upload(client, ed, (head + "".join(rows)).encode("utf-8"), handover_date="2024-05-15",
                   reply_days="15")["batch_id"]
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    note = f"已电话联系{NAME}（{PHONE}，微信{WECHAT}）"
    report = {"verified": "属实", "findings": f"经现场核查，{PERSON}反映情况属实。", "actions": f"已约谈{NAME}。",
              "closure": "已办结", "counts": {"rectify": 1}}
    r = client.post(f"/api/v1/petitions/{ids['P-03']}/report", json=report, headers=hy)
    assert r.status_code == 200, r.text
    assert client.post(f"/api/v1/petitions/{ids['P-03']}/review", json={"decision": "approve"},
                       headers=ed).status_code == 200
    approve(client, ids["P-01"], ed, hy)
    assert client.post(f"/api/v1/petitions/{ids['P-03']}/callback", json={"result": "基本满意", "note": note},
                       headers=ed).status_code == 200
    assert client.post(f"/api/v1/petitions/{ids['P-02']}/reject", headers=ed,
                       json={"reason": f"{PERSON}重复举报", "duplicate_of": ids["P-01"]}).status_code == 200
    sc = client.post("/api/v1/spotchecks", json={**PERIOD, "rate": 1, "seed": 1}, headers=ed).json()
    client.post(f"/api/v1/spotchecks/{sc['id']}/items/{ids['P-03']}", json={"passed": True, "note": note}, headers=ed)
    client.post(f"/api/v1/petitions/{ids['P-01']}/reopen", json={"reason": f"{NAME}不满意"}, headers=ed)
    client.post(f"/api/v1/petitions/{ids['P-01']}/supervise", json={"due_date": LATER, "note": f"督促联系{NAME}"},
                headers=ed)
    r = client.post("/api/v1/briefings", headers=ed, json={
        "title": f"{NAME}举报件督办", "text": f"督察简报（第5期）\n2024年5月20日\n{PERSON}反映的化工厂偷排问题，"
                                               "杨副省长要求衡阳市生态环境局于2024年6月30日前查明情况并报告。\n"})
    assert r.status_code == 201, r.text
    full = client.get(f"/api/v1/petitions/{ids['P-01']}", headers=ed).text
    assert NAME in full and PHONE in full  # the office reads them
    jobs = client.get("/api/v1/jobs", headers=ed).json()
    ids = {"batch_id": batch, "petition_id": ids["P-01"], "briefing_id": r.json()["briefing_id"],
           "spotcheck_id": sc["id"], "group": ids["P-01"],
           "job_id": (jobs.get("jobs") or [{"id": 1}])[0].get("id", 1) if isinstance(jobs, dict) else 1}
    urls = _urls(client, ids)
    assert len(urls) >= 60
    seen = 0
    for who, headers in (("vi", vi), ("yy", yy)):
        client.cookies.clear()
        for kind, url in sorted(urls):  # the API with the token, then the pages in a browser session
            got = _get(client, who, headers, kind, url)
            STATUS[(who, url)] = got.status_code
            if got.status_code == 200:
                seen += 1
                _clean(got, f"{who} {url}")
        client.cookies.clear()
    assert seen >= 60 and STATUS[("vi", f"/api/v1/briefings/{ids['briefing_id']}")] == STATUS[("vi", f"/cases/{ids['petition_id']}")] == 200
    # what is published (the 专报, the 公开表, a batch's redacted export) holds none of it whoever downloads it
    published = [u for kind, u in urls if re.search(r"/report|/public|export\.xlsx\?redacted|/stats|/map", u)]
    assert len(published) >= 12
    login(client, "ed")
    shown = {}
    for url in published:
        got = client.get(url, headers=ed if url.startswith("/api/") else None)
        assert got.status_code == 200, (url, got.status_code)
        _clean(got, f"ed {url}")
        shown[url] = _text_of(got)
    client.cookies.clear()
    # the texts are there, redacted: the 公开表 (XLSX and JSON) and the redacted export carry the complaint
    for url, text in shown.items():
        if re.search(r"public\.xlsx\?|format=xlsx|format=json|export\.xlsx", url) and "/report" not in url:
            assert "化工厂" in text and "【姓名】" in text, url
