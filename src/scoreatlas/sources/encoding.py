"""Turning bytes into text: detect the encoding, refuse binary data."""

from __future__ import annotations

import codecs

from scoreatlas.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise :class:`ReadError` for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    if b"\x00" in data[:8192]:
        raise ReadError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for name in ("gb18030", "cp1252"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise ReadError("text encoding could not be determined")
