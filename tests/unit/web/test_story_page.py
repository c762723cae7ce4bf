"""The story view and the collapse toggle: the same as ``pmi story`` and ``pmi search --collapse``."""

from __future__ import annotations

import json
import warnings

import pytest

from pmi_aggregator import open_index
from tests.contract.articles import linked_story
from tests.support.web_articles import SCRIPT


@pytest.fixture
def story_client(index_path):
    members = linked_story()
    members["a3"].title = f"Deportasi {SCRIPT} 217 PMI"  # crawled text is hostile here too
    with open_index(str(index_path)) as index:
        index.upsert(list(members.values()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    from pmi_aggregator.web.app import create_app

    with open_index(str(index_path)) as opened:
        yield (
            TestClient(create_app(opened, token=None, check_host=True), base_url="http://127.0.0.1:8000"),
            members,
        )


def test_the_story_api_equals_pmi_story_json(story_client, pmi, index_path):
    client, members = story_client
    cli = pmi("story", members["a2"].id, "--index", str(index_path), "--format", "json")
    assert cli.exit_code == 0, cli.output
    api = client.get(f"/api/story/{members['a2'].id}")
    assert api.status_code == 200 and api.json() == json.loads(cli.stdout)
    assert [m["kind"] for m in api.json()["articles"]] == ["first", "copy", "report"]


def test_the_story_page_lists_every_member_escaped(story_client):
    client, members = story_client
    page = client.get(f"/story/{members['a1'].id}")
    assert page.status_code == 200
    assert "3 articles from 3 outlets" in page.text
    assert SCRIPT not in page.text and "&lt;script&gt;" in page.text
    for key in ("a1", "a2", "a3"):
        assert f'href="/article/{members[key].id}"' in page.text
    article = client.get(f"/article/{members['a3'].id}")
    assert f'href="/story/{members["a1"].id}"' in article.text


def test_collapse_equals_pmi_search_collapse(story_client, pmi, index_path):
    client, members = story_client
    cli = pmi("search", "deportasi", "--collapse", "--index", str(index_path), "--format", "json")
    assert cli.exit_code == 0, cli.output
    api = client.get("/api/search?q=deportasi&collapse=1")
    assert api.json() == json.loads(cli.stdout)
    story_hits = [h for h in api.json()["hits"] if h.get("story_id") == members["a1"].id]
    assert len(story_hits) == 1 and story_hits[0]["story_outlets"] == 3
    page = client.get("/?q=deportasi&collapse=1")
    assert f'href="/story/{members["a1"].id}"' in page.text and "+2 outlets" in page.text


def test_an_unknown_story_is_404(story_client):
    client, _ = story_client
    assert client.get("/story/nothing").status_code == 404
    assert client.get("/api/story/nothing").status_code == 404
