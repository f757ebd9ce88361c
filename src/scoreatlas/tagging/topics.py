"""``topic_tagger``: taxonomy subtopics found by their cues, with the cue that fired."""

from __future__ import annotations

from itertools import product
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from scoreatlas.resources import Taxonomy, load_taxonomy
from scoreatlas.tagging.extensions import register_extensions
from scoreatlas.tagging.matching import TermMatcher, is_cjk

# Lemmatised cues per pipeline, so that loading the same pipeline again (tests, notebooks, one pipeline per
# language in a build) does not run the model over thousands of cues again. They are also kept on disk
# (:func:`_lemma_file`): lemmatising the taxonomy's cues was a third of loading a trained pipeline, paid again
# by every build and by every worker process.
CueLemmas = dict[str, list[tuple[str, list[str]]]]
_CUE_LEMMAS: dict[tuple[Any, ...], CueLemmas] = {}
_LEMMA_FORMAT = 1  # raise when what _cue_lemmas stores per cue changes


def _lemma_file(key: tuple[Any, ...]) -> Path | None:
    """Where the lemmatised cues of one pipeline are kept: named by the pipeline, its components before the
    tagger, and the versions of spaCy and of this format, so that any of them changing starts afresh."""
    import hashlib
    import json

    import spacy

    from scoreatlas.resources import scratch_dir

    folder = scratch_dir()
    if folder is None:
        return None
    name = json.dumps([_LEMMA_FORMAT, spacy.__version__, *key], default=str)
    return folder / f"cue-lemmas-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:20]}.json"


