"""Helper p52 (session 52): every number of a line a person holds stays hidden — the person named after a list of
numbers (举报电话：0731-…、0731-…（王建国）showed the first), after it further on in its sentence or on a form's next line
(…，联系人：王建国; …\\n联系人：王建国), by a form of address or a masked name (…，王先生。, （王某）), and a second number
after a space (13812345678 13912345678 was never read).  Every test but the guards fails at 1ee3007."""

import pytest

from petitionnlp.pii import find_pii


def _phones(text: str) -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == "电话"]


@pytest.mark.parametrize("text", [
    # the holder named in a bracket after the list, or after a space
    "举报电话：0731-84561234、0731-84561235（王建国）",
    "值班电话：0731-84561234、0731-84561235、0731-84561236（王建国）",
    "举报电话：0731-84561234/0731-84561235（王建国）",
    "举报电话：0731-84561234或0731-84561235（王建国）",
    "值班电话：0731-84561234；0731-84561235（王建国）",
    "举报电话：0731-84561234、0731-84561235 王建国",
    # named further on in the sentence, by a person's word or none
    "举报电话：0731-84561234、0731-84561235，举报人王建国。",
    "举报电话：0731-84561234、0731-84561235，请找王建国。",
    "举报电话：0731-84561234、0731-84561235，王建国。",
    "服务热线：0731-84561234、0731-84561235（李明）",
    # a form's next line names the contact
    "举报电话：0731-84561234\n联系人：王建国",
    "举报电话：0731-84561234、0731-84561235\n联系人：王建国",
    # a form of address or a masked name after it
    "举报电话：0731-84561234，王先生。",
    "监督电话：0731-84561234、0731-84561235，张女士。",
    "举报电话：0731-84561234、0731-84561235，王师傅。",
    "举报电话：0731-84561234、0731-84561235（王某）",
    "举报电话：0731-84561234、0731-84561235（王某某）",
])
def test_every_number_of_a_line_a_person_holds_stays_hidden(text):
    numbers = [n for n in ("0731-84561234", "0731-84561235", "0731-84561236") if n in text]
    assert sorted(_phones(text)) == sorted(numbers)


@pytest.mark.parametrize("text, numbers", [
    ("联系电话：13812345678 13912345678", ["13812345678", "13912345678"]),
    ("电话：0731-84561234 0731-84561235", ["0731-84561234", "0731-84561235"]),
    ("电话：0731-84561234 13912345678", ["0731-84561234", "13912345678"]),
    ("监督电话：0731-84561234 0731-84561235 王建国", ["0731-84561234", "0731-84561235"]),
])
def test_a_second_number_after_a_space_is_read(text, numbers):
    assert _phones(text) == numbers


@pytest.mark.parametrize("text, numbers", [
    # guard: a number written in groups is one number
    ("电话：138 1234 5678", ["138 1234 5678"]),
    ("电话：0746 8223 561", ["0746 8223 561"]),
])
def test_a_number_in_groups_stays_one(text, numbers):
    assert _phones(text) == numbers


@pytest.mark.parametrize("text", [
    # guard: a body's published lines stay, a body named in the bracket or none named, whatever follows
    "县生态环境局举报电话：0731-84561234、0731-84561235。",
    "举报电话：0731-84561234、0731-84561235（县生态环境局）",
    "县生态环境局公布举报电话：0731-84561234、0731-84561235，欢迎群众监督。",
    "举报电话：0731-84561234、0731-84561235，受理时间为工作日。",
    "举报电话：0731-84561234。\n\n王建国是该局的老职工。",
])
def test_a_bodys_list_of_lines_stays(text):
    assert _phones(text) == []


def test_a_bodys_line_stays_beside_a_persons_own_bracket():
    """(guard) The bureau's line keeps its own bracket: only the number the person's bracket follows is his."""
    assert _phones("热线电话：0731-84561234（县局）、0731-84561235（王建国）") == ["0731-84561235"]


# --- the lists of line words written once (lead's cleanup, session 52)

def test_the_line_words_are_written_once_and_read_by_every_line_pattern():
    """corpora/pii/patterns.jsonl held the words of a body's line, of a person and of a complaint four times over;
    now one ``shared`` row holds them and each pattern names the list (``@line_words``).  Four line patterns since
    helper p55 (session 55) added the second landline written short (0731-84561234 84561235)."""
    from pathlib import Path

    from petitionnlp.pii.rules import PatternRules

    folder = Path(__file__).resolve().parent.parent / "corpora/pii"
    raw = (folder / "patterns.jsonl").read_text(encoding="utf-8")
    for word in ("举报热线", "希望有关部门", "手机同号", "红十字", "开户名"):
        assert raw.count(f'"{word}"') == 1, word
    lines = [p for p in PatternRules.from_dir(folder).patterns if p["label"] == "电话" and p.get("public")]
    assert len(lines) == 4 and all("举报电话" in p["public"] and "联系人" in p["private_tail"]
                                   and "先生" in p["private_tail"] and "扰民" in p["private_after"] for p in lines)


