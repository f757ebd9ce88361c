"""Score Atlas: a person-free, tagged corpus of scoring and blacklist programs, for pandas and Jupyter.

>>> import scoreatlas as sa
>>> atlas = sa.open("build/atlas")  # doctest: +SKIP
>>> atlas.compare()  # doctest: +SKIP

Nothing is loaded at import time: spaCy, pandas and the data files load when first used.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "build": ("scoreatlas.pipeline", "build"),
    "build_from_frame": ("scoreatlas.pipeline", "build_from_frame"),
    "audit": ("scoreatlas.pipeline", "audit"),
    "open": ("scoreatlas.pipeline", "open_store"),
    "Atlas": ("scoreatlas.analysis", "Atlas"),
    "UserError": ("scoreatlas.errors", "UserError"),
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'scoreatlas' has no attribute '{name}'")
