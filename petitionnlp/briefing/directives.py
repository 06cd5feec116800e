"""Directives in briefings: who ordered what, of whom, by when.

Sentences are cut at 。！？； and line breaks, then into clauses at enumerated items (一要… 二是… （一） 1.)
and at a marker that follows a comma (…，要…).  A clause is a directive when it starts with an enumerator
under a speaker or holds a marker (要, 要求, 必须, 务必, 确保, 请, 督促, 抓好, 切实 …).  The speaker (actor)
is the last person-with-title or body that 强调/要求/指出/批示 before it, or 会议 when the meeting speaks;
it holds until another speaker appears.  Before that, words a page break split are joined (:mod:`.pages`); a
slogan (要动真碰硬) is no directive and a short one leads into the order after it; 请/要求/责成 and 由…牵头 name
the addressee after them; a clause with a periodic recurrence and a reporting verb is a standing task.  All word
lists are data: ``corpora/briefing/directive_rules.json``, compiled by :func:`compile_rules` and passed to
:func:`find_directives` (the spaCy component owns its copy).
"""

from __future__ import annotations

import bisect
import json
import re
import threading
from functools import lru_cache

from ..resources import corpus_path, read_list
from ..text import CJK
from .pages import rejoin
from .view import fold_view

__all__ = ["find_directives", "find_candidates", "rules", "compile_rules", "default_rules_data"]


def _removable(text: str, start: int, end: int, features: dict, r: dict, deadline: dict | None = None,
               reporting: bool = False) -> bool:
    """Whether the judge may take this clause away when the rules take it: its verb is marked as done (已, 了 —
    not 为了, 了解), or else — unless it carries a deadline or an assignment (:func:`_kept`) — it stands in a
    document that reports to a body (``reporting``), it is a line alone without a sentence end (a heading), a
    closing formula stands near it (请予审议), or it has one of the ``judge_removable_features`` (an aim 为… whose
    marker is not the order; a section that reports what was done).  Any other directive of the rules stays
    (``judge_removable_*``, ``judge_kept_*`` in ``directive_rules.json``)."""
    clause = text[_after_frame(text, start, end, r):end]  # 对已完成整改的问题，开展…: the frame names its object
    for w in r["judge_removable_not_done"]:
        clause = clause.replace(w, "")
    if any(w in clause for w in r["judge_removable_done"]):
        return True
    if _kept(text[start:end], features, deadline, r):
        return False
    if reporting:
        return True
    ends = [k[len("end_mark="):] for k in features if k.startswith("end_mark=")]
    if "line_alone" in features and not any(e and e in r["judge_removable_sentence_ends"] for e in ends):
        return True
    near = r["judge_removable_closing_window"]
    if any(w in text[max(0, start - near):end + near] for w in r["judge_removable_closing"]):
        return True
    return any(features.get(k) for k in r.get("judge_removable_features", ()))


def _kept(clause: str, features: dict, deadline: dict | None, r: dict) -> bool:
    """Whether a directive of the rules carries a deadline (its governing time expression is of a type in
    ``judge_kept_times``, or a duration that ends with ``judge_kept_duration_ends``: 30个工作日内) or an assignment
    (a feature in ``judge_kept_features``: 由…负责, 对…的问题，移交…, a duty due by a deadline; or a match of
    ``judge_kept_patterns`` in it: 由…负责, 交办 as a verb, 责成, 移交, 移送) and is not reported as done (``past``):
    such an order is never the judge's to take away (省督察组要求…于2024年6月30日前办结…)."""
    if features.get("past"):
        return False
    if any(features.get(k) for k in r.get("judge_kept_features", ())) \
            or any(re.search(p, clause) for p in r.get("judge_kept_patterns", ())):
        return True
    if not deadline:
        return False
    ends = tuple(r.get("judge_kept_duration_ends", ()))
    return deadline.get("type") in r.get("judge_kept_times", ()) \
        or deadline.get("type") == "duration" and bool(ends) and str(deadline.get("text", "")).endswith(ends)


def _reports_to_a_body(text: str, r: dict) -> bool:
    """Whether the document reports to a body in its own voice (``report_document``: …情况报告如下, 请予审议): a cue
    counts in its opening — its lines before the first top-level heading (一、…), or its first
    ``report_document_opening_lines`` lines when it has none — or in its last ``report_document_closing_lines``
    lines, and not inside quotation marks (``report_document_quotes``, counted on the cue's line) nor after a frame
    that quotes another document on its line (``report_document_quote_frames``: 整改报告称：“现将有关情况报告如下…”)."""
    words = tuple(r.get("report_document", ()))
    if not words or not any(w in text for w in words):
        return False
    lines = [line for line in text.split("\n") if line.strip()]
    first_heading = next((k for k, line in enumerate(lines) if r["_section_heading"].match(line)), None)
    opening = lines[:first_heading if first_heading is not None else r.get("report_document_opening_lines", 0)]
    closing = lines[max(len(opening), len(lines) - r.get("report_document_closing_lines", 0)):]
    quotes = r.get("report_document_quotes", ())
    frames = tuple(r.get("report_document_quote_frames", ()))
    for line in opening + closing:
        for w in words:
            i = line.find(w)
            while i >= 0:
                before = line[:i]
                quoted = any(before.count(q[0]) > before.count(q[1]) if q[0] != q[1] else before.count(q[0]) % 2
                             for q in quotes)
                if not quoted and not any(f in before for f in frames):
                    return True
                i = line.find(w, i + 1)
    return False


