"""The copy htmldate reads: the lists of other posts are gone, the article stays."""

import lxml.html

from pmi_aggregator.extract.html_date import _without_other_posts

PAGE = """<html><body id="top-latest">
<header><nav><a href="/">Beranda</a> 01/02/2020</nav></header>
<article class="post"><h1>Judul</h1><p class="Byline">Kamis, 05/11/2015</p><p>Isi berita.</p></article>
<div class="Widget-Area"><p>01/02/2021</p></div>
<section id="Berita-TERKAIT"><p>03/04/2021</p></section>
<div class="más-related"><p>05/06/2021</p></div>
<div class="post-list"><p>Ramadan 2019</p></div>
<aside><p>07/08/2021</p></aside>
<footer class="site"><div class="sidebar"><p>09/10/2021</p></div></footer>
</body></html>"""


def test_other_posts_are_dropped_whatever_the_case_of_their_class_or_id():
    root = lxml.html.fromstring(PAGE)
    text = " ".join(" ".join(_without_other_posts(root).itertext()).split())
    assert text == "Judul Kamis, 05/11/2015 Isi berita. Ramadan 2019"


def test_the_page_given_is_left_as_it_is():
    root = lxml.html.fromstring(PAGE)
    before = lxml.html.tostring(root)
    _without_other_posts(root)
    assert lxml.html.tostring(root) == before
