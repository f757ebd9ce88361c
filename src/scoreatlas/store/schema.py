"""Table schemas of the store. More columns may come; these names are the contract."""

from __future__ import annotations

import pyarrow as pa

# 2: a table may be a folder of part files; files carry bytes, mtime, rows.
# 3: the text is stored once, in the passages (with the whitespace before each, ``lead``); the documents
#    table has no text column on disk, and the reader joins it back (``DOCUMENT_TEXT``).
FORMAT_VERSION = 3

_str_list = pa.list_(pa.string())

TABLES: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("doc_id", pa.string()),
            ("source", pa.string()),
            ("status", pa.string()),
            ("reason", pa.string()),
            ("duplicate_of", pa.string()),
            ("title", pa.string()),
            ("lang", pa.string()),
            ("date", pa.string()),
            ("kind", pa.string()),
            ("publisher", pa.string()),
            ("source_url", pa.string()),
            ("countries", _str_list),
            ("programs", _str_list),
            ("topics", _str_list),
            ("content_hash", pa.string()),
            ("encoding", pa.string()),
            ("n_passages", pa.int32()),
            ("redactions", pa.string()),  # JSON object: placeholder kind -> count
            ("cleaning", pa.string()),  # JSON object: cleaning rule -> characters it removed
            ("meta", pa.string()),  # JSON object: other metadata (front matter, table columns), de-identified
        ]
    ),
    "passages": pa.schema(
        [
            ("doc_id", pa.string()),
            ("passage_id", pa.string()),
            ("position", pa.int32()),
            ("lead", pa.string()),  # the document's text between the passage before and this one: whitespace
            ("text", pa.string()),
            ("lang", pa.string()),
            ("countries", _str_list),
            ("programs", _str_list),
            ("topics", _str_list),
            ("cues", _str_list),  # "topic=cue" for every topic that fired
        ]
    ),
    "claims": pa.schema(
        [
            ("claim_id", pa.string()),
            ("doc_id", pa.string()),
            ("passage_id", pa.string()),
            ("value", pa.float64()),
            ("unit", pa.string()),
            ("currency", pa.string()),
            ("figure", pa.string()),
            ("topic", pa.string()),
            ("topics", _str_list),
            ("program", pa.string()),
            ("programs", _str_list),
            ("countries", _str_list),
            ("year", pa.int32()),
            ("evidence", pa.string()),
        ]
    ),
    "events": pa.schema(
        [
            ("event_id", pa.string()),
            ("doc_id", pa.string()),
            ("passage_id", pa.string()),
            ("date", pa.string()),
            ("year", pa.int32()),
            ("event_type", pa.string()),
            ("cue", pa.string()),
            ("program", pa.string()),
            ("programs", _str_list),
            ("countries", _str_list),
            ("evidence", pa.string()),
        ]
    ),
    "programs": pa.schema(
        [
            ("program", pa.string()),
            ("name", pa.string()),
            ("country", pa.string()),
            ("kind", pa.string()),
            ("operator", pa.string()),
            ("start_year", pa.int32()),
            ("status", pa.string()),
            ("aliases", _str_list),
            ("facts", pa.string()),  # JSON list of {text, source}
            ("sources", _str_list),
        ]
    ),
}

TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("source", "reason", "title", "publisher", "source_url", "meta"),
    "passages": ("lead", "text"),
    "claims": ("figure", "evidence"),
    "events": ("evidence",),
    "programs": ("name", "operator", "facts"),
}

# The documents' text as the reader gives it: every passage's lead and text, in order. Readers of the Parquet
# files who want it write the same join (see ``docs/scaling.md``).
DOCUMENT_TEXT_SQL = (
    "SELECT doc_id, string_agg(coalesce(lead, '') || text, '' ORDER BY position) AS text "
    "FROM {passages} GROUP BY doc_id"
)
