"""A small, quiet, reusable HTTP server for local site mirrors (standard library only).

Usage::

    site = build_site()                      # anything with .handle(method, path, query, headers)
    with MirrorServer(site) as server:       # binds 127.0.0.1 on a free port, daemon thread
        urlopen(server.base_url + "/feed/")
        assert ("GET", "/feed/") in server.requests

The handler contract: ``handle(method, path, query, headers) -> Response`` where ``path`` is the
percent-decoded path (no query), ``query`` a ``dict`` of the query string (last value wins, as in PHP;
blank values kept) and ``headers`` the request headers (case-insensitive ``.get``).  A plain function
with the same signature works too.  HEAD requests are passed to the handler as ``"HEAD"``; the server
sends the headers (with the GET body's Content-Length) and drops the body.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

Headers = Mapping[str, str] | Iterable[tuple[str, str]]
Handler = Callable[[str, str, dict, Any], "Response"]

__all__ = ["MirrorServer", "Response"]


@dataclass
class Response:
    """An HTTP response.  ``headers`` may be a dict or a list of (name, value) pairs (repeats allowed)."""

    status: int = 200
    headers: Headers = field(default_factory=list)
    body: bytes = b""

    def header_items(self) -> list[tuple[str, str]]:
        if isinstance(self.headers, Mapping):
            return [(str(k), str(v)) for k, v in self.headers.items()]
        return [(str(k), str(v)) for k, v in self.headers]

    def get_header(self, name: str) -> str | None:
        for key, value in self.header_items():
            if key.lower() == name.lower():
                return value
        return None


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    mirror: MirrorServer

    def handle_error(self, request: Any, client_address: Any) -> None:  # keep stderr quiet
        self.mirror._note_error(traceback.format_exc())


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Apache"
    timeout = 30  # idle keep-alive connections are closed after this many seconds
    server: _HTTPServer

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:  # quiet: no per-request stderr
        return

    def _dispatch(self) -> None:
        mirror = self.server.mirror
        split = urlsplit(self.path)
        raw_target = split.path or "/"
        if split.query:
            raw_target += "?" + split.query
        length = int(self.headers.get("Content-Length") or 0)
        if length > 0:
            self.rfile.read(length)
        mirror._record(self.command, raw_target)
        path = unquote(split.path) or "/"
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        try:
            response = mirror._handler(self.command, path, query, self.headers)
        except Exception:
            mirror._note_error(traceback.format_exc())
            response = Response(500, {"Content-Type": "text/plain; charset=utf-8"}, b"mirror handler error\n")
        if mirror.latency > 0:
            time.sleep(mirror.latency)
        self._send(response)

    def _send(self, response: Response) -> None:
        status = int(response.status)
        body = response.body or b""
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = ""
        try:
            self.send_response(status, reason)
            items = response.header_items()
            names = {k.lower() for k, _ in items}
            for key, value in items:
                self.send_header(key, value)
            no_body = status in (204, 304) or 100 <= status < 200
            if "content-length" not in names and not no_body:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD" and not no_body:
                self.wfile.write(body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    do_GET = _dispatch
    do_HEAD = _dispatch
    do_POST = _dispatch
    do_PUT = _dispatch
    do_DELETE = _dispatch
    do_PATCH = _dispatch
    do_OPTIONS = _dispatch


class MirrorServer:
    """Serve a site object (``.handle``) or a handler function on 127.0.0.1 in a daemon thread.

    Attributes:
        requests: log of ``(method, path_with_query)`` in arrival order (appended under a lock).
        errors: tracebacks of handler exceptions (the client got a 500).
        latency: seconds to sleep before each response (for benchmarks); default 0.
    """

    def __init__(self, site: Any, *, host: str = "127.0.0.1", port: int = 0, latency: float = 0.0) -> None:
        handle = getattr(site, "handle", None)
        if callable(handle):
            self._handler: Handler = handle
        elif callable(site):
            self._handler = site
        else:
            raise TypeError("site must have a handle(method, path, query, headers) method or be callable")
        self.site = site
        self.host = host
        self._port = port
        self.latency = latency
        self.requests: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self._lock = threading.Lock()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._set_site_base = False

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self) -> MirrorServer:
        if self._httpd is not None:
            return self
        httpd = _HTTPServer((self.host, self._port), _RequestHandler)
        httpd.mirror = self
        self._httpd = httpd
        self._port = httpd.server_address[1]
        # A site that builds absolute links learns its address here (WordPress "siteurl").
        # It is reset on stop(), so the same site can be served again on another port.
        if hasattr(self.site, "base_url") and getattr(self.site, "base_url", None) is None:
            self.site.base_url = self.base_url
            self._set_site_base = True
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"mirror-{self._port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if self._set_site_base and getattr(self.site, "base_url", None) == self.base_url:
            self.site.base_url = None
        self._set_site_base = False
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def serve_until_interrupted(self) -> None:
        """Block (for ``python -m ...`` runs) until Ctrl-C, then stop."""
        self.start()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    # -- addresses -------------------------------------------------------------------------------
    @property
    def port(self) -> int:
        if self._httpd is None and not self._port:
            raise RuntimeError("server not started")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    # -- request log -----------------------------------------------------------------------------
    def _record(self, method: str, target: str) -> None:
        with self._lock:
            self.requests.append((method, target))

    def _note_error(self, text: str) -> None:
        with self._lock:
            self.errors.append(text)

    def request_log(self) -> list[tuple[str, str]]:
        """A snapshot copy of ``requests``."""
        with self._lock:
            return list(self.requests)

    def clear_requests(self) -> None:
        with self._lock:
            self.requests.clear()

    def fetched(self, method: str | None = None) -> list[str]:
        """Paths (with query) requested so far, optionally only for one method."""
        return [target for m, target in self.request_log() if method is None or m == method]

    def count(self, target: str, method: str | None = None) -> int:
        """How many times ``target`` (path with query, exact) was requested."""
        return sum(1 for t in self.fetched(method) if t == target)
