"""`pmi index reannotate` on an index written before annotation, and `pmi explain`."""

from __future__ import annotations

import json
from pathlib import Path

from pmi_aggregator import annotate, open_index
from pmi_aggregator.urls import article_id
from tests.unit.cli.conftest import ARTICLES, article


def stored(index_path: Path) -> dict[str, dict[str, list[str]]]:
    with open_index(str(index_path)) as index:
        return {
            a.id: {"countries": a.countries, "provinces": a.provinces, "topics": a.topics}
            for a in index.iter_articles()
        }


def test_reannotate_fills_an_old_index_then_changes_nothing(pmi, index_path: Path):
    assert all(not any(fields.values()) for fields in stored(index_path).values())  # before annotation
    first = pmi("index", "reannotate", "--index", str(index_path), "--batch-size", "7")
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == f"{ARTICLES} articles: {ARTICLES} updated, 0 unchanged"
    assert first.stderr == ""  # no progress bar off a terminal
    after = stored(index_path)
    for n in range(ARTICLES):
        raw = article(n)
        note = annotate(raw["title"], "", raw["body"])
        fields = after[article_id(raw["url"])]
        expected = {
            "countries": list(note.countries),
            "provinces": list(note.provinces),
            "topics": list(note.topics),
        }
        assert fields == expected and fields["countries"] and fields["topics"]
    again = pmi("index", "reannotate", "--index", str(index_path))
    assert again.stdout.strip() == f"{ARTICLES} articles: 0 updated, {ARTICLES} unchanged"
    assert stored(index_path) == after


def test_reannotate_one_source(pmi, index_path: Path):
    with open_index(str(index_path)) as index:
        kompas = index.count(source="kompas")
    done = pmi("index", "reannotate", "--index", str(index_path), "-s", "kompas")
    assert done.stdout.strip() == f"{kompas} articles: {kompas} updated, 0 unchanged"
    with open_index(str(index_path)) as index:
        for a in index.iter_articles():
            assert bool(a.countries) == (a.source == "kompas")


def test_reannotate_refuses_an_unknown_source_and_a_missing_index(pmi, index_path: Path, tmp_path: Path):
    unknown = pmi("index", "reannotate", "--index", str(index_path), "-s", "nope")
    assert unknown.exit_code == 2 and "no articles of the source 'nope'" in unknown.stderr
    missing = pmi("index", "reannotate", "--index", str(tmp_path / "none.db"))
    assert missing.exit_code == 4 and not (tmp_path / "none.db").exists()


def test_reannotate_waits_for_no_crawl(pmi, index_path: Path):
    from pmi_aggregator.crawler.state import CrawlLock
    from pmi_aggregator.index.location import lock_path

    with CrawlLock(lock_path(str(index_path))):
        busy = pmi("index", "reannotate", "--index", str(index_path))
    assert busy.exit_code == 3 and "another crawl" in busy.stderr
    assert all(not any(fields.values()) for fields in stored(index_path).values())


def test_explain_prints_the_decision_signals_and_fields(pmi, index_path: Path):
    ref = article_id(article(1)["url"])
    done = pmi("explain", "--index", str(index_path), ref[:8])
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert lines[0] == article(1)["title"]
    fields = dict(line.split(":", 1) for line in lines[2:])
    assert fields["relevant"].strip().startswith("yes (score ")
    assert "pekerja migran" in fields["signals"]
    assert fields["countries"].strip() == "MY" and fields["provinces"].strip() == "none"
    assert fields["topics"].strip() == "illegal, recruitment"
    assert {"organizations", "topics", "id", "source", "url"} <= set(fields)
    assert "pmi index reannotate" in done.stderr  # the index still holds the empty fields


def test_explain_json_and_the_stale_flag(pmi, index_path: Path):
    url = article(2)["url"]
    before = json.loads(pmi("explain", "--index", str(index_path), url, "--format", "json").stdout)
    assert before["relevant"] is True and before["signals"] and before["countries"] == ["MY"]
    assert before["stored"]["countries"] == [] and before["stored_up_to_date"] is False
    pmi("index", "reannotate", "--index", str(index_path))
    after = pmi("explain", "--index", str(index_path), url, "--format", "json")
    data = json.loads(after.stdout)
    assert data["stored_up_to_date"] is True and data["stored"]["countries"] == ["MY"]
    assert after.stderr == ""


def test_explain_of_an_unknown_ref_exits_2(pmi, index_path: Path):
    done = pmi("explain", "--index", str(index_path), "zzzz")
    assert done.exit_code == 2 and "no article 'zzzz'" in done.stderr


def test_explain_prints_hostile_text_as_plain_text(pmi, tmp_path: Path):
    path = tmp_path / "hostile.db"
    title = "Pekerja migran \x1b[2J\x1b]0;owned\x07 dipulangkan dari Malaysia\r\n[bold]x[/bold] %s {0}"
    with open_index(str(path)) as index:
        index.upsert([{"url": "https://example.org/h", "source": "demo", "title": title}])
    done = pmi("explain", "--index", str(path), "https://example.org/h")
    assert done.exit_code == 0, done.output
    first = done.stdout.splitlines()[0]
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout and "\r" not in done.stdout
    assert first == "Pekerja migran [2J ]0;owned dipulangkan dari Malaysia [bold]x[/bold] %s {0}"
