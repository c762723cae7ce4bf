"""Deterministic, realistic generated articles for the benchmarks (Indonesian PMI news vocabulary).

Sentences come from the seed-portal mirror's articles, recombined with varied names, places and
numbers, so the vocabulary and word frequencies look like the real thing at any scale.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.mirrors.apakabar import build_posts
from tests.support.mirrors.wordpress import article_paragraphs

PLACES = [
    "Kupang",
    "Hong Kong",
    "Taipei",
    "Kuala Lumpur",
    "Riyadh",
    "Jeddah",
    "Singapura",
    "Seoul",
    "Osaka",
    "Nunukan",
    "Batam",
    "Indramayu",
    "Cilacap",
    "Lombok Timur",
    "Sumba Barat Daya",
    "Ponorogo",
    "Blitar",
    "Banyuwangi",
]
NAMES = [
    "Siti",
    "Rina",
    "Dewi",
    "Yohanes",
    "Agus",
    "Nurul",
    "Maria",
    "Kartika",
    "Budi",
    "Lestari",
    "Ahmad",
    "Wati",
]
SOURCES = ["apakabaronline", "kp2mi", "antara", "migrantcare", "sbmi", "beritaindonesia-hk"]


def _sentences() -> list[str]:
    found: list[str] = []
    for post in build_posts():
        for paragraph in article_paragraphs(post.content_html):
            found.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", paragraph) if len(s.split()) > 5)
    return found


def generate(count: int, *, seed: int = 7, words: int = 320) -> Iterator[dict]:
    """``count`` article dicts (url, source, title, body, summary, published_at, authors, tags)."""
    rng = random.Random(seed)
    sentences = _sentences()
    start = datetime(2018, 1, 1, tzinfo=timezone(timedelta(hours=7)))
    for n in range(count):
        body_sentences: list[str] = []
        length = 0
        while length < words:
            sentence = rng.choice(sentences)
            sentence = sentence.replace("Kupang", rng.choice(PLACES)).replace("Hong Kong", rng.choice(PLACES))
            sentence = f"{sentence} Kasus nomor {rng.randint(1, 9999)} dicatat {rng.choice(NAMES)}."
            body_sentences.append(sentence)
            length += len(sentence.split())
        paragraphs = [" ".join(body_sentences[i : i + 4]) for i in range(0, len(body_sentences), 4)]
        title_words = rng.choice(sentences).split()[:10]
        yield {
            "url": f"https://bench.example/{n // 1000}/artikel-{n}/",
            "source": SOURCES[n % len(SOURCES)],
            "title": " ".join(title_words).rstrip(".,") + f" ({rng.choice(PLACES)})",
            "body": "\n\n".join(paragraphs),
            "summary": paragraphs[0][:200],
            "authors": [rng.choice(NAMES)],
            "tags": rng.sample(["PMI", "TKI", "Hong Kong", "Taiwan", "TPPO", "Deportasi", "Remitansi"], 2),
            "published_at": (start + timedelta(minutes=37 * n)).isoformat(),
            "published_at_source": "api",
        }


QUERIES = [
    "pekerja migran",
    "perekrutan",
    "deportasi",
    "hong kong",
    "taiwan",
    "kupang",
    "jenazah",
    "remitansi",
    '"pekerja migran indonesia"',
    "calo -malaysia",
    "bpjs OR asuransi",
    "pelatihan cpmi",
    "kp2mi",
    "majikan",
    "gaji",
    "tppo",
    "paspor",
    "kjri",
    "visa kerja",
    "pemulangan",
]
