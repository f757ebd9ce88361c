"""Person names: from the pipeline's NER, from context cues, from name gazetteers and by propagation.

Every detector returns :class:`~scoreatlas.types.Span` objects of kind ``PERSON``; ``detector`` says which
rule fired. Rules come in three strengths, which decide what the keep-list may overrule
(:data:`STRONG`, :data:`WEAK`, :data:`GUESS`):

- strong cues name a person outright: a title or role before the name (``Judge Lincoln``, ``lawyer Zhang
  Wei``), an age or role appositive after it (``Paris, 41,``; ``Liu Jiahao, a lawyer``), ``a man called X``;
- weak cues usually name a person but sometimes an organisation: speech verbs (``said X``, ``X said``),
  bylines and author lines, possessives of personal things (``Okafor's appeal``), ``X, who``;
- guesses: the NER label, a first name from the gazetteer followed by a capitalised word, a romanised East
  Asian surname followed by a given name, names in capitals.

The keep-list overrules weak cues and guesses, never strong cues.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Any

import regex
from spacy.tokens import Doc

from scoreatlas.privacy.keeplist import is_kept, normalize_term, place_terms
from scoreatlas.privacy.names import (
    east_asian_surnames,
    first_names,
    is_common_word,
    is_pinyin,
    not_names,
    surnames,
)
from scoreatlas.types import Span

PERSON_LABELS = frozenset({"PERSON", "PER"})
# Labels under which NER files an organisation or place; a weak cue on such a span needs gazetteer support.
NON_PERSON_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "MISC"})

# A reference list's "Park, J.-W. (2024)" is a citation of a person whatever the surname ("Park", "Paris").
STRONG = frozenset({"title", "role", "age", "called", "name_form", "citation"})
WEAK = frozenset({"speech", "byline", "author", "possessive", "who", "list", "appositive", "predicate", "asked", "life", "addressee"})
GUESS = frozenset({"ner", "gazetteer", "east_asian", "caps", "gazetteer_single", "shape"})

# --- the shape of a name -----------------------------------------------------------------------------------
_CAP = r"\p{Lu}[\p{Ll}\p{Lu}\p{M}]*(?:['’]\p{Lu}[\p{L}\p{M}]*)?(?:-\p{L}[\p{L}\p{M}]*)*"
_PREFIXED = r"(?:[dDlL]['’]|(?:al|el|Al|El)-)" + _CAP
_INITIAL = r"\p{Lu}\.(?:[ \t]?-?\p{Lu}\.)*"
_PARTICLE = (
    r"(?:van|von|der|den|de|del|della|dei|di|da|das|dos|du|la|le|ter|ten|bin|binti|bint|ibn|al|el|abu|ap|zu|y|"
    r"op|in ['’]t|'t)"
)
# Irish surnames whose second part is mutated or follows the article: "Mac an tSaoir", "Ó hÉigeartaigh".
_MUTATION = r"(?:t|h|n|bh|mb|gc|nd|ng|dt)"
_IRISH = rf"(?:Mac|Nic|Mhic|Ó|Ní|Uí|Ua)[ \t]+(?:an[ \t]+{_MUTATION}?|{_MUTATION})\p{{Lu}}[\p{{Ll}}\p{{M}}]+"
_IRISH_MUTATED = regex.compile(rf"{_MUTATION}\p{{Lu}}\p{{Ll}}")
_WORD_IN_NAME = rf"(?:{_IRISH}|{_PREFIXED}|{_CAP}|{_INITIAL})"
# A name starts at a word boundary: the lookbehind spares the engine a try at every capital inside a word.
# After initials, a Dutch given name in brackets and particles may come: "E. (Eline) van der Berg", "P. ten Brink".
NAME = rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’-])(?:(?:{_INITIAL}[ \t]?)+(?:\(\p{{Lu}}\p{{Ll}}+\)[ \t]+)?(?:{_PARTICLE}[ \t]+)*)?{_WORD_IN_NAME}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_WORD_IN_NAME})*"
# Names joined into a list: "Ruth Abebe, Samuel Otieno and Grace Wanjiru", "X in Johannesburg and Y".
_PLACE_AFTER = rf"(?:[ \t]+in[ \t]+{_CAP}(?:[ \t]+{_CAP})*)?"
NAMES = (
    rf"{NAME}{_PLACE_AFTER}(?:(?:[ \t]*,[ \t]*|[ \t]*,?[ \t]+(?:and|und|et|en|y|e)[ \t]+){NAME}{_PLACE_AFTER})*"
)
_NAME_RE = regex.compile(NAME)
# A prefixed surname, not an elided article before an acronym ("l'IA").
PREFIXED_SURNAME = regex.compile(r"(?:[dDlL]['’]|(?:al|el|Al|El)-)\p{Lu}[\p{Ll}\p{M}]")
_TOKEN = regex.compile(rf"{_INITIAL}|{_PREFIXED}|\p{{L}}[\p{{L}}\p{{M}}]*(?:['’]\p{{Lu}}[\p{{L}}\p{{M}}]*)?(?:-\p{{L}}[\p{{L}}\p{{M}}]*)*")

# --- words that end or open a name -------------------------------------------------------------------------
# Nouns of organisations and places: "Justice Department", "Washington Post", "Lincoln Center" are not people.
ORG_WORDS = frozenset(
    ["academy", "act", "administration", "agency", "alliance", "association", "assembly", "authority", "award", "bank", "bill", "board", "bureau", "cabinet", "centre", "center", "chamber", "church", "circuit", "city", "coalition", "code", "college", "commission", "committee", "company", "congress", "corporation", "council", "county", "court", "courts", "department", "directorate", "district", "division", "embassy", "federation", "forum", "foundation", "fund", "gazette", "government", "group", "holding", "holdings", "hospital", "house", "inc", "institute", "institution", "journal", "law", "league", "ltd", "ministry", "movement", "museum", "network", "news", "office", "organisation", "organization", "parliament", "partners", "party", "platform", "police", "post", "press", "prize", "programme", "program", "project", "province", "radio", "railway", "region", "register", "registry", "republic", "review", "school", "senate", "service", "services", "society", "square", "state", "station", "street", "road", "avenue", "times", "tribunal", "trust", "union", "university", "valley", "river", "lake", "mountain", "bridge", "airport", "park", "hall", "tower", "building", "daily", "weekly", "herald", "telegraph", "tribune", "agency's", "ombudsman", "regulation", "act's", "plan", "scheme", "system", "index", "score", "list", "matrix", "database", "report", "strategy", "treaty", "convention", "charter", "directive", "protocol", "declaration", "procedure", "credit", "insurance", "bureau's", "commission's", "court's", "ministry's", "gmbh", "ag", "sa", "nv", "bv", "plc", "llc", "llp", "co", "corp", "rua", "rue", "via", "calle", "avenida", "piazza", "strasse", "straße", "ulica", "ul", "str", "municipality", "municipal", "comune", "gemeente", "gemeinde", "commune", "municipio", "council's", "technologies", "technology", "sons", "brothers", "associates", "capital", "research", "ventures", "partners", "industries", "enterprises", "holdings", "observer", "monitor", "watch", "solutions", "systems", "labs", "consulting", "software", "bank's", "tribunal's", "orchestra", "philharmonic", "choir", "ensemble", "quartet", "incorporated", "firm"]
)
# Trade nouns that end a firm's name ("National Van Lines", "Roadify Transit", "Otc Markets").
ORG_WORDS |= frozenset(
    ["lines", "airlines", "airways", "transit", "logistics", "motors", "pharmaceuticals", "healthcare",
     "analytics", "communications", "entertainment", "markets", "networks", "studios"]
)
# The same nouns in the other languages we read: "Universität Wien", "Erasmus Universiteit Rotterdam" and
# "Hans-Böckler-Stiftung" turn up in any language's text.
ORG_WORDS |= frozenset(
    ["universität", "universiteit", "université", "università", "universidad", "universidade", "hochschule",
     "hogeschool", "stiftung", "stichting", "fondation", "fundación", "fondazione", "institut", "instituut",
     "instituto", "istituto", "lycée", "gymnasium", "ministerium", "ministère", "ministerie", "gericht",
     "rechtbank", "verein", "vereniging", "bundesamt", "behörde", "autoriteit", "autorité", "statistics",
     "statistik", "statistiek", "statistique", "statistica", "estadística", "estatística", "statistikk"]
)
# Nouns before a name that make it the name of a school, street or body ("le lycée Victor-Hugo", "rue Victor
# Hugo", "the Anne Frank Foundation" is named_after's): the person is its namesake, not someone present.
NAMESAKE_NOUNS = frozenset(
    ["lycée", "collège", "école", "université", "rue", "avenue", "boulevard", "place", "quai", "allée", "impasse",
     "square", "straat", "plein", "laan", "gracht", "kade", "stichting", "fondation", "stiftung", "gymnasium",
     "hôpital", "ziekenhuis", "krankenhaus", "schule", "realschule", "gesamtschule", "basisschool", "lyceum"]
)
_MONTHS_BY_LANG = {
    "en": "january february march april may june july august september october november december jan feb mar apr jun "
          "jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre lundi mardi mercredi "
          "jeudi vendredi samedi dimanche",
    "de": "januar februar märz april mai juni juli august september oktober november dezember montag dienstag "
          "mittwoch donnerstag freitag samstag sonntag",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december maandag dinsdag "
          "woensdag donderdag vrijdag zaterdag zondag",
}
MONTHS = frozenset(w for words in _MONTHS_BY_LANG.values() for w in words.split())
_MONTHS_OF = {lang: frozenset(words.split()) for lang, words in _MONTHS_BY_LANG.items()}


def is_month(low: str, lang: str | None, *, before_number: bool = False) -> bool:
    """Whether a lower-cased word is a month or weekday in the text's language (or English, which every
    corpus quotes). Another language's month counts only before a number: "Mei" in an English text is a
    Chinese given name, "mei 2021" a date."""
    if low not in MONTHS:
        return False
    return before_number or low in _MONTHS_OF["en"] or low in _MONTHS_OF.get(lang or "en", frozenset())


TITLES = (
    r"Mr|Mrs|Ms|Miss|Mx|Dr|Drs|Prof|Sir|Dame|Lord|Lady|Herr|Frau|Mme|Mlle|M\.|Monsieur|Madame|Mademoiselle|"
    r"Maître|Mevr|Mevrouw|Dhr|Meneer|Señor|Señora|Sra|Hon|Rev|Sheikh|Imam|Rabbi|Ir|Mag|Ing|de heer|mevrouw|meneer"
)
# Roles that name a person when they stand right before a name (case-insensitive).
ROLES = (
    r"lawyers?|attorneys?|barristers?|solicitors?|counsel|advocates?|judges?|justices?|magistrates?|prosecutors?|"
    r"spokes(?:person|man|woman|people)|reporters?|journalists?|correspondents?|editors?|columnists?|"
    r"photographers?|(?:prime |foreign |deputy |vice |finance |justice |interior |chief )?ministers?|secretary|"
    r"senators?|congress(?:man|woman)|representatives?|governors?|mayors?|(?:vice[- ])?presidents?|premier|"
    r"chancellor|chair(?:man|woman|person)?|directors?|commissioners?|ombudsman|professors?|researchers?|"
    r"economists?|analysts?|activists?|plaintiffs?|defendants?|debtors?|applicants?|claimants?|complainants?|"
    r"petitioners?|appellants?|respondents?|officers?|inspectors?|detectives?|constables?|sergeants?|"
    r"captains?|colonels?|lieutenants?|deputy|MPs?|MEPs?|rapporteurs?|(?:chief executive|CEO|CFO|CTO|COO)|"
    r"founders?|co-founders?|whistleblowers?|victims?|residents?|farmers?|traders?|workers?|nurses?|doctors?|"
    r"teachers?|students?|pensioners?|entrepreneurs?|business(?:man|woman)|mother|father|sons?|daughters?|"
    r"wife|husband|sisters?|brothers?|uncle|aunt|cousins?|widow(?:er)?|grand(?:mother|father|son|daughter)|"
    r"neighbou?rs?|colleagues?|friends?|partners?|clients?|tenants?|landlords?|employees?|bloggers?|authors?|"
    r"writers?|scholars?|academics?|scientists?|statisticians?|sociologists?|lecturers?|officials?|agents?|"
    r"bankers?|engineers?|drivers?|owners?|patients?|citizens?|nationals?|migrants?|refugees?|jobseekers?|"
    r"retirees?|accountants?|consultants?|auditors?|investigators?|caseworkers?|counsellors?|counselors?|"
    r"kids?|child|baby|boyfriend|girlfriend|fianc[ée]e?|boss|manager|mum|mom|dad|grandma|grandpa|nephew|"
    r"niece|buddy|mate|roommate|flatmate|coach|pupil|guardian|beneficiary|spouse|stepson|stepdaughter|"
    r"avocat(?:e)?|juge|ministre|porte-parole|député(?:e)?|maire|président(?:e)?|directeur|directrice|"
    r"débiteur|débitrice|advocaat|rechter|woordvoerder|woordvoerster|staatssecretaris|burgemeester|"
    r"wethouder|hoogleraar|onderzoeker|schuldenaar|greffière|greffier|huissier|griffier|gerechtsdeurwaarder|"
    r"deurwaarder|notaris"
)
# Roles written with a capital before a name anywhere in a sentence (titles, and German nouns); other roles
# count with a capital only at the start of a sentence, so "National Development" is no "national" + name.
ROLE_TITLES = (
    r"Judge|Justice|Minister|(?:Prime|Foreign|Deputy|Finance|Justice|Interior|Chief) Minister|President|"
    r"Vice[- ]President|Senator|Governor|Mayor|Professor|Commissioner|Chancellor|Premier|Secretary|Director|"
    r"Chairman|Chairwoman|Chairperson|Inspector|Detective|Sergeant|Constable|Captain|Colonel|Lieutenant|"
    r"Rapporteur|Ombudsman|Lawyer|Attorney|Counsel|Advocate|Magistrate|Prosecutor|Representative|Rep|Sen|Gov|"
    r"Cllr|Councillor|Alderman|Bishop|Cardinal|Pastor|Dean|Provost|Rector|Ambassador|Consul|Commander|Chief|"
    r"Richter(?:in)?|Anwalt|Anwältin|Rechtsanwalt|Rechtsanwältin|Sprecher(?:in)?|Minister(?:in)?|"
    r"Bundesminister(?:in)?|Staatssekretär(?:in)?|Bürgermeister(?:in)?|Professorin|Schuldner(?:in)?|"
    r"Rechtspfleger(?:in)?|Gerichtsvollzieher(?:in)?|Notar(?:in)?|"
    r"Kamerlid|Maître|Juge|Ministre|Député(?:e)?|Président(?:e)?"
)
SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|argued|argues|wrote|writes|explained|explains|noted|notes|stated|"
    r"states|claimed|claims|asked|asks|replied|replies|warned|warns|insisted|insists|recalled|recalls|admitted|"
    r"admits|urged|urges|testified|testifies|commented|remarked|conceded|concedes|acknowledged|confirmed|"
    r"denied|denies|declined|believes|believed|thinks|thought|hopes|hoped|fears|feared|recounted|recounts|"
    r"complained|complains|alleged|alleges|sued|appealed|described|describes|learned|learnt|discovered|"
    r"remembers|remembered|estimated|estimates|shouted|yelled|whispered|cried|screamed|answered|responded|"
    r"laughed|smiled|sighed|muttered|exclaimed|interrupted|agreed|joked|wondered|announced|revealed|"
    r"apologised|apologized|insisted|pleaded|protested|objected"
)
# Verbs that follow people and organisations alike: they mark a person only with gazetteer support.
GENERIC_VERBS = r"was|is|has|had|who|filed|lost|won|moved|lives|lived|worked|works|received|paid|owed|owes|repaid|gave|sent|spent|left|went|became|died|took|got"
POSSESSED = (
    r"lawyers?|attorneys?|counsel|barrister|solicitor|wife|husband|mother|father|sons?|daughters?|family|"
    r"children|child|parents|brother|sister|partner|home|house|flat|apartment|address|phone|mobile|number|"
    r"email|e-mail|account|accounts|car|profile|page|passport|salary|pension|debts?|appeal|case|complaint|"
    r"lawsuit|claim|file|record|records|name|legal|death|arrest|testimony|payment|tax|birthday|age|score|"
    r"identity|ID|NINO|BSN|SSN|loan|loans|benefits?|bank|landlord|employer|report|blog|post|posts|letter|"
    r"card|licen[cs]e|plate|whereabouts|colleagues?|friends?|husband's|wife's|car's|website|campaign|"
    r"research|book|interview|statement|own|mortgage|rent|credit|kids?|killers?|murderers?|funeral|grave|"
    r"wedding|widow|widower|fiancée?|boyfriend|girlfriend|novels?|poems?|songs?|albums?|memoir|diary|"
    r"childhood|youth|parents'"
)
AGE_CUE = rf"(?P<name>{NAME}),[ \t]+(?:aged[ \t]+)?\d{{1,2}}[ \t]*(?:,|\)|[ \t]+years?[ \t]+old)|(?P<name2>{NAME})[ \t]+\(\d{{1,2}}\)"

_FLAGS = regex.VERSION0
_TITLE_RE = regex.compile(
    rf"(?<![\p{{L}}])(?:(?:{TITLES})\.?|(?i:mr|mrs|ms|dr|prof)\.)[ \t]+(?P<name>(?:{_PARTICLE}[ \t]+)*{NAMES})", _FLAGS
)
# Cues whose trigger words may be written in any case are found in a lower-cased copy of the text (a
# case-insensitive alternation of hundreds of words is slow); the name after them is read in the original.
_ROLE_TRIGGER = regex.compile(rf"(?<![\p{{L}}-])(?P<t>{ROLES}|{ROLE_TITLES.lower()})[ \t]+(?=\p{{L}}|\p{{Lu}}\.)")
_ROLE_COLON_TRIGGER = regex.compile(
    rf"(?<![\p{{L}}-])(?P<t>{ROLES}|{ROLE_TITLES.lower()}|name|surname|full name|naam|nom)[ \t]*:[ \t]*"
)
_ROLE_TITLE_RE = regex.compile(rf"(?:{ROLE_TITLES})")
_SENTENCE_BEFORE = regex.compile(r"(?:^|\n[ \t]*|[.!?:;][\"”’)]?[ \t]+|[\"“‘(][ \t]*)$")
_NAMES_AT = regex.compile(NAMES)
_NAME_AT = regex.compile(NAME)
_AGE_RE = regex.compile(AGE_CUE, _FLAGS)
# What a person is said to be, after "X, a ..." or "X is a ...".
_ROLE_NOUN = rf"(?i:{ROLES}|head|chief|founder|member|leader|manager|secretary-general|director-general)\b"
_APPOSITIVE_RE = regex.compile(
    rf"(?P<name>{NAME}),[ \t]+(?:a|an|the|his|her|their|our|one|another|former|retired|herself|himself)[ \t]+"
    rf"(?:[\p{{L}}-]+[ \t]+){{0,3}}?{_ROLE_NOUN}",
    _FLAGS,
)
# The same said as a predicate: "Tomomi Nishiyama is a company director", "X was the plaintiff's lawyer".
_ROLE_PREDICATE_RE = regex.compile(
    rf"(?P<name>{NAME})[ \t]+(?:is|was|has[ \t]+been|became|remains)[ \t]+(?:a|an|the|his|her|their|one)[ \t]+"
    rf"(?:[\p{{L}}'’-]+[ \t]+){{0,3}}?{_ROLE_NOUN}",
    _FLAGS,
)
_CALLED_RE = regex.compile(
    rf"(?<![\p{{L}}])(?i:man|men|woman|women|boy|girl|person|people|resident|mother|father|farmer|worker|trader|"
    rf"teenager|student|pensioner|driver|nurse|user|blogger|debtor|someone|customer|client)[ \t]+"
    rf"(?:called|named|nicknamed)[ \t]+(?P<name>{NAMES})",
    _FLAGS,
)
# A nickname, often in quotes: known as "Wolle", known to his workmates as "Dazhao".
_NICKNAME_CUE = (
    r"(?:called|named|nicknamed)(?:[ \t]+(?:him|her|them|me|us))?"
    r"|known(?:[ \t]+(?:to|in|among|around|across)(?:[ \t]+[\p{Ll}'’-]+){1,3}?)?[ \t]+as|alias"
)
_WEAK_CALLED_RE = regex.compile(
    rf"(?<![\p{{L}}])(?:{_NICKNAME_CUE})[ \t]+(?:[\"“„«‘][ \t]*(?P<name>{NAME})[ \t]*[\"”“»’]|(?P<name2>{NAME}))",
    _FLAGS,
)
# One word in quotes after such a cue is a nickname even when it is also a word: known to everyone as "Dot".
_QUOTED_NICKNAME_RE = regex.compile(
    rf"(?<![\p{{L}}])(?:{_NICKNAME_CUE})[ \t]+[\"“„«‘](?P<name>\p{{Lu}}[\p{{Ll}}\p{{M}}'’-]+)[\"”“»’]", _FLAGS
)
# Names known by their form alone: a Vietnamese name with its middle word ("Le Thi Mai"; "Van" is left to
# the gazetteers, being Dutch too), and a Chinese familiar name in quotes ("Lao Zhou", "Xiao Li").
_NAME_FORM_RE = regex.compile(
    rf"(?P<name>{_CAP}[ \t]+(?:Thi|Thị|Văn)[ \t]+{_CAP}(?:[ \t]+{_CAP})?)"
    rf"|[\"“„«‘](?P<name2>(?:Lao|Xiao|Ah)[ \t]+{_CAP})[\"”“»’]",
    _FLAGS,
)
# A judge in a Commonwealth ruling, named by surname and post-nominal: "Whitcombe J accepted", "Smith LJ,".
_JUDGE_RE = regex.compile(rf"(?<![\p{{L}}])(?P<name>{_CAP})[ \t]+(?:J|LJ|CJ|JA|JJ|LJJ|AJ|ACJ)(?=[ \t]+\p{{Ll}}|[ \t]*[,;:)]|\.?[ \t]*(?:\n|$))", _FLAGS)
_BYLINE_RE = regex.compile(
    rf"(?m)^[ \t]*(?:By|BY|Door|DOOR|Von|VON|Par|PAR|Por|Text|Texte|Tekst|Autor|Autorin|Auteur|Auteurs|"
    rf"Author|Authors|Written by|Reporting by|Words)[ \t]*:?[ \t]+(?P<name>{NAMES})",
    _FLAGS,
)
_AUTHOR_RE = regex.compile(
    rf"(?<![\p{{L}}])(?i:reporting|editing|writing|written|reported|edited|compiled|photographed|photos?|"
    rf"translated|interviewed|drafted|authored|signed|posted|shared|sent|filed|illustrated|produced|"
    rf"narrated|presented|led|chaired|run|founded|hosted|co-authored|prepared|submitted|brought|raised|"
    rf"made|uploaded|tweeted|recorded|owned|directed|composed|performed|sung|designed|created|developed|"
    rf"represented|defended|coached|managed|sponsored|proposed|introduced|accompanied|joined|replaced|"
    rf"succeeded|approved|reviewed|checked|verified|contacted|visited|called|emailed|killed|attacked|"
    rf"arrested|detained|sued|questioned|nominated|appointed|hired|fired|employed|song|songs|album|track|"
    rf"single|record|book|novel|poem|play|film|movie|painting|photo|essay|memoir|story|stories|article|"
    rf"column|letter|tweet|blog|starring|featuring)[ \t]+(?:by[ \t]*:?[ \t]+)?"
    rf"(?:(?i:ex|former)-?\p{{L}}+[ \t]+)?(?P<name>{NAMES})",
    _FLAGS,
)
# Citations: a reference list's "Winter, R. (2021)" or "Osei, K. and Lindqvist, M.", a literature line's
# "R. T. Amankwah: Title", and in the text "Winter and Osei (2023)", "Okafor et al. (2020)".
_REFERENCE_RE = regex.compile(
    rf"(?m)(?:^[ \t]*|;[ \t]+|(?<=[ \t])(?:and|&|und|et|en)[ \t]+)(?P<name>{_CAP}(?:[ \t]+{_CAP})?),[ \t]+{_INITIAL}"
    rf"(?=[^\n]{{0,120}}?\b(?:19|20)\d\d\b)",
    _FLAGS,
)
_INITIAL_NAME_LINE_RE = regex.compile(
    rf"(?m)^[ \t]*(?P<name>{_INITIAL}[ \t]?(?:{_PARTICLE}[ \t]+)*{_CAP}(?:[ \t]+{_CAP})?)[ \t]*$", _FLAGS
)
# A child or namesake given with the year of birth: "Emre (geboren in 2009)", "Lisa (born 2012)", "Léa (née en 2010)".
_BORN_RE = regex.compile(
    rf"(?P<name>{NAME})[ \t]*\((?:born|b\.|geboren|geb\.|née?|nata|nato)[ \t]+(?:in[ \t]+|en[ \t]+|op[ \t]+|im[ \t]+)?"
    rf"(?:[\p{{L}}\d. ]{{0,14}}[ \t])?(?:19|20)\d\d\)",
    _FLAGS,
)
_INITIALS_LINE_RE = regex.compile(rf"(?m)^[ \t]*(?P<name>(?:{_INITIAL}[ \t]?)+{_CAP}(?:[ \t]+{_CAP})?)[ \t]*:", _FLAGS)
_CITED_RE = regex.compile(
    rf"(?P<name>{_CAP}[ \t]+(?:and|&|und|et|en)[ \t]+{_CAP})[ \t]*\((?:19|20)\d\d"
    rf"|(?P<name2>{_CAP})[ \t]+et[ \t]+al\.?[ \t]*[(,]?[ \t]*(?:19|20)\d\d"
    rf"|(?<=\()(?P<name3>{_CAP}(?:[ \t]+{_CAP}){{0,2}}),[ \t]*(?:19|20)\d\d[a-z]?[),;]",
    _FLAGS,
)
# A photo or illustration credit, wherever a caption puts it: "Foto: Jelmer Sikkema", "Photo: Hanne Sørensen".
_CREDIT_RE = regex.compile(
    rf"(?<![\p{{L}}])(?:Photos?|Fotos?|Bild|Beeld|Illustrati(?:on|e)|Credit|Crédit)[ \t]*:[ \t]*(?P<name>{NAMES})", _FLAGS
)
_QUOTED_BY_RE = regex.compile(rf"[\"”][ \t]+by[ \t]+(?P<name>{NAMES})", _FLAGS)
# Things said of a person's life rather than of a body ("X lives at", "X began writing", "X grew up in").
_LIFE_RE = regex.compile(
    rf"(?P<name>{NAME})[ \t]+(?:lives|lived|resides|resided|grew[ \t]+up|was[ \t]+born|is[ \t]+from|"
    rf"began[ \t]+writing|started[ \t]+writing|studied|graduated|married|retired|passed[ \t]+away)\b",
    _FLAGS,
)
# Adding or renaming a person on an account or a form ("add X as a beneficiary", "change it to X").
_ACCOUNT_RE = regex.compile(
    rf"(?<![\p{{L}}])(?i:add|added|adding|remove|removed|removing)[ \t]+(?P<name>{NAMES})[ \t]+(?i:as|from)\b"
    rf"|(?<![\p{{L}}])(?i:change|changed|correct|corrected|update|updated)[ \t]+(?i:it|the[ \t]+name)[ \t]+to[ \t]+"
    rf"(?P<name2>{NAMES})",
    _FLAGS,
)
# Someone addressed at the start of a line: "Warrane, can I please speak to your boss?"
_ADDRESSED_RE = regex.compile(
    rf"(?m)^[ \t>\"“]*(?P<name>{NAME}),[ \t]+(?i:can|could|would|will|please|do|did|are|have|what|where|when|"
    rf"why|how|I|you|we|thanks|thank)\b",
    _FLAGS,
)
_SPEECH_TRIGGER = regex.compile(
    rf"(?<![\p{{L}}])(?P<t>{SPEECH_VERBS}|according[ \t]+to|thanks[ \t]+to|quoting|citing|interviewing|"
    rf"contacted|contact|reach|reached|call|email|e-mail|write[ \t]+to|asked|told)[ \t]+"
)
# A name right after "of", "in" or "at" is a body's or a place's ("Helga Brandstetter of the University of
# Heidelberg argued"): the speaker stands before it.
_SPEECH_BEFORE_RE = regex.compile(
    rf"(?<!(?<![\p{{L}}])(?:of|in|at)[ \t]+(?:the[ \t]+)?)(?P<name>{NAME})(?:['’]s[ \t]+(?:[\p{{L}}-]+[ \t]+){{0,2}}?(?:{POSSESSED})|,[^,\n]{{1,90}},)?[ \t]+"
    rf"(?:has[ \t]+|had[ \t]+|have[ \t]+|also[ \t]+|later[ \t]+|then[ \t]+|never[ \t]+|once[ \t]+)?"
    rf"(?:{SPEECH_VERBS})\b",
    _FLAGS,
)
_GENERIC_BEFORE_RE = regex.compile(rf"(?P<name>{NAME})[ \t]+(?:{GENERIC_VERBS})\b", _FLAGS)
_POSSESSIVE_RE = regex.compile(
    rf"(?P<name>{NAME})['’]s[ \t]+(?:[\p{{L}}-]+[ \t]+){{0,2}}?(?i:{POSSESSED})\b", _FLAGS
)
_WHO_RE = regex.compile(rf"(?P<name>{NAME}),?[ \t]+(?:who|whose|whom)\b", _FLAGS)
_TO_RE = regex.compile(
    rf"(?<![\p{{L}}])(?:said|says|shouted|yelled|whispered|wrote|writes|spoke|talked|replied|complained|"
    rf"explained|lied|apologised|apologized|waved|sent|gave|handed|given|sold|lent|owed|introduced|"
    rf"married|engaged|related)(?:[ \t]+{NAME})?[ \t]+(?:to|at|with)[ \t]+(?P<name>{NAME})",
    _FLAGS,
)
_VOCATIVE_RE = regex.compile(
    rf"(?:,[ \t]+(?P<name>{NAME})[ \t]*[!?]|(?<![\p{{L}}])(?i:hi|hello|hey|dear|thanks|thank you|bye|goodbye|"
    rf"sorry|welcome|congratulations|good morning|good evening|cheers|regards|sincerely|love)[ \t]*,?[ \t]+"
    rf"(?P<name2>{NAME}))",
    _FLAGS,
)
_SELF_RE = regex.compile(
    rf"(?<![\p{{L}}])(?i:my name is|my name's|name is|name was|names are|i am|i'm|this is|call me|it's|"
    rf"signed|yours|known as|speaking with|speak to|speak with|talk to|talking to|talk with|meet|met|"
    rf"follow up with|ask for|asked for|spoke to|spoke with|married|marry|divorced|wife of|husband of|"
    rf"son of|daughter of|child of|widow of|mother of|father of)[ \t]*:?[ \t]+(?P<name>{NAMES})",
    _FLAGS,
)
# Someone giving a name as theirs or another's ("my name is X", "her maiden name is X", "call me X") names a
# person outright, whatever NER makes of the word: rule "called", strong.
_OWN_NAME_RE = regex.compile(
    rf"(?<![\p{{L}}])(?i:(?:my|his|her|their|your|whose)[ \t]+(?:(?:full|first|last|given|family|middle|maiden|"
    rf"married|real|birth)[ \t]+)?name(?:[ \t]+is|[ \t]+was|['’]s)|(?:people|everyone|everybody|they|friends)"
    rf"[ \t]+call(?:s|ed)?[ \t]+me|call[ \t]+me)[ \t]*:?[ \t]+(?P<name>{NAMES})",
    _FLAGS,
)
_ASKED_NAME_RE = regex.compile(
    rf"(?i:name)[^.\n?:]{{0,30}}[?:][ \t]*(?:(?i:user|customer|client|answer|me|a)[ \t]*:[ \t]*)?(?P<name>{NAMES})",
    _FLAGS,
)
# Words that label a line rather than name its speaker: "Photo:", "Source:", "Q:", "THE COURT:".
_LABEL_WORDS = frozenset(
    ["q", "a", "note", "notes", "noot", "anmerkung", "update", "editor", "source", "sources", "bron", "quelle", "date", "subject", "re", "tel", "fax", "email", "url", "article", "section", "chapter", "table", "figure", "question", "answer", "interviewer", "moderator", "host", "chair", "speaker", "reporter", "caption", "summary", "background", "warning", "disclaimer", "correction", "transcript", "audio", "video", "total", "ps", "nb", "photo", "photos", "foto", "fotos", "bild", "beeld", "credit", "court", "judge", "counsel", "witness", "clerk", "president", "member", "members", "mr", "mrs", "ms", "dr"]
)
_SPEAKER_RE = regex.compile(
    rf"(?m)^[ \t>*\-?]*(?!(?i:{'|'.join(sorted(_LABEL_WORDS))})[ \t]*:)"
    rf"(?P<name>{NAME})[ \t]*:[ \t]*\S",
    _FLAGS,
)
_WORK_RE = regex.compile(
    rf"(?<![\p{{L}}])(?i:the|a|an|his|her|their)[ \t]+(?P<name>{NAME})[ \t]+(?:novel|version|song|album|"
    rf"film|movie|book|memoir|biography|case|family|affair|murder|trial|story|letter|memo|estate|household|"
    rf"children|siblings|brothers|sisters|couple|twins|lawsuit|complaint|appeal|interview|testimony|"
    rf"killing|death|arrest|disappearance|files?|household|residence|home|house|flat|apartment)\b",
    _FLAGS,
)

_CUE_RULES: tuple[tuple[regex.Pattern[str], str], ...] = (
    (_TITLE_RE, "title"),
    (_AGE_RE, "age"),
    (_APPOSITIVE_RE, "appositive"),
    (_ROLE_PREDICATE_RE, "predicate"),
    (_CALLED_RE, "called"),
    (_WEAK_CALLED_RE, "speech"),
    (_QUOTED_NICKNAME_RE, "name_form"),
    (_NAME_FORM_RE, "name_form"),
    (_JUDGE_RE, "title"),
    (_BYLINE_RE, "byline"),
    (_AUTHOR_RE, "author"),
    (_QUOTED_BY_RE, "author"),
    (_CREDIT_RE, "author"),
    (_REFERENCE_RE, "citation"),
    (_INITIALS_LINE_RE, "author"),
    (_BORN_RE, "age"),
    (_CITED_RE, "author"),
    (_LIFE_RE, "life"),
    (_ACCOUNT_RE, "asked"),
    (_ADDRESSED_RE, "speech"),
    (_SPEECH_BEFORE_RE, "speech"),
    (_POSSESSIVE_RE, "possessive"),
    (_WHO_RE, "who"),
    (_TO_RE, "speech"),
    (_VOCATIVE_RE, "speech"),
    (_SELF_RE, "speech"),
    (_OWN_NAME_RE, "called"),
    (_ASKED_NAME_RE, "asked"),
    (_SPEAKER_RE, "speech"),
    (_WORK_RE, "possessive"),
    (_GENERIC_BEFORE_RE, "generic"),
)
# Phrases of English only, skipped in other languages: Dutch "met" is "with" ("met Javaanse wortels").
_ENGLISH_ONLY = frozenset([_SELF_RE])
_TRIGGERS: tuple[tuple[regex.Pattern[str], str, regex.Pattern[str]], ...] = (
    (_ROLE_TRIGGER, "role", _NAMES_AT),
    (_ROLE_COLON_TRIGGER, "speech", _NAMES_AT),
    (_SPEECH_TRIGGER, "speech", _NAME_AT),
)
_LEADING_TITLES = regex.compile(
    rf"^(?:(?:{TITLES})\.?|(?i:{ROLES}|general|chief|head|former|late|dear|hon\.?|the|a|an|and|or|but|when|"
    rf"if|as|at|in|on|for|with|after|before|while|then|yesterday|today|tomorrow|meanwhile|however|also|"
    rf"later|earlier|now|still|asked|says|said|told|writes|wrote|call|contact|email|write|ask|reach|dear|"
    rf"thanks|by|from|to|of|with|via|per|signed|plaintiff|defendant))$"
)
_ACRONYMS = frozenset(["EU", "UN", "UK", "US", "USA", "AI", "ID", "IT", "TV", "PC", "GDP", "GDPR", "NGO", "CEO", "MP", "MEP", "KC", "QC", "SC", "AM", "PM"])


def _gazetteer_word(word: str) -> bool:
    base = word.split("-")[0]
    title = base[:1].upper() + (base[1:].lower() if base.isupper() else base[1:])
    return title in first_names() or title in surnames() or title in east_asian_surnames()


def name_support(surface: str) -> bool:
    """True when some word of ``surface`` is a known first name or surname."""
    return any(_gazetteer_word(w) for w in _TOKEN.findall(surface) if len(w) > 1 and not w.endswith("."))


_MID_SENTENCE = regex.compile(r"[\p{Ll}\p{N},;][ \t]+$")


def _trim(text: str, start: int, end: int, *, strong: bool, lang: str | None = "en") -> tuple[int, int] | None:
    """The person name inside a cue's capture: cut at organisation and date words, drop leading titles.

    Returns ``None`` when nothing name-like is left: common words only (for a weak cue), a publication
    ("according to The Insider": a capitalised "The" inside a sentence), or, in German, where every noun
    is capitalised, a word no gazetteer knows.
    """
    words = [m for m in _TOKEN.finditer(text, start, end)]
    articles = ("The", "Le", "La", "Les", "Der", "Die", "Das", "Het", "El")
    if not strong and words and words[0].group() in articles and _MID_SENTENCE.search(text[max(0, start - 40) : start]):
        return None
    kept: list[regex.Match[str]] = []
    for m in words:
        w = m.group()
        low = w.lower().rstrip(".")
        # Right after a title a surname is a name though it is also a noun: "Judge Hall", "Dr. Park".
        surname_after_title = strong and not kept and w in surnames()
        org_word = low in ORG_WORDS or low in not_names() or ("-" in low and low.rsplit("-", 1)[-1] in ORG_WORDS)
        if org_word and not surname_after_title:
            break  # "Universiteit", and compounds ending in one: "Heinrich-Heine-Universität"
        if kept and w.isupper() and len(w) > 1 and kept[-1].group() in _ORG_LINKS:
            break  # "M. Abdoulaye Sow du FICP": a particle before an acronym links to a body
        before_number = bool(regex.match(r"[ \t]*\d", text[m.end() : m.end() + 3]))
        if is_month(low, lang, before_number=before_number) and (w not in first_names() or before_number):
            break
        kept.append(m)
    # A lower-case word at either end is no name, unless it is a prefixed one ("al-Khatib", "d'Almeida").
    while kept and (_LEADING_TITLES.match(kept[0].group()) or (kept[0].group()[:1].islower() and not PREFIXED_SURNAME.match(kept[0].group()))):
        kept.pop(0)
    while kept and kept[-1].group()[:1].islower() and not PREFIXED_SURNAME.match(kept[-1].group()) and not (
        _IRISH_MUTATED.match(kept[-1].group()) and len(kept) > 1
    ):
        kept.pop()
    if not kept:
        return None
    if strong and all(is_common_word(m.group(), lang) for m in kept) and not name_support(text[kept[0].start() : kept[-1].end()]):
        return None
    if not strong:
        # A weak cue on ordinary words ("Officials said", "Scores were") is no name.
        if all(is_common_word(m.group(), lang) and m.group() not in first_names() for m in kept):
            return None
        if len(kept) == 1 and kept[0].group().isupper() and not _gazetteer_word(kept[0].group()):
            return None
        if kept[0].group() in _ACRONYMS:
            return None
    if lang == "de" and not name_support(text[kept[0].start() : kept[-1].end()]):
        return None
    return kept[0].start(), kept[-1].end()


def _names_in(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Each name of a name list ("A, B and C"), without the places after "in"."""
    pos = start
    while pos < end:
        m = _NAME_RE.search(text, pos, end)
        if m is None:
            return
        before = text[max(start, m.start() - 4) : m.start()]
        if not before.rstrip().endswith(" in") and before.strip() != "in":
            yield m.start(), m.end()
        pos = m.end()


