"""Plots: matplotlib figures that render to non-blank PNGs."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from scoreatlas.analysis.plots import to_png


def _colours(png: bytes) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return len(image.getcolors(maxcolors=1 << 20) or [])


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("plot_matrix", {}),
        ("plot_claims", {}),
        ("plot_dispersion", {"pattern": "appeal*", "by": "program"}),
        ("plot_keyness", {"target": "CN"}),
    ],
)
def test_plots_render_non_blank_figures(shipped_atlas, method: str, kwargs: dict) -> None:
    from matplotlib.figure import Figure

    fig = getattr(shipped_atlas, method)(**kwargs)
    assert isinstance(fig, Figure) and fig.axes
    png = to_png(fig)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert _colours(png) > 10


@pytest.mark.parametrize("method", ["plot_dispersion"])
def test_plots_say_so_when_there_is_nothing(mini, method: str) -> None:
    fig = getattr(mini, method)("zzzz")
    assert any(t.get_text() == "no hits" for t in fig.axes[0].texts)
