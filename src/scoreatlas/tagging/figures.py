"""``claim_extractor`` and ``event_extractor``: figures normalised to numbers, and dated happenings."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.tokens import Doc

from scoreatlas.resources import corpus_dir, load_yaml
from scoreatlas.tagging.extensions import register_extensions
from scoreatlas.tagging.numbers import parse_number


class ExtractionRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int = 1
    units: dict[str, dict[str, list[str]]]
    currencies: dict[str, list[str]]
    percent: list[str]
    events: dict[str, dict[str, list[str]]]
    unit_topics: dict[str, str] = {}
    references: dict[str, list[str]] = {}
    kind_nouns: dict[str, list[str]] = {}


@lru_cache(maxsize=4)
def load_rules(path: Path | None = None) -> ExtractionRules:
    return load_yaml(path or corpus_dir() / "extraction.yaml", ExtractionRules)


_SCALE = (
    r"(?:million|millions|billion|billions|trillion|thousand|hundred|bn|mn|m|k|milliards?|mille|"
    r"Millionen|Million|Milliarden?|Mio\.?|Mrd\.?|Tausend|miljoen|miljard|duizend)"
)
# Number words by language: ``small`` count things ("three groups", "quinze associations"), ``scaled`` may
# also stand before a scale word ("a million", "eine Million"). Articles that double as "one" (un, ein, een)
# are only read before a scale word; a language's words never apply to another's text ("ten onrechte").
_NUMBER_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "scaled": r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
                  r"sixty|seventy|eighty|ninety|a|half a|several|hundreds of|a few",
        "small": r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
                 r"sixty|seventy|eighty|ninety|hundred",
    },
    "fr": {
        "scaled": r"un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt|trente|cinquante|cent|quelques",
        "small": r"deux|trois|quatre|cinq|six|sept|huit|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|"
                 r"quarante|cinquante|soixante",
    },
    "de": {
        "scaled": r"eine|ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwanzig|fünfzig|hundert|einige",
        "small": r"zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|fünfzehn|zwanzig|dreißig|vierzig|fünfzig|"
                 r"sechzig",
    },
    "nl": {
        "scaled": r"een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig|vijftig|honderd",
        "small": r"twee|drie|vier|vijf|zes|zeven|negen|tien|elf|twaalf|vijftien|twintig|dertig|veertig|vijftig|zestig",
    },
}
_CURRENCY_PREFIX = (
    r"(?P<cur>(?:US\$|A\$|C\$|S\$|R\$|[$€£¥₹₩]|\b(?:USD|EUR|GBP|AUD|CNY|RMB|INR|CAD|SEK|BRL|KES|KRW|SGD|DKK|PLN)\s?))?"
)
_PERCENT_SUFFIX = (
    r"(?P<pct>\s?(?:%|％|percentage points?|percent|per cent|pour cent|Prozentpunkte|Prozent|procentpunt|procent))?"
)


@lru_cache(maxsize=8)
def figure_pattern(lang: str) -> re.Pattern[str]:
    """Figures in digits (any language) and in the number words of ``lang`` (none for a language we lack)."""
    words = _NUMBER_WORDS.get(lang)
    alternatives = [r"\d+(?:[.,\u00a0\u202f]\d+)*(?:\s?" + _SCALE + r"\b)?"]
    if words:
        alternatives.append(r"\b(?:" + words["scaled"] + r")[\s-]+(?:" + _SCALE + r")\b")
    if lang == "en":
        alternatives += [
            r"\b(?:one|two|three|four|five|six|seven|eight|nine)\s+in\s+(?:two|three|four|five|six|seven|eight|nine|ten)\b",
            r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
            r"sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?\b"
            r"(?=\s+(?:percent|per cent))",
        ]
    if words:
        alternatives.append(r"\b(?:" + words["small"] + r")\b(?=[\s-]+[^\W\d_])")
    return re.compile(_CURRENCY_PREFIX + "(?P<num>" + "|".join(alternatives) + ")" + _PERCENT_SUFFIX, re.IGNORECASE)


_FIGURE_RE = figure_pattern("en")
_CJK_FIGURE_RE = re.compile(
    # 多 and 余 ("more than") sit inside or after a round figure: 1500多万, 二十余万, 两万多.
    r"百分之[零一二三四五六七八九十百点]+|\d+(?:\.\d+)?\s*[多余]?[万亿]+[多余]?|[一二两三四五六七八九十百千]+[多余]?[万亿]+[多余]?"
    r"|\d+(?:\.\d+)?\s*[%％]"
    # A small number in characters counts something only before a measure word (六个等级, 两次, 二年):
    # alone, 一 is mostly "a" or part of a word (一般, 统一), so it is read only inside a larger numeral.
    r"|(?<![〇零一二两三四五六七八九十百千])(?:[一二两三四五六七八九]?[十百千][零一二两三四五六七八九十百千]*|[二两三四五六七八九])"
    r"(?=[个次年名家项位种类级倍天岁条人户起件])"
)
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


_SCORE_BEFORE = re.compile(r"\bscores?\s+(?:of|below|above|under|over|between|from|to|at)\s+(?:least\s+|most\s+|about\s+|around\s+)?$", re.IGNORECASE)


def _glued(ch: str) -> bool:
    return bool(ch) and (ch.isalnum() or ch == "_") and not _CJK_CHAR.match(ch)


_REFERENCE_BEFORE = re.compile(
    r"(?:art\.?|article|articles|artikel|section|§|no\.?|nr\.?|number|case|c-|paragraph|para\.?|chapter|"
    r"regulation|directive|order|decree|第|page|p\.|annex|recital)\s*$",
    re.IGNORECASE,
)


def _large(claim: dict[str, Any]) -> bool:
    return claim["value"] >= (1_000_000 if claim["unit"] == "currency" else 1_000)


def _unit_lookup(rules: ExtractionRules, lang: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for unit, by_lang in rules.units.items():
        for word in by_lang.get(lang, []):
            table.setdefault(word.lower(), unit)
    return table


@Language.factory(
    "claim_extractor",
    assigns=["doc._.claims"],
    requires=["doc.ents", "token.lemma", "doc._.topics"],
    default_config={"rules_path": None},
)
def make_claim_extractor(nlp: Language, name: str, rules_path: str | None) -> ClaimExtractor:
    return ClaimExtractor(nlp, load_rules(Path(rules_path) if rules_path else None))


class ClaimExtractor:
    """Finds figures (not years, not article or case numbers) with their unit and currency."""

    def __init__(self, nlp: Language, rules: ExtractionRules) -> None:
        register_extensions()
        self.lang: str = nlp.lang or ""
        self.figure_re = figure_pattern(self.lang)
        self.units = _unit_lookup(rules, self.lang)
        self.currency = {sym.lower(): code for code, syms in rules.currencies.items() for sym in syms}
        self.percent = [p.lower() for p in rules.percent]
        # A figure of people, entries or money is evidence of scale, whatever words surround it.
        known = set(getattr(nlp.get_pipe("topic_tagger"), "topic_ids", ())) if "topic_tagger" in nlp.pipe_names else set()
        self.unit_topics = {u: t for u, t in rules.unit_topics.items() if t in known}
        self.money_topics = {t for u, t in self.unit_topics.items() if u == "currency"}

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        date_spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
        claims: list[dict[str, Any]] = []
        matches = list(self.figure_re.finditer(text)) + list(_CJK_FIGURE_RE.finditer(text))
        taken: list[tuple[int, int]] = []
        for m in sorted(matches, key=lambda m: (m.start(), -m.end())):
            start, end = m.start(), m.end()
            if any(s <= start < e for s, e in taken):
                continue
            claim = self._claim(doc, m, date_spans)
            if claim is not None:
                taken.append((start, end))
                claims.append(claim)
        self._elided_units(text, claims)
        doc._.claims = claims
        # Twelve people interviewed or a fine of 30,000 euros say nothing about a program's reach: only a
        # large figure is evidence of scale, whether it comes from the unit or from a taxonomy cue over it.
        small = [(c["start"], c["end"]) for c in claims if c["unit"] != "percent" and not _large(c)]
        scale_dims = {t.split(".")[0] for t in self.unit_topics.values()}
        topics = [
            hit for hit in doc._.topics or ()
            if hit[2].split(".")[0] not in scale_dims or not any(s < hit[1] and hit[0] < e for s, e in small)
        ]
        # Nor is a sum of money by itself: a transfer fee or a sales forecast is not a program's scale. Money
        # (a figure or a cue) counts only in a passage that names a program or touches another dimension.
        on_topic = bool(doc._.programs) or any(hit[2].split(".")[0] not in scale_dims for hit in topics)
        if not on_topic:
            topics = [hit for hit in topics if hit[2] not in self.money_topics]
        extra = [
            (c["start"], c["end"], self.unit_topics[c["unit"]], "figure")
            for c in claims
            if c["unit"] in self.unit_topics and _large(c)
            and (on_topic or self.unit_topics[c["unit"]] not in self.money_topics)
        ]
        doc._.topics = sorted(set(topics) | set(extra))
        return doc

    def _claim(self, doc: Doc, m: re.Match[str], date_spans: list[tuple[int, int]]) -> dict[str, Any] | None:
        text = doc.text
        surface = m.group(0).strip()
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        end = start + len(surface)
        groups = m.groupdict() if m.re is self.figure_re else {"cur": None, "num": surface, "pct": None}
        num_text = (groups.get("num") or surface).strip()
        cjk_pct = surface.startswith("百分之") or surface.endswith(("%", "％"))
        value = parse_number(re.sub(r"[%％]$", "", num_text.strip()), lang=self.lang)
        if value is None:
            return None
        before = text[max(0, start - 12) : start]
        after = text[end : end + 40]
        if _REFERENCE_BEFORE.search(before) or re.match(r"\s*(?:/|-\d|\.\d|月|日|号|条|款|st\b|nd\b|rd\b|th\b)", after):
            return None
        # 2019年 is a year, 二年 and 3年 are durations.
        if after[:1] == "年" and re.fullmatch(r"\d{3,4}", num_text):
            return None
        # 5(1) numbers a paragraph of article 5.
        if start >= 2 and text[start - 1] == "(" and (text[start - 2].isalnum() or text[start - 2] == ")"):
            return None
        # A figure glued to letters or digits is part of a code; Chinese writes figures between characters
        # with no space (有1460万人), so a Chinese character around it is no such glue.
        if _glued(text[end : end + 1]) or (start > 0 and (_glued(text[start - 1]) or text[start - 1] in ".,/:-")):
            return None
        is_pct = bool(groups.get("pct")) or cjk_pct or " in " in num_text.lower()
        currency = self._currency(groups.get("cur"), before, after)
        has_scale = bool(re.search(_SCALE + r"|[万亿]", num_text, re.IGNORECASE))
        plain_int = re.fullmatch(r"\d{4}", num_text) is not None
        if plain_int and 1800 <= value <= 2100 and not (is_pct or currency):
            return None
        duration = re.match(r"[\s-]*(day|week|month|year|jahr|jahre|jahren|tag|tage|tagen|monat|monate|jaar|jaren|dag|dagen|maand|an|ans|jour|jours|mois)s?\b", after, re.IGNORECASE)
        if any(s <= start < e for s, e in date_spans) and not (has_scale or is_pct or currency or duration):
            return None
        if re.fullmatch(r"\d{7,}", num_text.replace(" ", "")):
            return None  # long bare digit runs are identifiers, not figures
        unit = "percent" if is_pct else ("currency" if currency else self._unit(after))
        if unit == "count" and _SCORE_BEFORE.search(text[max(0, start - 30) : start]):
            unit = "score_points"  # "a score below 900", "a score of 750 or more"
        if duration and unit == "count":
            unit = {"d": "days", "t": "days", "j": "days" if duration.group(1).lower().startswith("jour") else "years",
                    "w": "weeks", "m": "months", "y": "years", "a": "years"}.get(duration.group(1)[0].lower(), "years")
        return {
            "start": start,
            "end": end,
            "value": value,
            "unit": unit,
            "currency": currency or "",
            "figure": surface,
        }

    def _elided_units(self, text: str, claims: list[dict[str, Any]]) -> None:
        """A figure whose noun is left out takes the unit of the figure before it: "barred 23,000 people from
        flights and blocked another 9,400 from trains" counts people twice, not tickets."""
        for prev, claim in pairwise(claims):
            if claim["unit"] in ("percent", "currency") or prev["unit"] in ("percent", "currency", "count"):
                continue
            between = text[prev["end"] : claim["start"]]
            first = re.match(r"\s*([^\W\d_]+)", text[claim["end"] : claim["end"] + 30])
            noun_after = first is not None and bool(self.units.get(first.group(1).lower())
                                                    or self.units.get(first.group(1).lower().rstrip("s")))
            if not noun_after and re.search(r"\b(?:another|a further|further|more|and|plus)\s+$", between) and \
                    not re.search(r"[.;!?]", between):
                claim["unit"] = prev["unit"]

    def _currency(self, symbol: str | None, before: str, after: str) -> str:
        if symbol:
            return self.currency.get(symbol.strip().lower(), "")
        following = re.match(r"\s*([^\W\d][\w$]*)", after)
        if following and following.group(1).lower() in self.currency:
            return self.currency[following.group(1).lower()]
        if after[:1] in ("元", "€", "$") or after.lstrip()[:1] in ("€",):
            return self.currency.get(after.lstrip()[:1], "")
        return ""

    def _unit(self, after: str) -> str:
        if after[:1] and re.match(r"[\u4e00-\u9fff]", after[:1]):
            for size in (3, 2, 1):
                unit = self.units.get(after[:size])
                if unit:
                    return unit
            return "count"
        for word in re.findall(r"[^\W\d_]+", after)[:4]:
            w = word.lower()
            unit = self.units.get(w) or self.units.get(w.rstrip("s")) or self.units.get(w[:-2] if w.endswith("es") else w)
            if unit:
                return unit
        return "count"


