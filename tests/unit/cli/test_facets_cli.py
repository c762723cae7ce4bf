"""`pmi facets`, the facet filters of `pmi search` and `pmi export`, and `pmi search --facets`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pmi_aggregator import open_index
from tests.contract.articles import art


@pytest.fixture
def marked(tmp_path: Path) -> Path:
    path = tmp_path / "marked.db"
    with open_index(str(path)) as index:
        index.upsert(
            [
                art("a", title="Gaji pekerja", countries=["MY"], provinces=["Jawa Timur"], topics=["gaji"]),
                art("b", title="Perekrutan pekerja", countries=["TW"], organizations=["BP2MI"]),
                art("c", title="Pekerja", countries=["MY", "TW"], topics=["gaji", "perekrutan"]),
                art("d", title="Deportasi", source="s2", countries=["HK"], topics=["deportasi"]),
            ]
        )
    return path


def test_facets_table_counts_every_field_by_default(pmi, marked):
    done = pmi("facets", "--index", str(marked))
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["field", "value", "count"]
    assert [line.split() for line in lines[2:5]] == [
        ["countries", "MY", "2"],
        ["countries", "TW", "2"],
        ["countries", "HK", "1"],
    ]
    assert any(line.split() == ["organizations", "BP2MI", "1"] for line in lines)


def test_facets_json_with_query_filters_and_limit(pmi, marked):
    done = pmi(
        "facets", "--index", str(marked), "pekerja", "--by", "country", "--by", "topic", "--org", "BP2MI",
        "--format", "json",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout) == {
        "query": "pekerja",
        "facets": {"countries": [{"value": "TW", "count": 1}], "topics": []},
    }
    limited = pmi("facets", "--index", str(marked), "--by", "country,topic", "-n", "1", "--format", "json")
    assert json.loads(limited.stdout)["facets"] == {
        "countries": [{"value": "MY", "count": 2}],
        "topics": [{"value": "gaji", "count": 2}],
    }


def test_facets_csv(pmi, marked):
    done = pmi("facets", "--index", str(marked), "--by", "topic", "--country", "my", "--format", "csv")
    assert done.exit_code == 0, done.output
    assert list(csv.DictReader(io.StringIO(done.stdout))) == [
        {"field": "topics", "value": "gaji", "count": "2"},
        {"field": "topics", "value": "perekrutan", "count": "1"},
    ]


def test_search_filters_or_within_and_across(pmi, marked):
    done = pmi(
        "search", "--index", str(marked), "--country", "MY", "--country", "HK", "--topic", "gaji",
        "--format", "json",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert sorted(h["url"].rsplit("/", 1)[-1] for h in json.loads(done.stdout)["hits"]) == ["a", "c"]


def test_search_json_with_facets(pmi, marked):
    done = pmi("search", "--index", str(marked), "pekerja", "--format", "json", "--facets", "country,org")
    assert done.exit_code == 0, done.output
    payload = json.loads(done.stdout)
    assert payload["total"] == 3
    assert payload["facets"] == {
        "countries": [{"value": "MY", "count": 2}, {"value": "TW", "count": 2}],
        "organizations": [{"value": "BP2MI", "count": 1}],
    }
    assert "facets" not in json.loads(pmi("search", "--index", str(marked), "--format", "json").stdout)


def test_export_takes_the_filters(pmi, marked):
    done = pmi("export", "--index", str(marked), "--province", "Jawa Timur")
    assert done.exit_code == 0, done.output
    assert [json.loads(line)["countries"] for line in done.stdout.splitlines()] == [["MY"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("facets", "--by", "author"), "cannot count by 'author'"),
        (("facets", "--country", "x" * 201), "longer than 200 characters"),
        (("search", "--facets", "topic"), "--facets needs --format json"),
        (("search", "--facets", "nope", "--format", "json"), "cannot count by 'nope'"),
    ],
)
def test_bad_facet_arguments_exit_2_with_one_line(pmi, marked, args, message):
    done = pmi(*args[:1], "--index", str(marked), *args[1:])
    assert done.exit_code == 2
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1
