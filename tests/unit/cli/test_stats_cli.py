"""`pmi stats`: counts per period as a table, JSON or CSV, a terminal chart, a PNG, undated apart."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from pmi_aggregator import open_index
from tests.contract.articles import WIB, art, linked_story


@pytest.fixture
def dated(tmp_path: Path) -> Path:
    path = tmp_path / "dated.db"
    with open_index(str(path)) as index:
        index.upsert(
            art(
                f"a{n}",
                source=f"s{n % 2}",
                title="Gaji pekerja",
                countries=[country],
                published=datetime(2024, month, 3, 9, 0, tzinfo=WIB) if month else None,
            )
            for n, (month, country) in enumerate([(1, "MY"), (1, "TW"), (1, "MY"), (3, "MY"), (0, "HK")])
        )
    return path


def test_the_table_counts_per_month_and_says_the_undated_are_apart(pmi, dated):
    done = pmi("stats", "--index", str(dated))
    assert done.exit_code == 0, done.output
    rows = [line.split() for line in done.stdout.splitlines()[2:]]
    assert rows == [["2024-01", "3"], ["2024-03", "1"], ["undated", "1"]]
    assert "1 articles without a date are counted apart, in no period" in done.stderr


def test_json_with_a_split_and_filters(pmi, dated):
    done = pmi(
        "stats", "gaji", "--index", str(dated), "--split", "country", "--source", "s0", "--format", "json"
    )
    assert done.exit_code == 0, done.output
    payload = json.loads(done.stdout)
    assert (payload["by"], payload["split"], payload["timezone"]) == ("month", "countries", "+07:00")
    assert payload["periods"] == [{"period": "2024-01", "split": "MY", "count": 2}]
    assert payload["undated"] == [{"split": "HK", "count": 1}]
    assert (payload["dated_total"], payload["undated_total"]) == (2, 1)


def test_csv_rows_have_an_empty_period_for_the_undated(pmi, dated):
    done = pmi("stats", "--index", str(dated), "--by", "year", "--split", "source", "--format", "csv")
    assert done.exit_code == 0, done.output
    reader = csv.reader(io.StringIO(done.stdout))
    assert next(reader) == ["period", "split", "count"]
    assert list(reader) == [["2024", "s0", "2"], ["2024", "s1", "2"], ["", "s0", "1"]]


def test_the_chart_draws_one_bar_per_period_and_one_chart_per_split_value(pmi, dated):
    done = pmi("stats", "--index", str(dated), "--split", "country", "--chart")
    assert done.exit_code == 0, done.output
    chart = done.stdout.split("period")[0]
    assert [word for word in chart.split() if word in ("MY", "TW", "HK")] == ["MY", "TW"]
    assert chart.count("2024-01") == chart.count("2024-03") == 2  # every chart shows every period
    assert "█" in chart
    plain = pmi("stats", "--index", str(dated))
    assert "█" not in plain.stdout  # not a terminal: the table only


def test_png_writes_a_chart(pmi, dated, tmp_path):
    pytest.importorskip("matplotlib", reason="the charts extra (matplotlib) is not installed")
    target = tmp_path / "chart.png"
    done = pmi("stats", "--index", str(dated), "--split", "source", "--png", str(target), "--format", "json")
    assert done.exit_code == 0, done.output
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert target.stat().st_size > 5000
    empty = pmi("stats", "nothing-matches", "--index", str(dated), "--png", str(tmp_path / "no.png"))
    assert empty.exit_code == 0
    assert "no dated article matches" in empty.stderr
    assert not (tmp_path / "no.png").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "hour"], "Invalid value for '--by'"),
        (["--split", "author"], "Invalid value for '--split'"),
        (["--from", "2024-05-01", "--to", "2024-01-01"], "date_from is after date_to"),
        (["--png", "/nonexistent-dir/x.png"], "cannot write /nonexistent-dir/x.png"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(pmi, dated, args, message):
    if "--png" in args:
        pytest.importorskip("matplotlib", reason="the charts extra (matplotlib) is not installed")
    done = pmi("stats", "--index", str(dated), *args)
    assert done.exit_code == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_index_exits_4(pmi, tmp_path):
    done = pmi("stats", "--index", str(tmp_path / "none.db"))
    assert done.exit_code == 4
    assert "no index at" in done.stderr


def test_collapse_counts_stories(pmi, tmp_path):
    path = tmp_path / "stories.db"
    with open_index(str(path)) as index:
        index.upsert(linked_story().values())  # story A: 3 articles over 2 days; B and C: 1 each
    done = pmi("stats", "--index", str(path), "--by", "month", "--collapse", "--format", "json")
    assert done.exit_code == 0, done.output
    payload = json.loads(done.stdout)
    assert payload["counted"] == "stories"
    articles = json.loads(pmi("stats", "--index", str(path), "--by", "month", "--format", "json").stdout)
    assert articles["counted"] == "articles"
    assert payload["dated_total"] == 3 and articles["dated_total"] == 5