_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "januar": 1, "februar": 2, "märz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8, "oktober_nl": 10,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_RES = (
    re.compile(r"\b(?P<y>(?:18|19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    re.compile(r"(?P<y>(?:19|20)\d{2})年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?)?"),
    re.compile(r"\b(?P<d>\d{1,2})(?:\.|er|st|nd|rd|th)?\s+(?P<mn>" + _MONTH_RE + r")\.?\s+(?P<y>(?:18|19|20)\d{2})\b", re.I),
    re.compile(r"\b(?P<mn>" + _MONTH_RE + r")\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>(?:18|19|20)\d{2})\b", re.I),
    re.compile(r"\b(?P<mn>" + _MONTH_RE + r")\s+(?P<y>(?:18|19|20)\d{2})\b", re.I),
    re.compile(r"(?<![\d.,/-])(?P<y>(?:18|19|20)\d{2})(?![\d.,/-]\d)"),
)


def find_dates(text: str) -> list[tuple[int, int, str, int]]:
    """Dates in ``text`` as ``(start, end, iso_date, year)``, the most precise reading of each place."""
    found: list[tuple[int, int, str, int]] = []
    for pattern in _DATE_RES:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e or s < m.end() <= e for s, e, *_ in found):
                continue
            g = m.groupdict()
            year = int(g["y"])
            month = int(g["m"]) if g.get("m") else _MONTHS.get((g.get("mn") or "").lower(), 0)
            day = int(g["d"]) if g.get("d") else 0
            if not 1 <= month <= 12:
                month, day = 0, 0
            iso = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")
            found.append((m.start(), m.end(), iso, year))
    return sorted(found)


