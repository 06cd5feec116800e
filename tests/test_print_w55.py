"""Every list page of the workbench printed on A4 at its own size, nothing past the paper's edge, a report readable
(w55; w54's pages, e297514, reverted by 1057456 because the 抽查复核 and 审核 lists then squeezed a report into a
narrow column).  An office whose units have long names (湘西土家族苗族自治州生态环境局吉首分局,
张家界市武陵源区生态环境保护综合行政执法大队) and whose petitions run to a hundred characters, in every state — closed
and called back, supervised with a long note, overdue, drawn for a spot check, waiting for review, rejected, reported
again and again (重复举报), a county's week of air complaints (热点预警).  Each page is printed by Chromium (A4) and
read back: the 督办件 list's 状态 column fell off the page's right edge, or Chromium shrank the whole list to fit it
(the 督办 list at 75 %), a report's findings were printed nine characters a line (经现场核查，反映问 / 题属实), a day
was cut inside (11月 / 12日).  The PNGs are saved in tests/artifacts/ (``print_w55_*``)."""

import csv
import datetime as dt
import io
import re
import subprocess

import pytest
from fastapi.testclient import TestClient

from test_office_integrity import REPORT, token
from test_documents_render import _chromium_pdf, _pdf_facts, _pngs, _session, _tools
from test_office_w48 import _right_edge_cut


def units_app(tmp, regions: dict, admin: bool = False):
    """A workbench on a fresh data folder under ``tmp`` with these units (name → its region under 湖南省), the editor
    ``ed`` and, with ``admin``, the administrator ``admin``."""
    from petitionnlp.office.accounts import add_user
    from petitionnlp.office.units import add_unit
    from petitionnlp.web.app import create_app

    app = create_app(tmp / "data", background=False)
    store = app.state.workbench.store
    for unit, region in regions.items():
        add_unit(store, unit, f"湖南省/{region}")
    add_user(store, "ed", "ed-password-1", "editor", None)
    if admin:
        add_user(store, "admin", "admin-password-1", "admin", None)
    return app


UNITS = {"湘西土家族苗族自治州生态环境局吉首分局": "湘西土家族苗族自治州/吉首市",
         "张家界市武陵源区生态环境保护综合行政执法大队": "张家界市/武陵源区",
         "长沙市生态环境局岳麓分局": "长沙市/岳麓区", "衡阳市衡南县人民政府": "衡阳市/衡南县"}
PLACES = ["湘西土家族苗族自治州吉首市", "张家界市武陵源区", "长沙市岳麓区", "衡阳市衡南县"]
LONG = ("{p}某某镇某某村村民反映，村口一家石材加工厂长期在夜间切割石材，粉尘很大，噪音刺耳，村民晚上无法休息；该厂废水"
        "未经处理直接排入附近小河，河水发黑发臭，鱼虾死亡，多次向当地反映未得到解决，请求彻底查处。")
SHORT = ["{p}某工业园区内一家化工企业夜间偷排废气，气味刺鼻，周边居民头晕恶心，不敢开窗（已多次举报）。",
         "{p}某餐馆油烟直排，风机噪声扰民。"]
HOT = "衡阳市衡南县{v}一家砖厂烟囱冒黑烟，烟尘呛人，附近村民晚上不敢开窗（第{w}周第{k}件）。"
FINDINGS = "经现场核查，该厂确有夜间生产、粉尘无组织排放和废水直排情况，群众反映问题属实。"
ACTIONS = "已责令停产整改，拆除违规设备，对废水排放口进行封堵（立案处罚1家，罚款3万元）。"
NOTE = "请于期限内整改到位并报送整改情况，逾期未完成的将约谈主要负责人"


def _table(rows) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows([["受理编号", "行政区域", "污染类型", "交办问题基本情况"], *rows])
    return buf.getvalue().encode()


