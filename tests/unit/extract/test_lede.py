"""A lede that precision mode drops (loose text or its own div, ended by <br><br>) is read back; the
headline, date lines and link lists before an article are not; precision mode failing falls back."""

from __future__ import annotations

from typing import Any

import pytest

from pmi_aggregator.extract.page import extract_article

LEDE = (
    "Jakarta - Kepala BP2MI mengatakan ratusan pekerja migran Indonesia dipulangkan dari Sabah pekan "
    "ini setelah berbulan-bulan ditahan di depot imigrasi Menggatal."
)
PARAGRAPHS = [
    "Para pekerja tiba di Pelabuhan Nunukan pada Jumat pagi dan langsung didata oleh petugas BP3MI "
    f"Kalimantan Utara sebelum diberangkatkan ke daerah asal masing-masing. Rombongan ke-{n} ini "
    "terdiri dari laki-laki, perempuan dan anak-anak."
    for n in range(1, 5)
]
BODY = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def page(article: str) -> str:
    return f"""<!doctype html><html lang="id"><head><title>Ratusan PMI dipulangkan dari Sabah</title></head>
<body><div class="top"><ul class="menu"><li><a href="/">Beranda</a></li><li><a href="/n">Nasional</a></li>
<li><a href="/d">Daerah</a></li></ul></div>
<div class="wrapper"><div class="main-col"><h1 class="judul">Ratusan PMI dipulangkan dari Sabah</h1>
<div class="meta">Jumat, 2 Juni 2023 08:00 WIB</div>
<div class="isi">{article}</div></div>
<div class="sidebar"><h3>Terpopuler</h3><ul><li><a href="/a">Harga cabai naik lagi di pasar induk</a></li>
<li><a href="/b">Banjir rendam tiga desa</a></li></ul></div></div>
<div class="footer">Hak cipta 2023 Berita Contoh</div></body></html>"""


def body_of(html: str) -> list[str]:
    return extract_article(html, "https://berita.example.id/2023/06/02/pmi-sabah").body.split("\n\n")


def test_a_lede_in_its_own_div_before_br_is_kept() -> None:
    html = page(f'<div class="lead"><div class="lead-text">{LEDE}<br><br></div></div>{BODY}')
    assert body_of(html) == [LEDE, *PARAGRAPHS]


def test_a_lede_written_as_loose_text_before_br_is_kept() -> None:
    html = page(f"<strong>Jakarta</strong> - {LEDE.removeprefix('Jakarta - ')}<br><br>{BODY}")
    assert body_of(html) == [LEDE, *PARAGRAPHS]


def test_the_headline_date_and_menus_before_the_article_are_not_taken() -> None:
    assert body_of(page(BODY)) == PARAGRAPHS


def test_a_link_list_before_the_first_paragraph_is_not_a_lede() -> None:
    links = "".join(f'<a href="/t{n}">Baca berita pekerja migran nomor {n} hari ini.</a> ' for n in range(3))
    assert body_of(page(f"<div class='tags'>{links}</div>{BODY}")) == PARAGRAPHS


def test_precision_mode_failing_falls_back_to_the_default_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    extract = trafilatura.extract

    def precision_fails(tree: Any, **options: Any) -> str | None:
        if options.get("favor_precision"):
            raise ValueError("precision mode failed on this page")
        return extract(tree, **options)

    monkeypatch.setattr(trafilatura, "extract", precision_fails)
    assert PARAGRAPHS[0] in body_of(page(BODY))
