"""The closed loop probed by a hostile tester (session 49, helper a49): what another clerk commits at the same moment
as a step must not leave a case in a state the lifecycle refuses to make."""

import io
import re
import threading

import pytest

from test_office_integrity import cases, client, token, upload  # noqa: F401


def by_another_clerk(change) -> None:
    """``change()`` made and committed by another clerk: another thread, its own transaction, waited for."""
    errors = []

    def other():
        try:
            change()
        except Exception as exc:  # noqa: BLE001 — said by the assertion below
            errors.append(exc)

    t = threading.Thread(target=other)
    t.start()
    t.join(60)
    assert not t.is_alive() and not errors, errors


def _meanwhile(monkeypatch, change):
    """``change()`` committed by another clerk (another thread, its own transaction) while a 不受理 has read the
    case it names as the one it repeats but has not locked it yet."""
    from petitionnlp.office import lifecycle

    real, done = lifecycle._lock_other, []

    def lock_other(s, kind, pid, receipt=None):
        if not done:
            done.append(1)
            by_another_clerk(change)
        return real(s, kind, pid, receipt)

    monkeypatch.setattr(lifecycle, "_lock_other", lock_other)
    return done


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)  # SQLite: a write holds the whole database
@pytest.mark.parametrize("how", ["rejected", "withdrawn"])
def test_a_duplicate_of_a_case_rejected_or_withdrawn_at_that_moment_is_refused(client, monkeypatch, how):
    """One clerk rejects C-05 as a repeat of C-01 while another rejects C-01 itself (非生态环境问题) or withdraws
    C-01's batch: C-01 was checked to be in hand before it was locked, and not again after, so C-05 became 不受理 as
    the repeat of a case that is 不受理 too (or in no list at all): the complaint handled by nobody, the figures
    counting both apart.  Now the case named is checked again once locked: 422 O229, C-05 still 待办."""
    from petitionnlp.office.lifecycle import apply

    ed = token(client, "ed")
    first = upload(client, ed, handover_date="2024-05-15", reply_days="15")
    ids = {k: v["id"] for k, v in cases(client, ed).items()}
    wb = client.app.state.workbench
    other = wb.store.user(username="admin")  # the other clerk
    if how == "rejected":
        change = lambda: apply(wb.store, other, ids["C-01"], "reject", {"reason": "非生态环境问题"})  # noqa: E731
    else:  # the repeat in a batch of its own, so that withdrawing C-01's does not take it too
        from test_office_integrity import table

        upload(client, ed, table([["C-09", "衡阳市雁峰区", "", "衡阳市雁峰区某洗车场污水直排下水道，路面结冰。"]]),
               name="另一批.csv", handover_date="2024-05-15")
        ids = {k: v["id"] for k, v in cases(client, ed).items()}
        change = lambda: wb.withdraw_batch(other, first["batch_id"], "交办日期有误")  # noqa: E731
    dup = ids["C-05"] if how == "rejected" else ids["C-09"]
    done = _meanwhile(monkeypatch, change)
    r = client.post(f"/api/v1/petitions/{dup}/reject", json={"reason": "同一搅拌站", "duplicate_of": ids["C-01"]},
                    headers=ed)
    assert done, "the other clerk's change was not made"
    assert r.status_code == 422 and r.json()["error"].startswith("[O229]"), r.text
    admin = token(client, "admin")
    got = client.get(f"/api/v1/petitions/{dup}", headers=admin).json()
    assert got["status"] == "待办" and got["history"][-1]["action"] == "handover", got


