"""Review r47 (session 47) of p47's ``public`` account rule (``corpora/pii/patterns.jsonl``): a charity's account,
published for anyone to pay into, stays visible (爱心捐款账号：…); a person's own account written next to 捐款, 慈善,
善款 … is still a person's — the complainant's (举报人…向某慈善基金会捐款的本人账号…), a donor's (捐款人的银行卡号…), an
official's who diverted the money (善款转入其个人账户…).  Through the detector, and through the server as a viewer and
another unit read a case and a briefing that carry them (the API and the pages, search hits and snippets)."""

import pytest

from test_office_integrity import HEAD, client, login, table, token, upload  # noqa: F401 — client
from test_redaction_crawl import _leaks_to_readers

from petitionnlp.pii import find_pii

OWN, DONOR, DIVERTED, WECHAT = "6222020200112233445", "6217000010001234567", "6228480012345678901", "zhangsan_88"
CHARITY = "6222021234567890123"
TEXT = (f"举报人称其向县慈善基金会捐款的本人账号{OWN}被冻结，捐款人的银行卡号{DONOR}也被冻结；"
        f"县慈善总会工作人员私自将善款转入其个人账户{DIVERTED}；向红十字会捐款后我的微信号{WECHAT}被封。"
        f"（爱心捐款账号：{CHARITY}）")
SECRETS = (OWN, DONOR, DIVERTED, WECHAT)


def _accounts(text: str) -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == "账号"]


@pytest.mark.parametrize("text, account", [
    (f"举报人张三称其向某慈善基金会捐款的本人账号{OWN}被冻结。", OWN),
    (f"举报人张三称其向某慈善基金会捐款所用个人账户{OWN}被冻结。", OWN),
    (f"捐款人王五的银行卡号{DONOR}", DONOR),
    (f"捐赠者账号{DONOR}", DONOR),
    (f"慈善总会工作人员私自将善款转入其个人账户{DIVERTED}", DIVERTED),
    (f"请退还捐款至本人账户{OWN}", OWN),
    (f"向红十字会捐款后我的微信号{WECHAT}被封", WECHAT),
    # the money moved into a named person's account: a transfer's verb between the charity's word and the account
    (f"慈善总会会长将善款转入李四账户{DIVERTED}", DIVERTED),
    (f"善款被打入王建国的银行卡{DIVERTED}", DIVERTED),
    (f"村支书把捐款存入张某账户{DIVERTED}", DIVERTED),
    # those a charity pays, listed or named between its word and the account
    (f"慈善基金会捐款名单：张三 账号{DONOR}", DONOR),
    (f"慈善救助对象王建国账号{DONOR}", DONOR),
    (f"慈善基金会向困难户王建国卡号{DONOR}发放救助金", DONOR),
])
def test_a_persons_account_next_to_a_charitys_words_is_hidden(text, account):
    assert _accounts(text) == [account]


@pytest.mark.parametrize("text", [
    f"爱心捐款账号：{CHARITY}，开户行：中国工商银行。", f"县红十字会募捐账号{CHARITY}", f"基金会对公账户{CHARITY}",
    f"举报人称其向县慈善总会捐款，慈善总会账户{CHARITY}",  # (捐款人… before, the charity's own word last)
    f"请将捐款汇入县慈善总会账户{CHARITY}",  # (汇入 before the charity's word: it is the charity's)
    f"红十字会捐款专用银行账号：{CHARITY}", f"县慈善总会募捐专用账户：{CHARITY}",
    f"县红十字会的爱心捐助账户：{CHARITY}",  # (捐助, as 捐款 and 捐赠: the word that names the account)
])
def test_a_charitys_published_account_stays_visible(text):
    assert _accounts(text) == []


def planted_leaks(client, text: str, lead: str, title: str, word: str, secrets) -> tuple[int, list, int]:
    """A case (``lead`` + ``text``) and a briefing (``title``, ``text``) stored by the editor, then read by a viewer
    and another unit's handler (the briefing's API and page, the cases, search for ``word``): (the briefing's id,
    the secrets read as written, how many reads answered)."""
    ed = token(client, "ed")
    upload(client, ed, table(rows=[["C-01", "衡阳市雁峰区", "", lead + text]], head=HEAD))
    csrf = login(client, "ed")
    r = client.post("/briefings", data={"csrf_token": csrf, "title": title, "text": text}, follow_redirects=False)
    assert r.status_code == 303, r.text
    bid = int(r.headers["location"].rstrip("/").split("/")[-1])
    client.cookies.clear()
    urls = [("api", f"/api/v1/briefings/{bid}"), ("page", f"/briefings/{bid}"), ("api", "/api/v1/petitions"),
            ("api", f"/api/v1/search?q={word}&limit=50"), ("page", f"/search?q={word}"), ("page", "/petitions")]
    return (bid, *_leaks_to_readers(client, urls, secrets))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_accounts_stay_hidden_from_a_viewer_and_another_unit_in_a_case_and_a_briefing(client):
    bid, leaks, read = planted_leaks(client, TEXT, "衡阳市雁峰区某慈善基金会挪用善款。", "县慈善总会善款问题督办", "慈善",
                                     SECRETS)
    assert read >= 4 and not leaks, leaks
    shown = client.get(f"/api/v1/briefings/{bid}", headers=token(client, "vi")).json()["text"]
    assert CHARITY in shown  # the charity's published account: no one's personal information
