"""Bytes to text the way a browser would: BOM, HTTP header, <meta charset>, then content sniffing.

Valid multi-byte UTF-8 wins over a declared legacy charset (header or <meta>): such a declaration is
a template's leftover, and obeying it turns every non-ASCII character into mojibake."""
from __future__ import annotations

import re

from charset_normalizer import from_bytes
from w3lib.encoding import html_to_unicode

from crawler.extraction.errors import NotAnArticle

# Magic numbers of formats that are served as text/html by mistake often enough to matter.
_BINARY_SIGNATURES = (
    b"%PDF-",
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"\x1f\x8b",  # gzip
    b"PK\x03\x04",  # zip, docx, epub
    b"RIFF",  # webp, wav, avi
    b"\x00\x00\x01\x00",  # ico
    b"OggS",
    b"ID3",  # mp3
    b"\x7fELF",
)


_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _sniff(body: bytes) -> str | None:
    """Encoding of a page that declares none: UTF-8 when it decodes as such, else a statistical guess."""
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start > len(body) - 4:  # a truncated page cut inside the last character
            return "utf-8"
    best = from_bytes(body[:65536]).best()
    return best.encoding if best is not None else None


_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _is_multibyte_utf8(body: bytes) -> bool:
    """Bytes that are valid UTF-8 and hold multi-byte sequences: overwhelming evidence of UTF-8 (legacy
    CJK or Latin-1 text is almost never valid UTF-8), whatever charset the header or <meta> declares.
    Browsers and charset-normalizer weigh the same evidence; a page cut inside its last character
    still counts."""
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start <= len(body) - 4 or exc.reason != "unexpected end of data":
            return False
    return True


def has_binary_signature(body: bytes) -> bool:
    """True for the magic numbers of binary formats (PDF, images, archives, media)."""
    return body.startswith(_BINARY_SIGNATURES)


def looks_binary(text: str) -> bool:
    """True for decoded content with many control characters (binary data read as text)."""
    head = text[:4096]
    return len(_CONTROL_CHARS.findall(head)) > len(head) * 0.1


def decode_html(body: bytes | str, content_type: str | None = None, url: str | None = None) -> str:
    """Return the page as text; raise NotAnArticle for empty or binary input."""
    if isinstance(body, str):
        text = body
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates (from surrogateescape decoding) cannot be parsed
            text = text.encode("utf-8", "replace").decode("utf-8")
    else:
        if not body.strip():
            raise NotAnArticle("empty", url)
        if has_binary_signature(body):
            raise NotAnArticle("binary", url, f"starts with {body[:8]!r}")
        if not body.startswith(_BOMS) and _is_multibyte_utf8(body):
            text = body.decode("utf-8", "replace")  # a declared legacy charset would make mojibake of it
        else:
            _, text = html_to_unicode(content_type, body, auto_detect_fun=_sniff)
        if looks_binary(text):
            raise NotAnArticle("binary", url, "mostly control characters")
    # NUL bytes make lxml stop parsing early; they never carry text.
    text = text.replace("\x00", "")
    if not text.strip():
        raise NotAnArticle("empty", url)
    return text
