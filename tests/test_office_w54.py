"""Days a clerk reads in the workbench's notices and the model card, written as an office writes them (w54): the
upload's notices of rows dated otherwise ([O409]) or not read ([O408]), a period refused ([O281]), the card's 训练于 —
each said 2024-05-15 where the pages say 2024年5月15日 (dates.chinese_date, the one formatter)."""

import re

from test_office_integrity import client, table, token, upload  # noqa: F401

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_the_upload_notices_name_their_days_in_chinese(client):  # noqa: F811
    """The batch's page tells the clerk which rows kept a day of their own ([O409]) and which date cells it could not
    read ([O408]): the batch's day and the rows' days in Chinese (2024年5月15日, 第2条（2024年5月12日）; they said
    2024-05-15 and 第2条（2024-05-12）), the unread cell quoted as the clerk typed it (2024-13-45)."""
    ed = token(client, "ed")
    head = ["受理编号", "行政区域", "交办日期", "交办问题基本情况"]
    rows = [["N-01", "岳阳市", "", "岳阳市平江县某砖厂烟尘大，周边农田受影响。"],
            ["N-02", "岳阳市", "2024年5月12日", "岳阳市平江县某采石场粉尘污染严重，道路扬尘。"],
            ["N-03", "岳阳市", "2024-13-45", "岳阳市岳阳楼区某餐馆油烟直排，气味刺鼻。"]]
    got = upload(client, ed, table(rows, head=head, titles=[["交办时间：2024年5月15日"]]), name="各行日期.csv",
                 reply_days="15")
    assert got["handover_date"] == "2024-05-15", got
    message = got["message"]
    o409, o408 = (message.split(code)[1].split("[O")[0] for code in ("[O409]", "[O408]"))
    assert "交办日期 2024年5月15日" in o409 and "第2条（2024年5月12日）" in o409, o409
    assert "交办日期 2024年5月15日" in o408 and "第3条（2024-13-45）" in o408, o408
    from test_web_lifecycle import _session as login

    login(client, "ed")
    page = client.get(f"/batches/{got['batch_id']}").text
    notice = re.search(r'<p class="notice">(.*?)</p>', page, re.S).group(1)
    assert "2024年5月12日" in notice and "2024-13-45" in notice, notice
    assert not [d for d in ISO_DAY.findall(notice) if d not in ("2024-13-45", "2017-05-15")], notice  # 2017-05-15:
    # the forms of a day the notice says a table may use (日期应写作 2017-05-15、2017年5月15日)


def test_a_period_refused_names_its_days_in_chinese(client):  # noqa: F811
    """A period whose start is after its end ([O281]): the page and the API say its days as a clerk writes them
    (2024年5月20日 晚于 2024年5月1日; they said 2024-05-20 晚于 2024-05-01)."""
    from test_web_lifecycle import _session as login

    ed = token(client, "ed")
    r = client.get("/api/v1/progress", params={"from": "2024-05-20", "to": "2024-05-01"}, headers=ed)
    assert r.status_code == 422 and r.json()["error"].endswith("2024年5月20日 晚于 2024年5月1日"), r.text
    login(client, "ed")
    page = client.get("/progress", params={"from": "2024-05-20", "to": "2024-05-01"})
    assert page.status_code == 422 and "2024年5月20日 晚于 2024年5月1日" in page.text, page.text[-600:]


def test_the_model_card_says_its_training_day_in_chinese(client):  # noqa: F811
    """The 模型 page's card of the shipped model: 训练于 2026年12月7日 (it said 训练于 2026-12-07); the card a
    training writes says the office's day the same way (tests/test_training.py trains one)."""
    from conftest import ROOT
    from test_web_lifecycle import _session as login

    card = (ROOT / "models" / "MODEL_CARD.md").read_text(encoding="utf-8")
    line = next(ln for ln in card.splitlines() if ln.startswith("训练于"))
    assert re.match(r"训练于 \d{4}年\d{1,2}月\d{1,2}日，", line), line
    login(client, "admin")
    page = client.get("/models").text
    trained = re.findall(r"训练于 ([^，<]*)", page)
    assert trained and not [t for t in trained if ISO_DAY.search(t)], trained
