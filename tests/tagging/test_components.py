"""The tagging components in a real spaCy pipeline, with the small test registry and taxonomy."""

from __future__ import annotations

import pytest


def _tag(nlp, text: str, doc_programs=(), doc_countries=()):
    doc = nlp.make_doc(text)
    doc._.doc_programs = list(doc_programs)
    doc._.doc_countries = list(doc_countries)
    return nlp(doc)


@pytest.mark.parametrize(
    ("text", "programs"),
    [
        ("The List of Dishonest Judgment Debtors grew in 2019.", {"cn_spc_dishonest_judgment_debtors"}),
        ("China's SCS is not one score.", {"cn_social_credit_system"}),
        ("A Schufa score below 90 percent worries lenders.", {"de_schufa"}),
        ("被列入失信被执行人名单的人不能乘坐飞机。", {"cn_spc_dishonest_judgment_debtors"}),
        ("The scs of the sea.", set()),  # short abbreviations match only as written
    ],
)
def test_components_program_tagger_finds_names_and_aliases(small_nlp, text: str, programs: set[str]) -> None:
    doc = _tag(small_nlp, text)
    assert {p for *_, p, _t, _g in doc._.programs} == programs


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("Chinese courts put debtors on the blacklist.", (), {"cn_spc_dishonest_judgment_debtors"}),
        ("In Germany, a blacklist of debtors exists.", (), {"de_schufa"}),
        ("A blacklist exists.", (), set()),
        ("A blacklist exists.", ("de_schufa",), {"de_schufa"}),
    ],
)
def test_components_program_tagger_resolves_generic_mentions_by_context(small_nlp, text, context, expected) -> None:
    doc = _tag(small_nlp, text, doc_programs=context)
    assert {p for *_, p, _t, _g in doc._.programs} == expected


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Chinese citizens and Dutch parents were affected.", {"CN", "NL"}),
        ("The European Union banned social scoring; France agreed.", {"EU", "FR"}),
        ("Courts in Shandong and Berlin ruled.", {"CN", "DE"}),
        ("us and them", set()),
        ("A wholesaler in Fujian could not board a train.", {"CN"}),
        ("She was stopped at a check-in desk in Seattle.", {"US"}),
        ("A carpenter near Hannover was refused a loan by a bank in Dubai.", {"DE", "AE"}),
        ("The tribunal in New South Wales ruled.", {"AU"}),  # the state, not Wales
        ("It was a nice result, said the South's reading group.", set()),  # words, not Nice, a region or Reading
        ("Florence Vandermolen, a lawyer, objected.", set()),  # a person's first name, not the city
    ],
)
def test_components_country_tagger_maps_places_and_demonyms(small_nlp, text: str, codes: set[str]) -> None:
    doc = _tag(small_nlp, text)
    assert {c for *_, c, _t in doc._.countries} == codes


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Debtors cannot buy plane tickets.", "sanctions.travel"),
        ("They were barred from flights.", "sanctions.travel"),
        ("Banks refused them loans.", "sanctions.finance"),
        ("She lodged an objection.", "redress.appeal"),
    ],
)
def test_components_topic_tagger_fires_with_cue(small_nlp, text: str, topic: str) -> None:
    doc = _tag(small_nlp, text)
    assert topic in {t for *_, t, _c in doc._.topics}
    assert all(cue for *_, cue in doc._.topics)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Some 5.7 million people were barred from flights.", 5_700_000, "people"),
        ("The fine was EUR 2.75 million.", 2_750_000, "currency"),
        ("About 30% of applicants were flagged.", 30, "percent"),
        ("Three in ten families were affected.", 30, "percent"),
        ("Over 26,000 parents were wrongly accused.", 26_000, "people"),
        ("Courts barred 23,000 people from flights and blocked another 9,400 from booking seats on trains.", 9_400,
         "people"),
        ("Roughly 4% of them have a score below 900.", 900, "score_points"),
        ("Courts barred 23,000 people and voided another 9,400 tickets.", 9_400, "tickets"),
        ("Most banks prefer borrowers with a score of 750 or more.", 750, "score_points"),
    ],
)
def test_components_claim_extractor_normalises_figures(small_nlp, text: str, value: float, unit: str) -> None:
    doc = _tag(small_nlp, text)
    claims = [(c["value"], c["unit"]) for c in doc._.claims]
    assert (pytest.approx(value), unit) in [(pytest.approx(v), u) for v, u in claims]


@pytest.mark.parametrize(
    "text",
    ["The rules took effect in 2013.", "Article 22 of the GDPR applies.", "See case C-634/21 of the court."],
)
def test_components_claim_extractor_skips_years_and_references(small_nlp, text: str) -> None:
    assert _tag(small_nlp, text)._.claims == []


