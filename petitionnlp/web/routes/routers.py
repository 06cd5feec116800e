"""The two routers every area adds its routes to: :data:`api` (under ``/api/v1``, in the OpenAPI schema) and
:data:`pages` (the Chinese pages, outside it).  One flat list each, so that a test can walk every page and every
API route."""

from fastapi import APIRouter

__all__ = ["api", "pages"]

api = APIRouter(prefix="/api/v1")
pages = APIRouter(include_in_schema=False)
