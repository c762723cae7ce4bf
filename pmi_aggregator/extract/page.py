"""Article pages to Articles: metadata from JSON-LD, then meta tags, then ``<time>``, then bylines.

Sources may give their own selectors (``PageRules``); without them the main text comes from
trafilatura, a maintained extraction library that scores well on news pages, so we do not keep a
boilerplate detector of our own. Trafilatura is handed the article-body container when the page
marks one (schema.org ``articleBody`` or a known news-site container): on whole pages it drops lead
paragraphs printed between ``<br>`` and keeps sidebar date lists.

Dates written ``Z`` are checked against the visible byline: several Indonesian CMSs print WIB wall
time with a ``Z``; when a ``Z`` value's wall clock equals the byline's WIB clock, the page's ``Z``
values are read as local time (evidence, never a guess).

The fields read here are cleaned by ``extract.builder``, as every other source's are.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import lxml.etree
import lxml.html

from pmi_aggregator.article import Article
from pmi_aggregator.extract.builder import (
    BuiltArticle,
    PageContext,
    RawArticle,
    RawDate,
    as_zone,
    build_article,
)
from pmi_aggregator.extract.continuation import with_continuation
from pmi_aggregator.extract.furniture import trim_furniture
from pmi_aggregator.extract.html_date import htmldate_day
from pmi_aggregator.extract.lede import with_lede
from pmi_aggregator.extract.page_lookup import meta as _meta
from pmi_aggregator.extract.page_lookup import select as _select
from pmi_aggregator.extract.template import SiteTemplate
from pmi_aggregator.normalize.dates import parse_date_ex
from pmi_aggregator.normalize.html_text import (
    clean_paragraphs,
    element_text,
    parse_html,
    remove_noise,
)
from pmi_aggregator.normalize.inserts import remove_embeds
from pmi_aggregator.normalize.people import split_authors
from pmi_aggregator.normalize.text import clean_title
from pmi_aggregator.urls import canonicalize_url

__all__ = ["ExtractionError", "PageContext", "PageRules", "extract_article", "extract_page"]

log = logging.getLogger(__name__)


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


class ExtractionError(ValueError):
    """The page holds no article (empty, broken, or not an article page)."""


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def _first_text(root: lxml.html.HtmlElement, css: str) -> str:
    for element in _select(root, css):
        text = _text(element)
        if text:
            return text
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

# Visible bylines, most specific first: current and legacy markup of the big Indonesian outlets, then
# generic blog markup. Scoped to the article header where the site repeats the class in sidebars.
BYLINE_DATE_SELECTORS = (
    ".detail__date",  # detik
    ".content_detail .date",  # detik (2015-2016)
    ".read__time",  # kompas: "Kompas.com - 04/11/2015, 21:04 WIB"
    ".kcm-date, .kcm-read-top .msmall",  # kompas (2015-2016)
    ".wrap__article-detail-info span",  # antara
    ".bjbrt .date",  # antara (2015-2017)
    ".read-page--header__datetime",  # liputan6
    "time.tgl, .namerep",  # okezone
    ".date-detail, .date-pic",  # republika
    ".block-tanggal",  # tempo (2015)
    ".smalldesc .date",  # viva
    ".date-publish",  # jpnn
    "[class*='newsdetail-schedule']",  # kapanlagi
    "header .entry-date, .entry-meta time, .post-date, .posted-on time",
)
BYLINE_AUTHOR_SELECTORS = (
    ".detail__author",  # detik
    ".content_detail .author",  # detik (2015-2016)
    ".read__credit__item",  # kompas
    ".read-page--header--author__name",  # liputan6
    ".namerep",  # okezone
    "[itemprop='author'] [itemprop='name'], a[rel='author'], .author-name, .byline",
)
# Article-body containers trafilatura is pointed at; the first one present wins.
BODY_SELECTORS = (
    "[itemprop='articleBody']",
    ".detail__body-text, .text_detail, .text_gal",  # detik (photo pages: .text_gal)
    ".read__content, .kcm-read-text, .kcm-read-content-text, .div-read",  # kompas
    ".read-page__content-body, .article-content-body",  # liputan6
    "#contentx",  # okezone
)
_HEADLINE_SELECTORS = "h1, h2, [itemprop='headline'], .jdl-pic, .jdl-detail"
_RUBRIC = re.compile(r"^[\w ]{2,30}:$")  # "In Picture:", "FOTO:", "VIDEO:" before a headline
_MIN_CONTAINER_TEXT = 80
_MIN_ARTICLE_TEXT = 250  # shorter whole-page text on a photo page: use the gallery captions
_DATE_ATTR = re.compile(r"date|time|publish|created|modified", re.IGNORECASE)
_SAME_CLOCK = timedelta(seconds=60)


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


def _date(candidates: list[tuple[str, str]], context: PageContext) -> RawDate | None:
    for origin, text in candidates:
        if not text:
            continue
        parsed = parse_date_ex(text, now=context.now, tz=context.tz)
        if parsed is not None and not parsed.relative:
            return RawDate(parsed.value, origin, parsed.precision)
    return None


def _structured_candidates(root: lxml.html.HtmlElement, ld: dict[str, Any]) -> list[tuple[str, str]]:
    time_el = root.xpath("//time[@itemprop='datePublished'][@datetime] | //article//time[@datetime]")
    time_el = time_el or root.xpath("//time[@datetime]")
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
    ]


def _byline_date(root: lxml.html.HtmlElement, rules: PageRules, context: PageContext) -> RawDate | None:
    """The first byline date with a time, else the first with a day only.

    A day-only date is often a header's "today" (kompas prints one above the article).
    """
    selectors = (rules.date,) if rules.date else BYLINE_DATE_SELECTORS
    found = [
        parsed
        for css in selectors
        for element in _select(root, css)[:3]
        if (parsed := _date([("byline", _text(element))], context)) is not None
    ]
    return next((d for d in found if d.precision != "day"), found[0] if found else None)


def _published(
    root: lxml.html.HtmlElement, ld: dict[str, Any], rules: PageRules, context: PageContext, url: str
) -> RawDate | None:
    """The structured date, else the byline, else htmldate's day; a ``Z`` proven to be WIB is read as
    local time.

    The bylines are read only when needed: their selectors are the costliest part of a page.
    """
    structured = _date(_structured_candidates(root, ld), context)
    if structured is None:
        return _byline_date(root, rules, context) or htmldate_day(root, url, context)
    if structured.value.utcoffset() != timedelta(0):
        return structured
    byline = _byline_date(root, rules, context)
    if byline is not None and _utc_is_mislabelled(root, ld, byline.value, context):
        return replace(structured, value=structured.value.replace(tzinfo=as_zone(context.tz)))
    return structured


def _utc_is_mislabelled(
    root: lxml.html.HtmlElement, ld: dict[str, Any], byline: datetime, context: PageContext
) -> bool:
    """True when a UTC-labelled date of the page shows the byline's local wall clock (not its instant)."""
    if byline.utcoffset() == timedelta(0):
        return False
    texts = [str(ld.get(k) or "") for k in ("datePublished", "dateCreated", "dateModified")]
    for element in root.xpath("//meta[@content]"):
        names = " ".join(element.get(a) or "" for a in ("property", "name", "itemprop"))
        if _DATE_ATTR.search(names):
            texts.append(element.get("content") or "")
    for text in texts:
        parsed = parse_date_ex(text, now=context.now, tz=context.tz) if text else None
        if parsed is None or parsed.relative or parsed.value.utcoffset() != timedelta(0):
            continue
        if abs(parsed.value.replace(tzinfo=None) - byline.replace(tzinfo=None)) < _SAME_CLOCK:
            return True
    return False


