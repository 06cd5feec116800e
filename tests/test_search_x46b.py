"""`index` says what it did not index (helper x46b): every skipped JSON line named with its file, line and reason
through the readers' notices; the refusal of a file names what `index` accepts; a line whose text is under another
known text key (内容, 信访内容 …) is indexed."""

import json

from conftest import run_cli
from petitionnlp.search import SearchIndex, index_paths

GOOD = "衡阳市某化工厂夜间排放刺鼻废气，周边居民反映头晕恶心。"


def _jsonl(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_every_line_index_skips_is_counted_and_named(tmp_path):
    src = _jsonl(tmp_path / "docs.jsonl", [
        json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "text": ""}, ensure_ascii=False),
        "",
        json.dumps({"id": "c", "title": "无正文"}, ensure_ascii=False),
        "[1, 2]",
        json.dumps({"id": "d", "text": ["列表"]}, ensure_ascii=False),
        json.dumps({"id": "e", "text": GOOD + "二"}, ensure_ascii=False),
    ])
    counts = index_paths([str(src)], str(tmp_path / "ix.db"))
    assert (counts["indexed"], counts["skipped"]) == (2, 5), counts
    notes = counts["notices"]
    assert len(notes) == 5, notes
    for line in (2, 3, 5, 6, 7):  # file lines, the blank line 4 counted
        assert any(f"第 {line} 行" in n and "docs.jsonl" in n and "未索引" in n for n in notes), (line, notes)
    assert any("第 2 行" in n and "不是合法的 JSON 对象" in n for n in notes), notes
    assert any("第 3 行" in n and "正文为空" in n for n in notes), notes
    assert any("第 7 行" in n and "列表或对象" in n for n in notes), notes

    code, _, err = run_cli("index", src, "--db", tmp_path / "cli.db")
    assert code == 0, err
    lines = err.strip().splitlines()
    assert len(lines) == 6, err  # five notices, one summary
    assert sum("未索引" in ln for ln in lines) == 5, err
    assert "已索引 2 篇" in lines[-1] and "跳过 5 行" in lines[-1], err


def test_index_of_a_csv_names_what_index_accepts(tmp_path):
    src = tmp_path / "x.csv"
    src.write_text("信访内容\n" + GOOD + "\n", encoding="utf-8")
    code, _, err = run_cli("index", src, "--db", tmp_path / "ix.db")
    assert code == 2 and "E005" in err and len(err.strip().splitlines()) == 1, err
    accepted = err.split("；支持", 1)[1]
    assert ".jsonl" in accepted and ".txt" in accepted and ".md" in accepted and ".csv" not in accepted, err


def test_a_line_with_its_text_under_another_known_text_key_is_indexed(tmp_path):
    src = _jsonl(tmp_path / "docs.jsonl", [
        json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False),
        json.dumps({"id": "b", "内容": "岳麓区某工地深夜施工噪声扰民。"}, ensure_ascii=False),
        json.dumps({"id": "c", "信访内容": "某养殖场污水直排河道，河水发黑发臭。"}, ensure_ascii=False),
    ])
    counts = index_paths([str(src)], str(tmp_path / "ix.db"))
    assert (counts["indexed"], counts.get("skipped", 0)) == (3, 0), counts
    with SearchIndex(tmp_path / "ix.db") as ix:
        assert [h["id"] for h in ix.search("施工噪声")] == ["b"]
        assert [h["id"] for h in ix.search("养殖场")] == ["c"]
