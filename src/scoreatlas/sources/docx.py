"""Word documents (``.docx``): body paragraphs and tables in reading order, title and date from the
document properties. Page headers and footers are left out (they repeat on every page), and so are the
author and last-editor properties (they are persons).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from scoreatlas.errors import ReadError
from scoreatlas.sources.base import ReadOptions, register
from scoreatlas.sources.encoding import finish
from scoreatlas.types import RawDocument, Rejected


@register(".docx")
def read_docx(source: str, data: bytes, options: ReadOptions) -> list[RawDocument | Rejected]:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError("legacy Word document named .docx (save it as .docx or PDF first)")
    if not data.startswith(b"PK"):
        raise ReadError("corrupt DOCX (not a ZIP archive)")
    document = _open(data)
    blocks = list(_blocks(document))
    text = "\n\n".join(b for b in blocks if b.strip())
    if not text.strip():
        raise ReadError(f"DOCX has no text ({len(blocks)} empty paragraphs)")
    meta: dict[str, Any] = {"format": "docx"}
    props = document.core_properties
    if props.title:
        meta["title"] = props.title.strip()
    if props.created:
        meta["date"] = props.created.date().isoformat()
    if props.language:
        meta["declared_lang"] = props.language.split("-")[0].lower()
    decoded = finish(text, "docx")
    return [RawDocument(source=source, text=decoded.text, meta=meta, encoding="docx")]


def _open(data: bytes) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            bad = archive.testzip()
            if bad is not None:
                raise ReadError("corrupt DOCX (a part fails its checksum)")
            if "word/document.xml" not in archive.namelist():
                raise ReadError("corrupt DOCX (no word/document.xml part)")
        return docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError("truncated or corrupt DOCX (the ZIP archive is incomplete)") from None
    except (PackageNotFoundError, KeyError, XMLSyntaxError, zipfile.LargeZipFile, EOFError) as exc:
        raise ReadError(f"corrupt DOCX ({type(exc).__name__})") from None


def _blocks(document: Any) -> Iterator[str]:
    """Paragraphs and tables in the order they appear; a table row becomes one line, cells joined by tabs."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            rows = []
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = cell.text.strip()
                    if not cells or cells[-1] != value:  # merged cells repeat their text
                        cells.append(value)
                rows.append("\t".join(cells))
            yield "\n".join(rows)
