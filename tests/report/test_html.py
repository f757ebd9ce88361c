"""The HTML report as text: self-contained, every stored text escaped, links only to http(s)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_cli
from scoreatlas.cli import app
from scoreatlas.report.html import http_url


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if found.get("id"):
            self.ids.add(str(found["id"]))


def parse(path: Path) -> _Collect:
    parser = _Collect()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a?b=1&c=2", True), ("http://example.org", True), ("HTTPS://EXAMPLE.ORG/x", True),
        ("javascript:alert(1)", False), (" javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False), ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False), ("//example.org/x", False), ("/etc/passwd", False), ("", False), (None, False),
        ("https://", False), ("https://exa mple.org", False),
    ],
)
def test_html_http_url_keeps_only_http_links(url, kept: bool) -> None:
    assert (http_url(url) != "") is kept


@pytest.mark.parametrize("report", ["shipped_report", "hostile_report"])
def test_html_report_is_self_contained(report: str, request: pytest.FixtureRequest) -> None:
    path = request.getfixturevalue(report)
    parsed = parse(path)
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "iframe", "object", "embed", "base", "form")
        if tag in ("img", "script", "source", "audio", "video"):
            assert (attrs.get("src") or "data:").startswith("data:"), attrs
        if tag == "a":
            assert re.match(r"^(#|https?://)", attrs.get("href") or "#"), attrs
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
    assert sum(1 for tag, _ in parsed.tags if tag == "script") == 1
    assert "Content-Security-Policy" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("needle", ["#ev-cn_spc_dishonest_judgment_debtors-sanctions", "#program-de_schufa",
                                    "#ev-us_tsdb_no_fly_selectee-sanctions"])
def test_html_matrix_cells_link_to_evidence_that_exists(shipped_report: Path, needle: str) -> None:
    parsed = parse(shipped_report)
    hrefs = {a.get("href") for tag, a in parsed.tags if tag == "a"}
    assert needle in hrefs
    internal = {h[1:] for h in hrefs if h and h.startswith("#")}
    assert internal <= parsed.ids


@pytest.mark.parametrize("section", ["summary", "matrix", "evidence", "programs", "crossref", "sources", "manifest", "heatmap"])
def test_html_report_has_every_section(shipped_report: Path, section: str) -> None:
    assert section in parse(shipped_report).ids


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<script>window.__pwned=1</script>", "&lt;script&gt;window.__pwned=1&lt;/script&gt;"),
        ("<script>window.__pwned=4</script>", "&lt;script&gt;window.__pwned=4&lt;/script&gt;"),
        ('<img src=x onerror="window.__pwned=5">', "&lt;img src=x onerror=&#34;window.__pwned=5&#34;&gt;"),
        ("<b onmouseover=alert(1)>Evil</b>", "&lt;b onmouseover=alert(1)&gt;Evil&lt;/b&gt;"),
    ],
)
def test_html_hostile_text_is_escaped(hostile_report: Path, raw: str, escaped: str) -> None:
    html = hostile_report.read_text(encoding="utf-8")
    assert raw not in html
    assert escaped in html


@pytest.mark.parametrize("scheme", ["javascript:"])
def test_html_hostile_source_url_is_text_not_a_link(hostile_report: Path, scheme: str) -> None:
    parsed = parse(hostile_report)
    assert not [a for tag, a in parsed.tags if tag == "a" and scheme in (a.get("href") or "").lower()]
    assert "https://example.org/ok?a=1&amp;b=&lt;2&gt;" in hostile_report.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["report.html"])
def test_html_cli_report_writes_one_file(hostile_store: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / "sub" / name
    proc = run_cli("report", "--store", str(hostile_store), "-o", str(out), check=True)
    assert out.is_file() and str(out) in proc.stdout
    missing = CliRunner().invoke(app, ["report", "--store", str(tmp_path / "none"), "-o", str(out)])
    assert missing.exit_code == 2 and len(missing.stderr.strip().splitlines()) == 1
    assert "no store" in missing.stderr