def _org_word_next(text: str, end: int) -> bool:
    """Whether a capitalised organisation noun follows ``end`` ("Van| Lines")."""
    m = regex.match(r"[ \t]+(\p{Lu}[\p{L}\p{M}]*)", text[end : end + 40])
    return bool(m and m.group(1).lower() in ORG_WORDS)


def cue_persons(text: str, *, lang: str | None = "en") -> list[Span]:
    """Names found by context: titles, roles, ages, appositives, speech verbs, bylines, possessives.

    Spans carry the rule in ``detector``; see :data:`STRONG` and :data:`WEAK`. Rule "generic" (``X was``,
    ``X has``) is kept by :func:`detect_persons` only for names with gazetteer support.
    """
    spans: list[Span] = []
    lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for trigger, rule, names in _TRIGGERS:
        for m in trigger.finditer(lower):
            cue = text[m.start("t") : m.end("t")]
            if rule == "role" and not (
                cue[:1].islower() or _ROLE_TITLE_RE.fullmatch(cue) or _SENTENCE_BEFORE.search(text[max(0, m.start() - 6) : m.start()])
            ):
                continue
            found = names.match(text, m.end())
            if found is None:
                continue
            # A capitalised role word before a body's word or an ordinary word that is no surname names a
            # body: "Welfare Justice Collective, Melbourne" ("Judge Hall" stays a judge).
            first = _TOKEN.match(text, found.start())
            if rule == "role" and cue[:1].isupper() and first and first.group() not in surnames() and (
                first.group().lower() in ORG_WORDS | not_names() or is_common_word(first.group(), lang)
            ):
                continue
            # A capitalised role word that opens a sentence may be an adjective of a body's name ("National
            # Van Lines", "Workers Union"): a name cut short by an organisation noun is then no person.
            opening = rule == "role" and cue[:1].isupper() and not _ROLE_TITLE_RE.fullmatch(cue)
            for s, e in _names_in(text, found.start(), found.end()):
                trimmed = _trim(text, s, e, strong=rule in STRONG, lang=lang)
                if trimmed and opening and _org_word_next(text, trimmed[1]):
                    continue
                if trimmed:
                    spans.append(Span(trimmed[0], trimmed[1], "PERSON", rule))
    for pattern, rule in _CUE_RULES:
        if pattern in _ENGLISH_ONLY and lang not in (None, "en", "xx"):
            continue
        strong = rule in STRONG
        for m in pattern.finditer(text):
            group = next(g for g in ("name", "name2", "name3") if g in pattern.groupindex and m.group(g) is not None)
            if rule == "name_form":  # the form is the evidence: no word of it is trimmed ("Lao" is a language too)
                spans.append(Span(m.start(group), m.end(group), "PERSON", rule))
                continue
            for s, e in _names_in(text, m.start(group), m.end(group)):
                trimmed = _trim(text, s, e, strong=strong, lang=lang)
                if trimmed:
                    spans.append(Span(trimmed[0], trimmed[1], "PERSON", rule))
    spans += _speaker_labels(text)
    spans += _signatures(text)
    spans += _initial_name_lines(text, lang)
    view = lower_case_view(text)
    if view is not text:
        spans += _lower_case_cues(view, lower, lang)
    return spans


