"""Helper p43's kinds (probe: corpora/pii/probe43_source.txt; the cases here are other texts of the same kinds): a
complainant who says what he is before his name, middle-dot names that end before a verb of saying or a function word,
a context word before a long first part, Yi names and a nationality in brackets, kin after 及其/其, a name in quotes,
a name before 称/说/表示 at a clause's start, forms of address (大姐, 大哥), a name that is a city's, a holder's name
after an account, a Hong Kong identity card, and words jieba takes for persons (林立, 许可)."""

import pytest

from petitionnlp.pii import find_pii
from tests.test_pii_r40b import names


@pytest.mark.parametrize("text,expected", [
    ("来电人系市书法家协会副主席龙海峰，反映广场边的烧烤摊油烟大。", ["龙海峰"]),
    ("投诉人为本小区业主委员会主任邹立平，称物业在楼下焚烧落叶。", ["邹立平"]),
    ("举报人是县摄影家协会会员欧阳晓峰，反映湿地里有人偷排污水。", ["欧阳晓峰"]),
    ("举报人系退休干部龚德明，称砖厂夜间生产。", ["龚德明"]),
])
def test_a_complainant_who_says_what_he_is_before_his_name_is_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "举报人系本村村民，反映河道采砂。",
    "投诉人是附近的居民，称工厂扰民。",
    "举报人系该公司员工，反映厂里偷排。",
])
def test_a_complainant_described_without_a_name_names_no_one(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("牧民乌力吉·巴图称，选煤厂的煤灰落满了草场。", ["乌力吉·巴图"]),
    ("巴特尔·孟和说，草场被挖了好几个大坑。", ["巴特尔·孟和"]),
    ("责令养殖户阿依古丽·吐尔逊于3日内清运粪污。", ["阿依古丽·吐尔逊"]),
    ("巴特尔·孟和和儿子一起到苏木反映。", ["巴特尔·孟和"]),
    ("巴特尔·孟和反映，草场上的矿坑没有回填。", ["巴特尔·孟和"]),
])
def test_a_middle_dot_name_ends_before_a_verb_of_saying_or_a_function_word(text, expected):
    assert names(text) == expected


def test_a_context_word_before_a_long_first_part_is_not_in_the_name():
    assert names("举报人阿不都热合曼·吐尔逊反映，轧花厂的粉尘很大。") == ["阿不都热合曼·吐尔逊"]


@pytest.mark.parametrize("text,expected", [
    ("阿西木呷反映，村后的选矿厂把尾矿倒在河沟里。", ["阿西木呷"]),
    ("沙马拉毅称，采石场放炮震裂了他家的墙。", ["沙马拉毅"]),
    ("格桑卓玛（藏族）到乡里反映，河边有人挖沙。", ["格桑卓玛"]),
])
def test_yi_names_and_a_name_before_a_nationality_are_hidden(text, expected):
    assert names(text) == expected


def test_kin_after_ji_qi_is_a_context_word():
    assert names("该鱼塘由周德明及其妻子蒋秀云承包，投放了大量鸡粪。") == ["周德明", "蒋秀云"]
    assert names("该厂由韦国良及其子韦海军经营。") == ["韦国良", "韦海军"]


@pytest.mark.parametrize("text,expected", [
    ("举报信落款为“罗建兴”，信中称石场放炮。", ["罗建兴"]),
    ("举报信署名为「韦德贵」，称石场放炮。", ["韦德贵"]),
    ("来电人自称“覃永生”，反映石场放炮。", ["覃永生"]),
])
def test_a_name_in_quotes_after_a_context_word_is_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("司马燕称，楼下的酒吧每晚吵到凌晨。", ["司马燕"]),
    ("走访时，彭桂花表示对整改结果满意。", ["彭桂花"]),
    ("已告知许可新，许可新表示满意。", ["许可新", "许可新"]),
])
def test_a_name_before_cheng_shuo_or_biaoshi_at_a_clauses_start_is_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "该厂称，设备正在检修。",
    "官方称，已责令停产。",
    "房东说，租户已经搬走了。",
    "同时表示，将加快整改进度。",
    "群众“李大姐”说，这个厂开了十几年了。",
    "张大哥反映，河里的鱼死了一大片。",
    "园区里烟囱林立，气味很大。",
    "该厂未经许可新建了一条生产线。",
    "到安仁县城办事的群众反映，县城边的砖厂冒黑烟。",
    "高明区的五金厂酸雾扰民。",
])
def test_words_places_and_forms_of_address_stay(text):
    assert names(text) == []


