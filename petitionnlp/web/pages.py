"""The workbench's pages (Chinese, rendered on the server, no script needed): 登录, 批次 (upload, queue, corrections,
download), 统计, 简报, 检索, 模型 (admin), 审计 (admin).  Views are thin: they check the session and the role
(:mod:`.auth`), call the :class:`~petitionnlp.web.service.Workbench`, and render a template; every form carries the
session's CSRF token."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from ..taxonomy import TYPES
from .auth import SESSION_COOKIE, allowed
from .charts import bar_chart_svg
from .cases import case_matches, case_views
from .clock import local_time, office_today
from .service import batch_view, briefing_view, model_version_view, petition_view, redact
from .store import SETTABLE_STATUSES, STATUSES

__all__ = ["router", "render_error"]

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def _highlight(snippet: str | None):
    """A search snippet, escaped, with its 【matched terms】 in <mark>."""
    from markupsafe import Markup, escape

    text = str(escape(snippet or ""))
    return Markup(text.replace("【", "<mark>").replace("】", "</mark>"))


def _show(value) -> str:
    """A value of an audit event as a person reads it: lists joined by 、, yes/no, empty as —."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value)) or "—"
    return str(value)


def _iso_local(value: str | None) -> str:
    """An ISO time with its offset (already in the office's zone) as a person reads it."""
    return value[:16].replace("T", " ") if value else ""


templates.env.filters["highlight"] = _highlight
templates.env.filters["show"] = _show
templates.env.filters["local"] = local_time  # stored times (UTC) shown in the office's zone
templates.env.filters["isolocal"] = _iso_local
templates.env.globals["action_names"] = {"handover": "交办", "assign": "改派", "correct": "更正", "report": "报送",
                                         "approve": "审核通过", "return": "退回", "reupload": "重复上传"}
PAGE_SIZE = 200
LOGIN_CSRF_COOKIE = "pnlp_login_csrf"
ROLE_NAMES = {"admin": "管理员", "editor": "编辑", "viewer": "查看者", "unit": "属地经办人"}


def _session(request: Request) -> dict | None:
    return request.app.state.auth.session(request)


def page_user(request: Request, action: str = "read") -> dict:
    """The session's {"user", "csrf"}; 401 (→ the login page) without one, 403 when the role may not ``action``."""
    session = _session(request)
    if session is None:
        raise HTTPException(401, "请先登录 (please log in)")
    if not allowed(session["user"], action):
        raise HTTPException(403, f"{ROLE_NAMES[session['user']['role']]}无权执行此操作 (forbidden for this role)")
    return session


async def _form(request: Request, session: dict | None) -> dict:
    """The posted form, after its CSRF token is checked against the session's (403 when it is not the same)."""
    form = await request.form()
    if not request.app.state.auth.csrf_ok(session, form.get("csrf_token")):
        raise HTTPException(403, "表单已过期或来源不明，请刷新页面后重试 (CSRF check failed)")
    return form


def render(request: Request, name: str, session: dict | None, status: int = 200, **context) -> HTMLResponse:
    user = session["user"] if session else None
    context.update(request=request, user=user, role_name=ROLE_NAMES.get(user["role"]) if user else None,
                   csrf=session["csrf"] if session else None, can=lambda action: allowed(user, action),
                   types=TYPES, statuses=STATUSES, settable=SETTABLE_STATUSES)
    return templates.TemplateResponse(request, name, context, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", _session(request), status=status, status_code=status, message=message,
                  back=_referer_path(request))


def _referer_path(request: Request) -> str:
    """Where 返回上一页 leads (a plain link, no script under the CSP): the referring page when it is one of ours."""
    ref = urlsplit(request.headers.get("referer", "")[:2000])
    if ref.netloc and ref.netloc == request.url.netloc and ref.path.startswith("/") and not ref.path.startswith("//"):
        return ref.path + (f"?{ref.query}" if ref.query else "")
    return "/"


# a page's notice (?m=) is shown only when this server wrote it: it carries its signature (ms=), so that a link
# cannot make a page say what its sender likes
_MESSAGE_KEY = secrets.token_bytes(32)


def _signature(message: str) -> str:
    return hmac.new(_MESSAGE_KEY, message.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:32]


def _message(request: Request) -> str | None:
    m, sig = request.query_params.get("m"), request.query_params.get("ms") or ""
    return m if m and hmac.compare_digest(_signature(m), sig) else None


