"""The short text summary printed after a build and by ``scoreatlas info``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scoreatlas.analysis import Atlas

SHORT = {
    "operator": "oper", "legal_basis": "law", "targets": "targ", "data_sources": "data",
    "scoring_method": "score", "rewards": "rewd", "sanctions": "sanc", "publicity": "publ",
    "redress": "redr", "scale": "scale", "oversight": "over",
}


def summary_text(atlas: Atlas, *, matrix: bool = True) -> str:
    """Documents stored and rejected, programs, countries, and the program x dimension count table."""
    docs = atlas.documents
    counts = docs["status"].value_counts().to_dict()
    stored = docs[docs["status"].eq("stored")]
    programs = sorted({p for ps in stored["programs"] for p in ps})
    countries = sorted({c for cs in stored["countries"] for c in cs})
    langs = stored["lang"].value_counts().to_dict()
    lines = [
        f"store: {atlas.path}",
        "documents: " + ", ".join(f"{counts.get(s, 0)} {s}" for s in ("stored", "rejected", "duplicate")),
        "languages: " + ", ".join(f"{k} {v}" for k, v in sorted(langs.items())),
        f"passages: {len(atlas.passages)}, claims: {len(atlas.claims_table)}, events: {len(atlas.events)}",
        f"programs: {len(programs)}",
        f"countries: {len(countries)} ({' '.join(countries)})",
    ]
    reasons = atlas.manifest.get("reasons") or {}
    if reasons:
        lines.append("rejected: " + "; ".join(f"{k}: {v}" for k, v in sorted(reasons.items())))
    redactions = atlas.manifest.get("redactions") or {}
    if redactions:
        lines.append("redacted: " + ", ".join(f"{k} {v}" for k, v in sorted(redactions.items())))
    if matrix and programs:
        table = atlas.matrix(programs)
        table = table.rename(columns=lambda c: SHORT.get(c, c))
        lines += ["", "evidence passages, program x dimension:", table.to_string()]
    return "\n".join(lines)
