"""The ``scoreatlas`` command: a thin face over the Python API.

A user error prints one line ``scoreatlas: [Ennn] ...`` and exits 2; a bug keeps its traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import Enum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from scoreatlas.errors import UserError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    # Rich tracebacks print local variables, which may hold raw document text.
    pretty_exceptions_enable=False,
    help="Score Atlas: a person-free corpus of scoring programs.")

F = TypeVar("F", bound=Callable[..., Any])

StoreOpt = Annotated[Path, typer.Option("--store", help="The store folder.")]


class Format(str, Enum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def user_errors(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            typer.echo(f"scoreatlas: {exc}", err=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _jsonable(value: Any) -> Any:
    import numpy as np

    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, float) and value != value:
        return None
    return value


def emit(frame: Any, fmt: Format | ExportFormat, output: Path | None = None) -> None:
    """Write a DataFrame as an aligned table, CSV, JSON Lines or Parquet."""
    import pandas as pd

    if fmt == ExportFormat.parquet:
        if output is None:
            raise UserError("E016", what="--format parquet", allowed="used with -o FILE", value="stdout")
        frame.to_parquet(output, index=False)
        return
    if fmt in (Format.csv, ExportFormat.csv):
        out = frame.copy()
        for col in out.columns:
            if out[col].map(lambda v: isinstance(v, list)).any():
                out[col] = out[col].map(lambda v: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v)
        text = out.to_csv(index=False)
    elif fmt in (Format.jsonl, ExportFormat.jsonl):
        lines = [
            json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False, default=str)
            for row in frame.to_dict(orient="records")
        ]
        text = "\n".join(lines) + ("\n" if lines else "")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                               "display.max_colwidth", 80):
            text = frame.to_string(index=False) + "\n" if len(frame) else "(no rows)\n"
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@app.command()
@user_errors
def build(
    sources: Annotated[list[Path], typer.Argument(help="Files or folders (recursive).")],
    store: StoreOpt,
    model: Annotated[
        str | None, typer.Option(help="An installed spaCy pipeline, used for its language instead of the default.")
    ] = None,
    jobs: Annotated[int, typer.Option(min=1, help="Processes for the spaCy pass.")] = 1,
    registry: Annotated[Path | None, typer.Option(help="Program registry YAML (default: the shipped one).")] = None,
    taxonomy: Annotated[Path | None, typer.Option(help="Topic taxonomy YAML (default: the shipped one).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress or summary.")] = False,
) -> None:
    """Build a store from SOURCES."""
    from scoreatlas.pipeline import build as run_build
    from scoreatlas.pipeline import open_store
    from scoreatlas.report import summary_text

    result = run_build(sources, store=store, model=model, jobs=jobs, registry=registry, taxonomy=taxonomy, quiet=quiet)
    if not quiet:
        typer.echo(summary_text(open_store(result.store)))
        typer.echo(f"\nbuilt in {result.seconds:.1f} s")


@app.command()
@user_errors
def export(
    store: StoreOpt,
    table: Annotated[str, typer.Option("--table", help="documents, passages, claims, events or programs.")],
    format: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.jsonl,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
) -> None:
    """Export one table (JSON Lines on stdout by default)."""
    from scoreatlas.pipeline import open_store

    emit(open_store(store).table(table), format, output)


@app.command()
@user_errors
def info(store: StoreOpt) -> None:
    """Summarise a store: documents by status and reason, programs, countries, evidence table."""
    from scoreatlas.pipeline import open_store
    from scoreatlas.report import summary_text

    typer.echo(summary_text(open_store(store)))


@app.command()
@user_errors
def sql(store: StoreOpt, query: Annotated[str, typer.Argument(help="A DuckDB SELECT over the tables.")],
        format: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """Run SQL (DuckDB) over the tables."""
    from scoreatlas.pipeline import open_store

    emit(open_store(store).sql(query), format)


@app.command()
@user_errors
def audit(store: StoreOpt) -> None:
    """Re-scan every stored text for personal data; exit 1 when anything is found."""
    from scoreatlas.pipeline import audit as run_audit

    report = run_audit(store)
    if report.clean:
        typer.echo(f"audit: clean ({report.store})")
        return
    counts = report.counts()
    typer.echo("audit: personal data found: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for f in report.findings:
        typer.echo(f"  {f['table']}.{f['column']} row {f['row']}: {f['kind']} x{f['count']}")
    raise typer.Exit(1)


@app.command()
@user_errors
def compare(
    store: StoreOpt,
    program: Annotated[list[str] | None, typer.Option("--program", help="Limit to these programs.")] = None,
    dimension: Annotated[list[str] | None, typer.Option("--dimension", help="Limit to these dimensions.")] = None,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Program x dimension: evidence passages per cell (csv/jsonl: one row per cell with the strongest passage)."""
    from scoreatlas.pipeline import open_store
    from scoreatlas.report.summary import SHORT

    atlas = open_store(store)
    table = atlas.compare(program, dimension)
    if format == Format.table:
        wide = atlas.matrix(program, dimension).rename(columns=lambda c: SHORT.get(c, c))
        typer.echo(wide.to_string())
        typer.echo("\ncells: evidence passages. Sentences behind a cell: scoreatlas evidence PROGRAM DIMENSION")
    else:
        emit(table, format)


