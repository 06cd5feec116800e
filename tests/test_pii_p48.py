"""Names inside narrative prose (helper p48, session 48; probe49): the subject of 承认 and of 等人 (胡代国承认了…,
马士新等人明知…, jieba reading 马士 / 新 apart), the object of 对…进行 (执法人员对欧永辉进行了询问), a villager after
乡亲 (乡亲乔芳雄有…), a name after a narrative's date (2016年2月，马士新通过…), kin next to it (胡代国父子, 侄子马桂林),
a Kazakh or Uyghur name without a dot after a person's word (村民叶斯哈提在…), the items of a list next to a name jieba
found (胡代国、童安平在…; 市领导王新会、李征 stay officials), a name a firm's word follows seven characters or more
after (…马大琳实际协助管理英力公司; 刘大琳环保科技有限公司 stays a firm's); a photo's credit with a space (王玮 摄)
stays; a middle-dot name's span without the post or title before it (村主任买买提·艾力 — the village head's name
stays, a post; 合作社理事长买买提·艾力 — a cooperative's head, hidden, without 理事长) and without the word after it
(…·喀吾孜家不远, …·朱马和牧业点, …·艾海提回忆, …·喀斯木每天); and a private person's account written after a charity's
word with his name between (捐款：张三账号6222…), hidden though 捐款 stands before it."""

import pytest

from petitionnlp.pii import find_pii


def _found(text: str, kind: str = "姓名") -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == kind]


@pytest.mark.parametrize("text, names", [
    ("胡代国承认了在河道内偷采鹅卵石的事实。", ["胡代国"]),
    ("经查，该厂实际经营者胡代国承认夜间生产。", ["胡代国"]),
    ("马士新等人明知危险废物会污染环境，仍露天堆放。", ["马士新"]),
    ("执法人员对欧永辉进行了询问并制作调查笔录。", ["欧永辉"]),
    ("乡亲乔芳雄有三亩多的早稻田被污染。", ["乔芳雄"]),
    ("村民叶斯哈提在院子里喂羊。", ["叶斯哈提"]),
    ("胡代国、童安平在水库边守鱼。", ["胡代国", "童安平"]),  # an item before a name jieba found after 、
    ("刘建国之子刘大琳实际协助管理英力公司。", ["刘建国", "刘大琳"]),  # a firm's word far after the name: another subject  # a Kazakh name jieba reads as a person's, no surname's shape
    ("2016年2月，马士新通过股权转让方式取得了公司全部股份。", ["马士新"]),  # a narrative's date before the name
    ("马士新侄子马桂林亦于该期间内协助管理。", ["马桂林"]),  # a kin word before it
    ("胡代国父子、市民代表三人随同前往。", ["胡代国"]),  # kin after it
    ("合作社理事长买买提·艾力每天起得很早。", ["买买提·艾力"]),
    ("“烤肉王”麦麦提·喀吾孜家不远，几分钟就到了。", ["麦麦提·喀吾孜"]),
    ("作为第一批搬迁户，木尔扎·朱马和牧业点其他4户牧民一起搬迁下山。", ["木尔扎·朱马"]),
    ("村民阿不力米提·艾海提回忆，过去山上住着木石结构房屋。", ["阿不力米提·艾海提"]),
    ("良种繁育场居民纳麦提江·喀斯木每天起得很早。", ["纳麦提江·喀斯木"]),
    ("74岁的扎依尔·玉素甫指着棚圈里的几头奶牛说。", ["扎依尔·玉素甫"]),
    ("巴特尔·孟和和妻子一起放牧。", ["巴特尔·孟和"]),  # (和 ends a Mongolian name's last part: 孟和)
])
def test_a_name_in_a_narrative_is_found_alone(text, names):
    assert _found(text) == names


@pytest.mark.parametrize("text", [
    "村民阿姨说，河水变清了。", "市领导王新会、李征在水库边调研。", "楚雄、文山各8件居第三位。",
    "刘大琳环保科技有限公司未批先建。", "图为整治后的河道。张驰 王玮 摄", "图为整治后的河道。（王玮 摄）",  # a photo's credit
    "村主任买买提·艾力介绍了情况。",  # a village head: a post (probe47's decisions), and 主任 no part of a name
    "阔斯特克乡党政办副主任哈那提·郭来向我们介绍道。",
    "塔木村党支部书记努尔麦麦提·玉买尔有自己的考虑。",
    "局长王建国承认工作中存在失误。", "5月12日，局长王建国带队检查。", "2015年7月1日，习近平总书记主持召开会议。", "对此，县环保局进行了调查。", "该厂负责人承认夜间生产。",
    "“咸宁交友·物流人间”群主发出倡议。", "文化·旅游板块每天更新。",
])
def test_officials_posts_and_words_stay(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, account", [
    ("捐款：张三账号6222021001067890123", "6222021001067890123"),
    ("爱心捐款请汇至王春华账户6217001234567890123", "6217001234567890123"),
    ("捐款账户：王春华 6217001234567890123", "6217001234567890123"),
])
def test_an_account_with_a_persons_name_after_a_charitys_word_is_hidden(text, account):
    assert _found(text, "账号") == [account]


@pytest.mark.parametrize("text", [
    "爱心捐款账号：6222021234567890123，开户行：中国工商银行。", "红十字会捐款专用银行账号：6222021234567890123",
    "县慈善总会募捐专用账户：6222021234567890123",
])
def test_a_charitys_account_stays_visible(text):
    assert _found(text, "账号") == []
