import json

from conftest import ROOT, run_cli


def test_stats_table_csv_and_png(tmp_path):
    out = tmp_path / "classified.jsonl"
    code, _, err = run_cli("classify", ROOT / "corpora" / "samples" / "petitions_sample.csv", "-o", out)
    assert code == 0, err
    rows = [json.loads(x) for x in out.open(encoding="utf-8")]
    code, table, err = run_cli("stats", out, "--csv", tmp_path / "t.csv", "--png", tmp_path / "t.png")
    assert code == 0, err
    assert "移交件数" in table and "合计" in table and "岳阳市" in table
    import pandas as pd

    t = pd.read_csv(tmp_path / "t.csv", index_col=0, encoding="utf-8-sig")
    classified = [r for r in rows if r["pollution_types"]]
    assert t.loc["合计", "移交件数"] == len(classified)
    assert t.loc["合计", "大气"] == sum("大气" in r["pollution_types"] for r in classified)
    assert t.loc["岳阳市", "移交件数"] == sum(r["city"] == "岳阳市" for r in classified)
    assert (tmp_path / "t.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_stats_by_county_from_csv_output(tmp_path):
    out = tmp_path / "classified.csv"
    run_cli("classify", ROOT / "corpora" / "samples" / "petitions_sample.csv", "-o", out)
    code, table, err = run_cli("stats", out, "--level", "county")
    assert code == 0, err
    assert "衡阳市 雁峰区" in table