@pytest.fixture(scope="module")
def long_office(tmp_path_factory):
    """Six weekly batches (the last 40 … 5 days ago, 15 days to reply): each of the four units' places once a week
    (the same matter at 吉首市 and 武陵源区 every week: repeats), one air complaint of 衡南县 a week and sixteen in the
    last (a hotspot); a quarter closed with long findings, a quarter supervised with a long note, some waiting for review,
    some rejected; callbacks on three closed cases; a spot check with one item checked."""
    from petitionnlp.office.clock import office_today

    app = units_app(tmp_path_factory.mktemp("w55"), UNITS, admin=True)
    today = office_today()
    with TestClient(app) as c:
        ed = token(c, "ed")
        k = 0
        for week in range(6):
            day = today - dt.timedelta(days=7 * (6 - week) - 2)
            rows = []
            for j in range(16 if week == 5 else 1):
                k += 1
                rows.append([f"X3HN{day:%Y%m%d}{k:04d}", "衡阳市衡南县", "大气",
                             HOT.format(v=["三塘镇", "谭子山镇", "茶市镇", "花桥镇"][j % 4], w=week + 1, k=j + 1)])
            for i, place in enumerate(PLACES):
                k += 1
                text = LONG if i < 2 else SHORT[k % 2]
                rows.append([f"X3HN{day:%Y%m%d}{k:04d}", place, "大气、噪声、水" if i == 0 else "", text.format(p=place)])
            r = c.post("/api/v1/batches", files={"file": (f"第{week + 1}批交办件.csv", _table(rows))}, headers=ed,
                       data={"handover_date": day.isoformat(), "reply_days": "15", "working_days": "false"})
            assert r.status_code == 201, r.text
        ids = sorted(p["id"] for p in c.get("/api/v1/petitions", params={"limit": 500}, headers=ed).json()["petitions"])
        later = (today + dt.timedelta(days=20)).isoformat()
        for n, pid in enumerate(ids):
            if n % 4 == 0:
                c.post(f"/api/v1/petitions/{pid}/report", json=dict(REPORT, findings=FINDINGS, actions=ACTIONS),
                       headers=ed)
                c.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"}, headers=ed)
            elif n % 4 == 1:
                c.post(f"/api/v1/petitions/{pid}/supervise", json={"due_date": later, "note": NOTE}, headers=ed)
            elif n % 4 == 2 and n % 3 == 0:
                c.post(f"/api/v1/petitions/{pid}/report", json=REPORT, headers=ed)
            elif n % 4 == 3 and n % 5 == 0:
                c.post(f"/api/v1/petitions/{pid}/reject", headers=ed,
                       json={"kind": "非生态环境问题", "reason": "反映的是邻里之间的宅基地纠纷，不属于生态环境部门职责"})
        closed = c.get("/api/v1/petitions", params={"status": "已办结", "limit": 500}, headers=ed).json()["petitions"]
        for p in closed[:3]:
            r = c.post(f"/api/v1/petitions/{p['id']}/callback", headers=ed,
                       json={"result": "基本满意", "note": "群众表示问题基本解决，但希望加强夜间巡查"})
            assert r.status_code == 200, r.text
        start = (today - dt.timedelta(days=60)).isoformat()
        r = c.post("/api/v1/spotchecks", json={"from": start, "to": today.isoformat(), "rate": 0.5, "seed": 7},
                   headers=ed)
        assert r.status_code == 201, r.text
        first = r.json()["petitions"][0]
        c.post(f"/api/v1/spotchecks/{r.json()['id']}/items/{first}", json={"passed": True, "note": "现场复核属实，整改到位"},
               headers=ed)
        groups = c.get("/api/v1/repeats", headers=ed).json()["groups"]
        assert groups, "no repeated matter"
        batch = c.get("/api/v1/batches", headers=ed).json()["batches"][0]["batch_id"]
        c.fill = {"spotcheck": r.json()["id"], "batch": batch,
                  "group": groups[0]["group"], "case": ids[1], "from": start, "to": today.isoformat(),
                  "week": (today - dt.timedelta(days=8)).isoformat()}
        hot = c.get("/api/v1/alerts", params={"from": c.fill["week"], "to": c.fill["to"]}, headers=ed).json()
        assert hot["alerts"], hot  # the 热点预警 list has its rows
        c.ed = ed
        yield c


