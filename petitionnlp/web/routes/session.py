"""Logging in and out: the API's bearer token (OAuth2 password flow) and the pages' session, one user store."""

from __future__ import annotations

import secrets
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel

from ..auth import SESSION_COOKIE
from ..deps import form, require
from ..render import back, render, start_page
from .routers import api, pages


LOGIN_CSRF_COOKIE = "pnlp_login_csrf"
# the login page's notices, by code (?m=expired): it shows no text from its address
LOGIN_MESSAGES = {"expired": "表单已过期，请重新登录", "wrong": "用户名或密码错误",
                  "locked": "登录失败次数过多，请 15 分钟后再试", "out": "已退出登录"}


class Token(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"


def _address(request: Request) -> str:
    return request.client.host if request.client else "-"


@api.post("/token", response_model=Token, summary="登录令牌（表单字段用户名、密码）")
def token(request: Request, credentials: Annotated[OAuth2PasswordRequestForm, Depends()]):
    auth = request.app.state.auth
    user = auth.check_login(credentials.username, credentials.password, _address(request))
    return {"access_token": auth.new_token(user), "token_type": "bearer"}


@api.get("/me", summary="令牌所属的用户")
def me(user: Annotated[dict, Depends(require("read"))]):
    return {"username": user["username"], "role": user["role"]}


@pages.get("/login")
def login_page(request: Request):
    csrf = secrets.token_urlsafe(24)
    response = render(request, "login.html", None, login_csrf=csrf,
                      message=LOGIN_MESSAGES.get(request.query_params.get("m") or ""))
    response.set_cookie(LOGIN_CSRF_COOKIE, csrf, httponly=True, samesite="strict", max_age=1800)
    return response


@pages.post("/login")
async def login(request: Request):
    got = await request.form()
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not cookie or not secrets.compare_digest(cookie, str(got.get("csrf_token") or "")):
        return back("/login", m="expired")
    auth = request.app.state.auth
    try:
        user = auth.check_login(str(got.get("username") or "")[:64], str(got.get("password") or "")[:256],
                                _address(request))
    except HTTPException as exc:
        return back("/login", m="locked" if exc.status_code == 429 else "wrong")
    secret, _ = auth.new_session(user)
    response = RedirectResponse(start_page(user), status_code=303)
    response.set_cookie(SESSION_COOKIE, secret, httponly=True, samesite="lax", max_age=12 * 3600,
                        secure=request.url.scheme == "https")
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@pages.post("/logout")
async def logout(request: Request):
    session = request.app.state.auth.session(request)
    await form(request, session)
    request.app.state.auth.end_session(request)
    if session:
        request.app.state.workbench.log(session["user"], "logout")
    response = back("/login", m="out")
    response.delete_cookie(SESSION_COOKIE)
    return response


@pages.get("/")
def home(request: Request):
    session = request.app.state.auth.session(request)
    return RedirectResponse(start_page(session["user"]) if session else "/login", status_code=303)
