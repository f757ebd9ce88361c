"""PDFs: the text layer page by page, with running headers, footers and page numbers removed, lines
reflowed into paragraphs and end-of-line hyphenation joined.

Layout matters more than in any other format: a PDF has no paragraphs, only lines at positions. A line
gap clearly wider than the page's usual line spacing starts a new paragraph.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from typing import Any

from scoreatlas.errors import ReadError
from scoreatlas.sources.base import ReadOptions, register
from scoreatlas.sources.encoding import finish
from scoreatlas.types import RawDocument, Rejected

# A line this close to the top or bottom of the page and repeated on at least this share of the pages
# (digits ignored, so "Page 3 of 12" repeats) is a running header or footer.
EDGE_LINES = 2
REPEAT_SHARE = 0.5
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]?\s*\d{1,4}\s*[-–—]?|(?:page|seite|pagina|sida)\s*\d{1,4}(?:\s*(?:of|/|von|sur|van|av)\s*\d{1,4})?"
    r"|\d{1,4}\s*/\s*\d{1,4}|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)\s*$",
    re.I,
)
_HYPHEN_END = re.compile(r"(\w+)-$")
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_SENTENCE_END = re.compile(r"[.!?:;。！？：；)\]\"”»]$")


@register(".pdf")
def read_pdf(source: str, data: bytes, options: ReadOptions) -> list[RawDocument | Rejected]:
    pages, meta = _pages(data)
    if not any(lines for lines in pages):
        raise ReadError(f"PDF has no text layer ({len(pages)} pages; a scan needs OCR first)")
    pages = remove_running_lines(pages)
    text = resolve_hyphens("\n\n".join(p for p in (_reflow(lines) for lines in pages) if p))
    if not text.strip():
        raise ReadError(f"PDF has only headers and page numbers ({len(pages)} pages)")
    decoded = finish(text, "pdf")
    meta["format"] = "pdf"
    meta["pages"] = len(pages)
    return [RawDocument(source=source, text=decoded.text, meta=meta, encoding="pdf")]


def _pages(data: bytes) -> tuple[list[list[tuple[float, float, str]]], dict[str, Any]]:
    """Per page, its text lines as ``(top, bottom, text)``; and the document's title and date."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            meta = _info(pdf.metadata or {})
            pages = []
            for page in pdf.pages:
                lines = page.extract_text_lines(return_chars=False)
                pages.append([(float(x["top"]), float(x["bottom"]), x["text"]) for x in lines if x["text"].strip()])
    except Exception as exc:  # pdfminer raises many types, often wrapped in PdfminerException
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReadError("encrypted PDF (a password is needed to open it)") from None
        if isinstance(inner, RecursionError | MemoryError):
            raise ReadError(f"corrupt PDF ({type(inner).__name__})") from None
        raise ReadError(f"corrupt PDF (cannot be parsed: {type(inner).__name__})") from None
    return pages, meta


def _info(info: dict[str, Any]) -> dict[str, Any]:
    """Title and date from the PDF's document information; the Author field is never kept."""
    meta: dict[str, Any] = {}
    title = info.get("Title")
    if isinstance(title, bytes):
        title = title.decode("utf-8", errors="ignore")
    if isinstance(title, str):
        title = re.sub(r"^Microsoft Word - ", "", title.strip())
        if title.lower() not in ("", "untitled", "document", "(anonymous)"):
            meta["title"] = title
    created = info.get("CreationDate")
    if isinstance(created, bytes):
        created = created.decode("ascii", errors="ignore")
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})", created or "")
    if match and match.group(1) > "1990":
        meta["date"] = "-".join(match.groups())
    return meta


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def remove_running_lines(pages: list[list[tuple[float, float, str]]]) -> list[list[tuple[float, float, str]]]:
    """Drop page numbers, and lines at the top or bottom edge that repeat on most pages."""
    repeated: set[str] = set()
    if len(pages) >= 2:
        counts: Counter[str] = Counter()
        for lines in pages:
            edge = lines[:EDGE_LINES] + lines[-EDGE_LINES:]
            counts.update({_key(text) for _, _, text in edge})
        repeated = {k for k, n in counts.items() if n >= max(2, REPEAT_SHARE * len(pages))}
    out = []
    for lines in pages:
        keep = []
        for i, (top, bottom, text) in enumerate(lines):
            at_edge = i < EDGE_LINES or i >= len(lines) - EDGE_LINES
            if at_edge and (_key(text) in repeated or _PAGE_NUMBER.match(text)):
                continue
            keep.append((top, bottom, text))
        out.append(keep)
    return out


def _reflow(lines: list[tuple[float, float, str]]) -> str:
    """Join a page's lines into paragraphs: a wide vertical gap, or a short line ending a sentence, breaks."""
    if not lines:
        return ""
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(lines) if b[0] > a[0]]
    step = statistics.median(gaps) if gaps else 0.0
    paragraphs: list[str] = []
    current = lines[0][2].strip()
    for (top, _, _), (next_top, _, text) in itertools.pairwise(lines):
        text = text.strip()
        if step and next_top - top > 1.4 * step:
            paragraphs.append(current)
            current = text
        else:
            current = join_lines(current, text)
    paragraphs.append(current)
    return "\n\n".join(p for p in paragraphs if p)


_SPLIT = "\x00"  # marks a hyphen at a line end until the whole document is known
_SPLIT_WORD = re.compile(r"(\w+)\x00(\w+)")


def join_lines(left: str, right: str) -> str:
    """Join two wrapped lines; a hyphen at the line end is marked for :func:`resolve_hyphens`."""
    if not left:
        return right
    if not right:
        return left
    if _HYPHEN_END.search(left) and right[:1].islower():
        return left[:-1] + _SPLIT + right
    if _CJK.match(left[-1]) and _CJK.match(right[0]):
        return left + right
    return f"{left} {right}"


def resolve_hyphens(text: str) -> str:
    """Decide each line-end hyphen: drop it (``regis-tration``) unless the document writes the word with a
    hyphen elsewhere and never without (``state-owned``)."""
    words = Counter(re.findall(r"\w+(?:-\w+)*", text.replace(_SPLIT, " ").lower()))

    def decide(m: re.Match[str]) -> str:
        joined, hyphenated = m.group(1) + m.group(2), f"{m.group(1)}-{m.group(2)}"
        if words[hyphenated.lower()] and not words[joined.lower()]:
            return hyphenated
        return joined

    return _SPLIT_WORD.sub(decide, text).replace(_SPLIT, "")
