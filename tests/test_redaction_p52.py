"""p52's kind through the server (session 52): every number of a line a person holds — the person named after the
list (举报电话：0731-84561234、0731-84561235（王建国）), or on a form's next line — and a second number after a space.
At 1ee3007 a viewer and another unit's handler read 0731-84561234, 0731-84561236 and 13912345678 in a case's text
and a briefing's (the API, the pages, the search hits and snippets): none of them shows now, and the words around
them stay."""

import pytest

from test_office_integrity import client, token  # noqa: F401 — client
from test_redaction_r47 import planted_leaks

TEXT = ("某厂夜间排放黑烟。举报电话：0731-84561234、0731-84561235（王建国）\n值班电话：0731-84561236\n"
        "联系人：李明华\n联系电话：13812345678 13912345678")
SECRETS = ("84561234", "84561236", "13912345678")
KEPT = ("某厂夜间排放黑烟", "举报电话", "值班电话")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_every_number_of_a_persons_line_stays_hidden_from_a_viewer_and_another_unit(client):
    bid, leaks, read = planted_leaks(client, TEXT, "某厂夜间排放黑烟。", "排放黑烟问题督办", "黑烟", SECRETS)
    assert read >= 4 and not leaks, leaks
    shown = client.get(f"/api/v1/briefings/{bid}", headers=token(client, "vi")).json()["text"]
    assert all(w in shown for w in KEPT), shown  # the words around stay
