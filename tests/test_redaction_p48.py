"""Names inside a narrative and a person's account after a charity's word (helper p48, session 48): a case's text and
a briefing's carry a villager who admits a violation (胡代国承认了…), a firm's owner heading a group (马士新等人明知…),
a cooperative's head with a middle-dot name (合作社理事长买买提·艾力每天…) and a donation account with its holder's name
(捐款：张三账号…).  Through the server as a viewer and as another unit's handler (the API and the pages, search hits
and snippets): none of them shows; the post before the dotted name shows, the name after it hidden alone."""

import pytest

from test_office_integrity import client, token  # noqa: F401 — client
from test_redaction_r47 import planted_leaks

ACCOUNT = "6222021001067890123"
TEXT = ("经查，胡代国承认了在河道内偷采鹅卵石的事实。马士新等人明知危险废物会污染环境，仍露天堆放。"
        f"合作社理事长买买提·艾力每天起得很早。捐款：张三账号{ACCOUNT}。")
SECRETS = ("胡代国", "马士新", "买买提", ACCOUNT)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_narrative_names_and_a_named_account_stay_hidden_from_a_viewer_and_another_unit(client):
    bid, leaks, read = planted_leaks(client, TEXT, "衡阳市雁峰区某河道非法采砂。", "非法采砂问题督办", "采砂", SECRETS)
    assert read >= 4 and not leaks, leaks
    shown = client.get(f"/api/v1/briefings/{bid}", headers=token(client, "vi")).json()["text"]
    assert "合作社理事长【姓名】每天起得很早" in shown and "张三" not in shown  # the post stays, the name alone hidden
