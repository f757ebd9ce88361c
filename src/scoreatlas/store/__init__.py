"""The store: a folder of Parquet tables plus ``manifest.json``."""

from scoreatlas.store.reader import Store
from scoreatlas.store.schema import FORMAT_VERSION, TABLES, TEXT_COLUMNS
from scoreatlas.store.writer import StoreWriter, iter_batches, sha256_file

__all__ = ["FORMAT_VERSION", "TABLES", "TEXT_COLUMNS", "Store", "StoreWriter", "iter_batches", "sha256_file"]
