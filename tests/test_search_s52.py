"""Search (session 52, helper s52; issue 29 item 4): a run-on complaint's word that says when or that there is a
business ranks and is not required; everyday words a caller uses for the documents' terms."""

from petitionnlp.search import analysis as A
from tests.test_search_s50 import _ids
from tests.test_search_s51 import _plan

WORKSHOPS = {
    "paint": "津南区新开路村院内有很多黑作坊喷漆厂，每天3:00-9:00生产，粉尘和异味污染严重。",
    "sand": "驾校旁的制沙场生产时扬尘、噪声污染严重，一般在夜间开工，曾向12345热线反映。",
    "press": "厂子里冲压机器一开工就震得楼晃，工厂开工不办环评。",
}
STATIONS = {
    "transfer": "绍兴国际大酒店南面垃圾中转站臭气扰民，早上5点开始作业、噪声大。",
    "lane": "宜兴道小学后门对面有一个垃圾回收站，垃圾车乱停，垃圾随地可见。",
    "market": "菜市场经营导致噪音扰民，周边餐饮店油烟异味扰民。",
}
FANS = {
    "fan": "欣美园小区东侧的三期底商是饭馆，排放油烟污染，并且排风扇噪声极其扰民。",
    "night": "五一街小区西边楼下有好几家饭店，每天中午和晚上油烟污染严重。",
    "market": "菜市场夜间经营，周边餐饮店油烟异味扰民。",
}


def test_a_time_word_the_thesaurus_knows_and_a_business_noun_only_rank(tmp_path):
    """给家具喷油漆的黑厂子天不亮就开工: once 天不亮 is a word (→ 早上 | 凌晨 | 清晨), the run-on piece 黑厂子天不亮开工
    is read as its words — 厂子 and 天不亮 were required, so the paint workshop (喷漆厂, 3:00 in the morning) lost to a
    works whose text says 厂子 and 开工.  Now an everyday time word whose thesaurus words are all time words, and a
    noun that says only "a business" (query_frames.tsv's business lines), rank and are not required."""
    plan = _plan("给家具喷油漆的黑厂子天不亮就开工", list(WORKSHOPS.values()))
    terms = {c.term: c for c in plan.concepts}
    assert terms["天不亮"].setting and terms["厂子"].setting, [(c.term, c.setting) for c in plan.concepts]
    assert A._said_time("天不亮") and not A._said_time("厂子") and not A._said_time("污水")
    assert _ids(tmp_path, WORKSHOPS, "给家具喷油漆的黑厂子天不亮就开工")[0] == "paint"


def test_everyday_words_for_the_documents_terms(tmp_path):
    """天不亮 (before dawn) finds 早上 / 凌晨, 嗡嗡响 (humming) the noise of a fan, 清真 a 回民 restaurant, 重卡 a lorry."""
    assert _ids(tmp_path, STATIONS, "倒垃圾的站子天不亮就哐哐响还臭")[0] == "transfer"
    assert _ids(tmp_path, FANS, "饭馆的抽油烟机半夜嗡嗡响")[0] == "fan"
    said = A.thesaurus()
    assert "回民" in dict(said["清真"]) and "大卡车" in dict(said["重卡"]) and "风力发电" in dict(said["大风车"])
