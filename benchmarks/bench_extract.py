"""extract_article beside its peers, in one process on the same bytes: body, titles, dates, authors, speed.

    pip install -e ".[bench]"
    python benchmarks/bench_extract.py [--only NAME,...] [--sets public,realpages] [--worst N]

Peers: trafilatura (default and favor_precision), goose3, readability-lxml and newspaper4k (told the
page's language). A peer that is not installed is left out with a line saying so; a set that is absent
(``../shared/extraction-benchmark``, ``../shared/realpages``) is skipped with its reason.

Body: the public benchmark's own metric (its README): 4-gram shingles of ``\\w+`` tokens per page,
true/false positive and negative counts normalised per page, precision and recall averaged over the
pages, F1 from the two means. The real pages' ``content`` is that project's cleaned text, scored the
same way. Titles: equal after whitespace normalisation. Dates: the publication day in WIB equals the
expected one (the peers give days). Authors: where an expected file lists them, the same names.
Time: median milliseconds per page of each extractor, and its ratio to trafilatura's (default mode,
with metadata, as ours), measured in the same run with the extractors taking turns page by page.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import lxml.html
from w3lib.encoding import html_to_unicode

from pmi_aggregator.extract.page import ExtractionError, extract_article

SHARED = Path(__file__).resolve().parents[2] / "shared"
PUBLIC = SHARED / "extraction-benchmark"
REALPAGES = SHARED / "realpages"
WIB = timezone(timedelta(hours=7))
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    key: str
    url: str
    html: bytes
    language: str
    body: str | None = None
    title: str | None = None
    day: date | None = None
    authors: tuple[str, ...] | None = None

    @property
    def text(self) -> str:
        """The page decoded as a browser would, for the peers that take no bytes."""
        return html_to_unicode(None, self.html)[1]


@dataclass(frozen=True)
class Output:
    body: str = ""
    title: str = ""
    day: date | None = None
    authors: tuple[str, ...] = ()


@dataclass
class Scores:
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    title: list[float] = field(default_factory=list)
    day: list[float] = field(default_factory=list)
    authors: list[float] = field(default_factory=list)
    ms: list[float] = field(default_factory=list)
    errors: int = 0
    per_page_f1: list[tuple[float, str]] = field(default_factory=list)


# --- the sets ------------------------------------------------------------------------------------------


def public_pages() -> Iterator[Page]:
    truth = json.loads((PUBLIC / "ground-truth.json").read_text(encoding="utf-8"))
    for key, item in sorted(truth.items()):
        html = gzip.decompress((PUBLIC / "html" / f"{key}.html.gz").read_bytes())
        yield Page(key, item["url"], html, _language(html, "en"), body=item.get("articleBody", ""))


def realpages() -> Iterator[Page]:
    for expected_file in sorted(REALPAGES.glob("*/*.html.expected.json")):
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
        if "title" not in expected:
            continue
        page = expected_file.with_name(expected_file.name.removesuffix(".expected.json"))
        wib = expected.get("date_iso_wib")
        authors = expected.get("authors")
        yield Page(
            page.name,
            expected["url"],
            page.read_bytes(),
            _language(page.read_bytes(), "id"),
            body=expected.get("content"),
            title=expected["title"],
            day=datetime.fromisoformat(wib).date() if wib else None,
            authors=tuple(authors) if authors else None,
        )


def _language(html: bytes, default: str) -> str:
    found = re.search(rb"<html[^>]*\blang=[\"']?([a-zA-Z]{2})", html[:5000])
    return found.group(1).decode().lower() if found else default


SETS: dict[str, tuple[Path, Callable[[], Iterator[Page]]]] = {
    "public": (PUBLIC, public_pages),
    "realpages": (REALPAGES, realpages),
}


# --- the extractors ------------------------------------------------------------------------------------


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return (value.astimezone(WIB) if value.tzinfo else value).date()
    if isinstance(value, date):
        return value
    try:
        return _day(datetime.fromisoformat(str(value).replace("Z", "+00:00")))
    except ValueError:
        return None


def ours(page: Page) -> Output:
    try:
        article = extract_article(page.html, page.url)
    except ExtractionError:
        return Output()
    return Output(article.body, article.title, _day(article.published_at), tuple(article.authors))


def _trafilatura(favor_precision: bool) -> Callable[[Page], Output]:
    import trafilatura

    def run(page: Page) -> Output:
        doc = trafilatura.bare_extraction(
            page.html, url=page.url, with_metadata=True, favor_precision=favor_precision
        )
        if doc is None:
            return Output()
        authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
        return Output(doc.text or "", doc.title or "", _day(doc.date), authors)

    return run


def _goose() -> Callable[[Page], Output]:
    from goose3 import Goose

    goose = Goose({"enable_image_fetching": False})

    def run(page: Page) -> Output:
        article = goose.extract(url=page.url, raw_html=page.html)
        return Output(
            article.cleaned_text or "",
            article.title or "",
            _day(article.publish_date),
            tuple(article.authors or ()),
        )

    return run


def _readability() -> Callable[[Page], Output]:
    from readability import Document

    def run(page: Page) -> Output:
        document = Document(page.text)
        summary = lxml.html.fromstring(document.summary(html_partial=True))
        paragraphs = (" ".join(p.text_content().split()) for p in summary.iter("p", "li", "h2", "h3", "pre"))
        body = "\n\n".join(p for p in paragraphs if p) or summary.text_content()
        return Output(body, document.short_title() or "")

    return run


def _newspaper() -> Callable[[Page], Output]:
    import newspaper

    def run(page: Page) -> Output:
        article = newspaper.Article(page.url, language=page.language, fetch_images=False)
        article.download(input_html=page.text)
        article.parse()
        return Output(
            article.text or "", article.title or "", _day(article.publish_date), tuple(article.authors)
        )

    return run


PEERS: dict[str, Callable[[], Callable[[Page], Output]]] = {
    "ours": lambda: ours,
    "trafilatura": lambda: _trafilatura(False),
    "trafilatura-precision": lambda: _trafilatura(True),
    "goose3": _goose,
    "readability": _readability,
    "newspaper4k": _newspaper,
}


# --- the metric ----------------------------------------------------------------------------------------


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def shingle_counts(true: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over the two texts' shingles, normalised so that every page weighs the same."""
    want, got = shingles(true), shingles(pred)
    tp = float(sum((want & got).values()))
    fp = float(sum((got - want).values()))
    fn = float(sum((want - got).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_recall(tp: float, fp: float, fn: float) -> tuple[float | None, float | None]:
    """None where the score is undefined (no predicted, or no true, shingles): left out of the mean."""
    if fp == fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def _same_names(got: tuple[str, ...], want: tuple[str, ...]) -> bool:
    return sorted(" ".join(n.split()).lower() for n in got) == sorted(
        " ".join(n.split()).lower() for n in want
    )


def score(extractors: dict[str, Callable[[Page], Output]], pages: list[Page]) -> dict[str, Scores]:
    """Every extractor on every page, taking turns page by page so that a busy machine slows all alike."""
    results = {name: Scores() for name in extractors}
    for page in pages:
        for name, extract in extractors.items():
            _score_one(extract, page, results[name])
    return results


def _score_one(extract: Callable[[Page], Output], page: Page, scores: Scores) -> None:
    start = time.perf_counter()
    try:
        out = extract(page)
    except Exception:  # a peer failing on a page scores that page empty
        out = Output()
        scores.errors += 1
    scores.ms.append((time.perf_counter() - start) * 1000)
    if page.body is not None:
        precision, recall = precision_recall(*shingle_counts(page.body, out.body))
        if precision is not None:
            scores.precision.append(precision)
        if recall is not None:
            scores.recall.append(recall)
        p, r = precision or 0.0, recall or 0.0
        scores.per_page_f1.append((2 * p * r / (p + r) if p + r else 0.0, page.key))
    if page.title is not None:
        scores.title.append(float(" ".join(out.title.split()) == " ".join(page.title.split())))
    if page.day is not None:
        scores.day.append(float(out.day == page.day))
    if page.authors is not None:
        scores.authors.append(float(_same_names(out.authors, page.authors)))


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def row(name: str, scores: Scores, reference_ms: float | None) -> list[str]:
    p, r = _mean(scores.precision), _mean(scores.recall)
    f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None

    def cell(value: float | None, pct: bool = False) -> str:
        if value is None:
            return "-"
        return f"{100 * value:.0f}%" if pct else f"{value:.3f}"

    return [
        name,
        cell(p),
        cell(r),
        cell(f1),
        cell(_mean(scores.title), True),
        cell(_mean(scores.day), True),
        cell(_mean(scores.authors), True),
        f"{statistics.median(scores.ms):.1f}",
        f"{statistics.median(scores.ms) / reference_ms:.2f}" if reference_ms else "-",
        str(scores.errors),
    ]


def _print_table(rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(PEERS), help="extractors, comma-separated")
    parser.add_argument("--sets", default=",".join(SETS), help="sets, comma-separated")
    parser.add_argument("--worst", type=int, default=0, help="list ours' N lowest-F1 pages per set")
    args = parser.parse_args(argv)
    extractors: dict[str, Callable[[Page], Output]] = {}
    for name in args.only.split(","):
        try:
            extractors[name] = PEERS[name]()
        except ImportError as exc:
            print(f"{name}: not installed ({exc.name}); pip install -e '.[bench]'", file=sys.stderr)
    for set_name in args.sets.split(","):
        folder, load = SETS[set_name]
        if not folder.is_dir():
            print(f"{set_name}: skipped, {folder} is absent", file=sys.stderr)
            continue
        pages = list(load())
        score(extractors, pages[:2])  # warm-up: imports, caches, compiled selectors
        print(f"\n{set_name}: {len(pages)} pages")
        header = [
            "extractor",
            "body P",
            "body R",
            "body F1",
            "title",
            "date",
            "authors",
            "ms/page",
            "x trafilatura",
            "errors",
        ]
        results = score(extractors, pages)
        reference = statistics.median(results["trafilatura"].ms) if "trafilatura" in results else None
        _print_table([header, *(row(name, s, reference) for name, s in results.items())])
        if args.worst and "ours" in results:
            for f1, key in sorted(results["ours"].per_page_f1)[: args.worst]:
                print(f"  ours F1 {f1:.3f}  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
