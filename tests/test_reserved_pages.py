"""No file of the repository names a page that ``../shared/corpora/reserved_sources.txt`` reserves for the hidden
evaluation (session 48 found two place cases of such a page in ``peer_locations_g47.jsonl``; each batch's own test
checks its new pages, this one checks every tracked file at once)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from devdata import reserved_pages

ROOT = Path(__file__).resolve().parent.parent


def _core(url: str) -> str:
    """The address without its scheme, ``www.`` and a closing slash: a copy written either way is found."""
    return re.sub(r"^https?://(www\.)?", "", url.strip()).rstrip("/")


def test_no_tracked_file_names_a_reserved_page():
    reserved = reserved_pages()
    if not reserved:
        pytest.skip("the shared reserved list is not beside the repo")
    cores = sorted({_core(u) for u in reserved})
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    found = []
    for name in filter(None, files):
        path = ROOT / name.decode("utf-8")
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
            continue
        found += [f"{path.relative_to(ROOT)}: {c}" for c in cores if c in text]
    assert not found, found
