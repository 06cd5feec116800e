"""Helper p51 (session 51; probe52): bodies' published report and duty lines, a building named alone, a WeChat
article's staff lines, and private persons named as a clause's subject — the kinds, not probe52's records.  Every test
but the guards (marked "guard") fails at f0a0f86."""

import pytest

from petitionnlp.pii import find_pii


def _found(text: str, kind: str = "姓名") -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == kind]


# --- a body's published line stays (README, 个人信息: the policy for 举报电话 / 值班电话 in briefings)

@pytest.mark.parametrize("text", [
    "督察组进驻期间设立专门值班电话：0551—62651086，专门邮政信箱：合肥市A087号邮政信箱。",
    "受理举报电话：021-65622808，受理时间为每天8:00至20:00。",
    "投诉受理专线电话：0912-3854822；邮政专用地址：榆林市第A001号信箱。",
    "督察值班电话：021-22110125。",
    "也可以在工作日内拨打举报电话88629260，举报线索一经查证属实的，即给予举报人50元奖励。",
])
def test_a_bodys_published_line_stays(text):
    assert _found(text, "电话") == []


@pytest.mark.parametrize("text, mobiles", [
    ("我们的热线电话是：13566008520，欢迎读者提供线索。", ["13566008520"]),
    ("（一）举报电话：0999-3023815（县分局）；13999370909、18160358021（执法人员）", ["13999370909", "18160358021"]),
    ("小区旁烧烤店油烟扰民，举报电话13812345678，请尽快处理。", ["13812345678"]),
    ("某厂夜间偷排废水，严重污染河道。举报电话：13812345678", ["13812345678"]),
])
def test_a_mobile_after_a_line_word_stays_hidden(text, mobiles):
    """(review of p51) A mobile is a person's whatever line word stands before it: a petition's 举报电话138… is the
    caller's own (its complaint need not use a word of ``private_after``); a body's landline beside it stays."""
    assert _found(text, "电话") == mobiles


@pytest.mark.parametrize("text", [
    "举报电话：0391-6961880，举报邮箱：jycjjzzz@163.com，现场接访地点：第二行政区5106室。",
    "（三）电子邮箱举报：可将举报内容及佐证材料发送至2819932329@qq.com。",
    "对统计违纪违法行为问题的反映，请发送至举报电子邮箱：tjstjdcbgs@tj.gov.cn。",
    "意见也可发至区运管局办公室电子邮箱dlqygj@tj.gov.cn。",
])
def test_a_bodys_published_mailbox_stays(text):
    assert _found(text, "邮箱") == []


@pytest.mark.parametrize("text, kind, value", [
    ("举报人：王某某，举报电话：13812345678。", "电话", "13812345678"),
    ("举报电话：13812345678（举报人王某）", "电话", "13812345678"),
    ("如有好心人愿意帮助他，可拨打他的电话13963652819。", "电话", "13963652819"),
    ("监督电话：村委会副主任刘小华，电话13975821346。", "电话", "13975821346"),
    ("举报人电话：13812345678", "电话", "13812345678"),
    ("举报邮箱：xiao-yan.liu@hnu.edu.cn，反映学校旁餐馆油烟。", "邮箱", "xiao-yan.liu@hnu.edu.cn"),
    ("举报人邮箱：abc123@qq.com", "邮箱", "abc123@qq.com"),
])
def test_a_persons_number_stays_hidden(text, kind, value):
    """(guard) A person's word in the sentence, a complaint after it, or no body's line word: a person's own."""
    assert _found(text, kind) == [value]


# --- a building or a floor named alone is no home's address; a flat is

@pytest.mark.parametrize("text", [
    "李先生住在宏祥小区26号楼，除了26号楼外，还有几栋楼临街。",
    "王爷爷住在香格里拉小区三期17号楼，楼下是一条小道。",
    "她住在5楼，楼下饭店油烟扰民。",
])
def test_a_building_or_a_floor_named_alone_stays(text):
    assert _found(text, "住址") == []


@pytest.mark.parametrize("text, flat", [
    ("业主王女士家住华清嘉园12号楼4层，据她介绍，油烟扰民。", "12号楼4层"),
    ("家住幸福小区3栋201，反映楼下噪声。", "3栋201"),
    ("家住幸福里小区5号楼302室，反映楼下噪声。", "5号楼302室"),
])
def test_a_flat_stays_hidden(text, flat):
    """(guard)"""
    assert _found(text, "住址") == [flat]


# --- a WeChat article's staff lines are printed for the public

@pytest.mark.parametrize("text", ["设计丨王小明", "出品丨李华清", "文字丨张建国", "图文丨赵明华", "视频丨钱永刚",
                                  "制图：王小明", "文字 | 张建国"])
