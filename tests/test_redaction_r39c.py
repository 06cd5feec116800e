"""Review 39 #8 (p39c): a briefing's directive pieces are redacted for a viewer the same way on the briefing page
(views.briefing_view) and in the deadlines list (/deadlines, the API): both as each piece reads in the text."""

import datetime as dt

from petitionnlp.briefing import extract_briefing
from petitionnlp.office.briefings import deadlines
from petitionnlp.office.views import briefing_view

TEXT = ("督察简报（第7期）\n2024年5月20日\n举报人覃海燕反映化工厂偷排。"
        "要求雁峰区政府于2024年6月30日前向覃海燕反馈处理结果。\n")


class _Store:
    def __init__(self, b):
        self.b = b

    def briefings(self):
        return [self.b]

    def briefing_marks(self, ids):
        return {}


def test_deadlines_redact_a_directive_as_the_briefing_page_does():
    b = {"id": 1, "title": "督察简报（第7期）", "text": TEXT, "date": "2024-05-20",
         "extract": extract_briefing(TEXT, None)}
    assert "覃海燕" in b["extract"]["directives"][0]["action"]
    page = briefing_view(b, True)["extract"]["directives"]
    listed = [x for k in ("overdue", "this_week", "later") for x in
              deadlines(_Store(b), today=dt.date(2024, 6, 1), redact_=True)[k]]
    assert len(listed) == len(page) == 1
    assert "覃海燕" not in listed[0]["action"] and "覃海燕" not in page[0]["action"]
    for key in ("actor", "addressee", "action"):
        assert listed[0][key] == page[0][key]
    assert listed[0]["deadline"] == page[0]["deadline"]["text"]
