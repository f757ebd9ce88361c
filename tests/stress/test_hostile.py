"""Hostile files are rejected with a reason (or read) within bounded time and memory; the rest is stored."""

from __future__ import annotations

import json
import os
import re
import resource
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SMALL_REGISTRY, SMALL_TAXONOMY
from scoreatlas.engine import read_input
from scoreatlas.sources import ReadOptions
from scoreatlas.sources.base import READERS, find_inputs
from scoreatlas.sources.limits import Limits
from scoreatlas.store import Store
from scoreatlas.types import RawDocument, Rejected
from stress.hostile import MB, hostile_files, make_hostile_folder, run_with_peak

# make test uses small bombs and a lowered unpack limit; benchmarks/stress.py uses full sizes and defaults.
LIMITS = Limits(max_unpacked_bytes=50 * MB)
HOSTILE = {h.name: h for h in hostile_files()}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_rejected_with_reason_or_read_in_bounds(tmp_path: Path, name: str) -> None:
    item = HOSTILE[name]
    folder = tmp_path / "in"
    folder.mkdir()
    item.make(folder / item.name)
    peak, started = _peak_mb(), time.monotonic()
    skipped: list[Rejected] = []
    paths = find_inputs([folder], rejected=skipped)
    results = skipped + [r for p in paths for r in read_input(p, ReadOptions(limits=LIMITS))]
    assert time.monotonic() - started < 30
    assert _peak_mb() - peak < 400, "reading took more memory than the limits allow"
    assert len(results) == 1
    result = results[0]
    if item.expect == "rejected":
        assert isinstance(result, Rejected), f"{name} was read"
        assert re.search(item.reason, result.reason), result.reason
    else:
        assert isinstance(result, RawDocument), getattr(result, "reason", "")
        assert "SCHUFA credit score" in result.text


@pytest.mark.parametrize("seconds", [0.5])
def test_hostile_slow_reader_is_stopped_by_the_clock(tmp_path: Path, seconds: float,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(source: str, data: bytes, options: ReadOptions) -> list[RawDocument | Rejected]:
        time.sleep(30)
        return []

    monkeypatch.setitem(READERS, ".slowtest", slow)
    path = tmp_path / "tarpit.slowtest"
    path.write_text("anything")
    started = time.monotonic()
    [result] = read_input(path, ReadOptions(limits=Limits(max_seconds=seconds)))
    assert time.monotonic() - started < seconds + 2
    assert isinstance(result, Rejected) and "took too long" in result.reason


@pytest.mark.slow
@pytest.mark.parametrize("flags", [("--max-unpacked", str(50 * MB))])
def test_hostile_build_rejects_each_and_stores_the_rest(tmp_path: Path, flags: tuple[str, ...]) -> None:
    folder = tmp_path / "in"
    made = make_hostile_folder(folder)
    store = tmp_path / "atlas"
    exe = Path(sys.executable).with_name("scoreatlas")
    proc, peak_mb = run_with_peak([str(exe), "build", str(folder), "--store", str(store), "--registry",
                                   str(SMALL_REGISTRY), "--taxonomy", str(SMALL_TAXONOMY), "--quiet", *flags],
                                  tmp_path / "peak_kb", cwd=ROOT, capture_output=True,
                                  env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    assert proc.returncode == 0, proc.stderr.decode()
    # The English pipeline (about 450 MB) plus bounded reading; the hostile files must add nothing near it.
    assert peak_mb < 1000, "the build's memory grew with the hostile files"
    assert not (folder / "pwned").exists() and not (tmp_path / "pwned").exists()
    manifest = json.loads((store / "manifest.json").read_text(encoding="utf-8"))
    by_status: dict[str, int] = {}
    for entry in manifest["inputs"]:
        by_status[entry["status"]] = by_status.get(entry["status"], 0) + 1
    expected_stored = 1 + sum(h.expect == "stored" for h in made)
    assert by_status.get("stored", 0) + by_status.get("duplicate", 0) == expected_stored, manifest["inputs"]
    assert by_status.get("rejected", 0) == sum(h.expect == "rejected" for h in made)
    assert all(e["reason"] for e in manifest["inputs"] if e["status"] == "rejected")
    texts = Store(store).documents["text"].fillna("")
    assert texts.str.contains("SCHUFA credit score").sum() >= 1
