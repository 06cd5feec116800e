"""The workbench as an ASGI app: ``create_app(data_dir)`` builds it (tests drive it in-process; ``petitionnlp serve``
runs the same object under uvicorn).  Here: the routers (:mod:`.routes`), one error format — the office's refusals
turned into their HTTP status in one handler —, size limits, security headers."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..office.database import database_unreachable, unreachable_classes
from ..errors import internal_error
from ..office.errors import OfficeError
from ..office.workbench import Workbench
from .auth import Auth

__all__ = ["create_app", "app_from_settings", "unavailable_response", "MAX_UPLOAD", "MAX_BODY", "security_settings",
           "DEFAULT_HOSTS"]

MAX_UPLOAD = 64 << 20   # a batch file (multipart uploads of /batches only)
MAX_BODY = 4 << 20      # any other request body
MAX_ID = 2 ** 63 - 1    # the largest id a database stores; a longer number in a path is no record (404)
HERE = Path(__file__).parent
DEFAULT_HOSTS = ("127.0.0.1", "localhost", "::1", "testserver")
UPLOAD_PATHS = ("/api/v1/batches", "/batches")            # multipart files: MAX_UPLOAD
NO_LOGIN_WRITES = ("/api/v1/token", "/login")              # the only bodies read before a login is checked
UPLOAD_ROUTES = ("/api/v1/batches", "/batches", "/api/v1/briefings", "/briefings")
REFUSALS = {"not_found": 404, "invalid": 422, "forbidden": 403, "conflict": 409}  # the office's kinds of refusal


def security_settings() -> dict:
    """The HTTP layer's settings, from the one settings object (:mod:`petitionnlp.settings`):
    ``PETITIONNLP_ALLOWED_HOSTS`` (comma-separated host names the server answers to, besides 127.0.0.1/localhost and
    ``serve --host``; ``*`` for any) and ``PETITIONNLP_TRUSTED_PROXIES`` (comma-separated addresses or networks of
    reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed)."""
    from ..settings import get_settings

    settings = get_settings()
    return {"allowed_hosts": list(settings.allowed_hosts), "trusted_proxies": list(settings.trusted_proxies),
            "serve_host": settings.serve_host}


def _wants_html(scope) -> bool:
    path = scope.get("path", "")
    accept = dict(scope.get("headers") or []).get(b"accept", b"").decode("latin-1")
    return not path.startswith(("/api/", "/healthz", "/openapi.json")) and "text/html" in accept


def error_response(request: Request, status: int, message: str, headers: dict | None = None):
    """The one error answer: ``{"error": message}`` for the API, the error page (or, for 401, the login page) for
    a browser.  The security headers are added to it, as to every answer, by :class:`SecurityHeaders`."""
    message = message.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate echoed back cannot be sent
    if _wants_html(request.scope):
        if status == 401:
            from fastapi.responses import RedirectResponse

            return RedirectResponse("/login", status_code=303)
        from .render import render_error

        return render_error(request, status, message)
    return JSONResponse({"error": message}, status_code=status, headers=headers)


UNAVAILABLE = "数据库暂时无法连接，请稍后再试"


def unavailable_response(scope):
    """The one answer while the database cannot be reached, whichever layer met it — a route, a dependency, the
    gate's login check before a body is read, the error page's own session look-up: 503 with ``Retry-After``,
    ``{"error": ...}`` for the API, a plain page for a browser (no template: it would look up the session in the
    absent database).  Nothing is logged as a crash; the next request after the database is back finds a fresh
    connection (the pool checks each one before use)."""
    from fastapi.responses import HTMLResponse

    headers = {"Retry-After": "5"}
    if _wants_html(scope):
        return HTMLResponse(f"<!doctype html><html lang=zh-CN><meta charset=utf-8><title>503 暂停服务</title>"
                            f"<p>{UNAVAILABLE}</p></html>", status_code=503, headers=headers)
    return JSONResponse({"error": UNAVAILABLE}, status_code=503, headers=headers)


async def _send_error(scope, receive, send, status: int, message: str, headers: dict | None = None) -> None:
    from starlette.concurrency import run_in_threadpool

    request = Request(scope, receive)
    response = await run_in_threadpool(error_response, request, status, message, headers)
    await response(scope, receive, send)


class SecurityHeaders:
    """The outermost layer: every answer — pages, API, errors of the layers inside (413, 401, 404, 400) and
    crashes (500) — leaves with the security headers; a crash becomes the one error answer, never a traceback.
    A database out of reach met by a layer outside the routes' handlers (the gate's login check, an error page's
    session) is the same 503 as inside them (:func:`unavailable_response`)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                         if k.lower().encode() not in have]
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception as exc:  # noqa: BLE001 — logged here, answered as 503 or 500 without a traceback
            import logging

            log = logging.getLogger("petitionnlp.web")
            if database_unreachable(exc):
                log.warning("database unavailable on %s: %s", scope.get("path"), type(exc).__name__)
                if not started:
                    await unavailable_response(scope)(scope, receive, with_headers)
                return
            message = internal_error(exc, scope.get("path", ""))
            if not started:
                await _send_error(scope, receive, with_headers, 500, message)


