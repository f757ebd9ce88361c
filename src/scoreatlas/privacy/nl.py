"""Dutch: person cues, for a language with no trained pipeline on the package index.

spaCy's ``nl`` language runs with a sentencizer and the lookup lemmatizer only, so there is no NER: names
are found by the cues of :mod:`scoreatlas.privacy.european` (``de heer``, ``mevrouw``, ``mr. dr.``,
``minister``, ``staatssecretaris``, ``woordvoerder``, ``Kamerlid``, compounds such as ``commissielid`` or
``onderzoeksjournalist``, ``zei``, ``aldus``, ``volgens``, ``op naam van``), by first names of Faker's Dutch
and Flemish locales followed by capitalised words, and, since Dutch gives capitals only to proper nouns, by
any run of two or more capitalised words inside a sentence that is not a kept place, organisation or
program. Surnames with particles (``van der Berg``, ``De Vries``, ``van 't Hof``) are read whole.

What is missed: a surname alone with no title (``Bakker moest``) unless the full name came earlier, and
single-word names unknown to the gazetteers after weak cues.
"""

from __future__ import annotations

import regex

from scoreatlas.privacy.european import Detector, LanguageCues, words
from scoreatlas.types import Span

_ROLES = (
    r"minister|staatssecretaris|premier|europarlementariër|europarlementariërs|advocaat|advocate|raadsman|raadsvrouw|rechter|officier van justitie|"
    r"woordvoerder|woordvoerster|wethouder|burgemeester|kamerlid|commissielid|collegelid|onderzoeker|"
    r"onderzoekster|hoogleraar|journalist|onderzoeksjournalist|directeur|voorzitter|ambtenaar|oud-ambtenaar|"
    r"gemeentesecretaris|deurwaarder|moeder|vader|zoon|dochter|man|vrouw|echtgenoot|echtgenote|medewerker|"
    r"medewerkster|econoom|socioloog|ombudsman|president|secretaris|fractievoorzitter|lid|partner|collega|"
    r"buurman|buurvrouw|klokkenluider|bewindvoerder|eiser|eiseres|gedaagde|verdachte|slachtoffer|gedupeerde|"
    r"toeslagouder|bestuurder|inspecteur|agent|ouder|moeder van|vader van|advocaat-generaal|notaris|"
    r"schuldhulpverlener|jurist|onderzoeksleider|projectleider|programmamanager|adviseur|deskundige|"
    r"leidinggevende|baas|chef|manager|buurtwerker|maatschappelijk werker|huisarts|docent|juf|meester"
)
_ROLE_SUFFIXES = (
    r"journalist|lid|ambtenaar|secretaris|voorzitter|woordvoerder|woordvoerster|onderzoeker|deskundige|"
    r"medewerker|verslaggever|correspondent|directeur|adviseur|minister|raadsheer|leider|manager|werker"
)
_ORG_WORDS = words(
    """
    universiteit hogeschool orde rechtbank gemeente ministerie dienst raad kamer stichting vereniging bank
    autoriteit commissie inspectie ombudsman partij krant omroep fonds bureau instituut belastingdienst
    toeslagen uitvoering platform parlement staat provincie politie team rekenkamer college centrum
    overheid regering kabinet coalitie fnv uwv svb bkr rabobank ing abn amro nv bv b.v. n.v. foundation
    freedom bits amnesty international straat laan plein weg gracht kade singel unie verdrag comité
    rechten zaken werkgelegenheid justitie veiligheid financiën binnenlandse koninkrijksrelaties
    """
)
_STOP = words(
    """
    De Het Een Dat Die Deze Dit In Op Bij Van Volgens Aldus Maar En Of Ook Toen Nu Als Om Voor Na Met Uit
    Januari Februari Maart April Mei Juni Juli Augustus September Oktober November December Maandag Dinsdag
    Woensdag Donderdag Vrijdag Zaterdag Zondag Ik Wij We Zij Ze Hij Haar Hun Wie Wat Europese Europees
    Nederlandse Nederlands Duitse Duits Franse Frans Chinese Chinees Belgische Belgisch Britse Brits
    Amerikaanse Amerikaans Australische Australisch Oostenrijkse Deense Poolse Zweedse Indiase Europa
    """
)

_NINE = regex.compile(r"(?<![\w.,/:-])\d{9}(?![\w]|[.,/:-]\d)")


def _bsn(text: str) -> list[Span]:
    """Any BSN in a Dutch text, with or without a label ("Ref: 123456782", "het BSN van mevrouw X
    (123456782)"): nine digits written as one word that pass the 11-check.

    Recall first: a Dutch text writes a citizen service number as nine bare digits, whatever it calls it,
    and a random nine-digit number passes the check only one time in eleven. Figures written with
    separators (``123.456.782``, ``1,234,567``), parts of codes (``ECLI:NL:...``, ``2019/123456782``) and
    shorter numbers (years, ``nr. 3219``) are not read.
    """
    from scoreatlas.privacy.identifiers import bsn_ok

    return [Span(m.start(), m.end(), "ID", "nl_bsn") for m in _NINE.finditer(text) if bsn_ok(m.group())]


CUES = LanguageCues(
    lang="nl",
    titles=r"[Dd]e heer|[Mm]evrouw|[Mm]eneer|[Mm]evr|[Dd]hr|[Mm]r|[Dd]r|[Dd]rs|[Ii]r|[Pp]rof|[Ii]ng|[Jj]hr|[Jj]kvr",
    roles=_ROLES,
    role_suffixes=_ROLE_SUFFIXES,
    roles_after=_ROLES,
    age_after=r"\d{1,3}(?:[ \t]+jaar)?",
    called=r"op naam van|ten name van|bij de naam|met de naam|genaamd|heet|heette|naam|achternaam|voornaam|meisjesnaam|geboortenaam|geboren|geb\.",
    speech_before=(
        r"zei|zegt|aldus|volgens|vertelt|vertelde|verklaarde|stelt|stelde|benadrukt|benadrukte|schrijft|"
        r"schreef|meldt|meldde|reageerde|bevestigde|bevestigt|waarschuwt|waarschuwde|erkent|erkende|vindt|"
        r"vond|antwoordde"
    ),
    speech_after=(
        r"zei|zegt|vertelt|vertelde|verklaarde|stelt|stelde|schrijft|schreef|meldt|meldde|kreeg|moest|"
        r"diende|woonde|vroeg|raakte|verloor|ontving|wil|wilde|kon|kan|heeft|had|is|was|werd|bood|noemde"
    ),
    byline=r"Door|DOOR|Tekst|Foto|Interview",
    conj=r"en|&",
    org_words=_ORG_WORDS,
    stop_words=_STOP,
    caps_runs="any",
    first_name_locales=("nl_NL", "nl_BE"),
    extra=(_bsn,),
)

find_persons = Detector(CUES)
