"""Closing the loop, page and API side by side (CONTRACT.md "Closing the loop"): 回访 (the callback list, one call
or a clerk's many at once), 督办 and the reminders of deadlines, 抽查复核 (a draw, its cases and their checks).  Each
page and its API twin call the same method of the office; a step the case's state does not allow is the office's
409, with the steps allowed now."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from pydantic import ConfigDict, Field

from ...office.lifecycle import CALLBACK_RESULTS, CLOSURES, COUNTS, MAX_NOTE, VERIFIED
from ...office.errors import Invalid, OfficeError
from ...office.labels import case_name
from ...office import inputs
from ..deps import Body, Flag, Id, Office, Rate, Seed, Text, Version, api_date, api_period, form, page, page_date, require
from ..casepage import case_again
from ..render import back, here, next_parts, notice, outcome, refused_words, render_form, safe_next
from .routers import api, pages

FLAGS = {"true": True, "1": True, "yes": True, "是": True, "false": False, "0": False, "no": False, "否": False,
         "": None}


class CallbackIn(Body):
    result: Text = Field(..., max_length=20, description="满意|基本满意|不满意|未联系上（不满意即重新办理）")
    note: Text | None = Field(None, max_length=MAX_NOTE, description="回访情况")
    version: Version | None = None


class CallbackItem(CallbackIn):
    petition: Id


class CallbacksIn(Body):
    items: list[CallbackItem] = Field(..., min_length=1, max_length=500)


class SuperviseIn(Body):
    due_date: Text = Field(..., max_length=10, description="新的办理期限 YYYY-MM-DD")
    note: Text | None = Field(None, max_length=MAX_NOTE, description="督办意见")
    version: Version | None = None


class SpotcheckIn(Body):
    model_config = ConfigDict(populate_by_name=True)
    from_: Text | None = Field(None, alias="from", max_length=10, description="交办日期 从 YYYY-MM-DD")
    to: Text | None = Field(None, max_length=10, description="交办日期 到 YYYY-MM-DD")
    rate: Rate = Field(0.1, description="抽查比例，0 < rate ≤ 1（至少抽 1 件）")
    seed: Seed | None = Field(None, description="随机种子；同一期间、比例和种子抽中同样的件；不填则随机生成并记录")


class CheckIn(Body):
    passed: Flag
    note: Text | None = Field(None, max_length=MAX_NOTE, description="复核意见（未通过时必填）")
    version: Version | None = None


def _name(p: dict) -> str:
    return case_name(p["receipt_id"], p["id"])


def _digits(value, hi: int) -> int | None:
    """A form's whole number (ASCII digits only: ``²`` or ``٣`` pass ``str.isdigit`` and fail ``int``), or None."""
    try:
        return inputs.digits(value.strip() if isinstance(value, str) else None, "value", lo=1, hi=hi)
    except Invalid:
        return None


def _version(value) -> int | None:
    return _digits(value, inputs.MAX_VERSION)


def _id(value) -> int | None:
    return _digits(value, inputs.MAX_ID)


# ------------------------------------------------------------------------------------------------- 回访

@api.post("/petitions/{petition_id}/callback", summary="回访：满意、基本满意、不满意（即重新办理）、未联系上（编辑、管理员）")
def callback(petition_id: int, body: CallbackIn, wb: Office, user: Annotated[dict, Depends(require("callback"))]):
    return wb.callback(user, petition_id, body.result, body.note, body.version)


@api.get("/callbacks", summary="回访清单：审核办结的信访件，可只列尚未回访的；联系人只给可见个人信息的角色")
def callbacks(wb: Office, user: Annotated[dict, Depends(require("followup"))],
              due: Annotated[str | None, Query(max_length=5, description="只列尚未回访的：是（1）或否（0）")] = None,
              result: Annotated[str | None, Query(max_length=8)] = None,
              from_: Annotated[str | None, Query(alias="from")] = None, to: str | None = None):
    if (due or "").lower() not in FLAGS:
        raise HTTPException(422, f"是否只列尚未回访的应为 是（1）或 否（0），收到的是：{due[:10]}")
    items = wb.callbacks(user, FLAGS[(due or "").lower()], result or None, *api_period(from_, to))
    return {"callbacks": items, "petitions": items}  # the same list: callbacks due are cases


