"""Bounded listing parsers against the unbounded ones they wrap: what the bounds cost per listing.

Run: python benchmarks/bench_bounded.py   (a few seconds)

- REST: ``normalize.bounded.load_json`` (a nesting scan, then ``json.loads``) vs ``json.loads`` on a
  page of 100 WordPress posts with rendered HTML (about 1 MB), as the mirror serves it.
- Sitemap: ``crawler.spiders.articles.read_sitemap`` (decoding by BOM/declaration first) vs Scrapy's
  ``Sitemap`` on a 2,000-URL UTF-8 sitemap, and on the same sitemap in UTF-16 (which only the bounded
  reader reads). Medians of 15 runs, each a ratio to the reference measured in the same run.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from scrapy.http import XmlResponse
from scrapy.utils.sitemap import Sitemap

from pmi_aggregator.crawler.spiders.articles import read_sitemap
from pmi_aggregator.normalize.bounded import load_json

RUNS = 15


def rest_page() -> bytes:
    paragraph = "<p>Para pekerja migran Indonesia di Hong Kong mengikuti pelatihan &amp; diskusi [hak].</p>"
    posts = [
        {
            "id": n,
            "link": f"https://site.example/berita-{n}/",
            "date_gmt": "2025-06-01T03:00:00",
            "title": {"rendered": f"Berita {n} &#8211; {{PMI}}"},
            "content": {"rendered": paragraph * 80},
            "excerpt": {"rendered": paragraph},
            "_embedded": {
                "author": [{"name": "Rina"}],
                "wp:term": [
                    [{"taxonomy": "category", "name": "Berita"}],
                    [{"taxonomy": "post_tag", "name": "PMI"}],
                ],
            },
        }
        for n in range(100)
    ]
    return json.dumps(posts).encode()


def sitemap(encoding: str) -> bytes:
    urls = "".join(
        f"<url><loc>https://site.example/berita-{n}/</loc><lastmod>2025-06-01T03:00:00+00:00</lastmod></url>"
        for n in range(2000)
    )
    text = (
        f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )
    return text.encode(encoding)


def median_seconds(fn: Callable[[], Any]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    page = rest_page()
    plain, bounded = median_seconds(lambda: json.loads(page)), median_seconds(lambda: load_json(page))
    print(
        f"REST page ({len(page) / 1e6:.1f} MB): json.loads {plain * 1e3:.1f} ms, load_json {bounded * 1e3:.1f} ms, ratio {bounded / plain:.2f}"
    )
    utf8 = XmlResponse("https://site.example/sitemap.xml", body=sitemap("utf-8"))
    utf16 = XmlResponse("https://site.example/sitemap.xml", body=sitemap("utf-16"))
    reference = median_seconds(lambda: list(Sitemap(utf8.body)))
    ours = median_seconds(lambda: list(read_sitemap(utf8) or ()))
    ours16 = median_seconds(lambda: list(read_sitemap(utf16) or ()))
    read16 = len(list(read_sitemap(utf16) or ()))
    print(
        f"sitemap (2,000 URLs): Sitemap {reference * 1e3:.1f} ms, read_sitemap {ours * 1e3:.1f} ms, ratio {ours / reference:.2f}"
    )
    print(
        f"sitemap in UTF-16: read_sitemap {ours16 * 1e3:.1f} ms, ratio {ours16 / reference:.2f} ({read16} URLs read)"
    )


if __name__ == "__main__":
    main()
