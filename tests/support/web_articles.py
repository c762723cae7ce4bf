"""Articles for the web UI's tests: ordinary ones to page and filter, and one hostile in every field."""

from __future__ import annotations

from datetime import datetime

from pmi_aggregator.article import Article
from tests.contract.articles import WIB, art

SCRIPT = "<script>alert(1)</script>"
EVENT = '<img src=x onerror="alert(2)">'


def hostile() -> Article:
    """Script tags, event attributes and a ``javascript:`` link in every field a page shows."""
    return Article(
        url='https://example.com/berita/jahat?x="><script>alert(3)</script>',
        image_url="javascript:alert(3)",
        source=f"src{SCRIPT}",
        title=f"Gaji {SCRIPT} pekerja {EVENT}",
        body=f'Gaji pekerja migran {SCRIPT} ditahan. {EVENT} <a href="javascript:alert(4)">klik</a>',
        summary=f"<mark>gaji</mark> {EVENT}",
        authors=[f"Penulis {SCRIPT}"],
        tags=["<b onmouseover=alert(5)>tag</b>"],
        countries=["MY"],
        topics=[f"gaji{SCRIPT}"],
        published_at=datetime(2024, 2, 2, 9, 0, tzinfo=WIB),
    )


def ordinary() -> list[Article]:
    return [
        art(
            f"n{n:02d}",
            source=f"s{n % 2}",
            title=f"Gaji pekerja migran ke-{n}",
            body="Gaji pekerja migran di Malaysia ditahan majikan." if n % 3 else "Perekrutan ilegal.",
            published=datetime(2024, 1 + n % 6, 1 + n, 9, 0, tzinfo=WIB) if n % 7 else None,
            countries=["MY"] if n % 2 else ["TW"],
            provinces=["Jawa Timur"] if n % 3 else [],
            topics=["gaji"] if n % 3 else ["perekrutan"],
        )
        for n in range(25)
    ]
