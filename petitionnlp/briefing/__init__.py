"""Stage 6 — briefings: sentence and clause segmentation, directives, time expressions, keywords."""

from .extract import extract_briefing
from .header import issue_number
from .standing import next_due_dates
from .timex import document_date, find_time_expressions

__all__ = ["extract_briefing", "find_time_expressions", "document_date", "issue_number", "next_due_dates"]
