"""French: the cues the trained pipeline's ``PER`` entities miss.

``fr_core_news_sm`` (Explosion, LGPL-LR; WikiNER and UD French Sequoia) labels persons ``PER``; the shared
detectors take those. This detector adds the cues of :mod:`scoreatlas.privacy.european`: titles
(``M.``, ``Mme``, ``Mlle``, ``Maître``, ``Me``, ``Dr``), roles before a name (``la juge``, ``le professeur``,
``la sénatrice``, ``sa porte-parole,``), roles and ages after it (``, avocat au barreau``, ``, 52 ans``),
speech (``a déclaré``, ``selon``, ``d'après``, ``estime``, ``pour``), bylines (``Par``), ``Nom : DUMONT,
prénom : Chantal``, first names of Faker's French-speaking locales followed by capitalised words, and runs
of capitalised words inside a sentence that the model did not file as an organisation or place.

What is missed: a surname alone that is also a French word or a place, when no full mention came first.
"""

from __future__ import annotations

import regex

from scoreatlas.privacy.european import ALL_CAPS, CAPW, Detector, LanguageCues, words
from scoreatlas.types import Span

_ROLES = (
    r"avocat|avocate|juge|ministre|eurodéputé|eurodéputée|sénateur|sénatrice|député|députée|maire|président|présidente|directeur|"
    r"directrice|professeur|professeure|chercheur|chercheuse|journaliste|porte-parole|médiateur|médiatrice|"
    r"rapporteur|rapporteuse|conseiller|conseillère|commissaire|procureur|procureure|greffier|greffière|"
    r"huissier|allocataire|militant|militante|bénévole|secrétaire d'État|économiste|sociologue|docteur|"
    r"inspecteur|inspectrice|contrôleur|contrôleuse|agent|agente|délégué|déléguée|responsable|fondateur|"
    r"fondatrice|témoin|plaignant|plaignante|requérant|requérante|défenseur|défenseure|magistrat|magistrate|"
    r"préfet|préfète|adjoint|adjointe|élu|élue|syndicaliste|mère|père|fils|fille|époux|épouse|veuve|voisin|"
    r"voisine|collègue|retraité|retraitée|chômeur|chômeuse|salarié|salariée|étudiant|étudiante|habitant|"
    r"habitante|auteur|autrice|écrivain|écrivaine|chargé de mission|chargée de mission|chargé de plaidoyer|"
    r"chargée de plaidoyer|data scientist|ingénieur|ingénieure|chauffeur|chauffeur-livreur|infirmier|"
    r"infirmière|enseignant|enseignante|mandataire|gérant|gérante|débiteur|débitrice|créancier|créancière"
)
_ORG_WORDS = words(
    """
    tribunal cour conseil caisse banque fondation association université lycée collège école institut agence
    ministère commission secours fédération syndicat mairie préfecture assemblée sénat parti journal société
    groupe compagnie office autorité comité direction service centre hôpital observatoire quadrature reports
    caf cnaf cnil ficp union rue avenue boulevard place allée chemin quai
    """
)
_STOP = words(
    """
    Le La Les L Un Une Des Du Au Aux Ce Cette Ces Selon Pour Par Dans Sur Sous Avec Mais Et Ou Son Sa Ses
    Janvier Février Mars Avril Mai Juin Juillet Août Septembre Octobre Novembre Décembre Lundi Mardi Mercredi
    Jeudi Vendredi Samedi Dimanche Il Elle Ils Elles Nous Vous On Je
    """
)
_NOM_RE = regex.compile(
    rf"(?<![\p{{L}}])(?i:nom|prénom|nom de famille|nom d'usage|nom de naissance)[ \t]*:[ \t]*(?P<name>{ALL_CAPS}|{CAPW})"
)


def _form_fields(text: str) -> list[Span]:
    """``Nom : DUMONT, prénom : Chantal``: the fields of a form, whatever the case of the value."""
    return [Span(m.start("name"), m.end("name"), "PERSON", "called") for m in _NOM_RE.finditer(text)]


CUES = LanguageCues(
    lang="fr",
    titles=r"M|MM|Mme|Mmes|Mlle|Me|Maître|Monsieur|Madame|Mademoiselle|Dr|Docteur|Pr",
    roles=_ROLES,
    role_suffixes=r"(?!x)x",
    roles_after=_ROLES,
    age_after=r"\d{1,3}[ \t]+ans",
    called=r"au nom de|nommée?|prénommée?|surnommée?|dénommée?|s'appelle|s'appelait|appelée?|nom de jeune fille|née",
    speech_before=(
        r"selon|d'après|a déclaré|a dit|a expliqué|a affirmé|a confié|a estimé|a indiqué|a précisé|a souligné|"
        r"a rappelé|a ajouté|a raconté|a regretté|a reconnu|a assuré|a témoigné|a dénoncé|a répondu|a réagi|"
        r"a insisté|explique|estime|affirme|raconte|souligne|précise|indique|rappelle|ajoute|confie|déplore|"
        r"dénonce|regrette|assure|reconnaît|témoigne|observe|résume|poursuit|conclut|prévient|pour|"
        r"témoignage de|enquête de"
    ),
    speech_after=(
        r"a déclaré|a dit|dit|affirme|a affirmé|explique|a expliqué|estime|a estimé|raconte|a raconté|souligne|"
        r"précise|indique|assure|reconnaît|témoigne|confie|regrette|dénonce|ajoute|rappelle|a refusé|a déposé|"
        r"a obtenu|a reçu|a découvert|a transmis|a appelé|a versé|représente|plaide|conteste|a contesté|"
        r"affirme|n'a|a été|est"
    ),
    byline=r"Par|PAR|Texte|Propos recueillis par|Photos?",
    conj=r"et|&",
    org_words=_ORG_WORDS,
    stop_words=_STOP,
    caps_runs="any",
    first_name_locales=("fr_FR", "fr_BE", "fr_CH", "fr_CA", "fr_QC"),
    extra=(_form_fields,),
    capital_particles=r"De|Du|Des|La|Le|El|Al|Ben|Abu|Ould|Da|Di|Del|Della|Van|Von",
)

find_persons = Detector(CUES)
