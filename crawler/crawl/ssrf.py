"""Network boundary: never fetch from loopback, private, link-local or cloud-metadata addresses.

Two layers, both off when ``NEWS_ALLOW_PRIVATE_NETWORKS`` is true (tests and the offline demo):

* ``SSRFMiddleware`` (downloader middleware) refuses, before anything is sent, every request whose
  scheme is not http/https or whose host is a forbidden address literal in any spelling
  (``127.0.0.1``, ``[::1]``, ``0x7f000001``, ``2130706433``, ``017700000001``, ``127.1``,
  ``[::ffff:127.0.0.1]``) or a metadata host name. Redirects and retries are new requests, so they
  pass through it again.
* ``SafeResolver`` (``TWISTED_DNS_RESOLVER``) checks the addresses a host name resolves to, at the
  moment of each connection, after Scrapy's DNS cache: a name that resolves to a forbidden address
  (``localhost``, a rebinding name whose second answer is ``127.0.0.1``) gets no address, so nothing
  is ever connected to. The middleware then turns that lookup failure into a counted block.

Blocked requests raise ``BlockedRequest`` (an ``IgnoreRequest`` whose message starts ``ssrf:<reason>:`` and
says how to allow the address: ``NEWS_SSRF_ALLOWLIST`` or ``NEWS_ALLOW_PRIVATE_NETWORKS``), are logged once
each and counted in ``news/blocked/ssrf`` and ``news/blocked/ssrf/<reason>``.

``NEWS_SSRF_ALLOWLIST`` (networks in CIDR form) opens single private networks, e.g. an intranet
news server; the allowlist never opens the metadata addresses.
"""
from __future__ import annotations

import ipaddress
import logging
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.datatypes import LocalCache
from scrapy.utils.misc import build_from_crawler, load_object
from twisted.internet.error import DNSLookupError

try:  # Scrapy >= 2.14 wraps DNSLookupError in its own exception
    from scrapy.exceptions import CannotResolveHostError
except ImportError:  # pragma: no cover
    CannotResolveHostError = DNSLookupError  # type: ignore[misc,assignment]
from twisted.internet.interfaces import IHostnameResolver, IResolutionReceiver
from zope.interface import implementer, provider

from crawler.crawl.config import get_bool
from crawler.crawl.headers import header_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from scrapy.crawler import Crawler
    from scrapy.http import Request
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector
    from typing_extensions import Self

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = frozenset({"http", "https"})

METADATA_HOSTS = frozenset(
    {
        "metadata.google.internal",  # GCP
        "metadata.goog",
        "metadata",
        "instance-data",  # AWS
        "instance-data.ec2.internal",
        "metadata.azure.com",
    }
)
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean
        "169.254.170.2",  # AWS ECS task metadata
        "fd00:ec2::254",  # AWS IPv6
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")

DEFAULT_BASE_RESOLVER = "scrapy.resolver.CachingThreadedResolver"

