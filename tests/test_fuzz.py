"""Property-based fuzzing of the commands a careless or hostile user runs (hypothesis): whatever the cells,
the format and the encoding, no traceback, no internal error (E099, exit 3), and when a batch is read every
row comes out once, in order.  The commands run in-process through ``petitionnlp.cli.main`` so that the
models load once; the examples are bounded so that ``make test`` stays within minutes."""

import csv
import json
import os
import string

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from petitionnlp.cli import main

FUZZ = settings(max_examples=int(os.environ.get("PETITIONNLP_FUZZ_EXAMPLES", 40)), deadline=None,
                derandomize=not os.environ.get("PETITIONNLP_FUZZ_RANDOM"),
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

_PHRASES = ["衡阳市雁峰区某搅拌站扬尘严重", "夜间施工噪声扰民", "养猪场粪污直排小河", "餐馆油烟", "反映问题",
            "交办问题基本情况", "受理编号D2HN202010150023", "举报人张三，电话13812345678", "衡陽市珠暉區",
            "=HYPERLINK(\"http://x\",\"点击\")", "+1+1", "@SUM(A1)", "-5", "NaN", "#VALUE!", "", " ", "\"", ",", "，"]
_ODD = "\x00\x01\x0b\x1b\x7f\u200b\ufeff\ufffd\u3000\t\"',;|=+-@\n\r"
cell_text = st.one_of(
    st.sampled_from(_PHRASES),
    st.text(alphabet=st.sampled_from(list("油烟噪声污水垃圾扬尘臭味市县区镇村厂") + list(_ODD)), max_size=30),
    st.text(max_size=20),
    st.lists(st.sampled_from(_PHRASES), max_size=4).map("".join),
)
rows_strategy = st.lists(cell_text, min_size=0, max_size=25)


def _run(capsys, *args):
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:  # argparse: a usage error (a query "--" is the end of options)
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "E099" not in err, err
    assert code in (0, 2), (code, err)
    assert code == 0 or len([ln for ln in err.splitlines() if ln.strip()]) >= 1
    return code, out, err


def _write(tmp_path, fmt: str, encoding: str, texts: list[str]):
    """The texts as a batch file with a 序号 column (row ids 0..n-1); None when the encoding cannot hold them."""
    path = tmp_path / f"in.{fmt}"
    if fmt in ("csv", "tsv"):
        buf = []
        w = csv.writer(_Sink(buf), delimiter="\t" if fmt == "tsv" else ",")
        w.writerow(["序号", "交办问题基本情况"])
        for i, t in enumerate(texts):
            w.writerow([i, t])
        try:
            path.write_bytes("".join(buf).encode(encoding))
        except UnicodeEncodeError:
            return None
    elif fmt == "jsonl":
        path.write_text("".join(json.dumps({"序号": i, "信访内容": t}, ensure_ascii=False) + "\n"
                                for i, t in enumerate(texts)), encoding="utf-8")
    elif fmt == "xlsx":
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        wb = Workbook()
        ws = wb.active
        ws.append(["序号", "交办问题基本情况"])
        for i, t in enumerate(texts):
            ws.append([i, ILLEGAL_CHARACTERS_RE.sub("", t)])
        wb.save(path)
    return path


class _Sink:
    def __init__(self, buf):
        self.buf = buf

    def write(self, s):
        self.buf.append(s)


@FUZZ
@given(texts=rows_strategy, fmt=st.sampled_from(["csv", "tsv", "jsonl", "xlsx"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]), out=st.sampled_from(["jsonl", "csv", "xlsx"]))
def test_classify_keeps_every_row_in_order(tmp_path, capsys, texts, fmt, encoding, out):
    path = _write(tmp_path, fmt, encoding, texts)
    assume(path is not None)
    target = tmp_path / f"out.{out}"
    code, _, err = _run(capsys, "classify", path, "-o", target)
    if not texts or (code == 2 and "E002" in err and any("\x00" in t for t in texts)):
        return  # no rows; or NUL bytes all over a small file, refused as binary
    assert code == 0, err
    if out == "jsonl":
        rows = [json.loads(x) for x in target.read_text(encoding="utf-8").split("\n") if x]
        ids = [str(r["序号"]) for r in rows]
    elif out == "csv":
        with open(target, encoding="utf-8-sig", newline="") as fh:
            ids = [r["序号"] for r in csv.DictReader(fh)]
    else:
        from openpyxl import load_workbook

        ids = [str(r[0]) for r in load_workbook(target, read_only=True).active.iter_rows(min_row=2, values_only=True)]
    assert ids == [str(i) for i in range(len(texts))]


@FUZZ
@given(lines=st.lists(st.text(alphabet=st.characters(blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
                                                        blacklist_categories=("Cs",)), max_size=40), max_size=30),
       encoding=st.sampled_from(["utf-8", "gb18030"]))
def test_txt_and_stdin_lines_are_rows(tmp_path, capsys, lines, encoding):
    path = tmp_path / "in.txt"
    try:
        path.write_bytes("".join(ln + "\n" for ln in lines).encode(encoding))
    except UnicodeEncodeError:
        assume(False)
    code, out, err = _run(capsys, "classify", path)
    if code == 0:
        assert len([x for x in out.splitlines() if x.strip()]) == len(lines)


@FUZZ
@given(raw=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".tsv", ".jsonl", ".txt", ".xlsx"]))
def test_arbitrary_bytes_never_crash(tmp_path, capsys, raw, suffix):
    path = tmp_path / f"junk{suffix}"
    path.write_bytes(raw)
    _run(capsys, "classify", path)
    _run(capsys, "stats", path)