def _initial_name_lines(text: str, lang: str | None) -> list[Span]:
    """A line that is an initial and a surname, signing under a role ("La greffière,\nC. MARTINEZ-OLIVIER"):
    the surname in capitals, or the line above ending in a comma. A heading ("A. Introduction", "B. Gladsaxe")
    has neither, and its words are ordinary or places."""
    spans = []
    for m in _INITIAL_NAME_LINE_RE.finditer(text):
        words = [w for w in _TOKEN.findall(m.group("name")) if not w.endswith(".") and w[:1].isupper()]
        if not words or any(is_common_word(w, lang) or normalize_term(w) in place_terms() for w in words):
            continue
        # the line right above, with no blank line between
        above = text[text.rfind("\n", 0, max(0, m.start() - 1)) + 1 : max(0, m.start() - 1)] if m.start() else ""
        signed = above.rstrip(" \t").endswith(",")
        if signed or all(w.isupper() and len(w) > 2 for w in words):
            # the surname alone, so that the keep-list still spares "D. CNIL"
            start = m.start("name") + m.group("name").index(words[0])
            spans.append(Span(start, m.end("name"), "PERSON", "author"))
    return spans


# A signature line: a name, then where the writer lives ("Ayşe Çelik, Linz", "Mark Berlin - Hamburg - ...",
# "Rahul Bhattacharya | Frankfurt am Main", "Anuradha Iyer, CA - Offenbach").
_SIGNATURE = regex.compile(
    rf"(?m)^[ \t>*-]*(?P<name>{_CAP}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_CAP}){{1,2}})[ \t]*(?:,|[ \t][-–—|])[ \t]*"
    rf"(?:\p{{Lu}}{{2,4}}[ \t]*(?:,|[ \t][-–—|])[ \t]*)?(?P<place>\p{{Lu}}[\p{{L}}\p{{M}}'’-]+(?:[ \t]+(?:am|an|de|sur|upon|on)?[ \t]*\p{{Lu}}[\p{{L}}\p{{M}}'’-]+)?)"
    rf"(?=[ \t]*(?:$|,|[ \t][-–—|]))"
)


