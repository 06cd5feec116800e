"""The workbench's work, for the API and the pages alike: batches in (classified, stored, then checked for repeats
and indexed in the background), corrections, briefings and their deadlines, search, statistics, exports, and
model versions (retrain from the corrections, compare, activate, roll back).

One :class:`Workbench` per server process; it loads the pipeline of the active model version once and keeps it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import PetitionNLPError
from ..io import find_column, open_batch
from ..pipeline import OUTPUT_FIELDS, PetitionPipeline
from .store import STATUSES, Store

__all__ = ["Workbench", "EDITABLE", "default_data_dir", "redact", "petition_view", "batch_view", "briefing_view",
           "model_version_view", "VIEWER_KINDS", "EDITOR_KINDS"]

EDITABLE = ("pollution_types", "city", "county", "status")
CHUNK = 1000
# search documents: each petition and briefing is indexed twice, as written and redacted; viewers search only
# the redacted copies, so a person's name, phone or ID number is neither shown to them nor found by them
EDITOR_KINDS = ("petition", "briefing")
VIEWER_KINDS = ("petition_redacted", "briefing_redacted")
_REDACTED = "_redacted"


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
        if self._executor is not None:  # an index made before viewers searched redacted copies gets them
            self._executor.submit(self.index_redacted_copies)
        else:
            self.index_redacted_copies()

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
    def upload(self, filename: str, data: bytes, user: dict, wait: bool = False) -> dict:
        """Store an uploaded file and process it (in the background unless ``wait``); the batch record."""
        safe = "".join(ch for ch in Path(filename or "batch.csv").name if ch not in "/\\\0") or "batch.csv"
        suffix = Path(safe).suffix.lower()
        batch = self.store.add_batch(name=Path(safe).stem[:200], filename=safe[:255], uploaded_by=user["id"],
                                     state="processing", model_version=self.model_name())
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
            self.store.update_batch(batch_id, state="failed", message=_scrub(str(exc), path, self.data_dir))
            path.unlink(missing_ok=True)  # nothing was read from it: a refused file is not kept on the server
            return False
        try:
            pipe = self.pipeline()
            hint = find_column(batch.columns, "region")
            handover = None
            date_col = find_column(batch.columns, "date")
            self.store.update_batch(batch_id, columns=batch.columns, text_column=batch.text_column)
            n = errors = 0
            for chunk in batch.chunks():
                rows = pipe.classify_rows(chunk, batch.text_column, hint, reserved=())
                records = []
                for raw, row in zip(chunk, rows):
                    handover = handover or _date_of(row.get(date_col)) if date_col else handover
                    records.append(_petition_record(batch_id, n + len(records), raw, row, batch.text_column,
                                                    batch.columns))
                errors += sum(1 for r in records if r["error"])
                self.store.add_petitions(records)
                n += len(records)
                self.store.update_batch(batch_id, done_rows=n)
            notices = "; ".join(_scrub(str(m), path, self.data_dir) for m in batch.notices)
            self.store.update_batch(batch_id, rows=n, errors=errors, handover_date=(handover or dt.date.today())
                                    .isoformat(), message=notices[:2000] or None)
            return True
        except PetitionNLPError as exc:
            self.store.update_batch(batch_id, state="failed", message=_scrub(str(exc), path, self.data_dir))
            path.unlink(missing_ok=True)  # nothing was read from it: a refused file is not kept on the server
            return False
        except Exception as exc:  # noqa: BLE001 — a batch that fails says so on its page, never in a traceback
            self.store.update_batch(batch_id, state="failed", message=f"内部错误 (internal error): {type(exc).__name__}")
            return False

    def finish(self, batch_id: int) -> None:
        """After a batch is stored: due dates, repeats of earlier petitions and of each other, the search index."""
        from ..triage import DuplicateFinder, due_date

        batch = self.store.batch(batch_id)
        try:
            petitions = self.store.petitions(batch_id)
            texts = [p["text"] or "" for p in petitions]
            ids = [str(p["id"]) for p in petitions]
            history = self.store.petition_history(batch_id)
            found = DuplicateFinder().fit(*history).find(texts, ids)
            due = due_date(dt.date.fromisoformat(batch["handover_date"])) if batch["handover_date"] else None
            updates = []
            for p, (dup, sim) in zip(petitions, found):
                updates.append({"id": p["id"], "duplicate_of": dup, "duplicate_score": sim,
                                "due_date": due if not p["error"] else None,
                                "handover_date": batch["handover_date"]})
                if dup and p["priority"] == "低":
                    updates[-1]["priority"] = "中"
            self.store.update_petitions(updates)
            self._index_petitions(petitions, batch["handover_date"])
            self.store.update_batch(batch_id, state="done")
        except Exception as exc:  # noqa: BLE001
            self.store.update_batch(batch_id, state="done",
                                    message=f"查重或索引未完成 (repeats/index incomplete): {type(exc).__name__}")

    def _index_petitions(self, petitions: list[dict], date: str | None) -> None:
        from ..search import SearchIndex

        docs = []
        for p in petitions:
            if p["text"] and not p["error"]:
                fields = dict(date=date, types=p["pollution_types"], province=p["province"], city=p["city"],
                              county=p["county"])
                hidden = redact(p["text"])
                docs.append((f"petition:{p['id']}", p["text"], dict(fields, title=p["text"][:30], kind="petition")))
                docs.append((f"petition{_REDACTED}:{p['id']}", hidden,
                             dict(fields, title=hidden[:30], kind=f"petition{_REDACTED}")))
        with self._index_lock, SearchIndex(self.index_path) as ix:
            for doc_id, text, fields in docs:
                ix.add(doc_id, text, **fields)

    def index_redacted_copies(self) -> int:
        """Index the redacted copy of every indexed petition and briefing that has none yet (an index made before
        viewers searched redacted text); the number indexed.  Until then viewers simply find fewer documents."""
        from ..search import SearchIndex

        if not self.index_path.is_file():
            return 0
        with SearchIndex(self.index_path, readonly=True) as ix:
            have = set(ix.ids(VIEWER_KINDS))
            missing = [i for i in ix.ids(EDITOR_KINDS) if i.replace(":", f"{_REDACTED}:", 1) not in have]
        by_date: dict = {}
        n = 0
        for doc_id in missing:
            kind, _, number = doc_id.partition(":")
            if not number.isdigit():
                continue
            if kind == "briefing" and (b := self.store.briefing(int(number))):
                self._index_briefing(b)
                n += 1
            elif kind == "petition" and (p := self.store.petition(int(number))):
                by_date.setdefault(p["handover_date"], []).append(p)
        for date, petitions in by_date.items():
            self._index_petitions(petitions, date)
            n += len(petitions)
        return n

    def _index_briefing(self, b: dict) -> None:
        from ..search import SearchIndex

        with self._index_lock, SearchIndex(self.index_path) as ix:
            ix.add(f"briefing:{b['id']}", b["text"], title=b["title"], date=b["date"], kind="briefing")
            ix.add(f"briefing{_REDACTED}:{b['id']}", redact(b["text"]), title=redact(b["title"]), date=b["date"],
                   kind=f"briefing{_REDACTED}")

    def correct(self, petition_id: int, user: dict, changes: dict) -> dict | None:
        """Validated changes of a petition by a person (types among the eight, status among the three)."""
        from ..taxonomy import TYPES

        clean = {}
        for field, value in changes.items():
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
                if value not in STATUSES:
                    raise ValueError(f"状态应为 {' / '.join(STATUSES)} 之一 (unknown status)")
            else:
                value = (str(value).strip() or None) if value is not None else None
                if value and len(value) > 64:
                    raise ValueError("地名过长 (place name too long)")
                if value and any(ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for ch in value):
                    raise ValueError("地名含有控制字符 (control character in a place name)")
            clean[field] = value
        got = self.store.correct(petition_id, user, clean)
        if got and {"pollution_types", "city", "county"} & set(clean) and got["text"]:
            self._index_petitions([got], got["handover_date"])
        return got

    def export_xlsx(self, batch_id: int, redacted: bool, user: dict) -> bytes:
        """The batch as an XLSX, with the corrections; ``redacted`` for publication (no personal information)."""
        import tempfile

        from ..io import BatchWriter

        batch = self.store.batch(batch_id)
        petitions = self.store.petitions(batch_id)
        rows = [petition_view(p, batch, redact=redacted) for p in petitions]
        columns = list(batch["columns"] or [])
        extra = OUTPUT_FIELDS + ["duplicate_of", "duplicate_score", "due_date", "status"]
        fields = columns + [f for f in extra if f not in columns]
        flat = []
        for r in rows:
            row = dict(r["row"])
            row.update({k: r.get(k) for k in extra})
            flat.append(row)
        with tempfile.TemporaryDirectory() as tmp:
            target = str(Path(tmp) / "batch.xlsx")
            with BatchWriter(target, fields) as writer:
                writer.write(flat)
            data = Path(target).read_bytes()
        self.store.log(user["username"], "export", f"batch:{batch_id}", {"redacted": redacted, "rows": len(rows)})
        return data

    # ----------------------------------------------------------------------------------------- briefings
    def add_briefing(self, text: str, user: dict, title: str | None = None, date: str | None = None) -> dict:
        from ..briefing import extract_briefing

        result = extract_briefing(text, date or None)
        title = (title or next((ln.strip() for ln in text.splitlines() if ln.strip()), "简报"))[:200]
        b = self.store.add_briefing(title=title, date=result["date"], text=text, extract=result,
                                    uploaded_by=user["id"])
        self._index_briefing(b)
        self.store.log(user["username"], "briefing", f"briefing:{b['id']}", {"title": title})
        return b

    def deadlines(self, today: dt.date | None = None, redact_: bool = False) -> dict:
        """Directives' deadlines across all stored briefings: overdue, due this week (through Sunday), later;
        with ``redact_``, no personal information in them (for viewers)."""
        today = today or dt.date.today()
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
                if redact_:
                    item.update({k: redact(item[k]) for k in ("briefing", "actor", "addressee", "action", "deadline")})
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
        if any(ord(ch) < 32 and ch not in "\t\n\r" or 0xD800 <= ord(ch) <= 0xDFFF for ch in q):
            raise ValueError("检索词含有控制字符或无效字符 (control character in the query)")
        try:
            with SearchIndex(self.index_path, readonly=True) as ix:
                hits = ix.search(q, limit, date_from, date_to, type_, region,
                                 kinds=VIEWER_KINDS if redact else EDITOR_KINDS)
        except PetitionNLPError:
            raise ValueError("检索词无法解析，请换一种写法 (the query cannot be searched)") from None
        for h in hits:  # a redacted copy answers as its document: petition:12, kind petition
            if h["kind"].endswith(_REDACTED):
                h["kind"] = h["kind"][:-len(_REDACTED)]
                h["id"] = h["kind"] + ":" + h["id"].split(":", 1)[1]
        return hits

    # -------------------------------------------------------------------------------------------- stats
    def stats(self, date_from: str | None = None, date_to: str | None = None, level: str = "city") -> dict:
        """The region × type table (as ``petitionnlp stats``) and 办结率 by region for a date range."""
        import pandas as pd

        from ..stats import region_type_table
        from ..taxonomy import TYPES

        rows = self.store.stats_rows(date_from, date_to)
        df = pd.DataFrame(rows, columns=["pollution_types", "city", "county", "status", "handover_date"])
        table = region_type_table(df, level=level)
        closed: dict[str, list[int]] = {}
        for r in rows:
            region = r["city"] or "未定位"
            c = closed.setdefault(region, [0, 0])
            c[0] += 1
            c[1] += r["status"] == "已办结"
        return {"columns": ["移交件数", *TYPES], "table": [{"region": str(i), **{k: int(v) for k, v in row.items()}}
                                                          for i, row in table.iterrows()],
                "closure": [{"region": k, "total": v[0], "closed": v[1], "rate": round(v[1] / v[0], 3) if v[0] else 0}
                            for k, v in sorted(closed.items(), key=lambda kv: -kv[1][0])],
                "date_from": date_from, "date_to": date_to}

    def stats_png(self, date_from: str | None = None, date_to: str | None = None) -> bytes:
        import tempfile

        import pandas as pd

        from ..stats import region_type_table, write_chart

        rows = self.store.stats_rows(date_from, date_to)
        table = region_type_table(pd.DataFrame(rows, columns=["pollution_types", "city", "county", "status",
                                                              "handover_date"]))
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

        from ..resources import models_dir
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
                    comparison = evaluate_model([str(heldout)], folder, against=self.model_dir() or models_dir())
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
            "pii": None, "duplicate_of": None, "duplicate_score": None, "due_date": None}


def redact(text):
    """The one redaction of everything a viewer reads: the text with every name, phone, ID number, plate, e-mail
    and account replaced by its type in brackets (【电话】), as ``petitionnlp redact`` does; None stays None."""
    from ..pii import redact_text

    if not isinstance(text, str) or not text:
        return text
    return redact_text(text)[0]


_PATH = re.compile(r"(?<![\w.])(?:[A-Za-z]:)?[/\\](?:[^\s/\\:;，；：:]+[/\\])+[^\s/\\:;，；：]*")
_COLUMNS_PRESENT = re.compile(r"(现有列(?: \(columns present\))?[:：]\s*)[^;；]*")


def _scrub(message: str, path: Path | None = None, data_dir: Path | None = None) -> str:
    """A message with no server path in it: the upload's path becomes 上传的文件, any other absolute path its last
    part."""
    for p in (path, data_dir):
        if p is not None:
            for form in {str(p), str(Path(p).resolve())}:
                message = message.replace(form, "上传的文件" if p == path else "")
    return _PATH.sub(lambda m: re.split(r"[/\\]", m.group(0))[-1] or "上传的文件", message)


def redact_message(message: str | None) -> str | None:
    """A batch's notice or error for a viewer: no server path, no cell of the file (a file without a known header
    would list its first data row as its columns) and no personal information."""
    if not message:
        return message
    return redact(_COLUMNS_PRESENT.sub(lambda m: m.group(1) + "【已隐去】", _scrub(message)))


def batch_view(b: dict, redact_: bool) -> dict:
    """A batch as the pages and the API show it: its message without server paths; for viewers redacted."""
    view = dict(b)
    view["message"] = redact_message(b["message"]) if redact_ else (_scrub(b["message"]) if b["message"] else None)
    if redact_:
        view["filename"], view["name"] = redact(b["filename"]), redact(b["name"])
    return view


def briefing_view(b: dict, redact_: bool) -> dict:
    """A briefing as the pages and the API show it; for viewers its title, text, directives, times and keywords
    redacted (offsets are then into the original text)."""
    if not redact_:
        return b
    extract = dict(b["extract"])
    extract["directives"] = [{**d, "actor": redact(d.get("actor")), "addressee": redact(d.get("addressee")),
                              "action": redact(d.get("action")),
                              "deadline": {**d["deadline"], "text": redact(d["deadline"].get("text"))}
                              if d.get("deadline") else d.get("deadline")}
                             for d in extract.get("directives") or ()]
    extract["time_expressions"] = [{**t, "text": redact(t.get("text"))} for t in extract.get("time_expressions") or ()]
    extract["keywords"] = [{**k, "word": redact(k.get("word"))} for k in extract.get("keywords") or ()]
    return {**b, "title": redact(b["title"]), "text": redact(b["text"]), "extract": extract}


def petition_view(p: dict, batch: dict | None, redact: bool) -> dict:
    """A petition as the API and the pages show it: ``{"id", "row", "text", the classify and triage fields,
    "status"}``; with ``redact``, text and row carry no personal information."""
    view = {"id": p["id"], "batch_id": p["batch_id"], "row_index": p["row_index"], "row": dict(p["row"]),
            "text": p["text"]}
    for k in OUTPUT_FIELDS + ["duplicate_of", "duplicate_score", "due_date", "status", "corrected", "handover_date"]:
        view[k] = p.get(k)
    if redact:
        from ..pii import Redactor

        text_column = (batch or {}).get("text_column")
        row = Redactor(text_column or "", list(view["row"]))(dict(view["row"]))
        row.pop("pii", None)
        view["row"] = row
        view["text"] = _redact(p["text"])
        for k in ("error", "region_evidence"):
            view[k] = _redact(view.get(k))
    return view


_redact = redact  # petition_view's parameter is named redact


def _no_paths(value):
    """A stored comparison or card without the folders and corpora of the server (``model``, ``corpus``)."""
    if isinstance(value, dict):
        return {k: _no_paths(v) for k, v in value.items() if k not in ("model", "corpus", "path")}
    if isinstance(value, list):
        return [_no_paths(v) for v in value]
    if isinstance(value, str) and _PATH.fullmatch(value):
        return re.split(r"[/\\]", value)[-1]
    return value


def model_version_view(m: dict) -> dict:
    """A model version as the API and the models page show it: no server path; ``summary`` holds the comparison's
    figures as the page prints them, each None when the stored comparison (of any age or shape) lacks it."""
    comparison = _no_paths(m.get("comparison")) if isinstance(m.get("comparison"), dict) else None

    def get(d, *keys):
        for k in keys:
            d = d.get(k) if isinstance(d, dict) else None
        return d

    summary = None
    if comparison and get(comparison, "types", "micro_f1") is not None:
        summary = {"micro_f1": get(comparison, "types", "micro_f1"), "n": get(comparison, "types", "n"),
                   "against_micro_f1": get(comparison, "against", "types", "micro_f1"),
                   "difference": get(comparison, "difference", "micro_f1")}
    return {"id": m["id"], "name": m["name"], "created_at": m["created_at"], "created_by": m["created_by"],
            "active": m["active"], "card": _no_paths(m.get("card")) if isinstance(m.get("card"), dict) else None,
            "comparison": comparison, "summary": summary}


def _card_summary(card: dict) -> dict:
    keep = ("trained", "n_train", "n_real", "real_weight", "label_counts", "missing_types", "cross_validation", "base",
            "data")
    return {k: card.get(k) for k in keep}

