"""Review r48 (session 48): a donation appeal's account whose holder is named after it (…，户名：张三) or masked before
it (捐款：王某某账号…), the last of four names in a list (欧永辉、乔芳雄、马桂林、胡代国在…) and the rest of a Uyghur
name after its head (买买提·阿不都拉倾倒渣土: 【姓名】不都拉 was read) — through the server as a viewer and as another
unit's handler (the API and the pages, search hits and snippets): none of them shows."""

import pytest

from test_office_integrity import client, token  # noqa: F401 — client
from test_redaction_r47 import planted_leaks

HELD, MASKED = "6222021001067890123", "6217001234567890123"
TEXT = (f"为患儿筹款，爱心捐款账号：{HELD}，户名：张三。另一笔捐款：王某某账号{MASKED}。"
        "欧永辉、乔芳雄、马桂林、胡代国在水库边守鱼。司机买买提·阿不都拉倾倒渣土。")
SECRETS = (HELD, MASKED, "胡代国", "不都拉")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_holders_account_a_lists_last_name_and_a_names_rest_stay_hidden(client):
    bid, leaks, read = planted_leaks(client, TEXT, "衡阳市雁峰区某水库周边倾倒渣土。", "倾倒渣土问题督办", "渣土", SECRETS)
    assert read >= 4 and not leaks, leaks
    shown = client.get(f"/api/v1/briefings/{bid}", headers=token(client, "vi")).json()["text"]
    assert "户名：【姓名】" in shown and "司机【姓名】倾倒渣土" in shown