def _signatures(text: str) -> list[Span]:
    """Signature lines (rule ``author``): a known first name opens the name, and a known place follows it."""
    spans = []
    for m in _SIGNATURE.finditer(text):
        words = m.group("name").split()
        if _title_case(words[0].split("-")[0]) in first_names() and normalize_term(m.group("place")) in place_terms():
            spans.append(Span(m.start("name"), m.end("name"), "PERSON", "author"))
    return spans


_CAPS_LABEL = regex.compile(r"(?m)^[ \t>*-]*(?P<name>\p{Lu}{2,}(?:[ \t-]\p{Lu}{2,}){0,2})[ \t]*:[ \t]*\S")


def _speaker_labels(text: str) -> list[Span]:
    """A transcript's speaker labels in capitals ("PARK: ..."), when the same label opens two lines or more:
    a word that names a speaker turn after turn is a person's name even when it is also a word ("Park")."""
    found: dict[str, list[regex.Match[str]]] = {}
    for m in _CAPS_LABEL.finditer(text):
        found.setdefault(m.group("name"), []).append(m)
    spans = []
    for label, matches in found.items():
        words = regex.split(r"[ \t-]+", label.lower())
        if len(matches) < 2 or any(w in _LABEL_WORDS or w in not_names() for w in words):
            continue
        if any(w in ORG_WORDS for w in words) and not (len(words) == 1 and label.title() in surnames()):
            continue  # "THE COURT:", but "PARK:" is a surname
        if label in _ACRONYMS or is_month(words[0], None):
            continue
        spans += [Span(m.start("name"), m.end("name"), "PERSON", "speech") for m in matches]
    return spans