@pytest.mark.parametrize(
    ("text", "date", "event_type"),
    [
        ("The court struck down the law on 5 February 2020.", "2020-02-05", "struck_down"),
        ("The State Council issued the plan in June 2014.", "2014-06", "announced"),
        ("The scheme was launched in 2016.", "2016", "launched"),
    ],
)
def test_components_event_extractor_dates_happenings(small_nlp, text: str, date: str, event_type: str) -> None:
    events = _tag(small_nlp, text)._.events
    assert [(e["date"], e["event_type"]) for e in events] == [(date, event_type)]


@pytest.fixture(scope="module")
def pipelines():
    """The build pipelines of other languages with the small test registry and taxonomy, loaded on demand."""
    from conftest import SMALL_REGISTRY, SMALL_TAXONOMY
    from scoreatlas.pipeline import load_pipeline

    loaded = {}

    def get(lang: str):
        if lang not in loaded:
            loaded[lang] = load_pipeline(lang=lang, registry=SMALL_REGISTRY, taxonomy=SMALL_TAXONOMY)
        return loaded[lang]

    return get


@pytest.mark.parametrize(
    ("lang", "text", "values"),
    [
        ("zh", "失信名单的期限一般为二年，分为六个等级，每年可免费查询两次。", [2, 6, 2]),
        ("zh", "截至2019年6月，限制购买飞机票2682万人次。", [26_820_000]),
        ("zh", "法院累计发布失信名单1500多万人次，其中两万多人已履行。", [15_000_000, 20_000]),
        ("zh", "一般情况下统一处理。", []),
        ("de", "Daten zu 68 Millionen Personen und rund sechs Millionen Unternehmen, in drei Gruppen.", [68e6, 6e6, 3]),
        ("fr", "Quinze associations ont saisi le Conseil d'État au bout de cinq ans.", [15, 5]),
        ("nl", "Ruim 25.000 ouders werden ten onrechte als fraudeur aangemerkt.", [25_000]),
        ("en", "Article 5(1)(c) of the AI Act bans it.", []),
    ],
)
def test_components_claim_extractor_reads_number_words_of_the_text_language(pipelines, lang, text, values) -> None:
    doc = _tag(pipelines(lang), text)
    assert [c["value"] for c in doc._.claims] == [pytest.approx(v) for v in values]


@pytest.mark.parametrize(
    ("text", "scale"),
    [
        ("Some 12 people were interviewed for this article.", False),
        ("Over 26,000 parents were wrongly accused.", True),
        ("Shares in the chipmaker fell 4% after it cut its sales forecast by EUR 2.3bn.", False),
        ("The football club signed the striker for about 12 million euros.", False),
        ("The credit bureau's score is used by lenders and covers 40 million people.", True),
    ],
)
def test_components_claim_extractor_takes_only_large_figures_as_scale(small_nlp, text: str, scale: bool) -> None:
    doc = _tag(small_nlp, text)
    assert any(t.startswith("scale.") for *_, t, _c in doc._.topics) is scale


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        ("The German credit agency's score decides who gets a flat.", ("de_schufa",), {"de_schufa"}),
        ("The German credit agency's score decides who gets a flat.", ("cn_social_credit_system",), set()),
        ("Lenders in Germany decide who gets a flat.", ("de_schufa",), set()),
    ],
)
def test_components_program_tagger_resolves_a_kind_word_by_declared_country(small_nlp, text, declared, expected) -> None:
    doc = _tag(small_nlp, text, doc_programs=declared)
    assert {p for *_, p, _t, _g in doc._.programs} == expected


@pytest.mark.parametrize(
    ("lang", "text", "program"),
    [
        ("de", "Wer auf der No-Fly-Liste der USA steht, darf nicht fliegen.", "us_tsdb_no_fly_selectee"),
        ("de", "Die Kindergeld-Affäre stürzte 2021 die Regierung in Den Haag.", "nl_tax_fsv_childcare_risk"),
        ("de", "Das Gladsaxe-Modell wurde 2018 gestoppt.", "dk_gladsaxe_model"),
        ("de", "Das Rongcheng-Punktesystem belohnt Blutspenden.", "cn_rongcheng_points"),
        ("fr", "Le scandale des allocations familiales a fait tomber le gouvernement.", "nl_tax_fsv_childcare_risk"),
        ("fr", "La liste des débiteurs malhonnêtes compte des millions de noms.", "cn_spc_dishonest_judgment_debtors"),
        ("nl", "Wie op de Amerikaanse no-flylijst staat, mag niet vliegen.", "us_tsdb_no_fly_selectee"),
        ("nl", "De OFAC-lijst telt duizenden namen.", "us_ofac_sdn"),
    ],
)
def test_components_program_tagger_knows_names_other_languages_use(shipped_pipelines, lang, text, program) -> None:
    doc = _tag(shipped_pipelines(lang), text)
    assert program in {pid for *_, pid, _term, _generic in doc._.programs}
