"""Article pages: embedded posts, photo captions and comment disclaimers are not the article's text."""

from __future__ import annotations

from pmi_aggregator.extract.page import extract_article

LEDE = (
    "Jakarta - Sebanyak 120 pekerja migran Indonesia dipulangkan dari Sabah pada Jumat pagi setelah "
    "menjalani masa tahanan di depot imigrasi Menggatal, kata juru bicara BP2MI."
)
MIDDLE = (
    "Para pekerja tiba di Pelabuhan Nunukan dan didata petugas sebelum diberangkatkan ke daerah asal "
    "masing-masing dengan kapal Pelni."
)
LAST = "Pemerintah daerah menyiapkan bus untuk mengantar mereka ke kampung halaman masing-masing."

PAGE = f"""<!doctype html><html lang="id"><head><title>Ratusan PMI dipulangkan dari Sabah</title>
<meta property="article:published_time" content="2023-06-02T08:00:00+07:00"></head>
<body><header><nav><a href="/">Beranda</a></nav></header>
<article><h1>Ratusan PMI dipulangkan dari Sabah</h1>
<div class="post-content" itemprop="articleBody">
<figure class="image"><img src="/a.jpg"><figcaption>Petugas mendata PMI di Nunukan. (ANTARA/Fulan)</figcaption></figure>
<p>{LEDE}</p>
<div class="photo-wrap"><img src="/b.jpg"><span class="caption">Kapal Pelni bersandar di Nunukan.</span></div>
<p>Foto: ANTARA/Budi Santoso</p>
<blockquote class="twitter-tweet"><p lang="in" dir="ltr">Kami terus memantau pemulangan PMI dari Sabah
bersama KJRI Kota Kinabalu demi perlindungan WNI.</p>&mdash; BP2MI (@BP2MI)
<a href="https://twitter.com/BP2MI/status/1">May 1, 2021</a></blockquote>
<p>{MIDDLE}</p>
<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/x/"
data-instgrm-version="14"><div><a href="https://www.instagram.com/p/x/">Lihat postingan ini di
Instagram</a></div><p><a href="https://www.instagram.com/p/x/">Sebuah kiriman dibagikan oleh
Kemnaker RI (@kemnaker)</a></p></blockquote>
<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@bp2mi/video/1" data-video-id="1">
<section><a href="https://www.tiktok.com/@bp2mi">@bp2mi</a> Kepulangan pekerja migran dari Sabah
#pmi #bp2mi</section></blockquote>
<p>{LAST}</p>
<p>Komentar yang tampil sepenuhnya menjadi tanggung jawab pengirim dan bukan cerminan sikap redaksi.</p>
</div></article></body></html>"""


def test_embeds_captions_and_disclaimers_leave_the_body() -> None:
    article = extract_article(PAGE, "https://berita.example.id/2023/06/02/pmi-sabah")
    assert article.body == f"{LEDE}\n\n{MIDDLE}\n\n{LAST}"


def test_an_embedded_post_gives_the_article_no_date() -> None:
    undated = PAGE.replace('<meta property="article:published_time" content="2023-06-02T08:00:00+07:00">', "")
    article = extract_article(undated, "https://berita.example.id/pmi-sabah")
    assert article.published_at is None