def _title(root: lxml.html.HtmlElement, ld: dict[str, Any], rules: PageRules, context: PageContext) -> str:
    """The page's own title, uncleaned: a visible headline confirmed by the metadata title, else the
    metadata title.

    Metadata titles carry outlet decoration ("KapanLagi.com: …", "… - Kompas.com Regional") that the
    visible headline lacks; photo rubrics ("In Picture: …") are shown but left out of og:title.
    """
    if rules.title and (text := _first_text(root, rules.title)):
        return text
    raw_metas = [
        " ".join(text.split())
        for text in (
            str(ld.get("headline") or ""),
            _meta(root, "og:title"),
            _meta(root, "twitter:title"),
            _first_text(root, "title"),
        )
        if text.strip()
    ]
    metas = [*raw_metas, *(clean_title(m, site_names=context.site_names) for m in raw_metas)]
    best = ""
    for element in _select(root, _HEADLINE_SELECTORS):
        shown = _text(element)
        if len(shown) <= len(best) or not shown:
            continue
        for meta in metas:
            if (shown in meta and len(shown) * 2 >= len(meta)) or (
                shown.endswith(meta) and _RUBRIC.match(shown[: -len(meta)].strip())
            ):
                best = shown
                break
    return best or (raw_metas[0] if raw_metas else "") or _first_text(root, "h1")


