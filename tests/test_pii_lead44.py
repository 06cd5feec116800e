"""A name repeated through a long text costs its mentions, not their square (review44): whether a name is an
official's somewhere in the text is asked once a distinct name, and a name's possession cue does not scan every
word of the text again.  Counted, not timed: the work is the number of times each step runs."""

from petitionnlp.pii import find_pii
from petitionnlp.pii.rules import NameRules


def test_whether_a_name_is_an_officials_elsewhere_is_asked_once_a_distinct_name(monkeypatch):
    asked = []
    real = NameRules._official_elsewhere

    def counting(self, folded, name, exact):
        asked.append(name)
        return real(self, folded, name, exact)

    monkeypatch.setattr(NameRules, "_official_elsewhere", counting)
    spans = find_pii("王二麻子开的养猪场往河里排粪水，" * 200 + "王李氏" * 200)
    names = {s["text"] for s in spans if s["type"] == "姓名"}
    assert "王二麻子" in names and len(spans) >= 400  # every mention hidden
    assert len(asked) == len(set(asked)) <= 4, len(asked)  # was one question a mention: 400 of them


def test_a_repeated_name_is_hidden_at_every_mention_and_nothing_more():
    text = "村民反映王二麻子开的养猪场天天往河里排粪污，" * 50
    spans = [s for s in find_pii(text) if s["type"] == "姓名"]
    assert [s["text"] for s in spans] == ["王二麻子"] * 50
