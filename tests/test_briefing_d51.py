"""Directives that carry over (issue 29 item 3, d51): an eleventh news batch (briefings_news11.jsonl) of pages of sites
never used nor reserved, one page a site, of the kinds the unseen briefings are (news of meetings and checks on
government and newspaper sites, standing tasks, a body's next step, an inspection's next stage and reports that are no
directives), annotated blind (directives and time expressions) before the extractor was run on them; the evaluation
reports it on its own and leaves it out of "all of them"."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "briefing" / "gold"
NEWS11 = GOLD / "briefings_news11.jsonl"


def _rows(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_the_eleventh_news_batch_names_its_sources_and_is_new():
    sys.path.insert(0, str(ROOT / "tests"))
    from test_briefing_timex_dev import _no_copy_of_another_set, _sourced_new_and_in_order

    docs = _sourced_new_and_in_order(NEWS11, "*.jsonl")
    assert len(docs) == 12 and len({d["doc"]["id"] for d in docs}) == len(docs)
    assert len({d["doc"]["url"].split("/")[2] for d in docs}) == len(docs)  # one page a site
    assert not any(d["doc"].get("time_only") for d in docs)
    assert sum(len(d["gold"]["directives"]) for d in docs) >= 35
    _no_copy_of_another_set(NEWS11, docs)


def test_the_evaluation_reports_the_eleventh_news_batch_on_its_own_and_not_in_all():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from eval_briefings import sets

    named = dict(sets())
    eleventh = [docs for name, docs in named.items() if "eleventh development batch of news" in name]
    assert len(eleventh) == 1 and [d["doc"]["id"] for d in eleventh[0]] == [d["doc"]["id"] for d in _rows(NEWS11)]
    urls = {d["doc"]["url"] for d in _rows(NEWS11)}
    assert not urls & {d["doc"].get("url") for d in named["all of them"]}


# ------------------------------------------------------------------ kinds of d51 (GUIDELINES.md, decisions of d51)

def _actions(text: str, date: str = "2024-05-01") -> list[str]:
    from petitionnlp.briefing import extract_briefing

    return [d["action"] for d in extract_briefing(text, date)["directives"]]


def test_jiyao_after_an_order_with_its_own_marker_is_an_order_of_its_own():
    """…，既要…，又要… after an order with its own marker: the order, 既要… and 又要… (briefings_news3 f07, news9 d09,
    time_dev2 u31, news11 n01; briefings_notices e06 and briefings_reports q27 now annotated alike)."""
    acts = _actions("县长王强要求，各镇要落实属地责任，统筹推进整治，既要守住底线，又要加快进度。")
    assert len(acts) == 3 and acts[0].endswith("统筹推进整治") and acts[1].endswith("守住底线") \
        and acts[2].endswith("加快进度")
    # after a frame without a marker, 既要 takes its frame: no order of the frame alone
    acts = _actions("会议指出，问责过程中，既要问责失职的工作人员，又要查清原因。")
    assert not any(a == "问责过程中" for a in acts)


def test_a_second_bingyao_after_an_order_starts_a_new_one_but_not_bingyaoqiu():
    acts = _actions("书记李华强调，各村要高度重视，做到责任到位，并要与包村单位同心协力，做好禁烧工作。")
    assert len(acts) == 2 and acts[1].lstrip("并").startswith("要与包村单位")
    # 并要求 is no 并要: the order goes on as before (ask_connectives decide on an addressee of its own)
    assert _actions("书记李华强调，各村要高度重视，做到责任到位，并要求包村干部每天巡查。") == [
        "要高度重视，做到责任到位，并要求包村干部每天巡查"]


def test_a_named_second_subject_after_an_order_starts_a_new_one():
    """…，以上率下做出表率，工作要狠抓落实: a subject with its own 要 after a clause whose marker stands earlier."""
    acts = _actions("区长张明要求，各单位一把手要高度重视，把治理工作放在首位，以上率下做出表率，工作要狠抓落实，保持政令畅通。")
    assert len(acts) == 2 and acts[0].endswith("做出表率") and acts[1].startswith(("工作要狠抓落实", "要狠抓落实"))
    # a condition is no subject: …，必要时要… stays in the order
    acts = _actions("局长张明要求，承办人员要跟踪督办，有针对性地进行督查，必要时要进行现场督办。")
    assert len(acts) == 1


def test_a_deadline_led_clause_with_its_own_subject_and_marker_is_its_own_order():
    acts = _actions("镇长王刚要求，各村要落实专人负责，推进问题整改落实，8月7日前金山村要完成河道打捞工作。")
    assert len(acts) == 2 and acts[1] == "8月7日前金山村要完成河道打捞工作"
    # a deadline and a verb without a marker of its own stay in the order (一项要求的两个时限)
    acts = _actions("市环保局发布通知，要求10月10日前报送整改落实情况，11月26日前报送行业整治情况。")
    assert len(acts) == 1
    # a deadline that leads the sentence belongs to the order
    acts = _actions("会议要求，各村要做好整改。8月6日前，金山村、石门村要向镇政府提交书面检讨。")
    assert acts[-1].startswith("8月6日前")


def test_an_inspection_teams_next_stage_is_an_announcement():
    assert _actions("下一阶段，8个督察组将下沉地市督察，深入现场，督促地方抓好边督边改工作。") == []
    assert _actions("各级干部要下沉一线，督促企业整改。") != []


def test_a_bodys_own_list_of_what_it_did_is_no_directive():
    text = "按照全市工作要求，我镇加大整治力度，一是组织党员走访企业摸清底数；二是召开互查动员会，部署互查工作；三是督促未办理手续的企业办理相关手续。"
    assert _actions(text) == []
    assert _actions("下一步，我县将加大整治力度：一是组织专项排查；二是建立长效机制。") != []


def test_a_purpose_cut_off_by_a_full_stop_is_no_directive():
    text = "为进一步做好巡察前的各项准备工作，确保巡察工作有序推进。1月28日上午，某区召开巡前沟通会。"
    assert _actions(text) == []


def test_a_piece_that_opens_with_a_marker_goes_on_the_order_before_it():
    acts = _actions("县委书记王东要求，分管领导要靠前指挥，督促落实，确保督察组交办的问题切实整改到位。")
    assert len(acts) == 1 and acts[0].endswith("整改到位")


def test_a_body_then_an_object_phrase_frames_its_order_across_commas():
    acts = _actions("县委书记王东要求，纪检监察部门对工作不力，措施落实不到位，推诿扯皮的要严肃问责。")
    assert len(acts) == 1 and "对工作不力" in acts[0] and acts[0].endswith("严肃问责")
