"""A hostile WordPress site: good articles and faulty ones side by side, served on 127.0.0.1.

``FaultSite`` wraps a ``tests.support.mirrors.wordpress.WordPressSite``. Every page fault is a real post of
that site (so the REST API, the feed and the sitemaps list it) whose article page misbehaves at the
HTTP or byte level: hangs, resets, lies about its size or charset, redirects to private addresses,
serves bot-check pages. Some faults recover after the first attempt (the article must then be stored).
The listings can misbehave too (``rest_fault``, ``feed_fault``), and the sitemap index adds sitemaps
that are entity bombs, invalid XML, or list URLs on private addresses.

    python -m tests.support.faults.server --port 8766      # serve until Ctrl-C
"""

from __future__ import annotations

import argparse
import gzip
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from tests.support.mirrors.server import Response
from tests.support.mirrors.wordpress import Post, WordPressSite

HTML = "text/html; charset=UTF-8"
HANG_SECONDS = 6.0
"""How long a "timeout" page holds the connection (tests set DOWNLOAD_TIMEOUT below it)."""
MB = 1024 * 1024


@dataclass(frozen=True)
class PageFault:
    """One faulty article page: what the server does, and what the crawl must make of it."""

    behaviour: str
    expect: str | None
    """The error counted for it (``pmi/errors/<reason>``), or None if it must be stored cleanly."""
    stored: bool = False
    recover_after: int = 0
    """Faulty for this many requests, then the real page (0: always faulty)."""


PAGE_FAULTS: dict[str, PageFault] = {
    # time
    "timeout": PageFault("hangs without answering", "timeout"),
    "slow": PageFault("answers after 0.5 s", None, stored=True),
    # server errors and rate limits
    "http-500": PageFault("500 Internal Server Error", "http_500"),
    "http-502": PageFault("502 Bad Gateway", "http_502"),
    "http-503": PageFault("503 Service Unavailable (no challenge)", "http_503"),
    "http-503-once": PageFault("503 once, then the page", None, stored=True, recover_after=1),
    "http-429-retry-after": PageFault("429 + Retry-After: 1 once, then the page", None, True, 1),
    "http-429-always": PageFault("429 + Retry-After: 1 on every attempt", "http_429"),
    # bot checks and geo-blocks
    "cf-challenge-403": PageFault("Cloudflare 'Just a moment...' 403, cf-mitigated", "challenge_page"),
    "cf-challenge-503": PageFault("Cloudflare 'Checking your browser' 503", "challenge_page"),
    "cf-challenge-200": PageFault("Cloudflare 'Just a moment...' with status 200", "challenge_page"),
    "cf-attention-403": PageFault("Cloudflare 'Attention Required!' captcha 403", "challenge_page"),
    "captcha-200": PageFault("a bare captcha form with status 200", "challenge_page"),
    "captcha-429": PageFault("a captcha with status 429 (not retried)", "challenge_page"),
    "ddos-guard-403": PageFault("DDoS-Guard check page 403", "challenge_page"),
    "geo-block-403": PageFault("voiceindonesia 'Your country is not allowed' 403", "challenge_page"),
    "geo-block-200": PageFault("the same geo-block text with status 200", "challenge_page"),
    # broken transfers
    "reset-mid-body": PageFault("headers, half the body, then a TCP reset", "connection_lost"),
    "truncated-gzip": PageFault("gzip body cut in half", "broken_page"),
    "huge-50mb": PageFault("50 MB body with Content-Length", "too_large"),
    "huge-50mb-streamed": PageFault("50 MB body without Content-Length", "too_large"),
    "gzip-bomb": PageFault("100 kB of gzip that inflates to 100 MB", "too_large"),
    "empty-body": PageFault("200 with an empty body", "broken_page"),
    "nested-100k": PageFault("100,000 nested <div> tags", "broken_page"),
    # redirects
    "redirect-loop": PageFault("302 to itself", "redirect_loop"),
    "redirect-loop-2": PageFault("302 A → B → A", "redirect_loop"),
    "redirect-endless": PageFault("302 to a new URL each time", "too_many_redirects"),
    "redirect-offsite": PageFault("302 to another domain", "offsite_redirect"),
    "redirect-localhost": PageFault("302 to localhost (same port)", "ssrf_blocked"),
    "redirect-127-0-0-2": PageFault("302 to 127.0.0.2", "ssrf_blocked"),
    "redirect-ipv6-loopback": PageFault("302 to [::1]", "ssrf_blocked"),
    "redirect-metadata": PageFault("302 to 169.254.169.254", "ssrf_blocked"),
    "redirect-10": PageFault("302 to 10.0.0.1", "ssrf_blocked"),
    "redirect-192-168": PageFault("302 to 192.168.1.1", "ssrf_blocked"),
    "redirect-172-16": PageFault("302 to 172.16.0.1", "ssrf_blocked"),
    # encodings (stored, with the text repaired)
    "cp1252-labelled-utf8": PageFault("windows-1252 bytes, charset=UTF-8", "encoding_mismatch", True),
    "utf8-labelled-cp1252": PageFault("UTF-8 bytes, charset=windows-1252", "encoding_mismatch", True),
    "no-charset": PageFault("UTF-8 bytes, no charset anywhere", None, stored=True),
}

