"""A fast second copy of a loaded model, so that a command does not pay for importing skops every time.

The shipped model files are skops files (no pickle).  Loading one needs ``skops.io``, whose import alone costs
about 0.4 s (it imports every scikit-learn estimator to know which types it trusts).  After a model file has
been checked (its SHA-256 is the one its folder's manifest recorded) and loaded once with skops, its object
graph is written here as plain data — JSON for the structure, one compressed ``.npz`` (read without pickle)
for the arrays — into the user's cache, under that SHA-256.  Later loads of the same file rebuild the same
objects from it.  Only classes of this package and of scikit-learn, NumPy and SciPy are rebuilt; anything else
makes :func:`pack` give up (the skops file is then simply loaded each time).

A model's *light predictor* (:mod:`petitionnlp.predictor`: the same prediction from the model's numbers without
scikit-learn) is kept the same way beside it, under the model file's SHA-256 and a digest of the code that builds
and runs it (:func:`light_key`), so that a changed predictor is never rebuilt from an older pack.  Also here:
the manifest of a model folder and the check of a model file against it (:func:`verified_sha256`).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import tempfile
import types
from pathlib import Path

import numpy as np

from .errors import Errors, ModelError, os_reason
from .resources import cache_dir

__all__ = ["pack", "unpack", "cached", "store", "light_key", "load_light", "MANIFEST", "file_sha256", "read_manifest",
           "verified_sha256"]

MANIFEST = "manifest.json"


def file_sha256(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_manifest(directory) -> dict:
    path = Path(directory) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(Errors.E014.format(path=directory, reason="没有 manifest.json (no manifest)")) from None
    except (OSError, ValueError) as exc:
        raise ModelError(Errors.E014.format(path=directory, reason=f"manifest.json 无法读取 ({exc})")) from None


def verified_sha256(path) -> str:
    """The SHA-256 of the model file ``path``, which must be the one its folder's manifest recorded."""
    path = Path(path)
    expected = read_manifest(path.parent).get("files", {}).get(path.name)
    if expected is None:
        raise ModelError(Errors.E014.format(path=path, reason="manifest 中没有这个文件 (not in the manifest)"))
    try:
        sha = file_sha256(path)
    except OSError as exc:
        raise ModelError(Errors.E011.format(path=path, reason=os_reason(exc))) from None
    if sha != expected:
        raise ModelError(Errors.E014.format(path=path, reason="文件的 SHA-256 与保存时记录的不符 (hash mismatch)"))
    return sha


def light_key(sha256: str, *sources) -> str:
    """The cache key of a light predictor of the model file ``sha256``: with a digest of the ``sources`` (paths of
    the code that builds and runs it), so that changed code makes a new pack."""
    h = hashlib.sha256()
    for path in sources:
        h.update(Path(path).read_bytes())
    return f"{sha256}.light-{h.hexdigest()[:16]}"

FORMAT = 1
_TRUSTED = ("petitionnlp.", "sklearn.", "numpy.", "scipy.")


class NotPackable(Exception):
    """The object graph holds something this format does not rebuild."""


def _qualname(obj) -> str:
    return f"{obj.__module__}.{obj.__qualname__}"


def _resolve(name: str):
    if not name.startswith(_TRUSTED):
        raise NotPackable(name)
    module, _, attr = name.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError):  # a nested qualname (Class.method) or a moved class
        module, _, outer = module.rpartition(".")
        return getattr(getattr(importlib.import_module(module), outer), attr)