def test_a_staff_line_stays(text):
    assert _found(text) == []


def test_a_villager_next_to_a_staff_word_stays_hidden():
    """(guard)"""
    assert _found("村民王小明拍摄的视频显示，河水发黑。") == ["王小明"]


# --- a private person as a clause's subject, jieba's person then an adverb, a preposition or a verb

@pytest.mark.parametrize("text, names", [
    ("干了十年环保工作，赵亮决定当晚自己去看看。", ["赵亮"]),
    ("最近三四个月，李康几乎每天都能闻到异味。", ["李康"]),
    ("听说此事后，赵春梅便去了医院。", ["赵春梅"]),
    ("李桂珍来镇里领取补助。", ["李桂珍"]),
    ("潘建贤来报社领回了爱心人士捐赠的轮椅。", ["潘建贤"]),
])
def test_a_clauses_subject_is_a_name(text, names):
    assert _found(text) == names


@pytest.mark.parametrize("text, names", [
    ("举报人白雪称，白雪覆盖下仍有黑水流出。", ["白雪"]),
    ("对清单编制工作进行了讲解。黄成强调，要抓好中央环保督察反馈问题整改。", []),
    ("孙国胜指出，各单位要压实责任。", []),
])
def test_a_word_or_an_officials_speech_is_no_subject(text, names):
    """(guard) A word of jieba's dictionary (the snow), or what an official does in a briefing (subject_not_next.txt)."""
    assert _found(text) == names


# --- a surname jieba reads as a preposition (于 / 文兵), before a given name that is no word of its dictionary

@pytest.mark.parametrize("text, names", [
    ("记者来到了于文兵的家。", ["于文兵"]),
    ("志愿者们也准备帮助于文兵。", ["于文兵"]),
    ("于文兵身患重病无钱医治。", ["于文兵"]),
])
def test_a_surname_read_as_a_preposition_begins_a_name(text, names):
    assert _found(text) == names


@pytest.mark.parametrize("text", ["该厂于近日停产。", "位于县城东边的工厂排污。", "于是村民报警。", "会议于上午召开。",
                                  "该事件发生于凌晨三点。"])
def test_the_preposition_yu_before_a_word_is_no_name(text):
    """(guard)"""
    assert _found(text) == []


@pytest.mark.parametrize("text", [
    "本报讯（实习生 李文艺 记者 张光平 摄影报道）1月9日，村民们募集了善款。",
    "（本报记者董宇虹  实习生施百田）",
    "110指挥中心接警员贺柏军说，指挥中心指挥长曹琛随后与老人的女儿取得联系。",
    "隔壁冷库的压缩机吵得周围村民没法正常生活。",
])
def test_an_intern_in_a_byline_a_police_duty_post_and_a_cold_store_stay(text):
    assert _found(text) == []


def test_a_line_in_a_complaint_is_the_complainants():
    """(guard) 居民反映…，举报电话：138…: a complaint in the sentence makes the number the complainant's."""
    assert _found("某小区居民反映楼下饭店油烟扰民，举报电话：13812345678。", "电话") == ["13812345678"]


@pytest.mark.parametrize("text, phones", [
    ("值班电话：13812345678（张建国）", ["13812345678"]),
    # (the landline listed before it is his too: the lead's review in session 52 — p52's test_pii_p52.py)
    ("举报电话：0731-84523367、13812345678（张建国）", ["0731-84523367", "13812345678"]),
])
def test_a_line_given_to_a_named_person_is_his(text, phones):
    """(guard) A person named in the bracket right after a body's line, or after one listed with it, holds it, and
    so every number of the list without a bracket of its own."""
    assert _found(text, "电话") == phones and _found(text) == ["张建国"]


# --- a name jieba reads a piece of (韩臣 / 才), the same three characters split so at least twice in the text

@pytest.mark.parametrize("text, names", [
    ("韩臣才是个好学生，同学们都说韩臣才和家人不容易。", ["韩臣才", "韩臣才"]),
    ("像曾玺凡这么有爱心的大学生不多，曾玺凡所在的学院发起了捐款。", ["曾玺凡", "曾玺凡"]),
])
def test_a_name_split_alike_twice_is_one(text, names):
    assert _found(text) == names


@pytest.mark.parametrize("text", ["曾玺凡和家人正焦急地等着消息。", "排污许可制是核心制度，全面实施排污许可制。"])
def test_a_split_once_or_a_word_split_twice_is_none(text):
    """(guard) Once is no evidence; a word of the dictionary (许可) split twice is no name."""
    assert _found(text) == []


def test_a_subject_after_a_place_and_de_is_a_name():
    assert _found("2020年，江苏的丁瑛正经历着人生中的至暗时刻。") == ["丁瑛"]
