"""Readers see one whole store: never blocked, never a mix of two builds, never a damaged file unnoticed."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from conftest import run_cli
from scoreatlas.errors import UserError
from scoreatlas.store import Store, StoreWriter
from store.test_writer import _doc, make_store


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    stat = path.stat()
    if how == "truncated":
        path.write_bytes(bytes(data[: len(data) // 2]))
    elif how == "altered":
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    elif how == "altered-same-time":
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


@pytest.mark.parametrize("table", ["documents", "passages", "programs"])
@pytest.mark.parametrize("how", ["truncated", "altered"])
def test_reader_open_names_the_damaged_table_file(tmp_path: Path, table: str, how: str) -> None:
    store = make_store(tmp_path / "atlas")
    _damage(store / f"{table}.parquet", how)
    with pytest.raises(UserError, match=rf"E014.*'{table}\.parquet'"):
        Store(store)


@pytest.mark.parametrize("how", ["truncated", "altered", "altered-same-time"])
def test_reader_verify_finds_every_damaged_file(tmp_path: Path, how: str) -> None:
    store = make_store(tmp_path / "atlas", partitioned=True, parts=2)
    assert Store(store).verify() == []
    damaged = sorted((store / "passages").glob("*.parquet"))[1]
    _damage(damaged, how)
    problems = Store(store, check=False).verify()
    assert len(problems) == 1 and "passages/part-00001.parquet" in problems[0]


@pytest.mark.parametrize("how", ["altered-same-time"])
def test_reader_verify_cli_reports_every_damaged_file(tmp_path: Path, how: str) -> None:
    store = make_store(tmp_path / "atlas")
    ok = run_cli("verify", "--store", str(store))
    assert ok.returncode == 0 and "intact" in ok.stdout
    _damage(store / "documents.parquet", how)
    _damage(store / "passages.parquet", how)
    bad = run_cli("verify", "--store", str(store))
    assert bad.returncode == 1, bad.stderr
    assert "documents.parquet" in bad.stdout and "passages.parquet" in bad.stdout
    assert "Traceback" not in bad.stderr


@pytest.mark.parametrize("n", [2])
def test_reader_keeps_the_store_it_opened_across_a_rebuild(tmp_path: Path, n: int) -> None:
    path = make_store(tmp_path / "atlas", n=n)
    before = Store(path)
    writer = StoreWriter(path)
    writer.write("documents", [_doc(i) for i in range(10)])
    writer.commit({})
    # The old folder is gone from disk, yet the reader that opened it still reads it whole, also by SQL.
    assert len(before.documents) == n
    assert before.sql("SELECT count(*) AS n FROM documents")["n"][0] == n
    assert len(Store(path).documents) == 10


@pytest.mark.parametrize("delay", [0.3])
def test_reader_waits_for_a_swap_in_progress(tmp_path: Path, delay: float) -> None:
    path = make_store(tmp_path / "atlas", n=2)
    new = make_store(tmp_path / "staging", n=5)
    os.replace(path, tmp_path / ".atlas.old-swap")  # the build is between its two renames

    def finish() -> None:
        time.sleep(delay)
        os.replace(new, path)

    thread = threading.Thread(target=finish)
    thread.start()
    opened = Store(path)
    thread.join()
    assert len(opened.documents) == 5


@pytest.mark.parametrize("n", [3])
def test_reader_reads_previous_store_when_a_build_died_mid_swap(tmp_path: Path, n: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from scoreatlas.store import reader

    monkeypatch.setattr(reader, "SWAP_WAIT_SECONDS", 0.2)
    path = make_store(tmp_path / "atlas", n=n)
    os.replace(path, tmp_path / ".atlas.old-dead")
    assert len(Store(path).documents) == n


@pytest.mark.parametrize("field", ["format_version"])
def test_reader_damaged_manifest_is_one_line_error(tmp_path: Path, field: str) -> None:
    path = make_store(tmp_path / "atlas")
    (path / "manifest.json").write_text("{not json")
    with pytest.raises(UserError, match=r"E014.*manifest\.json"):
        Store(path)
    manifest = {field: 1, "tables": {"documents": {"file": "gone.parquet", "rows": 0}}}
    (path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(UserError, match=r"E014.*gone\.parquet.*missing"):
        Store(path)


@pytest.mark.parametrize("n", [3])
def test_reader_reads_tables_after_verify_and_again(tmp_path: Path, n: int) -> None:
    # verify() reads the same open handles the tables come from; neither may leave the other at the file's end.
    store = Store(make_store(tmp_path / "atlas", n=n))
    assert store.verify() == []
    assert len(store.documents) == n
    assert store.arrow("documents").num_rows == n
    assert store.verify() == []
