"""extract.page_lookup: the shortcuts never change what a selector or a meta lookup finds."""

from __future__ import annotations

import lxml.html
import pytest
from lxml.cssselect import CSSSelector

from pmi_aggregator.extract.page_lookup import meta, select

PAGE = lxml.html.fromstring(
    "<html><head><meta property='og:title' content=''><meta name='og:title' content='Judul'>"
    "<meta itemprop='author' content='Rina'></head><body>"
    "<div class='read__time x'>04/11/2015</div><p class='ad'>iklan</p><p>teks</p>"
    "<a href='/a.html' class='tag'>tag</a></body></html>"
)


@pytest.mark.parametrize(
    "css",
    [
        ".read__time",
        ".missing, .read__time",
        ".missing",
        ".missing .read__time",
        "p:not(.ad)",
        ".missing, p:not(.missing)",
        "a[href$='.html']",
        "[class*='read']",
        "div.read__time.x",
        "p",
    ],
)
def test_select_finds_what_the_selector_finds(css: str):
    assert select(PAGE, css) == CSSSelector(css)(PAGE)


def test_an_invalid_selector_finds_nothing():
    assert select(PAGE, "div[") == []


def test_meta_takes_the_first_non_empty_content_by_name_then_attribute():
    assert meta(PAGE, "og:title") == "Judul"
    assert meta(PAGE, "missing", "author") == "Rina"
    assert meta(PAGE, "missing") == ""
