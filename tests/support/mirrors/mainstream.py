"""Mirrors of mainstream tag pages (RECON section 6): kompas, detik, liputan6, CNN Indonesia, tempo.

Each site lists a tag's articles with its own markup and paging, and serves article pages with its
byline format. Kompas pads an exhausted tag with unrelated latest news, page after page, as the real
site does (seen from page 154).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from tests.support.mirrors.routes import RoutedSite, html, text

WIB = timezone(timedelta(hours=7))
PER_PAGE = 4
_BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember"]  # fmt: skip
_HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

PMI_TITLES = [
    "Pemerintah Perketat Pengawasan Penempatan Pekerja Migran",
    "Kisah TKI Asal Cianjur Bertahan di Arab Saudi",
    "BP2MI Ungkap Modus Baru Perekrutan PMI Ilegal",
    "Jenazah PMI Asal NTT Dipulangkan dari Malaysia",
    "KP2MI Buka Lowongan Kerja ke Jepang untuk Perawat",
    "Polisi Tangkap Calo CPMI di Lombok",
    "Buruh Migran di Hong Kong Tuntut Kenaikan Upah",
]
OTHER_TITLES = [
    "Harga Beras Naik Jelang Akhir Tahun",
    "Timnas Indonesia Menang Tipis atas Vietnam",
    "Banjir Rendam Ratusan Rumah di Bekasi",
    "Pemprov DKI Uji Coba Ganjil Genap di Jalan Baru",
    "Film Horor Lokal Tembus Satu Juta Penonton",
    "Bank Indonesia Tahan Suku Bunga Acuan",
]


@dataclass(frozen=True)
class Story:
    title: str
    when: datetime
    ident: int

    @property
    def slug(self) -> str:
        return "-".join(self.title.lower().split())


def stories(titles: list[str], start: datetime, first_id: int) -> list[Story]:
    return [
        Story(t, start - timedelta(days=2 * i, hours=i, minutes=7 * i), first_id + i)
        for i, t in enumerate(titles)
    ]


@dataclass
class TagSite:
    """One site's markup: article path, listing item, article page; and its paging style."""

    name: str
    path: Callable[[Story], str]
    item: Callable[[str, Story], str]
    byline: Callable[[Story], str]
    article_classes: tuple[str, str, str]  # title, date, body elements (tag.class)
    listing: str
    page_url: Callable[[int], str]
    pad: bool = False


def _kompas_path(s: Story) -> str:
    return f"/read/{s.when:%Y/%m/%d}/{s.when:%H%M%S}{s.ident % 100:02d}/{s.slug}"


def _cnn_path(s: Story) -> str:
    return f"/nasional/{s.when:%Y%m%d%H%M%S}-20-{s.ident}/{s.slug}"


SITES: dict[str, TagSite] = {
    "kompas": TagSite(
        "Kompas.com",
        _kompas_path,
        lambda base, s: (
            f'<div class="articleItem"><a class="article-link" href="{base}{_kompas_path(s)}">'
            f'<div class="articleItem-img"><img src="/img/{s.ident}.jpg"></div><div class="articleItem-box">'
            f'<h2 class="articleTitle">{text(s.title)}</h2><div class="articlePost"><div class="articlePost-subtitle">'
            f'Nasional</div><div class="articlePost-date">{s.when:%d/%m/%Y}</div></div></div></a></div>'
        ),
        lambda s: f"Kompas.com - {s.when:%d/%m/%Y, %H:%M} WIB",
        ("h1.read__title", "div.read__time", "div.read__content"),
        "/tag/pekerja-migran-indonesia",
        lambda n: f"/tag/pekerja-migran-indonesia?page={n}",
        pad=True,
    ),
    "detik": TagSite(
        "detikNews",
        lambda s: f"/berita/d-{s.ident}/{s.slug}",
        lambda base, s: (
            f'<article class="list-content__item"><div class="media"><div class="media__image">'
            f'<a href="{base}/berita/d-{s.ident}/{s.slug}" class="media__link"><img src="/i/{s.ident}.jpg" '
            f'alt="{text(s.title)}"></a></div><div class="media__text"><h3 class="media__title">'
            f'<a href="{base}/berita/d-{s.ident}/{s.slug}" class="media__link">{text(s.title)}</a></h3>'
            f'<div class="media__date"><span title="{_hari(s)} {s.when:%d %b %Y %H:%M} WIB">'
            f"{s.when.day} {s.when:%b %Y}</span></div></div></div></article>"
        ),
        lambda s: f"{_hari(s)}, {s.when:%d} {_BULAN[s.when.month - 1]} {s.when:%Y %H:%M} WIB",
        ("h1.detail__title", "div.detail__date", "div.detail__body-text"),
        "/tag/tki/?sortby=time",
        lambda n: f"/tag/tki/?sortby=time&page={n}",
    ),
    "liputan6": TagSite(
        "Liputan6.com",
        lambda s: f"/news/read/{s.ident}/{s.slug}",
        lambda base, s: (
            f'<article class="articles--iridescent-list--item articles--iridescent-list--text-item" '
            f'data-title="{text(s.title)}"><aside><a href="{base}/news/read/{s.ident}/{s.slug}" '
            f'class="ui--a articles--iridescent-list--text-item__title-link"><span>{text(s.title)}</span></a></aside>'
            f'<div class="articles--iridescent-list--text-item__summary">Ringkasan: {text(s.title)}.</div>'
            f'<time class="articles--iridescent-list--text-item__time timeago" datetime="{s.when:%Y-%m-%d %H:%M:%S}">'
            f"{s.when.day} {_BULAN[s.when.month - 1][:3]} {s.when:%Y, %H:%M}</time></article>"
        ),
        lambda s: f"{s.when.day} {_BULAN[s.when.month - 1][:3]} {s.when:%Y, %H:%M} WIB",
        (
            "h1.read-page--header--title",
            "time.read-page--header--author__datetime",
            "div.article-content-body__item-content",
        ),
        "/tag/tki",
        lambda n: f"/tag/tki?page={n}",
    ),
    "cnnindonesia": TagSite(
        "CNN Indonesia",
        _cnn_path,
        lambda base, s: (
            f'<article class="flex-grow"><a href="{base}{_cnn_path(s)}" class="flex group items-center">'
            f'<span class="flex flex-col"><h2 class="text-cnn_black_light mb-2 text-xl">{text(s.title)}</h2>'
            f'<span class="text-xs text-cnn_black_light3"><span class="text-cnn_red">Nasional</span> &bull; '
            f"2 minggu yang lalu</span></span></a></article>"
        ),
        lambda s: f"{_hari(s)}, {s.when:%d %b %Y %H:%M} WIB",
        ("h1", "div.text-cnn_grey.text-sm.mb-4", "div.detail-text"),
        "/tag/tki",
        lambda n: f"/tag/tki?page={n}",
    ),
    "tempo": TagSite(
        "Tempo",
        lambda s: f"/hukum/{s.slug}--{s.ident}",
        lambda base, s: (
            f'<figure class="tag-item"><a href="{base}/hukum/{s.slug}--{s.ident}"><img src="/t.jpg"></a>'
            f'<figcaption><a href="{base}/hukum/{s.slug}--{s.ident}">{text(s.title)}</a>'
            f'<p class="date">{s.when.day} {_BULAN[s.when.month - 1]} {s.when:%Y}</p></figcaption></figure>'
        ),
        lambda s: f"{s.when.day} {_BULAN[s.when.month - 1]} {s.when:%Y | %H.%M} WIB",
        ("h1", "p.date", "div#content-wrapper"),
        "/tag/tki",
        lambda n: f"/tag/tki?page={n}",
    ),
}


