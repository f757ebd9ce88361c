"""The build cache: processed, de-identified rows of each input file, found again by content.

A rebuild reuses the rows of every input whose bytes, path and build configuration are unchanged, and runs
the spaCy pass only over the rest. The key of an input is the sha256 of

- the file's bytes and its path (a document's id and stored source depend on its path),
- the build configuration (:func:`config_fingerprint`): spaCy pipelines and their package versions, the
  registry, taxonomy, cleaning rules and every other data file under ``corpus/``, the read limits, the
  tool version and a digest of the tool's own code.

What a cache entry holds is exactly what the store would hold for that input (rows that went through
de-identification), plus the near-duplicate signature of each document (a MinHash of word shingles and a
16-byte digest, from which no text can be read back) and the fingerprints of the repeated-line sets its
cleaning used. Raw text is never written: not here, not anywhere.

The cache is a SQLite database (``<store parent>/.<store name>.cache/cache.sqlite``) written only by the
build that holds the store's lock. A build killed half-way leaves every entry it committed, so the next
build resumes where it stopped.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

CACHE_VERSION = 2  # 2: passages carry their lead; documents rows no text
# Entries last used more than this many builds ago are deleted after a build.
KEEP_BUILDS = 3


def default_cache_dir(store: Path) -> Path:
    store = Path(store).absolute()
    return store.with_name(f".{store.name}.cache")


def _hash_file(path: Path, digest: Any) -> None:
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the package's Python files, so that a changed stage invalidates the cache in development."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        _hash_file(path, digest)
    return digest.hexdigest()


def _package_version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def config_fingerprint(
    *, model: str | None, pipelines: dict[str, str], registry: Path | None, taxonomy: Path | None,
    cleaning: Path | None, limits: Any, extra: dict[str, Any] | None = None,
) -> str:
    """One digest of everything, besides an input's own bytes and path, that shapes its stored rows."""
    from scoreatlas import __version__
    from scoreatlas.resources import corpus_dir

    digest = hashlib.sha256()
    parts: dict[str, Any] = {
        "cache_version": CACHE_VERSION,
        "tool_version": __version__,
        "code": code_digest(),
        "model": model or "",
        "pipelines": {lang: [name, _package_version(name)] for lang, name in sorted(pipelines.items())},
        "spacy": _package_version("spacy"),
        "limits": repr(limits),
        "extra": extra or {},
    }
    digest.update(json.dumps(parts, sort_keys=True, default=str).encode())
    data_files: list[Path] = []
    corpus = corpus_dir()
    if corpus.is_dir():
        data_files += [p for p in sorted(corpus.rglob("*")) if p.is_file() and "texts" not in p.relative_to(corpus).parts]
    data_files += [p for p in (registry, taxonomy, cleaning) if p is not None]
    for path in data_files:
        digest.update(str(path).encode())
        with contextlib.suppress(OSError):
            _hash_file(Path(path), digest)
    return digest.hexdigest()


def input_key(config: str, path: str, content_hash: str) -> str:
    return hashlib.sha256(f"{config}\x1f{path}\x1f{content_hash}".encode()).hexdigest()


def set_fingerprint(pairs: Iterable[tuple[str, str]]) -> str:
    """A digest of the whole input set: every (path, content hash), in order."""
    digest = hashlib.sha256()
    for path, content in pairs:
        digest.update(f"{path}\x1f{content}\x1e".encode())
    return digest.hexdigest()


class BuildCache:
    """Cached rows of processed inputs, keyed by :func:`input_key`.

    Example:
        >>> cache = BuildCache(Path("build/.atlas.cache"))  # doctest: +SKIP
        >>> cache.get(key)  # doctest: +SKIP
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "cache.sqlite"
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError:
            # A damaged cache is only lost time: start a new one.
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.unlink(str(self.path) + suffix)
            self._db = self._connect()
        row = self._db.execute("SELECT value FROM state WHERE key = 'build'").fetchone()
        self.build = (int(row[0]) if row else 0) + 1
        self.hits = 0
        self.misses = 0
        self._pending = 0

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS entries "
                   "(key TEXT PRIMARY KEY, value BLOB NOT NULL, groups TEXT NOT NULL, used INTEGER)")
        db.execute("CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("PRAGMA quick_check").fetchone()
        db.execute("BEGIN")
        return db

    def groups(self, keys: list[str]) -> dict[str, dict[str, str]]:
        """For each key held: the repeated-line fingerprints its entry was made with (group hash -> fingerprint)."""
        found: dict[str, dict[str, str]] = {}
        for start in range(0, len(keys), 500):
            part = keys[start : start + 500]
            marks = ",".join("?" * len(part))
            for key, groups in self._db.execute(f"SELECT key, groups FROM entries WHERE key IN ({marks})", part):
                with contextlib.suppress(ValueError):
                    found[key] = json.loads(groups)
        return found

    def get(self, key: str) -> dict[str, Any] | None:
        row = self._db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            entry = json.loads(zlib.decompress(row[0]))
        except (zlib.error, ValueError):
            return None
        self._db.execute("UPDATE entries SET used = ? WHERE key = ?", (self.build, key))
        return entry if isinstance(entry, dict) else None

    def put(self, key: str, entry: dict[str, Any], groups: dict[str, str]) -> None:
        blob = zlib.compress(json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode(), 3)
        self._db.execute("INSERT OR REPLACE INTO entries (key, value, groups, used) VALUES (?, ?, ?, ?)",
                         (key, blob, json.dumps(groups, sort_keys=True), self.build))
        self._pending += 1
        if self._pending >= 200:
            self.checkpoint()

    def checkpoint(self) -> None:
        """Commit what was put so far (a killed build keeps it)."""
        self._db.execute("COMMIT")
        self._db.execute("BEGIN")
        self._pending = 0

    def state(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_state(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))

    def finish(self, **state: str) -> None:
        """After a committed build: record its state, forget entries unused for a while."""
        for key, value in state.items():
            self.set_state(key, value)
        self.set_state("build", str(self.build))
        self._db.execute("DELETE FROM entries WHERE used IS NULL OR used <= ?", (self.build - KEEP_BUILDS,))
        self._db.execute("COMMIT")
        self._db.execute("BEGIN")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("COMMIT")
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    def __enter__(self) -> BuildCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
