"""Mirror of the KP2MI ministry site (kp2mi.go.id, formerly bp2mi.go.id), after RECON section 3.

CodeIgniter-style routes (``/berita``, ``/berita-detail/<slug>``, the same under ``/index.php/``), a
header that prints today's date (``Friday, 3 October 2025``) with the call-centre number, article
meta ``10.30 27 January 2026 123`` (time, date, views) and a ``Total Visitors`` counter. Some listing
links still use the old host (served here as ``localhost``, mapped by ``host_aliases`` in the test).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from tests.support.mirrors.routes import RoutedSite, html, text

WIB = timezone(timedelta(hours=7))
RENDER_DATE = "Friday, 3 October 2025"
PER_PAGE = 5
OLD_HOST = "localhost"


@dataclass(frozen=True)
class News:
    slug: str
    title: str
    when: datetime  # WIB
    views: int
    city: str
    paragraphs: tuple[str, ...]


_TOPICS = [
    ("Hong Kong", "Temui Pegiat PMI KRPI Hong Kong, BP2MI Rangkul Semua Komunitas Pekerja Migran Indonesia"),
    ("Yogyakarta", "BP3MI D.I. Yogyakarta dan Kementerian PPN Tinjau Usaha Purna Pekerja Migran di Sleman"),
    ("Jakarta", "Menteri P2MI Lepas 120 Pekerja Migran Program G to G Korea"),
    ("Surabaya", "KemenP2MI Gagalkan Penempatan Nonprosedural 35 CPMI di Juanda"),
    ("Mataram", "Sosialisasi Migrasi Aman di Desa Kantong PMI Lombok Timur"),
    ("Kupang", "Pemulangan Jenazah Pekerja Migran Asal NTT dari Malaysia"),
    ("Jakarta", "KemenP2MI Teken Nota Kesepahaman Pelindungan dengan Pemerintah Jepang"),
    ("Medan", "Layanan Terpadu Satu Atap Sumut Layani 400 Calon Pekerja Migran"),
    ("Batam", "Tim Gabungan Cegah Keberangkatan PMI Ilegal di Pelabuhan Batam Center"),
    ("Semarang", "Pelatihan Kewirausahaan bagi Purna PMI di Jawa Tengah"),
    ("Jakarta", "KemenP2MI Umumkan Hasil Seleksi EPS-TOPIK Tahap Kedua"),
    ("Pontianak", "Deportasi 60 WNI dari Sarawak Ditangani BP3MI Kalimantan Barat"),
]


def build_news() -> list[News]:
    news = []
    start = datetime(2026, 1, 27, 10, 30, tzinfo=WIB)
    for i, (city, title) in enumerate(_TOPICS):
        when = start - timedelta(days=9 * i, hours=3 * i, minutes=5 * i)
        slug = title.lower().replace(".", "").replace(",", "").replace(" ", "-")
        agency = "KemenP2MI" if when.year >= 2025 else "BP2MI"
        news.append(
            News(
                slug=slug,
                title=title,
                when=when,
                views=120 + 37 * i,
                city=city,
                paragraphs=(
                    f"{city}, {agency} ({when.day}/{when.month}) – {title}. Kegiatan ini menjadi bagian dari "
                    "upaya pelindungan pekerja migran Indonesia sejak sebelum bekerja hingga setelah bekerja.",
                    "Kepala BP3MI menyampaikan bahwa seluruh calon pekerja migran harus berangkat melalui "
                    "jalur resmi dan terdaftar di SISKOP2MI agar hak-haknya terlindungi.",
                    f"Pada kesempatan tersebut, {agency} juga membuka layanan pengaduan 24 jam bagi keluarga "
                    "pekerja migran di seluruh Indonesia.",
                ),
            )
        )
    return news


NEWS = build_news()


def meta_date(news: News) -> str:
    """``10.30 27 January 2026`` — time with a dot, English month (the site's format)."""
    return f"{news.when:%H.%M} {news.when.day} {news.when:%B %Y}"


def _link(base: str, news: News, index: int) -> str:
    if index % 4 == 1:
        return f"{base}/index.php/berita-detail/{news.slug}"  # the CodeIgniter spelling
    if index % 4 == 2:
        return f"{base.replace('127.0.0.1', OLD_HOST)}/berita-detail/{news.slug}"  # the old host
    return f"{base}/berita-detail/{news.slug}"


def _page(base: str, title: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{text(title)} | KP2MI</title>
<link rel="stylesheet" href="{base}/assets/dist/css/style.css"></head>
<body>
<div class="topbar"><div class="container">
  <span class="topbar-date"><i class="fa fa-calendar"></i> {RENDER_DATE}</span>
  <span class="callcenter"><i class="fa fa-phone"></i> 0800-1000</span>
  <a href="https://mail.kp2mi.go.id">Webmail</a> <a href="#" class="lang">Bahasa Inggris</a>
</div></div>
<nav class="navbar"><a href="{base}/"><img src="{base}/assets/dist/img/logo_kp2mi-ntxt.png" alt="logo"></a>
  <ul><li><a href="{base}/berita">Berita</a></li><li><a href="{base}/index.php/profil-kontak">Kontak</a></li></ul></nav>
<main class="container">{main}</main>
<footer><div class="visitor-counter">Total Visitors <span>1.284.551</span></div>
<p>&copy; 2026 Kementerian Pelindungan Pekerja Migran Indonesia / BP2MI</p></footer>
</body></html>"""


def _listing(base: str, page: int) -> str | None:
    chunk = NEWS[(page - 1) * PER_PAGE : page * PER_PAGE]
    if not chunk:
        return None
    cards = "\n".join(
        f"""<div class="card-berita"><img src="{base}/uploads/berita/images/{n.slug[:20]}.jpg" alt="">
  <a class="judul" href="{_link(base, n, (page - 1) * PER_PAGE + i)}">{text(n.title)}</a>
  <p class="tanggal">{meta_date(n)}</p><span class="views"><i class="fa fa-eye"></i> {n.views}</span></div>"""
        for i, n in enumerate(chunk)
    )
    pages = (len(NEWS) + PER_PAGE - 1) // PER_PAGE
    nav = "".join(f'<li><a href="{base}/berita?page={n}">{n}</a></li>' for n in range(1, pages + 1))
    main = f'<h2>Berita</h2><div class="list-berita">{cards}</div><ul class="pagination">{nav}</ul>'
    return _page(base, "Berita", main)


def _article(base: str, news: News) -> str:
    body = "".join(f"<p>{text(p)}</p>" for p in news.paragraphs)
    main = f"""<ol class="breadcrumb"><li>Berita</li><li>Berita Utama</li></ol>
<div class="berita-detail"><h1 class="judul-berita">{text(news.title)}</h1>
<div class="meta-berita"><span class="tanggal">{meta_date(news)}</span>
  <span class="views"><i class="fa fa-eye"></i> {news.views}</span></div>
<img src="{base}/uploads/berita/images/{news.slug[:20]}.jpg" alt="{text(news.title)}">
<div class="isi-berita">{body}</div>
<div class="bagikan">Bagikan: <a href="#">Facebook</a> <a href="#">Twitter</a></div></div>"""
    return _page(base, news.title, main)


def build_site() -> RoutedSite:
    site = RoutedSite()
    by_slug = {n.slug: n for n in NEWS}

    def listing(base, match, query):  # type: ignore[no-untyped-def]
        page = int(query.get("page", "1") or 1) if query.get("page", "1").isdigit() else 1
        body = _listing(base, page)
        return html(body) if body else None

    def article(base, match, query):  # type: ignore[no-untyped-def]
        news = by_slug.get(match.group(1))
        return html(_article(base, news)) if news else None

    site.route(r"(?:/index\.php)?/berita/?", listing)
    site.route(r"(?:/index\.php)?/berita-detail/([^/]+)", article)
    return site
