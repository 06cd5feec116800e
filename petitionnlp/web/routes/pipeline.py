"""The command line's jobs over HTTP: classify texts (the fields ``petitionnlp classify`` adds) and extract a
briefing (``petitionnlp extract``'s JSON)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException
from pydantic import Field

from ...office.briefings import MAX_EXTRACT_CHARS
from ..deps import Body, Office, Text, api_date, require
from .routers import api

MAX_TEXTS = 1000
MAX_TEXT_CHARS = 100_000


def extract_size(text: str) -> None:
    if len(text) > MAX_EXTRACT_CHARS:
        raise HTTPException(413, f"简报正文超过 {MAX_EXTRACT_CHARS} 字，请分成几份")


class ClassifyRequest(Body):
    texts: list[Text] = Field(..., max_length=MAX_TEXTS, description="petition texts (at most 1,000)")
    province: Text | None = Field(None, max_length=20, description="default province for duplicate place names")


class ExtractRequest(Body):
    text: Text = Field(..., description=f"a briefing (at most {MAX_EXTRACT_CHARS:,} characters)")
    date: Text | None = Field(None, max_length=40, description="document date YYYY-MM-DD")
    title: Text | None = Field(None, max_length=200, description="the briefing's title where the text does not hold "
                               "it: the year it writes anchors the text's month-days")


@api.post("/classify", summary="污染类型与属地（与命令行分类输出的字段相同）")
def classify(body: ClassifyRequest, wb: Office, user: Annotated[dict, Depends(require("read"))]):
    if any(len(t) > MAX_TEXT_CHARS for t in body.texts):
        raise HTTPException(413, f"单条文本超过 {MAX_TEXT_CHARS} 字")
    return {"results": wb.classify_texts(body.texts, body.province)}


@api.post("/extract", summary="简报抽取：指示、期限、时间表达、关键词")
def extract(body: ExtractRequest, user: Annotated[dict, Depends(require("read"))]):
    from ...briefing import extract_briefing

    extract_size(body.text)
    return extract_briefing(body.text, api_date(body.date, "date"), title=body.title)
