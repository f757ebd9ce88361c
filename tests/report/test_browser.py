"""The report in real headless Chromium: loads offline, no console error, no request, hostile text inert."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from report.browser import Chromium, find_chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    executable = find_chromium()
    if executable is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium); the browser tests need it")
    chromium = Chromium(executable)
    try:
        yield chromium
    finally:
        chromium.close()


def _only_local(requests: list[str], page: Path) -> list[str]:
    return [u for u in requests if not (u.startswith("data:") or u == page.resolve().as_uri())]


@pytest.mark.parametrize("report", ["shipped_report", "hostile_report"])
def test_browser_report_loads_without_errors_or_requests(browser: Chromium, report: str,
                                                         request: pytest.FixtureRequest) -> None:
    path = request.getfixturevalue(report)
    browser.open(path)
    assert browser.problems() == []
    assert _only_local(browser.requests(), path) == []
    assert browser.evaluate("document.title") == "Score Atlas report"


@pytest.mark.parametrize("selector", ["#matrix-table"])
def test_browser_matrix_screenshot_is_not_blank(browser: Chromium, shipped_report: Path, selector: str) -> None:
    browser.open(shipped_report)
    rows = browser.evaluate(f"document.querySelectorAll('{selector} tbody tr').length")
    assert rows >= 20
    png = browser.screenshot(selector)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width > 300 and image.height > 300
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 20  # text, cell shades and borders, not one flat colour


@pytest.mark.parametrize("cell", ["cn_spc_dishonest_judgment_debtors-sanctions"])
def test_browser_matrix_cell_leads_to_its_evidence(browser: Chromium, shipped_report: Path, cell: str) -> None:
    browser.open(shipped_report)
    browser.evaluate(f"document.querySelector('a[href=\"#ev-{cell}\"]').click()")
    assert browser.evaluate("location.hash") == f"#ev-{cell}"
    text = browser.evaluate(f"document.getElementById('ev-{cell}').innerText")
    assert "sanctions" in text and "http" in text  # passages with their sources


@pytest.mark.parametrize("script", ["<script>window.__pwned=4</script>", '<img src=x onerror="window.__pwned=5">'])
def test_browser_hostile_text_is_shown_and_never_runs(browser: Chromium, hostile_report: Path, script: str) -> None:
    browser.open(hostile_report)
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert script in browser.evaluate("document.body.innerText")
    assert browser.evaluate("document.querySelectorAll('[onerror], [onmouseover], a[href^=\"javascript\" i]').length") == 0
    assert browser.evaluate("Array.from(document.images).every(i => i.src.startsWith('data:'))")


@pytest.mark.parametrize("query", ["schufa"])
def test_browser_program_filter_runs(browser: Chromium, shipped_report: Path, query: str) -> None:
    browser.open(shipped_report)
    visible = browser.evaluate(
        "(() => { const box = document.getElementById('program-filter');"
        f" box.value = '{query}'; box.dispatchEvent(new Event('input'));"
        " return Array.from(document.querySelectorAll('#matrix-table tbody tr')).filter(r => !r.hidden).length; })()"
    )
    assert visible == 1
    assert browser.problems() == []