# Cues whose trigger words are matched in any case, so that they still read a text written all in lower case.
_ANY_CASE_RULES = (
    (_TITLE_RE, "title"),
    (_OWN_NAME_RE, "called"),
    (_SELF_RE, "speech"),
    (_ASKED_NAME_RE, "asked"),
    (_VOCATIVE_RE, "speech"),
    (_POSSESSIVE_RE, "possessive"),
)


def _lower_case_cues(view: str, lower: str, lang: str | None) -> list[Span]:
    """Cues in a text written without capitals ("my name is borna jerkovic but everyone calls me borna"),
    read in its capitalised ``view``. Every word there has a capital, so a name is cut at its first common
    word that is no known name ("Borna Jerkovic | But")."""
    found: list[tuple[int, int, str]] = []
    for trigger, rule, names in _TRIGGERS:
        if rule == "role":
            continue  # "mother said" and the like: roles in chat are too often plain nouns
        for m in trigger.finditer(lower):
            match = names.match(view, m.end())
            if match is not None:
                found.append((match.start(), match.end(), rule))
    for pattern, rule in _ANY_CASE_RULES:
        if pattern in _ENGLISH_ONLY and lang not in (None, "en", "xx"):
            continue
        for m in pattern.finditer(view):
            group = "name" if m.group("name") is not None else "name2"
            found.append((m.start(group), m.end(group), rule))
    spans = []
    for start, end, rule in found:
        words = list(_TOKEN.finditer(view, start, end))
        if not words:
            continue
        last = words[0]
        for w in words[1:]:
            if is_common_word(w.group(), lang) and not _gazetteer_word(w.group()):
                break
            last = w
        trimmed = _trim(view, words[0].start(), last.end(), strong=rule in STRONG, lang=lang)
        if trimmed:
            spans.append(Span(trimmed[0], trimmed[1], "PERSON", rule))
    return spans


# --- guesses: gazetteers and name shapes ----------------------------------------------------------------
_CAP_TOKEN = regex.compile(
    rf"{_INITIAL}|(?<![\p{{L}}\p{{M}}\p{{N}}@._/-]){_CAP}|{_PARTICLE}(?=[ \t]+\p{{Lu}})"
)
_GAP = regex.compile(r"^[ \t]{1,3}$")


def _title_case(word: str) -> str:
    return word[:1] + word[1:].lower() if word.isupper() and len(word) > 1 else word


def _shape_ok(word: str) -> bool:
    low = word.lower()
    return low not in ORG_WORDS and low not in MONTHS and word not in _ACRONYMS


def lower_case_view(text: str) -> str:
    """A text written without capitals, with each word capitalised (same length), so the gazetteers can
    read "leone mazzi"; unchanged when the text has any capital at all."""
    if any(c.isupper() for c in text):
        return text
    view = regex.sub(r"(?<![\p{L}\p{M}'’])\p{Ll}", lambda m: m.group().upper() if len(m.group().upper()) == 1 else m.group(), text)
    return view if len(view) == len(text) else text


def gazetteer_persons(text: str, *, lang: str | None = "en") -> list[Span]:
    """First name + capitalised word (``Anne Vermeulen``), East Asian surname + given name (``Zhang Wei``,
    ``Park Ji-hoon``, ``Nguyen Thi Lan``), both in capitals (``ZHANG WEI``), and a known first name or
    surname standing alone (``my kid Lukas``, ``the Castro novel``: rule ``gazetteer_single``).

    A first name or surname that is also a common word (``Will``, ``Grace``) never counts alone and needs a
    known surname after it; a kept place alone (``Georgia``, ``Lincoln``) is dropped by the keep-list. A text
    written entirely in lower case is read as if each word were capitalised. Names alone are looked for
    only in English text: in German every noun has a capital, and sentence-initial function words of other
    languages ("Elle", "Wel") are first names somewhere.
    """
    text = lower_case_view(text)
    tokens = [(m.start(), m.end(), m.group()) for m in _CAP_TOKEN.finditer(text)]
    first, last, east = first_names(), surnames(), east_asian_surnames()
    spans: list[Span] = []
    i = 0
    n = len(tokens)
    while i < n:
        s, e, word = tokens[i]
        if (
            word[:1].islower()
            or word.endswith(".")
            or _LEADING_TITLES.match(word)
            or word.lower() in not_names()
            or ("-" in word and word.rsplit("-", 1)[-1].lower() in ORG_WORDS)  # "Heinrich-Heine-Universität"
        ):
            i += 1
            continue
        caps = word.isupper() and len(word) > 1
        w = _title_case(word)
        base = w.split("-")[0]
        rule = ""
        if w in east:
            rule = "east_asian"
        elif is_given_name(base):
            rule = "gazetteer"
        # Collect the following name words on the same line (particles and initials allowed in between).
        j = i + 1
        parts: list[tuple[int, int, str]] = []
        while j < n and len(parts) < 4:
            ps, pe, pw = tokens[j]
            prev_end = tokens[j - 1][1]
            if not _GAP.match(text[prev_end:ps]):
                break
            if pw[:1].islower() or pw.endswith(".") or (len(pw) == 1 and not caps):
                j += 1  # a particle or an initial ("Shane M Culp"): it needs a name after it
                continue
            if not _shape_ok(pw) or (caps and not (pw.isupper() and len(pw) > 1)):
                break
            if parts and is_common_word(pw, lang) and _title_case(pw) not in last and _title_case(pw) not in first:
                break  # "Anne Vermeulen Says", or a text read in lower case: "eva kleist lives"
            parts.append((ps, pe, pw))
            j += 1
        ok = False
        if parts:
            nxt = _title_case(parts[0][2])
            if rule == "east_asian":
                given = nxt
                ok = (is_pinyin(given) or "-" in given or given in first) and not is_common_word(given, lang)
                ok = ok and not (is_common_word(w, lang) and not is_pinyin(given))
                if ok:
                    # "Tan Wei Ling": a second given syllable.
                    parts = [p for k, p in enumerate(parts) if k == 0 or (k == 1 and is_pinyin(p[2]))][:2]
                elif base in first:
                    rule = "gazetteer"
            if rule == "gazetteer":
                common_first = is_common_word(base, lang)
                next_known = nxt in last or nxt.split("-")[0] in last or nxt in first
                if caps:
                    ok = (next_known or nxt in east) and not common_first and not is_common_word(nxt, lang)
                elif common_first:
                    ok = next_known and not is_common_word(nxt, lang)
                elif is_common_word(nxt, lang):
                    ok = nxt in last  # "Anne Young", but not "Sunshine Loan"
                else:
                    ok = True
        if ok:
            spans.append(Span(s, parts[-1][1], "PERSON", "caps" if caps else rule))
            i = j
            continue
        # Alone: a known name that is no common word, outside a run of capitalised words.
        alone = not parts and (i == 0 or not _GAP.match(text[tokens[i - 1][1] : s]) or tokens[i - 1][2].endswith("."))
        # "Vajiram & Ravi", "Dun & Bradstreet": names joined by "&" are a firm.
        alone = alone and "&" not in text[max(0, s - 3) : s] and "&" not in text[e : e + 3]
        # "Lei 12.414", "Article 5": a word before a number is a title of a law or a part, not a person.
        alone = alone and not regex.match(r"[ \t]+\d", text[e : e + 3])
        known = base in first or w in last or w in east
        if alone and lang in (None, "en", "xx") and not caps and len(w) > 2 and _shape_ok(w) and known and not is_common_word(w, lang):
            spans.append(Span(s, e, "PERSON", "gazetteer_single"))
        i += 1
    spans += [Span(m.start(), m.end(), "PERSON", "east_asian") for m in _GIVEN_FIRST.finditer(text) if m.group(2) in east]
    return spans + _user_names(text, first, last)