# every list page the workbench has, and the case's page (its history is a list): (path, query)
PAGES = {"cases": ("/cases", {}), "rejected": ("/cases", {"status": "不受理"}), "overdue": ("/cases", {"overdue": "1"}),
         "supervision": ("/supervision", {}), "callbacks": ("/callbacks", {}), "spotchecks": ("/spotchecks", {}),
         "spotcheck": ("/spotchecks/{spotcheck}", {}), "review": ("/review", {}), "batches": ("/batches", {}),
         "batch": ("/batches/{batch}", {}), "repeats": ("/repeats", {}), "repeat_group": ("/repeats/{group}", {}),
         "alerts": ("/alerts", {"from": "{week}", "to": "{to}"}),
         "progress": ("/progress", {"from": "{from}", "to": "{to}"}),
         "public": ("/public", {"from": "{from}", "to": "{to}"}),
         "audit": ("/audit", {}), "case": ("/cases/{case}", {})}


def _words(pdf) -> list[tuple[int, float, float, float, float, str]]:
    """(page, its width, xMax, height, yMin, word) of each word Chromium printed, in order."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = []
    for n, page in enumerate(re.split(r"<page ", out)[1:], 1):
        width = float(re.search(r'width="([\d.]+)"', page).group(1))
        words += [(n, width, float(x1), float(y1) - float(y0), float(y0), w) for y0, x1, y1, w in
                  re.findall(r'yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)]
    return words


def _headers(html: str) -> list[str]:
    """The printed tables' column headers (not those of a screen-only column, .noprint), each in the pieces it may
    print on lines of their own (举报人 / 及联系方式: <wbr>)."""
    heads = "".join(re.findall(r"<thead>(.*?)</thead>", html, re.S))
    heads = re.findall(r"<th(?![^>]*noprint)[^>]*>(.*?)</th>", heads, re.S)
    pieces = (re.sub(r"<[^>]+>|\s+", "", piece) for h in heads for piece in h.split("<wbr>"))
    return [piece for piece in pieces if piece]


def _cell_lines(pdf) -> list[list[str]]:
    """The printed lines of each block of text (a table's cell, a paragraph) Chromium laid out, each line as its words
    joined (pdftotext -bbox-layout)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [["".join(re.findall(r">([^<]*)</word>", line)) for line in re.findall(r"<line[^>]*>(.*?)</line>", block, re.S)]
            for block in re.findall(r"<block[^>]*>(.*?)</block>", out, re.S)]


ACROSS = ("batch", "public", "spotcheck", "review", "supervision")  # printed across the sheet: a dozen columns, or a petition and
                                                     # its report side by side (and, to check, a column to fill in; w56: the
                                     # 督办件 list's petition and 督办意见)
SCALE_FLOOR = 0.99  # a list prints at its own size: its 9.5 pt rows wrap in their columns; any shrink (Chromium fits a
                    # too-wide table to the paper) means a column did not fit — the 督办 list printed at 75 %, 7.1 pt
DAY = re.compile(r"(\d{4}年)?\d{1,2}月\d{1,2}日")  # a day, which a line may break after its year only
FINDINGS_LINE = 12  # characters a report's findings keep on a line at least (not 经现场核查，反映问 / 题属实)


def _common(line: str, words: str) -> int:
    """How many characters a printed line has of the words it starts (a line of a cell may run on into the next cell's
    words: pdftotext joins them)."""
    n = 0
    while n < min(len(line), len(words)) and line[n] == words[n]:
        n += 1
    return n


def _day_cut(line: str, following: str) -> bool:
    """Whether a day runs from this printed line into the next, broken elsewhere than after its year (2026年12月18 /
    日, 11月 / 12日; 2026年 / 12月18日 is how a narrow column breaks it)."""
    joined, k = line + following, len(line)
    return any(m.start() < k < m.end() and joined[k - 1] != "年" for m in DAY.finditer(joined))


@pytest.mark.parametrize("name", list(PAGES))
def test_every_list_page_prints_within_the_paper(long_office, tmp_path, name):
    """Printed by Chromium (A4; the batch's twelve columns and the 公开表 across the sheet): the page printed at its
    own size — its title as large as on the same page without its tables (Chromium shrinks a page whose table is wider
    than the paper: the 督办 list printed at 75 %) —, no word past the right margin, every column's header on paper
    (the 督办件 list's 状态), no day cut inside (2026年 / 11月12日 only), and a report's findings on lines of twelve
    characters or more (the 抽查复核 and 审核 lists)."""
    _tools()
    o = long_office
    path, params = PAGES[name]
    _session(o, "admin" if name == "audit" else "ed")
    r = o.get(path.format(**o.fill), params={k: v.format(**o.fill) for k, v in params.items()})
    assert r.status_code == 200, r.text[:300]
    html = r.text
    pdf = _chromium_pdf(html, tmp_path, name)
    _pngs(pdf, f"print_w55_{name}")
    sizes, text = _pdf_facts(pdf)
    assert sizes and all(s == ((297, 210) if name in ACROSS else (210, 297)) for s in sizes), sizes
    # the same page without its tables prints at its own size: its title's height is the yardstick
    bare = _chromium_pdf(re.sub(r"<table.*?</table>", "", html, flags=re.S), tmp_path, f"{name}_bare")
    title, yardstick = _words(pdf)[0], _words(bare)[0]
    scale = title[3] / yardstick[3]
    assert title[5] == yardstick[5] and scale >= SCALE_FLOOR, (name, f"printed at {scale:.0%}", title, yardstick)
    right = [(w, round(x1)) for _, width, x1, _, _, w in _words(pdf) if x1 > width - 11 * 72 / 25.4]
    assert not right, (name, right[:5])
    assert not _right_edge_cut(pdf), (name, "the table's right edge cut at the margin")
    flat = re.sub(r"\s+", "", text)
    heads = _headers(html)
    assert heads or name == "case", name  # a case's page lists its history without a table's head
    assert [h for h in heads if h not in flat] == [], (name, [h for h in heads if h not in flat])
    blocks = _cell_lines(pdf)
    cut = [(a, b) for lines in blocks for a, b in zip(lines, lines[1:]) if _day_cut(a, b)]
    assert not cut, (name, cut[:5])
    if name in ("spotcheck", "review"):
        firsts = [line[line.index("经现场核查"):] for lines in blocks for line in lines if "经现场核查" in line]
        short = [line for line in firsts if not any(_common(line, f) >= min(FINDINGS_LINE, len(f) - 1)
                                                    for f in (FINDINGS, REPORT["findings"]))]
        assert firsts and not short, (name, short[:3])


def test_a_unit_or_a_place_breaks_between_its_parts():
    """Where a long unit or place may break on a printed page (corpora/io/line_breaking.tsv, name_break_after):
    after the character ending one of its parts, each part two characters at least, a name of eight characters or
    fewer never (衡阳市雁峰区 whole in the 督办件 list, not 衡阳市 / 雁峰区); a part longer than ten characters may
    break inside, a shorter one never (长沙市岳 / 麓区)."""
    from petitionnlp.io import name_parts
    from petitionnlp.web.render import templates

    assert name_parts("湘西土家族苗族自治州生态环境局吉首分局") == ["湘西土家族苗族自治州", "生态环境局", "吉首分局"]
    assert name_parts("衡阳市衡南县人民政府") == ["衡阳市", "衡南县", "人民政府"]
    assert name_parts("湘西土家族苗族自治州吉首市") == ["湘西土家族苗族自治州", "吉首市"]
    assert name_parts("张家界市武陵源区") == ["张家界市武陵源区"] and name_parts("长沙市") == ["长沙市"]  # whole
    assert name_parts("未分配") == ["未分配"] and name_parts("") == []
    name = templates.env.filters["name"]
    assert str(name("衡阳市衡南县人民政府")) == '<span class="name">衡阳市<wbr>衡南县<wbr>人民政府</span>'
    assert str(name("张家界市武陵源区生态环境保护综合行政执法大队")) == (
        '<span class="name">张家界市<wbr>武陵源区<wbr>生态环境保护<wbr>综合行政执法<wbr>大队</span>')  # w56: after its
    # words (corpora/io/line_breaking.tsv, long_part_break_after), no longer anywhere (…综合行政执法大 / 队)
    assert name(None) == "" and str(name("<b>")) == '<span class="name">&lt;b&gt;</span>'

