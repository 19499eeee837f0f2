"""The network boundary: forbidden addresses in any spelling, by name, by redirect, by rebinding.

The end-to-end test runs a real crawl in a subprocess (this file run as a script) against two
loopback servers: the "site" on 127.0.0.1, opened with NEWS_SSRF_ALLOWLIST, and an "internal"
server on 127.0.0.2 that stands for the network the crawler must never reach. The internal server
records every request it gets; the assertion is that it got none.
"""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from scrapy import Request, Spider
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import CannotResolveHostError, IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler
from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.error import DNSLookupError

from crawler.crawl.ssrf import Policy, SafeResolver, SSRFMiddleware, check_url, is_forbidden_address

FORBIDDEN = {
    "127.0.0.1": "loopback",
    "[::1]": "loopback",
    "10.0.0.5": "private",
    "192.168.1.1": "private",
    "172.16.0.1": "private",
    "[fc00::1]": "private",
    "169.254.169.254": "metadata",
    "[fd00:ec2::254]": "metadata",
    "metadata.google.internal": "metadata",
    "Metadata.Google.Internal.": "metadata",
    "169.254.1.1": "link_local",
    "[fe80::1]": "link_local",
    "224.0.0.1": "multicast",
    "[ff02::1]": "multicast",
    "0.0.0.0": "unspecified",
    "[::]": "unspecified",
    "0": "unspecified",
    "240.0.0.1": "private",  # reserved, and Python counts it as private
    "100.64.0.1": "not_global",
    "0x7f000001": "loopback",
    "2130706433": "loopback",
    "017700000001": "loopback",
    "127.1": "loopback",
    "0x7f.0.0.1": "loopback",
    "0177.0.0.1": "loopback",
    "127.0.0.1.": "loopback",
    "１２７.０.０.１": "loopback",  # full-width digits, NFKC-folded as browsers do
    "[::ffff:127.0.0.1]": "loopback",
    "[::ffff:7f00:1]": "loopback",
    "[::ffff:169.254.169.254]": "metadata",
    "[2002:7f00:1::]": "loopback",  # 6to4
    "[64:ff9b::a00:5]": "private",  # NAT64 of 10.0.0.5
    "[::127.0.0.1]": "loopback",  # IPv4-compatible
    "[fe80::1%25eth0]": "link_local",
}
ALLOWED = ["example.com", "93.184.216.34", "1.1.1.1", "[2606:4700::1111]", "256.1.1.1", "news.example"]


@pytest.mark.parametrize(("host", "reason"), FORBIDDEN.items(), ids=list(FORBIDDEN))
def test_forbidden_hosts(host: str, reason: str) -> None:
    assert is_forbidden_address(host)
    assert Policy().host_reason(host) == reason
    assert check_url(f"http://{host}:8080/path") == reason
    assert check_url(f"http://{host}:8080/path", allow_private=True) is None


@pytest.mark.parametrize("host", ALLOWED)
def test_public_hosts(host: str) -> None:
    assert not is_forbidden_address(host)
    assert check_url(f"https://{host}/a") is None


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/", "gopher://example.com/", "data:,x", "s3://b/k"]
)
def test_only_http_and_https(url: str) -> None:
    assert check_url(url) == "scheme"


def test_allowlist_opens_a_network_but_never_metadata() -> None:
    policy = Policy(allowlist=Policy.from_settings(Settings({"NEWS_SSRF_ALLOWLIST": ["10.0.0.0/8"]})).allowlist)
    assert policy.url_reason("http://10.1.2.3/") is None
    assert policy.url_reason("http://192.168.0.1/") == "private"
    big = Policy(allowlist=Policy.from_settings(Settings({"NEWS_SSRF_ALLOWLIST": ["169.254.0.0/16"]})).allowlist)
    assert big.url_reason("http://169.254.169.254/") == "metadata"
    assert big.url_reason("http://169.254.1.1/") is None


def _middleware(**settings: Any) -> tuple[SSRFMiddleware, Any]:
    crawler = get_crawler(Spider, settings)
    crawler.stats = MemoryStatsCollector(crawler)
    return SSRFMiddleware.from_crawler(crawler), crawler.stats


