"""Fixtures of the report tests: reports written from real stores (shipped corpus, hostile text)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import SMALL_REGISTRY, SMALL_TAXONOMY

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"


@pytest.fixture(scope="session")
def built_store(request: pytest.FixtureRequest) -> Path:
    """The shipped corpus built once per session (the shared ``shipped_store``); ``SCOREATLAS_TEST_STORE`` names
    an already built store to reuse instead, for quick reruns."""
    given = os.environ.get("SCOREATLAS_TEST_STORE")
    if given and (Path(given) / "manifest.json").is_file():
        return Path(given)
    return request.getfixturevalue("shipped_store")


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Markdown and text whose title, sources and passages carry <script>, onerror= and javascript: links."""
    import scoreatlas as sa

    store = tmp_path_factory.mktemp("hostile") / "atlas"
    sa.build([HOSTILE], store=store, registry=SMALL_REGISTRY, taxonomy=SMALL_TAXONOMY)
    return store


@pytest.fixture(scope="session")
def shipped_report(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import scoreatlas as sa
    from scoreatlas.report import write_report

    return write_report(sa.open(built_store), tmp_path_factory.mktemp("report") / "report.html")


@pytest.fixture(scope="session")
def hostile_report(hostile_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import scoreatlas as sa
    from scoreatlas.report import write_report

    return write_report(sa.open(hostile_store), tmp_path_factory.mktemp("hostile-report") / "report.html")
