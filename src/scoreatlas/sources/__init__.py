"""Readers: files and folders in, :class:`~scoreatlas.types.RawDocument` records out."""

from scoreatlas.sources import text  # noqa: F401  (registers the readers)
from scoreatlas.sources.base import READERS, find_inputs, iter_inputs, read_path

__all__ = ["READERS", "find_inputs", "iter_inputs", "read_path"]