@api.post("/callbacks", summary="批量记录回访结果：每条含信访件、回访结果、说明（编辑、管理员）")
def record_callbacks(body: CallbacksIn, wb: Office, user: Annotated[dict, Depends(require("callback"))]):
    return wb.record_callbacks(user, [i.model_dump() for i in body.items])


@pages.get("/callbacks")
def callbacks_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("followup"))]):
    return _callbacks(request, wb, session, request.query_params, here(request), notice(request))


def _callbacks(request: Request, wb, session: dict, q, next_: str, message: str | None, typed: dict | None = None):
    """The callback list (``q``: its filters); after rows refused (``typed``: each refused row's id → the result
    and the note typed for it) the same list with the message and what was typed in those rows."""
    show = q.get("show") if q.get("show") in ("due", "done", "all", "unreached") else "due"
    date_from, date_to = page_date(q.get("from")), page_date(q.get("to"))
    due = {"due": True, "done": False}.get(show)
    rows = wb.callbacks(session["user"], due, "未联系上" if show == "unreached" else None, date_from, date_to)
    return render_form(request, "callbacks.html", session, typed, rows=rows, show=show,
                       date_from=date_from or "", date_to=date_to or "", results=CALLBACK_RESULTS, here=next_,
                       message=message)


@pages.post("/callbacks")
async def callbacks_form(request: Request, wb: Office, session: Annotated[dict, Depends(page("callback"))]):
    """The callback list's one form: a row's own 保存 (``only``), the ticked rows with one result (``bulk``), or
    every row whose result was chosen."""
    got = await form(request, session)
    to = safe_next(got.get("next"), "/callbacks")
    ids = [i for i in (_id(v) for v in got.getlist("row")) if i is not None][:500]
    only, bulk = _id(got.get("only")), got.get("bulk") == "1"
    if only is not None:
        ids = [only]
    elif bulk:
        ids = [i for i in (_id(v) for v in got.getlist("pick")) if i is not None]
    items = []
    for pid in ids:
        result = str(got.get("bulk_result") or "") if bulk else str(got.get(f"result_{pid}") or "")
        if result:
            items.append({"petition": pid, "result": result, "note": str(got.get(f"note_{pid}") or "") or None,
                          "version": _version(got.get(f"version_{pid}"))})
    if not items:
        return back(to, m="请先为信访件选择回访结果" if not bulk else "请先勾选信访件并选择回访结果")

    def said(r: dict) -> str:
        done = set(r["done"])
        reopened = sum(1 for it in items if it["petition"] in done and it["result"] == "不满意")  # 不满意 reopens
        failed = f"，{len(r['failed'])} 件未记录：{refused_words(r['failed'])}" if r["failed"] else ""
        return (f"已记录回访 {len(r['done'])} 件" + (f"，其中不满意 {reopened} 件已重新办理" if reopened else "")
                + failed)

    def again(message: str, refused: set):  # the list again, the refused rows with what was typed in them
        return _callbacks(request, wb, session, next_parts(to)[1], to, message,
                          {it["petition"]: {"result": it["result"], "note": it["note"] or ""}
                           for it in items if it["petition"] in refused})

    return outcome(to, lambda: wb.record_callbacks(session["user"], items), said, "未记录",
                   again=lambda message: again(message, {it["petition"] for it in items}),
                   partly=lambda r: again(said(r), {f["id"] for f in r["failed"]}) if r["failed"] else None)


@pages.post("/cases/{petition_id}/callback")
async def callback_form(petition_id: int, request: Request, wb: Office,
                        session: Annotated[dict, Depends(page("callback"))]):
    got = await form(request, session)
    result = str(got.get("result") or "")
    to = safe_next(got.get("next"), f"/cases/{petition_id}")
    typed = {"form": "callback", "result": result, "note": str(got.get("note") or "")}
    return outcome(to, lambda: wb.callback(session["user"], petition_id, result, typed["note"] or None,
                                           _version(got.get("version"))),
                   lambda p: f"已记录 {_name(p)} 的回访：{result}" + ("，已重新办理" if p["status"] == "办理中" else ""),
                   "未记录", again=case_again(request, wb, session, petition_id, to, typed))


# ------------------------------------------------------------------------------------------ 督办 and reminders

@api.post("/petitions/{petition_id}/supervise", summary="督办：标记督办件并给出新的办理期限（编辑、管理员）")
def supervise(petition_id: int, body: SuperviseIn, wb: Office, user: Annotated[dict, Depends(require("supervise"))]):
    return wb.supervise(user, petition_id, body.due_date, body.note, body.version)