def test_the_reports_supervision_table_hides_a_complainant_named_only_in_his_column(client):
    """The 专报 lists the supervised cases by unit with their 督办意见, redacted because the 专报 is published.  A
    note that names the complainant given only in the 举报人 column (not in the petition's text) was printed as
    written — in the JSON, the Word document and the 进度 page — because the cases were read without their input rows
    and the note was redacted with what the text names only.  Now with what the whole case names, as everywhere."""
    from docx import Document

    from test_office_integrity import login, table

    ed = token(client, "ed")
    head = ["受理编号", "举报人", "联系电话", "行政区域", "污染类型", "交办问题基本情况"]
    upload(client, ed, table([["D-01", "龙春生", "13907345678", "衡阳市雁峰区", "", "衡阳市雁峰区某搅拌站夜间施工噪声扰民。"]],
                             head=head), handover_date="2024-05-15", reply_days="15")
    pid = cases(client, ed)["D-01"]["id"]
    # the note names him, and a telephone and an identity number of his that the case does not hold (the last review:
    # a name alone was planted)
    note = "请于三日内将处理结果告知龙春生，电话 13812345678，身份证号 430421198805123455"
    r = client.post(f"/api/v1/petitions/{pid}/supervise", json={"due_date": "2099-01-01", "note": note}, headers=ed)
    assert r.status_code == 200, r.text
    q = {"from": "2024-05-01", "to": "2024-05-31"}
    js = client.get("/api/v1/report", params={**q, "format": "json"}, headers=ed).json()
    notes = [c["note"] for u in js["supervision"] for c in u["cases"]]
    assert notes == ["请于三日内将处理结果告知【姓名】，电话 【电话】，身份证号 【证件号】"], notes
    doc = Document(io.BytesIO(client.get("/api/v1/report", params={**q, "format": "docx"}, headers=ed).content))
    words = "".join(p.text for p in doc.paragraphs) + "".join(c.text for t in doc.tables for row in t.rows
                                                              for c in row.cells)
    login(client, "ed")
    page = client.get("/progress", params=q).text
    for shown in (words, page):
        assert "请于三日内将处理结果告知" in shown
        assert not any(x in shown for x in ("龙春生", "13812345678", "430421198805123455", "13907345678"))
        assert not re.search(r"138\D{0,3}1234|4304211988", shown)  # nor a part of either


def test_the_reports_counts_are_those_the_office_approved(client):
    """progress.counts (责令整改 家, 罚款 万元 … in the 专报) summed each case's latest report unless it was returned: a
    unit's later report waiting for review put its unchecked figures into the 专报 at once (2 → 5 before anyone read
    it), and the office returning it took the approved 阶段性办结 report's figures out as well (→ 0), so the figures
    moved with no approval.  Now a case counts its latest approved report: 2 while the later one waits and after it
    is returned, 5 once it is approved; a reopened case keeps its approved round's figures."""
    from test_office_integrity import REPORT, agree

    ed, hy = token(client, "ed"), token(client, "hy")
    upload(client, ed, handover_date="2024-05-15", reply_days="15")
    pid = cases(client, ed)["C-01"]["id"]

    def step(what, body, who=ed):
        r = client.post(f"/api/v1/petitions/{pid}/{what}", json=body, headers=who)
        assert r.status_code == 200, r.text

    def rectify(where):
        pr = agree(client, ed, where)
        js = client.get("/api/v1/report", params={"from": "2024-05-01", "to": "2024-05-31", "format": "json"},
                        headers=ed).json()
        assert f"责令整改{pr['counts']['rectify']}家" in js["sentences"][2], js["sentences"]
        return pr["counts"]["rectify"], pr["counts"]["fine_wan"]

    step("report", {**REPORT, "closure": "阶段性办结", "counts": {"rectify": 2, "fine_wan": 1.5}}, hy)
    assert rectify("staged report waiting") == (0, 0)
    step("review", {"decision": "approve"})
    assert rectify("staged approved") == (2, 1.5)
    step("report", {**REPORT, "counts": {"rectify": 5, "fine_wan": 10}}, hy)
    assert rectify("later report waiting") == (2, 1.5)
    step("review", {"decision": "return", "reason": "材料不全"})
    assert rectify("later report returned") == (2, 1.5)
    step("report", {**REPORT, "counts": {"rectify": 5, "fine_wan": 10}}, hy)
    step("review", {"decision": "approve"})
    assert rectify("later report approved") == (5, 10)
    step("callback", {"result": "不满意", "note": "仍有扬尘"})
    step("report", {**REPORT, "counts": {"rectify": 9}}, hy)
    assert rectify("reopened, its new report waiting") == (5, 10)
