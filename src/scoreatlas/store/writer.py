"""Writing a store: Parquet tables streamed into a temporary folder, swapped in only when complete.

The life of a build, and what a SIGKILL at each moment leaves behind:

1. take the lock ``.<store>.lock`` (released by the kernel if the build dies);
2. recover from an earlier crash: put a previous store back if a build died between the two renames of
   its swap, and delete leftover ``.<store>.tmp-*`` and ``.<store>.old-*`` folders;
3. stream rows into ``.<store>.tmp-*`` (row groups of bounded size; nothing visible at the target);
4. write ``manifest.json`` (rows, bytes, mtime and sha256 of every table file), fsync every file;
5. swap: rename the target to ``.<store>.old-*``, rename the temporary folder to the target, fsync the
   parent folder, delete the old folder.

A kill before step 5 leaves the previous store untouched; a kill between the two renames of step 5 leaves
no target for a moment, which readers bridge (they wait briefly, then read ``.old-*``) and the next build
repairs; a kill after them leaves the new store complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import tempfile
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from scoreatlas.errors import UserError
from scoreatlas.store.lock import StoreLock
from scoreatlas.store.schema import FORMAT_VERSION, TABLES

# A row group is written when a table's buffer holds this many rows or about this many bytes of text.
ROW_GROUP_ROWS = 50_000
ROW_GROUP_BYTES = 32 * 1024 * 1024
# Free text: nobody filters on its minimum and maximum, and Parquet would store both, whole, per row group.
NO_STATISTICS = frozenset({"text", "evidence", "facts", "title", "reason", "meta", "redactions", "cleaning"})
# zstd's level 9 makes the text columns about a sixth smaller than the default level 1, at a cost that is
# nothing beside the spaCy pass that produced them.
ZSTD_LEVEL = 9


def parquet_options(schema: pa.Schema) -> dict[str, Any]:
    return {"compression": "zstd", "compression_level": ZSTD_LEVEL,
            "write_statistics": [name for name in schema.names if name not in NO_STATISTICS]}


def manifest_text(manifest: dict[str, Any]) -> str:
    """The manifest as indented JSON, with one line per input: the list of inputs grows with the corpus."""
    inputs = manifest.get("inputs")
    if not isinstance(inputs, list) or not inputs:
        return json.dumps(manifest, indent=2, ensure_ascii=False)
    marker = "\x00inputs\x00"
    text = json.dumps({**manifest, "inputs": marker}, indent=2, ensure_ascii=False)
    lines = ",\n    ".join(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) for entry in inputs)
    return text.replace(json.dumps(marker), "[\n    " + lines + "\n  ]", 1)


def sha256_file(path: Path) -> str:
    with open(path, "rb") as fh:
        return sha256_fd(fh.fileno())


def sha256_fd(fd: int) -> str:
    digest = hashlib.sha256()
    offset = 0
    while True:
        block = os.pread(fd, 1 << 20, offset)
        if not block:
            return digest.hexdigest()
        digest.update(block)
        offset += len(block)


def fault_point(name: str) -> None:
    """Die here, by SIGKILL, when ``SCOREATLAS_FAULT`` names this point (crash tests aim at exact moments)."""
    if os.environ.get("SCOREATLAS_FAULT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _siblings(target: Path, kind: str) -> list[Path]:
    prefix = f".{target.name}.{kind}-"
    try:
        return sorted(
            (p for p in target.parent.iterdir() if p.name.startswith(prefix)),
            key=lambda p: p.lstat().st_mtime_ns,
        )
    except OSError:
        return []


def swap_in_progress(target: Path) -> bool:
    """True while a build is between the two renames of its swap (or died there)."""
    return bool(_siblings(target, "old"))


def previous_store(target: Path) -> Path | None:
    """The newest ``.<store>.old-*`` folder that holds a whole store (its manifest is written last)."""
    for old in reversed(_siblings(target, "old")):
        if (old / "manifest.json").is_file():
            return old
    return None


def recover(target: Path) -> list[str]:
    """Repair what a killed build left beside ``target``; call only while holding the store's lock.

    Returns what was done, one line each (no document text, only folder names).
    """
    target = Path(target).absolute()
    done: list[str] = []
    if not os.path.lexists(target):
        old = previous_store(target)
        if old is not None:
            os.replace(old, target)
            _fsync_dir(target.parent)
            done.append(f"restored the previous store from {old.name} (a build died while swapping)")
    for stale in _siblings(target, "tmp") + _siblings(target, "old"):
        shutil.rmtree(stale, ignore_errors=True)
        done.append(f"removed {stale.name} left by an interrupted build")
    return done


def _is_store_or_empty(path: Path) -> bool:
    if not path.is_dir():
        return False
    if (path / "manifest.json").is_file():
        return True
    return not any(path.iterdir())


def _approx_bytes(row: dict[str, Any]) -> int:
    return sum(len(v) for v in row.values() if isinstance(v, str)) + 64


class StoreWriter:
    """Streams rows into ``.<store>.tmp-*`` beside the target and replaces the target on :meth:`commit`.

    Nothing is visible at the target until every table and the manifest are written; an interrupted
    build leaves the previous store as it was. The writer holds the store's lock from construction to
    :meth:`commit` or :meth:`abort` (pass ``lock`` to hand over one taken earlier).

    Args:
        target: the store folder.
        partitioned: write each table as a folder of part files (``passages/part-00000.parquet``) rather
            than one file; :meth:`new_part` starts the next part.
        lock: a :class:`StoreLock` already held for ``target``.
    """

    def __init__(self, target: Path, *, partitioned: bool = False, lock: StoreLock | None = None) -> None:
        self.target = Path(target).absolute()
        self.partitioned = partitioned
        self._own_lock = lock is None
        self.lock = lock if lock is not None else StoreLock(self.target).acquire()
        try:
            if self.target.exists() and not _is_store_or_empty(self.target):
                raise UserError("E002", path=self.target,
                                reason="it exists and is not a Score Atlas store; choose another --store")
            self.recovered = recover(self.target)
            parent = self.target.parent
            parent.mkdir(parents=True, exist_ok=True)
            self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.tmp-", dir=parent))
            # mkdtemp makes the folder private (0700); the store gets the permissions of any new folder.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self.tmp, 0o777 & ~umask)
        except OSError as exc:
            self._release()
            raise UserError("E002", path=self.target, reason=exc.strerror or type(exc).__name__) from None
        except BaseException:
            self._release()
            raise
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._buffers: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self._buffer_bytes: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._files: dict[str, list[str]] = {t: [] for t in TABLES}
        self._part = 0
        self.rows: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._file_rows: dict[str, int] = {}

    def _release(self) -> None:
        if self._own_lock:
            self.lock.release()

    def _file_for(self, table: str) -> str:
        return f"{table}/part-{self._part:05d}.parquet" if self.partitioned else f"{table}.parquet"

    def _writer(self, table: str) -> pq.ParquetWriter:
        if table not in self._writers:
            rel = self._file_for(table)
            (self.tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            self._writers[table] = pq.ParquetWriter(self.tmp / rel, TABLES[table], **parquet_options(TABLES[table]))
            self._files[table].append(rel)
            self._file_rows[rel] = 0
        return self._writers[table]

    def write(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Append rows to ``table``; they reach the file as row groups of bounded size."""
        if not rows:
            return
        buffer = self._buffers[table]
        buffer.extend(rows)
        self._buffer_bytes[table] += sum(_approx_bytes(r) for r in rows)
        self.rows[table] += len(rows)
        if len(buffer) >= ROW_GROUP_ROWS or self._buffer_bytes[table] >= ROW_GROUP_BYTES:
            self._flush(table)

    def write_arrow(self, table: str, data: pa.Table) -> None:
        """Append an Arrow table (columns of the table's schema, in any order) to ``table``."""
        if data.num_rows == 0:
            return
        self._flush(table)
        schema = TABLES[table]
        columns = [
            data.column(name).cast(field.type) if name in data.column_names else pa.nulls(data.num_rows, field.type)
            for name, field in zip(schema.names, schema, strict=True)
        ]
        batch = pa.Table.from_arrays(columns, schema=schema)
        self._writer(table).write_table(batch)
        self._file_rows[self._files[table][-1]] += batch.num_rows
        self.rows[table] += batch.num_rows

    def _flush(self, table: str) -> None:
        buffer = self._buffers[table]
        if not buffer:
            return
        schema = TABLES[table]
        batch = pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in buffer], schema=schema)
        self._writer(table).write_table(batch, row_group_size=len(buffer))
        fault_point("writing")
        self._file_rows[self._files[table][-1]] += len(buffer)
        buffer.clear()
        self._buffer_bytes[table] = 0

    def new_part(self) -> None:
        """Close the current part file of every table; later rows go to the next part (partitioned only)."""
        if not self.partitioned:
            return
        for table in TABLES:
            self._flush(table)
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()
        self._part += 1

    def commit(self, manifest: dict[str, Any]) -> Path:
        """Write the manifest and swap the new store in. Returns the store path."""
        for table in TABLES:
            self._flush(table)
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()
        fault_point("before-manifest")
        for table, schema in TABLES.items():
            if not self._files[table]:
                rel = self._file_for(table)
                (self.tmp / rel).parent.mkdir(parents=True, exist_ok=True)
                pq.write_table(schema.empty_table(), self.tmp / rel, **parquet_options(schema))
                self._files[table].append(rel)
                self._file_rows[rel] = 0
        tables: dict[str, Any] = {}
        for table in TABLES:
            files = []
            for rel in self._files[table]:
                path = self.tmp / rel
                with open(path, "rb") as fh:
                    os.fsync(fh.fileno())
                    stat = os.fstat(fh.fileno())
                    files.append({"file": rel, "rows": self._file_rows[rel], "bytes": stat.st_size,
                                  "mtime_ns": stat.st_mtime_ns, "sha256": sha256_fd(fh.fileno())})
            entry: dict[str, Any] = {"rows": self.rows[table], "files": files}
            if self.partitioned:
                entry["dir"] = table
            else:
                entry["file"], entry["sha256"] = files[0]["file"], files[0]["sha256"]
            tables[table] = entry
        manifest = dict(manifest)
        manifest["format_version"] = FORMAT_VERSION
        manifest.setdefault("build_id", uuid.uuid4().hex)
        manifest["tables"] = tables
        manifest_path = self.tmp / "manifest.json"
        with open(manifest_path, "w", encoding="utf-8") as fh:
            fh.write(manifest_text(manifest))
            fh.flush()
            os.fsync(fh.fileno())
        for sub in {(self.tmp / rel).parent for files in self._files.values() for rel in files} | {self.tmp}:
            _fsync_dir(sub)
        fault_point("before-swap")
        self._swap()
        self._release()
        return self.target

    def _swap(self) -> None:
        old = None
        if os.path.lexists(self.target):
            old = self.target.with_name(f".{self.target.name}.old-{uuid.uuid4().hex[:12]}")
            os.replace(self.target, old)
            fault_point("mid-swap")
        os.replace(self.tmp, self.target)
        _fsync_dir(self.target.parent)
        fault_point("after-swap")
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Drop everything written; the previous store stays as it was."""
        for writer in self._writers.values():
            with contextlib.suppress(Exception):  # a half-written file is deleted next anyway
                writer.close()
        self._writers.clear()
        shutil.rmtree(self.tmp, ignore_errors=True)
        self._release()


def iter_batches(items: Iterable[Any], size: int) -> Iterable[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def wait_for_swap(target: Path, seconds: float) -> bool:
    """Wait up to ``seconds`` for a swap in progress to finish; True once the target has a manifest."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (target / "manifest.json").is_file():
            return True
        if not swap_in_progress(target):
            return False
        time.sleep(0.01)
    return (target / "manifest.json").is_file()
