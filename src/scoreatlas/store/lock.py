"""One writer per store: a lock file beside the store, held with ``flock`` for the whole build.

The lock is ``.<store>.lock`` in the store's parent folder. It holds the pid and host of the build that
has it, for the refusal message. The kernel releases an ``flock`` when its process dies, even by SIGKILL,
so a lock is never left behind by a dead build: the next build takes it over without any stale-lock
guessing. Where the file system cannot ``flock`` (some network shares), the lock falls back to the pid
written in the file: a lock whose process is gone (same host) is taken over.

Readers never look at the lock.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import time
from pathlib import Path
from typing import Any

from scoreatlas.errors import UserError


def lock_path(store: Path) -> Path:
    store = Path(store)
    return store.with_name(f".{store.name}.lock")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class StoreLock:
    """An exclusive, non-blocking lock on a store folder.

    Example:
        >>> with StoreLock(Path("build/atlas")):  # doctest: +SKIP
        ...     pass  # build
    """

    def __init__(self, store: str | os.PathLike[str]) -> None:
        self.store = Path(store).absolute()
        self.path = lock_path(self.store)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> StoreLock:
        """Take the lock at once or raise ``E015`` naming the process that has it."""
        import fcntl

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise UserError("E002", path=self.store, reason=exc.strerror or type(exc).__name__) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise UserError("E015", path=self.store, pid=_describe(holder)) from None
        except OSError as exc:
            if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                os.close(fd)
                raise
            holder = _read_holder(fd)
            if holder and _held_elsewhere(holder):
                os.close(fd)
                raise UserError("E015", path=self.store, pid=_describe(holder)) from None
        record = {"pid": os.getpid(), "host": socket.gethostname(),
                  "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(record) + "\n").encode(), 0)
        os.fsync(fd)
        self._fd = fd
        return self

    def release(self) -> None:
        """Release the lock. The file stays (deleting it would race with a build opening it)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # closing the descriptor releases the flock

    def __enter__(self) -> StoreLock:
        return self.acquire() if not self.held else self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_holder(fd: int) -> dict[str, Any]:
    try:
        data = os.pread(fd, 4096, 0)
        holder = json.loads(data.decode("utf-8") or "{}")
        return holder if isinstance(holder, dict) else {}
    except (OSError, ValueError):
        return {}


def _held_elsewhere(holder: dict[str, Any]) -> bool:
    pid = holder.get("pid")
    if not isinstance(pid, int):
        return False
    if holder.get("host") != socket.gethostname():
        return True  # cannot see another host's processes: assume it is alive
    return pid != os.getpid() and _pid_alive(pid)


def _describe(holder: dict[str, Any]) -> str:
    pid = holder.get("pid", "unknown")
    host = holder.get("host")
    return f"{pid} on {host}" if host else str(pid)
