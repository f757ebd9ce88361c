"""Limits on what one input may cost: bytes, pages, unpacked bytes, characters, seconds.

A hostile or broken file (a ZIP bomb dressed as DOCX, a PDF of a hundred thousand pages, a 2 GB log named
``.txt``) must not take the build down or fill the memory: it is rejected with a reason that names the
limit and the flag that raises it, and the build goes on with the other inputs.

The cheap checks run on the bytes before any parser sees them (:func:`check_data`); the clock runs around
the whole reading of one input (:func:`deadline`); readers may also consult ``options.limits`` themselves
(the PDF reader, for instance, can stop at ``max_pages``).

Example:
    >>> check_data(".txt", b"hello", Limits(max_bytes=3))
    'file too large (5 bytes; limit 3, see --max-bytes)'
"""

from __future__ import annotations

import contextlib
import io
import re
import signal
import threading
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-input limits, with defaults meant for ordinary reports, web pages and tables.

    Attributes:
        max_bytes: the largest input file (``--max-bytes``).
        max_pages: the most pages a PDF may have (``--max-pages``).
        max_unpacked_bytes: the most bytes a ZIP-based file (DOCX, XLSX) may unpack to (``--max-unpacked``).
        max_ratio: the highest compression ratio of any part of a ZIP-based file (ZIP bombs compress ~1000x).
        max_chars: the most characters of text one document may have (``--max-chars``); the parser and
            NER need memory in proportion to it.
        max_seconds: wall-clock seconds to read one input (``--max-seconds``).
        max_depth: the deepest element nesting of HTML and XML (``--max-depth``).
    """

    max_bytes: int = 200 * MB
    max_pages: int = 2_000
    max_unpacked_bytes: int = 500 * MB
    max_ratio: int = 200
    max_chars: int = 2_000_000
    max_seconds: float = 120.0
    max_depth: int = 500


class ReadTimeout(Exception):
    """Raised inside a reader when its input has used up ``max_seconds``."""


def check_data(suffix: str, data: bytes, limits: Limits) -> str | None:
    """The reason to refuse ``data`` before parsing it, or ``None``."""
    if len(data) > limits.max_bytes:
        return f"file too large ({len(data)} bytes; limit {limits.max_bytes}, see --max-bytes)"
    if data[:4] == b"PK\x03\x04":
        return check_zip(data, limits)
    if suffix == ".pdf" and data[:5] == b"%PDF-":
        return check_pdf(data, limits)
    if suffix in (".html", ".htm", ".xhtml", ".xml"):
        return check_markup(data, limits)
    return text_too_long(suffix, len(data), limits)


TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})


def text_too_long(suffix: str, size: int, limits: Limits) -> str | None:
    """The reason to refuse a plain-text input of ``size`` bytes before reading it, or ``None``."""
    if suffix in TEXT_SUFFIXES and size > 4 * limits.max_chars:
        # No encoding fits more than one character into four bytes.
        return (f"text too long (over {size // 4} characters in {size} bytes; limit {limits.max_chars}, "
                "see --max-chars)")
    return None


def read_cap(suffix: str, limits: Limits) -> int:
    """The most bytes of a file worth reading: past this, the input is refused whatever it holds."""
    return min(limits.max_bytes, 4 * limits.max_chars) if suffix in TEXT_SUFFIXES else limits.max_bytes


def check_zip(data: bytes, limits: Limits) -> str | None:
    """Refuse archives that would unpack to more than ``max_unpacked_bytes`` or compress suspiciously well.

    The sizes in the ZIP directory can lie, so readers that unpack must also stop at the limit; the
    directory check catches every ordinary bomb without unpacking anything.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return None  # the reader says what is wrong with it
    if len(infos) > 10_000:
        return f"archive has too many parts ({len(infos)}; limit 10000)"
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked_bytes:
        return (f"archive unpacks to too much ({total} bytes; limit {limits.max_unpacked_bytes}, "
                "see --max-unpacked)")
    for info in infos:
        if info.file_size > 1 * MB and info.file_size > limits.max_ratio * max(1, info.compress_size):
            return (f"archive part compressed {info.file_size // max(1, info.compress_size)}x "
                    f"(a ZIP bomb; limit {limits.max_ratio}x)")
    # Office XML never declares a DTD; one that does may expand entities without end ("billion laughs").
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with archive.open(info) as part:
                        head = part.read(4096)
                    if b"<!ENTITY" in head or b"<!DOCTYPE" in head:
                        return "archive XML declares a DTD or entities (refused: entity expansion can explode)"
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError, RuntimeError):
        return None
    return None