# Host names the resolver refused, so that the middleware can name the reason (the resolver has
# no error channel: it can only return no address) and refuse retries and redirects to them
# without another lookup. A host once seen resolving to a forbidden address stays refused.
_refused_hosts: LocalCache[str, tuple[str, IPAddress]] = LocalCache(10_000)


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address a host string denotes as a literal, in every spelling ``inet_aton`` accepts.

    Handles ``[v6]`` brackets, IPv6 zone ids, a trailing dot, and the dotted forms with 1 to 4
    parts, each decimal, ``0x`` hex or ``0``-prefixed octal (``127.1``, ``0x7f.1``, ``2130706433``).
    Returns None for host names.
    """
    host = unicodedata.normalize("NFKC", host).strip().lower()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    host = host.split("%", 1)[0]  # zone id: fe80::1%eth0
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host)
        except ValueError:
            return None
    host = host.removesuffix(".")
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers = []
    for part in parts:
        try:
            if part.startswith("0x"):
                numbers.append(int(part[2:] or "0", 16))
            elif len(part) > 1 and part.startswith("0"):
                numbers.append(int(part[1:], 8))
            elif part.isdigit():
                numbers.append(int(part, 10))
            else:
                return None
        except ValueError:
            return None
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last
    for i, n in enumerate(head):
        value += n << (8 * (3 - i))
    return ipaddress.IPv4Address(value)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo, NAT64, compatible)."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64 or (ip in _IPV4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_reason(ip: IPAddress) -> str | None:
    """Why a connection to ``ip`` is forbidden (``"loopback"``, ``"metadata"``, ...), or None."""
    if ip in METADATA_ADDRESSES:
        return "metadata"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            return address_reason(embedded)
    for reason in ("unspecified", "loopback", "link_local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{reason}"):
            return reason
    if not ip.is_global:  # shared address space 100.64/10, documentation ranges, ...
        return "not_global"
    return None


@dataclass(frozen=True)
class Policy:
    """What may be connected to: everything, or public addresses plus an allowlist."""

    allow_private: bool = False
    allowlist: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Self:
        return cls(
            allow_private=get_bool(settings, "NEWS_ALLOW_PRIVATE_NETWORKS"),
            allowlist=tuple(
                ipaddress.ip_network(n, strict=False) for n in settings.getlist("NEWS_SSRF_ALLOWLIST")
            ),
        )

    def address_reason(self, ip: IPAddress) -> str | None:
        if self.allow_private:
            return None
        reason = address_reason(ip)
        if reason not in (None, "metadata") and any(ip in net for net in self.allowlist):
            return None
        return reason

    def host_reason(self, host: str) -> str | None:
        """Why ``host`` (a name or an address literal) is forbidden, without resolving it."""
        if self.allow_private:
            return None
        ip = parse_ip_literal(host)
        if ip is not None:
            return self.address_reason(ip)
        name = unicodedata.normalize("NFKC", host).strip().lower().removesuffix(".")
        if name in METADATA_HOSTS:
            return "metadata"
        return None

    def url_reason(self, url: str) -> str | None:
        """Why fetching ``url`` is forbidden, or None. Does not resolve host names."""
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError:
            return "bad_url"
        if parts.scheme.lower() not in ALLOWED_SCHEMES:
            return "scheme"
        if not host:
            return "bad_url"
        return self.host_reason(host)


_DEFAULT_POLICY = Policy()


class BlockedRequest(IgnoreRequest):
    """A request the network boundary refused; the message names the host, why, and how to allow it."""

    def __init__(self, host: str, reason: str, address: IPAddress | None = None) -> None:
        super().__init__(f"ssrf:{reason}: {refusal_hint(host, reason, address)}")
        self.host = host
        self.reason = reason


def refusal_hint(host: str, reason: str, address: IPAddress | None = None) -> str:
    """Why ``host`` (resolved to ``address``) is refused and the setting that would allow it (none opens a
    scheme other than http/https)."""
    if reason == "scheme":
        return "only http and https URLs are fetched"
    if reason == "bad_url":
        return "the URL has no valid host"
    lift = "-s NEWS_ALLOW_PRIVATE_NETWORKS=True (lifts the whole boundary)"
    if reason == "metadata":
        return f"{host} is a cloud metadata address; NEWS_SSRF_ALLOWLIST never opens it, only {lift} does"
    kind = reason.replace("_", " ")
    ip = parse_ip_literal(host)
    what = f"{host} is a {kind} address" if ip is not None else f"{host} resolves to a {kind} address"
    ip = ip or address
    network = f"{ip}/{ip.max_prefixlen}" if ip is not None else "NETWORK/PREFIX"
    return f"{what}; to fetch it, -s NEWS_SSRF_ALLOWLIST={network} (that network only) or {lift}"


def is_forbidden_address(host_or_ip: str) -> bool:
    """True when ``host_or_ip`` is a forbidden address literal or metadata name (default policy)."""
    return _DEFAULT_POLICY.host_reason(host_or_ip) is not None


def check_url(url: str, *, allow_private: bool = False) -> str | None:
    """The reason ``url`` must not be fetched (``"scheme"``, ``"loopback"``, ...), or None."""
    return Policy(allow_private=allow_private).url_reason(url)


class SSRFMiddleware:
    """Downloader middleware: refuse requests to forbidden schemes, addresses and names."""

    def __init__(self, policy: Policy, stats: StatsCollector | None = None) -> None:
        if policy.allow_private:
            raise NotConfigured("NEWS_ALLOW_PRIVATE_NETWORKS is set")
        self.policy = policy
        self.stats = stats
        self.refused: dict[str, tuple[int, str]] = {}
        """Per source (``meta["news_source"]``): requests refused, and the first refusal's message."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = cls(Policy.from_settings(crawler.settings), crawler.stats)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_closed(self) -> None:
        """One line per source with refused requests, saying how to allow them (beside the run summary's)."""
        for source, (count, first) in sorted(self.refused.items()):
            plural = "s" if count != 1 else ""
            logger.warning("Source %r: %d request%s refused by the network boundary (%s)", source, count, plural, first)

    def process_request(self, request: Request) -> None:
        reason = self.policy.url_reason(request.url)
        if reason is not None:
            self._block(request, reason)
        refused = _refused_hosts.get(urlsplit(request.url).hostname or "")
        if refused is not None:
            self._block(request, *refused)

    def process_exception(self, request: Request, exception: Exception) -> None:
        if isinstance(exception, (DNSLookupError, CannotResolveHostError)):
            refused = _refused_hosts.get(urlsplit(request.url).hostname or "")
            if refused is not None:
                self._block(request, *refused)

    def _block(self, request: Request, reason: str, address: IPAddress | None = None) -> None:
        if self.stats is not None:
            self.stats.inc_value("news/blocked/ssrf")
            self.stats.inc_value(f"news/blocked/ssrf/{reason}")
        host = urlsplit(request.url).hostname or request.url
        blocked = BlockedRequest(host, reason, address)
        source = request.meta.get("news_source")
        if isinstance(source, str):
            count, first = self.refused.get(source, (0, f"{request.url}: {blocked}"))
            self.refused[source] = (count + 1, first)
        logger.warning(
            "Blocked request to a forbidden address (%s): %s (referer: %s); %s",
            reason,
            request.url,
            header_text(request.headers, b"Referer"),
            refusal_hint(host, reason, address),
        )
        raise blocked


