"""Personal information (issue 10): each type in its common writings, each look-alike left alone, traditional and
full-width text, offsets that slice back to the span, the spaCy pipeline's entities, and the commands."""

import csv
import json

import pytest

from conftest import ROOT, run_cli
from petitionnlp.pii import find_pii, get_pii_nlp, redact_text


def spans(text):
    got = find_pii(text)
    for s in got:
        assert text[s["start"]:s["end"]] == s["text"]  # offsets into the original cell
    return [(s["type"], s["text"]) for s in got]


@pytest.mark.parametrize("text,expected", [
    ("举报人张建国反映搅拌站噪声扰民", [("姓名", "张建国")]),
    ("村民陈桂兰、周玉梅等反映村口垃圾堆放", [("姓名", "陈桂兰"), ("姓名", "周玉梅")]),
    ("老板王大强的养猪场污水直排", [("姓名", "王大强")]),
    ("个体户周伟开的废品收购站焚烧电线", [("姓名", "周伟")]),
    ("信访人司马光明反映工业园区异味", [("姓名", "司马光明")]),
    ("刘建军在河边开了一家洗砂场", [("姓名", "刘建军")]),
    ("来电人林晓燕，座机8452 1234", [("姓名", "林晓燕"), ("电话", "8452 1234")]),
    ("欧阳秀英反映隔壁作坊噪声", [("姓名", "欧阳秀英")]),  # the subject of 反映 at a clause start
    ("该件重复。张娜娜投诉油烟", [("姓名", "张娜娜")]),
])
def test_names(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize("phone", ["13807341234", "138 0734 1234", "138-0734-1234", "+86 13807341234",
                                   "+86-138-0734-1234", "(+86)13807341234", "0731-88886666", "(0731)88886666",
                                   "0731 8888 6666", "021-5555 6666转123", "０７３１－８８８８６６６６", "１３８０７３４１２３４"])
def test_phones_in_every_common_writing(phone):
    assert spans(f"举报电话：{phone}，反映噪声扰民") == [("电话", phone)]


def test_ids_plates_email_accounts():
    assert spans("身份证号43010419800101332X") == [("证件号", "43010419800101332X")]
    assert spans("号码430421197511129718的举报人") == [("证件号", "430421197511129718")]  # the check digit confirms
    assert spans("身份证号码440305198509180508（末位有误）") == [("证件号", "440305198509180508")]  # context confirms
    assert spans("号码440305198509180508的举报人") == []  # neither: not taken for an ID
    assert spans("旧身份证号370102590214075") == [("证件号", "370102590214075")]
    for plate in ("湘A12345", "湘A·12345", "粤B D12345", "京N12345", "川A3K8Z9", "湘a54321"):
        assert spans(f"车牌{plate}的货车夜间倾倒") == [("车牌", plate)]
    assert spans("邮箱zhang.san_1990@163.com反映") == [("邮箱", "zhang.san_1990@163.com")]
    assert spans("QQ号：785412369") == [("账号", "785412369")]
    assert spans("微信号 wxid_abc12345，反映") == [("账号", "wxid_abc12345")]
    assert spans("奖励打到6222590830166131862") == [("账号", "6222590830166131862")]  # Luhn, 62: a bank card
    assert spans("卡号6217 0913 9099 6030 820") == [("账号", "6217 0913 9099 6030 820")]


def test_a_mobile_number_written_in_chinese_numerals():
    """People write a number in Chinese numerals to keep it from filters (幺 for 一): still a phone; a date is not."""
    assert spans("有事请打电话一三九七三一二三四五六") == [("电话", "一三九七三一二三四五六")]
    assert spans("手机幺三八 零零一三 八零零零") == [("电话", "幺三八 零零一三 八零零零")]
    assert spans("二〇一九年三月一日起夜间施工") == []


def test_a_home_address_keeps_its_area_and_loses_its_numbers():
    """Where a complainant lives (家住, 住在, 住址 …): the building, door and room numbers are personal (【住址】), the
    street and the village stay for the office to place the case; numbers with no such word before them (a factory's
    door, a date) stay."""
    assert spans("我住在长沙市岳麓区麓山南路金茂小区5栋302室，楼下烧烤店油烟很大") == [("住址", "5栋302室")]
    assert spans("家住新化县洋溪镇青峰村三组12号，村旁石场炸山") == [("住址", "三组12号")]
    assert spans("住址：株洲市天元区泰山路2号楼3单元401室") == [("住址", "2号楼3单元401室")]
    assert spans("家庭住址为湘潭市雨湖区某小区B座1203") == [("住址", "B座1203")]
    # a door number and the flat's numbers after it are one 住址 (one placeholder, not 【住址】【住址】)
    assert spans("家住长沙市岳麓区麓山南路88号3栋2单元501室，楼下KTV噪音大") == [("住址", "88号3栋2单元501室")]
    # building-unit-room written with dashes, after a word for one's address (联系地址, 家庭住址 …)
    assert spans("家庭住址：衡阳市蒸湘区联合街道某小区3-2-401") == [("住址", "3-2-401")]
    assert spans("联系地址为株洲市荷塘区某小区12-1-1102，反映噪声") == [("住址", "12-1-1102")]
    assert spans("我家住在厂旁，2019-3-1201批次废水超标") == []


def test_a_name_a_table_spaces_apart_is_one_name():
    """Tables pad a two-character name to a three-character one's width (王　伟) and some type 谢 国 华: after a
    complainant's word it is one name; a surname alone (王 反映), a masked one (张 某) or a place (李 家 湾的) is not."""
    assert spans("举报人：王　伟，电话13812345678") == [("姓名", "王　伟"), ("电话", "13812345678")]
    assert spans("联系人：李  娜") == [("姓名", "李  娜")]
    assert spans("举报人 谢 国 华 反映污水") == [("姓名", "谢 国 华")]
    assert spans("举报人王 反映噪声") == [] and spans("举报人张 某反映") == []
    # closed by the record's next field after a space (a form's line: 姓名 电话 …)
    assert spans("反映人:胡 斌 联系电话:13800138000") == [("姓名", "胡 斌"), ("电话", "13800138000")]
    assert spans("举报人 谢 国 华 手机13812345678") == [("姓名", "谢 国 华"), ("电话", "13812345678")]
    assert spans("反映人：罗 敏（女） 电话：13787654321") == [("姓名", "罗 敏"), ("电话", "13787654321")]
    assert spans("举报人: 孙 丽（电话13800001111）") == [("姓名", "孙 丽"), ("电话", "13800001111")]  # ": " then the name
    assert spans("村民李 家 湾的石场") == []
    # spaced words after a complainant's word are no name: a verb, a place, an honorific, a measure
    for text in ("举报人 李 称 该厂夜间偷排", "投诉人 高 度 关注此事", "信访人 石 场 炸山噪声大", "反映人 周 边 居民受影响",
                 "举报人 黄 河 边 养殖场排污", "联系人 江 边 的养殖场", "投诉人 刘 女 士", "投诉人 王 先 生 反映"):
        assert spans(text) == [], text


def test_a_name_in_pinyin_after_a_complainants_word_is_a_name():
    """投诉人：Zhang Wei — a name written in pinyin right after 投诉人, 信访人 …; capitals alone (KTV) or one word after
    another verb (举报人称Apple专卖店) are not."""
    assert spans("投诉人：Zhang Wei，电话13812345678") == [("姓名", "Zhang Wei"), ("电话", "13812345678")]
    assert spans("信访人Ouyang Xiaoyan反映") == [("姓名", "Ouyang Xiaoyan")]
    assert spans("投诉人：KTV噪声") == [] and spans("举报人称Apple专卖店") == []
    for text in ("联系人WeChat：abc123", "联系人：Mr Li", "联系人：Wang Fang Ltd", "投诉人 John Deere 拖拉机噪声"):
        # a brand, a title, a firm: no surname's pinyin then a given name (abc123 after WeChat is an account: p43b)
        assert [s for s in spans(text) if s[0] == "姓名"] == [], text


def test_a_phone_with_a_long_dash_and_a_visitor_by_name_are_found():
    """0731—88888888 (a long dash typed between area code and number) is one phone, the area code included; 来访人
    (a visitor at the office) is a complainant's word, as 来电人 and 来信人 are."""
    assert spans("反映人王先生，电话：0731—88888888，反映某洗车场污水") == [("电话", "0731—88888888")]
    assert spans("手机138—7312—3456") == [("电话", "138—7312—3456")]
    assert ("姓名", "段誉") in spans("来访人：段誉，男，1985年5月生")
    assert spans("长沙市芙蓉区五一大道88号的工厂夜间排放废气") == []
    assert spans("2019年3月12号起，搅拌站每天噪声扰民") == []


@pytest.mark.parametrize("text", [
    "反映受理编号D2HN202010150023的问题至今未整改", "该件与X4100002018051500123号交办件重复",
    "群众拨打12369环保热线和12345市民热线，报警110", "举报人张某反映，李某某经营的洗沙场", "来电人刘女士反映噪声",
    "许达哲省长批示：立即查处", "副市长张建林带队督办", "王家村、李家湾两村村民反映", "张家界市永定区某餐馆",
    "湖南王家食品有限公司夜间噪声", "2024年5月15日起罚款138000元", "信20170816134号举报件", "编号3438号信访件",
    "面积约2000平方米，投资1300万元", "统一社会信用代码91430100MA4L12345X", "(通讯员 李红梅 记者 张伟) 昨日",
    "副组长陈仲伯、陈爱林、王一鸥到现场", "市民反映阿克齐镇青山工业园的采矿", "阜平县李家大道旁的化工厂",
    "金华反映问题较多", "高新区反映强烈"])
def test_look_alikes_are_left_alone(text):
    assert spans(text) == []


def test_traditional_and_full_width_text_keep_their_offsets():
    text = "舉報人陳國強，電話１３８０７３１５５６６，郵箱ｗａｎｇｆａｎｇ＠１６３．ｃｏｍ，車牌粵B·12345"
    assert spans(text) == [("姓名", "陳國強"), ("电话", "１３８０７３１５５６６"), ("邮箱", "ｗａｎｇｆａｎｇ＠１６３．ｃｏｍ"),
                           ("车牌", "粵B·12345")]
    redacted, _ = redact_text(text)
    assert redacted == "舉報人【姓名】，電話【电话】，郵箱【邮箱】，車牌【车牌】"


def test_the_spacy_pipeline_gives_spans():
    from spacy.language import Language

    nlp = get_pii_nlp()
    doc = nlp("来电人林晓燕反映，电话13807341234")
    assert [(s.label_, s.text) for s in doc.spans["pii"]] == [("姓名", "林晓燕"), ("电话", "13807341234")]
    assert doc.text == "来电人林晓燕反映，电话13807341234"
    assert nlp.pipe_names == ["pii_patterns", "pii_names"]
    assert Language.has_factory("pii_patterns") and Language.has_factory("pii_names")
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "petitionnlp.JiebaTokenizer.v1"
    assert nlp.config["components"]["pii_names"] == {"factory": "pii_names", "spans_key": "pii", "use_gazetteer": True}


def test_the_tokenizer_only_tokenizes():
    doc = get_pii_nlp().make_doc("舉報人陳國強，電話１３８０７３１５５６６")
    assert "".join(t.text for t in doc) == doc.text and not doc.spans
    assert "１３８０７３１５５６６" in [t.text for t in doc]  # an identifier run is one token
    assert [t.norm_ for t in doc][:2] == ["举报人", "陈国强"]  # the folded form


def labels(nlp, text):
    doc = nlp(text)
    return [s.label_ for s in doc.spans["pii"]]


def test_components_are_disabled_one_by_one():
    nlp = get_pii_nlp()
    text = "来电人林晓燕反映，电话13807341234"
    with nlp.select_pipes(disable="pii_names"):
        assert labels(nlp, text) == ["电话"]
    with nlp.select_pipes(disable="pii_patterns"):
        assert labels(nlp, text) == ["姓名"]


def test_the_pipeline_is_saved_and_loaded_again(tmp_path):
    import spacy

    import petitionnlp.pii.components  # noqa: F401 - registers the tokenizer and the factories

    nlp = get_pii_nlp()
    nlp.to_disk(tmp_path / "pii")
    assert (tmp_path / "pii/pii_patterns/patterns.jsonl").is_file()
    assert (tmp_path / "pii/pii_names/surnames.txt").is_file()
    again = spacy.load(tmp_path / "pii")
    records = [json.loads(x) for x in (ROOT / "corpora/pii/heldout.jsonl").open(encoding="utf-8")]
    for r in records:
        ours, theirs = nlp(r["text"]), again(r["text"])
        assert [(s.label_, s.start_char, s.end_char) for s in theirs.spans["pii"]] == \
            [(s.label_, s.start_char, s.end_char) for s in ours.spans["pii"]]
    # the rules are the component's own folder: a saved pipeline without the plate pattern finds no plate
    saved = tmp_path / "pii/pii_patterns/patterns.jsonl"
    saved.write_text("".join(ln + "\n" for ln in saved.read_text(encoding="utf-8").splitlines()
                             if '"车牌"' not in ln), encoding="utf-8")
    assert labels(spacy.load(tmp_path / "pii"), "车牌湘A12345的货车") == []


def test_rules_are_initialized_from_a_folder(tmp_path):
    import shutil

    from petitionnlp.pii import make_pii_nlp

    data = tmp_path / "rules"
    shutil.copytree(ROOT / "corpora/pii", data)
    with open(data / "not_names.txt", "a", encoding="utf-8") as fh:
        fh.write("钱德兵\n")
    text = "巡河员钱德兵把垃圾倒进河里"
    assert [s["text"] for s in find_pii(text)] == ["钱德兵"]
    doc = make_pii_nlp(data)(text)
    assert list(doc.spans["pii"]) == []  # the folder's lists, not the shipped ones


@pytest.mark.parametrize("text,expected", [
    ("砂场老板是杜金山，半夜开工", ["杜金山"]),
    ("作坊主韦德发在院里烧废塑料", ["韦德发"]),
    ("贺福来开的养鸭场就在河边", ["贺福来"]),
    ("刘有财家的鱼塘被化工厂废水污染", ["刘有财"]),
    ("村东头龙长贵的石料厂每天放炮", ["龙长贵"]),
    ("村里保洁员薛春花把垃圾倒在河滩上烧", ["薛春花"]),
    ("市场管理员常平默许摊主乱倒污水", ["常平"]),
    ("邻村卢宝生的砖厂冒黑烟", ["卢宝生"]),
    ("举报人方梅和弟弟方强反映石场放炮", ["方梅", "方强"]),
    ("投诉人古丽娜尔·吐尔逊反映锅炉房黑烟", ["古丽娜尔·吐尔逊"]),
    ("牧民扎西次仁反映草场被挖", ["扎西次仁"]),
    ("来电人巴图反映选矿厂尾矿乱堆", ["巴图"]),
    ("舉報人蕭國棟反映，鄰居馮志遠在院內燒輪胎", ["蕭國棟", "馮志遠"]),
])
def test_names_by_role_possession_relation_and_minority_names(text, expected):
    assert [t for kind, t in spans(text) if kind == "姓名"] == expected


@pytest.mark.parametrize("text,number", [
    ("港澳通行证号C12345678，反映", "C12345678"),
    ("台胞证号码12345678，反映", "12345678"),
    ("举报人护照号E12345678，反映", "E12345678"),
    ("護照號碼G23456789", "G23456789"),
    ("回乡证H12345678，反映", "H12345678"),
    ("身份证430104 19850312 4513，反映", "430104 19850312 4513"),
    ("身份证号码：430102-19900101-1238，反映", "430102-19900101-1238"),
    ("号码 4503 0519 9206 0711 82 的人", "4503 0519 9206 0711 82"),  # the check digit confirms
])
def test_permits_passports_and_grouped_ids(text, number):
    assert spans(text) == [("证件号", number)]
    assert number not in redact_text(text)[0]


@pytest.mark.parametrize("text", ["该厂废水通过暗管排入邵水，下游水质变差", "尾水直排湘江", "洗矿水排进沩水",
                                  "受理编号001485325945的问题未整改", "许可证号码在公示栏"])
def test_rivers_after_discharge_verbs_and_receipt_numbers_are_left_alone(text):
    assert spans(text) == []


def test_id_and_receipt_columns_are_never_redacted(tmp_path):
    from petitionnlp.pii import Redactor

    row = {"受理编号": "001485325945", "交办编号": "13807341234", "序号": "1", "举报人": "张建国",
           "备注": "联系电话13807341234", "交办问题基本情况": "举报人张建国，电话13807341234"}
    out = Redactor("交办问题基本情况", list(row))(dict(row))
    assert (out["受理编号"], out["交办编号"], out["序号"]) == ("001485325945", "13807341234", "1")
    assert out["举报人"] == "【姓名】" and out["备注"] == "联系电话【电话】"
    src = tmp_path / "ids.csv"
    with open(src, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["受理编号", "交办问题基本情况"])
        w.writerow(["001485325945", "举报人张建国反映搅拌站噪声，电话13807341234"])
        w.writerow(["13973112345", "受理编号001485325945的问题未整改，噪声依旧"])
    for args in (("redact", src), ("classify", src, "--redact")):
        code, out, err = run_cli(*args)
        assert code == 0, err
        rows = [json.loads(x) for x in out.splitlines()]
        assert [r["受理编号"] for r in rows] == ["001485325945", "13973112345"]
        assert "13807341234" not in rows[0]["交办问题基本情况"] and "001485325945" in rows[1]["交办问题基本情况"]


def test_gold_files_agree_with_their_sources():
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from build_pii_gold import SETS, build

    for name in SETS:
        on_disk = [json.loads(x) for x in (ROOT / "corpora/pii" / f"{name}.jsonl").open(encoding="utf-8")]
        assert on_disk == build(name)
        for r in on_disk:
            assert all(r["text"][s["start"]:s["end"]] == s["text"] for s in r["spans"])


def test_recall_and_precision_on_the_held_out_gold():
    """The set written after the rules were settled (corpora/pii/heldout_source.txt)."""
    records = [json.loads(x) for x in (ROOT / "corpora/pii/heldout.jsonl").open(encoding="utf-8")]
    gold = {(r["id"], s["type"], s["start"], s["end"]) for r in records for s in r["spans"]}
    got = {(r["id"], s["type"], s["start"], s["end"]) for r in records for s in find_pii(r["text"])}
    for kind, floor in (("电话", 0.97), ("证件号", 0.97), ("车牌", 0.97), ("邮箱", 0.97), ("账号", 0.97), ("姓名", 0.85)):
        g = {x for x in gold if x[1] == kind}
        p = {x for x in got if x[1] == kind}
        assert len(g & p) / len(g) >= floor, kind
        assert not p or len(g & p) / len(p) >= 0.85, kind


def test_redact_command_every_format(tmp_path):
    src = tmp_path / "批次.csv"
    with open(src, "w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["序号", "举报人", "联系电话", "交办问题基本情况"])
        w.writerow([1, "张建国", "13807341234", "举报人张建国反映搅拌站噪声扰民，电话13807341234，受理编号D2HN202010150023"])
        w.writerow([2, "", "", "投訴人王麗娟（手機：+86 139-0731-2222）反映養豬場臭氣"])
        w.writerow([3, "", "", ""])
    code, out, err = run_cli("redact", src)
    assert code == 0, err
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["序号"] for r in rows] == ["1", "2", "3"]
    assert rows[0]["交办问题基本情况"] == "举报人【姓名】反映搅拌站噪声扰民，电话【电话】，受理编号D2HN202010150023"
    assert rows[0]["举报人"] == "【姓名】" and rows[0]["联系电话"] == "【电话】"  # personal columns by their header
    assert rows[0]["pii"] == [{"type": "姓名", "start": 3, "end": 6, "text": "张建国"},
                              {"type": "电话", "start": 18, "end": 29, "text": "13807341234"}]
    assert rows[1]["交办问题基本情况"] == "投訴人【姓名】（手機：【电话】）反映養豬場臭氣" and rows[2]["pii"] == []
    for suffix in (".csv", ".xlsx", ".jsonl"):
        out_file = tmp_path / f"o{suffix}"
        code, _, err = run_cli("redact", src, "-o", out_file)
        assert code == 0 and out_file.is_file(), err
    with open(tmp_path / "o.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert "13807341234" not in rows[0]["交办问题基本情况"] + rows[0]["联系电话"]
    assert json.loads(rows[0]["pii"])[1] == {"type": "电话", "start": 18, "end": 29, "text": "13807341234"}
    code, out, err = run_cli("classify", src, "--redact")
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and rows[0]["pollution_types"] == ["噪声"] and "13807341234" not in rows[0]["交办问题基本情况"]
    assert rows[0]["pii"][1]["type"] == "电话"
    code, out, err = run_cli("triage", src, "--redact", "-o", tmp_path / "q.jsonl")
    assert code == 0 and "13807341234" not in out and "张建国" not in out
    queue = (tmp_path / "q.jsonl").read_text(encoding="utf-8")
    assert "【电话】" in queue


def test_redact_refuses_to_overwrite_its_input(tmp_path):
    src = tmp_path / "a.csv"
    src.write_text("内容\n举报人张三，电话13807341234\n", encoding="utf-8")
    code, _, err = run_cli("redact", src, "-o", src)
    assert code == 2 and "E034" in err


@pytest.mark.parametrize("text,expected", [
    # a mobile typed digit by digit, a landline's extension after a dash, a landline with +86 and no 0
    ("手机号码：1 3 8 0 7 3 1 2 2 4 5，反映粉尘", [("电话", "1 3 8 0 7 3 1 2 2 4 5")]),
    ("联系电话：0731-84561234-8023，反映噪声", [("电话", "0731-84561234-8023")]),
    ("电话+86-731-8456-1234，反映油烟", [("电话", "+86-731-8456-1234")]),
    ("固话84561234，请回电", [("电话", "84561234")]),
    # plates with two spaces, or a dot after the province
    ("车牌号：湘E  88U66（白色面包车）", [("车牌", "湘E  88U66")]),
    ("车牌湘·A12345的货车夜间拉运渣土", [("车牌", "湘·A12345")]),
    # a company's credit code is no resident ID, whatever its check digit
    ("统一社会信用代码：914301007073812345，法定代表人已约谈", []),
])
def test_probe39_identifiers(text, expected):
    """Session 39's probe (corpora/pii/probe39_source.txt): identifiers in the writings it found missed or mistaken."""
    assert spans(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("举报人　周　杰　伦　联系电话：138 0731 2245", ["周　杰　伦"]),  # spaced, 伦 not a listed given character
    ("投诉人(张 勇)反映，小区泵房噪声", ["张 勇"]),  # in brackets after the complainant's word
    ("举报人：雷锋同志反映，某石材厂切割污水横流", ["雷锋"]),  # 同志 after a complainant is no post
    ("我是欧阳娜娜，电话见后", ["欧阳娜娜"]),
    ("业主皮卫国反映小区地下室噪声", ["皮卫国"]),
    ("村民代表：陈建设、陈新华、刘桂英（共签名37人）", ["陈建设", "陈新华", "刘桂英"]),
    ("账号：6237355975073750966，户名：欧阳春花", ["欧阳春花"]),
    ("整改情况：责任人黄建（厂长）已被立案调查", ["黄建"]),
    ("该地块由雷振华租用，用于堆放废旧轮胎", ["雷振华"]),
    ("举报人万里称，湘江边有人夜钓炸鱼", ["万里"]),  # a name that is a word of number or time, before 称/反映
    ("来电人夏天反映，夏天一到养猪场就臭气熏天", ["夏天"]),
    # what stays
    ("此致 敬礼！ 群众 毛建军 敬上", ["毛建军"]),
    ("已回访，群众满意", []),
    ("举报人高山反映，高山上的采石场开采破坏植被", ["高山"]),
    ("来电人凌晨反映噪声", []), ("投诉人（化名）反映", []), ("来电人王女士反映油烟", []),
    ("市环保局执法支队支队长周志刚同志接受采访", []), ("督察组组长张建国同志带队", []),
])
def test_probe39_names(text, expected):
    """Session 39's probe: names it found missed, and the words next to them that stay.  王女士 stays (CONTRACT:
    a surname with an honorific names no one, as 张某 does)."""
    assert [t for kind, t in spans(text) if kind == "姓名"] == expected


@pytest.mark.parametrize("text,expected", [
    ("已约谈司马晓东。", ["司马晓东"]),  # jieba splits a compound surname from the given name: 司马 / 晓东
    ("已约谈欧阳晓峰，责令整改", ["欧阳晓峰"]),  # 欧阳 / 晓峰, and 峰 ends no place after a compound surname
    ("已约谈王晓峰，责令整改", ["王晓峰"]), ("李海江反映", ["李海江"]),  # a given name of two ending in 峰, 江
    ("东方明珠塔附近", []), ("东方明珠", []), ("石门江边", []), ("落实的责任人和单位，发出通报", []),
    ("落款：居民 曾凡华 联系电话见后", ["曾凡华"]),  # 曾 is a function word and a surname: only 和与及同跟 need listed given characters
])
def test_names_jieba_splits_or_reads_as_places(text, expected):
    """Found by the crawl of session 39 (a unit's report: 已约谈司马晓东): names with no context word before them."""
    assert [t for kind, t in spans(text) if kind == "姓名"] == expected


@pytest.mark.parametrize("text,expected", [
    ("联系电话0731 - 8888 1234，反映", [("电话", "0731 - 8888 1234")]),  # spaces around the dash
    ("手机：138.0731.5566，反映", [("电话", "138.0731.5566")]),  # dots between the groups
    ("电话：〇七三一－八四五六一二三四，反映", [("电话", "〇七三一－八四五六一二三四")]),  # a landline in Chinese numerals
    ("罚款1.38万元，面积138.5平方米，二〇二三年六月一日", []),
    ("村民帕丽达·阿不都反映，村里的砖厂冒黑烟", [("姓名", "帕丽达·阿不都")]),  # 不 inside the name's last part
    ("买买提·艾力的煤场", [("姓名", "买买提·艾力")]),
    ("举报人石头反映，石头山采石场放炮", [("姓名", "石头")]),  # a listed false friend is a name before 反映
    ("举报人平时反映较多", []),  # …unless it is a word of time
])
def test_probe39b(text, expected):
    """Session 39's second probe (corpora/pii/probe39b_source.txt, written after the first one's fixes)."""
    assert spans(text) == expected


def test_a_spaced_name_in_a_pasted_table_row_before_a_phone_is_a_name():
    """A table pasted as text (受理编号　举报人　联系电话 … then the values): a name spaced to its cell's width and a
    phone or ID number in the next cell, with no complainant's word right before it (session 39's probe)."""
    row = "受理编号　举报人　联系电话　反映问题　X43000020230506001　邹　平　13975188888　废气"
    assert spans(row) == [("姓名", "邹　平"), ("电话", "13975188888")]
    assert spans("序号 李 娜 0731-84561234") == [("姓名", "李 娜"), ("电话", "0731-84561234")]
    assert spans("黄 河 1380731 以北") == [] and spans("张 某 13807341234") == [("电话", "13807341234")]


@pytest.mark.parametrize("text,expected", [
    # identifiers
    ("座机0739-5218888 转 305，找刘科长", [("电话", "0739-5218888 转 305")]),  # an extension after a spaced 转
    ("客服电话400-880-1234，打不通", []), ("拨打800-820-8820", []),  # a service number: no landline inside it
    ("抖音号：hn_lao_zhou88，视频在上面", [("账号", "hn_lao_zhou88")]), ("快手号abc12345678有视频", [("账号", "abc12345678")]),
    ("QQ群：563218947，欢迎加入", []),  # a group's number names no person
    # names
    ("望予答复。邓振东敬上", [("姓名", "邓振东")]),  # a signature's verb after the name
    ("谭宪平等人反映，烧烤店油烟直排", [("姓名", "谭宪平")]),  # jieba cuts 谭宪 / 平等 / 人
    ("签名：王春燕 李国庆 罗建新", [("姓名", "王春燕"), ("姓名", "李国庆"), ("姓名", "罗建新")]),  # a list spaced apart
    ("此致 敬礼！ 群众 吴建军 敬上", [("姓名", "吴建军")]),  # …which ends at a word that follows names
    ("其妻陈美华在厂里上班", [("姓名", "陈美华")]), ("孙女李雨桐出了皮疹", [("姓名", "李雨桐")]),
    ("证人孙卫东、孙卫红可以作证", [("姓名", "孙卫东"), ("姓名", "孙卫红")]), ("知情人范丽萍愿意配合", [("姓名", "范丽萍")]),
    ("举报人海洋称，海洋馆旁有黑水", [("姓名", "海洋")]), ("本人柏杨，住在城南", [("姓名", "柏杨")]),  # 海, 柏: surnames
    ("务工人员覃海燕反映", [("姓名", "覃海燕")]),  # 覃 / 海燕 made one name, and 海燕 is not a second one
    ("居民邹平称，邹平市某化工厂排异味", [("姓名", "邹平")]),  # a county's name after a context word, then 称
    ("湘潭县群众反映，花石镇碎石场粉尘大", []), ("请联系孙国华核实情况", [("姓名", "孙国华")]), ("请联系王科长核实", []),
    ("落款：皮建新 二〇一七年十一月", [("姓名", "皮建新")]), ("落款：长沙市岳麓区环保局", []),  # (probe39d)
    ("符建中等村民多次反映砂场噪声", [("姓名", "符建中")]), ("管建华等居民反映", [("姓名", "管建华")]),  # a name leading a group of villagers (probe39d)
    # officials named by their role in a report-back stay
    ("核查人员：周建平、刘志明。经办人：谭伟。", []), ("审核人：雷鸣", []), ("村支书彭建国说他管不了", []),
])
def test_probe39c(text, expected):
    """Session 39's third, independent probe (corpora/pii/probe39c_source.txt)."""
    assert spans(text) == expected
