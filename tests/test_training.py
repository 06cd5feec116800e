"""Training on an office's own labeled records (issue 9): any input format, the label column by its header,
unusable labels skipped and counted, a type without examples never predicted, complete model folders whose
hashes are checked on load, comparisons of two folders, and the shipped model rebuilt from the repo alone."""

import csv
import json
import shutil

import pytest
from openpyxl import Workbook

from conftest import ROOT, SHARED, run_cli

# a small office history: real-looking petitions as an office's 交办 table holds them
HISTORY = [
    ("某小区楼下烧烤店油烟直排，烟味很重", "大气"), ("工地夜间施工噪声扰民", "噪声"),
    ("养猪场粪污直排小河，河水发黑发臭", "水"), ("化工厂废气异味扰民，晚上尤其严重", "大气"),
    ("砂石厂粉尘污染严重，周边农田蒙尘", "大气"), ("KTV音响声音太大，影响居民休息", "噪声"),
    ("污水处理厂出水发黑，排入河道", "水"), ("非法采砂破坏河道生态", "生态"),
    ("村里垃圾随意堆放焚烧，臭气熏天", "大气、土壤"), ("企业偷排废水到地下", "水"),
    ("搅拌站扬尘和噪声扰民", "扬尘、噪声"), ("采石场破坏山体植被", "生态破坏"),
]


