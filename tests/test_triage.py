"""Triage: each priority signal, each department rule, repeat linking, due dates, the triage command."""

import datetime as dt
import json

import pytest

from conftest import ROOT, run_cli
from petitionnlp.repeats import cited_receipts
from petitionnlp.text import normalize
from petitionnlp.triage import (DuplicateFinder, assign_department, due_date, get_rules,
                                prioritize)


def signals(text):
    level, reasons = prioritize(normalize(text))
    return level, {r["signal"]: r["words"] for r in reasons}


@pytest.mark.parametrize("text,signal,word", [
    ("养殖场废水直排水库，污染居民饮用水源", "drinking_water", "饮用水源"),
    ("搅拌站紧邻幼儿园，粉尘大", "sensitive_receptor", "幼儿园"),
    ("工厂将危险废物随意倾倒在河边", "hazardous", "危险废物"),
    ("医疗垃圾混在生活垃圾里焚烧", "hazardous", "医疗垃圾"),
    ("河里出现大量死鱼", "visible_harm", "死鱼"),
    ("废气熏得庄稼枯死", "visible_harm", "庄稼"),
    ("企业凌晨偷排废水", "night_operation", "凌晨"),
    ("此问题曾多次反映未果", "repeat_unresolved", "未果"),
    ("对上次处理结果不满意", "repeat_unresolved", "不满意"),
    ("村里数十家小作坊露天焚烧", "large_scale", "数十家"),
])
def test_each_signal_names_the_words_that_triggered_it(text, signal, word):
    _, found = signals(text)
    assert word in found[signal]


def test_levels():
    assert signals("某化工厂偷排含重金属废水，污染饮用水源")[0] == "高"
    assert signals("饮用水源地旁有人洗车")[0] == "高"
    assert signals("小区楼下烧烤店营业至凌晨，油烟扰民")[0] == "中"
    assert signals("路边有一堆建筑垃圾")[0] == "低"


@pytest.mark.parametrize("text,types,department", [
    ("工地夜间施工噪声扰民", ["噪声"], "住房和城乡建设局"),
    ("拆迁工地扬尘严重", ["大气"], "住房和城乡建设局"),
    ("小区楼下餐馆油烟直排", ["大气"], "城市管理局"),
    ("广场舞音响太吵", ["噪声"], "城市管理局"),
    ("河道内非法采砂", ["生态"], "自然资源局"),
    ("有人开山采矿", ["生态"], "自然资源局"),
    ("河道被侵占，堤坝破损", ["生态"], "水利局"),
    ("养猪场粪污直排", ["水"], "农业农村局"),
    ("有人毁林开荒", ["生态"], "林业局"),
    ("高速公路车辆噪声扰民", ["噪声"], "交通运输局"),
    ("化工厂废气排放刺鼻", ["大气"], "生态环境局"),
])
def test_department_rules(text, types, department):
    assert assign_department(normalize(text), types) == department


def test_department_table_is_data():
    assert get_rules().departments[-1][0] == "生态环境局"


def test_due_dates():
    friday = dt.date(2024, 5, 17)
    assert due_date(friday, 1, True) == "2024-05-20"  # the next Monday
    assert due_date(friday, 10, False) == "2024-05-27"
    assert due_date(friday) == "2024-06-07"  # the shipped rule: 15 working days


def test_receipt_numbers():
    text = "此案件与第三十一批次受理编号3438号属同一案件，另见受理编号D2HN202010150023"
    assert cited_receipts(text) == ["3438", "D2HN202010150023"]


def test_repeat_linking_within_batch_and_history():
    finder = DuplicateFinder().fit(["衡阳市雁峰区岳屏镇某搅拌站日夜生产，噪声扰民，扬尘严重"], ["D2HN202010150023"])
    texts = ["群众再次反映，雁峰区岳屏镇某搅拌站日夜生产，噪声扰民，扬尘严重，至今未解决",
             "长沙市天心区某餐馆油烟直排",
             "天心区那家餐馆油烟直排，多次投诉无果",
             "请核查，此件与受理编号D2HN202010150023属同一案件"]
    got = finder.find(texts, ["a", "b", "c", "d"])
    assert got[0][0] == "D2HN202010150023"
    assert got[1][0] is None
    assert got[2][0] == "b"
    assert got[3] == ("D2HN202010150023", 1.0)


def test_triage_command_sorts_by_priority_with_history(tmp_path):
    history = tmp_path / "history.jsonl"
    history.write_text(json.dumps({"id": "D2HN202304010001", "交办问题基本情况":
                                   "郴州市苏仙区某村有人毁林开荒，砍伐上百棵树木，植被被破坏", "pollution_types": ["生态"]},
                                  ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "h.db"
    assert run_cli("index", history, "--db", db)[0] == 0
    out = tmp_path / "queue.jsonl"
    code, queue, err = run_cli("triage", ROOT / "corpora" / "samples" / "petitions_sample.csv", "--history", db,
                               "--date", "2024-05-15", "-o", out)
    assert code == 0, err
    rows = [json.loads(x) for x in out.open(encoding="utf-8")]
    order = [r["priority"] for r in rows if r["error"] is None]
    assert order == sorted(order, key={"高": 0, "中": 1, "低": 2}.get)
    assert rows[-1]["error"]  # the empty row is still written, last
    chenzhou = next(r for r in rows if r["受理编号"] == "D2HN202405150008")
    assert chenzhou["duplicate_of"] == "D2HN202304010001" and chenzhou["department"] == "林业局"
    assert all(r["due_date"] == "2024-06-05" for r in rows if not r["error"])
    assert "[高]" in queue and "理由" in queue


def test_a_worry_for_health_is_no_visible_harm():
    """担心…影响健康 is a worry, not harm done: no 已造成可见损害, no 高 from it; a symptom still is."""
    from petitionnlp.triage import prioritize

    level, reasons = prioritize("小区楼顶新装了基站，居民担心电磁辐射影响健康")
    assert "visible_harm" not in {r["signal"] for r in reasons} and level != "高"
    _, reasons = prioritize("化工厂夜间排气，居民头晕恶心")
    assert "visible_harm" in {r["signal"] for r in reasons}
