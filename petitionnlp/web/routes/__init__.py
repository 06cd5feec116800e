"""The routes by area, each page beside its JSON twin, both calling the same method of the office
(:class:`petitionnlp.office.workbench.Workbench`): session, pipeline (classify, extract), batches, cases, figures,
briefings, search, models (and jobs), audit, and closing the loop (followup: 回访, 督办, 抽查).  They all add to the two routers of :mod:`.routers`."""

from . import audit, batches, briefings, cases, figures, followup, models, pipeline, province, search, session  # noqa: F401 — they add their routes
from .routers import api, pages

__all__ = ["api", "pages"]
