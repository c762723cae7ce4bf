"""Parser fuzzing: dates, article pages, feeds, REST listings and sitemaps get random and mutated input.

Each target must return normally (or raise its documented error) within ``CASE_SECONDS``. Seeds come
from the mirrors (real-shaped pages, feeds, REST JSON, sitemaps) and the date corpus; each case applies
a few random byte mutations (flip, insert, delete, duplicate, splice with another seed).

    scripts/fuzz --seconds 180          # or: python -m tests.support.faults.fuzz --seconds 180 --seed 1
"""

from __future__ import annotations

import argparse
import contextlib
import random
import signal
import sys
import time
import traceback
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from scrapy.http import HtmlResponse, TextResponse, XmlResponse

from pmi_aggregator.crawler.loader import spider_class
from pmi_aggregator.crawler.spiders.articles import read_sitemap
from pmi_aggregator.crawler.spiders.wordpress import AF_THEME_RULES, WordPressSpider
from pmi_aggregator.extract.page import ExtractionError, PageContext, extract_article
from pmi_aggregator.normalize.dates import parse_date
from pmi_aggregator.sources.registry import Source
from tests.support.mirrors import apakabar
from tests.support.paths import DATA_DIR

CASE_SECONDS = 5.0
BASE = "http://127.0.0.1:8000"
_DATES = DATA_DIR / "dates_corpus.tsv"


class CaseTimeout(Exception):
    """A single case ran past CASE_SECONDS."""


@cache
def seeds() -> dict[str, list[bytes]]:
    """Seed inputs per target, from the ApakabarOnline mirror and the date corpus."""
    site = apakabar.build_site()
    site.base_url = BASE

    def get(path: str, **query: str) -> bytes:
        return site.handle("GET", path, query, None).body

    pages = [get(f"/{post.slug}/") for post in site.posts[:6]]
    lines = _DATES.read_text(encoding="utf-8").splitlines()[1:]
    return {
        "date": [line.split("\t", 1)[0].encode() for line in lines],
        "page": pages,
        "feed": [get("/feed/"), get("/feed/", paged="2")],
        "rest": [get("/wp-json/wp/v2/posts", per_page="5", _embed="1")],
        "sitemap": [get("/wp-sitemap.xml"), get("/wp-sitemap-posts-post-1.xml")],
    }


@cache
def spider() -> WordPressSpider:
    """A WordPress spider outside any crawl: stats counted in a dict, no crawl state."""
    source = Source(
        key="fuzz", name="fuzz", kind="wordpress", base_url=BASE, allow_private_hosts=("127.0.0.1",)
    )
    instance = spider_class(source)(source=source)
    stats: dict[str, Any] = {}
    instance.crawler = SimpleNamespace(  # type: ignore[assignment]
        stats=SimpleNamespace(
            inc_value=lambda key, n=1: stats.__setitem__(key, stats.get(key, 0) + n),
            set_value=stats.__setitem__,
        )
    )
    instance.source_log.disabled = True
    return instance


def _drain(results: Any) -> None:
    for _ in results or ():
        pass


def target_date(data: bytes) -> None:
    found = parse_date(data.decode("utf-8", "replace"))
    assert found is None or found.tzinfo is not None, "naive datetime"


def target_page(data: bytes) -> None:
    from pmi_aggregator.extract.page import PageRules

    rules = PageRules(**{k: (tuple(v) if isinstance(v, list) else v) for k, v in AF_THEME_RULES.items()})
    with contextlib.suppress(ExtractionError):
        extract_article(data, f"{BASE}/artikel/", rules=rules, context=PageContext(source="fuzz"))
    _drain(spider().parse_article(HtmlResponse(f"{BASE}/artikel/", body=data)))


def target_feed(data: bytes) -> None:
    _drain(spider().parse_feed(XmlResponse(f"{BASE}/feed/", body=data), page=1))


