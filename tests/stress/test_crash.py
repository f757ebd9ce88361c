"""Real ``scoreatlas build`` processes killed with SIGKILL while reading, processing, writing Parquet and
swapping: the previous store stays readable and unchanged, and the next build recovers.

The short version runs in ``make test``; ``make stress`` (benchmarks/stress.py) kills many more builds at
random moments. ``SCOREATLAS_FAULT=<point>`` makes a build kill itself, by SIGKILL, at an exact moment
(``reading``, ``processing``, ``writing``, ``before-manifest``, ``before-swap``, ``mid-swap``, ``after-swap``)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import scoreatlas as sa
from conftest import ROOT, SMALL_REGISTRY, SMALL_TAXONOMY
from scoreatlas.cache import default_cache_dir
from scoreatlas.store import Store
from test_engine import make_corpus

SMALL = ("--registry", str(SMALL_REGISTRY), "--taxonomy", str(SMALL_TAXONOMY))
BEFORE_SWAP = ("reading", "processing", "writing", "before-manifest", "before-swap")


def build_cmd(corpus: Path, store: Path, *extra: str) -> list[str]:
    exe = Path(sys.executable).with_name("scoreatlas")
    return [str(exe), "build", str(corpus), "--store", str(store), *SMALL, "--quiet", *extra]


def run_build(corpus: Path, store: Path, *extra: str, fault: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("SCOREATLAS_FAULT", None)
    if fault:
        env["SCOREATLAS_FAULT"] = fault
    return subprocess.run(build_cmd(corpus, store, *extra), capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=900)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(store: Path) -> list[str]:
    return sorted(p.name for p in store.parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


def assert_previous_store_intact(store: Path, before: dict[str, bytes]) -> None:
    opened = Store(store)  # what sa.open, export and notebooks see
    assert snapshot(opened.root) == before
    assert opened.verify() == []
    assert len(opened.documents) > 0


def assert_next_build_recovers(corpus: Path, store: Path) -> None:
    proc = run_build(corpus, store, "--verbose")
    assert proc.returncode == 0, proc.stderr
    assert leftovers(store) == []
    assert Store(store).verify() == []


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("crash")
    corpus = make_corpus(folder / "inputs")
    store = folder / "atlas"
    sa.build([corpus], store=store, registry=SMALL_REGISTRY, taxonomy=SMALL_TAXONOMY)
    return corpus, store


def fresh_copy(base: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    corpus, store = base
    target = tmp_path / "atlas"
    shutil.copytree(store, target)
    shutil.copytree(default_cache_dir(store), default_cache_dir(target))
    return corpus, target


@pytest.mark.parametrize("point", ["writing", "mid-swap"])  # every point, and many more kills: make stress
def test_crash_kill_at_exact_moment_keeps_previous_store(base: tuple[Path, Path], tmp_path: Path, point: str) -> None:
    corpus, store = fresh_copy(base, tmp_path)
    before = snapshot(store)
    # Reading happens only when something must be read: a build without the cache reads every input.
    extra = ("--no-cache",) if point in ("reading", "processing") else ()
    proc = run_build(corpus, store, *extra, fault=point)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert_previous_store_intact(store, before)
    assert_next_build_recovers(corpus, store)


@pytest.mark.parametrize("seed", [1])
def test_crash_kill_at_a_random_moment_keeps_previous_store(base: tuple[Path, Path], tmp_path: Path,
                                                            seed: int) -> None:
    corpus, store = fresh_copy(base, tmp_path)
    before = snapshot(store)
    env = dict(os.environ)
    env.pop("SCOREATLAS_FAULT", None)
    proc = subprocess.Popen(build_cmd(corpus, store, "--no-cache"), cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.Random(seed).uniform(1.0, 6.0))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert_previous_store_intact(store, before)
    assert_next_build_recovers(corpus, store)
