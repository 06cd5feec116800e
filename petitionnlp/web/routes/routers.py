"""The two routers every area adds its routes to: :data:`api` (under ``/api/v1``, in the OpenAPI schema) and
:data:`pages` (the Chinese pages, outside it).  One flat list each, so that a test can walk every page and every
API route.  Both check every query parameter at the door (:func:`..deps.clean_query`)."""

from fastapi import APIRouter, Depends

from ..deps import clean_query

__all__ = ["api", "pages"]

api = APIRouter(prefix="/api/v1", dependencies=[Depends(clean_query)])
pages = APIRouter(include_in_schema=False, dependencies=[Depends(clean_query)])
