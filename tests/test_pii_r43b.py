"""Helper p43b's kinds (probe: corpora/pii/probe43b_source.txt; the cases here are other texts of the same kinds): kin
named in a letter written in the first person (我老伴…, 我媳妇…, 我姐夫…), a firm's post before a name (总经理…), a
villager named after his group and 的 (我是五组的谢春兰), a word jieba reads across a surname after a context word
(女儿马上要中考) or a measure word after a demonstrative (这封信), an official with his post in brackets after the name
(李建军（区城管局副局长）约谈), names in pinyin written in capitals or with a long given name (ZHANG Wei, Wang
Xiaoming) and names in English after a complainant's word (来电人Mary Johnson反映), and a home's door numbers before
的业主/的住户 or after 地址 in a person's pasted row."""

import pytest

from petitionnlp.pii import find_pii
from tests.test_pii_r40b import names


def spans(text, kind):
    return [s["text"] for s in find_pii(text) if s["type"] == kind]


@pytest.mark.parametrize("text,expected", [
    ("我老伴何玉珍去年因为这事住了一次院。", ["何玉珍"]),
    ("我媳妇杨春花怀孕七个月了，油烟熏得她吃不下饭。", ["杨春花"]),
    ("我姐夫邓国华开车路过时拍了照片。", ["邓国华"]),
    ("我婶婶罗秀梅家就在养猪场旁边。", ["罗秀梅"]),
    ("我和爱人苏桂芝都是退休工人，住在厂区宿舍。", ["苏桂芝"]),
    ("我老公卢军在外地打工，家里只有老人孩子。", ["卢军"]),
])
def test_kin_named_in_a_first_person_letter_are_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "我老伴身体不好，闻到气味就咳嗽。",
    "我和爱人都是退休工人。",
    "热爱人民是我们的宗旨。",
    "我姐夫家就在厂子旁边。",
])
def test_kin_words_without_a_name_name_no_one(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("宏达公司总经理邬建军答应赔偿。", ["邬建军"]),
    ("该厂董事长柯志明称设备正在检修。", ["柯志明"]),
])
def test_a_firms_post_before_a_name_is_a_private_persons(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("我是五组的谢春兰，家门口的沟渠被堵了。", ["谢春兰"]),
    ("来电人称：我是3组的龙玉梅，电话就是这个号。", ["龙玉梅"]),
])
def test_a_villager_named_after_his_group_and_de_is_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "我是二组的村民，姓刘。",
    "三组的农田被淹了。",
])
def test_a_group_and_de_before_no_name_names_no_one(text):
    assert names(text) == []


@pytest.mark.parametrize("text", [
    "女儿马上要中考了，晚上吵得没法复习。",
    "儿子马上就要上学了。",
    "我替父亲写了这封信。",
    "那封信寄出去一个月了，没有回音。",
])
def test_words_jieba_reads_across_a_surname_are_no_name(text):
    assert names(text) == []