def _read_lemmas(path: Path | None) -> CueLemmas:
    """The cues lemmatised before, or nothing when the file is missing, unreadable or not of our shape."""
    import json

    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            cue: [(lower, list(forms)) for lower, forms in tokens]
            for cue, tokens in data.items()
            if isinstance(cue, str) and all(isinstance(lower, str) and all(isinstance(f, str) for f in forms)
                                            for lower, forms in tokens)
        }
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _write_lemmas(path: Path | None, lemmas: CueLemmas) -> None:
    """Replace the file in one step (two workers may write it at once); a folder that refuses is no error."""
    import json
    import os
    import tempfile

    if path is None:
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cue-lemmas-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(lemmas, fh, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass


@Language.factory(
    "topic_tagger",
    assigns=["doc._.topics"],
    requires=["token.lemma"],
    default_config={"taxonomy_path": None},
)
def make_topic_tagger(nlp: Language, name: str, taxonomy_path: str | None) -> TopicTagger:
    return TopicTagger(nlp, name, load_taxonomy(Path(taxonomy_path) if taxonomy_path else None))


_PARSE = frozenset({"token.dep", "token.head", "token.is_sent_start", "doc.sents"})
# A topic id never contains "*", so "operator.*" cannot clash with a subtopic's key.
_CONTEXT = ".*"


class TopicTagger:
    """Fires a subtopic wherever one of its cues for the pipeline's language matches.

    ``phrases`` match the lower-cased text; ``lemmas`` match token lemmas (each cue is lemmatised by the
    components that run before this one, the first time the tagger is called, since they may not exist
    yet when it is built); ``patterns`` are Matcher patterns as written. ``weak_lemmas`` and ``weak_phrases``
    match the same ways but count only when one of their dimension's context cues lies in the same sentence
    within the dimension's window of tokens: naming a ministry or a group of people is not, by itself,
    evidence of who runs a programme or whom it lists.

    Lemma cues go into two phrase matchers (one on lemmas, one on lower-cased text) rather than into the
    token Matcher: a taxonomy has thousands of them, and the Matcher tests every pattern at every token
    through Python-level set predicates, which made this component slower than the whole model.
    """

    def __init__(self, nlp: Language, name: str, taxonomy: Taxonomy) -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.lang: str = nlp.lang or ""
        self.topic_ids = taxonomy.topic_ids()
        self.phrases: list[tuple[str, str]] = []
        self.lemma_cues: list[tuple[str, str]] = []
        self.matcher = Matcher(nlp.vocab)
        self.by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.by_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels: dict[int, tuple[str, str]] = {}
        self.weak: set[tuple[str, str]] = set()
        self.windows: dict[str, int] = {}
        self.context_matchers: list[TermMatcher] = []
        for dim in taxonomy.dimensions:
            for sub in dim.subtopics:
                topic = f"{dim.id}.{sub.id}"
                cues = sub.cues.get(self.lang)
                if cues is None:
                    continue
                self._add_terms(topic, cues.phrases, cues.lemmas, self.phrases)
                self._add_terms(topic, cues.weak_phrases, cues.weak_lemmas, self.phrases)
                self.weak |= {(topic, c.strip()) for c in (*cues.weak_phrases, *cues.weak_lemmas)}
                for i, pattern in enumerate(cues.patterns):
                    self.matcher.add(self._label(topic, f"pattern {i + 1}"), [pattern])
            context = dim.context.cues.get(self.lang) if dim.context and self.lang else None
            if dim.context and context is not None:
                self.windows[dim.id] = dim.context.window
                context_phrases: list[tuple[str, str]] = []
                self._add_terms(dim.id + _CONTEXT, context.phrases, context.lemmas, context_phrases)
                # One matcher per dimension and apart from the cues: a term keeps one key per matcher, and a
                # longer phrase would swallow one inside it, so dimensions sharing a context word (名单) would
                # lose it, and a context phrase could hide a cue.
                self.context_matchers.append(TermMatcher(nlp, context_phrases))
        self.phrase_matcher = TermMatcher(nlp, self.phrases)
        self._lemmas_ready = False

    def _add_terms(self, key: str, phrases: list[str], lemmas: list[str], phrase_list: list[tuple[str, str]]) -> None:
        phrase_list += [(p, key) for p in phrases]
        for lemma in lemmas:
            # Substring matching is all a script without spaces can do.
            (phrase_list if is_cjk(lemma) else self.lemma_cues).append((lemma, key))

    def _label(self, topic: str, cue: str) -> str:
        label = f"{topic}\u241f{cue}"
        self.labels[self.nlp.vocab.strings.add(label)] = (topic, cue)
        return label

    def _cue_lemmas(self) -> CueLemmas:
        """Each lemma cue as its tokens: ``(lower form, lemma forms)``, lemmatised in context by the
        upstream components, batched, and only as far as the last one that sets lemmas."""
        upstream = []
        for pipe_name, proc in self.nlp.pipeline:
            if pipe_name == self.name:
                break
            upstream.append((pipe_name, proc))
        setters = [i for i, (n, _) in enumerate(upstream) if "token.lemma" in self.nlp.get_pipe_meta(n).assigns]
        upstream = upstream[: setters[-1] + 1] if setters else []
        # A parser sets nothing a lemmatizer reads, and is a third of the time spent on thousands of cues.
        assigns = {n: set(self.nlp.get_pipe_meta(n).assigns) for n, _proc in upstream}
        upstream = [(n, proc) for n, proc in upstream if not (assigns[n] and assigns[n] <= _PARSE)]
        key = (self.lang, self.nlp.meta.get("name"), self.nlp.meta.get("version"), tuple(n for n, _ in upstream))
        path = _lemma_file(key)
        if key not in _CUE_LEMMAS:
            _CUE_LEMMAS[key] = _read_lemmas(path)
        cached = _CUE_LEMMAS[key]
        todo = list(dict.fromkeys(cue for cue, _ in self.lemma_cues if cue not in cached))
        docs: Any = (self.nlp.make_doc(cue) for cue in todo)
        for _name, proc in upstream:
            docs = proc.pipe(docs) if hasattr(proc, "pipe") else map(proc, docs)
        for cue, doc in zip(todo, docs, strict=True):
            # A pipeline without a lemmatizer leaves lemmas empty: an empty form would match every token.
            cached[cue] = [(t.lower_, sorted({t.lemma_, t.lemma_.lower(), t.lower_} - {""})) for t in doc]
        if todo:
            _write_lemmas(path, cached)
        return cached

    def _build_lemma_patterns(self) -> None:
        lemmas = self._cue_lemmas()
        for cue, topic in self.lemma_cues:
            tokens = lemmas[cue]
            label = self._label(topic, cue)
            # The cue's tokens as lemmatised (and cached) before: tokenising thousands of cues again is slow.
            self.by_lower.add(label, [Doc(self.nlp.vocab, words=[lower for lower, _alts in tokens])])
            # Every combination of the accepted forms of each token: a handful per cue.
            forms = [list(combo) for combo in product(*(alts for _lower, alts in tokens))]
            self.by_lemma.add(label, [Doc(self.nlp.vocab, words=f, lemmas=f) for f in forms])
        self._lemmas_ready = True

    def __call__(self, doc: Doc) -> Doc:
        if not self._lemmas_ready:
            self._build_lemma_patterns()
        # (first token, end token, first char, end char, key, cue): tokens to measure context distance in,
        # characters as matched, since a Chinese cue may sit inside a longer word.
        found = [(*self._tokens(doc, s, e), s, e, key, cue) for s, e, key, cue in self.phrase_matcher(doc)]
        for context_matcher in self.context_matchers:
            found += [(*self._tokens(doc, s, e), s, e, key, cue) for s, e, key, cue in context_matcher(doc)]
        matchers = [m for m in (self.matcher, self.by_lemma, self.by_lower) if len(m)]
        for matcher in matchers:
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                # A pattern's matched text may run over a name, so the cue recorded is the pattern's label.
                found.append((start, end, span.start_char, span.end_char, *self.labels[match_id]))
        context: dict[str, list[tuple[int, int]]] = {}
        for start, end, _s, _e, key, _cue in found:
            if key.endswith(_CONTEXT):
                context.setdefault(key[: -len(_CONTEXT)], []).append((start, end))
        hits = set()
        for start, end, start_char, end_char, key, cue in found:
            if key.endswith(_CONTEXT):
                continue
            if (key, cue) in self.weak and not self._in_context(doc, start, end, key.split(".")[0], context):
                continue
            hits.add((start_char, end_char, key, cue))
        doc._.topics = sorted(hits)
        return doc

    @staticmethod
    def _tokens(doc: Doc, start_char: int, end_char: int) -> tuple[int, int]:
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        return (span.start, span.end) if span is not None else (0, 0)

    def _in_context(self, doc: Doc, start: int, end: int, dim: str, context: dict[str, list[tuple[int, int]]]) -> bool:
        """Whether a context cue of ``dim`` lies within its window of tokens, in the same sentence if known."""
        window = self.windows.get(dim)
        if window is None:
            return False
        sentences = doc.has_annotation("SENT_START")
        sent = doc[start].sent if sentences else None
        for c_start, c_end in context.get(dim, ()):
            gap = max(c_start - end, start - c_end, 0)
            if gap <= window and (sent is None or sent.start <= c_start < sent.end):
                return True
        return False
