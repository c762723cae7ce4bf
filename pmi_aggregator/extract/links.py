"""Article links on an HTML listing page (a front page, a tag page).

``listing_links`` finds article links on an HTML listing page: links that look like article
URLs on the site, outside navigation and sidebars, unless a site needs its own selector.
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin, urlsplit

from pmi_aggregator.normalize.html_text import parse_html

# Listing pages whose first article links are not the main list (tickers, picks, slideshows first).
SITE_ITEM_SELECTORS = {
    "okezone.com": "ul.list-berita li a",
}
_OUTSIDE_LIST = (
    "ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside"
    " or ancestor::*[contains(@class, 'sidebar') or contains(@class, 'breaking')"
    " or contains(@class, 'ticker') or contains(@class, 'menu')]"
)
_ARTICLE_PATH = re.compile(
    r"/(?:read|berita|news|artikel)/"  # Indonesian news paths
    r"|/\d{4}/\d{1,2}/\d{1,2}/"  # dated paths
    r"|/\d{5,}"  # numeric article ids
    r"|/[a-z0-9]+(?:[-.][a-z0-9]+){3,}[^/]*/?$",  # long slugs
    re.IGNORECASE,
)
_NOT_ARTICLE = re.compile(r"/(?:tag|tags|topik|category|kategori|author|penulis|search|cari|indeks)/", re.I)
_SECOND_LEVEL = frozenset({"co", "or", "go", "ac", "web", "my", "sch", "com", "net", "org"})


def listing_links(html: str | bytes, base_url: str, *, item_selector: str | None = None) -> list[str]:
    """Article URLs on a listing page, in page order, without duplicates.

    ``item_selector`` (CSS) picks the links; without it a site's entry in ``SITE_ITEM_SELECTORS``
    is used, else every link outside navigation, headers and sidebars. Either way only article-shaped
    links to the site itself are kept.
    """
    root = parse_html(html)
    if root is None:
        return []
    selector = item_selector or _site_selector(base_url)
    if selector:
        anchors = [a for a in root.cssselect(selector) if a.tag == "a"] or root.cssselect(f"{selector} a")
    else:
        anchors = root.xpath(f"//a[@href][not({_OUTSIDE_LIST})]")
    site = _site_domain(base_url)
    links: list[str] = []
    for anchor in anchors:
        url = urldefrag(urljoin(base_url, (anchor.get("href") or "").strip()))[0]
        if url in links or not url.startswith(("http://", "https://")):
            continue
        path = urlsplit(url).path
        if _site_domain(url) == site and _ARTICLE_PATH.search(path) and not _NOT_ARTICLE.search(path):
            links.append(url)
    return links


def _site_selector(base_url: str) -> str | None:
    site = _site_domain(base_url)
    return SITE_ITEM_SELECTORS.get(site)


def _site_domain(url: str) -> str:
    """``news.okezone.com`` → ``okezone.com``; ``nasional.republika.co.id`` → ``republika.co.id``."""
    labels = (urlsplit(url).hostname or "").removeprefix("www.").split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])
