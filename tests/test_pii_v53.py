"""Review v53 of p53's bound lines (5496db0, 7ab094e): a clause after a body's line that names its contact with a
request or a complaint is the writer's, not a thing of its own.  The leak cases fail at 6a74a79 (hidden at 11448b9);
the guards pass at both."""

import pytest

from petitionnlp.pii import redact_text


@pytest.mark.parametrize("text", [
    # a contact named with his request after a body's line holds it
    "区环保分局举报电话：0735-2261784，联系人曾国良请尽快处理。",
    "区环保分局举报电话：0735-2261784，本人曾国良反映，厂里天天排烟。",
    "市城管局监督电话：0735-2261784，投诉人邓秋菊要求尽快处理。",
    # a line said to be a person's home line without 的 is his (owned_line held 家中的 and 家的座机, not 家中座机:
    # hidden at 11448b9, shown at 6a74a79)
    "区环保分局举报电话：0735-2261784，实为村民曾国良家中座机。",
    "区环保分局举报电话：0735-2261784，其实是邓秋菊家中电话。",
])
def test_a_clause_after_a_bodys_line_that_gives_it_to_a_person_holds_it(text):
    shown, spans = redact_text(text)
    assert "0735-2261784" not in shown, spans


@pytest.mark.parametrize("text", [
    "区环保分局监督电话：0735-2261784，当事人曾国良已被立案调查。",
    "区环保分局举报电话：0735-2261784，居民邓秋菊反映的噪声已停止。",
])
def test_guard_a_clause_of_its_own_leaves_the_bodys_line(text):
    assert "0735-2261784" in redact_text(text)[0]


# --- a text longer than the detector reads at once (c0cb421's pieces): a span across a piece's end, cut there in the
# first piece and whole in the next, was redacted twice and its rest shown (【账号】【账号】anguo_1980)

@pytest.mark.parametrize("secret, before, after, inside", [
    ("wangjianguo_1980", "微信号", "，夜里噪声很大。", 6),
    ("湘A12345D", "车牌", "的货车夜里运渣土。", 6),
    ("司马建国", "举报人", "反映，夜里噪声很大。", 3),
])
def test_a_span_across_a_pieces_end_is_hidden_whole(monkeypatch, secret, before, after, inside):
    from petitionnlp.pii import find_pii, get_pii_nlp

    limit = 3000
    monkeypatch.setattr(get_pii_nlp(), "max_length", limit)
    filler = "某厂夜间生产噪声扰民。" * 400
    text = filler[:limit - inside - len(before)] + before + secret + after + filler[:1200]
    assert text.index(secret) < limit < text.index(secret) + len(secret)
    shown, spans = redact_text(text)
    assert secret[-3:] not in shown and secret[:2] not in shown, shown[limit - 20:limit + 20]
    assert [s["text"] for s in find_pii(text) if s["start"] < limit < s["end"] + 5] == [secret]


@pytest.mark.parametrize("text", [
    "县环保局举报电话：0731-84561234，接电话的是王建国本人。",
    "县环保局举报电话：0731-84561234，王建国说这号码是他的。",
    "县环保局工作人员李红梅，举报电话：0731-84561234，她说这是她自己的手机号码。",
    "县环保局举报电话：0731-84561234，王建国的老婆接的。",
    "县环保局举报电话：0731-84561234，是王建国爱人的电话。",
])
def test_a_line_said_after_it_to_be_a_persons_own_is_his(text):
    # (v53's finding 4: hidden at 11448b9, shown after p53's bound lines; owned_line held no 本人, 他的, 自己的, 老婆 …)
    shown, spans = redact_text(text)
    assert "84561234" not in shown and "王建国" not in shown and "李红梅" not in shown, spans


@pytest.mark.parametrize("text", [
    "县环保局举报电话：0731-84561234，请群众积极举报。",
    "县环保局举报电话：0731-84561234，工作人员将及时受理。",
])
def test_guard_a_bodys_line_with_no_owner_after_it_stays(text):
    assert "0731-84561234" in redact_text(text)[0]
