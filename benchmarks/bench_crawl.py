"""The crawl's own ceiling: ``pmi crawl`` beside a do-nothing Scrapy spider on the same mirror.

    python benchmarks/bench_crawl.py [--articles 1000] [--rounds 1]     # 10000 for the issue's figure

A static copy of the ApakabarOnline mirror (``benchmarks/crawl_mirror.py``, every response prepared
in advance, in its own process) lists N article pages in sitemaps; both crawlers read robots.txt and
the sitemaps, then fetch the article pages one by one (the page-by-page path). The reference is a
Scrapy ``SitemapSpider`` whose callback does nothing, with the same concurrency (16, 8 per host), no
delays and no autothrottle: Scrapy's own ceiling on this machine with this server. Ours runs the real
``pmi crawl`` into a fresh embedded index (extraction, annotation, indexing, crawl state). Prints
pages per second of each, the ratio (target >= 50%) and each one's peak RSS (the process and its
children, sampled every 50 ms with psutil). Rounds alternate which crawler goes first.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CONCURRENCY, PER_HOST = 16, 8

_DO_NOTHING = """
import json, sys
from scrapy.crawler import CrawlerProcess
from scrapy.spiders import SitemapSpider
class DoNothing(SitemapSpider):
    name = "do-nothing"
    sitemap_urls = [sys.argv[1] + "/robots.txt"]
    def parse(self, response):
        return None
process = CrawlerProcess({
    "CONCURRENT_REQUESTS": int(sys.argv[2]), "CONCURRENT_REQUESTS_PER_DOMAIN": int(sys.argv[3]), "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False, "ROBOTSTXT_OBEY": True, "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False, "LOG_LEVEL": "WARNING",
})
crawler = process.create_crawler(DoNothing)
process.crawl(crawler)
process.start()
print(json.dumps({"pages": crawler.stats.get_value("response_received_count", 0)}))
"""


def _run(command: list[str], env: dict[str, str] | None = None) -> tuple[str, float, float]:
    """Run a crawler; return its stdout, seconds, and peak RSS in MB of it and its children."""
    start = time.perf_counter()
    proc = psutil.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT, text=True
    )
    peak = 0
    while proc.poll() is None:
        try:
            family = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in family if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    assert proc.stdout is not None
    return proc.stdout.read(), elapsed, peak / 2**20


def do_nothing(base: str) -> dict[str, float]:
    out, seconds, peak = _run([sys.executable, "-c", _DO_NOTHING, base, str(CONCURRENCY), str(PER_HOST)])
    pages = json.loads(out.strip().splitlines()[-1])["pages"]
    return {"pages": pages, "seconds": seconds, "peak_mb": peak}


def ours(base: str, workdir: Path) -> dict[str, float]:
    for old in workdir.glob("crawl.db*"):
        old.unlink()
    config = workdir / "crawl.toml"
    config.write_text(
        f'index = "{workdir / "crawl.db"}"\n[sources.mirror]\nkind = "sitemap"\nname = "Mirror"\n'
        f'base_url = "{base}"\ncanonical_scheme = "http"\nallow_private_hosts = ["127.0.0.1"]\n'
        'dedicated = true\ntimezone = "Asia/Jakarta"\n[sources.mirror.options]\nsitemaps = ["/sitemap.xml"]\n'
        f"[sources.mirror.politeness]\nconcurrency = {PER_HOST}\ndelay = 0.0\n"
        f"[scrapy]\nAUTOTHROTTLE_ENABLED = false\nCONCURRENT_REQUESTS = {CONCURRENCY}\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PMI_CONFIG": str(config), "PMI_DATA_DIR": str(workdir / "data")}
    command = [sys.executable, "-m", "pmi_aggregator.cli", "crawl", "mirror", "--format", "json"]
    out, seconds, peak = _run(command, env)
    report = json.loads(out)["sources"]["mirror"]
    return {"pages": report["pages"], "articles": report["new"], "seconds": seconds, "peak_mb": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=1, help="paired runs; the median ratio counts")
    args = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.crawl_mirror", str(args.articles)],
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        text=True,
    )
    try:
        assert server.stdout is not None
        base = server.stdout.readline().strip()
        ratios = []
        with tempfile.TemporaryDirectory(prefix="pmi-bench-crawl-") as tmp:
            for n in range(args.rounds):
                if n % 2:
                    mine, reference = ours(base, Path(tmp)), do_nothing(base)
                else:
                    reference, mine = do_nothing(base), ours(base, Path(tmp))
                ref_rate = reference["pages"] / reference["seconds"]
                our_rate = mine["pages"] / mine["seconds"]
                ratios.append(our_rate / ref_rate)
                print(
                    f"round {n + 1}: do-nothing spider {reference['pages']:.0f} pages in {reference['seconds']:.1f} s,"
                    f" {ref_rate:.1f} pages/s, peak RSS {reference['peak_mb']:.0f} MB | pmi crawl {mine['pages']:.0f}"
                    f" pages ({mine['articles']:.0f} new articles) in {mine['seconds']:.1f} s, {our_rate:.1f} pages/s,"
                    f" peak RSS {mine['peak_mb']:.0f} MB | ratio {our_rate / ref_rate:.0%}"
                )
        print(f"median ratio {statistics.median(ratios):.0%} of the do-nothing spider (target >= 50%)")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
