"""Mirrors of the NGO, union and migrant-community sources (RECON section 5).

WordPress sites (Migrant CARE, SBMI, Berita Indonesia HK, DDHK, Voice Indonesia) reuse
``WordPressSite``; JBM and Suara BMI are Blogger blogs; Focus Taiwan's Indonesian edition is a custom
site read through its sitemap, with ``08/12/2025 18:40(Diperbaharui 08/12/2025 18:44)`` bylines.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests.support.mirrors.blogger import BloggerSite, BlogPost
from tests.support.mirrors.routes import RoutedSite, html, text, xml
from tests.support.mirrors.wordpress import Post, WordPressSite, build_content_html, slugify

WIB = timezone(timedelta(hours=7))
HKT = timezone(timedelta(hours=8))
TWN = timezone(timedelta(hours=8))

_PMI_TITLES = [
    "Pekerja Migran Indonesia Desak Revisi Aturan Penempatan",
    "Pendampingan Kasus Gaji Tak Dibayar bagi Buruh Migran di Hong Kong",
    "Sekolah Migran: Literasi Keuangan untuk PMI Purna",
    "Korban TPPO Asal NTB Dipulangkan dari Kamboja",
]
_OTHER_TITLES = ["Kajian Ramadhan Bersama Ustadz di Victoria Park", "Laporan Donasi Zakat Bulan Ini"]


def _posts(dateline: str, local: timezone, start: datetime, titles: list[str]) -> list[Post]:
    posts = []
    for i, title in enumerate(titles):
        when = (start - timedelta(days=4 * i, hours=i)).replace(tzinfo=local)
        paragraphs = [
            f"{dateline} – {title}. Kegiatan ini diikuti puluhan peserta dari berbagai komunitas.",
            "Para peserta berbagi pengalaman dan menyampaikan harapan kepada pemerintah.",
            "Panitia berharap kegiatan serupa dapat digelar secara rutin setiap bulan.",
        ]
        posts.append(
            Post(
                slug=slugify(title),
                title=title,
                content_html=build_content_html(paragraphs, ad_after=None),
                date_gmt=when.astimezone(timezone.utc),
                author="Redaksi",
                categories=["Berita"],
            )
        )
    return posts


def wordpress_site(key: str) -> WordPressSite:
    """The WordPress mirror of one NGO source (see ``WORDPRESS``)."""
    name, tz, dateline, titles = WORDPRESS[key]
    return WordPressSite(
        name=name,
        tagline=name,
        tz_offset=tz,
        timezone_string="Asia/Hong_Kong" if tz == timedelta(hours=8) else "Asia/Jakarta",
        posts=_posts(dateline, timezone(tz), datetime(2026, 3, 10, 9, 15), titles),
    )


WORDPRESS: dict[str, tuple[str, timedelta, str, list[str]]] = {
    "migrantcare": ("Migrant CARE", timedelta(hours=7), "Jakarta, Migrant CARE", _PMI_TITLES),
    "sbmi": ("SBMI", timedelta(hours=7), "Jakarta, 4 November 2023", _PMI_TITLES[:3]),
    "beritaindonesia-hk": ("Berita Indonesia", timedelta(hours=8), "Hong Kong, BI", _PMI_TITLES),
    "ddhk": (
        "Dompet Dhuafa Hong Kong",
        timedelta(hours=8),
        "Hong Kong, DDHK",
        _PMI_TITLES[:2] + _OTHER_TITLES,
    ),
    "voiceindonesia": ("Voice Indonesia", timedelta(hours=7), "Jakarta, Voice", _PMI_TITLES[1:]),
}
RELEVANT = set(_PMI_TITLES)


def blogger_site(key: str) -> BloggerSite:
    title = {"jbm": "Jaringan Buruh Migran", "suarabmi": "Suara BMI"}[key]
    start = datetime(2025, 11, 20, 19, 5, tzinfo=WIB)
    posts = [
        BlogPost(
            title=f"{t} Bagian {i + 1}",
            when=start - timedelta(days=6 * i, minutes=13 * i),
            paragraphs=(
                f"Jakarta – {t}. Pernyataan ini disampaikan dalam konferensi pers bersama jaringan.",
                "Jaringan mendesak pemerintah memperkuat pelindungan buruh migran dan keluarganya, "
                "termasuk pengawasan terhadap perusahaan penempatan yang masih memungut biaya berlebihan.",
            ),
        )
        for i, t in enumerate(_PMI_TITLES * 2)
    ]
    return BloggerSite(title, posts)


# --- Focus Taiwan --------------------------------------------------------------------------------------
FOCUS = [
    ("society", "202512080012", "Pekerja Migran Indonesia di Taiwan Rayakan Hari Migran Internasional",
     datetime(2025, 12, 8, 18, 40, tzinfo=TWN), datetime(2025, 12, 8, 18, 44, tzinfo=TWN)),
    ("society", "202511270031", "Kementerian Tenaga Kerja Taiwan Naikkan Upah Minimum PMI Sektor Perawat",
     datetime(2025, 11, 27, 9, 5, tzinfo=TWN), None),
    ("business", "202511250007", "Ekspor Semikonduktor Taiwan Cetak Rekor Baru",
     datetime(2025, 11, 25, 14, 30, tzinfo=TWN), None),
]  # fmt: skip
FOCUS_RELEVANT = {f"/{s}/{i}" for s, i, t, _, _ in FOCUS if "PMI" in t or "Migran" in t}


def _tw(when: datetime) -> str:
    return f"{when:%d/%m/%Y %H:%M}"


def focustaiwan_site() -> RoutedSite:
    site = RoutedSite()

    def sitemap(base, match, query):  # type: ignore[no-untyped-def]
        urls = "".join(
            f"<url><loc>{base}/{s}/{i}</loc><lastmod>{(m or w).isoformat()}</lastmod></url>"
            for s, i, _, w, m in FOCUS
        )
        extra = f"<url><loc>{base}/about</loc></url>"
        return xml(
            f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}{extra}</urlset>"
        )

    def article(base, match, query):  # type: ignore[no-untyped-def]
        for section, ident, title, when, modified in FOCUS:
            if (section, ident) == match.groups():
                updated = f'<span class="updated">(Diperbaharui {_tw(modified)})</span>' if modified else ""
                return html(
                    f"<html><head><title>{text(title)} - Focus Taiwan</title></head><body>"
                    f'<div class="centralContent"><h1><span>{text(title)}</span></h1>'
                    f'<div class="updatetime"><span>{_tw(when)}</span>{updated}</div>'
                    f'<div class="paragraph"><p>Taipei, {when.day} {when:%b} (CNA) {text(title)}.</p>'
                    "<p>Menurut data Kementerian Tenaga Kerja, jumlah pekerja asing terus bertambah.</p>"
                    "<p>(Editor: Redaksi)</p></div></div></body></html>"
                )
        return None

    site.route(r"/sitemap\.xml", sitemap)
    site.route(r"/([a-z-]+)/(\d{12})", article)
    return site
