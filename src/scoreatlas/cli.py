"""The ``scoreatlas`` command: a thin face over the Python API.

A user error prints one line ``scoreatlas: [Ennn] ...`` and exits 2; a bug keeps its traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from functools import cache, wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from scoreatlas.errors import UserError
from scoreatlas.sources.limits import Limits

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    # Rich tracebacks print local variables, which may hold raw document text.
    pretty_exceptions_enable=False,
    help="Score Atlas: a person-free corpus of scoring programs.")

F = TypeVar("F", bound=Callable[..., Any])

StoreOpt = Annotated[Path, typer.Option("--store", help="The store folder.")]

_LIMITS = Limits()


def _log_to_stderr(*, verbose: bool, quiet: bool) -> None:
    """Warnings on stderr always (unless --quiet), stage by stage with --verbose. Never document text."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("scoreatlas: %(message)s"))
    log = logging.getLogger("scoreatlas")
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.INFO if verbose else logging.ERROR if quiet else logging.WARNING)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class ExportFormat(StrEnum):
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
    sources: Annotated[list[Path] | None, typer.Argument(help="Files or folders (recursive).")] = None,
    *,
    store: StoreOpt,
    model: Annotated[
        str | None, typer.Option(help="An installed spaCy pipeline, used for its language instead of the default.")
    ] = None,
    jobs: Annotated[int, typer.Option(min=1, help="Processes for the spaCy pass.")] = 1,
    registry: Annotated[Path | None, typer.Option(help="Program registry YAML (default: the shipped one).")] = None,
    taxonomy: Annotated[Path | None, typer.Option(help="Topic taxonomy YAML (default: the shipped one).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress or summary.")] = False,
    text_column: Annotated[
        str, typer.Option("--text-column", help="The column holding the text in CSV, TSV, Parquet and JSONL inputs.")
    ] = "text",
    urls: Annotated[
        Path | None, typer.Option("--urls", help="A file of URLs, one per line, fetched with time, size and redirect limits.")
    ] = None,
    cleaning: Annotated[Path | None, typer.Option(help="Cleaning rules YAML (default: the shipped one).")] = None,
    engine: Annotated[Engine, typer.Option(help="Where the stages run: local processes, or a Dask cluster.")] = Engine.local,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (tcp://host:8786); without it, --engine dask starts "
                                      "a local cluster of --jobs workers.")
    ] = None,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Reuse processed inputs from the build cache.")] = True,
    cache_dir: Annotated[
        Path | None, typer.Option(help="Build cache folder (default: .STORE.cache beside the store).")
    ] = None,
    max_bytes: Annotated[int, typer.Option(min=1, help="Largest input file, in bytes.")] = _LIMITS.max_bytes,
    max_pages: Annotated[int, typer.Option(min=1, help="Most pages of a PDF.")] = _LIMITS.max_pages,
    max_unpacked: Annotated[
        int, typer.Option(min=1, help="Most bytes a DOCX or other ZIP-based file may unpack to.")
    ] = _LIMITS.max_unpacked_bytes,
    max_chars: Annotated[int, typer.Option(min=1, help="Most characters of text in one document.")] = _LIMITS.max_chars,
    max_seconds: Annotated[
        float, typer.Option(min=0, help="Seconds to read one input (0: no limit).")
    ] = _LIMITS.max_seconds,
    max_depth: Annotated[int, typer.Option(min=1, help="Deepest nesting of HTML or XML elements.")] = _LIMITS.max_depth,
    verbose: Annotated[bool, typer.Option("--verbose", help="Say what each stage does (never document text).")] = False,
) -> None:
    """Build a store from SOURCES (and --urls)."""
    from dataclasses import replace

    from scoreatlas.store import StoreLock

    if not sources and urls is None:
        raise UserError("E009")
    _log_to_stderr(verbose=verbose, quiet=quiet)
    StoreLock(store).acquire().release()  # a store locked by a running build is refused before the slow imports

    from scoreatlas.pipeline import build as run_build

    limits = replace(_LIMITS, max_bytes=max_bytes, max_pages=max_pages, max_unpacked_bytes=max_unpacked,
                     max_chars=max_chars, max_seconds=max_seconds, max_depth=max_depth)
    result = run_build(sources or [], store=store, model=model, jobs=jobs, registry=registry, taxonomy=taxonomy,
                       quiet=quiet, text_column=text_column, urls=urls, cleaning=cleaning, limits=limits,
                       engine=engine.value, scheduler=scheduler, cache=(cache_dir or True) if cache else False)
    if not quiet:
        # Imported here: the report package loads plotting libraries that a quiet build never needs.
        from scoreatlas.pipeline import open_store
        from scoreatlas.report import summary_text

        typer.echo(summary_text(open_store(result.store)))
        typer.echo(f"\nbuilt in {result.seconds:.1f} s")