def default_rules_data() -> dict:
    """The shipped word lists (``corpora/briefing/directive_rules.json``), as JSON data."""
    return json.loads(corpus_path("briefing", "directive_rules.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def rules() -> dict:
    """The shipped rules, compiled once (what :func:`find_directives` uses when given none)."""
    return compile_rules(default_rules_data())


def compile_rules(data: dict) -> dict:
    """Word lists (the JSON of ``directive_rules.json``) → the compiled rules the functions below match."""
    data = dict(data)
    alt = lambda words: "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # noqa: E731
    titles, verbs = alt(data["titles"]), alt(data["speech_verbs"])
    data["_enum"] = re.compile("|".join(data["enumerators"] + data.get("dated_enumerators", [])))  # 1.2018年… (d51b)
    led = data.get("limit_led_items")  # (二)2018年10月底前，全部拆除…: a numbered measure its deadline leads (d51b)
    data["_limit_led_ends"] = tuple(led["ends"]) if led else ()
    data["_limit_led_before"] = tuple(led.get("before", ())) if led else ()
    data["_urged_limits"] = frozenset(data.get("urged_limits", ()))  # 立即整改到位, 按期完成 (d52)
    items = data.get("task_items")  # 二、具体整改措施： 1、…; 整改措施：1、…: a list of measures (d51b)
    data["_task_label"] = re.compile(items["label"]) if items else None
    data["_target_label"] = re.compile(  # 二、整改目标 / 整改目标：…: a rectification task's target (d51b)
        f"(?:{alt(data['target_labels'])})[ \u3000]*[：:]?[ \u3000]*$" if data.get("target_labels") else r"(?!x)x")
    data["_finding_label"] = re.compile(  # 一、整改问题 / 一、存在问题: the finding a task answers (d52b)
        f"(?:{alt(data['finding_labels'])})[ \u3000]*[：:]?[ \u3000]*$" if data.get("finding_labels") else r"(?!x)x")
    data["_target_lead"] = re.compile(
        f"[ \u3000]*(?:{alt(data['target_labels'])})[ \u3000]*[：:]" if data.get("target_labels") else r"(?!x)x")
    cells = data.get("cell_labels")  # 【整改要求】…, 【整改期时限】…: a cell's label in square brackets (d51b)
    data["_cell_label"] = re.compile(
        f"{re.escape(cells['open'])}([^{re.escape(cells['close'])}\n]{{1,{cells['label_max']}}}){re.escape(cells['close'])}"
    ) if cells else None
    goals = data.get("goal_sections", {})
    data["_section_heading"] = re.compile(goals.get("heading", r"(?!x)x"), re.M)
    data["_goal_words"] = tuple(goals.get("words", ()))
    data["_goal_subheading"] = re.compile(goals.get("subheading", r"(?!x)x"), re.M)
    data["_goal_horizon"] = re.compile(goals.get("horizon", r"(?!x)x"))
    stat = data.get("statistic", {})  # a count in a clause (已办结7件): the judge's statistics feature
    count = data.get("count_clause")  # …要求立行立改的有8项: a piece that ends with a count after 的 (d47)
    data["_count_end"] = re.compile(
        f"的[^，,。；;的]{{0,{count['noun_max']}}}?(?:{alt(count['links'])})?\\s*(?:[0-9０-９]+|[一二三四五六七八九十百千两]+)\\s*"
        f"(?:{alt(stat.get('approximate', []))})?\\s*(?:{alt(list(stat.get('units', [])) + list(count['extra_units']))})"
        f"[\\s\u3000]*$") if count else None
    data["_statistic"] = re.compile(f"(?<![0-9０-９])[0-9０-９]+(?:\\.[0-9]+)?\\s*(?:{alt(stat.get('approximate', []))})?\\s*"
                                    f"(?:{alt(stat['units'])})" if stat.get("units") else r"(?!x)x")
    done = data.get("done_counts")  # 约谈270余人，处罚企业1100余家: a piece that ends in a count of what was done (d52b)
    data["_done_count_end"] = re.compile(
        f"(?<![0-9０-９.])[0-9０-９]+(?:\\.[0-9]+)?\\s*(?:{alt(stat.get('approximate', []))})?\\s*"
        f"(?:{alt(list(stat.get('units', [])) + list((count or {}).get('extra_units', [])))})(?:次)?[\\s\u3000]*$"
    ) if done and stat.get("units") else None
    data["_done_modal"] = re.compile(f"(?:{alt(done['modals'])})") if done else None
    attitudes = data.get("attitude_pieces")  # 树牢“四个意识”; 把思想和行动统一到…上来: an attitude (d52b)
    data["_attitude_core"] = re.compile("|".join(attitudes["cores"])) if attitudes else None
    data["_attitude_piece"] = re.compile("|".join(attitudes["cores"] + attitudes["others"])) if attitudes else None
    data["_attitude_lead"] = re.compile(  # 各地各部门要…, 要求各督察组…: the marker, the addressee, the adverbs before it
        f"(?:{data['enumerators'][0]}|{alt(data['cut_markers'])})?(?:[{CJK}、]{{0,24}}?(?:{alt(data['bodies'])})"
        f"(?:{alt(data['cut_markers'])})|[{CJK}、]{{0,24}}?(?:{alt(data['bodies'])}))?(?:{alt(data['slogan_adverbs'])})?")
    assess = data.get("assessment_ends")  # …，扎实推进…工作，取得一定成效: what the work achieved (d52b)
    data["_assessment_end"] = re.compile(assess["ends"]) if assess else None
    data["_assessment_not"] = tuple(assess.get("not", ())) if assess else ()
    st = data.get("statement_copula")  # 推进…是贯彻落实…，创新…的有力行动: what the work is, a statement (d52b)
    data["_statement_copula"] = re.compile(
        rf"[^，,。；;]{{1,{st['piece_max']}}}?(?<!{'|'.join(map(re.escape, st['not_before']))})(?:{alt(st['verbs'])})(?!否)"
    ) if st else None
    data["_statement_end"] = re.compile(rf"的[^，,。；;的]{{0,8}}(?:{alt(st['ends'])})[ \u3000]*$") if st else None
    data["_section_labels"] = frozenset(data.get("section_labels", ()))  # (一)指导思想。…: a section's name (d52b)
    data["_announcement_subject"] = re.compile(  # 督察工作将以…的形式…开展: the inspection itself before 将 (d52b)
        f"(?:{alt(data['announcement_subjects'])})[ \u3000]*$") if data.get("announcement_subjects") else None
    data["_note_head"] = re.compile(f"[（(〔【\\[](?:{alt(data.get('note_heads', []))})" if data.get("note_heads") else r"(?!x)x")
    # 责任单位：市生态环境局 / 完成时限：2019年12月底前 as a row of a task list: who answers or by when, no duty
    data["_note_row"] = re.compile(f"[ \u3000]*(?:{alt(data.get('note_heads', []))})[：:]" if data.get("note_heads") else r"(?!x)x")
    # (市环保局牵头,市经信委配合,各县市区人民政府负责落实): a note of who answers, opened by the body that leads
    data["_note_lead"] = re.compile(rf"[（(〔【\[][^）)\]〕】，,。]{{2,24}}?(?:{alt(data['note_lead_verbs'])})[，,）)\]〕】]"
                                    if data.get("note_lead_verbs") else r"(?!x)x")
    data["_plan_cue"] = re.compile("|".join(data.get("plan_cues", [r"(?:实施|工作|整改)方案", r"阶段[(（]"])), re.M)
    data["_title_in"] = re.compile(f"(?:{titles})")
    # 抓好巡视整改是当前最重要的政治任务: no comma before 是, but what follows it ranks the task — a statement
    data["_copula_bare"] = re.compile(rf"[^，,。；;]{{2,{data.get('copula_subject_max', 16)}}}?(?:就是|更是|也是|是)"
                                      rf"(?:{'|'.join(data['copula_ranks'])})"
                                      if data.get("copula_ranks") else r"(?!x)x")
    # 下阶段的工作重点是…; 督察工作的重点是…: what the focus is, a statement (not 重点是否…)
    data["_copula_subject"] = re.compile(rf"[^，,。；;]{{0,12}}?(?:{alt(data['copula_subjects'])})(?:就)?是(?!否)"
                                         if data.get("copula_subjects") else r"(?!x)x")
    says = data.get("document_says")
    data["_document_says"] = re.compile(
        rf"(?:(?:{alt(says['connectives'])})[，,])?[^，,。；;：:\n]{{0,{says['lead_max']}}}?(?:{alt(says['nouns'])})"
        rf"(?:{alt(says['adverbs'])})?(?:{alt(says['verbs'])})[，,：:]?") if says else None  # 细则提出，…: its content
    data["_guide_phrase"] = re.compile("|".join(data["guide_phrases"]) if data.get("guide_phrases") else r"(?!x)x")
    guide = data.get("document_guide")  # 《整改方案》要求，以…为指导，…: the document's guiding thought (d44)
    data["_document_guide"] = re.compile(
        rf"[ \u3000]*(?:(?:{alt(says['connectives'])})[，,])?[^，,。；;：:\n]{{0,{says['lead_max']}}}?(?:{alt(says['nouns'])})"
        rf"(?:{alt(says['adverbs'])})?(?:{alt(guide['verbs'])})[，,：:][ \u3000]*"
        rf"(?:{'|'.join(guide['guides'] + data.get('guide_phrases', []))})") if says and guide else None
    data["_ask_object_heads"] = tuple(sorted(data.get("ask_object_heads", ()), key=len, reverse=True))
    plan = data.get("plan_markers") or {}  # 计划在…开展…, 准备用…: a body's plan, where plan_markers allow
    data["_plan_words"] = frozenset(plan.get("words", ()))
    data["_plan_after"] = tuple(plan.get("after", ()))
    data["_plan_before"] = plan.get("before", "")
    data["_marker"] = re.compile(f"(?:{alt(data['markers'] + list(plan.get('words', ())))})")
    data["_marker_plain"] = re.compile(f"(?:{alt(data['markers'])})")  # without the plan words: a raw search
    data["_cut_marker"] = re.compile(f"(?:{alt(data['cut_markers'])})")
    data["_action_head"] = re.compile(f"(?:{alt(data['action_heads'])})")
    data["_ordering"] = re.compile(f"(?:{alt(data['ordering_verbs'])})[，,：:]?$")
    data["_not_marker"] = re.compile(f"(?:{alt(data['not_markers'])})")
    data["_verb"] = re.compile(f"(?:{verbs})")
    data["_verb_attribute_after"] = tuple(data.get("speech_verb_attribute_after", ()))
    data["_adverbial"] = re.compile("|".join(f"(?:{a})" for a in data["adverbials"]))
    data["_title_end"] = re.compile(rf"(?P<t>{titles})(?P<n>[{CJK}]{{2,3}})$")
    data["_name_title_end"] = re.compile(rf"(?P<n>[{CJK}]{{2,3}}?)(?P<t>{titles})$")
    orgs = alt(data["org_suffixes"])
    data["_org_start"] = re.compile(rf"(?P<o>[{CJK}]{{1,12}}?(?:{orgs}))(?=[{CJK}])")
    data["_title_name"] = re.compile(rf"(?P<t>(?:{titles}))(?P<n>[{CJK}]{{2,3}}?)(?=[出主在，,、率到等同和与参])")
    data["_ask"] = re.compile(f"(?:{alt(data['ask_words'])})")
    data["_ask_body"] = re.compile(rf"(?:{alt(data['bodies'] + data['ask_bodies'])})(?:“[^”]{{1,8}}”)?")
    data["_ask_after_subject"] = tuple(data["ask_after_subject"])
    data["_person_after"] = re.compile(f"(?:{alt(data['person_suffixes'])})")
    data["_assign"] = re.compile(rf"由(?P<who>[{CJK}、]{{2,30}}?(?:{orgs}|{alt(data['bodies'])}))"
                                 rf"(?:{alt(data['assign_verbs'])})")
    data["_assign_framed"] = re.compile(rf"由(?P<who>[{CJK}、]{{2,30}}?(?:{orgs}|{alt(data['bodies'])}))"
                                        rf"(?=(?:{alt(data['assign_verbs'])})|[{CJK}]{{2}})")  # 对…，由…局建立台账
    data["_slogans"] = frozenset(data["slogans"])
    data["_goal_slogan"] = re.compile(rf"(?:{alt(data['goal_slogan_markers'])})[^，,。；;：:]*?"
                                      rf"(?:{alt(data['goal_objects'])})") if data.get("goal_objects") else None
    data["_goal_modal"] = re.compile(f"(?:{alt(data.get('goal_slogan_modals', ['要', '应', '须', '将', '请']))})")
    data["_slogan_head"] = re.compile(f"(?P<mk>(?:{data['enumerators'][0]})|(?:{alt(data['cut_markers'])}))?"
                                      f"(?:{alt(data['slogan_adverbs'])})?")
    data["_standing_verb"] = re.compile(f"(?:{alt(data['standing_verbs'])})")
    data["_past"] = _past_pattern(data["past_words"], data.get("past_not", ()))
    data["_conditional"] = re.compile(f"(?:{alt(data['conditional_heads'])})")
    data["_commitment"] = frozenset(data["commitment_markers"])
    data["_verb_noun_before"] = tuple(data["verb_noun_before"])
    data["_subject"] = re.compile(f"(?:{alt(data['subject_pronouns'])})")
    data["_body_end"] = re.compile(rf"(?:{alt(data['bodies'])})(?:“[^”]{{1,8}}”)?")
    data["_addressee"] = re.compile(rf"((?:各|省|市|县|区)?[{CJK}、]{{0,24}}?(?:{alt(data['bodies'])}))$")
    data["_frame_words"] = tuple(data.get("frame_words", ()))
    obj, word = data.get("demand_noun_object", {}), rf"(?:(?!要求)[{CJK}])"
    data["_demand_verb"] = re.compile(f"(?:{alt(data['demand_noun_before'])})") \
        if data.get("demand_noun_before") else None
    data["_demand_noun"] = re.compile(  # 贯彻…意见和市政府要求, 落实上级要求, 提出了整改要求: the verb governs 要求
        rf"(?:{alt(data.get('demand_noun_before', []))})(?!{alt(obj.get('not_after_verb', ['不']))})"
        rf"(?:{alt(obj.get('particles', ['了']))})?"
        rf"(?:(?:(?!要求)[^，,。；;：:]){{1,{obj.get('modifier_max', 20)}}}?(?:{alt(obj.get('coordinators', ['和']))}))?"
        rf"(?:(?:(?!要求)[^，,。；;：:]){{0,{obj.get('modifier_max', 20)}}}?的{word}{{0,{obj.get('attribute_max', 4)}}}"
        rf"|(?:(?!的){word}|《[^》]{{1,40}}》|“[^”]{{1,40}}”){{0,{obj.get('bare_attribute_max', 8)}}})$") \
        if data.get("demand_noun_before") else None
    data["_procedure"] = _procedure_pattern(data, alt) if data.get("procedure") else None
    fs = data.get("framed_subject", {})
    body = rf"(?:各|省|市|县|区)?[{CJK}、]{{0,16}}?(?:{alt(data['bodies'] + data['org_suffixes'])})"
    data["_framed_modal"] = tuple(fs.get("modals", ()))
    data["_framed_body"] = re.compile(body)
    data["_framed_object"] = re.compile(  # 对不符合条件的企业 | 县政府 (要求…): the object, then the body
        rf"(?:{alt(data.get('frame_heads', ['对']))})[^，,。；;：:]{{1,{fs.get('object_max', 40)}}}?的[{CJK}]{{0,4}}?"
        rf"(?:{alt(fs['object_nouns'])})(?P<body>{body})$") if fs.get("object_nouns") else None
    data["_not_standing"] = tuple(data.get("not_standing", ()))
    data["_periodic_words"] = frozenset(data.get("periodic_words", ()))
    data["_periodic_verb"] = re.compile(f"(?:{alt(data.get('periodic_verbs', ['检查']))})")
    data["_deadline_verb"] = re.compile(f"(?:{alt(data.get('deadline_verbs', ['报送']))})")
    data["_announcement"] = tuple(data.get("announcement_words", ()))
    data["_second_markers"] = tuple(data.get("second_subject_markers", ()))
    data["_closing_formulas"] = frozenset(data.get("closing_formulas", ()))
    data["_demand_prepositions"] = tuple(data.get("demand_noun_prepositions", ()))
    rows = data.get("table_rows")
    data["_table_row"] = re.compile(  # 整改措施 | 加强…: a table's row label, then its separator
        rf"([{CJK}（）() \u3000]{{2,{rows['label_max']}}}?)\s*(?:{alt(rows['separators'])})\s*") if rows else None
    data["_announcement_markers"] = frozenset(data.get("announcement_markers", ()))
    team = data.get("announcement_team")  # 督察组拟于…对我县开展…督察: a team announces its inspection (d47)
    data["_announcement_teams"] = tuple(team["teams"]) if team else ()
    data["_announcement_team_act"] = re.compile(
        f"(?:{alt(team.get('verbs') or [team['verb']])})[^，,。；;]{{0,{team['acts_gap']}}}?(?:{alt(team['acts'])})") \
        if team else None  # d51: 开展 or 下沉 (督察组将下沉地市督察: the inspection's next stage)
    data["_announcement_plain"] = tuple(data.get("announcement_plain_words", ()))
    data["_frame_heads"] = tuple(sorted(data.get("frame_heads", ("对",)), key=len, reverse=True))
    data["_lead_frames"] = tuple(data["lead_frames"])  # 对…，要…: an order's object phrase before its marker
    data["_object_frames"] = tuple(data["object_frames"])  # …，对…，要…: an object phrase that opens a new order
    data["_article"] = re.compile(data.get("article_heads", r"(?!x)x"))
    data["_sentence_head"] = re.compile(f"(?:{alt(data.get('sentence_heads', ['进一步']))})")
    data["_transfer"] = re.compile(f"(?:{alt(data['transfer_verbs'])})") if data.get("transfer_verbs") else None
    data["_attribute_copulas"] = tuple(data.get("attribute_copulas", ()))
    data["_attribute_markers"] = tuple(data.get("attribute_markers", ()))
    data["_sanction"] = re.compile(f"(?:{alt(data['sanction_heads'])})") if data.get("sanction_heads") else None
    data["_preamble_heads"] = tuple(data.get("preamble_heads", ()))
    data["_preamble_ends"] = tuple(data.get("preamble_ends", ()))
    data["_duty_head"] = re.compile(f"(?:{alt(data.get('duty_heads', []) + data.get('sentence_heads', []) + data['action_heads'])})")
    data["_content_colon"] = tuple(data.get("content_colon_words", ()))
    labels = data.get("progress_labels", ())  # 整改进展情况：… above numbered items of what was done (d54b)
    data["_progress_label"] = re.compile(f"(?:{alt(labels)})[ \u3000]*[：:]") if labels else None
    data["_label_line"] = re.compile(data.get("progress_label_other", r"(?!x)x"))
    data["_future_after"] = tuple(data.get("future_after", ()))
    data["_pledge_verbs"] = tuple(data.get("pledge_verbs", ()))
    data["_body_after_slogan"] = bool(data.get("body_after_slogan"))
    data["_topic_end"] = re.compile(f"(?:{alt(data.get('topic_ends', ['问题']))})$")
    data["_subject_end"] = re.compile(rf"(?:{alt(data['bodies'] + data['org_suffixes'] + data['titles'] + data.get('subject_ends', []) + data.get('topic_ends', []))})$")
    data["_subject_body"] = re.compile(rf"(?:各|省|市|县|区)?[{CJK}、()（）]{{0,16}}?(?:{alt(data['bodies'] + data['org_suffixes'])})")
    bd = data.get("body_duty") or {}  # 市住建局负责城市黑臭水体整治: a body, then 负责 and a verb — a duty without 由
    who = rf"(?P<who>(?:各|省|市|县|区)?[{CJK}、()（）]{{0,16}}?(?:{alt(data['bodies'] + data['org_suffixes'] + bd.get('bodies', []))}))"
    duty = rf"(?:{alt(bd.get('adverbs', []))})?(?:{alt(bd.get('verbs', []))})(?!{alt(bd.get('not_after', ['人']))})(?=[{CJK}])"
    data["_body_duty"] = re.compile(who + duty) if bd else None
    # 领导小组办公室设在局办公室，负责统筹…: the body, a piece of its own, then 负责
    whole = rf"(?!{alt(data['bodies'] + data['org_suffixes'] + bd.get('bodies', []))})"  # 领导小组|办公室: the whole name
    data["_body_duty_after"] = re.compile(who.replace("{0,16}", "{0,24}") + whole + r"[^，,。；;：:]{1,20}[，,]" + duty) \
        if bd else None
    data["_item_keeps"] = tuple(data.get("item_keeps_markers", ()))
    data["_task_section_words"] = tuple(data.get("task_section_words", ()))
    data["_subject_roles"] = tuple(data.get("subject_roles", ()))
    data["_goal_lead"] = re.compile("|".join(data["goal_leads"]) if data.get("goal_leads") else r"(?!x)x")
    data["_cut_adverbs"] = tuple(sorted(data.get("cut_marker_adverbs", ()), key=len, reverse=True))
    data["_second_in_clause"] = data.get("second_subject_scope") == "clause"
    data["_marker_opens_piece"] = bool(data.get("marker_opens_piece"))
    data["_second_not_ends"] = tuple(data.get("second_subject_not_ends", ()))
    data["_second_nouns"] = tuple(data.get("second_subject_nouns", ()))
    data["_after_order_adverbs"] = tuple((w, tuple(sorted(ms, key=len, reverse=True)))
                                         for w, ms in data.get("after_order_adverbs", {}).items())
    data["_demand_after"] = re.compile(data["demand_noun_after"]) if data.get("demand_noun_after") else None
    data["_second_subject"] = re.compile(rf"[{CJK}](?:[{CJK}{data.get('second_subject_joiners', '')}]*[{CJK}])?")
    data["_pair_heads"] = tuple(data.get("paired_marker_heads", ()))  # 既要…，又要…: one order in two parts
    data["_object_markers"] = frozenset(data.get("markers_with_object", ()))  # …，现场督促，: no object, no order
    np_ = data.get("narrative_purpose") or {}  # 县领导深入现场调度，确保…: what an act was for
    data["_narrative_markers"] = frozenset(np_.get("markers", ()))
    data["_narrative_subject"] = re.compile(
        rf"(?:{alt(np_['subjects'])})[{CJK}]{{{np_.get('verb_min', 2)},}}") if np_.get("subjects") else None
    data["_speech_verb"] = re.compile(f"(?:{verbs})")
    data["_principle_name"] = re.compile(goals.get("principle_name", r"(?!x)x"))  # 二、基本原则 (d48)
    meeting = data.get("meeting_names")  # …督促检查工作会议日前召开: a marker inside a meeting's name (d48)
    data["_meeting_name"] = re.compile(
        f"[^，,。；;：:、！!？?\n]{{0,{meeting['gap']}}}?(?:{alt(meeting['nouns'])})") if meeting else None
    data["_meeting_after"] = re.compile(
        f"[^，,。；;：:、！!？?\n]{{0,{meeting['verb_gap']}}}?(?:{alt(meeting['verbs_after'])})") if meeting else None
    data["_meeting_before"] = re.compile(alt(meeting["verbs_before"])) if meeting else None
    data["_meeting_verb"] = re.compile(alt(meeting["verbs_after"])) if meeting else None
    data["_demand_predicates"] = tuple(data.get("demand_noun_predicates", ()))  # 要求均…, 要求不严格 (d49)
    fl = data.get("findings_lists")  # 还存在以下问题：一是…；二是…: a list of what was found lacking (d49)
    data["_findings_not_after"] = tuple(fl.get("not_after_noun", ())) if fl else ()
    data["_findings_lead"] = re.compile(
        f"(?:{alt(fl['nouns'])})[^，,。；;：:！!？?\n]{{0,{fl['after_noun']}}}[：:]") if fl else None
    sv = fl.get("sentence_verbs") if fl else None  # …但仍然存在一些薄弱环节。一是…: a sentence leads the list (d55)
    data["_findings_sentence_lead"] = re.compile(
        f"(?:{alt(sv)})[^，,。；;：:！!？?\n]{{0,16}}?(?:{alt(fl['nouns'])})[^，,。；;：:！!？?\n]{{0,{fl['after_noun']}}}。"
    ) if sv else None
    tn = data.get("title_names")  # 副市长应国君参加会议: a surname that is a marker, after a title (d55)
    data["_title_names"] = (tuple(tn["markers"]), tuple(data["titles"]), tn["name_max"], tuple(tn["after"])) if tn else None
    dl = data.get("done_lists")  # 我镇加大…力度，一是组织…；二是召开…: a body's list of what it did (d51)
    data["_done_lead"] = re.compile(
        f"(?<![^，,。；;\n])(?:{alt(data['subject_pronouns'])})[^，,。；;：:！!？?\n]{{0,{dl['gap']}}}[，,：:]") if dl else None
    docs = data.get("document_names")  # 下达责令整改通知书: a marker inside the name of a document handed over (d49)
    data["_document_markers"] = frozenset(docs.get("markers", ())) if docs else frozenset()
    data["_document_name"] = re.compile(
        f"(?:(?!{alt(docs['not_between'])})[^，,。；;：:、！!？?“”\n]){{0,{docs['gap']}}}?(?:{alt(docs['nouns'])})"
    ) if docs else None
    data["_aim"] = re.compile(alt(data["aim_words"])) if data.get("aim_words") else None  # 旨在… (d48)
    data["_commitment_copulas"] = tuple(data.get("commitment_copulas", ()))  # 将成为, 将是: no commitment (d48)
    data["_invitation"] = re.compile(alt(data["invitation_words"])) if data.get("invitation_words") else None
    return data


def _past_pattern(words: list[str], not_past: list[str] | tuple = ()) -> re.Pattern:
    """``past_words`` (已, 了…), each unless it ends a word of ``past_not`` (改不了: a duty one cannot do at once, no
    report of what was done — d52)."""
    parts = []
    for w in sorted(words, key=len, reverse=True):  # the word first, then what may not end there: the scan for the
        # words' first characters stays as fast as before (a lookbehind first would test every position)
        parts.append(re.escape(w) + "".join(f"(?<!{re.escape(n)})" for n in not_past if n.endswith(w) and n != w))
    return re.compile(f"(?:{'|'.join(parts)})")


def _procedure_pattern(data: dict, alt) -> re.Pattern:
    """请, a person — a name (a surname and one or two characters, or a masked name: 李xx) or a post, after at most
    one organ or a description led by its level (省…) that is no body addressed (not 各…/有关…) — then right away an
    agenda verb: a meeting's order of business (请李县长讲话, 请省环境监测站专家做…分析报告), matched from 请 to the
    clause's end (``procedure`` in directive_rules.json)."""
    p = data["procedure"]
    posts = alt(data["titles"] + data["person_suffixes"] + p["persons"])
    surname = alt(_surnames())
    char = rf"(?:(?!{alt(p.get('not_in_org', ['各']))})[{CJK}])"  # not 县政府各部门…: a body addressed
    organ = rf"(?!{alt(p['not_org_heads'])})(?:{char}{{1,16}}?(?:{alt(data['org_suffixes'] + p['org_ends'])})" \
            rf"|(?:{alt(p.get('org_levels', []))}){char}{{1,12}}?)"  # 县环保局王局长; 省大气污染防控专家xx
    masked = p.get("masked_name", r"(?!x)x")  # 李xx, 张某: a name the page hides
    person = rf"(?:(?:{surname})(?:{masked}|[{CJK}]{{0,2}}?)|{masked})?(?:{posts})" \
             rf"|(?:{posts})?(?:(?:{surname})(?:{masked}|[{CJK}]{{1,2}}?)|{masked})"
    verbs = "|".join(f"(?:{v})" for v in p["verbs"])
    return re.compile(rf"请(?:{organ})?(?:{person})(?:{verbs})")


_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_CLAUSE_BREAK = re.compile(r"[，,：:]")
_COPULA = re.compile(r"[，,]\s*(?:是|就是|更是|也是)")
_COPULA_PIECE = re.compile(r"[^，,。；;]*?(?:是|为)(?!否)")  # 环保督察不是一阵风; 一把手为责任人: a statement (d50)



def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of sentences: cut at 。！？； and at line breaks (briefing lines are paragraphs or titles)."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]


def _known_people(text: str, r: dict) -> dict[str, str]:
    """name → name+title, from 副省长杨光荣 / 省政府副省长杨光荣 anywhere in the text."""
    people = {}
    for m in r["_title_name"].finditer(text):
        people.setdefault(m["n"], m["n"] + m["t"])
    return people


_ORG_END = ("委", "省", "市", "县", "区", "府", "局", "厅", "部", "组", "办", "会")


def _actor_in(prefix: str, people: dict[str, str], r: dict) -> str | None:
    """The speaker named in the words before a speech verb, or None."""
    part = re.split(r"[，,：:]", prefix)[-1]
    part = r["_adverbial"].sub("", part).strip()
    if not part:
        return None
    m = r["_title_end"].search(part)
    if m:
        return m["n"] + m["t"]
    m = r["_name_title_end"].search(part)
    if m and not m["n"].endswith(_ORG_END):
        return people.get(m["n"], m["n"] + m["t"])
    for name, full in people.items():
        if part.endswith(name):
            return full
    m = r["_org_start"].match(part + "。")
    if m and len(part) <= 32 and not part.startswith("会议"):
        return m["o"]
    if "会议" in part or part.endswith(("会", "会上")):
        return "会议"
    if len(part) <= 4 and re.fullmatch(rf"[{CJK}]{{2,4}}", part) and part.endswith(_ORG_END):
        return part
    if re.fullmatch(rf"[{CJK}]{{2,3}}", part) and (part[:2] in _surnames() or part[0] in _surnames()) \
            and not part.startswith(("各", "全", "该", "我", "本")):
        return part  # 黄成强调，… : a name alone, its post given elsewhere or not at all
    return None


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(read_list("pii", "surnames.txt"))


def _speaker(sentence: str, people: dict[str, str], r: dict) -> tuple[str, int, bool] | None:
    """(actor, end of the speech verb, whether the verb itself orders) when the sentence opens with a speaker."""
    for m in r["_verb"].finditer(sentence):
        before = re.split(r"[，,：:]", sentence[:m.start()])[-1]
        if r["_verb_noun_before"][0] in before[-3:] or any(w in before for w in r["_verb_noun_before"][1:]):
            continue  # 关于…的重要批示, …的必然要求: a noun, not someone speaking
        if m.group(0) == "要求" and _demand_noun(sentence, m.start(), r):
            continue  # 市审计局认真贯彻…意见和市政府要求，积极落实…: what is carried out, not someone speaking
        if sentence.startswith(r["_verb_attribute_after"], m.end()):
            continue  # 不局限于“通报”中提出的问题: an attribute of what follows, nobody speaking
        if sentence[m.end():].strip() in ("。", "；", ";", "！", "!", "？", "?"):
            continue  # …废水必须达到排放标准要求。: the verb ends the sentence, nothing is said (…强调：\n says it next)
        actor = _actor_in(sentence[:m.start()], people, r)
        if actor:
            return actor, m.end(), bool(r["_ordering"].search(sentence[:m.end()])) or _proposes(sentence, m, actor, r)
        if m.start() > 120:
            break
    return None


def _proposes(sentence: str, m: re.Match, actor: str, r: dict) -> bool:
    """Whether the speech verb ``m`` is one of ``proposing.verbs`` (提出) with a comma or a colon right after it and
    ``actor`` a meeting, a body or an official, not one who only remarks (``not_speakers``: 专家提出，…): 会议提出，各乡镇
    加快推进…; 调研组提出，加强… — the clause after it is an order, as after 要求 (d53)."""
    pv = r.get("proposing")
    return bool(pv) and m.group(0) in pv["verbs"] and sentence[m.end():m.end() + 1] in ("，", ",", "：", ":") \
        and not actor.endswith(tuple(pv["not_speakers"]))


def _paragraph_subject(text: str, start: int, r: dict) -> str | None:
    """A body that opens a paragraph (常德市参照…，张家界市在…): the speaker of what follows."""
    m = r["_org_start"].match(text, start)
    if not m or m["o"].startswith(("各", "全")) or r["_ask"].match(m["o"]) or m["o"].startswith("由"):
        # 各区各部门要…, 请交通局…, 由市局牵头…: an addressee, not a speaker
        return None
    return m["o"] if m["o"].endswith(("市", "县", "区", "州", "省", "政府", "局")) else None


_PIECE_START = re.compile(r"[，,：:。；;！!？?\n]")


def _piece_before(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the comma piece that ends at ``pos`` (``pos`` itself, or a comma right before it)."""
    end = pos - 1 if pos > 0 and text[pos - 1] in "，," else pos
    start = end
    while start > 0 and not _PIECE_START.match(text, start - 1):
        start -= 1
    return start, end


def _is_marker_at(text: str, pos: int, r: dict, key: str = "_marker") -> bool:
    if r["_not_marker"].match(text, pos) or (pos > 0 and r["_not_marker"].match(text, pos - 1)):
        return False
    m = r[key].match(text, pos)
    if not m:
        return False
    if _in_named_quote(text, pos, r):  # …提出的“要…”理解不深刻: a quoted order named as a thing
        return False
    if r.get("_title_names") and _title_name_at(text, pos, m.group(0), r):
        return False  # 副市长应国君参加会议并讲话: a person's name after a post, no order (d55)
    if m.group(0) == "要求" and _demand_noun(text, pos, r):  # 根据…要求, 贯彻…要求: a noun
        return False
    if m.group(0) == "要求" and text.startswith(r["_demand_predicates"], m.end()):
        return False  # 与…要求均存在较大差距, 整改要求具体到位: the noun before its predicate (d49)
    if m.group(0) in r["_plan_words"] and not (
            (pos == 0 or text[pos - 1] in r["_plan_before"] or r["_subject_end"].search(text, _piece_before(text, pos)[0], pos))
            and text.startswith(r["_plan_after"], m.end())):
        return False  # 计划在…开展…: a plan; 行动计划, 当年计划退出村, 准备工作: names
    if m.group(0) in r["_object_markers"] and (m.end() >= len(text) or text[m.end()] in _PIECE_ENDS):
        return False  # 分管领导具体抓、现场督促，…: the verb without its object ends the piece — an act, no order
    if m.group(0) in r["_narrative_markers"] and _narrative_purpose(text, pos, r):
        return False  # 县领导深入现场调度，确保件件有落实: what the officials' act was for
    if r["_meeting_name"] and _in_meeting_name(text, pos, m.end(), r):
        return False  # …督促检查工作会议日前召开: the marker is part of a meeting's name, no order (d48)
    if m.group(0) in r["_document_markers"] and r["_document_name"].match(text, m.end()):
        return False  # 对20家单位下达了责令整改通知书: the marker is part of a document's name, no order (d49)
    if r["_aim"] and _after_aim(text, pos, r):
        return False  # 督查行动旨在提升…，督促其履职尽责: what the act aims at, no order (d48)
    if m.group(0) in r["_commitment"] and text.startswith(r["_commitment_copulas"], m.end()):
        return False  # …环保问题将成为督查组重点督办内容: what a thing will be, no commitment (d48)
    if m.group(0) in r["_commitment"]:  # 将 after a subject (督察组将…), not 把-将 at a clause start
        if text.startswith(r["_future_after"], m.end()):
            return True  # 将按规定交由…, 将继续…, 将于…: 将 of the future wherever it stands
        if pos > 0 and text[pos - 1] in "，," and m.end() < len(text) and text[m.end()] not in "其该此这":
            a, b = _piece_before(text, pos)  # …，对整改不力的地方，将组织… / …整改的，将纳入…
            if b > a and (text.startswith(r["_frame_heads"], a) or text[b - 1] == "的"):
                return True
        if r["_pledge_verbs"] and text.endswith(r["_pledge_verbs"], 0, pos - 1 if text[pos - 1:pos] in "，," else pos):
            return True  # …逐一作了表态发言，表示将深刻反省…; 该公司承诺将…: a pledge's 将 of the future (d53)
        if pos == 0 or text[pos - 1] in "，,：:。；;、\n 　“" or r["_enum"].match(text, max(0, pos - 2)):
            return False
        a, _ = _piece_before(text, pos)  # 督察组将…, …不到位的将…: after a body, a person or a condition
        return bool(r["_subject_end"].search(text, a, pos) or r["_subject"].fullmatch(text, a, pos))  # 该镇将…
    return True


_PIECE_ENDS = "，,。；;：:！!？?、\n"


def _title_name_at(text: str, pos: int, marker: str, r: dict) -> bool:
    """Whether the marker ``marker`` at ``pos`` is a surname (``title_names``: 应) right after an office title, with one
    or two characters of a given name and then a verb of attending or speaking or a punctuation mark after it
    (副市长应国君参加会议并讲话): a person's name, no marker (d55; not 市长应亲自抓…: no name follows)."""
    markers, titles, name_max, after = r["_title_names"]
    if marker not in markers or not text.endswith(titles, 0, pos):
        return False
    start = pos + len(marker)
    for n in range(1, name_max + 1):
        name = text[start:start + n]
        if len(name) == n and all("\u4e00" <= c <= "\u9fff" for c in name) and text.startswith(after, start + n):
            return True
    return False


def _after_aim(text: str, pos: int, r: dict) -> bool:
    """Whether one of ``aim_words`` (旨在, 目的是) stands before ``pos`` in its sentence (since the last 。；！？ or line
    break): what follows says what an act or a meeting aims at (…行动旨在提升…，督促其履职尽责)."""
    start = pos
    while start > 0 and text[start - 1] not in _SENTENCE_ENDS:
        start -= 1
    return bool(r["_aim"].search(text, start, pos))


_SENTENCE_ENDS = "。；;！!？?\n"


def _in_meeting_name(text: str, pos: int, end: int, r: dict) -> bool:
    """Whether the marker at [pos, end) stands inside the name of a meeting (``meeting_names``): the name ends, with no
    punctuation between, in a meeting's noun (工作会议, 推进会) that is then held (召开, 举行 follow) or that the
    piece before the marker says was held or attended (召开, 出席): 市政府督促检查工作会议日前召开."""
    name = r["_meeting_name"].match(text, end)
    if not name or r["_meeting_before"].search(text, end, name.end()) \
            or r["_meeting_verb"].search(text, end, name.end()):
        return False  # 要求各地召开专题会议: an order to hold a meeting, not a name
    if r["_meeting_after"].match(text, name.end()):
        return True
    start = pos
    while start > 0 and not _PIECE_START.match(text, start - 1):
        start -= 1
    return bool(r["_meeting_before"].search(text, start, pos))


def _reports_done(text: str, start: int, end: int, r: dict) -> bool:
    """Whether [start, end) reports what was done: a ``past_words`` word (已, 了) that does not open an attribute —
    after a coordinator or a preposition (``past_attribute``'s before) and up to a 的 in its comma piece
    (公开正在核查和已通过核查公司的信息, 对已完成整改的问题: a thing named, not a report)."""
    attr = r.get("past_attribute") or {}
    for m in r["_past"].finditer(text, start, end):
        stop = min([k for k in (text.find(c, m.end(), end) for c in _PIECE_ENDS) if k >= 0] or [end])
        if not (m.start() > 0 and text[m.start() - 1] in attr.get("before", ())
                and attr.get("end", "\0") in text[m.end():stop]):
            return True
    return False


_TEXT_SEEN = threading.local()  # what this thread worked out once for the last text it read (see _memo)


def _memo(text: str, r: dict) -> dict:
    """This thread's memory for ``text`` under the rules ``r``: what a question asked at every clause of the text
    works out once for the whole of it (the answers of :func:`_narrative_purpose`, the open brackets of
    :func:`_in_note`, the last quotation mark of :func:`_in_named_quote`), forgotten when another text is read."""
    seen = getattr(_TEXT_SEEN, "last", None)
    if seen is None or seen[1] is not r or seen[0] != text:
        seen = _TEXT_SEEN.last = (text, r, {})
    return seen[2]


def _narrative_purpose(text: str, pos: int, r: dict) -> bool:
    """Whether the marker at ``pos`` (after a comma) says what a narrated act was for (``narrative_purpose``): its
    clause has no marker, no speech verb and no enumerator before it, and a piece there holds a person by post
    followed by what they did (6月13日，县领导深入现场调度，确保…; 分管领导具体抓、现场督促，确保…).  Each position is
    answered once per text: the markers before it are read with this question again for each earlier 确保, which
    without the memory doubled the time at each ，确保 of a sentence (review43)."""
    if r["_narrative_subject"] is None or pos == 0 or text[pos - 1] not in "，,":
        return False
    answers = _memo(text, r).setdefault("narrative_purpose", {})
    if pos not in answers:
        answers[pos] = _narrative_purpose_read(text, pos, r)
    return answers[pos]


def _narrative_purpose_read(text: str, pos: int, r: dict) -> bool:
    start = max(text.rfind(c, 0, pos) for c in "。；;！!？?\n") + 1
    before = text[start:pos]
    if r["_enum"].match(before.lstrip()) or r["_speech_verb"].search(before) \
            or any(_is_marker_at(text, i, r) for i in range(start, pos)):
        return False
    return any(r["_narrative_subject"].search(piece) for piece in re.split("[，,]", before))


def _in_named_quote(text: str, pos: int, r: dict) -> bool:
    """Whether ``pos`` stands inside a quotation, within its sentence, whose opening mark follows a word of
    ``named_quotes.after`` (…提出的“要…”: the head of a noun phrase, not a spoken order)."""
    spec = r.get("named_quotes")
    if not spec:
        return False
    memo = _memo(text, r)
    if "quote_marks" not in memo:
        memo["quote_marks"] = _last_before(text, set(_QUOTE_STOPS).union(*spec["pairs"]))
        memo["quote_closed"] = {pair[1]: text.rfind(pair[1]) for pair in spec["pairs"]}
    i = memo["quote_marks"][pos]  # the nearest sentence end or quotation mark before pos
    if i < 0 or pos - i >= _QUOTE_REACH or text[i] in _QUOTE_STOPS:
        return False
    for pair in spec["pairs"]:
        if text[i] == pair[1]:
            return False  # a quotation closed before pos
        if text[i] == pair[0]:
            return text.endswith(tuple(spec["after"]), 0, i) and memo["quote_closed"][pair[1]] >= pos
    return False


_QUOTE_STOPS = "。！？!?\n"  # a named quotation is looked for within its sentence …
_QUOTE_REACH = 200  # … and this many characters before the marker


def _last_before(text: str, chars: set[str]) -> list[int]:
    """For each position 0 … len(text), the last index before it that holds one of ``chars``, or -1: one pass."""
    out, last = [-1] * (len(text) + 1), -1
    for i, ch in enumerate(text):
        out[i] = last
        if ch in chars:
            last = i
    out[len(text)] = last
    return out


def _document_content(text: str, s_start: int, s_end: int, r: dict) -> int | None:
    """Where a document's measures start when the sentence opens with a piece that names a document and what it says
    (``document_says``: 细则提出，; 《意见》明确，) and the next piece opens with an action (``duty_heads``); else None."""
    m = r["_document_says"].match(text, s_start, s_end) if r["_document_says"] else None
    if not m:
        return None
    start = m.end()
    while start < s_end and text[start] in " 　":
        start += 1
    return start if r["_duty_head"].match(text, start, s_end) else None


def _framed_subject(text: str, a: int, marker_pos: int, r: dict) -> tuple[int, int, int] | None:
    """(addressee start, end, action start) when a body and an object framed by a frame head stand before a modal
    or an order word at ``marker_pos`` in one comma piece (``framed_subject``): the body, then 对…
    (有关部门对落实不到位的企业要依法处理: 有关部门, the action from 对), or 对…的企业 then the body
    (对不符合条件的企业县政府要求限期关停: 县政府, the action from 对); else None."""
    if not r["_framed_modal"] or not text.startswith(r["_framed_modal"], marker_pos):
        return None
    s = marker_pos
    while s > a and not _PIECE_START.match(text, s - 1):
        s -= 1
    for i in range(s + 1, marker_pos):
        if text.startswith(r["_frame_heads"], i) and r["_framed_body"].fullmatch(text, s, i):
            return s, i, i
    m = r["_framed_object"].match(text, s, marker_pos) if r["_framed_object"] else None
    return (m.start("body"), m.end("body"), s) if m else None


def _demand_noun(text: str, pos: int, r: dict) -> bool:
    """Whether 要求 at ``pos`` is a noun: after a ``frame_words`` word (根据…要求, 按照…要求) in its comma piece, or
    the object of a verb that governs it (``demand_noun_before``, ``demand_noun_object``: 贯彻…意见和市政府要求,
    落实上级要求, 不符合环评要求; not 对整改落实不到位的企业县环保局要求…)."""
    a, _ = _piece_before(text, pos)
    if any(w in text[a:pos] for w in r["_frame_words"]):
        return True
    if r["_demand_after"] and r["_demand_after"].match(text, pos + 2):
        return True  # 时间要求非常严格, 工作要求及…部署: a noun before a coordinator or an adverb of degree
    obj = r.get("demand_in_object")
    piece = max(text.rfind(c, 0, pos) for c in "，,。；;：:\n") + 1  # 要求 and its frame in one comma piece
    if obj and any(f in text[piece:pos] for f in obj["frames"]):
        if obj["particle"] in text[pos + 2:_piece_end(text, pos, len(text))]:
            return True  # 对督察组要求提供的相关资料没有…: the object's relative clause names a thing
    for w in r["_demand_prepositions"]:  # 做到与省环保督察工作要求“对表”: the object of 与, not a speaker (not …局与…局要求)
        k = text.rfind(w, a, pos)
        if a <= k and pos - k - len(w) >= 2 and not r["_subject_end"].search(text, k + len(w), pos) \
                and not r["_person_after"].search(text, k + len(w), pos):
            return True
    return bool(r["_demand_verb"] and any(r["_demand_noun"].match(text, m.start(), pos)
                                          for m in r["_demand_verb"].finditer(text, a, pos)))


def _slogan(text: str, start: int, end: int, r: dict, short: int) -> bool:
    """Whether [start, end) is a slogan: a marker (and an enumerator) before words that are listed as one
    (要动真碰硬, 要敢于担当) or, when ``short`` > 0, before at most ``short`` characters without a list or an
    object (要提高站位, 要统一指挥): words that name an attitude, not a task."""
    head = r["_slogan_head"].match(text, start, end)
    core = text[head.end():end]
    if core in r["_slogans"]:
        return True
    return bool(head["mk"]) and 0 < len(core) <= short and not any(ch in core for ch in "、，,的“《") and bool(
        re.fullmatch(rf"[{CJK}]+", core))


class _Cuts:
    """The cut positions of :func:`_clauses`, kept sorted: the last cut at or before a position is found by bisection
    (a clause of thousands of commas costs its commas, not their square)."""

    def __init__(self, first: int):
        self._sorted = [first]

    def add(self, pos: int) -> None:
        i = bisect.bisect_left(self._sorted, pos)
        if i == len(self._sorted) or self._sorted[i] != pos:
            self._sorted.insert(i, pos)

    def last_at(self, pos: int) -> int:
        return self._sorted[bisect.bisect_right(self._sorted, pos) - 1]

    def sorted(self) -> list[int]:
        return list(self._sorted)


def _clauses(text: str, start: int, end: int, r: dict, ordered: bool = False, duty: bool = False,
             deadlines: dict[int, int] | None = None, cadences: dict[int, int] | None = None):
    """Cut [start, end) at enumerators, at a comma followed by a marker (or by an object phrase 对… and
    then a marker), and — inside an order — at a comma followed by the head of the next action.  A piece that
    is a slogan (要提高站位，…) leads into the words after it: no cut follows it but at a marker.  ``duty``: the
    sentence is one of a short numbered duty's orders (d50), an order without a marker of its own.  ``deadlines``:
    those that may lead a clause (:func:`_deadline_led`); ``cadences``: the valued recurrences, start → end
    (:func:`_cadence_led`)."""
    deadlines, cadences = deadlines or {}, cadences or {}
    cuts = _Cuts(start)
    breaks = list(_CLAUSE_BREAK.finditer(text, start, end))
    for m in r["_enum"].finditer(text, start, end):
        if m.start() == start or text[m.start() - 1] in "，,：:。；;\n 　" \
                or r["_subject"].fullmatch(text, start, m.start()):
            cuts.add(m.start())
    short = r["slogan_length"]
    marks = None  # the markers of [start, end), read once where a second subject needs them (not per comma)
    for n, m in enumerate(breaks):
        last_cut = cuts.last_at(m.start())
        if (text.startswith(r["_lead_frames"], _lead_end(text, last_cut, r)) or _body_then_frame(text, last_cut, r)) \
                and not any(_is_marker_at(text, i, r) for i in range(last_cut, m.start())):
            continue  # 对…，要…: the order includes its object phrase (up to its marker); so after a body (d51)
        if m.end() < end and text[m.start()] in "，," and _cadence_led(text, m.end(), end, cadences, r) \
                and not any(_is_marker_at(text, i, r) for i in range(last_cut, m.start())):
            cuts.add(m.end())  # …落实整改措施，每天，各小组组长召开联席会…: a standing duty of its own (d52)
            continue
        item = r["_enum"].match(text, last_cut)
        if _deadline_led(text, item.end() if item else last_cut, deadlines, r) == m.start():
            continue  # 5月20日前，各乡镇要…: a deadline alone leads the clause after it (d51b)
        if m.end() < end and text[m.start()] in "，," and _duty_after_comma(text, last_cut, m.start(), end, r):
            cuts.add(m.end())  # …，督查工作结束后，督查室负责第一时间…通报; …设在局办公室，负责统筹…: a body's duty
            continue
        if m.end() < end and text[m.start()] in "，," and _ask_at(text, m.end(), end, r):
            cuts.add(m.end())  # …，同时要求执法大队加强监管…: an order to an addressee of its own
            continue
        led = _slogan(text, last_cut, m.start(), r, short)
        item = r["_enum"].match(text, last_cut)
        prev = max(breaks[n - 1].start() + 1, last_cut) if n else last_cut  # after the break before this one
        if item and item.group(0).endswith(r["_item_keeps"]) and (_cut_marker_after(
                text, m.end(), r, last_cut) or ordered) and not (prev > last_cut and text.startswith(r["_object_frames"], prev)):
            continue  # 一是要提高…，要以…为统领，加强…: an enumerated item stays whole to its sentence's end
            # (not …，对环境信访交办件…，要认真办结…: an object phrase and its own marker, a new order)
        if m.end() < end and (_cut_marker_after(text, m.end(), r, last_cut) or text.startswith(
                tuple(r["_commitment"]), m.end()) and _is_marker_at(text, m.end(), r)):  # …，要… / …的，将纳入…
            if prev == last_cut and (r["_topic_end"].search(text, prev, m.start()) or text[m.start() - 1] == "的") \
                    and not r["_copula_bare"].match(text, prev, m.start()) and not _slogan(
                    text, last_cut, m.start(), r, short) and not any(
                    _is_marker_at(text, i, r) for i in range(prev, m.start())):
                continue  # 其他…信访问题，将按规定交由…处理; 能立即解决的，要立即解决: the topic, then its order
                # (not …整改是一项重要政治任务，要…: a statement that ranks the task, then the order)
            if prev > last_cut and text.startswith(r["_object_frames"], prev):
                if not _slogan(text, last_cut, prev - 1, r, short) and not _addressees_only(text, last_cut, prev - 1, r):
                    cuts.add(prev)  # …，对环境信访交办件和突出环境问题，要认真办结…
            elif prev > last_cut and _subject_as(text, prev, m.start(), r):
                cuts.add(prev)  # …，主要负责人作为第一责任人，要亲自研究部署: the subject in its role, then its order
            elif prev > last_cut and (r["_conditional"].match(text, prev) or text[m.start() - 1] == "的"):
                continue  # 要严格追责问责，如出现…等问题，要依法依纪处理: one order
            else:
                cuts.add(m.end())
        elif led and not (r["_body_after_slogan"] and _body_order_after(text, m.end(), end, r)):
            continue  # 要掌握信息，提前预警，…: one order under its slogan (not …，各县市区要…: a body's own, d53)
        elif ordered and m.end() < end and r["_action_head"].match(text, m.end()) \
                and not _short_piece_at(text, m.end(), end, r) and not _guide_opening(text, last_cut, prev, m.start(), r):
            cuts.add(m.end())  # a list of actions after 要求 or 要: each its own directive
            # (not …，查找症结，迅速整改: a short verb phrase closes the list of one order)
        else:  # ，各专项工作组、整改督办工作组要… : an addressee, then the marker
            framed = text.startswith(r["_frame_heads"], m.end())
            free = not item and not text.startswith(r["_frame_heads"], prev)
            second = free and any(_is_marker_at(text, i, r) and text[i] != "请" for i in range(prev, m.start()))
            # d51: after a clause with a marker of its own before this piece, or a short duty's order, a named
            # subject (…做出表率，工作要狠抓落实; …准备被巡材料，提供的材料要保证…) starts its own order too
            if free and r["_second_in_clause"] and not duty and marks is None:
                marks = [i for i in range(start, end) if text[i] != "请" and _is_marker_at(text, i, r)]
            named = free and r["_second_in_clause"] and (duty or bisect.bisect_left(marks, prev)
                                                           > bisect.bisect_left(marks, last_cut))
            lead = _deadline_led(text, m.end(), deadlines, r) if named or second else None
            second = second or lead is not None
            lead = lead if second else None
            if lead is not None and _second_marker_after(text, lead + (text[lead] in "，,"), end, r):
                cuts.add(m.end())  # …整改落实，8月7日前金元村、石宝沟村要完成…: a deadline, a subject, its own order
                continue
            for k in range(m.end() + 2, min(m.end() + 26, end)):
                if text[k] in "，,。；;":
                    break
                if (second or named and (r["_subject_end"].search(text, m.end(), k)
                                         or text.endswith(r["_second_nouns"], m.end(), k))) \
                        and k - m.end() <= r.get("second_subject_max", 0) and _is_marker_at(text, k, r) \
                        and text.startswith(r["_second_markers"], k) and not text.startswith("要求", k) \
                        and r["_second_subject"].fullmatch(text, m.end(), k) \
                        and not text.endswith(r["_second_not_ends"], m.end(), k) \
                        and not any(_is_marker_at(text, i, r) for i in range(m.end(), k)):
                    cuts.add(m.end())  # …均应安装脱硝设施，新型干法水泥窑要实施…: a second subject, its own order
                    break
                if _is_marker_at(text, k, r) and not (r["_marker_opens_piece"] and _is_marker_at(text, m.end(), r)) \
                        and (framed or r["_addressee"].search(text[m.end():k])
                                                  or r["_subject"].fullmatch(text, m.end(), k)
                                                  or text[k - 1] == "的" or r["_topic_end"].search(text, m.end(), k)
                                                  and not text.startswith("要求", k)
                                                  and not re.search(r"[0-9]", text[m.end():k])):
                    cuts.add(m.end())  # …，正在整改的要确保序时进度 / …，对于交办问题要…: a subject or object
                    break
    bounds = cuts.sorted() + [end]
    for a, b in zip(bounds, bounds[1:]):
        while b > a and text[b - 1] in "。；;！!？?，, \n":
            b -= 1
        if b > a:
            yield a, b


def _cadence_led(text: str, pos: int, end: int, cadences: dict[int, int], r: dict) -> bool:
    """Whether a comma piece that is a valued recurrence alone (每天，; 每月，) starts at ``pos`` and the comma piece
    after it holds a standing duty's verb (:func:`_standing_verb`: 每天，各小组组长召开联席会…): a standing duty that
    its cadence leads, after a clause without a marker of its own (d52)."""
    e = cadences.get(pos)
    if e is None or e >= end or text[e] not in "，,":
        return False
    piece = _piece_end(text, e + 1, end)
    return _standing_verb(text, e + 1, piece, r) or _cadence_verb(text, e + 1, piece, r)


def _cadence_verb(text: str, pos: int, piece_end: int, r: dict) -> bool:
    """Whether a verb of a 定期 duty (``periodic_verbs``: 召开, 监测, 抽查…) follows ``pos`` — a valued recurrence's end —
    before ``piece_end``, the end of its comma piece (:func:`_piece_end`): 原则上每月召开领导小组例会; 每年至少进行一次…
    监测分析; 每季度对…抽查 (d52; not 暗访组…，…每2小时洒水: a verb before the recurrence or after its comma names no
    cadence of its own)."""
    return _verb_in(text, pos, piece_end, r["_periodic_verb"], r)


def _piece_end(text: str, pos: int, end: int) -> int:
    """The end of the comma piece that ``pos`` is in (the next clause break before ``end``, or ``end``)."""
    stop = _CLAUSE_BREAK.search(text, pos, end)
    return stop.start() if stop else end


def _cadences(time_expressions: list[dict]) -> list[dict]:
    """The valued recurrences among ``time_expressions`` (每天, 每月, 每季度…): the cadences a standing duty keeps."""
    return [t for t in time_expressions if t["type"] == "recurrence" and t["value"]]


def _body_order_after(text: str, pos: int, end: int, r: dict) -> bool:
    """Whether a body (a name that ends in one of ``bodies`` or ``org_suffixes``: 各县市区, 市生态环境局) and then its
    own marker of ``second_subject_markers`` open the comma piece at ``pos``: 要坚持问题导向，各县市区要对照清单逐项销号 —
    a body's duty among a meeting's orders, its own order even after a slogan (d53)."""
    for k in range(pos + 2, min(pos + r.get("second_subject_max", 0) + 1, end)):
        if text[k] in "，,。；;：:":
            return False
        if _is_marker_at(text, k, r) and text.startswith(r["_second_markers"], k) and not text.startswith("要求", k):
            return bool(r["_subject_body"].fullmatch(text, pos, k))
    return False


def _second_marker_after(text: str, pos: int, end: int, r: dict) -> bool:
    """Whether a bare noun phrase of at most ``second_subject_max`` characters (or none) and then a marker of
    ``second_subject_markers`` (not 要求) follow ``pos`` in its comma piece: a subject and its own order."""
    for k in range(pos, min(pos + r.get("second_subject_max", 0) + 1, end)):
        if text[k] in "，,。；;：:":
            return False
        if _is_marker_at(text, k, r) and text.startswith(r["_second_markers"], k) and not text.startswith("要求", k):
            return k == pos or bool(r["_second_subject"].fullmatch(text, pos, k)) \
                and not text.endswith(r["_second_not_ends"], pos, k)
    return False


def _addressees_only(text: str, a: int, b: int, r: dict) -> bool:
    """Whether [a, b) is an item's enumerator (if any) and its addressees only (1.市直相关部门、各乡镇): they lead the
    order whose object phrase follows, no order of their own."""
    item = r["_enum"].match(text, a)
    return bool(r["_addressee"].fullmatch(text[item.end() if item else a:b].strip()))


def _guide_opening(text: str, last_cut: int, prev: int, comma: int, r: dict) -> bool:
    """Whether the piece [prev, comma) is the first of its order (``prev`` is the order's cut) and names only what the
    order follows (``guide_openings``: a verb of following and an end of what is followed — 要深入贯彻习近平生态文明
    思想; 要坚决按照督察工作要求): the order goes on into the next piece (d54)."""
    guide = r.get("guide_openings")
    if not guide or prev != last_cut:
        return False
    piece = text[prev:comma].rstrip(" \u3000")
    return piece.endswith(tuple(guide["ends"])) and any(v in piece for v in guide["verbs"])


def _short_piece_at(text: str, start: int, end: int, r: dict) -> bool:
    """Whether the comma piece that starts at ``start`` is no longer than ``action_cut_min_piece`` characters."""
    return _piece_end(text, start, end) - start <= r.get("action_cut_min_piece", 0)


def _duty_after_comma(text: str, last_cut: int, comma: int, end: int, r: dict) -> bool:
    """Whether the piece after the comma at ``comma`` is a body's duty (``body_duty``, not marked as done): a body
    then 负责 (…，督查室负责第一时间…通报), or 负责 alone after a clause that a body opens without a marker
    (领导小组办公室设在局办公室，负责统筹… — not 区委农办要结合…任务，负责指导…: under its own marker the duty goes on
    the order)."""
    pos = comma + 1
    if not r["_body_duty"] or r["_past"].search(text, pos, end):
        return False
    if r["_body_duty"].match(text, pos, end):
        return True
    verb = _duty_verb_at(text, pos, r)
    lead = r["_body_duty_after"].match(text, last_cut, end) if verb else None
    return bool(lead) and lead.end() == pos + len(verb) \
        and not any(_is_marker_at(text, i, r) for i in range(last_cut, comma))


def _duty_verb_at(text: str, pos: int, r: dict) -> str:
    """The words of ``body_duty`` (an adverb, then 负责) that start at ``pos``, or ''."""
    bd = r.get("body_duty") or {}
    for adverb in [""] + list(bd.get("adverbs", [])):
        for verb in bd.get("verbs", []):
            if text.startswith(adverb + verb, pos):
                return adverb + verb
    return ""


def _subject_as(text: str, a: int, b: int, r: dict) -> bool:
    """Whether the comma piece [a, b) is a subject in its role — a body or a person, then ``subject_roles``
    (主要负责人作为第一责任人; 各级党委政府作为责任主体) — with no marker: what the order after it is addressed to."""
    for w in r["_subject_roles"]:
        k = text.find(w, a, b)
        if k > a and (r["_subject_end"].search(text, a, k) or r["_person_after"].search(text, a, k)) \
                and not any(_is_marker_at(text, i, r) for i in range(a, b)):
            return True
    return False


def _cut_marker_after(text: str, pos: int, r: dict, since: int) -> bool:
    """Whether an order's marker starts at ``pos`` (after a comma): the marker itself (…，要…) or an adverb before
    it (…，还要防止…; 更要, 也要: ``cut_marker_adverbs``) — not the second half of 既要…，又要… (one order in two parts:
    since ``since``, the clause's start, no ``paired_marker_heads`` word before a marker) — or, after an order with a
    marker of its own since ``since``, an ``after_order_adverbs`` word and one of its markers (…，既要…; …，并要…)."""
    if _is_marker_at(text, pos, r, "_cut_marker"):
        return True
    for adverb, markers in r["_after_order_adverbs"]:  # …要…，既要…; …，并要与…: after an order of its own (d51)
        k = pos + len(adverb)
        if text.startswith(adverb, pos) and text.startswith(markers, k) and not text.startswith("要求", k) \
                and _is_marker_at(text, k, r, "_cut_marker") and any(_is_marker_at(text, i, r) for i in range(since, pos)):
            return True
    adverb = next((w for w in r["_cut_adverbs"] if text.startswith(w, pos)), None)
    return bool(adverb) and _is_marker_at(text, pos + len(adverb), r, "_cut_marker") and not any(
        text.startswith(h, i) and _is_marker_at(text, i + len(h), r, "_cut_marker")
        for h in r["_pair_heads"] for i in range(since, pos))


def _topic_then_limit(text: str, a: int, inside: list[dict], r: dict) -> bool:
    """Whether the clause at ``a`` names what is due (its first comma piece ends with a ``topic_ends`` noun:
    …承办落实情况) and a time limit follows right after it, or after the comma (…情况在会后7日内上报; …情况，在…规定的期限内
    上报): the duty of a rule without a subject."""
    for t in inside:
        if t["type"] == "date":
            continue
        k = t["start"]
        while k > a and text[k - 1] in "，, ":
            k -= 1
        m = re.search(r"(?:在|于)?[^，,。；;：:]{0,30}$", text[a:k])  # 在区政府督查室…规定的: what leads the limit
        head = a + m.start() if m else k
        while head > a and text[head - 1] in "，, ":
            head -= 1
        return head > a and bool(r["_topic_end"].search(text, a, head)) \
            and not _CLAUSE_BREAK.search(text, a, head)
    return False


def _lead_end(text: str, pos: int, r: dict) -> int:
    """Where the words of a clause at ``pos`` begin: after spaces and the number of a rule's article
    (``article_heads``: 第六条  对…，各成员单位要…)."""
    while pos < len(text) and text[pos] in " \u3000\t":
        pos += 1
    m = r["_article"].match(text, pos)
    if m:
        pos = m.end()
        while pos < len(text) and text[pos] in " \u3000\t":
            pos += 1
    return pos


def _body_then_frame(text: str, pos: int, r: dict) -> bool:
    """Whether the clause at ``pos`` opens with a body and then an object phrase (``object_frames``) in its first
    comma piece, with no marker before it (纪检监察部门对工作不力，…，推诿扯皮的要严肃问责): the body's order takes
    the whole object phrase, its pieces included (``body_frames``, d51)."""
    if not r.get("body_frames"):
        return False
    pos = _lead_end(text, pos, r)
    piece_end = _piece_end(text, pos, len(text))
    for f in r["_object_frames"]:
        k = text.find(f, pos + 2, piece_end)
        if k > pos and r["_addressee"].fullmatch(text, pos, k) \
                and not any(_is_marker_at(text, i, r) for i in range(pos, k)):
            return True
    return False


def _framed_far(text: str, a: int, marker_pos: int, r: dict) -> bool:
    """Whether a phrase that frames the order (对…的政府信息，) opens the clause [a, …) and the marker stands in the comma
    piece right after it, however long the frame (``framed_order_piece`` characters at most from the comma: 对涉及公众
    利益调整…的政府信息，行政机关应当主动公开)."""
    lead = _lead_end(text, a, r)
    if not text.startswith(r["_frame_heads"], lead):
        return False
    comma = _CLAUSE_BREAK.search(text, lead, marker_pos)
    return bool(comma) and not _CLAUSE_BREAK.search(text, comma.end(), marker_pos) \
        and marker_pos - comma.end() <= r.get("framed_order_piece", 0)


def _ask_at(text: str, pos: int, end: int, r: dict) -> bool:
    """Whether an order to an addressee of its own opens at ``pos`` — 要求/请/责成 and the body (:func:`_asked_until`),
    after a connective (``ask_connectives``: 同时要求执法大队加强监管…) or not: after a comma, inside an enumerated item
    too, it is an order of its own (GUIDELINES.md: a part with its own addressee and marker is its own)."""
    pos += next((len(w) for w in r.get("ask_connectives", ()) if text.startswith(w, pos)), 0)
    return _asked_until(text, pos, end, r) is not None


def _asked_until(text: str, start: int, end: int, r: dict, time_start: int | None = None) -> int | None:
    """After 要求/请/责成 at ``start``: where the addressee ends — after a body (…部门, …联络组, 全市, …局,
    …负责同志) that is not followed by 及/和/、 (a list goes on) and before the first time expression
    (``time_start``: 要求各村在第二天中午12点前…上报镇党委办公室 names no 各村…镇) — when an order of at least four
    characters follows; else None."""
    ask = r["_ask"].match(text, start)
    if not ask or r["_ask_object_heads"] and text.startswith(r["_ask_object_heads"], ask.end()):
        return None  # 要求对…进行管控, 要求把…纳入…: a frame, no addressee (``ask_object_heads``)
    limit = min(ask.end() + 24, end, time_start if time_start is not None and time_start > ask.end() else end)
    pos = ask.end()
    while pos < limit:
        m = r["_ask_body"].search(text, pos, limit)
        if not m or any(ch in "，,。；;" for ch in text[ask.end():m.end()]):
            return None
        stop = m.end()
        person = r["_person_after"].match(text, stop, end)
        if person:  # 请市政府主要负责同志亲自督办: the body's people are the addressee
            stop = person.end()
        if stop < end and text[stop] not in "及和与、的等" and end - stop >= 4:
            return stop
        pos = m.end()
    return None


def find_directives(text: str, time_expressions: list[dict], rules_: dict | None = None,
                    candidates: bool = False) -> list[dict]:
    """Directives with actor, addressee, exact action span and governing deadline (a time expression).

    The rules (compiled by :func:`compile_rules`; the shipped ones when None) match the folded view of the text
    (simplified, half-width, mirror-page pinyin removed: see :mod:`.view`) with the words that page breaks split
    joined again (see :mod:`.pages`); ``start``/``end``, ``action`` and ``addressee`` are taken from ``text`` as
    given — except that the page breaks a directive holds are left out of its ``action`` (``三要进一步紧`` and
    ``盯环境保护…`` across a page read ``三要进一步紧盯环境保护…``; ``start``/``end`` still span the break) — and the
    actor is given in simplified characters (it names a person or body, whatever the page's script)."""
    r = rules_ if rules_ is not None else rules()
    view = fold_view(text)
    joined = rejoin(view.text)

    def back(a: int, b: int) -> tuple[int, int]:
        return view.span_through(*joined.span(a, b))

    mapped = [dict(t, start=joined.index(view.index(t["start"])), end=joined.index(view.index(t["end"])))
              for t in time_expressions]
    for t in mapped:  # the rules read a time expression as folded too: 30個工作日內(nèi) is 30个工作日内 (it ends in 内)
        t["text"] = joined.text[t["start"]:t["end"]]
    removed = [(view.at(a), view.at(b)) for a, b in joined.removed]  # the page breaks taken out, in ``text``
    # a document that reports to a body in its own voice (…情况报告如下, 请予审议): the judge may take its directives
    # away (not one with a deadline or an assignment), adds none
    reporting = candidates and _reports_to_a_body(joined.text, r)
    found = []
    for d in _find(joined.text, mapped, time_expressions, r):
        if not (candidates or d["rule"]):
            continue
        start, end = back(d.pop("start"), d.pop("end"))
        who = back(*d["who"]) if d["who"] else None
        found.append({"actor": d["actor"], "addressee": _without(text, *who, removed) if who else None,
                      "action": _without(text, start, end, removed), "start": start, "end": end,
                      "deadline": d["deadline"]})
        if candidates:
            found[-1].update(rule=d["rule"], reason=d["reason"], features=d["features"],
                             removable=_removable(text, start, end, d["features"], r, d["deadline"], reporting),
                             addable=not reporting and not any(d["features"].get(k)
                                                               for k in r.get("judge_not_addable_features", ())))
    return found


def find_candidates(text: str, time_expressions: list[dict], rules_: dict | None = None) -> list[dict]:
    """Every clause the rules weigh, as :func:`find_directives` gives a directive, with ``rule`` (whether the
    rules take it), ``reason`` (why not) and ``features`` (what a learned model reads: :mod:`.learned`)."""
    return find_directives(text, time_expressions, rules_, candidates=True)


def _without(text: str, start: int, end: int, removed: list[tuple[int, int]]) -> str:
    """``text[start:end]`` without the page breaks inside it (a line break and the page number around it)."""
    parts, pos = [], start
    for a, b in removed:
        if a >= end:
            break
        if b <= pos:
            continue
        parts.append(text[pos:a])
        pos = b
    parts.append(text[pos:end])
    return "".join(parts)


def _find(text: str, time_expressions: list[dict], originals: list[dict], r: dict) -> list[dict]:
    """The rules over folded ``text``; offsets, time expressions included, are folded ones.  Every clause is a
    candidate: ``rule`` says whether the rules take it for a directive, ``features`` what a learned model reads
    of it (:mod:`.learned`), ``reason`` why the rules leave it out."""
    people = _known_people(text, r)
    order = sorted(range(len(time_expressions)), key=lambda i: time_expressions[i]["start"])
    time_expressions = [time_expressions[i] for i in order]
    originals = [originals[i] for i in order]
    starts = [t["start"] for t in time_expressions]  # the deadline of a clause: found by bisection, not a scan
    led = _lead_deadlines(time_expressions, r)  # 8月6日前，…: the deadlines that may lead a clause
    cadences = {t["start"]: t["end"] for t in _cadences(time_expressions)}  # 每天，… (d52)
    actor = None
    out = []
    n_rule = 0
    listed = _listed_paragraphs(text, r)
    document = _document_features(text, r)
    reporting = _reports_to_a_body(text, r)  # …情况汇报如下: its numbered 一是… under 一、…情况 report what was done
    carried = False  # the sentence before ended in ；inside an order or a plan: its list goes on
    ordered_paragraph = False  # a sentence of this paragraph gave orders: a sentence that starts so goes on
    under_heading, last_clause = False, 0  # after a short numbered duty closed by 。: its orders go on (d50)
    for s_start, s_end in sentences(text):
        sentence = text[s_start:s_end]
        if s_start == 0 or text[s_start - 1] == "\n":
            actor = _paragraph_subject(text, s_start, r) or actor
            ordered_paragraph = under_heading = False
        spoken = _speaker(sentence, people, r)
        body_start = s_start
        ordering = bool(spoken and spoken[2])
        if spoken:
            actor = spoken[0]
            body_start = s_start + spoken[1]
            while body_start < s_end and text[body_start] in "，,：: ":
                body_start += 1
        said = _document_content(text, s_start, s_end, r) if not ordering else None
        guide_said = bool(r["_document_guide"] and r["_document_guide"].match(text, s_start, s_end))
        if said is not None:  # 细则提出，加强…: a document's content reported as its measures
            ordering, body_start = True, said
        in_order = ordering or any(_is_marker_at(text, i, r, "_cut_marker")
                                   for i in range(body_start, min(body_start + 3, s_end)))
        in_order = in_order or (carried and bool(r["_action_head"].match(text, body_start)))
        goes_on = not spoken and (carried or ordered_paragraph) and (
            bool(r["_sentence_head"].match(text, body_start)) and not _reports_done(text, body_start, s_end, r)
            or _framed_action(text, body_start, s_end, r))  # 会议要求…。进一步强化…；强化…; 对…的问题，开展…
        heading_on = under_heading and not spoken and not r["_enum"].match(text, body_start) \
            and not _reports_done(text, body_start, s_end, r) and not _COPULA_PIECE.match(text, body_start) \
            and not _figures(text, body_start, s_end, time_expressions) and not _guiding(text, body_start, s_end, r)
        # 一是提高认识，认清形势。下大功夫…: the duty's orders (not 优良天数12天，排…: the figures that explain it)
        cut_actions = in_order or goes_on  # heading_on: commas keep its pieces together (GUIDELINES: one order)
        goes_on = goes_on or heading_on
        in_order = in_order or goes_on
        n_before = n_rule
        headline = _headline(text, s_start, s_end, r)
        preamble = _preamble(text, s_start, s_end, r)
        for k, (a, b) in enumerate(_clauses(text, body_start, s_end, r, cut_actions, heading_on, led, cadences)):
            clause = text[a:b]
            enum = r["_enum"].match(text, a)
            marker_pos = None
            purpose = _purpose_span(text, a, b, r)
            framed_by_guide = _guide_frames(text, a, b, r) + purpose
            order_from = purpose[0][1] if purpose else a  # an order after a purpose is near its own start
            cell = r["_cell_label"].match(text, a, b) if r["_cell_label"] and (a == 0 or text[a - 1] == "\n") else None
            for i in range(cell.end() if cell else a, b):  # 【整改要求】…: the 要求 of a cell's label is no marker
                if _is_marker_at(text, i, r) and not any(g0 < i < g1 for g0, g1 in framed_by_guide):
                    marker_pos = i  # 以抓好…为契机: a marker inside a guide phrase is no order of its own
                    break
            past = bool(r["_past"].search(text, _after_frame(text, a, b, r), b))
            assigned = r["_assign"].match(text, a) or _framed_assignment(text, a, b, r) \
                or (not past and r["_body_duty"] and (r["_body_duty"].match(text, a, b) or _duty_verb_at(text, a, r)
                                                      and r["_body_duty_after"].match(text, body_start, b)))
            # 由…厅、…局共同成立…; 市住建局负责城市黑臭水体整治: a duty given to a body
            j0 = bisect.bisect_left(starts, a)
            inside = [t for t in time_expressions[j0:bisect.bisect_left(starts, b)] if t["end"] <= b]
            beats = _cadences(inside)
            standing = not past and (
                bool(beats) and _standing_verb(text, a, b, r)
                or any(_cadence_verb(text, t["end"], _piece_end(text, t["end"], b), r) for t in beats)
                or any(t["type"] == "recurrence" and t["text"] in r["_periodic_words"] for t in inside)
                and bool(r["_periodic_verb"].search(text, a, b)))  # 每周报送…; 对…实施定期检查, 不定期开展暗访
            due = not past and any((t["type"] == "deadline" or t["type"] in ("duration", "vague") and t["text"].endswith("内"))
                                   and not (r["_goal_horizon"].fullmatch(t["text"]) and _in_goal_section(text, a, r))
                                   for t in inside) and _verb_in(text, a, b, r["_deadline_verb"], r) \
                and (in_order or bool(r["_subject_body"].match(text, a))  # 各单位在…后3个月内报送…
                     or any(t["type"] == "deadline" and t["start"] <= (enum.end() if enum else a) + 1
                            for t in inside)  # 2019年底前完成整改销号: a deadline that leads the duty
                     or _topic_then_limit(text, enum.end() if enum else a, inside, r))  # …落实情况，在…规定的期限内上报
            due = due or not past and _urged(text, enum.end() if enum else a, b, inside, r)
            # 能够整改的问题立即整改到位; 按期完成整改: a duty bound by an urgency word, without an order word (d52)
            transfer = not past and (_transfer(text, a, b, r) or _sanction(text, a, b, r)
                                     or _conditioned(text, enum.end() if enum else a, b, r))
            cell_duty = _cell_duty(text, cell, b, inside, r) if cell and not past else False
            due = due or not past and (bool(enum) and _leads(text, enum.end(), b, led, r)
                                       or _leads(text, a, b, led, r) and not _in_goal_section(text, a, r))
            # 2.2018年11月底前，集中力量铲除…: a numbered measure its deadline leads, whatever its verb (d51b)
            # 对…的问题，纳入年度考核; …问题线索，移交…处理; 篡改…数据的，依法依纪追究责任
            reason, kind, action_start = None, None, a
            if marker_pos is not None and text.startswith(tuple(r["_announcement_markers"]), marker_pos) \
                    and (any(w in clause for w in r["_announcement"])
                         or any(w in text[a:marker_pos] for w in r["_announcement_teams"])
                         and bool(r["_announcement_team_act"].search(text, marker_pos, b))
                         or _inspection_subject(text, a, marker_pos, r)
                         or _team_own_step(text, a, marker_pos, b, r)
                         or _meeting_programme(text, a, marker_pos, r)) \
                    or any(w in clause for w in r["_announcement_plain"]) \
                    and not any(_is_marker_at(text, i, r, "_cut_marker") for i in range(a, b)):
                reason = "announcement"  # 督察组拟于…进驻…; 期间设立专门值班电话…，受理时间为…: an announcement
            elif marker_pos is not None and r["_procedure"] and r["_procedure"].fullmatch(text, marker_pos, b) \
                    and not any(t["type"] != "date" for t in inside if t["start"] >= marker_pos):
                reason = "procedure"  # 请李县长讲话, 请…宣读《…》: a meeting's order of business, not a directive
            elif marker_pos is not None and _attribute_marker(text, marker_pos, r):
                reason = "attribute"  # …整改是必须扛牢的政治任务: what the task is called, a statement (d50)
            elif _contrast_finding(text, a, b, r):
                reason = "finding"  # 《方案》要求…前完成整改，但该县至今未完成: what was required, then a finding
            elif marker_pos is not None and _count_clause(text, a, b, r):
                reason = "count"  # 其中要求立行立改的有8项，要求限期整改的有24项: how many were required, no order
            elif not enum and _done_counts(text, a, b, inside, r):
                reason = "counts"  # 约谈270余人，处罚企业1100余家: figures of what was done, no order (d52b)
            elif _attitudes_only(text, a, b, r):
                reason = "slogans"  # 要树牢“四个意识”，坚定“四个自信”: attitudes, no task (d52b)
            elif _assessment(text, a, b, r):
                reason = "assessment"  # …，扎实推进河长制工作，取得一定成效: what the work achieved (d52b)
            elif clause.strip(" \u3000，,。") in r["_closing_formulas"]:
                reason = "closing"  # 请予审议 alone: a report's closing formula, no one is asked to do anything
            elif not enum and b < len(text) and text[b] in "！!" and not _exclaimed_body(text, a, b, r):
                reason = "exclaimed"  # 坚决打赢污染防治攻坚战！: a slogan
            elif not enum and actor is None and not spoken and not in_order and marker_pos == a and not inside \
                    and _goal_slogan(text, a, b, r):
                reason = "goal_slogan"  # 坚决打赢蓝天保卫战，建设美丽家园 on its own: a slogan with a verb
            elif enum and _section_label(text, enum.end(), b, r):
                reason = "heading"  # (一)指导思想。以…为指导; (三)督查要求：…: a section's name, no task (d52b)
            elif cell_duty:
                kind, action_start = "duty", cell.end()  # 【整改要求】工地严格落实…; 【整改期时限】3月16日前整改完毕 (d51b)
            elif _under_target(text, a, r, "_finding_label"):
                reason = "findings"  # 一、整改问题 …《规划》要求，…不宜开发建设: the finding a task answers (d52b)
            elif _under_target(text, a, r):
                reason = "target"  # 二、整改目标 2018年底前，…完成…: what a rectification task aims at (d51b)
            elif not enum and headline:
                reason = "headline"  # 确保整改成效经得起检验 on a line of its own: a headline
            elif enum and headline and _section_name(text, enum.end(), b, r):
                reason = "heading"  # （一）总体要求, （二）主要目标 on a line of their own: a section's name, no task
            elif preamble:
                reason = "preamble"  # 为…，加快…，制定本方案: what the document is for
            elif guide_said and not enum:
                reason = "guiding_thought"  # 《整改方案》要求，以…为指导，…: the document's guiding thought (d44)
            elif _in_findings_list(text, a, r) or marker_pos is not None and _in_findings_list(text, marker_pos, r):
                reason = "findings"  # 还存在一些不足：一是群众没能够充分发动；二是…: what was found lacking (d49)
            elif _in_principle_section(text, a, r):
                reason = "principle"  # 二、基本原则 （一）统筹兼顾，系统整改。坚持…相结合，…: how a plan is carried out (d48)
            elif _invites(text, a, b, marker_pos, r):
                reason = "invitation"  # 同时，欢迎社会各界监督…: an invitation to the public, no one must act (d48)
            elif _in_note(text, a, b, r):
                reason = "responsibility_note"  # （责任单位：市环保局…）: who answers for the measures before it
            elif not enum and not inside and _slogans_only(text, a, b, r):
                reason = "slogans"  # 要应急谋远，标本兼治
            elif not marker_pos and _under_progress_label(text, a, r):
                reason = "contents"  # 整改进展情况：… 1.开展全面排查。…由…牵头…负责…: what was done, no measure (d54b)
            elif enum and not marker_pos and (_content_list(text, a, r) or _content_item(text, a, b, r)
                                              or not enum.group(0).endswith(("是", "要"))
                                              and _noun_item(text, enum.end(), b, r)):
                reason = "contents"  # 主要了解：1.…资料; 整改完成情况：1、…; （一）…议定的事项；: contents or what was done
            elif enum and (actor or spoken or bisect.bisect_right(listed, a) % 2):
                kind = "item"  # an item under a speaker, or in a paragraph that lists two or more
            elif (ordering or goes_on) and k == 0 and marker_pos is None and _said_statement(text, a, b, r):
                reason = "copula"  # 会议要求，中央生态环境保护督察是…的一项重大改革举措和重大制度安排: what it is (d54)
            elif ((ordering or goes_on) and k == 0) or (in_order and r["_action_head"].match(text, a)):
                kind = "order"
            elif marker_pos is not None and (marker_pos - order_from <= 40 or _framed_far(text, a, marker_pos, r)):
                kind = "marker"
                action_start = marker_pos if marker_pos > a and text[marker_pos - 1] not in "，," else a
                first_piece = _CLAUSE_BREAK.search(text, a, marker_pos)
                if text.startswith(("对", "在", "针对", "围绕", "按照", "根据"), _lead_end(text, a, r)) \
                        or text[marker_pos - 1] == "的" \
                        or first_piece and text[first_piece.start() - 1] == "的" \
                        or r["_topic_end"].search(text, a, marker_pos) or _all_of_things(text, a, marker_pos, r) \
                        or _leads(text, enum.end() if enum else a, marker_pos, led, r):
                    action_start = a  # 对…要…, 已经完成整改的要…, …案件要…: the phrase that frames the order belongs to it
                    # (8月6日前，金元村、石宝沟村要向…提交书面检讨: so does the deadline that leads it, d51 and d51b)
            elif assigned or standing or due or transfer:
                kind = "duty"  # 由…负责…; 各地每周报送…; 各单位在…后3个月内报送…: a duty given to a body
            elif not past and _led_measure(text, a, b, r):
                kind = "duty"  # 二、重点任务 … 以碳中和、碳达峰为统领，…，实施…: a measure its frame leads
            elif enum and not past and _numbered_duty(text, enum.end(), b, r):
                kind = "duty"  # （一）严格划定饮用水水源保护区; 1.严控“两高”行业产能: a numbered measure by its head (d52)
            else:
                # （责任单位：市环保局…）: who answers for the measures before it, not a duty of its own
                first = _CLAUSE_BREAK.search(text, a, b)
                reason = "guiding_thought" if _guiding(text, a, b, r) else \
                    "copula" if r["_copula_subject"].match(text, a, first.start() if first else b) \
                    or first and _COPULA.match(text, first.start()) \
                    or r["_copula_bare"].match(text, a, first.start() if first else b) \
                    or _statement(text, a, b, r) else "no_marker"
                # 开展环境保护督察工作，是…的一项重要制度安排: a statement about the work, not a duty
                # 全面贯彻…，以…为指导: a plan's guiding thought; 下阶段的工作重点是…: what the focus is, a statement
            if reason in ("no_marker", "headline", "contents") and not past and (
                    _task_row(text, a, b, s_start, s_end, r) or enum and _task_item(text, a, r)):
                reason, kind = None, "duty"  # 1.农村生活污水治理设施建设。 责任单位：…: a task list's row (d51b)
            if reason is None:
                first = _CLAUSE_BREAK.search(text, action_start, b)
                if b - action_start < 4:
                    reason = "short"
                elif _COPULA.match(text, first.start() if first else b) \
                        or r["_copula_bare"].match(text, action_start, first.start() if first else b):
                    reason = "copula"  # 抓好…整改工作，是…的重要举措: the subject of a statement, not an order
                elif not enum and _slogan(text, action_start, b, r, 0):
                    reason = "slogan"  # 要动真碰硬 alone: an attitude, not a task
            who = None  # the addressee's (start, end)
            if reason is None:
                if assigned and action_start == a:
                    who = (assigned.start("who"), assigned.end("who"))
                framed = _framed_subject(text, a, marker_pos, r) if who is None and marker_pos is not None else None
                if framed:  # 有关部门对落实不到位的企业要依法处理; 对不符合条件的企业县政府要求…: the body, the object kept
                    who, action_start = framed[:2], min(action_start, framed[2]) if framed[2] < framed[0] \
                        else framed[2]
                h_start = a if action_start > a else body_start
                h_end = action_start if action_start > a else a if a == body_start else h_start
                while h_end > h_start and text[h_end - 1] in "，, ":
                    h_end -= 1
                if text.startswith(r["_ask_after_subject"], action_start):
                    h_end = h_start  # 市政府责成市环保局…: the words before are who orders, the addressee follows
                if standing and who is None and action_start == a:  # 各县市区每周报送…: the subject is the addressee
                    h_start, h_end = a, min([t["start"] for t in time_expressions[j0:] if t["start"] < b] + [b])
                m = r["_addressee"].search(text, h_start, h_end) if h_end > h_start and who is None else None
                if m:
                    w = m.start(1)
                    while w < m.end(1) and text[w] in "，,、":
                        w += 1
                    who = (w, m.end(1)) if w < m.end(1) else None
                if who is None and marker_pos is not None and action_start < marker_pos <= action_start + 25:
                    m = r["_addressee"].fullmatch(text, action_start, marker_pos)
                    if m:  # 全市要迅速行动 / 各专项工作组要…: the addressee, then the order
                        who, action_start = (m.start(1), m.end(1)), marker_pos
                j = bisect.bisect_left(starts, action_start)
                who_end = _asked_until(text, action_start, b, r, starts[j] if j < len(starts) else None) \
                    if who is None else None
                if who_end:  # 要求各区县市及市直相关部门“一把手”担任联络员… / 请市政府主要负责同志亲自督办
                    ask = r["_ask"].match(text, action_start)
                    who, action_start = (ask.end(), who_end), who_end
                elif who is None and r["_ask_object_heads"]:
                    ask = r["_ask"].match(text, action_start)
                    if ask and text.startswith(r["_ask_object_heads"], ask.end()) and b - ask.end() >= 4:
                        action_start = ask.end()  # 要求对…进行管控: the order is its frame and verb, after 要求
            deadline = None
            for j in range(bisect.bisect_left(starts, action_start), len(starts)):
                t = time_expressions[j]
                if t["start"] >= b:
                    break
                if t["end"] <= b and t["type"] != "date":
                    deadline = originals[j]
                    if t["type"] in ("deadline", "recurrence", "duration"):
                        break
            features = _features(text, a, b, r, enum=bool(enum), marker_pos=marker_pos, spoken=bool(spoken),
                                 ordering=ordering, in_order=in_order, goes_on=goes_on,
                                 actor=actor is not None, k=k, past=past, standing=standing, due=due,
                                 assigned=bool(assigned), transfer=transfer, inside=inside, who=who is not None,
                                 after_rule=bool(out) and out[-1]["rule"] and out[-1]["end"] >= a - 2,
                                 document=document, sentence=(s_start, s_end))
            if reason is None and features.get("report_heading"):
                reason = "heading"  # (一)主要指标完成情况, (二)督查方式: a numbered heading of a report, no task
            elif reason is None and kind == "item" and marker_pos is None and reporting \
                    and features.get("report_section") and enum.group(0).endswith("是") \
                    and not (due or assigned or transfer or standing):
                reason = "report_item"  # 现将整改情况汇报如下：一、整改落实情况 一是及时调整…: what was done
            out.append({"actor": actor, "who": who, "start": action_start, "end": b, "deadline": deadline,
                        "rule": reason is None, "reason": reason, "features": features})
            last_clause = a
            n_rule += reason is None
        carried = text[s_end - 1] in "；;" and (n_rule > n_before or carried and in_order)
        ordered_paragraph = ordered_paragraph or (in_order and n_rule > n_before)
        item = r["_enum"].match(text, last_clause) if n_rule > n_before and out[-1]["rule"] else None
        heading = item is not None and (in_order or actor is not None or under_heading) and text[s_end - 1] == "。" \
            and out[-1]["end"] - item.end() <= r.get("heading_body_max", 0)  # 一是提高认识，认清形势。 四要加强监管。
        under_heading = heading or under_heading and goes_on and n_rule > n_before and not r["_enum"].match(
            text, body_start)  # the orders of a short numbered duty go on to the next numbered one (d50)
    _paragraph_features(text, out)
    return out


def _urged(text: str, a: int, b: int, inside: list[dict], r: dict) -> bool:
    """Whether an urgency word of ``urged_limits`` (立即, 按期, 如期, 限期…: a limit without a date) opens the clause at
    ``a`` — right there, or after what it is for (能够整改的问题立即整改到位; 一时改不了的，…) — and a verb of what is
    due (``deadline_verbs``: 整改到位, 完成, 办结…) follows it in its comma piece: a duty without an order word."""
    if not r["_urged_limits"]:
        return False
    for t in inside:
        if t["type"] != "vague" or text[t["start"]:t["end"]] not in r["_urged_limits"] or t["start"] < a:
            continue
        if not _verb_in(text, t["end"], _piece_end(text, t["end"], b), r["_deadline_verb"], r):
            continue
        lead = text[a:t["start"]].strip("，, ")
        return len(lead) <= r.get("urged_lead_max", 0) or not _CLAUSE_BREAK.search(text, a, t["start"]) and (
            text[t["start"] - 1] == "的" or bool(r["_topic_end"].search(text, a, t["start"])))
    return False


def _lead_deadlines(time_expressions: list[dict], r: dict) -> dict[int, int]:
    """The deadlines that may lead a clause, start → end: those of the time stage whose text ends in one of
    ``limit_led_items`` ``ends`` (…底前, …日前, 十月底前, 6月30日之前)."""
    ends = r["_limit_led_ends"]
    return {t["start"]: t["end"] for t in time_expressions
            if ends and t["type"] == "deadline" and t["text"].endswith(ends)}


def _deadline_led(text: str, pos: int, led: dict[int, int], r: dict) -> int | None:
    """The end of the deadline that opens the text at ``pos`` — right there or after one of ``limit_led_items``
    ``before`` (于8月6日前，…) — or None: the one rule of a clause led by its deadline (2018年10月底前，全部拆除…;
    8月6日前，金元村要…)."""
    if pos in led:
        return led[pos]
    for w in r["_limit_led_before"]:
        if text.startswith(w, pos) and pos + len(w) in led:
            return led[pos + len(w)]
    return None


def _leads(text: str, pos: int, end: int, led: dict[int, int], r: dict) -> bool:
    """Whether a deadline leads the text at ``pos`` (:func:`_deadline_led`) and ends before ``end``."""
    e = _deadline_led(text, pos, led, r)
    return e is not None and e <= end


def _task_item(text: str, a: int, r: dict) -> bool:
    """Whether the numbered item at ``a`` stands at its line's start, or after a label on its line, under a label or a
    heading of measures or plans (``task_items`` ``label``: 二、具体整改措施：, 整改措施：, 三、下一步工作打算) — the nearest
    line above it (``lines_back`` lines at most) that is a top-level heading or ends with a colon."""
    if r["_task_label"] is None:
        return False
    line_start = text.rfind("\n", 0, a) + 1
    lead = text[line_start:a].strip(" \u3000\t")
    label_not = tuple(r["task_items"].get("not", ()))
    if lead:  # 整改措施及成效 | 措施：1、…: measures taken, reported with their effect — no list of tasks
        line = text[line_start:a]
        return bool(r["_task_label"].fullmatch(lead)) and not any(w in line for w in label_not)
    for _ in range(r["task_items"].get("lines_back", 20)):  # the label is near: no scan back to a long plan's start
        if line_start <= 0:
            break
        prev = text.rfind("\n", 0, line_start - 1) + 1
        line = text[prev:line_start - 1].strip(" \u3000\t")
        if r["_section_heading"].match(line) or line.endswith(("：", ":")):
            return bool(r["_task_label"].fullmatch(line)) and not any(w in line for w in label_not)
        line_start = prev
    return False


def _cell_duty(text: str, cell: re.Match, b: int, inside: list[dict], r: dict) -> bool:
    """Whether a cell labelled in square brackets (``cell_labels``) holds a duty: its label names orders (【整改要求】)
    and text follows it, or its label names a time limit (【整改期时限】) and a deadline leads its text, which goes on
    after it (3月16日前整改完毕)."""
    cells, label = r["cell_labels"], cell.group(1)
    if any(w in label for w in cells["orders"]):
        return b - cell.end() >= 4
    return any(w in label for w in cells["limits"]) and any(
        t["type"] == "deadline" and t["start"] <= cell.end() + 1 and b - t["end"] >= 2 for t in inside)


def _under_target(text: str, a: int, r: dict, label: str = "_target_label") -> bool:
    """Whether the clause at ``a`` opens with a rectification task's target label (``target_labels``: 整改目标：…) or
    stands under a top-level heading that is only that label (二、整改目标), until the next top-level heading;
    ``label`` "_finding_label": under a heading that is only the problem's name (一、整改问题: ``finding_labels``, d52b)."""
    if label == "_target_label" and r["_target_lead"].match(text, a):
        return True
    heading = _sections(text, r).heading_before(a)
    if heading is None or heading.start == a or a < heading.end:
        return False
    end = text.find("\n", heading.end)
    return bool(r[label].fullmatch(text, heading.end, end if end >= 0 else len(text)))


def _task_row(text: str, a: int, b: int, s_start: int, s_end: int, r: dict) -> bool:
    """Whether the clause [a, b) is a whole line's sentence (``task_rows_before_notes``: no longer than its ``max``,
    none of its ``findings``) followed, after its full stop or on the next line, by a note of who answers for it or
    by when (责任单位：…; （牵头单位：…）): a task of a list."""
    rows = r.get("task_rows_before_notes")
    if not rows or a != s_start or not (a == 0 or text[a - 1] == "\n") or b - a > rows["max"] \
            or any(w in text[a:b] for w in rows["findings"]):
        return False  # ①有的…超标。（牵头单位：…）: the problem a plan's row answers, no task
    nxt = b
    while nxt < len(text) and text[nxt] in "。；;，, \u3000\t\n":
        nxt += 1
    return nxt < len(text) and bool(r["_note_row"].match(text, nxt) or r["_note_head"].match(text, nxt))


def _attribute_marker(text: str, pos: int, r: dict) -> bool:
    """Whether the marker at ``pos`` follows ``attribute_copulas`` and a 的 follows it in its piece (…整改是必须扛牢的
    政治任务): the marker inside what the work is called, no order (d50)."""
    m = r["_marker"].match(text, pos)
    if not m or not text.startswith(r["_attribute_markers"], pos):
        return False
    inner = pos > 0 and (r["_marker"].match(text, pos - 1) or r["_not_marker"].match(text, pos - 1))  # 必须's 须
    if not (r["_attribute_copulas"] and text.endswith(r["_attribute_copulas"], 0, pos - 1 if inner else pos)):
        return False
    stop = min([k for k in (text.find(c, m.end()) for c in _PIECE_ENDS) if k >= 0] or [len(text)])
    return "的" in text[m.end():stop]


def _figures(text: str, start: int, end: int, time_expressions: list[dict]) -> bool:
    """Whether [start, end) holds a figure outside its time expressions (优良天数12天, PM10 xx微克): a statement of
    the state of things, no order (d50)."""
    return any(c.isdigit() and not any(t["start"] <= i < t["end"] for t in time_expressions)
               for i, c in enumerate(text[start:end], start))


def _paragraph_features(text: str, out: list[dict]) -> None:
    """What the clauses before a clause in its paragraph (line) were: a directive of the rules, or a clause that
    opens with an action or an enumerator — a list of measures goes on (（一）加强…。推进…。实施…。); and whether the
    document is a plan and the clause opens with an action."""
    line_start, seen_rule, seen_head = -1, False, False
    heading_before, last = False, None
    for c in out:
        a = c["start"]
        start = text.rfind("\n", 0, a) + 1
        if start != line_start:
            # the line before is a numbered heading of its own ((一)开展“净城”行动): its measures follow
            heading_before = bool(last and last.get("enum") and last.get("line_alone"))
            line_start, seen_rule, seen_head = start, False, False
        f = c["features"]
        if heading_before:
            f["under_heading"] = 1.0
            heading_before = False
        last = f
        if seen_rule:
            f["para_rule_before"] = 1.0
        if seen_head:
            f["para_head_before"] = 1.0
        if f.get("doc_plan") and (f.get("duty_head") or f.get("time_head")):
            f["plan_and_head"] = 1.0
        seen_rule = seen_rule or c["rule"]
        seen_head = seen_head or bool(f.get("duty_head") or f.get("enum"))


def _document_features(text: str, r: dict) -> dict:
    """What the whole text is like: an announcement of an inspection, a plan, a briefing with an issue number."""
    return {"doc_announcement": float("举报" in text and any(w in text for w in r["_announcement"])),
            "doc_plan": float(bool(r["_plan_cue"].search(text))),
            "doc_issue": float(bool(re.search(r"第\s*[0-9一二三四五六七八九十]+\s*期", text[:300])))}


def _bucket(n: int, bounds: tuple[int, ...]) -> str:
    for x in bounds:
        if n <= x:
            return str(x)
    return f">{bounds[-1]}"


def _features(text: str, a: int, b: int, r: dict, *, enum, marker_pos, spoken, ordering, in_order, goes_on, actor,
              k, past, standing, due, assigned, transfer, inside, who, after_rule, document, sentence) -> dict:
    """The features of the clause [a, b) a learned model reads (:mod:`.learned`): the cues the rules weigh, as
    named values — not the rules' verdict (``reason``, ``kind``), so that the model is a second opinion.  No
    characters of the clause itself (issue 29, item 3): its first one or two (市, 督查, a mirror page's pinyin) named
    the sites it was trained on, scored no better on folds grouped by site, and dropped kinds that carry over
    (市生态环境局对…实施定期检查)."""
    f = {"bias": 1.0}
    marker = r["_marker"].match(text, marker_pos).group(0) if marker_pos is not None else "none"
    f[f"marker={marker}"] = 1.0
    if marker_pos is not None:
        f[f"marker_at={_bucket(marker_pos - a, (0, 3, 10, 25))}"] = 1.0
        f[f"marker_{marker}_after={text[marker_pos + len(marker):marker_pos + len(marker) + 1]}"] = 1.0
    for name, on in (("enum", enum), ("spoken", spoken), ("ordering", ordering), ("in_order", in_order),
                     ("goes_on", goes_on), ("actor", actor), ("past", past), ("standing", standing), ("due", due),
                     ("assigned", assigned), ("transfer", transfer), ("who", who), ("after_rule", after_rule)):
        if on:
            f[name] = 1.0
    f[f"clause_index={_bucket(k, (0, 1, 2))}"] = 1.0
    f[f"length={_bucket(b - a, (6, 12, 25, 50, 90))}"] = 1.0
    pieces = len(_CLAUSE_BREAK.findall(text, a, b)) + 1
    f[f"pieces={_bucket(pieces, (1, 2, 4))}"] = 1.0
    for t in inside:
        f[f"time={t['type']}"] = 1.0
    f["end_mark=" + (text[b] if b < len(text) else "EOT")] = 1.0
    f[f"statistics={_bucket(len(r['_statistic'].findall(text, a, b)), (0, 1))}"] = 1.0
    f["frame_head"] = float(text.startswith(r["_frame_heads"], a))
    f.update(_head_features(text, a, b, r, inside))
    f["subject_body"] = float(bool(r["_subject_body"].match(text, a)))
    title = r["_title_in"].search(text, a, min(b, a + 14))
    if title and (marker_pos is None or marker_pos > title.end()):  # 顾贵鹏县长现场调度…: an official as subject
        f["official_subject"] = 1.0
    f["sentence_start"] = float(a == sentence[0])
    f["line_start"] = float(a == 0 or text[a - 1] == "\n")
    if _in_goal_section(text, a, r):
        f["goal_section"] = 1.0
    if _in_principle_section(text, a, r):
        f["principle_section"] = 1.0
    if _in_findings_list(text, a, r) or marker_pos is not None and _in_findings_list(text, marker_pos, r):
        f["findings_list"] = 1.0  # 还存在以下问题：一是…: a finding, never added (d49)
    if _invites(text, a, b, marker_pos, r):
        f["invitation"] = 1.0  # 同时，欢迎社会各界监督…: an invitation to the public, never added (d48)
    f.update(document)
    f.update(_carry_features(text, a, b, r, enum, marker_pos))
    f.update(_row_features(text, a, b, r))
    return f


def _row_features(text: str, a: int, b: int, r: dict) -> dict:
    """A clause that opens a row of a table (``table_rows``: a label, then ``|`` — 整改措施 | 加强…; 核查情况 | 配合…完成…)
    reads as its label says: a row whose label names tasks or measures (``task_section_words``) and whose text opens
    with an action is a numbered measure is (``enum_duty_head``, ``task_row``); a row whose label names what was found
    or done (``report_ends``: 反馈问题, 核查情况, 整改主要工作及成效) stands in a section that reports
    (``report_section``); a row whose label names a target (``goal_ends``: 整改目标) in one of goals (``goal_section``)."""
    m = r["_table_row"].match(text, a, b) if r.get("_table_row") else None
    if not m:
        return {}
    label, rows = m.group(1).strip(" \u3000"), r["table_rows"]
    if label.endswith(tuple(rows.get("goal_ends", ()))):
        return {"goal_section": 1.0}
    if label.endswith(tuple(rows.get("report_ends", ()))):
        return {"report_section": 1.0}
    if any(w in label for w in r["_task_section_words"]) and r["_duty_head"].match(text, m.end()):
        return {"task_row": 1.0, "duty_head": 1.0, "enum_duty_head": 1.0}
    return {}


def _carry_features(text: str, a: int, b: int, r: dict, enum, marker_pos) -> dict:
    """Cues of the kinds that are false on pages of new kinds and general to reports and news (``carry_cues_doc`` in
    ``directive_rules.json``): a clause under a section that reports what was done, a numbered heading that names a
    state or a result (the rules take it for no directive), a numbered short name, an aim (为…) whose marker is not
    the order, a time word of a report (截至目前, 近日)."""
    f = {}
    heading = _sections(text, r).heading_before(a + 1)
    if heading is not None and heading.reports:
        f["report_section"] = 1.0
    body = text[a:b].rstrip(" \u3000")
    item = r["_enum"].match(text, a) if enum else None
    if enum and marker_pos is None and (body.endswith(tuple(r.get("report_heading_ends", ())) + ("：", ":"))
                                        or b < len(text) and text[b] in "：:") \
            and not r["_duty_head"].match(text, item.end() if item else a):
        f["report_heading"] = 1.0  # (一)主要指标完成情况; not (一)深入打好蓝天保卫战，提升环境空气质量: an action opens it
    if item and marker_pos is None and 0 < len(text[item.end():b].strip(" \u3000：:")) <= r.get("section_name_max", 0):
        f["short_item"] = 1.0  # 1.自查, 2.抽查: a numbered name, no measure
        if len(text[item.end():b].strip(" \u3000：:")) <= r.get("name_item_max", 0) \
                and not item.group(0).endswith(("是", "要")):
            f["name_item"] = 1.0  # 4、监督检查, (一)指导思想: a heading's name (一是真重视 goes on a sentence)
    if r["_goal_lead"].match(text, item.end() if item else a, b):
        f["goal_lead"] = 1.0  # 通过一年努力，河长制体系全面建立…: what a plan aims to reach, a target
    if any(_report_time_at(text, a, b, w) for w in r.get("report_time_words", ())):
        f["report_time"] = 1.0  # 截至目前, 近日, 连日来: the time of a report of what was done (not 9月30日前)
    if marker_pos is not None and text.startswith(r["_preamble_heads"], a):
        last = max((m.end() for m in _CLAUSE_BREAK.finditer(text, a, b)), default=a)
        if last > marker_pos and not r["_marker_plain"].search(text, last, b):
            f["purpose_marker"] = 1.0
    return f


def _report_time_at(text: str, a: int, b: int, word: str) -> bool:
    """Whether ``word`` (a time word of a report: 日前, 截至) stands in [a, b) as a word of its own, not after a number
    (9月30日前完成: a day, then 前 — a limit, no 日前)."""
    i = text.find(word, a, b)
    while i >= 0:
        if i == 0 or not re.match(r"[0-9０-９一二三四五六七八九十〇零]", text[i - 1]):
            return True
        i = text.find(word, i + 1, b)
    return False


def _report_heading_line(text: str, heading_end: int, r: dict) -> bool:
    """Whether a top-level heading (一、…) that ends at ``heading_end`` reads as a report of what was done: the
    heading, to its first 。：；, ends with one of ``report_section_ends`` (一、整改工作总体推进情况, 二、主要做法和成效)
    and holds none of ``report_section_not`` (一、存在问题及整改要求情况, 二、工作开展情况及下一步安排: an order or a plan)."""
    end = text.find("\n", heading_end)
    line = text[heading_end:end if end >= 0 else len(text)]
    name = re.split(r"[。：:；;]", line, maxsplit=1)[0].strip(" \u3000，,")
    return name.endswith(tuple(r.get("report_section_ends", ()))) and bool(r.get("report_section_ends")) \
        and not any(w in name for w in r.get("report_section_not", ()))


def _all_of_things(text: str, a: int, marker_pos: int, r: dict) -> bool:
    """Whether the words before the marker end with 均/都 (``all_words``) after things, not after a body that is
    addressed (…燃煤機組(含自備電廠)均應安裝…: the things belong to the action; 各地均要…: 各地 is the addressee)."""
    w = next((w for w in r.get("all_words", ()) if text.startswith(w, marker_pos - len(w))), None)
    return bool(w) and marker_pos - len(w) > a and not r["_addressee"].search(text, a, marker_pos - len(w))


def _in_note(text: str, a: int, b: int, r: dict) -> bool:
    """Whether the clause [a, b) opens a bracketed note of who answers for the measures before it (``note_heads``:
    (责任单位：…), 〔牵头单位：…〕) or such a row of a task list without brackets (责任单位：…；完成时限：…), stands inside one that is not yet closed (〔责任单位：…负责。具体任务…，下同。〕), or
    stands inside brackets and says that what follows is meant alike (``note_ends``: (…以下均需县区政府落实，不再列出))."""
    if r["_note_head"].match(text, a) or r["_note_lead"].match(text, a) or r["_note_row"].match(text, a):
        return True
    memo = _memo(text, r)
    if "open_bracket" not in memo:
        memo["open_bracket"] = _open_brackets(text)
    opened = memo["open_bracket"][a]
    if opened < 0:
        return False
    return bool(r["_note_head"].match(text, opened) or r["_note_lead"].match(text, opened)) \
        or any(w in text[a:b] for w in r.get("note_ends", ()))


def _open_brackets(text: str) -> list[int]:
    """For each position 0 … len(text), where the outermost bracket still open there on its line opened (reading
    the line from its start, a closing mark with none open counts for nothing), or -1 where none is: one pass."""
    out, depth, opened = [-1] * (len(text) + 1), 0, -1
    for i, ch in enumerate(text):
        out[i] = opened if depth else -1
        if ch == "\n":
            depth = 0
        elif ch in "(（〔【[":
            depth += 1
            if depth == 1:
                opened = i
        elif ch in ")）〕】]" and depth:
            depth -= 1
    out[len(text)] = opened if depth else -1
    return out


def _guiding(text: str, a: int, b: int, r: dict) -> bool:
    """Whether the clause [a, b) says what a plan is guided by (``guide_phrases``: 以…为指导) — not under a top-level
    heading of tasks (``task_section_words``: 二、重点任务), where 以…为统领，…，实施… leads a measure."""
    return bool(r["_guide_phrase"].search(text, a, b)) and not _in_task_section(text, a, r)


def _guide_frames(text: str, a: int, b: int, r: dict) -> list[tuple[int, int]]:
    """The spans of the guide phrases (``guide_phrases``: 以…为契机, 以…为指导) in the clause [a, b)."""
    return [(m.start(), m.end()) for m in r["_guide_phrase"].finditer(text, a, b)]


def _purpose_span(text: str, a: int, b: int, r: dict) -> list[tuple[int, int]]:
    """The purpose that opens the clause [a, b) (``purpose_pieces``: 为…，确保…，), to the comma after it: no marker
    inside it orders; empty where the clause opens with no purpose."""
    spec = r.get("purpose_pieces")
    if not spec or not re.match(spec["head"], text[a:b]):
        return []
    end = a
    while True:
        comma = _CLAUSE_BREAK.search(text, end, b)
        if not comma or text[comma.start()] not in "，,":
            if end > a and r.get("purpose_sentences") and (comma is None or text[comma.start()] in "。！!？?"):
                return [(a - 1, b)]  # 为进一步做好…工作，确保…推进。: a purpose cut off by a full stop, no order (d51)
            return []  # the purpose is the whole clause: a preamble or a title, left to the other rules
        end = comma.end()
        if not text.startswith(tuple(spec["goes_on"]), end):
            return [(a - 1, end)]


def _count_clause(text: str, a: int, b: int, r: dict) -> bool:
    """Whether every piece of the clause [a, b) (to a comma, colon or semicolon) that holds a marker ends with a count
    after 的 (``count_clause``: 要求立行立改的有8项, 需要限期整改的问题有5个): the clause counts what was required."""
    if r.get("_count_end") is None:
        return False
    counted, start = False, a
    for stop in [m.start() for m in _PIECE_BREAK.finditer(text, a, b)] + [b]:
        if any(_is_marker_at(text, i, r) for i in range(start, stop)):
            if not r["_count_end"].search(text[start:stop]):
                return False
            counted = True
        start = stop + 1
    return counted


_PIECE_BREAK = re.compile(r"[，,：:；;]")


def _section_label(text: str, a: int, b: int, r: dict) -> bool:
    """Whether [a, b), what follows an enumerator, is only a section's name (``section_labels``: 指导思想, 督查要求)
    closed by its line's end, a full stop or a colon (d52b)."""
    labels = r.get("_section_labels")
    body = text[a:b].strip(" \u3000\t")
    return bool(labels) and body.rstrip("：:。") in labels \
        and (body.endswith(("：", ":", "。")) or b >= len(text) or text[b] in "。：:\n")


def _statement(text: str, a: int, b: int, r: dict) -> bool:
    """Whether the clause [a, b), which holds no marker, says what the work is: a copula in its first piece
    (``statement_copula``) and an end in …的 + a noun of its list (…，创新环境治理体系的有力行动) (d52b)."""
    copula, end = r.get("_statement_copula"), r.get("_statement_end")
    first = _CLAUSE_BREAK.search(text, a, b)
    return bool(copula and copula.match(text, a, first.start() if first else b)
                and end.search(text[a:b].rstrip(" \u3000。；;！!")))


def _said_statement(text: str, a: int, b: int, r: dict) -> bool:
    """Whether the clause [a, b) right after a speaker's 要求/强调, without a marker, says what a thing is (``said_statements``):
    a subject of at most ``subject_max`` characters and a copula in its first piece, and a rank or a kind of measure at
    its end (中央生态环境保护督察是…的一项重大改革举措和重大制度安排; 环保工作是企业生存与发展的重点) — a statement
    before the orders, as the same words after 指出 are (d54)."""
    said = r.get("said_statements")
    if not said:
        return False
    first = _CLAUSE_BREAK.search(text, a, b)
    head = text[a:first.start() if first else b]
    cop = re.search("|".join(map(re.escape, said["copulas"])), head)
    if not cop or cop.start() < 2 or cop.start() > said["subject_max"] \
            or any(_is_marker_at(text, i, r) for i in range(a, b)):
        return False
    return text[a:b].rstrip(" \u3000。；;！!，,").endswith(tuple(said["ends"]))


def _inspection_subject(text: str, a: int, marker_pos: int, r: dict) -> bool:
    """Whether the words of the clause before its 将 at ``marker_pos`` end in the inspection itself
    (``announcement_subjects``: 督察工作将以…的形式…开展): how the inspection runs, an announcement (d52b)."""
    subject = r.get("_announcement_subject")
    return bool(subject) and marker_pos > a and bool(subject.search(text, a, marker_pos))


def _team_own_step(text: str, a: int, marker_pos: int, b: int, r: dict) -> bool:
    """Whether an inspection team (``announcement_team.teams``) ends the words right before the 将 at ``marker_pos``
    and one of its ``own_steps`` (反馈) follows in the comma piece: 督察组将于近期向区县反馈督察意见 — the inspection's own
    next step, an announcement; not 各县区将于月底前向督察组反馈… (a body's commitment to the team) (d53)."""
    steps = (r.get("announcement_team") or {}).get("own_steps")
    if not steps or marker_pos <= a:
        return False
    start, _ = _piece_before(text, marker_pos + 1)
    return text[max(start, a):marker_pos].strip().endswith(r["_announcement_teams"]) \
        and any(w in text[marker_pos:_piece_end(text, marker_pos, b)] for w in steps)


def _meeting_programme(text: str, a: int, marker_pos: int, r: dict) -> bool:
    """Whether the 将 at ``marker_pos`` (or 还将) opens a meeting's own programme (``meeting_programme``): what a person
    does at it (``speech``: 市委书记还将作重要讲话; 张华将出席会议并讲话), or what the meeting does (``business``: 会议将听取
    各县区汇报) after a meeting word in the clause — no directive (d53)."""
    mp = r.get("meeting_programme")
    if not mp:
        return False
    after = marker_pos + (2 if text.startswith("还将", marker_pos) else 1)
    return text.startswith(tuple(mp["speech"]), after) or text.startswith(tuple(mp["business"]), after) \
        and any(w in text[a:marker_pos] for w in mp["meetings"])


def _done_counts(text: str, a: int, b: int, inside: list[dict], r: dict) -> bool:
    """Whether [a, b) reports figures of what was done (``done_counts``): ``min_pieces`` comma pieces or more, and at
    least half of its pieces, end in a count (约谈270余人，处罚企业1100余家), no word of obligation stands in it, no
    deadline or length bounds it, and it is no plan's measure (opened by an action of ``duty_heads``, numbered — the
    caller's test — or under a heading of tasks) (d52b)."""
    count = r.get("_done_count_end")
    if count is None or r["_done_modal"].search(text, a, b) \
            or any(t["type"] in ("deadline", "duration") for t in inside) \
            or r["_duty_head"].match(text, a) or _in_task_section(text, a, r):
        return False  # 实施…改造，全市改造燃煤锅炉30台，淘汰…200辆: a plan's measure with its figures
    pieces = [p for p in re.split(r"[，,；;]", text[a:b]) if p.strip()]
    n = sum(bool(count.search(p)) for p in pieces)
    return n >= r["done_counts"].get("min_pieces", 2) and 2 * n >= len(pieces)


def _attitudes_only(text: str, a: int, b: int, r: dict) -> bool:
    """Whether every comma piece of [a, b), after its marker and adverbs (and an addressee before them: 各地各部门要…,
    要求各督察组…), is a listed slogan or names a political attitude (``attitude_pieces``: 树牢“四个意识”, 把思想和行动
    统一到…上来), one of them at least a core one (``cores``: 四个意识, 两个维护, 责任感和使命感 …); a piece that ends in a
    speech verb (会议要求，) is the speaker (d52b)."""
    attitude = r.get("_attitude_piece")
    if attitude is None:
        return False
    named = False
    for piece in re.split(r"[，,]", text[a:b]):
        piece = piece.strip(" \u3000")
        if piece.endswith(tuple(r["speech_verbs"])):
            continue  # 会议要求，各地各部门要…: the speaker before the orders
        cores = {piece[r["_slogan_head"].match(piece).end():], piece[r["_attitude_lead"].match(piece).end():]}
        if any(attitude.fullmatch(core) for core in cores):
            named = named or any(r["_attitude_core"].fullmatch(core) for core in cores)
        elif not cores & r["_slogans"]:
            return False
    return named


def _assessment(text: str, a: int, b: int, r: dict) -> bool:
    """Whether [a, b) ends in what the work achieved (``assessment_ends``: …，取得一定成效) with no word of obligation
    nor of aim in it: an assessment (d52b)."""
    end = r.get("_assessment_end")
    clause = text[a:b].rstrip(" \u3000。；;！!")
    return bool(end and end.search(clause)) and not r["_done_modal"].search(clause) \
        and not any(w in clause for w in r["_assessment_not"])


def _contrast_finding(text: str, a: int, b: int, r: dict) -> bool:
    """Whether the clause [a, b) goes on, after a comma, with a piece that opens with a contrast and says what was not
    or still is done, with no marker of its own (``contrast_findings``: …，但该县至今未完成)."""
    spec = r.get("contrast_findings")
    if not spec:
        return False
    for comma in re.finditer(r"[，,]", text[a:b]):
        start = a + comma.end()
        if not text.startswith(tuple(spec["heads"]), start):
            continue
        end = _piece_end(text, start, b)
        if any(w in text[start:end] for w in spec["findings"]) \
                and not any(_is_marker_at(text, i, r) for i in range(start, end)):
            return True
    return False


def _led_measure(text: str, a: int, b: int, r: dict) -> bool:
    """Whether the clause [a, b), under a heading of tasks, opens with a guide phrase (以…为统领) and goes on, after a
    comma, with an action (``duty_heads``: 实施…, 推进…): a plan's measure, no guiding thought."""
    guide = r["_guide_phrase"].match(text, a, b)
    return bool(guide) and _in_task_section(text, a, r) and any(
        r["_duty_head"].match(text, m.end(), b) for m in _CLAUSE_BREAK.finditer(text, guide.end(), b))


class _Heading:
    """A heading of a plan found once a text: where it starts and ends and what its line (or, for a goal
    sub-heading, its name) says."""
    __slots__ = ("start", "end", "tasks", "goals", "reports", "principles")

    def __init__(self, start: int, end: int, tasks: bool, goals: bool, reports: bool, principles: bool = False):
        self.start, self.end, self.tasks, self.goals, self.reports = start, end, tasks, goals, reports
        self.principles = principles


class _Sections:
    """The top-level headings (一、…: ``goal_sections`` ``heading``) and goal sub-headings (（二）…: ``subheading``)
    of a text, each read once, in order; the last one that ends at or before a position is found by bisection (the
    questions below were asked at every clause by reading every heading from the text's start: the square of a long
    plan's length — d47)."""

    def __init__(self, text: str, r: dict):
        def line_of(m):
            end = text.find("\n", m.start())
            return text[m.start():end if end >= 0 else len(text)]
        self.headings = [_Heading(m.start(), m.end(), any(w in line_of(m) for w in r["_task_section_words"]),
                                  any(w in line_of(m) for w in r["_goal_words"]),
                                  _report_heading_line(text, m.end(), r),
                                  bool(r["_principle_name"].match(line_of(m)[m.end() - m.start():])))
                         for m in r["_section_heading"].finditer(text)]
        self.subs = []
        for m in r["_goal_subheading"].finditer(text):
            name = re.split(r"[。：:\n]", text[m.end():m.end() + 40], maxsplit=1)[0]
            self.subs.append(_Heading(m.start(), m.end(), False, any(w in name for w in r["_goal_words"]), False,
                                      bool(r["_principle_name"].match(line_of(m)[m.end() - m.start():]))))
        self._heading_ends = [h.end for h in self.headings]
        self._heading_starts = [h.start for h in self.headings]
        self._sub_ends = [h.end for h in self.subs]
        self._sub_starts = [h.start for h in self.subs]

    def heading_before(self, limit: int) -> _Heading | None:
        """The last top-level heading that ends at or before ``limit``."""
        i = bisect.bisect_right(self._heading_ends, limit) - 1
        return self.headings[i] if i >= 0 else None

    def heading_at(self, pos: int) -> _Heading | None:
        i = bisect.bisect_left(self._heading_starts, pos)
        return self.headings[i] if i < len(self.headings) and self.headings[i].start == pos else None

    def sub_at(self, pos: int) -> _Heading | None:
        i = bisect.bisect_left(self._sub_starts, pos)
        return self.subs[i] if i < len(self.subs) and self.subs[i].start == pos else None

    def sub_between(self, since: int, limit: int) -> _Heading | None:
        """The last goal sub-heading that starts at or after ``since`` and ends at or before ``limit``."""
        i = bisect.bisect_right(self._sub_ends, limit) - 1
        return self.subs[i] if i >= 0 and self.subs[i].start >= since else None


def _sections(text: str, r: dict) -> _Sections:
    memo = _memo(text, r)
    if "sections" not in memo:
        memo["sections"] = _Sections(text, r)
    return memo["sections"]


def _in_task_section(text: str, a: int, r: dict) -> bool:
    """Whether ``a`` stands under a plan's top-level heading (一、…) that names tasks or measures (二、重点任务)."""
    heading = _sections(text, r).heading_before(a)
    return heading is not None and heading.tasks


def _in_goal_section(text: str, a: int, r: dict) -> bool:
    """Whether ``a`` stands under a plan's top-level heading (一、…) that names its goals (``goal_sections``: 一、工作目标),
    or under a numbered sub-heading at a line's start whose name, to its first 。 or ：, names them (``goal_sections``
    ``subheading``: （二）目标指标。经过三年努力，…; 到2020年，…) until the next heading of either kind."""
    sections = _sections(text, r)
    heading = sections.heading_at(a) or sections.heading_before(a)  # a heading stands in its own section
    sub = sections.sub_at(a) or sections.sub_between(heading.start if heading else 0, a)
    if sub is not None:
        return sub.goals
    return heading is not None and heading.goals


def _invites(text: str, a: int, b: int, marker_pos: int | None, r: dict) -> bool:
    """Whether the clause [a, b) invites the public (``invitation_words``: 欢迎) before any marker it holds."""
    invitation = r["_invitation"].search(text, a, b) if r["_invitation"] else None
    return bool(invitation) and (marker_pos is None or marker_pos > invitation.start())


def _exclaimed_body(text: str, a: int, b: int, r: dict) -> bool:
    """Whether the clause [a, b), which ends in ！, opens with a body's own word (``subject_pronouns``: 该镇, 我县) and
    then 将 or a marker in its first comma piece (该镇将对各村…进行排名打分，…！): a body's commitment or order, not a
    slogan (``exclaimed_bodies``, d55)."""
    if not r.get("exclaimed_bodies"):
        return False
    for w in r["subject_pronouns"]:
        if text.startswith(w, a):
            piece = _piece_end(text, a + len(w), b)
            return any(_is_marker_at(text, i, r) for i in range(a + len(w), min(piece, a + len(w) + 3)))
    return False


def _in_findings_list(text: str, a: int, r: dict) -> bool:
    """Whether ``a`` stands in a list of what was found lacking (``findings_lists``): a colon closes a comma piece that
    names problems or shortcomings (还存在以下问题：, 存在一些不足亟需解决完善：, 检查发现的问题主要有：) with no marker
    before the noun (要求各地整改以下问题： is an order), and enumerated items follow it; from that piece to the end of
    the items' sentence (or of the last sentence an enumerator opens) the words are findings, no directives (d49)."""
    if r["_findings_lead"] is None:
        return False
    memo = _memo(text, r)
    if "findings" not in memo:
        memo["findings"] = _findings_spans(text, r)
    spans = memo["findings"]
    i = bisect.bisect_right(spans, (a, len(text) + 1)) - 1
    return i >= 0 and spans[i][0] <= a < spans[i][1]


def _findings_spans(text: str, r: dict) -> list[tuple[int, int]]:
    """The spans of :func:`_in_findings_list`, in order: each from the piece that names the problems to the end of the
    list its colon opens — or from a body's own piece (``subject_pronouns``: 我镇加大…力度，一是…；二是…) with no marker
    to the end of the list it leads: what the body did (``done_lists``, d51)."""
    spans: list[tuple[int, int]] = []
    sentence = r.get("_findings_sentence_lead")
    leads = sorted([(m, False) for m in r["_findings_lead"].finditer(text)]
                   + [(m, False) for m in (sentence.finditer(text) if sentence else ())]
                   + [(m, True) for m in (r["_done_lead"].finditer(text) if r.get("_done_lead") else ())],
                   key=lambda x: x[0].start())
    for m, done in leads:
        if spans and m.start() < spans[-1][1]:
            continue  # inside a list already read: each part of the text is read once
        colon = m.end()
        if done and any(_is_marker_at(text, k, r) for k in range(m.start(), colon)):
            continue  # 我县将…：一是…; 我镇要求：一是…: what it will do or asks, not what it did
        item = r["_enum"].match(text, colon + len(text[colon:]) - len(text[colon:].lstrip(" \u3000\n")))
        if not item:
            continue
        if text[colon - 1] == "。" and (item.group(0).endswith("要") or _is_marker_at(text, item.end(), r)):
            continue  # …存在的问题。一要…; 一是要…: orders after the sentence, no findings (d55)
        piece = max(text.rfind(c, 0, m.start()) for c in "，,。；;：:！!？?\n") + 1
        if any(_is_marker_at(text, k, r) for k in range(piece, m.start())):
            continue  # 要求各地整改以下问题：… — an order whose object is the list
        if not done and any(w in text[m.start():colon] for w in r["_findings_not_after"]):
            continue  # 存在的问题及整改措施：…, 问题的整改要求：… — the list is of what is to be done
        end = colon
        while True:
            stop = min([k for k in (text.find(c, end) for c in "。\n") if k >= 0] or [len(text)])
            end = stop + 1
            nxt = end + len(text[end:]) - len(text[end:].lstrip(" \u3000\n"))
            if stop >= len(text) or not r["_enum"].match(text, nxt):
                break
            end = nxt
        spans.append((piece, min(end, len(text))))
    return spans


def _in_principle_section(text: str, a: int, r: dict) -> bool:
    """Whether ``a`` stands under a plan's heading of principles (``goal_sections`` ``principle_name``): a top-level
    heading (二、基本原则) until the next one, or a numbered sub-heading at a line's start ((二)基本原则) until the next
    heading of either kind — the principles of a plan, no directives (d48)."""
    sections = _sections(text, r)
    heading = sections.heading_at(a) or sections.heading_before(a)
    if heading is not None and heading.principles:
        return True
    sub = sections.sub_at(a) or sections.sub_between(heading.start if heading else 0, a)
    return sub is not None and sub.principles


def _head_features(text: str, a: int, b: int, r: dict, inside: list[dict]) -> dict:
    """Whether the clause [a, b) opens with an action (``duty_heads``, ``sentence_heads``, ``action_heads``) — after
    its enumerator, after a date or deadline that leads it (2020年6月底前，…), after the object phrase that frames it
    (对…，重点检查…) or after a body that is its subject (各市对照…) — and whether it holds a verb of a duty with a
    date (完成, 报送, 检查 …): what a duty of a plan without a marker looks like, on any site."""
    f = {}
    pos = a
    enum = r["_enum"].match(text, a)
    if enum:  # a space a page puts after the enumerator (1. 强化…) belongs to it
        pos = enum.end()
        while pos < b and text[pos] in " \u3000\t":
            pos += 1
    for t in inside:
        if pos <= t["start"] <= pos + 1 and t["type"] != "vague":
            k = t["end"]
            if k < b and text[k] in "，, ":
                f["time_head"] = 1.0
                pos = k + 1
            break
    if r["_duty_head"].match(text, pos):
        f["duty_head"] = 1.0
        if enum:  # （一）加强市场体系建设: a numbered measure, on a line of its own too
            f["enum_duty_head"] = 1.0
    elif text.startswith(r["_frame_heads"], pos):
        comma = _CLAUSE_BREAK.search(text, pos, b)
        if comma and r["_duty_head"].match(text, comma.end()):
            f["frame_then_duty_head"] = 1.0
    else:
        m = r["_subject_body"].match(text, pos)
        if m and r["_duty_head"].match(text, m.end()):
            f["subject_then_duty_head"] = 1.0
    if _verb_in(text, a, b, r["_deadline_verb"], r) or r["_periodic_verb"].search(text, a, b):
        f["duty_verb"] = 1.0
    if (a == 0 or text[a - 1] == "\n") and (b >= len(text) or text[b] == "\n") and not _CLAUSE_BREAK.search(text, a, b):
        f["line_alone"] = 1.0
    return f


def _headline(text: str, start: int, end: int, r: dict) -> bool:
    """Whether the sentence [start, end) is a line of its own, short and without a comma, a colon or a full
    stop: a title or a headline."""
    limit = r.get("headline_max", 0)
    if not limit or (start > 0 and text[start - 1] != "\n") or (end < len(text) and text[end] not in "\n"):
        return False
    line = text[start:end].strip()
    return len(line) <= limit and not re.search(r"[，,：:。；;]", line)


def _section_name(text: str, a: int, b: int, r: dict) -> bool:
    """Whether [a, b), what follows an enumerator on a line of its own, is a section's short name (``section_name_max``
    characters at most: 总体要求, 主要目标, 保障措施) — no action opens it and no marker does."""
    while a < b and text[a] in " \u3000\t":
        a += 1
    return 0 < b - a <= r.get("section_name_max", 0) and not r["_duty_head"].match(text, a) \
        and not r["_marker_plain"].match(text, a)


_MAKES_DOCUMENT = re.compile(r"[，,]\s*(?:特)?(?:制定|编制)[^，,]{0,30}?(?:方案|规划|办法|细则|计划)(?:[(（][0-9—–\-年]+[)）])?$")


def _after_frame(text: str, start: int, end: int, r: dict) -> int:
    """Where the clause [start, end) goes on after the phrase that frames it (对已完成整改的问题，| 开展“回头看”): the
    words of the frame name the object of the action, not what was done, so a past word there (已, 了) before the
    frame's last 的 marks no report (as :func:`_framed_action` reads it); ``start`` when no frame head opens it or
    the frame has a verb of its own that is done (对20家单位下达了责令整改通知书，…: a report)."""
    if not text.startswith(r["_frame_heads"], start):
        return start
    comma = _CLAUSE_BREAK.search(text, start, end)
    if not comma:
        return start
    last_de = text.rfind("的", start, comma.start())  # the past word modifies the object (…的问题), no verb of its own
    return comma.end() if last_de > start and not r["_past"].search(text, last_de, comma.start()) else start


def _framed_action(text: str, start: int, end: int, r: dict) -> bool:
    """Whether the sentence [start, end) opens with a phrase that frames it (对已完成整改的问题，) and goes on with an
    action (``duty_heads``, ``sentence_heads``, ``action_heads``: 开展“回头看”…) that reports nothing done."""
    if not text.startswith(r["_frame_heads"], start):
        return False
    comma = _CLAUSE_BREAK.search(text, start, end)
    return bool(comma and r["_duty_head"].match(text, comma.end(), end)) and not r["_past"].search(
        text, comma.end(), end)


def _framed_assignment(text: str, a: int, b: int, r: dict):
    """The 由-assignment after a phrase that frames it (按照属地管理原则，由各县区政府负责…; 对交办的信访件，由属地政府
    组织核查…; 属于中长期解决的问题，由…): the match of ``_assign`` after the first comma of [a, b), or None."""
    if not text.startswith(r["_frame_heads"] + r["_frame_words"] + tuple(r.get("assign_frames", ())), a):
        return None
    comma = _CLAUSE_BREAK.search(text, a, b)
    return r["_assign_framed"].match(text, comma.end(), b) if comma and comma.end() < b else None


def _transfer(text: str, a: int, b: int, r: dict) -> bool:
    """Whether the clause [a, b) gives what its first piece names — framed (对…的问题) or a topic (…问题线索) — to a
    list or a body: its second piece opens with a ``transfer_verbs`` word (纳入, 移交, 列入, 交由 …)."""
    comma = _CLAUSE_BREAK.search(text, a, b)
    if not comma or not r["_transfer"] or not r["_transfer"].match(text, comma.end(), b):
        return False
    return text.startswith(r["_frame_heads"] + tuple(r.get("assign_frames", ())), a) \
        or bool(r["_topic_end"].search(text, a, comma.start()))


def _sanction(text: str, a: int, b: int, r: dict) -> bool:
    """Whether the clause [a, b) is a sanction under a condition without a marker: its first piece ends in 的 (…数据的)
    and its second opens with a ``sanction_heads`` word (依法依纪追究责任, 严肃问责, 一律…) — d50."""
    comma = _CLAUSE_BREAK.search(text, a, b)
    return bool(comma and r["_sanction"] and text[comma.start() - 1] == "的"
                and r["_sanction"].match(text, comma.end(), b))


def _numbered_duty(text: str, pos: int, b: int, r: dict) -> bool:
    """Whether the numbered item whose number ends at ``pos`` opens (after spaces) with a duty's head (``duty_heads``,
    ``sentence_heads``, ``action_heads``: 严格…, 加强…, 开展…, 推进…) and holds at least ``numbered_duties``
    ``min_chars`` characters after it: a plan's or a meeting's numbered measure without an order word (d52)."""
    spec = r.get("numbered_duties")
    if not spec:
        return False
    while pos < b and text[pos] in " \u3000":
        pos += 1
    head = r["_duty_head"].match(text, pos, b)
    return bool(head) and b - pos >= spec.get("min_chars", 0) \
        and not any(text.startswith(w, pos) for w in spec.get("not_heads", ()))


def _conditioned(text: str, a: int, b: int, r: dict) -> bool:
    """Whether the clause [a, b) is a duty under a condition without a marker (``conditional_duties``, d52): its
    first piece ends in 的, holds no marker and is at most ``max_condition`` characters (一时改不了的; 对逾期未完成的),
    and its second opens with a duty's head (``duty_heads``, ``sentence_heads``, ``action_heads``: 制定整改方案…) —
    as :func:`_sanction` reads a sanction's."""
    cond = r.get("conditional_duties")
    comma = _CLAUSE_BREAK.search(text, a, b) if cond else None
    return bool(comma and text[comma.start()] in "，," and text[comma.start() - 1] == "的"
                and comma.start() - a <= cond.get("max_condition", 0)
                and not any(_is_marker_at(text, i, r) for i in range(a, comma.start()))
                and r["_duty_head"].match(text, comma.end(), b))


def _preamble(text: str, start: int, end: int, r: dict) -> bool:
    """Whether the sentence [start, end) opens with a ``preamble_heads`` word (为…) and ends by making the document
    (``preamble_ends``: …，制定本方案): the preamble of a plan."""
    body = text[start:end].strip().rstrip("。；;：:")
    if not r["_preamble_heads"] or not body.startswith(r["_preamble_heads"]):
        return False
    return body.endswith(r["_preamble_ends"]) or bool(_MAKES_DOCUMENT.search(body[-40:]))


def _goal_slogan(text: str, a: int, b: int, r: dict) -> bool:
    """Whether the clause [a, b) opens with an adverb of resolve and aims at a campaign's goal (``goal_objects``:
    坚决打赢…攻坚战, 奋力谱写…新篇章) with no word of obligation (``goal_slogan_modals``: 要, 应, 须, 将, 请 …) in it."""
    goal = r.get("_goal_slogan")
    return bool(goal and goal.match(text, a, b)) and not r["_goal_modal"].search(text, a, b)


def _slogans_only(text: str, a: int, b: int, r: dict) -> bool:
    """Whether [a, b) has two comma pieces or more, each at most ``slogan_piece`` characters after its marker:
    slogans."""
    limit = r.get("slogan_piece", 0)
    pieces = re.split(r"[，,]", text[a:b])
    if len(pieces) == 1:  # 要追根溯源、严查细究: the pieces of one clause parted by 、
        pieces = text[a:b].split("、")
    if not limit or len(pieces) < 2 or len(pieces) > r.get("slogan_pieces_max", len(pieces)):
        return False  # one short order alone is a slogan only when listed (要动真碰硬); a long list is of measures
    for piece in pieces:
        head = r["_slogan_head"].match(piece)
        core = piece[head.end():]
        if len(core) > limit or not re.fullmatch(rf"[{CJK}]+", core):
            return False
    return True


def _standing_verb(text: str, a: int, b: int, r: dict) -> bool:
    """Whether [a, b) holds a standing task's verb (报送, 通报…) that is not part of another word (举报)."""
    return _verb_in(text, a, b, r["_standing_verb"], r)


def _verb_in(text: str, a: int, b: int, verbs: re.Pattern, r: dict) -> bool:
    """Whether [a, b) holds one of ``verbs`` that is not part of another word (举报 holds 报)."""
    for m in verbs.finditer(text, a, b):
        if not any(text.startswith(w, k) for w in r["_not_standing"]
                   for k in range(max(a, m.start() - len(w) + 1), m.start() + 1)):
            return True
    return False


_ITEM_BREAK = re.compile(r"[。；;\n]")


def _content_list(text: str, a: int, r: dict) -> bool:
    """Whether the numbered item at ``a`` is in a list after a colon that follows a word of contents or of what
    was done (主要了解：, 整改完成情况：): every piece between the colon and ``a`` is an item of the list."""
    c = max(text.rfind("：", 0, a), text.rfind(":", 0, a))
    if c < 0 or a - c > 600 or not any(w in text[max(0, c - 12):c] for w in r["_content_colon"]):
        return False
    return all(not p.strip() or r["_enum"].match(p.strip()) for p in _ITEM_BREAK.split(text[c + 1:a]))


def _under_progress_label(text: str, a: int, r: dict) -> bool:
    """Whether the numbered item at ``a`` stands on a line below one that opens with a label of progress and its colon
    (``progress_labels``: 整改进展情况：已取得阶段性进展，…), with no top-level heading (三、…) nor a line that opens
    with another label (``progress_label_other``: 下一步工作：) between them, within ``progress_window`` characters:
    an item of what was done (d54b)."""
    if r["_progress_label"] is None:
        return False
    end = text.rfind("\n", 0, a)
    while end >= 0 and a - end <= r.get("progress_window", 0):
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if r["_progress_label"].match(line):
            return True
        if r["_section_heading"].match(line) or r["_label_line"].match(line):
            return False
        end = start - 1
    return False


def _content_item(text: str, a: int, b: int, r: dict) -> bool:
    """Whether the numbered item [a, b) itself opens a list of contents (2.检查…的整治情况,主要包括:…): what an
    inspection looks at, not a measure."""
    return any(text.startswith((w + "：", w + ":"), i) for i in range(a, b) for w in r["_content_colon"]
               if text.startswith(w, i))


def _noun_item(text: str, a: int, b: int, r: dict) -> bool:
    """Whether what follows an enumerator (not 一是/一要, which opens a sentence: 六是紧盯信访案件), [a, b), is a noun
    phrase that names a thing, no task: one comma piece that
    no action opens (``duty_heads``) and that ends with a noun of things (``content_item_ends``: （一）…会议议定的事项；
    （七）财政预算、决算信息；) — an item of a list of what is taken up or disclosed."""
    while a < b and text[a] in " \u3000\t":
        a += 1
    ends = tuple(r.get("content_item_ends", ()))
    return bool(ends) and b > a and text[a:b].endswith(ends) and not _CLAUSE_BREAK.search(text, a, b) \
        and not r["_duty_head"].match(text, a)


def _listed_paragraphs(text: str, r: dict) -> list[int]:
    """Flat [start, end, start, end, …] of the paragraphs (lines) whose clauses start two or more enumerated
    items: there an item is a measure or a duty even when no speaker is named (该区首先…；二是…；三是…)."""
    bounds = []
    pos = 0
    for line in text.split("\n"):
        items = sum(1 for m in r["_enum"].finditer(line)
                    if m.start() == 0 or line[m.start() - 1] in "，,：:。；;　 " or r["_subject"].search(line, 0, m.start()))
        if items >= 2:
            bounds += [pos, pos + len(line)]
        pos += len(line) + 1
    return bounds
