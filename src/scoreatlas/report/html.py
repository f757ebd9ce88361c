"""The offline HTML report: one self-contained file a colleague can open without Python or a network.

Everything it shows comes from the analysis layer (``atlas.compare``, ``evidence``, ``crossref``, ``claims``,
``timeline`` and the plots). Stored text is data, never markup: the Jinja2 environment autoescapes every value,
links are written only for ``http(s)`` URLs, and a Content Security Policy forbids any request and any script
but the report's own (allowed by its hash), so that even a mistake in escaping could not run injected code.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pandas as pd

from scoreatlas import __version__
from scoreatlas.errors import UserError

if TYPE_CHECKING:
    from scoreatlas.analysis import Atlas

EVIDENCE_PER_CELL = 5
CLAIMS_PER_PROGRAM = 12

# The report's only script: filter the matrix and the program sections by a typed program id or name.
SCRIPT = """
(function () {
  var box = document.getElementById("program-filter");
  if (!box) { return; }
  box.addEventListener("input", function () {
    var q = box.value.toLowerCase();
    document.querySelectorAll("[data-program]").forEach(function (el) {
      var text = (el.getAttribute("data-program") + " " + (el.getAttribute("data-name") || "")).toLowerCase();
      el.hidden = q !== "" && text.indexOf(q) === -1;
    });
  });
})();
""".strip()


def http_url(value: Any) -> str:
    """``value`` when it is an absolute http(s) URL, else ``""`` (so ``javascript:`` never becomes a link)."""
    if not isinstance(value, str):
        return ""
    url = value.strip()
    if any(ord(ch) < 0x21 for ch in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _cell_style(count: int, top: int) -> str:
    """Background of a matrix cell: darker with more evidence (log scale); numbers only, never text."""
    if count <= 0:
        return "background:#f7f7f7;color:#999"
    share = math.log1p(count) / math.log1p(max(top, 1))
    light = round(92 - 55 * share)
    return f"background:hsl(205,70%,{light}%);color:{'#fff' if light < 60 else '#111'}"


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for row in frame.to_dict(orient="records"):
        out.append({k: ("" if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()})
    return out


def _facts(raw: Any) -> list[dict[str, str]]:
    try:
        facts = json.loads(raw or "[]")
    except (TypeError, ValueError):
        return []
    return [{"text": str(f.get("text", "")), "source": str(f.get("source", ""))} for f in facts if isinstance(f, dict)]


def _value(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return f"{int(v):,}"
    return f"{v:,}" if isinstance(v, (int, float)) else str(v)


def context(atlas: Atlas, *, programs: Sequence[str] | None = None) -> dict[str, Any]:
    """Everything the template shows, gathered from the analysis layer."""
    from scoreatlas.analysis.plots import claims_over_time, heatmap, to_png

    docs = atlas.documents
    stored = docs[docs["status"].eq("stored")]
    table = atlas.compare(programs)
    names = atlas.programs.set_index("program")
    with_evidence = table.groupby("program", sort=False)["passages"].sum()
    shown = [p for p in with_evidence.index if with_evidence[p] > 0]
    dims = list(dict.fromkeys(table["dimension"]))
    top = int(table["passages"].max()) if len(table) else 0
    cells = {(r.program, r.dimension): r for r in table.itertuples()}
    matrix_rows = []
    evidence_sections = []
    from scoreatlas.analysis.compare import evidence_table

    evidence = {key: frame for key, frame in evidence_table(atlas, shown, dims, per_cell=EVIDENCE_PER_CELL)
                .groupby(["program", "dimension"], sort=False)} if shown else {}
    for program in shown:
        row_cells = []
        for dim in dims:
            cell = cells[(program, dim)]
            anchor = f"ev-{program}-{dim}"
            row_cells.append({"dimension": dim, "passages": int(cell.passages), "sources": int(cell.sources),
                              "anchor": anchor, "style": _cell_style(int(cell.passages), top)})
            if cell.passages:
                evidence_sections.append({
                    "anchor": anchor, "program": program, "dimension": dim, "total": int(cell.passages),
                    "sources": int(cell.sources), "rows": _records(evidence[(program, dim)]),
                })
        matrix_rows.append({"program": program, "name": str(names["name"].get(program, "")),
                            "country": str(names["country"].get(program, "")), "cells": row_cells,
                            "total": int(with_evidence[program])})
    matrix = atlas.matrix(shown, dims) if shown else pd.DataFrame()
    heat = _data_uri(to_png(heatmap(matrix))) if shown else ""
    claims = atlas.claims()
    claims_png = _data_uri(to_png(claims_over_time(claims))) if len(claims) else ""
    coverage = atlas.coverage(shown).set_index("program") if shown else pd.DataFrame()
    program_sections = []
    for program in shown:
        info = names.loc[program]
        timeline = atlas.timeline(program)
        pclaims = atlas.claims(program=program)
        program_sections.append({
            "program": program,
            "name": str(info.get("name", "")),
            "country": str(info.get("country", "")),
            "kind": str(info.get("kind", "")),
            "operator": str(info.get("operator", "")),
            "start_year": "" if pd.isna(info.get("start_year")) else int(info.get("start_year")),
            "status": str(info.get("status", "")),
            "aliases": list(info.get("aliases", [])),
            "facts": _facts(info.get("facts")),
            "sources": list(info.get("sources", [])),
            "missing": list(coverage.loc[program, "missing"]) if program in coverage.index else [],
            "covered": int(coverage.loc[program, "dimensions_covered"]) if program in coverage.index else 0,
            "timeline": _records(timeline[["date", "event_type", "cue", "evidence", "source", "citation"]]),
            "claims": _records(pclaims.head(CLAIMS_PER_PROGRAM).assign(shown=pclaims["value"].map(_value))[
                ["shown", "unit", "currency", "topic", "year", "figure", "evidence", "citation"]]) if len(pclaims) else [],
            "n_claims": len(pclaims),
        })
    crossref = []
    for dim in dims:
        rows = atlas.crossref(dim)
        crossref.append({"dimension": dim, "rows": _records(rows)})
    sources = atlas.sources()
    manifest = atlas.manifest
    counts = docs["status"].value_counts().to_dict()
    return {
        "version": __version__,
        "created": manifest.get("created", ""),
        "store": atlas.path.name,
        "registry": manifest.get("registry", {}),
        "taxonomy": manifest.get("taxonomy", {}),
        "summary": {
            "stored": int(counts.get("stored", 0)), "rejected": int(counts.get("rejected", 0)),
            "duplicate": int(counts.get("duplicate", 0)),
            "languages": sorted(stored["lang"].fillna("").value_counts().items()),
            "passages": len(atlas.passages), "claims": len(claims), "events": len(atlas.events),
            "programs": len(shown), "registry_programs": len(names),
            "countries": sorted({c for cs in stored["countries"] for c in cs}),
            "kinds": sorted(stored["kind"].fillna("").replace("", "(none)").value_counts().items()),
        },
        "dims": dims,
        "matrix_rows": matrix_rows,
        "no_evidence": [p for p in with_evidence.index if with_evidence[p] == 0],
        "evidence_sections": evidence_sections,
        "heatmap": heat,
        "claims_png": claims_png,
        "programs": program_sections,
        "crossref": crossref,
        "sources": _records(sources) if len(sources) else [],
        "manifest": {
            "counts": manifest.get("counts", {}),
            "reasons": manifest.get("reasons", {}),
            "redactions": manifest.get("redactions", {}),
            "cleaning": manifest.get("cleaning", {}),
            "inputs": manifest.get("inputs", []),
            "pipelines": manifest.get("spacy_pipelines") or manifest.get("spacy_pipeline") or {},
        },
        "evidence_per_cell": EVIDENCE_PER_CELL,
    }


def _flat(value: Any) -> list[tuple[str, Any]]:
    """A nested manifest entry (cleaning counts) as (dotted key, value) pairs."""
    if isinstance(value, dict):
        out: list[tuple[str, Any]] = []
        for k, v in value.items():
            out += [(f"{k}.{sub}" if sub else str(k), x) for sub, x in _flat(v)]
        return out
    return [("", value)]


def environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("scoreatlas.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["http_url"] = http_url
    env.filters["flat"] = _flat
    env.filters["num"] = _value
    return env


def render_report(atlas: Atlas, *, programs: Sequence[str] | None = None) -> str:
    """The report as one HTML string.

    Example:
        >>> import scoreatlas as sa
        >>> html = render_report(sa.open("build/atlas"))  # doctest: +SKIP
    """
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
           "base-uri 'none'; form-action 'none'")
    return environment().get_template("report.html.j2").render(**context(atlas, programs=programs), script=SCRIPT, csp=csp)


def write_report(atlas: Atlas, output: str | Path, *, programs: Sequence[str] | None = None) -> Path:
    """Write the report to ``output`` (folders created) and return its path.

    Example:
        >>> import scoreatlas as sa
        >>> write_report(sa.open("build/atlas"), "build/report.html")  # doctest: +SKIP
    """
    path = Path(output)
    html = render_report(atlas, programs=programs)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise UserError("E016", what="-o FILE", allowed="a file that can be written",
                        value=f"{path} ({exc.strerror or type(exc).__name__})") from None
    return path
