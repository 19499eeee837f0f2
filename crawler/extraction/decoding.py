"""Bytes to text: BOM, then UTF-8 evidence, then the HTTP header charset, <meta charset>, sniffing.

The order, and where it departs from the references:

1. A byte order mark (UTF-8, UTF-16) decides, as in browsers (WHATWG "encoding sniffing": the BOM
   beats even the HTTP header).
2. Bytes that are UTF-8 holding multi-byte characters (at most one invalid sequence per
   ``VALID_PER_INVALID`` valid characters) are read as UTF-8, whatever the header or <meta> says.
   Browsers obey the declaration here (WHATWG: HTTP charset, then the <meta> prescan) and show the
   same mojibake; charset-normalizer treats a declaration as a hint only and keeps the decoding
   with the least "chaos", which for such bytes is UTF-8, but one stray byte rules UTF-8 out for it.
   Legacy CJK or Latin-1 text is almost never valid UTF-8, so valid multi-byte UTF-8 is
   overwhelming evidence: the declaration is a template's leftover (a gb2312 page converted to
   UTF-8, an iso-8859-1 server default), and obeying it turns every non-ASCII character into
   mojibake. A stray byte (a pasted snippet in another charset) or a page cut inside its last
   character does not hand the page back to the declaration.
3. The charset of the HTTP Content-Type header (unless it says UTF-8 of bytes that are not: a
   server default contradicted by the bytes, as step 2 in reverse), then <meta charset> / http-equiv, with WHATWG's
   label mapping (gb2312 is read as GB18030, iso-8859-1 and ascii as windows-1252): w3lib's
   ``html_to_unicode``, as Scrapy does.
4. No declaration: UTF-8 when the bytes decode as such, else charset-normalizer's guess.

The crawl reads a page's class and links in the same encoding (``html_encoding``), not in Scrapy's
declaration-first one.
"""
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


_UTF8_HEADER = re.compile(r"charset\s*=\s*[\"']?utf-?8\b", re.I)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _sniff(body: bytes) -> str | None:
    """Encoding of a page that declares none: UTF-8 when it decodes as such, else a statistical guess."""
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start > len(body) - 4:  # a truncated page cut inside the last character
            return "utf-8"
    sample = body[:65536]
    if 0 < sample.count(b"\x00") <= len(sample) * STRAY_NUL_SHARE:
        sample = sample.replace(b"\x00", b"")  # a stray NUL makes the detector give up on the whole page
    best = from_bytes(sample).best()
    return best.encoding if best is not None else None


STRAY_NUL_SHARE = 0.01
"""Zero bytes up to this share of a page are noise to leave out of the charset guess (they never carry
text); UTF-16 and UTF-32 text, which the guess must see as it is, is a third or more zero bytes."""


_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


VALID_PER_INVALID = 20
"""Valid multi-byte UTF-8 characters needed per invalid sequence: a stray byte or two (a pasted
snippet in another charset, a cut character) does not hand a UTF-8 page back to a wrong
declaration, while text in a legacy charset has far more invalid sequences than chance-valid ones
(GBK and EUC-KR about ten times more, Latin-1 and windows-1252 nearly no valid ones)."""


def _utf8_text(body: bytes) -> str | None:
    """The page decoded as UTF-8 when its bytes are UTF-8 with multi-byte characters: overwhelming
    evidence (legacy CJK or Latin-1 text is almost never valid UTF-8), whatever charset the header
    or <meta> declares; None for ASCII bytes and for bytes in another charset."""
    if body.isascii():
        return None
    try:
        return body.decode("utf-8")  # valid, with a multi-byte character: no count needed
    except UnicodeDecodeError:
        pass
    text = body.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - body.count("\ufffd".encode("utf-8"))
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - invalid
    if invalid and text.endswith("\ufffd"):  # a page cut inside its last character is still UTF-8
        invalid -= _cut_character(body)
    if multibyte and invalid * VALID_PER_INVALID <= multibyte:
        return text
    return None


