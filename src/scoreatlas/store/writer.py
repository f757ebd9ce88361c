"""Writing a store: Parquet tables streamed into a temporary folder, swapped in only when complete."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from scoreatlas.errors import UserError
from scoreatlas.store.schema import FORMAT_VERSION, TABLES


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class StoreWriter:
    """Streams rows into ``<store>.tmp-*`` beside the target and replaces the target on :meth:`commit`.

    Nothing is visible at the target until every table and the manifest are written; an interrupted
    build leaves the previous store as it was.
    """

    def __init__(self, target: Path) -> None:
        self.target = Path(target).resolve()
        parent = self.target.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.tmp-", dir=parent))
        except OSError as exc:
            raise UserError("E002", path=self.target, reason=exc.strerror or type(exc).__name__) from None
        self._writers: dict[str, pq.ParquetWriter] = {}
        self.rows: dict[str, int] = dict.fromkeys(TABLES, 0)

    def write(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Append rows (a row group) to ``table``."""
        if not rows:
            return
        schema = TABLES[table]
        batch = pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in rows], schema=schema)
        if table not in self._writers:
            self._writers[table] = pq.ParquetWriter(self.tmp / f"{table}.parquet", schema, compression="zstd")
        self._writers[table].write_table(batch)
        self.rows[table] += len(rows)

    def commit(self, manifest: dict[str, Any]) -> Path:
        for table, schema in TABLES.items():
            if table in self._writers:
                self._writers.pop(table).close()
            else:
                pq.write_table(schema.empty_table(), self.tmp / f"{table}.parquet")
        manifest = dict(manifest)
        manifest["format_version"] = FORMAT_VERSION
        manifest["tables"] = {
            t: {"file": f"{t}.parquet", "rows": self.rows[t], "sha256": sha256_file(self.tmp / f"{t}.parquet")}
            for t in TABLES
        }
        manifest_path = self.tmp / "manifest.json"
        manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        for path in self.tmp.iterdir():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
        self._swap()
        return self.target

    def _swap(self) -> None:
        old = None
        if self.target.exists():
            old = self.target.with_name(f".{self.target.name}.old-{os.getpid()}")
            os.replace(self.target, old)
        os.replace(self.tmp, self.target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()
        shutil.rmtree(self.tmp, ignore_errors=True)


def iter_batches(items: Iterable[Any], size: int) -> Iterable[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
