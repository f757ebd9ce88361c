"""German: person cues, for a language with no trained pipeline on the package index.

spaCy's ``de`` language runs with a sentencizer and the lookup lemmatizer only, so there is no NER: names
are found by the cues of :mod:`scoreatlas.privacy.european` (``Herr``, ``Frau``, ``Dr.``, ``Richterin``,
``Staatssekretärin``, compounds such as ``Schuldnerberater`` or ``Branchenkenner``, ``sagte``, ``erklärte``,
``laut``, ``so``), by first names of the German-speaking locales of Faker followed by capitalised words, and
by runs of capitalised words that hold a known first name or surname.

German capitalises every noun, so a run of capitalised words is no evidence by itself: on our German
documents, taking every such run for a name would remove ordinary nouns by the dozen (measured in
``docs/languages.md``). Here a run counts only with gazetteer support, and weak cues (speech verbs) too.
What is missed: a surname alone that is also a noun (``Vogel``, ``Koch``) without a title or an earlier full
mention, and names unknown to the gazetteers after a speech verb.
"""

from __future__ import annotations

import regex

from scoreatlas.privacy.european import Detector, LanguageCues, words
from scoreatlas.types import Span

_ROLES = (
    r"richter|richterin|anwalt|anwältin|rechtsanwalt|rechtsanwältin|sprecher|sprecherin|referent|referentin|"
    r"abgeordnete|abgeordneter|minister|ministerin|bundesminister|bundesministerin|staatssekretär|"
    r"staatssekretärin|professor|professorin|geschäftsführer|geschäftsführerin|vorsitzende|vorsitzender|"
    r"leiter|leiterin|präsident|präsidentin|bürgermeister|bürgermeisterin|journalist|journalistin|redakteur|"
    r"redakteurin|autor|autorin|experte|expertin|halter|halterin|kläger|klägerin|beklagte|beklagter|inhaber|"
    r"inhaberin|leser|leserin|rentner|rentnerin|mieter|mieterin|betroffene|betroffener|schuldner|schuldnerin|"
    r"gläubiger|gläubigerin|vater|mutter|sohn|söhne|tochter|töchter|kinder|enkel|enkelin|ehemann|ehefrau|witwe|witwer|"
    r"europaabgeordnete|europaabgeordneter|chef|chefin|forscher|"
    r"forscherin|wissenschaftler|wissenschaftlerin|aktivist|aktivistin|kollege|kollegin|nachbar|nachbarin|"
    r"polizist|polizistin|beamter|beamtin|sachbearbeiter|sachbearbeiterin|mitarbeiter|mitarbeiterin|gründer|"
    r"gründerin|ökonom|ökonomin|soziologe|soziologin|politiker|politikerin|kanzler|kanzlerin|senator|"
    r"senatorin|stadtrat|stadträtin|landrat|landrätin|richterin am|staatsanwalt|staatsanwältin|notar|notarin|"
    r"verbraucherschützer|verbraucherschützerin|datenschützer|datenschützerin|arbeitslose|arbeitsloser|"
    r"dolmetscher|dolmetscherin|übersetzer|übersetzerin|jurist|juristin|arzt|ärztin|pfleger|pflegerin|"
    r"student|studentin|ingenieur|ingenieurin|alleinerziehende|alleinerzieher|alleinerzieherin"
)
_ROLE_SUFFIXES = (
    r"berater|beraterin|kenner|kennerin|sprecher|sprecherin|richter|richterin|anwalt|anwältin|schützer|"
    r"schützerin|experte|expertin|referent|referentin|führer|führerin|leiter|leiterin|minister|ministerin|"
    r"sekretär|sekretärin|präsident|präsidentin|vorsitzende|vorsitzender|journalist|journalistin|redakteur|"
    r"redakteurin|forscher|forscherin|wissenschaftler|wissenschaftlerin|aktivist|aktivistin|politiker|"
    r"politikerin|inhaber|inhaberin|beauftragte|beauftragter|mitarbeiter|mitarbeiterin|arbeiter|arbeiterin|"
    r"lehrer|lehrerin|händler|händlerin"
)
_ORG_WORDS = words(
    """
    gericht gerichtshof landgericht amtsgericht ministerium institut universität hochschule stiftung zentrale
    verband bundesverband agentur behörde kammer kasse sparkasse bank versicherung gesellschaft verein partei
    zeitung club klub regierung bundesregierung parlament bundestag bundesrat landtag polizei amt rat
    kommission union foundation gmbh ag kg se ev e.v. holding gruppe konzern jobcenter arbeitsagentur
    bundesagentur schufa creditreform crif datenschutzausschuss ausschuss fraktion akademie schule klinik
    krankenhaus senat magistrat landesamt bundesamt verwaltungsgericht verwaltungsgerichtshof bundesgerichtshof
    beauftragte straße strasse platz weg allee ring
    """
)
_STOP = words(
    """
    Der Die Das Den Dem Des Ein Eine Einer Eines Im Am Vom Zum Zur Nach Laut Wie So Bei Auf Aus In Mit Für
    Januar Februar März April Mai Juni Juli August September Oktober November Dezember Montag Dienstag
    Mittwoch Donnerstag Freitag Samstag Sonntag Ich Wir Sie Er Es Ihr Auch Aber Doch Und Oder
    """
)

