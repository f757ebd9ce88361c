"""One writer per store: a second one is refused at once, naming the first; a dead one's lock is taken over."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA, run_cli
from scoreatlas.errors import UserError
from scoreatlas.store import StoreLock, StoreWriter, lock_path
from store.test_writer import make_store, snapshot

HOLD = """
import sys, time
from scoreatlas.store import StoreLock
lock = StoreLock(sys.argv[1]).acquire()
print("held", flush=True)
time.sleep(600)
"""


def hold_lock(store: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(store)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


@pytest.mark.parametrize("holders", [1])
def test_lock_second_writer_is_refused_naming_the_process(tmp_path: Path, holders: int) -> None:
    store = tmp_path / "atlas"
    with StoreLock(store):
        with pytest.raises(UserError, match=rf"E015.*pid {os.getpid()} on {socket.gethostname()}"):
            StoreLock(store).acquire()
        with pytest.raises(UserError, match="E015"):
            StoreWriter(store)
    StoreLock(store).acquire().release()  # free again


@pytest.mark.parametrize("signum", [signal.SIGKILL])
def test_lock_is_taken_over_from_a_killed_process(tmp_path: Path, signum: int) -> None:
    store = make_store(tmp_path / "atlas")
    holder = hold_lock(store)
    with pytest.raises(UserError, match=f"pid {holder.pid}"):
        StoreLock(store).acquire()
    holder.send_signal(signum)
    holder.wait()
    lock = StoreLock(store).acquire()  # no stale-lock guessing: the kernel released it
    assert str(os.getpid()) in lock_path(store).read_text()
    lock.release()


@pytest.mark.parametrize("command", ["build"])
def test_lock_cli_build_refused_at_once_while_another_runs(tmp_path: Path, command: str) -> None:
    store = make_store(tmp_path / "atlas")
    before = snapshot(store)
    holder = hold_lock(store)
    try:
        started = time.monotonic()
        proc = run_cli(command, str(DATA / "sample"), "--store", str(store))
        elapsed = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "E015" in lines[0] and f"pid {holder.pid}" in lines[0], proc.stderr
    assert elapsed < 20  # refused before reading inputs or loading any model
    assert snapshot(store) == before


@pytest.mark.parametrize("command", [("export", "--table", "documents"), ("verify",)])
def test_lock_readers_are_never_blocked(tmp_path: Path, command: tuple[str, ...]) -> None:
    store = make_store(tmp_path / "atlas")
    holder = hold_lock(store)
    try:
        proc = run_cli(*command, "--store", str(store))
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == 0, proc.stderr
