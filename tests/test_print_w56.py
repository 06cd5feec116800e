"""The print leftovers of w55, measured on the pages Chromium prints (A4) from w55's office of long units: a unit's
part over ten characters broke anywhere (张家界市武陵源区生态环境保护综合行政执法大 / 队), the 督办件 list's 督办意见
printed five characters a line (请于期限 / 内整改到 / 位并报送), the 公开表's 调查核实情况 and 处理和整改情况 eight
(经现场核查，该厂 / 确有夜间生产、粉), and the audit log's 内容 broke a label inside itself (状 / 态：待办 → 待审核).
Each page is printed at its own size (no shrinking to fit) and saved in tests/artifacts/ (``print_w56_*``)."""

import re

import pytest

from test_documents_render import _chromium_pdf, _pdf_facts, _pngs, _session, _tools
from test_office_w48 import _right_edge_cut
from test_print_w55 import (ACTIONS, FINDINGS, NOTE, PAGES, SCALE_FLOOR, _cell_lines, _words,  # noqa: F401
                            long_office)

# a name and the words a printed line may break it between (never inside one of them: 大 / 队, 岳 / 麓, 自治 / 州);
# a name of eight characters or fewer whole
WORDS = {"张家界市武陵源区生态环境保护综合行政执法大队": ("张家界市", "武陵源区", "生态环境保护", "综合行政执法", "大队"),
         "湘西土家族苗族自治州生态环境局吉首分局": ("湘西土家族苗族自治州", "生态环境局", "吉首分局"),
         "湘西土家族苗族自治州吉首市": ("湘西土家族苗族自治州", "吉首市"),
         "长沙市生态环境局岳麓分局": ("长沙市", "生态环境局", "岳麓分局"),
         "衡阳市衡南县人民政府": ("衡阳市", "衡南县", "人民政府"),
         "张家界市武陵源区": ("张家界市武陵源区",), "长沙市岳麓区": ("长沙市岳麓区",), "衡阳市衡南县": ("衡阳市衡南县",)}
NAMES = re.compile("|".join(sorted(WORDS, key=len, reverse=True)))
SPACE = 4.0  # points between two words of a cell's line at most (a space of 9.5 pt, 2.6); a cell's border and padding
             # keep two cells' words 6.7 apart or more
LINE = 12  # characters a note, a finding or an action keeps on a printed line at least (not its last)


def _printed(o, tmp_path, name: str):
    """(the page's HTML, its PDF, the printed lines of each block) of a page of PAGES, printed by Chromium, its PNGs
    saved; asserts that it printed at its own size (its title as tall as on the page without its tables) and
    nothing past the paper's right edge."""
    _tools()
    path, params = PAGES[name]
    _session(o, "admin" if name == "audit" else "ed")
    r = o.get(path.format(**o.fill), params={k: v.format(**o.fill) for k, v in params.items()})
    assert r.status_code == 200, r.text[:300]
    pdf = _chromium_pdf(r.text, tmp_path, name)
    _pngs(pdf, f"print_w56_{name}")
    bare = _chromium_pdf(re.sub(r"<table.*?</table>", "", r.text, flags=re.S), tmp_path, f"{name}_bare")
    title, yardstick = _words(pdf)[0], _words(bare)[0]
    assert title[5] == yardstick[5] and title[3] / yardstick[3] >= SCALE_FLOOR, (name, title, yardstick)
    assert not _right_edge_cut(pdf), (name, "the table's right edge cut at the margin")
    return r.text, pdf, _cell_lines(pdf)


def _columns(pdf) -> list[list[str]]:
    """The printed lines of each cell, read from where they stand (pdftotext's lines and blocks run across a row's
    cells): a printed line cut into its cells where two words stand apart by more than a space (a cell's padding
    and border), and each cell's line followed by the one under it that starts at the same left edge within two
    lines' height."""
    import subprocess

    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    lines = []  # (page, xMin, yMin, height, text) of each cell's printed line
    for n, page in enumerate(re.split(r"<page ", out)[1:]):
        for body in re.findall(r"<line [^>]*>(.*?)</line>", page, re.S):
            last = None
            for x0, y0, x1, y1, w in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                                r'yMax="([\d.]+)">([^<]*)</word>', body):
                if last is not None and float(x0) - last < SPACE:
                    lines[-1][4] += w
                else:
                    lines.append([n, float(x0), float(y0), float(y1) - float(y0), w])
                last = float(x1)
    below, above = {}, set()
    for i, (n, x0, y0, h, _) in enumerate(lines):
        under = [j for j, (m, x, y, _, _) in enumerate(lines)
                 if m == n and abs(x - x0) < 1.5 and 0 < y - y0 < 2 * h and j not in above]
        if under:
            below[i] = min(under, key=lambda j: lines[j][2])
            above.add(below[i])
    chains = []
    for i in range(len(lines)):
        if i not in above:
            chain = [i]
            while chain[-1] in below:
                chain.append(below[chain[-1]])
            chains.append([lines[j][4] for j in chain])
    return chains


