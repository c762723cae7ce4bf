"""Reports of runs stopped early, quiet-run health warnings, summary and progress lines."""

from __future__ import annotations

import io

from rich.console import Console

from pmi_aggregator.crawler.progress import ProgressBoard, elapsed_line, plural, source_line
from pmi_aggregator.crawler.report import (
    CrawlReport,
    health_warnings,
    source_report,
    stopped_report,
    summary_line,
)

USUAL = [{"status": "ok", "found": 10, "fill": {}}, {"status": "ok", "found": 12, "fill": {}}]


def test_a_quiet_incremental_run_is_no_alarm():
    quiet = source_report("demo", {"pmi/discovery": "rest", "pmi/unchanged_in_listing": 3}, "finished")
    assert (quiet["found"], quiet["listed"]) == (0, 3)
    assert health_warnings("demo", quiet, USUAL) == []


def test_an_empty_listing_or_a_full_run_with_nothing_warns():
    empty = source_report("demo", {"pmi/discovery": "rest"}, "finished")
    assert health_warnings("demo", empty, USUAL) == [
        "demo yielded no articles this run (usually 11): its selectors or endpoints may have changed"
    ]
    assert health_warnings("demo", empty, [], full=True) == [
        "demo yielded no articles on a full run: its selectors or endpoints may have changed"
    ]


def test_stopped_runs_say_why():
    stats = {"pmi/discovery": "rest", "pmi/items": 4, "pmi/new": 4}
    unreachable = source_report(
        "demo", {"pmi/unreachable": "x.invalid (DNS lookup failed)"}, "unreachable_host"
    )
    assert (
        unreachable["error"] == "unreachable host x.invalid (DNS lookup failed)"
        and unreachable["unreachable"]
    )
    missing = source_report("demo", {"pmi/missing_dependency": "lxml_html_clean"}, "missing_dependency")
    assert missing["error"] == "a Python package is missing: lxml_html_clean"
    killed = stopped_report("demo", stats)
    assert (killed["status"], killed["found"], killed["new"]) == ("failed", 4, 4)
    assert "did not start" not in killed["error"]
    assert "did not start" in stopped_report("demo", None)["error"]
    assert source_report("demo", stats, "odd_reason")["error"] == "crawl stopped: odd_reason"


def test_unreachable_means_every_source():
    down = {"status": "failed", "unreachable": True}
    assert CrawlReport(sources={"a": down, "b": down}).unreachable
    assert not CrawlReport(sources={"a": down, "b": {"status": "ok"}}).unreachable
    assert not CrawlReport().unreachable


def test_summary_line():
    report = source_report("demo", {"pmi/discovery": "feed", "pmi/items": 1, "pmi/new": 1}, "finished")
    assert (
        summary_line(report)
        == "demo: ok via feed (1 found, 1 new, 0 updated, 0 unchanged, 0 failed, 0 pending)"
    )


def test_progress_lines_use_singular_counts():
    assert (plural(1, "page"), plural(0, "page"), plural(2, "failure")) == ("1 page", "0 pages", "2 failures")
    stats = {"response_received_count": 1, "pmi/new": 1, "pmi/errors/http_404": 1}
    assert source_line("demo", stats) == "demo: 1 page fetched, 1 article stored, 1 failure"
    assert elapsed_line(3725.2) == "elapsed 1:02:05"


def test_board_shows_running_sources_only():
    out = io.StringIO()
    board = ProgressBoard(Console(file=out, width=100))
    board.add("a", lambda: {"response_received_count": 2})
    board.add("b", dict)
    board.remove("b")
    board.console.print(board)
    text = out.getvalue()
    assert "a: 2 pages fetched, 0 articles stored, 0 failures" in text and "b:" not in text
    assert "elapsed 0:00:0" in text
