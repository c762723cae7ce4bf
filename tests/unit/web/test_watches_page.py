"""The watches page and each watch's Atom feed at /feeds/NAME.atom, over the index the server opened."""

from __future__ import annotations

from datetime import datetime
from xml.etree import ElementTree

from pmi_aggregator import open_index
from pmi_aggregator.watch.model import Watch
from pmi_aggregator.watch.run import run_watches
from pmi_aggregator.watch.service import add_watch
from tests.contract.articles import WIB, art
from tests.support.web_articles import SCRIPT

ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_watch_is_listed_and_its_feed_served(index_path, client):
    assert "No watches yet" in client.get("/watches").text
    add_watch(Watch(name="deportasi", query="deportasi", feed=True), index_spec=str(index_path))
    with open_index(str(index_path)) as index:
        index.upsert(
            [
                art(
                    "new",
                    title=f"Deportasi {SCRIPT} pekerja migran",
                    body="Deportasi pekerja migran dari Tawau.",
                    published=datetime(2024, 7, 1, 9, 0, tzinfo=WIB),
                )
            ]
        )
    assert len(run_watches(index_spec=str(index_path))) == 1

    listing = client.get("/watches")
    assert listing.status_code == 200
    assert 'href="/feeds/deportasi.atom"' in listing.text
    feed = client.get("/feeds/deportasi.atom")
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("application/atom+xml")
    titles = [e.findtext(f"{ATOM}title") for e in ElementTree.fromstring(feed.content).iter(f"{ATOM}entry")]
    assert titles == [f"Deportasi {SCRIPT} pekerja migran"]  # the feed's XML escapes it; a reader shows text


def test_an_unknown_feed_is_404(client):
    assert client.get("/feeds/nothing.atom").status_code == 404