def _authors(root: lxml.html.HtmlElement, ld: dict[str, Any], rules: PageRules) -> list[str]:
    if rules.author:
        found = [_text(a) for a in _select(root, rules.author)]
        if any(found):
            return found
    found = _names(ld.get("author")) or [_meta(root, "author", "article:author", "dc.creator", "dtk:author")]
    found = [name for name in found if name and "://" not in name]  # article:author is often a URL
    found = _without_shown_editor(root, found) if found else found
    if found:
        return found
    for css in BYLINE_AUTHOR_SELECTORS:
        texts = [_text(element) for element in _select(root, css)[:3]]
        names = [author for text in texts for author in split_authors(text)[0]]
        if names:
            return names
    return []


_EDITOR_TEXT = (
    "//text()["
    + " or ".join(
        f"contains(., '{word}')"
        for word in ("ditor", "DITOR", "edaktur", "EDAKTUR", "enyunting", "ENYUNTING")
    )
    + "]"
)
_MAX_CREDIT_LINE = 300


def _without_shown_editor(root: lxml.html.HtmlElement, names: list[str]) -> list[str]:
    """Metadata authors, less the one the page itself shows as the editor ("Editor : …").

    Some CMSs (Media Indonesia's) name the editor as the JSON-LD author while the page credits the
    writer; the visible credit line then gives the authors.
    """
    for text in root.xpath(_EDITOR_TEXT)[:5]:
        element = text.getparent()
        shown: list[str] = []
        editor = None
        while element is not None and len(line := _text(element)) <= _MAX_CREDIT_LINE and not shown:
            shown, editor = split_authors(line)  # the credit line, widened to the writer beside it
            element = element.getparent()
        if editor is None:
            continue
        kept = [name for name in names if name.casefold() != editor.casefold()]
        if len(kept) < len(names):
            return kept or shown
    return names


def extract_article(
    html: str | bytes,
    url: str,
    *,
    rules: PageRules | None = None,
    context: PageContext | None = None,
    template: SiteTemplate | None = None,
) -> Article:
    """Extract an Article from an article page. Raises ExtractionError when there is no article.

    An implausible publication date is dropped and logged (``extract_page`` returns it instead).
    """
    built = extract_page(html, url, rules=rules, context=context, template=template)
    if built.rejected_date is not None:
        log.warning("implausible publication date %s for %s; stored undated", built.rejected_date, url)
    return built.article


def extract_page(
    html: str | bytes,
    url: str,
    *,
    rules: PageRules | None = None,
    context: PageContext | None = None,
    template: SiteTemplate | None = None,
) -> BuiltArticle:
    """The page's Article, and the publication date the date policy dropped, for the caller to count.

    ``template`` is the source's learned template (``extract.template``): the page is observed, and,
    when the source has no body rules of its own, the blocks it repeats on page after page are dropped.
    """
    rules = rules or PageRules()
    context = context or PageContext()
    root = parse_html(html)
    if root is None:
        raise ExtractionError("empty or unparseable HTML")
    for css in rules.ignore:
        for element in _select(root, css):
            if element.getparent() is not None:
                element.drop_tree()
    remove_embeds(root)  # other people's posts: their words, names and dates are not the article's
    if template is not None:
        own = (
            _meta(root, "og:title"),
            _first_text(root, "title"),
            _first_text(root, "h1"),
            _meta(root, "description"),
        )
        template.learn_and_drop(root, own=own, drop=not rules.body)
    ld = _jsonld_article(root)
    canonical = root.xpath('//link[@rel="canonical"]/@href')
    modified = _date(
        [
            ("jsonld", str(ld.get("dateModified") or "")),
            ("meta", _meta(root, "article:modified_time")),
            ("byline", _first_text(root, rules.modified) if rules.modified else ""),
        ],
        context,
    )
    categories = [_text(e) for e in _select(root, rules.categories)] if rules.categories else []
    categories = categories or [_meta(root, "article:section"), *_names(ld.get("articleSection"))]
    tags = [_text(e) for e in _select(root, rules.tags)] if rules.tags else []
    tags = tags or [el.get("content", "") for el in root.xpath('//meta[@property="article:tag"]')]
    link = canonical[0] if canonical and canonical[0].startswith("http") else url
    try:
        canonicalize_url(link)
    except ValueError:  # a garbled canonical link: the page's own URL is the article's
        link = url
    title = _title(root, ld, rules, context)
    raw = RawArticle(
        url=link,
        title=title,
        body=_body(root, rules, title),
        summary=" ".join(_meta(root, "description", "og:description").split()),
        authors=_authors(root, ld, rules),
        categories=categories,
        tags=tags,
        published=_published(root, ld, rules, context, url),
        modified_at=modified.value if modified else None,
        image_url=_meta(root, "og:image", "twitter:image"),
        language=(root.get("lang") or "").split("-")[0] or None,
    )
    built = build_article(raw, context)
    if not built.article.title or not built.article.body:
        missing = "text" if built.article.title else "title or text"
        raise ExtractionError(f"no article {missing} found")
    return built


