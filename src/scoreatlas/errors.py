"""Error codes in one place, so that a user can search for them.

A user error (bad path, malformed registry, locked store) is a :class:`UserError` and is shown as one line;
anything else is a bug and keeps its traceback. No message here ever interpolates document text: only
paths, field names, counts and codes.
"""

from __future__ import annotations


class Errors:
    E001 = "source path does not exist: {path}"
    E002 = "store folder cannot be written: {path} ({reason})"
    E003 = "{file}: invalid data at {location}: {message}"
    E004 = "{file}: cannot be read as YAML: {reason}"
    E005 = "spaCy pipeline '{name}' is not installed; install its package or pass another --model"
    E006 = "no store at {path}: run 'scoreatlas build ... --store {path}' first"
    E007 = "unknown table '{table}'; tables in this store: {tables}"
    E008 = "nothing could be stored: all {n} inputs were rejected"
    E009 = "no input files found under the given sources"
    E010 = "SQL query failed: {reason}"
    E011 = "unknown program '{program}'; see 'scoreatlas info' for program ids"
    E012 = "unknown dimension or topic '{topic}'"
    E013 = "store at {path} was written by a newer format ({found}); this Score Atlas reads format {supported}"
    E014 = "store at {path} is damaged: {detail}"
    E015 = "store at {path} is locked by a running build (pid {pid}); wait for it to finish"
    E016 = "{what} must be one of {allowed}, not '{value}'"
    E017 = "{file}: not a labelled privacy set at line {line} ({reason}); see docs/privacy.md for the formats"
    E018 = "a build worker {what} ({reason}); the store at {path} is unchanged; see docs/robustness.md"
    E019 = "no Dask scheduler answers at {address} ({reason}); start one or leave out --scheduler"


class ScoreAtlasError(Exception):
    """Base class of every error Score Atlas raises on purpose."""


class UserError(ScoreAtlasError):
    """A problem with the user's input or environment, reported as one line and exit code 2."""

    def __init__(self, code: str, **fields: object) -> None:
        template = getattr(Errors, code)
        self.code = code
        super().__init__(f"[{code}] " + template.format(**fields))


class ReadError(ScoreAtlasError):
    """An input that cannot become a document. Its message is the stored ``reason`` and never holds text."""
