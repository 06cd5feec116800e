"""Review r52 (session 52) of phone lines' ownership: a body's published line stays, a person's own number never.
At 069ac8e these showed: a person named earlier in the line word's sentence (王建国，举报电话：…, 我叫王建国，…), a surname
alone where the holder is named (举报电话：0731-…（李）), the short numbers of a list a person holds (…、84561235，王建国),
a form's fields on one line (举报人：王建国；举报电话：…) and a number on the line after another (联系电话：138…\\n139…).
Every test but the guards (marked "guard") fails at 069ac8e."""

import pytest

from petitionnlp.pii import find_pii, redact_text


def _phones(text: str) -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == "电话"]


@pytest.mark.parametrize("text, numbers", [
    # a person named earlier in the sentence, a comma between, no body's word nearer to the line
    ("王建国，举报电话：0731-84561234、0731-84561235", ["0731-84561234", "0731-84561235"]),
    ("王建国，举报电话：0731-84561234", ["0731-84561234"]),
    ("张三丰，专线电话：0731-84561234", ["0731-84561234"]),
    ("我叫王建国，家住某小区，举报电话：0731-84561234", ["0731-84561234"]),
    ("王建国（村民），举报电话：0731-84561234", ["0731-84561234"]),
    # in the first person, named or not (我叫, 我姓)
    ("我叫王建国，举报电话：0731-84561234", ["0731-84561234"]),
    ("我姓王，举报电话：0731-84561234", ["0731-84561234"]),
    # traditional characters and full-width digits
    ("王建國，舉報電話：０７３１－８４５６１２３４", ["０７３１－８４５６１２３４"]),
    ("我叫王建國，舉報電話：０７３１－８４５６１２３４、８４５６１２３５", ["０７３１－８４５６１２３４", "８４５６１２３５"]),
])
def test_a_person_named_before_the_line_word_holds_the_line(text, numbers):
    assert _phones(text) == numbers


@pytest.mark.parametrize("text, number", [
    ("举报电话：0731-84561234 (李)", "0731-84561234"),
    ("值班电话：0731-84561234（刘）", "0731-84561234"),
    ("舉報電話：０７３１－８４５６１２３４（王）", "０７３１－８４５６１２３４"),
    ("举报电话：0731-84561234（欧阳）", "0731-84561234"),
    ("举报电话：0731-84561234 李", "0731-84561234"),
])
def test_a_surname_alone_where_the_holder_is_named_holds_the_line(text, number):
    assert _phones(text) == [number]


@pytest.mark.parametrize("text, numbers", [
    ("举报电话：0731—84561234、84561235，王建国", ["0731—84561234", "84561235"]),
    ("举报电话：0731-84561234、84561235（王建国）", ["0731-84561234", "84561235"]),
    ("举报电话：0731-84561234、84561235、84561236（老王）", ["0731-84561234", "84561235", "84561236"]),
    ("姓名：王建国\n举报电话：0731-84561234、84561235", ["0731-84561234", "84561235"]),
    # not a body's line at all: the list's short second number is a phone too
    ("联系电话：0731-84561234、84561235", ["0731-84561234", "84561235"]),
])
def test_every_number_of_a_list_a_person_holds_is_hidden(text, numbers):
    assert _phones(text) == numbers


@pytest.mark.parametrize("text, numbers", [
    ("举报人：王建国；举报电话：0731-84561234", ["0731-84561234"]),
    ("姓名：王建国；举报电话：0731-84561234", ["0731-84561234"]),
    ("联系人：王建国；举报电话：0731-84561234", ["0731-84561234"]),
])
def test_a_forms_fields_on_one_line_after_a_semicolon(text, numbers):
    assert _phones(text) == numbers


@pytest.mark.parametrize("text, numbers", [
    ("联系电话：13812345678\n13912345678", ["13812345678", "13912345678"]),
    ("举报人：王建国\n电话：0731-84561234\n0731-84561235", ["0731-84561234", "0731-84561235"]),
    ("电话：0731-84561234\n84561235", ["0731-84561234", "84561235"]),
    ("举报人王建国\n值班电话 0731 8456 1234\n84561235", ["0731 8456 1234", "84561235"]),
])
def test_a_number_on_the_line_after_another(text, numbers):
    assert _phones(text) == numbers


@pytest.mark.parametrize("text", [
    "县环保局，举报电话：0731-84561234",
    "县环保局举报电话：0731-84561234，值班电话：0731-84561235",
    "王建国，县环保局举报电话：0731-84561234",
    "县环保局举报电话：0731-84561234、84561235，欢迎监督。",
    "县生态环境局值班电话：0731-84561234、84561235、84561236",
    "县生态环境局举报电话：0731-84561234（白天）、84561235（夜间）",
    "市生态环境局值班电话：0731-84561234，县环保局举报电话：0731-84561235、84561236。",
    "地址：某路1号；举报电话：0731-84561234",
    "督察组值班电话：0731-84561234，举报邮箱：dcz@hn.gov.cn。",
    # a body's list one number a line
    "县环保局举报电话：0731-84561234\n0731-84561235",
    "县环保局举报电话：0731-84561234\n84561235",
])
def test_guard_a_bodys_published_lines_stay(text):
    shown, spans = redact_text(text)
    assert not [s for s in spans if s["type"] in ("电话", "邮箱")], spans
    assert "0731-84561234" in shown
