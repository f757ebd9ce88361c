"""The store is swapped in whole or not at all, in row groups of bounded size, one file or a folder of parts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from scoreatlas.errors import UserError
from scoreatlas.store import TABLES, Store, StoreWriter, recover, sha256_file
from scoreatlas.store import writer as writer_module


def _doc(i: int) -> dict[str, object]:
    return {"doc_id": f"d{i}", "status": "stored", "text": f"text {i}", "countries": [], "programs": [], "topics": []}


def _passage(i: int) -> dict[str, object]:
    return {"doc_id": f"d{i}", "passage_id": f"d{i}-0", "position": 0, "text": f"p {i}", "countries": [],
            "programs": [], "topics": [], "cues": []}


def make_store(path: Path, n: int = 3, *, partitioned: bool = False, parts: int = 1) -> Path:
    writer = StoreWriter(path, partitioned=partitioned)
    for part in range(parts):
        writer.write("documents", [_doc(part * n + i) for i in range(n)])
        writer.write("passages", [_passage(part * n + i) for i in range(n)])
        writer.new_part()
    return writer.commit({"inputs": []})


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("table", list(TABLES))
def test_writer_commit_writes_every_table_with_checksum(tmp_path: Path, table: str) -> None:
    path = StoreWriter(tmp_path / "s").commit({"inputs": []})
    manifest = json.loads((path / "manifest.json").read_text())
    entry = manifest["tables"][table]
    assert entry["rows"] == 0 and entry["sha256"] == sha256_file(path / entry["file"])
    assert [f["sha256"] for f in entry["files"]] == [sha256_file(path / f["file"]) for f in entry["files"]]
    assert Store(path).table(table).empty


@pytest.mark.parametrize("parts", [1, 3])
def test_writer_partitioned_tables_read_alike_by_store_and_duckdb(tmp_path: Path, parts: int) -> None:
    import duckdb

    path = make_store(tmp_path / "s", n=4, partitioned=True, parts=parts)
    store = Store(path)
    assert len(store.documents) == 4 * parts
    assert store.sql("SELECT count(*) AS n FROM passages")["n"][0] == 4 * parts
    files = sorted((path / "passages").glob("*.parquet"))
    assert len(files) == parts
    # DuckDB on its own reads the same folder of parts.
    n = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{path.as_posix()}/passages/*.parquet')").fetchall()
    assert n == [(4 * parts,)]
    assert store.verify() == []


@pytest.mark.parametrize("rows,group", [(25, 10)])
def test_writer_row_groups_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int, group: int) -> None:
    monkeypatch.setattr(writer_module, "ROW_GROUP_ROWS", group)
    writer = StoreWriter(tmp_path / "s")
    for i in range(rows):
        writer.write("documents", [_doc(i)])  # one row at a time, as the build writes documents
    path = writer.commit({})
    meta = pq.ParquetFile(path / "documents.parquet").metadata
    assert meta.num_rows == rows
    assert meta.num_row_groups == -(-rows // group)


@pytest.mark.parametrize("content", ["notes.txt"])
def test_writer_refuses_to_replace_a_folder_that_is_not_a_store(tmp_path: Path, content: str) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / content).write_text("my own file")
    with pytest.raises(UserError, match=r"E002.*not a Score Atlas store"):
        StoreWriter(folder)
    assert (folder / content).read_text() == "my own file"


@pytest.mark.parametrize("when", ["before_commit"])
def test_writer_aborted_build_leaves_previous_store(tmp_path: Path, when: str) -> None:
    store = make_store(tmp_path / "atlas")
    before = snapshot(store)
    writer = StoreWriter(store)
    writer.write("documents", [_doc(99)])
    writer.abort()
    assert snapshot(store) == before
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


@pytest.mark.parametrize("leftovers", [("tmp",), ("old",), ("tmp", "old")])
def test_writer_recover_removes_leftovers_of_a_killed_build(tmp_path: Path, leftovers: tuple[str, ...]) -> None:
    store = make_store(tmp_path / "atlas")
    before = snapshot(store)
    for kind in leftovers:
        junk = tmp_path / f".atlas.{kind}-dead"
        junk.mkdir()
        (junk / "documents.parquet").write_bytes(b"half")
    done = recover(store)
    assert len(done) == len(leftovers)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["atlas"]
    assert snapshot(store) == before


@pytest.mark.parametrize("n", [3])
def test_writer_recover_restores_store_when_killed_between_renames(tmp_path: Path, n: int) -> None:
    store = make_store(tmp_path / "atlas", n=n)
    before = snapshot(store)
    os.replace(store, tmp_path / ".atlas.old-dead")  # first rename done, second never happened
    half = tmp_path / ".atlas.tmp-dead"
    half.mkdir()
    assert recover(store) and snapshot(store) == before
    assert not (tmp_path / ".atlas.old-dead").exists() and not half.exists()


@pytest.mark.parametrize("version", [99])
def test_reader_refuses_newer_format(tmp_path: Path, version: int) -> None:
    path = StoreWriter(tmp_path / "s").commit({})
    manifest = json.loads((path / "manifest.json").read_text())
    manifest["format_version"] = version
    (path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(UserError, match="newer format"):
        Store(path)
