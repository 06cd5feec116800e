"""Search (session 56, helper s56; issue 29 item 4): clerks' words as a 12369 operator or a villager phones them in
(corpora/search/eval_queries_clerks19.jsonl, written before its writer read the thesaurus)."""

from petitionnlp.search.analysis import read_query
from tests.test_search_s50 import _ids

RIVER = {
    "sand": "河边两家砂石厂滥挖河道，地下水位下降，居民饮水困难。",
    "office": "有关部门不作为，垃圾无人清理，多次反映未解决。",
    "yard": "小区院内堆放建筑材料，有关部门不处理。",
}


def test_which_office_a_caller_asks_for_is_no_matter_of_the_documents(tmp_path):
    """…归哪个部门 / 是哪个部门的事 / 属于什么单位管 ask which office; the office (部门) is what the caller asks, not what
    the complaint is about: it was kept as a required term, so a complaint about 有关部门 came before the river's."""
    assert read_query("河道污染归哪个部门") == ["河道污染"]
    assert read_query("砂石厂滥挖河道是哪个部门的事") == ["砂石厂滥挖河道"]
    assert read_query("河边挖沙属于什么单位管") == ["河边挖沙"]
    assert _ids(tmp_path, RIVER, "几家挖河道的把河挖烂了归哪个部门")[0] == "sand"


def test_what_stands_before_behind_or_in_front_of_is_where_the_request_is():
    """后面, 后头, 前面 … place a request as 旁边 and 对面 do: 小区后面拌水泥的站子 is a station behind the estate, the
    estate only its setting; 村后头的山 is the hill behind the village (a document naming the village and no hill
    no longer matches the piece 村后头)."""
    from petitionnlp.search.analysis import read_settings

    assert read_settings("小区后面拌水泥的站子晚上偷偷开工")[0] == ("小区", True)
    assert read_settings("村后头的山叫几家打石头的挖空了")[:2] == [("村", True), ("山", False)]
    assert read_settings("饭店前面的油烟")[0] == ("饭店", True)



def test_a_final_de_ends_a_request_as_a_particle_does():
    """哪里有…特别大的: the final 的 hid the degree phrase (特别大) from the end frames, so 大 was searched as a required
    term of its own; a final 的 is now taken off as 吗 and 呢 are, and the degree phrase with it."""
    assert read_query("哪里有饭店油烟特别大的") == ["饭店油烟"]
    assert read_query("哪里有烧烤油烟很大的") == ["烧烤油烟"]
