"""The JSON API returns exactly what the CLI's ``--format json`` returns for the same arguments."""

from __future__ import annotations

import json

import pytest

CASES = [
    ("q=gaji", ["gaji"]),
    ("q=gaji+-perekrutan&country=MY&limit=3", ["gaji", "-perekrutan", "--country", "MY", "-n", "3"]),
    (
        "q=pekerja&sort=newest&from=2024-02&to=2024-05&source=s1",
        ["pekerja", "--sort", "newest", "--from", "2024-02", "--to", "2024-05", "-s", "s1"],
    ),
    (
        "topic=gaji&province=Jawa+Timur&include_undated=1&from=2024-03",
        ["--topic", "gaji", "--province", "Jawa Timur", "--include-undated", "--from", "2024-03"],
    ),
    (
        "q=tki&explain=1&facets=country,topic&limit=2",
        ["tki", "--explain", "--facets", "country,topic", "-n", "2"],
    ),
    ("q=gaji&exact=1&offset=4&limit=4", ["gaji", "--exact", "--offset", "4", "-n", "4"]),
]


@pytest.mark.parametrize(("query", "args"), CASES)
def test_search_equals_pmi_search_json(client, pmi, index_path, query, args):
    cli = pmi("search", "--index", str(index_path), "--format", "json", *args)
    assert cli.exit_code == 0, cli.output
    api = client.get(f"/api/search?{query}")
    assert api.status_code == 200
    assert api.json() == json.loads(cli.stdout)


def test_the_cursor_pages_the_same_way(client, pmi, index_path):
    first = client.get("/api/search?q=gaji&sort=newest&limit=5").json()
    cli = pmi(
        "search",
        "--index",
        str(index_path),
        "--format",
        "json",
        "gaji",
        "--sort",
        "newest",
        "-n",
        "5",
        "--cursor",
        first["cursor"],
    )
    second = client.get(f"/api/search?q=gaji&sort=newest&limit=5&cursor={first['cursor']}").json()
    assert second == json.loads(cli.stdout)
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}


def test_facets_stats_and_article_equal_the_cli(client, pmi, index_path):
    where = ["--index", str(index_path), "--format", "json"]
    facets = pmi("facets", *where, "gaji", "--by", "country,topic", "-n", "3")
    assert client.get("/api/facets?q=gaji&by=country,topic&limit=3").json() == json.loads(facets.stdout)
    stats = pmi("stats", *where, "gaji", "--by", "week", "--split", "country")
    api = client.get("/api/stats?q=gaji&by=week&split=country&limit=6").json()
    assert api == json.loads(stats.stdout)
    assert client.get("/api/stats?q=gaji&by=week&split=countries&limit=6").json() == api
    article_id = api and client.get("/api/search?q=gaji&limit=1").json()["hits"][0]["id"]
    shown = pmi("show", "--index", str(index_path), "--format", "json", article_id)
    assert client.get(f"/api/article/{article_id}").json() == json.loads(shown.stdout)


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/api/search?from=kemarin", 400, "cannot read from 'kemarin'"),
        ("/api/search?limit=5000", 400, "limit must be a whole number from 0 to 1000"),
        ("/api/search?sort=best", 400, "sort must be one of"),
        ("/api/search?cursor=garbage", 400, "cursor"),
        ("/api/search?q=%22", 200, None),
        ("/api/facets?by=author", 400, "cannot count by 'author'"),
        ("/api/stats?by=hour", 400, "by must be one of"),
        ("/api/article/nope", 404, "no article 'nope'"),
        ("/?exact=maybe", 400, "exact must be 1 or 0"),
    ],
)
def test_bad_input_is_one_line_with_its_status(client, path, status, message):
    response = client.get(path)
    assert response.status_code == status
    if message is not None:
        text = response.json()["error"] if path.startswith("/api/") else response.text
        assert message in text
        assert "Traceback" not in response.text