@api.get("/reminders", summary="提醒：临期、逾期、督办的在办件（编辑、管理员看全部，属地经办人看本单位）")
def reminders(wb: Office, user: Annotated[dict, Depends(require("reminders"))]):
    return {"reminders": wb.reminders(user), "remind_days": wb.remind_days()}


@pages.get("/supervision")
def supervision_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("supervise"))]):
    return _supervision(request, wb, session, here(request), notice(request))


def _supervision(request: Request, wb, session: dict, next_: str, message: str | None, typed: dict | None = None):
    """The 督办 page; after a refused 批量督办 (``typed``: the ticked cases, the deadline and the note) the same
    page with the refusal and what was typed, ticked as it was."""
    user = session["user"]
    supervised, _ = wb.cases(user, history=False, limit=500, supervised=True)
    return render_form(request, "supervision.html", session, typed,
                       reminders=wb.reminders(user), days=wb.remind_days(), supervised=supervised, here=next_,
                       message=message)


@pages.post("/cases/{petition_id}/supervise")
async def supervise_form(petition_id: int, request: Request, wb: Office,
                         session: Annotated[dict, Depends(page("supervise"))]):
    got = await form(request, session)
    to = safe_next(got.get("next"), f"/cases/{petition_id}")
    typed = {"form": "supervise", "due_date": str(got.get("due_date") or ""), "note": str(got.get("note") or "")}
    return outcome(to, lambda: wb.supervise(session["user"], petition_id, typed["due_date"], typed["note"] or None,
                                            _version(got.get("version"))),
                   lambda p: f"已督办 {_name(p)}，新的办理期限 {p['due_date']}", "未督办",
                   again=case_again(request, wb, session, petition_id, to, typed))


@pages.post("/supervision")
async def supervise_many(request: Request, wb: Office, session: Annotated[dict, Depends(page("supervise"))]):
    """Several cases supervised at once, with one deadline and one note (each case its own step, in the office).  On
    a refusal the page again at once (422) with the message, the cases refused still ticked, the deadline and the
    note as typed; the others are done."""
    got = await form(request, session)
    to = safe_next(got.get("next"), "/supervision")
    ids = list(dict.fromkeys(i for i in (_id(v) for v in got.getlist("ids")) if i is not None))[:500]
    if not ids:
        return back(to, m="请先勾选信访件")
    due, note = str(got.get("due_date") or ""), str(got.get("note") or "")

    def said(r: dict) -> str:
        failed = f"，{len(r['failed'])} 件未督办：{refused_words(r['failed'])}" if r["failed"] else ""
        return f"已督办 {len(r['done'])} 件{failed}"

    def again(message: str, refused: list):  # the page again, the refused cases ticked, what was typed kept
        return _supervision(request, wb, session, to, message, {"ids": refused, "due_date": due, "note": note})

    return outcome(to, lambda: wb.supervise_many(session["user"], ids, due, note or None), said, "未督办",
                   again=lambda message: again(message, ids),
                   partly=lambda r: again(said(r), [f["id"] for f in r["failed"]]) if r["failed"] else None)


# ------------------------------------------------------------------------------------------------ 抽查复核

@api.post("/spotchecks", status_code=201, summary="抽查：按比例随机抽取期间内审核办结的信访件（至少 1 件），记录随机种子")
def draw(body: SpotcheckIn, wb: Office, user: Annotated[dict, Depends(require("spotcheck"))]):
    return wb.draw_spotcheck(user, api_date(body.from_, "from"), api_date(body.to, "to"), body.rate, body.seed)


@api.get("/spotchecks", summary="抽查记录：期间、比例、种子、抽中、已复核、通过")
def spotchecks(wb: Office, user: Annotated[dict, Depends(require("followup"))]):
    return {"spotchecks": wb.spotchecks(user)}


@api.get("/spotchecks/{spotcheck_id}", summary="一次抽查：抽中的信访件及其复核结果")
def spotcheck(spotcheck_id: int, wb: Office, user: Annotated[dict, Depends(require("followup"))]):
    return wb.spotcheck(user, spotcheck_id)


@api.post("/spotchecks/{spotcheck_id}/items/{petition_id}", summary="复核抽中的一件：通过，或未通过（即重新办理）")
def check(spotcheck_id: int, petition_id: int, body: CheckIn, wb: Office,
          user: Annotated[dict, Depends(require("spotcheck"))]):
    return wb.check(user, spotcheck_id, petition_id, body.passed, body.note, body.version)