def test_a_list_named_but_not_shared_is_a_one_line_error(tmp_path):
    import shutil
    from pathlib import Path

    from petitionnlp.errors import ModelError
    from petitionnlp.pii.rules import PatternRules

    shutil.copytree(Path(__file__).resolve().parent.parent / "corpora/pii", tmp_path / "pii")
    path = tmp_path / "pii/patterns.jsonl"
    path.write_text(path.read_text(encoding="utf-8").replace('"@complaints"', '"@complaint"', 1), encoding="utf-8")
    with pytest.raises(ModelError) as err:
        PatternRules.from_dir(tmp_path / "pii")
    assert "patterns.jsonl 第" in str(err.value) and "complaint" in str(err.value) and "\n" not in str(err.value)


# --- kinds of probe53 (corpora/pii/probe53_source.txt), each failing at ab3b426

def _names(text: str) -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == "姓名"]


@pytest.mark.parametrize("text, names", [
    # a party's role in brackets between his word and the colon, as judgments write it
    ("上诉人(原审原告):杨方,男,1973年6月20日出生,汉族,住大连市高新区。", ["杨方"]),
    ("上诉人(原审原告):孙立新。", ["孙立新"]),
    ("被上诉人（一审被告）：王芳芳，女，汉族。", ["王芳芳"]),
    # the one a penalty notice names as involved in the case
    ("由于涉案人韩素红态度较好，有悔改表现。", ["韩素红"]),
    ("被处罚人李秀英已缴纳罚款。", ["李秀英"]),
])
def test_a_party_of_a_judgment_or_a_penalty_is_hidden(text, names):
    assert _names(text) == names


@pytest.mark.parametrize("text", [
    "本网讯(甘玲 黄成江)2020年6月1日，某局接到投诉电话反映砖厂噪声扰民。",
    "本报讯（张晨阳 李红梅）昨日，某局接到群众投诉。",
])
def test_the_names_of_a_news_items_byline_bracket_stay(text):
    """A byline's names, a space between, in the bracket after 本网讯 / 本报讯: printed for the public."""
    assert _names(text) == []


def test_a_firms_seat_in_a_judgment_is_no_home():
    """，住所地：…596号…602号 is a firm's seat (a person is written ，住…), not a home's door."""
    text = "被上诉人(原审被告):大连某舞蹈俱乐部,住所地:大连市甘井子区黄浦路596号阳光数码大厦602号。"
    assert [s for s in find_pii(text) if s["type"] == "住址"] == []


def test_a_persons_home_after_zhu_stays_hidden():
    """(guard) A person's ，住… and a 住所： of a person stay homes."""
    assert [s["text"] for s in find_pii("上诉人:杨方,男,汉族,住大连市高新区某小区5栋302室。") if s["type"] == "住址"] == ["5栋302室"]
    assert [s["text"] for s in find_pii("当事人：张三，住所：某小区5栋302室。") if s["type"] == "住址"] == ["5栋302室"]


@pytest.mark.parametrize("text, names", [
    # guard: a firm after the bracketed role, villagers in a bracket after their word
    ("上诉人(原审原告):大连某某有限公司。", []),
    ("村民（王建国 李四）反映", ["王建国", "李四"]),
])
def test_a_bracket_after_a_word_reads_no_firm_and_keeps_villagers(text, names):
    assert _names(text) == names


@pytest.mark.parametrize("text, names", [
    # a household farm named by its keeper without 养 (probe53's 張某某鴨場 kind)
    ("经查，张建国鸭场污水外溢。", ["张建国"]),
    ("經查,該處有3家養鴨場,王建國鴨場污水池破損。", ["王建國"]),
    # guard: a family's, a place's or a firm's name before it stays
    ("经查，张家鸭场污水外溢。", []),
    ("村里的金山鸡场臭味大。", []),
    ("县红星猪场污水外溢。", []),
])
def test_a_farm_named_by_its_keeper_without_yang(text, names):
    assert _names(text) == names


@pytest.mark.parametrize("text, names", [
    # the one suspected of a breach, as a penalty notice names him
    ("对韩素云涉嫌露天焚烧秸秆的行政处罚", ["韩素云"]),
    ("经查，王建国涉嫌非法排污。", ["王建国"]),
    # guard: a firm, a place or a firm's short name before it stays
    ("经查，该厂涉嫌非法排污。", []),
    ("经查，红星涉嫌非法排污。", []),
    ("长沙涉嫌非法排污的企业已被立案。", []),
])
def test_the_one_suspected_of_a_breach_is_hidden(text, names):
    assert _names(text) == names


@pytest.mark.parametrize("text, mails", [
    # a report mailbox list a person addressed after it holds, as the phone lines above
    ("举报邮箱：wjg@163.com、wjg2@163.com，王先生。", ["wjg@163.com", "wjg2@163.com"]),
    # guard: a body's mailbox stays
    ("县生态环境局举报邮箱：hbj@163.com，欢迎监督。", []),
    ("请发送至举报电子邮箱：hbj@tj.gov.cn，我局将及时处理。", []),
])
def test_a_mailbox_a_person_addressed_after_it_holds_stays_hidden(text, mails):
    assert [s["text"] for s in find_pii(text) if s["type"] == "邮箱"] == mails
