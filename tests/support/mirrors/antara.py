"""Mirror of ANTARA (antaranews.com), after RECON section 4.

RSS feeds ``/rss/<section>.xml`` with ``dc:creator``, ``content:encoded`` and ``media:content``, mixing
``/berita/``, ``/video/`` and ``/foto/`` items and non-PMI news (the Red Cross "PMI" among them);
tag pages ``/tag/<slug>`` and ``/tag/<slug>/<n>`` with ``div.card__post`` cards; article pages with
the footer that forbids crawling for AI.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

from tests.support.mirrors.routes import RSS, RoutedSite, html, text, xml

WIB = timezone(timedelta(hours=7))
_DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember"]  # fmt: skip


@dataclass(frozen=True)
class Item:
    id: int
    kind: str  # berita | video | foto
    title: str
    summary: str
    when: datetime
    relevant: bool

    @property
    def path(self) -> str:
        slug = "-".join(self.title.lower().replace(",", "").replace(":", "").split())
        return f"/{self.kind}/{self.id}/{slug}"


_SPECS = [
    ("berita", "Pemprov NTT pulangkan 12 PMI nonprosedural dari Malaysia",
     "Kupang (ANTARA) - Pemerintah Provinsi NTT memulangkan 12 pekerja migran dari Malaysia.", True),
    ("berita", "PMI Kota Bogor gelar donor darah massal",
     "Bogor (ANTARA) - Palang Merah Indonesia menggelar donor darah menyambut HUT RI.", False),
    ("video", "Video: pemulangan pekerja migran di Nunukan", "Video pemulangan PMI.", True),
    ("berita", "KP2MI gagalkan keberangkatan 40 calon pekerja migran ilegal",
     "Batam (ANTARA) - KP2MI menggagalkan keberangkatan calon pekerja migran nonprosedural.", True),
    ("berita", "Harga cabai rawit naik menjelang Natal",
     "Jakarta (ANTARA) - Harga cabai rawit di pasar tradisional naik.", False),
    ("foto", "Foto: pekerja migran tiba di Bandara Soekarno-Hatta", "Foto kedatangan PMI.", True),
    ("berita", "PMI manufaktur Indonesia kembali ekspansi",
     "Jakarta (ANTARA) - S&P Global mencatat PMI manufaktur di level 51,2.", False),
    ("berita", "Ratusan WNI dideportasi dari Sabah lewat Nunukan",
     "Nunukan (ANTARA) - Ratusan WNI dideportasi dari Sabah setelah menjalani hukuman.", True),
    ("berita", "Timnas U-23 lolos ke semifinal",
     "Jakarta (ANTARA) - Timnas U-23 Indonesia lolos ke semifinal.", False),
    ("berita", "Polda Kalbar ungkap TPPO dengan korban pekerja migran ke Malaysia",
     "Pontianak (ANTARA) - Polisi mengungkap kasus TPPO yang memberangkatkan pekerja migran.", True),
]  # fmt: skip


def build_items() -> list[Item]:
    start = datetime(2026, 5, 28, 13, 27, 46, tzinfo=WIB)
    return [
        Item(5100000 + i, kind, title, summary, start - timedelta(hours=5 * i, minutes=7 * i), relevant)
        for i, (kind, title, summary, relevant) in enumerate(_SPECS)
    ]


ITEMS = build_items()
FEEDS = {
    "terkini": ITEMS,
    "humaniora": ITEMS[1:5],
    "dunia": ITEMS[6:],
    "hukum": [ITEMS[3], ITEMS[9]],
}
TAG_PAGES = {"pekerja-migran-indonesia": [[ITEMS[0], ITEMS[2], ITEMS[3]], [ITEMS[7], ITEMS[9]]]}
EXPECTED = [i for i in ITEMS if i.kind == "berita" and i.relevant]


def indonesian_date(when: datetime) -> str:
    """``Kamis, 28 Mei 2026 13:27 WIB`` (article pages) — without ``WIB`` on cards."""
    return f"{_DAYS[when.weekday()]}, {when.day} {_MONTHS[when.month - 1]} {when.year} {when:%H:%M}"


def body_paragraphs(item: Item) -> list[str]:
    return [
        item.summary,
        "Kepala dinas setempat mengatakan pemerintah daerah terus berkoordinasi dengan kementerian terkait.",
        "Menurut dia, masyarakat diminta untuk selalu waspada terhadap tawaran kerja yang tidak jelas.",
    ]


def _rss(base: str, section: str, full: bool) -> str:
    items = []
    for item in FEEDS[section]:
        content = "".join(f"<p>{text(p)}</p>" for p in body_paragraphs(item)) if full else item.summary
        items.append(f"""<item>
