"""Plots of analysis tables, as matplotlib :class:`~matplotlib.figure.Figure` objects.

Figures are made without ``pyplot``, so nothing global changes and no display is needed (the Agg canvas
renders them); Jupyter shows a returned figure, and :func:`to_png` turns one into bytes for the report.
"""

from __future__ import annotations

import functools
import io
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from matplotlib.figure import Figure

F = TypeVar("F", bound=Callable[..., Any])

# Chinese terms need a CJK font; the first of these that is installed is used after DejaVu Sans.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
             "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "Arial Unicode MS")


@functools.lru_cache(maxsize=1)
def _families() -> list[str]:
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return ["DejaVu Sans", *[f for f in CJK_FONTS if f in installed]]


def _styled(func: F) -> F:
    """Run a plot function with the font fallback list (text objects keep the fonts they were made with)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import matplotlib

        with matplotlib.rc_context({"font.family": _families()}):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    # Without pyplot no inline backend registers these figures with IPython: let Jupyter show them as PNG.
    fig._repr_png_ = lambda: to_png(fig)  # type: ignore[attr-defined]
    return fig


def to_png(fig: Figure, *, dpi: int = 100) -> bytes:
    """The figure as PNG bytes."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # Without a CJK font installed, Chinese labels show as boxes; saying so once per glyph helps nobody.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


@_styled
def heatmap(matrix: pd.DataFrame, *, title: str = "Evidence passages, program x dimension") -> Figure:
    """Program x dimension heat map of a wide count table (``atlas.matrix()``), counts written in the cells.

    Example:
        >>> import scoreatlas as sa
        >>> atlas = sa.open("build/atlas")  # doctest: +SKIP
        >>> heatmap(atlas.matrix()).savefig("matrix.png")  # doctest: +SKIP
    """
    rows, cols = matrix.shape
    fig = _figure(max(6.0, 0.75 * cols + 3.5), max(3.0, 0.32 * rows + 1.6))
    ax = fig.add_subplot()
    values = matrix.to_numpy(dtype=float)
    shown = np.log1p(values)
    image = ax.imshow(shown, cmap="YlGnBu", aspect="auto", vmin=0, vmax=max(float(shown.max()), 1.0))
    ax.set_xticks(range(cols), [str(c) for c in matrix.columns], rotation=45, ha="right")
    ax.set_yticks(range(rows), [str(r) for r in matrix.index])
    limit = shown.max() * 0.6 if rows and cols else 0
    for r in range(rows):
        for c in range(cols):
            ax.text(c, r, f"{int(values[r, c])}", ha="center", va="center", fontsize=7,
                    color="white" if shown[r, c] > limit else "black")
    ax.set_title(title)
    bar = fig.colorbar(image, ax=ax, shrink=0.6)
    bar.set_label("passages (log scale)")
    return fig


@_styled
def claims_over_time(claims: pd.DataFrame, *, title: str = "Claims by year") -> Figure:
    """Number of claims per year (the year a figure refers to), stacked by unit.

    Example:
        >>> import scoreatlas as sa
        >>> atlas = sa.open("build/atlas")  # doctest: +SKIP
        >>> claims_over_time(atlas.claims(topic="sanctions"))  # doctest: +SKIP
    """
    fig = _figure(8, 3.6)
    ax = fig.add_subplot()
    dated = claims.dropna(subset=["year"]) if "year" in claims.columns else claims.iloc[0:0]
    if dated.empty:
        ax.text(0.5, 0.5, "no dated claims", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    table = dated.assign(year=dated["year"].astype(int)).pivot_table(
        index="year", columns="unit", values="value", aggfunc="size", fill_value=0)
    bottom = np.zeros(len(table))
    for unit in table.columns:
        ax.bar(table.index, table[unit], bottom=bottom, label=str(unit) or "(none)")
        bottom += table[unit].to_numpy()
    ax.set_xlabel("year")
    ax.set_ylabel("claims")
    ax.set_title(title)
    ax.legend(fontsize=8, ncols=2)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return fig


@_styled
def dispersion_plot(hits: pd.DataFrame, *, title: str = "", max_groups: int = 30) -> Figure:
    """One row per group, a tick at each hit's relative place in its document (``atlas.dispersion(...)``).

    Example:
        >>> import scoreatlas as sa
        >>> atlas = sa.open("build/atlas")  # doctest: +SKIP
        >>> dispersion_plot(atlas.dispersion("appeal*", by="program"))  # doctest: +SKIP
    """
    by = hits.attrs.get("by")
    column = by if by in hits.columns else "doc_id"
    groups = hits[column].astype(str).value_counts().head(max_groups).index.tolist() if len(hits) else []
    fig = _figure(8, max(2.0, 0.3 * len(groups) + 1.2))
    ax = fig.add_subplot()
    if not groups:
        ax.text(0.5, 0.5, "no hits", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    groups = sorted(groups)
    for y, group in enumerate(groups):
        xs = hits.loc[hits[column].astype(str).eq(group), "relative_position"].to_numpy()
        ax.vlines(xs, y - 0.4, y + 0.4, linewidth=1)
    ax.set_yticks(range(len(groups)), groups)
    ax.set_ylim(-0.6, len(groups) - 0.4)
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.set_xlabel("relative position in document")
    ax.set_title(f"Dispersion of {title}" if title else "Dispersion")
    return fig


@_styled
def keyness_plot(table: pd.DataFrame, *, n: int = 15, title: str = "Keyness") -> Figure:
    """Horizontal bars of the ``n`` most key terms of the target (top) and of the reference (bottom).

    Example:
        >>> import scoreatlas as sa
        >>> atlas = sa.open("build/atlas")  # doctest: +SKIP
        >>> keyness_plot(atlas.keyness(target="CN"))  # doctest: +SKIP
    """
    top = table[table["statistic"] > 0].head(n)
    bottom = table[table["statistic"] < 0].tail(n)
    shown = pd.concat([top, bottom])
    fig = _figure(7, max(2.5, 0.22 * len(shown) + 1.2))
    ax = fig.add_subplot()
    if shown.empty:
        ax.text(0.5, 0.5, "no key terms", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    y = np.arange(len(shown))
    colors = ["#2b6cb0" if v > 0 else "#c05621" for v in shown["statistic"]]
    ax.barh(y, shown["statistic"], color=colors)
    ax.set_yticks(y, shown["term"].astype(str).tolist(), fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(table.attrs.get("measure", "statistic") + " (target > 0 > reference)")
    ax.set_title(title)
    return fig
