"""The hostile probe of session 53 as tests: a petition longer than the personal-information detector reads at
once (spaCy's max_length, a million characters; an uploaded cell may hold 16 MB) broke every viewer's list (500
on the case list, the batch queue and the case), its search copy was never made (retried at every request) and
the editor's callback list failed on it.  Read here with the detector's limit lowered, so that a short text
stands for a long one."""

import json

from test_office_integrity import REPORT, cases, client, login, table, token, upload  # noqa: F401 — client

NAME, PHONE, PHONE2 = "欧阳振华", "13912345678", "13698765432"


def test_a_petition_longer_than_the_detector_reads_is_redacted_everywhere_a_viewer_reads(client, monkeypatch):
    from petitionnlp.pii import get_pii_nlp

    limit = 3000
    monkeypatch.setattr(get_pii_nlp(), "max_length", limit)
    head = f"举报人{NAME}（电话{PHONE}）反映衡阳市雁峰区某化工厂夜间偷排刺鼻废气。"
    filler = "该厂夜间噪声扰民，气味刺鼻。"
    text = (head + filler * 300)[:limit - 10] + "另联系电话" + PHONE2 + "。" + filler * 300  # a phone across the first piece's end, the text 2× the limit
    assert len(text) > 2 * limit and text.index(PHONE2) < limit < text.index(PHONE2) + len(PHONE2)
    ed, vi, hy = (token(client, n) for n in ("ed", "vi", "hy"))
    got = upload(client, ed, table([["L-01", "衡阳市雁峰区", "大气", text]]), handover_date="2024-05-15")
    pid = cases(client, ed)["L-01"]["id"]
    for url in (f"/api/v1/batches/{got['batch_id']}/petitions", "/api/v1/petitions", f"/api/v1/petitions/{pid}",
                "/api/v1/search?q=化工厂"):
        r = client.get(url, headers=vi)
        assert r.status_code == 200, (url, r.status_code, r.text[:200])
        for secret in (NAME, PHONE, PHONE2):
            assert secret not in r.text, (url, secret)
    hits = client.get("/api/v1/search", params={"q": "化工厂"}, headers=vi).json()
    assert [h["id"] for h in hits] == [f"petition:{pid}"]  # its viewer copy was made
    viewed = client.get(f"/api/v1/petitions/{pid}", headers=vi).json()["text"]
    assert viewed.startswith("举报人【姓名】（电话【电话】）") and "另联系电话【电话】。" in viewed
    login(client, "vi")
    for url in ("/cases", f"/cases/{pid}", f"/batches/{got['batch_id']}"):
        r = client.get(url)
        assert r.status_code == 200 and PHONE not in r.text and PHONE2 not in r.text, (url, r.status_code)
    # the office reads it whole, and the callback list names the complainant
    assert client.post(f"/api/v1/petitions/{pid}/report", json=REPORT, headers=hy).status_code == 200
    assert client.post(f"/api/v1/petitions/{pid}/review", json={"decision": "approve"}, headers=ed).status_code == 200
    r = client.get("/api/v1/callbacks", headers=ed)
    assert r.status_code == 200 and PHONE in r.text, r.text[:200]
    assert client.get(f"/api/v1/petitions/{pid}", headers=ed).json()["text"] == text
    assert PHONE not in json.dumps(client.get("/api/v1/callbacks", headers=vi).json(), ensure_ascii=False)


def test_the_command_line_s_redact_reads_a_long_cell_in_pieces_too(tmp_path, monkeypatch):
    """``petitionnlp redact`` (pipeline.redact_files) stopped with [E099] on such a cell: the detector itself
    reads a long text in pieces, so every path that finds personal information reads it whole."""
    from petitionnlp.pii import find_pii, get_pii_nlp
    from petitionnlp.pipeline import redact_files

    limit = 3000
    monkeypatch.setattr(get_pii_nlp(), "max_length", limit)
    filler = "该厂夜间噪声扰民，气味刺鼻。"
    text = f"举报人{NAME}反映。" + (filler * 300)[:limit - 20] + "另联系电话" + PHONE2 + "。" + filler * 300
    assert text.index(PHONE2) < limit < text.index(PHONE2) + len(PHONE2)
    spans = find_pii(text)
    assert [(s["type"], s["text"]) for s in spans] == [("姓名", NAME), ("电话", PHONE2)]
    assert all(text[s["start"]:s["end"]] == s["text"] for s in spans)
    src, out = tmp_path / "long.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps({"id": "L-01", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    redact_files([str(src)], str(out))
    row = json.loads(out.read_text(encoding="utf-8"))
    assert NAME not in row["text"] and PHONE2 not in row["text"] and "另联系电话【电话】。" in row["text"]