@Language.factory(
    "event_extractor",
    assigns=["doc._.events"],
    requires=["token.lemma", "token.is_sent_start"],
    default_config={"rules_path": None},
)
def make_event_extractor(nlp: Language, name: str, rules_path: str | None) -> EventExtractor:
    return EventExtractor(nlp, load_rules(Path(rules_path) if rules_path else None))


class EventExtractor:
    """A sentence with a date and an event word is an event: the word nearest the date gives its type."""

    def __init__(self, nlp: Language, rules: ExtractionRules) -> None:
        register_extensions()
        self.lang: str = nlp.lang or ""
        self.single: dict[str, str] = {}
        self.multi: list[tuple[str, str]] = []
        for etype, words in rules.events.get(self.lang, {}).items():
            for w in words:
                if " " in w:
                    self.multi.append((w, etype))
                else:
                    self.single.setdefault(w.lower(), etype)

    def __call__(self, doc: Doc) -> Doc:
        events: list[dict[str, Any]] = []
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        for sent in sents:
            dates = find_dates(sent.text)
            if not dates:
                continue
            cues: list[tuple[int, str, str]] = []
            if self.lang in ("zh", "ja"):
                for word, etype in self.single.items():
                    idx = sent.text.find(word)
                    if idx >= 0:
                        cues.append((sent.start_char + idx, etype, word))
            else:
                for tok in sent:
                    found = self.single.get(tok.lemma_.lower()) or self.single.get(tok.lower_)
                    if found and (tok.pos_ in ("VERB", "NOUN", "AUX", "") or not doc.has_annotation("POS")):
                        cues.append((tok.idx, found, tok.lemma_.lower()))
                # Multi-word cues match on lemmas ("struck down" is "strike down"), token by token.
                lemmas = [t.lemma_.lower() or t.lower_ for t in sent]
                for phrase, etype in self.multi:
                    words = phrase.split()
                    for i in range(len(lemmas) - len(words) + 1):
                        if lemmas[i : i + len(words)] == words:
                            cues.append((sent[i].idx, etype, phrase))
                            break
            if not cues:
                continue
            ds, _de, iso, year = dates[0]
            anchor = sent.start_char + ds
            _pos, etype, cue = min(cues, key=lambda c: abs(c[0] - anchor))
            events.append(
                {
                    "start": sent.start_char,
                    "end": sent.end_char,
                    "date": iso,
                    "year": year,
                    "event_type": etype,
                    "cue": cue,
                }
            )
        doc._.events = events
        return doc
