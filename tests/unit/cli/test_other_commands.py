"""`pmi export`, `pmi info`, `pmi sources`, `pmi crawl` argument checks and the logging options."""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
from pathlib import Path

import pytest

from pmi_aggregator.cli import export as exporting
from tests.unit.cli.conftest import ARTICLES


@pytest.mark.parametrize("sort", ["newest", "oldest", "relevance"])
def test_export_follows_the_cursor_past_every_page(pmi, index_path: Path, monkeypatch, sort: str):
    monkeypatch.setattr(exporting, "PAGE", 4)  # 25 articles: seven pages, the last one short
    done = pmi("export", "--index", str(index_path), "--sort", sort)
    assert done.exit_code == 0, done.output
    ids = [json.loads(line)["id"] for line in done.stdout.splitlines()]
    assert len(ids) == len(set(ids)) == ARTICLES


def test_export_takes_the_search_query_and_filters(pmi, index_path: Path):
    done = pmi(
        "export", "--index", str(index_path), "pekerja", "-malaysia", "-s", "kompas", "--format", "csv"
    )
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert rows and {r["source"] for r in rows} == {"kompas"}
    assert all("Malaysia" not in r["body"] for r in rows)
    assert list(rows[0])[:3] == ["id", "url", "source"]


def test_export_to_a_file_shows_no_progress_bar_off_a_terminal(pmi, index_path: Path, tmp_path: Path):
    out = tmp_path / "all.jsonl"
    done = pmi("export", "--index", str(index_path), "-o", str(out))
    assert done.exit_code == 0, done.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == ARTICLES
    assert done.stderr.strip() == f"exported {ARTICLES} articles to {out}"


def test_parquet_export(pmi, index_path: Path, tmp_path: Path):
    parquet = pytest.importorskip("pyarrow.parquet")
    pyarrow_types = pytest.importorskip("pyarrow.types")
    out = tmp_path / "all.parquet"
    done = pmi("export", "--index", str(index_path), "--format", "parquet", "-o", str(out))
    assert done.exit_code == 0, done.output
    table = parquet.read_table(out)
    assert table.num_rows == ARTICLES
    assert str(table.schema.field("published_at").type) == "timestamp[us, tz=UTC]"
    authors = table.schema.field("authors").type
    assert pyarrow_types.is_list(authors) and pyarrow_types.is_string(authors.value_type)


def test_parquet_without_pyarrow_is_one_line(pmi, index_path: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # import fails as if not installed
    done = pmi("export", "--index", str(index_path), "--format", "parquet", "-o", str(tmp_path / "x.parquet"))
    assert done.exit_code == 2
    assert done.stderr.strip().splitlines() == [
        "Error: --format parquet needs pyarrow: pip install 'pmi-aggregator[export]' (or use jsonl or csv)"
    ]
    assert not (tmp_path / "x.parquet").exists()


def test_info_masks_credentials(pmi, tmp_path: Path):
    env = {
        "PMI_INDEX": "https://elastic:hunter2@es.example.org:9200/pmi-articles",
        "PMI_ES_PASSWORD": "hunter2",
        "PMI_ES_API_KEY": "c2VjcmV0",
        "PMI_DATA_DIR": str(tmp_path / "data"),
    }
    done = pmi("info", "--format", "json", env=env)
    assert done.exit_code == 0, done.output
    facts = json.loads(done.stdout)
    assert "hunter2" not in done.stdout and "c2VjcmV0" not in done.stdout
    assert facts["index"] == facts["PMI_INDEX"] == "https://es.example.org:9200/pmi-articles"
    assert facts["PMI_ES_PASSWORD"] == facts["PMI_ES_API_KEY"] == "***"
    assert facts["data folder"].startswith(str(tmp_path / "data"))
    assert "not found" in facts["config file"] and facts["version"]
    assert not (tmp_path / "data").exists()


def test_help_names_the_environment_variables(pmi):
    text = pmi("--help").stdout
    assert all(name in text for name in ("PMI_INDEX", "PMI_CONFIG", "PMI_DATA_DIR"))


def test_sources_table_fits_80_columns(pmi, index_path: Path):
    done = pmi("sources", "--index", str(index_path), env={"COLUMNS": "80"})
    assert done.exit_code == 0, done.output
    assert max(map(len, done.stdout.splitlines())) <= 80
    assert "apakabaronline " in done.stdout  # the key whole, not cut short
    assert "not shown for lack of width" in done.stderr


def test_sources_lists_the_sources_before_the_first_crawl_but_exits_4(pmi, tmp_path: Path):
    done = pmi("sources", "--index", str(tmp_path / "none.db"), "--format", "json")
    assert done.exit_code == 4
    assert any(row["source"] == "apakabaronline" for row in json.loads(done.stdout))
    assert "no index at" in done.stderr


@pytest.mark.parametrize("since", ["bananas", "2025-13-45", "-5d", "yesterday", "31/01/2025"])
def test_crawl_bad_since_is_exit_2(pmi, since: str):
    done = pmi("crawl", "--since", since)
    assert done.exit_code == 2
    assert repr(since) in done.stderr


def test_crawl_unknown_source_is_exit_2(pmi, tmp_path: Path):
    done = pmi("crawl", "nosuchsource", "--index", str(tmp_path / "pmi.db"))
    assert done.exit_code == 2
    assert "nosuchsource" in done.stderr


def test_log_options(pmi, tmp_path: Path, index_path: Path):
    log = tmp_path / "pmi.log"
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        done = pmi(
            "--log-file", str(log), "--log-level", "warning", "search", "--index", str(index_path), "x"
        )
        assert done.exit_code == 0, done.output
        logging.getLogger("pmi_aggregator.test").warning("to the file")
        logging.getLogger("pmi_aggregator.test").info("below the level")
        for handler in root.handlers:
            handler.flush()
        text = log.read_text(encoding="utf-8")
        assert "to the file" in text and "below the level" not in text
        assert pmi("--quiet", "info").exit_code == 0
        assert root.level == logging.WARNING
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)


def test_an_unwritable_log_file_is_bad_usage(pmi, tmp_path: Path):
    done = pmi("--log-file", str(tmp_path / "no" / "such" / "dir" / "x.log"), "info")
    assert done.exit_code == 2
