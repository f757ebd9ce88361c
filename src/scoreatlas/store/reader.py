"""Reading a store: tables as pandas DataFrames, SQL through DuckDB. Readers never take a lock.

A reader sees one whole store, never a mix of two builds: opening a store opens its folder, its manifest
and every table file it lists through that one folder handle, and keeps the files open. A build that
swaps a new store in afterwards renames and deletes the old folder, but files already open stay readable
(POSIX keeps an open file until its last handle closes), so a notebook that opened the store before the
rebuild keeps reading the store it opened, until it opens the store again.

On opening, each table file is checked against the manifest by size and modification time (cheap); a
file whose time differs (a copy that did not keep times) is checked by its sha256. ``verify`` checks every
sha256 and every row count.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoreatlas.errors import UserError
from scoreatlas.store.schema import DOCUMENT_TEXT_SQL, FORMAT_VERSION, TABLES
from scoreatlas.store.writer import previous_store, sha256_fd, swap_in_progress, wait_for_swap

if TYPE_CHECKING:
    import pandas as pd

# How long a reader waits for a build that is between the two renames of its swap.
SWAP_WAIT_SECONDS = 2.0
_OPEN_ATTEMPTS = 20
_PROC_FD = Path("/proc/self/fd")


def table_files(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The files of one manifest table entry (format 1 had one ``file`` and its ``sha256``)."""
    if "files" in entry:
        return list(entry["files"])
    return [{"file": entry["file"], "sha256": entry.get("sha256"), "rows": entry.get("rows")}]


class _Vanished(Exception):
    """A file listed in the manifest disappeared while opening: a build swapped the store meanwhile."""


