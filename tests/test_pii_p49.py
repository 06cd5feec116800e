"""Helper p49 (session 49; probe50): the firm words a name is read as part of are data (firm_words.txt, review
leftover of r48), not literals of pii/rules.py."""

import shutil
from pathlib import Path

import pytest

from petitionnlp.errors import ModelError
from petitionnlp.pii import find_pii, make_pii_nlp

ROOT = Path(__file__).resolve().parent.parent


def _found(text: str, kind: str = "姓名") -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == kind]


def test_the_firm_words_are_read_from_the_rules_folder(tmp_path):
    data = tmp_path / "rules"
    shutil.copytree(ROOT / "corpora/pii", data)
    text = "村民刘德胜养殖专业合作社的猪粪直排河道。"
    assert _found(text) == []  # the firm's name, not a person's
    (data / "firm_words.txt").write_text("有限\t6\n", encoding="utf-8")
    doc = make_pii_nlp(data)(text)
    assert [s.text for s in doc.spans["pii"]] == ["刘德胜"]  # the folder's words, not the shipped ones


def test_a_firm_word_line_without_its_gap_is_a_one_line_error(tmp_path):
    data = tmp_path / "rules"
    shutil.copytree(ROOT / "corpora/pii", data)
    (data / "firm_words.txt").write_text("有限\t6\n公司\n", encoding="utf-8")
    with pytest.raises(ModelError, match="firm_words.txt.*公司"):
        make_pii_nlp(data)
