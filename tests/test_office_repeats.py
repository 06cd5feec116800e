"""Repeats, hotspot alerts and the county map in the workbench (issue 28, CONTRACT.md "Repeats, hotspots and the
map"), on both backends: weekly 交办表 uploaded through the API; a complaint reported four times shares one group
(repeat_group / repeat_count on every case JSON, decided as the batch is stored), another matter at another village
of the same county does not; a week of many air complaints in one county is an alert; the map is an SVG with one
element per county; each role reads what it may (viewers: the alerts and the map, no repeats); pages in Chinese."""

import csv
import datetime as dt
import io
import re

import pytest

from test_web_api import _login, as_user, make_client, token

MONDAY = dt.date(2024, 3, 4)  # six weekly batches from here: five weeks of history, then the hot week
FACTORY = [
    "衡阳市衡南县云集镇新塘村有一家石材加工厂，切割石材时粉尘很大，噪音刺耳，村民无法休息。",
    "再次反映衡阳市衡南县云集镇新塘村的石材加工厂，切割石材粉尘很大、噪声刺耳，村民晚上无法休息，请尽快处理。",
    "衡阳市衡南县云集镇新塘村石材加工厂仍在生产，切割石材产生的粉尘很大，噪音刺耳，严重影响村民休息。",
    "衡阳市衡南县云集镇新塘村石材加工厂问题多次举报未解决：切割石材粉尘大、噪音刺耳，村民无法正常休息。",
]
OTHER_VILLAGE = "衡阳市衡南县云集镇和平村的养猪场粪水直排村里的池塘，池塘发黑发臭，周边群众意见很大。"
BACKGROUND = [
    "长沙市岳麓区望月湖街道某烧烤店油烟直排，营业至凌晨，严重扰民。",
    "岳阳市经开区一家化工企业夜间偷排废水，附近水塘发黑发臭，出现大量死鱼。",
    "株洲市荷塘区某汽修厂露天喷漆，油漆味刺鼻，周边居民不敢开窗。",
]
HOT = ["衡阳市衡南县{v}的砖厂烟囱冒黑烟，烟尘呛人，附近村民晚上不敢开窗。",
       "衡阳市衡南县{v}一家搅拌站扬尘严重，运输车辆带泥上路，尘土飞扬。",
       "衡阳市衡南县{v}有人露天焚烧垃圾和塑料，浓烟滚滚，气味刺鼻。"]
HOT_VILLAGES = ["三塘镇", "谭子山镇", "茶市镇", "花桥镇", "栗江镇", "泉溪镇", "宝盖镇"]


def table(week: int, rows: list[tuple[str, str]]) -> bytes:
    day = (MONDAY + dt.timedelta(weeks=week)).isoformat()
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["序号", "受理编号", "交办日期", "交办问题基本情况", "污染类型"])
    for k, (text, types) in enumerate(rows, 1):
        w.writerow([k, f"D2HN{day.replace('-', '')}{week:02d}{k:02d}", day, text, types])
    return out.getvalue().encode("utf-8")


def weeks():
    """Six weekly tables: the factory complaint in weeks 0, 2, 4, 5; another village's matter in week 3; one air
    complaint of 衡南县 in weeks 0–4 and eight in week 5 (the hotspot)."""
    out = []
    for week in range(6):
        rows = [(t, "大气" if "油烟" in t or "喷漆" in t else "水") for t in BACKGROUND]
        if week in (0, 2, 4, 5):
            rows.append((FACTORY[[0, 2, 4, 5].index(week)], "大气|噪声"))
        if week == 3:
            rows.append((OTHER_VILLAGE, "水"))
        hot = 8 if week == 5 else 1
        for k in range(hot):
            village = HOT_VILLAGES[(k + week) % len(HOT_VILLAGES)]
            rows.append((HOT[(k + week) % len(HOT)].format(v=village) + f"（第{week}周第{k}件）", "大气"))
        out.append(table(week, rows))
    return out


