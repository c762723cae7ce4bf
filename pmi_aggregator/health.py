"""Source health: what each source yielded lately, how complete its articles are, and whether it broke.

Stale selectors and moved endpoints are the commonest way a news scraper fails, and they fail quietly:
the crawl "succeeds" with nothing in it. ``health_warnings`` compares a run with the source's usual
runs; ``check_sources`` runs each source's extraction against its local mirror and its live site.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .config import Config, load_config
from .extensions import index_url_of
from .index import open_index, resolve_index_spec
from .settings import USER_AGENT
from .sources import Source, load_sources, select_sources
from .state import CrawlState, state_path_for


def source_rows(index_spec: str | None, config_path: str | None = None) -> list[dict[str, Any]]:
    """One row per configured source: last run, counts, errors and fill rates of key fields."""
    config = load_config(config_path)
    spec = resolve_index_spec(index_spec, config_path)
    with open_index(spec) as index:
        stats = index.source_stats()
    state = CrawlState(state_path_for(index_url_of(spec)))
    try:
        rows = []
        for key, source in load_sources(config).items():
            runs = state.last_runs(key, limit=1)
            last = runs[0] if runs else {}
            fill = last.get("fill") or {}
            rows.append(
                {
                    "source": key,
                    "kind": source.kind,
                    "enabled": source.enabled,
                    "last_run": last.get("finished_at") or last.get("started_at"),
                    "status": last.get("status", "never run"),
                    "articles": stats.get(key, {}).get("articles", 0),
                    "newest": stats.get(key, {}).get("newest"),
                    "found": last.get("found"),
                    "new": last.get("new"),
                    "errors": sum((last.get("errors") or {}).values()),
                    "date_fill": fill.get("date"),
                    "author_fill": fill.get("author"),
                    "body_fill": fill.get("body"),
                    "last_error": last.get("error"),
                }
            )
        return rows
    finally:
        state.close()


DATE_FILL_DROP = 0.3
"""A drop of the date fill rate below the usual one by more than this is worth a warning."""


def health_warnings(
    source_key: str, report: dict[str, Any], previous_runs: Sequence[dict[str, Any]]
) -> list[str]:
    """Warnings for a finished run, judged against the source's previous runs (newest first)."""
    warnings = []
    found = [r["found"] for r in previous_runs if isinstance(r.get("found"), int)]
    usual = statistics.median(found) if found else 0
    if usual > 0 and not report.get("found"):
        warnings.append(
            f"{source_key} yielded no articles this run (usually {usual:g}): "
            "its selectors or endpoints may have changed"
        )
    fills = [r["fill"]["date"] for r in previous_runs if isinstance((r.get("fill") or {}).get("date"), float)]
    date_fill = (report.get("fill") or {}).get("date")
    if (
        fills
        and isinstance(date_fill, (int, float))
        and statistics.median(fills) - date_fill > DATE_FILL_DROP
    ):
        warnings.append(
            f"{source_key} found a date for {date_fill:.0%} of its articles (usually "
            f"{statistics.median(fills):.0%}): its date selectors may have changed"
        )
    return warnings


# -- pmi sources check -------------------------------------------------------------------------------
CHECK_ARTICLES = 5
CHECK_TIMEOUT = 10.0


def check_sources(
    keys: Sequence[str], config_path: str | None = None, *, live: bool = True, limit: int = CHECK_ARTICLES
) -> tuple[list[dict[str, Any]], bool]:
    """One row per source and target (mirror, live); ok is False when a mirror check failed."""
    config = load_config(config_path)
    sources = select_sources(list(keys), config) if keys else list(load_sources(config).values())
    rows, ok = [], True
    for source in sources:
        row = _mirror_row(source, config)
        ok = ok and row["status"] in ("ok", "no mirror", "mirrors unavailable")
        rows.append(row)
        if live:
            rows.append(_check_row(source, "live", source.base_url, limit))
    return rows, ok