def _cut_character(body: bytes) -> int:
    """1 when the bytes end inside a multi-byte character (the page was truncated), else 0."""
    tail = body[-4:]
    start = len(tail) - 1
    while start > 0 and tail[start] & 0xC0 == 0x80:  # back over continuation bytes to the lead byte
        start -= 1
    try:
        tail[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        return int(exc.reason == "unexpected end of data")
    return 0


def has_binary_signature(body: bytes) -> bool:
    """True for the magic numbers of binary formats (PDF, images, archives, media)."""
    return body.startswith(_BINARY_SIGNATURES)


def looks_binary(text: str) -> bool:
    """True for decoded content with many control characters (binary data read as text)."""
    head = text[:4096]
    return len(_CONTROL_CHARS.findall(head)) > len(head) * 0.1


def _decode(body: bytes, content_type: str | None) -> tuple[str, str]:
    """The encoding chosen for the bytes (Python's name) and the text."""
    utf8 = None if body.startswith(_BOMS) else _utf8_text(body)
    if utf8 is not None:
        return "utf-8", utf8  # a declared legacy charset would make mojibake of it
    if content_type and _UTF8_HEADER.search(content_type) and not body.startswith(_BOMS):
        content_type = None  # the bytes are not UTF-8: the server's default is wrong, <meta> or sniffing decide
    try:
        encoding, text = html_to_unicode(content_type, body, auto_detect_fun=_sniff)
    except (LookupError, TypeError, ValueError):  # (UnicodeError is a ValueError)
        # a charset that names a codec of no text encoding ("hex", "rot13", "base64", "zlib")
        encoding = _sniff(body) or "cp1252"
        return encoding, body.decode(encoding, "replace")
    if encoding.startswith(("utf-16", "utf-32")) and not body.startswith(_BOMS) and b"\x00" not in body[:1024]:
        # a declared UTF-16 or UTF-32 over bytes without their zero bytes: browsers read UTF-8 then
        return "utf-8", body.decode("utf-8", "replace")
    return encoding, text


def html_encoding(body: bytes, content_type: str | None = None) -> str:
    """The encoding ``decode_html`` reads these bytes in: for the crawl's own view of a page (its
    links, its class), which must read the page as the extraction does, not as Scrapy's
    declaration-first guess."""
    return _decode(body, content_type)[0]


def _is_blank(data: bytes | str) -> bool:
    """``not data.strip()`` without copying the page: ``isspace`` stops at its first character."""
    return not data or data.isspace()


def decode_html(body: bytes | str, content_type: str | None = None, url: str | None = None) -> str:
    """Return the page as text; raise NotAnArticle for empty or binary input."""
    return decode_page(body, content_type, url)[0]


def decode_page(body: bytes | str, content_type: str | None = None, url: str | None = None) -> tuple[str, str | None]:
    """``decode_html``'s text and the encoding the bytes were read in (None for text): one decode
    for a caller that needs both (the crawl's view of a page and the extraction's)."""
    encoding = None
    if isinstance(body, str):
        text = body
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates (from surrogateescape decoding) cannot be parsed
            text = text.encode("utf-8", "replace").decode("utf-8")
        may_hold_nul = True
    else:
        if _is_blank(body):
            raise NotAnArticle("empty", url)
        if has_binary_signature(body):
            raise NotAnArticle("binary", url, f"starts with {body[:8]!r}")
        encoding, text = _decode(body, content_type)
        if looks_binary(text):
            raise NotAnArticle("binary", url, "mostly control characters")
        # (UTF-8 makes no NUL character of bytes without a zero byte; UTF-7 and escape codecs can)
        may_hold_nul = encoding != "utf-8" or b"\x00" in body
    # NUL bytes make lxml stop parsing early; they never carry text.
    if may_hold_nul:
        text = text.replace("\x00", "")
    if _is_blank(text):
        raise NotAnArticle("empty", url)
    return text, encoding
