"""The store: a folder of Parquet tables plus ``manifest.json``, written by one build at a time."""

from scoreatlas.store.lock import StoreLock, lock_path
from scoreatlas.store.reader import Store, table_files
from scoreatlas.store.schema import FORMAT_VERSION, TABLES, TEXT_COLUMNS
from scoreatlas.store.writer import StoreWriter, iter_batches, recover, sha256_file

__all__ = [
    "FORMAT_VERSION",
    "TABLES",
    "TEXT_COLUMNS",
    "Store",
    "StoreLock",
    "StoreWriter",
    "iter_batches",
    "lock_path",
    "recover",
    "sha256_file",
    "table_files",
]