@FUZZ
@given(texts=st.lists(cell_text, min_size=1, max_size=15))
def test_triage_keeps_every_row(tmp_path, capsys, texts):
    path = _write(tmp_path, "jsonl", "utf-8", texts)
    target = tmp_path / "q.jsonl"
    code, _, err = _run(capsys, "triage", path, "-o", target, "--date", "2024-05-15")
    assert code == 0, err
    rows = [json.loads(x) for x in target.read_text(encoding="utf-8").split("\n") if x]
    assert sorted(r["序号"] for r in rows) == list(range(len(texts)))


@FUZZ
@given(texts=st.lists(cell_text, min_size=1, max_size=10))
def test_stats_reads_what_classify_wrote(tmp_path, capsys, texts):
    path = _write(tmp_path, "jsonl", "utf-8", texts)
    for out in ("o.jsonl", "o.csv", "o.xlsx"):
        assert _run(capsys, "classify", path, "-o", tmp_path / out)[0] == 0
        assert _run(capsys, "stats", tmp_path / out, "--csv", tmp_path / "t.csv")[0] == 0


@FUZZ
@given(text=st.text(max_size=300) | st.lists(st.sampled_from(
    ["会议要求", "，", "。", "\n", "一要", "5月底前", "每3天一报告", "各市州", "必须", "2017年", "12月9号", "至", "24小时",
     "杨光荣副省长强调", "（一）", "1.", "“", "”", "要"]), max_size=60).map("".join),
       date=st.sampled_from([None, "2017-05-15", "9999-12-31", "0001-01-01"]))
def test_extract_offsets_slice_back(tmp_path, capsys, text, date):
    path = tmp_path / "b.txt"
    try:
        path.write_text(text, encoding="utf-8")
    except UnicodeEncodeError:
        assume(False)
    args = ["extract", path] + (["--date", date] if date else [])
    code, out, err = _run(capsys, *args)
    if code == 0:
        result = json.loads(out)
        source = path.read_text(encoding="utf-8") if path.stat().st_size else ""
        for t in result["time_expressions"]:
            assert source[t["start"]:t["end"]] == t["text"]
        for d in result["directives"]:
            assert source[d["start"]:d["end"]] == d["action"]


_WORDS = st.sampled_from(["噪声", "油烟", "扬尘", "每3天一报告", "水", "衡阳市", "整改", "\"", "'", "*", "-", "OR",
                          "NEAR(", ")", "AND", "^", ":", "{", "}", "噪聲", "x" * 50, "%", "_", "\\", ";", "--"])


@FUZZ
@given(docs=st.lists(st.lists(_WORDS, min_size=1, max_size=8).map("".join), min_size=1, max_size=8),
       query=st.lists(_WORDS, min_size=1, max_size=6).map(" ".join) | st.text(max_size=30),
       limit=st.sampled_from(["1", "10", "1000"]))
def test_index_and_search_find_every_document(tmp_path, capsys, docs, query, limit):
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n"
                            for i, t in enumerate(docs)), encoding="utf-8")
    db = tmp_path / "x.db"
    code, _, err = _run(capsys, "index", path, "--db", db)
    assert code == 0, err
    _run(capsys, "search", query, "--db", db, "--json", "--limit", limit)
    from petitionnlp.search import SearchIndex
    from petitionnlp.text import normalize

    with SearchIndex(db, readonly=True) as ix:
        for i, t in enumerate(docs):
            cjk = [ch for ch in normalize(t) if "\u4e00" <= ch <= "\u9fff"]
            if cjk:  # every indexed document is found by a character of its text
                assert f"d{i}" in [h["id"] for h in ix.search(cjk[0], limit=1000)]


@pytest.mark.parametrize("args", [["search"], ["classify"], ["index", "x"], ["stats"], ["--nope"],
                                  ["search", "x", "--db"], ["triage", "-", "--date", "2024-13-01"]])
def test_bad_options_are_one_line(capsys, args):
    try:
        code = main(args)
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert len([ln for ln in err.splitlines() if ln.strip()]) == 1, err


def test_printable_query_alphabet_roundtrip(tmp_path, capsys):
    """Every printable ASCII character alone as a query: no FTS syntax error leaks out."""
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "噪声 abc 123"}, ensure_ascii=False) + "\n", encoding="utf-8")
    _run(capsys, "index", path, "--db", tmp_path / "x.db")
    for ch in string.printable.strip():
        _run(capsys, "search", ch, "--db", tmp_path / "x.db")
