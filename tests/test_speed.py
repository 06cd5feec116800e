"""Issue 13: every core for large inputs with the same output, a model loaded without skops after its first
load, the batch n-gram hasher, --jobs and --version on the command line."""

import json

import numpy as np
import pytest

from conftest import ROOT, SHARED, run_cli
from petitionnlp.classify import CharNgramHasher
from petitionnlp.pipeline import classify_files, redact_files, triage_file

SAMPLE = ROOT / "corpora" / "samples" / "petitions_sample.csv"
INPUTS = ["sample"] + (["dev"] if (SHARED / "petitions_dev.jsonl").is_file() else [])


@pytest.fixture(params=INPUTS)
def path(request):
    """The shipped sample, and the dev petitions without the reserved pages (tests/devdata.py)."""
    return SAMPLE if request.param == "sample" else request.getfixturevalue("dev_petitions_file")


def test_jobs_2_gives_the_output_of_jobs_1(tmp_path, path):
    # chunks of 5 rows: the sample and the dev file run through two worker processes
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    a = classify_files([str(path)], str(one), chunksize=5, jobs=1)
    b = classify_files([str(path)], str(two), chunksize=5, jobs=2)
    assert a == b and a["rows"] > 10
    assert one.read_bytes() == two.read_bytes()
    rows = [json.loads(x) for x in one.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == a["rows"] and sum(1 for r in rows if r["pollution_types"]) > 0.8 * len(rows)


def test_redact_and_triage_with_two_jobs(tmp_path, path):
    a = redact_files([str(path)], str(tmp_path / "r1.csv"), chunksize=5, jobs=1)
    b = redact_files([str(path)], str(tmp_path / "r2.csv"), chunksize=5, jobs=2)
    assert a == b and (tmp_path / "r1.csv").read_bytes() == (tmp_path / "r2.csv").read_bytes()
    q1, _ = triage_file(str(path), jobs=1, chunksize=5)
    q2, _ = triage_file(str(path), jobs=2, chunksize=5)
    assert q1 == q2 and len(q1) == a["rows"]


def test_command_line_jobs(tmp_path):
    rc1, out1, _ = run_cli("classify", SAMPLE, "--jobs", "1", "-q")
    rc2, out2, _ = run_cli("classify", SAMPLE, "--jobs", "2", "-q")
    assert rc1 == rc2 == 0 and out1 == out2 and out1.count("\n") == 12
    rc, out, err = run_cli("classify", SAMPLE, "--jobs", "0")
    assert rc == 2 and "--jobs" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    rc, out, _ = run_cli("--version")
    assert rc == 0 and out.startswith("petitionnlp ")


def test_model_loads_from_its_pack_after_the_first_time(tmp_path, monkeypatch):
    from petitionnlp import classify, persist
    from petitionnlp.resources import models_dir

    monkeypatch.setenv("PETITIONNLP_CACHE", str(tmp_path))
    classify._load_skops.cache_clear()
    try:
        first = classify.load_model(models_dir())  # skops, then packed into the cache
        sha = classify.file_sha256(models_dir() / classify.MODEL_FILE)
        assert list((tmp_path / "models").glob(f"{sha}.*"))
        packed = persist.cached(sha)
        assert type(packed) is type(first)
        texts = ["衡阳市珠晖区某厂夜间排放废气，气味刺鼻", "村口养猪场粪水直排小河", "工地夜间施工噪音扰民"]
        assert np.array_equal(first.predict_proba(texts), packed.predict_proba(texts))
        # a damaged pack is not used: the skops file is loaded again
        (tmp_path / "models" / f"{sha}.json").write_text("{", encoding="utf-8")
        assert persist.cached(sha) is None
    finally:
        classify._load_skops.cache_clear()


def test_pack_refuses_what_it_cannot_rebuild():
    from petitionnlp import persist

    with pytest.raises(persist.NotPackable):
        persist.pack(lambda x: x)
    with pytest.raises(persist.NotPackable):
        persist.pack(json.JSONDecoder())


def test_char_ngrams_counted_within_each_text():
    h = CharNgramHasher((1, 3), 2 ** 12)
    texts = ["噪声扰民 夜间施工", "", "ab", "衡阳市珠晖区某厂夜间排放废气", "AB"]
    together = h.transform(texts)
    assert np.asarray(together.sum(axis=1)).ravel().tolist() == [24, 0, 3, 39, 3]
    for i, t in enumerate(texts):
        assert (h.transform([t]) != together[i]).nnz == 0
    assert (together[2] != together[4]).nnz == 0  # lower-cased
    with pytest.raises(ValueError):
        CharNgramHasher((1, 3), 1000).transform(["x"])