class Gate:
    """Before a request reaches a route: the client's real address and scheme from a trusted proxy, the ``Host``
    allow-list (no DNS rebinding), ids too long for any record (404), and, for a request with a body, the login
    (and, for uploads, the role) checked before a byte of the body is read."""

    def __init__(self, app, allowed_hosts, trusted_proxies):
        import ipaddress

        self.app = app
        self.any_host = "*" in allowed_hosts
        self.hosts = {h.lower().strip("[]") for h in allowed_hosts}
        self.proxies = []
        for p in trusted_proxies:
            try:
                self.proxies.append(ipaddress.ip_network(p.strip(), strict=False))
            except ValueError:
                import logging

                logging.getLogger("petitionnlp.web").warning("PETITIONNLP_TRUSTED_PROXIES: not an address: %r", p)

    def _trusted(self, address: str | None) -> bool:
        import ipaddress

        try:
            ip = ipaddress.ip_address((address or "").strip().strip("[]"))
        except ValueError:
            return False
        return any(ip in net for net in self.proxies)

    def _behind_proxy(self, scope, headers: dict) -> None:
        client = scope.get("client")
        if not self.proxies or not client or not self._trusted(client[0]):
            return
        forwarded = [a.strip() for a in headers.get(b"x-forwarded-for", b"").decode("latin-1").split(",") if a.strip()]
        if forwarded:
            real = next((a for a in reversed(forwarded) if not self._trusted(a)), forwarded[0])
            scope["client"] = (real[:64], 0)
        proto = headers.get(b"x-forwarded-proto", b"").decode("latin-1").split(",")[-1].strip().lower()
        if proto in ("http", "https"):
            scope["scheme"] = proto

    def _host_ok(self, headers: dict) -> bool:
        host = headers.get(b"host")
        if host is None or self.any_host:
            return True
        host = host.decode("latin-1").strip().lower()
        name = host[1:host.find("]")] if host.startswith("[") else host.rsplit(":", 1)[0] if host.count(":") == 1 \
            else host
        return name.rstrip(".") in self.hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        self._behind_proxy(scope, headers)
        if not self._host_ok(headers):
            return await _send_error(scope, receive, send, 400, "不接受这个主机名的请求")
        path = scope.get("path", "")
        for part in path.split("/"):
            digits = part.strip().lstrip("+-").lstrip("0")
            if digits.isdigit() and len(digits) >= 19:  # 2**63 - 1 has 19 digits; no int() of a long string
                try:
                    too_big = len(digits) > 19 or int(digits) > MAX_ID
                except ValueError:
                    too_big = True
                if too_big:
                    return await _send_error(scope, receive, send, 404, "找不到这个页面或记录")
        if scope.get("method") in ("POST", "PUT", "PATCH", "DELETE") and path.rstrip("/") not in NO_LOGIN_WRITES:
            refused = await self._login_first(scope, receive, path)
            if refused:
                return await _send_error(scope, receive, send, *refused)
        return await self.app(scope, receive, send)

    async def _login_first(self, scope, receive, path):
        """(status, message[, headers]) when the request may not send a body here, else None."""
        from starlette.concurrency import run_in_threadpool

        from ..office.roles import allowed, denied

        auth = scope["app"].state.auth
        request = Request(scope, receive)
        if path.startswith("/api/"):
            user = await run_in_threadpool(auth.bearer, request)
            if user is None:
                return 401, "需要登录令牌：请先向 /api/v1/token 提交用户名和密码取得", {"WWW-Authenticate": "Bearer"}
        else:
            session = await run_in_threadpool(auth.session, request)
            if session is None:
                return 401, "请先登录"
            user = session["user"]
        if path.rstrip("/") in UPLOAD_ROUTES and not allowed(user, "upload"):
            return 403, denied(user, "上传")
        return None