def pack(obj) -> tuple[dict, dict[str, np.ndarray]]:
    """(structure, arrays) for ``obj``; raises :class:`NotPackable` for what it cannot rebuild."""
    from scipy import sparse

    arrays: dict[str, np.ndarray] = {}

    def array(a: np.ndarray) -> dict:
        if a.dtype == object:
            return {"__objarr__": [enc(x) for x in a.ravel().tolist()], "shape": list(a.shape)}
        key = f"a{len(arrays)}"
        arrays[key] = np.ascontiguousarray(a)
        return {"__array__": key}

    def enc(v):
        if v is None or isinstance(v, (bool, int, float, str)):
            return v
        if isinstance(v, np.generic):
            return {"__scalar__": v.dtype.str, "value": v.item()}
        if isinstance(v, np.ndarray):
            return array(v)
        if sparse.issparse(v):
            v = v.tocsr()
            return {"__csr__": [array(v.data), array(v.indices), array(v.indptr)], "shape": list(v.shape)}
        if isinstance(v, list):
            return [enc(x) for x in v]
        if isinstance(v, tuple):
            return {"__tuple__": [enc(x) for x in v]}
        if isinstance(v, dict):
            if not all(isinstance(k, str) for k in v):
                raise NotPackable("dict with non-string keys")
            return {"__dict__": {k: enc(x) for k, x in v.items()}}
        if isinstance(v, np.dtype):
            return {"__dtype__": v.str}
        if isinstance(v, (type, types.FunctionType, types.BuiltinFunctionType)):
            name = _qualname(v)
            if _resolve(name) is not v:  # trusted, importable, and the very same object
                raise NotPackable(name)
            return {"__ref__": name}
        cls = type(v)
        name = _qualname(cls)
        if not name.startswith(_TRUSTED) or not hasattr(v, "__dict__"):
            raise NotPackable(name)
        return {"__object__": name, "state": {k: enc(x) for k, x in vars(v).items()}}

    return {"format": FORMAT, "root": enc(obj)}, arrays


def unpack(structure: dict, arrays) -> object:
    """The object graph :func:`pack` described."""
    from scipy import sparse

    if structure.get("format") != FORMAT:
        raise NotPackable("format")

    def dec(v):
        if not isinstance(v, (dict, list)):
            return v
        if isinstance(v, list):
            return [dec(x) for x in v]
        if "__array__" in v:
            return arrays[v["__array__"]]
        if "__objarr__" in v:
            out = np.empty(len(v["__objarr__"]), dtype=object)
            out[:] = [dec(x) for x in v["__objarr__"]]
            return out.reshape(v["shape"])
        if "__csr__" in v:
            data, indices, indptr = (dec(x) for x in v["__csr__"])
            return sparse.csr_matrix((data, indices, indptr), shape=tuple(v["shape"]))
        if "__tuple__" in v:
            return tuple(dec(x) for x in v["__tuple__"])
        if "__dict__" in v:
            return {k: dec(x) for k, x in v["__dict__"].items()}
        if "__scalar__" in v:
            return np.dtype(v["__scalar__"]).type(v["value"])
        if "__ref__" in v:
            return _resolve(v["__ref__"])
        if "__dtype__" in v:
            return np.dtype(v["__dtype__"])
        if "__object__" in v:
            cls = _resolve(v["__object__"])
            obj = cls.__new__(cls)
            obj.__dict__.update({k: dec(x) for k, x in v["state"].items()})
            return obj
        raise NotPackable(str(list(v)[:3]))

    return dec(structure["root"])


def load_light(path, sources, light_type: type, build):
    """The light predictor of the model file ``path`` (checked against its manifest): the one packed under its
    :func:`light_key`, else ``build(path)`` → ``(light, model)``, whose ``light`` is packed (before anything has
    used it) and returned — or ``model`` when ``light`` is None (a model the light predictor cannot rebuild)."""
    key = light_key(verified_sha256(path), *sources)
    light = cached(key)
    if isinstance(light, light_type):
        return light
    light, model = build(path)
    if light is None:
        return model
    store(key, light, compress=False)  # a larger file that loads faster: it is read at every start
    return light


def _paths(sha256: str) -> tuple[Path, Path]:
    folder = cache_dir() / "models"
    return folder / f"{sha256}.json", folder / f"{sha256}.npz"


def cached(sha256: str):
    """The model packed under ``sha256``, or None (none yet, or unreadable: then the caller loads the file)."""
    meta, data = _paths(sha256)
    try:
        structure = json.loads(meta.read_text(encoding="utf-8"))
        with np.load(data, allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
        return unpack(structure, arrays)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, ImportError, NotPackable):
        return None


def store(sha256: str, obj, compress: bool = True) -> bool:
    """Pack ``obj`` under ``sha256`` (atomically: a reader never sees half a pack); False when it cannot.
    ``compress=False``: a larger file that loads faster (a light predictor, read at every start)."""
    try:
        structure, arrays = pack(obj)
    except NotPackable:
        return False
    meta, data = _paths(sha256)
    try:
        meta.parent.mkdir(parents=True, exist_ok=True)
        for target, write in ((data, lambda fh: (np.savez_compressed if compress else np.savez)(fh, **arrays)),
                              (meta, lambda fh: fh.write(json.dumps(structure).encode("utf-8")))):
            fd, tmp = tempfile.mkstemp(dir=meta.parent, prefix=".pack-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    write(fh)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return True
    except OSError:
        return False
