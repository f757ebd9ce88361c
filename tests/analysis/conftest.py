"""Fixtures of the analysis tests: a small store built from real files, for exact counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SMALL_REGISTRY, SMALL_TAXONOMY

MINI = Path(__file__).resolve().parent / "data" / "mini"


@pytest.fixture(scope="session")
def mini_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three documents (English news and brief, Chinese brief) built with the small registry and taxonomy."""
    import scoreatlas as sa

    store = tmp_path_factory.mktemp("mini") / "atlas"
    sa.build([MINI], store=store, registry=SMALL_REGISTRY, taxonomy=SMALL_TAXONOMY)
    return store


@pytest.fixture(scope="session")
def mini(mini_store: Path):
    import scoreatlas as sa

    return sa.open(mini_store)


@pytest.fixture(scope="session")
def shipped_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus built once; ``SCOREATLAS_TEST_STORE`` names an already built one to reuse instead."""
    import os

    import scoreatlas as sa
    from conftest import CORPUS_TEXTS

    given = os.environ.get("SCOREATLAS_TEST_STORE")
    if given and (Path(given) / "manifest.json").is_file():
        return Path(given)
    store = tmp_path_factory.mktemp("shipped") / "atlas"
    sa.build([CORPUS_TEXTS], store=store)
    return store
