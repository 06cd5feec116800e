"""A briefing's title (new in session 46: ``extract --title``, the API's ``title``, the add-briefing form) carries a
person: a name, a mobile phone and an ID-card number planted in the title and in the text through the workbench's
add-briefing form, then every GET path (the API's and the pages', as the redaction crawl lists them: the briefing
list and view, the API JSON, the deadlines, search results and their snippets, exports) read as a viewer and as
another unit's handler: none of the three shows as written.  The office's editor and admin read them as written
(``see_personal``).

The title is short and says little around the name (刘德胜信访事项督办): alone, the detector does not read 刘德胜 as a
name there.  The briefing's text names him (举报人刘德胜): what the briefing names itself is hidden wherever the
briefing repeats it, its title too — as a case's text, reports and reasons are redacted with what the case names
(:func:`petitionnlp.office.redaction.case_persons`)."""

import re

import pytest

from test_office_integrity import client, login, token  # noqa: F401 — client
from test_redaction_crawl import _get, _plain, _text_of, _urls

NAME, PHONE, IDNO = "刘德胜", "13975120348", "430421197503124677"
TITLE = f"{NAME}信访事项督办（手机{PHONE}，身份证号{IDNO}）"
TEXT = (f"督察简报（第7期）\n2024年5月20日\n举报人{NAME}（手机{PHONE}，身份证号{IDNO}）反映衡阳市雁峰区某化工厂夜间偷排"
        "刺鼻废气，杨副省长要求衡阳市生态环境局于2024年6月30日前查明情况并报告。\n")
SECRETS = (NAME, PHONE, IDNO, "1397512", "19750312")


def _leaks(r) -> list[str]:
    text = _plain(_text_of(r))
    try:  # JSON escapes: read it back
        import json

        text += _plain(json.dumps(r.json(), ensure_ascii=False))
    except Exception:  # noqa: BLE001 - not JSON
        pass
    return [s for s in SECRETS if s in text]


def _add_through_the_form(client) -> int:
    csrf = login(client, "ed")
    r = client.post("/briefings", data={"csrf_token": csrf, "title": TITLE, "text": TEXT}, follow_redirects=False)
    assert r.status_code == 303, r.text
    briefing_id = int(r.headers["location"].rstrip("/").split("/")[-1])
    client.cookies.clear()
    return briefing_id


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_person_in_a_briefings_title_is_hidden_from_a_viewer_and_another_unit(client):
    bid = _add_through_the_form(client)
    ed, admin = token(client, "ed"), token(client, "admin")
    # the office reads the title as written, in the API and on its pages
    for headers in (ed, admin):
        got = client.get(f"/api/v1/briefings/{bid}", headers=headers).json()
        assert got["title"] == TITLE and NAME in got["text"]
        listed = client.get("/api/v1/briefings", headers=headers).json()["briefings"]
        assert [b["title"] for b in listed] == [TITLE]
    login(client, "admin")
    assert TITLE in client.get("/briefings").text and TITLE in client.get(f"/briefings/{bid}").text
    client.cookies.clear()

    vi = token(client, "vi")
    shown = client.get(f"/api/v1/briefings/{bid}", headers=vi).json()
    assert shown["title"] == "【姓名】信访事项督办（手机【电话】，身份证号【证件号】）", shown["title"]
    assert "举报人【姓名】（手机【电话】，身份证号【证件号】）" in shown["text"]

    urls = _urls(client, {"briefing_id": bid, "batch_id": 1, "petition_id": 1, "spotcheck_id": 1, "group": 1,
                          "job_id": 1})
    urls += [("page", f"/search?q={q}") for q in ("化工厂", "信访事项督办", "督办", "刘德胜")]
    urls += [("api", f"/api/v1/search?q={q}&limit=50") for q in ("化工厂", "信访事项督办", "刘德胜")]
    seen, leaks = set(), []
    for who in ("vi", "yy"):
        headers = token(client, who)
        client.cookies.clear()
        for kind, url in sorted(set(urls)):
            got = _get(client, who, headers, kind, url)
            if got.status_code != 200:
                continue
            seen.add((who, url))
            page = got
            if url.startswith("/search?"):  # the query box and the heading hold what the viewer typed
                page = type("R", (), {"headers": got.headers, "content": got.text.split('id="hits"')[-1].encode(),
                                      "json": got.json})
            leaks += [(who, url, s) for s in _leaks(page)]
        client.cookies.clear()
    # the viewer read the briefing, its list, the deadlines and search hits of it (the title with them)
    for url in (f"/api/v1/briefings/{bid}", "/api/v1/briefings", f"/briefings/{bid}", "/briefings",
                "/api/v1/deadlines", "/search?q=信访事项督办", "/api/v1/search?q=信访事项督办&limit=50"):
        assert ("vi", url) in seen, url
    hits = client.get("/api/v1/search", params={"q": "信访事项督办"}, headers=token(client, "vi")).json()
    assert any(re.search(r"【姓名】信访事项督办", h["title"] or "") for h in hits), hits
    assert not leaks, leaks


def test_what_a_briefing_names_in_its_title_is_hidden_in_its_text_and_the_other_way():
    from petitionnlp.office.redaction import redact, redacted_briefing

    b = {"title": "关于群众王永安反映养猪场污染问题的通报", "text": "王永安信访事项已转县生态环境局办理。\n",
         "extract": {"directives": [], "time_expressions": [], "keywords": [{"word": "王永安信访事项"}]}}
    assert "王永安" in redact(b["text"])  # alone, the text names no one the detector reads
    got = redacted_briefing(b)
    assert got["title"] == "关于群众【姓名】反映养猪场污染问题的通报"
    assert got["text"] == "【姓名】信访事项已转县生态环境局办理。\n"
    assert got["extract"]["keywords"] == [{"word": "【姓名】信访事项"}]
    assert redacted_briefing({"title": TITLE, "text": TEXT})["title"] == \
        "【姓名】信访事项督办（手机【电话】，身份证号【证件号】）"
