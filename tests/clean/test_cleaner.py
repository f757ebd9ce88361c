"""Cleaning rules applied to text: junk cut and counted by rule, article sentences never cut."""

from __future__ import annotations

import pytest

from scoreatlas.clean import Cleaner
from scoreatlas.types import RawDocument

ARTICLE = {
    "en": [
        "The Supreme People's Court said its list held more than eight million entries at the end of 2023.",
        "By March, courts had listed 5.7 million people.",
        "By Royal Decree, the ministry ordered banks to report every default.",
        "Reporting by banks is mandatory under the law.",
        "Register entries must be checked by courts within thirty days.",
        "Published figures show that appeals rose in 2022.",
        "Residents can join the community group that reviews local scores.",
        "Photographs of debtors were shown on screens in cinemas, the report said.",
        "Subscribers to the credit bureau's service can see a score for any applicant.",
        "Share prices of the credit bureau fell after the ruling.",
    ],
    "fr": ["La Banque de France gère le fichier des incidents de crédit depuis 1989.",
           "Par décision du Conseil d'État, le fichier a été modifié en 2020."],
    "de": ["Die Auskunftei speichert Daten über Zahlungsausfälle von rund 68 Millionen Menschen.",
           "Von 2019 an mussten Banken jeden Ausfall melden."],
    "nl": ["De Belastingdienst gebruikte een risicomodel om fraude met kinderopvangtoeslag op te sporen.",
           "Door de toeslagenaffaire trad het kabinet in januari 2021 af."],
    "zh": ["最高人民法院于2013年建立失信被执行人名单制度。", "被列入名单的人不能乘坐飞机和高铁。"],
}

JUNK = [
    ("en", "cookie_notice", "We use cookies to improve your experience on our site."),
    ("en", "promo_call_to_action", "Join our Telegram channel for the latest news from Asia."),
    ("en", "subscribe_prompt", "Subscribe to our newsletter for a weekly briefing"),
    ("en", "share_buttons", "Share on Facebook"),
    ("en", "share_buttons", "Facebook | Twitter | WhatsApp | Email"),
    ("en", "photo_credit", "Photo: Example Agency"),
    ("en", "photo_credit", "The court building in Beijing. (Photo: Example Agency)"),
    ("en", "media_cue", "Watch the video below for an explainer."),
    ("en", "byline", "By Quentin Fabricated | Senior Reporter"),
    ("en", "byline", "Reporting by Quentin Fabricated; Editing by Wilma Invented"),
    ("en", "dateline_stamp", "Updated 5 March 2024, 10:32 GMT"),
    ("en", "copyright_footer", "© 2024 The Example Ledger. All rights reserved."),
    ("en", "read_more_link", "Read more: How credit lists work in three countries"),
    ("en", "navigation", "Advertisement"),
    ("fr", "promo_call_to_action", "Rejoignez notre chaîne Telegram pour ne rien manquer."),
    ("fr", "cookie_notice", "Nous utilisons des cookies pour mesurer l'audience."),
    ("fr", "media_cue", "Regardez la vidéo ci-dessous."),
    ("fr", "byline", "Par Quentin Inventé | Journaliste"),
    ("fr", "photo_credit", "Photo : Agence Exemple"),
    ("de", "promo_call_to_action", "Folgen Sie uns auf unserem Telegram-Kanal"),
    ("de", "subscribe_prompt", "Jetzt den Newsletter abonnieren und nichts verpassen"),
    ("de", "byline", "Von Quentin Erfunden | Redakteur"),
    ("de", "media_cue", "Sehen Sie das Video unten."),
    ("nl", "promo_call_to_action", "Volg ons op ons WhatsApp-kanaal voor het laatste nieuws."),
    ("nl", "byline", "Door Quentin Verzonnen"),
    ("nl", "cookie_notice", "Deze website gebruikt cookies."),
    ("nl", "media_cue", "Bekijk de video hieronder."),
    ("zh", "promo_call_to_action", "欢迎关注我们的微信公众号"),
    ("zh", "byline", "记者 张某某"),
    ("zh", "photo_credit", "图：示例通讯社"),
    ("zh", "copyright_footer", "版权所有，未经授权不得转载"),
]