def test_middleware_blocks_and_counts() -> None:
    mw, stats = _middleware()
    assert mw.process_request(Request("https://example.com/news/1")) is None
    for url in ("http://127.0.0.1/", "http://[::1]/", "http://0x7f000001/", "http://169.254.169.254/x"):
        with pytest.raises(IgnoreRequest, match="ssrf:"):
            mw.process_request(Request(url))
    assert stats.get_value("news/blocked/ssrf") == 4
    assert stats.get_value("news/blocked/ssrf/loopback") == 3
    assert stats.get_value("news/blocked/ssrf/metadata") == 1


def test_middleware_off_when_private_networks_allowed() -> None:
    with pytest.raises(NotConfigured):
        _middleware(NEWS_ALLOW_PRIVATE_NETWORKS=True)


@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.1:8000/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/",
        "http://2130706433/",
        "file:///etc/passwd",
    ],
)
def test_redirect_to_forbidden_address_is_blocked(location: str) -> None:
    """A redirect is a new request: it goes through the middleware chain again and is refused."""
    crawler = get_crawler(Spider)
    redirect = RedirectMiddleware.from_crawler(crawler)
    mw, stats = _middleware()
    request = Request("https://news.example/story")
    response = Response(request.url, status=302, headers={"Location": location}, request=request)
    follow = redirect.process_response(request, response)
    if isinstance(follow, Request):  # Scrapy itself may already refuse some schemes
        with pytest.raises(IgnoreRequest):
            mw.process_request(follow)
        assert stats.get_value("news/blocked/ssrf") == 1
    else:
        assert follow is response


class _Receiver:
    def __init__(self) -> None:
        self.addresses: list[Any] = []
        self.began = self.complete = False

    def resolutionBegan(self, resolution: Any) -> None:  # noqa: N802
        self.began = True

    def addressResolved(self, address: Any) -> None:  # noqa: N802
        self.addresses.append(address)

    def resolutionComplete(self) -> None:  # noqa: N802
        self.complete = True


class _FakeNameResolver:
    def __init__(self, answers: dict[str, list[Any]]) -> None:
        self.answers = answers

    def resolveHostName(self, receiver: Any, name: str, portNumber: int = 0, *args: Any) -> Any:  # noqa: N802, N803
        receiver.resolutionBegan(object())
        for address in self.answers.get(name, []):
            receiver.addressResolved(address)
        receiver.resolutionComplete()


def _resolver(answers: dict[str, list[Any]], policy: Policy = Policy()) -> SafeResolver:
    resolver = SafeResolver(reactor=None, base=None, policy=policy)
    resolver.wrapped = _FakeNameResolver(answers)
    return resolver


def test_resolver_drops_names_resolving_to_forbidden_addresses() -> None:
    resolver = _resolver(
        {
            "good.example": [IPv4Address("TCP", "93.184.216.34", 80)],
            "evil.example": [IPv4Address("TCP", "127.0.0.1", 80)],
            "mixed.example": [IPv4Address("TCP", "93.184.216.34", 80), IPv6Address("TCP", "::1", 80)],
            "meta.example": [IPv4Address("TCP", "169.254.169.254", 80)],
        }
    )
    got = {}
    for name in ("good.example", "evil.example", "mixed.example", "meta.example"):
        receiver = _Receiver()
        resolver.resolveHostName(receiver, name, 80)
        assert receiver.began and receiver.complete
        got[name] = [a.host for a in receiver.addresses]
    assert got == {"good.example": ["93.184.216.34"], "evil.example": [], "mixed.example": [], "meta.example": []}

    # the middleware names the reason of the failed lookup, and refuses retries without a lookup
    mw, stats = _middleware()
    with pytest.raises(IgnoreRequest, match="ssrf:loopback"):
        mw.process_exception(Request("http://evil.example/a"), DNSLookupError("no results"))
    with pytest.raises(IgnoreRequest, match="ssrf:metadata"):
        mw.process_exception(Request("http://meta.example/a"), CannotResolveHostError("no results"))
    with pytest.raises(IgnoreRequest, match="ssrf:metadata"):
        mw.process_request(Request("http://meta.example/b"))
    assert mw.process_exception(Request("http://good.example/"), DNSLookupError("x")) is None
    assert stats.get_value("news/blocked/ssrf") == 3