@app.command()
@user_errors
def evidence(
    program: str, dimension: str, store: StoreOpt,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
    limit: Annotated[int, typer.Option(help="At most this many passages in table output (0: all).")] = 20,
) -> None:
    """The passages behind one program x dimension cell, with their sources."""
    from scoreatlas.pipeline import open_store

    frame = open_store(store).evidence(program, dimension)
    if format == Format.table:
        shown = frame if limit == 0 else frame.head(limit)
        for i, row in enumerate(shown.itertuples(), 1):
            typer.echo(f"{i}. {row.text}\n   topics: {', '.join(row.topics)} (cue: {row.cue})\n"
                       f"   source: {row.source}" + (f"\n   cites: {row.citation}" if row.citation else "") + "\n")
        typer.echo(f"{len(frame)} passages")
    else:
        emit(frame, format)


@app.command()
@user_errors
def coverage(store: StoreOpt, format: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """Per program: dimensions with evidence, and the ones with none."""
    from scoreatlas.pipeline import open_store

    emit(open_store(store).coverage(), format)


@app.command()
@user_errors
def crossref(topic: str, store: StoreOpt, format: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """For one dimension or subtopic, what every program says, side by side."""
    from scoreatlas.pipeline import open_store

    emit(open_store(store).crossref(topic), format)


@app.command()
@user_errors
def related(program: str, store: StoreOpt, format: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """Programs ranked by the topics they share with PROGRAM."""
    from scoreatlas.pipeline import open_store

    emit(open_store(store).related(program), format)


@app.command()
@user_errors
def claims(
    store: StoreOpt,
    program: Annotated[str | None, typer.Option()] = None,
    topic: Annotated[str | None, typer.Option()] = None,
    unit: Annotated[str | None, typer.Option()] = None,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Figures with their unit, topic, program and evidence."""
    from scoreatlas.pipeline import open_store

    frame = open_store(store).claims(program=program, topic=topic, unit=unit)
    cols = ["program", "value", "unit", "currency", "topic", "year", "evidence"] if format == Format.table else list(frame.columns)
    emit(frame[cols], format)


@app.command()
@user_errors
def timeline(program: str, store: StoreOpt, format: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """Dated events of one program, oldest first."""
    from scoreatlas.pipeline import open_store

    frame = open_store(store).timeline(program)
    cols = ["date", "event_type", "cue", "program", "evidence"] if format == Format.table else list(frame.columns)
    emit(frame[cols], format)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