def _hari(s: Story) -> str:
    return _HARI[s.when.weekday()]


def _element(selector: str, inner: str) -> str:
    tag, _, rest = selector.partition(".")
    tag, _, ident = tag.partition("#")
    attrs = (f' class="{rest.replace(".", " ")}"' if rest else "") + (f' id="{ident}"' if ident else "")
    return f"<{tag}{attrs}>{inner}</{tag}>"


class MainstreamSite(RoutedSite):
    """A tag's stories (``tagged``), then — on a padding site — the latest unrelated news."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.spec = SITES[key]
        start = datetime(2026, 2, 20, 15, 42, tzinfo=WIB)
        self.tagged = stories(PMI_TITLES, start, 7100000)
        self.padding = stories(OTHER_TITLES * 5, start + timedelta(days=30), 7200000)
        self.by_path = {self.spec.path(s): s for s in self.tagged + self.padding}
        self.route(r"/tag/.*", self._listing)
        self.route(r"/.+", self._article)

    def _page_of(self, query: dict[str, str]) -> int:
        value = query.get("page", "1")
        return int(value) if value.isdigit() else 1

    def _listing(self, base: str, match: object, query: dict[str, str]):  # type: ignore[no-untyped-def]
        page = self._page_of(query)
        items = self.tagged[(page - 1) * PER_PAGE : page * PER_PAGE]
        if self.spec.pad and len(items) < PER_PAGE:  # the tag ran out: fill up with the latest news
            offset = max(0, (page - 1) * PER_PAGE - len(self.tagged))
            items += self.padding[offset : offset + PER_PAGE - len(items)]
        if not items:
            return html(f"<html><body><h1>{self.spec.name}</h1><p>Tidak ada artikel.</p></body></html>")
        body = "".join(self.spec.item(base, s) for s in items)
        nav = f'<a class="paging__link" href="{base}{self.spec.page_url(page + 1)}">Next</a>'
        return html(
            f"<html><head><title>Tag - {self.spec.name}</title></head><body><main>{body}</main>{nav}</body></html>"
        )

    def _article(self, base: str, match: object, query: dict[str, str]):  # type: ignore[no-untyped-def]
        story = self.by_path.get(match.group(0))
        if story is None:
            return None
        title_css, date_css, body_css = self.spec.article_classes
        paragraphs = "".join(
            f"<p>{text(p)}</p>"
            for p in (
                f"JAKARTA, {self.spec.name} - {story.title}. Hal itu disampaikan dalam keterangan tertulis.",
                "Pemerintah menyatakan akan terus memantau perkembangan situasi di lapangan.",
                "Masyarakat diminta untuk mengikuti informasi resmi dari instansi terkait.",
            )
        )
        return html(
            f"<html><head><title>{text(story.title)}</title></head><body>"
            + _element(title_css, text(story.title))
            + _element(date_css, self.spec.byline(story))
            + _element(body_css, paragraphs)
            + "</body></html>"
        )
