"""Stage 6 — briefings: sentence and clause segmentation, directives, time expressions, keywords."""

from .extract import extract_briefing
from .header import issue_number
from .standing import StandingTask, duration_words, next_due_dates, standing_tasks
from .timex import document_date, find_time_expressions

__all__ = ["extract_briefing", "find_time_expressions", "document_date", "issue_number", "next_due_dates",
           "standing_tasks", "StandingTask", "duration_words"]
