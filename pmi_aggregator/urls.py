"""Canonical article URLs: one URL, and so one id, per article however it was linked."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3lib_canonicalize

# Query parameters that only track the reader; they never select content.
_TRACKING_EXACT = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ref_src",
        "ref_url",
        "spm",
        "cmpid",
        "soc_src",
        "soc_trk",
        "wt_mc",
        "__twitter_impression",
        "amp",
        "amp_js_v",
        "outputtype",
        "usqp",
        "share",
        "from_wa",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "_hs")
_MOBILE_LABELS = ("m.", "mobile.", "amp.")
_AMP_PATH = re.compile(r"(?:(?:/amp)+/?$|(?:\.amp)+$)", re.IGNORECASE)
_AMP_PREFIX = re.compile(r"^(?:/amp)+(?=/)", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_NEEDS_ENCODING = re.compile(r"[^A-Za-z0-9\-._~/!$&'()*+,;=:@]")


def _is_tracking(name: str, value: str) -> bool:
    lowered = name.lower()
    if lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES):
        return True
    # Kompas' single-page view of the same article.
    return lowered == "page" and value.lower() == "all"


def _host(hostname: str, host_aliases: Mapping[str, str]) -> str:
    host = hostname.lower().rstrip(".")
    host = host_aliases.get(host, host)
    for label in _MOBILE_LABELS:
        if host.startswith(label) and host.count(".") >= 2:
            host = "www." + host[len(label) :]
            break
    return host_aliases.get(host, host)


def canonicalize_url(url: str, *, host_aliases: Mapping[str, str] | None = None) -> str:
    """Return the canonical form of an article URL.

    Lower-cases scheme and host, drops default ports, fragments and tracking parameters, maps AMP and
    mobile variants (``m.``, ``/amp/``, ``?amp=1``) to the article, and applies ``host_aliases``
    (e.g. a ministry's old domain to its new one). Percent-encoding and query order are normalized by
    w3lib, the library Scrapy itself uses for request fingerprints.
    """
    url = url.strip()
    if "://" not in url and url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    scheme = (parts.scheme or "https").lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = _host(parts.hostname, host_aliases or {})
    if ":" in host:  # an IPv6 literal keeps its brackets, or the URL no longer parses
        host = f"[{host}]"
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _AMP_PREFIX.sub("", parts.path) or "/"
    if _AMP_PATH.search(path):
        path = _AMP_PATH.sub("", path) + ("/" if path.lower().endswith("/amp/") else "")
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k, v)]
    )
    url = urlunsplit((scheme, netloc, path or "/", query, ""))
    if not query and url.isascii() and not _NEEDS_ENCODING.search(path):
        return url  # nothing for w3lib to normalize (its full pass costs ~0.1 ms per URL)
    return _w3lib_canonicalize(url)


def url_identity(canonical_url: str) -> str:
    """The part of a canonical URL that decides identity: scheme, ``www.`` and trailing slash ignored."""
    parts = urlsplit(canonical_url)
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


@lru_cache(maxsize=4096)
def article_id(canonical_url: str) -> str:
    """A stable id for an article: a short hash of its URL identity (memoized: asked for repeatedly)."""
    return hashlib.sha1(url_identity(canonical_url).encode("utf-8")).hexdigest()[:20]


def strip_credentials(url: str) -> str:
    """A URL safe to print: user and password removed."""
    parts = urlsplit(url)
    if not parts.username and not parts.password:
        return url
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


_USERINFO = re.compile(
    r"(?i)\b([a-z][a-z0-9+.-]*://)[^\s/?#@<>\"'\[\]]*@"  # scheme://user:password@
    r"|(?<![\w.%:-])()[^\s/?#@<>\"':\[\]]+:[^\s/?#@<>\"'\[\]]*@(?=[\w\[])"  # user:password@host
)
"""The userinfo of a URL inside free text, up to its host, with or without the scheme (a library's
message may name the URL's netloc alone); a plain e-mail address has no colon and stays."""


def redact_userinfo(text: str) -> str:
    """Text safe to print: the user and password of every URL in it removed (log lines, errors)."""
    return _USERINFO.sub(r"\1\2", text) if "@" in text else text