@pytest.mark.parametrize("text", [
    "问责情况：李建军（区城管局副局长）约谈；刘敏（街道办主任）书面检查。",
    "问责情况：陈立新（县水利局局长）、王芳（县水利局副局长）通报批评。",
])
def test_an_official_with_his_post_in_brackets_after_the_name_stays(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("举报人罗建平（村老年协会会长）反映砂场扰民。", ["罗建平"]),
    ("问责情况：对李建军（区城管局副局长）约谈；对责任人王德胜（厂长）立案处罚。", ["王德胜"]),
    ("王建国（小区业委会主任）称物业在地下车库焚烧垃圾。", ["王建国"]),
    ("小区业委会主任谭立新称物业在地下车库焚烧垃圾。", ["谭立新"]),
    ("经查，彭建军（5组组长）在河边倾倒垃圾。", ["彭建军"]),
])
def test_a_private_post_in_brackets_keeps_the_name_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("举报人：Wang Xiaoming，联系电话13507310001。", ["Wang Xiaoming"]),
    ("投诉人：ZHANG Wei，电话13507310002。", ["ZHANG Wei"]),
    ("投诉人英文名：CHEN JIANHUA。", ["CHEN JIANHUA"]),
    ("来电人Mary Johnson反映，酒店后面的垃圾站臭气熏天。", ["Mary Johnson"]),
    ("外籍投诉人 David Brown 称噪声太大。", ["David Brown"]),
    ("护照姓名：WANG XIAOMING，反映酒店旁的工地噪声。", ["WANG XIAOMING"]),
])
def test_names_in_pinyin_capitals_and_in_english_are_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "联系人为Mr. Chen，未留全名。",
    "来电人Mr Brown反映噪声。",
    "检测报告显示COD和BOD均超标，PM2.5浓度偏高。",
    "来电人反映，Apple Store门口的垃圾桶满了。",
    "AN LI品牌的门店门口堆满了装修垃圾。",
    "投诉人 Caterpillar Tractor 挖掘机夜间施工。",
    "联系人：Hunan Green Ltd，反映园区异味。",
])
def test_latin_words_that_name_no_one_stay(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("我是芙蓉小区5栋1单元802的业主，楼下超市冷机噪声很大。", ["5栋1单元802"]),
    ("锦绣家园12栋2单元1501室的住户反映，楼顶基站辐射。", ["12栋2单元1501室"]),
    ("姓名：马建国 | 电话：13807310003 | 地址：开福区某小区8栋301室", ["8栋301室"]),
    ("投诉人：周玉梅\t电话：13807310004\t地址：雨花区某小区2栋1单元502", ["2栋1单元502"]),
])
def test_a_homes_door_numbers_before_an_owners_word_or_in_a_persons_row_are_hidden(text, expected):
    assert spans(text, "住址") == expected


@pytest.mark.parametrize("text", [
    "该公司位于科技园5栋201室。",
    "被投诉单位：长沙某建材厂　地址：望城区工业园3栋　法人：刘德胜",
    "小区3栋的业主们联名反映楼下的油烟。",
    "企业名称：宏达石材厂 地址：工业园区B区3栋201室 联系人：刘德胜",
])
def test_a_firms_address_and_a_buildings_residents_stay(text):
    assert spans(text, "住址") == []


@pytest.mark.parametrize("text,expected", [
    ("写信人：我，向红英，电话就不留了。", ["向红英"]),
    ("此致\n敬礼！\n向东升，2026年11月20日", ["向东升"]),
])
def test_a_clause_that_is_a_surname_read_as_a_preposition_and_a_person_is_a_name(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "向北京，向世界，展示湖南生态之美。",
    "请向镇政府反映，向环保局举报。",
])
def test_a_preposition_before_a_place_or_a_body_names_no_one(text):
    assert names(text) == []


def test_a_firms_workshop_head_is_a_private_person():
    assert names("问责情况：对县环保局副局长宋文华诫勉谈话，对车间主任刘永强罚款。") == ["刘永强"]


@pytest.mark.parametrize("text,expected", [
    ("序号\t姓名\t联系电话\n1\t雷春花\t13975112345\n2\t孔令军\t15073124567", ["雷春花", "孔令军"]),
    ("企业名称 | 负责人 | 电话\n宏达石材厂 | 彭国强 | 13800001111\n某养殖场 | 王先生 | 13800002222", ["彭国强"]),
])
def test_names_under_a_pasted_tables_header_of_a_person_are_hidden(text, expected):
    assert names(text) == expected


def test_a_tables_cells_under_other_headers_name_no_one():
    assert names("序号\t乡镇\t问题类型\n1\t高桥镇\t大气\n2\t石门乡\t水") == []


def test_a_homes_door_under_a_tables_header_of_a_home_is_hidden():
    text = "序号\t姓名\t住址\n1\t雷春花\t某小区2栋1单元302\n2\t孔令军\t某小区5栋2单元601"
    assert spans(text, "住址") == ["2栋1单元302", "5栋2单元601"]
    assert spans("企业名称 | 地址\n宏达石材厂 | 工业园3栋201室", "住址") == []


