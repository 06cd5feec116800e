"""Where runtime data lives: ``corpora/`` (lexicons, gazetteer, rules) and ``models/``.

In a checkout they are the top-level folders; after ``pip install .`` they are installed as the
package data ``petitionnlp/corpora`` and ``petitionnlp/models``.  Both layouts resolve here, and only here.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import threading
from pathlib import Path

__all__ = ["corpora_dir", "models_dir", "corpus_path", "read_list", "cache_dir", "once", "no_collection"]

_PKG = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    installed = _PKG / name
    if installed.is_dir():
        return installed
    checkout = _PKG.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"petitionnlp data folder {name!r} not found beside {_PKG}")


def corpora_dir() -> Path:
    return _find("corpora")


def models_dir() -> Path:
    from .settings import setting

    return setting("model_dir") or _find("models")


def corpus_path(*parts: str) -> Path:
    """A file under ``corpora/``, e.g. ``corpus_path("lexicon", "userdict.txt")``."""
    return corpora_dir().joinpath(*parts)


def read_list(*parts: str) -> list[str]:
    """A one-item-a-line data file under ``corpora/`` (``#`` lines are comments, blank lines skipped)."""
    with open(corpus_path(*parts), encoding="utf-8") as fh:
        return [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]


def cache_dir() -> Path:
    """A per-user cache (jieba's dictionary cache goes here, not into the shared temp dir)."""
    from .settings import setting

    path = setting("cache") or Path(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache"))) / "petitionnlp"
    path.mkdir(parents=True, exist_ok=True)
    return path


def once(build):
    """``@once`` on a function without arguments that builds a process-wide object (the tokenizer, the personal-
    information pipeline, the gazetteer, the search's tables): the object is built once, by the first thread that
    asks, while any other thread asking meanwhile waits for it — never two built at once (``lru_cache`` lets two
    threads build at the same time, and the tokenizer's construction changes the segmenter another thread is
    using).  ``fn.cache_clear()`` forgets it, as with ``lru_cache``."""
    lock = threading.RLock()
    box: list = []

    @functools.wraps(build)
    def get():
        if box:
            return box[0]
        with lock:
            if not box:
                box.append(build())
            return box[0]

    def cache_clear() -> None:
        with lock:
            box.clear()

    get.cache_clear = cache_clear
    return get


@contextlib.contextmanager
def no_collection():
    """No garbage collection inside (as it was after): for building what a process keeps — the models, the
    gazetteer, the automata a batch's first rows build — whose hundreds of thousands of new objects set off
    collections that find nothing to free (0.13 s of classify's 1.2 s start-up, 413 collections)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
