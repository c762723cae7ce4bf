"""An article cut into sibling chunks (ads between them) is read to its end; a widget class reused
for an author box or a teaser adds nothing."""

from __future__ import annotations

from pmi_aggregator.extract.page import extract_article


def paragraph(n: int) -> str:
    return (
        f"Paragraf ke-{n}: para pekerja migran Indonesia yang dipulangkan dari Sabah menjalani pemeriksaan "
        "kesehatan di Nunukan sebelum diberangkatkan ke daerah asal dengan kapal Pelni pekan ini."
    )


def chunk(numbers: range) -> str:
    paragraphs = "".join(f"<p>{paragraph(n)}</p>" for n in numbers)
    return (
        '<div class="grid grid-layout--adrail"><div class="grid--item body body__container article__body">'
        f'{paragraphs}</div><div class="grid--item grid-layout__aside"><div class="sticky-box">'
        '<div class="ad ad--rail"><div class="ad__slot"></div></div></div></div></div>'
    )


AD = '<div class="row full-bleed-ad"><div class="ad ad--mid-content">Advertisement</div></div>'


def page(article: str, aside: str = "") -> str:
    return f"""<!doctype html><html lang="id"><head><title>PMI dipulangkan dari Sabah</title></head>
<body><nav><a href="/">Beranda</a> <a href="/n">Nasional</a></nav>
<main><article class="main-content"><h1>PMI dipulangkan dari Sabah</h1>
<div class="article__chunks">{article}</div></article>
<section class="more">{aside}</section></main></body></html>"""


def body_of(html: str) -> list[str]:
    return extract_article(html, "https://berita.example.id/2023/06/02/pmi-sabah").body.split("\n\n")


def test_every_chunk_of_a_split_article_is_read() -> None:
    html = page(chunk(range(1, 5)) + AD + chunk(range(5, 8)) + AD + chunk(range(8, 11)))
    assert body_of(html) == [paragraph(n) for n in range(1, 11)]


def test_the_same_class_elsewhere_on_the_page_adds_nothing() -> None:
    bio = (
        "Budi Santoso adalah wartawan senior yang meliput isu pekerja migran di Asia Tenggara sejak 2005 "
        "dan menulis dua buku tentang perlindungan buruh migran."
    )
    teaser = (
        f'<div class="grid"><div class="grid--item body body__container article__body"><p>{bio}</p>'
        f"<p>{bio.replace('Budi Santoso', 'Dewi Lestari')}</p></div></div>"
    )
    html = page(chunk(range(1, 6)), aside=f'<div class="wrap"><div class="box">{teaser}</div></div>')
    assert body_of(html) == [paragraph(n) for n in range(1, 6)]