def _doc(lang: str, lines: list[str]) -> RawDocument:
    return RawDocument(source=f"page_{lang}.txt", text="\n".join(lines), meta={"lang": lang})


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.mark.parametrize(("lang", "rule", "junk"), JUNK)
def test_cleaner_cuts_junk_by_named_rule(cleaner: Cleaner, lang: str, rule: str, junk: str) -> None:
    article = ARTICLE[lang]
    result = cleaner.clean(_doc(lang, [article[0], junk, article[1]]), keep_cuts=True)
    assert junk not in result.text
    assert result.removed == {rule: len(junk)}
    assert [c.rule for c in result.cuts] == [rule]
    assert result.text == "\n".join(article[:2])


@pytest.mark.parametrize("lang", sorted(ARTICLE))
def test_cleaner_keeps_every_article_sentence(cleaner: Cleaner, lang: str) -> None:
    result = cleaner.clean(_doc(lang, ARTICLE[lang]))
    assert result.text == "\n".join(ARTICLE[lang])
    assert not result.removed


@pytest.mark.parametrize(
    ("heading", "items"),
    [("Related stories", ["Court list grows again in coastal province", "How the points system works in one city"]),
     ("À lire aussi", ["Le surendettement en hausse"])],
)
def test_cleaner_cuts_related_lists_until_prose(cleaner: Cleaner, heading: str, items: list[str]) -> None:
    lang = "fr" if heading.startswith("À") else "en"
    lines = [ARTICLE[lang][0], heading, *items, ARTICLE[lang][1]]
    result = cleaner.clean(_doc(lang, lines))
    assert result.text == "\n".join(ARTICLE[lang][:2])
    assert result.removed["related_list"] == len(heading) + sum(len(i) for i in items)


@pytest.mark.parametrize(
    ("line", "kept", "rule"),
    [
        ("GENEVA, March 5 (Reuters) - Courts listed 5.7 million people in 2019.",
         "Courts listed 5.7 million people in 2019.", "dateline_agency"),
        ("The list (Photo: Example Agency) grew again in 2019, the court said in its annual report.",
         "The list grew again in 2019, the court said in its annual report.", "photo_credit_inline"),
    ],
)
def test_cleaner_span_rules_cut_only_the_match(cleaner: Cleaner, line: str, kept: str, rule: str) -> None:
    result = cleaner.clean(_doc("en", [line]))
    assert result.text == kept
    assert result.removed == {rule: len(line) - len(kept)}


@pytest.mark.parametrize("timeline", [["5 March 2024", ARTICLE["en"][0]] * 5])
def test_cleaner_bare_dates_cut_only_near_the_edges(cleaner: Cleaner, timeline: list[str]) -> None:
    lines = [ARTICLE["en"][1], *timeline, ARTICLE["en"][1], *ARTICLE["en"][2:8]]
    result = cleaner.clean(_doc("en", lines))
    assert 0 < result.removed["dateline_stamp"] < len("5 March 2024") * 5
    assert "5 March 2024" in result.text


@pytest.mark.parametrize(("lang", "text"), [("", ARTICLE["de"][0]), ("", ARTICLE["zh"][0]), ("nl", "Short.")])
def test_cleaner_detects_language_unless_declared(cleaner: Cleaner, lang: str, text: str) -> None:
    result = cleaner.clean(RawDocument("x.txt", text, meta={"lang": lang} if lang else {}))
    assert result.lang == (lang or ("de" if "Auskunftei" in text else "zh"))


@pytest.mark.parametrize("quote", ["« Ce n’est pas une liste noire, c’est un outil de prévention du surendettement », a déclaré la banque centrale."])
def test_cleaner_marks_paragraphs_in_another_language(cleaner: Cleaner, quote: str) -> None:
    text = "\n".join([ARTICLE["en"][0], quote, ARTICLE["en"][3]])
    result = cleaner.clean(RawDocument("x.txt", text))
    assert result.lang == "en"
    [(start, end, lang)] = result.passage_langs
    assert lang == "fr" and result.text[start:end] == quote
