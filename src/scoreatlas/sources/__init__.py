"""Readers: files, folders, tables and URLs in, :class:`~scoreatlas.types.RawDocument` records out."""

# Importing the reader modules registers them by suffix.
from scoreatlas.sources import docx, html, pdf, table, text, urls  # noqa: F401
from scoreatlas.sources.base import READERS, ReadOptions, find_inputs, iter_inputs, read_bytes, read_path
from scoreatlas.sources.encoding import Decoded, decode
from scoreatlas.sources.table import frame_documents

__all__ = [
    "READERS",
    "Decoded",
    "ReadOptions",
    "decode",
    "find_inputs",
    "frame_documents",
    "iter_inputs",
    "read_bytes",
    "read_path",
]