def pdf_page_count(data: bytes) -> int | None:
    """Pages of a PDF by pdfium (fast, C), or ``None`` when pdfium cannot open it."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    try:
        document = pdfium.PdfDocument(data)
    except Exception:  # pdfium raises PdfiumError, and others on odd input; the reader reports it
        return None
    try:
        return len(document)
    finally:
        document.close()


def check_pdf(data: bytes, limits: Limits) -> str | None:
    pages = pdf_page_count(data)
    if pages is not None and pages > limits.max_pages:
        return f"PDF has too many pages ({pages}; limit {limits.max_pages}, see --max-pages)"
    unpacked = pdf_unpacked_bytes(data, limits.max_unpacked_bytes)
    if unpacked > limits.max_unpacked_bytes:
        return (f"PDF streams unpack to too much (over {limits.max_unpacked_bytes} bytes, a PDF bomb; "
                "see --max-unpacked)")
    return None


_STREAM = re.compile(rb"stream\r?\n")


def pdf_unpacked_bytes(data: bytes, stop: int) -> int:
    """The bytes the PDF's Flate streams unpack to, counted without keeping them; stops counting past ``stop``.

    Parsers (pdfminer among them) inflate a content stream whole in memory, so a few kilobytes that inflate
    to gigabytes must be refused before a parser sees them.
    """
    total = 0
    view = memoryview(data)  # slices of it are not copies
    for match in _STREAM.finditer(data):
        header = data[max(0, match.start() - 512) : match.start()]
        if b"FlateDecode" not in header:
            continue
        inflate = zlib.decompressobj()
        pos = match.end()
        end = data.find(b"endstream", pos)
        chunk = view[pos : end if end > 0 else len(data)]
        try:
            # Inflate in bounded steps: never more than 1 MB of output held at once.
            out = inflate.decompress(chunk, MB)
            total += len(out)
            while inflate.unconsumed_tail and total <= stop:
                out = inflate.decompress(inflate.unconsumed_tail, MB)
                total += len(out)
        except zlib.error:
            continue
        if total > stop:
            break
    return total


def markup_depth(data: bytes, stop: int) -> int:
    """The deepest nesting of start tags in ``data``, counted roughly (void and self-closed tags ignored);
    stops counting at ``stop``."""
    depth = deepest = 0
    void = {b"br", b"img", b"meta", b"link", b"input", b"hr", b"area", b"base", b"col", b"embed",
            b"param", b"source", b"track", b"wbr", b"p", b"li", b"td", b"tr", b"th", b"option"}
    for m in re.finditer(rb"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>", data):
        closing, name, selfclose = m.group(1), m.group(2).lower(), m.group(3)
        if selfclose or name in void:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop:
                    break
    return deepest


def check_markup(data: bytes, limits: Limits) -> str | None:
    if b"<!ENTITY" in data[:65536] or b"<!entity" in data[:65536]:
        return "markup declares entities (refused: entity expansion can explode, as in 'billion laughs')"
    depth = markup_depth(data, limits.max_depth)
    if depth > limits.max_depth:
        return f"markup nested too deeply (over {limits.max_depth} levels; see --max-depth)"
    return None


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`ReadTimeout` in the block once ``seconds`` have passed (main thread only; elsewhere,
    and for ``seconds <= 0``, the block runs unbounded and readers rely on the other limits)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ReadTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
