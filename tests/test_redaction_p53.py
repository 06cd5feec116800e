"""p53's kinds through the server (session 53): a list a person holds by the surname after its last number
(举报电话：0731-…、139…（刘）) and a list of a form's fields closed by a name (举报电话：…；邮箱：…（王华清）) — at 11448b9 a
viewer and another unit's handler read their landlines (0731-85123467, 0731-84561288) in a case's text and a
briefing's (the API, the pages, the search hits and snippets); and a body's line with a private person named in a
clause of his own after it (县环保局举报电话：0731-84561277，村民周桂兰反映的问题已查实。), hidden then, which a viewer
reads now while the person's name stays hidden."""

import pytest

from test_office_integrity import client, token  # noqa: F401 — client
from test_redaction_r47 import planted_leaks

TEXT = ("某厂夜间排放黑烟。举报电话：0731-85123467、13907315528（刘）\n"
        "举报电话：0731-84561288；邮箱：whq1978@163.com（王华清）\n"
        "县环保局举报电话：0731-84561277，村民周桂兰反映的问题已查实。")
SECRETS = ("85123467", "13907315528", "84561288", "whq1978", "王华清", "周桂兰")
KEPT = ("某厂夜间排放黑烟", "县环保局举报电话：0731-84561277", "反映的问题已查实")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_list_a_person_closes_stays_hidden_and_a_bodys_line_before_another_clause_is_read(client):
    bid, leaks, read = planted_leaks(client, TEXT, "某厂夜间排放黑烟。", "排放黑烟问题督办", "黑烟", SECRETS)
    assert read >= 4 and not leaks, leaks
    shown = client.get(f"/api/v1/briefings/{bid}", headers=token(client, "vi")).json()["text"]
    assert all(w in shown for w in KEPT), shown  # the bureau's line and the words around stay