def test_resolver_defeats_rebinding() -> None:
    """The second answer of a name is checked too: the check runs at every connection."""
    answers = {"rebind.example": [IPv4Address("TCP", "93.184.216.34", 80)]}
    resolver = _resolver(answers)
    first, second = _Receiver(), _Receiver()
    resolver.resolveHostName(first, "rebind.example", 80)
    answers["rebind.example"] = [IPv4Address("TCP", "127.0.0.1", 80)]
    resolver.resolveHostName(second, "rebind.example", 80)
    assert [a.host for a in first.addresses] == ["93.184.216.34"]
    assert second.addresses == []


# --- end to end: a real crawl in a subprocess ------------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
    log: list[str]

    def do_GET(self) -> None:  # noqa: N802
        self.log.append(self.path)
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for key, value in {"Content-Type": "text/html", "Connection": "close", **headers}.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def _serve(host: str, routes: dict[str, tuple[int, dict[str, str], bytes]]) -> tuple[ThreadingHTTPServer, list[str]]:
    log: list[str] = []
    handler = type("Handler", (_Recorder,), {"routes": routes, "log": log})
    server = ThreadingHTTPServer((host, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, log


def _internal_forms(port: int) -> list[str]:
    """The internal server's address, written the ways an attacker may write it."""
    return [
        f"http://127.0.0.2:{port}/secret",  # literal
        f"http://0x7f000002:{port}/secret",  # hex integer
        f"http://2130706434:{port}/secret",  # decimal integer
        f"http://127.2:{port}/secret",  # short form
        f"http://[::ffff:127.0.0.2]:{port}/secret",  # IPv4-mapped IPv6
        f"http://internal.test:{port}/secret",  # a name that resolves to 127.0.0.2
    ]


def _distinct_requests(urls: list[str]) -> int:
    """How many requests Scrapy makes of these links: w3lib 2.6 and later write a numeric IPv4
    host as a dotted quad, so the hex, decimal and short forms become one URL and one request."""
    return len({Request(url).url for url in urls})


@pytest.fixture
def servers():
    internal, internal_log = _serve("127.0.0.2", {"/secret": (200, {}, b"<html><a href='/more'>x</a></html>")})
    q = internal.server_address[1]
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
    site, site_log = _serve("127.0.0.1", routes)
    p = site.server_address[1]
    targets = [
        *_internal_forms(q),
        "http://169.254.169.254/latest/meta-data/",  # metadata, never connected to
        "http://metadata.google.internal/computeMetadata/v1/",
        "/go-internal",  # redirect to the internal server
        "/go-metadata",  # redirect to the metadata address
        "/go-file",  # redirect to file:///etc/passwd
        f"http://rebind.test:{p}/first",  # first answer 127.0.0.1 (allowed), then 127.0.0.2
        "/ok",
    ]
    links = "".join(f'<a href="{t}">{i}</a>' for i, t in enumerate(targets))
    routes.update(
        {
            "/": (200, {}, f"<html><body>{links}</body></html>".encode()),
            "/ok": (200, {}, b"<html><body>fine</body></html>"),
            "/go-internal": (302, {"Location": f"http://127.0.0.2:{q}/secret?via=redirect"}, b""),
            "/go-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/iam/"}, b""),
            "/go-file": (302, {"Location": "file:///etc/passwd"}, b""),
            "/first": (200, {}, f'<html><a href="http://rebind.test:{p}/second">n</a></html>'.encode()),
            "/second": (200, {}, b"<html>reached</html>"),
        }
    )
    yield p, q, site_log, internal_log
    site.shutdown()
    internal.shutdown()


