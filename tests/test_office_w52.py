"""One rule in one place (w52): the rows a notice names — the workbench's upload notices ([O408]–[O412]) and
``petitionnlp triage``'s — the first five, then 等 when there are more (:func:`petitionnlp.errors.listed`)."""

from test_office_integrity import client, table, token, upload  # noqa: F401


def test_a_notice_names_its_first_five_rows_then_deng(client):
    """Seven rows of one 受理编号 with seven texts: the six kept under derived receipts are named in the upload's
    notice as the unread dates are ([O408], triage's notice): the first five, then 等 (the [O410] notice listed
    five and stopped, as if there were no more)."""
    from petitionnlp.errors import listed

    ed = token(client, "ed")
    rows = [["D-1", "衡阳市雁峰区", "噪声", f"衡阳市雁峰区第{k}号工地夜间施工噪声扰民，居民无法入睡，已持续{k + 2}天。"]
            for k in range(1, 8)]
    got = upload(client, ed, table(rows), name="同号.csv", handover_date="2024-05-15")
    o410 = got["message"].split("[O410]")[1].split("[O")[0]
    assert "第7条" not in o410 and "第6条" in o410 and "等）" in o410, o410
    assert listed(f"第{k}条" for k in range(1, 6)) == "第1条、第2条、第3条、第4条、第5条"
    assert listed(f"第{k}条" for k in range(1, 7)) == "第1条、第2条、第3条、第4条、第5条等"
