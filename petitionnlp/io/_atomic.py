"""Writing a file so that it appears complete or not at all, and never over one of the inputs."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import Errors, InputError, os_reason

__all__ = ["atomic_path", "check_not_an_input"]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_not_an_input(target: str | None, inputs) -> None:
    """Refuse (E034, before any work) an output that is one of the inputs, by any path or link
    (``os.path.samefile`` also catches another case of the name on a case-insensitive disk)."""
    if not target or target == "-":
        return
    t = Path(target)
    for src in inputs:
        if src and src != "-" and (os.path.realpath(t) == os.path.realpath(src) or _same_file(t, Path(src))):
            raise InputError(Errors.E034.format(path=target, source=src))


class atomic_path:
    """``with atomic_path(target) as tmp:`` — write ``tmp``; on success it replaces ``target`` in one rename,
    on failure or interrupt it is removed and ``target`` is as it was.  The temporary file is created at once,
    beside the target, so an unwritable place fails before any work."""

    def __init__(self, target: str):
        self.target = str(target)
        folder = os.path.dirname(os.path.abspath(self.target))
        if os.path.isdir(self.target):
            raise InputError(Errors.E030.format(path=self.target, reason="这是一个文件夹"))
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{os.path.basename(self.target)}.", suffix=".part",
                                            dir=folder)
            os.close(fd)
        except OSError as exc:
            raise InputError(Errors.E030.format(path=self.target, reason=os_reason(exc))) from None
        self.done = False

    def __enter__(self) -> str:
        return self.tmp

    def commit(self) -> None:
        if self.done:
            return
        self.done = True
        try:
            if os.path.exists(self.target):
                try:
                    os.chmod(self.tmp, os.stat(self.target).st_mode & 0o777)
                except OSError:
                    pass
            else:
                mask = os.umask(0)
                os.umask(mask)
                os.chmod(self.tmp, 0o666 & ~mask)
            os.replace(self.tmp, self.target)
        except OSError as exc:
            self.abort()
            raise InputError(Errors.E030.format(path=self.target, reason=os_reason(exc))) from None

    def abort(self) -> None:
        self.done = True
        try:
            os.unlink(self.tmp)
        except OSError:
            pass

    def __exit__(self, kind, exc, tb):
        if kind is None:
            self.commit()
        else:
            self.abort()
        return False
