"""The workbench's work, for the API and the pages alike: batches in (classified, stored, then checked for repeats
and indexed in the background), corrections, briefings and their deadlines, search, statistics, exports, and
model versions (retrain from the corrections, compare, activate, roll back).

One :class:`Workbench` per server process; it loads the pipeline of the active model version once and keeps it.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import PetitionNLPError
from ..io import find_column, open_batch
from ..pipeline import OUTPUT_FIELDS, PetitionPipeline
from .clock import office_today
from .store import SETTABLE_STATUSES, Store

__all__ = ["Workbench", "EDITABLE", "default_data_dir"]

EDITABLE = ("pollution_types", "city", "county", "status")
CHUNK = 1000


def default_data_dir() -> Path:
    import os

    return Path(os.environ.get("PETITIONNLP_DATA") or "petitionnlp-data")


class Workbench:
    def __init__(self, data_dir, background: bool = True):
        self.data_dir = Path(data_dir)
        self.store = Store(self.data_dir)
        self.store.migrate()
        for sub in ("uploads", "models", "exports"):
            (self.data_dir / sub).mkdir(parents=True, exist_ok=True)
        self.index_path = self.data_dir / "search.db"
        self._pipelines: dict = {}
        self._lock = threading.Lock()
        self._index_lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pnlp-batch") if background else None
        self._retrain_lock = threading.Lock()

    def close(self) -> None:
        if self._executor:
            self._executor.shutdown(wait=True, cancel_futures=False)

    # ------------------------------------------------------------------------------------- the model
    def model_dir(self) -> Path | None:
        active = self.store.active_model()
        return Path(active["path"]) if active else None

    def model_name(self) -> str:
        active = self.store.active_model()
        return active["name"] if active else "shipped"

    def pipeline(self, province: str | None = None) -> PetitionPipeline:
        key = (str(self.model_dir()), province or None)
        with self._lock:
            pipe = self._pipelines.get(key)
            if pipe is None:
                self._pipelines = {k: v for k, v in self._pipelines.items() if k[0] == key[0]}
                pipe = self._pipelines[key] = PetitionPipeline(self.model_dir(), province)
            return pipe

    def classify_texts(self, texts: list, province: str | None = None) -> list[dict]:
        """The fields ``petitionnlp classify`` adds, for each text (the same pipeline and model)."""
        return self.pipeline(province).classify_texts(texts)

    # ------------------------------------------------------------------------------------------ batches
    def upload(self, filename: str, data: bytes, user: dict, wait: bool = False, handover_date: str | None = None,
               reply_days: int | None = None) -> dict:
        """Store an uploaded file and process it (in the background unless ``wait``); the batch record.
        ``handover_date`` (交办日期, else a title row's 交办时间, a date column or today) and ``reply_days`` give
        each case its reply deadline."""
        safe = "".join(ch for ch in Path(filename or "batch.csv").name if ch not in "/\\\0") or "batch.csv"
        suffix = Path(safe).suffix.lower()
        batch = self.store.add_batch(name=Path(safe).stem[:200], filename=safe[:255], uploaded_by=user["id"],
                                     state="processing", model_version=self.model_name(),
                                     handover_date=handover_date, reply_days=reply_days)
        folder = self.data_dir / "uploads" / str(batch["id"])
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"upload{suffix}"
        path.write_bytes(data)
        self.store.log(user["username"], "upload", f"batch:{batch['id']}", {"file": safe, "bytes": len(data)})
        if self._executor is None:
            if self.process(batch["id"], path):
                self.finish(batch["id"])
        elif wait:  # the rows are stored when this returns; repeats and the search index follow in the background
            if self.process(batch["id"], path):
                self._executor.submit(self.finish, batch["id"])
        else:
            self._executor.submit(self._process_in_background, batch["id"], path)
        return self.store.batch(batch["id"])

    def _process_in_background(self, batch_id: int, path: Path) -> None:
        if self.process(batch_id, path):
            self.finish(batch_id)

    def process(self, batch_id: int, path: Path) -> bool:
        """Read, classify and store every row of a batch, in input order; the state says how far it got."""
        try:
            batch = open_batch(str(path))
        except PetitionNLPError as exc:
            self.store.update_batch(batch_id, state="failed", message=str(exc).replace(str(path), "上传的文件"))
            path.unlink(missing_ok=True)  # nothing was read from it: a refused file is not kept on the server
            return False
        try:
            from .cases import Intake, handover_from_titles

            pipe = self.pipeline()
            hint = find_column(batch.columns, "region")
            stored = self.store.batch(batch_id)
            handover = _date_of(stored["handover_date"]) or handover_from_titles(batch.titles)
            date_col = find_column(batch.columns, "date")
            self.store.update_batch(batch_id, columns=batch.columns, text_column=batch.text_column)
            cases = Intake(self.store, batch_id, batch.columns)
            n = errors = 0
            for chunk in batch.chunks():
                rows = pipe.classify_rows(chunk, batch.text_column, hint, reserved=())
                records = []
                for raw, row in zip(chunk, rows):
                    handover = handover or _date_of(row.get(date_col)) if date_col else handover
                    records.append(_petition_record(batch_id, n + len(records), raw, row, batch.text_column,
                                                    batch.columns))
                new = cases.take(records, chunk)  # a 受理编号 already stored is the same case: not stored twice
                errors += sum(1 for r in new if r["error"])
                self.store.add_petitions(new)
                n += len(records)
                self.store.update_batch(batch_id, done_rows=n)
            handover = handover or office_today()
            self.store.update_batch(batch_id, rows=n, errors=errors, handover_date=handover.isoformat(),
                                    message="; ".join(batch.notices)[:2000] or None, existing=cases.existing,
                                    changed=cases.changed[:1000] or None)
            self._hand_over(batch_id)
            cases.fill_reports()
            return True
        except PetitionNLPError as exc:
            self.store.update_batch(batch_id, state="failed", message=str(exc).replace(str(path), "上传的文件"))
            path.unlink(missing_ok=True)  # nothing was read from it: a refused file is not kept on the server
            return False
        except Exception as exc:  # noqa: BLE001 — a batch that fails says so on its page, never in a traceback
            self.store.update_batch(batch_id, state="failed", message=f"内部错误 (internal error): {type(exc).__name__}")
            return False

    def finish(self, batch_id: int) -> None:
        """After a batch is stored: due dates, repeats of earlier petitions and of each other, the search index."""
        from ..triage import DuplicateFinder

        batch = self.store.batch(batch_id)
        try:
            petitions = self.store.petitions(batch_id)
            texts = [p["text"] or "" for p in petitions]
            ids = [str(p["id"]) for p in petitions]
            history = self.store.petition_history(batch_id)
            found = DuplicateFinder().fit(*history).find(texts, ids)
            updates = []
            for p, (dup, sim) in zip(petitions, found):
                updates.append({"id": p["id"], "duplicate_of": dup, "duplicate_score": sim})
                if dup and p["priority"] == "低":
                    updates[-1]["priority"] = "中"
            self.store.update_petitions(updates)
            self._index_petitions(petitions, batch["handover_date"])
            self.store.update_batch(batch_id, state="done")
        except Exception as exc:  # noqa: BLE001
            self.store.update_batch(batch_id, state="done",
                                    message=f"查重或索引未完成 (repeats/index incomplete): {type(exc).__name__}")

    def _hand_over(self, batch_id: int) -> None:
        """Each new case of a batch gets its hand-over date and reply deadline (交办日期 + the batch's reply days,
        else the triage rules' days) — its unit was given as it was stored — and a first step in its history."""
        from ..triage import due_date

        batch = self.store.batch(batch_id)
        handover = dt.date.fromisoformat(batch["handover_date"])
        due = (due_date(handover, batch["reply_days"], working_days=False) if batch["reply_days"] is not None
               else due_date(handover))
        petitions = self.store.petitions(batch_id)
        units = {u["id"]: u["name"] for u in self.store.units()}
        self.store.update_petitions([{"id": p["id"], "handover_date": batch["handover_date"],
                                      "due_date": due if not p["error"] else None} for p in petitions])
        uploader = self.store.user(user_id=batch["uploaded_by"])
        name = uploader["username"] if uploader else None
        events = [{"petition_id": p["id"], "user": name, "action": "handover",
                   "detail": {"unit": units.get(p["unit_id"]), "due_date": due, "batch": batch_id}}
                  for p in petitions if not p["error"]]
        assigned = sum(1 for p in petitions if p["unit_id"])
        self.store.add_case_events(events, {"user": name, "action": "handover", "target": f"batch:{batch_id}",
                                            "detail": {"cases": len(events), "assigned": assigned,
                                                       "unassigned": len(events) - assigned, "due_date": due,
                                                       "existing": batch["existing"]}})

    def _index_petitions(self, petitions: list[dict], date: str | None) -> None:
        from ..search import SearchIndex

        with self._index_lock, SearchIndex(self.index_path) as ix:
            for p in petitions:
                if p["text"] and not p["error"]:
                    receipt = p.get("receipt_id")  # the 受理编号 is searchable too
                    text = f"{receipt} {p['text']}" if receipt else p["text"]
                    title = f"{receipt} {p['text'][:30]}" if receipt else p["text"][:30]
                    ix.add(f"petition:{p['id']}", text, title=title, date=date, kind="petition",
                           types=p["pollution_types"], province=p["province"], city=p["city"], county=p["county"])

    def correct(self, petition_id: int, user: dict, changes: dict, version: int | None = None) -> dict | None:
        """Validated changes of a petition by a person (types among the eight, status among those set by hand,
        the unit id as :func:`.cases.update_case` found it); ``version``: refused when the petition changed."""
        from ..taxonomy import TYPES

        clean = {}
        for field, value in changes.items():
            if field == "unit_id":
                clean[field] = value
                continue
            if field not in EDITABLE:
                raise ValueError(f"不能修改 {field} (not editable)")
            if field == "pollution_types":
                if isinstance(value, str):
                    value = [v for v in value.replace("，", ",").replace("|", ",").replace("、", ",").split(",") if v]
                value = list(dict.fromkeys(str(v).strip() for v in value or ()))
                bad = [v for v in value if v not in TYPES]
                if bad or not value:
                    raise ValueError(f"污染类型应为 {' '.join(TYPES)} 之一 (unknown type): {'、'.join(bad) or '空'}")
            elif field == "status":
                if value not in SETTABLE_STATUSES:
                    raise ValueError(f"状态应为 {' / '.join(SETTABLE_STATUSES)} 之一；待审核、退回、阶段性办结由报送和审核产生 "
                                     "(unknown status)")
            else:
                value = (str(value).strip() or None) if value is not None else None
                if value and len(value) > 64:
                    raise ValueError("地名过长 (place name too long)")
            clean[field] = value
        got = self.store.correct(petition_id, user, clean, version)
        if got and {"pollution_types", "city", "county"} & set(clean) and got["text"]:
            self._index_petitions([got], got["handover_date"])
        return got

    def export_xlsx(self, batch_id: int, redacted: bool, user: dict) -> bytes:
        """The batch as an XLSX in the table's own columns (污染类型 and 行政区域 filled, corrections included) and
        the workbench's columns in Chinese; ``redacted``: no personal information."""
        from .cases import case_views
        from .reports import queue_xlsx

        batch = self.store.batch(batch_id)
        views = case_views(self.store, self.store.petitions(batch_id), redact=redacted, history=False)
        data = queue_xlsx(views, list(batch["columns"] or []), batch["name"] or "信访件")
        self.store.log(user["username"], "export", f"batch:{batch_id}", {"redacted": redacted, "rows": len(views)})
        return data

    # ----------------------------------------------------------------------------------------- briefings
    def add_briefing(self, text: str, user: dict, title: str | None = None, date: str | None = None) -> dict:
        from ..briefing import extract_briefing
        from ..search import SearchIndex

        result = extract_briefing(text, date or None)
        title = (title or next((ln.strip() for ln in text.splitlines() if ln.strip()), "简报"))[:200]
        b = self.store.add_briefing(title=title, date=result["date"], text=text, extract=result,
                                    uploaded_by=user["id"])
        with self._index_lock, SearchIndex(self.index_path) as ix:
            ix.add(f"briefing:{b['id']}", text, title=title, date=result["date"], kind="briefing")
        self.store.log(user["username"], "briefing", f"briefing:{b['id']}", {"title": title})
        return b

    def deadlines(self, today: dt.date | None = None) -> dict:
        """Directives' deadlines across all stored briefings: overdue, due this week (through Sunday), later."""
        today = today or office_today()
        week_end = today + dt.timedelta(days=6 - today.weekday())
        out = {"overdue": [], "this_week": [], "later": []}
        for b in self.store.briefings():
            for d in b["extract"]["directives"]:
                due = _deadline_day(d.get("deadline"))
                if due is None:
                    continue
                item = {"briefing_id": b["id"], "briefing": b["title"], "actor": d["actor"],
                        "addressee": d["addressee"], "action": d["action"], "deadline": d["deadline"]["text"],
                        "due": due.isoformat()}
                key = "overdue" if due < today else "this_week" if due <= week_end else "later"
                out[key].append(item)
        for v in out.values():
            v.sort(key=lambda x: x["due"])
        return out

    # --------------------------------------------------------------------------------------------- search
    def search(self, q: str, limit: int = 20, type_: str | None = None, region: str | None = None,
               date_from: str | None = None, date_to: str | None = None, redact: bool = False) -> list[dict]:
        from ..search import SearchIndex

        if not self.index_path.is_file():
            return []
        with SearchIndex(self.index_path, readonly=True) as ix:
            hits = ix.search(q, limit, date_from, date_to, type_, region)
        if redact:
            from ..pii import redact_text

            for h in hits:
                if h.get("kind") == "petition":
                    h["snippet"] = redact_text(h["snippet"])[0]
                    h["title"] = redact_text(h["title"])[0] if h["title"] else h["title"]
        return hits

    # -------------------------------------------------------------------------------------------- stats
    def stats(self, date_from: str | None = None, date_to: str | None = None, level: str = "city") -> dict:
        """The region × type table (as ``petitionnlp stats``) and 办结率 by region for a date range, regions in
        the official order; 办结率 = (已办结 + 阶段性办结) ÷ 件数, with 办理中 and 逾期 counts and a 合计 row."""
        from ..taxonomy import TYPES
        from .cases import region_order_key
        from .store import CLOSED_STATUSES

        rows = self.store.stats_rows(date_from, date_to)
        table = self._region_table(rows, level)
        today = office_today().isoformat()
        closed: dict[str, list[int]] = {}
        for r in rows:
            late = bool(r["due_date"]) and r["due_date"] < today and r["status"] not in CLOSED_STATUSES
            for region in (r["city"] or "未定位", "合计"):
                c = closed.setdefault(region, [0, 0, 0, 0])
                c[0] += 1
                c[1] += r["status"] == "已办结"
                c[2] += r["status"] == "阶段性办结"
                c[3] += late
        order = sorted(closed, key=lambda k: (k == "合计", region_order_key(k)))
        return {"columns": ["移交件数", *TYPES], "table": [{"region": str(i), **{k: int(v) for k, v in row.items()}}
                                                          for i, row in table.iterrows()],
                "closure": [{"region": k, "total": closed[k][0], "closed": closed[k][1], "staged": closed[k][2],
                             "in_progress": closed[k][0] - closed[k][1] - closed[k][2], "overdue": closed[k][3],
                             "rate": round((closed[k][1] + closed[k][2]) / closed[k][0], 3) if closed[k][0] else 0}
                            for k in order],
                "date_from": date_from, "date_to": date_to}

    @staticmethod
    def _region_table(rows: list[dict], level: str = "city"):
        """``petitionnlp stats``'s region × type table, its regions in the official order (合计 last)."""
        import pandas as pd

        from ..stats import region_type_table
        from .cases import region_order_key

        df = pd.DataFrame(rows, columns=["pollution_types", "city", "county", "status", "handover_date"])
        table = region_type_table(df, level=level)
        regions = sorted((i for i in table.index if i != "合计"), key=lambda i: region_order_key(str(i)))
        return table.loc[regions + [i for i in table.index if i == "合计"]]

    def stats_png(self, date_from: str | None = None, date_to: str | None = None) -> bytes:
        import tempfile

        from ..stats import write_chart

        table = self._region_table(self.store.stats_rows(date_from, date_to))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "stats.png"
            write_chart(table, str(path))
            return path.read_bytes()

    # ------------------------------------------------------------------------------------------- models
    def retrain(self, user: dict, wait: bool = False) -> dict:
        """Train a new model version from the stored corrections on the shipped base (in the background unless
        ``wait``); it is compared with the active version on held-out corrections and not activated."""
        records = self.store.training_records()
        if not any(r["types"] for r in records):
            raise ValueError("还没有更正过的信访件，无法重新训练 (no corrections to learn from yet)")
        self.store.log(user["username"], "retrain", None, {"records": len(records)})
        if wait or self._executor is None:
            return self._retrain(records, user)
        self._executor.submit(self._retrain, records, user)
        return {"started": True, "records": len(records)}

    def _retrain(self, records: list[dict], user: dict) -> dict:
        import hashlib

        from ..training import evaluate_model, train_model

        with self._retrain_lock:
            name = dt.datetime.now().strftime("v%Y%m%d-%H%M%S")
            folder = self.data_dir / "models" / name
            held = [r for r in records if int(hashlib.sha256(str(r["id"]).encode()).hexdigest(), 16) % 5 == 0]
            train = [r for r in records if r not in held] or records
            corpora = self.data_dir / "models" / f"{name}-corrections.jsonl"
            heldout = self.data_dir / "models" / f"{name}-heldout.jsonl"
            for path, rows in ((corpora, train), (heldout, held)):
                with open(path, "w", encoding="utf-8") as fh:
                    for r in rows:
                        if r["types"]:
                            fh.write(json.dumps({"text": r["text"], "types": r["types"], "city": r["city"],
                                                 "county": r["county"], "province": r["province"]},
                                                ensure_ascii=False) + "\n")
            card = train_model([str(corpora)], folder)
            comparison = None
            if any(r["types"] for r in held):
                try:
                    comparison = evaluate_model([str(heldout)], folder, against=self.model_dir() or None)
                except PetitionNLPError:
                    comparison = None
            version = self.store.add_model_version(name, str(folder), user["username"],
                                                   _card_summary(card), comparison)
            self.store.log(user["username"], "model_trained", f"model:{name}", {"records": len(train),
                                                                                  "heldout": len(held)})
            return version

    def activate(self, version_id: int, user: dict) -> dict | None:
        got = self.store.activate_model(version_id)
        if got:
            with self._lock:
                self._pipelines.clear()
            self.store.log(user["username"], "model_activated", f"model:{got['name']}")
        return got

    def deactivate(self, user: dict) -> None:
        """Back to the shipped model."""
        for m in self.store.model_versions():
            if m["active"]:
                self.store.deactivate_models()
                with self._lock:
                    self._pipelines.clear()
                self.store.log(user["username"], "model_rolled_back", f"model:{m['name']}")
                break

    def remove_upload(self, batch_id: int) -> None:
        shutil.rmtree(self.data_dir / "uploads" / str(batch_id), ignore_errors=True)


# ---------------------------------------------------------------------------------------------- helpers

def _date_of(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _deadline_day(t: dict | None) -> dt.date | None:
    """The last day of a deadline's value (2017-05-31; 2017-06 → June 30; a span → its end), or None."""
    import calendar

    if not t or not t.get("value") or t.get("type") not in ("deadline", "date"):
        return None
    value = t["value"].split("/")[-1]
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            y, m = int(value[:4]), int(value[5:])
            return dt.date(y, m, calendar.monthrange(y, m)[1])
    except ValueError:
        return None
    return None


def _json_safe(value):
    """Row cells as JSON can store them (dates as ISO text)."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and value != value:
        return None
    return value


def _petition_record(batch_id: int, index: int, raw: dict, row: dict, text_column: str, columns: list[str]) -> dict:
    text = raw.get(text_column)
    error = row.get("error")
    return {"batch_id": batch_id, "row_index": index,
            "row": {c: _json_safe(v) for c, v in raw.items() if isinstance(c, str)},
            "text": text if isinstance(text, str) else (None if text is None else str(text)),
            "pollution_types": row.get("pollution_types"), "pollution_scores": row.get("pollution_scores"),
            "province": row.get("province"), "city": row.get("city"), "county": row.get("county"),
            "region_confidence": row.get("region_confidence"), "region_evidence": row.get("region_evidence"),
            "error": error, "priority": row.get("priority"), "priority_reasons": row.get("priority_reasons"),
            "department": row.get("department"), "status": "待办", "corrected": False,
            "pii": None, "duplicate_of": None, "duplicate_score": None, "due_date": None,
            "receipt_id": None, "unit_id": None, "version": 1}


def petition_view(p: dict, batch: dict | None, redact: bool) -> dict:
    """A petition as the API and the pages show it: ``{"id", "row", "text", the classify and triage fields,
    "status"}``; with ``redact``, text and row carry no personal information."""
    view = {"id": p["id"], "batch_id": p["batch_id"], "row_index": p["row_index"], "row": dict(p["row"]),
            "text": p["text"]}
    for k in OUTPUT_FIELDS + ["duplicate_of", "duplicate_score", "due_date", "status", "corrected", "handover_date"]:
        view[k] = p.get(k)
    if redact:
        from ..pii import Redactor, redact_text

        text_column = (batch or {}).get("text_column")
        row = Redactor(text_column or "", list(view["row"]))(dict(view["row"]))
        row.pop("pii", None)
        view["row"] = row
        view["text"] = redact_text(p["text"])[0] if p["text"] else p["text"]
        if view.get("error"):
            view["error"] = redact_text(view["error"])[0]
    return view


def _card_summary(card: dict) -> dict:
    keep = ("trained", "n_train", "n_real", "real_weight", "label_counts", "missing_types", "cross_validation", "base",
            "data")
    return {k: card.get(k) for k in keep}

