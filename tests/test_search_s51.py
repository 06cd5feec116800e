"""Search (session 51, helper s51; issue 29 item 4): a whole complaint typed as one run-on phrase is read as its
words, each ranking by its own readings, not as one block whose parts must all appear together."""

from petitionnlp.search import analysis as A
from tests.test_search_s50 import _ids


def _plan(query: str, texts: list[str]) -> A.Plan:
    """The plan of ``query`` with an index of ``texts`` to count in (a substring count, as the backends' is)."""
    def count(alts, cap=30):
        return min(cap, sum(1 for t in texts if any(_holds(a, t) for a in alts)))
    return A.analyze(query, count=count)


def _holds(alt, text: str) -> bool:
    """Every group of ``alt`` has a substring atom in ``text``."""
    return all(any(v in text for atom in g for v in A.atom_values(atom) if atom.kind == "sub") for g in alt.groups)


RIVER = {
    "river": "镇上的厕所污水和养殖户粪水直排河里，一到晚上就有大量泥巴浑水。",
    "bbq": "晚上河边全是烧烤摊，油烟扰民。",
    "site": "在建工地晚上施工，全是水泥罐车，噪声扰民。",
    "soup": "饭店把汤水倒进下水道，晚上臭气熏天。",
}
QUARRY = {"quarry": "采石场形成泥石流，下游二十多亩稻田被冲毁，废水流入小溪。", "farm": "养鸡场鸡粪直接排入基本农田里的露天水池。",
          "rain": "一下大雨，小区门口就冒出大量粪水。", "field": "耕地储备库的耕地被破坏，到处是大坑。"}


def test_a_long_piece_no_document_holds_is_read_as_its_words():
    """晚上河里全是黄泥汤子 was one required term: no document holds it, so every candidate earned a share of a
    compound's partial credit (0.3) for the parts it held, in whatever words.  A piece of eight characters or more
    that no document holds as a block is now its words, each a term of its own (河里, 黄泥), a time word among
    them ranking only (晚上), the whole ranking beside them, not required."""
    plan = _plan("一到晚上河里全是黄泥汤子", list(RIVER.values()))
    terms = {c.term: c for c in plan.concepts}
    assert "河里" in terms and not terms["河里"].setting, list(terms)
    assert "黄泥" in terms, list(terms)
    assert terms["晚上"].setting   # when, not what
    whole = next(c for c in plan.concepts if len(c.term) >= 8)
    assert whole.setting and whole.weight == A.W_WHOLE


def test_a_long_piece_a_document_holds_stays_one_term():
    """A long piece that some document holds as a block (in any of its readings) keeps its reading: a compound
    (铸铝车间排污设备停用) is no run-on complaint."""
    texts = ["东丽区工厂铸铝车间排污设备停用，固体废物去向不明。"]
    plan = _plan("铸铝车间排污设备停用", texts)
    assert [c.term for c in plan.concepts] == ["铸铝车间排污设备停用"]
    assert not plan.concepts[0].setting


def test_a_run_on_complaint_finds_the_document_holding_most_of_its_words(tmp_path):
    """The mud-brown river at night: the petition on muddy water in the river at night first — before, the
    barbecue stalls by the river at night (晚上, 河, 全是: more of the block's characters, none of its words but the
    time) ranked above it."""
    assert _ids(tmp_path, RIVER, "一到晚上河里全是黄泥汤子")[0] == "river"
    assert _ids(tmp_path, QUARRY, "我们村后头那个采石场一下大雨就冲下来泥巴把稻田都埋了")[0] == "quarry"


def test_the_grammar_and_frame_words_are_named():
    """The request grammar's parts are named (no index into a tuple), and the frame words of each kind come from
    one loader."""
    g = A._request_grammar()
    assert "的" in g.head and "被" in g.cut and "谁" in g.asks
    assert "拉" in A._frame_words("errand") and "厂子" in A._frame_words("business")
    assert "小区" in A._frame_words("scene")
