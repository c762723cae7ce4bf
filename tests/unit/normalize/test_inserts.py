"""normalize.inserts: photo credits and comment disclaimers are recognised; article sentences are not."""

from __future__ import annotations

import pytest

from pmi_aggregator.normalize.html_text import html_to_text
from pmi_aggregator.normalize.inserts import is_insert_line


@pytest.mark.parametrize(
    "line",
    [
        "Foto: ANTARA/Budi Santoso",
        "(Foto: Dok. Humas BP2MI)",
        "Ilustrasi: Pekerja migran menunggu di Bandara Soekarno-Hatta.",
        "FOTO/ANTARA",
        "Disclaimer: Komentar yang tampil sepenuhnya menjadi tanggung jawab pengirim.",
        "Komentar yang tampil sepenuhnya menjadi tanggung jawab pengirim dan bukan cerminan redaksi.",
        "Comments are the sole responsibility of their authors.",
        "Disclaimer : Komentar adalah tanggapan pribadi, tidak mewakili kebijakan editorial redaksi.",
    ],
)
def test_credits_and_disclaimers_are_inserts(line: str) -> None:
    assert is_insert_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Fotografer itu ditahan polisi Malaysia karena memotret depot imigrasi.",
        "Komentar menteri itu memicu protes dari serikat pekerja migran di Hong Kong.",
        "The minister's comments drew criticism from the union, which said she was responsible.",
        "Disclaimer: The views and investment tips expressed by experts are their own, not the site's.",
        "Foto-foto yang beredar menunjukkan para pekerja tidur di lantai penampungan. " * 3,
    ],
)
def test_article_sentences_are_not(line: str) -> None:
    assert not is_insert_line(line)


def test_wordpress_content_loses_embeds_and_credits() -> None:
    html = """
    <p>Sebanyak 40 pekerja migran Indonesia dipulangkan dari Sabah pada Kamis.</p>
    <blockquote class="twitter-tweet" data-width="550"><p lang="in" dir="ltr">Hari ini 40 PMI tiba di
    Nunukan. Terima kasih KJRI Kota Kinabalu.</p>&mdash; BP2MI (@BP2MI)
    <a href="https://twitter.com/BP2MI/status/1">March 3, 2022</a></blockquote>
    <p>Foto: Humas BP2MI</p>
    <p>Mereka akan didata sebelum diantar ke daerah asal.</p>"""
    assert html_to_text(html) == (
        "Sebanyak 40 pekerja migran Indonesia dipulangkan dari Sabah pada Kamis.\n\n"
        "Mereka akan didata sebelum diantar ke daerah asal."
    )
