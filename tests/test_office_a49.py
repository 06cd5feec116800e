"""The closed loop probed by a hostile tester (session 49, helper a49): what another clerk commits at the same moment
as a step must not leave a case in a state the lifecycle refuses to make."""

import threading

import pytest

from test_office_integrity import cases, client, token, upload  # noqa: F401


def _meanwhile(monkeypatch, change):
    """``change()`` committed by another clerk (another thread, its own transaction) while a 不受理 has read the
    case it names as the one it repeats but has not locked it yet."""
    from petitionnlp.office import lifecycle

    real, done = lifecycle._lock_other, []

    def lock_other(s, kind, pid, receipt=None):
        if not done:
            done.append(1)
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
