"""The publication day htmldate finds on a page: the last candidate of the page's date chain.

Our bylines are read through a list of known selectors; a site outside it (Tempo English's
``div.tanggal``) gives no date. htmldate, a maintained library, reads the URL, the markup and the
text for the original publication date. It gives a day, recorded with precision ``day``. It reads a
copy of the page without the lists of other posts (sidebars, "latest posts", related and popular
widgets, footers), whose dates are other articles'. Its day is taken only with evidence: the URL
spells it, or a short line of the page does, read by our own date parser (which then also gives the
time, "04 November, 2015 | 07:28 WIB"); htmldate's weaker guesses (an image's upload folder) are not.
A day equal to the reading day is refused: on a page with no other date it is usually the theme's
"today" in a header, and the crawl date must never become a publication date.
"""

from __future__ import annotations

import copy
import re
from datetime import date, datetime, time

import lxml.etree
import lxml.html

from pmi_aggregator.article import utcnow
from pmi_aggregator.extract.builder import PageContext, RawDate, as_zone
from pmi_aggregator.normalize.dates import parse_date_ex

__all__ = ["htmldate_day"]

_URL_DAY_FORMS = ("%Y/%m/%d", "%Y-%m-%d", "%Y%m%d")
_MAX_LINES = 50
_MAX_LINE = 100  # a date line, not a paragraph that mentions a date
_OTHER_POSTS_WORDS = (
    "sidebar", "widget", "related", "latest", "recent", "popular", "trending", "more-posts",
    "terkait", "terbaru", "populer", "lainnya", "footer",
)  # fmt: skip
_OTHER_POSTS_TAGS = frozenset({"aside", "nav", "footer"})
_OTHER_POSTS_NAMES = re.compile("|".join(map(re.escape, _OTHER_POSTS_WORDS)), re.IGNORECASE | re.ASCII)
"""Matched against ``class`` and ``id`` with one regex per element in one pass: the equivalent XPath
(a ``translate`` per word and element) cost about 20 ms a page, more than htmldate itself."""


def _is_other_posts(element: lxml.html.HtmlElement) -> bool:
    if element.tag in _OTHER_POSTS_TAGS:
        return True
    return _OTHER_POSTS_NAMES.search(f"{element.get('class', '')} {element.get('id', '')}") is not None


def _without_other_posts(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    page = copy.deepcopy(root)
    for element in [element for element in page.iter(lxml.etree.Element) if _is_other_posts(element)]:
        if element.getparent() is not None and element.tag != "body":
            element.drop_tree()
    return page


def htmldate_day(root: lxml.html.HtmlElement, url: str, context: PageContext) -> RawDate | None:
    """The page's publication day by htmldate, or None; ``root`` is left as it is."""
    from htmldate import find_date

    zone = as_zone(context.tz)
    today = (context.now or utcnow()).astimezone(zone).date()
    page = _without_other_posts(root)
    try:
        found = find_date(
            page,
            url=url or None,
            original_date=True,
            extensive_search=True,
            outputformat="%Y-%m-%d",
            max_date=today.isoformat(),
        )
    except ImportError:  # a missing package is the installation's fault, said as such
        raise
    except Exception:  # a third-party parser on hostile input: no date is the answer
        return None
    if not found:
        return None
    day = datetime.strptime(found, "%Y-%m-%d").date()
    if day >= today:
        return None
    return _confirmed(page, url, day, context)


def _confirmed(page: lxml.html.HtmlElement, url: str, day: date, context: PageContext) -> RawDate | None:
    """The date of ``day`` as the URL or a short line of the page spells it, or None."""
    if any(day.strftime(form) in url for form in _URL_DAY_FORMS):
        return RawDate(datetime.combine(day, time(), as_zone(context.tz)), "htmldate", "day")
    for text in page.xpath("//text()[contains(., $year)]", year=str(day.year))[:_MAX_LINES]:
        element = text.getparent()
        line = " ".join(element.text_content().split()) if element is not None else ""
        if len(line) > _MAX_LINE:
            continue
        parsed = parse_date_ex(line, now=context.now, tz=context.tz)
        if parsed is not None and not parsed.relative and parsed.value.date() == day:
            return RawDate(parsed.value, "htmldate", parsed.precision)
    return None
