"""Finding input files and dispatching them to the reader for their format.

Readers only read: they return :class:`~scoreatlas.types.RawDocument` records in memory and never write.
A reader signals an unusable input by raising :class:`~scoreatlas.errors.ReadError` with a reason that
holds no document text.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from scoreatlas.errors import ReadError, UserError
from scoreatlas.types import RawDocument, Rejected

Reader = Callable[[Path, bytes], list[RawDocument]]

READERS: dict[str, Reader] = {}

MAX_FILE_BYTES = 200 * 1024 * 1024


def register(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for file suffixes (lower case, with the dot)."""

    def wrap(func: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = func
        return func

    return wrap


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_inputs(sources: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand files and folders (recursively, hidden entries skipped) into a sorted list of files."""
    found: list[Path] = []
    for src in sources:
        path = Path(src)
        if not path.exists() and not path.is_symlink():
            raise UserError("E001", path=path)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / f for f in sorted(files) if not f.startswith("."))
        else:
            found.append(path)
    return found


def read_path(path: Path) -> list[RawDocument] | Rejected:
    """Read one input file into documents, or a :class:`Rejected` record saying why not."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        return Rejected(str(path), f"unsupported file type '{path.suffix or '(none)'}'")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Rejected(str(path), f"file too large ({size} bytes; limit {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except PermissionError:
        return Rejected(str(path), "file cannot be read (permission denied)")
    except OSError as exc:
        return Rejected(str(path), f"file cannot be read ({type(exc).__name__})")
    digest = content_hash(data)
    if not data.strip():
        return Rejected(str(path), "empty file", digest)
    try:
        docs = reader(path, data)
    except ReadError as exc:
        return Rejected(str(path), str(exc), digest)
    for doc in docs:
        doc.content_hash = doc.content_hash or digest
    return docs


def iter_inputs(sources: Iterable[str | os.PathLike[str]]) -> Iterator[RawDocument | Rejected]:
    """Stream every input as documents (one per file, or per row of a table) or rejections."""
    paths = find_inputs(sources)
    if not paths:
        raise UserError("E009")
    for path in paths:
        result = read_path(path)
        if isinstance(result, Rejected):
            yield result
        else:
            yield from result
