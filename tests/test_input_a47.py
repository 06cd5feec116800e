"""Input leftovers of session 46 (helper a47): `index`'s fallback id names the file's line, 正文 is a known text key,
`classify` reads a JSON line whose text is under another known text key than the first line's, `index` names the
first few skipped lines of a file and counts the rest."""

import json

from conftest import run_cli
from petitionnlp.search import SearchIndex, index_paths

GOOD = "衡阳市某化工厂夜间排放刺鼻废气，周边居民反映头晕恶心。"


def _jsonl(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_fallback_id_of_a_json_line_is_its_line_in_the_file(tmp_path):
    """CONTRACT.md: ``PATH#LINE`` for a jsonl line without an id.  It counted the rows read (a blank line, as a file
    written by hand or joined from two has, was not counted), so ``docs.jsonl#3`` named the file's fourth line."""
    src = _jsonl(tmp_path / "docs.jsonl", [
        json.dumps({"text": GOOD}, ensure_ascii=False),
        "",
        json.dumps({"text": "岳麓区某工地深夜施工噪声扰民。"}, ensure_ascii=False),
        json.dumps({"text": "某养殖场污水直排河道，河水发黑发臭。"}, ensure_ascii=False),
    ])
    index_paths([str(src)], str(tmp_path / "ix.db"))
    with SearchIndex(tmp_path / "ix.db") as ix:
        assert [h["id"].rsplit("#", 1)[1] for h in ix.search("施工噪声")] == ["3"]
        assert [h["id"].rsplit("#", 1)[1] for h in ix.search("养殖场")] == ["4"]


def test_zhengwen_is_a_known_text_key_and_column(tmp_path):
    """正文 (what a document's body is called: 公文正文, a briefing's export) was no known text key: a JSON line with
    its text there was skipped by `index`, and a table whose text column is 正文 was refused by `classify`."""
    src = _jsonl(tmp_path / "docs.jsonl", [
        json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False),
        json.dumps({"id": "b", "正文": "岳麓区某工地深夜施工噪声扰民。"}, ensure_ascii=False),
    ])
    counts = index_paths([str(src)], str(tmp_path / "ix.db"))
    assert (counts["indexed"], counts["skipped"]) == (2, 0), counts
    table = tmp_path / "t.csv"
    table.write_text("编号,正文\n1,岳麓区某工地深夜施工噪声扰民。\n", encoding="utf-8")
    code, out, err = run_cli("classify", table, "--jobs", "1")
    assert code == 0 and json.loads(out)["error"] is None, err


def test_classify_reads_a_json_line_whose_text_is_under_another_known_key(tmp_path):
    """`index` took a line's text from another known text key than the first line's (x46b); `classify` (and every
    reader of the batch: redact, triage, train) still made it an error row 正文为空.  The reader now gives that text
    under the file's text key, for all of them at once."""
    src = _jsonl(tmp_path / "p.jsonl", [
        json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False),
        json.dumps({"id": "b", "内容": "岳麓区某工地深夜施工噪声扰民，电话13812345678。"}, ensure_ascii=False),
        json.dumps({"id": "c", "text": "", "信访内容": "某养殖场污水直排河道，河水发黑发臭。"}, ensure_ascii=False),
        json.dumps({"id": "d", "备注": "无"}, ensure_ascii=False),
    ])
    code, out, err = run_cli("classify", src, "--jobs", "1")
    assert code == 0, err
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c", "d"]
    assert [r["error"] is None for r in rows] == [True, True, True, False], rows
    assert "噪声" in rows[1]["pollution_types"] and rows[1]["text"].startswith("岳麓区"), rows[1]
    code, out, err = run_cli("redact", src, "--jobs", "1")
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and rows[1]["text"].endswith("电话【电话】。") and "内容" not in rows[1], rows[1]


def test_index_names_the_first_skipped_lines_of_a_file_and_counts_the_rest(tmp_path):
    """A file of 2,000 empty-text lines gave 2,000 notices (other commands name at most five): the first five are
    named, one line says how many more, the summary counts them all."""
    lines = [json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False)]
    lines += [json.dumps({"id": f"x{i}", "text": ""}) for i in range(2000)]
    src = _jsonl(tmp_path / "many.jsonl", lines)
    counts = index_paths([str(src)], str(tmp_path / "ix.db"))
    assert counts["skipped"] == 2000 and len(counts["notices"]) == 6, counts["notices"][:8]
    assert "第 2 行" in counts["notices"][0] and "另有 1995 行未索引" in counts["notices"][-1], counts["notices"]
    code, _, err = run_cli("index", src, "--db", tmp_path / "cli.db")
    lines = err.strip().splitlines()
    assert code == 0 and len(lines) == 7 and "跳过 2000 行" in lines[-1], err[-500:]
