"""The store is swapped in whole or not at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import scoreatlas as sa
from conftest import DATA, SMALL_REGISTRY, SMALL_TAXONOMY
from scoreatlas.errors import UserError
from scoreatlas.store import TABLES, Store, StoreWriter, sha256_file


@pytest.mark.parametrize("table", list(TABLES))
def test_writer_commit_writes_every_table_with_checksum(tmp_path: Path, table: str) -> None:
    writer = StoreWriter(tmp_path / "s")
    path = writer.commit({"inputs": []})
    manifest = json.loads((path / "manifest.json").read_text())
    entry = manifest["tables"][table]
    assert entry["rows"] == 0 and entry["sha256"] == sha256_file(path / entry["file"])
    assert Store(path).table(table).empty


@pytest.mark.parametrize("when", ["before_commit"])
def test_writer_aborted_build_leaves_previous_store(tmp_path: Path, when: str) -> None:
    store = tmp_path / "atlas"
    sa.build([DATA / "sample"], store=store, registry=SMALL_REGISTRY, taxonomy=SMALL_TAXONOMY)
    before = {p.name: p.read_bytes() for p in store.iterdir()}
    writer = StoreWriter(store)
    writer.write("documents", [{"doc_id": "x", "status": "stored", "countries": [], "programs": [], "topics": []}])
    writer.abort()
    assert {p.name: p.read_bytes() for p in store.iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


@pytest.mark.parametrize("version", [99])
def test_reader_refuses_newer_format(tmp_path: Path, version: int) -> None:
    path = StoreWriter(tmp_path / "s").commit({})
    manifest = json.loads((path / "manifest.json").read_text())
    manifest["format_version"] = version
    (path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(UserError, match="newer format"):
        Store(path)
