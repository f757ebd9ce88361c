"""Reading a store: tables as pandas DataFrames, SQL through DuckDB. Readers never take a lock."""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from scoreatlas.errors import UserError
from scoreatlas.store.schema import FORMAT_VERSION, TABLES


class Store:
    """A built store on disk. Tables load on first use and stay cached.

    Attributes:
        path: the store folder.
        manifest: the parsed ``manifest.json``.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        manifest_path = self.path / "manifest.json"
        if not manifest_path.is_file():
            raise UserError("E006", path=self.path)
        try:
            self.manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise UserError("E014", path=self.path, detail="manifest.json cannot be parsed") from None
        found = self.manifest.get("format_version", 0)
        if not isinstance(found, int) or found > FORMAT_VERSION:
            raise UserError("E013", path=self.path, found=found, supported=FORMAT_VERSION)
        for table, entry in self.manifest.get("tables", {}).items():
            if not (self.path / entry["file"]).exists():
                raise UserError("E014", path=self.path, detail=f"table file '{entry['file']}' is missing")

    @property
    def tables(self) -> list[str]:
        return list(self.manifest.get("tables", TABLES))

    def table(self, name: str) -> pd.DataFrame:
        """One table as a DataFrame (list columns hold Python lists)."""
        if name not in self.tables:
            raise UserError("E007", table=name, tables=", ".join(self.tables))
        return self._load(name)

    def _load(self, name: str) -> pd.DataFrame:
        cache = self.__dict__.setdefault("_tables", {})
        if name not in cache:
            import pyarrow.parquet as pq

            arrow = pq.read_table(self.path / self.manifest["tables"][name]["file"])
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

    @cached_property
    def _duckdb(self) -> Any:
        import duckdb

        con = duckdb.connect(":memory:")
        for name in self.tables:
            file = (self.path / self.manifest["tables"][name]["file"]).as_posix().replace("'", "''")
            con.execute(f"CREATE VIEW \"{name}\" AS SELECT * FROM read_parquet('{file}')")
        return con

    def sql(self, query: str) -> pd.DataFrame:
        """Run a DuckDB query over the tables (each table is a view of the same name)."""
        import duckdb

        try:
            return self._duckdb.execute(query).df()
        except duckdb.Error as exc:
            raise UserError("E010", reason=str(exc).splitlines()[0]) from None

    def __repr__(self) -> str:
        rows = ", ".join(f"{t}={e.get('rows', '?')}" for t, e in self.manifest.get("tables", {}).items())
        return f"<{type(self).__name__} {self.path} {rows}>"
