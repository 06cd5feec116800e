"""Search-index ids that name no case (session 48, helper a48), on SQLite and PostgreSQL: a file indexed again after
lines were removed leaves no document under a ``PATH#LINE`` its lines no longer give; the office's search answers only
the office's own documents, so a hit never opens another case or none."""

import pytest

from test_office_integrity import client, table, token, upload  # noqa: F401


@pytest.fixture(params=["sqlite", "postgresql"])
def index_target(request, tmp_path):
    if request.param == "sqlite":
        return tmp_path / "ix.db"
    return request.getfixturevalue("pg_cluster").new_database()


def _jsonl(path, texts):
    import json

    path.write_text("".join(json.dumps({"text": t, "pollution_types": ["水"]}, ensure_ascii=False) + "\n"
                            for t in texts), encoding="utf-8")


def test_a_file_indexed_again_with_a_line_removed_leaves_no_stale_line_id(tmp_path, index_target):
    """A classified file indexed under ``PATH#LINE`` ids, then edited (a line removed, another inserted) and indexed
    again: the old last line's document stayed under ``PATH#4`` — a search for the removed petition still found it,
    naming a line the file no longer has (or, once a line is inserted there, another petition's).  Re-indexing a file
    now removes what its lines gave before and not now."""
    from petitionnlp.search import SearchIndex, doc_path, index_paths

    f = tmp_path / "cases.jsonl"
    _jsonl(f, ["养殖场粪污直排小河", "化工厂夜间偷排废水", "采石场粉尘污染严重", "搅拌站夜间施工噪声扰民"])
    index_paths([str(f)], str(index_target))
    _jsonl(f, ["养殖场粪污直排小河", "餐馆油烟直排扰民", "搅拌站夜间施工噪声扰民"])  # 2, 3 gone; one inserted
    got = index_paths([str(f)], str(index_target))
    name = doc_path(f)
    with SearchIndex(str(index_target)) as ix:
        assert ix.search("采石场") == [] and ix.search("化工厂") == []
        assert [h["id"] for h in ix.search("搅拌站")] == [f"{name}#3"]
        assert [h["id"] for h in ix.search("油烟")] == [f"{name}#2"]
    assert got["removed"] == 1 and got["total"] == 3, got


def test_a_document_another_program_indexed_opens_no_case(client, tmp_path):
    """The command line's ``index`` pointed at the office's own index (its search.db, or the shared database) adds
    documents of kind petition under ``PATH#LINE`` or a row's 受理编号: the office's search answered them as cases,
    and the search page's link took the part after a colon as a case's number — another case, or none.  The
    office's search now answers only its own documents (``petition:12``, ``briefing:3``)."""
    from petitionnlp.search import index_paths

    ed = token(client, "ed")
    upload(client, ed, table([["S-1", "岳阳市", "", "岳阳市某化工厂偷排废水"]]), handover_date="2024-05-15")
    f = tmp_path / "other.jsonl"
    _jsonl(f, ["岳阳市某化工厂偷排废水，另一程序索引的", "x:1 岳阳市某化工厂偷排废水"])
    target = client.backend["db_url"] or str(client.backend["data_dir"] / "search.db")
    index_paths([str(f)], target)
    hits = client.get("/api/v1/search", params={"q": "化工厂", "limit": 20}, headers=ed).json()
    assert hits and all(h["id"].startswith("petition:") and h["id"].split(":")[1].isdecimal() for h in hits), hits
    assert len(hits) == 1, hits
