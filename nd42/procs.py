"""Worker processes that never outlive the process that started them (nightly crawl and rendering workers)."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Called first thing in a worker: a parent killed by kill -9 takes the worker with it at once on Linux
    (the kernel's ``PR_SET_PDEATHSIG``), within a second elsewhere (a watchdog thread), so no worker goes on
    writing into a database or a folder that the next run is already recovering."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the kernel was asked to tell
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="nd42-parent-watch", daemon=True).start()
