"""Review r51 (session 51) of p51's personal-information change: the kinds of a complainant's own landline or mailbox
after a line word, a flat written with a building, and a private person named after a staff line's word, that it
showed.  Every test but the guards (marked "guard") fails at 7215ffe (the last five of the first at 52becdb)."""

import pytest

from petitionnlp.pii import find_pii


def _found(text: str, kind: str) -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == kind]


@pytest.mark.parametrize("text, kind, value", [
    # a form's fields one a line: the person's word on the line before
    ("举报人：王某某\n举报电话：0731-84561234\n举报内容：某厂夜间偷排废水。", "电话", "0731-84561234"),
    ("来信人：李某\n举报邮箱：wangjianguo1978@163.com\n内容：某厂偷排。", "邮箱", "wangjianguo1978@163.com"),
    # a petition's complaint or request in its sentence
    ("小区旁烧烤店油烟扰民，举报电话0731-84561234，请尽快处理。", "电话", "0731-84561234"),
    ("群众来电举报，某小区旁工地夜间施工噪声扰民，举报电话：84561234，希望有关部门尽快处理。", "电话", "84561234"),
    ("某化工厂偷排废水，举报电话0731-84561234，举报邮箱wangjianguo1978@163.com。", "邮箱",
     "wangjianguo1978@163.com"),
    ("群众来信，某养殖场粪污直排河道，举报邮箱：wangjianguo1978@163.com，请查处。", "邮箱", "wangjianguo1978@163.com"),
    # the caller named by his form of address, or in the first person
    ("张先生来电，举报电话：0731-84561234，楼下饭店油烟大。", "电话", "0731-84561234"),
    ("我是附近居民，举报电话0731-84561234，工地夜间施工。", "电话", "0731-84561234"),
    # a contact named after it in its sentence, or after a space right after it
    ("热线电话：0731-84561234，联系人王建国。", "电话", "0731-84561234"),
    ("监督电话：0731-84561234 王建国", "电话", "0731-84561234"),
    # a person's mailbox at a government's domain (a civil servant's own)
    ("举报人：张三，邮箱zhangsan1980@hn.gov.cn，反映某厂偷排。", "邮箱", "zhangsan1980@hn.gov.cn"),
    ("我是县环保局职工，我的邮箱是liwei@hyx.gov.cn，单位领导违规审批。", "邮箱", "liwei@hyx.gov.cn"),
    # the complaint in the sentence before: the petition's closing line
    ("某厂夜间偷排废水，严重污染河道。举报电话：0731-84561234", "电话", "0731-84561234"),
    ("某养殖场粪污直排河道。举报邮箱：wangjianguo1978@163.com", "邮箱", "wangjianguo1978@163.com"),
])
def test_a_callers_landline_or_mailbox_after_a_line_word_stays_hidden(text, kind, value):
    assert _found(text, kind) == [value]


@pytest.mark.parametrize("text", [
    "督察组进驻期间设立专门值班电话：0551—62651086，专门邮政信箱：合肥市A087号邮政信箱。",
    "也可以在工作日内拨打举报电话88629260，举报线索一经查证属实的，即给予举报人50元奖励。",
    "举报电话：0391-6961880，举报邮箱：jycjjzzz@163.com，现场接访地点：第二行政区5106室。",
])
def test_a_bodys_line_still_stays(text):
    """(guard) p51's published lines."""
    assert _found(text, "电话") == [] and _found(text, "邮箱") == []


@pytest.mark.parametrize("text, flats", [
    ("我家住在宏祥小区26号楼三单元402，楼下烧烤店油烟扰民。", ["26号楼三单元402"]),
    ("家住宏祥小区26号楼四单元，楼下烧烤店油烟扰民。", ["26号楼四单元"]),
    ("王女士住在宏祥小区26号楼东单元，楼下烧烤店油烟扰民。", ["26号楼东单元"]),
    ("王女士住在宏祥小区26号楼，她家在4楼，楼下烧烤店油烟扰民。", ["26号楼"]),
    ("我住在宏祥小区26号楼，房号402，楼下烧烤店油烟扰民。", ["26号楼"]),
])
def test_a_building_with_its_unit_or_floor_is_a_home(text, flats):
    """A unit in Chinese numerals (三单元) after a building, or a floor, a unit or a room named later in its sentence,
    makes the building a flat's."""
    assert _found(text, "住址") == flats


@pytest.mark.parametrize("text", [
    "李先生住在宏祥小区26号楼，除了26号楼外，还有几栋楼临街。",
    "王爷爷住在香格里拉小区三期17号楼，楼下是一条小道。",
])
def test_a_building_named_alone_still_stays(text):
    """(guard)"""
    assert _found(text, "住址") == []


@pytest.mark.parametrize("text, name", [
    ("该厂实习生王小明在排污时中毒。", "王小明"),
    ("我儿子是某电镀厂的实习生李浩然，在车间被熏伤。", "李浩然"),
    ("他发来一段视频王建国在河边倾倒垃圾。", "王建国"),
])
def test_a_name_glued_to_a_staff_lines_word_in_prose_is_hidden(text, name):
    """设计, 视频, 实习生 … are a post only in a byline: with a mark between or a byline's post before on the line."""
    assert _found(text, "姓名") == [name]


@pytest.mark.parametrize("text", [
    "（本报记者董宇虹  实习生施百田）", "本报讯（实习生 李文艺 记者 张光平 摄影报道）1月9日，村民们募集了善款。",
    "设计丨王小明", "制图：王小明", "文字 | 张建国",
])
def test_a_staff_line_still_stays(text):
    """(guard)"""
    assert _found(text, "姓名") == []


@pytest.mark.parametrize("text, number", [
    ("刘建国的举报电话：0731-84561234，请联系。", "0731-84561234"),
    ("王建国举报电话：0731-84561234", "0731-84561234"),
    ("举报电话：0731-84561234（手机同号）", "0731-84561234"),
    ("举报电话：0731-84561234，微信同号。", "0731-84561234"),
])
def test_a_line_a_person_owns_stays_hidden(text, number):
    """(lead, after r51) A name right before the line's word (刘建国的举报电话) makes the line his, and 手机同号 /
    微信同号 after a number says a person's own phone; a body's line (县生态环境局举报电话：…) stays, as above."""
    assert number in [s["text"] for s in find_pii(text) if s["type"] == "电话"]
