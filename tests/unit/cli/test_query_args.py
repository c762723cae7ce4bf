"""Which tokens of a search command line are query words (pmi_aggregator.cli.query_args)."""

from __future__ import annotations

import click
import pytest

from pmi_aggregator.cli.query_args import move_exclusions

PARAMS = [
    click.Argument(["words"], nargs=-1),
    click.Option(["-s", "--source"], multiple=True),
    click.Option(["-n", "--limit"], type=int),
    click.Option(["--from", "date_from"]),
    click.Option(["--include-undated"], is_flag=True),
]


@pytest.mark.parametrize(
    ("args", "moved"),
    [
        (["pekerja", "-malaysia"], ["pekerja", "--", "-malaysia"]),
        (["-s", "kompas", "-malaysia", "x"], ["-s", "kompas", "x", "--", "-malaysia"]),
        (["--from", "-5d", "x"], ["--from", "-5d", "x"]),  # an option's value stays its value
        (["--from=2025", "-taiwan"], ["--from=2025", "--", "-taiwan"]),
        (["--include-undated", "-taiwan"], ["--include-undated", "--", "-taiwan"]),
        (["-n", "5", "a", "b"], ["-n", "5", "a", "b"]),
        (["-a", "--", "-b"], ["--", "-a", "-b"]),
        (["x", "-"], ["x", "-"]),
        (["--bogus", "x"], ["--bogus", "x"]),  # a long option is never a word: click reports it
    ],
)
def test_exclusions_move_after_the_double_dash(args, moved):
    assert move_exclusions(args, PARAMS) == moved