def target_rest(data: bytes) -> None:
    response = TextResponse(f"{BASE}/wp-json/wp/v2/posts", body=data, headers={"X-WP-TotalPages": "1"})
    _drain(spider().parse_rest(response, page=1))


def target_sitemap(data: bytes) -> None:
    read_sitemap(XmlResponse(f"{BASE}/wp-sitemap.xml", body=data))
    _drain(spider().parse_sitemap(XmlResponse(f"{BASE}/wp-sitemap.xml", body=data)))


TARGETS: dict[str, Callable[[bytes], None]] = {
    "date": target_date,
    "page": target_page,
    "feed": target_feed,
    "rest": target_rest,
    "sitemap": target_sitemap,
}

_INTERESTING = [
    b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"<", b">", b"&", b"&#0;", b"&#x110000;", b"]]>", b"<![CDATA[",
    b'"', b"\\u0000", b"null", b"[]", b"{}", b"9" * 40, b"-1", b"<!ENTITY x 'y'>", b"<div>" * 300,
    "\u202e".encode(), "٣".encode(), "२०२५".encode(), b"31/02/2025", b"9999-12-31T23:59:59+14:00",
]  # fmt: skip


def mutate(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    """A few random byte-level edits of ``data``."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randint(0, len(buf))
        op = rng.randrange(6)
        if op == 0 and buf:
            buf[min(at, len(buf) - 1)] = rng.randrange(256)
        elif op == 1:
            buf[at:at] = rng.choice(_INTERESTING)
        elif op == 2:
            del buf[at : at + rng.randint(1, 64)]
        elif op == 3 and buf:
            start = rng.randrange(len(buf))
            buf[at:at] = buf[start : start + rng.randint(1, 256)]
        elif op == 4:
            other = rng.choice(pool)
            start = rng.randrange(len(other) + 1)
            buf[at:] = other[start:]
        else:
            buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(buf[:2_000_000])


def _alarm(signum: int, frame: Any) -> None:
    raise CaseTimeout(f"case ran past {CASE_SECONDS}s")


def run_case(name: str, data: bytes) -> str | None:
    """None if the target coped, else a one-line description of the finding."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, CASE_SECONDS)
    try:
        TARGETS[name](data)
    except Exception as exc:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return f"{name}: {type(exc).__name__}: {str(exc)[:120]} at {Path(frame.filename).name}:{frame.lineno}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return None


def fuzz(
    seconds: float, seed: int | None = None, targets: list[str] | None = None
) -> tuple[int, dict[str, bytes]]:
    """Run mutated cases for ``seconds``; returns (cases tried, {finding: smallest input seen})."""
    rng = random.Random(seed)
    corpus = seeds()
    names = targets or list(TARGETS)
    findings: dict[str, bytes] = {}
    cases = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        name = names[cases % len(names)]
        pool = corpus[name]
        data = (
            mutate(rng.choice(pool), rng, pool) if rng.random() < 0.9 else rng.randbytes(rng.randint(0, 4096))
        )
        finding = run_case(name, data)
        cases += 1
        if finding and (finding not in findings or len(data) < len(findings[finding])):
            findings[finding] = data
    return cases, findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="fuzz the date, page, feed, REST and sitemap parsers")
    parser.add_argument("--seconds", type=float, default=180.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--target", action="append", choices=list(TARGETS), help="repeatable; default all")
    parser.add_argument("--save", type=Path, help="write each finding's input to this folder")
    args = parser.parse_args(argv)
    cases, findings = fuzz(args.seconds, args.seed, args.target)
    print(
        f"{cases} cases in {args.seconds:g}s over {', '.join(args.target or TARGETS)}; {len(findings)} findings"
    )
    for n, (finding, data) in enumerate(sorted(findings.items()), 1):
        print(f"  {n}. {finding} (input {len(data)} bytes)")
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"finding-{n}.bin").write_bytes(data)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
