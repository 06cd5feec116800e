"""What every route depends on, in one place: the office (:class:`~petitionnlp.office.workbench.Workbench`), the
current user (a bearer token for the API, a session for the pages), the role check (one dependency), whether the
user reads redacted text, the CSRF-checked form of a page, and the period of a figures' page."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from pydantic import AfterValidator

from ..office.roles import allowed, redacts
from ..office.workbench import Workbench
from .render import ROLE_NAMES

__all__ = ["office", "Office", "require", "page", "form", "Redacts", "PageRedacts", "Text", "api_date", "page_date"]


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
    return HTTPException(403, f"{ROLE_NAMES.get(user['role'], user['role'])}无权执行此操作")


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
    """The posted form, after its CSRF token is checked against the session's (403 when it is not the same)."""
    got = await request.form()
    if not request.app.state.auth.csrf_ok(session, got.get("csrf_token")):
        raise HTTPException(403, "表单已过期或来源不明，请刷新页面后重试")
    return got


def _valid_text(value: str) -> str:
    """No lone surrogate (it cannot be stored or written out) and no NUL."""
    if "\x00" in value or any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise ValueError("文本含有空字符或孤立的代理项")
    return value


Text = Annotated[str, AfterValidator(_valid_text)]  # the API's text fields


def api_date(value: str | None, name: str) -> str | None:
    """An API date parameter (YYYY-MM-DD): 422 when it is not one."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name} 应为 年-月-日 格式的日期（如 2017-05-15），收到的是：{value[:20]}") from None


def page_date(value: str | None) -> str | None:
    """A page's date box: the date, or nothing when it is empty or not a date."""
    try:
        return dt.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None
