import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/pgcluster.py

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="session")
def pipeline():
    from petitionnlp.pipeline import PetitionPipeline

    return PetitionPipeline()


@pytest.fixture(scope="session")
def dev_petitions():
    """The dev petitions, without the pages reserved for the hidden evaluation (tests/devdata.py)."""
    from devdata import dev_rows

    if not (SHARED / "petitions_dev.jsonl").is_file():
        pytest.skip("the shared dev corpus is not beside this checkout")
    return dev_rows("petitions_dev.jsonl")


@pytest.fixture(scope="session")
def dev_petitions_file(tmp_path_factory, dev_petitions):
    """The same records as a JSONL file, for commands that read a path."""
    from devdata import write_dev_file

    return write_dev_file("petitions_dev.jsonl", tmp_path_factory.mktemp("dev"))


def run_cli(*args, stdin: bytes | None = None, cwd=None):
    """Run the installed command line; returns (returncode, stdout text, stderr text)."""
    exe = BIN / "petitionnlp"
    cmd = [str(exe), *map(str, args)] if exe.exists() else [sys.executable, "-m", "petitionnlp.cli", *map(str, args)]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run(cmd, input=stdin, capture_output=True, cwd=cwd, env=env, timeout=300)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


# ------------------------------------------------------------------ PostgreSQL (a throw-away cluster per session)
@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL server of our own on 127.0.0.1 (see tests/pgcluster.py); skipped loudly where none is
    installed, a failure under CI."""
    from pgcluster import Cluster, unavailable_reason

    reason = unavailable_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests cannot run under CI: {reason}")
        pytest.skip(f"PostgreSQL TESTS NOT RUN: {reason}")
    cluster = Cluster().start()
    try:
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture
def pg_url(pg_cluster):
    """The URL of a new, empty database on the session's cluster."""
    return pg_cluster.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path):
    """Where the workbench keeps everything: SQLite in a data folder, or a new PostgreSQL database (migrated
    first, as ``petitionnlp migrate`` does) with a scratch folder."""
    if request.param == "sqlite":
        return {"data_dir": tmp_path / "data", "db_url": None}
    from petitionnlp.office.store import Store

    url = request.getfixturevalue("pg_url")
    Store(url=url).migrate()
    return {"data_dir": tmp_path / "scratch", "db_url": url}
