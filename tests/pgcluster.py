"""A throw-away PostgreSQL cluster for the tests: ``initdb`` in a temporary folder, a server on 127.0.0.1 and a
free port, stopped (and the folder removed) at the end of the test session.

``initdb`` refuses to run as root, so as root the cluster belongs to the ``postgres`` user (``runuser -u postgres``),
as Debian's ``postgresql`` package creates it.  Where no PostgreSQL server is installed the tests that need it are
skipped with a loud reason, except under CI (``CI`` set), where that is a failure: CI must run them.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

__all__ = ["Cluster", "find_bin_dir", "unavailable_reason"]


def find_bin_dir() -> Path | None:
    """The folder with ``initdb`` and ``pg_ctl`` (Debian keeps them out of PATH), or None."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]),
                            reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    return None


def unavailable_reason() -> str | None:
    if find_bin_dir() is None:
        return "PostgreSQL is not installed (no initdb/pg_ctl): `make test` installs Debian's postgresql as root"
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a `postgres` user: initdb refuses root"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg (PostgreSQL driver) is not installed"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """``Cluster().start()``; ``url(db)``; ``new_database()``; ``stop()``/``start()`` again (for outage tests)."""

    def __init__(self):
        self.bin = find_bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="pnlp-pg-"))
        self.data = self.root / "data"
        self.sock = self.root / "sock"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        self.root.chmod(0o777)
        self.sock.mkdir()
        self.sock.chmod(0o777)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=check, timeout=120)

    def init(self) -> "Cluster":
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync",
                  "--locale=C.UTF-8")
        return self

    def start(self) -> "Cluster":
        if not self.data.exists():
            self.init()
        opts = (f"-p {self.port} -k {self.sock} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        got = self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.root / "server.log"), "-w",
                        "-t", "60", "start", check=False)
        if got.returncode != 0:
            log = (self.root / "server.log").read_text(errors="replace")[-2000:] if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {got.stderr.strip()} {log}")
        return self

    def stop(self, mode: str = "fast") -> None:
        if self.data.exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{dbname}"

    def new_database(self, prefix: str = "t") -> str:
        """A new empty database; its SQLAlchemy URL."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def tool(self, name: str) -> str:
        """The path of a client program of this server's version (``pg_dump``, ``psql`` …)."""
        own = self.bin / name
        if own.exists():
            return str(own)
        # pg_ctl found on PATH (a link) while the clients live in Debian's versioned folder
        for candidate in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True):
            return candidate
        return shutil.which(name) or str(own)
