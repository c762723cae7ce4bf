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
from pmi_aggregator.crawler.writer_thread import in_writer_thread
from pmi_aggregator.domain.article_annotation import annotate_article
from pmi_aggregator.errors import IndexDamaged
from pmi_aggregator.extract.builder import apply_date_policy
from pmi_aggregator.index import Index, IndexFailure, open_index
from pmi_aggregator.index.outbox import BufferedIndex

log = logging.getLogger(__name__)


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
        note = annotate_article(item)
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
        self.buffer: list[Article] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IndexPipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        index = open_index(self.index_spec)
        # An index that can be down or refuse writes mid-crawl says so: its articles then wait in the
        # durable outbox (delivered before the next batch, on the next run, or by `pmi index sync`).
        self.index = BufferedIndex(index) if index.needs_outbox else index

    async def process_item(self, item: Article) -> Article:
        """A full batch is analysed and written in a worker thread: stemming a hostile page can take
        a second, and on the reactor's thread it would stall every source and a SIGTERM with it."""
        self.buffer.append(item)
        if len(self.buffer) >= self.batch_size:
            await self._flush()
        return item

    async def _flush(self) -> None:
        batch, self.buffer = self.buffer, []
        await maybe_deferred_to_future(in_writer_thread(self._write, batch))

    async def close_spider(self) -> None:
        try:
            await self._flush()
            if isinstance(self.index, BufferedIndex):
                self.stats.set_value("pmi/pending", self.index.pending)
        finally:
            if self.index is not None:
                self.index.close()

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

    def _write(self, batch: list[Article]) -> None:
        if not batch or self.index is None:
            return
        try:
            result = self.index.upsert(batch)
        except IndexDamaged as exc:
            self._stop_on_damage(exc, len(batch))
            return
        except IndexFailure as exc:
            log.error("index write failed for %d articles: %s", len(batch), exc)
            self.stats.inc_value("pmi/failed", len(batch))
            self.stats.inc_value("pmi/errors/index_write_failed", len(batch))
            return
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
        state = getattr(self.crawler, "pmi_state", None)
        if state is None:
            return
        lost = set() if queued else result.failures.keys()
        state.record(
            batch[0].source,
            [
                (
                    a.id,
                    a.url,
                    a.content_hash,
                    a.published_at.astimezone(timezone.utc).isoformat() if a.published_at else None,
                    a.modified_at.astimezone(timezone.utc).isoformat() if a.modified_at else None,
                )
                for a in batch
                if a.id not in lost
            ],
        )