<title><![CDATA[{item.title}]]></title>
<link>{base}{item.path}</link>
<guid isPermaLink="true">{base}{item.path}</guid>
<pubDate>{format_datetime(item.when)}</pubDate>
<dc:creator><![CDATA[Benny Jahang]]></dc:creator>
<description><![CDATA[<img src="{base}/img/{item.id}.jpg" align="left" /> {item.summary}]]></description>
<content:encoded><![CDATA[{content}]]></content:encoded>
<media:content url="https://img.antaranews.com/cache/800x533/{item.id}.jpg" medium="image" />
</item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>ANTARA News - {section.capitalize()}</title><link>{base}/</link>
<description>Berita {section} terbaru</description><language>id</language>
{"".join(items)}
</channel></rss>"""


def _shell(base: str, title: str, main: str) -> str:
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{text(title)} - ANTARA News</title></head>
<body><header class="header"><a href="{base}/">ANTARA</a></header><main>{main}</main>
<footer><p>Copyright &copy; ANTARA 2026</p><p>Dilarang keras mengambil konten, melakukan crawling atau pengindeksan
otomatis untuk AI di situs web ini tanpa izin tertulis dari Kantor Berita ANTARA.</p></footer></body></html>"""


def _card(base: str, item: Item) -> str:
    return f"""<div class="card__post card__post-list card__post__transition mt-30"><div class="row">
<div class="col-md-5"><a href="{base}{item.path}"><img src="{base}/img/{item.id}.jpg" alt=""></a></div>
<div class="col-md-7 my-auto pl-0"><div class="card__post__body"><div class="card__post__content">
<div class="card__post__title"><h2 class="h5"><a href="{base}{item.path}" title="{text(item.title)}">{text(item.title)}</a></h2></div>
<div class="card__post__author-info mb-2"><ul class="list-inline"><li class="list-inline-item">
<span class="text-secondary font-weight-normal">{indonesian_date(item.when)}</span></li></ul></div>
<p>{text(item.summary)}</p></div></div></div></div></div>"""


def _article(base: str, item: Item) -> str:
    paragraphs = "".join(f"<p>{text(p)}</p>" for p in body_paragraphs(item))
    main = f"""<div class="wrap__article-detail"><ul class="breadcrumbs"><li class="breadcrumbs__item">Berita</li></ul>
<h1 class="wrap__article-detail-title">{text(item.title)}</h1>
<div class="wrap__article-detail-info"><ul class="list-inline"><li class="list-inline-item">
<span class="text-secondary font-weight-normal">{indonesian_date(item.when)} WIB</span></li></ul></div>
<div class="wrap__article-detail-content post-content">{paragraphs}
<span class="baca-juga">Baca juga: Berita lain</span>
<p class="text-muted mt-2 small">Pewarta: Pewarta ANTARA<br>Editor: Redaktur</p></div></div>"""
    return _shell(base, item.title, main)


class AntaraSite(RoutedSite):
    content_encoded = True
    """False: the feeds carry the summary only (as some ANTARA feeds do), pages have the text."""


def build_site() -> AntaraSite:
    site = AntaraSite()
    by_id = {i.id: i for i in ITEMS}

    def feed(base, match, query):  # type: ignore[no-untyped-def]
        section = match.group(1)
        return xml(_rss(base, section, site.content_encoded), RSS) if section in FEEDS else None

    def tag(base, match, query):  # type: ignore[no-untyped-def]
        pages = TAG_PAGES.get(match.group(1), [])
        n = int(match.group(2) or 1)
        if not 1 <= n <= len(pages):
            return None
        cards = "".join(_card(base, i) for i in pages[n - 1])
        return html(_shell(base, f"Tag {match.group(1)}", f'<div class="tag-list">{cards}</div>'))

    def article(base, match, query):  # type: ignore[no-untyped-def]
        item = by_id.get(int(match.group(2)))
        return html(_article(base, item)) if item and item.kind == match.group(1) else None

    site.route(r"/rss/([a-z-]+)\.xml", feed)
    site.route(r"/tag/([a-z0-9-]+)(?:/(\d+))?", tag)
    site.route(r"/(berita|video|foto)/(\d+)/[^/]+", article)
    return site
