"""Acceptance: the generic extractor (no source rules) on real saved pages of Indonesian news sites.

The pages and their ``*.expected.json`` live in ``../shared/realpages`` (never copied into the repo).
Measures, also used by ``benchmarks/realpages_accuracy.py``:

- title: equal after whitespace normalization;
- date: the same instant; where the expected value has zero seconds it was read from a byline
  that shows minutes, so a structured date inside that minute (13:30:08 for "13:30 WIB") is the same;
- body: ``difflib.SequenceMatcher(autojunk=False).ratio()`` of the whitespace-normalized texts,
  a character-level measure that penalises both missing and extra text, >= 0.9.
"""

from __future__ import annotations

import difflib
import json
from datetime import datetime
from pathlib import Path

import pytest

from pmi_aggregator.extract.feed_entries import feed_items
from pmi_aggregator.extract.links import listing_links
from pmi_aggregator.extract.page import extract_article
from tests.support.paths import SHARED_DIR

REALPAGES = SHARED_DIR / "realpages"
MIN_SIMILARITY = 0.9


def _cases(pattern: str) -> list[Path]:
    return sorted(REALPAGES.glob(pattern)) if REALPAGES.is_dir() else []


ARTICLES = [p for p in _cases("*/*.expected.json") if "listing_urls_expected" not in p.read_text("utf-8")]
LISTINGS = [p for p in _cases("*/*.expected.json") if p not in ARTICLES]
TISORLAWAN = _cases("detik/detik_tisorlawan_*.html")

# Values read from each page's JSON-LD (datePublished, author.name), which agree with its dtk:publishdate
# and dtk:author meta tags.
TISORLAWAN_EXPECTED = {
    "detik_tisorlawan_2.html": ("2022-12-10T20:55:32+07:00", "Afif Farhan"),
    "detik_tisorlawan_4.html": ("2021-09-30T12:00:35+07:00", "Putra Rusdi K"),
    "detik_tisorlawan_inet.html": ("2022-12-10T07:16:35+07:00", "Fino Yurio Kristo"),
    "detik_tisorlawan_travel.html": ("2022-12-10T22:10:07+07:00", "Tim detikBali"),
}
# Photo gallery whose expected content repeats the first of its five captions five times (an upstream
# scraper bug): the page's five <figcaption>s differ ("Penyanyi Taylor Swift (kanan) memeluk…",
# "Selena Gomez dan Taylor Swift berpose…", "Selena Gomez (kiri) tampak berbincang…", "Keakraban…",
# "Selena Gomez dan Taylor Swift saling memeluk…"). Defensible: five distinct captions, the first one
# matching the expected caption.
REPEATED_CAPTION = "anpandu_liputan6-singlepage3.html"


def normalize(text: str) -> str:
    return " ".join(text.split())


def similarity(got: str, want: str) -> float:
    return difflib.SequenceMatcher(None, normalize(got), normalize(want), autojunk=False).ratio()


def same_instant(got: datetime | None, want: datetime) -> bool:
    if got is None:
        return False
    if got == want:
        return True
    return want.second == 0 and got.replace(second=0, microsecond=0) == want


def _page(expected: Path) -> tuple[Path, dict]:
    return expected.with_name(expected.name.removesuffix(".expected.json")), json.loads(expected.read_text())


@pytest.mark.parametrize("expected_file", ARTICLES, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_article_page(shared_dir: Path, expected_file: Path) -> None:
    page, expected = _page(expected_file)
    article = extract_article(page.read_bytes(), expected["url"])
    assert normalize(article.title) == normalize(expected["title"])
    if "date_iso_utc" in expected:
        want = datetime.fromisoformat(expected["date_iso_utc"])
        assert same_instant(article.published_at, want), (article.published_at, article.published_at_source)
        assert datetime.fromisoformat(expected["date_iso_wib"]) == want
    if "content" not in expected:
        return
    if page.name == REPEATED_CAPTION:
        captions = article.body.split("\n\n")
        assert len(captions) == len(set(captions)) == 5
        first = normalize(expected["content"]).split(" (REUTERS / Danny Moloshok)")[0]
        assert similarity(captions[0], first + " (REUTERS / Danny Moloshok)") >= MIN_SIMILARITY
    else:
        assert similarity(article.body, expected["content"]) >= MIN_SIMILARITY


@pytest.mark.parametrize("expected_file", LISTINGS, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_listing_first_items(shared_dir: Path, expected_file: Path) -> None:
    page, expected = _page(expected_file)
    want = [expected["listing_urls_expected"][k] for k in sorted(expected["listing_urls_expected"], key=int)]
    data = page.read_bytes()
    if page.suffix == ".xml":
        items = feed_items(data, want[0])
        assert [item.url for item in items[: len(want)]] == want
        assert all(item.title for item in items)
    else:
        assert listing_links(data, want[0])[: len(want)] == want


def test_feed_traps(shared_dir: Path) -> None:
    """ISO-8859-1 text is decoded; a channel lastBuildDate of 1970 never becomes an item date."""
    kapanlagi = feed_items((REALPAGES / "kapanlagi/anpandu_kapanlagi-mainpage.rss.xml").read_bytes(), "")
    assert kapanlagi[0].title == "Drama Adaptasi Webtoon 'Cheese In Trap' Rilis Teaser Perdana"
    assert kapanlagi[0].published_at == datetime.fromisoformat("2015-11-05T12:45:00+07:00")
    republika = feed_items((REALPAGES / "republika/anpandu_republika-mainpage.rss.xml").read_bytes(), "")
    assert all(item.published_at and item.published_at.year == 2015 for item in republika)


@pytest.mark.parametrize("page", TISORLAWAN, ids=lambda p: p.name)
def test_meta_only_pages_give_date_and_author(shared_dir: Path, page: Path) -> None:
    article = extract_article(page.read_bytes(), "https://www.detik.com/")
    published, author = TISORLAWAN_EXPECTED[page.name]
    assert article.published_at == datetime.fromisoformat(published)
    assert article.published_at_source == "jsonld"
    assert article.authors == [author]


def test_wib_labelled_z_is_read_as_wib(shared_dir: Path) -> None:
    """detik prints ``pubdate`` "2015-11-05 T10:08:58Z" beside the byline "Kamis, 05/11/2015 10:08 WIB"."""
    page = REALPAGES / "detik/anpandu_detik-singlepage.html"
    article = extract_article(page.read_bytes(), "http://inet.detik.com/")
    assert article.published_at == datetime.fromisoformat("2015-11-05T10:08:58+07:00")


def test_true_utc_is_kept(shared_dir: Path) -> None:
    """liputan6's JSON-LD "2016-02-16T02:10:56Z" is real UTC: the byline says 09:10 WIB."""
    page = REALPAGES / "liputan6/anpandu_liputan6-singlepage.html"
    article = extract_article(page.read_bytes(), "http://tekno.liputan6.com/")
    assert article.published_at == datetime.fromisoformat("2016-02-16T09:10:56+07:00")
