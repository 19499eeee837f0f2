"""Hardened XML for feeds and sitemaps: no entity expansion, no external entities, bounded gunzip.

What lxml and Scrapy already guarantee (lxml 6, libxml2 2.14, Scrapy 2.19):

* ``resolve_entities=False`` leaves ``&name;`` references unexpanded, so neither a billion-laughs
  document nor an external entity (``<!ENTITY x SYSTEM "file:///etc/passwd">``) is ever expanded
  or read; ``no_network=True`` and ``load_dtd=False`` keep external DTDs unread; libxml2 also
  stops at an "entity amplification factor" and ``huge_tree=False`` caps text nodes and depth.
* Scrapy's ``Sitemap`` (``scrapy/utils/sitemap.py``) parses with ``resolve_entities=False`` and
  ``recover=True`` (lxml's ``no_network`` default is on, DTDs are not loaded), and
  ``SitemapSpider._get_sitemap_body`` gunzips with ``max_size=DOWNLOAD_MAXSIZE`` and silently
  returns ``None`` when it is exceeded.

What they do not do is say so: with ``recover=True`` a bomb parses "fine" into empty or truncated
text, and a gzip bomb is dropped without a word. This module makes the rejection explicit: a
document that declares entities is refused with ``UnsafeXML("entity_declaration")`` (or
``"external_entity"`` for XXE), a compressed body that expands past the limit with
``UnsafeXML("gzip_bomb")``, an oversized document with ``UnsafeXML("too_large")``. Callers log the
message and count ``news/rejected/xml/<reason>``. Only the prolog is parsed for the entity check,
whatever the encoding of the document (UTF-8, UTF-16, ...).
"""
from __future__ import annotations

import struct

from lxml import etree
from scrapy.utils.gz import gunzip

MAX_XML_BYTES = 50 * 1024 * 1024
"""Largest (uncompressed) XML document read: the sitemap protocol's own limit, 50 MiB."""

GZIP_MAGIC = b"\x1f\x8b"
_PROLOG_CHUNK = 16 * 1024


class UnsafeXML(ValueError):
    """An XML document or compressed body refused for safety; ``reason`` names why."""

    REASONS = ("entity_declaration", "external_entity", "gzip_bomb", "too_large")

    def __init__(self, reason: str, detail: str) -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"unsafe XML ({reason}): {detail}")


def xml_parser(*, recover: bool = True) -> etree.XMLParser:
    """An lxml parser that expands no entity, loads no DTD, touches no network, refuses huge trees."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=recover,
        remove_comments=True,
        remove_pis=True,
        # Never collect_ids=False: with lxml 6.0 / libxml2 2.14 it makes the parser open the
        # external DTD named in <!DOCTYPE ... SYSTEM "file:///..."> despite load_dtd=False.
    )


def check_entities(body: bytes) -> None:
    """Raise ``UnsafeXML`` when the document's DTD declares entities; parse only up to the root tag.

    An external DTD identifier (``<!DOCTYPE rss PUBLIC "..." "http://...dtd">``, as old RSS 0.91
    feeds have) is allowed: it is never loaded.
    """
    parser = etree.XMLPullParser(
        events=("start",), resolve_entities=False, no_network=True, load_dtd=False, recover=True
    )
    root = None
    for start in range(0, len(body), _PROLOG_CHUNK):
        parser.feed(body[start : start + _PROLOG_CHUNK])
        root = next((element for _, element in parser.read_events()), None)
        if root is not None:
            break
    if root is None:
        return
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None:
        return
    for entity in dtd.iterentities():
        if entity.system_url:
            raise UnsafeXML("external_entity", f"entity {entity.name!r} refers to {entity.system_url!r}")
        raise UnsafeXML("entity_declaration", f"the DTD declares entity {entity.name!r}")


def bounded_gunzip(body: bytes, max_size: int = MAX_XML_BYTES) -> bytes:
    """Gunzip ``body``, stopping with ``UnsafeXML("gzip_bomb")`` past ``max_size`` bytes.

    Memory stays within ``max_size`` plus one 64 KiB chunk. A truncated or corrupt stream yields
    what could be read (Scrapy's behaviour), possibly ``b""``.
    """
    try:
        return gunzip(body, max_size=max_size)
    except (OSError, EOFError, struct.error):
        return b""
    except ValueError as exc:  # scrapy.utils._compression._DecompressionMaxSizeExceeded
        raise UnsafeXML(
            "gzip_bomb", f"{len(body)} compressed bytes expand past the limit of {max_size} bytes"
        ) from exc


def xml_body(body: bytes, max_size: int = MAX_XML_BYTES) -> bytes:
    """The XML of a response body: gunzipped when it is gzip, checked for size and entities."""
    if body.startswith(GZIP_MAGIC):
        body = bounded_gunzip(body, max_size)
    if max_size and len(body) > max_size:
        raise UnsafeXML("too_large", f"{len(body)} bytes, over the limit of {max_size} bytes")
    check_entities(body)
    return body


def parse_xml(body: bytes, max_size: int = MAX_XML_BYTES, *, recover: bool = True) -> etree._Element | None:
    """The root element of a safe document (see ``xml_body``), or None when there is no XML in it.

    Raises ``UnsafeXML`` for entity declarations, gzip bombs and oversized documents.
    """
    body = xml_body(body, max_size)
    if not body.strip():
        return None
    try:
        return etree.fromstring(body, parser=xml_parser(recover=recover))
    except etree.XMLSyntaxError:
        return None