def _write_history(path, encoding="gb18030", rows=HISTORY, label_header="污染类型"):
    with open(path, "w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["序号", "交办问题基本情况", "行政区域", label_header])
        for i, (text, label) in enumerate(rows, 1):
            w.writerow([i, text, "衡阳市", label])
    return path


def _summary(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


def test_a_tiny_real_corpus_alone_with_missing_types(tmp_path):
    src = _write_history(tmp_path / "历史.csv")
    out = tmp_path / "模型"
    code, stdout, err = run_cli("train", "--corpus", src, "-o", out, "--no-base")
    assert code == 0, err
    summary = _summary(stdout)
    assert summary["n_train"] == len(HISTORY) and summary["base"] is False
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "海洋" in lines[0] and "辐射" in lines[0] and "其他" in lines[0]  # one warning line
    assert {"pollution_type.skops", "manifest.json", "MODEL_CARD.md", "pollution_type.json"} <= {
        p.name for p in out.iterdir()}
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "从不判出的类型" in card and "基础：无" in card
    from petitionnlp.dates import chinese_date
    from petitionnlp.office.clock import office_today

    # the day it was trained as a clerk reads it, the office's (Beijing) day: 训练于 2026年12月7日, not 2026-12-07
    assert f"训练于 {chinese_date(office_today())}，" in card, card.splitlines()[2]
    batch = tmp_path / "b.txt"
    batch.write_text("小区楼下餐馆油烟直排\n附近工厂排放污水进河道\n", encoding="utf-8")
    code, stdout, err = run_cli("classify", batch, "--model", out)
    assert code == 0, err
    rows = [json.loads(x) for x in stdout.splitlines()]
    assert rows[0]["pollution_types"][0] == "大气" and rows[1]["pollution_types"][0] == "水"
    assert all("海洋" not in r["pollution_types"] and r["pollution_scores"]["海洋"] < 0.01 for r in rows)
    # trained again into the same folder: the files of this model are replaced, what else the folder holds (the
    # briefing model `make train-briefing` keeps beside it, a person's own notes) stays
    (out / "briefing_directives").mkdir()
    (out / "briefing_directives" / "weights.json").write_text("{}", encoding="utf-8")
    (out / "说明.txt").write_text("本处的笔记", encoding="utf-8")
    stale = (out / "pollution_type.json").read_text(encoding="utf-8")
    (out / "pollution_type.json").write_text("{}", encoding="utf-8")
    code, _, err = run_cli("train", "--corpus", src, "-o", out, "--no-base")
    assert code == 0, err
    assert (out / "briefing_directives" / "weights.json").read_text(encoding="utf-8") == "{}"
    assert (out / "说明.txt").read_text(encoding="utf-8") == "本处的笔记"
    assert json.loads((out / "pollution_type.json").read_text(encoding="utf-8")).keys() == json.loads(stale).keys()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no folder left behind


def test_xlsx_history_with_unusable_labels_is_counted(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["交办问题基本情况汇总表"])  # a title row above the header
    ws.append(["序号", "举报内容", "问题类型"])
    for i, (text, label) in enumerate(HISTORY, 1):
        ws.append([i, text, label])
    ws.append([99, "反映某单位作风问题", "群众身边的生态环境问题"])  # a category, not a medium: no type
    ws.append([100, "", "水"])                                   # no text
    ws.append([101, "某厂排污", None])                            # no label
    path = tmp_path / "history.xlsx"
    wb.save(path)
    code, stdout, err = run_cli("train", "--corpus", path, "-o", tmp_path / "m", "--no-base")
    assert code == 0, err
    summary = _summary(stdout)
    assert summary["n_train"] == len(HISTORY) and summary["skipped_rows"][str(path)] == 3
    card = json.loads((tmp_path / "m" / "pollution_type.json").read_text(encoding="utf-8"))
    assert card["rows"][str(path)] == {"rows": 15, "labeled": 12, "no_label": 2, "no_text": 1, "unreadable": 0}


def test_no_label_column_is_one_line(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("序号,交办问题基本情况\n1,油烟扰民\n", encoding="utf-8")
    code, _, err = run_cli("train", "--corpus", path, "-o", tmp_path / "m")
    assert code == 2 and "E020" in err and len(err.strip().splitlines()) == 1


def test_a_model_folder_with_a_wrong_hash_is_refused(tmp_path):
    folder = tmp_path / "models"
    shutil.copytree(ROOT / "models", folder)
    data = bytearray((folder / "pollution_type.skops").read_bytes())
    data[-100] ^= 0xFF
    (folder / "pollution_type.skops").write_bytes(bytes(data))
    code, _, err = run_cli("classify", "-", "--model", folder, stdin="油烟扰民\n".encode())
    assert code == 2 and "E014" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    (folder / "manifest.json").unlink()
    code, _, err = run_cli("classify", "-", "--model", folder, stdin="油烟扰民\n".encode())
    assert code == 2 and "E014" in err


def test_an_office_history_on_the_shipped_data_teaches_its_conventions(tmp_path):
    """This office files home-cooking smoke under 其他, as some published tables do; its model learns it for the
    repeats of those complaints, and the comparison with the shipped model shows the gain on its records."""
    office = HISTORY + [(f"滨海新区某小区{i}号楼居民在家加工酱货后售卖，烟囱向外直排油烟", "其他") for i in range(1, 9)] + [
        (f"{name}村民反映村口小作坊加工熟食，油烟直排", "其他") for name in ("东湖", "西山", "南岭", "北坡")]
    src = _write_history(tmp_path / "office.csv", rows=office)
    out = tmp_path / "office_model"
    # a training over the shipped data (16 fits: the shipped records' and the office's folds) takes about three
    # processor minutes: more than run_cli allows on a loaded machine
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "petitionnlp.cli", "train", "--corpus", src, "-o", out],
                          capture_output=True, text=True, timeout=3600)
    assert proc.returncode == 0, proc.stderr
    summary = _summary(proc.stdout)
    shipped_real = [json.loads(ln) for ln in (ROOT / "corpora/train/real_petitions.jsonl").open(encoding="utf-8")]
    n_typed = sum(1 for r in shipped_real if r["types"])
    assert summary["base"] is True and summary["n_real"] == n_typed + len(office)
    assert summary["cross_validation"]["n"] == len(office)
    card = json.loads((out / "pollution_type.json").read_text(encoding="utf-8"))
    assert card["base"]["data"][0]["file"] == "synthetic_petitions.jsonl" and card["cross_validation"]["n"] == len(office)
    held = tmp_path / "held.csv"
    _write_history(held, rows=[("滨海新区某小区9号楼居民在家加工酱货后售卖，烟囱向外直排油烟", "其他"),
                               ("西山村民反映村口小作坊加工熟食，油烟直排扰民", "其他")], encoding="utf-8")
    code, stdout, err = run_cli("evaluate", "--corpus", held, "--model", out, "--against", ROOT / "models")
    assert code == 0, err
    result = json.loads(stdout)
    assert result["types"]["top1_accuracy"] == 1.0
    assert result["difference"]["micro_f1"] > 0 and result["against"]["types"]["top1_accuracy"] < 1.0
    # the card shows, type by type, what the office's records changed in the conventions learned from the shipped
    # records (the prior): an office's records teach which types its tables give, not how far to trust the model's
    # certainty — the slope and best-type bonus stay the shipped ones (OFFICE_CERTAINTY_STRENGTH), and the card says so
    learned = card["conventions"]["learned"]
    assert learned["n_records"] == len(office)
    assert abs(learned["slope"] - learned["prior"]["slope"]) < 0.02
    assert abs(learned["best"] - learned["prior"]["best"]) < 0.02
    assert card["office_certainty_strength"] >= 1000
    assert card["cross_validation"]["before"]["n"] == len(office)
    md = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "惯例：先验与学得" in md and "次要类型偏置" in md and "本单位" in md
    assert all(f"| {t} | " in md for t in ("水", "大气", "土壤", "其他"))
    # how much the office's records weigh was chosen on them: the card gives each candidate's out-of-fold figures
    # type by type, the one kept and the weight of the office's records in it
    choice = card["cross_validation"]["choice"]
    assert set(choice["candidates"]) == {"shipped", "recalibrated", "office"}
    assert choice["candidates"]["office"]["per_type"]["其他"]["support"] == 12
    assert choice["office_weight"] == (card["office_factor"] if choice["chosen"] == "office" else 0)
    assert "本单位记录的分量" in md and f"| {choice['candidates']['shipped']['micro_f1']:.3f} |" in md
    assert "选定：**" in md and "| 其他 | " in md


@pytest.mark.slow
def test_make_train_reproduces_the_shipped_model(tmp_path):
    """`make train`'s command on the repo's corpora gives the model that ships (skops files differ in bytes —
    array names and zip times — so the probabilities are compared)."""
    import subprocess
    import sys

    # a full `make train` (16 fits: folds by page, by province, at random) takes minutes: more than run_cli allows
    proc = subprocess.run([sys.executable, "-m", "petitionnlp.cli", "train", "--no-base", "--corpus",
                           ROOT / "corpora/train/synthetic_petitions.jsonl", ROOT / "corpora/train/real_petitions.jsonl",
                           "-o", tmp_path / "m"], capture_output=True, text=True, timeout=3600)
    assert proc.returncode == 0, proc.stderr
    import numpy as np

    from petitionnlp.classify import load_model
    from petitionnlp.training import read_corpus

    texts = [r["text"] for r in read_corpus([str(ROOT / "corpora/train/real_petitions.jsonl")], require_label=False)]
    texts += [ln.split(",")[4] for ln in (ROOT / "corpora/samples/petitions_sample.csv").read_text(
        encoding="gb18030").splitlines()[1:]]
    a = load_model(ROOT / "models").predict_proba(texts)
    b = load_model(tmp_path / "m").predict_proba(texts)
    assert np.allclose(a, b, atol=1e-6)
    shipped = json.loads((ROOT / "models" / "pollution_type.json").read_text(encoding="utf-8"))
    rebuilt = json.loads((tmp_path / "m" / "pollution_type.json").read_text(encoding="utf-8"))
    assert shipped["cross_validation"]["micro_f1"] == rebuilt["cross_validation"]["micro_f1"]


def _jsonl(path):
    return [json.loads(ln) for ln in path.open(encoding="utf-8") if ln.strip()]


def test_the_generated_corpus_is_what_its_script_writes(tmp_path):
    """corpora/train/synthetic_petitions.jsonl is `scripts/make_training_corpus.py`'s output from corpora/synth/,
    byte for byte: an edit of the generator's data ships with the corpus it writes."""
    import subprocess
    import sys

    out = tmp_path / "synthetic.jsonl"
    proc = subprocess.run([sys.executable, ROOT / "scripts" / "make_training_corpus.py", "--out", out],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == (ROOT / "corpora/train/synthetic_petitions.jsonl").read_bytes()


def test_the_generated_corpus_files_a_smell_from_garbage_under_air_not_soil():
    """A published table files the smell of garbage under 大气 (垃圾中转站臭气扰民 → 大气、噪声); 土壤 is for the
    garbage, waste or soil on land.  The generator drew three smell complaints with the garbage ones (垃圾成堆，
    臭气熏天; 垃圾无人处理，气味扰民; 垃圾桶满溢，散发臭味) and labelled them 土壤 alone: 193 of the 8,000 generated
    records taught the model garbage + a smell → 土壤, the secondary type unseen records got wrong 12 times in 23."""
    import re

    smell = re.compile(r"(垃圾|废弃物|固废).*(臭|气味|异味|熏)")
    rows = [ln.split("\t") for ln in (ROOT / "corpora/synth/phrases.tsv").read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith("#")][1:]
    filed = {r[1]: r[2] if len(r) > 2 and r[2] else r[0] for r in rows if smell.search(r[1])}
    assert filed["河道里漂浮大量垃圾，水体黑臭"] == "水"  # a river named: the water's
    assert "土壤" not in filed.values() and list(filed.values()).count("大气") >= 3, filed
    # drawn with the garbage complaints (a record draws one phrase a list), labelled as filed
    garbage = [r[1] for r in rows if r[0] == "土壤" and smell.search(r[1])]
    records = [r for r in _jsonl(ROOT / "corpora/train/synthetic_petitions.jsonl") if any(p in r["text"] for p in garbage)]
    assert len(records) > 100
    assert all("大气" in r["types"] and "土壤" not in r["types"] for r in records)


def test_the_blind_pages_are_data_and_never_trained_on():
    """The blind split (a third of each dev file's typed records, whole pages, seed 21) is a file; none of its
    pages, and no reserved page, is in the shipped training data; drawn again it is the same."""
    from petitionnlp.training import BLIND_SEED, BLIND_SHARE, blind_pages, choose_blind_pages, read_blind_split

    split = read_blind_split(ROOT / "corpora/train/blind_split.json")
    assert split["seed"] == BLIND_SEED and set(split["files"]) == {"petitions_dev.jsonl", "disclosure_dev.jsonl"}
    trained = {r["url"] for r in _jsonl(ROOT / "corpora/train/real_petitions.jsonl")}
    assert trained and not trained & blind_pages(split)
    if not (SHARED / "reserved_sources.txt").is_file():
        pytest.skip("the shared dev corpora are not beside this checkout")
    reserved = {ln.strip() for ln in (SHARED / "reserved_sources.txt").open(encoding="utf-8")
                if ln.strip() and not ln.startswith("#")}
    assert not trained & reserved and not blind_pages(split) & reserved
    for name, pages in split["files"].items():
        rows = [r for r in _jsonl(SHARED / name) if r["url"] not in reserved]
        if name == "disclosure_dev.jsonl":
            from petitionnlp.taxonomy import normalize_label

            rows = [dict(r, types=normalize_label(r.get("label_raw"))) for r in rows]
        assert sorted(choose_blind_pages(rows, BLIND_SHARE, BLIND_SEED)) == pages
        typed = [r for r in rows if r["types"]]
        blind = [r for r in typed if r["url"] in pages]
        assert len(typed) / 3 <= len(blind) < len(typed) / 2


def test_the_gathered_blind_pages_are_drawn_once_and_never_trained_on():
    """Every page of the gathered records was drawn once (each gathering its own seed, among its own pages), the
    split's blind pages are the draws' blind pages, none of them is in the shipped training data, and a draw made
    again on the pages it chose among gives the same pages (a page withdrawn since: that draw is not redone)."""
    from petitionnlp.training import BLIND_SHARE, choose_blind_pages, read_blind_split

    split = read_blind_split(ROOT / "corpora/train/blind_split_gathered.json")
    rows = _jsonl(ROOT / "corpora/train/gathered_petitions.jsonl")
    draws = split["draws"]
    assert len({d["seed"] for d in draws}) == len(draws)
    pages = [u for d in draws for u in d["pages"]]
    assert len(pages) == len(set(pages)) and {r["url"] for r in rows} <= set(pages)
    assert split["files"]["gathered_petitions.jsonl"] == [u for d in draws for u in d["blind"]]
    trained = {r["url"] for r in _jsonl(ROOT / "corpora/train/real_petitions.jsonl")}
    assert not trained & set(split["files"]["gathered_petitions.jsonl"])
    for d in draws:
        assert set(d["blind"]) <= set(d["pages"])
        drawn = [r for r in rows if r["url"] in set(d["pages"])]
        if {r["url"] for r in drawn} == set(d["pages"]):
            assert sorted(choose_blind_pages(drawn, BLIND_SHARE, d["seed"])) == sorted(d["blind"])


def test_grouped_folds_never_split_a_page_or_a_province():
    from petitionnlp.training import cv_folds

    records = [{"page": f"p{i % 9}", "province": f"省{i % 4}"} for i in range(40)] + [{"page": None, "province": None}]
    for scheme in ("page", "province"):
        folds = cv_folds(records, scheme, 5, seed=3)
        assert len(folds) == 5
        for train, held in folds:
            assert not {records[i][scheme] for i in train} & {records[i][scheme] for i in held} - {None}
    assert sorted(i for _, held in cv_folds(records, "random", 5) for i in held) == list(range(41))
    assert cv_folds(records[:1], "page") == []


def test_evaluate_scores_the_blind_records_beside_the_cross_validated_figures():
    files = [SHARED / "petitions_dev.jsonl", SHARED / "disclosure_dev.jsonl"]
    if not all(p.is_file() for p in files):
        pytest.skip("the shared dev corpora are not beside this checkout")
    code, stdout, err = run_cli("evaluate", "--corpus", *files, "--blind", ROOT / "corpora/train/blind_split.json")
    assert code == 0, err
    result = json.loads(stdout)
    assert result["types"]["n"] == 22 and result["blind_split"].endswith("blind_split.json")
    cv = result["cross_validation"]
    assert cv["scheme"] == "page" and set(cv["schemes"]) == {"page", "province", "random"}
    card = (ROOT / "models" / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "按网页分折" in card and "盲测" in card
    code, _, err = run_cli("evaluate", "--corpus", files[0], "--blind", ROOT / "no_such_split.json")
    assert code != 0 and len(err.strip().splitlines()) == 1 and "E001" in err


def test_a_new_model_version_keeps_the_models_beside_it(tmp_path):
    """`make train` writes models/ anew: the briefing model that `make train-briefing` keeps in a sub-folder of it
    stays; the type model's own files are replaced."""
    from petitionnlp.training import model_folder

    target = tmp_path / "models"
    (target / "briefing_directives").mkdir(parents=True)
    (target / "briefing_directives" / "weights.json").write_text("{}", encoding="utf-8")
    (target / "pollution_type.json").write_text("old", encoding="utf-8")
    with model_folder(target) as out:
        (out / "pollution_type.json").write_text("new", encoding="utf-8")
    assert (target / "pollution_type.json").read_text(encoding="utf-8") == "new"
    assert (target / "briefing_directives" / "weights.json").read_text(encoding="utf-8") == "{}"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]



def test_a_few_office_records_override_the_shipped_secondary_types():
    """The shipped records file a barbecue's smoke and its night-time din under 大气 and 噪声; an office whose tables
    file it under 大气 alone overrides that with two records of its own: at the office level the shipped
    calibration weighs OFFICE_STRENGTH records (with the shipped level's five, two records would not be enough)."""
    import numpy as np

    from petitionnlp.classify import PollutionTypeClassifier
    from petitionnlp.taxonomy import TYPES
    from petitionnlp.text import normalize
    from petitionnlp.training import OFFICE_STRENGTH, _Calibration

    streets = ["东风", "人民", "解放", "建设", "和平", "中山", "新华", "胜利", "光明", "文化", "朝阳", "青年"]
    texts = [normalize(f"{v}路烧烤店油烟很大，夜里客人喧哗") for v in streets]
    labels = [["大气", "噪声"]] * 10 + [["大气"]] * 2         # ten shipped records, then the office's two
    model = PollutionTypeClassifier(memory_threshold=None).fit(texts + ["河里漂着死鱼"], labels + [["水"]])
    base = np.full((len(texts), len(TYPES)), 0.02)
    base[:, TYPES.index("大气")], base[:, TYPES.index("噪声")] = 0.9, 0.45  # the model half hears the din
    held = dict(enumerate(base))
    shipped, office = _Calibration(model, texts, labels, np.arange(10), np.arange(10, 12), held).fit()
    probe = [normalize("站前路烧烤店油烟扰民，夜里吵闹")]
    assert not model.conventions_.fired_rules(probe).any()      # no convention: the secondary-type bias decides
    decide = lambda cal: model.predict_from_proba(model.finish_proba(probe, base[:1], calibrator=cal))  # noqa: E731
    assert decide(shipped) == [["大气", "噪声"]]
    assert decide(office) == [["大气"]]
    was, now = office.describe()["prior"]["secondary"]["噪声"], office.describe()["secondary"]["噪声"]
    assert now < was
    slow = model.fit_calibrator(texts[10:], labels[10:], base[10:], prior=shipped, strength=5.0)
    assert decide(slow) == [["大气", "噪声"]]
    assert OFFICE_STRENGTH < 5.0


def test_a_few_office_records_override_a_shipped_convention():
    """The shipped records file garbage burnt under 大气 and 土壤 (the central tables' convention); an office whose
    tables file it under 大气 alone overrides that with three records of its own: at the office level the
    convention's floor weighs OFFICE_CONVENTION_STRENGTH records where it fires, not the shipped level's twenty
    (with which three records would not yet be enough)."""
    import numpy as np

    from petitionnlp.classify import PollutionTypeClassifier
    from petitionnlp.taxonomy import TYPES
    from petitionnlp.text import normalize
    from petitionnlp.training import OFFICE_CONVENTION_STRENGTH, OFFICE_STRENGTH, _Calibration

    villages = ["东湖", "西山", "南岭", "北坡", "上塘", "下店", "前进", "红星", "新民", "长乐", "河口", "桥头"]
    texts = [normalize(f"{v}村路边焚烧垃圾，浓烟滚滚") for v in villages]
    labels = [["大气", "土壤"]] * 9 + [["大气"]] * 3          # nine shipped records, then the office's three
    model = PollutionTypeClassifier(memory_threshold=None).fit(texts + ["工地夜间施工噪声扰民"], labels + [["噪声"]])
    base = np.full((len(texts), len(TYPES)), 0.02)
    base[:, TYPES.index("大气")], base[:, TYPES.index("土壤")] = 0.9, 0.2   # the model reads the smoke
    shipped, office = _Calibration(model, texts, labels, np.arange(9), np.arange(9, 12), dict(enumerate(base))).fit()
    probe = [normalize("前街焚烧垃圾，黑烟很大")]
    assert model.conventions_.fired_rules(probe).any()
    decide = lambda cal: model.predict_from_proba(model.finish_proba(probe, base[:1], calibrator=cal))  # noqa: E731
    assert decide(shipped) == [["大气", "土壤"]]
    assert decide(office) == [["大气"]]
    soil = [c for c in office.describe()["conventions"] if c["type"] == "土壤" and c["fired"]]
    assert soil and all(c["floor"] < 0.5 for c in soil)
    slow = model.fit_calibrator(texts[9:], labels[9:], base[9:], prior=shipped, strength=OFFICE_STRENGTH,
                                convention_strength=20.0)
    assert decide(slow) == [["大气", "土壤"]]
    assert OFFICE_CONVENTION_STRENGTH < 20


def test_an_office_giving_one_type_a_petition_drops_the_secondary_types_not_its_trust_in_the_main_one():
    """An office whose tables give one type a petition (the factory's fumes, not also its din) teaches that with a
    few records, two of which the model got wrong: at the office level those records move the secondary types
    (OFFICE_STRENGTH) while how far the model's certainty is trusted (the slope and the best type's bias) weighs
    OFFICE_CERTAINTY_STRENGTH records.  When both moved as fast, the two misread records taught the calibration to
    doubt every main type: a clear petition's main type fell, and convention floors outranked it."""
    import numpy as np

    from petitionnlp.classify import PollutionTypeClassifier
    from petitionnlp.taxonomy import TYPES
    from petitionnlp.text import normalize
    from petitionnlp.training import OFFICE_CERTAINTY_STRENGTH, OFFICE_STRENGTH, _Calibration

    streets = ["东风", "人民", "解放", "建设", "和平", "中山", "新华", "胜利", "光明", "文化", "朝阳", "青年", "红旗",
               "跃进", "团结", "幸福"]
    texts = [normalize(f"{v}路工厂排放废气，夜里机器轰鸣") for v in streets]
    air, din, water = TYPES.index("大气"), TYPES.index("噪声"), TYPES.index("水")
    # ten shipped records (the din given six times), then the office's six: fumes alone, twice a water case misread
    labels = [["大气", "噪声"]] * 6 + [["大气"]] * 4 + [["大气"]] * 4 + [["水"]] * 2
    model = PollutionTypeClassifier(memory_threshold=None).fit(texts + ["河里漂着死鱼"], labels + [["水"]])
    base = np.full((len(texts), len(TYPES)), 0.02)
    base[:, air], base[:, din] = 0.95, 0.6
    base[10:14, din] = 0.9                                          # the model hears the din loud and clear
    base[14:, air], base[14:, water] = 0.9, 0.3                     # and misreads two water cases as fumes
    calibration = _Calibration(model, texts, labels, np.arange(10), np.arange(10, 16), dict(enumerate(base)))
    shipped, office = calibration.fit()
    probe = [normalize("站前路工厂废气很大，机器声吵")]
    assert not model.conventions_.fired_rules(probe).any()
    decide = lambda cal: model.predict_from_proba(model.finish_proba(probe, base[10:11], calibrator=cal))  # noqa: E731
    assert decide(shipped) == [["大气", "噪声"]]
    assert decide(office) == [["大气"]]                              # the office's convention, learned
    learned, prior = office.describe(), shipped.describe()
    assert learned["secondary"]["噪声"] < prior["secondary"]["噪声"] - 2
    assert abs(learned["best"] - prior["best"]) < 0.5               # the main type still trusted
    # how far the model's certainty is trusted is the shipped records' to say: six office records, two of them
    # misread, leave the slope and the best type's bias where they were (weighing 20 records, the slope fell by 0.25)
    assert abs(learned["slope"] - prior["slope"]) < 0.02 and abs(learned["best"] - prior["best"]) < 0.02
    # with the certainty weighing as little as the secondary types, the misread records make every main type doubtful
    fast = model.fit_calibrator(texts[10:], labels[10:], base[10:], prior=shipped, strength=OFFICE_STRENGTH,
                                convention_strength=2.0, certainty_strength=OFFICE_STRENGTH)
    assert fast.describe()["best"] < prior["best"] - 1
    assert OFFICE_CERTAINTY_STRENGTH > OFFICE_STRENGTH


def test_an_office_that_leaves_out_the_type_the_model_is_surest_of_teaches_it():
    """Issue 29 item 2, conventions learned: an office whose tables give only the medium a complaint leads with
    (the singing at night, not also the barbecue's smoke the model reads most surely) teaches that with a few
    records.  The type it leaves out is the model's best type, which the secondary-type biases never reach: at the
    office level each type has its own bias when it is the best one of a text that names another type first
    (OFFICE_BEST_TYPE_STRENGTH), while the shared best-type bias and the slope (how far the model's certainty is
    trusted) stay the shipped ones — the other types' decisions do not move.  Before, the office's calibration left
    the smoke in."""
    import numpy as np

    from petitionnlp.classify import PollutionTypeClassifier, light_predictor
    from petitionnlp.taxonomy import TYPES
    from petitionnlp.text import normalize
    from petitionnlp.training import (OFFICE_BEST_TYPE_STRENGTH, OFFICE_CERTAINTY_STRENGTH, _Calibration,
                                      _conventions_lines)

    streets = ["东风", "人民", "解放", "建设", "和平", "中山", "新华", "胜利", "光明", "文化", "朝阳", "青年", "红旗",
               "跃进", "团结", "幸福", "前进", "五一", "长江", "黄河"]
    texts = [normalize(f"{v}路歌厅夜里唱歌噪声扰民，门口烧烤摊油烟很大") for v in streets]
    air, din = TYPES.index("大气"), TYPES.index("噪声")
    labels = [["噪声", "大气"]] * 8 + [["噪声"]] * 12           # eight shipped records, then the office's twelve
    model = PollutionTypeClassifier(memory_threshold=None).fit(texts + ["河里漂着死鱼"], labels + [["水"]])
    base = np.full((len(texts), len(TYPES)), 0.02)
    base[:, air], base[:, din] = 0.8, 0.7                            # the smoke read most surely
    calibration = _Calibration(model, texts, labels, np.arange(8), np.arange(8, 20), dict(enumerate(base)))
    shipped, office = calibration.fit()
    probe = [normalize("站前路歌厅夜里唱歌噪声扰民，门口烧烤摊油烟很大")]
    assert not model.conventions_.fired_rules(probe).any()          # no convention: the calibration decides
    decide = lambda cal: model.predict_from_proba(model.finish_proba(probe, base[:1], calibrator=cal))  # noqa: E731
    assert decide(shipped) == [["大气", "噪声"]]
    assert decide(office) == [["噪声"]]                               # the office's convention, learned
    # before: the office's calibration moved the secondary types only, the best type's bias held at the shipped one
    before = model.fit_calibrator(texts[8:], labels[8:], base[8:], prior=shipped, strength=0.5,
                                  convention_strength=2.0, certainty_strength=OFFICE_CERTAINTY_STRENGTH)
    assert sorted(decide(before)[0]) == sorted(["大气", "噪声"])         # the smoke left in
    learned, prior = office.describe(), shipped.describe()
    assert "best_not_main" not in prior                               # the shipped calibration as it was
    assert learned["best_not_main"]["大气"] < learned["prior"]["best_not_main"]["大气"] - 2
    assert all(abs(learned["best_not_main"][t] - learned["prior"]["best_not_main"][t]) < 0.02 for t in TYPES if t != "大气")
    assert abs(learned["best"] - prior["best"]) < 0.02 and abs(learned["slope"] - prior["slope"]) < 0.02
    assert OFFICE_BEST_TYPE_STRENGTH is not None
    # the light predictor (what a loaded model folder predicts with) applies the same calibration
    model.calibrator_ = office
    assert np.allclose(light_predictor(model).predict_proba(probe), model.predict_proba(probe))
    assert model.predict(probe) == [["噪声"]]
    # the card shows the change type by type
    md = "\n".join(_conventions_lines({"base": {"data": []}, "cross_validation": {},
                                       "conventions": {"learned": learned, "names": []}}))
    row = next(ln for ln in md.splitlines() if ln.startswith("| 大气 | "))
    assert "最有把握却非正文首提时的加成" in md and f"{prior['best']:+.2f} → {learned['best_not_main']['大气']:+.2f}" in row
    header = next(ln for ln in md.splitlines() if "最有把握却非正文首提时的加成" in ln)
    assert len(row.split("|")) == len(header.split("|")) == 7


def _office_choice_records(office_labels):
    """A small training set as `train --corpus` builds it: generated records, shipped real records (one page
    each) that file a barbecue's smoke and din under 大气 and 噪声, then twelve office records of the same
    complaint (one page each) labelled ``office_labels``."""
    from petitionnlp.text import normalize

    generated = [dict(text=normalize(t), types=[k], real=False) for t, k in [
        ("化工厂废气异味扰民", "大气"), ("工地夜间施工噪声扰民", "噪声"), ("养猪场粪污直排小河", "水"),
        ("企业偷排废水到地下", "水"), ("KTV音响声音太大", "噪声"), ("砂石厂粉尘污染严重", "大气"),
        ("非法采砂破坏河道生态", "生态"), ("垃圾随意堆放在农田", "土壤"), ("餐馆油烟直排扰民", "大气"),
        ("广场舞音响吵闹", "噪声"), ("河里漂着死鱼，水发黑", "水"), ("锅炉冒黑烟", "大气")] * 2]
    streets = ["东风", "人民", "解放", "建设", "和平", "中山", "新华", "胜利", "光明", "文化", "朝阳", "青年", "红旗",
               "跃进", "团结", "幸福", "前进", "五一", "长江", "黄河", "民主", "振兴", "滨江", "湖滨"]
    shipped = [dict(text=normalize(f"{v}路烧烤店油烟很大，夜里客人喧哗"), types=["大气", "噪声"], real=True,
                    page=f"https://a.example/{i}") for i, v in enumerate(streets[:12])]
    office = [dict(text=normalize(f"{v}路烧烤摊油烟扰民，夜里吵闹"), types=list(office_labels), real=True,
                   office=True, page=f"https://b.example/{i}") for i, v in enumerate(streets[12:])]
    return generated, shipped, office


@pytest.mark.parametrize("office_labels, kept", [(["大气", "噪声"], "shipped"), (["大气"], None)])
def test_an_office_history_is_weighed_by_what_it_shows(office_labels, kept):
    """How much an office's records change the model is chosen on them (out of fold, by page): an office that
    files as the shipped records do keeps the shipped model exactly (its records weigh nothing, so its history
    can never make the model worse for it); an office with a convention of its own gets a model that follows it,
    and the choice (each candidate's figures, type by type, the weight chosen) is in the cross-validation."""
    import numpy as np

    from petitionnlp.text import normalize
    from petitionnlp.training import fit_type_model

    generated, shipped_real, office = _office_choice_records(office_labels)
    params = {"memory_threshold": None}
    shipped, _ = fit_type_model(generated + shipped_real, params, tune_mask=[r["real"] for r in generated + shipped_real])
    records = generated + shipped_real + office
    model, cv = fit_type_model(records, params, tune_mask=[bool(r.get("office")) for r in records])
    choice = cv["choice"]
    assert set(choice["candidates"]) == {"shipped", "recalibrated", "office"} and choice["folds"] >= 2
    for figures in choice["candidates"].values():
        assert {"micro_f1", "top1_accuracy", "per_type", "office_weight"} <= set(figures)
        assert figures["per_type"]["大气"]["support"] == len(office)
    probe = [normalize("站前路烧烤店油烟扰民，夜里吵闹")]
    if kept == "shipped":
        assert choice["chosen"] == "shipped" and choice["office_weight"] == 0 and not choice["recalibrated"]
        assert np.array_equal(model.predict_proba(probe), shipped.predict_proba(probe))
        assert model.predict(probe) == shipped.predict(probe) == [["大气", "噪声"]]
    else:
        # the office never gives 噪声 after 大气 where the shipped records always do: no candidate gives it after the
        # first any more (session 46, OFFICE_SECONDARY_ALPHA), so the shipped model so decided may be kept
        assert choice["secondary_types"]["types"]["噪声"]["dropped"]
        assert shipped.predict(probe) == [["大气", "噪声"]] and model.predict(probe) == [["大气"]]
        if choice["chosen"] == "shipped":
            return
        best = max(c["micro_f1"] for c in choice["candidates"].values())
        assert choice["candidates"][choice["chosen"]]["micro_f1"] == best
        assert choice["candidates"]["shipped"]["micro_f1"] < best
        # a candidate leaves the shipped model only with more of the office's records exactly right out of fold
        assert choice["candidates"][choice["chosen"]]["net_exact"] >= choice["min_exact"] >= 1
        assert choice["candidates"]["shipped"]["net_exact"] == 0
        # twelve one-type records do not outweigh shipped records that all give two types: max_types as shipped
        assert choice["types_per_petition"]["max_types"] == model.max_types == 3
        assert shipped.predict(probe) == [["大气", "噪声"]] and model.predict(probe) == [["大气"]]


def test_an_office_that_never_gives_a_type_after_the_first_stops_getting_it(tmp_path):
    """Which types come after the first is an office's convention, read from its records as counts (session 46,
    issue 29 item 2): where the keyword list names 噪声 beside a first type 大气, the shipped records give it 12 times
    in 12, the office 0 in 12 — a count that had less than OFFICE_SECONDARY_ALPHA's chance at the shipped rate — so
    every candidate leaves 噪声 out after the first, while a type the office gives as often as the shipped records
    stays; the card shows it type by type.  Before, the office's secondary types were left to its calibration and
    the shipped rule, and the card had no such table."""
    import numpy as np

    from petitionnlp.taxonomy import TYPES
    from petitionnlp.text import normalize
    from petitionnlp.training import (OFFICE_SECONDARY_ALPHA, _choice_lines, _office_secondary_types,
                                      _per_type_gate, _secondary_rule_text, fit_type_model)

    assert OFFICE_SECONDARY_ALPHA == 0.05
    named = np.zeros((12, len(TYPES)), dtype=bool)
    named[:, [TYPES.index("大气"), TYPES.index("噪声"), TYPES.index("水")]] = True
    shipped_types = [["大气", "噪声", "水"]] * 8 + [["大气", "噪声"]] * 4
    got = _office_secondary_types([["大气", "水"]] * 12, named, shipped_types, named)["types"]
    assert got["噪声"]["office"] == [0, 12] and got["噪声"]["shipped"] == [12, 12] and got["噪声"]["dropped"]
    assert got["水"]["office"] == [12, 12] and not got["水"]["dropped"]              # given as the shipped give it
    assert "大气" not in got                                                        # always first: nothing to read
    half = [["大气", "噪声"]] * 6 + [["大气", "水"]] * 6                  # the shipped records give 噪声 in half
    assert _office_secondary_types([["大气", "水"]] * 12, named, half, named)["types"]["噪声"]["dropped"]
    three = _office_secondary_types([["大气", "水"]] * 3, named[:3], half, named)["types"]["噪声"]
    assert three["chance"] == 0.125 and not three["dropped"]          # 0 in 3 is not yet evidence
    assert _per_type_gate((None, 2.0), 0.5, []) == (None, 2.0)
    assert _per_type_gate((None, 2.0), 0.5, [TYPES.index("噪声")]) == (
        [2.0 if t == "噪声" else 0.5 for t in TYPES], [2.0] * len(TYPES))

    generated, shipped_real, _ = _office_choice_records(["大气"])
    streets = ["红旗", "跃进", "团结", "幸福", "前进", "五一", "长江", "黄河", "民主", "振兴", "滨江", "湖滨"]
    shipped_real = [dict(r, text=normalize(r["text"].replace("喧哗", "吵闹"))) for r in shipped_real]
    office = [dict(text=normalize(f"{v}路烧烤摊油烟扰民，夜里吵闹"), types=["大气"], real=True, office=True,
                   page=f"https://b.example/{i}") for i, v in enumerate(streets)]
    records = generated + shipped_real + office
    model, cv = fit_type_model(records, {"memory_threshold": None}, tune_mask=[bool(r.get("office")) for r in records])
    assert cv["choice"]["secondary_types"]["types"]["噪声"]["dropped"]
    assert model.predict([normalize("站前路烧烤店油烟扰民，夜里吵闹")]) == [["大气"]]
    card = "\n".join(_choice_lines({"cross_validation": cv}))
    assert "| 噪声 | 0 / 12 | 12 / 12 |" in card and "不再给出" in card
    assert "噪声不再作为次要类型给出" in _secondary_rule_text(model.get_params())
    from petitionnlp.classify import light_predictor, load_model, save_model

    save_model(model, tmp_path / "m")                                 # the per-type rule is saved and read back
    probe = [normalize("站前路烧烤店油烟扰民，夜里吵闹")]
    assert load_model(tmp_path / "m").predict(probe) == light_predictor(model).predict(probe) == [["大气"]]


def test_one_or_two_office_records_are_no_evidence_against_the_shipped_records():
    """Review r46b, session 47: one office record whose text names 噪声 beside a first 大气 without giving it, against
    shipped records giving it 12 times in 12, had a chance of 0.038 at the shipped rate and 噪声 was dropped after the
    first on that one record.  An office must name the type beside another first type in at least
    OFFICE_SECONDARY_FEWEST records before its absence counts; a few dozen that never give it still drop it, and the
    card says so."""
    import numpy as np

    from petitionnlp.taxonomy import TYPES
    from petitionnlp.training import OFFICE_SECONDARY_FEWEST, _office_secondary_types, _secondary_types_lines

    assert OFFICE_SECONDARY_FEWEST == 3

    def named(n):
        out = np.zeros((n, len(TYPES)), dtype=bool)
        out[:, [TYPES.index("大气"), TYPES.index("噪声")]] = True
        return out

    shipped = [["大气", "噪声"]] * 12
    for n in (1, 2):
        row = _office_secondary_types([["大气"]] * n, named(n), shipped, named(12))["types"]["噪声"]
        assert row["office"] == [0, n] and row["chance"] < 0.05 and not row["dropped"]
    dozens = _office_secondary_types([["大气"]] * 30, named(30), shipped, named(12))
    assert dozens["types"]["噪声"]["dropped"]
    card = "\n".join(_secondary_types_lines(dozens))
    assert "不少于 3 条" in card and "| 噪声 | 0 / 30 | 12 / 12 |" in card


def test_the_office_candidate_kept_is_the_one_with_the_most_records_exactly_right():
    """Of the candidates that get enough more of the office's records exactly right than the shipped model, the one
    with the most exactly right is kept (OFFICE_CHOICE_BY), not the one whose micro-F1 is a little higher from
    partial matches; of equals, the one that changes the least.  Before, the recalibrated candidate's micro-F1 won."""
    from petitionnlp.training import OFFICE_CHOICE_BY, OFFICE_CHOICE_MIN_EXACT, _chosen_candidate

    scores = {"shipped": {"micro_f1": 0.80, "exact": 20, "net_exact": 0},
              "recalibrated": {"micro_f1": 0.86, "exact": 21, "net_exact": 1},
              "office": {"micro_f1": 0.85, "exact": 23, "net_exact": 3}}
    assert OFFICE_CHOICE_BY == "exact" and OFFICE_CHOICE_MIN_EXACT == 1
    assert _chosen_candidate(scores) == "office"
    scores["office"].update(exact=21, net_exact=1)               # as many exactly right: the smaller change
    assert _chosen_candidate(scores) == "recalibrated"
    scores["recalibrated"].update(exact=20, net_exact=0)          # not one more than shipped: never looked at
    scores["office"].update(exact=20, net_exact=0)
    assert _chosen_candidate(scores) == "shipped"


def test_an_office_decides_how_many_types_a_petition_gets(tmp_path):
    """How many types a petition gets is the office's convention too, learned from its records, not imposed: an
    office whose tables give one type a petition (none of its records two) gets at most one type a petition, while
    the shipped real records (a sixth of them with two types) keep the shipped max_types; the choice records the
    shares it was decided on, and the card's section on the office's records shows the decision."""
    from petitionnlp.text import normalize
    from petitionnlp.training import (OFFICE_MORE_TYPES_SHARE, OFFICE_TYPES_STRENGTH, _choice_lines,
                                      fit_type_model)

    generated, shipped_real, _ = _office_choice_records(["大气", "噪声"])
    kinds = [("{}路化工厂废气异味扰民", ["大气"]), ("{}路工地夜间施工噪声扰民", ["噪声"]),
             ("{}路养猪场粪污直排小河", ["水"]), ("{}路砂石厂粉尘污染严重", ["大气"])]
    streets = ["东风", "人民", "解放", "建设", "和平", "中山", "新华", "胜利", "光明", "文化", "朝阳", "青年", "红旗",
               "跃进", "团结", "幸福", "前进", "五一", "长江", "黄河"]
    single = [dict(text=normalize(kinds[i % 4][0].format(v)), types=kinds[i % 4][1], real=True,
                   page=f"https://c.example/{i}") for i, v in enumerate(streets)]
    shipped_real = shipped_real[:4] + single  # 4 of 24 with two types
    office = [dict(text=normalize(f"{v}路烧烤摊油烟扰民，夜里吵闹"), types=["大气"], real=True, office=True,
                   page=f"https://b.example/{i}") for i, v in enumerate(streets[:6])]
    office += [dict(r, text=r["text"].replace("路", "街"), office=True, page=r["page"] + "b") for r in single[:6]]
    params = {"memory_threshold": None}
    shipped, _ = fit_type_model(generated + shipped_real, params,
                                tune_mask=[r["real"] for r in generated + shipped_real])
    records = generated + shipped_real + office
    model, cv = fit_type_model(records, params, tune_mask=[bool(r.get("office")) for r in records])
    types = cv["choice"]["types_per_petition"]
    assert shipped.max_types == types["shipped_max_types"] == 3
    first = types["shares"][0]
    assert first["more_than"] == 1 and first["office"] == 0 and abs(first["shipped"] - 4 / 24) < 1e-3
    assert abs(first["shrunk"] - OFFICE_TYPES_STRENGTH * (4 / 24) / (OFFICE_TYPES_STRENGTH + 12)) < 1e-3
    assert first["shrunk"] < OFFICE_MORE_TYPES_SHARE
    assert types["max_types"] == model.max_types == cv["choice"]["decision"]["max_types"] == 1
    probe = [normalize("站前路烧烤店油烟很大，夜里客人吵闹")]  # both named by the keyword list (SECONDARY_RULE)
    assert len(shipped.predict(probe)[0]) == 2 and len(model.predict(probe)[0]) == 1
    md = "\n".join(_choice_lines({"cross_validation": cv}))
    assert "每件信访件最多给几个类型" in md and "| m = 1 | 0.167 | 0.000 |" in md and "每件最多 **1** 个类型" in md


def test_an_office_correction_counts_whichever_model_is_kept():
    """An office whose records, taken together, file as the shipped ones do keeps the shipped model — but a case it
    corrected (one record of its own labelling) still counts: the kept model remembers the office's records, so
    the same petition seen again gets the corrected types (review 38: with the shipped model kept, the correction
    was lost)."""
    from petitionnlp.text import normalize
    from petitionnlp.training import fit_type_model

    generated, shipped_real, office = _office_choice_records(["大气", "噪声"])
    fixed = normalize("湖滨路烧烤摊夜里客人划拳喧哗到凌晨两点，油烟不大")
    office.append(dict(text=fixed, types=["噪声"], real=True, office=True, page="https://b.example/x"))
    records = generated + shipped_real + office
    model, cv = fit_type_model(records, {}, tune_mask=[bool(r.get("office")) for r in records])
    assert cv["choice"]["chosen"] == "shipped"
    assert model.predict([fixed]) == [["噪声"]]


def test_an_office_card_scores_its_records_with_the_secondary_rule_its_model_keeps():
    """The card's out-of-fold figures of an office's own records ("after") are decided as the office's model
    decides them: with the shipped secondary-type rule when the office's records keep it (an office that files as
    the keyword list reads: here stinking garbage under 大气 and 土壤, as the shipped records file it), not by the
    threshold alone.  Before session 44 they were always scored without it (OFFICE_SECONDARY_RULE "choose")."""
    from petitionnlp.text import normalize
    from petitionnlp.training import fit_type_model

    generated, _, _ = _office_choice_records(["大气"])
    streets = ["东风", "人民", "解放", "建设", "和平", "中山", "新华", "胜利", "光明", "文化", "朝阳", "青年", "红旗",
               "跃进", "团结", "幸福", "前进", "五一", "长江", "黄河", "民主", "振兴", "滨江", "湖滨"]
    shipped_real = [dict(text=normalize(f"{v}路边垃圾成堆，散发臭气"), types=["大气", "土壤"], real=True,
                         page=f"https://a.example/{i}") for i, v in enumerate(streets[:12])]
    office = [dict(text=normalize(f"{v}街垃圾乱堆，臭气难闻"), types=["大气", "土壤"], real=True, office=True,
                   page=f"https://b.example/{i}") for i, v in enumerate(streets[12:])]
    rule = (0.1, None)
    params = {"memory_threshold": None, "named_threshold": rule[0], "unnamed_threshold": rule[1]}
    records = generated + shipped_real + office
    _, cv = fit_type_model(records, params, tune_mask=[bool(r.get("office")) for r in records])
    assert cv["choice"]["candidates"]["office"]["secondary_rule"] == list(rule)
    assert cv["secondary_rule"] == list(rule)


@pytest.mark.parametrize("waste, rule, shipped_types, office_types, expected", [
    # the office teaches 土壤 where the list names none (杂物), the shipped rule never giving an unnamed type
    ("杂物", (None, 2.0), ["大气"], ["大气", "土壤"], [["大气", "土壤"]]),
    # the other way: it leaves 土壤 out where the list names it (垃圾), the shipped rule giving a named type from 0.1
    ("垃圾", (0.1, None), ["大气", "土壤"], ["大气"], [["大气"]]),
])
def test_an_office_teaches_secondary_types_whatever_the_keyword_list_names(waste, rule, shipped_types, office_types,
                                                                           expected):
    """The shipped model weighs its secondary types against the plain keyword list (SECONDARY_RULE), but that is a
    prior: whether an office's candidate keeps it is chosen on the office's records (OFFICE_SECONDARY_RULE).  Here
    the shipped records file stinking waste one way, the office's records the other, and the office's model
    follows its records whatever the keyword list names."""
    from petitionnlp.features import keyword_named
    from petitionnlp.taxonomy import TYPES
    from petitionnlp.text import normalize
    from petitionnlp.training import OFFICE_SECONDARY_RULE, _per_type_gate, fit_type_model

    generated, _, _ = _office_choice_records(["大气"])
    streets = ["东风", "人民", "解放", "建设", "和平", "中山", "新华", "胜利", "光明", "文化", "朝阳", "青年", "红旗",
               "跃进", "团结", "幸福", "前进", "五一", "长江", "黄河", "民主", "振兴", "滨江", "湖滨"]
    shipped_real = [dict(text=normalize(f"{v}路边{waste}成堆，散发臭气"), types=shipped_types, real=True,
                         page=f"https://a.example/{i}") for i, v in enumerate(streets[:12])]
    office = [dict(text=normalize(f"{v}街{waste}乱堆，臭气难闻"), types=office_types, real=True, office=True,
                   page=f"https://b.example/{i}") for i, v in enumerate(streets[12:])]
    params = {"memory_threshold": None, "named_threshold": rule[0], "unnamed_threshold": rule[1]}
    records = generated + shipped_real + office
    model, cv = fit_type_model(records, params, tune_mask=[bool(r.get("office")) for r in records])
    probe = [normalize(f"站前路{waste}堆放，臭气熏人")]
    lexicon = dict(model.pipeline_.named_steps["features"].transformer_list)["lexicon"]
    assert keyword_named(probe, lexicon._lexicon())[0, TYPES.index("土壤")] == (waste == "垃圾")
    assert OFFICE_SECONDARY_RULE == "choose" and cv["choice"]["chosen"] != "shipped"
    # the shipped candidate keeps the shipped rule, but for the types the office's records show it never gives after
    # the first (OFFICE_SECONDARY_ALPHA, k46): 垃圾 is named 土壤 by the list, and none of the office's records gives it
    dropped = [TYPES.index(t) for t, row in cv["choice"]["secondary_types"]["types"].items() if row["dropped"]]
    assert dropped == ([TYPES.index("土壤")] if waste == "垃圾" else [])
    shipped_rule = _per_type_gate(rule, cv["choice"]["decision"]["threshold"], dropped)
    assert cv["choice"]["candidates"]["shipped"]["secondary_rule"] == list(shipped_rule)
    assert model.predict(probe) == expected
    if "土壤" in office_types:  # the rule is dropped for this office: kept, it would block what its records teach
        assert (model.named_threshold, model.unnamed_threshold) == (None, None)
        assert cv["choice"]["decision"]["unnamed_threshold"] is None
        assert model.set_params(unnamed_threshold=2.0).predict(probe) == [["大气"]]


def test_an_office_that_gives_a_type_after_the_first_now_and_then_keeps_getting_it():
    """Issue 29 item 2, session 56: an office whose tables give a type after the first now and then files it as the
    shipped tables do, only less often than the few shipped records happen to.  With published labels, a half of the
    pooled office (benchmarks/office_history.py --pooled) gave 大气 after the first on 1 of 6 records naming it
    against 5 of 7 shipped; the binomial chance (0.013) dropped 大气 for every candidate and the office's model lost
    what the tables give (micro-F1 0.866 -> 0.820 on the other half).  Only an office that never gives it
    (OFFICE_SECONDARY_MOST) stops getting it; the card says so, type by type."""
    import numpy as np

    from petitionnlp.taxonomy import TYPES
    from petitionnlp.training import _office_secondary_types, _secondary_types_lines

    named = np.zeros((12, len(TYPES)), dtype=bool)
    named[:, [TYPES.index("水"), TYPES.index("大气")]] = True
    shipped = [["水", "大气"]] * 12
    sometimes = _office_secondary_types([["水", "大气"]] + [["水"]] * 11, named, shipped, named)
    row = sometimes["types"]["大气"]
    assert row["office"] == [1, 12] and row["chance"] < 0.05 and not row["dropped"]
    never = _office_secondary_types([["水"]] * 12, named, shipped, named)
    assert never["types"]["大气"]["dropped"]
    card = "\n".join(_secondary_types_lines(sometimes))
    assert "其中一条也没有给出" in card and "| 大气 | 1 / 12 | 12 / 12 |" in card and "照常 |" in card
