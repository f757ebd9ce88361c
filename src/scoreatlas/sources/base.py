"""Finding input files and dispatching them to the reader for their format.

Readers only read: they return :class:`~scoreatlas.types.RawDocument` records in memory and never write.
A reader signals an unusable input by raising :class:`~scoreatlas.errors.ReadError` with a reason that
holds no document text; a reader of a table returns a :class:`~scoreatlas.types.Rejected` for each row
that cannot become a document, so that every row is accounted for.

A reason reads ``kind (details)``: the store's summary counts reasons by the part before `` (``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scoreatlas.errors import ReadError, UserError
from scoreatlas.sources.limits import Limits, check_data, read_cap, text_too_long
from scoreatlas.types import RawDocument, Rejected


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Options that readers share.

    Attributes:
        text_column: the column holding the text in table inputs (CSV, TSV, Parquet, JSON Lines).
        timeout: seconds a URL may take, from connecting to the last byte.
        max_bytes: the largest response body fetched from a URL.
        max_redirects: redirects followed per URL.
        limits: per-input limits on files (size, pages, unpacked bytes, characters, seconds, nesting).
    """

    text_column: str = "text"
    timeout: float = 20.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    limits: Limits = field(default_factory=Limits)


Reader = Callable[[str, bytes, ReadOptions], list[RawDocument | Rejected]]

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


def find_inputs(
    sources: Iterable[str | os.PathLike[str]], *, rejected: list[Rejected] | None = None
) -> list[Path]:
    """Expand files and folders (recursively, hidden entries skipped) into a sorted list of files.

    Inside a folder, a symbolic link is followed only when it stays inside that folder: a link out of it
    (``notes.txt -> ~/.ssh/id_rsa``), a broken link, a link loop and a linked folder are not read, and
    each goes to ``rejected`` (when given) with the reason. A file named on the command line is read
    wherever it points: the user chose it.
    """
    found: list[Path] = []
    for src in sources:
        path = Path(src)
        if not path.exists() and not path.is_symlink():
            raise UserError("E001", path=path)
        if path.is_dir():
            top = path.resolve()
            for root, dirs, files in os.walk(path):
                for d in sorted(d for d in dirs if not d.startswith(".")):
                    if os.path.islink(os.path.join(root, d)) and rejected is not None:
                        rejected.append(Rejected(os.path.join(root, d), "linked folder not followed (symbolic link)"))
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(root, d)))
                for f in sorted(files):
                    if f.startswith("."):
                        continue
                    file = Path(root) / f
                    reason = _link_problem(file, top) if file.is_symlink() else None
                    if reason is None:
                        found.append(file)
                    elif rejected is not None:
                        rejected.append(Rejected(str(file), reason))
        else:
            found.append(path)
    return found


def _link_problem(file: Path, top: Path) -> str | None:
    try:
        target = file.resolve(strict=True)
    except RuntimeError:
        return "symbolic link loop (not read)"
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return "symbolic link loop (not read)"
        return "broken symbolic link (not read)"
    if not target.is_relative_to(top):
        return "symbolic link out of the source folder (not read)"
    if not target.is_file():
        return "symbolic link to something that is not a file (not read)"
    return None


def read_bytes(source: str, data: bytes, suffix: str, options: ReadOptions) -> list[RawDocument | Rejected]:
    """Read ``data`` with the reader for ``suffix``; any failure becomes one :class:`Rejected`."""
    reader = READERS.get(suffix)
    if reader is None:
        return [Rejected(source, f"unsupported file type '{suffix or '(none)'}'")]
    digest = content_hash(data)
    if not data or data.isspace():  # not data.strip(), which would copy a large input whole
        return [Rejected(source, "empty file", digest)]
    refused = check_data(suffix, data, options.limits)
    if refused:
        return [Rejected(source, refused, digest)]
    try:
        docs = reader(source, data, options)
    except ReadError as exc:
        return [Rejected(source, str(exc), digest)]
    for doc in docs:
        doc.content_hash = doc.content_hash or digest
    return docs


def read_path(path: Path, options: ReadOptions | None = None) -> list[RawDocument | Rejected]:
    """Read one input file into documents (one per row of a table) and rejections saying why not."""
    options = options or ReadOptions()
    suffix = path.suffix.lower()
    if suffix not in READERS:
        return [Rejected(str(path), f"unsupported file type '{path.suffix or '(none)'}'")]
    try:
        size = path.stat().st_size
        limits = options.limits
        limit = limits.max_bytes
        if size > limit:
            return [Rejected(str(path), f"file too large ({size} bytes; limit {limit}, see --max-bytes)")]
        # A text file too long to become a document is refused on its size alone: reading a 100 MB line
        # only to count it would cost the memory the limit is there to save.
        refused = text_too_long(suffix, size, limits)
        if refused:
            return [Rejected(str(path), refused)]
        cap = read_cap(suffix, limits)
        with open(path, "rb") as fh:
            data = fh.read(cap + 1)  # a file growing while it is read stops at the cap too
        if len(data) > cap:
            refused = text_too_long(suffix, len(data), limits)
            return [Rejected(str(path), refused or f"file too large (over {limit} bytes, see --max-bytes)")]
    except PermissionError:
        return [Rejected(str(path), "file cannot be read (permission denied)")]
    except FileNotFoundError:
        return [Rejected(str(path), "file cannot be read (missing, or a broken link)")]
    except OSError as exc:
        return [Rejected(str(path), f"file cannot be read ({type(exc).__name__})")]
    return read_bytes(str(path), data, suffix, options)


def iter_inputs(
    sources: Iterable[str | os.PathLike[str]],
    *,
    options: ReadOptions | None = None,
    urls: Iterable[str] = (),
    fetch: bool = True,
) -> Iterator[RawDocument | Rejected]:
    """Stream every input as documents (one per file, per row of a table, per URL) or rejections.

    With ``fetch=False`` nothing is fetched from the network: ``.urls`` files and ``urls`` are skipped
    (the cleaner's first pass uses this, so that no URL is fetched twice).
    """
    from scoreatlas.sources.urls import fetch_all

    options = options or ReadOptions()
    skipped: list[Rejected] = []
    paths = find_inputs(sources, rejected=skipped)
    urls = list(urls)
    if not paths and not urls and not skipped:
        raise UserError("E009")
    yield from skipped
    for path in paths:
        if fetch or path.suffix.lower() != ".urls":
            yield from read_path(path, options)
    if fetch:
        yield from fetch_all(urls, options)
