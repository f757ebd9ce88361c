"""Fixtures of the analysis tests: a small store built from real files, for exact counts."""

from __future__ import annotations

import os
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
def built_store(request: pytest.FixtureRequest) -> Path:
    """The shipped corpus built once per session (the shared ``shipped_store``); ``SCOREATLAS_TEST_STORE`` names
    an already built store to reuse instead, for quick reruns."""
    given = os.environ.get("SCOREATLAS_TEST_STORE")
    if given and (Path(given) / "manifest.json").is_file():
        return Path(given)
    return request.getfixturevalue("shipped_store")


@pytest.fixture(scope="session")
def shipped_atlas(built_store: Path):
    import scoreatlas as sa

    return sa.open(built_store)