PRIVATE_SITEMAP_URLS = (
    "http://10.0.0.1/berita/internal/",
    "http://169.254.169.254/latest/meta-data/",
    "http://192.168.0.1/admin/",
    "http://[::1]/wp-admin/",
)
"""Listed directly in a sitemap: refused before any connection (``ssrf_blocked``)."""
SITEMAP_FAULTS = ("wp-sitemap-posts-post-bomb", "wp-sitemap-posts-post-invalid")
"""Extra sitemaps in the index, each counted as ``sitemap_invalid``."""
ENCODED_PHRASE = "Kafe “Café Sentosa” — tempat berkumpul"
"""Non-ASCII text (all in windows-1252) in the encoding-fault articles."""

_REDIRECT_TARGETS = {
    "redirect-offsite": "http://example.org/berita/",
    "redirect-localhost": "http://localhost:{port}/ssrf-target/",
    "redirect-127-0-0-2": "http://127.0.0.2:{port}/ssrf-target/",
    "redirect-ipv6-loopback": "http://[::1]:{port}/ssrf-target/",
    "redirect-metadata": "http://169.254.169.254/latest/meta-data/",
    "redirect-10": "http://10.0.0.1/",
    "redirect-192-168": "http://192.168.1.1/",
    "redirect-172-16": "http://172.16.0.1/",
}

_CF_JUST_A_MOMENT = (
    "<!DOCTYPE html><html lang='en-US'><head><title>Just a moment...</title>"
    "<meta http-equiv='refresh' content='390'></head><body><div class='main-wrapper'>"
    "<h1>www.example.com</h1><h2>Checking if the site connection is secure</h2>"
    "<script>(function(){window._cf_chl_opt={cvId:'3',cZone:'example.com',cType:'managed'};"
    "var a=document.createElement('script');a.src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1';"
    "document.getElementsByTagName('head')[0].appendChild(a);}());</script></div></body></html>"
)
_CF_CHECKING = (
    "<!DOCTYPE HTML><html><head><title>Please Wait... | Cloudflare</title></head><body>"
    "<div id='cf-wrapper'><div id='cf-content'><h1>Checking your browser before accessing example.com.</h1>"
    "<p>This process is automatic. Your browser will redirect to your requested content shortly.</p>"
    "<form id='challenge-form' class='cf-browser-verification'></form></div></div></body></html>"
)
_CF_ATTENTION = (
    "<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body>"
    "<div id='cf-wrapper'><h1>Sorry, you have been blocked</h1><h2>You are unable to access example.com</h2>"
    "<div class='g-recaptcha' data-sitekey='6Le-x'></div></div></body></html>"
)
_CAPTCHA = (
    "<html><head><title>Verifikasi</title></head><body><form method='post'>"
    "<p>Please complete the security check to access the site.</p>"
    "<div class='h-captcha' data-sitekey='10000000-ffff'></div><button>Submit</button></form></body></html>"
)
_DDOS_GUARD = (
    "<!DOCTYPE html><html><head><title>DDoS-Guard</title></head><body><div id='ddg-l'>"
    "<h1>Checking your browser before accessing</h1><script src='/.well-known/ddos-guard/check?context=free_splash'>"
    "</script></div></body></html>"
)
_GEO_BLOCK = (
    "<html><head><title>403 Forbidden</title></head><body>"
    "<h1>Your country is not allowed to access this resource.</h1></body></html>"
)