def _cuts_inside(blocks, pattern: re.Pattern, allowed, whole: bool = False) -> list[str]:
    """Where a printed block breaks a match of ``pattern`` elsewhere than ``allowed(match)`` (offsets in it): each
    as the match with / at the break; ``whole``: only a match its lines hold alone (a unit's or a place's cell, not
    the place a petition's words start with, nor 衡阳市衡南县 in 湖南省衡阳市 / 衡南县)."""
    bad = []
    for lines in blocks:
        text, ends, k = "".join(lines), set(), 0
        for line in lines[:-1]:
            k += len(line)
            ends.add(k)
        for m in pattern.finditer(text):
            if whole and not ({m.start(), m.end()} <= ends | {0, len(text)}):
                continue
            inside = sorted(e - m.start() for e in ends if m.start() < e < m.end())
            bad += [m.group()[:e] + " / " + m.group()[e:] for e in inside if e not in allowed(m)]
    return bad


def _line_lengths(blocks, text: str) -> list[int]:
    """The characters of ``text`` on each printed line of its cell but the last (a line may run on into the next
    cell's words: only its start inside ``text`` counts) — ``blocks`` as :func:`_columns` reads them."""
    out = []
    for lines in blocks:
        for line in lines:
            n = 0
            while n < len(line) and line[:n + 1] in text:
                n += 1
            if n >= 3 and text.find(line[:n]) + n < len(text):
                out.append(n)
    return out


def _between_words(m) -> set[int]:
    words, ends, k = WORDS[m.group()], set(), 0
    for w in words[:-1]:
        k += len(w)
        ends.add(k)
    return ends


@pytest.mark.parametrize("name", ["batches", "supervision", "cases", "overdue", "callbacks", "batch", "review", "spotcheck",
                                  "repeats", "repeat_group", "progress", "public", "case"])
def test_a_long_unit_breaks_between_its_words(long_office, tmp_path, name):
    """A unit or a place printed in a narrow column breaks between its words only: 张家界市 / 武陵源区 / 生态环境保护
    / 综合行政执法 / 大队, never …综合行政执法大 / 队 (its part over ten characters broke anywhere)."""
    _, pdf, _ = _printed(long_office, tmp_path, name)
    cut = _cuts_inside(_columns(pdf), NAMES, _between_words, whole=True)
    assert not cut, (name, cut[:5])


def test_the_supervision_notes_print_a_dozen_characters_a_line(long_office, tmp_path):
    """The 督办件 list's 督办意见 beside the petition, each at least twelve characters a line (it printed 请于期限 /
    内整改到 / 位并报送 / 整改情: the list's seven columns on a portrait A4), the page across the sheet."""
    _, pdf, _ = _printed(long_office, tmp_path, "supervision")
    lengths = _line_lengths(_columns(pdf), NOTE)
    assert lengths and min(lengths) >= LINE, sorted(lengths)[:8]
    assert set(_pdf_facts(pdf)[0]) == {(297, 210)}


def test_the_public_tables_findings_and_actions_print_a_dozen_characters_a_line(long_office, tmp_path):
    """The 公开表's 调查核实情况 and 处理和整改情况, each at least twelve characters a line (eight, 经现场核查，该厂 /
    确有夜间生产、粉, beside a 行政区域 column twice as wide as its place): the columns in the proportions of the
    公开表's XLSX."""
    _, pdf, _ = _printed(long_office, tmp_path, "public")
    for text in (FINDINGS, ACTIONS):
        lengths = _line_lengths(_columns(pdf), text)
        assert lengths and min(lengths) >= LINE, (text[:6], sorted(lengths)[:8])


def test_the_audit_logs_labels_are_never_broken_inside(long_office, tmp_path):
    """The audit log's 内容: a label with its colon whole on a line (状态：, 办结情况：, 是否属实：), never 状 / 态：待办."""
    html, pdf, _ = _printed(long_office, tmp_path, "audit")
    cells = (re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r'<td class="detail">(.*?)</td>', html, re.S))
    labels = {label for cell in cells for label in re.findall(r"(?:^|；)([\u4e00-\u9fff]+)：", cell)}
    assert {"状态", "办结情况", "是否属实", "说明"} <= labels, labels
    pattern = re.compile("|".join(f"{label}：" for label in sorted(labels, key=len, reverse=True)))
    cut = _cuts_inside(_columns(pdf), pattern, lambda m: set())
    assert not cut, cut[:5]
