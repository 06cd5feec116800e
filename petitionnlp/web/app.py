"""The workbench as an ASGI app: ``create_app(data_dir)`` builds it (tests drive it in-process; ``petitionnlp serve``
runs the same object under uvicorn).  Here: the routers, one error format, size limits, security headers."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .auth import Auth
from .service import Workbench

__all__ = ["create_app", "MAX_UPLOAD", "MAX_BODY"]

MAX_UPLOAD = 64 << 20   # a batch file
MAX_BODY = 4 << 20      # any other request body
HERE = Path(__file__).parent


class BodyLimit:
    """Refuses a request body over its limit (413) by its Content-Length or, without one, as it streams in."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        limit = MAX_UPLOAD if path.rstrip("/").endswith(("/batches", "/briefings")) else MAX_BODY
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            return await _too_large(scope, send, limit)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await _too_large(scope, send, limit)


class _TooLarge(Exception):
    pass


async def _too_large(scope, send, limit):
    response = JSONResponse({"error": f"请求过大，上限 {limit >> 20} MB (request too large)"}, status_code=413)
    await response(scope, None, send)


SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def create_app(data_dir, background: bool = True) -> FastAPI:
    """The workbench over the data folder ``data_dir`` (created and migrated if needed)."""
    from .api import router as api_router
    from .api_cases import router as cases_api_router
    from .pages import router as page_router
    from .pages_cases import router as cases_page_router

    from contextlib import asynccontextmanager

    workbench = Workbench(data_dir, background=background)

    @asynccontextmanager
    async def lifespan(_app):
        yield
        workbench.close()  # the batch in progress finishes before the process ends

    app = FastAPI(title="petitionnlp 工作台 API", version=_version(), docs_url="/docs", redoc_url=None,
                  lifespan=lifespan,
                  description="环保信访件与督察简报：分类、抽取、检索、批次、更正、审计。Bearer 令牌：POST /api/v1/token。")
    app.state.workbench = workbench
    app.state.auth = Auth(app.state.workbench.store)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api_router)
    app.include_router(cases_api_router)
    app.include_router(page_router)
    app.include_router(cases_page_router)

    @app.get("/healthz", include_in_schema=False)
    def healthz():
        return {"ok": True}

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            if not (k == "Content-Security-Policy" and request.url.path.startswith("/docs")):
                response.headers.setdefault(k, v)
        return response

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith(("/api/", "/healthz")) and "text/html" in request.headers.get("accept", "")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else "请求无效 (bad request)"
        if exc.status_code == 404 and detail == "Not Found":
            detail = "找不到这个页面或记录 (not found)"
        if exc.status_code == 405:
            detail = "不支持这种请求方式 (method not allowed)"
        if wants_html(request):
            if exc.status_code == 401:
                from fastapi.responses import RedirectResponse

                return RedirectResponse("/login", status_code=303)
            from .pages import render_error

            return render_error(request, exc.status_code, detail)
        return JSONResponse({"error": detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "body")
        message = f"请求内容不合要求 (invalid request): {where} {first.get('msg', '')}".strip()
        if wants_html(request):
            from .pages import render_error

            return render_error(request, 422, message)
        return JSONResponse({"error": message}, status_code=422)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        message = f"内部错误 (internal error): {type(exc).__name__}"
        if wants_html(request):
            from .pages import render_error

            return render_error(request, 500, message)
        return JSONResponse({"error": message}, status_code=500)

    app.add_middleware(BodyLimit)
    return app


def _version() -> str:
    from .. import __version__

    return __version__