@app.command()
@user_errors
def verify(store: StoreOpt) -> None:
    """Check every table file of a store against the checksums and row counts in its manifest; exit 1 if
    any file is damaged."""
    from scoreatlas.store import Store

    with Store(store, check=False) as opened:
        problems = opened.verify()
    if not problems:
        typer.echo(f"verify: intact ({store})")
        return
    typer.echo(f"verify: {len(problems)} problem{'s' if len(problems) != 1 else ''} in {store}")
    for problem in problems:
        typer.echo(f"  {problem}")
    raise typer.Exit(1)


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


@app.command("clean-preview")
@user_errors
def clean_preview(
    sources: Annotated[list[Path], typer.Argument(help="Files or folders to preview (nothing is written).")],
    text_column: Annotated[str, typer.Option("--text-column", help="The text column of table inputs.")] = "text",
    cleaning: Annotated[Path | None, typer.Option(help="Cleaning rules YAML (default: the shipped one).")] = None,
    show_text: Annotated[bool, typer.Option("--show-text", help="Also print the cleaned text that would be kept.")] = False,
) -> None:
    """Show what cleaning would cut from SOURCES, line by line, and which rule cuts it.

    Careful: this prints text of your own files to your terminal, names included (a preview of the raw input, before persons are removed). It writes nothing to disk.

    Lines repeated across the documents of one source are found among the SOURCES given: preview a whole folder to see them.
    """
    from scoreatlas.clean import Cleaner
    from scoreatlas.sources import ReadOptions, iter_inputs
    from scoreatlas.types import Rejected

    options = ReadOptions(text_column=text_column)
    cleaner = Cleaner(cleaning)
    cleaner.learn(iter_inputs(sources, options=options, fetch=False))
    for item in iter_inputs(sources, options=options, fetch=False):
        if isinstance(item, Rejected):
            typer.echo(f"{item.source}: rejected ({item.reason})\n")
            continue
        result = cleaner.clean(item, keep_cuts=True)
        removed = sum(result.removed.values())
        typer.echo(f"{item.source}: lang {result.lang}, {len(result.cuts)} cuts, "
                   f"{removed} of {result.chars_before} characters removed")
        for c in sorted(result.cuts, key=lambda c: c.line):
            typer.echo(f"  line {c.line:>4}  [{c.rule}]  {c.text}")
        if show_text:
            typer.echo("  --- kept ---\n" + "\n".join("  " + line for line in result.text.split("\n")))
        typer.echo("")


@app.command("corpus-table")
@user_errors
def corpus_table(
    store: StoreOpt,
    readme: Annotated[Path | None, typer.Option(help="Rewrite the generated table in this Markdown file.")] = None,
) -> None:
    """The table of programs with their coverage (Markdown), as in corpus/README.md."""
    from scoreatlas.pipeline import open_store
    from scoreatlas.report.corpus_table import corpus_table_markdown, update_readme

    table = corpus_table_markdown(open_store(store))
    if readme:
        update_readme(readme, table)
    else:
        typer.echo(table)


