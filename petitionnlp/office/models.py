"""Model versions: retrained from the office's corrections on the shipped base, compared with the active version
on held-out corrections, activated or rolled back; kept in the database as a .tar.gz that any host unpacks into
its cache (keyed by the archive's SHA-256) the first time it needs it."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from ..errors import PetitionNLPError
from .clock import office_now, office_today
from .database import queue_unreachable
from .errors import Conflict, Messages
from .labels import SHIPPED_MODEL

__all__ = ["model_dir", "model_name", "retrain", "train_version", "activate", "deactivate", "card_summary"]


def model_dir(wb) -> Path | None:
    """The folder of the active version (None: the shipped models), unpacked once per host."""
    active = wb.store.active_model()
    if not active:
        return None
    if not active.get("file_id"):
        return Path(active["path"])  # a version trained before model folders were kept in the database
    key = (active["id"], active["file_id"])
    if key not in wb._models:
        wb._models[key] = _unpack(wb.store, active["file_id"])
    return wb._models[key]


def _unpack(store, file_id: int) -> Path:
    import io
    import os
    import shutil
    import tarfile

    from ..resources import cache_dir

    info = store.file_info(file_id)
    target = cache_dir() / "models" / info["sha256"]
    if (target / ".complete").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=".unpack-"))
    try:
        with tarfile.open(fileobj=io.BytesIO(store.file_data(file_id)), mode="r:gz") as tar:
            tar.extractall(tmp, filter="data")
        (tmp / ".complete").write_text(info["sha256"], encoding="utf-8")
        try:
            os.rename(tmp, target)
        except OSError:  # another process of this host unpacked it meanwhile
            if not (target / ".complete").is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def model_name(store) -> str:
    active = store.active_model()
    return active["name"] if active else SHIPPED_MODEL


def retrain(wb, user: dict, wait: bool = False) -> dict:
    """Train a new model version from the stored corrections on the shipped base, as a job (at once with
    ``wait``: the version); it is compared with the active version on held-out corrections and not activated."""
    records = wb.store.training_records()
    if not any(r["types"] for r in records):
        raise Conflict(Messages.O220)
    job = wb.store.add_job("retrain", user["username"], payload={"records": len(records)},
                           audit={"user": user["username"], "action": "retrain", "target": None,
                                  "detail": {"records": len(records)}})
    if wait:
        done = wb.run_job(job["id"])
        if done["state"] != "done":
            raise Conflict(done["message"])
        return next(m for m in wb.store.model_versions() if m["id"] == done["result"]["version_id"])
    try:
        wb.queue.submit(job["id"])
    except Exception as exc:
        if not queue_unreachable(exc):
            raise
        # stored, queued: a worker's sweeper sends it (worker.requeue)
        return {"started": True, "records": len(records), "job_id": job["id"], "message": Messages.O401}
    return {"started": True, "records": len(records), "job_id": job["id"]}


def train_version(wb, username: str | None) -> dict:
    """One retraining (a job): the model folder is trained in a scratch folder and kept in the database as a
    .tar.gz."""
    import hashlib
    import io
    import tarfile

    from ..resources import models_dir
    from ..training import evaluate_model, train_model

    records = wb.store.training_records()
    with wb._retrain_lock, tempfile.TemporaryDirectory(dir=wb.data_dir, prefix="retrain-") as tmp:
        name = office_now().strftime("v%Y%m%d-%H%M%S")  # the office's time: the page names it so
        folder = Path(tmp) / name
        held = [r for r in records if int(hashlib.sha256(str(r["id"]).encode()).hexdigest(), 16) % 5 == 0]
        train = [r for r in records if r not in held] or records
        corpora = Path(tmp) / f"{name}-corrections.jsonl"
        heldout = Path(tmp) / f"{name}-heldout.jsonl"
        for path, rows in ((corpora, train), (heldout, held)):
            with open(path, "w", encoding="utf-8") as fh:
                for r in rows:
                    if r["types"]:
                        fh.write(json.dumps({"text": r["text"], "types": r["types"], "city": r["city"],
                                             "county": r["county"], "province": r["province"]},
                                            ensure_ascii=False) + "\n")
        card = train_model([str(corpora)], folder, trained=office_today())
        comparison = None
        if any(r["types"] for r in held):
            try:
                comparison = evaluate_model([str(heldout)], folder, against=model_dir(wb) or models_dir())
            except PetitionNLPError:
                comparison = None
        packed = io.BytesIO()
        with tarfile.open(fileobj=packed, mode="w:gz") as tar:
            for item in sorted(folder.rglob("*")):
                tar.add(item, arcname=str(item.relative_to(folder)), recursive=False)
        file_id = wb.store.add_file(f"{name}.tar.gz", packed.getvalue())
    version = wb.store.add_model_version(name, f"database:files/{file_id}", username, card_summary(card),
                                         comparison, file_id=file_id)
    wb.store.log(username, "model_trained", f"model:{name}", {"records": len(train), "heldout": len(held)})
    return version


def activate(wb, version_id: int, user: dict) -> dict | None:
    got = wb.store.activate_model(version_id)
    if got:
        wb.forget_pipelines()
        wb.store.log(user["username"], "model_activated", f"model:{got['name']}")
    return got


def deactivate(wb, user: dict) -> None:
    """Back to the shipped model."""
    for m in wb.store.model_versions():
        if m["active"]:
            wb.store.deactivate_models()
            wb.forget_pipelines()
            wb.store.log(user["username"], "model_rolled_back", f"model:{m['name']}")
            break


def card_summary(card: dict) -> dict:
    keep = ("trained", "n_train", "n_real", "real_weight", "label_counts", "missing_types", "cross_validation", "base",
            "data")
    return {k: card.get(k) for k in keep}