# A Korean name in Western order, given name first: "Sun-hee Park", "Ji-woo Han".
_GIVEN_FIRST = regex.compile(r"(?<![\p{L}\p{M}-])(\p{Lu}[a-z]{1,4}-[a-z]{2,4})[ \t]+(\p{Lu}[a-z]{1,5})(?![\p{L}\p{M}-])")


# A user name made of a person's names: "MarekNowakowski", "Mark_B_HH", "anna.kowalski".
_JOINED = regex.compile(r"(?<![\p{L}\p{N}_@./-])(\p{Lu}\p{Ll}{2,})(\p{Lu}\p{Ll}{2,})(?![\p{L}\p{N}_])")
_UNDERSCORED = regex.compile(r"(?<![\p{L}\p{N}_@./-])(\p{Lu}\p{Ll}{2,})_[\p{L}\p{N}_]*[\p{L}\p{N}](?![\p{L}\p{N}_@])")
_DOTTED = regex.compile(r"(?<![\p{L}\p{N}_@./-])(\p{Ll}{3,})\.(\p{Ll}{3,})(?![\p{L}\p{N}_@.])")


def _user_names(text: str, first: frozenset[str], last: frozenset[str]) -> list[Span]:
    """User names that join a known first name to a known surname (``MarekNowakowski``, ``anna.kowalski``)
    or open with a known first name before ``_`` (``Mark_B_HH``): forums and comment threads sign with them."""
    spans = []
    for pattern in (_JOINED, _DOTTED):
        for m in pattern.finditer(text):
            given, family = _title_case(m.group(1)), _title_case(m.group(2))
            # Joined in capitals, a known first name vouches for an unknown surname; in lower case, not.
            family_ok = family in last or (pattern is _JOINED and family.lower() not in ORG_WORDS)
            if given in first and family_ok and not is_common_word(given) and not is_common_word(family):
                spans.append(Span(m.start(), m.end(), "PERSON", "gazetteer"))
    for m in _UNDERSCORED.finditer(text):
        if m.group(1) in first:  # a capital and an underscore: "Mark_B_HH" is no word, though "mark" is
            spans.append(Span(m.start(), m.end(), "PERSON", "gazetteer"))
    return spans


def ner_persons(doc: Doc, ents: Iterable[Any] | None = None, text: str | None = None) -> list[Span]:
    """Entities labelled as persons (``PERSON``, or ``PER`` in pipelines that use it), without a title or
    role the model took in ("Lawyer Will Baker") or a possessive ending."""
    spans = []
    text = doc.text if text is None else text  # doc.text joins every token: build it once
    for e in doc.ents if ents is None else ents:
        if e.label_ not in PERSON_LABELS:
            continue
        # A name does not run across lines, nor over a dash or bar between spaces: the model sometimes joins a
        # name to the next line's first word, or to the town a signature gives after it ("Mark Berlin - Hamburg").
        for m in _ENTITY_PART.finditer(text, e.start_char, e.end_char):
            trimmed = _trim(text, m.start(), m.end(), strong=True)
            if trimmed:
                spans.append(Span(trimmed[0], trimmed[1], "PERSON", "ner"))
    return spans


_ENTITY_PART = regex.compile(r"(?:(?![ \t]+[-–—|][ \t]+)[^\n])+")


def non_person_entities(doc: Doc | None, ents: Iterable[Any] | None = None) -> list[tuple[int, int]]:
    """Character offsets of the entities NER files as organisations, places and the like."""
    if doc is None:
        return []
    return [(e.start_char, e.end_char) for e in (doc.ents if ents is None else ents) if e.label_ in NON_PERSON_LABELS]


_LEFT_PARTICLES = r"(?:van|von|vom|der|den|ter|ten|zu|de|du|da|di|dos|das|del|bin|ibn)"
_LEFT_WORD = regex.compile(rf"(?<![\p{{L}}\p{{M}}'’-])(?P<word>{_CAP})(?:[ \t]+{_LEFT_PARTICLES})*[ \t]+$")


def is_given_name(word: str) -> bool:
    """A known given name, also when the gazetteer spells it without its marks ("Ayşe" as "Ayse")."""
    import unicodedata

    if word in first_names():
        return True
    if word.isascii():
        return False
    folded = "".join(c for c in unicodedata.normalize("NFKD", word.replace("ı", "i")) if not unicodedata.combining(c))
    return folded in first_names()


def widen_left(text: str, spans: Iterable[Span], *, keep: frozenset[str], lang: str | None) -> list[Span]:
    """The given name a rule left outside a found name: "Kyriaki [X]", "Geertje van [X]", "Ayşe [X]".

    A capitalised word right before a person's span (across name particles) joins it unless it is a common
    word, a title or role, an organisation or place word, a month, an acronym or a kept name. Outside English
    (where every German noun has a capital) only a known given name joins.
    """
    out = []
    for span in spans:
        if span.kind != "PERSON":
            continue
        m = _LEFT_WORD.search(text, max(0, span.start - 60), span.start)
        if m is None:
            continue
        word = m.group("word")
        low = word.lower()
        if (
            len(word) < 2
            or (word.isupper() and not text[span.start : span.end].isupper())
            or word in _ACRONYMS
            or is_common_word(word, lang)
            or low in ORG_WORDS
            or low in not_names()
            or is_month(low, lang)
            or _LEADING_TITLES.match(word)
            or _ROLE_TITLE_RE.fullmatch(word)
            or is_kept(word, keep)
            or (lang not in (None, "en", "xx") and not is_given_name(word.split("-")[0]))
        ):
            continue
        out.append(Span(m.start("word"), span.end, "PERSON", "widened"))
    return out


def extend_name(text: str, span: Span) -> Span:
    """Grow a span to the whole name around it (NER often stops at "Anne-Sophie" or "van")."""
    m = _NAME_RE.match(text, span.start)
    end = span.end
    if m is not None and m.end() > end:
        trimmed = _trim(text, span.start, m.end(), strong=True)
        if trimmed and trimmed[1] > end:
            end = trimmed[1]
    return Span(span.start, end, span.kind, span.detector, span.score)


_ORG_LINKS = frozenset(["du", "de", "des", "von", "vom", "der", "van", "of", "at"])
_WORD_BEFORE = regex.compile(r"([\p{L}\p{M}]+)[ \t]+$")


def namesake(text: str, span: Span) -> bool:
    """True when the name follows a noun that makes it the name of a school, street or body ("le lycée
    Victor-Hugo de Besançon", "rue Victor Hugo")."""
    m = _WORD_BEFORE.search(text[max(0, span.start - 30) : span.start])
    return bool(m and m.group(1).lower() in NAMESAKE_NOUNS)


def named_after(text: str, span: Span) -> bool:
    """True when the name is part of an organisation or place named after someone ("Ada Lovelace
    Institute", "Lincoln Center", "Max Planck Society")."""
    m = regex.match(
        r"(?:['’]s)?[ \t]+(?:of[ \t]+|and[ \t]+|&[ \t]+)?(?:\p{Lu}\p{L}+[ \t]+){0,3}?(\p{L}+)", text[span.end : span.end + 60]
    )
    return bool(m and m.group(1).lower() in ORG_WORDS and m.group(1)[:1].isupper())


# --- firms and places named like persons ------------------------------------------------------------------
# Companies, law firms and bands named after their founders: "Clark, Romero and Hall", "Ellis-Ingram". The
# shape alone is also a list of persons ("our 3 founders: Eklund, Michael and Hodge"), so it is a firm only
# with a sign of one around it.
_FIRM_WORD = r"\p{Lu}[\p{Ll}\p{M}]+(?:['’]\p{Lu}[\p{Ll}\p{M}]+)?"
_FIRM_SHAPE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’.-])(?:{_FIRM_WORD}(?:[ \t]*,[ \t]*{_FIRM_WORD})+[ \t]*,?[ \t]+(?:and|&)[ \t]+{_FIRM_WORD}"
    rf"|{_FIRM_WORD}-{_FIRM_WORD})(?![\p{{L}}\p{{M}}\p{{N}}-])"
)
# Before it: a preposition that puts a body there ("a year at", "I work for"). Not "of" or "from": "criticism
# from Smith, Jones and Brown" names persons as often as a firm, and recall comes first.
_FIRM_BEFORE = regex.compile(r"(?:^|[^\p{L}])(?:at|for)[ \t]+$")
# After it: a singular verb with an article ("is a design agency"), a possessive ("X-Y's Tânia Souza").
_FIRM_AFTER = regex.compile(r"(?:[ \t]+(?:is|was|has been)[ \t]+(?:a|an|the|one)[ \t]|['’]s[ \t]+\p{Lu})")
# Or one role and a name after it, the firm standing as a modifier ("Barnett, Melton and Garcia songwriter
# Samantha Bašić"); a plural role ("Smith, Jones and Brown, lawyers") is said of persons.
_FIRM_ROLE_AFTER = regex.compile(rf"[ \t]+(?P<role>\p{{Ll}}*(?:{ROLES}))[ \t]+\p{{Lu}}\p{{Ll}}")
_ROLE_RE = regex.compile(rf"\p{{Ll}}*(?:{ROLES})")


def _one_role_after(view: str, end: int) -> bool:
    m = _FIRM_ROLE_AFTER.match(view, end)
    if m is None:
        return False
    role = m.group("role")
    return not (role.endswith("s") and _ROLE_RE.fullmatch(role[:-1]) is not None)