class BodyLimit:
    """Refuses a request body over its limit (413) by its Content-Length or, without one (chunked), as it
    streams in: the route then sees the client gone, and its answer is replaced by the 413."""

    def __init__(self, app):
        self.app = app

    @staticmethod
    def limit(scope) -> int:
        headers = dict(scope.get("headers") or [])
        multipart = headers.get(b"content-type", b"").lower().startswith(b"multipart/form-data")
        return MAX_UPLOAD if multipart and scope.get("path", "").rstrip("/") in UPLOAD_PATHS else MAX_BODY

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit(scope)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.strip().isdigit() or int(length) > limit):
            return await _too_large(scope, receive, send, limit)
        seen, over, started = 0, False, False

        async def counted():
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def unless_over(message):
            nonlocal started
            if over:
                return  # the route's answer to a body cut short is replaced by the 413
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, unless_over)
        except Exception:
            if not over:
                raise
        if over and not started:
            await _too_large(scope, receive, send, limit)


async def _too_large(scope, receive, send, limit):
    await _send_error(scope, receive, send, 413, f"请求过大，上限 {limit >> 20} MB")


SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def app_from_settings() -> FastAPI:
    """The app factory of ``petitionnlp serve`` (``uvicorn --factory``, one call in each server process): the
    shared database of ``PETITIONNLP_DB_URL``, else the data folder of ``PETITIONNLP_DATA``."""
    from ..settings import get_settings

    settings = get_settings()
    return create_app(None if settings.shared else settings.data, db_url=settings.db_url if settings.shared else None,
                      allowed_hosts=[settings.serve_host] if settings.serve_host else None)


def _hosts(given, configured) -> list[str]:
    """The host names to answer to: the defaults, ``PETITIONNLP_ALLOWED_HOSTS``, and the ``serve --host`` names
    (for 0.0.0.0 or ::, this machine's name and addresses)."""
    import socket

    hosts = list(DEFAULT_HOSTS) + list(configured)
    for h in given or ():
        if h in ("0.0.0.0", "::", ""):
            try:
                name = socket.gethostname()
                hosts += [name, socket.getfqdn()]
                hosts += [a[4][0] for a in socket.getaddrinfo(name, None)]
            except OSError:
                pass
        else:
            hosts.append(h)
    return hosts