@provider(IResolutionReceiver)
class _FilteringReceiver:
    """Passes resolved addresses on only when none of them is forbidden."""

    def __init__(self, receiver: IResolutionReceiver, host: str, policy: Policy) -> None:
        self.receiver = receiver
        self.host = host
        self.policy = policy
        self.addresses: list[Any] = []
        self.reason: str | None = None
        self.refused: IPAddress | None = None

    def resolutionBegan(self, resolution: Any) -> None:  # noqa: N802 (Twisted interface)
        self.receiver.resolutionBegan(resolution)

    def addressResolved(self, address: Any) -> None:  # noqa: N802
        ip = ipaddress.ip_address(address.host.split("%", 1)[0])
        reason = self.policy.address_reason(ip)
        if reason is not None and self.reason is None:
            self.reason, self.refused = reason, ip
        self.addresses.append(address)

    def resolutionComplete(self) -> None:  # noqa: N802
        if self.reason is not None and self.refused is not None:
            # A name mixing public and forbidden answers is a rebinding trick: refuse it whole.
            _refused_hosts[self.host] = (self.reason, self.refused)
            logger.warning("Refused to connect to %s: it resolves to a %s address", self.host, self.reason)
        else:
            for address in self.addresses:
                self.receiver.addressResolved(address)
        self.receiver.resolutionComplete()


@implementer(IHostnameResolver)
class SafeResolver:
    """``TWISTED_DNS_RESOLVER`` that wraps Scrapy's resolver and drops forbidden answers.

    The check runs on the addresses of every connection attempt, after the DNS cache, so DNS
    rebinding (a name that first resolves to a public address, then to 127.0.0.1) cannot get
    through. The wrapped resolver is ``NEWS_SSRF_BASE_RESOLVER`` (Scrapy's default one).
    """

    def __init__(self, reactor: Any, base: Any, policy: Policy) -> None:
        self.reactor = reactor
        self.base = base
        self.policy = policy
        self.wrapped: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: Any) -> Self:
        settings = crawler.settings
        base_cls = load_object(settings.get("NEWS_SSRF_BASE_RESOLVER") or DEFAULT_BASE_RESOLVER)
        base = build_from_crawler(base_cls, crawler, reactor=reactor)
        return cls(reactor, base, Policy.from_settings(settings))

    def install_on_reactor(self) -> None:
        self.base.install_on_reactor()
        if self.policy.allow_private:
            return
        self.wrapped = self.reactor.nameResolver
        self.reactor.installNameResolver(self)

    def resolveHostName(  # noqa: N802 (Twisted interface)
        self,
        resolutionReceiver: IResolutionReceiver,  # noqa: N803
        hostName: str,  # noqa: N803
        portNumber: int = 0,  # noqa: N803
        addressTypes: Sequence[type[Any]] | None = None,  # noqa: N803
        transportSemantics: str = "TCP",  # noqa: N803
    ) -> Any:
        receiver = _FilteringReceiver(resolutionReceiver, hostName, self.policy)
        return self.wrapped.resolveHostName(
            receiver, hostName, portNumber, addressTypes, transportSemantics
        )

