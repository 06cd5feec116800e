"""Search (session 50, helper s50; issue 29 item 4): clerks' words — a trade named by an errand and its object
(拉渣土的车, 倒垃圾的站子) read as the thing it names."""

from petitionnlp.search import SearchIndex
from petitionnlp.search import analysis as A


def _pieces(query: str) -> list[tuple[str, bool]]:
    return [x for term, _ in A.parse(query) for x in A.read_settings(term)]


def _ids(tmp_path, docs: dict, query: str) -> list[str]:
    """The ids of the hits of ``query`` over ``docs`` (id → text) in a new SQLite index, best first."""
    db = tmp_path / f"ix{len(list(tmp_path.iterdir()))}.db"
    with SearchIndex(db) as ix:
        for k, t in docs.items():
            ix.add(k, t)
    with SearchIndex(db, readonly=True) as ix:
        return [h["id"] for h in ix.search(query)]


def test_an_errand_and_its_object_before_a_noun_is_read_as_the_noun_it_names(tmp_path):
    """倒垃圾的站子 is the garbage station a clerk cannot name: the errand (倒垃圾) was searched as the matter and the
    station (站子) only ranked, so the transfer station's complaint ranked below every dumping one.  An errand verb
    (拉, 倒, 做, 收 …: query_frames.tsv) and its object before 的 and a noun are now read as the word they make
    (垃圾站, 渣土车, 家具厂); a verb that is the matter itself keeps its reading (挖炭的窑口 is a mine, not a 炭窑)."""
    assert [p for p, _ in _pieces("倒垃圾的站子天不亮就响")][0] == "垃圾站"
    assert [p for p, _ in _pieces("拉渣土的车半夜轰轰响")][0] == "渣土车"
    assert [p for p, _ in _pieces("做家具的厂子木头沫子乱飞")][0] == "家具厂"
    assert [p for p, _ in _pieces("挖炭的窑口把地下水弄坏了")][0] == "挖炭"
    assert [p for p, _ in _pieces("卖烤串的店冒烟")][0] == "卖烤串"   # 烤串店 is no word: as before
    docs = {"station": "府山西路大酒店南面垃圾中转站臭气扰民，早上5点开始作业、噪声大。",
            "dump1": "村民在河边乱倒垃圾，垃圾成堆无人清理。",
            "dump2": "有人往沟里倒垃圾，臭气熏天。",
            "dump3": "小区门口随意倒垃圾，苍蝇乱飞。"}
    assert _ids(tmp_path, docs, "倒垃圾的站子天不亮就响还臭")[0] == "station"


def test_a_lone_verb_and_its_result_in_a_question_ranks_but_is_not_required():
    """河里的沙子都被挖光了怎么没人查: 挖光 (dug out — jieba tags 光 a noun) was a required word of the question, the
    rarest of it, so a petition on illegal sand digging that never says 挖光 lost the query's share for it.  A lone
    verb with a result or aspect of word_forms.tsv (光, 掉, 坏, 了) is what the question says of its topic, as the
    lone verb is: it ranks, it is not required.  A thesaurus word stays the matter."""
    got = _pieces("河里的沙子都被挖光了怎么没人查")
    assert ("挖光", True) in got and ("沙子", False) in got, got
    assert not A._predicate("河里")   # a noun and its locative names something
