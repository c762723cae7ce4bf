"""Item pipelines: check each article, annotate it (general news about something else is dropped),
then write batches to the index."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import timedelta, timezone
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet import reactor

from pmi_aggregator.article import Article
from pmi_aggregator.crawler.report import WRITE_FAILURE
from pmi_aggregator.crawler.spiders.base import SourceSpider
from pmi_aggregator.crawler.writer_thread import in_writer_thread
from pmi_aggregator.domain.article_annotation import annotate_article
from pmi_aggregator.errors import IndexDamaged, IndexWriteFailed
from pmi_aggregator.extract.builder import apply_date_policy
from pmi_aggregator.index import Index, IndexFailure, open_index
from pmi_aggregator.index.outbox import BufferedIndex
from pmi_aggregator.index.write_failures import write_failed
from pmi_aggregator.stories.index_links import IndexLinking

log = logging.getLogger(__name__)


ITEM_ERROR = "item_error"


def item_lost(crawler: Crawler, item: Article, exc: Exception) -> DropItem:
    """An exception on an article's way to the index: one line, counted, the article held for the
    next run; the DropItem to raise (Scrapy would log a traceback for any other exception)."""
    spider = crawler.spider
    detail = f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:200]}"
    if isinstance(spider, SourceSpider):
        spider.article_lost(ITEM_ERROR, item.url, item.modified_at or item.published_at, detail)
    else:
        crawler.stats.inc_value(f"pmi/errors/{ITEM_ERROR}")
    dropped = DropItem(f"{ITEM_ERROR}: {item.url}")
    dropped.log_level = "DEBUG"  # said above, once
    return dropped


class NormalizePipeline:
    """The builder's date policy, counted, and field-fill accounting, the same for every source.

    Spiders build their articles with ``extract.builder``; the policy is applied again here for any
    article that reaches the pipeline another way (it is idempotent). A dropped date is counted as
    ``pmi/errors/date_rejected``. Undated articles are never stamped with the crawl time.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.tolerance = timedelta(hours=crawler.settings.getfloat("PMI_FUTURE_TOLERANCE_HOURS"))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalizePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Article:
        if not isinstance(item, Article):
            raise DropItem(f"not an Article: {type(item).__name__}")
        try:
            return self.normalized(item)
        except Exception as exc:  # the item's cost alone: counted, held for the next run
            raise item_lost(self.crawler, item, exc) from exc

    def normalized(self, item: Article) -> Article:
        key = item.source
        source = getattr(self.crawler.spider, "source", None)
        rejected = apply_date_policy(item, source.tzinfo if source else None, tolerance=self.tolerance)
        if rejected is not None:
            log.warning("%s: implausible publication date %s for %s; stored undated", key, rejected, item.url)
            self.stats.inc_value("pmi/errors/date_rejected")
        if item.published_at is None:
            self.stats.inc_value("pmi/missing_date")
            log.info("%s: no publication date found for %s", key, item.url)
        self.stats.inc_value("pmi/items")
        self.stats.inc_value("pmi/fill/date", int(item.published_at is not None))
        self.stats.inc_value("pmi/fill/author", int(bool(item.authors)))
        self.stats.inc_value("pmi/fill/body", int(len(item.body) >= 200))
        return item


class AnnotatePipeline:
    """Annotates every article once (``domain.annotate``) and stores its countries, provinces,
    organisations and topics; general-news sources (``dedicated = false``) then keep only the articles
    the same Annotation finds PMI-related.

    One pass decides and annotates: the text is read once, on the reactor thread, and ``annotate``
    caps what it reads. A dropped article is counted as ``pmi/skipped/irrelevant``: a decision, not
    a failure. A dedicated source keeps every article with whatever fields the annotation found.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AnnotatePipeline:
        return cls(crawler)

    def process_item(self, item: Article) -> Article:
        try:
            note = annotate_article(item)
        except Exception as exc:  # the item's cost alone: counted, held for the next run
            raise item_lost(self.crawler, item, exc) from exc
        source = getattr(self.crawler.spider, "source", None)
        if note.relevant or source is None or source.dedicated:
            return item
        self.crawler.stats.inc_value("pmi/skipped/irrelevant")
        dropped = DropItem(f"not PMI news (score {note.score:g}): {item.url}")
        dropped.log_level = "DEBUG"  # an expected decision, not a warning (read by Scrapy's LogFormatter)
        raise dropped


INDEX_DAMAGED_REASON = "index_damaged"
INDEX_DAMAGED_STAT = "pmi/index_damaged"
"""The damaged index's one-line message, kept in the stats for the runner to raise after the crawl."""