class Store:
    """A built store on disk. Tables load on first use and stay cached.

    Attributes:
        path: the store folder as given.
        root: the folder actually read (``path``, or the previous store while a swap is in progress).
        manifest: the parsed ``manifest.json``.
    """

    def __init__(self, path: str | Path, *, check: bool = True) -> None:
        self.path = Path(path)
        self._fds: dict[str, list[int]] = {}
        self._check = check
        self._problems: list[str] = []
        for _attempt in range(_OPEN_ATTEMPTS):
            root = self._locate()
            try:
                self._open(root)
                break
            except _Vanished:
                self.close()
                self._problems = []
                time.sleep(0.01)
            except BaseException:
                self.close()
                raise
        else:
            raise UserError("E014", path=self.path, detail="its files kept changing while opening; try again")

    def _locate(self) -> Path:
        """The folder to read: the store, or the previous store if a build died mid-swap."""
        if (self.path / "manifest.json").is_file():
            return self.path
        if swap_in_progress(self.path):
            if wait_for_swap(self.path, SWAP_WAIT_SECONDS):
                return self.path
            old = previous_store(self.path)
            if old is not None and not (self.path / "manifest.json").is_file():
                return old
        raise UserError("E006", path=self.path)

    def _open(self, root: Path) -> None:
        try:
            dir_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            raise _Vanished from None
        except OSError as exc:
            raise UserError("E006", path=self.path) from exc
        try:
            try:
                mfd = os.open("manifest.json", os.O_RDONLY, dir_fd=dir_fd)
            except FileNotFoundError:
                raise _Vanished from None
            with open(mfd, "rb") as fh:
                raw = fh.read()
            try:
                manifest = json.loads(raw.decode("utf-8"))
                if not isinstance(manifest, dict):
                    raise ValueError
            except ValueError:
                raise UserError("E014", path=self.path, detail="manifest.json cannot be parsed") from None
            found = manifest.get("format_version", 0)
            if not isinstance(found, int) or found > FORMAT_VERSION:
                raise UserError("E013", path=self.path, found=found, supported=FORMAT_VERSION)
            self.manifest: dict[str, Any] = manifest
            self.root = root
            for table, entry in manifest.get("tables", {}).items():
                fds = self._fds.setdefault(table, [])
                for item in table_files(entry):
                    try:
                        fd = os.open(item["file"], os.O_RDONLY, dir_fd=dir_fd)
                    except FileNotFoundError:
                        if not os.path.lexists(root / "manifest.json"):
                            raise _Vanished from None
                        self._problem(f"table file '{item['file']}' of table '{table}' is missing")
                        fd = -1
                    fds.append(fd)
                    if fd >= 0:
                        self._quick_check(table, item, fd)
        finally:
            os.close(dir_fd)

    def _quick_check(self, table: str, item: dict[str, Any], fd: int) -> None:
        """Size against the manifest; a file whose mtime differs is checked by its sha256."""
        stat = os.fstat(fd)
        size = item.get("bytes")
        if size is not None and stat.st_size != size:
            self._problem(f"table file '{item['file']}' of table '{table}' has {stat.st_size} bytes, the manifest "
                          f"says {size} (truncated or altered)")
            return
        mtime = item.get("mtime_ns")
        if (self._check and mtime is not None and stat.st_mtime_ns != mtime and item.get("sha256")
                and sha256_fd(fd) != item["sha256"]):
            self._problem(f"table file '{item['file']}' of table '{table}' fails its checksum (altered)")

    def _problem(self, detail: str) -> None:
        if self._check:
            raise UserError("E014", path=self.path, detail=detail + "; rebuild the store")
        self._problems.append(detail)

    def verify(self) -> list[str]:
        """Check every table file by sha256 and row count. Returns the problems found (empty: intact)."""
        import pyarrow.parquet as pq

        problems = list(self._problems)
        flagged = {p.split("'")[1] for p in self._problems if p.startswith("table file '")}
        for table, entry in self.manifest.get("tables", {}).items():
            total = 0
            for item, fd in zip(table_files(entry), self._fds.get(table, []), strict=False):
                name = item["file"]
                if fd < 0 or name in flagged:
                    continue
                if item.get("sha256") and sha256_fd(fd) != item["sha256"]:
                    problems.append(f"{name}: checksum differs from the manifest (table '{table}')")
                    continue
                try:
                    with open(fd, "rb", closefd=False) as fh:
                        rows = pq.ParquetFile(fh).metadata.num_rows
                except Exception as exc:  # pyarrow raises several types for a damaged file
                    problems.append(f"{name}: not a readable Parquet file ({type(exc).__name__})")
                    continue
                total += rows
                if item.get("rows") is not None and rows != item["rows"]:
                    problems.append(f"{name}: {rows} rows, the manifest says {item['rows']}")
            if entry.get("rows") is not None and total != entry["rows"] and not any(table in p for p in problems):
                problems.append(f"table '{table}': {total} rows, the manifest says {entry['rows']}")
        for table in TABLES:
            if table not in self.manifest.get("tables", {}):
                problems.append(f"table '{table}' is not in the manifest")
        return problems

    @property
    def tables(self) -> list[str]:
        return list(self.manifest.get("tables", TABLES))

    def files(self, name: str) -> list[Path]:
        """The table's files on disk as listed by the manifest (for tools that read Parquet themselves)."""
        return [self.root / item["file"] for item in table_files(self.manifest["tables"][name])]

    def table(self, name: str) -> pd.DataFrame:
        """One table as a DataFrame (list columns hold Python lists)."""
        if name not in self.tables:
            raise UserError("E007", table=name, tables=", ".join(self.tables))
        return self._load(name)

    def arrow(self, name: str) -> Any:
        """One table as a ``pyarrow.Table`` (all its part files, in order)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        parts = []
        for fd in self._fds[name]:
            with open(fd, "rb", closefd=False) as fh:
                # From bytes in memory, not the Python file: Arrow's read-ahead threads calling back into a
                # Python file can outlive the interpreter and abort the process at exit (apache/arrow#34314).
                fh.seek(0)  # the handle is shared: verify() and earlier reads leave it elsewhere
                parts.append(pq.read_table(pa.py_buffer(fh.read())))
        if not parts:
            table = TABLES[name].empty_table() if name in TABLES else pa.table({})
        else:
            table = parts[0] if len(parts) == 1 else pa.concat_tables(parts, promote_options="default")
        if name == "documents" and "text" not in table.column_names:
            table = self._with_text(table)
        return table

    def _with_text(self, documents: Any) -> Any:
        """The documents with their text, joined from the passages (stores from format 3 on keep it there)."""
        import pyarrow as pa

        passages = self._load("passages")
        joined: dict[str, str] = {}
        if len(passages):
            ordered = passages.sort_values(["doc_id", "position"], kind="stable")
            pieces = ordered["lead"].fillna("").astype(str) + ordered["text"].fillna("").astype(str)
            joined = pieces.groupby(ordered["doc_id"], sort=False).agg("".join).to_dict()
        text = pa.array([joined.get(d, "") for d in documents.column("doc_id").to_pylist()], pa.string())
        at = documents.column_names.index("source_url") + 1 if "source_url" in documents.column_names else 0
        return documents.add_column(at, "text", text)

    def _load(self, name: str) -> pd.DataFrame:
        cache = self.__dict__.setdefault("_tables", {})
        if name not in cache:
            arrow = self.arrow(name)
            frame = arrow.to_pandas(types_mapper=None)
            for col, typ in zip(arrow.schema.names, arrow.schema.types, strict=True):
                if str(typ).startswith("list"):
                    frame[col] = frame[col].map(lambda v: list(v) if v is not None else [])
            cache[name] = frame
        return cache[name]

    @property
    def documents(self) -> pd.DataFrame:
        return self._load("documents")

    @property
    def passages(self) -> pd.DataFrame:
        return self._load("passages")

    @property
    def claims_table(self) -> pd.DataFrame:
        return self._load("claims")

    @property
    def events(self) -> pd.DataFrame:
        return self._load("events")

    def _sql_paths(self, name: str) -> list[str]:
        # Through the open handles, so that SQL reads the same store as the DataFrames.
        if _PROC_FD.is_dir():
            return [f"{_PROC_FD}/{fd}" for fd in self._fds[name]]
        return [p.as_posix() for p in self.files(name)]

    @cached_property
    def _duckdb(self) -> Any:
        import duckdb

        con = duckdb.connect(":memory:")
        sources = {name: "read_parquet([" + ", ".join("'" + f.replace("'", "''") + "'" for f in self._sql_paths(name))
                   + "])" for name in self.tables}
        joined = self.manifest.get("format_version", 0) >= 3 and "passages" in sources
        for name, source in sources.items():
            query = f"SELECT * FROM {source}"
            if name == "documents" and joined:
                text = DOCUMENT_TEXT_SQL.format(passages=sources["passages"])
                query = f"SELECT d.*, coalesce(t.text, '') AS text FROM {source} d LEFT JOIN ({text}) t USING (doc_id)"
            con.execute(f"CREATE VIEW \"{name}\" AS {query}")
        return con

    def sql(self, query: str) -> pd.DataFrame:
        """Run a DuckDB query over the tables (each table is a view of the same name)."""
        import duckdb

        try:
            return self._duckdb.execute(query).df()
        except duckdb.Error as exc:
            raise UserError("E010", reason=str(exc).splitlines()[0]) from None

    def close(self) -> None:
        """Close the open table files (also done when the object is garbage collected)."""
        if "_duckdb" in self.__dict__:
            with contextlib.suppress(Exception):
                self.__dict__.pop("_duckdb").close()
        fds, self._fds = getattr(self, "_fds", {}), {}
        for table_fds in fds.values():
            for fd in table_fds:
                if fd < 0:
                    continue
                with contextlib.suppress(OSError):
                    os.close(fd)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()

    def __repr__(self) -> str:
        rows = ", ".join(f"{t}={e.get('rows', '?')}" for t, e in self.manifest.get("tables", {}).items())
        return f"<{type(self).__name__} {self.path} {rows}>"
