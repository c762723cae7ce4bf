"""Template learning's gain: body precision, recall and F1 with and without a source's learned template.

    python benchmarks/bench_templates.py [--pages N] [--held-out-from K] [--seed S]

A generated site of N article pages, each with its own text and, inside the article container as real
themes put them, the blocks a site repeats: a newsletter prompt, a comment disclaimer, a copyright line,
and teasers of the day's popular articles (each on a share of the pages only). The pages go through
``extract_page`` in crawl order, once with one ``SiteTemplate`` learning along the way and once without;
the scores are taken on the held-out pages (from page K on), which the template never saw before it
dropped blocks from them. Body scores use the public benchmark's shingle metric (bench_extract.py).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys

from bench_extract import precision_recall, shingle_counts

from pmi_aggregator.extract.page import extract_article
from pmi_aggregator.extract.template import SiteTemplate

WORDS = (
    "pekerja migran indonesia kementerian perlindungan malaysia taiwan hong kong majikan gaji kontrak "
    "penempatan agen perusahaan pemerintah daerah desa keluarga pulang berangkat dokumen paspor visa "
    "imigrasi polisi kasus korban perdagangan orang bantuan hukum konsulat kedutaan pelatihan bahasa "
    "kesehatan asuransi jaminan sosial remitansi bank tabungan usaha rumah anak sekolah petani nelayan "
    "pabrik perkebunan sawit konstruksi rumah tangga perawat lansia pelabuhan bandara kapal bus"
).split()
REPEATED = (
    "Dapatkan update berita pilihan dan breaking news setiap hari. Mari bergabung di grup Telegram kami, "
    "caranya klik tautan lalu join.",
    "Komentar yang Anda tulis merupakan tanggung jawab pribadi dan bukan pandangan redaksi.",
    "Copyright © 2026 Media Group. All rights reserved.",
)
POPULAR = tuple(
    f"Baca juga: {title}" for title in ("Lima hal soal visa kerja", "Gaji minimum di Taiwan naik")
)
TEASERS = tuple(
    f"{title} - simak ulasan lengkapnya di kanal berita kami hari ini"
    for title in (
        "Ribuan PMI dipulangkan dari Sabah",
        "BP2MI buka layanan pengaduan baru",
        "Kisah perawat lansia di Jepang",
        "Jalur resmi bekerja ke Korea Selatan",
        "Remitansi pekerja migran capai rekor",
    )
)


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 22))]
    return " ".join(words).capitalize() + "."


def site(pages: int, seed: int) -> list[tuple[str, str, str]]:
    """(url, html, the article's own text) per page, in crawl order."""
    rng = random.Random(seed)
    out = []
    for n in range(pages):
        title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
        paragraphs = [
            " ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(4, 8))
        ]
        blocks = [f"<p>{p}</p>" for p in paragraphs]
        blocks.insert(min(2, len(blocks)), f"<p>{rng.choice(POPULAR)}</p>")
        blocks.insert(len(blocks) - 1, f"<p>{REPEATED[0]}</p>")
        teasers = "".join(f"<li>{t}</li>" for t in rng.sample(TEASERS, 3))
        body = "".join(blocks) + f"<ul class='terkait'>{teasers}</ul><p>{REPEATED[1]}</p><p>{REPEATED[2]}</p>"
        html = (
            f"<html><head><title>{title} - Contoh News</title></head><body><header>Contoh News</header>"
            f"<article><h1>{title}</h1><div itemprop='articleBody'>{body}</div></article></body></html>"
        )
        out.append((f"https://contoh.example/berita/{n}", html, "\n\n".join(paragraphs)))
    return out


def measure(
    pages: list[tuple[str, str, str]], held_out_from: int, template: SiteTemplate | None
) -> list[float]:
    """Mean precision, recall and F1 of the bodies of the held-out pages."""
    precision, recall = [], []
    for n, (url, html, truth) in enumerate(pages):
        body = extract_article(html, url, template=template).body
        if n < held_out_from:
            continue
        p, r = precision_recall(*shingle_counts(truth, body))
        precision.append(p or 0.0)
        recall.append(r or 0.0)
    p, r = statistics.fmean(precision), statistics.fmean(recall)
    return [p, r, 2 * p * r / (p + r) if p + r else 0.0]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--held-out-from", type=int, default=50)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    pages = site(args.pages, args.seed)
    print(f"{args.pages} pages, scored from page {args.held_out_from} on")
    print("template   body P  body R  body F1")
    for name, template in (("without", None), ("with", SiteTemplate())):
        p, r, f1 = measure(pages, args.held_out_from, template)
        print(f"{name:<9}  {p:.3f}   {r:.3f}   {f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
