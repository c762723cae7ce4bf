"""A tarpit: a feed of many articles whose pages each drip their bytes just inside the download timeout.

Without a time budget its source would hold the crawl for ``PAGES * DRIP_SECONDS / concurrency``.
The same server has a second feed (``/headers-feed/``) of good pages and two header floods: an
endless header block (``/h/endless``, 1 KB lines for up to 2 GB) and many distinct header names
(``/h/names``).
"""

from __future__ import annotations

import random
import string
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.support.fixtures import TEST_SCRAPY_SETTINGS, mirror_source_config

PAGES = 60
DRIP_SECONDS = 1.5
"""Each page takes this long: under a test's DOWNLOAD_TIMEOUT of 3 s, so no request ever times out."""


GOOD_PAGES = 3
CPU_PAGES = 12
CPU_WORDS = 20_000
"""``/cpu-feed/``: pages made of random distinct words, each a stemmer miss: the CPU load of a SIGTERM test."""
HEADER_FLOODS = ("endless", "names")


def _feed(base: str, paths: list[str]) -> bytes:
    start = datetime(2025, 6, 1, 3, 0, tzinfo=timezone.utc)
    items = "".join(
        f"<item><title>Pekerja migran kasus {n}</title><link>{base}{path}</link>"
        f"<pubDate>{format_datetime(start + timedelta(hours=n))}</pubDate>"
        f"<description>PMI kasus {n}</description></item>"
        for n, path in enumerate(paths)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Tarpit</title>{items}</channel></rss>'.encode()


def _page(n: int) -> bytes:
    body = f"<p>Pekerja migran Indonesia (PMI) kasus {n} di Malaysia, perlindungan BP2MI.</p>" * 8
    return f"<html><head><title>Pekerja migran kasus {n}</title></head><body><article><h1>Pekerja migran kasus {n}</h1>{body}</article></body></html>".encode()


def _random_words_page(n: int) -> bytes:
    draw = random.Random(n)
    words = ["".join(draw.choices(string.ascii_lowercase, k=9)) for _ in range(CPU_WORDS)]
    paragraphs = "".join(f"<p>{' '.join(words[i : i + 50])}.</p>" for i in range(0, CPU_WORDS, 50))
    title = f"Pekerja migran kasus acak {n}"
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>".encode()


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path.startswith("/feed"):
            self._send(_feed(base, [f"/p/{n}" for n in range(PAGES)]), "application/rss+xml")
        elif self.path.startswith("/headers-feed"):
            good = [f"/g/{n}" for n in range(GOOD_PAGES)]
            self._send(_feed(base, good + [f"/h/{name}" for name in HEADER_FLOODS]), "application/rss+xml")
        elif self.path.startswith("/p/"):
            self._drip(_page(int(self.path.rsplit("/", 1)[1] or 0)))
        elif self.path.startswith("/cpu-feed"):
            self._send(_feed(base, [f"/c/{n}" for n in range(CPU_PAGES)]), "application/rss+xml")
        elif self.path.startswith("/c/"):
            self._send(_random_words_page(int(self.path.rsplit("/", 1)[1] or 0)), "text/html; charset=utf-8")
        elif self.path.startswith("/g/"):
            self._send(_page(100 + int(self.path.rsplit("/", 1)[1] or 0)), "text/html; charset=utf-8")
        elif self.path.startswith("/h/"):
            self._flood(self.path.rsplit("/", 1)[1])
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        steps = 15
        chunk = len(body) // steps + 1
        try:
            for i in range(0, len(body), chunk):
                self.wfile.write(body[i : i + chunk])
                self.wfile.flush()
                time.sleep(DRIP_SECONDS / steps)
        except OSError:  # the crawler gave up on the page
            pass

    def _flood(self, kind: str) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
        try:
            for n in range(2 * 1024 * 1024):  # up to 2 GB, or until the crawler hangs up
                line = f"X-Pad-{n}: v\r\n" if kind == "names" else "X-Pad: " + "a" * 1000 + "\r\n"
                self.wfile.write(line.encode())
        except OSError:
            return


class _Server(ThreadingHTTPServer):
    daemon_threads = True


class Tarpit:
    """``with Tarpit() as pit: pit.base_url``: serves on 127.0.0.1 in a daemon thread."""

    def __enter__(self) -> Tarpit:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def feed_config(folder: Path, base_url: str, key: str, feed: str, scrapy: str = "") -> Path:
    """A config with one feed source reading ``feed`` on this server, its index in ``folder``."""
    config = folder / "config.toml"
    config.write_text(
        f'index = "{folder / "pmi.db"}"\n'
        + mirror_source_config(key, base_url, kind="feed", options={"feeds": [feed]})
        + TEST_SCRAPY_SETTINGS
        + scrapy,
        encoding="utf-8",
    )
    return config
