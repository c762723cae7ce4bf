"""Where the sources' learned page templates are kept between crawls, and the extension that
hands each spider its source's template (``extract.template``)."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from pmi_aggregator.extract.template import SiteTemplate
from pmi_aggregator.index.location import index_url_of, resolve_index_spec, templates_path_for

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sites (source TEXT PRIMARY KEY, pages INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS blocks (
    source TEXT NOT NULL, fingerprint TEXT NOT NULL, score REAL NOT NULL, seen INTEGER NOT NULL,
    PRIMARY KEY (source, fingerprint)
);
"""


class TemplateStore:
    """One SQLite file of every source's template (learning is a bonus: a damaged file starts over)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(self.path), timeout=30)
        db.executescript(_SCHEMA)
        return db

    def load(self, source: str) -> SiteTemplate:
        try:
            db = self._connect()
            try:
                row = db.execute("SELECT pages FROM sites WHERE source = ?", (source,)).fetchone()
                rows = db.execute("SELECT fingerprint, score, seen FROM blocks WHERE source = ?", (source,))
                return SiteTemplate.from_rows(int(row[0]) if row else 0, rows.fetchall())
            finally:
                db.close()
        except sqlite3.DatabaseError as exc:
            log.warning("%s: the learned page templates in %s cannot be read (%s); learning anew",
                        source, self.path, exc)  # fmt: skip
            self._set_aside()
            return SiteTemplate()

    def save(self, source: str, template: SiteTemplate) -> None:
        try:
            db = self._connect()
            try:
                with db:
                    db.execute("DELETE FROM blocks WHERE source = ?", (source,))
                    db.execute(
                        "INSERT OR REPLACE INTO sites (source, pages) VALUES (?, ?)", (source, template.pages)
                    )
                    db.executemany(
                        "INSERT INTO blocks (source, fingerprint, score, seen) VALUES (?, ?, ?, ?)",
                        ((source, *row) for row in template.to_rows()),
                    )
            finally:
                db.close()
        except (sqlite3.Error, OSError) as exc:
            log.warning("%s: the learned page template was not saved to %s: %s", source, self.path, exc)

    def _set_aside(self) -> None:
        with contextlib.suppress(OSError):
            self.path.replace(self.path.with_name(self.path.name + ".corrupt"))


class TemplateExtension:
    """Loads the source's template when its spider opens (``spider.template``) and saves it at close."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("PMI_TEMPLATES"):
            raise NotConfigured
        spec = resolve_index_spec(settings.get("PMI_INDEX"))
        self.store = TemplateStore(
            settings.get("PMI_TEMPLATES_PATH") or templates_path_for(index_url_of(spec))
        )
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TemplateExtension:
        return cls(crawler)

    def opened(self, spider: Spider) -> None:
        if hasattr(spider, "template"):
            spider.template = self.store.load(spider.name)

    def closed(self, spider: Spider) -> None:
        template = getattr(spider, "template", None)
        if isinstance(template, SiteTemplate):
            self.store.save(spider.name, template)