def _mirror_row(source: Source, config: Config) -> dict[str, Any]:
    """Crawl the source's local mirror with its real spider (in a child process), then count empty fields."""
    try:
        with _checkout_on_path():
            from tests.mirrors.catalog import catalog
            from tests.mirrors.server import MirrorServer

            mirror = catalog().get(source.key)
    except ImportError:
        return _row(
            source, "mirror", status="mirrors unavailable", note="run from a checkout with tests/mirrors"
        )
    if mirror is None:
        return _row(source, "mirror", status="no mirror")
    from .crawler import CrawlError, crawl

    with MirrorServer(mirror.build()) as server, tempfile.TemporaryDirectory(prefix="pmi-check-") as tmp:
        settings = {
            **config.sources.get(source.key, {}),
            **mirror.settings,
            "base_url": server.base_url,
            "canonical_scheme": "http",
            "allow_private_hosts": ["127.0.0.1", *mirror.hosts],
            "politeness": {"concurrency": 4, "delay": 0.0, "autothrottle_target": 4.0},
        }
        config_file = Path(tmp) / "config.toml"
        config_file.write_text(_toml({"sources": {source.key: settings}}), encoding="utf-8")
        index = f"sqlite:///{Path(tmp) / 'check.db'}"
        fast = {"PMI_RETRY_BASE_DELAY": 0.05, "PMI_RETRY_MAX_DELAY": 1.0, "RETRY_TIMES": 1}
        try:
            report = crawl(
                [source.key], index=index, config_path=str(config_file), settings=fast, timeout=300
            )
        except CrawlError as exc:
            return _row(source, "mirror", status="failed", note=str(exc)[:80])
        with open_index(index) as stored:
            articles = list(stored.iter_articles())
    result = report.sources[source.key]
    empty = {
        "title": sum(not a.title for a in articles),
        "date": sum(a.published_at is None for a in articles),
        "author": sum(not a.authors for a in articles),
        "body": sum(not (a.body or a.summary) for a in articles),  # feed-only sources keep the summary
    }
    broken = result["status"] != "ok" or not articles or empty["title"] or empty["date"] or empty["body"]
    note = result.get("error") or ", ".join(f"{k} {v}" for k, v in (result.get("errors") or {}).items())
    return _row(
        source, "mirror", status="failed" if broken else "ok", articles=len(articles), empty=empty, note=note
    )


def _toml(table: dict[str, Any], prefix: str = "") -> str:
    """A TOML document for plain config values (JSON scalars and lists are valid TOML)."""
    scalars = {k: v for k, v in table.items() if not isinstance(v, dict)}
    lines = [f"[{prefix}]"] if prefix and scalars else []
    lines += [f"{json.dumps(k)} = {json.dumps(v, ensure_ascii=False)}" for k, v in scalars.items()]
    for key, value in table.items():
        if isinstance(value, dict):
            lines.append(_toml(value, f"{prefix}.{json.dumps(key)}" if prefix else json.dumps(key)))
    return "\n".join(lines) + "\n"


@contextmanager
def _checkout_on_path() -> Iterator[None]:
    """Make a checkout's ``tests`` package importable (the CLI's own folder is not on sys.path)."""
    roots = [
        str(p) for p in (Path.cwd(), Path(__file__).resolve().parents[1]) if (p / "tests/mirrors").is_dir()
    ]
    added = [root for root in roots if root not in sys.path]
    sys.path[:0] = added
    try:
        yield
    finally:
        for root in added:
            sys.path.remove(root)


def _check_row(source: Source, target: str, base_url: str, limit: int) -> dict[str, Any]:
    from .extract import ExtractionError, PageContext, extract_article

    try:
        urls = _article_urls(source, base_url, limit)
    except (OSError, ValueError) as exc:  # unreachable, refused, timed out: a report, not a crash
        return _row(source, target, status="unreachable", note=str(exc)[:80])
    rules, context = (
        _page_rules(source),
        PageContext(source=source.key, tz=source.tzinfo, site_names=source.site_names),
    )
    articles, failed = [], 0
    for url in urls:
        try:
            articles.append(extract_article(_fetch(url), url, rules=rules, context=context))
        except (OSError, ExtractionError):
            failed += 1
    empty = {
        "title": sum(not a.title for a in articles),
        "date": sum(a.published_at is None for a in articles),
        "author": sum(not a.authors for a in articles),
        "body": sum(not a.body for a in articles),
    }
    broken = not articles or failed or empty["title"] or empty["date"] or empty["body"]
    note = (
        f"{failed} of {len(urls)} pages failed" if failed else ("no article links found" if not urls else "")
    )
    return _row(
        source, target, status="failed" if broken else "ok", articles=len(articles), empty=empty, note=note
    )


def _row(
    source: Source, target: str, *, status: str, articles: int = 0, empty: dict | None = None, note: str = ""
) -> dict[str, Any]:
    empty = empty or {}
    return {
        "source": source.key,
        "target": target,
        "status": status,
        "articles": articles,
        **{f"empty_{name}": empty.get(name) for name in ("title", "date", "author", "body")},
        "note": note,
    }


def _page_rules(source: Source) -> Any:
    from .extract import PageRules
    from .spiders.registry import spider_class

    defaults = getattr(spider_class(source), "default_page_rules", {})
    page = {**defaults, **dict(source.options.get("page", {}))}
    page["ignore"] = tuple(source.ignore_selectors) + tuple(page.get("ignore", ()))
    page["noise"] = tuple(page.get("noise", ()))
    return PageRules(**page)


def _article_urls(source: Source, base_url: str, limit: int) -> list[str]:
    """Article links from the source's feed, else from its front page."""
    from .listing import feed_items, listing_links
    from .spiders.registry import spider_class

    options = {**getattr(spider_class(source), "default_options", {}), **source.options}
    feed_path = options.get("feed_path")
    if feed_path:
        try:
            urls = [item.url for item in feed_items(_fetch(base_url + feed_path), base_url)]
        except urllib.error.HTTPError:
            urls = []
        if urls:
            return urls[:limit]
    return listing_links(_fetch(base_url + "/"), base_url)[:limit]


def _fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=CHECK_TIMEOUT) as response:
        return response.read(10_000_000)