@app.command("eval-privacy")
@user_errors
def eval_privacy(
    files: Annotated[list[Path], typer.Argument(help="Labelled sets: JSON Lines (ours) or a Presidio-style JSON list.")],
    model: Annotated[str | None, typer.Option(help="One spaCy pipeline for every example (default: each language's, as in a build).")] = None,
    registry: Annotated[Path | None, typer.Option(help="Program registry YAML (default: the shipped one).")] = None,
    show_leaks: Annotated[bool, typer.Option("--show-leaks", help="List leaked name tokens, missed identifiers, lost keep strings and removed place/org tokens with the rules that removed them (labelled sets only).")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Also write the tables as Markdown to FILE.")] = None,
) -> None:
    """Measure de-identification on labelled sets: person token recall and precision, identifier recall,
    keep rate (see docs/privacy.md)."""

    from scoreatlas.pipeline import privacy_pipeline
    from scoreatlas.privacy import evaluate, load_examples

    @cache
    def nlp(lang: str) -> Any:
        return privacy_pipeline(lang, model=model, registry=registry)

    tables = []
    for file in files:
        report = evaluate(load_examples(file), nlp, name=file.name, show_leaks=show_leaks)
        tables.append(report.to_markdown())
        typer.echo(tables[-1] + "\n")
        for line in report.details():
            typer.echo(f"  {line}")
    if output:
        output.write_text("\n\n".join(tables) + "\n", encoding="utf-8")


# -- analysis vocabulary (issue 7): every command narrows the atlas with the same document filters --------

ProgramFilter = Annotated[list[str] | None, typer.Option("--program", help="Only documents tagged with these programs.")]
CountryFilter = Annotated[list[str] | None, typer.Option("--country", help="Only documents tagged with these countries.")]
LangFilter = Annotated[list[str] | None, typer.Option("--lang", help="Only documents in these languages.")]
KindFilter = Annotated[list[str] | None, typer.Option("--kind", help="Only documents (or programs) of this kind.")]
TopicFilter = Annotated[list[str] | None, typer.Option("--topic", help="Only documents with these topics.")]
DateFrom = Annotated[str | None, typer.Option("--date-from", help="Documents dated on or after (YYYY[-MM-DD]).")]
DateTo = Annotated[str | None, typer.Option("--date-to", help="Documents dated on or before (YYYY[-MM-DD]).")]
ByOpt = Annotated[str | None, typer.Option("--by", help="program, country, lang, kind, doc, topic or dimension.")]
PatternTypeOpt = Annotated[str, typer.Option("--type", help="glob, regex or phrase.")]
FormatOpt = Annotated[Format, typer.Option("--format")]


def _subset(store: Path, program: list[str] | None, country: list[str] | None, lang: list[str] | None,
            kind: list[str] | None, topic: list[str] | None, date_from: str | None, date_to: str | None) -> Any:
    from scoreatlas.pipeline import open_store

    atlas = open_store(store)
    if any(v for v in (program, country, lang, kind, topic, date_from, date_to)):
        atlas = atlas.subset(programs=program or None, countries=country or None, lang=lang or None,
                             kind=kind or None, topics=topic or None, date_from=date_from, date_to=date_to)
    return atlas


@app.command()
@user_errors
def kwic(
    pattern: Annotated[str, typer.Argument(help="Glob per token ('credit scor*'), regex, or phrase.")],
    store: StoreOpt,
    window: Annotated[int, typer.Option(help="Tokens of context either side.")] = 5,
    pattern_type: PatternTypeOpt = "glob",
    by: ByOpt = None,
    sort: Annotated[str, typer.Option(help="doc, match, left or right.")] = "doc",
    limit: Annotated[int, typer.Option(help="At most this many lines in table output (0: all).")] = 50,
    program: ProgramFilter = None, country: CountryFilter = None, lang: LangFilter = None, kind: KindFilter = None,
    topic: TopicFilter = None, date_from: DateFrom = None, date_to: DateTo = None,
    format: FormatOpt = Format.table,
) -> None:
    """Keywords in context: every occurrence of PATTERN with its left and right context."""
    atlas = _subset(store, program, country, lang, kind, topic, date_from, date_to)
    frame = atlas.kwic(pattern, window=window, pattern_type=pattern_type, by=by, sort=sort)
    if format == Format.table:
        cols = ["left", "match", "right", "program", "doc_id"] + ([by] if by and by not in ("program", "lang") else [])
        emit(frame[cols] if limit == 0 else frame[cols].head(limit), format)
        typer.echo(f"{len(frame)} matches")
    else:
        emit(frame, format)


@app.command()
@user_errors
def frequency(
    store: StoreOpt,
    by: ByOpt = None,
    unit: Annotated[str, typer.Option(help="lemma, token or ngram.")] = "lemma",
    n: Annotated[int, typer.Option("--n", help="Most frequent terms per group.")] = 20,
    ngram: Annotated[int, typer.Option(help="N-gram length with --unit ngram.")] = 2,
    keep_stopwords: Annotated[bool, typer.Option("--keep-stopwords", help="Count stop words too.")] = False,
    program: ProgramFilter = None, country: CountryFilter = None, lang: LangFilter = None, kind: KindFilter = None,
    topic: TopicFilter = None, date_from: DateFrom = None, date_to: DateTo = None,
    format: FormatOpt = Format.table,
) -> None:
    """Term frequencies, overall or per group."""
    atlas = _subset(store, program, country, lang, kind, topic, date_from, date_to)
    emit(atlas.frequency(by=by, unit=unit, n=n, ngram=ngram, remove_stopwords=not keep_stopwords), format)


@app.command()
@user_errors
def ngrams(
    store: StoreOpt,
    n: Annotated[int, typer.Option("--n", help="Words per n-gram.")] = 2,
    top: Annotated[int, typer.Option(help="Most frequent n-grams per group.")] = 20,
    by: ByOpt = None,
    program: ProgramFilter = None, country: CountryFilter = None, lang: LangFilter = None, kind: KindFilter = None,
    topic: TopicFilter = None, date_from: DateFrom = None, date_to: DateTo = None,
    format: FormatOpt = Format.table,
) -> None:
    """The most frequent word sequences."""
    atlas = _subset(store, program, country, lang, kind, topic, date_from, date_to)
    emit(atlas.ngrams(n, by=by, top=top), format)


@app.command()
@user_errors
def keyness(
    store: StoreOpt,
    target: Annotated[list[str], typer.Option("--target", help="Program ids or country codes (repeatable).")],
    reference: Annotated[list[str] | None, typer.Option("--reference", help="Default: all other documents.")] = None,
    measure: Annotated[str, typer.Option(help="ll, chi2 or log_ratio.")] = "ll",
    unit: Annotated[str, typer.Option(help="lemma, token or ngram.")] = "lemma",
    min_count: Annotated[int, typer.Option(help="Leave out rarer terms.")] = 3,
    n: Annotated[int, typer.Option("--n", help="Rows in table output (0: all).")] = 30,
    program: ProgramFilter = None, country: CountryFilter = None, lang: LangFilter = None, kind: KindFilter = None,
    topic: TopicFilter = None, date_from: DateFrom = None, date_to: DateTo = None,
    format: FormatOpt = Format.table,
) -> None:
    """Terms a target uses more than a reference, with counts, effect size (log ratio) and p-value."""
    atlas = _subset(store, program, country, lang, kind, topic, date_from, date_to)
    frame = atlas.keyness(target=target, reference=reference or None, measure=measure, unit=unit,
                          min_count=min_count)
    emit(frame.head(n) if format == Format.table and n else frame, format)


@app.command()
@user_errors
def collocations(
    store: StoreOpt,
    pattern: Annotated[str | None, typer.Argument(help="The node (omit for every pair of lemmas).")] = None,
    window: Annotated[int, typer.Option(help="Tokens either side.")] = 5,
    measure: Annotated[str, typer.Option(help="logdice, mi or ll.")] = "logdice",
    min_count: Annotated[int, typer.Option(help="Leave out rarer pairs.")] = 3,
    n: Annotated[int, typer.Option("--n", help="Strongest pairs shown (0: all).")] = 30,
    pattern_type: PatternTypeOpt = "glob",
    program: ProgramFilter = None, country: CountryFilter = None, lang: LangFilter = None, kind: KindFilter = None,
    topic: TopicFilter = None, date_from: DateFrom = None, date_to: DateTo = None,
    format: FormatOpt = Format.table,
) -> None:
    """Words that occur near PATTERN, scored by association."""
    atlas = _subset(store, program, country, lang, kind, topic, date_from, date_to)
    emit(atlas.collocations(pattern, window=window, measure=measure, min_count=min_count,
                            pattern_type=pattern_type, n=n or None), format)


@app.command()
@user_errors
def dispersion(
    pattern: Annotated[str, typer.Argument(help="As for kwic.")],
    store: StoreOpt,
    by: Annotated[str, typer.Option(help="doc, program, country, lang, kind, topic or dimension.")] = "program",
    level: Annotated[str, typer.Option(help="groups (a summary per group) or hits (every hit).")] = "groups",
    pattern_type: PatternTypeOpt = "glob",
    program: ProgramFilter = None, country: CountryFilter = None, lang: LangFilter = None, kind: KindFilter = None,
    topic: TopicFilter = None, date_from: DateFrom = None, date_to: DateTo = None,
    format: FormatOpt = Format.table,
) -> None:
    """Where PATTERN occurs in documents and how evenly across groups."""
    atlas = _subset(store, program, country, lang, kind, topic, date_from, date_to)
    emit(atlas.dispersion(pattern, by=by, pattern_type=pattern_type, level=level), format)


@app.command()
@user_errors
def topics(
    store: StoreOpt,
    k: Annotated[int, typer.Option("--k", help="Number of topics.")] = 8,
    n_terms: Annotated[int, typer.Option(help="Top terms per topic.")] = 10,
    program: ProgramFilter = None, country: CountryFilter = None, lang: LangFilter = None, kind: KindFilter = None,
    topic: TopicFilter = None, date_from: DateFrom = None, date_to: DateTo = None,
    format: FormatOpt = Format.table,
) -> None:
    """Topics discovered by NMF, each beside the taxonomy subtopic it overlaps most."""
    atlas = _subset(store, program, country, lang, kind, topic, date_from, date_to)
    frame = atlas.topics_discover(k, n_terms=n_terms)
    if format == Format.table:
        frame = frame.drop(columns=["example", "example_passage_id"]).assign(
            top_terms=frame["top_terms"].map(", ".join))
    emit(frame, format)


@app.command()
@user_errors
def report(
    store: StoreOpt,
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")],
) -> None:
    """Write one self-contained HTML report (offline: styles and images inline)."""
    from scoreatlas.pipeline import open_store
    from scoreatlas.report import write_report

    path = write_report(open_store(store), output)
    typer.echo(f"report: {path}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
