"""Article pages to Articles: metadata from JSON-LD, then meta tags, then ``<time>``, then bylines.

Sources may give their own selectors (``PageRules``); without them the main text comes from
trafilatura, a maintained extraction library that scores well on news pages, so we do not keep a
boilerplate detector of our own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import lru_cache
from typing import Any

import lxml.html
from lxml.cssselect import CSSSelector, SelectorError

from .article import Article, utcnow
from .dates import parse_date_ex
from .html_text import clean_paragraphs, element_text, parse_html, remove_noise
from .metadata import clean_author_list, clean_terms, clean_title, detect_language, extract_dateline


@dataclass(frozen=True)
class PageRules:
    """CSS selectors for one site's article pages; empty fields fall back to generic extraction."""

    title: str = ""
    body: str = ""
    date: str = ""
    modified: str = ""
    author: str = ""
    categories: str = ""
    tags: str = ""
    ignore: tuple[str, ...] = ()
    """Elements removed before anything is read: render dates (a theme's "today"), view counters."""
    noise: tuple[str, ...] = ()
    """Extra elements removed from the body."""


@dataclass(frozen=True)
class PageContext:
    source: str = "web"
    tz: tzinfo | str = "Asia/Jakarta"
    site_names: tuple[str, ...] = ()
    now: datetime | None = None


class ExtractionError(ValueError):
    """The page holds no article (empty, broken, or not an article page)."""


@lru_cache(maxsize=256)
def _selector(css: str) -> CSSSelector | None:
    try:
        return CSSSelector(css)
    except SelectorError:
        return None


def _select(root: lxml.html.HtmlElement, css: str) -> list[Any]:
    selector = _selector(css) if css else None
    return selector(root) if selector is not None else []


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def _first_text(root: lxml.html.HtmlElement, css: str) -> str:
    for element in _select(root, css):
        text = _text(element)
        if text:
            return text
    return ""


def _meta(root: lxml.html.HtmlElement, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            for element in root.xpath(f"//meta[@{attr}=$n]", n=name):
                content = (element.get("content") or "").strip()
                if content:
                    return content
    return ""


def _iter_jsonld(root: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    for script in root.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


_ARTICLE_TYPES = ("NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting", "AnalysisNewsArticle")


def _jsonld_article(root: lxml.html.HtmlElement) -> dict[str, Any]:
    for item in _iter_jsonld(root):
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(k in _ARTICLE_TYPES for k in kinds if isinstance(k, str)):
            return item
    return {}


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


@dataclass
class _Date:
    value: datetime
    origin: str
    precision: str


def _date(candidates: list[tuple[str, str]], context: PageContext) -> _Date | None:
    for origin, text in candidates:
        if not text:
            continue
        parsed = parse_date_ex(text, now=context.now, tz=context.tz)
        if parsed is not None and not parsed.relative:
            return _Date(parsed.value, origin, parsed.precision)
    return None


def _published_candidates(
    root: lxml.html.HtmlElement, ld: dict[str, Any], rules: PageRules
) -> list[tuple[str, str]]:
    time_el = root.xpath("//article//time[@datetime] | //time[@datetime]")
    byline = _first_text(root, rules.date) if rules.date else ""
    return [
        ("jsonld", str(ld.get("datePublished") or "")),
        (
            "meta",
            _meta(
                root,
                "article:published_time",
                "og:article:published_time",
                "datePublished",
                "pubdate",
                "publishdate",
                "content_PublishedDate",
                "dtk:publishdate",
            ),
        ),
        ("meta", time_el[0].get("datetime", "") if time_el else ""),
        ("byline", byline),
    ]


def extract_article(
    html: str | bytes,
    url: str,
    *,
    rules: PageRules | None = None,
    context: PageContext | None = None,
) -> Article:
    """Extract an Article from an article page. Raises ExtractionError when there is no article."""
    rules = rules or PageRules()
    context = context or PageContext()
    root = parse_html(html)
    if root is None:
        raise ExtractionError("empty or unparseable HTML")
    for css in rules.ignore:
        for element in _select(root, css):
            if element.getparent() is not None:
                element.drop_tree()
    ld = _jsonld_article(root)
    canonical = root.xpath('//link[@rel="canonical"]/@href')
    title = clean_title(
        (_first_text(root, rules.title) if rules.title else "")
        or str(ld.get("headline") or "")
        or _meta(root, "og:title", "twitter:title")
        or _first_text(root, "h1")
        or _first_text(root, "title"),
        site_names=context.site_names,
    )
    body = _body(root, html, rules)
    if not title or not body:
        raise ExtractionError("no article title or text found" if not title else "no article text found")
    published = _date(_published_candidates(root, ld, rules), context)
    modified = _date(
        [
            ("jsonld", str(ld.get("dateModified") or "")),
            ("meta", _meta(root, "article:modified_time")),
            ("byline", _first_text(root, rules.modified) if rules.modified else ""),
        ],
        context,
    )
    authors = [_text(a) for a in _select(root, rules.author)] if rules.author else []
    authors = authors or _names(ld.get("author")) or [_meta(root, "author", "article:author", "dc.creator")]
    categories = [_text(e) for e in _select(root, rules.categories)] if rules.categories else []
    categories = categories or [_meta(root, "article:section"), *_names(ld.get("articleSection"))]
    tags = [_text(e) for e in _select(root, rules.tags)] if rules.tags else []
    tags = tags or [el.get("content", "") for el in root.xpath('//meta[@property="article:tag"]')]
    image = _meta(root, "og:image", "twitter:image")
    return Article(
        url=canonical[0] if canonical and canonical[0].startswith("http") else url,
        source=context.source,
        title=title,
        body=body,
        summary=" ".join(_meta(root, "description", "og:description").split()),
        authors=clean_author_list([a for a in authors if a], site_names=context.site_names),
        categories=clean_terms(categories),
        tags=clean_terms(tags),
        language=detect_language(f"{title} {body[:2000]}") or (root.get("lang") or "").split("-")[0] or None,
        location=extract_dateline(body),
        published_at=published.value if published else None,
        published_at_source=published.origin if published else None,
        date_precision=published.precision if published else None,
        modified_at=modified.value if modified else None,
        crawled_at=utcnow(),
        image_url=image or None,
    )


def _body(root: lxml.html.HtmlElement, html: str | bytes, rules: PageRules) -> str:
    if rules.body:
        for element in _select(root, rules.body):
            remove_noise(element, rules.noise)
            text = element_text(element)
            if text:
                return text
    return _trafilatura_text(html)


def _trafilatura_text(html: str | bytes) -> str:
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    except Exception:  # a third-party parser on hostile input: no text is the answer
        return ""
    if not text:
        return ""
    return clean_paragraphs(text.replace("\n", "\n\n"))
