"""The custom ``Doc`` attributes that the tagging components fill, registered in one place.

- ``doc._.programs``: ``[(start_char, end_char, program_id, term, generic)]``
- ``doc._.countries``: ``[(start_char, end_char, iso_code, term)]``
- ``doc._.topics``: ``[(start_char, end_char, topic_id, cue)]`` (``dimension.subtopic``)
- ``doc._.claims``: ``[dict]`` figures with ``value``, ``unit``, ``currency``, ``start``/``end`` chars
- ``doc._.events``: ``[dict]`` dated happenings with ``date``, ``year``, ``event_type``, ``start``/``end``
- ``doc._.doc_programs`` / ``doc._.doc_countries``: declared by the document's metadata (set by the caller
  before the pass, read by the taggers to resolve generic mentions).
"""

from __future__ import annotations

from spacy.tokens import Doc

_LIST_ATTRS = ("programs", "countries", "topics", "claims", "events", "doc_programs", "doc_countries")


def register_extensions() -> None:
    for name in _LIST_ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
