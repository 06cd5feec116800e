"""Review v53 of p53's bound lines (5496db0, 7ab094e): a clause after a body's line that names its contact with a
request or a complaint is the writer's, not a thing of its own.  The leak cases fail at 6a74a79 (hidden at 11448b9);
the guards pass at both."""

import pytest

from petitionnlp.pii import redact_text


@pytest.mark.parametrize("text", [
    "区环保分局举报电话：0735-2261784，联系人曾国良请尽快处理。",
    "区环保分局举报电话：0735-2261784，本人曾国良反映，厂里天天排烟。",
    "市城管局监督电话：0735-2261784，投诉人邓秋菊要求尽快处理。",
])
def test_a_contact_named_with_his_request_after_a_bodys_line_holds_it(text):
    shown, spans = redact_text(text)
    assert "0735-2261784" not in shown, spans


@pytest.mark.parametrize("text", [
    "区环保分局监督电话：0735-2261784，当事人曾国良已被立案调查。",
    "区环保分局举报电话：0735-2261784，居民邓秋菊反映的噪声已停止。",
])
def test_guard_a_clause_of_its_own_leaves_the_bodys_line(text):
    assert "0735-2261784" in redact_text(text)[0]
