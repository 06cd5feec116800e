from petitionnlp.text import normalize, strip_pinyin, to_simplified


def test_traditional_to_simplified():
    assert normalize("衡陽市珠暉區苗圃公園無人管理,垃圾成堆,水塘臭氣熏天。") == "衡阳市珠晖区苗圃公园无人管理,垃圾成堆,水塘臭气熏天。"


def test_width_and_whitespace_folding():
    assert normalize("　ＡＢＣ１２３，噪声　扰民\n\n") == "ABC123,噪声扰民"


def test_mirror_page_pinyin_annotations_removed():
    assert strip_pinyin("鎮(zhèn)政府") == "鎮政府"
    assert normalize("群眾身邊的生態(tài)環(huán)境問題") == "群众身边的生态环境问题"
    # ordinary parentheses stay
    assert normalize("东兴区 (略) 项目") == "东兴区 (略) 项目"


def test_spaces_inside_chinese_text_from_pdf_extraction():
    assert normalize("東樓口地溝 都是水") == "东楼口地沟都是水"


def test_empty_and_none():
    assert normalize(None) == ""
    assert normalize("   \t ") == ""


def test_to_simplified_keeps_length_for_offsets():
    s = "嶽陽縣筻口鎮朱倫村"
    assert len(to_simplified(s)) == len(s)


def test_fold_maps_every_character_back_to_the_original():
    from petitionnlp.text import fold

    text = "舉報人陳國強(chén)，電話１３８０７３１５５６６…見附件"
    f = fold(text)
    assert f.text == "举报人陈国强,电话13807315566...见附件"
    a = f.text.index("陈国强")
    assert text[slice(*f.span(a, a + 3))] == "陳國強"
    b = f.text.index("13807315566")
    assert text[slice(*f.span(b, b + 11))] == "１３８０７３１５５６６"
    c = f.text.index("...")  # one original character, three folded ones
    assert f.span(c, c + 3) == (text.index("…"), text.index("…") + 1)
    assert f.span_through(a, a + 3)[1] == text.index("，")  # the end carried over the pinyin
    assert f.index(text.index("，")) == a + 3


def test_fold_keeps_length_where_nothing_expands_and_is_shared():
    from petitionnlp.text import fold, normalize

    text = "衡陽市珠暉區　ＡＢＣ"
    f = fold(text)
    assert len(f.text) == len(text) and f.span(0, 3) == (0, 3)
    assert fold(text) is f  # the stages of one text share it
    assert normalize(text) == "衡阳市珠晖区 ABC"
    from petitionnlp.briefing.view import fold_view

    assert fold_view(text) is f  # the briefing stage folds with the same function


def test_one_range_of_chinese_characters():
    from petitionnlp.text import CJK_CHAR, is_cjk

    assert is_cjk("中") and is_cjk("㐀") and is_cjk("龥") and not is_cjk("a") and not is_cjk("，")
    assert CJK_CHAR.findall("ab中文12") == ["中", "文"]


def test_bare_pinyin_of_a_mirror_page_is_dropped_only_where_it_reads_the_character():
    from petitionnlp.text import fold

    got = fold("时(shi)间紧，督察(cha)(cha)组每3天(tian)一报告")
    assert got.text == "时间紧,督察组每3天一报告"
    a, b = got.span(got.text.index("每"), len(got.text))
    assert "时(shi)间紧，督察(cha)(cha)组每3天(tian)一报告"[a:b] == "每3天(tian)一报告"
    for kept in ("细颗粒物(PM)浓度", "检查(jian)站", "分两批(A)(B)"):  # not a reading of the character before
        assert fold(kept).text == kept


def test_nfkc_fast_path_is_nfkc():
    """normalize folds full-width characters by table before NFKC (issue 29): the same text as NFKC alone."""
    import random
    import unicodedata

    from petitionnlp.text import _nfkc

    rng = random.Random(29)
    pool = [chr(c) for c in [*range(0xFF01, 0xFF5F), 0x3000, 0x301, 0x308, 0x3099, 0x309A, 0xFF76, 0xFF9E, 0x2460,
                             0xFB01, 0x1100, 0x1161, 0xAC00, 0x41, 0x4E00, 0x2F00, 0xF900, 0x3002, 0xFF61]]
    probes = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    probes += ["衡阳市珠晖区某厂（夜间）排放废气，气味刺鼻！", "ＰＭ２．５超标　噪声扰民", "Ａ\u0301"]
    for text in probes:
        assert _nfkc(text) == unicodedata.normalize("NFKC", text)
