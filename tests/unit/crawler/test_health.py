"""Tests for source health: warnings against usual runs, and the `pmi sources` rows."""

from __future__ import annotations

from pathlib import Path

from pmi_aggregator.cli.health import source_rows
from pmi_aggregator.crawler.report import health_warnings
from pmi_aggregator.crawler.state import CrawlState
from pmi_aggregator.index.location import index_url_of, state_path_for


def run(found: int, date_fill: float | None = 1.0) -> dict:
    return {"status": "ok", "found": found, "new": found, "fill": {"date": date_fill}}


def test_no_warning_for_a_usual_run():
    assert health_warnings("apakabaronline", run(12), [run(10), run(14), run(0)]) == []


def test_a_source_that_usually_yields_and_now_yields_nothing():
    warnings = health_warnings("apakabaronline", run(0, None), [run(10), run(14), run(12)])
    assert warnings == [
        "apakabaronline yielded no articles this run (usually 12): its selectors or endpoints may have changed"
    ]


def test_nothing_new_is_no_warning_when_the_source_usually_yields_nothing():
    assert health_warnings("quiet", run(0, None), [run(0, None), run(0, None)]) == []
    assert health_warnings("first-run", run(0, None), []) == []


def test_date_fill_rate_drop():
    warnings = health_warnings("apakabaronline", run(10, 0.4), [run(10, 1.0), run(9, 0.9), run(11, 1.0)])
    assert warnings == [
        "apakabaronline found a date for 40% of its articles (usually 100%): its date selectors may have changed"
    ]
    assert health_warnings("apakabaronline", run(10, 0.75), [run(10, 1.0)]) == []


def test_sources_rows_show_found_new_errors_and_fill(tmp_path: Path):
    spec = str(tmp_path / "pmi.db")
    state = CrawlState(state_path_for(index_url_of(spec)))
    run_id = state.start_run("apakabaronline")
    report = {
        **run(7, 0.5),
        "new": 3,
        "errors": {"http_404": 2, "broken_page": 1},
        "fill": {"date": 0.5, "author": 1.0, "body": 1.0},
        "warnings": [],
    }
    state.finish_run(run_id, "ok", report)
    state.close()
    row = next(r for r in source_rows(spec) if r["source"] == "apakabaronline")
    assert (row["status"], row["found"], row["new"], row["errors"]) == ("ok", 7, 3, 3)
    assert (row["date_fill"], row["author_fill"], row["body_fill"]) == (0.5, 1.0, 1.0)