def firm_names(text: str) -> list[tuple[int, int]]:
    """Where a text names a firm after persons: three or more surnames joined by commas and "and"
    ("Jones, Smith and Davis") or two known surnames joined by a hyphen ("Ellis-Ingram"), with no first name
    before them and a sign of a firm: an organisation noun after them ("... Orchestra"), "at" or "for" before
    them, "is a" or a possessive after them, or a line of their own (a letterhead)."""
    view = lower_case_view(text)
    out = []
    for m in _FIRM_SHAPE.finditer(view):
        before = view[max(0, m.start() - 40) : m.start()]
        prev = regex.search(r"([\p{L}\p{M}.]+)[ \t]*$", before)
        if prev and prev.group(1)[:1].isupper() and prev.group(1) != "The":
            continue  # "Anna Mayo-Walters": a person's double surname after her first name
        words = regex.findall(r"\p{Lu}[\p{L}\p{M}'’]*", m.group())
        if any(w in first_names() and w not in surnames() for w in words):
            continue  # "Anna, Maria and John": a word only ever a given name is not what firms are named after
        if "-" in m.group():
            # Two surnames, not a double first name ("Anne-Sophie", "Jean-Pierre", "Lars-Erik").
            first, second = m.group().split("-")
            if first not in surnames() or second not in surnames() or (first in first_names() and second in first_names()):
                continue
        line_start = view.rfind("\n", 0, m.start()) + 1
        line_end = view.find("\n", m.end())
        line = view[line_start : len(view) if line_end < 0 else line_end]
        # A line of its own is a letterhead, unless the line before announces a list ("Thanks to:", "Present:").
        intro = view[:line_start].rstrip()
        alone = line.strip(" \t>?|*-").rstrip(" \t.,") == m.group() and not intro.endswith(":")
        if alone or _org_word_next(view, m.end()) or _FIRM_BEFORE.search(before) or _FIRM_AFTER.match(view, m.end()) or (
            "," in m.group() and _one_role_after(view, m.end())
        ):
            out.append((m.start(), m.end()))
    return out


# A place or firm named like a person ("originally from Dolores", "arrived at Ettelgem", "I am in Store
# Merløse", "I work for Flightstats"). Verbs of living somewhere and coming from somewhere announce a place
# whatever it is called; verbs of going and working announce a person too ("I work for Anna Lopez", "sent back
# to Maria Feliciano"), so after them only a word that no gazetteer knows is taken for a place.
_PLACE_BEFORE = regex.compile(
    r"(?<![\p{L}])(?i:originally[ \t]+from|(?:based|located|situated|headquartered|born|living|lives|lived|live"
    r"|I[ \t]+am|I['’]m|we[ \t]+are|we['’]re)[ \t]+in)[ \t]+$"
)
_PLACE_OR_FIRM_BEFORE = regex.compile(
    r"(?<![\p{L}])(?i:(?:moved|moving|came|comes|come|emigrated|fled|hails?|here|there|back)[ \t]+from"
    r"|(?:stay|stays|stayed|staying|arrived|arrives|arrive)[ \t]+(?:in|at)"
    r"|(?:flew|fly|flies|flying|moved|moving|move|returned|return|returns|returning|relocated|travell?ed|headed"
    r"|coming|going|trip|drove|sail(?:ed)?)[ \t]+(?:back[ \t]+)?to"
    r"|work(?:s|ed|ing)?[ \t]+(?:for|at)"
    r"|(?:year|years|months|weeks|semester|internship|stint|placement)[ \t]+at)[ \t]+$"
)


def place_context(text: str, span: Span) -> bool:
    """True when a verb of place stands right before the span (see ``_PLACE_BEFORE``) and no possessive
    follows it ("returned to Deanwell", not "went back to Maria's")."""
    if regex.match(r"['’]s(?![\p{L}])", text[span.end : span.end + 3]):
        return False
    before = text[max(0, span.start - 40) : span.start]
    if _PLACE_BEFORE.search(before):
        return True
    return not name_support(text[span.start : span.end]) and _PLACE_OR_FIRM_BEFORE.search(before) is not None


# What is said of a body and not of a person: "X is the brainchild of ...", "X is a design agency", "X is an
# investment bank", "X is a 501(c)3". Not when a role follows the noun ("X is a bank manager", "a company
# director", "a startup founder"): that is said of a person.
_ORG_NOUNS = (
    r"company|agency|firm|start-?up|non-?profit|not-for-profit|charity|corporation|conglomerate|multinational|"
    r"business|enterprise|manufacturer|retailer|provider|brand|bank|publisher|platform|consultancy|"
    r"organi[sz]ation|institution|subsidiary|marketplace|insurer|lender|airline|cooperative|co-op|"
    r"501\(c\)\(?3\)?"
)
_ORG_PREDICATE = regex.compile(
    rf"[ \t]+(?:is|was|has[ \t]+been|became)[ \t]+(?:the[ \t]+brainchild[ \t]+of\b|(?:a|an|one)[ \t]+"
    rf"(?:[\p{{L}}-]+[ \t]+){{0,3}}?(?i:{_ORG_NOUNS})(?![\p{{L}}\p{{N}}(-])(?![ \t]+(?i:{ROLES}|"
    rf"{ROLE_TITLES.lower()}|man|woman|person|executive|insider|veteran|employee|staffer|owner|ambassador)\b))"
)
# Roles that tie the name after "of" to a body ("the CEO of Guidestar", "founder of Verdafero").
_OF_BODY = regex.compile(
    r"(?<![\p{L}])(?i:CEO|CFO|COO|CTO|chief executive|founder|co-founder|chair(?:man|woman|person)?|president|"
    r"director|head|employees?|staff|shareholders?|board)[ \t]+of[ \t]+$"
)
# A place named before its postcode ("in Tokoza Ext 1426", "in Quinta de São Tiago 3610-114").
_IN_BEFORE = regex.compile(
    rf"(?<![\p{{L}}])(?i:in|near|from)[ \t]+(?:(?:{_CAP}|{_PARTICLE})[ \t]+){{0,4}}$"
)
_POSTCODE_AFTER = regex.compile(r"[ \t]+\d{4,5}(?:-\d{3})?(?![\p{L}\p{N}])")


def organisation_context(text: str, span: Span, persons: Iterable[Span] = ()) -> bool:
    """True when the words around ``span`` say it is a body or a place, not a person: an organisation
    predicate after it ("is a design agency", "is the brainchild of"), "in" before it and a postcode after
    it ("in Tokoza Ext 1426"), or, for words no name gazetteer knows, a role of a body before it ("the CEO of
    Guidestar") or a person's name and "of" ("Margaret Stouffer of Guidestar"). "Of" before known names
    stays a person's ("Kristen Rocher of Butler-Peters"): recall first. Only guesses and the list and
    "X is" rules yield to it (see ``component.detect_text``)."""
    if _ORG_PREDICATE.match(text, span.end):
        return True
    before = text[max(0, span.start - 60) : span.start]
    if _IN_BEFORE.search(before) and _POSTCODE_AFTER.match(text, span.end):
        return True
    if name_support(text[span.start : span.end]):
        return False
    if _OF_BODY.search(before):
        return True
    of = regex.search(r"[ \t]+of[ \t]+$", before)
    if of is not None:
        at = span.start - len(of.group())
        return any(p.end == at and p.start < at and p.detector in STRONG | WEAK | {"gazetteer", "east_asian", "ner"} for p in persons)
    return False


# --- propagation -------------------------------------------------------------------------------------------
_SPLIT = regex.compile(r"[ \t\n]+|(?<=\p{L})-(?=\p{L})")
_POSSESSIVE_END = regex.compile(r"['’]s$")
_PARTICLES = frozenset(_PARTICLE.strip("(?:)").split("|"))


# Familiar prefixes of Chinese names ("Lao Zhou"): part of that name, never a name alone ("the Lao government").
_FAMILIAR = frozenset(["lao", "xiao", "ah"])


def name_forms(surfaces: Iterable[str], *, protected: frozenset[str] = frozenset(), keep: frozenset[str] = frozenset()) -> tuple[set[str], set[str]]:
    """The forms to look for elsewhere: each whole name, and each of its parts that can stand alone.

    Returns:
        Forms matched in any case (unusual words: "Vermeulen", "Zhang") and forms matched only as written
        (a whole name made of common words, "Will Baker"). Parts that are common words ("Will"), particles,
        initials, kept names ("Paris") or words of kept organisations ("Court") are never spread alone.
    """
    any_case: set[str] = set()
    as_written: set[str] = set()
    for surface in surfaces:
        surface = _POSSESSIVE_END.sub("", " ".join(surface.split())).strip(" ,.;:")
        if len(surface) < 2:
            continue
        words = [w for w in _SPLIT.split(surface) if w]
        if len(words) > 1 and not is_kept(surface, keep):
            (any_case if not all(is_common_word(w) for w in words) else as_written).add(surface)
            # The surname with its particles or second part: "de la Cruz", "van der Berg", "Ruiz Zapata".
            spaced = surface.split()
            for k in range(1, len(spaced) - 1):
                tail = " ".join(spaced[k:])
                if not is_kept(tail, keep) and not all(is_common_word(w) for w in spaced[k:]):
                    any_case.add(tail)
        hyphen_parts = [p for w in surface.split() for p in ([w, *w.split("-")] if "-" in w else [w])]
        # A name found in a text written without capitals ("borna jerkovic") spreads like a capitalised one.
        lower_case = not any(c.isupper() for c in surface)
        for part in hyphen_parts:
            part = part.strip(".,;:'’")
            if lower_case:
                part = part[:1].upper() + part[1:]
            low = part.lower()
            if len(part) < 2 or part.endswith(".") or low in _PARTICLES or not part[:1].isupper():
                continue
            if low in protected or is_kept(part, keep) or low in ORG_WORDS or low in MONTHS or part in _ACRONYMS or low in _FAMILIAR:
                continue
            if is_common_word(part):
                # A romanised Chinese or Korean surname that is also a word ("Bi", "Ma") is spread only as written,
                # capitalised, and only from a name it opens ("Bi Xuemei ... Bi, reached by phone, said").
                if _east_asian_opening(part, surface):
                    as_written.add(part)
                continue
            any_case.add(part)
    return any_case, as_written


# English words that are also romanised surnames and open sentences too often to spread ("He said").
_SENTENCE_WORDS = frozenset(["he", "an", "so", "do", "go", "ha", "no", "to", "in", "on", "we", "me", "my", "as", "at"])


def _east_asian_opening(part: str, surface: str) -> bool:
    words = surface.split()
    return (
        len(words) in (2, 3)
        and words[0] == part
        and part in east_asian_surnames()
        and part.lower() not in _SENTENCE_WORDS
        and all(w[:1].isupper() for w in words)
    )


