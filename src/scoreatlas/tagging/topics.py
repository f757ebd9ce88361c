"""``topic_tagger``: taxonomy subtopics found by their cues, with the cue that fired."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from scoreatlas.resources import Taxonomy, load_taxonomy
from scoreatlas.tagging.extensions import register_extensions
from scoreatlas.tagging.matching import TermMatcher, is_cjk


@Language.factory(
    "topic_tagger",
    assigns=["doc._.topics"],
    requires=["token.lemma"],
    default_config={"taxonomy_path": None},
)
def make_topic_tagger(nlp: Language, name: str, taxonomy_path: str | None) -> TopicTagger:
    return TopicTagger(nlp, name, load_taxonomy(Path(taxonomy_path) if taxonomy_path else None))


class TopicTagger:
    """Fires a subtopic wherever one of its cues for the pipeline's language matches.

    ``phrases`` match the lower-cased text; ``lemmas`` match token lemmas (each cue is lemmatised by the
    components that run before this one, the first time the tagger is called, since they may not exist
    yet when it is built); ``patterns`` are Matcher patterns as written.
    """

    def __init__(self, nlp: Language, name: str, taxonomy: Taxonomy) -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.lang = nlp.lang
        self.topic_ids = taxonomy.topic_ids()
        self.phrases: list[tuple[str, str]] = []
        self.lemma_cues: list[tuple[str, str]] = []
        self.matcher = Matcher(nlp.vocab)
        self.labels: dict[int, tuple[str, str]] = {}
        for dim in taxonomy.dimensions:
            for sub in dim.subtopics:
                topic = f"{dim.id}.{sub.id}"
                cues = sub.cues.get(self.lang)
                if cues is None:
                    continue
                self.phrases += [(p, topic) for p in cues.phrases]
                for lemma in cues.lemmas:
                    # Substring matching is all a script without spaces can do.
                    (self.phrases if is_cjk(lemma) else self.lemma_cues).append((lemma, topic))
                for i, pattern in enumerate(cues.patterns):
                    self._add(topic, f"pattern {i + 1}", [pattern])
        self.phrase_matcher = TermMatcher(nlp, self.phrases)
        self._lemmas_ready = False

    def _add(self, topic: str, cue: str, patterns: list[list[dict[str, Any]]]) -> None:
        label = f"{topic}\u241f{cue}"
        self.matcher.add(label, patterns)
        self.labels[self.nlp.vocab.strings[label]] = (topic, cue)

    def _build_lemma_patterns(self) -> None:
        upstream = []
        for pipe_name, proc in self.nlp.pipeline:
            if pipe_name == self.name:
                break
            upstream.append(proc)
        for cue, topic in self.lemma_cues:
            doc = self.nlp.make_doc(cue)
            for proc in upstream:
                doc = proc(doc)
            # A pipeline without a lemmatizer leaves lemmas empty: an empty alternative would match every token.
            by_lemma = [{"LEMMA": {"IN": sorted({t.lemma_, t.lemma_.lower(), t.lower_} - {""})}} for t in doc]
            by_lower = [{"LOWER": t.lower_} for t in doc]
            self._add(topic, cue, [by_lemma, by_lower])
        self._lemmas_ready = True

    def __call__(self, doc: Doc) -> Doc:
        if not self._lemmas_ready:
            self._build_lemma_patterns()
        hits = [(s, e, topic, cue) for s, e, topic, cue in self.phrase_matcher(doc)]
        for match_id, start, end in self.matcher(doc):
            topic, cue = self.labels[match_id]
            span = doc[start:end]
            # A pattern's matched text may run over a name, so the cue recorded is the pattern's label.
            hits.append((span.start_char, span.end_char, topic, cue))
        doc._.topics = sorted(set(hits))
        return doc
