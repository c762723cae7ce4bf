"""Story groups to measure linking on: the labelled set's stories, and copies generated from real pages.

Both read ../shared at run time (nothing of them is copied here). A generated group takes one real
article and makes what syndication does to it: another outlet's dateline and credit line, a new title,
a dropped paragraph, a few words swapped, a shorter excerpt. Each item is (Article, gold story id,
kind), with kind ``syndicated``, ``same_event`` or None for an article in no group.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pmi_aggregator.article import Article
from pmi_aggregator.domain.article_annotation import annotate_article

Item = tuple[Article, str | None, str | None]
_WIB = timezone(timedelta(hours=7))
_CRAWLED = datetime(2026, 6, 1, tzinfo=timezone.utc)
_SWAPS = {
    "mengatakan": "menyebutkan",
    "kata": "ujar",
    "sebanyak": "sejumlah",
    "pemerintah": "otoritas",
    "warga": "penduduk",
    "Selasa": "Rabu",
    "bahwa": "jika",
    "telah": "sudah",
    "juga": "pula",
}
GENERATED = "gen-"
"""The prefix of generated groups' ids."""
_OUTLETS = ("harian-timur", "warta-migran", "suara-kupang", "kabar-rantau")


def _published(value: str | None) -> datetime | None:
    """Day dates only: the Article schema holds no month precision, so ``YYYY-MM`` is undated."""
    if not value or len(value) != 10:
        return None
    return datetime.fromisoformat(value).replace(hour=12, tzinfo=_WIB)


def _annotated(article: Article) -> Article:
    annotate_article(article)
    return article


def labelled_items(path: Path) -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        article = Article(
            url=row["url"],
            source=row["source"],
            title=row.get("title") or "",
            body=row.get("text") or "",
            published_at=_published(row.get("published")),
            crawled_at=_CRAWLED,
        )
        labels = row["labels"]
        items.append((_annotated(article), labels.get("story"), labels.get("story_kind")))
    return items


def _rewrite(body: str, rng: random.Random, outlet: str, variant: int) -> str:
    paragraphs = [p for p in body.split("\n") if p.strip()]
    if variant == 0:  # a verbatim copy with another outlet's dateline and credit line
        return f"{outlet.upper()} - " + "\n".join(paragraphs) + "\nSumber: ANTARA"
    if variant == 1 and len(paragraphs) > 3:  # a paragraph dropped, words swapped
        del paragraphs[rng.randrange(1, len(paragraphs))]
    words = "\n".join(paragraphs).split(" ")
    for i, word in enumerate(words):
        if word in _SWAPS and rng.random() < 0.7:
            words[i] = _SWAPS[word]
    text = " ".join(words)
    if variant == 2:  # an excerpt: the first two thirds
        text = text[: max(400, len(text) * 2 // 3)]
    return text + f"\n\nBaca berita lainnya di {outlet}.example"


def generated_items(realpages: Path, seed: int = 14) -> list[Item]:
    """Real article pages, each with three generated copies at other outlets (a minute to a day later)."""
    rng = random.Random(seed)
    items: list[Item] = []
    for expected in sorted(realpages.glob("*/*.html.expected.json")):
        page = json.loads(expected.read_text(encoding="utf-8"))
        body, title = page.get("content") or "", page.get("title") or ""
        if len(body) < 600 or not page.get("date_iso_utc"):
            continue
        published = datetime.fromisoformat(page["date_iso_utc"])
        group = f"{GENERATED}{expected.parent.name}-{expected.name.split('.')[0]}"
        original = Article(
            url=page["url"],
            source=expected.parent.name,
            title=title,
            body=body,
            published_at=published,
            crawled_at=_CRAWLED,
        )
        items.append((_annotated(original), group, "syndicated"))
        for variant, outlet in enumerate(rng.sample(_OUTLETS, 3)):
            copy = Article(
                url=f"https://{outlet}.example/{group}/{variant}",
                source=outlet,
                title=f"{title.split(',')[0]} ({outlet.split('-')[1].title()})",
                body=_rewrite(body, rng, outlet, variant),
                published_at=published + timedelta(minutes=rng.randrange(1, 1440)),
                crawled_at=_CRAWLED,
            )
            items.append((_annotated(copy), group, "syndicated"))
    return items
