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


# ------------------------------------------------------------------ issue 29: prediction without scikit-learn

def _texts(dev_rows_fn):
    from petitionnlp.io import open_batch
    from petitionnlp.text import normalize

    batch = open_batch(str(SAMPLE), None, 1000)
    texts = [r.get(batch.text_column) for chunk in batch.chunks() for r in chunk]
    batch.close()
    for name in ("petitions_dev.jsonl", "disclosure_dev.jsonl"):
        texts += [r.get("text") for r in dev_rows_fn(name)]
    texts += [json.loads(x)["text"] for x in (ROOT / "corpora/train/real_petitions.jsonl").read_text(
        encoding="utf-8").splitlines()]
    return [t for t in map(normalize, texts) if t]


def test_light_predictor_gives_the_models_probabilities_bit_for_bit():
    """classify predicts with the model's numbers through petitionnlp.features (no scikit-learn): the same
    probabilities, to the last bit, and the same types as the scikit-learn pipeline of the shipped model."""
    from devdata import dev_rows

    from petitionnlp.classify import light_predictor, load_model
    from petitionnlp.predictor import TypePredictor
    from petitionnlp.resources import models_dir

    model = load_model(models_dir())
    light = light_predictor(model)
    assert isinstance(light, TypePredictor)  # a model the light predictor does not rebuild would predict slowly
    assert light.conventions["calibrator"] is not None  # the conventions learned from records, not the old floor
    assert any(p.get("container_after") for kind, p in light.parts if kind == "lexicon")  # the facility-name rule
    texts = _texts(dev_rows)
    assert len(texts) > 50
    for i in range(0, len(texts), 40):
        chunk = texts[i:i + 40]
        full, fast = model.predict_proba(chunk), light.predict_proba(chunk)
        assert np.array_equal(full, fast)
        assert model.predict_from_proba(full) == light.predict_from_proba(fast)
        assert np.array_equal(model.main_types(chunk), light.main_types(chunk))  # the main type: the first named
        assert model.predict(chunk) == light.predict(chunk)


def test_classify_reads_a_texts_lexicon_once(monkeypatch):
    """The main type (the type a text names first) comes from the lexicon block the probabilities already
    computed: classify matches the lexicon against each text once, not a second time to order the types."""
    import petitionnlp.predictor as predictor
    from petitionnlp.pipeline import PetitionPipeline

    pipe = PetitionPipeline()
    texts = ["村口养猪场粪水直排小河，臭气熏天", "工地夜间施工噪声扰民，扬尘大"]
    before = pipe.classify_texts(texts)
    calls = []
    real = predictor.lexicon_matrix
    monkeypatch.setattr(predictor, "lexicon_matrix", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert pipe.classify_texts(texts) == before
    assert len(calls) == 1, len(calls)


def test_classify_matches_the_lexicon_against_a_text_once(monkeypatch):
    """The plain keyword list's reading (what the secondary-type rule weighs types against) comes from the terms the
    lexicon block found: the lexicon's terms are looked for in each text once, not a second time over the batch."""
    import petitionnlp.predictor as predictor
    from petitionnlp.pipeline import PetitionPipeline
    from petitionnlp.text import TermFinder

    pipe = PetitionPipeline()
    texts = ["村口养猪场粪水直排小河，臭气熏天", "工地夜间施工噪声扰民，扬尘大", "反映楼下饭店油烟"]
    before = pipe.classify_texts(texts)
    finder = predictor._SCRATCH[pipe.type_model]["lexicon"][1]
    scans = []
    for name in ("ordinals", "found"):
        real = getattr(TermFinder, name)
        monkeypatch.setattr(TermFinder, name, lambda self, text, real=real, name=name: (
            scans.append(name) if self is finder else None) or real(self, text))
    assert pipe.classify_texts(texts) == before
    assert scans == ["ordinals"] * len(texts), scans


def test_light_predictor_refuses_a_model_it_does_not_know():
    from petitionnlp.classify import light_predictor, load_model
    from petitionnlp.resources import models_dir

    import copy

    model = copy.copy(load_model(models_dir()))
    model.office_calibration_ = {"水": 0.4}  # a fitted attribute the light predictor was never taught
    assert light_predictor(model) is None


def test_tfidf_is_scikit_learns_to_the_last_bit():
    from sklearn.feature_extraction.text import TfidfTransformer

    from petitionnlp.features import char_ngrams, tfidf

    texts = ["衡阳市珠晖区某厂夜间排放废气，气味刺鼻", "", "噪声 噪声 噪声扰民", "a", "村口养猪场粪水直排小河" * 30]
    counts = char_ngrams(texts, (1, 3), 2 ** 12)
    tf = TfidfTransformer(sublinear_tf=True).fit(counts)
    a, b = tf.transform(counts), tfidf(counts, tf.idf_)
    assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)