# Street, house number and postcode: "Hauptstraße 17, 10827", "Konrad-Adenauer-Ring 5, 50321 Brühl".
_STREET = (
    r"(?:straße|strasse|str\.|weg|allee|platz|ring|gasse|damm|ufer|chaussee|steig|pfad|markt|kai|graben|berg|"
    r"hof|park|promenade|zeile|au|feld|garten|tor|wall)"
)
_ADDRESS_RE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}-])\p{{Lu}}[\p{{L}}\p{{M}}.-]*{_STREET}[ \t]+\d{{1,4}}[ \t]?[a-zA-Z]?(?:[ \t]*[-/][ \t]*\d{{1,4}})?"
    rf"(?:,?[ \t]+\d{{5}}(?!\d))?",
    regex.IGNORECASE,
)


def _addresses(text: str) -> list[Span]:
    """German street addresses, hyphenated street names included (the shared patterns read "X-Ring" badly)."""
    out = []
    for m in _ADDRESS_RE.finditer(text):
        if m.group()[:1].isupper():
            out.append(Span(m.start(), m.end(), "ADDRESS", "address_de"))
    return out


CUES = LanguageCues(
    lang="de",
    titles=r"Herr|Herrn|Frau|Dr|Prof|Dipl\.-Ing|Mag|Ing",
    roles=_ROLES,
    role_suffixes=_ROLE_SUFFIXES,
    roles_after=_ROLES + r"|\d{1,3}",
    age_after=r"\d{1,3}(?:[ \t]+Jahre(?:[ \t]+alt)?)?",
    called=(
        r"namens|auf den Namen(?: von)?|Kontoinhaber(?:in)? ist|Halter(?:in)? ist|Inhaber(?:in)? ist|heißt|hieß|"
        r"Geburtsname|Mädchenname|Familienname|Nachname|Vorname|Name|geb\.|geborene|geborener"
    ),
    speech_before=(
        r"sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|so|laut|berichtete|berichtet|kritisierte|"
        r"kritisiert|forderte|fordert|warnte|warnt|ergänzte|schilderte|erzählte|erzählt|bestätigte|wie|"
        r"nach Angaben von"
    ),
    speech_after=(
        r"sagte|sagt|erklärte|erklärt|betonte|betont|meint|meinte|berichtet|berichtete|kritisiert|kritisierte|"
        r"fordert|forderte|warnt|warnte|rät|riet|klagte|klagt|wartete|bekam|bestreitet|schilderte|erzählte|"
        r"verteidigte|kündigte|überwies|erfuhr"
    ),
    byline=r"Von|VON|Text|Autor|Autorin|Interview",
    conj=r"und|&|sowie",
    org_words=_ORG_WORDS,
    stop_words=_STOP,
    caps_runs="off",
    first_name_locales=("de_DE", "de_AT", "de_CH", "de_LI", "de_LU"),
    roles_capitalised=True,
    capital_particles=r"Von|Van|Zu|De|Di|Da|Del|El|Al|Ben|Abu|Le|La",
    extra=(_addresses,),
)

find_persons = Detector(CUES)