def _billion_laughs(root: str, inner: str) -> bytes:
    """An XML document whose entities expand to 10^9 "lol"s (parsers must refuse to expand them)."""
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    ]
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE {root} [\n' + "\n".join(entities) + "\n]>\n"
        f"{inner.replace('LOL', '&lol9;')}\n"
    ).encode()


def _gzip_bomb(inflated: int = 100 * MB) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(MB)
    return b"".join(compressor.compress(zeros) for _ in range(inflated // MB)) + compressor.flush()


class FaultSite:
    """A WordPress site plus page faults (by post slug) and listing faults.

    ``rest_fault``: None | "invalid_json" | "challenge" | "429_once" | "500".
    ``feed_fault``: None | "billion_laughs" | "invalid_xml" | "challenge".
    ``sitemap_faults``: add the bomb/invalid sitemaps and the private-address URLs to the index.
    """

    def __init__(self, site: WordPressSite, faults: dict[str, PageFault] | None = None) -> None:
        self.site = site
        self.faults = dict(PAGE_FAULTS if faults is None else faults)
        self.rest_fault: str | None = None
        self.feed_fault: str | None = None
        self.sitemap_faults = True
        self.port = 0
        self._hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._bomb = _gzip_bomb() if "gzip-bomb" in self.faults else b""
        self.good_slugs = [p.slug for p in site.posts]
        when = datetime(2025, 6, 1, 3, 0, tzinfo=timezone.utc)
        for n, (name, fault) in enumerate(self.faults.items()):
            text = ENCODED_PHRASE if "charset" in name or "cp1252" in name else f"Kasus {name}"
            site.add_post(
                Post(
                    slug=f"fault-{name}",
                    title=f"Uji ketahanan {name.replace('-', ' ')}",
                    content_html="".join(
                        f"<p>{text}. Pekerja migran Indonesia di Hong Kong mengikuti pelatihan ke-{i} "
                        f"tentang hak-hak pekerja ({fault.behaviour}).</p>"
                        for i in range(1, 6)
                    ),
                    date_gmt=when - timedelta(hours=n),
                )
            )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stored_slugs(self) -> set[str]:
        """Every post the crawl must store: the good ones and the faults that recover."""
        return set(self.good_slugs) | {f"fault-{n}" for n, f in self.faults.items() if f.stored}

    def hit(self, key: str) -> int:
        with self._lock:
            self._hits[key] += 1
            return self._hits[key]

    # -- routing ---------------------------------------------------------------------------------
    def serve(self, h: _Handler, path: str, query: dict[str, str]) -> Response | None:
        """A response to send, or None when the fault wrote to the socket itself."""
        if path.startswith("/wp-json/") and self._rest_faulty():
            return self._rest()
        if path == "/feed/" and self.feed_fault:
            return self._feed()
        if self.sitemap_faults and path in (
            "/wp-sitemap.xml",
            "/wp-sitemap-posts-post-bomb.xml",
            "/wp-sitemap-posts-post-invalid.xml",
        ):
            return self._sitemap(path)
        if self.sitemap_faults and path == "/wp-sitemap-posts-post-private.xml":
            return _xml(_urlset(PRIVATE_SITEMAP_URLS))
        if path.startswith("/hop/"):
            return _redirect(f"{self.base}/fault-redirect-loop-2/")
        if path.startswith("/fault-") and path.endswith("/"):
            name = path[len("/fault-") : -1]
            fault = self.faults.get(name)
            if fault is not None and (not fault.recover_after or self.hit(path) <= fault.recover_after):
                return self._page_fault(h, name, query)
        return self.site.handle(h.command, path, query, h.headers)

    def _rest_faulty(self) -> bool:
        return self.rest_fault is not None and (self.rest_fault != "429_once" or self.hit("rest") == 1)

    def _rest(self) -> Response:
        fault = self.rest_fault
        if fault == "429_once":
            return Response(429, {"Retry-After": "1", "Content-Type": HTML}, b"Too Many Requests")
        if fault == "challenge":
            return Response(
                403, {"Content-Type": HTML, "cf-mitigated": "challenge"}, _CF_JUST_A_MOMENT.encode()
            )
        if fault == "500":
            return Response(500, {"Content-Type": "application/json"}, b'{"code":"internal_server_error"}')
        return Response(200, {"Content-Type": "application/json; charset=UTF-8"}, b'[{"id": 1, "link": "http')

    def _feed(self) -> Response:
        rss = "application/rss+xml; charset=UTF-8"
        if self.feed_fault == "billion_laughs":
            item = f"<item><title>LOL</title><link>{self.base}/</link><description>LOL</description></item>"
            body = _billion_laughs(
                "rss", f'<rss version="2.0"><channel><title>LOL</title>{item}</channel></rss>'
            )
            return Response(200, {"Content-Type": rss}, body)
        if self.feed_fault == "challenge":
            return Response(200, {"Content-Type": HTML}, _CF_JUST_A_MOMENT.encode())
        return Response(200, {"Content-Type": rss}, b"<?xml version='1.0'?><rss><channel><item><title>x</ti")

    def _sitemap(self, path: str) -> Response:
        if path == "/wp-sitemap-posts-post-bomb.xml":
            return _xml(_billion_laughs("urlset", f"<urlset><url><loc>{self.base}/LOL/</loc></url></urlset>"))
        if path == "/wp-sitemap-posts-post-invalid.xml":
            return _xml(b"<?xml version='1.0' encoding='UTF-8'?>\n<!-- the database went away -->\n<urlse")
        index = self.site.handle("GET", path, {}, None).body.decode()
        extra = "".join(
            f"<sitemap><loc>{self.base}/{name}.xml</loc></sitemap>"
            for name in (*SITEMAP_FAULTS, "wp-sitemap-posts-post-private")
        )
        return _xml(index.replace("</sitemapindex>", extra + "</sitemapindex>").encode())

    def _page(self, name: str) -> bytes:
        return self.site.handle("GET", f"/fault-{name}/", {}, None).body

    def _page_fault(self, h: _Handler, name: str, query: dict[str, str]) -> Response | None:
        page = self._page(name)
        if name == "timeout":
            time.sleep(HANG_SECONDS)
            return None
        if name == "slow":
            time.sleep(0.5)
            return Response(200, {"Content-Type": HTML}, page)
        if name.startswith("http-"):
            status = int(name.split("-")[1])
            headers = {"Content-Type": HTML, "Server": "Apache"}
            if status == 429:
                headers["Retry-After"] = "1"
            return Response(
                status, headers, f"<html><body><h1>{HTTPStatus(status).phrase}</h1></body></html>".encode()
            )
        challenge = {
            "cf-challenge-403": (
                403,
                _CF_JUST_A_MOMENT,
                {"cf-mitigated": "challenge", "Server": "cloudflare"},
            ),
            "cf-challenge-503": (503, _CF_CHECKING, {"Server": "cloudflare"}),
            "cf-challenge-200": (200, _CF_JUST_A_MOMENT, {}),
            "cf-attention-403": (403, _CF_ATTENTION, {"Server": "cloudflare"}),
            "captcha-200": (200, _CAPTCHA, {}),
            "captcha-429": (429, _CAPTCHA, {"Retry-After": "1"}),
            "ddos-guard-403": (403, _DDOS_GUARD, {"Server": "ddos-guard"}),
            "geo-block-403": (403, _GEO_BLOCK, {"Server": "nginx"}),
            "geo-block-200": (200, _GEO_BLOCK, {"Server": "nginx"}),
        }.get(name)
        if challenge is not None:
            status, body, headers = challenge
            return Response(status, {"Content-Type": HTML, **headers}, body.encode())
        if name == "reset-mid-body":
            h.raw_head(200, {"Content-Type": HTML, "Content-Length": str(len(page))})
            h.wfile.write(page[: len(page) // 2])
            h.wfile.flush()
            h.reset()
            return None
        if name == "truncated-gzip":
            packed = gzip.compress(page)
            return Response(
                200, {"Content-Type": HTML, "Content-Encoding": "gzip"}, packed[: len(packed) // 2]
            )
        if name == "huge-50mb":
            h.raw_head(200, {"Content-Type": HTML, "Content-Length": str(50 * MB)})
            h.stream(50 * MB)
            return None
        if name == "huge-50mb-streamed":
            h.raw_head(200, {"Content-Type": HTML, "Connection": "close"})
            h.stream(50 * MB)
            h.close_connection = True
            return None
        if name == "gzip-bomb":
            return Response(200, {"Content-Type": HTML, "Content-Encoding": "gzip"}, self._bomb)
        if name == "empty-body":
            return Response(200, {"Content-Type": HTML}, b"")
        if name == "nested-100k":
            body = b"<html><head><title>Bertingkat</title></head><body>" + b"<div>" * 100_000
            return Response(
                200, {"Content-Type": HTML}, body + b"isi" + b"</div>" * 100_000 + b"</body></html>"
            )
        if name == "redirect-loop":
            return _redirect(f"{self.base}/fault-redirect-loop/")
        if name == "redirect-loop-2":
            return _redirect(f"{self.base}/hop/b/")
        if name == "redirect-endless":
            return _redirect(f"{self.base}/fault-redirect-endless/?n={int(query.get('n', 0)) + 1}")
        if name in _REDIRECT_TARGETS:
            return _redirect(_REDIRECT_TARGETS[name].format(port=self.port))
        text = page.decode("utf-8")
        if name == "cp1252-labelled-utf8":
            return Response(200, {"Content-Type": HTML}, text.encode("cp1252", "xmlcharrefreplace"))
        if name == "utf8-labelled-cp1252":
            text = text.replace('charset="UTF-8"', 'charset="windows-1252"')
            return Response(200, {"Content-Type": "text/html; charset=windows-1252"}, text.encode())
        if name == "no-charset":
            return Response(
                200, {"Content-Type": "text/html"}, text.replace('<meta charset="UTF-8">', "").encode()
            )
        raise KeyError(name)


def _redirect(location: str) -> Response:
    return Response(302, {"Location": location, "Content-Type": HTML}, b"")


def _xml(body: bytes) -> Response:
    return Response(200, {"Content-Type": "application/xml; charset=UTF-8"}, body)


def _urlset(locs: tuple[str, ...]) -> bytes:
    inner = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{inner}</urlset>'.encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    timeout = 30
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        split = urlsplit(self.path)
        self.server.owner.record(self.command, self.path)
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        try:
            response = self.server.owner.fault_site.serve(self, unquote(split.path) or "/", query)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
            return
        if response is not None:
            self.send(response)

    do_HEAD = do_GET

    def raw_head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.flush()

    def send(self, response: Response) -> None:
        items = dict(response.header_items())
        if response.status not in (204, 304):
            items.setdefault("Content-Length", str(len(response.body)))
        try:
            self.raw_head(response.status, items)
            if self.command != "HEAD":
                self.wfile.write(response.body)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def stream(self, total: int) -> None:
        """Write ``total`` bytes of filler until done or the client hangs up."""
        chunk = b"<p>" + b"x" * 65_529 + b"</p>"
        try:
            for _ in range(total // len(chunk)):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def reset(self) -> None:
        """Abort the connection with a TCP RST (SO_LINGER 0)."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: FaultServer

    def handle_error(self, request: Any, client_address: Any) -> None:  # resets are expected: stay quiet
        return


class FaultServer:
    """Serves a FaultSite on 127.0.0.1 (free port) in a daemon thread; ``requests`` logs what came."""

    def __init__(self, fault_site: FaultSite, *, port: int = 0) -> None:
        self.fault_site = fault_site
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", port), _Handler)
        self._httpd.owner = self
        self.port = self._httpd.server_address[1]
        fault_site.port = self.port
        fault_site.site.base_url = self.base_url
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def record(self, method: str, target: str) -> None:
        with self._lock:
            self.requests.append((method, target))

    def paths(self) -> list[str]:
        with self._lock:
            return [target for _, target in self.requests]

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def build(faults: dict[str, PageFault] | None = None) -> FaultSite:
    """A fresh fault site on the ApakabarOnline mirror's articles."""
    from tests.support.mirrors import apakabar

    return FaultSite(apakabar.build_site(), faults)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args(argv)
    with FaultServer(build(), port=args.port) as server:
        print(f"serving {server.base_url} (faults: {', '.join(PAGE_FAULTS)})", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