def test_region_memory_is_the_region_models_prediction(tmp_path):
    """The light region model (no scikit-learn) computes the near-repeat cosine as scikit-learn's TF-IDF does."""
    from petitionnlp.regions.memory import load_region_model
    from petitionnlp.classify import load_model_file
    from petitionnlp.resources import models_dir

    model = load_model_file(models_dir() / "region.skops")
    light = load_region_model(models_dir())
    texts = ["鄱阳小区垃圾桶满溢，气味扰民", "小区旁的烧烤店油烟扰民", "工地夜间施工噪音扰民"]
    counts = model._hashing().transform(texts)
    reference = model.tfidf_.transform(counts).astype(np.float32)
    mine = light.vectors(texts)
    assert np.array_equal(reference.indices, mine.indices) and np.array_equal(reference.data, mine.data)
    assert light.predict_regions(texts) == model.predict_regions(texts)


def test_char_ngrams_in_blocks_match_one_pass():
    """The radix-sorted counts are the canonical matrix of the (row, column) pairs, also past the rows one
    radix pass can number (the batch is then done in blocks)."""
    from scipy import sparse

    from petitionnlp import features

    rng = np.random.default_rng(0)
    texts = ["".join(rng.choice(list("污水噪声扰民废气 AB"), size=rng.integers(0, 30))) for _ in range(17000)]
    got = features.char_ngrams(texts, (1, 3), 2 ** 18)
    assert isinstance(got, sparse.csr_matrix) and got.shape == (17000, 2 ** 18) and got.has_canonical_format
    for i in list(range(0, 17000, 97)) + [16383, 16384, 16999]:  # each row as computed alone
        one = features.char_ngrams([texts[i]], (1, 3), 2 ** 18)
        assert np.array_equal(got[i].indices, one.indices) and np.array_equal(got[i].data, one.data)



def test_keys_sorted_a_few_rows_at_a_time_are_one_sort():
    """The n-gram keys sorted block by block (a few rows each, from every n-gram size's part) are the one sort of
    all of them: rows without keys, parts without keys, one row, and keys up to the last of 32 bits."""
    from petitionnlp import features

    rng = np.random.default_rng(1)
    for bits, n_rows, sizes in ((17, 1000, (1, 2, 3)), (17, 1 << 15, (2,)), (12, 3, (1, 3)), (18, 1, (2, 3, 4)),
                                (17, 50, ())):
        parts = []
        for n in sizes:
            rows = np.sort(rng.integers(0, n_rows, size=rng.integers(0, 40 * n_rows)))
            if n == 1:
                rows = rows[rows % 7 != 3]  # some rows without keys
            cols = rng.integers(0, 1 << bits, size=len(rows))
            parts.append(((rows.astype(np.uint64) << np.uint64(bits)) | cols.astype(np.uint64)).astype(np.uint32))
        parts = parts or [np.zeros(0, dtype=np.uint32)]
        got = features._sorted_keys(parts, bits, n_rows)
        assert got.dtype == np.uint32 and np.array_equal(got, np.sort(np.concatenate(parts)))

# texts whose characters lower-case to two (İ), by their neighbours (Σ), lie beyond the first plane (😀), are no
# text at all (a lone surrogate), or come in runs of whitespace: what the batch-at-once paths must hand back
_AWKWARD = ["İstanbul 化工厂", "ΣΑΣ 噪声", "夜间  施工\n\n扰民", "😀 污水_直排", "\ud800废气", "", "ＡＢ１２，噪声", "a_b  C"]


def _same(a, b) -> bool:
    return a.shape == b.shape and a.dtype == b.dtype and np.array_equal(a.indptr, b.indptr) \
        and np.array_equal(a.indices, b.indices) and np.array_equal(a.data, b.data)


def test_char_ngrams_of_a_batch_at_once_are_each_texts():
    """A batch lower-cased and hashed at once (no character that lower-cases otherwise alone, no run of spaces)
    counts what each text alone counts; a batch with such a character is read text by text, as before."""
    from petitionnlp import features

    plain = ["衡阳市珠晖区某厂夜间排放废气", "ABC 噪声 扰民", "", "污水"]
    for batch in (plain, plain + _AWKWARD[:4] + _AWKWARD[5:]):
        got = features.char_ngrams(batch, (1, 3), 2 ** 12)
        for i, t in enumerate(batch):
            assert _same(got[i], features.char_ngrams([t], (1, 3), 2 ** 12))
    assert features.char_ngrams(["ΣΑΣ"], (1, 1), 2 ** 12).nnz == 3  # σ, α and ς: the last Σ ends a word