# the login page's notices, by code (?m=expired): it shows no text from its address
LOGIN_MESSAGES = {"expired": "表单已过期，请重新登录", "wrong": "用户名或密码错误 (wrong user name or password)",
                  "locked": "登录失败次数过多，请 15 分钟后再试 (too many failed logins)", "out": "已退出登录"}


def _back(url: str, **params) -> RedirectResponse:
    """A redirect to ``url`` with ``params`` added to its query (before any #fragment); a message ``m`` is signed."""
    params = {k: v for k, v in params.items() if v}
    if "m" in params and not url.startswith("/login"):
        params["ms"] = _signature(params["m"])
    url, _, fragment = url.partition("#")
    if params:
        url += ("&" if "?" in url else "?") + urlencode(params)
    return RedirectResponse(url + (f"#{fragment}" if fragment else ""), status_code=303)


def _safe_next(value: str | None, default: str) -> str:
    return value if value and value.startswith("/") and not value.startswith("//") else default


# ---------------------------------------------------------------------------------------------- login

@router.get("/login")
def login_page(request: Request):
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", None, login_csrf=token,
                      message=LOGIN_MESSAGES.get(request.query_params.get("m") or ""))
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", max_age=1800)
    return response


@router.post("/login")
async def login(request: Request):
    form = await request.form()
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not cookie or not secrets.compare_digest(cookie, str(form.get("csrf_token") or "")):
        return _back("/login", m="expired")
    auth = request.app.state.auth
    try:
        user = auth.check_login(str(form.get("username") or "")[:64], str(form.get("password") or "")[:256],
                                request.client.host if request.client else "-")
    except HTTPException as exc:
        return _back("/login", m="locked" if exc.status_code == 429 else "wrong")
    secret, _ = auth.new_session(user)
    response = RedirectResponse(_start_page(user), status_code=303)
    response.set_cookie(SESSION_COOKIE, secret, httponly=True, samesite="lax", max_age=12 * 3600,
                        secure=request.url.scheme == "https")
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
async def logout(request: Request):
    session = _session(request)
    await _form(request, session)
    request.app.state.auth.end_session(request)
    if session:
        request.app.state.workbench.store.log(session["user"]["username"], "logout")
    response = _back("/login", m="out")
    response.delete_cookie(SESSION_COOKIE)
    return response


def _start_page(user: dict) -> str:
    return "/batches" if allowed(user, "read") else "/cases"  # a unit handler starts at 我的案件


@router.get("/")
def home(request: Request):
    session = _session(request)
    return RedirectResponse(_start_page(session["user"]) if session else "/login", status_code=303)


# -------------------------------------------------------------------------------------------- batches

@router.get("/batches")
def batches_page(request: Request):
    session = page_user(request)
    wb = request.app.state.workbench
    hide = not allowed(session["user"], "see_personal")
    return render(request, "batches.html", session, batches=[batch_view(b, hide) for b in wb.store.batches()],
                  model=wb.model_name(), message=_message(request))


@router.post("/batches")
async def upload_page(request: Request):
    session = page_user(request, "upload")
    form = await _form(request, session)
    upload = form.get("file")
    if upload is None or not hasattr(upload, "read"):
        return _back("/batches", m="请选择要上传的文件")
    data = await upload.read()
    if not data:
        return _back("/batches", m="上传的文件为空")
    days = str(form.get("reply_days") or "").strip()
    batch = request.app.state.workbench.upload(upload.filename or "batch.csv", data, session["user"],
                                               handover_date=_date_param(str(form.get("handover_date") or "")),
                                               reply_days=min(int(days), 3650) if days.isdigit() else None)
    return RedirectResponse(f"/batches/{batch['id']}", status_code=303)


