"""The layering contract (each stage imports only earlier ones) and data found after a plain install."""

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def test_import_layers():
    lint = Path(sys.executable).parent / "lint-imports"
    proc = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], capture_output=True, text=True,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_import_is_cheap():
    code = "import sys, petitionnlp; print(sorted(m for m in ('sklearn','jieba','rjieba','pandas','spacy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.slow
def test_runtime_data_found_after_plain_install(tmp_path):
    """`pip install .` (not editable) ships corpora/ and models/ as package data that resources.py finds."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(ROOT)], check=True, capture_output=True)
    code = ("from petitionnlp.resources import corpora_dir, models_dir, corpus_path; "
            "import petitionnlp; print(petitionnlp.__file__); print(corpora_dir()); print(models_dir()); "
            "print(corpus_path('lexicon','userdict.txt').is_file(), (models_dir()/'pollution_type.skops').is_file(),"
            " corpus_path('gazetteer','towns.tsv').is_file())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}).stdout.split("\n")
    assert out[0].startswith(str(target))
    assert out[1].startswith(str(target)) and out[2].startswith(str(target))
    assert out[3] == "True True True"


def test_every_command_is_documented_in_the_readme():
    from petitionnlp.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    for command in sub.choices:
        assert f"petitionnlp {command}" in readme, command


def test_a_page_shown_again_after_a_refusal_has_its_status_decided_in_one_place():
    """Every page with a form that a refusal shows again (with what was typed) answers 422 by one rule,
    ``render.render_form``: no page module decides that status itself (seven copies of the rule had grown)."""
    import re

    web = ROOT / "petitionnlp" / "web"
    own = [f"{p.relative_to(web)}:{n}" for p in sorted(web.rglob("*.py")) if p.name != "render.py"
           for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
           if re.search(r"(else|if)\s+422\b|\b422\s+(if|else)\b|status\s*=\s*422\b", line)]
    assert own == [], own
