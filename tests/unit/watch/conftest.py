"""An embedded index with a few articles, and helpers to add more, for the watch tests."""

from __future__ import annotations

import email
import socket
from collections.abc import Callable, Iterator
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from pmi_aggregator.article import Article
from pmi_aggregator.index.sqlite import SqliteIndex
from pmi_aggregator.watch.settings import SmtpSettings


def article(n: int, title: str = "", body: str = "pekerja migran Indonesia di Malaysia") -> Article:
    return Article(
        url=f"https://news.example/berita/{n}",
        source="demo",
        title=title or f"Berita PMI {n}",
        body=body,
        published_at=f"2025-01-{n % 28 + 1:02d}T08:00:00+07:00",
    )


@pytest.fixture
def index_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "pmi.db"
    SqliteIndex(path).close()
    yield path


@pytest.fixture
def store_articles(index_path: Path) -> Callable[..., None]:
    def store(*articles: Article) -> None:
        index = SqliteIndex(index_path)
        try:
            index.upsert(articles)
        finally:
            index.close()

    return store


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], Message]] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        self.messages.append(
            (envelope.mail_from, envelope.rcpt_tos, email.message_from_bytes(envelope.content))
        )
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, SmtpSettings]]:
    inbox = Inbox()
    with socket.socket() as probe:  # aiosmtpd needs the port up front
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, SmtpSettings("127.0.0.1", controller.port, "none", "PMI <pmi@x.example>", None, None, 5)
    finally:
        controller.stop()
