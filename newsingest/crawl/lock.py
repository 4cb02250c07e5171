"""One run per site at a time: a lock file per site in the state folder.

The lock is an OS file lock (filelock, flock on Unix): the kernel releases it when its process
ends, however it ends, so a run killed with SIGKILL never blocks the next one. Beside the lock,
a small JSON file says which process holds it and since when, for the "locked" message.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from newsingest.errors import Locked, StateError


def state_dir(db_path: str, configured: str | None = None) -> Path:
    """Where a database keeps its run state: the configured folder, else `<database name>.state` beside it."""
    if configured:
        return Path(configured)
    path = Path(db_path)
    return path.with_name(path.stem + ".state")


def _file_name(site: str) -> str:
    return re.sub(r"[^\w.-]+", "_", site) or "site"


@contextmanager
def site_lock(folder: Path, site: str) -> Iterator[None]:
    """Hold the site's lock while the block runs; raise Locked at once when another process holds it."""
    locks = folder / "locks"
    try:
        locks.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StateError(f"cannot create state folder {locks}: {exc.strerror}") from exc
    name = _file_name(site)
    holder = locks / f"{name}.json"
    lock = FileLock(locks / f"{name}.lock", timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise Locked(f"another run of {site} is in progress{_describe(holder)}") from None
    except OSError as exc:
        raise StateError(f"cannot lock {locks / name}: {exc.strerror}") from exc
    try:
        started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        holder.write_text(json.dumps({"pid": os.getpid(), "started": started}), encoding="utf-8")
        yield
    finally:
        holder.unlink(missing_ok=True)
        lock.release()


def _describe(holder: Path) -> str:
    try:
        info = json.loads(holder.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    return f" (pid {info.get('pid')}, since {info.get('started')})"
