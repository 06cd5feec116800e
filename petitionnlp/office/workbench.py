"""The office as one object: what the pages, the API, the command line and the workers ask of it.

``Workbench(data_dir)``: SQLite in that folder, migrated here if needed (the embedded default);
``Workbench(db_url=URL)``: the shared PostgreSQL database, whose schema ``petitionnlp migrate`` keeps (a database
on an older schema is refused with :class:`~.store.SchemaOutOfDate`).  ``background=False`` runs every job at once
in the calling thread (tests, the command line).

One per server or worker process: it holds the store, the search index, the job queue and the pipeline of the
active model version (loaded once).  Its methods are the office's operations, each a call of the module that owns
it (:mod:`.batches`, :mod:`.cases`, :mod:`.lifecycle`, :mod:`.followup`, :mod:`.figures`, :mod:`.documents`,
:mod:`.briefings`, :mod:`.models`, :mod:`.jobs`); they take the ``user`` who asks, and what that user reads is decided once
(:func:`.roles.redacts`).  No HTTP here: a refusal is an :mod:`.errors` exception.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from ..pipeline import PetitionPipeline
from . import (batches, briefings, cases, documents, figures, followup, jobs, lifecycle, models, overview, places,
               repeat_groups)
from .errors import Messages, NotFound
from .labels import case_name
from .index import OfficeIndex
from .intake import deadline_of
from .redaction import briefing_title, redact
from .repeat_groups import RepeatGroups
from .roles import redacts
from .store import Store
from .views import (audit_view, batch_view, briefing_view, case_views, job_view, model_version_view,
                    single_view)

__all__ = ["Workbench"]


class _Follower:
    """The search index's follower thread (:meth:`Workbench.start_follower`)."""

    def __init__(self, wb, every: float):
        self.wb, self.every = wb, every
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="pnlp-index-follower", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stopping.is_set():
            done = self.wb.follow_index(None, wait=None)
            if not done:
                self.stopping.wait(self.every)

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(30)


