"""The publication day htmldate finds on a page: the last candidate of the page's date chain.

Our bylines are read through a list of known selectors; a site outside it (Tempo English's
``div.tanggal``) gives no date. htmldate, a maintained library, reads the URL, the markup and the
text for the original publication date. It gives a day, recorded with precision ``day``. A day
equal to the reading day is refused: on a page with no other date it is usually the theme's
"today" in a header, and the crawl date must never become a publication date.
"""

from __future__ import annotations

import logging
from datetime import datetime

import lxml.html

from pmi_aggregator.article import utcnow
from pmi_aggregator.extract.builder import PageContext, RawDate, as_zone

__all__ = ["htmldate_day"]

logging.getLogger("htmldate").setLevel(logging.CRITICAL)  # its own "no date found" noise per page


def htmldate_day(root: lxml.html.HtmlElement, url: str, context: PageContext) -> RawDate | None:
    """The page's publication day by htmldate (which works on a copy of ``root``), or None."""
    from htmldate import find_date

    zone = as_zone(context.tz)
    today = (context.now or utcnow()).astimezone(zone).date()
    try:
        found = find_date(
            root,
            url=url or None,
            original_date=True,
            extensive_search=True,
            outputformat="%Y-%m-%d",
            max_date=today.isoformat(),
        )
    except Exception:  # a third-party parser on hostile input: no date is the answer
        return None
    if not found:
        return None
    day = datetime.strptime(found, "%Y-%m-%d").replace(tzinfo=zone)
    if day.date() >= today:
        return None
    return RawDate(day, "htmldate", "day")
