"""URL fetching against a local HTTP server on 127.0.0.1: every failure is a rejected row with a reason."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scoreatlas.sources import ReadOptions, read_path
from scoreatlas.sources.urls import fetch_documents, parse_url_list
from scoreatlas.types import RawDocument, Rejected

FILES = Path(__file__).resolve().parents[1] / "data" / "ingest" / "files"
FIFTY_MB = 50 * 1024 * 1024
CHUNK = b"x" * 65536


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, ctype: str, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        try:
            if path == "/page.html":
                self._send(200, "text/html; charset=utf-8", (FILES / "page_en.html").read_bytes())
            elif path == "/report.pdf":
                self._send(200, "application/octet-stream", (FILES / "report.pdf").read_bytes())
            elif path == "/missing":
                self._send(404, "text/html", b"<p>not here</p>")
            elif path == "/slow":
                time.sleep(3)
                self._send(200, "text/plain", b"too late")
            elif path == "/huge-declared":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(FIFTY_MB))
                self.end_headers()
                self.wfile.write(CHUNK)
            elif path == "/huge-stream":
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()  # no Content-Length: the body ends when the connection closes
                for _ in range(FIFTY_MB // len(CHUNK)):
                    self.wfile.write(CHUNK)
            elif path in ("/loop-a", "/loop-b"):
                self._send(302, "text/plain", b"", {"Location": "/loop-b" if path == "/loop-a" else "/loop-a"})
            elif path.startswith("/hop/"):
                n = int(path.rsplit("/", 1)[1])
                self._send(302, "text/plain", b"", {"Location": f"/hop/{n + 1}"})
            elif path == "/moved":
                self._send(301, "text/plain", b"", {"Location": "/page.html"})
            elif path == "/image":
                self._send(200, "image/png", bytes.fromhex("89504e470d0a1a0a") + b"\x00" * 64)
            else:
                self._send(404, "text/plain", b"")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


OPTIONS = ReadOptions(timeout=1.0, max_redirects=3)


@pytest.mark.parametrize(
    ("path", "options", "reason"),
    [
        ("/missing", OPTIONS, "HTTP 404 (Not Found)"),
        ("/slow", OPTIONS, "timed out (limit 1 s)"),
        ("/huge-declared", ReadOptions(), f"response too large (Content-Length {FIFTY_MB} bytes; limit 20971520)"),
        ("/huge-stream", ReadOptions(timeout=10, max_bytes=1024 * 1024), "response too large (more than 1048576 bytes)"),
        ("/loop-a", OPTIONS, "redirect loop (back to an address already visited after 2 requests)"),
        ("/hop/0", OPTIONS, "too many redirects (more than 3)"),
        ("/image", OPTIONS, "unsupported content type 'image/png'"),
    ],
)
def test_urls_failures_are_rejected_with_specific_reasons(server: str, path: str, options: ReadOptions, reason: str) -> None:
    [result] = fetch_documents(server + path, options)
    assert isinstance(result, Rejected)
    assert result.source == server + path
    assert result.reason == reason


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x"])
def test_urls_only_http_is_fetched(url: str) -> None:
    [result] = fetch_documents(url, OPTIONS)
    assert isinstance(result, Rejected)
    assert result.reason.startswith("unsupported URL scheme")


@pytest.mark.parametrize(("path", "fragment"), [("/moved", "more than eight million entries"),
                                                ("/report.pdf", "registration stays visible")])
def test_urls_pages_are_read_by_content_type(server: str, path: str, fragment: str) -> None:
    [doc] = fetch_documents(server + path, OPTIONS)
    assert isinstance(doc, RawDocument)
    assert fragment in doc.text
    assert doc.source == server + path
    assert doc.meta["accessed"]


@pytest.mark.parametrize("text", ["# reading list\n\n{server}/page.html\n  {server}/missing  \n"])
def test_urls_list_file_gives_one_row_per_url(tmp_path: Path, server: str, text: str) -> None:
    path = tmp_path / "reading.urls"
    path.write_text(text.format(server=server), encoding="utf-8")
    assert parse_url_list(path.read_text()) == [f"{server}/page.html", f"{server}/missing"]
    results = read_path(path, OPTIONS)
    assert [type(r).__name__ for r in results] == ["RawDocument", "Rejected"]