@pytest.mark.parametrize("text,expected", [
    ("坐席：您贵姓？\n来电人：免贵姓孟，孟凡军。", ["孟凡军"]),
    ("群成员：@付建平 @朱小梅 大家都看到了吧", ["付建平", "朱小梅"]),
    ("问责情况：对监理单位总监陆平予以通报。", ["陆平"]),
])
def test_a_name_after_the_surname_given_in_a_chat_and_in_a_firm_are_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "该店老板王总说会整改。",
    "他姓李，李家的人都知道。",
    "他们的朱总监签了字。",
])
def test_a_surname_with_a_form_of_address_and_a_hamlet_stay(text):
    assert names(text) == []


def test_a_wechat_id_after_an_english_label_is_an_account():
    assert spans("WeChat: liming_1990，可发视频。", "账号") == ["liming_1990"]


@pytest.mark.parametrize("text,expected", [
    ("我叫向阳，在镇上开了一家小超市。", ["向阳"]),
    ("来电人自称万宁，住在河边。", ["万宁"]),
])
def test_a_name_given_after_a_naming_word_is_a_persons_though_a_place_has_it(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("我爸爸王德明都在家。", ["王德明"]),
    ("我妈刘桂英天天咳嗽。", ["刘桂英"]),
])
def test_a_mother_and_a_father_named_in_a_letter_are_hidden(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "妈祖庙前的广场上堆满垃圾。",
    "我妈说厂里又排了。",
    "向阳区某五金厂酸雾扰民。",
])
def test_kin_and_places_without_a_name_name_no_one(text):
    assert names(text) == []


def test_members_of_an_enforcement_team_acting_in_their_role_stay():
    assert names("县生态环境局执法大队队员刘洋、陈晨对该厂进行了检查。") == []
    assert names("举报人刘洋系执法大队队员。") == ["刘洋"]  # a complainant is private whatever he says he is


@pytest.mark.parametrize("text,expected", [
    ("诉求人苏建国反映，楼下餐馆油烟扰民。", ["苏建国"]),
    ("违法行为人周德华被行政拘留十日。", ["周德华"]),
])
def test_a_work_orders_and_a_police_findings_words_for_a_person_are_context_words(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", ["诉求人反映的问题属实。", "嫌疑人已被刑拘。", "被举报人系该厂老板。"])
def test_those_words_without_a_name_name_no_one(text):
    assert names(text) == []


def test_a_new_energy_plate_with_its_letter_set_off_is_a_plate():
    assert spans("新能源车湘AD·12345每晚停在河边洗车。", "车牌") == ["湘AD·12345"]
    assert spans("粤BF-01234停在路边。", "车牌") == ["粤BF-01234"]


@pytest.mark.parametrize("text,expected", [
    ("经查，南宫婉儿在河边倾倒垃圾。", ["南宫婉儿"]),
    ("经查，欧阳恭明在自家院内焚烧废旧轮胎。", ["欧阳恭明"]),
])
def test_a_finding_names_a_compound_surname_with_a_rarer_given_name(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", ["经查，东方红在河边倾倒垃圾。", "经查，西门外在施工。", "经查，上官园区在建设中。"])
def test_a_compound_surnames_word_before_no_given_name_names_no_one(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("村民王建国、林立两户反映，砖厂烟尘大。", ["王建国", "林立"]),
    ("王建国、许可、林立三户的房屋被震裂。", ["王建国", "许可", "林立"]),
])
def test_a_listed_false_friend_among_names_a_count_closes_is_a_name(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", ["许可、林立两户", "蓝天、碧水两项指标达标。", "厂区内烟囱林立、管道纵横。"])
def test_false_friends_alone_in_a_list_stay_words(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("阿依古丽·吐尔逊超市门口堆满了纸箱。", ["阿依古丽·吐尔逊"]),
    ("买买提·艾力的煤场粉尘大。", ["买买提·艾力"]),
    ("村民阿依古丽·吐尔逊反映，超市门口垃圾多。", ["阿依古丽·吐尔逊"]),
])
def test_a_middle_dot_name_ends_before_a_business_it_names(text, expected):
    assert names(text) == expected
