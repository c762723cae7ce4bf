"""Whose article is it? A source writes articles only on its own hosts, under URLs it can vouch for.

A page of source B that declares ``<link rel=canonical>`` to an article of source A, or a feed item of B
linking to A, would overwrite A's article with B's text. A canonical link to the site's root or a
category page (an SEO plugin's misconfiguration) would fold every article into one. Both are ignored
(the page's own URL is kept) and counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urlsplit

from pmi_aggregator.sources import Source
from pmi_aggregator.sources.options import SitemapOptions, TagListingOptions
from pmi_aggregator.urls import article_id

LISTING_PATH = re.compile(
    r"^/(?:category|categories|kategori|tag|tags|topik|topic|author|penulis|page|section|rubrik|label|"
    r"search|feed|indeks|index)(?:/|$)",
    re.IGNORECASE,
)
"""Paths of listing pages (in English and Indonesian), which no article is the canonical of."""
_DEFAULT_PORTS = {"http": 80, "https": 443}


def own_hosts(source: Source) -> tuple[str, ...]:
    """The hosts (with their subdomains) a source may write articles on: its base host, its aliases
    (old and new names), ``options.extra_hosts`` and, for listings, ``options.allowed_domains``."""
    options = source.options
    parents = options.allowed_domains if isinstance(options, TagListingOptions) else ()
    hosts = [source.host, *source.host_aliases, *source.host_aliases.values(), *options.extra_hosts, *parents]
    return tuple(dict.fromkeys(h.lower() for h in hosts if h))


@dataclass
class SourceHosts:
    """Answers "is this URL on the source's own hosts?"; a base URL with a port owns only that port."""

    hosts: tuple[str, ...]
    base_host: str
    base_port: int | None

    @classmethod
    def of(cls, source: Source) -> SourceHosts:
        base = urlsplit(source.base_url)
        return cls(own_hosts(source), _bare(base.hostname or ""), _port(base))

    def owns(self, url: str) -> bool:
        """Whether ``url`` is on one of the hosts (``www.`` or not), or a subdomain of one."""
        try:
            parts = urlsplit(url)
            host, port = (parts.hostname or "").lower(), _port(parts)
        except ValueError:  # a malformed port or netloc
            return False
        if _bare(host) == self.base_host and self.base_port is not None:
            return port == self.base_port
        return any(_bare(host) == _bare(own) or host.endswith("." + own) for own in self.hosts)


def _bare(host: str) -> str:
    return host.removeprefix("www.")


def _port(parts: SplitResult) -> int | None:
    """The URL's port, None when it is the scheme's default (canonical URLs leave it out)."""
    port = parts.port
    return None if port == _DEFAULT_PORTS.get(parts.scheme.lower()) else port


def listed_url_refusal(url: str, hosts: SourceHosts, max_length: int) -> str | None:
    """Why a URL from a listing (feed link, sitemap ``<loc>``, REST ``link``) is not crawled, or None."""
    if len(url) > max_length:
        return "url_too_long"
    if not hosts.owns(url):
        return "offsite_link"
    return None


@dataclass
class CanonicalJudge:
    """Decides whether a page's declared canonical URL can be its article's identity.

    ``claims`` remembers, per article id, the page (and title) that first claimed it in this run: a
    canonical that a second, different article also declares is shared, so it is no identity.
    ``listed`` holds the ids of the pages the run's listings name: a page whose canonical is another
    listed article would overwrite that article (or be dropped as its duplicate).
    """

    hosts: SourceHosts
    skip_paths: str = ""
    claims: dict[str, tuple[str, str]] = field(default_factory=dict)
    listed: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, source: Source) -> CanonicalJudge:
        options = source.options
        skip = options.skip_paths if isinstance(options, SitemapOptions) else ""
        return cls(SourceHosts.of(source), skip)

    def refusal(self, canonical: str, page: str, title: str) -> str | None:
        """Why ``canonical`` (canonicalized, another article id than ``page``'s) is not trusted, or None."""
        if not self.hosts.owns(canonical):
            return "canonical_offsite"
        path = urlsplit(canonical).path or "/"
        if path == "/" or LISTING_PATH.search(path) or (self.skip_paths and re.search(self.skip_paths, path)):
            return "canonical_untrusted"
        if article_id(canonical) in self.listed:
            return "canonical_untrusted"
        first_page, first_title = self.claims.setdefault(article_id(canonical), (page, title))
        if first_page != page and first_title != title:
            return "canonical_untrusted"
        return None

    def claim(self, url: str, title: str) -> None:
        """A page stored under its own URL claims it, so a later page declaring it as canonical is seen."""
        self.claims.setdefault(article_id(url), (url, title))

    def list(self, url: str) -> None:
        """A listing named this (canonical) URL as an article of its own."""
        self.listed.add(article_id(url))