def test_bigram_vectors_strip_as_the_regex_does():
    """bigram_vectors leaves out, for a whole batch at once (a table of the first plane), exactly the characters the
    punctuation regex removes from each text, lower-cased as str.lower does; a batch holding a character the
    table cannot answer for goes text by text through the regex."""
    from petitionnlp import features

    keep, lower = features._bmp_tables()
    every = [chr(c) for c in range(0x10000)]
    assert [bool(k) for k in keep] == [not features._PUNCT.fullmatch(c) for c in every]
    assert all(chr(lower[c]) == every[c].lower() for c in range(0x10000) if lower[c] >= 0)
    assert sorted(np.flatnonzero(lower < 0).tolist()) == [0x130, 0x3A3]

    def one_by_one(texts):
        counts = features.char_ngrams([features._PUNCT.sub("", t) for t in texts], (2, 2), 2 ** 14, binary=True)
        norms = np.sqrt(np.asarray(counts.sum(axis=1)).ravel())
        counts.data /= np.repeat(np.where(norms > 0, norms, 1.0), np.diff(counts.indptr))
        return counts.astype(np.float32)

    plain = ["衡阳市珠晖区某厂，夜间排放废气！", "Ab-c 噪声/扰民", "", "a_b  C", "ＡＢ１２，噪声"]
    for batch in [plain] + [plain + [t] for t in _AWKWARD]:
        assert _same(features.bigram_vectors(batch, 2 ** 14), one_by_one(batch))


def test_classify_starts_without_scikit_learn(tmp_path):
    """After the first load has packed the light predictors, a classify run imports neither scikit-learn nor
    pandas nor skops (about a second of start-up)."""
    import os
    import subprocess
    import sys

    one = tmp_path / "one.txt"
    one.write_text("衡阳市珠晖区某厂夜间排放废气，气味刺鼻\n", encoding="utf-8")
    code = ("import sys; from petitionnlp.pipeline import classify_files; "
            f"classify_files([{str(one)!r}], {str(tmp_path / 'out.jsonl')!r}); "
            "print(sorted(m for m in ('sklearn', 'pandas', 'skops', 'scipy.special') if m in sys.modules))")
    env = {**os.environ, "PETITIONNLP_CACHE": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert "sklearn" in first.stdout  # the first load reads the skops files and packs the light predictors
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert again.stdout.strip() == "[]"
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8").count("\n") == 1


def test_bigram_positions_are_every_place_a_listed_pair_starts():
    # the hashed table only sets pairs aside: every position of a listed pair is found, within each text, whatever
    # the characters (beyond the Basic Multilingual Plane too) and however many codes share a bucket
    from petitionnlp.features import bigram_code, bigram_positions

    rng = np.random.default_rng(3)
    alphabet = list("湖南省长沙市岳阳楼区镇乡村路a1 ，") + ["𠀋", "𪚥"]
    texts = ["".join(rng.choice(alphabet, size=rng.integers(0, 30))) for _ in range(300)] + ["", "湖", "湖南"]
    listed = sorted({t[i:i + 2] for t in texts[:40] for i in range(len(t) - 1)})
    codes = np.array(sorted(map(bigram_code, listed)), dtype=np.uint64)
    want = [[i for i in range(len(t) - 1) if t[i:i + 2] in set(listed)] for t in texts]
    assert bigram_positions(texts, codes) == want
    assert bigram_positions(texts, codes[:1]) == [[i for i in range(len(t) - 1) if t[i:i + 2] == listed[0]]
                                                  for t in texts]


def test_bigram_codes_are_each_pairs_code_sorted():
    # computed at once for a table's 25,000 name starts: the codes one by one, in order (beyond the BMP too)
    from petitionnlp.features import bigram_code, bigram_codes

    pairs = ["湖南", "长沙", "𠀋村", "a1", "湖北", "湖南"]
    assert bigram_codes(pairs).tolist() == sorted(map(bigram_code, pairs))
    assert bigram_codes(iter(pairs)).dtype == np.uint64 and len(bigram_codes([])) == 0
    assert bigram_codes(["湖南省", "长沙"]).tolist() == sorted(map(bigram_code, ["湖南省", "长沙"]))