def _body(root: lxml.html.HtmlElement, rules: PageRules, title: str) -> str:
    """Source selectors, else trafilatura on the marked body container, else on the whole page, less
    the furniture at the text's edges (``extract.furniture``).

    Trafilatura is handed the parsed tree (it works on a copy), never the page to parse again.
    """
    if rules.body:
        for element in _select(root, rules.body):
            remove_noise(element, rules.noise)
            text = element_text(element)
            if text:
                return text
    for css in BODY_SELECTORS:
        for element in _select(root, css)[:1]:
            text = _article_text(_standalone_article(element), title)
            if len(text) >= _MIN_CONTAINER_TEXT:
                return text
    text = _article_text(root, title)
    return text if len(text) >= _MIN_ARTICLE_TEXT else _gallery_text(root) or text


def _standalone_article(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A page holding only a copy of ``element``, inside ``<article>``."""
    page = lxml.html.Element("html")
    article = lxml.etree.SubElement(lxml.etree.SubElement(page, "body"), "article")
    article.append(copy.deepcopy(element))
    article[0].tail = None
    return page


def _gallery_text(root: lxml.html.HtmlElement) -> str:
    """Photo pages: the captions of the article's pictures are its text."""
    for article in root.xpath("//article[.//figcaption]"):
        captions = [_text(caption) for caption in article.xpath(".//figcaption")]
        return clean_paragraphs("\n\n".join(c for c in captions if c))
    return ""


_LAYOUT_TABLE_PARTS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "td", "th"})


def _layout_tables_as_blocks(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy of ``tree`` where each table holding paragraphs or headings (layout, not data) is divs."""
    page = copy.deepcopy(tree)
    for table in page.xpath("//table[.//td//p or .//td//h1 or .//td//h2 or .//td//h3]"):
        for element in table.iter(*_LAYOUT_TABLE_PARTS):
            element.tag = "div"
    return page


def _trafilatura(tree: lxml.html.HtmlElement, *, favor_precision: bool) -> str | None:
    import trafilatura

    text: str | None = trafilatura.extract(
        tree, include_comments=False, include_tables=False, favor_precision=favor_precision
    )
    return text


def _default_mode_text(tree: lxml.html.HtmlElement) -> str | None:
    try:
        return _trafilatura(tree, favor_precision=False)
    except ImportError:  # a missing package is the installation's fault: said, not taken for no text
        raise
    except Exception:
        return None


def _article_text(tree: lxml.html.HtmlElement, title: str) -> str:
    """Trafilatura's text of ``tree`` with the chunks and the lede it dropped, less the furniture at its
    edges."""
    return with_lede(tree, trim_furniture(with_continuation(tree, _trafilatura_text(tree)), title))


def _trafilatura_text(tree: lxml.html.HtmlElement) -> str:
    text = None
    # Precision mode finds nothing on a page laid out in a table: then the layout tables are read as
    # the blocks they stand for. The default mode is no fallback for finding nothing (on a page with
    # no article left it returns the menus), only for precision mode failing on the page.
    for attempt in (tree, None):
        page = attempt if attempt is not None else _layout_tables_as_blocks(tree)
        try:
            text = _trafilatura(page, favor_precision=True)
        except ImportError:
            raise
        except Exception:  # a third-party parser on hostile input: the default mode, else no text
            text = _default_mode_text(page)
        if text:
            break
    if not text:
        return ""
    return clean_paragraphs(text.replace("\n", "\n\n"))
