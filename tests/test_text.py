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