def create_app(data_dir=None, background: bool = True, db_url: str | None = None, allowed_hosts=None,
               trusted_proxies=None) -> FastAPI:
    """The workbench over the data folder ``data_dir`` (created and migrated if needed), or over the shared
    database ``db_url`` (its schema kept by ``petitionnlp migrate``).  ``allowed_hosts``: host names to answer to
    besides the defaults (``serve --host``); ``trusted_proxies``: reverse proxies' addresses (default
    ``PETITIONNLP_TRUSTED_PROXIES``)."""
    from contextlib import asynccontextmanager

    from .routes import api, pages

    workbench = Workbench(data_dir, background=background, db_url=db_url)

    @asynccontextmanager
    async def lifespan(_app):
        from starlette.concurrency import run_in_threadpool

        await run_in_threadpool(workbench.warm)  # before the process takes its first request
        follower = workbench.start_follower()  # the search index catches up with what a request could not do
        yield
        follower.stop()
        workbench.close()  # the batch in progress finishes before the process ends

    # no Swagger UI: it loads its scripts from a CDN, which an office intranet does not reach; /docs is a page
    # of the routes rendered here, and the schema is /openapi.json
    app = FastAPI(title="环保信访工作台数据接口", version=_version(), docs_url=None, redoc_url=None,
                  lifespan=lifespan,
                  description="环保信访件与督察简报：分类、抽取、检索、批次、更正、审计。Bearer 令牌：POST /api/v1/token。")
    app.state.workbench = workbench
    app.state.auth = Auth(app.state.workbench.store)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api)
    app.include_router(pages)

    @app.get("/healthz", include_in_schema=False)
    def healthz():
        return {"ok": True}

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request):
        from .render import render

        routes = [{"method": m.upper(), "path": path, "summary": op.get("summary") or ""}
                  for path, ops in app.openapi()["paths"].items() for m, op in ops.items()]
        return render(request, "docs.html", request.app.state.auth.session(request), routes=routes,
                      title=app.title, version=app.version)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else "请求无效"
        if exc.status_code == 404 and detail == "Not Found":
            detail = "找不到这个页面或记录"
        if exc.status_code == 405:
            detail = "不支持这种请求方式"
        return error_response(request, exc.status_code, detail, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        from .deps import validation_message

        return error_response(request, 422, validation_message(exc.errors(), page=_wants_html(request.scope)))

    @app.exception_handler(OverflowError)
    async def overflow(request: Request, exc: OverflowError):  # a number too large for the database: no record
        return error_response(request, 404, "找不到这个页面或记录")

    from sqlalchemy.exc import DataError

    @app.exception_handler(DataError)
    async def out_of_range(request: Request, exc: DataError):  # PostgreSQL's word for a number beyond its columns
        return error_response(request, 422, "数值超出范围或格式不对")

    @app.exception_handler(UnicodeError)
    async def bad_text(request: Request, exc: UnicodeError):
        return error_response(request, 422, "文本含有无效的字符（如孤立的代理项）")

    async def unavailable(request: Request, exc: Exception):
        return unavailable_response(request.scope)

    from ..errors import DatabaseUnavailable

    for cls in [*unreachable_classes(), DatabaseUnavailable]:
        app.add_exception_handler(cls, unavailable)

    @app.exception_handler(OfficeError)
    async def refused(request: Request, exc: OfficeError):
        """The office's refusals, whatever route met them: not found 404, invalid 422, forbidden 403, a state or
        version that does not allow it 409; the facts it carries (allowed steps, status, version, suggestions)
        beside the message in the API's answer."""
        status = REFUSALS[exc.kind]
        if _wants_html(request.scope):
            return error_response(request, status, exc.message)
        return JSONResponse({"error": exc.message, **exc.fields}, status_code=status)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        if database_unreachable(exc):
            return unavailable_response(request.scope)
        return error_response(request, 500, internal_error(exc, request.url.path))

    settings = security_settings()
    app.add_middleware(BodyLimit)
    app.add_middleware(Gate, allowed_hosts=_hosts(allowed_hosts, settings["allowed_hosts"]),
                       trusted_proxies=settings["trusted_proxies"] if trusted_proxies is None else trusted_proxies)
    app.add_middleware(SecurityHeaders)  # the last added is the outermost: every answer gets the headers
    return app


def _version() -> str:
    from .. import __version__

    return __version__
