"""Item pipelines: check each article, annotate it (general news about something else is dropped),
then write batches to the index."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import timedelta, timezone
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from pmi_aggregator.article import Article
from pmi_aggregator.domain.article_annotation import annotate_article
from pmi_aggregator.extract.builder import apply_date_policy
from pmi_aggregator.index import Index, IndexFailure, open_index
from pmi_aggregator.index.outbox import BufferedIndex
from pmi_aggregator.stories.index_links import IndexLinking

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

    def process_item(self, item: Article) -> Article:
        self.buffer.append(item)
        if len(self.buffer) >= self.batch_size:
            self.flush()
        return item

    def close_spider(self) -> None:
        try:
            self.flush()
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

    def flush(self) -> None:
        if not self.buffer or self.index is None:
            return
        batch, self.buffer = self.buffer, []
        try:
            relinked = self._link(batch)
            result = self.index.upsert(batch)
            if relinked:
                self.index.upsert(relinked)
                self.stats.inc_value("pmi/relinked", len(relinked))
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
