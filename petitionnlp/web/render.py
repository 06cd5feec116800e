"""The pages' rendering: the templates and their filters, the error page, a redirect back with the server's own
(signed) notice, and the one way a page form turns an office refusal into that notice."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from ..office.clock import local_time
from ..office.errors import NotFound, OfficeError
from ..office.lifecycle import CALLBACK_RESULTS, REJECT_KINDS, STATUSES, STEP_NAMES
from ..office.roles import allowed
from ..taxonomy import TYPES

__all__ = ["templates", "render", "render_error", "back", "notice", "safe_next", "here", "outcome", "download", "ROLE_NAMES",
           "ACTION_NAMES"]

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
ROLE_NAMES = {"admin": "管理员", "editor": "编辑", "viewer": "查看者", "unit": "属地经办人"}
# the history's and the audit log's actions in Chinese
ACTION_NAMES = {"handover": "交办", "assign": "改派", "correct": "更正", "report": "报送", "approve": "审核通过",
                "return": "退回", "reupload": "重复上传", "accept": "签收", "reject": "不受理", "reopen": "重新办理",
                "redate": "更正交办日期", "withdraw": "撤回批次", "callback": "回访", "supervise": "督办",
                "spotcheck": "抽查复核", "spotcheck_draw": "抽查抽中"}


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
templates.env.globals["action_names"] = ACTION_NAMES
templates.env.globals["audit_names"] = {
    **ACTION_NAMES, "login": "登录", "login_failed": "登录失败", "login_blocked": "登录受限", "logout": "退出",
    "upload": "上传", "export": "导出", "briefing": "简报", "retrain": "重新训练", "model_trained": "新模型",
    "model_activated": "启用模型", "model_rolled_back": "回退模型", "user_added": "新建用户", "user_disabled": "停用用户",
    "unit_added": "新建责任单位", "units_imported": "导入责任单位", "report": "报送/专报", "public_table": "公开表",
    "reindex": "重建索引"}
templates.env.globals["step_names"] = STEP_NAMES
templates.env.globals["reject_kinds"] = REJECT_KINDS
templates.env.globals["callback_results"] = CALLBACK_RESULTS
templates.env.globals["round_names"] = {1: "第一轮", 2: "第二轮", 3: "第三轮", 4: "第四轮", 5: "第五轮"}


def render(request: Request, name: str, session: dict | None, status: int = 200, **context) -> HTMLResponse:
    user = session["user"] if session else None
    context.update(request=request, user=user, role_name=ROLE_NAMES.get(user["role"]) if user else None,
                   csrf=session["csrf"] if session else None, can=lambda action: allowed(user, action),
                   types=TYPES, statuses=STATUSES)
    return templates.TemplateResponse(request, name, context, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", request.app.state.auth.session(request), status=status, status_code=status,
                  message=message, back=_referer_path(request))


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


def notice(request: Request) -> str | None:
    """The page's notice, when this server wrote it."""
    m, sig = request.query_params.get("m"), request.query_params.get("ms") or ""
    return m if m and hmac.compare_digest(_signature(m), sig) else None


def back(url: str, **params) -> RedirectResponse:
    """A redirect to ``url`` with ``params`` added to its query (before any #fragment); a message ``m`` is signed."""
    params = {k: v for k, v in params.items() if v}
    if "m" in params and not url.startswith("/login"):
        params["ms"] = _signature(params["m"])
    url, _, fragment = url.partition("#")
    if params:
        url += ("&" if "?" in url else "?") + urlencode(params)
    return RedirectResponse(url + (f"#{fragment}" if fragment else ""), status_code=303)


def safe_next(value: str | None, default: str) -> str:
    return value if value and value.startswith("/") and not value.startswith("//") else default


def here(request: Request) -> str:
    return str(request.url.path) + ("?" + str(request.url.query) if request.url.query else "")


def outcome(to: str, do, done, refused: str = "未完成") -> RedirectResponse:
    """A page form's answer: ``do()`` and back to ``to`` with ``done(result)`` as the notice, or with the office's
    refusal (``refused``：why); a case that is not there is the 404 page, as everywhere."""
    try:
        got = do()
    except NotFound:
        raise
    except OfficeError as exc:
        offered = exc.fields.get("suggestions")
        return back(to, m=f"{refused}：{exc.message}" + (f"；可选：{'、'.join(offered)}" if offered else ""))
    return back(to, m=done(got))


def download(d) -> "Response":
    """A file the office hands out (:class:`petitionnlp.office.documents.Download`) as an attachment, its name in
    Chinese: RFC 6266 with RFC 5987's ``filename*=UTF-8''…`` (what browsers save it as) beside an ASCII
    ``filename`` for older programs (the download's own ASCII name, else its name with ``_`` for what ASCII lacks)."""
    from urllib.parse import quote

    from fastapi.responses import Response

    fallback = getattr(d, "fallback", "") or d.name
    fallback = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "_" for ch in fallback)
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(d.name, safe='')}"
    return Response(d.data, media_type=d.media_type, headers={"Content-Disposition": disposition})
