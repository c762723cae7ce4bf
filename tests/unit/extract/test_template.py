"""Template learning: blocks a source repeats page after page are dropped, the article's own text stays."""

from __future__ import annotations

from pmi_aggregator.extract.page import extract_article
from pmi_aggregator.extract.template import MIN_PAGES, SiteTemplate

PROMPT = "Berlangganan newsletter kami untuk kabar pekerja migran setiap pagi"


def _page(n: int) -> str:
    body = "".join(
        f"<p>Artikel {n} paragraf {i}: pekerja migran Indonesia nomor {n * 7 + i} di Taiwan bercerita tentang "
        f"kontrak kerja, gaji bulanan dan pendampingan hukum yang berbeda dari kisah lain {n}-{i}.</p>"
        for i in range(4)
    )
    return (
        f"<html><head><title>Kabar PMI {n}</title></head><body><article><h1>Kabar PMI nomor {n}</h1>"
        f"{body}<p>{PROMPT}.</p></article></body></html>"
    )


def test_a_block_repeated_across_pages_is_dropped_once_learned():
    template = SiteTemplate()
    first = extract_article(_page(0), "https://example.org/a/0", template=template)
    assert PROMPT in first.body  # the first pages are extracted as before
    for n in range(1, MIN_PAGES + 2):
        extract_article(_page(n), f"https://example.org/a/{n}", template=template)
    later = extract_article(_page(99), "https://example.org/a/99", template=template)
    assert PROMPT not in later.body
    assert "Artikel 99 paragraf 3" in later.body


def test_the_pages_own_summary_is_never_template():
    template = SiteTemplate()
    for n in range(MIN_PAGES + 5):
        extract_article(_page(n), f"https://example.org/a/{n}", template=template)
    own = _page(50).replace("<head>", f"<head><meta name='description' content='{PROMPT}'>")
    assert PROMPT in extract_article(own, "https://example.org/a/50", template=template).body


def test_memory_is_bounded():
    template = SiteTemplate()
    for n in range(300):
        template.observe([f"{n}-{i}" for i in range(100)])
    assert len(template.scores) <= 20_000
