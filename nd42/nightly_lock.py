"""The nightly run's lock: one run per database at a time.

An exclusive ``flock`` on ``<database>.lock``, held for the whole run.  The kernel releases it
when the process ends, however it ends (kill -9 included), so a stale lock never blocks the next
night and no pid check is needed.  The file holds the holder's pid and start time, for the
message a second run prints; it is never deleted (a run that deleted it could race a starting
one into locking a file the next run no longer sees).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
from pathlib import Path
from types import TracebackType

EXIT_LOCKED = 3


class LockHeld(Exception):
    """Another run holds the lock (exit code 3)."""

    def __init__(self, path: Path, holder: dict[str, object]) -> None:
        pid = holder.get("pid", "?")
        started = holder.get("started_at", "?")
        super().__init__(
            f"một lượt chạy khác đang giữ khóa / another run holds the lock {path}: "
            f"pid {pid}, bắt đầu lúc / started at {started}")
        self.path = path
        self.holder = holder


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class RunLock:
    """``with RunLock(path, started_at): …`` — raises :class:`LockHeld` at once if it is taken."""

    def __init__(self, path: Path, started_at: dt.datetime) -> None:
        self.path = path
        self.started_at = started_at
        self._fd: int | None = None

    def __enter__(self) -> RunLock:
        # O_CLOEXEC: a child process (none today) must not keep the lock after this run ends.
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise LockHeld(self.path, holder) from None
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        record = json.dumps({"pid": os.getpid(), "started_at": self.started_at.isoformat(timespec="seconds")})
        os.ftruncate(fd, 0)
        os.pwrite(fd, record.encode("utf-8") + b"\n", 0)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)  # no stale holder for anyone reading it after us
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None


def _read_holder(fd: int) -> dict[str, object]:
    try:
        data = json.loads(os.pread(fd, 4096, 0).decode("utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