def propagate(
    text: str,
    surfaces: Iterable[str],
    *,
    protected: frozenset[str] = frozenset(),
    keep: frozenset[str] = frozenset(),
    nicknames: Iterable[str] = (),
) -> list[Span]:
    """Every mention of a found name in ``text``, whole or by one of its parts ("Vermeulen said").

    ``nicknames``: single words a cue gave as someone's name ("known to everyone as 'Dot'"); they spread as
    written even when they are also words, unless they are kept names other than small places.
    """
    any_case, as_written = name_forms(surfaces, protected=protected, keep=keep)
    # Only curated places count against a nickname: "Wil" is also a Swiss town.
    curated = getattr(keep, "curated", keep)
    as_written |= {n for n in nicknames if n[:1].isupper() and n.lower() not in _SENTENCE_WORDS and not is_kept(n, curated)}
    spans: list[Span] = []
    for forms, flags in ((any_case, regex.IGNORECASE), (as_written, 0)):
        if not forms:
            continue
        alternatives = "|".join(regex.escape(f) for f in sorted(forms, key=len, reverse=True))
        pattern = regex.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}])(?:{alternatives})(?![\p{{L}}\p{{M}}\p{{N}}])", flags)
        spans += [Span(m.start(), m.end(), "PERSON", "propagation") for m in pattern.finditer(text)]
    return spans


_ID_PART = regex.compile(r"[A-Za-z]{2,}")


def names_in_identifier(value: str) -> list[str]:
    """Names spelled inside an email address, handle or profile link (``wei.zhang.1968@...``,
    ``/in/rahul-iyer-risk``): pairs of words that read as first name and surname, in either order."""
    local = value.split("@")[0] if "@" in value[1:] else value.rsplit("/", 1)[-1] or value
    words = [w.capitalize() for w in _ID_PART.findall(local)]
    first, last, east = first_names(), surnames(), east_asian_surnames()
    found: list[str] = []
    for a, b in pairwise(words):
        for x, y in ((a, b), (b, a)):
            western = x in first and (y in last or y in first) and not is_common_word(y) and not is_common_word(x)
            chinese = y in east and is_pinyin(x) and not is_common_word(x)
            if western or chinese:
                found.append(f"{x} {y}")
    return found


_LIST_RE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?:{NAME})(?:[ \t]*,[ \t]*(?:{NAME}))*(?:[ \t]*,?[ \t]+(?i:and|&|or)[ \t]+(?:{NAME}))"
)
_LIST_ITEM = regex.compile(NAME)
_LIST_SEPARATOR = regex.compile(r"[ \t]*,[ \t]*(?:(?i:and|&|or)[ \t]+)?|[ \t]+(?i:and|&|or)[ \t]+")


def list_persons(text: str, found: list[Span]) -> list[Span]:
    """The other names of a list in which at least half the names are persons already found
    ("Usamov and Bowers", "Hleb, Sheila, Donna and Shane"): rule ``list``, a weak cue."""
    spans: list[Span] = []
    # A list in a text written without capitals ("chad and caleb") is read in its capitalised view.
    text = lower_case_view(text)
    for m in _LIST_RE.finditer(text):
        items = _list_items(text, m.start(), m.end())
        hit = [any(s.start < e and b < s.end for s in found) for b, e in items]
        if len(items) < 2 or sum(hit) * 2 < len(items):
            continue
        for (b, e), known in zip(items, hit, strict=True):
            if not known:
                trimmed = _trim(text, b, e, strong=True)
                if trimmed:
                    spans.append(Span(trimmed[0], trimmed[1], "PERSON", "list"))
    return spans


_BLOCK_MARKS = " \t>?|*"
_ADDRESSEE = regex.compile(rf"(?:{_INITIAL}[ \t]?)*{_WORD_IN_NAME}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_WORD_IN_NAME}){{1,3}}")


def addressee_persons(text: str, addresses: Iterable[Span]) -> list[Span]:
    """The name that heads a letter's or a signature's address block ("Mohmad R. Vizirov" above
    "23680 Parijsstraat 8"): the first line of the lines right above an address that opens its own line,
    when that line is two to four words of a name's shape: rule ``addressee``, a weak cue."""
    view = lower_case_view(text)
    spans = []
    for address in addresses:
        line_start = view.rfind("\n", 0, address.start) + 1
        if view[line_start : address.start].strip(_BLOCK_MARKS):
            continue
        # The block runs up to a blank line (one is allowed right above the address) or four lines.
        top, pos, lines = None, line_start, 0
        while pos > 0 and lines < 4:
            start = view.rfind("\n", 0, pos - 1) + 1
            if not view[start : pos - 1].strip(_BLOCK_MARKS):
                if top is not None or pos < line_start:
                    break
            else:
                top = (start, pos - 1)
                lines += 1
            pos = start
        if top is None:
            continue
        line = view[top[0] : top[1]]
        inner = line.strip(_BLOCK_MARKS)
        begin = top[0] + line.index(inner)
        m = _ADDRESSEE.fullmatch(view, begin, begin + len(inner))
        if m is None:
            continue
        words = [w for w in m.group().split() if len(w.strip(".")) > 1]
        if name_support(m.group()) or not any(is_common_word(w) for w in words):
            spans.append(Span(m.start(), m.end(), "PERSON", "addressee"))
    return spans


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    items = []
    pos = start
    for sep in _LIST_SEPARATOR.finditer(text, start, end):
        if sep.start() > pos:
            items.append((pos, sep.start()))
        pos = sep.end()
    if pos < end:
        items.append((pos, end))
    return items


_SHAPE_WORD = r"\p{Lu}\p{Ll}[\p{Ll}\p{M}]+(?:['’]\p{Lu}[\p{Ll}\p{M}]+)?(?:-\p{Lu}?[\p{Ll}\p{M}]+)?"
_SHAPE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’.&-])({_SHAPE_WORD})[ ]({_SHAPE_WORD})(?:[ ]({_SHAPE_WORD}))?(?![\p{{L}}\p{{M}}\p{{N}}&]|['’]s[ ]+\p{{Lu}}|[ ]&)"
)


def shape_persons(text: str, *, lang: str | None = "en") -> list[Span]:
    """Two or three capitalised words that are none of: a common word, an organisation or place noun, a
    month, a language or a kept name ("Szabina Gelencsér", "Tomomi Nishiyama"): rule ``shape``, a guess
    that NER's organisation and place labels and the keep-list overrule. English text only."""
    if lang not in (None, "en", "xx"):
        return []
    spans = []
    for m in _SHAPE.finditer(text):
        words = [g for g in m.groups() if g]
        if all(
            not is_common_word(w) and w.lower() not in ORG_WORDS and w.lower() not in MONTHS and w.lower() not in not_names()
            for w in words
        ):
            spans.append(Span(m.start(), m.end(), "PERSON", "shape"))
    return spans


# A name and another form of it in brackets: "Kim Jae-won (박재원)", "NGUYEN VAN HUNG（阮文雄）", "“Juniper”
# (Helen Marsh)". Brackets after a name hold affiliations far more often ("Tadesse Girma (KU Leuven)",
# "Kostas Papadimitriou (Homo Digitalis)"), so a bracketed form counts only in another script or in quotes,
# and a form before a bracketed name only quoted, in capitals, or before a name in another script.
_BRACKETED_AFTER = regex.compile(r"[ \t]*[(（][ \t]*(?P<alias>[^()（）\n]{1,40}?)[ \t]*[)）]")
_BRACKETED_BEFORE = regex.compile(
    r"(?:[“\"«„‘](?P<quoted>[^”\"»“’\n]{1,30})[”\"»“’]|(?<![\p{L}\p{M}'’-])"
    r"(?P<words>(?:\p{Lu}[\p{L}\p{M}'’-]*[ \t]+){0,3}\p{Lu}[\p{L}\p{M}'’-]*))[ \t]*[(（][ \t]*$"
)
_OTHER_SCRIPT = regex.compile(r"^[\p{Hangul}\p{Han}\p{Cyrillic}\p{Arabic}\p{Greek}\p{Hebrew}\p{Thai}\p{Devanagari}·・ ]{2,12}$")
_QUOTED = regex.compile(r"^[“\"«„‘][ \t]*(?P<inner>[^”\"»“’\n]{1,30}?)[ \t]*[”\"»“’]$")


def _alias_ok(alias: str, keep: frozenset[str]) -> bool:
    alias = alias.strip()
    if not alias or any(c.isdigit() for c in alias) or is_kept(alias, keep):
        return False
    if _OTHER_SCRIPT.match(alias):
        return True
    words = alias.split()
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    if normalize_term(alias) in place_terms() or any(w.lower().strip(".,") in ORG_WORDS for w in words):
        return False
    return not (len(words) == 1 and words[0].isupper() and len(words[0]) <= 5)  # an acronym: a party, a body


def bracketed_names(text: str, spans: Iterable[Span], *, keep: frozenset[str]) -> list[Span]:
    """The other form of a found name written beside it in brackets, either way round (rule ``name_form``)."""
    out: list[Span] = []
    for span in spans:
        if span.kind != "PERSON":
            continue
        after = _BRACKETED_AFTER.match(text, span.end)
        if after:
            alias = after.group("alias")
            quoted = _QUOTED.match(alias)
            # (a Chinese name's brackets hold its nationality or role: "卢卡·罗西（意大利籍）")
            other = _OTHER_SCRIPT.match(alias) and not _OTHER_SCRIPT.match(text[span.start : span.end].strip())
            if (other or quoted) and _alias_ok(quoted.group("inner") if quoted else alias, keep):
                out.append(Span(after.start("alias"), after.end("alias"), "PERSON", "name_form"))
        if not regex.match(r"[ \t]*[)）]", text[span.end : span.end + 3]):
            continue
        base = max(0, span.start - 60)
        before = _BRACKETED_BEFORE.search(text[base : span.start])
        if before is None:
            continue
        if before.group("quoted"):
            group = "quoted"
        else:
            group = "words"
            words = before.group("words").split()
            other = _OTHER_SCRIPT.match(text[span.start : span.end].strip())
            if not (other or (len(words) >= 2 and all(w.isupper() for w in words))):
                continue
        if _alias_ok(before.group(group), keep):
            out.append(Span(base + before.start(group), base + before.end(group), "PERSON", "name_form"))
    return out


_RIGHT_WORD = regex.compile(rf"[ \t]+(?P<word>{_CAP})(?![\p{{L}}\p{{M}}'’-])")


def join_known_surnames(text: str, spans: Iterable[Span]) -> list[Span]:
    """A found name followed by the surname of another name found in the same text takes it in, even a word
    (``KATH HOPE`` beside ``Kathleen Mary Hope``): right after a given name, the word is that family's name."""
    persons = [s for s in spans if s.kind == "PERSON"]
    family = {text[s.start : s.end].split()[-1].casefold() for s in persons if len(text[s.start : s.end].split()) >= 2}
    out = []
    for span in persons:
        m = _RIGHT_WORD.match(text, span.end)
        if m and m.group("word").casefold() in family and m.group("word").casefold() not in _PARTICLES:
            out.append(Span(span.start, m.end("word"), "PERSON", "widened"))
    return out

