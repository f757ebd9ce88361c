"""Turning bytes into text: refuse binary data, detect the encoding, repair mojibake, normalise to NFC.

The order matters. A byte-order mark is trusted first; then valid UTF-8 (the common case, and the only
encoding where a wrong guess is impossible); then UTF-8 with a few damaged bytes; and only then does
charset-normalizer guess among legacy encodings, with a preference for the encodings analysts actually
meet (GB18030 for Chinese, Windows-1252 for Western European languages) over look-alike code pages that
decode the same bytes into different letters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from scoreatlas.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

# Magic numbers of formats that turn up under a wrong suffix, so the reason can say what the file is.
_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive (e.g. DOCX or XLSX)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document (.doc/.xls)"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PAR1", "Parquet file"),
    (b"\x7fELF", "executable"),
)

# Share of undecodable bytes in otherwise-UTF-8 data up to which the text is kept, with U+FFFD in their
# place and a note; above it the file is rejected. A stray byte from a copy-paste should not cost a
# document; a file that is mostly broken should not be guessed at.
MAX_INVALID_UTF8_SHARE = 0.01

# When charset-normalizer's candidates are about equally plausible, these win, in this order.
_PREFERRED = ("gb18030", "cp1252", "cp1251", "big5", "shift_jis", "euc_kr")
_NEAR_BEST = 0.06

_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")

# UTF-8 read as Windows-1252 or Latin-1: a lead byte shows as Â-ß or â-ï, a continuation byte as one of
# these characters ("Ã©" for "é", "â€™" for "’").
_CONTINUATION = re.escape("".join(sorted(
    {bytes([b]).decode("cp1252", errors="ignore") for b in range(0x80, 0xC0)} | {chr(b) for b in range(0x80, 0xC0)}
)))
MOJIBAKE = re.compile(f"[\u00c2-\u00df][{_CONTINUATION}]|[\u00e2-\u00ef][{_CONTINUATION}]{{2}}")
# How many such sequences a text needs before its encoding is repaired. One pair of letters that happens to
# look like mojibake ("Ãª") is more likely a name or a stray than damage, and repairing it would change valid
# text; real double-encoded text carries the pattern on every accented letter.
MIN_MOJIBAKE = 2


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, the encoding it was read in, and a note when something was repaired."""

    text: str
    encoding: str
    note: str = ""


def sniff_binary(data: bytes) -> str | None:
    """Return what kind of binary data ``data`` is, or ``None`` when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    if head and len(_CONTROL_BYTES.findall(head)) / len(head) > 0.05:
        return "binary data (control bytes)"
    return None


def decode(data: bytes) -> Decoded:
    """Decode ``data`` to NFC text with mojibake repaired; raise :class:`ReadError` when it is not text.

    >>> decode("Zahlungsausfälle".encode("cp1252")).encoding
    'cp1252'
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return finish(data.decode(codec), name)
            except UnicodeDecodeError:
                raise ReadError(f"invalid {name} text after its byte-order mark") from None
    kind = sniff_binary(data)
    if kind is not None:
        raise ReadError(f"binary file, not text ({kind})")
    try:
        return finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    invalid = _invalid_utf8_bytes(data)
    valid = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    if valid:
        if invalid <= MAX_INVALID_UTF8_SHARE * len(data):
            text = data.decode("utf-8", errors="replace")
            return finish(text, "utf-8", f"{invalid} invalid UTF-8 bytes replaced with U+FFFD")
        if valid >= invalid:
            # Mostly UTF-8 yet badly damaged: a guess among legacy encodings would only add mojibake.
            raise ReadError(f"invalid UTF-8 ({invalid} of {len(data)} bytes cannot be decoded)")
    try:
        return finish(*_guess(data))
    except ReadError:
        if valid:
            raise ReadError(f"invalid UTF-8 ({invalid} of {len(data)} bytes cannot be decoded)") from None
        raise


def _invalid_utf8_bytes(data: bytes) -> int:
    count = 0

    def handler(err: UnicodeError) -> tuple[str, int]:
        nonlocal count
        assert isinstance(err, UnicodeDecodeError)
        count += err.end - err.start
        return "", err.end

    codecs.register_error("scoreatlas-count", handler)
    data.decode("utf-8", errors="scoreatlas-count")
    return count


def _guess(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise ReadError("text encoding could not be determined")
    best = min(matches, key=lambda m: m.chaos)
    # A match stands for every encoding that decodes the bytes to the same text (could_be_from_charset).
    near: dict[str, str] = {}
    for match in matches:
        if match.chaos <= best.chaos + _NEAR_BEST:
            for name in (match.encoding, *match.could_be_from_charset):
                near.setdefault(name, str(match))
    # Chinese text is mostly non-ASCII bytes; Western text with a few accented letters is not, and a
    # stray cp1252 byte before an ASCII letter happens to be a valid GB18030 pair.
    western = sum(b > 0x7F for b in data) < 0.2 * len(data)
    preferred = ("cp1252", *(n for n in _PREFERRED if n != "cp1252")) if western else _PREFERRED
    for name in preferred:
        if name == "gb18030" and ({"gb2312", "gbk"} & near.keys()):
            # GB18030 is a superset of both: decoding with it never loses a character they have.
            return data.decode("gb18030", errors="replace"), "gb18030"
        if name in near:
            return near[name], name
    return str(best), best.encoding


def finish(text: str, encoding: str, note: str = "") -> Decoded:
    import ftfy

    nfc = unicodedata.normalize("NFC", text)
    damaged = len(MOJIBAKE.findall(nfc)) >= MIN_MOJIBAKE
    repaired = ftfy.fix_text(nfc, config=_ftfy_config(fix_encoding=damaged))
    if repaired != nfc and not note:
        note = "mojibake repaired"
    return Decoded(repaired, encoding, note)


def _ftfy_config(*, fix_encoding: bool) -> Any:
    import ftfy

    # Full-width punctuation and curly quotes are how Chinese and typeset text are written, not damage.
    return ftfy.TextFixerConfig(
        fix_encoding=fix_encoding,
        unescape_html=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        normalization="NFC",
        explain=False,
    )
