"""Review r51's kinds through the server (session 51): a caller's landline after 举报电话 in a petition, a flat
written with its building and a unit in Chinese numerals, a private person after a staff line's word glued in prose.
At 7215ffe a viewer and another unit's handler read 0731-84561234, 26号楼三单元402 and 王小明 in a case's text and a
briefing's (the API, the pages, the search hits and snippets): none of them shows now, and the words around them
stay."""

import pytest

from test_office_integrity import client, token  # noqa: F401 — client
from test_redaction_r47 import planted_leaks

TEXT = ("小区旁烧烤店油烟扰民，举报电话0731-84561234，请尽快处理。我家住在宏祥小区26号楼三单元402，"
        "楼下就是烧烤店。该厂实习生王小明在排污时中毒。")
SECRETS = ("84561234", "三单元402", "王小明")
KEPT = ("烧烤店油烟扰民", "宏祥小区", "在排污时中毒")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_review_r51s_kinds_stay_hidden_from_a_viewer_and_another_unit(client):
    bid, leaks, read = planted_leaks(client, TEXT, "衡阳市雁峰区某烧烤店油烟扰民。", "烧烤店油烟问题督办", "烧烤店", SECRETS)
    assert read >= 4 and not leaks, leaks
    shown = client.get(f"/api/v1/briefings/{bid}", headers=token(client, "vi")).json()["text"]
    assert all(w in shown for w in KEPT), shown  # the words around stay