@pytest.fixture()
def office(backend):
    with make_client(backend["data_dir"], backend["db_url"]) as c:
        ed = token(c, "ed")
        ids = []
        for week, data in enumerate(weeks()):
            r = c.post("/api/v1/batches", files={"file": (f"week{week}.csv", data)}, headers=ed)
            assert r.status_code in (200, 201), r.text
            assert r.json()["state"] == "done" and not r.json()["errors"], r.json()
            ids.append(r.json()["batch_id"])
        yield c, ids


def all_cases(client, headers):
    r = client.get("/api/v1/petitions?sort=row", headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    return body["petitions"] if isinstance(body, dict) else body


def test_repeat_groups_alerts_and_map_by_role(office):
    client, batches = office
    ed, vi = token(client, "ed"), token(client, "vi")
    cases = all_cases(client, ed)
    by_text = {c["text"]: c for c in cases}
    factory = [by_text[t] for t in FACTORY]
    # the same complaint reworded across four batches: one group, named by its first case, counted on each
    assert {c["repeat_group"] for c in factory} == {factory[0]["id"]}
    assert [c["repeat_count"] for c in factory] == [4, 4, 4, 4]
    # another matter at another village of the same county, and a complaint alone: no group
    assert by_text[OTHER_VILLAGE]["repeat_group"] is None and by_text[OTHER_VILLAGE]["repeat_count"] == 1
    assert all(c["repeat_count"] >= 1 for c in cases)
    hot = [c for c in cases if "第5周" in c["text"]]
    assert len(hot) == 8 and all(c["repeat_group"] is None for c in hot), [c["repeat_group"] for c in hot]

    # GET /api/v1/repeats: the groups of the period, largest first, their cases in time order
    r = client.get("/api/v1/repeats", headers=ed)
    assert r.status_code == 200, r.text
    groups = r.json()["groups"]
    assert [g["count"] for g in groups] == sorted((g["count"] for g in groups), reverse=True)
    # (the background complaints, the same text every week, are repeats too: six each)
    assert [g["count"] for g in groups] == [6, 6, 6, 4], groups
    top = [g for g in groups if g["group"] == factory[0]["id"]][0]
    assert set(top) == {"group", "petitions", "count", "first", "last", "place", "types"}
    assert top["count"] == 4
    assert top["petitions"] == [c["id"] for c in factory]
    assert top["first"] == MONDAY.isoformat() and top["last"] == (MONDAY + dt.timedelta(weeks=5)).isoformat()
    assert top["place"] == "湖南省/衡阳市/衡南县" and {"大气", "噪声"} <= set(top["types"])
    week1 = (MONDAY + dt.timedelta(weeks=1)).isoformat()
    r = client.get(f"/api/v1/repeats?from={week1}&to={week1}", headers=ed)
    assert r.status_code == 200 and all(g["group"] != top["group"] for g in r.json()["groups"])
    r = client.get("/api/v1/repeats?from=2024-13-01", headers=ed)
    assert r.status_code == 422 and set(r.json()) >= {"error"}
    group = client.get(f"/api/v1/repeats/{top['group']}", headers=ed).json()
    assert [c["id"] for c in group["cases"]] == top["petitions"] and group["cases"][0]["status"]
    assert client.get("/api/v1/repeats/999999", headers=ed).status_code == 404

    # GET /api/v1/alerts: the hot week in 衡南县 (air), each alert with its cases; none with too little history
    start = (MONDAY + dt.timedelta(weeks=5)).isoformat()
    end = (MONDAY + dt.timedelta(weeks=5, days=6)).isoformat()
    r = client.get(f"/api/v1/alerts?from={start}&to={end}", headers=vi)
    assert r.status_code == 200, r.text
    alerts = r.json()["alerts"]
    air = [a for a in alerts if a["region"] == "湖南省/衡阳市/衡南县" and a["type"] == "大气"]
    assert air, alerts
    a = air[0]
    assert a["count"] >= 8 and a["expected"] < 3 and a["since"] == start and a["score"] > 3
    assert {c["id"] for c in hot} <= set(a["petitions"])
    assert not any(x["region"].endswith("岳麓区") for x in alerts)  # steady: one a week
    early = (MONDAY + dt.timedelta(weeks=1)).isoformat()
    assert client.get(f"/api/v1/alerts?from={early}&to={early}", headers=ed).json()["alerts"] == []
    assert client.get(f"/api/v1/alerts?from={end}&to={start}", headers=ed).status_code == 422

    # GET /api/v1/map: one element per county named as the gazetteer names it, its value in a <title>
    r = client.get(f"/api/v1/map?province=湖南省&from={MONDAY}&to={end}&measure=count", headers=vi)
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    svg = r.text
    assert svg.count("data-region=") >= 100 and "示意图" in svg
    hengnan = svg.split('data-region="湖南省/衡阳市/衡南县"')[1].split("</path>")[0]
    n_hengnan = sum(1 for c in cases if c["county"] == "衡南县" and c["status"] != "不受理")
    assert f"衡阳市衡南县：{n_hengnan}" in hengnan, hengnan[-80:]
    r = client.get("/api/v1/map?measure=closure_rate", headers=ed)
    assert r.status_code == 200 and "办结率" in r.text
    r = client.get("/api/v1/map?format=png", headers=ed)
    assert r.status_code == 200 and r.content[:8] == b"\x89PNG\r\n\x1a\n"
    r = client.get("/api/v1/map?province=火星", headers=ed)
    assert r.status_code == 422 and "error" in r.json() and "Traceback" not in r.text
    assert client.get("/api/v1/map?measure=nope", headers=ed).status_code == 422

    # viewers: the map and the alerts, never the repeats (they name petitions)
    assert client.get("/api/v1/repeats", headers=vi).status_code == 403
    assert client.get(f"/api/v1/repeats/{top['group']}", headers=vi).status_code == 403
    for url in ("/api/v1/repeats", "/api/v1/alerts", "/api/v1/map"):
        assert client.get(url).status_code == 401


def test_a_unit_reads_its_own_cases_groups_and_a_withdrawn_batch_leaves_its_group(office):
    client, batches = office
    ed = token(client, "ed")
    wb = client.app.state.workbench
    unit, _ = __import__("petitionnlp.office.units", fromlist=["add_unit"]).add_unit(wb.store, "衡南县生态环境分局",
                                                                                     "湖南省/衡阳市/衡南县")
    from petitionnlp.web.auth import Auth

    Auth(wb.store).add_user("hn", "hn-password-1", "unit", unit["id"])
    cases = {c["text"]: c for c in all_cases(client, ed)}
    first = cases[FACTORY[0]]
    r = client.patch(f"/api/v1/petitions/{first['id']}", json={"unit": "衡南县生态环境分局"}, headers=ed)
    assert r.status_code == 200, r.text
    hn = token(client, "hn")
    groups = client.get("/api/v1/repeats", headers=hn).json()["groups"]
    assert groups == [dict(groups[0], petitions=[first["id"]])] and groups[0]["count"] == 4
    got = client.get(f"/api/v1/repeats/{first['group'] if 'group' in first else first['repeat_group']}", headers=hn)
    assert got.status_code == 200 and [c["id"] for c in got.json()["cases"]] == [first["id"]]
    assert client.get("/api/v1/alerts", headers=hn).status_code == 403
    assert client.get("/api/v1/map", headers=hn).status_code == 403

    # the week-4 batch withdrawn: its case leaves the group, which keeps its id and now counts 3
    r = client.post(f"/api/v1/batches/{batches[4]}/withdraw", json={"reason": "重复上传"}, headers=ed)
    assert r.status_code == 200, r.text
    after = {c["text"]: c for c in all_cases(client, ed)}
    assert FACTORY[2] not in after
    assert [after[t]["repeat_count"] for t in (FACTORY[0], FACTORY[1], FACTORY[3])] == [3, 3, 3]
    assert {after[t]["repeat_group"] for t in (FACTORY[0], FACTORY[1], FACTORY[3])} == {first["id"]}
    # a batch uploaded after the withdrawal still joins the group (the workbench's copy caught up)
    data = table(6, [("衡阳市衡南县云集镇新塘村的石材加工厂又在切割石材，粉尘很大，噪音刺耳，村民无法休息。", "大气")])
    assert client.post("/api/v1/batches", files={"file": ("week6.csv", data)}, headers=ed).status_code in (200, 201)
    last = [c for c in all_cases(client, ed) if "又在切割" in c["text"]][0]
    assert last["repeat_group"] == first["id"] and last["repeat_count"] == 4


def test_pages_in_chinese_for_each_role(office, tmp_path):
    client, _ = office
    factory = [c for c in all_cases(client, token(client, "ed")) if c["text"] == FACTORY[0]][0]
    ed_cookie, vi_cookie = _login(client, "ed"), _login(client, "vi")
    as_user(client, ed_cookie)
    page = client.get("/repeats")
    assert page.status_code == 200 and "重复举报" in page.text and "第" in page.text and "组" in page.text
    group = factory["repeat_group"]
    assert f'href="/repeats/{group}"' in page.text
    detail = client.get(f"/repeats/{group}")
    assert detail.status_code == 200 and FACTORY[0] in detail.text and "责任单位" in detail.text
    assert client.get("/alerts").status_code == 200 and "热点预警" in client.get("/alerts").text
    m = client.get("/map?measure=closure_rate")
    assert m.status_code == 200 and "办结率示意图" in m.text and 'data-region="湖南省/衡阳市/衡南县"' in m.text
    progress = client.get("/progress")
    assert progress.status_code == 200 and "热点预警" in progress.text and "示意图" in progress.text
    assert "多次重复举报" in progress.text
    as_user(client, vi_cookie)
    assert client.get("/repeats").status_code == 403
    assert client.get(f"/repeats/{group}").status_code == 403
    nav = client.get("/alerts")
    assert nav.status_code == 200 and 'href="/repeats"' not in nav.text and 'href="/map"' in nav.text
    assert client.get("/map").status_code == 200


def test_the_report_names_alerts_repeats_and_carries_the_map(office, tmp_path, request):
    """The 专报 (JSON and Word) of the hot week: its alert, the complaint reported four times, the map labelled
    示意图; rendered with LibreOffice to tests/artifacts/report_issue28-*.png (sqlite run only)."""
    import os
    import shutil
    import subprocess
    import zipfile

    client, _ = office
    ed = token(client, "ed")
    start = (MONDAY + dt.timedelta(weeks=5)).isoformat()
    end = (MONDAY + dt.timedelta(weeks=5, days=6)).isoformat()
    data = client.get(f"/api/v1/report?from={start}&to={end}", headers=ed).json()
    assert any(a["region"] == "湖南省/衡阳市/衡南县" and a["type"] == "大气" for a in data["alerts"]["alerts"])
    assert [g["count"] for g in data["repeats"]][:1] == [6] and any(g["count"] == 4 for g in data["repeats"])
    r = client.get(f"/api/v1/report?from={start}&to={end}&format=docx", headers=ed)
    assert r.status_code == 200
    path = tmp_path / "report.docx"
    path.write_bytes(r.content)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    for words in ("热点预警", "衡阳市衡南县", "多次重复举报", "4次", "示意图"):
        assert words in xml, words
    assert len([n for n in zipfile.ZipFile(path).namelist() if n.startswith("word/media/")]) >= 2  # chart + map
    soffice, pdftoppm = shutil.which("soffice") or shutil.which("libreoffice"), shutil.which("pdftoppm")
    if "sqlite" not in request.node.name:
        return
    if not (soffice and pdftoppm):
        if os.environ.get("CI"):
            pytest.fail("LibreOffice or poppler missing under CI (make render installs them)")
        pytest.skip("DOCUMENT RENDERING NOT TESTED: LibreOffice (soffice) or poppler (pdftoppm) missing")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], capture_output=True, timeout=240)
    pdf = tmp_path / "report.pdf"
    assert pdf.is_file()
  # (the page size is the documents issue's: A4 there)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "热点预警" in text and "多次重复举报" in text and "示意图" in text
    # the tables' codes and dates on one line each (columns fitted to their longest cell): every case's 受理编号 and
    # every 交办 date of the repeats' table printed whole
    for c in all_cases(client, ed):
        if c.get("receipt_id") and c["receipt_id"] in xml:
            assert text.count(c["receipt_id"]) == xml.count(c["receipt_id"]) > 0, c["receipt_id"]
    for g in data["repeats"]:
        if g["count"] > 1:
            first = dt.date.fromisoformat(g["first"])
            assert re.search(fr"{first.year}\s*年\s*{first.month}\s*月\s*{first.day}\s*日", text), g["first"]
    artifacts = __import__("conftest").ROOT / "tests" / "artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    subprocess.run([pdftoppm, "-r", "80", "-png", str(pdf), str(artifacts / "report_issue28")], check=True)


