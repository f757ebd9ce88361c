"""Saved web pages: the main text of the page, its title, date, language and publisher; never its author.

Main-text extraction is trafilatura's: navigation, cookie banners, side bars, share widgets and most
related-story boxes go with the page template. What a newsroom puts inside the article itself (captions,
promotional lines, video cues, bylines) is left to the cleaning rules in ``corpus/cleaning.yaml``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from scoreatlas.errors import ReadError
from scoreatlas.sources.base import ReadOptions, register
from scoreatlas.sources.encoding import Decoded, decode, finish
from scoreatlas.sources.text import decoded_meta
from scoreatlas.types import RawDocument, Rejected

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?""", re.I)


def decode_html(data: bytes) -> Decoded:
    """Decode a page with the charset it declares when that works, otherwise by detection."""
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk"):
            name = "gb18030"  # a superset: pages labelled GB2312 often use GBK characters
        try:
            return finish(data.decode(name), name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def extract_page(html: str) -> tuple[str, dict[str, Any]]:
    """The main text of a page and its metadata (title, date, publisher, URL, declared language)."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        page = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            deduplicate=False,
        )
    except (ValueError, TypeError) as exc:  # lxml refuses some malformed documents outright
        raise ReadError(f"HTML cannot be parsed ({type(exc).__name__})") from None
    if page is None or isinstance(page, dict):
        raise ReadError(f"HTML has no main text ({len(html)} characters of markup, no article found)")
    text = page.text or ""
    if not _has_prose(text):
        raise ReadError(f"HTML has no main text ({len(html)} characters of markup, no article found)")
    meta: dict[str, Any] = {
        "title": page.title or "",
        "date": page.date or "",
        "publisher": page.sitename or "",
        "source_url": page.url or "",
        "format": "html",
    }
    lang = _HTML_LANG.search(html[:4096])
    if lang:
        # Templates often keep lang="en" on every page; the detected language decides ``lang``.
        meta["declared_lang"] = lang.group(1).lower()
    # page.author is deliberately not kept: a byline is a person's name.
    return text, {k: v for k, v in meta.items() if v}


_WORD = re.compile(r"\w+")
_HAN = re.compile(r"[\u3400-\u9fff]")
MIN_WORDS = 5


def _has_prose(text: str) -> bool:
    """When there is no article, extraction falls back to whatever is left ("Home About"): a menu is not text."""
    return any(len(_WORD.findall(line)) >= MIN_WORDS or len(_HAN.findall(line)) >= 2 * MIN_WORDS
               for line in text.split("\n"))


@register(".html", ".htm", ".xhtml")
def read_html(source: str, data: bytes, options: ReadOptions) -> list[RawDocument | Rejected]:
    decoded = decode_html(data)
    text, meta = extract_page(decoded.text)
    meta.update(decoded_meta(decoded))
    return [RawDocument(source=source, text=text, meta=meta, encoding=decoded.encoding)]
