from petitionnlp.tokenize import Tokenizer, analyze, get_tokenizer, make_spacy_nlp


def test_domain_terms_are_single_tokens():
    tok = get_tokenizer()
    text = "督察组交办的信访件办结率要提高，坚持边督边改，开展回头看，整治散乱污和黑臭水体，取缔搅拌站，清理尾矿库渗滤液"
    tokens = tok.cut(text)
    for word in ("督察组", "交办", "信访件", "办结率", "边督边改", "回头看", "散乱污", "黑臭水体", "搅拌站",
                 "尾矿库", "渗滤液"):
        assert word in tokens, word


def test_pollution_terms():
    tokens = get_tokenizer().cut("餐馆油烟扰民，工地扬尘严重，河道非法采砂")
    assert {"油烟", "扬尘", "采砂"} <= set(tokens)


def test_stopwords_removed_from_terms():
    terms = analyze("群众反映该小区的油烟问题")
    assert "的" not in terms and "反映" not in terms and "油烟" in terms


def test_tokenizer_is_created_once_per_process():
    assert get_tokenizer() is get_tokenizer()


def test_explicit_dictionaries_do_not_leak_between_tokenizers(tmp_path):
    plain = Tokenizer()
    custom_dict = tmp_path / "d.txt"
    custom_dict.write_text("文昌村民委员会 5000 n\n", encoding="utf-8")
    custom = Tokenizer(userdict=custom_dict)
    assert "文昌村民委员会" in custom.cut("文昌村民委员会反映")
    assert "文昌村民委员会" not in plain.cut("文昌村民委员会反映")


def test_search_mode_yields_sub_words():
    assert {"噪声", "污染"} <= set(get_tokenizer().cut_for_search("噪声污染"))


def test_spacy_pipeline_uses_jieba_segmentation():
    nlp = make_spacy_nlp()
    doc = nlp("每3天一报告，整治黑臭水体")
    assert doc.text == "每3天一报告，整治黑臭水体"
    assert "黑臭水体" in [t.text for t in doc]