def test_a_planted_person_in_a_repeat_is_read_by_no_viewer_and_no_other_unit(office):
    """A repeat of the factory complaint naming its complainant (name, phone, ID number): every path of issue 28 that
    can show a petition's text — repeats, one group, alerts, the map, the 专报, their pages — read as a viewer and as
    units, the other unit's own and a unit with no case of the group, never shows them."""
    from petitionnlp.office.units import add_unit
    from petitionnlp.web.auth import Auth

    client, _ = office
    ed, vi = token(client, "ed"), token(client, "vi")
    name, phone, id_number = "王建华", "13974712345", "430421198003151234"
    text = (f"举报人{name}（电话{phone}，身份证号{id_number}）再次反映衡阳市衡南县云集镇新塘村石材加工厂切割石材粉尘很大，"
            "噪音刺耳，村民无法休息。")
    r = client.post("/api/v1/batches", files={"file": ("week6.csv", table(6, [(text, "大气|噪声")]))}, headers=ed)
    assert r.status_code in (200, 201), r.text
    cases = all_cases(client, ed)
    planted = [c for c in cases if "再次反映衡阳市衡南县云集镇新塘村石材" in c["text"]][0]
    first = [c for c in cases if c["text"] == FACTORY[0]][0]
    assert planted["repeat_group"] == first["id"]  # it joined the group: the group's paths carry it to editors
    wb = client.app.state.workbench
    auth = Auth(wb.store)
    for unit_name, place, user, case in (("衡南县生态环境分局", "湖南省/衡阳市/衡南县", "hn", first),
                                         ("岳阳市生态环境局", "湖南省/岳阳市", "yy",
                                          [c for c in cases if c["text"] == BACKGROUND[1]][0])):
        unit, _ = add_unit(wb.store, unit_name, place)
        auth.add_user(user, f"{user}-password-1", "unit", unit["id"])
        assert client.patch(f"/api/v1/petitions/{case['id']}", json={"unit": unit_name},
                            headers=ed).status_code == 200
    group = first["repeat_group"]
    start = MONDAY.isoformat()
    end = (MONDAY + dt.timedelta(weeks=6, days=6)).isoformat()
    api_paths = ["/api/v1/repeats", f"/api/v1/repeats/{group}", f"/api/v1/alerts?from={start}&to={end}",
                 f"/api/v1/map?from={start}&to={end}", f"/api/v1/report?from={start}&to={end}",
                 f"/api/v1/petitions?q={name}"]
    pages = ["/repeats", f"/repeats/{group}", "/alerts", "/map", "/progress"]
    secret = (name, phone, id_number)
    for who in ("vi", "hn", "yy"):
        headers = vi if who == "vi" else token(client, who)
        for path in api_paths:
            got = client.get(path, headers=headers)
            assert got.status_code in (200, 403, 404), (who, path, got.status_code)
            assert not any(s in got.text for s in secret), (who, path)
        client.cookies.clear()
        form = client.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
        r = client.post("/login", data={"username": who, "password": f"{who}-password-1", "csrf_token": form},
                        follow_redirects=False)
        assert r.status_code == 303, r.text
        as_user(client, r.cookies.get("pnlp_session"))
        for path in pages:
            got = client.get(path)
            assert got.status_code in (200, 403, 404), (who, path, got.status_code)
            assert not any(s in got.text for s in secret), (who, path)
    # the editor reads it whole (the office's own record), so the paths above were not empty by accident
    assert any(s in client.get(f"/api/v1/repeats/{group}", headers=ed).text for s in secret)
