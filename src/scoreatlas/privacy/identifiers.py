"""Personal identifiers found by pattern: emails, phone numbers (validated with libphonenumber)."""

from __future__ import annotations

import re

import phonenumbers

from scoreatlas.types import Span

PHONE_REGIONS = ("US", "GB", "NL", "DE", "FR", "CN")

_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
# Obfuscated forms: "name [at] domain [dot] org", "name (at) domain.org"
_EMAIL_OBFUSCATED = re.compile(
    r"[\w.+%-]+\s*[\[(]\s*at\s*[\])]\s*[\w-]+(?:\s*(?:\.|[\[(]\s*dot\s*[\])])\s*[\w-]+)+", re.IGNORECASE
)


def find_emails(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), "EMAIL", "email") for m in _EMAIL.finditer(text)]
    spans += [Span(m.start(), m.end(), "EMAIL", "email") for m in _EMAIL_OBFUSCATED.finditer(text)]
    return spans


def find_phones(text: str) -> list[Span]:
    """Phone numbers valid in any of :data:`PHONE_REGIONS`, or written with a leading '+'."""
    spans: list[Span] = []
    for region in PHONE_REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            # Short digit runs that happen to be valid somewhere are years and figures, not phones.
            if sum(c.isdigit() for c in match.raw_string) >= 8:
                spans.append(Span(match.start, match.end, "PHONE", "phone"))
    return spans


def find_identifiers(text: str) -> list[Span]:
    return find_emails(text) + find_phones(text)
