"""What every route depends on, in one place: the office (:class:`~petitionnlp.office.workbench.Workbench`), the
current user (a bearer token for the API, a session for the pages), the role check (one dependency), whether the
user reads redacted text, the CSRF-checked form of a page, and the period of a figures' page.

And what a request brings in, checked at the door by the office's one rule for each (:mod:`petitionnlp.office.inputs`):

* **Texts.** ``Text``, the type of every string of an API body (nested ones too: lists, report fields, reasons,
  notes, unit names), passes :func:`petitionnlp.text.clean_text`: CR LF → LF, control characters removed, NUL or a
  lone surrogate 422 naming the field.  Every field of a page's form passes the same function in :func:`form`, and
  every query parameter in :func:`clean_query` (a dependency of both routers: a control character there is 422).
* **Numbers.** Body fields are JSON numbers, never strings or booleans, finite, within bounds: ``Id``, ``Version``,
  ``Days``, ``Rate``, ``Seed``, ``Flag`` (a JSON boolean), or ``strict_number(...)`` for other bounds; a
  report's ``counts`` are checked by the office itself (:func:`petitionnlp.office.lifecycle.parse_report`).  A number sent
  as text (a query string, a multipart field) is ``text_int(name, lo, hi)`` (ASCII digits only); a page form's :func:`form_int` / :func:`form_decimal`.
* **Bodies.** Every request body model derives from :class:`Body`: an unknown field is 422, not silently dropped.

A new route or body model uses these and adds no rule of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Strict, ValidationInfo

from ..dates import chinese_date
from ..office import inputs
from ..office.errors import Invalid, Messages
from ..office.figures import check_period
from ..office.followup import MAX_SEED
from ..office.labels import label
from ..office.roles import allowed, denied, redacts
from ..office.workbench import Workbench
from ..text import BadText, clean_text

__all__ = ["office", "Office", "require", "page", "form", "Redacts", "PageRedacts", "Text", "api_date", "page_date",
           "Body", "Id", "Version", "Days", "Rate", "Seed", "Flag", "strict_number", "text_int",
           "form_int", "form_decimal", "clean_query", "validation_message"]


def office(request: Request) -> Workbench:
    return request.app.state.workbench


Office = Annotated[Workbench, Depends(office)]


def _bearer(request: Request) -> dict:
    user = request.app.state.auth.bearer(request)
    if user is None:
        raise HTTPException(401, "需要登录令牌：请先向 /api/v1/token 提交用户名和密码取得",
                            headers={"WWW-Authenticate": "Bearer"})
    return user


def _session(request: Request) -> dict:
    session = request.app.state.auth.session(request)
    if session is None:
        raise HTTPException(401, "请先登录")
    return session


def _forbidden(user: dict) -> HTTPException:
    return HTTPException(403, denied(user))


def require(action: str):
    """An API route's dependency: the token's user, who must be allowed ``action`` (403 otherwise)."""

    def check(user: Annotated[dict, Depends(_bearer)]) -> dict:
        if not allowed(user, action):
            raise _forbidden(user)
        return user

    return check


def page(action: str = "read"):
    """A page's dependency: the session ``{"user", "csrf"}``; 401 (→ the login page) without one, 403 when the role
    may not ``action``."""

    def check(session: Annotated[dict, Depends(_session)]) -> dict:
        if not allowed(session["user"], action):
            raise _forbidden(session["user"])
        return session

    return check


def _api_redacts(user: Annotated[dict, Depends(_bearer)]) -> bool:
    return redacts(user)


def _page_redacts(session: Annotated[dict, Depends(_session)]) -> bool:
    return redacts(session["user"])


# whether the asker reads the redacted text, decided once (:func:`petitionnlp.office.roles.redacts`) from the
# user its route already looked up
Redacts = Annotated[bool, Depends(_api_redacts)]
PageRedacts = Annotated[bool, Depends(_page_redacts)]


async def form(request: Request, session: dict | None) -> dict:
    """The posted form, after its CSRF token is checked against the session's (403 when it is not the same), every
    text field cleaned by the one rule (:func:`petitionnlp.text.clean_text`; 422 naming the field for a NUL or a
    lone surrogate), uploaded files as they came."""
    from starlette.datastructures import FormData

    got = await request.form()
    if not request.app.state.auth.csrf_ok(session, got.get("csrf_token")):
        raise HTTPException(403, "表单已过期或来源不明，请刷新页面后重试")
    try:
        return FormData([(k, clean_text(v, k) if isinstance(v, str) else v) for k, v in got.multi_items()])
    except BadText as exc:
        raise HTTPException(422, _refused(exc)) from None


def clean_query(request: Request) -> None:
    """Every query parameter of a page or an API route passes the one rule (query form: any control character is
    422 naming the parameter; tab and line ends apart)."""
    for key, value in request.query_params.multi_items():
        try:
            clean_text(value, key, query=True)
            clean_text(key, "参数名", query=True)
        except BadText as exc:
            raise HTTPException(422, _refused(exc)) from None


def _refused(exc: BadText) -> str:
    return Messages.O235.format(field=inputs.field_name(exc.field[:40]), what=exc.what)


def _valid_text(value: str, info: ValidationInfo) -> str:
    """An API body's text, cleaned by the one rule."""
    try:
        return clean_text(value, info.field_name or "text")
    except BadText as exc:
        raise ValueError(_refused(exc)) from None


Text = Annotated[str, AfterValidator(_valid_text)]  # the API's text fields


class Body(BaseModel):
    """A request body: its fields as declared, an unknown one refused (422), not dropped."""

    model_config = ConfigDict(extra="forbid")