def _crawl(port: int, **settings: Any) -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, __file__, str(port), json.dumps(settings)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_crawl_never_reaches_the_internal_network(servers) -> None:
    p, q, site_log, internal_log = servers
    result = _crawl(p, NEWS_SSRF_ALLOWLIST=["127.0.0.1/32"])
    stats = result["stats"]
    assert internal_log == []
    assert f"http://127.0.0.1:{p}/ok" in result["pages"]
    assert "/second" not in site_log  # the rebound answer was refused
    assert f"http://rebind.test:{p}/first" in result["pages"]
    # the internal server's forms and 2 metadata links, 2 redirects (Scrapy itself refuses the
    # one to file://), 1 rebinding
    loopback = _distinct_requests(_internal_forms(q)) + 2
    assert stats["news/blocked/ssrf/metadata"] == 3
    assert stats["news/blocked/ssrf/loopback"] == loopback
    assert stats["news/blocked/ssrf"] == loopback + 3
    assert not any(k.startswith("spider_exceptions") for k in stats)


def test_crawl_default_policy_refuses_loopback_start(servers) -> None:
    p, q, site_log, internal_log = servers
    result = _crawl(p)
    assert site_log == [] and internal_log == []
    assert result["pages"] == []
    assert result["stats"]["news/blocked/ssrf/loopback"] >= 1


def test_crawl_allow_private_networks_lifts_the_boundary(servers) -> None:
    """The control: with the boundary lifted, the same crawl does reach the internal server."""
    p, q, site_log, internal_log = servers
    result = _crawl(p, NEWS_ALLOW_PRIVATE_NETWORKS=True, DOWNLOAD_TIMEOUT=2, RETRY_ENABLED=False)
    assert "/secret" in internal_log
    assert "news/blocked/ssrf" not in result["stats"]


class _TestNames:
    """Base resolver for the subprocess crawl: fake DNS for *.test names, the system's for the rest."""

    calls: dict[str, int] = {}

    def __init__(self, reactor: Any) -> None:
        self.reactor = reactor

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> _TestNames:
        return cls(reactor)

    def install_on_reactor(self) -> None:
        self.system = self.reactor.nameResolver
        self.reactor.installNameResolver(self)

    def resolveHostName(self, receiver: Any, name: str, portNumber: int = 0, *args: Any) -> Any:  # noqa: N802, N803
        if not name.endswith(".test"):
            return self.system.resolveHostName(receiver, name, portNumber, *args)
        n = self.calls[name] = self.calls.get(name, 0) + 1
        ip = "127.0.0.1" if name == "rebind.test" and n == 1 else "127.0.0.2"
        receiver.resolutionBegan(object())
        receiver.addressResolved(IPv4Address("TCP", ip, portNumber))
        receiver.resolutionComplete()
        return None


def _run_crawl(port: int, extra: dict[str, Any]) -> None:
    from scrapy.crawler import CrawlerProcess
    from scrapy.linkextractors import LinkExtractor

    pages: list[str] = []

    class LinkSpider(Spider):
        name = "ssrf_links"
        start_urls = [f"http://127.0.0.1:{port}/"]

        def parse(self, response: Any) -> Any:
            pages.append(response.url)
            for link in LinkExtractor(deny_extensions=[]).extract_links(response):
                yield Request(link.url, callback=self.parse)

    settings = {
        "LOG_LEVEL": "WARNING",
        "ROBOTSTXT_OBEY": False,
        "RETRY_TIMES": 1,
        "DOWNLOAD_TIMEOUT": 5,
        "DNSCACHE_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "DOWNLOADER_MIDDLEWARES": {"crawler.crawl.ssrf.SSRFMiddleware": 40},
        "TWISTED_DNS_RESOLVER": "crawler.crawl.ssrf.SafeResolver",
        "NEWS_SSRF_BASE_RESOLVER": f"{__name__}._TestNames",
        **extra,
    }
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(LinkSpider)
    process.crawl(crawler)
    process.start()
    stats = {k: v for k, v in crawler.stats.get_stats().items() if isinstance(v, int)}
    print(json.dumps({"pages": sorted(set(pages)), "stats": stats}))


if __name__ == "__main__":
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    _run_crawl(int(sys.argv[1]), json.loads(sys.argv[2]))
