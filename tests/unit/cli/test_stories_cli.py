"""`pmi search --collapse`, `pmi story`, `pmi stories` and `pmi index relink` on an embedded index."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest

from pmi_aggregator import open_index
from tests.contract.articles import STORY_START, linked_story


@pytest.fixture
def stories_db(tmp_path: Path) -> Path:
    path = tmp_path / "stories.db"
    with open_index(str(path)) as index:
        index.upsert(linked_story().values())
    return path


def test_collapsed_search_counts_stories_and_shows_the_other_outlets(pmi, stories_db: Path):
    result = pmi("search", "deportasi", "--collapse", "--index", str(stories_db))
    assert result.exit_code == 0
    assert "+2 outlets" in result.stdout and "of 3 stories" in result.stderr
    payload = json.loads(
        pmi("search", "deportasi", "--collapse", "--format", "json", "--index", str(stories_db)).stdout
    )
    assert payload["total"] == 3
    story = next(hit for hit in payload["hits"] if hit["story_articles"] == 3)
    assert story["story_outlets"] == 3 and story["first_report"]["source"] == "antara"


def test_a_story_in_table_json_and_csv(pmi, stories_db: Path):
    first = linked_story()["a1"].id
    table = pmi("story", first[:8], "--index", str(stories_db))
    assert table.exit_code == 0 and "3 articles from 3 outlets" in table.stderr
    assert [line.split()[-2] for line in table.stdout.splitlines()[2:5]] == ["first", "copy", "report"]
    payload = json.loads(pmi("story", first, "--format", "json", "--index", str(stories_db)).stdout)
    assert payload["story_id"] == first and [a["source"] for a in payload["articles"]] == [
        "antara",
        "tribun",
        "detik",
    ]
    rows = list(
        csv.DictReader(io.StringIO(pmi("story", first, "--format", "csv", "--index", str(stories_db)).stdout))
    )
    assert rows[1]["kind"] == "copy" and rows[1]["copy_of"] == first


def test_a_story_that_does_not_exist_is_a_one_line_error(pmi, stories_db: Path):
    result = pmi("story", "nope", "--index", str(stories_db))
    assert result.exit_code == 2 and "no story or article 'nope'" in result.stderr


def test_stories_by_outlets_with_filters(pmi, stories_db: Path):
    since = (STORY_START - timedelta(days=1)).date().isoformat()
    payload = json.loads(
        pmi("stories", "--since", since, "--format", "json", "--index", str(stories_db)).stdout
    )
    assert [s["outlets"] for s in payload["stories"]] == [3, 1]
    saudi = json.loads(
        pmi(
            "stories", "--since", since, "--country", "SA", "--format", "json", "--index", str(stories_db)
        ).stdout
    )
    assert [s["title"] for s in saudi["stories"]] == ["Eksekusi"]


def test_relink_links_the_stored_articles_again(pmi, stories_db: Path):
    result = pmi("index", "relink", "--index", str(stories_db))
    assert result.exit_code == 0 and result.stdout.startswith("5 articles:")
    with open_index(str(stories_db)) as index:
        assert all(a.story_id for a in index.iter_articles())  # c1 was never linked; now it is