def _number_check(whole: bool, lo, hi, null: bool):
    def check(value, info: ValidationInfo):
        try:
            return inputs.number(value, info.field_name or "value", whole=whole, lo=lo, hi=hi, null=null)
        except Invalid as exc:
            raise ValueError(exc.message) from None

    return check


def strict_number(*, whole: bool = True, lo: float = 0, hi: float = inputs.MAX_ID, null: bool = False):
    """The type of a JSON number field within [lo, hi] (:func:`petitionnlp.office.inputs.number`): a string, a
    boolean, NaN or Infinity is 422 naming the field; ``whole``: an integer (2.0 counts as one)."""
    return Annotated[int if whole else float, BeforeValidator(_number_check(whole, lo, hi, null))]


Id = strict_number(lo=1)                                    # a petition's, a batch's … id
Version = strict_number(lo=1, hi=inputs.MAX_VERSION)        # the version a change was read at
Days = strict_number(lo=0, hi=3650)                         # reply days
Rate = strict_number(whole=False, lo=0, hi=1)               # a share (a spot check's rate)
Seed = strict_number(lo=0, hi=MAX_SEED, null=True)        # a draw's seed (one any JSON reader keeps exactly)
Flag = Annotated[bool, Strict()]                            # a JSON boolean (true/false, not "yes" nor 1)


def text_int(name: str, lo: int = 0, hi: int = inputs.MAX_ID, empty: int | None = None):
    """The type of a whole number sent as text (a query parameter, a multipart form field): ASCII digits only,
    within [lo, hi] (422 naming it: ``name``, as pydantic does not tell a query's validator); empty (``?batch_id=``) is ``empty`` (no filter, or the default)."""

    def check(value, info: ValidationInfo):
        if isinstance(value, int) and not isinstance(value, bool):  # a default
            return value
        try:
            got = inputs.digits(value, name, lo=lo, hi=hi)
        except Invalid as exc:
            raise ValueError(exc.message) from None
        return empty if got is None else got

    return Annotated[int | None, BeforeValidator(check)]


def form_int(got, name: str, *, lo: int = 0, hi: int = inputs.MAX_ID, field: str | None = None) -> int | None:
    """A page form's whole number (digits only; None when empty); :class:`~petitionnlp.office.errors.Invalid`
    naming ``field`` otherwise (a page shows it as its notice)."""
    value = got.get(name)
    return inputs.digits(value.strip() if isinstance(value, str) else value, field or name, lo=lo, hi=hi)


def form_decimal(got, name: str, *, hi: float = inputs.FINE_MAX_WAN, field: str | None = None) -> float | None:
    """A page form's decimal (``12.5``; None when empty), read digit by digit."""
    value = got.get(name)
    return inputs.decimal_text(value.strip() if isinstance(value, str) else value, field or name, hi=hi)


def validation_message(errors: list[dict], page: bool = False) -> str:
    """The one 422 message of a request pydantic refused: the first error in Chinese (the words for its kind are data:
    the ``validation`` labels of ``corpora/office/labels.tsv``); the office's own message when a validator of ours
    raised it.  For a program the field is named as it sends it (``counts.rectify``, ``ids.0``); for a clerk's page,
    where in words (a number in the address, a parameter, a field of the form)."""
    first = errors[0] if errors else {}
    kind, ctx = first.get("type", ""), first.get("ctx") or {}
    loc = [str(x) for x in first.get("loc", ()) if x != "body"]
    if page:
        where = {"path": "网址中的编号", "query": "网址中的参数"}.get(loc[0] if loc else "", "表单中的一项")
    else:
        where = ".".join(x for x in loc if x not in ("query", "path", "form")) or "请求"
        if kind in ("json_invalid", "json_type"):  # its place is a character offset, not a field
            where = "请求正文"
        where += " "
    if kind == "value_error":
        said = str(ctx.get("error") or first.get("msg", "")).removeprefix("Value error, ")
        if said.startswith("[O"):
            return said
        what = f"不合要求：{said}"
    else:
        if isinstance(ctx.get("expected"), str):  # "'approve' or 'return'"
            ctx = {**ctx, "expected": ctx["expected"].replace(" or ", "、").replace(", ", "、")}
        what = label("validation", kind, "格式不对")
        try:
            what = what.format(**ctx)
        except (KeyError, IndexError, ValueError):
            pass
    return f"请求内容不合要求：{where}{what}"


def api_date(value: str | None, name: str) -> str | None:
    """An API date parameter (YYYY-MM-DD): 422 when it is not one."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name} 应为 年-月-日 格式的日期（如 2017-05-15），收到的是：{value[:20]}") from None


def api_period(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """An API's period parameters (``from``, ``to``): each a date (:func:`api_date`), the start not after the end
    (the office's rule, :func:`.figures.check_period`: 422 with O281) — for every list, figure and map alike."""
    got = api_date(date_from, "from"), api_date(date_to, "to")
    check_period(*got)
    return got


def page_date(value: str | None) -> str | None:
    """A page's date box: the date, or nothing when it is empty or not a date."""
    try:
        return dt.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


def period_notice(params) -> str | None:
    """What a page says of its period boxes (``from``, ``to``), said rather than silently dropped: a date that is
    no date (left out of the filter), a start after the end (a period without a day)."""
    bad = [v for k in ("from", "to") if (v := params.get(k)) and page_date(v) is None]
    if bad:
        return f"“{bad[0][:20]}”不是有效日期（应为 年-月-日），未按它筛选"
    start, end = page_date(params.get("from")), page_date(params.get("to"))
    if start and end and start > end:
        return f"起始日期 {chinese_date(start)} 晚于截止日期 {chinese_date(end)}：所选期间没有一天，请改正"
    return None