@pages.get("/spotchecks")
def spotchecks_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("followup"))]):
    return _spotchecks(request, wb, session, notice(request))


def _spotchecks(request: Request, wb, session: dict, message: str | None, typed: dict | None = None):
    """The list of draws with the draw form; after a refused draw (``typed``: the period, share and seed as typed)
    the same page with the refusal and what was typed in the form."""
    return render_form(request, "spotchecks.html", session, typed,
                       checks=wb.spotchecks(session["user"]), here=here(request), message=message)


@pages.post("/spotchecks")
async def draw_form(request: Request, wb: Office, session: Annotated[dict, Depends(page("spotcheck"))]):
    got = await form(request, session)
    typed = {k: str(got.get(k) or "").strip() for k in ("from", "to", "percent", "seed")}
    percent = typed["percent"]
    try:  # digits with a decimal point (never float(): it reads 1e3, nan, inf)
        rate = inputs.decimal_text(percent, "percent", hi=100) / 100 if percent else 0.1
    except Invalid:
        rate = percent  # the office names what is wrong
    date_from, date_to = page_date(typed["from"]), page_date(typed["to"])
    try:
        sc = wb.draw_spotcheck(session["user"], date_from, date_to, rate, typed["seed"] or None)
    except OfficeError as exc:  # the form again with what was typed, not an empty one
        return _spotchecks(request, wb, session, f"未抽取：{exc.message}", typed)
    return back(f"/spotchecks/{sc['id']}", m=f"已从 {sc['candidates']} 件中抽取 {len(sc['petitions'])} 件（随机种子 {sc['seed']}）")


@pages.get("/spotchecks/{spotcheck_id}")
def spotcheck_page(spotcheck_id: int, request: Request, wb: Office,
                   session: Annotated[dict, Depends(page("followup"))]):
    return _spotcheck(request, wb, session, spotcheck_id, here(request), notice(request))


def _spotcheck(request: Request, wb, session: dict, spotcheck_id: int, next_: str, message: str | None,
               typed: dict | None = None, sc: dict | None = None):
    """One draw's page; after rows refused (``typed``: each refused row's id → the choice and the note typed for
    it) the same page with the message and what was typed in those rows."""
    return render_form(request, "spotcheck.html", session, typed,
                       sc=sc or wb.spotcheck(session["user"], spotcheck_id), counts=COUNTS, verified=VERIFIED,
                       closures=CLOSURES, here=next_, message=message)


@pages.post("/spotchecks/{spotcheck_id}")
async def check_form(spotcheck_id: int, request: Request, wb: Office,
                     session: Annotated[dict, Depends(page("spotcheck"))]):
    """The spot check's one form: a row's own 保存 (``only``), or every row whose result was chosen.  Rows refused
    come back named by their 受理编号, with the choice and the note typed in them (422); the others are recorded."""
    got = await form(request, session)
    to = safe_next(got.get("next"), f"/spotchecks/{spotcheck_id}")
    only = _id(got.get("only"))
    ids = [only] if only is not None else [i for i in (_id(v) for v in got.getlist("row")) if i is not None][:500]
    chosen = [(pid, got.get(f"passed_{pid}")) for pid in ids if got.get(f"passed_{pid}") in ("1", "0")]
    if not chosen:
        return back(to, m="请先选择复核结果（通过或未通过）")
    items = [{"petition": pid, "passed": verdict == "1", "note": str(got.get(f"note_{pid}") or ""),
              "version": _version(got.get(f"version_{pid}"))} for pid, verdict in chosen]
    r = wb.check_many(session["user"], spotcheck_id, [{**i, "note": i["note"] or None} for i in items])
    done = set(r["done"])
    reopened = sum(1 for i in items if i["petition"] in done and not i["passed"])  # a failed check reopens
    said = f"已记录复核 {len(done)} 件" + (f"，其中未通过 {reopened} 件已重新办理" if reopened else "")
    if not r["failed"]:
        return back(to, m=said)
    refused = {f["id"] for f in r["failed"]}
    return _spotcheck(request, wb, session, spotcheck_id, to,
                      f"{said}；{len(refused)} 件未记录：{refused_words(r['failed'])}",
                      {i["petition"]: {"passed": "1" if i["passed"] else "0", "note": i["note"]}
                       for i in items if i["petition"] in refused})
