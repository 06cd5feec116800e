"""Directives that carry over (issue 29, d42c), read on the development sets: a marker inside the frame of a guiding
thought (以抓好…为契机), in a purpose (为…，确保…，), in an order quoted after 的, before a contrast and a finding, is no
order of its own; a document's content reported after 细则提出 is its measures; a short action goes on one order —
grammar of official documents as data in directive_rules.json."""

import pytest

from petitionnlp.briefing.directives import find_candidates
from petitionnlp.briefing.timex import find_time_expressions


def _rules(text):
    """The clauses the rules take for directives."""
    return [text[c["start"]:c["end"]] for c in find_candidates(text, find_time_expressions(text, None)) if c["rule"]]


@pytest.mark.parametrize("text", [
    "以抓好督察问题整改为契机，着力解决群众身边的环境问题，着力改善生态环境质量。",
    "全区以切实解决突出环境问题为重要契机，推动绿色发展。",
])
def test_a_marker_inside_the_frame_of_a_guiding_thought_is_no_order(text):
    assert _rules(text) == []


@pytest.mark.parametrize("text, clause", [
    ("要以这次督察为契机，推动绿色转型发展，加快解决突出问题。", "要以这次督察为契机"),  # the marker before the frame
    ("我镇将以本次整改为契机，认真总结经验教训。", "将以本次整改为契机"),
    ("为确保整改任务按期完成，各县区要每周报送进展情况。", "要每周报送进展情况"),  # an order beside a purpose
    ("要以钉钉子精神抓好整改，确保交办问题有效整改落实。", "确保交办问题有效整改落实"),
])
def test_a_marker_before_a_guide_frame_or_after_a_purpose_still_orders(text, clause):
    assert any(clause in c for c in _rules(text))


@pytest.mark.parametrize("text", [
    "该县对省委提出的“要坚决守住生态保护红线，统筹推进治污工作”理解不深刻，落实不到位。",
    "一些部门对上级文件明确的“必须从严从快查处违法排污行为”重视不够，至今仍未查处。",
])
def test_an_order_quoted_as_the_object_of_a_finding_is_no_directive(text):
    assert _rules(text) == []


def test_a_quoted_order_that_is_spoken_stays_an_order():
    text = "县长强调：“要坚决守住生态保护红线，统筹推进治污工作。”"
    assert any("要坚决守住生态保护红线" in c for c in _rules(text))


@pytest.mark.parametrize("text, clause", [
    ("细则提出，加强电力、冶金等重点行业二氧化硫的治理。", "加强电力、冶金等重点行业二氧化硫的治理"),
    ("方案还提出，推进燃煤锅炉淘汰，实施工业污染源达标排放计划。", "推进燃煤锅炉淘汰，实施工业污染源达标排放计划"),
    ("《意见》明确，全面推行河长制，建立健全河湖管护机制。", "全面推行河长制，建立健全河湖管护机制"),
])
def test_the_measures_a_document_is_reported_to_set_out_are_directives(text, clause):
    assert clause in _rules(text)


@pytest.mark.parametrize("text", [
    "细则提出，作为主要目标，到2017年，全省可吸入颗粒物浓度下降5%以上。",  # a goal, not a measure
    "专家提出，加强监管很有必要。",  # not a document
])
def test_a_documents_goal_or_a_persons_remark_is_no_measure(text):
    assert _rules(text) == []


def test_the_measures_after_a_connective_and_a_verb_without_a_comma():
    text = "此外，方案还提出加强扬尘治理、加强餐饮油烟治理等措施。"
    assert any(c.startswith("加强扬尘治理") for c in _rules(text))


@pytest.mark.parametrize("text", [
    "为打赢污染防治攻坚战，确保交办问题有效整改落实，县委召开常委会专题研究部署。",
    "为确保整改任务按期完成，县里抽调20名干部组成了工作专班。",
])
def test_a_purpose_with_queren_before_a_news_narrative_is_no_order(text):
    assert _rules(text) == []


def test_the_order_after_a_purpose_starts_at_its_own_marker():
    text = ("为督促各地确保实现年底完成整治任务的目标，针对清理整治工作最后攻坚阶段面临的剩余问题，"
            "我部将召集有关市再次召开专题会议。")
    assert _rules(text) == ["将召集有关市再次召开专题会议"]


@pytest.mark.parametrize("text", [
    "会议要求，各乡镇要举一反三，深入剖析，查找症结，迅速整改。",
    "会议要求，要积极做好资料调阅工作，严格按照调阅资料清单，认真准备，及时提供文件资料。",
])
def test_a_short_action_goes_on_the_list_of_one_order(text):
    assert len(_rules(text)) == 1


def test_a_long_action_after_a_comma_still_starts_a_new_order_as_the_first_briefings_cut():
    text = "会议要求，要进一步强化政治观念和责任意识，主动做好配合中央环保督察的各项准备工作。"
    assert len(_rules(text)) == 2


@pytest.mark.parametrize("text", [
    "《方案》要求2018年底前完成整改，但该县至今未完成。",
    "省政府文件要求各地关停燃煤小锅炉，但该区仍有12台未关停。",
    "国家明确要求自然保护区内不得开展采矿活动，但该县仍批准了3个采矿项目。",
])
def test_what_a_document_required_before_a_finding_is_no_directive(text):
    assert _rules(text) == []


@pytest.mark.parametrize("text", [
    "各地要加快淘汰燃煤小锅炉，但不得搞“一刀切”。",
    "要严格执法，但也要做好企业帮扶工作。",
])
def test_an_order_with_its_own_limit_after_dan_stays(text):
    assert len(_rules(text)) >= 1