@router.get("/batches/{batch_id}")
def batch_page(batch_id: int, request: Request):
    session = page_user(request)
    wb = request.app.state.workbench
    batch = wb.store.batch(batch_id)
    if batch is None:
        raise HTTPException(404, "没有这个批次 (no such batch)")
    q = request.query_params
    filters = {k: q.get(k) or None for k in ("type", "region", "priority", "status", "q")}
    sort = q.get("sort") if q.get("sort") in ("row", "priority", "due", "region", "status") else "row"
    page = max(1, int(q.get("page")) if (q.get("page") or "").isdecimal() and len(q.get("page")) < 10 else 1)
    redact = not allowed(session["user"], "see_personal")
    rows = wb.store.petitions(batch_id, filters["type"], filters["region"], filters["priority"], filters["status"],
                              sort)
    if filters["q"]:  # the filter box: a 受理编号 or words of the text
        rows = [p for p in rows if case_matches(p, filters["q"][:100], redact)]
    total = len(rows)
    shown = case_views(wb.store, rows[(page - 1) * PAGE_SIZE:page * PAGE_SIZE], redact, history=False)
    regions = sorted({p["city"] for p in wb.store.petitions(batch_id) if p["city"]})
    query = {k: v for k, v in {**filters, "sort": sort}.items() if v}
    units = wb.store.units() if allowed(session["user"], "assign") else []
    return render(request, "batch.html", session, batch=batch_view(batch, redact), petitions=shown, total=total,
                  page=page, units=units,
                  pages=max(1, -(-total // PAGE_SIZE)), filters=filters, sort=sort, regions=regions,
                  query=urlencode(query), here=str(request.url.path) + ("?" + str(request.url.query)
                                                                         if request.url.query else ""),
                  message=_message(request))


@router.post("/petitions/{petition_id}")
async def correct_page(petition_id: int, request: Request):
    session = page_user(request, "correct")
    form = await _form(request, session)
    back = _safe_next(form.get("next"), "/batches")
    changes = {}
    if "pollution_types" in form:
        changes["pollution_types"] = form.getlist("pollution_types")
    for field in ("city", "county", "status"):
        if field in form:
            changes[field] = form.get(field)
    current = request.app.state.workbench.store.petition(petition_id)
    if current and changes.get("status") == current["status"]:
        changes.pop("status")  # unchanged (待审核, 退回 … come from report and review, not from this form)
    try:
        got = request.app.state.workbench.correct(petition_id, session["user"], changes)
    except ValueError as exc:
        return _back(back, m=str(exc))
    if got is None:
        raise HTTPException(404, "没有这件信访件 (no such petition)")
    return _back(back, m=f"已保存第 {got['row_index'] + 1} 行的更正")


@router.get("/petitions/{petition_id}")
def petition_page(petition_id: int, request: Request):
    session = page_user(request)
    store = request.app.state.workbench.store
    p = store.petition(petition_id)
    if p is None:
        raise HTTPException(404, "没有这件信访件 (no such petition)")
    batch = store.batch(p["batch_id"])
    hide = not allowed(session["user"], "see_personal")
    return render(request, "petition.html", session, p=petition_view(p, batch, hide),
                  batch=batch_view(batch, hide) if batch else None)


@router.get("/batches/{batch_id}/download.xlsx")
def download(batch_id: int, request: Request):
    session = page_user(request, "export")
    wb = request.app.state.workbench
    if wb.store.batch(batch_id) is None:
        raise HTTPException(404, "没有这个批次 (no such batch)")
    redacted = request.query_params.get("redacted") == "1"
    data = wb.export_xlsx(batch_id, redacted, session["user"])
    name = f"batch-{batch_id}{'-redacted' if redacted else ''}.xlsx"
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


# ---------------------------------------------------------------------------------------------- stats

def _date_param(value: str | None) -> str | None:
    try:
        return dt.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


@router.get("/stats")
def stats_page(request: Request):
    session = page_user(request)
    q = request.query_params
    date_from, date_to = _date_param(q.get("from")), _date_param(q.get("to"))
    level = "county" if q.get("level") == "county" else "city"
    result = request.app.state.workbench.stats(date_from, date_to, level)
    chart = bar_chart_svg(result["table"], list(TYPES))
    return render(request, "stats.html", session, stats=result, chart=chart, date_from=date_from or "",
                  date_to=date_to or "", level=level,
                  png=urlencode({k: v for k, v in {"from": date_from, "to": date_to}.items() if v}))


@router.get("/stats.png")
def stats_png(request: Request):
    page_user(request)
    q = request.query_params
    data = request.app.state.workbench.stats_png(_date_param(q.get("from")), _date_param(q.get("to")))
    return Response(data, media_type="image/png", headers={"Content-Disposition": 'attachment; filename="stats.png"'})


# ------------------------------------------------------------------------------------------- briefings

@router.get("/briefings")
def briefings_page(request: Request):
    session = page_user(request)
    wb = request.app.state.workbench
    hide = not allowed(session["user"], "see_personal")
    briefings = [{**b, "title": redact(b["title"]) if hide else b["title"]} for b in wb.store.briefings()]
    return render(request, "briefings.html", session, briefings=briefings, deadlines=wb.deadlines(redact_=hide),
                  today=office_today().isoformat(), message=_message(request))


@router.post("/briefings")
async def briefing_add(request: Request):
    session = page_user(request, "upload")
    form = await _form(request, session)
    text = str(form.get("text") or "")
    upload = form.get("file")
    if upload is not None and hasattr(upload, "read"):
        data = await upload.read()
        if data:
            import tempfile

            from ..errors import PetitionNLPError
            from ..io import read_text

            with tempfile.NamedTemporaryFile(suffix=".txt") as tmp:
                tmp.write(data)
                tmp.flush()
                try:
                    text = read_text(tmp.name)
                except PetitionNLPError as exc:
                    return _back("/briefings", m=str(exc).replace(tmp.name, upload.filename or "文件"))
    if not text.strip():
        return _back("/briefings", m="请粘贴简报正文或选择文件")
    from .api import MAX_EXTRACT_CHARS

    if len(text) > MAX_EXTRACT_CHARS:
        return _back("/briefings", m=f"简报正文超过 {MAX_EXTRACT_CHARS} 字，请分成几份")
    if "\x00" in text or any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        return _back("/briefings", m="简报正文含有无效字符 (NUL)")
    b = request.app.state.workbench.add_briefing(text, session["user"], str(form.get("title") or "") or None,
                                                 _date_param(str(form.get("date") or "")))
    return RedirectResponse(f"/briefings/{b['id']}", status_code=303)


@router.get("/briefings/{briefing_id}")
def briefing_page(briefing_id: int, request: Request):
    session = page_user(request)
    b = request.app.state.workbench.store.briefing(briefing_id)
    if b is None:
        raise HTTPException(404, "没有这份简报 (no such briefing)")
    return render(request, "briefing.html", session, b=briefing_view(b, not allowed(session["user"], "see_personal")))


# ---------------------------------------------------------------------------------------------- search

@router.get("/search")
def search_page(request: Request):
    session = page_user(request)
    q = request.query_params
    query = (q.get("q") or "").strip()[:400]
    params = {"type": q.get("type") or None, "region": (q.get("region") or "").strip()[:64] or None,
              "date_from": _date_param(q.get("from")), "date_to": _date_param(q.get("to"))}
    try:
        hits = request.app.state.workbench.search(query, 50, params["type"], params["region"], params["date_from"],
                                                  params["date_to"],
                                                  redact=not allowed(session["user"], "see_personal")) if query else []
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    return render(request, "search.html", session, q=query, hits=hits, params=params,
                  notice=getattr(hits, "notice", None))


# ---------------------------------------------------------------------------------------------- models

@router.get("/models")
def models_page(request: Request):
    session = page_user(request, "models")
    wb = request.app.state.workbench
    card_path = (wb.model_dir() or _shipped_models()) / "MODEL_CARD.md"
    card = card_path.read_text(encoding="utf-8") if card_path.is_file() else ""
    return render(request, "models.html", session, versions=[model_version_view(m) for m in wb.store.model_versions()],
                  active=wb.model_name(), card=card, corrections=len(wb.store.training_records()),
                  message=_message(request))


def _shipped_models() -> Path:
    from ..resources import models_dir

    return models_dir()


@router.post("/models/retrain")
async def models_retrain(request: Request):
    session = page_user(request, "models")
    await _form(request, session)
    try:
        request.app.state.workbench.retrain(session["user"])
    except ValueError as exc:
        return _back("/models", m=str(exc))
    return _back("/models", m="已开始重新训练，完成后刷新本页可见新版本")


@router.post("/models/{version_id}/activate")
async def models_activate(version_id: int, request: Request):
    session = page_user(request, "models")
    await _form(request, session)
    got = request.app.state.workbench.activate(version_id, session["user"])
    if got is None:
        raise HTTPException(404, "没有这个模型版本 (no such model version)")
    return _back("/models", m=f"已启用模型 {got['name']}")


@router.post("/models/rollback")
async def models_rollback(request: Request):
    session = page_user(request, "models")
    await _form(request, session)
    request.app.state.workbench.deactivate(session["user"])
    return _back("/models", m="已回到随软件发布的模型")


# ----------------------------------------------------------------------------------------------- audit

@router.get("/audit")
def audit_page(request: Request):
    session = page_user(request, "audit")
    return render(request, "audit.html", session, events=request.app.state.workbench.store.audit(1000))