class IndexPipeline:
    """Writes articles in batches (one transaction each) and records them in the crawl state."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.batch_size = crawler.settings.getint("PMI_BATCH_SIZE")
        self.index_spec = crawler.settings.get("PMI_INDEX")
        self.index: Index | None = None
        self.linking: IndexLinking | None = None
        self.buffer: list[Article] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IndexPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        index = open_index(self.index_spec)
        # An index that can be down or refuse writes mid-crawl says so: its articles then wait in the
        # durable outbox (delivered before the next batch, on the next run, or by `pmi index sync`).
        self.index = BufferedIndex(index) if index.needs_outbox else index
        if self.crawler.settings.getbool("PMI_LINK_STORIES"):
            self.linking = IndexLinking(index)

    async def process_item(self, item: Article) -> Article:
        """A full batch is analysed and written in a worker thread: stemming a hostile page can take
        a second, and on the reactor's thread it would stall every source and a SIGTERM with it."""
        self.buffer.append(item)
        if len(self.buffer) >= self.batch_size:
            await self._flush()
        return item

    async def _flush(self) -> None:
        batch, self.buffer = self.buffer, []
        if batch:
            self.settle(*await maybe_deferred_to_future(in_writer_thread(self._write, batch)))

    async def close_spider(self) -> None:
        try:
            await self._flush()
            if isinstance(self.index, BufferedIndex):
                self.stats.set_value("pmi/pending", self.index.pending)
        finally:
            if self.linking is not None:
                self.linking.close()
            if self.index is not None:
                self.index.close()

    def _link(self, batch: list[Article]) -> list[Article]:
        """Story links for the batch; the stored articles whose links changed. A failure of the side
        store costs the links of this batch (``pmi index relink`` restores them), never its articles."""
        if self.linking is None:
            return []
        try:
            return self.linking.link(batch)
        except IndexFailure as exc:
            log.error("story linking failed for %d articles: %s", len(batch), exc)
            self.stats.inc_value("pmi/errors/link_failed", len(batch))
            return []

    def _rewrite_links(self, relinked: list[Article]) -> None:
        """Stored articles whose story links changed, written again; a failure costs only links."""
        if not relinked or self.index is None:
            return
        try:
            self.index.upsert(relinked)
        except Exception as exc:  # the batch itself is stored; `pmi index relink` restores links
            log.error("story links of %d stored articles not written: %s", len(relinked), exc)
            self.stats.inc_value("pmi/errors/link_failed", len(relinked))
            return
        self.stats.inc_value("pmi/relinked", len(relinked))

    def _stop_on_damage(self, exc: IndexDamaged, lost: int) -> None:
        """A damaged index takes no more batches: the source stops (its cursor stays), and the run
        ends with exit 4 and the one line that points at ``pmi index check``."""
        self.stats.inc_value("pmi/failed", lost)
        if self.stats.get_value(INDEX_DAMAGED_STAT) is None:
            log.error("%s", exc)
            self.stats.set_value(INDEX_DAMAGED_STAT, str(exc))
            reactor.callFromThread(self._close)  # from the writer thread

    def _close(self) -> None:
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason=INDEX_DAMAGED_REASON))

    def _write(self, batch: list[Article]) -> tuple[list[Article], list[Article], str]:
        """Write one batch (in the writer thread): (stored, lost, why lost), settled by the caller
        on the reactor's thread, where the spider and its watermark live."""
        if not batch or self.index is None:
            return [], batch, "index_write_failed"
        try:
            relinked = self._link(batch)
            result = self.index.upsert(batch)
        except IndexDamaged as exc:
            self._stop_on_damage(exc, len(batch))
            return [], batch, INDEX_DAMAGED_REASON
        except Exception as exc:  # any failed write costs this batch, never the crawl
            return [], batch, self.write_failed(batch, exc)
        self._rewrite_links(relinked)
        queued = isinstance(self.index, BufferedIndex)  # its failures wait in the outbox: not lost
        for name in ("new", "updated", "unchanged"):
            self.stats.inc_value(f"pmi/{name}", getattr(result, name))
        self.stats.inc_value("pmi/queued" if queued else "pmi/failed", result.failed)
        if queued:  # one line per reason: a whole batch queued during an outage shares one
            for reason, count in Counter(result.failures.values()).items():
                log.warning("%d articles queued: %s", count, reason)
        else:
            for article_id, reason in result.failures.items():
                log.error("index rejected the article %s: %s", article_id, reason)
        lost = set() if queued else result.failures.keys()
        return [a for a in batch if a.id not in lost], [a for a in batch if a.id in lost], "index_rejected"

    def write_failed(self, batch: list[Article], exc: Exception) -> str:
        """A batch the index refused: counted under its kind, the source failed with the kind's hint
        (``index.write_failures``); returns the kind, under which the caller holds the articles."""
        failure = exc if isinstance(exc, IndexWriteFailed) else write_failed(exc)
        log.error("index write failed for %d articles: %s", len(batch), failure)
        self.stats.inc_value("pmi/failed", len(batch))
        self.stats.inc_value(f"pmi/errors/{failure.kind}", len(batch))
        if self.stats.get_value(WRITE_FAILURE) is None:
            self.stats.set_value(WRITE_FAILURE, str(failure))
        return failure.kind

    def settle(self, stored: list[Article], lost: list[Article], reason: str) -> None:
        """Stored articles go into the crawl state and move the watermark; lost ones are held."""
        spider = self.crawler.spider
        if isinstance(spider, SourceSpider):
            spider.articles_stored(stored)
            for article in lost:
                spider.hold(article.url, reason, article.modified_at or article.published_at)
        state = getattr(self.crawler, "pmi_state", None)
        if state is None or not stored:
            return
        state.record(
            stored[0].source,
            [
                (
                    a.id,
                    a.url,
                    a.content_hash,
                    a.published_at.astimezone(timezone.utc).isoformat() if a.published_at else None,
                    a.modified_at.astimezone(timezone.utc).isoformat() if a.modified_at else None,
                )
                for a in stored
            ],
        )
