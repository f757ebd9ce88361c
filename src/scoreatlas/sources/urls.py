"""URLs (a ``.urls`` file, or ``--urls FILE``): fetched with a bounded client, then read by content type.

Every limit is there because a corpus build must finish: a total time limit per URL (not only per read),
a cap on the body size (checked against Content-Length before reading, and again while streaming), a
limit on redirects with loops detected, and only http(s) URLs whose content type one of our readers
handles. Each URL that fails becomes a rejected row with the reason, and the build goes on.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

from scoreatlas.errors import ReadError
from scoreatlas.sources.base import READERS, ReadOptions, read_bytes, register
from scoreatlas.types import RawDocument, Rejected

CONTENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/csv": ".csv",
    "text/tab-separated-values": ".tsv",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
}
# Servers that do not know better send these; then the URL's own suffix decides.
_GENERIC_TYPES = {"application/octet-stream", "binary/octet-stream", "application/download", ""}

USER_AGENT = "scoreatlas/0.1 (research corpus builder)"


def parse_url_list(text: str) -> list[str]:
    """URLs of a ``.urls`` file: one per line; blank lines and lines starting with ``#`` are skipped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def fetch(url: str, options: ReadOptions) -> tuple[bytes, str, str]:
    """Fetch ``url`` within the limits of ``options``: ``(body, reader suffix, final URL)`` or :class:`ReadError`."""
    import httpx

    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise ReadError(f"unsupported URL scheme '{scheme or '(none)'}' (only http and https)")
    deadline = time.monotonic() + options.timeout
    seen: set[str] = set()
    timeout = httpx.Timeout(options.timeout, connect=min(options.timeout, 10.0))
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client:
            for _ in range(options.max_redirects + 1):
                if url in seen:
                    raise ReadError(f"redirect loop (back to an address already visited after {len(seen)} requests)")
                seen.add(url)
                with client.stream("GET", url) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        if urlsplit(url).scheme.lower() not in ("http", "https"):
                            raise ReadError("redirect to a URL that is not http or https")
                        continue
                    if response.status_code != 200:
                        raise ReadError(f"HTTP {response.status_code} ({response.reason_phrase or 'error'})")
                    suffix = _suffix(response.headers.get("content-type", ""), url)
                    return _body(response, options, deadline), suffix, url
            raise ReadError(f"too many redirects (more than {options.max_redirects})")
    except httpx.TimeoutException:
        raise ReadError(f"timed out (limit {options.timeout:g} s)") from None
    except httpx.HTTPError as exc:
        raise ReadError(f"connection failed ({type(exc).__name__})") from None


def _suffix(content_type: str, url: str) -> str:
    kind = content_type.split(";")[0].strip().lower()
    if kind in CONTENT_TYPES:
        return CONTENT_TYPES[kind]
    if kind in _GENERIC_TYPES:
        suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
        if suffix in READERS and suffix != ".urls":
            return suffix
    raise ReadError(f"unsupported content type '{kind[:60] or '(none)'}'")


def _body(response: object, options: ReadOptions, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")  # type: ignore[attr-defined]
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise ReadError(f"response too large (Content-Length {int(declared)} bytes; limit {options.max_bytes})")
    body = bytearray()
    for chunk in response.iter_bytes():  # type: ignore[attr-defined]
        body += chunk
        if len(body) > options.max_bytes:
            raise ReadError(f"response too large (more than {options.max_bytes} bytes)")
        if time.monotonic() > deadline:
            raise ReadError(f"timed out (limit {options.timeout:g} s, body still arriving)")
    return bytes(body)


def fetch_documents(url: str, options: ReadOptions) -> list[RawDocument | Rejected]:
    """One URL as documents, or a rejection naming what went wrong."""
    try:
        data, suffix, final = fetch(url, options)
    except ReadError as exc:
        return [Rejected(url, str(exc))]
    results = read_bytes(url, data, suffix, options)
    for item in results:
        if isinstance(item, RawDocument):
            item.meta.setdefault("source_url", final)
            item.meta["accessed"] = datetime.date.today().isoformat()
    return results


def fetch_all(urls: Iterable[str], options: ReadOptions) -> Iterator[RawDocument | Rejected]:
    for url in urls:
        yield from fetch_documents(url, options)


@register(".urls")
def read_url_list(source: str, data: bytes, options: ReadOptions) -> list[RawDocument | Rejected]:
    from scoreatlas.sources.encoding import decode

    urls = parse_url_list(decode(data).text)
    if not urls:
        raise ReadError("no URLs in the list (only blank or comment lines)")
    return list(fetch_all(urls, options))