class Workbench:
    """The office's operations over one store (see the module's note)."""

    def __init__(self, data_dir=None, background: bool = True, db_url: str | None = None):
        from ..resources import cache_dir

        self.store = Store(data_dir if not db_url else None, url=db_url)
        self.shared = self.store.shared
        if self.shared:
            self.store.check_schema()
            self.data_dir = Path(data_dir) if data_dir else cache_dir() / "work"  # scratch only: nothing kept
        else:
            self.data_dir = Path(data_dir)
            self.store.migrate()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        index_file = self.data_dir / "search.db"
        self.index = OfficeIndex(self.store.url if self.shared else str(index_file),
                                 None if self.shared else index_file)
        self._pipelines: dict = {}
        self._models: dict = {}
        self._lock = threading.Lock()
        self._retrain_lock = threading.Lock()
        self.grouping = RepeatGroups()  # this process's copy of the repeat groups (built at the first run)
        self.queue = jobs.make_queue(self, background)
        if self.shared:  # the index's tables in the shared database (made once, under a lock, by the first)
            self.index.prepare()
        if self.queue.inline:  # an index made before viewers searched redacted copies, or by other rules, gets them
            jobs.index_redacted_copies(self)
        else:
            self.queue.submit_call(jobs.index_redacted_copies, self)
        if not self.shared and not self.queue.inline:
            self._resume_jobs()

    def _resume_jobs(self) -> None:
        """On the embedded SQLite default the server runs the jobs itself: a job it had queued or was running when
        it stopped (a crash, a power cut) is taken up again at start, going on after the rows already stored."""
        for job in reversed(self.store.jobs(limit=1000)):
            if job["state"] in ("queued", "running"):
                self.queue.submit(job["id"])

    def close(self) -> None:
        self.queue.close()  # the job in progress finishes before the process ends

    def warm(self) -> None:
        """Build, before the first request, everything the requests share between threads (each also built once
        under a lock when first asked for): the active model's pipeline, the tokenizer, the personal-information
        pipeline and a batch's row redactor, the gazetteer and the place resolvers, the search's analysers and
        typo tables, the places a correction may name, the briefing extractor.  The first requests of a fresh
        server then wait for nothing and build nothing (a server process calls it at start: ``create_app``'s
        start-up, in every process of ``serve --workers N``).  A database out of reach now does not stop the
        start: what needs it is built at its first use."""
        import logging

        from ..briefing import extract_briefing
        from ..pii import Redactor
        from ..search import resolve_place
        from ..search.analysis import analyze

        sample = "衡阳市雁峰区某餐馆油烟扰民，联系人张三，电话13807341234。"
        steps = (("pipeline", lambda: self.pipeline().classify_texts([sample])),
                 ("redaction", lambda: (redact(sample), Redactor("正文", ["正文", "举报人"])({"举报人": "张三"}))),
                 ("search", lambda: (analyze("油咽扰民 长沙", count=lambda alts: 0), resolve_place(sample))),
                 ("places", lambda: places.choices(["湖南省"])),
                 ("briefings", lambda: extract_briefing("各地要在5月20日前完成整改。", None)))
        for name, step in steps:
            try:
                step()
            except Exception as exc:  # noqa: BLE001 — built at first use instead
                logging.getLogger("petitionnlp.web").warning("not warmed: %s (%s)", name, type(exc).__name__)

    def run_job(self, job_id: int) -> dict | None:
        return jobs.run_job(self, job_id)

    # ------------------------------------------------------------------------------------- the model
    def model_dir(self) -> Path | None:
        return models.model_dir(self)

    def model_name(self) -> str:
        return models.model_name(self.store)

    def pipeline(self, province: str | None = None) -> PetitionPipeline:
        key = (str(self.model_dir()), province or None)
        with self._lock:
            pipe = self._pipelines.get(key)
            if pipe is None:
                self._pipelines = {k: v for k, v in self._pipelines.items() if k[0] == key[0]}
                pipe = self._pipelines[key] = PetitionPipeline(self.model_dir(), province)
            return pipe

    def forget_pipelines(self) -> None:
        with self._lock:
            self._pipelines.clear()

    def classify_texts(self, texts: list, province: str | None = None) -> list[dict]:
        """The fields ``petitionnlp classify`` adds, for each text (the same pipeline and model)."""
        return self.pipeline(province).classify_texts(texts)

    def model_versions(self) -> list[dict]:
        return [model_version_view(m) for m in self.store.model_versions()]

    def model_card(self) -> str:
        """The active model's card (MODEL_CARD.md), as written."""
        from ..resources import models_dir

        path = (self.model_dir() or models_dir()) / "MODEL_CARD.md"
        return path.read_text(encoding="utf-8") if path.is_file() else ""

    def model_cards(self) -> list[dict]:
        """The cards of the models the office runs: the active type and place model's, and the briefing model's
        (``{"name", "text"}``, Markdown as written)."""
        from ..briefing.judge import shipped_model_dir

        briefing = shipped_model_dir() / "MODEL_CARD.md"
        return [{"name": "污染类型与属地模型", "text": self.model_card()},
                {"name": "简报指示判别模型",
                 "text": briefing.read_text(encoding="utf-8") if briefing.is_file() else ""}]

    def corrections(self) -> int:
        """How many corrected cases a retraining would learn from."""
        return len(self.store.training_records())

    def retrain(self, user: dict, wait: bool = False) -> dict:
        return models.retrain(self, user, wait)

    def activate(self, version_id: int, user: dict) -> dict:
        got = models.activate(self, version_id, user)
        if got is None:
            raise NotFound(Messages.O103)
        return got

    def deactivate(self, user: dict) -> None:
        models.deactivate(self, user)

    # -------------------------------------------------------------------------------------- batches
    def upload(self, filename: str, data: bytes, user: dict, wait: bool = False, handover_date: str | None = None,
               reply_days: int | None = None, working_days: bool | None = None) -> dict:
        """The batch as stored, as ``user`` reads it, and its ``job_id`` (:func:`.batches.upload`)."""
        got = batches.upload(self, filename, data, user, wait, handover_date, reply_days, working_days)
        return {**_with_rule(batch_view(got, redacts(user)), got), "job_id": got["job_id"]}

    def batches(self, user: dict) -> list[dict]:
        return [batch_view(b, redacts(user)) for b in self.store.batches()]

    def batch(self, user: dict, batch_id: int) -> dict:
        """One batch as the pages and the API show it, with its reply rule in words (``reply_rule``: 15个工作日) and
        the notice when its deadline had to be counted in calendar days (``deadline_notice``)."""
        b = batches.batch_or_404(self.store, batch_id)
        return _with_rule(batch_view(b, redacts(user)), b)

    def queue_rows(self, user: dict, batch_id: int, history: bool = True, page: tuple[int, int] | None = None,
                   redact_: bool | None = None, **filters) -> tuple[list[dict], int]:
        """(a batch's rows as case views, by the queue's filters — a page of them when ``page`` is (offset,
        size) —, how many there are); none of a withdrawn batch.  ``redact_``: redacted even for a user who reads
        personal information (an export for publishing)."""
        batches.batch_or_404(self.store, batch_id)
        rows = cases.queue(self.store, user, batch_id, **filters)
        shown = rows[page[0]:page[0] + page[1]] if page else rows
        hide = redacts(user) or bool(redact_)
        return case_views(self.store, shown, hide, user, history=history), len(rows)

    def batch_places(self, batch_id: int) -> list[str]:
        """The cities of a batch's cases (the queue's place filter), in the official order."""
        return sorted({p["city"] for p in self.store.petitions(batch_id) if p["city"]}, key=places.region_order_key)

    def place_choices(self, provinces) -> dict[str, list[str]]:
        """The cities, counties and paths a place correction may name in these provinces (a choice list)."""
        return places.choices(provinces)

    def export_batch(self, user: dict, batch_id: int, redacted: bool) -> documents.Download:
        b = batches.batch_or_404(self.store, batch_id)
        views, _ = self.queue_rows(user, batch_id, history=False, redact_=redacted)
        return documents.queue_export(self.store, user, b, views, redacted)

    def redate_batch(self, user: dict, batch_id: int, handover_date=None, reply_days=None,
                     working_days=None) -> dict:
        got = batches.redate(self.store, user, batch_id, handover_date, reply_days, working_days)
        self.follow_index([("batch", batch_id)])  # searched by their hand-over date
        return {**self.batch(user, batch_id), "cases_changed": got["cases_changed"],
                "deadlines_kept": got["deadlines_kept"]}

    def withdraw_batch(self, user: dict, batch_id: int, reason: str | None) -> dict:
        got = batches.withdraw(self, user, batch_id, reason)
        self.follow_index([("batch", batch_id)])  # its cases leave the search
        return batch_view(got, redacts(user))

    # ---------------------------------------------------------------------------------------- cases
    def cases(self, user: dict, history: bool = True, limit: int | None = None, **filters) -> tuple[list[dict], int]:
        """(cases by the list's filters as this user reads them, the first ``limit``; how many there are)."""
        rows = cases.list_cases(self.store, user, **filters)
        return case_views(self.store, rows[:limit] if limit else rows, redacts(user), user, history), len(rows)

    def case(self, user: dict, petition_id: int) -> dict:
        return self._view(user, cases.visible_case(self.store, user, petition_id))

    def _view(self, user: dict, row: dict) -> dict:
        return case_views(self.store, [row], redacts(user), user)[0]

    def petition(self, user: dict, petition_id: int) -> tuple[dict, dict | None]:
        """(a stored row as the queue's detail page shows it, its batch)."""
        p = self.store.petition(petition_id)
        if p is None or (p["withdrawn"] and user["role"] != "admin"):
            raise NotFound(Messages.O100)
        batch = self.store.batch(p["batch_id"])
        hide = redacts(user)
        return single_view(self.store, p, batch, hide), batch_view(batch, hide) if batch else None

    def change_case(self, user: dict, petition_id: int, changes: dict, version: int | None = None) -> dict:
        """A correction of a case (types, place) and/or its hand-over, answered with the case as stored; the search
        index follows its types and place (from the outbox written with the change: a failure of the index is not
        the change's, and is retried)."""
        view = cases.update_case(self.store, user, petition_id, changes, version, then=self._answer(user))
        self.follow_index([("petition", petition_id)])
        return view

    def step(self, user: dict, petition_id: int, step: str, body: dict | None = None,
             version: int | None = None) -> dict:
        """One step of the lifecycle on a case (accept, report, review, reject, reopen, assign)."""
        return lifecycle.apply(self.store, user, petition_id, step, body, version=version, then=self._answer(user))

    def _answer(self, user: dict):
        """The answer to a change: the case as ``user`` reads it, read in the change's own transaction (it stands
        or falls with the change; nothing is read after the commit)."""
        return lambda session, row: case_views(self.store, [row], redacts(user), user, session=session)[0]

    def follow_index(self, targets=None, wait: float | None = 5.0) -> int:
        """The search index brought to the stored records the outbox names (``targets``: the change just made;
        None: the oldest pending), never failing: what is not done now stays in the outbox for the follower
        (:meth:`start_follower`) — a change is never reported as failed because its index update did.  The
        number of outbox rows done."""
        import logging

        try:
            return self.index.follow(self.store, targets, wait=wait)
        except Exception as exc:  # noqa: BLE001 — retried by the follower
            logging.getLogger("petitionnlp.index").warning("search index behind (%s): retried later",
                                                           type(exc).__name__)
            return 0

    def start_follower(self, every: float = 2.0):
        """A thread that keeps the search index following the outbox (every ``every`` seconds, and at once while
        rows are pending): in each server process and each worker.  Returns an object with ``stop()``."""
        return _Follower(self, every)

    def bulk(self, user: dict, ids: list[int], action: str, unit: str | None = None,
             reason: str | None = None) -> dict:
        return cases.bulk_action(self.store, user, ids, action, unit, reason)

    def units(self) -> list[dict]:
        return self.store.units()

    def unit_name(self, unit_id: int | None) -> str | None:
        u = self.store.unit(unit_id=unit_id) if unit_id else None
        return u["name"] if u else None

    # ------------------------------------------------------------------------------ closing the loop
    def reminders(self, user: dict) -> list[dict]:
        """Open cases due soon, overdue or supervised (a unit's own; the office's all)."""
        return followup.reminders(self.store, user)

    def remind_days(self) -> int:
        return followup.remind_days()

    def supervise(self, user: dict, petition_id: int, due_date, note=None, version: int | None = None) -> dict:
        return followup.supervise(self.store, user, petition_id, due_date, note, version, then=self._answer(user))

    def callbacks(self, user: dict, due: bool | None = None, result: str | None = None,
                  date_from: str | None = None, date_to: str | None = None) -> list[dict]:
        return followup.callback_list(self.store, user, due, result, date_from, date_to)

    def callback(self, user: dict, petition_id: int, result, note=None, version: int | None = None) -> dict:
        return followup.record_callback(self.store, user, petition_id, result, note, version,
                                        then=self._answer(user))

    def record_callbacks(self, user: dict, items: list) -> dict:
        return followup.record_callbacks(self.store, user, items)

    def supervise_many(self, user: dict, ids: list[int], due_date, note=None) -> dict:
        return followup.supervise_many(self.store, user, ids, due_date, note)

    def draw_spotcheck(self, user: dict, date_from: str | None = None, date_to: str | None = None, rate=0.1,
                       seed=None) -> dict:
        return followup.draw(self.store, user, date_from, date_to, rate, seed)

    def spotchecks(self, user: dict) -> list[dict]:
        return followup.spotchecks(self.store, user)

    def spotcheck(self, user: dict, spotcheck_id: int) -> dict:
        return followup.spotcheck(self.store, user, spotcheck_id)

    def check(self, user: dict, spotcheck_id: int, petition_id: int, passed, note=None,
              version: int | None = None) -> dict:
        return followup.check(self.store, user, spotcheck_id, petition_id, passed, note, version,
                              then=self._answer(user))

    def check_many(self, user: dict, spotcheck_id: int, items: list) -> dict:
        return followup.check_many(self.store, user, spotcheck_id, items)

    # --------------------------------------------------------------------------------------- figures
    def progress(self, date_from: str | None = None, date_to: str | None = None) -> dict:
        return figures.progress(self.store, date_from, date_to)

    def stats(self, date_from: str | None = None, date_to: str | None = None, level: str = "city") -> dict:
        return figures.stats(self.store, date_from, date_to, level)

    def stats_png(self, date_from: str | None = None, date_to: str | None = None) -> documents.Download:
        return documents.stats_chart(self.store, date_from, date_to)

    def report(self, user: dict, date_from: str | None = None, date_to: str | None = None, fmt: str = "json",
               issue: int | None = None, day: str | None = None, draft: bool = False):
        """The 专报: (its data, the Word document for ``docx``: 第``issue``期 or the next number, dated ``day``;
        ``draft``: 送审稿, no number used up)."""
        return documents.progress_report(self.store, user, date_from, date_to, fmt, issue=issue, day=day,
                                         draft=draft)

    def report_data(self, date_from: str | None = None, date_to: str | None = None) -> dict:
        """The 专报's numbers, sentences and overdue list, as the progress page shows them (not a hand-out)."""
        return figures.report_data(self.store, date_from, date_to)

    def public(self, user: dict, date_from: str | None = None, date_to: str | None = None, fmt: str = "json",
               log: bool = True):
        return documents.public_table(self.store, user, date_from, date_to, fmt, log)

    # ------------------------------------------------------------- repeats, hotspot alerts, the county map
    def repeats(self, user: dict, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
        """The repeat groups with a case handed over in the period, largest first (a unit: its own cases')."""
        return repeat_groups.list_groups(self.store, user, date_from, date_to)

    def repeat_group(self, user: dict, group: int) -> tuple[dict, list[dict]]:
        """(a repeat group's summary, its cases as this user reads them, oldest hand-over first)."""
        summary, rows = repeat_groups.group_cases(self.store, user, group)
        return summary, case_views(self.store, rows, redacts(user), user, False)

    def alerts(self, date_from: str | None = None, date_to: str | None = None) -> dict:
        return overview.alerts(self.store, date_from, date_to)

    def county_map(self, province: str | None = None, date_from: str | None = None, date_to: str | None = None,
                   measure: str = "count", fmt: str = "svg") -> dict:
        return overview.county_map(self.store, province, date_from, date_to, measure, fmt)

    # ------------------------------------------------------------------------------------- briefings
    def add_briefing(self, text: str, user: dict, title: str | None = None, date: str | None = None) -> dict:
        return briefings.add_briefing(self, text, user, title, date)

    def briefings(self, user: dict) -> list[dict]:
        """The stored briefings, newest first, as a list shows them (for viewers the title redacted)."""
        hide = redacts(user)
        return [{**b, "title": briefing_title(b) if hide else b["title"]} for b in self.store.briefings()]

    def briefing(self, user: dict, briefing_id: int) -> dict:
        b = self.store.briefing(briefing_id)
        if b is None:
            raise NotFound(Messages.O102)
        return briefing_view(b, redacts(user))

    def deadlines(self, today: dt.date | None = None, redact_: bool = False) -> dict:
        return briefings.deadlines(self.store, today, redact_)

    def mark_briefing_task(self, user: dict, briefing_id: int, task_id: str, mark: str, day: str | None = None,
                           undo: bool = False) -> dict:
        """A standing task of a briefing marked by a clerk (a report day done, or the whole task done)."""
        return briefings.mark_task(self, user, briefing_id, task_id, mark, day, undo)

    def search(self, q: str, limit: int = 20, type_: str | None = None, region: str | None = None,
               date_from: str | None = None, date_to: str | None = None, redact: bool = False) -> list[dict]:
        return self.index.search(q, limit, type_, region, date_from, date_to, redact)

    def reindex(self, user: dict) -> dict:
        """Queue a rebuild of the search index from every stored case and briefing; the job as the API shows it."""
        job = self.store.add_job("reindex", user["username"], audit={"user": user["username"], "action": "reindex"})
        try:
            self.queue.submit(job["id"])
        except Exception as exc:
            from .database import queue_unreachable

            if not queue_unreachable(exc):
                raise
            # stored, queued: a worker's sweeper sends it (worker.requeue); answered as stored
            return job_view(self.store, {**job, "message": Messages.O401}, redacts(user))
        return self.job(user, job["id"])

    # ---------------------------------------------------------------------------------- jobs, audit
    def job(self, user: dict, job_id: int) -> dict:
        got = self.store.job(job_id)
        if got is None:
            raise NotFound(Messages.O104)
        return job_view(self.store, got, redacts(user))

    def jobs(self, user: dict) -> list[dict]:
        return [job_view(self.store, j, redacts(user)) for j in self.store.jobs()]

    def audit(self, limit: int = 500) -> list[dict]:
        return [audit_view(e) for e in self.store.audit(limit)]

    def audit_events(self, limit: int = 1000) -> list[dict]:
        """The audit log's rows as stored (the audit page), a case's event with the case's 受理编号 (``receipt``, None
        for a case without one), and a detail that lists cases (a spot check's draw) with their 受理编号
        (``receipts``) in place of their ids: the page names a case as the clerk knows it, not by its internal
        number."""
        events = self.store.audit(limit)
        cases = [int(rest) if kind == "petition" and rest.isdecimal() else None
                 for kind, _, rest in ((e["target"] or "").partition(":") for e in events)]
        listed = [_listed_cases(e["detail"]) for e in events]
        ids = {c for c in cases if c is not None} | {i for key, got in listed if key for i in got}
        receipts = {r["id"]: r["receipt_id"] for r in self.store.petitions(ids=ids, withdrawn=True, light=True)} \
            if ids else {}
        out = []
        for e, case, (key, got) in zip(events, cases, listed):
            detail = e["detail"]
            if key:  # the ids replaced by the 受理编号 where the detail listed them (信访件 N for a case without one)
                detail = {("receipts" if k == key else k): ([case_name(receipts.get(i), i) for i in got]
                                                            if k == key else v) for k, v in detail.items()}
            out.append({**e, "detail": detail, "case": case, "receipt": receipts.get(case)})
        return out

    def log(self, user: dict | None, action: str, target: str | None = None, detail: dict | None = None) -> None:
        self.store.log(user["username"] if user else None, action, target, detail)


def _listed_cases(detail) -> tuple[str | None, list[int]]:
    """The key of an audit detail that lists cases by their ids (``petitions`` of a spot check's draw, ``ids``) and
    those ids; ``(None, [])`` when it lists none (``petitions`` may also be a count)."""
    for key in ("petitions", "ids"):
        got = detail.get(key) if isinstance(detail, dict) else None
        if isinstance(got, list) and all(isinstance(i, int) and not isinstance(i, bool) for i in got):
            return key, got
    return None, []


def _with_rule(view: dict, b: dict) -> dict:
    """A batch's view with its reply rule in words (``reply_rule``: 15个工作日) and the notice when its deadline had
    to be counted in calendar days (``deadline_notice``), from the stored row ``b`` (no second read)."""
    deadline = deadline_of(b) if b.get("reply_days") is not None else None
    return {**view, "reply_rule": deadline.words if deadline else None,
            "deadline_notice": deadline.notice if deadline else None}
