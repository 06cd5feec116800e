"""Helper p56 (session 56): private persons named in a narrative with no cue word beside them — a sentence's subject,
after 的 or a preposition, opening an indented paragraph — found by the name model (petitionnlp/pii/namemodel.py,
corpora/pii/name_model.tsv and name_char_stats.tsv), and their harmless twins (places and common words that look
like names, officials with their posts, a document number); the model's threshold, _agent_item's tags and a number
run's reach are data of corpora/pii/.  The name tests and the data tests fail at 6790c8f; the guards pass at both."""

import json
import shutil

import pytest

from petitionnlp.pii import find_pii, make_pii_nlp
from petitionnlp.resources import corpus_path
from test_office_integrity import client  # noqa: F401 — client
from test_pii_p55 import viewer_reads_none


def _names(text: str, nlp=None) -> list[str]:
    if nlp is None:
        return [s["text"] for s in find_pii(text) if s["type"] == "姓名"]
    doc = nlp(text)  # (held: its spans live only as long as it does)
    return [s.text for s in doc.spans["pii"] if s.label_ == "姓名"]


_GUARDS = [  # places and words that look like names, officials with their posts, a credit, a document number
    "高明区某五金厂酸雾扰民。", "要实现从绿水青山到金山银山的转变。", "建华路两侧的排水沟发臭。",
    "方正县环保局于近日检查了该厂。", "江南水乡的河道整治已完成。", "巩固全国文明城区创建成果。",
    "近日，副市长孙建明率队检查砂场。孙建明先后来到三家企业。",
    "县委常委、统战部长顾建峰对整改情况进行现场检查。顾建峰一行实地检查了采石场。",
    "楚环罚字〔2025〕1号行政处罚决定书", "文章来源：县融媒体中心 作者：王丽华 陈世明",
]


@pytest.mark.parametrize("text, names", [
    ("作为一家之主的覃良权，今年又查出了尘肺病。", ["覃良权"]),  # after 的, before a mark
    ("在自家门前的院坝里，覃良权坐在小板凳上编竹筐。", ["覃良权"]),  # a clause's subject, then a verb
    ("邻居在不顾廖洪彦反对的情况下把猪圈扩建到他家窗下。", ["廖洪彦"]),  # after a verb, before an adverb
    ("  廖洪彦快人快语，说起砂场的事就停不下来。", ["廖洪彦"]),  # opening an indented paragraph
    ("对此，覃文启则说，水源地早就被污染了。", ["覃文启"]),  # jieba glues 则 to the name (覃文启则 / 说)
    ("覃文武回想，砂场每次放炮前都没人提醒。", ["覃文武"]),  # jieba reads the surname apart (覃 / 文武)
] + [(text, []) for text in _GUARDS])
def test_a_private_person_without_a_cue_is_hidden_and_the_twins_stay(text, names):
    assert _names(text) == names


@pytest.fixture
def data_copy(tmp_path):
    shutil.copytree(corpus_path("pii"), tmp_path / "pii")
    return tmp_path / "pii"


def test_the_name_model_s_threshold_is_data(data_copy):
    text = "邻居在不顾廖洪彦反对的情况下把猪圈扩建到他家窗下。"
    assert _names(text, make_pii_nlp(data_copy)) == ["廖洪彦"]
    path = data_copy / "name_model.tsv"
    path.write_text(path.read_text(encoding="utf-8").replace("threshold\t\t3.0", "threshold\t\t99"), encoding="utf-8")
    assert _names(text, make_pii_nlp(data_copy)) == []


def test_what_jieba_reads_after_you_as_no_one_is_data(data_copy):
    text = "该砂场由单于负责看管。"  # 单于 a compound surname, but jieba reads a word of no one here
    assert _names(text, make_pii_nlp(data_copy)) == []
    (data_copy / "agent_not_tags.txt").write_text("# none\n", encoding="utf-8")
    assert _names(text, make_pii_nlp(data_copy)) == ["单于"]


def test_a_number_run_s_reach_is_data(data_copy):
    text = "受理编号1592231785113677418802，请查收。"  # a case's number: its second half is no mobile
    doc = make_pii_nlp(data_copy)(text)
    assert [s.text for s in doc.spans["pii"]] == []
    path = data_copy / "patterns.jsonl"
    rows = path.read_text(encoding="utf-8").split("\n")
    for i, row in enumerate(rows):
        if row.startswith('{"shared"'):
            shared = json.loads(row)
            shared["shared"]["runs"]["plain"]["reach"] = 0
            rows[i] = json.dumps(shared, ensure_ascii=False)
    path.write_text("\n".join(rows), encoding="utf-8")
    doc = make_pii_nlp(data_copy)(text)
    assert "13677418802" in [s.text for s in doc.spans["pii"]]


def test_a_viewer_reads_no_name_without_a_cue_and_a_clerk_keeps_the_places(client):
    text = ("衡阳市雁峰区高明区某砂场夜间开采噪声扰民。作为一家之主的覃良权，今年又查出了尘肺病；邻居在不顾廖洪彦反对的"
            "情况下把猪圈扩建到他家窗下。建华路两侧的排水沟发臭。")
    viewer_reads_none(client, "P-56", text, ("覃良权", "廖洪彦"), kept=("高明区", "建华路"))