def test_a_name_that_is_a_citys_is_a_persons_after_a_complainants_word_and_where_it_speaks():
    assert names("已将处理结果告知反映人安仁，安仁表示认可。") == ["安仁", "安仁"]
    assert names("万宁家的鸭棚建在河边，鸭粪直接冲进河里。") == ["万宁"]


def test_the_holders_name_after_an_account_and_its_bank_is_hidden():
    assert names("退款请打到6217002860012345673（建行，蒙秀美）。") == ["蒙秀美"]


def test_a_hong_kong_identity_card_with_its_check_digit_is_an_id():
    found = [(s["type"], s["text"]) for s in find_pii("香港身份证号码A123456(3)，反映屋旁有人焚烧电缆。")]
    assert found == [("证件号", "A123456(3)")]
    assert [s for s in find_pii("编号A123456(4)的设备") if s["type"] == "证件号"] == []


def test_a_firms_legal_representative_is_a_context_word():
    assert names("经查，涉事企业法人代表陈志高已被立案调查。") == ["陈志高"]


def test_a_context_word_after_a_groups_word_is_no_name():
    assert names("村民申请人：覃爱民，反映鱼塘死鱼。") == ["覃爱民"]
    assert names("村民代表熊志勇反映，砂场夜间作业。") == ["熊志勇"]


@pytest.mark.parametrize("text,expected", [
    ("问责情况：给予副镇长刘建军、工作人员王小明诫勉谈话。", ["王小明"]),
    ("问责情况：给予刘志平党内警告处分，给予谢长春通报批评。", ["刘志平", "谢长春"]),
])
def test_a_name_before_the_discipline_an_accountability_sentence_gives_is_hidden(text, expected):
    assert names(text) == expected


def test_an_official_named_with_his_post_stays_in_an_accountability_sentence():
    assert names("问责情况：给予县长助理邓国平诫勉谈话。") == []
    assert names("副镇长谢长春分管环保。问责情况：给予谢长春通报批评。") == []


def test_a_name_given_in_full_after_a_form_of_address_is_hidden():
    assert names("来电人李先生（全名李建设）反映噪声扰民。") == ["李建设"]


@pytest.mark.parametrize("text,expected", [
    ("次仁旺堆和格桑卓玛两位牧民反映，河边有人挖沙。", ["次仁旺堆", "格桑卓玛"]),
    ("巴图和乌兰说，矿上的车压坏了草场。", ["巴图", "乌兰"]),
])
def test_minority_names_joined_by_he_at_a_clauses_start_are_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("来电人孙长林系县钓鱼协会会员，反映水库投肥。", ["孙长林"]),
    ("举报人吴长林系村老年协会会员，反映砂场扬尘。", ["吴长林"]),
])
def test_a_complainants_name_ends_before_a_copula(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("市书画协会会长龙长海称，湿地里有人偷排污水。", ["龙长海"]),
    ("某商会会长周长青反映，园区道路扬尘大。", ["周长青"]),
    ("中国生态文明研究与促进会会长陈宗兴出席会议。", []),
    ("县工商联会长吴振国表示，将督促会员企业整改。", []),
])
def test_the_head_of_an_association_before_his_name_is_a_private_person(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("经查，蓝天明在河边私设排污口。", ["蓝天明"]),
    ("已电话回访许可平，其对处理结果满意。", ["许可平"]),
    ("经查，许可强在自家院内焚烧垃圾。", ["许可强"]),
])
def test_a_listed_false_friend_jieba_reads_as_a_name_is_the_start_of_a_longer_one(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("已电话告知阿依古丽·吐尔逊处理结果。", ["阿依古丽·吐尔逊"]),
    ("已回访巴图·孟和处理结果。", ["巴图·孟和"]),
])
def test_a_middle_dot_name_after_a_verb_of_reaching_and_before_a_noun_is_the_name_alone(text, expected):
    assert names(text) == expected


def test_a_name_before_ji_qi_and_kin_is_hidden_and_a_preposition_before_an_owner_is_not():
    assert names("由周建华及其妻刘美兰经营的豆腐坊污水直排。") == ["周建华", "刘美兰"]
    assert names("由王刚经营的砂场夜间作业。") == ["王刚"]
    assert names("该厂及其子公司均未办理环评。") == []
